"""Where a case-insensitive cue pattern matches in long text, found from its words' literal starts.

Header regions of HTML pages hold minified markup and scripts: lines of many kilobytes in which a
cue word ("aktualisiert", "Stand") occurs a few times or never. Python's regex engine tries a
case-insensitive alternation at every position of such a line; here each cue word's fixed
lower-case start is looked up with ``str.find`` in the lower-cased line instead, and the pattern
itself is run only at those places. The result is exactly ``[m.start() for m in
pattern.finditer(line)]``: a line whose lower-casing could hide a match (it changes the length, or
holds a character that matches a cue letter only through case folding, like ``ſ`` for ``s``) is
searched with the pattern as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CueScan", "literal_start"]

#: regex characters that end a word's literal start
_META = frozenset("\\.^$*+?{}[]()|")
#: quantifiers that make the character before them optional
_OPTIONAL = frozenset("?*{")


def literal_start(fragment: str) -> str:
    """The lower-cased literal text every match of the regex ``fragment`` starts with (``""`` if none).

    ``\\b`` at the start is skipped (it matches no character); a character a quantifier makes
    optional is left out: ``mise?\\s+à`` starts with ``mis``, ``\\bakt\\.?`` with ``akt``.
    """
    rest = fragment.removeprefix("\\b")
    out: list[str] = []
    for i, ch in enumerate(rest):
        if ch in _META:
            if ch in _OPTIONAL and out:
                out.pop()
            break
        if ch.isspace():
            break
        out.append(ch)
        if i + 1 < len(rest) and rest[i + 1] in _OPTIONAL:
            out.pop()
            break
    return "".join(out).lower()


class CueScan:
    """``pattern`` (compiled with ``re.IGNORECASE``) run only where one of ``starts`` begins.

    Every match of ``pattern`` must begin with one of ``starts`` (lower case): callers derive
    them from the words the pattern is built from (``literal_start``).
    """

    def __init__(self, pattern: re.Pattern[str], starts: Iterable[str]) -> None:
        self.pattern = pattern
        wanted = set(starts)
        if not wanted or not all(wanted):
            raise ValueError("every cue word needs a literal start")
        if any(s != s.lower() for s in wanted):
            # the starts are looked up in the lower-cased text: "Stand" would never be found there
            raise ValueError("cue word starts must be lower case (literal_start gives them so)")
        # a start that begins with another start is found where that one is
        self.starts = tuple(sorted(s for s in wanted if not any(s != t and s.startswith(t) for t in wanted)))
        self._letters = frozenset(ch for s in self.starts for ch in s)
        self._letter = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self._letters)) + "]", re.IGNORECASE)
        self._odd: dict[str, bool] = {}
        self._ascii_ok = not any(self._folds(chr(c)) for c in range(128))

    def _folds(self, ch: str) -> bool:
        """Whether ``ch`` matches a letter of the starts only through case folding, not by ``str.lower``."""
        odd = self._odd.get(ch)
        if odd is None:
            odd = self._odd[ch] = self._letter.match(ch) is not None and ch.lower() not in self._letters
        return odd

    def _lowered(self, text: str) -> str | None:
        """``text`` lower-cased, character for character, or None where that could hide a match."""
        low = text.lower()
        if text.isascii() and self._ascii_ok:
            return low
        if len(low) != len(text) or any(self._folds(ch) for ch in set(text)):
            return None
        return low

    def search(self, text: str) -> bool:
        """``pattern.search(text) is not None``."""
        low = self._lowered(text)
        if low is None:
            return self.pattern.search(text) is not None
        for start in self.starts:
            at = low.find(start)
            while at >= 0:
                if self.pattern.match(text, at) is not None:
                    return True
                at = low.find(start, at + 1)
        return False

    def finditer_starts(self, text: str) -> list[int]:
        """``[m.start() for m in pattern.finditer(text)]``."""
        low = self._lowered(text)
        if low is None:
            return [m.start() for m in self.pattern.finditer(text)]
        places: set[int] = set()
        for start in self.starts:
            at = low.find(start)
            while at >= 0:
                places.add(at)
                at = low.find(start, at + 1)
        out: list[int] = []
        end = 0
        for at in sorted(places):
            if at < end:
                continue  # inside the previous match, where finditer does not look
            m = self.pattern.match(text, at)
            if m is not None:
                out.append(at)
                end = max(m.end(), at + 1)
        return out
