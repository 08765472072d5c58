"""Frames that say what happened to the people a figure counts: each fires in one sentence and stays silent in another.

The sentences are written for these tests, except a few short snippets of 10kGNAD articles (marked); none is from a
story of the development corpora, and the happenings are kept apart from those of their held-out stories.
"""

from __future__ import annotations

import pytest

from lagebild.numbers.measures import load_measures


def _measure(unit: str, clause: str) -> str:
    at = clause.find(next((w for w in clause.split() if w[:1].isdigit()), ""))
    return load_measures().classify(unit=unit, unit_kind="count", clause=clause, sentence=clause, at=at)


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # the death of a counted group, their bodies
        ("Menschen", "Das Gericht sah ihn für den Tod der 32 Menschen in der Halle verantwortlich", "dead"),
        ("Menschen", "In der Wüste wurden die Leichen von 30 Menschen gefunden", "dead"),  # after 10kGNAD
        ("Menschen", "Fünf Menschen haben bei dem Lawinenabgang das Leben verloren", "dead"),
        ("Menschen", "Beim Einsturz der Lagerhalle verloren 14 Menschen das Leben.", "dead"),
        # fighting for their lives: the badly hurt
        ("Personen", "Zwei Personen ringen nach dem Brand mit dem Tod", "severely_injured"),
        ("Menschen", "Drei Menschen befinden sich in kritischem Zustand", "severely_injured"),
        # taken to or treated in hospitals: the injured
        ("Menschen", "Nach dem Busunglück wurden 14 Menschen in umliegende Krankenhäuser gebracht", "injured"),
        ("Personen", "Elf Personen wurden ins Spital eingeliefert", "injured"),
        ("Menschen", "Vor Ort wurden 25 Menschen ärztlich versorgt", "injured"),
        # brought to safety: rescued, in the active voice too
        ("Menschen", "Die Feuerwehr brachte 35 Menschen in Sicherheit.", "rescued"),
        # fleeing a disaster: evacuated; fleeing a war: displaced
        ("Menschen", "Rund 2.000 Menschen flohen vor dem Hochwasser aus dem Tal", "evacuated"),
        ("Menschen", "Mehr als 300 Menschen wurden nach dem Hochwasser aus ihren Häusern geholt", "evacuated"),
        ("Menschen", "Mindestens 230.000 Menschen flohen inzwischen vor der Gewalt in die Nachbarländer", "displaced"),  # 10kGNAD
        ("Menschen", "Vor den Kämpfen sind 40.000 Menschen geflohen", "displaced"),
        # staff
        ("Menschen", "Bei dem Autobauer sind mehr als 16.000 Menschen beschäftigt", "employees"),
        ("Personen", "In Summe beschäftigten die Firmen mehr als 28.000 Personen", "employees"),
        # the accused
        ("Männern", "Den drei Männern werden Betrug und Geldwäsche vorgeworfen", "suspects"),
        ("Personen", "Vier Personen stehen unter Verdacht, den Brand gelegt zu haben", "suspects"),
        # taking part, in the present tense
        ("Personen", "An der Synode beteiligen sich rund 400 Personen", "participants"),
        # without a home
        ("Menschen", "Nach dem Sturm sind 3.600 Menschen ohne Zuhause", "homeless"),
        # working somewhere
        ("Menschen", "Bei dem Konzern arbeiten fast 30.000 Menschen", "employees"),
        # injuries suffered, a kind of them, how light
        ("Menschen", "Bei dem Unfall erlitten 14 Menschen Verletzungen", "injured"),
        ("Fahrgäste", "Zwölf Fahrgäste zogen sich bei der Vollbremsung Verletzungen zu", "injured"),
        ("Menschen", "Sieben Menschen mussten mit Rauchvergiftungen behandelt werden", "injured"),
        ("Menschen", "Zehn Menschen trugen leichte Verletzungen davon", "lightly_injured"),
        ("Menschen", "Drei Menschen erlitten schwere Verletzungen", "severely_injured"),
        # the separable "kamen … zu Tode"; leaving one's home country for good
        ("Menschen", "Bei dem Unglück kamen 9 Menschen zu Tode.", "dead"),
        ("Menschen", "Mehr als 4.000 Menschen haben wegen der Kämpfe ihre Heimat verlassen", "displaced"),
        # stranded travellers; the infected, by frame and by noun
        ("Reisende", "Am Flughafen saßen 4.000 Reisende über Nacht fest.", "stranded"),
        ("Menschen", "Bis heute wurden weltweit über 10.000 Menschen infiziert", "infected"),  # 10kGNAD
        ("Infektionsfälle", "", "infected"),
        # who may vote, who did
        ("Menschen", "Fast 6 Millionen Menschen waren bei der Landtagswahl wahlberechtigt", "eligible_voters"),
        ("Bürger", "In dem Ort hätten 150 Bürger ihre Stimme abgegeben", "voters"),
        # no trace of them: missing
        ("Menschen", "Von 14 Menschen fehlt seit dem Sturm jede Spur", "missing"),
        # who found refuge in a country, whatever noun counts them
        ("Afghanen", "In Pakistan fanden 1,5 Millionen Afghanen Zuflucht", "refugees"),
        ("Menschen", "Im Nachbarland haben 80.000 Menschen Zuflucht gefunden", "refugees"),
    ],
)
def test_frames_fire(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # a death or bodies without a count right after them
        ("Menschen", "Nach dem Tod der Mutter kümmerten sich 12 Menschen um den Hof", "people"),
        ("Menschen", "Die Leichen der Opfer wurden obduziert, 40 Menschen trauerten", "people"),
        # out of danger of their lives is no count of the badly hurt
        ("Menschen", "Die drei Menschen ringen nicht mehr mit dem Tod", "people"),
        # a hospital named without anyone taken there
        ("Menschen", "In dem Krankenhaus warten 300 Menschen", "people"),
        ("Personen", "Die Klinik versorgt 4.000 Personen mit Mahlzeiten", "people"),
        # brought somewhere else
        ("Menschen", "Der Bus brachte 35 Menschen in die Stadt.", "people"),
        # fleeing the police is neither displaced nor evacuated
        ("Männer", "Drei Männer flohen vor der Polizei", "people"),
        # busy with something is no staff
        ("Menschen", "Rund 200 Menschen beschäftigen sich mit der Frage", "people"),
        ("Experten", "Zwölf Experten waren mit der Prüfung beschäftigt", "count:experte"),
        # the noun "Beschuldigten" is counted by itself, no frame of another figure
        ("Menschen", "Die Beschuldigten trafen 20 Menschen", "people"),
        # who takes part in nothing
        ("Personen", "Im Saal saßen rund 400 Personen", "people"),
        # a home named without its loss
        ("Menschen", "In dem Zuhause für Senioren leben 36 Menschen", "people"),
        # working on something is no staff count
        ("Menschen", "An dem Projekt arbeiten 30 Menschen mit", "people"),
        ("Forscher", "Zwölf Forscher arbeiten an dem Impfstoff", "count:forscher"),
        ("Menschen", "Fast eine Million Menschen wollten weniger arbeiten", "people"),
        # injuries named without anyone suffering them; "kamen … zu" without death
        ("Menschen", "Die Verletzungen der 14 Menschen sind noch nicht bekannt", "people"),
        ("Menschen", "Zum Fest kamen 900 Menschen zu Besuch.", "people"),
        # a firm seat is no stranding; a case of anything is no infection
        ("Menschen", "Im Stadion standen 4.000 Menschen fest auf den Rängen.", "people"),
        ("Fälle", "", "cases"),
        # a vote of a body is no count of voters
        ("Abgeordnete", "68 von 70 Abgeordneten stimmten dafür", "seats"),
        # every trace followed is no one missing
        ("Menschen", "Die Ermittler verfolgen jede Spur, 14 Menschen melden sich", "people"),
        # shelter sought from a flood on a roof is no refuge in a country; a count of nationals without a frame
        ("Menschen", "Die Feuerwehr rettete 12 Menschen von den Dächern, auf denen sie Zuflucht gesucht hatten", "rescued"),
        ("Afghanen", "In der Stadt leben 4.000 Afghanen", "count:afghane"),
    ],
)
def test_frames_stay_silent(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


def test_a_held_frame_counts_only_the_figure_it_holds() -> None:
    vocab = load_measures()
    clause = "Der Suchtrupp brachte 12 Helfer und die Leichen von zwei Bergsteigern ins Tal"
    assert vocab.classify(unit="Bergsteigern", unit_kind="count", clause=clause, sentence=clause, at=clause.index("zwei")) == "dead"
    # must not fire: the other figure of the clause is no toll
    assert vocab.classify(unit="Helfer", unit_kind="count", clause=clause, sentence=clause, at=clause.index("12")) == "rescue_workers"
