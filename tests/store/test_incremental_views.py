"""A run that adds documents reads the stored ones as views (``lagebild.compare.stored_documents``).

The corpus-wide stages see each stored document's head and its entity and timex annotations;
whole documents are read only for the stories a run recomputes (and for what a stage asks beyond
the view). The picture must be exactly the one the same run gives with every document whole in
memory, on every backend; and, as ``tests/test_incremental.py`` checks for the whole-document
run, the one-shot picture up to story ids, member confidences and the entities of re-resolved
mentions.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import analyze_paths, compare_and_save, corpus_views
from lagebild.compare.stored_documents import VIEW_KINDS, StoredDocument
from lagebild.store import open_store


def _files(corpus: Path) -> tuple[list[Path], list[Path]]:
    """Tune-split files: a first run of half of two stories and some distractors, then the other halves."""
    first: list[Path] = []
    later: list[Path] = []
    for story in ("ahr", "demos"):
        files = sorted(corpus.glob(f"{story}_*.txt"))
        first += files[: len(files) // 2]
        later += files[len(files) // 2 :]
    first += [f for f in sorted(corpus.glob("other_*.txt")) if int(f.name.split("_")[1]) % 2 == 1][:4]
    return first, later


def _copy(files: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, folder / f.name)


def test_views_give_the_picture_of_whole_documents(shared_data: Path, store_url: str, tmp_path: Path) -> None:
    corpus = shared_data / "news_stories_dev" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} not found")
    first, later = _files(corpus)
    _copy(first, tmp_path / "in")
    store = open_store(store_url)
    copy = _second_store(store_url, tmp_path)
    try:
        analyze_paths([tmp_path / "in"], store, jobs=1)
        analyze_paths([tmp_path / "in"], copy, jobs=1)
        before = set(store.document_ids())
        assert set(copy.document_ids()) == before
        # the views hold what the stored documents hold, and nothing of their texts
        views = {d.id: d for d in corpus_views(store)}
        stored = list(store.iter_documents())
        for doc in stored:
            view = views[doc.id]
            assert isinstance(view, StoredDocument)
            assert (view.hash, view.meta, view.source, view.produced) == (doc.hash, doc.meta, doc.source, doc.produced)
            assert view.annotation_count == len(doc.annotations)
            for kind in VIEW_KINDS:
                assert view.of_kind(kind) == doc.of_kind(kind)
        assert all(v._full is None for v in views.values()), "nothing but the views was read"
        for doc in stored:  # anything else: the whole document
            assert views[doc.id].text == doc.text and views[doc.id].annotations == doc.annotations

        _copy(later, tmp_path / "in")
        run = analyze_paths([tmp_path / "in"], store, jobs=1)  # every document whole in memory
        assert run.ok == len(later) and run.main_cpu["stories reused"] >= 1
        whole = json.dumps(store.load_corpus().to_json(), sort_keys=True)
        added = [i for i in store.document_ids() if i not in before]
        assert len(added) == len(later)

        # the same increment added to the other store and compared with its stored documents read as views
        copy.save_documents(list(store.get_documents(added).values()))
        cpu: defaultdict[str, float] = defaultdict(float)
        result = compare_and_save(copy, None, timings=cpu)
        assert cpu["stories reused"] >= 1 and cpu["stories recomputed"] >= 2
        assert json.dumps(result.to_json(), sort_keys=True) == whole
        assert json.dumps(copy.load_corpus().to_json(), sort_keys=True) == whole
    finally:
        copy.close()
        store.close()


def _second_store(store_url: str, tmp_path: Path) -> Any:
    """Another store on the same backend."""
    if "://" in store_url:  # PostgreSQL: another database on the same server
        import psycopg

        base, _, name = store_url.rpartition("/")
        with psycopg.connect(store_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}_views" TEMPLATE template0 ENCODING \'UTF8\'')
        return open_store(f"{base}/{name}_views")
    return open_store(str(tmp_path / "views.db"))
