"""Publication-date inference for undated documents (compare stage dates.infer.v1)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.compare.dates import _same_noun, infer_dates
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex


def make_doc(doc_id: str, text: str, published: str | None = None, precision: str | None = None) -> Document:
    doc = Document(id=doc_id, original=text, source=SourceRef(path=f"{doc_id}.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=DateValue(published, precision))
    return RuleTimex()(doc)


def test_relative_expression_dated_by_shared_fact() -> None:
    docs = [
        make_doc("a", "Der Präsident besuchte am 19. Juni die Hauptstadt Pjöngjang und unterzeichnete dort ein Abkommen.", "2024-06-25", "day"),
        make_doc("b", "Bei seinem Besuch in Pjöngjang unterzeichnete der Präsident am 19. Juni ein Abkommen.", "2024-06-21", "day"),
        make_doc("c", "Ganz andere Nachrichten über Fußball am 3. März.", "2024-03-04", "day"),
        make_doc("u", "Der Besuch des Präsidenten in Pjöngjang letzte Woche endete mit einem Abkommen."),
    ]
    inferred = infer_dates(docs)
    assert set(inferred) == {"u"}
    entry = inferred["u"]
    # "letzte Woche" of an event on 19 June: written in the following ISO week
    assert (entry["value"], entry["precision"], entry["inferred"]) == ("2024-06-24", "day", True)
    assert entry["range"] == ["2024-06-24", "2024-06-30"]
    assert "letzte Woche" in entry["reason"] and "19. Juni" in entry["reason"]
    assert entry["evidence"][0]["text"] == "letzte Woche"
    (ann,) = [a for a in docs[3].of_kind("timex")]
    assert entry["timex"][ann.id]["value"] == "2024-W25"  # the week of 19 June again


def test_lower_bound_from_own_dates_is_a_bound_not_a_date() -> None:
    docs = [make_doc("u", "Am 3. März 2023 begann es, im Mai 2023 war es vorbei. Seither ist es ruhig.")]
    entry = infer_dates(docs)["u"]
    assert entry["kind"] == "bounds" and entry["value"] is None
    assert entry["not_before"] == "2023-05" and "not before" in entry["reason"]


def test_future_told_date_is_no_bound() -> None:
    """"will am 15. Januar 2025 die Vertrauensfrage stellen" lies ahead of the article."""
    docs = [make_doc("u", "Am 6. November 2024 hat der Kanzler den Minister entlassen. Er will am 15. Januar 2025 die Vertrauensfrage stellen.")]
    assert infer_dates(docs)["u"]["not_before"] == "2024-11-06"
    ahead = [make_doc("v", "Ab dem 20.11.2025 werden Anleger die neuen Papiere handeln können.")]
    assert infer_dates(ahead) == {}


def test_no_date_borrowed_from_another_story() -> None:
    """Two stories share "Menschen" and "verletzt"; the undated article takes nothing from the other one."""
    docs = [
        make_doc("a", "Bei dem Unglück am 3. Juni 2022 wurden viele Menschen verletzt, sagte die Polizei.", "2022-06-05", "day"),
        make_doc("b", "Am Montag wurden in der Stadt viele Menschen verletzt, sagte die Polizei.", "2025-02-14", "day"),
        make_doc("u", "Am Montag wurden in der Stadt viele Menschen verletzt, die Polizei ermittelt."),
    ]
    stories = [{"members": [{"doc": "a"}]}, {"members": [{"doc": "b"}, {"doc": "u"}]}]
    entry = infer_dates(docs, stories=stories)["u"]
    assert entry["value"].startswith("2025-02") and "a" not in {e["doc"] for e in entry["evidence"]}
    alone = [{"members": [{"doc": "a"}]}, {"members": [{"doc": "b"}]}, {"members": [{"doc": "u"}]}]
    assert "u" not in infer_dates(docs, stories=alone)


def test_story_coverage_month_and_own_bound() -> None:
    docs = [
        make_doc("a", "Der Streik legte die Werke lahm.", "2024-12-02", "day"),
        make_doc("b", "Die Einigung kam nach dem Streik.", "2025-01-20", "day"),
        make_doc("u", "Die Beschäftigten streikten erneut in allen Werken."),
        make_doc("w", "Am 20. Januar 2025 kam die Einigung nach langem Streik."),
    ]
    stories = [{"members": [{"doc": d.id} for d in docs]}]
    inferred = infer_dates(docs, stories=stories)
    assert (inferred["u"]["value"], inferred["u"]["kind"]) == ("2024-12", "inferred")
    assert inferred["w"]["value"] == "2025-01" and inferred["w"]["not_before"] == "2025-01-20"


def test_nothing_to_go_on() -> None:
    assert infer_dates([make_doc("u", "Kein Datum, nirgends.")]) == {}
    assert infer_dates([make_doc("d", "Am 3. März.", "2024-03-04", "day")]) == {}


def test_examples_undated_article(examples_dir) -> None:
    from lagebild.ingest import read_path
    from lagebild.pipeline import Pipeline, PipelineSpec

    pipe = Pipeline(PipelineSpec.of(["clean.boilerplate.v1", "meta.headers.v1", "segment.rules.v1", "timex.rules.v1"]))
    docs = [pipe(d) for p in sorted(examples_dir.glob("*.txt")) for d in read_path(p)]
    undated = [d.id for d in docs if not d.meta.published.value]
    inferred = infer_dates(docs)
    assert set(inferred) == set(undated)
    for entry in inferred.values():
        assert entry["value"].startswith("2024-06") and entry["reason"]


def test_date_without_past_tense_is_no_bound() -> None:
    """"Ab 1. Jänner 2017 gilt …" in an article from 2016: a rule taking effect, not a past date."""
    docs = [make_doc("u", "Ab 1. Jänner 2017 gilt die neue Regelung für alle Betriebe.")]
    assert infer_dates(docs) == {}


def test_own_apposition_dates_an_anniversary_piece() -> None:
    """"Vor genau einem Jahr, am 3. März 2019, …" was written on 3 March 2020; "vor drei Monaten, im
    Mai 2023" in a piece of August 2023."""
    year = infer_dates([make_doc("u", "Vor genau einem Jahr, am 3. März 2019, brach der Damm. Noch immer fehlt Geld.")])["u"]
    assert (year["value"], year["precision"], year["kind"]) == ("2020-03-03", "day", "inferred")
    months = infer_dates([make_doc("v", "Vor drei Monaten, im Mai 2023, begann der Abriss der Brücke.")])["v"]
    assert (months["value"], months["precision"]) == ("2023-08", "month")


def test_a_distance_and_a_date_in_different_sentences_date_nothing() -> None:
    """"vor 20 Jahren gegründet. Am 3. März 2019 …": the distance and the date are two moments."""
    docs = [make_doc("u", "Die Firma wurde vor 20 Jahren gegründet. Am 3. März 2019 brach der Damm.")]
    assert infer_dates(docs).get("u", {}).get("value") is None
    later = [make_doc("w", "Vor einem Jahr hatte er versprochen, am 3. März 2019 zurückzutreten.")]
    assert infer_dates(later).get("w", {}).get("value") is None


def test_weekday_must_match_the_dated_fact() -> None:
    """"am Montag veröffentlichten Ergebnis" is not the result another article dates to Friday 14 March."""
    fact = "Die Landeswahlleiterin veröffentlichte am 14. März 2025 das amtliche Ergebnis der Landtagswahl."
    docs = [
        make_doc("a", fact, "2025-03-14", "day"),
        make_doc("c", fact, "2025-03-15", "day"),  # two articles for the Friday: it would win the vote
        make_doc("b", fact.replace("14. März 2025", "17. März 2025"), "2025-03-17", "day"),
        make_doc("u", "Das am Montag von der Landeswahlleiterin veröffentlichte Ergebnis der Landtagswahl überraschte."),
    ]
    entry = infer_dates(docs)["u"]
    assert entry["value"].startswith("2025-03-17") and "17. März 2025" in entry["reason"]  # 17 March 2025 was a Monday


def test_distance_after_a_happening_its_story_dates() -> None:
    """"Drei Monate nach dem Dammbruch" in a story that dates the Dammbruch to 3 March 2019: June 2019."""
    docs = [
        make_doc("a", "Der Dammbruch vom 3. März 2019 überflutete das Dorf.", "2019-03-05", "day"),
        make_doc("u", "Drei Monate nach dem Dammbruch ist das Dorf noch immer nicht wieder aufgebaut."),
    ]
    entry = infer_dates(docs)["u"]
    assert (entry["value"], entry["precision"], entry["kind"]) == ("2019-06", "month", "inferred")
    assert "Dammbruch" in entry["reason"] and "2019-03-03" in entry["reason"]


def test_distance_after_an_undated_or_other_happening_dates_nothing() -> None:
    """The story dates another happening ("der Sturm vom 3. März 2019"), not the Dammbruch: no date from it."""
    docs = [
        make_doc("a", "Der Sturm vom 3. März 2019 deckte viele Dächer ab.", "2019-03-05", "day"),
        make_doc("u", "Drei Monate nach dem Dammbruch ist das Dorf noch immer nicht wieder aufgebaut."),
    ]
    assert "Dammbruch" not in (infer_dates(docs).get("u") or {}).get("reason", "")


def test_agency_item_id_dates_an_undated_copy() -> None:
    """ "dpa:241201-930-304671/1": the agency's item of 1 December 2024; inferred, never printed."""
    text = "Die Gewerkschaft ruft zu Warnstreiks in allen Werken auf.\n\n© dpa-infocom, dpa:241201-930-304671/1"
    doc = make_doc("u", text)
    entry = infer_dates([doc])["u"]
    assert (entry["value"], entry["kind"], entry["inferred"]) == ("2024-12-01", "inferred", True)
    assert entry["evidence"][0]["text"] == "dpa:241201-930-304671/1"
    assert text[entry["evidence"][0]["start"] : entry["evidence"][0]["end"]] == "dpa:241201-930-304671/1"


def test_no_agency_item_id_without_a_valid_day_or_with_a_printed_date() -> None:
    bad = [make_doc("u", "Ein Text. © dpa-infocom, dpa:241341-930-304671/1"),  # no 41 December
           make_doc("v", "Die Datei xdpa:241201-930-304671 liegt bei."),
           make_doc("w", "Die Nummer dpa:2412-930 ist keine Kennung.")]
    assert infer_dates(bad) == {}
    printed = make_doc("d", "Ein Text. © dpa-infocom, dpa:241201-930-304671/1", "2024-12-02", "day")
    assert infer_dates([printed]) == {}


def test_agency_item_id_yields_to_a_later_day_the_article_tells_as_past() -> None:
    """An item id is the agency's first version; an article telling 3 December as past is not from 1 December."""
    doc = make_doc("u", "Am 3. Dezember 2024 hatte die Gewerkschaft gestreikt.\n© dpa-infocom, dpa:241201-930-304671/4")
    entry = infer_dates([doc])["u"]
    assert entry["value"] != "2024-12-01" and entry.get("not_before") == "2024-12-03"


def test_distance_after_a_happening_named_by_the_head_of_its_compound() -> None:
    """"drei Wochen nach der Kommunalwahl"; the story writes "die Wahl vom 6. Oktober" in a preview."""
    docs = [
        make_doc("a", "Die Partei will erreichen, dass die Stimmen der Wahl vom 6. Oktober neu ausgezählt werden.", "2024-10-20", "day"),
        make_doc("u", "Drei Wochen nach der Kommunalwahl hat der Ausschuss das amtliche Ergebnis festgestellt."),
    ]
    entry = infer_dates(docs)["u"]
    assert entry["value"] == "2024-10" and "2024-10-06" in entry["reason"]  # 6 October + 3 weeks = 27 October


def test_distance_after_a_happening_ignores_another_compound_with_the_same_head() -> None:
    """The story dates the Landtagswahl, the article counts from the Kommunalwahl: another election."""
    docs = [
        make_doc("a", "Die Landtagswahl vom 6. Oktober 2024 brachte eine neue Mehrheit.", "2024-10-20", "day"),
        make_doc("u", "Drei Wochen nach der Kommunalwahl hat der Ausschuss das amtliche Ergebnis festgestellt."),
    ]
    assert "Kommunalwahl" not in (infer_dates(docs).get("u") or {}).get("reason", "")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=4, max_size=15),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=3),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10))
def test_same_noun_inflections_and_compound_heads(stem: str, ending: str, prefix: str) -> None:
    noun = stem.capitalize()
    assert _same_noun(noun + ending, noun)  # "Bundestagswahlen" names the "Bundestagswahl"
    assert _same_noun(noun, prefix.capitalize() + stem)  # "Wahl" is the head of "Bundestagswahl"
    assert not _same_noun("Tag", "Bundestag")  # fewer than four letters in common


def test_a_bare_month_told_as_past_is_a_bound_not_the_month() -> None:
    """"Im Februar starben zwei Arbeiter …" in an undated follow-up: the month lies behind the article, which is
    not dated to it; a month told ahead or in the present ("Im Dezember streiken sie") leaves the story's month."""
    dated = [
        make_doc("a", "Die Lagerhalle in Nordhafen brannte nieder, zwei Arbeiter starben.", "2019-02-06", "day"),
        make_doc("b", "Nach dem Brand der Lagerhalle in Nordhafen trauert die Stadt.", "2019-02-08", "day"),
    ]
    late = make_doc("u", "Im Februar starben zwei Arbeiter beim Brand der Lagerhalle in Nordhafen. Nun ist Anklage erhoben.")
    docs = [*dated, late]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["u"]
    assert (entry["kind"], entry["value"], entry["not_before"]) == ("bounds", None, "2019-02")
    assert "Februar" in entry["reason"] and entry["evidence"][0]["text"] == "Februar"
    # must not fire: the story's month, no month told as past
    same = make_doc("v", "Die Stadt trauert um die Toten des Brandes der Lagerhalle in Nordhafen.")
    docs = [*dated, same]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["v"]
    assert (entry["kind"], entry["value"]) == ("inferred", "2019-02")
    # must not fire: another month told as past is no bound on the story's month ("Im Januar hatte er …")
    other = make_doc("w", "Im Januar hatte der Betreiber die Lagerhalle in Nordhafen noch prüfen lassen, sagen die Ermittler.")
    docs = [*dated, other]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["w"]
    assert (entry["kind"], entry["value"]) == ("inferred", "2019-02")


def test_a_day_or_part_of_the_month_told_as_past_keeps_the_story_month() -> None:
    """"Am 6. Februar brannte die Lagerhalle …", "Ende Februar starben …": told of the current month as well, no bound."""
    dated = [
        make_doc("a", "Die Lagerhalle in Nordhafen brannte nieder, zwei Arbeiter starben.", "2019-02-06", "day"),
        make_doc("b", "Nach dem Brand der Lagerhalle in Nordhafen trauert die Stadt.", "2019-02-08", "day"),
    ]
    for text in ("Am 6. Februar brannte die Lagerhalle in Nordhafen nieder, zwei Arbeiter starben.",
                 "Ende Februar starben zwei Arbeiter beim Brand der Lagerhalle in Nordhafen."):
        docs = [*dated, make_doc("u", text)]
        entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["u"]
        assert (entry["kind"], entry["value"]) == ("inferred", "2019-02"), text
    # the day told as past starts the range: the month, but never before that day
    docs = [*dated, make_doc("u", "Am 6. Februar brannte die Lagerhalle in Nordhafen nieder, zwei Arbeiter starben.")]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["u"]
    assert (entry["not_before"], entry["range"]) == ("2019-02-06", ["2019-02-06", "2019-02-28"])


def test_a_day_told_as_past_takes_the_coverage_from_that_day_on() -> None:
    """"das Endergebnis der Wahl vom 23. Februar" in an undated follow-up: the February coverage is dated to the
    month alone (it may be from before the 23rd), the March coverage is known to be later; the article is not
    dated to the story's first month, which would put it before its own past."""
    dated = [
        make_doc("a", "Die Stimmen der Landtagswahl in Nordland werden ausgezählt.", "2031-02", "month"),
        make_doc("b", "Der Landeswahlausschuss in Nordland tagt zum Ergebnis der Landtagswahl.", "2031-03", "month"),
        make_doc("c", "Das amtliche Endergebnis der Landtagswahl in Nordland liegt vor.", "2031-03-14", "day"),
    ]
    late = make_doc("u", "Der Landeswahlausschuss hat das Endergebnis der Landtagswahl vom 23. Februar in Nordland festgestellt.")
    docs = [*dated, late]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["u"]
    assert (entry["kind"], entry["value"]) == ("inferred", "2031-03")
    assert "23. Februar" in entry["reason"] and entry["not_before"] == "2031-02-23"
    # only the February coverage: nothing is known to be after the 23rd, the day is a bound with its precision
    docs = [dated[0], late]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["u"]
    assert (entry["kind"], entry["value"], entry["not_before"], entry["not_before_precision"]) == ("bounds", None, "2031-02-23", "day")
    # must not fire: a day told ahead ("soll am 23. Februar …") bounds nothing
    ahead = make_doc("v", "Der Landeswahlausschuss soll das Endergebnis der Landtagswahl in Nordland am 23. Februar feststellen.")
    docs = [dated[0], ahead]
    entry = infer_dates(docs, stories=[{"members": [{"doc": d.id} for d in docs]}])["v"]
    assert (entry["kind"], entry["value"]) == ("inferred", "2031-02")


def test_a_bound_with_its_year_says_its_precision() -> None:
    docs = [make_doc("u", "Am 3. März 2023 begann es. Seither ist es ruhig.")]
    entry = infer_dates(docs)["u"]
    assert (entry["not_before"], entry["not_before_precision"]) == ("2023-03-03", "day")


def test_several_undated_articles_with_bounds_in_one_run() -> None:
    """A bound written for one article leaves the story's told days intact for the next one."""
    docs = [
        make_doc("a", "Die Bundestagswahl am 23. Februar 2025 endete spät.", "2025-02-24", "day"),
        make_doc("u", "Am 3. März 2023 begann es. Seither ist es ruhig."),
        make_doc("v", "Knapp drei Wochen nach der Bundestagswahl steht das Ergebnis fest."),
    ]
    inferred = infer_dates(docs, stories=[{"members": [{"doc": "a"}, {"doc": "v"}]}, {"members": [{"doc": "u"}]}])
    assert inferred["u"]["kind"] == "bounds" and inferred["v"]["value"] == "2025-03"
