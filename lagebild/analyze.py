"""Analyse input files into a store: read, de-duplicate, run the pipeline, compare across sources.

This is the library function behind ``lagebild analyze``; the CLI only parses arguments.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import NamedTuple

from lagebild.compare import COMPARE, CorpusResult
from lagebild.compare.duplicates import Duplicates, Signature, StoredIndex, precomputed_signatures, stored_index
from lagebild.compare.entity_index import EntityIndex, index_settings, stored_entity_index
from lagebild.compare.stories import stored_stories
from lagebild.compare.word_rows import WordRows, stored_words
from lagebild.config import Config, check_config, load_config
from lagebild.errors import InputError, InputNotice
from lagebild.executors import Executor, InlineExecutor, Result, TaskHost, make_executor
from lagebild.executors.process import PRELOAD_PAGES, ProcessExecutor
from lagebild.executors.read_ahead import POOL_SUFFIXES, read_ahead
from lagebild.fingerprints import analysis_fingerprint, code_version
from lagebild.ingest import discover
from lagebild.ingest.limits import ReadLimits
from lagebild.model import Document, SourceRef
from lagebild.pipeline import Pipeline, PipelineSpec, StageStats
from lagebild.store import Store
from lagebild.store.rows import DocumentRows, document_rows
from lagebild.store.views import StringPool, view_of

log = logging.getLogger(__name__)

__all__ = ["RunReport", "analyze_paths", "compare_and_save", "corpus_documents", "corpus_inputs", "corpus_views", "recompute_corpus", "view_kinds",
           "write_outputs"]

DUPLICATES_STAGE = "duplicates.minhash.v1"
STORIES_STAGE = "stories.v1"
ENTITIES_STAGE = "entities.resolve.v1"


@dataclass
class RunReport:
    """Counts for the end-of-run summary and the exit code."""

    documents_in: int = 0
    ok: int = 0
    failed: int = 0
    duplicates: int = 0
    already_stored: int = 0
    #: found in the store but analysed under another fingerprint (lagebild or its per-document settings changed)
    reanalysed: int = 0
    stage_failures: int = 0
    errors: list[InputError] = field(default_factory=list)
    #: things the user should know that lost nothing (e.g. a record id used twice)
    notices: list[InputNotice] = field(default_factory=list)
    stats: StageStats = field(default_factory=StageStats)
    seconds: float = 0.0
    corpus: CorpusResult | None = None
    #: CPU seconds of the calling process by phase: "read", "transfer" (to and from the workers),
    #: "store", "load" (reading documents back), "compare:<stage>", "save corpus"
    main_cpu: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    #: wall seconds of the phases: "documents" (read, workers, store) and "cross-source"; the
    #: command line adds "export" and "report"
    phase_wall: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input was analysed, 1 when some could not be (the user must act)."""
        return 1 if self.errors else 0

    def summary(self) -> str:
        return (
            f"documents in: {self.documents_in}, ok: {self.ok}, failed: {self.failed}, "
            f"exact duplicates: {self.duplicates}, already in store: {self.already_stored}, "
            + (f"re-analysed after a change of lagebild or its settings: {self.reanalysed}, " if self.reanalysed else "")
            + f"stage failures: {self.stage_failures}, time: {self.seconds:.1f} s"
            + (" (" + ", ".join(f"{k} {v:.1f}" for k, v in self.phase_wall.items()) + ")" if self.phase_wall else "")
            + (f", notes: {len(self.notices)}" if self.notices else "")
            + self._stories()
        )

    def _stories(self) -> str:
        if "stories recomputed" not in self.main_cpu:
            return ""
        done, kept = int(self.main_cpu["stories recomputed"]), int(self.main_cpu["stories reused"])
        return f", stories recomputed: {done} of {done + kept}"


def _unique_id(wanted: str, doc: Document, store: Store, taken: set[str]) -> str:
    if wanted not in taken and not store.has_id(wanted):
        return wanted
    return f"{wanted}~{doc.hash[:8]}"


class _PendingSources:
    """Sources of duplicates whose first copy is still being analysed (in a worker).

    A source row names its document, so it can only be written once that document is stored:
    writing it earlier broke the store's foreign key and ended the run."""

    def __init__(self) -> None:
        self.by_doc: dict[str, list[SourceRef]] = {}

    def add(self, doc_id: str, source: SourceRef) -> None:
        self.by_doc.setdefault(doc_id, []).append(source)

    def flush(self, store: Store, saved: Iterable[str]) -> None:
        for doc_id in saved:
            for source in self.by_doc.pop(doc_id, ()):
                store.add_source(doc_id, source)


def _new_documents(
    items: Iterable[Path | InputError],
    store: Store,
    report: RunReport,
    on_error: Callable[[InputError], None],
    pending: _PendingSources,
    limits: ReadLimits | None = None,
    read_jobs: int = 1,
    host: Executor | None = None,
    analysis: str | None = None,
) -> Iterator[Document]:
    """Read the discovered inputs (HTML in ``read_jobs`` processes, in input order); yield only documents whose
    content is not yet in the store, or is stored under another ``analysis`` fingerprint (then under its stored id)."""
    taken: set[str] = set()
    seen_hashes: dict[str, str] = {}

    def fail(err: InputError) -> None:
        report.failed += 1
        report.errors.append(err)
        on_error(err)

    for got in read_ahead(items, read_jobs, limits, host=host if isinstance(host, TaskHost) else None):
        if isinstance(got, InputError):
            fail(got)
            continue
        report.documents_in += 1
        digest = got.hash
        if digest in seen_hashes:
            # Same content as a file read earlier in this run (maybe still in a worker): its
            # source is written once that document is stored.
            pending.add(seen_hashes[digest], got.source)
            report.duplicates += 1
            continue
        found = store.find_analysis(digest)
        if found:
            existing, stored_analysis = found
            store.add_source(existing, got.source)  # a rerun, or content stored by an earlier run
            if analysis is None or stored_analysis == analysis:
                report.already_stored += 1
                continue
            # analysed by another version or with other settings: analysed again, replacing the
            # stored annotations under the same id (its sources stay)
            report.reanalysed += 1
            got.id = existing
            taken.add(existing)
            seen_hashes[digest] = existing
            yield got
            continue
        wanted = got.id
        got.id = _unique_id(got.id, got, store, taken)
        if got.id != wanted and "record_id" in got.meta.extra:
            note = InputNotice(got.source.path, f"{_record_name(got)}: the id {wanted!r} is already used by another "
                                                f"document; this one is stored as {got.id!r}")
            report.notices.append(note)
            on_error(note)
        taken.add(got.id)
        seen_hashes[digest] = got.id
        yield got


#: discovered files looked at to decide whether the workers start with the HTML reader loaded
PEEK_FILES = 64


def _preload_for(executor: ProcessExecutor, found: Iterator[Path | InputError]) -> Iterator[Path | InputError]:
    """Let the pool's workers start with the HTML reader loaded when the first files found include pages.

    Loading it (with dateparser's ~200 locales) costs ~2 CPU s once in the fork server, instead of in
    each worker; a text corpus does not need it. Returns the same items, in the same order.

    Only the first ``PEEK_FILES`` files are looked at (the pool starts before the rest is found):
    pages found later, after that many text files, are read by workers that load the HTML reader
    themselves. That costs time (~2 CPU s a worker), never a different result."""
    head = list(islice(found, PEEK_FILES))
    if any(isinstance(item, Path) and item.name.lower().endswith(POOL_SUFFIXES) for item in head):
        executor.preload = PRELOAD_PAGES
    return chain(head, found)


def _record_name(doc: Document) -> str:
    fmt, n = doc.source.format, doc.source.record
    if n is None:
        return "document"
    return f"line {n}" if fmt == "jsonl" else f"record {n}"


def analyze_paths(
    paths: Sequence[str | os.PathLike[str]],
    store: Store,
    *,
    config: Config | None = None,
    jobs: int = 0,
    executor: Executor | None = None,
    progress: Callable[[Document], None] | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    recompute: bool = False,
) -> RunReport:
    """Analyse every new article under ``paths`` into ``store`` and recompute the corpus picture.

    A stored article whose analysis fingerprint (stages, their settings, code version) differs from
    this run's is analysed again. ``executor``: where the per-document pipeline runs (default:
    ``run.executor`` of the config with ``jobs`` workers, 0 = every core, or every CPU of a Ray
    cluster). ``recompute``: the cross-source picture from scratch (stories clustered anew, no
    stored story part or duplicate index reused), as after a change of the story settings.
    """
    config = config or load_config()
    started = time.perf_counter()
    report = RunReport()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    workers = jobs or config.jobs or (os.cpu_count() or 1)
    if executor is None:
        ray_jobs = jobs or config.jobs  # 0: as many as the cluster has CPUs
        executor = make_executor(ray_jobs if config.executor == "ray" else workers, config.executor, address=config.ray_address)
    found: Iterator[Path | InputError] = discover(paths)
    unstart: Callable[[], None] | None = None
    if isinstance(executor, ProcessExecutor):
        found = _preload_for(executor, found)
        # the workers' fork server loads the modules and the NER model (seconds) while this process checks
        # the settings and builds the stages below, not after
        unstart = executor.start(spec)
    try:
        check_config(config)  # stages, settings and both orders, before reading a single file
        Pipeline(spec)  # and every stage builds with its settings
    except BaseException:
        if unstart is not None:  # a run that does not start leaves no server behind (``lagebild serve`` lives on)
            unstart()
        raise
    analysis = analysis_fingerprint(spec)
    limits = ReadLimits.from_config(config.raw)
    read_jobs = 1 if isinstance(executor, InlineExecutor) else workers
    cpu = report.main_cpu
    phase_cpu, phase_thread = time.process_time(), time.thread_time()
    pending = _PendingSources()
    docs = _timed(_new_documents(found, store, report, on_error, pending, limits, read_jobs, executor, analysis), cpu, "read")
    # The corpus-wide cross-source stages read every document, but only some of its annotations:
    # the analysed documents are kept as such views (the store keeps them whole), stored ones read as views.
    kinds = view_kinds(config.compare_stages)
    analysed: dict[str, Document] = {}
    counts: dict[str, int] = {}
    signatures: dict[str, Signature] = {}
    # The workers also serialise each document for the store (``document_rows``) and shingle it for
    # the duplicate search: here only the inserts remain, one transaction per chunk of documents.
    # A killed run keeps every committed chunk; the documents of an unfinished one are analysed
    # again by the rerun.
    duplicates = _duplicates_stage(config)
    # The workers stay up after the last document (``hold``): the per-story stages run on them too.
    held = executor.hold() if isinstance(executor, ProcessExecutor) else nullcontext()
    with held:
        _analyse_documents(executor, spec, docs, store, report, on_error, analysis, pending, duplicates, kinds, analysed,
                           counts, signatures, progress)
        # The rest is the executor's: pickling batches, unpickling results (partly in its own threads).
        main_thread = time.thread_time() - phase_thread
        other_threads = time.process_time() - phase_cpu - main_thread
        rest = "pipeline" if isinstance(executor, InlineExecutor) else "transfer"  # in-process: the stages themselves
        cpu[rest] += max(0.0, other_threads) + max(0.0, main_thread - cpu["read"] - cpu["store"])
        report.phase_wall["documents"] = time.perf_counter() - started
        t = time.process_time()
        inputs = corpus_inputs(store, config)
        kept = None
        if not recompute and report.ok == 0 and inputs == store.corpus_inputs():
            # nothing was added, analysed again or removed, and settings, corrections and code are those of the stored
            # picture: it is the picture the stages would compute again, so no stored document is read
            kept = store.load_corpus()
            cpu["stories recomputed"], cpu["stories reused"] = 0.0, float(len(store.story_fingerprints()))
        cpu["load"] += time.process_time() - t
        if kept is None:
            report.corpus = _compare(store, config, executor, kinds, analysed, counts, signatures, cpu, recompute)
            if not report.corpus.failures:  # a failed stage is tried again by the next run
                store.save_corpus_inputs(inputs)
        else:
            report.corpus = kept
        analysed.clear()
    signatures.clear()
    report.seconds = time.perf_counter() - started
    report.phase_wall["cross-source"] = report.seconds - report.phase_wall["documents"]
    return report


def _compare(store: Store, config: Config, executor: Executor, kinds: frozenset[str] | None, analysed: dict[str, Document],
             counts: dict[str, int], signatures: dict[str, Signature], cpu: MutableMapping[str, float], recompute: bool) -> CorpusResult:
    """The cross-source step of ``analyze_paths`` over every stored document (views, or whole documents), saved."""
    if isinstance(executor, ProcessExecutor) and kinds is not None:
        _warm_story_workers(executor, store, config)
    if kinds is None:
        corpus = corpus_documents(store, analysed, timings=cpu)
    else:
        corpus = corpus_views(store, kinds, analysed, counts, timings=cpu)
    analysed.clear()
    host = executor if isinstance(executor, ProcessExecutor) else None
    return compare_and_save(store, corpus, config, timings=cpu, signatures=signatures, reuse=not recompute,
                            counts=counts if kinds is not None else None, host=host, release=True)


def corpus_inputs(store: Store, config: Config) -> str:
    """A digest of everything the cross-source picture of ``store`` is computed from but the documents' content: which
    documents are stored and each one's save generation, the per-document analysis, the compare stages and their
    settings, the corrections, the knowledge-base files and the code version. The sources (paths) are not in it:
    no stage reads them. A stage reads only the source a document was first stored with (``coverage``: its
    ``url``), which is part of the document and of its save generation; a file moved or copied adds a
    source row and leaves the document as it was."""
    ids = store.document_ids()
    generations = store.document_generations(ids)
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    kb_files = (config.compare_configs.get(ENTITIES_STAGE) or {}).get("kb_files") or []
    version = code_version()  # reads the name, size and time of every file of lagebild: once
    payload = [version, analysis_fingerprint(spec, version), list(config.compare_stages), config.compare_configs, store.corrections(),
               index_settings(list(kb_files), version), [[i, generations.get(i)] for i in ids]]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _warm_story_workers(host: ProcessExecutor, store: Store, config: Config) -> None:
    """Have each worker import and build the per-story stages while this process runs the corpus-wide ones."""
    from lagebild.compare import is_per_story
    from lagebild.compare.story_pool import warm

    where = store_location(store)
    if where is None:
        return
    names = [n for n in config.compare_stages if is_per_story(n)]
    for _ in range(host.jobs):
        host.submit_task(warm, where, names, config.compare_configs)


def _analyse_documents(executor: Executor, spec: PipelineSpec, docs: Iterator[Document], store: Store, report: RunReport,
                       on_error: Callable[[InputError], None], analysis: str, pending: _PendingSources,
                       duplicates: Duplicates | None, kinds: frozenset[str] | None, analysed: dict[str, Document],
                       counts: dict[str, int], signatures: dict[str, Signature],
                       progress: Callable[[Document], None] | None) -> None:
    """Run the per-document pipeline on ``docs`` and store each chunk as it comes back."""
    cpu = report.main_cpu
    pool = StringPool()  # the views of a run share their repeated strings
    for chunk in executor.map_chunks(spec, docs, after=partial(_prepare, duplicates=duplicates)):
        t = time.thread_time()
        chunk = _save_chunk(store, chunk, report, on_error, analysis)
        pending.flush(store, (r.doc.id for r in chunk))
        _save_signatures(store, chunk)
        cpu["store"] += time.thread_time() - t
        for result in chunk:
            # only what the corpus-wide stages read is kept; the per-story stages read a story's documents whole from the store
            analysed[result.doc.id] = result.doc if kinds is None else _view(result.doc, kinds, counts, pool)
            if result.extra is not None and result.extra.signature is not None:
                signatures[result.doc.id] = result.extra.signature
            report.ok += 1
            report.stats.merge(result.stats)
            if result.doc.failures:
                report.stage_failures += sum(1 for f in result.doc.failures if f.error != "Skipped")
            if progress:
                progress(result.doc)
    pending.flush(store, list(pending.by_doc))  # duplicates read after their first copy was saved


def _save_chunk(store: Store, chunk: list[Result], report: RunReport, on_error: Callable[[InputError], None],
                analysis: str | None = None) -> list[Result]:
    """Save a chunk in one transaction; if that fails, save its documents one by one so one
    unstorable document costs only itself (reported), never the chunk or the run."""
    rows = [r.extra.rows if r.extra is not None else None for r in chunk]
    try:
        store.save_documents([r.doc for r in chunk], rows, analysis=analysis)
        return chunk
    except Exception:  # a store bug on one odd document must not end the run
        log.debug("saving a chunk failed; saving its documents one by one", exc_info=True)
        saved: list[Result] = []
        for result, row in zip(chunk, rows, strict=True):
            try:
                store.save_documents([result.doc], [row], analysis=analysis)
            except Exception as exc:
                err = InputError(result.doc.source.path, f"{_record_name(result.doc)} was read but could not be stored "
                                                         f"(internal {type(exc).__name__}); please report this file")
                report.failed += 1
                report.errors.append(err)
                on_error(err)
                continue
            saved.append(result)
        return saved


def _save_signatures(store: Store, chunk: list[Result]) -> None:
    """Keep the duplicate signatures of a saved chunk: later runs compare new texts with them without shingling these again."""
    rows = [(r.doc.id, r.extra.signature.to_row()) for r in chunk if r.extra is not None and r.extra.signature is not None]
    if not rows:
        return
    try:
        store.save_signatures(rows)
    except Exception:  # only a cache: the duplicate stage computes a missing signature itself
        log.debug("saving duplicate signatures failed", exc_info=True)


class _Prepared(NamedTuple):
    """What a worker computes for the main process besides the analysed document."""

    rows: DocumentRows
    signature: Signature | None


def _prepare(doc: Document, duplicates: Duplicates | None) -> _Prepared:
    """Serialise ``doc`` for the store and shingle it for the duplicate search (runs in a worker)."""
    signature = None
    if duplicates is not None:
        try:
            signature = duplicates.signature(doc)
        except Exception:  # the stage computes it again and records its failure on the corpus result
            log.debug("no duplicate signature for %s", doc.id, exc_info=True)
    return _Prepared(document_rows(doc), signature)


def _duplicates_stage(config: Config) -> Duplicates | None:
    """The duplicate stage as the cross-source phase will build it, if it runs."""
    if DUPLICATES_STAGE not in config.compare_stages:
        return None
    stage = COMPARE.build(DUPLICATES_STAGE)
    return stage if isinstance(stage, Duplicates) else None


def _timed(items: Iterator[Document], cpu: MutableMapping[str, float], key: str) -> Iterator[Document]:
    """Yield from ``items``, adding the CPU time spent producing them to ``cpu[key]``."""
    while True:
        t = time.thread_time()
        try:
            item = next(items)
        except StopIteration:
            cpu[key] += time.thread_time() - t
            return
        cpu[key] += time.thread_time() - t
        yield item


def recompute_corpus(
    store: Store,
    config: Config | None = None,
    *,
    timings: MutableMapping[str, float] | None = None,
    loaded: Mapping[str, Document] | None = None,
    reuse: bool = True,
) -> CorpusResult:
    """Run the cross-source stages over every stored document and save the result.

    ``loaded``: documents already in memory exactly as stored (by id), not read again.
    ``reuse``: keep the stored stories (new documents are assigned to them), the stored duplicate
    search and the results of stories whose inputs did not change (False: cluster the stories anew,
    search every document for copies and recompute every story, as a first run does).
    ``timings``, when given, receives CPU seconds for "load", "compare:<stage>" and "save corpus".
    """
    docs = corpus_documents(store, loaded, timings=timings)
    return compare_and_save(store, docs, config, timings=timings, reuse=reuse)


def corpus_documents(
    store: Store, loaded: Mapping[str, Document] | None = None, *, timings: MutableMapping[str, float] | None = None
) -> list[Document]:
    """Every stored document in id order; those in ``loaded`` (by id, exactly as stored) are not read again."""
    t = time.process_time()
    if loaded:
        docs = [d for i in store.document_ids() if (d := loaded.get(i) or store.get_document(i)) is not None]
    else:
        docs = list(store.iter_documents())
    if timings is not None:
        timings["load"] += time.process_time() - t
    return docs


def view_kinds(stages: Iterable[str]) -> frozenset[str] | None:
    """The annotation kinds the corpus-wide ``stages`` read (``BUILTIN_CORPUS_KINDS``); None when one of them
    is not known to read only some (it gets whole documents, and so do they all)."""
    from lagebild.compare import is_per_story
    from lagebild.compare.builtin import BUILTIN_CORPUS_KINDS

    kinds: set[str] = set()
    for name in stages:
        if is_per_story(name):
            continue
        if name not in BUILTIN_CORPUS_KINDS:
            log.info("corpus-wide stage %s does not declare which annotations it reads: every document is held whole", name)
            return None
        kinds |= BUILTIN_CORPUS_KINDS[name]
    return frozenset(kinds)


def _view(doc: Document, kinds: frozenset[str], counts: dict[str, int], pool: StringPool | None = None) -> Document:
    """``doc`` with only its annotations of ``kinds`` (their number in all noted in ``counts``); with ``pool``,
    its repeated strings are the pool's copies (``lagebild.store.views``)."""
    counts[doc.id] = len(doc.annotations)
    if pool is not None:
        return view_of(doc, kinds, pool)
    return replace(doc, annotations=[a for a in doc.annotations if a.kind in kinds], _ids=set())


def corpus_views(
    store: Store, kinds: frozenset[str], loaded: Mapping[str, Document] | None = None, counts: dict[str, int] | None = None,
    *, timings: MutableMapping[str, float] | None = None,
) -> list[Document]:
    """Every stored document in id order as a view with only its annotations of ``kinds`` (``loaded``: views at hand).

    ``counts`` receives each read document's number of annotations in all (the story fingerprints count them).
    """
    t = time.process_time()
    loaded = loaded or {}
    ids = store.document_ids()
    missing = [i for i in ids if i not in loaded]
    read: dict[str, Document] = {}
    for k in range(0, len(missing), 500):
        for i, (doc, n) in store.get_document_views(missing[k : k + 500], kinds).items():
            read[i] = doc
            if counts is not None:
                counts[i] = n
    docs = [d for i in ids if (d := loaded.get(i) or read.get(i)) is not None]
    if timings is not None:
        timings["load"] += time.process_time() - t
    return docs


def compare_and_save(
    store: Store,
    docs: Sequence[Document],
    config: Config | None = None,
    *,
    timings: MutableMapping[str, float] | None = None,
    reuse: bool = True,
    signatures: Mapping[str, Signature] | None = None,
    counts: Mapping[str, int] | None = None,
    host: TaskHost | None = None,
    release: bool = False,
) -> CorpusResult:
    """Run the cross-source stages over ``docs`` (every stored document) and save their result.

    ``release`` (with ``counts``): ``docs`` are views and ``signatures`` a dict the caller does not read
    again: the duplicate stage takes each signature out as it reads it, and the views let go of their
    annotations once the corpus-wide stages are done (``compare_stories``).

    ``host``: worker processes that run the per-story stages of the stories to recompute (with
    ``counts``; they read the stories' documents from the store themselves).

    ``counts``: ``docs`` are views (``corpus_views``) and these are their numbers of annotations
    in all; the per-story stages of a story they recompute read its documents whole from the store.

    The duplicate stage compares with the signatures given (computed in this run) and those the
    store keeps for the other documents; a signature that does not fit its text is computed again.

    With ``reuse``, a story whose inputs did not change since the stored run (same fingerprint)
    keeps its stored results: its per-story stages do not run again and its rows are not rewritten.
    """
    from lagebild.compare.per_story import StoryPart, compare_stories

    config = config or load_config()
    cpu: MutableMapping[str, float] = timings if timings is not None else defaultdict(float)
    known = store.story_fingerprints() if reuse else {}
    t = time.process_time()
    index = _duplicate_index(store, reuse) if DUPLICATES_STAGE in config.compare_stages else None
    # released: the caller's signatures are the stage's to take (each let go once read)
    given = signatures if release and isinstance(signatures, dict) else dict(signatures or {})
    if index is not None:  # only the documents the stored search does not cover are searched
        given.update((i, Signature.from_row(row)) for i, row in store.signatures(d.id for d in docs
                                                                                if d.id not in given and d.id not in index.indexed))
    cpu["load signatures"] += time.process_time() - t

    def stored(story: str | None, fingerprint: str) -> StoryPart | None:
        kept = known.get(story or "")
        if kept is None or kept.split("/", 1)[0] != fingerprint.split("/", 1)[0]:  # the rest: see compare_stories
            return None
        t = time.process_time()
        part = store.story_part(story, kept)
        cpu["load stories"] += time.process_time() - t
        return part

    # stories already stored keep their articles; the new ones are assigned to them (reuse False: clustered anew)
    prior = store.corpus_items("story") if reuse and STORIES_STAGE in config.compare_stages else None
    t = time.process_time()
    entity_index = _entity_index(store, reuse) if ENTITIES_STAGE in config.compare_stages else None
    words = WordRows(code_version())
    words.stored = store.word_rows(words.settings, raw=True)  # (reuse False too: the words depend on the texts alone)
    cpu["load entities and words"] += time.process_time() - t
    with (precomputed_signatures(given, consume=release), (stored_index(index) if index is not None else nullcontext()),
          (stored_stories(prior) if prior else nullcontext()), stored_words(words),
          (stored_entity_index(entity_index) if entity_index is not None else nullcontext())):
        run = compare_stories(docs, stages=list(config.compare_stages), corrections=store.corrections(), timings=cpu,
                              configs=config.compare_configs, stored=stored,
                              # the per-document analysis too: stories of re-analysed documents recompute
                              version=analysis_fingerprint(PipelineSpec.of(list(config.stages), config.stage_configs)),
                              load=store.get_documents if counts is not None else None, counts=counts,
                              submit=host.submit_task if host is not None else None, store=store_location(store),
                              # the workers build the export's parts of the documents they read (``doc_outputs``),
                              # saved batch by batch as they come back
                              save_outputs=_output_saver(store),
                              release=release and counts is not None)
    given.clear()
    cpu["stories recomputed"] = float(run.recomputed)
    cpu["stories reused"] = float(len(run.parts) - run.recomputed)
    t = time.process_time()
    store.save_corpus(run.result, run.parts)
    if index is not None:
        _save_index(store, index, run.result)
    if entity_index is not None:
        _save_entity_index(store, entity_index)
    if words.new:
        store.save_word_rows(words.settings, words.new)
    cpu["save corpus"] += time.process_time() - t
    return run.result


def _output_saver(store: Store) -> Callable[[Sequence[tuple[str, str, bytes]]], None]:
    """Keeps each batch's output parts the workers built: the export then reads them instead of the documents.
    They are only a cache (the export builds a missing part itself), but a failure is a bug to see: warned once a run."""
    failed = False

    def save(rows: Sequence[tuple[str, str, bytes]]) -> None:
        nonlocal failed
        if not rows:
            return
        try:
            store.save_document_outputs(rows)
        except Exception:
            if not failed:
                log.warning("saving the output parts the workers built failed; the export builds them", exc_info=True)
            failed = True

    return save


def store_location(store: Store) -> str | None:
    """Where another process opens ``store`` (``open_store``): its URL or file; None for a store only this process sees."""
    where = getattr(store, "url", None) or getattr(store, "path", None)
    if not isinstance(where, str) or where == ":memory:" or where.startswith("file:"):
        return None
    return where


def _entity_index(store: Store, reuse: bool) -> EntityIndex:
    """The stored entities and their index (``reuse`` False: none, the entities are resolved anew and the rows replaced)."""
    if not reuse:
        return EntityIndex("", set(), {}, {}, [], store.entity_forms)
    settings, resolved, own, roles = store.entity_index()
    return EntityIndex(settings, resolved, own, roles, store.corpus_items("entity") if settings else [], store.entity_forms)


def _save_entity_index(store: Store, index: EntityIndex) -> None:
    """Keep the index rows entity resolution left; none (the stage failed, or corrections apply): drop the stored index,
    so the next run resolves the whole corpus again."""
    rows = index.rows
    if rows is None:
        store.save_entity_index("", {}, {}, replace_all=True)
    elif rows.forms or rows.resolved or rows.gone or rows.replace_all:
        store.save_entity_index(rows.settings, rows.forms, rows.resolved, gone=rows.gone, replace_all=rows.replace_all)


def _duplicate_index(store: Store, reuse: bool) -> StoredIndex:
    """The stored duplicate search (``reuse`` False: none, every document is searched and the rows replaced)."""
    settings, indexed = store.band_index() if reuse else ("", set())

    def signatures(ids: list[str]) -> dict[str, Signature]:
        return {i: Signature.from_row(row) for i, row in store.signatures(ids)}

    return StoredIndex(settings, indexed, store.corpus_items("duplicate") if indexed else [], store.band_docs, signatures,
                       replace_all=not reuse)


def _save_index(store: Store, index: StoredIndex, result: CorpusResult) -> None:
    """Keep the band rows of the documents this run searched (after the links they belong to are saved).

    If the duplicate stage failed, the saved links are incomplete: the stored search is dropped,
    so the next run searches every document again.
    """
    failed = any(f.get("stage") == DUPLICATES_STAGE for f in result.failures)
    if failed:
        store.save_bands("", [], [], replace_all=True)
    elif index.searched or index.replace_all:
        store.save_bands(index.settings, index.searched, index.new_rows, replace_all=index.replace_all)


def write_outputs(store: Store, corpus: CorpusResult, json_path: str | Path | None, html_path: str | Path | None, *, title: str = "Lagebild",
                  timings: MutableMapping[str, float] | None = None, csv_dir: str | Path | None = None) -> list[Path]:
    """Write the export, the CSV tables and the report of ``store`` from one pass over its documents, a batch at a time.

    Each document is read once, added to the export file (``ExportWriter``), to the CSV tables
    (``CsvWriter``, into ``csv_dir``) and to what the report needs of it (``ReportInputs``: its
    metadata), and let go; the report then reads again only the few articles it shows in full.
    ``timings`` receives wall seconds under "export" (the pass and the export files) and "report".
    Returns the paths of the CSV tables written.
    """
    from lagebild.export.csv_stream import CsvWriter
    from lagebild.export.doc_outputs import document_outputs
    from lagebild.export.json_export import document_entries
    from lagebild.export.stream import ExportWriter
    from lagebild.report.html import DOCUMENT_BATCH, FULL_REPORT_ARTICLES, ReportInputs, documents_with_sources, write_report

    started = time.perf_counter()
    inputs = ReportInputs(corpus) if html_path is not None else None
    # Each document's part of the outputs is kept in the store (``doc_outputs``): the untouched documents
    # of a run that adds to a large store are not read again. A report that shows every article, or
    # entities derived from the documents (no cross-source entities), needs the documents themselves.
    parts = html_path is None or (bool(corpus.entities) and store.count_documents() > FULL_REPORT_ARTICLES)
    with ExportWriter(json_path, corpus) if json_path is not None else nullcontext() as export, \
            CsvWriter(csv_dir, corpus) if csv_dir is not None else nullcontext() as tables:
        written = export is not None or tables is not None  # else the report alone: no entries are built
        for doc_id, part in document_outputs(store, corpus, batch=DOCUMENT_BATCH, version=code_version(),
                                             entries=written) if parts else ():
            if export is not None:
                export.add_encoded(part.entries)
            if tables is not None:
                tables.add_entries(part.items())
            if inputs is not None:
                inputs.add_output(doc_id, part)
        for doc, sources in () if parts else documents_with_sources(store):
            if export is not None or tables is not None:
                entries = list(document_entries(doc, sources, corpus))  # computed once for both writers
                if export is not None:
                    export.add_entries(entries)
                if tables is not None:
                    tables.add_entries(entries)
            if inputs is not None:
                inputs.add(doc, sources)
    if timings is not None:
        timings["export"] = time.perf_counter() - started
    if html_path is not None:
        started = time.perf_counter()
        write_report(store, html_path, title=title, corpus=corpus, inputs=inputs)
        if timings is not None:
            timings["report"] = time.perf_counter() - started
    return tables.paths if tables is not None else []
