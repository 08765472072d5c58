"""Whole-pipeline throughput: articles/s and peak memory of `analyze`, read to report.

Corpus `gnad` (default): real, distinct German news articles from 10kGNAD in ../shared/data
(1,028 articles, cycled with a numbered first line beyond that). Corpus `examples`: the five
example articles repeated, each copy made unique by a first line (near-duplicates galore, so the
duplicate detection works hardest). Prints tables; writes nothing else.

Tables: throughput, memory and the CPU time of the main process and of the workers (which, unlike
wall time, does not grow when other jobs share the cores); CPU of the main process by phase (reading, transfer to and from
the workers, storing, reading back, each cross-source stage); per-stage time in the workers (wall
clock, inflated when other jobs share the cores; "(after the stages)" is the work done there for
the main process: store rows and duplicate signatures); and, with ``--cpu-sample N`` (default 200), the
CPU time of each per-document stage measured in this process over N of the articles, which does
not depend on how busy the machine is.

Usage: .venv/bin/python benchmarks/speed.py [--docs 1000] [--jobs 2] [--corpus gnad|examples] [--cpu-sample 200]
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

from lagebild.analyze import analyze_paths
from lagebild.compare.story_pool import WORKER_PREFIX
from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.ingest import read_path
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.registry import STAGES
from lagebild.store import open_store

SHARED = shared_data_dir()


#: ``RunReport.main_cpu`` entries that count stories or batches (not CPU seconds)
COUNT_KEYS = frozenset({"stories recomputed", "stories reused", "story batches computed here"})


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


def stage_cpu(folder: Path, config: object, n: int) -> tuple[int, dict[str, float]]:
    """Run the per-document stages in this process over ``n`` files; return CPU seconds per stage."""
    pipeline = Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs))  # type: ignore[attr-defined]
    seconds: dict[str, float] = {name: 0.0 for name, _ in pipeline.stages}
    done = 0
    for path in sorted(folder.iterdir())[:n]:
        for doc in read_path(path):
            if not isinstance(doc, Document):
                continue
            doc.produced |= {"original", "source"}
            for name, stage in pipeline.stages:
                info = STAGES.info(name)
                if info.requires - doc.produced:
                    continue
                started = time.thread_time()
                try:
                    doc = stage(doc)
                    doc.produced |= info.produces
                except Exception:  # counted like the pipeline does: the time still counts
                    pass
                seconds[name] += time.thread_time() - started
            done += 1
    return done, seconds


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: the workers, once the pool is shut down."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", choices=["gnad", "examples"], default="gnad")
    parser.add_argument("--cpu-sample", type=int, default=200, help="articles for the in-process CPU table (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        chars = make_corpus(folder, args.docs, args.corpus)
        store = open_store(str(Path(tmp) / "bench.db"))
        config = load_config()
        started = time.perf_counter()
        cpu_main, cpu_children = time.process_time(), _children_cpu()
        report = analyze_paths([folder], store, config=config, jobs=args.jobs)
        total = time.perf_counter() - started
        cpu_main, cpu_children = time.process_time() - cpu_main, _children_cpu() - cpu_children
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # after the memory figures: this pass loads the models into this process
        sample = stage_cpu(folder, config, args.cpu_sample) if args.cpu_sample > 0 else (0, {})
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
    for phase, secs in report.phase_wall.items():
        print(f"| wall time: {phase} | {secs:.2f} s |")
    ok = max(report.ok, 1)
    # CPU time does not grow when other jobs share the cores: compare runs by these figures
    print(f"| CPU main process (all threads) | {cpu_main:.2f} s, {1000 * cpu_main / ok:.2f} ms/article |")
    print(f"| CPU worker processes (all) | {cpu_children:.2f} s, {1000 * cpu_children / ok:.2f} ms/article |")
    print()
    print("| main process | CPU s | ms/article |")
    print("|---|---|---|")
    # "workers: …" keys are CPU the workers spent on per-story stages: counted in the worker processes' CPU above,
    # not in this process's total
    # (and the numbers of stories or batches kept there are counts, not seconds)
    counts = {k: v for k, v in report.main_cpu.items() if k in COUNT_KEYS}
    here = {k: v for k, v in report.main_cpu.items() if not k.startswith(WORKER_PREFIX) and k not in COUNT_KEYS}
    for phase, secs in here.items():
        print(f"| {phase} | {secs:.2f} | {1000 * secs / ok:.2f} |")
    main_total = sum(here.values())
    print(f"| **total** | {main_total:.2f} | {1000 * main_total / ok:.2f} |")
    pooled = {k[len(WORKER_PREFIX):]: v for k, v in report.main_cpu.items() if k.startswith(WORKER_PREFIX)}
    if pooled:
        print()
        print("| per-story stage (in the workers) | CPU s | ms/article |")
        print("|---|---|---|")
        for phase, secs in pooled.items():
            print(f"| {phase} | {secs:.2f} | {1000 * secs / ok:.2f} |")
    for key, value in counts.items():
        print(f"{key}: {value:.0f}")
    print()
    print("| stage (in the workers) | wall s (all workers) | ms/article |")
    print("|---|---|---|")
    for stage, secs in sorted(per_stage.items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {secs:.2f} | {1000 * secs / ok:.2f} |")
    done, cpu = sample
    if done:
        print()
        print(f"| stage (in-process, {done} articles) | CPU ms/article |")
        print("|---|---|")
        for stage, secs in sorted(cpu.items(), key=lambda kv: -kv[1]):
            print(f"| {stage} | {1000 * secs / done:.2f} |")
        print(f"| **total** | {1000 * sum(cpu.values()) / done:.2f} |")


if __name__ == "__main__":
    main()
