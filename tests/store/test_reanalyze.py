"""Reruns over a stored corpus re-analyse documents stored by another analysis (code or settings).

Every stored document records the fingerprint of the per-document analysis that produced it; a
rerun over its file analyses it again when the fingerprint differs (or is missing, as in a store
written before fingerprints), keeping its id and sources, and skips it otherwise.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from lagebild.analyze import analyze_paths
from lagebild.config import load_config
from lagebild.store import open_store

#: a per-document setting with a visible effect: numeric claims only in English texts (the examples are German)
NO_GERMAN_FIGURES = 'stages.claims.rules.v1.languages=["en"]'


def _figures(store: Any) -> int:
    return sum(n for _, n in store.annotation_counts("claim"))


def _sources(store: Any) -> dict[str, int]:
    return {i: len(store.sources(i)) for i in store.document_ids()}


def test_a_changed_setting_reanalyses_stored_documents(store_url: str, examples_dir: Path) -> None:
    store = open_store(store_url)
    try:
        first = analyze_paths([examples_dir], store, jobs=1)
        assert first.ok == 5 and first.reanalysed == 0
        ids, sources, figures = store.document_ids(), _sources(store), _figures(store)
        assert figures > 0

        same = analyze_paths([examples_dir], store, jobs=1)
        assert (same.ok, same.already_stored, same.reanalysed) == (0, 5, 0)
        assert "re-analysed" not in same.summary()

        changed = analyze_paths([examples_dir], store, config=load_config(None, [NO_GERMAN_FIGURES]), jobs=1)
        assert (changed.ok, changed.already_stored, changed.reanalysed) == (5, 0, 5)
        assert "re-analysed after a change of lagebild or its settings: 5" in changed.summary()
        assert store.document_ids() == ids and _sources(store) == sources  # replaced in place
        assert _figures(store) == 0
        assert not [a for d in store.iter_documents() for a in d.annotations if a.kind == "claim"]
        # the cross-source picture is built from the new annotations: no claim group is left
        assert changed.corpus is not None and changed.corpus.claim_groups == []
        assert changed.main_cpu["stories reused"] == 0  # no story part computed from the old annotations is kept

        again = analyze_paths([examples_dir], store, config=load_config(None, [NO_GERMAN_FIGURES]), jobs=1)
        assert (again.ok, again.reanalysed) == (0, 0)

        back = analyze_paths([examples_dir], store, jobs=1)
        assert back.reanalysed == 5 and _figures(store) == figures
    finally:
        store.close()


def test_a_store_without_fingerprints_is_reanalysed_once(tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "old.db")
    store = open_store(db)
    analyze_paths([examples_dir], store, jobs=1)
    store.close()
    with sqlite3.connect(db) as raw:  # what a store written before the fingerprints holds
        raw.execute("DROP TABLE doc_analysis")
    store = open_store(db)  # the table is added on opening
    try:
        rerun = analyze_paths([examples_dir], store, jobs=1)
        assert (rerun.reanalysed, rerun.already_stored) == (5, 0)
        assert analyze_paths([examples_dir], store, jobs=1).reanalysed == 0
    finally:
        store.close()


def test_recompute_flag_clusters_stories_anew(tmp_path: Path, examples_dir: Path) -> None:
    from lagebild.cli import cli

    args = ["analyze", str(examples_dir), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out"), "-j", "1"]
    runner = CliRunner()
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    kept = runner.invoke(cli, args)
    assert kept.exit_code == 0 and "stories recomputed: 0 of" in kept.output, kept.output
    fresh = runner.invoke(cli, [*args, "--recompute"])
    assert fresh.exit_code == 0, fresh.output
    line = next(ln for ln in fresh.output.splitlines() if "stories recomputed" in ln)
    done, total = line.split("stories recomputed: ", 1)[1].split()[0:3:2]
    assert int(done) == int(total) > 0
