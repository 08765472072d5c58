"""Country codes of results tables: "Hermann Maier (AUT)", "Eric Frenzel (GER)" name countries.

The tagger reads a bracketed three-letter code after a name as an organisation. A code of the
country tables (ISO 3166 alpha-3 in ``data/kb/country_codes.tsv``, the IOC's own codes in
``data/kb/sport_codes.tsv``) in brackets right after a person is that person's country only in a
results list. ISO codes collide with organisation acronyms printed after names the same way
("Siegfried Russwurm (BDI)" is no Burundian, "Peter Müller (LKA)" no Sri Lankan), so a document's
codes are read as countries only if all of these hold:

- the bracket holds only the code (a doubles pair "(NED/FIN)", a list's "(alle AUT)");
- the code is no organisation of the KB and the document does not use it elsewhere (a bare "das
  LKA", a spelt-out "Bundesverband der Deutschen Industrie (BDI)");
- most bracketed acronyms after persons in the document are such codes ("(CDU)", "(AfD)" count
  against them);
- at least two of them, and the list looks like results: at least two of the names carry a rank,
  a time, a margin or a score, or a code is one only sport uses ("GER", "SUI").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lagebild.entities.context import ContextLexicon, load_context
from lagebild.entities.kb import KB, KB_DIR

if TYPE_CHECKING:
    from lagebild.entities.extract import Mention

__all__ = ["country_codes", "results_codes"]

# any bracketed acronym, with an optional word before it ("(alle AUT)") and a doubles pair ("(NED/FIN)")
_BRACKET = re.compile(r"\((?:(\w+) )?([A-ZÄÖÜ][^\W\d_]{1,5})(?:/([A-Z]{3}))?\)")  # "(CDU)", "(Grüne)"
_CODE = re.compile(r"[A-Z]{3}")
_MIN_CODES = 2  # one bracketed code after a name may be a party ("Enrique Peña Nieto (PRI)")
_JOINERS = " \u00a0"
_ITEM_SPAN = 48  # characters around a name that belong to its list item
_RANK = re.compile(r"(?:^|[\s(–—-])\d{1,3}\.\s*$")  # "1. Quandrowski"
_TIME = re.compile(r"\d:\d{2}[.,]\d")  # "1:53,45", "2:01.3": a race time, not a clock time
_MARGIN = re.compile(r"[+±−]\s?\d")  # "+ 0,4", "+1:02"
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s?([^\W\d]+\.?)")  # "245,5 Punkte": a figure and its unit


def country_codes(kb: KB) -> dict[str, str]:
    """Three-letter code → KB country id (built once per KB and kept on it)."""
    if kb.country_codes is not None:
        return kb.country_codes
    out: dict[str, str] = {}
    for name in ("country_codes.tsv", "sport_codes.tsv"):
        for code, target in _rows(name):
            entry = kb.entries.get(target) or kb.lookup(target)
            if entry is not None and entry.kind == "country":
                out.setdefault(code, entry.id)
    kb.country_codes = out
    return out


def _sport_only(kb: KB) -> frozenset[str]:
    """The codes only sport uses (IOC codes that are no ISO code): no organisation takes them."""
    iso = {code for code, _ in _rows("country_codes.tsv")}
    return frozenset(code for code in country_codes(kb) if code not in iso)


def _rows(name: str) -> list[tuple[str, str]]:
    path = KB_DIR / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 2:
                rows.append((cols[0], cols[1]))
    return rows


def results_codes(text: str, mentions: Sequence[Mention], kb: KB) -> list[Mention]:
    """``mentions`` with the country codes of a results list as country mentions (their tagger
    spans replaced); unchanged unless the document is a results list (see the module)."""
    from lagebild.entities.extract import Mention

    codes = country_codes(kb)
    lex = load_context()
    person_at = {m.end: m.start for m in mentions if m.label == "PER" and m.form == "name"}
    brackets = 0  # bracketed acronyms after persons
    hits: list[tuple[int, int, str, int, int]] = []  # code span, country, person start, bracket end
    for match in _BRACKET.finditer(text):
        before = match.start()
        while before > 0 and text[before - 1] in _JOINERS:
            before -= 1
        if before not in person_at:
            continue
        brackets += 1
        groups = [g for g in (2, 3) if match.group(g)]
        quantifier = match.group(1)
        if quantifier is not None and quantifier.casefold() not in lex.list_quantifiers:
            continue
        cids = [codes.get(match.group(g)) if _CODE.fullmatch(match.group(g)) else None for g in groups]
        if None in cids or any(_organisation(match.group(g), kb) for g in groups):
            continue
        hits.extend((match.start(g), match.end(g), cid, person_at[before], match.end())
                    for g, cid in zip(groups, cids, strict=True) if cid)
    other_ends = {m.end: m.start for m in mentions if m.label != "PER"}
    hits = _not_used_elsewhere(text, hits, kb, other_ends)
    if len(hits) < _MIN_CODES or 2 * len({h[4] for h in hits}) <= brackets:
        return list(mentions)
    sport = _sport_only(kb)
    items = {end: person for *_, person, end in hits}  # bracket end → its name's start
    results = sum(1 for end, person in items.items() if _results_item(text, end, person, lex))
    if results < _MIN_CODES and not any(text[s:e] in sport for s, e, *_ in hits):
        return list(mentions)
    spans = [(s, e) for s, e, *_ in hits]
    out = [m for m in mentions if not any(m.start < e and s < m.end for s, e in spans)]
    for s, e, cid, *_ in hits:
        entry = kb.entries[cid]
        out.append(Mention(s, e, "LOC", "acronym", kb=entry.id, wikidata=entry.wikidata, source="kb"))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _organisation(code: str, kb: KB) -> bool:
    """True if the KB knows ``code`` as something other than a country ("UN", a user's "LKA")."""
    entry = kb.lookup(code)
    return entry is not None and entry.kind != "country"


def _not_used_elsewhere(text: str, hits: list[tuple[int, int, str, int, int]], kb: KB,
                        other_ends: dict[int, int]) -> list[tuple[int, int, str, int, int]]:
    """Drop the codes the document also uses as a name of their own: bare ("das LKA") or in brackets
    after a name it abbreviates ("Landeskriminalamt (LKA)"), unless the code is a country's own
    name there ("in den USA"). A bracket after another name (a person the tagger took for an
    organisation, a team, a pair "Ogier/Ingrassia (FRA)") says nothing."""
    at = {s for s, *_ in hits}
    out = []
    for hit in hits:
        code = text[hit[0]:hit[1]]
        entry = kb.lookup(code)
        if entry is None or entry.kind != "country":
            uses = (m.start() for m in re.finditer(rf"(?<!\w){code}(?!\w)", text) if m.start() not in at)
            if any(_own_use(text, p, len(code), other_ends) for p in uses):
                continue
        out.append(hit)
    return out


def _own_use(text: str, start: int, size: int, other_ends: dict[int, int]) -> bool:
    from lagebild.entities.normalize import name_key
    from lagebild.entities.resolve import _compound_acronym

    if not (text[start - 1:start] == "(" and text[start + size:start + size + 1] == ")"):
        return True  # bare
    before = start - 1
    while before > 0 and text[before - 1] in _JOINERS:
        before -= 1
    name_start = other_ends.get(before)
    return name_start is not None and _compound_acronym(text[start:start + size], name_key(text[name_start:before]))


def _results_item(text: str, bracket_end: int, person_start: int, lex: ContextLexicon) -> bool:
    """True if the list item of a name carries a rank before it or a time, margin or score after
    its bracket (up to the next bracket or line end)."""
    line_start = text.rfind("\n", 0, person_start) + 1
    if _RANK.search(text[max(line_start, person_start - 8):person_start]):
        return True
    tail = text[bracket_end:bracket_end + _ITEM_SPAN]
    tail = tail.split("\n", 1)[0].split("(", 1)[0]
    if _TIME.search(tail) or _MARGIN.search(tail):
        return True
    return any(m.group(1).casefold() in lex.result_units for m in _FIGURE.finditer(tail))
