"""Annotate numeric claims with value interval, unit, claimant, reference time and subject.

``claims.rules.v1`` runs after ``speech.rules.v1``: a number inside a quote, indirect speech or
an attribution phrase is claimed by that speaker; any other number is claimed by the outlet.
The reference time is the nearest date expression (kind ``timex``) in the same sentence,
else the publication date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from lagebild.model import Annotation, Document, Provenance, Span
from lagebild.numbers import Quantity, find_quantities
from lagebild.registry import STAGES
from lagebild.stages.speech import language_supported

__all__ = ["RuleClaims", "claim_subject"]

_LABEL_RANK = {"direct": 0, "indirect": 1, "reported": 2}
_MAX_COVER = 6000  # chars: longer than any quote (capped) plus its sentence
_PP_AFTER = re.compile(
    r"[ \t]+((?:in|nach|aus|an|auf|für|im|ins|der|des|gegen|bei|von|vom|zur|zum)[ \t]+(?:[a-zäöüß][\w-]*[ \t]+){0,2}[A-ZÄÖÜ][\w-]*)"
)
_NOUN_AFTER = re.compile(r"[ \t]+([A-ZÄÖÜ][\w-]*\w)")
_NOUN_BEFORE_PREP = re.compile(r"((?:[a-zäöüß][\w-]*(?:e|en|er|es|em)[ \t]+){0,1}[A-ZÄÖÜ][\w-]*)[ \t]+(?:von|auf|um|in|über|mit|bei)[ \t]+(?:\w+[ \t]+)?$")
_CAP_NOUN = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß][\w-]*)")
_FUNCTION_CAPS = frozenset("Der Die Das Den Dem Des Ein Eine Er Sie Es Wir Ich Mit Im In Am Auf Nach Laut Zudem Auch Bislang".split())


def claim_subject(text: str, q: Quantity, sent_start: int) -> tuple[int, int] | None:
    """Return the span of what a quantity is about ("nordkoreanische Soldaten in Russland")."""
    assert q.unit_span is not None
    if q.unit_kind == "count":
        start = q.num_end
        while start < q.unit_span[0] and text[start].isspace():
            start += 1
        end = q.unit_span[1]
        pp = _PP_AFTER.match(text, end)
        if pp and "\n" not in pp.group():
            end = pp.end()
        return start, end
    after = _NOUN_AFTER.match(text, max(q.unit_span[1], q.num_end))
    if after and after.group(1) not in _FUNCTION_CAPS:
        end = after.end()
        pp = _PP_AFTER.match(text, end)
        if pp and pp.group(1).split()[0] in ("der", "des"):
            end = pp.end()
        return after.start(1), end
    before = text[sent_start : q.start]
    m = _NOUN_BEFORE_PREP.search(before)
    if m:
        return sent_start + m.start(1), sent_start + m.end(1)
    nouns = [m for m in _CAP_NOUN.finditer(before) if m.group(1) not in _FUNCTION_CAPS]
    if nouns:
        m = nouns[-1]
        return sent_start + m.start(1), sent_start + m.end(1)
    return None


def _attribution(quotes: list[Annotation], start: int, end: int) -> Annotation | None:
    """Return the speech annotation whose content covers [start, end), best first.

    ``quotes`` is sorted by span start; spans are capped, so only nearby ones can cover.
    """
    covering = []
    lo = bisect.bisect_left([a.span.start for a in quotes], start - _MAX_COVER)
    for a in quotes[lo:]:
        if a.span.start > end:
            break
        content = a.data.get("content_span") or [a.span.start, a.span.end]
        if content[0] <= start and end <= max(content[1], a.span.end if a.label == "direct" else content[1]):
            spoken = a.data.get("speaker_text") and a.data.get("speaker_resolution") != "unresolved"
            covering.append((0 if spoken else 1, _LABEL_RANK.get(a.label or "", 3), content[1] - content[0], a))
    if not covering:
        return None
    covering.sort(key=lambda c: c[:3])
    return covering[0][3]


@STAGES.register("claims.rules.v1", requires={"sentence", "quote"}, produces={"claim"})
@dataclass
class RuleClaims:
    """Find numeric claims: value interval, unit, hedge, claimant, reference time and subject."""

    max_doc_chars: int = 400_000
    languages: tuple[str, ...] = ("de",)  # German number formats and units; other languages are skipped
    prov: Provenance = field(default=Provenance("claims.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        if not language_supported(doc, self.languages):
            return doc
        text = doc.text[: self.max_doc_chars]
        sentences = sorted((a.span.start, a.span.end) for a in doc.of_kind("sentence"))
        sent_starts = [s for s, _ in sentences]
        quotes = sorted(doc.of_kind("quote"), key=lambda a: a.span.start)
        timexes = doc.of_kind("timex")
        entities = doc.of_kind("entity")
        outlet = doc.meta.outlet or "outlet"
        published = doc.meta.published.value
        for q in find_quantities(text):
            if any(t.span.start < q.num_end and q.num_start < t.span.end for t in timexes):
                continue  # a date or duration, not a quantity
            k = bisect.bisect_right(sent_starts, q.num_start) - 1
            sent = sentences[k] if k >= 0 else (0, len(text))
            data = self._payload(doc, q, sent, quotes, timexes, entities, outlet, published)
            doc.add("claim", Span(q.start, q.end), self.prov, label="numeric", data=data)
        return doc

    def _payload(self, doc: Document, q: Quantity, sent: tuple[int, int], quotes: list[Annotation], timexes: list[Annotation],
                 entities: list[Annotation], outlet: str, published: str | None) -> dict[str, Any]:
        att = _attribution(quotes, q.num_start, q.num_end)
        speaker = att.data.get("speaker_text") if att is not None else None
        if att is not None and att.data.get("speaker_resolution") == "unresolved":
            speaker = None
        hedges = [h for h in (q.hedge, att.data.get("hedge") if att is not None else None) if h]
        # Only calendar points are reference times ("in den kommenden Tagen" → PXD is not).
        in_sentence = [t for t in timexes if sent[0] <= t.span.start < sent[1] and t.label in ("DATE", "TIME")
                       and str(t.data.get("value") or "")[:1].isdigit()]
        timex = min(in_sentence, key=lambda t: abs(t.span.start - q.num_start), default=None)
        subject = claim_subject(doc.text, q, sent[0])
        data: dict[str, Any] = {
            "value": q.value,
            "low": q.low,
            "high": q.high,
            "value_text": q.value_text,
            "unit": q.unit,
            "unit_kind": q.unit_kind,
            "hedge": ", ".join(dict.fromkeys(hedges)) or None,
            "vague": q.vague,
            "claimant_ann": None,  # replaced below (after the span, so the reference wins in the export)
            "claimant_span": att.data.get("speaker_span") if speaker and att is not None else None,
            "claimant_text": speaker or outlet,
            "claimant_kind": ("speaker" if speaker else "outlet"),
            "attribution_ann": att.id if att is not None else None,
            "ref_time": (timex.data.get("value") if timex is not None else None) or published,
            # The export turns *_span/*_anns into objects under the base name; the text comes
            # last so that "subject" stays readable there (the ids stay on the annotation).
            "subject_span": list(subject) if subject else None,
            "subject_anns": [e.id for e in entities if subject and e.span.start < subject[1] and subject[0] < e.span.end],
            "subject": doc.text[subject[0] : subject[1]] if subject else None,
        }
        if speaker and att is not None and att.data.get("speaker_ann"):
            del data["claimant_ann"]
            data["claimant_ann"] = att.data["speaker_ann"]
        data["time_ann"] = timex.id if timex is not None else None
        return data
