"""Recall of the event vocabulary on sentences that report a happening, judged by hand.

``benchmarks/data/event_recall_judged.tsv`` lists sentences sampled from 10kGNAD (test.csv 0–999, the tuning
block) and from SmartData's news documents, each with the event classes any of which tells its happening (an
attack, an accident, a flood, an arrest, a verdict, a vote …). A sentence counts as found when the default
pipeline gives it a factual (asserted or reported, not negated) event of one of those classes. The key is the
document id and the start of the sentence annotation; no article text is stored. The sample was drawn from
sentences of the Panorama, International, Inland and Wirtschaft sections that hold a topic word (police, court,
government, storm …; not a trigger of the vocabulary), in a fixed random order, keeping every sentence that
reports a happening. The SmartData block was held out until commit 1118330 (31/35 there); its misses became forms
at 78f54c6, so its figure at any later commit is a tune figure, as its block label "smartdata-tuned-78f54c6" says.

Usage: .venv/bin/python benchmarks/event_recall.py [--corpus gnad|smartdata|all] [--jobs 2] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dates_events import FACTUAL, read_gnad
from benchmarks.event_precision import read_smartdata
from lagebild.config import load_config
from lagebild.executors import make_executor
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec

JUDGED = ROOT / "benchmarks" / "data" / "event_recall_judged.tsv"


def judged(corpus: str) -> list[tuple[str, str, int, set[str], str]]:
    """(corpus, doc id, sentence start, right classes, block) of every judged sentence of ``corpus``."""
    rows = []
    for line in JUDGED.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, key, classes, block, *_ = line.split("\t")
        doc, start = key.rsplit(":", 1)
        if corpus in ("all", name):
            rows.append((name, doc, int(start), set(classes.split("|")), block))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("gnad", "smartdata", "all"), default="all")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--misses", action="store_true", help="list the keys of the sentences not found")
    args = parser.parse_args()
    rows = judged(args.corpus)
    wanted = {doc for _, doc, *_ in rows}
    docs: list[Document] = []
    if any(r[0] == "gnad" for r in rows):
        docs += [d for d in read_gnad(1000) if d.id in wanted]
    if any(r[0] == "smartdata" for r in rows):
        docs += [d for d in read_smartdata(10_000) if d.id in wanted]
    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for result in make_executor(args.jobs).map(spec, docs):
        doc = result.doc
        starts = {s.span.start: s.span.end for s in doc.of_kind("sentence")}
        for ev in doc.of_kind("event"):
            if ev.data.get("modality", "asserted") not in FACTUAL or ev.data.get("negated"):
                continue
            for start, end in starts.items():
                if start <= ev.span.start < end:
                    found[(doc.id, start)].add(str(ev.label))
    by_block: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, doc, start, classes, block in rows:
        tally = by_block[f"{name} ({block})"]
        tally[1] += 1
        if found.get((doc, start), set()) & classes:
            tally[0] += 1
        elif args.misses:
            print(f"miss\t{name}\t{doc}:{start}\t{'|'.join(sorted(classes))}")
    print("| sample | found | of | recall |\n|---|---|---|---|")
    for label, (hit, n) in sorted(by_block.items()):
        print(f"| {label} | {hit} | {n} | {hit / n:.2f} |")


if __name__ == "__main__":
    main()
