"""The cluster set-up of docs/scale.md in small: Ray actors analyse, a real PostgreSQL server stores.

The export must equal a process-pool run into SQLite on the same articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.analyze import analyze_paths
from lagebild.config import load_config
from lagebild.executors import ProcessExecutor
from lagebild.export import build_export
from lagebild.store import open_store

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'lagebild[ray]')")

from lagebild.executors.ray import RayExecutor


def _export(url: str, corpus: Path, executor: object) -> str:
    store = open_store(url)
    try:
        report = analyze_paths([corpus], store, config=load_config(), executor=executor)  # type: ignore[arg-type]
        assert report.ok > 0 and not report.errors
        return json.dumps(build_export(store, corpus=report.corpus), ensure_ascii=False, sort_keys=True)
    finally:
        store.close()


@pytest.mark.postgres
def test_ray_into_postgres_exports_what_the_pool_into_sqlite_does(
    ray_cluster: None, postgres_server: object, examples_dir: Path, tmp_path: Path
) -> None:
    url = postgres_server.new_database("rayrun")  # type: ignore[attr-defined]
    assert _export(url, examples_dir, RayExecutor(2)) == _export(str(tmp_path / "pool.db"), examples_dir, ProcessExecutor(2))
