"""Near-duplicates and copies across documents: MinHash LSH for candidates, exact check on shingles.

Exact duplicates (same file content) never reach this stage: ``analyze`` stores them once with
all their sources. Here we find articles that are the *same text* with small edits (a wire
story republished by several outlets) or a *truncated* copy of another one. Jaccard similarity
misses the second case, so candidates come from datasketch's ``MinHashLSHEnsemble``, which
indexes by containment: "how much of A is inside B". Every candidate pair is then checked on
the real shingle sets, so the reported scores are exact.

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
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.model import Document

__all__ = ["Duplicates", "Signature", "SignatureRow", "independent_groups", "precomputed_signatures", "shingles"]

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
class Signature:
    """One document's shingles (sorted 64-bit ints) and MinHash, with what they were computed from."""

    settings: tuple[int, int, int]  # (k, num_perm, min_shingles)
    digest: bytes  # of the text the shingles come from
    members: np.ndarray  # the distinct shingles as sorted uint64: exact set sizes and overlaps
    minhash: Any  # datasketch LeanMinHash; None when too few shingles to compare

    @property
    def size(self) -> int:
        return int(self.members.size)

    def overlap(self, other: Signature) -> int:
        """Return the number of shingles both texts share."""
        return int(np.intersect1d(self.members, other.members, assume_unique=True).size)

    def to_row(self) -> SignatureRow:
        """The signature as a store row (without the document id): settings, digest, shingles, MinHash."""
        hashvalues = None if self.minhash is None else np.asarray(self.minhash.hashvalues, dtype=np.uint64).tobytes()
        scheme = None if self.minhash is None else str(getattr(self.minhash, "scheme", "") or "")
        return ",".join(map(str, self.settings)), self.digest, self.members.astype("<u8").tobytes(), hashvalues, scheme

    @classmethod
    def from_row(cls, row: SignatureRow) -> Signature:
        """Rebuild a signature stored with ``to_row`` (same shingles and MinHash, no text needed)."""
        from datasketch import LeanMinHash

        settings, digest, members, hashvalues, scheme = row
        k, num_perm, min_shingles = (int(x) for x in settings.split(","))
        lean = None
        if hashvalues is not None:
            values = np.frombuffer(bytes(hashvalues), dtype=np.uint64)
            lean = LeanMinHash(seed=1, hashvalues=values, **({"scheme": scheme} if scheme else {}))
        return cls((k, num_perm, min_shingles), bytes(digest), np.frombuffer(bytes(members), dtype="<u8").astype(np.uint64), lean)


#: ``(settings "k,num_perm,min_shingles", text digest, shingles as little-endian uint64 bytes, MinHash
#: hash values as uint64 bytes or None, MinHash scheme or None)``: how a store keeps a signature
SignatureRow = tuple[str, bytes, bytes, bytes | None, str | None]


#: signatures computed elsewhere for the current run, by document id (``precomputed_signatures``)
_PRECOMPUTED: ContextVar[Mapping[str, Signature] | None] = ContextVar("lagebild_duplicate_signatures", default=None)


@contextmanager
def precomputed_signatures(signatures: Mapping[str, Signature]) -> Iterator[None]:
    """Let ``Duplicates`` use these signatures (by document id) instead of computing them, inside the block."""
    token = _PRECOMPUTED.set(signatures)
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
            lean = LeanMinHash(m)
        return Signature(self._settings(), _text_digest(text), members, lean)

    def _signatures(self, docs: Sequence[Document]) -> dict[str, Signature]:
        """Signatures of the documents to compare (enough shingles), precomputed ones where they fit."""
        given = _PRECOMPUTED.get() or {}
        settings = self._settings()
        out = {}
        for doc in docs:
            sig = given.get(doc.id)
            if sig is None or sig.settings != settings or sig.digest != _text_digest(doc.text or doc.original):
                sig = self.signature(doc)
            if sig.minhash is not None:
                out[doc.id] = sig
        return out

    def find(self, docs: Sequence[Document]) -> list[dict[str, Any]]:
        """Return the duplicate links among ``docs``."""
        from datasketch import MinHashLSHEnsemble

        sigs = self._signatures(docs)
        if len(sigs) < 2:
            return []
        by_id = {doc.id: doc for doc in docs if doc.id in sigs}
        threshold = min(self.contained, self.near)
        lsh = MinHashLSHEnsemble(threshold=threshold, num_perm=self.num_perm, num_part=8)
        lsh.index((doc_id, sig.minhash, _size_bucket(sig.size)) for doc_id, sig in sigs.items())
        pairs: set[tuple[str, str]] = set()
        for doc_id, sig in sigs.items():
            for other in lsh.query(sig.minhash, sig.size):
                if other != doc_id:
                    pairs.add(tuple(sorted((doc_id, other))))  # type: ignore[arg-type]
        links: list[dict[str, Any]] = []
        uf = UnionFind()
        for a, b in sorted(pairs):
            sa, sb = sigs[a], sigs[b]
            inter = sa.overlap(sb)
            if not inter:
                continue
            jac = inter / (sa.size + sb.size - inter)
            small, big = (a, b) if (sa.size, a) <= (sb.size, b) else (b, a)
            cont = inter / sigs[small].size
            if " ".join((by_id[a].text or "").split()) == " ".join((by_id[b].text or "").split()):
                kind, score = "exact", 1.0
            elif jac >= self.near:
                kind, score = "near", jac
            elif cont >= self.contained:
                kind, score = "contained", cont
            else:
                continue
            if kind == "contained":
                doc, of = small, big
            else:  # the later copy points to the earlier one (then: the shorter to the longer)
                doc, of = sorted((a, b), key=lambda d: (_date_key(by_id[d]), -sigs[d].size, d), reverse=True)
            uf.union(doc, of)
            links.append({"doc": doc, "of": of, "kind": kind, "score": round(score, 4),
                          "jaccard": round(jac, 4), "containment": round(cont, 4)})
        for link in links:
            link["group"] = uf.find(link["doc"])
        return links
