"""Executors decide where a pipeline runs: in-process, in a process pool, or on a Ray cluster.

Every executor gives identical results for the same spec and documents: stages are pure.
"""

from __future__ import annotations

from lagebild.errors import ConfigError
from lagebild.executors.base import AFTER_KEY, Executor, Result, TaskHost
from lagebild.executors.inline import InlineExecutor
from lagebild.executors.process import ProcessExecutor

#: names accepted by ``make_executor`` (``--executor``, ``run.executor``)
EXECUTOR_KINDS = ("process", "ray")


def make_executor(jobs: int, kind: str = "process", *, address: str | None = None) -> Executor:
    """Return the executor ``kind`` for ``jobs`` workers.

    ``process``: in this process for 1 job, else a local process pool. ``ray``: Ray actors on the
    cluster at ``address`` (or a local one; ``jobs`` 0 = every CPU of the cluster).
    """
    if kind == "process":
        return InlineExecutor() if jobs <= 1 else ProcessExecutor(jobs)
    if kind == "ray":
        from lagebild.executors.ray import (
            RayExecutor,  # Ray is an optional extra: imported on use
        )

        return RayExecutor(jobs, address=address)
    raise ConfigError([f"run -> executor: unknown executor {kind!r}; expected one of {', '.join(EXECUTOR_KINDS)}"])


__all__ = ["AFTER_KEY", "EXECUTOR_KINDS", "Executor", "InlineExecutor", "ProcessExecutor", "Result", "TaskHost", "make_executor"]
