"""Search as the UI and the API use it: the store's full-text search plus the entity filter."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from lagebild.store.search import HL_END, HL_START

__all__ = ["run_search", "snippet_html"]


def snippet_html(snippet: str) -> Markup:
    """Escape a search snippet and turn the store's highlight markers into ``<mark>``."""
    return Markup(str(escape(snippet)).replace(HL_START, "<mark>").replace(HL_END, "</mark>"))


def run_search(st: Any, q: str, *, limit: int = 20, offset: int = 0, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None, entity: str | None = None) -> tuple[list[dict[str, Any]], bool]:
    """Search; return one page of hits (plain ``snippet`` and escaped ``snippet_html``) and whether more exist.

    ``st`` is the server state (``lagebild.web.app.WebState``). With an entity and no words, the
    hits are the entity's articles (filtered by outlet) in id order.
    """
    docs: list[str] | None = None
    if entity:
        ent = st.reader.entity_index().get(entity)
        docs = sorted({m.get("doc") for m in (ent or {}).get("mentions") or [] if m.get("doc")})
    if date_from or date_to:
        # The date filter reads the publication date the pages show: the stored one, else the inferred one.
        inferred = st.reader.inferred_in_range(date_from, date_to)
        with st.lock:
            dated = [r["id"] for r in st.store.list_documents(date_from=date_from, date_to=date_to, inferred=inferred)]
        docs = dated if docs is None else sorted(set(docs) & set(dated))
    filters: dict[str, Any] = {"outlet": outlet}
    if docs is not None:
        filters["docs"] = docs
    if q.strip():
        with st.lock:
            rows = st.store.search(q, limit=limit + 1, offset=offset, **filters)
    elif entity and docs is not None:
        found = st.reader.rows(ids=docs, outlet=outlet or None, limit=limit + 1, offset=offset)
        rows = [{"doc": r["id"], "title": r.get("title"), "published": r.get("published_value"), "outlet": r.get("outlet"),
                 "snippet": "", "score": 0.0} for r in found]
    else:
        rows = []
    has_more = len(rows) > limit
    lines = st.reader.headlines([r["doc"] for r in rows[:limit] if not r.get("title")])
    inferred_dates = st.picture().corpus.inferred_dates
    out = []
    for row in rows[:limit]:
        if not row.get("title"):
            row = {**row, "headline": lines.get(row["doc"]) or None}
        if not row.get("published") and row["doc"] in inferred_dates:
            row = {**row, "published": (inferred_dates[row["doc"]] or {}).get("value"), "published_inferred": True}
        raw = str(row.get("snippet") or "")
        out.append({**row, "snippet": raw.replace(HL_START, "").replace(HL_END, ""), "snippet_html": str(snippet_html(raw))})
    return out, has_more
