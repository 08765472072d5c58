"""Group numeric claims about the same quantity across sources and say how they relate.

Same quantity = same story, same unit (the counted thing: "Soldaten", "Euro") and overlapping
subject entities (who or what is counted: the entities named in the claim's clause, minus the
claimant). Within a group each claim becomes an interval of values (hedges such as "etwa",
"knapp", "mehr als" and vague amounts such as "Tausende" widen it) and a reference time (its
own date, else the article's publication date). Claims whose intervals overlap form a *phase*:
- one phase carried by several independent sources → ``corroborated``;
- several phases that follow each other in time (each later value has a later reference time)
  → ``updated``;
- different values for the same time → ``contradicted``; a lone claim → ``single``.
The reasoning is written out in words for every group.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.compare import COMPARE, CorpusContext
from lagebild.events.corpus import entity_key, entity_names, independent_groups, norm_name, publication_interval, short_id, story_of
from lagebild.events.dates import DateInterval, interval_of
from lagebild.events.extract import clauses
from lagebild.model import Annotation, Document, Span

__all__ = ["ClaimGrouper", "value_interval"]

_APPROX = re.compile(r"(?i)\b(?:etwa|rund|ca|circa|zirka|ungefähr|geschätzt|schätzungsweise|about|around|approximately|roughly|some)\b")
_BELOW = re.compile(r"(?i)\b(?:knapp|fast|beinahe|nahezu|nearly|almost)\b")
_ABOVE = re.compile(r"(?i)\b(?:mehr als|über|mindestens|wenigstens|more than|over|at least)\b")
_UPTO = re.compile(r"(?i)\b(?:bis zu|höchstens|weniger als|unter|up to|at most|less than|fewer than)\b")
_VAGUE = {
    "dutzend": (24.0, 99.0), "hundert": (200.0, 999.0), "tausend": (2000.0, 9999.0), "zehntausend": (20000.0, 99999.0),
    "million": (2e6, 9.99e8), "milliard": (2e9, 9.99e11), "dozens": (24.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0), "millions": (2e6, 9.99e8),
}
_SOURCE_PREPS = ("laut", "zufolge", "according")


def value_interval(data: dict[str, Any]) -> tuple[float, float] | None:
    """Return the range of values a claim allows (its own low/high, else from value and hedge)."""
    low, high, value = data.get("low"), data.get("high"), data.get("value")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low <= high:
        return float(low), float(high)
    text = " ".join(str(x) for x in (data.get("hedge") or "", data.get("value_text") or "") if x)
    if not isinstance(value, (int, float)):
        lowered = text.lower()
        for stem, rng in _VAGUE.items():
            if re.search(rf"\b{stem}\w*", lowered) and not re.search(r"\d", lowered):
                return rng
        if isinstance(low, (int, float)):
            return float(low), float("inf")
        if isinstance(high, (int, float)):
            return 0.0, float(high)
        return None
    v = float(value)
    if _UPTO.search(text):
        return 0.0, v
    if _ABOVE.search(text):
        return v, float("inf")
    if _BELOW.search(text):
        return v * 0.85, v
    if _APPROX.search(text):
        return v * 0.85, v * 1.15
    return v * 0.98, v * 1.02  # rounding in the source


def _unit_key(unit: Any) -> str | None:
    if not unit or not isinstance(unit, str):
        return None
    word = norm_name(unit)
    for suffix in ("innen", "en", "er", "n", "e", "s"):
        if len(word) > 5 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word or None


@dataclass
class _Claim:
    doc: Document
    ann: Annotation
    story: str
    unit: str
    subjects: set[str]
    names: dict[str, str]
    values: tuple[float, float]
    ref: DateInterval | None
    ref_basis: str
    claimant: str | None
    json: dict[str, Any]
    phase: int = -1


def _fmt(v: float) -> str:
    if v == float("inf"):
        return "∞"
    return f"{v:,.0f}".replace(",", ".") if v >= 1000 else f"{v:g}"


@COMPARE.register("claims.group.v1", requires=set(), produces={"claim_groups"})
@dataclass
class ClaimGrouper:
    """Group numeric claims on the same quantity; relation corroborated/updated/contradicted/single."""

    min_subject_overlap: float = 0.33  # Jaccard of subject entities (or one set inside the other)
    same_time_days: int = 1  # reference times closer than this count as "the same time"
    max_ratio: float = 6.0  # values further apart than this factor are different quantities
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.claim_groups = self.group(ctx.docs, ctx.result)

    # -- collection ---------------------------------------------------------------------------
    def _claims(self, docs: Sequence[Document], result: Any) -> list[_Claim]:
        mention_entity = getattr(result, "mention_entity", None) or {}
        stories = story_of(getattr(result, "stories", None) or [])
        inferred = getattr(result, "inferred_dates", None) or {}
        out = []
        for doc in docs:
            claims = [a for a in doc.annotations if a.kind == "claim"]
            if not claims:
                continue
            entities = [a for a in doc.annotations if a.kind == "entity"]
            by_id = {a.id: a for a in doc.annotations}
            sentences = [a.span for a in doc.annotations if a.kind == "sentence"]
            dct, _ = publication_interval(doc, inferred)
            for ann in claims:
                data = dict(ann.data)
                unit = _unit_key(data.get("unit"))
                values = value_interval(data)
                if unit is None or values is None:
                    continue
                sentence = next((s for s in sentences if s.contains(ann.span)), ann.span)
                subj_anns = [by_id[i] for i in data.get("subject_anns") or [] if i in by_id]
                if not subj_anns:
                    clause = next((c for c in clauses(doc.text, sentence) if c.start <= ann.span.start < c.end), sentence)
                    subj_anns = [e for e in entities if clause.contains(e.span) and not _governed_by_source(doc.text, clause, e)]
                claimant_ann = by_id.get(data.get("claimant_ann") or "")
                claimant_key = entity_key(doc, claimant_ann, mention_entity) if claimant_ann else None
                names: dict[str, str] = {}
                subjects = set()
                for e in subj_anns:
                    k = entity_key(doc, e, mention_entity)
                    if k == claimant_key or (claimant_ann is not None and claimant_ann.span.overlaps(e.span)):
                        continue
                    subjects.add(k)
                    names.setdefault(k, e.surface)
                ref, basis = self._ref_time(data, by_id, dct)
                claimant = data.get("claimant_text") or (claimant_ann.surface if claimant_ann else None)
                span = doc.span_json(ann.span)
                out.append(
                    _Claim(
                        doc, ann, stories.get(doc.id, ""), unit, subjects, names, values, ref, basis, claimant,
                        {
                            "id": f"{doc.id}#{ann.id}",
                            **span,
                            "sentence": doc.span_json(sentence),
                            "value": data.get("value"),
                            "low": values[0],
                            "high": None if values[1] == float("inf") else values[1],
                            "value_text": data.get("value_text") or ann.surface,
                            "hedge": data.get("hedge"),
                            "unit": data.get("unit"),
                            "claimant": claimant,
                            "ref_time": ref.value if ref else None,
                            "ref_time_basis": basis,
                        },
                    )
                )
        return out

    @staticmethod
    def _ref_time(data: dict[str, Any], by_id: dict[str, Annotation], dct: DateInterval | None) -> tuple[DateInterval | None, str]:
        ref = data.get("ref_time")
        if isinstance(ref, dict):
            ref = ref.get("value")
        iv = interval_of(ref)
        if iv and iv.granularity == "minute":
            iv = interval_of(iv.value[:10])
        if iv:
            return iv, "claim"
        tx = by_id.get(data.get("time_ann") or "")
        if tx is not None:
            iv = interval_of(tx.data.get("value"))
            if iv:
                return iv, "text"
        return (dct, "publication") if dct else (None, "unknown")

    # -- grouping -----------------------------------------------------------------------------
    def _related(self, a: set[str], b: set[str]) -> bool:
        if not a or not b or not (a & b):
            return False
        return a <= b or b <= a or len(a & b) / len(a | b) >= self.min_subject_overlap

    def _joins(self, c: _Claim, subj: set[str], members: list[_Claim]) -> bool:
        """Same quantity: subject entities overlap (or, without any, the same subject words) and values of one magnitude."""
        if subj or c.subjects:
            if not self._related(c.subjects, subj):
                return False
        else:  # no entities: only the same, specific subject words ("Tote bei dem Erdbeben", not just "Menschen")
            subject = str(c.ann.data.get("subject") or "")
            mine = _subject_key(c)
            if len(subject.split()) < 2 or any(_subject_key(o) != mine for o in members):
                return False
        copies = getattr(self, "_groups", {})
        for o in members:
            # one source does not contradict itself: two different figures in one article are two quantities
            same_source = copies.get(o.doc.id, o.doc.id) == copies.get(c.doc.id, c.doc.id)
            if same_source and not (c.values[0] <= o.values[1] and o.values[0] <= c.values[1]):
                return False
        sizes = [_magnitude(x) for x in [c, *members]]
        known = [v for v in sizes if v is not None and v > 0]
        return not known or max(known) / min(known) <= self.max_ratio

    def group(self, docs: Sequence[Document], result: Any) -> list[dict[str, Any]]:
        """Return claim groups (contract: CorpusResult.claim_groups)."""
        claims = self._claims(docs, result)
        blocks: dict[tuple[str, str], list[_Claim]] = defaultdict(list)
        for c in claims:
            blocks[(c.story, c.unit)].append(c)
        groups = independent_groups(result, [d.id for d in docs])
        self._canonical = entity_names(getattr(result, "entities", None) or [])
        self._groups = groups
        out = []
        for block in blocks.values():
            # richest subject sets first, so a group is seeded by its most specific description
            block.sort(key=lambda c: (-len(c.subjects), c.doc.id, c.ann.span.start))
            formed: list[tuple[set[str], list[_Claim]]] = []
            for c in block:
                for subj, members in formed:
                    if self._joins(c, subj, members):
                        members.append(c)
                        subj |= c.subjects
                        break
                else:
                    formed.append((set(c.subjects), [c]))
            for subj, members in formed:
                out.append(self._group_json(members, subj, groups))
        out.sort(key=lambda g: (-g["independent_sources"], g["subject"], g["id"]))
        return out

    def _phases(self, members: list[_Claim]) -> list[list[_Claim]]:
        """Split claims into runs of compatible values (precise claims first, vague ones join the nearest)."""
        phases: list[tuple[list[float], list[_Claim]]] = []
        for c in sorted(members, key=lambda c: (c.values[1] - c.values[0], c.doc.id, c.ann.span.start)):
            lo, hi = c.values
            best = None
            for k, (rng, items) in enumerate(phases):
                if lo <= rng[1] and rng[0] <= hi:
                    gap = min((abs((c.ref.start - o.ref.start).days) for o in items if c.ref and o.ref), default=0)
                    if best is None or gap < best[0]:
                        best = (gap, k)
            if best is None:
                phases.append(([lo, hi], [c]))
            else:
                rng, items = phases[best[1]]
                items.append(c)
                rng[0], rng[1] = max(rng[0], lo), min(rng[1], hi)
        ordered = [items for _, items in phases]
        ordered.sort(key=lambda items: min((c.ref.start for c in items if c.ref), default=None) or interval_of("9999").start)  # type: ignore[union-attr]
        return ordered

    def _group_json(self, members: list[_Claim], subjects: set[str], groups: dict[str, str]) -> dict[str, Any]:
        names: dict[str, str] = {}
        for c in members:
            for k, v in c.names.items():
                names.setdefault(k, getattr(self, "_canonical", {}).get(k) or v)
        unit_text = Counter(str(c.ann.data.get("unit")) for c in members).most_common(1)[0][0]
        subject_text = Counter(str(c.ann.data.get("subject")) for c in members if c.ann.data.get("subject")).most_common(1)
        who = ", ".join(names[k] for k in sorted(subjects, key=lambda k: names.get(k, k))[:3])
        subject = subject_text[0][0] if subject_text else unit_text
        if who and who.lower() not in subject.lower():
            subject = f"{subject} ({who})"
        phases = self._phases(members)
        for n, items in enumerate(phases):
            for c in items:
                c.phase = n
        sources = {groups.get(c.doc.id, c.doc.id) for c in members}
        relation, reasoning = self._relation(phases, len(sources))
        claims_json = []
        for c in sorted(members, key=lambda c: (c.phase, c.ref.start.isoformat() if c.ref else "9999", c.doc.id)):
            claims_json.append({**c.json, "phase": c.phase})
        return {
            "id": short_id("cg", [c.json["id"] for c in members]),
            "story": members[0].story or None,
            "subject": subject,
            "unit": unit_text,
            "subject_entities": sorted(subjects),
            "relation": relation,
            "reasoning": reasoning,
            "phases": [
                {
                    "claims": [c.json["id"] for c in items],
                    "values": _phase_values(items),
                    "ref_time": sorted({c.ref.value for c in items if c.ref}),
                    "independent_sources": len({groups.get(c.doc.id, c.doc.id) for c in items}),
                    "relation": "corroborated" if len({groups.get(c.doc.id, c.doc.id) for c in items}) > 1 else "single",
                }
                for items in phases
            ],
            "relations": self._pairwise(phases, relation),
            "claims": claims_json,
            "independent_sources": len(sources),
        }

    @staticmethod
    def _pairwise(phases: list[list[_Claim]], relation: str) -> list[dict[str, Any]]:
        """Relations between neighbouring claims: agreeing ones inside a phase, changes between phases."""
        out = []
        ordered = [sorted(items, key=lambda c: (c.ref.start if c.ref else interval_of("9999").start, c.doc.id)) for items in phases]  # type: ignore[union-attr]
        for items in ordered:
            for a, b in zip(items, items[1:]):
                if a.doc.id != b.doc.id:
                    out.append({"a": a.json["id"], "b": b.json["id"], "relation": "corroborated",
                                "reason": f"“{a.json['value_text']}” and “{b.json['value_text']}” agree within their hedges"})
        between = "updated" if relation == "updated" else "contradicted"

        def width(c: _Claim) -> float:
            return c.values[1] - c.values[0]

        for prev, nxt in zip(ordered, ordered[1:]):
            last = max(c.ref.start for c in prev if c.ref) if any(c.ref for c in prev) else None
            a = min((c for c in prev if c.ref is None or c.ref.start == last), key=width)
            first = min(c.ref.start for c in nxt if c.ref) if any(c.ref for c in nxt) else None
            b = min((c for c in nxt if c.ref is None or c.ref.start == first), key=width)
            when = f" ({a.ref.value if a.ref else '?'} → {b.ref.value if b.ref else '?'})"
            out.append({"a": a.json["id"], "b": b.json["id"], "relation": between,
                        "reason": f"“{a.json['value_text']}” vs “{b.json['value_text']}”{when}"})
        return out

    def _describe(self, items: list[_Claim]) -> str:
        parts = []
        for c in sorted(items, key=lambda c: (c.ref.start.isoformat() if c.ref else "9999", c.doc.id, c.ann.span.start)):
            who = f" citing {c.claimant}" if c.claimant and c.claimant != "outlet" else " (the article's own statement)"
            when = f", {c.ref.value}" if c.ref else ""
            parts.append(f"{c.doc.id}{who}: “{c.json['value_text']}”{when}")
        return "; ".join(parts)

    def _relation(self, phases: list[list[_Claim]], n_sources: int) -> tuple[str, str]:
        if len(phases) == 1:
            items = phases[0]
            if len(items) == 1:
                return "single", f"Only one claim on this quantity ({self._describe(items)})."
            if n_sources < 2:
                return "single", f"The same value is repeated, but only by copies of one source ({self._describe(items)})."
            return "corroborated", (
                f"{n_sources} independent sources give values that agree within their hedges ({self._describe(items)})."
            )
        sentences = []
        for n, items in enumerate(phases):
            agree = " (agreeing within their hedges)" if len(items) > 1 else ""
            sentences.append(f"{' / '.join(_phase_values(items))}{agree}: {self._describe(items)}.")
        ordered = True
        for prev, nxt in zip(phases, phases[1:]):
            prev_end = max((c.ref.end for c in prev if c.ref), default=None)
            next_start = min((c.ref.start for c in nxt if c.ref), default=None)
            if prev_end is None or next_start is None or (next_start - prev_end).days < self.same_time_days:
                ordered = False
        if ordered:
            return "updated", " ".join(sentences) + (
                " Each different value refers to a later time than the one before, so the later figure updates the"
                " earlier one; this is not a contradiction."
            )
        return "contradicted", " ".join(sentences) + (
            " The different values refer to the same time (or the times cannot be ordered), so the sources contradict"
            " each other."
        )


def _magnitude(c: _Claim) -> float | None:
    """A claim's typical value: its own number, else the middle of its finite range."""
    value = c.json.get("value")
    if isinstance(value, (int, float)) and not c.ann.data.get("vague"):
        return float(value)
    lo, hi = c.values
    if hi == float("inf"):
        return lo or None
    return (lo + hi) / 2 if lo > 0 else hi or None


def _subject_key(c: _Claim) -> str:
    subject = c.ann.data.get("subject")
    return norm_name(str(subject)) if subject else ""


def _phase_values(items: list[_Claim]) -> list[str]:
    """Name the values of a phase: the precise figures given, else the range the vague ones allow."""
    precise = sorted({c.json["value"] for c in items if isinstance(c.json.get("value"), (int, float)) and not c.ann.data.get("vague")})
    if precise:
        return [_fmt(float(v)) for v in precise]
    return [f"{_fmt(min(c.values[0] for c in items))}–{_fmt(max(c.values[1] for c in items))}"]


def _governed_by_source(text: str, clause: Span, ent: Annotation) -> bool:
    """True for entities introduced as a source ("laut X", "X zufolge"), not as what is counted."""
    before = text[max(clause.start, ent.span.start - 30) : ent.span.start].lower().split()
    after = text[ent.span.end : min(clause.end, ent.span.end + 12)].lower().split()
    return bool(before and before[-1] in _SOURCE_PREPS) or bool(before[-2:-1] and before[-2] in _SOURCE_PREPS) or bool(
        after and after[0].strip(".,") in _SOURCE_PREPS
    )
