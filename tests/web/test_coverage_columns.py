"""A large story's coverage table keeps the same articles in every process."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from lagebild.report.view import _coverage


def test_articles_reporting_as_many_rows_are_kept_in_story_order() -> None:
    # 30 articles, each in one event row with two others: all reach 1 row, so which 5 columns stay is a tie
    members = [f"doc{i:02d}" for i in range(30)]
    events = [{"id": f"e{k}", "sources": members[3 * k : 3 * k + 3]} for k in range(10)]
    pic: Any = SimpleNamespace(corpus=SimpleNamespace(coverage={}))
    got = _coverage(pic, members, events, [], max_columns=5)
    assert got["columns"] == members[:5] and got["hidden"] == 25
    # articles in more rows go before the ties
    events.append({"id": "e-late", "sources": ["doc29", "doc28"]})
    got = _coverage(pic, members, events, [], max_columns=5)
    assert got["columns"] == ["doc00", "doc01", "doc02", "doc28", "doc29"]
