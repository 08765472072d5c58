"""Read input files ahead in worker processes, in input order.

Reading a text file is cheap, but an HTML page goes through main-text and metadata extraction
(trafilatura, htmldate: ~0.1 s a page). Done in the main process, that extraction was the
bottleneck of multi-process runs on web pages: the pipeline workers waited for one core to
extract. Here HTML files are read by a small process pool, a bounded window ahead of the
consumer, and every result comes out in the order of the inputs, exactly as reading them one
by one would give (same documents, same ids, same first-seen copy of a duplicate).

Text files and record streams (JSONL, WARC) are read in the calling process: the first are too
cheap to send around, the second are read lazily so that a large file never sits in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from lagebild.errors import InputError, InputNotice
from lagebild.executors.lifeline import end_with_parent
from lagebild.ingest import read_path
from lagebild.ingest.limits import ReadLimits
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


def read_ahead(
    items: Iterable[Path | InputError], jobs: int, limits: ReadLimits | None = None, *, window: int = 0
) -> Iterator[Document | InputError]:
    """Yield the documents (or errors) of ``items`` in order, HTML files read by ``jobs`` processes.

    ``items``: what ``lagebild.ingest.discover`` yields; ``limits``: as for ``read_path``.
    ``window``: files in flight (default 4 per process).
    """
    window = window or 4 * max(1, jobs)
    pending: deque[Future[Read] | list[Document | InputError]] = deque()
    pool: ProcessPoolExecutor | None = None

    def settle(entry: Future[Read] | list[Document | InputError]) -> list[Document | InputError]:
        return _restore(entry.result()) if isinstance(entry, Future) else entry

    try:
        for item in items:
            if isinstance(item, InputError):
                pending.append([item])
            else:
                name = item.name.lower()
                if jobs > 1 and name.endswith(POOL_SUFFIXES):
                    if pool is None:
                        pool = ProcessPoolExecutor(
                            jobs, mp_context=multiprocessing.get_context("spawn"), initializer=end_with_parent, initargs=(os.getpid(),)
                        )
                    pending.append(pool.submit(_read_file, item, limits))
                elif name.endswith(SMALL_SUFFIXES):
                    pending.append(list(read_path(item, limits)))
                else:  # a stream (or unknown format): everything before it first, then read it lazily
                    while pending:
                        yield from settle(pending.popleft())
                    yield from read_path(item, limits)
                    continue
            while len(pending) > window or (pending and not isinstance(pending[0], Future)):
                yield from settle(pending.popleft())
        while pending:
            yield from settle(pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
