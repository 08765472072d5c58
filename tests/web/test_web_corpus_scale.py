"""The picture at corpus scale, in headless Chromium: 1,028 real articles (10kGNAD) behind a running server.

Every list is a view with filters, facets, sorting, paging and the same rows as JSON and CSV; the
pages stay small and fast; the one-file report stays under 3 MB with an index; search for a
multi-word name marks the name. Screenshots are kept in tests/web/screenshots/.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

pytestmark = pytest.mark.browser

LISTS = ("stories", "claim-groups", "claims", "quotes", "events", "entities", "articles", "outlets", "inconsistencies")
SHOTS = Path(__file__).resolve().parent / "screenshots"
RAW_TIMEX = re.compile(r"\b(?:FUTURE_REF|PAST_REF|PRESENT_REF|PX?\d*[YMWD]|\d{4}-\d{2}-\d{2}T(?:EV|MO|AF|NI)|\d{4}-W\d{2}(?:-WE)?)\b")
BAD_PLURAL = re.compile(r"(?<![\d.,])\b1 (?:sources|articles|quotes|claims|stories|entities|events|mentions|outlets|sentences)\b")
DOUBLED_QUOTES = re.compile(r"[“„\"»«]{2}|[”\"]{2}")
MEASURED: dict[str, tuple[int, float]] = {}


def _shot(page: Any, name: str) -> None:
    """Screenshot into tests/artifacts/screenshots; the kept copy in tests/web/screenshots is written when
    missing or with LAGEBILD_UPDATE_SCREENSHOTS=1 (so a test run leaves the repository unchanged)."""
    artifacts = SHOTS.parent.parent / "artifacts" / "screenshots"
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / f"{name}.png"))
    kept = SHOTS / f"{name}.png"
    if not kept.exists() or os.environ.get("LAGEBILD_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(kept))


def _get(server: Any, path: str, **params: Any) -> httpx.Response:
    return httpx.get(server.url + path, params=params, timeout=60)


@pytest.fixture(scope="module")
def warm(gnad_server: Any) -> Any:
    """The server after its start-up warm-up: every list built once (the first request waits for it)."""
    started = time.perf_counter()
    for name in LISTS:
        assert _get(gnad_server, f"/{name}.json", limit=1).status_code == 200
    MEASURED["warm-up after start"] = (0, time.perf_counter() - started)
    return gnad_server


@pytest.mark.parametrize("name", LISTS)
def test_list_page_is_small_and_fast(warm: Any, name: str) -> None:
    sizes, times = [], []
    for _ in range(3):
        started = time.perf_counter()
        response = _get(warm, f"/{name}")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
        sizes.append(len(response.content))
    MEASURED[name] = (max(sizes), min(times))
    assert max(sizes) < 1_000_000, f"/{name} is {max(sizes)} bytes"
    assert min(times) < 1.0, f"/{name} took {min(times):.2f} s"


@pytest.mark.parametrize("name", LISTS)
def test_list_filters_pages_and_exports_in_the_browser(page: Any, warm: Any, name: str) -> None:
    page.goto(f"{warm.url}/{name}")
    full = _get(warm, f"/{name}.json").json()
    assert page.locator("p.count strong").inner_text().startswith(f"{full['total']:,} ")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == min(50, full["total"])
    # a facet value narrows the view; the URL holds the state and the JSON of that URL agrees
    facet = page.locator(".facet li a").first
    if facet.count():
        facet.click()
        page.wait_for_load_state("load")
        query = parse_qs(urlparse(page.url).query)
        (key, _value), = [(k, v) for k, v in query.items() if k not in ("sort", "limit", "offset") and k not in full["filters"]]
        narrowed = _get(warm, f"/{name}.json", **{k: v[0] for k, v in query.items()}).json()
        assert 0 < narrowed["total"] <= full["total"]
        assert f"{key}: " in page.locator("p.chips").inner_text()
        page.go_back()
    # paging: the next page starts where the first ended
    if full["total"] > 50:
        first = rows.first.inner_text()
        page.locator("a.next").click()
        page.wait_for_load_state("load")
        assert "offset=50" in page.url
        assert page.locator("table.list tbody tr").first.inner_text() != first
        second = _get(warm, f"/{name}.json", offset=50).json()
        assert second["offset"] == 50 and second["items"] != full["items"][:50]
    # sorting by a column header changes the URL and the order
    header = page.locator("table.list thead th a").first
    header.click()
    page.wait_for_load_state("load")
    assert "sort=" in page.url
    # the CSV of the view holds every selected row, one value per cell
    href = page.locator("a.as-csv").get_attribute("href")
    body = _get(warm, href).text
    table = list(csv.DictReader(io.StringIO(body)))
    assert len(table) == _get(warm, f"/{name}.json", **dict(parse_qs(urlparse(href).query, keep_blank_values=True))).json()["total"]
    assert not any(str(v).startswith(("[", "{")) for r in table[:200] for v in r.values()), "a list or object in a CSV cell"


def test_single_items_are_hidden_by_default_one_click_away(page: Any, warm: Any) -> None:
    page.goto(warm.url + "/")
    shown = _get(warm, "/stories.json").json()
    everything = _get(warm, "/stories.json", min_articles=1).json()
    assert shown["total"] < everything["total"]
    assert all(s["articles"] >= 2 for s in shown["items"])
    assert "single-article stories are hidden" in page.locator("p.count").inner_text()
    _shot(page, "gnad-stories")
    page.locator("a.show-all").click()
    page.wait_for_load_state("load")
    assert page.locator("p.count strong").inner_text().startswith(f"{everything['total']:,} ")
    page.goto(warm.url + "/claim-groups")
    groups = _get(warm, "/claim-groups.json", limit=500).json()
    assert all(g["claims"] >= 2 for g in groups["items"])
    page.locator("a.show-all").click()
    page.wait_for_load_state("load")
    assert int(page.locator("p.count strong").inner_text().split()[0].replace(",", "")) > groups["total"]


def test_unknown_filters_are_errors_that_list_the_valid_ones(page: Any, warm: Any) -> None:
    for path in ("/articles?section=Sport", "/articles.json?section=Sport", "/api/documents?section=Sport", "/quotes.csv?speeker=x"):
        response = httpx.get(warm.url + path, headers={"accept": "text/html"})
        assert response.status_code == 400, path
        if ".json" in path or "/api/" in path or ".csv" in path:
            body = response.json()
            assert (body["ok"] is False and "outlet" in body["errors"]) or "speaker" in body["errors"], body
    page.goto(warm.url + "/articles?section=Sport")
    text = page.locator("main").inner_text()
    assert "section" in text and "outlet" in text and "date_from" in text


def test_date_filter_includes_inferred_dates(warm: Any) -> None:
    inferred = _get(warm, "/articles.json", inferred="true", limit=500).json()["items"]
    day = next((a["published"] for a in inferred if len(a["published"]) == 10), None)
    assert day, "the store has articles with an inferred day"
    hits = {a["id"] for a in _get(warm, "/articles.json", date_from=day, date_to=day, limit=500).json()["items"]}
    assert {a["id"] for a in inferred if a["published"] == day} <= hits
    found = _get(warm, "/api/search", q="die", date_from=day, date_to=day, limit=1000).json()["items"]
    assert {a["id"] for a in inferred if a["published"] == day} & {h["doc"] for h in found}


def test_time_axis_filters_this_list_and_the_others(page: Any, warm: Any) -> None:
    page.goto(warm.url + "/articles")
    bars = page.locator(".histo a.bar")
    assert bars.count() > 10
    bars.nth(bars.count() // 2).click()
    page.wait_for_load_state("load")
    query = parse_qs(urlparse(page.url).query)
    assert query["date_from"] == query["date_to"]
    day = query["date_from"][0]
    shown = _get(warm, "/articles.json", date_from=day, date_to=day, limit=500).json()
    assert shown["total"] >= 1 and all(a["published"].startswith(day) or len(a["published"]) < len(day) for a in shown["items"])
    quotes = page.locator("p.related a", has_text="Quotes")
    quotes.click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path == "/quotes" and f"date_from={day}" in page.url
    listed = _get(warm, "/quotes.json", date_from=day, date_to=day, limit=500).json()["items"]
    assert {q["doc"] for q in listed} <= {a["id"] for a in shown["items"]}


def test_corpus_time_axis_per_story_filters_the_lists(page: Any, warm: Any) -> None:
    started = time.perf_counter()
    response = _get(warm, "/timeline")
    MEASURED["timeline"] = (len(response.content), time.perf_counter() - started)
    assert response.status_code == 200 and len(response.content) < 1_000_000
    page.goto(warm.url + "/timeline")
    assert page.locator(".axis-row").count() == 20
    bar = page.locator(".axis-row").first.locator("a.a-bar").first
    count = int(bar.get_attribute("title").rsplit(": ", 1)[1].split()[0])
    bar.click()
    page.wait_for_load_state("load")
    query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    assert urlparse(page.url).path == "/articles" and {"story", "date_from", "date_to"} <= set(query)
    assert _get(warm, "/articles.json", **query).json()["total"] == count
    page.goto(warm.url + "/timeline")
    _shot(page, "gnad-time-axis")


def test_search_for_a_multi_word_name_marks_the_name(page: Any, warm: Any) -> None:
    for query in ("Kim Jong Un", '"Kim Jong Un"'):
        page.goto(f"{warm.url}/search?q={query}")
        results = page.locator("ol.results li.result")
        assert results.count() >= 1, query
        marked = {m.lower() for m in page.locator(".snippet mark").all_inner_texts()}
        assert marked and marked <= {"kim", "jong", "un"}, marked
        for snippet in page.locator(".snippet").all_inner_texts():
            assert re.search(r"Kim Jong[- ]un", snippet, re.IGNORECASE), snippet
    _shot(page, "gnad-search-name")


def test_quotes_and_outlets(page: Any, warm: Any) -> None:
    page.goto(warm.url + "/quotes")
    speakers = page.locator("table.list tbody td a.speaker")
    assert speakers.count() > 10
    for href in speakers.evaluate_all("els => els.slice(0, 30).map(e => e.getAttribute('href'))"):
        assert href.startswith(("/entities/", "/quotes?speaker=")), href
    text = page.locator("table.list").inner_text()
    assert not DOUBLED_QUOTES.search(text), DOUBLED_QUOTES.search(text)
    _shot(page, "gnad-quotes")
    outlets = _get(warm, "/outlets.json").json()
    assert outlets["total"] == 9 and sum(o["articles"] for o in outlets["items"]) == 1028
    assert any(o["events_first"] for o in outlets["items"]) and any(o["figures_alone"] for o in outlets["items"])
    story = _get(warm, "/stories.json").json()["items"][0]
    per_story = _get(warm, "/outlets.json", story=story["id"]).json()
    assert sum(o["articles"] for o in per_story["items"]) == story["articles"]
    page.goto(f"{warm.url}/outlets?story={story['id']}")
    _shot(page, "gnad-outlets-story")


def test_story_page_reads_as_a_journalist_writes(page: Any, warm: Any) -> None:
    story = _get(warm, "/stories.json").json()["items"][0]
    page.goto(f"{warm.url}/stories/{story['id']}")
    main = page.locator("main").inner_text()
    assert page.locator("#quotes table.quotes-table tbody tr").count() >= 1
    assert not RAW_TIMEX.search(main), RAW_TIMEX.search(main)
    assert not BAD_PLURAL.search(main), BAD_PLURAL.search(main)
    assert not re.search(r"\bgnad-\d+\b", page.locator("#members").inner_text()), "an article shown by its id"
    _shot(page, "gnad-story")
    for name in ("events", "articles", "claims"):
        page.goto(f"{warm.url}/{name}")
        text = page.locator("table.list").inner_text()
        assert not RAW_TIMEX.search(text), (name, RAW_TIMEX.search(text))
        assert not re.search(r"^\s*gnad-\d+\s*$", text, re.MULTILINE), name


def test_report_of_the_corpus_is_small_with_an_index(page: Any, gnad_db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lagebild.cli", "report", "--db", gnad_db, "-o", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    MEASURED["report"] = (out.stat().st_size, time.perf_counter() - started)
    assert out.stat().st_size < 3_000_000, out.stat().st_size
    page.goto(out.as_uri())
    assert page.locator("#index table.index-table tbody tr").count() >= 10
    assert "To stay small" in page.locator(".notice").inner_text()
    link = page.locator("#index a").first
    target = link.get_attribute("href")
    link.click()
    assert page.locator(target).evaluate("e => e.closest('details').open") is True  # the collapsed story opens at its link
    assert page.locator(target).is_visible()
    _shot(page, "gnad-report")
    story_id = target.removeprefix("#story-")
    one = tmp_path / "one.html"
    done = subprocess.run([sys.executable, "-m", "lagebild.cli", "report", "--db", gnad_db, "--story", story_id, "-o", str(one)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    html = one.read_text("utf-8")
    assert html.count('<details class="story card"') == 1 and f'id="story-{story_id}"' in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {h[1:] for h in re.findall(r'href="(#[^"]*)"', html)} - ids - {""} == set()


def test_api_page_and_json_views(page: Any, warm: Any) -> None:
    page.goto(warm.url + "/docs")
    text = page.locator("main").inner_text()
    assert "/api/documents" in text and "/quotes" in text and "min_articles" in text
    page.locator("nav a", has_text="API").click()
    assert page.url.endswith("/docs")


def test_zz_report_measurements(warm: Any) -> None:
    """Print what was measured (pytest -s shows it)."""
    for name, (size, seconds) in MEASURED.items():
        print(f"{name:>22}: {size / 1000:8.1f} kB  {seconds * 1000:7.0f} ms")
    assert MEASURED
