"""Extra NER training sentences: gold spans win over the accurate tagger's, tags stay well formed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.entities.tagging import tags_to_spans
from lagebild.evaluation import shared_data_dir
from lagebild.training.ner_silver import _merge, _sentences_with_gold, read_tsv, smartdata_docs, write_tsv

_LABELS = st.sampled_from(["PER", "LOC", "ORG", "OTH", "LOCderiv"])


@st.composite
def _spans(draw: st.DrawFn, n: int) -> list[tuple[int, int, str]]:
    out = []
    for _ in range(draw(st.integers(0, 4))):
        s = draw(st.integers(0, n - 1))
        e = draw(st.integers(s + 1, min(n, s + 3)))
        out.append((s, e, draw(_LABELS)))
    return out


@given(st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), _spans(n), _spans(n))))
def test_merge_keeps_gold_and_only_non_overlapping_silver(case: tuple[int, list, list]) -> None:
    n, gold, silver = case
    tags = _merge(n, gold, silver)
    assert len(tags) == n
    merged = set(tags_to_spans(tags))
    kept_gold = set()
    for s, e, label in sorted(gold):  # the merge keeps the first of overlapping gold spans
        if not any(ks < e and s < ke for ks, ke, _ in kept_gold):
            kept_gold.add((s, e, label))
    assert kept_gold <= merged
    for s, e, _ in merged - kept_gold:  # everything else is silver that touches no kept gold span
        assert not any(gs < e and s < ge for gs, ge, _ in kept_gold)


def test_silver_fills_what_gold_leaves_open() -> None:
    # "Die deutsche Ethikbank streikt": gold ORG on 2, the tagger also found LOCderiv on 1 and a wrong PER on 2
    assert _merge(4, [(2, 3, "ORG")], [(1, 2, "LOCderiv"), (2, 3, "PER")]) == ["O", "B-LOCderiv", "B-ORG", "O"]


def test_tsv_round_trip(tmp_path: Path) -> None:
    sents = [(["Klaus", "Euler", "streikt"], ["B-PER", "I-PER", "O"]), (["In", "Erfurt"], ["O", "B-LOC"])]
    write_tsv(sents, tmp_path / "x.tsv")
    assert read_tsv(tmp_path / "x.tsv") == sents


_DATA = shared_data_dir()


@pytest.mark.skipif(not (_DATA / "smartdata_de_ner").exists(), reason="needs ../shared/data/smartdata_de_ner")
def test_smartdata_gold_aligns_to_tokens_and_skips_lower_case() -> None:
    import spacy

    docs = smartdata_docs(_DATA)
    assert docs and all(d["split"] == "train" and d["source"] in ("news", "rss") for d in docs)
    nlp = spacy.blank("de")
    n_spans = 0
    for doc in docs[:40]:
        for words, spans in _sentences_with_gold(nlp, doc):
            for s, e, _ in spans:
                assert 0 <= s < e <= len(words)
                assert words[s][:1].isupper()
                n_spans += 1
    assert n_spans > 50


def test_e5_type_vectors_average_per_lower_cased_word(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    import lagebild.entities.accurate.engine as engine_mod
    from lagebild.training.vectors import e5_type_vectors

    rng = np.random.default_rng(0)
    table = {w: rng.normal(size=8) for w in ("berlin", "wien", "sagte", "er", "in")}

    def fake_engine() -> object:  # stands in for the e5 encoder: one fixed state per lower-cased word
        return lambda batch: [np.array([table[w.lower()] for w in words]) for words in batch]

    monkeypatch.setattr(engine_mod, "load_engine", fake_engine)
    sents = [["Er", "sagte", "in", "Berlin"], ["in", "Wien", "sagte", "er"]]
    vecs = e5_type_vectors(sents, ["berlin", "wien", "sagte", "er", "in", "paris"], dims=3)
    assert vecs.shape == (6, 3)
    assert not vecs[5].any()  # never met: zero row
    assert np.allclose(np.linalg.norm(vecs[:5], axis=1), 1.0, atol=1e-6)


def test_news_sentences_split_lines_and_drop_short_ones() -> None:
    import spacy

    from lagebild.training.ner_silver import _news_sentences

    nlp = spacy.blank("de")
    text = "Kurz.\nDie Regierung in Wien hat am Montag neue Regeln beschlossen. Sie gelten ab Mai.\n\n"
    sents = list(_news_sentences(nlp, text))
    assert sents == [["Die", "Regierung", "in", "Wien", "hat", "am", "Montag", "neue", "Regeln", "beschlossen", "."],
                     ["Sie", "gelten", "ab", "Mai", "."]]


def test_warm_start_sources_every_component_with_the_training_scorer(tmp_path: Path) -> None:
    import spacy

    from lagebild.entities.model import MODEL_DIR, TRAINING_SCORER
    from lagebild.training.ner import warm_start

    init = warm_start(MODEL_DIR, tmp_path / "init", tmp_path / "config.cfg")
    cfg = spacy.util.load_config(tmp_path / "config.cfg")
    assert cfg["components"] == {name: {"source": str(init)} for name in cfg["nlp"]["pipeline"]}
    assert TRAINING_SCORER in (init / "config.cfg").read_text(encoding="utf-8")
    assert "spacy.tagger_scorer.v1" in (MODEL_DIR / "config.cfg").read_text(encoding="utf-8")  # the original is untouched


@pytest.mark.skipif(not (_DATA / "germeval2014_ner").exists(), reason="needs ../shared/data/germeval2014_ner")
def test_written_aside_sentences_are_the_held_aside_ones(tmp_path: Path) -> None:
    from lagebild.evaluation.ner import read_germeval
    from lagebild.training.ner import HELD_ASIDE, split_train, write_aside

    write_aside(_DATA, tmp_path / "aside.tsv")
    with (tmp_path / "aside.tsv").open(encoding="utf-8") as fh:
        written = [(s.tokens, s.outer) for s in read_germeval(fh)]
    train, aside = split_train(_DATA, tmp_path)
    assert len(written) == HELD_ASIDE and written == aside
    assert not {tuple(t) for t, _ in aside} & {tuple(t) for t, _ in train[:5000]}
