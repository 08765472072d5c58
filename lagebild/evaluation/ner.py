"""``lagebild eval ner GOLD.tsv [--pred OUT.tsv]``: outer-chunk (CoNLL) P/R/F1 of the shipped NER model.

Reads GermEval 2014 files in either layout: ``token TAB outer TAB inner`` (one token a line, blank
line between sentences) or the original ``index TAB token TAB outer TAB inner`` with ``#`` source
lines. Plain CoNLL ``token TAG`` (space or tab) also works. Gold tags are scored as given; with
``--coarse`` both sides are mapped to PER/LOC/ORG/OTH first (``deriv``/``part`` dropped), which is
the figure to compare with corpora that have only the coarse types.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import click

from lagebild.evaluation.metrics import prf

_TAG = re.compile(r"^(O|[BIES]-\S+)$")


@dataclass(slots=True)
class TaggedSentence:
    """One gold sentence: tokens with outer (and optional inner) BIO tags, plus its comment line."""

    tokens: list[str] = field(default_factory=list)
    outer: list[str] = field(default_factory=list)
    inner: list[str] = field(default_factory=list)
    comment: str | None = None


def _fields(line: str) -> list[str]:
    parts = line.split("\t") if "\t" in line else line.split()
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def read_germeval(lines: Iterable[str]) -> Iterator[TaggedSentence]:
    """Yield sentences from GermEval-2014-style lines (3- or 4-column, ``#`` lines, or 2-column CoNLL)."""
    sent = TaggedSentence()
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sent.tokens:
                yield sent
            sent = TaggedSentence()
            continue
        parts = _fields(line)
        # A source line is '#<TAB>url<TAB>[date]'; a token '#' or '#11' is followed by a tag.
        if parts[0].startswith("#") and (len(parts) < 2 or not _TAG.match(parts[1])):
            if sent.tokens:
                yield sent
                sent = TaggedSentence()
            sent.comment = line
            continue
        if len(parts) >= 4 and parts[0].isdigit() and _TAG.match(parts[2]):
            token, outer, inner = parts[1], parts[2], parts[3]
        elif len(parts) >= 3 and _TAG.match(parts[1]):
            token, outer, inner = parts[0], parts[1], parts[2]
        elif len(parts) == 2 and _TAG.match(parts[1]):
            token, outer, inner = parts[0], parts[1], "O"
        else:
            raise ValueError(f"cannot read line: {line!r}")
        sent.tokens.append(token)
        sent.outer.append(outer)
        sent.inner.append(inner if _TAG.match(inner) else "O")
    if sent.tokens:
        yield sent


def open_text(path: Path) -> IO[str]:
    """Open a plain or gzip-compressed UTF-8 text file."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """Return CoNLL chunks ``(start, end, type)`` of a BIO sequence (an ``I-`` after another type starts one)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix in ("I", "E") and typ == kind and start >= 0
        if not continues:
            if start >= 0:
                out.add((start, i, kind))
            start, kind = (i, typ) if prefix in ("B", "I", "S", "E") else (-1, "")
    return out


def coarse(tag: str) -> str:
    """Map a GermEval tag to PER/LOC/ORG/OTH; ``deriv``/``part`` tags become ``O``."""
    if tag == "O":
        return tag
    prefix, _, typ = tag.partition("-")
    if typ.endswith(("deriv", "part")):
        return "O"
    return f"{prefix}-{typ}"


@dataclass(slots=True)
class Scores:
    """Per-type true positives, predicted and gold counts."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, gold: list[str], pred: list[str]) -> None:
        g, p = chunks(gold), chunks(pred)
        for c in g:
            self.gold[c[2]] += 1
        for c in p:
            self.pred[c[2]] += 1
        for c in g & p:
            self.tp[c[2]] += 1

    prf = staticmethod(prf)

    def table(self) -> str:
        types = sorted(set(self.gold) | set(self.pred))
        rows = [f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for t in types:
            p, r, f = self.prf(self.tp[t], self.pred[t], self.gold[t])
            rows.append(f"{t:<10} {p:6.3f} {r:6.3f} {f:6.3f} {self.gold[t]:6d} {self.pred[t]:6d}")
        p, r, f = self.overall()
        rows.append(f"{'overall':<10} {p:6.3f} {r:6.3f} {f:6.3f} {sum(self.gold.values()):6d} {sum(self.pred.values()):6d}")
        return "\n".join(rows)

    def overall(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))


def tag_sentences(sentences: list[TaggedSentence], nlp=None, recogniser=None) -> tuple[list[list[str]], float]:  # type: ignore[no-untyped-def]
    """Tag pre-tokenised sentences with the shipped model; return BIO tags and tokens per CPU second.

    ``recogniser`` replaces ``tagging.recognise`` (the accurate mode passes its own).

    CPU time (not wall time) is used so the figure does not depend on what else the machine runs.
    """
    from spacy.tokens import Doc

    from lagebild.entities.model import load_model, single_thread_blas
    from lagebild.entities.tagging import recognise

    nlp = nlp or load_model()
    docs = [Doc(nlp.vocab, words=s.tokens) for s in sentences]
    t0 = time.process_time()
    out = []
    with single_thread_blas():
        for doc in (recogniser or recognise)(nlp, docs, batch_size=256):
            out.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc])
    elapsed = time.process_time() - t0
    n = sum(len(s.tokens) for s in sentences)
    return out, (n / elapsed if elapsed > 0 else 0.0)


def evaluate(sentences: list[TaggedSentence], predicted: list[list[str]], *, coarse_types: bool = False) -> Scores:
    """Score predicted outer tags against gold outer tags (exact chunk match)."""
    scores = Scores()
    for sent, pred in zip(sentences, predicted, strict=True):
        gold = sent.outer
        if coarse_types:
            gold, pred = [coarse(t) for t in gold], [coarse(t) for t in pred]
        scores.add(gold, pred)
    return scores


def write_predictions(fh: IO[str], sentences: list[TaggedSentence], predicted: list[list[str]]) -> None:
    """Write ``token TAB predicted-outer TAB O`` lines, one blank line between sentences."""
    for sent, pred in zip(sentences, predicted, strict=True):
        for tok, tag in zip(sent.tokens, pred, strict=True):
            fh.write(f"{tok}\t{tag}\tO\n")
        fh.write("\n")


@click.command("ner")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pred", "pred_path", type=click.Path(dir_okay=False, path_type=Path), help="write predictions here")
@click.option("--coarse", "coarse_types", is_flag=True, help="score PER/LOC/ORG/OTH only (deriv/part dropped)")
@click.option("--model", "model_path", type=click.Path(exists=True, file_okay=False), default=None,
              help="another model: a CRF directory or a spaCy pipeline (default: the shipped lagebild/models/ner-crf)")
@click.option("--accurate", is_flag=True, help="the accurate mode (e5 encoder + trained head; lagebild[accurate])")
def command(gold: Path, pred_path: Path | None, coarse_types: bool, model_path: str | None, accurate: bool) -> None:
    """Tag GOLD (GermEval 2014 format) with the shipped NER model and print outer-chunk P/R/F1.

    Example: lagebild eval ner /work/shared/data/germeval2014_ner/NER-de-dev.tsv --pred out/dev.pred.tsv
    """
    with open_text(gold) as fh:
        sentences = list(read_germeval(fh))
    if not sentences:
        raise click.ClickException(f"no sentences in {gold}")
    from lagebild.entities.model import load_model

    recogniser = None
    if accurate:
        from lagebild.entities.accurate.engine import EngineUnavailable
        from lagebild.entities.accurate.tagger import recognise_accurate

        try:
            from lagebild.entities.accurate.tagger import load_head

            load_head()
        except (OSError, EngineUnavailable) as exc:
            raise click.ClickException(f"accurate mode unavailable: {exc}") from exc
        recogniser = recognise_accurate
    predicted, speed = tag_sentences(sentences, load_model(model_path), recogniser)
    scores = evaluate(sentences, predicted, coarse_types=coarse_types)
    click.echo(f"{gold}: {len(sentences)} sentences, {sum(len(s.tokens) for s in sentences)} tokens")
    click.echo(scores.table())
    click.echo(f"speed: {speed:,.0f} tokens per CPU second (model only, pre-tokenised, one process)")
    if pred_path:
        pred_path.parent.mkdir(parents=True, exist_ok=True)
        with pred_path.open("w", encoding="utf-8") as out:
            write_predictions(out, sentences, predicted)
        click.echo(f"predictions written to {pred_path}", err=True)
    sys.stdout.flush()
