"""Dates in pieces the cleaner removed below the body start: a stamp line counts, a teaser's headline with
its date does not; a number with an identifier glued to it is no date."""

from __future__ import annotations

from lagebild.ingest.headers import header_stamp
from lagebild.ingest.page_dates import line_dates
from tests.ingest.header_page import read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
MORE = ["Mehr aus der Region", "Teilen", "Drucken"]


def test_a_stamp_line_below_the_body_dates_the_page() -> None:
    doc = read([*MENU, TITLE], footer=[*MORE, "27/02/2024", "Kommentare"])
    assert doc.meta.published.value == "2024-02-27"
    doc = read([*MENU, TITLE], footer=[*MORE, "Kempten, 2. Oktober 2023, 12:33 Uhr", "Kommentare"])
    assert doc.meta.published.value == "2023-10-02T12:33"


def test_a_teaser_headline_with_its_date_below_the_body_does_not() -> None:
    doc = read([*MENU, TITLE], footer=[*MORE, "50 Jahre Winterspiele im Allgäu 17.02.2024", "Kommentare"])
    assert doc.meta.published.value is None
    doc = read([*MENU, TITLE], footer=[*MORE, "Stadtmuseum Kempten2. Oktober 2023 - 12:33", "Kommentare"])
    assert doc.meta.published.value is None


def test_a_number_with_a_glued_identifier_is_no_date() -> None:
    assert line_dates("Bewertung VN:F [1.9.22_1171]") == []
    assert header_stamp("Plugin VN:F [1.9.22_1171] geladen") is None
    assert [d for d, *_ in line_dates("Stand 1.9.22, 14:00 Uhr")] == ["2022-09-01"]
    assert header_stamp("Eilmeldung 1.9.22, 14:00 Uhr") is not None
