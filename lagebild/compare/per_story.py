"""Run the story-scoped compare stages once per story and merge their outputs.

Events, the timeline, claim groups, coverage, inconsistencies and date inference never look
across stories (their candidates are blocked by story), so each runs on a ``CorpusContext``
holding one story's documents and the corpus-level results that concern them (its copies, the
entities its articles mention). A story's outputs form a ``StoryPart``: typed items that the
store keeps as rows under the story id, together with a fingerprint of everything the story's
stages read. A later run whose fingerprint for a story is unchanged reuses the stored part
instead of recomputing it, so a run's cross-source cost follows the stories it touched.

Merging restores the corpus-wide order of every list (the order each stage sorts by), so the
picture is the one a single pass over the whole corpus would give.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field, replace
from typing import Any

from lagebild.compare import COMPARE, CorpusContext, CorpusResult, is_per_story, run_corpus_stages, run_timed_stage
from lagebild.compare.story_pool import (
    MISSING_WEIGHTS,
    WORKER_PREFIX,
    OutputRow,
    Outputs,
    StoryJob,
    StoryShared,
    Submit,
    batches,
    run_story_batch,
)
from lagebild.compare.word_rows import cached_words
from lagebild.fingerprints import code_version
from lagebild.model import Document

log = logging.getLogger(__name__)

__all__ = ["STORY_KINDS", "CompareRun", "StoryInputs", "StoryPart", "code_version", "compare_stories", "merge_parts", "story_inputs"]

#: ``stored(story id, fingerprint)``: the part a store kept for this story if its fingerprint is this one up to
#: the word weights (the part after "/"), else None; ``compare_stories`` checks the rest
StoredParts = Callable[[str | None, str], "StoryPart | None"]

#: the item kinds a story part holds (``coverage``: which keys of the coverage table the part has)
STORY_KINDS: tuple[str, ...] = (
    "coverage", "event", "timeline", "claim_group", "inconsistency", "inferred_date", "coverage_source", "coverage_row",
    "timeline_gap", "failure",
)


@dataclass
class StoryPart:
    """What the story-scoped stages produced for one story (``story`` None: the corpus as one pool)."""

    story: str | None
    fingerprint: str
    events: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    claim_groups: list[dict[str, Any]] = field(default_factory=list)
    inconsistencies: list[dict[str, Any]] = field(default_factory=list)
    inferred_dates: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: this story's part of ``CorpusResult.coverage`` (``sources``, ``rows``, ``timeline_gaps``); empty without coverage
    coverage: dict[str, Any] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    #: read from the store, not recomputed in this run
    reused: bool = False
    #: reused under a new fingerprint (only the word weights changed and inference gave the same dates)
    refingerprinted: bool = False

    @classmethod
    def of(cls, story: str | None, fingerprint: str, result: CorpusResult) -> StoryPart:
        cov = result.coverage or {}
        coverage: dict[str, Any] = {k: cov[k] for k in ("sources", "rows", "timeline_gaps") if k in cov}
        return cls(story, fingerprint, result.events, result.timeline, result.claim_groups, result.inconsistencies,
                   result.inferred_dates, coverage, result.failures)

    def items(self) -> Iterator[tuple[str, str, Any]]:
        """Yield ``(kind, item id, JSON-ready payload)`` for every item, in order (the store's rows)."""
        for e in self.events:
            yield "event", str(e.get("id")), e
        for t in self.timeline:
            yield "timeline", str(t.get("event")), t
        for g in self.claim_groups:
            yield "claim_group", str(g.get("id")), g
        for i in self.inconsistencies:
            yield "inconsistency", str(i.get("id")), i
        for doc, value in self.inferred_dates.items():
            yield "inferred_date", doc, value
        if self.coverage:
            yield "coverage", "", list(self.coverage)  # which parts of the table the stage wrote (even when empty)
            for s in self.coverage.get("sources") or []:
                yield "coverage_source", str(s.get("doc")), s
            for r in self.coverage.get("rows") or []:
                yield "coverage_row", str(r.get("id")), r
            for gap in self.coverage.get("timeline_gaps") or []:
                yield "timeline_gap", str(gap.get("story")), gap
        for f in self.failures:
            yield "failure", str(f.get("stage")), f

    @classmethod
    def from_items(cls, story: str | None, fingerprint: str, items: Iterable[tuple[str, str, Any]]) -> StoryPart:
        """Rebuild a part from the rows ``items`` wrote (same order)."""
        part = cls(story, fingerprint, reused=True)
        coverage: dict[str, list[Any]] = {}
        for kind, item_id, payload in items:
            if kind == "coverage":
                for key in payload:
                    coverage.setdefault(key, [])
            elif kind == "event":
                part.events.append(payload)
            elif kind == "timeline":
                part.timeline.append(payload)
            elif kind == "claim_group":
                part.claim_groups.append(payload)
            elif kind == "inconsistency":
                part.inconsistencies.append(payload)
            elif kind == "inferred_date":
                part.inferred_dates[item_id] = payload
            elif kind in ("coverage_source", "coverage_row", "timeline_gap"):
                key = {"coverage_source": "sources", "coverage_row": "rows", "timeline_gap": "timeline_gaps"}[kind]
                coverage.setdefault(key, []).append(payload)
            elif kind == "failure":
                part.failures.append(payload)
        part.coverage = coverage
        return part


@dataclass
class StoryInputs:
    """The corpus-level results one story's stages read, cut down to that story."""

    story: dict[str, Any] | None
    doc_ids: list[str]
    result: CorpusResult
    origins: dict[str, str]


def story_inputs(result: CorpusResult, doc_ids: Sequence[str], origins: Mapping[str, str]) -> Iterator[StoryInputs]:
    """Yield, per story of ``result`` (in story order), its members and the results that concern them.

    Without stories (no stories stage, or it failed) the whole corpus is one pool, as before
    stories existed. Copies always share a story, so a story's copy links are its members' links.
    """
    if not result.stories:
        yield StoryInputs(None, list(doc_ids), result, dict(origins))
        return
    known = set(doc_ids)
    dups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in result.duplicates:
        dups[str(link.get("doc"))].append(link)
    by_doc: dict[str, dict[str, str]] = defaultdict(dict)
    for mention, entity in result.mention_entity.items():
        by_doc[mention.split("#", 1)[0]][mention] = entity
    entities = {str(e.get("id")): e for e in result.entities if e.get("id")}
    for story in result.stories:
        members = [str(m.get("doc")) for m in story.get("members") or [] if str(m.get("doc")) in known]
        mention_entity: dict[str, str] = {}
        for d in members:
            mention_entity.update(by_doc.get(d, {}))
        used = sorted(set(mention_entity.values()))
        sub = CorpusResult(
            duplicates=[x for d in members for x in dups.get(d, ())],
            entities=[entities[e] for e in used if e in entities],
            stories=[story],
            mention_entity=mention_entity,
        )
        yield StoryInputs(story, members, sub, {d: origins.get(d, d) for d in members})


def fingerprint(inputs: StoryInputs, docs: Sequence[Document], salt: str, counts: Mapping[str, int] | None = None) -> str:
    """A digest of everything the story's stages read but the corpus word weights (see ``weighed_words``):
    its documents, copies, entity ids and names, origins and story record, and ``salt`` (stages,
    settings, corrections, code version). ``counts``: each document's number of annotations, when
    ``docs`` are views holding only some of them."""
    h = hashlib.blake2b(digest_size=16)

    def put(obj: Any) -> None:
        h.update(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\0")

    put(salt)
    put(inputs.story)
    for doc in docs:
        n = counts.get(doc.id, len(doc.annotations)) if counts is not None else len(doc.annotations)
        put([doc.id, doc.hash, n, sorted(doc.produced), doc.meta.published.value,
             doc.meta.published.precision, doc.meta.title, doc.meta.outlet])
    put(inputs.result.duplicates)
    put(sorted(inputs.result.mention_entity.items()))
    put([[e.get("id"), e.get("name")] for e in inputs.result.entities])
    put(sorted(inputs.origins.items()))
    return h.hexdigest()


DATES_STAGE = "dates.infer.v1"


def _digest(obj: Any) -> str:
    return hashlib.blake2b(json.dumps(obj, ensure_ascii=False).encode(), digest_size=8).hexdigest()


def _recheck_dates(part: StoryPart, base: str, sub: CorpusContext, names: Sequence[str], settings: Mapping[str, Any],
                   built: Mapping[str, Any], timings: MutableMapping[str, float] | None,
                   weights: Callable[[], str]) -> tuple[StoryPart | None, list[str], str]:
    """A stored part of the story's inputs (``base``) but for the word weights its date inference read.

    Runs inference again on ``sub``: when it gives the stored inferred dates (the other stages read
    nothing else that changed), returns the part under its new fingerprint; else no part and the
    stages still to run on ``sub``. Also returns the fingerprint (``base`` and ``weights()``, the
    weights this inference read).
    """
    if DATES_STAGE not in names:
        return None, list(names), base
    # stages before inference do not read inferred dates (the order check ensures it): run them too
    upto = list(names).index(DATES_STAGE)
    for name in names[: upto + 1]:
        run_timed_stage(name, sub, settings[name], timings, built[name])
    fp = base + weights()
    same = not sub.result.failures and json.loads(json.dumps(sub.result.inferred_dates, ensure_ascii=False)) == part.inferred_dates
    if same:
        return replace(part, fingerprint=fp, refingerprinted=True), [], fp
    return None, list(names[upto + 1 :]), fp


def weighed_words(fingerprint: str) -> frozenset[str] | None:
    """The words whose corpus weights date inference read for a stored part (None: not recorded, a part of an older run)."""
    pieces = fingerprint.split("/")
    if len(pieces) == 1:
        return frozenset()
    if len(pieces) == 3:
        return frozenset(pieces[2].split())
    return None


class _ReadWeights(Mapping[str, int]):
    """The corpus document frequencies as date inference reads them: each word looked up is noted in ``seen``.

    Inference weighs only the words a relative expression's sentence shares with a dated fact of
    its story, so most stories read none (and then no corpus frequencies are computed at all).
    """

    def __init__(self, frequencies: Callable[[], Mapping[str, int]], seen: set[str]) -> None:
        self._frequencies = frequencies
        self.seen = seen

    def __getitem__(self, word: str) -> int:
        self.seen.add(word)
        return self._frequencies().get(word, 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._frequencies())

    def __len__(self) -> int:
        return len(self._frequencies())


def _date_words(doc: Document) -> frozenset[str]:
    from lagebild.compare.dates import word_counts

    return frozenset(word_counts([doc])[1])


def merge_parts(result: CorpusResult, parts: Sequence[StoryPart], doc_ids: Sequence[str],
                timeline_key: Callable[[dict[str, Any]], Any], with_coverage: bool) -> None:
    """Fill ``result``'s story-scoped fields from ``parts`` in the corpus-wide order of each list."""
    events = sorted((e for p in parts for e in p.events), key=lambda e: (e["date"]["start"] if e.get("date") else "9999", e["id"]))
    groups = sorted((g for p in parts for g in p.claim_groups), key=lambda g: (-g["independent_sources"], g["subject"], g["id"]))
    result.events = events
    result.claim_groups = groups
    result.timeline = sorted((t for p in parts for t in p.timeline), key=timeline_key)
    event_at = {e["id"]: i for i, e in enumerate(events)}
    group_at = {g["id"]: i for i, g in enumerate(groups)}
    found = [i for p in parts for i in p.inconsistencies]
    # the finder lists event conflicts in event order, then contradicted groups in group order
    result.inconsistencies = [x for _, x in sorted(enumerate(found), key=lambda t: _inconsistency_rank(t[1], t[0], event_at, group_at))]
    position = {d: i for i, d in enumerate(doc_ids)}
    dates = [(d, v) for p in parts for d, v in p.inferred_dates.items()]
    result.inferred_dates = dict(sorted(dates, key=lambda dv: position.get(dv[0], len(position))))
    seen: set[tuple[str, str, str]] = set()
    for p in parts:
        for f in p.failures:
            key = (str(f.get("stage")), str(f.get("error")), str(f.get("message")))
            if key not in seen:
                seen.add(key)
                result.failures.append(f)
    if with_coverage:
        result.coverage = _merge_coverage(result, parts, position, event_at, group_at)


def _inconsistency_rank(item: dict[str, Any], n: int, event_at: dict[str, int], group_at: dict[str, int]) -> tuple[int, int, int]:
    if item.get("event") in event_at:
        return (0, event_at[item["event"]], n)
    if item.get("claim_group") in group_at:
        return (1, group_at[item["claim_group"]], n)
    return (2, 0, n)


def _merge_coverage(result: CorpusResult, parts: Sequence[StoryPart], position: dict[str, int],
                    event_at: dict[str, int], group_at: dict[str, int]) -> dict[str, Any]:
    from lagebild.compare.coverage import origin_label

    sources = sorted((s for p in parts for s in (p.coverage.get("sources") or [])), key=lambda s: position.get(s["doc"], len(position)))

    def row_rank(r: dict[str, Any]) -> tuple[int, int]:
        return (0, event_at.get(r["id"], 0)) if r.get("kind") == "event" else (1, group_at.get(r["id"], 0))

    rows = sorted((r for p in parts for r in (p.coverage.get("rows") or [])), key=row_rank)
    story_at = {s.get("id"): i for i, s in enumerate(result.stories)}
    gaps = sorted((g for p in parts for g in (p.coverage.get("timeline_gaps") or [])), key=lambda g: story_at.get(g.get("story"), 0))
    origins = {s["doc"]: s.get("origin", s["doc"]) for s in sources}
    single = [r for r in rows if r["independent_sources"] == 1]
    return {
        "sources": sources,
        "rows": rows,
        "single_source": [{"kind": r["kind"], "id": r["id"], "label": r["label"], "doc": r["docs"][0] if r["docs"] else None}
                          for r in single],
        "independent_sources": len(set(origins.values())),
        "sources_label": origin_label(origins, [s["doc"] for s in sources]),
        "timeline_gaps": gaps,
    }


class _StoryContext:
    """One story's ``CorpusContext``, made when a stage first needs it: with its whole documents
    (``load``), or with the documents at hand when they are whole."""

    def __init__(self, ids: Sequence[str], docs: Sequence[Document], result: CorpusResult, corrections: list[dict[str, Any]],
                 load: Callable[[Sequence[str]], Mapping[str, Document]] | None) -> None:
        self.ids, self.docs, self.result, self.corrections, self.load = ids, docs, result, corrections, load
        self.ctx: CorpusContext | None = None

    def get(self, timings: MutableMapping[str, float] | None) -> CorpusContext:
        if self.ctx is None:
            docs = self.docs
            if self.load is not None:
                started = time.process_time()
                whole = self.load(self.ids)
                docs = [whole.get(d.id, d) for d in self.docs]
                if timings is not None:
                    timings["load story documents"] = timings.get("load story documents", 0.0) + time.process_time() - started
            self.ctx = CorpusContext(docs=docs, result=self.result, corrections=self.corrections)
        return self.ctx


@dataclass
class CompareRun:
    """The merged picture and the per-story parts it was merged from (the store writes both)."""

    result: CorpusResult
    parts: list[StoryPart]

    @property
    def recomputed(self) -> int:
        return sum(1 for p in self.parts if not p.reused)


def compare_stories(
    docs: Sequence[Document],
    *,
    stages: Sequence[str] | None = None,
    corrections: list[dict[str, Any]] | None = None,
    timings: MutableMapping[str, float] | None = None,
    configs: Mapping[str, Mapping[str, Any]] | None = None,
    stored: StoredParts | None = None,
    version: str = "",
    load: Callable[[Sequence[str]], Mapping[str, Document]] | None = None,
    counts: Mapping[str, int] | None = None,
    submit: Submit | None = None,
    store: str | None = None,
    save_outputs: Callable[[list[OutputRow]], None] | None = None,
    release: bool = False,
) -> CompareRun:
    """Run the corpus-wide stages on ``docs``, then the per-story stages story by story.

    ``stored`` gives a story's part from an earlier run when its fingerprint is unchanged
    (then its stages do not run again); ``version`` (of the code, ``code_version``) goes into every fingerprint.

    ``load``: ``docs`` are views (``view_kinds``: the annotations the corpus-wide stages read, the
    rest of each document whole, and in ``counts`` how many annotations each has in all); the
    per-story stages of a story that is recomputed get its whole documents from ``load(ids)``,
    one story at a time, so only one story's documents are whole at once.

    ``submit`` and ``store`` (with ``load``): the stories to recompute run in batches on worker
    processes (``submit(fn, *args)``, e.g. ``TaskHost.submit_task``), which read their documents
    from the store at ``store`` (a URL or path) themselves; a batch no worker takes runs here.
    ``save_outputs``: the workers also build the output parts of the documents they read (``StoryShared.outputs``),
    and each batch's parts go to ``save_outputs`` as the batch comes back: none is kept here, so this
    process's memory does not grow with the corpus.

    ``release`` (only with ``load`` and ``counts``, else ValueError): the views are the caller's to lose. Once the corpus-wide stages are
    done, each view lets go of its annotations (the per-story stages read whole documents from
    ``load``, the fingerprints count from ``counts``): what the corpus-wide stages read of every
    document is not held through the per-story stages and the merge.
    """
    importlib.import_module("lagebild.compare.builtin")
    from lagebild.compare import default_compare_stages
    from lagebild.compare.coverage import corpus_origins, independent_origins
    from lagebild.compare.dates import WordCounts, corpus_word_counts
    from lagebild.compare.timeline import timeline_key

    names = list(stages if stages is not None else default_compare_stages())
    corrections = list(corrections or [])
    if release and (load is None or counts is None):  # else the per-story stages and fingerprints would read emptied views
        raise ValueError("release needs load and counts: the views' annotations are dropped after the corpus-wide stages")
    ctx = CorpusContext(docs=docs, result=CorpusResult(), corrections=corrections)
    run_corpus_stages(ctx, names, timings=timings, configs=configs)
    result = ctx.result
    if release:
        for doc in docs:
            doc.annotations = []
    story_names = [n for n in names if is_per_story(n)]
    if not story_names:
        return CompareRun(result, [])
    settings = {n: dict((configs or {}).get(n) or {}) for n in story_names}
    built = {n: COMPARE.build(n, settings[n]) for n in story_names}
    salt = json.dumps([version, story_names, settings, corrections], sort_keys=True, ensure_ascii=False, default=str)
    started = time.process_time()
    origins = independent_origins(result, docs)
    by_id = {d.id: d for d in docs}
    doc_ids = [d.id for d in docs]
    if timings is not None:
        timings["compare:origins"] = timings.get("compare:origins", 0.0) + time.process_time() - started
    parts: list[StoryPart | None] = []
    #: stories computed in worker processes: their place in ``parts`` and their inputs
    pooled = submit is not None and store is not None and load is not None
    jobs: list[tuple[int, StoryJob]] = []
    frequencies: list[Counter[str]] = []
    #: the words the current story's date inference looked up (their weights go into its fingerprint)
    weighed: set[str] = set()

    def doc_words(doc: Document) -> frozenset[str]:
        # a stored article's words come from its row (``word_rows``), decoded again when asked for again: kept for
        # every document (the corpus frequencies read them all) they took ~15 KB an article through the per-story
        # stages and the merge, the step's peak, while a batch of stories asks again only for its own documents
        return cached_words(doc, "dates", _date_words, sorted, frozenset)

    def corpus_frequencies() -> Counter[str]:  # only when a story's inference weighs a word
        if not frequencies:
            df: Counter[str] = Counter()
            for d in docs:
                df.update(doc_words(d))
            frequencies.append(df)
        return frequencies[0]

    read_weights = _ReadWeights(corpus_frequencies, weighed)

    def weights_of(words: Iterable[str]) -> str:
        """The fingerprint's part for the corpus weights of ``words`` (none read: empty)."""
        words = sorted(words)
        if not words:
            return ""
        df = corpus_frequencies()
        return "/" + _digest([len(docs), [(w, df[w]) for w in words]]) + "/" + " ".join(words)

    def corpus_words() -> WordCounts:
        return len(docs), read_weights

    with corpus_origins(origins), corpus_word_counts(corpus_words):
        for inputs in story_inputs(result, doc_ids, origins):
            story_docs = [by_id[i] for i in inputs.doc_ids]
            story_id = str(inputs.story.get("id")) if inputs.story is not None else None
            base = fingerprint(inputs, story_docs, salt, counts if load is not None else None)
            part = stored(story_id, base) if stored is not None else None
            sub = _StoryContext(inputs.doc_ids, story_docs, inputs.result, corrections, load)
            todo = story_names
            weighed.clear()
            fp = base
            if part is not None and part.fingerprint.split("/", 1)[0] == base:
                kept = weighed_words(part.fingerprint)
                if kept is None or base + weights_of(kept) != part.fingerprint:
                    # Inference weighed words whose corpus weights changed (any added article changes
                    # them): run it again; if the story's inferred dates came out as stored, nothing
                    # else it feeds changed and the part stands.
                    part, todo, fp = _recheck_dates(part, base, sub.get(timings), story_names, settings, built, timings,
                                                    lambda: weights_of(weighed))
            else:
                part = None
            if part is None and todo is story_names and pooled:
                # computed from scratch: in a worker (below), with the other stories of its batch
                jobs.append((len(parts), StoryJob(story_id, base, list(inputs.doc_ids), inputs.result)))
                parts.append(None)
                continue
            if part is None:
                ctx = sub.get(timings)
                for name in todo:
                    run_timed_stage(name, ctx, settings[name], timings, built[name])
                    if name == DATES_STAGE:
                        fp = base + weights_of(weighed)
                part = StoryPart.of(story_id, fp, ctx.result)
            parts.append(part)  # the story's whole documents (``sub``) go with the next story
        if jobs:
            # the code version: the export looks the parts up by a digest of it
            code = code_version() if save_outputs is not None else None
            shared = StoryShared(story_names, settings, corrections, {}, len(docs), None, store=store, outputs=code)
            pool = _Pool(shared, by_id, origins, doc_words, corpus_frequencies, load, save_outputs)
            for at, got in pool.parts(jobs, submit, timings):
                parts[at] = got
    with_coverage = any("coverage" in COMPARE.info(n).produces for n in story_names)
    done = [p for p in parts if p is not None]
    merge_parts(result, done, doc_ids, timeline_key, with_coverage)
    return CompareRun(result, done)


#: documents per batch of stories sent to a worker: enough to outweigh sending the corpus-wide inputs along
POOL_BATCH_DOCS = 48


#: seconds to wait for a batch of stories from a worker, and per document of the batch: past that, the batch is
#: computed in this process (a stuck worker must not hang the run)
POOL_TIMEOUT = 120.0
POOL_TIMEOUT_PER_DOC = 5.0


class _Pool:
    """Send batches of stories to the workers, each with what it reads of the corpus (never the whole corpus's
    tables), and compute here a batch no worker takes, finishes in time, or can compute with what it got."""

    def __init__(self, shared: StoryShared, views: Mapping[str, Document], origins: Mapping[str, str],
                 doc_words: Callable[[Document], frozenset[str]], frequencies: Callable[[], Mapping[str, int]],
                 load: Callable[[Sequence[str]], Mapping[str, Document]] | None,
                 save_outputs: Callable[[list[OutputRow]], None] | None = None) -> None:
        self.shared, self.views, self.origins, self.load = shared, views, origins, load
        #: takes each batch's output parts (``StoryShared.outputs``) as it comes back: the pool keeps none
        self.save_outputs = save_outputs
        self.doc_words, self.frequencies = doc_words, frequencies
        #: a story's date inference was seen to weigh words: batches sent from now on carry their words' weights
        self.weighed = False

    def payload(self, batch: Sequence[StoryJob]) -> StoryShared:
        """``shared`` cut down to ``batch``: its documents' origins and (once needed) their words' frequencies."""
        ids = [i for job in batch for i in job.doc_ids]
        origins = {i: self.origins[i] for i in ids if i in self.origins}
        frequencies: dict[str, int] | None = None
        if self.weighed:
            df = self.frequencies()
            frequencies = {w: df[w] for i in ids for w in self.doc_words(self.views[i])}
        return replace(self.shared, origins=origins, frequencies=frequencies)

    def parts(self, jobs: Sequence[tuple[int, StoryJob]], submit: Submit | None,
              timings: MutableMapping[str, float] | None) -> Iterator[tuple[int, StoryPart]]:
        """Each job's place and part, computed in batches on the workers (``submit``)."""
        pending: list[tuple[list[tuple[int, StoryJob]], Any]] = []
        ordered = [job for _, job in jobs]
        places = [at for at, _ in jobs]
        k = 0
        for batch in batches(ordered, POOL_BATCH_DOCS):
            mine = list(zip(places[k : k + len(batch)], batch, strict=True))
            k += len(batch)
            pending.append((mine, self._submit(submit, batch)))
        failed = 0
        #: batches sent before their words' weights were seen to be needed, sent again with them
        retried: list[tuple[list[tuple[int, StoryJob]], Any]] = []
        for n, (mine, fut) in enumerate(pending):
            batch = [job for _, job in mine]
            got = self._wait(fut, batch)
            if got is not None and got[0] == MISSING_WEIGHTS and submit is not None:
                self._spent(got[1], WORKER_PREFIX, timings)  # CPU spent on the undone batch
                first = not self.weighed
                self.weighed = True
                # sent again with its words' weights, to the workers: the batches that were running come back
                # undone too, and computing them here one after the other would leave the workers idle
                retried.append((mine, self._submit(submit, batch)))
                if first:  # from now on batches carry their words' frequencies: the ones no worker started are sent again
                    for i in range(n + 1, len(pending)):
                        later_mine, later = pending[i]
                        if later is not None and later.cancel():
                            pending[i] = (later_mine, self._submit(submit, [job for _, job in later_mine]))
                continue
            outputs, here = self._outputs(got, batch, timings)
            failed += here
            yield from self._parts(mine, outputs)
        for mine, fut in retried:
            batch = [job for _, job in mine]
            outputs, here = self._outputs(self._wait(fut, batch), batch, timings)
            failed += here
            yield from self._parts(mine, outputs)
        if failed and timings is not None:
            timings["story batches computed here"] = timings.get("story batches computed here", 0.0) + failed

    def _outputs(self, got: Any, batch: Sequence[StoryJob], timings: MutableMapping[str, float] | None) -> tuple[Outputs, bool]:
        """A batch's outputs: ``got`` from a worker, or computed here when the worker could not (then True)."""
        if got is not None:
            self._spent(got[1], WORKER_PREFIX, timings)  # a worker's CPU is kept apart from this process's
            if not isinstance(got[0], str):
                return got[0], False
        outputs, spent = self._here(batch)
        self._spent(spent, "", timings)
        return outputs, True

    def _parts(self, mine: Sequence[tuple[int, StoryJob]], outputs: Outputs) -> Iterator[tuple[int, StoryPart]]:
        assert not isinstance(outputs, str)
        rows = [row for *_, story_rows in outputs for row in story_rows]
        if rows and self.save_outputs is not None:  # saved as each batch comes: kept to the end, they grow with the corpus
            self.save_outputs(rows)
        for (at, job), (fields_, base, weighed, _) in zip(mine, outputs, strict=True):
            yield at, StoryPart(job.story, base + self._weights_part(weighed), **fields_)

    @staticmethod
    def _spent(spent: Mapping[str, float], where: str, timings: MutableMapping[str, float] | None) -> None:
        if timings is not None:
            for key, value in spent.items():
                timings[where + key] = timings.get(where + key, 0.0) + value

    def _submit(self, submit: Submit | None, batch: Sequence[StoryJob]) -> Any:
        return submit(run_story_batch, self.payload(batch), batch) if submit is not None else None

    def _wait(self, fut: Any, batch: Sequence[StoryJob]) -> Any:
        if fut is None:
            return None
        timeout = POOL_TIMEOUT + POOL_TIMEOUT_PER_DOC * sum(len(job.doc_ids) for job in batch)
        try:
            return fut.result(timeout=timeout)
        except FuturesTimeout:
            fut.cancel()
            _warn_once(f"a batch of stories took a worker more than {timeout:.0f} s; computing it here")
        except Exception as exc:  # a worker died or a result could not travel: computed here instead
            _warn_once(f"a batch of stories failed in a worker ({type(exc).__name__}: {exc}); computing it here")
            log.debug("the failed batch", exc_info=True)
        return None

    def _here(self, batch: Sequence[StoryJob]) -> tuple[Any, dict[str, float]]:
        """Run ``batch`` in this process: whole documents from ``load``, the views for those it does not return
        (as the one-process path), the corpus frequencies at hand (computed when first read)."""
        ids = [i for job in batch for i in job.doc_ids]
        docs = {i: self.views[i] for i in ids if i in self.views}
        if self.load is not None:
            docs.update(self.load(ids))
        here = replace(self.payload(batch), store=None, docs=docs, frequencies=_ReadWeights(self.frequencies, set()),
                       every_word=True)
        return run_story_batch(here, batch)

    def _weights_part(self, words: Iterable[str]) -> str:
        """The fingerprint's part for the corpus weights of ``words`` (as ``compare_stories``'s ``weights_of``)."""
        ordered = sorted(words)
        if not ordered:
            return ""
        df = self.frequencies()
        return "/" + _digest([self.shared.n_docs, [(w, df.get(w, 0)) for w in ordered]]) + "/" + " ".join(ordered)


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    """Warn about a worker failure once per kind (a systematic one would otherwise repeat for every batch)."""
    kind = message.split("(", 1)[0]
    if kind not in _WARNED:
        _WARNED.add(kind)
        log.warning(message)
