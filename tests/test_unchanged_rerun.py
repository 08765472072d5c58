"""A run that adds, changes and removes nothing takes the stored picture without reading a stored document."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import analyze_paths
from lagebild.store import open_store


@pytest.fixture
def store(example_analysis: dict[str, Any], tmp_path: Path) -> Any:
    target = tmp_path / "copy.db"
    with sqlite3.connect(example_analysis["db"]) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    st = open_store(str(target))
    yield st
    st.close()


def _reads(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    for name in ("get_document_views", "get_documents", "iter_documents"):
        real = getattr(store, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            read.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(store, name, counted)
    return read


def test_a_rerun_with_nothing_new_reads_no_stored_document(store: Any, examples_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert store.corpus_inputs() is not None  # the run that made the store noted what its picture came from
    folder = tmp_path / "moved"
    shutil.copytree(examples_dir, folder)  # the same files under another path
    read = _reads(store, monkeypatch)
    run = analyze_paths([folder], store, jobs=1)
    assert read == [] and run.already_stored == 5
    assert "stories recomputed: 0 of" in run.summary()
    monkeypatch.undo()
    # the picture the stages compute again over the stored documents
    store.save_corpus(store.load_corpus())  # another save: drops the note, the next run computes
    assert store.corpus_inputs() is None
    again = analyze_paths([folder], store, jobs=1)
    assert run.corpus is not None and again.corpus is not None
    assert run.corpus.to_json() == again.corpus.to_json()
    assert store.corpus_inputs() is not None


def test_a_correction_or_a_new_article_makes_the_run_compute_again(store: Any, examples_dir: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_correction({"action": "rename", "entity": "no-such-entity", "name": "X"})
    read = _reads(store, monkeypatch)
    analyze_paths([examples_dir], store, jobs=1)
    assert read  # the corrections changed: the stored documents are read and the picture computed
    read.clear()
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "new.txt").write_text("Der Stadtrat von Kassel beschloss am Montag einen neuen Haushalt. "
                                    "Die Stadt will 2025 rund vier Millionen Euro in Schulen stecken.\n", "utf-8")
    run = analyze_paths([folder], store, jobs=1)
    assert run.ok == 1 and read
