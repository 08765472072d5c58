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


def test_date_named_with_vom_is_not_pushed_ahead() -> None:
    """"die Wahl vom 23. Februar" in a March article names the past February, though "werden" follows."""
    text = "Das Gericht prüft, ob die Stimmen der Wahl vom 23. Februar neu ausgezählt werden."
    assert values(text, Point("day", 2025, 3, 14))["23. Februar"] == "2025-02-23"
    ahead = "Die Abstimmung soll am 23. Februar stattfinden."  # counter-example: told as ahead
    assert values(ahead, Point("day", 2025, 3, 14))["23. Februar"] == "2026-02-23"


def test_crawl_marker_is_no_date_of_the_text() -> None:
    from lagebild.model import Document, OffsetMap, SourceRef
    from lagebild.stages.timex import RuleTimex

    text = " date 2024-12 Wolfsburg: Die Beschäftigten streikten am Montag."
    doc = Document("m", text, SourceRef("m.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    surfaces = [a.surface for a in RuleTimex()(doc).of_kind("timex")]
    assert "2024-12" not in surfaces and "Montag" in surfaces


def test_infinitives_and_subjunctives_are_no_past_tense() -> None:
    """"angekündigt, im März 2027 nicht mehr anzutreten" and "dürfte im Mai 2026 fallen" lie ahead;
    only a real preterite ("startete") tells a date as past."""
    text = ("Die Ministerin hat angekündigt, bei der Landtagswahl im März 2027 nicht mehr anzutreten. "
            "Eine Entscheidung dürfte im Mai 2026 fallen. Sie startete im März 2014 ihre Laufbahn.")
    tenses = {text[t.start : t.end]: t.tense for t in tag(text, None)}
    assert tenses["März 2027"] != "past" and tenses["Mai 2026"] != "past"
    assert tenses["März 2014"] == "past"
