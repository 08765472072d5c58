"""Cleaning: turn the original into the text that later stages annotate.

``clean.identity.v1`` keeps everything (for clean inputs and tests); the boilerplate filter for
scraped text lives in ``lagebild.ingest`` and registers ``clean.boilerplate.*``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import Document, OffsetMap, Provenance
from lagebild.registry import STAGES

__all__ = ["IdentityClean"]


@STAGES.register("clean.identity.v1", requires={"original"}, produces={"text"})
@dataclass
class IdentityClean:
    """Use the original text unchanged as the cleaned text (identity offset map)."""

    prov: Provenance = field(default=Provenance("clean.identity.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        doc.set_text(doc.original, OffsetMap.identity(len(doc.original)))
        return doc
