"""Properties of the calendar normaliser: never crashes, values well-formed, resolved days exist."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.timex import Point, format_value, parse_value, tag
from lagebild.timex.values import GRANULARITIES, make_day, shift, truncate, weekday_near

# TIMEX3 value grammar for what the tagger emits.
VALUE = re.compile(
    r"^(?:BC)?\d{4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:MO|MI|AF|EV|NI|DT|\d{2}(?::\d{2})?))?)?|W\d{2}(?:-WE)?|H[12]|Q[1-4]|SP|SU|FA|WI))?$"
    r"|^(?:BC)?\d{2,3}$|^P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q|H|WE)$|^PT(?:\d+(?:\.\d+)?|X)[HMS]$"
    r"|^(?:PAST|PRESENT|FUTURE)_REF$|^XXXX-(?:WXX-\d|XX-XXT(?:MO|EV|NI))$"
)
UNITS = ["year", "half", "quarter", "month", "week", "day", "decade", "century", "hour"]

points = st.builds(
    lambda d, g, h, mi: _point(d, g, h, mi),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["year", "month", "week", "weekend", "day", "pod", "minute", "quarter", "half", "season", "decade", "century"]),
    st.integers(0, 23),
    st.integers(0, 59),
)


def _point(d: dt.date, gran: str, h: int, mi: int) -> Point:
    iso = d.isocalendar()
    return {
        "year": Point("year", d.year), "month": Point("month", d.year, d.month), "week": Point("week", iso.year, week=iso.week),
        "weekend": Point("weekend", iso.year, week=iso.week), "day": Point("day", d.year, d.month, d.day),
        "pod": Point("pod", d.year, d.month, d.day, sub="EV"), "minute": Point("minute", d.year, d.month, d.day, hour=h, minute=mi),
        "quarter": Point("quarter", d.year, sub=f"Q{(d.month - 1) // 3 + 1}"), "half": Point("half", d.year, sub="H1"),
        "season": Point("season", d.year, sub="SU"), "decade": Point("decade", d.year - d.year % 10),
        "century": Point("century", d.year - d.year % 100),
    }[gran]


@given(points)
def test_format_is_well_formed_and_round_trips(p: Point) -> None:
    value = format_value(p)
    assert VALUE.match(value), value
    back = parse_value(value)
    if p.year >= 100 or p.gran not in ("decade", "century"):
        assert back is not None and format_value(back) == value


@given(points, st.sampled_from(UNITS), st.integers(-5000, 5000))
def test_shift_never_crashes_and_days_exist(p: Point, unit: str, n: int) -> None:
    out = shift(p, unit, n)
    if out is None:
        return
    assert VALUE.match(format_value(out))
    if out.gran in ("day", "pod", "minute"):
        assert make_day(out.year, out.month, out.day) is not None
    if out.gran in ("week", "weekend"):
        dt.date.fromisocalendar(out.year, out.week, 1)  # the ISO week exists


@given(points, st.sampled_from(GRANULARITIES))
def test_truncate_only_coarsens(p: Point, gran: str) -> None:
    out = truncate(p, gran)
    if out is not None:
        assert GRANULARITIES.index(out.gran) <= GRANULARITIES.index(p.gran) or out.gran == gran
        start, inner = out.date(), p.date()
        if start and inner and out.gran not in ("week", "weekend") and p.gran not in ("week", "weekend"):
            assert start <= inner


@given(st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)), st.integers(0, 6), st.sampled_from(["past", "future", "nearest"]))
def test_weekday_near(d: dt.date, weekday: int, direction: str) -> None:
    out = weekday_near(Point("day", d.year, d.month, d.day), weekday, direction)
    assert out is not None
    day = dt.date(out.year, out.month, out.day)
    assert day.weekday() == weekday and abs((day - d).days) <= 6
    if direction == "past":
        assert day <= d
    if direction == "future":
        assert day >= d


@given(st.text(max_size=300))
def test_parse_value_never_crashes(s: str) -> None:
    parse_value(s)


_WORDS = ["am", "im", "Mittwoch", "Juni", "31.02.2024", "8. November", "vergangenen", "Woche", "Ende", "des", "Monats",
          "fünf", "Monate", "später", "Jahr", "2022", "letzte", "seit", "Jahren", "v. Chr.", "0000", "9999", "99.99.9999",
          "kommenden", "Tage", "um", "15:57", "Uhr", "Samstagabend", "gestern", "1961", "19,65", "3.000", "Lesezeit:", "2",
          "Minuten", "Anfang", "nächsten", "Jahres", "Nacht", "zum", "Sonntag", "Quartal", "ersten", "1990er", "Jahre", ".", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=40), st.none() | points)
def test_tagger_never_crashes_and_values_are_valid(words: list[str], dct: Point | None) -> None:
    text = " ".join(words)
    for t in tag(text, dct):
        assert 0 <= t.start < t.end <= len(text)
        if t.value is not None:
            assert VALUE.match(t.value), (text[t.start : t.end], t.value)
            p = parse_value(t.value)
            if p is not None and p.gran in ("day", "pod", "minute"):
                assert make_day(p.year, p.month, p.day) is not None


def test_real_news_articles(shared_data) -> None:
    """200 real German news articles (10kGNAD): no crash, valid values, real days, spans on word boundaries."""
    import csv

    path = shared_data / "10kgnad_articles" / "test.csv"
    if not path.exists():
        import pytest

        pytest.skip("10kGNAD not available")
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8") as fh:
        texts = [row[1].strip("'") for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1][:200]
    dct = parse_value("2016-03-15")
    found = 0
    for text in texts:
        for t in tag(text, dct):
            found += 1
            assert 0 <= t.start < t.end <= len(text)
            assert not (t.start > 0 and text[t.start - 1].isalnum() and text[t.start].isalnum()), text[t.start - 10 : t.end]
            if t.value is not None:
                assert VALUE.match(t.value), (text[t.start : t.end], t.value)
                p = parse_value(t.value)
                if p is not None and p.gran in ("day", "pod", "minute"):
                    assert make_day(p.year, p.month, p.day) is not None
    assert found > 400  # news are full of dates; a silent tagger is a broken tagger
