"""Batched saves with rows computed elsewhere: same stored content, all or nothing, replacements stay single."""

from __future__ import annotations

import pickle
import sqlite3
from typing import Any

import pytest
from test_store_backends import TEXTS, make_doc

from lagebild.errors import StoreError
from lagebild.store.rows import document_rows


def _stored(store: Any) -> tuple[Any, ...]:
    ids = store.document_ids()
    docs = {i: store.get_document(i).to_json() for i in ids}
    anns = sorted((r["doc"], r["ann"], r["label"], r["start"], r["end"], r["text"], repr(r["data"]))
                  for kind in ("sentence", "entity") for r in store.iter_annotations(kind))
    hits = {q: sorted(h["doc"] for h in store.search(q)) for q in ("Soldat", "Russland", "Wetter", "Kreml")}
    return ids, docs, anns, hits


def test_batch_with_worker_rows_stores_what_single_saves_store(store_url: str, tmp_path: Any) -> None:
    from lagebild.store import open_store

    docs = [make_doc(i, *TEXTS[i]) for i in TEXTS]
    single = open_store(str(tmp_path / "single.db"))
    for doc in docs:
        single.save_document(doc)
    batched = open_store(store_url)
    rows = [pickle.loads(pickle.dumps(document_rows(d))) for d in docs]  # as they come back from a worker
    batched.save_documents([pickle.loads(pickle.dumps(d)) for d in docs], rows)
    assert _stored(batched) == _stored(single)
    assert sum(n for _, n in batched.annotation_counts("sentence")) == sum(len(d.of_kind("sentence")) for d in docs)
    single.close()
    batched.close()


def test_a_failing_batch_leaves_nothing_behind(store: Any) -> None:
    store.save_document(make_doc("d1", *TEXTS["d1"]))
    clash = make_doc("other", *TEXTS["d1"])  # same content under another id: refused
    with pytest.raises((StoreError, sqlite3.IntegrityError)):
        store.save_documents([make_doc("d2", *TEXTS["d2"]), clash])
    assert store.document_ids() == ["d1"]
    assert store.search("Geheimdienst") == []


def test_resaving_in_batches_replaces_rows_and_search_entries(store: Any) -> None:
    docs = [make_doc(i, *TEXTS[i]) for i in TEXTS]
    store.save_documents(docs[:2])
    store.save_documents(docs)  # two already stored, two new
    store.save_documents(docs, [document_rows(d) for d in docs])
    assert store.document_ids() == sorted(TEXTS)
    assert sorted(h["doc"] for h in store.search("Soldat")) == ["d1", "d2", "d3"]
    assert sum(n for _, n in store.annotation_counts("entity")) == sum(len(d.of_kind("entity")) for d in docs)


def test_rows_of_another_document_are_not_used(store: Any) -> None:
    d1, d2 = make_doc("d1", *TEXTS["d1"]), make_doc("d2", *TEXTS["d2"])
    store.save_documents([d1, d2], [document_rows(d2), None])  # wrong rows for d1: recomputed
    back = store.get_document("d1")
    assert back is not None and back.to_json() == d1.to_json()
    assert [h["doc"] for h in store.search("Kreml")] == ["d1"]


def test_one_document_twice_in_a_batch_keeps_the_last_version(store: Any) -> None:
    first = make_doc("d1", *TEXTS["d1"])
    second = make_doc("d1", *TEXTS["d1"])
    second.meta.title = "Neuer Titel"
    store.save_documents([first, make_doc("d2", *TEXTS["d2"]), second])
    assert store.document_ids() == ["d1", "d2"]
    back = store.get_document("d1")
    assert back is not None and back.meta.title == "Neuer Titel"
    assert [h["doc"] for h in store.search("Kreml")] == ["d1"]


def test_rows_must_match_the_documents_one_to_one(store: Any) -> None:
    with pytest.raises(ValueError):
        store.save_documents([make_doc("d1", *TEXTS["d1"]), make_doc("d2", *TEXTS["d2"])], [None])
    assert store.document_ids() == []


def _indexes(db: Any) -> set[tuple[str, str, str]]:
    """The secondary indexes as SQLite keeps them: name, table and the statement that builds them."""
    return {(r[0], r[1], r[2]) for r in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def test_bulk_loads_into_empty_tables_keep_every_index_and_row(tmp_path: Any) -> None:
    """Band, entity-key and mention rows written into empty tables (indexes built after the rows)
    and into filled ones (indexes kept) give the same rows, the schema's indexes, and plans that use them."""
    from lagebild.store.sqlite import SQLiteStore

    st = SQLiteStore(str(tmp_path / "lb.db"))
    before = _indexes(st.db)
    assert {"minhash_bands_doc", "entity_keys_entity", "mentions_entity", "mentions_doc"} <= {i[0] for i in before}
    docs = [make_doc(i, *TEXTS[i]) for i in TEXTS]
    st.save_documents(docs)
    ids = [d.id for d in docs]
    st.save_bands("b1", ids[:1], [(ids[0], k) for k in (5, 1, 3)])  # empty table: bulk
    st.save_bands("b1", ids[1:], [(d, k) for d in ids[1:] for k in (2, 3)])  # filled: plain inserts
    assert _indexes(st.db) == before
    expected = sorted([(k, ids[0]) for k in (1, 3, 5)] + [(k, d) for d in ids[1:] for k in (2, 3)])
    assert sorted((r[0], r[1]) for r in st.db.execute("SELECT band, doc_id FROM minhash_bands")) == expected
    assert sorted(st.band_docs([3])) == sorted((3, d) for d in ids)
    plan = " ".join(str(r[-1]) for r in st.db.execute("EXPLAIN QUERY PLAN DELETE FROM minhash_bands WHERE doc_id = ?", (ids[0],)))
    assert "minhash_bands_doc" in plan
    forms = {"org:kreml": ([{"label": "ORG", "norm": "kreml"}], {"n:kreml", "n:kremlin"})}
    st.save_entity_index("s1", forms, {}, replace_all=True)
    st.save_entity_index("s1", {"loc:moskau": ([{"label": "LOC", "norm": "moskau"}], {"n:moskau"})}, {})
    assert _indexes(st.db) == before
    assert set(st.entity_forms(["n:kremlin", "n:moskau"])) == {"org:kreml", "loc:moskau"}


def test_a_bulk_load_rebuilds_exactly_the_schema_indexes_of_its_table(tmp_path: Any) -> None:
    """Every table with secondary indexes in the schema: a bulk load drops all of them and builds the same ones again."""
    from lagebild.store.sqlite import SQLiteStore

    st = SQLiteStore(str(tmp_path / "lb.db"))
    schema = _indexes(st.db)
    tables = {t for _, t, _ in schema}
    assert {"mentions", "minhash_bands", "entity_keys"} <= tables
    for table in sorted(tables):
        with st.db, st._bulk_index(table):
            assert not {i for i in _indexes(st.db) if i[1] == table}
        assert _indexes(st.db) == schema
    # a filled table keeps its indexes while rows are added
    st.db.execute("INSERT INTO mentions(entity_id, doc_id, start, end, text) VALUES ('e1', 'd1', 0, 4, 'Kreml')")
    with st._bulk_index("mentions"):
        assert _indexes(st.db) == schema


def test_a_failed_bulk_load_keeps_the_index_and_the_stored_rows(tmp_path: Any) -> None:
    """The index dropped for a bulk load comes back with the rollback when the insert fails."""
    from lagebild.store.sqlite import SQLiteStore

    st = SQLiteStore(str(tmp_path / "lb.db"))
    doc = make_doc("d1", *TEXTS["d1"])
    st.save_documents([doc])
    before = _indexes(st.db)

    def rows() -> Any:
        yield ("d1", 1)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        st.save_bands("b1", ["d1"], rows())
    assert _indexes(st.db) == before
    assert st.db.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == 0
