"""Cross-source results as rows: per-story parts and duplicate signatures round-trip in every backend."""

from __future__ import annotations

from typing import Any

import numpy as np
from test_store_backends import TEXTS, make_doc

from lagebild.compare import CorpusResult
from lagebild.compare.duplicates import Duplicates, Signature
from lagebild.compare.per_story import StoryPart
from lagebild.compare.timeline import timeline_key


def _event(eid: str, story: str, start: str | None) -> dict[str, Any]:
    date = {"value": start, "granularity": "day", "start": start, "end": start, "basis": "text"} if start else None
    return {"id": eid, "story": story, "date": date, "label": eid}


def _timeline(ev: dict[str, Any]) -> dict[str, Any]:
    d = ev["date"] or {}
    return {"event": ev["id"], "story": ev["story"], "undated": not d, "start": d.get("start"), "end": d.get("end"),
            "date_basis": d.get("basis"), "label": ev["label"]}


def _part(story: str, fingerprint: str, events: list[dict[str, Any]], docs: list[str], groups: int = 0) -> StoryPart:
    claim_groups = [{"id": f"cg-{story}-{i}", "subject": f"s{i}", "independent_sources": 1 + i, "story": story} for i in range(groups)]
    rows = [{"kind": "event", "id": e["id"], "label": e["label"], "story": story, "docs": docs, "independent_sources": 1,
             "sources_label": "x"} for e in events]
    return StoryPart(
        story, fingerprint, events=events, timeline=sorted((_timeline(e) for e in events), key=timeline_key),
        claim_groups=claim_groups, inferred_dates={docs[0]: {"value": "2024-11", "kind": "inferred"}},
        coverage={"sources": [{"doc": d, "origin": d} for d in docs], "rows": rows, "timeline_gaps": []},
    )


def _stories(*members: tuple[str, list[str]]) -> list[dict[str, Any]]:
    return [{"id": sid, "label": sid, "members": [{"doc": d, "confidence": 1.0} for d in docs], "size": len(docs)} for sid, docs in members]


def test_story_parts_are_rows_merged_in_corpus_order_and_kept_when_reused(store: Any) -> None:
    a = _part("s-a", "fa", [_event("ev-2", "s-a", "2024-11-02"), _event("ev-9", "s-a", None)], ["d1", "d3"], groups=1)
    b = _part("s-b", "fb", [_event("ev-1", "s-b", "2024-10-24")], ["d2"], groups=2)
    result = CorpusResult(stories=_stories(("s-a", ["d1", "d3"]), ("s-b", ["d2"])), mention_entity={"d1#e1": "loc-x"},
                          duplicates=[{"doc": "d3", "of": "d1", "kind": "near", "group": "d1"}])
    from lagebild.compare.per_story import merge_parts

    merge_parts(result, [a, b], ["d1", "d2", "d3"], timeline_key, True)
    assert [e["id"] for e in result.events] == ["ev-1", "ev-2", "ev-9"]  # by date across stories, undated last
    assert [g["id"] for g in result.claim_groups] == ["cg-s-b-1", "cg-s-a-0", "cg-s-b-0"]
    assert [s["doc"] for s in result.coverage["sources"]] == ["d1", "d2", "d3"]
    store.save_corpus(result, [a, b])
    assert store.load_corpus() == result
    assert store.story_fingerprints() == {"s-a": "fa", "s-b": "fb"}
    assert store.story_part("s-a", "other") is None
    kept = store.story_part("s-a", "fa")
    assert kept is not None and kept.reused and kept.events == a.events and kept.coverage == a.coverage

    # next run: story a unchanged (reused, not rewritten), story b gone, story c new
    c = _part("s-c", "fc", [_event("ev-5", "s-c", "2024-12-01")], ["d2", "d4"])
    second = CorpusResult(stories=_stories(("s-a", ["d1", "d3"]), ("s-c", ["d2", "d4"])))
    merge_parts(second, [kept, c], ["d1", "d2", "d3", "d4"], timeline_key, True)
    store.save_corpus(second, [kept, c])
    assert store.story_fingerprints() == {"s-a": "fa", "s-c": "fc"}
    loaded = store.load_corpus()
    assert loaded == second
    assert [e["id"] for e in loaded.events] == ["ev-2", "ev-5", "ev-9"]
    assert not any(g["story"] == "s-b" for g in loaded.claim_groups)


def test_a_result_saved_without_parts_is_kept_as_given(store: Any) -> None:
    result = CorpusResult(events=[{"id": "e2"}, {"id": "e1"}], coverage={"a": 1, "sources": []}, failures=[{"stage": "x", "error": "E", "message": "m"}])
    store.save_corpus(result)
    assert store.load_corpus() == result
    assert store.story_fingerprints() == {"": ""}


def test_a_shrinking_list_leaves_no_stale_rows_and_a_rewritten_row_survives(store: Any) -> None:
    """Corpus-wide rows are written only where they changed: the next save's lists are exactly what is read back."""

    def failure(stage: str, message: str) -> dict[str, Any]:
        return {"stage": stage, "error": "E", "message": message}

    first = CorpusResult(failures=[failure("a", "m1"), failure("b", "m2"), failure("c", "m3")],
                         duplicates=[{"doc": "d2", "of": "d1", "kind": "near", "group": "d1"}])
    store.save_corpus(first)
    assert store.load_corpus() == first
    # the same first row, a rewritten second one, the third and the only duplicate gone
    second = CorpusResult(failures=[failure("a", "m1"), failure("b", "m2 again")])
    store.save_corpus(second)
    assert store.corpus_items("failure") == second.failures and store.corpus_items("duplicate") == []
    assert store.load_corpus() == second
    store.save_corpus(first)  # and grown again
    assert store.load_corpus() == first


def test_duplicate_signatures_round_trip(store: Any) -> None:
    text = TEXTS["d1"][0] + " " + TEXTS["d2"][0]
    doc = make_doc("d1", text, "Blatt A", "2024-10-24")
    store.save_document(doc)
    sig = Duplicates().signature(doc)
    store.save_signatures([("d1", sig.to_row()), ("not-stored", sig.to_row())])  # no row for a document the store lacks
    rows = dict(store.signatures(["d1", "not-stored", "d9"]))
    assert set(rows) == {"d1"}
    back = Signature.from_row(rows["d1"])
    assert back.settings == sig.settings and back.digest == sig.digest
    assert np.array_equal(back.members, sig.members)
    assert back.minhash is not None and back.minhash.jaccard(sig.minhash) == 1.0


def test_a_store_written_before_rows_is_read_and_then_migrated(tmp_path: Any) -> None:
    import sqlite3

    from lagebild.store import open_store

    path = tmp_path / "old.db"
    open_store(str(path)).close()
    db = sqlite3.connect(path)
    with db:  # what schema 1 wrote: one value per kind and the whole result as one blob
        db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, json TEXT)")
        db.execute("INSERT INTO events VALUES ('e1', '{}')")
        db.execute("INSERT INTO corpus(key, json) VALUES ('result', '{\"events\": [{\"id\": \"e1\"}], \"unknown\": 1}')")
    db.close()
    store = open_store(str(path))
    assert store.load_corpus() == CorpusResult(events=[{"id": "e1"}])
    store.save_corpus(CorpusResult(events=[{"id": "e2"}]))
    assert store.load_corpus() == CorpusResult(events=[{"id": "e2"}])
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "events" not in tables and "story_items" in tables
    store.close()


def _entity(eid: str, name: str, mentions: list[tuple[str, str]]) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": "PER",
            "mentions": [{"doc": d, "ann": a, "start": 0, "end": len(name), "text": name} for d, a in mentions]}


def _tables(store: Any) -> dict[str, Any]:
    db = store.db
    return {
        "entities": sorted(tuple(r) for r in db.execute("SELECT id, name, type, json FROM entities")),
        "mentions": sorted(tuple(r) for r in db.execute("SELECT entity_id, doc_id, start, end, text FROM mentions")),
        "stories": sorted(tuple(r) for r in db.execute("SELECT id, label, json FROM stories")),
        "members": sorted(tuple(r) for r in db.execute("SELECT story_id, doc_id, confidence FROM story_members")),
        "items": sorted(tuple(r) for r in db.execute("SELECT kind, position, item_id, json FROM corpus_items")),
    }


def test_a_later_picture_replaces_the_stored_one_row_by_row(store: Any, tmp_path: Any) -> None:
    from lagebild.store.corpus_rows import entity_map
    from lagebild.store.sqlite import SQLiteStore

    anna, bert, cem = (_entity("per-anna", "Anna", [("d1", "e1")]), _entity("per-bert", "Bert", [("d2", "e1"), ("d3", "e2")]),
                       _entity("per-cem", "Cem", [("d3", "e3")]))
    first = CorpusResult(entities=[bert, anna, cem], stories=_stories(("s-a", ["d1", "d3"]), ("s-b", ["d2"])),
                         duplicates=[{"doc": "d3", "of": "d1", "kind": "near", "group": "d1"}])
    first.mention_entity = entity_map(first.entities)
    store.save_corpus(first)
    assert store.load_corpus() == first
    # the next run: Anna gains mentions (and moves up), Bert is gone, Dora is new, Cem unchanged; story s-b grew,
    # s-a did not; no copies any more
    anna2, dora = _entity("per-anna", "Anna", [("d1", "e1"), ("d2", "e1"), ("d4", "e1")]), _entity("per-dora", "Dora", [("d4", "e2")])
    second = CorpusResult(entities=[anna2, cem, dora], stories=_stories(("s-b", ["d2", "d4"]), ("s-a", ["d1", "d3"])))
    second.mention_entity = entity_map(second.entities)
    store.save_corpus(second)
    assert store.load_corpus() == second
    # a map the entities do not give (a stage of its own, a mention without entity record) is kept row by row
    third = CorpusResult(entities=[cem], mention_entity={"d9#e1": "per-cem", **entity_map([cem])})
    store.save_corpus(third)
    assert store.load_corpus() == third
    if isinstance(store, SQLiteStore):  # the tables written for SQL users hold exactly what a store written afresh holds
        store.save_corpus(second)
        fresh = SQLiteStore(str(tmp_path / "fresh.db"))
        fresh.save_corpus(second)
        assert _tables(store) == _tables(fresh)
        assert ("mention_entity_of_entities", 0, "", "true") in _tables(store)["items"]
        fresh.close()
