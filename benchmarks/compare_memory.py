"""Peak resident memory of the cross-source step on a stored corpus, by phase, in one process.

Runs what `lagebild analyze` does after its document phase on a copy of a store that
`benchmarks/scale.py --keep DIR` left (or any store): every stored document read as a view
(`corpus_views`), then `compare_and_save` with the stories clustered anew and every story
recomputed (`--recompute`, as a first run) or with the stored results reused. A thread samples
the process's resident memory every 0.2 s and keeps the peak of each phase (views, reading the
stored rows, each corpus-wide stage, then the per-story stages and saving). The code version is
pinned for the run, so that the rows a first run of this script leaves in the copy (word rows,
entity index, story parts) count as made by the code measured, whatever it is.

With ``--trace`` it also takes a tracemalloc snapshot as each phase ends and prints, per phase,
what Python objects the phase left allocated (traced MB) and the source lines that allocated most
of it: what each phase holds, not only its peak (tracemalloc makes the run about twice as slow,
and the resident figures then include tracemalloc's own bookkeeping).

Usage: .venv/bin/python benchmarks/compare_memory.py STORE WORK.db [--recompute] [--trace [TOP]]
       (run it twice with --recompute: the first run on a store written by another version of the
       code also builds the word rows; measure the second, on the copy the first one left:
       `compare_memory.py WORK.db WORK2.db --recompute`)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import threading
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lagebild.fingerprints as fingerprints


def _rss_mb() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() // 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("work")
    parser.add_argument("--recompute", action="store_true", help="stories clustered anew, every story recomputed")
    parser.add_argument("--trace", type=int, nargs="?", const=6, default=0, metavar="TOP",
                        help="tracemalloc snapshot per phase: the TOP allocating lines of each (default 6)")
    args = parser.parse_args()
    src, db = Path(args.store), Path(args.work)
    for ext in ("", "-wal", "-shm"):
        Path(str(db) + ext).unlink(missing_ok=True)
        if Path(str(src) + ext).exists():
            shutil.copy(str(src) + ext, str(db) + ext)
    fingerprints.code_version = lambda: "compare-memory"  # type: ignore[assignment]
    import lagebild.analyze as analyze
    import lagebild.compare as compare
    import lagebild.compare.per_story as per_story
    from lagebild.store import open_store

    for module in (analyze, per_story):
        module.code_version = fingerprints.code_version  # type: ignore[attr-defined]
    phase = ["start"]
    peak: dict[str, int] = defaultdict(int)
    tracer = _Tracer(args.trace) if args.trace else None

    def enter(name: str) -> None:
        if tracer is not None:
            tracer.end(phase[0])
        phase[0] = name

    def sample() -> None:
        while True:
            peak[phase[0]] = max(peak[phase[0]], _rss_mb())
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    original = compare.run_timed_stage

    def timed(name: str, ctx: Any, config: Any, timings: Any, stage: Any = None) -> None:
        corpus_wide = not compare.is_per_story(name)
        if corpus_wide:
            enter(name)
        try:
            original(name, ctx, config, timings, stage)
        finally:
            if corpus_wide:
                enter("per-story stages and saving")

    compare.run_timed_stage = timed  # type: ignore[assignment]
    per_story.run_timed_stage = timed  # type: ignore[attr-defined]
    store = open_store(str(db))
    config = analyze.load_config()
    kinds = analyze.view_kinds(config.compare_stages)
    cpu: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = {}
    enter("views")
    docs = analyze.corpus_views(store, kinds, None, counts, timings=cpu) if kinds is not None else analyze.corpus_documents(store)
    enter("stored rows")
    result = analyze.compare_and_save(store, docs, config, timings=cpu, counts=counts if kinds is not None else None,
                                      reuse=not args.recompute, release=True)
    enter("done (result and views held)")
    del result
    time.sleep(0.3)
    print(f"{len(docs)} documents; peak resident MB by phase (each includes what earlier phases hold):")
    for name, mb in peak.items():
        print(f"  {name:<32} {mb:>6}")
    print(f"  {'whole process (ru_maxrss)':<32} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:>6}")
    print("CPU s:", {k: round(v, 1) for k, v in cpu.items() if v >= 0.1})
    if tracer is not None:
        tracer.report()


class _Tracer:
    """tracemalloc snapshots at the end of each phase: what the phase added to the traced memory, and where."""

    def __init__(self, top: int) -> None:
        self.top = top
        self.rows: list[tuple[str, float, float, list[str]]] = []
        tracemalloc.start(1)
        self.last = tracemalloc.take_snapshot()

    def end(self, name: str) -> None:
        current, peak = tracemalloc.get_traced_memory()
        snap = tracemalloc.take_snapshot()
        diff = snap.compare_to(self.last, "lineno")
        lines = [f"{d.size_diff / 2**20:+8.1f} MB {d.count_diff:+9d} blocks  {d.traceback[0].filename.split('/lagebild/')[-1]}"
                 f":{d.traceback[0].lineno}" for d in diff[: self.top] if abs(d.size_diff) >= 2**20]
        self.rows.append((name, current / 2**20, peak / 2**20, lines))
        self.last = snap
        tracemalloc.reset_peak()

    def report(self) -> None:
        print("traced MB held at the end of each phase (peak within it), and the lines that allocated the change:")
        for name, current, peak, lines in self.rows:
            print(f"  {name:<32} {current:>8.1f} ({peak:.1f})")
            for line in lines:
                print(f"      {line}")


if __name__ == "__main__":
    main()
