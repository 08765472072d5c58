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
from lagebild.executors.process import PRELOAD, PRELOAD_PAGES, pool_context
from lagebild.model import Document, SourceRef
from lagebild.pipeline import PipelineSpec

needs_forkserver = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server on this platform"
)


def _loaded_before_the_first_document(doc: Document) -> tuple[int, bool, int]:
    from lagebild.entities.model import load_model

    # nothing of the chunk needs the NER model: a cached model came from the fork server
    return os.getpid(), "lagebild.executors.preload" in sys.modules, load_model.cache_info().currsize


@needs_forkserver
def test_workers_start_with_the_preloaded_modules_and_model() -> None:
    assert pool_context().get_start_method() == "forkserver"
    docs = [Document(id=f"d{i}", original=f"Satz {i}.", source=SourceRef("x")) for i in range(4)]
    results = [r for c in ProcessExecutor(2, chunk=1).map_chunks(PipelineSpec.of([]), docs, after=_loaded_before_the_first_document)
               for r in c]
    assert len(results) == 4
    assert all(pid != os.getpid() and preloaded and models == 1 for pid, preloaded, models in (r.extra for r in results))


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

    warm_pipeline()
    warm_pages()
