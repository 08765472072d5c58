"""Build the ``lagebild.json`` export from a store.

Every span object in the export is ``{doc, start, end, text}`` with offsets into the
ORIGINAL text of the document and ``text == original[start:end]``. Annotation payload keys
follow a convention (``docs/annotations.md``): ``*_span`` holds ``[start, end]`` in the cleaned
text and becomes a span object; ``*_ann``/``*_anns`` hold annotation ids in the same document
and become references (span + resolved entity id).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.compare import CorpusResult
from lagebild.model import Annotation, Document, Span
from lagebild.store import Store

__all__ = ["EXPORT_KEYS", "SCHEMA_VERSION", "annotation_json", "build_export", "document_entries", "document_json", "export_lines", "load_schema",
           "write_export"]

SCHEMA_VERSION = "1.0"
EXPORT_KEYS = (
    "documents",
    "entities",
    "timexes",
    "quotes",
    "claims",
    "events",
    "stories",
    "claim_groups",
    "inconsistencies",
)
#: annotation kind → export key
ANNOTATION_KEYS = {"timex": "timexes", "quote": "quotes", "claim": "claims"}


def load_schema() -> dict[str, Any]:
    """Return the JSON Schema of the export."""
    text = resources.files("lagebild.export").joinpath("lagebild.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def _ref(doc: Document, ann_id: str, corpus: CorpusResult) -> dict[str, Any] | None:
    ann = doc.get(ann_id)
    if ann is None:
        return None
    global_id = f"{doc.id}#{ann.id}"
    return {"id": global_id, **doc.span_json(ann.span), "entity": corpus.mention_entity.get(global_id)}


def annotation_json(doc: Document, ann: Annotation, corpus: CorpusResult) -> dict[str, Any]:
    """Export one annotation: payload (references resolved) plus its span in original offsets."""
    out: dict[str, Any] = {}
    data = ann.data

    def target(key: str, suffix: str) -> str:
        # No two payload keys may land on one export key: "anchor_ann" becomes "anchor_ref" when
        # the payload has its own "anchor"; "speaker_span" stays "speaker_span" when "speaker_ann"
        # (exported as "speaker") exists.
        base = key[: -len(suffix)]
        if suffix == "_span":
            return key if (f"{base}_ann" in data or base in data) else base
        return f"{base}_ref" if base in data else base

    for key, value in data.items():
        if key.endswith("_span"):
            out[target(key, "_span")] = doc.span_json(Span(*value)) if value else None
        elif key.endswith("_anns"):
            out[target(key, "_anns")] = [r for r in (_ref(doc, v, corpus) for v in value or []) if r]
        elif key.endswith("_ann"):
            out[target(key, "_ann")] = _ref(doc, value, corpus) if value else None
        else:
            out[key] = value
    out.update({"id": f"{doc.id}#{ann.id}", "kind": ann.kind, "label": ann.label, "stage": ann.prov.stage})
    out.update(doc.span_json(ann.span))
    return out


def document_json(doc: Document, sources: Iterable[Mapping[str, Any]], corpus: CorpusResult) -> dict[str, Any]:
    meta = doc.meta
    published = meta.published.to_json()
    kind = meta.extra.get("published_kind")
    if published.get("value") and isinstance(kind, str):
        # "updated" (only an update date is printed) and "crawl" (the month the page was stored) are upper bounds
        published["kind"] = kind
        if kind in ("updated", "crawl"):
            published["not_after"] = published["value"]
        elif kind == "agency_item":  # the day an agency first sent the item: the page is of that day or later
            published["not_before"] = published["value"]
            published["not_before_precision"] = published.get("precision")
    inferred = corpus.inferred_dates.get(doc.id)
    if inferred and not published.get("value"):
        published = {**inferred, "inferred": True}
    entry = {
        "id": doc.id,
        "path": doc.source.path,
        "sources": [s.get("path") for s in sources] or [doc.source.path],
        "format": doc.source.format,
        "encoding": doc.source.encoding,
        "offsets_base": doc.source.offsets_base,
        "hash": doc.hash,
        "title": meta.title,
        "published": published,
        "author": meta.author,
        "outlet": meta.outlet,
        "section": meta.section,
        "agencies": list(meta.extra.get("agencies") or []),
        "language": meta.language,
        "url": meta.url,
        "text": doc.text,
        "removed": [
            {"doc": doc.id, "start": r.start, "end": r.end, "text": doc.original[r.start : r.end], "reason": r.reason}
            for r in doc.removed
        ],
        "failures": [f.to_json() for f in doc.failures],
    }
    rejected = meta.extra.get("rejected_date")
    if isinstance(rejected, dict):  # the only date found lay after the crawl or file time: kept to be checked
        entry["rejected_date"] = rejected
    return entry


def document_entries(doc: Document, sources: Iterable[Mapping[str, Any]], corpus: CorpusResult) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(export key, entry)`` for one document: the document itself, then its exported annotations in order.

    The one place that decides what a document adds to the export: ``build_export`` and the streamed
    writers (``ExportWriter``, ``CsvWriter``) all take their entries from here.
    """
    yield "documents", document_json(doc, sources, corpus)
    for ann in doc.annotations:
        key = ANNOTATION_KEYS.get(ann.kind) or ("inconsistencies" if ann.kind == "inconsistency" else None)
        if key:
            yield key, annotation_json(doc, ann, corpus)


def build_export(
    store: Store,
    *,
    corpus: CorpusResult | None = None,
    documents: Iterable[Document] | None = None,
    sources: Mapping[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Return the whole export as a dict (keys in ``EXPORT_KEYS`` always present).

    ``documents`` (every stored document, in id order) and ``sources`` (by document id), when the
    caller already holds them, spare reading the store again; they must be what the store holds.
    """
    corpus = corpus or store.load_corpus()
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    out.update({key: [] for key in EXPORT_KEYS})
    for doc in store.iter_documents() if documents is None else documents:
        doc_sources = sources[doc.id] if sources is not None and doc.id in sources else store.sources(doc.id)
        for key, item in document_entries(doc, doc_sources, corpus):
            out[key].append(item)
    out["entities"] = corpus.entities
    out["events"] = corpus.events
    out["stories"] = corpus.stories
    out["claim_groups"] = corpus.claim_groups
    out["inconsistencies"].extend(corpus.inconsistencies)
    out["timeline"] = corpus.timeline
    out["coverage"] = corpus.coverage
    out["duplicates"] = corpus.duplicates
    out["failures"] = corpus.failures
    return out


#: ``json.dumps(obj, ensure_ascii=False)`` on the C encoder: with ``indent`` json falls back to its
#: pure-Python encoder, which took a second per 1,000 articles while the user waited
_compact = json.JSONEncoder(ensure_ascii=False).encode


def export_lines(data: Mapping[str, Any]) -> Iterator[str]:
    """The export as JSON text in pieces: each entry of a top-level list on a line of its own.

    One line per document, entity, claim … stays readable and greppable, and each line is
    encoded by the C encoder; ``json.loads`` of the text gives ``data`` back.
    """
    yield "{"
    for n, (key, value) in enumerate(data.items()):
        yield ("," if n else "") + "\n " + _compact(str(key)) + ": "
        if isinstance(value, list) and value:
            yield "["
            for i, item in enumerate(value):
                yield ("," if i else "") + "\n  " + _compact(item)
            yield "\n ]"
        else:
            yield _compact(value)
    yield "\n}\n"


def write_export(data: Mapping[str, Any], path: str | Path) -> Path:
    """Write the export as UTF-8 JSON (one line per list entry, see ``export_lines``); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(export_lines(data))
    tmp.replace(target)  # never leave a half-written export behind
    return target
