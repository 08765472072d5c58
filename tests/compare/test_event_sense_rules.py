"""Words of an event class used in another sense: each rule keeps the other sense out and the class in.

Sentences are made up for the tests, one story kind for the rule's reason and another where it must still fire.
"""

from __future__ import annotations

import pytest
from compare_helpers import make_doc, run_events

FACTUAL = ("asserted", "reported")


def _factual(sentence: str) -> set[str]:
    doc = run_events(make_doc("x", sentence))
    return {str(a.label) for a in doc.of_kind("event") if a.data.get("modality") in FACTUAL and not a.data.get("negated")}


@pytest.mark.parametrize(
    ("sentence", "cls"),
    [
        # a national team ("Auswahl") is no election
        ("Die DFB-Auswahl siegte in Wembley mit 2:0.", "result"),
        ("Die Auswahl der Schweiz verlor das Finale.", "result"),
        # a curfew with fines threatened, sanctions, a town's parking fine: no court's verdict
        ("Nach dem Erdbeben wurde über die Region eine Ausgangssperre verhängt, bei Verstößen drohen Strafen.", "verdict"),
        ("Die EU hat Sanktionen verhängt, Strafen für Verstöße inklusive.", "verdict"),
        ("Die Stadt hat ein Bußgeld für Falschparker verhängt.", "verdict"),
        # a politician's condemnation with a reason after "wegen"
        ("Der Kanzler verurteilte den Anschlag wegen seiner Brutalität.", "verdict"),
        ("Die Opposition verurteilte die Reform wegen der hohen Kosten.", "verdict"),
        # a killing asked for in a law's debate, or remembered
        ("Der Bundestag debattierte über die Tötung auf Verlangen.", "kill"),
        ("Die Ermordung der Juden jährt sich zum 80. Mal.", "kill"),
        ("Beim Gedenken an die Ermordung des Präsidenten sprach der Bürgermeister.", "kill"),
        # prices that explode, a count of accidents over a year
        ("Die Explosionen der Preise beunruhigen die Verbraucher.", "fire"),
        ("Die Zahl der Verkehrsunfällen sank.", "accident"),
        ("Die Zahl der tödlichen Verkehrsunfälle ging im vergangenen Jahr zurück.", "accident"),
    ],
)
def test_another_sense_is_no_event(sentence: str, cls: str) -> None:
    assert cls not in _factual(sentence)


@pytest.mark.parametrize(
    ("sentence", "cls"),
    [
        ("Bei der Wahl siegte die Partei des Präsidenten mit 40 Prozent.", "result"),
        ("Das Gericht hat eine Geldbuße gegen den Konzern verhängt.", "verdict"),
        ("Der Richter hat eine Haftstrafe von drei Jahren verhängt.", "verdict"),
        ("Der Angeklagte wurde wegen versuchten Mordes verurteilt.", "verdict"),
        ("Die Politikerin wurde wegen Steuerhinterziehung verurteilt.", "verdict"),
        ("Das Landgericht verurteilte den Mann wegen seiner Taten zu vier Jahren Haft.", "verdict"),
        ("Die Ermordung des Journalisten löste Proteste aus.", "kill"),
        ("Bei einer Explosion in der Fabrik wurden drei Arbeiter verletzt.", "fire"),
        ("Bei einem Verkehrsunfall auf der A9 starb ein Mann.", "accident"),
    ],
)
def test_the_class_still_fires(sentence: str, cls: str) -> None:
    assert cls in _factual(sentence)


@pytest.mark.parametrize(
    ("sentence", "agent"),
    [
        # a time adverb opening the clause is no subject
        ("Nachts brannte eine Lagerhalle in Leipzig.", None),
        ("Abends demonstrierten Tausende vor dem Rathaus.", None),
        # a noun phrase before the verb still is
        ("Die Feuerwehr evakuierte nachts das Haus.", "Die Feuerwehr"),
    ],
)
def test_a_time_adverb_is_no_agent(sentence: str, agent: str | None) -> None:
    doc = run_events(make_doc("x", sentence))
    (event,) = doc.of_kind("event")
    assert event.data.get("agent_text") == agent
