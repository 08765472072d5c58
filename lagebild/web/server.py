"""Run the web UI and REST API with uvicorn (``lagebild serve``)."""

from __future__ import annotations

import ipaddress
import re

from lagebild.errors import LagebildError

__all__ = ["is_loopback", "run_server", "token_problem"]

#: shortest token accepted when the server is reachable from the network
MIN_TOKEN_LENGTH = 12

_TOKEN_IN_URL = re.compile(r"([?&]token=)[^&\s]*")


def is_loopback(host: str) -> bool:
    """Return True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _RedactToken:
    """Logging filter: never write ``token=…`` from request URLs into the access log."""

    def filter(self, record: object) -> bool:
        args = getattr(record, "args", None)
        if isinstance(args, tuple):
            record.args = tuple(_TOKEN_IN_URL.sub(r"\1***", a) if isinstance(a, str) else a for a in args)  # type: ignore[attr-defined]
        return True


def token_problem(token: str | None) -> str | None:
    """Why ``token`` cannot guard a server reachable from the network, else ``None``."""
    if not token:
        return "no token given"
    if token != token.strip() or any(ch.isspace() or not ch.isprintable() for ch in token):
        return "the token contains spaces or control characters"
    if len(token) < MIN_TOKEN_LENGTH or len(set(token)) < 4:
        return f"the token is too easy to guess (use at least {MIN_TOKEN_LENGTH} characters, not one repeated)"
    return None


def run_server(db_url: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve ``db_url`` on ``host:port``; refuse a non-loopback address without a token."""
    problem = None if is_loopback(host) else token_problem(token)
    if problem:
        raise LagebildError(
            f"refusing to serve on {host}: anyone on the network could read the store ({problem}). "
            "Pass --token TOKEN (or set LAGEBILD_TOKEN), or bind to 127.0.0.1."
        )
    import logging

    import uvicorn

    logging.getLogger("uvicorn.access").addFilter(_RedactToken())

    from lagebild.web.app import create_app

    uvicorn.run(create_app(db_url, token=token), host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
