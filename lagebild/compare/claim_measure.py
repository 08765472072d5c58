"""What a figure measures, as its grouping key: the measure (read from a general noun where the story's
figures show which one it stands for), the group a casualty figure counts, a share's whole, what an
amount of money is, and whether it counts one occasion."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from lagebild.compare.claim_model import Claim, _overlap, _pinned, unit_key
from lagebild.compare.claim_time import told_order
from lagebild.compare.claim_values import SCOPES, cue_pattern
from lagebild.compare.duplicates import UnionFind
from lagebild.compare.figure_stage import occasion_cues, occasion_measures, running_measures
from lagebild.entities.context import load_context
from lagebild.numbers.measures import load_measures

EQUIVALENTS = Path(__file__).resolve().parent.parent / "data" / "claim_equivalents.toml"

__all__ = ["block_key", "clause_bounds", "equivalents", "join_named_people", "link_equal_values"]


@lru_cache(maxsize=4)
def equivalents(path: Path = EQUIVALENTS) -> dict[str, tuple[str, ...]]:
    """General measure id → the measure ids it may stand for ("people" → "participants", …)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(e["general"]): tuple(str(m) for m in e.get("as", [])) for e in raw.get("same", []) if e.get("general")}


def block_key(c: Claim) -> tuple[str, str | None]:
    """The measure part of a claim's grouping key, and why it is finer than the measure (a ``split_reasons`` code of
    the groups it forms; None when the key is the measure alone). A figure known only by its unit (a bare percentage, a
    length, people with no frame that says what happened to them) says nothing of what it measures: two such figures
    are one quantity only where their article repeats the figure or they are linked as said of the same thing
    (``link_equal_values``), so they are keyed by value and that link; a bare percentage that names what it is a
    share of ("Prozent der Kubaner") is keyed by that noun and groups across articles."""
    if c.measure == "money":
        # an amount in euros and one in dollars are never one figure given twice (nor revised: converted at best)
        currency = load_measures().currency(str(c.ann.data.get("unit") or ""))
        key = f"money@{currency}" if currency else c.measure
        if c.money_of:
            return f"{key}#{c.money_of}", "money_kind"
        # an amount that says only its currency ("500 Euro mehr im Monat", "eine Einmalzahlung von 2500 Euro") is known
        # by its value alone, like a bare percentage: equal amounts said of the same thing are one figure
        return f"{key}@{c.value_link or c.doc.id}@{c.json.get('value')}", "unit_value_per_article"
    if c.measure == "people" and load_measures().is_bare(str(c.ann.data.get("unit") or "Menschen")):
        # "10.000 Menschen" with no frame says only that people are counted: across articles no more than a unit; in
        # one article police and organisers may still dispute it ("Die Polizei sprach von 9.000 Menschen"). "60
        # Fahrgäste" says which people (the passengers aboard): grouped across articles like any measure
        return f"{c.measure}@{c.doc.id}", "bare_people_per_article"
    if c.measure == "percent" or c.measure.startswith("unit:"):
        # the noun right after the unit says what is measured ("870 Metern Tiefe", "12 Prozent mehr Lohn"): the same
        # value of the same thing in two articles is one figure given twice; differing values stay apart (nothing
        # says they are one quantity at two times rather than two quantities). A figure is keyed by its value and what
        # links it to equal figures about the same thing: that noun, its article, clauses sharing a noun in other
        # articles (``link_equal_values``)
        noun = _noun_after(c)
        link = c.value_link or (f"noun:{noun}" if noun else c.doc.id)
        return f"{c.measure}@{link}@{c.json.get('value')}", "unit_value_and_noun" if noun else "unit_value_per_article"
    if c.counted is not None:
        return f"{c.measure}#{_people_key(c.counted)}", "counted_group"
    return c.measure, None


def link_equal_values(claims: list[Claim]) -> None:
    """Link figures known only by their unit (a bare percentage, a duration, an amount that names only its currency)
    that give one value in one story and say it of the same thing: in one article, where the noun after the unit is
    the same ("12 Prozent mehr Lohn"), or where their clauses in two articles share a noun ("Die Arbeitgeber hatten 5
    Prozent angeboten", "Die Arbeitgeber bieten 5 Prozent"; "Die Gewerkschaft will 12 Prozent mehr Geld", "Die
    Gewerkschaft verlangt 12 Prozent mehr Gehalt": outlets word one demand differently), also through a third figure.
    Several outlets giving that value agree on one figure; one value in sentences about other things ("4 Prozent
    Methan", "4 Prozent weniger Fahrgäste") stays apart, and so does one article's value said of two nouns. Each
    figure's ``value_link`` is the label of its linked figures."""
    buckets: dict[tuple[str, str, float], list[Claim]] = defaultdict(list)
    for c in claims:
        value = c.json.get("value")
        # the figures ``block_key`` keys by value and what links them: only they need a link across articles
        if isinstance(value, (int, float)) and block_key(c)[1] in ("unit_value_per_article", "unit_value_and_noun"):
            buckets[(c.story, c.measure, float(value))].append(c)
    for members in buckets.values():
        if len({c.doc.id for c in members}) < 2:
            continue  # one article's figures: keyed by that article or their noun already
        after = [_noun_after(c) for c in members]
        # an article's figures of one value without a noun after the unit are one node; one with a noun is its own
        # node, linked to every figure of that noun
        nodes = [c.doc.id if noun is None else f"{c.doc.id}@{noun}" for c, noun in zip(members, after, strict=True)]
        links = UnionFind()
        for node, noun in zip(nodes, after, strict=True):
            links.find(node)
            if noun is not None:
                links.union(node, f"noun:{noun}")
        nouns = [_clause_nouns(c) for c in members]
        for i, j in combinations(range(len(members)), 2):
            if members[i].doc.id != members[j].doc.id and _share_a_noun(nouns[i], nouns[j]):
                links.union(nodes[i], nodes[j])
        for c, node in zip(members, nodes, strict=True):
            c.value_link = links.find(node)


_CAPITALISED = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{3,}")


@lru_cache(maxsize=4)
def _attached(path: Path = SCOPES) -> re.Pattern[str] | None:
    """The words right before a noun that attach it to another (``attached_before``: a preposition), with up to three
    lower-case words between (articles, adjectives); matched at the end of the text before the noun."""
    prepositions = cue_pattern(path, "attached_before")
    if prepositions is None:
        return None
    return re.compile(rf"{prepositions.pattern}\s+(?-i:[a-zäöüß]+\s+){{0,3}}$")


def _clause_nouns(c: Claim) -> frozenset[str]:
    """The keys of the nouns that may say what a figure measures: those of its clause, or of its sentence where the
    clause names none of its own ("Die Gewerkschaft fordert 12 Prozent mehr Lohn, mindestens aber 500 Euro mehr im
    Monat": the demand's subject stands before the comma)."""
    start, end = clause_bounds(c)
    return _nouns_between(c, start, end) or _nouns_between(c, 0, len(c.sentence_text))


def _nouns_between(c: Claim, start: int, end: int) -> frozenset[str]:
    """The keys of the nouns between two offsets of a figure's sentence: capitalised words (past its first word; parts
    of hyphenated compounds included), not after a preposition ("über den Streik": ``_attached``), without the figure's
    own unit, articles or determiners, and names: a place or a party says where or whose a figure is (its scope), not
    what it measures ("In Nordhafen stiegen die Mieten um 5 Prozent")."""
    text = c.sentence_text
    first = next((m.start() for m in re.finditer(r"\w", text)), 0)
    markers = load_context().noun_markers
    attached = _attached()
    own = unit_key(str(c.ann.data.get("unit") or ""))
    names = [(a.span.start - c.sentence_start, a.span.end - c.sentence_start) for a in c.doc.annotations
             if a.kind == "entity" and c.sentence_start <= a.span.start < c.sentence_start + len(text)]
    keys = {unit_key(m.group()) for m in _CAPITALISED.finditer(text, start, end) if m.start() != first
            and m.group().casefold() not in markers and not any(s <= m.start() < e for s, e in names)
            and not (attached is not None and attached.search(text, max(start, m.start() - 60), m.start()))}
    return frozenset(k for k in keys if k and k != own)


def _share_a_noun(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two sentences share a noun, or one's noun ends another's compound ("Streik", "Verkehrsstreik")."""
    if a & b:
        return True
    return any(len(short) >= 5 and long.endswith(short) for x in a for y in b for short, long in (sorted((x, y), key=len),))


#: a capitalised noun right after a figure's unit, past a comparative ("Prozent mehr Lohn")
_NOUN_AFTER = re.compile(r"\s+(?:(?:mehr|weniger)\s+)?([A-ZÄÖÜ][a-zäöüß]{2,})\b")


def _noun_after(c: Claim) -> str | None:
    """The noun that follows a figure's unit in its sentence (its key), else None."""
    end = c.sentence_start + len(c.sentence_text) if c.sentence_text else len(c.doc.text)
    m = _NOUN_AFTER.match(c.doc.text, c.ann.span.end, max(c.ann.span.end, end))
    return unit_key(m.group(1)) if m else None


def _read_share(c: Claim) -> None:
    """A bare percentage that names what it is a share of ("Prozent der Kubaner") is that share: "percent:kubaner"."""
    if c.measure == "percent":
        whole = load_measures().share_of_at(c.doc.text, c.ann.span.end, c.doc.meta.language)
        if whole is not None:
            c.measure = f"percent:{unit_key(whole) or whole.lower()}"
            c.json["measure"], c.json["share_of"] = c.measure, whole


def _settle(c: Claim) -> None:
    """Fix what a claim's measure says once it is read (after ``_read_share`` and ``_read_general``), before it is
    keyed: the group a casualty figure counts, whether it counts one occasion, what an amount of money is; the key
    (``block_key``) only reads them."""
    c.counted = _counted_group(c)
    if c.counted is None and _is_part(c):
        c.counted = "part"  # "38 Tote, darunter drei Attentäter": a part of the toll, not the toll
    if _is_increment(c):
        c.counted = "increment"  # "drei weitere Leichen": those found since the last report, not the toll
    if c.counted is not None:
        c.json["counted"] = c.counted
    if c.measure == "money":
        c.money_of = load_measures().money_thing(_clause(c))
        if c.money_of is not None:
            c.json["money_of"] = c.money_of
    # an amount that says only its currency is no known quantity revised over time: amounts of different times are
    # different amounts (a budget, a campaign's spending); one that says what it is (a damage estimate) is revised
    c.occasion = _counts_occasion(c.measure, c.sentence_text) or (c.measure == "money" and c.money_of is None)
    c.told = told_order(_clause(c))


_BREAK = re.compile(r"[;:]|,(?!\d)|(?<!\d),")  # a comma between digits is a decimal comma ("13,3"), no clause break


def clause_bounds(c: Claim) -> tuple[int, int]:
    """Where the clause of its sentence a figure stands in starts and ends (between commas, semicolons or colons),
    as offsets into its sentence."""
    at = c.ann.span.start - c.sentence_start
    text = c.sentence_text
    start = max((m.end() for m in _BREAK.finditer(text, 0, max(0, at))), default=0)
    end = next((m.start() for m in _BREAK.finditer(text, max(0, c.ann.span.end - c.sentence_start))), len(text))
    return start, end


def _clause(c: Claim) -> str:
    """The clause of its sentence a figure stands in (see ``clause_bounds``)."""
    start, end = clause_bounds(c)
    return c.sentence_text[start:end]


@lru_cache(maxsize=4)
def _part_cues(path: Path = SCOPES) -> re.Pattern[str] | None:
    """The words right before a figure (only a hedge between, ``parts_hedges``, or the parts listed before it) that make
    it a part of a figure given before (``parts_before``)."""
    hedges = cue_pattern(path, "parts_hedges")
    hedge = rf"(?:\s+(?:{hedges.pattern.removeprefix('(?i)')}))?" if hedges is not None else ""
    # a later part of one list ("darunter zwei Männer und zwei Frauen") is introduced by the same cue
    listed = rf"(?:(?:\s+\S+){{2,4}}\s+(?:und|sowie|and|or|oder){hedge})?"
    return cue_pattern(path, "parts_before", hedge + listed + r"\s*$")


@lru_cache(maxsize=4)
def _increment_cues(path: Path = SCOPES) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The words that tell a running count's figure as an increment (``increments``): after its value, before it."""
    return cue_pattern(path, "increments"), cue_pattern(path, "increments", r"\s+$")


def _is_increment(c: Claim) -> bool:
    """True for a running count's figure told as an increment: an increment cue between the figure's value and its noun
    ("drei weitere Leichen", "zwei weitere tote Bergleute", "two more bodies") or right before it ("weitere drei
    Tote"). Not after a figure of another measure in its sentence: "12 Menschen starben, weitere 30 wurden verletzt"
    names other people, the injured count is no increment."""
    base = c.measure.partition(":")[0]
    if base not in running_measures():
        return False
    if any(a.kind == "claim" and c.sentence_start <= a.span.start < c.ann.span.start
           and str(a.data.get("measure") or "").partition(":")[0] != base for a in c.doc.annotations):
        return False
    inside, before = _increment_cues()
    if inside is None or before is None:
        return False
    span = c.doc.text[c.ann.span.start : c.ann.span.end]
    value = re.match(r"\S+\s+", span)  # the figure's first word: its value
    return bool(value and inside.match(span, value.end())) or bool(
        before.search(c.doc.text, max(0, c.ann.span.start - 20), c.ann.span.start))


_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")


def _is_part(c: Claim) -> bool:
    """True for a figure its clause introduces as a part of another ("darunter drei Attentäter"), that states no place
    and whose noun is not the measure's own ("davon 68 Tote identifiziert", "die 73 Fälle" count their measure). The cue
    stands right before the figure and a whole of the same measure before it, in its sentence or the one before:
    "Davon betroffen waren 20.000 Haushalte" names no whole, the figure is one."""
    if c.ann.data.get("scope_kind") == "place" and c.scope:
        return False
    noun = str(c.ann.data.get("unit") or "")
    own = load_measures().of_noun(noun) if noun else None
    if not noun or (own is not None and own.id == c.measure.partition(":")[0]):
        return False
    cues = _part_cues()
    start, _ = clause_bounds(c)
    before = c.sentence_text[start : max(start, c.ann.span.start - c.sentence_start)]
    found = cues.search(before) if cues is not None else None
    return found is not None and (_names_whole(found.group(0), c) or _whole_before(c))


def _names_whole(cue: str, c: Claim) -> bool:
    """True when the cue names the whole by a noun of the figure's own measure ("Unter den Toten sind zwei Männer"): a
    part of that toll, wherever the article gives the toll itself."""
    vocab = load_measures()
    base = c.measure.partition(":")[0]
    return any((m := vocab.of_noun(w)) is not None and m.id == base for w in re.findall(r"\w{3,}", cue))


def _whole_before(c: Claim) -> bool:
    """True when a figure of the claim's measure stands before it in its sentence or the sentence before."""
    ends = [m.end() for m in _SENTENCE_END.finditer(c.doc.text, 0, max(0, c.sentence_start - 1))]
    since = ends[-1] if ends else 0
    base = c.measure.partition(":")[0]
    return any(a.kind == "claim" and since <= a.span.start < c.ann.span.start
               and str(a.data.get("measure") or "").partition(":")[0] == base for a in c.doc.annotations)


def _people_key(noun: str) -> str:
    """A counted noun's key: its family of words for one class of people where it has one ("Kumpel" and "Bergleute" →
    "miners": [[persons.family]] in measures.toml), else the figure stage's key of the noun."""
    return load_measures().person_family(noun) or unit_key(noun) or noun.lower()


def join_named_people(claims: list[Claim]) -> None:
    """A figure read as one group's toll ("neun Kumpel werden vermisst") is the story's toll of its measure where a
    figure of that measure names the same people, by the same word or one of its family, without being read as a
    group's ("vier Bergleute werden noch vermisst"): the story counts those people, and the two are one count. Where
    the story's toll names other people ("fünf Menschen", "drei Anwohner"), the group stays apart."""
    whole: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        noun = str(c.ann.data.get("unit") or "")
        if c.counted is None and noun and c.ann.data.get("unit_kind") == "count":
            whole[(c.story, c.measure.partition(":")[0])].add(_people_key(noun))
    for c in claims:
        if c.counted not in (None, "part", "increment") and _people_key(str(c.counted)) in whole[(c.story, c.measure.partition(":")[0])]:
            c.counted = None
            c.json.pop("counted", None)


def _counted_group(c: Claim) -> str | None:
    """The group a casualty figure counts when its noun names one ("176 Palästinenser und 27 Israelis getötet", "drei
    Soldaten getötet"): the toll of that group, not the whole toll "14 Menschen" or "14 Tote" give; None for a noun of
    the measure itself or a generic one ("Menschen", "Kinder": a part the vocabulary does not tell apart)."""
    if c.measure.partition(":")[0] not in running_measures():
        return None
    noun = str(c.ann.data.get("unit") or "")
    if not noun or c.ann.data.get("unit_kind") != "count" or c.ann.data.get("unit_from") != "after":
        return None
    vocab = load_measures()
    if vocab.is_generic(noun):
        return None
    named = vocab.of_noun(noun)
    return noun if named is None or (named.who and named.id != c.measure.partition(":")[0]) else None


def _read_general(claims: list[Claim]) -> None:
    """Read a figure of a general measure ("50.000 Menschen") as the specific measure ("participants") that a
    figure of the same story gives the same value for, at the same place or where either states none; only
    when exactly one such measure agrees (claim_equivalents.toml). "300.000 Menschen" that a firm employs
    agrees with no participant count and stays people."""
    table = equivalents()
    specific: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        specific[(c.story, c.measure)].append(c)
    for c in claims:
        targets = table.get(c.measure)
        if not targets or not _pinned(c):
            continue
        targets = tuple(m for t in targets for m in (
            sorted(k for s, k in specific if s == c.story and k.startswith(t[:-1]) and k != c.measure) if t.endswith(":*") else [t]))
        fits = [m for m in targets if any(_pinned(o) and _overlap(c, o) and (c.scope is None or o.scope is None or c.scope == o.scope)
                                          for o in specific.get((c.story, m), []))]
        if len(fits) == 1:
            c.read_as, c.measure = c.measure, fits[0]
            c.json["measure"], c.json["measure_as_written"] = fits[0], c.read_as


def _counts_occasion(measure: str, sentence: str) -> bool:
    """True for a figure that counts one occasion: of a measure listed in ``occasion_measures`` (attendance), or of a
    general one ("people", "money") whose sentence names an occasion (visitors, an amount paid: ``occasion_cues``).
    People in a state (in shelters, without power) and a damage estimate are running figures, revised over time."""
    base = measure.partition(":")[0].partition("@")[0]
    if base in occasion_measures():
        return True
    cue = occasion_cues().get(base)
    return cue is not None and cue.search(sentence) is not None
