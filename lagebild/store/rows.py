"""The rows a store writes for one document, computed apart from the store.

Serialising a document and lemmatising its words for the search column is most of the cost of
saving it. ``document_rows`` is pure and picklable, so the worker process that analysed the
document can compute it, and the process that owns the store only inserts the rows. Both store
backends write the same rows; ``save_documents`` computes them itself when none are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.model import Document
from lagebild.store.search import fts_lemmas

__all__ = ["AnnotationRow", "DocumentRows", "document_rows", "rows_to_save"]

#: ``(ann id, kind, label, original start, original end, original text, payload JSON)``
AnnotationRow = tuple[str, str, str | None, int, int, str, str]


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Serialised forms of one document: its JSON, its annotation rows, its search column."""

    doc_id: str
    json: str
    annotations: list[AnnotationRow]
    lemmas: str

    def fits(self, doc: Document) -> bool:
        """Whether these rows were computed for this document (a cheap guard, not a full check)."""
        return self.doc_id == doc.id and len(self.annotations) == len(doc.annotations)


#: ``json.dumps(obj, ensure_ascii=False)`` without building an encoder per call (same output)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def document_rows(doc: Document) -> DocumentRows:
    """Return the rows of ``doc`` as the stores write them (must be called on the final document)."""
    anns: list[AnnotationRow] = []
    original = doc.original
    for ann in doc.annotations:
        o_start, o_end = doc.original_span(ann.span)
        anns.append((ann.id, ann.kind, ann.label, o_start, o_end, original[o_start:o_end], _dumps(dict(ann.data))))
    return DocumentRows(doc.id, _dumps(doc.to_json()), anns, fts_lemmas(doc))


def rows_to_save(docs: Sequence[Document], rows: Sequence[DocumentRows | None] | None) -> list[tuple[Document, DocumentRows]]:
    """Pair each document with its rows, computing missing or mismatching ones; a document id given
    twice keeps its last version (as two saves in a row would)."""
    if rows is not None and len(rows) != len(docs):
        raise ValueError(f"{len(docs)} documents but {len(rows)} rows")
    last = {doc.id: i for i, doc in enumerate(docs)}
    out = []
    for i, doc in enumerate(docs):
        if last[doc.id] != i:
            continue
        row = rows[i] if rows is not None else None
        out.append((doc, row if row is not None and row.fits(doc) else document_rows(doc)))
    return out
