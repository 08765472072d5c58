"""``lagebild eval speech GOLD…``: quotes and reported speech against gold data.

Two gold formats are read:

* the news gold set (``benchmarks/data/news_speech_gold/gold.jsonl``): hand-annotated quotes
  (direct/indirect/reported) with speakers, over texts extracted from the shared
  ``trafilatura_evalset`` pages. Scores: span F1 per type (a prediction matches a gold span of
  the same type when they overlap by at least half of the shorter one), exact-boundary F1 for
  direct quotes, and speaker accuracy over gold direct quotes that name a speaker.
* the Redewiedergabe corpus (``redewiedergabe_main_dev.tsv.tar.gz``, a folder or ``.tsv`` files):
  token-level precision/recall/F1 per type (as in the corpus papers) and speaker accuracy for
  direct-speech instances whose speaker is annotated.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.gold_text import run_stages
from lagebild.evaluation.metrics import prf_counts
from lagebild.model import Annotation, Provenance, Span

__all__ = ["CLOSERS", "command", "load_news_gold", "name_matches", "page_text", "source_text"]

#: opening mark → marks that close it (for gold spans of direct quotes)
CLOSERS = {"„": "“”\"", "\"": "\"", "»": "«", "«": "»", "‚": "‘’", "“": "”\"", "‹": "›"}
TYPES = ("direct", "indirect", "reported")
_NAME_STOP = frozenset("der die das des dem den ein eine einer von vom und sowie laut".split())


# -- shared helpers ------------------------------------------------------------------------------
def page_text(shared: Path, page: str) -> str:
    """Return the main text of a ``trafilatura_evalset`` page, extracted as the gold set was built."""
    import trafilatura

    with gzip.open(shared / "trafilatura_evalset" / "html" / f"{page}.gz") as fh:
        raw = fh.read()
    return trafilatura.extract(raw, favor_precision=True) or ""


def source_text(shared: Path, source: dict[str, Any]) -> str:
    """Return the text of a gold record's source: a trafilatura_evalset page or a 10kGNAD row."""
    if source.get("dataset") == "10kGNAD":
        import csv

        with open(shared / "10kgnad_articles" / "test.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter=";", quotechar="'"))
        return rows[int(source["row"])][1]
    return page_text(shared, source["page"])


def name_matches(gold: str | None, predicted: str | None) -> bool:
    """Return whether two speaker names refer to the same party (shared content word, inflection-tolerant)."""
    if not gold or not predicted:
        return False

    def words(s: str) -> set[str]:
        return {w[:6] for w in re.findall(r"\w[\w-]*", s.lower()) if len(w) >= 3 and w not in _NAME_STOP}

    return bool(words(gold) & words(predicted))


def load_news_gold(path: Path, shared: Path, split: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield (gold record, text) for the records of ``split`` ("dev", "test" or "all")."""
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if split != "all" and rec.get("split") != split:
            continue
        text = source_text(shared, rec["source"])
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != rec["text_sha256"]:
            # Another extractor version: move every span to where its text is now.
            for item in (rec.get("quotes") or []) + rec.get("claims", []):
                pos = text.find(item["text"])
                if pos >= 0:
                    item["start"], item["end"] = pos, pos + len(item["text"])
        yield rec, text


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]], min_share: float = 0.5) -> dict[int, int]:
    """Greedily pair gold and predicted spans by overlap; return {gold index: pred index}."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g, p)
            shorter = max(1, min(g[1] - g[0], p[1] - p[0]))
            if ov > 0 and ov / shorter >= min_share:
                pairs.append((ov, gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def row(self) -> tuple[float, float, float]:
        return prf_counts(self.tp, self.fp, self.fn)


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


# -- news gold -----------------------------------------------------------------------------------
@dataclass
class NewsScores:
    spans: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    exact_direct: PRF = field(default_factory=PRF)
    speaker_direct: Accuracy = field(default_factory=Accuracy)
    speaker_all: Accuracy = field(default_factory=Accuracy)
    docs: int = 0


def score_news_doc(rec: dict[str, Any], quotes: list[Annotation], scores: NewsScores) -> list[dict[str, Any]]:
    """Add one document's quote scores; return its predictions as JSON rows."""
    scores.docs += 1
    for kind in TYPES:
        gold = [q for q in rec["quotes"] if q["type"] == kind]
        pred = [a for a in quotes if a.label == kind]
        pairs = match_spans([(g["start"], g["end"]) for g in gold], [(a.span.start, a.span.end) for a in pred])
        scores.spans[kind].add(len(pairs), len(pred), len(gold))
        if kind == "direct":
            exact = sum(1 for gi, pi in pairs.items() if abs(gold[gi]["start"] - pred[pi].span.start) <= 1 and abs(gold[gi]["end"] - pred[pi].span.end) <= 1)
            scores.exact_direct.add(exact, len(pred), len(gold))
        for gi, g in enumerate(gold):
            if not g.get("speaker"):
                continue
            ok = gi in pairs and name_matches(g["speaker"], pred[pairs[gi]].data.get("speaker_text"))
            scores.speaker_all.total += 1
            scores.speaker_all.correct += ok
            if kind == "direct":
                scores.speaker_direct.total += 1
                scores.speaker_direct.correct += ok
    return [{"doc": rec["id"], "type": a.label, "start": a.span.start, "end": a.span.end, "text": a.surface,
             "speaker": a.data.get("speaker_text"), "cue": a.data.get("cue")} for a in quotes]


def _news_table(scores: NewsScores, split: str, seconds: float) -> str:
    lines = [f"news gold ({split}): {scores.docs} documents, {seconds:.1f} s",
             f"{'type':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for kind in TYPES:
        prf = scores.spans[kind]
        p, r, f = prf.row()
        lines.append(f"{kind:<16}{p:7.3f}{r:7.3f}{f:7.3f}{prf.tp + prf.fn:7d}{prf.tp + prf.fp:7d}")
    p, r, f = scores.exact_direct.row()
    lines.append(f"{'direct (exact)':<16}{p:7.3f}{r:7.3f}{f:7.3f}")
    sd, sa = scores.speaker_direct, scores.speaker_all
    lines.append(f"speaker accuracy, direct quotes with a named speaker: {sd.value():.3f} ({sd.correct}/{sd.total})")
    lines.append(f"speaker accuracy, all quote types:                   {sa.value():.3f} ({sa.correct}/{sa.total})")
    return "\n".join(lines)


def evaluate_news(path: Path, shared: Path, split: str, stages: list[str], pred_out: Path | None) -> str:
    """Score the news gold set; return the table."""
    scores = NewsScores()
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for rec, text in load_news_gold(path, shared, split):
        if rec.get("quotes") is None:
            continue  # a claims-only record
        doc = run_stages(text, stages)
        rows.extend(score_news_doc(rec, doc.of_kind("quote"), scores))
    if pred_out:
        pred_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return _news_table(scores, split, time.perf_counter() - started)


# -- Redewiedergabe ------------------------------------------------------------------------------
_OPEN_AFTER = frozenset("([{„‚")
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}“‘…")


@dataclass
class RWSample:
    name: str
    text: str
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    types: list[set[str]]  # gold STWR types per token
    instances: dict[str, list[int]]  # "direct.7" → token indexes
    speakers: dict[str, list[int]]  # instance number → speaker token indexes


def _rw_members(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for f in sorted(path.rglob("*.tsv")):
            if f.name != "metadata.tsv":
                yield f.name, f.read_text("utf-8")
    elif path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tar:
            for m in sorted(tar.getmembers(), key=lambda m: m.name):
                if m.isfile() and m.name.endswith(".tsv") and not m.name.endswith("metadata.tsv"):
                    fh = tar.extractfile(m)
                    if fh is not None:
                        yield Path(m.name).name, io.TextIOWrapper(fh, encoding="utf-8").read()
    else:
        yield path.name, path.read_text("utf-8")


def parse_rw(name: str, raw: str) -> RWSample:
    """Rebuild running text with offsets from a Redewiedergabe TSV sample."""
    parts: list[str] = []
    pos = 0
    tokens: list[tuple[int, int]] = []
    sent_starts: list[int] = []
    types: list[set[str]] = []
    instances: dict[str, list[int]] = {}
    speakers: dict[str, list[int]] = {}
    quote_open = {"\"": False, "chevron": False}
    attach_next = True
    rows = [line.split("\t") for line in raw.splitlines()[1:] if line.strip()]
    for i, cols in enumerate(rows):
        tok = cols[0]
        key = "chevron" if tok in ("»", "«") else tok
        is_quote = tok in ("\"", "»", "«")
        opening = is_quote and not quote_open[key]
        if is_quote:
            quote_open[key] = not quote_open[key]
        space = not (attach_next or tok in _NO_SPACE_BEFORE or (is_quote and not opening))
        if space:
            parts.append(" ")
            pos += 1
        tokens.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        attach_next = tok in _OPEN_AFTER or opening
        if len(cols) > 5 and cols[5] == "yes":
            sent_starts.append(i)
        stwr = cols[6] if len(cols) > 6 else "-"
        kinds: set[str] = set()
        for label in stwr.split("|"):
            bits = label.split(".")
            if len(bits) >= 3 and bits[0] in ("direct", "indirect", "reported", "freeIndirect"):
                kinds.add(bits[0])
                instances.setdefault(f"{bits[0]}.{bits[2]}", []).append(i)
        types.append(kinds)
        spk = cols[8] if len(cols) > 8 else "-"
        for label in spk.split("|"):
            if label.startswith("speaker."):
                for num in label.split(".", 1)[1].split("_"):
                    speakers.setdefault(num, []).append(i)
    text = "".join(parts)
    if not sent_starts or sent_starts[0] != 0:
        sent_starts.insert(0, 0)
    sentences = []
    for k, first in enumerate(sent_starts):
        last = (sent_starts[k + 1] if k + 1 < len(sent_starts) else len(tokens)) - 1
        if first <= last:
            sentences.append((tokens[first][0], tokens[last][1]))
    return RWSample(name, text, tokens, sentences, types, instances, speakers)


@dataclass
class RWScores:
    tokens: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    speaker_direct: Accuracy = field(default_factory=Accuracy)
    samples: int = 0
    n_tokens: int = 0


def score_rw_sample(sample: RWSample, quotes: list[Annotation], scores: RWScores) -> None:
    """Add token-level type scores and direct-speech speaker accuracy for one sample."""
    scores.samples += 1
    scores.n_tokens += len(sample.tokens)
    pred_types: list[set[str]] = [set() for _ in sample.tokens]
    starts = [t[0] for t in sample.tokens]
    import bisect

    for a in quotes:
        lo = bisect.bisect_left(starts, a.span.start)
        while lo > 0 and sample.tokens[lo - 1][1] > a.span.start:
            lo -= 1
        for k in range(lo, len(sample.tokens)):
            if sample.tokens[k][0] >= a.span.end:
                break
            if a.label:
                pred_types[k].add(a.label)
    for kind in TYPES:
        prf = scores.tokens[kind]
        for g, p in zip(sample.types, pred_types, strict=False):
            prf.add(int(kind in g and kind in p), int(kind in p), int(kind in g))
    direct_preds = [a for a in quotes if a.label == "direct"]
    for inst, idxs in sample.instances.items():
        kind, num = inst.split(".")
        if kind != "direct" or num not in sample.speakers:
            continue
        scores.speaker_direct.total += 1
        span = (sample.tokens[idxs[0]][0], sample.tokens[idxs[-1]][1])
        best = max(direct_preds, key=lambda a: _overlap(span, (a.span.start, a.span.end)), default=None)
        if best is None or _overlap(span, (best.span.start, best.span.end)) == 0:
            continue
        gold_spans = [sample.tokens[k] for k in sample.speakers[num]]
        cands = [best.data.get("speaker_mention_span"), best.data.get("speaker_span")]
        if any(c and any(_overlap((c[0], c[1]), g) for g in gold_spans) for c in cands):
            scores.speaker_direct.correct += 1


def evaluate_rw(paths: list[Path], stages: list[str], limit: int | None) -> str:
    """Score Redewiedergabe samples; return the table."""
    from lagebild.speech import extract_speech
    from lagebild.stages.speech import act_payload

    scores = RWScores()
    started = time.perf_counter()
    for path in paths:
        for name, raw in _rw_members(path):
            if limit is not None and scores.samples >= limit:
                break
            sample = parse_rw(name, raw)
            acts, _ = extract_speech(sample.text, sample.sentences, [(0, len(sample.text))], [])
            prov = Provenance("speech.rules.v1")
            quotes = [Annotation(f"q{i}", "quote", Span(a.start, a.end), "", prov, a.label, act_payload(a, sample.text))
                      for i, a in enumerate(acts)]
            score_rw_sample(sample, quotes, scores)
    seconds = time.perf_counter() - started
    lines = [f"Redewiedergabe: {scores.samples} samples, {scores.n_tokens} tokens, {seconds:.1f} s (token-level)",
             f"{'type':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold tok':>10}"]
    for kind in TYPES:
        prf = scores.tokens[kind]
        p, r, f = prf.row()
        lines.append(f"{kind:<12}{p:7.3f}{r:7.3f}{f:7.3f}{prf.tp + prf.fn:10d}")
    sd = scores.speaker_direct
    lines.append(f"speaker accuracy, direct instances with an annotated speaker: {sd.value():.3f} ({sd.correct}/{sd.total})")
    lines.append("note: 'reported' here is attribution phrases (laut X, X zufolge …); the corpus' 'reported' is narrated speech acts.")
    return "\n".join(lines)


# -- command -------------------------------------------------------------------------------------
@click.command("speech")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="test", show_default=True,
              help="News gold: which half to score (rules were tuned on dev only).")
@click.option("--shared", "shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Shared data folder with trafilatura_evalset (news gold texts). Default: ../shared/data.")
@click.option("--entities/--no-entities", default=True, show_default=True, help="News gold: run entities.ner.v1 first.")
@click.option("--limit", type=int, default=None, help="Redewiedergabe: score only the first N samples.")
@click.option("--pred", "pred_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="News gold: write predictions as JSONL.")
def command(gold: tuple[Path, ...], split: str, shared: Path | None, entities: bool, limit: int | None, pred_out: Path | None) -> None:
    """Score quotes, indirect speech and speakers against a news gold JSONL or Redewiedergabe TSVs.

    \b
    Example: lagebild eval speech benchmarks/data/news_speech_gold/gold.jsonl --split test
    Example: lagebild eval speech ../shared/data/redewiedergabe_stwr/redewiedergabe_main_dev.tsv.tar.gz
    """
    news = [p for p in gold if p.suffix == ".jsonl"]
    rw = [p for p in gold if p.suffix != ".jsonl"]
    stages = ["segment.rules.v1", *(["entities.ner.v1"] if entities else []), "speech.rules.v1"]
    for path in news:
        click.echo(evaluate_news(path, shared or shared_data_dir(), split, stages, pred_out))
    if rw:
        click.echo(evaluate_rw(rw, stages, limit))

