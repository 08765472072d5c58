"""The gold of ``benchmarks/data/synthetic_stories`` is well formed and agrees with its texts.

Fast checks only (no pipeline run): the file loads as picture gold, every document it names exists and
every corpus file is annotated, quotes and entity forms occur verbatim in their texts, claim-group
members are annotated claims of their story, and the split is the one the README states.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluation.picture import load_gold

FOLDER = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "synthetic_stories"
SPLIT = {"wien": "tune", "emilia": "tune", "bauern": "tune", "marokko": "check", "thueringen": "check"}
RELATIONS = {"corroborated", "updated", "contradicted"}
DATE_SHAPE = {"minute": r"\d{4}-\d\d-\d\dT\d\d:\d\d", "day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d"}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return load_gold(FOLDER / "gold.yaml")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted((FOLDER / "corpus").glob("*.txt"))}


def test_every_corpus_file_is_annotated_and_every_document_exists(gold: dict[str, Any], texts: dict[str, str]) -> None:
    assert set(gold["documents"]) == set(texts)


def test_split_labels_are_the_stated_ones(gold: dict[str, Any]) -> None:
    for doc, g in gold["documents"].items():
        story = str(g["story"])
        if story.startswith("other-"):
            number = int(doc.split("_")[1])
            assert g["split"] == ("tune" if number % 2 else "check"), doc
        else:
            assert doc.startswith(story + "_"), doc
            assert g["split"] == SPLIT[story], doc
    assert set(gold["stories"]) == set(SPLIT)


def test_publication_dates_are_well_formed(gold: dict[str, Any]) -> None:
    for doc, g in gold["documents"].items():
        pub = g["published"]
        if pub is None:
            if "true_month" in g:
                assert re.fullmatch(r"\d{4}-\d\d", str(g["true_month"])), doc
        else:
            assert "true_month" not in g, doc
            assert re.fullmatch(DATE_SHAPE[pub["precision"]], str(pub["value"])), doc


def _story_docs(gold: dict[str, Any], story: str) -> set[str]:
    return {d for d, g in gold["documents"].items() if g["story"] == story}


def test_claims_and_groups_refer_to_annotated_claims(gold: dict[str, Any]) -> None:
    for sid, st in gold["stories"].items():
        docs = _story_docs(gold, sid)
        claims = {(row[0], float(row[1])) for row in st["numeric_claims"]}
        for row in st["numeric_claims"]:
            assert row[0] in docs, row
            assert len(row) in (4, 5) and str(row[3]).strip(), row
        ids = [g["id"] for g in st["claim_groups"]]
        assert len(ids) == len(set(ids)), sid
        for group in st["claim_groups"]:
            assert group["relation"] in RELATIONS, group["id"]
            assert len(group["members"]) >= 2, group["id"]
            for doc, value in group["members"]:
                assert (doc, float(value)) in claims, (group["id"], doc, value)


def test_quotes_occur_in_their_documents(gold: dict[str, Any], texts: dict[str, str]) -> None:
    for sid, st in gold["stories"].items():
        for doc, speaker, words, *_keys in st["quotes"]:
            assert doc in _story_docs(gold, sid) and str(speaker).strip(), doc
            assert words in texts[doc], (doc, words)


def test_events_name_story_documents_and_dates(gold: dict[str, Any]) -> None:
    for sid, st in gold["stories"].items():
        for event in st["events"]:
            assert set(event["sources"]) <= _story_docs(gold, sid), event["label"]
            assert re.fullmatch(DATE_SHAPE[event["precision"]], str(event["date"])), event["label"]


def test_entity_forms_occur_verbatim(gold: dict[str, Any], texts: dict[str, str]) -> None:
    for sid, st in gold["stories"].items():
        story_text = "\n".join(texts[d] for d in _story_docs(gold, sid))
        for canonical, forms in st["entities"].items():
            assert len(forms) >= 2, canonical
            for form in forms:
                assert form in story_text, (canonical, form)


def test_no_text_covers_a_reserved_story(texts: dict[str, str]) -> None:
    # Stories kept for held-out evaluation elsewhere must not leak into development data.
    for doc, text in texts.items():
        for word in ("Magdeburg", "Valencia", "Kahramanmaraş", "Hatay"):
            assert word not in text, (doc, word)
