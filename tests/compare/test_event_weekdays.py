"""Weekdays ("am Samstag") in articles dated only to the month, placed against the same event's own day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from compare_helpers import PROV, make_doc, run_events
from hypothesis import given
from hypothesis import strategies as st

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.events import EventMerger
from lagebild.compare.timeline import TimelineBuilder
from lagebild.events.dates import nearest_weekday
from lagebild.model import Document, Span

ENTS = [("Leipzig", "LOC", "Leipzig"), ("Dresden", "LOC", "Dresden")]


def _open_weekday(doc: Document, surface: str, weekday: int, rule: str = "weekday") -> Document:
    """An unplaced weekday timex, as the timex stage leaves it when the publication date is a month."""
    start = doc.text.find(surface)
    assert start >= 0, surface
    doc.add("timex", Span(start, start + len(surface)), PROV, label="DATE",
            data={"value": None, "granularity": None, "rule": rule, "relative": {"ref": "dct", "weekday": weekday, "rel": "past"}})
    return doc


def _run(docs: list[Document]) -> CorpusResult:
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.stories = [{"id": "s", "members": [{"doc": d.id} for d in docs]}]
    for stage in (EventMerger, TimelineBuilder):
        stage()(ctx)
    return ctx.result


def _protests(result: CorpusResult) -> list[dict]:
    return sorted((e for e in result.events if e["type"] == "protest"), key=lambda e: e["sources"])


def test_weekday_of_a_month_only_article_is_placed_against_the_events_day() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten Tausende gegen die Pläne.", published="2024-02-04", entities=ENTS)),
        run_events(_open_weekday(make_doc("b", "In Leipzig demonstrierten am Samstag Tausende gegen die Pläne.",
                                          published="2024-02", entities=ENTS), "Samstag", 5)),
    ]
    (protest,) = _protests(_run(docs))
    assert protest["sources"] == ["a", "b"]
    assert protest["date"]["value"] == "2024-02-03" and protest["date"]["basis"] == "derived"
    evidence = protest["date"]["derived_from"]
    assert [w["doc"] for w in evidence["weekdays"]] == ["b"] and evidence["weekdays"][0]["text"] == "Samstag"
    assert evidence["anchor"] == {"value": "2024-02-04", "basis": "publication"}
    (item,) = [t for t in _run(docs).timeline if t["type"] == "protest"]
    assert item["date"] == "2024-02-03" and item["date_evidence"]["anchor"]["value"] == "2024-02-04"


def test_a_month_is_never_an_anchor() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten Tausende gegen die Pläne.", published="2024-02", entities=ENTS)),
        run_events(_open_weekday(make_doc("b", "In Leipzig demonstrierten am Samstag Tausende gegen die Pläne.",
                                          published="2024-02", entities=ENTS), "Samstag", 5)),
    ]
    (protest,) = _protests(_run(docs))
    assert protest["date"]["granularity"] == "month" and "derived_from" not in protest["date"]


def test_a_day_written_in_the_text_is_never_replaced() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten am 3. Februar Tausende gegen die Pläne.", published="2024-02-05",
                            entities=ENTS, timexes=[("am 3. Februar", "2024-02-03", "day")])),
        run_events(_open_weekday(make_doc("b", "In Leipzig demonstrierten am Sonntag Tausende gegen die Pläne.",
                                          published="2024-02", entities=ENTS), "Sonntag", 6)),
    ]
    (protest,) = [e for e in _protests(_run(docs)) if "a" in e["sources"]]
    assert protest["date"]["value"] == "2024-02-03" and protest["date"]["basis"] == "text"


def test_another_event_of_the_class_a_week_later_does_not_lend_its_day() -> None:
    # Leipzig on the 3rd and the 10th (days in the text); Dresden's "Samstag" in a month-only article
    # is another protest: it takes neither day.
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten am 3. Februar Tausende gegen die Pläne.", published="2024-02-04",
                            entities=ENTS, timexes=[("am 3. Februar", "2024-02-03", "day")])),
        run_events(make_doc("c", "In Leipzig demonstrierten am 10. Februar erneut Tausende.", published="2024-02-11",
                            entities=ENTS, timexes=[("am 10. Februar", "2024-02-10", "day")])),
        run_events(_open_weekday(make_doc("d", "In Dresden demonstrierten am Samstag Hunderte gegen die Pläne.",
                                          published="2024-02", entities=ENTS), "Samstag", 5)),
    ]
    by_doc = {tuple(e["sources"]): e for e in _protests(_run(docs))}
    assert set(by_doc) == {("a",), ("c",), ("d",)}
    assert by_doc[("a",)]["date"]["value"] == "2024-02-03" and by_doc[("c",)]["date"]["value"] == "2024-02-10"
    assert by_doc[("d",)]["date"]["granularity"] == "month"


def test_weekend_is_not_a_weekday_and_a_dated_clause_keeps_its_date() -> None:
    weekend = run_events(_open_weekday(make_doc("w", "In Leipzig demonstrierten am Wochenende Tausende.", published="2024-02",
                                                entities=ENTS), "Wochenende", 5, rule="weekend"))
    dated = run_events(_open_weekday(make_doc("x", "In Leipzig demonstrierten am Samstag, dem 3. Februar, Tausende.",
                                              published="2024-02", entities=ENTS, timexes=[("3. Februar", "2024-02-03", "day")]),
                                     "Samstag", 5))
    for doc in (weekend, dated):
        (event,) = [a for a in doc.annotations if a.kind == "event"]
        assert event.data["weekday"] is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=0, max_value=6))
def test_nearest_weekday_is_that_weekday_within_three_days(anchor: date, weekday: int) -> None:
    day = nearest_weekday(anchor, weekday)
    assert day.weekday() == weekday and abs((day - anchor).days) <= 3
    assert all(abs((anchor + timedelta(days=k) - anchor).days) >= abs((day - anchor).days)
               for k in range(-6, 7) if (anchor + timedelta(days=k)).weekday() == weekday)


def _month_only(doc_id: str, text: str, weekdays: list[tuple[str, int]]) -> Document:
    doc = make_doc(doc_id, text, published="2024-02", entities=ENTS)
    for surface, weekday in weekdays:
        _open_weekday(doc, surface, weekday)
    return run_events(doc)


def test_a_weekday_placed_in_one_event_fixes_its_articles_week_for_another() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten Tausende gegen die Pläne.", published="2024-02-04", entities=ENTS)),
        _month_only("b", "In Leipzig demonstrierten am Samstag Tausende gegen die Pläne. Am Montag streikten in Dresden die Busfahrer.",
                    [("Samstag", 5), ("Montag", 0)]),
    ]
    (strike,) = [e for e in _run(docs).events if e["type"] == "strike"]
    assert strike["date"]["value"] == "2024-02-05" and strike["date"]["basis"] == "derived"
    anchor = strike["date"]["derived_from"]["anchor"]
    assert anchor["basis"] == "article" and anchor["value"] == "2024-02-03" and anchor["text"] == "Samstag"


def test_an_article_whose_weekdays_fall_in_two_weeks_places_no_other_weekday() -> None:
    # b's Saturday in Leipzig is the 3rd, its Saturday in Dresden the 10th: its Monday could be either week
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten Tausende gegen die Pläne.", published="2024-02-04", entities=ENTS)),
        run_events(make_doc("c", "In Dresden demonstrierten Hunderte gegen die Pläne.", published="2024-02-11", entities=ENTS)),
        _month_only("b", "In Leipzig demonstrierten am Samstag Tausende gegen die Pläne. In Dresden demonstrierten am Sonnabend "
                         "Hunderte gegen die Pläne. Am Montag streikten die Busfahrer.",
                    [("Samstag", 5), ("Sonnabend", 5), ("Montag", 0)]),
        _month_only("d", "Am Montag streikten die Busfahrer.", [("Montag", 0)]),
    ]
    result = _run(docs)
    protests = {tuple(e["sources"]): e["date"]["value"] for e in _protests(result)}
    assert protests == {("a", "b"): "2024-02-03", ("b", "c"): "2024-02-10"}
    for strike in (e for e in result.events if e["type"] == "strike"):
        assert strike["date"]["granularity"] == "month", strike["sources"]


@given(st.sampled_from([date.min, date.max]), st.integers(min_value=0, max_value=6))
def test_nearest_weekday_at_the_ends_of_the_calendar_does_not_crash(anchor: date, weekday: int) -> None:
    assert nearest_weekday(anchor, weekday).weekday() == weekday


def test_happenings_on_two_named_weekdays_stay_apart_and_the_same_weekday_merges() -> None:
    """Three month-only articles: two tell of Saturday's demonstrations, one of Sunday's; an article
    naming no day joins whichever it fits (it does not split anything)."""
    docs = [
        run_events(_open_weekday(make_doc("a", "Am Samstag demonstrierten Tausende gegen Rechts.", published="2024-02"), "Samstag", 5)),
        run_events(_open_weekday(make_doc("b", "Zehntausende demonstrierten am Samstag gegen Rechts.", published="2024-02"), "Samstag", 5)),
        run_events(_open_weekday(make_doc("c", "Am Sonntag demonstrierten erneut Tausende gegen Rechts.", published="2024-02"), "Sonntag", 6)),
        run_events(make_doc("d", "Wieder demonstrierten Tausende gegen Rechts.", published="2024-02")),
    ]
    groups = [tuple(e["sources"]) for e in _protests(_run(docs))]
    assert len(groups) == 2
    assert any({"a", "b"} <= set(g) and "c" not in g for g in groups)
    assert any("c" in g for g in groups) and sum("d" in g for g in groups) == 1


def test_a_weekday_apart_from_the_day_the_text_gives_is_another_happening() -> None:
    docs = [
        run_events(make_doc("a", "In Leipzig demonstrierten am 3. Februar Tausende.", published="2024-02-04", entities=ENTS,
                            timexes=[("am 3. Februar", "2024-02-03", "day")])),  # a Saturday
        run_events(_open_weekday(make_doc("b", "In Leipzig demonstrierten am Sonntag Tausende.", published="2024-02", entities=ENTS),
                                 "Sonntag", 6)),
        run_events(_open_weekday(make_doc("c", "In Leipzig demonstrierten am Samstag Tausende.", published="2024-02", entities=ENTS),
                                 "Samstag", 5)),
    ]
    groups = sorted(tuple(e["sources"]) for e in _protests(_run(docs)))
    assert groups == [("a", "c"), ("b",)]


def test_a_weekday_falls_on_the_one_day_its_storys_dated_days_allow() -> None:
    """The vote is dated in the text (Sunday 4 February); a month-only article's result "am Montag" is
    the Monday after it. With a second dated day two weeks later the Monday's week is not known."""
    vote = run_events(make_doc("a", "In Leipzig wurde am 4. Februar ein neuer Stadtrat gewählt.",
                               published="2024-02-04", entities=ENTS, timexes=[("am 4. Februar", "2024-02-04", "day")]))
    result = _month_only("b", "Das Endergebnis wurde am Montag in Leipzig veröffentlicht.", [("Montag", 0)])
    (placed,) = [e for e in _run([vote, result]).events if e["type"] == "result"]
    assert placed["date"]["value"] == "2024-02-05" and placed["date"]["basis"] == "derived"
    assert placed["date"]["derived_from"]["anchor"] == {"value": "2024-02-04", "basis": "story"}

    later = run_events(make_doc("c", "In Dresden demonstrierten am 18. Februar Tausende.", published="2024-02-18", entities=ENTS,
                                timexes=[("am 18. Februar", "2024-02-18", "day")]))
    (unplaced,) = [e for e in _run([vote, result, later]).events if e["type"] == "result"]
    assert unplaced["date"]["granularity"] == "month"


def _agreement(doc_id: str, text: str, landmark: str, value: str) -> Document:
    """A month-only article whose story lies "kurz vor"/"kurz nach" a day it names (a holiday resolved to the day)."""
    doc = make_doc(doc_id, text, published="2024-12", entities=[("IG Metall", "ORG", "IG Metall"), ("Volkswagen", "ORG", "Volkswagen")])
    start = doc.text.find(landmark)
    doc.add("timex", Span(start, start + len(landmark)), PROV, label="DATE", data={"value": value, "granularity": "day", "rule": "holiday"})
    return run_events(_open_weekday(doc, "Freitag", 4))


def test_a_weekday_shortly_before_a_named_day_is_placed_in_the_week_before_it() -> None:
    doc = _agreement("a", "Kurz vor Weihnachten haben sich IG Metall und Volkswagen am Freitag auf einen Tarifabschluss geeinigt.",
                     "Weihnachten", "2024-12-25")
    (agree,) = [e for e in _run([doc]).events if e["type"] == "agree"]
    assert agree["date"]["value"] == "2024-12-20" and agree["date"]["basis"] == "derived"
    assert agree["date"]["derived_from"]["anchor"]["basis"] == "article landmark"
    # after the day: the first Friday after it
    doc = _agreement("b", "Kurz nach Weihnachten haben sich IG Metall und Volkswagen am Freitag auf einen Tarifabschluss geeinigt.",
                     "Weihnachten", "2024-12-25")
    (agree,) = [e for e in _run([doc]).events if e["type"] == "agree"]
    assert agree["date"]["value"] == "2024-12-27"


def test_a_named_day_without_kurz_vor_places_no_weekday() -> None:
    doc = _agreement("c", "Zu Weihnachten gab es keinen Streik; am Freitag haben sich IG Metall und Volkswagen geeinigt.",
                     "Weihnachten", "2024-12-25")
    (agree,) = [e for e in _run([doc]).events if e["type"] == "agree"]
    assert agree["date"] is None or agree["date"]["granularity"] != "day"


def _dated(text: str, surface: str, value: str, gran: str) -> list[tuple[str, object]]:
    doc = run_events(make_doc("n", text, published="2024-12-21", timexes=[(surface, value, gran)]))
    return [(str(a.label), (a.data.get("date") or {}).get("value")) for a in doc.of_kind("event")]


@pytest.mark.parametrize(
    ("text", "surface", "value", "gran", "cls", "expected"),
    [
        # a time of day after "kurz nach" is the happening's own time, never a landmark
        ("Kurz nach 19 Uhr raste ein Auto in die Menschenmenge.", "19 Uhr", "2024-12-20T19:00", "minute", "attack", "2024-12-20T19:00"),
        ("Kurz vor Mitternacht brannte in Leipzig eine Lagerhalle.", "Mitternacht", "2024-12-20T24:00", "minute", "fire", "2024-12-20T24:00"),
        # a day with nothing finer in its clause dates the happening approximately: the day and the days after
        # (or before) it, never the day alone
        ("Kurz nach dem 20. Dezember raste ein Auto in die Menschenmenge.", "20. Dezember", "2024-12-20", "day", "attack",
         "2024-12-20/2024-12-23"),
        ("Die Flut kam knapp nach dem 29. Oktober in die Stadt.", "29. Oktober", "2024-10-29", "day", "flood", "2024-10-29/2024-11-01"),
        ("Kurz vor dem 1. Mai streikten in Hamburg die Hafenarbeiter.", "1. Mai", "2024-05-01", "day", "strike", "2024-04-28/2024-05-01"),
        ("Wenige Tage nach dem 6. Februar bebte die Erde erneut mit großer Stärke.", "6. Februar", "2023-02-06", "day", "earthquake",
         "2023-02-06/2023-02-13"),
        # no "kurz" before the day: the day itself ("nach dem Spiel am 3. März", "Kurz darauf, am 3. März")
        ("Kurz darauf, am 3. März, streikten in Hamburg die Hafenarbeiter.", "3. März", "2024-03-03", "day", "strike", "2024-03-03"),
        ("Nach dem Spiel am 3. März brannte in Leipzig eine Lagerhalle.", "3. März", "2024-03-03", "day", "fire", "2024-03-03"),
    ],
)
def test_a_day_after_kurz_nach_dates_the_happening_to_a_range_when_nothing_finer_does(
    text: str, surface: str, value: str, gran: str, cls: str, expected: str
) -> None:
    assert (cls, expected) in _dated(text, surface, value, gran)


def test_an_approximate_range_yields_to_a_day_another_source_gives() -> None:
    near = run_events(make_doc("a", "Kurz nach dem 6. Februar bebte im Grenzgebiet erneut die Erde.", published="2023-02-12",
                               timexes=[("6. Februar", "2023-02-06", "day")]))
    exact = run_events(make_doc("b", "Am 8. Februar bebte im Grenzgebiet erneut die Erde.", published="2023-02-12",
                                timexes=[("8. Februar", "2023-02-08", "day")]))
    alone = [e for e in _run([near]).events if e["type"] == "earthquake"]
    assert [e["date"]["value"] for e in alone] == ["2023-02-06/2023-02-09"] and alone[0]["date"]["granularity"] == "range"
    (quake,) = [e for e in _run([near, exact]).events if e["type"] == "earthquake"]
    assert quake["date"]["value"] == "2023-02-08" and set(quake["sources"]) == {"a", "b"}
    # a day outside the range is another event (or a conflict), never silently the same day
    other = run_events(make_doc("c", "Am 20. Februar bebte im Grenzgebiet erneut die Erde.", published="2023-02-21",
                                timexes=[("20. Februar", "2023-02-20", "day")]))
    dates = sorted(e["date"]["value"] for e in _run([near, other]).events if e["type"] == "earthquake")
    assert "2023-02-06/2023-02-09" in dates


def test_a_landmark_in_other_stories_still_yields_to_the_weekday() -> None:
    # another kind of story: a protest "wenige Tage nach dem 1. Mai … am Samstag" is not dated to the 1st
    doc = make_doc("p", "Wenige Tage nach dem 1. Mai demonstrierten in Leipzig am Samstag Tausende gegen die Pläne.",
                   published="2024-05", entities=ENTS)
    start = doc.text.find("1. Mai")
    doc.add("timex", Span(start, start + len("1. Mai")), PROV, label="DATE", data={"value": "2024-05-01", "granularity": "day"})
    doc = run_events(_open_weekday(doc, "Samstag", 5))
    (protest,) = _protests(_run([doc]))
    assert protest["date"]["value"] == "2024-05-04" and protest["date"]["derived_from"]["anchor"]["basis"] == "article landmark"
    # a time of day is no landmark: the evening of a day-known article stays that evening
    doc = run_events(make_doc("q", "Kurz nach 19 Uhr demonstrierten in Leipzig Tausende gegen die Pläne.", published="2024-05-04",
                              entities=ENTS, timexes=[("19 Uhr", "2024-05-04T19:00", "minute")]))
    (protest,) = _protests(_run([doc]))
    assert protest["date"]["value"].startswith("2024-05-04")
