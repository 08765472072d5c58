"""The process's own fork servers: at most ``max_servers`` kept, idle ones stopped, a dead worker breaks its pool."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from lagebild.executors import server
from lagebild.executors.process import worker_pool

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork server on this platform")

#: small preloads, so that each pool has a server of its own without loading the pipeline
LIGHT = ("lagebild.model",)
OTHER = ("lagebild.errors",)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return True


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
