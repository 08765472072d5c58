"""``recognise_accurate``: the accurate tagger behind the same contract as ``tagging.recognise``.

The spaCy pipeline is used only for its tokenizer, so both modes see the same tokens; the
encoder states of each sentence's words go through the trained head and the constrained Viterbi
search of the default tagger.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.entities.accurate.engine import load_engine
from lagebild.entities.accurate.head import Head
from lagebild.entities.tagging import decode_biluo, tags_to_spans

__all__ = ["load_head", "recognise_accurate"]


@functools.lru_cache(maxsize=1)
def load_head() -> Head:
    """The committed head (``lagebild/models/ner-e5-head``)."""
    return Head.load()


def recognise_accurate(nlp: Any, items: Iterable[Any], batch_size: int = 64) -> Iterator[Any]:
    """Yield a spaCy Doc with ``ents`` for every text (or pre-tokenised Doc) in ``items``."""
    from spacy.tokens import Span
    from spacy.util import minibatch

    head = load_head()
    engine = load_engine()
    for batch in minibatch(items, size=batch_size):
        docs = [nlp.make_doc(x) if isinstance(x, str) else x for x in batch]
        keep = [[t.i for t in d if not t.is_space] for d in docs]
        todo = [k for k, idx in enumerate(keep) if idx]
        states = engine([[docs[k][i].text for i in keep[k]] for k in todo])
        paths = decode_biluo([head.probabilities(x) for x in states], head.labels)
        for k, path in zip(todo, paths, strict=True):
            doc, idx = docs[k], keep[k]
            doc.ents = [Span(doc, idx[s], idx[e - 1] + 1, label=lab)
                        for s, e, lab in tags_to_spans([head.labels[t] for t in path])]
        yield from docs
