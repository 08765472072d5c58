"""Web UI and REST API on one server (FastAPI): ``lagebild serve``."""

from __future__ import annotations

from lagebild.web.app import create_app

__all__ = ["create_app"]
