"""Plain-text boilerplate filter on pages flattened to all their visible text.

Runs ``lagebild eval boilerplate`` on scrapinghub_article_extraction (rules developed and line
model trained on it) and trafilatura_evalset, one row per half: the line model is trained on the
TUNING half, the HELD-OUT half is the report set. Rows with and without the line model.

Usage: .venv/bin/python benchmarks/boilerplate.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.boilerplate import command

DATA = shared_data_dir()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    sets = [DATA / "scrapinghub_article_extraction", DATA / "trafilatura_evalset"]
    missing = [s for s in sets if not s.is_dir()]
    if missing:
        print(f"gold data not found: {', '.join(map(str, missing))}")
        return 1
    return command.main([str(s) for s in sets] + ["--limit", str(args.limit), "--rules-only"], standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
