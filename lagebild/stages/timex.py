"""Annotate German temporal expressions with TIMEX3 values relative to the publication date.

The engine lives in ``lagebild.timex``; this stage reads the document creation time from
``doc.meta.published`` (any precision, or none), writes one ``timex`` annotation per
expression (payload in docs/annotations.md) and one ``inconsistency`` annotation where a
chained date ("fünf Monate später" after "am 6. August") lands after the article's own date
although the text tells it as past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from lagebild.model import Document, Provenance, Span
from lagebild.registry import STAGES
from lagebild.timex import Point, Timex, parse_value, tag
from lagebild.timex.values import truncate

__all__ = ["RuleTimex", "document_dct", "reresolve"]

_PRECISION_GRAN = {"year": "year", "month": "month", "day": "day", "minute": "minute", "hour": "hour", "second": "minute"}


#: the zone of the clock times German news print: a publication time in UTC or with an offset is read in it
_NEWS_ZONE = ZoneInfo("Europe/Berlin")
_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$")


def local_time(value: str) -> str:
    """A publication time with a UTC offset ("2025-03-12T04:48Z") as the wall-clock time of German news ("2025-03-12T05:48").

    The text's clock times ("gegen 21.40 Uhr") and its days are local; compared with a UTC time, an
    evening article's day or hour would be another. A value without an offset is taken as local.
    """
    if not _OFFSET.search(value):
        return value
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return when.astimezone(_NEWS_ZONE).strftime("%Y-%m-%dT%H:%M")


def document_dct(value: str | None, precision: str | None = None) -> Point | None:
    """Turn a publication date (``DateValue.value`` + ``precision``) into the reference ``Point``."""
    point = parse_value(local_time(value)) if value else None
    if point is None or point.year < 1:
        return None
    gran = _PRECISION_GRAN.get(precision or "", "")
    if gran and gran != point.gran:
        return truncate(point, gran) or point
    return point


_CRAWL_MARKER = re.compile(r"\s{0,3}date \d{4}-\d{2}(?![\d-])")


def _annotate(doc: Document, timexes: list[Timex], prov: Provenance, dct: Point | None, flag: bool) -> None:
    ids: list[str] = []
    for t in timexes:
        data: dict[str, Any] = t.to_data()
        if t.anchor_index is not None and t.anchor_index < len(ids):
            data["anchor_ann"] = ids[t.anchor_index]
        ann = doc.add("timex", Span(t.start, t.end), prov, label=t.type, data=data)
        ids.append(ann.id)
        if flag and t.after_dct and dct is not None:
            refs = [ann.id]
            anchor_text = ""
            if t.anchor_index is not None and t.anchor_index < len(ids):
                refs.append(ids[t.anchor_index])
                anchor = timexes[t.anchor_index]
                anchor_text = f" counted from „{doc.text[anchor.start:anchor.end]}“ ({anchor.value})"
            reason = (
                f"„{doc.text[t.start:t.end]}“{anchor_text} is {t.value}, after the article's own date "
                f"{dct_text(dct)}, yet the text tells it as past or present."
            )
            doc.add("inconsistency", Span(t.start, t.end), prov, label="date_after_publication", data={"reason": reason, "refs_anns": refs})


#: finite present forms of the perfect's auxiliaries: "hat … besucht", "ist … eingetroffen"
_PERFECT_AUX = frozenset("hat haben habe hast habt ist sind bin bist seid".split())
_CLAUSE_END = re.compile(r"[.;:!?]|,\s")
_WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _next_day_update(doc: Document, dct: Point | None) -> Point | None:
    """The update day of a page whose header prints it at most one day after the publication.

    Only a printed header update ("Aktualisiert am 21.05. · Erstellt am 20.05.") says the text read was
    rewritten then; a structured ``dateModified`` is often a later correction of a typo, and an update days
    or weeks later keeps most of the first text, whose relative dates count from the publication.
    """
    updated = doc.meta.extra.get("updated")
    if dct is None or not isinstance(updated, dict) or not updated.get("value"):
        return None
    if not str(updated.get("reason") or "").startswith("printed update date"):
        return None
    upd = document_dct(str(updated["value"]), updated.get("precision"))
    first, then = dct.date(), upd.date() if upd is not None else None
    if upd is None or first is None or then is None or not 0 < (then - first).days <= 1:
        return None
    return upd


def _present_or_perfect(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``start:end`` is told with a present perfect auxiliary ("hat am Sonntag
    besucht"), not in the preterite ("am Montag streikten"), which tells the first version's past."""
    cs = max([0] + [m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 300), start)])
    ce_m = _CLAUSE_END.search(text, end, end + 300)
    ce = ce_m.start() if ce_m else min(len(text), end + 300)
    return any(w.group() in _PERFECT_AUX for w in _WORDS.finditer(text, cs, ce))


def _from_update(text: str, timexes: list[Timex], again: list[Timex], dct: Point, upd: Point) -> list[Timex]:
    """Take the update-anchored reading of a relative day told in the present perfect when read from the
    publication it falls before the publication's day and read from the update it falls between the two days
    (the page updated the next day tells "hat am Sonntag besucht" of the Sunday of the update)."""
    by_span = {(t.start, t.end): t for t in again}
    first, then = dct.date(), upd.date()
    out: list[Timex] = []
    for t in timexes:
        alt = by_span.get((t.start, t.end))
        was = t.point.date() if t.point is not None and t.granularity == "day" else None
        now = alt.point.date() if alt is not None and alt.point is not None and alt.granularity == "day" else None
        if alt is not None and t.anchor == "dct" and was is not None and now is not None and first is not None \
                and then is not None and was < first <= now <= then and _present_or_perfect(text, t.start, t.end):
            t = replace(t, value=alt.value, point=alt.point, direction=alt.direction, after_dct=False, relative=alt.relative)
        out.append(t)
    return out


def dct_text(dct: Point) -> str:
    from lagebild.timex import format_value

    return format_value(dct)


@STAGES.register("timex.rules.v1", requires={"text"}, produces={"timex"})
@dataclass
class RuleTimex:
    """Find German temporal expressions and resolve them (TIMEX3) against the publication date.

    ``mode``: "auto" (news unless most explicit years are far from the publication date),
    "news" or "narrative". Texts longer than ``max_chars`` are tagged up to that length.
    """

    mode: str = "auto"
    max_chars: int = 1_000_000
    flag_inconsistencies: bool = True
    prov: Provenance = field(default=Provenance("timex.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        published = doc.meta.published
        dct = document_dct(published.value, published.precision)
        timexes = tag(doc.text[: self.max_chars], dct, mode=self.mode)
        upd = _next_day_update(doc, dct)
        if upd is not None and dct is not None:
            timexes = _from_update(doc.text, timexes, tag(doc.text[: self.max_chars], upd, mode=self.mode), dct, upd)
        marker = _CRAWL_MARKER.match(doc.text)
        if marker:  # " date 2024-01 …" says when a page was stored, it dates nothing the text tells
            timexes = [t for t in timexes if t.start >= marker.end()]
        _annotate(doc, timexes, self.prov, dct, self.flag_inconsistencies)
        return doc


def reresolve(doc: Document, value: str | None, precision: str | None = None, *, mode: str = "auto") -> dict[str, dict[str, Any]]:
    """Resolve a document's timex annotations again against another date (e.g. an inferred one).

    Returns ``{annotation id: new payload}`` for the timex annotations whose span the tagger
    finds again; the document itself is not changed.
    """
    dct = document_dct(value, precision)
    fresh = tag(doc.text, dct, mode=mode)
    by_span = {(t.start, t.end): t for t in fresh}
    out: dict[str, dict[str, Any]] = {}
    for ann in doc.of_kind("timex"):
        t = by_span.get((ann.span.start, ann.span.end))
        if t is not None:
            out[ann.id] = t.to_data()
    return out
