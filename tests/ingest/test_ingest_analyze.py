"""End to end: a folder of mixed formats and bad files through ``analyze``; export invariants hold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_readers import ARTICLE, PAGE, _warc  # same folder (rootdir import mode)

from lagebild.analyze import analyze_paths
from lagebild.export import build_export
from lagebild.store import open_store


def test_mixed_folder(tmp_path: Path, examples_dir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(examples_dir.glob("004_*.txt")), src / "wire.txt")
    # A truncated republication of the same agency text, and an exact copy under another name.
    wire = (src / "wire.txt").read_text("utf-8")
    (src / "short.txt").write_text(wire[: len(wire) // 3], "utf-8")
    shutil.copy(src / "wire.txt", src / "wire-copy.txt")
    (src / "page.html").write_text(PAGE, "utf-8")
    rec = {"title": "Reform", "maintext": ARTICLE, "date_publish": "2024-03-05 09:00:00", "url": "https://www.example.de/a"}
    (src / "feed.jsonl").write_text(json.dumps(rec) + "\n{broken\n", "utf-8")
    _warc(src / "crawl.warc.gz", [("https://example.de/w", PAGE.replace("Reform", "Novelle"))])
    (src / "empty.txt").write_bytes(b"")
    (src / "scan.txt").write_bytes(b"%PDF-1.4\n...")
    store = open_store(str(tmp_path / "db.sqlite"))
    errors: list[str] = []
    report = analyze_paths([src], store, jobs=1, on_error=lambda e: errors.append(str(e)))
    assert report.exit_code == 1 and len(errors) == 3
    assert any("feed.jsonl: line 2" in e for e in errors)
    export = build_export(store)
    docs = {d["id"]: d for d in export["documents"]}
    assert {"wire-copy", "short", "page", "feed-1", "crawl-1"} <= set(docs) and "wire" not in docs
    assert len(docs["wire-copy"]["sources"]) == 2  # the exact copy is stored once, with both paths
    assert docs["page"]["format"] == "html" and docs["page"]["offsets_base"] == "file"
    assert docs["feed-1"]["offsets_base"] == "record" and docs["feed-1"]["published"]["value"] == "2024-03-05T09:00"
    stored = {d.id: d for d in store.iter_documents()}
    for doc_id, d in docs.items():
        original = stored[doc_id].original
        for r in d["removed"]:
            assert original[r["start"] : r["end"]] == r["text"]
        assert d["language"] == "de"
    links = {(x["doc"], x["of"]): x["kind"] for x in export.get("duplicates") or store.load_corpus().duplicates}
    assert links.get(("short", "wire-copy")) == "contained"
