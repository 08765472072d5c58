"""Parse and format German-style numerals: "3.000", "19,65", "24.490,41", "1,5 Mio."."""

from __future__ import annotations

import re

from lagebild.numbers.words import parse_number_word

__all__ = ["SCALES", "VAGUE", "format_number", "parse_amount", "parse_numeral"]

#: Thousands separated by "." (or a thin/no-break space, or the Swiss apostrophe "14'000"), decimals by ",".
NUMERAL = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[\u202f\u00a0 ]\d{3})+(?:,\d+)?|\d{1,3}(?:['’]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_NUMERAL_FULL = re.compile(rf"(?:{NUMERAL.pattern})")

#: Scale words after a numeral ("50 Milliarden", "1,5 Mio.").
SCALES: dict[str, float] = {
    "tausend": 1e3, "tsd": 1e3, "tsd.": 1e3,
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9,
    "billion": 1e12, "billionen": 1e12, "bio": 1e12, "bio.": 1e12,
}

#: Vague plural quantities and "-höhe" compounds: (low, high) intervals.
VAGUE: dict[str, tuple[float, float]] = {
    "dutzende": (24, 144),
    "dutzenden": (24, 144),
    "hunderte": (200, 999),
    "hunderten": (200, 999),
    "hunderter": (200, 999),
    "tausende": (2_000, 9_999),
    "tausenden": (2_000, 9_999),
    "tausender": (2_000, 9_999),
    "zehntausende": (20_000, 99_999),
    "zehntausenden": (20_000, 99_999),
    "zehntausender": (20_000, 99_999),
    "hunderttausende": (200_000, 999_999),
    "hunderttausenden": (200_000, 999_999),
    "millionen": (2e6, 999e6),
    "milliarden": (2e9, 999e9),
    "millionenhöhe": (1e6, 999e6),
    "milliardenhöhe": (1e9, 999e9),
    "millionenbetrag": (1e6, 999e6),
    "milliardenbetrag": (1e9, 999e9),
    "millionenschwer": (1e6, 999e6),
    "milliardenschwer": (1e9, 999e9),
}


def parse_numeral(text: str) -> float | None:
    """Return the value of a digit numeral in German notation, or ``None`` if it is not one.

    Example: ``parse_numeral("24.490,41") == 24490.41``; ``parse_numeral("3.000") == 3000``.
    """
    s = text.strip()
    if not s or len(s) > 40 or not _NUMERAL_FULL.fullmatch(s):
        return None
    s = re.sub(r"[.\u202f\u00a0 '’]", "", s).replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def parse_amount(text: str) -> float | None:
    """Return the value of a numeral or number word with an optional scale word.

    Example: ``parse_amount("1,5 Mio.") == 1_500_000``; ``parse_amount("dreitausend") == 3000``.
    """
    parts = text.strip().split()
    if not parts or len(parts) > 2:
        return None
    base = parse_numeral(parts[0])
    if base is None:
        word = parse_number_word(parts[0])
        base = float(word) if word is not None else None
    if base is None:
        return None
    if len(parts) == 2:
        scale = SCALES.get(parts[1].lower())
        if scale is None:
            return None
        return base * scale
    return base


def format_number(value: float, decimals: int = 0) -> str:
    """Format ``value`` the German way: "." between thousands, "," before decimals.

    Example: ``format_number(24490.41, 2) == "24.490,41"``.
    """
    raw = f"{abs(value):,.{decimals}f}"  # "24,490.41"
    out = raw.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if value < 0 else "") + out
