"""Cluster entity mentions across documents into entities, then apply the user's corrections.

Mentions meet under keys, never by comparing all pairs: the KB id, the normalised name, the
spelling-blind key (diacritics, transliteration, spaces: "Erdoğan" = "Erdogan", "ver.di" =
"Verdi"), the name without a genitive ``s``, a company name without its legal form ("Volkswagen
AG"), a surname (or a Korean-style family name) of a full name seen in the same document or,
unambiguously, in the corpus, the initials of an organisation's name, and role keys ("kreml chef")
that an apposition somewhere in the corpus ties to one person. Person names are also compared
within blocks of similar surnames, so a typo or a second transliteration ("Friederich Merz",
"Wladimir Selenskij" / "Wolodymyr Selenskyj") or a middle name ("Reiner Erich Haseloff") meets the
usual form when nothing else in the corpus competes for it. A spelling the KB does not list meets
the one KB entity written alike ("Charkiw", "Kharkiv"), and a surname cut to its initial ("Kujtim
F.") the one person with that given name. An acronym its text defines ("… Węglowa (PSW)") joins that long
name (``lagebild.entities.acronyms``). Before clustering, a role noun before a name makes it a
person and a dateline makes a one-word name a place (``lagebild.entities.retype``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from cleanco import basename as _company_base
from rapidfuzz.distance import Levenshtein

from lagebild.entities.acronyms import acronym_definitions
from lagebild.entities.context import is_outlet_name, load_context, printed_own_names
from lagebild.entities.kb import KB, load_kb
from lagebild.entities.normalize import (
    FUNCTION_WORDS,
    fold_key,
    genitive_candidates,
    name_key,
    slug,
    translit_key,
    umlaut_key,
)
from lagebild.entities.retype import retype
from lagebild.entities.roles import RoleLexicon, load_roles
from lagebild.lemmas import is_known
from lagebild.model import Document

__all__ = ["MentionRec", "apply_corrections", "cluster", "collect_mentions", "resolve_documents"]

_NAME_FORMS = frozenset({"name", "acronym"})
_KB_FORMS = frozenset({"name", "acronym", "adjective", "demonym", "metonym"})
_HOST = re.compile(r"\w\.(?:at|de|ch|com|net|org|eu|info|io|uk|fr|it|ru|ua|tv|fm)$", re.IGNORECASE)


@dataclass(slots=True)
class MentionRec:
    """One entity annotation, flattened for clustering."""

    doc: str
    ann: str
    label: str
    form: str
    norm: str
    surface: str
    kb: str | None = None
    wikidata: str | None = None
    role: str | None = None
    role_key: str | None = None
    span: dict[str, Any] = field(default_factory=dict)
    kb_candidates: tuple[str, ...] = ()  # the entities an unassigned shared name may be
    expansion: str | None = None  # an acronym's long name as its document defines it (that mention's ref)

    @property
    def ref(self) -> str:
        return f"{self.doc}#{self.ann}"


def collect_mentions(docs: Iterable[Document], kb: KB | None = None) -> list[MentionRec]:
    """Return every ``entity`` annotation of ``docs`` as a :class:`MentionRec` (original offsets), typed
    by their surroundings where the text contradicts the tagger (see :mod:`lagebild.entities.retype`;
    ``kb`` defaults to the shipped KB)."""
    out: list[MentionRec] = []
    kb = kb if kb is not None else load_kb()
    roles = load_roles()
    for doc in docs:
        start = len(out)
        for ann in doc.annotations:
            if ann.kind != "entity":
                continue
            data = ann.data or {}
            norm = str(data.get("norm") or name_key(ann.surface))
            if not norm:
                continue
            span = doc.span_json(ann.span)
            span["ann"] = ann.id
            out.append(MentionRec(
                doc=doc.id, ann=ann.id, label=ann.label or "MISC", form=str(data.get("form") or "name"), norm=norm,
                surface=ann.surface, kb=data.get("kb"), wikidata=data.get("wikidata"), role=data.get("role"),
                role_key=data.get("role_key"), span=span,
                kb_candidates=tuple(str(c) for c in data.get("kb_candidates") or ()),
            ))
        _retype_by_context(doc, out[start:], kb, roles)
        _read_acronym_definitions(doc, out[start:])
    return out


def _read_acronym_definitions(doc: Document, mentions: Sequence[MentionRec]) -> None:
    """Tie each acronym the document defines ("… Spółka Węglowa (PSW)") to its long name; a long
    name the tagger took for a person is an organisation when its acronym is one."""
    if len(mentions) < 2 or "(" not in doc.original:
        return
    for a, b in acronym_definitions(doc.original, mentions, load_context().given_names):
        acro, long = mentions[a], mentions[b]
        acro.expansion = long.ref
        if acro.label == "ORG" and long.label == "PER":
            long.label = "ORG"


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_ADJ_END = re.compile(r"(?<=[a-zäöüß]{4})(?:e|en|er|em|es)$")
_GEN_END = re.compile(r"(?<=[a-zäöüß]{5})e?s$")
#: articles that open a genitive complement after an organisation's head noun
_COMPLEMENT_WORDS = frozenset(["der", "des"])


def uninflected(norm: str) -> str:
    """An organisation's name without case endings: adjective endings of the leading words, a
    genitive "s" or "es" of the last ("bayerischen landeskriminalamtes" and "bayerisches
    landeskriminalamt" → "bayerisch landeskriminalamt")."""
    words = norm.split()
    # the head before its complement takes the genitive too: "bundesverbands der verkehrsarbeitgeber"
    heads = [_GEN_END.sub("", w) if nxt in _COMPLEMENT_WORDS else _ADJ_END.sub("", w) for w, nxt in pairwise(words)]
    return " ".join([*heads, _GEN_END.sub("", words[-1])])


def _kb_inflected(m: MentionRec, kb: KB) -> Any:
    """The KB party a one-word nominalised adjective names in another case or without its article
    ("Linken" → "Die Linke", "Grüne" → "Grünen"); other words and types are left alone."""
    if m.label != "ORG" or " " in m.norm or len(m.norm) < 5:
        return None
    return kb.inflected_party(m.surface)


def _unassigned_shared(m: MentionRec, kb: KB) -> tuple[str, ...]:
    """The entities sharing the name of ``m`` ("Grünen", "FDP") if its document left it without an id."""
    if m.kb or m.label != "ORG":
        return ()
    return _shared_ids(m.surface, m.norm, kb)


def _shared_ids(surface: str, norm: str, kb: KB) -> tuple[str, ...]:
    """The entities sharing a name, also in another case of a one-word party name ("Grüne")."""
    ids = kb.sharing(surface)
    name = kb.party_name(surface) if not ids and " " not in norm else None
    return kb.sharing(name) if name else ids


def name_initials(norm: str) -> str:
    return "".join(w[0] for w in norm.split() if w not in FUNCTION_WORDS and w[:1].isalpha())


def cluster(mentions: Sequence[MentionRec], kb: KB | None = None) -> list[list[int]]:
    """Group mention indices into entities. Unresolved role mentions and KB-less adjectives stay out."""
    n = len(mentions)
    uf = _UnionFind(n)
    first: dict[str, int] = {}

    def join(key: str, i: int) -> None:
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i

    active = [False] * n
    # 1. KB id and exact name key.
    name_keys: dict[str, str] = {}  # name key → label seen first
    held: dict[int, tuple[str, ...]] = {}  # shared names ("Grünen") their document left without a KB id
    assigned: dict[tuple[str, ...], set[str]] = defaultdict(set)  # shared name → the ids its documents chose
    for i, m in enumerate(mentions):
        if m.kb and m.form in _KB_FORMS:
            join(f"kb:{m.kb}", i)
            active[i] = True
            if kb is not None and m.form in _NAME_FORMS and m.label == "ORG":
                ids = _shared_ids(m.surface, m.norm, kb)
                if m.kb in ids:
                    assigned[ids].add(m.kb)
        elif m.form in _NAME_FORMS:
            sharing = _unassigned_shared(m, kb) if kb is not None and m.label != "PER" else ()
            if sharing:
                held[i] = sharing  # its document named no country: no guess there, but "Grüne" meets "Grünen"
                m.kb_candidates = m.kb_candidates or sharing
                join("s:" + ";".join(sharing), i)
            elif kb is not None and m.label != "PER":
                entry = kb.lookup(m.surface) or _kb_inflected(m, kb)
                if entry is not None and entry.kind != "capital":
                    m.kb, m.wikidata = entry.id, entry.wikidata
                    join(f"kb:{entry.id}", i)
                    active[i] = True
                    continue
            join(f"n:{m.norm}", i)
            name_keys.setdefault(m.norm, m.label)
            active[i] = True
    # corpus evidence: when every document that did assign the name chose the same entity, the
    # lead-less mentions are that one too (a German story's one ".com" outlet); else they stay apart
    for i, sharing in list(held.items()):
        chosen = assigned.get(sharing, set())
        if len(chosen) == 1:
            uf.union(first[f"kb:{next(iter(chosen))}"], i)
            del held[i]
    held_norms = {mentions[i].norm for i in held}
    kb_names: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.kb and m.form in _NAME_FORMS:
            kb_names.setdefault(m.norm, i)
    # 2. Genitive: "putins" → "putin", "wladimir putins" → "wladimir putin"; names equal to a KB name.
    for norm in list(name_keys):
        for cand in genitive_candidates(norm):
            if cand in name_keys and cand != norm:
                uf.union(first[f"n:{norm}"], first[f"n:{cand}"])
                break
        if norm in kb_names and norm not in held_norms:
            uf.union(first[f"n:{norm}"], kb_names[norm])
    # 2b. Spelling-blind keys: diacritics, transliteration, spacing; company names without legal form.
    for norm, label in name_keys.items():
        folded = fold_key(_base(norm, name_keys)).replace(" ", "")
        if len(folded) >= 2:
            join(f"f:{folded}", first[f"n:{norm}"])
            spelt_out = umlaut_key(_base(norm, name_keys))  # "Muenchen" = "München"
            if spelt_out:
                join(f"u:{spelt_out.replace(' ', '')}", first[f"n:{norm}"])
        translit = translit_key(_base(norm, name_keys))
        if len(translit) >= TRANSLIT_MIN:  # "Krasnaya" = "Krasnaja"; short names ("Maier"/"Mayer") stay apart
            join(f"t:{translit}", first[f"n:{norm}"])
        if label == "ORG" and " " in norm:
            join(f"i:{uninflected(norm)}", first[f"n:{norm}"])
            short = name_key(_company_base(norm))
            if short and short != norm and short in name_keys:
                uf.union(first[f"n:{norm}"], first[f"n:{short}"])
    _join_kb_spellings(mentions, first, uf)
    # 2c. Person names with similar surnames: typos, transliterations, middle names.
    _join_name_variants(mentions, name_keys, first, uf)
    _join_abbreviated_surnames(mentions, uf)
    # 3. Surnames: a one-word person name joins the one person whose full name ends (or starts) with it.
    particles = load_context().name_particles
    full_by_last: dict[str, set[int]] = defaultdict(set)
    doc_full_last: dict[tuple[str, str], set[int]] = defaultdict(set)
    doc_full_first: dict[tuple[str, str], set[int]] = defaultdict(set)
    full_by_last_t: dict[str, set[int]] = defaultdict(set)
    full_docs: dict[int, set[str]] = defaultdict(set)  # root of a full person name → its documents
    doc_context: dict[str, set[str]] = defaultdict(set)  # document → the names in it
    for m in mentions:
        if m.form in _NAME_FORMS:
            doc_context[m.doc].add(m.kb or m.norm)
    for i, m in enumerate(mentions):
        if m.label == "PER" and m.form == "name":
            words = fold_key(_base(m.norm, name_keys)).split()
            tokens = m.surface.split()
            if len(words) >= 2 and len(tokens) >= 2:
                root = uf.find(i)
                full_docs[root].add(m.doc)
                # a double surname stands whole ("Mikl-Leitner"), its last part alone is someone else;
                # after a particle the last part is the surname too ("al-Assad": "Assad")
                lasts = {words[-1]}
                if "-" in tokens[-1]:
                    lasts = {_joined_surname(tokens[-1], name_keys)} | (lasts if tokens[-1][:1].islower() else set())
                # a surname with particles stands whole too: "Van der Bellen" of "Alexander Van der Bellen"
                p = next((k for k in range(1, len(words) - 1) if words[k] in particles), None)
                if p is not None:
                    lasts.add(" ".join(words[p:]))
                for last in lasts - {""}:
                    full_by_last[last].add(root)
                    if len(translit_key(last)) >= TRANSLIT_MIN - 1:
                        full_by_last_t[translit_key(last)].add(root)
                    doc_full_last[(m.doc, last)].add(root)
                doc_full_first[(m.doc, words[0])].add(root)
    pending: list[tuple[int, set[int]]] = []  # bare surnames that several persons of the corpus carry
    near_index: dict[tuple[str, int], list[str]] = {}  # surnames by first letter and length, for typos
    for last in full_by_last:
        if len(last) >= _FUZZY_SURNAME_LEN - 1:
            near_index.setdefault((last[:1], len(last)), []).append(last)

    def surname_table(k: int, doc: str, single: str) -> set[int] | None:
        """Persons a bare surname may be: of the document, of the corpus, by first name in the document,
        by transliteration, one edit away."""
        if k == 0:
            return doc_full_last.get((doc, single))
        if k == 1:
            return full_by_last.get(single)
        if k == 2:
            return doc_full_first.get((doc, single))
        if k == 3:
            return full_by_last_t.get(translit_key(single)) if len(translit_key(single)) >= TRANSLIT_MIN - 1 else None
        return _near_surname(single, full_by_last, near_index)

    for i, m in enumerate(mentions):
        if m.label != "PER" or m.form != "name":
            continue
        single = fold_key(_base(m.norm, name_keys))
        if " " in single and len(m.surface.split()) == 1:
            single = _joined_surname(m.surface, name_keys)  # a bare double surname: "Mikl-Leitner"
        if not single or (" " in single and single.split()[0] not in particles):
            continue
        target = None
        for k in range(5):  # in order, each looked up only when the ones before are empty
            table = surname_table(k, m.doc, single)
            roots = {uf.find(r) for r in table} if table else set()
            if len(roots) == 1:
                target = next(iter(roots))
                break
            if len(roots) > 1:
                if k == 1 and table:  # several persons of that surname in the corpus: decided below by story
                    pending.append((i, table))
                break  # ambiguous ("Kim"): leave it alone
        if target is not None:
            uf.union(target, i)
    _surnames_by_context(mentions, pending, uf, full_docs, doc_context)
    _surnames_tagged_as_other(mentions, name_keys, uf, active)
    # 3b. A town's short name joins its one long form in the corpus ("Frankfurt" → "Frankfurt am Main"),
    # an organisation's first or last word its one long name ("Infratest" → "Infratest dimap").
    _join_place_heads(mentions, first, uf, kb)
    _join_org_words(mentions, uf, held.keys())
    _join_short_org_heads(mentions, uf, load_context().short_org_heads)
    # 4. Acronyms of organisation names ("NSC" ↔ "Nationaler Sicherheitsrat") when unambiguous.
    # A long name the KB resolved has a "kb:" key and no "n:" key: index each name by one of its own
    # mentions instead, so an acronym of a KB organisation ("GPS") still finds it.
    by_initials: dict[str, set[str]] = defaultdict(set)
    org_at: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.form == "name" and m.label == "ORG":
            org_at.setdefault(m.norm, i)
            words = m.norm.split()
            # a name with the acronym among its words ("LG Graz") is no spelling-out of it: "LG" is
            # a part of that name, and its initials fall on the acronym by chance
            if len(words) >= 2 and name_initials(m.norm) not in words:
                by_initials[name_initials(m.norm)].add(m.norm)
    org_names = sorted({m.norm for m in mentions if m.form == "name" and m.label == "ORG" and not m.kb
                        and f"n:{m.norm}" in first})
    # names by the first letter of their first word: an acronym can only be spelt from names it starts
    org_by_letter: dict[str, list[str]] = defaultdict(list)
    for name in org_names:
        name_words = _acronym_words(name)
        if name_words:
            org_by_letter[name_words[0][0]].append(name)
    inner_of: dict[str, set[str]] = {}
    defined = _join_defined_acronyms(mentions, uf)
    # a long name the text gives its own acronym is no other acronym's ("Weltwirtschaftsforum (WEF)" is not "WWF")
    spelt = {uf.find(i) for i, m in enumerate(mentions) if m.form == "acronym" and m.norm in defined}
    for i, m in enumerate(mentions):
        if m.form == "acronym" and m.label == "ORG" and m.norm not in defined:
            acro = m.norm.replace(" ", "")
            cands = {c for c in by_initials.get(acro, ()) if uf.find(org_at[c]) not in spelt}
            # candidates count as entities: "Vereinte …" and "Vereinten …" clustered already are one
            if cands and len({uf.find(org_at[c]) for c in cands}) == 1:
                j = org_at[min(cands)]
                if not (m.kb and mentions[j].kb and m.kb != mentions[j].kb):  # two KB entities never merge
                    uf.union(j, i)
            elif not cands and not m.kb:
                # compound-part initials: "LKA" ↔ "Landeskriminalamt", "DWD" ↔ "Deutscher Wetterdienst"
                if acro not in inner_of:
                    letters = fold_key(acro).replace(" ", "")
                    inner_of[acro] = {n for n in org_by_letter.get(letters[:1], ())
                                      if uf.find(org_at[n]) not in spelt and _compound_acronym(acro, n)}
                inner = inner_of[acro]
                if inner and len({uf.find(org_at[n]) for n in inner}) == 1:
                    uf.union(org_at[min(inner)], i)
    # 5. Role mentions ("der Kreml-Chef"): the person this role is tied to in the document, else in the corpus.
    doc_roles: dict[tuple[str, str], set[int]] = defaultdict(set)
    corpus_roles: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if m.label == "PER" and m.role_key and m.form != "role" and active[i]:
            doc_roles[(m.doc, m.role_key)].add(uf.find(i))
            corpus_roles[m.role_key].add(uf.find(i))
    story: _StoryContext | None = None  # built when a role first needs it
    joins: list[tuple[int, int]] = []  # applied after the loop: the story context holds the roots of now
    for i, m in enumerate(mentions):
        if m.form != "role" or not m.role_key:
            continue
        local = {uf.find(r) for r in doc_roles.get((m.doc, m.role_key), set())}
        corpus = {uf.find(r) for r in corpus_roles.get(m.role_key, set())}
        if local or " " in m.role_key:  # a qualified office ("Frankreichs Präsident") has one holder
            target_set = local or corpus
        else:  # "der Polizeisprecher" of another story is someone else: only a person of this one
            if story is None and corpus:
                story = _StoryContext(mentions, active, uf)
            target_set = {r for r in corpus if story is not None and story.in_story(m.doc, r)}
        if len(target_set) == 1:
            joins.append((next(iter(target_set)), i))
            active[i] = True
    for target, i in joins:
        uf.union(target, i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        if active[i]:
            groups[uf.find(i)].append(i)
    return list(groups.values())


def _join_defined_acronyms(mentions: Sequence[MentionRec], uf: _UnionFind) -> set[str]:
    """Join acronyms to the long name their documents define them as ("… Węglowa (PSW)"); return the
    acronyms (norms) decided so, which the initials rules leave alone.

    Mentions of one acronym already form one group across the corpus, so a definition holds for all
    of them, and only when every definition in the corpus names one entity: "BVA" defined as two
    different bodies joins neither (which one an undefined "BVA" is, the text does not say)."""
    pairs: list[tuple[int, str]] = [(i, m.expansion) for i, m in enumerate(mentions) if m.expansion]
    if not pairs:
        return set()
    at = {m.ref: i for i, m in enumerate(mentions)}
    longs: dict[str, set[int]] = defaultdict(set)
    # a long name not among the mentions (a stored entity's, ``lagebild.compare.entity_index``) still
    # makes the acronym defined
    decided: set[str] = set()
    for i, ref in pairs:
        j = at.get(ref)
        if j is None:
            decided.add(mentions[i].norm)
        elif not (mentions[i].kb and mentions[j].kb and mentions[i].kb != mentions[j].kb):
            longs[mentions[i].norm].add(j)  # two KB entities never merge
    for acro, js in longs.items():
        decided.add(acro)  # conflicting definitions too: the initials rules would only guess
        if len({uf.find(j) for j in js}) == 1:
            uf.union(min(js), next(i for i, _ref in pairs if mentions[i].norm == acro))
    return decided


def _surnames_tagged_as_other(mentions: Sequence[MentionRec], name_keys: Mapping[str, str], uf: _UnionFind,
                              active: Sequence[bool]) -> None:
    """A one-word place or organisation that is the surname of the one person of its document named
    with a given name is that person ("Thiem" tagged as a place beside "Dominic Thiem"); it joins
    the person and counts as a person. In a document without that person, only when the corpus
    names one person of that surname and the document belongs to that person's story: elsewhere
    ("Houston", "Spielberg": the city, the race track) the word stays what it is."""
    given = load_context().given_names
    folded: dict[str, str] = {}

    def key(norm: str) -> str:
        if norm not in folded:
            folded[norm] = fold_key(_base(norm, name_keys))
        return folded[norm]

    persons: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if m.label == "PER" and m.form == "name" and " " in m.norm:
            words = key(m.norm).split()
            if len(words) >= 2 and words[0] in given:
                persons[(m.doc, words[-1])].add(i)
    if not persons:
        return
    groups: dict[int, list[int]] = defaultdict(list)  # the word's mentions as clustered so far
    for i, m in enumerate(mentions):
        if m.label != "PER" and m.form == "name" and not m.kb and " " not in m.norm:
            groups[uf.find(i)].append(i)
    by_last: dict[str, set[int]] = defaultdict(set)  # surname → persons of the corpus named in full
    for (_doc, last), idx in persons.items():
        by_last[last] |= {uf.find(r) for r in idx}
    story: _StoryContext | None = None
    for members in groups.values():
        # every document of the group must name that one person, or the word stays what it is
        targets: set[int] = set()
        for i in members:
            cands = persons.get((mentions[i].doc, key(mentions[i].norm)))
            targets |= {uf.find(r) for r in cands} if cands else {-1}
        if -1 in targets and len(targets) <= 2:
            # a document without the person: the one person of that surname in the corpus, when the
            # document belongs to that person's story ("11:04 – Rukwied eröffnet …" in a live blog)
            corpus = by_last.get(key(mentions[members[0]].norm), set())
            if len(corpus) == 1 and (targets - {-1}) <= corpus:
                person = next(iter(corpus))
                story = story or _StoryContext(mentions, active, uf)
                if all(story.in_story(mentions[i].doc, person) for i in members
                       if (mentions[i].doc, key(mentions[i].norm)) not in persons):
                    targets = {person}
        if len(targets) == 1 and -1 not in targets:
            for i in members:
                uf.union(next(iter(targets)), i)
                mentions[i].label = "PER"


#: names a document must share with a person's other documents, and the factor by which it must share
#: more with them than with the next person of that surname, for a bare surname to be that person
_CONTEXT_MIN = 2
_CONTEXT_MARGIN = 2


class _StoryContext:
    """Whether a document belongs to the story of a person, from the entities clustered so far.

    A document is in a person's story when it shares at least two entities with the other
    documents naming the person, or when one of those documents is among its nearest neighbours
    (most shared entities, weighted by rarity). Entities named in more than a fifth of the corpus
    ("Deutschland", "Polizei") say nothing about the story and are left out.
    """

    def __init__(self, mentions: Sequence[MentionRec], active: Sequence[bool], uf: _UnionFind) -> None:
        self.by_doc: dict[str, set[int]] = defaultdict(set)
        for i, m in enumerate(mentions):
            if active[i] and m.form in _NAME_FORMS:
                self.by_doc[m.doc].add(uf.find(i))
        self.docs_of: dict[int, set[str]] = defaultdict(set)
        for doc, roots in self.by_doc.items():
            for r in roots:
                self.docs_of[r].add(doc)
        n = len(self.by_doc)
        self.common = {r for r, docs in self.docs_of.items() if len(docs) > max(2, n // 5)}
        self.weight = {r: math.log(n / len(docs)) for r, docs in self.docs_of.items() if r not in self.common}
        self._near: dict[str, set[str]] = {}

    def shared(self, doc: str, person: int) -> int:
        """How many story entities ``doc`` shares with the other documents that name ``person``."""
        others: set[int] = set()
        for d in self.docs_of.get(person, ()):
            if d != doc:
                others |= self.by_doc[d]
        return len((self.by_doc.get(doc, set()) & others) - self.common)

    def nearest(self, doc: str) -> set[str]:
        if doc not in self._near:
            score: dict[str, float] = defaultdict(float)
            for r in self.by_doc.get(doc, ()):
                w = self.weight.get(r)
                if w:
                    for d in self.docs_of[r]:
                        if d != doc:
                            score[d] += w
            self._near[doc] = set(sorted(score, key=lambda d: (-score[d], d))[:_NEIGHBOURS])
        return self._near[doc]

    def in_story(self, doc: str, person: int) -> bool:
        if self.shared(doc, person) >= _CONTEXT_MIN:
            return True
        return bool(self.nearest(doc) & self.docs_of.get(person, set()))


#: how many nearest documents make up a document's story when a role is resolved across documents
_NEIGHBOURS = 3


def _surnames_by_context(mentions: Sequence[MentionRec], pending: Sequence[tuple[int, set[int]]], uf: _UnionFind,
                         full_docs: Mapping[int, set[str]], doc_context: Mapping[str, set[str]]) -> None:
    """Join a bare surname that several persons of the corpus carry to the one whose story it is.

    Equal bare surnames already form one group across documents, so the decision is made per group:
    a group that already holds a full name stays as it is; otherwise the names of the group's
    documents are compared with those of each person's documents, leaving out names found in more
    than a fifth of the corpus ("Deutschland"). The person must share at least two names and twice
    as many as the next one.
    """
    if not pending:
        return
    df: Counter[str] = Counter(name for names in doc_context.values() for name in names)
    common = {name for name, n in df.items() if n > max(2, len(doc_context) // 5)}
    with_full = {uf.find(r) for r in full_docs}
    groups: dict[int, tuple[set[str], set[int]]] = {}
    for i, table in pending:
        root = uf.find(i)
        if root in with_full:
            continue
        docs, cands = groups.setdefault(root, (set(), set()))
        docs.add(mentions[i].doc)
        cands.update(table)
    for root, (docs, cands) in groups.items():
        person_names: dict[int, set[str]] = defaultdict(set)  # each person's documents' names
        for r in cands:
            for d in full_docs.get(r, ()):
                if d not in docs:
                    person_names[uf.find(r)] |= doc_context.get(d, set()) - common
        own = set().union(*(doc_context.get(d, set()) for d in docs)) - common
        ranked = sorted(((len(own & names), person) for person, names in person_names.items()), reverse=True)
        if not ranked or ranked[0][0] < _CONTEXT_MIN:
            continue
        if len(ranked) > 1 and ranked[0][0] < _CONTEXT_MARGIN * max(ranked[1][0], 1):
            continue
        best = ranked[0][1]
        # every document of the group must point to that person, not only their sum ("Miller" in
        # three unrelated sports reports is no one person)
        if all(_points_to(doc_context.get(d, set()) - common, best, person_names) for d in docs):
            uf.union(best, root)


def _points_to(names: set[str], person: int, person_names: Mapping[int, set[str]]) -> bool:
    """True if a document shares a name with ``person``'s documents and no more with any other's."""
    mine = len(names & person_names[person])
    return mine >= 1 and all(len(names & other) <= mine for p, other in person_names.items() if p != person)


#: surnames this long may differ by one edit ("Tillmann" / "Tilmann") and still meet
_FUZZY_SURNAME_LEN = 8
#: transliteration-blind keys this long may join names ("selenski", "belaia")
TRANSLIT_MIN = 6
_PLACE_LINKS = frozenset({"am", "an", "im", "in", "ob", "bei", "vor"})


def _joined_surname(token: str, name_keys: Mapping[str, str]) -> str:
    """The spelling-blind key of a double surname written as one word ("Mikl-Leitners" → "miklleitner")."""
    return fold_key(_base(name_key(token), name_keys)).replace(" ", "")


def _near_surname(single: str, full_by_last: Mapping[str, set[int]],
                  index: Mapping[tuple[str, int], list[str]]) -> set[int] | None:
    """Persons whose surname is one edit away from a long one-word name (a typo or transliteration).

    ``index`` holds the surnames by first letter and length, so only those that can be one edit
    away are compared."""
    if len(single) < _FUZZY_SURNAME_LEN:
        return None
    out: set[int] = set()
    for n in (len(single) - 1, len(single), len(single) + 1):
        for last in index.get((single[:1], n), ()):
            if Levenshtein.distance(last, single, score_cutoff=1) <= 1:
                out |= full_by_last[last]
    return out or None


@functools.lru_cache(maxsize=65536)
def _acronym_words(norm: str) -> tuple[str, ...]:
    """The folded words of a name that an acronym's letters are taken from (function words left out)."""
    return tuple(w for w in fold_key(norm).split() if w not in FUNCTION_WORDS)


@functools.lru_cache(maxsize=65536)
def _compound_part(tail: str) -> bool:
    """True if the end of a word from this letter on is a German word: a compound's last part
    ("kriminalamt", "dienst"), not any letter inside a word ("tilriese" in "textilriese", "an" in "pakistan")."""
    return len(tail) >= 3 and is_known(tail, "de")


def _compound_acronym(acro: str, norm: str) -> bool:
    """True if an acronym's letters can be shared out over the name's words in order, each word
    taking its first letter and possibly later ones that start parts of a compound ("lka" in
    "landeskriminalamt", "dwd" in "deutscher wetterdienst"); parts are at least three letters long
    and each later part, to the end of the word, is a German word ("TTIP" is not "Textilriese Palmers")."""
    words = _acronym_words(norm)
    acro = fold_key(acro).replace(" ", "")
    if not (3 <= len(acro) <= 5) or not words or len(words) > len(acro) or len("".join(words)) < 3 * len(acro):
        return False

    def fits(k: int, w: int) -> bool:  # acro[k:] over words[w:]
        if w == len(words):
            return k == len(acro)
        word = words[w]
        if k >= len(acro) or word[0] != acro[k]:
            return False
        starts = [0]
        for j in range(k + 1, len(acro) + 1):
            if fits(j, w + 1):
                return True
            if j == len(acro):
                return False
            nxt = word.find(acro[j], starts[-1] + 3)
            while nxt >= 0 and not _compound_part(word[nxt:]):
                nxt = word.find(acro[j], nxt + 1)
            if nxt < 0:
                return False
            starts.append(nxt)
        return False

    return fits(0, 0)


def _skeleton(word: str) -> str:
    """Consonants without repeats: "wolodymyr" and "wladimir" → "wldmr", "friederich" → "frdrch"."""
    out: list[str] = []
    for ch in word:
        if ch in "aeiouy" or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)


def _first_names_match(a: list[str], b: list[str]) -> bool:
    """Same person by the given names: equal, one edit apart, same consonant skeleton, a short form
    ("Rudi" / "Rudolf"), an extra middle name, or an initial ("F. Merz") of the other's first name."""
    if (len(a[0]) == 1) != (len(b[0]) == 1):
        initial, full = (a, b) if len(a[0]) == 1 else (b, a)
        return full[0].startswith(initial[0]) and initial[1:] == full[1:]
    if a[0] == b[0]:
        shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
        it = iter(longer)
        return all(w in it for w in shorter)  # "reiner haseloff" ⊂ "reiner erich haseloff"
    if len(a) != len(b) or a[1:] != b[1:]:
        return False
    x, y = a[0], b[0]
    if min(len(x), len(y)) < 4:
        return False
    if Levenshtein.distance(x, y, score_cutoff=1) <= 1:
        return True
    return (len(_skeleton(x)) >= 3 and _skeleton(x) == _skeleton(y)) or _short_form(x, y) or _short_form(y, x)


def _short_form(short: str, full: str) -> bool:
    """"Rudi" / "Rudolf", "Alex" / "Alexander", "Max" / "Maximilian": a short given name that starts
    the long one (a final "i" or "y" aside). A long form ending in "a" or "e" may be a woman's name
    beside a man's ("Alex" / "Alexandra", "Jan" / "Janine") and is left alone."""
    if not 3 <= len(short) <= 5 or len(full) < len(short) + 2 or full.endswith(("a", "e")):
        return False
    stem = short[:-1] if len(short) >= 4 and short.endswith(("i", "y")) else short
    return len(stem) >= 3 and full.startswith(stem)


def _join_name_variants(mentions: Sequence[MentionRec], name_keys: Mapping[str, str], first: Mapping[str, int], uf: _UnionFind) -> None:
    """Join two- and three-word person names that differ by a typo, a transliteration or a middle name.

    Names are blocked by the first letters of their folded surname; inside a block a name joins
    another only when it matches exactly one other person there, so "Anna Weber" and "Paul Weber"
    stay apart and a short name that fits two people joins neither.
    """
    names: dict[str, list[str]] = {}
    for m in mentions:
        if m.label == "PER" and m.form == "name" and not m.kb:
            base = _base(m.norm, name_keys)
            words = fold_key(base).split()
            if 2 <= len(words) <= 4 and f"n:{base}" in first:
                names.setdefault(base, words)
    blocks: dict[str, list[str]] = defaultdict(list)
    for base, words in names.items():
        blocks[words[-1][:3]].append(base)
    for block in blocks.values():
        if len(block) < 2:
            continue
        partners: dict[str, set[int]] = defaultdict(set)
        pairs: list[tuple[str, str]] = []
        for k, a in enumerate(block):
            for b in block[k + 1:]:
                wa, wb = names[a], names[b]
                la, lb = wa[-1], wb[-1]
                if la != lb and not (min(len(la), len(lb)) >= 7 and Levenshtein.distance(la, lb, score_cutoff=1) <= 1):
                    continue
                if _first_names_match([*wa[:-1], la], [*wb[:-1], la]):
                    pairs.append((a, b))
        for a, b in pairs:
            partners[a].add(uf.find(first[f"n:{b}"]))
            partners[b].add(uf.find(first[f"n:{a}"]))
        for a, b in pairs:
            ga, gb = names[a][0], names[b][0]
            initials = [x for x in (a, b) if len(names[x][0]) == 1]
            initials += [x for x, y in ((a, gb), (b, ga)) if _short_form(names[x][0], y)]
            if initials:  # an initial or a short form fits many given names: it must fit only this one
                if all(len(partners[x]) == 1 for x in initials):
                    uf.union(first[f"n:{a}"], first[f"n:{b}"])
            elif len(partners[a]) == 1 or len(partners[b]) == 1:
                uf.union(first[f"n:{a}"], first[f"n:{b}"])


def _join_kb_spellings(mentions: Sequence[MentionRec], first: Mapping[str, int], uf: _UnionFind) -> None:
    """Join names the KB does not list to the one KB entity written alike under the spelling-blind or
    transliteration key ("Charkiw" → the KB's "Kharkiv"); a key two KB entities share joins nothing,
    and two KB entities never meet this way."""
    ids_by_key: dict[str, set[str]] = defaultdict(set)
    at: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.kb and m.form in _NAME_FORMS:
            at.setdefault(m.kb, i)
            folded = fold_key(m.norm).replace(" ", "")
            if len(folded) >= 2:
                ids_by_key[f"f:{folded}"].add(m.kb)
            translit = translit_key(m.norm)
            if len(translit) >= TRANSLIT_MIN:
                ids_by_key[f"t:{translit}"].add(m.kb)
    kb_of_root = {uf.find(i): kb_id for kb_id, i in at.items()}
    for key, ids in ids_by_key.items():
        if len(ids) != 1 or key not in first:
            continue
        kb_id = next(iter(ids))
        if kb_of_root.get(uf.find(first[key]), kb_id) == kb_id:  # a name already with another KB entity stays there
            uf.union(at[kb_id], first[key])
            kb_of_root[uf.find(first[key])] = kb_id


_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")


def _join_abbreviated_surnames(mentions: Sequence[MentionRec], uf: _UnionFind) -> None:
    """Join a name whose surname is cut to its initial ("Kujtim F.", as the press writes suspects) to
    the one person of its document, else of the corpus, with the same given names and a surname
    starting with that letter; two such persons ("Kujtim Fejzulai", "Kujtim Fazliu") leave it alone."""
    abbreviated: list[tuple[int, list[str]]] = []
    in_doc: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    in_corpus: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if m.label != "PER" or m.form != "name":
            continue
        toks = m.surface.split()
        if len(toks) < 2:
            continue
        if _INITIAL.match(toks[-1]):
            abbreviated.append((i, toks))
        elif len(toks[-1]) > 2 and not toks[-1].endswith("."):
            key = (fold_key(" ".join(toks[:-1])), fold_key(toks[-1])[:1])
            in_doc[(m.doc, *key)].add(i)
            in_corpus[key].add(i)
    for i, toks in abbreviated:
        key = (fold_key(" ".join(toks[:-1])), fold_key(toks[-1][0]))
        for table in (in_doc.get((mentions[i].doc, *key)), in_corpus.get(key)):
            roots = {uf.find(r) for r in table or ()}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)
            if roots:
                break


def _abbreviated(norm: str) -> bool:
    """True for a name key whose last word is an initial ("kujtim f")."""
    words = norm.split()
    return len(words) >= 2 and len(words[-1]) == 1


#: KB flag of a hyphenated town whose first part alone names another town (``data/kb/places.tsv``)
_FIRST_PART_ELSEWHERE = "first_part_names_another_town"


def _join_place_heads(mentions: Sequence[MentionRec], first: Mapping[str, int], uf: _UnionFind, kb: KB | None = None) -> None:
    """Join a one-word place to the one multi-word town in the corpus named after it plus a river or
    region ("Frankfurt am Main", "Pfaffenhofen an der Ilm") or the one KB town of two joined names it
    starts ("Annaberg-Buchholz"; states such as "Sachsen-Anhalt" are no KB towns, so "Sachsen"
    stays apart, nor is a town whose first part is another town's name: the district "Halle-Neustadt"
    of Halle, "Sulzbach-Rosenberg" far from Sulzbach); two such towns ("Frankfurt (Oder)") block it."""
    heads: dict[str, set[int]] = defaultdict(set)
    kb = kb if kb is not None else load_kb()
    for i, m in enumerate(mentions):
        words = m.norm.split()
        if m.label == "LOC" and len(words) >= 3 and words[1] in _PLACE_LINKS:
            heads[words[0]].add(uf.find(i))
        elif m.label == "LOC" and len(words) == 2 and (m.kb or "").startswith("place:") and "-" in m.surface \
                and _FIRST_PART_ELSEWHERE not in getattr(kb.entries.get(m.kb or ""), "flags", ()):
            # a town of two joined names: "Annaberg" → "Annaberg-Buchholz"; "Halle" is no "Halle-Neustadt"
            heads[words[0]].add(uf.find(i))
    if not heads:
        return
    for i, m in enumerate(mentions):
        if m.label == "LOC" and m.form == "name" and " " not in m.norm:
            roots = {uf.find(r) for r in heads.get(m.norm, ())}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)


def _join_org_words(mentions: Sequence[MentionRec], uf: _UnionFind, held: AbstractSet[int] = frozenset()) -> None:
    """Join a one-word organisation name to the one multi-word organisation that starts or ends with it.

    Two organisations sharing the word ("Deutsche Bank", "Deutsche Bahn") block it, and so does a
    one-word name that is itself a KB entry, a shared KB name left unassigned (``held``) or an acronym.
    """
    by_word: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        words = m.norm.split()
        if m.label == "ORG" and m.form == "name" and len(words) >= 2:
            # not the last word after a function word: "Caritas" in "Feeding Centers der Caritas" is
            # the owner, another organisation
            ends = {words[0]} if words[-2] in FUNCTION_WORDS else {words[0], words[-1]}
            for w in ends:
                if w not in FUNCTION_WORDS and len(w) >= 4:
                    by_word[w].add(i)
    if not by_word:
        return
    for i, m in enumerate(mentions):
        if m.label == "ORG" and m.form == "name" and not m.kb and " " not in m.norm and i not in held:
            roots = {uf.find(r) for r in by_word.get(m.norm, ())}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)


def _join_short_org_heads(mentions: Sequence[MentionRec], uf: _UnionFind, short_heads: Mapping[str, tuple[str, ...]]) -> None:
    """Join "Polizei Koblenz" to the one organisation named with a longer head and the same place
    ("Polizeipräsidium Koblenz"); two such organisations ("Polizeiinspektion Koblenz" too) block it."""
    if not short_heads:
        return
    long_heads = [(short, long.split()) for short, longs in short_heads.items() for long in longs]
    by_rest: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if m.label != "ORG" or m.form != "name":
            continue
        words = m.norm.split()
        for short, head in long_heads:
            n = len(head)
            if len(words) > n and words[:n - 1] == head[:-1] and words[n - 1] in (head[-1], head[-1] + "s"):
                by_rest[(short, " ".join(words[n:]))].add(i)
    if not by_rest:
        return
    for i, m in enumerate(mentions):
        words = m.norm.split()
        if m.label != "ORG" or m.form != "name" or len(words) < 2 or words[0] not in short_heads:
            continue
        roots = {uf.find(r) for r in by_rest.get((words[0], " ".join(words[1:])), ())}
        if len(roots) == 1:
            uf.union(next(iter(roots)), i)


def _base(norm: str, name_keys: Mapping[str, str]) -> str:
    for cand in genitive_candidates(norm):
        if cand in name_keys:
            return cand
    return norm


def entity_json(members: list[MentionRec], kb: KB | None) -> dict[str, Any]:
    labels = Counter(m.label for m in members if m.form in _NAME_FORMS) or Counter(m.label for m in members)
    kb_ids = Counter(m.kb for m in members if m.kb)
    kb_id = kb_ids.most_common(1)[0][0] if kb_ids else None
    entry = kb.entries.get(kb_id) if (kb is not None and kb_id) else None
    if entry is not None:
        name, typ, wikidata = entry.name, entry.type, entry.wikidata
        if entry.id.startswith("place:"):
            # GeoNames names a town abroad internationally ("Marrakesh"): show it as the texts write it
            written = Counter(m.surface.strip() for m in members if m.form == "name" and m.surface.strip())
            if written and entry.name not in written:
                name = max(written, key=lambda w: (written[w], w))
    else:
        names = [m for m in members if m.form in _NAME_FORMS] or members
        norms = Counter(m.norm for m in names)
        hosts = {m.norm for m in names if _HOST.search(m.surface)}
        # a name rather than a web address ("ORF", not "orf.at"), the fullest name that is not a
        # genitive of another, then the most frequent spelling of it
        inflected = _inflected_norms(norms) if len(norms) > 1 else set()
        best_norm = max(norms, key=lambda k: (k not in hosts, not _abbreviated(k), len(k.split()),
                                              not any(c in norms for c in genitive_candidates(k)) and k not in inflected,
                                              norms[k], k))
        spellings = Counter(m.surface.strip() for m in names if m.norm == best_norm)
        name = max(spellings, key=lambda s: (spellings[s], s))
        # the type of the fullest name: a surname the tagger took for a place ("Thiem" for
        # "Dominic Thiem") joined the person, it does not make the person a place
        full = Counter(m.label for m in names if m.norm == best_norm) if " " in best_norm else None
        typ = (full or labels).most_common(1)[0][0]
        wikidata = next((m.wikidata for m in members if m.wikidata), None)
    aliases = sorted({m.surface.strip() for m in members if m.surface.strip()} - {name})
    roles = sorted({m.role for m in members if m.role})
    ent_id = f"kb:{kb_id}" if kb_id else f"{typ.lower()}:{slug(name)}"
    mentions = sorted((dict(m.span) for m in members), key=lambda s: (s["doc"], s["start"], s["end"]))
    out = {"id": ent_id, "name": name, "type": typ, "aliases": aliases, "roles": roles, "kb": kb_id,
           "wikidata": wikidata, "mentions": mentions}
    if kb_id is None:  # a shared name left unassigned: which entities it may be, for the reader
        candidates = dict.fromkeys(c for m in members for c in m.kb_candidates)
        if candidates:
            out["kb_candidates"] = [f"kb:{c}" for c in candidates]
    if entry is not None and entry.kind == "historic" and entry.country:
        out["today"] = f"kb:{entry.country}"  # a former name, kept as written
    return out


def _inflected_norms(norms: Iterable[str]) -> set[str]:
    """Names of several words that are a case form of a shorter name among ``norms``
    ("bundesverbands der verkehrsarbeitgeber", "vereinten verkehrsgewerkschaft")."""
    shortest: dict[str, str] = {}
    for k in norms:
        if " " in k:
            base = uninflected(k)
            if base not in shortest or len(k) < len(shortest[base]):
                shortest[base] = k
    return {k for k in norms if " " in k and shortest[uninflected(k)] != k}


def unique_ids(entities: list[dict[str, Any]]) -> None:
    seen: Counter[str] = Counter()
    for ent in sorted(entities, key=lambda e: (e["id"], e["mentions"][0]["doc"] if e["mentions"] else "", e["mentions"][0]["start"] if e["mentions"] else 0)):
        seen[ent["id"]] += 1
        if seen[ent["id"]] > 1:
            ent["id"] = f"{ent['id']}~{seen[ent['id']]}"


def _find(entities: dict[str, dict[str, Any]], ref: Any) -> dict[str, Any] | None:
    """An entity by id, else by a name or alias (ids can change when a corpus grows)."""
    if not isinstance(ref, str):
        return None
    if ref in entities:
        return entities[ref]
    key = name_key(ref)
    for ent in entities.values():
        if name_key(ent["name"]) == key:
            return ent
    for ent in entities.values():
        if any(name_key(a) == key for a in ent["aliases"]):
            return ent
    return None


def apply_corrections(entities: list[dict[str, Any]], corrections: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Apply merge/split/rename corrections in order; unknown references are skipped, never fatal.

    - ``{"action": "merge", "entities": [id_or_name, …], "name": optional}``
    - ``{"action": "split", "entity": id_or_name, "mentions": ["doc#ann", …], "name": optional}``
    - ``{"action": "rename", "entity": id_or_name, "name": "…", "type": optional}``
    """
    by_id = {e["id"]: e for e in entities}
    for corr in corrections:
        action = corr.get("action")
        if action == "merge":
            targets = [t for t in (_find(by_id, r) for r in corr.get("entities") or []) if t is not None]
            targets = list({id(t): t for t in targets}.values())
            if len(targets) < 2:
                continue
            keep = targets[0]
            for other in targets[1:]:
                keep["mentions"].extend(other["mentions"])
                keep["aliases"] = sorted(set(keep["aliases"]) | set(other["aliases"]) | {other["name"]})
                keep["roles"] = sorted(set(keep["roles"]) | set(other["roles"]))
                keep["kb"] = keep["kb"] or other["kb"]
                keep["wikidata"] = keep["wikidata"] or other["wikidata"]
                by_id.pop(other["id"], None)
            keep["mentions"].sort(key=lambda s: (s["doc"], s["start"], s["end"]))
            if corr.get("name"):
                _rename(keep, str(corr["name"]))
        elif action == "split":
            ent = _find(by_id, corr.get("entity"))
            refs = set(corr.get("mentions") or [])
            if ent is None or not refs:
                continue
            moved = [s for s in ent["mentions"] if f"{s['doc']}#{s.get('ann')}" in refs]
            if not moved or len(moved) == len(ent["mentions"]):
                continue
            ent["mentions"] = [s for s in ent["mentions"] if f"{s['doc']}#{s.get('ann')}" not in refs]
            name = str(corr.get("name") or Counter(s["text"] for s in moved).most_common(1)[0][0])
            new_id = f"{ent['type'].lower()}:{slug(name)}"
            while new_id in by_id:
                new_id += "~split"
            by_id[new_id] = {"id": new_id, "name": name, "type": str(corr.get("type") or ent["type"]),
                             "aliases": sorted({s["text"] for s in moved} - {name}), "roles": [], "kb": None,
                             "wikidata": None, "mentions": moved}
            ent["aliases"] = sorted({s["text"] for s in ent["mentions"]} - {ent["name"]})
        elif action == "rename":
            ent = _find(by_id, corr.get("entity"))
            if ent is None or not corr.get("name"):
                continue
            _rename(ent, str(corr["name"]))
            if corr.get("type"):
                ent["type"] = str(corr["type"])
    return list(by_id.values())


def _rename(ent: dict[str, Any], name: str) -> None:
    if name != ent["name"]:
        ent["aliases"] = sorted((set(ent["aliases"]) | {ent["name"]}) - {name})
        ent["name"] = name


def _without_own_outlet(docs: Sequence[Document], mentions: list[MentionRec], kb: KB | None) -> list[MentionRec]:
    """Drop, in documents that come without a host, the names such documents print as their own outlet.

    Texts of one source pasted without their address share it: when some of them print "DER
    STANDARD" or label interview questions "STANDARD:", a plain "zum Standard" or "derStandard.at"
    in another of them is the same outlet. Documents with a known host keep every mention (their
    own outlet was handled when they were tagged), and so do persons' names and KB names.
    """
    hostless = {d.id for d in docs if not d.meta.outlet}
    if not hostless:
        return mentions
    persons = frozenset(w for m in mentions if m.label == "PER" and m.form == "name" for w in fold_key(m.norm).split())
    keys: set[str] = set()
    for d in docs:
        if d.id in hostless:
            keys |= printed_own_names(d.text, persons)
    own = frozenset(k for k in keys if kb is None or kb.lookup(k) is None)
    if not own:
        return mentions
    return [m for m in mentions if m.doc not in hostless or m.form == "role" or not is_outlet_name(m.surface, own)]


def _retype_by_context(doc: Document, mentions: Sequence[MentionRec], kb: KB, roles: RoleLexicon) -> None:
    """Correct the tagger's type of ``doc``'s name mentions where its text says otherwise."""
    recs = [m for m in mentions if m.form == "name"]
    if not recs:
        return
    spans = [(int(m.span["start"]), int(m.span["end"]), m.span.get("text") or m.surface, m.label, m.kb) for m in recs]
    for k, label in retype(doc.original, spans, kb, roles).items():
        recs[k].label = label


def resolve_documents(
    docs: Sequence[Document], kb: KB | None = None, corrections: Iterable[Mapping[str, Any]] = ()
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Return (entities, mention_entity) for ``docs``: clustered, corrected, ids unique and stable."""
    mentions = _without_own_outlet(docs, collect_mentions(docs, kb), kb)
    entities = [entity_json([mentions[i] for i in g], kb) for g in cluster(mentions, kb)]
    unique_ids(entities)
    entities = apply_corrections(entities, corrections)
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"], e["id"]))
    mention_entity = {f"{s['doc']}#{s['ann']}": e["id"] for e in entities for s in e["mentions"]}
    return entities, mention_entity
