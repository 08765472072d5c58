"""Article title, author and publication date from HTML and from flattened page text.

Runs ``lagebild eval meta`` on ``shared/data/trafilatura_evalset`` for both halves of the
stable page split (``tune``: rules developed on it; ``heldout``: the figure to report) and
prints one table per half, next to trafilatura's metadata.

Usage: .venv/bin/python benchmarks/meta.py [--limit N] [--lang de]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.meta import evaluate, format_table

DATA = shared_data_dir() / "trafilatura_evalset"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--lang", default=None)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"gold data not found at {DATA}")
        return 1
    for half in ("heldout", "tune"):
        print(format_table(evaluate(DATA / "evaldata_dev.json", DATA / "html", limit=args.limit, lang=args.lang, half=half)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
