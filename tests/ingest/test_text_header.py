"""Header metadata of plain text copied from whole web pages: headline, date and byline."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest.headers import byline_author
from tests.ingest.header_page import read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]


def test_headline_is_the_cohesive_line_above_the_body_not_the_menu() -> None:
    doc = read([*MENU, "Meistgelesen: Zehn Tipps für den Garten", "Land beschließt Gesetz für mehr Nahverkehr",
                "Von Anna Beispiel | 12.03.2024, 14:05 Uhr"])
    assert doc.meta.title == "Land beschließt Gesetz für mehr Nahverkehr"
    assert doc.meta.published.value and doc.meta.published.value.startswith("2024-03-12")
    assert doc.meta.author == "Anna Beispiel"


def test_date_and_byline_glued_together_are_read() -> None:
    doc = read([*MENU, "Land beschließt Gesetz für mehr Nahverkehr", "von Anna Beispiel12.03.2024 - 08:13 Uhr"])
    assert doc.meta.published.value and doc.meta.published.value.startswith("2024-03-12")
    assert doc.meta.author == "Anna Beispiel"


def test_publication_label_wins_over_update() -> None:
    doc = read([*MENU, "Land beschließt Gesetz für mehr Nahverkehr",
                "Aktualisiert am 21.03.2024 · Veröffentlicht am 12. März 2024 von Redaktion"])
    assert doc.meta.published.value and doc.meta.published.value.startswith("2024-03-12")
    assert doc.meta.title == "Land beschließt Gesetz für mehr Nahverkehr"


def test_dates_of_teasers_below_the_article_are_not_taken() -> None:
    doc = read([*MENU, "Land beschließt Gesetz für mehr Nahverkehr"],
               footer=["Mehr zum Thema", "03.01.2024 Neue Buslinie im Norden", "02.01.2024 Bahnhof wird saniert"])
    assert doc.meta.published.value is None


def test_running_text_with_von_is_no_byline() -> None:
    assert byline_author("Ein Jahr nach dem Besuch von Kim Jong-un in Moskau") is None
    assert byline_author("Die Rede von Olaf Scholz") is None
    assert byline_author("12/04/2020 by Kay 24 Comments") == "Kay"
    assert byline_author("18.03.2020 13:15 Uhr Autor/in: Korinna Hennig") == "Korinna Hennig"


@given(st.text(max_size=250))
def test_byline_author_is_taken_from_the_line(line: str) -> None:
    who = byline_author(line)
    if who is not None:
        for name in who.split(", "):
            assert name.split()[0] in line


def test_header_date_keeps_the_time_written() -> None:
    doc = read([*MENU, "Land beschließt Gesetz für mehr Nahverkehr", "Stars (1 / 1) 12.03.2024 13:30 von Anna Beispiel"])
    assert doc.meta.published.value == "2024-03-12T13:30"
    assert doc.meta.published.precision == "minute"
