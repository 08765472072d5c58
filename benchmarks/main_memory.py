"""Where the main process's memory goes in a whole `lagebild analyze` run, by phase and by allocating line.

Runs what `lagebild analyze DIR --out OUT` runs (the document phase on a process pool, the
cross-source step, the export and the report) in this process, on a new store, over N text
articles made as `benchmarks/scale.py` makes them (10kGNAD articles and variants of them). A
thread samples the resident memory every 0.2 s and keeps the peak of each phase: "documents"
(reading, the workers, the store inserts, and the views the main process keeps of the analysed
documents), "views" (the stored documents read as views), each corpus-wide stage, "per-story
stages and saving", "export and report". tracemalloc (one frame) takes a snapshot as each phase
ends: the traced MB held then (and its peak within the phase), and the source lines that
allocated most of what the phase added. With two sizes the held MB give a slope in KB per article.

tracemalloc traces only this process (the workers are not traced) and slows it about twice. The
resident figures include its tables and the snapshot kept between phases (several hundred MB at
3,000 articles): read the traced figures here, resident ones from `benchmarks/compare_memory.py`
(the cross-source step) or `benchmarks/scale.py` (end to end), which run without it.

Usage: .venv/bin/python benchmarks/main_memory.py N [--jobs 2] [--top 8] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _rss_mb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() // 2**20


class _Phases:
    """The current phase's name, its resident peak, and a tracemalloc snapshot as it ends."""

    def __init__(self, top: int) -> None:
        self.top = top
        self.name = "start"
        self.at = 0  # the phase's number: a name comes back between the corpus-wide stages
        self.peak: dict[int, int] = defaultdict(int)
        self.rows: list[tuple[str, float, float, list[str]]] = []
        tracemalloc.start(1)
        self.last = tracemalloc.take_snapshot()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.peak[self.at] = max(self.peak[self.at], _rss_mb())
            time.sleep(0.2)

    def enter(self, name: str) -> None:
        current, peak = tracemalloc.get_traced_memory()
        snap = tracemalloc.take_snapshot()
        diff = snap.compare_to(self.last, "lineno")
        lines = [f"{d.size_diff / 2**20:+8.1f} MB {d.count_diff:+9d} blocks  {d.traceback[0].filename.split('/lagebild/')[-1]}"
                 f":{d.traceback[0].lineno}" for d in diff[: self.top] if abs(d.size_diff) >= 2**20]
        self.rows.append((self.name, current / 2**20, peak / 2**20, lines))
        self.last = snap
        tracemalloc.reset_peak()
        self.name, self.at = name, self.at + 1

    def report(self, articles: int) -> None:
        print(f"{articles} articles; per phase: resident peak MB, traced MB held at its end (traced peak within it),"
              " and the lines that allocated the change")
        for at, (name, current, peak, lines) in enumerate(self.rows):
            print(f"  {name:<30} {self.peak.get(at, 0):>6} {current:>8.1f} ({peak:.1f})")
            for line in lines:
                print(f"      {line}")
        print(f"  whole process (ru_maxrss) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--keep", type=Path, default=None, help="folder for the corpus, store and outputs")
    args = parser.parse_args()
    from scale import gnad_texts, write_corpus

    import lagebild.analyze as analyze
    import lagebild.compare as compare
    import lagebild.compare.per_story as per_story
    from lagebild.gc_policy import relaxed_gc
    from lagebild.store import open_store

    work = args.keep or Path(tempfile.mkdtemp(prefix="main-memory-"))
    corpus = work / f"corpus{args.articles}"
    if not corpus.exists():
        write_corpus(corpus, 0, args.articles, gnad_texts())
    db = work / f"lb{args.articles}.db"
    for ext in ("", "-wal", "-shm"):
        Path(str(db) + ext).unlink(missing_ok=True)
    phases = _Phases(args.top)

    def wrap(module: Any, name: str, label: str, after: str) -> None:
        original = getattr(module, name)

        def wrapped(*a: Any, **k: Any) -> Any:
            phases.enter(label)
            try:
                return original(*a, **k)
            finally:
                phases.enter(after)
        setattr(module, name, wrapped)

    wrap(analyze, "_analyse_documents", "documents", "between")
    wrap(analyze, "corpus_views", "views", "stored rows")
    original_stage = compare.run_timed_stage

    def timed(name: str, ctx: Any, config: Any, timings: Any, stage: Any = None) -> None:
        corpus_wide = not compare.is_per_story(name)
        if corpus_wide:
            phases.enter(name)
        try:
            original_stage(name, ctx, config, timings, stage)
        finally:
            if corpus_wide:
                phases.enter("per-story stages and saving")

    compare.run_timed_stage = timed  # type: ignore[assignment]
    per_story.run_timed_stage = timed  # type: ignore[attr-defined]
    store = open_store(str(db))
    out = work / f"out{args.articles}"
    out.mkdir(exist_ok=True)
    with relaxed_gc():
        report = analyze.analyze_paths([corpus], store, jobs=args.jobs)
        phases.enter("export and report")
        analyze.write_outputs(store, report.corpus or store.load_corpus(), out / "lagebild.json", out / "report.html")
        phases.enter("done (result held)")
    phases.enter("end")
    store.close()
    print(report.summary())
    phases.report(args.articles)


if __name__ == "__main__":
    main()
