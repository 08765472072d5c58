"""Temporal expressions: TempEval-3 scores on WikiWarsDE (dev and held-out test part) and speed.

Quality: WikiWarsDE (TIMEX2, 22 Wikipedia war narratives) is converted to TimeML
(``lagebild.evaluation.wikiwars``: DCT = the corpus' download date 2011-02-16; odd-numbered
documents = dev, the part the rules were developed on; even-numbered = test, only scored).
Speed: characters per second of ``timex.rules.v1`` on one core, on WikiWarsDE and on real
German news prose (10kGNAD test articles, unlabelled), after a warm-up.

Usage: .venv/bin/python benchmarks/timex.py [--news 1000]
"""

from __future__ import annotations

import argparse
import csv
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.timex import evaluate, gold_files
from lagebild.evaluation.wikiwars import convert
from lagebild.timex import parse_value, tag

SHARED = shared_data_dir()


def news_texts(limit: int) -> list[str]:
    path = SHARED / "10kgnad_articles" / "test.csv"
    if not path.exists():
        return []
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8") as fh:
        return [row[1].strip("'") for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1][:limit]


def speed(texts: list[str], dct: str = "2016-03-15") -> tuple[float, float]:
    """Return (chars/s, ms per 4,000-char article) of the tagger on ``texts``, one core."""
    ref = parse_value(dct)
    for t in texts[:20]:
        tag(t, ref)
    chars = sum(len(t) for t in texts)
    best = 0.0
    for _ in range(3):
        started = time.perf_counter()
        for t in texts:
            tag(t, ref)
        best = max(best, chars / (time.perf_counter() - started))
    return best, 4000 / best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=int, default=1000, help="10kGNAD articles for the speed run")
    args = parser.parse_args()
    src = SHARED / "wikiwarsde_timex" / "WikiWarsDE_20110412"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if src.is_dir():
            convert(src, Path(tmp))
            for part in ("dev", "test"):
                s = evaluate(gold_files(Path(tmp) / part))
                rows.append((f"WikiWarsDE {part}", s))
    print(f"{'data':18} {'strict F1':>9} {'relax P':>8} {'relax R':>8} {'relax F1':>8} {'type acc':>8} {'value acc':>9} {'value F1':>8} {'gold':>5}")
    for name, s in rows:
        print(f"{name:18} {s.prf(s.strict)[2]:9.3f} {s.prf(s.relaxed)[0]:8.3f} {s.prf(s.relaxed)[1]:8.3f} {s.prf(s.relaxed)[2]:8.3f} "
              f"{s.type_accuracy:8.3f} {s.value_accuracy:9.3f} {s.prf(s.value_ok)[2]:8.3f} {s.gold:5d}")
    print("(dev: documents the rules were written against; test: held out. Reference: HeidelTime 1.8 on the whole")
    print(" corpus, published: relaxed F1 0.933, strict F1 0.877, value accuracy 0.885, relaxed+value F1 0.825.)")
    print()
    print(f"{'speed (one core)':28} {'chars/s':>10} {'ms / 4 KB':>10}")
    if src.is_dir():
        texts = [f.read_text("utf-8") for f in sorted((src / "in").glob("*.sgm"))]
        cps, ms = speed(texts, "2011-02-16")
        print(f"{'WikiWarsDE (Wikipedia)':28} {cps:10,.0f} {ms:10.1f}")
    news = news_texts(args.news)
    if news:
        cps, ms = speed(news)
        print(f"{f'10kGNAD news ({len(news)} articles)':28} {cps:10,.0f} {ms:10.1f}")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
