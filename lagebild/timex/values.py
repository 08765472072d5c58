"""Calendar values at a granularity: arithmetic, coarsening and TIMEX3 value strings.

A ``Point`` is a calendar region at the granularity a text actually expresses: a century,
decade, year, half, quarter, season, month, ISO week, weekend, day, part of day, hour or
minute. Arithmetic never invents finer detail than it was given, and every function returns
``None`` instead of raising for values the calendar does not have ("31.02.2024").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

__all__ = [
    "GRANULARITIES",
    "Point",
    "days_in_month",
    "format_value",
    "make_day",
    "parse_value",
    "shift",
    "truncate",
    "weekday_near",
]

#: Coarse to fine. ``weekend`` and ``week`` sit between month and day (ISO weeks cross months).
GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "pod", "hour", "minute")
_RANK = {g: i for i, g in enumerate(GRANULARITIES)}
MIN_YEAR, MAX_YEAR = -9999, 9999


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar region; fields finer than ``gran`` are meaningless and left at 0/""."""

    gran: str
    year: int
    month: int = 0
    day: int = 0
    week: int = 0
    sub: str = ""  # half "H1", quarter "Q3", season "SU", part of day "EV"
    hour: int = 0
    minute: int = 0

    def date(self) -> dt.date | None:
        """Return the first calendar day of the region (``None`` outside 1..9999 or invalid)."""
        try:
            if self.gran in ("day", "pod", "hour", "minute"):
                return dt.date(self.year, self.month, self.day)
            if self.gran in ("week", "weekend"):
                monday = dt.date.fromisocalendar(self.year, self.week, 1)
                return monday + dt.timedelta(days=5) if self.gran == "weekend" else monday
            if self.gran == "month":
                return dt.date(self.year, self.month, 1)
            if self.gran == "quarter":
                return dt.date(self.year, 3 * (int(self.sub[1]) - 1) + 1, 1)
            if self.gran == "half":
                return dt.date(self.year, 1 if self.sub == "H1" else 7, 1)
            if self.gran == "season":
                return dt.date(self.year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[self.sub], 1)
            if self.gran == "decade":
                return dt.date(self.year - self.year % 10 or 1, 1, 1)
            if self.gran == "century":
                return dt.date(max(1, self.year - self.year % 100), 1, 1)
            return dt.date(self.year, 1, 1)
        except (ValueError, KeyError, IndexError, OverflowError):
            return None

    def end_date(self) -> dt.date | None:
        """Return the last calendar day of the region."""
        start = self.date()
        if start is None:
            return None
        try:
            if self.gran in ("day", "pod", "hour", "minute"):
                return start
            if self.gran == "week":
                return start + dt.timedelta(days=6)
            if self.gran == "weekend":
                return start + dt.timedelta(days=1)
            months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}[self.gran]
            y, m = divmod(start.month - 1 + months, 12)
            return dt.date(start.year + y, m + 1, 1) - dt.timedelta(days=1)
        except (ValueError, OverflowError):
            return dt.date(9999, 12, 31)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days of ``month`` in ``year`` (0 for an invalid month)."""
    if not 1 <= month <= 12:
        return 0
    if month == 12:
        return 31
    try:
        return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    except ValueError:
        return 31 if month in (1, 3, 5, 7, 8, 10) else 30 if month != 2 else 28


def make_day(year: int, month: int, day: int) -> Point | None:
    """Return a day point, or ``None`` when that day does not exist."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
        return None
    return Point("day", year, month, day)


def _from_date(d: dt.date, gran: str) -> Point:
    if gran == "week":
        iso = d.isocalendar()
        return Point("week", iso.year, week=iso.week)
    if gran == "weekend":
        iso = d.isocalendar()
        return Point("weekend", iso.year, week=iso.week)
    if gran == "month":
        return Point("month", d.year, d.month)
    if gran == "year":
        return Point("year", d.year)
    return Point("day", d.year, d.month, d.day)


def truncate(p: Point, gran: str) -> Point | None:
    """Coarsen ``p`` to ``gran``; ``None`` when ``p`` is coarser than ``gran`` (no detail is invented)."""
    if gran == p.gran:
        return p
    if gran not in _RANK or _RANK[gran] > _RANK[p.gran]:
        return None
    if gran in ("week", "weekend"):
        if p.gran in ("week", "weekend"):
            return replace(p, gran=gran)
        d = p.date()
        return _from_date(d, gran) if d else None
    if p.gran in ("week", "weekend"):
        d = p.date()
        if d is None:
            return None
        p = _from_date(d + dt.timedelta(days=3), "day")  # the Thursday decides the ISO week's month and year
    if gran in ("day", "pod", "hour"):
        return Point(gran, p.year, p.month, p.day, sub=p.sub if gran == "pod" else "", hour=p.hour if gran == "hour" else 0)
    if gran == "month":
        return Point("month", p.year, p.month)
    if gran == "quarter":
        return Point("quarter", p.year, sub=f"Q{(p.month - 1) // 3 + 1}") if p.month else None
    if gran == "half":
        return Point("half", p.year, sub="H1" if p.month <= 6 else "H2") if p.month else None
    if gran == "season":
        return None  # a season is not a containment level of a month (winter spans two years)
    if gran == "year":
        return Point("year", p.year)
    if gran == "decade":
        return Point("decade", p.year - p.year % 10)
    if gran == "century":
        return Point("century", p.year - p.year % 100)
    return None


def shift(p: Point, unit: str, n: int) -> Point | None:
    """Move ``p`` by ``n`` units (``year``, ``half``, ``quarter``, ``month``, ``week``, ``day``, ``decade``, ``century``, ``hour``).

    The result has the granularity of ``unit`` when it is coarser than or equal to ``p``'s
    ("five months after 6 August 2024" is 2025-01); ``None`` if ``p`` is coarser than ``unit``.
    """
    try:
        if unit in ("year", "decade", "century"):
            base = truncate(p, unit) if _RANK[unit] <= _RANK[p.gran] else None
            if base is None:
                return None
            step = {"year": 1, "decade": 10, "century": 100}[unit]
            y = base.year + n * step
            return replace(base, year=y) if MIN_YEAR <= y <= MAX_YEAR else None
        if unit in ("month", "quarter", "half"):
            if p.gran in ("quarter", "half") and unit == p.gran:
                per = 4 if unit == "quarter" else 2
                idx = p.year * per + int(p.sub[1]) - 1 + n
                y, i = divmod(idx, per)
                return Point(unit, y, sub=f"{p.sub[0]}{i + 1}") if 1 <= y <= MAX_YEAR else None
            base = truncate(p, "month")
            if base is None:
                return None
            months = n * {"month": 1, "quarter": 3, "half": 6}[unit]
            y, m = divmod(base.year * 12 + base.month - 1 + months, 12)
            if not 1 <= y <= MAX_YEAR:
                return None
            out = Point("month", y, m + 1)
            return truncate(out, unit) if unit != "month" else out
        if unit in ("week", "weekend"):
            base = truncate(p, "week")
            if base is None:
                return None
            d = base.date()
            if d is None:
                return None
            return _from_date(d + dt.timedelta(weeks=n), "week" if unit == "week" else "weekend")
        if unit == "day":
            base = truncate(p, "day")
            d = base.date() if base else None
            if d is None:
                return None
            return _from_date(d + dt.timedelta(days=n), "day")
        if unit == "hour":
            if p.gran not in ("hour", "minute"):
                return None
            d = p.date()
            if d is None:
                return None
            t = dt.datetime(d.year, d.month, d.day, p.hour, p.minute) + dt.timedelta(hours=n)
            return Point(p.gran, t.year, t.month, t.day, hour=t.hour, minute=t.minute)
    except (ValueError, OverflowError):
        return None
    return None


def weekday_near(ref: Point, weekday: int, direction: str) -> Point | None:
    """Return the ``weekday`` (0 = Monday) on or before (``past``) / on or after (``future``) ``ref``'s day.

    ``nearest`` picks the closer of the two, counting future days double (news narrate the past).
    """
    base = truncate(ref, "day")
    d = base.date() if base else None
    if d is None:
        return None
    back = (d.weekday() - weekday) % 7
    ahead = (weekday - d.weekday()) % 7
    if direction == "future":
        delta = ahead
    elif direction == "past":
        delta = -back
    else:
        delta = -back if back <= 2 * ahead else ahead
    try:
        return _from_date(d + dt.timedelta(days=delta), "day")
    except OverflowError:
        return None


def _year(y: int) -> str:
    if y <= 0:
        return f"BC{1 - y:04d}"  # astronomical year 0 is 1 BC
    return f"{y:04d}"


def format_value(p: Point) -> str:
    """Return the TIMEX3 value string of ``p`` ("2024", "2024-W44", "2024-11-09TEV", "2024-11-10T15:57")."""
    g = p.gran
    if g == "century":
        return _year(p.year)[:-2] if p.year > 0 else f"BC{(1 - p.year) // 100:02d}"
    if g == "decade":
        return _year(p.year)[:-1]
    y = _year(p.year)
    if g == "year":
        return y
    if g in ("half", "quarter", "season"):
        return f"{y}-{p.sub}"
    if g == "month":
        return f"{y}-{p.month:02d}"
    if g == "week":
        return f"{y}-W{p.week:02d}"
    if g == "weekend":
        return f"{y}-W{p.week:02d}-WE"
    day = f"{y}-{p.month:02d}-{p.day:02d}"
    if g == "day":
        return day
    if g == "pod":
        return f"{day}T{p.sub}"
    if g == "hour":
        return f"{day}T{p.hour:02d}"
    return f"{day}T{p.hour:02d}:{p.minute:02d}"


_VALUE = re.compile(
    r"""^(?P<bc>BC)?(?P<y>\d{4})
    (?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?:(?P<pod>MO|MI|AF|EV|NI|DT)|(?P<h>\d{2})(?::(?P<min>\d{2}))?(?::\d{2}(?:\.\d+)?)?))?)?
        |W(?P<w>\d{2})(?P<we>-WE)?|(?P<sub>H[12]|Q[1-4]|SP|SU|FA|WI)))?
    (?:[+-]\d{2}:?\d{2}|Z)?$""",
    re.VERBOSE,
)


def parse_value(value: str | None) -> Point | None:
    """Parse a TIMEX3/ISO value ("2024-11", "2024-W44", "2024-11-10T15:57:00") back into a ``Point``."""
    if not value:
        return None
    m = _VALUE.match(value.strip())
    if not m:
        short = re.fullmatch(r"(\d{2,3})", value.strip())
        if short:  # "19" = the 1900s, "199" = the 1990s
            digits = short.group(1)
            return Point("century" if len(digits) == 2 else "decade", int(digits) * (100 if len(digits) == 2 else 10))
        return None
    year = int(m["y"])
    if m["bc"]:
        year = 1 - year
    if m["w"]:
        week = int(m["w"])
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        return Point("weekend" if m["we"] else "week", year, week=week)
    if m["sub"]:
        return Point({"H": "half", "Q": "quarter"}.get(m["sub"][0], "season"), year, sub=m["sub"])
    if not m["m"]:
        return Point("year", year)
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    if not m["d"]:
        return Point("month", year, month)
    day = make_day(year, month, int(m["d"])) if year >= 1 else None
    if day is None:
        return None
    if m["pod"]:
        return replace(day, gran="pod", sub=m["pod"])
    if m["h"]:
        hour = int(m["h"])
        minute = int(m["min"] or 0)
        if hour > 24 or minute > 59:
            return None
        return replace(day, gran="minute" if m["min"] else "hour", hour=hour, minute=minute)
    return day
