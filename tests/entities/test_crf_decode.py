"""The NumPy decoder gives crfsuite's own tags (the shipped model and a tiny one trained here)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from lagebild.entities import crf_decode
from lagebild.entities.crf import _PROBE, CRF_DIR, LEXICON_FILE, MODEL_FILE, Featuriser, load_crf, read_lexicon
from lagebild.entities.crf_decode import CrfDecoder, read_crfsuite

pycrfsuite = pytest.importorskip("pycrfsuite")

# the probe the tagger checks at load, and own sentences: a club, numbers, odd tokens, quotes
_SENTENCES = [
    *_PROBE,
    "Der FC Augsburg verlor gegen Werder Bremen mit 0:2 .",
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


def _germeval_dev(shared_data: Path) -> list[list[str]]:
    from lagebild.evaluation.ner import open_text, read_germeval

    gold = shared_data / "germeval2014_ner" / "NER-de-dev.tsv"
    if not gold.is_file():
        pytest.skip(f"GermEval 2014 dev not found at {gold}")
    with open_text(gold) as fh:
        return [list(s.tokens) for s in read_germeval(fh)]


def test_every_germeval_dev_sentence_gets_crfsuites_labels_also_with_a_word_cache_that_restarts(
        shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = _germeval_dev(shared_data)
    assert len(sentences) >= 1000
    feats = load_crf().featuriser
    expected = _crfsuite_tags(CRF_DIR / MODEL_FILE, feats, sentences)
    assert CrfDecoder(CRF_DIR / MODEL_FILE, feats._word).tag(sentences) == expected  # label sequences, not F1
    monkeypatch.setattr(crf_decode, "_MAX_WORDS", 300)  # restarts after nearly every batch of 37 sentences
    monkeypatch.setattr(crf_decode, "BATCH", 37)
    decoder = CrfDecoder(CRF_DIR / MODEL_FILE, feats._word)
    assert decoder.tag(sentences) == expected
    assert len(decoder._index) < 2000


def test_the_example_corpus_gets_crfsuites_labels(examples_dir: Path) -> None:
    from lagebild.entities.model import load_model

    nlp = load_model(str(CRF_DIR))
    sentences = [[t.text for t in nlp.make_doc(line) if not t.is_space]
                 for path in sorted(examples_dir.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    assert sum(map(len, sentences)) > 1000
    feats = load_crf().featuriser
    expected = _crfsuite_tags(CRF_DIR / MODEL_FILE, feats, sentences)
    assert CrfDecoder(CRF_DIR / MODEL_FILE, feats._word).tag(sentences) == expected


def test_unknown_words_odd_characters_and_lone_tokens_get_crfsuites_labels() -> None:
    feats = load_crf().featuriser
    sentences = [[], ["Xqzörtlbrandhuber"], ["Wqxvl", "Zzyrnbacher", "brolfte", "in", "Kjuvstrøm", "."],
                 ["ǂ", "🙂", "§§", "12.03.2031", "---", "Überlandleitungsmastenwartung"], [""], [], ["Berlin"]]
    expected = _crfsuite_tags(CRF_DIR / MODEL_FILE, feats, sentences)
    assert CrfDecoder(CRF_DIR / MODEL_FILE, feats._word).tag(sentences) == expected
    assert expected[0] == expected[-2] == [] and len(expected[4]) == 1


def test_a_model_file_the_decoder_cannot_read_is_an_error_not_wrong_weights(tmp_path: Path) -> None:
    buf = (CRF_DIR / MODEL_FILE).read_bytes()
    for name, data in [("cut.crfsuite", buf[: len(buf) // 2]), ("short.crfsuite", buf[:40]),
                       ("other.crfsuite", b"xCRF" + buf[4:])]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ValueError):
            read_crfsuite(tmp_path / name)


def test_a_model_the_decoder_cannot_read_is_tagged_by_crfsuite(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from lagebild.entities.crf import CrfTagger

    for name in (MODEL_FILE, LEXICON_FILE):
        (tmp_path / name).write_bytes((CRF_DIR / name).read_bytes())
    sentences = [s.split() for s in _SENTENCES]
    expected = CrfTagger(tmp_path).tag_many(sentences)

    def unreadable(path: Path) -> None:
        raise ValueError("another layout")

    monkeypatch.setattr(crf_decode, "read_crfsuite", unreadable)
    with caplog.at_level("WARNING"):
        fallback = CrfTagger(tmp_path)
    assert "tagging with crfsuite" in caplog.text
    assert fallback.tag_many(sentences) == expected and fallback.tag([]) == []


def test_a_decoder_whose_probe_tags_differ_from_crfsuites_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from lagebild.entities.crf import CrfTagger

    for name in (MODEL_FILE, LEXICON_FILE):
        (tmp_path / name).write_bytes((CRF_DIR / name).read_bytes())
    sentences = [s.split() for s in _SENTENCES]
    expected = CrfTagger(tmp_path).tag_many(sentences)
    monkeypatch.setattr(CrfDecoder, "tag", lambda self, s: [["O"] * len(x) for x in s])  # a misread model
    with caplog.at_level("WARNING"):
        fallback = CrfTagger(tmp_path)
    assert "probe tags differ" in caplog.text
    assert fallback.tag_many(sentences) == expected
