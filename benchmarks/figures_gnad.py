"""Figures on real text outside the development stories: how many claims 10kGNAD articles yield, what they measure.

Runs the default per-document pipeline over the 10kGNAD test articles in ../shared/data (1,028
articles of many topics, not used to write the rules) and prints: claims per article, the share
with a measure from the vocabulary (not just a counted noun), with a named claimant, how the noun
was found (after / before / ellipsis), the most frequent measures and claimant cues. ``--sample N``
prints N random claims with their sentence for reading (false positives are found by reading).

Usage: .venv/bin/python benchmarks/figures_gnad.py [--docs 1028] [--sample 40] [--seed 7] [--measure dead] [--named]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.config import load_config
from lagebild.evaluation import shared_data_dir
from lagebild.model import Document, OffsetMap, SourceRef
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.registry import STAGES

GENERIC = ("count:", "unit:", "people", "percent")


def articles(limit: int) -> list[str]:
    path = shared_data_dir() / "10kgnad_articles" / "test.csv"
    if not path.exists():
        sys.exit(f"10kGNAD not found at {path}: nothing to measure")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1][:limit]


def analyse(texts: list[str]) -> list[Document]:
    config = load_config()
    pipeline = Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs))
    out = []
    for n, text in enumerate(texts):
        doc = Document(f"gnad-{n}", text, SourceRef(f"gnad-{n}.txt"))
        doc.set_text(text, OffsetMap.identity(len(text)))
        doc.produced |= {"original", "source", "text"}
        for name, stage in pipeline.stages:
            info = STAGES.info(name)
            if info.requires - doc.produced:
                continue
            doc = stage(doc)
            doc.produced |= info.produces
        out.append(doc)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1028)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--measure", default=None, help="sample only claims of this measure")
    ap.add_argument("--named", action="store_true", help="sample only claims credited to a named claimant")
    args = ap.parse_args()
    docs = analyse(articles(args.docs))
    claims = [(d, a) for d in docs for a in d.annotations if a.kind == "claim"]
    measures = Counter(str(a.data.get("measure")) for _, a in claims)
    known = sum(n for m, n in measures.items() if not m.startswith(GENERIC))
    named = sum(1 for _, a in claims if a.data.get("claimant_kind") == "speaker")
    print(f"articles {len(docs)}, claims {len(claims)} ({len(claims) / max(1, len(docs)):.1f} per article)")
    print(f"with a vocabulary measure: {known} ({known / max(1, len(claims)):.0%}); with a named claimant: {named} "
          f"({named / max(1, len(claims)):.0%})")
    print("noun found:", dict(Counter(str(a.data.get("unit_from")) for _, a in claims)))
    print("scope kinds:", dict(Counter(str(a.data.get("scope_kind")) for _, a in claims)))
    print("top measures:", ", ".join(f"{m} {n}" for m, n in measures.most_common(25)))
    print("claimant cues:", ", ".join(f"{c} {n}" for c, n in Counter(str(a.data.get("claimant_cue")) for _, a in claims).most_common(15)))
    if args.sample:
        pool = [(d, a) for d, a in claims if (args.measure is None or a.data.get("measure") == args.measure)
                and (not args.named or a.data.get("claimant_kind") == "speaker")]
        for d, a in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            sent = next((s.span for s in d.annotations if s.kind == "sentence" and s.span.start <= a.span.start < s.span.end), a.span)
            print(f"\n[{a.data.get('measure')} | scope={a.data.get('scope')} | by {a.data.get('claimant_text')} "
                  f"({a.data.get('claimant_cue')}) | {a.data.get('unit_from')}] «{a.surface}»\n  {d.text[sent.start:sent.end][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
