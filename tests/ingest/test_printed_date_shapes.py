"""Printed publication dates in the shapes flattened pages give them, each with a text where the rule must not fire:
two dates of a theme glued together, a date block split over two lines, a closing "Created …" line, a lead
sentence that opens with its weekday and date, an update date in a header flattened into one long line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest import headers
from lagebild.stages import meta
from lagebild.stages.meta import _printed_day
from tests.ingest.header_page import BODY, read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
MENU = ["Startseite", "Politik", "Wirtschaft", "Sport"]
DAYS = st.dates(min_value=date(1996, 1, 1), max_value=date(2035, 12, 31))


def _slash(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


@given(DAYS, DAYS)
def test_two_glued_dates_are_read_as_themselves(first: date, second: date) -> None:
    # a theme's publication and update spans flattened without a space: "17/11/201917/11/2019 ~ Cem Basman"
    found = [d.value.value for d in headers.dates_in(f"{_slash(first)}{_slash(second)} ~ Anna Muster")]
    assert found == [first.isoformat(), second.isoformat()]


@pytest.mark.parametrize("line", ["Bestellnummer 12019/11/17", "Vorgang 52019-11-17 abgeschlossen", "Los 117/11/20199"])
def test_no_date_is_read_across_a_longer_number(line: str) -> None:
    assert [d.value.value for d in headers.dates_in(line)] == []


def test_a_date_block_split_over_two_lines_is_one_day() -> None:
    assert read([*MENU, "26", "Okt 2018", TITLE]).meta.published.value == "2018-10-26"
    assert read([*MENU, TITLE, "7.", "März 2024"]).meta.published.value == "2024-03-07"


@pytest.mark.parametrize("above", ["Kommentare: 12", "12 Kommentare", "31", "Seite 3"])
def test_a_month_line_keeps_its_month_without_a_day_of_it_above(above: str) -> None:
    # a comment count, a day the month does not have (31 February), a page number with its word
    month = "2018-02" if above == "31" else "2018-10"
    doc = read([*MENU, above, "Feb 2018" if above == "31" else "Okt 2018", TITLE])
    assert doc.meta.published.value == month


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Presentation tools\nCreated late in the afternoon of Sunday, October 18th, 2020.\n", "2020-10-18"),
        ("Notizen\nErstellt am Abend des Sonntag, 18. Oktober 2020.\n", "2020-10-18"),
        ("Notes\nCreated: October 18, 2020\n", "2020-10-18"),
        # must not fire: "created" in a sentence, no date after a comma; a month without its day
        ("Created by the United Nations in 1945, the agency works in 190 countries.\n", None),
        ("Posted by Anna, who visited the valley on October 18, 2020 with her family.\n", None),
        ("Created: Oktober 2020\n", None),
    ],
)
def test_a_created_line_dates_the_page(text: str, day: str | None) -> None:
    found = _printed_day(text, None)
    assert (found.value[:10] if found and found.value else None) == day


@pytest.mark.parametrize(
    "lead",
    [
        "Am Sonntag, 21.01.2024, demonstrierten Tausende.",
        "Am Sonntag, 21.01.2024, kam es zu Protesten",
        "On Sunday, 21 January 2024, thousands marched through Berlin",
    ],
)
def test_a_lead_sentence_opening_with_weekday_and_date_is_no_header_date(lead: str) -> None:
    assert read([*MENU, TITLE, lead]).meta.published.value is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Von Hans Meier am Sonntag, 21.01.2024", "2024-01-21"),  # a byline keeps its date
        ("Sonntag, 21.01.2024, 14:05 Uhr", "2024-01-21T14:05"),
        ("Berlin am Sonntag, 21.01.2024 | dpa", "2024-01-21"),
    ],
)
def test_a_byline_with_weekday_keeps_its_date(line: str, day: str) -> None:
    assert read([*MENU, TITLE, line]).meta.published.value == day


@given(st.sampled_from(["Montag", "Dienstag", "Samstag", "Sonntag", "Monday", "Friday"]), DAYS,
       st.sampled_from(["Am", "am", "An", "On", "Seit"]))
def test_weekday_in_sentence(weekday: str, day: date, preposition: str) -> None:
    written = f"{day.day:02d}.{day.month:02d}.{day.year}"
    sentence = f"{preposition} {weekday}, {written}, demonstrierten in der Stadt viele Menschen"
    assert headers.weekday_in_sentence(sentence, sentence.index(written))
    byline = f"Von Anna Muster {preposition.lower()} {weekday}, {written}"
    assert not headers.weekday_in_sentence(byline, byline.index(written))
    stamp = f"{weekday}, {written}"
    assert not headers.weekday_in_sentence(stamp, stamp.index(written))


_LONG_MENU = " | ".join(["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "Reise", "Digital"] * 4)


@pytest.mark.parametrize(
    ("header", "updated"),
    [
        (["08.11.2023, 10:00 Uhr", f"{_LONG_MENU} | Aktualisiert am 09.11.2023, 17:19 Uhr | {_LONG_MENU}"], "2023-11-09T17:19"),
        ([f"Veröffentlicht am 08.11.2023 | {_LONG_MENU} | Aktualisiert am 09.11.2023, 17:19 Uhr"], "2023-11-09T17:19"),
        # must not fire: an update word without a date near it, a later date without an update word
        (["08.11.2023, 10:00 Uhr", f"Aktualisiert | {_LONG_MENU} | {_LONG_MENU} | Archiv 09.11.2023"], None),
        (["08.11.2023, 10:00 Uhr", f"{_LONG_MENU} | Termine 09.11.2023 | {_LONG_MENU}"], None),
    ],
)
def test_an_update_date_in_a_long_header_line_is_read(header: list[str], updated: str | None) -> None:
    assert len(header[-1]) > meta.LONG_LINE
    doc = read([TITLE, *header])
    assert doc.meta.published.value and doc.meta.published.value.startswith("2023-11-08")
    assert (doc.meta.extra.get("updated") or {}).get("value") == updated


def test_the_date_kind_reads_each_header_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = meta._label_kinds

    def counting(line: str, day: str) -> set[str]:
        seen.append(line)
        return real(line, day)

    monkeypatch.setattr(meta, "_label_kinds", counting)
    doc = read([*MENU, TITLE, "Von Anna Muster", "Stand: 12.03.2024, 14:05 Uhr"], footer=["Mehr zum Thema", "Impressum"])
    seen.clear()
    assert meta.publication_kind(doc) == "updated"
    assert seen and len(seen) == len(set(seen))


def test_a_breadcrumb_date_by_the_headline_dates_the_page() -> None:
    for header in (["Blog Home AI & Machine Learning • October 18, 2019", TITLE],
                   ["Startseite › Politik › Verkehr • 18. Oktober 2019", TITLE], [TITLE, "Startseite › Politik • 18. Oktober 2019"]):
        assert read([*MENU, *header]).meta.published.value == "2019-10-18"


TEASERS = ["Neue Buslinie im Norden eröffnet", "18. Januar 2019", "Auto-News", "Bahnhof wird saniert", "22. November 2018",
           "Auto-News", "Radweg am Fluss freigegeben", "3. Mai 2017", "Auto-News"]


def test_the_dates_of_a_teaser_list_around_the_headline_are_not_the_page_date() -> None:
    # "more stories" between the header and the body: a headline, its date, a section, the next headline …
    assert read([*MENU, TITLE, *TEASERS]).meta.published.value is None
    # the page's own date above the list still dates it, at another distance from the first teaser
    doc = read([*MENU, TITLE, "Von Anna Muster", "12.03.2024, 14:05 Uhr", "Verkehr", "Mehr zum Thema", *TEASERS])
    assert doc.meta.published.value == "2024-03-12T14:05"


@pytest.mark.parametrize("between", [[], ["Von Anna Muster"]])
def test_the_page_date_right_under_the_headline_heads_a_teaser_list_at_its_distance(between: list[str]) -> None:
    # headline and date, then teasers as headline and date: the first date is the page's, the others are teasers'
    teasers = ["Stadt plant neue Radwege", "11.03.2024", "Busfahrer streiken erneut", "10.03.2024"]
    doc = read([*MENU, TITLE, *between, "12.03.2024", *teasers])
    assert doc.meta.published.value == "2024-03-12"
    assert sum(r.reason == "teaser date" for r in doc.removed) == 2


def test_a_publication_and_an_update_line_are_no_teaser_list() -> None:
    doc = read([*MENU, TITLE, "Veröffentlicht: 12.03.2024", "Aktualisiert: 13.03.2024", "Von Anna Muster"])
    assert doc.meta.published.value == "2024-03-12"


@given(DAYS, st.integers(0, 23), st.integers(0, 59))
def test_a_dotted_month_first_stamp_is_read_where_only_that_order_is_a_date(day: date, hour: int, minute: int) -> None:
    from lagebild.ingest.page_dates import line_dates

    line = f"{day.month:02d}.{day.day:02d}.{day.year} {hour:02d}:{minute:02d}"
    found = headers.date_line(line)
    if day.day > 12:  # "11.14.2019 09:00": only month first is a date
        assert found is not None and found.value.value == f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        assert line_dates(line, day_first=True)[0][0] == day.isoformat()
    elif found is not None:  # "11.08.2019": read day first, as German pages write it
        assert found.value.value and found.value.value[:10] == f"{day.year}-{day.day:02d}-{day.month:02d}"


@pytest.mark.parametrize(
    "line",
    [
        "Die Frist endet am Dienstag, 12.03.2024.",  # a sentence of the story
        "Flights from Kyiv resume on March 12, 2024.",
        "The deadline ends on Tuesday, March 12, 2024.",
        "Termin: 12.03.2024, 19 Uhr, Rathaus",  # dates of what the page announces
        "Nächste Sitzung: 12.03.2024",
        "Anmeldeschluss: 12. März 2024",
        "Einsendeschluss ist der 12.03.2024",
        "Stichtag: 12.03.2024",
        "Deadline: March 12, 2024",
        "Premiere am 12.03.2024 im Stadttheater",  # a section word with its linking word labels the date
        "Termine: 12.03.2024",
        "Geboren am 12.03.1960 in Berlin",  # a person's date
    ],
)
def test_a_date_of_something_else_under_the_headline_is_not_the_page_date(line: str) -> None:
    assert read([*MENU, TITLE, line]).meta.published.value is None


@pytest.mark.parametrize(
    "line",
    [
        "Von der Redaktion am 12.03.2024",
        "Ein Beitrag von unserer Redaktion am 12.03.2024",
        "Politik | 12.03.2024",
        "Veranstaltungen | Anna Muster | 12.03.2024",
        "Termine und Tipps · 12. März 2024",
        "Published March 12, 2024 at 2:05 p.m. ET",
        "Anna Muster, dpa | 12.03.2024, 14:05 Uhr",
        "Anna Muster | Termine 12.03.2024",  # a section word without a colon is a breadcrumb, not a label
        "Sitzung 12.03.2024",
        "Kultur › Premiere 12.03.2024",
        "Anna Muster, geb. Meier | 12.03.2024",  # a birth name in the byline
        "Jane Doe, née Smith | March 12, 2024",
        "Jane Doe reports from Kyiv on March 12, 2024",  # a byline's verb and a job title are no sentence
        "Jane Doe, chief political correspondent, on Tuesday, March 12, 2024",
    ],
)
def test_a_byline_or_section_date_under_the_headline_stays(line: str) -> None:
    value = read([*MENU, TITLE, line]).meta.published.value
    assert value and value.startswith("2024-03-12")


def test_event_cues_are_words() -> None:
    for kind in ("event", "event_section"):
        assert headers._CUES[kind] and all(w == w.strip().lower() and w for w in headers._CUES[kind])


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Das freut mich sehr.  (red, 21.6.2015)", "2015-06-21"),  # a newsroom's initials
        ("Er habe das Spiel gewonnen. (jdo, 26. 10. 2015)", "2015-10-26"),  # "jdo" holds no weekday "do"
        ("Die Schäden sind groß (APA, 29.4.2016)", "2016-04-29"),
        ("Ein Ende ist nicht in Sicht.(Thomas Mayer aus Brüssel, 14.12.2015)", "2015-12-14"),
        ("Bleibt die Frage. (Text: David Krutzler, Video: Maria von Usslar, 1.10.2015)", "2015-10-01"),
        ("Die Sitzung war am Dienstag (12.3.2016)", None),  # told, no credit
        ("Mehr dazu im Bericht. (siehe Bericht vom 12.3.2016)", None),
        ("Wir berichteten (am 12.3.2016)", None),
        ("Die Frist läuft (Anmeldung bis 12.3.2016)", None),
        ("So steht es im Bericht. (Quelle: APA, 12.3.2016)", "2016-03-12"),  # an agency credit signs the page
        ("So steht es im Bericht. (Quelle: Der Standard, 12.3.2016)", None),  # a cited publication's date
        ("So lo publicó el diario. (Fuente: El País, 12 de marzo de 2016)", None),
        ("As the paper reported. (Source: The Guardian, 12 March 2016)", None),
        ("Sie leitete das Haus bis zuletzt. (Anna Muster, geb. 12.3.1950)", None),  # a person's life date
        ("Sie leitete das Haus bis zuletzt. (Anna Muster, *12.3.1950)", None),
        ("Er leitete das Haus bis zuletzt. (Hans Muster, † 12.3.2016)", None),
        ("Das sagte der Kanzler. (Wolfgang Weisgram, Album, 12.3.2016)", "2016-03-12"),  # a name beside a noun
        ("Das sagte der Kanzler. (Conrad Seidl, DER STANDARD, 12.3.2016)", "2016-03-12"),
        ("Die Präsidentenwahl findet statt. (Reuters, 25.5.2016)", "2016-05-25"),
        # a capitalised noun of the story in brackets names no one who signs
        ("Die Partei verlor deutlich. (Wahl 12.3.2016)", None),
        ("Die Partei verlor deutlich. (Landtagswahl, 12.3.2016)", None),
        ("Das Gericht blieb hart. (Urteil vom Dienstag, 12.3.2016)", None),
        # two capitalised nouns are no first and last name
        ("Das Gericht blieb hart. (Urteil Landgericht, 12.3.2016)", None),
        ("Die Partei verlor deutlich. (Landtagswahl Niederösterreich, 12.3.2016)", None),
        ("Die Länder stimmten zu. (Bundesrat Beschluss 12.3.2016)", None),
        ("Das sagte der Minister. (Udo Muster, 12.3.2016)", "2016-03-12"),  # a short given name
        ("Das sagte der Minister. (Hans-Peter Muster, 12.3.2016)", "2016-03-12"),
    ],
)
def test_a_bracketed_signature_closes_the_article(text: str, day: str | None) -> None:
    found = headers.closing_date(text)
    assert (found.value if found else None) == day


def test_a_signature_above_a_box_of_results_dates_the_article() -> None:
    text = ("Rapid hatte nur einen Aussetzer, sagte der Trainer. (APA, 18.3.2016) SV Ried – SK Rapid Wien 1:2 (0:1) "
            "Ried, Keine-Sorgen-Arena, 5.000 Zuschauer, SR Lechner")
    found = headers.signature_date(text)
    assert found is not None and found.value == "2016-03-18"
    # must not fire: a bracketed date in the text without a credit, a date of something else
    assert headers.signature_date("Der Bericht wurde vorgelegt. (12.3.2016) Danach ging es weiter.") is None
    assert headers.signature_date("Er verwies darauf. (siehe Protokoll vom 12.3.2016) Danach ging es weiter.") is None
    assert headers.signature_date("Sie leitete das Haus. (Anna Muster, geb. 12.3.1950) Ried – Linz 1:2") is None
    assert headers.signature_date("Das meldete die Zeitung. (Quelle: Der Standard, 12.3.2016) Ried – Linz 1:2") is None
    assert headers.signature_date("Die Partei verlor deutlich. (Wahl 12.3.2016) Ried – Linz 1:2") is None
    assert headers.signature_date("Das Gericht blieb hart. (Urteil Landgericht, 12.3.2016) Ried – Linz 1:2") is None
    assert headers.signature_date("Die Wahl ging aus. (Landtagswahl Niederösterreich, 12.3.2016) Ried – Linz") is None


@pytest.mark.parametrize(
    ("line", "life"),
    [
        ("Anna Muster (* 12.03.1960) leitet das Haus", True),
        ("Hans Muster, † 12.3.2016", True),
        ("* 12.03.2024", False),  # a bullet
        ("Politik * 12.03.2024", False),  # a separator
        ("gestorben am Dienstag, 12.03.2024", True),  # a life word, a preposition and a weekday before the date
        ("née le 12 mars 1960", True),
        ("Anna Muster, geb. Meier | 12.03.2024", False),  # a birth name, then the page's date
        ("Jane Doe, née Smith | 12 March 2024", False),
    ],
)
def test_a_life_mark_before_a_date(line: str, life: bool) -> None:
    assert headers.life_date(line, line.index("1")) is life


@given(st.text(max_size=200))
def test_signature_date_never_fails(text: str) -> None:
    found = headers.signature_date(text)
    assert found is None or (found.value is not None and found.precision in ("day", "minute"))


@pytest.mark.parametrize("kind", ["life", "on_day", "in_sentence", "byline_link", "signature_link", "not_signature"])
def test_sentence_and_life_words_are_data(kind: str) -> None:
    # the words that tell a date of a sentence, a person's life or a signature are rows of data/ingest/header_cues.tsv
    words = headers._CUES[kind]
    assert words and all(w == w.strip().lower() for w in words)
    read = {"life": headers._LIFE_DATES, "on_day": headers._ON_DAY, "in_sentence": headers._IN_SENTENCE,
            "byline_link": headers._BYLINE_LOWER, "signature_link": headers._SIGNATURE_LINKS,
            "not_signature": headers._NOT_SIGNATURE - headers._APPOINTMENT}[kind]
    expected = {"byline_link": ("byline", "desk", kind)}.get(kind, (kind,))
    assert read == headers._cue_words(*expected) - (headers._APPOINTMENT if kind == "not_signature" else frozenset())


@pytest.mark.parametrize(
    ("tail", "value"),
    [
        ("(Quelle: Der Standard, 12.3.2016)", None),  # a paper's name holds "Stand", no label
        ("(Stand: 12.3.2016)", "2016-03-12"),  # the label itself still dates the page
    ],
)
def test_a_printed_label_is_a_whole_word(tail: str, value: str | None) -> None:
    assert read([TITLE], body=[*BODY[:-1], BODY[-1] + " " + tail]).meta.published.value == value


@pytest.mark.parametrize(
    ("line", "told"),
    [
        ("Originally published on March 12, 2024.", False),  # the page's own publication, told in a sentence
        ("Der Artikel wurde zuletzt aktualisiert am 12.03.2024.", False),
        ("A version of this article appears in print on March 12, 2024, Section A, Page 1.", False),
        ("Die Frist endet am Dienstag, 12.03.2024.", True),  # sentences of the story
        ("Die Studie erschien am Dienstag, 12.03.2024, im Fachblatt.", True),
        ("Die Zahlen, veröffentlicht von der Behörde, zeigen, dass am 12.03.2024 mehr kamen.", True),
    ],
)
def test_a_publication_word_before_am_or_on_keeps_the_date(line: str, told: bool) -> None:
    pos = next(i for i, c in enumerate(line) if c.isdigit() or line.startswith("March", i))
    assert headers.on_day_in_sentence(line, pos) is told


def test_a_print_edition_line_under_the_headline_dates_the_page() -> None:
    line = "A version of this article appears in print on March 12, 2024, Section A, Page 1."
    assert read([*MENU, TITLE, line]).meta.published.value == "2024-03-12"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Wien, am 12.03.2024", "2024-03-12"),  # a place, a linking word and the date close a letter or release
        ("Berlin, den 12.03.2024", "2024-03-12"),
        ("Genève, le 12 mars 2024", "2024-03-12"),
        ("Madrid, el 12 de marzo de 2024", "2024-03-12"),
        ("Sie kam, am 12.03.2024", None),  # a sentence
        ("Die Frist endet, den 12.03.2024", None),
        ("Anmeldung, am 12.03.2024", None),  # an appointment
    ],
)
def test_a_closing_place_with_a_linking_word_dates_the_article(line: str, day: str | None) -> None:
    found = headers.closing_date(line)
    assert (found.value if found else None) == day
    assert read([TITLE], footer=[line]).meta.published.value == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Das sagte der Minister. (red, ORF.at/Agenturen, 12.3.2024)", "2024-03-12"),  # a website signs
        ("Das sagte der Minister. (derStandard.at, 12.3.2024)", "2024-03-12"),
        ("Das sagte der Minister. (siehe ORF.at vom 12.3.2024)", None),  # a reference to another page
        ("Das sagte der Minister. (u.a. 12.3.2024)", None),
    ],
)
def test_a_website_in_a_signature_is_a_name(text: str, day: str | None) -> None:
    found = headers.closing_date(text)
    assert (found.value if found else None) == day
