"""Days told relative to the article: a night named by its morning, a past deed's weekday before the article's day."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

from lagebild.model import Document, Provenance, Span
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


def test_the_day_before_counts_from_the_article_for_a_deed_told_as_done() -> None:
    """"Am Vortag" after "am kommenden Dienstag": the tagger counts from next Tuesday; the deed lies before the article."""
    text = "Die Abstimmung soll am kommenden Dienstag stattfinden. Am Vortag hatten die Piraten das Regierungsbündnis aufgekündigt."
    events = run_timeline([_doc("a", text, "2025-05-21")]).events
    (crisis,) = [e for e in events if e["type"] == "government_crisis"]
    assert crisis["date"]["value"] == "2025-05-20"


def test_the_day_before_a_past_day_keeps_its_day() -> None:
    text = "Am Montag stimmte das Parlament in Leibnitz ab. Am Vortag hatten die Piraten das Regierungsbündnis aufgekündigt."
    events = run_timeline([_doc("a", text, "2025-05-21")]).events
    (crisis,) = [e for e in events if e["type"] == "government_crisis"]
    assert crisis["date"]["value"] == "2025-05-18"


def test_a_clock_time_after_a_night_lies_on_the_morning_the_night_names() -> None:
    text = "Ein starkes Erdbeben hat in der Nacht zu Montag den Nordosten Japans erschüttert. Die Erde bebte um 2.31 Uhr Ortszeit."
    (quake,) = [e for e in run_timeline([_doc("a", text, "2025-02-17")]).events if e["type"] == "earthquake"]
    assert quake["date"]["value"].startswith("2025-02-17")


def test_a_clock_time_after_an_evening_keeps_the_evening_day() -> None:
    text = "Ein starkes Erdbeben hat am Sonntagabend den Nordosten Japans erschüttert. Die Erde bebte um 22.31 Uhr Ortszeit."
    (quake,) = [e for e in run_timeline([_doc("a", text, "2025-02-17")]).events if e["type"] == "earthquake"]
    assert quake["date"]["value"].startswith("2025-02-16")


def _tagged(doc_id: str, text: str, published: str, places: list[tuple[str, str, str]]) -> Document:
    return run_events(RuleTimex()(make_doc(doc_id, text, published=published, entities=places)))


COUNTRY = [("pakistanischen", "LOC", "Pakistan")]
CITY = [("Quetta", "LOC", "Quetta")]


def test_an_undated_report_of_an_attack_joins_the_recent_one_not_an_older_one_of_the_place() -> None:
    """The first report tags the country ("in der pakistanischen Stadt Quetta"), the later one the city it names."""
    docs = [
        _tagged("a", "Bei einem Bombenanschlag auf einen Markt in der pakistanischen Stadt Quetta sind am Sonntag 17 Menschen "
                     "getötet worden.", "2025-11-02", COUNTRY),
        _tagged("b", "Zwei Tage nach dem Selbstmordanschlag auf einen Markt in Quetta ist die Zahl der Toten gestiegen. "
                     "Bereits im März 2023 waren bei einem Anschlag auf eine Moschee in Quetta 30 Menschen getötet worden.", "2025-11-04", CITY),
    ]
    attacks = {e["date"]["value"]: e["sources"] for e in run_timeline(docs).events if e["type"] == "attack"}
    assert attacks["2025-11-02"] == ["a", "b"] and attacks["2023-03"] == ["b"]


def test_attacks_in_two_cities_on_one_day_stay_apart() -> None:
    places = [("Quetta", "LOC", "Quetta"), ("Karachi", "LOC", "Karachi")]
    docs = [
        _tagged("a", "Bei einem Anschlag auf einen Markt in Quetta sind am Sonntag 17 Menschen getötet worden.", "2025-11-02", places),
        _tagged("b", "Bei einem Anschlag auf einen Bahnhof in Karachi sind am Sonntag 9 Menschen getötet worden.", "2025-11-02", places),
    ]
    assert sorted(e["sources"] for e in run_timeline(docs).events if e["type"] == "attack") == [["a"], ["b"]]


def test_an_undated_report_joins_an_older_attack_when_the_story_has_no_recent_one() -> None:
    docs = [
        _tagged("a", "Ein Jahr nach dem Anschlag auf einen Markt in Quetta gedachten die Menschen der Opfer.", "2026-11-02", CITY),
        _tagged("b", "Im November 2025 waren bei einem Anschlag auf einen Markt in Quetta 26 Menschen getötet worden.", "2026-11-02", CITY),
    ]
    attacks = [e["sources"] for e in run_timeline(docs).events if e["type"] == "attack"]
    assert ["a", "b"] in attacks


def test_a_sentence_naming_two_cities_joins_neither_city_to_the_other() -> None:
    places = [("Hannover", "LOC", "Hannover"), ("Kiel", "LOC", "Kiel")]
    docs = [
        _tagged("a", "In Hannover demonstrierten am Samstag 35.000 Menschen gegen Rechtsextremismus, auch aus Kiel reisten viele an.",
                "2024-01-21", places),
        _tagged("b", "In Kiel demonstrierten am Sonntag über 10.000 Menschen auf dem Rathausplatz.", "2024-01-22", places),
    ]
    protests = sorted(e["sources"] for e in run_timeline(docs).events if e["type"] == "protest")
    assert protests == [["a"], ["b"]]


def test_a_weekday_the_tagger_read_as_past_is_not_moved() -> None:
    """An updated article: the tagger dated "am Sonntag" by the update of the 21st, after the first publication."""
    doc = make_doc("a", "Die Ministerin hat am Sonntag das Hochwassergebiet in Leibnitz besucht.", published="2023-05-20", entities=PLACES)
    doc.add("timex", Span(doc.text.index("Sonntag"), doc.text.index("Sonntag") + 7), Provenance("test"), label="DATE",
            data={"value": "2023-05-21", "granularity": "day", "rule": "weekday", "direction": "none",
                  "relative": {"ref": "dct", "weekday": 6, "rel": "past"}})
    (visit,) = [e for e in run_timeline([run_events(doc)]).events if e["type"] == "visit"]
    assert visit["date"]["value"] == "2023-05-21"


def test_a_fire_at_an_evening_clock_time_after_a_night_keeps_the_evening_day() -> None:
    """"in der Nacht zu Montag … um 23.40 Uhr": a clock time of the evening is the Sunday the night begins on."""
    text = "In Kassel hat in der Nacht zu Montag eine Lagerhalle gebrannt. Das Feuer brach um 23.40 Uhr aus."
    fires = [e for e in run_timeline([_doc("a", text, "2025-03-10")]).events if e["type"] == "fire"]
    assert fires and all(not e["date"]["value"].startswith("2025-03-10T23") for e in fires)
    assert any(e["date"]["value"].startswith("2025-03-09") for e in fires)


def test_a_recent_attack_of_another_city_does_not_pull_in_an_undated_report() -> None:
    """"Zwei Tage nach dem Anschlag in Quetta" of a story whose recent attack is Karachi's: the place turns it away."""
    places = [("Quetta", "LOC", "Quetta"), ("Karachi", "LOC", "Karachi")]
    docs = [
        _tagged("a", "Bei einem Anschlag auf einen Bahnhof in Karachi sind am Sonntag 9 Menschen getötet worden.", "2025-11-02", places),
        _tagged("b", "Zwei Tage nach dem Anschlag auf einen Markt in Quetta ist die Zahl der Toten gestiegen.", "2025-11-04", places),
    ]
    attacks = [e["sources"] for e in run_timeline(docs).events if e["type"] == "attack"]
    assert ["a"] in attacks and ["a", "b"] not in attacks


def _protest_dates(text: str, published: str) -> list[str]:
    return _dates(_doc("a", text, published), "protest")


def test_the_day_a_figure_was_given_is_not_the_protests_day() -> None:
    """"nannte am Montag die Zahl von 12 000 Demonstranten": Monday is the count's day; the weekend's rally is the event."""
    assert _protest_dates("Ein Polizeisprecher nannte am Montag die Zahl von 12 000 Demonstranten in Kassel.", "2025-03-11") == ["None"]
    assert _protest_dates("Am Montag sprach die Polizei von 12 000 Demonstranten in Kassel.", "2025-03-11") == ["None"]


def test_a_day_next_to_the_protest_itself_dates_it() -> None:
    assert _protest_dates("In Kassel zogen am Montag 12 000 Demonstranten durch die Innenstadt.", "2025-03-11") == ["2025-03-10"]
    assert _protest_dates("Die Demonstration am Montag in Kassel meldete die Polizei als friedlich.", "2025-03-11") == ["2025-03-10"]


def test_a_verb_that_does_what_it_names_or_takes_a_particle_keeps_its_day() -> None:
    """"erklärte am Montag seinen Rücktritt" resigns that day; "meldete … an" is another verb than telling."""
    assert _dates(_doc("a", "Der Minister erklärte am Montag in Kassel seinen Rücktritt.", "2025-03-11"), "resign") == ["2025-03-10"]
    assert _dates(_doc("a", "Die Gewerkschaft meldete am Montag in Kassel einen Streik an.", "2025-03-11"), "strike") == ["2025-03-10"]
