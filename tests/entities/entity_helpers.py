"""Documents with entity mentions annotated as the tagger stage would, for the entity tests."""

from __future__ import annotations

from lagebild.entities.normalize import name_key
from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span

PROV = Provenance("test")


def doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> Document:
    """Annotate each (surface, label) at its next occurrence, with the norm the tagger stage would give."""
    d = Document(id=doc_id, original=text, source=SourceRef(doc_id), text=text, offsets=OffsetMap.identity(len(text)))
    pos = 0
    for surface, label in mentions:
        start = text.index(surface, pos)
        d.add("entity", Span(start, start + len(surface)), PROV, label=label, data={"norm": name_key(surface), "form": "name"})
        pos = start + len(surface)
    return d
