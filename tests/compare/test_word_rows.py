"""Words read from the store's rows give the story vectors and date weights computed from the texts."""

from __future__ import annotations

from typing import Any

from lagebild.compare.per_story import compare_stories
from lagebild.compare.stories import doc_vectors
from lagebild.compare.word_rows import WordRows, cached_words, stored_words


def test_story_vectors_from_rows_equal_those_from_the_texts(example_analysis: dict[str, Any]) -> None:
    docs = list(example_analysis["store"].iter_documents())
    plain = doc_vectors(docs)
    rows = WordRows("v")
    with stored_words(rows):
        first = doc_vectors(docs)
    assert first == plain and set(rows.new) == {d.id for d in docs}
    again = WordRows("v", stored=rows.new)
    calls: list[str] = []
    with stored_words(again):
        assert doc_vectors(docs) == plain
        cached_words(docs[0], "story:6000", lambda d: calls.append(d.id), dict, dict)
    assert not again.new and not calls, "every document's words came from its row"


def test_a_row_of_another_text_is_not_used(example_analysis: dict[str, Any]) -> None:
    doc = next(example_analysis["store"].iter_documents())
    rows = WordRows("v", stored={doc.id: {"hash": "other text", "dates": ["falsch"]}})
    with stored_words(rows):
        got = cached_words(doc, "dates", lambda d: frozenset({"recht"}), sorted, frozenset)
    assert got == frozenset({"recht"}) and rows.new[doc.id] == {"hash": doc.hash, "dates": ["recht"]}


def test_the_picture_is_the_same_with_word_rows(example_analysis: dict[str, Any]) -> None:
    docs = list(example_analysis["store"].iter_documents())
    plain = compare_stories(docs).result.to_json()
    rows = WordRows("v")
    with stored_words(rows):
        assert compare_stories(docs).result.to_json() == plain
    with stored_words(WordRows("v", stored=rows.new)):
        assert compare_stories(docs).result.to_json() == plain


def test_rows_kept_as_text_give_the_same_words_and_rows(example_analysis: dict[str, Any]) -> None:
    import json

    docs = list(example_analysis["store"].iter_documents())
    rows = WordRows("v")
    with stored_words(rows):
        plain = doc_vectors(docs)
    texts = WordRows("v", stored={d: json.dumps(row) for d, row in rows.new.items()})
    with stored_words(texts):
        assert doc_vectors(docs) == plain
        # a kind not yet in the row is computed and added to the decoded row (which is saved whole)
        got = cached_words(docs[0], "dates", lambda d: frozenset({"recht"}), sorted, frozenset)
    assert got == frozenset({"recht"})
    assert texts.new == {docs[0].id: {**rows.new[docs[0].id], "dates": ["recht"]}}


def test_the_store_gives_rows_as_text_or_decoded(example_analysis: dict[str, Any]) -> None:
    import json

    store = example_analysis["store"]
    ids = store.document_ids()
    store.save_word_rows("v-test", {i: {"hash": "h", "story:6000": {"wort": 2, i: 1}} for i in ids})
    decoded = store.word_rows("v-test")
    raw = store.word_rows("v-test", raw=True)
    assert set(raw) == set(decoded) == set(ids)
    assert {i: json.loads(t) for i, t in raw.items()} == decoded
