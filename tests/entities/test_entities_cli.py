"""`lagebild entities …`: corrections are stored and survive re-analysis."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lagebild.analyze import analyze_paths, recompute_corpus
from lagebild.cli import cli
from lagebild.store import open_store


def test_corrections_persist_across_reanalysis(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Bundeskanzlerin Angela Merkel traf in Paris Präsident Emmanuel Macron. "
                                  "Merkel sagte, die EU stehe zusammen.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Macron und die Kanzlerin sprachen mit der NATO. Angela Merkel reiste ab.\n",
                                  encoding="utf-8")
    db = str(tmp_path / "lagebild.db")
    store = open_store(db)
    analyze_paths([corpus], store, jobs=1)
    names = {e["name"]: e for e in store.load_corpus().entities}
    store.close()
    assert {"Angela Merkel", "Emmanuel Macron"} <= set(names)
    merkel_id = names["Angela Merkel"]["id"]

    runner = CliRunner()
    res = runner.invoke(cli, ["entities", "rename", merkel_id, "Angela Dorothea Merkel", "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["entities", "merge", "Emmanuel Macron", "NATO", "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["entities", "list", "--db", db, "--json"])
    listed = {e["id"]: e for e in json.loads(res.output)}
    assert listed[merkel_id]["name"] == "Angela Dorothea Merkel"
    assert not any(e["name"] == "NATO" for e in listed.values())

    # Re-analysis (new file + recomputation) keeps the corrections.
    (corpus / "c.txt").write_text("Angela Merkel lobte die NATO.\n", encoding="utf-8")
    store = open_store(db)
    analyze_paths([corpus], store, jobs=1)
    recompute_corpus(store)
    entities = {e["id"]: e for e in store.load_corpus().entities}
    assert entities[merkel_id]["name"] == "Angela Dorothea Merkel"
    assert len(entities[merkel_id]["mentions"]) >= 3
    assert not any(e["name"] == "NATO" for e in entities.values())
    store.close()
    res = runner.invoke(cli, ["entities", "corrections", "--db", db])
    assert res.output.count('"action"') == 2
