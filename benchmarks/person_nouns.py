"""Corpus counts of the ``[persons]`` nouns of ``lagebild/data/measures.toml``: the evidence each entry is kept on.

For every noun it counts, in the 10kGNAD test articles and in the tune split of both story corpora (never the check
split), how often a form of it occurs and how often a figure counts it ("34 Bergleute", "zwei verletzte Fahrer": a
number up to two words before it). A noun is kept in the vocabulary only with a figure counting it in one of them.

Usage: .venv/bin/python benchmarks/person_nouns.py [--nouns Seeleute Matrosen ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures_gnad import articles
from measure_fragments import tune_texts

#: a figure as the measures' frames hold it: digits or a number word, then up to two inflected words (adjectives)
_FIGURE = (r"(?:\d[\d.,]*|eine[mnrs]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
           r"[a-zäöüß]*(?:zehn|zig|hundert|tausend)(?:e|en)?|dutzende?n?|mehrere[nr]?)"
           r"\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2}")


def _forms(noun: str) -> str:
    """The noun with its plural, dative and genitive endings ("Arbeiter" → "Arbeitern", "Kumpel" → "Kumpels")."""
    return re.escape(noun) + r"(?:n|en|s|e)?(?![-\w])"


def counts(noun: str, texts: list[str]) -> tuple[int, int]:
    """(occurrences, occurrences counted by a figure) of a noun's forms in ``texts``."""
    word = re.compile(rf"\b{_forms(noun)}\b")
    counted = re.compile(rf"\b{_FIGURE}{_forms(noun)}\b", re.IGNORECASE)
    return sum(len(word.findall(t)) for t in texts), sum(len(counted.findall(t)) for t in texts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nouns", nargs="*", help="nouns to count (default: the [persons] nouns of measures.toml)")
    args = ap.parse_args()
    table = tomllib.loads((ROOT / "lagebild" / "data" / "measures.toml").read_text(encoding="utf-8"))
    nouns = args.nouns or list(table["persons"]["nouns"])
    gnad, tune = articles(10**6), tune_texts()
    print(f"10kGNAD test articles {len(gnad)}, tune documents {len(tune)}")
    print(f"{'noun':<24}{'10kGNAD':>9}{'counted':>9}{'tune':>7}{'counted':>9}")
    for noun in nouns:
        g, gc = counts(noun, gnad)
        t, tc = counts(noun, tune)
        print(f"{noun:<24}{g:>9}{gc:>9}{t:>7}{tc:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
