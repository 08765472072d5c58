"""The bucketed one-edit surname lookup answers as a scan over every surname of the corpus does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from lagebild.entities.resolve import _FUZZY_SURNAME_LEN, SurnameIndex

_NAMES = st.text(alphabet="abcdeilmnorstuäöü", min_size=1, max_size=12)


def _scan(single: str, full_by_last: dict[str, set[int]]) -> set[int] | None:
    if len(single) < _FUZZY_SURNAME_LEN:
        return None
    out: set[int] = set()
    for last, roots in full_by_last.items():
        if abs(len(last) - len(single)) <= 1 and last[:1] == single[:1] and Levenshtein.distance(last, single, score_cutoff=1) <= 1:
            out |= roots
    return out or None


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_NAMES, st.sets(st.integers(0, 50), min_size=1, max_size=3), max_size=30), st.lists(_NAMES, max_size=20))
def test_index_matches_a_scan(full_by_last: dict[str, set[int]], singles: list[str]) -> None:
    index = SurnameIndex(full_by_last)
    for single in singles + [last + "n" for last in full_by_last] + [last[:-1] for last in full_by_last if len(last) > 1]:
        assert index.near(single) == _scan(single, full_by_last)


def test_typo_and_transliteration_neighbours() -> None:
    index = SurnameIndex({"tillmann": {1}, "tilmann": {2}, "selenskyj": {3}, "schmidt": {4}})
    assert index.near("tillmanm") == {1}
    assert index.near("tillmann") == {1, 2}, "both one edit away (one of them equal)"
    assert index.near("selenskij") == {3}
    assert index.near("schmitt") is None, "shorter than the fuzzy length: no fuzzy match"
    assert index.near("xillmann") is None, "another first letter"
