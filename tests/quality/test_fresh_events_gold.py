"""The gold of ``benchmarks/data/fresh_events`` is well formed, agrees with its texts and covers no reserved story.

Fast checks only (no pipeline run): every gold document is a corpus file and every corpus file has a gold
entry, every event names documents of its own story with a well-formed date, and the whole set is tune.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluation.picture import load_gold
from lagebild.evaluation.reserved import reserved_stories_in

from .gold_corpus import corpus_texts
from .test_synthetic_gold import DATE_SHAPE

FOLDER = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "fresh_events"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return load_gold(FOLDER / "gold.yaml")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return corpus_texts(FOLDER)


def test_every_corpus_file_has_gold_and_every_gold_document_is_a_file(gold: dict[str, Any], texts: dict[str, str]) -> None:
    assert texts and set(gold["documents"]) == set(texts)


def test_every_document_is_tune_and_named_by_its_story(gold: dict[str, Any]) -> None:
    # the set has no check half: every figure on it is a development figure
    for doc, entry in gold["documents"].items():
        assert entry["split"] == "tune", doc
        assert doc.startswith(str(entry["story"]) + "_"), doc


def test_events_name_documents_of_their_story_and_dates(gold: dict[str, Any]) -> None:
    for sid, st in gold["stories"].items():
        docs = {d for d, e in gold["documents"].items() if e["story"] == sid}
        assert st["events"], sid
        for event in st["events"]:
            assert event["sources"] and set(event["sources"]) <= docs, event["label"]
            assert re.fullmatch(DATE_SHAPE[event["precision"]], str(event["date"])), event["label"]


def test_no_text_covers_a_reserved_story(texts: dict[str, str]) -> None:
    for doc, text in texts.items():
        assert reserved_stories_in(text) == [], doc
