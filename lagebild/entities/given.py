"""Tagged chunks whose entities are given rather than tagged: gold spans standing in for the tagger.

``extract_mentions`` takes a recogniser that yields, per chunk, an iterable of tokens (``text``, ``idx``,
``i``) with ``ents`` (token ranges and a label), as spaCy's ``Doc`` does. Scoring the entity rules on gold
mentions, or testing them on phrases of one's own, hands these objects in instead of the tagger's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class GivenToken(NamedTuple):
    text: str
    idx: int  #: offset in the chunk
    i: int  #: index in the chunk


class GivenEntity(NamedTuple):
    start: int  #: first token index
    end: int  #: token index after the last
    label_: str


class GivenChunk:
    """One chunk as the tagger would hand it to the entity stage: its tokens, and the given entities."""

    def __init__(self, toks: list[GivenToken], ents: list[GivenEntity]) -> None:
        self.toks, self.ents = toks, ents

    def __iter__(self) -> Iterator[GivenToken]:
        return iter(self.toks)
