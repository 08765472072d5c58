"""Claim groups on measure + scope; relations and their reasons; independent origins.

Documents are written for these tests and run through the real claims stage, so measure, scope,
claimant and reference time come from the text as they would in a run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_helpers import claim_doc, make_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.claim_groups import GROUNDS, SPLIT_REASONS, ClaimGrouper, claimant_key, no_scope, pair_key, scope_key
from lagebild.compare.coverage import CoverageBuilder, independent_origins, origin_label
from lagebild.model import Provenance, Span
from lagebild.stages.claims import RuleClaims

PLACES = [("Nordhafen", "LOC", "Nordhafen"), ("Südtal", "LOC", "Südtal")]


_doc = claim_doc


def _groups(docs):
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ClaimGrouper()(ctx)
    CoverageBuilder()(ctx)
    return ctx.result


def _group_of(result, doc_id, value):
    return next(g for g in result.claim_groups if any(c["doc"] == doc_id and c["value"] == value for c in g["claims"]))


def test_claims_carry_measure_scope_and_time_basis() -> None:
    (doc,) = [_doc("a", "In Nordhafen starben laut Feuerwehr 12 Menschen.", "2024-05-02")]
    (claim,) = [a for a in doc.annotations if a.kind == "claim"]
    assert claim.data["measure"] == "dead" and claim.data["scope"] == "Nordhafen"
    assert claim.data["claimant_text"] == "Feuerwehr" and claim.data["ref_time_basis"] == "publication"


def test_different_measures_and_scopes_are_never_one_group() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen. In Nordhafen werden 30 Menschen vermisst.", "2024-05-02")
    b = _doc("b", "In Südtal starben 40 Menschen.", "2024-05-02")
    result = _groups([a, b])
    dead_north, missing_north, dead_south = _group_of(result, "a", 12), _group_of(result, "a", 30), _group_of(result, "b", 40)
    assert len({dead_north["id"], missing_north["id"], dead_south["id"]}) == 3
    assert dead_north["measure"] == "dead" and missing_north["measure"] == "missing"
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]


def test_police_against_organisers_in_one_article_is_a_contradiction() -> None:
    a = _doc("a", "In Nordhafen demonstrierten am Samstag viele Menschen. Die Polizei sprach von 8.000 Teilnehmern, "
                  "die Veranstalter von 15.000.", "2024-05-02")
    group = _group_of(_groups([a]), "a", 8000)
    assert group["relation"] == "contradicted"
    assert "same time" in group["reasoning"]
    assert group["scope"] is None and "No place or group is stated" in group["reasoning"]  # named a sentence before: not guessed


def test_one_outlet_giving_two_figures_is_not_a_contradiction() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen, in Nordhafen starben zudem 3 Menschen.", "2024-05-02")
    result = _groups([a])
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]


def test_a_later_figure_updates_an_earlier_one() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", "2024-05-02")
    b = _doc("b", "In Nordhafen starben 19 Menschen.", "2024-05-05")
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "updated" and "not a contradiction" in group["reasoning"]


def test_unknown_times_cannot_be_compared() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", None)
    b = _doc("b", "In Nordhafen starben 19 Menschen.", "2024-05-05")
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "cannot_compare" and "no known reference time" in group["reasoning"]


def test_same_figure_from_two_outlets_is_corroborated_but_not_from_one_outlet_twice() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Kurier")
    single = _group_of(_groups([a, b]), "a", 12)
    assert single["relation"] == "single" and "(2 articles from 1 outlet)" in single["reasoning"]  # one newspaper is one source
    c = _doc("c", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Bote")
    group = _group_of(_groups([a, b, c]), "a", 12)
    assert group["relation"] == "corroborated" and group["reasoning"].startswith("Corroborated: 3 articles from 2 outlets give")
    assert "3 articles from 2 outlets give values" in group["reasoning"]
    assert group["sources_label"] == "3 articles from 2 outlets" and group["independent_sources"] == 2


def test_origins_collapse_outlets_and_agency_copies() -> None:
    docs = [_doc("a", "Text eins.", None, outlet="Kurier"), _doc("b", "Text zwei.", None, outlet="Kurier"),
            _doc("c", "Text drei.", None, outlet="Bote", agencies=["dpa"]), _doc("d", "Text vier.", None, outlet="Blatt", agencies=["dpa"]),
            _doc("e", "Text fünf.", None)]
    origins = independent_origins(CorpusResult(), docs)
    assert origins["a"] == origins["b"] == "outlet:kurier"
    assert origins["c"] == origins["d"] == "agency:dpa"
    assert origins["e"] == "e"
    assert origin_label(origins, ["a", "b", "c", "d"]) == "4 articles from 2 origins (dpa copies count once)"
    assert origin_label(origins, ["a", "b"]) == "2 articles from 1 outlet"
    assert origin_label(origins, ["a", "e"]) == "2 articles from 2 independent sources (outlet not known for 1)"
    assert origin_label({}, ["e", "f"]) == "2 articles from 2 independent sources (outlet not known for any)"


def test_scope_and_claimant_keys() -> None:
    assert scope_key("Münchner") == scope_key("München") == scope_key("Münchener")
    assert scope_key("Kreis Ahrweiler") == scope_key("Bad Neuenahr-Ahrweiler")
    assert scope_key("Frankfurt") != scope_key("Frankreich")
    assert claimant_key("Ein Polizeisprecher") == claimant_key("Polizeiangaben") == "polizei"
    assert claimant_key("Die Veranstalter") != claimant_key("die Polizei")


def test_an_inferred_publication_date_never_makes_two_reports_simultaneous() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", "2024-05-02")
    b = _doc("b", "In Nordhafen starben 19 Menschen.", "2024-05-02")
    b.meta.published.inferred = True  # a guess from similar articles, not a stated date
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "cannot_compare"
    assert {c["ref_time_basis"] for c in group["claims"]} == {"publication", "publication (inferred)"}


ELECTION = [("Bürgerliste", "ORG", "Bürgerliste")]


def _vote(doc_id: str, text: str, published: str = "2024-05"):
    return RuleClaims()(make_doc(doc_id, text, published=published, entities=ELECTION))


def test_an_estimate_replaced_by_the_result_is_an_update_though_the_month_is_all_we_know() -> None:
    a = _vote("a", "Bei der Landtagswahl erreicht die Bürgerliste laut Hochrechnung 30,9 Prozent der Stimmen.")
    b = _vote("b", "Nach dem vorläufigen amtlichen Endergebnis kommt die Bürgerliste auf 29,8 Prozent der Stimmen.")
    group = _group_of(_groups([a, b]), "a", 30.9)
    assert group["relation"] == "updated" and "later stage" in group["reasoning"]
    assert [c["stage"] for c in group["claims"]] == ["projection", "preliminary result"]


def test_two_different_results_of_one_stage_are_no_update() -> None:
    a = _vote("a", "Nach dem vorläufigen Endergebnis kommt die Bürgerliste auf 30,9 Prozent der Stimmen.")
    b = _vote("b", "Nach dem vorläufigen Endergebnis kommt die Bürgerliste auf 29,8 Prozent der Stimmen.")
    group = _group_of(_groups([a, b]), "a", 30.9)
    assert group["relation"] != "updated"


def test_figures_without_a_stage_are_not_ordered_by_one() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", "2024-05")
    b = _doc("b", "Nach dem vorläufigen Endergebnis der Zählung starben in Nordhafen 19 Menschen.", "2024-05")
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "cannot_compare"


def test_shares_that_do_not_say_whose_are_never_a_contradiction() -> None:
    a = _vote("a", "Laut Infratest kommt eine Partei auf 31,5 Prozent der Stimmen, laut der Forschungsgruppe Wahlen kommt eine "
                   "andere auf 12,0 Prozent der Stimmen.")
    result = _groups([a])
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]


def test_unscoped_figures_that_differ_and_cannot_be_ordered_stay_one_group_that_cannot_be_compared() -> None:
    a = _doc("a", "Zu der Kundgebung wurden 4.000 Teilnehmer erwartet.", "2024-05")
    b = _doc("b", "Erwartet wurden rund 4.000 Teilnehmer.", "2024-05")
    c = _doc("c", "Zu der Kundgebung wurden 9.000 Teilnehmer erwartet.", "2024-05")
    result = _groups([a, b, c])
    group = _group_of(result, "a", 4000)
    assert group["relation"] == "cannot_compare" and {x["doc"] for x in group["claims"]} == {"a", "b", "c"}
    assert group["reasoning"].startswith("Cannot compare:") and "too coarse" in group["reasoning"]
    # the agreeing pair is still shown as agreeing, inside the group, and its verdict says so
    assert [p["relation"] for p in group["phases"] if "4.000" in p["values"]] == ["corroborated"]
    assert "(4.000, agreed by 2 origins; 9.000)" in group["reasoning"]


def test_unscoped_figures_that_agree_at_unknown_times_are_corroborated() -> None:
    # the rule above must not fire where the values agree: one phase, several outlets
    a = _doc("a", "Rund 300 Helfer waren im Einsatz.", "2024-05", outlet="Kurier")
    b = _doc("b", "Etwa 300 Helfer waren im Einsatz.", "2024-05", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 300)
    assert group["relation"] == "corroborated" and len(group["claims"]) == 2


def test_scoped_figures_that_differ_stay_one_group_though_they_cannot_be_compared() -> None:
    a = _doc("a", "In Nordhafen wurden 4.000 Teilnehmer erwartet.", "2024-05")
    b = _doc("b", "In Nordhafen wurden 9.000 Teilnehmer erwartet.", "2024-05")
    group = _group_of(_groups([a, b]), "a", 4000)
    assert group["relation"] == "cannot_compare" and len(group["claims"]) == 2
    assert "agreed by" not in group["reasoning"]  # no value two origins agree on


def test_an_unscoped_figure_joins_the_one_scoped_group_whose_values_it_agrees_with() -> None:
    a = _doc("a", "In Nordhafen wurden 4.000 Teilnehmer gezählt.", "2024-05")
    b = _doc("b", "Gezählt wurden etwa 4.000 Teilnehmer.", "2024-05")
    c = _doc("c", "In Südtal wurden 9.000 Teilnehmer gezählt.", "2024-05")
    group = _group_of(_groups([a, b, c]), "b", 4000)
    assert group["scope"] == "Nordhafen" and {x["doc"] for x in group["claims"]} == {"a", "b"}
    assert group["relation"] == "corroborated" and "read as Nordhafen" in group["reasoning"]


def test_an_unscoped_figure_agreeing_with_two_places_or_only_open_ended_joins_none() -> None:
    a = _doc("a", "In Nordhafen wurden 4.000 Teilnehmer gezählt.", "2024-05")
    b = _doc("b", "Gezählt wurden etwa 4.000 Teilnehmer.", "2024-05")
    c = _doc("c", "In Südtal wurden 4.100 Teilnehmer gezählt.", "2024-05")
    assert _group_of(_groups([a, b, c]), "b", 4000)["scope"] is None
    d = _doc("d", "In Nordhafen wurden mehr als 4.000 Teilnehmer gezählt.", "2024-05")
    e = _doc("e", "Gezählt wurden mehr als 5.000 Teilnehmer.", "2024-05")
    assert _group_of(_groups([d, e]), "e", 5000)["scope"] is None


def test_a_stage_does_not_order_figures_of_another_size() -> None:
    a = _vote("a", "Laut Hochrechnung kommt die Bürgerliste auf 8,5 Prozent der Stimmen.")
    b = _vote("b", "Nach dem amtlichen Endergebnis kommt die Bürgerliste auf 4,9 Prozent der Stimmen.")
    assert _group_of(_groups([a, b]), "a", 8.5)["relation"] != "updated"


def test_a_name_after_laut_is_who_says_it_not_the_scope() -> None:
    text = "Das Institut Demoskop schätzt laut Bürgerliste die Wahlbeteiligung auf 71,5 Prozent."
    a = RuleClaims()(make_doc("a", text, published="2024-05", entities=[*ELECTION, ("Demoskop", "ORG", "Demoskop")]))
    (claim,) = [x for x in a.annotations if x.kind == "claim"]
    assert claim.data.get("scope") == "Bürgerliste"  # the claims stage reads it as scope; the grouping does not
    assert _group_of(_groups([a]), "a", 71.5)["scope"] is None
    b = _doc("b", "In Nordhafen starben laut Feuerwehr 12 Menschen.", "2024-05-02")
    assert _group_of(_groups([b]), "b", 12)["scope"] == "Nordhafen"


def test_a_series_is_an_update_though_some_values_cannot_be_placed_in_time() -> None:
    a = _doc("a", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    b = _doc("b", "In Nordhafen wurden 19 Menschen verletzt.", "2024-05-05")
    c = _doc("c", "In Nordhafen wurden 15 Menschen verletzt.", "2024-05")  # the month only: anywhere in the series
    group = _group_of(_groups([a, b, c]), "a", 12)
    assert group["relation"] == "updated" and len(group["claims"]) == 3
    assert "15 cannot be placed" in group["reasoning"]
    assert next(p["values"] for p in group["phases"]) == ["12"]


def test_a_value_given_again_after_it_was_replaced_is_no_series() -> None:
    a = _doc("a", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    b = _doc("b", "In Nordhafen wurden 19 Menschen verletzt.", "2024-05-05")
    c = _doc("c", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-08")
    assert _group_of(_groups([a, b, c]), "a", 12)["relation"] == "cannot_compare"


def test_a_disagreement_replaced_by_a_later_figure_is_an_update_but_not_when_nothing_follows() -> None:
    a = _doc("a", "Bei der Gasexplosion in Südtal wurden laut Feuerwehr 7 Menschen verletzt. Laut Klinikum wurden in Südtal 15 Menschen verletzt.", "2024-05-02")
    b = _doc("b", "In Südtal wurden 11 Menschen verletzt.", "2024-05-06")
    group = _group_of(_groups([a, b]), "a", 7)
    assert group["relation"] == "updated" and "first gave different values" in group["reasoning"]
    assert _group_of(_groups([a]), "a", 7)["relation"] == "contradicted"


def test_unscoped_figures_ordered_only_in_part_are_not_a_series() -> None:
    a = _doc("a", "Es wurden 4.000 Teilnehmer gezählt.", "2024-05-02")
    b = _doc("b", "Es wurden 9.000 Teilnehmer gezählt.", "2024-05-05")
    c = _doc("c", "Es wurden 6.000 Teilnehmer gezählt.", "2024-05")
    result = _groups([a, b, c])
    assert _group_of(result, "a", 4000)["id"] != _group_of(result, "b", 9000)["id"]
    # participants on two days are two occasions' counts, not one figure revised: grouped apart
    assert _group_of(_groups([a, b]), "a", 4000)["id"] != _group_of(_groups([a, b]), "b", 9000)["id"]
    x = _doc("x", "Es wurden 40 Menschen verletzt.", "2024-05-02")
    y = _doc("y", "Es wurden 90 Menschen verletzt.", "2024-05-05")
    assert _group_of(_groups([x, y]), "x", 40)["relation"] == "updated"  # a running toll, every value placed: a series


def test_an_earlier_year_in_the_sentence_is_no_evidence_of_order() -> None:
    text = "Im Jahr 2019 starben in Nordhafen laut Feuerwehr 12 Menschen."
    a = RuleClaims()(make_doc("a", text, published="2024-05-02", entities=PLACES, timexes=[("2019", "2019", "year")]))
    b = _doc("b", "In Nordhafen starben 19 Menschen.", "2024-05-02")
    claim = next(c for c in _group_of(_groups([a, b]), "a", 12)["claims"] if c["doc"] == "a")
    assert claim["ref_time"] == "2019"
    assert _group_of(_groups([a, b]), "a", 12)["relation"] != "updated"


def test_total_words_taken_for_places_are_no_scope() -> None:
    places = [*PLACES, ("Insgesamt", "LOC", "Insgesamt")]
    a = RuleClaims()(make_doc("a", "Insgesamt wurden 618 Menschen verletzt.", published="2024-05-02", entities=places))
    b = RuleClaims()(make_doc("b", "Es wurden 618 Menschen verletzt.", published="2024-05-02", entities=places))
    group = _group_of(_groups([a, b]), "a", 618)
    assert group["scope"] is None and {c["doc"] for c in group["claims"]} == {"a", "b"}
    c = _doc("c", "In Nordhafen wurden 618 Menschen verletzt.", "2024-05-02")  # a place stays a scope
    assert _group_of(_groups([c]), "c", 618)["scope"] == "Nordhafen"


def test_the_body_a_share_is_counted_for_is_not_whose_share_it_is() -> None:
    orgs = [*ELECTION, ("Landtag", "ORG", "Landtag")]
    a = RuleClaims()(make_doc("a", "Bei der Landtagswahl wäre die Partei mit 8,5 Prozent der Stimmen im Landtag vertreten.",
                              published="2024-05", entities=orgs))
    assert _group_of(_groups([a]), "a", 8.5)["scope"] is None
    b = _vote("b", "Bei der Landtagswahl kommt die Bürgerliste auf 8,5 Prozent der Stimmen.")
    assert _group_of(_groups([b]), "b", 8.5)["scope"] == "Bürgerliste"


def test_scope_vocabulary_loads_every_entry() -> None:
    import tomllib

    from lagebild.compare.claim_scope import SCOPES, _scope_vocabulary

    raw = tomllib.loads(SCOPES.read_text(encoding="utf-8"))
    words, body = _scope_vocabulary()
    assert raw["not_scopes"] and all(isinstance(w, str) and w == w.strip().lower() and " " not in w for w in raw["not_scopes"])
    assert words == frozenset(raw["not_scopes"]) and body is not None
    assert body.search("Einzug in den ") and body.search("im ") and not body.search("die ")


def test_a_figure_right_after_another_place_is_not_read_as_the_lead_place() -> None:
    # "waren … unterwegs", not "kamen … zusammen": that frame makes participants, and "5.000 Menschen" stays people
    lead = "Nordhafen (dpa) – In Nordhafen waren laut Polizei 9.000 Menschen unterwegs. "
    a = _doc("a", lead + "In Südtal waren 3.000 Menschen unterwegs. Die Veranstalter sprachen von 5.000 Menschen.", "2024-05-02")
    b = _doc("b", lead + "Die Veranstalter sprachen von 5.000 Menschen.", "2024-05-02")  # no other place: the lead's
    assert _group_of(_groups([a]), "a", 5000)["scope"] != "Nordhafen"
    assert _group_of(_groups([b]), "b", 5000)["scope"] == "Nordhafen"


def test_a_disputed_value_given_again_after_a_later_figure_keeps_the_dispute() -> None:
    a = _doc("a", "Bei der Gasexplosion in Südtal wurden laut Feuerwehr 7 Menschen verletzt. Laut Klinikum wurden in Südtal 15 Menschen verletzt.",
             "2024-05-02")
    b = _doc("b", "In Südtal wurden 11 Menschen verletzt.", "2024-05-06")
    c = _doc("c", "Laut Klinikum wurden in Südtal 15 Menschen verletzt.", "2024-05-06")  # the day the 11 appears
    assert _group_of(_groups([a, b, c]), "a", 7)["relation"] != "updated"


def test_a_place_no_figure_of_the_measure_is_about_does_not_keep_a_figure_from_the_lead_place() -> None:
    lead = "Nordhafen (dpa) – In Nordhafen kamen laut Polizei 9.000 Menschen zusammen. "
    a = _doc("a", lead + "Viele Besucher reisten aus Südtal an. Die Veranstalter sprachen von 9.000 Menschen.", "2024-05-02")
    assert _group_of(_groups([a]), "a", 9000)["scope"] == "Nordhafen"


def _timed(doc_id: str, text: str, published: str | None):
    from lagebild.stages.timex import RuleTimex

    return RuleClaims()(RuleTimex()(make_doc(doc_id, text, published=published, entities=PLACES)))


def _groups_after(docs, event_day: str):
    """Group with an event (the story's event day) reported by three articles."""
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.events = [{"date": {"value": event_day, "granularity": "day"}, "sources": ["x1", "x2", "x3"]}]
    ClaimGrouper()(ctx)
    return ctx.result


def test_a_weekday_after_the_event_day_orders_figures_of_articles_dated_to_the_month() -> None:
    # the event on Wednesday 2024-05-01; "bis Montag" is 2024-05-06
    a = _timed("a", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    b = _timed("b", "In Nordhafen wurden bis Montag 19 Menschen verletzt.", "2024-05")
    group = _group_of(_groups_after([a, b], "2024-05-01"), "b", 19)
    claim = next(c for c in group["claims"] if c["doc"] == "b")
    assert claim["ref_time"] == "2024-05-06" and "weekday" in claim["ref_time_basis"]
    assert group["relation"] == "updated"
    assert _group_of(_groups([a, b]), "b", 19)["relation"] == "cannot_compare"  # no event day known: no reading


def test_the_event_days_own_weekday_or_a_later_month_gives_no_reference_time() -> None:
    a = _timed("a", "In Nordhafen wurden am Mittwoch 19 Menschen verletzt.", "2024-05")  # the event day itself
    b = _timed("b", "In Nordhafen wurden bis Montag 19 Menschen verletzt.", "2024-06")  # not in its publication month
    for doc in (a, b):
        claim = next(c for c in _group_of(_groups_after([a, b], "2024-05-01"), doc.id, 19)["claims"] if c["doc"] == doc.id)
        assert "weekday" not in claim["ref_time_basis"]


def test_a_figure_of_a_one_off_count_said_of_the_event_day_is_about_that_day() -> None:
    # the event on Wednesday 2024-05-01; attendance is no running count: "am Mittwoch" dates the figure
    a = _timed("a", "In Nordhafen demonstrierten am Mittwoch laut Polizei 8.000 Menschen.", "2024-05")
    b = _timed("b", "In Nordhafen demonstrierten am Mittwoch laut Veranstaltern 15.000 Menschen.", "2024-05")
    group = _group_of(_groups_after([a, b], "2024-05-01"), "a", 8000)
    assert {c["ref_time"] for c in group["claims"]} == {"2024-05-01"}
    assert all(c["ref_time_basis"] == "text (weekday of the event day)" for c in group["claims"])
    assert group["relation"] == "contradicted"
    c = _timed("c", "In Nordhafen wurden am Mittwoch laut Polizei 8 Menschen verletzt.", "2024-05")  # a running count
    d = _timed("d", "In Nordhafen wurden am Mittwoch laut Feuerwehr 15 Menschen verletzt.", "2024-05")
    group = _group_of(_groups_after([c, d], "2024-05-01"), "c", 8)
    assert group["relation"] != "contradicted" and all("weekday" not in x["ref_time_basis"] for x in group["claims"])


def test_times_known_to_the_minute_order_figures_of_one_day() -> None:
    a = _doc("a", "In Nordhafen wurden 12 Menschen verletzt.", None)
    b = _doc("b", "In Nordhafen wurden 19 Menschen verletzt.", None)
    a.meta.published.value, b.meta.published.value = "2024-05-02T08:10", "2024-05-02T19:40"
    assert _group_of(_groups([a, b]), "a", 12)["relation"] == "updated"
    b.meta.published.inferred = True  # a guessed time orders nothing to the minute
    assert _group_of(_groups([a, b]), "a", 12)["relation"] != "updated"


def test_an_attendance_dispute_is_not_settled_by_a_later_figure() -> None:
    a = _doc("a", "In Nordhafen demonstrierten laut Polizei 8.000 Menschen. In Nordhafen demonstrierten laut Veranstaltern "
                  "12.000 Menschen.", "2024-05-02")
    b = _doc("b", "In Nordhafen demonstrierten 10.000 Menschen.", "2024-05-06")
    measure = next(c.data["measure"] for c in a.annotations if c.kind == "claim")
    assert measure == "participants"
    assert _group_of(_groups([a, b]), "a", 8000)["relation"] == "contradicted"


def test_running_measures_are_measures_of_the_vocabulary() -> None:
    from lagebild.compare.figure_stage import running_measures
    from lagebild.numbers.measures import load_measures

    vocab = load_measures()
    assert running_measures() and all(vocab.by_id(m) is not None for m in running_measures())
    assert "participants" not in running_measures()


def test_a_place_where_another_measure_is_counted_does_not_keep_an_agreeing_figure_from_the_lead_place() -> None:
    lead = "Nordhafen (dpa) – In Nordhafen kamen laut Polizei 9.000 Menschen zusammen. "
    a = _doc("a", lead + "In Südtal versammelten sich 3.000 Menschen. Die Veranstalter sprachen von 9.000 Menschen.", "2024-05-02")
    measures = {c.data["value"]: c.data["measure"] for c in a.annotations if c.kind == "claim"}
    assert measures[3000] == "participants" and measures[9000] == "people"
    assert {c["doc"] for c in _group_of(_groups([a]), "a", 9000)["claims"]} == {"a"}
    assert _group_of(_groups([a]), "a", 9000)["scope"] == "Nordhafen"


def test_a_place_where_another_measure_is_counted_keeps_a_differing_figure_from_the_lead_place() -> None:
    lead = "Nordhafen (dpa) – In Nordhafen kamen laut Polizei 9.000 Menschen zusammen. "
    a = _doc("a", lead + "In Südtal versammelten sich 3.000 Menschen. Die Veranstalter sprachen von 5.000 Menschen.", "2024-05-02")
    measures = {c.data["value"]: c.data["measure"] for c in a.annotations if c.kind == "claim"}
    assert measures[3000] == "participants" and measures[5000] == "people"
    assert _group_of(_groups([a]), "a", 5000)["scope"] is None  # the organisers' figure for Südtal, not Nordhafen


def test_a_running_toll_is_one_series_far_beyond_one_order_of_magnitude() -> None:
    docs = [_doc(f"d{n}", f"In Nordhafen starben {v} Menschen.", day)
            for n, (v, day) in enumerate([(4, "2024-05-02"), (18, "2024-05-03"), (90, "2024-05-05"), (141, "2024-05-09")])]
    group = _group_of(_groups(docs), "d0", 4)
    assert group["relation"] == "updated" and len(group["claims"]) == 4
    assert [p["values"] for p in group["phases"]] == [["4"], ["18"], ["90"], ["141"]]


def test_a_running_toll_with_a_jump_beyond_the_ratio_and_attendance_figures_are_cut() -> None:
    docs = [_doc("a", "In Nordhafen starben 5 Menschen.", "2024-05-02"), _doc("b", "In Nordhafen starben 40 Menschen.", "2024-05-04")]
    result = _groups(docs)
    assert _group_of(result, "a", 5)["id"] != _group_of(result, "b", 40)["id"]  # 8 times the one below: another quantity
    docs = [_doc(d, f"In Nordhafen wurden {v} Teilnehmer gezählt.", day)
            for d, v, day in [("c", "3.000", "2024-05-02"), ("d", "15.000", "2024-05-03"), ("e", "70.000", "2024-05-04")]]
    result = _groups(docs)
    # not a running count: neighbours within the ratio do not chain 3.000 to 70.000
    assert _group_of(result, "c", 3000)["id"] != _group_of(result, "e", 70000)["id"]


def test_one_stray_value_does_not_cut_a_cluster_of_attendance_figures() -> None:
    docs = [_doc(d, f"In Nordhafen wurden {v} Teilnehmer gezählt.", "2024-05-02", outlet=d)
            for d, v in [("a", "10.000"), ("b", "50.000"), ("c", "80.000"), ("d", "130.000")]]
    result = _groups(docs)
    group = _group_of(result, "b", 50000)
    assert {x["doc"] for x in group["claims"]} == {"b", "c", "d"}
    assert _group_of(result, "a", 10000)["id"] != group["id"]


def test_a_place_in_the_lead_does_not_keep_a_figure_from_the_one_group_its_values_fit() -> None:
    # "Südtal (dpa) –" is a dateline: the agency's office, or a region the counted place lies in
    a = _doc("a", "In Nordhafen wurden 4.000 Teilnehmer gezählt.", "2024-05")
    b = _doc("b", "Südtal (dpa) – Großer Protest am Samstag. Gezählt wurden etwa 4.000 Teilnehmer.", "2024-05")
    c = _doc("c", "In Südtal starben 2 Menschen.", "2024-05")  # the story counts something in Südtal
    assert _group_of(_groups([a, b, c]), "b", 4000)["scope"] == "Nordhafen"
    d = _doc("d", "In Südtal wurden 9.000 Teilnehmer gezählt.", "2024-05")  # Südtal's own count: the lead place's group
    assert _group_of(_groups([a, b, d]), "b", 4000)["scope"] == "Südtal"


def test_a_place_named_just_before_a_figure_gives_its_scope() -> None:
    a = _doc("a", "In Südtal starben 18 Menschen.", "2024-05-02")
    lead = "Schwere Unwetter haben am Fluss große Schäden angerichtet. " * 6  # the place is past the lead
    b = _doc("b", lead + "Das Wasser traf Südtal besonders hart. Mindestens 28 Menschen starben.", "2024-05-03")
    assert _group_of(_groups([a, b]), "b", 28)["scope"] == "Südtal"
    c = _doc("c", lead + "Mindestens 28 Menschen starben.", "2024-05-03")  # no place before it
    assert _group_of(_groups([a, c]), "c", 28)["scope"] is None


def test_a_figure_to_several_decimals_joins_the_group_that_gives_that_very_figure() -> None:
    orgs = [("Bürgerliste", "ORG", "Bürgerliste"), ("Heimatbund", "ORG", "Heimatbund")]
    a = RuleClaims()(make_doc("a", "Bei der Landtagswahl kommt die Bürgerliste auf 4,972 Prozent der Stimmen.", published="2024-05", entities=orgs))
    b = RuleClaims()(make_doc("b", "Bei der Landtagswahl kommt der Heimatbund auf 5 Prozent der Stimmen.", published="2024-05", entities=orgs))
    c = RuleClaims()(make_doc("c", "Bei der Landtagswahl reichten 4,972 Prozent der Stimmen nicht.", published="2024-05", entities=orgs))
    assert _group_of(_groups([a, b, c]), "c", 4.972)["scope"] == "Bürgerliste"
    d = RuleClaims()(make_doc("d", "Bei der Landtagswahl reichten 5 Prozent der Stimmen nicht.", published="2024-05", entities=orgs))
    e = RuleClaims()(make_doc("e", "Bei der Landtagswahl kommt die Bürgerliste auf 5,0 Prozent der Stimmen.", published="2024-05", entities=orgs))
    assert _group_of(_groups([b, d, e]), "d", 5)["scope"] is None  # a whole number fits both: neither is taken


def test_a_hedged_figure_after_a_lower_one_is_a_new_value_not_a_repeat_of_the_first() -> None:
    a = _doc("a", "Bei der Gasexplosion in Südtal wurden laut Feuerwehr 7 Menschen verletzt. Laut Klinikum wurden in Südtal 15 Menschen verletzt.",
             "2024-05-02")
    b = _doc("b", "In Südtal wurden 11 Menschen verletzt.", "2024-05-03")
    c = _doc("c", "In Südtal wurden fast 16 Menschen verletzt.", "2024-05-09")  # agrees with the 15 by its hedge
    group = _group_of(_groups([a, b, c]), "a", 7)
    assert group["relation"] == "updated" and len(group["phases"]) == 4
    assert group["phases"][-1]["claims"] == [next(x["id"] for x in group["claims"] if x["doc"] == "c")]


def _phase_docs(group, doc_id):
    (phase,) = [p for p in group["phases"] if any(x.split("#")[0] == doc_id for x in p["claims"])]
    return {x.split("#")[0] for x in phase["claims"]}


def test_a_lower_bound_goes_with_the_figure_it_names_not_a_larger_one_it_allows() -> None:
    a = _doc("a", "In Nordhafen starben 87 Menschen.", "2024-05")
    b = _doc("b", "In Nordhafen starben 18 Menschen.", "2024-05")
    c = _doc("c", "In Nordhafen starben mindestens 18 Menschen.", "2024-05")
    assert _phase_docs(_group_of(_groups([a, b, c]), "c", 18), "c") == {"b", "c"}


def test_a_day_within_a_month_is_no_distance_from_it() -> None:
    # "mindestens 40" (known to the month) allows the 42 (a day of that month) and the 117 (the month): no time
    # lies between it and either, so it goes with the nearer value
    a = _doc("a", "In Nordhafen starben 42 Menschen.", "2024-05-19")
    b = _doc("b", "In Nordhafen starben 117 Menschen.", "2024-05")
    c = _doc("c", "In Nordhafen starben mindestens 40 Menschen.", "2024-05")
    assert _phase_docs(_group_of(_groups([a, b, c]), "c", 40), "c") == {"a", "c"}


def test_a_precise_figure_is_not_corroborated_by_vague_or_open_figures_that_only_allow_it() -> None:
    a = _doc("a", "In Nordhafen starben 128 Menschen.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen starben mehr als 90 Menschen.", "2024-05-02", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 128)
    assert group["relation"] == "single" and "do not confirm" in group["reasoning"]
    c = _doc("c", "In Nordhafen starben mehr als 128 Menschen.", "2024-05-02", outlet="Blatt")  # the same number
    assert _group_of(_groups([a, c]), "a", 128)["relation"] == "corroborated"
    d = _doc("d", "In Nordhafen werden Dutzende Menschen vermisst.", "2024-05-02", outlet="Kurier")
    e = _doc("e", "In Nordhafen werden Dutzende Menschen vermisst.", "2024-05-02", outlet="Bote")
    vague = next(g for g in _groups([d, e]).claim_groups if any(c["doc"] == "d" and c["low"] == 24 for c in g["claims"]))
    assert vague["relation"] == "corroborated"  # only vague ones ("Dutzende" = 24–99, a lower bound without a value): they agree


def test_a_dispute_in_one_article_does_not_take_in_another_articles_unplaced_figure() -> None:
    a = _doc("a", "Viele demonstrierten am Samstag. Die Polizei sprach von 50.000 Teilnehmern, die Veranstalter von"
                  " 130.000.", "2024-05", outlet="Kurier")
    b = _doc("b", "Laut Polizei kamen rund 100.000 Teilnehmer.", "2024-05", outlet="Bote")  # another value, no place
    result = _groups([a, b])
    disputed = _group_of(result, "a", 50000)
    assert disputed["relation"] == "contradicted" and {x["doc"] for x in disputed["claims"]} == {"a"}
    assert _group_of(result, "b", 100000)["id"] != disputed["id"]
    c = _doc("c", "In Nordhafen demonstrierten am Samstag viele. Die Polizei sprach von 50.000 Teilnehmern, die Veranstalter"
                  " von 130.000.", "2024-05", outlet="Kurier")
    d = _doc("d", "In Nordhafen kamen laut Polizei rund 100.000 Teilnehmer.", "2024-05", outlet="Bote")
    group = _group_of(_groups([c, d]), "c", 50000)  # with the place stated, the other article's figure is the same quantity
    assert {x["doc"] for x in group["claims"]} == {"c", "d"}


REGION = [("nordländischen", "LOC", "Nordland"), ("Landkreis Weidenau", "LOC", "Landkreis Weidenau")]


def _scoped_to(doc, surface: str):
    """The document with its claims' scope set to the entity ``surface`` (as the claims stage may read a
    place adjective before a name, "im rheinland-pfälzischen Landkreis …", for the scope)."""
    ent = next(a for a in doc.annotations if a.kind == "entity" and a.surface == surface)
    for a in doc.annotations:
        if a.kind == "claim":
            a.data.update(scope=surface, scope_kind="place", scope_ann=ent.id)
    return doc


def test_a_place_adjective_before_a_place_name_scopes_the_figure_to_the_named_place() -> None:
    a = _scoped_to(RuleClaims()(make_doc("a", "Im nordländischen Landkreis Weidenau starben mindestens 4 Menschen.",
                                         published="2024-05-02", entities=REGION)), "nordländischen")
    b = RuleClaims()(make_doc("b", "Im Landkreis Weidenau starben 18 Menschen.", published="2024-05-04", entities=REGION))
    group = _group_of(_groups([a, b]), "a", 4)
    assert group["scope"] == "Landkreis Weidenau" and {x["doc"] for x in group["claims"]} == {"a", "b"}
    # an adjective before no place name keeps its own reading: not the Landkreis named later in the text
    c = _scoped_to(RuleClaims()(make_doc("c", "Die nordländischen Behörden meldeten 7 Tote. Der Landkreis Weidenau blieb verschont.",
                                         published="2024-05-02", entities=REGION)), "nordländischen")
    assert _group_of(_groups([c]), "c", 7)["scope"] == "nordländischen"


def test_differing_figures_of_which_only_the_unit_is_known_are_no_contradiction() -> None:
    a = _doc("a", "Der Wetterdienst erwartet laut DWD 32 Grad, die Meteorologen von Wetteronline sprechen von 25 Grad.",
             "2024-07-02")
    measures = {c.data.get("measure") for c in a.annotations if c.kind == "claim"}
    assert measures == {"unit:grad"}  # no measure of the vocabulary: grouped by the unit alone
    groups = _groups([a]).claim_groups
    assert groups and not [g for g in groups if g["relation"] == "contradicted"]
    b = _doc("b", "In Nordhafen demonstrierten viele. Laut Polizei waren es 8.000 Teilnehmer, laut Veranstaltern 15.000 Teilnehmer.",
             "2024-05-02")
    assert _group_of(_groups([b]), "b", 8000)["relation"] == "contradicted"  # a measure of the vocabulary


def test_the_same_bound_from_three_outlets_is_corroborated() -> None:
    docs = [_doc(d, "Bei dem Unglück in Nordhafen wurden über 200 Menschen verletzt.", "2024-05-02", outlet=d) for d in "abc"]
    group = _group_of(_groups(docs), "a", 200)
    assert group["relation"] == "corroborated" and group["independent_sources"] == 3


def test_agency_copies_in_two_outlets_are_one_source_not_a_corroboration() -> None:
    a = _doc("a", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Kurier", agencies=["dpa"])
    b = _doc("b", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Bote", agencies=["dpa"])
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "single" and group["independent_sources"] == 1 and group["articles"] == 2
    c = _doc("c", "In Nordhafen starben 12 Menschen.", "2024-05-02", outlet="Blatt")
    assert _group_of(_groups([a, b, c]), "a", 12)["relation"] == "corroborated"


def test_a_series_shows_values_no_known_time_puts_apart_as_one_step() -> None:
    a = _doc("a", "In Nordhafen starben 28 Menschen.", "2024-05")
    b = _doc("b", "In Nordhafen starben 18 Menschen.", "2024-05")
    c = _doc("c", "In Nordhafen starben 90 Menschen.", "2024-06-10")
    group = _group_of(_groups([a, b, c]), "a", 28)
    assert group["relation"] == "updated" and "(18 / 28 → 90)" in group["reasoning"]
    assert [p["values"] for p in group["phases"]] == [["18"], ["28"], ["90"]]
    d = _doc("d", "In Nordhafen starben 45 Menschen.", "2024-06-02")  # between the month and the 10 June: a step of its own
    assert "(18 / 28 → 45 → 90)" in _group_of(_groups([a, b, c, d]), "a", 28)["reasoning"]


def test_a_dispute_keeps_other_articles_that_give_a_disputed_value_themselves() -> None:
    a = _doc("a", "Viele demonstrierten am Samstag. Die Polizei sprach von 50.000 Teilnehmern, die Veranstalter von 130.000.",
             "2024-05-04", outlet="Kurier")
    b = _doc("b", "Laut Veranstaltern kamen 130.000 Teilnehmer.", "2024-05", outlet="Bote")  # the organisers' own figure
    group = _group_of(_groups([a, b]), "a", 50000)
    assert group["relation"] == "contradicted" and {x["doc"] for x in group["claims"]} == {"a", "b"}


def test_a_dispute_about_a_place_does_not_take_in_another_articles_undisputed_figure_read_as_that_place() -> None:
    a = _doc("a", "In Nordhafen sprach die Gewerkschaft am Montag von 68.000 Teilnehmern am Warnstreik, das Unternehmen"
                  " von 35.000.", "2024-05", outlet="Kurier")
    b = _doc("b", "Warnstreik in Nordhafen. Fast 100.000 Beschäftigte beteiligten sich laut Gewerkschaft am Ausstand.",
             "2024-05", outlet="Bote")  # no place stated with the figure: another strike, no part in the dispute
    result = _groups([a, b])
    disputed, apart = _group_of(result, "a", 68000), _group_of(result, "b", 100000)
    assert disputed["relation"] == "contradicted" and {x["doc"] for x in disputed["claims"]} == {"a"}
    assert apart["id"] != disputed["id"] and apart["relation"] != "contradicted" and apart["scope"] is None
    assert "take no part in that dispute" in apart["reasoning"]


def test_another_articles_figure_giving_a_disputed_value_stays_in_the_dispute_about_its_place() -> None:
    a = _doc("a", "In Nordhafen sprach die Gewerkschaft am Montag von 68.000 Teilnehmern am Warnstreik, das Unternehmen"
                  " von 35.000.", "2024-05", outlet="Kurier")
    c = _doc("c", "Warnstreik in Nordhafen. Rund 68.000 Beschäftigte beteiligten sich laut Gewerkschaft am Ausstand.",
             "2024-05", outlet="Blatt")  # the union's own disputed value
    group = _group_of(_groups([a, c]), "a", 68000)
    assert group["relation"] == "contradicted" and {x["doc"] for x in group["claims"]} == {"a", "c"}
    assert "take no part" not in group["reasoning"]


def test_a_figure_read_as_a_place_by_its_values_alone_does_not_vouch_for_another() -> None:
    a = _doc("a", "In Nordhafen wurden 100.000 Teilnehmer gezählt.", "2024-05")
    b = _doc("b", "Gezählt wurden über 50.000 Teilnehmer.", "2024-05")  # allows 100.000: read as Nordhafen
    c = _doc("c", "Gezählt wurden 50.000 Teilnehmer.", "2024-05")  # agrees only with b's bound
    result = _groups([a, b, c])
    assert _group_of(result, "b", 50000)["scope"] == "Nordhafen"
    assert _group_of(result, "c", 50000)["scope"] is None
    assert _group_of(_groups([c, b, a]), "c", 50000)["scope"] is None  # whatever order the articles come in


def test_the_very_bound_a_stated_figure_gives_reads_an_unscoped_one_as_its_place() -> None:
    a = _doc("a", "In Nordhafen sollen mehr als 35.000 Stellen wegfallen.", "2024-05")
    b = _doc("b", "Mehr als 35.000 Stellen sollen wegfallen.", "2024-05")
    group = _group_of(_groups([a, b]), "b", 35000)
    assert group["scope"] == "Nordhafen" and {x["doc"] for x in group["claims"]} == {"a", "b"}
    c = _doc("c", "Mehr als 20.000 Stellen sollen wegfallen.", "2024-05")  # another bound: it only allows it
    assert _group_of(_groups([a, c]), "c", 20000)["scope"] is None


def test_a_place_named_in_the_body_before_a_figure_stands_against_a_place_the_article_does_not_name() -> None:
    places = [*PLACES, ("Bergstadt", "LOC", "Bergstadt")]
    filler = "Die Stimmung blieb den ganzen Tag über friedlich. " * 6  # the next place is past the lead
    b = RuleClaims()(make_doc("b", "Bergstadt (dpa) – In Bergstadt kamen laut Polizei 100.000 Menschen zusammen. " + filler
                                   + "In Südtal versammelten sich 35.000 Teilnehmer. Die Veranstalter sprachen von 80.000"
                                   " Menschen.", published="2024-05", entities=places))
    c = _doc("c", "In Nordhafen kamen etwa 80.000 Menschen zusammen.", "2024-05")
    assert _group_of(_groups([b, c]), "b", 80000)["scope"] != "Nordhafen"


def test_a_name_with_a_number_in_it_is_a_scope_but_a_number_is_not() -> None:
    assert not no_scope("Bündnis 90/Die Grünen") and not no_scope("Bezirk 21")
    assert no_scope("5.000 Teilnehmern") and no_scope("1,5") and no_scope("Insgesamt") and no_scope(" ")


def test_as_many_as_is_the_claimants_figure_at_its_top_but_at_most_is_a_bound() -> None:
    from lagebild.compare.claim_values import value_interval

    assert value_interval({"value": 15000, "hedge": "bis zu", "value_text": "15.000"}) == (12750.0, 15000.0)
    assert value_interval({"value": 15000, "hedge": "höchstens", "value_text": "15.000"}) == (0.0, 15000.0)
    a = _doc("a", "In Nordhafen demonstrierten am Samstag viele. Die Polizei sprach von 8.000 Teilnehmern, die Veranstalter"
                  " von bis zu 15.000.", "2024-05-02")
    assert _group_of(_groups([a]), "a", 8000)["relation"] == "contradicted"
    b = _doc("b", "In Nordhafen demonstrierten am Samstag viele. Die Polizei sprach von 8.000 Teilnehmern, die Veranstalter"
                  " von weniger als 15.000.", "2024-05-02")
    assert _group_of(_groups([b]), "b", 8000)["relation"] != "contradicted"  # a bound that allows the police's figure


def test_figures_set_apart_by_their_size_say_so() -> None:
    a = _doc("a", "In Nordhafen kamen 4.000 Teilnehmer.", "2024-05-02")
    b = _doc("b", "In Nordhafen kamen 90.000 Teilnehmer.", "2024-05-02")
    result = _groups([a, b])
    small, large = _group_of(result, "a", 4000), _group_of(result, "b", 90000)
    assert small["id"] != large["id"] and "differ in size" in small["reasoning"] and "differ in size" in large["reasoning"]
    c = _doc("c", "In Nordhafen kamen 5.000 Teilnehmer.", "2024-05-03")
    assert "differ in size" not in _group_of(_groups([a, c]), "a", 4000)["reasoning"]


def test_figures_one_article_dates_apart_are_no_contradiction_but_figures_it_gives_for_one_time_are() -> None:
    a = _timed("a", "In Nordhafen starben im Jahr 2014 laut Behörden 30 Menschen. In Nordhafen starben am Montag laut"
                    " Polizei 12 Menschen.", "2015-05-06")  # an earlier toll beside the new one
    result = _groups([a])
    group = _group_of(result, "a", 12)
    assert group["relation"] != "contradicted" and group["id"] != _group_of(result, "a", 30)["id"]  # the 2014 toll apart
    b = _timed("b", "In Nordhafen starben laut Behörden 30 Menschen, die Polizei sprach von 12 Toten.", "2015-05-06")
    assert _group_of(_groups([b]), "b", 12)["relation"] == "contradicted"


def test_a_dispute_over_a_running_toll_keeps_another_articles_value_read_as_its_place() -> None:
    a = _doc("a", "In Südtal wurden laut Feuerwehr 7 Menschen verletzt, das Klinikum sprach von 15 Verletzten.",
             "2024-05", outlet="Kurier")
    b = _doc("b", "Gasexplosion in Südtal. 11 Menschen wurden verletzt.", "2024-05", outlet="Bote")  # the count later
    group = _group_of(_groups([a, b]), "a", 7)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and "take no part" not in group["reasoning"]


_HEDGES = ["", "etwa", "rund", "knapp", "fast", "bis zu", "mehr als", "über", "mindestens", "höchstens", "weniger als", "unter"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(_HEDGES))
def test_a_hedged_figure_allows_its_own_value_and_a_range_in_order(value: int, hedge: str) -> None:
    from lagebild.compare.claim_values import value_interval

    text = f"{value:,}".replace(",", ".")
    interval = value_interval({"value": float(value), "hedge": hedge or None, "value_text": text})
    assert interval is not None
    low, high = interval
    assert 0 <= low <= value <= high


def test_a_range_the_article_calls_the_spread_of_differing_estimates_is_a_contradiction() -> None:
    a = _doc("a", "In Nordhafen demonstrierten am Sonntag viele. Die Schätzungen von Polizei und Veranstaltern gingen weit"
                  " auseinander: zwischen 8.000 und 15.000 Teilnehmer.", "2024-05-05")
    group = _group_of(_groups([a]), "a", 11500)
    assert group["relation"] == "contradicted" and "different sources' figures for the same time" in group["reasoning"]
    b = _doc("b", "In Nordhafen rechnete die Polizei am Sonntag mit 8.000 bis 15.000 Teilnehmern.", "2024-05-05")
    assert _group_of(_groups([b]), "b", 11500)["relation"] != "contradicted"  # one source's estimate


def test_dispute_vocabulary_loads_every_entry() -> None:
    import tomllib

    from lagebild.compare.claim_values import DISPUTES, _spread_cues

    cues = tomllib.loads(DISPUTES.read_text(encoding="utf-8"))["range_cues"]
    pattern = _spread_cues()
    assert pattern is not None and len(cues) >= 5
    for word in ("gehen auseinander", "schwanken", "widersprüchliche", "je nach Quelle", "differ"):
        assert pattern.search(word), word


def test_a_figure_split_into_places_right_after_it_is_the_whole_not_the_lead_place() -> None:
    a = _doc("a", "In Nordhafen beteiligten sich 12.000 Beschäftigte am Warnstreik.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Nordhafen (dpa) – Am Warnstreik beteiligten sich 12.000 Beschäftigte, davon 5.000 in Südtal.",
             "2024-05-02", outlet="Bote")
    assert _group_of(_groups([a, b]), "b", 12000)["scope"] is None  # the whole, of which Südtal is a part
    c = _doc("c", "Nordhafen (dpa) – Am Warnstreik beteiligten sich 12.000 Beschäftigte, darunter 5.000 Frauen.",
             "2024-05-02", outlet="Bote")  # parts by kind, not by place
    assert _group_of(_groups([a, c]), "c", 12000)["scope"] == "Nordhafen"


PAIR = [("BL/FL", "ORG", "BL/FL"), ("BL", "ORG", "BL"), ("Bürgerliste", "ORG", "Bürgerliste")]


def _pair(doc_id: str, text: str, published: str = "2024-05"):
    return RuleClaims()(make_doc(doc_id, text, published=published, entities=PAIR))


def test_a_joint_scope_is_not_one_of_its_parts() -> None:
    assert scope_key("CDU/CSU") != scope_key("CDU") and scope_key("CDU/CSU") == scope_key("CSU/CDU")
    assert scope_key("Bündnis 90/Die Grünen") == scope_key("Bündnis 90")  # a name with a slash in it, no pair
    a = _pair("a", "Nach dem vorläufigen Endergebnis kommen BL/FL auf 30,9 Prozent der Stimmen.")
    b = _pair("b", "Nach dem vorläufigen Endergebnis kommt die BL auf 22,6 Prozent der Stimmen.")
    result = _groups([a, b])
    assert _group_of(result, "a", 30.9)["id"] != _group_of(result, "b", 22.6)["id"]


def test_a_joint_share_may_differ_by_its_parts_rounding_but_a_single_share_may_not() -> None:
    # 22,6 + 6,0 rounded parts give 28,6; the joint share rounded once gives 28,5: one result
    a = _pair("a", "Nach dem vorläufigen Endergebnis kommen BL/FL zusammen auf 28,6 Prozent der Stimmen.")
    b = _pair("b", "Nach dem vorläufigen Endergebnis kommen BL/FL auf 28,5 Prozent der Stimmen.")
    group = _group_of(_groups([a, b]), "a", 28.6)
    assert group["relation"] == "corroborated" and {c["doc"] for c in group["claims"]} == {"a", "b"}
    c = _pair("c", "Nach dem vorläufigen Endergebnis kommen BL/FL auf 28,7 Prozent der Stimmen.")  # two units apart
    assert len(_group_of(_groups([b, c]), "b", 28.5)["phases"]) == 2
    d = _pair("d", "Nach dem vorläufigen Endergebnis kommt die Bürgerliste auf 4,97 Prozent der Stimmen.", "2024-05-02")
    e = _pair("e", "Nach dem vorläufigen Endergebnis kommt die Bürgerliste auf 4,98 Prozent der Stimmen.", "2024-05-09")
    assert len(_group_of(_groups([d, e]), "d", 4.97)["phases"]) == 2  # one party: rounded once, a new value


def test_a_figure_of_an_earlier_year_is_grouped_apart_from_the_reports_own() -> None:
    a = _vote("a", "Die Bürgerliste kommt auf 30,1 Prozent der Stimmen, nach 24,1 Prozent der Stimmen bei der Wahl 2019.")
    b = _vote("b", "Die Bürgerliste kommt auf 30,1 Prozent der Stimmen.")
    result = _groups([a, b])
    now, before = _group_of(result, "a", 30.1), _group_of(result, "a", 24.1)
    assert now["id"] != before["id"] and now["relation"] == "corroborated"
    c = _vote("c", "Die Bürgerliste kommt auf 24,1 Prozent der Stimmen.")  # no earlier year named: the report's own
    assert _group_of(_groups([b, c]), "c", 24.1)["id"] == _group_of(_groups([b, c]), "b", 30.1)["id"]


def test_an_estimate_the_count_confirms_is_replaced_by_it_but_an_attendance_estimate_is_not() -> None:
    a = _vote("a", "Laut Prognose kommt die Bürgerliste auf 29,8 Prozent der Stimmen.")
    b = _vote("b", "Nach dem vorläufigen amtlichen Endergebnis kommt die Bürgerliste auf 29,8 Prozent der Stimmen.")
    group = _group_of(_groups([a, b]), "a", 29.8)
    assert group["relation"] == "updated" and [c["stage"] for c in group["claims"]] == ["exit poll", "preliminary result"]
    c = _doc("c", "In Nordhafen demonstrierten am Samstag nach Schätzungen der Polizei 5.000 Menschen.", "2024-05-02")
    d = _doc("d", "In Nordhafen demonstrierten am Samstag 5.000 Menschen.", "2024-05-02")
    assert _group_of(_groups([c, d]), "c", 5000)["relation"] == "corroborated"


def test_a_total_over_the_sites_is_never_one_sites_figure() -> None:
    a = _doc("a", "In Nordhafen zählte die Gewerkschaft 5.000 Teilnehmer am Warnstreik. In Südtal zählte sie 3.000 Teilnehmer.",
             "2024-05-02", outlet="Kurier")  # counted site by site
    b = _doc("b", "In Südtal zählte die Gewerkschaft 3.000 Teilnehmer am Warnstreik.", "2024-05-02", outlet="Bote")
    c = _doc("c", "An allen Standorten zusammen zählte die Gewerkschaft 8.000 Teilnehmer am Warnstreik.", "2024-05-02", outlet="Blatt")
    d = _doc("d", "Warnstreik in Nordhafen. Die Gewerkschaft zählte 8.000 Teilnehmer.", "2024-05-02", outlet="Post")
    result = _groups([a, b, c, d])
    total = _group_of(result, "c", 8000)
    assert total["scope"] is None and total["relation"] == "corroborated" and "totals over the places" in total["reasoning"]
    assert {x["doc"] for x in total["claims"]} == {"c", "d"}  # the Nordhafen article's 8.000 is the total, not Nordhafen's
    assert _group_of(result, "a", 5000)["id"] != total["id"]


def test_a_total_cue_for_one_place_or_in_another_clause_or_with_one_place_counted_is_no_total() -> None:
    a = _doc("a", "In Nordhafen zählte die Gewerkschaft 5.000 Teilnehmer am Warnstreik.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Südtal zählte die Gewerkschaft 3.000 Teilnehmer am Warnstreik.", "2024-05-02", outlet="Bote")
    c = _doc("c", "Insgesamt zählte die Gewerkschaft in Nordhafen 5.000 Teilnehmer am Warnstreik.", "2024-05-02", outlet="Blatt")
    d = _doc("d", "In Nordhafen kamen 5.000 Teilnehmer zusammen, in Südtal waren es 3.000 Teilnehmer.", "2024-05-02", outlet="Post")
    result = _groups([a, b, c, d])
    assert _group_of(result, "c", 5000)["scope"] == "Nordhafen"
    assert _group_of(result, "d", 3000)["scope"] == "Südtal"
    assert not [g for g in result.claim_groups if "totals over the places" in g["reasoning"]]
    e = _doc("e", "In Nordhafen wurden 39 Menschen verletzt.", "2024-05-02", outlet="Kurier")
    f = _doc("f", "Insgesamt wurden 39 Menschen verletzt.", "2024-05-02", outlet="Bote")  # one place counted: its total
    assert _group_of(_groups([e, f]), "f", 39)["scope"] == "Nordhafen"


def test_a_total_of_one_event_counted_at_one_place_per_article_stays_with_that_place() -> None:
    a = _doc("a", "Zugunglück in Nordhafen: 40 Menschen wurden verletzt.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Südtal werden 12 Verletzte behandelt.", "2024-05-02", outlet="Bote")  # a hospital town, no second site
    c = _doc("c", "Zugunglück in Nordhafen. Insgesamt wurden 40 Menschen verletzt.", "2024-05-02", outlet="Blatt")
    result = _groups([a, b, c])
    assert not [g for g in result.claim_groups if "totals over the places" in g["reasoning"]]
    assert {x["doc"] for x in _group_of(result, "c", 40)["claims"]} == {"a", "c"}


def test_people_are_read_as_participants_only_where_the_story_gives_that_value_for_participants() -> None:
    a = _doc("a", "In Nordhafen demonstrierten laut Polizei 50.000 Teilnehmer.", "2024-05-02", outlet="Kurier")
    # "waren … unterwegs" says no more than people ("kamen … zusammen" is itself a frame of participants)
    b = _doc("b", "In Nordhafen waren laut Polizei 50.000 Menschen unterwegs.", "2024-05-02", outlet="Bote")
    c = _doc("c", "Der Konzern beschäftigt in Nordhafen 300.000 Menschen.", "2024-05-02", outlet="Blatt")
    d = _doc("d", "In Nordhafen starben 50.000 Menschen.", "2024-05-02", outlet="Post")  # a casualty is never re-read
    result = _groups([a, b, c, d])
    group = _group_of(result, "b", 50000)
    assert group["measure"] == "participants" and {x["doc"] for x in group["claims"]} == {"a", "b"}
    assert group["relation"] == "corroborated" and "written as people are read as participants" in group["reasoning"]
    assert {x["measure"] for x in group["claims"]} == {"participants"}  # each member as read, and as written:
    assert [x.get("measure_as_written") for x in group["claims"] if x["doc"] == "b"] == ["people"]
    assert _group_of(result, "c", 300000)["measure"] == "employees"  # staff by its frame, never participants
    assert _group_of(result, "d", 50000)["measure"] == "dead"


def test_the_measure_equivalents_name_known_measures() -> None:
    from lagebild.compare.claim_measure import equivalents
    from lagebild.numbers.measures import load_measures

    table, vocab = equivalents(), load_measures()
    # "people" and "percent" are the measures of a count whose noun names no more than persons and of a bare
    # percentage (the vocabulary's fallbacks); "percent:*" stands for the shares of named wholes, "percent:befragte" is
    # the share of one named whole
    fallbacks = {"people", "percent"}
    assert table and all((g in fallbacks or vocab.by_id(g) or g.partition(":")[0] in fallbacks) and all(vocab.by_id(m) or (m.endswith(":*") and m[:-2] in fallbacks)
                                                                  for m in ms) for g, ms in table.items())
    assert not {"dead", "injured", "missing"} & {m for ms in table.values() for m in ms}  # casualties are never guessed


PARTIES = [("BL", "ORG", "BL"), ("FL", "ORG", "FL"), ("BL/FL", "ORG", "BL/FL")]


def _party(doc_id: str, text: str, published: str = "2024-05"):
    return RuleClaims()(make_doc(doc_id, text, published=published, entities=PARTIES))


def test_two_names_joined_by_und_are_the_pairs_scope_but_a_respective_list_is_not() -> None:
    a = _party("a", "Nach dem vorläufigen Endergebnis kommen BL und FL auf 28,5 Prozent der Stimmen.")
    b = _party("b", "Nach dem vorläufigen Endergebnis kommt die BL/FL auf 28,5 Prozent der Stimmen.")
    c = _party("c", "Nach dem vorläufigen Endergebnis kommt die FL auf 6,0 Prozent der Stimmen.")
    result = _groups([a, b, c])
    pair = _group_of(result, "a", 28.5)
    assert {x["doc"] for x in pair["claims"]} == {"a", "b"} and pair["id"] != _group_of(result, "c", 6.0)["id"]
    d = _party("d", "Nach dem vorläufigen Endergebnis scheitern BL und FL mit 4,9 und 4,3 Prozent der Stimmen.")
    e = _party("e", "Nach dem vorläufigen Endergebnis kommt die FL auf 4,3 Prozent der Stimmen.")
    result = _groups([d, e])
    assert {x["doc"] for x in _group_of(result, "d", 4.3)["claims"]} == {"d", "e"}  # each party its own figure
    assert _group_of(result, "d", 4.9)["id"] != _group_of(result, "d", 4.3)["id"]


def test_estimates_of_two_institutes_that_a_count_replaces_are_no_contradiction_but_police_and_organisers_are() -> None:
    a = _vote("a", "Laut Prognose von Infratest kommt die Bürgerliste auf 29 Prozent der Stimmen. Laut Prognose der "
                   "Forschungsgruppe Wahlen kommt die Bürgerliste auf 28,5 Prozent der Stimmen.")
    b = _vote("b", "Nach dem vorläufigen amtlichen Endergebnis kommt die Bürgerliste auf 28,5 Prozent der Stimmen.")
    group = _group_of(_groups([a, b]), "a", 29)
    assert group["relation"] == "updated" and "estimates differed" in group["reasoning"]
    assert _group_of(_groups([a]), "a", 29)["relation"] != "updated"  # no count yet: nothing replaces them
    c = _doc("c", "In Nordhafen demonstrierten am Samstag Tausende. Die Polizei schätzte 8.000 Teilnehmer, die Veranstalter "
                  "schätzten 15.000 Teilnehmer.", "2024-05-02")
    assert _group_of(_groups([c]), "c", 8000)["relation"] == "contradicted"


def test_a_stated_spread_of_attendance_figures_is_not_hidden_by_a_later_figure() -> None:
    a = _doc("a", "Die Angaben gehen auseinander: Zwischen 10.000 und 35.000 Teilnehmer zählten Polizei und Veranstalter.",
             "2024-05-02", outlet="Kurier")
    b = _doc("b", "Am Sonntag kamen 40.000 Teilnehmer.", "2024-05-06", outlet="Bote")
    assert _group_of(_groups([a, b]), "a", _claim_value(a))["relation"] == "contradicted"


def _claim_value(doc):
    return next(x.data.get("value") for x in doc.annotations if x.kind == "claim")


def test_the_decimal_separator_is_read_as_the_number_parser_read_it() -> None:
    from lagebild.compare.claim_values import decimals_written, joint_rounding
    # a point or a comma before decimals: the same extra rounding for a pair's share
    assert joint_rounding({"value": 28.6, "value_text": "28.6 percent"}) == joint_rounding({"value": 28.6, "value_text": "28,6 Prozent"}) > 0
    assert decimals_written(2.5e6, "2,5 Millionen") == decimals_written(1.5e6, "1.5 million") == 1
    # a separator grouping thousands is no decimal, whichever it is
    assert decimals_written(50000, "50.000") == decimals_written(50000, "50,000") == 0
    assert joint_rounding({"value": 5000, "value_text": "5,000"}) == 0.0


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999), st.sampled_from([",", "."]))
@settings(max_examples=60, deadline=None)
def test_thousands_groups_are_never_decimals(head: int, tail: int, sep: str) -> None:
    from lagebild.compare.claim_values import decimals_written
    assert decimals_written(head * 1000 + tail, f"{head}{sep}{tail:03d}") == 0
    assert decimals_written(head + tail / 1000, f"{head}{sep}{tail:03d}") == 3  # the same text read as a decimal


BAD = [("Nordhafen", "LOC", "Nordhafen"), ("Bad Südtal", "LOC", "Bad Südtal"), ("Südtal", "LOC", "Südtal")]


def _bad(doc_id: str, text: str, outlet: str):
    doc = make_doc(doc_id, text, published="2024-05-02", entities=BAD)
    doc.annotations = [a for a in doc.annotations if not (a.kind == "entity" and a.surface == "Südtal"
                                                          and doc.text[a.span.start - 4 : a.span.start] == "Bad ")]
    doc.meta.outlet = outlet
    return RuleClaims()(doc)


def test_a_pair_of_places_of_several_words_is_the_pair_not_one_part() -> None:
    assert pair_key("SPD", "Die Linke") == pair_key("Die Linke", "SPD") != scope_key("Die Linke")
    assert pair_key("Nordhafen", "Bad Südtal") not in (scope_key("Nordhafen"), scope_key("Bad Südtal"))
    a = _bad("a", "In Nordhafen und Bad Südtal demonstrierten am Samstag 9.000 Menschen.", "Kurier")
    b = _bad("b", "In Nordhafen demonstrierten am Samstag 5.000 Menschen.", "Bote")
    result = _groups([a, b])
    pair, north = _group_of(result, "a", 9000), _group_of(result, "b", 5000)
    assert pair["id"] != north["id"] and not [g for g in result.claim_groups if g["relation"] == "contradicted"]
    assert pair["scope"] == "Nordhafen/Bad Südtal"  # the pair is shown by its names


def test_a_figure_given_for_each_of_a_pair_is_each_places_not_the_pairs() -> None:
    a = _doc("a", "In Nordhafen und Südtal demonstrierten am Samstag jeweils 5.000 Menschen.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen demonstrierten am Samstag 5.000 Menschen.", "2024-05-02", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 5000)["id"] == _group_of(result, "b", 5000)["id"]
    scopes = {g["scope"] for g in result.claim_groups if any(c["doc"] == "a" for c in g["claims"])}
    assert scopes == {"Nordhafen", "Südtal"}  # each place's figure, neither the pair's
    # without the cue the figure is the pair's together
    c = _doc("c", "In Nordhafen und Südtal demonstrierten am Samstag 5.000 Menschen, je nach Schätzung.", "2024-05-02", outlet="Blatt")
    assert _group_of(_groups([c, b]), "c", 5000)["id"] != _group_of(_groups([c, b]), "b", 5000)["id"]


def test_a_prior_value_comes_before_the_value_that_replaced_it() -> None:
    a = _doc("a", "In Nordhafen stieg die Zahl der Toten laut Feuerwehr von 30 auf 40.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen starben laut Polizei 40 Menschen.", "2024-05-02", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 30)
    assert group["relation"] == "updated" and [c["value"] for c in group["claims"]] == [30, 40, 40]
    assert "30 → 40" in group["reasoning"] and group["claims"][0]["ref_time_basis"] == "before"
    # the same two values from two claimants on one day, with no change stated: a contradiction
    c = _doc("c", "In Nordhafen starben laut Feuerwehr 30 Menschen.", "2024-05-02", outlet="Blatt")
    assert _group_of(_groups([c, b]), "c", 30)["relation"] == "contradicted"


def test_different_values_of_an_official_result_from_two_outlets_contradict_each_other() -> None:
    # an official result is published once: month-dated articles giving different gains for it disagree
    a = _vote("a", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.311 Stimmen mehr als im vorläufigen Ergebnis.",
              published="2024-06")
    b = _vote("b", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.107 Stimmen mehr als im vorläufigen Ergebnis.",
              published="2024-06")
    group = _group_of(_groups([a, b]), "a", 2311)
    assert group["relation"] == "contradicted" and "published once" in group["reasoning"]
    assert {c["doc"] for c in group["claims"]} == {"a", "b"}


def test_official_results_of_different_times_or_without_a_stage_do_not_contradict() -> None:
    # two elections' official results, years apart
    a = _vote("a", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.311 Stimmen mehr als im vorläufigen Ergebnis.",
              published="2020-06")
    b = _vote("b", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.107 Stimmen mehr als im vorläufigen Ergebnis.",
              published="2024-06")
    assert _group_of(_groups([a, b]), "a", 2311)["relation"] != "contradicted"
    # no stage: month-dated figures cannot be put at one time
    a = _vote("a", "Die Bürgerliste erhielt 2.311 Stimmen mehr.", published="2024-06")
    b = _vote("b", "Die Bürgerliste erhielt 2.107 Stimmen mehr.", published="2024-06")
    assert _group_of(_groups([a, b]), "a", 2311)["relation"] != "contradicted"


def test_an_undisputed_value_without_a_place_is_not_made_part_of_a_dispute() -> None:
    a = _vote("a", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.311 Stimmen mehr als im vorläufigen Ergebnis.",
              published="2024-06")
    b = _vote("b", "Das amtliche Endergebnis liegt vor. Die Bürgerliste erhielt 2.107 Stimmen mehr als im vorläufigen Ergebnis. "
                   "Eine andere Liste gewann 1.450 Stimmen dazu.", published="2024-06")
    result = _groups([a, b])
    disputed = _group_of(result, "a", 2311)
    assert disputed["relation"] == "contradicted"
    assert 1450 not in {c["value"] for c in disputed["claims"]}


def test_rival_claimants_far_apart_are_one_disputed_quantity_and_the_gap_is_said() -> None:
    # police and organisers of one rally: a gap larger than the size cut is still their dispute
    a = _doc("a", "In Nordhafen demonstrierten am Samstag viele Menschen. Die Polizei sprach von 8.000 Teilnehmern, "
                  "die Veranstalter von 65.000.", "2024-05-02")
    group = _group_of(_groups([a]), "a", 8000)
    assert group["relation"] == "contradicted" and {c["value"] for c in group["claims"]} == {8000, 65000}
    assert "8 times the smallest" in group["reasoning"] and "count different things" in group["reasoning"]


def test_far_apart_figures_of_two_claimants_with_their_own_nouns_stay_apart() -> None:
    # the ministry's count is another quantity (since the start of the year), said in a sentence of its own
    a = _doc("a", "In Nordhafen wurden laut Polizei 12 Menschen verletzt. Nach Angaben des Ministeriums gab es in Nordhafen "
                  "seit Jahresbeginn 400 Verletzte.", "2024-05-02")
    result = _groups([a])
    assert _group_of(result, "a", 12)["id"] != _group_of(result, "a", 400)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]
    # two articles of one day that state no place: the figures may be about two places
    b = _doc("b", "Am Samstag demonstrierten laut Polizei 800 Menschen.", "2024-05-02")
    c = _doc("c", "Am Samstag demonstrierten laut Veranstaltern 9.000 Menschen.", "2024-05-02")
    result = _groups([b, c])
    assert _group_of(result, "b", 800)["id"] != _group_of(result, "c", 9000)["id"]


def test_percentages_that_do_not_say_of_what_are_never_a_contradiction() -> None:
    # a share of late trains and a share of punctual ones: only the unit is known, not what is measured
    a = _doc("a", "Laut Konzern kamen 37,5 Prozent der Fernzüge zu spät an, der Fahrgastverband nannte 62,5 Prozent.",
             "2024-05-02")
    result = _groups([a])
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]


@pytest.mark.parametrize("rate", ["Arbeitslosenquote", "Inflationsrate"])
def test_percentages_of_a_named_rate_for_one_place_and_month_can_contradict(rate: str) -> None:
    # the compound noun says what the percentage is a rate of: a measure, not only a unit
    a = _doc("a", f"Die {rate} in Nordhafen lag laut Arbeitsagentur im Mai bei 6,1 Prozent.", "2024-06-01", outlet="Blatt")
    b = _doc("b", f"Die {rate} in Nordhafen lag laut Statistikamt im Mai bei 7,4 Prozent.", "2024-06-01", outlet="Kurier")
    assert _group_of(_groups([a, b]), "a", 6.1)["relation"] == "contradicted"


def test_percentages_of_two_named_rates_are_two_quantities() -> None:
    a = _doc("a", "Die Arbeitslosenquote in Nordhafen lag laut Arbeitsagentur im Mai bei 6,1 Prozent.", "2024-06-01", outlet="Blatt")
    b = _doc("b", "Die Inflationsrate in Nordhafen lag laut Statistikamt im Mai bei 2,4 Prozent.", "2024-06-01", outlet="Kurier")
    result = _groups([a, b])
    assert _group_of(result, "a", 6.1)["id"] != _group_of(result, "b", 2.4)["id"]


def test_a_running_counts_lower_bound_of_an_earlier_day_is_a_step_of_the_series() -> None:
    a = _doc("a", "Bei dem Brand in Nordhafen sind nach Angaben der Feuerwehr mindestens zwei Menschen ums Leben gekommen.",
             "2024-12-20")
    b = _doc("b", "Nach dem Brand in Nordhafen ist die Zahl der Toten auf fünf gestiegen.", "2024-12-21")
    group = _group_of(_groups([a, b]), "a", 2)
    assert group["relation"] == "updated" and len(group["phases"]) == 2 and "2 → 5" in group["reasoning"]


def test_a_lower_bound_of_the_same_day_agrees_with_the_figure_it_allows() -> None:
    a = _doc("a", "Bei dem Brand in Nordhafen sind nach Angaben der Feuerwehr mindestens zwei Menschen ums Leben gekommen.",
             "2024-12-21")
    b = _doc("b", "Bei dem Brand in Nordhafen starben nach Angaben der Polizei fünf Menschen.", "2024-12-21")
    group = _group_of(_groups([a, b]), "a", 2)
    assert len(group["phases"]) == 1 and group["relation"] != "contradicted"


def test_outlets_own_figures_without_place_or_source_on_one_day_are_no_contradiction() -> None:
    # the government's seats, the house's seats and the majority: three quantities of one measure
    c = _doc("c", "Die Minderheitsregierung verfügt im Parlament nur noch über 324 der 733 Sitze.", "2024-11-08")
    d = _doc("d", "Die Regierung hat nur noch 324 Abgeordnete hinter sich, für eine Mehrheit wären 367 nötig.", "2024-11-08")
    result = _groups([c, d])
    assert not [g for g in result.claim_groups if g["relation"] == "contradicted"]
    assert _group_of(result, "c", 324)["relation"] == "corroborated"


def test_named_sources_without_a_place_on_one_day_still_contradict() -> None:
    a = _doc("a", "Am Dienstag beteiligten sich laut Gewerkschaft 9.000 Beschäftigte am Warnstreik.", "2024-12-10")
    b = _doc("b", "Am Dienstag beteiligten sich laut Unternehmen 4.000 Beschäftigte am Warnstreik.", "2024-12-10")
    assert _group_of(_groups([a, b]), "a", 9000)["relation"] == "contradicted"


def test_a_figure_for_several_places_named_as_one_is_a_total_whatever_place_its_sentence_names() -> None:
    a = _doc("a", "In Nordhafen starben 120 Menschen, in Südtal 45.", "2024-05-02")
    b = _doc("b", "Nach dem Sturm mit Zentrum bei Nordhafen starben in beiden Regionen zusammen 165 Menschen.", "2024-05-02")
    result = _groups([a, b])
    total = _group_of(result, "b", 165)
    assert total["scope"] is None and {c["doc"] for c in total["claims"]} == {"b"}
    assert _group_of(result, "a", 120)["scope"] == "Nordhafen"


def test_several_places_named_in_another_clause_make_no_total() -> None:
    a = _doc("a", "In Nordhafen starben 120 Menschen, in Südtal 45.", "2024-05-02")
    b = _doc("b", "In beiden Regionen tagte der Krisenstab. In Nordhafen starben 120 Menschen.", "2024-05-02")
    group = _group_of(_groups([a, b]), "b", 120)
    assert group["scope"] == "Nordhafen" and {c["doc"] for c in group["claims"]} == {"a", "b"}


def test_a_stated_figure_of_another_occasion_is_no_party_to_a_dispute() -> None:
    # union and company dispute the second strike in Nordhafen; another article's figure for the first strike
    a = _doc("a", "Laut Gewerkschaft zählte der Warnstreik in Nordhafen 38.000 Teilnehmer, das Unternehmen sprach von 16.000 "
                  "in Nordhafen.", "2024-12-09")
    b = _doc("b", "In Nordhafen zählte die Gewerkschaft 47.000 Teilnehmer.", "2024-12-02")
    result = _groups([a, b])
    disputed = _group_of(result, "a", 38000)
    assert disputed["relation"] == "contradicted" and {c["value"] for c in disputed["claims"]} == {38000, 16000}
    assert _group_of(result, "b", 47000)["id"] != disputed["id"]


def test_another_articles_stated_figure_that_gives_a_disputed_value_stays_in_the_dispute() -> None:
    a = _doc("a", "Laut Gewerkschaft zählte der Warnstreik in Nordhafen 38.000 Teilnehmer, das Unternehmen sprach von 16.000 "
                  "in Nordhafen.", "2024-12-09")
    b = _doc("b", "In Nordhafen zählte die Gewerkschaft 38.000 Teilnehmer.", "2024-12-09")
    disputed = _group_of(_groups([a, b]), "a", 38000)
    assert {c["doc"] for c in disputed["claims"]} == {"a", "b"}


def test_two_names_of_one_source_in_an_article_are_no_dispute() -> None:
    a = _doc("a", "In Nordhafen starben nach Angaben der Syrischen Beobachtungsstelle für Menschenrechte 20 Menschen. "
                  "In Nordhafen starben laut der Beobachtungsstelle neun Menschen.", "2024-05-02")
    assert not [g for g in _groups([a]).claim_groups if g["relation"] == "contradicted"]


def test_named_sources_far_apart_in_a_long_article_are_no_dispute_without_a_contrast() -> None:
    filler = " ".join(f"Satz {w} handelt von etwas anderem." for w in ("eins", "zwei", "drei"))
    a = _doc("a", f"In Nordhafen starben laut Polizei 12 Menschen. {filler} In Nordhafen starben laut Rotem Kreuz 30 Menschen.",
             "2024-05-02")
    assert not [g for g in _groups([a]).claim_groups if g["relation"] == "contradicted"]
    b = _doc("b", f"In Nordhafen starben laut Polizei 12 Menschen. {filler} Das Rote Kreuz sprach dagegen von 30 Toten in "
                  "Nordhafen.", "2024-05-02")
    assert _group_of(_groups([b]), "b", 12)["relation"] == "contradicted"
    c = _doc("c", "In Nordhafen starben laut Polizei 12 Menschen. In Nordhafen starben laut Rotem Kreuz 30 Menschen.", "2024-05-02")
    assert _group_of(_groups([c]), "c", 12)["relation"] == "contradicted"


def test_attendance_on_different_days_is_different_occasions_not_an_update() -> None:
    a = _doc("a", "In Nordhafen demonstrierten 500 Menschen.", "2024-05-02")
    b = _doc("b", "In Nordhafen demonstrierten 800 Menschen.", "2024-05-06")
    result = _groups([a, b])
    first, second = _group_of(result, "a", 500), _group_of(result, "b", 800)
    assert first["id"] != second["id"] and "different occasions" in first["reasoning"]
    assert not [g for g in result.claim_groups if g["relation"] == "updated"]
    # must not fire: a running toll given on two days is one count revised, and a stock (soldiers stationed) too
    c = _doc("c", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    d = _doc("d", "In Nordhafen wurden 19 Menschen verletzt.", "2024-05-06")
    assert _group_of(_groups([c, d]), "c", 12)["relation"] == "updated"
    e = _doc("e", "In Nordhafen sind 3.000 Soldaten stationiert.", "2024-05-02")
    f = _doc("f", "In Nordhafen sind 10.000 Soldaten stationiert.", "2024-06-10")
    assert _group_of(_groups([e, f]), "e", 3000)["relation"] == "updated"


def test_values_side_by_side_in_one_article_are_different_quantities() -> None:
    a = _doc("a", "Der Ausschuss tagte in Nordhafen in 20 Sitzungen, die Kommission tagte in Nordhafen in 16 Sitzungen.", None)
    result = _groups([a])
    assert _group_of(result, "a", 20)["id"] != _group_of(result, "a", 16)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "cannot_compare"]
    # must not fire: two claimants of one article giving different values for one count dispute it
    b = _doc("b", "Bei der Gasexplosion in Südtal wurden laut Feuerwehr 7 Menschen verletzt. Laut Klinikum wurden in Südtal 15 Menschen verletzt.",
             "2024-05-02")
    assert _group_of(_groups([b]), "b", 7)["relation"] == "contradicted"


def test_amounts_in_different_currencies_never_group() -> None:
    a = _doc("a", "Die Stadt Nordhafen zahlte eine Strafe von 450 Euro.", "2024-05-02")
    b = _doc("b", "Die Stadt Nordhafen zahlte eine Strafe von 450 Dollar.", "2024-05-02")
    result = _groups([a, b])
    assert _group_of(result, "a", 450)["id"] != _group_of(result, "b", 450)["id"]
    # must not fire: the word and the sign of one currency are one currency
    c = _doc("c", "Die Stadt Nordhafen zahlte eine Strafe von 450 €.", "2024-05-02")
    assert _group_of(_groups([a, c]), "a", 450)["id"] == _group_of(_groups([a, c]), "c", 450)["id"]


def test_a_bare_percentage_groups_only_by_what_it_is_a_share_of() -> None:
    a = _doc("a", "Der Wert lag zuletzt bei 40 Prozent.", "2024-05-02")
    b = _doc("b", "Im Jahresmittel waren es 40 Prozent.", "2024-05-02")
    result = _groups([a, b])
    assert _group_of(result, "a", 40)["id"] != _group_of(result, "b", 40)["id"]  # of what? nothing says
    # must not fire: the same share of the same whole in two articles
    c = _doc("c", "Bisher sind 40 Prozent der Schüler geimpft.", "2024-05-02")
    d = _doc("d", "Geimpft sind inzwischen 40 Prozent der Schüler.", "2024-05-02")
    group = _group_of(_groups([c, d]), "c", 40)
    assert {x["doc"] for x in group["claims"]} == {"c", "d"} and group["measure_label"] == "percent of Schüler"


def test_years_named_in_an_undated_article_are_different_periods() -> None:
    a = _doc("a", "Wurden 2012 noch 1.930 Briefe verschickt, waren es 2015 nur mehr 857 Briefe.", None)
    result = _groups([a])
    assert _group_of(result, "a", 1930)["id"] != _group_of(result, "a", 857)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "updated"]


def test_a_growing_toll_that_falls_far_is_another_incidents_toll() -> None:
    # positive evidence: each figure is told as of its own day
    a = _doc("a", "Am 2. Mai wurden in Nordhafen 40 Menschen getötet.", "2024-05-02", timexes=[("2. Mai", "2024-05-02", "day")])
    b = _doc("b", "Am 9. Mai wurden in Nordhafen 15 Menschen getötet.", "2024-05-09", timexes=[("9. Mai", "2024-05-09", "day")])
    result = _groups([a, b])
    first, second = _group_of(result, "a", 40), _group_of(result, "b", 15)
    assert first["id"] != second["id"] and "another incident" in second["reasoning"]
    # must not fire: a small correction of a toll (141 → 134), and the missing, who fall as they are found
    c = _doc("c", "In Nordhafen wurden 141 Menschen getötet.", "2024-05-02")
    d = _doc("d", "In Nordhafen wurden 134 Menschen getötet.", "2024-05-09")
    assert _group_of(_groups([c, d]), "c", 141)["relation"] == "updated"
    e = _doc("e", "In Nordhafen werden 155 Menschen vermisst.", "2024-05-02")
    f = _doc("f", "In Nordhafen werden 73 Menschen vermisst.", "2024-05-20")
    assert _group_of(_groups([e, f]), "e", 155)["relation"] == "updated"


@pytest.mark.parametrize("later", [
    "In Nordhafen starben nach der Korrektur der Behörden 120 Menschen.",  # a correction cue
    "In Nordhafen starben 120 Menschen.",  # nothing says it is another incident's: the fall alone is no evidence
    "Zunächst war von mehr Opfern die Rede. In Nordhafen starben 120 Menschen.",  # the cue a sentence before
])
def test_a_toll_corrected_below_half_stays_one_count(later: str) -> None:
    a = _doc("a", "In Nordhafen starben 300 Menschen.", "2024-05-02")
    b = _doc("b", later, "2024-05-06")
    group = _group_of(_groups([a, b]), "a", 300)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "updated"
    assert "another incident" not in group["reasoning"] and "far below" in group["reasoning"]


def test_a_hedged_or_own_claimants_toll_falling_far_stays_one_count() -> None:
    # an early upper estimate ("bis zu 300") and one claimant revising its own count, each told of another day
    a = _doc("a", "Am 2. Mai starben in Nordhafen bis zu 300 Menschen.", "2024-05-02", timexes=[("2. Mai", "2024-05-02", "day")])
    b = _doc("b", "Am 6. Mai starben in Nordhafen 120 Menschen.", "2024-05-06", timexes=[("6. Mai", "2024-05-06", "day")])
    assert {x["doc"] for x in _group_of(_groups([a, b]), "a", 300)["claims"]} == {"a", "b"}
    c = _doc("c", "Am 2. Mai starben in Nordhafen laut Polizei 300 Menschen.", "2024-05-02", timexes=[("2. Mai", "2024-05-02", "day")])
    d = _doc("d", "Am 6. Mai starben in Nordhafen laut Polizei 120 Menschen.", "2024-05-06", timexes=[("6. Mai", "2024-05-06", "day")])
    assert {x["doc"] for x in _group_of(_groups([c, d]), "c", 300)["claims"]} == {"c", "d"}


def test_people_in_a_state_and_a_damage_estimate_are_running_figures() -> None:
    # must not fire (occasions): people housed and a damage estimate given on two days are one figure updated
    pairs = [
        ("In Nordhafen sind 300 Menschen in Notunterkünften untergebracht.", "In Nordhafen sind 500 Menschen in Notunterkünften untergebracht."),
        ("In Nordhafen sind noch 300 Bewohner in Hotels untergebracht.", "In Nordhafen sind inzwischen 500 Bewohner in Hotels untergebracht."),
        ("Der Schaden in Nordhafen beträgt 2 Millionen Euro.", "Der Schaden in Nordhafen beträgt 5 Millionen Euro."),
    ]
    for first, second in pairs:
        result = _groups([_doc("a", first, "2024-05-02"), _doc("b", second, "2024-05-06")])
        group = next(g for g in result.claim_groups if any(c["doc"] == "a" for c in g["claims"]))
        assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "updated", first


def test_visitors_and_payments_on_different_days_are_different_occasions() -> None:
    # an occasion cue in the sentence makes a people or money figure a count of one occasion
    pairs = [
        ("Das Stadtfest in Nordhafen besuchten 3.000 Einwohner.", "Das Stadtfest in Nordhafen besuchten 5.000 Einwohner."),
        ("Die Stadt Nordhafen zahlte eine Strafe von 2.000 Euro.", "Die Stadt Nordhafen zahlte eine Strafe von 5.000 Euro."),
    ]
    for first, second in pairs:
        result = _groups([_doc("a", first, "2024-05-02"), _doc("b", second, "2024-05-09")])
        group = next(g for g in result.claim_groups if any(c["doc"] == "a" for c in g["claims"]))
        # an amount that says only its currency is keyed by its value: another amount is another group from the start
        assert {x["doc"] for x in group["claims"]} == {"a"} and (
            "different occasions" in group["reasoning"] or "unit_value_per_article" in group["split_reasons"]), first


def _groups_inferred(docs, inferred):
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.inferred_dates = inferred
    ClaimGrouper()(ctx)
    return ctx.result


@pytest.mark.parametrize(
    ("entry", "relation"),
    [
        # evidence allows one day, four days after the printed one: the toll is ordered, and the reasoning says on what
        ({"value": "2024-05-06", "precision": "day", "kind": "inferred", "confidence": 0.8, "range": ["2024-05-06", "2024-05-06"]},
         "updated"),
        # only a lower bound ("not before" a date the article tells as past), after the printed day: ordered
        ({"value": None, "kind": "bounds", "inferred": True, "not_before": "2024-05-05"}, "updated"),
        # must not fire: bounds that overlap the printed day (a week around it) order nothing
        ({"value": "2024-05-06", "precision": "day", "kind": "inferred", "confidence": 0.8, "range": ["2024-05-01", "2024-05-07"]},
         "cannot_compare"),
        ({"value": None, "kind": "bounds", "inferred": True, "not_before": "2024-04-28"}, "cannot_compare"),
    ],
)
def test_an_inferred_publication_date_orders_a_toll_by_its_bounds(entry: dict, relation: str) -> None:
    a = _doc("a", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    b = _doc("b", "In Nordhafen wurden 19 Menschen verletzt.", None)
    group = _group_of(_groups_inferred([a, b], {"b": entry}), "a", 12)
    assert group["relation"] == relation
    if relation == "updated":
        assert "inferred, not printed" in group["reasoning"]


def test_a_toll_of_one_named_group_is_not_the_whole_toll() -> None:
    a = _doc("a", "In Nordhafen wurden 176 Palästinenser und 27 Israelis getötet.", "2024-05-02")
    b = _doc("b", "In Nordhafen wurden 180 Palästinenser getötet.", "2024-05-02")
    result = _groups([a, b])
    pal, isr = _group_of(result, "a", 176), _group_of(result, "a", 27)
    assert pal["id"] != isr["id"] and {c["doc"] for c in pal["claims"]} == {"a", "b"}
    assert pal["measure_label"] == "dead: Palästinenser"
    c = _doc("c", "In Nordhafen wurden drei Soldaten getötet.", "2024-05-02")
    d = _doc("d", "In Nordhafen kamen vier Menschen ums Leben.", "2024-05-02")
    result = _groups([c, d])
    assert _group_of(result, "c", 3)["id"] != _group_of(result, "d", 4)["id"]
    # must not fire: the measure's own noun and generic nouns count the whole toll
    e = _doc("e", "In Nordhafen gab es 12 Tote.", "2024-05-02")
    f = _doc("f", "In Nordhafen starben 12 Menschen.", "2024-05-02")
    group = _group_of(_groups([e, f]), "e", 12)
    assert {x["doc"] for x in group["claims"]} == {"e", "f"} and group["relation"] == "corroborated"


def test_people_with_no_frame_do_not_group_across_articles() -> None:
    a = _doc("a", "Im Lager in Nordhafen leben 10.000 Menschen.", "2024-05-02")
    b = _doc("b", "Die Stadt Nordhafen hat 10.000 Menschen eingeladen.", "2024-05-02")
    result = _groups([a, b])
    assert _group_of(result, "a", 10000)["id"] != _group_of(result, "b", 10000)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "corroborated"]
    # must not fire: in one article, police and organisers giving two values of it dispute one count
    c = _doc("c", "In Nordhafen waren laut Polizei 9.000 Menschen unterwegs. Die Veranstalter sprachen von 15.000 Menschen.",
             "2024-05-02")
    assert _group_of(_groups([c]), "c", 9000)["id"] == _group_of(_groups([c]), "c", 15000)["id"]  # two claimants: kept together


def test_people_named_by_their_role_group_across_articles() -> None:
    a = _doc("a", "Im Zug nach Nordhafen saßen laut Polizei 60 Fahrgäste.", "2024-05-02")
    b = _doc("b", "Im Zug nach Nordhafen saßen laut Bahn 60 Fahrgäste.", "2024-05-02")
    group = _group_of(_groups([a, b]), "a", 60)
    assert {c["doc"] for c in group["claims"]} == {"a", "b"}
    # must not fire: bare "Menschen" with no frame stay within their article
    c = _doc("c", "Im Zug nach Nordhafen saßen laut Polizei 60 Menschen.", "2024-05-02")
    d = _doc("d", "Im Zug nach Nordhafen saßen laut Bahn 60 Menschen.", "2024-05-02")
    assert _group_of(_groups([c, d]), "c", 60)["id"] != _group_of(_groups([c, d]), "d", 60)["id"]


def test_a_disputed_toll_that_falls_stays_one_group() -> None:
    # fire brigade and hospital dispute the count on one day; a later, lower figure settles it: one toll, not two
    a = _doc("a", "Bei der Gasexplosion in Südtal wurden laut Feuerwehr 7 Menschen schwer verletzt. Laut Klinikum wurden in Südtal 16 "
                  "Menschen schwer verletzt.", "2024-05-02")
    b = _doc("b", "In Südtal wurden 4 Menschen schwer verletzt.", "2024-05-09")
    group = _group_of(_groups([a, b]), "a", 16)
    assert {c["doc"] for c in group["claims"]} == {"a", "b"}


def test_the_whole_of_a_share_is_read_by_the_articles_language() -> None:
    # an English article names no whole (not even by German words in it): no crash, no share key, grouped within its
    # article only
    a = _doc("a", "In Nordhafen, 40% of students are vaccinated.", "2024-05-02")
    b = _doc("b", "In Nordhafen, 40% der Schüler are vaccinated so far.", "2024-05-02")
    for doc in (a, b):
        doc.meta.language = "en"
    result = _groups([a, b])
    claims = [c for g in result.claim_groups for c in g["claims"]]
    assert claims and not any("share_of" in c for c in claims)
    assert _group_of(result, "a", 40)["id"] != _group_of(result, "b", 40)["id"]
    # must fire: a German article's share of a named whole
    c = _doc("c", "Bisher sind 40 Prozent der Schüler geimpft.", "2024-05-02")
    d = _doc("d", "Geimpft sind inzwischen 40 Prozent der Schüler.", "2024-05-02")
    for doc in (c, d):
        doc.meta.language = "de"
    group = _group_of(_groups([c, d]), "c", 40)
    assert {x["doc"] for x in group["claims"]} == {"c", "d"} and group["claims"][0]["share_of"] == "Schüler"


def test_keying_a_claim_twice_gives_the_same_key() -> None:
    from lagebild.compare.claim_measure import block_key

    doc = _doc("a", "Bisher sind 40 Prozent der Schüler geimpft. In Nordhafen wurden 176 Palästinenser getötet.", "2024-05-02")
    grouper = ClaimGrouper()
    ctx = CorpusContext(docs=[doc], result=CorpusResult())
    grouper(ctx)
    claims = grouper._claims([doc], ctx.result, {})
    from lagebild.compare.claim_groups import _read_share, _settle

    for c in claims:
        _read_share(c)
        _settle(c)
        assert block_key(c) == block_key(c)
    assert {block_key(c)[0] for c in claims} == {"percent:pupil", "dead#palästinenser"}  # the figure stage's keys of counted nouns


def test_two_sources_damage_estimates_for_one_time_are_disputed() -> None:
    a = _doc("a", "Laut Stadt beträgt der Schaden in Nordhafen 2 Millionen Euro.", "2024-05-02")
    b = _doc("b", "Laut Versicherern beträgt der Schaden in Nordhafen 5 Millionen Euro.", "2024-05-02")
    group = _group_of(_groups([a, b]), "a", 2_000_000)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "contradicted"
    # must not fire: amounts that say only their currency, or what different things cost, are no dispute
    c = _doc("c", "Die Stadt Nordhafen gab 2 Millionen Euro für das Fest aus.", "2024-05-02")
    d = _doc("d", "Die Stadt Nordhafen hat einen Etat von 5 Millionen Euro.", "2024-05-02")
    assert not [g for g in _groups([c, d]).claim_groups if g["relation"] == "contradicted"]
    e = _doc("e", "Laut Stadt beträgt der Schaden in Nordhafen 2 Millionen Euro.", "2024-05-02")
    f = _doc("f", "Laut Land betragen die Kosten der Hilfe in Nordhafen 5 Millionen Euro.", "2024-05-02")
    assert _group_of(_groups([e, f]), "e", 2_000_000)["id"] != _group_of(_groups([e, f]), "f", 5_000_000)["id"]


def test_an_open_not_before_bound_passes_through_grouping_and_export() -> None:
    import json
    from datetime import timedelta

    entry = {"value": None, "kind": "bounds", "inferred": True, "not_before": "2024-05-05"}
    a = _doc("a", "In Nordhafen wurden 12 Menschen verletzt.", "2024-05-02")
    b = _doc("b", "In Nordhafen wurden 19 Menschen verletzt.", None)
    dct, guessed = ClaimGrouper()._publication(b, {"b": entry})
    assert dct is not None and guessed and dct.value == "2024-05-05/"
    assert dct.end + timedelta(days=400) > dct.start  # a finite end: arithmetic on it stays in the calendar
    result = _groups_inferred([a, b], {"b": entry})
    json.dumps(result.claim_groups)
    (claim,) = [c for c in _group_of(result, "b", 19)["claims"] if c["doc"] == "b"]
    assert claim["ref_time"] == "2024-05-05/"


def _schema_relations() -> set[str]:
    import json
    from pathlib import Path

    import lagebild

    schema = json.loads((Path(lagebild.__file__).parent / "export" / "lagebild.schema.json").read_text(encoding="utf-8"))
    found: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            rel = node.get("relation")
            if isinstance(rel, dict) and isinstance(rel.get("enum"), list):
                found.append(rel["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return set(found[0])


_SENTENCES = [
    "In Nordhafen demonstrierten {n} Menschen.", "Die Polizei sprach von {n} Teilnehmern in Nordhafen.",
    "Laut Veranstaltern demonstrierten in Südtal {n} Menschen.", "In Nordhafen starben {n} Menschen.",
    "Die Veranstalter zählten {n} Teilnehmer.", "In Nordhafen wurden {n} Menschen verletzt.",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SENTENCES), st.sampled_from([300, 500, 800, 5000, 20000]),
                          st.sampled_from(["2024-05-02", "2024-05-06", "2024-06-10", None])), min_size=2, max_size=5))
def test_every_relation_is_one_the_schema_knows(articles: list[tuple[str, int, str | None]]) -> None:
    docs = [_doc(f"d{k}", text.format(n=f"{n:,}".replace(",", ".")), day) for k, (text, n, day) in enumerate(articles)]
    relations = {g["relation"] for g in _groups(docs).claim_groups}
    assert relations <= _schema_relations()


def test_a_bare_percentage_is_read_as_another_outlets_share_of_the_same_value() -> None:
    # two outlets, one naming what the share is of, the other not: one figure corroborated
    a = _doc("a", "Die Partei kam in Nordhafen auf 34 Prozent der Stimmen.", "2024-05-02")
    b = _doc("b", "Die Partei erreichte in Nordhafen 34 Prozent.", "2024-05-02")
    group = _group_of(_groups([a, b]), "a", 34)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"
    c = _doc("c", "In Nordhafen sind 40 Prozent der Schüler geimpft.", "2024-05-02")
    d = _doc("d", "In Nordhafen sind 40 Prozent geimpft.", "2024-05-03")
    assert {x["doc"] for x in _group_of(_groups([c, d]), "c", 40)["claims"]} == {"c", "d"}
    # must not fire: another value, or two wholes the same value fits (which one is it?)
    e = _doc("e", "In Nordhafen sind 45 Prozent geimpft.", "2024-05-03")
    assert _group_of(_groups([c, e]), "c", 40)["id"] != _group_of(_groups([c, e]), "e", 45)["id"]
    f = _doc("f", "In Nordhafen sind 40 Prozent der Lehrer geimpft.", "2024-05-02")
    result = _groups([c, d, f])
    assert {x["doc"] for x in _group_of(result, "d", 40)["claims"]} == {"d"}


def test_amounts_that_say_only_their_currency_on_different_days_are_different_amounts() -> None:
    a = _doc("a", "Die Stadt Nordhafen nannte 620 Millionen Euro.", "2024-05-02")
    b = _doc("b", "Die Stadt Nordhafen nannte 900 Millionen Euro.", "2024-05-09")
    result = _groups([a, b])
    assert _group_of(result, "a", 620_000_000)["id"] != _group_of(result, "b", 900_000_000)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "updated"]


def test_values_one_article_gives_side_by_side_from_one_source_are_different_quantities() -> None:
    # two figures of one counted noun in one article, neither replacing the other: the shelter's dogs and the ones placed
    a = _doc("a", "Im Tierheim leben derzeit 40 Hunde. Vermittelt wurden im Sommer 12 Hunde.", "2024-05", outlet="Kurier")
    b = _doc("b", "Im Tierheim leben derzeit 40 Hunde.", "2024-05", outlet="Bote")
    result = _groups([a, b])
    forty = _group_of(result, "a", 40)
    assert forty["relation"] == "corroborated" and {x["doc"] for x in forty["claims"]} == {"a", "b"}
    assert _group_of(result, "a", 12)["id"] != forty["id"]
    assert "side by side from one source" in forty["reasoning"]


def test_a_value_replaced_in_one_article_is_not_told_apart_from_its_replacement() -> None:
    # the rule above must not fire where the article says one value replaced the other
    a = _doc("a", "Die Zahl der Hunde im Tierheim stieg von 40 auf 52.", "2024-05", outlet="Kurier")
    b = _doc("b", "Im Tierheim leben 52 Hunde.", "2024-05", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 40)["id"] == _group_of(result, "b", 52)["id"]


def test_rival_claimants_set_against_each_other_are_one_count_however_far_apart() -> None:
    # the same counted noun, the later figure set against the earlier one: the sides of one count, not two quantities
    a = _doc("a", "Die Gewerkschaft zählte in Südtal 3.000 Streikende. Das Unternehmen sprach dagegen von 400 Streikenden.",
             "2024-05-02")
    group = _group_of(_groups([a]), "a", 3000)
    assert {x["value"] for x in group["claims"]} == {3000, 400} and group["relation"] == "contradicted"
    assert "far apart" in group["reasoning"]


def test_rival_claimants_without_a_contrast_are_kept_apart_by_size() -> None:
    # the rule above must not fire without a word that sets one figure against the other
    a = _doc("a", "Die Gewerkschaft zählte in Südtal 3.000 Streikende. Das Unternehmen nannte am Vortag 400 Streikende.",
             "2024-05-02")
    result = _groups([a])
    assert _group_of(result, "a", 3000)["id"] != _group_of(result, "a", 400)["id"]


def test_a_length_of_the_same_thing_in_two_articles_is_one_figure() -> None:
    # the noun after the unit says what is measured: the same value of it in two outlets agrees
    a = _doc("a", "Der Tunnel liegt in 240 Metern Tiefe.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Bohrung erreichte in 240 Metern Tiefe das Grundwasser.", "2024-05-03", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 240)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_lengths_of_other_things_or_other_values_stay_apart() -> None:
    # the rule above must not fire for another noun after the unit, another value, or no noun at all
    a = _doc("a", "Der Tunnel liegt in 240 Metern Tiefe.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Der Turm ragt 240 Meter Höhe auf.", "2024-05-02", outlet="Bote")
    c = _doc("c", "Der Tunnel liegt in 260 Metern Tiefe.", "2024-05-02", outlet="Blatt")
    d = _doc("d", "Der Stau war 240 Meter lang.", "2024-05-02", outlet="Anzeiger")
    result = _groups([a, b, c, d])
    assert len({_group_of(result, doc, value)["id"] for doc, value in [("a", 240), ("b", 240), ("c", 260), ("d", 240)]}) == 4


def test_one_value_of_a_unit_said_of_the_same_thing_by_two_outlets_is_one_figure() -> None:
    # no noun after the unit: the sentences share what they speak of (the bridge's closure, the municipal utility)
    a = _doc("a", "Die Sperrung der Brücke soll 14 Monate dauern.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Sperrung der Brücke werde voraussichtlich 14 Monate dauern, teilte die Stadt mit.", "2024-05-03", outlet="Bote")
    c = _doc("c", "Die Stadtwerke erhöhen die Preise für Fernwärme um 7 Prozent.", "2024-05-02", outlet="Kurier")
    d = _doc("d", "Auch Fernwärme wird teurer: Die Stadtwerke verlangen ab Januar 7 Prozent mehr.", "2024-05-03", outlet="Blatt")
    result = _groups([a, b, c, d])
    months, share = _group_of(result, "a", 14), _group_of(result, "c", 7)
    assert {x["doc"] for x in months["claims"]} == {"a", "b"} and months["relation"] == "corroborated"
    assert {x["doc"] for x in share["claims"]} == {"c", "d"} and share["relation"] == "corroborated"


def test_one_value_of_a_unit_said_of_other_things_stays_apart() -> None:
    # the rule above must not fire where the sentences share no noun: a closure and a contract, a price rise and sales
    a = _doc("a", "Die Sperrung der Brücke soll 14 Monate dauern.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Der Vertrag mit dem Trainer hat eine Laufzeit von 14 Monaten.", "2024-05-03", outlet="Bote")
    c = _doc("c", "Die Stadtwerke erhöhen die Preise für Fernwärme um 7 Prozent.", "2024-05-02", outlet="Kurier")
    d = _doc("d", "Der Umsatz des Händlers stieg im Sommer um 7 Prozent.", "2024-05-03", outlet="Anzeiger")
    # a place both name says where, not what: rents and sales in one town
    e = _doc("e", "In Nordhafen stiegen die Mieten zuletzt um 5 Prozent.", "2024-05-02", outlet="Kurier")
    f = _doc("f", "In Nordhafen stieg der Umsatz der Händler zuletzt um 5 Prozent.", "2024-05-03", outlet="Anzeiger")
    result = _groups([a, b, c, d, e, f])
    assert _group_of(result, "e", 5)["id"] != _group_of(result, "f", 5)["id"]
    assert _group_of(result, "a", 14)["id"] != _group_of(result, "b", 14)["id"]
    assert _group_of(result, "c", 7)["id"] != _group_of(result, "d", 7)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "corroborated"]


def test_quantities_of_one_story_that_name_its_topic_only_in_passing_stay_apart() -> None:
    # must not fire: the story's topic stands in both sentences, but after a preposition in one, where it says what
    # about and not which quantity the figure is: the outage itself, the search for its cause
    a = _doc("a", "Der Stromausfall dauerte 14 Stunden.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Suche nach dem Stromausfall dauerte 14 Stunden.", "2024-05-03", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 14)["id"] != _group_of(result, "b", 14)["id"]
    assert not [g for g in result.claim_groups if g["relation"] == "corroborated"]


def test_an_amount_in_a_clause_without_a_noun_of_its_own_is_read_with_its_sentence() -> None:
    # "mindestens aber 40 Euro weniger im Monat" leaves out the demand's subject: the sentence's subject says what the
    # amount is, and an equal amount of another outlet said of it is one figure; one said of something else is not
    a = _doc("a", "Der Mieterverein fordert eine Senkung der Nebenkosten, mindestens aber 40 Euro weniger im Monat.",
             "2024-05-02", outlet="Kurier")
    b = _doc("b", "Der Mieterverein verlangt für jede Wohnung mindestens 40 Euro pro Monat weniger.", "2024-05-03", outlet="Bote")
    c = _doc("c", "Die Stadt gab 40 Euro für neue Bänke aus.", "2024-05-03", outlet="Blatt")
    result = _groups([a, b, c])
    group = _group_of(result, "a", 40)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_a_unit_in_two_of_its_forms_is_one_unit() -> None:
    # "14 Monaten" and "14 Monate" of one closure: one unit (the figure stage keys units by their lemma), one figure
    a = _doc("a", "Die Sperrung der Brücke soll 14 Monate dauern.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Sperrung der Brücke hat eine Laufzeit von 14 Monaten.", "2024-05-03", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 14)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_another_unit_of_the_same_value_is_another_figure() -> None:
    # must not fire: weeks are no months, however alike the sentences
    a = _doc("a", "Die Sperrung der Brücke soll 14 Monate dauern.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Sperrung der Brücke soll 14 Wochen dauern.", "2024-05-03", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 14)["id"] != _group_of(result, "b", 14)["id"]


def test_a_group_named_by_another_word_for_the_people_a_story_counts_is_its_toll(monkeypatch: pytest.MonkeyPatch,
                                                                               tmp_path: Path) -> None:
    # "Forstarbeiter" counts the same people as the story's "Waldarbeiter" (a family of [[persons.family]], here an
    # invented one): one count of the missing
    from lagebild.compare import claim_measure
    from lagebild.numbers.measures import DATA, load_measures

    table = tmp_path / "measures.toml"
    invented = '\n[[persons.family]]\nid = "woodsmen"\nnouns = ["Waldarbeiter", "Forstarbeiter"]\n'
    table.write_text(DATA.read_text(encoding="utf-8") + invented, encoding="utf-8")
    monkeypatch.setattr(claim_measure, "load_measures", lambda: load_measures(str(table)))
    a = _doc("a", "Zwei Waldarbeiter wurden gerettet, vier werden noch vermisst.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Vier Forstarbeiter werden nach dem Sturm im Bergwald weiterhin vermisst.", "2024-05-02", outlet="Bote")
    result = _groups([a, b])
    group = _group_of(result, "a", 4)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_a_group_of_other_people_than_the_story_counts_stays_apart() -> None:
    # must not fire: the story counts residents; the firefighters are a group of their own (another family)
    a = _doc("a", "Zwei Anwohner wurden gerettet, zwei werden noch vermisst.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Zwei Feuerwehrleute werden nach dem Einsturz vermisst.", "2024-05-02", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 2)["id"] != _group_of(result, "b", 2)["id"]
    assert "counted_group" in _group_of(result, "b", 2)["split_reasons"]


def test_words_of_one_family_share_a_key() -> None:
    from lagebild.compare.claim_measure import _people_key
    from lagebild.numbers.measures import load_measures

    assert _people_key("Kumpel") == _people_key("Bergleuten") == _people_key("Bergmann") == "miners"
    assert load_measures().person_family("Arbeiter") is None  # workers are no class of miners
    assert _people_key("Feuerwehrleute") != _people_key("Anwohner") == "anwohner"


def test_an_increment_of_a_toll_is_not_the_toll() -> None:
    # "zwei weitere Leichen" counts those found since the last report: the toll rises 4 -> 6 -> 7, it did not fall to 2
    a = _doc("a", "Beim Einsturz eines Parkhauses starben vier Menschen.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Helfer bargen am Mittwoch zwei weitere Leichen. Die Zahl der Toten stieg damit auf sechs.", "2024-05-03",
             outlet="Bote")
    c = _doc("c", "Die Zahl der Toten nach dem Einsturz des Parkhauses stieg auf sieben.", "2024-05-04", outlet="Blatt")
    result = _groups([a, b, c])
    toll = _group_of(result, "a", 4)
    assert {x["value"] for x in toll["claims"]} == {4, 6, 7} and toll["relation"] == "updated"
    increment = _group_of(result, "b", 2)
    assert increment["id"] != toll["id"] and "counted_group" in increment["split_reasons"]


def test_other_people_after_a_toll_are_no_increment() -> None:
    # must not fire: "weitere 30" after the dead names other people, the injured count itself
    a = _doc("a", "Bei dem Unglück starben 12 Menschen, weitere 30 wurden verletzt.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Bei dem Unglück wurden 30 Menschen verletzt.", "2024-05-02", outlet="Bote")
    result = _groups([a, b])
    group = _group_of(result, "a", 30)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_one_amount_said_of_the_same_thing_by_two_outlets_is_one_figure() -> None:
    # an amount that says only its currency: the same value in sentences about the same thing (the club's offer)
    a = _doc("a", "Der Verein bietet dem Spieler 800 Euro mehr im Monat.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Laut dem Verein soll der Spieler 800 Euro monatlich mehr bekommen.", "2024-05-03", outlet="Bote")
    c = _doc("c", "Der Verein zahlte dem Spieler zudem eine Prämie von 5000 Euro.", "2024-05-02", outlet="Kurier")
    result = _groups([a, b, c])
    group = _group_of(result, "a", 800)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"
    assert _group_of(result, "c", 5000)["id"] != group["id"]


def test_one_amount_said_of_other_things_stays_apart() -> None:
    # must not fire: the same amount in sentences that share no noun (a fine and a donation)
    a = _doc("a", "Der Wirt musste eine Strafe von 800 Euro zahlen.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Schüler sammelten für das Tierheim 800 Euro.", "2024-05-03", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 800)["id"] != _group_of(result, "b", 800)["id"]


_FIRE = "Nach dem Brand im Chemiewerk mussten {a}800 Menschen ihre Häuser verlassen. Der Bürgermeister lobte die Helfer. " \
        "Die Feuerwehr war mit vielen Kräften im Einsatz. Laut Landkreis mussten {b}3.000 Menschen ihre Häuser verlassen."


def test_two_values_one_article_gives_for_one_time_from_two_sources_are_no_update() -> None:
    # the fire's evacuees and a flood's in winter: one article gives both, neither told as earlier nor set against the
    # other; an earlier article's 800 followed by the 3.000 is no series
    a = _doc("a", _FIRE.format(a="", b="im Winter wegen eines Hochwassers "), "2024-05-02", outlet="Kurier")
    b = _doc("b", "Nach dem Brand im Chemiewerk mussten 800 Menschen ihre Häuser verlassen.", "2024-05-01", outlet="Bote")
    result = _groups([a, b])
    group = _group_of(result, "a", 800)
    assert group["relation"] == "corroborated" and _group_of(result, "a", 3000)["id"] != group["id"]


def test_two_values_one_article_tells_in_order_stay_an_update() -> None:
    # must not fire: the article tells the 800 as the first count and the 3.000 as the later one
    a = _doc("a", _FIRE.format(a="zunächst ", b="inzwischen "), "2024-05-02", outlet="Kurier")
    b = _doc("b", "Nach dem Brand im Chemiewerk mussten 800 Menschen ihre Häuser verlassen.", "2024-05-01", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 3000)
    assert group["relation"] == "updated" and {x["doc"] for x in group["claims"]} == {"a", "b"}


def test_a_counted_nouns_forms_are_one_measure() -> None:
    # "Flüge" and "Flügen": one noun, so one measure (the key numbers.measures gives it), whatever its case
    a = _doc("a", "Am Flughafen fielen am Montag 300 Flüge aus.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Am Flughafen kam es am Montag bei 300 Flügen zu Ausfällen.", "2024-05-02", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 300)
    assert group["measure"] == "count:flight" and group["relation"] == "corroborated" and len(group["claims"]) == 2


def test_counted_nouns_that_only_share_a_short_stem_stay_apart() -> None:
    # must not fire: a three-letter stem keeps its ending, so "Orte" and "Ortsteile" are no one noun
    a = _doc("a", "Das Hochwasser traf am Montag 12 Orte.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Das Hochwasser traf am Montag 12 Ortsteile.", "2024-05-02", outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "a", 12)["id"] != _group_of(result, "b", 12)["id"]


_STRIKE = ("Nach Angaben der Gewerkschaft beteiligten sich am Montag mehr als 40.000 Beschäftigte am Streik. "
           "Der Arbeitgeberverband sprach dagegen von 15.000 Streikenden.")


def test_another_article_giving_the_very_bound_one_side_gives_joins_the_dispute() -> None:
    a = _doc("a", _STRIKE, "2024-05-06", outlet="Kurier")
    b = _doc("b", "Nach Angaben der Streikleitung beteiligten sich mehr als 40.000 Beschäftigte am Streik.", "2024-05-07",
             outlet="Bote")
    group = _group_of(_groups([a, b]), "b", 40000)
    assert group["relation"] == "contradicted" and {x["doc"] for x in group["claims"]} == {"a", "b"}


def test_another_articles_bound_that_a_disputed_bound_merely_allows_stays_apart() -> None:
    # must not fire: "mehr als 60.000" is not the bound either side gives, only one "mehr als 40.000" allows
    a = _doc("a", _STRIKE, "2024-05-06", outlet="Kurier")
    b = _doc("b", "Nach Angaben der Streikleitung beteiligten sich mehr als 60.000 Beschäftigte am Streik.", "2024-05-07",
             outlet="Bote")
    result = _groups([a, b])
    assert _group_of(result, "b", 60000)["id"] != _group_of(result, "a", 15000)["id"]


def test_a_group_names_its_grounds_and_split_reasons_as_codes() -> None:
    # tools read why a group stands apart and what its relation rests on from codes, not from the reasoning's words
    a = _doc("a", "In Südtal starben 12 Menschen. Bei dem Busunglück in Südtal starben 2.000 Menschen.", "2024-05-02", outlet="A")
    b = _doc("b", "In Südtal starben 12 Menschen.", "2024-05-02", outlet="B")
    result = _groups([a, b])
    agreed, far = _group_of(result, "a", 12), _group_of(result, "a", 2000)
    assert agreed["relation"] == "corroborated" and agreed["grounds"] == ["agree_within_hedges"]
    assert "size_factor" in far["split_reasons"] and "size_factor" in agreed["split_reasons"]
    for g in result.claim_groups:
        assert set(g["grounds"]) <= set(GROUNDS) and set(g["split_reasons"]) <= set(SPLIT_REASONS)


def test_a_group_set_apart_by_nothing_names_no_split_reason() -> None:
    # must not fire: one quantity alone in its story, measure and scope
    result = _groups([_doc("a", "In Südtal starben 12 Menschen.", "2024-05-02", outlet="A")])
    (group,) = result.claim_groups
    assert group["split_reasons"] == [] and group["grounds"] == ["one_claim"]


_RALLY = "{place} – Gegen den Ausbau {what} ist am Samstag eine Kundgebung geplant. Die Veranstalter erwarten {n} Teilnehmer."


def test_figures_without_a_place_from_articles_reporting_from_two_places_are_grouped_apart() -> None:
    # two cities' expected rallies: no figure states its place, but the datelines do, and neither article names the other
    docs = [_doc(d, _RALLY.format(place=place, what=what, n=n), "2024-05-02", outlet=d.upper())
            for d, place, what, n in [("a", "Nordhafen", "des Flughafens", "10.000"), ("b", "Nordhafen", "des Flughafens", "10.000"),
                                      ("c", "Südtal", "der Autobahn", "25.000"), ("d", "Südtal", "der Autobahn", "25.000")]]
    result = _groups(docs)
    north, south = _group_of(result, "a", 10000), _group_of(result, "c", 25000)
    assert north["id"] != south["id"] and north["relation"] == south["relation"] == "corroborated"
    assert "place_of_report" in north["split_reasons"] and {c["doc"] for c in north["claims"]} == {"a", "b"}


def test_articles_whose_places_are_linked_or_a_country_are_no_two_places_of_report() -> None:
    # must not fire: an article that names the other's place ("Wie in Nordhafen"), or a country in the lead, which
    # holds the towns other articles report from
    linked = [_doc(d, _RALLY.format(place=place, what=what, n=n), "2024-05-02", outlet=d.upper())
              for d, place, what, n in [("a", "Nordhafen", "des Flughafens", "10.000"), ("b", "Nordhafen", "des Flughafens", "10.000"),
                                        ("c", "Südtal", "der Autobahn wie in Nordhafen", "25.000")]]
    assert _group_of(_groups(linked), "a", 10000)["id"] == _group_of(_groups(linked), "c", 25000)["id"]
    country = _doc("c", _RALLY.format(place="Polen", what="der Autobahn", n="25.000"), "2024-05-02", outlet="C")
    country.add("entity", Span(0, 5), Provenance("test"), label="LOC", data={"norm": "Polen", "form": "name", "kb": "polen"})
    docs = [*linked[:2], country]
    result = _groups(docs)
    assert _group_of(result, "a", 10000)["id"] == _group_of(result, "c", 25000)["id"]
    assert not any("place_of_report" in g["split_reasons"] for g in result.claim_groups)


def test_the_schema_lists_every_ground_and_split_reason_the_grouper_writes() -> None:
    import json
    from pathlib import Path

    import lagebild
    from lagebild.compare.claim_groups import GROUNDS, SPLIT_REASONS

    schema = json.loads((Path(lagebild.__file__).parent / "export" / "lagebild.schema.json").read_text(encoding="utf-8"))
    props = schema["$defs"]["claim_group"]["properties"]
    assert set(props["grounds"]["items"]["enum"]) == set(GROUNDS)
    assert set(props["split_reasons"]["items"]["enum"]) == set(SPLIT_REASONS)


def test_one_demand_worded_with_other_nouns_by_two_outlets_is_one_figure() -> None:
    # the noun after the unit differs ("mehr Lohn", "mehr Gehalt"), but both clauses speak of the union's demand
    a = _doc("a", "Die Gewerkschaft fordert für die Pflegekräfte 8 Prozent mehr Lohn.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Gewerkschaft verlangt 8 Prozent mehr Gehalt.", "2024-05-03", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 8)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_one_value_of_other_nouns_stays_apart_in_other_clauses_and_in_one_article() -> None:
    # must not fire: two articles' clauses share no noun (a firm's sales, a town's visitors); one article giving the
    # value of two nouns speaks of two things, whatever noun its clauses share
    a = _doc("a", "Der Konzern meldet 8 Prozent mehr Umsatz.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Stadt zählt 8 Prozent mehr Touristen.", "2024-05-03", outlet="Bote")
    c = _doc("c", "Die Gewerkschaft fordert 6 Prozent mehr Lohn. Die Gewerkschaft meldet 6 Prozent mehr Mitglieder.",
             "2024-05-02", outlet="Blatt")
    result = _groups([a, b, c])
    assert _group_of(result, "a", 8)["id"] != _group_of(result, "b", 8)["id"]
    lohn, mitglieder = (g for g in result.claim_groups if any(x["doc"] == "c" for x in g["claims"]))
    assert lohn["id"] != mitglieder["id"]


def _german(*docs):
    for doc in docs:
        doc.meta.language = "de"
    return list(docs)


def test_a_share_of_respondents_is_the_share_of_the_population_another_outlet_names() -> None:
    # a poll's respondents stand for the population it samples
    a = _doc("a", "In einer Umfrage des Instituts Demoskop sagten 61 Prozent der Befragten, sie seien für das Tempolimit.",
             "2024-05-02", outlet="Kurier")
    b = _doc("b", "Laut Demoskop sind 61 Prozent der Bürger für ein Tempolimit.", "2024-05-03", outlet="Bote")
    group = _group_of(_groups(_german(a, b)), "a", 61)
    assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "corroborated"


def test_a_share_of_respondents_stays_apart_from_another_share_of_another_value() -> None:
    # must not fire: the population's share of another value is another quantity (an age structure, not the poll)
    a = _doc("a", "In einer Umfrage des Instituts Demoskop sagten 61 Prozent der Befragten, sie seien für das Tempolimit.",
             "2024-05-02", outlet="Kurier")
    b = _doc("b", "Laut Statistikamt sind 54 Prozent der Bürger älter als 40 Jahre.", "2024-05-03", outlet="Bote")
    result = _groups(_german(a, b))
    assert _group_of(result, "a", 61)["id"] != _group_of(result, "b", 54)["id"]
    assert _group_of(result, "a", 61)["measure"] == "percent:befragte"


def test_a_share_of_respondents_of_another_question_is_no_party_vote_share_of_that_value() -> None:
    # must not fire: the respondents' share of a question about the government equals a party's share by chance
    a = _doc("a", "Laut einer Umfrage des Instituts Demoskop halten 42 Prozent der Befragten die Regierung für zerstritten.",
             "2024-05-02", outlet="Kurier")
    b = _doc("b", "Die Sonnenpartei käme in der Umfrage von Demoskop auf 42 Prozent der Stimmen.", "2024-05-03",
             outlet="Bote")
    result = _groups(_german(a, b))
    assert _group_of(result, "a", 42)["id"] != _group_of(result, "b", 42)["id"]
    assert _group_of(result, "a", 42)["measure"] == "percent:befragte"


def test_persons_trapped_and_persons_missing_are_never_one_measure() -> None:
    # buried and trapped persons are located, missing ones are not: two tolls, however equal their values
    a = _doc("a", "In Nordhafen sind nach dem Einsturz 11 Menschen verschüttet.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen werden nach dem Einsturz 11 Menschen vermisst.", "2024-05-02", outlet="Bote")
    c = _doc("c", "In Nordhafen sind 6 Arbeiter eingeschlossen.", "2024-05-03", outlet="Blatt")
    result = _groups([a, b, c])
    trapped, missing = _group_of(result, "a", 11), _group_of(result, "b", 11)
    assert trapped["id"] != missing["id"] and (trapped["measure"], missing["measure"]) == ("trapped", "missing")
    assert {x["doc"] for x in trapped["claims"]} == {"a", "c"}  # buried and trapped: one state, one toll


def test_rival_figures_of_unknown_or_coarse_times_cannot_be_compared() -> None:
    # no date, or only the month: nothing shows the two claimants speak of one time
    for published in (None, "2024-05"):
        a = _doc("a", "Laut Polizei nahmen in Nordhafen 2000 Menschen an der Kundgebung teil.", published, outlet="Kurier")
        b = _doc("b", "Laut den Veranstaltern nahmen in Nordhafen 5000 Menschen an der Kundgebung teil.", published,
                 outlet="Bote")
        group = _group_of(_groups([a, b]), "a", 2000)
        assert {x["doc"] for x in group["claims"]} == {"a", "b"} and group["relation"] == "cannot_compare"


def test_outlets_agreeing_over_several_days_corroborate_and_do_not_update() -> None:
    # the same value on three days (one article dated to the month only) is one figure confirmed, not a series
    a = _doc("a", "Die Polizei meldete in Nordhafen 20 Verletzte.", "2024-05-02", outlet="Kurier")
    b = _doc("b", "In Nordhafen wurden 20 Menschen verletzt.", "2024-05-04", outlet="Bote")
    c = _doc("c", "In Nordhafen wurden bisher 20 Menschen verletzt.", "2024-05", outlet="Blatt")
    group = _group_of(_groups([a, b, c]), "a", 20)
    assert {x["doc"] for x in group["claims"]} == {"a", "b", "c"} and group["relation"] == "corroborated"
