"""Publication dates of plain-text pages in header layouts of further outlets (Austrian, Swiss, agency copy, live
blogs), and the forms added for them: an agency's item number closing its copy, a date split over two lines, a
byline among the first paragraphs, a "posted on" label. Each form beside a page where it must not date the page."""

from __future__ import annotations

import pytest

from tests.ingest.header_page import BODY, read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
MENU = ["Startseite", "Politik", "Wirtschaft", "Sport"]
NOTICE = ("Wir freuen uns über Ihren Besuch auf unserer Seite. Leider ist in Ihrem Browser ein Werbeblocker aktiv. Unser "
          "Angebot finanziert sich über Anzeigen, wir bitten Sie daher um Verständnis und um eine Ausnahme für diese Seite.")


@pytest.mark.parametrize(
    ("header", "body", "footer", "value"),
    [
        # an Austrian daily: author, then day, month written out and time
        ([*MENU, TITLE, "Anna Muster", "14. März 2024, 17:05"], None, None, "2024-03-14T17:05"),
        # an Austrian tabloid: "um … Uhr"
        ([*MENU, TITLE, "Anna Muster", "14. März 2024 um 17:05 Uhr"], None, None, "2024-03-14T17:05"),
        # a Swiss paper: dotted time, the subtitle between headline and byline
        ([*MENU, TITLE, "Die Regierung will bis 2030 ausbauen.", "Hans Meier", "14.03.2024, 05.30 Uhr"], None, None,
         "2024-03-14T05:30"),
        # a Swiss commuter paper: published and updated on two lines, the first is the publication
        ([*MENU, TITLE, "Publiziert: 14. März 2024, 17:05", "Aktualisiert: 14. März 2024, 18:10"], None, None,
         "2024-03-14T17:05"),
        # a live blog: the newest entry's stamp heads the page
        ([*MENU, "Liveblog", TITLE, "+++ 14.03.2024, 18:02 Uhr +++"], None, None, "2024-03-14T18:02"),
        # agency copy closing with the agency's item number (the cleaner removes the line; its day dates the item)
        ([*MENU, TITLE], None, ["dpa-infocom, dpa:240314-99-123456/2"], "2024-03-14"),
        # a date block split over two lines under the headline
        ([*MENU, TITLE, "14. März", "2024"], None, None, "2024-03-14"),
        # a directory's or forum's "posted on" label
        ([*MENU, TITLE, "Eingestellt am 14.03.2024 von Anna Muster"], None, None, "2024-03-14"),
        # a byline among the first paragraphs, under a notice the cleaner takes for the first of them
        ([*MENU, "Artikel teilen:", NOTICE, TITLE, "VON ANNA MUSTER am 14. März 2024"], None, None, "2024-03-14"),
    ],
)
def test_a_header_layout_dates_the_page(header: list[str], body: list[str] | None, footer: list[str] | None,
                                        value: str) -> None:
    doc = read(header, body, footer)
    assert doc.meta.published.value == value
    assert not doc.meta.published.inferred


@pytest.mark.parametrize(
    ("header", "body", "footer"),
    [
        # agency copy without a date: a dateline names the agency, no day
        ([*MENU, TITLE], ["Wien (APA) - " + BODY[0], *BODY[1:]], None),
        # an item number quoted in a sentence is no credit line
        ([*MENU, TITLE], None, ["Die Meldung dpa:240314-99-123456/2 wurde am Abend korrigiert und neu verschickt."]),
        # a number of the same shape without an agency before its colon
        ([*MENU, TITLE], None, ["Aktenzeichen: 240314-99-123456/2"]),
        # an issue number over a year, a volume over a year: no day and month
        ([*MENU, TITLE, "Ausgabe 14", "2024"], None, None),
        ([*MENU, TITLE, "Nr. 14", "2024"], None, None),
        # a year alone under the headline
        ([*MENU, TITLE, "2024"], None, None),
        # "eingetragen" told in the lead: the register's date, not the page's
        ([*MENU, TITLE], ["Der Verein wurde am 14.03.2024 ins Register eingetragen. " + BODY[0], *BODY[1:]], None),
        # a reader's comment under a short article, signed with a date: no paragraph of the article follows it
        ([*MENU, TITLE], None, ["3 Kommentare", "Von Leser Müller am 15. März 2024", "Endlich geht es voran."]),
    ],
)
def test_no_date_where_the_page_prints_none_of_its_own(header: list[str], body: list[str] | None,
                                                      footer: list[str] | None) -> None:
    doc = read(header, body, footer)
    assert doc.meta.published.value is None


def test_a_header_date_wins_over_the_item_number() -> None:
    # the page's own stamp is the publication; the agency sent the item a day before
    doc = read([*MENU, TITLE, "15.03.2024, 08:00 Uhr"], None, ["dpa-infocom, dpa:240314-99-123456/2"])
    assert doc.meta.published.value == "2024-03-15T08:00"


@pytest.mark.parametrize(
    ("label", "dated"),
    [
        # a compound ending in a deadline's or a start's word dates what the page announces
        ("Bewerbungsfrist: 30.04.2024", False),
        ("Meldeschluss ist der 30.04.2024", False),
        ("Spielbeginn: 30.04.2024, 18 Uhr", False),
        # the page's own labels stay publication dates, a compound of a deadline's word among them when its first part
        # names the publication: a print edition's closing day is the day closest to its publication
        ("Veröffentlichungsdatum: 30.04.2024", True),
        ("Redaktionsschluss: 30.04.2024", True),
        ("Veröffentlichungstermin: 30.04.2024", True),
        ("Sendetermin: 30.04.2024", True),
        ("Anna Muster | 30.04.2024", True),
    ],
)
def test_a_deadline_under_the_headline_is_no_publication_date(label: str, dated: bool) -> None:
    doc = read([*MENU, TITLE, label])
    assert (doc.meta.published.value == "2024-04-30") is dated


def test_the_date_between_headline_and_body_is_the_pages_under_a_list_of_dated_teasers() -> None:
    teasers = ["Meistgelesen", "Busse fahren bald öfter", "12.03.2024", "Neue Ampel am Markt", "11.03.2024",
               "Brücke über den Fluss gesperrt", "10.03.2024"]
    assert read([*teasers, TITLE, "14.03.2024"]).meta.published.value == "2024-03-14"
    # without its own date, the page takes none of the teasers'
    assert read([*teasers, TITLE]).meta.published.value is None


ANNOUNCED = "Bürgerversammlung zum neuen Radweg"


@pytest.mark.parametrize(
    "header",
    [
        # an event page: the date among the event's place and time, on lines of their own or on one line
        [*MENU, ANNOUNCED, "Datum: 20.03.2024", "Ort: Rathaus", "Uhrzeit: 19 Uhr"],
        [*MENU, ANNOUNCED, "Veranstaltung: Bürgerversammlung", "Datum: 20.03.2024"],
        [*MENU, ANNOUNCED, "Datum: 20.03.2024 | Ort: Rathaus, großer Saal"],
        [*MENU, "Summer Reading Night", "Date: 20 March 2024", "Venue: City Library"],
    ],
)
def test_a_date_among_an_events_details_is_no_publication_date(header: list[str]) -> None:
    assert read(header).meta.published.value is None


@pytest.mark.parametrize(
    ("header", "body"),
    [
        # the page's own date beside a byline or an author label
        ([*MENU, TITLE, "Datum: 20.03.2024", "Autor: Anna Muster"], None),
        ([*MENU, TITLE, "Anna Muster | 20.03.2024"], None),
        # a place named in the lead, no label line: the dated header is the page's
        ([*MENU, TITLE, "20.03.2024"], ["Ort der Abstimmung war das Rathaus. " + BODY[0], *BODY[1:]]),
        # an event's details further down the page, far from the header's date
        ([*MENU, TITLE, "20.03.2024"], [*BODY, "Infoabend", "Ort: Rathaus", "Uhrzeit: 19 Uhr"]),
    ],
)
def test_the_pages_date_stays_where_no_events_details_stand_beside_it(header: list[str], body: list[str] | None) -> None:
    assert read(header, body).meta.published.value == "2024-03-20"
