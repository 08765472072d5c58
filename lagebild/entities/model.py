"""Load the shipped German NER pipeline once per process (workers load it on first use)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from lagebild.errors import LagebildError

__all__ = ["MODEL_DIR", "load_model"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner-de"


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None) -> Any:
    """Return the spaCy pipeline at ``path`` (default: the committed ``models/ner-de``)."""
    import spacy

    target = Path(path) if path else MODEL_DIR
    if not (target / "config.cfg").exists():
        raise LagebildError(f"NER model not found at {target}; train it with `make train-ner`")
    nlp = spacy.load(target)
    nlp.max_length = 2_000_000
    return nlp
