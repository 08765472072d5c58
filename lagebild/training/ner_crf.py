"""Train the CRF NER tagger (``lagebild.entities.crf``) from openly licensed data.

Usage (also ``make train-ner-crf``)::

    python -m lagebild.training.ner_crf [--data ../shared/data] [--out build/ner-crf] [--c1 0.05 --c2 0.01] [--seed 0] [--install]
    python -m lagebild.training.ner_crf --install-only build/ner-crf/model   # copy a trained model in

Data: the GermEval 2014 *train* split minus the 1,000 sentences ``lagebild.training.ner`` holds
aside (same shuffle); ``--extra smartdata`` adds the 3,751 SmartData v1 *train* news and RSS
sentences (gold PER/LOC/ORG completed by the accurate mode's labels, cached in OUT; measured,
not adopted). Features and c1/c2 are chosen on the held-aside sentences only; the official dev
file is scored with ``lagebild eval ner`` once per final candidate. The defaults are the
shipped model's settings (``models/ner-crf/meta.json``; about 20 CPU minutes on one core;
benchmarks/README.md, "Default NER model: a CRF"); every random step is seeded, so a rerun
writes the same lexicon and model.

The lexicon next to the model holds, per lower-cased word:

- cluster ids of PPMI word vectors (``lagebild.training.vectors``, GermEval train and LER text, both
  CC BY) at several granularities (k-means), the CRF's stand-in for Brown clusters;
- gazetteer hits: countries, regions and places over 15,000 inhabitants
  (``lagebild.training.gazetteer``), and the project's KB (``lagebild/data/kb``): country names,
  adjectives and demonyms, organisation names and abbreviations, towns, given names.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from lagebild.entities.crf import CRF_DIR, LEXICON_FILE, MODEL_FILE, CrfTagger, Featuriser, read_lexicon
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.ner import Scores
from lagebild.training.ner import Sentence, split_train

REPO = Path(__file__).resolve().parents[2]
KB_DIR = REPO / "lagebild" / "data" / "kb"
DEFAULT_CLUSTERS = (32, 128, 512, 2048)
VOCAB_SIZE = 100_000  # words kept for the vectors (those seen at least 3 times: 36,282)
_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
_DEMONYM_ENDINGS = ("", "n", "s", "en", "nen")


def kmeans(x: np.ndarray, k: int, iters: int = 20, seed: int = 0) -> np.ndarray:
    """Cluster ids of the rows of ``x`` (Lloyd's algorithm; empty clusters re-seeded at random)."""
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    ids = np.zeros(len(x), dtype=np.int64)
    rows = np.arange(len(x))
    for _ in range(iters):
        dist = (centres * centres).sum(axis=1)[None, :] - 2.0 * (x @ centres.T)
        ids = dist.argmin(axis=1)
        member = csr_matrix((np.ones(len(x), dtype=x.dtype), (ids, rows)), shape=(k, len(x)))
        counts = np.bincount(ids, minlength=k)
        sums = member @ x
        empty = counts == 0
        centres = sums / np.maximum(counts, 1)[:, None]
        centres[empty] = x[rng.integers(len(x), size=int(empty.sum()))]
    return ids


def word_clusters(data: Path, out: Path, sizes: Iterable[int], vocab_size: int = VOCAB_SIZE,
                  seed: int = 0) -> dict[str, list[str]]:
    """Per lower-cased word, ``k<i>=<cluster>`` at each granularity in ``sizes``.

    Every random step is seeded (the vectors' SVD with ``seed``, the k-means run at level ``i``
    with ``seed + i``), so the same text gives the same clusters.
    """
    from lagebild.training.vectors import read_text_vectors, train_vectors

    path = out / f"vectors-{vocab_size}-s{seed}.txt"
    if not path.exists():
        train_vectors(data, path, vocab_size=vocab_size, dims=64, seed=seed)
    words, vecs = read_text_vectors(path)
    table: dict[str, list[str]] = {w: [] for w in words}
    for level, k in enumerate(sizes):
        ids = kmeans(vecs, k, seed=seed + level)
        for w, c in zip(words, ids, strict=True):
            table[w].append(f"k{level}={c}")
    print(f"clusters: {len(words)} words at {list(sizes)}", file=sys.stderr)
    return table


def _kb_rows(name: str) -> Iterable[list[str]]:
    with (KB_DIR / name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def gazetteer_words() -> dict[str, set[str]]:
    """Per lower-cased word, its gazetteer tags (``g=country``, ``g=org``, ``g=given`` …)."""
    from lagebild.training.gazetteer import gazetteer_table

    tags: dict[str, set[str]] = {}

    def add(word: str, tag: str) -> None:
        if word:
            tags.setdefault(word.lower(), set()).add(tag)

    def names(field: str) -> list[str]:
        return [n for n in field.split(";") if n]

    for word, row in gazetteer_table().items():
        for col, tag in zip(row[:3], ("geo_country", "geo_city", "geo_part"), strict=True):
            if col:
                add(word, tag)
    for cols in _kb_rows("countries.tsv"):
        _id, _wd, name, aliases, adjectives, demonyms, capital = (cols + [""] * 7)[:7]
        for n in [name, *names(aliases)]:
            for tok in n.split():
                add(tok, "country" if len(n.split()) == 1 else "country_part")
        for adj in names(adjectives):
            for end in _ADJ_ENDINGS:
                add(adj + end, "adj")
        for dem in names(demonyms):
            for end in _DEMONYM_ENDINGS:
                add(dem + end, "demonym")
        for cap in capital.split("|"):
            add(cap, "capital")
    for file in ("organisations.tsv", "places.tsv", "world_cities.tsv", "endonyms.tsv", "historic.tsv"):
        for cols in _kb_rows(file):
            if len(cols) < 6:
                continue
            kind = cols[2].lower()
            for n in [cols[4], *names(cols[5])]:
                toks = n.split()
                for tok in toks:
                    if tok[:1].isupper():
                        add(tok, kind if len(toks) == 1 else f"{kind}_part")
    with (KB_DIR / "given_names.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                add(line.strip(), "given")
    return tags


def build_lexicon(data: Path, out: Path, sizes: Iterable[int], gazetteer: bool = True, cache: Path | None = None,
                  vocab_size: int = VOCAB_SIZE, seed: int = 0) -> Path:
    """Write the lexicon (word TAB feature TAB …, gzip) to ``out`` and return its path; the word
    vectors are cached in ``cache`` (default ``out``)."""
    sizes = list(sizes)
    path = out / LEXICON_FILE
    cached = (cache or out) / f"lexicon-{'-'.join(map(str, sizes)) or 'none'}-{int(gazetteer)}-{vocab_size}-s{seed}.tsv.gz"
    if cached.exists():
        shutil.copy2(cached, path)
        return path
    table = word_clusters(data, cache or out, sizes, vocab_size, seed) if sizes else {}
    if gazetteer:
        for word, tags in gazetteer_words().items():
            table.setdefault(word, []).extend(f"g={t}" for t in sorted(tags))
    # mtime 0: the same table gives the same bytes (gzip would stamp the time of writing)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for word in sorted(table):
            if table[word] and "\t" not in word and "\n" not in word:
                fh.write(word + "\t" + "\t".join(table[word]) + "\n")
    shutil.copy2(path, cached)
    print(f"lexicon: {len(table)} words -> {path}", file=sys.stderr)
    return path


def train(sentences: list[Sentence], featuriser: Featuriser, model: Path, *, c1: float, c2: float,
          iterations: int) -> None:
    """Fit the CRF by L-BFGS with L1 (``c1``, keeps the model small) and L2 (``c2``) penalties."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(featuriser.sentence(tokens), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model))


def score(tagger: CrfTagger, sentences: list[Sentence]) -> tuple[Scores, float]:
    """Outer-chunk scores on ``sentences`` and tokens per CPU second of the tagger."""
    scores = Scores()
    t0 = time.process_time()
    predicted = [tagger.tag(tokens) for tokens, _ in sentences]
    elapsed = time.process_time() - t0
    for (_tokens, gold), pred in zip(sentences, predicted, strict=True):
        scores.add(gold, pred)
    n = sum(len(t) for t, _ in sentences)
    return scores, n / max(elapsed, 1e-9)


def install(model_dir: Path, target: Path = CRF_DIR) -> None:
    """Copy the model and lexicon into the package (the README is written by hand)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (MODEL_FILE, LEXICON_FILE, "meta.json"):
        shutil.copy2(model_dir / name, target / name)
    print(f"installed {model_dir} -> {target}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    """The command line; its defaults are the shipped model's settings (``models/ner-crf/meta.json``)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=shared_data_dir())
    ap.add_argument("--out", type=Path, default=REPO / "build" / "ner-crf")
    ap.add_argument("--extra", choices=("none", "smartdata"), default="none")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--clusters", default=",".join(map(str, DEFAULT_CLUSTERS)),
                    help="k-means granularities of the word-vector clusters ('' for none)")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--train-sample", type=int, default=0, help="train on this many sentences only (quick ablations)")
    ap.add_argument("--name", default="model", help="subdirectory of OUT for this candidate")
    ap.add_argument("--install", action="store_true", help="copy the trained model into lagebild/models/ner-crf")
    ap.add_argument("--install-only", type=Path, default=None)
    ap.add_argument("--vocab-size", type=int, default=VOCAB_SIZE, help="words with a vector (the most frequent)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the vectors' SVD and of the k-means runs")
    return ap


def settings(args: argparse.Namespace, train_sentences: int) -> dict[str, object]:
    """What ``meta.json`` records of a run: enough to repeat it with ``--flag value`` per key."""
    return {"train_sentences": train_sentences, "extra": args.extra, "c1": args.c1, "c2": args.c2,
            "iterations": args.iterations, "clusters": [int(k) for k in args.clusters.split(",") if k],
            "gazetteer": not args.no_gazetteer, "vocab_size": args.vocab_size, "seed": args.seed}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.install_only:
        install(args.install_only)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    train_sents, aside = split_train(args.data, args.out, extra=args.extra)
    if args.train_sample:
        train_sents = random.Random(1).sample(train_sents, args.train_sample)
    sizes = [int(k) for k in args.clusters.split(",") if k]
    model_dir = args.out / args.name
    model_dir.mkdir(parents=True, exist_ok=True)
    lex_path = build_lexicon(args.data, model_dir, sizes, gazetteer=not args.no_gazetteer, cache=args.out,
                             vocab_size=args.vocab_size, seed=args.seed)
    featuriser = Featuriser(read_lexicon(lex_path))
    t0 = time.time()
    train(train_sents, featuriser, model_dir / MODEL_FILE, c1=args.c1, c2=args.c2, iterations=args.iterations)
    meta = {**settings(args, len(train_sents)), "train_seconds": round(time.time() - t0)}
    scores, speed = score(CrfTagger(model_dir), aside)
    p, r, f = scores.overall()
    meta["held_aside"] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(scores.table())
    print(f"held-aside F1 {f:.4f} (P {p:.4f}, R {r:.4f}); {speed:,.0f} tokens per CPU second; {meta}")
    if args.install:
        install(model_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
