"""List views on the hand-built corpus (no shared data needed): filters, defaults, facets, errors, CSV, CLI defaults."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lagebild.cli import cli

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(handmade_db: str) -> Iterator[Any]:
    from lagebild.web import create_app

    with TestClient(create_app(handmade_db), base_url="http://127.0.0.1") as c:
        yield c


def test_single_article_stories_and_single_claim_groups_are_hidden_by_default(client: Any) -> None:
    stories = client.get("/stories.json").json()
    assert [s["id"] for s in stories["items"]] == ["story-bahnstreik"]
    assert stories["hidden_by_default"] == 1 and stories["filters"]["min_articles"] == "2"
    assert {s["id"] for s in client.get("/stories.json", params={"min_articles": 1}).json()["items"]} == {"story-bahnstreik", "story-injection"}
    groups = client.get("/claim-groups.json").json()
    assert "cg-injection" not in {g["id"] for g in groups["items"]} and groups["hidden_by_default"] >= 1
    page = client.get("/").text
    assert "single-article stories are hidden" in page and 'class="show-all"' in page


def test_filters_facets_sorting_and_paging(client: Any) -> None:
    quotes = client.get("/quotes.json", params={"story": "story-bahnstreik"}).json()
    assert quotes["total"] >= 2 and all(q["story"] == "story-bahnstreik" for q in quotes["items"])
    assert quotes["facets"]["story"]["story-bahnstreik"] == quotes["total"]
    weselsky = client.get("/quotes.json", params={"speaker": "weselsky"}).json()["items"]
    assert weselsky and all("weselsky" in q["speaker"].lower() for q in weselsky)
    tagblatt = client.get("/articles.json", params={"outlet": "Tagblatt"}).json()["items"]
    assert [a["id"] for a in tagblatt] == ["a-tagblatt"]
    by_date = [a["published"] for a in client.get("/articles.json", params={"sort": "date"}).json()["items"]]
    assert by_date == sorted(by_date)
    first, second = (client.get("/articles.json", params={"limit": 1, "offset": o}).json() for o in (0, 1))
    assert first["next"] and first["items"] != second["items"] and first["total"] == second["total"] == 4
    events = client.get("/events.json", params={"entity": "org-gdl"}).json()["items"]
    assert {e["id"] for e in events} == {"ev-strike", "ev-deal"}
    march8 = client.get("/articles.json", params={"date_from": "2024-03-08", "date_to": "2024-03-08"}).json()["items"]
    assert [a["id"] for a in march8] == ["b-abendpost"]


@pytest.mark.parametrize("path", ["/articles?section=Sport", "/quotes.json?speeker=x", "/stories.csv?sort=nope", "/api/documents?section=Sport",
                                  "/api/quotes?speeker=x"])
def test_unknown_filters_are_an_error_listing_the_valid_ones(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["errors"], body
    assert any(name in body["error"] for name in ("outlet", "speaker", "articles")), body["error"]


def test_csv_of_a_view_is_tidy_and_safe(client: Any) -> None:
    text = client.get("/quotes.csv", params={"story": "story-bahnstreik"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == client.get("/quotes.json", params={"story": "story-bahnstreik"}).json()["total"]
    assert {"speaker", "quote", "doc", "start", "end", "outlet", "published"} <= set(rows[0])
    stories = list(csv.DictReader(io.StringIO(client.get("/stories.csv", params={"min_articles": 1}).text)))
    injected = next(r for r in stories if r["id"] == "story-injection")
    assert injected["label"].startswith("<script>")  # text, escaped by whoever shows it; never a formula
    for row in stories:
        assert not any(str(v).startswith(("=", "+", "@", "[", "{")) for v in row.values())


def test_outlets_say_who_reported_first_and_alone(client: Any) -> None:
    outlets = {o["outlet"]: o for o in client.get("/outlets.json").json()["items"]}
    assert outlets["Tagblatt"]["articles"] == 1
    # the strike: Tagblatt (7 March) before Abendpost (8 March)
    first = client.get("/events.json", params={"first": "Tagblatt"}).json()["items"]
    assert "ev-strike" in {e["id"] for e in first}
    assert outlets["Tagblatt"]["events_first"] >= 1
    alone = client.get("/events.json", params={"alone": "Wire"}).json()["items"]
    assert all(e["sources"] >= 1 for e in alone)


def test_api_page_lists_endpoints_and_list_views(client: Any) -> None:
    page = client.get("/docs").text
    assert "/api/documents" in page and "/api/search" in page and "min_articles" in page and "/openapi.json" in page


def test_cli_uses_the_analyze_store_and_never_creates_an_empty_one(tmp_path: Path, handmade_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in (["serve"], ["export"], ["report"], ["entities", "list"]):
        result = runner.invoke(cli, args)
        assert result.exit_code != 0 and "no store at out/lagebild.db" in result.output, (args, result.output)
    assert not (tmp_path / "out").exists()
    result = runner.invoke(cli, ["report", "--db", handmade_db, "--list"])
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("story-bahnstreik\t3\t")
    out = tmp_path / "one.html"
    result = runner.invoke(cli, ["report", "--db", handmade_db, "--story", "story-bahnstreik", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert 'id="story-story-bahnstreik"' in html and 'id="story-story-injection"' not in html
    result = runner.invoke(cli, ["report", "--db", handmade_db, "--story", "nope"])
    assert result.exit_code != 0 and "no story nope" in result.output
    assert "out/csv" in runner.invoke(cli, ["--help"]).output


@pytest.mark.parametrize("path", ["/stories?min_articles=1", "/claim-groups?min_claims=1", "/articles", "/outlets", "/quotes",
                                  "/stories?min_articles=1&outlet=" + 'Böse"><script>window.__xss="outlet"</script>'])
def test_injected_text_is_escaped_in_every_list(client: Any, path: str) -> None:
    html = client.get(path).text
    assert "<script>window.__xss" not in html and "<script" not in html.replace("&lt;script", "")


def test_time_axis_counts_articles_and_events_per_story_and_links_the_lists(client: Any) -> None:
    page = client.get("/timeline").text
    assert 'id="axis-story-bahnstreik"' in page and "axis-story-injection" not in page  # single-article stories left out
    assert "/articles?story=story-bahnstreik&amp;date_from=2024-03-07&amp;date_to=2024-03-07" in page  # days: the span is short
    assert "/events?story=story-bahnstreik&amp;date_from=2024-03-12&amp;date_to=2024-03-12" in page
    assert client.get("/timeline", params={"story": "story-injection"}).status_code == 200
    assert client.get("/timeline", params={"section": "x"}).status_code == 400


def test_inconsistencies_list_points_at_the_sentence(client: Any) -> None:
    items = client.get("/inconsistencies.json").json()["items"]
    assert items and all(i["type"] and i["doc"] for i in items)
    strike = next(i for i in items if i["id"] == "inc-strike-date")
    assert strike["articles"] == 2 and strike["story"] == "story-bahnstreik"
    assert 'href="/articles/' in client.get("/inconsistencies").text
