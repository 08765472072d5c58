"""The rows a store keeps for the cross-source results, and the picture rebuilt from them.

Corpus-wide results (copies, entities, stories, the mention → entity map, stage failures) are
rows of ``corpus_items``; what the per-story stages produced is rows of ``story_items`` under
the story's key, with the story's fingerprint in ``story_parts``. A run rewrites only the
stories it recomputed; ``load_corpus`` merges the parts back into one ``CorpusResult`` in the
order a single pass would give. Both store backends write and read exactly these rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from lagebild.compare import CorpusResult
from lagebild.compare.per_story import StoryPart, merge_parts

__all__ = ["CorpusRow", "StoryRow", "assemble", "corpus_rows", "encode", "entity_map", "parts_of", "story_key", "story_rows"]

#: ``(kind, position, item id, JSON)`` of ``corpus_items``
CorpusRow = tuple[str, int, str, str]
#: ``(story key, kind, position, item id, JSON)`` of ``story_items``
StoryRow = tuple[str, str, int, str, str]

_dumps = json.JSONEncoder(ensure_ascii=False).encode
#: items as the store keeps them (``json.dumps(item, ensure_ascii=False)``)
encode = _dumps
#: corpus-wide fields kept as rows (the per-story ones are ``StoryPart`` items)
_CORPUS_KINDS = (("duplicate", "duplicates"), ("entity", "entities"), ("story", "stories"), ("failure", "failures"))
#: the keys of the coverage table a story part holds; the rest (figures over the whole corpus) is one row
_STORY_COVERAGE = ("sources", "rows", "timeline_gaps")
#: the kind of the row saying that the mention → entity map is the one the entities' mention lists give
_DERIVED = "mention_entity_of_entities"


def story_key(story: str | None) -> str:
    """The key of a story's rows ("" for the corpus taken as one pool, when there are no stories)."""
    return story or ""


def parts_of(result: CorpusResult, parts: Sequence[StoryPart] | None) -> list[StoryPart]:
    """The parts to store for ``result``: as computed, or the whole result as one pool part."""
    if parts is not None:
        return list(parts)
    return [StoryPart.of(None, "", CorpusResult(**{**result.__dict__, "failures": []}))]


def entity_map(entities: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The mention → entity map the entities' own mention lists give, in entity order (as resolution builds it)."""
    return {f"{m.get('doc')}#{m.get('ann')}": str(e.get("id")) for e in entities for m in e.get("mentions") or []}


def _is_entity_map(mention_entity: dict[str, str], entities: Sequence[dict[str, Any]]) -> bool:
    """Whether ``mention_entity`` is, in order, the map ``entity_map(entities)`` gives.

    Read in step with the entities' mention lists, without building that map: at the end of a run the
    map of every mention of the corpus is held once already. Only when the two part (an entity's
    mention met twice, say) is the map built to decide."""
    pairs = iter(mention_entity.items())
    n = 0
    for e in entities:
        eid = str(e.get("id"))
        for m in e.get("mentions") or []:
            if next(pairs, None) != (f"{m.get('doc')}#{m.get('ann')}", eid):
                return list(mention_entity.items()) == list(entity_map(entities).items())
            n += 1
    # every pair met in step, so the entities name no mention twice: their map is these n pairs
    return n == len(mention_entity)


def corpus_rows(result: CorpusResult, encoded: dict[int, str] | None = None) -> Iterator[CorpusRow]:
    """Yield the ``corpus_items`` rows of ``result``'s corpus-wide fields.

    The mention → entity map is one row per mention only when the entities' mention lists do
    not give it (entity resolution builds it from them): else one marker row stands for it, so a
    run does not write a row per mention of the corpus again. ``encoded``: JSON of items already
    encoded, by ``id()`` of the item.
    """
    for kind, name in _CORPUS_KINDS:
        for i, item in enumerate(getattr(result, name)):
            raw = encoded.get(id(item)) if encoded is not None else None
            yield kind, i, str(item.get("id") or item.get("doc") or item.get("stage") or ""), raw or _dumps(item)
    if _is_entity_map(result.mention_entity, result.entities):
        if result.mention_entity:
            yield _DERIVED, 0, "", "true"
    else:
        for i, (mention, entity) in enumerate(result.mention_entity.items()):
            yield "mention_entity", i, mention, _dumps(entity)
    if result.coverage:
        yield "coverage", 0, "", _dumps({k: v for k, v in result.coverage.items() if k not in _STORY_COVERAGE})


def story_rows(part: StoryPart) -> Iterator[StoryRow]:
    """Yield the ``story_items`` rows of one story's part."""
    key = story_key(part.story)
    counts: dict[str, int] = {}
    for kind, item_id, payload in part.items():
        n = counts.get(kind, 0)
        counts[kind] = n + 1
        yield key, kind, n, item_id, _dumps(payload)


def assemble(corpus: Iterable[tuple[str, str, str]], stories: Iterable[tuple[str, str, str, str, str]]) -> CorpusResult:
    """Rebuild the picture from ``(kind, item id, JSON)`` corpus rows (in position order) and
    ``(story key, fingerprint, kind, item id, JSON)`` story rows (by story key, then kind and position)."""
    result = CorpusResult()
    fields = dict(_CORPUS_KINDS)
    summary: dict[str, Any] = {}
    derived = False
    for kind, item_id, raw in corpus:
        if kind == _DERIVED:
            derived = True
        elif kind == "mention_entity":
            result.mention_entity[item_id] = json.loads(raw)
        elif kind in fields:
            getattr(result, fields[kind]).append(json.loads(raw))
        elif kind == "coverage":
            summary = json.loads(raw)
    if derived:
        result.mention_entity = entity_map(result.entities)
    grouped: dict[str, tuple[str, list[tuple[str, str, Any]]]] = {}
    for key, fingerprint, kind, item_id, raw in stories:
        grouped.setdefault(key, (fingerprint, []))[1].append((kind, item_id, json.loads(raw)))
    parts = [StoryPart.from_items(key or None, fp, items) for key, (fp, items) in grouped.items()]
    failures = result.failures
    result.failures = []
    if len(parts) == 1 and parts[0].story is None:
        _take(result, parts[0])  # saved as one result: kept exactly as given
    else:
        order = [str(m.get("doc")) for s in result.stories for m in s.get("members") or []]
        merge_parts(result, parts, sorted(order), _timeline_key, any(p.coverage for p in parts))
    result.failures = failures
    if result.coverage or summary:
        result.coverage = {**{k: v for k, v in result.coverage.items() if k in _STORY_COVERAGE}, **summary}
        result.coverage = _coverage_order(result.coverage)
    return result


def _timeline_key(t: dict[str, Any]) -> Any:
    from lagebild.compare.timeline import timeline_key

    return timeline_key(t)


def _take(result: CorpusResult, part: StoryPart) -> None:
    result.events, result.timeline, result.claim_groups = part.events, part.timeline, part.claim_groups
    result.inconsistencies, result.inferred_dates = part.inconsistencies, part.inferred_dates
    result.coverage = dict(part.coverage)


def _coverage_order(cov: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order the coverage stage writes them (the export keeps dict order)."""
    order = ("sources", "rows", "single_source", "independent_sources", "sources_label", "timeline_gaps")
    return {**{k: cov[k] for k in order if k in cov}, **{k: v for k, v in cov.items() if k not in order}}
