"""Run a German NER pipeline and hand back spaCy Docs with ``doc.ents`` set.

Two kinds of pipeline are supported:

- a *sequence tagger* (``tok2vec`` + ``tagger`` whose labels are BILUO entity tags such as
  ``B-PER``/``L-PER``/``U-LOC``/``O``): the default, because a softmax per token costs a
  fraction of a transition-based parser's step loop. Tags are decoded with a constrained
  Viterbi search, so every span is well formed (no ``I-`` without a ``B-``);
- a CRF (``lagebild.entities.crf``): ``load_model`` gives a tokenizer-only pipeline whose meta
  names the CRF model, and its tags are used as they are (crfsuite's own Viterbi search);
- any spaCy pipeline with an ``ner`` component (for example a larger, slower model a user trains
  with ``--arch parser``): its entities are used as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["decode_biluo", "recognise", "tag_grammar", "tags_to_spans"]

_NEG = -1e9


@dataclass(frozen=True)
class _TagGrammar:
    """Which tag may follow which, in a form that makes one Viterbi step O(tags), not O(tags²).

    After a *closing* tag (O, L-x, U-x; in IOB every tag) any *opening* tag (O, B-x, U-x) may
    follow; a *continuing* tag (I-x, L-x) may only follow B-x or I-x of the same type.
    """

    closing: np.ndarray  # tags after which a new entity (or O) may start
    opening: np.ndarray  # tags that may follow a closing tag
    cont: np.ndarray  # continuing tags ...
    cont_from_b: np.ndarray  # ... and, for each, the B- tag of its type (K, a column that always scores -1e9: none)
    cont_from_i: np.ndarray  # ... and the I- tag of its type (K: none)
    first: np.ndarray  # 0/-1e9 mask of tags allowed at a sentence start
    last: np.ndarray  # 0/-1e9 mask of tags allowed at a sentence end
    allowed: np.ndarray  # K×K booleans: may tag j follow tag i


@functools.lru_cache(maxsize=8)
def tag_grammar(labels: tuple[str, ...]) -> _TagGrammar:
    """Build the BILUO (or IOB) grammar for a tagger's label list."""
    parts = [(lab[0], lab[2:]) if lab != "O" and "-" in lab else ("O", "") for lab in labels]
    biluo = any(head in ("L", "U") for head, _ in parts)
    k = len(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    closing = [i for i, (h, _) in enumerate(parts) if not biluo or h in ("O", "L", "U")]
    opening = [i for i, (h, _) in enumerate(parts) if h in ("O", "B", "U")]
    cont = [i for i, (h, _) in enumerate(parts) if h in ("I", "L")]
    from_b = [index.get(f"B-{parts[i][1]}", k) for i in cont]
    from_i = [index.get(f"I-{parts[i][1]}", k) for i in cont]
    first = np.array([0.0 if h in ("O", "B", "U") else _NEG for h, _ in parts], dtype=np.float32)
    last = np.array([0.0 if not biluo or h in ("O", "L", "U") else _NEG for h, _ in parts], dtype=np.float32)
    allowed = np.zeros((k + 1, k), dtype=bool)  # the extra row absorbs missing partners
    allowed[np.ix_(closing, opening)] = True
    allowed[from_b, cont] = True
    allowed[from_i, cont] = True
    return _TagGrammar(
        closing=np.array(closing, dtype=np.intp),
        opening=np.array(opening, dtype=np.intp),
        cont=np.array(cont, dtype=np.intp),
        cont_from_b=np.array(from_b, dtype=np.intp),
        cont_from_i=np.array(from_i, dtype=np.intp),
        first=first,
        last=last,
        allowed=allowed[:k],
    )


def decode_biluo(scores: Sequence[np.ndarray], labels: tuple[str, ...]) -> list[list[int]]:
    """Best well-formed tag sequence per sentence, from per-token probabilities.

    Most sentences' per-token best tags already form valid spans, and then they are the optimum;
    only the others go through the constrained Viterbi search.
    """
    if not scores:
        return []
    g = tag_grammar(labels)
    out: list[list[int] | None] = []
    for s in scores:
        best = np.asarray(s).reshape(-1, len(labels)).argmax(axis=1)
        valid = not len(best) or (
            g.first[best[0]] == 0.0 and g.last[best[-1]] == 0.0 and bool(g.allowed[best[:-1], best[1:]].all()))
        out.append(best.tolist() if valid else None)
    todo = [i for i, path in enumerate(out) if path is None]
    if todo:
        for i, path in zip(todo, _viterbi([scores[i] for i in todo], g), strict=True):
            out[i] = path
    return [path or [] for path in out]


def _viterbi(scores: Sequence[np.ndarray], g: _TagGrammar) -> list[list[int]]:
    """Constrained Viterbi search over a batch of sentences.

    All sentences advance together, one token position per step, so the Python loop runs over
    the longest sentence only, and each step costs a few vector operations over the tags.
    """
    lengths = np.array([len(s) for s in scores])
    n, width, k = len(scores), int(lengths.max(initial=0)), len(g.first)
    if width == 0:
        return [[] for _ in scores]
    inside = np.arange(width)[None, :] < lengths[:, None]
    logp = np.zeros((n, width, k), dtype=np.float32)
    flat = np.concatenate([np.asarray(s, dtype=np.float32).reshape(-1, k) for s in scores])
    logp[inside] = np.log(np.maximum(flat, 1e-12))  # row-major order = concatenation order
    rows = np.arange(n)
    cont_b, cont_i = g.cont_from_b, g.cont_from_i  # index k: the extra column that always scores -1e9
    best = np.full((n, k + 1), _NEG, dtype=np.float32)
    best[:, :k] = logp[:, 0] + g.first
    back = np.zeros((n, width, k), dtype=np.int16)
    for t in range(1, width):
        closed = best[:, g.closing]
        arg_closed = g.closing[closed.argmax(axis=1)]
        from_b, from_i = best[:, cont_b], best[:, cont_i]
        take_b = from_b >= from_i
        step = np.full((n, k + 1), _NEG, dtype=np.float32)
        step[:, g.opening] = best[rows, arg_closed][:, None] + logp[:, t, g.opening]
        step[:, g.cont] = np.where(take_b, from_b, from_i) + logp[:, t, g.cont]
        moves = np.zeros((n, k), dtype=np.int16)
        moves[:, g.opening] = arg_closed[:, None]
        moves[:, g.cont] = np.where(take_b, cont_b, cont_i)
        active = (t < lengths)[:, None]
        best = np.where(active, step, best)  # finished sentences keep their final scores
        back[:, t] = np.where(active, moves, 0)
    # Trace all sentences back together; a sentence joins when t reaches its last token.
    paths = np.zeros((n, width), dtype=np.intp)
    tag = (best[:, :k] + g.last).argmax(axis=1)
    for t in range(width - 1, -1, -1):
        active = t < lengths
        paths[active, t] = tag[active]
        if t:
            tag = np.where(active, back[rows, t, tag], tag)
    return [paths[i, :length].tolist() for i, length in enumerate(lengths)]


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from BILUO or IOB tags, repairing ill-formed runs."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        head, _, typ = tag.partition("-")
        continues = head in ("I", "L") and typ == label and start >= 0
        if not continues and start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if head in ("B", "U") or (head in ("I", "L") and not continues):
            start, label = i, typ
        if head in ("L", "U") and start >= 0:
            spans.append((start, i + 1, label))
            start, label = -1, ""
    return spans


def _tagger_name(nlp: Any) -> str | None:
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        labels = getattr(pipe, "labels", ())
        if name != "ner" and labels and any(str(lab).startswith(("U-", "B-")) for lab in labels):
            return name
    return None


def recognise(nlp: Any, items: Iterable[Any], batch_size: int = 64) -> Iterator[Any]:
    """Yield a spaCy Doc with ``ents`` for every text (or pre-tokenised Doc) in ``items``."""
    from lagebild.entities.model import CRF_META_KEY

    crf_path = nlp.meta.get(CRF_META_KEY)
    if crf_path:
        from lagebild.entities.crf import load_crf, recognise_crf

        yield from recognise_crf(nlp, items, batch_size, tagger=load_crf(crf_path))
        return
    tagger_name = _tagger_name(nlp)
    if tagger_name is None:
        yield from nlp.pipe(items, batch_size=batch_size)
        return
    from spacy.tokens import Span
    from spacy.util import minibatch

    tagger = nlp.get_pipe(tagger_name)
    labels = tuple(tagger.labels)
    upstream = [(name, pipe) for name, pipe in nlp.pipeline if name != tagger_name]
    for batch in minibatch(items, size=batch_size):
        docs = [nlp.make_doc(x) if isinstance(x, str) else x for x in batch]
        for _name, pipe in upstream:  # the shared tok2vec (and any other annotator before it)
            docs = list(pipe.pipe(docs, batch_size=batch_size))
        nonempty = [d for d in docs if len(d)]
        scores = tagger.model.predict(nonempty) if nonempty else []
        for doc, path in zip(nonempty, decode_biluo(scores, labels), strict=True):
            doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in tags_to_spans([labels[t] for t in path])]
        yield from docs
