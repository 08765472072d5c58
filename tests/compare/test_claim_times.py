"""When a claim group's figures refer to, and what that makes of their relation: a running toll said of the event's
day, a bound beside a precise figure, inferred publication dates against printed ones.

Documents are written for these tests and run through the real claims stage, as in test_claim_relations.
"""

from __future__ import annotations

from compare_helpers import claim_doc

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.claim_groups import ClaimGrouper

EVENT_DAY = "2024-05-06"
ON_THE_DAY = [("am 6. Mai", EVENT_DAY, "day")]


def _groups(docs, inferred=None, event_day: str | None = EVENT_DAY):
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.inferred_dates = inferred or {}
    if event_day:  # an event three of the articles report, dated to the day
        ctx.result.events = [{"id": "ev", "date": {"value": event_day, "granularity": "day"},
                              "sources": [d.id for d in docs] + ["other-1", "other-2"]}]
    ClaimGrouper()(ctx)
    return ctx.result.claim_groups


def _group_of(groups, doc_id, value):
    return next(g for g in groups if any(c["doc"] == doc_id and c["value"] == value for c in g["claims"]))


def _claim(group, doc_id, value):
    return next(c for c in group["claims"] if c["doc"] == doc_id and c["value"] == value)


# -- a running toll said of the event's day is as of the report -----------------------------------------------------


def test_a_toll_said_of_the_event_day_is_the_count_as_of_its_report() -> None:
    # two reports of the next day, hours apart: the later count is the higher one, not a rival figure for the event's day
    a = claim_doc("a", "Bei dem Unglück in Nordhafen am 6. Mai starben zwei Menschen.", "2024-05-07T00:40", outlet="A",
                  timexes=ON_THE_DAY)
    b = claim_doc("b", "Bei dem Unglück in Nordhafen am 6. Mai starben vier Menschen.", "2024-05-07T17:20", outlet="B",
                  timexes=ON_THE_DAY)
    group = _group_of(_groups([a, b]), "a", 2)
    assert group["relation"] == "updated", group["reasoning"]
    assert _claim(group, "b", 4)["ref_time"] == "2024-05-06/2024-05-07"  # between the event and the report
    assert "event" in _claim(group, "b", 4)["ref_time_basis"]


def test_an_attendance_or_another_day_keeps_the_day_its_sentence_names() -> None:
    # must not fire: an attendance of the event day is that day's; a toll as of a later day is as of that day
    a = claim_doc("a", "Am 6. Mai demonstrierten in Nordhafen 8.000 Menschen.", "2024-05-07", outlet="A", timexes=ON_THE_DAY)
    b = claim_doc("b", "Am 6. Mai demonstrierten in Nordhafen 15.000 Menschen.", "2024-05-09", outlet="B", timexes=ON_THE_DAY)
    group = _group_of(_groups([a, b]), "a", 8000)
    assert group["relation"] != "updated", group["reasoning"]
    assert "event" not in _claim(group, "a", 8000)["ref_time_basis"]
    c = claim_doc("c", "Bis zum 8. Mai starben in Nordhafen vier Menschen.", "2024-05-10", outlet="C",
                  timexes=[("8. Mai", "2024-05-08", "day")])
    assert _claim(_group_of(_groups([c]), "c", 4), "c", 4)["ref_time"] == "2024-05-08"


# -- a bound allows a value, it does not dispute it ------------------------------------------------------------------


def test_a_bound_that_allows_the_other_value_is_no_contradiction() -> None:
    # "mindestens zwei" goes with the earlier "zwei" (its own number); beside the later "vier" of its day it is no rival
    docs = [claim_doc("a", "Laut Polizei starben in Nordhafen mindestens zwei Menschen.", "2024-05-07", outlet="A"),
            claim_doc("b", "Laut Feuerwehr starben in Nordhafen vier Menschen.", "2024-05-07", outlet="B"),
            claim_doc("c", "Laut Rettungsdienst starben in Nordhafen zwei Menschen.", "2024-05-06", outlet="C")]
    group = _group_of(_groups(docs, event_day=None), "a", 2)
    assert group["relation"] == "updated", group["reasoning"]
    # must not fire: two precise values of one day from two claimants
    docs[0] = claim_doc("a", "Laut Polizei starben in Nordhafen zwei Menschen.", "2024-05-07", outlet="A")
    assert _group_of(_groups(docs, event_day=None), "a", 2)["relation"] == "contradicted"


def test_a_bound_goes_with_the_figure_of_its_own_number() -> None:
    docs = [claim_doc("a", "In Nordhafen wurden 39 Menschen verletzt.", "2024-05-02", outlet="A"),
            claim_doc("b", "In Nordhafen wurden 44 Menschen verletzt.", "2024-05-09", outlet="B"),
            claim_doc("c", "In Nordhafen wurden mindestens 39 Menschen verletzt.", "2024-05-09", outlet="C")]
    group = _group_of(_groups(docs, event_day=None), "a", 39)
    assert _claim(group, "c", 39)["phase"] == _claim(group, "a", 39)["phase"] != _claim(group, "b", 44)["phase"]
    # must not fire: a bound on a number no figure gives goes with the figure of its time
    docs[2] = claim_doc("c", "In Nordhafen wurden mindestens 40 Menschen verletzt.", "2024-05-09", outlet="C")
    group = _group_of(_groups(docs, event_day=None), "a", 39)
    assert _claim(group, "c", 40)["phase"] == _claim(group, "b", 44)["phase"]


# -- inferred publication dates yield to printed ones ------------------------------------------------------------------


def test_printed_dates_order_a_series_where_an_inferred_date_breaks_it() -> None:
    inferred = {"a": {"value": "2024-05-01", "confidence": 0.9, "inferred": True}}
    docs = [claim_doc("a", "In Nordhafen wurden 39 Menschen verletzt.", None, outlet="A"),
            claim_doc("b", "In Nordhafen wurden 30 Menschen verletzt.", "2024-05-02", outlet="B"),
            claim_doc("c", "In Nordhafen wurden 39 Menschen verletzt.", "2024-05-04", outlet="C")]
    group = _group_of(_groups(docs, inferred, event_day=None), "b", 30)
    assert group["relation"] == "updated", group["reasoning"]
    # must not fire: printed dates that give a value again after another are no series
    docs[0] = claim_doc("a", "In Nordhafen wurden 39 Menschen verletzt.", "2024-05-01", outlet="A")
    assert _group_of(_groups(docs, event_day=None), "b", 30)["relation"] != "updated"


# -- a part named by its whole ------------------------------------------------------------------------------------------


def test_a_part_cue_that_names_the_toll_makes_a_part_wherever_the_toll_stands() -> None:
    a = claim_doc("a", "In Nordhafen ist die Zahl der Toten auf vier gestiegen. Eine Frau erlag im Spital ihren Verletzungen. "
                       "Unter den Toten sind zwei Männer und zwei Frauen.", "2024-05-03", outlet="A")
    groups = _groups([a], event_day=None)
    assert not any(c["value"] == 2 for c in _group_of(groups, "a", 4)["claims"])
    assert all(g["measure_label"].endswith(": part") for g in groups if any(c["value"] == 2 for c in g["claims"]))
    # must not fire: the cue names other people than the toll, and no toll stands before
    b = claim_doc("b", "In Nordhafen ist ein Festzelt eingestürzt. Die Polizei sperrte das Gelände. Unter den Besuchern sind "
                       "zwei Männer ums Leben gekommen.", "2024-05-03", outlet="B")
    assert not _group_of(_groups([b], event_day=None), "b", 2)["measure_label"].endswith(": part")


# -- open bounds of a running count on different days -------------------------------------------------------------------


def test_open_bounds_of_a_running_count_on_different_days_are_steps_not_agreement() -> None:
    docs = [claim_doc("a", "In Nordhafen mussten mehr als 13.000 Menschen ihre Häuser verlassen.", "2024-05-18", outlet="A"),
            claim_doc("b", "In Nordhafen mussten mehr als 36.000 Menschen ihre Häuser verlassen.", "2024-05-20", outlet="B")]
    group = _group_of(_groups(docs, event_day=None), "a", 13000)
    assert group["relation"] == "updated", group["reasoning"]
    # must not fire: the same bound on two days, or two bounds of one day, agree
    docs[1] = claim_doc("b", "In Nordhafen mussten mehr als 13.000 Menschen ihre Häuser verlassen.", "2024-05-20", outlet="B")
    assert _group_of(_groups(docs, event_day=None), "a", 13000)["relation"] == "corroborated"
    docs[1] = claim_doc("b", "In Nordhafen mussten mehr als 36.000 Menschen ihre Häuser verlassen.", "2024-05-18", outlet="B")
    assert _group_of(_groups(docs, event_day=None), "a", 13000)["relation"] != "updated"
