"""Happenings (floods, attacks, strikes) merged across outlets by story, place and date; not across places or days."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.events import EventMerger

ENTS = [("Leipzig", "LOC", "Leipzig"), ("Dresden", "LOC", "Dresden"), ("Anna Muster", "PER", "Anna Muster")]


def test_one_strike_told_by_three_outlets_in_their_own_words() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig streikten am Montag Tausende Beschäftigte.", published="2023-03-07", entities=ENTS,
                            timexes=[("am Montag", "2023-03-06", "day")])),
        run_events(make_doc("b", "Der Warnstreik in Leipzig legte den Nahverkehr lahm.", published="2023-03-06", entities=ENTS)),
        run_events(make_doc("c", "Anna Muster sprach am Rande des Streiks in Leipzig von einem Erfolg.", published="2023-03-07", entities=ENTS)),
    ]
    result = run_timeline(docs)
    (strike,) = [e for e in result.events if e["type"] == "strike"]
    assert strike["sources"] == ["a", "b", "c"]
    assert strike["date"]["value"] == "2023-03-06" and strike["date"]["basis"] == "text"
    assert strike["label"].startswith("In Leipzig streikten")


def test_protests_in_two_cities_or_on_two_days_stay_apart() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten am Samstag 20.000 Menschen.", published="2024-02-04", entities=ENTS,
                            timexes=[("am Samstag", "2024-02-03", "day")])),
        run_events(make_doc("b", "In Dresden demonstrierten am Samstag 5.000 Menschen.", published="2024-02-04", entities=ENTS,
                            timexes=[("am Samstag", "2024-02-03", "day")])),
        run_events(make_doc("c", "In Leipzig demonstrierten am 10. Februar erneut viele Menschen.", published="2024-02-11", entities=ENTS,
                            timexes=[("am 10. Februar", "2024-02-10", "day")])),
    ]
    result = run_timeline(docs)
    protests = sorted(tuple(e["sources"]) for e in result.events if e["type"] == "protest")
    assert protests == [("a",), ("b",), ("c",)]


def test_undated_happening_is_listed_apart_on_the_timeline() -> None:
    docs = [run_events(make_doc("a", "Das Hochwasser zerstörte die Brücke.", entities=ENTS))]
    result = run_timeline(docs)
    (item,) = [t for t in result.timeline if t["type"] == "flood"]
    assert item["undated"] is True and result.timeline[-1]["undated"] is True


def test_accuser_and_accused_are_not_merged() -> None:
    ents = [("Anna Muster", "PER", "Anna Muster"), ("Nordbank", "ORG", "Nordbank")]
    docs = [
        run_events(make_doc("a", "Anna Muster beschuldigte die Nordbank des Betrugs.", published="2024-03-02", entities=ents)),
        run_events(make_doc("b", "Die Nordbank beschuldigte Anna Muster des Betrugs.", published="2024-03-02", entities=ents)),
        run_events(make_doc("c", "Anna Muster beschuldigte am Samstag die Nordbank des Betrugs.", published="2024-03-03", entities=ents)),
    ]
    result = run_timeline(docs)
    accusations = sorted(tuple(e["sources"]) for e in result.events if e["type"] == "accuse")
    assert accusations == [("a", "c"), ("b",)]  # the same accuser merged across outlets; the counter-accusation stays apart


def test_undated_happening_is_dated_by_its_first_dated_report() -> None:
    """No sentence dates the deaths: the first article reporting them (published 3 May) says when at the
    latest they happened; a later report and an inferred date between the two do not move it."""
    docs = [
        run_events(make_doc("a", "In Leipzig sind zwei Verletzte gestorben.", published="2023-05-03", entities=ENTS)),
        run_events(make_doc("b", "Zwei Verletzte sind in Leipzig gestorben, teilte die Polizei mit.", published="2023-05-05", entities=ENTS)),
        run_events(make_doc("c", "In Leipzig starben zwei Verletzte im Krankenhaus.", entities=ENTS)),
    ]
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.stories = [{"id": "s", "members": [{"doc": d.id} for d in docs]}]
    ctx.result.inferred_dates = {"c": {"value": "2023-05-04", "precision": "day", "kind": "inferred", "inferred": True}}
    EventMerger()(ctx)
    (death,) = [e for e in ctx.result.events if e["type"] == "die"]
    assert death["sources"] == ["a", "b", "c"]
    assert death["date"]["value"] == "2023-05-03" and death["date"]["basis"] == "publication"


def test_a_year_in_the_text_does_not_hold_a_dated_happening_open_for_other_weeks() -> None:
    """The final result (dated to its day) and "die Wahl 2025" in one cluster: a report of the election
    night three weeks earlier is another event, while a report of the day after the result joins it."""
    docs = [
        run_events(make_doc("a", "Seit heute steht das amtliche Endergebnis der Wahl fest.", published="2025-03-14",
                            timexes=[("Seit heute", "2025-03-14", "day")])),
        run_events(make_doc("b", "Die Wahl 2025 brachte ein klares Ergebnis.", published="2025-03-14",
                            timexes=[("2025", "2025", "year")])),
        run_events(make_doc("c", "Nach dem vorläufigen Ergebnis ist die Partei an der Hürde gescheitert.", published="2025-02-24")),
        run_events(make_doc("d", "Das amtliche Endergebnis der Wahl liegt vor.", published="2025-03-15")),
    ]
    result = run_timeline(docs)
    groups = sorted(tuple(e["sources"]) for e in result.events if e["type"] == "result")
    assert ("a", "b", "d") in groups and ("c",) in groups
