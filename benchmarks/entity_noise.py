"""Entity noise on running news text: country names typed as persons, currencies and the outlet's
own name among the entities, and the most frequent entities.

Runs the per-document stages up to ``entities.ner.v1`` and the cross-document resolution over
the first N articles of 10kGNAD (all DER STANDARD, so the outlet is ``derstandard.at``) and over
the example corpus, then counts:

- ``per_country``: person entities whose name or one of whose mentions is a KB country name;
- ``currency``: entities whose name is a currency (``data/kb/currencies.txt``);
- ``outlet``: entities naming the document's outlet.

It also measures how many name mentions of the extraction (tagger + KB + rules; roles and
adjectives left out) have no gold entity anywhere under them, on SmartData news documents (their
PERSON/ORGANIZATION*/LOCATION* spans) and on GermEval 2014 dev (outer chunks, sentences joined
one per line): ``unsupported`` is that share, the noise a reader sees as fact. SmartData marks
only its own types, so its figure is an upper bound.

Usage: ``python benchmarks/entity_noise.py [--n 1000] [--gold-docs 300] [--skip-gold] [--top 30]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.entities.context import (
    is_currency,
    is_outlet_name,
    load_context,
    outlet_keys,
)
from lagebild.entities.kb import load_kb
from lagebild.entities.resolve import resolve_documents
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.model import Document

STAGES = ["segment.rules.v1", "entities.ner.v1"]


def gnad_docs(n: int) -> list[tuple[str, str, str | None]]:
    path = shared_data_dir() / "10kgnad_articles" / "test.csv"
    out: list[tuple[str, str, str | None]] = []
    with path.open(encoding="utf-8") as fh:
        for k, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'")):
            if len(row) >= 2 and row[1].strip():
                out.append((f"gnad{k:05d}", row[1], "derstandard.at"))
            if len(out) >= n:
                break
    return out


def example_docs() -> list[tuple[str, str, str | None]]:
    import json

    out = []
    for path in sorted((ROOT / "examples" / "ru-kp-treaty").glob("*.txt")):
        meta_path = path.with_suffix(".json")
        outlet = None
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            outlet = meta.get("outlet") or meta.get("url")
        out.append((path.stem, path.read_text(encoding="utf-8"), outlet))
    return out


def noise(docs: list[Document], outlets: dict[str, str | None], n_top: int = 30) -> dict[str, Any]:
    kb = load_kb(())
    ctx = load_context()
    entities, _ = resolve_documents(docs, kb)
    per_country, currency, outlet = [], [], []
    for ent in entities:
        texts = {m["text"] for m in ent["mentions"]} | {ent["name"]}
        if ent["type"] == "PER" and any((e := kb.lookup(t)) is not None and e.kind in ("country", "historic") for t in texts):
            per_country.append(ent["name"])
        if is_currency(ent["name"], ctx):
            currency.append(ent["name"])
        docs_of = {m["doc"] for m in ent["mentions"]}
        if any(is_outlet_name(m["text"], outlet_keys(outlets.get(m["doc"]))) for m in ent["mentions"] if m["doc"] in docs_of):
            outlet.append(ent["name"])
    top = Counter({f'{e["name"]} {e["type"]}' if n_top > 30 else e["name"]: len(e["mentions"]) for e in entities}).most_common(n_top)
    return {"entities": len(entities), "per_country": per_country, "currency": currency, "outlet": outlet, "top": top}


def run(items: list[tuple[str, str, str | None]], plain: bool = False, n_top: int = 30) -> tuple[dict[str, Any], float]:
    """Run the stages over ``items``; ``plain`` hides the outlet from the pipeline (text without a URL)
    while the noise count still knows it."""
    t0 = time.perf_counter()
    docs = [run_stages(text, STAGES, doc_id=doc_id, outlet=None if plain else outlet) for doc_id, text, outlet in items]
    secs = time.perf_counter() - t0
    return noise(docs, {d: o for d, _, o in items}, n_top), secs


_NAME_FORMS = ("name", "acronym", "metonym")


def _unsupported(docs: list[tuple[str, list[tuple[int, int]]]]) -> tuple[int, int, Counter[str]]:
    """(mentions, mentions overlapping no gold span, most frequent unsupported surfaces)."""
    total = bad = 0
    examples: Counter[str] = Counter()
    for k, (text, gold) in enumerate(docs):
        doc = run_stages(text, STAGES, doc_id=f"g{k}")
        for ann in doc.of_kind("entity"):
            if (ann.data or {}).get("form") not in _NAME_FORMS:
                continue
            total += 1
            s, e = ann.span.start, ann.span.end
            if not any(gs < e and s < ge for gs, ge in gold):
                bad += 1
                examples[ann.surface] += 1
    return total, bad, examples


def smartdata_docs(n: int) -> list[tuple[str, list[tuple[int, int]]]]:
    import gzip
    import json

    path = shared_data_dir() / "smartdata_de_ner" / "smartdata_v1_train_filtered.jsonl.gz"
    out: list[tuple[str, list[tuple[int, int]]]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("source") != "news":
                continue
            gold = [(e["start"], e["end"]) for e in d["entities"] if e["type"].split("_")[0] in ("PERSON", "ORGANIZATION", "LOCATION")]
            out.append((d["text"], gold))
            if len(out) >= n:
                break
    return out


def germeval_docs(n_sent: int) -> list[tuple[str, list[tuple[int, int]]]]:
    from lagebild.evaluation.ner import chunks, open_text, read_germeval

    with open_text(shared_data_dir() / "germeval2014_ner" / "NER-de-dev.tsv") as fh:
        sents = list(read_germeval(fh))[:n_sent]
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for start in range(0, len(sents), 50):
        lines, gold, pos = [], [], 0
        for sent in sents[start:start + 50]:
            offs = []
            for tok in sent.tokens:
                offs.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            lines.append(" ".join(sent.tokens))
            for i, j, _label in chunks(sent.outer):
                gold.append((offs[i][0], offs[j - 1][1]))
        out.append(("\n".join(lines), gold))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--gold-docs", type=int, default=300, help="SmartData news documents")
    ap.add_argument("--germeval-sentences", type=int, default=2200)
    ap.add_argument("--plain", action="store_true", help="10kGNAD as plain text: the pipeline is not told the outlet")
    ap.add_argument("--skip-gold", action="store_true", help="only the example corpus and 10kGNAD")
    ap.add_argument("--top", type=int, default=30, help="most frequent entities listed (over 30: with their type)")
    args = ap.parse_args()
    for name, gdocs in ((f"SmartData news ({args.gold_docs} docs)", smartdata_docs(args.gold_docs)),
                        (f"GermEval 2014 dev ({args.germeval_sentences} sentences)", germeval_docs(args.germeval_sentences))) if not args.skip_gold else ():
        total, bad, ex = _unsupported(gdocs)
        print(f"== {name}: {total} name mentions, unsupported {bad} ({bad / max(total, 1):.3f})")
        print("  most frequent unsupported:", ", ".join(f"{t} ({c})" for t, c in ex.most_common(15)))
    for name, items in (("examples/ru-kp-treaty", example_docs()), (f"10kGNAD first {args.n}", gnad_docs(args.n))):
        res, secs = run(items, plain=args.plain and name.startswith("10kGNAD"), n_top=args.top)
        print(f"== {name}: {len(items)} docs, {secs:.1f} s, {res['entities']} entities")
        for key in ("per_country", "currency", "outlet"):
            vals = res[key]
            print(f"  {key}: {len(vals)} {sorted(set(vals))[:15]}")
        print(f"  top{args.top}:", ", ".join(f"{n} ({c})" for n, c in res["top"]))


if __name__ == "__main__":
    main()
