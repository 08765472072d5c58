"""Per-story stages on views: whole documents are read one story at a time, and only for the stories recomputed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pytest

from lagebild.analyze import view_kinds
from lagebild.compare.per_story import StoryPart, compare_stories
from lagebild.config import load_config
from lagebild.model import Document


def test_views_give_the_picture_of_whole_documents_and_read_only_recomputed_stories(example_analysis: dict[str, Any]) -> None:
    store = example_analysis["store"]
    config = load_config()
    stages = list(config.compare_stages)
    kinds = view_kinds(stages)
    assert kinds is not None and "entity" in kinds and "sentence" not in kinds
    whole = list(store.iter_documents())
    views = [replace(d, annotations=[a for a in d.annotations if a.kind in kinds], _ids=set()) for d in whole]
    counts = {d.id: len(d.annotations) for d in whole}
    assert sum(len(v.annotations) for v in views) < sum(counts.values())
    by_id = {d.id: d for d in whole}
    asked: list[list[str]] = []

    def load(ids: Sequence[str]) -> Mapping[str, Document]:
        asked.append(list(ids))
        return {i: by_id[i] for i in ids}

    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    viewed = compare_stories(views, stages=stages, configs=config.compare_configs, load=load, counts=counts)
    assert viewed.result.to_json() == reference.result.to_json()
    assert [p.fingerprint for p in viewed.parts] == [p.fingerprint for p in reference.parts]  # counted as whole documents
    members = [sorted(str(m["doc"]) for m in s["members"]) for s in viewed.result.stories]
    assert sorted(sorted(a) for a in asked) == sorted(members)  # each story's documents, once

    kept = {p.story: p for p in viewed.parts}

    def stored(story: str | None, fingerprint: str) -> StoryPart | None:
        part = kept.get(story)
        return StoryPart.from_items(story, part.fingerprint, list(part.items())) if part else None

    asked.clear()
    again = compare_stories(views, stages=stages, configs=config.compare_configs, load=load, counts=counts, stored=stored)
    assert again.recomputed == 0 and asked == []  # nothing recomputed: no document read whole
    assert again.result.to_json() == reference.result.to_json()


def test_released_views_let_go_of_their_annotations_with_the_same_picture(example_analysis: dict[str, Any]) -> None:
    store = example_analysis["store"]
    config = load_config()
    stages = list(config.compare_stages)
    kinds = view_kinds(stages)
    assert kinds is not None
    whole = list(store.iter_documents())
    counts = {d.id: len(d.annotations) for d in whole}

    def views() -> list[Document]:
        return [replace(d, annotations=[a for a in d.annotations if a.kind in kinds], _ids=set()) for d in whole]

    kept = views()
    reference = compare_stories(kept, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts)
    assert any(v.annotations for v in kept)  # not released unless asked
    released = views()
    got = compare_stories(released, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          release=True)
    assert got.result.to_json() == reference.result.to_json()
    assert [p.fingerprint for p in got.parts] == [p.fingerprint for p in reference.parts]
    assert not any(v.annotations for v in released)

    parts = {p.story: p for p in reference.parts}

    def stored(story: str | None, fingerprint: str) -> StoryPart | None:
        part = parts.get(story)
        return StoryPart.from_items(story, part.fingerprint, list(part.items())) if part else None

    reused = views()  # a later run: the stored parts reused, the views released as well
    again = compare_stories(reused, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                            stored=stored, release=True)
    assert again.recomputed == 0 and again.result.to_json() == reference.result.to_json()
    assert not any(v.annotations for v in reused)


def test_release_without_load_and_counts_is_refused_before_any_view_is_emptied(example_analysis: dict[str, Any]) -> None:
    whole = list(example_analysis["store"].iter_documents())
    config = load_config()
    for load, counts in ((None, {d.id: 1 for d in whole}), (example_analysis["store"].get_documents, None)):
        with pytest.raises(ValueError, match="release needs load and counts"):
            compare_stories(whole, stages=list(config.compare_stages), load=load, counts=counts, release=True)
    assert any(d.annotations for d in whole)
