"""Infer the publication date of undated documents (``dates.infer.v1``).

Evidence, strongest first:

1. *A relative expression tied to a dated fact.* The undated article says something happened
   "letzte Woche"; a dated article dates the same happening ("im Juni", resolved to 2024-06)
   in a sentence that shares its distinctive words. The publication date is then that date
   moved by the relative offset (a week later), at the precision the fact allows.
2. *The latest explicit calendar date the article itself tells as past* (day or month
   precision): the article cannot be older than that, so it is a lower bound.
3. *The first month of its story's dated coverage* (not before the article's own bound).

Before all of these, the article's own apposition "vor genau einem Jahr, am 14. Juli 2021" dates it:
the distance is counted from the day of writing, the date beside it names the same moment.

Evidence comes from the article's own story only (``stories``): a date is never borrowed from
another story that happens to share words ("Menschen", "verletzt"). A lower bound alone is
reported as ``kind: bounds`` with ``not_before`` and no value.

Each inferred date says why (``reason``) and points at the spans it rests on (``evidence``);
``timex`` holds the document's relative expressions resolved again against the inferred date.
The work is near-linear: facts are found through an inverted index of sentence words.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from lagebild.compare import COMPARE, CorpusContext
from lagebild.model import Annotation, Document, Span
from lagebild.timex import Point, format_value, parse_value
from lagebild.timex.lexicon import (
    FUTURE_CUES,
    MONTHS,
    OBSERVED_VERBS,
    PAST_CUES,
    SCHEDULED,
    SUBJUNCTIVES,
    WEAK_PAST_CUES,
    YEAR_NOUNS,
)
from lagebild.timex.resolve import clause_words
from lagebild.timex.values import GRANULARITIES, shift, truncate

__all__ = ["InferDates", "corpus_word_counts", "infer_dates", "known_dct", "word_counts"]

#: (number of documents, document frequency of each word key) of the whole corpus, computed on demand; only the
#: frequencies of the words a vote weighs are looked up, so the mapping may fetch them lazily and note which were read
WordCounts = tuple[int, Mapping[str, int]]
_CORPUS_WORDS: ContextVar[Callable[[], WordCounts] | None] = ContextVar("lagebild_corpus_words", default=None)


@contextmanager
def corpus_word_counts(counts: Callable[[], WordCounts]) -> Iterator[None]:
    """Inside the block, word weights come from ``counts()`` (the whole corpus), not from the documents given.

    Run on one story, a word shared by the whole story would otherwise weigh almost nothing.
    """
    token = _CORPUS_WORDS.set(counts)
    try:
        yield
    finally:
        _CORPUS_WORDS.reset(token)


def word_counts(docs: Sequence[Document]) -> WordCounts:
    """Document frequencies of the word keys of ``docs`` (the weights of shared words)."""
    df: Counter[str] = Counter()
    for d in docs:
        df.update(_words(d.text))
    return len(docs), df

_RANK = {g: i for i, g in enumerate(GRANULARITIES)}
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]{3,}")
_STOP = frozenset(
    """aber alle allem allen aller alles also auch auch beim bereits bisher damit dann darauf daher dass dafür davon dazu
    dem den denn der deren des dessen diese diesem diesen dieser dieses doch dort durch eine einem einen einer eines etwa
    gegen haben hatte hatten heute hier ihre ihrem ihren ihrer immer jedoch jetzt kann keine können laut letzte letzten
    mehr muss nach noch nun nicht oder ohne schon sein seine seinem seinen seiner sich sind soll sollen sowie über unter
    vergangenen vergangene woche wochen monat monate jahr jahre jahren tage tagen sehr sich sie sind so um und uns vom von
    vor war waren was weil weiter welche wenn werden wie wieder will wird wurde wurden zum zur zwischen sagte erklärte
    juni juli august september oktober november dezember januar februar märz april montag dienstag mittwoch donnerstag
    freitag samstag sonntag""".split()
)
_DAYLIKE = ("day", "partofday", "pod", "hour", "minute")


def _words(text: str) -> set[str]:
    """Return distinctive word keys (five-letter prefixes, so "Putins" meets "Putin")."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP}


def _sentence(doc: Document, ann: Annotation, sentences: list[Annotation]) -> Span:
    for s in sentences:
        if s.span.start <= ann.span.start and ann.span.end <= s.span.end:
            return s.span
    return Span(max(0, ann.span.start - 150), min(len(doc.text), ann.span.end + 150))


@dataclass(slots=True)
class _Fact:
    doc: Document
    ann: Annotation
    point: Point
    words: set[str]


def known_dct(doc: Document) -> Point | None:
    """The document's own publication date as an anchor; None when it has none or it was inferred."""
    from lagebild.stages.timex import document_dct

    pub = doc.meta.published
    if not pub.value or pub.inferred:
        return None
    return document_dct(pub.value, pub.precision)


def _precision(point: Point) -> str:
    if point.gran in ("minute", "hour"):
        return "minute"
    if _RANK[point.gran] >= _RANK["day"]:
        return "day"
    if _RANK[point.gran] >= _RANK["month"]:
        return "month"
    return "year"


def _as_date_value(point: Point) -> tuple[str, str] | None:
    """Express ``point`` at a DateValue precision (year/month/day/minute)."""
    prec = _precision(point)
    if point.gran in ("week", "weekend"):
        d = point.date()
        if d is None:
            return None
        day = Point("day", d.year, d.month, d.day)
        return format_value(day), "day"
    coarse = truncate(point, {"minute": "minute", "day": "day", "month": "month", "year": "year"}[prec])
    if coarse is None:
        coarse = truncate(point, "year")
    return (format_value(coarse), prec) if coarse is not None else None


def _resolved(ann: Annotation) -> Point | None:
    data = ann.data
    if ann.label not in ("DATE", "TIME") or data.get("vague") or not data.get("value"):
        return None
    return parse_value(str(data.get("value")))


def _from_relative(point: Point, relative: dict[str, Any]) -> Point | None:
    """Undo a relative expression: "letzte Woche" happened at ``point`` → written a week later."""
    unit = relative.get("unit")
    offset = relative.get("offset")
    if "weekday" in relative:
        return truncate(point, "day") or point  # written on that day or within the following week
    if not unit or not isinstance(offset, int):
        return None
    if unit in GRANULARITIES and _RANK[unit] > _RANK[point.gran]:
        return point  # the fact is coarser than the offset: "last week" of a June event is still June
    return shift(point, unit, -offset) or point


def _story_peers(docs: Sequence[Document], stories: Sequence[dict[str, Any]] | None) -> dict[str, set[str]]:
    """Map each document to the documents of its story (itself included); no stories: one pool."""
    if not stories:
        everyone = {d.id for d in docs}
        return {d.id: everyone for d in docs}
    out: dict[str, set[str]] = {}
    for story in stories:
        members = {str(m.get("doc")) for m in story.get("members") or []}
        for m in members:
            out[m] = members
    for d in docs:
        out.setdefault(d.id, {d.id})
    return out


def infer_dates(docs: Sequence[Document], *, min_shared: int = 2,
                stories: Sequence[dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Return ``{doc id: {"value", "precision", "kind", "confidence", "reason", "inferred", "range", "evidence", "timex"}}``.

    Evidence comes only from the document's own story (``stories``; without them every document
    counts as one story). ``kind`` is ``inferred`` (a month or day the evidence points at, with a
    ``confidence``) or ``bounds`` (``not_before``: the latest date the article tells as past; no
    value, since a bound alone does not say when the article was written).
    """
    dated = {d.id: p for d in docs if (p := known_dct(d)) is not None}
    undated = [d for d in docs if d.id not in dated]
    if not undated:
        return {}
    peers = _story_peers(docs, stories)
    sentences = {d.id: [a for a in d.annotations if a.kind == "sentence"] for d in docs}
    corpus = _CORPUS_WORDS.get()
    n_docs, df = corpus() if corpus is not None else word_counts(docs)

    idf_of: dict[str, float] = {}

    def idf(w: str) -> float:
        value = idf_of.get(w)
        if value is None:  # the same float every time: computed once per word
            f = df.get(w, 0)
            value = idf_of[w] = math.log(1 + n_docs / f) if f else 0.0
        return value

    flagged = {d.id: {r for a in d.annotations if a.kind == "inconsistency" for r in a.data.get("refs_anns") or []} for d in docs}
    facts: list[_Fact] = []
    index: dict[str, list[int]] = defaultdict(list)
    # every day the story's articles write out, with its year or resolved from a printed date; a day
    # ahead counts too ("die Wahl am 23. Februar" in a preview dates the election as well as a review)
    told: dict[str, list[_Fact]] = defaultdict(list)
    for d in docs:
        if d.id not in dated:
            continue
        for ann in d.of_kind("timex"):
            point = _resolved(ann)
            if point is None or (ann.data.get("anchor") == "context" and ann.id in flagged[d.id]):
                continue
            if _RANK[point.gran] >= _RANK["day"]:
                told[d.id].append(_Fact(d, ann, point, set()))
            if _RANK[point.gran] < _RANK["month"] or ann.data.get("direction") == "future" or ann.data.get("tense") == "future":
                continue
            sent = _sentence(d, ann, sentences[d.id])
            words = _words(d.text[sent.start : sent.end])
            facts.append(_Fact(d, ann, point, words))
            for w in words:
                index[w].append(len(facts) - 1)

    for d in undated:
        for ann in d.of_kind("timex"):
            point = _resolved(ann)
            if point is not None and ann.data.get("anchor") in ("none", None) and _RANK[point.gran] >= _RANK["day"]:
                told[d.id].append(_Fact(d, ann, point, set()))
    out: dict[str, dict[str, Any]] = {}
    for doc in undated:
        own = peers.get(doc.id, {doc.id})
        bound = _lower_bound(doc)
        result, confidence = _by_agency_id(doc), 0.9
        if result is None:
            result, confidence = _by_apposition(doc) or _by_relative(doc, sentences[doc.id], facts, index, idf, min_shared, own), 0.8
        if result is not None and bound is not None and (
            (bound[0].date() or result[0].date()) > (result[0].date() or bound[0].date())  # type: ignore[operator]
        ):
            result = None
        if result is None:
            confidence, result = 0.6, _after_story_event(doc, [f for d in sorted(own) for f in told.get(d, ())])
            if result is not None and bound is not None and (bound[0].date() or date.min) > (result[0].end_date() or date.max):
                result = None  # the distance lands before a day the article itself tells as past
        if result is None:
            confidence = 0.5
            story_month = _story_first_month(doc, dated, own)
            past_day = _past_day_in_month(doc, story_month) if story_month is not None else None
            day_told = past_day[0].date() if past_day is not None else None
            if past_day is not None and day_told is not None and (bound is None or day_told > (bound[0].date() or day_told)):
                # "das Ergebnis der Wahl vom 23. Februar": a day of the story's first month told as past; the
                # article is from that day or later, like any date it tells as past with its year
                bound = past_day
            result = _by_story(doc, dated, own, bound)
            told_past = _bare_past_month(doc, result[0]) if result is not None else None
            if result is not None and told_past is not None:
                # the article tells that month as past ("Im Februar starben …"): it is a lower bound, not the month
                out[doc.id] = {
                    "value": None, "precision": None, "kind": "bounds", "inferred": True,
                    "not_before": format_value(result[0]), "not_before_precision": "month",
                    "reason": f"not before {format_value(result[0])}: the article tells „{told_past.surface}“ as past, "
                              "the month its story's dated coverage starts in; nothing says how much later it was written",
                    "evidence": [doc.span_json(told_past.span)],
                }
                continue
        if result is None and bound is not None:
            point, ann = bound
            bound_value = format_value(point)
            entry: dict[str, Any] = {
                "value": None, "precision": None, "kind": "bounds", "inferred": True,
                "not_before": bound_value, "not_before_precision": _precision(point),
                "reason": f"not before „{ann.surface}“ ({bound_value}), the latest date the article itself tells "
                          "as past; nothing in its story says how much later it was written",
                "evidence": [doc.span_json(ann.span)],
            }
            out[doc.id] = entry
            continue
        if result is None:
            continue
        point, reason, evidence = result
        value = _as_date_value(point)
        if value is None:
            continue
        entry = {"value": value[0], "precision": value[1], "kind": "inferred", "confidence": confidence,
                 "reason": reason, "inferred": True, "evidence": evidence}
        if bound is not None:
            entry["not_before"], entry["not_before_precision"] = format_value(bound[0]), _precision(bound[0])
        first, last = point.date(), point.end_date()
        told_day = bound[0].date() if bound is not None else None
        if first and last and told_day and first < told_day <= last:
            first = told_day  # never before a day the article itself tells as past
        if first and last:
            entry["range"] = [first.isoformat(), last.isoformat()]  # what the evidence allows (a week: Monday..Sunday)
        entry["timex"] = _reresolved(doc, value[0], value[1])
        out[doc.id] = entry
    return out


def _story_first_month(doc: Document, dated: dict[str, Point], own: set[str]) -> Point | None:
    """The first month of the dated coverage of the article's story (the article itself left out)."""
    months = [p for other in sorted(own) if other != doc.id and other in dated if (p := truncate(dated[other], "month")) is not None]
    return min(months, key=format_value) if months else None


def _known_not_before(point: Point, bound: Point) -> bool:
    """Whether a dated article at ``point`` is known to be from ``bound`` or later (a month-only date in the
    bound's own month is not: it may be from the days before a day bound)."""
    gran = "year" if _RANK[bound.gran] < _RANK["month"] else "month"
    p_month, b_month = truncate(point, gran), truncate(bound, gran)
    if p_month is None or b_month is None:
        return False
    if _RANK[bound.gran] < _RANK["day"] or format_value(p_month) > format_value(b_month):
        return format_value(p_month) >= format_value(b_month)
    day, b_day = point.date(), bound.date()
    return _RANK[point.gran] >= _RANK["day"] and day is not None and b_day is not None and day >= b_day


def _by_story(doc: Document, dated: dict[str, Point], own: set[str],
              bound: tuple[Point, Annotation] | None) -> tuple[Point, str, list[dict[str, Any]]] | None:
    """The first month of the story's dated coverage that is not before the article's own bound.

    Coverage of a story gathers in its first days (later pieces — results, verdicts, anniversaries —
    are the ones that print dates and look back); an undated member without a dated fact of its
    own is placed at the start. When it tells a date as past, only the coverage known to be from
    that date or later counts ("das Endergebnis der Wahl vom 23. Februar": the March coverage of an
    election whose February articles are dated to the month alone); none: only the bound is known.
    """
    points = [dated[other] for other in sorted(own) if other != doc.id and other in dated]
    months: Counter[str] = Counter()
    for p in points:
        if bound is None or _known_not_before(p, bound[0]):
            m = truncate(p, "month")
            if m is not None:
                months[format_value(m)] += 1
    if not months:
        return None
    month = min(months)
    point = parse_value(month)
    if point is None:
        return None
    n = sum(months.values())
    told = f", and it tells „{bound[1].surface}“ ({format_value(bound[0])}) as past" if bound else ""
    return point, (f"no dated fact of its own; its story's dated coverage ({n} articles"
                   + (" from that date on" if bound else "") + f") starts in {month}{told}"), []


def _by_relative(doc: Document, sentences: list[Annotation], facts: list[_Fact], index: dict[str, list[int]],
                 idf: Any, min_shared: int, own: set[str]) -> tuple[Point, str, list[dict[str, Any]]] | None:
    """Vote over dated facts that share words with the sentence of a relative expression.

    Each dated document votes once per calendar value (its best-matching fact); the value with
    the largest summed word weight wins, so three articles that date the same happening beat
    one chance overlap.
    """
    votes: dict[tuple[str, str], dict[str, tuple[float, Annotation, _Fact, set[str]]]] = defaultdict(dict)
    values: dict[int, str] = {}  # fact index -> its calendar value as text
    for ann in doc.annotations:
        if ann.kind != "timex" or ann.data.get("value") or not isinstance(ann.data.get("relative"), dict):
            continue
        sent = _sentence(doc, ann, sentences)
        nxt = next((s.span for s in sentences if s.span.start >= sent.end), None)
        words = _words(doc.text[sent.start : (nxt.end if nxt else sent.end)])
        counts: Counter[int] = Counter()
        for w in words:
            for i in index.get(w, ()):
                if facts[i].doc.id in own:  # only the article's own story dates it
                    counts[i] += 1
        weekday = (ann.data.get("relative") or {}).get("weekday")
        for i, shared_n in sorted(counts.items()):  # sorted: set order varies with the hash seed
            if shared_n < min_shared:
                continue
            fact = facts[i]
            if isinstance(weekday, int) and _RANK[fact.point.gran] >= _RANK["day"]:
                day = fact.point.date()
                if day is None or day.weekday() != weekday:
                    continue  # "am Montag" is not the happening another article dates to a Friday
            shared = words & fact.words
            score = sum(idf(w) for w in sorted(shared))
            if i not in values:
                values[i] = format_value(fact.point)
            key = (ann.id, values[i])
            if fact.doc.id not in votes[key] or score > votes[key][fact.doc.id][0]:
                votes[key][fact.doc.id] = (score, ann, fact, shared)
    if not votes:
        return None
    key, by_doc = max(votes.items(), key=lambda kv: (sum(v[0] for v in kv[1].values()), kv[0][1]))
    best = max(sorted(by_doc.items()), key=lambda kv: kv[1][0])[1]
    _, ann, fact, shared = best
    point = _from_relative(fact.point, dict(ann.data.get("relative") or {}))
    if point is None:
        return None
    sent = _sentence(doc, ann, sentences)
    shown = list(dict.fromkeys(w for w in _WORD.findall(doc.text[sent.start : sent.end + 300]) if w.lower()[:5] in shared))[:6]
    others = sorted(d for d in by_doc if d != fact.doc.id)
    also = f"; also dated so by {', '.join(others)}" if others else ""
    reason = (f"„{ann.surface}“ needs the publication date; the same happening is dated „{fact.ann.surface}“ "
              f"({fact.ann.data.get('value')}) in {fact.doc.id} (shared words: {', '.join(shown) or ', '.join(sorted(shared))}){also}")
    evidence = [doc.span_json(ann.span)] + [by_doc[d][2].doc.span_json(by_doc[d][2].ann.span) for d in sorted(by_doc)]
    return point, reason, evidence


#: a dpa item id ("© dpa-infocom, dpa:241201-930-304671/1"): the agency's item was created on 2024-12-01;
#: the six digits are its day (YYMMDD), the number after the slash its version
_AGENCY_ID = re.compile(r"(?<![\w-])dpa:(?P<y>\d{2})(?P<m>\d{2})(?P<d>\d{2})-\d{2,3}-\d{5,7}(?:/\d{1,3})?(?![\w-])")
#: where the id stands: the last characters of the page (the copyright line), rarely its header
_AGENCY_ID_WINDOW = 3000


def _by_agency_id(doc: Document) -> tuple[Point, str, list[dict[str, Any]]] | None:
    """The day in a dpa item id the page carries ("dpa:241201-930-304671/1" → 2024-12-01).

    Not a publication date printed for readers (the outlet may publish the agency's item later,
    and the version after the slash may be days younger), so it is inferred, with the day as the
    likeliest value. The copyright line holding it is usually removed as page furniture: the
    original text is searched, at its start and end.
    """
    text = doc.original
    spans = [(0, min(len(text), _AGENCY_ID_WINDOW))]
    if len(text) > _AGENCY_ID_WINDOW:
        spans.append((max(_AGENCY_ID_WINDOW, len(text) - _AGENCY_ID_WINDOW), len(text)))
    for lo, hi in spans:
        for m in _AGENCY_ID.finditer(text, lo, hi):
            try:
                day = date(2000 + int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue  # "dpa:999999-…" is no day
            evidence = {"doc": doc.id, "start": m.start(), "end": m.end(), "text": m.group()}
            return (Point("day", day.year, day.month, day.day),
                    f"the agency item id „{m.group()}“ carries the day {day.isoformat()} the item was created", [evidence])
    return None


#: "vor (genau) einem Jahr, am 14. Juli 2021": the distance back from the day of writing, then the date
_AGO_APPOSITION = re.compile(
    r"\bvor\s+(?P<exact>(?:genau|exakt|fast|knapp|rund|etwa|gut|mehr\s+als|über)\s+)?(?P<n>\d{1,3}|[a-zäöüß]+)\s+"
    r"(?P<unit>jahren|jahr|monaten|monat|wochen|woche|tagen|tag)\s*,\s*(?:am|im)?\s*$",
    re.IGNORECASE,
)
_AGO_UNITS = {"jahr": "year", "jahren": "year", "monat": "month", "monaten": "month", "woche": "week", "wochen": "week",
              "tag": "day", "tagen": "day"}


def _by_apposition(doc: Document) -> tuple[Point, str, list[dict[str, Any]]] | None:
    """The article's own "vor genau einem Jahr, am 14. Juli 2021": written that long after the date.

    The distance is told from the day of writing and the date beside it names the same moment, so
    the publication is the date moved forward by the distance (the day with "genau", else the month).
    """
    from lagebild.timex.lexicon import NUMBERS

    for ann in doc.of_kind("timex"):
        point = _resolved(ann)
        if point is None or ann.data.get("anchor") not in ("none", None) or _RANK[point.gran] < _RANK["month"]:
            continue
        m = _AGO_APPOSITION.search(doc.text[max(0, ann.span.start - 60) : ann.span.start])
        if not m:
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else NUMBERS.get(raw)
        if not isinstance(n, int) or not 0 < n <= 100:
            continue
        unit = _AGO_UNITS[m.group("unit").lower()]
        first = point.date()
        if first is None:
            continue
        if unit in ("year", "month"):
            y, mo = divmod(first.year * 12 + first.month - 1 + n * (12 if unit == "year" else 1), 12)
            if not 1 <= y <= 9999:
                continue
            when = date(y, mo + 1, min(first.day, calendar.monthrange(y, mo + 1)[1]))
        else:
            when = first + timedelta(days=n * (7 if unit == "week" else 1))
        exact = bool(m.group("exact")) and m.group("exact").split()[0].lower() in ("genau", "exakt") and point.gran == "day"
        out = Point("day", when.year, when.month, when.day) if exact else Point("month", when.year, when.month)
        phrase = doc.text[max(0, ann.span.start - 60) + m.start() : ann.span.end]
        return out, f"„{phrase}“: written {m.group('n')} {m.group('unit')} after {ann.data.get('value')}", [doc.span_json(ann.span)]
    return None


#: "drei Wochen nach der Bundestagswahl": a distance after a happening its story dates
_AFTER_EVENT = re.compile(
    r"\b(?:(?i:knapp|gut|rund|etwa|fast|genau|mehr\s+als|über)\s+)?(?P<n>\d{1,3}|[A-Za-zÄÖÜäöüß]+)\s+"
    r"(?P<unit>Tagen|Tage|Wochen|Woche|Monaten|Monate|Monat|Jahren|Jahre|Jahr)\s+nach\s+(?:dem|der|den)\s+"
    r"(?:[a-zäöüß]+e[nmrs]?\s+)?(?P<noun>[A-ZÄÖÜ][\w-]{3,})"
)
_AFTER_UNITS = {"tag": 1, "tage": 1, "tagen": 1, "woche": 7, "wochen": 7}
_AFTER_MONTHS = {"monat": 1, "monate": 1, "monaten": 1, "jahr": 12, "jahre": 12, "jahren": 12}


#: the noun a date is written after: "die Bundestagswahl vom 23. Februar", "der Wahl am Sonntag, 23. Februar"
_NOUN_BEFORE_DATE = re.compile(r"\b([A-ZÄÖÜ][\w-]{2,})\s+(?:am|vom|von)?\s*(?:\w+,?\s+)?$")


def _same_noun(word: str, noun: str) -> bool:
    """Whether ``word`` (before a date) names what ``noun`` names, inflected or as the head of the compound.

    "Bundestagswahls" is "Bundestagswahl"; "Wahl" is the head of "Bundestagswahl" and the other way
    round (articles of one story shorten the compound), with at least four letters in common, so
    that "Tag" does not stand for "Bundestag".
    """
    w, n = word.lower(), noun.lower()
    if w.startswith(n) and len(w) - len(n) <= 3:
        return True
    for cut in range(4):
        stem = w[: len(w) - cut] if cut else w
        if len(stem) >= 4 and (n.endswith(stem) or (stem.endswith(n) and len(n) >= 4 and cut == 0)):
            return True
    return False


def _after_story_event(doc: Document, facts: list[_Fact]) -> tuple[Point, str, list[dict[str, Any]]] | None:
    """ "Knapp drei Wochen nach der Bundestagswahl …": the month that distance after the day its story dates it.

    The happening's day comes from the other articles of the story, where the same noun stands right
    before a date ("die Bundestagswahl vom 23. Februar"); the day most of them give wins. The article
    is from that month or later: the month is a guess of the lowest confidence but one.
    """
    from lagebild.timex.lexicon import NUMBERS

    if " nach d" not in doc.text:  # the regular expression tries every word; most texts have no such phrase
        return None
    for m in _AFTER_EVENT.finditer(doc.text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else NUMBERS.get(raw)
        if not isinstance(n, int) or not 0 < n <= 100:
            continue
        noun = m.group("noun")
        votes: Counter[str] = Counter()
        where: dict[str, _Fact] = {}
        for f in facts:
            if f.doc.id == doc.id:
                continue
            named = _NOUN_BEFORE_DATE.search(f.doc.text[max(0, f.ann.span.start - 40) : f.ann.span.start])
            if named and _same_noun(named.group(1), noun):
                day = f.point.date()
                if day is not None:
                    votes[day.isoformat()] += 1
                    where.setdefault(day.isoformat(), f)
        if not votes:
            continue
        best = max(sorted(votes), key=lambda v: votes[v])
        first = date.fromisoformat(best)
        unit = m.group("unit").lower()
        if unit in _AFTER_UNITS:
            when = first + timedelta(days=n * _AFTER_UNITS[unit])
        else:
            y, mo = divmod(first.year * 12 + first.month - 1 + n * _AFTER_MONTHS[unit], 12)
            if not 1 <= y <= 9999:
                continue
            when = date(y, mo + 1, 1)
        fact = where[best]
        reason = (f"„{m.group()}“: {noun} is dated {best} in {fact.doc.id} („{fact.ann.surface}“"
                  + (f", and {votes[best] - 1} more" if votes[best] > 1 else "") + ")")
        return Point("month", when.year, when.month), reason, [doc.span_json(Span(m.start(), m.end())), fact.doc.span_json(fact.ann.span)]
    return None


def _bare_past_month(doc: Document, month: Point) -> Annotation | None:
    """A bare month the undated article names without a year and tells as past ("Im Februar starben …") that is
    ``month``'s month: the article was written then or later, so that month is a lower bound for it and never its
    date. A day ("am 13. Februar") or a part of the month ("Ende Februar") is told of the current month as well.

    German only, as the timex rules that found the expression are: its month word is read with their lexicon
    (``lagebild.timex.lexicon.MONTHS``). Another language's text has no such annotation, and no bound is set.
    """
    from lagebild.timex.lexicon import MONTHS  # the lexicon of the rules that tagged ``ann``: German month words

    if month.gran != "month":
        return None
    for ann in doc.of_kind("timex"):
        if ann.data.get("value") or ann.data.get("tense") != "past" or ann.data.get("rule") != "month" or ann.data.get("mod"):
            continue
        words = re.findall(r"\w+", ann.surface)
        if any(w.isdigit() and len(w) == 4 for w in words):
            continue  # a year of its own: resolved elsewhere
        if any(MONTHS.get(w.lower()) == month.month for w in words):
            return ann
    return None


#: a day and its month written out ("23. Februar", "am 3. Juni"): the day part of a yearless date
_DAY_MONTH = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\.?\s*(?P<m>[^\W\d_]+)")


def _past_day_in_month(doc: Document, month: Point) -> tuple[Point, Annotation] | None:
    """The latest day of ``month`` the undated article names without a year and tells as past ("die Wahl vom
    23. Februar", "am 13. Februar starben …"), after the month's first day.

    The article was written that day or later: dated at the month, its range would begin before its own past.
    The words are read with the German month lexicon of the rules that tagged the expression, as in
    ``_bare_past_month``; a day of another month, a day told ahead ("will am 23. Februar …") or one with
    its own year is not such a bound.
    """
    from lagebild.timex.lexicon import MONTHS

    if month.gran != "month":
        return None
    best: tuple[Point, Annotation] | None = None
    for ann in doc.of_kind("timex"):
        data = ann.data
        if data.get("value") or data.get("tense") != "past" or data.get("direction") == "future" or data.get("mod"):
            continue
        m = _DAY_MONTH.search(ann.surface)
        if m is None or MONTHS.get(m.group("m").lower()) != month.month or re.search(r"\b\d{4}\b", ann.surface):
            continue
        try:
            day = date(month.year, month.month, int(m.group("d")))
        except ValueError:
            continue
        if day.day > 1 and (best is None or day > (best[0].date() or day)):
            best = (Point("day", day.year, day.month, day.day), ann)
    return best


#: words before a year that make it a target or a range end, not a time the article looks back on
#: ("bis 2030", "ab 2026", "spätestens 2027", "bis zum Jahr 2030")
_YEAR_AHEAD = re.compile(r"(?<![\w-])(?:bis|ab|spätestens|frühestens|ende|anfang|mitte|zum|ziel)(?:\s+(?:zum|dem|des|ins|im))?"
                         r"(?:\s+Jahr(?:e|es)?)?\s+$", re.IGNORECASE)


_FOR_YEAR = re.compile(r"(?<![\w-])für\s+(?:das\s+Jahr\s+)?$", re.IGNORECASE)
#: the word before a year, when it is a name's ("WM 2017", "Neujahrskonzert 2017", "Perform 2020"), not a time
_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÄÖÜ][\w-]*)\s+$")


def _past_year(doc: Document, ann: Annotation, point: Point) -> bool:
    """Whether the bare year ``ann`` is told as past in its own clause ("hat für 2025 einen Hitzerekord
    registriert", "2019 starben …"): the article was written in that year or later.

    Years are often told ahead or in passing, so the clause must hold a past-tense word of the lexicon (not
    a guessed preterite, not "bereits") and no word of the future, a modal or a subjunctive ("soll bereits
    2018", "könnten 2018 fehlen", "dass ich 2020 nicht mehr antrete"); a year after "bis"/"ab" ("bis 2030")
    or naming something ("die WM 2017", "das Neujahrskonzert 2017") is no such bound.
    """
    if point.gran != "year" or ann.data.get("rule") != "year" or not 1900 < point.year < 2100:
        return False
    start, end = ann.span.start, ann.span.end
    if _YEAR_AHEAD.search(doc.text, max(0, start - 30), start):
        return False
    name = _NAME_BEFORE.search(doc.text, max(0, start - 40), start)
    if name is not None and name.group(1) not in YEAR_NOUNS and name.group(1).lower() not in MONTHS:
        return False
    words = [w.lower() for w in clause_words(doc.text, start, end)]
    if _FOR_YEAR.search(doc.text, max(0, start - 20), start) and not any(w in OBSERVED_VERBS for w in words):
        # "einen Haushalt für 2026 beschlossen" is written before that year; only what was measured or counted
        # for a year ("für 2025 einen Hitzerekord registriert") is told in it or after it
        return False
    if any(w in FUTURE_CUES or w in SUBJUNCTIVES or w in SCHEDULED for w in words):  # "war für 2025 angesetzt": a schedule
        return False
    return any(w in PAST_CUES and w not in WEAK_PAST_CUES for w in words)


def _lower_bound(doc: Document) -> tuple[Point, Annotation] | None:
    """The latest date the article tells as past (a day, a month, or a year told so in its own clause)."""
    best: tuple[Point, Annotation] | None = None
    for ann in doc.annotations:
        if ann.kind != "timex" or ann.data.get("anchor") not in ("none", None):
            continue
        point = _resolved(ann)
        if point is None or point.gran in ("season",):
            continue
        if _RANK[point.gran] < _RANK["month"]:
            if _past_year(doc, ann, point) and (best is None or (point.date() or date.min) > (best[0].date() or date.min)):
                best = (point, ann)
            continue
        if ann.data.get("direction") == "future" or (ann.data.get("anchor") in ("none", None) and ann.data.get("tense") != "past"):
            # only a date the article tells in the past tense bounds it: "will am 15. Januar …",
            # "ab dem 1. Jänner 2017 gilt …" lie ahead or say nothing about when the article was written
            continue
        d = point.date()
        if d is None:
            continue
        if best is None or d > (best[0].date() or d):
            best = (point, ann)
    return best


def _reresolved(doc: Document, value: str, precision: str) -> dict[str, dict[str, Any]]:
    from lagebild.stages.timex import reresolve

    fresh = reresolve(doc, value, precision, mode="news")
    changed = {}
    for ann in doc.of_kind("timex"):
        new = fresh.get(ann.id)
        if new is not None and new.get("value") != ann.data.get("value"):
            changed[ann.id] = {"value": new.get("value"), "granularity": new.get("granularity"), "anchor": "inferred_dct"}
    return changed


@COMPARE.register("dates.infer.v1", requires=set(), produces={"inferred_dates"})
@dataclass
class InferDates:
    """Infer publication dates of undated documents from their own dates and facts shared with dated ones."""

    min_shared: int = 2  # distinctive words a sentence must share with a dated fact
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        stories = getattr(ctx.result, "stories", None) or None
        ctx.result.inferred_dates = infer_dates(ctx.docs, min_shared=self.min_shared, stories=stories)
