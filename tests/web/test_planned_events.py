"""An event only announced ("wird am Montag streiken") shows as planned in the report and the web UI."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from handmade import build_corpus, build_documents

from lagebild.report.html import render_report
from lagebild.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def planned_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hand-built corpus with its agreement only announced by the wire and the strike announced before."""
    path = tmp_path_factory.mktemp("planned") / "planned.db"
    store = open_store(str(path))
    docs = build_documents()
    for doc in docs.values():
        store.save_document(doc)
    corpus = build_corpus(docs)
    strike, deal = corpus.events
    deal["status"], deal["announced_by"] = "planned", []
    strike["status"], strike["announced_by"] = "reported", ["c-wire"]
    for item in corpus.timeline:
        item["planned"] = item["event"] == deal["id"]
    store.save_corpus(corpus)
    store.close()
    return str(path)


def _row(html: str, event_id: str) -> str:
    row = re.search(rf'<li class="tl-row[^"]*" id="ev-{event_id}">(.*?)</li>\s*(?:<li class="tl-row|</ol>)', html, re.S)
    assert row is not None, event_id
    return row.group(1)


def _check(html: str) -> None:
    deal = _row(html, "ev-deal")
    assert 'class="badge planned"' in deal and "announced by 1 source" in deal
    assert re.search(r'class="announced muted">announced by <a href="[^"]*c-wire[^"]*"', deal), deal
    # must not fire: the reported strike carries no planned badge, and names the article that announced it
    strike = _row(html, "ev-strike")
    assert 'badge planned' not in strike and "2 sources" in strike
    assert re.search(r'announced before by <a href="[^"]*c-wire', strike), strike


def test_the_report_marks_a_planned_event(planned_db: str) -> None:
    store = open_store(planned_db)
    html = render_report(store)
    store.close()
    _check(html)


def test_the_web_story_timeline_marks_a_planned_event(planned_db: str) -> None:
    from lagebild.web import create_app

    client: Any
    with TestClient(create_app(planned_db), base_url="http://127.0.0.1") as client:
        page = client.get("/stories/story-bahnstreik")
        assert page.status_code == 200
        _check(page.text)


def test_the_unchanged_corpus_shows_no_planned_badge(handmade_db: str) -> None:
    # must not fire: no event of the hand-built corpus is only announced
    store = open_store(handmade_db)
    html = render_report(store)
    store.close()
    assert "badge planned" not in html and "announced" not in re.sub(r"<style.*?</style>", "", html, flags=re.S)


