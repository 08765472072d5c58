"""Inferred publication dates and event coverage on 1,000 DER STANDARD articles (10kGNAD, 2015–2016).

10kGNAD has no date fields; a date comes from the text (a closing signature) or is inferred. The
articles are from 2015–2016: a date outside that range is wrong, and so is a lower
bound ("not before …") after 2016. The script runs the default pipeline and every cross-source
stage (as ``analyze`` does) over the first ``--docs`` articles and prints, each with its n:

* dates read from the text (DER STANDARD closes many articles with a signature such as
  "(Anna Muster, 12.9.2015)"): how many, how many outside 2015–2016;
* inferred dates: how many, how many outside 2015–2016 (the figure that must be 0);
* bounds: how many articles got only a "not before" bound, how many of those bounds lie after 2016;
* events: factual event mentions per class, the share of articles with at least one, merged events;
  the same per class on the ``tune`` split of news_stories_dev (the rules were developed there and on
  10kGNAD; the held-out ``check`` split is scored by ``lagebild eval picture``).

Usage: .venv/bin/python benchmarks/dates_events.py [--docs 1000] [--jobs 2] [--no-dev]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.compare import COMPARE, CorpusContext, CorpusResult
from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.executors import make_executor
from lagebild.model import Document, SourceRef
from lagebild.pipeline import PipelineSpec

FACTUAL = ("asserted", "reported")
YEARS = ("2015", "2016")


def read_gnad(n: int) -> list[Document]:
    path = shared_data_dir() / "10kgnad_articles" / "test.csv"
    if not path.is_file():
        sys.exit(f"10kGNAD not found at {path}: nothing to measure")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))[:n]
    return [Document(f"gnad-{i:04d}", text, SourceRef(f"10kgnad#{i}")) for i, (_, text) in enumerate(rows)]


def run(docs: list[Document], jobs: int) -> tuple[list[Document], CorpusResult]:
    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    done = [r.doc for r in make_executor(jobs).map(spec, docs)]
    ctx = CorpusContext(docs=done, result=CorpusResult())
    for name in config.compare_stages:
        COMPARE.build(name)(ctx)
    return done, ctx.result


def event_counts(docs: list[Document]) -> tuple[Counter[str], int]:
    per_class: Counter[str] = Counter()
    with_event = 0
    for d in docs:
        found = [a for a in d.of_kind("event") if a.data.get("modality", "asserted") in FACTUAL and not a.data.get("negated")]
        per_class.update(a.label or "event" for a in found)
        with_event += bool(found)
    return per_class, with_event


def dev_tune(jobs: int) -> tuple[list[Document], Counter[str], int] | None:
    """Event mentions per class on the tune split of news_stories_dev (the whole corpus is run, as analyze does)."""
    import yaml

    from lagebild.ingest import read_path

    folder = shared_data_dir() / "news_stories_dev"
    if not (folder / "gold.yaml").is_file():
        return None
    gold = yaml.safe_load((folder / "gold.yaml").read_text("utf-8"))["documents"]
    docs = [d for p in sorted((folder / "corpus").glob("*.txt")) for d in read_path(p) if isinstance(d, Document)]
    done, _ = run(docs, jobs)
    tune = [d for d in done if (gold.get(d.id) or {}).get("split") == "tune"]
    per_class, with_event = event_counts(tune)
    return tune, per_class, with_event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-dev", action="store_true", help="skip the news_stories_dev tune split")
    args = parser.parse_args()
    started = time.perf_counter()
    docs, result = run(read_gnad(args.docs), args.jobs)
    seconds = time.perf_counter() - started
    n = len(docs)
    inferred = {d: e for d, e in result.inferred_dates.items() if e.get("value")}
    outside = {d: e["value"] for d, e in inferred.items() if not str(e["value"]).startswith(YEARS)}
    bounds = {d: e for d, e in result.inferred_dates.items() if not e.get("value") and e.get("not_before")}
    late_bounds = {d: e["not_before"] for d, e in bounds.items() if str(e["not_before"])[:4] > YEARS[-1]}
    printed = {d.id: str(d.meta.published.value) for d in docs if d.meta.published.value}
    printed_outside = {d: v for d, v in printed.items() if not v.startswith(YEARS)}

    print(f"10kGNAD (DER STANDARD 2015–2016): {n} articles, pipeline + cross-source {seconds:.1f} s ({n / seconds:.1f} articles/s wall)\n")
    print("| publication dates | n | of |")
    print("|---|---|---|")
    print(f"| dates read from the text (closing signatures such as \"(APA, 12.9.2015)\") | {len(printed)} | {n} |")
    print(f"| **dates read from the text outside 2015–2016** | **{len(printed_outside)}** | {len(printed)} |")
    print(f"| inferred dates | {len(inferred)} | {n} |")
    print(f"| **inferred dates outside 2015–2016** | **{len(outside)}** | {len(inferred)} |")
    print(f"| bounds only (not before …) | {len(bounds)} | {n} |")
    print(f"| bounds after 2016 (impossible) | {len(late_bounds)} | {len(bounds)} |")
    for doc_id, value in sorted(printed_outside.items())[:10]:
        print(f"  read outside: {doc_id} {value}: {next(d for d in docs if d.id == doc_id).meta.published.reason}")
    for doc_id, value in sorted(outside.items())[:10]:
        print(f"  outside: {doc_id} {value}: {result.inferred_dates[doc_id].get('reason', '')[:160]}")
    for doc_id, value in sorted(late_bounds.items())[:10]:
        print(f"  late bound: {doc_id} not before {value}: {result.inferred_dates[doc_id].get('reason', '')[:160]}")

    per_class, with_event = event_counts(docs)
    dev = None if args.no_dev else dev_tune(args.jobs)
    print(f"\n| events | n | of |\n|---|---|---|\n| articles with a factual event mention | {with_event} | {n} |")
    print(f"| factual event mentions | {sum(per_class.values())} | {n} articles |")
    print(f"| merged events | {len(result.events)} | {sum(per_class.values())} mentions |")
    print(f"| classes seen | {len(per_class)} | |")
    if dev is not None:
        tune, dev_class, dev_with = dev
        print(f"| news_stories_dev tune: articles with a factual event mention | {dev_with} | {len(tune)} |")
        print(f"| news_stories_dev tune: factual event mentions | {sum(dev_class.values())} | {len(tune)} articles |")
    else:
        dev_class = Counter()
    print("\n| class | mentions 10kGNAD | mentions tune split |\n|---|---|---|")
    for cls in sorted(set(per_class) | set(dev_class), key=lambda c: (-per_class[c], c)):
        print(f"| {cls} | {per_class[cls]} | {dev_class[cls] if dev is not None else '–'} |")


if __name__ == "__main__":
    main()
