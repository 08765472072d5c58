"""Nouns of people by their work or role, their women, what happened to them, and units by their lemma.

Each rule fires in one sentence and stays silent in another, on another topic. The sentences are written for these
tests, except short snippets of 10kGNAD articles (marked); none is from a story of the development corpora.
"""

from __future__ import annotations

import pytest

from lagebild.numbers.find import find_quantities
from lagebild.numbers.measures import load_measures


def _measure(unit: str, clause: str) -> str:
    at = clause.find(next((w for w in clause.split() if w[:1].isdigit()), ""))
    return load_measures().classify(unit=unit, unit_kind="count", clause=clause, sentence=clause, at=at)


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # a noun of people by their role takes a frame of its clause, as "Menschen" does, wherever it stands
        ("Kumpel", "Nach dem Wassereinbruch konnten 12 Kumpel gerettet werden", "rescued"),
        ("Urlauber", "Wegen des Schneesturms sitzen 3000 Urlauber in den Skiorten fest", "stranded"),
        ("Häftlinge", "Nach dem Ausbruch aus der Anstalt werden 3 Häftlinge vermisst", "missing"),
        ("Touristen", "Die Polizei nahm 4 Touristen wegen Vandalismus fest", "arrested"),
        ("Schülern", "Von der Schließung der Schule sind 800 Schülern betroffen", "affected"),
        # women counted as the men are
        ("Touristinnen", "Nach dem Bergrutsch wurden 5 Touristinnen gerettet", "rescued"),
        ("Zuschauerinnen", "Gerade einmal 123.000 Zuschauerinnen", "participants"),  # after 10kGNAD
        ("Besucherinnen", "Das Museum zählte 4.000 Besucherinnen", "participants"),
        # miners are workers; rescue brigades are rescue workers
        ("Bergleute", "In der Zeche arbeiteten zuletzt 900 Bergleute", "employees"),
        ("Bergleute", "Unter Tage befanden sich 40 Bergleute", "employees"),
        ("Grubenwehrleute", "Rund 60 Grubenwehrleute waren im Einsatz", "rescue_workers"),
        ("Werkfeuerwehrmänner", "Rund 25 Werkfeuerwehrmänner löschten den Brand", "rescue_workers"),
        ("Retter", "Etwa 200 Retter suchten nach der Lawine", "rescue_workers"),
        # who was brought out alive, in the active voice; who came too late to help
        ("Menschen", "Die griechische Küstenwache barg in der Nacht 14 Menschen aus den Fluten", "rescued"),  # 10kGNAD
        ("Fußgänger", "Für zwei Fußgänger kam jede Hilfe zu spät", "dead"),
        ("Menschen", "Die Feuerwehr barg zwei Menschen tot aus dem Autowrack", "dead"),
    ],
)
def test_person_frames_fire(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # without a frame a person noun keeps its own key, and things found are not rescued people
        ("Touristen", "Im Sommer kamen 40.000 Touristen", "count:tourist"),
        ("Touristen", "Die Stadt zählte 40.000 Touristen", "count:tourist"),
        ("Wrackteile", "Taucher haben zwei Wrackteile geborgen", "count:wrackteil"),
        ("Flugschreiber", "Die Ermittler bargen beide Flugschreiber und 2 Wrackteile", "count:flugschreiber"),
        # mates are no miners ("Kumpels"), and a noun ending in "in" is no woman of a counted noun
        ("Kumpels", "Er feierte mit drei Kumpels", "count:kumpel"),
        ("Proteine", "Die Forscher untersuchten 500 Proteine", "count:protein"),
        ("Vitamine", "Die Tablette enthält 12 Vitamine", "count:vitamin"),
        # help too late that is not "jede Hilfe"; a noun of a measure keeps it without a frame
        ("Mitarbeiter", "Für die Firma kam die Hilfe zu spät, 300 Mitarbeiter verloren ihre Stellen", "employees"),
        ("Polizisten", "Am Einsatz waren 300 Polizisten beteiligt, sie arbeiten in Schichten", "rescue_workers"),
    ],
)
def test_person_frames_stay_silent(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


@pytest.mark.parametrize(
    ("unit", "key"),
    [("Monaten", "unit:monat"), ("Monate", "unit:monat"), ("Stunden", "unit:stunde"), ("Metern", "unit:meter"),
     ("Kilometern", "unit:kilometer"), ("Grad", "unit:grad"), ("Hektar", "unit:hektar")],
)
def test_a_unit_is_keyed_by_its_lemma(unit: str, key: str) -> None:
    """"eine Laufzeit von 27 Monaten" and "27 Monate" measure one thing; a unit without inflection stays as written."""
    assert load_measures().classify(unit=unit, unit_kind="measure", clause="", sentence="") == key


def test_a_currency_of_bulgaria() -> None:
    found = find_quantities("Das Volumen wird auf 800 Millionen Lewa geschätzt.")  # after 10kGNAD
    assert [(q.value, q.unit_kind) for q in found] == [(800_000_000.0, "currency")]
    assert load_measures().currency("Lewa") == "BGN"
    # a person's name is no currency
    assert all(q.unit_kind != "currency" for q in find_quantities("Lew Tolstoi schrieb 3 Romane."))


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # taken to hospital, said with "kamen"; brought out alive
        ("Arbeiter", "Nach der Explosion kamen 19 Arbeiter in Krankenhäuser der Umgebung", "injured"),
        ("Menschen", "Nach dem Busunglück kamen 8 Menschen ins Spital", "injured"),
        ("Arbeiter", "Nach dem Sturz vom Gerüst wurden 3 Arbeiter im Klinikum behandelt", "injured"),
        ("Kumpel", "Zwei Kumpel wurden nach 36 Stunden lebend aus dem Stollen geholt", "rescued"),
        ("Menschen", "Aus der überfluteten Höhle wurden 5 Menschen lebend geholt", "rescued"),
    ],
)
def test_hospital_and_alive_frames_fire(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # who comes to a hospital every day, or to a museum named after one, is no casualty
        ("Patienten", "Täglich kommen 300 Patienten in die Klinik", "count:patient"),
        ("Patienten", "In der Klinik werden täglich 300 Patienten behandelt", "count:patient"),
        ("Besucher", "Im Sommer kamen 3000 Besucher ins Krankenhaus-Museum", "participants"),
        # taken out of a flat by the police: not rescued
        ("Männer", "Die Polizei hat 3 Männer aus der Wohnung geholt", "people"),
    ],
)
def test_hospital_and_alive_frames_stay_silent(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure


def _scopes_with(text: str, orgs: list[str]) -> dict[str, str | None]:
    """The scopes of the figures of ``text`` where each name of ``orgs`` is an organisation to the entity stage, as a
    region's name often is where its administration speaks ("teilte die Region … mit")."""
    from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span
    from lagebild.registry import STAGES

    doc = Document("t", text, SourceRef("t.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta.outlet = "outlet"
    doc = STAGES.build("segment.rules.v1")(doc)
    for name in orgs:
        start = text.find(name)
        while start >= 0:
            doc.add("entity", Span(start, start + len(name)), Provenance("test"), label="ORG", data={})
            start = text.find(name, start + 1)
    for stage in ("speech.rules.v1", "claims.rules.v1"):
        doc = STAGES.build(stage)(doc)
    return {a.surface: a.data["scope"] for a in doc.of_kind("claim")}


def test_a_name_after_a_place_noun_is_a_place_whatever_its_label() -> None:
    text = ("Bei schweren Unwettern in der Region Nordmark sind mindestens acht Menschen ums Leben gekommen. "
            "In der Nordmark wurden 300 Häuser beschädigt.")
    scopes = _scopes_with(text, ["Nordmark"])
    assert scopes["mindestens acht Menschen"] == "Nordmark"
    assert scopes["300 Häuser"] == "Nordmark"  # named again without the place noun


def test_an_organisation_named_without_a_place_noun_is_no_place() -> None:
    text = "In der Stiftung Lindenhof arbeiten 300 Menschen."
    assert _scopes_with(text, ["Stiftung Lindenhof"])["300 Menschen"] is None
    # a company named after its town is no place either where no place noun stands before it
    assert _scopes_with("Bei der Nordmark AG wurden 40 Stellen gestrichen.", ["Nordmark AG"])["40 Stellen"] is None


def _scopes(text: str) -> dict[str, str | None]:
    from tests.speech.helpers import analyse

    doc = analyse(text, outlet="outlet", extra=["entities.ner.v1", "timex.rules.v1"])
    return {a.surface: a.data["scope"] for a in doc.of_kind("claim")}


def test_where_people_were_taken_is_no_scope() -> None:
    assert _scopes("Nach der Explosion in der Fabrik kamen 19 Arbeiter in Kliniken in Kempten.")["19 Arbeiter"] != "Kempten"
    # a place after a preposition with no destination noun before it stays the scope
    assert _scopes("In Kempten wurden 19 Arbeiter verletzt.")["19 Arbeiter"] == "Kempten"


def test_a_figure_in_brackets_is_about_what_the_figure_before_is_about() -> None:
    # after a 10kGNAD snippet (an Austrian state election)
    scopes = _scopes("Somit kommt die SPÖ auf 39,59 Prozent (44 Mandate), die FPÖ auf 30,79 Prozent (34 Mandate).")
    assert (scopes["44 Mandate"], scopes["34 Mandate"]) == ("SPÖ", "FPÖ")
    assert _scopes("Die Grünen verloren 4,2 Prozentpunkte (minus 12 Sitze).")["12 Sitze"] == "Grünen"


def test_a_bracket_after_a_figure_without_scope_or_after_a_word_takes_none() -> None:
    assert _scopes("Der Umsatz stieg um 3 Prozent (auf 12 Millionen Euro).")["12 Millionen Euro"] is None
    # a bracket after a word, not after the figure: the figure before says nothing of it
    assert _scopes("In Bayern wurden 300 Menschen verletzt. Die Klinik (120 Betten) war voll.")["120 Betten"] != "Bayern"


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        # at work in a mine: staff
        ("Männer", "Zum Zeitpunkt des Unglücks waren 200 Männer unter Tage", "employees"),
        ("Männer", "Laut Betriebsrat seien 60 Männer unter Tage gewesen", "employees"),
        # what happened to them underground, or who lived underground, is no staff count
        ("Menschen", "Bei dem Unglück wurden 20 Menschen unter Tage verletzt", "injured"),
        ("Menschen", "Die Ausstellung zeigt, wie 300 Menschen unter Tage lebten", "people"),
    ],
)
def test_underground_at_work(unit: str, clause: str, measure: str) -> None:
    assert _measure(unit, clause) == measure
