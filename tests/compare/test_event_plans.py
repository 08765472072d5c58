"""Happenings told as lying ahead ("wird am Montag streiken"): a plan, never a report that it happened."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

ENTS = [("Leipzig", "LOC", "Leipzig"), ("Nordbahn", "ORG", "Nordbahn")]


def _modalities(text: str) -> dict[str, str]:
    doc = run_events(make_doc("x", text, entities=ENTS))
    return {str(a.label): str(a.data.get("modality")) for a in doc.of_kind("event")}


def test_the_future_tense_is_a_plan_the_passive_is_not() -> None:
    assert _modalities("Die Beschäftigten der Nordbahn werden in Leipzig streiken.")["strike"] == "planned"
    assert _modalities("Der Streik bei der Nordbahn wird in Leipzig beginnen.")["strike"] == "planned"
    # must not fire: "wird" with a participle is the passive of what happens now; "wurde" is past
    assert _modalities("Der Streik bei der Nordbahn wird in Leipzig fortgesetzt.")["strike"] == "asserted"
    got = _modalities("Die Toten werden in Leipzig geborgen, der Streik bei der Nordbahn dauert an.")
    assert "planned" not in got.values()
    assert _modalities("In Leipzig streikten die Beschäftigten der Nordbahn.")["strike"] == "asserted"
    # a participle without "ge" after "werden" ("werden verboten", "wird beschlossen") is the passive too
    assert _modalities("In Leipzig wird der Haushalt der Nordbahn beschlossen.").get("decide") == "asserted"


def test_a_plan_dates_the_strike_a_later_article_reports_and_is_no_source() -> None:
    docs = [
        # Friday: the strike is announced for Monday
        run_events(make_doc("a", "Die Beschäftigten der Nordbahn werden am Montag in Leipzig streiken.", published="2024-03-08",
                            entities=ENTS, timexes=[("am Montag", "2024-03-11", "day")])),
        # Tuesday: the strike is reported, without its day
        run_events(make_doc("b", "Der Warnstreik bei der Nordbahn legte den Verkehr in Leipzig lahm.", published="2024-03-12", entities=ENTS)),
    ]
    result = run_timeline(docs)
    (strike,) = [e for e in result.events if e["type"] == "strike"]
    assert strike["status"] == "reported" and strike["sources"] == ["b"] and strike["announced_by"] == ["a"]
    assert strike["date"]["value"] == "2024-03-11"  # the announced day, which the report confirms
    assert strike["label"].startswith("Der Warnstreik")  # told by the report, not by the plan
    (item,) = [t for t in result.timeline if t["event"] == strike["id"]]
    assert item["planned"] is False


def test_a_plan_no_article_reports_stays_a_plan() -> None:
    docs = [run_events(make_doc("a", "Der Warnstreik bei der Nordbahn soll am Montag in Leipzig beginnen.", published="2024-03-08",
                                entities=ENTS, timexes=[("am Montag", "2024-03-11", "day")]))]
    result = run_timeline(docs)
    (strike,) = [e for e in result.events if e["type"] == "strike"]
    assert strike["status"] == "planned" and strike["mentions"][0]["modality"] in ("reported", "planned")
    (item,) = [t for t in result.timeline if t["event"] == strike["id"]]
    assert item["planned"] is True
    # must not fire: the same day told in the past tense in an article of that Friday is a report (the day is
    # misread, not the tense)
    docs = [run_events(make_doc("b", "In Leipzig streikten am Montag die Beschäftigten der Nordbahn.", published="2024-03-08",
                                entities=ENTS, timexes=[("am Montag", "2024-03-11", "day")]))]
    (strike,) = [e for e in run_timeline(docs).events if e["type"] == "strike"]
    assert strike["status"] == "reported"


PLACE = [("Nordhafen", "LOC", "Nordhafen")]


def test_a_toll_told_as_rising_is_no_plan() -> None:
    # must not fire: the dead of a flood, an earthquake or an attack are counted, the rise is no plan
    for text in (
        "Nach dem Hochwasser in Nordhafen wird die Zahl der Toten weiter steigen.",
        "Die Zahl der Todesopfer des Erdbebens in Nordhafen wird nach Einschätzung der Behörden noch steigen.",
        "Bei dem Anschlag in Nordhafen starben zwölf Menschen. Die Zahl der Toten wird weiter steigen.",
    ):
        got = _modalities_all(text)
        assert got and set(got) == {"asserted"}, (text, got)


def _modalities_all(text: str) -> list[str]:
    doc = run_events(make_doc("y", text, entities=PLACE))
    return [str(a.data.get("modality")) for a in doc.of_kind("event")]


def test_forecast_happenings_are_plans() -> None:
    assert "planned" in _modalities_all("Das Hochwasser in Nordhafen wird am Montag seinen Höhepunkt erreichen.")
    assert "planned" in _modalities_all("Der Sturm wird in Nordhafen am Abend eintreffen.")
    assert "planned" in _modalities_all("Die Bewohner von Nordhafen werden morgen evakuiert werden.")
    # must not fire: the present passive and the past passive of an evacuation are reports
    assert "planned" not in _modalities_all("Die Bewohner von Nordhafen werden derzeit evakuiert.")
    assert "planned" not in _modalities_all("Die Bewohner von Nordhafen sind evakuiert worden.")
    # must not fire: an evacuation that must take place is required, not planned
    assert "planned" not in _modalities_all("Die Bewohner von Nordhafen müssen evakuiert werden.")


def test_reported_speech_sets_a_happening_ahead_with_soll_or_werde() -> None:
    assert _modalities("Der Streik bei der Nordbahn soll in Leipzig 24 Stunden dauern.")["strike"] == "planned"
    assert _modalities("Die Beschäftigten der Nordbahn sollen am Montag in Leipzig streiken.")["strike"] == "planned"
    assert _modalities("Der Chef der Nordbahn werde in Leipzig zurücktreten, sagte ein Sprecher.")["resign"] == "planned"
    assert _modalities("Die Verbindung der Nordbahn werde ab Juni gestrichen, teilte das Unternehmen mit.")["economy"] == "planned"
    # must not fire: a perfect infinitive reports what happened; "werde" with a participle and nothing pointing
    # ahead tells what is being done; the preterite is a report
    assert _modalities("Die Beschäftigten der Nordbahn sollen in Leipzig gestreikt haben.")["strike"] == "reported"
    assert _modalities("Die Verbindung der Nordbahn werde gestrichen, teilte das Unternehmen mit.")["economy"] == "asserted"
    assert _modalities("Der Streik bei der Nordbahn dauerte in Leipzig 24 Stunden.")["strike"] == "asserted"
