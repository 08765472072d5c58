"""The SQL schema of the store (SQLite dialect; the PostgreSQL backend adapts it)."""

from __future__ import annotations

SCHEMA_VERSION = 4  # 2: cross-source results as rows (corpus_items, story_parts, story_items); 3: doc_analysis;
# 4: doc_saves (each document's save generation, counted by a trigger whoever saves it) in the key of doc_outputs

#: what opening a store of an older version runs, by the version it brings the store to (both dialects).
#: 4: the output parts kept under schema 3 are keyed without the save generation; a lagebild that does not
#: know ``doc_outputs`` may have saved their documents again since, so none of them can be trusted
MIGRATIONS: dict[int, tuple[str, ...]] = {4: ("DELETE FROM doc_outputs",)}

#: tables of schema 1 that the rows of ``corpus_items``/``story_items`` replace (dropped when a picture is saved)
LEGACY_TABLES = ("events", "claim_groups", "inconsistencies")

#: analysis fingerprints, cross-source results, duplicate signatures and band index as rows; the same in both dialects
#: but two column types and SQLite's clustered band table (hundreds of band rows per document, inserted in key order)
_CROSS_SOURCE_TABLES = """
-- which per-document analysis produced each stored document (``lagebild.fingerprints.analysis_fingerprint``):
-- a rerun analyses a document again when it differs or is missing (a store written before this table)
CREATE TABLE IF NOT EXISTS doc_analysis (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, fingerprint TEXT NOT NULL
);
-- corpus-wide cross-source results: kind 'duplicate', 'entity', 'story', 'mention_entity', 'failure', 'coverage'
CREATE TABLE IF NOT EXISTS corpus_items (
  kind TEXT NOT NULL, position INTEGER NOT NULL, item_id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (kind, position)
);
-- each document's shingles and MinHash for the duplicate search, so a run does not shingle stored texts again
CREATE TABLE IF NOT EXISTS doc_signatures (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  settings TEXT NOT NULL, digest {binary} NOT NULL, members {binary} NOT NULL, hashvalues {binary}, scheme TEXT
);
-- the duplicate search as rows: the MinHash band keys of each searched document (``Duplicates.bands``), and
-- which documents the stored copy links cover, under which band settings; a run searches only the others
CREATE TABLE IF NOT EXISTS minhash_bands (
  band {bigint} NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY (band, doc_id)
){clustered};
CREATE INDEX IF NOT EXISTS minhash_bands_doc ON minhash_bands(doc_id);
CREATE TABLE IF NOT EXISTS minhash_indexed (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, settings TEXT NOT NULL
);
-- what the per-story stages produced, per story ('' = the corpus as one pool): kind 'coverage', 'event',
-- 'timeline', 'claim_group', 'inconsistency', 'inferred_date', 'coverage_source', 'coverage_row',
-- 'timeline_gap', 'failure'; the fingerprint says which inputs they were computed from
-- entity resolution against the stored entities (``lagebild.compare.entity_index``): the documents the stored
-- entities were resolved over (with the names a document without a host prints as its own outlet, and its
-- bare roles no person was found for yet, as JSON), each entity's distinct mention forms, and the keys under
-- which names meet, indexed by key
CREATE TABLE IF NOT EXISTS entity_resolved (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, settings TEXT NOT NULL,
  own TEXT NOT NULL DEFAULT '', roles TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS entity_forms (entity_id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_keys (
  key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id)
){clustered};
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity_id);
-- each document's words as story vectors and date inference count them (``lagebild.compare.word_rows``),
-- under the code version that made them, so a run does not tokenise stored texts again
CREATE TABLE IF NOT EXISTS doc_words (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, settings TEXT NOT NULL, json TEXT NOT NULL
);
-- each document's part of the export and the report (``lagebild.export.doc_outputs``) and the digest of what it
-- was made from (its save generation, sources, inferred date, mention entities), so the outputs of a run read
-- the untouched documents' parts instead of the documents
-- how often each document was saved (inserted or updated), counted by a trigger on ``documents`` so that any
-- writer (also a lagebild that does not know ``doc_outputs``) changes it: part of the key of its output part
CREATE TABLE IF NOT EXISTS doc_saves (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, generation INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_outputs (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, digest TEXT NOT NULL, data {binary} NOT NULL
);
CREATE TABLE IF NOT EXISTS story_parts (story_key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_items (
  story_key TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, item_id TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (story_key, kind, position)
);
"""

SQLITE_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,            -- file stem, disambiguated when two files share one
  hash TEXT NOT NULL UNIQUE,      -- sha256 of the original text: exact duplicates are stored once
  title TEXT, published TEXT, precision TEXT, language TEXT, outlet TEXT,
  added_at REAL,
  json TEXT NOT NULL              -- the whole Document (original, cleaned text, offset map, annotations)
);
CREATE TABLE IF NOT EXISTS sources (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  path TEXT NOT NULL, record INTEGER NOT NULL DEFAULT -1, json TEXT,
  UNIQUE (path, record)
);
CREATE TABLE IF NOT EXISTS annotations (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ann_id TEXT NOT NULL, kind TEXT NOT NULL, label TEXT,
  start INTEGER NOT NULL, end INTEGER NOT NULL,   -- offsets into the ORIGINAL text
  text TEXT NOT NULL, data TEXT,
  PRIMARY KEY (doc_id, ann_id)
);
CREATE INDEX IF NOT EXISTS annotations_kind ON annotations(kind, label);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS mentions (
  entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, start INTEGER, end INTEGER, text TEXT
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, label TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS story_members (story_id TEXT NOT NULL, doc_id TEXT NOT NULL, confidence REAL);
CREATE TABLE IF NOT EXISTS corpus (key TEXT PRIMARY KEY, json TEXT);  -- 'version': changes with every saved picture
"""
    + _CROSS_SOURCE_TABLES.format(binary="BLOB", bigint="INTEGER", clustered=" WITHOUT ROWID")
    + """
CREATE TABLE IF NOT EXISTS corrections (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL, json TEXT NOT NULL);
-- (no conflict clause in the triggers: the saving statement's own one would override it)
CREATE TRIGGER IF NOT EXISTS documents_saved_insert AFTER INSERT ON documents BEGIN
  INSERT INTO doc_saves(doc_id, generation) SELECT NEW.id, 0 WHERE NOT EXISTS (SELECT 1 FROM doc_saves WHERE doc_id = NEW.id);
  UPDATE doc_saves SET generation = generation + 1 WHERE doc_id = NEW.id;
END;
CREATE TRIGGER IF NOT EXISTS documents_saved_update AFTER UPDATE ON documents BEGIN
  INSERT INTO doc_saves(doc_id, generation) SELECT NEW.id, 0 WHERE NOT EXISTS (SELECT 1 FROM doc_saves WHERE doc_id = NEW.id);
  UPDATE doc_saves SET generation = generation + 1 WHERE doc_id = NEW.id;
END;
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
  doc_id UNINDEXED, title, body, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);
"""
)

#: The same tables in PostgreSQL. ``start``/``end`` are quoted (``end`` is reserved); the search
#: table keeps a generated tsvector (title weighted A, text B, lemma/stem column C) with a GIN index.
POSTGRES_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  title TEXT, published TEXT, precision TEXT, language TEXT, outlet TEXT,
  added_at DOUBLE PRECISION,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  path TEXT NOT NULL, record INTEGER NOT NULL DEFAULT -1, json TEXT,
  UNIQUE (path, record)
);
CREATE TABLE IF NOT EXISTS annotations (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ann_id TEXT NOT NULL, kind TEXT NOT NULL, label TEXT,
  "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
  text TEXT NOT NULL, data TEXT,
  PRIMARY KEY (doc_id, ann_id)
);
CREATE INDEX IF NOT EXISTS annotations_kind ON annotations(kind, label);
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS mentions (entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, "start" INTEGER, "end" INTEGER, text TEXT);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, label TEXT, json TEXT);
CREATE TABLE IF NOT EXISTS story_members (story_id TEXT NOT NULL, doc_id TEXT NOT NULL, confidence DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS corpus (key TEXT PRIMARY KEY, json TEXT);  -- 'version': changes with every saved picture
"""
    + _CROSS_SOURCE_TABLES.format(binary="BYTEA", bigint="BIGINT", clustered="")
    + """
CREATE TABLE IF NOT EXISTS corrections (id BIGSERIAL PRIMARY KEY, created_at DOUBLE PRECISION, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents_fts (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  title TEXT, body TEXT, lemmas TEXT,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple', coalesce(body, '')), 'B')
    || setweight(to_tsvector('simple', coalesce(lemmas, '')), 'C')
  ) STORED
);
CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING GIN (tsv);
CREATE OR REPLACE FUNCTION lagebild_document_saved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO doc_saves(doc_id, generation) VALUES (NEW.id, 1)
    ON CONFLICT (doc_id) DO UPDATE SET generation = doc_saves.generation + 1;
  RETURN NULL;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'documents_saved' AND tgrelid = 'documents'::regclass) THEN
    CREATE TRIGGER documents_saved AFTER INSERT OR UPDATE ON documents
      FOR EACH ROW EXECUTE FUNCTION lagebild_document_saved();
  END IF;
END $$;
"""
)


def migration_steps(stored: str | None) -> list[str]:
    """The statements that bring a store of schema version ``stored`` (as kept in ``meta``) to ``SCHEMA_VERSION``.

    None or an unreadable value: a store just created (its version was written by this version). A store
    of a newer version is left as it is.
    """
    try:
        version = int(stored) if stored is not None else SCHEMA_VERSION
    except ValueError:
        return []
    return [sql for v in range(version + 1, SCHEMA_VERSION + 1) for sql in MIGRATIONS.get(v, ())]
