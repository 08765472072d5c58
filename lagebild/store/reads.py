"""Read queries shared by the SQLite and PostgreSQL stores: document filters and row shapes.

The web server reads what one page needs instead of loading the store: metadata rows with
filters and paging done in SQL, documents by id, annotation rows of one kind. Both backends
build their ``WHERE`` clauses here so they select the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

__all__ = ["DOCUMENT_FILTERS", "DOC_ROW_COLUMNS", "date_bounds", "document_where", "parse_date_range", "unique_ids"]

#: the light metadata row of a document (``list_documents``): stored columns, no text
DOC_ROW_COLUMNS = ("id", "title", "published", "precision", "language", "outlet", "hash")
#: keyword filters ``list_documents``/``count_documents`` accept
DOCUMENT_FILTERS = frozenset({"ids", "outlet", "language", "date_from", "date_to", "inferred"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_date_range(value: Any) -> tuple[date, date] | None:
    """Return the first and last day a TIMEX-like value (``2024``, ``2024-06``, ``2024-11-08T…``) covers.

    An interval ``2024-12-20/2024-12-23`` (a happening dated "kurz nach dem 20. Dezember") covers
    its first side's first day to its second side's last day, not its first day alone.
    """
    if isinstance(value, Mapping):
        value = value.get("value")
    if not isinstance(value, str):
        return None
    first, sep, second = value.partition("/")
    if sep:
        lo, hi = _period(first), _period(second)
        if lo is None or hi is None or hi[1] < lo[0]:
            return lo
        # a second side inside the first ("2024/2024-01") does not shorten what the first covers
        return lo[0], max(lo[1], hi[1])
    return _period(value)


def _period(value: str) -> tuple[date, date] | None:
    m = _DATE.match(value)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Return the first day ``date_from`` covers and the last day ``date_to`` covers (ISO), or None.

    ``2024-11`` as ``date_to`` means up to 2024-11-30. A value that is no calendar date sets no bound.
    """
    lo = parse_date_range(date_from) if date_from else None
    hi = parse_date_range(date_to) if date_to else None
    return (lo[0].isoformat() if lo else None), (hi[1].isoformat() if hi else None)


def unique_ids(ids: Iterable[Any]) -> list[str]:
    """Return the ids as strings, each once, in first-seen order."""
    return list(dict.fromkeys(str(i) for i in ids if i is not None))


def document_where(filters: dict[str, Any], *, dialect: str) -> tuple[list[str], list[Any]]:
    """Return SQL conditions on ``documents d`` (joined with AND) and their parameters.

    Filters: ``ids`` (only these documents), ``outlet``, ``language`` (exact), ``date_from``/
    ``date_to`` (``YYYY[-MM[-DD]]``; a document matches when the period its publication date
    covers overlaps the range, so ``2024-11`` matches ``date_from=2024-11-15``), ``inferred``
    (ids of documents without a stored publication date that match the date range by a date the
    cross-source stages inferred). With a date filter, documents without any date never match.
    """
    unknown = set(filters) - DOCUMENT_FILTERS
    if unknown:
        raise TypeError(f"unknown document filter(s): {', '.join(sorted(unknown))}")
    p = "?" if dialect == "sqlite" else "%s"
    where: list[str] = []
    params: list[Any] = []

    def in_list(column: str, values: list[str]) -> str:
        if dialect == "sqlite":
            params.append(_json_list(values))
            return f"{column} IN (SELECT value FROM json_each({p}))"
        params.append(values)
        return f"{column} = ANY({p})"

    if filters.get("ids") is not None:
        where.append(in_list("d.id", unique_ids(filters["ids"])))
    for key in ("outlet", "language"):
        if filters.get(key):
            where.append(f"d.{key} = {p}")
            params.append(str(filters[key]))
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if date_from or date_to:
        lo, hi = date_bounds(date_from, date_to)
        dated = "d.published GLOB '[0-9][0-9][0-9][0-9]*'" if dialect == "sqlite" else "d.published ~ '^[0-9]{4}'"
        key = "substr(d.published, 1, 10)"
        parts = [dated]
        if hi:
            parts.append(f"{key} <= {p}")
            params.append(hi)
        if lo:
            # the period ends on or after ``lo`` when its value is not before ``lo`` cut to its precision
            parts.append(f"{key} >= substr({p}, 1, length({key}))")
            params.append(lo)
        stored = "(" + " AND ".join(parts) + ")"
        inferred = unique_ids(filters.get("inferred") or [])
        if inferred:
            where.append(f"({stored} OR (coalesce(d.published, '') = '' AND {in_list('d.id', inferred)}))")
        else:
            where.append(stored)
    return where, params


def _json_list(values: list[str]) -> str:
    import json

    return json.dumps(values, ensure_ascii=False)
