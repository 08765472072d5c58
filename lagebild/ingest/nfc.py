"""Read text in composed form (NFC), without invisible format characters, keeping offsets into the text as given.

Pages copied from some systems (macOS file names, PDF exports, some CMSs) write "März" as
"Ma" + U+0308, or break "14.02.\u200b2025" and "Hoch\u00adwasser" with zero-width spaces and soft
hyphens: every pattern with an umlaut, an accent or a whole number then misses the date line. The
readers match on the composed view and map what they find back to the original offsets, so spans and
surfaces stay those of the text as stored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["INVISIBLE", "NfcView", "changes", "nfc_view"]

#: a character followed by combining marks (the only places where composing shortens the text), or a run of
#: invisible characters that split words and numbers (soft hyphen, zero-width space and joiners, word joiner, BOM)
_SEQUENCE = re.compile(r"[^\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
                       r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
                       r"|[\u00ad\u200b-\u200d\u2060\ufeff]+")
#: the invisible characters the view leaves out
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True, slots=True)
class NfcView:
    """``text`` is the composed form of ``source``; ``to_source[i]`` is where the character ``i`` of ``text``
    starts in ``source`` (one entry more, for the end); ``from_source[j]`` the reverse."""

    source: str
    text: str
    to_source: tuple[int, ...]
    from_source: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that covers ``text[start:end]`` (a composed letter covers its marks)."""
        return self.to_source[start], self.to_source[end]

    def text_offset(self, pos: int) -> int:
        """The offset in ``text`` of ``source[pos]`` (a combining mark maps to its composed letter)."""
        return self.from_source[pos]


def changes(source: str) -> bool:
    """Whether the composed view of ``source`` differs from it (``nfc_view`` gives one), without building it."""
    if unicodedata.is_normalized("NFC", source) and not any(ch in source for ch in INVISIBLE):
        return False
    return _SEQUENCE.search(source) is not None


def nfc_view(source: str) -> NfcView | None:
    """The composed view of ``source``, or ``None`` when it changes nothing (almost every text)."""
    if not changes(source):
        return None
    parts: list[str] = []
    to_source: list[int] = []
    from_source: list[int] = []
    pos = 0
    for m in _SEQUENCE.finditer(source):
        copied = source[pos : m.start()]
        parts.append(copied)
        base = len(to_source)
        to_source.extend(range(pos, m.start()))
        from_source.extend(range(base, base + len(copied)))
        at = len(to_source)
        if m.group()[0] in INVISIBLE:  # dropped: each maps to the character after it
            from_source.extend([at] * (m.end() - m.start()))
            pos = m.end()
            continue
        composed = unicodedata.normalize("NFC", m.group())
        parts.append(composed)
        # each composed character starts where its sequence starts; the marks map to the last composed one
        to_source.extend([m.start()] * len(composed))
        from_source.extend([at] + [at + len(composed) - 1] * (m.end() - m.start() - 1))
        pos = m.end()
    base = len(to_source)
    parts.append(source[pos:])
    to_source.extend(range(pos, len(source)))
    from_source.extend(range(base, base + len(source) - pos))
    to_source.append(len(source))
    from_source.append(len(to_source) - 1)
    return NfcView(source, "".join(parts), tuple(to_source), tuple(from_source))
