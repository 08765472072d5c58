"""Teacher features in the word vectors: types grouped right, and an extended model starts out unchanged."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lagebild.training.teacher_features import _type_groups, extend_pipeline

_MODEL = Path(__file__).resolve().parents[2] / "lagebild" / "models" / "ner-de"


def test_type_groups_sum_biluo_positions_per_type() -> None:
    types, group = _type_groups(("O", "B-PER", "I-PER", "L-PER", "U-LOCderiv"))
    assert types == ["O", "LOCderiv", "PER"]
    probs = np.array([[0.1, 0.2, 0.3, 0.1, 0.3]], np.float32)
    assert np.allclose(probs @ group, [[0.1, 0.3, 0.6]])


def _ents(model: Path, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    import spacy
    from spacy.tokens import Doc

    from lagebild.entities.tagging import recognise

    nlp = spacy.load(model)
    docs = recognise(nlp, [Doc(nlp.vocab, words=s) for s in sentences])
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]


def test_extended_model_predicts_what_the_old_one_did(tmp_path: Path) -> None:
    import spacy

    sentences = [["Angela", "Merkel", "besuchte", "am", "Montag", "die", "Stadt", "Paris", "."],
                 ["Der", "FC", "Bayern", "München", "gewann", "gegen", "Werder", "Bremen", "."]]
    vocab = sorted({w.lower() for s in sentences for w in s})
    rng = np.random.default_rng(0)
    feats = rng.random((len(vocab), 5)).astype(np.float32)
    extend_pipeline(_MODEL, tmp_path / "ext", vocab, feats, np.ones(len(vocab)))
    old, new = spacy.load(_MODEL), spacy.load(tmp_path / "ext")
    assert new.vocab.vectors.shape == (old.vocab.vectors.shape[0], old.vocab.vectors.shape[1] + 5)
    row = new.vocab.vectors.key2row[new.vocab.strings.add("paris")]
    assert np.allclose(new.vocab.vectors.data[row, -5:], feats[vocab.index("paris")])
    assert _ents(tmp_path / "ext", sentences) == _ents(_MODEL, sentences)


def test_missing_words_get_rows_of_their_own_up_to_the_cap(tmp_path: Path) -> None:
    import spacy

    old = spacy.load(_MODEL)
    known = "paris"
    missing = ["xqzburg", "yqzhausen", "wqzstadt"]
    assert all(old.vocab.strings.add(w) not in old.vocab.vectors.key2row for w in missing)
    vocab = [known, *missing]
    feats = np.arange(4 * 3, dtype=np.float32).reshape(4, 3) + 1
    priority = np.array([1.0, 1.5, 3.0, 0.0])  # the last word is never added
    extend_pipeline(_MODEL, tmp_path / "ext", vocab, feats, np.ones(4), priority, max_new=1)
    new = spacy.load(tmp_path / "ext")
    vectors, width = new.vocab.vectors, old.vocab.vectors.shape[1]
    assert vectors.shape == (old.vocab.vectors.shape[0] + 1, width + 3)
    row = vectors.key2row[new.vocab.strings.add("yqzhausen")]  # highest priority wins the one new row
    assert row == old.vocab.vectors.shape[0]
    assert np.allclose(vectors.data[row, :width], 0.0) and np.allclose(vectors.data[row, width:], feats[2])
    assert new.vocab.strings.add("xqzburg") not in vectors.key2row
    assert new.vocab.strings.add("wqzstadt") not in vectors.key2row
    sentences = [["Angela", "Merkel", "besuchte", "Paris", "."]]
    assert _ents(tmp_path / "ext", sentences) == _ents(_MODEL, sentences)
