"""Report what cannot all be true across articles: one event with different dates, contradicting numbers.

Per-article contradictions (two dates in one article that cannot both hold) come from the
temporal stage as ``inconsistency`` annotations and are exported with the documents; this stage
adds the cross-article ones and skips any finding that an annotation already covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.compare import COMPARE, CorpusContext
from lagebild.events.corpus import short_id
from lagebild.events.dates import interval_of
from lagebild.model import Document

__all__ = ["InconsistencyFinder", "find_inconsistencies"]


def _annotated(docs: Sequence[Document]) -> dict[str, list[tuple[int, int]]]:
    """Original-offset ranges already covered by per-article ``inconsistency`` annotations."""
    out: dict[str, list[tuple[int, int]]] = {}
    for doc in docs:
        spans = []
        for ann in doc.annotations:
            if ann.kind != "inconsistency":
                continue
            spans.append(doc.original_span(ann.span))
            for ref in ann.data.get("refs_anns") or []:
                other = doc.get(ref)
                if other is not None:
                    spans.append(doc.original_span(other.span))
        if spans:
            out[doc.id] = spans
    return out


def _covered(spans: list[dict[str, Any]], annotated: dict[str, list[tuple[int, int]]]) -> bool:
    return all(
        any(s["start"] < e and b < s["end"] for b, e in annotated.get(s["doc"], [])) for s in spans
    )


def find_inconsistencies(result: Any, docs: Sequence[Document]) -> list[dict[str, Any]]:
    """Return cross-article inconsistencies (contract: CorpusResult.inconsistencies)."""
    annotated = _annotated(docs)
    out = []
    for ev in result.events:
        if not ev.get("conflict"):
            continue
        dated = [m for m in ev.get("mentions") or [] if (m.get("date") or {}).get("basis") == "text"]
        by_value: dict[str, list[dict[str, Any]]] = {}
        for m in dated:
            by_value.setdefault(m["date"]["value"], []).append(m)
        values = sorted(by_value)
        clashing = []
        for i, a in enumerate(values):
            for b in values[i + 1 :]:
                ia, ib = interval_of(a), interval_of(b)
                if ia and ib and not ia.overlaps(ib, 1):
                    clashing.append((a, b))
        if not clashing:
            continue
        spans = [{k: m[k] for k in ("doc", "start", "end", "text")} for v in values for m in by_value[v]]
        docs_involved = sorted({s["doc"] for s in spans})
        if len(docs_involved) == 1 and _covered(spans, annotated):
            continue  # already reported by the per-article check
        said = "; ".join(f"{v} according to {', '.join(sorted({m['doc'] for m in by_value[v]}))}" for v in values)
        out.append(
            {
                "id": short_id("inc", [ev["id"], "date"]),
                "kind": "event_date_conflict" if len(docs_involved) > 1 else "event_date_conflict_within_article",
                "reason": f"The same event ({ev.get('label')}) is dated differently: {said}.",
                "doc": docs_involved[0],
                "docs": docs_involved,
                "event": ev["id"],
                "spans": spans,
            }
        )
    for group in result.claim_groups:
        if group.get("relation") != "contradicted":
            continue
        spans = [{k: c[k] for k in ("doc", "start", "end", "text")} for c in group.get("claims") or []]
        docs_involved = sorted({s["doc"] for s in spans})
        out.append(
            {
                "id": short_id("inc", [group["id"], "claims"]),
                "kind": "claim_contradiction",
                "reason": f"Different values for the same quantity ({group.get('subject')}) at the same time. {group.get('reasoning')}",
                "doc": docs_involved[0] if docs_involved else None,
                "docs": docs_involved,
                "claim_group": group["id"],
                "spans": spans,
            }
        )
    return out


@COMPARE.register("inconsistencies.v1", requires={"events", "claim_groups"}, produces={"inconsistencies"})
@dataclass
class InconsistencyFinder:
    """List cross-article contradictions: one event with incompatible dates, contradicting numbers."""

    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.inconsistencies = [i for i in ctx.result.inconsistencies if i.get("kind") not in (
            "event_date_conflict", "event_date_conflict_within_article", "claim_contradiction")]
        ctx.result.inconsistencies.extend(find_inconsistencies(ctx.result, ctx.docs))
