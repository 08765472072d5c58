"""The 10kGNAD figure gold is well formed, and ``lagebild eval figures`` scores a figure's aspects apart.

Gold checks read the 10kGNAD file of the shared data folder (skipped without it): every figure's offsets
hold its words, the split is the seeded hash the sampler states, and no article covers a reserved story.
The scorer is checked on a sentence of its own, not on gold text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lagebild.evaluation import gnad_articles, shared_data_dir
from lagebild.evaluation.figures import STAGES, FigureScore, as_baseline, measure_id, score_document, score_gold
from lagebild.evaluation.gold_text import run_stages
from lagebild.evaluation.reserved import reserved_stories_in
from tests.benchmark_scripts import load_benchmark
from tests.quality.floors import baseline, dropped_figures

GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "gnad_figures" / "gold.yaml"
BASELINE = Path(__file__).resolve().parents[2] / "benchmarks" / "baselines" / "figures_gnad.json"
TEST_CSV = shared_data_dir() / "10kgnad_articles" / "test.csv"
MEASURES = {"dead", "injured", "lightly_injured", "missing", "rescued", "affected", "arrested", "suspects", "attackers",
            "participants", "expected", "soldiers", "refugees", "stranded", "displaced", "asylum_application", "money",
            "vote_share", "votes", "seats"}


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return yaml.safe_load(GOLD.read_text("utf-8"))["articles"]


@pytest.mark.skipif(not TEST_CSV.exists(), reason="10kGNAD not in the shared data folder")
def test_offsets_hold_the_figures_words(gold: list[dict[str, Any]]) -> None:
    rows = [text for _label, text in gnad_articles(TEST_CSV)]
    for art in gold:
        text = rows[int(art["id"].removeprefix("gnad-"))]
        assert len(text) == art["chars"], art["id"]
        assert reserved_stories_in(text) == [], art["id"]
        for fig in art["figures"]:
            assert text[fig["start"]:fig["end"]] == fig["text"], (art["id"], fig)


def test_splits_are_the_seeded_hash_and_measures_known(gold: list[dict[str, Any]]) -> None:
    sampler = load_benchmark("gnad_figures_sample", "gnad_figures_sample")
    assert len(gold) == 40
    for art in gold:
        assert art["split"] == sampler.split_of(art["id"], 16), art["id"]
        for fig in art["figures"]:
            assert set(fig["measure"].split("|")) <= MEASURES, fig
            assert fig["bound"] in ("exact", "lower", "upper", "range", "about")
            assert ("high" in fig) == (fig["bound"] == "range")


@pytest.mark.skipif(not TEST_CSV.exists(), reason="10kGNAD not in the shared data folder")
def test_the_seeded_draw_repeats_the_gold_articles(gold: list[dict[str, Any]]) -> None:
    sampler = load_benchmark("gnad_figures_sample", "gnad_figures_sample")
    assert [aid for aid, *_ in sampler.draw(40, 16)] == [art["id"] for art in gold]


def test_measure_id_drops_counted_prefix_and_part_suffix() -> None:
    assert measure_id("count:asylum_application") == "asylum_application"
    assert measure_id("dead:part") == "dead"
    assert measure_id(None) == ""


def test_scorer_counts_each_aspect_apart() -> None:
    text = "Bei dem Brand in Lyon sind nach Angaben der Feuerwehr mindestens zwölf Menschen ums Leben gekommen."
    doc = run_stages(text, STAGES)
    start = text.index("mindestens zwölf Menschen")
    right = {"start": start, "end": start + 25, "text": "mindestens zwölf Menschen", "value": 12, "bound": "lower",
             "measure": "dead", "scope": "Lyon", "claimant": "Feuerwehr"}
    wrong_claimant = dict(right, claimant="Polizei")
    absent = dict(right, value=13)
    score = FigureScore.empty()
    misses = score_document(doc, [right, wrong_claimant, absent], score)
    tallies = {name: (t.hits, t.total) for name, t in score.tallies.items()}
    assert tallies["found"] == (2, 3)
    assert tallies["measure"] == (2, 3)
    assert tallies["claimant"] == (1, 3)
    assert tallies["all"] == (1, 3)
    assert len(misses) == 2


@pytest.mark.skipif(not TEST_CSV.exists(), reason="10kGNAD not in the shared data folder")
def test_check_half_does_not_drop_below_the_committed_baseline() -> None:
    # the quality gate of the figure rules on text they were not written from: written by
    # `lagebild eval figures benchmarks/data/gnad_figures/gold.yaml --json benchmarks/baselines/figures_gnad.json`
    score, _misses, articles = score_gold(GOLD, "check")
    got = as_baseline(score, "check", articles)["scored"]
    floors = baseline(BASELINE)
    assert got["documents"] == floors["documents"], "the check half changed: rewrite the baseline"
    dropped = dropped_figures(got, floors)
    assert not dropped, f"quality fell below the committed baseline: {dropped}"
