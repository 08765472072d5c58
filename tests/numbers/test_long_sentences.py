"""Figures in very long sentences: the work a sentence costs does not grow with its figures times its length."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.numbers import changes
from lagebild.numbers.find import find_quantities
from lagebild.stages import claim_sources
from lagebild.stages.claims import _JOINED_MAX, _join_open_asides


def _chunks(text: str, size: int) -> list[tuple[int, int]]:
    return [(i, min(i + size, len(text))) for i in range(0, len(text), size)]


def test_open_parentheses_do_not_glue_a_text_into_one_sentence() -> None:
    text = "Bilanz: " + "(12 Tote und 3) " * 1300  # every chunk ends inside a parenthesis the next one closes
    joined = _join_open_asides(text, _chunks(text, 2000))
    assert all(e - s <= _JOINED_MAX for s, e in joined)
    assert joined[0][0] == 0 and joined[-1][1] == len(text)


def test_a_short_open_aside_is_still_joined() -> None:
    text = "Am Samstag (20. Januar) demonstrierten jeweils 35.000 Menschen."
    cut = text.index("Januar")
    assert _join_open_asides(text, [(0, cut - 1), (cut, len(text))]) == [(0, len(text))]


class _CountingPattern:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, 0

    def search(self, *args: Any) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.search(*args)


def test_a_sentence_is_searched_for_a_verb_of_change_once(monkeypatch: pytest.MonkeyPatch) -> None:
    vocab = changes.load_changes()
    counting = _CountingPattern(vocab.verbs)
    monkeypatch.setattr(changes, "load_changes", lambda path=None: dataclasses.replace(vocab, verbs=counting))
    text = "Es gab " + "12 Tote und " * 200 + "."
    quantities = find_quantities(text)
    assert len(quantities) >= 100
    assert changes.prior_pairs(text, quantities, [(0, len(text))]) == []
    assert counting.calls == 1


def test_a_change_in_a_long_sentence_is_still_found() -> None:
    text = "Die Zahl der Toten stieg von 30 auf 40, " + "es gab 12 Verletzte und " * 50 + "viele Schäden."
    quantities = find_quantities(text)
    assert (0, 1) in changes.prior_pairs(text, quantities, [(0, len(text))])


_PIECES = st.sampled_from(["Die Polizei", " sagte", ",", ";", ":", " – ", " (", ")", " (SPD)", " (20. Januar)", " 12", " Tote",
                           " und", ", wie", " mitteilte", ".", " »", "«", " so", "  "])


@given(st.lists(_PIECES, max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_a_clause_is_what_a_scan_of_the_breaks_finds(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    pos = data.draw(st.integers(lo, hi))
    start, end = lo, hi  # the clause as one scan over the breaks finds it
    for m in claim_sources._CLAUSE_BREAK.finditer(text, lo, hi):
        if claim_sources._aside(text, m):
            continue
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    assert claim_sources._clause(text, lo, hi, pos) == (start, end)
