"""Extra training sentences for the default NER model: SmartData news with gold and silver labels.

The DFKI SmartData corpus (CC BY 4.0, Schiersch et al. 2018) annotates persons, organisations and
places in 2015–16 German newswire and RSS items, but not GermEval's OTH type nor its ``deriv``
("deutsche") and ``part`` ("Ethikbank-Chef") variants. Each sentence is therefore labelled twice:

- gold SmartData spans that fall on token boundaries and start with a capital, mapped PERSON→PER, ORGANIZATION*→ORG,
  LOCATION/LOCATION_CITY→LOC, win;
- everything else comes from the accurate tagger (``lagebild.entities.accurate``, trained on the
  GermEval train split without the held-aside sentences), i.e. distillation: OTH, the
  ``deriv``/``part`` labels, streets, stops and routes (which the two corpora annotate
  differently), and names inside a word.

Only documents of SmartData's v1 *train* split are used (``split == "train"``), news and RSS
items (tweets are left out: the pipeline reads articles); the v1 *test* documents stay unseen, so
``benchmarks/ner.py`` can score them. The sentences are cached in a TSV file, so a second
training run does not need the accurate mode's encoder.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SMARTDATA = "smartdata_de_ner/smartdata_v1_train_filtered.jsonl.gz"
GNAD = "10kgnad_articles/test.csv"
GOLD_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "ORGANIZATION_COMPANY": "ORG",
              "LOCATION": "LOC", "LOCATION_CITY": "LOC"}
SOURCES = ("news", "rss")

Sentence = tuple[list[str], list[str]]  # tokens, outer IOB2 tags


def smartdata_docs(data: Path, split: str = "train") -> list[dict[str, Any]]:
    """SmartData v1 documents of ``split`` from the news and RSS sources."""
    with gzip.open(data / SMARTDATA, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    return [d for d in docs if d.get("split") == split and d.get("source") in SOURCES]


def _sentences_with_gold(nlp: Any, doc: dict[str, Any]) -> Iterator[tuple[list[str], list[tuple[int, int, str]]]]:
    """Tokenised sentences of one document with the gold spans that align to its tokens."""
    from spacy.pipeline import Sentencizer

    split = Sentencizer()
    text: str = doc["text"]
    gold = [(e["start"], e["end"], GOLD_TYPES[e["type"]]) for e in doc["entities"] if e["type"] in GOLD_TYPES]
    offset = 0
    for line in text.split("\n"):
        start_of_line, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        tokens = split(nlp.make_doc(line))
        for sent in tokens.sents:
            words = [t for t in sent if not t.is_space]
            if len(words) < 3:
                continue
            index = {t.i: k for k, t in enumerate(words)}
            spans = []
            for s, e, label in gold:
                s, e = s - start_of_line, e - start_of_line
                if s < sent.start_char or e > sent.end_char:
                    continue
                span = tokens.char_span(s, e, alignment_mode="strict")
                # lower-case "italienische" is a LOCderiv in GermEval's scheme: left to the tagger
                if span is not None and span.text[:1].isupper() and span.start in index and span[-1].i in index:
                    spans.append((index[span.start], index[span[-1].i] + 1, label))
            yield [t.text for t in words], spans


def _merge(n: int, gold: list[tuple[int, int, str]], silver: list[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags: gold spans first, then silver spans that overlap no gold span."""
    tags = ["O"] * n
    taken = [False] * n
    for s, e, label in sorted(gold):
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            tags[i] = ("B-" if i == s else "I-") + label
            taken[i] = True
    for s, e, label in silver:
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            tags[i] = ("B-" if i == s else "I-") + label
    return tags


def label_smartdata(data: Path) -> list[Sentence]:
    """Gold + silver sentences of the SmartData train documents (needs the accurate mode)."""
    from spacy.tokens import Doc

    from lagebild.entities.accurate.tagger import recognise_accurate
    from lagebild.entities.model import load_model

    nlp = load_model()
    rows = [s for d in smartdata_docs(data) for s in _sentences_with_gold(nlp, d)]
    docs = [Doc(nlp.vocab, words=words) for words, _ in rows]
    out: list[Sentence] = []
    for (words, gold), doc in zip(rows, recognise_accurate(nlp, docs), strict=True):
        silver = [(e.start, e.end, e.label_) for e in doc.ents]
        out.append((words, _merge(len(words), gold, silver)))
    return out


def write_tsv(sentences: list[Sentence], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for words, tags in sentences:
            fh.writelines(f"{w}\t{t}\n" for w, t in zip(words, tags, strict=True))
            fh.write("\n")


def read_tsv(path: Path) -> list[Sentence]:
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        w, t = line.rsplit("\t", 1)
        words.append(w)
        tags.append(t)
    if words:
        out.append((words, tags))
    return out


def smartdata_sentences(data: Path, cache: Path) -> list[Sentence]:
    """The labelled SmartData sentences, from ``cache`` when it exists."""
    if cache.exists():
        return read_tsv(cache)
    sents = label_smartdata(data)
    write_tsv(sents, cache)
    n_ents = sum(t.startswith("B-") for _, tags in sents for t in tags)
    print(f"SmartData: {len(sents)} sentences, {n_ents} entities -> {cache}", file=sys.stderr)
    return sents


def _news_sentences(nlp: Any, text: str) -> Iterator[list[str]]:
    """Words of the sentences of one article (spaCy's rule-based sentence splitter)."""
    from spacy.pipeline import Sentencizer

    split = Sentencizer()
    for line in text.split("\n"):
        if not line.strip():
            continue
        for sent in split(nlp.make_doc(line)).sents:
            words = [t.text for t in sent if not t.is_space]
            if 5 <= len(words) <= 60:  # headlines and run-on lists teach little; long ones cost most
                yield words


def label_gnad(data: Path, limit: int, seed: int = 13) -> list[Sentence]:
    """``limit`` sentences of 10kGNAD news articles labelled by the accurate tagger (distillation).

    Sentences are drawn at random (``seed``) from all articles so every topic is represented.
    """
    import csv
    import random

    from spacy.tokens import Doc

    from lagebild.entities.accurate.tagger import recognise_accurate
    from lagebild.entities.model import load_model

    nlp = load_model()
    with (data / GNAD).open(encoding="utf-8", newline="") as fh:
        texts = [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2 and row[1].strip()]
    rows = [words for text in texts for words in _news_sentences(nlp, text)]
    random.Random(seed).shuffle(rows)
    rows = rows[:limit]
    docs = [Doc(nlp.vocab, words=words) for words in rows]
    out: list[Sentence] = []
    for words, doc in zip(rows, recognise_accurate(nlp, docs), strict=True):
        out.append((words, _merge(len(words), [], [(e.start, e.end, e.label_) for e in doc.ents])))
    return out


def gnad_sentences(data: Path, cache: Path, limit: int) -> list[Sentence]:
    """The silver-labelled 10kGNAD sentences, from ``cache`` when it exists."""
    if cache.exists():
        return read_tsv(cache)
    sents = label_gnad(data, limit)
    write_tsv(sents, cache)
    n_ents = sum(t.startswith("B-") for _, tags in sents for t in tags)
    print(f"10kGNAD: {len(sents)} sentences, {n_ents} entities -> {cache}", file=sys.stderr)
    return sents


if __name__ == "__main__":
    from lagebild.evaluation import shared_data_dir

    smartdata_sentences(shared_data_dir(), Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/ner-train/smartdata.tsv"))
