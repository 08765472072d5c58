"""A small offset-keeping tokenizer for attribution rules (words, numbers, punctuation)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["CLAUSE_BREAK", "QUOTE_CHARS", "Token", "tokenize"]

#: Tokens that end a clause for the attribution rules.
CLAUSE_BREAK = frozenset({",", ":", ";", "–", "—", "(", ")"})
#: Every quotation mark the rules know.
QUOTE_CHARS = frozenset("„“”\"»«‚‘’‹›")

_TOKEN = re.compile(r"\d+-[^\W\d_][\w-]*|\d+(?:[.,]\d+)*|\w+(?:[-‐'’]\w+)*|\S")  # "33-Jährige" is one word


class Token(NamedTuple):
    """A token with its offsets in the document text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of ``text[start:end]`` with document offsets."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
