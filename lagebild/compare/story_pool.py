"""Run the per-story compare stages of many stories in worker processes.

Stories never read each other's results, so their stages can run anywhere once the corpus-wide
stages are done. A batch of stories travels to a worker with what its stages read of the whole
corpus, cut down to the batch: the origins of its documents, the corpus frequencies of its
documents' words (only once a story's date inference was seen to weigh words: most read none,
and the frequencies are then never computed), corrections. What a batch carries therefore does
not grow with the corpus. The worker reads the stories' whole documents from the store itself
and returns each story's ``StoryPart``, or why it could not: a word weight not sent (the caller
sends the batch again with its words' weights) or a document the store did not return (the caller
computes that batch itself). The main process only merges, so the cross-source phase uses every
core instead of one. The parts are the ones ``compare_stories`` computes in one process (same
inputs, same stage code, same fingerprints).

While it holds a story's documents whole, the worker also builds each one's part of the export
and report (``DocumentOutput``, with the story's inferred dates and entities): the export then
decodes the stored parts instead of reading and parsing every document again in the main process.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from lagebild.compare import COMPARE, CorpusContext, CorpusResult, run_timed_stage
from lagebild.model import Document

log = logging.getLogger(__name__)

DATES_STAGE = "dates.infer.v1"
#: the caller's timings keep the CPU a worker spent on a stage under this prefix: it is the workers' CPU, not the
#: caller's (a benchmark sums it with the worker processes, not with the main process)
WORKER_PREFIX = "workers: "

__all__ = ["MISSING_DOCUMENTS", "MISSING_WEIGHTS", "WORKER_PREFIX", "OutputRow", "StoryJob", "StoryShared", "batches", "run_story_batch", "warm"]

#: ``submit(fn, *args)``: a future of ``fn(*args)`` run in a worker, or None when no worker can take it
Submit = Callable[..., "Future[Any] | None"]


@dataclass
class StoryJob:
    """One story to compute: its id, the fingerprint of its inputs but the word weights, its members and results."""

    story: str | None
    base: str
    doc_ids: list[str]
    result: CorpusResult


@dataclass
class StoryShared:
    """What a batch's stories' stages read of the whole corpus."""

    names: list[str]
    settings: dict[str, dict[str, Any]]
    corrections: list[dict[str, Any]]
    #: the corpus-wide origin of each document of the batch
    origins: dict[str, str]
    n_docs: int
    #: the corpus document frequency of each word of the batch's documents; None: not sent (a story that
    #: weighs a word then makes the batch come back undone)
    frequencies: Mapping[str, int] | None
    #: ``frequencies`` holds every word of the corpus (a word not in it occurs nowhere); else only the batch's
    every_word: bool = False
    #: where the worker reads whole documents (a store URL or path); None: ``docs`` of the batch
    store: str | None = None
    docs: dict[str, Document] = field(default_factory=dict)
    #: the code version (``code_version``): a worker that read the stories' documents from ``store`` also builds
    #: each one's output part (``DocumentOutput``) while it holds them, so the export does not read them again
    outputs: str | None = None


#: per worker process: the open store and the built stages, kept across batches
_STORES: dict[str, Any] = {}
_STAGES: dict[str, dict[str, Any]] = {}


def _load(shared: StoryShared, ids: Sequence[str]) -> Mapping[str, Document]:
    if shared.store is None:
        return shared.docs
    store = _STORES.get(shared.store)
    if store is None:
        store = _STORES[shared.store] = _open(shared.store)
    got: Mapping[str, Document] = store.get_documents(ids)
    return got


def _built(shared: StoryShared) -> dict[str, Any]:
    import importlib

    importlib.import_module("lagebild.compare.builtin")
    key = json.dumps([shared.names, shared.settings], sort_keys=True, default=str)
    built = _STAGES.get(key)
    if built is None:
        built = _STAGES[key] = {n: COMPARE.build(n, shared.settings[n]) for n in shared.names}
    return built


def warm(store: str | None, names: Sequence[str], settings: Mapping[str, Mapping[str, Any]]) -> None:
    """Import the per-story stages, build them and open the store in this worker, ahead of its first batch
    (sent while the main process runs the corpus-wide stages, when the workers would wait)."""
    _built(StoryShared(list(names), {n: dict(settings.get(n) or {}) for n in names}, [], {}, 0, None, store=store))
    if store is not None and store not in _STORES:
        _STORES[store] = _open(store)


def _open(where: str) -> Any:
    """Open the store at ``where`` to read documents: a SQLite file read-only (no schema script, no write
    transaction that would wait on the main process's writes), else as ``open_store`` does."""
    from lagebild.store import open_store

    if "://" not in where:
        try:
            return _read_only_sqlite(where)
        except Exception:  # e.g. no such file yet, or no shared-memory file to read the log through
            log.debug("cannot open %s read-only; opening it as usual", where, exc_info=True)
    return open_store(where)


def _read_only_sqlite(path: str) -> Any:
    import sqlite3
    from pathlib import Path
    from urllib.parse import quote

    from lagebild.store.sqlite import SQLiteStore

    if not Path(path).is_file():
        raise FileNotFoundError(path)
    store = SQLiteStore.__new__(SQLiteStore)  # its reading methods need only ``path`` and ``db``
    store.path = path
    store.db = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True, timeout=30,
                               check_same_thread=False)
    store.db.row_factory = sqlite3.Row
    store.db.execute("SELECT 1 FROM documents LIMIT 1").fetchall()
    return store


#: ``(document id, digest, encoded part)``: a document's output part as the store keeps it (``doc_outputs``)
OutputRow = tuple[str, str, bytes]
#: a batch's outputs: per story, its result fields, the fingerprint's base, the words whose weights it read and its
#: documents' output parts (``StoryShared.outputs``); or why the batch could not be computed with what it carried:
#: ``MISSING_DOCUMENTS`` or ``MISSING_WEIGHTS``
Outputs = list[tuple[dict[str, Any], str, set[str], list[OutputRow]]] | str
MISSING_DOCUMENTS = "documents"
MISSING_WEIGHTS = "weights"


def run_story_batch(shared: StoryShared, jobs: Sequence[StoryJob]) -> tuple[Outputs, dict[str, float]]:
    """Run the per-story stages on each story of ``jobs``: per story, its result fields, the fingerprint's base
    and the words whose corpus weights date inference read; and the CPU seconds by stage (as ``run_timed_stage``).

    The outputs are the reason instead when a story's document is missing from the store (the caller has a view of it,
    as the one-process path uses) or a word weight was read that ``shared`` does not carry."""
    from lagebild.compare.coverage import corpus_origins
    from lagebild.compare.dates import corpus_word_counts
    from lagebild.compare.per_story import StoryPart

    timings: dict[str, float] = defaultdict(float)
    built = _built(shared)
    started = time.process_time()
    whole = _load(shared, [i for job in jobs for i in job.doc_ids])
    timings["load story documents"] += time.process_time() - started
    if any(i not in whole for job in jobs for i in job.doc_ids):
        return MISSING_DOCUMENTS, dict(timings)
    out: list[tuple[dict[str, Any], str, set[str], list[OutputRow]]] = []
    weighed: set[str] = set()
    weights = _Weights(shared.frequencies, weighed, shared.every_word)
    with corpus_origins(shared.origins), corpus_word_counts(lambda: (shared.n_docs, weights)):
        for job in jobs:
            weighed.clear()
            read: set[str] = set()
            ctx = CorpusContext(docs=[whole[i] for i in job.doc_ids], result=job.result,
                                corrections=shared.corrections)
            for name in shared.names:
                run_timed_stage(name, ctx, shared.settings[name], timings, built[name])
                if name == DATES_STAGE:  # the words weighed so far go into the fingerprint (as in ``compare_stories``)
                    read = set(weighed)
            if weights.missing:  # a weight not sent: the results would be wrong
                return MISSING_WEIGHTS, dict(timings)
            part = StoryPart.of(job.story, job.base, ctx.result)
            rows: list[OutputRow] = []
            if shared.outputs is not None and shared.store is not None:  # whole documents, just read from the store
                started = time.process_time()
                try:
                    rows = _output_rows(_STORES[shared.store], ctx.docs, ctx.result, shared.outputs)
                except Exception:  # only a cache (the export builds these parts itself), but a bug to see
                    _warn_output_parts()
                timings["output parts"] += time.process_time() - started
            out.append((_fields(part), job.base, read, rows))
    return out, dict(timings)


#: this worker warned that it could not build output parts (once: a bug would repeat for every story)
_OUTPUT_PARTS_FAILED: list[bool] = []


def _warn_output_parts() -> None:
    if not _OUTPUT_PARTS_FAILED:
        _OUTPUT_PARTS_FAILED.append(True)
        log.warning("building the output parts of a story's documents failed; the export builds them", exc_info=True)


def _output_rows(store: Any, docs: Sequence[Document], result: CorpusResult, version: str) -> list[OutputRow]:
    """The output parts of a story's ``docs`` as ``document_outputs`` builds them: what a part reads of the corpus
    (the entity of each mention, the inferred dates) is the story's, and so is its digest."""
    from lagebild.export.doc_outputs import DocumentOutput, OutputKeys, sources_and_digests

    sources, digests = sources_and_digests(store, OutputKeys(result, version), [d.id for d in docs])
    return [(d.id, digests[d.id], DocumentOutput.of(d, sources.get(d.id, []), result).encode()) for d in docs]


def _fields(part: Any) -> dict[str, Any]:
    return {"events": part.events, "timeline": part.timeline, "claim_groups": part.claim_groups,
            "inconsistencies": part.inconsistencies, "inferred_dates": part.inferred_dates, "coverage": part.coverage,
            "failures": part.failures}


class _Weights(Mapping[str, int]):
    """The corpus document frequencies; each word looked up is noted in ``seen`` (its weight goes into the
    fingerprint), and ``missing`` tells that a word was looked up whose frequency was not given."""

    def __init__(self, frequencies: Mapping[str, int] | None, seen: set[str], every_word: bool = False) -> None:
        self._frequencies: Mapping[str, int] = frequencies if frequencies is not None else {}
        self.seen = seen
        self.every_word = every_word and frequencies is not None
        self.missing = False

    def __getitem__(self, word: str) -> int:
        self.seen.add(word)
        got = self._frequencies.get(word)
        if got is None:  # every word of the batch's documents occurs in the corpus: this one was not sent
            self.missing = self.missing or not self.every_word
            return 0
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._frequencies)

    def __len__(self) -> int:
        return len(self._frequencies)


def batches(jobs: Sequence[StoryJob], size: int) -> Iterator[list[StoryJob]]:
    """``jobs`` in order, in batches of about ``size`` documents (a larger story is a batch of its own)."""
    batch: list[StoryJob] = []
    n = 0
    for job in jobs:
        if batch and n + len(job.doc_ids) > size:
            yield batch
            batch, n = [], 0
        batch.append(job)
        n += len(job.doc_ids)
    if batch:
        yield batch
