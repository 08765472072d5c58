"""Whole-pipeline throughput: articles/s and peak memory of `analyze`, read to report.

Corpus `gnad` (default): real, distinct German news articles from 10kGNAD in ../shared/data
(1,028 articles, cycled with a numbered first line beyond that). Corpus `examples`: the five
example articles repeated, each copy made unique by a first line (near-duplicates galore, so the
duplicate detection works hardest). Prints a table; writes nothing else.

Usage: .venv/bin/python benchmarks/speed.py [--docs 1000] [--jobs 2] [--corpus gnad|examples]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.analyze import analyze_paths  # noqa: E402
from lagebild.config import load_config  # noqa: E402
from lagebild.store import open_store  # noqa: E402


SHARED = Path(os.environ.get("LAGEBILD_SHARED_DATA", ROOT.parent / "shared" / "data"))


def corpus_texts(name: str) -> list[str]:
    """Return the article texts of the named corpus."""
    gnad = SHARED / "10kgnad_articles" / "test.csv"
    if name == "gnad" and gnad.exists():
        with gnad.open(encoding="utf-8", newline="") as handle:
            return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
    return [p.read_text("utf-8") for p in sorted((ROOT / "examples" / "ru-kp-treaty").glob("*.txt"))]


def make_corpus(folder: Path, n: int, corpus: str = "examples") -> int:
    texts = corpus_texts(corpus)
    chars = 0
    for i in range(n):
        prefix = "" if (corpus == "gnad" and i < len(texts)) else f"Meldung Nr. {i}\n\n"
        text = prefix + texts[i % len(texts)]
        (folder / f"a{i:06d}.txt").write_text(text, "utf-8")
        chars += len(text)
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", choices=["gnad", "examples"], default="gnad")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        chars = make_corpus(folder, args.docs, args.corpus)
        store = open_store(str(Path(tmp) / "bench.db"))
        config = load_config()
        started = time.perf_counter()
        report = analyze_paths([folder], store, config=config, jobs=args.jobs)
        total = time.perf_counter() - started
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    per_stage = report.stats.seconds
    print(f"corpus: {args.corpus}, machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"pipeline: {', '.join(config.stages)}")
    print(f"compare:  {', '.join(config.compare_stages) or '-'}")
    print()
    print("| metric | value |")
    print("|---|---|")
    print(f"| documents | {report.ok} (failed {report.failed}) |")
    print(f"| characters | {chars:,} |")
    print(f"| wall time (read + pipeline + store + cross-source) | {total:.2f} s |")
    print(f"| throughput | **{report.ok / total:.1f} articles/s**, {chars / total / 1000:.0f} k chars/s |")
    print(f"| peak RSS main process | {self_rss:.0f} MB |")
    print(f"| peak RSS largest worker | {child_rss:.0f} MB |")
    print()
    print("| stage | CPU s (all workers) | ms/article |")
    print("|---|---|---|")
    for stage, secs in sorted(per_stage.items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {secs:.2f} | {1000 * secs / max(report.ok, 1):.2f} |")


if __name__ == "__main__":
    main()
