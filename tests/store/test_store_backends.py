"""One contract for every store backend: SQLite and a real PostgreSQL server behave the same."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.compare import CorpusResult
from lagebild.errors import StoreError
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, Provenance, SourceRef, Span
from lagebild.stages.segment import Segmenter

PROV = Provenance("test.store.v1")

TEXTS = {
    "d1": ("Nordkoreanische Soldaten sind in Russland eingetroffen. Der Kreml schweigt dazu.", "Blatt A", "2024-10-24"),
    "d2": ("Laut Geheimdienst kämpft ein Soldat bereits an der Front. Russlands Armee bestätigt nichts.", "Blatt B", "2024-11-02"),
    "d3": ("Die Ratifizierung des Vertrags erfolgte im November. Soldatinnen wurden nicht erwähnt.", "Blatt A", "2024-11-10"),
    "d4": ("Ein Text über Wetter und Landwirtschaft ohne jeden Bezug.", "Blatt C", None),
}


def make_doc(doc_id: str, text: str, outlet: str | None = None, published: str | None = None, *, path: str | None = None) -> Document:
    doc = Document(
        id=doc_id,
        original=text,
        source=SourceRef(path or f"in/{doc_id}.txt"),
        meta=ArticleMeta(title=f"Titel {doc_id}", outlet=outlet, published=DateValue(published, "day" if published else None),
                         language="de"),
    )
    doc.set_text(text, OffsetMap.identity(len(text)))
    Segmenter()(doc)
    if "Russland" in text:
        i = text.index("Russland")
        doc.add("entity", Span(i, i + len("Russland")), PROV, label="LOC", data={"norm": "Russland"})
    return doc


@pytest.fixture
def filled(store: Any) -> Any:
    for doc_id, (text, outlet, published) in TEXTS.items():
        store.save_document(make_doc(doc_id, text, outlet, published))
    return store


def test_roundtrip_and_idempotent_saves(store: Any) -> None:
    doc = make_doc("d1", *TEXTS["d1"])
    store.save_document(doc)
    store.save_document(doc)  # a rerun replaces, never duplicates
    assert store.document_ids() == ["d1"]
    back = store.get_document("d1")
    assert back is not None and back.to_json() == doc.to_json()
    assert store.find_by_hash(doc.hash) == "d1" and store.find_by_hash("0" * 64) is None
    assert store.has_id("d1") and not store.has_id("nope")
    assert store.get_document("nope") is None
    assert len(store.search("Kreml")) == 1
    assert [d.id for d in store.iter_documents()] == ["d1"]


def test_sources_are_recorded_once(store: Any) -> None:
    doc = make_doc("d1", *TEXTS["d1"])
    store.save_document(doc)
    assert store.add_source("d1", SourceRef("copy/d1.txt")) is True
    assert store.add_source("d1", SourceRef("copy/d1.txt")) is False
    assert store.add_source("d1", SourceRef("feed.jsonl", record=3)) is True
    assert [s["path"] for s in store.sources("d1")] == ["copy/d1.txt", "feed.jsonl", "in/d1.txt"]


def test_same_content_under_two_ids_is_refused(store: Any) -> None:
    store.save_document(make_doc("d1", *TEXTS["d1"]))
    with pytest.raises((StoreError, sqlite3.IntegrityError)):
        store.save_document(make_doc("other", *TEXTS["d1"]))
    assert store.document_ids() == ["d1"]  # the failed write left nothing behind


def test_corpus_results_are_replaced_as_a_whole(store: Any) -> None:
    assert store.load_corpus() == CorpusResult()
    first = CorpusResult(
        entities=[{"id": "loc-russland", "name": "Russland", "type": "LOC", "aliases": [], "mentions": [{"doc": "d1", "start": 0, "end": 8, "text": "Russland"}]}],
        stories=[{"id": "s1", "label": "Vertrag", "members": [{"doc": "d1", "confidence": 0.9}], "independent_sources": 1}],
        events=[{"id": "e1", "label": "x"}], claim_groups=[{"id": "g1", "claims": []}], inconsistencies=[{"id": "i1", "reason": "r"}],
        timeline=[{"event": "e1", "date": "2024-06"}], coverage={"a": 1}, mention_entity={"d1#entity:0-8": "loc-russland"},
    )
    store.save_corpus(first)
    assert store.load_corpus() == first
    second = CorpusResult(stories=[{"id": "s2", "label": "Neu", "members": []}])
    store.save_corpus(second)
    assert store.load_corpus() == second


def test_the_note_of_a_pictures_inputs_lives_until_the_next_save_on_every_backend(store: Any) -> None:
    assert store.corpus_inputs() is None
    store.save_corpus(CorpusResult(stories=[{"id": "s1", "label": "a", "members": []}]))
    store.save_corpus_inputs("abc")
    store.save_corpus_inputs("def")
    assert store.corpus_inputs() == "def"
    assert store.load_corpus().stories[0]["id"] == "s1"
    store.save_corpus(CorpusResult())  # a picture saved without a note (another program, the web's corrections)
    assert store.corpus_inputs() is None


def test_corrections_are_appended(store: Any) -> None:
    a = store.add_correction({"op": "merge", "entities": ["a", "b"]})
    b = store.add_correction({"op": "rename", "entity": "a", "name": "Ä"})
    assert b > a
    assert store.corrections() == [{"op": "merge", "entities": ["a", "b"], "id": a}, {"op": "rename", "entity": "a", "name": "Ä", "id": b}]


def _docs(rows: list[dict[str, Any]]) -> set[str]:
    return {r["doc"] for r in rows}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Soldaten", {"d1", "d2", "d3"}),     # plural finds the singular and the compound-like Soldatinnen
        ("Soldat", {"d1", "d2", "d3"}),
        ("Russland", {"d1", "d2"}),          # genitive "Russlands"
        ("Russlands", {"d1", "d2"}),
        ("ratifizieren", {"d3"}),            # the noun "Ratifizierung" shares the stem
        ("kämpfen", {"d2"}),                 # "kämpft"
        ("Soldaten Kreml", {"d1"}),          # all words must match
        ("Wetter", {"d4"}),
        ("Elefant", set()),
    ],
)
def test_search_handles_german_inflection(filled: Any, query: str, expected: set[str]) -> None:
    assert _docs(filled.search(query)) == expected


def test_search_filters_and_paging(filled: Any) -> None:
    assert _docs(filled.search("Soldat", outlet="Blatt A")) == {"d1", "d3"}
    assert _docs(filled.search("Soldat", date_from="2024-11")) == {"d2", "d3"}
    assert _docs(filled.search("Soldat", date_to="2024-10")) == {"d1"}
    assert _docs(filled.search("Soldat", date_from="2024-11-01", date_to="2024-11-05")) == {"d2"}
    assert _docs(filled.search("Soldat", docs=["d2", "d4"])) == {"d2"}
    assert filled.search("Soldat", docs=[]) == []
    everything = filled.search("Soldat", limit=10)
    assert [r["doc"] for r in filled.search("Soldat", limit=2)] + [r["doc"] for r in filled.search("Soldat", limit=2, offset=2)] == [
        r["doc"] for r in everything
    ]
    top = everything[0]
    assert set(top) >= {"doc", "title", "published", "outlet", "snippet", "score"}
    assert "\x02" in "".join(r["snippet"] for r in everything)  # matches are marked for highlighting


def test_search_entity_filter_uses_resolved_entities(filled: Any) -> None:
    filled.save_corpus(CorpusResult(entities=[{"id": "loc-russland", "name": "Russland", "type": "LOC", "mentions": [
        {"doc": "d2", "start": 59, "end": 69, "text": "Russlands"}]}]))
    assert _docs(filled.search("Soldat", entity="loc-russland")) == {"d2"}


def test_hostile_and_odd_documents_are_stored(store: Any) -> None:
    odd = make_doc("odd", "Null\x00Zeichen; DROP TABLE documents; -- 'quoted' \"x\" 🙂 " + "Wort " * 20000, "O'Reilly", "2024")
    store.save_document(odd)
    back = store.get_document("odd")
    assert back is not None and back.original == odd.original
    assert _docs(store.search("Zeichen")) == {"odd"}
    assert _docs(store.search("Wort", outlet="O'Reilly")) == {"odd"}


SEARCH_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60) | st.sampled_from(
    ['"', "'", "*", "NEAR(a b)", "title: x", "a OR b", "a AND NOT b", "(((", "\\", "--", ";", "%", "_", ":*", "!", "&|",
     "'); DROP TABLE documents; --", "\x00", "^", "{title}", "lemmas:soldat", "a:*B"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=SEARCH_TEXT, outlet=st.one_of(st.none(), SEARCH_TEXT), date=st.one_of(st.none(), SEARCH_TEXT))
def test_search_input_cannot_break_sql(filled: Any, query: str, outlet: str | None, date: str | None) -> None:
    rows = filled.search(query, outlet=outlet, date_from=date, entity=outlet, limit=5)
    assert isinstance(rows, list) and len(rows) <= 5
    assert filled.document_ids() == ["d1", "d2", "d3", "d4"]  # nothing dropped or changed


def test_open_store_picks_the_backend(store_url: str, tmp_path: Path) -> None:
    from lagebild.store import open_store

    st_ = open_store(store_url)
    try:
        assert type(st_).__name__ == ("PostgresStore" if store_url.startswith("postgresql://") else "SQLiteStore")
    finally:
        st_.close()


def test_two_connections_see_the_same_data(store_url: str) -> None:
    from lagebild.store import open_store

    a, b = open_store(store_url), open_store(store_url)
    try:
        a.save_document(make_doc("d1", *TEXTS["d1"]))
        assert b.document_ids() == ["d1"]
        assert _docs(b.search("Soldaten")) == {"d1"}
    finally:
        a.close()
        b.close()


def test_duplicate_files_with_a_worker_pool_on_every_backend(store_url: str, tmp_path: Any) -> None:
    """Same content in several files and encodings, two workers: stored once with every source
    (the source of a duplicate used to be written before its document: a FOREIGN KEY crash)."""
    from lagebild.analyze import analyze_paths
    from lagebild.model import SourceRef
    from lagebild.store import open_store

    text = "Die Regierung hat am Montag ein Gesetz beschlossen. Kritiker halten es für unzureichend.\n" * 3
    for name, enc in (("a.txt", "utf-8"), ("b.txt", "utf-8"), ("c.txt", "utf-16"), ("d.txt", "utf-32")):
        (tmp_path / name).write_bytes(text.encode(enc))
    st = open_store(store_url)
    try:
        assert st.add_source("nicht-gespeichert", SourceRef("x.txt")) is False
        report = analyze_paths([tmp_path], st, jobs=2)
        assert report.exit_code == 0 and report.ok == 1 and report.duplicates == 3
        (doc_id,) = st.document_ids()
        assert len(st.sources(doc_id)) == 4
    finally:
        st.close()


def _article(seed: int, sentences: int = 12) -> list[str]:
    import random

    rnd = random.Random(seed)
    words = ["Regierung", "Hochwasser", "Bahn", "Streik", "Gericht", "Minister", "Stadt", "Polizei", "Bericht", "Wahl",
             "Ernte", "Schule", "Brücke", "Hafen", "Markt", "Klinik", "Rat", "Feuer", "Straße", "Energie", "Preise"]
    return [" ".join(rnd.choice(words) for _ in range(9)) + "." for _ in range(sentences)]


def _dup_docs() -> dict[str, Document]:
    a, b, c = _article(1), _article(2), _article(3)
    texts = {
        "a1": a, "a2": a[:5] + a[6:],  # a near copy
        "a3": a[:4],  # a truncated copy
        "b1": b, "b2": [*b[:-1], "Ein Satz mehr am Ende des Berichts."],
        "c1": c, "x1": _article(4), "x2": _article(5),
    }
    return {k: make_doc(k, " ".join(v), "Blatt", f"2024-11-{10 + n:02d}") for n, (k, v) in enumerate(texts.items())}


def _search_stored(store: Any, reuse: bool = True) -> tuple[list[dict[str, Any]], Any]:
    """One run of the duplicate stage against the store's band index, saved as ``compare_and_save`` saves it."""
    from lagebild.analyze import _duplicate_index, _save_index
    from lagebild.compare.duplicates import Duplicates, stored_index

    docs = list(store.iter_documents())
    index = _duplicate_index(store, reuse)
    with stored_index(index):
        links = Duplicates().find(docs)
    result = CorpusResult(duplicates=links)
    store.save_corpus(result)
    _save_index(store, index, result)
    return links, index


@pytest.mark.parametrize("first", [["a1", "x1"], ["a2", "b1", "c1"], ["a3", "a1", "b2", "x2", "x1"]])
def test_duplicates_against_stored_bands_are_the_one_shot_links(store: Any, first: list[str]) -> None:
    from lagebild.compare.duplicates import Duplicates

    docs = _dup_docs()
    expected = Duplicates().find(list(docs.values()))
    assert {(x["doc"], x["of"]) for x in expected} >= {("a2", "a1"), ("a3", "a1"), ("b2", "b1")}
    store.save_documents([docs[i] for i in first])
    links, index = _search_stored(store)
    assert sorted(index.searched) == sorted(first)
    later = [i for i in docs if i not in first]
    store.save_documents([docs[i] for i in later])
    links, index = _search_stored(store)
    assert sorted(index.searched) == sorted(later), "only the new documents are searched"
    assert links == expected
    links, index = _search_stored(store)
    assert index.searched == [] and links == expected
    # a document saved again with another text is searched again; its old links are gone
    changed = make_doc("a2", " ".join(_article(9)), "Blatt", "2024-11-11")
    store.save_document(changed)
    links, index = _search_stored(store)
    assert index.searched == ["a2"]
    assert links == Duplicates().find(list(store.iter_documents()))
    assert not any("a2" in (x["doc"], x["of"]) for x in links)
    links, index = _search_stored(store, reuse=False)
    assert index.replace_all and sorted(index.searched) == sorted(docs)
    assert links == Duplicates().find(list(store.iter_documents()))


def test_a_store_named_as_a_sqlite_url_opens_that_file_and_other_schemes_are_refused(tmp_path: Path) -> None:
    from lagebild.store import open_store
    from lagebild.store.base import sqlite_path

    assert sqlite_path(f"sqlite:///{tmp_path}/lb.db") == f"{tmp_path}/lb.db"
    assert sqlite_path("sqlite:///out/lb.db") == "out/lb.db"
    assert sqlite_path("out/lb.db") == "out/lb.db" and sqlite_path("C:\\out\\lb.db") == "C:\\out\\lb.db"
    for bad in ("sqlite:/tmp/lb.db", "mysql://host/db"):
        with pytest.raises(StoreError, match="sqlite:///PATH"):
            sqlite_path(bad)
    store = open_store(f"sqlite:///{tmp_path}/lb.db")
    store.close()
    assert (tmp_path / "lb.db").is_file() and not (tmp_path / "sqlite:").exists()


def test_entity_index_rows_on_every_backend(filled: Any) -> None:
    """Forms and keys by entity, found by key; resolved documents with their own-outlet names and waiting roles."""
    assert filled.entity_index() == ("", set(), {}, {})
    forms = {"loc:russland": ([{"label": "LOC", "form": "name", "norm": "russland", "n": 2}], {"n:russland", "f:russland"}),
             "org:kreml": ([{"label": "ORG", "form": "name", "norm": "kreml", "n": 1}], {"n:kreml"})}
    role = {"label": "PER", "form": "role", "norm": "sprecher", "role_key": "sprecher", "ann": "entity:1-9",
            "span": {"doc": "d2", "start": 1, "end": 9}}
    filled.save_entity_index("s1", forms, {"d1": (["blatta"], []), "d2": ([], [role]), "nope": ([], [])}, replace_all=True)
    assert filled.entity_index() == ("s1", {"d1", "d2"}, {"d1": ["blatta"]}, {"d2": [role]})  # unknown documents are skipped
    assert filled.entity_forms(["f:russland", "n:kreml", "n:other"]) == {k: v[0] for k, v in forms.items()}
    assert filled.entity_forms(["n:other"]) == {}
    # an entity renamed: its rows go, the new ones come; a document's waiting role placed
    filled.save_entity_index("s1", {"org:kremlin": (forms["org:kreml"][0], {"n:kreml", "n:kremlin"})}, {"d2": ([], [])},
                             gone={"org:kreml"})
    assert set(filled.entity_forms(["n:kreml"])) == {"org:kremlin"}
    assert filled.entity_index()[3] == {}
    # a document analysed again leaves the index: its mentions are resolved anew
    filled.save_document(make_doc("d1", TEXTS["d1"][0] + " Neu.", *TEXTS["d1"][1:]))
    assert filled.entity_index()[1] == {"d2"}


def test_entities_resolved_batch_by_batch_against_the_store_on_every_backend(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two runs (the second adds documents) resolve to the entities of one run over all documents."""
    import dataclasses

    from lagebild.analyze import compare_and_save
    from lagebild.compare.entity_index import resolve_full
    from lagebild.config import load_config

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "compare"))
    from test_entity_index import NEW, STORED  # type: ignore[import-not-found]

    config = dataclasses.replace(load_config(), compare_stages=("entities.resolve.v1",))
    store.save_documents(STORED)
    compare_and_save(store, STORED, config)
    assert store.entity_index()[1] == {"a1", "a2"}
    store.save_documents(NEW)

    def no_full_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the second run resolves against the stored entities")

    monkeypatch.setattr("lagebild.compare.entities.resolve_full", no_full_run)
    got = compare_and_save(store, STORED + NEW, config)
    monkeypatch.undo()
    want, want_map, _ = resolve_full(STORED + NEW, None, [], None)
    assert got.entities == want and got.mention_entity == want_map
    assert store.load_corpus().entities == want
    assert store.entity_index()[1] == {"a1", "a2", "b1", "b2"}
    assert set(store.entity_forms(["n:niedersachsen"])) == {"loc:niedersachsen"}  # the renamed entity's rows moved


def test_word_rows_on_every_backend(filled: Any) -> None:
    """Each document's words under the settings they were made with; a document analysed again loses its row."""
    filled.save_word_rows("v1", {"d1": {"hash": "h1", "dates": ["nordk"]}, "d2": {"hash": "h2", "story:6000": {"solda": 2}},
                                 "nope": {"hash": "x"}})
    assert filled.word_rows("v1") == {"d1": {"hash": "h1", "dates": ["nordk"]}, "d2": {"hash": "h2", "story:6000": {"solda": 2}}}
    assert filled.word_rows("v2") == {}
    filled.save_document(make_doc("d1", TEXTS["d1"][0] + " Neu.", *TEXTS["d1"][1:]))
    assert set(filled.word_rows("v1")) == {"d2"}


def test_document_output_rows_on_every_backend(filled: Any) -> None:
    """Each document's part of the outputs under its digest; a document saved again loses its row."""
    filled.save_document_outputs([("d1", "a", b"\x00one"), ("d2", "b", b"two"), ("nope", "c", b"x")])
    assert filled.document_outputs(["d1", "d2", "nope"]) == {"d1": ("a", b"\x00one"), "d2": ("b", b"two")}
    filled.save_document_outputs([("d1", "a2", b"one again")])
    assert filled.document_outputs(["d1"]) == {"d1": ("a2", b"one again")}
    filled.save_document(make_doc("d1", TEXTS["d1"][0] + " Neu.", *TEXTS["d1"][1:]))
    assert set(filled.document_outputs(["d1", "d2"])) == {"d2"}
