"""Readers: files and folders to ``Document`` objects (one per article)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import decode_bytes, looks_binary
from lagebild.model import Document, SourceRef

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "discover", "read_path"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md")
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused with a clear message, not loaded


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Yield input files under ``paths`` (folders recursively, sorted), or an error per bad path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if sub.name.startswith(".") or any(part.startswith(".") for part in sub.relative_to(path).parts[:-1]):
                    continue
                if _suffix(sub) in SUPPORTED_SUFFIXES:
                    yield sub
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Yield the documents in one file, or an ``InputError`` explaining why it cannot be read."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(str(path), "empty file (0 bytes)")
        if size > MAX_BYTES:
            raise InputError(str(path), f"too large ({size / 1e6:.0f} MB > {MAX_BYTES / 1e6:.0f} MB limit); split it first")
        data = path.read_bytes()
        binary = looks_binary(data)
        if binary:
            raise InputError(str(path), f"is {binary}, not a text article")
        text, encoding, reason = decode_bytes(data, str(path))
        if not text.strip():
            raise InputError(str(path), "contains only whitespace")
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    source = SourceRef(str(path), format="txt", encoding=encoding, encoding_reason=reason, byte_size=size)
    yield Document(id=path.name.split(".")[0] or path.name, original=text, source=source)
