"""The BILUO decoder: well-formed spans, and the same optimum as a plain K×K Viterbi search."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.entities.tagging import decode_biluo, tags_to_spans

TYPES = ("PER", "LOC", "ORGpart")
BILUO = ("O", *tuple(f"{h}-{t}" for t in TYPES for h in "BILU"))
IOB = ("O", *tuple(f"{h}-{t}" for t in TYPES for h in "BI"))


def _allowed(prev: str, nxt: str, biluo: bool) -> bool:
    ph, _, pt = prev.partition("-")
    nh, _, nt = nxt.partition("-")
    if nh in ("I", "L"):
        return ph in ("B", "I") and pt == nt
    return not biluo or ph in ("O", "L", "U")


def _reference(logp: np.ndarray, labels: tuple[str, ...]) -> float:
    """Best score of a well-formed sequence, by the textbook Viterbi over all tag pairs."""
    biluo = "U-PER" in labels
    ok_first = np.array([lab[0] in "OBU" for lab in labels])
    ok_last = np.array([(not biluo) or lab[0] in "OLU" for lab in labels])
    trans = np.array([[_allowed(a, b, biluo) for b in labels] for a in labels])
    best = np.where(ok_first, logp[0], -np.inf)
    for t in range(1, len(logp)):
        best = np.max(np.where(trans, best[:, None], -np.inf), axis=0) + logp[t]
    return float(np.max(np.where(ok_last, best, -np.inf)))


def _well_formed(tags: list[str], biluo: bool) -> bool:
    prev = "O"
    for tag in tags:
        if not _allowed(prev, tag, biluo):
            return False
        prev = tag
    return not biluo or prev[0] in "OLU"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=5), st.booleans(), st.integers(0, 2**31 - 1))
def test_decoder_finds_the_best_well_formed_sequence(lengths: list[int], biluo: bool, seed: int) -> None:
    labels = BILUO if biluo else IOB
    rng = np.random.default_rng(seed)
    scores = [rng.dirichlet(np.ones(len(labels)) * 0.3, size=n).astype(np.float32) for n in lengths]
    paths = decode_biluo(scores, labels)
    assert [len(p) for p in paths] == lengths
    for probs, path in zip(scores, paths, strict=True):
        logp = np.log(np.maximum(probs, 1e-12))
        tags = [labels[i] for i in path]
        assert _well_formed(tags, biluo), tags
        got = float(sum(logp[t, i] for t, i in enumerate(path)))
        assert abs(got - _reference(logp, labels)) < 1e-3


def test_decoder_handles_empty_batches_and_sentences() -> None:
    assert decode_biluo([], BILUO) == []
    one = np.full((1, len(BILUO)), 1.0 / len(BILUO), dtype=np.float32)
    assert decode_biluo([np.zeros((0, len(BILUO)), dtype=np.float32), one], BILUO)[0] == []


def test_spans_from_tags_repair_ill_formed_runs() -> None:
    assert tags_to_spans(["B-PER", "I-PER", "L-PER", "O", "U-LOC"]) == [(0, 3, "PER"), (4, 5, "LOC")]
    assert tags_to_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG")]
    assert tags_to_spans(["I-PER", "L-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]
    assert tags_to_spans([]) == []


def test_pipeline_is_reloaded_when_its_vocabulary_outgrows_the_cap(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lagebild.entities import model as model_module

    first = model_module.model_for_next_document()
    assert model_module.model_for_next_document() is first  # cached while small
    monkeypatch.setattr(model_module, "MAX_VOCAB_ENTRIES", len(first.vocab) - 1)
    second = model_module.model_for_next_document()
    assert second is not first
    assert len(second.vocab) <= len(first.vocab)


def test_confident_well_formed_tags_are_kept_as_they_are() -> None:
    tags = ["O", "B-PER", "I-PER", "L-PER", "O", "U-LOC", "O"]
    probs = np.full((len(tags), len(BILUO)), 0.01, dtype=np.float32)
    for t, tag in enumerate(tags):
        probs[t, BILUO.index(tag)] = 0.9
    ill_formed = probs.copy()
    ill_formed[3] = 0.01
    ill_formed[3, BILUO.index("O")] = 0.5  # B-PER I-PER O: the decoder must still close the span
    ill_formed[3, BILUO.index("L-PER")] = 0.4
    good, repaired = decode_biluo([probs, ill_formed], BILUO)
    assert [BILUO[i] for i in good] == tags
    assert [BILUO[i] for i in repaired] == tags
