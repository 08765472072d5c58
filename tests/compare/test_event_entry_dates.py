"""Dates of a happening from what the article says of it: a live blog's day headings, one Monday per article and
happening, a happening named as an aim, reports of a happening folded into the event the texts date."""

from __future__ import annotations

from compare_helpers import make_doc, run_events, run_timeline

from lagebild.model import Document
from lagebild.stages.timex import RuleTimex

PLACES = [("Talheim", "LOC", "Talheim"), ("Bergdorf", "LOC", "Bergdorf")]


def _doc(doc_id: str, text: str, published: str | None) -> Document:
    """A document through the real timex and event stages (the publication date as the timex stage reads it)."""
    doc = make_doc(doc_id, text, published=published, entities=PLACES)
    return run_events(RuleTimex()(doc))


def _dates(doc: Document, cls: str) -> list[str | None]:
    (event,) = [e for e in run_timeline([doc]).events if e["type"] == cls]
    return [(m.get("date") or {}).get("value") for m in event["mentions"]]


# -- a live blog's day heading dates its entries


LIVE = (
    "Liveblog: Hochwasser in Talheim\n\n"
    "Samstag, 15. März\n\n"
    "08:10 Uhr – In Talheim überflutet das Hochwasser die Altstadt.\n\n"
    "11:30 Uhr – Die Feuerwehr evakuiert in Talheim ein Altenheim wegen des Hochwassers.\n"
)


def test_a_day_heading_dates_the_entries_below_it() -> None:
    doc = _doc("live", LIVE, "2025-03")
    dates = {m["text"][:9]: (m.get("date") or {}).get("value") for e in run_timeline([doc]).events for m in e["mentions"]}
    assert dates["08:10 Uhr"] == dates["11:30 Uhr"] == "2025-03-15"
    assert dates["Liveblog:"] == "2025-03"  # the title above the heading keeps the page's month


def test_entries_under_a_later_heading_take_its_day() -> None:
    text = LIVE + "\nSonntag, 16. März\n\n09:00 Uhr – Das Hochwasser in Talheim geht zurück.\n"
    doc = _doc("live", text, "2025-03")
    dates = {m["text"][:9]: (m.get("date") or {}).get("value") for e in run_timeline([doc]).events for m in e["mentions"]}
    assert dates["08:10 Uhr"] == "2025-03-15" and dates["09:00 Uhr"] == "2025-03-16"


def test_a_date_line_after_a_printed_publication_date_is_an_agenda() -> None:
    text = "Termine der Woche\n\nSamstag, 15. März\n\nIn Talheim hat das Hochwasser die Altstadt überflutet.\n"
    doc = _doc("agenda", text, "2025-03-10")
    assert set(_dates(doc, "flood")) == {"2025-03-10"}


def test_a_date_inside_a_sentence_is_no_heading() -> None:
    text = "Die Gemeinde erinnert an den 15. März 2019.\n\nIn Talheim hat das Hochwasser die Altstadt überflutet.\n"
    doc = _doc("prose", text, "2025-03-10")
    assert set(_dates(doc, "flood")) == {"2025-03-10"}


# -- one article, one happening, one Monday


def test_an_untensed_weekday_takes_the_day_the_article_s_tensed_one_gives() -> None:
    text = (
        "Großstreik am Montag: In Talheim steht alles still\n\n"
        "Die Gewerkschaft hat zu einem Streik aufgerufen. Der Streik soll am Montag um 0.00 Uhr beginnen.\n"
    )
    doc = _doc("s", text, "2025-02-28")  # a Friday: the Monday meant is 3 March
    days = {(m.get("date") or {}).get("value") for e in run_timeline([doc]).events if e["type"] == "strike" for m in e["mentions"]}
    assert "2025-02-24" not in days and "2025-03-03" in days


def test_an_untensed_weekday_alone_keeps_the_tagger_s_day() -> None:
    doc = _doc("s", "Großstreik am Montag: In Talheim steht alles still\n", "2025-02-28")
    timex = next(t for t in doc.of_kind("timex") if t.surface == "Montag")
    assert _dates(doc, "strike") == [timex.data["value"]]


# -- a happening named as the aim of another clause


def test_a_happening_in_a_zu_infinitive_takes_no_date_of_the_other_clause() -> None:
    doc = _doc("z", "Die Arbeitgeber waren am Samstag mit dem Versuch gescheitert, den Streik gerichtlich stoppen zu lassen.", "2025-03-03")
    (strike,) = [a for a in doc.of_kind("event") if a.label == "strike"]
    assert strike.data["date"] is None


def test_a_happening_in_a_clause_without_an_infinitive_keeps_the_sentence_s_date() -> None:
    doc = _doc("z", "Die Polizei war am Samstag in Talheim im Einsatz, den Streik hatte niemand erwartet.", "2025-03-03")
    (strike,) = [a for a in doc.of_kind("event") if a.label == "strike"]
    assert strike.data["date"]["value"] == "2025-03-01"


# -- reports dated by their days only join the event the texts date


def test_reports_of_a_text_dated_strike_are_one_event() -> None:
    docs = [
        _doc("a", "Der Streik hat am Montag in Talheim den Verkehr lahmgelegt.", "2025-03-03"),
        _doc("b", "Die Arbeitgeber kritisieren den Streik scharf.", "2025-02-27"),
        _doc("c", "Der Streik trifft vor allem Pendler.", "2025-03-04"),
        _doc("d", "Der Streik ist vorbei, der Streit um die Zahlen geht weiter.", "2025-03-05"),
    ]
    strikes = [e for e in run_timeline(docs).events if e["type"] == "strike"]
    assert len(strikes) == 1 and strikes[0]["sources"] == ["a", "b", "c", "d"] and strikes[0]["date"]["value"] == "2025-03-03"


def test_reports_of_another_month_stay_apart_from_a_text_dated_strike() -> None:
    docs = [
        _doc("a", "Der Streik hat am Montag in Talheim den Verkehr lahmgelegt.", "2025-03-03"),
        _doc("b", "Die Arbeitgeber kritisieren den Streik scharf.", "2025-05-20"),
        _doc("c", "Der Streik trifft vor allem Pendler.", "2025-05-21"),
    ]
    strikes = sorted((e for e in run_timeline(docs).events if e["type"] == "strike"), key=lambda e: e["sources"])
    assert [s["sources"] for s in strikes] == [["a"], ["b", "c"]]


# -- a date after the article's own date, told as past, is flagged where the event is shown


def _flags(text: str) -> list[str | None]:
    doc = _doc("f", text, "2025-03-03")
    return [m.get("inconsistency") for e in run_timeline([doc]).events if e["type"] == "flood" for m in e["mentions"]]


def test_a_mention_dated_after_its_article_carries_the_article_s_flag() -> None:
    flags = _flags("Am 25. Februar begann der Regen. Zwei Wochen später hat das Hochwasser in Talheim die Altstadt überflutet.")
    assert flags and all(f and f.startswith("f#") for f in flags)


def test_a_mention_dated_before_its_article_carries_no_flag() -> None:
    flags = _flags("Am 15. Februar begann der Regen. Zwei Wochen später hat das Hochwasser in Talheim die Altstadt überflutet.")
    assert flags and not any(flags)


# -- the story's central event


def test_the_happening_most_sources_report_is_the_story_s_central_event() -> None:
    docs = [
        _doc("a", "Das Hochwasser hat am Montag in Talheim die Altstadt überflutet. Der Bürgermeister kritisierte die Behörden.", "2025-03-04"),
        _doc("b", "In Talheim hat das Hochwasser am Montag ganze Straßen überflutet.", "2025-03-04"),
        _doc("c", "Nach dem Hochwasser in Talheim kritisierte der Bürgermeister die Behörden.", "2025-03-05"),
    ]
    result = run_timeline(docs)
    central = [e for e in result.events if e["central"]]
    assert [(e["type"], e["sources"]) for e in central] == [("flood", ["a", "b", "c"])]
    assert [t["central"] for t in result.timeline if t["event"] == central[0]["id"]] == [True]


def test_a_happening_one_source_tells_is_no_central_event() -> None:
    docs = [_doc("a", "Das Hochwasser hat am Montag in Talheim die Altstadt überflutet.", "2025-03-04")]
    assert not any(e["central"] for e in run_timeline(docs).events)


# -- a clock time told as past, later than the article's own time, is the evening before


def _clock_doc(text: str, published: str) -> Document:
    from lagebild.model import DateValue

    doc = make_doc("k", text, entities=PLACES)
    doc.meta.published = DateValue(published, "minute")
    return run_events(RuleTimex()(doc))


def test_a_past_clock_time_after_the_article_s_time_is_the_evening_before() -> None:
    doc = _clock_doc("Die Explosion in Talheim hatte sich gegen 21.40 Uhr ereignet.", "2025-03-12T05:48")
    assert {v[:16] for v in _dates(doc, "fire") if v} == {"2025-03-11T21:40"}


def test_a_past_clock_time_before_the_article_s_time_stays_on_its_day() -> None:
    doc = _clock_doc("Die Explosion in Talheim hatte sich gegen 04.40 Uhr ereignet.", "2025-03-12T05:48")
    assert {v[:16] for v in _dates(doc, "fire") if v} == {"2025-03-12T04:40"}


def test_a_clock_time_with_its_day_written_stays_on_that_day() -> None:
    doc = _clock_doc("Die Explosion in Talheim hatte sich am 12. März gegen 21.40 Uhr ereignet.", "2025-03-12T05:48")
    assert all(not v or v.startswith("2025-03-12") for v in _dates(doc, "fire"))


def test_a_happening_noun_takes_the_past_of_its_time_s_clause() -> None:
    doc = _clock_doc("Zum Zeitpunkt der Explosion gegen 21.40 Uhr hatten sich elf Arbeiter in Talheim im Stollen befunden.", "2025-03-12T05:48")
    assert {v[:16] for v in _dates(doc, "fire") if v} == {"2025-03-11T21:40"}
