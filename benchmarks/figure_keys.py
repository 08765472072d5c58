"""What a figure's claim key says against the gold: measure, scope, time and claimant of every gold figure.

Claim groups form from a claim's (measure, scope, time). For each gold numeric claim of the tune split (the
documents the gold marks ``split: tune``; the check split is never read), the extracted claim with that value is
found and classed:

- ``missing``: no claim with the value;
- ``generic measure``: measured as bare "people" or "percent" although the gold names what is counted;
- ``noun outside the vocabulary``: measured as ``count:<noun>`` / ``unit:<unit>``;
- ``no scope``: no place or group although the sentence names a place after a preposition ("in X", "im Landkreis X");
- ``time from the publication``: the reference time is the article's date although the sentence states a day or
  a weekday;
- ``wrong claimant``: the scorer's claimant rule (``claimant_matches``, the one the score uses) fails.

A figure may fall into several classes. ``--list`` prints one line per figure with its sentence, for judging by hand.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/figure_keys.py [GOLD] [--export lagebild.json] [--list] [--only grube,streik]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation.picture import (
    claimant_keys,
    claimant_matches,
    entity_names,
    gold_export,
    has_value,
    load_gold,
    run_pipeline,
)

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "news_stories_dev" / "gold.yaml"

#: a place after a preposition: what a fact-checker reads as the figure's scope
_PLACE = re.compile(r"\b(?:in|im|aus|bei|nach)\s+(?:(?:der|dem|den|des|die)\s+)?(?:[A-ZÄÖÜ][\w-]+\s+)?[A-ZÄÖÜ][\w-]+")
#: a stated day in the sentence: a weekday, "am 12. März", "gestern", "heute"
_DAY = re.compile(r"\b(?:(?:am|seit|bis)\s+(?:\w+\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\w*"
                  r"|\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
                  r"|gestern|vorgestern)\b")
GENERIC = ("people", "percent")


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return " ".join(text[lo:hi].split())


def _file_text(doc: Mapping[str, Any]) -> str:
    """The text claim offsets count in: the file as read (offsets are file offsets), else the cleaned text."""
    path = Path(str(doc.get("path") or ""))
    path = path if path.is_absolute() else ROOT / path
    try:
        return path.read_text("utf-8") if doc.get("offsets_base") == "file" else str(doc.get("text") or "")
    except OSError:
        return str(doc.get("text") or "")


def classify(export: Mapping[str, Any], gold: Mapping[str, Any], only: set[str] | None = None
             ) -> tuple[Counter[str], list[str]]:
    """Counts of the mismatch classes over the tune split's gold figures, and one line per figure."""
    docs = gold["documents"]
    tune = {d for d, g in docs.items() if g.get("split") == "tune"}
    exp = gold_export(export, gold)
    names = entity_names(exp)
    texts = {str(d.get("id")): _file_text(d) for d in exp.get("documents", [])}
    precision = {str(d.get("id")): str((d.get("published") or {}).get("precision")) for d in exp.get("documents", [])}
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for c in exp.get("claims", []):
        by_doc.setdefault(str(c.get("doc")), []).append(c)
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for sid, story in gold["stories"].items():
        if only and sid not in only:
            continue
        for row in story.get("numeric_claims") or []:
            did, value, what, claimant = row[:4]
            if did not in tune:
                continue  # the held-out split is never read
            counts["gold figures"] += 1
            keys = claimant_keys(claimant, row[4] if len(row) > 4 else None)
            found = [c for c in by_doc.get(did, []) if has_value(c, float(value))]
            if not found:
                counts["missing"] += 1
                lines.append(f"{did} {value} {what!r}: MISSING")
                continue

            claim = next((c for c in found if claimant_matches(c, keys, names)), found[0])
            text = texts.get(did, "")
            sent = _sentence(text, int(claim.get("start") or 0), int(claim.get("end") or 0)) if text else ""
            measure, scope = str(claim.get("measure")), claim.get("scope")
            kinds: list[str] = []
            if measure in GENERIC:
                kinds.append("generic measure")
            elif measure.startswith(("count:", "unit:")):
                kinds.append("noun outside the vocabulary")
            if not scope and _PLACE.search(sent):
                kinds.append("no scope (sentence names a place)")
            elif not scope:
                counts["no scope, none named in the sentence"] += 1
            if claim.get("ref_time_basis") != "text" and _DAY.search(sent):
                # a weekday resolves only against an article date of a day
                coarse = precision.get(did) not in ("day", "minute", "second", "hour") or not claim.get("ref_time")
                kinds.append("time from the publication (sentence names a day"
                             + (", article date missing or coarser than a day)" if coarse else ")"))
            if not claimant_matches(claim, keys, names):
                kinds.append("wrong claimant")
            counts.update(kinds)
            if not kinds:
                counts["no mismatch found"] += 1
            lines.append(f"{did} {value} {what!r} [{claimant}] -> {measure} / {scope} / {claim.get('ref_time')}"
                         f" ({claim.get('ref_time_basis')}) / {claim.get('claimant_text')!r}"
                         f"{'  <' + ', '.join(kinds) + '>' if kinds else ''}\n      {sent[:300]}")
    return counts, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--export", type=Path, help="read this lagebild.json instead of running the pipeline")
    ap.add_argument("--only", help="comma-separated story ids (default: every tune story)")
    ap.add_argument("--list", action="store_true", help="print one line per gold figure with its sentence")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    gold = load_gold(args.gold)
    export = json.loads(args.export.read_text("utf-8")) if args.export else run_pipeline(args.gold.parent / "corpus", args.jobs)
    counts, lines = classify(export, gold, set(args.only.split(",")) if args.only else None)
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{n:5d}  {name}")
    if args.list:
        for line in lines:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
