"""Stage ``entities.ner.v1``: German named entities with KB links, adjectives, metonyms and roles.

Runs the committed CRF tagger (``lagebild/models/ner-crf``, trained by
``python -m lagebild.training.ner_crf``; ``model`` may name the spaCy tagger ``lagebild/models/ner-de``
or another pipeline) sentence by sentence, then adds knowledge-base hits and role
nouns (see ``lagebild.entities.extract``). Payload keys are documented in ``docs/annotations.md``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lagebild.entities.extract import extract_mentions
from lagebild.entities.kb import load_kb
from lagebild.entities.model import model_for_next_document, single_thread_blas
from lagebild.entities.roles import load_roles
from lagebild.entities.tagging import recognise
from lagebild.model import Document, Provenance, Span
from lagebild.registry import STAGES

__all__ = ["EntityTagger"]

log = logging.getLogger(__name__)

# How documents are tagged together (``EntityTagger.batch``). Not settings of the stage: they change
# no result, and a setting would enter the stage's provenance hash.
#: sentences per model call when several documents are tagged together
BATCH_SENTENCES = 64
#: documents longer than this are tagged on their own, so a batch never holds a huge text's tokens
BATCH_MAX_CHARS = 50_000


def _chunks(doc: Document, max_chars: int) -> list[tuple[int, int]]:
    """Sentences if a segmenter ran, else lines; anything longer is cut near ``max_chars``.

    Cuts prefer a sentence end (". ") and else a space inside the window, so the work stays
    linear in the text length even for a 100,000-word line without punctuation.
    """
    text = doc.text
    spans = [(a.span.start, a.span.end) for a in doc.of_kind("sentence")]
    if not spans:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > max_chars:
            limit = start + max_chars
            cut = text.rfind(". ", start + max_chars // 2, limit)
            cut = cut + 1 if cut > start else text.rfind(" ", start, limit)
            cut = cut if cut > start else limit
            out.append((start, cut))
            start = cut
        if end > start:
            out.append((start, end))
    return out


@functools.lru_cache(maxsize=4)
def _recogniser(mode: str) -> Callable[..., Iterable[Any]]:
    """The tagger for ``mode``; the accurate one only if its engine and head load here."""
    if mode == "accurate":
        try:
            from lagebild.entities.accurate.engine import load_engine
            from lagebild.entities.accurate.tagger import load_head, recognise_accurate

            load_engine()
            load_head()
            return recognise_accurate
        except (ImportError, OSError, RuntimeError) as exc:
            log.warning("accurate NER mode unavailable (%s); using the fast tagger", exc)
    elif mode != "fast":
        log.warning("unknown NER mode %r; using the fast tagger", mode)
    return recognise


@STAGES.register("entities.ner.v1", requires={"text"}, produces={"entity"})
@dataclass
class EntityTagger:
    """Annotate PER/ORG/LOC/MISC mentions with resolution keys, KB ids and roles."""

    model: str = ""  # path to another model (a CRF directory or a spaCy pipeline); empty = the shipped CRF
    mode: str = "fast"  # "accurate": e5 encoder + trained head (extra lagebild[accurate]); falls back to fast
    kb_files: list[str] = field(default_factory=list)  # extra KB files (same TSV layouts as data/kb)
    role_files: list[str] = field(default_factory=list)  # extra role-noun files (layout of data/kb/roles.tsv)
    max_chunk_chars: int = 1000
    max_mentions: int = 20000  # cap for pathological inputs
    prov: Provenance = field(default=Provenance("entities.ner.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        if not doc.text.strip():
            return doc
        nlp = model_for_next_document(self.model or None)
        with single_thread_blas():
            return self._annotate(doc, _chunks(doc, self.max_chunk_chars), nlp, _recogniser(self.mode))

    def batch(self, docs: list[Document]) -> list[Document | Exception]:
        """Tag the sentences of several documents in shared model batches; each document then as alone.

        The tagger reads every sentence on its own (no window crosses a sentence), so batching
        sentences of several documents changes no tag; it costs less per sentence than a batch per
        document (measured in one process on 10kGNAD articles in chunks of 8: the whole pipeline ~7 % less CPU with 64 sentences per call; 256 gained nothing, their activations outgrow the cache). Documents longer
        than ``BATCH_MAX_CHARS`` are tagged on their own, so a batch never holds a huge text's tokens.
        """
        nlp = model_for_next_document(self.model or None)
        recogniser = _recogniser(self.mode)
        shared = [k for k, doc in enumerate(docs) if doc.text.strip() and len(doc.text) <= BATCH_MAX_CHARS]
        chunks = {k: _chunks(docs[k], self.max_chunk_chars) for k in shared}
        texts = [docs[k].text[s:e] for k in shared for s, e in chunks[k]]
        with single_thread_blas():
            tagged = list(recogniser(nlp, texts, batch_size=BATCH_SENTENCES)) if texts else []
            out: list[Document | Exception] = []
            pos = 0
            for k, doc in enumerate(docs):
                try:
                    if k in chunks:
                        mine = tagged[pos : pos + len(chunks[k])]
                        pos += len(chunks[k])
                        out.append(self._annotate(doc, chunks[k], nlp, _tagged(mine)))
                    else:
                        out.append(self(doc))
                except Exception as exc:  # recorded on this document by the pipeline, as for one document alone
                    out.append(exc)
        return out

    def _annotate(self, doc: Document, chunks: list[tuple[int, int]], nlp: Any, recogniser: Callable[..., Iterable[Any]]) -> Document:
        kb = load_kb(tuple(self.kb_files))
        roles = load_roles(tuple(self.role_files))
        mentions = extract_mentions(doc.text, chunks, nlp, kb, roles, outlet=doc.meta.outlet, recogniser=recogniser,
                                    language=doc.meta.language)
        if len(mentions) > self.max_mentions:
            log.warning("%s: %d entity mentions, keeping the first %d", doc.id, len(mentions), self.max_mentions)
            mentions = mentions[: self.max_mentions]
        for m in mentions:
            if m.end <= m.start:
                continue
            doc.add("entity", Span(m.start, m.end), self.prov, label=m.label, data=m.data())
        return doc


def _tagged(docs: list[Any]) -> Callable[..., Iterable[Any]]:
    """A recogniser that hands back sentences tagged beforehand (in a batch of several documents)."""

    def recognise_tagged(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> Iterable[Any]:
        return iter(docs)

    return recognise_tagged
