"""Each document's part of the outputs, kept as a row so that a run writes again only what changed.

The export, the CSV tables and the report take from each document its export entries
(``document_entries``), its metadata for the report's list of articles (``document_meta``) and
its within-article inconsistencies. Building them means reading the whole document from the
store and parsing it (most of the time of the export pass); yet what they depend on besides the
document is small: its sources, its inferred publication date and the entity of each of its
mentions. ``DocumentOutput`` holds that part, encoded as the export writes it, and
``OutputKeys.digest`` names what it was made from, with the document's save generation (which
the store counts by itself on every save, whoever saves it: a part never outlives the version of
the document it was built from). The store keeps it per document (``doc_outputs``), so a run that adds articles to a large
store reads the stored parts of the untouched documents instead of the documents themselves,
and the files are byte for byte what building every part again gives (tests).

The sources are not in the digest: they are only the list of paths a document was found under,
so a stored part takes the current list (``DocumentOutput.with_sources``) instead of being built
again. A file moved or renamed (its content found in the store under a new path) costs no part.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lagebild.compare import CorpusResult
from lagebild.export.json_export import ANNOTATION_KEYS, _compact, document_entries
from lagebild.model import Document
from lagebild.store import Store

__all__ = ["DocumentOutput", "OutputKeys", "canonical_sources", "document_outputs", "sources_and_digests"]

log = logging.getLogger(__name__)

#: the annotation lists the report counts at the top (the export keys of ``ANNOTATION_KEYS``)
_COUNTED = frozenset(ANNOTATION_KEYS.values())


@dataclass
class DocumentOutput:
    """One document's part of the export (each entry as the compact JSON the export file holds) and of the report."""

    #: ``(export key, entry as compact JSON)`` in the order of ``document_entries``
    entries: list[tuple[str, str]]
    #: ``document_meta``: the report's metadata of the document
    meta: dict[str, Any]
    #: the report's items of the document's within-article inconsistencies
    inconsistencies: list[dict[str, Any]]

    #: the entries as ``document_entries`` gave them, when this part was just built (else decoded by ``items``)
    built: list[tuple[str, Any]] | None = None
    #: the counts of a part built for the report alone (``for_report``: no entries, never stored)
    counted: dict[str, int] | None = None

    @classmethod
    def of(cls, doc: Document, sources: Iterable[Mapping[str, Any]], corpus: CorpusResult) -> DocumentOutput:
        from lagebild.report.view import document_meta, inconsistency_items

        sources = list(sources)
        built = list(document_entries(doc, sources, corpus))
        return cls([(key, _compact(item)) for key, item in built], document_meta(doc, sources, corpus), inconsistency_items(doc), built)

    @classmethod
    def for_report(cls, doc: Document, sources: Iterable[Mapping[str, Any]], corpus: CorpusResult) -> DocumentOutput:
        """The report's half of the part alone (a report written without export or tables builds no entries)."""
        from lagebild.report.view import document_meta, inconsistency_items

        counted: dict[str, int] = defaultdict(int)
        for ann in doc.annotations:
            key = ANNOTATION_KEYS.get(ann.kind)
            if key:
                counted[key] += 1
        return cls([], document_meta(doc, list(sources), corpus), inconsistency_items(doc), counted=dict(counted))

    def with_sources(self, sources: Sequence[Mapping[str, Any]]) -> DocumentOutput:
        """This part with the document's sources now ``sources`` (its ``documents`` entry and metadata), as
        ``document_json`` gives them; itself when they are the ones it was built with."""
        paths = [s.get("path") for s in sources] or [self.meta.get("path")]
        if self.meta.get("sources") == paths or not self.entries or self.entries[0][0] != "documents":
            return self
        key, entry = self.entries[0]
        entries = [(key, _replace_sources(entry, paths)), *self.entries[1:]]
        built = None if self.built is None else [(key, {**self.built[0][1], "sources": paths}), *self.built[1:]]
        return DocumentOutput(entries, {**self.meta, "sources": paths}, self.inconsistencies, built, self.counted)

    def items(self) -> list[tuple[str, Any]]:
        """The entries as ``document_entries`` gives them (for the CSV tables)."""
        if self.built is not None:
            return self.built
        return [(key, json.loads(text)) for key, text in self.entries]

    def counts(self) -> dict[str, int]:
        """How many entries each counted annotation list gets from this document."""
        if self.counted is not None:
            return dict(self.counted)
        out: dict[str, int] = defaultdict(int)
        for key, _ in self.entries:
            if key in _COUNTED:
                out[key] += 1
        return out

    def encode(self) -> bytes:
        if self.counted is not None:
            raise ValueError("a part built for the report alone has no entries to keep")
        # compact JSON holds no raw line break or tab (both are escaped in strings): one entry per line,
        # its key before a tab, so reading needs no JSON decoding of the entries
        head = _compact({"meta": self.meta, "inconsistencies": self.inconsistencies})
        text = "\n".join([head, *(f"{key}\t{entry}" for key, entry in self.entries)])
        return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    @classmethod
    def decode(cls, blob: bytes) -> DocumentOutput:
        head, *lines = zlib.decompress(blob).decode("utf-8", "surrogatepass").split("\n")
        top = json.loads(head)
        entries = [(key, entry) for key, _, entry in (line.partition("\t") for line in lines)]
        return cls(entries, top["meta"], top["inconsistencies"])


#: how the ``documents`` entry of a part begins its ``sources`` (``document_json``'s key order, ``_compact``'s
#: separators); a JSON string holds ``"`` only escaped, so the id and path before it cannot hold this text
_SOURCES_KEY = ', "sources": ['
_SOURCES_END = '], "format": '


def _replace_sources(entry: str, paths: list[Any]) -> str:
    """The encoded ``documents`` entry ``entry`` with ``paths`` as its ``sources`` (found by text: no decoding of its text)."""
    start = entry.index(_SOURCES_KEY) + len(_SOURCES_KEY) - 1
    end = entry.index(_SOURCES_END, start) + 1
    return entry[:start] + _compact(paths) + entry[end:]


class OutputKeys:
    """What a document's ``DocumentOutput`` depends on besides the document and its sources, as one digest per document.

    The document stands in it by its save generation (``Store.document_generations``): any save of
    the document changes it, also one by a lagebild that does not know the stored parts. The code
    version is in it, so an update of lagebild builds every part again. The sources are not: a
    stored part is given the current ones (``DocumentOutput.with_sources``).
    """

    def __init__(self, corpus: CorpusResult, version: str) -> None:
        self.version = version
        self.inferred = corpus.inferred_dates
        self.mentions: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        for mention, entity in corpus.mention_entity.items():
            self.mentions[mention.rpartition("#")[0]].append((mention, entity))

    def digest(self, doc_id: str, generation: int | None = None) -> str:
        mentions = sorted(self.mentions.get(doc_id, ()), key=lambda m: m[0])
        payload = _compact([self.version, doc_id, generation, self.inferred.get(doc_id), mentions])
        return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def canonical_sources(sources: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The sources in the order the stores return them (path, then record), whatever order they came in."""
    def key(source: Mapping[str, Any]) -> tuple[str, int, str]:
        record = source.get("record")
        return str(source.get("path", "")), record if isinstance(record, int) else -1, _compact(source)

    return sorted(sources, key=key)


def sources_and_digests(store: Store, keys: OutputKeys, ids: Sequence[str]
                        ) -> tuple[dict[str, list[Mapping[str, Any]]], dict[str, str]]:
    """The stored sources of the documents ``ids`` (canonical order) and the digest each one's output part has
    under ``keys``: what the export and the workers that build parts both key a part by."""
    sources = {i: canonical_sources(found) for i, found in store.sources_of(ids).items()}
    generations = store.document_generations(ids)
    return sources, {i: keys.digest(i, generations.get(i)) for i in ids}


def document_outputs(store: Store, corpus: CorpusResult, *, batch: int, version: str,
                     entries: bool = True) -> Iterator[tuple[str, DocumentOutput]]:
    """``(id, output part)`` of every stored document in id order, ``batch`` documents at a time.

    A part stored under the digest this ``corpus`` gives is taken as it is; the documents of the
    others are read and their parts built and stored (a store that cannot be written to only
    loses the saving: the parts are a cache). ``entries`` False (the caller writes the report
    alone): the others get only the report's half (``DocumentOutput.for_report``), not stored.
    """
    keys = OutputKeys(corpus, version)
    ids = store.document_ids()
    failed = False
    for k in range(0, len(ids), max(1, batch)):
        chunk = ids[k : k + batch]
        stored = store.document_outputs(chunk)
        sources, digests = sources_and_digests(store, keys, chunk)
        missing = [i for i in chunk if stored.get(i, ("", b""))[0] != digests[i]]
        docs = store.get_documents(missing) if missing else {}
        new: list[tuple[str, str, bytes]] = []
        for i in chunk:
            if i in docs and not entries:
                part = DocumentOutput.for_report(docs.pop(i), sources.get(i, []), corpus)
            elif i in docs:
                part = DocumentOutput.of(docs.pop(i), sources.get(i, []), corpus)
                new.append((i, digests[i], part.encode()))
            elif i in stored and i not in missing:
                part = DocumentOutput.decode(stored[i][1]).with_sources(sources.get(i, []))
            else:
                continue  # deleted while this ran
            yield i, part
        if new:
            try:
                store.save_document_outputs(new)
            except Exception as exc:  # only a cache: this run's files are complete, the next run builds these parts again
                # said once per run (a store that refuses one batch mostly refuses all), the rest at debug level
                level = logging.DEBUG if failed else logging.WARNING
                failed = True
                log.log(level, "could not keep the output parts of %d document(s) (first: %s) in the store: %s: %s; "
                        "the outputs are complete, the next run builds these parts again", len(new), new[0][0], type(exc).__name__, exc)
                log.debug("saving output parts failed", exc_info=True)
