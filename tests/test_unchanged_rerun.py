"""A run that adds, changes and removes nothing takes the stored picture without reading a stored document."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import analyze_paths, write_outputs
from lagebild.config import load_config


@pytest.fixture
def store(example_store_copy: Any) -> Any:
    return example_store_copy


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


def test_a_rerun_with_nothing_new_exports_byte_for_byte_what_a_recomputed_picture_exports(
        store: Any, examples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = _reads(store, monkeypatch)
    kept = analyze_paths([examples_dir], store, jobs=1)
    assert read == [] and kept.corpus is not None  # the stored picture, no stored document read
    write_outputs(store, kept.corpus, tmp_path / "kept.json", None)
    computed = analyze_paths([examples_dir], store, jobs=1, recompute=True)
    assert read and computed.corpus is not None
    write_outputs(store, computed.corpus, tmp_path / "computed.json", None)
    assert (tmp_path / "kept.json").read_bytes() == (tmp_path / "computed.json").read_bytes()


def _computes(store: Any, paths: list[Path], monkeypatch: pytest.MonkeyPatch, config: Any = None) -> bool:
    """Whether a run over ``paths`` that analyses no document computes the picture (reads stored documents)."""
    read = _reads(store, monkeypatch)
    run = analyze_paths(paths, store, jobs=1, config=config)
    monkeypatch.undo()
    assert run.ok == 0
    return bool(read)


def test_a_changed_compare_setting_or_kb_file_makes_the_run_compute_again(store: Any, examples_dir: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _computes(store, [examples_dir], monkeypatch)
    kb = tmp_path / "kb.tsv"
    kb.write_text("stadtwerke-kassel\t\tORG\torg\tStadtwerke Kassel\t\t\n", "utf-8")
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[compare."entities.resolve.v1"]\nkb_files = ["{kb}"]\n', "utf-8")
    config = load_config(settings)
    assert _computes(store, [examples_dir], monkeypatch, config)  # a KB file named
    assert not _computes(store, [examples_dir], monkeypatch, config)
    with kb.open("a", encoding="utf-8") as f:
        f.write("theater-kassel\t\tORG\torg\tStaatstheater Kassel\t\t\n")
    assert _computes(store, [examples_dir], monkeypatch, config)  # the file's content changed
    assert not _computes(store, [examples_dir], monkeypatch, config)
    looser = load_config(settings, ['compare."claims.group.v1".same_time_days=3'])
    assert _computes(store, [examples_dir], monkeypatch, looser)
    assert not _computes(store, [examples_dir], monkeypatch, looser)


def test_a_removed_document_makes_the_run_compute_again(store: Any, examples_dir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fewer"
    shutil.copytree(examples_dir, folder)
    gone = sorted(folder.iterdir())[0]
    (doc_id,) = [s_id for s_id in store.document_ids() if any(s["path"].endswith(gone.name) for s in store.sources(s_id))]
    gone.unlink()
    assert not _computes(store, [folder], monkeypatch)
    with store.db:
        store.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    assert _computes(store, [folder], monkeypatch)
    assert doc_id not in store.document_ids()
