"""HTML main text + publication date on the trafilatura evaluation pages, next to trafilatura/htmldate.

Runs ``lagebild eval extract`` on ``shared/data/trafilatura_evalset`` and prints its table.

Publication dates are also reported per half of a stable split of the pages (SHA-1 of the file
name): ``tune`` is the half the date rules were developed on, ``heldout`` the half that says
whether they generalise.

Usage: .venv/bin/python benchmarks/extract.py [--limit N] [--lang de] [--half all|tune|heldout]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.extract import HALVES, evaluate, format_table

DATA = shared_data_dir() / "trafilatura_evalset"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--lang", default=None)
    ap.add_argument("--half", choices=HALVES, default="all")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"gold data not found at {DATA}")
        return 1
    print(format_table(evaluate(DATA / "evaldata_dev.json", DATA / "html", limit=args.limit, lang=args.lang, half=args.half)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
