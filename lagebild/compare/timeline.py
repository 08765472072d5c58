"""Lay the merged events out in date order: one entry per event, every source side by side.

Events dated only by the publication date ("around publication") are placed by it and marked
so; events with no date at all come last, marked ``undated``. Conflicting dates of one event
are listed in ``dates`` next to the chosen one; a date derived from a weekday carries its
evidence in ``date_evidence``. An event only announced for its day, which no article reports
as having happened, is marked ``planned``. Stories without any dated event are recorded in
``coverage.timeline_gaps`` by the coverage stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.compare import COMPARE, CorpusContext

__all__ = ["TimelineBuilder", "build_timeline", "timeline_key"]


def timeline_key(t: dict[str, Any]) -> tuple[Any, ...]:
    """The order of timeline entries: textual dates before "around publication" ones on the same day; undated last."""
    return (t["undated"], t["start"] or "", t["end"] or "", t["date_basis"] != "text", t["label"] or "", t["event"])


def build_timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return timeline entries (contract: CorpusResult.timeline) for merged events."""
    items = []
    for ev in events:
        date = ev.get("date") or None
        items.append(
            {
                "event": ev["id"],
                "story": ev.get("story"),
                "type": ev.get("type"),
                "date": date.get("value") if date else None,
                "granularity": date.get("granularity") if date else None,
                "date_basis": date.get("basis") if date else None,
                "start": date.get("start") if date else None,
                "end": date.get("end") if date else None,
                "undated": date is None,
                # only announced ("wird am Montag streiken"), no article reports it happened: shown as planned
                "planned": ev.get("status") == "planned",
                "label": ev.get("label"),
                "sources": list(ev.get("sources") or []),
                "independent_sources": ev.get("independent_sources"),
                "sources_label": ev.get("sources_label"),
                "origins": list(ev.get("origins") or []),
                "evidence": [
                    {"doc": m["doc"], "start": m["start"], "end": m["end"], "text": m["text"], "date": (m.get("date") or {}).get("value")}
                    for m in ev.get("mentions") or []
                ],
                # a derived date says how it was reached: the weekday spans and the day they were placed against
                "date_evidence": date.get("derived_from") if date else None,
                "dates": list(ev.get("dates") or []),
                "conflict": bool(ev.get("conflict")),
                "count": ev.get("count"),
                # the story's main happening (see ``events._mark_central``), for a page to show first
                "central": bool(ev.get("central")),
            }
        )
    items.sort(key=timeline_key)
    return items


@COMPARE.register("timeline.v1", requires={"events"}, produces={"timeline"})
@dataclass
class TimelineBuilder:
    """Order the merged events by date, with granularity, sources and conflicting dates."""

    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.timeline = build_timeline(ctx.result.events)
