"""CSV export: one file per table of the JSON export (spans flattened to doc/start/end/text)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["write_csv"]

TABLES = ("documents", "entities", "timexes", "quotes", "claims", "events", "stories", "claim_groups", "inconsistencies")


def _flat(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and len(value) <= 8:
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, (list, dict)):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def write_csv(data: Mapping[str, Any], folder: str | Path) -> Iterator[Path]:
    """Write ``TABLE.csv`` for every table; nested values become JSON cells. Yield the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        rows = [_flat(r) for r in data.get(table, [])]
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        path = target / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns or ["id"])
            writer.writeheader()
            writer.writerows(rows)
        yield path
