"""lagebild's own fork servers and the worker pools forked from them (``process.worker_pool``).

A fork server is a fresh single-threaded interpreter that imports the ``preload`` modules (and
warms the run's pipeline, ``preload``) once, then forks a worker whenever a pool asks: every
worker starts with what the server loaded, at the cost of a fork. One server per (preload
modules, warmed pipeline), so pools with different needs never share or reconfigure one, and
nothing process-global changes (multiprocessing's own fork server and start method stay as they
were). Only public calls: ``subprocess`` starts the server, ``os.fork`` forks the workers, a
socket pair joins each worker to its pool and ``socket.send_fds`` hands the pool its end.

How processes end: the server waits on its control socket; when the owning process closes it
or dies (even by ``kill -9``), the server kills the workers still running, waits for them and
ends. A worker is killed by the kernel when its server ends (``prctl(PR_SET_PDEATHSIG)`` on
Linux) and ends itself when its pool's socket closes. The server waits for every worker and the
owning process waits for the server (when it stops one, and for all at exit), so the workers' CPU
time is counted with the owner's children, as any parent (``/usr/bin/time``, a shell) reads it.

A long-running process (``lagebild serve``) meets many configurations: it keeps at most
``MAX_SERVERS`` servers (the least recently used idle one is stopped for a new one) and stops a
server that has served no pool for ``IDLE_SECONDS`` (``configure_servers``). POSIX only (the
caller uses ``spawn`` where there is no ``fork``).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import logging
import os
import pickle
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from lagebild.pipeline import PipelineSpec

__all__ = ["IDLE_SECONDS", "MAX_SERVERS", "WARM_SPEC_ENV", "ForkServer", "ServerPool", "configure_servers",
           "running_servers", "stop_servers", "warm_spec"]

log = logging.getLogger(__name__)

#: the fork server reads the pipeline it warms from this variable (set in its environment only)
WARM_SPEC_ENV = "LAGEBILD_WARM_SPEC"
#: servers a process keeps (each holds its preloaded libraries and model: ~200-400 MB)
MAX_SERVERS = 2
#: a server that served no pool for this long is stopped (a later pool starts it again)
IDLE_SECONDS = 300.0

_LENGTH = struct.Struct("!Q")
_END = pickle.dumps(None)  # tells a worker to end
_GONE = "a worker process ended while running a task (crash or out of memory)"
#: tasks sent ahead to a worker: it starts the next one while its last result is being read
IN_FLIGHT = 2
_PID = struct.Struct("!q")
#: how long a stopped server may take to end (it kills and waits for its workers) before it is killed
_STOP_SECONDS = 5.0


# --- messages: a length, then a pickle ----------------------------------------------------------

def _send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(_LENGTH.pack(len(data)))
    sock.sendall(data)


def _recv_exact(sock: socket.socket, size: int) -> bytearray:
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:], size - got)
        if n == 0:
            raise EOFError("the other end closed the connection")
        got += n
    return buf  # read in place: a large result is not copied once more


def _recv(sock: socket.socket) -> bytearray:
    (size,) = _LENGTH.unpack(_recv_exact(sock, _LENGTH.size))
    return _recv_exact(sock, size)


# --- in the server process ------------------------------------------------------------------------

def serve(control_fd: int) -> None:
    """The fork server's main loop (its interpreter runs this and nothing else)."""
    control = socket.socket(fileno=control_fd)
    setup = pickle.loads(_recv(control))  # from the owning process: its import path and the preload
    sys.path[:] = setup["sys_path"]
    for name in setup["preload"]:
        try:
            __import__(name)
        except Exception as exc:  # a failed preload costs only the time it would have saved
            log.debug("preloading %s failed: %r", name, exc)
    me = os.getpid()
    children: set[int] = set()

    def reap(*_: Any) -> None:  # waited for, so that their CPU time counts as this process's children's
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the owner decides when this server ends
    while True:
        try:
            request = control.recv(1)
        except OSError:
            request = b""
        if not request:  # the owner stopped this server or died: its workers go with it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
            for pid in children:  # not reaped yet, so none of these pids can belong to another process
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            for pid in children:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            os._exit(0)
        ours, theirs = socket.socketpair()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # the new pid is recorded before it can be reaped
        pid = os.fork()
        if pid == 0:
            control.close()
            ours.close()
            _worker(theirs, me)  # never returns
        children.add(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        theirs.close()
        with contextlib.suppress(OSError):  # the owner is gone: the next read of the socket says so
            socket.send_fds(control, [_PID.pack(pid)], [ours.fileno()])
        ours.close()


def _worker(sock: socket.socket, server: int) -> None:
    """A forked worker of ``server``: runs the pool's tasks until the pool closes its socket."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from lagebild.executors.lifeline import end_with_server

        end_with_server(server)
        initializer, initargs = pickle.loads(_recv(sock))
        if initializer is not None:
            initializer(*initargs)  # a failure ends the worker: the pool breaks, as a process pool's does
        while True:
            try:
                message = _recv(sock)
            except (EOFError, OSError):
                break
            task = pickle.loads(message)
            if task is None:
                break
            fn, args = task
            try:
                reply = (True, fn(*args))
            except BaseException as exc:
                reply = (False, exc)
            try:
                data = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # the result (or the error) cannot travel back
                data = pickle.dumps((False, RuntimeError(f"the task's result could not be sent back: {exc!r}")))
            _send(sock, data)
        code = 0
    except BaseException as exc:
        log.debug("worker ended on %r", exc)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)  # the server's state (and the pool's) is not torn down object by object


# --- in the owning process -----------------------------------------------------------------------

class ForkServer:
    """One fork server: started on the first worker asked of it, stopped by ``stop``."""

    def __init__(self, preload: tuple[str, ...], warm: str) -> None:
        self.preload = preload
        self.warm = warm  # the pickled ``PipelineSpec`` the server runs a short text through ("" none)
        self.users = 0  # pools holding it
        self.last_used = time.monotonic()
        self.process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    def _start(self) -> socket.socket:
        ours, theirs = socket.socketpair()
        env = {**os.environ, WARM_SPEC_ENV: self.warm} if self.warm else {
            k: v for k, v in os.environ.items() if k != WARM_SPEC_ENV}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "import sys; from lagebild.executors.server import serve; serve(int(sys.argv[1]))",
                 str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL, start_new_session=True,
            )
            # a server that cannot read this ends on the closed socket; the next start waits for it
            _send(ours, pickle.dumps({"sys_path": list(sys.path), "preload": list(self.preload)}))
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self._control = ours
        return ours

    def _detach(self) -> subprocess.Popen[bytes] | None:
        """Close the control socket (the server then ends on its own) and hand over the process to
        wait for (``self._lock`` held or not needed)."""
        control, self._control = self._control, None
        if control is not None:
            control.close()
        process, self.process = self.process, None
        return process

    def start(self) -> bool:
        """Start the server now (unless it runs): it loads its preload while the caller goes on, and the first
        ``fork_worker`` waits only for what is left of that. True when this call started it."""
        with self._lock:
            if self._control is None or self.pid is None:
                _wait_ended([self._detach()])
                self._start()
                return True
            return False

    def fork_worker(self) -> tuple[int, socket.socket]:
        """(pid, socket) of a new worker (blocks while the server loads its preload)."""
        with self._lock:
            if self._control is not None and self.pid is not None:
                control = self._control
            else:  # not started, or it died: the stale socket is closed and the old process waited for
                _wait_ended([self._detach()])
                control = self._start()
            control.sendall(b"F")
            message, fds, _flags, _addr = socket.recv_fds(control, _PID.size, 1)
            if len(message) != _PID.size or not fds:
                for fd in fds:
                    os.close(fd)
                raise BrokenProcessPool("the fork server stopped")
            return _PID.unpack(message)[0], socket.socket(fileno=fds[0])

    def stop(self) -> None:
        """End the server (its workers with it); the next ``fork_worker`` starts it again."""
        with self._lock:
            process = self._detach()
        _wait_ended([process])


def _wait_ended(processes: list[subprocess.Popen[bytes] | None]) -> None:
    """Wait for servers whose control socket is closed (together ``_STOP_SECONDS`` at most, then
    kill), so that their CPU time and their workers' count with this process's children."""
    deadline = time.monotonic() + _STOP_SECONDS
    for process in processes:
        if process is None:
            continue
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class ServerPool(Executor):
    """``jobs`` workers forked from one server, fed through one thread each (the subset of ``ProcessPoolExecutor`` lagebild uses).

    As in a process pool, a worker that dies breaks the pool: its task and every queued one fail
    with ``BrokenProcessPool`` and nothing more can be submitted."""

    def __init__(self, server: ForkServer, jobs: int, initializer: Callable[..., Any] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        self._server = server
        self._jobs = jobs
        self._init = pickle.dumps((initializer, initargs), pickle.HIGHEST_PROTOCOL)
        self._tasks: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._broken = ""
        self._closed = False
        self.pids: list[int] = []
        _hold(server)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if kwargs:
            raise TypeError("ServerPool.submit takes positional arguments only")
        with self._lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._closed:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future: Future[Any] = Future()
            self._tasks.put((future, fn, args))
            if not self._threads:
                for n in range(self._jobs):
                    thread = threading.Thread(target=self._feed, name=f"lagebild-worker-{n}", daemon=True)
                    thread.start()
                    self._threads.append(thread)
            return future

    def _break(self, why: str) -> None:
        with self._lock:
            self._broken = self._broken or why
        while True:  # every queued task fails, as in a broken process pool
            try:
                item = self._tasks.get_nowait()
            except queue.Empty:
                return
            if item is None:
                self._tasks.put(None)  # another feeder's end: keep it for that feeder
                return
            if item[0].set_running_or_notify_cancel():
                item[0].set_exception(BrokenProcessPool(why))

    def _feed(self) -> None:
        try:
            pid, sock = self._server.fork_worker()
            self.pids.append(pid)
            _send(sock, self._init)
        except Exception as exc:
            self._break(f"a worker process could not be started: {exc!r}")
            self._drain_until_end()
            return
        with sock:
            self._serve_worker(sock)

    def _serve_worker(self, sock: socket.socket) -> None:
        """Hand one worker its tasks (this thread) and read back its results (a thread of its own).

        Up to ``IN_FLIGHT`` tasks wait at the worker, so that it starts the next one at once, never
        waiting for this process's threads (which share the interpreter lock with the main
        thread); sending and receiving in two threads means a large task and a large result never
        block each other. The price: a task sent ahead waits behind a slow one at its worker even
        when another worker is idle (at the end of a run), and a worker that dies fails every task
        it holds (up to ``IN_FLIGHT``, each then retried alone by the caller) rather than one."""
        inflight: deque[Future[Any]] = deque()
        slots = threading.Semaphore(IN_FLIGHT)
        receiver = threading.Thread(target=self._receive, args=(sock, inflight, slots), daemon=True,
                                    name="lagebild-worker-results")
        receiver.start()
        try:
            while True:
                slots.acquire()  # a task is taken only when this worker can start it next
                item = self._tasks.get()
                if item is None:
                    return
                started = self._start_task(item, inflight)
                if started is None:
                    slots.release()
                    continue
                future, data = started
                try:
                    _send(sock, data)
                except OSError:
                    self._break(_GONE)
                    _fail(future, BrokenProcessPool(_GONE))
        finally:
            with contextlib.suppress(OSError):
                _send(sock, _END)
            receiver.join()

    def _receive(self, sock: socket.socket, inflight: deque[Future[Any]], slots: threading.Semaphore) -> None:
        try:
            while True:
                reply = _recv(sock)
                future = inflight.popleft()
                slots.release()
                _settle(future, reply)
        except (EOFError, OSError):
            if inflight:  # the worker ended with tasks in hand: the pool breaks, as a process pool does
                self._break(_GONE)
                while inflight:
                    _fail(inflight.popleft(), BrokenProcessPool(_GONE))
            for _ in range(IN_FLIGHT):  # a sender waiting for a slot goes on (and fails what it takes)
                slots.release()

    def _start_task(self, item: tuple[Future[Any], Callable[..., Any], tuple[Any, ...]],
                    inflight: deque[Future[Any]]) -> tuple[Future[Any], bytes] | None:
        """The task's future and pickle, the future queued for its result; ``None`` when it was
        cancelled, cannot travel or the pool broke (its future then says so)."""
        future, fn, args = item
        if not future.set_running_or_notify_cancel():
            return None
        if self._broken:
            future.set_exception(BrokenProcessPool(self._broken))
            return None
        try:
            data = pickle.dumps((fn, args), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the task cannot travel: it fails, the worker stays
            future.set_exception(exc)
            return None
        inflight.append(future)  # before it is sent: its result may come back at once
        return future, data

    def _drain_until_end(self) -> None:
        """A feeder without a worker: fail what it takes until ``shutdown`` sends its end."""
        while True:
            item = self._tasks.get()
            if item is None:
                return
            if item[0].set_running_or_notify_cancel():
                item[0].set_exception(BrokenProcessPool(self._broken))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            kept = 0
            while True:
                try:
                    item = self._tasks.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    kept += 1
                else:
                    item[0].cancel()
            for _ in range(kept):
                self._tasks.put(None)
        for _ in threads:
            self._tasks.put(None)
        if wait:
            for thread in threads:
                thread.join()
        _release(self._server)


def _fail(future: Future[Any], exc: BaseException) -> None:
    if not future.done():  # the sender and the receiver may both see the worker go
        with contextlib.suppress(InvalidStateError):
            future.set_exception(exc)


def _settle(future: Future[Any], reply: bytearray) -> None:
    try:
        ok, value = pickle.loads(reply)
    except Exception as exc:  # a result that cannot be read here
        future.set_exception(exc)
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


# --- the process's servers: at most ``MAX_SERVERS``, stopped when idle ---------------------------

_SERVERS: OrderedDict[str, ForkServer] = OrderedDict()  # least recently used first
_LOCK = threading.Condition()
_JANITOR: threading.Thread | None = None
_LIMITS = {"max_servers": MAX_SERVERS, "idle_seconds": IDLE_SECONDS}


def configure_servers(max_servers: int | None = None, idle_seconds: float | None = None) -> None:
    """Set how many servers this process keeps and after how long an idle one is stopped."""
    with _LOCK:
        if max_servers is not None:
            _LIMITS["max_servers"] = max(1, int(max_servers))
        if idle_seconds is not None:
            _LIMITS["idle_seconds"] = max(0.0, float(idle_seconds))
        stale = _trim()
        _LOCK.notify_all()
    _stop(stale)


def server_for(preload: tuple[str, ...], warm: PipelineSpec | None) -> ForkServer:
    """The server for ``preload`` and ``warm`` (kept from an earlier pool, or a new one started on first use)."""
    warm_text = base64.b64encode(pickle.dumps(warm)).decode("ascii") if warm is not None else ""
    key = hashlib.sha256(repr((preload, warm_text)).encode()).hexdigest()
    with _LOCK:
        server = _SERVERS.get(key)
        if server is None:
            server = _SERVERS[key] = ForkServer(preload, warm_text)
        _SERVERS.move_to_end(key)
        return server


def _hold(server: ForkServer) -> None:
    global _JANITOR
    with _LOCK:
        server.users += 1
        server.last_used = time.monotonic()
        key = next((k for k, s in _SERVERS.items() if s is server), None)
        if key is None:  # stopped as idle between ``server_for`` and here: keep it again
            key = hashlib.sha256(repr((server.preload, server.warm)).encode()).hexdigest()
            _SERVERS[key] = server
        _SERVERS.move_to_end(key)
        stale = _trim()
        if _JANITOR is None:
            _JANITOR = threading.Thread(target=_stop_idle_servers, name="lagebild-fork-servers", daemon=True)
            _JANITOR.start()
    _stop(stale)


def _release(server: ForkServer) -> None:
    with _LOCK:
        server.users -= 1
        server.last_used = time.monotonic()
        stale = _trim()
        _LOCK.notify_all()
    _stop(stale)


def _retire(key: str) -> subprocess.Popen[bytes] | None:
    """Drop an idle server from the registry and close its control socket (with ``_LOCK`` held):
    the caller waits for the process once the lock is released, so no other thread waits on a
    teardown. A pool that still holds the object starts a fresh server on its next worker."""
    server = _SERVERS.pop(key)
    with server._lock:
        return server._detach()


def _stop(processes: list[subprocess.Popen[bytes] | None]) -> None:
    """Wait for retired servers (without ``_LOCK``)."""
    if processes:
        _wait_ended(processes)


def _trim() -> list[subprocess.Popen[bytes] | None]:
    """Retire the least recently used idle servers beyond the cap (with ``_LOCK`` held; ``_stop``
    the result after releasing it)."""
    stale: list[subprocess.Popen[bytes] | None] = []
    while len(_SERVERS) > _LIMITS["max_servers"]:
        idle = next((k for k, s in _SERVERS.items() if s.users == 0), None)
        if idle is None:  # all serve a pool: the next release trims
            break
        stale.append(_retire(idle))
    return stale


def _stop_idle_servers() -> None:
    while True:
        with _LOCK:
            now = time.monotonic()
            limit = _LIMITS["idle_seconds"]
            stale = [_retire(key) for key, server in list(_SERVERS.items())
                     if server.users == 0 and now - server.last_used >= limit]
            if not stale:
                waiting = [s.last_used + limit - now for s in _SERVERS.values() if s.users == 0]
                _LOCK.wait(timeout=max(0.05, min(waiting)) if waiting else None)
        _stop(stale)


def running_servers() -> list[int]:
    """The pids of this process's running fork servers."""
    with _LOCK:
        return [pid for pid in (s.pid for s in _SERVERS.values()) if pid is not None]


def stop_servers() -> None:
    """Stop every idle server (at exit: every server; their workers end with them)."""
    with _LOCK:
        stale = [_retire(key) for key, server in list(_SERVERS.items()) if server.users == 0]
    _stop(stale)


@atexit.register
def _stop_at_exit() -> None:
    with _LOCK:
        servers = list(_SERVERS.values())
        _SERVERS.clear()
    # every control socket first (the servers end together), then each is waited for: without the
    # wait the servers outlive this process and their workers' CPU never reaches its parent. No
    # server lock: a thread still starting a worker at exit must not hold up the exit.
    _wait_ended([server._detach() for server in servers])


def warm_spec() -> PipelineSpec | None:
    """In a fork server: the pipeline to warm (``None``: none given)."""
    text = os.environ.get(WARM_SPEC_ENV, "")
    if not text:
        return None
    spec = pickle.loads(base64.b64decode(text))  # written by this package's parent process, above
    return spec if isinstance(spec, PipelineSpec) else None
