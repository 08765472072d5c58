"""lagebild's own fork servers: the start method of its worker processes (``process.pool_context``).

multiprocessing's ``forkserver`` start method has one server per process, whose preload list is
process-global (``set_forkserver_preload``): the first pool of a process would decide what every
later pool's workers start with. Here a context object names a server of lagebild's own, one per
(preload modules, warmed pipeline), so pools with different needs never share or reconfigure one,
and code elsewhere in the process that uses multiprocessing's fork server is not affected.

The server is a fresh interpreter started with this process's environment; the pipeline it warms
(``preload``) travels in ``WARM_SPEC_ENV``, set only while the server starts. POSIX only (the
caller uses ``spawn`` where there is no fork server).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import pickle
import threading
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import BaseContext, ForkServerContext, ForkServerProcess, set_spawning_popen
from typing import Any

from lagebild.pipeline import PipelineSpec

__all__ = ["WARM_SPEC_ENV", "server_context", "warm_spec"]

#: the fork server reads the pipeline it warms from this variable (set for its start only)
WARM_SPEC_ENV = "LAGEBILD_WARM_SPEC"

_SERVERS: dict[str, _Server] = {}  # one fork server per (preload, warmed pipeline), for the process's lifetime
_SERVERS_LOCK = threading.Lock()
_ENV_LOCK = threading.Lock()


class _Server(forkserver.ForkServer):
    """A fork server of lagebild's own: multiprocessing's global one (and its preload list) stays untouched."""

    def __init__(self, preload: tuple[str, ...], warm: str) -> None:
        super().__init__()
        self._preload_modules = list(preload)
        self._warm = warm  # the pickled ``PipelineSpec`` the server runs a short text through ("" none)

    def ensure_running(self) -> None:
        # The server inherits this process's environment at its start; the variable is set only around it.
        with _ENV_LOCK:
            before = os.environ.get(WARM_SPEC_ENV)
            if self._warm:
                os.environ[WARM_SPEC_ENV] = self._warm
            else:
                os.environ.pop(WARM_SPEC_ENV, None)
            try:
                super().ensure_running()
            finally:
                if before is None:
                    os.environ.pop(WARM_SPEC_ENV, None)
                else:
                    os.environ[WARM_SPEC_ENV] = before


class _Popen(popen_forkserver.Popen):
    """``popen_forkserver.Popen`` asking the process's ``_Server`` instead of the module-global server."""

    def __init__(self, process_obj: Any, server: _Server) -> None:
        self._server = server
        super().__init__(process_obj)

    def _launch(self, process_obj: Any) -> None:  # as ``popen_forkserver.Popen._launch``, with ``self._server``
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = self._server.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        _parent_w = os.dup(w)  # the child's sentinel of its owner (``multiprocessing.parent_process()``)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))  # type: ignore[attr-defined]
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ServerProcess(ForkServerProcess):  # type: ignore[misc,valid-type]
    _server_key = ""  # travels to the child with the process object: a string, not the server

    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:
        return _Popen(process_obj, _SERVERS[process_obj._server_key])


class _ServerContext(ForkServerContext):  # type: ignore[misc,valid-type]
    """A forkserver start method bound to one ``_Server``: the context object carries the choice."""

    def __init__(self, key: str) -> None:
        self._server_key = key

    def Process(self, *args: Any, **kwargs: Any) -> _ServerProcess:  # type: ignore[override]
        proc = _ServerProcess(*args, **kwargs)
        proc._server_key = self._server_key
        return proc


def server_context(preload: tuple[str, ...], warm: PipelineSpec | None) -> BaseContext:
    """A forkserver context whose workers are forks of the server for ``preload`` and ``warm`` (started on first use)."""
    warm_text = base64.b64encode(pickle.dumps(warm)).decode("ascii") if warm is not None else ""
    key = hashlib.sha256(repr((preload, warm_text)).encode()).hexdigest()
    with _SERVERS_LOCK:
        if key not in _SERVERS:
            _SERVERS[key] = _Server(preload, warm_text)
    return _ServerContext(key)


def warm_spec() -> PipelineSpec | None:
    """In a fork server: the pipeline to warm (``None``: none given)."""
    text = os.environ.get(WARM_SPEC_ENV, "")
    if not text:
        return None
    spec = pickle.loads(base64.b64decode(text))  # written by this package's parent process, above
    return spec if isinstance(spec, PipelineSpec) else None
