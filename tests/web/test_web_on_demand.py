"""The server reads documents on demand: same answers as the in-memory picture, no full scans, bounded caches.

The reference is what the report still does for a whole store: ``load_picture`` (every document
parsed) and the view functions. The server must render the same pages and list the same API items
while never iterating over all documents.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from handmade import build_corpus, build_documents

from lagebild.compare import CorpusResult
from lagebild.export.json_export import annotation_json, build_export
from lagebild.model import DateValue
from lagebild.report.html import load_picture, render_page
from lagebild.report.links import WebLinks
from lagebild.report.view import article_view, entity_view, quote_items, stored_rows, story_view
from lagebild.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
    from fastapi.testclient import TestClient

UNDATED = "b-abendpost"


def _fill(path: Path, variant: str) -> str:
    store = open_store(str(path))
    docs = build_documents()
    corpus = build_corpus(docs)
    if variant == "inferred":  # one article without a publication date; the cross-source stages inferred one
        docs[UNDATED].meta.published = DateValue(None, None)
        corpus.inferred_dates = {UNDATED: {"value": "2024-03", "precision": "month", "reason": "test"}}
    if variant == "bare":  # no cross-source results: one virtual story, entities grouped from the annotations
        corpus = CorpusResult()
    for doc in docs.values():
        store.save_document(doc)
    store.save_corpus(corpus)
    store.close()
    return str(path)


@pytest.fixture(scope="module", params=["full", "inferred", "bare"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any, Any]]:
    from lagebild.web import create_app

    db = _fill(tmp_path_factory.mktemp("on-demand") / "store.db", request.param)
    reference_store = open_store(db)
    pic, docs = load_picture(reference_store)
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client, (pic, docs, reference_store), app
    reference_store.close()


@pytest.fixture
def no_full_scans(served: tuple[Any, Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every whole-store read of the server's store fail: pages must ask for what they show."""
    store = served[2].state.web.store

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the server read every document")

    monkeypatch.setattr(store, "iter_documents", refuse)


def test_pages_equal_the_in_memory_rendering(served: tuple[Any, Any, Any], no_full_scans: None) -> None:
    client, (pic, docs, _), _ = served
    links = WebLinks()
    for story in pic.stories:
        view = story_view(pic, story["id"])
        view["quotes"] = quote_items(pic, stored_rows([docs[m["id"]] for m in view["members"]], "quote"), links)
        expected = render_page("story.html.j2", links, title=view["story"].get("label") or story["id"], pic=pic, v=view)
        assert client.get(f"/stories/{story['id']}").text == expected
    for doc_id, doc in docs.items():
        for hl in (None, (40, 60)):
            view = article_view(pic, doc, links, highlight=hl)
            expected = render_page("article.html.j2", links, title=view["doc"].get("title") or doc_id, pic=pic, a=view)
            url = f"/articles/{doc_id}" + (f"?start={hl[0]}&end={hl[1]}" if hl else "")
            assert client.get(url).text == expected, url
    assert pic.entities
    for ent in pic.entities:
        view = entity_view(pic, ent["id"], docs, links)
        expected = render_page("entity.html.j2", links, title=view["entity"].get("name") or ent["id"], pic=pic, v=view)
        assert client.get(f"/entities/{ent['id']}").text == expected, ent["id"]
    # the lists: every article, entity, claim group and event of the in-memory picture, none invented
    assert {r["id"] for r in client.get("/articles.json", params={"limit": 500}).json()["items"]} == set(pic.docs)
    assert {r["id"] for r in client.get("/entities.json", params={"limit": 500}).json()["items"]} == {e["id"] for e in pic.entities}
    groups = client.get("/claim-groups.json", params={"min_claims": 1, "limit": 500}).json()["items"]
    assert {g["id"] for g in groups} == {g["id"] for g in pic.corpus.claim_groups}
    assert {e["id"] for e in client.get("/events.json", params={"limit": 500}).json()["items"]} == {e["id"] for e in pic.corpus.events}
    stories = client.get("/stories.json", params={"min_articles": 1}).json()
    assert stories["total"] == len(pic.stories)
    for story in stories["items"]:
        assert story["articles"] == len([m for m in pic.story(story["id"])["members"] if m["doc"] in pic.docs])
    assert client.get("/").status_code == 200


def test_document_lists_filter_and_page_as_before(served: tuple[Any, Any, Any], no_full_scans: None) -> None:
    client, (pic, _, _), _ = served
    from lagebild.web.reader import date_ok

    everything = sorted(pic.docs.values(), key=lambda d: d["id"])
    story = pic.stories[0]
    members = {m["doc"] for m in story["members"]}
    cases = [
        ({}, lambda d: True),
        ({"outlet": "Tagblatt"}, lambda d: d.get("outlet") == "Tagblatt"),
        ({"language": "de"}, lambda d: d.get("language") == "de"),
        ({"date_from": "2024-03-08"}, lambda d: date_ok(d.get("published"), "2024-03-08", None)),
        ({"date_to": "2024-03-08"}, lambda d: date_ok(d.get("published"), None, "2024-03-08")),
        ({"date_from": "2024-03-10", "date_to": "2024-03"}, lambda d: date_ok(d.get("published"), "2024-03-10", "2024-03")),
        ({"story": story["id"]}, lambda d: d["id"] in members),
    ]
    for params, test in cases:
        expected = [d for d in everything if test(d)]
        for limit, offset in ((50, 0), (1, 1), (2, 3)):
            body = client.get("/api/documents", params={**params, "limit": limit, "offset": offset}).json()
            assert body["total"] == len(expected), params
            assert body["items"] == expected[offset : offset + limit], params
    if UNDATED in pic.docs and pic.docs[UNDATED]["published"].get("inferred"):
        hits = client.get("/api/documents", params={"date_from": "2024-03-20"}).json()["items"]
        assert UNDATED in [d["id"] for d in hits]  # its inferred month reaches into the range


def test_annotation_lists_page_through_documents(served: tuple[Any, Any, Any], no_full_scans: None) -> None:
    client, (pic, docs, store), _ = served
    ordered = [docs[d] for d in sorted(docs)]

    def every(kind: str) -> list[dict[str, Any]]:
        return [annotation_json(d, a, pic.corpus) for d in ordered for a in d.annotations if a.kind == kind]

    claims, quotes = every("claim"), every("quote")
    assert claims and quotes
    cases = [
        ("claims", claims, {}),
        ("claims", [c for c in claims if c.get("unit") == claims[0].get("unit")], {"unit": claims[0].get("unit")}),
        ("claims", [c for c in claims if "bahn" in str(c.get("claimant_text") or "").casefold()], {"claimant": "Bahn"}),
        ("claims", [c for c in claims if "beschäftigte" in c["text"].casefold()], {"q": "BESCHÄFTIGTE"}),
        ("claims", [c for c in claims if c["doc"] == "b-abendpost"], {"doc": "b-abendpost"}),
        ("quotes", quotes, {}),
        ("quotes", [x for x in quotes if "weselsky" in str(x.get("speaker_text") or "").casefold()], {"speaker": "weselsky"}),
    ]
    speakers = {(x.get("speaker") or {}).get("entity") for x in quotes} - {None}
    cases += [("quotes", [x for x in quotes if (x.get("speaker") or {}).get("entity") == e], {"entity": e}) for e in speakers]
    for path, expected, params in cases:
        for limit in (1, 2, 50):
            for offset in range(0, len(expected) + 2):
                body = client.get(f"/api/{path}", params={**params, "limit": limit, "offset": offset}).json()
                assert body["total"] == len(expected), (path, params)
                assert body["items"] == expected[offset : offset + limit], (path, params, limit, offset)
    reference = build_export(store)["inconsistencies"]
    for limit, offset in ((50, 0), (1, 0), (1, max(0, len(reference) - 1)), (2, 1)):
        body = client.get("/api/inconsistencies", params={"limit": limit, "offset": offset}).json()
        assert body["total"] == len(reference) and body["items"] == reference[offset : offset + limit]


def test_search_by_entity_without_words(served: tuple[Any, Any, Any], no_full_scans: None) -> None:
    client, (pic, _, _), _ = served
    for ent in pic.entities[:5]:
        docs = sorted({m["doc"] for m in ent["mentions"]})
        hits = client.get("/api/search", params={"entity": ent["id"], "limit": 1000}).json()["items"]
        assert [h["doc"] for h in hits] == docs
        assert [h["published"] for h in hits] == [(pic.docs[d].get("published") or {}).get("value") for d in docs]


def test_caches_stay_small(served: tuple[Any, Any, Any]) -> None:
    from lagebild.web.reader import StoreReader

    _client, (_, docs, _), app = served
    reader: StoreReader = app.state.web.reader
    small = StoreReader(reader.store, documents=2, metas=2)
    for doc_id in docs:
        assert small.document(doc_id) is not None
        assert small.metas([doc_id])
    assert len(small._docs) <= 2 and len(small._metas) <= 2
    assert small.documents(list(docs)).keys() == docs.keys()  # a batch larger than the cache is still answered


def test_changes_by_another_process_are_seen(served: tuple[Any, Any, Any], tmp_path: Path) -> None:
    client, _, app = served
    before = client.get("/api/health").json()["documents"]
    other = open_store(app.state.web.store.path)
    try:
        doc = next(iter(build_documents().values()))
        doc.id = "copy-from-elsewhere"
        doc.original += "\nNachtrag."
        other.save_document(doc)
        assert client.get("/api/health").json()["documents"] == before + 1
        assert client.get("/api/documents/copy-from-elsewhere").status_code == 200
    finally:
        other.db.execute("DELETE FROM documents WHERE id = 'copy-from-elsewhere'")
        other.db.commit()
        other.close()
    assert client.get("/api/health").json()["documents"] == before


def test_quote_speaker_filter_reads_the_stored_rows_like_the_export(tmp_path: Path) -> None:
    """The speaker payload comes as one reference, a list of them, a span or a raw value: the row test must agree."""
    from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span
    from lagebild.web.api import _speaker_is, _stored_speaker

    text = "Anna Berg und Carl Dorn sagten, alles sei gut. Sie meinte, es regne."
    doc = Document(id="q", original=text, source=SourceRef("q.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    prov = Provenance("test.quotes.v1")
    anna = doc.add("entity", Span(0, 9), prov, label="PER").id
    carl = doc.add("entity", Span(14, 23), prov, label="PER").id
    payloads = [{"speaker_ann": anna, "speaker_span": [0, 9]}, {"speaker_anns": [anna, carl]}, {"speaker_span": [0, 9]},
                {"speaker": "unbekannt", "speaker_ann": carl}, {"speaker": {"entity": "per-x"}}, {}]
    for i, data in enumerate(payloads):
        doc.add("quote", Span(31 + i, 45), prov, data=data)
    corpus = CorpusResult(mention_entity={f"q#{anna}": "per-anna", f"q#{carl}": "per-carl"})
    store = open_store(str(tmp_path / "q.db"))
    store.save_document(doc)
    rows = {r["ann"]: r for r in store.iter_annotations("quote")}
    store.close()
    for ann in doc.of_kind("quote"):
        exported = annotation_json(doc, ann, corpus).get("speaker")
        stored = _stored_speaker(rows[ann.id], corpus.mention_entity)
        for entity in ("per-anna", "per-carl", "per-x", "nobody"):
            assert _speaker_is(stored, entity) == _speaker_is(exported, entity), (ann.data, entity)
