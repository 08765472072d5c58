"""The measure vocabulary: every entry has the right shape, and lookups name what a figure counts."""

from __future__ import annotations

import pathlib
import re
import tomllib

import pytest

from lagebild.numbers.measures import DATA, _expand, _frame_parts, load_measures

KINDS = {"count", "percent", "money", "magnitude", "points", "duration"}


def test_every_entry_has_its_shape() -> None:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert raw["generic"]["nouns"]
    for mid, entry in raw["measure"].items():
        assert set(entry) <= {"label", "kind", "nouns", "suffixes", "frames", "context", "group_context", "any_noun", "who", "cumulative", "not_context", "of",
                              "attributes", "ordinal", "context_nouns", "part_of", "part_adverbs",
                              "affirmed_frames", "held_frames"}, mid
        assert all(isinstance(g, list) and g and all(isinstance(x, str) and x for x in g) for g in entry.get("of", [])), mid
        assert not (entry.get("any_noun") and not entry.get("frames")), mid  # any_noun works through frames
        assert entry["label"] and entry["kind"] in KINDS, mid
        assert isinstance(entry.get("ordinal", False), bool), mid
        assert entry.get("part_of", mid) in raw["measure"] and bool(entry.get("part_of")) == bool(entry.get("part_adverbs")), mid
        for key in ("nouns", "suffixes", "frames", "context", "group_context", "not_context", "attributes", "context_nouns",
                    "part_adverbs", "affirmed_frames", "held_frames"):
            assert all(isinstance(x, str) and x for x in entry.get(key, [])), (mid, key)
    vocab = load_measures()
    assert {m.id for m in vocab.measures} == set(raw["measure"])
    assert raw["ordinal"]["stems"] and all(isinstance(v, int) and v > 0 for v in raw["ordinal"]["stems"].values())


def test_frames_share_named_parts() -> None:
    parts = _frame_parts({"det": "(?:der\\s+){0,3}", "cause": ["flut", "sturms?"]})
    assert _expand(["vor {det}{cause}"], parts) == ["vor (?:der\\s+){0,3}(?:flut|sturms?)"]
    # must not fire: a quantifier or a name no part has stays as it is
    assert _expand(["a{1,80}", "{other}"], parts) == ["a{1,80}", "{other}"]
    # every placeholder of the shipped frames names a part
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    shipped = _frame_parts(raw["frame_parts"])
    for entry in raw["measure"].values():
        for frame in _expand([*entry.get("frames", []), *entry.get("affirmed_frames", []), *entry.get("held_frames", [])], shipped):
            assert not re.search(r"\{[a-z_]+\}", frame), frame


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        ("Tote", "", "dead"),
        ("Hochwassertote", "", "dead"),
        ("Schwerverletzte", "", "severely_injured"),
        ("Verletzten", "", "injured"),
        ("Teilnehmer:innen", "", "participants"),
        ("Menschen", "20 Menschen kamen ums Leben", "dead"),
        ("Menschen", "Bis zu 300 Menschen würden noch vermisst", "missing"),
        ("Menschen", "Ein Lastwagen hat mindestens 12 Menschen zum Teil schwer verletzt", "injured"),
        ("Menschen", "12 Menschen wurden schwer verletzt", "severely_injured"),
        ("Teilnehmern", "Die Polizei hatte mit 5.000 Teilnehmern gerechnet", "expected"),
        ("Menschen", "In der Halle saßen 300 Menschen", "people"),
        ("Mitarbeiter", "An der Arbeitsniederlegung im Hafen beteiligten sich 2.400 Mitarbeiter", "participants"),
        ("Beschäftigte", "Das Klinikum hat 2.400 Beschäftigte", "employees"),
        ("Beschäftigte", "Die Gewerkschaft hatte mit 2.400 streikenden Beschäftigten beim Streik gerechnet", "expected"),
        ("Kisten", "", "count:kiste"),
        # a casualty frame names what a count of any people noun measures; a frame after the figure binds first
        ("Bergsteiger", "Am Hang kamen drei Bergsteiger ums Leben", "dead"),
        ("Soldaten", "Bei dem Angriff wurden 14 Soldaten getötet", "dead"),
        ("Polizisten", "ein Demonstrant getötet und 12 Polizisten verletzt", "injured"),
        ("Polizisten", "Rund 500 Polizisten sicherten die Demonstration", "rescue_workers"),  # no casualty frame
        ("Soldaten", "Die Armee schickte 400 Soldaten in die betroffene Region", "soldiers"),
        ("Kisten", "Das Lager brannte ab, 40 Kisten wurden dabei beschädigt", "count:kiste"),  # no frame of the vocabulary
        ("Menschen", "Der Fahrer fuhr in die Menge, wo er acht Menschen verletzte", "injured"),  # active voice
        ("Zeugen", "Die Verletzte und zwei von acht Zeugen sagten aus", "count:zeuge"),  # the noun "Verletzte" is no frame
        ("Personen", "Die Polizei nahm 16 Personen fest", "arrested"),
        ("Wanderer", "Zwei Wanderer erlagen im Krankenhaus ihren Verletzungen", "dead"),
        # a suspect is no arrest unless the clause says so
        ("Verdächtige", "Acht Verdächtige sind auf der Flucht", "suspects"),
        ("Verdächtige", "Fünf Verdächtige wurden festgenommen", "arrested"),
        ("Personen", "Von neun festgenommenen Personen kamen fünf frei", "arrested"),
        # the tolls of one disaster stay apart: dead, trapped, homeless, evacuated
        ("Menschen", "Mehr als 300 Menschen sind noch verschüttet", "trapped"),
        ("Obdachlose", "", "homeless"),
        ("Menschen", "Rund 4000 Menschen mussten evakuiert werden", "evacuated"),
        ("Menschen", "Der Täter soll zehn Menschen ermordet haben", "dead"),
        # a "-stellen" place is no job: "Haltestellen"
        ("Haltestellen", "", "facilities"),
        ("Staatsstellen", "", "jobs"),
        ("Lehrerstellen", "", "jobs"),
        # gatherings; a casualty frame after the figure still wins
        ("Menschen", "In Bonn waren 9000 Menschen auf den Beinen", "participants"),
        ("Menschen", "Allein in Bonn kamen 9000 Menschen zu den Kundgebungen", "participants"),
        ("Menschen", "Bei der Kundgebung wurden 12 Menschen verletzt", "injured"),
        # a separable verb around the figure; its particle must close the clause
        ("Menschen", "In Bonn nahmen 9.000 Menschen teil", "participants"),
        ("Menschen", "In Bonn nahmen 9.000 Menschen Teil an der Debatte", "people"),
        # in danger of their lives: the badly hurt; out of danger: no such count
        ("Menschen", "Drei Menschen schweben nach Angaben der Klinik in Lebensgefahr", "severely_injured"),
        ("Menschen", "Die drei Menschen schweben nicht mehr in Lebensgefahr", "people"),
        # a negation anywhere in the clause denies it; one in another clause does not
        ("Menschen", "Drei Menschen befinden sich nicht länger in Lebensgefahr", "people"),
        ("Menschen", "Nach Angaben der Ärzte sind keine der vier Menschen in Lebensgefahr", "people"),
        ("Menschen", "Die Klinik konnte nicht sagen, ob die zwei Menschen in Lebensgefahr sind", "severely_injured"),
        # farm and goods vehicles are vehicles; "Schlepper" may be smugglers, so it is none
        ("Traktoren", "Mehr als 2.000 Traktoren rollten durch die Stadt", "vehicles"),
        ("Lastwagen", "Die Polizei zählte 400 Lastwagen", "vehicles"),
        ("Treckern", "Die Landwirte kamen mit 50 Treckern", "vehicles"),
        # a bus compound is a vehicle; a bare "Bussen" may be Swiss fines, keyed as written (not as the buses' "bus")
        ("Linienbusse", "Die Verkehrsbetriebe setzten 40 Linienbusse ein", "vehicles"),
        ("Bussen", "Die Stadtpolizei verteilte am Wochenende 300 Bussen", "count:bussen"),
    ],
)
def test_counts(unit: str, clause: str, measure: str) -> None:
    at = clause.find(next((w for w in clause.split() if w[:1].isdigit()), "")) if clause else None
    assert load_measures().classify(unit=unit, unit_kind="count", clause=clause, sentence=clause, at=at) == measure


def test_percentages_need_their_context() -> None:
    vocab = load_measures()
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Wahlbeteiligung lag bei 76 Prozent", sentence="") == "turnout"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="", sentence="Nach der Hochrechnung liegt sie bei 31 Prozent") == "vote_share"
    # "lag bei" alone is no election: an inflation rate is the rate its noun names
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Inflation lag bei 2,5 Prozent",
                          sentence="Die Inflation lag bei 2,5 Prozent") == "rate:inflation"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Arbeitslosenquote stieg auf 6,1 Prozent",
                          sentence="") == "rate:arbeitslosenquote"
    # a bare "Quote" or "Anteil" does not say of what; an unrelated word ending in a rate tail is no rate noun
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Quote lag bei 40 Prozent", sentence="") == "percent"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Der Anteil lag bei 40 Prozent", sentence="") == "percent"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Emirate steigerten die Förderung um 5 Prozent",
                          sentence="") == "percent"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Der Marktanteil stieg auf 14 Prozent",
                          sentence="") == "rate:marktanteil"
    assert vocab.label("rate:arbeitslosenquote") == "arbeitslosenquote"
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="", sentence="Nach dem vorläufigen Endergebnis kam sie auf 31 Prozent") == "vote_share"
    # survey results and forecasts of other things are no vote shares by their words alone
    for sentence in ("Weiteres Ergebnis: 60 Prozent der Befragten schreiben lieber am Computer",
                     "Bis zum Ende des Prognose-Zeitraums steigen die Ausgaben um 5,6 Prozent",
                     "Laut einer Umfrage essen 40 Prozent der Schüler kein Frühstück"):
        assert vocab.classify(unit="Prozent", unit_kind="percent", clause="", sentence=sentence) == "percent"
    assert vocab.classify(unit="Euro", unit_kind="currency", clause="", sentence="") == "money"
    assert vocab.classify(unit="Stärke", unit_kind="measure", clause="", sentence="") == "magnitude"


def test_amount_words_are_money_and_other_nouns_name_themselves() -> None:
    vocab = load_measures()
    assert vocab.classify(unit=None, unit_kind="amount", clause="Hilfen in Milliardenhöhe", sentence="") == "money"
    assert vocab.label("count:kiste") == "kiste" and vocab.label("dead") == "dead" and vocab.label("expected") == "expected participants"


def test_a_noun_outside_the_vocabulary_takes_a_casualty_frame_only_after_it() -> None:
    vocab = load_measures()
    clause = "Sie sollen zehn Menschen ermordet und zwei Anschläge verübt haben"
    assert vocab.classify(unit="Anschläge", unit_kind="count", clause=clause, sentence=clause, at=clause.index("zwei")) == "count:anschlag"
    clause = "Am Hang kamen drei Bergsteiger ums Leben"
    assert vocab.classify(unit="Bergsteiger", unit_kind="count", clause=clause, sentence=clause, at=clause.index("drei")) == "dead"
    clause = "Getötet wurden bei dem Angriff drei Soldaten"  # a noun that says who is counted takes a frame before it
    assert vocab.classify(unit="Soldaten", unit_kind="count", clause=clause, sentence=clause, at=clause.index("drei")) == "dead"


def test_a_qualified_measure_is_labelled_by_its_qualifier() -> None:
    vocab = load_measures()
    assert vocab.label("dead:identified") == "identified dead"
    assert vocab.label("injured:part") == "part of the injured"
    assert vocab.label("dead") == "dead"


@pytest.mark.parametrize(
    ("clause", "key"),
    [
        ("Die Inflation lag im März bei 2,2 Prozent", "rate:inflation"),
        ("Die Inflationsrate lag im März bei 2,2 Prozent", "rate:inflation"),
        ("Die Teuerungsrate sank auf 2,2 Prozent", "rate:inflation"),
        ("Die Arbeitslosigkeit stieg auf 6,3 Prozent", "rate:arbeitslosenquote"),
        ("Die Arbeitslosenquote stieg auf 6,3 Prozent", "rate:arbeitslosenquote"),
    ],
)
def test_synonymous_rate_nouns_share_one_key(clause: str, key: str) -> None:
    vocab = load_measures()
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause=clause, sentence=clause) == key


@pytest.mark.parametrize(
    ("clause", "key"),
    [
        # narrower rates, or one counted another way, are other quantities: no synonym of the broad one
        ("Die Jugendarbeitslosenquote stieg auf 14,1 Prozent", "rate:jugendarbeitslosenquote"),
        ("Die Erwerbslosenquote lag bei 3,4 Prozent", "rate:erwerbslosenquote"),
        ("Die Kerninflation lag bei 2,7 Prozent", "percent"),
        ("Die Sparquote lag bei 11 Prozent", "rate:sparquote"),
    ],
)
def test_rate_synonyms_do_not_swallow_other_rates(clause: str, key: str) -> None:
    vocab = load_measures()
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause=clause, sentence=clause) == key


def test_rate_synonyms_are_data(tmp_path: pathlib.Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    start = text.index("same = [\n  [\"Inflation\"")
    end = text.index("\n]\n", start) + 3
    custom = tmp_path / "measures.toml"
    custom.write_text(text[:start] + text[end:], encoding="utf-8")  # without the synonym sets
    vocab = load_measures(str(custom))
    assert vocab.classify(unit="Prozent", unit_kind="percent", clause="Die Inflationsrate lag bei 2 Prozent",
                          sentence="") == "rate:inflationsrate"


@pytest.mark.parametrize(
    ("unit", "clause", "measure"),
    [
        ("Monaten", "Er war zu 22 Monaten Haft verurteilt worden", "sentence_months"),
        ("Jahren", "Das Gericht verhängte eine Haftstrafe von drei Jahren", "sentence_years"),
        # a duration without a penalty in its clause is known by its unit only
        ("Jahren", "Der Bau dauerte drei Jahren", "unit:jahr"),
        ("Stunden", "Er saß zwei Stunden in Haft", "unit:stunde"),
    ],
)
def test_a_prison_sentence_has_a_measure_per_unit(unit: str, clause: str, measure: str) -> None:
    assert load_measures().classify(unit=unit, unit_kind="measure", clause=clause, sentence=clause) == measure
