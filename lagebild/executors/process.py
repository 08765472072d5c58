"""Run the pipeline in a pool of worker processes, each building the pipeline once.

Documents are submitted in bounded chunks so memory stays flat however large the corpus.
Workers end with the parent (``lifeline``). A worker that dies on a document (a crash in a
native library, the kernel's out-of-memory killer) costs no document: the pool is restarted,
the documents it held are run again one at a time, and the one that kills a worker again is
returned unanalysed with a ``StageFailure`` saying so.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import socket
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice
from typing import Any

from lagebild.executors.base import WORKER_STAGE, After, Result, run_after, unanalysed
from lagebild.executors.lifeline import end_with_parent
from lagebild.gc_policy import relax_gc
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec

__all__ = ["PRELOAD", "PRELOAD_PAGES", "WORKER_STAGE", "ProcessExecutor", "worker_pool"]

log = logging.getLogger(__name__)

_WORKER_PIPELINE: Pipeline | None = None

#: what every pool's fork server loads (``lagebild.executors.preload``)
PRELOAD = ("lagebild.executors.preload",)
#: and what it loads as well when the run reads HTML pages
PRELOAD_PAGES = ("lagebild.executors.preload", "lagebild.executors.preload_pages")


def worker_pool(jobs: int, preload: tuple[str, ...] = PRELOAD, warm: PipelineSpec | None = None, *,
                initializer: Callable[..., Any] | None = None, initargs: tuple[Any, ...] = ()) -> Executor:
    """A pool of ``jobs`` worker processes, forks of a fork server that loaded ``preload``.

    Forking the main process is unsafe (threads of native libraries); spawning a fresh interpreter
    per worker made each one import lagebild and its libraries, load the NER model and fill the
    stages' tables again (~2 CPU s a worker, ~2 more for dateparser on HTML pages). The fork server
    is a fresh single-threaded interpreter; it does that work once and forks every worker from it.

    ``warm``: the pipeline the server builds and runs a short text through (``preload``), the run's
    own, so that the server loads the run's NER model and settings, not the defaults. Each
    (``preload``, ``warm``) pair has a server of its own, started by its first pool and kept, with
    what it loaded, for later pools (they fork from it at once); a long-running process (web app,
    API) keeps a few and stops idle ones (``server.configure_servers``). Workers end with this
    process (``lifeline``). Nothing process-global changes: multiprocessing's fork server and
    default start method stay as they were. Where there is no ``fork`` (Windows): a process pool
    of spawned interpreters.
    """
    if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_spawned,
                                   initargs=(os.getpid(), initializer, initargs))
    from lagebild.executors.server import ServerPool, server_for

    return ServerPool(server_for(preload, warm), jobs, initializer, initargs)


def _spawned(parent: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    end_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER_PIPELINE
    atexit.register(_exit_now)  # registered last, so it runs first
    _WORKER_PIPELINE = Pipeline(spec)
    relax_gc()  # the stages' tables are never scanned again; documents come and go by reference counting


def _exit_now() -> None:
    """End the worker without tearing down its interpreter.

    A worker holds a tagger, lexicons and lookup tables of millions of objects; freeing them one
    by one at exit took 1-3 s per worker, and the pool's shutdown waits for it between the last
    document and the cross-source phase. At exit every result has been sent back: nothing of
    the worker's state is needed any more (its streams are flushed first)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # closed or broken: nothing left to keep
            pass
    os._exit(0)


def _run_chunk(docs: list[Document], after: After | None = None) -> list[Result]:
    assert _WORKER_PIPELINE is not None
    # the chunk's documents go through the stages together (the tagger batches their sentences)
    return [Result(out, stats, run_after(after, out, stats)) for out, stats in _WORKER_PIPELINE.run_batch(docs)]


class ProcessExecutor:
    """Process documents in ``jobs`` worker processes, ``chunk`` documents per task."""

    def __init__(self, jobs: int = 2, chunk: int = 8, *, preload: tuple[str, ...] = PRELOAD) -> None:
        self.jobs = jobs
        self.chunk = chunk
        self.preload = preload  # modules the fork server imports before forking workers (``worker_pool``)
        self._live: Executor | None = None  # the pool of a running ``map_chunks`` (or a held one)
        self._hold = False  # inside ``hold``: the pool outlives ``map_chunks`` for further tasks

    @contextmanager
    def hold(self) -> Iterator[Executor | None]:
        """Keep the pool of the next ``map_chunks`` after its last document, for ``submit_task``, until the block ends.

        The cross-source stages that run once per story go to the same warm workers (their
        imports paid, lexicons loaded) instead of a new pool or the main process alone."""
        self._hold = True
        try:
            yield self._live
        finally:
            self._hold = False
            pool, self._live = self._live, None
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def submit_task(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any] | None:
        """Queue ``fn(*args)`` on the workers of the running ``map_chunks`` (``None`` if there is none, or it broke).

        The documents being mapped may come from such tasks (HTML pages extracted in the
        workers): they run in the same processes, queued with the pipeline's chunks."""
        if self._live is None:
            return None
        try:
            return self._live.submit(fn, *args)
        except RuntimeError:  # BrokenProcessPool, or shut down: the caller does the work another way
            return None

    def map(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[Result]:
        for chunk in self.map_chunks(spec, docs, after=after):
            yield from chunk

    def start(self, spec: PipelineSpec) -> Callable[[], None]:
        """Start the fork server of ``spec``'s pools now, so that it loads the modules and the NER model while
        the caller does its own preparations instead of after them (no result depends on it; a failure
        here only loses that head start). Returns what undoes it: stops the server if this call started it
        and no pool uses it yet (a caller whose preparations fail must not leave a server loading the model)."""
        if not hasattr(os, "fork") or not hasattr(socket, "send_fds"):
            return lambda: None
        from lagebild.executors.server import server_for

        try:
            early = server_for(self.preload, spec)
            if early.start():

                def undo() -> None:
                    if early.users == 0:
                        early.stop()

                return undo
        except Exception:  # the first pool starts it (and reports what fails)
            log.debug("starting the fork server early failed", exc_info=True)
        return lambda: None

    def _pool(self, spec: PipelineSpec) -> Executor:
        return worker_pool(self.jobs, self.preload, spec, initializer=_init_worker, initargs=(spec,))

    def map_chunks(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[list[Result]]:
        it = iter(docs)
        suspects: deque[Document] = deque()  # held by a pool that broke: run again one at a time
        while True:
            lost: list[Document] = []
            pool = self._pool(spec)
            self._live = pool  # reads queued with the chunks (``submit_task``)
            keep = False
            try:
                pending: dict[Future[list[Result]], list[Document]] = {}
                alone: set[Future[list[Result]]] = set()  # a suspect run with nothing else in the pool
                while True:
                    # Suspects run one at a time on an otherwise idle pool, so a failure names its document.
                    while (not suspects and len(pending) < self.jobs * 2) or (suspects and not pending):
                        suspect = bool(suspects)
                        batch = [suspects.popleft()] if suspect else list(islice(it, self.chunk))
                        if not batch:
                            break
                        fut = pool.submit(_run_chunk, batch, after)
                        pending[fut] = batch
                        if suspect:
                            alone.add(fut)
                    if not pending:
                        keep = self._hold
                        return
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    broken = False
                    for fut in done:
                        batch = pending.pop(fut)
                        try:
                            yield fut.result()
                        except Exception as exc:  # a dead worker, or a document that cannot travel back
                            if fut in alone:
                                yield [unanalysed(batch[0], after, _why(exc))]
                            else:
                                lost.extend(batch)
                            broken = broken or _is_broken(exc)
                        alone.discard(fut)
                    if broken:
                        for batch in pending.values():
                            lost.extend(batch)
                        break
                    if lost:  # a batch failed without breaking the pool: retry its documents singly
                        suspects.extend(lost)
                        lost = []
            finally:
                if not keep:  # the pool ends here, unless ``hold`` keeps it for further tasks
                    self._live = None
                    pool.shutdown(wait=True)
            suspects.extend(lost)
            log.warning("a worker process died; restarting the pool and retrying %d document(s) one by one", len(lost))


def _is_broken(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)


def _why(exc: BaseException) -> str:
    if _is_broken(exc):
        return "the worker process analysing this document stopped (crash or out of memory); the text is kept unanalysed"
    return f"could not be analysed in a worker process ({type(exc).__name__}); the text is kept unanalysed"
