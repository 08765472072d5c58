"""Two dates in a header: the publication date stays the date, a later update date is kept beside it
(``meta.extra["updated"]``); an update date never replaces a publication date and is never earlier."""

from __future__ import annotations

import json

import pytest
from trafilatura.utils import load_html

from lagebild.ingest.html import extract_html
from lagebild.ingest.page_dates import choose_date
from tests.ingest.header_page import read
from tests.ingest.test_page_dates import FIRST, MAX, page

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


@pytest.mark.parametrize(
    ("header", "published", "updated"),
    [
        (["Veröffentlicht am 08.11.2023, aktualisiert am 09.11.2023"], "2023-11-08", "2023-11-09"),
        (["08.11.2023, 10:00 Uhr", "Aktualisiert am 09.11.2023, 17:19 Uhr"], "2023-11-08T10:00", "2023-11-09T17:19"),
        (["Published 5:19 PM EST, Wed November 8, 2023", "Updated 12:05 AM EST, Thu November 9, 2023"],
         "2023-11-08T17:19", "2023-11-09T00:05"),
        (["Publié le 8 novembre 2023 à 17h19, mis à jour le 10 novembre 2023 à 08h00"], "2023-11-08T17:19", "2023-11-10T08:00"),
    ],
)
def test_publication_and_update_date_both_kept(header: list[str], published: str, updated: str) -> None:
    doc = read([TITLE, *header])
    assert doc.meta.published.value == published
    assert doc.meta.extra["updated"]["value"] == updated


@pytest.mark.parametrize(
    "header",
    [
        ["08.11.2023"],  # no update
        ["Mis à jour le 12 mars 2024"],  # only an update date: it is the date, there is no second one
        ["09.11.2023", "Aktualisiert am 08.11.2023"],  # an "update" before the publication is no update
        ["08.11.2023", "Die Tabelle wurde am 09.11.2023 aktualisiert und ergänzt, heißt es in dem Bericht weiter."],
    ],
)
def test_no_update_date(header: list[str]) -> None:
    assert "updated" not in read([TITLE, *header]).meta.extra


def test_html_structured_update_date_kept_beside_the_publication() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Neues Gesetz beschlossen",
          "dateModified": "2024-03-02T08:00:00+01:00", "datePublished": "2024-03-01T18:00:00+01:00"}
    html = page(head=f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    found = choose_date(load_html(html), max_day=MAX, title="Neues Gesetz beschlossen", first_lines=[FIRST], page=html)
    assert found is not None and found.day == "2024-03-01" and found.updated == "2024-03-02"
    # an update later than the crawl is not taken
    found = choose_date(load_html(html), max_day="2024-03-01", title="Neues Gesetz beschlossen", first_lines=[FIRST], page=html)
    assert found is not None and found.day == "2024-03-01" and found.updated is None


_LONG_BODY = "".join(
    f"<p>Die Gemeinde plant im Abschnitt {i} neue Radwege entlang der Hauptstraße, damit Kinder sicherer zur Schule "
    "kommen. Der Gemeinderat berät die Pläne in seiner nächsten Sitzung und will Anwohner früh beteiligen.</p>"
    for i in range(1, 6)
)


def test_a_copyright_year_is_no_publication_day() -> None:
    # htmldate falls back to January 1 of a footer's copyright year; no page writes that day
    page = (f"<html lang='de'><head><title>Radwege für die Gemeinde</title></head><body><article><h1>Radwege für die "
            f"Gemeinde</h1>{_LONG_BODY}</article><footer>© 1996 Beispielverlag</footer></body></html>")
    found = extract_html(page, url="https://www.example.ch/radwege")
    assert found is not None and found.published.value is None


def test_a_new_years_day_the_page_writes_stays() -> None:
    page = (f"<html lang='de'><head><title>Radwege für die Gemeinde</title></head><body><article><h1>Radwege für die "
            f"Gemeinde</h1><p class='date'>01.01.2013</p>{_LONG_BODY}</article><footer>© 1996 Beispielverlag</footer>"
            "</body></html>")
    found = extract_html(page, url="https://www.example.ch/radwege")
    assert found is not None and found.published.value == "2013-01-01"
