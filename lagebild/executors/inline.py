"""Run the pipeline in the calling process: for tests, debugging and tiny inputs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lagebild.executors.base import Result
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec, StageStats


class InlineExecutor:
    """Process documents one by one in this process."""

    def map(self, spec: PipelineSpec, docs: Iterable[Document]) -> Iterator[Result]:
        pipeline = Pipeline(spec)
        for doc in docs:
            pipeline.stats = StageStats()
            out = pipeline(doc)
            yield Result(out, pipeline.stats)
