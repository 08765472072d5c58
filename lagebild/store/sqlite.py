"""SQLite store: one file, WAL mode, one transaction per saved batch of documents."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from lagebild.compare import CorpusResult
from lagebild.compare.duplicates import SignatureRow
from lagebild.compare.per_story import StoryPart
from lagebild.errors import StoreError
from lagebild.model import Document, SourceRef
from lagebild.store.corpus_rows import CorpusRow, assemble, corpus_rows, encode, parts_of, story_key, story_rows
from lagebild.store.reads import DOC_ROW_COLUMNS, document_where, unique_ids
from lagebild.store.rows import DocumentRows, rows_to_save
from lagebild.store.schema import LEGACY_TABLES, SCHEMA_VERSION, SQLITE_SCHEMA, migration_steps
from lagebild.store.search import build_fts_row, fts_query, make_snippet, search_filters
from lagebild.store.views import StringPool, decode_rows, view_from_json

__all__ = ["SQLiteStore"]


def _digest(raw: str) -> bytes:
    """What a stored row is compared by: a digest, so comparing does not hold the stored JSON of the whole corpus."""
    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class SQLiteStore:
    """A lagebild store in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL never corrupts the file and keeps every committed document when
            # the process is killed; only an OS crash or power cut may undo the last commits. It
            # spares an fsync per document (about 5 ms each, in the main process).
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SQLITE_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.db.commit()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a lagebild store: {exc}") from exc

    def _migrate(self) -> None:
        """Bring a store written by an older version to ``SCHEMA_VERSION`` (``schema.MIGRATIONS``)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        steps = migration_steps(row[0] if row else None)
        if steps:
            with self.db:
                for sql in steps:
                    self.db.execute(sql)
                self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    # -- documents -------------------------------------------------------------------------
    def find_by_hash(self, content_hash: str) -> str | None:
        row = self.db.execute("SELECT id FROM documents WHERE hash = ?", (content_hash,)).fetchone()
        return row["id"] if row else None

    def find_analysis(self, content_hash: str) -> tuple[str, str | None] | None:
        """The id of the document with this content and the fingerprint of its analysis (None: unknown)."""
        row = self.db.execute("SELECT d.id, a.fingerprint FROM documents d LEFT JOIN doc_analysis a ON a.doc_id = d.id "
                              "WHERE d.hash = ?", (content_hash,)).fetchone()
        return (row[0], row[1]) if row else None

    def has_id(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_source(self, doc_id: str, source: SourceRef) -> bool:
        """Record another file/record holding this document; ``False`` if already known or if no
        document ``doc_id`` is stored (yet): a source is never written ahead of its document."""
        with self.db:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO sources(doc_id, path, record, json) SELECT ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                (doc_id, source.path, source.record if source.record is not None else -1, json.dumps(source.to_json()), doc_id),
            )
        return cur.rowcount > 0

    def save_document(self, doc: Document, rows: DocumentRows | None = None, *, analysis: str | None = None) -> None:
        """Insert or replace one document with its annotations, atomically."""
        self.save_documents([doc], None if rows is None else [rows], analysis=analysis)

    def save_documents(self, docs: Sequence[Document], rows: Sequence[DocumentRows | None] | None = None, *,
                       analysis: str | None = None) -> None:
        """Insert or replace documents with their annotations in one transaction (all or none).

        ``rows``: ``document_rows(doc)`` for each document when already computed (e.g. by the
        worker that analysed it); missing or mismatching ones are computed here. ``analysis``: the
        fingerprint of the analysis that produced them (None: unknown, a rerun analyses them again).
        """
        pairs = rows_to_save(docs, rows)
        now = time.time()
        with self.db:
            # Only a document saved before has rows to replace. The search table cannot look up its
            # ``doc_id`` (FTS5 columns have no index), so deleting there reads the whole table:
            # skipping that for new documents keeps saving a large corpus linear.
            stored = {r[0] for r in self.db.execute("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                                                    (json.dumps([d.id for d, _ in pairs]),))}
            for doc, row in pairs:
                meta = doc.meta
                if doc.id in stored:
                    self.db.execute("DELETE FROM annotations WHERE doc_id = ?", (doc.id,))
                    self.db.execute("DELETE FROM documents_fts WHERE doc_id = ?", (doc.id,))
                    # another text: searched for copies again by the next run
                    self.db.execute("DELETE FROM minhash_indexed WHERE doc_id = ?", (doc.id,))
                    self.db.execute("DELETE FROM minhash_bands WHERE doc_id = ?", (doc.id,))
                    self.db.execute("DELETE FROM entity_resolved WHERE doc_id = ?", (doc.id,))  # its mentions changed
                    self.db.execute("DELETE FROM doc_words WHERE doc_id = ?", (doc.id,))
                    self.db.execute("DELETE FROM doc_outputs WHERE doc_id = ?", (doc.id,))
                self.db.execute(
                    """INSERT INTO documents(id, hash, title, published, precision, language, outlet, added_at, json)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT(id) DO UPDATE SET hash=excluded.hash, title=excluded.title,
                         published=excluded.published, precision=excluded.precision, language=excluded.language,
                         outlet=excluded.outlet, json=excluded.json""",
                    (doc.id, doc.hash, meta.title, meta.published.value, meta.published.precision, meta.language, meta.outlet,
                     now, row.json),
                )
                self.db.execute(
                    "INSERT OR IGNORE INTO sources(doc_id, path, record, json) VALUES (?, ?, ?, ?)",
                    (doc.id, doc.source.path, doc.source.record if doc.source.record is not None else -1, json.dumps(doc.source.to_json())),
                )
                self.db.executemany(
                    "INSERT INTO annotations(doc_id, ann_id, kind, label, start, end, text, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc.id, *a) for a in row.annotations],
                )
                self.db.execute("INSERT INTO documents_fts(doc_id, title, body, lemmas) VALUES (?, ?, ?, ?)", build_fts_row(doc, row.lemmas))
                if analysis is None:
                    self.db.execute("DELETE FROM doc_analysis WHERE doc_id = ?", (doc.id,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO doc_analysis(doc_id, fingerprint) VALUES (?, ?)", (doc.id, analysis))

    def get_document(self, doc_id: str) -> Document | None:
        row = self.db.execute("SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_json(json.loads(row["json"])) if row else None

    def iter_documents(self) -> Iterator[Document]:
        ids = self.document_ids()
        for k in range(0, len(ids), 500):  # one query per batch, not per document; bounded memory
            yield from self.get_documents(ids[k : k + 500]).values()

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def sources(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT json FROM sources WHERE doc_id = ? ORDER BY path, record", (doc_id,))
        return [json.loads(r["json"]) for r in rows]

    # -- corpus results --------------------------------------------------------------------
    def save_corpus(self, result: CorpusResult, parts: Sequence[StoryPart] | None = None) -> None:
        """Replace the cross-source results in one transaction.

        ``parts``: the per-story parts ``result`` was merged from; only those not ``reused``
        are written (a reused part's rows are already stored). Without parts the whole result
        is kept as one pool.
        """
        parts = parts_of(result, parts)
        keep = {story_key(p.story): p for p in parts}
        with self.db:
            self.db.execute("DELETE FROM corpus")
            for table in LEGACY_TABLES:  # one value per kind in a store written before rows: outdated from now on
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            encoded = self._save_entities(result.entities)
            self._save_stories(result.stories)
            self._save_corpus_items(corpus_rows(result, encoded))
            gone = [k for (k,) in self.db.execute("SELECT story_key FROM story_parts") if k not in keep or not keep[k].reused]
            self.db.executemany("DELETE FROM story_items WHERE story_key = ?", [(k,) for k in gone])
            self.db.executemany("DELETE FROM story_parts WHERE story_key = ?", [(k,) for k in gone])
            self.db.executemany("UPDATE story_parts SET fingerprint = ? WHERE story_key = ?",
                                [(p.fingerprint, story_key(p.story)) for p in parts if p.reused and p.refingerprinted])
            for part in parts:
                if part.reused:
                    continue
                self.db.execute("INSERT INTO story_parts(story_key, fingerprint) VALUES (?, ?)", (story_key(part.story), part.fingerprint))
                self.db.executemany("INSERT INTO story_items(story_key, kind, position, item_id, json) VALUES (?, ?, ?, ?, ?)",
                                    story_rows(part))
            self.db.execute("INSERT INTO corpus(key, json) VALUES ('version', ?)", (json.dumps(time.time()),))

    # A run that adds articles changes a small part of the corpus-wide results: each table below is
    # compared with what it holds and only the rows that differ are written (rewriting every
    # entity, mention and story was most of the cost of saving an incremental run).
    def _save_entities(self, entities: Sequence[dict[str, Any]]) -> dict[int, str]:
        """Make the entity and mention tables hold ``entities``; return each entity's JSON by ``id()``."""
        encoded = {id(ent): encode(ent) for ent in entities}
        self._replace_changed(("entities", "id, name, type, json"), ("mentions", "entity_id, doc_id, start, end, text"),
                              [(e, encoded[id(e)]) for e in entities],
                              lambda e, raw: (e["id"], e.get("name"), e.get("type"), raw),
                              lambda e: [(e["id"], m["doc"], m["start"], m["end"], m["text"]) for m in e.get("mentions", [])])
        return encoded

    def _save_stories(self, stories: Sequence[dict[str, Any]]) -> None:
        self._replace_changed(("stories", "id, label, json"), ("story_members", "story_id, doc_id, confidence"),
                              [(s, encode(s)) for s in stories],
                              lambda s, raw: (s["id"], s.get("label"), raw),
                              lambda s: [(s["id"], m["doc"], m.get("confidence")) for m in s.get("members", [])])

    def _replace_changed(self, table: tuple[str, str], child: tuple[str, str], items: Sequence[tuple[dict[str, Any], str]],
                         row: Callable[[dict[str, Any], str], tuple[Any, ...]],
                         child_rows: Callable[[dict[str, Any]], list[tuple[Any, ...]]]) -> None:
        """Make a table of rows keyed by ``id`` with their JSON, and its child table, hold ``items`` (item, JSON).

        ``table`` and ``child`` are (name, columns); the child's first column holds the item's id.
        Only items whose JSON differs from the stored row are written; the stored rows of changed and
        of vanished items are deleted first, with their child rows.
        """
        (name, columns), (child_name, child_columns) = table, child
        stored = {r[0]: _digest(r[1]) for r in self.db.execute(f"SELECT id, json FROM {name}")}
        changed = [(item, raw) for item, raw in items if stored.get(item["id"]) != _digest(raw)]
        ids = {item["id"] for item, _ in items}
        redo = json.dumps([i for i in stored if i not in ids] + [item["id"] for item, _ in changed if item["id"] in stored])
        self.db.execute(f"DELETE FROM {name} WHERE id IN (SELECT value FROM json_each(?))", (redo,))
        self.db.execute(f"DELETE FROM {child_name} WHERE {child_columns.split(',')[0]} IN (SELECT value FROM json_each(?))", (redo,))
        # rows made as they are written: a first run's child rows are one per mention of the corpus
        self.db.executemany(f"INSERT INTO {name}({columns}) VALUES ({', '.join('?' * (columns.count(',') + 1))})",
                            (row(item, raw) for item, raw in changed))
        with self._bulk_index(child_name):
            self.db.executemany(f"INSERT INTO {child_name}({child_columns}) VALUES ({', '.join('?' * (child_columns.count(',') + 1))})",
                                (r for item, _ in changed for r in child_rows(item)))

    def _save_corpus_items(self, rows: Iterable[CorpusRow]) -> None:
        stored = {(r[0], r[1]): (r[2], _digest(r[3])) for r in self.db.execute("SELECT kind, position, item_id, json FROM corpus_items")}

        def changed() -> Iterator[CorpusRow]:  # written as made: each row's JSON is let go once written
            for kind, position, item_id, raw in rows:
                if stored.pop((kind, position), None) != (item_id, _digest(raw)):
                    yield kind, position, item_id, raw

        # The order matters: ``changed()`` pops each position it meets from ``stored``, so only after the
        # INSERT has consumed it does ``stored`` hold just the positions past the end of a list that
        # shrank. Deleting ``stored`` before (or without) consuming it deletes unchanged and fresh rows.
        self.db.executemany("INSERT OR REPLACE INTO corpus_items(kind, position, item_id, json) VALUES (?, ?, ?, ?)", changed())
        self.db.executemany("DELETE FROM corpus_items WHERE kind = ? AND position = ?", list(stored))

    def corpus_inputs(self) -> str | None:
        """The digest of what the stored picture was computed from (``save_corpus_inputs``); None after any other save."""
        row = self.db.execute("SELECT json FROM corpus WHERE key = 'inputs'").fetchone()
        return str(json.loads(row[0])) if row else None

    def save_corpus_inputs(self, digest: str) -> None:
        """Note ``digest`` beside the picture just saved (``save_corpus`` drops it: a picture saved otherwise has none)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO corpus(key, json) VALUES ('inputs', ?)", (json.dumps(digest),))

    def load_corpus(self) -> CorpusResult:
        """The cross-source picture, merged from its corpus-wide and per-story rows."""
        if self.db.execute("SELECT 1 FROM story_parts LIMIT 1").fetchone() is None:
            row = self.db.execute("SELECT json FROM corpus WHERE key = 'result'").fetchone()  # a store written before rows
            if row:
                return CorpusResult.from_json(json.loads(row["json"]))
        corpus = ((r[0], r[1], r[2]) for r in self.db.execute("SELECT kind, item_id, json FROM corpus_items ORDER BY kind, position"))
        stories = self.db.execute(
            "SELECT i.story_key, p.fingerprint, i.kind, i.item_id, i.json FROM story_items i JOIN story_parts p USING (story_key) "
            "ORDER BY i.story_key, i.kind, i.position"
        )
        return assemble(corpus, ((r[0], r[1], r[2], r[3], r[4]) for r in stories))

    def save_signatures(self, rows: Iterable[tuple[str, SignatureRow]]) -> None:
        """Keep duplicate-search signatures (``Signature.to_row``) of stored documents."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO doc_signatures(doc_id, settings, digest, members, hashvalues, scheme) "
                "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                [(doc_id, *row, doc_id) for doc_id, row in rows],
            )

    def signatures(self, ids: Iterable[str]) -> Iterator[tuple[str, SignatureRow]]:
        """Yield the stored signature rows of these documents (those without one are left out)."""
        rows = self.db.execute("SELECT doc_id, settings, digest, members, hashvalues, scheme FROM doc_signatures "
                               "WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(unique_ids(ids)),))
        for r in rows:
            yield r[0], (r[1], r[2], r[3], r[4], r[5])

    def corpus_items(self, kind: str) -> list[Any]:
        """The stored corpus-wide results of one kind (e.g. ``duplicate``), in order."""
        return [json.loads(r[0]) for r in self.db.execute("SELECT json FROM corpus_items WHERE kind = ? ORDER BY position", (kind,))]

    def band_index(self) -> tuple[str, set[str]]:
        """The band settings of the stored duplicate search and the documents it covers ("" and none when there is none)."""
        settings: set[str] = set()
        ids: set[str] = set()
        for doc_id, value in self.db.execute("SELECT doc_id, settings FROM minhash_indexed"):
            ids.add(doc_id)
            settings.add(value)
        return (settings.pop(), ids) if len(settings) == 1 else ("", set())

    def band_docs(self, keys: list[int]) -> Iterator[tuple[int, str]]:
        """Yield ``(band key, doc id)`` of the stored band rows with these keys."""
        for k in range(0, len(keys), 50000):
            rows = self.db.execute("SELECT band, doc_id FROM minhash_bands WHERE band IN (SELECT value FROM json_each(?))",
                                   (json.dumps(keys[k : k + 50000]),))
            yield from ((r[0], r[1]) for r in rows)

    def save_bands(self, settings: str, searched: Sequence[str], rows: Iterable[tuple[str, int]], *, replace_all: bool = False) -> None:
        """Keep the band keys of the documents a run searched, and that the stored links now cover them.

        ``replace_all``: drop every stored band row first (made under other settings, or the links were recomputed).
        """
        with self.db:
            if replace_all:
                self.db.execute("DELETE FROM minhash_bands")
                self.db.execute("DELETE FROM minhash_indexed")
            ids = json.dumps(unique_ids(searched))
            self.db.execute("DELETE FROM minhash_bands WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
            with self._bulk_index("minhash_bands"):
                # in key order: the band table is clustered on (band, doc_id), and sorted inserts append to its
                # B-tree; sorting the (doc, key) rows by key alone spares building and comparing 230,000 pairs
                ordered = rows if getattr(rows, "key_ordered", False) else sorted(rows, key=itemgetter(1))
                self.db.executemany("INSERT OR IGNORE INTO minhash_bands(band, doc_id) VALUES (?2, ?1)", ordered)
            self.db.execute("INSERT OR REPLACE INTO minhash_indexed(doc_id, settings) SELECT value, ? FROM json_each(?) "
                            "WHERE value IN (SELECT id FROM documents)", (settings, ids))

    @contextlib.contextmanager
    def _bulk_index(self, table: str) -> Iterator[None]:
        """Insert into ``table`` (inside the caller's transaction); if it is empty, its secondary
        indexes are dropped first and built once after the rows, each from the statement SQLite
        keeps for it (``sqlite_master``), so they stay exactly the schema's.

        Into an empty table (a first run, or every row replaced) one sort builds the index instead of
        a random B-tree insert per row: 1,000 articles write 230,000 band rows, and this halved the
        CPU of saving them. A table that holds rows already gets a few more per run, where building
        the index anew would cost more than it saves.
        """
        bulk = self.db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        # secondary indexes only: those of a primary key or UNIQUE constraint have no statement
        indexes = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                  (table,)).fetchall() if bulk else []
        for name, _ in indexes:
            self.db.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in indexes:
            self.db.execute(sql)

    def entity_index(self) -> tuple[str, set[str], dict[str, list[str]], dict[str, list[dict[str, Any]]]]:
        """The settings of the stored entity index, the documents it covers, their own-outlet names and their
        bare roles still without a person, by document ("" and none when there is no index)."""
        settings: set[str] = set()
        ids: set[str] = set()
        own: dict[str, list[str]] = {}
        roles: dict[str, list[dict[str, Any]]] = {}
        for doc_id, value, names, waiting in self.db.execute("SELECT doc_id, settings, own, roles FROM entity_resolved"):
            ids.add(doc_id)
            settings.add(value)
            if names:
                own[doc_id] = json.loads(names)
            if waiting:
                roles[doc_id] = json.loads(waiting)
        return (settings.pop(), ids, own, roles) if len(settings) == 1 else ("", set(), {}, {})

    def entity_forms(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The forms of the stored entities that have any of these keys, by entity id."""
        out: dict[str, list[dict[str, Any]]] = {}
        for k in range(0, len(keys), 50000):
            rows = self.db.execute("SELECT entity_id, json FROM entity_forms WHERE entity_id IN (SELECT entity_id FROM entity_keys "
                                   "WHERE key IN (SELECT value FROM json_each(?)))", (json.dumps(keys[k : k + 50000]),))
            out.update((r[0], json.loads(r[1])) for r in rows)
        return out

    def save_entity_index(self, settings: str, forms: Mapping[str, tuple[list[dict[str, Any]], set[str]]],
                          resolved: Mapping[str, tuple[list[str], list[dict[str, Any]]]], *, gone: Iterable[str] = (), replace_all: bool = False) -> None:
        """Write the forms and keys of these entities (replacing theirs), drop those of ``gone`` and mark
        ``resolved`` documents as resolved. ``replace_all``: drop every stored row first (the entities were resolved anew)."""
        with self.db:
            if replace_all:
                self.db.execute("DELETE FROM entity_keys")
                self.db.execute("DELETE FROM entity_forms")
                self.db.execute("DELETE FROM entity_resolved")
            ids = json.dumps(sorted(set(forms) | set(gone)))
            self.db.execute("DELETE FROM entity_keys WHERE entity_id IN (SELECT value FROM json_each(?))", (ids,))
            self.db.execute("DELETE FROM entity_forms WHERE entity_id IN (SELECT value FROM json_each(?))", (ids,))
            self.db.executemany("INSERT OR REPLACE INTO entity_forms(entity_id, json) VALUES (?, ?)",
                                ((e, encode(f)) for e, (f, _) in forms.items()))
            with self._bulk_index("entity_keys"):
                self.db.executemany("INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES (?, ?)",
                                    sorted((k, e) for e, (_, keys) in forms.items() for k in keys))
            self.db.executemany("INSERT OR REPLACE INTO entity_resolved(doc_id, settings, own, roles) SELECT id, ?, ?, ? FROM documents "
                                "WHERE id = ?", ((settings, encode(own) if own else "", encode(roles) if roles else "", d)
                                                 for d, (own, roles) in resolved.items()))

    def word_rows(self, settings: str, *, raw: bool = False) -> dict[str, Any]:
        """Each document's stored words (``lagebild.compare.word_rows``) made under ``settings`` (``raw``: as JSON text)."""
        rows = ((r[0], r[1]) for r in self.db.execute("SELECT doc_id, json FROM doc_words WHERE settings = ?", (settings,)))
        return dict(rows) if raw else decode_rows(rows)

    def save_word_rows(self, settings: str, rows: Mapping[str, dict[str, Any]]) -> None:
        """Keep these documents' words (documents no longer stored are skipped)."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO doc_words(doc_id, settings, json) SELECT id, ?, ? FROM documents WHERE id = ?",
                                ((settings, encode(row), d) for d, row in rows.items()))

    def document_outputs(self, ids: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """The stored output part (``lagebild.export.doc_outputs``) of these documents: digest and data, by id."""
        rows = self.db.execute("SELECT doc_id, digest, data FROM doc_outputs WHERE doc_id IN (SELECT value FROM json_each(?))",
                               (json.dumps(list(ids)),))
        return {r[0]: (r[1], bytes(r[2])) for r in rows}

    def document_generations(self, ids: Iterable[str]) -> dict[str, int]:
        """How often each of these documents was saved (``doc_saves``; a document saved before it was counted is absent)."""
        rows = self.db.execute("SELECT doc_id, generation FROM doc_saves WHERE doc_id IN (SELECT value FROM json_each(?))",
                               (json.dumps(list(ids)),))
        return {r[0]: int(r[1]) for r in rows}

    def save_document_outputs(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Keep these documents' output parts ``(id, digest, data)`` (documents no longer stored are skipped)."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO doc_outputs(doc_id, digest, data) SELECT id, ?, ? FROM documents WHERE id = ?",
                                [(digest, data, d) for d, digest, data in rows])

    def story_fingerprints(self) -> dict[str, str]:
        """The fingerprint of every stored story part, by story key."""
        return {r[0]: r[1] for r in self.db.execute("SELECT story_key, fingerprint FROM story_parts")}

    def story_part(self, story: str | None, fingerprint: str) -> StoryPart | None:
        """The stored part of ``story`` if it was computed from inputs with this fingerprint."""
        key = story_key(story)
        row = self.db.execute("SELECT fingerprint FROM story_parts WHERE story_key = ?", (key,)).fetchone()
        if row is None or row[0] != fingerprint:
            return None
        rows = self.db.execute("SELECT kind, item_id, json FROM story_items WHERE story_key = ? ORDER BY kind, position", (key,))
        return StoryPart.from_items(story, fingerprint, ((r[0], r[1], json.loads(r[2])) for r in rows))

    # -- corrections -----------------------------------------------------------------------
    def add_correction(self, correction: dict[str, Any]) -> int:
        with self.db:
            cur = self.db.execute("INSERT INTO corrections(created_at, json) VALUES (?, ?)", (time.time(), json.dumps(correction, ensure_ascii=False)))
        return int(cur.lastrowid or 0)

    def corrections(self) -> list[dict[str, Any]]:
        return [dict(json.loads(r["json"]), id=r["id"]) for r in self.db.execute("SELECT id, json FROM corrections ORDER BY id")]

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Full-text search over title, text, lemmas and stems (so "Soldat" finds "Soldaten").

        Filters: ``outlet``, ``date_from``/``date_to`` (``YYYY[-MM[-DD]]``, inclusive, on the
        publication date), ``entity`` (resolved entity id), ``docs`` (restrict to these ids).
        Snippets mark matches with ``HL_START``/``HL_END`` (``lagebild.store.search``).
        """
        match = fts_query(query)
        if not match:
            return []
        sql = [
            "SELECT f.doc_id AS doc, d.title AS title, d.published AS published, d.outlet AS outlet,",
            "f.body AS body, bm25(documents_fts, 0, 4.0, 1.0, 1.0) AS score",
            "FROM documents_fts f JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH ?",
        ]
        params: list[Any] = [match]
        sql_filters, filter_params = search_filters(filters, doc_col="f.doc_id")
        sql.extend(sql_filters)
        params.extend(filter_params)
        sql.append("ORDER BY score, f.doc_id LIMIT ? OFFSET ?")
        params.extend([max(0, int(limit)), max(0, int(offset))])
        try:
            rows = self.db.execute(" ".join(sql), params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {query!r}: {exc}") from exc
        out = []
        for row in rows:
            item = dict(row)
            item["snippet"] = make_snippet(item.pop("body") or "", query)
            out.append(item)
        return out

    # -- reads for the web server (no full scans of the documents) --------------------------
    def data_version(self) -> Any:
        """A cheap value that changes whenever any connection writes to the store."""
        return (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.total_changes)

    def count_documents(self, **filters: Any) -> int:
        """Count the documents matching the filters of ``list_documents``."""
        where, params = document_where(filters, dialect="sqlite")
        sql = "SELECT count(*) FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self.db.execute(sql, params).fetchone()[0])

    def list_documents(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Return light metadata rows (``DOC_ROW_COLUMNS``) in id order; filters as in ``lagebild.store.reads``."""
        where, params = document_where(filters, dialect="sqlite")
        sql = f"SELECT {', '.join('d.' + c for c in DOC_ROW_COLUMNS)} FROM documents d"
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else max(0, int(limit)), max(0, int(offset))]
        return [dict(r) for r in self.db.execute(sql, params)]

    def get_documents(self, ids: Iterable[str]) -> dict[str, Document]:
        """Return the documents with these ids (missing ids are left out), in the order asked."""
        wanted = unique_ids(ids)
        rows = self.db.execute("SELECT id, json FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))
        found = {r["id"]: r["json"] for r in rows}
        return {i: Document.from_json(json.loads(found[i])) for i in wanted if i in found}

    def get_document_heads(self, ids: Iterable[str]) -> dict[str, Document]:
        """Return the documents without cleaned text, offset map and annotations (metadata, source, removed parts)."""
        wanted = unique_ids(ids)
        rows = self.db.execute(
            "SELECT id, json_remove(json, '$.annotations', '$.offsets', '$.text', '$.produced') AS head FROM documents "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        found = {r["id"]: r["head"] for r in rows}
        return {i: Document.from_json(json.loads(found[i])) for i in wanted if i in found}

    def get_document_views(self, ids: Iterable[str], kinds: Iterable[str]) -> dict[str, tuple[Document, int]]:
        """Return the documents with only their annotations of ``kinds`` (the rest of the document whole), each with
        how many annotations it has in all; SQLite picks the annotations, so only theirs are parsed here.

        The annotations keep the order of the whole document: SQLite does not promise the order in which an
        aggregate sees its rows, so each one travels with its index in the stored list and is sorted by it here."""
        wanted = unique_ids(ids)
        rows = self.db.execute(
            "SELECT id, json_remove(json, '$.annotations') AS head, json_array_length(json, '$.annotations') AS n, "
            "(SELECT json_group_array(json_array(a.key, json(a.value))) FROM json_each(documents.json, '$.annotations') a "
            " WHERE json_extract(a.value, '$.kind') IN (SELECT value FROM json_each(?))) AS anns "
            "FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(kinds))), json.dumps(wanted)),
        )
        found = {r["id"]: (r["head"], r["anns"], r["n"]) for r in rows}
        out = {}
        pool = StringPool()
        for i in wanted:
            if i in found:
                head, anns, n = found[i]
                ordered = [a for _, a in sorted(json.loads(anns), key=lambda pair: pair[0])] if anns else []
                out[i] = (view_from_json(json.loads(head), ordered, pool), int(n or 0))
        return out

    def sources_of(self, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Return ``sources(id)`` for many documents at once (every asked id is a key)."""
        wanted = unique_ids(ids)
        out: dict[str, list[dict[str, Any]]] = {i: [] for i in wanted}
        rows = self.db.execute(
            "SELECT doc_id, json FROM sources WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id, path, record",
            (json.dumps(wanted),),
        )
        for r in rows:
            out[r["doc_id"]].append(json.loads(r["json"]))
        return out

    def outlets(self) -> list[str]:
        """Return the distinct outlets of the stored documents, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL AND outlet != '' ORDER BY outlet")]

    def annotation_counts(self, kind: str, *, doc: str | None = None) -> list[tuple[str, int]]:
        """Return ``(document id, number of annotations of this kind)`` in document id order (no zeros)."""
        sql = "SELECT doc_id, count(*) FROM annotations WHERE kind = ?" + (" AND doc_id = ?" if doc is not None else "")
        params: list[Any] = [kind] + ([doc] if doc is not None else [])
        return [(r[0], int(r[1])) for r in self.db.execute(sql + " GROUP BY doc_id ORDER BY doc_id", params)]

    def iter_annotations(self, kind: str, *, doc: str | None = None, docs: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Yield the stored rows of one annotation kind: ``doc``, ``ann``, ``label``, ``start``/``end``/``text``
        (original offsets), ``data`` (the payload); ordered by document id, then start, end and id."""
        sql = "SELECT doc_id, ann_id, label, start, end, text, data FROM annotations WHERE kind = ?"
        params: list[Any] = [kind]
        if doc is not None:
            sql += " AND doc_id = ?"
            params.append(doc)
        if docs is not None:
            sql += " AND doc_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(unique_ids(docs)))
        for r in self.db.execute(sql + " ORDER BY doc_id, start, end, ann_id", params):
            yield {"doc": r[0], "ann": r[1], "label": r[2], "start": r[3], "end": r[4], "text": r[5],
                   "data": json.loads(r[6]) if r[6] else {}}

    def close(self) -> None:
        self.db.close()
