"""Train the line model of the flattened-text boilerplate filter (a logistic regression).

Data: the scrapinghub article-extraction pages (full gold article bodies), flattened to all
their visible text exactly as ``lagebild eval boilerplate`` does; a line is main text when
≥ 80 % of its tokens are in the gold body. The rules run first (``plan(use_model=False)``);
the model learns from their output plus the line's own features which layout decisions to
keep. Lines are weighted by their length, because the benchmark counts characters. The
trafilatura evaluation pages are NOT used here: they are the report set.

Usage: .venv/bin/python -m lagebild.ingest.train_lines ../shared/data/scrapinghub_article_extraction
Writes lagebild/ingest/line_weights.py (a few hundred bytes of numbers).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from lagebild.ingest.boilerplate import FEATURES, LAYOUT_REASONS, line_features, plan

OUT = Path(__file__).with_name("line_weights.py")


def collect(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return features, labels and weights of the decidable lines of every page."""
    from lagebild.evaluation.boilerplate import _scrapinghub_pages, line_labels

    xs, ys, ws = [], [], []
    for _key, flat, gold in _scrapinghub_pages(folder):
        p = plan(flat, use_model=False)
        block = p.meta.get("_block")
        if not block:
            continue
        labels = line_labels(flat, gold["body"])
        feats = line_features(p.lines, *block)
        title_i = p.meta.get("title_line")
        for i, (ln, (_, is_main), x) in enumerate(zip(p.lines, labels, feats, strict=True)):
            if i == title_i or not (ln.reason is None or ln.reason in LAYOUT_REASONS):
                continue
            xs.append(x)
            ys.append(1.0 if is_main else 0.0)
            ws.append(len(ln.text))
    return np.array(xs), np.array(ys), np.array(ws, dtype=float)


def train(x: np.ndarray, y: np.ndarray, w: np.ndarray, *, l2: float = 1e-3, steps: int = 3000, lr: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit a weighted, L2-regularised logistic regression by gradient descent on standardised features."""
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    std[std == 0] = 1.0
    z = (x - mean) / std
    w = w / w.sum()
    beta = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + l2 * np.r_[0.0, beta[1:]]
        beta -= lr * grad
    return beta, mean, std


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    x, y, w = collect(Path(argv[0]))
    beta, mean, std = train(x, y, w)
    p = 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / std) @ beta, -30, 30)))
    best = max(np.arange(0.2, 0.81, 0.05), key=lambda t: _f1(p >= t, y, w))
    print(f"lines: {len(y)}  main share (chars): {(w * y).sum() / w.sum():.3f}  threshold: {best:.2f}  "
          f"training F1 (chars): {_f1(p >= best, y, w):.3f}")
    for name, b in sorted(zip(FEATURES, beta, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:<16} {b:+.3f}")
    fmt = lambda a: "(" + ", ".join(f"{v:.6g}" for v in a) + ")"  # noqa: E731
    OUT.write_text(
        '"""Weights of the flattened-text line model; written by ``python -m lagebild.ingest.train_lines``."""\n\n'
        f"# features: {', '.join(FEATURES)}\n"
        f"WEIGHTS = {fmt(beta)}\nMEAN = {fmt(mean)}\nSTD = {fmt(std)}\nTHRESHOLD = {best:.2f}\n",
        "utf-8",
    )
    print(f"wrote {OUT}")
    return 0


def _f1(pred: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    tp = float((w * (pred & (y == 1))).sum())
    fp = float((w * (pred & (y == 0))).sum())
    fn = float((w * (~pred & (y == 1))).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
