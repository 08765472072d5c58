"""Word-type features from the accurate tagger, appended to the default model's static word vectors.

Per lower-cased word (spaCy's ``NORM`` for German), over openly licensed training text:

- the accurate tagger's label distribution averaged over the word's occurrences, summed over
  the BILUO positions to one probability per entity type (``O``, ``PER``, ``LOCderiv``, …): what
  the teacher thinks a word usually is, i.e. a gazetteer learnt from context;
- the mean of its multilingual-e5-small middle-layer states, reduced by PCA (which words behave
  alike, as the teacher's encoder sees them).

The table is a lookup at run time, so the default model pays nothing for the teacher's encoder.
``extend_pipeline`` appends these columns to an installed pipeline's vectors and pads the
static-vector projection with zero weights, so the extended model starts out predicting exactly
what the old one did and continued training (``--init-from``) learns how much to trust them.
Needs ``lagebild[accurate]`` at training time only; the features are cached in an ``.npz`` file.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["extend_pipeline", "type_features"]


def _type_groups(labels: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Entity types of BILUO ``labels`` (``O`` first) and the ``[labels, types]`` summing matrix."""
    types = ["O", *sorted({lab.partition("-")[2] for lab in labels if lab != "O"})]
    index = {t: i for i, t in enumerate(types)}
    group = np.zeros((len(labels), len(types)), np.float32)
    for i, lab in enumerate(labels):
        group[i, index[lab.partition("-")[2] or "O"]] = 1.0
    return types, group


def type_features(sents: Sequence[Sequence[str]], pca_dims: int = 19) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words met in ``sents`` (lower-cased), their features ``[words, types + pca_dims]`` and counts."""
    from lagebild.entities.accurate.engine import load_engine
    from lagebild.entities.accurate.tagger import load_head

    engine, head = load_engine(), load_head()
    types, group = _type_groups(head.labels)
    counts: Counter[str] = Counter(w.lower() for s in sents for w in s)
    vocab = sorted(counts)
    index = {w: i for i, w in enumerate(vocab)}
    probs = np.zeros((len(vocab), len(types)), np.float64)
    states = np.zeros((len(vocab), engine.hidden), np.float64)
    batch_size = 256
    for start in range(0, len(sents), batch_size):
        batch = sents[start:start + batch_size]
        for words, x in zip(batch, engine(batch), strict=True):
            rows = np.array([index[w.lower()] for w in words])
            np.add.at(probs, rows, head.probabilities(x) @ group)
            np.add.at(states, rows, x)
        if start // batch_size % 20 == 0:
            print(f"teacher features: {start + len(batch)} of {len(sents)} sentences", file=sys.stderr)
    n = np.array([counts[w] for w in vocab], np.float64)
    probs /= n[:, None]
    states /= n[:, None]
    states -= states.mean(axis=0)
    _, _, vt = np.linalg.svd(states[n >= 3], full_matrices=False)
    proj = states @ vt[:pca_dims].T
    proj /= np.linalg.norm(proj, axis=1, keepdims=True) + 1e-8
    return vocab, np.hstack([probs, proj]).astype(np.float32), n


def extend_pipeline(model: Path, out: Path, vocab: Sequence[str], feats: np.ndarray, counts: np.ndarray,
                    add_missing: np.ndarray | None = None, max_new: int = 0) -> None:
    """Copy the pipeline ``model`` to ``out`` with ``feats`` appended to each word vector row.

    A row shared by several words (``spacy init vectors --prune`` maps dropped words to their
    nearest kept row) takes the features of its most frequent word; rows of words never met stay
    zero. ``add_missing`` (a priority per word, 0 = never) gives words the table lacks a row of
    their own (zeros, then their features), at most ``max_new``, highest priority first: rare place names the
    training text never showed. A pipeline with a ``tok2vec`` gets zero weights for the new
    columns, so it predicts exactly what it did before; a vectors-only pipeline (training from
    scratch) is just extended.
    """
    import spacy
    nlp = spacy.load(model)
    vectors = nlp.vocab.vectors
    old = np.asarray(vectors.data)
    keys = [nlp.vocab.strings.add(w) for w in vocab]
    extra = np.zeros((old.shape[0], feats.shape[1]), np.float32)
    done = np.zeros(old.shape[0], bool)
    for i in np.argsort(-counts, kind="stable"):
        row = vectors.key2row.get(keys[i], -1)
        if row >= 0 and not done[row]:
            extra[row] = feats[i]
            done[row] = True
    new_rows: list[int] = []
    if add_missing is not None:
        new_rows = [int(i) for i in np.argsort(-add_missing, kind="stable")
                    if add_missing[i] > 0 and keys[i] not in vectors.key2row][:max_new]
    width = old.shape[1] + extra.shape[1]
    vectors.resize((old.shape[0] + len(new_rows), width))  # keeps the old columns and every key's row
    vectors.data[: old.shape[0], old.shape[1]:] = extra
    for k, i in enumerate(new_rows):
        row = old.shape[0] + k
        vectors.data[row] = 0.0
        vectors.data[row, old.shape[1]:] = feats[i]
        vectors.add(keys[i], row=row)
    if "tok2vec" in nlp.pipe_names:
        tok2vec: Any = nlp.get_pipe("tok2vec")  # spaCy types get_pipe() as a bare callable
        for node in tok2vec.model.walk():
            if node.name == "static_vectors":
                w = node.get_param("W")
                node._dims["nM"] = width  # thinc refuses set_dim once weights exist; the new W matches it
                node.set_param("W", np.hstack([w, np.zeros((w.shape[0], extra.shape[1]), w.dtype)]))
    nlp.to_disk(out)
    print(f"vectors {old.shape} -> {vectors.data.shape}; {int(done.sum())} rows with extra features, "
          f"{len(new_rows)} rows added -> {out}", file=sys.stderr)
