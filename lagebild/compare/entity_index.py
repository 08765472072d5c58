"""Entity resolution against the stored entities: their name forms and keys as rows.

A first run clusters every mention of the corpus (``lagebild.entities.resolve``). The store then
keeps, per entity, the distinct forms its mentions took (label, form, name key, spelling, KB id,
role, and for an acronym its text defines, that long name) and the keys under which resolution lets names meet (KB id, name key, genitive-free key,
spelling-blind and transliteration keys, surname and its block, initials, role key, a place's
head word, an organisation's first and last word), with an index on the key. A later run
resolves only the mentions of the documents it adds: it looks up their keys, takes the forms
of the stored entities found under them as stand-ins (one per form and entity, in a document of
their own), clusters the new mentions together with those stand-ins by the same rules, and
then

- a new mention clustered with stand-ins of one stored entity joins it (its name, type and id
  stay; its aliases, roles and mention list grow);
- new mentions clustered with no stand-in form new entities;
- stored entities never merge or split (as stored stories do not): when the new mentions fall
  between several, they join the one that shares their exact name or KB key, else the largest.

Rules that weigh the whole corpus ("unambiguously in the corpus", a role tied by an apposition
anywhere, a surname decided by the documents' other names) see only the new documents and the
candidate entities, so an incremental picture can differ from a one-shot run over the same
documents; ``recompute_corpus(store, reuse=False)`` gives the one-shot picture.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from cleanco import basename as _company_base

from lagebild.entities.context import is_outlet_name, printed_own_names
from lagebild.entities.kb import KB
from lagebild.entities.normalize import fold_key, genitive_candidates, name_key, translit_key, umlaut_key
from lagebild.entities.resolve import (
    FUNCTION_WORDS,
    TRANSLIT_MIN,
    MentionRec,
    apply_corrections,
    cluster,
    collect_mentions,
    entity_json,
    name_initials,
    uninflected,
    unique_ids,
)
from lagebild.model import Document

__all__ = ["EntityIndex", "EntityRows", "form_keys", "index_settings", "resolve_full", "resolve_incremental", "stored_entity_index"]

#: the fields of a mention that a stored form keeps (what clustering and the entity record read besides the span)
_FORM_FIELDS = ("label", "form", "norm", "surface", "kb", "wikidata", "role", "role_key")
#: the keys of a stored form: its fields, and for an acronym its document defines, that long name
#: ("LABEL|name key"): a definition stays a definition for later runs ("BVA" defined as one body is no
#: other body's initials)
_FORM_KEYS = (*_FORM_FIELDS, "expansion")
#: the place link words of ``resolve._join_place_heads`` ("Frankfurt am Main")
_PLACE_LINKS = frozenset({"am", "an", "im", "in", "ob", "bei", "vor"})
#: the prefix of a stand-in's document: no real document id starts with it
_STANDIN = "\x00"
#: the suffix ``resolve.unique_ids`` gives the second and later entities of one id
_SUFFIX = re.compile(r"~\d+$")


def index_settings(kb_files: Sequence[str], version: str) -> str:
    """The digest under which the stored index is valid: the KB files (name, size, time) and the code version."""
    stamps = []
    for name in kb_files:
        try:
            st = os.stat(name)
            stamps.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            stamps.append([name, None, None])
    return hashlib.blake2b(json.dumps([stamps, version]).encode(), digest_size=12).hexdigest()


def _form(m: MentionRec, defined: Mapping[str, str]) -> tuple[Any, ...]:
    return (*(getattr(m, f) for f in _FORM_FIELDS), defined.get(m.ref))


def _long_forms(mentions: Sequence[MentionRec]) -> dict[str, str]:
    """The long name each defined acronym mention stands for, as ``"LABEL|name key"`` by mention ref."""
    at = {m.ref: m for m in mentions}
    out: dict[str, str] = {}
    for m in mentions:
        long = at.get(m.expansion) if m.expansion else None
        if long is not None:
            out[m.ref] = f"{long.label}|{long.norm}"
    return out


def _expand_standins(standins: Sequence[MentionRec], forms: Sequence[Mapping[str, Any]], owner: Sequence[str]) -> None:
    """Point each stand-in of a defined acronym at the stand-in of its long name (of its own entity
    first); a long name not among the stand-ins leaves a ref no mention has, which still marks the
    acronym as defined."""
    own: dict[tuple[str, str], str] = {}
    anywhere: dict[str, str] = {}
    for m, eid in zip(standins, owner, strict=True):
        key = f"{m.label}|{m.norm}"
        own.setdefault((eid, key), m.ref)
        anywhere.setdefault(key, m.ref)
    for m, f, eid in zip(standins, forms, owner, strict=True):
        long = f.get("expansion")
        if long:
            m.expansion = own.get((eid, str(long))) or anywhere.get(str(long)) or f"{_STANDIN}#{long}"


def form_keys(form: Mapping[str, Any] | MentionRec, *, lookup: bool = False) -> set[str]:
    """The keys under which a mention of this form can meet another in ``resolve.cluster``.

    Over-inclusive on purpose: a key only makes a stored entity a candidate; clustering decides.
    ``lookup``: the keys a new mention looks up (a bare surname looks for full names whose last
    word is one edit away, and the other way round), else those a stored form is found by.
    """
    get = form.get if isinstance(form, Mapping) else (lambda k: getattr(form, k))
    label, kind, norm = str(get("label") or ""), str(get("form") or ""), str(get("norm") or "")
    out: set[str] = set()
    if get("kb"):
        out.add(f"kb:{get('kb')}")
    if get("role_key"):
        out.add(f"r:{get('role_key')}")
    if not norm:
        return out
    for b in [norm, *genitive_candidates(norm)]:
        out.add(f"n:{b}")
        folded = fold_key(b)
        out.add(f"f:{folded.replace(' ', '')}")
        spelt_out = umlaut_key(b)
        if spelt_out:
            out.add(f"u:{spelt_out.replace(' ', '')}")
        t = translit_key(b)
        if len(t) >= TRANSLIT_MIN - 1:
            out.add(f"t:{t}")
        words = folded.split()
        if label == "PER" and words:
            last = words[-1] if len(words) > 1 else folded.replace(" ", "")
            out.add(f"s:{last}")  # a surname, bare or ending a full name
            if t:
                out.add(f"s:{t.split()[-1] if len(words) > 1 else t.replace(' ', '')}")
            if 2 <= len(words) <= 4:
                out.add(f"b:{words[-1][:3]}")  # the block of similar surnames (typos, transliterations, middle names)
            # a surname one edit away: full names by the first letter and length of their last word
            full, bare = ("e", "E") if lookup else ("E", "e")
            if len(words) > 1 and len(last) >= 7:
                out.add(f"{full}:{last[:1]}{len(last)}")
            elif len(words) == 1 and len(last) >= 8:
                out.update(f"{bare}:{last[:1]}{n}" for n in (len(last) - 1, len(last), len(last) + 1))
    words = norm.split()
    if label == "ORG":
        if kind == "acronym":
            out.add(f"a:{norm.replace(' ', '')}")
        elif len(words) >= 2:
            out.add(f"i:{uninflected(norm)}")
            out.add(f"a:{name_initials(norm)}")
            short = name_key(_company_base(norm))
            if short:
                out.add(f"n:{short}")
            for w in {words[0], words[-1]}:
                if w not in FUNCTION_WORDS and len(w) >= 4:
                    out.add(f"w:{w}")
            out.add(f"o:{words[-1]}")  # "Polizei Koblenz" / "Polizeipräsidium Koblenz": the place they share
        else:
            out.add(f"w:{norm}")
    place_head = len(words) == 1 or (len(words) >= 3 and words[1] in _PLACE_LINKS) or (len(words) == 2 and get("kb"))
    if label == "LOC" and place_head:
        out.add(f"h:{words[0]}")  # "Frankfurt" / "Frankfurt am Main"
    return out


@dataclass
class EntityRows:
    """What a run changes in the stored index: forms and keys by entity, resolved documents."""

    settings: str
    #: entity id → (its forms as dicts, its keys); written whole for these entities
    forms: dict[str, tuple[list[dict[str, Any]], set[str]]] = field(default_factory=dict)
    #: entity ids whose rows go (the entity took another id)
    gone: set[str] = field(default_factory=set)
    #: documents resolved in this run (or whose waiting roles changed) → the names they print as their own
    #: outlet, and their roles no person was found for yet (tried again by later runs)
    resolved: dict[str, tuple[list[str], list[dict[str, Any]]]] = field(default_factory=dict)
    #: drop every stored row first (a full run)
    replace_all: bool = False


@dataclass
class EntityIndex:
    """The stored index as a run sees it, and the rows the run leaves to save (``rows``)."""

    settings: str
    #: documents the stored entities were resolved over
    resolved: set[str]
    #: the names documents without a host print as their own outlet, by document
    own: dict[str, list[str]]
    #: the bare roles of stored documents that no person was found for yet, by document
    roles: dict[str, list[dict[str, Any]]]
    #: the stored entities, in their stored order
    entities: list[dict[str, Any]]
    #: keys → ``{entity id: forms}`` of the stored entities with any of these keys
    lookup: Callable[[list[str]], dict[str, list[dict[str, Any]]]]
    rows: EntityRows | None = None


_INDEX: ContextVar[EntityIndex | None] = ContextVar("lagebild_entity_index", default=None)


@contextmanager
def stored_entity_index(index: EntityIndex) -> Iterator[None]:
    """Inside the block, ``EntityResolver`` resolves against ``index`` and leaves its rows there."""
    token = _INDEX.set(index)
    try:
        yield
    finally:
        _INDEX.reset(token)


def current_index() -> EntityIndex | None:
    return _INDEX.get()


def _bare_role(m: MentionRec) -> bool:
    """A role mention that only the story context can tie to a person ("der Polizeisprecher")."""
    return m.form == "role" and bool(m.role_key) and " " not in str(m.role_key)


def _role_row(m: MentionRec) -> dict[str, Any]:
    return {**{x: getattr(m, x) for x in _FORM_FIELDS}, "ann": m.ann, "span": m.span}


def _own_outlet(docs: Sequence[Document], mentions: list[MentionRec], kb: KB | None,
                stored_own: Iterable[str] = ()) -> tuple[list[MentionRec], dict[str, list[str]]]:
    """``resolve._without_own_outlet``, also giving each document's own-outlet keys (kept as rows)."""
    hostless = {d.id for d in docs if not d.meta.outlet}
    per_doc: dict[str, list[str]] = {}
    keys = set(stored_own)
    if hostless:
        persons = frozenset(w for m in mentions if m.label == "PER" and m.form == "name" for w in fold_key(m.norm).split())
        for d in docs:
            if d.id in hostless:
                got = printed_own_names(d.text, persons)
                if got:
                    per_doc[d.id] = sorted(got)
                keys |= got
    own = frozenset(k for k in keys if kb is None or kb.lookup(k) is None)
    if not own:
        return mentions, per_doc
    kept = [m for m in mentions if m.doc not in hostless or m.form == "role" or not is_outlet_name(m.surface, own)]
    return kept, per_doc


def _form_dict(f: tuple[Any, ...], n: int) -> dict[str, Any]:
    out = dict(zip(_FORM_KEYS, f, strict=True))
    if out["expansion"] is None:
        del out["expansion"]  # rows of acronyms not defined, and of other names, stay as they were
    return {**out, "n": n}


def _forms_of(members: Iterable[MentionRec], defined: Mapping[str, str]) -> list[dict[str, Any]]:
    """The distinct forms of these mentions, with how many mentions took each ("n")."""
    seen: Counter[tuple[Any, ...]] = Counter(_form(m, defined) for m in members)
    return [_form_dict(f, n) for f, n in seen.items()]


def _add_forms(forms: Sequence[dict[str, Any]], news: Iterable[MentionRec], defined: Mapping[str, str]) -> list[dict[str, Any]]:
    counts: Counter[tuple[Any, ...]] = Counter()
    for f in forms:
        counts[tuple(f.get(x) for x in _FORM_KEYS)] += int(f.get("n") or 1)
    counts.update(_form(m, defined) for m in news)
    return [_form_dict(f, n) for f, n in counts.items()]


def _rec(doc: str, ann: str, f: Mapping[str, Any], span: dict[str, Any] | None = None) -> MentionRec:
    """A mention of a stored form (or waiting role)."""
    return MentionRec(doc=doc, ann=ann, label=str(f.get("label") or "MISC"), form=str(f.get("form") or "name"),
                      norm=str(f.get("norm") or ""), surface=str(f.get("surface") or ""), kb=f.get("kb"),
                      wikidata=f.get("wikidata"), role=f.get("role"), role_key=f.get("role_key"), span=span or {})


def _standing(forms: Iterable[Mapping[str, Any]]) -> list[MentionRec]:
    """Mentions standing for an entity's forms, each as often as it was seen (what naming an entity counts)."""
    out: list[MentionRec] = []
    for f in forms:
        m = _rec("", "", f, {"doc": "", "start": 0, "end": 0})
        out.extend([m] * int(f.get("n") or 1))
    return out


def _keys_of(forms: Iterable[Mapping[str, Any]]) -> set[str]:
    out: set[str] = set()
    for f in forms:
        out |= form_keys(f)
    return out


def _finish(entities: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"], e["id"]))
    return entities, {f"{s['doc']}#{s['ann']}": e["id"] for e in entities for s in e["mentions"]}


def resolve_full(docs: Sequence[Document], kb: KB | None, corrections: Sequence[Mapping[str, Any]],
                 settings: str | None) -> tuple[list[dict[str, Any]], dict[str, str], EntityRows | None]:
    """``resolve.resolve_documents`` (same entities, same map), and the index rows for them.

    No rows when ``settings`` is None or corrections apply (the stored index would not match the
    corrected entities: every run with corrections resolves the whole corpus)."""
    mentions, own = _own_outlet(docs, collect_mentions(docs, kb), kb)
    groups = cluster(mentions, kb)
    grouped = {i for g in groups for i in g}
    waiting: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if i not in grouped and _bare_role(m):
            waiting[m.doc].append(_role_row(m))
    entities: list[dict[str, Any]] = []
    members: list[list[MentionRec]] = []
    for g in groups:
        ms = [mentions[i] for i in g]
        entities.append(entity_json(ms, kb))
        members.append(ms)
    unique_ids(entities)
    rows = None
    if settings is not None and not corrections:
        rows = EntityRows(settings, replace_all=True, resolved={d.id: (own.get(d.id, []), waiting.get(d.id, [])) for d in docs})
        defined = _long_forms(mentions)
        for ent, ms in zip(entities, members, strict=True):
            forms = _forms_of(ms, defined)
            rows.forms[ent["id"]] = (forms, _keys_of(forms))
    entities = apply_corrections(entities, corrections)
    out, mention_entity = _finish(entities)
    return out, mention_entity, rows


def resolve_incremental(docs: Sequence[Document], kb: KB | None, index: EntityIndex) -> tuple[list[dict[str, Any]], dict[str, str], EntityRows] | None:
    """Resolve the mentions of ``docs`` not yet resolved against the stored entities (see the module text).

    None when the stored index cannot serve (a stored document is gone or its mentions changed).
    """
    ids = {d.id for d in docs}
    if not index.resolved <= ids:
        return None  # a stored document was removed: its mentions are still in stored entities
    new_docs = [d for d in docs if d.id not in index.resolved]
    rows = EntityRows(index.settings)
    entities = [dict(e) for e in index.entities]
    if not new_docs:  # (waiting roles wait for a new document)
        out, mention_entity = _finish(entities)
        return out, mention_entity, rows
    new_ids = {d.id for d in new_docs}
    if any(str(s.get("doc")) in new_ids for e in entities for s in e.get("mentions") or []):
        return None  # a document analysed again: its old mentions are in stored entities
    mentions, own = _own_outlet(new_docs, collect_mentions(new_docs, kb), kb, {k for v in index.own.values() for k in v})
    keys: set[str] = set()
    for m in mentions:
        keys |= form_keys(m, lookup=True)
    found = index.lookup(sorted(keys))
    standins: list[MentionRec] = []
    owner: list[str] = []
    standin_forms: list[dict[str, Any]] = []
    for eid in sorted(found):
        for k, f in enumerate(found[eid]):
            standins.append(_rec(_STANDIN + eid, str(k), f))
            owner.append(eid)
            standin_forms.append(f)
    _expand_standins(standins, standin_forms, owner)
    defined = _long_forms(mentions)
    pool = standins + mentions
    by_id = {str(e.get("id")): e for e in entities}
    forms_of: dict[str, list[dict[str, Any]]] = {}
    groups = cluster(pool, kb)
    grouped = {i for g in groups for i in g}
    joined: dict[str, list[MentionRec]] = defaultdict(list)  # stored entity id → its new mentions
    fresh: list[list[MentionRec]] = []  # the new mentions of each new entity
    for g in groups:
        news = [pool[i] for i in g if i >= len(standins)]
        if not news:
            continue
        owners = {owner[i] for i in g if i < len(standins) and owner[i] in by_id}
        if owners:
            joined[_target(owners, news, found, by_id)].extend(news)
        else:
            fresh.append(news)
    # bare roles without a person in their document: new ones, and stored ones a new document may now place
    roles = [m for i, m in enumerate(pool) if i >= len(standins) and i not in grouped and _bare_role(m)]
    roles += [_rec(d, str(r["ann"]), r, dict(r["span"])) for d, rs in sorted(index.roles.items()) for r in rs]
    placed = _roles_by_story(roles, entities, found, joined, fresh) if roles else set()
    still: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in roles:
        if id(m) not in placed:
            still[m.doc].append(_role_row(m))
    rows.resolved = {d.id: (own.get(d.id, []), still.get(d.id, [])) for d in new_docs}
    for d, rs in index.roles.items():
        if len(still.get(d, [])) != len(rs):
            rows.resolved[d] = (index.own.get(d, []), still.get(d, []))
    for eid, news in joined.items():
        forms_of[eid] = _add_forms(found.get(eid, []), news, defined)
        by_id[eid]["mentions"] = sorted([*(by_id[eid].get("mentions") or []), *(dict(m.span) for m in news)],
                                        key=lambda s: (s["doc"], s["start"], s["end"]))
    new_entities = [(entity_json(news, kb), news) for news in fresh]
    # grown entities are named again from all their forms (a fuller name may now lead); stored ids stay
    # unless the name changed, and a new or renamed id takes the next free number ("~2") if taken
    taken = {str(e["id"]) for e in entities}
    grown: dict[str, dict[str, Any]] = {}
    for eid, forms in forms_of.items():
        ent = entity_json(_standing(forms), kb)
        ent["mentions"] = by_id[eid]["mentions"]
        if str(ent["id"]) == _SUFFIX.sub("", eid):
            ent["id"] = eid
        else:
            taken.discard(eid)
            ent["id"] = _free(str(ent["id"]), taken)
            rows.gone.add(eid)
        grown[eid] = ent
        rows.forms[str(ent["id"])] = (forms, _keys_of(forms))
    entities = [grown.get(str(e["id"]), e) for e in entities]
    for ent, news in new_entities:
        ent["id"] = _free(str(ent["id"]), taken)
        entities.append(ent)
        forms = _forms_of(news, defined)
        rows.forms[str(ent["id"])] = (forms, _keys_of(forms))
    out, mention_entity = _finish(entities)
    return out, mention_entity, rows


def _roles_by_story(roles: Sequence[MentionRec], entities: Sequence[dict[str, Any]], found: Mapping[str, list[dict[str, Any]]],
                    joined: dict[str, list[MentionRec]], fresh: list[list[MentionRec]]) -> set[int]:
    """A bare role ("der Polizeisprecher") of a new document names the one person tied to that role
    whose story the document is in, as ``resolve.cluster`` decides it (``_StoryContext``), here with
    the stored documents' entities as the story context (stand-ins have no documents of their own)."""
    by_doc: dict[str, set[Any]] = defaultdict(set)
    docs_of: dict[Any, set[str]] = defaultdict(set)
    for e in entities:
        for span in e.get("mentions") or []:
            by_doc[str(span["doc"])].add(e["id"])
            docs_of[e["id"]].add(str(span["doc"]))
    persons: dict[str, set[Any]] = defaultdict(set)  # role key → the persons tied to it
    for eid, forms in found.items():
        for f in forms:
            if f.get("label") == "PER" and f.get("form") != "role" and f.get("role_key"):
                persons[str(f["role_key"])].add(eid)
    for owner, news in [*joined.items(), *enumerate(fresh)]:
        key: Any = owner if isinstance(owner, str) else ("new", owner)
        for m in news:
            if m.form in ("name", "acronym"):
                by_doc[m.doc].add(key)
                docs_of[key].add(m.doc)
            if m.label == "PER" and m.form != "role" and m.role_key:
                persons[m.role_key].add(key)
    n = len(by_doc)
    common = {r for r, docs in docs_of.items() if len(docs) > max(2, n // 5)}
    weight = {r: math.log(n / len(docs)) for r, docs in docs_of.items() if r not in common}

    def in_story(doc: str, person: Any) -> bool:
        others: set[Any] = set()
        for d in docs_of.get(person, ()):
            if d != doc:
                others |= by_doc[d]
        if len((by_doc.get(doc, set()) & others) - common) >= 2:
            return True
        score: dict[str, float] = defaultdict(float)
        for r in by_doc.get(doc, ()):
            w = weight.get(r)
            if w:
                for d in docs_of[r]:
                    if d != doc:
                        score[d] += w
        near = set(sorted(score, key=lambda d: (-score[d], d))[:3])
        return bool(near & docs_of.get(person, set()))

    placed: set[int] = set()
    for m in roles:
        target = [p for p in persons.get(str(m.role_key), ()) if in_story(m.doc, p)]
        if len(target) == 1:
            p = target[0]
            (joined[p] if isinstance(p, str) else fresh[p[1]]).append(m)
            placed.add(id(m))
    return placed


def _target(owners: set[str], news: Sequence[MentionRec], found: Mapping[str, list[dict[str, Any]]],
            by_id: Mapping[str, dict[str, Any]]) -> str:
    """The stored entity new mentions clustered with several stored ones join: exact name or KB key, else the largest."""
    if len(owners) == 1:
        return next(iter(owners))
    exact = {(m.kb or "", m.norm) for m in news}

    def shares(eid: str) -> bool:
        return any((f.get("kb") or "", f.get("norm")) in exact for f in found.get(eid, []))

    return min(owners, key=lambda e: (not shares(e), -len(by_id[e].get("mentions") or []), e))


def _free(base: str, taken: set[str]) -> str:
    """``base``, or ``base~2``, ``base~3`` … whichever is not taken yet (then taken)."""
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base}~{n}"
    taken.add(out)
    return out
