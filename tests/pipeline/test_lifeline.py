"""A worker ends with the process that started it, even where the parent's pid is taken by another process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pipeline.process_helpers import process_alive

ROOT = Path(__file__).resolve().parents[2]

#: the owner starts a worker (as a pool does, by spawn) on a platform without the kernel's death
#: signal, and where every pid looks alive (as the owner's pid does once another process reuses it)
_OWNER = """
import multiprocessing, os, sys, time

def worker(owner):
    from lagebild.executors import lifeline
    lifeline._prctl_deathsig = lambda: False
    os.kill = lambda pid, sig: None
    lifeline.end_with_parent(owner, interval=0.05)
    time.sleep(120)

if __name__ == "__main__":
    proc = multiprocessing.get_context("spawn").Process(target=worker, args=(os.getpid(),))
    proc.start()
    print(proc.pid, flush=True)
    time.sleep(120)
"""


_alive = process_alive


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_worker_ends_with_its_owner_even_if_the_owner_pid_looks_alive(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(_OWNER, "utf-8")
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert owner.stdout is not None
    worker = int(owner.stdout.readline())
    time.sleep(3)  # the worker armed its watch (imports done)
    try:
        assert _alive(worker)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        deadline = time.time() + 10
        while time.time() < deadline and _alive(worker):
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
