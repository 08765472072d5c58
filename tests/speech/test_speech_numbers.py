"""German number parsing: formats, words, scales, hedges; property tests never crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.numbers import find_quantities, format_number, hedge_interval, parse_amount, parse_number_word, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [("3.000", 3000), ("19,65", 19.65), ("24.490,41", 24490.41), ("1\u202f000", 1000), ("7", 7), ("0,5", 0.5)],
)
def test_numerals(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("50 Milliarden", 50e9), ("1,5 Mio.", 1.5e6), ("dreitausend", 3000), ("zwei Millionen", 2e6), ("3 Mrd.", 3e9)],
)
def test_amounts(text: str, value: float) -> None:
    assert parse_amount(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("word", "value"),
    [("zwölf", 12), ("einundzwanzig", 21), ("hundert", 100), ("dreihundertsiebenundvierzig", 347),
     ("zweitausendfünfhundert", 2500), ("tausend", 1000), ("sechzehn", 16), ("siebzig", 70), ("Haus", None)],
)
def test_number_words(word: str, value: int | None) -> None:
    assert parse_number_word(word) == value


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        ("rund 10.000 Soldaten", 10000, 9000, 11000, "Soldaten"),
        ("mehr als 200 Tote", 200, 200, None, "Tote"),
        ("bis zu 5 Prozent", 5, None, 5, "Prozent"),
        ("mindestens 12 Verletzte", 12, 12, None, "Verletzte"),
        ("knapp 50.000 Soldaten", 50000, 45000, 50000, "Soldaten"),
        ("zwischen 3.000 und 5.000 Menschen", 4000, 3000, 5000, "Menschen"),
        ("Hunderte Dörfer", 200, 200, 999, "Dörfer"),
        ("Dutzende Drohnen", 24, 24, 144, "Drohnen"),
        ("1,5 Mio. Euro", 1.5e6, 1.5e6, 1.5e6, "Euro"),
        ("fast 20 % der Stimmen", 20, 18, 20, "%"),
        ("zweihundert Panzer", 200, 200, 200, "Panzer"),
        ("mehr als eine halbe Million Euro", 5e5, 5e5, None, "Euro"),
        ("unter sieben Prozent", 7, None, 7, "Prozent"),
        ("einer Million Einheiten", 1e6, 1e6, 1e6, "Einheiten"),
        ("Tausender Arbeitsplätze", 2000, 2000, 9999, "Arbeitsplätze"),
    ],
)
def test_quantities(text: str, value: float, low: float | None, high: float | None, unit: str) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)
    assert q.unit == unit


@pytest.mark.parametrize(
    "text",
    ["am 6. August 2024", "Veröffentlicht am 10.11.2024 um 15:57 Uhr", "Lesezeit: 2 min", "Seite 12 Zeilen",
     "Die F-16 Kampfjets", "Die G7-Staaten", "im Jahr 2000 durch", "COVID-19 Fälle", "Kommentare (0)", "seit 2014 Krieg",
     "vor fünf Monaten", "Nr. 5 Spieler", "drei Parteien", "der 33-Jährige"],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(0, 3))
def test_format_round_trip(value: float, decimals: int) -> None:
    text = format_number(value, decimals)
    assert parse_numeral(text) == pytest.approx(round(value, decimals), rel=1e-9, abs=10 ** -decimals)


@given(st.integers(1, 999_999))
def test_found_in_sentence_round_trip(n: int) -> None:
    text = f"Die Behörde meldete {format_number(n)} Fälle."
    (q,) = find_quantities(text)
    assert q.value == n and text[q.start : q.end] == f"{format_number(n)} Fälle"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-–:/% abcEuroTausendeMilliardenrundüber\n")), max_size=80))
def test_find_never_crashes_and_spans_are_inside(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(text)
        assert q.low is None or q.high is None or q.low <= q.high


@given(st.text(max_size=40))
def test_parsers_never_crash(text: str) -> None:
    parse_numeral(text)
    parse_amount(text)
    parse_number_word(text)
    assert hedge_interval(10.0, text)[0] is None or hedge_interval(10.0, text)[0] <= 11
