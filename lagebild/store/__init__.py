"""Stores: SQLite by default (one file, no server); PostgreSQL behind the ``postgres`` extra."""

from __future__ import annotations

from lagebild.store.base import Store, open_store

__all__ = ["Store", "open_store"]
