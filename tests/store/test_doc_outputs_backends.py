"""Stored output parts on both backends: the files equal those built from the documents, and a part never
outlives the version of the document it was built from (whoever saved the document), nor a schema change."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import write_outputs
from lagebild.export import build_export, write_export
from lagebild.export.csv_export import write_csv
from lagebild.export.doc_outputs import OutputKeys
from lagebild.model import SourceRef
from lagebild.store import open_store
from lagebild.store.rows import document_rows
from lagebild.store.schema import SCHEMA_VERSION
from lagebild.store.sqlite import SQLiteStore
from tests.store.reads import counted_reads


@pytest.fixture
def filled(store: Any, example_analysis: dict[str, Any]) -> tuple[Any, Any]:
    """This backend's store holding the analysed examples and their picture."""
    src = example_analysis["store"]
    docs = list(src.iter_documents())
    store.save_documents(docs)
    for doc in docs:
        for source in src.sources(doc.id):
            store.add_source(doc.id, SourceRef.from_json(source))
    corpus = src.load_corpus()
    store.save_corpus(corpus)
    return store, store.load_corpus()


def _sql(store: Any, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Run one statement on the store's own connection (as another program, or an older lagebild, would)."""
    if isinstance(store, SQLiteStore):
        with store.db:
            return list(store.db.execute(sql, params))
    with store.db.transaction():
        cur = store.db.execute(sql.replace("?", "%s"), params)
        return list(cur.fetchall()) if cur.description else []


def _save_keeping_parts(store: Any, doc: Any) -> None:
    """Save ``doc`` the way a lagebild that does not know ``doc_outputs`` does: its row is replaced, its part left."""
    rows = document_rows(doc)
    _sql(store, "INSERT INTO documents(id, hash, title, added_at, json) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET title = excluded.title, json = excluded.json",
         (doc.id, doc.hash, doc.meta.title, 0.0, rows.json))


def _outputs(store: Any, corpus: Any, folder: Path) -> tuple[bytes, dict[str, bytes]]:
    tables = write_outputs(store, corpus, folder / "lagebild.json", None, csv_dir=folder / "csv")
    return (folder / "lagebild.json").read_bytes(), {p.name: p.read_bytes() for p in tables}


def _built(store: Any, corpus: Any, folder: Path) -> tuple[bytes, dict[str, bytes]]:
    export = build_export(store, corpus=corpus)
    return write_export(export, folder / "built.json").read_bytes(), {p.name: p.read_bytes() for p in write_csv(export, folder / "csv")}


def test_outputs_from_stored_parts_equal_the_outputs_built_from_the_documents(
    filled: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, corpus = filled
    want = _built(store, corpus, tmp_path / "want")
    assert _outputs(store, corpus, tmp_path / "first") == want
    read = counted_reads(store, monkeypatch)
    assert _outputs(store, corpus, tmp_path / "again") == want
    assert read == []  # every part came from the store


def test_a_document_saved_again_without_dropping_its_part_gets_its_part_built_again(
    filled: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, corpus = filled
    ids = store.document_ids()
    _outputs(store, corpus, tmp_path / "first")
    doc = store.get_document(ids[0])
    doc.meta = replace(doc.meta, title="Ein anderer Titel nach dem Speichern")
    _save_keeping_parts(store, doc)
    assert set(store.document_outputs(ids)) == set(ids)  # the stale part is still there
    read = counted_reads(store, monkeypatch)
    got = _outputs(store, corpus, tmp_path / "second")
    assert read == [ids[0]]  # only the saved document is read again
    monkeypatch.undo()
    assert got == _built(store, corpus, tmp_path / "want")
    assert b"Ein anderer Titel nach dem Speichern" in got[0]


def test_the_store_counts_every_save_of_a_document(filled: tuple[Any, Any]) -> None:
    store, _ = filled
    one = store.document_ids()[0]
    first = store.document_generations([one])[one]
    store.save_document(store.get_document(one))
    assert store.document_generations([one])[one] == first + 1
    _save_keeping_parts(store, store.get_document(one))
    assert store.document_generations([one])[one] == first + 2
    _sql(store, "UPDATE documents SET title = ? WHERE id = ?", ("x", one))
    assert store.document_generations([one])[one] == first + 3
    assert store.document_generations(["no such document"]) == {}


def test_opening_a_schema_3_store_drops_its_output_parts_and_records_the_new_version(
    filled: tuple[Any, Any], store_url: str, tmp_path: Path
) -> None:
    store, corpus = filled
    ids = store.document_ids()
    _outputs(store, corpus, tmp_path / "first")
    assert set(store.document_outputs(ids)) == set(ids)
    _sql(store, "UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    again = open_store(store_url)
    try:
        assert again.document_outputs(ids) == {}
        assert _sql(again, "SELECT value FROM meta WHERE key = 'schema_version'")[0][0 if isinstance(again, SQLiteStore) else "value"] \
            == str(SCHEMA_VERSION)
        _outputs(again, corpus, tmp_path / "second")
    finally:
        again.close()
    third = open_store(store_url)  # already migrated: its parts stay
    try:
        assert set(third.document_outputs(ids)) == set(ids)
    finally:
        third.close()


def test_parts_are_reused_whatever_order_the_store_returns_sources_in(
    filled: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, corpus = filled
    ids = store.document_ids()
    store.add_source(ids[0], SourceRef(path="a-first/copy.txt", format="txt"))
    store.add_source(ids[0], SourceRef(path="z-last/copy.txt", format="txt"))
    want = _outputs(store, corpus, tmp_path / "first")
    sources_of = store.sources_of
    monkeypatch.setattr(store, "sources_of", lambda chunk: {i: s[::-1] for i, s in sources_of(chunk).items()})
    read = counted_reads(store, monkeypatch)
    assert _outputs(store, corpus, tmp_path / "reversed") == want
    assert read == []


def test_the_digest_names_the_document_and_its_save_not_its_sources(filled: tuple[Any, Any]) -> None:
    _, corpus = filled
    keys = OutputKeys(corpus, "v")
    assert keys.digest("d", 2) != keys.digest("d", 3)
    assert keys.digest("d", 2) != keys.digest("e", 2)
    assert keys.digest("d", 2) != OutputKeys(corpus, "w").digest("d", 2)


def test_a_store_that_cannot_keep_parts_gives_one_warning_naming_a_document(
    filled: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store, corpus = filled

    def refuse(rows: Any) -> None:
        raise PermissionError("read-only store")

    monkeypatch.setattr(store, "save_document_outputs", refuse)
    monkeypatch.setattr("lagebild.report.html.DOCUMENT_BATCH", 2)  # several batches fail
    with caplog.at_level(logging.WARNING, logger="lagebild.export.doc_outputs"):
        got = _outputs(store, corpus, tmp_path / "out")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "PermissionError" in message and any(i in message for i in store.document_ids())
    assert got == _built(store, corpus, tmp_path / "want")  # the run's files are complete
