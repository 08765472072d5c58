"""A store of 1,000+ real German news articles (10kGNAD, DER STANDARD) for tests at corpus scale.

The texts have no metadata, so each record gets a synthetic outlet ("outlet-01" … "outlet-09")
and, for most, a publication date; every third record has no title (titles fall back to the
first sentence) and every tenth no date (dates may be inferred). Nothing of the corpus is copied
into the repository: the JSONL is written to a temporary folder.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path


def gnad_records(source: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
    records = []
    for i, text in enumerate(texts):
        record = {"id": f"gnad-{i:04d}", "maintext": text, "source_domain": f"outlet-{1 + i % 9:02d}", "language": "de"}
        if i % 3:
            record["title"] = text.split(". ", 1)[0][:160]
        if i % 10:
            record["date_publish"] = f"{2015 + i % 2}-{1 + (i * 5) % 12:02d}-{1 + (i * 7) % 28:02d}"
        records.append(record)
    return records


def build_gnad_store(source: Path, folder: Path, jobs: int = 2) -> Path:
    """Analyse every 10kGNAD test article with ``lagebild analyze``; return the store path."""
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = folder / "gnad.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for record in gnad_records(source):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = folder / "lagebild.db"
    cmd = [sys.executable, "-m", "lagebild.cli", "analyze", str(jsonl), "--db", str(db), "--out", str(folder), "-j", str(jobs), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode not in (0, 1) or not db.exists():
        raise RuntimeError(f"analyze failed ({done.returncode}): {done.stderr[-2000:]}")
    return db


if __name__ == "__main__":
    print(build_gnad_store(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 2))
