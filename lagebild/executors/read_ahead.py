"""Read input files ahead in worker processes, in input order.

Reading a text file is cheap, but an HTML page goes through main-text and metadata extraction
(trafilatura, htmldate: ~0.1 s a page). Done in the main process, that extraction was the
bottleneck of multi-process runs on web pages: the pipeline workers waited for one core to
extract. Here HTML files are read in worker processes, a bounded window ahead of the consumer,
and every result comes out in the order of the inputs, exactly as reading them one by one would
give (same documents, same ids, same first-seen copy of a duplicate).

The workers are those of the pipeline when its executor can take other tasks (``host``: the
process pool), so extraction costs no processes of its own: each process pays the imports and
the one-off set-up of trafilatura, htmldate and dateparser (~2 s) once, and reading and
analysing share the cores. Otherwise (Ray, or no host) a small pool of ``jobs`` processes reads.
A page whose read is lost with a broken worker is read again in that small pool.

Text files and record streams (JSONL, WARC) are read in the calling process: the first are too
cheap to send around, the second are read lazily so that a large file never sits in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from lagebild.errors import InputError, InputNotice
from lagebild.executors.base import TaskHost
from lagebild.executors.process import PRELOAD_PAGES, worker_pool
from lagebild.ingest import read_path
from lagebild.ingest.limits import ReadLimits
from lagebild.ingest.textsafe import display_path
from lagebild.model import Document

__all__ = ["read_ahead"]

#: file name endings read in the pool (the formats whose reading extracts text from markup)
POOL_SUFFIXES = (".html", ".htm", ".xhtml")
#: plain text formats read at once in the calling process (anything else is read lazily there)
SMALL_SUFFIXES = (".txt", ".text", ".md", ".json")

#: an ``InputError`` travels as (is a notice, path, reason): exceptions with such arguments do not pickle
Read = list[Document | tuple[bool, str, str]]


def _read_file(path: Path, limits: ReadLimits | None) -> Read:
    return [
        (isinstance(got, InputNotice), got.path, got.reason) if isinstance(got, InputError) else got
        for got in read_path(path, limits)
    ]


def _restore(items: Read) -> list[Document | InputError]:
    return [(InputNotice if got[0] else InputError)(got[1], got[2]) if isinstance(got, tuple) else got for got in items]


class _OwnPool:
    """The small reading pool, started on first use (no host, or a read the host lost)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Executor | None = None

    def submit(self, path: Path, limits: ReadLimits | None) -> Future[Read]:
        if self.pool is None:
            self.pool = worker_pool(self.jobs, PRELOAD_PAGES)
        return self.pool.submit(_read_file, path, limits)

    def read_again(self, path: Path, limits: ReadLimits | None) -> list[Document | InputError]:
        """Read one file whose read was lost with a worker; an error for it if it breaks this pool too."""
        try:
            return _restore(self.submit(path, limits).result())
        except BrokenProcessPool:
            self.close()
            return [InputError(display_path(path), "could not be read: the process reading it stopped (crash or out of memory)")]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _Shared:
    """A read queued on the host's workers: the file, so that a lost read can be done again."""

    def __init__(self, future: Future[Read], path: Path) -> None:
        self.future = future
        self.path = path


def read_ahead(
    items: Iterable[Path | InputError],
    jobs: int,
    limits: ReadLimits | None = None,
    *,
    window: int = 0,
    host: TaskHost | None = None,
) -> Iterator[Document | InputError]:
    """Yield the documents (or errors) of ``items`` in order, HTML files read in worker processes.

    ``items``: what ``lagebild.ingest.discover`` yields; ``limits``: as for ``read_path``.
    ``host``: an executor whose running workers take the reads (``TaskHost``); without one, or
    when it takes none, ``jobs`` processes of their own read (``jobs`` 1: this process reads).
    ``window``: files in flight (default 4 per process).
    """
    window = window or 4 * max(1, jobs)
    pending: deque[_Shared | Future[Read] | list[Document | InputError]] = deque()
    own = _OwnPool(jobs)

    def settle(entry: _Shared | Future[Read] | list[Document | InputError]) -> list[Document | InputError]:
        if isinstance(entry, _Shared):
            try:
                return _restore(entry.future.result())
            except Exception:  # the worker broke (maybe on another task): read this file again
                return own.read_again(entry.path, limits)
        return _restore(entry.result()) if isinstance(entry, Future) else entry

    try:
        for item in items:
            if isinstance(item, InputError):
                pending.append([item])
            else:
                name = item.name.lower()
                if jobs > 1 and name.endswith(POOL_SUFFIXES):
                    shared = host.submit_task(_read_file, item, limits) if host is not None else None
                    pending.append(_Shared(shared, item) if shared is not None else own.submit(item, limits))
                elif name.endswith(SMALL_SUFFIXES):
                    pending.append(list(read_path(item, limits)))
                else:  # a stream (or unknown format): everything before it first, then read it lazily
                    while pending:
                        yield from settle(pending.popleft())
                    yield from read_path(item, limits)
                    continue
            while len(pending) > window or (pending and isinstance(pending[0], list)):
                yield from settle(pending.popleft())
        while pending:
            yield from settle(pending.popleft())
    finally:
        own.close()
