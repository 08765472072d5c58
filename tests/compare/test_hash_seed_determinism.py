"""The cross-source picture must not depend on Python's string-hash seed: the same documents give the
same claim groups, coverage and inconsistencies in every run (and on every executor)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KEYS = ("claim_groups", "coverage", "inconsistencies", "events", "stories")


def _picture(corpus: Path, out: Path, seed: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "lagebild.cli", "analyze", str(corpus), "--db", str(out / "lb.db"), "--out", str(out), "-q", "-j", "1"],
        check=True, env=env, capture_output=True,
    )
    export = json.loads((out / "lagebild.json").read_text("utf-8"))
    return {k: export.get(k) for k in KEYS}


def test_same_picture_under_two_hash_seeds(shared_data: Path, tmp_path: Path) -> None:
    source = shared_data / "news_stories_dev" / "corpus"
    if not source.is_dir():
        pytest.skip(f"news_stories_dev corpus not found in {shared_data}")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # distractors on several topics: places named equally often, unscoped figures, shared units
    for path in sorted(source.glob("other_*.txt")):
        (corpus / path.name).symlink_to(path)
    first = _picture(corpus, tmp_path / "a", "1")
    second = _picture(corpus, tmp_path / "b", "2")
    assert first == second
