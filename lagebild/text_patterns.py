"""Splicing a list of words into a regular expression, the same way for every package.

Each word escaped, longest first (so "mehr als" wins over "mehr"), a space matching any run of
white space, and a list without words giving a pattern that never matches (an empty alternation
would match everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["NEVER", "alternation", "fragment"]

#: a pattern that matches nothing: what an empty list of words splices into a regex
NEVER = "(?!)"


def fragment(word: str) -> str:
    """``word`` as one alternative of ``alternation``: escaped, a space matching any run of white space."""
    return r"\s+".join(map(re.escape, word.split()))


def alternation(words: Iterable[str]) -> str:
    """One regex alternation of ``words``: escaped, longest first, a space matching any run of white space;
    ``NEVER`` for no words."""
    unique = sorted({w for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(map(fragment, unique)) or NEVER
