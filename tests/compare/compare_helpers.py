"""Hand-built documents with annotations shaped like the contract in docs/annotations.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lagebild.model import DateValue, Document, OffsetMap, Provenance, SourceRef, Span
from lagebild.stages.segment import Segmenter

PROV = Provenance("test")


def make_doc(
    doc_id: str,
    text: str,
    *,
    published: str | None = None,
    entities: list[tuple[str, str, str]] = (),  # (surface, label, norm); every occurrence is annotated
    timexes: list[tuple[str, str | None, str]] = (),  # (surface, value, granularity)
    claims: list[tuple[str, dict[str, Any]]] = (),  # (surface, data)
    title: str | None = None,
) -> Document:
    doc = Document(doc_id, text, SourceRef(f"{doc_id}.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta.published = DateValue(published, "day" if published and len(published) == 10 else "month" if published else None)
    doc.meta.title = title
    Segmenter()(doc)
    for surface, label, norm in entities:
        start = text.find(surface)
        while start >= 0:
            form = "adjective" if surface[:1].islower() else "name"
            doc.add("entity", Span(start, start + len(surface)), PROV, label=label, data={"norm": norm, "form": form})
            start = text.find(surface, start + 1)
    for surface, value, gran in timexes:
        start = text.find(surface)
        if start >= 0:
            doc.add("timex", Span(start, start + len(surface)), PROV, label="DATE", data={"value": value, "granularity": gran})
    for surface, data in claims:
        start = text.find(surface)
        assert start >= 0, surface
        doc.add("claim", Span(start, start + len(surface)), PROV, label="numeric", data=data)
    return doc


def run_events(doc: Document) -> Document:
    from lagebild.stages.events import RuleEvents

    return RuleEvents()(doc)


def run_timeline(docs: list[Document], duplicates: Sequence[Any] = ()) -> Any:
    """Merge the documents' events into one story's events and timeline; returns the corpus result."""
    from lagebild.compare import CorpusContext, CorpusResult
    from lagebild.compare.events import EventMerger
    from lagebild.compare.timeline import TimelineBuilder

    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.stories = [{"id": "s", "members": [{"doc": d.id} for d in docs]}]
    ctx.result.duplicates = list(duplicates)
    for stage in (EventMerger, TimelineBuilder):
        stage()(ctx)
    return ctx.result


#: places the claim-group tests' texts name
CLAIM_PLACES = [("Nordhafen", "LOC", "Nordhafen"), ("Südtal", "LOC", "Südtal")]


def claim_doc(doc_id: str, text: str, published: str | None, *, outlet: str | None = None,
              agencies: list[str] | None = None, timexes: Sequence[tuple[str, str | None, str]] = ()) -> Document:
    """A document with the test places tagged, its outlet and agencies, run through the real claims stage."""
    from lagebild.stages.claims import RuleClaims

    doc = make_doc(doc_id, text, published=published, entities=CLAIM_PLACES, timexes=list(timexes))
    doc.meta.outlet = outlet
    if agencies:
        doc.meta.extra["agencies"] = agencies
    return RuleClaims()(doc)
