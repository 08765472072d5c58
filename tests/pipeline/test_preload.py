"""Worker processes start as forks of a fork server that loaded lagebild once; HTML inputs add the reader."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from lagebild.analyze import PEEK_FILES, _preload_for
from lagebild.errors import InputError
from lagebild.executors import ProcessExecutor
from lagebild.executors.process import PRELOAD, PRELOAD_PAGES, worker_pool
from lagebild.model import Document, SourceRef
from lagebild.pipeline import PipelineSpec

needs_forkserver = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork server on this platform")


#: a run's pipeline with settings of its own (as ``--set`` gives): the server must warm this one
OWN_SPEC = PipelineSpec.of(["clean.boilerplate.v1", "segment.rules.v1", "entities.ner.v1"],
                           {"segment.rules.v1": {"max_sentence_chars": 300}})


def _loaded_before_the_first_document(doc: Document) -> tuple[int, bool, PipelineSpec | None, bool]:
    from lagebild.executors import preload

    return (os.getpid(), "lagebild.executors.preload" in sys.modules, preload.WARMED,
            "lagebild.executors.preload_pages" in sys.modules)


def _worker_views(executor: ProcessExecutor, spec: PipelineSpec) -> list[tuple[int, bool, PipelineSpec | None, bool]]:
    docs = [Document(id=f"d{i}", original=f"Satz {i}.", source=SourceRef("x")) for i in range(4)]
    return [r.extra for c in executor.map_chunks(spec, docs, after=_loaded_before_the_first_document) for r in c]


@needs_forkserver
def test_workers_start_with_the_run_pipeline_warmed() -> None:
    from lagebild.executors.server import ServerPool

    pool = worker_pool(1)
    assert isinstance(pool, ServerPool)
    pool.shutdown()
    views = _worker_views(ProcessExecutor(2, chunk=1), OWN_SPEC)
    assert len(views) == 4
    # the server warmed the run's own stages and settings, not the package defaults
    assert all(pid != os.getpid() and preloaded and warmed == OWN_SPEC for pid, preloaded, warmed, _ in views)


@needs_forkserver
def test_each_pool_gets_its_own_preload_and_the_global_fork_server_is_untouched() -> None:
    from multiprocessing import forkserver

    global_preload = list(forkserver._forkserver._preload_modules)
    spec = PipelineSpec.of(["clean.boilerplate.v1"])
    # whichever pool comes first, it decides nothing for the other
    text = _worker_views(ProcessExecutor(2, chunk=1, preload=PRELOAD), spec)
    pages = _worker_views(ProcessExecutor(2, chunk=1, preload=PRELOAD_PAGES), spec)
    again = _worker_views(ProcessExecutor(2, chunk=1, preload=PRELOAD), spec)
    assert not any(view[3] for view in text + again)
    assert all(view[3] for view in pages)
    assert forkserver._forkserver._preload_modules == global_preload
    assert multiprocessing.get_start_method(allow_none=True) in (None, "fork", "spawn", "forkserver")


@needs_forkserver
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_fork_server_is_single_threaded_after_its_preload() -> None:
    from lagebild.executors import server

    _worker_views(ProcessExecutor(1, chunk=4, preload=PRELOAD_PAGES), OWN_SPEC)
    pids = server.running_servers()
    assert pids
    for pid in pids:  # the servers keep running for later pools
        assert len(os.listdir(f"/proc/{pid}/task")) == 1


def _paths(names: list[str], tmp_path: Path) -> list[Path | InputError]:
    return [tmp_path / name for name in names]


@pytest.mark.parametrize(
    ("names", "wanted"),
    [
        (["a.txt", "b.json", "c.jsonl"], PRELOAD),
        (["a.txt", "b.HTML"], PRELOAD_PAGES),
        (["page.htm"], PRELOAD_PAGES),
        ([f"{i:03d}.txt" for i in range(PEEK_FILES)] + ["late.html"], PRELOAD),  # only the first files are looked at
    ],
)
def test_html_inputs_add_the_reader_to_the_preload(names: list[str], wanted: tuple[str, ...], tmp_path: Path) -> None:
    items = [InputError("gone", "missing"), *_paths(names, tmp_path)]
    executor = ProcessExecutor(2)
    assert list(_preload_for(executor, iter(items))) == items  # the same items, in order
    assert executor.preload == wanted


def test_the_preload_modules_import_and_warm_without_error() -> None:
    import importlib

    for name in PRELOAD_PAGES:
        importlib.import_module(name)  # the fork server ignores a failing preload: fail here instead
    from lagebild.executors.preload import warm_pipeline
    from lagebild.executors.preload_pages import warm_pages

    warm_pipeline(OWN_SPEC)
    warm_pages()


#: settings a run may override (``--set``): the fork server warms with them, and results must not move
OVERRIDES = ("stages.segment.rules.v1.max_sentence_chars=300", "stages.events.rules.v1.max_sentence_chars=200",
             'pipeline.stages=["clean.boilerplate.v1", "meta.headers.v1", "language.detect.v1", "segment.rules.v1", '
             '"entities.ner.v1", "timex.rules.v1", "speech.rules.v1", "claims.rules.v1", "events.rules.v1"]')


@needs_forkserver
def test_a_run_with_overridden_settings_exports_the_same_with_and_without_the_fork_server(
        tmp_path: Path, examples_dir: Path) -> None:
    from lagebild.analyze import analyze_paths
    from lagebild.config import load_config
    from lagebild.executors import InlineExecutor
    from lagebild.export import build_export
    from lagebild.store import open_store
    from tests.stable_export import stable

    config = load_config(overrides=OVERRIDES)
    exports = []
    for name, executor in (("inline", InlineExecutor()), ("forked", ProcessExecutor(2, chunk=2))):
        store = open_store(str(tmp_path / f"{name}.db"))
        analyze_paths([examples_dir], store, config=config, executor=executor)
        exports.append(stable(build_export(store)))
    assert exports[0] == exports[1]
