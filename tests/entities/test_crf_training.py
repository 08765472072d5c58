"""The CRF's training script repeats the shipped model: its defaults are the model's recorded
settings, and the word vectors and clusters come out the same on every run."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np

from lagebild.entities.model import CRF_DIR
from lagebild.training.ner_crf import kmeans, parser, settings
from lagebild.training.vectors import GERMEVAL_TRAIN, LER_TRAIN, train_vectors


def test_script_defaults_are_the_shipped_models_settings() -> None:
    meta = json.loads((CRF_DIR / "meta.json").read_text(encoding="utf-8"))
    recorded = {k: v for k, v in meta.items() if k not in ("train_seconds", "held_aside")}
    assert settings(parser().parse_args([]), meta["train_sentences"]) == recorded
    # must not hide a setting: a changed flag shows in what a run records
    assert settings(parser().parse_args(["--extra", "smartdata"]), 0)["extra"] == "smartdata"


def _tiny_corpus(data: Path) -> None:
    rng = random.Random(4)
    words = [f"wort{i}" for i in range(40)]
    (data / GERMEVAL_TRAIN).parent.mkdir(parents=True)
    (data / LER_TRAIN).parent.mkdir(parents=True)
    with gzip.open(data / GERMEVAL_TRAIN, "wt", encoding="utf-8") as fh:
        for _ in range(200):
            fh.writelines(f"{i + 1}\t{w}\tO\tO\n" for i, w in enumerate(rng.choices(words, k=8)))
            fh.write("\n")
    with gzip.open(data / LER_TRAIN, "wt", encoding="utf-8") as fh:
        fh.write("wort1 O\nwort2 O\n\n")


def test_vectors_and_clusters_repeat_on_the_same_text(tmp_path: Path) -> None:
    _tiny_corpus(tmp_path)
    first = train_vectors(tmp_path, tmp_path / "a.txt", dims=5, seed=0).read_text(encoding="utf-8")
    again = train_vectors(tmp_path, tmp_path / "b.txt", dims=5, seed=0).read_text(encoding="utf-8")
    assert first == again and len(first.splitlines()) == 41
    x = np.random.default_rng(1).normal(size=(300, 8))
    assert (kmeans(x, 12, seed=3) == kmeans(x, 12, seed=3)).all()
