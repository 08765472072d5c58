"""The country a document means, for names several KB entities share and for former names.

"Die Grünen" of an Austrian text are the Austrian party, of a German text Bündnis 90/Die Grünen
(``data/kb/shared_names.tsv``). The evidence is the document's own: its other KB mentions (a
country by name, adjective or demonym, and the country of a party, an agency, a capital or a town
it names, counted more in the mention's own sentence and most in its own phrase) and, to break a
tie, its outlet's country-code domain (``country_domains`` in ``data/kb/context.toml``).
The name goes to the entity of the country with the most evidence; without a clear lead it is left
unassigned (no KB id): a guess would put one country's party into another country's story, while
an unlinked name still joins its other mentions by name.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lagebild.entities.kb import KB, KB_DIR
from lagebild.entities.normalize import fold_key

if TYPE_CHECKING:
    from lagebild.entities.extract import Mention

__all__ = ["country_evidence", "follow_historic_names", "resolve_shared_names"]

# The outlet's domain only breaks a tie: a German outlet reports on the Austrian Greens too. A country
# named in the mention's own sentence outweighs the rest of the document, one named in its own phrase
# ("die österreichischen Grünen", "die FDP in der Schweiz") decides.
_MENTION_WEIGHT = 2
_DOMAIN_WEIGHT = 1
_SENTENCE_WEIGHT = 6
_PHRASE_WEIGHT = 40
_PHRASE_GAP = 10  # characters between a name and a country word of its own phrase (" in der ")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[\"„»“]?[A-ZÄÖÜ])|\n")


@functools.lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    data = tomllib.loads((KB_DIR / "context.toml").read_text(encoding="utf-8"))
    return {str(k).casefold(): str(v) for k, v in (data.get("country_domains") or {}).items()}


def _country_of(kb_id: str, kb: KB) -> str | None:
    entry = kb.entries.get(kb_id)
    if entry is None:
        return None
    return entry.id if entry.kind == "country" else entry.country


def country_evidence(mentions: Sequence[Mention], kb: KB, outlet: str | None, skip: frozenset[int] = frozenset()) -> Counter[str]:
    """Country id → weight of the evidence for it (mentions at the indices in ``skip`` left out)."""
    votes: Counter[str] = Counter()
    for k, m in enumerate(mentions):
        if k in skip or not m.kb:
            continue
        country = _country_of(m.kb, kb)
        if country:
            votes[country] += _MENTION_WEIGHT
    if outlet:
        tld = outlet.casefold().rstrip(".").rsplit(".", 1)[-1]
        country = _domains().get(tld)
        if country:
            votes[country] += _DOMAIN_WEIGHT
    return votes


def resolve_shared_names(text: str, mentions: Sequence[Mention], kb: KB, outlet: str | None) -> None:
    """Point each mention of a shared name ("Grünen") at the entity of the document's country, or at
    none when the document gives no lead.

    A one-word party name in another case ("Grüne") counts as its KB name. A mention whose KB id is
    not among the sharing entities (a longer, unambiguous name) is left alone.
    """
    if not kb.shared:
        return
    shared: dict[int, tuple[str, ...]] = {}
    for k, m in enumerate(mentions):
        if m.label != "ORG" or m.form not in ("name", "acronym"):
            continue
        surface = text[m.start:m.end]
        ids = kb.sharing(surface)
        if not ids and not m.kb:
            name = kb.party_name(surface)
            ids = kb.sharing(name) if name else ()
        if ids and (m.kb is None or m.kb in ids):
            shared[k] = ids
    if not shared:
        return
    skip = frozenset(shared)
    votes = country_evidence(mentions, kb, outlet, skip)
    bounds = [0, *(x.end() for x in _SENTENCE_END.finditer(text)), len(text) + 1]
    for k, ids in shared.items():
        local = votes + _near_evidence(text, mentions, k, kb, skip, bounds)
        ranked = sorted(((local.get(_country_of(i, kb) or "", 0), -n, i) for n, i in enumerate(ids)), reverse=True)
        if ranked[0][0] > 0 and (len(ranked) < 2 or ranked[0][0] > ranked[1][0]):
            entry = kb.entries[ranked[0][2]]
            mentions[k].kb, mentions[k].wikidata = entry.id, entry.wikidata
        else:  # no lead, or a tie: no entity, but the reader learns which ones it may be ("Grüne (DE/AT/CH?)")
            mentions[k].kb = mentions[k].wikidata = None
            mentions[k].kb_candidates = tuple(i for score, _, i in ranked if score == ranked[0][0])


def _near_evidence(text: str, mentions: Sequence[Mention], k: int, kb: KB, skip: frozenset[int],
                   bounds: Sequence[int]) -> Counter[str]:
    """Extra weight for the countries named in mention ``k``'s own sentence and phrase."""
    m = mentions[k]
    at = bisect.bisect_right(bounds, m.start) - 1
    lo, hi = bounds[at], bounds[at + 1]
    votes: Counter[str] = Counter()
    for j, o in enumerate(mentions):
        if j in skip or not o.kb or o.start < lo or o.end > hi:
            continue
        country = _country_of(o.kb, kb)
        if not country:
            continue
        gap = text[o.end:m.start] if o.end <= m.start else text[m.end:o.start]
        own_phrase = len(gap) <= _PHRASE_GAP and not any(ch in gap for ch in ",;:.!?()")
        votes[country] += _PHRASE_WEIGHT if own_phrase else _SENTENCE_WEIGHT
    return votes


def follow_historic_names(text: str, mentions: Sequence[Mention], kb: KB) -> None:
    """Adjectives and demonyms of a country go to its former name when the document uses only that.

    A 2015 text's "mazedonische Polizei" beside its "Mazedonien" belongs to Mazedonien, not to
    today's Nordmazedonien; a text that also names today's state keeps them with it.
    """
    historic: dict[str, set[str]] = {}
    named = set()
    for m in mentions:
        entry = kb.entries.get(m.kb or "")
        if entry is None or m.form not in ("name", "metonym"):
            continue
        if entry.kind == "historic" and entry.country:
            historic.setdefault(entry.country, set()).add(entry.id)
        named.add(entry.id)
    for m in mentions:
        former = historic.get(m.kb or "")
        if m.form in ("adjective", "demonym") and former and len(former) == 1 and m.kb not in named:
            entry = kb.entries[next(iter(former))]
            word = fold_key(text[m.start:m.end])
            # "mazedonische" follows "Mazedonien"; "nordmazedonische" is written for today's state
            if word[:4] == fold_key(entry.name)[:4] and word[:4] != fold_key(kb.entries[m.kb or ""].name)[:4]:
                m.kb, m.wikidata = entry.id, entry.wikidata
