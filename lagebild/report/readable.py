"""Values as a reader expects them: TIMEX dates and durations in words, counts with plurals, titles.

The pipeline keeps machine values (``2024-11-09TEV``, ``PXD``, ``FUTURE_REF``); the pages and the
report show them the way a journalist writes them ("9 Nov 2024, evening", "a few days",
"future, unspecified") and keep the machine value in a tooltip. Every function accepts any input
and falls back to the value itself: an unknown form is shown, never dropped or crashed on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["display_title", "first_sentence", "human_date", "human_duration", "plural", "readable_value", "unquote"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime", "MI": "midday"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_REFS = {"FUTURE_REF": "future, unspecified", "PAST_REF": "past, unspecified", "PRESENT_REF": "now"}
_UNITS = {"Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"), "D": ("day", "days"),
          "H": ("hour", "hours"), "TM": ("minute", "minutes"), "S": ("second", "seconds"), "DE": ("decade", "decades"),
          "CE": ("century", "centuries"), "Q": ("quarter", "quarters"), "WE": ("weekend", "weekends")}
_DATE = re.compile(
    r"^(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX)"
    r"(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?|W(?P<week>\d{2})(?P<we>-WE)?|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|AU|WI)))?"
    r"(?:T(?P<time>\d{2}(?::\d{2}){0,2})|T(?P<part>MO|AF|EV|NI|DT|MI))?$"
)
_DAY_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")
_DURATION = re.compile(r"^P(?:(?P<n>\d+(?:\.\d+)?|X)(?P<unit>DE|CE|WE|Y|M|W|D|Q))$|^PT(?P<tn>\d+(?:\.\d+)?|X)(?P<tunit>H|M|S)$")


def plural(n: Any, one: str, many: str | None = None) -> str:
    """``1 source``, ``2 sources``, ``0 sources`` (``many`` defaults to ``one + "s"``)."""
    try:
        count = int(n)
    except (TypeError, ValueError):
        count = 0
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _year(text: str) -> str:
    if text == "XXXX":
        return ""
    if text.endswith("XX"):
        return f"{int(text[:2]) + 1}th century" if text[:2].isdigit() else ""
    if text.endswith("X"):
        return f"the {text[:3]}0s"
    return text


def _day_range(text: str) -> str | None:
    """``2024-12-20/2024-12-23`` as ``20–23 Dec 2024``; shared month and year are written once."""
    m = _DAY_RANGE.match(text)
    if not m:
        return None
    (y1, m1, d1), (y2, m2, d2) = (m.group(1, 2, 3)), (m.group(4, 5, 6))
    if not (1 <= int(m1) <= 12 and 1 <= int(m2) <= 12):
        return None
    a = (int(d1), _MONTHS[int(m1) - 1], y1)
    b = (int(d2), _MONTHS[int(m2) - 1], y2)
    if a == b:
        return f"{a[0]} {a[1]} {a[2]}"
    if a[1:] == b[1:]:
        return f"{a[0]}–{b[0]} {b[1]} {b[2]}"
    if a[2] == b[2]:
        return f"{a[0]} {a[1]} – {b[0]} {b[1]} {b[2]}"
    return f"{a[0]} {a[1]} {a[2]} – {b[0]} {b[1]} {b[2]}"


def human_date(value: Any) -> str:
    """A TIMEX-like date value in words: ``9 Nov 2024``, ``Nov 2024``, ``week 45, 2024``, ``summer 2024``.

    A range of days (``2024-12-20/2024-12-23``, an event dated "kurz nach dem 20. Dezember") reads
    ``20–23 Dec 2024``; a range of other values joins both ends with a dash.
    Mappings (``{"value": …}``) are read by their value; reference words and durations are handled
    by ``readable_value``; anything unknown comes back unchanged.
    """
    if isinstance(value, Mapping):
        value = value.get("value")
    if value is None:
        return ""
    text = str(value).strip()
    if "/" in text:
        days = _day_range(text)
        if days is not None:
            return days
        first, _, last = text.partition("/")
        if _DATE.match(first) and _DATE.match(last):
            a, b = human_date(first), human_date(last)
            return a if a == b else f"{a} – {b}"
        return text
    m = _DATE.match(text)
    if not m:
        return text
    year = _year(m.group("year"))
    month, day = m.group("month"), m.group("day")
    if m.group("week"):
        out = f"{'weekend of ' if m.group('we') else ''}week {int(m.group('week'))}" + (f", {year}" if year else "")
    elif m.group("quarter"):
        out = f"Q{m.group('quarter')} {year}".strip()
    elif m.group("half"):
        out = f"{'first' if m.group('half') == '1' else 'second'} half of {year}".strip()
    elif m.group("season"):
        out = f"{_SEASONS[m.group('season')]} {year}".strip()
    elif month and month != "XX" and 1 <= int(month) <= 12:
        name = _MONTHS[int(month) - 1]
        if day and day != "XX":
            out = f"{int(day)} {name}" + (f" {year}" if year else "")
        else:
            out = f"{name} {year}".strip()
    else:
        out = year
    if not out:
        if m.group("part"):
            return f"an {_PARTS[m.group('part')]}" if _PARTS[m.group("part")][0] in "aeiou" else f"a {_PARTS[m.group('part')]}"
        out = "date unknown"
    if m.group("time"):
        out += f", {m.group('time')[:5]}"
    elif m.group("part"):
        out += f", {_PARTS[m.group('part')]}"
    if not year and m.group("year") == "XXXX" and out != "date unknown":
        out += " (year unknown)"
    return out


def human_duration(value: Any) -> str:
    """An ISO-8601 / TIMEX duration in words: ``P1Y`` → ``1 year``, ``PXD`` → ``a few days``."""
    text = str(value or "").strip()
    m = _DURATION.match(text)
    if not m:
        return text
    n, unit = (m.group("n"), m.group("unit")) if m.group("unit") else (m.group("tn"), "T" + m.group("tunit") if m.group("tunit") == "M" else m.group("tunit"))
    one, many = _UNITS.get(unit, (unit, unit))
    if n == "X":
        return f"a few {many}"
    number = float(n)
    shown = str(int(number)) if number.is_integer() else str(number)
    return f"{shown} {one if number == 1 else many}"


def readable_value(value: Any) -> str:
    """Any TIMEX value (date, duration, set or reference word) as a reader would write it."""
    if isinstance(value, Mapping):
        value = value.get("value")
    if value is None:
        return ""
    text = str(value).strip()
    if text in _REFS:
        return _REFS[text]
    if text.startswith("P"):
        return human_duration(text)
    return human_date(text)


_CODE_IN_TEXT = re.compile(
    r"\b(?:FUTURE_REF|PAST_REF|PRESENT_REF|P(?:\d+(?:\.\d+)?|X)(?:DE|CE|WE|Y|M|W|D|Q)|PT(?:\d+|X)[HMS]"
    r"|(?:\d{4}|XXXX)-(?:W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|AU|WI|\d{2}(?:-\d{2})?(?:T(?:MO|AF|EV|NI|DT|MI|\d{2}:\d{2}))?)"
    r"|\d{4})\b"
)


def readable_text(text: Any) -> str:
    """Free text (e.g. a claim group's reasoning) with every TIMEX code in it written out ("2014-SU" → "summer 2014")."""
    if text is None:
        return ""
    return _CODE_IN_TEXT.sub(lambda m: readable_value(m.group()), str(text))


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'»«“”]?\s+(?=[A-ZÄÖÜ0-9\"'»«“„])")


def first_sentence(text: Any, limit: int = 140) -> str:
    """The first sentence (or first line) of ``text``, cut at ``limit`` characters on a word boundary."""
    if not isinstance(text, str):
        return ""
    body = text.strip()
    line = body.split("\n", 1)[0].strip()
    m = _SENTENCE_END.search(line)
    sentence = line[: m.start()].strip() if m else line
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + " …"


def display_title(meta: Mapping[str, Any] | None) -> str:
    """A document's title, else its first sentence (``headline``), else its id."""
    if not meta:
        return ""
    return str(meta.get("title") or meta.get("headline") or meta.get("id") or "")


def unquote(text: Any) -> str:
    """A quote's text without the quotation marks it was printed with (the pages add their own)."""
    s = str(text or "").strip()
    marks = "\"'„“”‚‘’»«›‹"
    while len(s) >= 2 and s[0] in marks and s[-1] in marks:
        s = s[1:-1].strip()
    return s.lstrip(marks).rstrip(marks) if s.count("“") + s.count("„") + s.count('"') == 1 else s
