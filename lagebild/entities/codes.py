"""Country codes of results tables: "Hermann Maier (AUT)", "Eric Frenzel (GER)" name countries.

The tagger reads a bracketed three-letter code after a name as an organisation. A code of the
country tables (ISO 3166 alpha-3 in ``data/kb/country_codes.tsv``, the IOC's own codes in
``data/kb/sport_codes.tsv``) in brackets right after a person is that person's country, once the
document prints at least two of them that way: a results list, not a party or an abbreviation
("Angela Merkel (CDU)", "Europäische Zentralbank (EZB)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lagebild.entities.kb import KB, KB_DIR

if TYPE_CHECKING:
    from lagebild.entities.extract import Mention

__all__ = ["country_codes", "results_codes"]

# "(AUT)", a doubles pair's "(NED/FIN)", the last of a list's "(alle AUT)"
_CODE = re.compile(r"\((?:alle )?([A-Z]{3})(?:/([A-Z]{3}))?\)")
_MIN_CODES = 2  # one bracketed code after a name may be a party ("Enrique Peña Nieto (PRI)")
_JOINERS = " \u00a0"
_CACHE: dict[int, tuple[KB, dict[str, str]]] = {}  # the KB is loaded once per process


def country_codes(kb: KB) -> dict[str, str]:
    """Three-letter code → KB country id."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    out: dict[str, str] = {}
    for name in ("country_codes.tsv", "sport_codes.tsv"):
        path = KB_DIR / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            code, target = line.split("\t")[:2]
            entry = kb.entries.get(target) or kb.lookup(target)
            if entry is not None and entry.kind == "country":
                out.setdefault(code, entry.id)
    _CACHE[id(kb)] = (kb, out)
    return out


def results_codes(text: str, mentions: Sequence[Mention], kb: KB) -> list[Mention]:
    """``mentions`` with the country codes of a results list as country mentions (their tagger
    spans replaced); unchanged unless the document prints at least two such codes."""
    from lagebild.entities.extract import Mention

    codes = country_codes(kb)
    person_ends = {m.end for m in mentions if m.label == "PER" and m.form == "name"}
    hits: list[tuple[int, int, str]] = []
    for match in _CODE.finditer(text):
        groups = [g for g in (1, 2) if match.group(g)]
        cids = [codes.get(match.group(g)) for g in groups]
        if None in cids:
            continue
        before = match.start()
        while before > 0 and text[before - 1] in _JOINERS:
            before -= 1
        if before in person_ends:
            hits.extend((match.start(g), match.end(g), cid) for g, cid in zip(groups, cids, strict=True) if cid)
    if len(hits) < _MIN_CODES:
        return list(mentions)
    spans = [(s, e) for s, e, _ in hits]
    out = [m for m in mentions if not any(m.start < e and s < m.end for s, e in spans)]
    for s, e, cid in hits:
        entry = kb.entries[cid]
        out.append(Mention(s, e, "LOC", "acronym", kb=entry.id, wikidata=entry.wikidata, source="kb"))
    out.sort(key=lambda m: (m.start, m.end))
    return out
