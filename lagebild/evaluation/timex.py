"""`lagebild eval time GOLD_DIR`: score the timex stage on TimeML gold, TempEval-3 style.

Definitions (TempEval-3, UzZaman et al. 2013):

- strict match: system and gold span are identical; relaxed match: they overlap.
  Pairs are matched one-to-one (largest overlap first).
- P = matched / system, R = matched / gold, F1 = 2PR / (P + R), for strict and relaxed.
- attribute accuracy (type, value): share of relaxed matches whose attribute is equal.
- attribute F1 (value F1, type F1): P and R counted over matches that also have the equal
  attribute, i.e. relaxed F1 × attribute accuracy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from lagebild.evaluation.gold_text import gold_document
from lagebild.evaluation.metrics import prf
from lagebild.evaluation.timeml import TimeMLDoc, Timex3, read_timeml, write_timeml
from lagebild.model import DateValue

__all__ = ["Scores", "command", "predict", "score"]


@dataclass
class Scores:
    """Counts over a set of documents; ratios as properties."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    chars: int = 0
    seconds: float = 0.0
    docs: int = 0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok", "chars", "docs"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.errors.extend(other.errors)

    def prf(self, hits: int) -> tuple[float, float, float]:
        return prf(hits, self.system, self.gold)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    def table(self) -> str:
        rows = [("strict span", *self.prf(self.strict)), ("relaxed span", *self.prf(self.relaxed)),
                ("type", *self.prf(self.type_ok)), ("value", *self.prf(self.value_ok))]
        lines = [f"{'':14} {'P':>6} {'R':>6} {'F1':>6}"]
        lines += [f"{name:14} {p:6.3f} {r:6.3f} {f:6.3f}" for name, p, r, f in rows]
        lines.append(f"type accuracy  {self.type_accuracy:6.3f}   value accuracy {self.value_accuracy:6.3f}")
        speed = self.chars / self.seconds if self.seconds else 0.0
        lines.append(f"gold {self.gold}  system {self.system}  docs {self.docs}  chars {self.chars}  "
                     f"{self.seconds:.3f} s  {speed:,.0f} chars/s (one core)")
        return "\n".join(lines)


def _norm_value(v: str | None) -> str:
    return (v or "").strip().upper()


def score(gold: list[Timex3], system: list[Timex3], text: str = "") -> Scores:
    """Score one document's system TIMEX3s against gold ones."""
    s = Scores(gold=len(gold), system=len(system), chars=len(text), docs=1)
    pairs = []
    for gi, g in enumerate(gold):
        for si, t in enumerate(system):
            overlap = min(g.end, t.end) - max(g.start, t.start)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, t = gold[gi], system[si]
        s.relaxed += 1
        if (g.start, g.end) == (t.start, t.end):
            s.strict += 1
        if g.type == t.type:
            s.type_ok += 1
        if _norm_value(g.value) == _norm_value(t.value):
            s.value_ok += 1
        else:
            s.errors.append((text[g.start : g.end], g.value or "", t.value, text[t.start : t.end]))
    return s


def predict(doc: TimeMLDoc, *, mode: str = "auto") -> list[Timex3]:
    """Run the timex stage on a TimeML document's plain text with its DCT as publication date."""
    from lagebild.stages.timex import RuleTimex

    d = gold_document(doc.text, doc_id=doc.doc_id, published=DateValue(doc.dct, "day" if doc.dct and len(doc.dct) >= 10 else None))
    RuleTimex(mode=mode, flag_inconsistencies=False)(d)
    out = []
    for i, ann in enumerate(d.of_kind("timex"), 1):
        out.append(Timex3(ann.span.start, ann.span.end, ann.label or "DATE", ann.data.get("value"), ann.data.get("mod"), f"t{i}"))
    return out


def evaluate(paths: list[Path], *, mode: str = "auto", pred_dir: Path | None = None) -> Scores:
    """Score every TimeML file in ``paths``; optionally write predictions as TimeML."""
    total = Scores()
    for path in paths:
        doc = read_timeml(path)
        started = time.perf_counter()
        system = predict(doc, mode=mode)
        elapsed = time.perf_counter() - started
        s = score(doc.timexes, system, doc.text)
        s.seconds = elapsed
        total.add(s)
        if pred_dir is not None:
            write_timeml(TimeMLDoc(doc.doc_id, doc.text, doc.dct, system), pred_dir / f"{doc.doc_id}.tml")
    return total


def gold_files(gold: Path) -> list[Path]:
    if gold.is_file():
        return [gold]
    return sorted(p for p in gold.rglob("*") if p.suffix in (".tml", ".xml") and p.is_file())


@click.command("time")
@click.argument("gold_dir", type=click.Path(exists=True, path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the predicted TimeML files into this folder.")
@click.option("--mode", type=click.Choice(["auto", "news", "narrative"]), default="auto", show_default=True,
              help="Reading mode of the tagger (see lagebild.timex.resolve).")
@click.option("--errors", "show_errors", default=0, show_default=True, help="Print this many value errors.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="For a WikiWarsDE folder (TIMEX2, converted on the fly): which part to score.")
def command(gold_dir: Path, pred_dir: Path | None, mode: str, show_errors: int, split: str) -> None:
    """Score temporal expressions against TimeML gold (<DCT> + <TEXT> with <TIMEX3>), TempEval-3 style.

    GOLD_DIR holds TimeML files (searched recursively), or is the WikiWarsDE folder itself
    (with keyinline/), which is converted first; --split test scores its held-out part.

    Example: lagebild eval time ../shared/data/wikiwarsde_timex/WikiWarsDE_20110412 --split test --pred out/ww
    """
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        if (gold_dir / "keyinline").is_dir():
            from lagebild.evaluation.wikiwars import convert

            convert(gold_dir, Path(tmp))
            gold_dir = Path(tmp) if split == "all" else Path(tmp) / split
        paths = gold_files(gold_dir)
        if not paths:
            raise click.ClickException(f"no .tml/.xml files under {gold_dir}")
        total = evaluate(paths, mode=mode, pred_dir=pred_dir)
    click.echo(total.table())
    for surface, gold_value, value, sys_surface in total.errors[:show_errors]:
        click.echo(f"  {surface!r:40} gold {gold_value:16} system {value!s:16} ({sys_surface!r})")
