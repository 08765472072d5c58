"""``lagebild eval meta EVALDATA.json HTML_DIR``: title, author and publication date per article.

Reads the trafilatura evaluation format (as ``eval extract``): per page a gold ``title``,
``author`` (names separated by ``;``) and ``date`` (``YYYY-MM-DD``), each possibly empty.

Systems, in the same run:

- ``lagebild html``: the HTML reader and ``meta.headers.v1``, as ``analyze`` reads a saved page;
- ``lagebild text``: the same page *flattened* to all its visible text (as ``eval boilerplate``
  does: what a user gets by copying a page from the browser), read as a ``.txt`` file and run
  through ``clean.boilerplate.v1`` and ``meta.headers.v1``: the plain-text header rules alone,
  without any HTML structure or structured data (a date that only exists in markup cannot be
  found there, so this row measures the header lines, not the page);
- ``trafilatura``: ``trafilatura.bare_extraction`` metadata, the reference.

Per field: ``correct`` / ``wrong`` (a value that does not match) / ``missing`` (no value) over
the pages whose gold field is filled; precision = correct / (correct + wrong), recall = correct /
gold. ``invented`` counts values given where the gold field is empty (often a real author the
annotators left out, so it is shown, not scored). Matching, after Unicode normalisation,
case folding and reducing punctuation to spaces: dates on the exact day (``coarser`` counts a
month-only value of the right month, scored as wrong); titles equal or at least 90 % similar
(rapidfuzz ratio); authors with the same words in any order (rapidfuzz token sort ratio ≥ 90).

The pages are split in halves by ``eval extract``'s stable file-name hash: rules are developed on
``tune`` (``--show-misses`` lists its misses, never the held-out ones) and reported on
``heldout``.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation.extract import evalset_options, evalset_pages, html_document, ingest_document, load_page, page_half
from lagebild.model import Document, SourceRef

__all__ = ["FIELDS", "SYSTEMS", "FieldScore", "command", "evaluate", "field_matches", "format_table"]

FIELDS = ("date", "title", "author")
SYSTEMS = ("lagebild html", "lagebild text", "trafilatura")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


@dataclass
class FieldScore:
    """Counts for one metadata field of one system."""

    gold: int = 0
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    coarser: int = 0
    invented: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


def _norm(value: str) -> str:
    return " ".join(_PUNCT.sub(" ", unicodedata.normalize("NFKC", value).casefold()).split())


def field_matches(name: str, pred: str, gold: str) -> bool:
    """Return whether a predicted metadata value counts as the gold one (see the module docstring)."""
    from rapidfuzz import fuzz

    if name == "date":
        return pred[:10] == gold[:10]
    p, g = _norm(pred), _norm(gold)
    if not p or not g:
        return p == g
    if name == "title":
        return p == g or fuzz.ratio(p, g) >= 90
    return fuzz.token_sort_ratio(p, g) >= 90


def _as_text(value: Any) -> str:
    if isinstance(value, list):  # several authors
        return "; ".join(str(v) for v in value)
    return str(value or "").strip()


def _score(score: FieldScore, name: str, pred: Any, gold: Any, label: str) -> None:
    pred = _as_text(pred)
    gold = _as_text(gold)
    if not gold:
        score.invented += bool(pred)
        return
    score.gold += 1
    if not pred:
        score.missing += 1
    elif field_matches(name, pred, gold):
        score.correct += 1
        return
    else:
        score.wrong += 1
        score.coarser += name == "date" and len(pred) == 7 and gold.startswith(pred)
    score.misses.append(f"{label}: {name} gold={gold!r} got={pred or None!r}")


def _fields(doc: Document) -> dict[str, str | None]:
    return {"date": doc.meta.published.value, "title": doc.meta.title, "author": doc.meta.author}


def _lagebild_html(data: bytes, url: str) -> dict[str, str | None]:
    doc = html_document(data, url)
    return _fields(ingest_document(doc)) if doc is not None else {}


def _lagebild_text(data: bytes, url: str) -> dict[str, str | None]:
    from lagebild.evaluation.boilerplate import flatten_html

    flat = flatten_html(data)
    if not flat.strip():
        return {}
    return _fields(ingest_document(Document("page", flat, SourceRef("page.txt", format="txt"))))


def _trafilatura(data: bytes, url: str) -> dict[str, str | None]:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    except Exception:
        return {}
    if found is None:
        return {}
    get = found.get if isinstance(found, dict) else lambda key: getattr(found, key, None)
    return {"date": get("date"), "title": get("title"), "author": get("author")}


_RUNNERS: dict[str, Callable[[bytes, str], dict[str, str | None]]] = {
    "lagebild html": _lagebild_html, "lagebild text": _lagebild_text, "trafilatura": _trafilatura,
}


def evaluate(evaldata: Path, html_dir: Path, *, limit: int = 0, lang: str | None = None, half: str = "all",
             systems: tuple[str, ...] = SYSTEMS, pred_out: Path | None = None) -> dict[str, Any]:
    """Score each system's title, author and date on the pages of ``evaldata``; return counts per system and field."""
    items = evalset_pages(evaldata, half=half, lang=lang, limit=limit, keep=lambda g: any(k in g for k in FIELDS))
    scores = {s: {f: FieldScore() for f in FIELDS} for s in systems}
    seconds = dict.fromkeys(systems, 0.0)
    pages = 0
    out = pred_out.open("w", encoding="utf-8") if pred_out else None
    try:
        for url, g in items:
            data = load_page(html_dir, g["file"])
            if data is None:
                continue
            pages += 1
            part = page_half(g["file"])
            row: dict[str, Any] = {"url": url, "file": g["file"], "half": part, "gold": {f: g.get(f) for f in FIELDS}}
            for system in systems:
                t0 = time.process_time()
                found = _RUNNERS[system](data, url)
                seconds[system] += time.process_time() - t0
                row[system] = found
                for name in FIELDS:
                    _score(scores[system][name], name, found.get(name), g.get(name), f"{part} {g['file']}")
            if out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    return {"pages": pages, "half": half, "scores": scores, "seconds": seconds}


def format_table(res: dict[str, Any]) -> str:
    """Render the result of ``evaluate`` as a text table."""
    n = max(res["pages"], 1)
    lines = [f"pages: {res['pages']} (half: {res['half']})", "",
             f"{'system':<14} {'field':<7} {'P':>6} {'R':>6} {'correct':>8} {'wrong':>6} {'missing':>8} {'gold':>5} "
             f"{'coarser':>8} {'invented':>9} {'cpu ms':>7}"]
    for system, fields in res["scores"].items():
        for i, (name, s) in enumerate(fields.items()):
            ms = f"{1000 * res['seconds'][system] / n:7.1f}" if i == 0 else f"{'':>7}"
            lines.append(f"{system:<14} {name:<7} {s.precision:6.3f} {s.recall:6.3f} {s.correct:8d} {s.wrong:6d} "
                         f"{s.missing:8d} {s.gold:5d} {s.coarser:8d} {s.invented:9d} {ms}")
    lines.append("(P = correct / values given, R = correct / gold; 'invented' = a value where the gold field is empty)")
    return "\n".join(lines)


@click.command("meta")
@evalset_options
@click.option("--system", "systems", type=click.Choice(SYSTEMS), multiple=True, help="Only these systems (repeatable).")
@click.option("--show-misses", is_flag=True, help="Print the misses of the tuning half to stderr.")
def command(evaldata: Path, html_dir: Path, pred_out: Path | None, limit: int, lang: str | None, half: str,
            systems: tuple[str, ...], show_misses: bool) -> None:
    """Score article title, author and publication date from HTML and from flattened page text.

    Example: lagebild eval meta ../shared/data/trafilatura_evalset/evaldata_dev.json ../shared/data/trafilatura_evalset/html
    """
    res = evaluate(evaldata, html_dir, limit=limit, lang=lang, half=half, systems=systems or SYSTEMS, pred_out=pred_out)
    click.echo(format_table(res))
    if show_misses:
        for system, fields in res["scores"].items():
            for s in fields.values():
                for miss in s.misses:
                    if miss.startswith("tune "):
                        click.echo(f"{system}: {miss}", err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
