"""Pair quotation marks in all German (and common foreign) styles, without runaway spans.

Styles: „…“ (also closed by ” or "), "…", »…«, «…», ‚…‘, “…”, ‹…›. Pairs never cross a
paragraph and are capped in length; unbalanced or over-long marks are reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quotation", "Unpaired", "find_quotations"]

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

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


@dataclass(frozen=True, slots=True)
class Unpaired:
    """An opening mark without a closing one (or a pair longer than the cap)."""

    pos: int
    mark: str
    reason: str


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:,;\u00a0„»«'‚") or i == 0


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


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
        pairs.append(Quotation(pos, marks[found][0] + 1, mark))
        i = found + 1  # marks inside the pair ("‚…‘" within „…“) belong to it
    return pairs, unpaired
