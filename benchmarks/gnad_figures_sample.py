"""Draw the articles of the 10kGNAD figure gold and show their figure sentences for annotation.

The sample: the 10kGNAD test articles (../shared/data, DER STANDARD 2015–16) whose WHOLE text holds a
keyword of the figure kinds that stories of disasters, attacks, accidents, elections and government
crises carry (``KEYWORDS``) next to a number within a few words, drawn at random with a fixed seed; each
drawn article goes to ``tune`` or ``check`` by a seeded hash of its id (half each on average). Nothing of
lagebild runs here: the annotator reads the printed sentences and writes the gold before the system is
run on them.

Usage: .venv/bin/python benchmarks/gnad_figures_sample.py [--n 40] [--seed 16] [--show tune|check|all]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import gnad_articles
from lagebild.evaluation.reserved import screened_out

#: Stems of the figure kinds the gold is about (matched case-insensitively inside words).
KEYWORDS = (
    "tote", "todesopfer", "getötet", "ums leben", "starben", "verletzt", "vermisst", "evakuiert", "festgenommen",
    "verhaftet", "festnahme", "schaden", "prozent der stimmen", "stimmenanteil", "mandat", "sitze", "teilnehmer",
    "demonstranten", "kundgebung", "erdbeben", "stärke", "obdachlos", "flüchtlinge", "opfer", "wahlbeteiligung",
)
_NUMBER = r"(?:\d[\d.,]*|ein|eine|einen|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|" \
          r"hundert|tausend|dutzende|hunderte|tausende|million\w*|milliard\w*)"
_NEAR = re.compile(
    rf"\b{_NUMBER}\b(?:\W+\w+){{0,4}}\W+\w*(?:{'|'.join(map(re.escape, KEYWORDS))})"
    rf"|(?:{'|'.join(map(re.escape, KEYWORDS))})\w*(?:\W+\w+){{0,4}}\W+{_NUMBER}\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[A-ZÄÖÜ„\"])")
_ANY_NUMBER = re.compile(rf"\b{_NUMBER}\b|Dutzend|Hundert|Tausend", re.IGNORECASE)


def load_articles() -> list[tuple[str, str]]:
    """(label, text) of every 10kGNAD test article; the article id is ``gnad-<row>``."""
    return gnad_articles()


def split_of(article_id: str, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{article_id}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def draw(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(id, split, label, text) of the sampled articles, in sample order."""
    rows = load_articles()
    pool = [i for i, (_, text) in enumerate(rows) if _NEAR.search(text) and not screened_out(text)]
    picked = random.Random(seed).sample(pool, n)
    return [(f"gnad-{i}", split_of(f"gnad-{i}", seed), rows[i][0], rows[i][1]) for i in picked]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--show", choices=["tune", "check", "all", "none"], default="none")
    args = ap.parse_args()
    sample = draw(args.n, args.seed)
    for aid, split, label, text in sample:
        print(f"== {aid} {split} {label} ({len(text)} chars)")
        if args.show not in ("all", split):
            continue
        start = 0
        for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
            if _ANY_NUMBER.search(text[start:end]):
                print(f"  [{start}] {text[start:end].strip()}")
            start = end
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
