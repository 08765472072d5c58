"""Readable values: TIMEX codes, counts, titles and quotes as a reader expects them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.report.readable import (
    first_sentence,
    human_date,
    plural,
    readable_text,
    readable_value,
    unquote,
)


@pytest.mark.parametrize(("value", "shown"), [
    ("2024-11-09", "9 Nov 2024"), ("2024-11", "Nov 2024"), ("2024", "2024"), ("2024-W45", "week 45, 2024"),
    ("2024-11-09TEV", "9 Nov 2024, evening"), ("2024-11-09T14:30", "9 Nov 2024, 14:30"), ("2024-SU", "summer 2024"),
    ("2024-Q1", "Q1 2024"), ("201X", "the 2010s"), ("XXXX-11-09", "9 Nov (year unknown)"), ("XXXX-XX-XXTEV", "an evening"),
    ("FUTURE_REF", "future, unspecified"), ("PAST_REF", "past, unspecified"), ("PRESENT_REF", "now"),
    ("PXD", "a few days"), ("P1Y", "1 year"), ("P3D", "3 days"), ("PT2H", "2 hours"), ("PT30M", "30 minutes"),
    ({"value": "2015-02-03", "precision": "day"}, "3 Feb 2015"), (None, ""), ("weird", "weird"),
])
def test_timex_values_read_as_a_journalist_writes_them(value: object, shown: str) -> None:
    assert readable_value(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    # an event dated "kurz nach dem 20. Dezember": a range of days, month and year written once where shared
    ("2024-12-20/2024-12-23", "20–23 Dec 2024"), ("2024-11-30/2024-12-02", "30 Nov – 2 Dec 2024"),
    ("2024-12-28/2025-01-02", "28 Dec 2024 – 2 Jan 2025"), ("2024-12-20/2024-12-20", "20 Dec 2024"),
    ({"value": "2023-02-06/2023-02-09", "granularity": "range"}, "6–9 Feb 2023"),
    ("2024-11/2024-12", "Nov 2024 – Dec 2024"), ("a/b", "a/b"),
])
def test_a_range_of_days_reads_as_a_range(value: object, shown: str) -> None:
    assert readable_value(value) == shown


@settings(max_examples=200, deadline=None)
@given(st.dates(), st.integers(min_value=0, max_value=400))
def test_every_range_of_days_keeps_both_ends(first: object, length: int) -> None:
    import datetime as dt

    assert isinstance(first, dt.date)
    last = first + dt.timedelta(days=length) if first.year < 9999 - 2 else first
    text = readable_value(f"{first.isoformat()}/{last.isoformat()}")
    assert "/" not in text and text.startswith(str(first.day)) and text.endswith(f"{last.day} {last.strftime('%b')} {last.year:04d}")
    assert str(first.year) in text and first.strftime("%b") in text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=30), st.integers(), st.dictionaries(st.text(max_size=5), st.text(max_size=12), max_size=3)))
def test_any_value_gives_text_and_never_fails(value: object) -> None:
    assert isinstance(readable_value(value), str)
    assert isinstance(human_date(value), str)


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_every_calendar_day_keeps_its_day_month_and_year(day: object) -> None:
    text = readable_value(day.isoformat())  # type: ignore[attr-defined]
    assert text == f"{day.day} {day.strftime('%b')} {day.year:04d}"  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=80))
def test_text_without_digits_or_codes_is_left_alone(text: str) -> None:
    if not re.search(r"(FUTURE|PAST|PRESENT)_REF|\bP[XT]", text):
        assert readable_text(text) == text


def test_codes_inside_words_and_plain_numbers_stay() -> None:
    assert readable_text("APXDE kostet 3000 Euro") == "APXDE kostet 3000 Euro"
    assert readable_text("70: outlet-04, 2014-SU; bis PXD") == "70: outlet-04, summer 2014; bis a few days"


def test_plurals_titles_and_quotes() -> None:
    assert plural(1, "source") == "1 source" and plural(2, "source") == "2 sources" and plural(0, "story", "stories") == "0 stories"
    assert plural(12345, "article") == "12,345 articles"
    assert first_sentence("Wien – Die Regierung tagt. Danach folgt mehr.") == "Wien – Die Regierung tagt."
    assert first_sentence("Erste Zeile ohne Punkt\nzweite Zeile") == "Erste Zeile ohne Punkt"
    assert len(first_sentence("Wort " * 100)) <= 142
    assert unquote("„Wir kommen“") == "Wir kommen" and unquote('"Nein"') == "Nein" and unquote("»Ja«") == "Ja"
    assert unquote("„Wir kommen") == "Wir kommen"  # a quote cut before its closing mark
    assert unquote("Er sagte „ja“ und ging") == "Er sagte „ja“ und ging"  # marks inside stay


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_unquote_never_grows_and_never_fails(text: str) -> None:
    assert len(unquote(text)) <= len(text.strip())
