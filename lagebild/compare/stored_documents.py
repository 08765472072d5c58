"""Stored documents as the corpus-wide stages read them, the rest of each read on first use.

Copies, entity resolution and story assignment read little of a stored document on a run that
adds documents: its id, content hash, metadata and its entity and timex annotations (story
vectors, labels and time spans); the per-story stages need whole documents, but only of the
stories a run recomputes. A ``StoredDocument`` holds the first part (``Store.document_views``)
and reads the whole document from the store when anything else is asked of it, so a stage that
reads more still sees exactly the stored document; ``document()`` gives it, ``release()`` lets
it go again, so a run keeps in memory the whole documents of the story it works on only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from lagebild.model import Annotation, ArticleMeta, Document, SourceRef, StageFailure

__all__ = ["VIEW_KINDS", "DocumentView", "StoredDocument", "annotation_count", "views", "whole"]

#: the annotation kinds a view holds (story vectors and labels read the entities, time spans the dates)
VIEW_KINDS: tuple[str, ...] = ("entity", "timex")


#: a stored document as the corpus-wide stages read it (``Store.document_views``): id, content hash, its JSON
#: without texts, offset map and annotations, its number of annotations, and its annotations of the kinds asked, in order
DocumentView = tuple[str, str, dict[str, Any], int, list[dict[str, Any]]]
#: reads whole documents by id (``Store.get_documents``); ids no longer stored are left out
LoadMany = Callable[[Sequence[str]], Mapping[str, Document]]

#: how many whole documents are read at once while a stage asks the views for more than they hold one after
#: another, in order (as when it goes through the new documents); a view asked out of order reads its own only
_AHEAD = 100


class _Reader:
    """Reads whole documents for a list of views, a batch at a time."""

    def __init__(self, load: LoadMany) -> None:
        self.load = load
        self.views: list[StoredDocument] = []
        self.at: dict[str, int] = {}
        #: the position after the last view read on demand: asked next, the views ahead are read with it
        self.next = -1

    def add(self, view: StoredDocument) -> None:
        self.at[view.id] = len(self.views)
        self.views.append(view)

    def fill(self, views: Sequence[StoredDocument]) -> None:
        missing = [v for v in views if v._full is None]
        if not missing:
            return
        found = self.load([v.id for v in missing])
        for v in missing:
            v._full = found.get(v.id)

    def ahead(self, view: StoredDocument) -> None:
        k = self.at.get(view.id, -2)
        n = _AHEAD if k == self.next else 1
        self.fill(self.views[k : k + n] if k >= 0 else [view])
        self.next = k + n


class StoredDocument:
    """A stored document's head and its ``VIEW_KINDS`` annotations; any other attribute reads the whole document."""

    def __init__(self, doc_id: str, content_hash: str, head: Mapping[str, Any], count: int,
                 annotations: Iterable[Mapping[str, Any]], reader: _Reader) -> None:
        self._full: Document | None = None
        self._reader = reader
        self.id = doc_id
        self.hash = content_hash
        self.meta = ArticleMeta.from_json(head.get("meta") or {})
        self.source = SourceRef.from_json(head["source"])
        self.produced: set[str] = set(head.get("produced") or [])
        self.failures = [StageFailure(**f) for f in head.get("failures") or []]
        #: how many annotations the whole document has
        self.annotation_count = count
        self._kinds: dict[str, list[Annotation]] = {k: [] for k in VIEW_KINDS}
        for a in annotations:
            self._kinds[a["kind"]].append(Annotation.from_json(a))
        reader.add(self)

    def of_kind(self, kind: str) -> list[Annotation]:
        got = self._kinds.get(kind)
        return list(got) if got is not None else self.document().of_kind(kind)

    def document(self) -> Document:
        """The whole stored document (read once, kept until ``release``)."""
        if self._full is None:
            self._reader.ahead(self)
            if self._full is None:
                raise LookupError(f"document {self.id} is no longer in the store")
        return self._full

    def release(self) -> None:
        self._full = None

    def __getattr__(self, name: str) -> Any:  # only for what the view does not hold
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.document(), name)


def views(rows: Iterable[DocumentView], load: LoadMany) -> list[StoredDocument]:
    """Views of the stored documents ``rows`` give (``Store.document_views(VIEW_KINDS)``), reading whole ones with ``load``."""
    reader = _Reader(load)
    return [StoredDocument(i, h, head, n, anns, reader) for i, h, head, n, anns in rows]


def whole(docs: Sequence[Document]) -> list[Document]:
    """``docs`` with every view replaced by its whole document (read in one batch)."""
    stored = [d for d in docs if isinstance(d, StoredDocument)]
    if stored:
        stored[0]._reader.fill(stored)
    return [d.document() if isinstance(d, StoredDocument) else d for d in docs]


def annotation_count(doc: Document) -> int:
    return doc.annotation_count if isinstance(doc, StoredDocument) else len(doc.annotations)
