"""The CRF tagger's features and its recogniser (a tiny model trained here on own sentences)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
import spacy

from lagebild.entities.crf import LEXICON_FILE, MODEL_FILE, CrfTagger, Featuriser, read_lexicon, recognise_crf, shape

pycrfsuite = pytest.importorskip("pycrfsuite")

_TRAIN = [
    ("Anna Berger wohnt in Hamburg .", "B-PER I-PER O O B-LOC O"),
    ("In Köln regnet es .", "O B-LOC O O O"),
    ("Karl Meier arbeitet für Siemens in Bremen .", "B-PER I-PER O O B-ORG O B-LOC O"),
    ("Die Stadt ist schön .", "O O O O O"),
    ("Laura Schmidt reist nach Kiel .", "B-PER I-PER O O B-LOC O"),
    ("Der Hund schläft .", "O O O O"),
]


def _model(tmp_path: Path) -> CrfTagger:
    with gzip.open(tmp_path / LEXICON_FILE, "wt", encoding="utf-8") as fh:
        fh.write("hamburg\tk0=1\tg=geo_city\nköln\tk0=1\tg=geo_city\nkiel\tk0=1\tg=geo_city\nbremen\tk0=1\tg=geo_city\n")
    feats = Featuriser(read_lexicon(tmp_path / LEXICON_FILE))
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in _TRAIN:
        trainer.append(feats.sentence(words.split()), tags.split())
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    trainer.train(str(tmp_path / MODEL_FILE))
    return CrfTagger(tmp_path)


def test_shape_collapses_runs_of_character_classes() -> None:
    assert shape("Berlin") == "Xx"
    assert shape("G7-Gipfel") == "Xd-Xx"
    assert shape("NATO") == "X"
    assert shape("2024") == "d"


def test_features_read_the_lexicon_the_neighbours_and_the_sentence_edges() -> None:
    feats = Featuriser({"hamburg": "k0=3\tg=geo_city"})
    first, middle, last = feats.sentence(["In", "Hamburg", "regnet"])
    assert "-1BOS" in first and "+1g=geo_city" in first
    assert "g=geo_city" in middle and "k0=3" in middle and "cap_known" in middle
    assert "-1w=in" in middle and "+1w=regnet" in middle
    assert "k=none" in last and "+1EOS" in last and "-2w=in" in last


def test_features_of_a_hyphenated_compound_name_its_parts() -> None:
    feats = Featuriser({"eu": "g=org"})
    own = feats.sentence(["EU-Kommission"])[0]
    assert {"hf=eu", "hl=kommission", "hg=org"} <= set(own)
    plain = feats.sentence(["Kommission"])[0]  # no hyphen: no part features
    assert not any(f.startswith(("hf=", "hl=")) for f in plain)


def test_recognise_sets_entities_and_skips_whitespace_tokens(tmp_path: Path) -> None:
    tagger = _model(tmp_path)
    nlp = spacy.blank("de")
    doc = next(recognise_crf(nlp, ["Karl Meier reist nach Kiel ."], tagger=tagger))
    assert [(e.text, e.label_) for e in doc.ents] == [("Karl Meier", "PER"), ("Kiel", "LOC")]
    # a line break inside the text is a whitespace token of its own; the CRF does not see it
    doc = next(recognise_crf(nlp, ["Der Hund schläft .\n\n  In Köln regnet es ."], tagger=tagger))
    assert [(e.text, e.label_) for e in doc.ents] == [("Köln", "LOC")]
    assert all(not t.is_space for e in doc.ents for t in e)


def test_empty_texts_give_empty_documents(tmp_path: Path) -> None:
    tagger = _model(tmp_path)
    docs = list(recognise_crf(spacy.blank("de"), ["", "   "], tagger=tagger))
    assert [len(d.ents) for d in docs] == [0, 0]
    assert np.array_equal(tagger.tag([]), [])


def test_the_word_cache_starts_afresh_past_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import lagebild.entities.crf as crf

    monkeypatch.setattr(crf, "_MAX_CACHE", 3)
    feats = Featuriser({})
    before = feats.sentence(["Ein", "Satz", "mit", "Wörtern"])
    assert len(feats._cache) == 4  # the cap is checked before a new word is added
    after = feats.sentence(["Noch", "einer"])
    assert len(feats._cache) == 2  # cleared once it held more than 3, then refilled
    assert feats.sentence(["Ein", "Satz", "mit", "Wörtern"]) == before and after


def test_two_parties_joined_by_und_become_two_spans() -> None:
    from lagebild.entities.crf import split_coordinated

    lexicon = {"grüne": "k0=1\tg=org_part", "linke": "g=org_part", "spd": "g=org"}
    tokens = "Nach der Wahl : Grüne und Linke kamen auf 11,6 und 8,8 Prozent .".split()
    assert split_coordinated(tokens, [(4, 7, "ORG")], lexicon) == [(4, 5, "ORG"), (6, 7, "ORG")]
    assert split_coordinated("SPD oder Linke".split(), [(0, 3, "ORG")], lexicon) == [(0, 1, "ORG"), (2, 3, "ORG")]


def test_one_organisation_named_with_und_keeps_its_span() -> None:
    from lagebild.entities.crf import split_coordinated

    lexicon = {"grüne": "g=org_part", "linke": "g=org_part", "bosnien": "g=country_part", "herzegowina": "g=country_part"}
    # words that are no organisation names of their own
    tokens = "Er leitet Forschung und Entwicklung bei Siemens .".split()
    assert split_coordinated(tokens, [(2, 5, "ORG")], lexicon) == [(2, 5, "ORG")]
    # a place is not split, whatever its words are
    assert split_coordinated("Bosnien und Herzegowina".split(), [(0, 3, "LOC")], lexicon) == [(0, 3, "LOC")]
    # longer spans are left alone ("Bündnis 90 und Die Grünen")
    assert split_coordinated("Bündnis 90 und Die Grünen".split(), [(0, 5, "ORG")], lexicon) == [(0, 5, "ORG")]
