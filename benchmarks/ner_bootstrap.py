"""Paired bootstrap of outer-chunk F1 for two NER candidates on the same gold sentences.

Reads the gold file and two prediction files written by ``lagebild eval ner GOLD --pred FILE
[--model …]`` (token, predicted outer tag, O; one blank line between sentences), and prints each
candidate's F1, the difference B − A, and standard errors from resampling the sentences with
replacement (the same draw for both candidates, so the difference's error is paired).

Usage: ``python benchmarks/ner_bootstrap.py GOLD A.pred B.pred [--reps 1000] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.evaluation.ner import chunks, open_text, read_germeval


def counts(gold: list[list[str]], pred: list[list[str]]) -> np.ndarray:
    """Per sentence: true positives, predicted chunks, gold chunks."""
    rows = []
    for g, p in zip(gold, pred, strict=True):
        gc, pc = chunks(g), chunks(p)
        rows.append((len(gc & pc), len(pc), len(gc)))
    return np.array(rows, dtype=np.int64)


def f1(c: np.ndarray) -> np.ndarray:
    """F1 of summed counts along the last-but-one axis (works on one sample or a stack of samples)."""
    tp, pr, go = c[..., 0], c[..., 1], c[..., 2]
    return np.where(pr + go > 0, 2 * tp / np.maximum(pr + go, 1), 0.0)


def tags(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    with open_text(path) as fh:
        sents = list(read_germeval(fh))
    return [s.tokens for s in sents], [s.outer for s in sents]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", type=Path)
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--reps", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    toks, gold = tags(args.gold)
    (ta, pa), (tb, pb) = tags(args.a), tags(args.b)
    if ta != toks or tb != toks:
        raise SystemExit("prediction files must hold the gold file's sentences and tokens")
    ca, cb = counts(gold, pa), counts(gold, pb)
    rng = np.random.default_rng(args.seed)
    idx = rng.integers(0, len(gold), size=(args.reps, len(gold)))
    fa, fb = f1(ca[idx].sum(axis=1)), f1(cb[idx].sum(axis=1))
    a0, b0 = float(f1(ca.sum(axis=0))), float(f1(cb.sum(axis=0)))
    print(f"{len(gold)} sentences, {int(ca[:, 2].sum())} gold chunks, {args.reps} resamples")
    print(f"A {args.a}: F1 {a0:.4f} (SE {fa.std(ddof=1):.4f})")
    print(f"B {args.b}: F1 {b0:.4f} (SE {fb.std(ddof=1):.4f})")
    diff = fb - fa
    print(f"B - A: {b0 - a0:+.4f} (paired SE {diff.std(ddof=1):.4f}; {(b0 - a0) / max(diff.std(ddof=1), 1e-9):+.2f} SE); "
          f"B better in {float((diff > 0).mean()):.1%} of resamples")


if __name__ == "__main__":
    main()
