"""The executor protocol shared by all executors."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from lagebild.model import Document, StageFailure
from lagebild.pipeline import PipelineSpec, StageStats

#: Run on each processed document where it was processed (a worker): a picklable top-level
#: function (or ``functools.partial`` of one) whose value travels back in ``Result.extra``.
After = Callable[[Document], Any]
#: key of ``after``'s time in ``Result.stats.seconds`` (next to the stages' times)
AFTER_KEY = "(after the stages)"
#: name of the failure recorded on a document that could not be analysed (its worker died, …)
WORKER_STAGE = "(worker)"

log = logging.getLogger(__name__)


def run_after(after: After | None, doc: Document, stats: StageStats) -> Any:
    """Return ``after(doc)`` (``None`` without ``after``), adding its time to ``stats``."""
    if after is None:
        return None
    started = time.perf_counter()
    try:
        return after(doc)
    finally:
        stats.seconds[AFTER_KEY] += time.perf_counter() - started


@dataclass
class Result:
    """One processed document, the stage timings of the worker, and what ``after`` returned."""

    doc: Document
    stats: StageStats = field(default_factory=StageStats)
    extra: Any = None


class Executor(Protocol):
    def map(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[Result]:
        """Yield every document processed by the pipeline (order may differ from input)."""
        ...

    def map_chunks(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[list[Result]]:
        """Like ``map``, in the chunks the documents were processed in (for batched writes)."""
        ...


@runtime_checkable
class TaskHost(Protocol):
    """An executor whose worker processes also take other tasks while it maps documents.

    Reading HTML extracts text and metadata (~0.1 s a page, imports paid once per process):
    sent to the pipeline's own workers, it runs in parallel without processes of its own.
    """

    def submit_task(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any] | None:
        """Run ``fn(*args)`` (picklable) in a worker; ``None`` when no worker can take it now."""
        ...


def unanalysed(doc: Document, after: After | None, why: str) -> Result:
    """The document as read, with the reason it was not analysed (it is still stored)."""
    doc.failures.append(StageFailure(WORKER_STAGE, "WorkerFailed", why[:500]))
    stats = StageStats()
    stats.failures[WORKER_STAGE] += 1
    try:
        extra = run_after(after, doc, stats)
    except Exception:  # the caller computes what it needs itself
        log.debug("after() failed on %s", doc.id, exc_info=True)
        extra = None
    return Result(doc, stats, extra)
