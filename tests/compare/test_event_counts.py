"""A rising casualty count is one timeline entry per count and reporting day; sources are counted per origin."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

ENTS = [("Talheim", "LOC", "Talheim")]


def _dead(surface: str, value: float) -> tuple[str, dict[str, object]]:
    return surface, {"value": value, "measure": "dead", "unit": "Tote"}


def test_each_count_of_a_rising_toll_is_its_own_entry() -> None:
    docs = [
        run_events(make_doc("a", "Nach dem Erdrutsch in Talheim ist die Zahl der Toten auf 5 gestiegen.", published="2023-05-02",
                            entities=ENTS, claims=[_dead("5", 5)])),
        run_events(make_doc("b", "Die Zahl der Toten in Talheim ist auf 5 gestiegen, teilte die Polizei mit.", published="2023-05-02",
                            entities=ENTS, claims=[_dead("5", 5)])),
        run_events(make_doc("c", "Die Zahl der Toten in Talheim stieg am Mittwoch auf 7.", published="2023-05-03",
                            entities=ENTS, claims=[_dead("7", 7)])),
    ]
    result = run_timeline(docs)
    tolls = sorted((e["count"]["value"], tuple(e["sources"]), e["date"]["value"]) for e in result.events if e["type"] == "die")
    assert tolls == [(5.0, ("a", "b"), "2023-05-02"), (7.0, ("c",), "2023-05-03")]
    entries = [t for t in result.timeline if t["type"] == "die"]
    assert [t["count"]["value"] for t in entries] == [5.0, 7.0]
    assert all(ev["doc"] in ("a", "b", "c") and ev["end"] > ev["start"] for t in entries for ev in t["evidence"])


def test_deaths_without_a_count_still_merge_as_one_happening() -> None:
    # no figure, so the count rule must not split these: one happening told twice
    docs = [
        run_events(make_doc("a", "In Talheim kamen bei dem Erdrutsch Menschen ums Leben.", published="2023-05-02", entities=ENTS)),
        run_events(make_doc("b", "Bei dem Erdrutsch in Talheim starben mehrere Menschen.", published="2023-05-02", entities=ENTS)),
    ]
    result = run_timeline(docs)
    (dead,) = [e for e in result.events if e["type"] == "die"]
    assert dead["sources"] == ["a", "b"] and dead["count"] is None


def test_a_figure_of_another_measure_is_no_count_of_the_dead() -> None:
    # "12 Verletzte" counts the injured: the two death reports stay one event
    docs = [
        run_events(make_doc("a", "In Talheim starben zwei Menschen, 12 wurden verletzt.", published="2023-05-02", entities=ENTS,
                            claims=[("12", {"value": 12, "measure": "injured", "unit": "Verletzte"})])),
        run_events(make_doc("b", "Bei dem Erdrutsch in Talheim starben Menschen.", published="2023-05-02", entities=ENTS)),
    ]
    result = run_timeline(docs)
    (dead,) = [e for e in result.events if e["type"] == "die"]
    assert dead["sources"] == ["a", "b"] and dead["count"] is None


def test_agency_copies_count_as_one_origin_and_keep_their_sentences() -> None:
    text = "In Talheim streikten am Montag Tausende Beschäftigte."
    docs = [
        run_events(make_doc(d, text, published="2023-03-07", entities=ENTS, timexes=[("am Montag", "2023-03-06", "day")]))
        for d in ("a", "b", "c")
    ]
    docs[0].meta.extra["agencies"] = ["dpa"]
    docs[1].meta.extra["agencies"] = ["dpa"]
    result = run_timeline(docs)
    (strike,) = [e for e in result.events if e["type"] == "strike"]
    assert strike["sources"] == ["a", "b", "c"] and strike["independent_sources"] == 2
    assert strike["origins"][0] == {"origin": "agency:dpa", "sources": ["a", "b"]}
    assert {m["doc"] for m in strike["mentions"]} == {"a", "b", "c"}
    assert all(m["text"] == "In Talheim streikten am Montag Tausende Beschäftigte." for m in strike["mentions"])
