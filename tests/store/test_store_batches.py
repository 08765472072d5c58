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
