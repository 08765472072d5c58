"""Loaded once in the process pool's fork server, so that every worker starts with it.

The pool's workers are forks of one server process (multiprocessing's ``forkserver`` start
method) that imports the modules ``ProcessExecutor`` names before it forks the first worker.
What they load is then paid once per run instead of once per worker, and the workers share those
memory pages until they write to them:

- ``lagebild.executors.preload`` (every run): lagebild's modules and their libraries, the NER
  model, and the tables the default stages fill on their first document (one short German text
  runs through the default pipeline; ~2 CPU s a worker on the 286 evalset pages).
- ``lagebild.executors.preload_pages`` (runs that read HTML pages): trafilatura and htmldate, and
  dateparser's patterns for ~200 locales, which it compiles at the first date string no locale
  accepts (htmldate reaches it on a few pages; ~1.5–2 CPU s a worker).

Nothing here changes a result: it fills the caches the first document would fill. A failure
only costs the time it would have saved (the worker loads what it needs itself), so it is logged
and ignored: the fork server must start whatever happens here.
"""

from __future__ import annotations

import logging

__all__ = ["WARM_TEXT", "warm_pipeline"]

log = logging.getLogger(__name__)

#: a short German news text through the default stages (dates, a place, a figure, a quote, a person)
WARM_TEXT = (
    "Berlin (dpa) - Die Bundesregierung hat am Dienstag, 3. März 2024, einen Plan vorgelegt.\n"
    "Nach Angaben des Ministeriums kostet er 2,5 Milliarden Euro. „Wir handeln jetzt“, sagte "
    "Ministerin Anna Schmidt in Hamburg. Der Bundestag soll im April darüber beraten.\n"
)


def warm_pipeline() -> None:
    """Import what a worker imports and run one short text through the default pipeline."""
    from lagebild.analyze import _duplicates_stage, _prepare
    from lagebild.config import load_config
    from lagebild.model import Document, SourceRef
    from lagebild.pipeline import Pipeline, PipelineSpec

    config = load_config()
    pipeline = Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs))
    duplicates = _duplicates_stage(config)
    for doc, _stats in pipeline.run_batch([Document(id="warm", original=WARM_TEXT, source=SourceRef("warm.txt"))]):
        _prepare(doc, duplicates)


try:
    warm_pipeline()
except Exception as exc:  # see the module's docstring
    log.debug("preloading the pipeline failed: %r", exc)
