"""Train the line model of the flattened-text boilerplate filter (two logistic regressions).

Data, flattened to all their visible text exactly as ``lagebild eval boilerplate`` does:

- the scrapinghub article-extraction pages (full gold article bodies): a line is main text
  when ≥ 80 % of its tokens are in the gold body; lines weigh their length (that benchmark
  counts characters);
- the TUNING half of the trafilatura evaluation pages (``lagebild.evaluation.boilerplate.half_of``):
  a line holding a snippet that must appear is main text, one holding a snippet that must not
  appear is boilerplate, other lines are unlabelled; each snippet weighs the same. The
  HELD-OUT half is never read here: it is the report set.

The rules run first (``plan(use_model=False)``); the model then decides every line the rules
kept or removed for layout reasons only. Pass 1 sees the line, its neighbours and its place
relative to the main block (distance, body-text density, word overlap with the block and the
title); pass 2 adds pass 1's probabilities of the neighbouring lines. The threshold is chosen by
two-fold cross-validation inside the tuning half (snippet lines), then both passes are refit on
all training data.

Usage: .venv/bin/python -m lagebild.ingest.train_lines ../shared/data/scrapinghub_article_extraction ../shared/data/trafilatura_evalset
Writes lagebild/ingest/line_weights.py (a few kilobytes of numbers).
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lagebild.ingest.boilerplate import (
    CONTEXT_FEATURES,
    FEATURES,
    context_features,
    line_features,
    main_body_lines,
    model_candidates,
    plan,
)

OUT = Path(__file__).with_name("line_weights.py")
#: share of the total training weight given to the snippet-labelled (trafilatura tuning) lines
SNIPPET_SHARE = 0.5
L2 = 1e-3
#: thresholds whose cross-validated F1 is this close to the best count as equally good
F1_TOLERANCE = 0.005


@dataclass
class Page:
    """One flattened page: features of all lines, and the labelled candidate lines."""

    source: str  # "scrapinghub" | "snippets"
    fold: int  # 0/1 inside the tuning half (cross-validation), -1 for scrapinghub
    feats: np.ndarray
    idx: np.ndarray  # labelled candidate line indices
    y: np.ndarray
    w: np.ndarray
    body: np.ndarray  # per labelled line: a body paragraph of the main block (judged with ``THRESHOLD_BODY``)


def _fold(key: str) -> int:
    return hashlib.sha256(("boilerplate-fold:" + key).encode("utf-8")).digest()[0] % 2


def _norm(s: str) -> str:
    return " ".join(s.split())


def _page(flat: str, source: str, fold: int, label: dict[int, tuple[float, float]] | None = None,
          body: str | None = None) -> Page | None:
    from lagebild.evaluation.boilerplate import line_labels

    p = plan(flat, use_model=False)
    block = p.meta.get("_block")
    if not block:
        return None
    title_i = p.meta.get("title_line")
    feats = np.array(line_features(p.lines, *block, title_i), dtype=float)
    cands = model_candidates(p.lines, title_i)
    idx, ys, ws = [], [], []
    if body is not None:
        labels = line_labels(flat, body)
        for i in cands:
            idx.append(i)
            ys.append(1.0 if labels[i][1] else 0.0)
            ws.append(float(len(p.lines[i].text)))
    else:
        assert label is not None
        cand = set(cands)
        for i, (y, w) in sorted(label.items()):
            if i in cand:
                idx.append(i)
                ys.append(y)
                ws.append(w)
    if not idx:
        return None
    body_lines = set(main_body_lines(p.lines, *block))
    return Page(source, fold, feats, np.array(idx), np.array(ys), np.array(ws), np.array([i in body_lines for i in idx]))


def snippet_labels(lines: list[str], with_: list[str], without: list[str]) -> dict[int, tuple[float, float]]:
    """Label the lines holding a gold snippet: {line index: (label, weight)}; a snippet in k lines weighs 1/k each."""
    normed = [_norm(s) for s in lines]
    out: dict[int, tuple[float, float]] = {}
    for snippets, y in ((without, 0.0), (with_, 1.0)):
        for s in snippets:
            s = _norm(s)
            hits = [i for i, ln in enumerate(normed) if s and s in ln]
            for i in hits:
                out[i] = (y, 1.0 / len(hits))
    return out


def collect(scrapinghub: Path, trafilatura: Path) -> list[Page]:
    """Flatten and plan every training page (scrapinghub, trafilatura tuning half)."""
    from lagebild.evaluation.boilerplate import _scrapinghub_pages, _trafilatura_pages

    pages: list[Page] = []
    for _key, flat, gold in _scrapinghub_pages(scrapinghub):
        pg = _page(flat, "scrapinghub", -1, body=gold["body"])
        if pg:
            pages.append(pg)
    for key, flat, gold in _trafilatura_pages(trafilatura, "tuning"):
        lines = [ln.strip() for ln in flat.splitlines() if ln.strip()]
        pg = _page(flat, "snippets", _fold(key), label=snippet_labels(lines, gold["with"], gold["without"]))
        if pg:
            pages.append(pg)
    return pages


def _weights(pages: list[Page]) -> list[np.ndarray]:
    """Per-page weights: each source normalised to its share of the total."""
    tot = {s: sum(p.w.sum() for p in pages if p.source == s) for s in ("scrapinghub", "snippets")}
    share = {"scrapinghub": 1.0 - SNIPPET_SHARE, "snippets": SNIPPET_SHARE}
    if not tot["snippets"]:
        share["scrapinghub"] = 1.0
    return [p.w * share[p.source] / tot[p.source] for p in pages]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, *, l2: float = L2, steps: int = 3000,
        lr: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit a weighted, L2-regularised logistic regression by gradient descent on standardised features."""
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    std[std == 0] = 1.0
    z = (x - mean) / std
    w = w / w.sum()
    beta = np.zeros(x.shape[1])
    # Adam steps: the features are standardised but correlated, plain gradient descent converges slowly
    m = np.zeros_like(beta)
    v = np.zeros_like(beta)
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + l2 * np.r_[0.0, beta[1:]]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        beta -= 0.05 * lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return beta, mean, std


def _predict(x: np.ndarray, model: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    beta, mean, std = model
    return 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / std) @ beta, -30, 30)))


def train(pages: list[Page]) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Fit pass 1, then pass 2 on pass 1's (in-sample) neighbour probabilities."""
    ws = _weights(pages)
    x1 = np.vstack([p.feats[p.idx] for p in pages])
    y = np.concatenate([p.y for p in pages])
    w = np.concatenate(ws)
    m1 = fit(x1, y, w)
    x2 = np.vstack([stage2(p, m1)[p.idx] for p in pages])
    m2 = fit(x2, y, w)
    return m1, m2


def stage2(page: Page, m1: tuple[np.ndarray, ...]) -> np.ndarray:
    """Return the pass-2 features of every line of ``page``."""
    p1 = _predict(page.feats, m1)  # type: ignore[arg-type]
    return np.hstack([page.feats, np.array(context_features([float(v) for v in p1]))])


def predict(page: Page, models: tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]) -> np.ndarray:
    m1, m2 = models
    return _predict(stage2(page, m1), m2)  # type: ignore[arg-type]


def snippet_pr(pages: list[Page], probs: list[np.ndarray], t: float, t_body: float) -> tuple[float, float]:
    """Precision and recall over labelled snippet lines (weights as counted by the snippet benchmark)."""
    tp = fp = fn = 0.0
    for p, pr in zip(pages, probs, strict=True):
        keep = pr[p.idx] >= np.where(p.body, t_body, t)
        tp += float((p.w * (keep & (p.y == 1))).sum())
        fp += float((p.w * (keep & (p.y == 0))).sum())
        fn += float((p.w * (~keep & (p.y == 1))).sum())
    return tp / max(tp + fp, 1e-9), tp / max(tp + fn, 1e-9)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    pages = collect(Path(argv[0]), Path(argv[1]))
    snip = [p for p in pages if p.source == "snippets"]
    print(f"pages: {len(pages) - len(snip)} scrapinghub, {len(snip)} trafilatura tuning half")
    # two-fold cross-validation inside the tuning half: choose the threshold on unseen pages
    cv_pages, cv_probs = [], []
    for fold in (0, 1):
        train_set = [p for p in pages if p.fold != fold]
        test = [p for p in snip if p.fold == fold]
        models = train(train_set)
        cv_pages += test
        cv_probs += [predict(p, models) for p in test]
    grid = np.round(np.arange(0.2, 0.81, 0.025), 3)
    body_grid = np.round(np.arange(0.0, 0.51, 0.05), 3)
    scored = [(t, tb, *snippet_pr(cv_pages, cv_probs, t, tb)) for t in grid for tb in body_grid if tb <= t]
    f1 = {r: 2 * r[2] * r[3] / max(r[2] + r[3], 1e-9) for r in scored}
    top = max(f1.values())
    # F1 is flat near its maximum (cross-validation noise ~0.005): of the near-best thresholds take
    # the highest, i.e. trust the rules' layout removals unless the model is clearly sure
    best = max((r for r in scored if f1[r] >= top - F1_TOLERANCE), key=lambda r: (r[0], r[1]))
    print("threshold  P(cv)  R(cv)   (tuning-half snippet lines, 2-fold cross-validation, best body threshold)")
    for t in grid[::2]:
        row = max((r for r in scored if r[0] == t), key=lambda r: 2 * r[2] * r[3] / max(r[2] + r[3], 1e-9))
        print(f"  {t:.3f}    {row[2]:.3f}  {row[3]:.3f}  (body {row[1]:.2f})")
    print(f"chosen thresholds {best[0]:.3f} (body paragraphs {best[1]:.3f}): cross-validated P {best[2]:.3f} R {best[3]:.3f}")
    m1, m2 = train(pages)
    for name, b in sorted(zip(FEATURES + CONTEXT_FEATURES, m2[0], strict=True), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {name:<16} {b:+.3f}")
    fmt = lambda a: "(" + ", ".join(f"{v:.6g}" for v in a) + ")"  # noqa: E731
    OUT.write_text(
        '"""Weights of the flattened-text line model; written by ``python -m lagebild.ingest.train_lines``."""\n\n'
        f"# pass 1 features: {', '.join(FEATURES)}\n"
        f"WEIGHTS1 = {fmt(m1[0])}\nMEAN1 = {fmt(m1[1])}\nSTD1 = {fmt(m1[2])}\n"
        f"# pass 2 features: pass 1 features, {', '.join(CONTEXT_FEATURES)}\n"
        f"WEIGHTS2 = {fmt(m2[0])}\nMEAN2 = {fmt(m2[1])}\nSTD2 = {fmt(m2[2])}\n"
        f"THRESHOLD = {best[0]:.3f}\nTHRESHOLD_BODY = {best[1]:.3f}\n",
        "utf-8",
    )
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
