"""Draw the candidate pairs of ``benchmarks/data/entity_variants/pairs.tsv`` and give each its half.

Every gold mention text of the SmartData news documents (persons, organisations, places; no
streets, stops or routes) is compared with every other. A pair of texts is a candidate under the
first key it meets: ``spelling`` (the same letters but for case, diacritics, hyphens, dots or
spaces), ``genitive`` (one is the other with an ``s``), ``surname`` (a person's bare surname
beside a full name), ``acronym`` (an all-capital word of up to six letters beside a name with
those initials), ``hyphen_part`` (a hyphenated name beside its first part), ``title`` (a name
beside itself after a title), ``org_head`` (an organisation's name beside a longer one opening
with it), ``near`` (two names of seven letters or more, one or two edits apart). Per key, up to
``--per-key`` pairs are drawn with ``random.Random(--seed)``, and for each one mention of each
text. The judgement (``same`` / ``different`` / ``out``) is added by hand; it was made from both
contexts before the resolver ran on the pairs.

Halves: pairs that share a document (directly or through other pairs) form one group, and the
group goes to ``tune`` or ``check`` by a seeded hash of its smallest document line. So no mention,
and no document, is in both halves, and a rule fixed on a tune pair cannot decide a check pair.

Usage: ``python benchmarks/entity_variants_sample.py --out FILE`` (the draw, unjudged; the
committed set is the draw of the defaults); ``--verify``: the committed pairs are that draw and
their halves are ``halves``' (as ``tests/benchmarks`` checks the halves without the data).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir

PAIRS = ROOT / "benchmarks" / "data" / "entity_variants" / "pairs.tsv"
SEED = 18
PER_KEY = 14
TYPES = ("PERSON", "ORGANIZATION", "LOCATION")
SKIPPED = ("LOCATION_STREET", "LOCATION_STOP", "LOCATION_ROUTE")
TITLES = ("Dr.", "Prof.", "Herr", "Frau", "Minister", "Präsident", "Chef")

Mention = tuple[int, int, int, str, str]  # document line, start, end, text, type


def news_mentions() -> list[Mention]:
    path = shared_data_dir() / "smartdata_de_ner" / "smartdata_v1_train_filtered.jsonl.gz"
    out: list[Mention] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            doc = json.loads(line)
            if doc["source"] != "news":
                continue
            for e in doc["entities"]:
                kind = e["type"].split("_")[0]
                if kind in TYPES and e["type"] not in SKIPPED:
                    out.append((k, e["start"], e["end"], e["text"], kind))
    return out


def _fold(text: str) -> str:
    return anyascii(text).lower().replace("-", " ").replace(".", "")


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def candidate_key(a: str, b: str, type_a: str, type_b: str) -> str | None:
    """The first key under which the mention texts ``a`` and ``b`` may name one entity."""
    wa, wb = a.split(), b.split()
    fa, fb = _fold(a), _fold(b)
    if fa.replace(" ", "") == fb.replace(" ", ""):
        return "spelling"
    if fa.rstrip("s'") == fb.rstrip("s'") or fa + "s" == fb or fb + "s" == fa:
        return "genitive"
    if "PERSON" in (type_a, type_b) and ((len(wa) == 1 and len(wb) > 1 and wb[-1] == a) or (len(wb) == 1 and len(wa) > 1 and wa[-1] == b)):
        return "surname"
    if (a.isupper() and len(a) <= 6 and len(wb) >= 2 and _initials(wb) == a) or (b.isupper() and len(b) <= 6 and len(wa) >= 2 and _initials(wa) == b):
        return "acronym"
    if ("-" in a or "-" in b) and (a.split("-")[0] == b or b.split("-")[0] == a):
        return "hyphen_part"
    if (len(wa) > len(wb) and wa[-len(wb):] == wb and wa[0] in TITLES) or (len(wb) > len(wa) and wb[-len(wa):] == wa and wb[0] in TITLES):
        return "title"
    orgs = type_a == type_b == "ORGANIZATION"
    if orgs and ((len(wa) >= 2 and len(wb) >= 1 and wa[: len(wb)] == wb) or (len(wb) >= 2 and wb[: len(wa)] == wa)):
        return "org_head"
    if min(len(a), len(b)) >= 7 and 0 < Levenshtein.distance(fa, fb) <= 2 and type_a == type_b:
        return "near"
    return None


def draw(mentions: list[Mention], per_key: int = PER_KEY, seed: int = SEED) -> list[tuple[str, Mention, Mention]]:
    """The seeded draw: per key (in name order) up to ``per_key`` text pairs, one mention of each."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_text[m[3]].append(m)
    texts = sorted(by_text)
    cands: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            key = candidate_key(a, b, by_text[a][0][4], by_text[b][0][4])
            if key:
                cands[key].add((a, b))
    rng = random.Random(seed)
    out = []
    for key in sorted(cands):
        pairs = sorted(cands[key])
        rng.shuffle(pairs)
        for a, b in pairs[:per_key]:
            out.append((key, rng.choice(by_text[a]), rng.choice(by_text[b])))
    return out


def halves(rows: list[dict[str, str]], seed: int = SEED) -> dict[str, str]:
    """Pair id → ``tune`` / ``check``: pairs linked by a shared document stay in one half."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        parent[root(r["doc_a"])] = root(r["doc_b"])
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[root(r["doc_a"])].append(r["doc_a"])
        groups[root(r["doc_a"])].append(r["doc_b"])
    first = {g: min(docs, key=int) for g, docs in groups.items()}
    out = {}
    for r in rows:
        digest = hashlib.sha256(f"{seed}:{first[root(r['doc_a'])]}".encode()).digest()
        out[r["id"]] = "tune" if digest[0] % 2 == 0 else "check"
    return out


def read_rows(path: Path = PAIRS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _cells(m: Mention) -> list[str]:
    return [str(x).replace("\n", " ").replace("\t", " ") for x in m]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-key", type=int, default=PER_KEY)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, help="write the draw (unjudged) as TSV here")
    ap.add_argument("--verify", action="store_true", help="the committed pairs are the draw, with their halves")
    args = ap.parse_args()
    drawn = draw(news_mentions(), args.per_key, args.seed)
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for key, ma, mb in drawn:
                fh.write("\t".join([key, *_cells(ma), *_cells(mb)]) + "\n")
    if args.verify:
        rows = read_rows()
        got = [[r["category"], *(r[f"{c}_{s}"] for s in "ab" for c in ("doc", "start", "end", "text", "type"))] for r in rows]
        want = [[key, *_cells(ma), *_cells(mb)] for key, ma, mb in drawn]
        split = halves(rows, args.seed)
        print(f"draw: {'same' if got == want else 'DIFFERENT'} ({len(want)} pairs); halves: "
              f"{'same' if all(split[r['id']] == r['split'] for r in rows) else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
