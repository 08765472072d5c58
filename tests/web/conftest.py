"""Fixtures for the web tests: stores, a real ``lagebild serve`` process, headless Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helper modules, whatever pytest's import mode

from handmade import fill_store
from webserver import CHROMIUM, CHROMIUM_ARGS, Server, copy_db


@pytest.fixture(scope="session")
def handmade_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from lagebild.store import open_store

    path = tmp_path_factory.mktemp("handmade") / "handmade.db"
    store = open_store(str(path))
    fill_store(store)
    store.close()
    return str(path)


@pytest.fixture(scope="session")
def example_db(example_analysis: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> str:
    return copy_db(example_analysis["db"], tmp_path_factory.mktemp("example-copy") / "example.db")


@pytest.fixture(scope="session")
def example_server(example_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(example_db, log=tmp_path_factory.mktemp("logs") / "example-server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def handmade_server(handmade_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = copy_db(handmade_db, tmp_path_factory.mktemp("handmade-copy") / "handmade.db")
    server = Server(db, log=tmp_path_factory.mktemp("logs") / "handmade-server.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: run `bash scripts/test-setup.sh` (installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"playwright is not installed: {exc}")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:
        manager.stop()
        pytest.skip(f"Chromium at {CHROMIUM} cannot be started: {exc}")
    yield chromium
    chromium.close()
    manager.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshots(artifacts_dir: Path) -> Path:
    folder = artifacts_dir / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def gnad_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of the 1,028 10kGNAD test articles, analysed once per session with ``-j 2`` (about 1.5 min).

    ``LAGEBILD_TEST_GNAD_DB`` names a store built earlier by ``tests/web/gnad.py`` to reuse it (copied).
    """
    import os

    reuse = os.environ.get("LAGEBILD_TEST_GNAD_DB")
    if reuse and Path(reuse).is_file():
        return copy_db(reuse, tmp_path_factory.mktemp("gnad-copy") / "lagebild.db")
    source = shared_data / "10kgnad_articles" / "test.csv"
    if not source.is_file():
        pytest.skip(f"10kGNAD articles not found at {source} (set LAGEBILD_SHARED_DATA): the corpus-scale tests need 1,000 real articles")
    from gnad import build_gnad_store

    return str(build_gnad_store(source, tmp_path_factory.mktemp("gnad")))


@pytest.fixture(scope="session")
def gnad_server(gnad_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(gnad_db, log=tmp_path_factory.mktemp("logs") / "gnad-server.log")
    yield server
    server.stop()
