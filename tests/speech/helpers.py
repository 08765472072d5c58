"""Run segmentation, speech and claims on a text, without the store."""

from __future__ import annotations

from lagebild.model import Annotation, Document, OffsetMap, SourceRef
from lagebild.registry import STAGES


def analyse(text: str, *, outlet: str | None = None, published: str | None = None, extra: list[str] | None = None) -> Document:
    doc = Document("t", text, SourceRef("t.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta.outlet = outlet
    doc.meta.published.value = published
    for name in ["segment.rules.v1", *(extra or []), "speech.rules.v1", "claims.rules.v1"]:
        doc = STAGES.build(name)(doc)
    return doc


def quotes(doc: Document, label: str | None = None) -> list[Annotation]:
    return [a for a in doc.of_kind("quote") if label is None or a.label == label]


def find_quote(doc: Document, fragment: str, label: str | None = None) -> Annotation:
    hits = [a for a in quotes(doc, label) if fragment in a.surface]
    assert hits, f"no {label or ''} quote containing {fragment!r}: {[a.surface[:60] for a in quotes(doc)]}"
    return hits[0]


def find_claim(doc: Document, fragment: str) -> Annotation:
    hits = [a for a in doc.of_kind("claim") if fragment in a.surface]
    assert hits, f"no claim {fragment!r}: {[a.surface for a in doc.of_kind('claim')]}"
    return hits[0]
