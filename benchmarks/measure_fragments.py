"""Measure fragments: figures whose measure says no more than "people" or names a counted noun outside the vocabulary.

Such figures group only with figures of the same bare unit, so one quantity reported by several outlets splits
into several claim groups. Runs the default per-document pipeline over 10kGNAD articles (``--docs``) and, with
``--tune``, over the tune split of the development stories and of the synthetic stories (the documents their gold
marks ``split: tune``; never the check split), and prints: the share of claims measured as bare "people" or
"count:<noun>", the most frequent counted nouns outside the vocabulary (the frequency table new vocabulary entries are
read off), and ``--sample N`` fragments with their sentence for judging by hand.

Usage: .venv/bin/python benchmarks/measure_fragments.py [--docs 1000] [--tune] [--sample 60] [--seed 14] [--nouns 60]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures_gnad import analyse, articles

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.picture import load_gold

#: the story corpora whose tune split ``--tune`` reads (each corpus's gold says per document which split it is in)
CORPORA = ("news_stories_dev", "synthetic_stories")


def _corpus_dir(name: str) -> Path:
    return shared_data_dir() / name if name == "news_stories_dev" else ROOT / "benchmarks" / "data" / name


def tune_texts() -> list[str]:
    """The texts of the documents marked ``split: tune`` in each corpus's gold.yaml: a check text is never read, and
    new tune stories count without a change here."""
    out = []
    for name in CORPORA:
        folder = _corpus_dir(name)
        if not (folder / "gold.yaml").is_file():
            continue
        documents = load_gold(folder / "gold.yaml")["documents"]
        for doc_id in sorted(d for d, entry in documents.items() if isinstance(entry, dict) and entry.get("split") == "tune"):
            path = folder / "corpus" / f"{doc_id}.txt"
            if path.is_file():
                out.append(path.read_text(encoding="utf-8"))
    return out


def fragment(measure: str) -> bool:
    return measure == "people" or measure.startswith("count:")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--tune", action="store_true", help="also read the tune splits of both story corpora")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--nouns", type=int, default=40, help="how many counted nouns outside the vocabulary to list")
    ap.add_argument("--only", choices=("people", "count"), default=None, help="sample only bare people or only count:<noun>")
    args = ap.parse_args()
    texts = articles(args.docs) + (tune_texts() if args.tune else [])
    docs = analyse(texts)
    claims = [(d, a) for d in docs for a in d.annotations if a.kind == "claim"]
    measures = Counter(str(a.data.get("measure")) for _, a in claims)
    people = measures["people"]
    counted = sum(n for m, n in measures.items() if m.startswith("count:"))
    print(f"documents {len(docs)}, claims {len(claims)}")
    print(f"bare people: {people} ({people / max(1, len(claims)):.1%}); count:<noun> outside the vocabulary: "
          f"{counted} ({counted / max(1, len(claims)):.1%}); together {(people + counted) / max(1, len(claims)):.1%}")
    print("counted nouns outside the vocabulary:",
          ", ".join(f"{m[6:]} {n}" for m, n in measures.most_common() if m.startswith("count:"))[:4000])
    units = Counter(str(a.data.get("unit")) for _, a in claims if str(a.data.get("measure")).startswith("count:"))
    print("as written:", ", ".join(f"{u} {n}" for u, n in units.most_common(args.nouns)))
    if args.sample:
        pool = [(d, a) for d, a in claims if fragment(str(a.data.get("measure")))
                and (args.only is None or str(a.data.get("measure")).startswith(args.only))]
        for n, (d, a) in enumerate(random.Random(args.seed).sample(pool, min(args.sample, len(pool))), 1):
            sent = next((s.span for s in d.annotations if s.kind == "sentence" and s.span.start <= a.span.start < s.span.end),
                        a.span)
            print(f"\n#{n} [{a.data.get('measure')} | unit={a.data.get('unit')}] «{a.surface}»\n  "
                  f"{d.text[sent.start:sent.end][:320]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
