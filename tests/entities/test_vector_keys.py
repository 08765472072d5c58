"""The PPMI word vectors (one row per lower-cased word) reach capitalised words after save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy
from spacy.vectors import Vectors

from lagebild.training.vectors import key_as_written


def _lower_cased_table(path: Path) -> None:
    nlp = spacy.blank("de")
    words = ["berlin", "die", "stadt", "und"]
    data = np.arange(len(words) * 4, dtype=np.float32).reshape(len(words), 4) + 1.0
    nlp.vocab.vectors = Vectors(data=data, keys=[nlp.vocab.strings.add(w) for w in words])
    nlp.to_disk(path)


def test_capitalised_forms_find_their_lower_case_row_after_save_and_load(tmp_path: Path) -> None:
    model = tmp_path / "model"
    _lower_cased_table(model)
    before = spacy.load(model)
    assert not before.vocab["Berlin"].has_vector  # the table is looked up by the form as written

    added = key_as_written(model, ["Berlin", "Die", "berlin", "und", "STADT", "Potsdam", "Berlin"])

    nlp = spacy.load(model)
    assert added == 3  # Berlin, Die, STADT; lower-case forms already have rows, Potsdam has none
    doc = nlp("Die Stadt Berlin und STADT Potsdam")
    vecs = {t.text: t for t in doc}
    assert vecs["Berlin"].has_vector
    assert np.array_equal(vecs["Berlin"].vector, nlp.vocab["berlin"].vector)
    assert np.array_equal(vecs["Die"].vector, nlp.vocab["die"].vector)
    assert np.array_equal(vecs["STADT"].vector, nlp.vocab["stadt"].vector)
    assert not vecs["Stadt"].has_vector  # not among the forms given
    assert not vecs["Potsdam"].has_vector  # no lower-cased row to share
    assert nlp.vocab.vectors.shape == before.vocab.vectors.shape  # keys share rows: no new vectors


def test_key_as_written_leaves_an_existing_form_key_alone(tmp_path: Path) -> None:
    model = tmp_path / "model"
    nlp = spacy.blank("de")
    data = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    nlp.vocab.vectors = Vectors(data=data, keys=[nlp.vocab.strings.add(w) for w in ("berlin", "Berlin")])
    nlp.to_disk(model)

    assert key_as_written(model, ["Berlin"]) == 0
    assert np.array_equal(spacy.load(model).vocab["Berlin"].vector, data[1])
