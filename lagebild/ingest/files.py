"""Find input files under folders, and say what is skipped instead of skipping it silently.

Folders are walked without following links into folders already seen (a link loop ends);
named pipes, sockets and devices are never opened (reading a pipe would wait forever);
a link to nothing, or a link loop, is reported with what it is.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.textsafe import display_path

__all__ = ["SUPPORTED_SUFFIXES", "discover", "not_a_file"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".warc", ".warc.gz")

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
    (stat.S_ISCHR, "a device, not a file"),
    (stat.S_ISBLK, "a device, not a file"),
)


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (link to nothing, link loop, pipe, device), else ``None``."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (the link points back to itself); skipped"
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                target = display_path(os.readlink(path))
                return f"is a link to {target}, which does not exist; skipped"
        except OSError:
            pass
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot be opened: {exc.strerror or exc}"
    if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
        return None
    for test, what in _KINDS:
        if test(st.st_mode):
            return f"is {what}; skipped"
    return "is not a regular file; skipped"


def _supported(name: str) -> bool:
    low = name.lower()
    return any(low.endswith(s) for s in SUPPORTED_SUFFIXES)


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(display_path(root), f"folder cannot be read: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        problem = not_a_file(path)
        if problem is not None:
            if _supported(entry.name) or entry.is_symlink():
                yield InputError(display_path(path), problem)
            continue
        try:
            st = os.stat(path)
        except OSError as exc:  # vanished between the two looks
            yield InputError(display_path(path), f"cannot be opened: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen:
                if entry.is_symlink():
                    yield InputError(display_path(path), "is a link to a folder that is already read (a link loop); skipped")
                continue
            seen.add(key)
            yield from _walk(path, seen)
        elif _supported(entry.name):
            yield path


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Yield input files under ``paths`` (folders recursively, sorted), or an error per bad path."""
    for raw in paths:
        path = Path(raw)
        problem = not_a_file(path)
        if problem is not None:
            yield InputError(display_path(path), problem)
        elif path.is_dir():
            st = os.stat(path)
            yield from _walk(path, {(st.st_dev, st.st_ino)})
        else:
            yield path
