"""Merge event mentions across articles: the same happening reported by several sources.

Two mentions describe the same event when they have the same class, share a participant (or,
without participants, the same object and wording), their agents do not exclude each other,
and their dates can overlap. Dates come from the sentence's timex; a mention in the present or
perfect tense without one is dated "around publication" (a week before the publication date)
and never counts as a date conflict. Two mentions whose *textual* dates cannot both hold are
merged only when participants, object and wording all agree: that is a date conflict, kept
side by side. Candidate events are found through an index of (story, class, participant) keys,
so the cost stays near-linear in the number of mentions.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date as date_type
from datetime import timedelta
from functools import cache
from typing import Any

from lagebild.compare import COMPARE, CorpusContext
from lagebild.compare.coverage import independent_origins, origin_label
from lagebild.events.corpus import (
    content_words,
    entity_key,
    entity_names,
    norm_name,
    norm_words,
    publication_interval,
    short_id,
    story_of,
)
from lagebild.events.dates import NEAR, DateInterval, interval_of, nearest_weekday, next_weekday, time_of_day, widen
from lagebild.events.label import label_quality, sentence_label
from lagebild.events.lexicon import class_policies, load_lexicon, same_happening
from lagebild.model import Annotation, Document, Span

__all__ = ["EventMerger", "Mention", "mentions_of"]

#: modalities that report something as having happened (others: possible, intended, required …)
FACTUAL = frozenset({"asserted", "reported"})
#: the modality of a happening told as lying ahead ("wird am Montag streiken"), see ``lagebild.events.extract``
PLANNED = "planned"
# A fallback agent phrase (no entity found) is cut before the first auxiliary or modal verb and
# dropped when it is a prepositional phrase: "Das Militär soll Hunderte Dörfer" -> "Das Militär",
# "Mit auf das Schlachtfeld" -> no agent.
_AGENT_STOP = frozenset("soll sollen sollte sollten will wollen wollte kann können könnte konnte muss müssen hat haben hatte hatten ist sind war waren wird werden wurde wurden".split())
_PREPOSITIONS = frozenset("mit auf in an bei von aus nach zu für über unter vor hinter neben zwischen durch gegen ohne um seit während wegen laut".split())


def _agent_phrase(text: str) -> str:
    words = text.split()
    if not words or words[0].lower() in _PREPOSITIONS:
        return ""
    kept = []
    for word in words:
        if word.lower() in _AGENT_STOP:
            break
        kept.append(word)
    return " ".join(kept) if 0 < len(kept) <= 4 else ""


_GRAN_RANK = {"minute": 0, "day": 1, "range": 2, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6, "decade": 7}


@dataclass
class Mention:
    """One event annotation prepared for merging."""

    doc: str
    ann: str
    event_class: str
    trigger: str
    story: str
    agents: set[str]
    agent_types: set[str]
    strong_agents: set[str]  # agents named as such (not an adjective like "russische")
    participants: set[str]
    names: dict[str, str]
    tokens: dict[str, frozenset[str]]  # name words per participant, for "Kim Jong" ~ "Kim Jong Un"
    interval: DateInterval | None  # the date as given (shown)
    window: DateInterval | None  # the days it can refer to (compared)
    basis: str | None  # "text" (a timex in the sentence) | "publication" | None
    words: set[str]
    obj: str | None
    span: dict[str, Any]  # sentence, original offsets
    trigger_span: dict[str, Any]
    modality: str
    agent_text: str | None = None
    according_to: str | None = None
    places: set[str] = field(default_factory=set)
    place_names: list[str] = field(default_factory=list)
    happening: bool = False  # merged by story, place and date (see triggers.toml ``merge``)
    merge_class: str = ""  # the class it merges under when another names its happening (triggers.toml ``same_happening_as``)
    guessed: bool = False  # dated "around publication" by an inferred publication date
    noun: bool = False  # the trigger names the happening ("Anschlag") instead of telling it
    patients: set[str] = field(default_factory=set)  # who the act is done to (the accused, the attacked)
    sentence: tuple[int, int] = (0, 0)  # cleaned-text offsets of the sentence, for the label
    trigger_at: tuple[int, int] = (0, 0)  # cleaned-text offsets of the trigger word
    agent_spans: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # the document's cleaned text (shared, not copied)
    weekday: dict[str, Any] | None = None  # an unplaced "am Montag" of the clause: original span, weekday index
    count: tuple[str, float] | None = None  # (measure, value) of the casualty figure the sentence reports
    ordinal: int | None = None  # which occurrence the text names ("der zweite Warnstreik"); 0: a repeat
    antecedent: str | None = None  # the name a sentence-initial "Er"/"Sie" points back to (see _antecedent)
    #: days the article sets its happenings just before or after ("kurz vor Weihnachten"): (day, -1 before | +1 after)
    landmarks: tuple[tuple[date_type, int], ...] = ()
    #: told as lying ahead ("wird am Montag streiken", "soll am 9. Dezember beginnen" in an article of the 6th): no
    #: report that it happened; its day may date the event the reports tell, it makes no source of its own
    planned: bool = False
    #: dated by a live blog's heading or line-opening date, not the page's own (see ``_day_headings``)
    entry: bool = False
    #: the within-article inconsistency that flags the mention's date ("a date after its own article's date"), as doc#ann
    inconsistency: str | None = None
    #: the days before its article's own day, for a happening no date holds ("nach dem Anschlag"): the report is of
    #: that story's recent happening, so a cluster those days hold is preferred over an older one of the same place
    recent: DateInterval | None = None

    @property
    def key(self) -> str:
        return f"{self.doc}#{self.ann}"

    def date_json(self) -> dict[str, Any] | None:
        if self.interval is None:
            return None
        return {"value": self.interval.value, "granularity": self.interval.granularity, "basis": self.basis}


#: a happening named after "nach"/"seit" and its article ("Nach dem schweren Beben in der Region suchen …"), right
#: before the trigger: it took place before the clause's own time
_AFTER_NAMED = re.compile(r"\b(?:[Nn]ach|[Ss]eit)\s+(?:dem|der|den)\s+(?:[\w.-]+\s+){0,3}$")


def mentions_of(docs: Sequence[Document], result: Any, *, window_days: int = 7,
                policies: dict[str, str] | None = None) -> list[Mention]:
    """Collect the factual event mentions of all documents."""
    if policies is None:
        policies = class_policies(load_lexicon())
    same_as = same_happening(load_lexicon())
    mention_entity = getattr(result, "mention_entity", None) or {}
    stories = story_of(getattr(result, "stories", None) or [])
    inferred = getattr(result, "inferred_dates", None) or {}
    out: list[Mention] = []
    for doc in docs:
        events = [a for a in doc.annotations if a.kind == "event"]
        if not events:
            continue
        doc_mentions: list[Mention] = []
        sentence_starts = sorted(a.span.start for a in doc.annotations if a.kind == "sentence")
        named_subjects = sorted(
            (a for a in doc.annotations if a.kind == "entity" and a.label in ("PER", "ORG") and a.data.get("form") not in ("adjective", "role")),
            key=lambda a: a.span.start,
        )
        dct, dct_inferred = publication_interval(doc, inferred)
        by_id = {a.id: a for a in doc.annotations if a.kind == "entity"}
        resolved = _resolved_against_publication(doc, inferred)
        landmarks = _landmarks(doc, resolved)
        headings = _day_headings(doc, resolved, dct, dct_inferred)
        weekday_days = _one_day_per_weekday(doc, events, same_as)
        # the timex stage flags a date after the article's own date told as past ("date_after_publication");
        # its first ref is the offending date, the others the dates it counts from, which are not flagged
        flagged = {str(refs[0]): f"{doc.id}#{inc.id}" for inc in doc.of_kind("inconsistency") if (refs := inc.data.get("refs_anns"))}
        timex_order = sorted(doc.of_kind("timex"), key=lambda a: a.span.start)
        timex_starts = [t.span.start for t in timex_order]
        timexes = {a.id: a for a in timex_order}
        for ann in events:
            data = ann.data
            planned = data.get("modality") == PLANNED
            if (data.get("modality", "asserted") not in FACTUAL and not planned) or data.get("negated"):
                continue
            names: dict[str, str] = {}
            tokens: dict[str, frozenset[str]] = {}

            def keys(
                ids: Any,
                by_id: dict[str, Annotation] = by_id,
                doc: Document = doc,
                tokens: dict[str, frozenset[str]] = tokens,
                names: dict[str, str] = names,
            ) -> set[str]:
                found = set()
                for ref in ids or []:
                    ent = by_id.get(ref)
                    if ent is None:
                        continue
                    k = entity_key(doc, ent, mention_entity)
                    found.add(k)
                    tokens.setdefault(k, _name_tokens(ent.surface))
                    if ent.data.get("form") not in ("adjective", "role") or k not in names:
                        names[k] = ent.surface
                return found

            agents = keys(data.get("agent_anns"))
            named = [by_id[r] for r in data.get("agent_anns") or [] if r in by_id and by_id[r].data.get("form") not in ("adjective", "role")]
            agent_types = {str(a.label) for a in named}
            strong = {entity_key(doc, a, mention_entity) for a in named}
            patients = keys(data.get("patient_anns"))
            places = keys(data.get("place_anns"))
            interval, basis = None, None
            date = data.get("date") or {}
            if isinstance(date, dict) and date.get("value"):
                interval = weekday_days.get(ann.id) or interval_of(date.get("value"), date.get("granularity"))
                basis = "text" if interval else None
            window = interval
            happening = policies.get(ann.label or "", "participants") == "happening"
            # an inferred publication date places a happening in its story's days, never a signature or a vote
            usable_dct = dct is not None and (not dct_inferred or happening)
            sent = data.get("sentence_span") or [ann.span.start, ann.span.end]
            # "Nach dem Hochwasser wächst die Kritik": the happening lies before what the clause tells, so the day of
            # the report does not date it (a later article would open an event of its own on its publication day)
            earlier = happening and bool(data.get("noun")) and _AFTER_NAMED.search(doc.text, int(sent[0]), ann.span.start) is not None
            guessed = entry = False
            heading = _heading_day(headings, ann.span.start) if headings and interval is None else None
            if heading is not None and not earlier and data.get("tense") in ("present", "perfect", "past"):
                # a live blog's entry: reported on the day its heading names, whatever the page's own date
                interval, window, basis, entry = heading, widen(heading, window_days), "publication", True
            elif interval is None and usable_dct and not earlier and data.get("tense") in ("present", "perfect", "past"):
                assert dct is not None
                interval = interval_of(dct.value[:10]) if dct.granularity == "minute" else dct
                window, basis = widen(interval, window_days) if interval else None, "publication"
                guessed = dct_inferred
            tx = timexes.get(str(data.get("time_ann") or "")) if basis == "text" and interval is not None else None
            if tx is not None and interval is not None and interval.days == 1:
                interval = window = _morning_of_night(interval, tx, timex_order, timex_starts)
            if (tx is not None and interval is not None and dct is not None and not dct_inferred and not planned
                    and interval.start > dct.end and data.get("tense") in _TOLD_PAST and not data.get("noun")):
                interval = window = _before_article(interval, tx, timex_order, timex_starts, dct)
            if (basis == "text" and interval is not None and dct is not None and not dct_inferred
                    and data.get("tense") == "present" and interval.start > dct.end):
                planned = True  # "Der Warnstreik soll am 9. Dezember beginnen" in an article of the 6th: still ahead
            sentence = doc.span_json(Span(*sent))
            weekday = _weekday_of(doc, data.get("weekday"))
            count = data.get("count")
            doc_mentions.append(
                Mention(
                    doc=doc.id,
                    ann=ann.id,
                    event_class=ann.label or "event",
                    trigger=str(data.get("trigger") or ann.surface),
                    story=stories.get(doc.id, ""),
                    agents=agents,
                    agent_types=agent_types,
                    strong_agents=strong,
                    participants=agents | patients | places,
                    patients=patients - agents,
                    names=names,
                    tokens=tokens,
                    interval=interval,
                    window=window,
                    basis=basis,
                    words={w[:6] for w in content_words(sentence["text"]) if len(w) > 3},
                    obj=(str(data.get("object")).lower() if data.get("object") else None),
                    span=sentence,
                    trigger_span=doc.span_json(ann.span),
                    modality=str(data.get("modality", "asserted")),
                    agent_text=data.get("agent_text"),
                    according_to=data.get("according_to"),
                    places=places,
                    place_names=[names[k] for k in places if k in names],
                    happening=happening,
                    merge_class=same_as.get(ann.label or "", ""),
                    guessed=guessed,
                    noun=bool(data.get("noun")),
                    sentence=(int(sent[0]), int(sent[1])),
                    trigger_at=(ann.span.start, ann.span.end),
                    agent_spans=[(by_id[r].span.start, by_id[r].span.end) for r in data.get("agent_anns") or [] if r in by_id],
                    text=doc.text,
                    weekday=weekday,
                    ordinal=data["ordinal"] if isinstance(data.get("ordinal"), int) else None,
                    antecedent=None if agents else _antecedent(doc.text, int(sent[0]), sentence_starts, named_subjects),
                    landmarks=landmarks if weekday is not None else (),
                    count=(str(count["measure"]), float(count["value"]))
                    if isinstance(count, dict) and isinstance(count.get("value"), (int, float)) else None,
                    planned=planned,
                    entry=entry,
                    inconsistency=flagged.get(str(data.get("time_ann"))) if basis == "text" else None,
                    recent=widen(interval_of(dct.value[:10]) or dct, window_days)
                    if window is None and happening and dct is not None and not dct_inferred and dct.days <= 1 else None,
                )
            )
        # the occurrences the article names, planned ones included ("ruft erneut zu Warnstreiks auf")
        occurrences: dict[str, set[int]] = defaultdict(set)
        for ann in events:
            if isinstance(ann.data.get("ordinal"), int):
                occurrences[ann.label or "event"].add(int(ann.data["ordinal"]))
        _inherit_ordinals(doc_mentions, occurrences)
        out.extend(doc_mentions)
    return out


#: tenses that tell a happening as done: its weekday lies on or before the article's own day
_TOLD_PAST = frozenset({"past", "perfect", "pluperfect"})


def _shifted(interval: DateInterval, days: int) -> DateInterval:
    step = timedelta(days=days)
    start = interval.start + step
    return DateInterval(start, interval.end + step, start.isoformat() + interval.value[10:], interval.granularity)


def _named_day(ann: Annotation) -> DateInterval | None:
    """The day a timex's value names (its first ten characters), None for a month, a year, a duration or no value."""
    value = str(ann.data.get("value") or "")
    return interval_of(value[:10]) if len(value) >= 10 else None


def _context_anchor(tx: Annotation, order: Sequence[Annotation], starts: Sequence[int]) -> Annotation | None:
    """The last timex before ``tx`` that names a day: the one a date told from the context ("am Vortag") counts from.

    ``starts`` are the start offsets of ``order``, built once per document."""
    at = bisect.bisect_left(starts, tx.span.start)
    for prev in reversed(order[:at]):
        if _named_day(prev) is not None:
            return prev
    return None


def _morning_of_night(interval: DateInterval, tx: Annotation, order: Sequence[Annotation], starts: Sequence[int]) -> DateInterval:
    """A clock time in the small hours told after "in der Nacht zu Montag" lies on that Monday.

    The tagger dates the night by the evening it begins and hangs a following clock time on that day
    ("… in der Nacht zu Montag … Die Erde bebte um 2.31 Uhr"): 2.31 is Monday's.
    """
    if tx.data.get("rule") != "clock" or tx.data.get("anchor") != "context":
        return interval
    prev = _context_anchor(tx, order, starts)
    m = re.match(r"\d{4}-\d{2}-\d{2}T(\d{2})", str(tx.data.get("value") or ""))
    if prev is None or prev.data.get("rule") != "nightto" or m is None or int(m[1]) >= 12:
        return interval
    if str(prev.data.get("value") or "")[:10] != interval.start.isoformat():
        return interval
    return _shifted(interval, 1)


def _before_article(
    interval: DateInterval, tx: Annotation, order: Sequence[Annotation], starts: Sequence[int], dct: DateInterval
) -> DateInterval:
    """A day the tagger set after the article's own day for a deed the verb tells as done, moved to before it.

    "Der Mann soll am Dienstagabend … erstochen haben" in an article of Wednesday: the tagger read
    "soll" as ahead and took next Tuesday; a weekday (or "in der Nacht zum …") moves back by whole
    weeks. "Am Vortag hatten die Piraten das Bündnis aufgekündigt" after "am kommenden Dienstag": the
    tagger counted from the date told before it; the deed counts from the article's own day, the same
    number of days. A written date stays as written.
    """
    rel = tx.data.get("relative")
    if tx.data.get("direction") != "future" and not (isinstance(rel, dict) and rel.get("rel") == "future"):
        return interval  # the tagger read it as past (against an update's later date, say): its day stands
    if tx.data.get("rule") in ("weekday", "nightto") and isinstance(rel, dict) and isinstance(rel.get("weekday"), int):
        weeks = -(-(interval.start - dct.end).days // 7)
        return _shifted(interval, -7 * weeks)
    if tx.data.get("anchor") == "context" and tx.data.get("rule") != "clock":
        prev = _context_anchor(tx, order, starts)
        prev_day = _named_day(prev) if prev is not None else None
        if prev_day is None:
            return interval
        moved = _shifted(interval, (dct.end - prev_day.start).days)
        if moved.start <= dct.end:
            return moved
    return interval


_PRONOUN_WORDS = frozenset("er sie es man wir ich ihr du uns".split())
_SUBJECT_PRONOUN = re.compile(r"\s*[\"„“»«]?(Er|Sie)\s+(\w+)")
#: words after "Sie" that are no verb: its number is not known from them
_NOT_A_VERB = frozenset("und oder alle beide selbst auch aber jedoch allerdings dagegen also nun".split())


def _singular_verb(word: str) -> bool:
    """A finite verb of the third person singular ("hat", "forderte", "sprach"), not a plural ("haben", "forderten", "sind")."""
    w = word.lower()
    return word[:1].islower() and w not in _NOT_A_VERB and not w.endswith(("en", "rn", "ln")) and w != "sind"


def _antecedent(text: str, start: int, sentence_starts: list[int], named: list[Annotation]) -> str | None:
    """The name a sentence opening with "Er"/"Sie" points back to: the first person or organisation of the sentence before.

    "Die IG Metall kündigte Streiks an. Sie hat zu dem Warnstreik aufgerufen." labels the call
    "Die IG Metall hat …" rather than "Hat …". Only the sentence right before counts, and only its
    first name (the subject position in most news sentences); anything further back is left alone.
    "Sie" with a plural verb ("Sie forderten …") is "they", whom one name does not stand for.
    """
    pronoun = _SUBJECT_PRONOUN.match(text, start, start + 64)
    if pronoun is None:
        return None
    if pronoun.group(1) == "Sie" and not _singular_verb(pronoun.group(2)):
        return None
    kinds = ("PER",) if pronoun.group(1) == "Er" else ("PER", "ORG")  # "Er" is a man, "Sie" a woman, a group or a body
    i = bisect.bisect_left(sentence_starts, start)
    if i == 0:
        return None
    before = sentence_starts[i - 1]
    for ent in named:
        if ent.span.start >= start:
            break
        if ent.span.start >= before:
            return ent.surface if ent.label in kinds else None
    return None


def _inherit_ordinals(mentions: list[Mention], named: dict[str, set[int]]) -> None:
    """An article that names one occurrence of a happening ("der zweite Warnstreik") tells of that one throughout.

    Its other mentions of the class ("der Ausstand", "am Montag wird gestreikt") take the number;
    an article naming two occurrences ("anders als beim ersten Ausstand") leaves them unnumbered.
    """
    for m in mentions:
        if m.happening and m.ordinal is None and len(named.get(m.event_class, ())) == 1:
            m.ordinal = next(iter(named[m.event_class]))


#: timex rules whose words name a day (a clock time, a month or a duration names none)
_DAY_RULES = frozenset({"numdate", "isodate", "daymonth", "numdaymonth", "nightto", "weekday", "holiday", "deictic", "ctxday"})
#: what may stand before a date that opens a line of a ticker or live blog: marks, not words ("+++ 16. Mai, 23:12 Uhr:")
_LINE_LEAD = re.compile(r"[^\w]*")
#: what may follow it on its line when the date is a heading of its own ("Samstag, 15. März")
_LINE_TAIL = re.compile(r"[\s:.,–—+-]*")


def _day_headings(
    doc: Document, resolved: Callable[[], dict[str, dict[str, Any]]], dct: DateInterval | None, dct_inferred: bool,
) -> list[tuple[int, int, DateInterval]]:
    """The days a ticker's or live blog's lines open with: (from, to, day) of the text each one dates.

    A live blog dates its entries by a heading ("Samstag, 15. März") or at the start of each line
    ("+++ 16. Mai, 23:12 Uhr: …"), often without a year, so the tagger leaves the date open; it is
    resolved here against the (perhaps inferred) publication date like a landmark. A date that opens
    a line and is followed by words dates that line only; one alone on its line (a heading) dates the
    lines below it, up to the next heading. A clock time alone ("08:10 Uhr") names no day, and a day
    after a printed publication date is an agenda, not a report's day (an inferred one may lie too early).
    """
    text = doc.text
    found: list[tuple[Annotation, int, bool]] = []
    for ann in doc.of_kind("timex"):
        start = ann.span.start
        if ann.data.get("rule") not in _DAY_RULES:
            continue
        if _LINE_LEAD.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is None:
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        alone = ann.span.end >= line_end or _LINE_TAIL.fullmatch(text, ann.span.end, line_end) is not None
        found.append((ann, line_end, alone))
    if not found:
        return []
    again = resolved() if any(not ann.data.get("value") for ann, _, _ in found) else {}
    days: list[tuple[int, int, bool, DateInterval]] = []
    for ann, line_end, alone in found:
        data = ann.data if ann.data.get("value") else again.get(ann.id) or {}
        value = str(data.get("value") or "")
        iv = interval_of(value[:10]) if len(value) >= 10 else None
        if iv is None or iv.days != 1 or (dct is not None and not dct_inferred and iv.start > dct.end):
            continue
        days.append((ann.span.start, line_end, alone, iv))
    heads = [start for start, _, alone, _ in days if alone]
    out = []
    for start, line_end, alone, iv in days:
        later = [h for h in heads if h > start]
        out.append((start, later[0] if alone and later else len(text) if alone else line_end, iv))
    return out


def _one_day_per_weekday(doc: Document, events: Sequence[Annotation], same_as: dict[str, str]) -> dict[str, DateInterval]:
    """Days for the weekdays the tagger placed by no tense, where the article places the same weekday of the same happening.

    "Großstreik am Montag" in a headline has no verb to say which Monday, so the tagger takes the
    nearest; "Der Ausstand soll am Montag beginnen" in the same article says it is the next one. One
    article names one Monday for one happening: the untensed mention takes the day its tensed ones agree
    on (none when they disagree). Returns {event annotation id: day}.
    """
    timexes = {a.id: a for a in doc.of_kind("timex") if a.data.get("rule") == "weekday"}
    if not timexes:
        return {}
    told: dict[tuple[str, int], set[DateInterval]] = defaultdict(set)
    untensed: list[tuple[str, tuple[str, int], DateInterval]] = []
    for ann in events:
        data = ann.data
        tx = timexes.get(str(data.get("time_ann") or ""))
        if tx is None or data.get("negated") or data.get("modality", "asserted") not in (*FACTUAL, PLANNED):
            continue
        found = tx.data.get("relative")
        rel: dict[str, Any] = found if isinstance(found, dict) else {}
        iv = _named_day(tx)
        if iv is None or iv.days != 1 or not isinstance(rel.get("weekday"), int):
            continue
        key = (same_as.get(ann.label or "", "") or ann.label or "", int(rel["weekday"]))
        if rel.get("rel") == "nearest":
            untensed.append((ann.id, key, iv))
        else:
            told[key].add(iv)
    out = {}
    for ann_id, key, iv in untensed:
        days = told.get(key) or set()
        if len(days) == 1 and iv not in days:
            out[ann_id] = next(iter(days))
    return out


def _heading_day(headings: list[tuple[int, int, DateInterval]], at: int) -> DateInterval | None:
    """The day of the line-opening date whose text holds ``at`` (see ``_day_headings``), the nearest one first."""
    inside = [(start, iv) for start, end, iv in headings if start <= at < end]
    return max(inside, key=lambda h: h[0])[1] if inside else None


def _resolved_against_publication(doc: Document, inferred: dict[str, Any]) -> Callable[[], dict[str, dict[str, Any]]]:
    """The document's timexes resolved again against its (perhaps inferred) publication date, {timex id: data}.

    Computed on the first call only: the day headings and the landmarks both need it, and most
    documents need it for neither.
    """

    @cache
    def resolved() -> dict[str, dict[str, Any]]:
        guess = (inferred or {}).get(doc.id) or {}
        value = doc.meta.published.value or guess.get("value")
        if not value:
            return {}
        from lagebild.stages.timex import reresolve

        precision = doc.meta.published.precision if doc.meta.published.value else guess.get("precision")
        return reresolve(doc, str(value), precision, mode="news")

    return resolved


def _landmarks(doc: Document, resolved: Callable[[], dict[str, dict[str, Any]]]) -> tuple[tuple[date_type, int], ...]:
    """The days an article says its story lies just before or after, resolved against its own (perhaps inferred) date.

    A timex the tagger could not place (a holiday in an article known to the month) is resolved here
    against the publication date, so a run that reuses stored inferences gives the same days.
    """
    # a time of day is the happening's own time, never a landmark ("kurz nach 19 Uhr")
    near_ones = [
        (ann, m) for ann in doc.of_kind("timex")
        if not time_of_day(ann.data, ann.label) and (m := NEAR.search(doc.text, max(0, ann.span.start - 40), ann.span.start))
    ]
    if not near_ones:
        return ()
    again = resolved() if any(not ann.data.get("value") for ann, _ in near_ones) else {}
    out = []
    for ann, near in near_ones:
        data = ann.data if ann.data.get("value") else again.get(ann.id) or {}
        iv = interval_of(data.get("value"))
        if iv is not None and iv.days == 1:
            out.append((iv.start, -1 if near.group(1).lower() == "vor" else 1))
    return tuple(sorted(set(out)))


def _derived(
    date: dict[str, Any] | None, dates: list[dict[str, Any]], placed: dict[str, list[Mention]], anchors: dict[str, dict[str, Any]],
) -> Dated:
    """The day the placed weekdays give (most sources, then the earliest), any other day an alternative.

    A day written out in a text is never replaced.
    """
    if not placed or (date is not None and date.get("basis") == "text"):
        return date, dates, False, placed
    # most sources, then the earliest day; any other day stays listed as an alternative
    best = min(placed, key=lambda d: (-len({m.doc for m in placed[d]}), d))
    evidence = [_weekday_span(m) for m in sorted(placed[best], key=lambda m: (m.doc, (m.weekday or {}).get("start", 0)))]
    derived = {
        "value": best, "granularity": "day", "start": best, "end": best, "basis": "derived",
        "derived_from": {"weekdays": evidence, "anchor": anchors[best]},
    }
    alternatives = [a for a in dates if a["value"] not in placed]
    for value, ms in placed.items():
        alternatives.append({"value": value, "granularity": "day", "basis": "derived", "sources": sorted({m.doc for m in ms})})
    return derived, sorted(alternatives, key=lambda a: a["value"]), len(placed) > 1, placed


def _place_by_landmarks(c: _Cluster, date: dict[str, Any] | None, dates: list[dict[str, Any]]) -> Dated:
    """Place an unplaced weekday in the week its article sets the story in: "kurz vor Weihnachten … am Freitag".

    Used last, for events that no source dates to the day: the weekday is the one in the seven days
    before (or after) the day the article names, when its articles agree on one such day.
    """
    placed: dict[str, list[Mention]] = defaultdict(list)
    anchors: dict[str, dict[str, Any]] = {}
    for m in c.mentions:
        if m.weekday is None or not m.landmarks:
            continue
        weekday = int(m.weekday["weekday"])
        days = {}
        for day, side in m.landmarks:
            if side > 0:
                days[day + timedelta(days=(weekday - day.weekday()) % 7 or 7)] = day
            else:
                days[day - timedelta(days=(day.weekday() - weekday) % 7 or 7)] = day
        inside = {d: a for d, a in days.items() if m.window is None or m.window.start <= d <= m.window.end}
        if len(inside) != 1:
            continue  # two landmarks a week apart, or none within the days its article can speak of
        ((day, landmark),) = inside.items()
        placed[day.isoformat()].append(m)
        anchors.setdefault(day.isoformat(), {"value": landmark.isoformat(), "basis": "article landmark", "doc": m.doc})
    return _derived(date, dates, placed, anchors)


def _weekday_of(doc: Document, data: Any) -> dict[str, Any] | None:
    """The unplaced weekday of an event payload, with original offsets (None when absent or malformed)."""
    if not isinstance(data, dict) or not isinstance(data.get("weekday"), int) or not 0 <= data["weekday"] <= 6:
        return None
    span = data.get("span")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return None
    return {**doc.span_json(Span(*span)), "weekday": data["weekday"]}


def _repeat(ordinal: int | None) -> bool:
    """The mention names a later occurrence ("zweiter", "erneuter"), not the first or none."""
    return ordinal is not None and ordinal != 1


def _later(c: _Cluster) -> bool:
    """The cluster tells a later occurrence of its happening (its weekdays are placed by ``_place_repeats``)."""
    return any(_repeat(o) for o in c.ordinals)


def _same_text_day(m: Mention, c: _Cluster) -> bool:
    return m.basis == "text" and m.window is not None and m.window.days == 1 and any(
        t.days == 1 and m.window.overlaps(t, 0) for t in c.text_windows
    )


def _same_occurrence(a: int, b: int) -> bool:
    """Two named occurrences can be one: the same number, or a repeat (0) and any occurrence after the first."""
    return a == b or (a == 0 and b != 1) or (b == 0 and a != 1)


def _origins(groups: dict[str, str], sources: Sequence[str]) -> list[dict[str, Any]]:
    """The sources of an event per origin (agency, outlet or copy group), largest first."""
    by: dict[str, list[str]] = defaultdict(list)
    for d in sources:
        by[groups.get(d, d)].append(d)
    return [{"origin": o, "sources": sorted(ds)} for o, ds in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def _name_tokens(surface: str) -> frozenset[str]:
    return frozenset(w for w in norm_words(surface) if len(w) > 1)


def _matches(keys: set[str], tokens: dict[str, frozenset[str]], other: Counter[str] | set[str],
             other_tokens: dict[str, frozenset[str]]) -> int:
    """Count ``keys`` that equal one of ``other`` or name the same person in fewer words (2+ shared)."""
    n = 0
    for k in keys:
        if k in other:
            n += 1
            continue
        mine = tokens.get(k, frozenset())
        if len(mine) >= 2 and any(
            len(theirs) >= 2 and (mine <= theirs or theirs <= mine) for o in other if (theirs := other_tokens.get(o, frozenset()))
        ):
            n += 1
    return n


#: an umlaut written out ("Muenchen", "Duesseldorf"), never a diphthong's "eu"/"au" before an "e" ("Neuenburg", "Bauer")
_UMLAUT_SPELLED = re.compile(r"(?<![aeiouq])([aou])e")


def _place_word(key: str) -> str:
    """A place key's word as ``norm_name`` folds it, its umlauts written out folded too: "loc:muenchen" (a resolved
    id), "name:munchen" and "München" → "munchen"; hyphens and spaces join ("Sachsen-Anhalt" → "sachsenanhalt")."""
    return _UMLAUT_SPELLED.sub(r"\1", norm_name(key.split(":", 1)[-1].replace("-", " ")))


def _adjective_of(word: str, place: str) -> bool:
    """Whether ``word`` is the adjective "-er" of the place itself, whole or as a normaliser cut it: "Wiener" of Wien,
    "Münchner" (or "Münchn") of München, "Dresdner" of Dresden; never another place that opens with its name
    ("Wiener Neustadt", "Berlingen")."""
    if len(place) < 4:
        return False
    stem = place[:-2] if place.endswith("en") else place
    return word in (place + "er", stem + "ner", stem + "er") or (stem != place and word == stem + "n")


def _places_meet(mine: AbstractSet[str], theirs: AbstractSet[str]) -> bool:
    """Whether two place keys name one place though resolved or spelled apart ("München", "Muenchen", "Münchner"):
    the same word once case, umlauts and their spellings are folded, or one the adjective of the other. A name that
    opens another is another place ("Sachsen" and "Sachsen-Anhalt", "Essen" and "Essenbach")."""
    for a in mine:
        x = _place_word(a)
        for b in theirs:
            y = _place_word(b)
            if x == y or _adjective_of(x, y) or _adjective_of(y, x):
                return True
    return False


def _place_told(m: Mention, c: _Cluster) -> bool:
    """Whether a place told by its adjective ("in der pakistanischen Stadt Quetta") comes with the other's place by name.

    Places are tagged at different scales: the country's adjective may be the only place one report's
    sentence gives, while another names the city; the sentence that holds both tells they are one place.
    A sentence that names several cities by name ("in Hannover …, in Kiel …") joins none of them.
    """
    mine = m.span.get("text") or ""
    adjective_only = bool(m.place_names) and all(n[:1].islower() for n in m.place_names)
    for other in c.mentions[:20]:
        theirs = other.span.get("text") or ""
        if other.place_names and all(n[:1].islower() for n in other.place_names) and any(_names_word(n, theirs) for n in m.place_names):
            return True
        if adjective_only and any(_names_word(n, mine) for n in other.place_names):
            return True
    return False


def _names_word(name: str, text: str) -> bool:
    return len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def _overlap_known(a: object, b: object) -> bool:
    """Two text dates overlap (within a day), or one of them has no calendar value to compare."""
    first, second = interval_of(a), interval_of(b)
    return first is None or second is None or first.overlaps(second, 1)


def _jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


#: days placed per article: doc -> {ISO day: the weekday span placed there}
Pins = dict[str, dict[str, dict[str, Any]]]


def _weekday_span(m: Mention) -> dict[str, Any]:
    return {k: (m.weekday or {})[k] for k in ("doc", "start", "end", "text")}


def _place_weekdays(
    c: _Cluster, date: dict[str, Any] | None, dates: list[dict[str, Any]], pins: Pins | None = None,
    story_days: Sequence[date_type] | None = None, after: bool = False,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], bool, dict[str, list[Mention]]]:
    """Place the sources' unplaced weekdays ("am Samstag") against a day-precision date of the same narrative.

    An article known only to the month cannot turn "am Samstag" into a day; the same event dated to
    the day by other sources can: the weekday is the one nearest that day. Without such a date, a
    weekday of the article already placed in another event (``pins``) fixes the article's week, when
    it leaves one day only. A weekday the text names is finer evidence than "around publication", so
    it replaces such a date; a day written out in a text is never replaced, a month is never an
    anchor. Returns the date, the alternatives, whether the placed days disagree, and the placements.
    """
    placed: dict[str, list[Mention]] = defaultdict(list)
    anchors: dict[str, dict[str, Any]] = {}  # day -> what placed it
    day_anchor = None
    if date is not None and date.get("granularity") in ("day", "minute"):
        day_anchor = interval_of(date.get("value"))
    elif pins is None and story_days is None:
        return date, dates, False, placed
    for m in c.mentions:
        if m.weekday is None:
            continue
        weekday = int(m.weekday["weekday"])
        if day_anchor is not None:
            day = nearest_weekday(day_anchor.start, weekday)
            anchor = {"value": (date or {}).get("value"), "basis": (date or {}).get("basis")}
        elif story_days is not None:
            # last: the days its story's texts give, when the weekday falls on one day among them
            # all that its own article can speak of ("am Montag" after a Sunday election)
            near = {nearest_weekday(d, weekday): d for d in story_days}
            if after:
                # a later occurrence ("der erneute Warnstreik am Montag") comes after the last earlier one
                # on that weekday, else after the story's first day
                same = [d for d in story_days if d.weekday() == weekday]
                base = max(same) if same else min(story_days)
                near = {next_weekday(base, weekday): base}
            inside = {d: a for d, a in near.items() if m.window is None or m.window.start <= d <= m.window.end}
            if len(inside) != 1:
                continue  # the story's days fall in two weeks: the weekday's week is not known
            ((day, story_day),) = inside.items()
            anchor = {"value": story_day.isoformat(), "basis": "previous occurrence" if after else "story"}
        else:
            mine = (pins or {}).get(m.doc) or {}
            pin_days = {p: iv.start for p in mine if (iv := interval_of(p)) is not None}
            days = {nearest_weekday(d, weekday) for d in pin_days.values()}
            if len(days) != 1:
                continue  # no placed weekday in this article, or two weeks apart: its week is not known
            day = days.pop()
            pin = min(pin_days, key=lambda p: (abs((pin_days[p] - day).days), p))
            anchor = {"value": pin, "basis": "article", **mine[pin]}
        if m.window is not None and not m.window.start <= day <= m.window.end:
            continue  # outside the days its own article can speak of
        placed[day.isoformat()].append(m)
        anchors.setdefault(day.isoformat(), anchor)
    return _derived(date, dates, placed, anchors)


Dated = tuple[dict[str, Any] | None, list[dict[str, Any]], bool, dict[str, list[Mention]]]


def _place_repeats(clusters: list[_Cluster], dated: list[Dated]) -> list[Dated]:
    """Place the weekdays of a later occurrence after the days of the earlier ones.

    "Am Montag der erneute Warnstreik", in articles known to the month only, is placed after the
    days the story's texts give to the unnumbered or first occurrences of that class, not on the
    Monday nearest it (which is the first strike's own day): the Monday after the last earlier
    Monday, or after the story's first day when no earlier occurrence fell on a Monday.
    """
    earlier: dict[tuple[str, str], set[date_type]] = defaultdict(set)
    for c, d in zip(clusters, dated, strict=True):
        if _later(c) or not c.mentions[0].story:
            continue
        if d[0] and d[0].get("basis") in ("text", "derived") and (iv := interval_of(d[0].get("value"))) and iv.days == 1:
            earlier[(c.mentions[0].story, c.mentions[0].event_class)].add(iv.start)
    out = list(dated)
    # earlier occurrences first ("der zweite" before "der dritte"): each placed day is an earlier day for the next
    for i in sorted(range(len(clusters)), key=lambda i: (_occurrence_rank(clusters[i]), i)):
        c, d = clusters[i], dated[i]
        key = (c.mentions[0].story, c.mentions[0].event_class)
        day_dated = d[0] is not None and d[0].get("granularity") in ("day", "minute")
        if d[3] or day_dated or not earlier.get(key) or not _later(c):
            continue
        out[i] = _place_weekdays(c, d[0], d[1], story_days=sorted(earlier[key]), after=True)
        placed = out[i][0]
        if placed and (iv := interval_of(placed.get("value"))) and iv.days == 1:
            earlier[key].add(iv.start)
    return out


def _occurrence_rank(c: _Cluster) -> int:
    """The place of a later occurrence in its series: the number it is given, a repeat without one ("erneut") the second."""
    numbered = [o for o in c.ordinals if o > 1]
    return min(numbered) if numbered else 2


def _mark_central(events: list[dict[str, Any]], happenings: list[bool]) -> None:
    """Mark each story's central event: the happening most independent sources report (at least two).

    A story is told around one happening (a flood, an attack, a strike), and the reactions, counts and
    rulings around it are each told by fewer sources; a happening outranks a statement with as many
    sources, then more mentions and the earlier date decide. The flag lets a story's page put it first.
    """
    best: dict[str, tuple[tuple[Any, ...], int]] = {}
    for i, (ev, happening) in enumerate(zip(events, happenings, strict=True)):
        ev["central"] = False
        n = int(ev.get("independent_sources") or 0)
        if not ev.get("story") or n < 2 or ev.get("status") == "planned":
            continue
        start = (ev.get("date") or {}).get("start") or "9999"
        key = (not happening, -n, -len(ev.get("mentions") or []), start, ev["id"])
        if ev["story"] not in best or key < best[ev["story"]][0]:
            best[ev["story"]] = (key, i)
    for _, i in best.values():
        events[i]["central"] = True


def _merge_key(m: Mention) -> str:
    """The class a happening's mentions are indexed under (see ``EventMerger.merge``)."""
    return m.merge_class if m.merge_class and (m.window is None or m.basis != "text" or m.window.days <= 7) else m.event_class


def _fold_undated(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold a happening no text dates into the one of its story and class that the text dates, where its reports fall.

    The merge holds a text-dated happening to its days, so the reports that date a strike or a flood
    only by their publication days can form a second event of the same story beside it (one report
    a few days too early starts it, the others follow). Such an event is the text-dated one when at least
    half of its sources' windows hold that one's day, its places, weekdays and counts do not exclude it, and
    one text-dated event only takes it.
    """
    dated = [
        i for i, c in enumerate(clusters)
        if c.mentions[0].happening and any(t.days <= 7 for t in c.text_intervals()) and not all(m.planned for m in c.mentions)
    ]
    if not dated:
        return clusters
    gone: set[int] = set()
    for i, c in enumerate(clusters):
        first = c.mentions[0]
        if not first.happening or c.text_intervals() or i in dated:
            continue
        # only reports dated to the day say where they fall (a month known from a crawl marker says nothing), and a
        # named occurrence ("der zweite Streik", "ein erneuter") is placed by the occurrence rules instead
        days_known = [m for m in c.mentions if m.window is not None and m.interval is not None and m.interval.days == 1]
        if c.ordinals or not days_known:
            continue
        docs = {m.doc for m in days_known}
        fits = []
        for j in dated:
            a = clusters[j]
            other = a.mentions[0]
            if other.story != first.story or _merge_key(other) != _merge_key(first):
                continue
            if c.place_keys and a.place_keys and not _matches(c.place_keys, c.tokens, a.place_keys, a.tokens) and not _places_meet(c.place_keys, a.place_keys):
                continue
            if (c.weekdays and a.weekdays and not c.weekdays & a.weekdays) or (c.counts and a.counts and not c.counts & a.counts):
                continue
            if any(_repeat(o) for o in a.ordinals):
                continue
            days = [t for t in a.text_intervals() if t.days <= 7]
            held = {m.doc for m in days_known if m.window is not None and any(m.window.overlaps(t, 0) for t in days)}
            if held and 2 * len(held) >= len(docs):
                fits.append(j)
        if len(fits) == 1:
            for m in c.mentions:
                clusters[fits[0]].add(m)
            gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _weekdays(m: Mention) -> set[int]:
    """The day of the week a mention names: its unplaced "am Samstag", or the weekday of a day its text gives."""
    if m.weekday is not None:
        return {int(m.weekday["weekday"])}
    if m.basis == "text" and m.window is not None and m.window.days == 1:
        return {m.window.start.weekday()}
    return set()


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    agents: Counter[str] = field(default_factory=Counter)
    patients: set[str] = field(default_factory=set)
    agent_types: set[str] = field(default_factory=set)
    strong_agents: set[str] = field(default_factory=set)
    triggers: Counter[str] = field(default_factory=Counter)
    tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    participants: Counter[str] = field(default_factory=Counter)
    place_keys: set[str] = field(default_factory=set)
    objects: Counter[str] = field(default_factory=Counter)
    conflict: bool = False
    # Distinct word sets and date windows of the mentions: copies of an article repeat them, and
    # a candidate is scored against each distinct one only (same maxima, same any()).
    word_sets: dict[frozenset[str], None] = field(default_factory=dict)
    text_windows: dict[DateInterval, None] = field(default_factory=dict)
    windows: dict[DateInterval, None] = field(default_factory=dict)
    weekdays: set[int] = field(default_factory=set)  # the days of the week its mentions name (see _weekdays)
    counts: set[tuple[str, float]] = field(default_factory=set)  # the casualty figures its mentions report
    ordinals: set[int] = field(default_factory=set)  # the occurrences its mentions name (see Mention.ordinal)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.weekdays |= _weekdays(m)
        if m.count is not None:
            self.counts.add(m.count)
        if m.ordinal is not None:
            self.ordinals.add(m.ordinal)
        self.word_sets[frozenset(m.words)] = None
        if m.window is not None:
            self.windows[m.window] = None
            if m.basis == "text":
                self.text_windows[m.window] = None
        self.agents.update(m.agents)
        self.patients |= m.patients
        self.agent_types |= m.agent_types
        self.strong_agents |= m.strong_agents
        self.triggers[m.trigger] += 1
        for k, t in m.tokens.items():
            self.tokens.setdefault(k, t)
        self.participants.update(m.participants)
        self.place_keys |= m.places
        if m.obj:
            self.objects[m.obj] += 1

    def text_intervals(self) -> list[DateInterval]:
        """The distinct windows of the mentions dated by the text itself."""
        return list(self.text_windows)

    def any_intervals(self) -> list[DateInterval]:
        """The distinct windows of all dated mentions."""
        return list(self.windows)


@COMPARE.register("events.merge.v1", requires=set(), produces={"events"})
@dataclass
class EventMerger:
    """Merge the same event reported by several articles, keeping every source span."""

    min_score: float = 1.0
    conflict_similarity: float = 0.45  # wording overlap needed to accept a date conflict
    window_days: int = 7  # "around publication": days before the publication date
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.events = self.merge(ctx.docs, ctx.result)

    def _score_happening(self, m: Mention, c: _Cluster) -> tuple[float, bool] | None:
        """A flood, an attack, a strike: one event per story, place and date, whoever the sentence names."""
        if (c.place_keys and m.places and not _matches(m.places, m.tokens, c.place_keys, c.tokens) and not _places_meet(m.places, c.place_keys)
                and not _place_told(m, c)):
            return None  # Hamburg's demonstration is not Munich's
        mine = _weekdays(m)
        if mine and c.weekdays and not mine & c.weekdays:
            return None  # Saturday's demonstrations are not Sunday's
        if m.count is not None and c.counts and m.count not in c.counts:
            return None  # "auf 5 gestiegen" and "auf 7 gestiegen" are two reports of a rising toll
        texts = c.text_intervals()
        if m.window is not None:
            # a cluster the text dates is held to those dates: publication windows must not chain it
            # into the weeks before (the election of 23 February and the final result of 14 March);
            # a year the text names ("die Bundestagswahl 2025") holds no cluster open when it has days
            fine = [t for t in texts if t.days <= 31]
            others = fine or texts or c.any_intervals()
            if others and not any(m.window.overlaps(t, 0) for t in others):
                return None
        shared = _matches(m.participants, m.tokens, c.participants, c.tokens)
        sim = max((_jaccard(m.words, words) for words in c.word_sets), default=0.0)
        same_text_date = m.basis == "text" and m.window is not None and any(m.window.overlaps(t, 0) for t in texts)
        # "Zwei Tage nach dem Anschlag": the story's recent attack, not one of years ago that the article recalls in the
        # same place. The older one may share the report's place key (+0.5) and a date the text gives (+0.75); the
        # recent one must outweigh both, so 1.75 (= 0.5 + 0.75 + 0.5, half a point of margin for the wording).
        # Another place's recent happening never gains by it: the place check above turns it away first.
        recent = m.recent is not None and any(t.days <= 31 and m.recent.overlaps(t, 0) for t in texts)
        return 1.0 + shared + 2.0 * sim + (0.75 if same_text_date else 0.0) + (1.75 if recent else 0.0) + (0.5 if m.places and c.place_keys else 0.0), False

    def _score(self, m: Mention, c: _Cluster) -> tuple[float, bool] | None:
        """Return (score, is_date_conflict) for joining ``m`` to ``c``, or None if incompatible."""
        if m.ordinal is not None and any(not _same_occurrence(m.ordinal, o) for o in c.ordinals):
            return None  # the second strike is not the first
        if ((_repeat(m.ordinal) and not c.ordinals) or (m.ordinal is None and any(_repeat(o) for o in c.ordinals))) and not _same_text_day(m, c):
            return None  # a later occurrence ("ein erneuter Warnstreik") and an unnumbered one meet only on a day the texts give
        if m.happening:
            return self._score_happening(m, c)
        if (
            len(m.strong_agents) == 1 and len(c.strong_agents) == 1
            and not _matches(m.strong_agents, m.tokens, c.strong_agents, c.tokens)
            and m.agent_types == c.agent_types
        ):
            return None  # two different single actors of the same kind ("Nordkorea" vs "Russland")
        if (m.strong_agents and c.patients and _matches(m.strong_agents, m.tokens, c.patients, c.tokens)
                and not _matches(m.strong_agents, m.tokens, c.strong_agents, c.tokens)):
            return None  # roles swapped: the accused accusing back is another event, not the same one
        agents_apart = bool(m.strong_agents and c.strong_agents and not _matches(m.strong_agents, m.tokens, c.strong_agents, c.tokens))
        shared = _matches(m.participants, m.tokens, c.participants, c.tokens)
        sim = max((_jaccard(m.words, words) for words in c.word_sets), default=0.0)
        same_obj = bool(m.obj and m.obj in c.objects)
        texts = c.text_intervals()
        same_text_date = (
            m.basis == "text" and m.window is not None and m.window.days <= 31
            and any(m.window.overlaps(t, 1) and t.days <= 31 for t in texts)
        )
        if m.participants and c.participants and not shared and not same_text_date:
            return None
        if agents_apart and not shared and not (same_obj or sim >= 0.3):
            return None
        if not (m.participants and c.participants) and not (same_obj or sim >= 0.35 or same_text_date):
            return None
        conflict = False
        if m.window is not None:
            others = texts if m.basis == "text" else c.any_intervals()
            if m.basis == "text" and texts:
                if not any(m.window.overlaps(t, 1) for t in texts):
                    if shared >= 2 and same_obj and sim >= self.conflict_similarity:
                        conflict = True
                    else:
                        return None
            elif others and not any(m.window.overlaps(t, 1) for t in others):
                return None
            if m.basis != "text" and texts and not any(m.window.overlaps(t, 1) for t in texts):
                return None
        score = shared + 2.0 * sim + (0.5 if same_obj else 0.0) + (0.25 if m.trigger in c.triggers else 0.0)
        if same_text_date and not conflict:
            score += 0.75
        return score, conflict

    def merge(self, docs: Sequence[Document], result: Any) -> list[dict[str, Any]]:
        """Return merged events (contract: CorpusResult.events)."""
        mentions = mentions_of(docs, result, window_days=self.window_days)
        order = sorted(
            mentions,
            key=lambda m: (
                {"text": 0, "publication": 1}.get(m.basis or "", 2),
                # a ticker's one-line entry seeds no event: the articles' fuller sentences name its places first
                m.entry,
                _GRAN_RANK.get(m.interval.granularity, 9) if m.interval else 9,
                -len(m.participants),
                m.doc,
                m.span["start"],
            ),
        )
        clusters: list[_Cluster] = []
        index: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        for m in order:
            # another class's word for the happening merges under it where a week at most dates it: "ein erstes Unwetter
            # Anfang Mai" (a month) is a storm of its own, not the flood of the 17th
            cls = m.merge_class if m.merge_class and (m.window is None or m.basis != "text" or m.window.days <= 7) else m.event_class
            keys = [(m.story, cls, "p:" + p) for p in m.participants]
            if m.obj:
                keys.append((m.story, cls, "o:" + m.obj))
            keys.append((m.story, cls, "d:" + m.doc))
            if m.happening:
                keys.append((m.story, cls, "h"))  # every happening of the class in the story is a candidate
            if m.basis == "text" and m.window is not None and m.window.days <= 31:
                keys.extend((m.story, cls, f"t:{month}") for month in {m.window.start.isoformat()[:7], m.window.end.isoformat()[:7]})
            candidates = {ci for k in keys for ci in index.get(k, ())}
            best: tuple[float, int, bool] | None = None
            for ci in candidates:
                got = self._score(m, clusters[ci])
                if got is None:
                    continue
                score, conflict = got
                rank = (score, len(clusters[ci].mentions))
                if score >= self.min_score and (best is None or rank > (best[0], len(clusters[best[1]].mentions))):
                    best = (score, ci, conflict)
            if best is None:
                clusters.append(_Cluster())
                ci = len(clusters) - 1
            else:
                ci = best[1]
                clusters[ci].conflict |= best[2]
            clusters[ci].add(m)
            for k in keys:
                index[k].add(ci)
        clusters = _fold_undated(clusters)
        # sources are counted per origin: an agency's copies and one outlet's articles are one source
        groups = independent_origins(result, docs)
        names = entity_names(getattr(result, "entities", None) or [])
        # dates: each event's consensus, then weekdays placed against the event's own day; the
        # weekdays placed so fix their articles' weeks for events no source dates to the day
        dated = [_place_weekdays(c, *self._consensus(c)) for c in clusters]
        pins: Pins = defaultdict(dict)
        for *_, placed in dated:
            for day, ms in placed.items():
                for m in ms:
                    pins[m.doc].setdefault(day, _weekday_span(m))
        dated = [
            d if d[3] or (d[0] and d[0].get("granularity") in ("day", "minute")) or _later(c) else _place_weekdays(c, d[0], d[1], pins)
            for c, d in zip(clusters, dated, strict=True)
        ]
        # then the days the story's texts give, for the weekdays still unplaced
        story_days: dict[str, set[date_type]] = defaultdict(set)
        for c, d in zip(clusters, dated, strict=True):
            if c.mentions[0].story and d[0] and d[0].get("basis") == "text" and (iv := interval_of(d[0].get("value"))) and iv.days == 1:
                story_days[c.mentions[0].story].add(iv.start)
        dated = [
            d if d[3] or (d[0] and d[0].get("granularity") in ("day", "minute")) or not story_days.get(c.mentions[0].story) or _later(c)
            else _place_weekdays(c, d[0], d[1], story_days=sorted(story_days[c.mentions[0].story]))
            for c, d in zip(clusters, dated, strict=True)
        ]
        dated = _place_repeats(clusters, dated)
        # last: the week the article itself names ("kurz vor Weihnachten"), for weekdays still unplaced
        dated = [
            d if d[3] or (d[0] and d[0].get("granularity") in ("day", "minute")) or _later(c) else _place_by_landmarks(c, d[0], d[1])
            for c, d in zip(clusters, dated, strict=True)
        ]
        events = [self._event_json(c, groups, names, d[:3]) for c, d in zip(clusters, dated, strict=True)]
        _mark_central(events, [c.mentions[0].happening for c in clusters])
        events.sort(key=lambda e: (e["date"]["start"] if e["date"] else "9999", e["id"]))
        return events

    @staticmethod
    def _consensus(c: _Cluster) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        texts = [m for m in c.mentions if m.interval is not None and m.basis == "text"]
        pool = texts or [m for m in c.mentions if m.interval is not None]
        alternatives: dict[str, dict[str, Any]] = {}
        for m in c.mentions:
            if m.interval is None:
                continue
            slot = alternatives.setdefault(
                m.interval.value,
                {"value": m.interval.value, "granularity": m.interval.granularity, "basis": m.basis, "sources": []},
            )
            if m.basis == "text":
                slot["basis"] = "text"
            if m.doc not in slot["sources"]:
                slot["sources"].append(m.doc)
        if not pool:
            return None, []

        def support(m: Mention) -> tuple[int, int, int]:
            docs = {o.doc for o in pool if o.interval is not None and m.interval is not None and o.interval.overlaps(m.interval, 1)}
            return (len(docs), -_GRAN_RANK.get(m.interval.granularity, 9) if m.interval else 0, 0)

        best = max(pool, key=support)
        reported = [m for m in pool if m.basis == "publication" and not m.guessed and m.interval is not None and m.interval.days <= 1]
        if not texts and reported:
            # nothing in the text dates it: it happened by the day of its first dated report (later
            # reports, and inferred dates placed at the start of the story, say less)
            first = min(reported, key=lambda m: (m.interval.start.toordinal() if m.interval else 0, m.doc))
            assert first.interval is not None
            return {**first.interval.to_json(), "basis": first.basis}, sorted(alternatives.values(), key=lambda a: a["value"])
        days = [m for m in pool if m.interval is not None and m.interval.days <= 1]
        if days and best.interval is not None and best.interval.days > 1:
            # a month or week that contains the days the sources name: the day most of them name, when
            # two sources agree on it or no source gives anything finer than that month
            def on_day(m: Mention) -> tuple[int, str]:
                same = {o.doc for o in days if o.interval is not None and m.interval is not None and o.interval.overlaps(m.interval)}
                return len(same), "" if m.interval is None else m.interval.value
            day = max(days, key=on_day)
            agree = on_day(day)[0]
            inside = day.interval is not None and best.interval.overlaps(day.interval)
            if inside and (agree >= 2 or len({m.doc for m in days}) == len({m.doc for m in pool if m.interval is not None and m.interval.days <= 31})):
                best = day
        assert best.interval is not None
        date = {**best.interval.to_json(), "basis": best.basis}
        return date, sorted(alternatives.values(), key=lambda a: a["value"])

    @staticmethod
    def _representative(c: _Cluster, date: dict[str, Any] | None) -> Mention:
        """The mention whose sentence labels the event: dated as the event, with a named agent, short."""
        value = (date or {}).get("value")

        def rank(m: Mention) -> tuple[int, int, int, int, int, int, int, str, int]:
            on_date = m.interval is not None and m.interval.value == value and m.basis == "text"
            quality = label_quality(m.text, Span(*m.sentence), Span(*m.trigger_at)) if m.text else 9
            return (m.planned, quality > 1, not on_date, quality, m.noun, not m.strong_agents, m.basis != "text", m.doc, m.sentence[0])

        return min(c.mentions, key=rank)

    def _event_json(
        self, c: _Cluster, groups: dict[str, str], names: dict[str, str],
        dated: tuple[dict[str, Any] | None, list[dict[str, Any]], bool],
    ) -> dict[str, Any]:
        surface: dict[str, Counter[str]] = defaultdict(Counter)
        for m in c.mentions:
            for k, s in m.names.items():
                surface[k][s] += 1

        def name(k: str) -> str:
            return names.get(k) or (surface[k].most_common(1)[0][0] if surface.get(k) else k.split(":", 1)[-1])

        # counts first, then the key: the same output on every run (sets have no stable order)
        agents = sorted(c.agents, key=lambda k: (-c.agents[k], k))[:3]
        participants = sorted(c.participants, key=lambda k: (-c.participants[k], k))
        date, dates, weekdays_apart = dated
        first = c.mentions[0]
        # a name written in lower case is an adjective the tagger took for one ("steirische", "österreichische")
        who = ", ".join(n for n in (name(k) for k in agents[:2]) if not n[:1].islower()) or _agent_phrase(first.agent_text or "")
        seed = first.obj  # the first (most specific) mention's object wins ties
        obj = min(c.objects, key=lambda o: (-c.objects[o], o != seed, o)) if c.objects else ""
        if obj and obj.lower() in who.lower().split():
            obj = ""  # "Das Militär: erobern – Militär" says the agent twice
        summary = f"{who}: {first.trigger}".strip(": ") + (f" – {obj.capitalize()}" if obj else "")
        places = sorted({p for m in c.mentions for p in m.place_names})
        if places:
            summary += f" ({', '.join(places[:2])})"
        rep = self._representative(c, date)
        named = [name(k) for k in agents if k in rep.strong_agents] or [name(k) for k in agents[:1] if k in c.strong_agents]
        # a "name" the tagger took from a quote's opening ("Wir lehnen") is no agent a label may open with
        named = [n for n in named if n.split()[0].lower() not in _PRONOUN_WORDS]
        agent = named[0] if named else rep.antecedent
        label = sentence_label(rep.text, Span(*rep.sentence), Span(*rep.trigger_at), agent) if rep.text else summary
        # a plan is no report: the sources are the articles that tell it happened; one only planned is "planned"
        reported = {m.doc for m in c.mentions if not m.planned}
        sources = sorted(reported or {m.doc for m in c.mentions})
        announced = sorted({m.doc for m in c.mentions if m.planned} - reported)
        text_dates = [a for a in dates if a["basis"] == "text"]
        conflict = c.conflict or weekdays_apart or any(
            not _overlap_known(a["value"], b["value"])
            for i, a in enumerate(text_dates)
            for b in text_dates[i + 1 :]
            if interval_of(a["value"]) and interval_of(b["value"])
        )
        return {
            "id": short_id("ev", [m.key for m in c.mentions]),
            # the class most of its mentions name ("Hochwasser" over the "Unwetter" that brought it); ties: the class the
            # others merge under, then the first mention's
            "type": max(Counter(m.event_class for m in c.mentions).items(),
                        key=lambda kv: (kv[1], kv[0] in {m.merge_class for m in c.mentions}, kv[0] == first.event_class))[0],
            "label": label,
            "summary": summary,
            "story": first.story or None,
            "participants": participants,
            "agents": agents,
            "places": sorted({p for m in c.mentions for p in m.places}),
            "participant_names": {k: name(k) for k in participants},
            "according_to": sorted({f"{m.doc}: {m.according_to}" for m in c.mentions if m.according_to}),
            "date": date,
            "dates": dates,
            "sources": sources,
            # told as lying ahead by every mention ("wird am Montag streiken"): not reported to have happened
            "status": "reported" if reported else "planned",
            "announced_by": announced if reported else [],
            "independent_sources": len({groups.get(d, d) for d in sources}),
            "sources_label": origin_label(groups, sources),
            "origins": _origins(groups, sources),
            "mentions": [
                {
                    **m.span,
                    "trigger": m.trigger_span,
                    "ann": m.key,
                    "date": m.date_json(),
                    "modality": m.modality,
                    "according_to": m.according_to,
                    # shown with the event where its date is flagged (the flag itself is the article's annotation)
                    **({"inconsistency": m.inconsistency} if m.inconsistency else {}),
                }
                for m in sorted(c.mentions, key=lambda m: (m.doc, m.span["start"]))
            ],
            "conflict": bool(conflict),
            # the casualty figure this entry reports (one per count: a rising toll is several entries)
            "count": {"measure": next(iter(c.counts))[0], "value": next(iter(c.counts))[1]} if len(c.counts) == 1 else None,
        }
