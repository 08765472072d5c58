"""Run lagebild's per-document stages on the text of a gold corpus.

Gold texts are already clean: the document's text is its original (identity offsets), so
predicted spans compare with gold offsets directly.
"""

from __future__ import annotations

from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef

__all__ = ["gold_document", "run_stages"]


def gold_document(text: str, *, doc_id: str = "gold", published: DateValue | None = None,
                  outlet: str | None = None) -> Document:
    """Return a document whose text is ``text`` as given, with an optional publication date and outlet."""
    doc = Document(doc_id, text, SourceRef(f"{doc_id}.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=published or DateValue(), outlet=outlet)
    return doc


def run_stages(text: str, stages: list[str], *, doc_id: str = "gold", published: DateValue | None = None,
               outlet: str | None = None) -> Document:
    """Run the named per-document stages (registry names, default settings) over ``text``; return the document."""
    from lagebild.registry import STAGES

    doc = gold_document(text, doc_id=doc_id, published=published, outlet=outlet)
    for name in stages:
        doc = STAGES.build(name)(doc)
    return doc
