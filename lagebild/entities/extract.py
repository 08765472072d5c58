"""Find entity mentions in German text: the trained tagger, the knowledge base and role nouns.

The statistical tagger proposes names. The knowledge base adds what a small tagger misses or
mislabels (agencies, acronyms, adjectives and demonyms of countries, capitals standing for their
government) and gives each hit a stable id. Role nouns around person names are attached to the
person ("Kremlchef Wladimir Putin"); qualified role nouns standing alone ("der Kreml-Chef") become
role mentions that the cross-document resolution links to a person when the corpus says who it is.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lagebild.entities.acronyms import BRACKETED_ACRONYM, untagged_expansion
from lagebild.entities.codes import results_codes
from lagebild.entities.context import (
    ContextLexicon,
    inflects_like_noun,
    is_amount_before,
    is_common_noun,
    is_currency,
    is_outlet_name,
    load_context,
    outlet_keys,
    printed_own_names,
)
from lagebild.entities.country import follow_historic_names, resolve_shared_names
from lagebild.entities.kb import KB, KBEntry
from lagebild.entities.normalize import (
    ADJ_ENDINGS,
    fold_key,
    genitive_candidates,
    name_key,
    role_key,
    split_camel,
)
from lagebild.entities.roles import RoleLexicon, RoleMatch
from lagebild.entities.tagging import recognise
from lagebild.lemmas import is_known, lemmatizer
from lagebild.timex.lexicon import AMBIGUOUS_MONTHS, MONTHS, WEEKDAYS
from lagebild.unit_words import CURRENCIES, MEASURES

__all__ = ["Mention", "Tok", "extract_mentions", "mentions_in_tokens"]

#: GermEval labels → (lagebild label, form)
_LABELS = {
    "PER": ("PER", "name"), "ORG": ("ORG", "name"), "LOC": ("LOC", "name"), "OTH": ("MISC", "name"),
    "MISC": ("MISC", "name"),
    "PERderiv": ("PER", "adjective"), "ORGderiv": ("ORG", "adjective"), "LOCderiv": ("LOC", "adjective"),
    "OTHderiv": ("MISC", "adjective"),
    "PERpart": ("PER", "part"), "ORGpart": ("ORG", "part"), "LOCpart": ("LOC", "part"), "OTHpart": ("MISC", "part"),
}
#: prepositions after which a capital is a place, not its government ("in Pjöngjang" vs "Pjöngjang warnt")
_LOCATIVE = frozenset(
    ["in", "im", "nach", "aus", "bei", "beim", "von", "vom", "nahe", "nahe", "bis", "um", "über", "durch", "ab", "gen", "vor", "hinter", "unweit", "außerhalb", "innerhalb", "nördlich", "südlich", "östlich", "westlich", "zum", "zur"]
)
_DETERMINERS = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen"])
_COORD = frozenset({"und", "oder", ",", "sowie"})
_DATELINE_AFTER = frozenset({"–", "-", "—", "(", "/"})
_ACRONYM = re.compile(r"^[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9&\-]{1,7}$")
_ADJ_LIKE = re.compile(r"^[a-zäöüß][a-zäöüß\-]*(isch|ig|lich|er)(e|er|en|em|es)?$")
_GEN_DET = frozenset({"des", "der"})
_WORDISH = re.compile(r"\w")
_HAS_LETTER = re.compile(r"[^\W\d_]")


class Tok(NamedTuple):
    """A token with absolute character offsets."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """An entity mention before it becomes an annotation (offsets into the document text)."""

    start: int
    end: int
    label: str
    form: str = "name"
    norm: str = ""
    kb: str | None = None
    wikidata: str | None = None
    role: str | None = None
    role_span: tuple[int, int] | None = None
    role_key: str | None = None
    source: str = "model"
    kb_candidates: tuple[str, ...] = ()  # a shared name the document gives no lead for: the entities it may be

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"norm": self.norm, "form": self.form}
        if self.role:
            out["role"] = self.role
            out["role_key"] = self.role_key
            if self.role_span:
                out["role_span"] = list(self.role_span)
        if self.kb:
            out["kb"] = self.kb
        if self.wikidata:
            out["wikidata"] = self.wikidata
        if self.kb_candidates:
            out["kb_candidates"] = list(self.kb_candidates)
        return out


@dataclass(slots=True)
class _Sent:
    toks: list[Tok]
    ents: list[tuple[int, int, str]]  # token index range + GermEval label
    by_start: dict[int, int] = field(default_factory=dict)


def _span_text(text: str, toks: Sequence[Tok], i: int, j: int) -> str:
    return text[toks[i].start : toks[j - 1].end]


def _kb_matches(text: str, toks: list[Tok], kb: KB, first_words: frozenset[str]) -> list[tuple[int, int, int, int, KBEntry, str]]:
    """Return KB hits as (tok_i, tok_j, char_start, char_end, entry, form); longest match first."""
    out: list[tuple[int, int, int, int, KBEntry, str]] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        word = tok.text
        low = word.casefold()
        hit = None
        if word[:1].isupper() or word[:1].isdigit() or low in kb.lower_names:
            cands = {low, *genitive_candidates(low)}
            if low.split("-")[0] in first_words or cands & first_words:
                for size in range(min(kb.max_name_tokens, n - i), 0, -1):
                    if not all(_WORDISH.search(t.text) for t in toks[i : i + size]):
                        continue
                    surface = _span_text(text, toks, i, i + size)
                    entry = kb.lookup(surface)
                    if entry is None:
                        continue
                    if surface.islower() and name_key(surface) not in kb.lower_names:
                        continue  # "is" is not the "IS"
                    spellings = (entry.name, *entry.aliases)
                    if len(surface) <= 4 and not surface.isupper() and surface not in spellings and surface.upper() in spellings:
                        continue  # "Vw GO" is not "VW": a short acronym only in a spelling the KB lists
                    hit = (i, i + size, toks[i].start, toks[i + size - 1].end, entry, "name")
                    break
        if hit is None and word[:1].isupper() and "-" in word:
            # "NATO-Generalsekretär", "UN-Resolutionen", "Ukraine-Krieg": the name inside a compound.
            offset = 0
            for part in word.split("-")[:-1]:
                # the part as the KB spells it, not a genitive ("Unions-Personal" is no "Union")
                hit_id = kb.names.get(name_key(part)) if part[:1].isupper() and len(part) > 1 else None
                entry = kb.entries.get(hit_id) if hit_id else None
                if entry is not None and not (part.islower()):
                    hit = (i, i + 1, tok.start + offset, tok.start + offset + len(part), entry, "name")
                    break
                offset += len(part) + 1
        if hit is None:
            entry = kb.adjective(word) if kb.maybe_adjective(low) else None
            if entry is not None:
                hit = (i, i + 1, tok.start, tok.end, entry, "adjective")
            elif word[:1].isupper():
                entry = kb.demonym(word)
                if entry is not None:
                    hit = (i, i + 1, tok.start, tok.end, entry, "demonym")
        if hit is not None:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _capital_is_place(toks: list[Tok], i: int, kb: KB) -> bool:
    """True if the capital at token ``i`` is a place: after a locative preposition ("in Moskau und
    Kiew") or a dateline ("Damaskus – Bei Kämpfen …", "Moskau (dpa)")."""
    if i + 1 < len(toks) and toks[i + 1].text in _DATELINE_AFTER:
        return True
    j = i - 1
    while j >= 0:
        low = toks[j].text.casefold()
        if low in _LOCATIVE:
            return True
        if low in _COORD:
            j -= 1
            continue
        entry = kb.lookup(toks[j].text)
        if entry is not None and entry.kind == "capital":
            j -= 1
            continue
        return False
    return False


def _qualifier(word: str, kb: KB) -> str | None:
    """Return the KB id a role qualifier points to ("russische" → russland, "Südkoreas" → suedkorea)."""
    entry = kb.adjective(word) if word[:1].islower() or word.endswith(ADJ_ENDINGS[1:]) else None
    if entry is None and word[:1].isupper() and word.endswith("s"):
        entry = kb.lookup(word)
        if entry is not None and word.casefold() == name_key(entry.name):
            entry = None  # not a genitive: "USA" is not "US" + s
    return entry.id if entry is not None else None


def _normalise_role_rest(rest: str, roles: RoleLexicon) -> str:
    m = roles.match(rest[:1].upper() + rest[1:]) if rest else None
    return m.canonical if m else role_key(rest)


def _role_core(match: RoleMatch, word: str, kb: KB, roles: RoleLexicon) -> str:
    """Key of a role word: a KB qualifier inside the compound becomes its id ("US-Präsident" → "usa präsident")."""
    if "-" in word:
        first, rest = word.split("-", 1)
        entry = kb.lookup(first)
        if entry is not None and rest:
            return f"{entry.id} {_normalise_role_rest(rest, roles)}"
    prefix = match.canonical[: len(match.canonical) - len(match.head)]
    if prefix:
        entry = kb.lookup(prefix)
        if entry is not None:
            return f"{entry.id} {match.head}"
    return match.canonical


@dataclass(slots=True)
class _RoleHit:
    start_tok: int
    end_tok: int  # exclusive
    key: str
    qualified: bool


def _role_left(toks: list[Tok], j: int, kb: KB, roles: RoleLexicon) -> _RoleHit | None:
    """A role phrase ending at token ``j`` (inclusive): modifiers/qualifiers + role noun."""
    if j < 0:
        return None
    word = toks[j].text
    match = roles.match(word)
    if match is None:
        return None
    parts = [_role_core(match, word, kb, roles)]
    qualified = match.qualified
    k = j - 1
    while k >= 0 and j - k <= 4:
        w = toks[k].text
        q = _qualifier(w, kb)
        if q is not None:
            parts.insert(0, q)
            qualified = True
        elif roles.is_modifier(w):
            parts.insert(0, role_key(w).rstrip("-").rstrip("enrms") or role_key(w))
            qualified = True
        elif _ADJ_LIKE.match(w) and w.casefold() not in _DETERMINERS:
            pass  # other adjectives ("oberste") describe but do not identify; keep them out of the key
        else:
            break
        k -= 1
    start = k + 1
    # Drop leading plain adjectives from the span unless a qualifier follows them.
    while start < j and _qualifier(toks[start].text, kb) is None and not roles.is_modifier(toks[start].text):
        start += 1
    return _RoleHit(start, j + 1, " ".join(parts), qualified)


def _role_apposition_before(toks: list[Tok], p: int, roles: RoleLexicon, kb: KB) -> _RoleHit | None:
    """'der Chef des Auswärtigen Ausschusses der Duma, Leonid Sluzki' → the role before the comma."""
    if p < 2 or toks[p - 1].text != ",":
        return None
    for j in range(p - 2, max(-1, p - 12), -1):
        if toks[j].text in {",", ".", ":", ";", "\"", "„", "“"}:
            return None
        match = roles.match(toks[j].text)
        if match is not None and (j == p - 2 or toks[j + 1].text.casefold() in _GEN_DET):
            key = " ".join([_role_core(match, toks[j].text, kb, roles), *(role_key(t.text) for t in toks[j + 1 : p - 1])])
            return _RoleHit(j, p - 1, key, True)
    return None


def _role_apposition_after(toks: list[Tok], q: int, roles: RoleLexicon, kb: KB) -> _RoleHit | None:
    """'John Kirby, Kommunikationsdirektor des Nationalen Sicherheitsrates, …' → the role after the comma."""
    if q + 1 >= len(toks) or toks[q].text != ",":
        return None
    j = q + 1
    while j < len(toks) and j - q <= 3 and (_qualifier(toks[j].text, kb) or roles.is_modifier(toks[j].text)):
        j += 1
    if j >= len(toks):
        return None
    match = roles.match(toks[j].text)
    if match is None:
        return None
    end = j + 1
    while end < len(toks) and end - j < 10 and toks[end].text not in {",", ".", ";", ":", "(", ")", "\"", "„", "“"}:
        end += 1
    key = " ".join([_role_core(match, toks[j].text, kb, roles), *(role_key(t.text) for t in toks[j + 1 : end])])
    return _RoleHit(q + 1, end, key, True)


_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nis", "tum", "ment", "chen", "lein")


def _names_after_roles(
    text: str, toks: list[Tok], mentions: list[tuple[int, int, Mention]], kb: KB, roles: RoleLexicon
) -> list[tuple[int, int, Mention]]:
    """A capitalised word right after a role noun is a name the tagger missed ("Generalsekretär Rutte")."""
    taken = {k for i, j, m in mentions for k in range(i, j) if m.start <= toks[k].start and toks[k].end <= m.end}
    out: list[tuple[int, int, Mention]] = []
    for r, tok in enumerate(toks[:-1]):
        match = roles.match(tok.text)
        if r in taken or match is None or match.ending not in ("", "in"):
            continue  # "Experten Senfgas": only a singular role noun stands before a name
        k = r + 1
        while (k < len(toks) and k - r <= 3 and k not in taken and toks[k].text[:1].isupper()
               and toks[k].text.isalpha() is not False and _WORDISH.search(toks[k].text)
               and not toks[k].text.casefold().endswith(_NOUN_SUFFIXES) and roles.match(toks[k].text) is None
               and kb.lookup(toks[k].text) is None and kb.demonym(toks[k].text) is None and not toks[k].text.isupper()):
            k += 1
        if k > r + 1 and (k >= len(toks) or not toks[k].text[:1].isupper()):
            out.append((r + 1, k, Mention(toks[r + 1].start, toks[k - 1].end, "PER", "name", source="rule")))
    return out


def _state_at(toks: list[Tok], k: int, kb: KB) -> str | None:
    """The state a token names as a country or through its capital, else ``None``."""
    if not 0 <= k < len(toks):
        return None
    entry = kb.lookup(toks[k].text)
    if entry is None:
        return None
    if entry.kind == "capital":
        return entry.country
    return entry.id if entry.kind == "country" else None


def _extend_admin_heads(toks: list[Tok], mentions: list[tuple[int, int, Mention]], ctx: ContextLexicon,
                        kb: KB, text: str) -> None:
    """"Landkreis Ahrweiler", "Kreis Ahrweiler": the administrative head is part of the place name.
    "Region Kursk", "Kursk-Region", "Kursk Oblast": a region's head makes the region of a KB town.

    The district is not the town, so a KB link of a town's name is dropped; a name the KB knows as a
    country or region keeps its link ("auf dem Gebiet Polens" is Poland, "Region Donbass" the Donbass).
    """
    starts = {t.start: k for k, t in enumerate(toks)}
    ends = {t.end: k for k, t in enumerate(toks)}
    heads = {**ctx.region_heads, **ctx.admin_heads}
    for n, (_i, j, m) in enumerate(mentions):
        k = starts.get(m.start)
        if m.label != "LOC" or m.form not in ("name", "metonym") or k is None:
            continue
        entry = kb.entries.get(m.kb) if m.kb else None
        town = entry is not None and (m.form == "metonym" or entry.kind in ("city", "district", "capital"))
        if entry is not None and not town:
            continue
        if k and (ctx.admin_head(toks[k - 1].text) is not None or (town and toks[k - 1].text in ctx.region_heads)):
            m.start, m.form, m.kb, m.wikidata = toks[k - 1].start, "name", None, None
            mentions[n] = (k - 1, j, m)
            continue
        if not town:
            continue
        inside = next((t for t in toks[k:j + 1] if t.start < m.end < t.end), None)
        if inside is not None and text[m.end] == "-" and text[m.end + 1:inside.end] in heads:
            m.end, m.form, m.kb, m.wikidata = inside.end, "name", None, None  # "Kursk-Region"
            continue
        e = ends.get(m.end)
        if (e is not None and e + 1 < len(toks) and toks[e + 1].start == m.end + 1
                and toks[e + 1].text in ctx.admin_tails):
            m.end, m.form, m.kb, m.wikidata = toks[e + 1].end, "name", None, None  # "Kursk Oblast"
            mentions[n] = (_i, e + 2, m)


def _extend_org_heads(toks: list[Tok], mentions: list[tuple[int, int, Mention]], ctx: ContextLexicon,
                      roles: RoleLexicon) -> None:
    """"Verkehrsclub Österreich", "Generalstaatsanwaltschaft Naumburg": an organisation head right before
    a place makes one organisation name; the place is not the claimant."""
    starts = {t.start: k for k, t in enumerate(toks)}
    taken = {m.start for _, _, m in mentions} | {m.end for _, _, m in mentions}
    for n, (_i, j, m) in enumerate(mentions):
        k = starts.get(m.start)
        if m.label != "LOC" or m.form not in ("name", "metonym") or not k:
            continue
        head = toks[k - 1]
        if head.end in taken or not ctx.org_head(head.text) or roles.match(head.text) is not None:
            continue
        mentions[n] = (k - 1, j, Mention(head.start, m.end, "ORG", "name", source="rule"))


def _only_kb_names(text: str, m: Mention, kb_hits: list[tuple[int, int, int, int, KBEntry, str]]) -> bool:
    """True if a tagger span is two or more KB names side by side ("dass Moskau Nordkorea hilft")."""
    inside = [(s, e) for _, _, s, e, _, _ in kb_hits if m.start <= s and e <= m.end]
    if len(inside) < 2:
        return False
    rest = list(text[m.start:m.end])
    for s, e in inside:
        rest[s - m.start:e - m.start] = " " * (e - s)
    return not "".join(rest).strip()


def _is_given(word: str, ctx: ContextLexicon) -> bool:
    return len(word) >= 4 and word[:1].isupper() and (word.casefold() if word.isascii() else fold_key(word)) in ctx.given_names


def _given_left_out(toks: Sequence[Tok], k: int, ctx: ContextLexicon) -> bool:
    """True if token ``k``, just before a person name, is a given name of that person.

    Many given names are also words ("Roman", "Christ", "August"): a month, or a word after an
    article, a number or an inflected adjective ("im neuen Roman", "am 3. August", "gläubiger
    Christ") is read as the word.
    """
    word = toks[k].text
    if not (word.isalpha() and _is_given(word, ctx)) or word.casefold() in MONTHS or word.casefold() in WEEKDAYS:
        return False
    if k == 0:
        return True
    before = toks[k - 1].text
    if before.casefold() in ctx.noun_markers or any(ch.isdigit() for ch in before):
        return False
    return not (before.isalpha() and before.islower() and _inflected_adjective(before))


def _particle_surname_end(toks: Sequence[Tok], j: int, ents: Sequence[tuple[int, int, str]], kb: KB,
                          ctx: ContextLexicon) -> int:
    """End token of a particle surname right after a given name at ``j - 1`` ("Peter von der Grün"), or 0.

    The particles must open a surname ("von", "van", then at most one more particle) and the word
    after them must be a free capitalised word: not a name the tagger or the knowledge base gives
    to something else ("Maria von der Caritas", "Peter von Berlin"), no organisation head
    ("Anna von der Polizei"), no weekday or month ("Anna von Montag bis Freitag") and no inflected
    or plural form of a dictionary word ("Peter zu Hause", "Lukas von Feuerwehrleuten gerettet").
    Right after a particle that is also a preposition ("von", "zu") the word must be none the
    dictionary knows at all ("Maria von Anfang an"): the phrase is then far more often a
    preposition with its noun than a surname the tagger missed.
    """
    if j >= len(toks) or toks[j].text.casefold() not in ctx.surname_openers or toks[j].start != toks[j - 1].end + 1:
        return 0
    k = j + 1
    if k < len(toks) and toks[k].text.casefold() in ctx.name_particles:
        k += 1
    if k >= len(toks):
        return 0
    word = toks[k].text
    if (len(word) < 2 or not word[:1].isupper() or not word[1:].islower() or not word.isalpha()
            or any(a <= k < b for a, b, _ in ents) or kb.lookup(word) is not None or ctx.org_head(word)
            or any(toks[n].start != toks[n - 1].end + 1 for n in range(j + 1, k + 1))):
        return 0
    low = word.casefold()
    if low in MONTHS or low in WEEKDAYS or _lemma_de(word) != word:
        return 0
    if k == j + 1 and toks[j].text.casefold() in ctx.preposition_openers and is_known(word, "de"):
        return 0
    return k + 1


def _inflected_adjective(word: str) -> bool:
    """True for an inflected adjective ("neuen", "gläubiger"): a stem the dictionary knows plus an ending."""
    lemma = _lemma_de(word)
    return lemma != word and word.startswith(lemma) and word[len(lemma):] in ("e", "en", "er", "em", "es")


@functools.lru_cache(maxsize=4096)
def _lemma_de(word: str) -> str:
    return str(lemmatizer(greedy=False).lemmatize(word, "de"))


def _descriptor(word: str, ctx: ContextLexicon) -> bool:
    """True for a capitalised German word (the last part of a compound) that is no given name: a
    title or description standing before a name ("Landeshauptmann", "Ex-Nationaltorwart").

    Names the dictionary also knows ("Fischer", "Weber") pass, so callers ask more of the context:
    a given name next, or the rest being a surname of the document. Short words ("Don", "Kid")
    are left alone: given names that short are not in the list.
    """
    last = word.rsplit("-", 1)[-1]
    return (len(last) >= 5 and word[:1].isupper() and last[:1].isupper() and last[1:].islower()
            and all(p.isalpha() for p in word.split("-")) and not _is_given(last, ctx) and is_known(last, "de"))


def mentions_in_tokens(
    text: str,
    toks: list[Tok],
    ents: Iterable[tuple[int, int, str]],
    kb: KB,
    roles: RoleLexicon,
    first_words: frozenset[str],
    ctx: ContextLexicon | None = None,
) -> list[Mention]:
    """Combine tagger spans (token ranges with GermEval labels), KB hits and roles for one sentence."""
    ctx = ctx or load_context()
    # token index by start offset, to map KB char spans to tokens
    mentions: list[tuple[int, int, Mention]] = []  # token range + mention
    ents_list = list(ents)
    for i, j, raw in ents_list:
        label, form = _LABELS.get(raw, ("MISC", "name"))
        s, e = toks[i].start, toks[j - 1].end
        if form == "part":
            # "Ukraine-Krieg", "NATO-Staaten": keep the name part of the compound.
            word = text[s:e]
            if "-" not in word:
                continue
            first = word.split("-")[0]
            if not first[:1].isupper() or len(first) < 2:
                continue
            e = s + len(first)
            form = "name"
        if label == "PER" and form == "name":
            # A tagger span that starts with a role noun or glued dateline: keep the name only.
            while i < j - 1 and (roles.match(toks[i].text) or _qualifier(toks[i].text, kb) or roles.is_modifier(toks[i].text)
                                 or (j - i >= 3 and toks[i].text.endswith("s") and toks[i].text[:1].isupper()
                                     and roles.match(toks[i + 1].text) is not None)
                                 or (j - i >= 3 and _descriptor(toks[i].text, ctx) and _is_given(toks[i + 1].text, ctx))):
                i += 1  # "Landeshauptmann Erwin Pröll", "Torschütze Alexander Grünwald": the name starts later
                s = toks[i].start
            if j - i == 1 and roles.match(toks[i].text):
                continue  # a role noun alone ("Machthaber") is no name; the role pass below keeps it
            if toks[j - 1].text.casefold() in ctx.name_particles:
                k = j
                while k < len(toks) and toks[k].text.casefold() in ctx.name_particles and k - j < 2:
                    k += 1
                if k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.isalpha():
                    j = k + 1  # "Alexander Van [der Bellen]": the tagger stopped inside the surname
                    e = toks[j - 1].end
            elif j - i == 1 and _is_given(toks[i].text, ctx):
                k = _particle_surname_end(toks, j, ents_list, kb, ctx)
                if k:
                    j = k  # "Peter [von der Grün]": the tagger found the given name alone
                    e = toks[j - 1].end
            if (i > 0 and (j - i == 1 or _is_given(toks[i].text, ctx)) and _given_left_out(toks, i - 1, ctx)
                    and not any(a <= i - 1 < b for a, b, _ in ents_list)):
                # "Reiner Erich Haseloff", "Kazım Abacı": a given name the tagger left out (also a word,
                # "reiner", or a spelling it rarely saw)
                i -= 1
                s = toks[i].start
        cut = split_camel(toks[i].text)
        if cut >= 4 and (label == "PER" or kb.lookup(toks[i].text[:cut]) is not None):
            s = toks[i].start + cut  # "BerlinWladimir Putin": a dateline glued to the name
        # A currency name is no organisation or other name, and after a determiner or a figure it is
        # an amount of any type ("einen Penny Steuern"); a place or person named like one stays
        # ("in Franken", "Dobras traf").
        if e > s and not (is_currency(text[s:e], ctx) and (label not in ("LOC", "PER") or raw.endswith("part")
                                                           or is_amount_before(toks, i, ctx))):
            mentions.append((i, j, Mention(s, e, label, form)))
    mentions.extend(_names_after_roles(text, toks, mentions, kb, roles))

    # "US" in "US-Dollar" names the currency, not the state
    kb_hits = [h for h in _kb_matches(text, toks, kb, first_words) if not is_currency(toks[h[0]].text, ctx)]
    mentions = [t for t in mentions if not _only_kb_names(text, t[2], kb_hits)]
    for i, j, s, e, entry, form in kb_hits:
        kbm = Mention(s, e, entry.type, form, kb=entry.id, wikidata=entry.wikidata, source="kb")
        if (entry.kind == "capital" and form == "name" and entry.country and not _capital_is_place(toks, i, kb)
                and ctx.capital_acts(toks, i, j, lambda k: _state_at(toks, k, kb))):
            state = kb.actor(entry) or kb.entries[entry.country]
            kbm = Mention(s, e, state.type, "metonym", kb=state.id, wikidata=state.wikidata, source="kb")
        if form in ("adjective", "demonym"):
            kbm.label = "LOC" if entry.type == "LOC" else entry.type
        clash = False
        for k, (_mi, _mj, m) in enumerate(mentions):
            if m.end <= s or e <= m.start:
                continue
            clash = True
            if (m.start, m.end) == (s, e) or (s <= m.start and m.end <= e and (e - s) > (m.end - m.start)):
                mentions[k] = (i, j, kbm)  # the KB knows this name: its type and id win
            elif m.form == "adjective" and form == "adjective":
                m.kb, m.wikidata, m.label = kbm.kb, kbm.wikidata, kbm.label
            elif m.start <= s and e <= m.end and (m.start, m.end) != (s, e) and form == "name" and m.label != "PER":
                pass  # a KB name inside a longer organisation name: the longer name stands
            elif m.label == "ORG" and m.form == "name" and m.start < s < m.end < e and form == "name":
                m.end = e  # the tagger cut the place off the organisation: "Landratsamt Pfaffenhofen [an der Ilm]"
                mentions[k] = (_mi, j, m)
            break
        if not clash:
            mentions.append((i, j, kbm))

    mentions.sort(key=lambda t: t[2].start)
    used_roles: set[int] = set()
    for i, j, m in mentions:
        if m.label != "PER" or m.form != "name":
            continue
        hit = _role_left(toks, i - 1, kb, roles) or _role_apposition_before(toks, i, roles, kb)
        if hit is None:
            k = j
            while k < len(toks) and toks[k].start < m.end:
                k += 1
            hit = _role_apposition_after(toks, k, roles, kb)
        if hit is not None:
            rs, re_ = toks[hit.start_tok].start, toks[hit.end_tok - 1].end
            m.role, m.role_span, m.role_key = text[rs:re_], (rs, re_), hit.key
            used_roles.update(range(hit.start_tok, hit.end_tok))

    _extend_admin_heads(toks, mentions, ctx, kb, text)
    _extend_org_heads(toks, mentions, ctx, roles)
    out = [m for _, _, m in mentions]
    covered = [(m.start, m.end) for m in out]
    # Qualified role nouns standing alone ("der Kreml-Chef", "Südkoreas Außenminister").
    for idx, tok in enumerate(toks):
        if idx in used_roles or not tok.text[:1].isupper():
            continue
        match = roles.match(tok.text)
        if match is None:
            continue
        hit = _role_left(toks, idx, kb, roles)
        if hit is None or not hit.qualified:
            continue
        rs, re_ = toks[hit.start_tok].start, tok.end
        if any(s < re_ and rs < e for s, e in covered if not (s >= rs and e <= re_)):
            continue  # part of a longer name; qualifiers inside the role ("französische") are fine
        # the compound's own KB part ("NATO" in "NATO-Generalsekretär") stays a mention of its own
        out.append(Mention(rs, re_, "PER", "role", role_key(hit.key), role=text[rs:re_], role_span=(rs, re_),
                           role_key=hit.key, source="role"))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def finish_norms(text: str, mentions: list[Mention], kb: KB, ctx: ContextLexicon | None = None) -> list[Mention]:
    """Fill ``norm``/``form`` once a document's mentions are known (KB name, genitive, acronym)."""
    ctx = ctx or load_context()
    for m in mentions:
        surface = text[m.start : m.end]
        admin = ctx.admin_norm(surface) if m.label == "LOC" else None
        if admin is not None:
            m.norm = admin
        elif m.kb and m.kb in kb.entries:
            m.norm = name_key(kb.entries[m.kb].name)
        elif m.form == "role":
            m.norm = m.role_key or role_key(surface)
        elif m.form == "adjective":
            low = surface.casefold()
            for end in sorted(ADJ_ENDINGS, key=len, reverse=True):
                if end and low.endswith(end) and len(low) - len(end) >= 4:
                    low = low[: -len(end)]
                    break
            m.norm = name_key(low)
        else:
            m.norm = name_key(surface)
            if m.form == "name" and _ACRONYM.match(surface.replace(" ", "")) and not surface.isdigit():
                m.form = "acronym"
    names = {m.norm for m in mentions if m.form in ("name", "acronym")}
    for m in mentions:
        if m.form == "name" and not m.kb:
            for cand in genitive_candidates(m.norm):
                if cand in names:
                    m.norm = cand
                    break
    return mentions


def extract_mentions(
    text: str,
    chunks: Sequence[tuple[int, int]],
    nlp: Any,
    kb: KB,
    roles: RoleLexicon,
    *,
    batch_size: int = 64,
    outlet: str | None = None,
    recogniser: Callable[..., Iterable[Any]] = recognise,
    language: str | None = None,
) -> list[Mention]:
    """Tag every chunk (sentence) of ``text`` and return the document's mentions, sorted.

    ``outlet`` (the document's host) keeps the outlet's own name out of the entities.
    """
    first_words = kb.first_words
    ctx = load_context()
    out: list[Mention] = []
    sentences: list[list[Tok]] = []
    texts = (text[s:e] for s, e in chunks)
    for (cs, _ce), doc in zip(chunks, recogniser(nlp, texts, batch_size=batch_size), strict=False):
        toks: list[Tok] = []
        index: dict[int, int] = {}
        for t in doc:
            text_ = t.text
            if text_.isspace():
                continue
            index[t.i] = len(toks)
            start = cs + t.idx
            toks.append(Tok(start, start + len(text_), text_))
        ents = []
        for ent in doc.ents:
            idx = [index[i] for i in range(ent.start, ent.end) if i in index]
            if idx:
                ents.append((idx[0], idx[-1] + 1, ent.label_))
        sentences.append(toks)
        out.extend(mentions_in_tokens(text, toks, ents, kb, roles, first_words, ctx))
    # an inflected common noun is no name ("Staatsmedien"); KB hits and rule-found names stay; a span
    # without a letter ("+++", a broken character) is no name either
    surnames = {text[m.start:m.end].rsplit(" ", 1)[-1] for m in out if m.label == "PER" and " " in text[m.start:m.end]}
    openers = {next((t.start for t in toks if t.text[:1].isalnum()), -1) for toks in sentences}
    # a capital after a colon opens a sentence too ("Zur Erinnerung: Heuer sollen ...")
    openers.update(b.start for toks in sentences for a, b in itertools.pairwise(toks) if a.text == ":")
    if not _german(language):
        openers = set()  # the lower-case test reads the German dictionary: an English "Will" is no "will"
    out = [m for m in out if _HAS_LETTER.search(text[m.start:m.end])
           and not (m.source == "model" and m.form == "name" and not m.kb and _common_word(text[m.start:m.end], m.label, surnames, ctx))
           and not (m.source == "model" and _CALENDAR_WORDS.get(text[m.start:m.end].casefold()) is not None
                    and not _after_name_head(text, m.start, ctx))
           and not (m.source == "model" and not m.kb and m.start in openers
                    and _lower_case_word(text[m.start:m.end], surnames, ctx, m.label))]
    out = [m for m in out if not _cut_credit_label(text, m, ctx.credit_labels)]
    _strip_descriptors(text, out, ctx)
    out.extend(_given_name_persons(sentences, out, kb, roles, ctx))
    out.extend(_recurring_surnames(text, sentences, out))
    out.extend(_recurring_org_words(text, sentences, out, kb))
    out.extend(_defined_long_names(text, out, roles))
    keys = outlet_keys(outlet) | _own_name_keys(text, out, kb)
    if keys:
        out = [m for m in out if m.form == "role" or not is_outlet_name(text[m.start:m.end], keys)]
    out.sort(key=lambda m: (m.start, m.end))
    out = results_codes(text, out, kb)
    resolve_shared_names(text, out, kb, outlet)
    follow_historic_names(text, out, kb)
    return finish_norms(text, out, kb, ctx)


def _german(language: str | None) -> bool:
    """True for a German document, or one whose language is unknown (German first)."""
    return not language or language.lower().split("-")[0].split("_")[0] == "de"


def _after_name_head(text: str, start: int, ctx: ContextLexicon) -> bool:
    """True if the word before ``start`` makes a calendar word a name ("Wochenzeitung Freitag")."""
    before = _LAST_WORD.search(text[max(0, start - 40):start])
    return bool(ctx.calendar_name_heads) and before is not None and before.group(1).casefold().endswith(ctx.calendar_name_heads)


_LAST_WORD = re.compile(r"(\w+)\s+$")


def _lower_case_word(word: str, surnames: set[str], ctx: ContextLexicon, label: str = "") -> bool:
    """A one-word span opening a sentence that the dictionary knows as a lower-case word ("Indes",
    "Zudem", "Nicht"): capitalised by its place, not a name. Surnames of the document and given
    names stay ("Kurz" beside "Sebastian Kurz").

    A lone person is also dropped when the word is a noun too but its lower-case form is an
    uninflected word of its own, an adverb or particle ("Heuer", Austrian for 'this year', beside
    the noun "die Heuer"). Adjectives and verb stems ("Klein", "Lang", "Koch", "Weil") inflect and
    stay: they are common surnames."""
    if " " in word or not word.isalpha() or word in surnames or _is_given(word, ctx) or word.isupper():
        return False
    from lagebild.lemmas import lemmatizer

    lemma = str(lemmatizer(greedy=False).lemmatize(word, "de"))
    if lemma[:1].islower() and is_known(word, "de"):
        return True
    if label != "PER":
        return False
    low = word.lower()
    return (str(lemmatizer(greedy=False).lemmatize(low, "de")) == low and is_known(low, "de")
            and not is_known(low + "en", "de"))


# "Jänner", "Dienstag" alone are dates, never names ("Mai", "August" are names too: they stay)
_CALENDAR_WORDS = {w: n for w, n in (*MONTHS.items(), *WEEKDAYS.items()) if len(w) >= 5 and w not in AMBIGUOUS_MONTHS}


def _own_name_keys(text: str, mentions: Sequence[Mention], kb: KB) -> frozenset[str]:
    """Keys of the outlet's own name as the text prints it, for texts that come without a host.

    The label of an interview's question turns ("STANDARD: Wie …?") unless a person of the document
    carries it, and a capitalised dictionary word the KB does not know after a capitalised article or
    before "-Interview" ("DER STANDARD berichtete", "im SPIEGEL-Interview"): papers set their own
    name that way. Every mention of these names in the document is dropped ("sagte er dem Standard").
    """
    persons = frozenset(w for m in mentions if m.label == "PER" for w in fold_key(text[m.start:m.end]).split())
    return frozenset(k for k in printed_own_names(text, persons) if kb.lookup(k) is None)


_BEFORE_COMMON_NOUN = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "im", "am", "beim", "vom", "zum", "zur", "kein", "keine", "keinen", "keinem", "dieser", "diese", "dieses", "diesen", "jeder", "jede", "jedes"])


class _TakenSpans:
    """Spans already taken by mentions (which may nest); ``overlaps`` answers in O(log n)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        spans = sorted((m.start, m.end) for m in mentions)
        self._starts = [s for s, _ in spans]
        # the furthest end among the first i spans: a span starting before ``end`` overlaps iff it reaches past ``start``
        self._reach = list(itertools.accumulate((e for _, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start


def _common_word(word: str, label: str, surnames: set[str], ctx: ContextLexicon) -> bool:
    """A word the tagger took for a name that is a common noun: inflected from a noun lemma with a
    derivational ending, or (as a person or place) a long noun the dictionary inflects. Surnames of
    the document, given names and place names with a street or landmark head ("Schulstraße") stay.

    Measured on SmartData news (300 documents) and GermEval 2014 dev: the long-noun test removes 10
    unsupported person mentions for none supported and 14 unsupported places for 3 supported
    ("Niederrhein", "Kaiserpfalz"); before the street and landmark heads, 7 more supported places
    went. Organisations are often named with nouns ("Commerzbank", "Handelsblatt": 7 supported for
    4 unsupported), so they are left alone.
    """
    if is_common_noun(word, ctx):
        return True
    if label not in ("PER", "LOC") or word in surnames or _is_given(word, ctx):
        return False
    if label == "LOC" and word.casefold().endswith(ctx.place_heads):
        return False
    return inflects_like_noun(word)


def _cut_credit_label(text: str, m: Mention, labels: frozenset[str]) -> bool:
    """Cut a picture-credit label the tagger took into a name right before a colon ("Fredrik von
    Erichsen Bild: dpa" → "Fredrik von Erichsen"); True when no name is left ("© Archivfoto:").
    A one-word name stays whole: "Bild:" alone may be the newspaper."""
    if m.source != "model" or m.kb or text[m.end:m.end + 1] != ":":
        return False
    span = text[m.start:m.end]
    words = span.split()
    if len(words) < 2 or words[-1] not in labels:
        return False
    rest = span[:len(span) - len(words[-1])].rstrip()
    if not _HAS_LETTER.search(rest):
        return True
    m.end = m.start + len(rest)
    return False


def _strip_descriptors(text: str, mentions: Sequence[Mention], ctx: ContextLexicon) -> None:
    """Cut a description off a two-word person name whose second word is the surname of a full name
    in the document ("Dokumentarfilmer Riha" beside "Georg Riha"); "Heinz Fischer" is left alone."""
    lasts: set[str] = set()
    pairs: list[tuple[Mention, str, str]] = []
    for m in mentions:
        if m.label == "PER" and m.form == "name":
            words = text[m.start:m.end].split(" ")
            if len(words) == 2 and _descriptor(words[0], ctx):
                pairs.append((m, words[0], words[1]))
            elif len(words) >= 2 and not _descriptor(words[0], ctx):
                lasts.add(words[-1])
    for m, first, last in pairs:
        if _bare_form(last, lasts) is not None:
            m.start += len(first) + 1


def _recurring_surnames(text: str, sentences: Sequence[list[Tok]], mentions: Sequence[Mention]) -> list[Mention]:
    """The surname of a full person name the tagger found, where it recurs alone in the document.

    Taggers miss a bare surname more often than the full name ("Nancy Faeser … Faeser sagte").
    A recurrence after an article or an adjective is a common noun ("der Brand") and stays out,
    and so does every surname that is also a German word ("Brand", "Reiter", "Artikel"): the
    tagger has to find those itself.
    """
    lasts: set[str] = set()
    for m in mentions:
        if m.label == "PER" and m.form == "name":
            words = text[m.start:m.end].split()
            if (len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) >= 3 and words[-1].isalpha()
                    and not is_known(words[-1], "de")):
                lasts.add(words[-1])
    if not lasts:
        return []
    found: list[Mention] = []
    for toks, k, _ in _free_recurrences(sentences, lasts, mentions):
        prev = toks[k - 1].text if k else ""
        if prev.casefold() in _BEFORE_COMMON_NOUN or (prev[:1].islower() and _ADJ_LIKE.match(prev)):
            continue
        found.append(Mention(toks[k].start, toks[k].end, "PER", "name", source="document"))
    return found


def _bare_form(word: str, known: set[str] | dict[str, Any]) -> str | None:
    """``word`` or, for a genitive ("Faesers"), the word without its s, if ``known`` holds it."""
    if word in known:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in known else None


def _free_recurrences(sentences: Sequence[list[Tok]], known: set[str] | dict[str, Any],
                      mentions: Sequence[Mention]) -> Iterator[tuple[list[Tok], int, str]]:
    """Each token (sentence, index, bare form) that is a ``known`` word or its genitive and lies
    outside every mention."""
    taken = _TakenSpans(mentions)
    for toks in sentences:
        for k, tok in enumerate(toks):
            base = _bare_form(tok.text, known)
            if base is not None and not taken.overlaps(tok.start, tok.end):
                yield toks, k, base


_SURNAME = re.compile(r"^[^\W\d_]{3,}(?:-[^\W\d_]{2,})?$")


def _given_name_persons(sentences: Sequence[list[Tok]], mentions: Sequence[Mention], kb: KB, roles: RoleLexicon,
                        ctx: ContextLexicon) -> list[Mention]:
    """A known given name before a capitalised word the dictionary does not know is a person the
    tagger missed ("Kazım Abacı vom Verein …"). Both words must be free, the given name written like
    a name ("Anna", not "ANNA") and no KB name or role noun, the second word neither a KB name nor a
    German word ("Rose Garten" stays out), and no article may stand before them."""
    if not ctx.given_names:
        return []
    taken = _TakenSpans(mentions)
    found: list[Mention] = []
    for toks in sentences:
        for k in range(len(toks) - 1):
            given, last = toks[k], toks[k + 1]
            word, sur = given.text, last.text
            if (len(word) < 4 or not word[:1].isupper() or not word[1:].islower() or last.start != given.end + 1
                    or not word.isalpha() or (word.casefold() if word.isascii() else fold_key(word)) not in ctx.given_names):
                continue
            if not _SURNAME.match(sur) or not sur[:1].isupper() or sur.isupper():
                continue
            if k + 2 < len(toks) and toks[k + 2].start == last.end and toks[k + 2].text == "-":
                continue  # a compound's first part ("Star Wars-Film" split at the hyphen)
            prev = toks[k - 1].text if k else ""
            if prev.casefold() in _BEFORE_COMMON_NOUN or taken.overlaps(given.start, last.end):
                continue
            if (any(is_known(part, "de") for part in (sur, *sur.split("-")[1:]))  # "Star Wars-Film"
                    or kb.lookup(sur) is not None or kb.lookup(word) is not None
                    or roles.match(word) is not None or roles.match(sur) is not None):
                continue
            found.append(Mention(given.start, last.end, "PER", "name", source="rule"))
    return found


#: units and currencies are no organisations, whatever brackets follow them ("Megawatt (MW)")
_UNIT_WORDS = frozenset(w.casefold() for w in (*MEASURES, *CURRENCIES))


def _defined_long_names(text: str, mentions: Sequence[Mention], roles: RoleLexicon) -> list[Mention]:
    """An organisation's long name the tagger missed where the text defines its acronym right after
    it ("Der Bund der Steuerzahler (BdSt)"), and the bracketed acronym too when it was missed; see
    :func:`lagebild.entities.acronyms.untagged_expansion`. An acronym tagged as no organisation (a
    results table's country code) is left alone."""
    if "(" not in text:
        return []
    taken = [(m.start, m.end) for m in mentions]
    label_at = {(m.start, m.end): m.label for m in mentions}
    found: list[Mention] = []
    for match in BRACKETED_ACRONYM.finditer(text):
        acro = match.group(1)
        if sum(c.isupper() for c in acro) < 2 or label_at.get(match.span(1), "ORG") != "ORG" or acro.casefold() in _UNIT_WORDS:
            continue
        open_at = match.start()
        while open_at > 0 and text[open_at - 1] in " \t\u00a0":
            open_at -= 1
        span = untagged_expansion(text, open_at, acro, taken)
        if span is None or text[span[0]:span[1]].casefold() in _UNIT_WORDS:
            continue
        if roles.match(text[span[0]:span[1]].split()[0]) is not None:
            continue  # "Vorsitzender des Verbands der Privatsender (VÖP)": a person's office, then the body
        found.append(Mention(span[0], span[1], "ORG", "name", source="document"))
        taken.append(span)
        if match.span(1) not in label_at:
            found.append(Mention(*match.span(1), "ORG", "name", source="document"))
            taken.append(match.span(1))
    return found


def _recurring_org_words(text: str, sentences: Sequence[list[Tok]], mentions: Sequence[Mention], kb: KB) -> list[Mention]:
    """The first word of an organisation's name where it recurs alone in the document ("Infratest
    dimap … laut Infratest"): tagged with the organisation's KB id, so both meet.

    Only distinctive words count: not an adjective ("Deutsche Bahn"), not a KB name of its own, at
    least five letters, and a word the dictionary does not know unless the KB lists the full name;
    two organisations starting with the word block it. A recurrence after an article ("die
    Forschungsgruppe") or before another capitalised word (a different name) stays out.
    """
    heads: dict[str, set[str]] = {}
    for m in mentions:
        if m.label != "ORG" or m.form != "name":
            continue
        words = text[m.start:m.end].split()
        w = words[0] if len(words) >= 2 else ""
        if (len(w) < 5 or not w.isalpha() or not w[:1].isupper() or w.isupper() or kb.adjective(w) is not None
                or kb.lookup(w) is not None or (not m.kb and is_known(w, "de"))):
            continue
        heads.setdefault(w, set()).add(m.kb or name_key(" ".join(words)))
    heads = {w: ids for w, ids in heads.items() if len(ids) == 1}
    if not heads:
        return []
    found: list[Mention] = []
    for toks, k, base in _free_recurrences(sentences, heads, mentions):
        prev = toks[k - 1].text if k else ""
        nxt = toks[k + 1].text if k + 1 < len(toks) else ""
        if prev.casefold() in _BEFORE_COMMON_NOUN or nxt[:1].isupper():
            continue
        entry = kb.entries.get(next(iter(heads[base])))
        found.append(Mention(toks[k].start, toks[k].end, "ORG", "name", kb=entry.id if entry else None,
                             wikidata=entry.wikidata if entry else None, source="document"))
    return found
