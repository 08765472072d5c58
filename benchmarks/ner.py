"""German NER: quality on three held-out sets and speed, in one table.

- GermEval 2014 official **dev** file (never used for training or model selection): outer chunks,
  CoNLL exact-match metric, all 12 labels and the coarse PER/LOC/ORG/OTH view.
- SmartData v1 **news** documents of its *test* split (another corpus, 2015-16 newswire; the
  training script may add the v1 *train* split, never these):
  PERSON→PER, ORGANIZATION*→ORG, LOCATION/LOCATION_CITY→LOC, exact character spans. Streets, stops
  and routes are not scored either way (predictions overlapping them are ignored). Measured for the
  tagger alone and for the whole stage (tagger + knowledge base + role rules; name mentions only).
- LER **dev** (court decisions, another domain) mapped to coarse PER/LOC/ORG as in the LER paper.
- Speed: tokens per CPU second of the tagger alone (pre-tokenised) and of the whole
  ``entities.ner.v1`` stage on raw article text (tokeniser + tagger + KB + roles), one process.

Usage: .venv/bin/python benchmarks/ner.py [--model DIR] [--ler-limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.entities.model import load_model
from lagebild.entities.tagging import recognise
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.ner import Scores, evaluate, read_germeval, tag_sentences

SHARED = shared_data_dir()
GERMEVAL_DEV = SHARED / "germeval2014_ner" / "NER-de-dev.tsv"
SMARTDATA = SHARED / "smartdata_de_ner" / "smartdata_v1_train_filtered.jsonl.gz"
LER_DEV = SHARED / "ler_legal_ner" / "ler_dev.conll.gz"

_SMART = {"PERSON": "PER", "ORGANIZATION": "ORG", "ORGANIZATION_COMPANY": "ORG", "LOCATION": "LOC", "LOCATION_CITY": "LOC"}
_SMART_IGNORE = {"LOCATION_STREET", "LOCATION_STOP", "LOCATION_ROUTE"}
_LER = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
        "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG"}
_COARSE3 = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def row(name: str, scores: Scores, types: tuple[str, ...]) -> str:
    cells = []
    for t in types:
        cells.append(f"{scores.prf(scores.tp[t], scores.pred[t], scores.gold[t])[2]:6.3f}")
    p, r, f = scores.overall()
    return f"{name:<34} {p:6.3f} {r:6.3f} {f:6.3f}  " + " ".join(cells)


def _stage_spans(text: str, model: str | None = None) -> list[tuple[int, int, str]]:
    """Name mentions of the whole ``entities.ner.v1`` stage (tagger + KB + rules) on raw text."""
    from lagebild.model import Document, OffsetMap, SourceRef
    from lagebild.stages.entities import EntityTagger
    from lagebild.stages.segment import Segmenter

    d = Document(id="x", original=text, source=SourceRef("x"), text=text, offsets=OffsetMap.identity(len(text)))
    EntityTagger(model=model or "")(Segmenter()(d))
    return [(a.span.start, a.span.end, a.label or "") for a in d.of_kind("entity")
            if a.data.get("form") in ("name", "acronym", "metonym")]


def smartdata(nlp, *, stage: bool = False, model: str | None = None) -> Scores:  # type: ignore[no-untyped-def]
    scores = Scores()
    with gzip.open(SMARTDATA, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    docs = [d for d in docs if d.get("source") == "news" and d.get("split") == "test"]
    if stage:
        predicted = [_stage_spans(d["text"], model) for d in docs]
    else:
        predicted = [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
                     for doc in recognise(nlp, (d["text"] for d in docs), batch_size=32)]
    for d, spans in zip(docs, predicted, strict=True):
        gold = {(e["start"], e["end"], _SMART[e["type"]]) for e in d["entities"] if e["type"] in _SMART}
        ignore = [(e["start"], e["end"]) for e in d["entities"] if e["type"] in _SMART_IGNORE]
        pred = set()
        for start, end, raw in spans:
            label = _COARSE3.get(raw)
            if label is None or any(s < end and start < e for s, e in ignore):
                continue
            pred.add((start, end, label))
        for _, _, t in gold:
            scores.gold[t] += 1
        for _, _, t in pred:
            scores.pred[t] += 1
        for _, _, t in gold & pred:
            scores.tp[t] += 1
    return scores


def ler(nlp, limit: int) -> Scores:  # type: ignore[no-untyped-def]
    with gzip.open(LER_DEV, "rt", encoding="utf-8") as fh:
        sents = list(read_germeval(fh))[: limit or None]
    for s in sents:
        s.outer = [t if t == "O" else f"{t[:2]}{_LER[t[2:]]}" if t[2:] in _LER else "O" for t in s.outer]
    predicted, _ = tag_sentences(sents, nlp)
    predicted = [[t if t[2:] in _COARSE3 else "O" for t in p] for p in predicted]
    return evaluate(sents, predicted)


def stage_speed(model: str | None) -> tuple[float, float]:
    """Tokens per CPU second of the whole stage on the example articles (repeated to ~50k tokens)."""
    from lagebild.model import Document, OffsetMap, SourceRef
    from lagebild.stages.entities import EntityTagger
    from lagebild.stages.segment import Segmenter

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples" / "ru-kp-treaty").glob("*.txt"))]
    stage = EntityTagger(model=model or "")
    docs = []
    for i in range(12):
        for j, t in enumerate(texts):
            d = Document(id=f"{i}-{j}", original=t, source=SourceRef("x"), text=t, offsets=OffsetMap.identity(len(t)))
            docs.append(Segmenter()(d))
    stage(docs[0])  # load once
    nlp = load_model(model)
    n_tokens = sum(len(nlp.tokenizer(d.text)) for d in docs)
    started = time.process_time()
    for d in docs:
        stage(d)
    cpu = time.process_time() - started
    return n_tokens / cpu, len(docs) / cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="spaCy pipeline to measure (default: the shipped model)")
    ap.add_argument("--ler-limit", type=int, default=0, help="only the first N LER dev sentences (0 = all)")
    args = ap.parse_args()
    nlp = load_model(args.model)
    print(f"{'set':<34} {'P':>6} {'R':>6} {'F1':>6}  per-type F1")
    with GERMEVAL_DEV.open(encoding="utf-8") as fh:
        dev = list(read_germeval(fh))
    predicted, tagger_speed = tag_sentences(dev, nlp)
    full = evaluate(dev, predicted)
    print(row("GermEval dev, 12 labels", full, ("PER", "LOC", "ORG", "OTH")) + "   (PER LOC ORG OTH)")
    print(row("GermEval dev, coarse 4 labels", evaluate(dev, predicted, coarse_types=True), ("PER", "LOC", "ORG", "OTH")))
    if SMARTDATA.exists():
        print(row("SmartData v1 test news (PER/LOC/ORG)", smartdata(nlp), ("PER", "LOC", "ORG")) + "   (PER LOC ORG)")
        print(row("  same, whole stage (+KB, rules)", smartdata(nlp, stage=True, model=args.model), ("PER", "LOC", "ORG")))
    if LER_DEV.exists():
        print(row("LER dev, coarse (PER/LOC/ORG)", ler(nlp, args.ler_limit), ("PER", "LOC", "ORG")) + "   (PER LOC ORG)")
    tok_s, docs_s = stage_speed(args.model)
    print(f"\nspeed, tagger only (pre-tokenised GermEval dev): {tagger_speed:,.0f} tokens per CPU second")
    print(f"speed, whole entities.ner.v1 stage on articles:  {tok_s:,.0f} tokens per CPU second "
          f"({docs_s:.1f} articles per CPU second)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
