"""Cost of the cross-source steps at scale: time and peak memory per stage for up to 10,000 articles.

The 1,028 10kGNAD articles (evaluation use only, CC BY-NC-SA) run once through the default
per-document pipeline (cached in a temporary folder between runs). Larger corpora are made of
variants: each variant of an article drops a different paragraph (annotations are shifted with
the text) and gets its own publication date, so variants look like rewritten agency copies of one
story. Each size runs in a fresh process; the table shows seconds per compare stage and the peak
resident memory of that process. Near-linear growth means the blocking works.

Usage: .venv/bin/python benchmarks/compare_scale.py [--sizes 1000,2500,5000,10000]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.executors import make_executor
from lagebild.model import Annotation, DateValue, Document, OffsetMap, SourceRef, Span
from lagebild.pipeline import PipelineSpec

CACHE = Path(tempfile.gettempdir()) / "lagebild-bench-cache"


def base_documents() -> list[Document]:
    config = load_config()
    key = hashlib.sha1(json.dumps([config.stages, config.stage_configs], sort_keys=True, default=str).encode()).hexdigest()[:10]
    cache = CACHE / f"gnad-{key}.jsonl.gz"
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            return [Document.from_json(json.loads(line)) for line in fh]
    with (shared_data_dir() / "10kgnad_articles" / "test.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))
    docs = [Document(f"g{i}", text, SourceRef(f"10kgnad#{i}")) for i, (_, text) in enumerate(rows)]
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    started = time.perf_counter()
    done = [r.doc for r in make_executor(1).map(spec, docs)]
    print(f"(pipeline on {len(done)} base articles: {time.perf_counter() - started:.0f} s, cached in {cache})", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as fh:
        for d in done:
            fh.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
    return done


def _shift(value: object, cut: Span) -> object:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        s, e = value
        if s >= cut.end:
            return [s - len(cut), e - len(cut)]
        if e <= cut.start:
            return value
        return None
    return value


def variant(doc: Document, k: int, rng: random.Random) -> Document:
    """Return a copy of ``doc`` without its k-th paragraph (annotations shifted), newly dated."""
    paras = [a.span for a in doc.annotations if a.kind == "paragraph"]
    cut = paras[k % len(paras)] if len(paras) > 2 and k else Span(0, 0)
    text = doc.text[: cut.start] + doc.text[cut.end :]
    out = Document(f"{doc.id}v{k}", text, SourceRef(f"{doc.source.path}/v{k}"))
    out.set_text(text, OffsetMap.identity(len(text)))
    out.meta = replace(doc.meta, published=DateValue((date(2015, 6, 1) + timedelta(days=rng.randrange(540))).isoformat(), "day"))
    kept = {}
    for ann in doc.annotations:
        if ann.span.overlaps(cut) or (len(cut) and cut.contains(ann.span)):
            continue
        span = ann.span if ann.span.end <= cut.start else Span(ann.span.start - len(cut), ann.span.end - len(cut))
        kept[ann.id] = (ann, span)
    for ann, span in kept.values():
        data = {}
        for key, value in ann.data.items():
            if key.endswith("_span"):
                value = _shift(value, cut)
            elif key.endswith("_anns"):
                value = [v for v in value or [] if v in kept]
            elif key.endswith("_ann") and value not in kept:
                value = None
            data[key] = value
        out.annotations.append(Annotation(ann.id, ann.kind, span, text[span.start : span.end], ann.prov, ann.label, data))
    return out


def corpus(n: int) -> list[Document]:
    base = base_documents()
    rng = random.Random(n)
    return [variant(base[i % len(base)], i // len(base), rng) for i in range(n)]


def run_one(n: int) -> dict[str, object]:
    docs = corpus(n)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    timings = {}
    for name in load_config().compare_stages:
        started = time.perf_counter()
        try:
            COMPARE.build(name)(ctx)
        except Exception as exc:
            timings[name] = f"failed: {exc!r}"[:60]
            continue
        timings[name] = round(time.perf_counter() - started, 2)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = ctx.result
    return {"n": n, "seconds": timings, "peak_rss_mb": round(rss / 1024), "rss_before_mb": round(rss0 / 1024),
            "stories": len(r.stories), "events": len(r.events), "claim_groups": len(r.claim_groups)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    base_documents()  # fill the cache once
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        got = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=False)
        if got.returncode:
            print(got.stderr[-2000:], file=sys.stderr)
            continue
        rows.append(json.loads(got.stdout.strip().splitlines()[-1]))
    stages = list(rows[0]["seconds"]) if rows else []
    short = {s: s.split(".")[0][:10] for s in stages}
    print(f"{'articles':>8} " + " ".join(f"{short[s]:>10}" for s in stages) + f" {'total s':>8} {'peak MB':>8} {'stories':>7} {'events':>7}")
    for row in rows:
        secs = row["seconds"]
        total = sum(v for v in secs.values() if isinstance(v, (int, float)))
        cells = " ".join(f"{secs[s]:>10}" if isinstance(secs[s], (int, float)) else f"{'fail':>10}" for s in stages)
        print(f"{row['n']:>8} {cells} {total:>8.1f} {row['peak_rss_mb']:>8} {row['stories']:>7} {row['events']:>7}")
    print("(seconds per cross-source stage; peak MB = peak resident memory of the process incl. the documents)")


if __name__ == "__main__":
    main()
