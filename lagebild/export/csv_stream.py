"""Write the CSV tables document by document, without holding the export or the documents.

``write_csv(build_export(...))`` needs the whole export as one dict. ``CsvWriter`` takes each
document's entries (``document_entries``) as they come, turns them into table rows at once and
spools the rows to temporary files beside the target; a table's columns (the keys in order of first
use) are known only after its last row, so the files are written at the end, from the spools and
the corpus-wide lists. The files are byte for byte what ``write_csv(build_export(...))`` writes
(tests compare both).
"""

from __future__ import annotations

import csv
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from lagebild.compare import CorpusResult
from lagebild.export.csv_export import _MAIN, LONG_COLUMNS, TABLES, add_columns, link_tables, table_row
from lagebild.export.json_export import document_entries
from lagebild.export.stream import SpooledWriter
from lagebild.model import Document

__all__ = ["CsvWriter"]

#: the tables whose rows come from the documents (``inconsistencies``: the within-article ones, then the corpus's)
_DOC_TABLES = ("documents", "timexes", "quotes", "claims", "inconsistencies")


class _Spool:
    """The rows of one table, pickled to a temporary file as they come (pickle gives back exactly the cells)."""

    def __init__(self, folder: Path) -> None:
        # closed by ``SpooledWriter.__exit__``
        self.handle: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self.columns: list[str] = []
        self.seen: set[str] = set()

    def add(self, row: dict[str, Any]) -> None:
        add_columns(self.columns, self.seen, row)
        pickle.dump(row, self.handle, protocol=pickle.HIGHEST_PROTOCOL)

    def rows(self) -> Iterator[dict[str, Any]]:
        self.handle.seek(0)
        while True:
            try:
                yield pickle.load(self.handle)  # our own temporary file
            except EOFError:
                return


class CsvWriter(SpooledWriter):
    """``with CsvWriter(folder, corpus) as out: out.add(doc, sources)`` for every document in id order.

    The tables are written when the block ends without an error (``paths`` lists them); an error writes none.
    """

    def __init__(self, folder: str | Path, corpus: CorpusResult) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.corpus = corpus
        self.rows = {table: _Spool(self.folder) for table in _DOC_TABLES}
        self.long = {table: _Spool(self.folder) for table in _DOC_TABLES}
        self.paths: list[Path] = []

    def _handles(self) -> Iterable[IO[bytes]]:
        return (spool.handle for spool in (*self.rows.values(), *self.long.values()))

    def add(self, doc: Document, sources: Iterable[Any]) -> None:
        """Add one document (with its sources) and its annotations, as ``build_export`` does."""
        self.add_entries(document_entries(doc, sources, self.corpus))

    def add_entries(self, entries: Iterable[tuple[str, Any]]) -> None:
        """Add one document's ``document_entries`` (when another writer takes the same entries)."""
        for table, item in entries:
            self._add(table, item)

    def _add(self, table: str, item: Any) -> None:
        row, longs = table_row(table, item)
        self.rows[table].add(row)
        for long in longs:
            self.long[table].add(long)

    def _finish(self) -> None:
        corpus = self.corpus
        for item in corpus.inconsistencies:
            self._add("inconsistencies", item)
        whole = {"entities": corpus.entities, "events": corpus.events, "stories": corpus.stories,
                 "claim_groups": corpus.claim_groups, "timeline": corpus.timeline}
        links = link_tables(whole)
        # the corpus-wide main tables are small: their rows in memory, in ``csv_tables`` order
        corpus_rows: dict[str, tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]] = {}
        for table in (t for t in _MAIN if t not in self.rows):
            columns: list[str] = []
            seen: set[str] = set()
            rows, long_rows = [], []
            for item in whole.get(table, []):
                row, longs = table_row(table, item)
                rows.append(row)
                long_rows.extend(longs)
                add_columns(columns, seen, row)
            corpus_rows[table] = (columns, rows, long_rows)
        for table in TABLES:
            if table == "list_values":
                def long_values() -> Iterator[dict[str, Any]]:
                    for main in _MAIN:
                        yield from self.long[main].rows() if main in self.long else corpus_rows[main][2]
                self._write(table, list(LONG_COLUMNS), long_values())
            elif table in self.rows:
                self._write(table, self.rows[table].columns or ["id"], self.rows[table].rows())
            elif table in links:
                columns, seen = [], set()
                for row in links[table]:
                    add_columns(columns, seen, row)
                self._write(table, columns or ["id"], links[table])
            else:
                self._write(table, corpus_rows[table][0] or ["id"], corpus_rows[table][1])

    def _write(self, table: str, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
        path = self.folder / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        self.paths.append(path)
