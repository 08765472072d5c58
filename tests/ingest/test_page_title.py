"""Headline of HTML pages: the printed <h1> confirmed by the meta title, without the site's name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from trafilatura.utils import load_html

from lagebild.evaluation.meta import evaluate, field_matches
from lagebild.ingest.page_title import choose_title, strip_site_name

BODY = "<p>Die Landesregierung hat am Dienstag ein neues Gesetz beschlossen, teilte das Ministerium mit.</p>"


def title_of(head: str, body: str, url: str = "https://www.beispielzeitung.de/politik/gesetz", meta: str | None = None) -> str | None:
    html = f"<html><head>{head}</head><body>{body}{BODY}</body></html>"
    found = choose_title(load_html(html), meta_title=meta, url=url)
    return found.text if found else None


def test_site_name_is_cut_from_the_title_tag() -> None:
    assert title_of("<title>Neues Gesetz beschlossen | Beispielzeitung</title>", "") == "Neues Gesetz beschlossen"
    assert title_of("<title>Beispielzeitung - Neues Gesetz beschlossen</title>", "") == "Neues Gesetz beschlossen"


def test_site_name_from_og_site_name_and_from_the_og_title_difference() -> None:
    head = '<meta property="og:site_name" content="Das Blatt"><title>Neues Gesetz – Das Blatt</title>'
    assert title_of(head, "", url="https://example.org/x") == "Neues Gesetz"
    head = '<meta property="og:title" content="Neues Gesetz"><title>Neues Gesetz :: Nachrichten aus der Region</title>'
    assert title_of(head, "", url="https://example.org/x") == "Neues Gesetz"


def test_printed_headline_confirmed_by_the_meta_title_wins() -> None:
    head = "<title>Landtag: Neues Gesetz zum Nahverkehr beschlossen - Beispielzeitung</title>"
    body = "<header class='site-logo'><h1>Beispielzeitung</h1></header><article><h1>Neues Gesetz zum Nahverkehr beschlossen</h1>"
    assert title_of(head, body) == "Neues Gesetz zum Nahverkehr beschlossen"


def test_kicker_and_subtitle_inside_the_headline_are_dropped() -> None:
    body = ("<h1><span class='kicker'>Nahverkehr</span><span>Neues Gesetz beschlossen</span>"
            "<small>Was sich für Pendler ändert</small></h1>")
    assert title_of("<title>Neues Gesetz beschlossen</title>", body) == "Neues Gesetz beschlossen"


def test_breadcrumb_headline_is_not_the_title() -> None:
    body = "<nav class='breadcrumb'><h1>Start / Politik</h1></nav><h2>Neues Gesetz</h2>"
    assert title_of("<title>Neues Gesetz beschlossen | Beispielzeitung</title>", body) == "Neues Gesetz beschlossen"


def test_title_that_is_only_the_site_name_yields_the_headline() -> None:
    assert title_of("<title>Beispielzeitung</title>", "<h1>Neues Gesetz beschlossen</h1>") == "Neues Gesetz beschlossen"


def test_no_title_anywhere() -> None:
    assert title_of("", "<h2>Zwischenzeile</h2>") is None


@given(st.text(min_size=1, max_size=80), st.sets(st.text(alphabet="abcdefgh", min_size=3, max_size=8), max_size=3))
def test_stripping_keeps_a_nonempty_part_of_the_title(title: str, sites: set[str]) -> None:
    out = strip_site_name(title, sites)
    assert out in title
    assert out or not title.strip()


def test_field_matching_rules() -> None:
    assert field_matches("date", "2024-10-25T10:15", "2024-10-25")
    assert not field_matches("date", "2024-10", "2024-10-25")
    assert field_matches("title", "Neues Gesetz beschlossen!", "neues Gesetz beschlossen")
    assert field_matches("author", "Meier, Hans", "Hans Meier")
    assert not field_matches("author", "Hans Meier", "Eva Huber")


def test_meta_benchmark_on_evalset_pages(shared_data) -> None:
    root = shared_data / "trafilatura_evalset"
    res = evaluate(root / "evaldata_dev.json", root / "html", limit=12, systems=("lagebild html", "lagebild text"))
    assert res["pages"] == 12
    html = res["scores"]["lagebild html"]
    assert html["title"].gold > 0 and html["title"].correct + html["title"].wrong + html["title"].missing == html["title"].gold
    assert html["title"].recall > 0.5  # headlines of real pages, not a fixed answer


def test_printed_byline_below_the_headline() -> None:
    from lagebild.ingest.page_title import printed_byline

    html = ("<html><body><h1>Neues Gesetz beschlossen</h1><div class='meta'>12.03.2024 | Von Anna Beispiel</div>"
            f"{BODY}</body></html>")
    assert printed_byline(load_html(html)) == "Anna Beispiel"
    html = f"<html><body><h1>Neues Gesetz</h1><span class='author-name'>Anna Beispiel</span>{BODY}</body></html>"
    assert printed_byline(load_html(html)) == "Anna Beispiel"
    html = f"<html><body><h1>Neues Gesetz</h1><p>Die Rede von Olaf Scholz</p>{BODY}</body></html>"
    assert printed_byline(load_html(html)) is None
