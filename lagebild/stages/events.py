"""Annotate event mentions: who did what to whom, where and when, sentence by sentence.

Each ``event`` annotation covers the trigger word; its label is the event class (``sign``,
``ratify``, ``deploy`` …) and its data follows docs/annotations.md: ``trigger`` (the class verb),
``agent_anns``/``patient_anns``/``place_anns`` (entity mentions), ``time_ann`` (the timex that
dates it) and ``date`` ({value, granularity} of that timex), plus ``modality``, ``negated``,
``tense``, ``voice``, ``object`` and ``sentence_span`` for the cross-source merge, and
``attribution_ann``/``according_to`` when a quote or attribution ("laut X", "Das berichtet X")
covers the trigger. Entity and
timex annotations are used when an earlier stage produced them; without them the stage still
finds triggers (no participants, no date).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from lagebild.events.extract import EventMention, find_events, join_fragments
from lagebild.events.lexicon import candidate_pattern, load_lexicon
from lagebild.model import Annotation, Document, Provenance, Span
from lagebild.registry import STAGES

__all__ = ["RuleEvents"]


def _inside(anns: list[Annotation], starts: list[int], lo: int, hi: int) -> list[Annotation]:
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(anns) and anns[i].span.start < hi:
        if anns[i].span.end <= hi:
            out.append(anns[i])
        i += 1
    return out


def _count_of(ev: EventMention, claims: list[Annotation]) -> dict[str, Any] | None:
    """The figure of the sentence that counts the event's casualties ("auf 141 gestiegen"), its own clause first.

    A casualty report with a number is a report of that count on its day: the merge step keeps
    different counts apart, so a rising toll gives one timeline entry per count.
    """
    mine = [c for c in claims if c.data.get("measure") in ev.counts and isinstance(c.data.get("value"), (int, float))]
    if not mine:
        return None
    best = min(mine, key=lambda c: (not ev.clause.contains(c.span), min(abs(c.span.start - ev.trigger.end), abs(ev.trigger.start - c.span.end))))
    return {"value": float(best.data["value"]), "measure": str(best.data["measure"]), "claim_ann": best.id, "span": [best.span.start, best.span.end]}


@STAGES.register("events.rules.v1", requires={"sentence"}, produces={"event"})
@dataclass
class RuleEvents:
    """Find event mentions (sign, ratify, confirm, deploy, attack …) with participants and dates."""

    lexicon: str | None = None  # path of a trigger TOML file; None = the shipped lexicon
    max_sentence_chars: int = 1000  # longer "sentences" (tables, lists) are skipped
    max_events: int = 500  # per document
    prov: Provenance = field(default=Provenance("events.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        rules = load_lexicon(self.lexicon)
        entities = sorted((a for a in doc.annotations if a.kind == "entity"), key=lambda a: a.span.start)
        timexes = sorted((a for a in doc.annotations if a.kind == "timex"), key=lambda a: a.span.start)
        ent_starts = [a.span.start for a in entities]
        tx_starts = [a.span.start for a in timexes]
        quotes = []
        for q in doc.annotations:
            if q.kind == "quote":
                content = q.data.get("content_span") or [q.span.start, q.span.end]
                quotes.append((Span(*content), q))
        claims = sorted((a for a in doc.annotations if a.kind == "claim" and a.data.get("measure")), key=lambda a: a.span.start)
        claim_starts = [a.span.start for a in claims]
        hits = [Span(m.start(), m.end()) for m in candidate_pattern(rules).finditer(doc.text)]
        if not hits:
            return doc
        hit_starts = [h.start for h in hits]
        count = 0
        for span in join_fragments(doc.text, [s.span for s in doc.of_kind("sentence")]):
            if len(span) > self.max_sentence_chars:
                continue
            i = bisect.bisect_left(hit_starts, span.start)
            j = bisect.bisect_left(hit_starts, span.end)
            if i == j:
                continue
            found = find_events(
                doc.text,
                span,
                rules,
                _inside(entities, ent_starts, span.start, span.end),
                _inside(timexes, tx_starts, span.start, span.end),
                [h for h in hits[i:j] if h.end <= span.end],
            )
            counted = _inside(claims, claim_starts, span.start, span.end) if claims else []
            for ev in found:
                data = ev.data()
                if ev.counts and counted and (figure := _count_of(ev, counted)) is not None:
                    data["count"] = figure
                # who the article attributes the statement to ("Das berichtet KCNA", "laut X")
                around = [(c, q) for c, q in quotes if c.contains(ev.trigger)]
                if around:
                    content, quote = min(around, key=lambda cq: len(cq[0]))
                    data["attribution_ann"] = quote.id
                    data["according_to"] = quote.data.get("speaker_text")
                    if data["modality"] == "asserted":
                        data["modality"] = "reported"
                doc.add("event", ev.trigger, self.prov, label=ev.event_class, data=data)
                count += 1
                if count >= self.max_events:
                    return doc
        return doc
