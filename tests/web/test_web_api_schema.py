"""Schemathesis against the served OpenAPI schema: generated requests never cause a server error.

Runs the schemathesis command against a real server on a loopback port, with a fixed seed,
a bounded number of examples per operation and a time budget, so it always stops by itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from webserver import Server, copy_db


def _schemathesis() -> list[str]:
    exe = Path(sys.executable).with_name("schemathesis")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("schemathesis")
    if not found:
        pytest.skip("schemathesis is not installed (pip install 'lagebild[test]')")
    return [found]


def test_generated_requests_cause_no_server_error(handmade_db: str, tmp_path: Path) -> None:
    server = Server(copy_db(handmade_db, tmp_path / "fuzz.db"), log=tmp_path / "server.log")
    try:
        cmd = [
            *_schemathesis(),
            "run", f"{server.url}/openapi.json",
            "--checks", "not_a_server_error",
            "--max-examples", "8",
            "--max-time", "45",
            "--seed", "20241110",
            "--workers", "1",
            "--phases", "examples,coverage,fuzzing",
            "--generation-database", "none",
            "--request-timeout", "60",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    finally:
        server.stop()
    log = (tmp_path / "server.log").read_text("utf-8", errors="replace")
    assert " 500 " not in log and "Traceback" not in log, log[-4000:]
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "passed" in proc.stdout
