"""Two dates in a header: the publication date stays the date, a later update date is kept beside it
(``meta.extra["updated"]``); an update date never replaces a publication date and is never earlier."""

from __future__ import annotations

import json
from pathlib import Path

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
        # the update written first: the publication after it is the page's date
        (["Aktualisiert am 09.11.2023, veröffentlicht am 08.11.2023"], "2023-11-08", "2023-11-09"),
        (["Mis à jour le 10 novembre 2023, publié le 8 novembre 2023"], "2023-11-08", "2023-11-10"),
        (["Aggiornato il 10 novembre 2023 | Pubblicato il 8 novembre 2023"], "2023-11-08", "2023-11-10"),
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


def _htmldate_says(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    import htmldate

    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: day)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/2024/01/01/new-year-fireworks", True),  # htmldate read it from the address
        ("https://example.org/news/new-year-fireworks", False),  # a bare copyright year's default day
        ("https://example.org/2024/01/02/new-year-fireworks", False),  # the address names another day
    ],
)
def test_a_first_of_january_from_the_address_is_kept(monkeypatch: pytest.MonkeyPatch, url: str, kept: bool) -> None:
    from lagebild.ingest.html import _htmldate

    _htmldate_says(monkeypatch, "2024-01-01")
    page = "<html><body><h1>Fireworks</h1><p>Crowds gathered.</p><footer>© 2024</footer></body></html>"
    assert (_htmldate(load_html(page), page, url, "2024-06-01") == "2024-01-01") is kept


@pytest.mark.parametrize(
    ("page", "day", "written"),
    [
        ("<p>Stand: 25.10.2024</p>", "2024-10-25", True),
        ("<p>Stand: 25.10.24</p>", "2024-10-25", True),
        ("<span>October 25, 2024</span>", "2024-10-25", True),
        ("<p>Stand: 25.10.2024</p>", "2024-10-05", False),  # "5.10.2024" inside "25.10.2024" is not the 5th
        ("<p>© 2024</p>", "2024-01-01", False),
        ("<p>25.10.2023</p>", "2024-10-25", False),
    ],
)
def test_written_on_page(page: str, day: str, written: bool) -> None:
    from lagebild.ingest.page_dates import written_on_page

    assert written_on_page(("x " * 2000) + page + (" 1." * 2000), day) is written


def test_written_on_page_reads_only_around_the_year(monkeypatch: pytest.MonkeyPatch) -> None:
    # a page of dots and digits is not scanned as a whole: without the year nothing is read, and with
    # it only a short stretch around each place the year stands
    from lagebild.ingest import page_dates

    spans: list[int] = []
    real = page_dates._TEXT_DATE

    class Counting:
        def finditer(self, text: str, pos: int = 0, endpos: int = 2**62):  # type: ignore[no-untyped-def]
            spans.append(min(endpos, len(text)) - pos)
            return real.finditer(text, pos, endpos)

    monkeypatch.setattr(page_dates, "_TEXT_DATE", Counting())
    hostile = "1. " * 333_000
    assert not page_dates.written_on_page(hostile, "2023-11-08")
    assert spans == []
    assert page_dates.written_on_page(hostile + "Stand: 08.11.2023" + hostile, "2023-11-08")
    assert spans and max(spans) <= 100 and sum(spans) < 1000


_HTML_BODY = (
    "<p>Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des Ministeriums im kommenden Jahr "
    "in Kraft treten soll und vieles ändert.</p>\n<p>Kritiker halten die Reform für unzureichend und fordern weitere "
    "Schritte, wie mehrere Verbände am Dienstag in Berlin mitteilten.</p>\n<p>Der Minister sagte, man werde die "
    "Auswirkungen genau beobachten und das Gesetz bei Bedarf nachbessern. Eine erste Bilanz sei für den Herbst geplant.</p>"
)


@pytest.mark.parametrize(
    ("stamp", "updated"),
    [
        ("Stand: 19.01.2024 18:46 Uhr", "2024-01-19T18:46"),  # an as-of label names no update word
        ("État au 19 janvier 2024 à 18h46", "2024-01-19T18:46"),
        ("Zum Stand der Ermittlungen: 19.01.2024", None),  # "Stand" as a noun
    ],
)
def test_an_as_of_date_under_the_headline_updates_a_page_dated_by_its_structured_data(
        tmp_path: Path, stamp: str, updated: str | None) -> None:
    from lagebild.ingest.readers import read_path
    from lagebild.model import Document
    from lagebild.stages.clean import BoilerplateClean
    from lagebild.stages.meta import MetaHeaders

    path = tmp_path / "reform.html"
    path.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Regierung beschließt Reform</title>'
        '<meta property="article:published_time" content="2024-01-18T10:00:00+01:00"></head>\n<body><article>\n'
        f"<h1>Regierung beschließt Reform</h1>\n<p>{stamp}</p>\n{_HTML_BODY}</article></body></html>", encoding="utf-8")
    doc = next(iter(read_path(path)))
    assert isinstance(doc, Document)
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert doc.meta.published.value == "2024-01-18"
    assert (doc.meta.extra.get("updated") or {}).get("value") == updated
