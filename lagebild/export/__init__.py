"""Exports: ``lagebild.json`` (documented by ``lagebild.schema.json``), CSV tables, the HTML report."""

from __future__ import annotations

from lagebild.export.json_export import EXPORT_KEYS, build_export, write_export

__all__ = ["EXPORT_KEYS", "build_export", "write_export"]
