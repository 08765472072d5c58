"""Counted nouns outside the measures: one key for a noun's forms, its synonyms and its compounds.

"Schulen", "Schule" and "Volksschulen" share the key ``school`` (``[counted]`` in ``lagebild/data/measures.toml``);
any other counted noun is keyed by its lemma ("Tornados" and "Tornado" → ``tornado``). The lemma comes from
simplemma's German dictionary, the one the entity and search stages map: without it the keys of one corpus would
differ between machines, so a missing dictionary is an error, never a quiet fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lagebild.lemmas import lemmatizer

__all__ = ["Counted", "counted_entries", "counted_key", "lemma_index", "lemma_of"]

#: a head of fewer letters ends too many other words ("Orgelbauer", "Expertenkreis", "Grünland") to take any compound
#: ending in it: those take only the stems their entry lists
LONG_HEAD = 6

#: letters that join a compound's stem to its head ("Mitglied-s-länder", "Schwelle-n-länder")
_LINKS = ("s", "es", "n", "en", "er", "e")


@lru_cache(maxsize=50_000)
def lemma_of(noun: str) -> str:
    """A counted noun's lemma, lower case ("Städten" → "stadt", "Rettungswägen" → "rettungswagen")."""
    word = noun.strip().rstrip(".")
    if not word:
        return ""
    return str(lemmatizer(True).lemmatize(word[:1].upper() + word[1:], lang="de")).lower()


@dataclass(frozen=True, slots=True)
class Counted:
    """A counted noun outside the measures, with its synonyms (``[counted.<id>]``): their figures share one key."""

    id: str
    label: str
    heads: frozenset[str]  # lemmas (lower case) of the noun and its synonyms
    not_heads: frozenset[str]  # lemmas of compounds that end in a long head but count something else ("hochschule");
    # so do the compounds ending in them
    stems: frozenset[str] = frozenset()  # stems (lower case) that make a compound of a short head ("milch" + "bauer")
    hyphen: bool = False  # a short head after a hyphen is a compound of it ("EU-Staaten", "Facebook-User")

    def names(self, lemma: str) -> bool:
        """True for a head or a compound of one: a long head ("schule") after any stem of three letters or more that
        is no exception ("volksschule", not "hochschule"); a short head ("bauer", "land") only after a stem that is or
        ends in a listed one ("Milchbauern", "Landeshauptstadt"), or after a hyphen where the entry allows it
        ("EU-Staaten", "Motorola-Kunden")."""
        if lemma in self.heads:
            return True
        if any(lemma.endswith(n) for n in self.not_heads):
            return False  # "Fachhochschule" ends in "Hochschule" before it ends in "Schule"
        for head in self.heads:
            if not lemma.endswith(head) or len(lemma) == len(head):
                continue
            stem = lemma[: -len(head)]
            if len(head) >= LONG_HEAD:
                if len(stem) >= 3:
                    return True
            elif (self.hyphen and stem.endswith("-")) or self._listed(stem):
                return True
        return False

    def _listed(self, stem: str) -> bool:
        """True for a stem that is or ends in a listed one, with or without a linking letter ("mitglieds")."""
        stem = stem.rstrip("-")
        cuts = [stem] + [stem[: -len(j)] for j in _LINKS if stem.endswith(j)]
        return any(cut.endswith(s) for cut in cuts for s in self.stems)


def counted_key(noun: str, entries: tuple[Counted, ...], as_written: frozenset[str] = frozenset()) -> str:
    """The key of a counted noun outside the measures: the entry whose head it is or ends in, else its lemma; a form in
    ``as_written`` (lower case) keeps its own spelling, since its lemma joins two things ("Bussen": Swiss fines, not
    the buses of "Busse")."""
    written = noun.replace(":innen", "").replace("*innen", "").strip().rstrip(".")
    if written.lower() in as_written:
        return written.lower()
    lemma = lemma_of(written)
    for entry in entries:
        if entry.names(lemma):
            return entry.id
    return lemma


def counted_entries(table: Any) -> tuple[Counted, ...]:
    """The ``[counted]`` table's entries, heads and exceptions by their lemmas."""
    out = []
    for cid, entry in (table.items() if isinstance(table, dict) else ()):
        heads = frozenset(lemma_of(str(h)) for h in entry.get("heads", []) if h)
        if heads:
            out.append(Counted(str(cid), str(entry.get("label") or cid), heads,
                               frozenset(lemma_of(str(h)) for h in entry.get("not_heads", []) if h),
                               frozenset(str(s).lower() for s in entry.get("stems", []) if s),
                               bool(entry.get("hyphen", False))))
    return tuple(out)


def lemma_index(nouns_by_measure: list[tuple[str, frozenset[str], tuple[str, ...]]]) -> dict[str, Any]:
    """Lemmas of the nouns and compound tails of the count measures, as (measure id, nouns, suffixes) (a word spelled in
    two measures keeps the first); tails of fewer than six letters are left out ("kraft", "haus", "fall" end too many
    other words)."""
    nouns: dict[str, str] = {}
    tails: dict[str, str] = {}
    for mid, words, suffixes in nouns_by_measure:
        for noun in words:
            nouns.setdefault(lemma_of(noun), mid)
        for suffix in suffixes:
            tail = lemma_of(suffix)
            if len(tail) >= LONG_HEAD:
                tails.setdefault(tail, mid)
    return {"lemma_nouns": nouns, "lemma_tails": tuple(sorted(tails.items(), key=lambda t: -len(t[0])))}
