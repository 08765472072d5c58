"""Train the accurate NER head: a small network over frozen multilingual-e5-small word states.

``python -m lagebild.training.ner_accurate [--data ../shared/data] [--train-sentences 4000]``

Word vectors are the mean of encoder layers 5–8 (``lagebild.entities.accurate.engine``); the head
is one hidden layer and a softmax over BILUO tags of the GermEval 2014 outer level, decoded with
the same constrained Viterbi search as the default tagger. The GermEval **train** file is
shuffled as for the default model (seed 13) and its first 1,000 sentences are held aside to choose
the hidden size and the number of epochs; the official dev file is used for nothing here (score it
with ``lagebild eval ner --accurate``). Encoder states are cached in ``--work`` so a second run
only trains the head.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
from pathlib import Path

import numpy as np

from lagebild.entities.accurate.head import HEAD_DIR, Head, labels_for, window
from lagebild.entities.tagging import decode_biluo, tags_to_spans
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.ner import read_germeval

GERMEVAL_TRAIN = "germeval2014_ner/NER-de-train.normalized.tsv.gz"
HELD_ASIDE = 1000


def _sentences(path: Path) -> list[tuple[list[str], list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [(s.tokens, s.outer) for s in read_germeval(fh)]


def _biluo(tags: list[str]) -> list[str]:
    from spacy.training import iob_to_biluo

    return list(iob_to_biluo(tags))


def _features(sents: list[tuple[list[str], list[str]]], cache: Path, chunk: int = 1000) -> list[np.ndarray]:
    """Encoder states of every sentence, cached per ``chunk`` sentences as ``{cache}-{k}.npz``."""
    out: list[np.ndarray] = []
    t0 = time.perf_counter()
    for start in range(0, len(sents), chunk):
        part = sents[start:start + chunk]
        path = cache.parent / f"{cache.name}-{start // chunk}-{len(part)}.npz"
        if path.exists():
            data = np.load(path)
            out.extend(np.split(data["x"].astype(np.float32), np.cumsum(data["lens"])[:-1]))
            continue
        from lagebild.entities.accurate.engine import load_engine

        engine = load_engine()
        states: list[np.ndarray] = []
        for k in range(0, len(part), 64):
            states.extend(engine([s[0] for s in part[k:k + 64]]))
        np.savez(path, x=np.concatenate(states).astype(np.float16), lens=np.array([len(x) for x in states]))
        out.extend(states)
        print(f"  states {start + len(part)}/{len(sents)} sentences, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out


def _f1(head: Head, feats: list[np.ndarray], sents: list[tuple[list[str], list[str]]]) -> float:
    probs = [head.probabilities(x) for x in feats]
    paths = decode_biluo(probs, head.labels)
    tp = npred = ngold = 0
    for path, (_toks, gold) in zip(paths, sents, strict=True):
        pred = {tuple(s) for s in tags_to_spans([head.labels[i] for i in path])}
        gold_spans = {tuple(s) for s in tags_to_spans(gold)}
        tp += len(pred & gold_spans)
        npred += len(pred)
        ngold += len(gold_spans)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def train_head(x: np.ndarray, y: np.ndarray, n_labels: int, hidden: int, epochs: int, seed: int = 13,
               lr: float = 2e-3, batch: int = 256, on_epoch=None) -> Head:  # type: ignore[no-untyped-def]
    """Adam on cross-entropy; one ReLU hidden layer (``hidden=0``: a linear softmax)."""
    rng = np.random.default_rng(seed)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-5
    xs = (x - mean) / std
    d = x.shape[1]
    params: dict[str, np.ndarray] = {}
    if hidden:
        params["w1"] = rng.normal(0, np.sqrt(2 / d), (d, hidden)).astype(np.float32)
        params["b1"] = np.zeros(hidden, np.float32)
        params["w2"] = rng.normal(0, np.sqrt(1 / hidden), (hidden, n_labels)).astype(np.float32)
    else:
        params["w2"] = rng.normal(0, np.sqrt(1 / d), (d, n_labels)).astype(np.float32)
    params["b2"] = np.zeros(n_labels, np.float32)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(v) for k, v in params.items()}
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(len(xs))
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            xb, yb = xs[idx], y[idx]
            if hidden:
                h_pre = xb @ params["w1"] + params["b1"]
                h = np.maximum(h_pre, 0)
            else:
                h = xb
            logits = h @ params["w2"] + params["b2"]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(yb)), yb] -= 1
            g_logits = p / len(yb)
            grads = {"w2": h.T @ g_logits + 1e-5 * params["w2"], "b2": g_logits.sum(axis=0)}
            if hidden:
                g_h = (g_logits @ params["w2"].T) * (h_pre > 0)
                grads["w1"] = xb.T @ g_h + 1e-5 * params["w1"]
                grads["b1"] = g_h.sum(axis=0)
            step += 1
            for key, g in grads.items():
                m[key] = 0.9 * m[key] + 0.1 * g
                v[key] = 0.999 * v[key] + 0.001 * g * g
                mh = m[key] / (1 - 0.9 ** step)
                vh = v[key] / (1 - 0.999 ** step)
                params[key] -= lr * mh / (np.sqrt(vh) + 1e-8)
        if on_epoch is not None:
            on_epoch(epoch + 1, Head.from_params(params, mean, std))
    return Head.from_params(params, mean, std)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=shared_data_dir())
    ap.add_argument("--work", type=Path, default=Path("/tmp/lagebild-ner-accurate"))
    ap.add_argument("--train-sentences", type=int, default=4000)
    ap.add_argument("--hidden", type=int, nargs="+", default=[0, 256])
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--context", type=int, default=0, help="neighbour states appended on each side")
    ap.add_argument("--install", action="store_true", help=f"write the best head to {HEAD_DIR}")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sents = _sentences(args.data / GERMEVAL_TRAIN)
    random.Random(13).shuffle(sents)
    aside, train = sents[:HELD_ASIDE], sents[HELD_ASIDE:HELD_ASIDE + args.train_sentences]
    print(f"train {len(train)} sentences, held aside {len(aside)}", file=sys.stderr)
    x_aside = _features(aside, args.work / "aside")
    x_train = _features(train, args.work / "train")
    labels = labels_for([t for _, tags in train for t in _biluo(tags)])
    index = {lab: i for i, lab in enumerate(labels)}
    x = np.concatenate([window(s, args.context) for s in x_train])
    y = np.array([index.get(t, index["O"]) for _, tags in train for t in _biluo(tags)], dtype=np.int64)
    best: tuple[float, int, int, Head | None] = (-1.0, 0, 0, None)
    for hidden in args.hidden:
        def report(epoch: int, head: Head, hidden: int = hidden) -> None:
            nonlocal best
            head.labels, head.context = labels, args.context
            f1 = _f1(head, x_aside, aside)
            print(f"hidden {hidden} epoch {epoch}: held-aside F1 {f1:.4f}", file=sys.stderr)
            if f1 > best[0]:
                best = (f1, hidden, epoch, head)
        train_head(x, y, len(labels), hidden, args.epochs, on_epoch=report)
    f1, hidden, epoch, head = best
    print(f"best: hidden {hidden}, epoch {epoch}, held-aside F1 {f1:.4f}", file=sys.stderr)
    if args.install and head is not None:
        head.save(HEAD_DIR, {"hidden": hidden, "epochs": epoch, "train_sentences": len(train), "context": args.context,
                             "held_aside_f1": round(f1, 4), "layers": "5-8"})
        print(f"installed {HEAD_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
