"""Split the cleaned text into paragraphs and sentences, keeping exact offsets.

Lines are segmented first (headlines, date lines and captions have no final punctuation),
then each line is split at sentence-final punctuation that is not part of an abbreviation,
an ordinal ("am 6. August") or a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lagebild.model import Document, Provenance, Span
from lagebild.registry import STAGES

__all__ = ["Segmenter", "split_paragraphs", "split_sentences"]

# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
_ABBREVIATIONS = frozenset(
    """
    abs anm bzw ca chr co dr dt etc evtl ggf hl inkl jh jr kap max min mio mrd nr o.ä prof rd
    s sog st str tel u.a u.ä usw vgl vs z.b z.t zit zzgl bspw gen jan feb apr jun jul aug sep sept okt nov dez
    mr mrs ms gov sen rep no vol art abg
    """.split()
)
_MONTHS = (
    "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
_BOUNDARY = re.compile(r"""([.!?…]+)(["“”»«'’)\]]*)(\s+)(?=["„“»«'‚(\[]?[\w\d])""")
_ORDINAL_BEFORE = re.compile(r"(?:^|\s)\d{1,4}$")
_MONTH_AFTER = re.compile(rf"(?:{_MONTHS})\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(\S+)$")


def split_paragraphs(text: str) -> Iterator[Span]:
    """Yield one span per non-blank line (leading/trailing whitespace excluded)."""
    for match in re.finditer(r"[^\n]+", text):
        start = match.start()
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        yield Span(start + lead, start + lead + len(stripped))


def _is_false_boundary(line: str, punct_start: int, next_start: int) -> bool:
    # Only a short window around the candidate matters; slicing whole lines made long
    # one-paragraph articles quadratic.
    before = line[max(0, punct_start - 40) : punct_start]
    if punct_start > 40:
        before = " " + before
    after = line[next_start : next_start + 20]
    if line[punct_start] != ".":
        return False
    word = _WORD_BEFORE.search(before)
    token = word.group(1).lower().lstrip("(\"„“»") if word else ""
    if token.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[a-zäöü]\.)+[a-zäöü]?", token):
        return True
    if len(token) == 1 and token.isalpha():  # initials: "John F. Kennedy"
        return True
    # "am 6. August", "der 3. Platz": ordinal followed by a month or a lower-case word.
    return bool(_ORDINAL_BEFORE.search(before) and (_MONTH_AFTER.match(after) or after[:1].islower()))


def split_sentences(text: str, within: Span | None = None) -> Iterator[Span]:
    """Yield sentence spans of ``text`` (or of the part ``within``), never crossing a line."""
    spans = [within] if within else list(split_paragraphs(text))
    for para in spans:
        line = text[para.start : para.end]
        start = 0
        for m in _BOUNDARY.finditer(line):
            if _is_false_boundary(line, m.start(1), m.end()):
                continue
            end = m.end(2)
            if line[start:end].strip():
                yield Span(para.start + start, para.start + end)
            start = m.end()
        if line[start:].strip():
            yield Span(para.start + start, para.start + len(line.rstrip()))


@STAGES.register("segment.rules.v1", requires={"text"}, produces={"paragraph", "sentence"})
@dataclass
class Segmenter:
    """Annotate paragraphs (non-blank lines) and sentences with exact offsets."""

    max_sentence_chars: int = 2000
    prov: Provenance = field(default=Provenance("segment.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        for para in split_paragraphs(doc.text):
            doc.add("paragraph", para, self.prov)
            for sent in split_sentences(doc.text, para):
                # Cap runaway "sentences" (tables, lists without punctuation) in fixed windows.
                for s in range(sent.start, sent.end, self.max_sentence_chars):
                    doc.add("sentence", Span(s, min(sent.end, s + self.max_sentence_chars)), self.prov)
        return doc
