"""German temporal expressions: find them, resolve them to TIMEX3 values against a reference date.

``tag(text, dct)`` is the whole engine: a single-pass rule scan (``rules``), then anchoring on
the document creation time or the context (``resolve``) with calendar arithmetic (``values``).
"""

from __future__ import annotations

from lagebild.timex.resolve import Timex, detect_mode, tag
from lagebild.timex.values import Point, format_value, parse_value

__all__ = ["Point", "Timex", "detect_mode", "format_value", "parse_value", "tag"]
