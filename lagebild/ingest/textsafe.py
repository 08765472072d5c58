"""Make text from hostile inputs safe to hash, store and print.

Python strings may hold what UTF-8 cannot encode: lone surrogates (JSON allows ``"\\ud800"``)
and the surrogate escapes the OS uses for file names that are not UTF-8. Both would crash the
hash, the store and the terminal much later; they are replaced here, where the input is read,
and the replacement is counted so the document records it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

__all__ = ["display_path", "is_blank", "scrub_surrogates", "scrub_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as printable text: bytes of a non-UTF-8 file name become ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def scrub_text(text: str) -> tuple[str, int]:
    """Replace lone surrogates by U+FFFD; return the text and how many were replaced."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def scrub_surrogates(value: Any) -> tuple[Any, int]:
    """Return a parsed JSON value with every lone surrogate in keys and strings replaced (iteratively)."""
    if isinstance(value, str):
        return scrub_text(value)
    if not isinstance(value, (dict, list)):
        return value, 0
    total = 0
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            fixed, n = scrub_text(item)
            if n:
                container[key] = fixed
                total += n
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            for k in list(item):
                fixed_key, n = scrub_text(k) if isinstance(k, str) else (k, 0)
                if n:
                    item[fixed_key] = item.pop(k)
                    total += n
                stack.append((item, fixed_key))
    return root[0], total


def is_blank(text: str) -> bool:
    """True when ``text`` has nothing readable: only whitespace, format characters (zero-width
    space, byte order mark, soft hyphen) and control characters."""
    if not text.strip():
        return True
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Co", "Cn") for ch in text)
