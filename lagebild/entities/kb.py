"""The knowledge base: countries (names, adjectives, demonyms, capitals), organisations, agencies.

Data lives in ``lagebild/data/kb/*.tsv`` and users can add their own files (same formats) through
the stage settings ``kb_files``. Files are TAB-separated with ``#`` comments; lists use ``;``.
Two layouts are recognised per line by their third column:

- entity lines ``id wikidata TYPE kind name aliases country [flags]`` (TYPE is PER/ORG/LOC/MISC;
  flags an optional ``;``-list such as ``first_part_names_another_town``);
- country lines ``id wikidata name aliases adjectives demonyms capital``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.entities.normalize import (
    ADJ_ENDINGS,
    fold_key,
    genitive_candidates,
    name_key,
    slug,
    umlaut_key,
)

__all__ = ["KB", "KBEntry", "load_kb"]

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
_TYPES = {"PER", "ORG", "LOC", "MISC"}
_DEMONYM_ENDINGS = ("", "n", "en", "s", "in", "innen", "e")


@dataclass(slots=True)
class KBEntry:
    """One knowledge-base entity."""

    id: str
    type: str
    name: str
    kind: str = "org"
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # for organisations: the country they belong to; for capitals: the state
    flags: frozenset[str] = frozenset()  # facts the resolver reads ("first_part_names_another_town")


@dataclass(slots=True)
class KB:
    """Indices over the entries: name keys, adjective stems, demonym stems, capitals."""

    entries: dict[str, KBEntry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # name key → entry id
    adjectives: dict[str, str] = field(default_factory=dict)  # lower-case adjective stem → country id
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym word (any ending) → country id
    capitals: dict[str, str] = field(default_factory=dict)  # capital entry id → country id
    max_name_tokens: int = 1
    first_words: frozenset[str] = frozenset()  # first word of every name key (cheap pre-filter)
    lower_names: frozenset[str] = frozenset()  # keys that may match in lower case ("dpa")

    adjective_forms: dict[str, str] = field(default_factory=dict)  # every inflected form → country id
    folded: dict[str, str] = field(default_factory=dict)  # spelling-blind key (fold_key) → entry id
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name key → ids of the entities sharing it
    actors: dict[str, str] = field(default_factory=dict)  # capital id → what it stands for when it acts, if not its state
    country_codes: dict[str, str] | None = None  # results-list code → country id, built on first use (entities.codes)

    def maybe_adjective(self, low: str) -> bool:
        """Cheap pre-filter: is this lower-cased word an inflected KB adjective?"""
        return low in self.adjective_forms

    def freeze(self) -> KB:
        """Build the pre-filter sets once all files are read."""
        keys = list(self.names)
        self.first_words = frozenset(k.split()[0] for k in keys)
        lower = set()
        for entry in self.entries.values():
            for name in [entry.name, *entry.aliases]:
                if name.islower():
                    lower.add(name_key(name))
                    lower.add(name_key(name).split()[0])  # the first token opens the lookup
        self.lower_names = frozenset(lower)
        self.adjective_forms = {stem + end: cid for stem, cid in self.adjectives.items() for end in ADJ_ENDINGS}
        return self

    def add(self, entry: KBEntry) -> None:
        old = self.entries.get(entry.id)
        if old:  # a later file extends an entry (more aliases) or overrides its fields
            old.aliases = list(dict.fromkeys([*old.aliases, *entry.aliases]))
            old.wikidata = entry.wikidata or old.wikidata
            old.country = entry.country or old.country
            entry = old
        else:
            self.entries[entry.id] = entry
        for name in [entry.name, *entry.aliases]:
            key = name_key(name)
            if key:
                self.names.setdefault(key, entry.id) if old is None else self.names.__setitem__(key, entry.id)
                self.max_name_tokens = max(self.max_name_tokens, len(key.split()))
                # "México" is also found as "Mexico", "Österreich" as "Oesterreich"
                spelt_out = umlaut_key(key) or ""  # not "ÖNB" = "OeNB"
                for variant in [*_inflected(name), fold_key(key), spelt_out]:
                    if variant:
                        self.names.setdefault(variant, entry.id)
                folded = fold_key(key).replace(" ", "")
                if folded:
                    self.folded.setdefault(folded, entry.id)

    def lookup(self, text: str) -> KBEntry | None:
        """Return the entry named ``text`` (also as a genitive: "Russlands", "des Kremls")."""
        key = name_key(text)
        hit = self.names.get(key)
        if hit is None:
            for cand in genitive_candidates(key):
                hit = self.names.get(cand)
                if hit:
                    break
        if hit is None and len(key) >= 5:
            hit = self.folded.get(fold_key(key).replace(" ", ""))  # "Turkiye", "Erdogan"
        return self.entries.get(hit) if hit else None

    def sharing(self, text: str) -> tuple[str, ...]:
        """Ids of the entities that share the name ``text`` (the default first), else ``()``."""
        key = name_key(text)
        for cand in (key, *genitive_candidates(key)):
            if cand in self.shared:
                return self.shared[cand]
        return ()

    def inflected_party(self, word: str) -> KBEntry | None:
        """The party a one-word nominalised adjective names in another case or without its article
        ("Linken" → "Die Linke", "Grüne" → "Grünen"); other words are left alone."""
        name = self.party_name(word)
        return self.lookup(name) if name else None

    def party_name(self, word: str) -> str | None:
        """The KB party name ``word`` is an inflected form of ("Grüne" → "Grünen"), else ``None``."""
        word = word.strip()
        key = name_key(word)
        if " " in key or len(key) < 5:
            return None
        cand = word[:-1] if key.endswith("en") else word + "n" if key.endswith("e") else None
        for name in (f"Die {word}", cand, f"Die {cand}") if cand else ():
            entry = self.lookup(name)
            if entry is not None and entry.type == "ORG" and entry.kind == "party":
                return name
        return None

    def actor(self, capital: KBEntry) -> KBEntry | None:
        """What a capital stands for when it acts: its state, or what ``capital_actors.tsv`` says
        ("Brüssel warnt" is the EU, not Belgium)."""
        target = self.actors.get(capital.id) or capital.country
        return self.entries.get(target) if target else None

    def adjective(self, word: str) -> KBEntry | None:
        """Return the country of an inflected adjective ("nordkoreanischen" → Nordkorea)."""
        low = word.casefold()
        if self.adjective_forms:
            hit = self.adjective_forms.get(low)
            return self.entries.get(hit) if hit else None
        for end in ADJ_ENDINGS:
            if end and not low.endswith(end):
                continue
            stem = low[: len(low) - len(end)] if end else low
            hit = self.adjectives.get(stem)
            if hit:
                return self.entries.get(hit)
        return None

    def demonym(self, word: str) -> KBEntry | None:
        """Return the country of a demonym noun ("Nordkoreaner", "Russen")."""
        hit = self.demonyms.get(word.casefold())
        return self.entries.get(hit) if hit else None


_ADJ_FIRST = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]{2,})(e|en|er|es|em)$")


def _inflected(name: str) -> list[str]:
    """Keys of a name whose first word is an inflected adjective ("Deutsche Presse-Agentur" →
    "deutschen presse agentur", "deutscher …"), so "der Deutschen Presse-Agentur" is found."""
    first, _, rest = name.partition(" ")
    m = _ADJ_FIRST.match(first)
    if not rest or m is None or not rest[:1].isupper():
        return []
    return [name_key(f"{m.group(1)}{end} {rest}") for end in ADJ_ENDINGS[1:]]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _read_lines(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        yield [c.strip() for c in cols] + [""] * (7 - len(cols))


def _add_country(kb: KB, cols: list[str]) -> None:
    cid, wikidata, name, aliases, adjectives, demonyms, capitals = cols[:7]
    kb.add(KBEntry(cid, "LOC", name, "country", wikidata or None, _split(aliases)))
    for adj in _split(adjectives):
        kb.adjectives.setdefault(adj.casefold(), cid)
    for dem in _split(demonyms):
        base = dem.casefold()
        stem = base.removesuffix("e")
        for end in _DEMONYM_ENDINGS:
            kb.demonyms.setdefault(stem + end, cid)
        kb.demonyms.setdefault(base, cid)
    for city in _split(capitals):
        spellings = [c.strip() for c in city.split("|") if c.strip()]
        if not spellings or name_key(spellings[0]) == name_key(name):
            continue  # city states: the capital is the country
        cap_id = f"city:{slug(spellings[0])}"
        if cap_id in kb.entries:
            continue
        kb.add(KBEntry(cap_id, "LOC", spellings[0], "capital", None, spellings[1:], cid))
        kb.capitals[cap_id] = cid


def _add_entity(kb: KB, cols: list[str]) -> None:
    eid, wikidata, typ, kind, name, aliases, country = cols[:7]
    flags = frozenset(_split(cols[7])) if len(cols) > 7 else frozenset()
    kb.add(KBEntry(eid, typ, name, kind or "org", wikidata or None, _split(aliases), country or None, flags))


def read_shared_names(kb: KB, path: Path) -> None:
    """Names several entities share (``name`` TAB ``id;id…``); the name keeps pointing to the first."""
    for cols in _read_lines(path):
        ids = tuple(i for i in _split(cols[1]) if i in kb.entries)
        key = name_key(cols[0])
        if key and len(ids) > 1:
            kb.shared[key] = ids
            kb.names.setdefault(key, ids[0])


def read_capital_actors(kb: KB, path: Path) -> None:
    """Capitals that stand for something else than their state when they act (``capital`` TAB ``id``)."""
    for cols in _read_lines(path):
        entry = kb.lookup(cols[0])
        if entry is not None and entry.kind == "capital" and cols[1] in kb.entries:
            kb.actors[entry.id] = cols[1]


def read_kb_file(kb: KB, path: Path) -> None:
    """Add every line of one KB file (either layout) to ``kb``."""
    for cols in _read_lines(path):
        if not cols[0]:
            continue
        if cols[2] in _TYPES:
            _add_entity(kb, cols)
        else:
            _add_country(kb, cols)


def load_kb(extra_files: tuple[str, ...] = ()) -> KB:
    """Load the shipped KB plus the user's files (later files extend or override earlier ones)."""
    # One cache key per set of files: `load_kb()` and `load_kb(())` must not build the KB twice.
    return _load_kb(tuple(extra_files))


@functools.lru_cache(maxsize=8)
def _load_kb(extra_files: tuple[str, ...]) -> KB:
    kb = KB()
    shipped = ("countries.tsv", "organisations.tsv", "historic.tsv", "endonyms.tsv", "places.tsv", "world_cities.tsv")
    for path in (*(KB_DIR / name for name in shipped), *map(Path, extra_files)):
        if not path.exists() and path.parent == KB_DIR:
            continue
        read_kb_file(kb, path)
    for name, reader in (("shared_names.tsv", read_shared_names), ("capital_actors.tsv", read_capital_actors)):
        if (KB_DIR / name).exists():
            reader(kb, KB_DIR / name)
    return kb.freeze()
