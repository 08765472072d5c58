"""benchmarks/export_diff.py: two exports of the same input are identical, or the differences are named."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.benchmark_scripts import load_benchmark


def _tool() -> ModuleType:
    return load_benchmark("export_diff", "export_diff")


def _export(path: str, score: float, label: str = "PER") -> dict[str, object]:
    return {
        "schema_version": "1.0",
        "documents": [{"id": "a", "path": path, "sources": [path], "text": "Anna Muster sagte."}],
        "entities": [{"id": "e1", "type": label, "mentions": [{"doc": "a", "start": 0, "end": 11}]}],
        "claim_groups": [{"id": "g1", "score": score}],
    }


def test_where_the_input_was_read_from_does_not_count() -> None:
    same, lines = _tool().compare(_export("/x/a.txt", 0.5), _export("/y/a.txt", 0.5))
    assert same
    assert any(line.startswith("documents") and "0 differ" in line for line in lines)


def test_a_changed_label_or_float_is_named() -> None:
    tool = _tool()
    same, lines = tool.compare(_export("/x/a.txt", 0.5), _export("/x/a.txt", 0.5, "ORG"))
    assert not same
    assert any("entities[0].type" in line and '"PER" != "ORG"' in line for line in lines)
    same, lines = tool.compare(_export("/x/a.txt", 0.5), _export("/x/a.txt", 0.5000001))
    assert not same
    assert any("claim_groups[0].score" in line for line in lines)


def test_a_missing_record_is_counted(tmp_path: Path) -> None:
    tool = _tool()
    before, after = _export("/x/a.txt", 0.5), _export("/x/a.txt", 0.5)
    after["entities"] = []
    same, lines = tool.compare(before, after)
    assert not same
    assert any(line.startswith("entities") and "1 -> " in line and "1 differ" in line for line in lines)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    import json

    a.write_text(json.dumps(before), "utf-8")
    b.write_text(json.dumps(after), "utf-8")
    assert tool.main([str(a), str(b)]) == 1
    assert tool.main([str(a), str(a)]) == 0
