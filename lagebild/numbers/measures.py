"""What a figure measures: the measure vocabulary (``lagebild/data/measures.toml``) and its lookup.

A count's measure comes from its noun ("Tote" → dead, "Hochwassertote" → dead by compound tail);
a generic noun ("Menschen") or a figure without a noun takes it from a verb frame in its clause
("20 Menschen kamen ums Leben" → dead). Percentages become turnout or vote share only when the
sentence says so; money and magnitudes are their own measures.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.numbers.counted import Counted, counted_entries, counted_key, lemma_index, lemma_of

__all__ = ["Measure", "MeasureVocab", "load_measures"]

DATA = Path(__file__).resolve().parent.parent / "data" / "measures.toml"


@dataclass(frozen=True, slots=True)
class Measure:
    """One entry of the vocabulary."""

    id: str
    label: str
    kind: str
    nouns: frozenset[str]
    suffixes: tuple[str, ...]
    frames: re.Pattern[str] | None
    context: re.Pattern[str] | None
    any_noun: bool = False
    who: bool = False
    group_context: re.Pattern[str] | None = None
    cumulative: bool = False
    not_context: re.Pattern[str] | None = None
    attributes: re.Pattern[str] | None = None  # "getöteten", "schwer verletzte": participles before a noun of people
    ordinal: bool = False  # "das vierte Todesopfer" is a lower bound of this measure
    context_nouns: frozenset[str] = frozenset()  # nouns that are this measure only in its context ("Punkte")
    part_of: str | None = None  # the measure whose part this one is when an adverb says so ("davon drei schwer")
    part_adverbs: re.Pattern[str] | None = None
    affirmed: re.Pattern[str] | None = None  # frames that count only where their clause denies nothing ("in Lebensgefahr")
    held: re.Pattern[str] | None = None  # frames that count only the figure they hold ("die Leichen von 30 Menschen")

    def excluded(self, sentence: str) -> bool:
        """True when the sentence says the figure is a share of something else ("Marktanteil", "Inflation")."""
        return self.not_context is not None and self.not_context.search(sentence) is not None


#: what may close the clause of a separable verb's particle ("nahmen 250.000 Menschen teil." / "… teil und forderten")
_CLAUSE_CLOSE = r"(?=\s*(?:[.,;:!?)\"“”]|$)|\s+(?:und|oder|sowie|aber)\s)"


def _frame(pattern: str) -> str:
    """A frame as a regular expression: "nahmen … teil" is a separable verb whose particle closes its clause, with
    up to 80 characters of the clause between ("nahmen in Berlin 250.000 Menschen teil"), not "nahmen Teil an"."""
    verb, sep, particle = pattern.partition(" … ")
    if not sep:
        return pattern
    return rf"{verb}\s(?:(?:[^.,;:!?]|(?<=\d)[.,](?=\d)){{1,80}}?\s)?{particle}{_CLAUSE_CLOSE}"


def _attributes(stems: list[str]) -> re.Pattern[str] | None:
    """Participle stems as attributive adjectives: inflected ("getöteten"), as whole words, written with a space or joined
    ("schwer ?verletzt" finds "schwer verletzte" and "schwerverletzten")."""
    if not stems:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(s.replace(" ", r"\s+").replace(r"\s+?", r"\s*") for s in stems)
                      + r")(?:e|en|er|es|em)(?![\w-])", re.IGNORECASE)


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(_frame(p) for p in patterns) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class MeasureVocab:
    """The loaded vocabulary, with lookups by noun, by frame and by sentence context."""

    measures: tuple[Measure, ...]
    generic: frozenset[str]
    qualifiers: tuple[tuple[str, str, frozenset[str], re.Pattern[str]], ...]  # (id, label, applies_to, frames)
    becomes: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...] = ()  # (measure it turns into, applies_to, frames)
    qualifier_labels: dict[str, str] = field(default_factory=dict, compare=False)  # "part" → "part of the"
    rate_nouns: re.Pattern[str] | None = None  # nouns that say what a percentage is a rate of ("Arbeitslosenquote")
    rate_same: dict[str, str] = field(default_factory=dict, compare=False)  # rate noun → the first noun of its synonyms
    currencies: dict[str, str] = field(default_factory=dict, compare=False)  # currency word or sign (lower case) → code
    bare: frozenset[str] = frozenset()  # generic nouns that say only that people are counted ("Menschen")
    share_of: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)  # language → "der … <Whole>"
    money_of: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (key, words) of what an amount is ("Schaden")
    ordinals: dict[str, int] = field(default_factory=dict, compare=False)  # ordinal stem ("viert") → 4
    not_ordinal_nouns: frozenset[str] = frozenset()  # nouns an ordinal never counts a toll of ("Opfer")
    points_words: frozenset[str] = frozenset()  # nouns and context nouns of the percentage-point measures (lower case)
    not_people: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())  # nouns, compound tails of nouns never people
    negation: re.Pattern[str] | None = None  # words that deny an affirmed frame anywhere in its clause ("nicht länger")
    counted: tuple[Counted, ...] = ()  # counted nouns outside the measures ("Schulen"): one key for their forms and compounds
    as_written: frozenset[str] = frozenset()  # forms (lower case) keyed as written: their lemma joins two things ("Bussen")
    # noun lemma (lower case) → its measure, and compound tails' lemmas (lower case, longest first) → their measure: the
    # inflections and singulars the word lists do not spell out ("Kampfflugzeug" beside "Kampfflugzeuge")
    lemma_nouns: dict[str, str] = field(default_factory=dict, compare=False)
    lemma_tails: tuple[tuple[str, str], ...] = ()
    # lemmas (lower case) of nouns that name people by their work or role ("Kumpel", "Touristen"): like a generic noun, a
    # frame anywhere in the clause says what happened to them; without one they keep their own measure or key
    persons: frozenset[str] = frozenset()
    # lemma of a noun of people → the family of words for one class of people it belongs to ([[persons.family]])
    person_families: dict[str, str] = field(default_factory=dict, compare=False)
    # noun (lower case) → its measure: the same nouns come back for every figure of a corpus
    _by_noun: dict[str, Measure | None] = field(default_factory=dict, compare=False, repr=False)

    def by_id(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def label(self, measure_id: str) -> str:
        if "+" in measure_id and ":" not in measure_id:
            return " and ".join(self.label(part) for part in measure_id.split("+"))  # "dead+missing": one count of both
        base, _, qual = measure_id.partition(":")
        if base in ("count", "unit", "rate"):
            entry = next((c for c in self.counted if c.id == qual), None) if base == "count" else None
            return entry.label if entry is not None else qual  # a counted noun, unit or named rate names itself
        m = self.by_id(base)
        name = m.label if m else base.replace("_", " ")
        return f"{self.qualifier_labels.get(qual, qual)} {name}" if qual else name

    def currency(self, unit: str) -> str | None:
        """The code of the currency a money figure's unit names ("Euro", "€" → "EUR"), None when unknown."""
        return self.currencies.get(unit.strip().lower())

    def money_thing(self, clause: str) -> str | None:
        """What an amount of money in ``clause`` is ("Schaden" → "schaden"), by ``[measure.money] of``; the one named
        first in the clause wins; None when it names none."""
        hits = [(m.start(), key) for key, pattern in self.money_of if (m := pattern.search(clause))]
        return min(hits)[1] if hits else None

    def share_of_at(self, text: str, pos: int, language: str | None) -> str | None:
        """The whole a percentage ending at ``pos`` is a share of ("Prozent der Schüler" → "Schüler"), by the
        ``[share_of.<language>]`` words; an unknown language tries every entry, a language without one names none."""
        lang = (language or "").lower()[:2]
        patterns = [self.share_of[lang]] if lang in self.share_of else [] if lang else list(self.share_of.values())
        for pattern in patterns:
            m = pattern.match(text, pos, min(len(text), pos + 80))
            if m is not None:
                return m.group(1)
        return None

    def is_bare(self, noun: str) -> bool:
        """True for a generic noun that says no more than that people are counted ("Menschen", not "Fahrgäste")."""
        return noun.lower() in self.bare

    def is_generic(self, noun: str) -> bool:
        return noun.lower() in self.generic

    def person_family(self, noun: str) -> str | None:
        """The family of words for one class of people a noun belongs to ("Kumpel", "Bergleuten" → "miners"), None for a
        noun of none."""
        return self.person_families.get(lemma_of(noun)) if noun else None

    def is_person(self, noun: str) -> bool:
        """True for a noun of ``[persons]``: people named by their work or role ("Bergleute", "Urlaubern")."""
        if not self.persons or not noun:
            return False
        lemma = lemma_of(noun)
        return lemma in self.persons or (lemma.endswith(_FEMININE) and lemma[: -len(_FEMININE)] in self.persons)

    def never_people(self, noun: str) -> bool:
        """True for a noun that never counts people ("Rinder", "Nutztiere"): no participle or casualty frame makes a
        toll of people of it."""
        low = noun.lower().rstrip(".")
        nouns, tails = self.not_people
        return low in nouns or any(low.endswith(t) for t in tails)

    def of_duration(self, unit: str, clause: str) -> Measure | None:
        """The duration measure of a unit (lower case) whose context is in the clause ("Monaten" with "Haft")."""
        for m in self.measures:
            if m.kind == "duration" and unit in m.context_nouns and m.context is not None and m.context.search(clause):
                return m
        return None

    def is_part_adverb(self, word: str) -> bool:
        """True for an adverb that names a part of a toll without its verb ("davon 16 schwer")."""
        return any(m.part_adverbs is not None and m.part_adverbs.fullmatch(word) for m in self.measures)

    def knows(self, noun: str) -> bool:
        """True when the noun is a counted noun of the vocabulary (or a generic person noun)."""
        return self.is_generic(noun) or self.of_noun(noun) is not None

    def of_noun(self, noun: str) -> Measure | None:
        """Return the measure a counted noun names, by word form, else by the longest compound tail."""
        low = noun.lower().rstrip(".")
        if low in self._by_noun:
            return self._by_noun[low]
        found = self._of_noun(low)
        if len(self._by_noun) < 100_000:
            self._by_noun[low] = found
        return found

    def _of_noun(self, low: str) -> Measure | None:
        for m in self.measures:
            if low in m.nouns:
                return m
        best: tuple[int, Measure] | None = None
        for m in self.measures:
            for suf in m.suffixes:
                if low.endswith(suf) and len(low) > len(suf) and (best is None or len(suf) > best[0]):
                    best = (len(suf), m)
        if best is not None or not (self.lemma_nouns or self.lemma_tails):
            return best[1] if best else None
        return self._of_lemma(lemma_of(low))

    def _of_lemma(self, lemma: str) -> Measure | None:
        """The measure of a noun by its lemma: a form the lists do not spell out ("Kampfflugzeug", "Rettungswägen" →
        "Rettungswagen"), as a whole word or by a compound tail of at least six letters after a stem of three or more
        ("Wasserkraft" has no tail "kraft" of a listed noun: too short to tell)."""
        mid = self.lemma_nouns.get(lemma)
        if mid is None:
            mid = next((m for tail, m in self.lemma_tails if lemma.endswith(tail) and len(lemma) - len(tail) >= 3), None)
        if mid is None and lemma.endswith(_FEMININE) and len(lemma) > 6:
            # "Zuschauerinnen", "Besucherin": the women of a counted noun of people are counted as it is ("Zuschauer")
            return self._of_lemma(lemma[: -len(_FEMININE)])
        return self.by_id(mid) if mid is not None else None

    def counted_key(self, noun: str) -> str:
        """The key of a counted noun outside the measures (``numbers.counted``): its ``[counted]`` entry ("Volksschulen",
        "Schule" → "school"; not "Hochschulen"), else its lemma ("Tornados" and "Tornado" are one key)."""
        return counted_key(noun, self.counted, self.as_written)

    def of_attribute(self, words: str, *, any_noun_only: bool = False) -> Measure | None:
        """The measure a participle among ``words`` (the adjectives before a counted noun) names: "getöteten" → dead,
        "schwer verletzte" → severely injured (file order: the more specific first). With ``any_noun_only`` only a
        measure whose frames count any noun (a noun outside the vocabulary: "getötete Palästinenser")."""
        for m in self.measures:
            if m.attributes is not None and (m.any_noun or not any_noun_only) and m.attributes.search(words):
                return m
        return None

    def of_part(self, measure_id: str, rest: str) -> Measure | None:
        """The narrower measure an adverb in ``rest`` (the words after a part's figure) makes of a part of ``measure_id``:
        "12 wurden verletzt, darunter 3 schwer" → severely injured; None when it names none."""
        for m in self.measures:
            if m.part_of == measure_id and m.part_adverbs is not None and m.part_adverbs.search(rest):
                return m
        return None

    def ordinal(self, word: str) -> int | None:
        """The number an ordinal counts up to ("vierte", "viertes", "vierten" → 4), None for any other word."""
        low = word.lower()
        for ending in ("es", "er", "en", "em", "e"):
            if low.endswith(ending) and low[: -len(ending)] in self.ordinals:
                return self.ordinals[low[: -len(ending)]]
        return None

    def ordinal_measure(self, noun: str) -> Measure | None:
        """The measure of a noun an ordinal gives a lower bound of ("Todesopfer" → dead), else None."""
        if noun.lower() in self.not_ordinal_nouns:
            return None
        m = self.of_noun(noun)
        return m if m is not None and m.ordinal else None

    def points_of(self, noun: str, sentence: str, lead: str = "", *, value: float | None = None,
                  clause: str | None = None) -> Measure | None:
        """The percentage-point measure of a unit or counted noun: "Prozentpunkte" always; "Punkte" only after a
        percentage in ``lead`` (the words right before the figure: "16,4 Prozent (- ") or in an election or poll
        ``sentence``, and then only for a ``value`` of at most 100 in a ``clause`` (the sentence when not given) that
        names no index or game (``not_context``: "Der DAX verlor nach der Wahl 300 Punkte")."""
        low = noun.lower()
        if low not in self.points_words:
            return None  # the usual case, one look-up
        for m in self.measures:
            if m.kind != "points":
                continue
            if low in m.nouns:
                return m
            if low not in m.context_nouns or (value is not None and value > 100) or m.excluded(clause or sentence):
                continue
            if _PERCENT_LEAD.search(lead) or (m.context is not None and m.context.search(sentence)):
                return m
        return None

    def of_frame(self, clause: str, at: int | None = None, *, after_only: bool = False) -> Measure | None:
        """Return the measure whose verb frame is nearest to position ``at`` of the clause (file order breaks ties);
        with ``after_only`` only a frame that ends after the figure counts."""
        best: tuple[int, int, Measure] | None = None
        for n, m in enumerate(self.measures):
            # "Ein Schiff mit 435 Flüchtlingen und den Leichen von zwei Migranten": the frame is the second figure's
            if m.held is not None and at is not None and any(hit.start() <= at < hit.end() for hit in m.held.finditer(clause)):
                return m
            for hit in self._frame_hits(m, clause):
                if after_only and at is not None and hit.end() <= at:
                    continue
                # a frame after the figure binds closer than one before it: "zwei getötet und vier verletzt"; a
                # separable verb around it binds closest ("nahmen 250.000 Menschen teil")
                dist = 0 if at is None or hit.start() <= at < hit.end() else (
                    hit.start() - at if hit.start() >= at else 4 * (at - hit.end()))
                if best is None or (dist, n) < best[:2]:
                    best = (dist, n, m)
        return best[2] if best else None

    def frames_any_noun(self, clause: str) -> bool:
        """True when the clause holds a frame that counts whatever noun it is about ("… kamen ums Leben")."""
        return any(m.any_noun and next(self._frame_hits(m, clause), None) is not None for m in self.measures)

    def _frame_hits(self, m: Measure, clause: str) -> Iterator[re.Match[str]]:
        """The measure's frames in the clause; an affirmed frame only where its clause holds no negation, before or after
        it ("Drei Menschen befinden sich nicht länger in Lebensgefahr", "in Lebensgefahr ist keiner mehr")."""
        if m.frames is not None:
            yield from m.frames.finditer(clause)
        if m.affirmed is None:
            return
        for hit in m.affirmed.finditer(clause):
            starts = [b.end() for b in _CLAUSE_BOUND.finditer(clause, 0, hit.start())]
            stop = _CLAUSE_BOUND.search(clause, hit.end())
            own = clause[starts[-1] if starts else 0 : stop.start() if stop else len(clause)]
            if self.negation is None or self.negation.search(own) is None:
                yield hit

    def of_context(self, sentence: str, kind: str, whole: str | None = None) -> Measure | None:
        """The first measure of this kind whose context is in ``sentence`` and whose not_context is not in ``whole``
        (the figure's sentence; ``sentence`` itself when not given)."""
        for m in self.measures:
            if m.kind == kind and m.context is not None and m.context.search(sentence) and not m.excluded(whole or sentence):
                return m
        return None

    def rate_noun(self, clause: str, at: int | None = None) -> str | None:
        """The rate noun of a percentage's clause (lower case, uninflected): the last one before position ``at``, else
        the first after it."""
        if self.rate_nouns is None:
            return None
        hits = list(self.rate_nouns.finditer(clause))
        if not hits:
            return None
        before = [h for h in hits if at is None or h.start() < at]
        noun = (before[-1] if before else hits[0]).group(1).lower()
        return self.rate_same.get(noun, noun)  # "Inflationsrate" and "Inflation" are one rate

    def qualify(self, measure_id: str, clause: str) -> str:
        """Add a qualifier ("expected") when the clause frames the figure as announced beforehand; a frame
        that says what the counted people did turns their measure into that ("employees" who took part → participants)."""
        for target, applies, frames in self.becomes:
            if measure_id in applies and frames.search(clause):
                measure_id = target
                break
        for qid, _label, applies, frames in self.qualifiers:
            if measure_id in applies and frames.search(clause):
                return qid if qid == "expected" else f"{measure_id}:{qid}"
        return measure_id

    def classify(self, *, unit: str | None, unit_kind: str | None, clause: str, sentence: str, at: int | None = None,
                 lead: str = "", value: float | None = None) -> str:
        """Return the measure id of a figure (``count:<noun>`` for counted nouns outside the vocabulary); ``lead`` are
        the words right before the figure."""
        points = self.points_of(unit, sentence, lead, value=value, clause=clause or sentence) \
            if unit and unit_kind in ("percent", "count") else None
        if points is not None:
            return points.id  # "ein Plus von 9 Prozentpunkten": a change of a share, never the share
        if unit_kind == "percent":
            m = self.of_context(clause, "percent", sentence or clause) or self.of_context(sentence, "percent")
            if m is not None:
                return m.id
            rate = self.rate_noun(clause, at)
            # "Die Arbeitslosenquote … lag bei 6,1 Prozent": the noun says what it is a rate of; a bare percentage
            # ("37,5 Prozent der Fernzüge" late or on time?) is known by its unit only
            return f"rate:{rate}" if rate else "percent"
        if unit_kind in ("currency", "amount"):
            return "money"  # "Milliardenhöhe", "Millionenbetrag": amounts of money
        if unit and unit.lower() in ("stärke", "magnitude", "richterskala"):
            return "magnitude"
        if unit_kind == "measure":
            low = (unit or "").lower()
            sentence_length = self.of_duration(low, clause or sentence)
            if sentence_length is not None:
                return sentence_length.id  # "zu 22 Monaten Haft": a sentence, comparable with others in its unit
            # "im Umkreis von 50 Kilometern" measures what "50 Kilometer" does, "27 Monaten" what "27 Monate" does
            return f"unit:{lemma_of(unit) if unit else low}"
        noun = unit or ""
        m = self.of_noun(noun) if noun else None
        if noun and (m is None or m.who) and not self.is_generic(noun) and not self.never_people(noun):
            # "zwei Serben kamen ums Leben", "drei Soldaten wurden getötet": the frame says what is counted; a noun the
            # vocabulary does not know only with the frame after it ("zehn Menschen ermordet und zwei Anschläge verübt").
            # A noun of people by their role takes any frame of its clause, as "Menschen" does ("23 Kumpel konnten
            # gerettet werden", "Vier Bergleute sind noch da unten – vermisst")
            person = self.is_person(noun)
            framed = self.of_frame(clause, at, after_only=m is None and not person)
            if framed is not None and (framed.any_noun or person):
                return framed.id
        if m is not None:
            return self.qualify(m.id, clause)
        if not noun or self.is_generic(noun):
            framed = self.of_frame(clause, at)
            return self.qualify(framed.id if framed else "people", clause)
        return "count:" + self.counted_key(noun)


#: the ending of a feminine noun of people ("Zuschauerin" beside "Zuschauer"), lemmatised
_FEMININE = "in"

#: where a clause ends: punctuation or a conjunction that joins two clauses
_CLAUSE_BOUND = re.compile(r"[.,;:!?]|\s(?:und|oder|aber|sowie|doch)\s", re.IGNORECASE)

#: a percentage right before a count of "Punkte": "28,6 Prozent (+ 4,4 Punkte", "20,8 % (plus "
_PERCENT_LEAD = re.compile(r"(?:Prozent|%)[^.;:!?\d]{0,20}$", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_measures(path: str | None = None) -> MeasureVocab:
    """Load the measure vocabulary (the packaged one unless ``path`` is given).

    Example: ``load_measures().of_noun("Hochwassertote").id == "dead"``.
    """
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    parts = _frame_parts(raw.get("frame_parts", {}))
    measures = []
    for mid, entry in raw.get("measure", {}).items():
        measures.append(
            Measure(
                id=mid,
                label=str(entry.get("label") or mid),
                kind=str(entry.get("kind") or "count"),
                nouns=frozenset(n.lower() for n in entry.get("nouns", [])),
                suffixes=tuple(s.lower() for s in entry.get("suffixes", [])),
                frames=_alternation(_expand(entry.get("frames", []), parts)),
                context=_alternation(list(entry.get("context", []))),
                any_noun=bool(entry.get("any_noun", False)),
                who=bool(entry.get("who", False)),
                group_context=_alternation(list(entry.get("group_context", []))),
                cumulative=bool(entry.get("cumulative", False)),
                not_context=_alternation(list(entry.get("not_context", []))),
                attributes=_attributes(list(entry.get("attributes", []))),
                ordinal=bool(entry.get("ordinal", False)),
                context_nouns=frozenset(n.lower() for n in entry.get("context_nouns", [])),
                part_of=str(entry["part_of"]) if entry.get("part_of") else None,
                part_adverbs=_alternation(list(entry.get("part_adverbs", []))),
                affirmed=_alternation(_expand(entry.get("affirmed_frames", []), parts)),
                held=_alternation(_expand(entry.get("held_frames", []), parts)),
            )
        )
    qualifiers = []
    becomes: list[tuple[str, frozenset[str], re.Pattern[str]]] = []
    labels = {}
    for qid, entry in raw.get("qualifier", {}).items():
        labels[qid] = str(entry.get("label") or qid)
        frames = _alternation(_expand(entry.get("frames", []), parts))
        if frames is None:
            continue
        if entry.get("becomes"):
            becomes.append((str(entry["becomes"]), frozenset(entry.get("applies_to", [])), frames))
        else:
            qualifiers.append((qid, str(entry.get("label") or qid), frozenset(entry.get("applies_to", [])), frames))
    generic = frozenset(n.lower() for n in raw.get("generic", {}).get("nouns", []))
    rate = raw.get("rate", {})
    same = {str(n).lower(): str(group[0]).lower() for group in rate.get("same", []) if group for n in group}
    currencies = {str(w).lower(): str(code) for code, words in raw.get("currency", {}).items() for w in words}
    bare = frozenset(n.lower() for n in raw.get("generic", {}).get("bare", []))
    return MeasureVocab(tuple(measures), generic, tuple(qualifiers), tuple(becomes), labels, rate_nouns=_rate_nouns(rate),
                        rate_same=same, currencies=currencies, bare=bare, share_of=_share_of(raw.get("share_of", {})),
                        money_of=_money_of(raw.get("measure", {}).get("money", {}).get("of", [])),
                        ordinals={str(k).lower(): int(v) for k, v in raw.get("ordinal", {}).get("stems", {}).items()},
                        not_ordinal_nouns=frozenset(str(n).lower() for n in raw.get("ordinal", {}).get("not_nouns", [])),
                        points_words=frozenset(w for m in measures if m.kind == "points" for w in (*m.nouns, *m.context_nouns)),
                        not_people=(frozenset(str(n).lower() for n in raw.get("not_people", {}).get("nouns", [])),
                                    tuple(str(t).lower() for t in raw.get("not_people", {}).get("suffixes", []))),
                        negation=_alternation(list(raw.get("negation", {}).get("words", []))),
                        counted=counted_entries(raw.get("counted", {})),
                        as_written=frozenset(str(w).lower() for w in raw.get("as_written", {}).get("forms", [])),
                        persons=frozenset(lemma_of(str(n)) for n in raw.get("persons", {}).get("nouns", [])),
                        person_families={lemma_of(str(n)): str(f["id"]) for f in raw.get("persons", {}).get("family", [])
                                         if f.get("id") for n in f.get("nouns", [])},
                        **lemma_index([(m.id, m.nouns, m.suffixes) for m in measures if m.kind == "count"]))


def _frame_parts(raw: Any) -> dict[str, str]:
    """The named parts of frames (``[frame_parts]``) by their placeholder: ``{det}`` → its pattern; a list of
    alternatives is one group of them. Several frames share a part instead of copying it."""
    out = {}
    for name, part in (raw.items() if isinstance(raw, dict) else ()):
        out["{" + str(name) + "}"] = part if isinstance(part, str) else "(?:" + "|".join(str(p) for p in part) + ")"
    return out


def _expand(patterns: Any, parts: dict[str, str]) -> list[str]:
    """The frames with each ``{name}`` of a part replaced by its pattern (a quantifier such as ``{0,3}`` is no name)."""
    out = []
    for pattern in patterns:
        pattern = str(pattern)
        for name, part in parts.items():
            pattern = pattern.replace(name, part)
        out.append(pattern)
    return out


def _money_of(groups: Any) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each list of words for one thing an amount is, keyed by its first word (lower case)."""
    out = []
    for words in groups if isinstance(groups, list) else []:
        words = [str(w) for w in words if w] if isinstance(words, list) else []
        if not words:
            continue
        try:
            out.append((words[0].lower(), re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)))
        except re.error:
            continue
    return tuple(out)


def _share_of(table: Any) -> dict[str, re.Pattern[str]]:
    """Per language, the pattern of a share's whole right after a percentage: an opener, at most three lower-case
    words, numbers or number words, then the capitalised noun (group 1)."""
    out: dict[str, re.Pattern[str]] = {}
    for lang, entry in (table.items() if isinstance(table, dict) else []):
        openers = [re.escape(str(w)).replace(r"\ ", r"\s+") for w in entry.get("openers", []) if w]
        numbers = [re.escape(str(w)) for w in entry.get("numbers", []) if w]
        if not openers:
            continue
        filler = "|".join([r"[a-zäöüß][\w-]*", r"\d[\d.,]*", *numbers])
        out[str(lang).lower()] = re.compile(rf"\s+(?:{'|'.join(openers)})\s+(?:(?:{filler})\s+){{0,3}}([A-ZÄÖÜ][\w-]*\w)")
    return out


def _rate_nouns(entry: dict[str, Any]) -> re.Pattern[str] | None:
    """Compounds ending in a rate suffix ("Arbeitslosenquote", "Marktanteils"; not a bare "Quote", which does not say
    of what) and whole rate nouns ("Inflation"), inflected; group 1 is the uninflected noun. The stem before the tail
    ends in a consonant, as compounds' stems and linking letters do: "Emirate", "Piraten" are no rates."""
    tails = "|".join(re.escape(t.lower()) for t in entry.get("suffixes", []))
    nouns = "|".join(re.escape(n) for n in entry.get("nouns", []))
    parts = ([rf"[A-ZÄÖÜ][\w-]*?[b-df-hj-np-tv-zß](?:{tails})"] if tails else []) + ([nouns] if nouns else [])
    if not parts:
        return None
    return re.compile(rf"(?<![\w-])((?:{'|'.join(parts)}))(?:e?s|e?n)?(?![\w-])")
