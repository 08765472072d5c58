"""Cross-source stages: they work on the *set* of documents and fill a ``CorpusResult``.

Each compare stage is registered on ``COMPARE`` with what it requires and produces (names of
``CorpusResult`` fields, plus the per-document capabilities it reads). Stages must stay
near-linear in the number of documents: block candidates (by entities, time, MinHash bands)
instead of comparing all pairs.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from lagebild.errors import LagebildError
from lagebild.model import Document
from lagebild.registry import Registry

log = logging.getLogger(__name__)

__all__ = ["COMPARE", "CorpusContext", "CorpusResult", "run_compare"]

COMPARE = Registry("lagebild.compare", builtin_modules=("lagebild.compare.builtin",))


@dataclass
class CorpusResult:
    """Everything derived across documents. All values are JSON-ready dicts.

    Spans inside these dicts use the export form ``{doc, start, end, text}`` (original offsets).
    """

    duplicates: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    claim_groups: list[dict[str, Any]] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    inconsistencies: list[dict[str, Any]] = field(default_factory=list)
    inferred_dates: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: mention id ("doc#ann") → entity id; filled by entity resolution, read by export
    mention_entity: dict[str, str] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> CorpusResult:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in obj.items() if k in names})


@dataclass
class CorpusContext:
    """What a compare stage sees: the documents, user corrections, the result so far."""

    docs: Sequence[Document]
    result: CorpusResult
    corrections: list[dict[str, Any]] = field(default_factory=list)
    progress: Any = None  # optional callable(str) for progress messages


DEFAULT_COMPARE: tuple[str, ...] = ()


def run_compare(
    docs: Sequence[Document],
    *,
    stages: Sequence[str] | None = None,
    corrections: list[dict[str, Any]] | None = None,
    timings: MutableMapping[str, float] | None = None,
) -> CorpusResult:
    """Run the cross-source stages in order; a failing stage is recorded, the rest still run.

    ``timings``, when given, receives the CPU seconds of each stage under "compare:<name>".
    """
    importlib.import_module("lagebild.compare.builtin")
    names = list(stages if stages is not None else default_compare_stages())
    ctx = CorpusContext(docs=docs, result=CorpusResult(), corrections=list(corrections or []))
    for name in names:
        started = time.process_time()
        try:
            _run_stage(name, ctx)
        finally:
            if timings is not None:
                timings[f"compare:{name}"] = timings.get(f"compare:{name}", 0.0) + time.process_time() - started
    return ctx.result


def _run_stage(name: str, ctx: CorpusContext) -> None:
    """Build and run one compare stage; record its failure on the result instead of raising."""
    stage = COMPARE.build(name)
    try:
        stage(ctx)
    except LagebildError as exc:
        ctx.result.failures.append({"stage": name, "error": type(exc).__name__, "message": str(exc)})
    except Exception as exc:  # never lose the whole picture because one comparison broke
        log.exception("compare stage %s failed", name)
        ctx.result.failures.append({"stage": name, "error": type(exc).__name__, "message": repr(exc)[:500]})


def default_compare_stages() -> list[str]:
    from lagebild.config import load_config

    return list(load_config().compare_stages)
