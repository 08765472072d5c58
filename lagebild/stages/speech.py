"""Annotate quotes and reported speech with speaker, cue verb and content (``speech.rules.v1``).

Entity mentions (kind ``entity``) are used when an earlier stage produced them: the speaker is
linked to the mention that names it. Quotation marks that cannot be paired within a paragraph
(or only over more than ``max_quote_chars``) are recorded as ``inconsistency`` annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.model import Document, Provenance, Span
from lagebild.registry import STAGES
from lagebild.speech import EntityRef, SpeechAct, extract_speech

__all__ = ["RuleSpeech", "act_payload", "language_supported"]


def language_supported(doc: Document, languages: tuple[str, ...] | list[str]) -> bool:
    """Return whether the rules apply: the document's language is unknown or one of ``languages``."""
    lang = (doc.meta.language or "").lower()
    return not lang or any(lang.startswith(code) for code in languages)


def act_payload(act: SpeechAct, text: str) -> dict[str, Any]:
    """Return the annotation payload of a speech act (keys documented in docs/annotations.md)."""
    sp = act.speaker
    ann = sp.ann if sp else None
    data: dict[str, Any] = {"speaker_text": sp.text if sp else None}
    if ann is None:
        # The export turns speaker_span and speaker_ann into the same key "speaker": put the
        # empty reference first so that the span shows; a real entity reference goes last and wins.
        data["speaker_ann"] = None
    data.update({
        "speaker_span": list(sp.span) if sp and sp.span else None,
        "speaker_resolution": sp.resolution if sp else None,
        "speaker_mention_span": list(sp.mention) if sp and sp.mention and sp.mention != sp.span else None,
        "cue_span": list(act.cue_span) if act.cue_span else None,
        "cue": act.cue,
        "cue_text": text[act.cue_span[0] : act.cue_span[1]] if act.cue_span else None,
        "content_span": list(act.content),
        "mood": act.mood,
        "hedge": act.hedge,
    })
    if ann is not None:
        data["speaker_ann"] = ann
    if sp and len(sp.anns) > 1:
        data["speaker_anns"] = list(sp.anns)
    return data


@STAGES.register("speech.rules.v1", requires={"sentence"}, produces={"quote"})
@dataclass
class RuleSpeech:
    """Find direct quotes, indirect speech and attribution phrases with their speakers."""

    max_quote_chars: int = 3000
    max_doc_chars: int = 400_000
    languages: tuple[str, ...] = ("de",)  # the rules are German; documents known to be in another language are skipped
    prov: Provenance = field(default=Provenance("speech.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        if not language_supported(doc, self.languages):
            return doc
        limit = min(len(doc.text), self.max_doc_chars)
        sentences = [(a.span.start, a.span.end) for a in doc.of_kind("sentence") if a.span.end <= limit]
        paragraphs = [(a.span.start, a.span.end) for a in doc.of_kind("paragraph") if a.span.end <= limit]
        entities = [EntityRef(a.id, a.span.start, a.span.end, a.label, a.data.get("form")) for a in doc.of_kind("entity")]
        acts, unpaired = extract_speech(doc.text, sentences, paragraphs or None, entities, max_quote_chars=self.max_quote_chars)
        for act in acts:
            doc.add("quote", Span(act.start, act.end), self.prov, label=act.label, data=act_payload(act, doc.text))
        for mark in unpaired:
            doc.add("inconsistency", Span(mark.pos, mark.pos + 1), self.prov, label="unpaired-quote-mark",
                    data={"reason": f"Quotation mark {mark.mark} has {mark.reason}; no quote was taken from it."})
        if len(doc.text) > limit:
            doc.add("inconsistency", Span(limit, len(doc.text)), self.prov, label="speech-not-scanned",
                    data={"reason": f"Text after {limit} characters was not scanned for quotes."})
        return doc
