"""Run the pipeline in the calling process: for tests, debugging and tiny inputs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lagebild.executors.base import After, Result, run_after, unanalysed
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec, StageStats


class InlineExecutor:
    """Process documents one by one in this process (chunks of one document)."""

    def map(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[Result]:
        for chunk in self.map_chunks(spec, docs, after=after):
            yield from chunk

    def map_chunks(self, spec: PipelineSpec, docs: Iterable[Document], *, after: After | None = None) -> Iterator[list[Result]]:
        pipeline = Pipeline(spec)
        for doc in docs:
            pipeline.stats = StageStats()
            try:
                out = pipeline(doc)
                result = Result(out, pipeline.stats, run_after(after, out, pipeline.stats))
            except Exception as exc:  # stages catch their own errors; this is ``after`` or the pipeline itself
                result = unanalysed(doc, after, f"could not be analysed ({type(exc).__name__}); the text is kept unanalysed")
            yield [result]
