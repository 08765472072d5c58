"""Numbered occurrences of a happening ("der zweite Warnstreik") and dates that only bound a span ("seit 2018")."""

from __future__ import annotations

from compare_helpers import PROV, make_doc, run_events, run_timeline

from lagebild.model import Span

ENTS = [("Talheim", "LOC", "Talheim")]


def _open_weekday(doc, surface: str, weekday: int):
    """A weekday the timex stage could not place (the article is known to the month only)."""
    start = doc.text.find(surface)
    doc.add("timex", Span(start, start + len(surface)), PROV, label="DATE",
            data={"value": None, "rule": "weekday", "relative": {"weekday": weekday, "rel": "nearest"}})
    return doc


def _ordinals(sentence: str) -> list[object]:
    doc = run_events(make_doc("x", sentence, entities=ENTS))
    return [a.data.get("ordinal") for a in doc.of_kind("event") if a.label == "strike"]


def test_ordinals_before_the_noun() -> None:
    assert _ordinals("In Talheim begann der zweite Warnstreik.") == [2]
    assert _ordinals("Die Gewerkschaft ruft erneut zu Warnstreiks in Talheim auf.") == [0]
    assert _ordinals("Es war ein erneuter Streik in Talheim.") == [0]


def test_no_ordinal_from_numbers_adverbs_or_a_verb_series() -> None:
    assert _ordinals("Erst am Montag begann in Talheim der Warnstreik.") == [None]  # "erst": an adverb
    assert _ordinals("Acht Warnstreiks gab es in Talheim.") == [None]  # a number, not an ordinal
    assert _ordinals("In Talheim streikten am Samstag erneut Tausende.") == [None]  # a series, no occurrence named


def test_erneut_of_another_verb_and_wiederholt_name_no_repeat() -> None:
    # the warning repeats, not the strike; "wiederholt" tells of several, not of a next one
    assert _ordinals("Die Gewerkschaft warnt erneut vor Streiks in Talheim.") == [None]
    assert _ordinals("In Talheim kam es wiederholt zu Streiks.") == [None]
    assert _ordinals("In Talheim kam es zu einem wiederholten Streik.") == [None]
    # the adjective of the noun and a renewed call still do
    assert _ordinals("In Talheim kam es zu einem abermaligen Streik.") == [0]
    assert _ordinals("Die Gewerkschaft hat erneut zu Streiks in Talheim aufgerufen.") == [0]


def test_a_later_occurrence_is_its_own_event_on_the_next_such_weekday() -> None:
    first = [
        run_events(make_doc("a", "In Talheim streikten am Montag Tausende Beschäftigte.", published="2023-03-07", entities=ENTS,
                            timexes=[("am Montag", "2023-03-06", "day")])),
        run_events(make_doc("b", "Der Warnstreik in Talheim am Montag legte das Werk lahm.", published="2023-03-06", entities=ENTS,
                            timexes=[("am Montag", "2023-03-06", "day")])),
    ]
    later = [
        run_events(_open_weekday(make_doc("c", "In Talheim steht am Montag ein erneuter Warnstreik an.", published="2023-03",
                                          entities=ENTS), "Montag", 0)),
        run_events(_open_weekday(make_doc("d", "Die Gewerkschaft ruft erneut zu Warnstreiks auf. Am Montag wird in Talheim gestreikt.",
                                          published="2023-03", entities=ENTS), "Montag", 0)),
    ]
    result = run_timeline(first + later)
    strikes = sorted((e["date"]["value"], tuple(e["sources"])) for e in result.events if e["type"] == "strike")
    assert strikes == [("2023-03-06", ("a", "b")), ("2023-03-13", ("c", "d"))]


def test_a_third_occurrence_comes_after_the_second() -> None:
    docs = [
        run_events(make_doc("a", "In Talheim streikten am Montag Tausende Beschäftigte.", published="2023-03-07", entities=ENTS,
                            timexes=[("am Montag", "2023-03-06", "day")])),
        # told before the second: the order of the texts must not decide the order of the occurrences
        run_events(_open_weekday(make_doc("b", "In Talheim beginnt am Montag der dritte Warnstreik.", published="2023-03",
                                          entities=ENTS), "Montag", 0)),
        run_events(_open_weekday(make_doc("c", "In Talheim beginnt am Montag der zweite Warnstreik.", published="2023-03",
                                          entities=ENTS), "Montag", 0)),
    ]
    result = run_timeline(docs)
    strikes = sorted((e["date"]["value"], tuple(e["sources"])) for e in result.events if e["type"] == "strike")
    assert strikes == [("2023-03-06", ("a",)), ("2023-03-13", ("c",)), ("2023-03-20", ("b",))]


def test_without_a_numbered_occurrence_the_weekday_is_the_nearest_one() -> None:
    # the same texts without "erneut": one strike, its Monday the story's Monday
    docs = [
        run_events(make_doc("a", "In Talheim streikten am Montag Tausende Beschäftigte.", published="2023-03-07", entities=ENTS,
                            timexes=[("am Montag", "2023-03-06", "day")])),
        run_events(_open_weekday(make_doc("c", "In Talheim stand am Montag ein Warnstreik an.", published="2023-03",
                                          entities=ENTS), "Montag", 0)),
    ]
    result = run_timeline(docs)
    strikes = sorted((e["date"]["value"], tuple(e["sources"])) for e in result.events if e["type"] == "strike")
    assert strikes == [("2023-03-06", ("a", "c"))]


def test_a_year_after_seit_or_bis_does_not_date_the_happening() -> None:
    doc = run_events(make_doc("x", "Es ist der erste Streik in Talheim seit 2018.", entities=ENTS, timexes=[("2018", "2018", "year")]))
    (ev,) = [a for a in doc.of_kind("event") if a.label == "strike"]
    assert ev.data["date"] is None
    doc = run_events(make_doc("y", "Der Konzern streicht bis 2030 in Talheim 500 Stellen.", entities=ENTS, timexes=[("2030", "2030", "year")]))
    assert all(a.data["date"] is None for a in doc.of_kind("event"))


def test_a_day_after_seit_or_bis_still_dates_it() -> None:
    doc = run_events(make_doc("x", "Seit Montag streiken in Talheim die Beschäftigten.", entities=ENTS,
                              timexes=[("Montag", "2023-03-06", "day")]))
    (ev,) = [a for a in doc.of_kind("event") if a.label == "strike"]
    assert ev.data["date"]["value"] == "2023-03-06"
    doc = run_events(make_doc("y", "Im Jahr 2018 streikten in Talheim die Beschäftigten.", entities=ENTS, timexes=[("2018", "2018", "year")]))
    (ev,) = [a for a in doc.of_kind("event") if a.label == "strike"]
    assert ev.data["date"]["value"] == "2018"
