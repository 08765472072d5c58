"""Quality gate on the second development corpus (``benchmarks/data/synthetic_stories``): its
held-out ``check`` split must not fall below ``benchmarks/baselines/picture_synthetic.json``.

Its stories (an earthquake's rising toll, a government crisis) share none with news_stories_dev, so a
rule that only fits the first corpus's stories shows here. The baseline is written by
``lagebild eval picture benchmarks/data/synthetic_stories/gold.yaml --split check --json
benchmarks/baselines/picture_synthetic.json`` after a change that improves a figure.
"""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.evaluation.picture import load_gold, run_pipeline, score_picture
from tests.conftest import ROOT
from tests.quality.floors import baseline, dropped_figures

CORPUS = ROOT / "benchmarks" / "data" / "synthetic_stories"
BASELINE = ROOT / "benchmarks" / "baselines" / "picture_synthetic.json"


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    return run_pipeline(CORPUS / "corpus", jobs=2)


def test_check_split_figures_do_not_drop(export: dict[str, Any]) -> None:
    score = score_picture(export, load_gold(CORPUS / "gold.yaml"), "check").as_dict()
    floors = baseline(BASELINE)
    assert score["documents"] == floors["documents"], "the check split changed: rewrite the baseline"
    dropped = dropped_figures(score, floors)
    assert not dropped, f"quality fell below the committed baseline: {dropped}"


def test_no_contradiction_between_different_measures_or_scopes(export: dict[str, Any]) -> None:
    whole = score_picture(export, load_gold(CORPUS / "gold.yaml"), None)
    assert whole.mixed_contradictions == []
