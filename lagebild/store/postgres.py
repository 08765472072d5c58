"""PostgreSQL store (``lagebild[postgres]``): the SQLite store's behaviour on a shared team server.

Same tables and semantics as ``lagebild.store.sqlite``: one transaction per saved batch of documents, exact
duplicates stored once, corpus-wide results replaced as a whole and per-story results per story, corrections appended. Full-text
search uses a ``tsvector`` over title, text and the lemma/stem column (``simple`` configuration,
so German inflection is handled by the same normalisation as in SQLite).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from lagebild.compare import CorpusResult
from lagebild.compare.duplicates import SignatureRow
from lagebild.compare.per_story import StoryPart
from lagebild.errors import MissingExtra, StoreError
from lagebild.model import Document, SourceRef
from lagebild.store.corpus_rows import assemble, corpus_rows, parts_of, story_key, story_rows
from lagebild.store.reads import DOC_ROW_COLUMNS, document_where, unique_ids
from lagebild.store.rows import DocumentRows, rows_to_save
from lagebild.store.schema import LEGACY_TABLES, POSTGRES_SCHEMA, SCHEMA_VERSION, migration_steps
from lagebild.store.search import build_fts_row, make_snippet, search_filters, tsquery
from lagebild.store.views import StringPool, decode_rows, view_from_json

__all__ = ["PostgresStore"]

#: text indexed per document (a tsvector is limited to 1 MB); longer articles are searched by their start
FTS_MAX_CHARS = 200_000


def _clean(text: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters; the JSON column keeps the exact original."""
    return text.replace("\x00", "\ufffd") if isinstance(text, str) and "\x00" in text else text


def _dumps(obj: Any) -> str:
    # json.dumps escapes NUL as \u0000, which is plain ASCII in the column
    return json.dumps(obj, ensure_ascii=False)


class PostgresStore:
    """A lagebild store in a PostgreSQL database given by URL (``postgresql://user@host:port/db``)."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise MissingExtra(f"the PostgreSQL store ({exc})", "postgres") from exc
        self.url = url
        self._psycopg = psycopg
        try:
            self.db = psycopg.connect(url, row_factory=dict_row, autocommit=False, connect_timeout=15)
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(4711)")  # two processes creating the schema at once
                self.db.execute(POSTGRES_SCHEMA)
                self.db.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING", (str(SCHEMA_VERSION),)
                )
                row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                steps = migration_steps(row["value"] if row else None)
                for sql in steps:  # a store written by an older version (``schema.MIGRATIONS``)
                    self.db.execute(sql)
                if steps:
                    self.db.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot open as a lagebild store: {exc}") from exc

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        with self.db.transaction():
            return self.db.execute(sql, params).fetchone()  # type: ignore[no-any-return]

    def _all(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        with self.db.transaction():
            return self.db.execute(sql, params).fetchall()  # type: ignore[no-any-return]

    # -- documents -------------------------------------------------------------------------
    def find_by_hash(self, content_hash: str) -> str | None:
        row = self._one("SELECT id FROM documents WHERE hash = %s", (content_hash,))
        return row["id"] if row else None

    def find_analysis(self, content_hash: str) -> tuple[str, str | None] | None:
        """The id of the document with this content and the fingerprint of its analysis (None: unknown)."""
        row = self._one("SELECT d.id, a.fingerprint FROM documents d LEFT JOIN doc_analysis a ON a.doc_id = d.id "
                        "WHERE d.hash = %s", (content_hash,))
        return (row["id"], row["fingerprint"]) if row else None

    def has_id(self, doc_id: str) -> bool:
        return self._one("SELECT 1 AS x FROM documents WHERE id = %s", (_clean(doc_id),)) is not None

    def add_source(self, doc_id: str, source: SourceRef) -> bool:
        """Record another file/record holding this document; ``False`` if already known or if no
        document ``doc_id`` is stored (yet): a source is never written ahead of its document."""
        with self.db.transaction():
            cur = self.db.execute(
                "INSERT INTO sources(doc_id, path, record, json) SELECT %s, %s, %s, %s "
                "WHERE EXISTS (SELECT 1 FROM documents WHERE id = %s) ON CONFLICT (path, record) DO NOTHING",
                (_clean(doc_id), _clean(source.path), source.record if source.record is not None else -1, _dumps(source.to_json()), _clean(doc_id)),
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
        doc_rows: list[tuple[Any, ...]] = []
        source_rows: list[tuple[Any, ...]] = []
        ann_rows: list[tuple[Any, ...]] = []
        fts_rows: list[tuple[Any, ...]] = []
        for doc, row in pairs:
            meta = doc.meta
            doc_rows.append((doc.id, doc.hash, _clean(meta.title), _clean(meta.published.value), meta.published.precision,
                             _clean(meta.language), _clean(meta.outlet), now, row.json))
            source_rows.append((doc.id, _clean(doc.source.path), doc.source.record if doc.source.record is not None else -1,
                                _dumps(doc.source.to_json())))
            ann_rows.extend((doc.id, ann_id, kind, _clean(label), start, end, _clean(text), data)
                            for ann_id, kind, label, start, end, text, data in row.annotations)
            doc_id, title, body, lemmas = build_fts_row(doc, row.lemmas)
            fts_rows.append((doc_id, _clean(title), _clean(body[:FTS_MAX_CHARS]), _clean(lemmas[: 2 * FTS_MAX_CHARS])))
        ids = [doc.id for doc, _ in pairs]
        try:
            with self.db.transaction(), self.db.cursor() as cur:
                cur.execute("DELETE FROM annotations WHERE doc_id = ANY(%s)", (ids,))
                cur.execute("DELETE FROM documents_fts WHERE doc_id = ANY(%s)", (ids,))
                # another text: searched for copies again by the next run
                cur.execute("DELETE FROM minhash_indexed WHERE doc_id = ANY(%s)", (ids,))
                cur.execute("DELETE FROM minhash_bands WHERE doc_id = ANY(%s)", (ids,))
                cur.execute("DELETE FROM entity_resolved WHERE doc_id = ANY(%s)", (ids,))  # their mentions changed
                cur.execute("DELETE FROM doc_words WHERE doc_id = ANY(%s)", (ids,))
                cur.execute("DELETE FROM doc_outputs WHERE doc_id = ANY(%s)", (ids,))
                cur.executemany(
                    """INSERT INTO documents(id, hash, title, published, precision, language, outlet, added_at, json)
                       VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
                       ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, title = EXCLUDED.title,
                         published = EXCLUDED.published, precision = EXCLUDED.precision, language = EXCLUDED.language,
                         outlet = EXCLUDED.outlet, json = EXCLUDED.json""",
                    doc_rows,
                )
                cur.executemany(
                    "INSERT INTO sources(doc_id, path, record, json) VALUES (%s, %s, %s, %s) ON CONFLICT (path, record) DO NOTHING",
                    source_rows,
                )
                if ann_rows:
                    cur.executemany(
                        'INSERT INTO annotations(doc_id, ann_id, kind, label, "start", "end", text, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)',
                        ann_rows,
                    )
                cur.executemany("INSERT INTO documents_fts(doc_id, title, body, lemmas) VALUES (%s, %s, %s, %s)", fts_rows)
                cur.execute("DELETE FROM doc_analysis WHERE doc_id = ANY(%s)", (ids,))
                if analysis is not None:
                    cur.executemany("INSERT INTO doc_analysis(doc_id, fingerprint) VALUES (%s, %s)", [(i, analysis) for i in ids])
        except self._psycopg.Error as exc:
            names = ", ".join(repr(i) for i in ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
            raise StoreError(f"cannot save document {names}: {exc}") from exc

    def get_document(self, doc_id: str) -> Document | None:
        row = self._one("SELECT json FROM documents WHERE id = %s", (_clean(doc_id),))
        return Document.from_json(json.loads(row["json"])) if row else None

    def iter_documents(self) -> Iterator[Document]:
        for doc_id in self.document_ids():
            doc = self.get_document(doc_id)
            if doc is not None:
                yield doc

    def document_ids(self) -> list[str]:
        return [r["id"] for r in self._all('SELECT id FROM documents ORDER BY id COLLATE "C"')]

    def sources(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self._all('SELECT json FROM sources WHERE doc_id = %s ORDER BY path COLLATE "C", record', (_clean(doc_id),))
        return [json.loads(r["json"]) for r in rows]

    # -- corpus results --------------------------------------------------------------------
    def save_corpus(self, result: CorpusResult, parts: Sequence[StoryPart] | None = None) -> None:
        """Replace the cross-source results in one transaction (only parts not ``reused`` are written)."""
        parts = parts_of(result, parts)
        keep = {story_key(p.story): p for p in parts}
        with self.db.transaction(), self.db.cursor() as cur:
            for table in ("entities", "mentions", "stories", "story_members", "corpus_items", "corpus"):
                cur.execute(f"DELETE FROM {table}")
            for table in LEGACY_TABLES:  # one value per kind in a store written before rows: outdated from now on
                cur.execute(f"DROP TABLE IF EXISTS {table}")
            for ent in result.entities:
                cur.execute(
                    "INSERT INTO entities(id, name, type, json) VALUES (%s, %s, %s, %s)",
                    (ent["id"], _clean(ent.get("name")), ent.get("type"), _dumps(ent)),
                )
                mentions = [(ent["id"], m["doc"], m["start"], m["end"], _clean(m["text"])) for m in ent.get("mentions", [])]
                if mentions:
                    cur.executemany('INSERT INTO mentions(entity_id, doc_id, "start", "end", text) VALUES (%s, %s, %s, %s, %s)', mentions)
            for story in result.stories:
                cur.execute("INSERT INTO stories(id, label, json) VALUES (%s, %s, %s)", (story["id"], _clean(story.get("label")), _dumps(story)))
                members = [(story["id"], m["doc"], m.get("confidence")) for m in story.get("members", [])]
                if members:
                    cur.executemany("INSERT INTO story_members(story_id, doc_id, confidence) VALUES (%s, %s, %s)", members)
            rows = [(k, n, _clean(i), j) for k, n, i, j in corpus_rows(result)]
            if rows:
                cur.executemany("INSERT INTO corpus_items(kind, position, item_id, json) VALUES (%s, %s, %s, %s)", rows)
            cur.execute("SELECT story_key FROM story_parts")
            gone = [r["story_key"] for r in cur.fetchall() if r["story_key"] not in keep or not keep[r["story_key"]].reused]
            if gone:
                cur.execute("DELETE FROM story_items WHERE story_key = ANY(%s)", (gone,))
                cur.execute("DELETE FROM story_parts WHERE story_key = ANY(%s)", (gone,))
            moved = [(p.fingerprint, story_key(p.story)) for p in parts if p.reused and p.refingerprinted]
            if moved:
                cur.executemany("UPDATE story_parts SET fingerprint = %s WHERE story_key = %s", moved)
            for part in parts:
                if part.reused:
                    continue
                cur.execute("INSERT INTO story_parts(story_key, fingerprint) VALUES (%s, %s)", (story_key(part.story), part.fingerprint))
                items = [(k, kind, n, _clean(i), j) for k, kind, n, i, j in story_rows(part)]
                if items:
                    cur.executemany("INSERT INTO story_items(story_key, kind, position, item_id, json) VALUES (%s, %s, %s, %s, %s)", items)
            cur.execute("INSERT INTO corpus(key, json) VALUES ('version', %s)", (_dumps(time.time()),))

    def corpus_inputs(self) -> str | None:
        """The digest of what the stored picture was computed from (``save_corpus_inputs``); None after any other save."""
        row = self._one("SELECT json FROM corpus WHERE key = 'inputs'")
        return str(json.loads(row["json"])) if row else None

    def save_corpus_inputs(self, digest: str) -> None:
        """Note ``digest`` beside the picture just saved (``save_corpus`` drops it: a picture saved otherwise has none)."""
        with self.db.transaction():
            self.db.execute("INSERT INTO corpus(key, json) VALUES ('inputs', %s) ON CONFLICT (key) DO UPDATE SET json = EXCLUDED.json",
                            (_dumps(digest),))

    def load_corpus(self) -> CorpusResult:
        """The cross-source picture, merged from its corpus-wide and per-story rows."""
        if self._one("SELECT 1 AS x FROM story_parts LIMIT 1") is None:
            row = self._one("SELECT json FROM corpus WHERE key = 'result'")  # a store written before rows
            if row:
                return CorpusResult.from_json(json.loads(row["json"]))
        corpus = self._all('SELECT kind, item_id, json FROM corpus_items ORDER BY kind COLLATE "C", position')
        stories = self._all(
            "SELECT i.story_key, p.fingerprint, i.kind, i.item_id, i.json FROM story_items i JOIN story_parts p USING (story_key) "
            'ORDER BY i.story_key COLLATE "C", i.kind COLLATE "C", i.position'
        )
        return assemble(((r["kind"], r["item_id"], r["json"]) for r in corpus),
                        ((r["story_key"], r["fingerprint"], r["kind"], r["item_id"], r["json"]) for r in stories))

    def save_signatures(self, rows: Iterable[tuple[str, SignatureRow]]) -> None:
        """Keep duplicate-search signatures (``Signature.to_row``) of stored documents."""
        data = [(_clean(doc_id), *row, _clean(doc_id)) for doc_id, row in rows]
        if not data:
            return
        with self.db.transaction(), self.db.cursor() as cur:
            cur.executemany(
                "INSERT INTO doc_signatures(doc_id, settings, digest, members, hashvalues, scheme) "
                "SELECT %s, %s, %s, %s, %s, %s WHERE EXISTS (SELECT 1 FROM documents WHERE id = %s) "
                "ON CONFLICT (doc_id) DO UPDATE SET settings = excluded.settings, digest = excluded.digest, "
                "members = excluded.members, hashvalues = excluded.hashvalues, scheme = excluded.scheme",
                data,
            )

    def signatures(self, ids: Iterable[str]) -> Iterator[tuple[str, SignatureRow]]:
        """Yield the stored signature rows of these documents (those without one are left out)."""
        rows = self._all("SELECT doc_id, settings, digest, members, hashvalues, scheme FROM doc_signatures WHERE doc_id = ANY(%s)",
                         ([_clean(i) for i in unique_ids(ids)],))
        for r in rows:
            yield r["doc_id"], (r["settings"], bytes(r["digest"]), bytes(r["members"]),
                                None if r["hashvalues"] is None else bytes(r["hashvalues"]), r["scheme"])

    def corpus_items(self, kind: str) -> list[Any]:
        """The stored corpus-wide results of one kind (e.g. ``duplicate``), in order."""
        return [json.loads(r["json"]) for r in self._all("SELECT json FROM corpus_items WHERE kind = %s ORDER BY position", (kind,))]

    def band_index(self) -> tuple[str, set[str]]:
        """The band settings of the stored duplicate search and the documents it covers ("" and none when there is none)."""
        rows = self._all("SELECT doc_id, settings FROM minhash_indexed")
        settings = {r["settings"] for r in rows}
        return (settings.pop(), {r["doc_id"] for r in rows}) if len(settings) == 1 else ("", set())

    def band_docs(self, keys: list[int]) -> Iterator[tuple[int, str]]:
        """Yield ``(band key, doc id)`` of the stored band rows with these keys."""
        for k in range(0, len(keys), 50000):
            for r in self._all("SELECT band, doc_id FROM minhash_bands WHERE band = ANY(%s)", (keys[k : k + 50000],)):
                yield int(r["band"]), r["doc_id"]

    def save_bands(self, settings: str, searched: Sequence[str], rows: Iterable[tuple[str, int]], *, replace_all: bool = False) -> None:
        """Keep the band keys of the documents a run searched, and that the stored links now cover them.

        ``replace_all``: drop every stored band row first (made under other settings, or the links were recomputed).
        """
        ids = [_clean(i) for i in unique_ids(searched)]
        data = [(key, _clean(d)) for d, key in rows]
        with self.db.transaction(), self.db.cursor() as cur:
            if replace_all:
                cur.execute("DELETE FROM minhash_bands")
                cur.execute("DELETE FROM minhash_indexed")
            cur.execute("DELETE FROM minhash_bands WHERE doc_id = ANY(%s)", (ids,))
            if data:
                cur.executemany("INSERT INTO minhash_bands(band, doc_id) SELECT %s, id FROM documents WHERE id = %s "
                                "ON CONFLICT DO NOTHING", data)
            cur.execute("INSERT INTO minhash_indexed(doc_id, settings) SELECT id, %s FROM documents WHERE id = ANY(%s) "
                        "ON CONFLICT (doc_id) DO UPDATE SET settings = excluded.settings", (settings, ids))

    def entity_index(self) -> tuple[str, set[str], dict[str, list[str]], dict[str, list[dict[str, Any]]]]:
        """The settings of the stored entity index, the documents it covers, their own-outlet names and their
        bare roles still without a person, by document ("" and none when there is no index)."""
        rows = self._all("SELECT doc_id, settings, own, roles FROM entity_resolved")
        settings = {r["settings"] for r in rows}
        if len(settings) != 1:
            return "", set(), {}, {}
        own = {r["doc_id"]: json.loads(r["own"]) for r in rows if r["own"]}
        roles = {r["doc_id"]: json.loads(r["roles"]) for r in rows if r["roles"]}
        return settings.pop(), {r["doc_id"] for r in rows}, own, roles

    def entity_forms(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The forms of the stored entities that have any of these keys, by entity id."""
        out: dict[str, list[dict[str, Any]]] = {}
        for k in range(0, len(keys), 50000):
            rows = self._all("SELECT entity_id, json FROM entity_forms WHERE entity_id IN (SELECT entity_id FROM entity_keys "
                             "WHERE key = ANY(%s))", ([_clean(x) for x in keys[k : k + 50000]],))
            out.update((r["entity_id"], json.loads(r["json"])) for r in rows)
        return out

    def save_entity_index(self, settings: str, forms: Mapping[str, tuple[list[dict[str, Any]], set[str]]],
                          resolved: Mapping[str, tuple[list[str], list[dict[str, Any]]]], *, gone: Iterable[str] = (), replace_all: bool = False) -> None:
        """Write the forms and keys of these entities (replacing theirs), drop those of ``gone`` and mark
        ``resolved`` documents as resolved. ``replace_all``: drop every stored row first (the entities were resolved anew)."""
        with self.db.transaction(), self.db.cursor() as cur:
            if replace_all:
                cur.execute("DELETE FROM entity_keys")
                cur.execute("DELETE FROM entity_forms")
                cur.execute("DELETE FROM entity_resolved")
            ids = [_clean(e) for e in sorted(set(forms) | set(gone))]
            cur.execute("DELETE FROM entity_keys WHERE entity_id = ANY(%s)", (ids,))
            cur.execute("DELETE FROM entity_forms WHERE entity_id = ANY(%s)", (ids,))
            if forms:
                cur.executemany("INSERT INTO entity_forms(entity_id, json) VALUES (%s, %s) "
                                "ON CONFLICT (entity_id) DO UPDATE SET json = excluded.json",
                                [(_clean(e), _dumps(f)) for e, (f, _) in forms.items()])
                keyed = sorted({(_clean(k), _clean(e)) for e, (_, keys) in forms.items() for k in keys})
                if keyed:
                    cur.executemany("INSERT INTO entity_keys(key, entity_id) VALUES (%s, %s) ON CONFLICT DO NOTHING", keyed)
            if resolved:
                cur.executemany("INSERT INTO entity_resolved(doc_id, settings, own, roles) SELECT id, %s, %s, %s FROM documents "
                                "WHERE id = %s ON CONFLICT (doc_id) DO UPDATE SET settings = excluded.settings, own = excluded.own, "
                                "roles = excluded.roles",
                                [(settings, _dumps(own) if own else "", _dumps(roles) if roles else "", _clean(d))
                                 for d, (own, roles) in resolved.items()])

    def word_rows(self, settings: str, *, raw: bool = False) -> dict[str, Any]:
        """Each document's stored words (``lagebild.compare.word_rows``) made under ``settings`` (``raw``: as JSON text)."""
        rows = ((r["doc_id"], r["json"]) for r in self._all("SELECT doc_id, json FROM doc_words WHERE settings = %s", (settings,)))
        return dict(rows) if raw else decode_rows(rows)

    def save_word_rows(self, settings: str, rows: Mapping[str, dict[str, Any]]) -> None:
        """Keep these documents' words (documents no longer stored are skipped)."""
        if not rows:
            return
        with self.db.transaction(), self.db.cursor() as cur:
            cur.executemany("INSERT INTO doc_words(doc_id, settings, json) SELECT id, %s, %s FROM documents WHERE id = %s "
                            "ON CONFLICT (doc_id) DO UPDATE SET settings = excluded.settings, json = excluded.json",
                            [(settings, _dumps(row), _clean(d)) for d, row in rows.items()])

    def document_outputs(self, ids: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """The stored output part (``lagebild.export.doc_outputs``) of these documents: digest and data, by id."""
        rows = self._all("SELECT doc_id, digest, data FROM doc_outputs WHERE doc_id = ANY(%s)", ([_clean(i) for i in ids],))
        return {r["doc_id"]: (r["digest"], bytes(r["data"])) for r in rows}

    def document_generations(self, ids: Iterable[str]) -> dict[str, int]:
        """How often each of these documents was saved (``doc_saves``; a document saved before it was counted is absent)."""
        rows = self._all("SELECT doc_id, generation FROM doc_saves WHERE doc_id = ANY(%s)", ([_clean(i) for i in ids],))
        return {r["doc_id"]: int(r["generation"]) for r in rows}

    def save_document_outputs(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Keep these documents' output parts ``(id, digest, data)`` (documents no longer stored are skipped)."""
        params = [(digest, data, _clean(d)) for d, digest, data in rows]
        if not params:
            return
        with self.db.transaction(), self.db.cursor() as cur:
            cur.executemany("INSERT INTO doc_outputs(doc_id, digest, data) SELECT id, %s, %s FROM documents WHERE id = %s "
                            "ON CONFLICT (doc_id) DO UPDATE SET digest = excluded.digest, data = excluded.data", params)

    def story_fingerprints(self) -> dict[str, str]:
        """The fingerprint of every stored story part, by story key."""
        return {r["story_key"]: r["fingerprint"] for r in self._all("SELECT story_key, fingerprint FROM story_parts")}

    def story_part(self, story: str | None, fingerprint: str) -> StoryPart | None:
        """The stored part of ``story`` if it was computed from inputs with this fingerprint."""
        key = story_key(story)
        row = self._one("SELECT fingerprint FROM story_parts WHERE story_key = %s", (key,))
        if row is None or row["fingerprint"] != fingerprint:
            return None
        rows = self._all('SELECT kind, item_id, json FROM story_items WHERE story_key = %s ORDER BY kind COLLATE "C", position', (key,))
        return StoryPart.from_items(story, fingerprint, ((r["kind"], r["item_id"], json.loads(r["json"])) for r in rows))

    # -- corrections -----------------------------------------------------------------------
    def add_correction(self, correction: dict[str, Any]) -> int:
        with self.db.transaction():
            row = self.db.execute(
                "INSERT INTO corrections(created_at, json) VALUES (%s, %s) RETURNING id", (time.time(), _dumps(correction))
            ).fetchone()
        return int(row["id"]) if row else 0

    def corrections(self) -> list[dict[str, Any]]:
        return [dict(json.loads(r["json"]), id=r["id"]) for r in self._all("SELECT id, json FROM corrections ORDER BY id")]

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Full-text search over title, text, lemmas and stems; same filters and result keys as SQLite."""
        match = tsquery(query)
        if not match:
            return []
        sql = [
            "SELECT f.doc_id AS doc, d.title AS title, d.published AS published, d.outlet AS outlet,",
            "f.body AS body, ts_rank(f.tsv, q) AS score",
            "FROM documents_fts f JOIN documents d ON d.id = f.doc_id, to_tsquery('simple', %s) q WHERE f.tsv @@ q",
        ]
        params: list[Any] = [match]
        sql_filters, filter_params = search_filters({k: _clean(v) if isinstance(v, str) else v for k, v in filters.items()},
                                                    doc_col="f.doc_id", placeholder="%s")
        sql.extend(sql_filters)
        params.extend(filter_params)
        sql.append('ORDER BY score DESC, f.doc_id COLLATE "C" LIMIT %s OFFSET %s')
        params.extend([max(0, int(limit)), max(0, int(offset))])
        try:
            rows = self._all(" ".join(sql), params)
        except self._psycopg.Error as exc:
            raise StoreError(f"search failed for {query!r}: {exc}") from exc
        out = []
        for row in rows:
            body = row.pop("body") or ""
            out.append({**row, "snippet": make_snippet(body, query), "score": -float(row["score"])})  # lower is better, as bm25
        return out

    # -- reads for the web server (no full scans of the documents) --------------------------
    def data_version(self) -> Any:
        """A cheap value that changes whenever any process writes to the store."""
        row = self._one(
            "SELECT (SELECT count(*) FROM documents) AS n, (SELECT max(added_at) FROM documents) AS t, "
            "(SELECT xmin::text FROM corpus WHERE key = 'version') AS c, (SELECT count(*) FROM sources) AS s"
        )  # the corpus row is replaced as a whole, so its transaction id names its version (no hash of a large blob)
        return tuple(row.values()) if row else None

    def _where(self, filters: dict[str, Any]) -> tuple[str, list[Any]]:
        clean = {k: ([_clean(i) for i in v] if isinstance(v, (list, tuple, set, frozenset)) else _clean(v) if isinstance(v, str) else v)
                 for k, v in filters.items()}
        where, params = document_where(clean, dialect="postgres")
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def count_documents(self, **filters: Any) -> int:
        """Count the documents matching the filters of ``list_documents``."""
        where, params = self._where(filters)
        row = self._one("SELECT count(*) AS n FROM documents d" + where, tuple(params))
        return int(row["n"]) if row else 0

    def list_documents(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Return light metadata rows (``DOC_ROW_COLUMNS``) in id order; filters as in ``lagebild.store.reads``."""
        where, params = self._where(filters)
        sql = f"SELECT {', '.join('d.' + c for c in DOC_ROW_COLUMNS)} FROM documents d{where} ORDER BY d.id COLLATE \"C\""
        if limit is not None or offset:
            sql += " LIMIT %s OFFSET %s"
            params += [None if limit is None else max(0, int(limit)), max(0, int(offset))]
        return [dict(r) for r in self._all(sql, params)]

    def _json_by_id(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        rows = self._all("SELECT id, json FROM documents WHERE id = ANY(%s)", ([_clean(i) for i in ids],))
        return {r["id"]: json.loads(r["json"]) for r in rows}

    def get_documents(self, ids: Iterable[str]) -> dict[str, Document]:
        """Return the documents with these ids (missing ids are left out), in the order asked."""
        wanted = unique_ids(ids)
        found = self._json_by_id(wanted)
        return {i: Document.from_json(found[i]) for i in wanted if i in found}

    def get_document_heads(self, ids: Iterable[str]) -> dict[str, Document]:
        """Return the documents without cleaned text, offset map and annotations (metadata, source, removed parts)."""
        wanted = unique_ids(ids)
        found = self._json_by_id(wanted)
        skip = ("annotations", "offsets", "text", "produced")
        return {i: Document.from_json({k: v for k, v in found[i].items() if k not in skip}) for i in wanted if i in found}

    def get_document_views(self, ids: Iterable[str], kinds: Iterable[str]) -> dict[str, tuple[Document, int]]:
        """Return the documents with only their annotations of ``kinds``, each with how many annotations it has in all;
        the annotations are filtered from the stored list in Python, so they keep the whole document's order."""
        keep = set(kinds)
        wanted = unique_ids(ids)
        found = self._json_by_id(wanted)
        pool = StringPool()
        return {i: self._view(found[i], keep, pool) for i in wanted if i in found}

    @staticmethod
    def _view(obj: dict[str, Any], keep: set[str], pool: StringPool) -> tuple[Document, int]:
        anns = obj.get("annotations") or []
        return view_from_json(obj, [a for a in anns if a.get("kind") in keep], pool), len(anns)

    def sources_of(self, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Return ``sources(id)`` for many documents at once (every asked id is a key)."""
        wanted = unique_ids(ids)
        out: dict[str, list[dict[str, Any]]] = {i: [] for i in wanted}
        rows = self._all('SELECT doc_id, json FROM sources WHERE doc_id = ANY(%s) ORDER BY doc_id COLLATE "C", path COLLATE "C", record',
                         ([_clean(i) for i in wanted],))
        for r in rows:
            if r["doc_id"] in out:
                out[r["doc_id"]].append(json.loads(r["json"]))
        return out

    def outlets(self) -> list[str]:
        """Return the distinct outlets of the stored documents, sorted."""
        rows = self._all("SELECT DISTINCT outlet COLLATE \"C\" AS outlet FROM documents WHERE outlet IS NOT NULL AND outlet != '' ORDER BY 1")
        return [r["outlet"] for r in rows]

    def annotation_counts(self, kind: str, *, doc: str | None = None) -> list[tuple[str, int]]:
        """Return ``(document id, number of annotations of this kind)`` in document id order (no zeros)."""
        sql = "SELECT doc_id, count(*) AS n FROM annotations WHERE kind = %s" + (" AND doc_id = %s" if doc is not None else "")
        params: list[Any] = [kind] + ([_clean(doc)] if doc is not None else [])
        return [(r["doc_id"], int(r["n"])) for r in self._all(sql + ' GROUP BY doc_id ORDER BY doc_id COLLATE "C"', params)]

    def iter_annotations(self, kind: str, *, doc: str | None = None, docs: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Yield the stored rows of one annotation kind: ``doc``, ``ann``, ``label``, ``start``/``end``/``text``
        (original offsets), ``data`` (the payload); ordered by document id, then start, end and id."""
        sql = 'SELECT doc_id, ann_id, label, "start", "end", text, data FROM annotations WHERE kind = %s'
        params: list[Any] = [kind]
        if doc is not None:
            sql += " AND doc_id = %s"
            params.append(_clean(doc))
        if docs is not None:
            sql += " AND doc_id = ANY(%s)"
            params.append([_clean(d) for d in unique_ids(docs)])
        sql += ' ORDER BY doc_id COLLATE "C", "start", "end", ann_id COLLATE "C"'
        # a server-side cursor streams the rows: memory stays flat however many there are
        with self.db.transaction(), self.db.cursor(name="lagebild_annotations") as cur:
            cur.itersize = 2000
            cur.execute(sql, params)
            for r in cur:
                yield {"doc": r["doc_id"], "ann": r["ann_id"], "label": r["label"], "start": r["start"], "end": r["end"],
                       "text": r["text"], "data": json.loads(r["data"]) if r["data"] else {}}

    def close(self) -> None:
        self.db.close()


def _redact(url: str) -> str:
    """Hide a password in a connection URL before it goes into an error message."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
    return url
