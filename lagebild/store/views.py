"""Documents as the corpus-wide stages hold them: views with one copy of each repeated string.

The corpus-wide cross-source stages hold a view of every document at once (its text, metadata
and the annotations of a few kinds). Decoded one by one, each view carries its own copy of
strings that thousands of documents share: the annotation kind and label, the provenance, the
keys of every payload and short payload values ("name", "none", a KB id, a name key), and a
cleaned text equal to the original twice. A ``StringPool`` keeps one copy of each for the views
built with it; the values are equal, only their copies are shared, so nothing a stage computes
changes. Only short strings are pooled: long ones (texts, surfaces of long spans) rarely repeat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lagebild.model import Annotation, Document, Provenance, Span

__all__ = ["StringPool", "decode_rows", "view_from_json", "view_of"]

#: strings up to this length are pooled (names, keys, labels); longer ones are kept as decoded
POOLED_CHARS = 40


class StringPool:
    """One shared copy of each short string (and provenance) of the views built with this pool."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._provs: dict[tuple[str, str], Provenance] = {}

    def text(self, value: str) -> str:
        if len(value) > POOLED_CHARS:
            return value
        return self._strings.setdefault(value, value)

    def prov(self, stage: str, config_hash: str) -> Provenance:
        key = (stage, config_hash)
        got = self._provs.get(key)
        if got is None:
            got = self._provs[key] = Provenance(stage, config_hash)
        return got

    def value(self, value: Any) -> Any:
        """``value`` with its short strings pooled (one level into lists and mappings: payloads are shallow)."""
        if type(value) is str:
            return self.text(value)
        if type(value) is dict:
            return {self.text(k): self.text(v) if type(v) is str else v for k, v in value.items()}
        if type(value) is list:
            return [self.text(v) if type(v) is str else v for v in value]
        return value

    def data(self, data: Mapping[str, Any] | None) -> dict[str, Any]:
        return {self.text(k): self.value(v) for k, v in (data or {}).items()}

    def annotation(self, ann: Annotation) -> Annotation:
        label = ann.label
        return Annotation(ann.id, self.text(ann.kind), ann.span, ann.surface, self.prov(*ann.prov),
                          self.text(label) if label is not None else None, self.data(ann.data))

    def annotation_json(self, obj: Mapping[str, Any]) -> Annotation:
        """``Annotation.from_json(obj)``, its strings pooled."""
        label = obj.get("label")
        prov = obj["prov"]
        return Annotation(obj["id"], self.text(obj["kind"]), Span(obj["start"], obj["end"]), obj["surface"],
                          self.prov(*prov), self.text(label) if label is not None else None, self.data(obj.get("data")))


def view_of(doc: Document, kinds: Iterable[str] | frozenset[str], pool: StringPool) -> Document:
    """A view of ``doc`` with only its annotations of ``kinds``, sharing ``pool``'s copies of repeated strings."""
    from dataclasses import replace

    wanted = kinds if isinstance(kinds, (set, frozenset)) else frozenset(kinds)
    text = doc.original if doc.text == doc.original else doc.text
    return replace(doc, text=text, annotations=[pool.annotation(a) for a in doc.annotations if a.kind in wanted], _ids=set())


def view_from_json(head: Mapping[str, Any], annotations: Iterable[Mapping[str, Any]], pool: StringPool) -> Document:
    """The view ``Document.from_json`` would give of ``head`` (a stored document without its annotations) with
    these ``annotations``, its strings shared through ``pool`` (and the text, when it equals the original)."""
    obj = dict(head)
    obj["annotations"] = []
    if obj.get("text") == obj.get("original"):
        obj["text"] = obj.get("original")
    doc = Document.from_json(obj)
    doc.annotations = [pool.annotation_json(a) for a in annotations]
    return doc


#: rows decoded by one ``json.loads`` call: its decoder keeps one copy of each key for the whole chunk
ROWS_PER_DECODE = 2000


def decode_rows(rows: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """``{id: json.loads(text)}`` for ``(id, text)`` rows, decoded a chunk at a time so that the keys the rows
    share (the words of ``doc_words``) are one string per chunk instead of one per row."""
    import json

    out: dict[str, Any] = {}
    chunk: list[tuple[str, str]] = []

    def flush() -> None:
        decoded = json.loads("[" + ",".join(text for _, text in chunk) + "]")
        out.update(zip((i for i, _ in chunk), decoded, strict=True))
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= ROWS_PER_DECODE:
            flush()
    if chunk:
        flush()
    return out
