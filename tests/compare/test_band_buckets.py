"""The band buckets built from the keys' array are those of one list per key, without the single ones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from lagebild.compare.duplicates import BandRows, SharedBuckets


def _plain(keys: list[list[int]], ids: list[str], stored: dict[int, list[str]]) -> tuple[dict[int, list[str]], dict[int, int]]:
    """One list per key (as the search built them before), then the keys one document alone holds dropped."""
    buckets: dict[int, list[str]] = defaultdict(list)
    slots: dict[int, int] = {}
    for doc_id, ks in zip(ids, keys, strict=True):
        for j, key in enumerate(ks):
            buckets[key].append(doc_id)
            slots[key] = j
    for key in list(buckets):
        buckets[key].extend(stored.get(key, []))
    kept = {k: v for k, v in buckets.items() if len(v) >= 2}
    return kept, {k: slots[k] for k in kept}


def _shared_buckets(keys: np.ndarray, ids: Sequence[str], lookup: Callable[[list[int]], Iterable[tuple[int, str]]],
                    known: set[str], indexed: set[str]) -> tuple[dict[int, list[str]], dict[int, int]]:
    """``SharedBuckets`` held as dicts: band key → documents, band key → its place in the band layout."""
    buckets: dict[int, list[str]] = {}
    slots: dict[int, int] = {}
    for key, members, slot in SharedBuckets(keys, ids, lookup, known, indexed):
        buckets[key], slots[key] = members, slot
    return buckets, slots


@given(st.integers(1, 6), st.integers(1, 4), st.data())
def test_buckets_from_the_array_equal_the_plain_ones(n_docs: int, width: int, data: st.DataObject) -> None:
    keys = data.draw(st.lists(st.lists(st.integers(-4, 4), min_size=width, max_size=width), min_size=n_docs, max_size=n_docs))
    stored_rows = data.draw(st.lists(st.tuples(st.integers(-6, 6), st.sampled_from(["s1", "s2", "gone"])), max_size=8))
    ids = [f"d{i}" for i in range(n_docs)]
    stored: dict[int, list[str]] = defaultdict(list)
    for key, doc in stored_rows:
        if doc != "gone":
            stored[key].append(doc)

    def lookup(wanted: list[int]) -> list[tuple[int, str]]:
        return [(k, d) for k, d in stored_rows if k in wanted]

    got, slots = _shared_buckets(np.array(keys, dtype=np.int64), ids, lookup, {*ids, "s1", "s2"}, {"s1", "s2"})
    met = {k: v for k, v in stored.items() if any(k in ks for ks in keys)}
    expected, expected_slots = _plain(keys, ids, met)
    assert got == expected  # each bucket's documents in the same order: new ones by row, then stored ones as looked up
    assert slots == expected_slots
    buckets = SharedBuckets(np.array(keys, dtype=np.int64), ids, lookup, {*ids, "s1", "s2"}, {"s1", "s2"})
    assert sorted(buckets.stored_ids) == sorted({d for v in met.values() for d in v})


def test_band_rows_are_every_key_of_every_document_in_key_order() -> None:
    keys = np.array([[5, -1, 3], [3, 9, -7]], dtype=np.int64)
    rows = BandRows(["a", "b"], keys)
    plain = [(d, int(k)) for d, ks in zip(["a", "b"], keys.tolist(), strict=True) for k in ks]
    assert list(rows) == sorted(plain, key=itemgetter(1)) and len(rows) == 6 and rows.key_ordered
    assert list(BandRows([], np.zeros((0, 3), dtype=np.int64))) == []


@given(st.integers(2, 7), st.data())
def test_candidates_from_streamed_buckets_equal_those_from_held_ones(n_docs: int, data: st.DataObject) -> None:
    """The copy search makes each shared bucket as it reads it: the pairs are those of the buckets held as dicts."""
    from lagebild.compare.duplicates import _bands

    bands = _bands("bands1:test", 128, 0.6)
    width = len(bands.slots)
    # few distinct values per column: documents share keys in many columns, as versions of one report do
    keys = np.array(data.draw(st.lists(st.lists(st.integers(0, 2), min_size=width, max_size=width),
                                       min_size=n_docs, max_size=n_docs)), dtype=np.int64)
    keys = keys + np.arange(width, dtype=np.int64) * 10  # a key belongs to one column, as the hashed keys do
    ids = [f"d{i}" for i in range(n_docs)]
    sizes = {d: data.draw(st.integers(8, 400)) for d in ids if d != "d1"}  # d1: no MinHash, no size
    held, slots = _plain(keys.tolist(), ids, {})  # one list per key, as the search built them before
    expected = bands.candidates(((members, slots[key]) for key, members in held.items()), sizes)
    streamed = SharedBuckets(keys, ids, lambda wanted: [], set(ids), set())
    assert bands.candidates(((members, slot) for _, members, slot in streamed), sizes) == expected
    assert [(k, m, s) for k, m, s in streamed] == [(k, held[k], slots[k]) for k in sorted(held)]
