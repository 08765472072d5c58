"""Run the pipeline in a pool of worker processes, each building the pipeline once.

Documents are submitted in bounded chunks so memory stays flat however large the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice

from lagebild.executors.base import After, Result, run_after
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec, StageStats

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(spec)


def _run_chunk(docs: list[Document], after: After | None = None) -> list[Result]:
    assert _WORKER_PIPELINE is not None
    results = []
    for doc in docs:
        _WORKER_PIPELINE.stats = StageStats()
        out = _WORKER_PIPELINE(doc)
        results.append(Result(out, _WORKER_PIPELINE.stats, run_after(after, out, _WORKER_PIPELINE.stats)))
    return results


class ProcessExecutor:
    """Process documents in ``jobs`` worker processes, ``chunk`` documents per task."""

    def __init__(self, jobs: int = 2, chunk: int = 8) -> None:
        self.jobs = jobs
        self.chunk = chunk

    def map(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[Result]:
        for chunk in self.map_chunks(spec, docs, after=after):
            yield from chunk

    def map_chunks(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[list[Result]]:
        ctx = multiprocessing.get_context("spawn")  # fork + threads in native libs is unsafe
        it = iter(docs)
        with ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker, initargs=(spec,)) as pool:
            pending: set[Future[list[Result]]] = set()
            while True:
                while len(pending) < self.jobs * 2:
                    batch = list(islice(it, self.chunk))
                    if not batch:
                        break
                    pending.add(pool.submit(_run_chunk, batch, after))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
