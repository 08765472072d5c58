"""CPU of reading HTML pages and of the ingest stages on them, in one process, part by part.

What a worker of `lagebild analyze` spends on a folder of pages before the NER and the other
analysis stages: decoding and ``read_path`` (trafilatura's extraction, its metadata, the title,
byline and date rules, htmldate, aligning the text to the page), then ``clean.boilerplate.v1``,
``meta.headers.v1`` and ``language.detect.v1``. dateparser's locale patterns are loaded first, as
the process pool's fork server does (``lagebild.executors.preload_pages``), so that the one-time
cost is not counted against the pages. CPU time, not wall time: on a shared machine the wall
clock moves with the other work on it. Run it for two checkouts one after the other
(``PYTHONPATH=CHECKOUT``) to compare them; ``--check`` prints a digest of the documents' text and
metadata, which must be equal for two checkouts that only got faster.

    PYTHONPATH=. .venv/bin/python benchmarks/html_reading.py /tmp/html286 --check
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

# the checkout measured is the one on PYTHONPATH (not necessarily this file's)
from lagebild.errors import InputError
from lagebild.ingest import discover, read_path
from lagebild.model import Document
from lagebild.registry import STAGES

INGEST_STAGES = ("clean.boilerplate.v1", "meta.headers.v1", "language.detect.v1")


def _digest(docs: list[Document]) -> str:
    rows = [[d.id, d.text, d.meta.title, d.meta.author, d.meta.published.value, d.meta.language,
             sorted((k, str(v)) for k, v in d.meta.extra.items())] for d in docs]
    return hashlib.sha1(json.dumps(rows, default=str).encode()).hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="folder of HTML pages")
    ap.add_argument("--check", action="store_true", help="print a digest of the documents' text and metadata")
    args = ap.parse_args()
    import lagebild.executors.preload_pages  # noqa: F401  (dateparser's patterns, as in the fork server)

    stages = [STAGES.build(name) for name in INGEST_STAGES]
    c0 = time.process_time()
    docs: list[Document] = []
    for item in discover([args.folder]):
        if isinstance(item, InputError):
            continue
        docs.extend(got for got in read_path(Path(item)) if isinstance(got, Document))
    cpu = {"read": time.process_time() - c0}
    for name in INGEST_STAGES:
        cpu[name] = 0.0
    for doc in docs:
        for name, stage in zip(INGEST_STAGES, stages, strict=True):
            c = time.process_time()
            stage(doc)
            doc.produced |= STAGES.info(name).produces
            cpu[name] += time.process_time() - c
    n = max(1, len(docs))
    print(f"pages read: {len(docs)}  (1 process, CPU)")
    print(f"{'step':<24} {'cpu s':>8} {'cpu ms/page':>12}")
    for name, value in cpu.items():
        print(f"{name:<24} {value:8.2f} {1000 * value / n:12.1f}")
    total = sum(cpu.values())
    print(f"{'total':<24} {total:8.2f} {1000 * total / n:12.1f}")
    if args.check:
        print(f"digest: {_digest(docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
