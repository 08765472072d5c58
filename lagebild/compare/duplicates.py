"""Near-duplicates and copies across documents: MinHash LSH for candidates, exact check on shingles.

Exact duplicates (same file content) never reach this stage: ``analyze`` stores them once with
all their sources. Here we find articles that are the *same text* with small edits (a wire
story republished by several outlets) or a *truncated* copy of another one. Jaccard similarity
misses the second case, so candidates come from MinHash LSH Ensemble's rule for containment
("how much of A is inside B"), applied per pair of documents (``_Bands``), so the band keys can be
kept as rows of the store and a run searches only the documents it adds (``StoredIndex``). Every
candidate pair is then checked on the real shingle sets, so the reported scores are exact.

``result.duplicates`` entries: ``{"doc", "of", "kind", "score", "jaccard", "containment", "group"}``
where ``kind`` is ``"exact"`` (same cleaned text), ``"near"`` (Jaccard ≥ ``near``) or
``"contained"`` (≥ ``contained`` of ``doc``'s shingles are in ``of``); ``of`` is the earlier
(else longer) document. ``group`` is the copy group (smallest doc id in it):
``independent_groups`` maps every document to its group so later stages count independent
sources, not copies.

Shingling and MinHash are per document: ``Duplicates.signature`` computes both where the document
was analysed (a worker process), and ``precomputed_signatures`` hands them to this stage, which
then only indexes, queries and verifies. A signature is used only for the text and settings it
was computed from; otherwise the stage computes it itself (same result either way).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.model import Document

log = logging.getLogger(__name__)

__all__ = ["Duplicates", "Signature", "SignatureRow", "StoredIndex", "independent_groups", "precomputed_signatures", "shingles",
           "stored_index"]

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 5) -> set[bytes]:
    """Return the set of hashed word ``k``-grams of ``text`` (case- and punctuation-insensitive)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {hashlib.blake2b(" ".join(words[i : i + k]).encode(), digest_size=8).digest() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=8)
def _template(num_perm: int) -> Any:
    """A fresh ``MinHash(num_perm, seed=1)``: its permutations are generated once, not per document."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1)


def _text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class MinHashValues:
    """A MinHash as its hash values: all the band keys and the store read of it.

    Kept apart from datasketch's objects so that the process that only compares stored and
    received signatures never imports datasketch (and the scipy it pulls in: about a CPU second).
    """

    hashvalues: np.ndarray  # uint64
    scheme: str = ""

    def jaccard(self, other: MinHashValues) -> float:
        """The share of equal hash values (datasketch's estimate of the Jaccard similarity)."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self.hashvalues))


@dataclass(frozen=True, slots=True)
class Signature:
    """One document's shingles (sorted 64-bit ints) and MinHash, with what they were computed from."""

    settings: tuple[int, int, int]  # (k, num_perm, min_shingles)
    digest: bytes  # of the text the shingles come from
    members: np.ndarray  # the distinct shingles as sorted uint64: exact set sizes and overlaps
    minhash: MinHashValues | None  # None when too few shingles to compare

    @property
    def size(self) -> int:
        return int(self.members.size)

    def overlap(self, other: Signature) -> int:
        """Return the number of shingles both texts share."""
        return int(np.intersect1d(self.members, other.members, assume_unique=True).size)

    def to_row(self) -> SignatureRow:
        """The signature as a store row (without the document id): settings, digest, shingles, MinHash."""
        hashvalues = None if self.minhash is None else np.asarray(self.minhash.hashvalues, dtype=np.uint64).tobytes()
        scheme = None if self.minhash is None else self.minhash.scheme
        return ",".join(map(str, self.settings)), self.digest, self.members.astype("<u8").tobytes(), hashvalues, scheme

    @classmethod
    def from_row(cls, row: SignatureRow) -> Signature:
        """Rebuild a signature stored with ``to_row`` (same shingles and MinHash, no text needed)."""
        settings, digest, members, hashvalues, scheme = row
        k, num_perm, min_shingles = (int(x) for x in settings.split(","))
        lean = None
        if hashvalues is not None:
            lean = MinHashValues(np.frombuffer(bytes(hashvalues), dtype=np.uint64), scheme or "")
        return cls((k, num_perm, min_shingles), bytes(digest), np.frombuffer(bytes(members), dtype="<u8").astype(np.uint64), lean)


#: ``(settings "k,num_perm,min_shingles", text digest, shingles as little-endian uint64 bytes, MinHash
#: hash values as uint64 bytes or None, MinHash scheme or None)``: how a store keeps a signature
SignatureRow = tuple[str, bytes, bytes, bytes | None, str | None]


#: signatures computed elsewhere for the current run, by document id, and whether the stage takes them out
#: (``precomputed_signatures``)
_PRECOMPUTED: ContextVar[tuple[Mapping[str, Signature], bool] | None] = ContextVar("lagebild_duplicate_signatures",
                                                                                     default=None)


@contextmanager
def precomputed_signatures(signatures: Mapping[str, Signature], *, consume: bool = False) -> Iterator[None]:
    """Let ``Duplicates`` use these signatures (by document id) instead of computing them, inside the block.

    ``consume`` (``signatures`` a dict): the stage takes each one out as it reads it, so that the
    signatures of a whole first run are not held past the search (through story clustering)."""
    token = _PRECOMPUTED.set((signatures, consume))
    try:
        yield
    finally:
        _PRECOMPUTED.reset(token)


class UnionFind:
    """Disjoint sets of strings; a set's root is its smallest member (stable whatever the order of unions)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _size_bucket(n: int) -> int:
    """Round a set size up to a 5 % step for indexing.

    datasketch chooses its partitions with work quadratic in the number of *distinct* sizes
    (2 s of 3.4 s at 1,000 articles, and growing); a coarse grid keeps that constant. Rounding
    up only makes the index more lenient, and every candidate is verified on the real sets.
    """
    return n if n < 20 else math.ceil(1.05 ** math.ceil(math.log(n, 1.05)) - 1e-9)


def independent_groups(result: CorpusResult, doc_ids: Iterable[str] = ()) -> dict[str, str]:
    """Map each document to its copy group (documents without copies form their own group)."""
    uf = UnionFind()
    for doc_id in doc_ids:
        uf.find(doc_id)
    for dup in result.duplicates:
        uf.union(dup["doc"], dup["of"])
    return {d: uf.find(d) for d in uf.parent}


def _date_key(doc: Document) -> str:
    return doc.meta.published.value or "9999"


@COMPARE.register("duplicates.minhash.v1", requires=set(), produces={"duplicates"})
@dataclass
class Duplicates:
    """Link near-duplicates and truncated copies (MinHash LSH Ensemble, verified on shingles)."""

    k: int = 5  # words per shingle
    num_perm: int = 128
    near: float = 0.6  # Jaccard at or above: near-duplicate
    contained: float = 0.8  # share of the shorter text inside the longer: a (truncated) copy
    min_shingles: int = 8  # shorter texts are too small to call copies
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.duplicates = self.find(ctx.docs)

    def _settings(self) -> tuple[int, int, int]:
        return (self.k, self.num_perm, self.min_shingles)

    def signature(self, doc: Document) -> Signature:
        """Return the shingles and MinHash of ``doc``'s text (pure: may run in a worker process)."""
        from datasketch import LeanMinHash, MinHash

        text = doc.text or doc.original
        sh = shingles(text, self.k)
        # Shingles are 8-byte digests (sorted as bytes = sorted as big-endian ints); only a text
        # shorter than k words has one item of another length.
        items = sorted(b if len(b) == 8 else hashlib.blake2b(b, digest_size=8).digest() for b in sh)
        members = np.frombuffer(b"".join(items), dtype=">u8").astype(np.uint64)
        lean = None
        if len(sh) >= self.min_shingles:
            template = _template(self.num_perm)
            m = MinHash(num_perm=self.num_perm, seed=1, permutations=template.permutations, scheme=template.scheme)
            m.update_batch(list(sh))
            values = LeanMinHash(m)
            lean = MinHashValues(np.asarray(values.hashvalues, dtype=np.uint64), str(getattr(values, "scheme", "") or ""))
        return Signature(self._settings(), _text_digest(text), members, lean)

    def _signatures(self, docs: Sequence[Document]) -> dict[str, Signature]:
        """Signatures of the documents to compare (enough shingles), precomputed ones where they fit."""
        given, consume = _PRECOMPUTED.get() or ({}, False)
        take = given.pop if consume and isinstance(given, dict) else given.get
        settings = self._settings()
        out = {}
        for doc in docs:
            sig = take(doc.id, None)
            if sig is None or sig.settings != settings or sig.digest != _text_digest(doc.text or doc.original):
                sig = self.signature(doc)
            if sig.minhash is not None:
                out[doc.id] = sig
        return out

    def band_settings(self) -> str:
        """What the band keys depend on: a stored band index made under other settings is not used."""
        return f"bands1:{self.k},{self.num_perm},{self.min_shingles},{min(self.contained, self.near)}"

    def bands(self, sig: Signature) -> list[int]:
        """The band keys of ``sig`` (empty without a MinHash): rows of a persisted index, see ``_Bands``."""
        if sig.minhash is None:
            return []
        return _bands(self.band_settings(), self.num_perm, min(self.contained, self.near)).keys(sig)

    def find(self, docs: Sequence[Document]) -> list[dict[str, Any]]:
        """Return the duplicate links among ``docs``."""
        index = _STORED_INDEX.get()
        if index is not None:
            if index.settings != self.band_settings():  # rows made under other settings: all searched, all replaced
                index.settings, index.indexed, index.links, index.replace_all = self.band_settings(), set(), [], True
            return self._find_new(docs, index)
        sigs = self._signatures(docs)
        if len(sigs) < 2:
            return []
        bands = _bands(self.band_settings(), self.num_perm, min(self.contained, self.near))
        buckets: dict[int, list[str]] = defaultdict(list)
        slots: dict[int, int] = {}
        for doc_id, sig in sigs.items():
            for j, key in enumerate(bands.keys(sig)):
                buckets[key].append(doc_id)
                slots[key] = j
        pairs = bands.candidates(((members, slots[key]) for key, members in buckets.items()), {d: s.size for d, s in sigs.items()})
        by_id = {doc.id: doc for doc in docs if doc.id in sigs}
        return _group(self._verify(sorted(pairs), sigs, by_id.__getitem__))

    def _find_new(self, docs: Sequence[Document], index: StoredIndex) -> list[dict[str, Any]]:
        """Links among ``docs`` from the stored links of indexed documents and a search for the others only."""
        ids = {d.id for d in docs}
        by_id = {doc.id: doc for doc in docs}
        fresh_docs = [d for d in docs if d.id not in index.indexed]
        kept = [link for link in index.links if link["doc"] in ids and link["of"] in ids
                and link["doc"] in index.indexed and link["of"] in index.indexed]
        sigs = self._signatures(fresh_docs)
        bands = _bands(self.band_settings(), self.num_perm, min(self.contained, self.near))
        new_ids = list(sigs)
        # every new document's band keys as one array (a row per document): a first run over the whole corpus
        # has hundreds of keys per document, nearly all of them held by no other document
        width = len(bands.slots)
        keys = np.array([bands.keys(sig) for sig in sigs.values()], dtype=np.int64).reshape(len(new_ids), width)
        buckets = SharedBuckets(keys, new_ids, index.lookup, ids, index.indexed)
        stored_ids = sorted(buckets.stored_ids)
        stored_sigs = dict(index.signatures(stored_ids))
        for doc_id in stored_ids:  # a signature the store lost or made under other settings: computed again
            sig = stored_sigs.get(doc_id)
            if sig is None or sig.settings != self._settings():
                stored_sigs[doc_id] = self.signature(by_id[doc_id])
        stored_sigs = {d: s for d, s in stored_sigs.items() if s.minhash is not None}
        all_sigs = {**stored_sigs, **sigs}
        sizes = {d: s.size for d, s in all_sigs.items()}
        pairs = {p for p in bands.candidates(((members, slot) for _, members, slot in buckets), sizes) if p[0] in sigs or p[1] in sigs}
        del buckets
        found = self._verify(sorted(pairs), all_sigs, by_id.__getitem__)
        links = sorted(kept + found, key=lambda x: tuple(sorted((x["doc"], x["of"]))))
        # what the store is to keep, only once the search is complete
        index.new_rows = BandRows(new_ids, keys)
        index.searched = [d.id for d in fresh_docs]
        return _group([{k: v for k, v in link.items() if k != "group"} for link in links])

    def _verify(self, pairs: Sequence[tuple[str, str]], sigs: Mapping[str, Signature],
                doc: Callable[[str], Document]) -> list[dict[str, Any]]:
        """The candidate pairs that are copies, checked on their real shingle sets (in the order given)."""
        links: list[dict[str, Any]] = []
        for a, b in pairs:
            sa, sb = sigs[a], sigs[b]
            inter = sa.overlap(sb)
            if not inter:
                continue
            jac = inter / (sa.size + sb.size - inter)
            small, big = (a, b) if (sa.size, a) <= (sb.size, b) else (b, a)
            cont = inter / sigs[small].size
            # the same text has the same shingles: only then are the texts compared
            if inter == sa.size == sb.size and " ".join((doc(a).text or "").split()) == " ".join((doc(b).text or "").split()):
                kind, score = "exact", 1.0
            elif jac >= self.near:
                kind, score = "near", jac
            elif cont >= self.contained:
                kind, score = "contained", cont
            else:
                continue
            if kind == "contained":
                first, of = small, big
            else:  # the later copy points to the earlier one (then: the shorter to the longer)
                first, of = sorted((a, b), key=lambda d: (_date_key(doc(d)), -sigs[d].size, d), reverse=True)
            links.append({"doc": first, "of": of, "kind": kind, "score": round(score, 4),
                          "jaccard": round(jac, 4), "containment": round(cont, 4)})
        return links


def _group(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each link's copy group (the smallest document id among the documents it joins)."""
    uf = UnionFind()
    for link in links:
        uf.union(link["doc"], link["of"])
    for link in links:
        link["group"] = uf.find(link["doc"])
    return links


class _Bands:
    """Band keys of MinHash signatures and the rule that makes two documents a candidate pair.

    It reproduces MinHash LSH Ensemble (containment search, Zhu et al. 2016, as datasketch builds
    it) with one partition per indexed size: for a query of ``q`` shingles and an indexed set of
    ``x`` (rounded up, ``_size_bucket``), the ensemble's optimal ``(b, r)`` for ``x / q`` says the
    pair is a candidate when one of the first ``b`` bands of ``r`` rows is equal. The rule depends
    only on the two documents, never on the rest of the corpus (the ensemble's partitions do), so
    the band keys can be stored as rows and a new document is searched against them alone: a run
    over the whole corpus and runs adding documents one batch at a time find the same pairs.
    """

    def __init__(self, settings: str, num_perm: int, threshold: float) -> None:
        xqs, params = _ensemble_params(num_perm, threshold)
        self.xqs = np.asarray(xqs, dtype=float)
        self.params = [(int(b), int(r)) for b, r in params]
        widest: dict[int, int] = {}
        for b, r in self.params:
            widest[r] = max(widest.get(r, 0), b)
        #: (r, band) of every key, in key order
        self.slots = [(r, i) for r in sorted(widest) for i in range(widest[r])]
        self.prefix = settings.encode()

    def keys(self, sig: Signature) -> list[int]:
        if sig.minhash is None:
            return []
        values = np.asarray(sig.minhash.hashvalues, dtype="<u8")
        out = []
        for r, i in self.slots:
            h = hashlib.blake2b(self.prefix, digest_size=8)
            h.update(r.to_bytes(2, "little") + i.to_bytes(2, "little"))
            h.update(values[i * r : (i + 1) * r].tobytes())
            out.append(int.from_bytes(h.digest(), "little", signed=True))  # fits a signed 64-bit column
        return out

    def _param(self, indexed: int, query: int) -> tuple[int, int]:
        i = int(np.searchsorted(self.xqs, float(_size_bucket(indexed)) / float(query), side="left"))
        return self.params[min(i, len(self.params) - 1)]

    def candidates(self, buckets: Iterable[tuple[Sequence[str], int]], sizes: Mapping[str, int]) -> set[tuple[str, str]]:
        """Pairs ``(a, b)``, ``a < b``, sharing a band the rule looks at in either direction.

        ``buckets``: the documents with one band key and that key's place in ``slots``, key by key
        (documents without a size are left out).
        """
        first: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)  # pair → r → lowest equal band
        for held, slot in buckets:
            members = [d for d in held if d in sizes]
            if len(members) < 2:
                continue
            r, i = self.slots[slot]
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    a, b = members[x], members[y]
                    if a == b:
                        continue
                    seen = first[(a, b) if a < b else (b, a)]
                    if i < seen.get(r, 1 << 30):
                        seen[r] = i
        out = set()
        for (a, b), low in first.items():
            b1, r1 = self._param(sizes[b], sizes[a])
            b2, r2 = self._param(sizes[a], sizes[b])
            if low.get(r1, 1 << 30) < b1 or low.get(r2, 1 << 30) < b2:
                out.add((a, b))
        return out


class SharedBuckets:
    """The band buckets a pair can come from, made one at a time: each band key held by two documents or more
    (new ones from the rows of ``keys``, then the stored ones ``lookup`` gives among ``known`` and ``indexed``),
    with its documents (new ones in row order, then the stored ones) and its place in the band layout (its
    column in ``keys``).

    A key held by one document alone makes no pair, so it gets no bucket; and the buckets are not kept:
    a first run over a large corpus has hundreds of thousands of shared keys (versions of one report
    share most of theirs), and a list per key held them all at once (the largest part of the copy
    search's memory). Each pass over this object makes them again from the arrays.

    The stored rows the new keys meet are arrays too: an incremental run's new versions meet most
    stored versions of their report, so +1,000 onto 10,000 articles met 1.7 million ``(key, stored
    document)`` rows: 147 MB as a dict of lists of id strings, 18 MB as two arrays.
    """

    def __init__(self, keys: np.ndarray, ids: Sequence[str], lookup: Callable[[list[int]], Iterable[tuple[int, str]]],
                 known: set[str], indexed: set[str]) -> None:
        self.ids, self.width = ids, keys.shape[1] if keys.ndim == 2 else 0
        #: the stored documents the new keys meet, each once (what a run adds, not the store)
        self.stored_ids: list[str] = []
        empty = np.zeros(0, dtype=np.int64)
        self.order = self.starts = self.wanted = self.uniq = self._low = self._high = empty
        self._stored_docs = array("q")
        if not keys.size:
            return
        flat = keys.ravel()
        # positions of each key together, in document (row) order: the stable sort of the keys themselves
        self.order = np.argsort(flat, kind="stable")
        ordered = flat[self.order]
        first = np.concatenate(([True], ordered[1:] != ordered[:-1]))
        self.uniq = ordered[first]
        self.starts = np.concatenate((np.flatnonzero(first), [len(ordered)]))
        del ordered, first
        number: dict[str, int] = {}  # stored document → its place in stored_ids
        stored_keys, stored_docs = array("q"), array("q")
        for k in range(0, len(self.uniq), 50000):
            for key, doc_id in lookup(self.uniq[k : k + 50000].tolist()):
                if doc_id in known and doc_id in indexed:
                    n = number.get(doc_id)
                    if n is None:
                        n = number[doc_id] = len(self.stored_ids)
                        self.stored_ids.append(doc_id)
                    stored_keys.append(key)
                    stored_docs.append(n)
        # the stored rows by key, each key's in the order ``lookup`` gave them; a new key's are those from _low to _high
        by_key = np.argsort(np.frombuffer(stored_keys, dtype=np.int64), kind="stable")
        sorted_keys = np.frombuffer(stored_keys, dtype=np.int64)[by_key]
        self._stored_docs = array("q", np.frombuffer(stored_docs, dtype=np.int64)[by_key].tobytes())  # sliced per key: no numpy call
        self._low = np.searchsorted(sorted_keys, self.uniq, side="left")
        self._high = np.searchsorted(sorted_keys, self.uniq, side="right")
        del by_key, sorted_keys, stored_keys, stored_docs
        self.wanted = np.flatnonzero((np.diff(self.starts) >= 2) | (self._high > self._low))

    def __iter__(self) -> Iterator[tuple[int, list[str], int]]:
        """``(band key, documents, slot)`` of every shared key, in key order."""
        ids, width, order, stored_ids, stored_docs = self.ids, self.width, self.order, self.stored_ids, self._stored_docs
        for k in range(0, len(self.wanted), 50000):
            us = self.wanted[k : k + 50000]
            for key, a, b, low, high in zip(self.uniq[us].tolist(), self.starts[us].tolist(), self.starts[us + 1].tolist(),
                                            self._low[us].tolist(), self._high[us].tolist(), strict=True):
                at = order[a:b].tolist()
                yield key, [ids[p // width] for p in at] + [stored_ids[i] for i in stored_docs[low:high]], at[-1] % width


class BandRows:
    """The ``(doc id, band key)`` rows of the documents a run searched, from the keys' array, in key order
    (``key_ordered``: the order the band table is clustered in); a row is made as it is read."""

    key_ordered = True

    def __init__(self, ids: Sequence[str], keys: np.ndarray) -> None:
        self.ids, self.keys = list(ids), keys

    def __len__(self) -> int:
        return int(self.keys.size)

    def __iter__(self) -> Iterator[tuple[str, int]]:
        if not self.keys.size:
            return
        flat = self.keys.ravel()
        width = self.keys.shape[1]
        order = np.argsort(flat, kind="stable")
        for k in range(0, len(order), 50000):
            part = order[k : k + 50000]
            yield from zip((self.ids[p // width] for p in part.tolist()), flat[part].tolist(), strict=True)


def _ensemble_params(num_perm: int, threshold: float) -> tuple[list[float], list[tuple[int, int]]]:
    """The size ratios and ``(b, r)`` of MinHash LSH Ensemble for these settings, kept in the cache folder.

    datasketch computes them in a second and importing it (with scipy) costs about as much; they
    depend only on the settings and datasketch's version, so each machine computes them once.
    """
    from importlib.metadata import version

    from lagebild.lemmas import cache_root

    try:
        path = cache_root() / "minhash-ensemble" / f"{version('datasketch')}-{num_perm}-{threshold!r}.json"
        got = json.loads(path.read_text("utf-8"))
        return [float(x) for x in got["xqs"]], [(int(b), int(r)) for b, r in got["params"]]
    except Exception:  # missing, unreadable or not writable: computed (below)
        pass
    from datasketch import MinHashLSHEnsemble

    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=1)
    xqs, params = [float(x) for x in ensemble.xqs], [(int(b), int(r)) for b, r in ensemble.params]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"xqs": xqs, "params": params}), "utf-8")
        tmp.replace(path)  # several processes may write it at once: each writes whole, the last one stays
    except Exception:  # only a cache
        log.debug("could not keep the MinHash ensemble parameters", exc_info=True)
    return xqs, params


@lru_cache(maxsize=4)
def _bands(settings: str, num_perm: int, threshold: float) -> _Bands:
    return _Bands(settings, num_perm, threshold)


@dataclass
class StoredIndex:
    """The duplicate search a store keeps: band keys as rows, the links found so far, and what this run adds.

    ``indexed``: documents whose links are in ``links`` and whose band keys are stored (under
    ``settings``); the stage searches only the others and fills ``searched`` (their ids) and
    ``new_rows`` (their ``(doc id, band key)`` rows) for the store to keep. ``replace_all``: the
    stored rows were made under other settings and are to be replaced by ``new_rows``.
    """

    settings: str
    indexed: set[str]
    links: list[dict[str, Any]]
    #: ``lookup(keys)`` yields ``(key, doc id)`` of the stored rows with these keys
    lookup: Callable[[list[int]], Iterable[tuple[int, str]]]
    #: ``signatures(ids)``: the stored signatures of these documents
    signatures: Callable[[list[str]], Mapping[str, Signature]]
    searched: list[str] = field(default_factory=list)
    new_rows: Iterable[tuple[str, int]] = field(default_factory=list)
    replace_all: bool = False


_STORED_INDEX: ContextVar[StoredIndex | None] = ContextVar("lagebild_duplicate_index", default=None)


@contextmanager
def stored_index(index: StoredIndex) -> Iterator[None]:
    """Let ``Duplicates`` search only the documents ``index`` does not hold yet, inside the block."""
    token = _STORED_INDEX.set(index)
    try:
        yield
    finally:
        _STORED_INDEX.reset(token)
