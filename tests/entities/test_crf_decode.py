"""The NumPy decoder gives crfsuite's own tags (the shipped model and a tiny one trained here)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from lagebild.entities import crf_decode
from lagebild.entities.crf import CRF_DIR, LEXICON_FILE, MODEL_FILE, Featuriser, load_crf, read_lexicon
from lagebild.entities.crf_decode import CrfDecoder, read_crfsuite

pycrfsuite = pytest.importorskip("pycrfsuite")

# own sentences: names, places, organisations, a hyphenated compound, one word, odd tokens
_SENTENCES = [
    "Die Bürgermeisterin Petra Albers eröffnete am Montag in Lüneburg das neue Hallenbad .",
    "Nach Angaben der Deutschen Bahn fielen zwischen Hannover und Göttingen mehrere ICE-Züge aus .",
    "Der FC Augsburg verlor gegen Werder Bremen mit 0:2 .",
    "Hallo",
    "„ Wir prüfen das “ , sagte ein Sprecher des Umweltministeriums in Mainz .",
    "Die EU-Kommission und die Weltbank stellen 3,5 Milliarden Euro bereit ; Kritik kam von Greenpeace .",
    "+++ Eilmeldung +++",
]


def _crfsuite_tags(model: Path, feats: Featuriser, sentences: list[list[str]]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [list(tagger.tag(feats.sentence(s))) if s else [] for s in sentences]


def test_the_shipped_model_decodes_as_crfsuite_does() -> None:
    feats = load_crf().featuriser
    sentences = [s.split() for s in _SENTENCES] + [[]]
    decoder = CrfDecoder(CRF_DIR / MODEL_FILE, feats._word)
    expected = _crfsuite_tags(CRF_DIR / MODEL_FILE, feats, sentences)
    assert decoder.tag(sentences) == expected
    assert decoder.tag(sentences[::-1]) == expected[::-1]  # batch order and company change nothing
    assert any(t != "O" for tags in expected for t in tags)


def test_a_small_trained_model_decodes_as_crfsuite_does_also_after_the_word_cache_restarts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with gzip.open(tmp_path / LEXICON_FILE, "wt", encoding="utf-8") as fh:
        fh.write("hamburg\tk0=1\tg=geo_city\nkiel\tk0=1\tg=geo_city\n")
    feats = Featuriser(read_lexicon(tmp_path / LEXICON_FILE))
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in [("Anna Berger wohnt in Hamburg .", "B-PER I-PER O O B-LOC O"),
                        ("Karl Meier arbeitet für Siemens in Kiel .", "B-PER I-PER O O B-ORG O B-LOC O"),
                        ("Der Hund schläft .", "O O O O")]:
        trainer.append(feats.sentence(words.split()), tags.split())
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 30})
    trainer.train(str(tmp_path / MODEL_FILE))
    sentences = [s.split() for s in ["Laura Schmidt reist nach Hamburg .", "In Kiel regnet es .", "Siemens", "Der Hund ."]]
    expected = _crfsuite_tags(tmp_path / MODEL_FILE, feats, sentences)
    monkeypatch.setattr(crf_decode, "_MAX_WORDS", 5)  # a sentence per batch, the cache full after each: restarts on the way
    monkeypatch.setattr(crf_decode, "BATCH", 1)
    decoder = CrfDecoder(tmp_path / MODEL_FILE, feats._word)
    assert decoder.tag(sentences) == expected
    assert len(decoder._index) <= 6  # the last sentence's words only


def test_the_weights_are_read_exactly_not_as_the_rounded_text_dump() -> None:
    labels, attrs, state, trans = read_crfsuite(CRF_DIR / MODEL_FILE)
    info = pycrfsuite.Tagger()
    info.open(str(CRF_DIR / MODEL_FILE))
    assert labels == info.labels()
    dump = info.info()
    (attr, label), weight = next(iter(dump.state_features.items()))
    assert state[attrs[attr], labels.index(label)] == pytest.approx(weight, abs=1e-6)
    assert not np.any(state[-1])  # the row of an unknown attribute adds nothing
    assert trans.shape == (len(labels), len(labels))


def test_the_crf_pipeline_computes_only_whitespace_for_new_words_and_still_finds_it() -> None:
    from spacy.attrs import IS_SPACE

    from lagebild.entities.model import load_model

    nlp = load_model(str(CRF_DIR))
    assert set(nlp.vocab.lex_attr_getters) == {IS_SPACE}
    doc = nlp.make_doc("Quarzsandgrubenbetreiberin Frieda Olms\n\n sprach .")  # new word forms, a line break
    assert [t.is_space for t in doc] == [False, False, False, True, False, False]
