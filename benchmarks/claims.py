"""Numeric claims with claimant on the news gold set (test half; rules tuned on dev only).

Runs ``lagebild eval claims benchmarks/data/news_speech_gold/gold.jsonl`` and prints its table.

Usage: .venv/bin/python benchmarks/claims.py [--split test|dev|all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation.claims import command

GOLD = ROOT / "benchmarks" / "data" / "news_speech_gold" / "gold.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    args = ap.parse_args()
    command.main([str(GOLD), "--split", args.split], standalone_mode=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
