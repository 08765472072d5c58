"""Dates in pieces the cleaner removed below the body start: a stamp line counts, a teaser's headline with
its date does not; a number with an identifier glued to it is no date."""

from __future__ import annotations

from lagebild.ingest.headers import header_stamp
from lagebild.ingest.page_dates import line_dates
from lagebild.stages.meta import _printed_day
from tests.ingest.header_page import BODY, read

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


def test_a_trailers_closing_credit_dates_the_page_but_not_below_the_comments_heading() -> None:
    credit = "Text/Foto: Anna Beispiel am 24. November 2023"
    doc = read([*MENU, TITLE], footer=["Teilen", "Drucken", credit])
    assert doc.meta.published.value == "2023-11-24"
    # below a comments heading the same credit line (its closing form, not only its stamp) is a reader's
    doc = read([*MENU, TITLE], footer=["Kommentare", credit])
    assert doc.meta.published.value is None


def test_without_stamps_a_piece_gives_neither_its_closing_line_nor_its_signature() -> None:
    # past the first lines and followed by a box: the signature, not a header stamp or a closing line, dates it
    signed = " ".join(BODY) + " (Anna Beispiel, dpa, 24.11.2023)\n\nDie Linien im Überblick\n\nBus 12 und Bus 14"
    assert len(signed) > 600
    assert _printed_day(signed, None).reason == "signature after the last paragraph"
    assert _printed_day(signed, None, stamp=False) is None
    assert _printed_day("Text/Foto: Anna Beispiel am 24. November 2023", None, stamp=False) is None
    # a label still dates a piece without stamps
    assert _printed_day("Veröffentlicht am 24.11.2023", None, stamp=False) is not None
