"""Each document's words as the cross-source stages weigh them, kept as rows of the store.

Story vectors count every article's word stems, and date inference weighs words by their
frequency over all articles: both read the text of every stored document on every run. The
words depend on the document's text and the code alone, so a run computes them once per
document and the store keeps them (``doc_words``); later runs read the rows instead of
tokenising stored texts again. Inside ``stored_words`` the stages take a document's words from
there (when the row was made from the same text under the same code) and leave the words they
computed for the store to save.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lagebild.model import Document

__all__ = ["WordRows", "cached_words", "stored_words"]

T = TypeVar("T")


@dataclass
class WordRows:
    """The stored rows (doc id → ``{"hash": …, kind: words}``) valid under ``settings``, and the ones a run adds.

    A stored row may be kept as its JSON text (``Store.word_rows(…, raw=True)``), decoded when a stage asks for
    it: the rows of every stored document are at hand for the whole cross-source step, and as text they take a
    fraction of the memory of the decoded words (the stages keep what they build from them, not the rows).
    """

    settings: str
    stored: dict[str, dict[str, Any] | str] = field(default_factory=dict)
    #: rows to save: doc id → the whole row (stored kinds kept, new kinds added)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)


_ROWS: ContextVar[WordRows | None] = ContextVar("lagebild_word_rows", default=None)


@contextmanager
def stored_words(rows: WordRows) -> Iterator[None]:
    token = _ROWS.set(rows)
    try:
        yield
    finally:
        _ROWS.reset(token)


def cached_words(doc: Document, kind: str, compute: Callable[[Document], T], encode: Callable[[T], Any],
                 decode: Callable[[Any], T]) -> T:
    """The words of ``kind`` for ``doc``: from its stored row when it fits, else computed (and left to save)."""
    rows = _ROWS.get()
    if rows is None:
        return compute(doc)
    row = rows.new.get(doc.id) or rows.stored.get(doc.id)
    if isinstance(row, str):
        row = json.loads(row)
    if row is not None and row.get("hash") == doc.hash and kind in row:
        return decode(row[kind])
    got = compute(doc)
    base = row if row is not None and row.get("hash") == doc.hash else {"hash": doc.hash}
    rows.new[doc.id] = {**base, kind: encode(got)}
    return got
