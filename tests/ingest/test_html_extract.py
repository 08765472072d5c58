"""HTML reading: one parse, trafilatura's metadata without its date search, htmldate only when needed."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from lagebild.ingest import html as H

BODY = (
    "<p>Der Stadtrat hat am Mittwoch den Haushalt für das kommende Jahr verabschiedet. Nach Angaben der "
    "Kämmerei steigen die Ausgaben für Schulen und Kitas deutlich, während bei der Verwaltung gespart wird.</p>"
    "<p>Die Fraktionen stritten bis in den späten Abend über die Finanzierung des neuen Hallenbads.</p>"
)


def page(head: str = "", header: str = "") -> str:
    return ("<html lang='de'><head><title>Haushalt beschlossen | Kreisbote</title>"
            "<meta name='author' content='Jana Muster'><link rel='canonical' href='https://kreisbote.example/haushalt'>"
            f"{head}</head><body><nav><a href='/'>Start</a></nav><article><h1>Haushalt beschlossen</h1>{header}"
            f"{BODY}</article><footer>Kontakt</footer></body></html>")


def _same_as_trafilatura(html: str, max_date: str) -> None:
    ours = H._page_metadata(load_html(html), None, max_date)
    theirs = extract_metadata(load_html(html), None, {"extensive_search": True, "original_date": True,
                                                      "max_date": max_date})
    for key in ("title", "author", "url", "hostname", "description", "sitename", "categories", "language",
                "image", "pagetype", "filedate"):
        assert getattr(ours, key) == getattr(theirs, key), key


def test_page_metadata_equals_trafilaturas_apart_from_the_date() -> None:
    """The metadata steps mirror trafilatura's; a release that changes them shows here."""
    _same_as_trafilatura(page(head="<meta property='og:site_name' content='kreisbote'>"
                                   "<meta name='keywords' content='Stadtrat, Haushalt'>"), "2024-12-31")
    _same_as_trafilatura(page(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                                   '"headline": "Haushalt beschlossen", "author": {"name": "Jana Muster"}, '
                                   '"datePublished": "2024-03-06"}</script>'), "2024-12-31")


def test_page_metadata_on_real_pages(shared_data) -> None:
    root = shared_data / "trafilatura_evalset"
    gold = json.loads((root / "evaldata_dev.json").read_text("utf-8"))
    for _url, g in sorted(gold.items())[:12]:
        html = gzip.decompress((root / "html" / f"{g['file']}.gz").read_bytes()).decode("utf-8", "replace")
        _same_as_trafilatura(html, "2026-01-01")


def test_text_equals_trafilaturas_own_reading() -> None:
    html = page()
    found = H.extract_html(html, crawl=date(2024, 6, 1))
    reference = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                            deduplicate=False)
    assert found is not None and reference is not None
    assert "\n".join(found.lines) == "\n".join(ln.strip() for ln in reference.text.splitlines() if ln.strip())
    assert found.author == "Jana Muster" and found.url == "https://kreisbote.example/haushalt"


def test_htmldate_runs_only_when_nothing_printed_or_structured_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str | None] = []
    real = H._htmldate

    def counting(tree: object, page: str, url: str | None, max_date: str) -> str | None:
        calls.append(url)
        return real(tree, page, url, max_date)

    monkeypatch.setattr(H, "_htmldate", counting)
    printed = H.extract_html(page(header="<div class='byline'>Von Jana Muster | 06.03.2024</div>"),
                             crawl=date(2024, 6, 1))
    assert printed is not None and printed.published.value == "2024-03-06" and calls == []
    structured = H.extract_html(page(head="<meta property='article:published_time' content='2024-03-07T09:00:00+01:00'>"),
                                crawl=date(2024, 6, 1))
    assert structured is not None and structured.published.value == "2024-03-07" and calls == []
    bare = H.extract_html(page(), crawl=date(2024, 6, 1))
    assert bare is not None and calls == ["https://kreisbote.example/haushalt"]


_PIECES = st.sampled_from(["<p>", "</p>", "<br/>", "<b>", "</b>", "<!-- x -->", "<!DOCTYPE html>", "<?xml?>",
                           "<script>a<b</script>", "<style>p{}</style>", "<svg><p>x</p></svg>", "&amp;", "&nbsp;",
                           "&#32;", "&#x41;", "&bogus;", "<", "&", " ", "  ", "\n", "\t", "\xa0", "Wort", "x y",
                           "Ünïcödé", "<div class='a b'>", "</ div>", "<Style>q</STYLE>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=16))
def test_visible_text_maps_back_to_the_page(pieces: list[str]) -> None:
    html = "".join(pieces)
    vis = H.VisibleText.of(html)
    assert "  " not in vis.text and not any(c in vis.text for c in "\n\t\r")
    ends = [*vis.v_starts[1:], len(vis.text)] if vis.v_starts else []
    for v0, v1, h, raw in zip(vis.v_starts, ends, vis.h_starts, vis.verbatim, strict=True):
        if raw:  # a verbatim piece is a slice of the page
            assert html[h : h + (v1 - v0)] == vis.text[v0:v1]


def test_visible_text_drops_invisible_elements_and_decodes_entities() -> None:
    vis = H.VisibleText.of("<html><head><title>T</title></head><body><script>var x = '<p>';</script>"
                           "<p>Erste&nbsp;Zeile &amp; mehr</p><!-- nie --><div>Zweite   Zeile</div></body></html>")
    assert vis.text == "Erste Zeile & mehr Zweite Zeile "
