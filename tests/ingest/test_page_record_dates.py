"""Dates a page carries that are not its publication: the record a CMS writes for every page, a day shown only
below the main text (teasers, reviews, a campaign's end), and a release or deadline printed in the header."""

from __future__ import annotations

import json

from trafilatura.utils import load_html

from lagebild.ingest.date_context import event_date
from lagebild.ingest.page_dates import choose_date, structured_dates
from tests.ingest.header_page import read

TITLE = "Wärmepumpe im Altbau"
FIRST = "Eine Wärmepumpe lohnt sich auch im Altbau, wenn die Heizkörper groß genug sind und das Haus gedämmt ist."
LAST = "Wer unsicher ist, lässt die Heizlast vor dem Kauf von einer Energieberaterin berechnen."


def page(head: str = "", header: str = "", below: str = "", middle: str = "") -> str:
    body = f"<p>{FIRST}</p><p>Entscheidend ist die Vorlauftemperatur.</p>{middle}<p>{LAST}</p>"
    return (f"<html lang='de'><head><title>{TITLE}</title>{head}</head><body><article><h1>{TITLE}</h1>{header}"
            f"{body}</article><aside>{below}</aside></body></html>")


def ld(typ: str, published: str) -> str:
    record = {"@context": "https://schema.org", "@type": typ, "name": TITLE, "datePublished": published}
    return f'<script type="application/ld+json">{json.dumps(record)}</script>'


def choose(html: str, *, htmldate: str | None = None, url: str = "https://example.org/ratgeber/waermepumpe") -> str | None:
    found = choose_date(load_html(html), max_day="2024-12-31", title=TITLE, first_lines=[FIRST], last_lines=[LAST],
                        htmldate=htmldate, url=url, page=html)
    return found.day if found else None


def test_a_page_record_alone_dates_no_article() -> None:
    html = page(head=ld("WebPage", "2020-09-21T15:18:01+00:00"))
    assert [c.source for c in structured_dates(load_html(html), page=html)] == ["jsonld-page:datePublished"]
    assert choose(html) is None


def test_a_meta_tag_echoing_the_page_record_dates_no_article() -> None:
    meta = '<meta property="article:published_time" content="2021-09-08T09:30:24+00:00">'
    assert choose(page(head=ld("WebPage", "2021-09-08T09:30:24+00:00") + meta)) is None
    # beside an article record, or without a page record, the same tag dates the page
    head = ld("WebPage", "2021-09-08T09:30:24+00:00") + ld("BlogPosting", "2021-09-08T09:30:24+00:00") + meta
    assert choose(page(head=head)) == "2021-09-08"
    assert choose(page(head=meta)) == "2021-09-08"


def test_an_article_record_or_a_page_record_the_address_confirms_still_dates_the_page() -> None:
    assert choose(page(head=ld("NewsArticle", "2020-09-21T15:18:01+02:00"))) == "2020-09-21"
    html = page(head=ld("WebPage", "2020-09-21T15:18:01+02:00"))
    assert choose(html, url="https://example.org/2020/09/21/waermepumpe") == "2020-09-21"
    assert choose(page(head=ld("WebPage", "2020-09-21T15:18:01+02:00"), header="<p>21.09.2020</p>")) == "2020-09-21"


def test_a_day_shown_only_below_the_main_text_is_not_htmldates_answer() -> None:
    teasers = "<h3>Weitere Meldungen</h3><p>Solardächer werden Pflicht</p><p>27.02.2020</p>"
    assert choose(page(below=teasers), htmldate="2020-02-27") is None
    reviews = "<p>Kundenbewertung 02.05.2020 um 08:11 Uhr: sehr hilfreich</p>"
    assert choose(page(below=reviews), htmldate="2020-05-02") is None


def test_a_day_shown_above_the_main_text_is_htmldates_answer() -> None:
    html = page(header="<p class='x'>Ratgeber Energie 27.02.2020</p>", below="<p>Weitere Meldungen</p>")
    assert choose(html, htmldate="2020-02-27") == "2020-02-27"


def test_a_release_date_in_the_header_is_no_publication_date() -> None:
    text = "Spiele-Check\nRelease: 14.11.2019"
    assert event_date(text, text.index("14."))
    assert choose(page(header="<div>Plattform: PC, Konsole</div><div>Release: 14.11.2019</div>")) is None
    doc = read(["Startseite", "Spiele", TITLE, "Release: 14.11.2019"])
    assert doc.meta.published.value is None


def test_a_press_releases_own_date_is_no_event() -> None:
    for text in ("Press release: 14.11.2019", "Media release 14.11.2019", "Pressemitteilung vom 14.11.2019"):
        assert not event_date(text, text.index("14."))
    assert choose(page(header="<div>Press release: 14.11.2019</div>")) == "2019-11-14"
    # a product's release beside it is still an event
    text = "Press release | Release: 14.11.2019"
    assert event_date(text, text.index("14."))


def test_a_plain_header_date_beside_a_release_word_still_dates_the_page() -> None:
    text = "Software | 14.11.2019 | Neues Release"
    assert not event_date(text, text.index("14."))
    assert choose(page(header="<div class='meta'>Software | 14.11.2019</div>")) == "2019-11-14"
    doc = read(["Startseite", "Software", TITLE, "14.11.2019"])
    assert doc.meta.published.value == "2019-11-14"


REVIEWS = ("<p>Kundenbewertung 02.05.2020 um 08:11 Uhr: sehr hilfreich</p><p>Kundenbewertung 02.05.2020 um 07:18 Uhr: "
           "schnell</p><p>Kundenbewertung 02.05.2020 um 04:54 Uhr: gut erklärt</p>")


def test_a_day_shown_only_in_a_run_of_review_stamps_is_not_htmldates_answer() -> None:
    assert choose(page(middle=REVIEWS), htmldate="2020-05-02") is None
    # a separator and the word for "at" together ("02.05.2020, um 08:11 Uhr") give the stamp's time as well
    assert choose(page(middle=REVIEWS.replace(" um ", ", um ")), htmldate="2020-05-02") is None


def test_a_page_stamp_beside_the_same_days_reviews_is_htmldates_answer() -> None:
    once = "<p>Ein Ratgeber unserer Redaktion vom 02.05.2020</p>"
    assert choose(page(middle=once + REVIEWS), htmldate="2020-05-02") == "2020-05-02"
    assert choose(page(middle="<p>Beratung vor Ort am 02.05.2020 um 08:11 Uhr</p>"), htmldate="2020-05-02") == "2020-05-02"


def test_a_page_record_dates_the_post_whose_address_spells_its_month() -> None:
    html = page(head=ld("WebPage", "2020-08-29T09:46:06+00:00"))
    # a blog's address "/2020/08/<post>/" spells the month of the record: the post's own record
    assert choose(html, url="https://example.org/2020/08/23646/") == "2020-08-29"
    # another month in the address, or an address without one, confirms nothing
    assert choose(html, url="https://example.org/2020/07/23646/") is None
    assert choose(html, url="https://example.org/about/2020-team/") is None
    # two records of different days in that month: which one is the post's is not known
    two = ld("WebPage", "2020-08-29T09:46:06+00:00") + ld("WebPage", "2020-08-03T09:46:06+00:00")
    assert choose(page(head=two), url="https://example.org/2020/08/23646/") is None
