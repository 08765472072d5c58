"""Fixtures for the web tests: stores, a real ``lagebild serve`` process, headless Chromium."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from handmade import fill_store

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A ``lagebild serve`` subprocess on a free loopback port."""

    def __init__(self, db: str, *, token: str | None = None, host: str = "127.0.0.1", log: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "lagebild.cli", "serve", "--db", db, "--host", host, "--port", str(self.port)]
        env = {k: v for k, v in os.environ.items() if k != "LAGEBILD_TOKEN"}
        if token:
            env["LAGEBILD_TOKEN"] = token
        self.log = log
        out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {log.read_text() if log else ''}")
            try:
                if httpx.get(f"{self.url}/api/health", headers=headers, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not answer within 30 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def copy_db(src: str, dst: Path) -> str:
    """Copy a SQLite store (consistent snapshot via the backup API) so a server can change it freely."""
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    return str(dst)


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
    except Exception as exc:  # noqa: BLE001 - any launch failure means: no browser here
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
