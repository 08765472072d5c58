"""Load the event trigger lexicon (``triggers.toml``) into compiled patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lagebild.events.dates import CUES

__all__ = [
    "ENTRY_KEYS", "MERGE_POLICIES", "TriggerRule", "candidate_pattern", "class_policies", "figure_complements", "load_lexicon",
    "same_happening",
]

#: keys an entry of triggers.toml may have (anything else is a mistake in the data file)
ENTRY_KEYS = frozenset({"class", "label", "forms", "nouns", "needs", "needs_in", "unless", "figure", "merge", "category", "counts", "same_happening_as"})
#: "participants": mentions are one event when they share participants (who signed what);
#: "happening": one event per story, place and date window (a flood, an attack, a strike)
MERGE_POLICIES = frozenset({"participants", "happening"})


@dataclass(frozen=True)
class TriggerRule:
    """One trigger form of an event class; ``particle`` for separable verbs, ``needs`` for object-bound verbs."""

    event_class: str
    label: str
    pattern: re.Pattern[str]
    particle: str | None = None
    needs: re.Pattern[str] | None = None
    form: str = ""
    noun: bool = False  # the word names the happening ("Anschlag"): no attributive-participle check
    unless: re.Pattern[str] | None = None  # the sentence must not match this ("Todesopfer gefordert" is no demand)
    # a figure of speech: a trigger word inside one of its matches is no happening ("eine Flut von Anfragen"),
    # one outside it in the same sentence still is ("eine Flut an Wassermassen überschwemmte …")
    figure: re.Pattern[str] | None = None
    merge: str = "participants"
    category: str = ""
    counts: tuple[str, ...] = ()  # measures (measures.toml) of the figures that count this class ("dead")
    # the class whose happening this one tells in other words: a flood story's "Unwetter" is its flood
    same_happening_as: str = ""
    # ``needs`` is sought in the trigger's clause only, not its whole sentence: "Der Torwart wies den Ball ab,
    # der Antrag … kam zu spät" names a motion, but not as what was dismissed
    needs_in_clause: bool = False


@lru_cache(maxsize=8)
def candidate_pattern(rules: tuple[TriggerRule, ...]) -> re.Pattern[str]:
    """Return one regex matching any trigger word of ``rules`` (one scan per document, not per rule)."""
    # longer forms first; ties in a fixed order, not the set's (which follows the process's hash seed, so that
    # "trafen sich" and "traf(?:en)?" would win in turn and two runs, or Ray and the process pool, could differ)
    forms = sorted({r.form for r in rules}, key=lambda f: (-len(f), f))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


def _compile(entry_name: str, entry: dict[str, object]) -> list[TriggerRule]:
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise ValueError(f"triggers: entry [{entry_name}] has unknown keys {sorted(unknown)}")
    event_class = str(entry.get("class") or entry_name)
    label = str(entry.get("label") or event_class)
    needs_raw = entry.get("needs")
    needs = re.compile(str(needs_raw)) if needs_raw else None
    needs_in = str(entry.get("needs_in") or "sentence")
    if needs_in not in ("sentence", "clause"):
        raise ValueError(f"triggers: entry [{entry_name}] has needs_in = {needs_in!r}, expected 'sentence' or 'clause'")
    unless_raw = entry.get("unless")
    unless = re.compile(str(unless_raw)) if unless_raw else None
    figure_raw = entry.get("figure")
    figure = re.compile(_fill_placeholders(str(figure_raw))) if figure_raw else None
    merge = str(entry.get("merge") or "participants")
    if merge not in MERGE_POLICIES:
        raise ValueError(f"triggers: entry [{entry_name}] has merge = {merge!r}, expected one of {sorted(MERGE_POLICIES)}")
    category = str(entry.get("category") or "")
    counts = tuple(_strings(entry.get("counts")))
    same_as = str(entry.get("same_happening_as") or "")
    rules = []
    words = [(str(f), False) for f in _strings(entry.get("forms"))]
    words += [(str(f), True) for f in _strings(entry.get("nouns"))]
    for form, noun in words:
        particle = None
        if " ... " in form:
            form, particle = (part.strip() for part in form.split(" ... ", 1))
        pattern = re.compile(rf"(?<![\w-])(?:{form})(?![\w-])")
        rules.append(TriggerRule(event_class, label, pattern, particle, needs, form, noun=noun, unless=unless, figure=figure, merge=merge, category=category, counts=counts,
                                 same_happening_as=same_as, needs_in_clause=needs_in == "clause"))
    return rules


def _fill_placeholders(pattern: str) -> str:
    """``{complement}`` in a figure pattern: up to two lower-case words, then a noun of cues.toml ``figure_complements``.

    The nouns may close a compound ("Hasskommentaren") and take a dative "-n" ("Vorwürfe" → "Vorwürfen").
    """
    if "{complement}" not in pattern:
        return pattern
    words = sorted(figure_complements(), key=lambda w: (-len(w), w))
    alternatives = "|".join(f"[{re.escape(w[0].upper())}{re.escape(w[0].lower())}]{re.escape(w[1:])}" for w in words)
    complement = rf"(?:[a-zäöüß][\w-]*\s+){{0,2}}[\w-]*?(?:{alternatives})n?\b"
    return pattern.replace("{complement}", complement)


@lru_cache(maxsize=1)
def figure_complements() -> tuple[str, ...]:
    """The nouns after "Flut von", "Hagel von", "Sturm der" that make the disaster word a figure (cues.toml)."""
    return tuple(str(w) for w in CUES.get("figure_complements", []))


def class_policies(rules: tuple[TriggerRule, ...]) -> dict[str, str]:
    """Return ``{event class: merge policy}``; a class is a happening when any of its entries says so."""
    out: dict[str, str] = {}
    for r in rules:
        if out.get(r.event_class) != "happening":
            out[r.event_class] = r.merge
    return out


def same_happening(rules: tuple[TriggerRule, ...]) -> dict[str, str]:
    """Return ``{event class: class it merges under}`` for the classes whose entries say ``same_happening_as``.

    Both must be happenings: one event per story, place and date window, whichever word an article uses.
    """
    policies = class_policies(rules)
    out = {r.event_class: r.same_happening_as for r in rules if r.same_happening_as}
    for cls, target in out.items():
        if policies.get(cls) != "happening" or policies.get(target) != "happening":
            raise ValueError(f"triggers: {cls} is the same happening as {target}, but both must have merge = 'happening'")
    return out


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> tuple[TriggerRule, ...]:
    """Return the compiled trigger rules of the shipped lexicon (or of the TOML file at ``path``)."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("lagebild.events").joinpath("triggers.toml").read_text("utf-8")
    table = tomllib.loads(text)
    rules: list[TriggerRule] = []
    for name, entry in table.items():
        if isinstance(entry, dict):
            rules.extend(_compile(name, entry))
    return tuple(rules)


def _strings(value: object) -> list[str]:
    """A TOML list of words (absent: none); anything else is an error in the vocabulary file."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"triggers: expected a list of words, got {value!r}")
    return [str(v) for v in value]
