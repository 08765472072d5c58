"""Parse German number words ("dreitausendfünfhundert", "zwölf", "eine Million")."""

from __future__ import annotations

__all__ = ["number_words", "parse_number_word"]

_UNITS = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "einer": 1, "einem": 1, "eines": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_TENS = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
# Compounds use the short stems ("ein", "sech", "sieb") before "und"/"hundert"/"tausend".
_STEMS = {**_UNITS, "sech": 6, "sieb": 7}


def _below_100(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if "und" in word:
        left, _, right = word.partition("und")
        if left in _STEMS and right in _TENS and _STEMS[left] < 10:
            return _STEMS[left] + _TENS[right]
    return None


def _below_1000(word: str) -> int | None:
    if not word:
        return 0
    if "hundert" in word:
        left, _, right = word.partition("hundert")
        hundreds = 1 if left in ("", "ein") else _STEMS.get(left)
        rest = _below_100(right) if right else 0
        if hundreds is None or hundreds >= 10 or rest is None:
            return None
        return hundreds * 100 + rest
    return _below_100(word)


def parse_number_word(word: str) -> int | None:
    """Return the value of a German cardinal number word below one million, or ``None``.

    Example: ``parse_number_word("dreitausendfünfhundertzwölf") == 3512``.
    """
    w = word.lower().strip()
    if not w or len(w) > 80:
        return None
    if "tausend" in w:
        left, _, right = w.partition("tausend")
        thousands = 1 if left in ("", "ein") else _below_1000(left)
        rest = _below_1000(right) if right else 0
        if thousands is None or rest is None or not 0 < thousands < 1000:
            return None
        return thousands * 1000 + rest
    return _below_1000(w)


def number_words(low: int, high: int) -> tuple[str, ...]:
    """The number words of one part ("zwei", "zwölf", "vierzig", "hundert") with a value from ``low`` to ``high``,
    longest first: patterns of number words are built from this table, not from a second list."""
    table = {**_UNITS, **_TENS, "hundert": 100}
    return tuple(sorted((w for w, v in table.items() if low <= v <= high), key=len, reverse=True))
