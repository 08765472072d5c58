"""The word lists of ``data/ingest`` that the header and page-date patterns are built from.

One reader for the tab-separated files (``#`` comments, kind, language, ``|``-separated words),
so every module reads a row the same way; lists are spliced into patterns by ``lagebild.text_patterns``
(re-exported here for the ingest modules).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from lagebild.text_patterns import NEVER, alternation, fragment

__all__ = ["NEVER", "alternation", "cues", "fragment", "header_cues", "rows"]


@cache
def rows(name: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The rows of ``data/ingest/NAME``: the first two columns and the ``|``-separated words of the third."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for line in (resources.files("lagebild") / "data" / "ingest" / name).read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3:
            continue
        out.append((cols[0].strip(), cols[1].strip(), tuple(w.strip() for w in cols[2].split("|") if w.strip())))
    return tuple(out)


@cache
def header_cues() -> dict[str, tuple[str, ...]]:
    """The cue words of ``data/ingest/header_cues.tsv`` by kind (``byline``, ``desk`` …), every language together."""
    cues: dict[str, list[str]] = {}
    for kind, _, words in rows("header_cues.tsv"):
        cues.setdefault(kind, []).extend(words)
    return {kind: tuple(words) for kind, words in cues.items()}


def cues(kind: str) -> tuple[str, ...]:
    """The cue words of ``kind`` in ``data/ingest/header_cues.tsv``, every language together (none for an unknown kind)."""
    return header_cues().get(kind, ())
