"""The cross-source picture of the example corpus, as an analyst would draw it.

Runs on the default pipeline (shared ``example_analysis`` fixture). Checks that need an upstream
stage (dates from timex, claims) are skipped when that stage is not in the pipeline.
"""

from __future__ import annotations

from typing import Any

import pytest


def _short(doc: str) -> str:
    return doc.split("_")[0]


def _has(export: dict[str, Any], key: str) -> bool:
    return bool(export.get(key))


def test_one_story_with_all_five(example_analysis: dict[str, Any]) -> None:
    x = example_analysis["export"]
    stories = [s for s in x["stories"] if s["members"]]
    assert len(stories) == 1
    assert sorted(_short(m["doc"]) for m in stories[0]["members"]) == ["000", "001", "002", "003", "004"]
    assert stories[0]["independent_sources"] == 5


def _events(x: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in x["events"] if e["type"] == kind]


def test_treaty_signing_in_june_merged_from_four_articles(example_analysis: dict[str, Any]) -> None:
    x = example_analysis["export"]
    if not _has(x, "timexes"):
        pytest.skip("no timex stage in the pipeline")
    june = [e for e in _events(x, "sign") if e["date"] and e["date"]["value"] == "2024-06"]
    assert len(june) == 1
    assert sorted({_short(d) for d in june[0]["sources"]}) == ["000", "001", "003", "004"]
    texts = " ".join(m["text"] for m in june[0]["mentions"])
    assert "schlossen eine neue Vereinbarung" in texts and "geschlossen" in texts
    assert not june[0]["conflict"]


def test_ratifications_confirmation_and_publication_on_their_days(example_analysis: dict[str, Any]) -> None:
    x = example_analysis["export"]
    if not _has(x, "timexes"):
        pytest.skip("no timex stage in the pipeline")
    by_date = {(e["type"], e["date"]["value"]): sorted({_short(d) for d in e["sources"]}) for e in x["events"] if e["date"]}
    # 000 (published in November 2024, after North Korea's ratification of 11 November) says Russia
    # ratified "in der vergangenen Woche": that is the Federation Council's vote of 8 November (the
    # Duma's of 24 October was weeks before), so 000 belongs to that event with 001
    assert by_date[("ratify", "2024-11-08")] == ["000", "001"]
    assert by_date[("publish", "2024-11-09")] == ["001"]
    assert by_date[("confirm", "2024-10-23")] == ["004"]
    russia = [e for e in _events(x, "ratify") if "004" in {_short(d) for d in e["sources"]}]
    assert len(russia) == 1 and russia[0]["date"]["value"] == "2024-10-25"
    assert len(_events(x, "ratify")) >= 3  # Russia's parliament, the Federation Council, North Korea
    timeline_dates = [t["start"] for t in x["timeline"] if t["start"]]
    assert timeline_dates == sorted(timeline_dates)


def test_soldier_numbers_updated_not_contradicted(example_analysis: dict[str, Any]) -> None:
    x = example_analysis["export"]
    if not _has(x, "claims"):
        pytest.skip("no claims stage in the pipeline")
    groups = [g for g in x["claim_groups"] if any(c["value"] == 10000 for c in g["claims"])]
    assert len(groups) == 1
    group = groups[0]
    assert group["relation"] == "updated"
    values = sorted((_short(c["doc"]), c["value"]) for c in group["claims"] if c["value"])
    assert ("001", 10000) in values and ("002", 3000) in values and ("004", 3000) in values
    assert all(c["value"] != 50000 for c in group["claims"])
    assert group["reasoning"]
    assert not [i for i in x["inconsistencies"] if i.get("kind") == "claim_contradiction"]
