"""The search helpers: safe query building and linear-time snippets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.store.search import HL_END, HL_START, fts_query, make_snippet, normalise_words, tsquery


def test_query_words_are_quoted_and_joined() -> None:
    q = fts_query('Soldaten "NEAR(x)" title:y')
    assert q.count(" AND ") == 3  # Soldaten, the phrase "NEAR x", title, y
    assert 'lemmas: "soldat"' in q
    assert '"NEAR x"' in q and "NEAR(" not in q


def test_short_words_match_only_themselves_and_phrases_stay_phrases() -> None:
    q = fts_query("Kim Jong Un")
    assert '"Un"*' not in q and '"Kim"*' not in q and '"Jong"*' in q
    assert '{title body}: "Kim Jong Un"' in fts_query('„Kim Jong Un“')
    assert "kim <-> jong <-> un" in tsquery('"Kim Jong Un"')
    text = "Die Universität und Kim Il Sung. " * 20 + "Machthaber Kim Jong Un sagte etwas." + " Ende." * 30
    for query in ("Kim Jong Un", '"Kim Jong Un"'):
        snip = make_snippet(text, query)
        assert f"{HL_START}Kim{HL_END} {HL_START}Jong{HL_END} {HL_START}Un{HL_END}" in snip, query  # around the rarest term
        assert f"{HL_START}und{HL_END}" not in snip and f"{HL_START}Universität{HL_END}" not in snip


def test_tsquery_has_only_lexemes_and_operators() -> None:
    q = tsquery("Kreml-Chef's Soldaten ' & | ! :*")
    assert re.fullmatch(r"[\w():*&| ]+", q), q


def test_normalised_column_has_lemma_and_stem() -> None:
    words = normalise_words("Russlands Soldaten ratifizierte").split()
    assert "soldat" in words and "russland" in words


def test_snippet_marks_inflected_matches_only() -> None:
    text = "Am Montag sagte er nichts. " * 30 + "Dann kamen nordkoreanische Soldaten an die Front." + " Ende." * 40
    snip = make_snippet(text, "Soldat")
    assert f"{HL_START}Soldaten{HL_END}" in snip
    assert snip.count(HL_START) == 1 and snip.startswith("… ") and snip.endswith(" …")


def _cpu_seconds(text: str, query: str) -> float:
    """The least process CPU time of three runs (CPU, not wall: other processes on the machine do not count)."""
    import time

    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        make_snippet(text, query)
        best = min(best, time.process_time() - started)
    return best


def test_snippet_is_linear_on_long_texts() -> None:
    make_snippet("Wort Wort", "Wort")  # tables loaded before timing
    # both within the scanned part (``scan_chars``): ten times the text costs about ten times the CPU; a
    # quadratic scan (the database snippet functions on a text matching everywhere) would cost a hundred times
    small, large = "Wort " * 5_000, "Wort " * 50_000
    assert _cpu_seconds(large, "Wort") < 30 * _cpu_seconds(small, "Wort") + 0.01
    snip = make_snippet("Wort " * 200_000, "Wort")
    assert snip.count(HL_START) > 5


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400), query=st.text(max_size=40))
def test_snippet_never_fails_and_keeps_markers_balanced(text: str, query: str) -> None:
    snip = make_snippet(text, query)
    assert snip.count(HL_START) == snip.count(HL_END)
