"""The central happening of a story as one event across outlets: a flood told as storm or flood, a car driven into
people told in several verbs; a storm of another week, or a drive into no people, stays apart."""

from __future__ import annotations

import pytest
from compare_helpers import make_doc, run_events, run_timeline

from lagebild.compare.events import _places_meet
from lagebild.events.label import sentence_label
from lagebild.events.lexicon import load_lexicon, same_happening
from lagebild.model import Span

PLACES = [("Talheim", "LOC", "Talheim"), ("Bergdorf", "LOC", "Bergdorf")]


def test_a_storm_and_the_flood_it_brought_are_one_happening() -> None:
    docs = [
        run_events(make_doc("a", "Nach schweren Unwettern sind in Talheim mindestens zwölf Menschen gestorben.", published="2023-06-05",
                            entities=PLACES)),
        run_events(make_doc("b", "Das Hochwasser hat in Talheim ganze Straßenzüge zerstört.", published="2023-06-05", entities=PLACES)),
        run_events(make_doc("c", "Die Flut in Talheim kam in der Nacht, sagte der Bürgermeister.", published="2023-06-06", entities=PLACES)),
    ]
    result = run_timeline(docs)
    (flood,) = [e for e in result.events if e["type"] in ("flood", "storm")]
    assert flood["type"] == "flood" and flood["sources"] == ["a", "b", "c"]


def test_a_storm_of_another_month_stays_apart_from_the_flood() -> None:
    docs = [
        run_events(make_doc("a", "Das Hochwasser hat in Talheim ganze Straßenzüge zerstört.", published="2023-06-05", entities=PLACES)),
        run_events(make_doc("b", "Ein Unwetter hat in Talheim Dächer abgedeckt.", published="2023-08-20", entities=PLACES)),
    ]
    result = run_timeline(docs)
    assert sorted((e["type"], tuple(e["sources"])) for e in result.events if e["type"] in ("flood", "storm")) == [
        ("flood", ("a",)), ("storm", ("b",))]


def test_only_happenings_name_another_class_s_happening() -> None:
    assert same_happening(load_lexicon()) == {"storm": "flood", "kill": "die"}


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("In der Innenstadt ist ein Mann mit einem Auto in eine Gruppe von Demonstranten gefahren.", True),
        ("Autofahrer fährt in Menschengruppe - mindestens 28 Verletzte", True),
        ("Der Täter lenkte seinen Wagen gezielt in eine Kundgebung der Gewerkschaft.", True),
        ("Ein 30-Jähriger fuhr am Morgen in eine Demo für Klimaschutz.", True),  # a gathering needs no vehicle word
        ("Die Familie ist am Sonntag mit dem Auto in eine Veranstaltung gefahren.", True),
        ("Die Familie ist am Sonntag in eine Veranstaltung gefahren.", False),  # an event, no vehicle: she went there
        ("Der 41-Jährige war am Abend in eine Gruppe von Fußgängern gefahren.", True),  # people need no vehicle
        ("Wir sind am Samstag in den Supermarkt gefahren.", False),  # places, not people
        ("Am Wochenende sind viele Familien in den Baumarkt gefahren.", False),
        ("Die Mannschaft ist nach dem Sieg in die Fanmeile gefahren.", False),
        ("Die Schüler sind mit dem Bus in eine Demo gefahren.", False),  # a trip to a demonstration
        ("Der Fahrer ist mit dem Bus in eine Menschenmenge gefahren.", True),  # ... but into people
        ("Wir sind mit dem Auto in die Fußgängerzone gefahren.", False),
        ("Die Schüler sind mit dem Bus in einer Besuchergruppe nach Berlin gefahren.", False),  # where, not whither
        ("Der Täter raste mit seinem Wagen in eine Menschenmenge.", True),
        ("Ein Auto rast in Menschenmenge vor dem Bahnhof.", True),
        ("Ich fuhr mit dem Zug in die Stadt.", False),
        ("Der Mann fuhr in den Urlaub, sagte die Polizei.", False),
        ("Die Fans fuhren in die Fanmeile, um die Kundgebung zu sehen.", False),
        ("Die Familie ist am Wochenende in die Berge gefahren.", False),
        ("Der Bus ist nach dem Unfall in eine Gruppe von Bäumen gefahren.", False),
        ("Der Konzern steuerte im vergangenen Jahr in eine tiefe Krise.", False),
    ],
)
def test_a_vehicle_driven_into_people_is_an_attack(sentence: str, fires: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    assert ("attack" in {a.label for a in doc.of_kind("event")}) is fires


def test_a_hyphenated_strike_compound_is_a_strike() -> None:
    doc = run_events(make_doc("x", "Der Warn-Streik war in neun Städten."))
    assert "strike" in {a.label for a in doc.of_kind("event")}
    other = run_events(make_doc("y", "Die Warn-Leuchte blinkte in neun Städten."))
    assert "strike" not in {a.label for a in other.of_kind("event")}


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Auslöser der Protestwelle war eine „Recherche“ über ein Treffen.", "Protestwelle",
         "Auslöser der Protestwelle war eine „Recherche“ über ein Treffen"),
        ("Die Polizei sprach von einem „friedlichen Verlauf“ der Demonstration.", "Demonstration",
         "Die Polizei sprach von einem „friedlichen Verlauf“ der Demonstration"),
        ("„Wir sind entsetzt“, sagte der Sprecher nach dem Anschlag.", "Anschlag", "Der Sprecher sagte nach dem Anschlag"),
    ],
)
def test_a_quoted_name_ends_no_label(text: str, word: str, label: str) -> None:
    i = text.index(word)
    assert sentence_label(text, Span(0, len(text)), Span(i, i + len(word))) == label


def test_a_storm_the_text_dates_only_to_a_month_stays_apart_from_the_flood() -> None:
    docs = [
        run_events(make_doc("a", "Das Hochwasser hat in Talheim ganze Straßenzüge zerstört.", published="2023-05-17", entities=PLACES)),
        run_events(make_doc("b", "Die Flut in Talheim kam in der Nacht. Bereits Anfang Mai waren bei einem Unwetter in Talheim zwei Menschen "
                                 "ums Leben gekommen.", published="2023-05-18", entities=PLACES,
                            timexes=[("Anfang Mai", "2023-05", "month")])),
    ]
    result = run_timeline(docs)
    kinds = sorted((e["type"], tuple(e["sources"])) for e in result.events if e["type"] in ("flood", "storm"))
    assert kinds == [("flood", ("a", "b")), ("storm", ("b",))]


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Die Entlassung der Ministerin beendete die Koalition.", "government_crisis", True),
        ("Nach dem Bruch der Koalition stellte der Kanzler die Vertrauensfrage.", "government_crisis", True),
        ("Die Partei hat das Regierungsbündnis am Abend aufgekündigt.", "government_crisis", True),
        ("Die Koalition beendete ihre Klausur am Abend.", "government_crisis", False),
        ("Die Koalition hat die Debatte beendet.", "government_crisis", False),
        ("Gegen Ende der Regierung stieg die Arbeitslosigkeit.", "government_crisis", False),
        ("Der Vermieter hat den Vertrag aufgekündigt.", "government_crisis", False),
    ],
)
def test_a_coalition_ended(sentence: str, cls: str, fires: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    factual = {a.label for a in doc.of_kind("event") if a.data.get("modality") in ("asserted", "reported") and not a.data.get("negated")}
    assert (cls in factual) is fires, factual


def test_a_happening_that_kills_demands_nothing() -> None:
    doc = run_events(make_doc("x", "Der Großbrand hat nach neuen Angaben zwölf Todesopfer gefordert."))
    assert {(a.label, a.data.get("modality")) for a in doc.of_kind("event")} >= {("fire", "asserted"), ("die", "asserted")}
    demanded = run_events(make_doc("y", "Die Opposition fordert den Rücktritt des Ministers."))  # another text: a demand
    assert [a.data.get("modality") for a in demanded.of_kind("event") if a.label == "resign"] == ["intended"]


def test_an_intention_with_its_day_is_a_plan() -> None:
    doc = run_events(make_doc("x", "Der Kanzler will am 16. Dezember die Vertrauensfrage stellen.",
                              timexes=[("am 16. Dezember", "2023-12-16", "day")]))
    assert [a.data.get("modality") for a in doc.of_kind("event") if a.label == "election"] == ["planned"]
    undated = run_events(make_doc("y", "Der Kanzler will die Vertrauensfrage stellen."))  # no day: only an intention
    assert [a.data.get("modality") for a in undated.of_kind("event") if a.label == "election"] == ["intended"]


def test_a_planned_vote_merges_with_its_report() -> None:
    docs = [
        run_events(make_doc("a", "Der Kanzler will am 16. Dezember die Vertrauensfrage stellen.", published="2023-11-08",
                            timexes=[("am 16. Dezember", "2023-12-16", "day")])),
        run_events(make_doc("b", "Der Kanzler verlor am Montag im Bundestag die Vertrauensfrage.", published="2023-12-17",
                            timexes=[("am Montag", "2023-12-16", "day")])),
    ]
    (vote,) = [e for e in run_timeline(docs).events if e["type"] == "election"]
    assert vote["sources"] == ["b"] and vote["announced_by"] == ["a"] and vote["date"]["value"] == "2023-12-16"


def test_a_happening_named_after_nach_is_not_dated_by_a_later_report() -> None:
    docs = [
        run_events(make_doc("a", "Ein Mann ist in Talheim mit einem Auto in eine Menschenmenge gefahren.", published="2023-03-04",
                            entities=PLACES)),
        run_events(make_doc("b", "Nach dem Anschlag in Talheim hat die Staatsanwaltschaft Anklage erhoben.", published="2023-06-20",
                            entities=PLACES)),
    ]
    (attack,) = [e for e in run_timeline(docs).events if e["type"] == "attack"]
    assert attack["sources"] == ["a", "b"] and attack["date"]["value"] == "2023-03-04"
    alone = [run_events(make_doc("c", "Der Anschlag in Talheim erschütterte die Stadt.", published="2023-06-20", entities=PLACES))]
    (told,) = [e for e in run_timeline(alone).events if e["type"] == "attack"]  # told in its own clause: dated by the report
    assert told["date"]["value"] == "2023-06-20"


def test_the_arrest_and_the_deaths_are_one_event_each_across_outlets() -> None:
    docs = [
        run_events(make_doc("a", "Ein Mann ist in Talheim mit einem Auto in eine Menschenmenge gefahren. Dabei wurden zwei Menschen "
                                 "getötet. Die Polizei nahm den Fahrer fest.", published="2023-03-04", entities=PLACES)),
        run_events(make_doc("b", "Bei der Amokfahrt in Talheim sind zwei Menschen ums Leben gekommen. Der mutmaßliche Täter wurde "
                                 "festgenommen.", published="2023-03-04", entities=PLACES)),
    ]
    events = run_timeline(docs).events
    assert sorted((e["type"], tuple(e["sources"])) for e in events if e["type"] in ("arrest", "die", "kill", "attack")) == [
        ("arrest", ("a", "b")), ("attack", ("a", "b")), ("die", ("a", "b"))]
    (deaths,) = [e for e in events if e["type"] == "die"]
    assert not deaths["label"].lower().startswith(("wurden", "dabei"))


def test_arrests_of_other_days_stay_apart() -> None:
    docs = [
        run_events(make_doc("a", "Die Polizei nahm in Talheim am Montag den Fahrer fest.", published="2023-03-07", entities=PLACES,
                            timexes=[("am Montag", "2023-03-06", "day")])),
        run_events(make_doc("b", "In Talheim wurden am 20. März zwei Helfer festgenommen.", published="2023-03-21", entities=PLACES,
                            timexes=[("am 20. März", "2023-03-20", "day")])),
    ]
    assert sorted(tuple(e["sources"]) for e in run_timeline(docs).events if e["type"] == "arrest") == [("a",), ("b",)]


@pytest.mark.parametrize(
    ("text", "word", "agent", "label"),
    [
        ("Er und drei andere hatten in der Landespartei gegen den Pakt gestimmt.", "gestimmt", None,
         "Drei andere hatten in der Landespartei gegen den Pakt gestimmt"),
        ("Er und drei andere hatten in der Landespartei gegen den Pakt gestimmt.", "gestimmt", "Karl Beispiel",
         "Karl Beispiel und drei andere hatten in der Landespartei gegen den Pakt gestimmt"),
        ("Sie lehnen diese Pläne entschieden ab, sagte der Sprecher.", "lehnen", None, "Lehnen diese Pläne entschieden ab"),
    ],
)
def test_a_dropped_pronoun_takes_no_conjunction_or_article_with_it(text: str, word: str, agent: str | None, label: str) -> None:
    i = text.index(word)
    assert sentence_label(text, Span(0, len(text)), Span(i, i + len(word)), agent).startswith(label)


def test_a_tagged_quote_opening_is_no_agent_of_the_label() -> None:
    misread = [("Wir haben", "PER", "Wir haben")]  # a tagger's "name" from the opening of a quote
    doc = run_events(make_doc("a", "Wir haben den Vertrag am Freitag unterzeichnet.", published="2023-03-04", entities=misread))
    (event,) = [e for e in run_timeline([doc]).events if e["type"] == "sign"]
    assert event["label"] == "Haben den Vertrag am Freitag unterzeichnet"  # the pronoun dropped, as with no name
    named = [("Anna Muster", "PER", "Anna Muster")]
    other = run_events(make_doc("b", "Anna Muster hat den Vertrag am Freitag unterzeichnet.", published="2023-03-04", entities=named))
    (kept,) = [e for e in run_timeline([other]).events if e["type"] == "sign"]
    assert kept["label"] == "Anna Muster hat den Vertrag am Freitag unterzeichnet"


def test_a_tie_of_storm_and_flood_words_is_a_flood() -> None:
    docs = [run_events(make_doc("a", "Sintflutartige Regenfälle führten in Talheim zu Überflutungen.", published="2023-06-05",
                                entities=PLACES))]
    assert [e["type"] for e in run_timeline(docs).events if e["type"] in ("flood", "storm")] == ["flood"]
    storm = [run_events(make_doc("b", "Ein Unwetter hat in Talheim Dächer abgedeckt.", published="2023-06-05", entities=PLACES))]
    assert [e["type"] for e in run_timeline(storm).events if e["type"] in ("flood", "storm")] == ["storm"]  # no flood told


def test_one_place_spelled_or_resolved_apart_holds_one_happening() -> None:
    docs = [
        run_events(make_doc("a", "In München ist ein Auto in eine Menschenmenge gefahren.", published="2023-03-04",
                            entities=[("München", "LOC", "München")])),
        run_events(make_doc("b", "In Muenchen ist ein Wagen in eine Kundgebung gefahren.", published="2023-03-04",
                            entities=[("Muenchen", "LOC", "Muenchen")])),
        run_events(make_doc("c", "In der Münchner Innenstadt raste ein Auto in eine Menschenmenge.", published="2023-03-04",
                            entities=[("Münchner", "LOC", "Münchner")])),
        run_events(make_doc("d", "In Hamburg ist ein Auto in eine Menschenmenge gefahren.", published="2023-03-04",
                            entities=[("Hamburg", "LOC", "Hamburg")])),
        run_events(make_doc("e", "In Neuss ist ein Auto in eine Menschenmenge gefahren.", published="2023-03-04",
                            entities=[("Neuss", "LOC", "Neuss")])),
        run_events(make_doc("f", "In Neustadt ist ein Auto in eine Menschenmenge gefahren.", published="2023-03-04",
                            entities=[("Neustadt", "LOC", "Neustadt")])),
    ]
    attacks = sorted(tuple(e["sources"]) for e in run_timeline(docs).events if e["type"] == "attack")
    assert attacks == [("a", "b", "c"), ("d",), ("e",), ("f",)]


@pytest.mark.parametrize(
    ("mine", "theirs", "meet"),
    [
        ("loc:muenchen", "name:munchen", True),  # a resolved id and a name key
        ("name:münchner", "loc:muenchen", True),  # the adjective of the place
        ("loc:wien", "name:wiener", True),
        ("loc:dresden", "name:dresdner", True),
        ("loc:muenchen", "name:munchn", True),  # the adjective as a normaliser cut its "-er"
        ("loc:bremen", "name:bremn", True),
        ("loc:Neuss", "name:neuß", True),
        ("loc:sachsen", "loc:sachsen-anhalt", False),  # a name opening another across a hyphen
        ("loc:wien", "name:wiener neustadt", False),  # ... or a space
        ("loc:baden", "loc:baden-wuerttemberg", False),
        ("loc:frankfurt", "name:frankfurt (oder)", False),
        ("loc:berlin", "name:berlingen", False),  # a shared start
        ("loc:halle", "name:hallein", False),
        ("loc:essen", "name:essenbach", False),
        ("loc:neuenburg", "name:neunburg", False),  # a diphthong is no umlaut written out
    ],
)
def test_places_meet_only_as_one_word_spelled_apart(mine: str, theirs: str, meet: bool) -> None:
    assert _places_meet({mine}, {theirs}) is meet
    assert _places_meet({theirs}, {mine}) is meet


def test_floods_in_two_neighbouring_lands_stay_apart() -> None:
    docs = [
        run_events(make_doc("a", "Das Hochwasser hat in Sachsen ganze Straßenzüge zerstört.", published="2023-06-05",
                            entities=[("Sachsen", "LOC", "Sachsen")])),
        run_events(make_doc("b", "Das Hochwasser hat in Sachsen-Anhalt ganze Straßenzüge zerstört.", published="2023-06-05",
                            entities=[("Sachsen-Anhalt", "LOC", "Sachsen-Anhalt")])),
        run_events(make_doc("c", "Die Flut in Sachsen kam in der Nacht, sagte der Bürgermeister.", published="2023-06-05",
                            entities=[("Sachsen", "LOC", "Sachsen")])),
    ]
    floods = sorted(tuple(e["sources"]) for e in run_timeline(docs).events if e["type"] == "flood")
    assert floods == [("a", "c"), ("b",)]
