"""Cross-source stages: they work on the *set* of documents and fill a ``CorpusResult``.

Each compare stage is registered on ``COMPARE`` with what it requires and produces (names of
``CorpusResult`` fields, plus the per-document capabilities it reads) and what it uses when an
earlier stage produced it (optional inputs). ``check_compare`` checks an order against these
declarations before a run, as ``Pipeline.check`` does for the per-document stages; settings
come from the ``[compare."<stage>"]`` tables of the configuration. Stages must stay
near-linear in the number of documents: block candidates (by entities, time, MinHash bands)
instead of comparing all pairs.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from lagebild.errors import LagebildError, PipelineError
from lagebild.model import Document
from lagebild.registry import Registry

log = logging.getLogger(__name__)

__all__ = ["COMPARE", "CorpusContext", "CorpusResult", "check_compare", "declare_per_story", "is_per_story", "run_compare"]

COMPARE = Registry("lagebild.compare", builtin_modules=("lagebild.compare.builtin",))

#: stages that work inside one story at a time (``declare_per_story``); the others see the whole corpus
_PER_STORY: set[str] = set()


def declare_per_story(name: str) -> None:
    """Run stage ``name`` once per story, on that story's documents (its results never cross stories).

    Such stages run after every corpus-wide stage (duplicates, entities, stories), whatever
    their place in the list; ``check_compare`` rejects a corpus-wide stage that reads their output.
    """
    _PER_STORY.add(name)


def is_per_story(name: str) -> bool:
    """Whether compare stage ``name`` runs once per story (``declare_per_story``)."""
    return name in _PER_STORY


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


#: what the cross-source stages can produce and use: the fields of ``CorpusResult``
RESULT_FIELDS = frozenset(f.name for f in fields(CorpusResult)) - {"failures"}


def check_compare(
    stages: Sequence[str],
    *,
    doc_capabilities: Iterable[str] | None = None,
    configs: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Raise ``PipelineError`` naming every problem of this order of compare stages.

    A stage's required result fields must come from an earlier stage; a field it uses must not
    come from a later one (it would run without it); per-document capabilities it requires must
    be produced by the per-document stages (``doc_capabilities``, when given); every stage must
    be registered and its settings (``configs``) known.
    """
    importlib.import_module("lagebild.compare.builtin")
    problems: list[str] = []
    infos = {}
    for name in stages:
        try:
            infos[name] = COMPARE.info(name)
        except LagebildError as exc:
            problems.append(str(exc))
    producer: dict[str, str] = {}
    for name in stages:
        info = infos.get(name)
        if info is None:
            continue
        for key in sorted(info.produces):
            producer.setdefault(key, name)
    have: set[str] = set()
    position = {name: i for i, name in reversed(list(enumerate(stages)))}
    capabilities = None if doc_capabilities is None else set(doc_capabilities)
    for i, name in enumerate(stages):
        info = infos.get(name)
        if info is None:
            continue
        for key in sorted(info.requires):
            if key in RESULT_FIELDS:
                if key in have:
                    continue
                later = producer.get(key)
                where = f"; move '{later}' before it" if later else "; no stage in the list produces it"
                problems.append(f"compare stage '{name}' requires {key}{where}")
            elif capabilities is not None and key not in capabilities:
                problems.append(f"compare stage '{name}' requires '{key}' annotations, which no per-document stage produces")
        for key in sorted(info.uses):
            later = producer.get(key)
            if key not in have and later is not None and position[later] > i:
                problems.append(f"compare stage '{name}' uses {key}, which '{later}' produces after it; move '{later}' before it")
        have |= info.produces
    story_made = {key: name for name in stages if is_per_story(name) and (info := infos.get(name)) for key in info.produces}
    for name in stages:
        info = infos.get(name)
        if info is None or is_per_story(name):
            continue
        for key in sorted((info.requires | info.uses) & set(story_made)):
            problems.append(f"compare stage '{name}' works on the whole corpus but reads {key}, which the per-story stage "
                            f"'{story_made[key]}' produces; per-story stages run after the corpus-wide ones")
    for name, settings in (configs or {}).items():
        info = infos.get(name)
        if info is None:
            try:
                info = COMPARE.info(name)
            except LagebildError as exc:
                problems.append(f"compare -> {name}: {exc}")
                continue
        if not isinstance(settings, Mapping):
            problems.append(f'compare -> {name}: expected a table of settings, got {settings!r}')
            continue
        problems.extend(info.check_settings(settings, f'compare -> "{name}"'))
    if problems:
        raise PipelineError("cross-source stages cannot run:\n  " + "\n  ".join(problems))


def run_compare(
    docs: Sequence[Document],
    *,
    stages: Sequence[str] | None = None,
    corrections: list[dict[str, Any]] | None = None,
    timings: MutableMapping[str, float] | None = None,
    configs: Mapping[str, Mapping[str, Any]] | None = None,
) -> CorpusResult:
    """Run the cross-source stages; a failing stage is recorded, the rest still run.

    The corpus-wide stages run first, in order, then the per-story ones once per story (see
    ``lagebild.compare.per_story``). ``configs``: settings by stage name. ``timings``, when
    given, receives the CPU seconds of each stage under "compare:<name>".
    """
    from lagebild.compare.per_story import compare_stories

    return compare_stories(docs, stages=stages, corrections=corrections, timings=timings, configs=configs).result


def run_corpus_stages(
    ctx: CorpusContext,
    names: Sequence[str],
    *,
    timings: MutableMapping[str, float] | None = None,
    configs: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Run the corpus-wide stages among ``names`` in order on ``ctx``."""
    importlib.import_module("lagebild.compare.builtin")
    for name in names:
        if not is_per_story(name):
            run_timed_stage(name, ctx, dict((configs or {}).get(name) or {}), timings)


def run_timed_stage(name: str, ctx: CorpusContext, config: dict[str, Any], timings: MutableMapping[str, float] | None,
                    stage: Any = None) -> None:
    """``_run_stage``, adding its CPU seconds to ``timings["compare:<name>"]`` when given (summed over stories)."""
    started = time.process_time()
    try:
        _run_stage(name, ctx, config, stage)
    finally:
        if timings is not None:
            timings[f"compare:{name}"] = timings.get(f"compare:{name}", 0.0) + time.process_time() - started


def _run_stage(name: str, ctx: CorpusContext, config: dict[str, Any] | None = None, stage: Any = None) -> None:
    """Build (unless given) and run one compare stage; record its failure on the result instead of raising."""
    if stage is None:
        stage = COMPARE.build(name, config)
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
