"""``lagebild eval extract EVALDATA.json HTML_DIR``: main text and publication date from HTML pages.

Reads the trafilatura evaluation format: a JSON object mapping URL → ``{file, with: [snippets
that must appear in the main text], without: [boilerplate snippets that must not appear],
date: "YYYY-MM-DD", …}``; pages are ``HTML_DIR/<file>`` or ``HTML_DIR/<file>.gz``.

Scores, per system, in the same run:

- main text, snippet-based as the benchmark defines it: a ``with`` snippet found is a true
  positive (else a false negative), a ``without`` snippet found is a false positive (else a
  true negative); precision, recall, F1 and accuracy over all snippets;
- publication date: exact-day accuracy over pages with a gold date, and how many predicted
  dates lie in the future of the run (never allowed).

Publication dates are scored on all pages and, separately, on the two halves of a stable split
(SHA-1 of the page's file name, see ``page_half``): the date rules were developed on ``tune``
only; ``heldout`` shows whether they generalise. ``--half`` restricts a run to one half and
``--show-misses`` lists the date misses of the tuning half (never those of the held-out half).
Gold dates that are not calendar days are counted (``bad gold``) and scored as misses. Times
are CPU milliseconds per page.

Systems: ``lagebild`` (the HTML reader + ``clean.boilerplate.v1``, i.e. what ``analyze`` stores),
``lagebild-raw`` (the reader's text before the boilerplate filter), ``trafilatura`` (plain
``trafilatura.extract``) and ``htmldate`` (plain ``find_date``).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation.metrics import CountsPRF
from lagebild.model import Document, SourceRef

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


@dataclass
class TextScore(CountsPRF):
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0

    def add(self, text: str, with_: list[str], without: list[str]) -> None:
        text = _norm(text)
        for s in with_:
            if _norm(s) in text:
                self.tp += 1
            else:
                self.fn += 1
        for s in without:
            if _norm(s) in text:
                self.fp += 1
            else:
                self.tn += 1

    @property
    def accuracy(self) -> float:
        n = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / n if n else 0.0


@dataclass
class DateScore:
    gold: int = 0
    correct: int = 0
    missing: int = 0
    future: int = 0
    bad_gold: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


def load_page(html_dir: Path, name: str) -> bytes | None:
    """Return the bytes of page ``name`` (plain or gzipped) or ``None`` if absent."""
    for candidate in (html_dir / name, html_dir / f"{name}.gz"):
        if candidate.exists():
            data = candidate.read_bytes()
            return gzip.decompress(data) if candidate.suffix == ".gz" else data
    return None


HALVES = ("all", "tune", "heldout")


def page_half(file_name: str) -> str:
    """Return ``"tune"`` or ``"heldout"``: a stable split of pages by the SHA-1 of their file name.

    Error analysis and rule development look at the tuning half only; the held-out half measures
    whether the rules generalise.
    """
    return "tune" if int(hashlib.sha1(file_name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "heldout"


def malformed_gold_date(value: str | None) -> bool:
    """Whether a gold date is not a real calendar day (such a page can never be scored correct)."""
    if not value:
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return True
    return False


#: the per-document stages ``analyze`` runs on a page before language and analysis stages
INGEST_STAGES = ("clean.boilerplate.v1", "meta.headers.v1")


@functools.lru_cache(maxsize=1)
def _ingest_pipeline() -> Any:
    from lagebild.pipeline import Pipeline, PipelineSpec

    return Pipeline(PipelineSpec.of(list(INGEST_STAGES)), on_error="raise")


def ingest_document(doc: Document) -> Document:
    """Clean ``doc`` and complete its metadata exactly as ``analyze`` does (same stages, same bookkeeping)."""
    return _ingest_pipeline()(doc)  # type: ignore[no-any-return]


def html_document(data: bytes, url: str) -> Document | None:
    """Read a saved page with lagebild's HTML reader; ``None`` when it has no readable text."""
    from lagebild.ingest.decode import decode_html
    from lagebild.ingest.readers import document_from_html

    page, enc, reason = decode_html(data, url)
    return document_from_html(page, doc_id="page", source=SourceRef(url, format="html", encoding=enc, encoding_reason=reason), url=url)


def lagebild_system(data: bytes, url: str) -> tuple[str, str, str | None]:
    """Run lagebild's HTML ingest; return (raw extracted text, cleaned text, publication date)."""
    doc = html_document(data, url)
    if doc is None:
        return "", "", None
    raw = doc.text or doc.original
    doc = ingest_document(doc)
    return raw, doc.text, doc.meta.published.value


def _trafilatura(data: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(data, url=url) or ""


def _htmldate(data: bytes, url: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(data, url=url)
    except Exception:
        return None


def _score_date(score: DateScore, pred: str | None, gold: str | None, today: str) -> None:
    if pred and pred[:10] > today:
        score.future += 1
    if not gold:
        return
    score.gold += 1
    score.bad_gold += malformed_gold_date(gold)
    if not pred:
        score.missing += 1
    elif pred[:10] == gold[:10]:
        score.correct += 1


def evalset_pages(evaldata: Path, *, half: str = "all", lang: str | None = None, limit: int = 0,
                  keep: Callable[[dict[str, Any]], bool] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Return (URL, gold) of the evaluation pages, sorted by URL: one half, one language, the first ``limit``."""
    gold = json.loads(evaldata.read_text("utf-8"))
    items = [(u, g) for u, g in sorted(gold.items()) if keep is None or keep(g)]
    if half != "all":
        items = [(u, g) for u, g in items if page_half(g["file"]) == half]
    if lang:
        items = [(u, g) for u, g in items if g.get("lang_guess", lang) == lang]
    return items[:limit] if limit else items


def evalset_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the arguments and options every trafilatura-format benchmark takes (gold, pages, --pred, --limit, --lang, --half)."""
    options = [
        click.argument("evaldata", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        click.argument("html_dir", type=click.Path(exists=True, file_okay=False, path_type=Path)),
        click.option("--pred", "pred_out", type=click.Path(dir_okay=False, path_type=Path), help="Write predictions as JSONL."),
        click.option("--limit", default=0, help="Only the first N pages (sorted by URL)."),
        click.option("--lang", default=None, help="Only pages with this lang_guess (e.g. de)."),
        click.option("--half", type=click.Choice(HALVES), default="all", show_default=True,
                     help="Pages of one half of a stable split by file-name hash: 'tune' for error analysis, 'heldout' to report."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def evaluate(evaldata: Path, html_dir: Path, *, limit: int = 0, lang: str | None = None, half: str = "all",
             pred_out: Path | None = None, progress: Callable[[int], None] | None = None,
             show_misses: bool = False) -> dict[str, Any]:
    """Score every system on the pages of ``evaldata`` (or one ``half`` of them); return the table rows as a dict."""
    items = evalset_pages(evaldata, half=half, lang=lang, limit=limit)
    today = date.today().isoformat()
    texts = {name: TextScore() for name in ("lagebild", "lagebild-raw", "trafilatura")}
    dates = {name: DateScore() for name in ("lagebild", "htmldate")}
    missing_pages = 0
    preds = []
    by_half: dict[str, DateScore] = {}
    for i, (url, g) in enumerate(items):
        data = load_page(html_dir, g["file"])
        if data is None:
            missing_pages += 1
            continue
        with_, without = list(g.get("with") or []), list(g.get("without") or [])
        t0 = time.process_time()
        raw, clean, ldate = lagebild_system(data, url)
        t1 = time.process_time()
        traf = _trafilatura(data, url)
        t2 = time.process_time()
        hdate = _htmldate(data, url)
        texts["lagebild"].add(clean, with_, without)
        texts["lagebild"].seconds += t1 - t0
        texts["lagebild-raw"].add(raw, with_, without)
        texts["trafilatura"].add(traf, with_, without)
        texts["trafilatura"].seconds += t2 - t1
        _score_date(dates["lagebild"], ldate, g.get("date"), today)
        _score_date(dates["htmldate"], hdate, g.get("date"), today)
        part = page_half(g["file"])
        if half == "all":
            _score_date(by_half.setdefault(f"lagebild/{part}", DateScore()), ldate, g.get("date"), today)
            _score_date(by_half.setdefault(f"htmldate/{part}", DateScore()), hdate, g.get("date"), today)
        # misses of the held-out half stay hidden: looking at them would tune the rules to it
        if show_misses and part == "tune" and g.get("date") and (ldate or "")[:10] != g["date"][:10]:
            click.echo(f"date miss: {g['file']} gold={g['date']} lagebild={ldate} htmldate={hdate}", err=True)
        if pred_out:
            preds.append({"url": url, "file": g["file"], "text": clean, "date": ldate, "gold_date": g.get("date"),
                          "trafilatura_text": traf, "htmldate": hdate})
        if progress:
            progress(i)
    if pred_out:
        with pred_out.open("w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    dates.update({k: by_half[k] for k in sorted(by_half, key=lambda k: (k.split("/")[1] != "tune", k))})
    return {"pages": len(items) - missing_pages, "missing_pages": missing_pages, "text": texts, "dates": dates,
            "half": half}


def format_table(res: dict[str, Any]) -> str:
    """Render the result of ``evaluate`` as a text table."""
    lines = [f"pages: {res['pages']} (half: {res.get('half', 'all')}; missing html: {res['missing_pages']})", "",
             f"{'main text':<14} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'TP':>5} {'FN':>5} {'FP':>5} {'TN':>5} {'cpu ms':>8}"]
    n = max(res["pages"], 1)
    for name, s in res["text"].items():
        ms = f"{1000 * s.seconds / n:8.1f}" if s.seconds else f"{'':>8}"
        lines.append(f"{name:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:6.3f} {s.tp:5d} {s.fn:5d} {s.fp:5d} {s.tn:5d} {ms}")
    lines += ["", f"{'date':<18} {'exact-day':>9} {'correct':>8} {'gold':>5} {'missing':>8} {'future':>7} {'bad gold':>9}"]
    for name, d in res["dates"].items():
        lines.append(f"{name:<18} {d.accuracy:9.3f} {d.correct:8d} {d.gold:5d} {d.missing:8d} {d.future:7d} {d.bad_gold:9d}")
    lines.append("(exact-day counts every page with a gold date; 'bad gold' pages have a gold date that is not a "
                 "calendar day and count as misses)")
    return "\n".join(lines)


@click.command("extract")
@evalset_options
@click.option("--show-misses", is_flag=True, help="Print each date miss of the tuning half to stderr.")
def command(evaldata: Path, html_dir: Path, pred_out: Path | None, limit: int, lang: str | None, half: str,
            show_misses: bool) -> None:
    """Score main-text extraction and publication dates on trafilatura-format gold, next to trafilatura/htmldate.

    Example: lagebild eval extract ../shared/data/trafilatura_evalset/evaldata_dev.json ../shared/data/trafilatura_evalset/html
    """
    res = evaluate(evaldata, html_dir, limit=limit, lang=lang, half=half, pred_out=pred_out, show_misses=show_misses)
    click.echo(format_table(res))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
