"""Run the pipeline on a Ray cluster: one actor per worker slot, each building the pipeline once.

The same protocol as the process pool: documents go out in bounded chunks (memory stays flat
however large the corpus), results come back as they finish, and ``after`` runs where the
document was processed. With ``address`` the executor joins a running cluster (``ray start
--head`` on one machine, ``ray start --address HEAD:6379`` on the others); without it, it joins
the cluster this process is already connected to, or starts a local one with ``jobs`` CPUs.
Every machine needs lagebild installed (same version): actors import it there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from lagebild.errors import LagebildError
from lagebild.executors.base import After, Result, run_after, unanalysed
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec, StageStats

log = logging.getLogger(__name__)

__all__ = ["RayExecutor"]


class PipelineWorker:
    """The state of one Ray actor: the pipeline, built once from the picklable spec."""

    def __init__(self, spec: PipelineSpec) -> None:
        self.pipeline = Pipeline(spec)

    def ready(self) -> bool:
        return True

    def run(self, docs: list[Document], after: After | None = None) -> list[Result]:
        results = []
        for doc in docs:
            self.pipeline.stats = StageStats()
            try:
                out = self.pipeline(doc)
                results.append(Result(out, self.pipeline.stats, run_after(after, out, self.pipeline.stats)))
            except Exception as exc:  # noqa: BLE001  (stages catch their own errors; this is ``after`` or the pipeline)
                results.append(unanalysed(doc, after, f"could not be analysed ({type(exc).__name__}); the text is kept unanalysed"))
        return results


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise LagebildError(f"the Ray executor needs its extra: pip install 'lagebild[ray]' ({exc})") from exc
    return ray


class RayExecutor:
    """Process documents in ``jobs`` Ray actors (0: one per CPU of the cluster), ``chunk`` documents per task.

    ``address``: a running cluster (``ray://…`` client address or ``HOST:PORT``; ``auto`` finds a
    local one); None: the cluster this process is connected to, else a new local one.
    """

    def __init__(self, jobs: int = 0, chunk: int = 8, *, address: str | None = None) -> None:
        self.jobs = jobs
        self.chunk = chunk
        self.address = address

    def map(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[Result]:
        for chunk in self.map_chunks(spec, docs, after=after):
            yield from chunk

    def _connect(self) -> bool:
        """Connect to the cluster; return whether this call started it (and so must shut it down)."""
        ray = _ray()
        if ray.is_initialized():
            return False
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
        if self.address:
            ray.init(address=self.address, **kwargs)
        else:
            ray.init(num_cpus=self.jobs or None, **kwargs)
        return True

    def map_chunks(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[list[Result]]:
        ray = _ray()
        started_here = self._connect()
        try:
            slots = self.jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
            actor_class = ray.remote(num_cpus=1)(PipelineWorker)
            actors = [actor_class.remote(spec) for _ in range(slots)]
            ray.get([a.ready.remote() for a in actors])  # a pipeline that cannot be built fails here, once
            # two chunks queued per actor: the next one is there when the first is done
            idle = actors * 2
            pending: dict[Any, tuple[Any, list[Document]]] = {}  # task → the actor running it, its documents
            replaced: dict[Any, Any] = {}  # a dead actor → the one started in its place
            it = iter(docs)
            try:
                while True:
                    while idle:
                        batch = list(islice(it, self.chunk))
                        if not batch:
                            break
                        actor = idle.pop()
                        pending[actor.run.remote(batch, after)] = (actor, batch)
                    if not pending:
                        return
                    done, _ = ray.wait(list(pending), num_returns=1)
                    for ref in done:
                        actor, batch = pending.pop(ref)
                        try:
                            results = ray.get(ref)
                        except ray.exceptions.RayActorError as exc:  # the actor died (crash, out of memory)
                            if actor not in replaced:
                                replaced[actor] = actor_class.remote(spec)
                                actors.append(replaced[actor])
                            actor = replaced[actor]
                            why = f"the Ray worker analysing this document stopped ({type(exc).__name__}); the text is kept unanalysed"
                            results = [unanalysed(doc, after, why) for doc in batch]
                        idle.append(actor)
                        yield results
            finally:
                for actor in actors:
                    ray.kill(actor)
        finally:
            if started_here:
                ray.shutdown()
