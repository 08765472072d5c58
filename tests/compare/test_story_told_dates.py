"""Stories: a follow-up that names the first coverage's date joins it across years; without such a date the time gap still counts."""

from __future__ import annotations

from datetime import date

from lagebild.compare.stories import _Range, _told_near, cluster_vectors


def _vec(words: str) -> dict[str, float]:
    terms = words.split()
    norm = len(terms) ** 0.5
    return {t: 1.0 / norm for t in terms}


WORDS = "brücke eingestürzt flussufer prozess bauleiter anklage verletzte bergung statik"


def test_follow_up_naming_the_date_joins_across_years() -> None:
    vectors = [_vec(WORDS + " sommer"), _vec(WORDS + " urteil")]
    dates = [_Range(date(2019, 8, 14), date(2019, 8, 14)), _Range(date(2023, 3, 1), date(2023, 3, 1))]
    apart, _ = cluster_vectors(vectors, threshold=0.6, dates=dates)
    assert apart[0] != apart[1]  # two years apart and nothing ties them: the time penalty holds
    together, _ = cluster_vectors(vectors, threshold=0.6, dates=dates, told=[frozenset(), frozenset({"2019-08"})])
    assert together[0] == together[1]


def test_told_near_needs_the_others_month() -> None:
    june = _Range(date(2019, 8, 1), date(2019, 8, 31))
    later = _Range(date(2023, 3, 1), date(2023, 3, 1))
    assert _told_near(june, frozenset(), later, frozenset({"2019-08"}))
    assert not _told_near(june, frozenset(), later, frozenset({"2018-07"}))  # another flood's month
    assert not _told_near(None, frozenset({"2019-08"}), later, frozenset())
