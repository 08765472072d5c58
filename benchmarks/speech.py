"""Quotes and reported speech: news gold (test half), Redewiedergabe, and the stages' speed.

Runs ``lagebild eval speech`` on ``benchmarks/data/news_speech_gold/gold.jsonl`` (hand-annotated,
rules tuned on the dev half only) and on the shared Redewiedergabe portion, then times
``speech.rules.v1`` + ``claims.rules.v1`` per article on 10kGNAD news texts.

Usage: .venv/bin/python benchmarks/speech.py [--split test|dev|all] [--rw-limit N] [--speed-docs N]
       .venv/bin/python benchmarks/speech.py --gnad-sample OFFSET [--gnad-acts N]   (speakers to judge by hand)
       .venv/bin/python benchmarks/speech.py --gnad-score benchmarks/data/gnad_speech_judged/sample_d.jsonl
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.evaluation.speech import evaluate_news, evaluate_rw

SHARED = shared_data_dir()
GOLD = ROOT / "benchmarks" / "data" / "news_speech_gold" / "gold.jsonl"
RW = SHARED / "redewiedergabe_stwr" / "redewiedergabe_main_dev.tsv.tar.gz"


def speed(n_docs: int) -> str:
    """Time the two stages (after segmentation) per article; report median and mean ms."""
    from lagebild.registry import STAGES

    path = SHARED / "10kgnad_articles" / "test.csv"
    with open(path, encoding="utf-8") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")][:n_docs]
    docs = [run_stages(t, ["segment.rules.v1"]) for t in texts]
    speech, claims = STAGES.build("speech.rules.v1"), STAGES.build("claims.rules.v1")
    # Warm-up: the lemma dictionary (Konjunktiv test) loads once per process.
    run_stages("Er sagte, die Lage gehe 3.000 Soldaten an.", ["segment.rules.v1", "speech.rules.v1", "claims.rules.v1"])
    times = []  # CPU time: other processes on a shared machine do not inflate it
    for doc in docs:
        t0 = time.process_time()
        claims(speech(doc))
        times.append((time.process_time() - t0) * 1000)
    chars = sum(len(d.text) for d in docs)
    return (f"speed: speech.rules.v1 + claims.rules.v1 on {len(docs)} 10kGNAD articles (mean {chars / len(docs):.0f} chars): "
            f"median {statistics.median(times):.2f} ms, mean {statistics.mean(times):.2f} ms, "
            f"p95 {sorted(times)[int(0.95 * len(times)) - 1]:.2f} ms CPU per article (1 core, no entities)")


def _gnad_rows() -> tuple[list[list[str]], random.Random]:
    """Return the 10kGNAD test articles shuffled with seed 7, and the generator (it then shuffles the acts)."""
    path = SHARED / "10kgnad_articles" / "test.csv"
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    rng = random.Random(7)
    rng.shuffle(rows)
    return rows, rng


def _gnad_acts(text: str) -> list:
    doc = run_stages(text, ["segment.rules.v1", "entities.ner.v1", "speech.rules.v1"])
    return [a for a in doc.of_kind("quote") if a.label != "reported" and a.data.get("speaker_text")]


def gnad_sample(offset: int, n_acts: int, n_docs: int = 200) -> str:
    """Print speech acts with a speaker from 10kGNAD test articles, for judging speakers by hand.

    The articles are shuffled with a fixed seed; ``offset`` selects which ``n_docs`` of them, so
    that a sample read while changing rules and a later held-out sample never share an article.
    Each act is printed with its article's place in the shuffled file and its span, so that a
    judgement can be written down (``--gnad-score``) and the same acts scored on later code.
    """
    rows, rng = _gnad_rows()
    acts = []
    for k in range(offset, min(offset + n_docs, len(rows))):
        text = rows[k][1]
        acts.extend((k, text, a) for a in _gnad_acts(text))
    rng.shuffle(acts)
    out = []
    for n, (k, text, a) in enumerate(acts[:n_acts]):
        d, (s, e) = a.data, (a.span.start, a.span.end)
        out.append(f"### {n} doc={k} span={s}-{e} {a.label} {d['speaker_resolution']} speaker={d['speaker_text']!r} cue={d.get('cue_text')!r}")
        out.append("    " + " ".join((text[max(0, s - 350) : s] + " [[ " + text[s:e][:300] + " ]] " + text[e : e + 150]).split()))
    out.append(f"{len(acts)} speech acts with a speaker in {n_docs} articles")
    return "\n".join(out)


def gnad_score(gold_path: Path) -> str:
    """Score judged acts (``--gnad-sample`` output judged by hand) on the current code.

    Each gold line names an act by article (place in the shuffled file) and span, and the words
    that name its speaker (any of ``speaker``; empty when the act is no speech). An act counts as
    right when the current code still finds speech overlapping that span and its speaker text
    holds one of those words; an act the code no longer finds counts as wrong when it is speech,
    as right when the gold says it is none.
    """
    import json

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows, _ = _gnad_rows()
    by_doc: dict[int, list] = {}
    right, lines = 0, []
    for g in gold:
        if g["doc"] not in by_doc:
            by_doc[g["doc"]] = _gnad_acts(rows[g["doc"]][1])
        hits = [a for a in by_doc[g["doc"]] if a.span.start < g["end"] and g["start"] < a.span.end]
        # the act that overlaps the judged span most (an inner "gab bekannt, dass …" act inside a judged
        # "…, sagte X" span is another act)
        hits.sort(key=lambda a: -(min(a.span.end, g["end"]) - max(a.span.start, g["start"])))
        said = [str(a.data.get("speaker_text") or "") for a in hits]
        if g["speaker"]:
            ok = any(any(w in sp for w in g["speaker"]) for sp in said[:1])
        else:
            ok = not said
        right += ok
        lines.append(f"{'ok ' if ok else 'NO '} #{g['n']} doc={g['doc']} gold={g['speaker']} got={said[:1]}")
    lines.append(f"speaker precision on the judged acts: {right}/{len(gold)} = {right / max(1, len(gold)):.2f}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--rw-limit", type=int, default=None, help="score only the first N Redewiedergabe samples")
    ap.add_argument("--speed-docs", type=int, default=300)
    ap.add_argument("--gnad-sample", type=int, default=None, metavar="OFFSET",
                    help="print speech acts from 200 shuffled 10kGNAD articles starting at OFFSET for hand judgement, then stop")
    ap.add_argument("--gnad-acts", type=int, default=52)
    ap.add_argument("--gnad-score", type=Path, default=None, metavar="GOLD",
                    help="score the acts judged in GOLD (JSON lines: n, doc, start, end, speaker words) on this code, then stop")
    args = ap.parse_args()
    if args.gnad_score is not None:
        print(gnad_score(args.gnad_score))
        return 0
    if args.gnad_sample is not None:
        print(gnad_sample(args.gnad_sample, args.gnad_acts))
        return 0
    stages = ["segment.rules.v1", "entities.ner.v1", "speech.rules.v1"]
    if (SHARED / "trafilatura_evalset").is_dir():
        print(evaluate_news(GOLD, SHARED, args.split, stages, None))
        print()
    if RW.exists():
        print(evaluate_rw([RW], stages, args.rw_limit))
        print()
    if (SHARED / "10kgnad_articles").is_dir():
        print(speed(args.speed_docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
