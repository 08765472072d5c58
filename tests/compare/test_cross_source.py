"""Cross-source stages on hand-built corpora: stories, event merge, timeline, claim groups, inconsistencies."""

from __future__ import annotations

import pytest
from compare_helpers import make_doc, run_events

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.claim_groups import ClaimGrouper
from lagebild.compare.claim_values import value_interval
from lagebild.compare.coverage import CoverageBuilder
from lagebild.compare.events import EventMerger
from lagebild.compare.inconsistencies import InconsistencyFinder
from lagebild.compare.stories import StoryClusterer
from lagebild.compare.timeline import TimelineBuilder

ENTS = [("Ostland", "LOC", "Ostland"), ("Westland", "LOC", "Westland"), ("Anna Muster", "PER", "Anna Muster"),
        ("Bert Beispiel", "PER", "Bert Beispiel"), ("Hafenstadt", "LOC", "Hafenstadt"), ("ostländische", "LOC", "Ostland")]


def _run(docs, stages=(StoryClusterer, EventMerger, TimelineBuilder, ClaimGrouper, CoverageBuilder, InconsistencyFinder)):
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    for stage in stages:
        stage()(ctx)
    return ctx.result


def _treaty_corpus():
    a = make_doc("a", "Anna Muster und Bert Beispiel hatten den Vertrag im Juni in Hafenstadt unterzeichnet. "
                 "Nun ratifiziert Ostland den Vertrag mit Westland.",
                 published="2024-10-25", entities=ENTS, timexes=[("im Juni", "2024-06", "month")])
    b = make_doc("b", "Ostland und Westland schlossen im Juni einen Vertrag über Zusammenarbeit. "
                 "Westland hat den Vertrag ratifiziert.",
                 published="2024-11-12", entities=ENTS, timexes=[("im Juni", "2024-06", "month")])
    c = make_doc("c", "Der Vertrag, der bei einem Besuch von Anna Muster in Hafenstadt im Juni geschlossen wurde, gilt. "
                 "Das Oberhaus von Ostland ratifizierte den Vertrag am 8. November.",
                 published="2024-11-10", entities=ENTS,
                 timexes=[("im Juni", "2024-06", "month"), ("am 8. November", "2024-11-08", "day")])
    return [run_events(d) for d in (a, b, c)]


def test_same_signing_merged_across_sources_with_every_span() -> None:
    result = _run(_treaty_corpus())
    signs = [e for e in result.events if e["type"] == "sign"]
    assert len(signs) == 1
    sign = signs[0]
    assert sign["sources"] == ["a", "b", "c"] and sign["independent_sources"] == 3
    assert sign["date"]["value"] == "2024-06" and sign["date"]["granularity"] == "month"
    assert len(sign["mentions"]) == 3 and all(m["text"] for m in sign["mentions"])
    assert not sign["conflict"]


def test_ratifications_by_different_actors_or_dates_stay_apart() -> None:
    result = _run(_treaty_corpus())
    ratify = [e for e in result.events if e["type"] == "ratify"]
    by_doc = sorted(tuple(e["sources"]) for e in ratify)
    assert by_doc == [("a",), ("b",), ("c",)]  # Ostland (publication) ≠ Westland ≠ Ostland on 8 November
    dated = {e["sources"][0]: e["date"] for e in ratify}
    assert dated["c"]["value"] == "2024-11-08" and dated["c"]["basis"] == "text"
    assert dated["a"]["basis"] == "publication"


def test_timeline_in_date_order_with_sources_and_evidence() -> None:
    result = _run(_treaty_corpus())
    dates = [t["start"] for t in result.timeline if not t["undated"]]
    assert dates == sorted(dates)
    first = result.timeline[0]
    assert first["date"] == "2024-06" and first["granularity"] == "month"
    assert {e["doc"] for e in first["evidence"]} == {"a", "b", "c"}
    assert all({"doc", "start", "end", "text", "date"} <= set(e) for t in result.timeline for e in t["evidence"])


def test_date_conflict_for_the_same_event_is_side_by_side_and_reported() -> None:
    ents = [("Ostland", "LOC", "Ostland"), ("Westland", "LOC", "Westland"), ("Hafenstadt", "LOC", "Hafenstadt")]
    text = "Ostland und Westland unterzeichneten {} in Hafenstadt den Grenzvertrag über die Brücke."
    a = run_events(make_doc("a", text.format("am 3. Mai"), published="2024-06-01", entities=ents,
                            timexes=[("am 3. Mai", "2024-05-03", "day")]))
    b = run_events(make_doc("b", text.format("am 9. Mai"), published="2024-06-02", entities=ents,
                            timexes=[("am 9. Mai", "2024-05-09", "day")]))
    result = _run([a, b])
    (event,) = [e for e in result.events if e["type"] == "sign"]
    assert event["conflict"] is True
    assert {d["value"] for d in event["dates"]} == {"2024-05-03", "2024-05-09"}
    assert result.timeline[0]["conflict"] is True
    (inc,) = [i for i in result.inconsistencies if i["kind"] == "event_date_conflict"]
    assert inc["docs"] == ["a", "b"] and "2024-05-03" in inc["reason"]


def _claim(value, text, unit="Soldaten", hedge=None, low=None, high=None, **extra):
    return {"value": value, "value_text": text, "unit": unit, "hedge": hedge, "low": low, "high": high, **extra}


def test_claims_corroborated_then_updated_not_contradicted() -> None:
    ents = [("Ostland", "LOC", "Ostland"), ("Westland", "LOC", "Westland"), ("ostländische", "LOC", "Ostland")]
    a = make_doc("a", "Laut Westland wurden etwa 3.000 ostländische Soldaten nach Westland verlegt.", published="2024-10-24",
                 entities=ents, claims=[("etwa 3.000", _claim(3000, "3.000", hedge="etwa"))])
    b = make_doc("b", "Ostland soll bereits 3.000 Soldaten nach Westland entsandt haben. Tausende ostländische Soldaten sind dort.",
                 published="2024-10-25", entities=ents,
                 claims=[("3.000", _claim(3000, "3.000")), ("Tausende", _claim(None, "Tausende"))])
    c = make_doc("c", "Ostland habe rund 10.000 Soldaten nach Westland entsandt.", published="2024-11-10", entities=ents,
                 claims=[("rund 10.000", _claim(10000, "10.000", hedge="rund"))])
    d = make_doc("d", "Der Kommandeur soll knapp 50.000 Soldaten zusammengezogen haben.", published="2024-11-11",
                 claims=[("knapp 50.000", _claim(50000, "50.000", hedge="knapp"))])
    result = _run([a, b, c, d])
    groups = {g["relation"]: g for g in result.claim_groups}
    main = groups["updated"]
    assert sorted(c["doc"] for c in main["claims"]) == ["a", "b", "b", "c"]
    assert [sorted({c["doc"] for c in main["claims"] if c["phase"] == p}) for p in (0, 1)] == [["a", "b"], ["c"]]
    assert "update" in main["reasoning"] and "not a contradiction" in main["reasoning"]
    assert groups["single"]["claims"][0]["doc"] == "d"  # a different quantity
    assert not [i for i in result.inconsistencies if i["kind"] == "claim_contradiction"]


def test_claims_contradicted_at_the_same_time() -> None:
    ents = [("Ostland", "LOC", "Ostland")]
    # the claims stage reads the measure from "starben" (a unit alone never makes a contradiction) and the stated
    # place (two outlets' own figures that state neither place nor source are not one quantity for sharing a day)
    from lagebild.stages.claims import RuleClaims

    a = RuleClaims()(make_doc("a", "In Ostland starben 120 Menschen.", published="2024-03-01", entities=ents))
    b = RuleClaims()(make_doc("b", "In Ostland starben 300 Menschen.", published="2024-03-01", entities=ents))
    result = _run([a, b], stages=(ClaimGrouper, EventMerger, InconsistencyFinder))
    (group,) = result.claim_groups
    assert group["relation"] == "contradicted"
    assert [i["kind"] for i in result.inconsistencies] == ["claim_contradiction"]


def test_value_interval_hedges() -> None:
    assert value_interval({"value": 3000, "hedge": "etwa"}) == pytest.approx((2550.0, 3450.0))
    assert value_interval({"value": None, "value_text": "Tausende"}) == (2000.0, 9999.0)
    assert value_interval({"value": 10, "hedge": "mehr als"})[1] == float("inf")
    assert value_interval({"value": 5, "low": 4, "high": 6}) == (4.0, 6.0)


def test_stories_separate_unrelated_and_keep_related_together() -> None:
    related = [make_doc(f"r{i}", f"Ostland und Westland streiten über den Grenzvertrag, die Brücke und die Zölle. Teil {i}. "
                        "Die Regierung von Ostland droht mit Sanktionen gegen Westland wegen der Brücke.",
                        published="2024-05-0" + str(i + 1), entities=ENTS) for i in range(3)]
    other = [
        make_doc("x", "Der Fußballverein gewann das Pokalfinale nach Elfmeterschießen vor ausverkauftem Stadion.", published="2024-05-02"),
        make_doc("y", "Die Zentralbank senkt den Leitzins, Sparer und Kreditnehmer reagieren unterschiedlich.", published="2024-05-02"),
        make_doc("z", "The museum opened a new exhibition of medieval manuscripts and maps.", published="2024-05-02"),
    ]
    result = _run(related + other, stages=(StoryClusterer,))
    members = sorted(sorted(m["doc"] for m in s["members"]) for s in result.stories)
    assert members == [["r0", "r1", "r2"], ["x"], ["y"], ["z"]]
    story = next(s for s in result.stories if s["size"] == 3)
    assert story["independent_sources"] == 3 and "Ostland" in story["label"]
    assert all(0 < m["confidence"] <= 1 for s in result.stories for m in s["members"])


def test_copies_count_once() -> None:
    text = "Ostland und Westland unterzeichneten im Juni in Hafenstadt den Grenzvertrag."
    docs = [run_events(make_doc(i, text, published="2024-07-01", entities=ENTS, timexes=[("im Juni", "2024-06", "month")]))
            for i in ("a", "b")]
    ctx = CorpusContext(docs=docs, result=CorpusResult(duplicates=[{"doc": "b", "of": "a", "kind": "exact", "score": 1.0}]))
    for stage in (StoryClusterer, EventMerger, CoverageBuilder):
        stage()(ctx)
    assert ctx.result.stories[0]["independent_sources"] == 1
    assert ctx.result.events[0]["sources"] == ["a", "b"] and ctx.result.events[0]["independent_sources"] == 1


def test_bad_corpora_never_crash() -> None:
    assert _run([]).stories == []
    one = _run([run_events(make_doc("solo", "Nur ein Artikel ohne Datum. Ostland ratifizierte den Vertrag.", entities=ENTS))])
    assert len(one.stories) == 1 and one.stories[0]["members"][0]["doc"] == "solo"
    assert one.timeline and one.timeline[0]["undated"] is True
    assert one.coverage["timeline_gaps"] and "no dated events" in " ".join(one.coverage["timeline_gaps"][0]["missing"])
    mixed = _run([run_events(make_doc("de", "Die Regierung ratifizierte gestern das Abkommen.")),
                  run_events(make_doc("en", "The parliament ratified the agreement yesterday.")),
                  make_doc("empty", "")])
    assert sorted(m["doc"] for s in mixed.stories for m in s["members"]) == ["de", "empty", "en"]
