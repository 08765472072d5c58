"""A real ``lagebild serve`` process for tests, and Chromium launch settings."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

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
