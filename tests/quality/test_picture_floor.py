"""Quality gate: the picture of news_stories_dev, scored on its held-out ``check`` split, must not
fall below the committed baseline (``benchmarks/baselines/picture.json``).

The baseline is written by ``lagebild eval picture --split check --json benchmarks/baselines/picture.json``
after a change that improves a figure; a change that lowers one fails here. Skipped, saying so, when
the shared data folder is absent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluation.picture import load_gold, run_pipeline, score_picture
from tests.conftest import EXAMPLES, ROOT
from tests.quality.floors import baseline, dropped_figures

BASELINE = ROOT / "benchmarks" / "baselines" / "picture.json"


@pytest.fixture(scope="module")
def gold_dir(shared_data: Path) -> Path:
    folder = shared_data / "news_stories_dev"
    if not (folder / "gold.yaml").is_file():
        pytest.skip(f"news_stories_dev gold not found in {shared_data}")
    return folder


@pytest.fixture(scope="module")
def export(gold_dir: Path) -> dict[str, Any]:
    return run_pipeline(gold_dir / "corpus", jobs=2)


def test_check_split_figures_do_not_drop(export: dict[str, Any], gold_dir: Path) -> None:
    score = score_picture(export, load_gold(gold_dir / "gold.yaml"), "check").as_dict()
    floors = baseline(BASELINE)
    assert score["documents"] == floors["documents"], "the check split changed: rewrite the baseline"
    dropped = dropped_figures(score, floors)
    assert not dropped, f"quality fell below the committed baseline: {dropped}"
    assert score["bcubed"]["f1"] >= floors["bcubed"]["f1"] - 1e-9


def test_no_contradiction_between_different_measures_or_scopes(export: dict[str, Any], gold_dir: Path) -> None:
    whole = score_picture(export, load_gold(gold_dir / "gold.yaml"), None)
    assert whole.mixed_contradictions == []


def test_example_corpus_has_no_contradiction_between_different_measures() -> None:
    from lagebild.evaluation.picture import _mixed_contradictions

    picture = run_pipeline(EXAMPLES, jobs=1)
    assert _mixed_contradictions(picture, {str(d["id"]) for d in picture["documents"]}) == []
