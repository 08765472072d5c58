"""Day or month first: the order of a numeric date whose reading is open ("11/08/23", "03/04/2024").

A header date of two numbers up to 12 ("11/08/23 5:19pm") is the 11th of August in Germany and the
8th of November in the United States. The parsers read such dates day first (German first); this
module finds where a chosen date rests on such a number and says which order the outlet uses: by the
page's other numeric dates ("14/04/2020" is day first), else the country of its web address, else the
language of its text (``data/ingest/date_order.tsv``). When
neither decides, the reading is reported as uncertain, with the other reading beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from lagebild.ingest.page_dates import ascii_digits

__all__ = ["OpenDate", "Order", "date_order", "open_numeric_date", "page_order"]

#: a numeric date with slashes or hyphens and a two- or four-digit year, not part of a longer number
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<s>[/-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d/-])")

_MORE_DIGITS = re.compile(r"[ \t]+\d+(?![\d:.h]|\s*[ap]\.?m)", re.IGNORECASE)


@dataclass(frozen=True)
class OpenDate:
    """A numeric date whose day and month can be swapped: both readings, and where it stands."""

    day_first: str  # YYYY-MM-DD
    month_first: str
    text: str


@dataclass(frozen=True)
class Order:
    """The order an outlet writes numeric dates in, whether that is certain, and what told it."""

    order: str | None  # "dmy" | "mdy" | None (nothing known)
    certain: bool
    basis: str


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def open_numeric_date(text: str, day: str) -> OpenDate | None:
    """The numeric date in ``text`` whose day-first reading is ``day`` (``YYYY-MM-DD``) and that reads
    otherwise month first, or ``None`` (no such date, or only one reading is a date: "13/08/23")."""
    text = ascii_digits(text)
    for m in _NUMERIC.finditer(text):
        if _MORE_DIGITS.match(text, m.end()):
            continue  # "0221 11/08/23 45": a phone number goes on with more digits, a date with a time or words
        a, b, raw = int(m["a"]), int(m["b"]), m["y"]
        if not (1 <= a <= 12 and 1 <= b <= 12) or a == b:
            continue
        y = int(raw) if len(raw) == 4 else int(raw) + (2000 if int(raw) < 70 else 1900)
        dmy, mdy = _day(y, b, a), _day(y, a, b)
        if dmy == day and mdy:
            return OpenDate(dmy, mdy, m.group())
    return None


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, bool]]:
    path = resources.files("lagebild") / "data" / "ingest" / "date_order.tsv"
    out: dict[str, tuple[str, bool]] = {}
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3:
            continue
        out[cols[0].strip().lower()] = (cols[1].strip(), cols[2].strip() == "yes")
    return out


def page_order(text: str, limit: int = 200_000) -> Order | None:
    """The order the page's own numeric dates prove: "14/04/2020" can only be day first, "04/14/2020"
    only month first. ``None`` when it has no such date or has both kinds."""
    votes: dict[str, str] = {}
    text = ascii_digits(text[:limit])
    for m in _NUMERIC.finditer(text):
        if _MORE_DIGITS.match(text, m.end()):
            continue
        a, b = int(m["a"]), int(m["b"])
        if 12 < a <= 31 and 1 <= b <= 12:
            votes.setdefault("dmy", m.group())
        elif 12 < b <= 31 and 1 <= a <= 12:
            votes.setdefault("mdy", m.group())
    if len(votes) != 1:
        return None
    (order, example), = votes.items()
    return Order(order, True, f"the page's own dates ('{example}')")


def date_order(language: str | None, url: str | None, text: str = "") -> Order:
    """How the outlet at ``url`` writing ``text`` in ``language`` orders numeric dates: the page's other
    numeric dates first, then its country, then its language."""
    own = page_order(text) if text else None
    if own is not None:
        return own
    table = _table()
    host = ""
    if url:
        try:
            host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
        except ValueError:
            host = ""
    tld = "." + host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in table:
        order, certain = table[tld]
        return Order(order, certain, f"the outlet's country ({host})")
    lang = (language or "").lower().replace("_", "-").split("-")[0]
    if lang in table:
        order, certain = table[lang]
        return Order(order, certain, f"the text's language ({lang})")
    return Order(None, False, "no country or language known")
