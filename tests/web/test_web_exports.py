"""Exports: CSV per table (link tables, spreadsheet-safe cells) and the one-file report."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from lagebild.export import build_export
from lagebild.export.csv_export import TABLES, write_csv
from lagebild.report import render_report, write_report
from lagebild.store import open_store


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_has_every_table_and_the_link_tables(handmade_db: str, tmp_path: Path) -> None:
    store = open_store(handmade_db)
    data = build_export(store)
    store.close()
    paths = {p.stem: p for p in write_csv(data, tmp_path)}
    assert set(paths) == set(TABLES)
    mentions = _read(paths["mentions"])
    assert len(mentions) == sum(len(e["mentions"]) for e in data["entities"])
    gdl = [m for m in mentions if m["entity"] == "org-gdl"]
    assert {m["doc"] for m in gdl} == {"a-tagblatt", "b-abendpost", "c-wire"}
    claims = _read(paths["claim_group_claims"])
    assert {(c["group"], c["relation"]) for c in claims} >= {("cg-fernzuege", "contradicted"), ("cg-streikende", "updated")}
    members = _read(paths["story_members"])
    assert [m["doc"] for m in members if m["story"] == "story-bahnstreik"] == ["a-tagblatt", "b-abendpost", "c-wire"]
    assert [t["event"] for t in _read(paths["timeline"])] == ["ev-strike", "ev-deal"]
    docs = _read(paths["documents"])
    assert {d["id"] for d in docs} == {"a-tagblatt", "b-abendpost", "c-wire", "x-injection"}
    assert "published" in docs[0] and "published_precision" in docs[0]  # one value per cell


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    data: dict[str, Any] = {"documents": [{"id": "d", "title": "=HYPERLINK(\"http://x\")", "outlet": "+1", "author": "@me", "n": -3}]}
    paths = {p.stem: p for p in write_csv(data, tmp_path)}
    row = _read(paths["documents"])[0]
    assert row["title"].startswith("'=") and row["outlet"] == "'+1" and row["author"] == "'@me" and row["n"] == "-3"


def test_report_is_one_self_contained_file(handmade_db: str, tmp_path: Path) -> None:
    store = open_store(handmade_db)
    html = render_report(store)
    path = write_report(store, tmp_path / "r" / "report.html")
    store.close()
    assert path.read_text("utf-8") == html
    assert "<script" not in html.replace("&lt;script", "")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "the report must not load anything"
    assert "<link" not in html and "<style>" in html
    for anchor in ("story-story-bahnstreik", "cg-cg-fernzuege", "doc-a-tagblatt", "entity-org-gdl"):
        assert f'id="{anchor}"' in html
    # every in-page link points to an element of the page
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = {h[1:] for h in re.findall(r'href="(#[^"]*)"', html)}
    assert targets - ids - {""} == set()


def test_report_names_the_candidates_of_an_unassigned_shared_name(handmade_db: str) -> None:
    store = open_store(handmade_db)
    html = render_report(store)
    store.close()
    row = re.search(r'<tr id="entity-org-gewerkschaft">(.*?)</tr>', html, re.S)
    assert row is not None
    cell = re.sub(r"\s+", " ", row.group(1))
    # the candidate the corpus has links to its entity; the one only the KB knows is named by the KB
    assert re.search(r'could be: <a href="#entity-org-gdl">GDL</a> or Verdi</span>', cell), cell
    # must not fire: an entity the resolution assigned shows no candidates
    gdl = re.search(r'<tr id="entity-org-gdl">(.*?)</tr>', html, re.S)
    assert gdl is not None and "could be" not in gdl.group(1)


def test_report_of_the_example_corpus(example_analysis: dict[str, Any]) -> None:
    html = render_report(example_analysis["store"])
    export = example_analysis["export"]
    for doc in export["documents"]:
        assert f'id="doc-{doc["id"]}"' in html
    stories = [s["id"] for s in export["stories"]] or [None]  # no stories: one virtual story with everything
    expected = sum(1 for s in stories for t in export["timeline"] if s is None or t.get("story") in (None, s))
    assert html.count('class="tl-row') == expected


def test_csv_is_tidy_one_value_per_cell(handmade_db: str, tmp_path: Path) -> None:
    store = open_store(handmade_db)
    data = build_export(store)
    store.close()
    paths = {p.stem: p for p in write_csv(data, tmp_path)}
    for table, path in paths.items():
        for row in _read(path):
            assert not any(v.startswith(("[", "{")) for v in row.values()), (table, row)
    quotes = _read(paths["quotes"])
    columns = set(quotes[0])
    assert not any("." in c for c in columns) and len(columns) < 25, sorted(columns)
    assert {"doc", "start", "end", "text", "speaker_text"} <= columns
    values = _read(paths["list_values"])
    aliases = [v for v in values if v["table"] == "entities" and v["field"] == "aliases"]
    assert len(aliases) == sum(len(e.get("aliases") or []) for e in data["entities"])
