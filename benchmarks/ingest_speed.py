"""Ingest throughput: files/s of reading + decoding + the ingest stages on 10,000 files.

The corpus is the five example articles repeated to ``--files`` files (each copy made unique by
a number in its first line). Measures, single process: discovery + ``read_path`` (decoding,
encoding decision), then the default ingest stages (``clean.boilerplate.v1``, ``meta.headers.v1``,
``language.detect.v1``) per document. Prints a table with wall-clock and CPU time.

Usage: .venv/bin/python benchmarks/ingest_speed.py [--files 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.errors import InputError
from lagebild.ingest import discover, read_path
from lagebild.model import Document
from lagebild.registry import STAGES

INGEST_STAGES = ("clean.boilerplate.v1", "meta.headers.v1", "language.detect.v1")


def make_corpus(folder: Path, n: int) -> int:
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples" / "ru-kp-treaty").glob("*.txt"))]
    size = 0
    for i in range(n):
        data = f"Kopie {i}\n{texts[i % len(texts)]}".encode()
        (folder / f"{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    args = ap.parse_args()
    stages = [STAGES.build(name) for name in INGEST_STAGES]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = make_corpus(folder, args.files)
        t0, c0 = time.perf_counter(), time.process_time()
        docs: list[Document] = []
        errors = 0
        for item in discover([folder]):
            if isinstance(item, InputError):
                errors += 1
                continue
            for got in read_path(Path(item)):
                if isinstance(got, Document):
                    docs.append(got)
                else:
                    errors += 1
        t1, c1 = time.perf_counter(), time.process_time()
        per_stage = dict.fromkeys(INGEST_STAGES, 0.0)
        cpu_stage = dict.fromkeys(INGEST_STAGES, 0.0)
        for doc in docs:
            for name, stage in zip(INGEST_STAGES, stages, strict=True):
                s, cs = time.perf_counter(), time.process_time()
                stage(doc)
                doc.produced |= STAGES.info(name).produces
                per_stage[name] += time.perf_counter() - s
                cpu_stage[name] += time.process_time() - cs
        t2, c2 = time.perf_counter(), time.process_time()
    n = len(docs)
    print(f"files: {args.files}  ({size / 1e6:.1f} MB)  documents: {n}  errors: {errors}  (1 process)")
    # CPU time is reported next to wall time: on a shared machine the wall clock overstates the cost.
    print(f"{'step':<24} {'wall s':>8} {'files/s':>9} {'cpu s':>8} {'files/cpu-s':>12} {'cpu ms/file':>12}")

    def row(name: str, wall: float, cpu: float) -> None:
        print(f"{name:<24} {wall:8.2f} {n / wall:9.0f} {cpu:8.2f} {n / cpu:12.0f} {1000 * cpu / n:12.3f}")

    row("read + decode", t1 - t0, c1 - c0)
    for name in INGEST_STAGES:
        row(name, per_stage[name], cpu_stage[name])
    row("ingest total", t2 - t0, c2 - c0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
