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
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.model import Document

__all__ = ["Duplicates", "independent_groups", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = 5) -> set[bytes]:
    """Return the set of hashed word ``k``-grams of ``text`` (case- and punctuation-insensitive)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {hashlib.blake2b(" ".join(words[i : i + k]).encode(), digest_size=8).digest() for i in range(len(words) - k + 1)}


class _UnionFind:
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
    return n if n < 20 else int(math.ceil(1.05 ** math.ceil(math.log(n, 1.05)) - 1e-9))


def independent_groups(result: CorpusResult, doc_ids: Iterable[str] = ()) -> dict[str, str]:
    """Map each document to its copy group (documents without copies form their own group)."""
    uf = _UnionFind()
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

    def find(self, docs: Sequence[Document]) -> list[dict[str, Any]]:
        """Return the duplicate links among ``docs``."""
        from datasketch import MinHash, MinHashLSHEnsemble

        sets: dict[str, set[bytes]] = {}
        by_id = {}
        for doc in docs:
            sh = shingles(doc.text or doc.original, self.k)
            if len(sh) >= self.min_shingles:
                sets[doc.id] = sh
                by_id[doc.id] = doc
        if len(sets) < 2:
            return []
        hashes = {}
        for doc_id, sh in sets.items():
            m = MinHash(num_perm=self.num_perm, seed=1)
            m.update_batch(list(sh))
            hashes[doc_id] = m
        threshold = min(self.contained, self.near)
        lsh = MinHashLSHEnsemble(threshold=threshold, num_perm=self.num_perm, num_part=8)
        lsh.index((doc_id, hashes[doc_id], _size_bucket(len(sets[doc_id]))) for doc_id in sets)
        pairs: set[tuple[str, str]] = set()
        for doc_id, m in hashes.items():
            for other in lsh.query(m, len(sets[doc_id])):
                if other != doc_id:
                    pairs.add(tuple(sorted((doc_id, other))))  # type: ignore[arg-type]
        links: list[dict[str, Any]] = []
        uf = _UnionFind()
        for a, b in sorted(pairs):
            sa, sb = sets[a], sets[b]
            inter = len(sa & sb)
            if not inter:
                continue
            jac = inter / len(sa | sb)
            small, big = (a, b) if (len(sa), a) <= (len(sb), b) else (b, a)
            cont = inter / len(sets[small])
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
                doc, of = sorted((a, b), key=lambda d: (_date_key(by_id[d]), -len(sets[d]), d), reverse=True)
            uf.union(doc, of)
            links.append({"doc": doc, "of": of, "kind": kind, "score": round(score, 4),
                          "jaccard": round(jac, 4), "containment": round(cont, 4)})
        for link in links:
            link["group"] = uf.find(link["doc"])
        return links
