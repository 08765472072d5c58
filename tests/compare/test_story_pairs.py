"""Story clustering's candidate pairs: counted in one array, the same pairs in the same order as a dict of counts."""

import random
from collections import Counter

from lagebild.compare.stories import PAIR_PASS, _candidate_keys


def _candidate_pairs(postings: list[list[int]], pinned: list[bool], n: int, max_posting: int,
                     per_pass: int = PAIR_PASS) -> list[tuple[int, int]]:
    """The keys clustering scores, decoded into pairs."""
    return [(k // n, k % n) for k in _candidate_keys(postings, pinned, n, max_posting, per_pass).tolist()]


def _counted(postings: list[list[int]], pinned: list[bool], n: int, max_posting: int) -> list[tuple[int, int]]:
    """The pairs as a double loop with a dict of counts finds them (the reference)."""
    hits: Counter[tuple[int, int]] = Counter()
    for items in postings:
        if not 2 <= len(items) <= max_posting:
            continue
        for x, i in enumerate(items):
            for j in items[x + 1 :]:
                if not (pinned[i] and pinned[j]):
                    hits[(i, j)] += 1
    return [p for p, k in hits.items() if k >= 2]


def test_pairs_match_a_dict_of_counts_in_order() -> None:
    rng = random.Random(7)
    for _ in range(30):
        n = rng.randint(2, 60)
        pinned = [rng.random() < 0.4 for _ in range(n)]
        postings = [sorted(rng.sample(range(n), rng.randint(1, min(n, 12)))) for _ in range(rng.randint(1, 40))]
        assert _candidate_pairs(postings, pinned, n, 9) == _counted(postings, pinned, n, 9)


def test_pairs_counted_a_few_left_items_at_a_time_are_the_same_in_the_same_order() -> None:
    rng = random.Random(11)
    for _ in range(30):
        n = rng.randint(2, 60)
        pinned = [rng.random() < 0.3 for _ in range(n)]
        postings = [sorted(rng.sample(range(n), rng.randint(1, min(n, 12)))) for _ in range(rng.randint(1, 40))]
        for per_pass in (1, 3, 17):
            assert _candidate_pairs(postings, pinned, n, 9, per_pass) == _counted(postings, pinned, n, 9)


def test_no_pair_of_two_pinned_items_and_none_seen_once() -> None:
    assert _candidate_pairs([[0, 1, 2], [0, 1, 2]], [True, True, False], 3, 10) == [(0, 2), (1, 2)]
    assert _candidate_pairs([[0, 1], [1, 2]], [False] * 3, 3, 10) == []
    assert _candidate_pairs([], [], 0, 10) == []
