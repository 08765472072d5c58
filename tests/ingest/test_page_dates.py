"""Publication date of HTML pages: printed header dates, structured data, time zones, never the future."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.utils import load_html

from lagebild.evaluation.extract import malformed_gold_date, page_half
from lagebild.ingest.html import extract_html
from lagebild.ingest.page_dates import choose_date, printed_dates, structured_dates, url_day

MAX = "2024-12-31"
BODY = (
    "<p>Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs "
    "beschlossen. Nach Angaben des Ministeriums sollen in den kommenden fünf Jahren mehrere hundert "
    "Millionen Euro in neue Strecken und Fahrzeuge fließen.</p>"
    "<p>Die Opposition kritisierte den Entwurf als unzureichend und forderte eine schnellere Umsetzung.</p>"
)
FIRST = "Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen."


def page(head: str = "", header: str = "", body: str = BODY, lang: str = "de") -> str:
    return (f'<html lang="{lang}"><head><title>Neues Gesetz beschlossen - Beispielzeitung</title>{head}</head><body>'
            f"<nav><a href='/'>Start</a> 01.01.2010</nav><article><h1>Neues Gesetz beschlossen</h1>{header}"
            f"{body}</article><footer>© 2024 Beispielzeitung</footer></body></html>")


def choose(html: str, **kw: object) -> str | None:
    found = choose_date(load_html(html), max_day=kw.pop("max_day", MAX), title="Neues Gesetz beschlossen",  # type: ignore[arg-type]
                        first_lines=[FIRST], page=html, **kw)  # type: ignore[arg-type]
    return found.day if found else None


def test_printed_byline_date_is_taken() -> None:
    html = page(header='<div class="byline">Von Anna Beispiel | 12.03.2024, 14:05 Uhr</div>')
    assert choose(html) == "2024-03-12"


def test_update_line_loses_to_the_original_publication() -> None:
    header = ('<div class="meta"><span>Veröffentlicht am 04.03.2024</span> '
              '<span class="updated">Aktualisiert am 06.03.2024</span></div>')
    assert choose(page(header=header)) == "2024-03-04"
    header = '<p>Aktualisiert: 7. März 2024</p><p>Erstellt: 5. März 2024</p>'
    assert choose(page(header=header)) == "2024-03-05"


def test_json_ld_published_beats_modified_and_meta() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Neues Gesetz beschlossen",
          "dateModified": "2024-03-02T08:00:00+01:00", "datePublished": "2024-03-01T18:00:00+01:00"}
    head = (f'<script type="application/ld+json">{json.dumps(ld)}</script>'
            '<meta property="article:modified_time" content="2024-03-02T08:00:00+01:00">')
    html = page(head=head)
    assert choose(html) == "2024-03-01"
    kinds = {(c.source, c.kind) for c in structured_dates(load_html(html), page=html)}
    assert ("jsonld-article:dateModified", "modified") in kinds


def test_structured_date_confirmed_by_print_wins_over_other_printed_dates() -> None:
    head = '<meta property="article:published_time" content="2024-02-20T10:00:00+01:00">'
    header = ('<figure><img src="a.jpg"><figcaption>Archivbild vom 3. Mai 2019</figcaption></figure>'
              '<time datetime="2024-02-20T10:00:00+01:00">20. Februar 2024</time>')
    assert choose(page(head=head, header=header)) == "2024-02-20"


def test_byline_date_beats_metadata_but_a_site_banner_date_does_not() -> None:
    head = '<meta property="article:published_time" content="2022-01-25T14:45:00+01:00">'
    header = '<p class="article-date">Stand: 26.01.2022, 14:30 Uhr</p>'
    assert choose(page(head=head, header=header)) == "2022-01-26"
    banner = '<header class="site"><span class="today-date">Mittwoch, 26.02.2020</span></header>'
    html = page(head='<meta name="date" content="2017-05-01">', header="<p>01.05.2017</p>").replace(
        "<nav>", banner + "<nav>")
    assert choose(html) == "2017-05-01"


def test_timestamp_is_read_in_its_own_zone() -> None:
    # 23:30 in New York is already the next day in UTC; the page means the 4th
    head = '<meta property="article:published_time" content="2019-03-04T23:30:00-05:00">'
    assert choose(page(head=head, lang="en-US"), language="en-US") == "2019-03-04"


def test_utc_timestamp_moves_to_the_pages_own_offset() -> None:
    ld = {"@type": "Article", "datePublished": "2023-10-31T23:30:00Z", "dateModified": "2023-11-02T10:00:00+01:00"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert choose(page(head=head)) == "2023-11-01"


def test_utc_timestamp_local_day_from_the_url_or_language() -> None:
    head = '<meta property="article:published_time" content="2019-11-19T04:58:46Z">'
    html = page(head=head, lang="en")
    assert choose(html) == "2019-11-19"  # no evidence of the zone: the day as written
    assert choose(html, url="https://example.com/2019/11/18/some-story/") == "2019-11-18"
    assert choose(page(head=head, lang="en-US"), language="en-US") == "2019-11-18"  # 23:58 the evening before in New York


def test_dateline_opens_the_text_but_an_event_date_does_not() -> None:
    body = "<p>31. Oktober 2023. Die Kolumne beginnt mit einer Frage, die sich viele Leser stellen.</p>" + BODY
    tree = load_html(page(body=body))
    found = printed_dates(tree, title="Neues Gesetz beschlossen",
                          first_lines=["31. Oktober 2023. Die Kolumne beginnt mit einer Frage, die sich viele Leser stellen."])
    assert any(c.source == "printed:dateline" and c.day == "2023-10-31" for c in found)
    lines = ["Am Sonntag, 5. November 2023, kurz nach 21 Uhr, wurde der Polizei ein Unfall gemeldet."]
    found = printed_dates(load_html(page(body=f"<p>{lines[0]}</p>")), title="Neues Gesetz beschlossen", first_lines=lines)
    assert not any(c.source == "printed:dateline" for c in found)


def test_headline_date_is_not_the_publication() -> None:
    html = page(header='<p class="date">26/12/2019</p>').replace(
        "<h1>Neues Gesetz beschlossen</h1>", "<h1>Protokoll der Sitzung vom 10. Oktober 2019</h1>")
    found = choose_date(load_html(html), max_day=MAX, title="Protokoll der Sitzung vom 10. Oktober 2019",
                        first_lines=[FIRST], page=html)
    assert found is not None and found.day == "2019-12-26"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Publié le 5 février 2020", "2020-02-05"),
        ("Publicado el 5 de febrero de 2020", "2020-02-05"),
        ("Pubblicato il 5 febbraio 2020", "2020-02-05"),
        ("Gepubliceerd op 5 februari 2020", "2020-02-05"),
        ("Julkaistu 5.2.2020 klo 12.00", "2020-02-05"),
        ("Opublikowano 5 lutego 2020", "2020-02-05"),
        ("Published February 5, 2020 at 9:00 AM", "2020-02-05"),
        ("2020年2月5日", "2020-02-05"),
    ],
)
def test_printed_dates_in_many_languages(line: str, day: str) -> None:
    assert choose(page(header=f'<div class="meta">{line}</div>')) == day


def test_ambiguous_numeric_date_only_counts_when_confirmed() -> None:
    # 03/04/2020 alone decides nothing; with metadata saying April 3 it confirms that
    assert choose(page(header="<p>03/04/2020</p>", lang="fr")) is None
    head = '<meta property="article:published_time" content="2020-04-03">'
    assert choose(page(head=head, header="<p>03/04/2020</p>", lang="en-US")) == "2020-04-03"


def test_url_day() -> None:
    assert url_day("https://www.example.com/2019/nov/18/story") == "2019-11-18"
    assert url_day("https://example.org/news/2022-11-29-title.html") == "2022-11-29"
    assert url_day("https://example.org/article/12345") is None


def test_no_date_anywhere_is_none() -> None:
    html = page().replace(" 01.01.2010", "").replace("© 2024 ", "")
    assert choose(html) is None


def test_dates_after_the_crawl_are_never_chosen() -> None:
    head = '<meta property="article:published_time" content="2025-06-01T10:00:00+02:00">'
    html = page(head=head, header="<p>Veröffentlicht am 01.06.2025</p>")
    assert choose(html, max_day="2024-12-31", htmldate="2025-06-01") is None


DATE_PIECES = st.sampled_from([
    "{d:02d}.{m:02d}.{y}", "{y}-{m:02d}-{d:02d}", "{y}-{m:02d}-{d:02d}T23:30:00Z", "{y}-{m:02d}-{d:02d}T01:10:00Z",
    "{d}. März {y}", "March {d}, {y}", "{d}/{m}/{y}", "{y}年{m}月{d}日",
])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(DATE_PIECES, st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 28)), min_size=1, max_size=5),
    st.sampled_from(["de", "en", "en-US", "fr", "ja", ""]),
    st.sampled_from(["2015-01-01", "2020-06-15", "2024-12-31"]),
)
def test_never_after_the_crawl_date(pieces: list[tuple[str, int, int, int]], lang: str, max_day: str) -> None:
    texts = [fmt.format(y=y, m=m, d=d) for fmt, y, m, d in pieces]
    head = "".join(f'<meta property="article:published_time" content="{t}">' for t in texts[:2])
    ld = {"@type": "NewsArticle", "datePublished": texts[-1]}
    head += f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    header = "".join(f"<p>Veröffentlicht am {t}</p><time datetime='{t}'>gestern</time>" for t in texts)
    html = page(head=head, header=header, lang=lang)
    found = choose_date(load_html(html), max_day=max_day, title="Neues Gesetz beschlossen", first_lines=[FIRST],
                        htmldate=texts[0][:10], language=lang, url=f"https://example.com/{texts[0][:10]}/x", page=html)
    assert found is None or "1995-01-01" <= found.day <= max_day


def test_extract_html_never_returns_a_date_after_the_crawl() -> None:
    from datetime import date

    html = page(head='<meta property="article:published_time" content="2024-06-01T10:00:00+02:00">',
                header="<p>01.06.2024</p>")
    found = extract_html(html, crawl=date(2024, 5, 1))
    assert found is not None and (found.published.value is None or found.published.value <= "2024-05-01")
    found = extract_html(html, crawl=date(2024, 7, 1))
    assert found is not None and found.published.value == "2024-06-01"


def test_split_is_stable_and_balanced(shared_data) -> None:
    gold = json.loads((shared_data / "trafilatura_evalset" / "evaldata_dev.json").read_text("utf-8"))
    halves = [page_half(g["file"]) for g in gold.values()]
    assert page_half("some-page.html") == page_half("some-page.html")
    assert 0.4 < halves.count("tune") / len(halves) < 0.6
    assert malformed_gold_date("2022-29-11") and not malformed_gold_date("2022-11-29")


def test_evalset_pages_get_a_sane_date(shared_data) -> None:
    """On a sample of real pages of the tuning half, dates are plausible and mostly right."""
    root = shared_data / "trafilatura_evalset"
    gold = json.loads((root / "evaldata_dev.json").read_text("utf-8"))
    sample = [(u, g) for u, g in sorted(gold.items()) if page_half(g["file"]) == "tune" and g.get("date")][:10]
    right = 0
    for url, g in sample:
        html = gzip.decompress((root / "html" / f"{g['file']}.gz").read_bytes()).decode("utf-8", "replace")
        found = extract_html(html, url=url)
        value = found.published.value if found else None
        assert value is None or "1995-01-01" <= value <= "2026-12-31"
        right += value == g["date"]
    assert right >= 0.8 * len(sample)
