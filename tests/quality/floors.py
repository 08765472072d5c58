"""Comparing a picture score with a committed baseline (``benchmarks/baselines/*.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def baseline(path: Path) -> dict[str, Any]:
    """The scored split a baseline file holds (written by ``lagebild eval picture --json FILE``)."""
    scored: dict[str, Any] = json.loads(path.read_text("utf-8"))["scored"]
    return scored


def dropped_figures(score: dict[str, Any], floors: dict[str, Any]) -> dict[str, str]:
    """Every figure whose hits fell below the baseline's, as 'got < floor' (empty when none fell)."""
    return {
        name: f"{got['hits']}/{got['n']} < {floors['figures'][name]['hits']}/{floors['figures'][name]['n']}"
        for name, got in score["figures"].items()
        if name in floors["figures"] and got["hits"] < floors["figures"][name]["hits"]
    }
