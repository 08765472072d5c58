"""`lagebild analyze` end to end, as the user waits, for two checkouts measured back to back.

On a shared machine wall time moves with the other work on it; two checkouts run alternately at
the same moment, with their CPU time (user + system of the whole process tree: main process and
workers), are what can be compared. Each run is a fresh `lagebild analyze DIR --db OUT/lb.db
--out OUT -q` in its own process with ``PYTHONPATH`` set to the checkout, under a measuring process
that reaps every process of the run (a fork server outlives the main process by a moment, and
``/usr/bin/time`` would miss it and the workers it reaped); the export of every run
is compared with the first run's of the first checkout (`export_diff.py`), so a speed change that
changes the analysis shows up at once.

    .venv/bin/python benchmarks/e2e_compare.py CORPUS_DIR --tree /path/to/main --tree . --runs 2

Prints one row per run (wall s, CPU s, items/s, peak RSS of the largest process) and the median
per checkout. Writes the outputs under ``--work`` (default: a temporary folder, removed after).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export_diff import compare

#: run the command line of the checkout on PYTHONPATH (not the one installed in the venv)
_CLI = "import sys; from lagebild.cli import main; sys.argv[0] = 'lagebild'; main()"


#: runs a command as a child subreaper and reports the usage of every process below it: a process
#: whose parent ends first (multiprocessing's fork server, which forks and reaps the workers, outlives
#: the main process by a moment) is handed to it instead of to init, so its CPU is counted too
_MEASURE = r"""
import ctypes, json, os, resource, subprocess, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, _ = os.wait4(proc.pid, 0)
wall = time.perf_counter() - started
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
"""


def run_once(tree: Path, corpus: Path, out: Path, jobs: int) -> tuple[float, float, int, int]:
    """(wall s, CPU s of the process tree, peak RSS KB of its largest process, exit code) of one run."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-c", _CLI, "analyze", str(corpus), "--db", str(out / "lb.db"), "--out", str(out), "-q"]
    if jobs:
        cmd += ["-j", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    # wall time: the main process's; CPU: user + system of every process of the run (main process,
    # workers, a fork server), all reaped by the measuring process; peak RSS: the largest of them
    measured = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], env=env, cwd=tree, capture_output=True, text=True, check=True)
    wall, cpu, rss, code = json.loads(measured.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu), int(rss), int(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of articles (text files, HTML pages, ...)")
    parser.add_argument("--tree", type=Path, action="append", required=True, help="checkout to run (repeat for each)")
    parser.add_argument("--runs", type=int, default=2, help="runs per checkout, alternating")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: lagebild's default)")
    parser.add_argument("--work", type=Path, help="keep the outputs here")
    args = parser.parse_args(argv)
    items = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    work = args.work or Path(tempfile.mkdtemp(prefix="lagebild-e2e-"))
    trees = [t.resolve() for t in args.tree]
    rows: dict[Path, list[tuple[float, float, int]]] = {t: [] for t in trees}
    reference: dict[str, object] | None = None
    print(f"corpus: {args.corpus} ({items} files), load average at start: {os.getloadavg()[0]:.1f}")
    print("| checkout | run | wall s | CPU s | items/s | peak RSS MB | export |")
    print("|---|---|---|---|---|---|---|")
    same_everywhere = True
    try:
        for run in range(args.runs):
            for k, tree in enumerate(trees):
                out = work / f"tree{k}-run{run}"
                wall, cpu, rss, code = run_once(tree, args.corpus, out, args.jobs)
                rows[tree].append((wall, cpu, rss))
                export = json.loads((out / "lagebild.json").read_text("utf-8")) if code == 0 else None
                if reference is None:
                    reference, verdict = export, "reference"
                elif export is None:
                    verdict, same_everywhere = f"exit {code}", False
                else:
                    same, _ = compare(reference, export)
                    verdict = "identical" if same else "DIFFERENT"
                    same_everywhere = same_everywhere and same
                print(f"| {tree} | {run + 1} | {wall:.1f} | {cpu:.1f} | {items / wall:.1f} | {rss / 1024:.0f} | {verdict} |", flush=True)
        print("\n| checkout | median wall s | median CPU s | items/s (median wall) | max peak RSS MB |")
        print("|---|---|---|---|---|")
        for tree, got in rows.items():
            wall = statistics.median(r[0] for r in got)
            cpu = statistics.median(r[1] for r in got)
            print(f"| {tree} | {wall:.1f} | {cpu:.1f} | {items / wall:.1f} | {max(r[2] for r in got) / 1024:.0f} |")
        print(f"load average at end: {os.getloadavg()[0]:.1f}; exports {'identical' if same_everywhere else 'DIFFER'}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if same_everywhere else 1


if __name__ == "__main__":
    sys.exit(main())
