"""Tie a worker process to its parent: when the parent dies (even by ``kill -9``), the worker ends.

A process started by multiprocessing (a pool's worker, spawned or forked by a fork server) waits
in a daemon thread, without polling, for the end of the pipe multiprocessing keeps from the owner
to each worker (``multiprocessing.parent_process().sentinel``): it ends with the owner whoever
forked it (a fork server outlives the owner as long as a worker runs). On Linux the kernel also
sends ``SIGKILL`` when the direct parent ends (``prctl(PR_SET_PDEATHSIG)``); a direct child
without either (another platform) polls whether it was adopted (``getppid`` changed). No check
asks whether the parent's pid still runs: after its end the pid can belong to another process.
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

__all__ = ["end_with_parent", "end_with_server"]

_PR_SET_PDEATHSIG = 1


def _prctl_deathsig() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _owner_sentinel() -> int | None:
    """The end of the pipe multiprocessing keeps from the process that started this one (``None``: not started so)."""
    owner = multiprocessing.parent_process()
    return owner.sentinel if owner is not None and owner.sentinel is not None else None


def _gone(parent: int, sentinel: int | None) -> bool:
    """Whether ``parent`` has ended, without asking for its pid (a dead process's pid can be reused)."""
    if sentinel is not None:
        return bool(multiprocessing.connection.wait([sentinel], 0))
    return os.getppid() != parent  # a child whose parent ends is adopted by another process


def _watch(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if _gone(parent, None):
            os._exit(1)  # the parent is gone: nobody will read our results


def _wait_for_end(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)  # the owner is gone: nobody will read our results


def end_with_parent(parent: int, *, interval: float = 1.0) -> None:
    """Make this process end when process ``parent`` (the one that started it, directly or through a fork server) ends."""
    armed = _prctl_deathsig()
    sentinel = _owner_sentinel()
    if _gone(parent, sentinel):  # the parent died before the signal was armed
        os._exit(1)
    if sentinel is not None:
        # a multiprocessing child: its pipe from the owner ends with the owner, whoever forked this
        # process (a fork server outlives the owner, and the kernel's signal follows the server)
        threading.Thread(target=_wait_for_end, args=(sentinel,), daemon=True, name="lagebild-owner-watch").start()
        return
    if os.getppid() != parent:
        return  # neither its child nor started by it: nothing to watch that a reused pid could not fake
    if not armed:
        threading.Thread(target=_watch, args=(parent, interval), daemon=True, name="lagebild-parent-watch").start()


def end_with_server(server: int) -> None:
    """In a worker forked by a fork server (``server``: its pid): end when the server ends.

    The server ends with the process that owns it and kills its workers then; the kernel's death
    signal covers a server that is killed itself. Without that signal (another platform) the
    worker polls whether it was adopted."""
    armed = _prctl_deathsig()
    if os.getppid() != server:  # the server ended before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(server, 1.0), daemon=True, name="lagebild-server-watch").start()
