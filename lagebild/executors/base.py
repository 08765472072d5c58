"""The executor protocol shared by all executors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from lagebild.model import Document
from lagebild.pipeline import PipelineSpec, StageStats


@dataclass
class Result:
    """One processed document plus the stage timings of the worker that processed it."""

    doc: Document
    stats: StageStats = field(default_factory=StageStats)


class Executor(Protocol):
    def map(self, spec: PipelineSpec, docs: Iterable[Document]) -> Iterator[Result]:
        """Yield every document processed by the pipeline (order may differ from input)."""
        ...
