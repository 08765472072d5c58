"""Header dates that belong to something other than the page: a list of dated posts, a month alone far above
the headline, reader comments' stamps below the body; and an update label beside an earlier plain date."""

from __future__ import annotations

from lagebild.ingest.headers import as_of_label, dated_run, header_stamp, opens_with_date
from tests.ingest.header_page import read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
POSTS = ["[ 26. Februar 2024 ] Neue Funktionen im Test: was das Update bringt",
         "[ 20. Februar 2024 ] Drucker im Netzwerk einrichten – so geht es",
         "[ 19. Februar 2024 ] Zehn Tipps für schnellere Laptops"]


def test_a_list_of_dated_posts_dates_no_page() -> None:
    assert opens_with_date(POSTS[0]) and dated_run(POSTS, 0, opens_with_date)
    assert header_stamp("Technik\n\n" + "\n\n".join(POSTS)) is None
    doc = read([*MENU, "Letzte Artikel", *POSTS, TITLE])
    assert doc.meta.published.value is None


def test_a_page_date_and_its_update_are_no_list() -> None:
    lines = ["26. Februar 2024", "Aktualisiert am 27. Februar 2024", "Von Anna Beispiel"]
    assert not dated_run(lines, 0, opens_with_date)
    assert header_stamp("Technik\n\n26.02.2024, 14:05 Uhr\n\nVon Anna Beispiel") is not None


def test_an_update_label_yields_to_an_earlier_plain_date_beside_it() -> None:
    assert as_of_label("Aktualisiert am") and as_of_label("Stand:") and not as_of_label("Veröffentlicht am")
    doc = read([*MENU, TITLE, "26. September 2023 Anna Beispiel Schreibe einen Kommentar", "Aktualisiert am 19.02.2024"])
    assert doc.meta.published.value == "2023-09-26"
    assert doc.meta.extra["updated"]["value"] == "2024-02-19"


def test_an_update_label_alone_still_dates_the_page() -> None:
    doc = read([*MENU, TITLE, "Aktualisiert am 19.02.2024"])
    assert doc.meta.published.value == "2024-02-19"


def test_a_month_alone_far_above_the_headline_is_no_page_date() -> None:
    boxes = [f"Kasten {n}: Projekte aus der Region" for n in range(14)]
    doc = read([*MENU, "Dezember 2021", *boxes, TITLE])
    assert doc.meta.published.value is None
    doc = read([*MENU, *boxes, "Dezember 2021", TITLE])
    assert doc.meta.published.value == "2021-12"


def test_several_stamps_below_the_body_are_reader_comments() -> None:
    comments = ["Kommentare", "Max Muster", "24. November 2023 um 17:53 Uhr", "Sehr gut geschrieben, danke!",
                "Erika Beispiel", "24. November 2023 um 20:10 Uhr", "Das sehe ich anders."]
    doc = read([*MENU, TITLE], footer=["Teilen", "Drucken", *comments])
    assert doc.meta.published.value is None
    doc = read([*MENU, TITLE], footer=["Teilen", "Drucken", "24. November 2023 um 17:53 Uhr", "Kommentare"])
    assert doc.meta.published.value == "2023-11-24T17:53"
