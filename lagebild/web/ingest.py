"""Ingest articles posted to a running server: run the pipeline, save, recompute the cross-source picture."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lagebild.analyze import recompute_corpus
from lagebild.config import load_config
from lagebild.executors import InlineExecutor
from lagebild.model import ArticleMeta, DateValue, Document, SourceRef, content_hash
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.store import Store

__all__ = ["ArticleIn", "IngestIn", "IngestResult", "ingest_articles"]

_DATE_PRECISION = {4: "year", 7: "month", 10: "day"}


class ArticleIn(BaseModel):
    """One article to analyse: its text plus whatever metadata the caller knows."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000, description="The article text (plain text or HTML).")
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,119}$", description="Wanted document id.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=500)
    author: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2}(T[0-9:.+Z-]{2,25})?)?)?$",
                                  description="ISO date (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp).")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    format: Literal["txt", "html"] = "txt"


class IngestIn(BaseModel):
    """A batch of articles."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    stage_failures: list[dict[str, Any]] = field(default_factory=list)
    corpus_failures: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "added": self.added, "already_stored": self.already_stored, "rejected": self.rejected,
                "stage_failures": self.stage_failures, "corpus_failures": self.corpus_failures}


def _document(article: ArticleIn, store: Store, taken: set[str]) -> Document | None:
    """Build the document as the file readers would; explicit metadata wins over extracted metadata."""
    digest = content_hash(article.text)
    wanted = re.sub(r"\s", "_", article.id or f"api-{digest[:12]}")
    if wanted in taken or store.has_id(wanted):
        wanted = f"{wanted}~{digest[:8]}"
    source = SourceRef(path=article.url or f"api:{wanted}", format=article.format, url=article.url, byte_size=len(article.text.encode()))
    if article.format == "html":
        from lagebild.ingest.readers import document_from_html

        doc = document_from_html(article.text, doc_id=wanted, source=source, url=article.url)
        if doc is None:
            return None
    else:
        doc = Document(id=wanted, original=article.text, source=source, meta=ArticleMeta())
    meta = doc.meta
    if article.published:
        precision = "minute" if "T" in article.published else _DATE_PRECISION.get(len(article.published))
        meta.published = DateValue(article.published, precision)
    for key in ("title", "author", "outlet", "language", "url"):
        if getattr(article, key):
            setattr(meta, key, getattr(article, key))
    return doc


def ingest_articles(store: Store, articles: Sequence[ArticleIn]) -> IngestResult:
    """Analyse ``articles`` with the configured pipeline into ``store``; recompute the corpus once."""
    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    Pipeline(spec)  # configuration problems surface before any document is touched
    result = IngestResult()
    new_docs: list[Document] = []
    taken: set[str] = set()
    seen: dict[str, str] = {}
    for article in articles:
        digest = content_hash(article.text)
        existing = seen.get(digest) or store.find_by_hash(digest)
        if existing:
            result.already_stored.append(existing)
            continue
        doc = _document(article, store, taken)
        if doc is None:
            result.rejected.append({"id": article.id, "error": "no readable article text in the HTML page"})
            continue
        taken.add(doc.id)
        seen[digest] = doc.id
        new_docs.append(doc)
    for out in InlineExecutor().map(spec, new_docs):
        store.save_document(out.doc)
        result.added.append(out.doc.id)
        result.stage_failures.extend({"doc": out.doc.id, **f.to_json()} for f in out.doc.failures if f.error != "Skipped")
    if new_docs:
        corpus = recompute_corpus(store, config)
        result.corpus_failures = list(corpus.failures)
    return result
