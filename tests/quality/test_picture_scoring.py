"""The picture scorer on a small hand-made gold and export (invented texts, not corpus data)."""

from __future__ import annotations

from typing import Any

from lagebild.evaluation.picture import claimant_keys, claimant_matches, score_picture

GOLD: dict[str, Any] = {
    "documents": {
        "a_01": {"story": "a", "split": "check", "published": {"value": "2023-05-02", "precision": "day"}},
        "a_02": {"story": "a", "split": "check", "published": None, "true_month": "2023-05"},
        "x_01": {"story": "other-x", "split": "check", "published": None},
    },
    "stories": {
        "a": {
            "numeric_claims": [["a_01", 12, "Tote", "laut Polizei"], ["a_02", 15, "Tote", "unattributed"]],
            "claim_groups": [{"id": "dead", "subject": "Tote", "relation": "updated",
                              "members": [["a_01", 12], ["a_02", 15]]}],
            "events": [{"label": "Brand", "date": "2023-05-01", "precision": "day", "sources": ["a_01", "a_02"]}],
            "quotes": [["a_01", "Polizeisprecher Max Muster", "keine Gefahr"]],
            "entities": {"Max Muster": ["Max Muster", "Muster"]},
        }
    },
}


def _export(relation: str = "updated", second_measure: str = "dead") -> dict[str, Any]:
    claims = [
        {"doc": "a_01", "value": 12.0, "claimant_text": "Polizei", "claimant_kind": "speaker", "measure": "dead"},
        {"doc": "a_02", "value": 15.0, "claimant_text": None, "claimant_kind": "outlet", "measure": second_measure},
    ]
    return {
        "documents": [
            {"id": "a_01", "published": {"value": "2023-05-02T10:00", "inferred": False}},
            {"id": "a_02", "published": {"value": "2023-05-03", "inferred": True}},
            {"id": "x_01", "published": None},
        ],
        "claims": claims,
        "claim_groups": [{"id": "g1", "relation": relation, "claims": claims}],
        "events": [{"label": "Feuer", "date": {"value": "2023-05-01"}, "sources": ["a_01"]}],
        "quotes": [{"doc": "a_01", "text": "„Es besteht keine Gefahr“", "speaker_text": "Max Muster"}],
        "entities": [{"id": "p1", "name": "Max Muster", "mentions": [
            {"doc": "a_01", "text": "Max Muster"}, {"doc": "a_02", "text": "Muster"}]}],
        "stories": [{"id": "s1", "members": [{"doc": "a_01"}, {"doc": "a_02"}]}],
    }


def test_every_category_hits_on_a_matching_export() -> None:
    score = score_picture(_export(), GOLD, "check")
    got = {name: (t.hits, t.total) for name, t in score.tallies.items()}
    assert got == {
        "publication dates printed": (1, 1),
        "publication dates absent": (2, 2),
        "numeric claims": (2, 2),
        "claim groups": (2, 2),
        "events (month)": (1, 1),
        "events (day)": (1, 1),
        "quotes": (1, 1),
        "entities": (2, 2),
        "stories": (3, 3),
    }
    assert (score.inferred_dates.hits, score.inferred_dates.total) == (1, 1)
    assert score.bcubed == (1.0, 1.0, 1.0)


def test_wrong_relation_loses_one_point_and_mixed_contradiction_is_reported() -> None:
    score = score_picture(_export("contradicted", "missing"), GOLD, "check")
    assert (score.tallies["claim groups"].hits, score.tallies["claim groups"].total) == (1, 2)
    assert len(score.mixed_contradictions) == 1


def test_other_split_scores_nothing_of_this_story() -> None:
    score = score_picture(_export(), GOLD, "tune")
    assert score.documents == 0 and score.stories == []


def test_claimant_rule_takes_a_key_of_the_gold_claimant_an_entity_by_its_name_or_none_named() -> None:
    names = {"e7": "Landespolizei Nordmark"}
    keys = claimant_keys("laut Polizei", None)
    assert keys == ["Polizei"]
    assert claimant_matches({"claimant": "e7", "claimant_kind": "speaker"}, keys, names)
    assert claimant_matches({"claimant_text": "die Polizei", "claimant_kind": "speaker"}, keys, {})
    # another claimant, or the gold's claimant where none is wanted, does not match
    assert not claimant_matches({"claimant_text": "Feuerwehr", "claimant_kind": "speaker"}, keys, names)
    unattributed = claimant_keys("unattributed", None)
    assert claimant_matches({"claimant_kind": "outlet"}, unattributed, {})
    assert not claimant_matches({"claimant_text": "Feuerwehr", "claimant_kind": "speaker"}, unattributed, {})
