"""Executors run an ``after`` function on each processed document where it was processed, and yield chunks."""

from __future__ import annotations

import os
from pathlib import Path

from lagebild.executors import AFTER_KEY, InlineExecutor, ProcessExecutor
from lagebild.ingest import read_path
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec


def _pid_and_length(doc: Document) -> tuple[int, int]:
    return os.getpid(), len(doc.text)


def _docs(examples_dir: Path) -> list[Document]:
    return [d for p in sorted(examples_dir.glob("*.txt")) for d in read_path(p) if isinstance(d, Document)]


def test_after_runs_in_the_worker_and_results_come_in_chunks(examples_dir: Path) -> None:
    spec = PipelineSpec.of(["clean.identity.v1", "segment.rules.v1"])
    docs = _docs(examples_dir)
    inline = list(InlineExecutor().map_chunks(spec, docs, after=_pid_and_length))
    assert [len(c) for c in inline] == [1] * len(docs)
    assert all(r.extra == (os.getpid(), len(r.doc.text)) for c in inline for r in c)
    chunks = list(ProcessExecutor(2, chunk=2).map_chunks(spec, _docs(examples_dir), after=_pid_and_length))
    assert sorted(len(c) for c in chunks) == [1, 2, 2]
    results = [r for c in chunks for r in c]
    assert sorted(r.doc.id for r in results) == sorted(d.id for d in docs)
    assert all(r.extra[0] != os.getpid() and r.extra[1] == len(r.doc.text) for r in results)
    assert all(AFTER_KEY in r.stats.seconds for r in results)
    plain = list(ProcessExecutor(2).map(spec, _docs(examples_dir)))
    assert all(r.extra is None and AFTER_KEY not in r.stats.seconds for r in plain)
