"""Per-story stages in worker processes: the parts, fingerprints and picture of one process, whoever computes them."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import store_location, view_kinds
from lagebild.compare.per_story import compare_stories
from lagebild.compare.story_pool import StoryJob, batches
from lagebild.config import load_config
from lagebild.executors import ProcessExecutor
from lagebild.gc_policy import relaxed_gc
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec
from lagebild.store import open_store


def _views(store: Any) -> tuple[list[Document], list[Document], dict[str, int], list[str], frozenset[str]]:
    stages = list(load_config().compare_stages)
    kinds = view_kinds(stages)
    assert kinds is not None
    whole = list(store.iter_documents())
    views = [replace(d, annotations=[a for a in d.annotations if a.kind in kinds], _ids=set()) for d in whole]
    return whole, views, {d.id: len(d.annotations) for d in whole}, stages, kinds


def test_stories_computed_in_worker_processes_give_the_one_process_picture_and_fingerprints(
    example_analysis: dict[str, Any],
) -> None:
    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    timings: dict[str, float] = {}
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                                 submit=pool.submit, store=example_analysis["db"], timings=timings)
    assert reference.parts and "/" in reference.parts[0].fingerprint, "date inference weighed corpus words (sent along)"
    assert pooled.result.to_json() == reference.result.to_json()
    assert [(p.story, p.fingerprint) for p in pooled.parts] == [(p.story, p.fingerprint) for p in reference.parts]
    assert any(k.startswith("workers: compare:") for k in timings), "the stories ran in the workers"
    assert not any(k.startswith("compare:events") for k in timings), "and not here"


def test_a_batch_no_worker_takes_is_computed_here(example_analysis: dict[str, Any]) -> None:
    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    offered: list[int] = []

    def refuse(fn: Any, *args: Any) -> Future[Any] | None:
        offered.append(1)
        return None

    def broken(fn: Any, *args: Any) -> Future[Any] | None:
        fut: Future[Any] = Future()
        fut.set_exception(RuntimeError("the worker died"))
        return fut

    for submit in (refuse, broken):
        timings: dict[str, float] = {}
        got = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                              submit=submit, store=example_analysis["db"], timings=timings)
        assert got.result.to_json() == reference.result.to_json()
        assert [p.fingerprint for p in got.parts] == [p.fingerprint for p in reference.parts]
        assert not any(k.startswith("workers:") for k in timings)
    assert offered


def test_batches_keep_the_order_and_cut_by_documents() -> None:
    from lagebild.compare import CorpusResult

    jobs = [StoryJob(f"s{i}", "", [f"d{i}_{k}" for k in range(n)], CorpusResult()) for i, n in enumerate([3, 3, 1, 9, 2])]
    got = [[j.story for j in b] for b in batches(jobs, 6)]
    assert got == [["s0", "s1"], ["s2"], ["s3"], ["s4"]]
    assert [j.story for b in batches(jobs, 100) for j in b] == [j.story for j in jobs]


def test_store_location_names_only_stores_another_process_can_open(tmp_path: Path) -> None:
    path = str(tmp_path / "x.db")
    store = open_store(path)
    assert store_location(store) == path
    assert store_location(open_store(":memory:")) is None
    store.close()


def test_a_held_pool_takes_tasks_after_the_documents_and_ends_with_the_block(examples_dir: Path) -> None:
    from lagebild.ingest import discover

    spec = PipelineSpec.of(["clean.boilerplate.v1", "segment.rules.v1"], {})
    executor = ProcessExecutor(2, chunk=2)
    docs = [d for d in _read(examples_dir, discover)][:3]
    with executor.hold():
        done = [r.doc.id for chunk in executor.map_chunks(spec, docs) for r in chunk]
        fut = executor.submit_task(len, "four")
        assert fut is not None and fut.result(timeout=60) == 4
    assert sorted(done) == sorted(d.id for d in docs)
    assert executor.submit_task(len, "four") is None  # the pool ended with the block
    list(executor.map_chunks(spec, docs))  # without ``hold`` the pool ends with the documents
    assert executor.submit_task(len, "four") is None


def _read(folder: Path, discover: Any) -> list[Document]:
    from lagebild.executors.read_ahead import read_ahead

    return [d for d in read_ahead(discover([folder]), 1, None) if isinstance(d, Document)]


def test_relaxed_gc_restores_the_thresholds_and_frozen_objects() -> None:
    before = gc.get_threshold()
    with relaxed_gc():
        assert gc.get_threshold() != before
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_batch_carries_only_what_its_documents_need(example_analysis: dict[str, Any]) -> None:
    """Origins and word frequencies go with a batch for its own documents: unrelated documents add nothing."""
    from lagebild.compare.per_story import _date_words, _Pool
    from lagebild.compare.story_pool import StoryShared

    store = example_analysis["store"]
    _whole, views, *_ = _views(store)
    by_id = {d.id: d for d in views}
    batch = [StoryJob("s", "base", [views[0].id], _empty_result())]
    shared = StoryShared(["x"], {"x": {}}, [], {}, len(views), None)

    def payload(extra: int) -> Any:
        origins = {d.id: f"outlet:{d.id}" for d in views} | {f"other{i}": f"outlet:{i}" for i in range(extra)}
        frequencies = {w: 1 for d in views for w in _date_words(d)} | {f"word{i}": 1 for i in range(extra)}
        pool = _Pool(shared, by_id, origins, _date_words, lambda: frequencies, None)
        pool.weighed = True
        return pool.payload(batch)

    small, large = payload(0), payload(5000)
    assert small.origins == large.origins == {views[0].id: f"outlet:{views[0].id}"}
    assert small.frequencies == large.frequencies
    assert set(large.frequencies or {}) == set(_date_words(views[0]))


def test_a_batch_lacking_a_document_or_a_weight_comes_back_undone(example_analysis: dict[str, Any]) -> None:
    from lagebild.compare.story_pool import MISSING_DOCUMENTS, MISSING_WEIGHTS, StoryShared, run_story_batch

    store = example_analysis["store"]
    config = load_config()
    whole, _, _, stages, _ = _views(store)
    names = [n for n in stages if n == "dates.infer.v1"]
    settings = {n: dict(config.compare_configs.get(n) or {}) for n in names}
    ids = [d.id for d in whole]
    from lagebild.model import DateValue

    # one article without its date: inference dates it from the others, weighing the words they share
    undated = [replace(whole[0], meta=replace(whole[0].meta, published=DateValue())), *whole[1:]]
    jobs = [StoryJob(None, "base", ids, _empty_result())]
    lacking = StoryShared(names, settings, [], {}, len(ids), None, docs={d.id: d for d in undated[1:]})
    assert run_story_batch(lacking, jobs)[0] == MISSING_DOCUMENTS
    no_weights = StoryShared(names, settings, [], {}, len(ids), None, docs={d.id: d for d in undated})
    got = run_story_batch(no_weights, jobs)[0]
    every = StoryShared(names, settings, [], {}, len(ids), {}, every_word=True, docs={d.id: d for d in undated})
    done = run_story_batch(every, jobs)[0]
    assert not isinstance(done, str)
    assert done[0][2], "inference weighed words"
    assert got == MISSING_WEIGHTS, "a weight read but not sent makes the batch undone"


def test_a_stuck_worker_does_not_hang_the_run(example_analysis: dict[str, Any], monkeypatch: Any) -> None:
    import lagebild.compare.per_story as per_story

    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    monkeypatch.setattr(per_story, "POOL_TIMEOUT", 0.05)
    monkeypatch.setattr(per_story, "POOL_TIMEOUT_PER_DOC", 0.0)

    def stuck(fn: Any, *args: Any) -> Future[Any] | None:
        return Future()  # never finishes

    timings: dict[str, float] = {}
    got = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          submit=stuck, store=example_analysis["db"], timings=timings)
    assert got.result.to_json() == reference.result.to_json()
    assert [p.fingerprint for p in got.parts] == [p.fingerprint for p in reference.parts]
    assert timings.get("story batches computed here", 0) >= 1


def _empty_result() -> Any:
    from lagebild.compare import CorpusResult

    return CorpusResult()


def test_jobs_1_and_2_give_the_same_picture_on_several_stories(shared_data: Path, examples_dir: Path, tmp_path: Path) -> None:
    """The example corpus plus articles of three tune stories: the pooled cross-source phase (-j 2) gives the export
    and story fingerprints of one process (-j 1)."""
    import shutil

    from lagebild.analyze import analyze_paths
    from lagebild.export.json_export import build_export

    corpus = shared_data / "news_stories_dev" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found")
    folder = tmp_path / "in"
    shutil.copytree(examples_dir, folder)
    for story in ("ahr", "vw", "muenchen"):
        for f in sorted(corpus.glob(f"{story}_*.txt"))[:4]:
            shutil.copy(f, folder / f.name)
    one, two = open_store(str(tmp_path / "one.db")), open_store(str(tmp_path / "two.db"))
    analyze_paths([folder], one, jobs=1)
    pooled = analyze_paths([folder], two, jobs=2)
    assert any(k.startswith("workers: compare:") for k in pooled.main_cpu), "the stories ran in the workers"
    export = build_export(one)
    assert len(export["stories"]) >= 3
    assert build_export(two) == export
    assert two.story_fingerprints() == one.story_fingerprints()


def test_workers_read_a_sqlite_store_read_only(example_analysis: dict[str, Any], tmp_path: Path) -> None:
    from lagebild.compare.story_pool import _open

    store = _open(example_analysis["db"])
    ids = example_analysis["store"].document_ids()[:2]
    assert set(store.get_documents(ids)) == set(ids)
    import sqlite3

    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM documents")
    assert _open(str(tmp_path / "new.db")) is not None  # no file yet: opened as usual


def _in_process(fn: Any, *args: Any) -> Future[Any]:
    """A worker that has finished the task by the time it is handed over (nothing can be cancelled)."""
    fut: Future[Any] = Future()
    fut.set_result(fn(*args))
    return fut


def test_the_workers_build_the_output_parts_the_export_would(example_analysis: dict[str, Any]) -> None:
    from lagebild.export.doc_outputs import DocumentOutput, OutputKeys, canonical_sources
    from lagebild.fingerprints import code_version

    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    saved: list[tuple[str, str, bytes]] = []
    compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                    submit=_in_process, store=example_analysis["db"], save_outputs=saved.extend)
    assert sorted(i for i, _, _ in saved) == sorted(d.id for d in whole)
    keys = OutputKeys(reference.result, code_version())
    by_id = {d.id: d for d in whole}
    generations = store.document_generations(list(by_id))
    for doc_id, digest, blob in saved:
        sources = canonical_sources(store.sources_of([doc_id]).get(doc_id, []))
        assert digest == keys.digest(doc_id, generations.get(doc_id))
        assert blob == DocumentOutput.of(by_id[doc_id], sources, reference.result).encode()


def test_stories_computed_here_or_without_a_place_to_save_build_no_output_parts(example_analysis: dict[str, Any],
                                                                                 monkeypatch: Any) -> None:
    import lagebild.compare.story_pool as story_pool

    store = example_analysis["store"]
    config = load_config()
    _whole, views, counts, stages, _ = _views(store)
    saved: list[tuple[str, str, bytes]] = []
    built: list[bool] = []
    run_batch = story_pool.run_story_batch

    def spy(shared: Any, jobs: Any) -> Any:
        built.append(shared.outputs is not None)
        return run_batch(shared, jobs)

    got = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          submit=lambda fn, *args: None, store=example_analysis["db"], save_outputs=saved.extend)
    assert got.parts and saved == []
    monkeypatch.setattr("lagebild.compare.per_story.run_story_batch", spy)  # without a place to save them, none is built
    got = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          submit=_in_process, store=example_analysis["db"])
    assert got.parts and built and not any(built)


def test_batches_sent_before_the_weights_were_needed_go_to_the_workers_again(example_analysis: dict[str, Any],
                                                                              monkeypatch: Any) -> None:
    import lagebild.compare.per_story as per_story

    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)
    assert "/" in reference.parts[0].fingerprint, "date inference weighed corpus words"
    seen: dict[str, Any] = {}
    parts = per_story._Pool.parts

    def spy(pool: Any, jobs: Any, submit: Any, timings: Any) -> Any:
        seen.update(pool=pool, jobs=list(jobs), weighed=pool.weighed)
        return parts(pool, jobs, submit, timings)

    monkeypatch.setattr(per_story._Pool, "parts", spy)
    compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                    submit=_in_process, store=example_analysis["db"])
    # the story twice, a batch each: both are done (without weights) before the first comes back
    monkeypatch.setattr(per_story, "POOL_BATCH_DOCS", 1)
    pool, (job,) = seen["pool"], seen["jobs"]
    pool.weighed = seen["weighed"]
    timings: dict[str, float] = {}
    got = list(parts(pool, [(0, job[1]), (1, job[1])], _in_process, timings))
    assert [p.fingerprint for _, p in got] == [reference.parts[0].fingerprint] * 2
    assert "story batches computed here" not in timings
    assert any(k.startswith("workers: compare:") for k in timings)


def test_output_parts_that_cannot_be_built_cost_only_themselves(example_analysis: dict[str, Any], monkeypatch: Any,
                                                                caplog: Any) -> None:
    import lagebild.compare.story_pool as story_pool

    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    reference = compare_stories(whole, stages=stages, configs=config.compare_configs)

    def broken(*args: Any) -> Any:
        raise RuntimeError("no parts")

    monkeypatch.setattr(story_pool, "_output_rows", broken)
    monkeypatch.setattr(story_pool, "_OUTPUT_PARTS_FAILED", [])
    timings: dict[str, float] = {}
    saved: list[tuple[str, str, bytes]] = []
    got = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          submit=_in_process, store=example_analysis["db"], save_outputs=saved.extend, timings=timings)
    assert saved == [] and "story batches computed here" not in timings
    assert got.result.to_json() == reference.result.to_json()
    assert [r.levelname for r in caplog.records if "output parts" in r.getMessage()] == ["WARNING"], "said once"


def test_output_parts_the_store_cannot_save_are_warned_about_once_a_run(caplog: Any) -> None:
    from lagebild.analyze import _output_saver

    class Broken:
        def save_document_outputs(self, rows: Any) -> None:
            raise OSError("disk full")

    for _run in range(2):
        save = _output_saver(Broken())  # type: ignore[arg-type]
        save([("a", "d", b"x")])
        save([("b", "d", b"y")])
    assert [r.levelname for r in caplog.records if "output parts" in r.getMessage()] == ["WARNING", "WARNING"]


def test_each_batchs_output_parts_are_saved_as_it_comes_back_and_not_kept(example_analysis: dict[str, Any],
                                                                        monkeypatch: Any) -> None:
    import lagebild.compare.per_story as per_story

    store = example_analysis["store"]
    config = load_config()
    whole, views, counts, stages, _ = _views(store)
    events: list[tuple[str, list[str]]] = []
    seen: dict[str, Any] = {}
    wait, parts = per_story._Pool._wait, per_story._Pool.parts

    def waited(pool: Any, fut: Any, batch: Any) -> Any:
        events.append(("batch", sorted(i for job in batch for i in job.doc_ids)))
        return wait(pool, fut, batch)

    def spy(pool: Any, jobs: Any, submit: Any, timings: Any) -> Any:
        seen.update(pool=pool, jobs=list(jobs))
        return parts(pool, jobs, submit, timings)

    monkeypatch.setattr(per_story._Pool, "_wait", waited)
    monkeypatch.setattr(per_story._Pool, "parts", spy)
    run = compare_stories(views, stages=stages, configs=config.compare_configs, load=store.get_documents, counts=counts,
                          submit=_in_process, store=example_analysis["db"],
                          save_outputs=lambda rows: events.append(("saved", sorted(i for i, _, _ in rows))))
    assert sorted(i for what, ids in events if what == "saved" for i in ids) == sorted(d.id for d in whole)
    assert not hasattr(run, "outputs")
    # the story three times, a batch each: each batch's parts are saved before the next batch is taken
    monkeypatch.setattr(per_story, "POOL_BATCH_DOCS", 1)
    pool, (job,) = seen["pool"], seen["jobs"]
    events.clear()
    list(parts(pool, [(0, job[1]), (1, job[1]), (2, job[1])], _in_process, {}))
    ids = sorted(job[1].doc_ids)
    assert events == [("batch", ids), ("saved", ids)] * 3
    # and none stays in the pool
    assert not [v for v in vars(pool).values() if isinstance(v, list) and v and isinstance(v[0], tuple)]
