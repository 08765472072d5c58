"""`lagebild analyze` end to end at scale: wall time, articles/s, peak memory of the main process and workers.

Corpora of N text files are made from the 1,028 10kGNAD articles in ../shared/data (evaluation use
only, CC BY-NC-SA) and variants of them: variant k of an article drops one of its sentences (a
different one for each k), so the copies read like rewritten agency reports of one story and
every file has its own content. Each row runs the real command line in a fresh process
(`lagebild analyze DIR --db DB --out OUT`, export and report included) and samples the memory of
the process tree every 0.2 s from /proc (Linux): the main process, the largest single worker
(process-pool workers or Ray workers), and the whole tree (with Ray: its own services too). Each
row also gives the CPU seconds of the main process and of the whole tree, which a shared machine's
load changes far less than the wall time, and the load average while the row ran. Both CPU
figures are exact, not sampled: the main process's own from its /proc entry once it has exited
(read before it is reaped), the tree's from this process's `RUSAGE_CHILDREN`, which counts every
descendant once it and the parents between are reaped. This process makes itself the *child
subreaper* of the run (Linux `prctl`), so a process whose parent ended first (a fork server left
behind by a killed run, a double-forked helper) is handed to it and reaped here instead of by
init. Where that cannot be had (another system, or a descendant still alive a minute after the
run), the tree figure is the larger of that count and the /proc samples, marked "≥": a lower
bound, as the samples miss what a process does after its last sample and every process living
less than one sampling interval.

Rows: one full run per size; with --ray, the first size again on a local Ray cluster
(`--executor ray`) beside the process pool; then "+K incremental": K new articles added to the
store of the largest size (the same command rerun on the folder with K more files); "K alone":
the same K articles into an empty store, for comparison. By default the K new files are further
versions of stored articles, so nearly every story of the store grows; with --fresh they are
K/2 articles the store has never seen (two versions each: new stories, as a day's news mostly
brings), and the stored corpus is made from the other articles.

Usage: .venv/bin/python benchmarks/scale.py [--sizes 10000[,30000,100000]] [--incremental 1000] [--fresh] [--ray] [--jobs 2]
       .venv/bin/python benchmarks/scale.py --sizes 1000 --incremental 0 --ray   (pool and Ray side by side)
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import ctypes
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])")


def gnad_texts() -> list[str]:
    path = shared_data_dir() / "10kgnad_articles" / "test.csv"
    if not path.exists():
        sys.exit(f"needs {path} (LAGEBILD_SHARED_DATA points elsewhere)")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]


def variant(text: str, k: int) -> str:
    """Variant ``k`` of an article (0: the article itself): one sentence left out, unique content."""
    if k == 0:
        return text
    sentences = _SENTENCE.split(text)
    if len(sentences) > 2:
        drop = 1 + (k - 1) % (len(sentences) - 1)  # keep the lead sentence: it carries the story
        return " ".join(s for i, s in enumerate(sentences) if i != drop) + ("" if k < len(sentences) else f"\n\n(Fassung {k})")
    return f"{text}\n\n(Fassung {k})"


def write_corpus(folder: Path, start: int, stop: int, texts: list[str], prefix: str = "a") -> None:
    """Write articles ``start`` … ``stop - 1`` of the endless variant sequence as text files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (folder / f"{prefix}{i:07d}.txt").write_text(variant(texts[i % len(texts)], i // len(texts)), "utf-8")


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class Member(NamedTuple):
    command: str
    rss_kb: int
    #: CPU seconds the process has used so far (user + system, all its threads), and when it started (clock ticks):
    #: the pair tells a process from a later one with the same pid
    cpu: float
    started: int
    parent: int


def _tree(root: int) -> dict[int, Member]:
    """pid → what ``Member`` holds, of ``root`` and every descendant."""
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                parents[int(entry)] = int(fields[1])
                stats[int(entry)] = fields
            except (OSError, ValueError):
                continue
    members = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in members and pid not in members:
                members.add(pid)
                grew = True
    out = {}
    for pid in members:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        m = re.search(r"VmRSS:\s+(\d+)", status)
        f = stats[pid]
        out[pid] = Member(cmd, int(m.group(1)) if m else 0, (int(f[11]) + int(f[12])) / _TICK, int(f[19]), int(f[1]))
    return out


def _is_worker(m: Member, root: int) -> bool:
    """A pool or Ray worker (lagebild's fork server, a child of the main process, is not; the workers it forks are)."""
    forked = "lagebild.executors.server" in m.command and m.parent != root
    return forked or "multiprocessing" in m.command or "ray::" in m.command or "default_worker.py" in m.command


def _children(parent: int) -> set[int]:
    """The pids whose parent is ``parent`` (zombies included: they are still to be reaped)."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                if int(stat[stat.rindex(")") + 2 :].split()[1]) == parent:
                    out.add(int(entry))
            except (OSError, ValueError):
                continue
    return out


def _set_subreaper(on: bool) -> bool:
    """Make this process the child subreaper of its descendants (Linux): orphans come here, not to init."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(36, int(on), 0, 0, 0) == 0)  # 36: PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _own_cpu_at_exit(pid: int) -> float | None:
    """CPU seconds of child ``pid`` alone (all its threads, not its children), read once it has exited.

    ``waitid(WNOWAIT)`` waits for the exit without reaping, so its /proc entry (a zombie's) still
    holds the final user and system time; the caller reaps it afterwards.
    """
    try:
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, AttributeError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def _reap_orphans(known: set[int], timeout: float) -> bool:
    """Reap the processes handed to this one since ``known`` was taken; False if one outlives ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        orphans = _children(os.getpid()) - known
        if not orphans:
            return True
        for pid in orphans:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Measured:
    """One command's run: wall time, exact CPU where it can be had, and the /proc samples."""

    seconds: float
    returncode: int
    stderr: str
    #: CPU seconds of the command's own process, and of it with every descendant (user + system)
    main_cpu: float
    tree_cpu: float
    #: False: ``tree_cpu`` is a lower bound (no subreaper, or a descendant was not reaped in time)
    exact: bool
    #: the tree's CPU as the 0.2 s samples saw it: a lower bound, kept to show what sampling misses
    sampled_tree_cpu: float
    main_kb: int
    worker_kb: int
    tree_kb: int
    loads: tuple[float, float]


def measure(cmd: list[str], env: dict[str, str] | None = None, interval: float = 0.2, reap_timeout: float = 60.0) -> Measured:
    """Run ``cmd``; sample its process tree's memory from /proc, count its CPU exactly (see the module's doc)."""
    peaks = {"main": 0, "worker": 0, "tree": 0}
    # a process's CPU counts up to its last sample (what a process does after it, or one that lives less than
    # an interval, is missed): only a lower bound, reported when the exact count cannot be had
    cpu_of: dict[tuple[int, int], float] = {}
    loads: list[float] = []
    subreaper = _set_subreaper(True)
    known = _children(os.getpid())
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree = _tree(proc.pid)
            main = tree.get(proc.pid)
            peaks["main"] = max(peaks["main"], main.rss_kb if main else 0)
            peaks["worker"] = max([peaks["worker"]] + [m.rss_kb for pid, m in tree.items() if pid != proc.pid and _is_worker(m, proc.pid)])
            peaks["tree"] = max(peaks["tree"], sum(m.rss_kb for m in tree.values()))
            for pid, m in tree.items():
                cpu_of[(pid, m.started)] = m.cpu
            loads.append(os.getloadavg()[0])
            done.wait(interval)

    chunks: list[str] = []
    assert proc.stderr is not None
    stderr = proc.stderr
    reader = threading.Thread(target=lambda: chunks.append(stderr.read()), daemon=True)
    sampler = threading.Thread(target=sample, daemon=True)
    reader.start()
    sampler.start()
    own = _own_cpu_at_exit(proc.pid)
    proc.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    reaped = subreaper and _reap_orphans(known, reap_timeout)
    tree_cpu = _children_cpu() - cpu_before
    if subreaper:
        _set_subreaper(False)
    reader.join(5.0)
    sampled = sum(cpu_of.values())
    sampled_main = max((cpu for (pid, _), cpu in cpu_of.items() if pid == proc.pid), default=0.0)
    return Measured(seconds, proc.returncode, "".join(chunks), sampled_main if own is None else own,
                    tree_cpu if reaped else max(tree_cpu, sampled), reaped, sampled,
                    peaks["main"], peaks["worker"], peaks["tree"], (min(loads, default=0.0), max(loads, default=0.0)))


@dataclass
class Row:
    label: str
    articles: int
    seconds: float
    main_mb: float
    worker_mb: float
    tree_mb: float
    summary: str
    #: CPU seconds of the main process and of the whole tree (workers, fork server, Ray), see ``measure``
    main_cpu: float = 0.0
    tree_cpu: float = 0.0
    #: False: ``tree_cpu`` is a lower bound (printed with "≥")
    tree_cpu_exact: bool = True
    #: the 1-minute load average of the machine, lowest and highest while the row ran
    load: tuple[float, float] = (0.0, 0.0)

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        tree = f"{'' if self.tree_cpu_exact else '≥ '}{self.tree_cpu:,.1f}"
        return (
            f"| {self.label} | {self.articles:,} | {self.seconds:,.1f} | {rate:,.1f} | {self.main_cpu:,.1f} | {tree} | "
            f"{self.load[0]:.1f}–{self.load[1]:.1f} | {self.main_mb:,.0f} | {self.worker_mb:,.0f} | {self.tree_mb:,.0f} |"
        )


def run(label: str, articles: int, folder: Path, db: Path, out: Path, extra: list[str]) -> Row:
    """Run ``lagebild analyze`` on ``folder`` in a fresh process; measure its process tree."""
    cmd = [sys.executable, "-m", "lagebild.cli", "analyze", str(folder), "--db", str(db), "--out", str(out), *extra]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    m = measure(cmd, env)
    if m.returncode not in (0, 1):
        sys.exit(f"{label}: lagebild analyze failed ({m.returncode}):\n{m.stderr[-3000:]}")
    summary = next((line for line in m.stderr.splitlines() if line.startswith("documents in:")), "")
    summary += f" (tree CPU sampled from /proc: {m.sampled_tree_cpu:,.1f} s)"
    return Row(label, articles, m.seconds, m.main_kb / 1024, m.worker_kb / 1024, m.tree_kb / 1024, summary,
               m.main_cpu, m.tree_cpu, m.exact, m.loads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default 10000)")
    parser.add_argument("--incremental", type=int, default=1000, help="articles added to the largest store (0: skip)")
    parser.add_argument("--ray", action="store_true", help="also run the first size on a local Ray cluster")
    parser.add_argument("--no-pool", action="store_true", help="skip the process-pool rows (with --ray: Ray only)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fresh", action="store_true",
                        help="the increment is unseen articles (new stories), the stored corpus is made from the others")
    parser.add_argument("--keep", type=Path, default=None, help="folder for corpora and stores (default: a temporary one)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    texts = gnad_texts()
    fresh: list[str] = []
    if args.fresh and args.incremental:
        # K new articles = K/2 articles the store has never seen, two versions of each
        cut = len(texts) - max(1, args.incremental // 2)
        texts, fresh = texts[:cut], texts[cut:]
    base = Path(args.keep or tempfile.mkdtemp(prefix="lagebild-scale-"))
    jobs = ["-j", str(args.jobs)]
    rows: list[Row] = []
    notes: list[str] = []
    load = os.getloadavg()
    try:
        for n in sizes:
            folder = base / f"in-{n}"
            write_corpus(folder, 0, n, texts)
            if args.no_pool:
                continue
            rows.append(run(f"{n:,} articles, process pool", n, folder, base / f"s{n}.db", base / f"out{n}", jobs))
            print(rows[-1].line(), rows[-1].summary, file=sys.stderr, flush=True)
        if args.ray and sizes:
            n = sizes[0]
            rows.append(run(f"{n:,} articles, local Ray cluster", n, base / f"in-{n}", base / f"ray{n}.db", base / f"ray-out{n}",
                            [*jobs, "--executor", "ray"]))
            print(rows[-1].line(), rows[-1].summary, file=sys.stderr, flush=True)
            if not args.no_pool:
                for name in ("lagebild.json", "report.html"):
                    pool, ray = base / f"out{n}" / name, base / f"ray-out{n}" / name
                    same = pool.exists() and ray.exists() and pool.read_bytes() == ray.read_bytes()
                    notes.append(f"{name} of the process pool and of Ray ({n:,} articles): {'identical' if same else 'DIFFERENT'}")
        if args.incremental and sizes and not args.no_pool:
            n, k = sizes[-1], args.incremental
            added = base / f"in-{n}"
            source, first = (fresh, 0) if fresh else (texts, n)
            write_corpus(added, first, first + k, source, prefix="b" if fresh else "a")  # K more files in the same folder
            db = base / f"s{n}.db"
            kind = "unseen articles" if fresh else "versions of stored ones"
            rows.append(run(f"+{k:,} ({kind}) to the {n:,}-article store", k, added, db, base / f"out{n}", jobs))
            print(rows[-1].line(), rows[-1].summary, file=sys.stderr, flush=True)
            alone = base / f"alone-{k}"
            write_corpus(alone, first, first + k, source, prefix="b" if fresh else "a")
            rows.append(run(f"the same {k:,} alone", k, alone, base / f"alone{k}.db", base / f"out-alone{k}", jobs))
            print(rows[-1].line(), rows[-1].summary, file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"\nlagebild analyze end to end (export and report included), {args.jobs} workers, {os.cpu_count()} cores; "
          f"load average at start {load[0]:.1f}\n")
    print("| run | articles | wall s | articles/s | main CPU s | whole tree CPU s | load average | main peak MB | largest worker MB "
          "| whole tree peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row.line())
    print("\nCPU: user + system seconds, exact (the main process read at its exit, the tree from the reaped processes' "
          "usage); \"≥\": a descendant could not be reaped, the figure is a lower bound. Workers: tree minus main.\n")
    for row in rows:
        print(f"{row.label}: {row.summary}")
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
