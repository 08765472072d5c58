"""Outputs written from the documents' stored parts equal those built from the documents; a changed input rebuilds its part."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import lagebild.report.html as report_html
from lagebild.analyze import write_outputs
from lagebild.export import build_export, write_export
from lagebild.export.csv_export import write_csv
from lagebild.export.doc_outputs import DocumentOutput
from lagebild.model import SourceRef
from lagebild.report.html import render_report
from tests.store.reads import counted_reads


@pytest.fixture
def store(example_store_copy: Any) -> Any:
    return example_store_copy


def _expected(store: Any, corpus: Any, folder: Path) -> tuple[bytes, dict[str, bytes], str]:
    export = build_export(store, corpus=corpus)
    json_bytes = write_export(export, folder / "built.json").read_bytes()
    tables = {p.name: p.read_bytes() for p in write_csv(export, folder / "csv")}
    docs = list(store.iter_documents())
    return json_bytes, tables, render_report(store, corpus=corpus, documents=docs, export=export)


def _written(store: Any, corpus: Any, folder: Path) -> tuple[bytes, dict[str, bytes], str]:
    tables = write_outputs(store, corpus, folder / "lagebild.json", folder / "report.html", csv_dir=folder / "csv")
    return ((folder / "lagebild.json").read_bytes(), {p.name: p.read_bytes() for p in tables},
            (folder / "report.html").read_text("utf-8"))


@pytest.mark.parametrize("batch", [200, 2])
def test_outputs_from_stored_parts_are_the_outputs_built_from_the_documents(
    store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # a compact report (above FULL_REPORT_ARTICLES) needs only each article's metadata: the parts serve it
    monkeypatch.setattr(report_html, "FULL_REPORT_ARTICLES", 2)
    monkeypatch.setattr(report_html, "DOCUMENT_BATCH", batch)
    corpus = store.load_corpus()
    ids = store.document_ids()
    want = _expected(store, corpus, tmp_path / "want")
    assert store.document_outputs(ids) == {}
    first = _written(store, corpus, tmp_path / "first")  # builds and keeps every part
    assert first == want
    assert set(store.document_outputs(ids)) == set(ids)
    read = counted_reads(store, monkeypatch)
    again = _written(store, corpus, tmp_path / "again")  # from the stored parts
    assert again == want
    assert len(read) <= report_html.COMPACT_ARTICLE_TEXTS and len(read) < 2 * len(ids)  # only the articles the report shows
    read.clear()
    write_outputs(store, corpus, tmp_path / "json-only" / "lagebild.json", None)
    assert read == []  # the export alone reads no document
    assert (tmp_path / "json-only" / "lagebild.json").read_bytes() == want[0]


def test_a_changed_input_rebuilds_only_that_documents_part(store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = store.load_corpus()
    ids = store.document_ids()
    write_outputs(store, corpus, tmp_path / "first.json", None)
    # another entity for one article's mentions (as after a run that resolved them otherwise), an inferred
    # date for another: these articles' parts are built again, the rest kept; a new source of a third (its
    # file found under another path) is written into its stored part, which is not built again
    one, two, three = ids[0], ids[1], ids[2]
    renamed = {m: (f"{e}-x" if m.startswith(one + "#") and e else e) for m, e in corpus.mention_entity.items()}
    assert renamed != corpus.mention_entity
    changed = replace(corpus, mention_entity=renamed, inferred_dates={**corpus.inferred_dates, two: {"value": "2001-02-03"}})
    store.add_source(three, SourceRef(path="elsewhere/copy.txt", format="txt"))
    read = counted_reads(store, monkeypatch)
    write_outputs(store, changed, tmp_path / "changed.json", None)
    assert sorted(read) == sorted([one, two])
    monkeypatch.undo()
    want = write_export(build_export(store, corpus=changed), tmp_path / "want.json").read_bytes()
    assert (tmp_path / "changed.json").read_bytes() == want
    assert want != (tmp_path / "first.json").read_bytes()
    assert b"elsewhere/copy.txt" in want
    # saving a document again drops its part
    store.save_document(store.get_document(one))
    assert set(store.document_outputs(ids)) == set(ids) - {one}


def test_a_part_survives_encoding(store: Any) -> None:
    corpus = store.load_corpus()
    for doc in store.iter_documents():
        part = DocumentOutput.of(doc, store.sources(doc.id), corpus)
        back = DocumentOutput.decode(part.encode())
        assert (back.entries, back.meta, back.inconsistencies) == (part.entries, part.meta, part.inconsistencies)
        assert back.items() == part.items() and back.counts() == part.counts()


def test_a_report_alone_builds_no_export_entries(store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lagebild.export.doc_outputs as doc_outputs

    monkeypatch.setattr(report_html, "FULL_REPORT_ARTICLES", 2)  # the compact report, served by the parts
    corpus = store.load_corpus()
    ids = store.document_ids()
    want = _expected(store, corpus, tmp_path / "want")[2]

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("export entries built for a report alone")

    monkeypatch.setattr(doc_outputs, "document_entries", refuse)
    write_outputs(store, corpus, None, tmp_path / "alone.html")
    assert (tmp_path / "alone.html").read_text("utf-8") == want
    assert store.document_outputs(ids) == {}  # a part without entries is never kept
    monkeypatch.undo()
    monkeypatch.setattr(report_html, "FULL_REPORT_ARTICLES", 2)
    write_outputs(store, corpus, tmp_path / "lagebild.json", None)  # keeps every whole part
    monkeypatch.setattr(doc_outputs, "document_entries", refuse)
    write_outputs(store, corpus, None, tmp_path / "again.html")  # the kept parts serve the report as they are
    assert (tmp_path / "again.html").read_text("utf-8") == want


def test_a_moved_file_keeps_its_documents_part_and_story(store: Any, examples_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.analyze import analyze_paths

    folder = tmp_path / "in"
    shutil.copytree(examples_dir, folder)
    write_outputs(store, store.load_corpus(), tmp_path / "first.json", None)  # every part kept
    moved = sorted(folder.glob("*.txt"))[0]
    moved.rename(moved.with_name("renamed-" + moved.name))
    run = analyze_paths([folder], store, jobs=1)
    assert run.already_stored == 5 and run.ok == 0
    assert run.main_cpu["stories recomputed"] == 0  # the story's inputs did not change
    read = counted_reads(store, monkeypatch)
    write_outputs(store, run.corpus, tmp_path / "again.json", None)
    assert read == []  # every part taken from the store, the new path written into its entry
    monkeypatch.undo()
    want = write_export(build_export(store, corpus=run.corpus), tmp_path / "want.json").read_bytes()
    assert (tmp_path / "again.json").read_bytes() == want
    assert b"renamed-" + moved.name.encode() in want


def test_a_stored_part_given_other_sources_is_the_part_built_with_them(store: Any) -> None:
    corpus = store.load_corpus()
    doc = store.get_document(store.document_ids()[0])
    # paths that hold the very text the entry's sources are found by
    odd = [{"path": 'a], "format": "x.txt', "record": -1}, {"path": 'b, "sources": [.txt', "record": 2}]
    for before, after in (([], odd), (odd, []), (odd, odd[:1]), (store.sources(doc.id), odd)):
        stored = DocumentOutput.decode(DocumentOutput.of(doc, before, corpus).encode())
        want = DocumentOutput.of(doc, after, corpus)
        got = stored.with_sources(after)
        assert (got.entries, got.meta, got.inconsistencies) == (want.entries, want.meta, want.inconsistencies)
    same = DocumentOutput.decode(DocumentOutput.of(doc, odd, corpus).encode())
    assert same.with_sources(odd) is same  # nothing to write
