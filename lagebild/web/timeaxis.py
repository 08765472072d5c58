"""The corpus-wide time axis: articles (by publication day) and events (by the day they happened) per story.

Buckets are days, weeks or months depending on the span; the span is the central 96 % of the
publication days, so a few far-off dates (an article dated by a 1938 event) do not squash the
axis (what falls outside is counted and said). Every bar links to the list it counts, filtered
to that story and period, so the axis filters the other views.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from lagebild.report.readable import human_date, plural
from lagebild.web.lists import _docs_index, _event_rows, _story_labels, _story_rows

__all__ = ["time_axis"]


def _bucket(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(day: date, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=1)
    if unit == "week":
        return day + timedelta(days=7)
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _label(day: date, unit: str) -> str:
    if unit == "month":
        return human_date(day.isoformat()[:7])
    if unit == "week":
        return f"week of {human_date(day.isoformat())}"
    return human_date(day.isoformat())


def time_axis(st: Any, links: Any, *, top: int = 20, story: str | None = None) -> dict[str, Any]:
    """Rows of bars (articles and events per bucket) for the largest stories, or for one story."""
    docs = _docs_index(st)
    days = sorted(d["_range"][0] for d in docs.values() if d.get("_range"))
    if not days:
        return {"rows": [], "buckets": [], "unit": "day", "outside": 0}
    lo, hi = days[int(len(days) * 0.02)], days[min(len(days) - 1, int(len(days) * 0.98))]
    span = (hi - lo).days
    unit = "day" if span <= 45 else "week" if span <= 200 else "month"
    buckets: list[date] = []
    cur = _bucket(lo, unit)
    while cur <= hi and len(buckets) < 400:
        buckets.append(cur)
        cur = _next(cur, unit)
    stories = [r for r in st.reader.cached("list_rows_stories", lambda: _story_rows(st)) if r["articles"] >= 2 or r["id"] == story]
    stories.sort(key=lambda r: -r["articles"])
    chosen = [r for r in stories if r["id"] == story] if story else stories[:top]
    labels = _story_labels(st)
    events = st.reader.cached("list_rows_events", lambda: _event_rows(st))
    pic = st.picture()
    outside = 0
    rows = []
    for s in chosen:
        members = [m.get("doc") for m in (pic.story(s["id"]) or {}).get("members") or [] if m.get("doc") in docs]
        art: Counter[date] = Counter()
        for d in members:
            rng = docs[d]["_range"]
            if not rng:
                continue
            if rng[0] < lo or rng[0] > hi:
                outside += 1
                continue
            art[_bucket(rng[0], unit)] += 1
        evs: Counter[date] = Counter()
        for e in events:
            if s["id"] in e["_stories"] and e.get("_range") and lo <= e["_range"][0] <= hi:
                evs[_bucket(e["_range"][0], unit)] += 1
        cells = []
        for b in buckets:
            end = _next(b, unit) - timedelta(days=1)
            period = {"story": s["id"], "date_from": b.isoformat(), "date_to": end.isoformat()}
            cells.append({"label": _label(b, unit), "articles": art.get(b, 0), "events": evs.get(b, 0),
                          "articles_href": links.list("articles", **period), "events_href": links.list("events", **period),
                          "articles_text": plural(art.get(b, 0), "article"), "events_text": plural(evs.get(b, 0), "event")})
        top_n = max([c["articles"] for c in cells] + [c["events"] for c in cells] + [1])
        for c in cells:
            c["a_pct"] = round(100 * c["articles"] / top_n, 1)
            c["e_pct"] = round(100 * c["events"] / top_n, 1)
        rows.append({"id": s["id"], "label": labels.get(s["id"], s["id"]), "articles": s["articles"], "href": links.story(s["id"]),
                     "cells": cells})
    return {"rows": rows, "buckets": [_label(b, unit) for b in buckets], "unit": unit, "outside": outside,
            "from": _label(buckets[0], unit) if buckets else "", "to": _label(buckets[-1], unit) if buckets else ""}
