"""``lagebild eval claims GOLD``: numeric claims (value and claimant) against the news gold set.

A predicted claim matches a gold claim when their spans overlap and the gold value equals the
predicted value (relative tolerance 1e-6) or lies in the predicted [low, high] interval of a
vague quantity ("Tausende"). The claimant is right when gold says "outlet" and the claim is the
outlet's, or when the names share a content word (``name_matches``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.evaluation.speech import PRF, load_news_gold, name_matches
from lagebild.model import Annotation

__all__ = ["command", "score_claims"]


def _value_ok(gold: float, ann: Annotation) -> bool:
    value = ann.data.get("value")
    if value is not None and abs(float(value) - gold) <= 1e-6 * max(1.0, abs(gold)):
        return True
    low, high = ann.data.get("low"), ann.data.get("high")
    return bool(ann.data.get("vague")) and low is not None and high is not None and low <= gold <= high


def _claimant_ok(gold: str, ann: Annotation) -> bool:
    if gold == "outlet":
        return ann.data.get("claimant_kind") == "outlet"
    return ann.data.get("claimant_kind") == "speaker" and name_matches(gold, ann.data.get("claimant_text"))


def score_claims(rec: dict[str, Any], claims: list[Annotation], value: PRF, full: PRF) -> list[dict[str, Any]]:
    """Add one document's scores (value only; value and claimant); return rows for --pred."""
    used: set[int] = set()
    tp_value = tp_full = 0
    for g in rec.get("claims", []):
        for i, a in enumerate(claims):
            if i in used or not (a.span.start < g["end"] and g["start"] < a.span.end) or not _value_ok(float(g["value"]), a):
                continue
            used.add(i)
            tp_value += 1
            tp_full += _claimant_ok(g["claimant"], a)
            break
    n_gold = len(rec.get("claims", []))
    value.add(tp_value, len(claims), n_gold)
    full.add(tp_full, len(claims), n_gold)
    return [{"doc": rec["id"], "start": a.span.start, "end": a.span.end, "text": a.surface, "value": a.data.get("value"),
             "low": a.data.get("low"), "high": a.data.get("high"), "claimant": a.data.get("claimant_text")} for a in claims]


@click.command("claims")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="test", show_default=True,
              help="Which half to score (rules were tuned on dev only).")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder with trafilatura_evalset. Default: ../shared/data.")
@click.option("--entities/--no-entities", default=True, show_default=True, help="Run entities.ner.v1 first.")
@click.option("--pred", "pred_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write predictions as JSONL.")
def command(gold: Path, split: str, shared: Path | None, entities: bool, pred_out: Path | None) -> None:
    """Score numeric claims (value, interval, claimant) against the news gold JSONL.

    Example: lagebild eval claims benchmarks/data/news_speech_gold/gold.jsonl --split test
    """
    stages = ["segment.rules.v1", *(["entities.ner.v1"] if entities else []), "speech.rules.v1", "claims.rules.v1"]
    value, full = PRF(), PRF()
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    docs = 0
    for rec, text in load_news_gold(gold, shared or shared_data_dir(), split):
        docs += 1
        doc = run_stages(text, stages, outlet=None)
        rows.extend(score_claims(rec, doc.of_kind("claim"), value, full))
    if pred_out:
        pred_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    click.echo(f"news gold ({split}): {docs} documents, {time.perf_counter() - started:.1f} s")
    click.echo(f"{'claims':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for name, prf in (("value", value), ("value + claimant", full)):
        p, r, f = prf.row()
        click.echo(f"{name:<22}{p:7.3f}{r:7.3f}{f:7.3f}{prf.tp + prf.fn:7d}{prf.tp + prf.fp:7d}")
