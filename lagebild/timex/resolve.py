"""Anchor mentions on the document date or the context and turn them into TIMEX3 values.

Two reading modes:

- ``news``: deictic and underspecified expressions ("am Mittwoch", "im Juni", "letzte Woche")
  are relative to the document creation time (DCT), with a past bias unless the tense or the
  words point ahead; anaphoric ones ("fünf Monate später", "Ende des Monats") to the date in
  context.
- ``narrative`` (history texts, or no DCT): underspecified expressions take their year from the
  last date the text mentioned, as a reader of a chronicle does.

``auto`` picks ``narrative`` when there is no DCT, or when most explicit years in the text lie
more than two years from the DCT (a Wikipedia article about 1939 downloaded in 2011)
and they outnumber the expressions that point at the DCT ("gestern", "am Mittwoch").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any

from lagebild.ingest.nfc import nfc_view
from lagebild.timex.lexicon import (
    ASIDE_AFTER,
    ASIDE_BEFORE,
    FUTURE_CUES,
    NOT_PRETERITE,
    PAST_AUX,
    PAST_CUES,
    PERFECT_INFINITIVE,
    PRESENT_AUX,
    SCHEDULED,
    ZU_NOT_VERB,
)
from lagebild.timex.rules import Mention, find_mentions
from lagebild.timex.values import GRANULARITIES, Point, format_value, make_day, shift, truncate, weekday_near

__all__ = ["Timex", "detect_mode", "tag"]

_RANK = {g: i for i, g in enumerate(GRANULARITIES)}
_UNIT_GRAN = {"year": "year", "month": "month", "week": "week", "weekend": "weekend", "day": "day", "quarter": "quarter",
              "half": "half", "decade": "decade", "century": "century", "hour": "hour"}
_OUT_GRAN = {"pod": "partofday"}


@dataclass(slots=True)
class Timex:
    """A resolved temporal expression (offsets into the analysed text)."""

    start: int
    end: int
    type: str
    value: str | None
    granularity: str | None
    anchor: str = "none"  # "dct" | "context" | "none"
    anchor_index: int | None = None  # index (in the returned list) of the timex this one is relative to
    vague: bool = False
    mod: str | None = None
    direction: str = "none"  # "past" | "future" | "none": relative to the DCT
    relative: dict[str, Any] | None = None
    rule: str = ""
    point: Point | None = field(default=None, repr=False)
    after_dct: bool = False  # narrated as past/present but resolves after the document date
    tense: str = ""  # "future" | "past" | "": the tense cue nearest to the expression (its clause first)

    def to_data(self) -> dict[str, Any]:
        """Return the annotation payload (without ``anchor_ann``, which needs annotation ids)."""
        data: dict[str, Any] = {
            "value": self.value,
            "granularity": self.granularity,
            "anchor": self.anchor,
            "vague": self.vague,
            "mod": self.mod,
            "direction": self.direction,
            "rule": self.rule,
        }
        if self.relative:
            data["relative"] = self.relative
        if self.tense:
            data["tense"] = self.tense
        return data


# ---------------------------------------------------------------------------------------------
# Tense around an expression

# A sentence ends at . ! ? before a capital, but not after an ordinal ("am 24. Juni") or an initial.
_BOUNDARY = re.compile(r"(?<!\b\d)(?<!\b\d\d)(?<!\b[A-Za-z])[.!?](?=\s+[\"„“»(]?[A-ZÄÖÜ])|\n")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.end() for m in _BOUNDARY.finditer(text)]

    def around(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, pos)
        start = self.bounds[i - 1] if i > 0 else 0
        end = self.bounds[i] if i < len(self.bounds) else len(self.text)
        return start, end

    def paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1


_DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines im am zum zur vom beim mit von aus für auf in an bei
    seine seinen seiner seinem ihre ihren ihrer ihrem unsere diese diesen dieser diesem jene alle keine kein""".split()
)
_BOUND_BEFORE = re.compile(r"(?<![\w])(?:bis|ab|beginnend\s+mit|bis\s+in\s+die|bis\s+Ende|bis\s+Anfang)(?:\s+(?:zum|dem|den|in|zur))?\s+$", re.IGNORECASE)
_OF_DATE = re.compile(r"(?<![\w])vom\s+$", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:]\s|\s[–—-]\s")
#: a separable verb's zu-infinitive ("zurückzutreten", "anzukündigen"), not a preterite in -te(n)
_ZU_INFINITIVE = re.compile(
    r"^(?:ab|an|auf|aus|bei|dar|durch|ein|fest|fort|her|heraus|hin|hinaus|los|mit|nach|statt|teil|um|vor|voran|weg|"
    r"weiter|wieder|zurück|zusammen)zu[a-zäöüß]{3,}(?:en|ern|eln)$"
)
_CUE_WINDOW = 400  # characters on each side of an expression searched for tense cues


def _tense(text: str, sents: _Sentences, ment: Mention, *, clause_only: bool = False) -> str:
    """Return "future", "past" or "" from the cue nearest to the expression, in its clause first."""
    s, e = sents.around(ment.start)
    # Cues further away than a long sentence are not about this expression; the window also keeps
    # run-on "sentences" (tables, unpunctuated dumps) from making the scan quadratic.
    s, e = max(s, ment.start - _CUE_WINDOW), min(e, ment.end + _CUE_WINDOW)
    cs = max([s] + [m.end() for m in _CLAUSE.finditer(text, s, ment.start)])
    ce_match = _CLAUSE.search(text, ment.end, e)
    ce = ce_match.start() if ce_match else e
    return _cue(text, cs, ce, ment) or ("" if clause_only else _cue(text, s, e, ment))


def clause_words(text: str, start: int, end: int) -> list[str]:
    """The words of the clause around ``text[start:end]`` (the expression's own words left out)."""
    lo, hi = max(0, start - _CUE_WINDOW), min(len(text), end + _CUE_WINDOW)
    piece = text[lo:hi]
    s, e = _Sentences(piece).around(start - lo)
    s = max([s] + [m.end() for m in _CLAUSE.finditer(piece, s, start - lo)])
    ce = _CLAUSE.search(piece, end - lo, e)
    e = ce.start() if ce else e
    return [w.group() for w in _WORD.finditer(piece, s, e) if not start - lo <= w.start() < end - lo]


def _infinitive_after_zu(low: str, nxt: str) -> bool:
    """Whether ``low`` after "zu" reads as an infinitive ("zu kommen"), not a determiner or pronoun ("zu den Waffen",
    "zu allen") nor an adjective before its noun ("zu hohen Preisen")."""
    return low.endswith("en") and low not in ZU_NOT_VERB and not nxt[:1].isupper()


def _clause_numbers(text: str, s: int, words: list[re.Match[str]]) -> list[int]:
    """For each of ``words`` (read from ``s``), the number of its clause: it grows at each clause break."""
    out: list[int] = []
    n, prev_end = 0, s
    for w in words:
        if w.start() - prev_end > 1 and _CLAUSE.search(text, prev_end, w.start()):
            n += 1
        out.append(n)
        prev_end = w.end()
    return out


def _cue(text: str, s: int, e: int, ment: Mention) -> str:
    best, best_dist = "", 10**9
    words = list(_WORD.finditer(text, s, e))
    clause_of = _clause_numbers(text, s, words)
    modal_at = -1  # the last modal or future auxiliary of the clause so far ("soll … gelten")
    for i, w in enumerate(words):
        word = w.group()
        low = word.lower()
        if i and clause_of[i] != clause_of[i - 1]:
            modal_at = -1
        if ment.start <= w.start() < ment.end:
            continue
        kind = ""
        nxt = words[i + 1].group() if i + 1 < len(words) else ""
        prev = words[i - 1].group().lower() if i > 0 else ""
        if low in FUTURE_CUES:
            kind = "future"
            modal_at = i
        elif low in PAST_CUES:
            kind = "past"
        elif low in SCHEDULED:
            auxiliaries = {v.group().lower() for v, c in zip(words, clause_of, strict=True) if c == clause_of[i]}
            if auxiliaries & PRESENT_AUX and not auxiliaries & PAST_AUX:
                kind = "future"  # "ist für den 3. Mai angesetzt" (a past auxiliary is a past cue of its own)
        elif word[0].islower() and ((prev == "zu" and _infinitive_after_zu(low, nxt)) or ("zu" in low and _ZU_INFINITIVE.match(low))) \
                and nxt.lower() not in PERFECT_INFINITIVE:
            kind = "future"  # "kündigte an, am 3. Mai zurückzutreten": an intention lies ahead (not "… gewesen zu sein")
        elif word[0].islower() and len(low) > 5 and low.endswith(("te", "ten")) and low not in NOT_PRETERITE:
            if low.endswith("ten") and modal_at >= 0:
                continue  # "sollen bis 2026 gelten", "wird … erwarten": the infinitive a modal governs
            # "die ersten Berichte" is an adjective (determiner before, noun after); "bestätigte dann",
            # "begrüßte Nationalratspräsidentin X" are verbs.
            if not (nxt[:1].isupper() and (prev in _DETERMINERS or prev.endswith(("en", "er", "es", "em")))):
                kind = "past"
        if kind:
            dist = ment.start - w.end() if w.end() <= ment.start else w.start() - ment.end
            if dist < best_dist:
                best, best_dist = kind, dist
    return best


# ---------------------------------------------------------------------------------------------
# Choosing among candidate readings


def _span(p: Point) -> tuple[int, int] | None:
    a, b = p.date(), p.end_date()
    if a is None or b is None:
        return None
    return a.toordinal(), b.toordinal()


def _pick(cands: list[Point], ref: Point, direction: str, *, strict: bool = False) -> Point | None:
    """Pick the candidate the text most likely means, relative to ``ref``.

    ``past``: the latest not after ``ref`` (strictly before with ``strict``); ``future``: the
    earliest not before it; otherwise the nearest, future distances counted double (past bias).
    """
    rs = _span(ref)
    if rs is None:
        return None
    scored = []
    for c in cands:
        cs = _span(c)
        if cs is None:
            continue
        scored.append((cs, c))
    if not scored:
        return None
    if direction == "past":
        ok = [(cs, c) for cs, c in scored if (cs[1] < rs[0] if strict else cs[0] <= rs[1])]
        return max(ok, key=lambda x: x[0])[1] if ok else None
    if direction == "future":
        ok = [(cs, c) for cs, c in scored if (cs[0] > rs[1] if strict else cs[1] >= rs[0])]
        return min(ok, key=lambda x: x[0])[1] if ok else None

    def dist(item: tuple[tuple[int, int], Point]) -> int:
        cs = item[0]
        if cs[1] < rs[0]:
            return rs[0] - cs[1]
        if cs[0] > rs[1]:
            return 2 * (cs[0] - rs[1])
        return 0

    return min(scored, key=dist)[1]


def _build_under(m: Mention, year: int) -> Point | None:
    if m.sub == "easter":
        from lagebild.timex.rules import _easter_day

        return _easter_day(year, m.day)
    if m.gran == "month":
        return Point("month", year, m.month)
    if m.gran in ("day", "minute"):
        day = make_day(year, m.month, m.day)
        if day is None:
            return None
        if m.gran == "minute":
            return replace(day, gran="minute", hour=m.hour, minute=m.minute)
        return day
    if m.gran in ("season", "quarter", "half"):
        return Point(m.gran, year, sub=m.sub)
    return None


def detect_mode(mentions: list[Mention], dct: Point | None) -> str:
    """Return "news" or "narrative" for a text (see the module docstring)."""
    if dct is None:
        return "narrative"
    years = [m.point.year for m in mentions if m.how == "abs" and m.point is not None and m.point.gran not in ("decade", "century")]
    deictic = sum(1 for m in mentions if m.how in ("weekday", "deictic", "unit") or m.value == "PRESENT_REF")
    far = sum(1 for y in years if abs(y - dct.year) > 2)
    if far * 2 <= len(years) or far < 2:
        return "news"
    return "narrative" if deictic == 0 or far >= 3 + 2 * deictic else "news"


# ---------------------------------------------------------------------------------------------
# Resolution


class _Resolver:
    def __init__(self, text: str, dct: Point | None, mode: str) -> None:
        self.text = text
        self.dct = dct
        self.mode = mode
        self.sents = _Sentences(text)
        self.context: list[tuple[int, Point]] = []  # (timex index, point) of resolved calendar dates, in text order
        self.unresolved_days: list[tuple[int, int]] = []  # (timex index, start) of day-level references we could not resolve
        self.starts: list[int] = []

    def ctx(self, gran: str) -> tuple[int, Point] | None:
        """Return the last date in context at least as fine as ``gran``."""
        need = _RANK.get(gran, 0)
        for idx, p in reversed(self.context):
            if _RANK[p.gran] >= need and not (p.gran == "season" and gran in ("month", "week", "day")):
                return idx, p
        return None

    def reference(self, gran: str) -> tuple[str, int | None, Point | None]:
        """The anchor for deictic/underspecified expressions: DCT in news, context in narratives."""
        if self.mode == "narrative":
            c = self.ctx(gran)
            if c is not None and gran == "year" and c[1].gran in ("year", "decade", "century"):
                # A full date mentioned just before outweighs a bare year in passing ("seit 1939 besetzt").
                finer = self.ctx("month")
                if finer is not None and finer[0] >= c[0] - 2 and not self._heading(c[0]):
                    c = finer
            if c:
                return "context", c[0], c[1]
        if self.dct is not None:
            return "dct", None, self.dct
        return "none", None, None

    def resolve(self, i: int, m: Mention) -> Timex:
        t = Timex(m.start, m.end, m.type, None, None, rule=m.rule, vague=m.vague, mod=m.mod or None)
        tense = _tense(self.text, self.sents, m) if m.how in ("under", "weekday", "ctx", "time", "pod") else ""
        point: Point | None = None
        if m.how == "abs":
            point = m.point
            t.anchor = "none"
            if point is not None and point.gran not in ("year", "decade", "century"):
                # "will am 15. Januar 2025 die Vertrauensfrage stellen": told as ahead, whatever the date
                t.tense = _tense(self.text, self.sents, m, clause_only=True)
            if point is not None and m.note == "no era" and self.mode == "narrative" and point.gran == "year":
                c = self.ctx("year")
                if c is not None and c[1].year <= 0 and point.year <= 1 - c[1].year + 200:
                    point = replace(point, year=1 - point.year)  # "448" in a text about 490 BC is 448 BC
        elif m.how == "fixed" and m.note == "in" and m.unit in ("day", "week", "month", "year") and m.offset and self.mode == "news" \
                and self.dct is not None and _tense(self.text, self.sents, m) != "past":
            # "In zwei Wochen beginnt der Gipfel": a date two weeks after publication
            t.type = "DATE"
            t.anchor = "dct"
            t.relative = {"ref": "dct", "unit": m.unit, "offset": m.offset}
            point = shift(self.dct, m.unit, m.offset)
        elif m.how == "fixed":
            t.value = m.value
            t.granularity = "duration" if m.type == "DURATION" else "set" if m.type == "SET" else "ref"
            t.direction = m.direction or "none"
            return t
        elif m.how == "none":
            t.granularity = "day" if m.rule == "eventday" else None
            if m.rule == "eventday":
                self.unresolved_days.append((i, m.start))
            return t
        elif m.how == "under":
            point = self._under(m, tense, t)
            if point is not None and m.pod and point.gran == "day":
                point = replace(point, gran="pod", sub=m.pod)
        elif m.how == "weekday":
            point = self._weekday(m, tense, t)
        elif m.how == "deictic":
            point = self._deictic(m, t)
        elif m.how == "unit" or (m.how == "either" and self.mode == "news"):
            point = self._unit(m, t)
        elif m.how in ("ctx", "either"):
            point = self._ctx(m, tense, t)
        elif m.how in ("time", "pod"):
            point = self._clock(m, t, tense)
        if point is None:
            # "Im Februar starben …" in an undated text: no value, but the tense still tells that the month lies behind
            t.tense = t.tense or tense
            return t
        t.tense = t.tense or tense
        t.point = point
        t.value = format_value(point)
        t.granularity = _OUT_GRAN.get(point.gran, point.gran)
        if point.gran in ("minute", "hour", "pod") and t.type == "DATE":
            t.type = "TIME"
        self._direction(t, point, tense)
        if (m.how == "ctx" and m.offset > 0 and t.direction == "future" and self.mode == "news"
                and _tense(self.text, self.sents, m, clause_only=True) != "future"):
            t.after_dct = True
        if not t.vague and t.type in ("DATE", "TIME") and not (self.mode == "narrative" and self._bound(m.start)) \
                and not self._aside(m, point):
            self.context.append((i, point))
        return t

    def _aside(self, m: Mention, point: Point) -> bool:
        """Whether a bare year describes someone or something ("die 1964 geborene …"), not the story's time."""
        if m.how != "abs" or point.gran != "year":
            return False
        return bool(ASIDE_AFTER.match(self.text, m.end) or ASIDE_BEFORE.search(self.text, max(0, m.start - 24), m.start))

    def _bound(self, pos: int) -> bool:
        """Whether a date is a range bound ("bis März 1862"): it points ahead, the story's time stays."""
        return bool(_BOUND_BEFORE.search(self.text, max(0, pos - 24), pos))

    def _direction(self, t: Timex, point: Point, tense: str) -> None:
        if self.dct is None:
            t.direction = "none"
            return
        ps, ds = _span(point), _span(self.dct)
        if ps is None or ds is None:
            return
        t.direction = "past" if ps[1] < ds[0] else "future" if ps[0] > ds[1] else "none"

    def _under(self, m: Mention, tense: str, t: Timex) -> Point | None:
        if m.gran == "decade":
            return self._decade(m, t)
        anchor, idx, ref = self.reference("year")
        if ref is None:
            return None
        t.anchor, t.anchor_index = anchor, idx
        rel = m.rel
        if rel.startswith("year:"):
            off = {"this": 0, "past": -1, "past2": -2, "future": 1, "future2": 2, "same": 0, "next-ctx": 1}.get(rel[5:], 0)
            if rel[5:] in ("same", "next-ctx"):
                c = self.ctx("year")
                if c is None:
                    return None
                t.anchor, t.anchor_index = "context", c[0]
                ref = c[1]
            return _build_under(m, ref.year + off)
        cands = [p for y in (ref.year - 1, ref.year, ref.year + 1) if (p := _build_under(m, y)) is not None]
        if not cands:
            return None
        if anchor == "context" and not rel:
            same = _build_under(m, ref.year)
            if same is not None:
                return same
        if rel in ("past", "past2"):
            return _pick(cands, ref, "past", strict=True)
        if rel in ("future", "future2", "next-ctx"):
            return _pick(cands, ref, "future", strict=True)
        if rel in ("this", "same"):
            return _build_under(m, ref.year)
        if anchor == "context":
            return _pick(cands, ref, "future" if tense != "past" else "nearest")
        if _OF_DATE.search(self.text, max(0, m.start - 5), m.start):
            return _pick(cands, ref, "nearest")  # "die Wahl vom 23. Februar": names a date, whatever the clause's tense
        return _pick(cands, ref, tense or "nearest")

    def _decade(self, m: Mention, t: Timex) -> Point | None:
        tens = int(m.sub or 0)
        _, _, ref = self.reference("year")
        base = ref.year if ref is not None else 2000
        century = base - base % 100
        year = century + tens if century + tens <= base else century - 100 + tens
        t.anchor = "dct" if ref is not None and self.mode == "news" else "none"
        return Point("decade", year)

    def _weekday(self, m: Mention, tense: str, t: Timex) -> Point | None:
        anchor, idx, ref = self.reference("day")
        if ref is None or _RANK[ref.gran] < _RANK["day"]:
            t.relative = {"ref": "dct", "weekday": m.weekday, "rel": m.rel or tense or "nearest"}
            return None
        t.anchor, t.anchor_index = anchor, idx
        day = truncate(ref, "day")
        if day is None:
            return None
        if m.rel in ("past", "past2"):
            p = weekday_near(shift(day, "day", -1) or day, m.weekday, "past")
        elif m.rel in ("future", "future2", "next-ctx"):
            p = weekday_near(shift(day, "day", 1) or day, m.weekday, "future")
        elif m.rel in ("this", "week+1", "week-1"):
            monday = weekday_near(day, 0, "past")
            weeks = {"this": 0, "week+1": 1, "week-1": -1}[m.rel]
            p = shift(monday, "day", m.weekday + 7 * weeks) if monday else None
        elif anchor == "context":
            p = weekday_near(day, m.weekday, "future" if tense != "past" else "nearest")
        else:
            p = weekday_near(day, m.weekday, tense or "nearest")
        if p is not None and m.gran == "weekend":
            p = truncate(p, "weekend")
        if p is not None and m.offset:
            p = shift(p, "day", m.offset)
        if p is not None and m.pod:
            p = replace(p, gran="pod", sub=m.pod)
        t.relative = {"ref": "dct", "weekday": m.weekday, "rel": m.rel or tense or "nearest"} if anchor == "dct" else None
        return p

    def _deictic(self, m: Mention, t: Timex) -> Point | None:
        if self.mode == "narrative" and m.offset == 0 and not m.pod:
            t.value, t.granularity, t.vague = "PRESENT_REF", "ref", True
            return None
        anchor, idx, ref = self.reference("day")
        t.relative = {"ref": "dct", "unit": "day", "offset": m.offset}
        if ref is None or _RANK[ref.gran] < _RANK["day"]:
            return None
        t.anchor, t.anchor_index = anchor, idx
        p = shift(ref, "day", m.offset)
        if p is not None and m.pod:
            p = replace(p, gran="pod", sub=m.pod)
        return p

    def _unit(self, m: Mention, t: Timex) -> Point | None:
        gran = _UNIT_GRAN.get(m.unit, "")
        if not gran:
            return None
        anchor, idx, ref = self.reference(gran)
        t.relative = {"ref": "dct", "unit": m.unit, "offset": m.offset}
        if ref is None:
            return None
        t.anchor, t.anchor_index = anchor, idx
        return shift(ref, m.unit, m.offset)  # "vor zwei Wochen" = two weeks back, at week granularity

    def _ctx(self, m: Mention, tense: str, t: Timex) -> Point | None:
        gran = _UNIT_GRAN.get(m.unit, "")
        if not gran:
            return None
        c = self.ctx(gran)
        if c is not None and m.offset == 0 and self.mode == "news" and m.rule in ("ctxmod", "compmod") and self.dct is not None:
            # "Bis Ende des Jahres sollen …" in news is this year unless a date was just mentioned.
            near = m.start - self._start_of(c[0]) < 400
            if tense == "future" or not near:
                c = None
        if c is None:
            if m.offset == 0 and self.dct is not None and self.mode == "news":
                t.anchor = "dct"
                t.relative = {"ref": "dct", "unit": m.unit, "offset": 0}
                return shift(self.dct, m.unit, 0)
            return None
        t.anchor, t.anchor_index = "context", c[0]
        return shift(c[1], m.unit, m.offset)

    def _clock(self, m: Mention, t: Timex, tense: str = "") -> Point | None:
        para = self.sents.paragraph_start(m.start)
        # The day: a day-level date earlier in the same paragraph, else (news) the DCT's day.
        last_ctx = self.ctx("day")
        last_unres = self.unresolved_days[-1] if self.unresolved_days else None
        day: Point | None = None
        if last_unres and last_unres[1] >= para and (last_ctx is None or self._start_of(last_ctx[0]) < last_unres[1]):
            t.anchor, t.anchor_index = "context", last_unres[0]
            return None
        if last_ctx and (self.mode == "narrative" or self._start_of(last_ctx[0]) >= para):
            t.anchor, t.anchor_index = "context", last_ctx[0]
            day = truncate(last_ctx[1], "day")
        elif self.dct is not None and _RANK[self.dct.gran] >= _RANK["day"]:
            t.anchor = "dct"
            day = truncate(self.dct, "day")
            if (day is not None and m.how == "time" and tense == "past" and self.dct.gran == "minute"
                    and (m.hour, m.minute) > (self.dct.hour, self.dct.minute)):
                # "hatte sich gegen 21.40 Uhr ereignet" in an article of 05:48: told as past and later than the
                # article's own time, the clock time alone can only be the evening before
                day = shift(day, "day", -1) or day
        if day is None:
            return None
        if m.how == "pod":
            return replace(day, gran="pod", sub=m.pod)
        return replace(day, gran="minute", hour=m.hour, minute=m.minute)

    def _start_of(self, idx: int) -> int:
        return self.starts[idx]

    def _heading(self, idx: int) -> bool:
        """Whether the timex ``idx`` sits in a short line without final punctuation (a section title)."""
        pos = self.starts[idx]
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)].strip()
        return len(line) < 90 and not line.endswith((".", "!", "?", ":"))


def tag(text: str, dct: Point | None = None, *, mode: str = "auto") -> list[Timex]:
    """Find and resolve the temporal expressions of German ``text`` relative to ``dct``.

    Never raises on odd input: unresolvable expressions get ``value=None``. Text in decomposed form
    ("Ma\u0308rz") is read composed; the spans stay offsets into ``text``.
    """
    view = nfc_view(text)
    if view is not None:
        found = tag(view.text, dct, mode=mode)
        for t in found:
            t.start, t.end = view.source_span(t.start, t.end)
        return found
    mentions = list(find_mentions(text))
    if mode not in ("news", "narrative"):
        mode = detect_mode(mentions, dct)
    res = _Resolver(text, dct, mode)
    res.starts = [m.start for m in mentions]
    return [res.resolve(i, m) for i, m in enumerate(mentions)]
