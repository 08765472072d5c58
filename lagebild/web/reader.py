"""Read what one page needs from the store: the corpus picture once, documents on demand.

The server never loads every document. It keeps the cross-source result (one stored row) with
its indexes, a small LRU of parsed documents and one of document metadata, and asks the store
for metadata rows (filtered and paged in SQL), documents by id and annotation rows of one kind.
Memory therefore does not grow with the number of stored articles beyond the corpus result.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, Generic, TypeVar

from lagebild.compare import CorpusResult
from lagebild.export.json_export import document_json
from lagebild.model import Document
from lagebild.report.readable import first_sentence
from lagebild.report.view import (
    ALL_STORY,
    Picture,
    build_picture,
    inconsistency_row,
    parse_date_range,
    slug,
)
from lagebild.store import Store

__all__ = ["LRU", "DocMetas", "StoreReader", "date_ok"]

K = TypeVar("K")
V = TypeVar("V")
_ANN_SPAN = re.compile(r"^[^:]+:(\d+)-(\d+)")


class LRU(Generic[K, V]):
    """A small least-recently-used cache (not thread-safe: the reader's lock guards it)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


def date_ok(value: Any, date_from: str | None, date_to: str | None) -> bool:
    """Whether the period of ``value`` (a date or TIMEX-like value) overlaps ``date_from``–``date_to``."""
    if not (date_from or date_to):
        return True
    rng = parse_date_range(value)
    if rng is None:
        return False
    lo = parse_date_range(date_from) if date_from else None
    hi = parse_date_range(date_to) if date_to else None
    return (lo is None or rng[1] >= lo[0]) and (hi is None or rng[0] <= hi[1])


class DocMetas(Mapping[str, dict[str, Any]]):
    """``Picture.docs`` for one request: document metadata loaded in batches when first needed.

    ``load(ids)`` fetches many at once; a single missing key is fetched on its own. Iterating
    lists every stored id (the pages avoid it).
    """

    def __init__(self, reader: StoreReader, ids: Iterable[str] = ()) -> None:
        self._reader = reader
        self._local: dict[str, dict[str, Any]] = {}
        self._absent: set[str] = set()
        self.load(ids)

    def load(self, ids: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i not in self._local and i not in self._absent]
        if not missing:
            return
        found = self._reader.metas(missing)
        self._local.update(found)
        self._absent.update(i for i in missing if i not in found)

    def __getitem__(self, key: str) -> dict[str, Any]:
        found = self._local.get(key)
        if found is not None:
            return found
        if not isinstance(key, str) or key in self._absent:
            raise KeyError(key)
        self.load([key])
        return self._local[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if key in self._local:
            return True
        if not isinstance(key, str) or key in self._absent:
            return False
        self.load([key])
        return key in self._local

    def __iter__(self) -> Iterator[str]:
        with self._reader.lock:
            return iter(self._reader.store.document_ids())

    def __len__(self) -> int:
        return self._reader.count()


def derive_entities(rows: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group entity annotation rows by type and resolution key (as the report does for documents).

    Used when no cross-source entity resolution ran; reads the annotation rows, not the documents.
    """
    groups: dict[str, dict[str, Any]] = {}
    mention_entity: dict[str, str] = {}
    for row in rows:
        data = row.get("data") or {}
        key = str(data.get("norm") or row.get("text") or "").strip()
        if not key:
            continue
        label = row.get("label")
        ent_id = f"{(label or 'x').lower()}-{slug(key)}"
        ent = groups.setdefault(ent_id, {"id": ent_id, "name": key, "type": label, "aliases": [], "roles": [], "mentions": [], "derived": True})
        span = {"doc": row["doc"], "start": row["start"], "end": row["end"], "text": row["text"]}
        ent["mentions"].append({**span, "ann": row["ann"]})
        if span["text"] not in ent["aliases"] and span["text"] != ent["name"]:
            ent["aliases"].append(span["text"])
        role = data.get("role")
        if role and role not in ent["roles"]:
            ent["roles"].append(role)
        mention_entity[f"{row['doc']}#{row['ann']}"] = ent_id
    return sorted(groups.values(), key=lambda e: (-len(e["mentions"]), e["name"])), mention_entity


class StoreReader:
    """The server's view of one store: a cached picture, LRU caches, and on-demand reads.

    Every method takes the lock: one store connection is shared by the server's threads.
    Caches are dropped whenever the store reports a change (another process may write to it).
    """

    def __init__(self, store: Store, *, documents: int = 128, metas: int = 4096) -> None:
        self.store = store
        self.lock = threading.RLock()
        self._version: Any = object()
        self._picture: Picture | None = None
        self._derived: dict[str, Any] = {}
        self._docs: LRU[str, Document] = LRU(documents)
        self._metas: LRU[str, dict[str, Any]] = LRU(metas)
        self._count: int | None = None

    # -- freshness -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Drop every cache when the store changed since the last look."""
        with self.lock:
            try:
                version = self.store.data_version()
            except Exception:
                version = object()
            if version is None or version != self._version:
                self.invalidate()
                self._version = version

    def invalidate(self) -> None:
        with self.lock:
            self._picture = None
            self._derived = {}
            self._docs.clear()
            self._metas.clear()
            self._count = None
            self._version = object()

    # -- the picture -----------------------------------------------------------------------
    def picture(self) -> Picture:
        """The corpus picture (stories, entities, indexes) with lazily loaded document metadata."""
        with self.lock:
            self.refresh()
            if self._picture is None:
                self._picture = self._build_picture(self.store.load_corpus())
            return replace(self._picture, docs=DocMetas(self))

    def _build_picture(self, corpus: CorpusResult) -> Picture:
        pic = build_picture(corpus, [], {})
        pic.doc_inconsistencies = [inconsistency_row(row) for row in self.store.iter_annotations("inconsistency")]
        if not corpus.entities:
            pic.entities, pic.mention_entity = derive_entities(self.store.iter_annotations("entity"))
            pic.entities_derived = True
        if pic.stories_virtual:
            ids = self.store.document_ids()
            pic.stories[0]["members"] = [{"doc": d, "confidence": None} for d in sorted(ids)]
            pic.story_of = {d: ALL_STORY for d in ids}
        return pic

    def cached(self, key: str, build: Any) -> Any:
        """A value derived from the picture, computed once per store version."""
        with self.lock:
            self.refresh()
            if key not in self._derived:
                self._derived[key] = build()
            return self._derived[key]

    def entity_index(self) -> dict[str, dict[str, Any]]:
        return self.cached("entity_index", lambda: {e["id"]: e for e in self.picture().entities})  # type: ignore[no-any-return]

    # -- documents -------------------------------------------------------------------------
    def count(self) -> int:
        with self.lock:
            self.refresh()
            if self._count is None:
                self._count = self.store.count_documents()
            return self._count

    def document(self, doc_id: str) -> Document | None:
        """One parsed document (kept in a small LRU)."""
        return self.documents([doc_id]).get(doc_id)

    def documents(self, ids: Iterable[str]) -> dict[str, Document]:
        """Parsed documents by id, in the order asked (missing ids left out)."""
        with self.lock:
            self.refresh()
            wanted = list(dict.fromkeys(ids))
            cached = {i: d for i in wanted if (d := self._docs.get(i)) is not None}
            fetched = self.store.get_documents([i for i in wanted if i not in cached]) if len(cached) < len(wanted) else {}
            if len(fetched) <= self._docs.size:  # a bigger batch would only flush the cache
                for i, doc in fetched.items():
                    self._docs.put(i, doc)
            return {i: d for i in wanted if (d := cached.get(i) or fetched.get(i)) is not None}

    def metas(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The export form of documents without text (``Picture.docs`` values), by id."""
        with self.lock:
            self.refresh()
            corpus = self._corpus()
            wanted = list(dict.fromkeys(ids))
            cached = {i: m for i in wanted if (m := self._metas.get(i)) is not None}
            missing = [i for i in wanted if i not in cached]
            fresh: dict[str, dict[str, Any]] = {}
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                heads = self.store.get_document_heads(chunk)
                sources = self.store.sources_of(list(heads))
                lines = self.headlines([i for i, h in heads.items() if not h.meta.title])
                for doc_id, head in heads.items():
                    meta = document_json(head, sources.get(doc_id, []), corpus)
                    meta.pop("text", None)
                    if not meta.get("title"):
                        meta["headline"] = lines.get(doc_id) or None
                    fresh[doc_id] = meta
            if len(fresh) <= self._metas.size:
                for i, meta in fresh.items():
                    self._metas.put(i, meta)
            return {i: m for i in wanted if (m := cached.get(i) or fresh.get(i)) is not None}

    def _corpus(self) -> CorpusResult:
        if self._picture is None:
            self._picture = self._build_picture(self.store.load_corpus())
        return self._picture.corpus

    def rows(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Light metadata rows with the published date as the export gives it (inferred where none is stored)."""
        with self.lock:
            self.refresh()
            inferred = self._corpus().inferred_dates
            rows = self.store.list_documents(limit=limit, offset=offset, **filters)
        for row in rows:
            value = row.get("published")
            guess = inferred.get(row["id"])
            row["published_value"] = (guess or {}).get("value") if not value and guess else value
        return rows

    def headlines(self, ids: Iterable[str]) -> dict[str, str]:
        """The first sentence of each document (the title shown for articles without one), cached per store version."""
        with self.lock:
            self.refresh()
            known: dict[str, str] = self._derived.setdefault("headlines", {})
            missing = [i for i in dict.fromkeys(ids) if i not in known]
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                first: dict[str, str] = {}
                for row in self.store.iter_annotations("sentence", docs=chunk):
                    if row["doc"] not in first and str(row.get("text") or "").strip():
                        first[row["doc"]] = first_sentence(row["text"])
                for doc_id in chunk:
                    known[doc_id] = first.get(doc_id, "")
            return {i: known.get(i, "") for i in ids}

    def inferred_in_range(self, date_from: str | None, date_to: str | None) -> list[str]:
        """Ids whose inferred publication date (used where none is stored) overlaps the range."""
        inferred = self._corpus().inferred_dates
        return sorted(d for d, v in inferred.items() if date_ok({**v, "inferred": True}, date_from, date_to))

    def doc_stories(self) -> dict[str, list[str]]:
        """Document id → ids of the stories listing it (for counting story items fast)."""

        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = defaultdict(list)
            for story in self.picture().stories:
                for m in story.get("members") or []:
                    if m.get("doc") is not None and story["id"] not in out[m["doc"]]:
                        out[m["doc"]].append(story["id"])
            return dict(out)

        return self.cached("doc_stories", build)  # type: ignore[no-any-return]


def mention_span(ann_id: str) -> tuple[int, int] | None:
    """The cleaned-text span an annotation id names (``<kind>:<start>-<end>``), if it follows that form."""
    m = _ANN_SPAN.match(ann_id)
    return (int(m.group(1)), int(m.group(2))) if m else None
