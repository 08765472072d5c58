"""The one data model: documents, standoff annotations and the offset map back to the original.

Pure data, no I/O. Imports nothing else from the package except ``errors``.

Offsets
-------
``Document.original`` is the text exactly as decoded from the input (never mutated).
``Document.text`` is the cleaned text that stages annotate. It is built only from slices of
``original`` plus inserted separators, so ``OffsetMap`` maps any cleaned-text span back to a
span of ``original``. Exports always use original offsets: ``original[start:end] == text``.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lagebild.errors import OffsetError

__all__ = [
    "Annotation",
    "ArticleMeta",
    "DateValue",
    "Document",
    "OffsetMap",
    "Provenance",
    "Removed",
    "SourceRef",
    "Span",
    "StageFailure",
    "TextBuilder",
    "content_hash",
]


def content_hash(text: str) -> str:
    """Return the sha256 hex digest of ``text`` (UTF-8); the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise OffsetError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Provenance(NamedTuple):
    """Which stage (registry name incl. version) with which config produced a value."""

    stage: str
    config_hash: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A standoff annotation over ``Document.text``.

    ``data`` holds the kind's payload; the keys of each kind are documented in
    ``docs/annotations.md``. ``id`` is unique within the document and stable across runs.
    """

    id: str
    kind: str
    span: Span
    surface: str
    prov: Provenance
    label: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": self.span.start,
            "end": self.span.end,
            "surface": self.surface,
            "label": self.label,
            "data": dict(self.data),
            "prov": list(self.prov),
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Annotation:
        return cls(
            id=obj["id"],
            kind=obj["kind"],
            span=Span(obj["start"], obj["end"]),
            surface=obj["surface"],
            prov=Provenance(*obj["prov"]),
            label=obj.get("label"),
            data=dict(obj.get("data") or {}),
        )


class _Segment(NamedTuple):
    text_start: int
    orig_start: int
    length: int


@dataclass(slots=True)
class OffsetMap:
    """Piecewise map from cleaned-text offsets to original offsets.

    Each segment says: ``text[t:t+n] == original[o:o+n]``. Characters between segments in
    the cleaned text were inserted (separators) and map to the nearest copied neighbour.
    """

    segments: list[_Segment] = field(default_factory=list)
    # Segment starts for bisection, built on first use (exports map every annotation).
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([_Segment(0, 0, length)] if length else [])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text span to the smallest original span that covers its copied chars."""
        if not self.segments:
            return (0, 0)
        if end <= start:
            pos = self._point(start, prefer_right=True)
            return (pos, pos)
        first = self._point(start, prefer_right=True)
        last = self._point(end - 1, prefer_right=False) + 1
        # A span made only of inserted separators covers no original character.
        return (first, max(first, last))

    def _point(self, t: int, *, prefer_right: bool) -> int:
        starts = getattr(self, "_starts", ())  # absent on maps unpickled from before this slot
        if len(starts) != len(self.segments) or (starts and starts[-1] != self.segments[-1].text_start):
            starts = self._starts = [s.text_start for s in self.segments]
        i = bisect.bisect_right(starts, t) - 1
        if i >= 0:
            seg = self.segments[i]
            if t < seg.text_start + seg.length:
                return seg.orig_start + (t - seg.text_start)
        # ``t`` is an inserted character: snap to a neighbouring copied character.
        if prefer_right and i + 1 < len(self.segments):
            return self.segments[i + 1].orig_start
        if i >= 0:
            seg = self.segments[i]
            return seg.orig_start + max(seg.length - 1, 0)
        return self.segments[0].orig_start

    def to_json(self) -> list[list[int]]:
        return [list(s) for s in self.segments]

    @classmethod
    def from_json(cls, obj: Iterable[Iterable[int]]) -> OffsetMap:
        return cls([_Segment(*seg) for seg in obj])


class TextBuilder:
    """Build a cleaned text from original slices and inserted separators, with its map."""

    def __init__(self, original: str) -> None:
        self._original = original
        self._parts: list[str] = []
        self._segments: list[_Segment] = []
        self._len = 0

    def copy(self, start: int, end: int) -> None:
        """Append ``original[start:end]`` verbatim."""
        if end <= start:
            return
        last = self._segments[-1] if self._segments else None
        if last and last.text_start + last.length == self._len and last.orig_start + last.length == start:
            self._segments[-1] = _Segment(last.text_start, last.orig_start, last.length + end - start)
        else:
            self._segments.append(_Segment(self._len, start, end - start))
        self._parts.append(self._original[start:end])
        self._len += end - start

    def insert(self, text: str) -> None:
        """Append text that is not in the original (a separator)."""
        self._parts.append(text)
        self._len += len(text)

    def __len__(self) -> int:
        return self._len

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(list(self._segments))


@dataclass(slots=True)
class DateValue:
    """A calendar value at the precision actually given (``year``/``month``/``day``/``minute``)."""

    value: str | None = None
    precision: str | None = None
    inferred: bool = False
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "inferred": self.inferred, "reason": self.reason}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any] | None) -> DateValue:
        obj = obj or {}
        return cls(obj.get("value"), obj.get("precision"), bool(obj.get("inferred")), obj.get("reason"))


@dataclass(slots=True)
class SourceRef:
    """Where a document came from: file, record inside it, and how its bytes were decoded."""

    path: str
    format: str = "txt"
    record: int | None = None
    encoding: str | None = None
    encoding_reason: str | None = None
    byte_size: int | None = None
    url: str | None = None
    offsets_base: str = "file"  # "file": original is the decoded file; "extracted": text from an HTML extractor

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "record": self.record,
            "encoding": self.encoding,
            "encoding_reason": self.encoding_reason,
            "byte_size": self.byte_size,
            "url": self.url,
            "offsets_base": self.offsets_base,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> SourceRef:
        fields: dict[str, Any] = {k: obj.get(k) for k in cls.__slots__ if k in obj}
        return cls(**fields)


@dataclass(slots=True)
class ArticleMeta:
    """Article metadata; every field may stay ``None`` when the source does not give it."""

    title: str | None = None
    published: DateValue = field(default_factory=DateValue)
    author: str | None = None
    outlet: str | None = None
    section: str | None = None
    language: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "published": self.published.to_json(),
            "author": self.author,
            "outlet": self.outlet,
            "section": self.section,
            "language": self.language,
            "url": self.url,
            "extra": self.extra,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> ArticleMeta:
        return cls(
            title=obj.get("title"),
            published=DateValue.from_json(obj.get("published")),
            author=obj.get("author"),
            outlet=obj.get("outlet"),
            section=obj.get("section"),
            language=obj.get("language"),
            url=obj.get("url"),
            extra=dict(obj.get("extra") or {}),
        )


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the original that cleaning dropped, and why (nothing is lost silently)."""

    start: int  # original offsets
    end: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage that failed on this document; recorded, counted, never fatal for the batch."""

    stage: str
    error: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"stage": self.stage, "error": self.error, "message": self.message}


@dataclass(slots=True)
class Document:
    """One article: immutable original, cleaned text with its offset map, meta and annotations."""

    id: str
    original: str
    source: SourceRef
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    removed: list[Removed] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    failures: list[StageFailure] = field(default_factory=list)
    produced: set[str] = field(default_factory=set)  # capabilities set by stages that ran
    _ids: set[str] = field(default_factory=set, repr=False, compare=False)  # annotation ids in use

    @property
    def hash(self) -> str:
        return content_hash(self.original)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle compactly: documents travel between processes, each with hundreds of annotations.

        Annotations go as plain tuples, a surface equal to its text slice is left out, and a
        cleaned text equal to the original is sent once. ``_ids`` is rebuilt on demand by ``add``.
        """
        text = self.text
        anns = []
        for a in self.annotations:
            start, end = a.span.start, a.span.end
            surface = None if a.surface == text[start:end] else a.surface
            anns.append((a.id, a.kind, start, end, surface, a.prov, a.label, a.data))
        state = (
            self.id, self.original, self.source, None if text == self.original else text, self.offsets,
            self.meta, self.removed, anns, self.failures, self.produced,
        )
        return (_unpickle_document, state)

    def set_text(self, text: str, offsets: OffsetMap) -> None:
        """Replace the cleaned text; only allowed before any annotation exists."""
        if self.annotations:
            raise OffsetError(f"{self.id}: cannot replace text after {len(self.annotations)} annotations")
        self.text = text
        self.offsets = offsets

    def add(
        self,
        kind: str,
        span: Span,
        prov: Provenance,
        *,
        label: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Annotation:
        """Add an annotation over ``self.text``; ids are ``<kind>:<start>-<end>`` (+ ``#n`` if repeated)."""
        if not 0 <= span.start <= span.end <= len(self.text):
            raise OffsetError(f"{self.id}: {kind} span {span} outside text of length {len(self.text)} ({prov.stage})")
        base = f"{kind}:{span.start}-{span.end}"
        if len(self._ids) != len(self.annotations):  # annotations were assigned directly
            self._ids = {a.id for a in self.annotations}
        ann_id, n = base, 1
        while ann_id in self._ids:
            n += 1
            ann_id = f"{base}#{n}"
        ann = Annotation(ann_id, kind, span, self.text[span.start : span.end], prov, label, dict(data or {}))
        self.annotations.append(ann)
        self._ids.add(ann_id)
        return ann

    def of_kind(self, kind: str) -> list[Annotation]:
        return [a for a in self.annotations if a.kind == kind]

    def get(self, ann_id: str) -> Annotation | None:
        """Return the annotation with this id (``None`` if there is none)."""
        for a in self.annotations:
            if a.id == ann_id:
                return a
        return None

    def original_span(self, span: Span) -> tuple[int, int]:
        """Map a span of the cleaned text to original offsets."""
        return self.offsets.to_original(span.start, span.end)

    def span_json(self, span: Span) -> dict[str, Any]:
        """The export form of a span: original offsets and the original text they cover."""
        start, end = self.original_span(span)
        return {"doc": self.id, "start": start, "end": end, "text": self.original[start:end]}

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "original": self.original,
            "source": self.source.to_json(),
            "text": self.text,
            "offsets": self.offsets.to_json(),
            "meta": self.meta.to_json(),
            "removed": [r.to_json() for r in self.removed],
            "annotations": [a.to_json() for a in self.annotations],
            "failures": [f.to_json() for f in self.failures],
            "produced": sorted(self.produced),
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Document:
        return cls(
            id=obj["id"],
            original=obj["original"],
            source=SourceRef.from_json(obj["source"]),
            text=obj.get("text", ""),
            offsets=OffsetMap.from_json(obj.get("offsets") or []),
            meta=ArticleMeta.from_json(obj.get("meta") or {}),
            removed=[Removed(**r) for r in obj.get("removed") or []],
            annotations=[Annotation.from_json(a) for a in obj.get("annotations") or []],
            failures=[StageFailure(**f) for f in obj.get("failures") or []],
            produced=set(obj.get("produced") or []),
        )


def _unpickle_document(
    doc_id: str,
    original: str,
    source: SourceRef,
    text: str | None,
    offsets: OffsetMap,
    meta: ArticleMeta,
    removed: list[Removed],
    anns: list[tuple[Any, ...]],
    failures: list[StageFailure],
    produced: set[str],
) -> Document:
    """Rebuild a document pickled by ``Document.__reduce__``."""
    text = original if text is None else text
    annotations = [
        Annotation(ann_id, kind, Span(start, end), text[start:end] if surface is None else surface, prov, label, data)
        for ann_id, kind, start, end, surface, prov, label, data in anns
    ]
    return Document(doc_id, original, source, text, offsets, meta, removed, annotations, failures, produced)
