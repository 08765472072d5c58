"""Write ``lagebild.json`` document by document, without holding the export or the documents.

``build_export`` + ``write_export`` build the whole export as one dict before writing it: at
10,000 articles that is over a gigabyte of Python objects in the main process. ``ExportWriter``
takes the documents one at a time (in id order, as ``build_export`` reads them), writes each
document-derived list to a temporary file beside the target as it goes, and joins them with the
corpus-wide lists at the end. The file is byte for byte what ``write_export(build_export(...))``
writes (tests compare both).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from lagebild.compare import CorpusResult
from lagebild.export.json_export import ANNOTATION_KEYS, EXPORT_KEYS, SCHEMA_VERSION, _compact, document_entries
from lagebild.model import Document

__all__ = ["ExportWriter", "SpooledWriter"]

#: the export keys whose entries come from the documents (``inconsistencies``: the within-article ones, then the corpus's)
_DOC_KEYS = ("documents", *sorted(set(ANNOTATION_KEYS.values())), "inconsistencies")


class _List:
    """One top-level list of the export, spooled to a temporary file entry by entry."""

    def __init__(self, folder: Path) -> None:
        # closed by ``SpooledWriter.__exit__``
        self.handle: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)  # noqa: SIM115
        self.count = 0

    def add(self, item: Any) -> None:
        self.add_encoded(_compact(item))

    def add_encoded(self, text: str) -> None:
        self.handle.write(("," if self.count else "") + "\n  " + text)
        self.count += 1


class SpooledWriter:
    """A writer that spools what it is given to temporary files and writes its output when its ``with``
    block ends without an error; the temporary files are closed (and so removed) either way."""

    def _finish(self) -> None:
        raise NotImplementedError

    def _handles(self) -> Iterable[IO[Any]]:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            if kind is None:
                self._finish()
        finally:
            for handle in self._handles():
                handle.close()


class ExportWriter(SpooledWriter):
    """``with ExportWriter(path, corpus) as out: out.add(doc, sources)`` for every document in id order.

    The file appears (atomically) when the block ends without an error; an error leaves no export behind.
    """

    def __init__(self, path: str | Path, corpus: CorpusResult) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.corpus = corpus
        self.lists = {key: _List(self.path.parent) for key in _DOC_KEYS}
        #: how many entries each document-derived list got (the report counts them)
        self.counts: dict[str, int] = {}

    def _handles(self) -> Iterable[IO[Any]]:
        return (part.handle for part in self.lists.values())

    def add(self, doc: Document, sources: Iterable[Mapping[str, Any]]) -> None:
        """Add one document (with its sources) and its annotations, as ``build_export`` does."""
        self.add_entries(document_entries(doc, sources, self.corpus))

    def add_entries(self, entries: Iterable[tuple[str, Any]]) -> None:
        """Add one document's ``document_entries`` (when another writer takes the same entries)."""
        for key, item in entries:
            self.lists[key].add(item)

    def add_encoded(self, entries: Iterable[tuple[str, str]]) -> None:
        """Add one document's entries already encoded as compact JSON (``DocumentOutput.entries``)."""
        for key, text in entries:
            self.lists[key].add_encoded(text)

    def _finish(self) -> None:
        corpus = self.corpus
        for item in corpus.inconsistencies:
            self.lists["inconsistencies"].add(item)
        self.counts = {key: part.count for key, part in self.lists.items()}
        tail: dict[str, Any] = {
            "entities": corpus.entities,
            "events": corpus.events,
            "stories": corpus.stories,
            "claim_groups": corpus.claim_groups,
            "timeline": corpus.timeline,
            "coverage": corpus.coverage,
            "duplicates": corpus.duplicates,
            "failures": corpus.failures,
        }
        order = ["schema_version", *EXPORT_KEYS, "timeline", "coverage", "duplicates", "failures"]
        tmp = self.path.with_suffix(".json.tmp")
        with tmp.open("w", encoding="utf-8") as out:
            out.write("{")
            for n, key in enumerate(order):
                out.write(("," if n else "") + "\n " + _compact(key) + ": ")
                if key == "schema_version":
                    out.write(_compact(SCHEMA_VERSION))
                elif key in self.lists:
                    part = self.lists[key]
                    if not part.count:
                        out.write("[]")
                        continue
                    out.write("[")
                    part.handle.seek(0)
                    shutil.copyfileobj(part.handle, out)
                    out.write("\n ]")
                else:
                    _write_value(out, tail[key])
            out.write("\n}\n")
        tmp.replace(self.path)  # never leave a half-written export behind


def _write_value(out: IO[str], value: Any) -> None:
    """One top-level value as ``export_lines`` writes it (a list: one entry per line)."""
    if isinstance(value, list) and value:
        out.write("[")
        for i, item in enumerate(value):
            out.write(("," if i else "") + "\n  " + _compact(item))
        out.write("\n ]")
    else:
        out.write(_compact(value))
