"""Which place or group a figure is about, and who gives it: scope keys, totals over places, claimant keys.

A scope is keyed by its main word without demonym or case endings ("Münchner" ~ "München"), two names
joined ("CDU/CSU") by both parts; a claimant by the authority word it names ("Ein Polizeisprecher" →
"polizei", from ``claimant_authorities`` in claim_disputes.toml) and what sets that authority apart ("das
nordländische Gesundheitsministerium" → "minister|gesundheits|nordland"). Words that name no place ("insgesamt",
"bundesweit") and the cues of totals come from claim_scopes.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.compare.claim_values import DISPUTES, SCOPES, cue_pattern, each_cues
from lagebild.entities.context import load_context
from lagebild.entities.kb import load_kb
from lagebild.entities.normalize import fold_key
from lagebild.entities.roles import load_roles
from lagebild.events.corpus import norm_name
from lagebild.model import Annotation, Document
from lagebild.numbers.measures import load_measures

__all__ = ["claimant_key", "lead_place", "no_scope", "pair_key", "scope_key"]


_SOURCE_BEFORE = re.compile(r"(?i)\b(?:laut|lt\.|nach Angaben (?:der|des|von|vom)|nach Informationen (?:der|des|von|vom)|according to)\s+(?:der|des|dem|den)?\s*$")


@lru_cache(maxsize=4)
def _scope_vocabulary(path: Path = SCOPES) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Words that are no scope, and the pattern before an organisation that names a body, not a group."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        body = re.compile(str(raw["bodies_after"])) if raw.get("bodies_after") else None
    except (OSError, tomllib.TOMLDecodeError, re.error):
        return frozenset(), None
    return frozenset(str(w).lower() for w in raw.get("not_scopes", [])), body


@lru_cache(maxsize=4)
def _total_cues(path: Path = SCOPES) -> re.Pattern[str] | None:
    """The words that, just before a figure, make it a total over places ("insgesamt", "an allen Standorten")."""
    # the cue in the figure's own clause: no comma, stop or other figure between ("… kamen 35.000 Menschen
    # zusammen, in Frankfurt demonstrierten 32.000" is no total)
    return cue_pattern(path, "totals", r"[^.,;:!?\d]{0,60}$")


@lru_cache(maxsize=4)
def _plural_totals(path: Path = SCOPES) -> re.Pattern[str] | None:
    """The words that name several places as one before a figure in its clause ("in beiden Ländern")."""
    return cue_pattern(path, "plural_totals", r"[^.,;:!?\d]{0,40}$")


def _says_total(text: str, sentence: Any, at: int, end: int, locs: list[Annotation]) -> bool:
    """True for a figure a total cue stands just before ("insgesamt 33 Tote", "an allen Standorten zusammen
    98.650"), unless its sentence names one place alone up to the figure ("Insgesamt starben in Nordhafen 12"):
    a total for that place."""
    cues = _total_cues()
    before = text[max(sentence.start, at - 60) : at]
    plural = _plural_totals()
    if plural is not None and plural.search(before):
        return True  # "in beiden Ländern zusammen 4.300": several places, whatever one place the sentence names
    if cues is None or not cues.search(before):
        return False
    places = {scope_key(a.surface) for a in locs if sentence.start <= a.span.start < end and not no_scope(a.surface)
              and a.data.get("form", "name") == "name"}
    return len(places) != 1


def no_scope(text: str | None) -> bool:
    """True for a stated scope that says no place or group: "Insgesamt", "bundesweit", a number (not a name
    with a number in it: "Bündnis 90/Die Grünen")."""
    if not text or not text.strip():
        return True
    words, _ = _scope_vocabulary()
    low = text.strip().lower()
    return low[0].isdigit() or not any(ch.isalpha() for ch in low) or low in words or low.split()[0] in words


_ADMIN = frozenset(["landkreis", "kreis", "stadt", "bezirk", "provinz", "region", "raum", "großraum", "bundesland", "land", "gemeinde", "bad", "sankt", "st", "stadtteil"])
_FOLD = str.maketrans("äöüß", "aous")
_JOINT = re.compile(r"([^\W\d][\w.]*)\s*/\s*([^\W\d][\w.]*)")


def scope_key(name: str) -> str:
    """Key a place or group by its main word, without demonym or case endings: "Münchner" ~ "München", "Kreis Ahrweiler" ~ "Bad Neuenahr-Ahrweiler"."""
    joint = _JOINT.fullmatch(name.strip())
    if joint:  # two names joined by a slash ("CDU/CSU", "SPD/Grüne"): the pair, not one of its parts ("CDU")
        return "+".join(sorted(scope_key(part) for part in joint.groups()))
    words = [w for w in re.split(r"[\s\-/]+", name.lower()) if w and w not in _ADMIN] or [name.lower()]
    word = max(words, key=len).translate(_FOLD)
    for suffix in ("ischen", "ischer", "isches", "ische", "isch", "ener", "ner", "er", "en", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def pair_key(first: str, second: str) -> str:
    """Key two places or groups together ("Nordhafen" and "Bad Südtal", "SPD" and "Die Linke"): both parts'
    keys, in either order; never one part's key."""
    return "+".join(sorted({scope_key(first), scope_key(second)}))


def claimant_key(text: str) -> str:
    """Key a claimant by the authority word it names and what sets that authority apart: the first part of its
    compound ("Zivilschutzminister" → "minister|zivilschutz"), a demonym or place adjective before it ("das
    nordländische Gesundheitsministerium" → "minister|gesundheits|nordland", "Berliner Polizei") and a name after
    it ("die Armee Israels", "das Ministerium der Hamas"). Two countries' ministries are two claimants; the bare word
    ("Polizei", "Ein Polizeisprecher" → "polizei") when nothing sets it apart. Without an authority word, its name."""
    low = text.lower()
    hits = [(low.find(a), len(a), a) for a in _authorities() if a in low]
    if not hits:
        return norm_name(text)
    at, _, word = min(hits)
    start = max(low.rfind(c, 0, at) for c in " -/(\"'„“") + 1
    end = at + len(word)
    while end < len(low) and (low[end].isalnum() or low[end] == "-"):
        end += 1
    prefix = low[start:at].strip("-")
    mods = [prefix] if len(prefix) > 2 else []
    before = _MODIFIER_BEFORE.search(text[:start])
    if before:
        mods.append(scope_key(before.group(1)))
    after = _MODIFIER_AFTER.match(text[end:])
    if after and after.group(1).lower() not in _authorities():
        mods.append(scope_key(_name_word(after.group(1).split(), text[start:end])))
    return "|".join([word, *mods])


def _name_word(words: list[str], head: str) -> str:
    """The word of the capitalised run after an authority that keys it: a person's surname, after given names
    ("Verkehrsminister Anton Albers" is "Verkehrsminister Albers") or after a person's title ("Zivilschutzminister
    Nello Musumeci"); else the first word, since the run may go on with other nouns ("die Armee Israels Sprecher",
    "der Palästinensischen Autonomiebehörde", "von Sri Lanka")."""
    given = load_context().given_names
    lead = 0
    while lead < len(words) - 1 and _given_key(words[lead]) in given:
        lead += 1
    if lead:
        return words[lead]
    if 1 < len(words) <= 3 and load_roles().match(head[:1].upper() + head[1:]) is not None:
        return words[-1]
    return words[0]


def _given_key(word: str) -> str:
    """A given name's key as the KB lists it ("Hans-Peter" by its first part)."""
    first = word.split("-")[0]
    return first.casefold() if first.isascii() else fold_key(first)


# a demonym or place adjective right before the authority's word ("nordländische", "US-", "Berliner", not "Der")
_MODIFIER_BEFORE = re.compile(r"(?<![\w-])([a-zäöüßA-ZÄÖÜ][\w]*isch(?:e|en|er|es|em)?|[A-ZÄÖÜ][a-zäöüß]+er"
                              r"|[A-ZÄÖÜ]{2,})[\s-]+$")
# a name after it: a genitive ("Israels") or one introduced by an article or "von" ("der Hamas", "von Nordland")
_MODIFIER_AFTER = re.compile(r"\s+(?:(?:der|des|von|vom)\s+)?([A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)*)")


@lru_cache(maxsize=4)
def _authorities(path: Path = DISPUTES) -> tuple[str, ...]:
    """The authority words that key a claimant (``claimant_authorities``); none when the file is unreadable."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    return tuple(str(w).lower() for w in raw.get("claimant_authorities", []) if w)


def _main_places(doc: Document, lead_chars: int = 300) -> dict[str, str]:
    """Places an article is about (key → name): those named in its lead (headline, dateline) and the one it names most often."""
    keys: Counter[str] = Counter()
    names: dict[str, str] = {}
    lead: set[str] = set()
    for a in doc.annotations:
        if a.kind == "entity" and a.label == "LOC" and not no_scope(a.surface):
            words = sorted({scope_key(w) for w in re.split(r"[\s\-/]+", a.surface) if len(w) > 3})
            keys.update(words)
            for w in words:
                names.setdefault(w, a.surface)
            if a.span.start < lead_chars:
                lead.update(words)
    # the place named most often, only when no other is named as often (a tie names none, whatever
    # order the names were met in)
    ranked = keys.most_common(2)
    top = [k for k, n in ranked[:1] if n > 1 and (len(ranked) < 2 or ranked[1][1] < n)]
    return {k: names[k] for k in lead | set(top)}


def lead_place(doc: Document, lead_chars: int = 150) -> str | None:
    """The scope key of the first place an article names by name in its lead (its headline or dateline: "München –
    …", "Zehntausende in Hamburg auf der Straße"), else None: the place the article reports from. A country is
    skipped: it holds the towns other articles report from ("Grubenunglück in Polen" beside "Rybnik (dpa)")."""
    entries = load_kb().entries
    first = min((a for a in doc.annotations if a.kind == "entity" and a.label == "LOC" and a.span.start < lead_chars
                 and a.data.get("form", "name") == "name" and not no_scope(a.surface)
                 and getattr(entries.get(str(a.data.get("kb") or "")), "kind", None) != "country"),
                key=lambda a: a.span.start, default=None)
    return scope_key(first.surface) if first is not None else None


def _near_place(text: str, locs: list[Annotation], at: int, window: int = 250) -> str | None:
    """The scope key of the last place named within ``window`` characters before offset ``at`` (the start of
    the figure's sentence: a place in the sentence itself was not taken for its scope by the claims stage),
    by its name ("südkoreanischem" in "Laut südkoreanischem Geheimdienst" names who says it, not where)."""
    places = [a for a in locs if at - window <= a.span.start < at
              and a.data.get("form", "name") == "name" and not no_scope(a.surface)
              and not _SOURCE_BEFORE.search(text[max(0, a.span.start - 30) : a.span.start])]
    if not places:
        return None
    last = max(places, key=lambda a: a.span.start)
    words = [w for w in re.split(r"[\s\-/]+", last.surface) if len(w) > 3]
    return scope_key(last.surface) if words else None


def _body_not_group(doc: Document, scope_ann: Annotation | None, measure: str) -> bool:
    """True when a share's scope is the body it is counted for ("im Bundestag vertreten"), not whose share it is."""
    _, body = _scope_vocabulary()
    if scope_ann is None or body is None or scope_ann.label != "ORG":
        return False
    kind = getattr(load_measures().by_id(measure.partition(":")[0]), "kind", None)
    return kind == "percent" and bool(body.search(doc.text[max(0, scope_ann.span.start - 20) : scope_ann.span.start]))


_JOINED = re.compile(r"^\s*(?:und|&|/|and)\s*$")


def _joined_with(text: str, scope: Annotation | None, ents: list[Annotation]) -> Annotation | None:
    """The name joined to a scope by "und" or a slash ("CDU und CSU", "CDU/CSU-Fraktion", "in Nordhafen und
    Südtal"), of the same kind, right before or after it: the figure is the pair's. None otherwise."""
    if scope is None:
        return None
    for a in ents:
        if a is scope or a.label != scope.label or a.surface.lower() == scope.surface.lower():
            continue
        gap = text[a.span.end : scope.span.start] if a.span.end <= scope.span.start else text[scope.span.end : a.span.start]
        if (a.span.end <= scope.span.start or scope.span.end <= a.span.start) and len(gap) <= 6 and _JOINED.match(gap):
            return a
    return None


def _for_each(text: str, pair: tuple[Annotation, Annotation], figure: Annotation, sentence: Any) -> bool:
    """True when a cue says the figure is given for each of a pair ("In Nordhafen und Südtal demonstrierten
    jeweils 5.000", "… 5.000 Menschen each"): between the pair and the figure, or just after the figure in its
    clause."""
    cue = each_cues()
    if cue is None:
        return False
    start, end = min(a.span.start for a in pair), max(a.span.end for a in pair)
    between = text[end : figure.span.start] if end <= figure.span.start else text[figure.span.end : start]
    after = re.match(r"[^.,;:!?]{0,30}", text[figure.span.end : sentence.end])
    return bool(cue.search(between) or (after and cue.search(after.group())))


def _place_after_adjective(text: str, scope: Annotation | None, locs: list[Annotation]) -> Annotation | None:
    """The place a place adjective stands before ("im rheinland-pfälzischen Landkreis Ahrweiler", "im
    niedersächsischen Alfeld"): the figure is about the named place, not the whole region; None otherwise."""
    if scope is None or (scope.data.get("form") != "adjective" and not scope.surface[:1].islower()):
        return None
    return next((a for a in locs if a.span.start > scope.span.end and not text[scope.span.end : a.span.start].strip()), None)
