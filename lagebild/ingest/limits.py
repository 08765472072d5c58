"""Bounds on what one input may cost: file size, decompressed bytes, line length, JSON nesting.

The limits come from the ``[ingest]`` table of the configuration (sizes in MB) so a newsroom
with unusual archives can raise them; every limit that stops a file or record is named in the
message the user sees.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from lagebild.errors import ConfigError

__all__ = ["BoundedReader", "LimitExceeded", "ReadLimits", "json_depth"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Byte limits of the readers (``[ingest]`` in the configuration gives them in MB)."""

    #: a one-article file (text, HTML, JSON) larger than this is refused before reading
    max_file_bytes: int = 50 * _MB
    #: a streamed file (JSONL, WARC) larger than this on disk is refused before reading
    max_stream_bytes: int = 4096 * _MB
    #: bytes a compressed file may expand to; reading stops there (gzip bombs)
    max_decompressed_bytes: int = 2048 * _MB
    #: one line of a JSONL file, or one header line of a WARC file
    max_line_bytes: int = 8 * _MB
    #: one record's text (a JSONL line's article, a WARC payload)
    max_record_bytes: int = 20 * _MB
    #: nesting of JSON arrays/objects in one record
    max_json_depth: int = 64

    @classmethod
    def from_config(cls, raw: Mapping[str, Any] | None) -> ReadLimits:
        """Read ``[ingest]`` (``max_file_mb``, ``max_stream_mb``, ``max_decompressed_mb``,
        ``max_line_mb``, ``max_record_mb``, ``max_json_depth``); reject unknown keys and bad values."""
        table = (raw or {}).get("ingest", {}) or {}
        if not isinstance(table, Mapping):
            raise ConfigError(["ingest: expected a table of reader limits"])
        names = {f.name.replace("_bytes", "_mb"): f.name for f in fields(cls)}
        problems: list[str] = []
        values: dict[str, int] = {}
        for key, value in table.items():
            target = names.get(key)
            if target is None:
                problems.append(f"ingest -> {key}: unknown setting (known: {', '.join(sorted(names))})")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                problems.append(f"ingest -> {key}: expected a number > 0, got {value!r}")
            else:
                values[target] = int(value * _MB) if target.endswith("_bytes") else int(value)
        if problems:
            raise ConfigError(problems)
        return cls(**values)


class LimitExceeded(Exception):
    """A reading limit was reached; ``str()`` says which, in words for the user."""


def _mb(n: int) -> str:
    return f"{n / _MB:g} MB"


class BoundedReader(io.RawIOBase):
    """A read-only byte stream that stops (``LimitExceeded``) past ``max_total`` bytes in all or
    ``max_line`` bytes without a line break, so no reader above it can hold more in memory."""

    def __init__(self, inner: Any, *, max_total: int, max_line: int, what: str = "decompressed") -> None:
        super().__init__()
        self.inner = inner
        self.max_total = max_total
        self.max_line = max_line
        self.what = what
        self.total = 0
        self.line_len = 0  # bytes since the last line break
        self.lines = 1
        #: why the inner stream stopped early (a cut-off or damaged compressed file), else ``None``
        self.damaged: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self.max_total - self.total + 1)
        if self.damaged is not None:
            return 0
        try:
            # read1: what was decompressed before a damaged part still arrives
            data = self.inner.read1(want) if hasattr(self.inner, "read1") else self.inner.read(want)
        except (EOFError, zlib.error, OSError) as exc:  # gzip.BadGzipFile is an OSError
            # End the stream here, cleanly: the reader above sees a short record (reported as
            # cut off) and the caller reports ``damaged`` for the file.
            self.damaged = exc
            return 0
        n = len(data)
        view[:n] = data
        self.total += n
        if self.total > self.max_total:
            raise LimitExceeded(f"more than {_mb(self.max_total)} {self.what} (limit ingest.max_decompressed_mb); the rest is not read")
        last = data.rfind(b"\n")
        if last < 0:
            self.line_len += n
        else:
            self.lines += data.count(b"\n")
            self.line_len = n - last - 1
        if self.line_len > self.max_line:
            raise LimitExceeded(f"line {self.lines} is longer than {_mb(self.max_line)} (limit ingest.max_line_mb); the rest is not read")
        return n


def json_depth(obj: Any) -> int:
    """Return how deep arrays and objects nest in a parsed JSON value (iteratively: no recursion).

    ``json.loads`` itself raises ``RecursionError`` on absurd nesting ("[[[[…"); callers catch that
    and use this to hold records to a sane depth."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(obj, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            depth += 1
            stack.extend((v, depth) for v in value.values())
        elif isinstance(value, list):
            depth += 1
            stack.extend((v, depth) for v in value)
        deepest = max(deepest, depth)
    return deepest
