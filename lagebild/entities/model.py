"""Load the shipped German NER pipeline once per process (workers load it on first use)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lagebild.errors import LagebildError

__all__ = ["CRF_DIR", "DEFAULT_DIR", "MODEL_DIR", "is_crf", "load_model", "model_for_next_document", "single_thread_blas"]

# spaCy adds every new word form to the pipeline's vocabulary and never forgets it; a worker that
# tags a million articles would grow without bound. Past this many entries the pipeline is
# loaded afresh (about a second), which keeps memory flat in corpus size.
MAX_VOCAB_ENTRIES = 400_000

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner-de"  # the spaCy BILUO tagger
CRF_DIR = Path(__file__).resolve().parents[1] / "models" / "ner-crf"  # the CRF tagger (lagebild.entities.crf); defined here only
#: the model used when none is named
DEFAULT_DIR = CRF_DIR
#: ``nlp.meta`` key naming the CRF model a tokenizer-only pipeline stands for
CRF_META_KEY = "lagebild_crf"


def is_crf(path: str | Path | None) -> bool:
    """Whether ``path`` (default: ``DEFAULT_DIR``) holds a CRF model rather than a spaCy pipeline."""
    return ((Path(path) if path else DEFAULT_DIR) / "model.crfsuite").exists()


def _matmul_ops() -> Any:
    """Thinc's NumPy ops with ``gemm`` done by NumPy's BLAS.

    On the machines measured, thinc's bundled gemm ran at about a third of NumPy's speed for the
    tagger's matrix sizes; the predictions on the GermEval dev set stay identical.
    """
    import numpy as np
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):  # type: ignore[misc]
        name = "lagebild-matmul"

        def gemm(self, x, y, out=None, trans1=False, trans2=False):  # type: ignore[no-untyped-def]
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return np.matmul(a, b)
            np.matmul(a, b, out=out)
            return out

    return MatmulOps()


@functools.lru_cache(maxsize=1)
def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional: without it BLAS keeps its own thread count
        return None
    return ThreadpoolController()


@contextlib.contextmanager
def single_thread_blas() -> Iterator[None]:
    """Run the tagger with one BLAS thread: lagebild parallelises by worker process, and BLAS
    threads on top of busy workers only compete for the same cores."""
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


def _keep_only_feature_getters(nlp: Any) -> None:
    """Compute only the word attributes the tagger reads when spaCy meets a new word form.

    spaCy runs about two dozen attribute functions (is_stop, like_url, ...) for every unseen word;
    on news text that was a tenth of the stage's time, and none of them feed the model. Models
    whose embedding config cannot be read keep all functions.
    """
    from spacy.attrs import IDS

    try:
        attrs = nlp.config["components"]["tok2vec"]["model"]["embed"]["attrs"]
    except (KeyError, TypeError):
        return
    keep = {IDS[name] for name in [*attrs, "LOWER", "NORM"] if name in IDS}
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: fn for attr, fn in getters.items() if attr in keep}


def _keep_only_space_getter(nlp: Any) -> None:
    """Compute only ``is_space`` when the tokenizer of a CRF pipeline meets a new word form.

    The CRF reads token texts alone and ``recognise_crf`` skips whitespace tokens; the two dozen
    other attribute functions spaCy runs per new word (~55,000 on 1,000 news articles) fed nothing.
    """
    from spacy.attrs import IS_SPACE

    nlp.vocab.lex_attr_getters = {attr: fn for attr, fn in nlp.vocab.lex_attr_getters.items() if attr == IS_SPACE}


#: the scorer training registers to pick checkpoints (``lagebild.training.ner_scorer``)
TRAINING_SCORER = "lagebild.ner_tag_scorer.v1"


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None, fast_gemm: bool = True) -> Any:
    """Return the spaCy pipeline at ``path`` (default: ``DEFAULT_DIR``).

    For a CRF model directory this is a blank German pipeline (the same tokenizer as the spaCy
    model's) whose ``meta`` names the CRF; ``tagging.recognise`` hands it to the CRF tagger.
    """
    import spacy

    target = Path(path) if path else DEFAULT_DIR
    if is_crf(target):
        from lagebild.entities.crf import load_crf

        load_crf(str(target))  # fail here, not at the first document, if the lexicon is missing
        blank = spacy.blank("de")
        blank.max_length = 2_000_000
        _keep_only_space_getter(blank)
        blank.meta[CRF_META_KEY] = str(target)
        return blank
    if not (target / "config.cfg").exists():
        raise LagebildError(f"NER model not found at {target}; train it with `make train-ner`")
    if TRAINING_SCORER in (target / "config.cfg").read_text(encoding="utf-8"):
        # a pipeline straight from training names the checkpoint scorer; the installed one does not
        import lagebild.training.ner_scorer  # noqa: F401
    nlp = spacy.load(target)
    nlp.max_length = 2_000_000
    _keep_only_feature_getters(nlp)
    if fast_gemm:
        ops = _matmul_ops()
        for name in nlp.pipe_names:
            model = getattr(nlp.get_pipe(name), "model", None)
            for node in model.walk() if model is not None else ():
                node.ops = ops
    return nlp


def model_for_next_document(path: str | None = None) -> Any:
    """Return the cached pipeline, reloading it first if its vocabulary has grown too large."""
    nlp = load_model(path)
    if len(nlp.vocab) > MAX_VOCAB_ENTRIES:
        load_model.cache_clear()
        nlp = load_model(path)
    return nlp
