"""benchmarks/data/entity_variants: the halves of the judged SmartData pairs share no document."""

from __future__ import annotations

from types import ModuleType

from tests.benchmark_scripts import load_benchmark


def _sampler() -> ModuleType:
    return load_benchmark("entity_variants_sample", "entity_variants_sample")


def test_the_committed_halves_are_the_seeded_grouping_and_share_no_document() -> None:
    tool = _sampler()
    rows = tool.read_rows()
    assert {r["id"]: r["split"] for r in rows} == tool.halves(rows)
    docs = {half: {r[f"doc_{s}"] for r in rows if r["split"] == half for s in "ab"} for half in ("tune", "check")}
    assert docs["tune"] and docs["check"] and not docs["tune"] & docs["check"]


def test_pairs_linked_through_a_document_stay_together() -> None:
    rows = [
        {"id": "x1", "doc_a": "7", "doc_b": "8"},
        {"id": "x2", "doc_a": "8", "doc_b": "9"},  # shares document 8 with x1
        {"id": "x3", "doc_a": "9", "doc_b": "3"},  # and 9 with x2
    ]
    assert len(set(_sampler().halves(rows).values())) == 1


def test_the_candidate_keys() -> None:
    key = _sampler().candidate_key
    assert key("Rheinische Post", "RP", "ORGANIZATION", "ORGANIZATION") == "acronym"
    assert key("Müller", "Mueller", "PERSON", "PERSON") is None  # diacritics fold to "muller", not "mueller"
    assert key("Berlin", "Berlins", "LOCATION", "LOCATION") == "genitive"
    assert key("Anna Muster", "Muster", "PERSON", "PERSON") == "surname"
    assert key("Berlin", "Hamburg", "LOCATION", "LOCATION") is None
