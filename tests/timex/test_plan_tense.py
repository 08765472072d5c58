"""Dates told as plans lie ahead of the article ("werde gestrichen", "soll 24 Stunden dauern", "kündigte an,
am 3. Mai zurückzutreten"), dates told as done lie behind it; only the latter bound an undated article. Years:
one told as past in its clause is a lower bound ("für 2025 … registriert"), a target year is none."""

from __future__ import annotations

import pytest

from lagebild.compare.dates import infer_dates
from lagebild.timex import tag
from lagebild.timex.values import parse_value
from tests.timex.test_timex_dates_infer import make_doc


def _tense(sentence: str, surface: str) -> str | None:
    for t in tag(sentence, None):
        if sentence[t.start : t.end] == surface:
            return t.tense or None
    raise AssertionError(f"{surface!r} not tagged in {sentence!r}")


@pytest.mark.parametrize(
    ("sentence", "surface", "tense"),
    [
        # ahead: modal with an infinitive in -ten, subjunctive of reported speech, a zu-infinitive, a schedule
        ("Die Preise sollen bis zum 1. Januar 2026 gelten, hieß es am 12. Oktober 2025.", "1. Januar 2026", "future"),
        ("Die Gewerkschaft kündigte an, der Streik am 9. Dezember solle 24 Stunden dauern.", "9. Dezember", "future"),
        ("Der Warnstreik soll am 9. Dezember beginnen und 24 Stunden dauern, teilte die Gewerkschaft mit.", "9. Dezember", "future"),
        ("Die Verbindung am 3. Juni werde gestrichen, teilte die Bahn mit.", "3. Juni", "future"),
        ("Der Bürgermeister kündigte an, am 3. Mai zurückzutreten.", "3. Mai", "future"),
        ("Die Abstimmung ist für den 23. Februar angesetzt.", "23. Februar", "future"),
        # behind: the same dates told as done, a preterite in -ten, a perfect zu-infinitive
        ("Am 9. Dezember streikten rund 100.000 Beschäftigte.", "9. Dezember", "past"),
        ("Die Preise galten bis zum 1. Januar 2026, hieß es am 12. Oktober 2025.", "12. Oktober 2025", "past"),
        ("Er bestritt, am 2. Mai dort gewesen zu sein.", "2. Mai", "past"),
        ("Am 3. Juni hatte die Bahn die Verbindung gestrichen.", "3. Juni", "past"),
    ],
)
def test_plans_lie_ahead_and_done_things_behind(sentence: str, surface: str, tense: str) -> None:
    assert _tense(sentence, surface) == tense


def test_a_plan_is_no_bound_and_a_done_thing_is() -> None:
    plan = make_doc("p", "Die Bahn teilte mit, die Verbindung am 3. Juni 2025 werde gestrichen. Der Streik soll 24 Stunden dauern.")
    assert infer_dates([plan]) == {}
    done = make_doc("d", "Am 3. Juni 2025 hatte die Bahn die Verbindung gestrichen. Der Streik dauerte 24 Stunden.")
    assert infer_dates([done])["d"]["not_before"] == "2025-06-03"


def test_a_year_told_as_past_bounds_and_beats_a_story_month_before_it() -> None:
    docs = [
        make_doc("a", "Der Allzeit-Hitzerekord wurde am 25. Juli 2019 gemessen, sagte ein Sprecher des Wetterdienstes.", "2023-07-10", "day"),
        make_doc("u", "Nun hat der Wetterdienst für 2025 einen vorläufigen Hitzerekord registriert. Der Allzeit-Hitzerekord "
                      "wurde am 25. Juli 2019 gemessen."),
    ]
    entry = infer_dates(docs)["u"]
    assert entry["kind"] == "bounds" and entry["value"] is None
    assert (entry["not_before"], entry["not_before_precision"]) == ("2025", "year")


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung hat einen Haushalt für 2026 beschlossen, teilte das Ministerium mit.",  # a budget for a year ahead
        "Bis 2030 hatte die Regierung den Ausstieg versprochen.",  # a target year
        "Im Jahr 2027 soll die Strecke fertig sein.",  # a plan
        "Die Stadt zählt rund 2025 Einwohner mehr als im Vorjahr.",  # a number, no year told as past
        "Die Philharmoniker haben den Dirigenten für das Neujahrskonzert 2027 engagiert.",  # a year naming an event
        "Die Firma hatte mit dem Sparprogramm Zukunft 2030 Kosten senken wollen.",  # a programme's name
        "Laut dem Beschluss soll es bereits 2028 eine erste Bilanz geben.",  # "bereits" beside a plan
        "Dann könnten 2028 weitere zwei Milliarden Euro fehlen, hieß es.",  # a subjunctive
        "Alle wissen, dass ich 2030 nicht mehr antrete, sagte der Präsident.",  # a present verb in -te, no preterite
    ],
)
def test_a_target_or_planned_year_is_no_bound(text: str) -> None:
    assert infer_dates([make_doc("u", text)]) == {}


@pytest.mark.parametrize(
    "text",
    ["2019 starben auf den Straßen des Landes weniger Menschen als je zuvor.",
     "Im Jahr 2019 hatte der Verein zum ersten Mal mehr als tausend Mitglieder.",
     "Seit 2019 wurden in der Region fünf neue Schulen gebaut."],
)
def test_a_year_told_as_past_alone_is_a_bound(text: str) -> None:
    entry = infer_dates([make_doc("u", text)])["u"]
    assert (entry["kind"], entry["not_before"]) == ("bounds", "2019")


def _value(sentence: str, surface: str, dct: str = "2024-06-10") -> str | None:
    for t in tag(sentence, parse_value(dct)):
        if sentence[t.start : t.end] == surface:
            return t.value
    raise AssertionError(f"{surface!r} not tagged in {sentence!r}")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a schedule with a present auxiliary lies ahead
        ("Die Abstimmung ist für den 3. Mai angesetzt.", "2025-05-03"),
        ("Der Termin wird für den 3. Mai anberaumt, teilte das Gericht mit.", "2025-05-03"),
        # a schedule told with a past auxiliary, or a past clause beside it, lies behind; a conditional is no future
        ("Der Prozess war für den 3. Mai angesetzt, fiel dann aber aus.", "2024-05-03"),
        ("Wie am 3. Mai vorgesehen, wurde die Brücke gesprengt.", "2024-05-03"),
        ("Die Sitzung wurde für den 3. Mai terminiert und fand ohne Gäste statt.", "2024-05-03"),
        ("Ohne den Regen würde das Fest am 3. Mai stattgefunden haben, sagte der Wirt.", "2024-05-03"),
    ],
)
def test_a_scheduling_participle_sets_a_date_ahead_only_with_a_present_auxiliary(sentence: str, value: str) -> None:
    assert _value(sentence, "3. Mai") == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a zu-infinitive sets an intention ahead
        ("Sie kündigte an, am 3. Mai zu heiraten.", "2025-05-03"),
        # "zu" before a determiner, a pronoun or an adjective with its noun is a preposition: no intention
        ("Am 3. Mai zu den Waffen gerufen, kämpften sie bis zum Sommer.", "2024-05-03"),
        ("Am 3. Mai zu seinen Gunsten entschieden, feierte er lange.", "2024-05-03"),
        ("Am 3. Mai zu hohen Preisen verkauft, brachte das Bild viel Geld.", "2024-05-03"),
    ],
)
def test_zu_sets_a_date_ahead_only_before_an_infinitive(sentence: str, value: str) -> None:
    assert _value(sentence, "3. Mai") == value
