"""Stories as the unit of cross-source work: per-story runs, stored parts, incremental runs.

The per-story stages (dates, events, timeline, claim groups, coverage, inconsistencies) run once
per story; merged, their output must be what one pass over the whole corpus gives. An
incremental run (documents added to a stored corpus) reuses the stored results of every story
whose inputs did not change, and must give the picture a one-shot run of the same documents
gives.

What may legitimately differ between a one-shot and an incremental build: stories and entities. An
incremental run keeps the stored stories (their articles and ids) and assigns each new article
to one of them or to a new story, where a one-shot run clusters all articles at once; a story
that grew keeps the id it was opened with (one-shot: a digest of its members), and member
confidences are those of the story's last change. Entity resolution resolves only the new
documents' mentions, against the stored entities found under their keys (``lagebild.compare.entity_index``):
rules that weigh the whole corpus see less, so a mention may name another entity (or none). Copies
(searched against the band index kept in the store) are the same; a story
part is reused only when a fingerprint of all its inputs (its documents, copies, entity ids and
names of its mentions, origins, settings, corrections, and the word weights date inference reads)
is unchanged. ``recompute_corpus(store, reuse=False)`` gives the one-shot picture exactly. Source
paths differ (other folders) and are left out of the comparison.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import analyze_paths, recompute_corpus
from lagebild.compare import COMPARE, CorpusContext, CorpusResult, _run_stage, check_compare, run_compare
from lagebild.config import load_config
from lagebild.errors import PipelineError
from lagebild.export import build_export
from lagebild.store import open_store
from tests.stable_export import stable


def _equivalent(export: dict[str, Any]) -> Any:
    """The export with what an incremental run may legitimately change left out: a story that
    grew keeps the id it was given when it was opened (one-shot: a digest of its final members),
    and the confidence of each member is computed when its story last changed. Every story id is
    replaced by its smallest member, and the stories (and the timeline gaps, listed in story order) are
    compared as sets.
    """
    import json

    stories = export["stories"]
    names = {s["id"]: "story:" + min(m["doc"] for m in s["members"]) for s in stories}
    text = json.dumps(stable(export), ensure_ascii=False, sort_keys=True)
    for old, new in names.items():
        text = text.replace(f'"{old}"', json.dumps(new))
    out = json.loads(text)
    out["stories"] = sorted(
        json.dumps({**s, "members": [m["doc"] for m in s["members"]]}, sort_keys=True) for s in out["stories"])
    # the gaps follow the order of the stories, which ties between stories of equal size leave to their ids
    coverage = out.get("coverage") or {}
    if "timeline_gaps" in coverage:
        coverage["timeline_gaps"] = sorted(coverage["timeline_gaps"], key=lambda g: json.dumps(g, sort_keys=True))
    return out


def _mention_entities(entities: list[dict[str, Any]]) -> dict[str, str]:
    return {f"{m['doc']}#{m['ann']}": e["id"] for e in entities for m in e["mentions"]}


_ENTITY_ID = re.compile(r'"(?:per|loc|org|misc|kb|name):[^"]*"')


def _without_entity_ids(section: Any) -> str:
    """A section of the export as JSON with every entity id replaced by one placeholder."""
    return _ENTITY_ID.sub('"<entity>"', json.dumps(section, ensure_ascii=False, sort_keys=True))


def _dropped(section: Any, ids: set[str]) -> Any:
    """``section`` without the entity ids ``ids`` wherever they stand as list items or keys, and as the entity a
    reference names (a claimant's mention that one run resolved and the other left without an entity)."""
    if isinstance(section, dict):
        return {k: None if k == "entity" and isinstance(v, str) and v in ids else _dropped(v, ids)
                for k, v in section.items() if k not in ids}
    if isinstance(section, list):
        return [_dropped(v, ids) for v in section if not (isinstance(v, str) and v in ids)]
    return section


def _one_pass(docs: list[Any], corrections: list[dict[str, Any]]) -> CorpusResult:
    """Every compare stage once over the whole corpus (how the stages ran before stories were the unit)."""
    config = load_config()
    ctx = CorpusContext(docs=docs, result=CorpusResult(), corrections=corrections)
    for name in config.compare_stages:
        _run_stage(name, ctx, dict(config.compare_configs.get(name) or {}))
    return ctx.result


def test_per_story_stages_give_the_one_pass_picture_on_the_examples(example_analysis: dict[str, Any]) -> None:
    store = example_analysis["store"]
    docs = list(store.iter_documents())
    config = load_config()
    merged = run_compare(docs, stages=list(config.compare_stages), configs=config.compare_configs)
    assert merged.stories, "the example corpus forms at least one story"
    assert merged.to_json() == _one_pass(docs, []).to_json()


@COMPARE.register("test.reads-events.v1", requires={"events"}, produces=set())
@dataclass
class _ReadsEvents:
    """A corpus-wide stage that reads events (which only exist once the per-story stages ran)."""

    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        pass


def test_a_corpus_wide_stage_may_not_read_a_per_story_result() -> None:
    check_compare(["duplicates.minhash.v1", "stories.v1", "events.merge.v1", "timeline.v1"])
    with pytest.raises(PipelineError, match=r"'test\.reads-events\.v1' works on the whole corpus but reads events"):
        check_compare(["events.merge.v1", "test.reads-events.v1"])


def _tune_files(corpus: Path) -> tuple[list[Path], list[Path]]:
    """Tune-split files of three stories and the odd-numbered distractors: (first run, added later).

    The distractors and the first half of each story come first; the second halves are added,
    so the second run grows three stories and leaves the distractors' stories untouched.
    """
    first: list[Path] = []
    later: list[Path] = []
    for story in ("ahr", "demos", "btw"):
        files = sorted(corpus.glob(f"{story}_*.txt"))
        first += files[: len(files) // 2]
        later += files[len(files) // 2 :]
    first += [f for f in sorted(corpus.glob("other_*.txt")) if int(f.name.split("_")[1]) % 2 == 1]
    return first, later


def _copy(files: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, folder / f.name)


def test_one_shot_and_two_incremental_runs_give_the_same_picture(shared_data: Path, tmp_path: Path) -> None:
    corpus = shared_data / "news_stories_dev" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found")
    first, later = _tune_files(corpus)
    _copy(first + later, tmp_path / "all")
    one = open_store(str(tmp_path / "one.db"))
    analyze_paths([tmp_path / "all"], one, jobs=1)
    _copy(first, tmp_path / "inc")
    inc = open_store(str(tmp_path / "inc.db"))
    analyze_paths([tmp_path / "inc"], inc, jobs=1)
    _copy(later, tmp_path / "inc")
    second = analyze_paths([tmp_path / "inc"], inc, jobs=1)
    try:
        assert second.ok == len(later)
        # the distractors' stories kept their stored results; the grown stories were recomputed
        assert second.main_cpu["stories reused"] >= 1
        assert second.main_cpu["stories recomputed"] >= 3
        expected = stable(build_export(one))
        got, want = _equivalent(build_export(inc)), _equivalent(build_export(one))
        # entities: the second run resolved only the new documents' mentions against the stored entities
        inc_map, one_map = _mention_entities(got["entities"]), _mention_entities(want["entities"])
        agree = sum(1 for m, e in one_map.items() if inc_map.get(m) == e)
        assert agree >= 0.99 * len(set(one_map) | set(inc_map)), "entity resolution against the stored entities"
        # everything else is the one-shot picture, up to which entity a moved mention names (and so
        # whether that entity is one of an event's participants)
        moved = {m for m in set(one_map) | set(inc_map) if one_map.get(m) != inc_map.get(m)}
        named = {inc_map[m] for m in moved if m in inc_map} | {one_map[m] for m in moved if m in one_map}
        for key in want:
            if key != "entities":
                assert _without_entity_ids(_dropped(got[key], named)) == _without_entity_ids(_dropped(want[key], named)), key
        # a full recompute from scratch gives the one-shot picture exactly, and so does one pass over the corpus
        docs = list(inc.iter_documents())
        fresh = recompute_corpus(inc, reuse=False)
        assert fresh.to_json() == inc.load_corpus().to_json() == _one_pass(docs, inc.corrections()).to_json()
        assert stable(build_export(inc)) == expected
    finally:
        one.close()
        inc.close()


@COMPARE.register("test.stories-by-prefix.v1", requires=set(), produces={"stories"})
@dataclass
class _StoriesByPrefix:
    """One story per document id prefix (before "_"): stories fixed by the test, not by clustering."""

    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        groups: dict[str, list[str]] = {}
        for d in ctx.docs:
            groups.setdefault(d.id.split("_", 1)[0], []).append(d.id)
        ctx.result.stories = [{"id": f"story-{k}", "members": [{"doc": i} for i in v], "size": len(v)}
                              for k, v in sorted(groups.items())]


def test_a_story_with_an_undated_article_is_recomputed_when_the_word_weights_it_reads_change(
    example_analysis: dict[str, Any],
) -> None:
    from lagebild.compare.per_story import compare_stories, weighed_words
    from lagebild.model import DateValue, Document

    stored = [Document.from_json(d.to_json()) for d in example_analysis["store"].iter_documents()]
    undated = [Document.from_json({**d.to_json(), "id": f"a_{d.id}"}) for d in stored[:3]]
    undated[0].meta.published = DateValue()  # inference reads the corpus word weights for this story
    dated = [Document.from_json({**d.to_json(), "id": f"b_{d.id}"}) for d in stored[3:]]
    for d in dated:
        d.meta.published = DateValue("2024-10-25", "day")  # every article dated: no weights read
    # a later article in a third story: it shares words with story "a", so their weights change
    later = Document.from_json({**stored[0].to_json(), "id": "c_later"})
    stages = ["test.stories-by-prefix.v1", "dates.infer.v1"]
    first = compare_stories(undated + dated, stages=stages)
    parts = {p.story: p for p in first.parts}

    def keep(story: str | None, fp: str) -> Any:
        part = parts.get(story)
        return part if part is not None and part.fingerprint.split("/")[0] == fp.split("/")[0] else None

    again = compare_stories(undated + dated, stages=stages, stored=keep)
    assert all(p is parts[p.story] for p in again.parts), "nothing changed: every story keeps its results"
    grown = compare_stories(undated + dated + [later], stages=stages, stored=keep)
    reused = {p.story: p is parts.get(p.story) for p in grown.parts}
    assert reused == {"story-a": False, "story-b": True, "story-c": False}
    # story "a" was checked under the new weights: its part carries them (rechecked or recomputed)
    a_part = next(p for p in grown.parts if p.story == "story-a")
    assert a_part.fingerprint != parts["story-a"].fingerprint
    assert a_part.fingerprint.split("/")[0] == parts["story-a"].fingerprint.split("/")[0]
    assert grown.result.to_json() == compare_stories(undated + dated + [later], stages=stages).result.to_json()
    assert weighed_words(parts["story-a"].fingerprint), "inference weighed words here, so their weights are in the fingerprint"


def test_a_story_whose_date_inference_weighs_no_word_is_kept_when_the_corpus_grows(example_analysis: dict[str, Any]) -> None:
    from lagebild.compare.per_story import compare_stories, weighed_words
    from lagebild.model import DateValue, Document

    stored = [Document.from_json(d.to_json()) for d in example_analysis["store"].iter_documents()]
    undated = [Document.from_json({**d.to_json(), "id": f"a_{d.id}"}) for d in stored[:3]]
    undated[0].meta.published = DateValue()
    # no relative expression to date by shared words: inference reads no corpus weight for this story
    undated[0].annotations = [a for a in undated[0].annotations if not (a.kind == "timex" and a.data.get("relative"))]
    later = Document.from_json({**stored[0].to_json(), "id": "c_later"})
    stages = ["test.stories-by-prefix.v1", "dates.infer.v1"]
    first = compare_stories(undated, stages=stages)
    parts = {p.story: p for p in first.parts}
    assert weighed_words(parts["story-a"].fingerprint) == frozenset()

    def keep(story: str | None, fp: str) -> Any:
        part = parts.get(story)
        return part if part is not None and part.fingerprint.split("/")[0] == fp.split("/")[0] else None

    grown = compare_stories([*undated, later], stages=stages, stored=keep)
    assert {p.story: p is parts.get(p.story) for p in grown.parts} == {"story-a": True, "story-c": False}
    assert grown.result.to_json() == compare_stories([*undated, later], stages=stages).result.to_json()


def _topic_doc(doc_id: str, words: str, day: int) -> Any:
    from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef

    text = f"{words}. " * 3
    doc = Document(id=doc_id, original=text, source=SourceRef(f"in/{doc_id}.txt"),
                   meta=ArticleMeta(title=words, published=DateValue(f"2024-11-{day:02d}", "day"), language="de"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    return doc


def test_new_articles_join_stored_stories_which_keep_their_ids_and_never_merge() -> None:
    from lagebild.compare.stories import StoryClusterer, stored_stories

    flood = "Hochwasser Pegel Deich Feuerwehr Evakuierung Regen Sandsäcke Talsperre Flusslauf"
    strike = "Streik Gewerkschaft Lokführer Tarifvertrag Bahnverkehr Pendler Warnstreik Verhandlung Schlichtung"
    a = [_topic_doc(f"a{i}", flood + f" Ortsteil{i}", 10 + i) for i in range(3)]
    b = [_topic_doc(f"b{i}", strike + f" Bahnhof{i}", 10 + i) for i in range(3)]
    clusterer = StoryClusterer()
    first = clusterer.cluster(a[:2] + b[:2], CorpusResult())
    assert sorted(len(s["members"]) for s in first) == [2, 2]
    with stored_stories(first):
        grown = clusterer.cluster(a + b[:2], CorpusResult())
    by_id = {s["id"]: s for s in grown}
    flood_id = next(s["id"] for s in first if s["members"][0]["doc"] == "a0")
    strike = next(s for s in first if s["members"][0]["doc"] == "b0")
    assert [m["doc"] for m in by_id[flood_id]["members"]] == ["a0", "a1", "a2"], "the new article joined, the id stayed"
    assert by_id[strike["id"]] == strike, "an untouched story keeps its stored record"
    assert [[m["doc"] for m in s["members"]] for s in clusterer.cluster(a + b[:2], CorpusResult())] == [["a0", "a1", "a2"], ["b0", "b1"]]
    # two stored stories of the same topic stay apart; a new article joins one of them, not both
    split = clusterer.cluster(a[:1], CorpusResult()) + clusterer.cluster(a[1:2], CorpusResult())
    with stored_stories(split):
        kept = clusterer.cluster(a, CorpusResult())
    assert sorted(s["id"] for s in kept) == sorted(s["id"] for s in split)
    assert sorted(len(s["members"]) for s in kept) == [1, 2]
