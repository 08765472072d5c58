"""Views built through a ``StringPool`` equal the plain ones and share their repeated strings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_store_views import make_doc

from lagebild.model import Annotation, Document, Provenance, SourceRef, Span
from lagebild.store.views import POOLED_CHARS, StringPool, decode_rows, view_from_json, view_of

_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=60),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                       max_leaves=8)


@given(st.dictionaries(st.text(max_size=12), _values, max_size=6), st.text(max_size=60), st.one_of(st.none(), st.text(max_size=50)))
def test_a_pooled_annotation_equals_the_plain_one(data: dict[str, Any], kind: str, label: str | None) -> None:
    ann = Annotation("x:0-1", kind, Span(0, 1), "x", Provenance("s.v1", "abc"), label, data)
    pool = StringPool()
    assert pool.annotation(ann) == ann
    assert pool.annotation_json(ann.to_json()) == Annotation.from_json(ann.to_json())


def test_views_share_one_copy_of_short_strings() -> None:
    docs = [make_doc(f"d{i}") for i in range(3)]
    pool = StringPool()
    views = [view_of(d, frozenset({"entity"}), pool) for d in docs]
    for doc, view in zip(docs, views, strict=True):
        assert view == replace(doc, annotations=[a for a in doc.annotations if a.kind == "entity"])
        assert view.text is view.original  # one copy of a text equal to its original
    first, second = views[0].annotations[0], views[1].annotations[0]
    assert first.kind is second.kind and first.prov is second.prov and first.label is second.label
    assert next(iter(first.data)) is next(iter(second.data))  # the payload's keys
    assert first.data["norm"] is second.data["norm"]  # and short values
    long_value = "y" * (POOLED_CHARS + 1)
    assert pool.text(long_value) is long_value


def test_a_view_from_stored_json_equals_the_document_it_was_built_from() -> None:
    doc = make_doc("j-doc")
    obj = doc.to_json()
    anns = [a for a in obj.pop("annotations") if a["kind"] == "entity"]
    view = view_from_json(obj, anns, StringPool())
    assert view == replace(doc, annotations=[a for a in doc.annotations if a.kind == "entity"])
    other = Document("t", "original text", SourceRef("t.txt"), text="cleaned text")
    assert view_from_json(other.to_json(), [], StringPool()).text == "cleaned text"


def test_rows_decoded_in_chunks_equal_rows_decoded_one_by_one() -> None:
    import json

    from lagebild.store import views

    rows = [(f"d{i}", json.dumps({"hash": str(i), "story:6000": {"wort": i, f"w{i}": 1}})) for i in range(5)]
    old = views.ROWS_PER_DECODE
    views.ROWS_PER_DECODE = 2  # several chunks, the last one short
    try:
        assert decode_rows(iter(rows)) == {i: json.loads(t) for i, t in rows}
    finally:
        views.ROWS_PER_DECODE = old
    assert decode_rows([]) == {}
