"""The Ray executor on a real local Ray cluster: the same export as the local process pool."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lagebild.analyze import analyze_paths
from lagebild.config import load_config
from lagebild.executors import AFTER_KEY, ProcessExecutor, make_executor
from lagebild.export import build_export
from lagebild.ingest import read_path
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec
from lagebild.store import open_store
from lagebild.store.rows import DocumentRows, document_rows

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'lagebild[ray]')")

from lagebild.executors.ray import RayExecutor


@pytest.fixture(scope="module")
def corpus(examples_dir: Path, shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles plus, when the shared data is there, 20 10kGNAD articles."""
    folder = tmp_path_factory.mktemp("ray-corpus")
    for path in sorted(examples_dir.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    gnad = shared_data / "10kgnad_articles" / "test.csv"
    if gnad.exists():
        with gnad.open(encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
        for i, row in enumerate(rows[:20]):
            (folder / f"gnad{i:03d}.txt").write_text(row[1], "utf-8")
    return folder


def _export(corpus: Path, db: Path, executor: object) -> str:
    store = open_store(str(db))
    try:
        report = analyze_paths([corpus], store, config=load_config(), executor=executor)  # type: ignore[arg-type]
        assert report.ok > 0 and not report.errors
        return json.dumps(build_export(store, corpus=report.corpus), ensure_ascii=False, indent=1)
    finally:
        store.close()


def test_ray_and_process_pool_give_identical_exports(ray_cluster: None, corpus: Path, tmp_path: Path) -> None:
    by_ray = _export(corpus, tmp_path / "ray.db", RayExecutor(2, chunk=3))
    by_pool = _export(corpus, tmp_path / "pool.db", ProcessExecutor(2))
    assert by_ray == by_pool
    assert json.loads(by_ray)["documents"], "a non-empty export"


def test_ray_runs_after_in_its_actors_in_bounded_chunks(ray_cluster: None, examples_dir: Path) -> None:
    docs = [d for p in sorted(examples_dir.glob("*.txt")) for d in read_path(p) if isinstance(d, Document)]
    spec = PipelineSpec.of(["clean.identity.v1", "segment.rules.v1"])
    executor = make_executor(2, "ray")
    assert isinstance(executor, RayExecutor)
    executor.chunk = 2
    # ``after`` must be importable where the actors run (a function of the package, as analyze uses)
    chunks = list(executor.map_chunks(spec, docs, after=document_rows))
    assert all(1 <= len(c) <= 2 for c in chunks) and sum(len(c) for c in chunks) == len(docs)
    results = [r for c in chunks for r in c]
    assert sorted(r.doc.id for r in results) == sorted(d.id for d in docs)
    assert all(isinstance(r.extra, DocumentRows) and r.extra.fits(r.doc) for r in results)
    assert all(AFTER_KEY in r.stats.seconds for r in results)
    assert ray.is_initialized(), "a cluster the caller started is left running"


def test_a_pipeline_the_actors_cannot_build_fails_the_run(ray_cluster: None, examples_dir: Path) -> None:
    doc = next(d for d in read_path(min(examples_dir.glob("*.txt"))) if isinstance(d, Document))
    spec = PipelineSpec.of(["segment.rules.v1"])  # needs the cleaned text no stage makes
    with pytest.raises(Exception, match="requires text"):
        list(RayExecutor(1).map_chunks(spec, [doc]))
