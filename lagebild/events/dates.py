"""Turn TIMEX3 values and publication dates into calendar intervals that can be compared.

An event date is kept at the precision the text gives ("2024-06" is June, not June 1st);
comparing two dates means asking whether their intervals can overlap.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

__all__ = ["CUES", "NEAR", "DateInterval", "approximate", "granularity_of", "interval_of", "nearest_weekday", "next_weekday", "sentence_adverb", "time_of_day", "widen"]

#: the cue words of the event rules (``lagebild/events/cues.toml``), read once for the dates and the roles
CUES: dict[str, Any] = tomllib.loads(resources.files("lagebild.events").joinpath("cues.toml").read_text("utf-8"))
#: "kurz vor Weihnachten", "wenige Tage nach dem 1. Mai": a day a happening lies just before or after
#: (group 1: the side); matched against the text that ends where the timex starts
NEAR = re.compile(str(CUES["near"]), re.IGNORECASE)
_ADVERB_SUFFIXES = tuple(str(w) for w in CUES["adverb_suffixes"])


def sentence_adverb(word: str) -> bool:
    """A sentence adverb by its ending ("Tragischerweise", "glücklicherweise"), never a noun such as "Verweise"."""
    w = word.lower()
    return any(w.endswith(suffix) and len(w) >= len(suffix) + 3 for suffix in _ADVERB_SUFFIXES)
#: days from the landmark day that a "kurz nach"/"wenige Tage vor" happening may lie, by the cue's first words
NEAR_DAYS: dict[str, int] = {str(k): int(v) for k, v in CUES["near_days"].items()}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
#: an approximate date: a range of days written as an ISO 8601 interval ("2024-12-20/2024-12-23")
_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X$")


@dataclass(frozen=True, slots=True)
class DateInterval:
    """A closed interval of days with the value and granularity it came from."""

    start: date
    end: date
    value: str
    granularity: str

    def overlaps(self, other: DateInterval, slack_days: int = 0) -> bool:
        """Return True when the two intervals can describe the same day (``slack_days`` tolerance)."""
        slack = timedelta(days=slack_days)
        return self.start <= other.end + slack and other.start <= self.end + slack

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "granularity": self.granularity, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def granularity_of(value: str) -> str | None:
    """Return ``day``/``week``/``month``/``quarter``/``year``/``decade`` (or None) for a TIMEX3 value."""
    interval = interval_of(value)
    return interval.granularity if interval else None


def interval_of(value: Any, granularity: str | None = None) -> DateInterval | None:
    """Parse a TIMEX3-like calendar value (``2024``, ``2024-06``, ``2024-W45``, ``2024-11-08T..``) into days.

    Returns None for values without a calendar anchor (``PRESENT_REF``, ``XXXX-06``, durations).
    """
    if not isinstance(value, str) or not value:
        return None
    value = value.strip()
    try:
        if m := _RANGE.match(value):
            lo, hi = date(int(m[1]), int(m[2]), int(m[3])), date(int(m[4]), int(m[5]), int(m[6]))
            return DateInterval(lo, hi, value, "range") if lo <= hi else None
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            gran = "minute" if "T" in value and granularity in (None, "minute", "time") and re.search(r"T\d", value) else "day"
            return DateInterval(day, day, value[:10] if gran == "day" else value, gran if gran == "day" else "minute")
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return DateInterval(date(year, month, 1), _month_end(year, month), value, "month")
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateInterval(start, start + timedelta(days=6), value, "week")
        if m := _QUARTER.match(value):
            year, q = int(m[1]), int(m[2])
            return DateInterval(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), value, "quarter")
        if m := _HALF.match(value):
            year, h = int(m[1]), int(m[2])
            return DateInterval(date(year, 6 * h - 5, 1), _month_end(year, 6 * h), value, "half")
        if m := _SEASON_RE.match(value):
            year = int(m[1])
            first, last = _SEASON[m[2]]
            end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
            return DateInterval(date(year, first, 1), _month_end(end_year, end_month), value, "season")
        if m := _YEAR.match(value):
            year = int(m[1])
            return DateInterval(date(year, 1, 1), date(year, 12, 31), value, "year")
        if m := _DECADE.match(value):
            year = int(m[1]) * 10
            return DateInterval(date(year, 1, 1), date(year + 9, 12, 31), value, "decade")
    except ValueError:  # impossible calendar values ("2024-02-31", week 54)
        return None
    return None


def approximate(text: str, start: int, value: Any) -> str | None:
    """The range of days a happening set "kurz nach"/"kurz vor" a day lies in, or None when no such cue precedes ``start``.

    "Kurz nach dem 20. Dezember" is the 20th or a few days after it, not the 20th: the range
    runs from the day to as many days after (or before) it as the cue allows (cues.toml
    ``near_days``), written as an ISO 8601 interval ("2024-12-20/2024-12-23"). Only a day is
    widened; a month or a year is already a range.
    """
    interval = interval_of(value)
    if interval is None or interval.granularity != "day":
        return None
    m = NEAR.search(text, max(0, start - 40), start)
    if m is None:
        return None
    cue = " ".join(m.group(0).lower().split()[:2])
    days = NEAR_DAYS.get(cue) or NEAR_DAYS.get(cue.split()[0], 0)
    if not days:
        return None
    try:
        other = interval.start + timedelta(days=days if m.group(1).lower() == "nach" else -days)
    except OverflowError:
        return None
    lo, hi = sorted((interval.start, other))
    return f"{lo.isoformat()}/{hi.isoformat()}"


def widen(interval: DateInterval, before_days: int, after_days: int = 0) -> DateInterval:
    """Return the interval grown by some days, keeping its value (for 'around the publication date')."""
    return DateInterval(
        interval.start - timedelta(days=before_days), interval.end + timedelta(days=after_days), interval.value, interval.granularity
    )


def nearest_weekday(anchor: date, weekday: int) -> date:
    """Return the day with ISO weekday index ``weekday`` (Monday 0) nearest to ``anchor`` (at most 3 days off).

    The anchor is a day-precision date of the same event, so a weekday named for it is the one
    closest to that day, whichever side: "am Samstag" against Sunday the 21st is Saturday the 20th.
    """
    ahead = (weekday - anchor.weekday()) % 7
    try:
        return anchor + timedelta(days=ahead) if ahead <= 3 else anchor - timedelta(days=7 - ahead)
    except OverflowError:  # at the ends of the calendar: the other side
        return anchor - timedelta(days=7 - ahead) if ahead <= 3 else anchor + timedelta(days=ahead)


def next_weekday(anchor: date, weekday: int) -> date:
    """Return the first day after ``anchor`` with ISO weekday index ``weekday`` (1 to 7 days later).

    For a later occurrence of a happening: "der zweite Warnstreik am Montag" after a first one on
    Monday 2 December is Monday 9 December, never the first one's day.
    """
    ahead = (weekday - anchor.weekday()) % 7 or 7
    try:
        return anchor + timedelta(days=ahead)
    except OverflowError:
        return anchor


def time_of_day(data: Mapping[str, Any], label: str | None = None) -> bool:
    """A timex that names an hour or a part of a day ("19 Uhr", "2024-12-20T19:00", "2024-12-20TEV")."""
    return label == "TIME" or "T" in str(data.get("value") or "")
