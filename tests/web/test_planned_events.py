"""An event only announced ("wird am Montag streiken") shows as planned in the report and the web UI."""

from __future__ import annotations

import re
import warnings

import pytest
from handmade import build_corpus, build_documents
from timeline_pages import report_html, story_page, timeline_row

from lagebild.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client


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


def _check(html: str) -> None:
    deal = timeline_row(html, "ev-deal")
    assert 'class="badge planned"' in deal and "announced by 1 source" in deal
    assert re.search(r'class="announced muted">announced by <a href="[^"]*c-wire[^"]*"', deal), deal
    # must not fire: the reported strike carries no planned badge, and names the article that announced it
    strike = timeline_row(html, "ev-strike")
    assert 'badge planned' not in strike and "2 sources" in strike
    assert re.search(r'announced before by <a href="[^"]*c-wire', strike), strike


def test_the_report_marks_a_planned_event(planned_db: str) -> None:
    html = report_html(planned_db)
    _check(html)


def test_the_web_story_timeline_marks_a_planned_event(planned_db: str) -> None:
    _check(story_page(planned_db, "story-bahnstreik"))


def test_the_unchanged_corpus_shows_no_planned_badge(handmade_db: str) -> None:
    # must not fire: no event of the hand-built corpus is only announced
    html = report_html(handmade_db)
    assert "badge planned" not in html and "announced" not in re.sub(r"<style.*?</style>", "", html, flags=re.S)


