"""Entity resolution on gold mentions linked to Wikidata: HIPE-2020 German (historical newspapers).

``../shared/data/hipe2020_de_ner_el`` marks every name of 136 newspaper pages (1798–2018, OCR
text) with its type and the Wikidata item it names; the annotators linked different forms of one
entity ("Buonaparte's", "Bonaparte") to one item. The resolver (``lagebild.entities.resolve``)
clusters those gold mentions, each file as a corpus of its own. The gold spans stand in for the
tagger (its misses are no resolution errors) and go through the rest of the entity stage
(``extract_mentions``: role nouns and titles split off, "Präsident Castro" → "Castro", KB links,
name keys); a gold mention is then named by the longest name mention of the stage lying mostly
inside it. Files: the official ``train`` file is the ``tune`` half, ``dev`` the ``check``
half (printed in aggregate only).

Pairs of mentions linked to one item are counted once per pair of distinct surface forms
("variant pairs": resolved together or not); pairs of mentions of different items that the
resolver put on one entity are counted once per pair of items ("wrong joins"). Mentions linked to
no item (NIL) are left out. The texts are not modern news: spellings ("Oestreich"), OCR errors
("Rarh" for "Rath") and 19th-century names the KB does not hold lower both figures; they measure
rules on text they were not written from, not the picture of a current story.

Usage: ``python benchmarks/entity_linking_hipe.py [--split tune|check|all] [-v]`` (``-v``: tune
variant pairs left apart and wrong joins).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild.entities.extract import extract_mentions
from lagebild.entities.given import GivenChunk, GivenEntity, GivenToken
from lagebild.entities.kb import KB, load_kb
from lagebild.entities.resolve import resolve_documents
from lagebild.entities.roles import RoleLexicon, load_roles
from lagebild.evaluation import shared_data_dir
from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span

FILES = {"tune": "HIPE-2022-v2.1-hipe2020-train-de.tsv", "check": "HIPE-2022-v2.1-hipe2020-dev-de.tsv"}
LABELS = {"pers": "PER", "loc": "LOC", "org": "ORG", "prod": "MISC"}
PROV = Provenance("benchmark.hipe.v1")
#: forms of address HIPE takes into a person's span ("Hr. Koller") and GermEval's convention, which
#: the tagger learnt, leaves out ("Herr [Koller]"): cut off the gold span before the stage reads it
ADDRESS = frozenset({"Hr", "Hr.", "Hrn", "Hrn.", "Herr", "Herrn", "Frau", "Fr.", "Dr.", "Dr", "Prof.", "Prof"})


@dataclass
class _Page:
    id: str
    text: str = ""
    #: (start, end, label, Wikidata item or "NIL")
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: (start, end) of each token
    tokens: list[tuple[int, int]] = field(default_factory=list)
    #: token index after each sentence's last token
    sentence_ends: list[int] = field(default_factory=list)


def read_pages(path: Path) -> Iterator[_Page]:
    """Pages with their text (tokens joined as printed; a line-end hyphen "¬" joins the word halves)
    and gold mentions (coarse literal type, literal link)."""
    page: _Page | None = None
    glue = True
    open_at: tuple[int, str, str] | None = None
    end = 0

    def close() -> None:
        nonlocal open_at
        if page is not None and open_at is not None:
            start, label, link = open_at
            page.mentions.append((start, end, label, link))
        open_at = None

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# hipe2022:document_id"):
                close()
                if page is not None:
                    yield page
                page, glue = _Page(line.split("=", 1)[1].strip()), True
                continue
            if not line or line.startswith("#") or line.startswith("TOKEN\t") or page is None:
                continue
            cols = line.split("\t")
            token, tag, link, misc = cols[0], cols[1], cols[7], cols[9]
            if token == "¬":
                glue = True
                continue
            if tag == "O" or tag.startswith("B-"):
                close()
            if page.text and not glue:
                page.text += " "
            start = len(page.text)
            page.text += token
            end = len(page.text)
            page.tokens.append((start, end))
            if "EndOfSentence" in misc:
                page.sentence_ends.append(len(page.tokens))
            kind = tag[2:].split(".")[0]
            if tag.startswith("B-") and kind in LABELS:
                open_at = (start, LABELS[kind], link)
            glue = "NoSpaceAfter" in misc
        close()
        if page is not None:
            yield page


def _document(page: _Page, kb: KB, roles: RoleLexicon) -> Document:
    """The page with the entity stage's mentions, the gold names standing for the tagger's."""
    doc = Document(id=page.id, original=page.text, source=SourceRef(page.id), text=page.text,
                   offsets=OffsetMap.identity(len(page.text)))
    bounds = [0, *page.sentence_ends]
    if bounds[-1] < len(page.tokens):
        bounds.append(len(page.tokens))
    token_at = {start: k for k, (start, _end) in enumerate(page.tokens)}
    sentences: list[GivenChunk] = []
    chunks: list[tuple[int, int]] = []
    for a, b in pairwise(bounds):
        if a >= b:
            continue
        cs = page.tokens[a][0]
        toks = [GivenToken(page.text[s:e], s - cs, k - a) for k, (s, e) in enumerate(page.tokens[a:b], start=a)]
        ents = []
        for start, end, label, _link in page.mentions:
            k = token_at.get(start)
            if k is not None and a <= k < b:
                last = max(j for j in range(k, b) if page.tokens[j][0] < end)
                while k < last and page.text[slice(*page.tokens[k])] in ADDRESS:
                    k += 1
                ents.append(GivenEntity(k - a, last - a + 1, label))
        sentences.append(GivenChunk(toks, ents))
        chunks.append((cs, page.tokens[b - 1][1]))

    def recogniser(_nlp: Any, _texts: Any, batch_size: int = 64) -> Iterator[GivenChunk]:
        return iter(sentences)

    for m in extract_mentions(page.text, chunks, None, kb, roles, recogniser=recogniser, language="de"):
        if m.end > m.start:
            doc.add("entity", Span(m.start, m.end), PROV, label=m.label, data=m.data())
    return doc


def _named_by(doc: Document, start: int, end: int, mention_entity: dict[str, str]) -> str | None:
    """The entity of the longest name mention lying mostly inside the gold span."""
    best, length = None, 0
    for ann in doc.of_kind("entity"):
        s, e = ann.span.start, ann.span.end
        inside = min(end, e) - max(start, s)
        eid = mention_entity.get(f"{doc.id}#{ann.id}")
        if eid is None or (ann.data or {}).get("form") not in ("name", "acronym") or inside < 0.5 * (e - s):
            continue
        if inside > length:
            best, length = eid, inside
    return best


def score(split: str) -> tuple[dict[str, int], list[str]]:
    pages = list(read_pages(shared_data_dir() / "hipe2020_de_ner_el" / FILES[split]))
    kb, roles = load_kb(()), load_roles()
    docs = [_document(p, kb, roles) for p in pages]
    _, mention_entity = resolve_documents(docs, kb)
    by_item: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # item → surface → entities
    items_of: dict[str, set[str]] = defaultdict(set)  # system entity → gold items of its mentions
    surfaces: dict[tuple[str, str], str] = {}
    found = total = 0
    for page, doc in zip(pages, docs, strict=True):
        for start, end, _label, link in page.mentions:
            if link in ("NIL", "_", ""):
                continue
            total += 1
            eid = _named_by(doc, start, end, mention_entity)
            if eid is None:
                continue
            found += 1
            surface = page.text[start:end]
            by_item[link][surface].add(eid)
            items_of[eid].add(link)
            surfaces.setdefault((eid, link), surface)
    out = {"variant_pairs": 0, "together": 0, "wrong_joins": 0, "items": len(by_item), "linked": total, "named": found}
    misses: list[str] = []
    for item, forms in sorted(by_item.items()):
        for a, b in combinations(sorted(forms), 2):
            out["variant_pairs"] += 1
            if forms[a] & forms[b]:
                out["together"] += 1
            else:
                misses.append(f"apart {item}: {a!r} / {b!r}")
    for eid, items in sorted(items_of.items()):
        for x, y in combinations(sorted(items), 2):
            out["wrong_joins"] += 1
            misses.append(f"joined {eid}: {surfaces[(eid, x)]!r} ({x}) / {surfaces[(eid, y)]!r} ({y})")
    return out, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", choices=("tune", "check", "all"), default="all")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the tune misses")
    args = ap.parse_args()
    for split in ("tune", "check"):
        if args.split not in ("all", split):
            continue
        got, misses = score(split)
        n = got["variant_pairs"]
        print(f"{split}: variant pairs resolved together {got['together']}/{n} ({got['together'] / max(n, 1):.3f}); "
              f"wrong joins {got['wrong_joins']} (items {got['items']}; linked gold mentions {got['linked']}, "
              f"named by the stage {got['named']})")
        if args.verbose and split == "tune":
            for line in misses:
                print("  " + line)


if __name__ == "__main__":
    main()
