"""Why gold claim groups are missed: members extracted, split across groups, and why those groups are apart.

For each gold claim group of the scored split: how many members were extracted as claims, how many exported
groups hold them, and for every further group beside the one holding most: whether it differs in story,
measure or scope, or shares all three (then the reason its reasoning gives: size factor, occasions, another
incident, side-by-side values in one article, unordered values without a place). Also the relation the best
group gets against the gold relation.

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

from lagebild.evaluation.picture import _gold_ids, _has_value, _remap, load_gold, run_pipeline

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "news_stories_dev" / "gold.yaml"

#: what the grouper's reasoning says when it set figures of one measure and scope apart
REASONS = (
    ("size factor", "differ in size from these by more than a factor"),
    ("occasions", "each figure of it counts one occasion"),
    ("another incident", "taken for another incident's toll"),
    ("side by side in one article", "The same article gives other values of this measure"),
    ("unordered, no place", "without a stated place differ from these and cannot be ordered"),
    ("disputed place, taken apart", "take no part in that dispute"),
    ("told apart, no place", "are set apart from these: an article gives both side by side"),
)


#: what the reasoning says of how a relation was reached (counted where the relation differs from the gold's)
GROUNDS = (
    ("order rests on inferred dates", "rest in part on publication dates that are inferred"),
    ("a growing toll falls", "lies far below an earlier one"),
    ("disagreement replaced later", "first gave different values for the same time"),
    ("order told by an article", "the article itself tells which figure came first"),
    ("by stage of the count", "from a later stage of the count"),
    ("some values unplaced", "cannot be placed in this order"),
    ("same time, different claimants", "give incompatible values for the same measure"),
    ("some without reference time", "some of them have no known reference time"),
    ("times overlap or too coarse", "reference times overlap or are too coarse"),
    ("only repeated by one source", "only by one source"),
    ("one origin precise", "Only one source gives a precise figure"),
)


def _grounds(group: Mapping[str, Any]) -> list[str]:
    text = str(group.get("reasoning") or "")
    return [name for name, cue in GROUNDS if cue in text]


def _reasons(group: Mapping[str, Any]) -> list[str]:
    text = str(group.get("reasoning") or "")
    return [name for name, cue in REASONS if cue in text] or ["no reason given"]


def _key(group: Mapping[str, Any]) -> tuple[str, str, str]:
    return str(group.get("story")), str(group.get("measure")), str(group.get("scope"))


def diagnose(export: Mapping[str, Any], gold: Mapping[str, Any], split: str | None) -> tuple[Counter[str], list[str]]:
    """Counts over the split's gold groups, and one line per missed gold group."""
    all_docs = gold["documents"]
    exp = _remap(dict(export), _gold_ids(export, set(all_docs)))
    stories = {sid: st for sid, st in gold["stories"].items()
               if split is None or (any(g["story"] == sid and g.get("split") == split for g in all_docs.values())
                                    and all(g.get("split") == split for g in all_docs.values() if g["story"] == sid))}
    claims_by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for c in exp.get("claims", []):
        claims_by_doc.setdefault(str(c.get("doc")), []).append(c)
    group_of: dict[str, list[Mapping[str, Any]]] = {}
    for g in exp.get("claim_groups", []):
        for c in g.get("claims", []):
            group_of.setdefault(str(c.get("id")), []).append(g)
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for st in stories.values():
        for gg in st.get("claim_groups") or []:
            members = [(str(d), float(v)) for d, v in gg["members"]]
            counts["gold groups"] += 1
            counts["gold members"] += len(members)
            holders: list[list[Mapping[str, Any]]] = []  # per member: the groups its matching claims sit in
            measures: Counter[str] = Counter()
            for d, v in members:
                matches = [c for c in claims_by_doc.get(d, []) if _has_value(c, v)]
                if matches:
                    counts["members extracted"] += 1
                    measures[str(matches[0].get("measure"))] += 1
                holders.append([g for c in matches for g in group_of.get(str(c.get("id")), [])])
            held = Counter(g["id"] for gs in holders for g in {x["id"]: x for x in gs}.values())
            groups = {g["id"]: g for gs in holders for g in gs}
            if not held:
                counts["gold groups with no member grouped"] += 1
                lines.append(f"{gg['id']}: no member in a group ({counts['members extracted']} extracted so far)")
                continue
            best_id = held.most_common(1)[0][0]
            best = groups[best_id]
            # a member counts for the best group when any of its claims sits there; the others' groups are the split
            others = {g["id"] for gs in holders if not any(x["id"] == best_id for x in gs) for g in gs}
            relation = str(best.get("relation"))
            counts[f"relation gold {gg['relation']} -> {relation}"] += 1
            if relation != gg["relation"]:
                for ground in _grounds(best):
                    counts[f"relation gold {gg['relation']} -> {relation}, reasoning: {ground}"] += 1
            why: list[str] = []
            if others:
                counts["gold groups split"] += 1
                counts["groups holding members of split gold groups"] += 1 + len(others)
                keys = Counter(_key(groups[o]) for o in others) + Counter([_key(best)])
                counts["... of them sharing story+measure+scope with another"] += sum(n for n in keys.values() if n > 1)
                counts["... distinct measures among them"] += len({k[1] for k in keys})
                for o in sorted(others):
                    g = groups[o]
                    if g.get("story") != best.get("story"):
                        reason = ["story"]
                    elif g.get("measure") != best.get("measure"):
                        reason = ["measure"]
                    elif g.get("scope") != best.get("scope"):
                        reason = ["scope"]
                    else:
                        reason = _reasons(g) + [f"best: {r}" for r in _reasons(best) if r != "no reason given"]
                    for r in reason:
                        counts[f"apart by: {r}"] += 1
                    why.append(f"{g.get('measure')}/{g.get('scope')}/{g.get('relation')} ({', '.join(reason)})")
            n_best = sum(1 for gs in holders if any(x["id"] == best_id for x in gs))
            ok_members = n_best >= max(2, -(-len(members) // 2))
            if not ok_members or relation != gg["relation"] or others:
                lines.append(f"{gg['id']}: {n_best}/{len(members)} in best group {best.get('measure')}/{best.get('scope')}"
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
