"""Loaded once in the process pool's fork server, so that every worker starts with it.

The pool's workers are forks of one server process (``lagebild.executors.server``) that
imports the modules ``ProcessExecutor`` names before it forks the first worker.
What they load is then paid once per run instead of once per worker, and the workers share those
memory pages until they write to them:

- ``lagebild.executors.preload`` (every run): lagebild's modules and their libraries, the NER
  model, and the tables the stages fill on their first document: one short German text runs
  through the run's own pipeline (its stages and settings, ``server.warm_spec``), so the server
  loads the model the run uses and nothing else (~2 CPU s a worker on the 286 evalset pages).
- ``lagebild.executors.preload_pages`` (runs that read HTML pages): trafilatura and htmldate, and
  dateparser's patterns for ~200 locales, which it compiles at the first date string no locale
  accepts (htmldate reaches it on a few pages; ~1.5–2 CPU s a worker).

Nothing here changes a result: it fills the caches the first document would fill, with the
run's settings (``tests/pipeline/test_preload.py`` compares exports with and without the server
for a run with overridden settings). A failure
only costs the time it would have saved (the worker loads what it needs itself), so it is logged
and ignored: the fork server must start whatever happens here.
"""

from __future__ import annotations

import logging
import os
import threading

# before any library starts a thread pool: the server forks workers, and forks of a process with
# threads can inherit locks those threads held (the user's own settings are kept)
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from lagebild.executors.server import warm_spec  # noqa: E402 (after the thread settings)
from lagebild.pipeline import PipelineSpec  # noqa: E402

__all__ = ["WARMED", "WARM_TEXT", "single_threaded", "warm_pipeline"]

log = logging.getLogger(__name__)

#: a short German news text through the default stages (dates, a place, a figure, a quote, a person)
WARM_TEXT = (
    "Berlin (dpa) - Die Bundesregierung hat am Dienstag, 3. März 2024, einen Plan vorgelegt.\n"
    "Nach Angaben des Ministeriums kostet er 2,5 Milliarden Euro. „Wir handeln jetzt“, sagte "
    "Ministerin Anna Schmidt in Hamburg. Der Bundestag soll im April darüber beraten.\n"
)


#: the pipeline this process warmed (``None``: none)
WARMED: PipelineSpec | None = None


def warm_pipeline(spec: PipelineSpec | None = None) -> None:
    """Import what a worker imports and run one short text through ``spec`` (the run's pipeline).

    Without a spec (a pool that runs no pipeline) only the modules are imported: warming the
    package defaults would load a NER model the run may not use and keep it resident."""
    from lagebild.analyze import DUPLICATES_STAGE
    from lagebild.compare import COMPARE
    from lagebild.model import Document, SourceRef
    from lagebild.pipeline import Pipeline
    from lagebild.store.rows import document_rows

    global WARMED
    if spec is None:
        return
    pipeline = Pipeline(spec)
    duplicates = COMPARE.build(DUPLICATES_STAGE)  # its shingling, as ``analyze`` runs it in the workers
    for doc, _stats in pipeline.run_batch([Document(id="warm", original=WARM_TEXT, source=SourceRef("warm.txt"))]):
        document_rows(doc)
        getattr(duplicates, "signature", lambda d: None)(doc)
    WARMED = spec


def single_threaded() -> bool:
    """Whether this process has one thread (Linux: ``/proc/self/task``; elsewhere Python's threads)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


try:
    warm_pipeline(warm_spec())
except Exception as exc:  # see the module's docstring
    log.debug("preloading the pipeline failed: %r", exc)
if not single_threaded():  # forking a process with threads copies locks held by them: workers may hang
    log.warning("the worker processes' fork server runs %d threads after its preload; workers may deadlock",
                threading.active_count())
