"""Acronyms a text defines itself: "Südliche Kohlegesellschaft (SKG)", "SKG (Südliche Kohlegesellschaft)".

A definition is the surest tie between an acronym and a long name: it holds even when the letters
are not the words' initials ("Bundesverband der Verkehrsarbeitgeber (BVA)") or the long name is a
foreign one. The acronym's first letter must start the long name and its last letter stand in the
name's last word, the letters in between in order ("Deutsche Bahn (DB)", not "Deutsche Bahn (SPD)").
Persons' names are left out: a bracket after a person holds a party or a country code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, Protocol

from lagebild.entities.normalize import FUNCTION_WORDS, fold_key

__all__ = ["BRACKETED_ACRONYM", "acronym_definitions", "spells", "untagged_expansion"]

_ACRO = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü0-9&.-]{1,9}")
#: an acronym alone in brackets, the acronym as group 1 ("… Steuerzahler (BdSt)")
BRACKETED_ACRONYM = re.compile(rf"\(({_ACRO.pattern})\)")
_OPEN = re.compile(r"[ \t\u00a0]*\([ \t\u00a0]*$")
_CLOSE = re.compile(r"[ \t\u00a0]*[),;]")
_FUNCTION = frozenset(fold_key(w) for w in FUNCTION_WORDS)


class _Mention(Protocol):
    """What the definitions read of a mention (``lagebild.entities.resolve.MentionRec``)."""

    label: str
    form: str
    surface: str
    span: dict[str, Any]


def _letters(acro: str) -> str:
    return fold_key(acro).replace(" ", "")


def spells(acro: str, name: str) -> bool:
    """True if ``acro`` can be read from ``name``: its first letter starts the name's first word
    that is no article, its last letter stands in the last word, the others in order between."""
    letters = _letters(acro)
    words = fold_key(name).split()
    while words and words[0] in _FUNCTION:
        words = words[1:]
    if not 2 <= len(letters) <= 8 or not words or sum(c.isupper() for c in acro) < 2:
        return False
    if len(words) == 1 and len(words[0]) < 3 * len(letters):
        return False  # a single short word is no long form of an acronym
    if letters[0] != words[0][0]:
        return False
    text = " ".join(words)
    last_start = len(text) - len(words[-1])
    pos = len(text)
    for k in range(len(letters) - 1, 0, -1):  # from the end: the last letter must fall in the last word
        pos = text.rfind(letters[k], 1, pos)
        if pos < 1 or (k == len(letters) - 1 and pos < last_start):
            return False
    return True


def _is_acronym(m: _Mention) -> bool:
    return m.form == "acronym" or (_ACRO.fullmatch(m.surface.strip()) is not None and sum(c.isupper() for c in m.surface) >= 2
                                   and " " not in m.surface.strip())


def _long_name(m: _Mention, given_names: frozenset[str]) -> bool:
    words = fold_key(m.surface).split()
    if m.form != "name" or len(m.surface.strip()) < 6:
        return False
    # a person's name is never spelt out in brackets; a name the tagger took for a person but that
    # opens with no given name ("Południowa Spółka Węglowa") may be an organisation's
    return m.label != "PER" or (len(words) >= 2 and words[0] not in given_names)


def acronym_definitions(text: str, mentions: Sequence[_Mention], given_names: frozenset[str]) -> list[tuple[int, int]]:
    """Pairs (acronym, long name) of mention positions where ``text`` defines the acronym right
    beside the long name, in brackets after it or with the long name in brackets after the acronym."""
    order = sorted(range(len(mentions)), key=lambda k: int(mentions[k].span["start"]))
    out: list[tuple[int, int]] = []
    for a, b in pairwise(order):
        first, second = mentions[a], mentions[b]
        gap = text[int(first.span["end"]):int(second.span["start"])]
        if not _OPEN.fullmatch(gap) or not _CLOSE.match(text, int(second.span["end"])):
            continue
        if _is_acronym(second) and _long_name(first, given_names) and spells(second.surface.strip(), first.surface):
            out.append((b, a))
        elif _is_acronym(first) and _long_name(second, given_names) and spells(first.surface.strip(), second.surface):
            out.append((a, b))
    return out


_WORD = re.compile(r"[^\W\d_][\w&'’-]*")
#: words read back from the bracket at most, for a long name the tagger left out
_MAX_WORDS = 8


def untagged_expansion(text: str, open_at: int, acro: str, taken: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The long name right before the bracket at ``open_at`` that spells ``acro``, when the tagger left
    it out ("Der Bund der Steuerzahler (BdSt)" → "Bund der Steuerzahler"): the shortest run of
    capitalised words (articles and prepositions between them) back from the bracket, within its
    clause. None when no such run spells it or a tagged name overlaps it."""
    line_start = max(text.rfind("\n", 0, open_at), max(text.rfind(p, 0, open_at) for p in ",;:.!?„“\"")) + 1
    words = list(_WORD.finditer(text, line_start, open_at))[-_MAX_WORDS:]
    first = fold_key(acro)[:1]
    for k in range(len(words) - 1, -1, -1):
        w = words[k].group()
        low = fold_key(w)
        if low in _FUNCTION:
            if not w[:1].islower():
                return None  # "Der" opens the clause: nothing further back belongs to the name
            continue
        if not w[:1].isupper():
            return None  # a lower-case word ends the name
        if low[:1] == first:
            start, end = words[k].start(), words[-1].end()
            if spells(acro, text[start:end]):
                return None if any(s < end and start < e for s, e in taken) else (start, end)
    return None
