"""A story's central event and a mention's date after its own article show on the report's and the web's timeline rows."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from handmade import build_corpus, build_documents
from timeline_pages import report_html, story_page, timeline_row

from lagebild.model import Provenance
from lagebild.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
    from fastapi.testclient import TestClient

REASON = "„zwei Wochen später“ is 2024-03-21, after the article's own date, yet the text tells it as past or present."


@pytest.fixture(scope="module")
def flagged_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hand-built corpus with the strike as its story's central event and one strike mention's date flagged."""
    path = tmp_path_factory.mktemp("central") / "central.db"
    store = open_store(str(path))
    docs = build_documents()
    corpus = build_corpus(docs)
    strike, deal = corpus.events
    mention = strike["mentions"][0]
    doc = docs[mention["doc"]]
    inc = doc.add("inconsistency", doc.annotations[0].span, Provenance("test"), label="date_after_publication",
                  data={"reason": REASON, "refs_anns": []})
    for d in docs.values():
        store.save_document(d)
    strike["central"], deal["central"] = True, False
    mention["inconsistency"] = f"{doc.id}#{inc.id}"
    for item in corpus.timeline:
        item["central"] = item["event"] == strike["id"]
    store.save_corpus(corpus)
    store.close()
    return str(path)


def _check(html: str) -> None:
    strike = timeline_row(html, "ev-strike")
    assert 'class="badge central"' in strike, strike
    assert 'class="badge date-incon"' in strike and "after the article" in strike, strike
    # must not fire: the other event is neither central nor flagged
    deal = timeline_row(html, "ev-deal")
    assert "badge central" not in deal and "date-incon" not in deal


def test_the_report_marks_the_central_event_and_a_flagged_date(flagged_db: str) -> None:
    html = report_html(flagged_db)
    _check(html)


def test_the_web_story_timeline_marks_them_too(flagged_db: str) -> None:
    _check(story_page(flagged_db, "story-bahnstreik"))


def test_the_unchanged_corpus_shows_neither(handmade_db: str) -> None:
    html = report_html(handmade_db)
    assert "badge central" not in html and "badge date-incon" not in html


def test_the_web_events_list_shows_and_filters_them(flagged_db: str) -> None:
    from lagebild.web import create_app

    client: Any
    with TestClient(create_app(flagged_db), base_url="http://127.0.0.1") as client:
        items = {e["id"]: e for e in client.get("/events.json").json()["items"]}
        assert items["ev-strike"]["central"] and items["ev-strike"]["date_after_article"]
        assert not items["ev-deal"]["central"] and not items["ev-deal"]["date_after_article"]
        assert [e["id"] for e in client.get("/events.json", params={"central": "yes"}).json()["items"]] == ["ev-strike"]
        page = client.get("/events").text
        assert "date after its article" in page and "central" in page
