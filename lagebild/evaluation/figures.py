"""``lagebild eval figures GOLD``: figures with measure, scope and claimant on articles the rules were not written from.

The gold (``benchmarks/data/gnad_figures/gold.yaml``) names 10kGNAD test articles by id (``gnad-<row>``,
the row of ``10kgnad_articles/test.csv``) and each figure of the kinds that stories of disasters,
attacks, elections and crises carry by its character offsets, with the value (the low end of a range;
the lower bound of "Dutzende", "Hunderte" as the number parser reads them), its bound, the measure
(vocabulary ids of ``lagebild/data/measures.toml``, "|" between accepted ones), the scope (words one
of which must occur in the exported scope; null: not scored) and the claimant (words one of which
must occur in the claimant; "unattributed": none named).

A gold figure is found when a claim of its article overlaps its span and gives its value (the value or
an end of the claim's interval). Each line prints hits / n over every gold figure of the split (scope:
over those with a scope), so a figure not found counts as a miss on every line. Misses are listed
(``-v``) only for the ``tune`` split: ``check`` is scored in aggregate alone.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml

from lagebild.evaluation import gnad_articles, shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.evaluation.picture import Tally
from lagebild.model import Annotation, Document

__all__ = ["ASPECTS", "FigureScore", "command", "load_articles", "measure_id", "score_document"]

#: The per-document stages a figure needs (the default pipeline's, without reading and metadata).
STAGES = ["language.detect.v1", "segment.rules.v1", "entities.ner.v1", "timex.rules.v1", "speech.rules.v1", "claims.rules.v1"]
ASPECTS = ("found", "measure", "scope", "claimant", "bound", "all")
#: The export's bound for each gold bound: "rund 500" is read as a range or as the value itself.
_BOUNDS: dict[str, tuple[str | None, ...]] = {
    "exact": (None,), "lower": ("lower",), "upper": ("upper",), "range": ("range",), "about": ("range", None),
}


@dataclass
class FigureScore:
    """One tally per aspect of the gold figures."""

    tallies: dict[str, Tally]

    @classmethod
    def empty(cls) -> FigureScore:
        return cls({name: Tally() for name in ASPECTS})


def measure_id(measure: object) -> str:
    """The vocabulary id of an exported measure: "count:asylum_application" → "asylum_application", "dead:part" → "dead"."""
    text = str(measure or "")
    if text.startswith("count:"):
        return text[len("count:"):]
    return text.partition(":")[0]


def _keys(spec: object) -> list[str]:
    return [k.strip().lower() for k in str(spec).split("|") if k.strip()]


def _claimant_text(claim: Annotation, doc: Document) -> str:
    parts = [str(claim.data.get("claimant_text") or "")]
    ann = doc.get(str(claim.data.get("claimant_ann"))) if claim.data.get("claimant_ann") else None
    if ann is not None:
        parts.append(ann.surface)
    return " ".join(parts).lower()


def _claimant_ok(claim: Annotation, doc: Document, spec: str) -> bool:
    if spec == "unattributed":
        return claim.data.get("claimant_kind") in (None, "outlet")
    if claim.data.get("claimant_kind") != "speaker":
        return False
    said_by = _claimant_text(claim, doc)
    return any(k in said_by for k in _keys(spec))


def _gives(claim: Annotation, value: float) -> bool:
    return any(v is not None and abs(float(v) - value) <= 1e-6 * max(1.0, abs(value))
               for v in (claim.data.get("value"), claim.data.get("low"), claim.data.get("high")))


def score_document(doc: Document, figures: Sequence[Mapping[str, Any]], score: FigureScore) -> list[str]:
    """Add one article's gold figures to ``score``; return a line per figure that missed an aspect."""
    claims = doc.of_kind("claim")
    misses = []
    for fig in figures:
        start, end, value = int(fig["start"]), int(fig["end"]), float(fig["value"])
        claim = next((c for c in claims if c.span.start < end and start < c.span.end and _gives(c, value)), None)
        ok: dict[str, bool] = {"found": claim is not None}
        if claim is not None:
            ok["measure"] = measure_id(claim.data.get("measure")) in _keys(fig["measure"])
            ok["claimant"] = _claimant_ok(claim, doc, str(fig["claimant"]))
            ok["bound"] = claim.data.get("bound") in _BOUNDS[str(fig.get("bound") or "exact")]
            if fig.get("scope"):
                ok["scope"] = any(k in str(claim.data.get("scope") or "").lower() for k in _keys(fig["scope"]))
        for name in ("found", "measure", "claimant", "bound"):
            score.tallies[name].add(ok.get(name, False))
        if fig.get("scope"):
            score.tallies["scope"].add(ok.get("scope", False))
        all_ok = all(ok.get(n, False) for n in ("found", "measure", "claimant")) and (not fig.get("scope") or ok.get("scope", False))
        score.tallies["all"].add(all_ok)
        if not all_ok or not ok.get("bound", False):
            got = "no claim" if claim is None else (
                f"{claim.surface!r} measure={claim.data.get('measure')} scope={claim.data.get('scope')!r} "
                f"claimant={claim.data.get('claimant_text')!r} bound={claim.data.get('bound')}")
            wrong = ",".join(n for n in ("found", "measure", "scope", "claimant", "bound") if n in ok and not ok[n]) or "found"
            misses.append(f"{doc.id} {fig['text']!r} = {fig['value']} {fig['measure']} [{fig.get('scope')}] "
                          f"by {fig['claimant']}: {wrong} wrong -> {got}")
    return misses


def load_articles(ids: Iterable[str], shared: Path | None = None) -> dict[str, str]:
    """Article id ("gnad-<row>") → text, read from the 10kGNAD test file in the shared data folder."""
    path = (shared or shared_data_dir()) / "10kgnad_articles" / "test.csv"
    if not path.exists():
        raise click.ClickException(f"10kGNAD not found at {path} (set LAGEBILD_SHARED_DATA)")
    wanted = set(ids)
    return {f"gnad-{i}": text for i, (_label, text) in enumerate(gnad_articles(path)) if f"gnad-{i}" in wanted}


def score_gold(gold: Path, split: str, shared: Path | None = None) -> tuple[FigureScore, list[str], int]:
    """Run the figure stages on the gold's articles of ``split``: the score, the misses, the article count."""
    articles = [a for a in (yaml.safe_load(gold.read_text("utf-8")) or {}).get("articles", [])
                if split == "all" or a.get("split") == split]
    texts = load_articles([a["id"] for a in articles], shared)
    score, misses = FigureScore.empty(), []
    for art in articles:
        text = texts.get(art["id"])
        if text is None or len(text) != art.get("chars", len(text)):
            raise click.ClickException(f"{art['id']}: article missing or changed in the 10kGNAD file")
        for fig in art.get("figures") or []:
            if text[fig["start"]:fig["end"]] != fig["text"]:
                raise click.ClickException(f"{art['id']}: offsets {fig['start']}-{fig['end']} do not hold {fig['text']!r}")
        doc = run_stages(text, STAGES, doc_id=art["id"])
        misses.extend(score_document(doc, art.get("figures") or [], score))
    return score, misses, len(articles)


def as_baseline(score: FigureScore, split: str, articles: int) -> dict[str, Any]:
    """The score in the shape of ``benchmarks/baselines/*.json`` (what ``tests/quality`` compares with)."""
    return {"scored": {"split": split, "documents": articles,
                       "figures": {name: {"hits": score.tallies[name].hits, "n": score.tallies[name].total}
                                   for name in ASPECTS}}}


@click.command("figures")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["check", "tune", "all"]), default="check", show_default=True,
              help="Articles to score: the held-out 'check' half, the 'tune' half, or all.")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder with 10kgnad_articles. Default: ../shared/data.")
@click.option("-v", "--verbose", is_flag=True, help="List every figure that missed an aspect (tune split only).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the score as a baseline file (benchmarks/baselines/figures_gnad.json).")
def command(gold: Path, split: str, shared: Path | None, verbose: bool, json_out: Path | None) -> None:
    """Score figures (value, measure, scope, claimant, bound) against the 10kGNAD figure gold.

    Example: lagebild eval figures benchmarks/data/gnad_figures/gold.yaml --split check
    """
    if verbose and split != "tune":
        raise click.ClickException("misses are listed for the tune split only (check is scored in aggregate)")
    score, misses, articles = score_gold(gold, split, shared)
    click.echo(f"10kGNAD figures ({split}): {articles} articles")
    for name in ASPECTS:
        t = score.tallies[name]
        share = f"{t.share:.2f}" if t.share is not None else "-"
        click.echo(f"  {name:<10}{t.hits:>4} / {t.total:<4}{share:>6}")
    if json_out is not None:
        json_out.write_text(json.dumps(as_baseline(score, split, articles), indent=2) + "\n", encoding="utf-8")
    if verbose:
        click.echo("\n".join(misses))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
