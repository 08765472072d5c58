"""``lagebild eval boilerplate DATASET_DIR...``: the plain-text boilerplate filter on flattened pages.

No gold exists for "article text copied from a browser", so the benchmark is built from real
pages with real gold: each HTML page is *flattened* to all its visible text (scripts, styles and
``<head>`` dropped; one line per block element, like text selected and copied from a browser),
then ``clean.boilerplate.v1`` runs on that plain text, without any HTML structure.

Datasets (recognised by their files):

- ``scrapinghub_article_extraction`` (``ground-truth.json``: full gold article body). A
  flattened line is *main text* when at least 80 % of its word tokens occur in the gold body.
  Scores: precision and recall of kept text in characters, over those line labels.
- ``trafilatura_evalset`` (``evaldata*.json``: snippets that must / must not appear). Scores:
  snippet precision/recall as that benchmark defines it, counting only snippets that occur in
  the flattened page at all (others cannot be kept or removed by a text filter).

The rules were developed on the scrapinghub pages and the example articles. The trafilatura
pages are split in two halves by a stable hash of the page URL (``half_of``, independent of the
30/70 split that made the shared dev set): the line model (on by default; ``--rules-only`` adds
rows without it) is trained on the scrapinghub pages and the TUNING half only, so the scrapinghub
and tuning rows are training scores and only the HELD-OUT rows (``--half heldout``, printed
first by default) measure the filter on unseen pages. ``--write DIR`` saves each flattened page
with its kept text for inspection.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation.metrics import CountsPRF

_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside blockquote "
    "pre figure figcaption dd dt dl hr main form title option address details summary caption".split()
)
_DROP = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_WS = re.compile(r"[ \t\r\f\v\xa0]+")


def flatten_html(page: str | bytes) -> str:
    """Return all visible text of a page, one line per block element, blank lines between blocks."""
    import lxml.html
    from lxml import etree

    if isinstance(page, bytes):
        from lagebild.ingest.decode import decode_html

        page = decode_html(page, "page")[0]
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)  # lxml refuses str input with an encoding declaration
    try:
        tree = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return ""
    for el in list(tree.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()  # type: ignore[attr-defined]  # lxml-stubs: lxml.html elements typed as _Element; keeps the tail text
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in _BLOCK:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n\n" + (el.text or "")
    text = tree.text_content()  # type: ignore[attr-defined]  # lxml-stubs: fromstring() typed as _Element
    lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln:
            out.append(ln)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip() + "\n"


def _norm(s: str) -> str:
    return " ".join(s.split())


def keep_text(flat: str, *, line_model: bool = True) -> str:
    """Run the plain-text cleaner (default: with the line model) on ``flat``; return the kept text."""
    from lagebild.model import Document, SourceRef
    from lagebild.stages.clean import BoilerplateClean

    doc = Document("page", flat, SourceRef("page.txt"))
    return BoilerplateClean(line_model=line_model)(doc).text


@dataclass
class Score(CountsPRF):
    """Counts for one dataset (characters for line labels, snippets for snippet gold)."""

    kind: str
    pages: int = 0
    tp: float = 0
    fp: float = 0
    fn: float = 0
    seconds: float = 0.0
    chars: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


def _scrapinghub_pages(folder: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    gold = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    for key in sorted(gold):
        path = folder / "html" / f"{key}.html.gz"
        if path.exists():
            yield key, flatten_html(gzip.decompress(path.read_bytes())), {"body": gold[key].get("articleBody") or ""}


#: the two halves of a snippet-gold set: rules and line model may be tuned on one, never on the other
HALVES = ("tuning", "heldout")


def half_of(key: str) -> str:
    """Return the half (``HALVES``) a page belongs to: a stable hash of its name, independent of any other split."""
    return HALVES[hashlib.sha256(("boilerplate-half:" + key).encode("utf-8")).digest()[0] % 2]


def _trafilatura_pages(folder: Path, half: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    files = sorted(folder.glob("evaldata*.json"))
    gold = json.loads(files[0].read_text("utf-8"))
    for url in sorted(gold):
        if half is not None and half_of(url) != half:
            continue
        g = gold[url]
        path = folder / "html" / f"{g['file']}.gz"
        if not path.exists():
            path = folder / "html" / g["file"]
            if not path.exists():
                continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield url, flatten_html(data), {"with": g.get("with") or [], "without": g.get("without") or []}


def line_labels(flat: str, body: str) -> list[tuple[str, bool]]:
    """Label each non-blank line of ``flat``: main text if ≥ 80 % of its tokens are in ``body``.

    A line printed several times on the page (a headline in the navigation and above the
    article) is main text only as often as it occurs in the gold body (at least once).
    """
    bag = Counter(t.lower() for t in _TOKEN.findall(body))
    body_n = _norm(body)
    used: Counter[str] = Counter()
    out = []
    for line in flat.splitlines():
        if not line.strip():
            continue
        toks = [t.lower() for t in _TOKEN.findall(line)]
        if not toks:
            out.append((line, False))
            continue
        inside = sum(1 for t in toks if bag.get(t, 0) > 0)
        is_main = inside / len(toks) >= 0.8
        if is_main:
            key = _norm(line)
            allowed = max(1, body_n.count(key)) if key else 1
            is_main = used[key] < allowed
            used[key] += 1
        out.append((line, is_main))
    return out


def _score_lines(score: Score, flat: str, kept: str, body: str) -> None:
    labels = line_labels(flat, body)
    kept_lines = Counter(_norm(ln) for ln in kept.splitlines() if ln.strip())
    for line, is_main in labels:
        key = _norm(line)
        n = len(key)
        if kept_lines.get(key, 0) > 0:
            kept_lines[key] -= 1
            if is_main:
                score.tp += n
            else:
                score.fp += n
        elif is_main:
            score.fn += n


def _score_snippets(score: Score, flat: str, kept: str, with_: list[str], without: list[str]) -> None:
    flat_n, kept_n = _norm(flat), _norm(kept)
    for s in with_:
        s = _norm(s)
        if s in flat_n:
            if s in kept_n:
                score.tp += 1
            else:
                score.fn += 1
    for s in without:
        s = _norm(s)
        if s in flat_n and s in kept_n:
            score.fp += 1


def evaluate(folder: Path, *, limit: int = 0, write: Path | None = None, line_model: bool = True,
             half: str | None = None) -> Score:
    """Flatten every page of one dataset folder (of one half, for snippet sets), clean it and score the kept text."""
    if (folder / "ground-truth.json").exists():
        pages, score = _scrapinghub_pages(folder), Score("characters (line labels)")
    elif list(folder.glob("evaldata*.json")):
        pages, score = _trafilatura_pages(folder, half), Score("snippets")
    else:
        raise click.ClickException(f"{folder}: neither ground-truth.json nor evaldata*.json found")
    if write:
        write.mkdir(parents=True, exist_ok=True)
    for i, (key, flat, gold) in enumerate(pages):
        if limit and i >= limit:
            break
        if not flat.strip():
            continue
        t0 = time.perf_counter()
        kept = keep_text(flat, line_model=line_model)
        score.seconds += time.perf_counter() - t0
        score.chars += len(flat)
        score.pages += 1
        if "body" in gold:
            _score_lines(score, flat, kept, gold["body"])
        else:
            _score_snippets(score, flat, kept, gold["with"], gold["without"])
        if write:
            name = re.sub(r"[^\w.-]+", "_", key)[:120]
            (write / f"{name}.txt").write_text(flat, "utf-8")
            (write / f"{name}.kept.txt").write_text(kept, "utf-8")
    return score


#: what each dataset's rows are to the line model (see ``lagebild.ingest.train_lines``)
_ROLE = {"scrapinghub": "training", "tuning": "training", "heldout": "HELD-OUT", "all": "mixed"}


@click.command("boilerplate")
@click.argument("datasets", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", default=0, help="Only the first N pages of each dataset (of each half).")
@click.option("--write", type=click.Path(file_okay=False, path_type=Path), help="Save flattened pages and kept text here.")
@click.option("--rules-only", is_flag=True, help="Also score the rules without the line model (line_model=false).")
@click.option("--half", type=click.Choice(["both", "heldout", "tuning", "all"]), default="both", show_default=True,
              help="Snippet sets: which half of the pages (stable hash of the page URL) to score; "
                   "'both' prints one row per half, 'all' one row over all pages.")
def command(datasets: tuple[Path, ...], limit: int, write: Path | None, rules_only: bool, half: str) -> None:
    """Score the plain-text boilerplate filter on pages flattened to all their visible text.

    The line model is trained on the scrapinghub pages and the TUNING half of snippet sets
    (``half_of``); only the HELD-OUT rows are scores on unseen pages.

    Example: lagebild eval boilerplate ../shared/data/scrapinghub_article_extraction ../shared/data/trafilatura_evalset
    """
    click.echo(f"{'dataset':<40} {'role':<9} {'unit':<26} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'ms/page':>8} {'MB/s':>6}")
    for folder in datasets:
        snippets = not (folder / "ground-truth.json").exists()
        halves: list[str | None] = (["heldout", "tuning"] if half == "both" else [None if half == "all" else half]) \
            if snippets else [None]
        for h in halves:
            for mode in (True, False) if rules_only else (True,):
                out = (write / folder.name / (h or "all")) if write and mode else None
                s = evaluate(folder, limit=limit, write=out, line_model=mode, half=h)
                ms = 1000 * s.seconds / max(s.pages, 1)
                mbs = s.chars / 1e6 / s.seconds if s.seconds else 0.0
                name = folder.name[:24] + (f" [{h}]" if h else (" [all]" if snippets else ""))
                if not mode:
                    name += " rules-only"
                role = _ROLE[h or ("all" if snippets else "scrapinghub")] if mode else "rules"
                click.echo(f"{name:<40} {role:<9} {s.kind:<26} {s.pages:5d} {s.precision:6.3f} {s.recall:6.3f} "
                           f"{s.f1:6.3f} {ms:8.2f} {mbs:6.1f}")
