"""Documents with entity mentions annotated as the tagger stage would, for the entity tests."""

from __future__ import annotations

from lagebild.entities.normalize import name_key
from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span

PROV = Provenance("test")


def doc(doc_id: str, text: str, mentions: list[tuple[str, str]], *, mark_acronyms: bool = False) -> Document:
    """Annotate each (surface, label) at its next occurrence, with the norm the tagger stage would give.

    With ``mark_acronyms``, all-capital short words get the form "acronym", as the tagger stage gives them.
    """
    d = Document(id=doc_id, original=text, source=SourceRef(doc_id), text=text, offsets=OffsetMap.identity(len(text)))
    pos = 0
    for surface, label in mentions:
        start = text.index(surface, pos)
        form = "acronym" if mark_acronyms and surface.isupper() and len(surface) <= 6 else "name"
        d.add("entity", Span(start, start + len(surface)), PROV, label=label, data={"norm": name_key(surface), "form": form})
        pos = start + len(surface)
    return d
