"""End to end: analyse the example corpus, validate the export, idempotency, bad input, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lagebild.analyze import analyze_paths
from lagebild.export import EXPORT_KEYS, build_export
from lagebild.export.json_export import load_schema
from lagebild.store import open_store

LAGEBILD = [sys.executable, "-m", "lagebild.cli"]


def _spans(obj: Any) -> list[dict[str, Any]]:
    """Every span object ({doc, start, end, text}) anywhere inside ``obj``."""
    found = []
    if isinstance(obj, dict):
        if {"doc", "start", "end", "text"} <= obj.keys():
            found.append(obj)
        for value in obj.values():
            found.extend(_spans(value))
    elif isinstance(obj, list):
        for value in obj:
            found.extend(_spans(value))
    return found


def test_export_is_schema_valid_with_five_documents(example_analysis: dict[str, Any]) -> None:
    export = example_analysis["export"]
    jsonschema.validate(export, load_schema())
    assert len(export["documents"]) == 5
    assert set(EXPORT_KEYS) <= export.keys()
    assert {d["id"] for d in export["documents"]} == {p.stem for p in Path("examples/ru-kp-treaty").glob("*.txt")}


def test_every_exported_span_slices_the_original(example_analysis: dict[str, Any], examples_dir: Path) -> None:
    originals = {p.stem: p.read_text("utf-8") for p in examples_dir.glob("*.txt")}
    spans = _spans({k: v for k, v in example_analysis["export"].items() if k != "documents"})
    spans += _spans([d["removed"] for d in example_analysis["export"]["documents"]])
    for span in spans:
        assert originals[span["doc"]][span["start"] : span["end"]] == span["text"], span


def test_rerun_is_idempotent(tmp_path: Path, examples_dir: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    first = analyze_paths([examples_dir], store, jobs=1)
    second = analyze_paths([examples_dir], store, jobs=1)
    assert first.ok == 5 and second.ok == 0 and second.already_stored == 5
    assert len(store.document_ids()) == 5
    rows = store.db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0]  # type: ignore[attr-defined]
    analyze_paths([examples_dir], store, jobs=1)
    assert store.db.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == rows  # type: ignore[attr-defined]


def test_new_files_only_are_processed_and_exact_duplicates_kept_once(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(examples_dir.glob("*.txt"))
    for f in files[:3]:
        (folder / f.name).write_bytes(f.read_bytes())
    store = open_store(str(tmp_path / "s.db"))
    assert analyze_paths([folder], store, jobs=1).ok == 3
    for f in files[3:]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "copy_of_first.txt").write_bytes(files[0].read_bytes())
    report = analyze_paths([folder], store, jobs=1)
    assert report.ok == 2 and report.already_stored == 4
    assert len(store.document_ids()) == 5
    assert len(store.sources(files[0].stem)) == 2


def _bad_inputs(folder: Path, examples_dir: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(examples_dir.glob("*.txt"))[:2]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "report.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("Die Bundesregierung äußerte sich über Größe und Maß.".encode("cp1252"))
    return {"empty.txt": "empty", "report.txt": "PDF", "blob.txt": "binary"}


def test_bad_input_is_reported_and_the_rest_processed(tmp_path: Path, examples_dir: Path) -> None:
    expected = _bad_inputs(tmp_path / "in", examples_dir)
    proc = subprocess.run(
        [*LAGEBILD, "analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-j", "1"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    error_lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == len(expected), proc.stderr
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in error_lines), (name, proc.stderr)
    export = json.loads((tmp_path / "out" / "lagebild.json").read_text("utf-8"))
    ids = {d["id"] for d in export["documents"]}
    assert "latin1" in ids and len(ids) == 3
    latin = next(d for d in export["documents"] if d["id"] == "latin1")
    assert "äußerte" in latin["text"] and latin["encoding"] != "utf-8"


def test_usage_error_exits_2(tmp_path: Path) -> None:
    proc = subprocess.run([*LAGEBILD, "analyze"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    proc = subprocess.run([*LAGEBILD, "analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "no such file" in proc.stderr


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path, examples_dir: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text("utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    n = 120
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(f"Meldung {i}\n\n" + texts[i % len(texts)], "utf-8")
    db = tmp_path / "s.db"
    proc = subprocess.Popen([*LAGEBILD, "analyze", str(folder), "--db", str(db), "--out", str(tmp_path / "o"), "-j", "1", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    saved = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                import sqlite3

                with sqlite3.connect(db, timeout=1) as con:
                    saved = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if saved >= 5:
                break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert saved >= 1
    rerun = subprocess.run([*LAGEBILD, "analyze", str(folder), "--db", str(db), "--out", str(tmp_path / "o"), "-j", "1"],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    store = open_store(str(db))
    assert len(store.document_ids()) == n
    assert len(set(store.document_ids())) == n


def test_interrupt_inside_library_keeps_saved_documents(tmp_path: Path, examples_dir: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    seen = []

    def stop_after_two(doc: Any) -> None:
        seen.append(doc.id)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze_paths([examples_dir], store, jobs=1, progress=stop_after_two)
    assert len(store.document_ids()) == 2
    report = analyze_paths([examples_dir], store, jobs=1)
    assert report.ok == 3 and len(store.document_ids()) == 5
    export = build_export(store)
    assert len(export["documents"]) == 5


def test_process_executor_gives_same_documents_as_inline(tmp_path: Path, examples_dir: Path) -> None:
    a = open_store(str(tmp_path / "a.db"))
    b = open_store(str(tmp_path / "b.db"))
    analyze_paths([examples_dir], a, jobs=1)
    pooled = analyze_paths([examples_dir], b, jobs=2)
    for doc_id in a.document_ids():
        da, db_ = a.get_document(doc_id), b.get_document(doc_id)
        assert da is not None and db_ is not None
        assert da.to_json() == db_.to_json()
    # the cross-source picture too (stories, claim groups, timeline, inferred dates), its stories run in the workers
    assert any(k.startswith("workers: compare:") for k in pooled.main_cpu)
    assert build_export(a) == build_export(b)
    assert a.story_fingerprints() == b.story_fingerprints()


def test_cli_help_lists_every_command_with_an_example() -> None:
    from click.testing import CliRunner

    from lagebild.cli import cli

    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    for name, command in cli.commands.items():
        if getattr(command, "commands", None):
            continue
        help_text = runner.invoke(cli, [name, "--help"]).output
        assert "Example:" in help_text, name


def test_export_does_not_depend_on_the_hash_seed(tmp_path: Path, examples_dir: Path) -> None:
    """Worker processes get different hash seeds: set iteration order must never leak into results."""
    exports = []
    for seed in ("1", "7"):
        out = tmp_path / f"o{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([*LAGEBILD, "analyze", str(examples_dir), "--out", str(out), "-j", "1", "-q"],
                              capture_output=True, text=True, timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        data = json.loads((out / "lagebild.json").read_text("utf-8"))
        for doc in data["documents"]:
            doc.pop("path"), doc.pop("sources")
        exports.append(json.dumps(data, sort_keys=True, ensure_ascii=False))
    assert exports[0] == exports[1]
