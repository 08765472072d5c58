"""Shared fixtures: the example corpus, the shared gold data, golden-file handling."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "ru-kp-treaty"
SHARED_DATA = Path(os.environ.get("LAGEBILD_SHARED_DATA", ROOT.parent / "shared" / "data"))
ARTIFACTS = ROOT / "tests" / "artifacts"

# Property tests check behaviour, not speed (speed lives in benchmarks/): no per-example time limit,
# so a loaded machine cannot fail them.
settings.register_profile("lagebild", deadline=None)
settings.load_profile("lagebild")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run slow, model-heavy tests")
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared gold data not found at {SHARED_DATA} (set LAGEBILD_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def example_analysis(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Analyse the example corpus once per test session (in-process) and return paths + export."""
    from lagebild.analyze import analyze_paths
    from lagebild.export import build_export
    from lagebild.store import open_store

    out = tmp_path_factory.mktemp("example")
    store = open_store(str(out / "lagebild.db"))
    report = analyze_paths([EXAMPLES], store, jobs=1)
    export = build_export(store)
    return {"db": str(out / "lagebild.db"), "out": out, "report": report, "export": export, "store": store}


@pytest.fixture
def example_store_copy(example_analysis: dict[str, Any], tmp_path: Path) -> Iterator[Any]:
    """A store of its own holding a copy of the analysed examples (the session's store stays as it is)."""
    import sqlite3

    from lagebild.store import open_store

    target = tmp_path / "example-copy.db"
    with sqlite3.connect(example_analysis["db"]) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    st = open_store(str(target))
    yield st
    st.close()


class Golden:
    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, data: Any) -> None:
        path = ROOT / "tests" / "golden" / name
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if self.update or not path.exists():
            path.write_text(text, "utf-8")
            if not self.update:
                pytest.fail(f"golden file {path} was missing and has been written; review and commit it")
            return
        expected = path.read_text("utf-8")
        if expected != text:
            import difflib

            diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "now", n=2))
            pytest.fail(f"output differs from {path} (rerun with --update-golden if intended):\n{diff[:6000]}")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """A real local Ray cluster of 2 CPUs, started once per test module that asks for it."""
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'lagebild[ray]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()
