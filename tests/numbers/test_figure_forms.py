"""Figures as news German writes them: what a figure measures, its group, its bounds and who gives it.

Texts are written for these tests in the manner of agency reports on attacks, floods, strikes and elections (no corpus
text); each rule has a text where it must fire and one where it must not.
"""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.model import Document
from tests.speech.helpers import analyse


def _figures(text: str) -> dict[str, dict[str, Any]]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1", "entities.ner.v1"])
    return {a.surface: a.data for a in doc.of_kind("claim")}


def _one(text: str, surface: str) -> dict[str, Any]:
    found = _figures(text)
    assert surface in found, f"no figure {surface!r}: {list(found)}"
    return found[surface]


# --- a participle before the counted noun says what happened to the people it names -----------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "value", "measure", "scope"),
    [
        ("Die Zahl der getöteten Palästinenser stieg auf 210.", "210", 210, "dead", "Palästinenser"),
        ("Die Zahl der vermissten Bergsteiger liegt nach Angaben der Bergwacht bei sieben.", "sieben", 7, "missing", "Bergsteiger"),
        ("Bei den Krawallen gab es 12 verletzte Polizisten.", "12 verletzte Polizisten", 12, "injured", "Polizisten"),
        ("Die Zahl der evakuierten Anwohner lag am Abend bei 3.000.", "3.000", 3000, "evacuated", "Anwohner"),
        ("Die Zahl der schwer verletzten Fahrgäste stieg auf 16.", "16", 16, "severely_injured", "Fahrgäste"),
    ],
)
def test_a_participle_gives_the_measure_and_the_noun_the_group(text: str, surface: str, value: float, measure: str, scope: str) -> None:
    data = _one(text, surface)
    assert (data["value"], data["measure"], data["scope"], data["scope_kind"]) == (value, measure, scope, "group")


def test_other_participles_and_nouns_of_things_keep_their_measure() -> None:
    # "registriert" says nothing of what happened to the counted: the noun's measure stays, without a group
    data = _one("Die Zahl der registrierten Flüchtlinge stieg auf 1.200.", "1.200")
    assert (data["measure"], data["scope"]) == ("refugees", None)
    # houses are no people: a casualty participle does not make them a toll
    data = _one("Die Zahl der zerstörten Häuser stieg bis zum Abend auf 40.", "40")
    assert (data["measure"], data["scope"]) == ("buildings", None)
    # a noun that says only that people are counted is no group
    assert _one("Die Zahl der getöteten Menschen stieg auf 45.", "45")["scope"] is None


# --- verb frames, number words and ordinals -------------------------------------------------------------------------------

def test_kostete_das_leben_counts_the_dead() -> None:
    data = _one("Das Beben der Stärke 7,2 kostete mehr als 2.000 Menschen das Leben.", "mehr als 2.000 Menschen")
    assert (data["measure"], data["low"], data["high"], data["bound"]) == ("dead", 2000, None, "lower")
    # what something cost in money is no toll
    assert _one("Die Sanierung der Brücke kostete die Stadt 300.000 Euro.", "300.000 Euro")["measure"] == "money"
    assert "dead" not in {d["measure"] for d in _figures("Der Streik kostete den Konzern 40 Millionen Euro an Umsatz.").values()}


@pytest.mark.parametrize(
    ("text", "surface", "value", "measure"),
    [
        ("Bei dem Zugunglück wurde ein Dutzend Menschen verletzt.", "ein Dutzend Menschen", 12, "injured"),
        ("Zwei Dutzend Häuser sind einsturzgefährdet.", "Zwei Dutzend Häuser", 24, "buildings"),
        ("Ein halbes Dutzend Polizisten wurde verletzt.", "Ein halbes Dutzend Polizisten", 6, "injured"),
    ],
)
def test_a_dozen_is_twelve(text: str, surface: str, value: float, measure: str) -> None:
    data = _one(text, surface)
    assert (data["value"], data["measure"]) == (value, measure)


def test_dozens_stay_a_vague_lower_bound_and_a_bare_dozen_is_no_figure() -> None:
    data = _one("Dutzende Menschen wurden verletzt.", "Dutzende Menschen")
    assert (data["value"], data["low"], data["bound"]) == (None, 24, "lower")
    assert _figures("Mit dem Neuzugang ist das Dutzend voll.") == {}


def test_an_ordinal_of_a_death_toll_is_a_lower_bound() -> None:
    data = _one("In einem Keller in Schorndorf wurde am Montag das vierte Todesopfer geborgen.", "vierte Todesopfer")
    assert (data["value"], data["low"], data["high"], data["bound"], data["measure"]) == (4, 4, None, "lower", "dead")
    assert _one("Das Unwetter hat ein erstes Todesopfer gefordert.", "erstes Todesopfer")["low"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "Am dritten Tag wurden die Sucharbeiten eingestellt.",
        "Das erste Opfer des Anlagebetrugs meldete sich im März bei der Polizei.",  # a victim of fraud is no death
        "Die ersten Toten wurden am Morgen geborgen.",  # plural: how many is not said
        "Der Verein feierte den zweiten Sieg in Folge.",
    ],
)
def test_other_ordinals_are_no_figures(text: str) -> None:
    assert _figures(text) == {}


# --- percentage points --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        ("Die SPD holt mit 16,4 Prozent (- 9,3 Punkte) das schlechteste Ergebnis aller Zeiten.", "9,3 Punkte", "SPD"),
        ("Die AfD liegt in der jüngsten Umfrage vier Punkte vor der SPD.", "vier Punkte", "AfD"),
        ("Die SPD verlor bei der Landtagswahl 5,2 Prozentpunkte.", "5,2 Prozentpunkte", "SPD"),
    ],
)
def test_points_of_a_share_are_their_own_measure(text: str, surface: str, scope: str) -> None:
    data = _one(text, surface)
    assert (data["measure"], data["scope"]) == ("points", scope)


def test_the_share_itself_stays_a_share_and_other_points_are_counted() -> None:
    found = _figures("Die SPD holt mit 16,4 Prozent (- 9,3 Punkte) das schlechteste Ergebnis aller Zeiten.")
    assert found["16,4 Prozent"]["measure"] != "points"
    # an index's or a team's points are no percentage points
    assert _one("Der Leitindex verlor am Freitag 200 Punkte.", "200 Punkte")["measure"] == "count:punkt"
    found = _figures("Die Gastgeber holten drei Punkte und liegen mit 40 Punkten an der Spitze.")
    assert found["40 Punkten"]["measure"] == "count:punkt" and "drei Punkte" not in found


# --- dead, injured, missing, evacuated and rescued are never mixed; hedges stay bounds ---------------------------------

def test_tolls_of_one_sentence_keep_their_measures_and_hedges() -> None:
    found = _figures("Mindestens 12 Menschen starben, mehr als 40 wurden verletzt und bis zu 30 werden noch vermisst.")
    got = {k: (d["measure"], d["low"], d["high"]) for k, d in found.items()}
    assert got == {"Mindestens 12 Menschen": ("dead", 12, None), "mehr als 40": ("injured", 40, None), "bis zu 30": ("missing", None, 30)}
    found = _figures("Rund 2.000 Menschen mussten evakuiert werden, 300 wurden aus den Fluten gerettet.")
    assert found["Rund 2.000 Menschen"]["measure"] == "evacuated" and found["300"]["measure"] == "rescued"


def test_a_count_of_two_tolls_is_neither_alone() -> None:
    assert _one("Die Zahl der Toten und Vermissten stieg auf 200.", "200")["measure"] == "dead+missing"
    found = _figures("Die Zahl der Toten stieg auf 12, die der Vermissten auf 40.")
    assert (found["12"]["measure"], found["40"]["measure"]) == ("dead", "missing")
    # after the figure the second noun has no figure of its own: "two dead, and people injured"
    assert _one("Es gab zwei Tote und Verletzte.", "zwei Tote")["measure"] == "dead"


def test_a_part_named_by_its_adverb_is_the_narrower_toll() -> None:
    found = _figures("Mehr als 60 Menschen wurden verletzt, mindestens drei davon lebensgefährlich.")
    assert found["Mehr als 60 Menschen"]["measure"] == "injured" and found["mindestens drei"]["measure"] == "severely_injured"
    assert _one("Es gab 30 Verletzte, davon 5 schwer.", "5")["measure"] == "severely_injured"
    # an adverb of something else than injuries makes no toll
    assert _one("Es kamen 300 Gäste, davon 20 leicht angetrunken.", "20")["measure"] == "participants"
    assert _one("Es gab 30 Verletzte, darunter 5 Kinder.", "5 Kinder")["measure"] != "severely_injured"


# --- claimants ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "claimant"),
    [
        ("Den Gesamtschaden beziffert die Polizei auf rund 50.000 Euro.", "rund 50.000 Euro", "Polizei"),
        ("Den Schaden am Dachstuhl schätzt der Eigentümer auf 5.000 Euro.", "5.000 Euro", "Eigentümer"),
    ],
)
def test_a_fronted_object_is_no_claimant(text: str, surface: str, claimant: str) -> None:
    assert _one(text, surface)["claimant_text"] == claimant


def test_a_subject_before_its_verb_stays_the_claimant() -> None:
    assert _one("Die Polizei schätzt den Schaden auf 20.000 Euro.", "20.000 Euro")["claimant_text"] == "Polizei"
    assert _one("Der Konzern bezifferte die Kosten auf 3 Milliarden Euro.", "3 Milliarden Euro")["claimant_text"] == "Konzern"


def test_a_name_labelled_by_its_figure_is_what_is_measured_not_who_says_it() -> None:
    found = _figures("Die höchsten Quoten verzeichneten Irland (50,1 Prozent), Malta (49,6 Prozent) und Zypern (40,9 Prozent).")
    assert {d["claimant_text"] for d in found.values()} == {"outlet"}
    # a name that is the subject of the verb, with the figure elsewhere, stays the claimant
    assert _one("Die höchste Quote verzeichnete Eurostat in Irland mit 50,1 Prozent.", "50,1 Prozent")["claimant_text"] == "Eurostat"


def test_gab_reports_only_with_its_particle_closing_the_clause() -> None:
    data = _one("Samstagfrüh gab es an mehreren Orten insgesamt 13 Hausdurchsuchungen, wie die Staatsanwaltschaft mitteilte.",
                "13 Hausdurchsuchungen")
    assert data["claimant_text"] == "Staatsanwaltschaft"
    assert _one("Die Polizei gab die Zahl der Teilnehmer mit 3.000 an.", "3.000")["claimant_text"] == "Polizei"


def test_geht_aus_hervor_credits_the_owner_of_the_document() -> None:
    data = _one("Fast 40 Prozent würden ein Elektroauto kaufen, geht aus einer am Montag vorgestellten Umfrage des Verbands "
                "Autoklub hervor.", "Fast 40 Prozent")
    assert "Autoklub" in data["claimant_text"]
    assert _one("Fast 40 Prozent würden ein Elektroauto kaufen, sagte der Händler.", "Fast 40 Prozent")["claimant_text"] == "Händler"


def test_a_gapped_clause_credits_the_name_in_the_subjects_place() -> None:
    found = _figures("Das Institut Eco rechnete zuletzt mit einem Wachstum von 1,4 Prozent, das DIW mit 1,6 Prozent.")
    assert found["1,6 Prozent"]["claimant_text"] == "DIW"
    # a name in the object's place is what the figure is about, the subject says it of both
    found = _figures("Das Institut Demos sah die Union bei 30 Prozent, die SPD bei 16 Prozent.")
    assert found["16 Prozent"]["claimant_text"] != "SPD"
    # a hedge opening a clause after a colon is no name
    assert _one("Der Verband sagt: Fast 9.000 Betriebe haben sich beteiligt.", "Fast 9.000 Betriebe")["claimant_text"] == "Verband"


def test_a_bare_source_noun_is_no_speaker() -> None:
    data = _one("Mehr als 100 Flüchtlinge seien nach Angaben gerettet worden.", "Mehr als 100 Flüchtlinge")
    assert data["claimant_text"] == "outlet"
    data = _one("Mehr als 100 Flüchtlinge seien nach Angaben der Küstenwache gerettet worden.", "Mehr als 100 Flüchtlinge")
    assert data["claimant_text"] == "Küstenwache"


def test_den_tod_von_counts_the_dead_only_with_its_count() -> None:
    assert _one("Die Behörden bestätigten den Tod von 17 Menschen.", "17 Menschen")["measure"] == "dead"
    data = _one("Nach dem Tod von Papst Leo kamen 250.000 Menschen zur Beerdigung.", "250.000 Menschen")
    assert data["measure"] != "dead"


def test_weitere_n_closing_a_sentence_is_a_count_of_the_noun_before() -> None:
    found = _figures("Die Zahl der Toten ist in der Türkei auf 1.500 gestiegen, in Syrien starben weitere 800.")
    assert found["800"]["measure"] == "dead" and found["800"]["scope"] == "Syrien"
    # an ordinal closing a sentence after a date is no count
    assert "3" not in {d["value_text"] for d in _figures("Der Prozess beginnt am 3. Weitere Termine folgen.").values()}


def test_attackers_and_crime_scenes_are_counted_by_their_nouns() -> None:
    data = _one("Augenzeugen berichten von bis zu vier Attentätern.", "bis zu vier Attentätern")
    assert (data["measure"], data["high"], data["claimant_text"]) == ("attackers", 4, "Augenzeugen")
    assert _one("Insgesamt gebe es sechs Tatorte, sagte ein Polizeisprecher.", "sechs Tatorte")["measure"] == "crime_scenes"
    # what happened to the attackers says what is counted; a small number word before an unknown noun stays no figure
    assert _one("Drei Angreifer wurden getötet.", "Drei Angreifer")["measure"] == "dead"
    assert _figures("Zwei Parteien stimmten dagegen.") == {}


def test_a_hedge_makes_a_four_digit_number_before_a_noun_a_count() -> None:
    data = _one("Laut Polizei stehen bereits rund 2000 Traktoren auf der Straße.", "rund 2000 Traktoren")
    assert (data["value"], data["claimant_text"]) == (2000, "Polizei")
    # "um 2000" and "seit etwa 2000 Jahren" are times
    assert _figures("Um 2000 Traktoren ging es dabei nicht.") == {}
    assert _figures("Das Gesetz gilt seit etwa 2000 Jahren.") == {}
