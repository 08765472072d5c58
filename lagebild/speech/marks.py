"""Pair quotation marks in all German (and common foreign) styles, without runaway spans.

Styles: „…“ (also closed by ” or "), "…", »…«, «…», ‚…‘, “…”, ‹…›. Pairs never cross a
paragraph and are capped in length; unbalanced or over-long marks are reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quotation", "Unpaired", "find_quotations", "quotations_in_text"]

#: opening mark → closing marks that may end it.
_CLOSERS: dict[str, str] = {
    "„": "“”\"",
    "\"": "\"",
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "“": "”\"",
    "‹": "›",
    "›": "‹",
}
_MARKS = re.compile("[„\"»«‚“”‹›‘’]")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A pair of quotation marks: ``start`` is the opening mark, ``end`` is after the closing one."""

    start: int
    end: int
    style: str
    closed: bool = True  # False: a paragraph of a multi-paragraph quote, closed in a later paragraph
    width: int = 1  # 2 for doubled marks ("„„…““", '""…""' from escaped CSV or pasted quotes)

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.width, self.end - (self.width if self.closed else 0)


@dataclass(frozen=True, slots=True)
class Unpaired:
    """An opening mark without a closing one (or a pair longer than the cap)."""

    pos: int
    mark: str
    reason: str


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "„":  # never a closing mark: only a letter right before it rules it out
        return not before.isalnum()
    return (not after.isspace() and (before.isspace() or before in "([{—–-/:,;\u00a0„»«'‚")) or i == 0


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _doubled(text: str, pos: int, cpos: int, closers: str) -> bool:
    """Return whether the pair at ``pos``/``cpos`` is written with doubled marks on both sides.

    The second opening mark follows the first at once and the closing mark is followed at once by
    another closing mark; a nested quote that merely starts the quotation ("„‚X‘ ist …“") has its
    own closing mark inside and is not doubled.
    """
    if cpos - pos < 3 or cpos + 1 >= len(text):
        return False
    second, after = text[pos + 1], text[cpos + 1]
    return second in _CLOSERS and (after in closers or after in _CLOSERS.get(second, "")) and after not in "‚‘’‹›"


def find_quotations(text: str, start: int, end: int, *, max_chars: int = 3000) -> tuple[list[Quotation], list[Unpaired]]:
    """Return quotation pairs inside ``text[start:end]`` (one paragraph) and the unpaired marks."""
    pairs: list[Quotation] = []
    unpaired: list[Unpaired] = []
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, start, end)]
    i = 0
    while i < len(marks):
        pos, mark = marks[i]
        i += 1
        if mark not in _CLOSERS:
            continue
        if not _can_open(text, pos):
            continue
        closers = _CLOSERS[mark]
        found = None
        for j in range(i, len(marks)):
            cpos, cmark = marks[j]
            if cpos - pos > max_chars:
                break
            if cmark in closers and (mark not in "\"‚" or _can_close(text, cpos)):
                if cmark == "\"" and mark == "„" and not _can_close(text, cpos):
                    continue
                found = j
                break
        if found is None:
            too_long = any(c in closers and p - pos > max_chars for p, c in marks[i:])
            unpaired.append(Unpaired(pos, mark, "longer than the cap" if too_long else "no closing mark in the paragraph"))
            continue
        cpos = marks[found][0]
        if _doubled(text, pos, cpos, closers):
            # "„„Wir sind bereit““": one quotation written with doubled marks, not a quote of a quote
            pairs.append(Quotation(pos, cpos + 2, mark, width=2))
            i = found + 2 if found + 1 < len(marks) and marks[found + 1][0] == cpos + 1 else found + 1
            continue
        pairs.append(Quotation(pos, cpos + 1, mark))
        i = found + 1  # marks inside the pair ("‚…‘" within „…“) belong to it
    return pairs, unpaired


def quotations_in_text(text: str, paragraphs: list[tuple[int, int]], *, max_chars: int = 3000) -> tuple[list[Quotation], list[Unpaired]]:
    """Pair quotation marks paragraph by paragraph, then continue unclosed quotes across paragraphs.

    An unclosed quote whose next paragraph opens with the same mark is a multi-paragraph quote: it
    runs to its paragraph's end. Otherwise the closing mark may follow in a later paragraph
    ("„\nText\n“" from extracted web pages), within ``max_chars`` and before the next opening mark
    of the same style. Anything else stays unpaired and is reported.
    """
    pairs: list[Quotation] = []
    unpaired: list[Unpaired] = []
    paragraphs = sorted(paragraphs)
    for k, (p_start, p_end) in enumerate(paragraphs):
        qs, un = find_quotations(text, p_start, p_end, max_chars=max_chars)
        pairs.extend(qs)
        for mark in un:
            if mark.reason != "no closing mark in the paragraph":
                unpaired.append(mark)
                continue
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt[0] : nxt[0] + 1] == mark.mark and p_end - mark.pos <= max_chars:
                pairs.append(Quotation(mark.pos, p_end, mark.mark, closed=False))
                continue
            closer = _close_later(text, mark, p_end, min(len(text), mark.pos + max_chars))
            if closer is not None:
                pairs.append(Quotation(mark.pos, closer + 1, mark.mark))
            elif nxt is None and _cut_off(text, mark.pos, p_end, max_chars):
                pairs.append(Quotation(mark.pos, p_end, mark.mark, closed=False))
            else:
                unpaired.append(mark)
    pairs.sort(key=lambda q: q.start)
    # A quote continued across paragraphs swallows the pairs inside it.
    out: list[Quotation] = []
    for q in pairs:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out, unpaired


def _cut_off(text: str, pos: int, p_end: int, max_chars: int) -> bool:
    """Return whether a quote opened at ``pos`` runs into the end of a truncated text.

    Stored excerpts and teasers end mid-sentence ("«Was für ein schöner Wahlerf"): the quote
    is real but its closing mark was cut away. Only the document's last paragraph counts, and
    only when it stops without sentence-final punctuation or with an ellipsis.
    """
    if p_end - pos > max_chars or text[p_end:].strip():
        return False
    inner = text[pos + 1 : p_end].rstrip()
    if len(inner.split()) < 3 or _MARKS.search(inner):
        return False
    return inner.endswith(("…", "...")) or inner[-1:].isalnum()


def _close_later(text: str, mark: Unpaired, start: int, stop: int) -> int | None:
    closers = _CLOSERS[mark.mark]
    for m in _MARKS.finditer(text, start, stop):
        if m.group() == mark.mark and mark.mark not in closers:
            return None  # a new quote of the same style opens first
        if m.group() in closers and m.group() != "\"":
            return m.start()
    return None

