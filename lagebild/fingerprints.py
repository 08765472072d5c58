"""Digests that say which code and settings produced a stored result.

A store keeps results across runs and updates of lagebild: a stored document's annotations and a
stored story part are reused only under the digest they were computed with, so an update, an
edit of a vocabulary or a changed setting makes them recompute instead of mixing versions.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lagebild.pipeline import PipelineSpec

__all__ = ["analysis_fingerprint", "code_version"]


def code_version() -> str:
    """A digest of the installed lagebild: its version and the name, size and time of each of its files.

    A stored story part is reused only under the same digest, so a changed stage, vocabulary or
    model file (an update, an edit) makes every story recompute instead of keeping stale results.
    """
    from lagebild import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".pyc", ".db") or "__pycache__" in path.parts or not path.is_file():
            continue
        st = path.stat()
        h.update(f"{path.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def analysis_fingerprint(spec: PipelineSpec, version: str | None = None) -> str:
    """A digest of the per-document analysis: its stages (names carry their versions), their
    settings and ``version`` (default: ``code_version()``). A stored document analysed under
    another fingerprint is analysed again by the next run over its file."""
    payload = [version if version is not None else code_version(), list(spec.stages),
               [[name, [list(kv) for kv in items]] for name, items in spec.configs]]
    return hashlib.blake2b(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode(),
                           digest_size=16).hexdigest()
