"""Executors decide where a pipeline runs: in-process, in a process pool, or (later) on a cluster.

Every executor gives identical results for the same spec and documents: stages are pure.
"""

from __future__ import annotations

from lagebild.executors.base import AFTER_KEY, Executor, Result
from lagebild.executors.inline import InlineExecutor
from lagebild.executors.process import ProcessExecutor


def make_executor(jobs: int) -> Executor:
    """Return the default executor for ``jobs`` workers (1 → in-process)."""
    return InlineExecutor() if jobs <= 1 else ProcessExecutor(jobs)


__all__ = ["AFTER_KEY", "Executor", "InlineExecutor", "ProcessExecutor", "Result", "make_executor"]
