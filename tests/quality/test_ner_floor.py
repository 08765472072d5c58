"""Quality gate: the default NER model's outer-chunk F1 on GermEval 2014 dev must not fall below the
committed baseline (``benchmarks/baselines/ner.json``, written when the shipped model changes).

Dev is where the model was scored once after it was chosen on held-aside train sentences; the
official test set stays held out. Skipped, saying so, when the shared data folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.evaluation.ner import evaluate, open_text, read_germeval, tag_sentences
from tests.conftest import ROOT

BASELINE = ROOT / "benchmarks" / "baselines" / "ner.json"
#: the same model and text tag the same way; this only absorbs float rounding between platforms
TOLERANCE = 0.002


def test_germeval_dev_f1_does_not_drop(shared_data: Path) -> None:
    floor = json.loads(BASELINE.read_text("utf-8"))
    gold = shared_data / floor["gold"]
    if not gold.is_file():
        pytest.skip(f"GermEval 2014 dev not found at {gold}")
    with open_text(gold) as fh:
        sentences = list(read_germeval(fh))
    assert len(sentences) == floor["sentences"], "the dev file changed: rewrite the baseline"
    predicted, _ = tag_sentences(sentences)
    precision, recall, f1 = evaluate(sentences, predicted).overall()
    expected = floor["outer"]["f1"]
    assert f1 >= expected - TOLERANCE, (
        f"GermEval dev outer F1 {f1:.4f} (P {precision:.3f}, R {recall:.3f}, n={len(sentences)} sentences) "
        f"< baseline {expected:.4f}")
