"""The FastAPI application: web UI pages and the REST API over one store.

Security model: the server binds to loopback by default; on any other address a token is
required (``run_server`` refuses to start without one) and checked on every request. Article
text is untrusted: templates autoescape everything and pages are served with a Content
Security Policy that allows no scripts at all.
"""

from __future__ import annotations

import hmac
import logging
import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagebild.errors import LagebildError
from lagebild.report.html import render_page
from lagebild.report.links import WebLinks
from lagebild.report.view import Picture
from lagebild.store import Store, open_store
from lagebild.web.reader import StoreReader

__all__ = ["TOKEN_COOKIE", "WebState", "create_app", "error_body"]

log = logging.getLogger(__name__)

TOKEN_COOKIE = "lagebild_token"
CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
_REASONS = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found", 405: "method not allowed",
            413: "request too large", 415: "unsupported media type", 422: "invalid request", 500: "internal server error"}


class WebState:
    """The store of a running server and its reader (documents are read on demand, never all at once)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reader = StoreReader(store)
        self.lock = self.reader.lock  # one store connection is shared by the server's threads
        self.links = WebLinks()

    def picture(self) -> Picture:
        """The corpus picture; its ``docs`` load document metadata when first asked for."""
        return self.reader.picture()


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """Return the one error shape of the API: ``{"ok": false, "error", "errors", "status"}``."""
    return {"ok": False, "error": error, "errors": list(errors or []), "status": status}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json" or path.endswith((".json", ".csv")):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, error: str, errors: list[Any] | None = None) -> Response:
    """Answer an error: the JSON error shape, or an HTML page for a browser on a UI page."""
    if _wants_html(request):
        html = render_page("error.html.j2", WebLinks(), title=f"Error {status}", status=status, error=error, q="")
        return HTMLResponse(html, status_code=status)
    return JSONResponse(error_body(status, error, errors), status_code=status)


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-lagebild-token") or request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)


_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _cross_site_problem(request: Request, *, token_required: bool) -> str | None:
    """Refuse requests a web page on another site could make through the user's browser.

    Without a token the server trusts loopback only, so the Host header must name this machine
    (a page on another domain that resolves to 127.0.0.1 cannot read or write the store), and
    writes must not come from another origin.
    """
    from lagebild.web.server import is_loopback

    host = _host_name(request.headers.get("host", ""))
    if not token_required and not is_loopback(host):
        return f"host {host!r} is not this machine; use http://127.0.0.1 or start the server with a token"
    if request.method in _UNSAFE:
        if request.headers.get("sec-fetch-site", "") == "cross-site":
            return "cross-site requests cannot change the store"
        origin = request.headers.get("origin")
        if origin and origin != "null":
            origin_host = origin.split("://", 1)[-1].split("/", 1)[0].lower()
            if origin_host != request.headers.get("host", "").lower():
                return f"requests from {origin} cannot change the store"
        elif origin == "null":
            return "requests from an opaque origin cannot change the store"
    return None


def _warm(state: WebState) -> None:
    """Load what the first requests need (lemma dictionaries, the picture, the list rows) before anyone asks."""
    from lagebild.store.search import make_snippet, query_terms

    try:
        query_terms("Soldaten warm")
        make_snippet("Die Soldaten warten.", "Soldaten warm")
        from lagebild.web.lists import LISTS, warm_rows

        state.picture()
        for name in LISTS:
            warm_rows(state, name)
    except Exception:
        log.debug("warm-up failed", exc_info=True)


def create_app(db_url: str, token: str | None = None) -> FastAPI:
    """Create the web application serving the store at ``db_url``; with ``token``, every request needs it."""
    from lagebild.web import api, pages

    app = FastAPI(
        title="lagebild",
        summary="Source-attributed, time-resolved situation picture of news articles.",
        version="1",
        docs_url=None,  # the bundled docs UIs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.web = WebState(open_store(db_url))
    # Load the lemma dictionaries and build the list rows in the background so the first search
    # and the first list do not wait for them.
    threading.Thread(target=_warm, args=(app.state.web,), name="lagebild-warm", daemon=True).start()

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        problem = _cross_site_problem(request, token_required=bool(token))
        if problem:
            return error_response(request, 403, problem)
        if token:
            given = _token_of(request)
            if not given or not hmac.compare_digest(given.encode(), token.encode()):
                return error_response(request, 401, "a valid token is required (Authorization: Bearer TOKEN, or ?token=TOKEN once in the browser)")
        if token and request.query_params.get("token") == token and request.method == "GET" and _wants_html(request):
            # Keep the token out of the address bar, history and referrers: a cookie carries it on.
            query = "&".join(f"{k}={v}" for k, v in request.query_params.multi_items() if k != "token")
            target = request.url.path + (f"?{query}" if query else "")
            redirect = Response(status_code=303, headers={"Location": target})
            redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return redirect
        response: Response = await call_next(request)
        if token and request.query_params.get("token") == token:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else _REASONS.get(exc.status_code, "error")
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
        first = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:3])
        return error_response(request, 422, f"invalid request: {first}", _json_safe(errors))

    @app.exception_handler(LagebildError)
    async def lagebild_error(request: Request, exc: LagebildError) -> Response:
        log.warning("request failed: %s", exc)
        return error_response(request, 400, str(exc), list(getattr(exc, "valid", None) or []))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal server error")

    app.include_router(api.router)
    app.include_router(pages.router)
    return app
