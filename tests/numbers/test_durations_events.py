"""Durations of strikes and closures, agreed terms and ordeals before rescue (``figure_durations.toml``: events, terms,
term_lead, lasting, ended, ordeal, compound_units).

Texts are written for these tests; each frame has a text where it must not fire.
"""

from __future__ import annotations

import pytest

from lagebild.numbers import find_quantities


def _found(text: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Die Gewerkschaft ruft zu einem 24-Stunden-Streik auf.", 24, "Stunden"),
        ("Der 72-stündige Warnstreik legte die Häfen lahm.", 72, "Stunden"),
        ("Ab Montag gilt eine 14-tägige Ausgangssperre.", 14, "Tage"),
        ("Der Ausstand soll am Freitag beginnen und 24 Stunden dauern.", 24, "Stunden"),
        ("Der Streik dauerte rund 30 Stunden.", 30, "Stunden"),
        ("Nach 30 Stunden ist die Blockade der Autobahn beendet worden.", 30, "Stunden"),
        ("Verdi fordert 8 Prozent bei einer Laufzeit von 12 Monaten.", 12, "Monaten"),
        ("Die Pflegekräfte arbeiten in Schichten von zwölf Stunden.", 12, "Stunden"),
        ("Der Verband bietet 3 Prozent über 24 Monate.", 24, "Monate"),
        ("Das Kind wurde nach 50 Stunden lebend aus den Trümmern geborgen.", 50, "Stunden"),
        ("Die Wanderer hatten 20 Stunden in einer Hütte ausgeharrt.", 20, "Stunden"),
    ],
)
def test_duration_of_a_happening_is_a_figure(text: str, value: float, unit: str) -> None:
    assert (value, unit) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        # a compound of no listed happening, a game's length, an ending of no happening, a time ago before a rescue
        "Die 7-Tage-Inzidenz stieg deutlich.",
        "Der Laden hat einen 24-Stunden-Service.",
        "Das Spiel dauerte 90 Minuten.",
        "Die Fahrt soll 48 Stunden dauern.",
        "Nach 90 Minuten war das Spiel zu Ende.",
        "Vor 36 Stunden wurde der Mann lebend gefunden.",
        "Die Sitzung von 3 Stunden war lang.",
        "Vor der Insel wurden innerhalb von 24 Stunden 580 Menschen geborgen.",
    ],
)
def test_duration_without_such_a_frame_is_no_figure(text: str) -> None:
    assert not any(unit in ("Stunden", "Minuten", "Tage", "Monate", "Monaten") for _, unit in _found(text))


def test_term_of_an_offer_is_no_upper_hedge() -> None:
    q = next(q for q in find_quantities("Der Verband bietet 3 Prozent über 24 Monate.") if q.value == 24)
    assert q.hedge is None
    q = next(q for q in find_quantities("Über 24 Menschen wurden verletzt.") if q.value == 24)
    assert q.hedge == "über"


def test_duration_the_date_stage_reads_as_a_time_stays_a_claim() -> None:
    from tests.speech.helpers import analyse

    doc = analyse("Zwei Wanderer nach 36 Stunden lebend geborgen!", outlet="outlet", extra=["timex.rules.v1"])
    assert [a.data["value"] for a in doc.of_kind("claim") if a.data["unit"] == "Stunden"] == [36]
    doc = analyse("Nach 36 Stunden kam der Bus an.", outlet="outlet", extra=["timex.rules.v1"])
    assert not doc.of_kind("claim")
