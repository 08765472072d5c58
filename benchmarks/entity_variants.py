"""Entity resolution on text it was not written from: variant forms of one entity in SmartData news.

``benchmarks/data/entity_variants/pairs.tsv`` holds pairs of gold mentions of the SmartData corpus
(``../shared/data/smartdata_de_ner``, news documents, 2015–16; documents by their line in the
file, offsets into its text). The pairs were drawn by ``benchmarks/entity_variants_sample.py``
(seeded, from mechanical candidate keys: same letters but for case, diacritics, hyphens or spaces;
a genitive ``s``; a person's bare surname beside a full name; an all-capital word beside a name
with those initials; a hyphenated name beside its first part; an organisation's name beside a
longer one opening with it; two names one or two edits apart; up to 14 per key), and each was
judged ``same`` or ``different`` entity (``out``: an adjective or no name) by reading both
contexts, before the resolver ran on them. Pairs linked by a shared document fall into one half,
``tune`` or ``check`` (a seeded hash; see the sampler); check is printed in aggregate only.

The per-document stages up to ``entities.ner.v1`` run over every document of a pair, then the
resolution over all of them at once (as ``benchmarks/entity_noise.py``). A gold mention is found
when a system mention covers three quarters of it and lies at least half inside it (a tagger's
span error is counted apart, as "not found"); a pair is scored when both are found: ``same``
pairs must share the entity, ``different`` pairs must not.

Usage: ``python benchmarks/entity_variants.py [--split tune|check|all] [-v]`` (``-v``: the tune
misses, one per line).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.entities.kb import load_kb
from lagebild.entities.resolve import resolve_documents
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.model import Document

PAIRS = ROOT / "benchmarks" / "data" / "entity_variants" / "pairs.tsv"
STAGES = ["segment.rules.v1", "entities.ner.v1"]


def read_pairs(split: str) -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if r["gold"] != "out" and split in ("all", r["split"])]


def smartdata_texts(lines: set[int]) -> dict[int, str]:
    path = shared_data_dir() / "smartdata_de_ner" / "smartdata_v1_train_filtered.jsonl.gz"
    out: dict[int, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k in lines:
                out[k] = json.loads(line)["text"]
    return out


def _entity_at(doc: Document, start: int, end: int, mention_entity: dict[str, str]) -> str | None:
    """The entity of the system mention that stands for the gold mention: it covers at least three
    quarters of it and lies at least half inside it (a tagger's longer or shorter span is no
    resolution error)."""
    best, best_overlap = None, 0
    for ann in doc.of_kind("entity"):
        span = doc.span_json(ann.span)
        overlap = min(end, span["end"]) - max(start, span["start"])
        eid = mention_entity.get(f"{doc.id}#{ann.id}")
        if eid is None or overlap < 0.75 * (end - start) or overlap < 0.5 * (span["end"] - span["start"]):
            continue
        if overlap > best_overlap:
            best, best_overlap = eid, overlap
    return best


def score(pairs: list[dict[str, str]]) -> tuple[Counter[str], list[str]]:
    lines = {int(r[f"doc_{s}"]) for r in pairs for s in "ab"}
    texts = smartdata_texts(lines)
    docs = {k: run_stages(texts[k], STAGES, doc_id=f"sd{k}") for k in sorted(texts)}
    _, mention_entity = resolve_documents(list(docs.values()), load_kb(()))
    counts: Counter[str] = Counter()
    misses: list[str] = []
    for r in pairs:
        got = [_entity_at(docs[int(r[f"doc_{s}"])], int(r[f"start_{s}"]), int(r[f"end_{s}"]), mention_entity) for s in "ab"]
        key = f"{r['split']}:{r['gold']}"
        counts[f"{key}:n"] += 1
        if None in got:
            counts[f"{key}:unfound"] += 1
            continue
        ok = (got[0] == got[1]) == (r["gold"] == "same")
        counts[f"{key}:{'ok' if ok else 'wrong'}"] += 1
        if not ok and r["split"] == "tune":
            misses.append(f"{r['id']} {r['category']} {r['gold']}: {r['text_a']!r} → {got[0]} / {r['text_b']!r} → {got[1]}")
    return counts, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", choices=("tune", "check", "all"), default="all")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the tune misses")
    args = ap.parse_args()
    counts, misses = score(read_pairs(args.split))
    for split in ("tune", "check"):
        if args.split not in ("all", split):
            continue
        parts = []
        for gold, what in (("same", "resolved together"), ("different", "kept apart")):
            key = f"{split}:{gold}"
            scored = counts[f"{key}:ok"] + counts[f"{key}:wrong"]
            parts.append(f"{gold} {counts[f'{key}:ok']}/{scored} {what} ({counts[f'{key}:unfound']} of {counts[f'{key}:n']} not found)")
        print(f"{split}: " + "; ".join(parts))
    if args.verbose:
        for line in misses:
            print("  " + line)


if __name__ == "__main__":
    main()
