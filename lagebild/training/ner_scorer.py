"""Entity precision/recall/F1 for a BILUO sequence tagger, so ``spacy train`` picks checkpoints by F1.

Loaded by ``spacy train --code`` (see ``lagebild.training.ner``). Predicted tags are the
tagger's per-token best guesses, turned into spans with the same repair as at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import spacy

from lagebild.entities.tagging import tags_to_spans
from lagebild.evaluation.metrics import prf


def score_tagged_entities(examples: Iterable[Any], **_: Any) -> dict[str, float]:
    """Return ``ents_p``/``ents_r``/``ents_f`` over exact (start, end, label) token spans."""
    tp = n_pred = n_gold = 0
    for eg in examples:
        pred = set(tags_to_spans([t.tag_ or "O" for t in eg.predicted]))
        gold = set(tags_to_spans([t.tag_ or "O" for t in eg.reference]))
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r, f = prf(tp, n_pred, n_gold)
    return {"ents_p": p, "ents_r": r, "ents_f": f}


@spacy.registry.scorers("lagebild.ner_tag_scorer.v1")
def make_scorer() -> Callable[..., dict[str, float]]:
    return score_tagged_entities
