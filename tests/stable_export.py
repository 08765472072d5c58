"""An export without what differs between two runs over the same texts (file paths, sources)."""

from __future__ import annotations

from typing import Any

VOLATILE = {"path", "sources"}


def stable(obj: Any, *, digits: int | None = None) -> Any:
    """``obj`` without the volatile keys; floats rounded to ``digits`` when given (a golden file
    should not change with the last bit of a score, a run-to-run comparison wants them exact)."""
    if isinstance(obj, dict):
        return {k: stable(v, digits=digits) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v, digits=digits) for v in obj]
    if digits is not None and isinstance(obj, float):
        return round(obj, digits)
    return obj
