"""A year describing a person or thing ("die 1964 geborene …") is no anchor for partial dates."""

from __future__ import annotations

from lagebild.timex.resolve import tag
from lagebild.timex.values import Point


def values(text: str, dct: Point | None = None) -> dict[str, str | None]:
    return {text[t.start : t.end]: t.value for t in tag(text, dct)}


def test_birth_year_does_not_date_the_month() -> None:
    got = values("Die 1964 geborene Ministerin trat im Jänner zurück.")
    assert got["Jänner"] is None  # no date of the narrative: unknown, not 1964-01
    assert values("Die 1964 geborene Ministerin trat im Jänner zurück.", Point("day", 2016, 3, 2))["Jänner"] == "2016-01"
    assert values("Jahrgang 1971, im März gewählt.")["März"] is None


def test_narrated_year_still_dates_the_month() -> None:
    """Counter-example: in a chronicle the year of the story's time anchors the month."""
    assert values("1939 marschierten Truppen ein. Im September fiel die Stadt.")["September"] == "1939-09"
    assert values("Das Werk wurde 1998 gebaut. Im Mai begann die Produktion.")["Mai"] == "1998-05"


def test_tense_cue_on_full_dates() -> None:
    text = "Der Kanzler will am 15. Januar 2025 die Vertrauensfrage stellen. Am 6. November 2024 zerbrach die Koalition."
    tenses = {text[t.start : t.end]: t.tense for t in tag(text, None)}
    assert tenses["15. Januar 2025"] == "future" and tenses["6. November 2024"] != "future"
