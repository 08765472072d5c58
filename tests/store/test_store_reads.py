"""The read queries the web server uses: one contract, run on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.compare import CorpusResult
from lagebild.model import ArticleMeta, DateValue, Document, Provenance, Removed, SourceRef, Span, StageFailure, TextBuilder
from lagebild.report.view import parse_date_range
from lagebild.stages.segment import Segmenter
from lagebild.store.reads import date_bounds

PROV = Provenance("test.reads.v1")

#: id → (outlet, language, published); ids sort differently by code point than by locale ("Z" < "a" < "Ä")
DOCS = {
    "a-year": ("Blatt A", "de", "2024"),
    "b-month": ("Blatt B", "de", "2024-11"),
    "c-day": ("Blatt A", "de", "2024-11-08"),
    "d-time": ("Blatt C", "en", "2024-11-20T10:15:00+01:00"),
    "e-none": ("Blatt A", "de", None),
    "f-old": (None, "de", "2023-12-31"),
    "Zeta": ("Blatt B", None, "2025-01-02"),
    "Äther": ("Blatt C", "de", "2024-10"),
}


def make_doc(doc_id: str, outlet: str | None, language: str | None, published: str | None) -> Document:
    original = f"Kopfzeile\n{doc_id}: Soldaten in Russland. Der Kreml schweigt zu {doc_id}."
    doc = Document(id=doc_id, original=original, source=SourceRef(f"in/{doc_id}.txt", encoding="utf-8"),
                   meta=ArticleMeta(title=f"Titel {doc_id}", outlet=outlet, language=language,
                                    published=DateValue(published, "day" if published else None), author="A. Autor"))
    builder = TextBuilder(original)
    builder.copy(len("Kopfzeile\n"), len(original))  # cleaning drops the first line: original offsets differ from text offsets
    doc.set_text(*builder.build())
    doc.removed.append(Removed(0, len("Kopfzeile\n"), "boilerplate"))
    Segmenter()(doc)
    i = doc.text.index("Russland")
    doc.add("entity", Span(i, i + 8), PROV, label="LOC", data={"norm": "Russland"})
    k = doc.text.index("Kreml")
    doc.add("entity", Span(k, k + 5), PROV, label="ORG", data={"norm": "Kreml"})
    doc.add("claim", Span(0, len(doc.text)), PROV, data={"unit": "Soldaten", "claimant_text": "der Kreml", "claimant_ann": doc.annotations[-1].id})
    if doc_id.startswith("c"):
        doc.failures.append(StageFailure("x.v1", "ValueError", "kaputt"))
    return doc


@pytest.fixture
def reads(store: Any) -> Any:
    for doc_id, meta in DOCS.items():
        store.save_document(make_doc(doc_id, *meta))
    return store


def _by_python(**f: Any) -> list[str]:
    """Reference selection, the way the web server filtered its in-memory documents."""
    out = []
    for doc_id, (outlet, language, published) in sorted(DOCS.items()):
        if f.get("ids") is not None and doc_id not in f["ids"]:
            continue
        if f.get("outlet") and outlet != f["outlet"]:
            continue
        if f.get("language") and language != f["language"]:
            continue
        if f.get("date_from") or f.get("date_to"):
            value = published
            if not value and doc_id in (f.get("inferred_values") or {}):
                value = f["inferred_values"][doc_id]
            rng = parse_date_range(value)
            lo = parse_date_range(f["date_from"]) if f.get("date_from") else None
            hi = parse_date_range(f["date_to"]) if f.get("date_to") else None
            if rng is None or (lo and rng[1] < lo[0]) or (hi and rng[0] > hi[1]):
                continue
        out.append(doc_id)
    return out


def test_list_and_count_in_code_point_order_with_paging(reads: Any) -> None:
    everything = reads.list_documents()
    assert [r["id"] for r in everything] == sorted(DOCS) == reads.document_ids()
    assert set(everything[0]) == {"id", "title", "published", "precision", "language", "outlet", "hash"}
    row = next(r for r in everything if r["id"] == "c-day")
    assert row == {"id": "c-day", "title": "Titel c-day", "published": "2024-11-08", "precision": "day", "language": "de",
                   "outlet": "Blatt A", "hash": make_doc("c-day", *DOCS["c-day"]).hash}
    assert reads.count_documents() == len(DOCS)
    assert [r["id"] for r in reads.list_documents(limit=3, offset=2)] == sorted(DOCS)[2:5]
    assert [r["id"] for r in reads.list_documents(offset=6)] == sorted(DOCS)[6:]
    assert reads.list_documents(limit=5, offset=100) == []


@pytest.mark.parametrize(
    "filters",
    [
        {"outlet": "Blatt A"},
        {"language": "en"},
        {"outlet": "Blatt B", "language": "de"},
        {"ids": ["e-none", "c-day", "missing", "Äther"]},
        {"ids": []},
        {"date_from": "2024-11-15"},  # the month "2024-11" and the year "2024" reach into it
        {"date_to": "2024-11-07"},
        {"date_from": "2024-11", "date_to": "2024-11"},
        {"date_from": "2024-10-31", "date_to": "2024-11-08"},
        {"date_from": "2025"},
        {"date_to": "2023"},
        {"date_from": "2024-13-45"},  # no calendar date: no bound, but undated documents drop out
        {"date_from": "2024-11-15", "outlet": "Blatt A", "ids": ["a-year", "c-day", "e-none"]},
    ],
)
def test_filters_select_as_the_in_memory_reference(reads: Any, filters: dict[str, Any]) -> None:
    expected = _by_python(**filters)
    assert [r["id"] for r in reads.list_documents(**filters)] == expected
    assert reads.count_documents(**filters) == len(expected)


def test_inferred_dates_count_only_for_documents_without_one(reads: Any) -> None:
    # "c-day" has its own date, so an inferred one is ignored; "e-none" has none and uses it
    got = [r["id"] for r in reads.list_documents(date_from="2024-06", date_to="2024-06", inferred=["e-none", "c-day"])]
    assert got == ["a-year", "e-none"]
    assert reads.count_documents(date_from="2024-06", inferred=["e-none"]) == len(_by_python(date_from="2024-06")) + 1


def test_unknown_filter_is_an_error(reads: Any) -> None:
    with pytest.raises(TypeError):
        reads.list_documents(colour="red")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lo=st.one_of(st.none(), st.dates(date(2023, 6, 1), date(2025, 6, 1))),
    hi=st.one_of(st.none(), st.dates(date(2023, 6, 1), date(2025, 6, 1))),
    lo_cut=st.sampled_from([4, 7, 10]),
    hi_cut=st.sampled_from([4, 7, 10]),
)
def test_date_ranges_match_the_reference(reads: Any, lo: date | None, hi: date | None, lo_cut: int, hi_cut: int) -> None:
    f = {"date_from": lo.isoformat()[:lo_cut] if lo else None, "date_to": hi.isoformat()[:hi_cut] if hi else None}
    assert [r["id"] for r in reads.list_documents(**f)] == _by_python(**f)


def test_date_bounds_cover_whole_periods() -> None:
    assert date_bounds("2024-02", "2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2023", "2023-12") == ("2023-01-01", "2023-12-31")
    assert date_bounds("2024-02-30", None) == (None, None)
    day = date(2024, 1, 1)
    for _ in range(40):
        assert date_bounds(day.isoformat(), day.isoformat()) == (day.isoformat(), day.isoformat())
        day += timedelta(days=9)


def test_documents_and_heads_by_id(reads: Any) -> None:
    docs = reads.get_documents(["c-day", "missing", "a-year", "c-day"])
    assert list(docs) == ["c-day", "a-year"]
    assert docs["c-day"].to_json() == reads.get_document("c-day").to_json() == make_doc("c-day", *DOCS["c-day"]).to_json()
    heads = reads.get_document_heads(["Äther", "c-day", "nope"])
    assert list(heads) == ["Äther", "c-day"]
    full = make_doc("c-day", *DOCS["c-day"])
    head = heads["c-day"]
    assert head.annotations == [] and head.text == "" and head.offsets.segments == []
    assert (head.original, head.source, head.meta, head.removed, head.failures, head.hash) == (
        full.original, full.source, full.meta, full.removed, full.failures, full.hash)
    assert reads.get_documents([]) == {} and reads.get_document_heads([]) == {}


def test_sources_in_bulk_equal_one_by_one(reads: Any) -> None:
    reads.add_source("c-day", SourceRef("copy/c.txt"))
    reads.add_source("c-day", SourceRef("feed.jsonl", record=2))
    bulk = reads.sources_of(["c-day", "a-year", "missing"])
    assert bulk == {"c-day": reads.sources("c-day"), "a-year": reads.sources("a-year"), "missing": []}
    assert [s["path"] for s in bulk["c-day"]] == ["copy/c.txt", "feed.jsonl", "in/c-day.txt"]


def test_outlets(reads: Any) -> None:
    assert reads.outlets() == ["Blatt A", "Blatt B", "Blatt C"]


def test_annotation_rows_and_counts(reads: Any) -> None:
    assert reads.annotation_counts("entity") == [(d, 2) for d in sorted(DOCS)]
    assert reads.annotation_counts("claim", doc="c-day") == [("c-day", 1)]
    assert reads.annotation_counts("quote") == []
    rows = list(reads.iter_annotations("entity"))
    assert [r["doc"] for r in rows] == [d for d in sorted(DOCS) for _ in range(2)]
    for doc_id in DOCS:
        doc = make_doc(doc_id, *DOCS[doc_id])
        mine = [r for r in rows if r["doc"] == doc_id]
        expected = sorted(doc.of_kind("entity"), key=lambda a: doc.original_span(a.span))
        assert [r["ann"] for r in mine] == [a.id for a in expected]
        for r, a in zip(mine, expected, strict=True):
            span = doc.span_json(a.span)
            assert (r["start"], r["end"], r["text"], r["label"], r["data"]) == (span["start"], span["end"], span["text"], a.label, dict(a.data))
            assert r["text"] == doc.original[r["start"] : r["end"]]
    assert {r["doc"] for r in reads.iter_annotations("claim", docs=["a-year", "Zeta", "nope"])} == {"a-year", "Zeta"}
    assert [r["doc"] for r in reads.iter_annotations("claim", doc="Äther")] == ["Äther"]
    claim = next(reads.iter_annotations("claim", doc="a-year"))
    assert claim["data"]["unit"] == "Soldaten" and claim["data"]["claimant_ann"].startswith("entity:")


def test_data_version_changes_with_every_write(reads: Any, store_url: str) -> None:
    from lagebild.store import open_store

    before = reads.data_version()
    assert reads.data_version() == before  # stable while nothing changes
    other = open_store(store_url)  # another process writing to the same store
    try:
        other.save_document(make_doc("neu", "Blatt D", "de", "2024-12-01"))
    finally:
        other.close()
    after = reads.data_version()
    assert after != before
    reads.save_corpus(CorpusResult(stories=[{"id": "s", "members": []}]))
    assert reads.data_version() != after


def test_a_date_range_covers_all_its_days() -> None:
    from datetime import date

    # "kurz nach dem 20. Dezember": the happening lies somewhere in the four days, not on the first one
    assert parse_date_range("2024-12-20/2024-12-23") == (date(2024, 12, 20), date(2024, 12, 23))
    assert parse_date_range("2024-12/2025-01") == (date(2024, 12, 1), date(2025, 1, 31))
    # Must not widen: a single day stays one day; a reversed or half-unreadable interval keeps its first side
    assert parse_date_range("2024-12-20") == (date(2024, 12, 20), date(2024, 12, 20))
    assert parse_date_range("2024-12-23/2024-12-20") == (date(2024, 12, 23), date(2024, 12, 23))
    assert parse_date_range("2024-12-20/P3D") == (date(2024, 12, 20), date(2024, 12, 20))


_SIDE = st.one_of(
    st.builds(lambda y, m, d, tail: f"{y:04d}" + (f"-{m:02d}" if m is not None else "") + (f"-{d:02d}" if m is not None and d is not None else "") + tail,
              st.integers(0, 9999), st.none() | st.integers(0, 13), st.none() | st.integers(0, 32),
              st.sampled_from(["", "T10:00", "T", "-XX", "WE"])),
    st.sampled_from(["", "P3D", "PRESENT_REF", "XXXX-12", "2024-W03", "/"]),
    st.text(alphabet="0123456789-/TPDX", max_size=12),
)


@given(_SIDE, st.sampled_from(["", "/", "//"]), _SIDE)
def test_a_date_range_never_raises_and_never_runs_backwards(first: str, sep: str, second: str) -> None:
    value = first + sep + second if sep else first
    rng = parse_date_range(value)
    assert rng is None or rng[0] <= rng[1]
    # the first side is what the value is read from: readable first side, the range starts there
    head = parse_date_range(value.partition("/")[0])
    if head is None:
        assert rng is None
    else:
        assert rng is not None and rng[0] == head[0] and rng[1] >= head[1]
    assert parse_date_range({"value": value}) == rng


def test_the_timeline_bar_of_a_range_spans_its_days() -> None:
    from lagebild.report.view import _timeline_axis

    entries = [{"all_dates": [{"value": "2024-12-01"}]}, {"all_dates": [{"value": "2024-12-20/2024-12-23"}]},
               {"all_dates": [{"value": "2024-12-20"}]}]
    _timeline_axis(entries)
    ranged, day = entries[1]["all_dates"][0], entries[2]["all_dates"][0]
    assert ranged["left"] == day["left"]
    assert ranged["width"] > 3 * day["width"] * 0.9


def test_a_second_side_inside_the_first_does_not_shorten_the_range() -> None:
    assert parse_date_range("0001/0001-01") == (date(1, 1, 1), date(1, 12, 31))
    assert parse_date_range("2024-12-20/2024-12-23") == (date(2024, 12, 20), date(2024, 12, 23))
