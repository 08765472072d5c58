"""Pipeline: an ordered list of per-document stages, checked before it runs.

The pipeline decides *what* runs; an executor (``lagebild.executors``) decides *where*.
A pipeline is described by a picklable ``PipelineSpec`` so that every worker process (or a
distributed engine) can rebuild the identical stages.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from lagebild.errors import LagebildError, PipelineError
from lagebild.model import Document, StageFailure
from lagebild.registry import STAGES, Registry

log = logging.getLogger(__name__)

__all__ = ["INITIAL_CAPABILITIES", "Pipeline", "PipelineSpec", "StageStats"]

#: What every document has before the first stage runs (set by the readers).
INITIAL_CAPABILITIES = frozenset({"original", "source"})


@dataclass(frozen=True)
class PipelineSpec:
    """Stage names with their configs: the picklable recipe for a pipeline."""

    stages: tuple[str, ...]
    configs: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    def config_for(self, name: str) -> dict[str, Any]:
        for stage_name, items in self.configs:
            if stage_name == name:
                return dict(items)
        return {}

    @classmethod
    def of(cls, stages: list[str], configs: dict[str, dict[str, Any]] | None = None) -> PipelineSpec:
        configs = configs or {}
        frozen = tuple((name, tuple(sorted(configs.get(name, {}).items()))) for name in stages if name in configs)
        return cls(tuple(stages), frozen)


@dataclass
class StageStats:
    """Per-stage counters for the end-of-run summary."""

    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    failures: Counter[str] = field(default_factory=Counter)

    def merge(self, other: StageStats) -> None:
        for name, spent in other.seconds.items():  # summed, as Counter.update would
            self.seconds[name] += spent
        self.failures.update(other.failures)


class Pipeline:
    """Run per-document stages in order; a failing stage is recorded on the document, not fatal."""

    def __init__(self, spec: PipelineSpec, *, registry: Registry = STAGES, on_error: str = "record") -> None:
        self.spec = spec
        self.registry = registry
        self.on_error = on_error
        self.check()
        self.stages = [(name, registry.build(name, spec.config_for(name))) for name in spec.stages]
        self.stats = StageStats()

    def check(self) -> None:
        """Raise ``PipelineError`` naming every stage whose inputs no earlier stage produces."""
        self.check_spec(self.spec, self.registry)

    @staticmethod
    def check_spec(spec: PipelineSpec, registry: Registry = STAGES) -> None:
        """``check`` without building the stages."""
        have = set(INITIAL_CAPABILITIES)
        problems = []
        for name in spec.stages:
            info = registry.info(name)
            missing = sorted(info.requires - have)
            if missing:
                problems.append(f"stage '{name}' requires {', '.join(missing)}, which no earlier stage produces")
            have |= info.produces
        if problems:
            raise PipelineError("pipeline cannot run:\n  " + "\n  ".join(problems))

    def __call__(self, doc: Document) -> Document:
        doc.produced |= INITIAL_CAPABILITIES
        for name, stage in self.stages:
            info = self.registry.info(name)
            if self._skipped(name, info.requires, doc):
                continue
            started = time.perf_counter()
            try:
                doc = stage(doc)
                doc.produced |= info.produces
            except Exception as exc:  # one stage on one document must not end the batch
                self._record(name, doc, exc, self.stats)
            finally:
                self.stats.seconds[name] += time.perf_counter() - started
        return doc

    def run_batch(self, docs: list[Document]) -> list[tuple[Document, StageStats]]:
        """Run the stages over several documents, stage by stage; each document with its own stats.

        A stage with a ``batch`` method takes all its ready documents at once (the NER tagger runs
        its model over the sentences of several documents together, which costs less per
        sentence). ``batch`` returns, per document, the document or the exception it raised for
        it; if it raises itself, it must have changed no document, and each one is run alone.
        Every document comes out exactly as ``self(doc)`` would have left it.
        """
        docs = list(docs)
        stats = [StageStats() for _ in docs]
        for doc in docs:
            doc.produced |= INITIAL_CAPABILITIES
        for name, stage in self.stages:
            info = self.registry.info(name)
            ready = [k for k, doc in enumerate(docs) if not self._skipped(name, info.requires, doc)]
            batch = getattr(stage, "batch", None)
            outs: list[Document | Exception] | None = None
            if batch is not None and len(ready) > 1:
                started = time.perf_counter()
                try:
                    outs = list(batch([docs[k] for k in ready]))
                except Exception:  # e.g. the model on the joined sentences: each document on its own
                    if self.on_error == "raise":
                        raise
                    log.debug("stage %s failed on a batch; running its documents one by one", name, exc_info=True)
                    outs = None
                share = (time.perf_counter() - started) / len(ready)
                if outs is not None and len(outs) == len(ready):
                    for k, out in zip(ready, outs, strict=True):
                        stats[k].seconds[name] += share
                        if isinstance(out, Exception):
                            self._record(name, docs[k], out, stats[k])
                        else:
                            docs[k] = out
                            out.produced |= info.produces
                    continue
            for k in ready:
                started = time.perf_counter()
                try:
                    docs[k] = stage(docs[k])
                    docs[k].produced |= info.produces
                except Exception as exc:  # one stage on one document must not end the batch
                    self._record(name, docs[k], exc, stats[k])
                finally:
                    stats[k].seconds[name] += time.perf_counter() - started
        return list(zip(docs, stats, strict=True))

    @staticmethod
    def _skipped(name: str, requires: frozenset[str], doc: Document) -> bool:
        """Record and say so when ``doc`` lacks what the stage ``name`` requires."""
        missing = requires - doc.produced
        if missing:
            doc.failures.append(StageFailure(name, "Skipped", f"missing {', '.join(sorted(missing))}"))
        return bool(missing)

    def _record(self, name: str, doc: Document, exc: Exception, stats: StageStats) -> None:
        """Record the failure of stage ``name`` on ``doc`` (or raise it, with ``on_error="raise"``)."""
        if self.on_error == "raise":
            raise exc
        stats.failures[name] += 1
        message = str(exc) if isinstance(exc, LagebildError) else f"{exc!r}"
        log.debug("stage %s failed on %s\n%s", name, doc.id, "".join(traceback.format_exception(exc)))
        doc.failures.append(StageFailure(name, type(exc).__name__, message[:500]))
