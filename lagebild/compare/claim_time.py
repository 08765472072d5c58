"""When a figure refers to: the story's event day, times to the minute, the days a sentence names, and
the order one article tells its figures in ("zunächst 12 … inzwischen 19")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.compare.claim_values import DISPUTES, cue_pattern
from lagebild.events.dates import DateInterval, interval_of
from lagebild.model import Annotation, Document, Span

_FINE = frozenset({"day", "minute", "hour", "second", "time"})


def _event_days(events: Sequence[Any], stories: dict[str, str], min_sources: int = 3) -> dict[str, date]:
    """Each story's event day: the earliest day that an event reported by ``min_sources`` of its articles is dated to."""
    out: dict[str, date] = {}
    for ev in events:
        when = ev.get("date") if isinstance(ev, dict) else getattr(ev, "date", None)
        sources = (ev.get("sources") if isinstance(ev, dict) else getattr(ev, "sources", None)) or []
        if not isinstance(when, dict) or when.get("granularity") != "day" or len(sources) < min_sources:
            continue
        iv = interval_of(when.get("value"))
        story = stories.get(str(sources[0]), "")
        if iv is not None and (story not in out or iv.start < out[story]):
            out[story] = iv.start
    return out


def _minute(data: dict[str, Any], doc: Document, basis: str) -> datetime | None:
    """The reference time to the minute: a stated time of the claim, else a stated (not inferred) publication time."""
    value = data.get("ref_time")
    if isinstance(value, dict):
        value = value.get("value")
    if basis == "publication":
        value = None if doc.meta.published.inferred else doc.meta.published.value
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", value):
        return None
    try:
        return datetime.fromisoformat(value[:16])
    except ValueError:
        return None


def _days_named(timexes: list[Annotation], sentence: Span) -> frozenset[date]:
    """The days the sentence names (dates or weekdays resolved to a day)."""
    out = set()
    for tx in timexes:
        if sentence.contains(tx.span):
            iv = interval_of(tx.data.get("value"))
            if iv is not None and iv.granularity in _FINE:
                out.add(iv.start)
    return frozenset(out)


def _days_apart(a: DateInterval, b: DateInterval) -> int:
    """Days between two reference times, 0 when they overlap (a day in July is no distance from "July")."""
    return max(0, (a.start - b.end).days, (b.start - a.end).days)


@lru_cache(maxsize=4)
def _sequence_cues(path: Path = DISPUTES) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The cue words of an earlier and of a later figure in one article's telling (claim_disputes.toml)."""
    return cue_pattern(path, "earlier_cues"), cue_pattern(path, "later_cues")


def told_order(clause: str) -> int:
    """Where a figure's own clause puts it in the course of a count: -1 told as earlier ("zunächst 12"), 1 as
    later ("inzwischen 19", "stieg auf 19"), 0 when it says neither or both."""
    earlier, later = _sequence_cues()
    first = earlier is not None and earlier.search(clause) is not None
    last = later is not None and later.search(clause) is not None
    return 0 if first == last else (-1 if first else 1)
