"""Ingest articles posted to a running server: queue them, run the pipeline, save, recompute.

``POST /api/ingest`` validates the body and answers at once with a job; one background thread
works through the queue. The pipeline is built once per server (loading its models took most of
the 12-14 s a one-article ingest used to cost); the store lock is held only to read, save and
recompute the cross-source picture, never while the pipeline runs, and jobs waiting together
share one recomputation.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from lagebild.analyze import recompute_corpus
from lagebild.config import load_config
from lagebild.fingerprints import analysis_fingerprint
from lagebild.model import ArticleMeta, DateValue, Document, SourceRef, content_hash
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.store import Store

__all__ = ["ArticleIn", "IngestIn", "IngestJob", "IngestQueue", "IngestResult", "check_date", "ingest_articles"]

log = logging.getLogger(__name__)

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

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:
            check_date(value)
        return value


def check_date(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` names a date that exists ("2024-02-30T99:99" does not)."""
    try:
        if len(value) == 4:
            date(int(value), 1, 1)
        elif len(value) == 7:
            date(int(value[:4]), int(value[5:7]), 1)
        elif len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"not a real date or time: {value!r} ({exc})") from None


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


def ingest_articles(
    store: Store,
    articles: Sequence[ArticleIn],
    *,
    lock: threading.RLock | None = None,
    pipeline: Pipeline | None = None,
    recompute: bool = True,
) -> IngestResult:
    """Analyse ``articles`` with the configured pipeline into ``store``; recompute the corpus once.

    ``lock`` guards the store (taken to read and to save, not while the pipeline runs);
    ``pipeline`` is a pipeline built before (building one loads its models)."""
    config = load_config()
    guard = lock or threading.RLock()
    if pipeline is None:
        pipeline = Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs))
    result = IngestResult()
    new_docs: list[Document] = []
    taken: set[str] = set()
    seen: dict[str, str] = {}
    with guard:
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
    analysis = analysis_fingerprint(pipeline.spec)  # so a later `analyze` over the same files does not redo them
    for doc in new_docs:
        out = pipeline(doc)
        with guard:
            store.save_document(out, analysis=analysis)
        result.added.append(out.id)
        result.stage_failures.extend({"doc": out.id, **f.to_json()} for f in out.failures if f.error != "Skipped")
    if new_docs and recompute:
        with guard:
            corpus = recompute_corpus(store, config)
        result.corpus_failures = list(corpus.failures)
    return result


@dataclass
class IngestJob:
    """One posted batch: queued, running, done or failed; its result once done."""

    id: str
    articles: list[ArticleIn]
    status: str = "queued"
    submitted: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    result: IngestResult | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": True, "job": self.id, "status": self.status, "articles": len(self.articles),
                               "submitted": _iso(self.submitted), "started": _iso(self.started), "finished": _iso(self.finished)}
        if self.result is not None:
            out.update({k: v for k, v in self.result.to_json().items() if k != "ok"})
        if self.error is not None:
            out["error"] = self.error
        return out


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")


class QueueFull(Exception):
    """Too many jobs are waiting; the client should retry later."""


class IngestQueue:
    """Jobs worked through by one background thread, in the order they came in.

    ``max_waiting`` bounds the queue (posting more answers 503); the last ``keep`` finished jobs
    stay available to poll."""

    def __init__(self, store: Store, lock: threading.RLock, *, on_change: Callable[[], None] = lambda: None,
                 max_waiting: int = 100, keep: int = 1000) -> None:
        self.store = store
        self.lock = lock
        self.on_change = on_change
        self.max_waiting = max_waiting
        self.keep = keep
        self.jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._waiting: list[IngestJob] = []
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._pipeline: Pipeline | None = None
        self._thread = threading.Thread(target=self._run, name="lagebild-ingest", daemon=True)
        self._thread.start()

    def submit(self, articles: Sequence[ArticleIn]) -> IngestJob:
        with self._cond:
            if len(self._waiting) >= self.max_waiting:
                raise QueueFull(f"{len(self._waiting)} ingest jobs are waiting; try again later")
            job = IngestJob(f"{int(time.time())}-{next(self._ids)}", list(articles))
            self.jobs[job.id] = job
            while len(self.jobs) > self.keep + self.max_waiting:
                oldest = next(iter(self.jobs))
                if self.jobs[oldest].status in ("queued", "running"):
                    break
                self.jobs.pop(oldest)
            self._waiting.append(job)
            self._cond.notify()
            return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._cond:
            return self.jobs.get(job_id)

    def wait(self, job: IngestJob, timeout: float) -> IngestJob:
        """Block until ``job`` is finished or ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while job.status in ("queued", "running") and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)
        return job

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._waiting:
                    self._cond.wait()
                batch, self._waiting = self._waiting, []
                for job in batch:
                    job.status, job.started = "running", time.time()
            added = False
            for job in batch:
                try:
                    if self._pipeline is None:
                        config = load_config()
                        self._pipeline = Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs))
                    job.result = ingest_articles(self.store, job.articles, lock=self.lock, pipeline=self._pipeline, recompute=False)
                    added = added or bool(job.result.added)
                except Exception as exc:  # one bad job must not stop the queue
                    log.exception("ingest job %s failed", job.id)
                    job.error = f"the articles could not be analysed ({type(exc).__name__}); nothing of this job was lost " \
                                "before the failure, see the server log"
            corpus_failures: list[dict[str, str]] = []
            if added:
                try:
                    with self.lock:
                        corpus_failures = list(recompute_corpus(self.store, load_config()).failures)
                except Exception as exc:  # the documents are saved; the picture is recomputed next time
                    log.exception("recomputing the cross-source picture failed")
                    corpus_failures = [{"stage": "(recompute)", "message": type(exc).__name__}]
            try:
                self.on_change()
            except Exception:
                log.exception("invalidating the reader failed")
            with self._cond:
                for job in batch:
                    if job.result is not None:
                        job.result.corpus_failures = corpus_failures
                    job.status = "failed" if job.error else "done"
                    job.finished = time.time()
                self._cond.notify_all()


def queue_for(state: Any) -> IngestQueue:
    """The ingest queue of a running server (created on first use, one per ``WebState``)."""
    with _QUEUES_LOCK:
        queue = getattr(state, "ingest_queue", None)
        if queue is None:
            queue = IngestQueue(state.store, state.lock, on_change=state.reader.invalidate)
            state.ingest_queue = queue
        return queue


_QUEUES_LOCK = threading.Lock()
