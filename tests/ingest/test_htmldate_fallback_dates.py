"""htmldate's answer is the last resort for a page's date: only a day the page shows its reader counts."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from lagebild.ingest import page_dates
from lagebild.ingest.page_dates import choose_date, visible_text, written_on_page

BODY = ("<p>Der Gemeinderat hat am Abend über den Ausbau der Radwege beraten und mehrere Anträge vertagt.</p>"
        "<p>Eine Entscheidung soll im Frühjahr fallen.</p>")
FIRST = "Der Gemeinderat hat am Abend über den Ausbau der Radwege beraten und mehrere Anträge vertagt."


def page(extra: str = "", footer: str = "") -> str:
    return (f"<html lang='de'><head><title>Radwege vertagt</title></head><body><article><h1>Radwege vertagt</h1>"
            f"{BODY}{extra}</article><footer>{footer}</footer></body></html>")


def choose(html: str, htmldate: str, url: str = "https://example.org/radwege") -> str | None:
    found = choose_date(load_html(html), max_day="2024-12-31", title="Radwege vertagt", first_lines=[FIRST],
                        htmldate=htmldate, url=url, page=html)
    assert found is None or found.reason == "htmldate"
    return found.day if found else None


def test_a_day_the_page_shows_is_taken() -> None:
    assert choose(page("<p class='x'>Gemeinde Musterdorf 14. März 2023</p>"), "2023-03-14") == "2023-03-14"


def test_a_day_only_in_markup_or_filled_up_from_a_month_is_not() -> None:
    # htmldate fills "2023-03" up to the 1st and reads image paths; the reader sees no such day
    html = page("<img src='/bilder/2023/03/01/rad.jpg'><p>Stand der Planung: März 2023</p>")
    assert choose(html, "2023-03-01") is None


def test_a_day_in_the_address_is_taken_without_being_shown() -> None:
    assert choose(page(), "2023-03-01", url="https://example.org/2023/03/01/radwege") == "2023-03-01"


def test_an_update_line_or_a_footer_shows_no_publication_day() -> None:
    html = page("<p>Zuletzt aktualisiert: 20.04.2023</p>", footer="Seite erstellt 02.01.2020")
    assert choose(html, "2023-04-20") is None
    assert choose(html, "2020-01-02") is None
    text = visible_text(load_html(page("<p>Gemeinde Musterdorf, 20.04.2023</p><p>Aktualisiert am 21.04.2023</p>")))
    assert written_on_page(text, "2023-04-20", not_as_update=True)
    assert not written_on_page(text, "2023-04-21", not_as_update=True) and written_on_page(text, "2023-04-21")


def test_a_tree_whose_text_cannot_be_read_keeps_htmldates_day(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable(tree: object) -> tuple[str, list[object], list[object]]:
        raise ValueError("a tree the text walk cannot read")

    # the text walk fails: the shown-day check cannot be made, so it does not refuse htmldate's day
    html = page("<img src='/bilder/2023/03/01/rad.jpg'>")
    monkeypatch.setattr(page_dates, "_linear_text", unreadable)
    assert visible_text(load_html(html)) is None
    assert choose(html, "2023-03-01") == "2023-03-01"
    # a tree that can be read and does not show the day still refuses it
    monkeypatch.undo()
    assert choose(html, "2023-03-01") is None
