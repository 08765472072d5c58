"""Inconsistencies are shown: on the story page (within and across articles) and marked at the span in the article."""

from __future__ import annotations

from compare_helpers import PROV, make_doc

from lagebild.compare import CorpusResult
from lagebild.model import Span
from lagebild.report.links import Links
from lagebild.report.view import ALL_STORY, article_view, build_picture, story_view


def _doc():
    doc = make_doc("a", "Die Brücke wurde im März eröffnet. Fünf Monate später war sie gesperrt.", published="2024-05-02")
    start = doc.text.index("Fünf Monate später")
    doc.add("inconsistency", Span(start, start + 18), PROV, label="date_after_publication",
            data={"reason": "„Fünf Monate später“ is 2024-08, after the article's own date 2024-05-02", "refs_anns": []})
    return doc


def test_within_article_inconsistency_on_the_story_page_and_marked_in_the_article() -> None:
    doc = _doc()
    pic = build_picture(CorpusResult(), [doc])
    items = story_view(pic, ALL_STORY)["inconsistencies"]
    assert [i["kind"] for i in items] == ["date_after_publication"]
    assert items[0]["spans"][0]["text"] == "Fünf Monate später"
    body = str(article_view(pic, doc, Links())["body"])
    assert 'class="incon' in body and "own date 2024-05-02" in body


def test_cross_article_inconsistency_marked_in_each_article() -> None:
    doc = make_doc("b", "Der Vertrag wurde am 3. Mai unterzeichnet.", published="2024-06-01")
    corpus = CorpusResult()
    start = doc.text.index("am 3. Mai")
    corpus.inconsistencies = [{"id": "inc-1", "kind": "event_date_conflict", "reason": "3 May vs 9 May", "docs": ["b", "c"],
                               "spans": [{"doc": "b", "start": start, "end": start + 9, "text": "am 3. Mai"}]}]
    pic = build_picture(corpus, [doc])
    body = str(article_view(pic, doc, Links())["body"])
    assert "incon-across" in body and "3 May vs 9 May" in body


def test_article_without_inconsistency_has_no_mark() -> None:
    doc = make_doc("c", "Die Brücke wurde im März eröffnet.", published="2024-05-02")
    pic = build_picture(CorpusResult(), [doc])
    assert 'class="incon' not in str(article_view(pic, doc, Links())["body"])
    assert story_view(pic, ALL_STORY)["inconsistencies"] == []
