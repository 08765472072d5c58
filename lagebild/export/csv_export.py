"""CSV export: one file per table of the JSON export, plus the link tables a spreadsheet needs.

Span objects are flattened to ``X.doc``/``X.start``/``X.end``/``X.text`` columns; lists and deep
objects become JSON cells. Link tables (entity mentions, story members, the timeline, the claims
of each claim group) have one row per link, so they can be filtered and pivoted directly.
Text cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) get
a leading apostrophe: article text is untrusted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["TABLES", "csv_tables", "write_csv"]

TABLES = (
    "documents", "entities", "timexes", "quotes", "claims", "events", "stories", "claim_groups", "inconsistencies",
    "mentions", "story_members", "timeline", "claim_group_claims", "event_sources",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _flat(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and len(value) <= 8 and not prefix:
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, (list, dict)):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def safe_cell(value: Any) -> Any:
    """A cell value a spreadsheet shows as text (never runs as a formula); lists joined by "; "."""
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_safe = safe_cell


def _links(data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Derive the one-row-per-link tables from the export."""
    mentions = [
        {"entity": e.get("id"), "entity_name": e.get("name"), "entity_type": e.get("type"), **{k: m.get(k) for k in ("doc", "start", "end", "text", "ann")}}
        for e in data.get("entities", []) for m in e.get("mentions") or []
    ]
    members = [
        {"story": s.get("id"), "story_label": s.get("label"), "doc": m.get("doc"), "confidence": m.get("confidence")}
        for s in data.get("stories", []) for m in s.get("members") or []
    ]
    timeline = [{k: v for k, v in t.items() if k not in ("evidence", "dates")} for t in data.get("timeline", [])]
    group_claims = [
        {"group": g.get("id"), "subject": g.get("subject"), "unit": g.get("unit"), "relation": g.get("relation"),
         **{f"claim.{k}": v for k, v in c.items() if k != "sentence"}}
        for g in data.get("claim_groups", []) for c in g.get("claims") or []
    ]
    event_sources = [
        {"event": e.get("id"), "label": e.get("label"), "type": e.get("type"), **{k: m.get(k) for k in ("doc", "start", "end", "text", "date")}}
        for e in data.get("events", []) for m in e.get("mentions") or []
    ]
    return {"mentions": mentions, "story_members": members, "timeline": timeline, "claim_group_claims": group_claims,
            "event_sources": event_sources}


def csv_tables(data: Mapping[str, Any]) -> Iterator[tuple[str, list[str], list[dict[str, Any]]]]:
    """Yield ``(table, columns, rows)`` for every table, rows flattened and spreadsheet-safe."""
    links = _links(data)
    for table in TABLES:
        source: Iterable[Mapping[str, Any]] = links[table] if table in links else data.get(table, [])
        rows = [{k: _safe(v) for k, v in _flat(r).items()} for r in source]
        columns: list[str] = []
        seen: set[str] = set()
        for row in rows:
            for key in row:
                if key not in seen:
                    seen.add(key)
                    columns.append(key)
        yield table, columns or ["id"], rows


def write_csv(data: Mapping[str, Any], folder: str | Path) -> Iterator[Path]:
    """Write ``TABLE.csv`` (UTF-8) for every table into ``folder``; yield the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for table, columns, rows in csv_tables(data):
        path = target / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        yield path
