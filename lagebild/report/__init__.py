"""The self-contained HTML report (one file: inline CSS, no external requests)."""

from __future__ import annotations

from lagebild.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
