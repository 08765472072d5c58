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
        # "die" may be accusative: a thing before the verb, an authority after it
        ("Die Lücke im Plan erklärt die Gewerkschaft mit 40 Fahrern einer Leihfirma.", "40 Fahrern", "Gewerkschaft"),
    ],
)
def test_a_fronted_object_is_no_claimant(text: str, surface: str, claimant: str) -> None:
    assert _one(text, surface)["claimant_text"] == claimant


def test_a_subject_before_its_verb_stays_the_claimant() -> None:
    # "der Polizei" after the verb may be dative: who was told, not who tells
    assert _one("Die Zeugin nannte der Polizei 14 Namen.", "14 Namen")["claimant_text"] == "Zeugin"
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


# --- animals and things are never a toll of people -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "measure"),
    [
        ("Die Zahl der ertrunkenen Rinder stieg nach Angaben des Bauernverbands auf 3000.", "3000", "count:rind"),
        ("In den Ställen wurden 400 getötete Schweine gefunden.", "400 getötete Schweine", "count:schwein"),
        ("Auf den Weiden an der Elbe wurden 250 verendete Nutztiere geborgen.", "250 verendete Nutztiere", "count:nutztier"),
        ("Zwei Pferde kamen in den Fluten ums Leben.", "Zwei Pferde", "count:pferd"),
        ("Nach dem Erdrutsch meldete die Feuerwehr 12 verschüttete Autos.", "12 verschüttete Autos", "vehicles"),
    ],
)
def test_animals_and_vehicles_are_no_toll_of_people(text: str, surface: str, measure: str) -> None:
    data = _one(text, surface)
    assert data["measure"] == measure
    assert data["scope_kind"] != "group"  # the animals or cars are no group of people a toll is about


def test_a_participle_before_people_still_makes_their_toll() -> None:
    data = _one("Die Zahl der ertrunkenen Urlauber stieg nach Angaben der Küstenwache auf 30.", "30")
    assert (data["measure"], data["scope"]) == ("dead", "Urlauber")
    assert _one("Bei dem Brand wurden 14 verletzte Feuerwehrleute gezählt.", "14 verletzte Feuerwehrleute")["measure"] == "injured"


# --- points of an index or a game are no percentage points ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text, surface",
    [
        ("Der DAX verlor nach der Wahl 300 Punkte.", "300 Punkte"),
        ("Der Leitindex gab nach der Wahl in Frankreich 3 Punkte nach.", "3 Punkte"),
        ("Nach der Wahl zum Trainer des Jahres holte der Verein am Spieltag drei Punkte.", "drei Punkte"),
        ("Nach der Wahl lag das Barometer 120 Punkte über dem Vormonat.", "120 Punkte"),
    ],
)
def test_an_index_or_a_game_keeps_its_points(text: str, surface: str) -> None:
    found = _figures(text)
    # a small number word before points of no share is no figure at all; digits are a count of points
    assert surface in found or not surface[0].isdigit()
    assert all(d["measure"] != "points" for d in found.values())


def test_points_in_a_poll_without_an_index_stay_percentage_points() -> None:
    assert _one("Nach der jüngsten Umfrage liegen die Grünen sechs Punkte vor der FDP.", "sechs Punkte")["measure"] == "points"


# --- a fronted document credits its owner ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, surface, claimant",
    [
        ("Aus dem Bericht der UN geht hervor, dass 300 Menschen starben.", "300 Menschen", "UN"),
        ("Aus einer am Freitag veröffentlichten Studie des Instituts Prognos ging hervor, dass 40 Prozent der Betriebe "
         "schließen wollen.", "40 Prozent", "Instituts Prognos"),
        ("Dass 300 Menschen starben, geht aus dem Bericht der UN hervor.", "300 Menschen", "UN"),
    ],
)
def test_aus_dem_bericht_geht_hervor_credits_its_owner_in_either_order(text: str, surface: str, claimant: str) -> None:
    assert claimant in _one(text, surface)["claimant_text"]


def test_aus_without_hervor_names_no_document() -> None:
    assert _one("Aus dem Dorf gingen 300 Menschen zur Kundgebung.", "300 Menschen")["claimant_text"] == "outlet"
    assert _one("Aus Angst vor Nachbeben schliefen 300 Menschen im Freien.", "300 Menschen")["claimant_text"] == "outlet"


# --- a name labelled by its figure is its scope -----------------------------------------------------------------------------

def test_a_name_labelled_by_its_figure_is_its_scope() -> None:
    text = "Die höchsten Werte verzeichneten Bayern (12 Prozent) und Hessen (9 Prozent)."
    found = _figures(text)
    for surface, name in (("12 Prozent", "Bayern"), ("9 Prozent", "Hessen")):
        data = found[surface]
        start = text.index(name)
        assert (data["scope"], data["scope_span"], data["claimant_text"]) == (name, [start, start + len(name)], "outlet")


def test_a_parenthesis_after_a_common_noun_labels_nothing() -> None:
    assert _one("Die Arbeitslosigkeit lag deutlich über dem Wert im Vorjahr (12 Prozent).", "12 Prozent")["scope"] is None


# --- the first of a series is no toll ------------------------------------------------------------------------------------

def test_the_first_dead_of_a_series_is_no_toll() -> None:
    assert _figures("Der erste Tote der Pandemie in Bayern wurde 2020 gemeldet.") == {}
    assert _figures("Das erste Todesopfer des Winters war ein Obdachloser in München.") == {}
    assert _one("Die Flut forderte am Dienstag einen ersten Toten.", "ersten Toten")["low"] == 1


# --- "auf der Flucht" is displacement only with what people flee from -----------------------------------------------------

@pytest.mark.parametrize(
    "text, surface",
    [
        ("Die Polizei sucht nach 3 Männern, die auf der Flucht sind.", "3 Männern"),
        ("Die Ermittler fahnden nach 2 Männern, die seit Sonntag auf der Flucht vor der Polizei sind.", "2 Männern"),
    ],
)
def test_a_manhunt_is_no_displacement(text: str, surface: str) -> None:
    assert _one(text, surface)["measure"] != "displaced"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Rund 5.000 Menschen sind vor den heftigen Kämpfen auf der Flucht.", "Rund 5.000 Menschen"),
        ("Fast 9.000 Menschen sind auf der Flucht vor der Gewalt der Milizen.", "Fast 9.000 Menschen"),
    ],
)
def test_flight_from_war_is_displacement(text: str, surface: str) -> None:
    assert _one(text, surface)["measure"] == "displaced"


@pytest.mark.parametrize(
    "text, surface",
    [
        # who flees a flood or fire has left home for a while: the same toll as "mussten ihre Häuser verlassen"
        ("Mehr als 20.000 Menschen sind nach Angaben der Behörden auf der Flucht vor dem Hochwasser.", "Mehr als 20.000 Menschen"),
        ("Rund 800 Anwohner sind vor den Flammen auf der Flucht.", "Rund 800 Anwohner"),
        ("Laut Landrat können noch 4.000 Menschen nicht in ihre Häuser zurück.", "4.000 Menschen"),
        # the causes are whole nouns with their inflections
        ("Rund 3.000 Menschen sind vor den Waldbränden auf der Flucht.", "Rund 3.000 Menschen"),
        ("Etwa 600 Menschen waren auf der Flucht vor den Wassermassen.", "Etwa 600 Menschen"),
    ],
)
def test_flight_from_a_flood_or_fire_is_evacuation(text: str, surface: str) -> None:
    assert _one(text, surface)["measure"] == "evacuated"


def test_returning_home_is_no_evacuation() -> None:
    assert _one("Laut Landrat konnten 4.000 Menschen wieder in ihre Häuser zurück.", "4.000 Menschen")["measure"] != "evacuated"


@pytest.mark.parametrize(
    "text, surface",
    [
        # a word that only begins like a cause ("brandenburgisch", "Wasserwerfer"), or gunfire, is no flight from a disaster
        ("12 Menschen sind auf der Flucht vor der brandenburgischen Polizei.", "12 Menschen"),
        ("3 Männer waren auf der Flucht vor den Wasserwerfern der Polizei.", "3 Männer"),
        ("200 Demonstranten waren auf der Flucht vor dem Feuer der Soldaten.", "200 Demonstranten"),
    ],
)
def test_flight_from_what_only_begins_like_a_disaster_is_no_evacuation(text: str, surface: str) -> None:
    assert _one(text, surface)["measure"] != "evacuated"


# --- a range of number words is one figure with both ends ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Die Versicherer schätzen den Schaden auf drei bis vier Millionen Euro.", "drei bis vier Millionen Euro", 3e6, 4e6),
        ("Bei dem Lawinenabgang starben sechs bis sieben Menschen.", "sechs bis sieben Menschen", 6, 7),
        ("Die Partei liegt in Umfragen zwischen zwei und drei Prozent.", "zwischen zwei und drei Prozent", 2, 3),
        ("Jede Woche erreichen fünf bis 20 Flüchtlinge die Insel.", "fünf bis 20 Flüchtlinge", 5, 20),  # a word, then a numeral
        # any number word of the one table ends a range, not only those of a hand list
        ("In dem Hochhaus wurden zehn bis dreizehn Menschen verletzt.", "zehn bis dreizehn Menschen", 10, 13),
    ],
)
def test_a_range_of_number_words_keeps_both_ends(text: str, surface: str, low: float, high: float) -> None:
    figure = _one(text, surface)
    assert (figure["low"], figure["high"], figure["bound"]) == (low, high, "range")


def test_number_words_joined_otherwise_are_no_range() -> None:
    # a duration and an uncounted noun are no figures; "und" joins two figures unless "zwischen" opens the range
    assert _figures("Die Sanierung dauert zwei bis drei Tage und betrifft vier oder fünf Parteien im Haus.") == {}
    assert _one("Es kamen zwei und drei Millionen Besucher.", "drei Millionen Besucher")["low"] == 3e6
    assert _figures("Die Sanierung dauert fünf bis 20 Jahre.") == {}


def test_bekannt_gegeben_written_apart_reports_like_bekanntgegeben() -> None:
    text = "Am Dienstag hatte das Rote Kreuz bekannt gegeben, in den Lagern seien 4.000 Menschen verletzt worden."
    assert "Kreuz" in _one(text, "4.000 Menschen")["claimant_text"]
    # a passive names no one who reports
    passive = "Die Zahlen wurden am Dienstag bekannt gegeben, demnach seien 4.000 Menschen verletzt worden."
    assert _one(passive, "4.000 Menschen")["claimant_kind"] == "outlet"


def test_a_fronted_gegenueber_phrase_is_who_was_told_not_who_tells() -> None:
    assert _one("Gegenüber der Zeitung bestätigte die Polizei 14 Festnahmen.", "14 Festnahmen")["claimant_text"] == "Polizei"
    assert _one("Gegenüber dem Vorjahr stieg die Zahl der Einbrüche um 14 Prozent.", "14 Prozent")["claimant_kind"] == "outlet"


def test_die_rettung_gives_its_own_count_after_the_police() -> None:
    figures = _figures("Die Polizei meldete am Abend 14 Verletzte, die Rettung 16.")
    assert figures["16"]["claimant_text"] == "Rettung"
    # the ambulance service as the one who acts is no source of the count
    assert _one("Die Rettung brachte 14 Verletzte ins Spital.", "14 Verletzte")["claimant_kind"] == "outlet"


def test_fuer_after_an_institutions_head_is_part_of_its_name() -> None:
    assert _one("Das Ministerium für Katastrophenschutz meldete 14 Tote.", "14 Tote")["claimant_text"] == "Ministerium für Katastrophenschutz"
    assert _one("Das Amt für Statistik zählte 14.000 Geburten.", "14.000 Geburten")["claimant_text"] == "Amt für Statistik"
    # after an authority that is no institution's head, "für" opens an adverbial of the clause
    assert _one("Laut Polizei für Samstag werden 20.000 Teilnehmer erwartet.", "20.000 Teilnehmer")["claimant_text"] == "Polizei"
    # a compound ending in a short head runs on only after its linking s ("Bundesamt"), not in other words that end so
    assert _one("Laut Bundesamt für Statistik wurden 14.000 Kinder geboren.", "14.000 Kinder")["claimant_text"] == "Bundesamt für Statistik"


@pytest.mark.parametrize(
    "text",
    [
        "Laut der Baustelle für Wohnungen wurden 14 Arbeiter verletzt.",
        "Der Apparat für Notfälle meldete 14 Verletzte.",
        "Nach Angaben der Tankstelle für Lastwagen wurden 14 Fahrer befragt.",
    ],
)
def test_fuer_after_a_word_that_only_ends_like_a_head_is_no_name(text: str) -> None:
    figure = next(iter(_figures(text).values()))
    assert "für" not in str(figure["claimant_text"])


def test_a_speakers_name_runs_on_after_fuer_at_an_institutions_head() -> None:
    text = "Die Internationale Organisation für Migration (IOM) teilte mit, 14 Menschen seien vor der Küste gerettet worden."
    assert _one(text, "14 Menschen")["claimant_text"] == "Internationale Organisation für Migration"
    # a compound whose tail is a head ("Weltgesundheitsorganisation") runs on too
    text = "Die Weltgesundheitsorganisation für Europa teilte mit, 14.000 Kinder seien geimpft worden."
    assert _one(text, "14.000 Kinder")["claimant_text"] == "Weltgesundheitsorganisation für Europa"
    # after a speaker that is no institution's head, "für" opens an adverbial
    text = "Der Sprecher teilte für die Polizei mit, 14 Menschen seien festgenommen worden."
    assert "für" not in str(_one(text, "14 Menschen")["claimant_text"])
