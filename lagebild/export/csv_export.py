"""CSV export: one tidy table per kind of the JSON export, plus long tables for every list.

Tidy means one value per cell and one column per field:

- a scalar field is a column;
- a date object (``{"value", "precision", …}``) becomes ``X`` (its value) plus ``X_precision``,
  ``X_inferred``, ``X_kind`` where present;
- a span or reference (``{doc, start, end, text[, entity]}``) becomes ``X_text`` (and ``X_entity``);
  the row's own ``doc``/``start``/``end`` columns locate it in the original text;
- open-ended objects (keys that are data, e.g. names) and lists never sit in a cell: link tables have one row per link (entity mentions, story members,
  the claims of each claim group, the sources of each event, the timeline) and ``list_values.csv``
  holds every other list in long form (``table, id, field, position, value``).

The JSON export keeps everything; the CSV is for spreadsheets and pivot tables. Text cells that a
spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) get a leading
apostrophe: article text is untrusted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["LONG_COLUMNS", "TABLES", "add_columns", "csv_tables", "link_tables", "safe_cell", "table_row", "tidy_row", "write_csv"]

TABLES = (
    "documents", "entities", "timexes", "quotes", "claims", "events", "stories", "claim_groups", "inconsistencies",
    "mentions", "story_members", "timeline", "claim_group_claims", "event_sources", "list_values",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: tables whose rows carry an ``id`` their lists are keyed by in ``list_values``
_MAIN = ("documents", "entities", "timexes", "quotes", "claims", "events", "stories", "claim_groups", "inconsistencies")
#: big or derived fields left to the JSON export (a list of them would swamp the long table)
_SKIP = {"documents": {"removed", "failures"}, "entities": {"mentions"}, "stories": {"members"},
         "claim_groups": {"claims", "phases"}, "events": {"mentions", "dates"}}


def safe_cell(value: Any) -> Any:
    """A cell value a spreadsheet shows as text (never runs as a formula); a stray list is joined by "; "."""
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_safe = safe_cell


def _is_span(value: Mapping[str, Any]) -> bool:
    return "start" in value and "end" in value and ("doc" in value or "text" in value)


def _list_value(item: Any) -> Any:
    if isinstance(item, Mapping):
        for key in ("entity", "id", "value", "text", "doc"):
            if item.get(key) not in (None, ""):
                return item[key]
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return item


def tidy_row(row: Mapping[str, Any], *, skip: Iterable[str] = ()) -> tuple[dict[str, Any], list[tuple[str, int, Any]]]:
    """Split one export object into its scalar cells and its list values ``(field, position, value)``."""
    cells: dict[str, Any] = {}
    lists: list[tuple[str, int, Any]] = []
    skipped = set(skip)
    for key, value in row.items():
        if key in skipped:
            continue
        if isinstance(value, Mapping):
            if _is_span(value):
                if f"{key}_text" not in row:  # the object's own ``X_text`` field wins
                    cells[f"{key}_text"] = value.get("text")
                if "entity" in value and f"{key}_entity" not in row:
                    cells[f"{key}_entity"] = value.get("entity")
            elif "value" in value:
                cells[key] = value.get("value")
                for sub in ("precision", "granularity", "inferred", "kind"):
                    if sub in value and not isinstance(value[sub], (Mapping, list)):
                        cells[f"{key}_{sub}"] = value[sub]
            else:  # an open-ended object (keys are data, not fields): long form
                for i, (sub, inner) in enumerate(value.items()):
                    lists.append((f"{key}.{sub}", i, _list_value(inner) if not isinstance(inner, list) else json.dumps(inner, ensure_ascii=False)))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                lists.append((key, i, _list_value(item)))
        elif value is not None:  # an empty value leaves the cell empty (its column comes from the rows that have one)
            cells[key] = value
    return cells, lists


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
    timeline = [tidy_row(t, skip=("evidence", "dates", "sources"))[0] for t in data.get("timeline", [])]
    group_claims = []
    for g in data.get("claim_groups", []):
        for c in g.get("claims") or []:
            cells, _ = tidy_row(c, skip=("sentence",))
            group_claims.append({"group": g.get("id"), "subject": g.get("subject"), "unit": g.get("unit"), "relation": g.get("relation"),
                                 **{f"claim_{k}": v for k, v in cells.items()}})
    event_sources = [
        {"event": e.get("id"), "label": e.get("label"), "type": e.get("type"), **{k: m.get(k) for k in ("doc", "start", "end", "text")},
         "date": (m.get("date") or {}).get("value") if isinstance(m.get("date"), Mapping) else m.get("date")}
        for e in data.get("events", []) for m in e.get("mentions") or []
    ]
    return {"mentions": mentions, "story_members": members, "timeline": timeline, "claim_group_claims": group_claims,
            "event_sources": event_sources}


#: the columns of ``list_values.csv``
LONG_COLUMNS = ["table", "id", "field", "position", "value"]


def table_row(table: str, item: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One export entry of a main table as its tidy, spreadsheet-safe row and its ``list_values`` rows."""
    cells, lists = tidy_row(item, skip=_SKIP.get(table, ()))
    row = {k: safe_cell(v) for k, v in cells.items()}
    if table not in _MAIN:
        return row, []
    ident = item.get("id")
    return row, [{k: safe_cell(v) for k, v in {"table": table, "id": ident, "field": f, "position": i, "value": v}.items()} for f, i, v in lists]


def add_columns(columns: list[str], seen: set[str], row: Mapping[str, Any]) -> None:
    """Extend ``columns`` by the keys of ``row`` not yet ``seen`` (a table's columns: in order of first use)."""
    for key in row:
        if key not in seen:
            seen.add(key)
            columns.append(key)


def csv_tables(data: Mapping[str, Any]) -> Iterator[tuple[str, list[str], list[dict[str, Any]]]]:
    """Yield ``(table, columns, rows)`` for every table, rows tidy and spreadsheet-safe."""
    links = link_tables(data)
    long_rows: list[dict[str, Any]] = []
    for table in TABLES:
        if table == "list_values":
            yield table, list(LONG_COLUMNS), long_rows
            continue
        if table in links:
            rows = links[table]
        else:
            rows = []
            for item in data.get(table, []):
                row, longs = table_row(table, item)
                rows.append(row)
                long_rows.extend(longs)
        columns: list[str] = []
        seen: set[str] = set()
        for row in rows:
            add_columns(columns, seen, row)
        yield table, columns or ["id"], rows


def link_tables(corpus_data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The one-row-per-link tables (spreadsheet-safe); they come from the corpus-wide lists alone."""
    return {table: [{k: safe_cell(v) for k, v in r.items()} for r in rows] for table, rows in _links(corpus_data).items()}


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
