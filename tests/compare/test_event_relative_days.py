"""Days told relative to the article: a night named by its morning, a past deed's weekday before the article's day."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

from lagebild.model import Document
from lagebild.stages.timex import RuleTimex

PLACES = [("Leibnitz", "LOC", "Leibnitz"), ("Kassel", "LOC", "Kassel")]


def _doc(doc_id: str, text: str, published: str) -> Document:
    return run_events(RuleTimex()(make_doc(doc_id, text, published=published, entities=PLACES)))


def _dates(doc: Document, label: str) -> list[str]:
    return [str((e.data.get("date") or {}).get("value")) for e in doc.of_kind("event") if e.label == label]


def test_a_night_to_a_weekday_dates_the_happening_by_that_weekday() -> None:
    doc = _doc("a", "In Leibnitz ist die Mur in der Nacht auf Mittwoch über die Ufer getreten.", "2025-06-11")
    assert _dates(doc, "flood") == ["2025-06-11"]


def test_an_evening_weekday_keeps_its_own_day() -> None:
    doc = _doc("a", "In Leibnitz ist die Mur am Dienstagabend über die Ufer getreten.", "2025-06-11")
    assert _dates(doc, "flood") == ["2025-06-10TEV"]


def test_the_night_and_the_morning_day_of_one_flood_are_one_event() -> None:
    docs = [
        _doc("a", "In Leibnitz ist die Mur in der Nacht zum Mittwoch über die Ufer getreten.", "2025-06-11"),
        _doc("b", "Die Mur war am Mittwoch in Leibnitz über die Ufer getreten.", "2025-06-12"),
    ]
    (flood,) = [e for e in run_timeline(docs).events if e["type"] == "flood"]
    assert flood["sources"] == ["a", "b"] and flood["date"]["value"] == "2025-06-11"


def test_a_deed_told_as_done_lies_on_the_weekday_before_the_article() -> None:
    """"soll … erstochen haben" in an article of Wednesday: the Tuesday before, not the next one."""
    docs = [_doc("a", "Der Mann soll am Dienstagabend in Kassel einen 40-Jährigen erstochen haben.", "2025-04-09")]
    (attack,) = [e for e in run_timeline(docs).events if e["type"] == "attack"]
    assert attack["date"]["value"].startswith("2025-04-08")


def test_a_strike_set_for_a_weekday_stays_ahead() -> None:
    docs = [_doc("a", "In Kassel soll am Dienstag gestreikt werden.", "2025-04-09")]
    strikes = [e for e in run_timeline(docs).events if e["type"] == "strike"]
    assert all(not e["date"]["value"].startswith("2025-04-08") for e in strikes)


def test_a_stabbing_is_an_attack_by_its_verb_alone() -> None:
    doc = _doc("a", "Ein Unbekannter hat in Kassel einen 40-Jährigen erstochen.", "2025-04-09")
    assert [e.label for e in doc.of_kind("event")] == ["attack"]


def test_a_player_hit_by_the_ball_is_no_attack() -> None:
    doc = _doc("a", "Der 25-Jährige wurde in Kassel vom Ball angeschossen und spielte weiter.", "2025-04-09")
    assert "attack" not in [e.label for e in doc.of_kind("event")]
