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
            missing = info.requires - doc.produced
            if missing:
                doc.failures.append(StageFailure(name, "Skipped", f"missing {', '.join(sorted(missing))}"))
                continue
            started = time.perf_counter()
            try:
                doc = stage(doc)
                doc.produced |= info.produces
            except Exception as exc:  # one stage on one document must not end the batch
                if self.on_error == "raise":
                    raise
                self.stats.failures[name] += 1
                message = str(exc) if isinstance(exc, LagebildError) else f"{exc!r}"
                log.debug("stage %s failed on %s\n%s", name, doc.id, traceback.format_exc())
                doc.failures.append(StageFailure(name, type(exc).__name__, message[:500]))
            finally:
                self.stats.seconds[name] += time.perf_counter() - started
        return doc
