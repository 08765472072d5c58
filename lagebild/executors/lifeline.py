"""Tie a worker process to its parent: when the parent dies (even by ``kill -9``), the worker ends.

On Linux the kernel does it (``prctl(PR_SET_PDEATHSIG, SIGKILL)``); elsewhere a daemon thread
polls the parent's pid. Both run in the worker's initializer.

A worker forked by a fork server (``ProcessExecutor``'s start method) is the server's child, not
that of the process that owns the pool, and the server outlives the owner as long as a worker
runs: such a worker waits instead (in a daemon thread, without polling) for the end of the pipe
multiprocessing keeps from the owner to each worker (``multiprocessing.parent_process().sentinel``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time

__all__ = ["end_with_parent"]

_PR_SET_PDEATHSIG = 1


def _prctl_deathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _alive(parent: int) -> bool:
    """Whether ``parent`` still runs: this process's parent, or (forked by a fork server) a live process."""
    if os.getppid() == parent:
        return True
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, under another user
        return True
    return True


def _watch(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if not _alive(parent):
            os._exit(1)  # the parent is gone: nobody will read our results


def _wait_for_end(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)  # the owner is gone: nobody will read our results


def end_with_parent(parent: int, *, interval: float = 1.0) -> None:
    """Make this process end when process ``parent`` (the one that started it, directly or through a fork server) ends."""
    armed = _prctl_deathsig()
    if not _alive(parent):  # the parent died before the signal was armed
        os._exit(1)
    owner = multiprocessing.parent_process()
    if os.getppid() != parent and owner is not None and owner.sentinel is not None:
        # forked by a fork server: the kernel's signal follows the server, which outlives the owner
        threading.Thread(target=_wait_for_end, args=(owner.sentinel,), daemon=True, name="lagebild-owner-watch").start()
        return
    if not armed:
        threading.Thread(target=_watch, args=(parent, interval), daemon=True, name="lagebild-parent-watch").start()
