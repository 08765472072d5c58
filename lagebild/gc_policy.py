"""Garbage-collector settings for the processes of a run: fewer full collections over long-lived data.

A run's processes hold large data that lives as long as they do (the tagger, lexicons and lookup
tables in a worker; the corpus views and the cross-source results in the main process) and
allocate many short-lived objects. CPython's default thresholds start a young collection every
700 container allocations and a full one whenever the older generations have grown by a quarter,
and a full collection walks every live object: in the main process of `lagebild analyze` on
1,000 articles that was ~1.7 of ~11 CPU s, most of it in the serial cross-source and output phases
(benchmarks/README.md). Freezing what is alive when the run starts keeps it out of every later
collection, and larger thresholds leave the data of a run to reference counting, which frees
everything without cycles at once; cycles are still collected, only less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["RUN_THRESHOLDS", "relax_gc", "relaxed_gc"]

#: young collection after 100,000 net container allocations; the middle one after 50 of those; a full one rarely
RUN_THRESHOLDS = (100_000, 50, 1000)


def relax_gc() -> None:
    """For the rest of this process: what is alive now is never scanned again, collections run rarely (a worker)."""
    gc.freeze()
    gc.set_threshold(*RUN_THRESHOLDS)


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """``relax_gc`` inside the block; the thresholds before it and the frozen objects' generation come back after."""
    before = gc.get_threshold()
    relax_gc()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
