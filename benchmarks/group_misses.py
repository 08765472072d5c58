"""Why gold claim groups are missed: members extracted, split across groups, and why those groups are apart.

For each gold claim group of the scored split: how many members were extracted as claims, how many exported
groups hold them, whether the best group also holds claims that are no member (a mixed group), and for every further group beside the best one (the scorer's ``best_group``): whether it differs
in story, measure or scope, or shares all three (then the grouper's ``split_reasons``: size factor, occasions,
another incident, side-by-side values in one article, told apart, unordered values without a place). Also the
relation the best group gets against the gold relation, with the group's ``grounds``.

The held-out split prints counts only; the tune split also lists each missed group.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/group_misses.py [GOLD] [--export lagebild.json] [--split tune|check|all]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation.picture import best_group, gold_export, has_value, holds, load_gold, run_pipeline

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "news_stories_dev" / "gold.yaml"


def _reasons(group: Mapping[str, Any]) -> list[str]:
    """Why the grouper set a group apart from others of its story, measure and scope (its ``split_reasons``)."""
    return [str(r) for r in group.get("split_reasons") or []] or ["no reason given"]


def _key(group: Mapping[str, Any]) -> tuple[str, str, str]:
    return str(group.get("story")), str(group.get("measure")), str(group.get("scope"))


def diagnose(export: Mapping[str, Any], gold: Mapping[str, Any], split: str | None) -> tuple[Counter[str], list[str]]:
    """Counts over the split's gold groups, and one line per missed gold group."""
    all_docs = gold["documents"]
    exp = gold_export(export, gold)
    stories = {sid: st for sid, st in gold["stories"].items()
               if split is None or (any(g["story"] == sid and g.get("split") == split for g in all_docs.values())
                                    and all(g.get("split") == split for g in all_docs.values() if g["story"] == sid))}
    claims_by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for c in exp.get("claims", []):
        claims_by_doc.setdefault(str(c.get("doc")), []).append(c)
    exported = exp.get("claim_groups", [])
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for st in stories.values():
        for gg in st.get("claim_groups") or []:
            members = [(str(d), float(v)) for d, v in gg["members"]]
            counts["gold groups"] += 1
            counts["gold members"] += len(members)
            measures: Counter[str] = Counter()
            for d, v in members:
                matches = [c for c in claims_by_doc.get(d, []) if has_value(c, v)]
                if matches:
                    counts["members extracted"] += 1
                    measures[str(matches[0].get("measure"))] += 1
            found = best_group(members, exported)  # the scorer's own choice and membership rule
            best = found.group
            if best is None:
                counts["gold groups with no member grouped"] += 1
                lines.append(f"{gg['id']}: no member in a group ({counts['members extracted']} extracted so far)")
                continue
            # claims of the best group that are no member of the gold group: a mixed group (by what sets them apart)
            foreign = [c for c in best.get("claims", [])
                       if not any(c.get("doc") == d and has_value(c, v) for d, v in members)]
            if foreign:
                counts["best groups mixed with non-member claims"] += 1
                for c in foreign:
                    doc_in = any(c.get("doc") == d for d, _ in members)
                    counts["... non-member claims: " + ("other value of a member article" if doc_in else "article not in the gold group")
                           + (", read from a general noun" if c.get("measure_as_written") else "")] += 1
            # the groups that hold a member the best group does not: the split
            others = {g["id"]: g for d, v in members if not holds(best, d, v) for g in exported if holds(g, d, v)}
            relation = str(found.relation)
            counts[f"relation gold {gg['relation']} -> {relation}"] += 1
            if relation != gg["relation"]:
                for ground in best.get("grounds") or []:
                    counts[f"relation gold {gg['relation']} -> {relation}, grounds: {ground}"] += 1
            why: list[str] = []
            if others:
                counts["gold groups split"] += 1
                counts["groups holding members of split gold groups"] += 1 + len(others)
                keys = Counter(_key(g) for g in others.values()) + Counter([_key(best)])
                counts["... of them sharing story+measure+scope with another"] += sum(n for n in keys.values() if n > 1)
                counts["... distinct measures among them"] += len({k[1] for k in keys})
                for o in sorted(others):
                    g = others[o]
                    if g.get("story") != best.get("story"):
                        reason = ["story"]
                    elif g.get("measure") != best.get("measure"):
                        reason = ["measure"]
                    elif g.get("scope") != best.get("scope"):
                        stated = sum(1 for x in (g, best) if x.get("scope") is not None)
                        reason = ["scope", "scope: " + ("both stated" if stated == 2 else "one stated, one not")]
                    else:
                        reason = _reasons(g) + [f"best: {r}" for r in _reasons(best) if r != "no reason given"]
                    for r in reason:
                        counts[f"apart by: {r}"] += 1
                    why.append(f"{g.get('measure')}/{g.get('scope')}/{g.get('relation')} ({', '.join(reason)})")
            if not found.members_ok or relation != gg["relation"] or others:
                lines.append(f"{gg['id']}: {found.held}/{len(members)} in best group {best.get('measure')}/{best.get('scope')}"
                             f" relation {relation} (gold {gg['relation']}); measures {dict(measures)}"
                             + (f"; apart: {'; '.join(why)}" if why else ""))
    return counts, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--export", type=Path, help="score this lagebild.json instead of running the pipeline")
    ap.add_argument("--split", default="tune", choices=["tune", "check", "all"])
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    gold = load_gold(args.gold)
    export = json.loads(args.export.read_text("utf-8")) if args.export else run_pipeline(args.gold.parent / "corpus", args.jobs)
    counts, lines = diagnose(export, gold, None if args.split == "all" else args.split)
    for name, n in sorted(counts.items()):
        print(f"{n:5d}  {name}")
    if args.split == "tune":  # items of held-out data are never printed
        print("--- missed or split gold groups")
        for line in lines:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
