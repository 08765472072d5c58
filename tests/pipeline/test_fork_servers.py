"""The process's own fork servers: at most ``max_servers`` kept, idle ones stopped, a dead worker breaks its pool."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from lagebild.executors import server
from lagebild.executors.process import worker_pool
from tests.pipeline.process_helpers import process_alive

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork server on this platform")

#: small preloads, so that each pool has a server of its own without loading the pipeline
LIGHT = ("lagebild.model",)
OTHER = ("lagebild.errors",)


_alive = process_alive


def _wait_until(check: object, seconds: float = 10.0) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return bool(check())  # type: ignore[operator]


@pytest.fixture
def limits() -> Iterator[None]:
    before = dict(server._LIMITS)
    server.configure_servers(idle_seconds=3600)
    yield
    server.configure_servers(before["max_servers"], before["idle_seconds"])
    server.stop_servers()


def _run(preload: tuple[str, ...]) -> tuple[int, int]:
    """(pid of the worker that ran a task, pid of its server)."""
    pool = worker_pool(1, preload)
    try:
        return pool.submit(os.getpid).result(timeout=60), pool.submit(os.getppid).result(timeout=60)
    finally:
        pool.shutdown()


def test_a_worker_is_a_fork_of_the_server_and_a_later_pool_reuses_it(limits: None) -> None:
    worker, srv = _run(LIGHT)
    again, srv_again = _run(LIGHT)
    assert worker != os.getpid() and srv != os.getpid()
    assert srv_again == srv and again != worker  # same server, a new worker
    assert srv in server.running_servers()


def test_no_more_servers_than_the_cap_and_the_least_recently_used_idle_one_goes(limits: None) -> None:
    server.configure_servers(max_servers=1)
    _, first = _run(LIGHT)
    _, second = _run(OTHER)
    assert first != second
    assert _wait_until(lambda: not _alive(first))
    assert server.running_servers() == [second]


def test_a_busy_server_is_not_stopped_for_another(limits: None) -> None:
    server.configure_servers(max_servers=1)
    busy = worker_pool(1, LIGHT)
    try:
        held = busy.submit(os.getppid).result(timeout=60)
        _, other = _run(OTHER)  # over the cap while the first serves a pool
        assert other != held and _alive(held)
        assert busy.submit(os.getppid).result(timeout=60) == held  # the busy pool still works
    finally:
        busy.shutdown()
    assert _wait_until(lambda: len(server.running_servers()) == 1)  # trimmed once it is free


def test_an_idle_server_is_stopped_after_the_idle_time(limits: None) -> None:
    _, srv = _run(LIGHT)
    assert _alive(srv)
    server.configure_servers(idle_seconds=0.2)
    assert _wait_until(lambda: not _alive(srv))
    assert srv not in server.running_servers()
    _, again = _run(LIGHT)  # a later pool starts a new one
    assert again != srv and _alive(again)


def test_a_worker_that_dies_breaks_the_pool_and_the_error_of_a_task_comes_back(limits: None) -> None:
    pool = worker_pool(1, LIGHT)
    try:
        with pytest.raises(ZeroDivisionError):
            pool.submit(divmod, 1, 0).result(timeout=60)
        assert pool.submit(divmod, 7, 2).result(timeout=60) == (3, 1)
        with pytest.raises(BrokenProcessPool):
            pool.submit(os._exit, 3).result(timeout=60)
        with pytest.raises(BrokenProcessPool):
            pool.submit(divmod, 7, 2)
    finally:
        pool.shutdown()


def test_large_tasks_and_results_pass_in_order_without_blocking(limits: None) -> None:
    pool = worker_pool(2, LIGHT)
    try:
        payloads = [bytes([i]) * (3 << 20) for i in range(6)]  # larger than a socket's buffers
        futures = [pool.submit(bytes.upper, p) for p in payloads]
        assert [f.result(timeout=120) for f in futures] == [p.upper() for p in payloads]
    finally:
        pool.shutdown()


#: under a measuring process that reaps every descendant (as ``benchmarks/e2e_compare.py`` does), an
#: owner whose pool's worker burns CPU: that CPU must reach the measurer through the server's waits
_MEASURED = r"""
import ctypes, os, resource, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
subprocess.run([sys.executable, "-c", sys.argv[1]], check=True)
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime)
"""
_OWNER = r"""
import time
from lagebild.executors.process import worker_pool
pool = worker_pool(1, ("lagebild.model",))
print(pool.submit(time.process_time).result())
pool.shutdown()
"""
_BURN = _OWNER.replace("time.process_time)", "_burn)").replace("import time", "import time\nfrom tests.pipeline.test_fork_servers import burn as _burn")


def burn() -> float:
    started = time.process_time()
    while time.process_time() - started < 1.0:
        pass
    return time.process_time()


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="Linux: a child subreaper")
def test_the_workers_cpu_is_counted_with_the_run() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    got = subprocess.run([sys.executable, "-c", _MEASURED, _BURN], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(root)}, cwd=root)
    assert float(got.stdout.strip().splitlines()[-1]) >= 1.0


#: a plain parent (no child subreaper, as ``/usr/bin/time`` or a shell): the owner's children's CPU
#: it reads must hold the worker's, which reaches it only if the owner waits for its server
_PLAIN_PARENT = r"""
import resource, subprocess, sys
out = subprocess.run([sys.executable, "-c", sys.argv[1]], check=True, capture_output=True, text=True).stdout
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(out.split()[-2], out.split()[-1], usage.ru_utime + usage.ru_stime)
"""
_OWNER_SELF = r"""
import resource
from lagebild.executors.process import worker_pool
from tests.pipeline.test_fork_servers import burn
pool = worker_pool(1, ("lagebild.model",))
worker = pool.submit(burn).result()
pool.shutdown()
own = resource.getrusage(resource.RUSAGE_SELF)
print(worker, own.ru_utime + own.ru_stime)
"""


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="Linux: rusage of waited-for children")
def test_a_plain_parent_counts_the_workers_cpu() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    got = subprocess.run([sys.executable, "-c", _PLAIN_PARENT, _OWNER_SELF], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(root)}, cwd=root)
    worker, owner, children = map(float, got.stdout.split())
    assert worker >= 1.0
    # the owner's own CPU alone when its server is left behind; its worker's on top when it is waited for
    assert children >= owner + worker


def test_a_server_is_waited_for_without_holding_the_registry(limits: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    _, srv = _run(LIGHT)
    real = server._wait_ended
    free: list[bool] = []

    def probe() -> None:  # another thread (a web process starting a run) reaches the registry meanwhile
        if server._LOCK.acquire(timeout=2):
            server._LOCK.release()
            free.append(True)
        else:
            free.append(False)

    def waited(processes: list) -> None:  # type: ignore[type-arg]
        other = threading.Thread(target=probe)
        other.start()
        other.join()
        real(processes)

    monkeypatch.setattr(server, "_wait_ended", waited)
    server.stop_servers()
    assert free == [True]
    assert not _alive(srv)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux: counts open descriptors")
def test_a_server_that_cannot_start_leaves_no_socket_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object, **__: object) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(server.subprocess, "Popen", refused)
    before = len(os.listdir("/proc/self/fd"))
    failures = []  # kept: their tracebacks hold the frames, so a socket left open is not closed by collection
    for _ in range(5):
        with pytest.raises(OSError) as failed:
            server.ForkServer(LIGHT, "").fork_worker()
        failures.append(failed)
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_server_started_ahead_is_the_one_the_first_pool_forks_from(limits: None) -> None:
    from lagebild.executors.process import ProcessExecutor
    from lagebild.pipeline import PipelineSpec

    spec = PipelineSpec.of(["segment.rules.v1"], {})
    ProcessExecutor(1, preload=LIGHT).start(spec)
    early = server.server_for(LIGHT, spec)
    started = early.pid
    assert started is not None and started in server.running_servers(), "running before any pool asked for a worker"
    early.start()
    assert early.pid == started, "a running server is not started again"
    pool = worker_pool(1, LIGHT, spec)
    try:
        assert pool.submit(os.getppid).result(timeout=60) == started
    finally:
        pool.shutdown()


def test_a_run_whose_settings_fail_stops_the_server_it_started_ahead(limits: None, tmp_path: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.analyze import analyze_paths
    from lagebild.config import load_config
    from lagebild.errors import ConfigError
    from lagebild.executors.process import ProcessExecutor
    from lagebild.store import open_store

    started: list[int] = []
    start = server.ForkServer.start

    def spy(self: server.ForkServer) -> bool:
        fresh = start(self)
        if fresh and self.pid is not None:
            started.append(self.pid)
        return fresh

    monkeypatch.setattr(server.ForkServer, "start", spy)
    (tmp_path / "a.txt").write_text("Der Rat tagte am Montag in Bonn.", "utf-8")
    config = load_config(None, ["stages.segment.rules.v1.max_sentence_charz=10"])
    with pytest.raises(ConfigError):
        analyze_paths([tmp_path / "a.txt"], open_store(str(tmp_path / "lb.db")), config=config,
                      executor=ProcessExecutor(1, preload=LIGHT))
    assert started, "the server was started ahead of the settings check"
    assert started[0] not in server.running_servers()
    assert _wait_until(lambda: not _alive(started[0]))


def test_a_server_started_ahead_that_a_pool_uses_is_not_stopped(limits: None) -> None:
    from lagebild.executors.process import ProcessExecutor
    from lagebild.pipeline import PipelineSpec

    spec = PipelineSpec.of(["segment.rules.v1"], {})
    early = server.server_for(LIGHT, spec)
    early.stop()
    undo = ProcessExecutor(1, preload=LIGHT).start(spec)
    pool = worker_pool(1, LIGHT, spec)
    try:
        pid = pool.submit(os.getppid).result(timeout=60)
        undo()  # another run holds it: kept
        assert pid in server.running_servers()
    finally:
        pool.shutdown()
