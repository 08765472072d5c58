"""Offsets survive cleaning and serialisation, and slice back to the same text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import OffsetError
from lagebild.model import Document, Provenance, SourceRef, Span, TextBuilder

PROV = Provenance("test.v1", "0")


def make_doc(original: str, keep: list[tuple[int, int]]) -> Document:
    builder = TextBuilder(original)
    for i, (start, end) in enumerate(keep):
        if i:
            builder.insert("\n")
        builder.copy(start, end)
    doc = Document("d", original, SourceRef("d.txt"))
    doc.set_text(*builder.build())
    return doc


@st.composite
def original_and_cuts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(min_size=0, max_size=200))
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    cuts = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2) if points[i] < points[i + 1]]
    return text, cuts


@settings(deadline=None)
@given(original_and_cuts(), st.data())
def test_copied_spans_slice_back_to_original(oc: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    original, cuts = oc
    doc = make_doc(original, cuts)
    for seg in doc.offsets.segments:
        assert doc.text[seg.text_start : seg.text_start + seg.length] == original[seg.orig_start : seg.orig_start + seg.length]
    if not doc.offsets.segments:
        return
    seg = data.draw(st.sampled_from(doc.offsets.segments))
    a = data.draw(st.integers(seg.text_start, seg.text_start + seg.length))
    b = data.draw(st.integers(a, seg.text_start + seg.length))
    ann = doc.add("entity", Span(a, b), PROV)
    exported = doc.span_json(ann.span)
    assert exported["text"] == original[exported["start"] : exported["end"]]
    assert exported["text"] == ann.surface


@settings(deadline=None)  # a property, not a timing: speed is measured in benchmarks
@given(original_and_cuts(), st.data())
def test_any_span_maps_inside_original_and_is_monotonic(oc: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    original, cuts = oc
    doc = make_doc(original, cuts)
    a = data.draw(st.integers(0, len(doc.text)))
    b = data.draw(st.integers(a, len(doc.text)))
    start, end = doc.original_span(Span(a, b))
    assert 0 <= start <= end <= len(original)
    if doc.offsets.segments and b < len(doc.text):
        s2, _ = doc.original_span(Span(b, b))
        assert s2 >= start


@settings(deadline=None)
@given(original_and_cuts(), st.data())
def test_json_round_trip(oc: tuple[str, list[tuple[int, int]]], data: st.DataObject) -> None:
    original, cuts = oc
    doc = make_doc(original, cuts)
    a = data.draw(st.integers(0, len(doc.text)))
    b = data.draw(st.integers(a, len(doc.text)))
    doc.add("claim", Span(a, b), PROV, label="numeric", data={"value": 3000.0, "unit": "Soldaten"})
    back = Document.from_json(json.loads(json.dumps(doc.to_json())))
    assert back.to_json() == doc.to_json()
    assert all(x.surface == back.text[x.span.start : x.span.end] for x in back.annotations)


def test_add_rejects_span_outside_text() -> None:
    doc = make_doc("abc", [(0, 3)])
    with pytest.raises(OffsetError, match="outside text"):
        doc.add("entity", Span(1, 9), PROV)


def test_text_cannot_be_replaced_after_annotation() -> None:
    doc = make_doc("abc", [(0, 3)])
    doc.add("entity", Span(0, 1), PROV)
    with pytest.raises(OffsetError):
        doc.set_text("x", doc.offsets)
