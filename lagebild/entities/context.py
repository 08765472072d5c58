"""What a mention's neighbours say about it: capital as government or city, place-name heads, noise.

- A capital is a place by default; it stands for its state only when it acts ("Moskau warnt",
  "warf Moskau vor") or when two capitals of different states meet in a relation ("zwischen Moskau
  und Pjöngjang"). The decision is made for each mention, not for the name.
- Administrative heads belong to the place name ("Landkreis Ahrweiler") and meet under one key.
- Currency names ("Euro", "US-Dollar") and the document's own outlet are no entities. The outlet is
  known from the document's host, or read from the text itself when there is none: the label of an
  interview's question turns ("STANDARD: Wie …?") and a dictionary word set in capitals, the way
  papers print their own name ("sagte er dem STANDARD", "im SPIEGEL-Interview").
- A surname the tagger found in a full name is a person wherever it recurs in the same document
  as a proper noun ("Faeser sagte …", not "der Brand").
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lagebild.entities.normalize import fold_key, name_key

__all__ = [
    "ContextLexicon",
    "interviewer_labels",
    "is_caps_word",
    "is_common_noun",
    "is_currency",
    "is_outlet_name",
    "load_context",
    "outlet_keys",
    "printed_own_names",
]

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
_ARTICLES = ("der", "die", "das")


class _Token(Protocol):
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ContextLexicon:
    """Words read around mentions (``data/kb/context.toml``, ``data/kb/currencies.txt``)."""

    actor_verbs: frozenset[str]
    relation_words: frozenset[str]
    source_before: frozenset[str]
    subordinators: frozenset[str]
    source_after: frozenset[str]
    admin_heads: dict[str, str]
    currencies: frozenset[str]  # name keys of currency names and their last words
    common_noun_suffixes: tuple[str, ...] = ()
    currency_amount_words: frozenset[str] = frozenset()  # "einen", "Millionen": a currency name after them is an amount
    org_head_endings: tuple[str, ...] = ()
    short_org_heads: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "polizei" → ("polizeipräsidium", …)
    given_names: frozenset[str] = frozenset()  # spelling-blind keys of given names (data/kb/given_names.txt)
    place_heads: tuple[str, ...] = ()  # endings of place names formed from nouns ("Schulstraße")
    name_particles: frozenset[str] = frozenset()  # "van", "der" inside surnames ("Van der Bellen")
    surname_openers: frozenset[str] = frozenset()  # "von", "van": a particle that can open a surname after a given name
    preposition_openers: frozenset[str] = frozenset()  # "von", "zu": openers that are also prepositions
    outlet_self_tails: tuple[str, ...] = ()  # "Gespräch" of "STANDARD-Gespräch": the outlet naming its own work
    credit_labels: frozenset[str] = frozenset()  # "Bild" of "Foto: Fredrik von Erichsen Bild: dpa": no part of a name
    calendar_name_heads: tuple[str, ...] = ()  # "Wochenzeitung [Freitag]": a calendar word after these is a name
    noun_markers: frozenset[str] = frozenset()  # articles, determiners: a capitalised word after them is a noun
    list_quantifiers: frozenset[str] = frozenset()  # "(alle AUT)": a code shared by several names of a list
    result_units: frozenset[str] = frozenset()  # "245,5 Punkte": a results list's figure
    region_heads: dict[str, str] = field(default_factory=dict)  # "Region Kursk": before a KB town's name
    admin_tails: dict[str, str] = field(default_factory=dict)  # "Kursk Oblast": a head after the name

    def org_head(self, word: str) -> bool:
        """True for a capitalised word that heads an organisation named after a place ("Verkehrsclub")."""
        return len(word) >= 5 and word[:1].isupper() and word.isalpha() and word.casefold().endswith(self.org_head_endings)

    def capital_acts(self, toks: Sequence[_Token], i: int, end: int, is_capital: object) -> bool:
        """True if the capital spanning tokens ``i``…``end-1`` is an actor, not a place.

        ``is_capital`` is called with a token index and returns the state id of a capital there
        (or ``None``); it lets coordinated capitals ("zwischen Moskau und Pjöngjang", "laut Kiew
        und Washington", "Moskau und Pjöngjang haben …") share one reading.
        """
        if not callable(is_capital):
            return False
        return self._acts_left(toks, i, end, is_capital) or self._acts_right(toks, i, end, is_capital)

    def _acts_left(self, toks: Sequence[_Token], i: int, end: int, is_capital: Any) -> bool:
        prev = toks[i - 1].text if i > 0 else ""
        low = prev.casefold()
        if prev and prev[:1].islower() and (prev in self.actor_verbs or _cue_finite(prev)):
            return True  # verb in second position, capital as subject: "warf Moskau vor"
        if low in self.source_before:
            return True
        if low in self.subordinators and end < len(toks) and is_capital(end) and is_capital(end) != is_capital(i):
            return True  # "dass Moskau Nordkorea hilft"
        if low in self.relation_words and end + 1 < len(toks) and toks[end].text == "und":
            other = is_capital(end + 1)  # "zwischen [Moskau] und Pjöngjang"
            return bool(other) and other != is_capital(i)
        if low in ("und", "oder", ",") and i >= 2 and is_capital(i - 2):
            if i >= 3 and toks[i - 3].text.casefold() in self.relation_words:
                return is_capital(i - 2) != is_capital(i)  # "zwischen Moskau und [Pjöngjang]"
            return self._acts_left(toks, i - 2, i - 1, is_capital)  # "laut Kiew und [Washington]"
        return False

    def _acts_right(self, toks: Sequence[_Token], i: int, end: int, is_capital: Any) -> bool:
        nxt = toks[end].text if end < len(toks) else ""
        if nxt in self.actor_verbs or _cue_finite(nxt) or nxt.casefold() in self.source_after:
            return True
        if nxt in ("und", "oder", ",") and end + 1 < len(toks) and is_capital(end + 1):
            return self._acts_right(toks, end + 1, end + 2, is_capital)  # "[Moskau] und Pjöngjang haben"
        return False

    def admin_head(self, word: str) -> str | None:
        """The key of an administrative head ("Landkreises" → "kreis"), else ``None``."""
        return self.admin_heads.get(word)

    def admin_norm(self, surface: str) -> str | None:
        """The meeting form of a place with its administrative head before or after it ("Region Kursk",
        "Kursk-Region", "Kursk Oblast" → "region kursk"), else ``None``."""
        heads = {**self.region_heads, **self.admin_heads}
        head, _, rest = surface.partition(" ")
        if rest and head in heads:
            return f"{heads[head]} {name_key(rest)}"
        name, _, tail = surface.rpartition(" ")
        if name and tail in self.admin_tails:
            return f"{self.admin_tails[tail]} {name_key(name)}"
        name, _, tail = surface.rpartition("-")
        if name and tail in heads:
            return f"{heads[tail]} {name_key(name)}"
        return None

def _cue_finite(word: str) -> bool:
    if not word[:1].islower():
        return False
    from lagebild.speech.lexicon import (
        CUE_FORMS,  # the speech stage's cue verbs (imported lazily)
    )

    return any(f.finite and not f.konj for f in CUE_FORMS.get(word, ()))


@functools.lru_cache(maxsize=1)
def load_context() -> ContextLexicon:
    """Read the shipped context words."""
    data = tomllib.loads((KB_DIR / "context.toml").read_text(encoding="utf-8"))
    currencies: set[str] = set()
    cur_path = KB_DIR / "currencies.txt"
    if cur_path.exists():
        for line in cur_path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                currencies.add(name_key(line.strip()))
    currencies.update(name_key(w) for w in data.get("currency_subunits", ()))
    given_path = KB_DIR / "given_names.txt"
    given = frozenset(line.strip() for line in given_path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#")) if given_path.exists() else frozenset()
    return ContextLexicon(
        given_names=given,
        name_particles=frozenset(w.casefold() for w in data.get("name_particles", ())),
        surname_openers=frozenset(w.casefold() for w in data.get("surname_openers", ())),
        preposition_openers=frozenset(w.casefold() for w in data.get("preposition_openers", ())),
        outlet_self_tails=tuple(data.get("outlet_self_tails", ())),
        credit_labels=frozenset(data.get("credit_labels", ())),
        calendar_name_heads=tuple(w.casefold() for w in data.get("calendar_name_heads", ())),
        noun_markers=frozenset(w.casefold() for w in data.get("noun_markers", ())),
        list_quantifiers=frozenset(w.casefold() for w in data.get("list_quantifiers", ())),
        result_units=frozenset(w.casefold() for w in data.get("result_units", ())),
        actor_verbs=frozenset(data.get("actor_verbs", ())),
        relation_words=frozenset(w.casefold() for w in data.get("relation_words", ())),
        source_before=frozenset(w.casefold() for w in data.get("source_before", ())),
        source_after=frozenset(w.casefold() for w in data.get("source_after", ())),
        subordinators=frozenset(w.casefold() for w in data.get("subordinators", ())),
        admin_heads={str(k): str(v) for k, v in (data.get("admin_heads") or {}).items()},
        region_heads={str(k): str(v) for k, v in (data.get("region_heads") or {}).items()},
        admin_tails={str(k): str(v) for k, v in (data.get("admin_tails") or {}).items()},
        currencies=frozenset(currencies),
        currency_amount_words=frozenset(w.casefold() for w in data.get("currency_amount_words", ())),
        common_noun_suffixes=tuple(data.get("common_noun_suffixes", ())),
        org_head_endings=tuple(w.casefold() for w in data.get("org_head_endings", ())),
        place_heads=tuple(w.casefold() for w in data.get("place_heads", ())),
        short_org_heads={str(k).casefold(): tuple(str(v).casefold() for v in vs)
                         for k, vs in (data.get("short_org_heads") or {}).items()},
    )


def is_common_noun(word: str, lex: ContextLexicon) -> bool:
    """True for an inflected common noun the tagger took for a name ("Staatsmedien", "Militäreinrichtungen").

    A genitive ("Berlins") and a nominalised adjective ("Grünen" → "Grüne") are not counted.
    """
    if " " in word or not word[:1].isupper() or not word.isalpha():
        return False
    from lagebild.lemmas import lemmatizer  # mapped once per machine, not decoded per process

    lemma = str(lemmatizer(greedy=False).lemmatize(word, "de"))
    if lemma == word or not lemma[:1].isupper() or word in (lemma + "s", lemma + "es"):
        return False
    if lemma.endswith("e") and word == lemma + "n":
        return False
    return lemma.endswith(lex.common_noun_suffixes)


#: endings a German noun takes in the plural or the genitive; not "s", which names take too ("Berlins")
_NOUN_INFLECTIONS = ("n", "en", "e", "er", "ern", "es")
#: shorter words are often surnames that are also nouns ("Keller", "Zimmermann"): left to the tagger
_INFLECTED_MIN_LEN = 11


def inflects_like_noun(word: str) -> bool:
    """True for a long uninflected capitalised word whose plural or genitive the dictionary knows as a
    form of it ("Lebensgefahr" → "Lebensgefahren", "Verhandlungstisch" → "Verhandlungstische")."""
    if len(word) < _INFLECTED_MIN_LEN or not word[:1].isupper() or not word[1:].islower() or not word.isalpha():
        return False
    from lagebild.lemmas import is_known, lemmatizer

    lem = lemmatizer(greedy=False)
    return any(is_known(word + end, "de") and str(lem.lemmatize(word + end, "de")) == word for end in _NOUN_INFLECTIONS)


def is_currency(surface: str, lex: ContextLexicon) -> bool:
    """True for a currency name ("Euro", "US-Dollar", "Schweizer Franken", "Rubel")."""
    return name_key(surface) in lex.currencies


def is_amount_before(toks: Sequence[_Token], i: int, lex: ContextLexicon) -> bool:
    """True if the word before token ``i`` makes a currency name there an amount: a figure ("5 Euro",
    "fünf Pence", "einen Penny": "ein" is also "one"), a quantity word or determiner of amounts
    ("Millionen Franken", "keinen Cent", "pro Dollar"), or a figure and one adjective ("fünf
    britische Pence"). A definite article is none of these ("die Region der Franken")."""
    from lagebild.numbers.words import parse_number_word

    def amount(k: int, words: bool) -> bool:
        if k < 0:
            return False
        word = toks[k].text
        return (any(c.isdigit() for c in word) or parse_number_word(word) is not None
                or (words and word.casefold() in lex.currency_amount_words))

    if amount(i - 1, True):
        return True
    prev = toks[i - 1].text if i > 0 else ""
    return prev.isalpha() and prev.islower() and amount(i - 2, False)


def outlet_keys(outlet: str | None) -> frozenset[str]:
    """Spelling-blind keys naming a document's outlet, from its host ("derstandard.at" → "derstandard",
    "standard"; "tagesschau.de" → "tagesschau")."""
    if not outlet:
        return frozenset()
    host = outlet.casefold().removeprefix("www.")
    labels = [p for p in host.split(".") if p]
    if len(labels) < 2:
        return frozenset()
    name = labels[-2] if labels[-2] not in {"co", "com", "org", "net"} or len(labels) < 3 else labels[-3]
    keys = {name.replace("-", "")}
    for art in _ARTICLES:
        if name.startswith(art) and len(name) > len(art) + 3:
            keys.add(name[len(art):])
    return frozenset(k for k in keys if len(k) >= 3)


def is_outlet_name(surface: str, keys: frozenset[str]) -> bool:
    """True if ``surface`` names the outlet ("STANDARD", "derStandard.at", "Der Standard", "Spiegel Online")."""
    if not keys:
        return False
    words = fold_key(name_key(surface)).split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    if words and words[-1] in {"at", "de", "ch", "com", "online", "net", "tv"}:
        words = words[:-1]
    compact = "".join(words)
    if compact in keys:
        return True
    if _outlet_compound(surface.strip(), keys):
        return True
    # an article glued to the name in a web address ("derStandard.at")
    return any(compact.startswith(art) and compact[len(art):] in keys for art in _ARTICLES)


def _outlet_compound(word: str, keys: frozenset[str]) -> bool:
    """True for a compound naming the outlet's own work or section: the name in capitals before a
    hyphen and a word of its own work after it, as outlets print it of themselves ("STANDARD-Gespräch",
    "SPIEGEL-Recherche"), or glued after a capitalised part ("GameStandard"). A common noun with the
    name in it ("Goldstandard", "Standard-Android") is written otherwise and stays, and so does a body
    or thing named after the outlet ("ORF-Stiftungsrat", "ZDF-Gebühren": an all-caps name is no
    sign of self-reference there, ORF and ZDF print every compound so)."""
    if " " in word:
        return False
    head, hyphen, rest = word.partition("-")
    if hyphen and len(head) >= 3 and head.isupper() and fold_key(head.casefold()) in keys:
        tail = rest.casefold()  # also inflected: "STANDARD-Gesprächs", "SPIEGEL-Interviews"
        return any(tail == t or (tail.startswith(t) and tail[len(t):] in ("s", "es", "e", "en", "n")) for t in _self_tails())
    parts = re.findall(r"[A-ZÄÖÜ][a-zäöüß]+", word)
    return (len(parts) >= 2 and "".join(parts) == word and fold_key(parts[-1].casefold()) in keys)


#: a turn label opening a line or a sentence: "STANDARD: Wie …?", "Saakaschwili: Die …"
_TURN_LABEL = re.compile(r"(?:^|(?<=[.!?…\"“”»«)\]])[ \t]+|(?<=\n))[ \t]*([A-ZÄÖÜ][\w.\-]{1,30}):[ \t]", re.MULTILINE)


def interviewer_labels(text: str) -> frozenset[str]:
    """Labels of an interview's question turns: a word that opens at least two turns, two thirds of
    them ending in a question mark, while another label opens the answers. Printed interviews give
    the outlet's name there ("STANDARD: Wie soll …?"); a person asking is filtered by the caller."""
    hits = list(_TURN_LABEL.finditer(text))
    if len(hits) < 3:
        return frozenset()
    turns: dict[str, list[bool]] = {}
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(text)
        body = text[m.end():end].rstrip(" \t\n\"“”»«")
        turns.setdefault(m.group(1), []).append(body.endswith("?"))
    askers = {label for label, qs in turns.items() if len(qs) >= 2 and 3 * sum(qs) >= 2 * len(qs)}
    if not askers or len(turns) - len(askers) < 1:
        return frozenset()
    return frozenset(askers)


@functools.lru_cache(maxsize=1)
def _self_tails() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_context().outlet_self_tails)


@functools.lru_cache(maxsize=1)
def _masthead() -> re.Pattern[str]:
    """The outlet's name in capitals where a text names its own paper: "DER STANDARD", "SPIEGEL-Interview"."""
    tails = "|".join(re.escape(w) for w in load_context().outlet_self_tails) or "(?!)"
    return re.compile(rf"\b(?:DER|DIE|DAS)\s+([A-ZÄÖÜ]{{4,}})\b|\b([A-ZÄÖÜ]{{4,}})-(?:{tails})")


def printed_own_names(text: str, persons: frozenset[str] = frozenset()) -> frozenset[str]:
    """Spelling-blind keys of the names a text prints as its own outlet: interview question labels
    (unless ``persons``, folded name words, has them: a person may ask) and capitalised dictionary
    words after a capitalised article or before "-Interview" ("DER STANDARD berichtete", "im
    SPIEGEL-Interview"). Callers drop KB names from these."""
    keys = {fold_key(label).replace(" ", "") for label in interviewer_labels(text)} - persons
    for m in _masthead().finditer(text):
        word = m.group(1) or m.group(2)
        if is_caps_word(word):
            keys.add(fold_key(word))
    return frozenset(k for k in keys if k)


def is_caps_word(surface: str) -> bool:
    """True for a dictionary word set in capitals ("STANDARD", "SPIEGEL", "ACHTUNG"): a masthead or a
    shout, not a name; acronyms ("NATO", "ÖVP") are no dictionary words or are in the KB (checked by the caller)."""
    words = surface.split()
    if len(surface.replace(" ", "")) < 4 or not words or not all(w.isalpha() and w.isupper() for w in words):
        return False
    from lagebild.lemmas import is_known  # mapped once per machine, not decoded per process

    return all(is_known(w[:1] + w[1:].lower(), "de") for w in words)
