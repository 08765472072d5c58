"""Precision of the event trigger vocabulary on a random sample of 100 factual event mentions (10kGNAD).

``--docs`` DER STANDARD articles of 10kGNAD (test.csv) from ``--offset`` on run through the default
per-document pipeline; from the factual mentions (asserted or reported, not negated) ``--sample`` are
drawn with a fixed seed. Each is judged by hand: does the trigger, in its sentence, tell a happening
of the named class? The judgements live in ``benchmarks/data/event_precision_10kgnad.tsv`` as
``key<TAB>1|0<TAB>note<TAB>block<TAB>seed<TAB>commit`` (the key is ``doc:start:class``, the doc id
the article's row in test.csv; no article text is stored). Mentions without a judgement are listed
for judging (``--list``: a TSV row to fill in, then the sentence) and left out of the figure.

The articles 0–999 are the tuning block: the vocabulary's precision rules were written on samples
of 0–399, and the mentions that changes to the vocabulary add or remove were read on 0–999
(``benchmarks/dates_events.py --docs 1000``), so a figure from them is no held-out one. Report on
a block after it (``--offset 1000`` or later), read only to judge the sample. test.csv has 1,028
articles, so the reporting block is 1000–1027; all its 53 factual mentions were judged at commit
2ae0ceb: 39/53 = 0.74 (rules and role notes: ``benchmarks/data/event_precision_10kgnad.md``).

test.csv holds no article after 1027, so a block read for the first time after the rule changes comes from
other news: ``--corpus smartdata`` takes the ``news`` documents of the DFKI SmartData corpus (German news
of 2015–2016, ``../shared/data/smartdata_de_ner``; doc ids ``sd-<id>``), never read while writing the rules.

SmartData holds 632 news documents, all in the block sampled with seed 15; ``--fresh`` draws a new sample
only among the mentions no earlier sample judged (another seed), so that block yields a held-out figure again.

Usage: .venv/bin/python benchmarks/event_precision.py [--corpus gnad|smartdata] [--offset 0] [--docs 400] [--sample 100] [--seed 15] [--fresh] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dates_events import FACTUAL, read_gnad
from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.executors import make_executor
from lagebild.model import Document, SourceRef
from lagebild.pipeline import PipelineSpec

JUDGED = ROOT / "benchmarks" / "data" / "event_precision_10kgnad.tsv"
#: articles [0, TUNING_BLOCK) of test.csv were read while writing the vocabulary's rules
TUNING_BLOCK = 1000


def read_smartdata(n: int) -> list[Document]:
    """The first ``n`` news documents (not tweets or RSS items) of the SmartData corpus, in file order, one per id."""
    path = shared_data_dir() / "smartdata_de_ner" / "smartdata_v1_train_filtered.jsonl.gz"
    if not path.is_file():
        sys.exit(f"SmartData not found at {path}: nothing to measure")
    out = []
    seen: set[str] = set()  # the file holds some documents twice under one id: each is read once
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("source") == "news" and row["id"] not in seen:
                seen.add(row["id"])
                out.append(Document(f"sd-{row['id']}", row["text"], SourceRef(f"smartdata#{row['id']}")))
                if len(out) >= n:
                    break
    return out


def head_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def judged() -> dict[str, bool]:
    if not JUDGED.is_file():
        return {}
    out = {}
    for line in JUDGED.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, verdict, *_ = line.split("\t")
            out[key] = verdict.strip() == "1"
    return out


def judged_under_other_seeds(seed: int) -> set[str]:
    """Keys judged for a sample drawn with another seed: read before, so no longer held out."""
    if not JUDGED.is_file():
        return set()
    out = set()
    for line in JUDGED.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cols) > 4 and cols[4].strip() != str(seed):
            out.add(cols[0])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("gnad", "smartdata"), default="gnad", help="10kGNAD test.csv, or SmartData's news documents")
    parser.add_argument("--offset", type=int, default=0, help=f"first article (10kGNAD 0-{TUNING_BLOCK - 1}: the tuning block)")
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--list", action="store_true", help="print the sentences of unjudged mentions")
    parser.add_argument("--fresh", action="store_true",
                        help="draw only among mentions not judged before under another seed (a new held-out sample from a block already sampled)")
    args = parser.parse_args()
    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    source = read_smartdata if args.corpus == "smartdata" else read_gnad
    docs = [r.doc for r in make_executor(args.jobs).map(spec, source(args.offset + args.docs)[args.offset :])]
    block = f"{'smartdata ' if args.corpus == 'smartdata' else ''}{args.offset}:{args.offset + len(docs)}"  # fewer when the file ends
    mentions = []
    for d in docs:
        for a in d.of_kind("event"):
            if a.data.get("modality", "asserted") in FACTUAL and not a.data.get("negated"):
                mentions.append((d, a))
    verdicts = judged()
    extracted = list(mentions)
    if args.fresh:
        earlier = judged_under_other_seeds(args.seed)
        mentions = [(d, a) for d, a in mentions if f"{d.id}:{a.span.start}:{a.label}" not in earlier]
    sample = random.Random(args.seed).sample(mentions, min(args.sample, len(mentions)))
    commit = head_commit()
    right = wrong = 0
    per_class: dict[str, list[int]] = {}
    for d, a in sorted(sample, key=lambda da: (da[0].id, da[1].span.start)):
        key = f"{d.id}:{a.span.start}:{a.label}"
        if key in verdicts:
            ok = verdicts[key]
            right += ok
            wrong += not ok
            per_class.setdefault(str(a.label), [0, 0])[0 if ok else 1] += 1
        elif args.list:
            s, e = a.data.get("sentence_span") or [a.span.start, a.span.end]
            print(f"{key}\t?\t\t{block}\t{args.seed}\t{commit}\t# {a.surface}: {' '.join(d.text[s:e].split())[:300]}")
    n = right + wrong
    # the judged mentions the current vocabulary no longer extracts (a before/after view on one sample)
    now = {f"{d.id}:{a.span.start}:{a.label}" for d, a in extracted}
    ids = {d.id for d in docs}
    gone = {k: v for k, v in verdicts.items() if k not in now and k.rsplit(":", 2)[0] in ids}
    if gone:
        print(f"judged mentions no longer extracted: {len(gone)} ({sum(not v for v in gone.values())} judged wrong, "
              f"{sum(gone.values())} judged right)")
    kind = "reporting block" if args.corpus == "smartdata" or args.offset >= TUNING_BLOCK else "tuning block, not held out"
    print(f"articles {block} ({kind}); seed {args.seed}")
    print(f"factual mentions: {len(mentions)} in {len(docs)} articles; sample {len(sample)}; judged {n}")
    if n:
        print(f"precision: {right}/{n} = {right / n:.2f}")
        for cls, (good, bad) in sorted(per_class.items()):
            print(f"  {cls}: {good}/{good + bad}")


if __name__ == "__main__":
    main()
