"""German rules: find temporal expressions and describe what each one says (not yet resolved).

A cheap pass finds the core words every expression contains (a digit, a month, a weekday, a
time unit, a deictic word); one master regular expression (an alternation of named branches,
most specific first) scans only the windows around them, and the words before a match
(prepositions, "Ende", "vergangenen") are read by look-back. A handler per branch turns a match
into ``Mention`` objects that say *what* is
expressed ("the Wednesday before", "five months after the date in context", "June of an
unnamed year"). ``lagebild.timex.resolve`` then anchors them on the document date or on the
context. Spans follow TIMEX3: prepositions ("am", "im", "seit") stay outside, articles and
modifiers ("der vergangenen Woche", "Ende Oktober") inside.
"""

from __future__ import annotations

import functools
import importlib
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lagebild.timex.lexicon import (
    AMBIGUOUS_MONTHS,
    MODS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PODS,
    REL_WORDS,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alt,
)
from lagebild.timex.values import Point, make_day

__all__ = ["Mention", "find_mentions"]


@dataclass(slots=True)
class Mention:
    """What one expression says. ``how`` tells the resolver what it needs:

    ``abs`` (``point`` is complete), ``under`` (month/day/season without a year: year from the
    reference), ``weekday``, ``deictic`` (``offset`` days from the reference day), ``unit``
    (``offset`` ``unit``s from the reference), ``ctx`` (``offset`` ``unit``s from the date in
    context), ``time``/``pod`` (a clock time or part of day on a day from context or the
    reference), ``fixed`` (``value`` given: durations, sets, PAST_REF…), ``none`` (unresolvable).
    """

    start: int
    end: int
    how: str
    type: str = "DATE"
    rule: str = ""
    point: Point | None = None
    gran: str = ""
    month: int = 0
    day: int = 0
    sub: str = ""
    weekday: int = -1
    pod: str = ""
    hour: int = -1
    minute: int = -1
    unit: str = ""
    offset: int = 0
    rel: str = ""
    mod: str = ""
    value: str | None = None
    vague: bool = False
    direction: str = ""
    note: str = ""


# ---------------------------------------------------------------------------------------------
# Building blocks

_MON = r"(?:" + alt([m for m in MONTHS if len(m) > 4 or m == "mai" or m == "juni" or m == "juli"]) + r"|(?:" + alt(
    [m for m in MONTHS if len(m) <= 4 and m not in ("mai", "juni", "juli")]
) + r")\.?)(?![\w])"
_WD = r"(?:" + alt(WEEKDAYS) + r")"
_PODW = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)"
_REL = r"(?:(?:vergangen|letzt|vorig|vorletzt|zurückliegend|dies|laufend|jetzig|kommend|nächst|übernächst|bevorstehend|folgend|darauffolgend|anschließend|selb|gleich|selbig|jen)(?:e|en|er|es|em)?|d(?:er|ie|as|en|em|es)(?:selb|gleich)(?:e|en)?|dies)"
_NUMW = r"(?:" + alt(NUMBERS) + r")"
_VAGUEW = r"(?:" + alt(VAGUE_NUMBERS) + r"|ein\s+paar)"
_UNITW = r"(?:sekunden?|minuten?|stunden?|tagen?|tage|tag|wochen?|wochenenden?|monaten?|monate|monat|quartalen?|quartale|quartal|halbjahren?|halbjahre|halbjahr|jahren?|jahre|jahr|jahrzehnten?|jahrzehnte|jahrzehnt|jahrhunderten?|jahrhunderte|jahrhundert)"
_BC = r"(?P<bc>\s*v(?:\.|or)\s*Chr(?:\.|istus)|\s*v\.\s*u\.\s*Z\.)?"
_AD = r"(?P<ad>\s*n(?:\.|ach)\s*Chr(?:\.|istus))?"
_MODW = r"(?:anfang|mitte|ende|beginn|ausgangs?|eingangs|gegen\s+ende|zu\s+beginn|am\s+anfang|am\s+ende)"

_BRANCHES: list[tuple[str, str]] = [
    (
        "numdate",
        r"(?<![\d.,])(?:(?P<wd>" + _WD + r"),?\s+(?:(?:den|dem)\s+)?)?(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d]|[.,]\d)"
        r"(?:,?\s*(?:um\s+|gegen\s+|-\s*)?(?P<hh>[012]?\d)[:.](?P<mm>[0-5]\d)(?![\d.,])(?:\s*Uhr)?)?",
    ),
    (
        "isodate",
        r"(?<![\d.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?(?![\d])",
    ),
    (
        "isomonth",
        r"(?<![\d.-])(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])(?![\d-])",
    ),
    (
        "dayrange",
        r"(?<![\d.,])(?P<d1>\d{1,2})\.\s*(?:und|bis|oder|/|–|-|auf\s+den|zum)\s*(?:(?:dem|den)\s+)?(?P<d2>\d{1,2})\.\s*(?P<mon>" + _MON + r")"
        r"(?:,?\s+(?P<y>\d{4})(?!\d)" + _BC + r")?",
    ),
    (
        "daymonth",
        r"(?<![\d.,])(?:(?P<wd>" + _WD + r"),?\s+(?:(?:den|dem)\s+)?)?(?P<d>\d{1,2})\.\s*(?P<mon>" + _MON + r")"
        r"(?:,?\s+(?P<y>\d{4}|\d{1,3}(?=\s*v(?:\.|or)\s*Chr))(?!\d)" + _BC + _AD + r")?"
        r"(?:,?\s*(?:um\s+|gegen\s+)?(?P<hh>[012]?\d)[:.](?P<mm>[0-5]\d)\s*Uhr)?",
    ),
    (
        "numdaymonth",
        r"(?P<prep>\b(?:am|vom|bis\s+zum|zum|ab|seit)\s+)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d])",
    ),
    (
        "nightto",
        r"(?:(?:in\s+)?der\s+)?Nacht\s+(?:zum|zu|auf\s+den|auf)\s+(?P<wd>" + _WD + r")",
    ),
    (
        "month",
        r"(?<![\w.])(?P<mon>" + _MON + r")s?"
        r"(?:(?:,?\s+|\s+des\s+(?:jahres\s+)?)(?P<y>\d{4}|\d{1,3}(?=\s*v(?:\.|or)\s*Chr))(?!\d|[.,]\d)" + _BC + _AD
        + r"|\s+(?P<rely>dieses|des\s+(?:vergangenen|letzten|vorigen|kommenden|nächsten|folgenden|gleichen|selben)|nächsten|vergangenen|letzten|kommenden)\s+jahres)?",
    ),
    (
        "weekday",
        r"(?<![\w.])(?P<wd>" + _WD + r")(?P<pod>" + _PODW + r")?(?P<s>s)?\b"
        r"(?:\s+(?P<pod2>früh|morgen|vormittag|mittag|nachmittag|abend|nacht)\b)?"
        r"(?:\s+(?P<wk>dieser|vergangener|letzter|voriger|kommender|nächster)\s+woche\b)?",
    ),
    (
        "decade",
        r"(?:(?:den|die|der)\s+)?(?:(?P<mod>anfang|mitte|ende|beginn)\s+der\s+)?(?:(?P<dd>\d{2,4})er|(?P<dw>zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger))(?:\s*-?\s*jahren?|\b(?=\s+jahren?))?(?!\w)",
    ),
    (
        "century",
        r"(?:(?:de[sm]|das)\s+)?(?:(?P<mod>anfang|mitte|ende|beginn)\s+des\s+)?(?P<c>\d{1,2})\.\s*(?:jahrhunderts?|jh\.)" + _BC,
    ),
    (
        "quarter",
        r"(?:(?:de[msr]|das|die)\s+)?(?P<ord>ersten|zweiten|dritten|vierten|letzten|[1-4]\.)\s+(?P<u>quartals?|jahreshälfte|halbjahr(?:es|s)?)"
        r"(?:\s+(?P<y>\d{4})\b|\s+(?P<rely>dieses|des\s+(?:vergangenen|letzten|vorigen|kommenden|nächsten|laufenden)|nächsten|vergangenen|letzten|kommenden)\s+jahres)?",
    ),
    (
        "season",
        r"(?<![\w.])(?P<pre>früh|spät)?(?P<s>frühjahr|frühling|sommer|herbst|winter)(?:s|es)?\b"
        r"(?:\s+(?:des\s+jahres\s+)?(?P<y>\d{4})(?:/\d{2,4})?(?!\d)|\s+(?P<rely>dieses|des\s+(?:vergangenen|letzten|vorigen|kommenden|nächsten|folgenden|gleichen|selben)|nächsten|vergangenen|letzten|kommenden)\s+jahres)?",
    ),
    (
        "ctxmod",
        r"(?:(?P<mod>" + _MODW + r")\s+(?P<art>des|der|dieses|diesen|jenes)\s+(?P<u>jahres|monats|woche|jahrzehnts|jahrhunderts))"
        r"(?:\s+(?P<y>\d{4})(?!\d))?",
    ),
    (
        "compmod",
        r"(?P<u>jahres|monats|wochen(?!endes?\b))(?P<mod>anfang|beginn|mitte|ende|wechsel)\b(?:\s+(?P<y>\d{4})(?!\d))?",
    ),
    (
        "weekend",
        r"(?P<w>wochenende|osterwochenende|pfingstwochenende)s?\b",
    ),
    (
        "holiday",
        r"(?P<h>heiligabend|heiligen\s+abend|weihnachten|weihnachtsfeiertag|silvester|neujahr(?:stag)?|karfreitag|ostersonntag|ostermontag|ostern"
        r"|christi\s+himmelfahrt|himmelfahrt|pfingstsonntag|pfingstmontag|pfingsten|tag\s+der\s+deutschen\s+einheit|allerheiligen)\b"
        r"(?:\s+(?P<y>\d{4})(?!\d))?",
    ),
    (
        "prevnext",
        r"(?:(?P<art>im|am|des|den|dem|der|die|das|in\s+der|zum)\s+)?(?P<w>vorjahr|folgejahr|vormonat|folgemonat|vorwoche|folgewoche|vortag|folgetag|vorabend)(?:es|s)?\b",
    ),
    (
        "ctxday",
        r"(?P<w>tags\s+(?:darauf|zuvor)|(?:am\s+)?(?:tag|abend|morgen)\s+(?:darauf|danach|zuvor|davor))",
    ),
    (
        "eventday",
        r"(?:(?:am|vom|bis\s+zum|zum|der|dem|den)\s+)?(?P<ord>ersten|letzten|zweiten|dritten|vierten|fünften|\d{1,2}\.)\s+(?P<u>tag|abend|wochenende)\s+(?=(?:des|der|seines|seiner|ihres|ihrer|dieses|dieser)\s+[A-ZÄÖÜ])"
        r"(?:(?P<cal>(?:des|dieses)\s+(?:monats|jahres))\b)?",
    ),
    (
        "relunit",
        r"(?<![\w.])(?P<rel>" + _REL + r")\s+"
        r"(?:(?P<num>\d{1,3}|" + _NUMW + r"|" + _VAGUEW + r")\s+)?(?P<u>" + _UNITW + r")(?:es|s)?\b",
    ),
    (
        "duration",
        r"(?<![\w.,])(?P<num>\d{1,4}(?:,\d+)?|" + _NUMW + r"|" + _VAGUEW + r")(?:\s*(?:bis|oder|-|–)\s*(?P<num2>\d{1,4}|" + _NUMW + r"))?\s+(?:(?P<half>halbe[nsr]?|halben)\s+)?"
        r"(?P<u>" + _UNITW + r")(?:es|s)?\b(?!\s*-)"
        r"(?:\s+(?P<post>später|danach|darauf|zuvor|vorher|früher|davor|lang|zuvor|nach\s+(?:dem|der|seinem|seiner|ihrem|ihrer)\b|vor\s+(?:dem|der|seinem|seiner|ihrem|ihrer)\b)|(?P<ago>\s+her))?",
    ),
    (
        "vague",
        r"(?<![\w.])(?:(?P<pre>seit|vor|nach|in|für|über|binnen)\s+)(?P<u>jahren|monaten|wochen|tagen|jahrzehnten|jahrhunderten|stunden)\b",
    ),
    (
        "lang",
        r"(?P<u>jahr|jahrzehnt|monat|woch|tag|stund|minut)e?(?:e)?lang(?:e[nrsm]?)?\b",
    ),
    (
        "deictic",
        r"(?<![\w.])(?P<w>vorgestern|gestern|heute|übermorgen|morgen)(?:\s+(?P<pod>früh|morgen|vormittag|mittag|nachmittag|abend|nacht)\b)?",
    ),
    (
        "ref",
        r"(?<![\w.])(?P<w>jetzt|derzeit|zurzeit|zur\s+zeit|gegenwärtig|momentan|heutzutage|einst|kürzlich|jüngst|neulich|vor\s+kurzem|unlängst|bald|demnächst|künftig|zukünftig|in\s+kürze|in\s+zukunft|in\s+der\s+vergangenheit|in\s+der\s+folge(?:zeit)?|(?:kurz|wenig|bald|einige\s+zeit|etwas)\s+(?:später|danach|darauf)|(?:kurz|wenig|einige\s+zeit)\s+(?:zuvor|vorher))\b(?!\s+als)",
    ),
    (
        "year",
        r"(?<![\w.,])(?P<y>\d{3,4})(?![\d]|[.,]\d|\s*(?:%|prozent|euro|dollar|mio|mrd|km|kilometer|meter|m\b|t\b|kg|€|\$|mal\b|stück))" + _BC + _AD,
    ),
    (
        "clock",
        r"(?<![\d.,])(?:(?:um|gegen|ab|bis)\s+)?(?P<hh>[012]?\d)(?:[:.](?P<mm>[0-5]\d))?\s*Uhr\b(?:\s+(?P<mm2>\d{2})\b)?(?:\s+(?P<pod>morgens|früh|vormittags|abends|nachmittags|nachts|mitteleuropäischer\s+zeit|MEZ|MESZ|Ortszeit))?",
    ),
    (
        "pod",
        r"(?<![\w.])(?P<art>am|in\s+der|gegen|im\s+laufe\s+des|den|im|bis\s+zum|zur)\s+(?:(?P<rel>frühen|späten)\s+)?(?P<p>morgen|vormittag|mittag|nachmittag|abend|nacht|morgenstunden|abendstunden|nachtstunden|mittagszeit)\b"
        r"(?:\s+(?:des|vom)\s+(?P<d>\d{1,2})\.(?:\s*(?P<mon>" + _MON + r")(?:\s+(?P<y>\d{4})(?!\d))?)?)?",
    ),
    (
        "set",
        r"(?<![\w.])(?P<w>jährlich|täglich|wöchentlich|monatlich|stündlich|alljährlich|halbjährlich|vierteljährlich)(?:e[nrsm]?)?\b"
        r"|(?P<jed>jede[nrsm]?)\s+(?P<ju>tag|woche|monat|jahr|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|abend|morgen|nacht)\b"
        r"|(?<![\w.])(?P<wds>montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonnabends|sonntags)\b",
    ),
]


def _named_branch(name: str, pattern: str) -> str:
    """Return the branch as one named group, its own groups prefixed with the branch name."""
    renamed = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{name}__{m.group(1)}>", pattern)
    return f"(?P<{name}>{renamed})"


@functools.cache
def master() -> re.Pattern[str]:
    """Join the branches into one pattern; group names get the branch as prefix ("month__mon")."""
    parts = [_named_branch(name, pattern) for name, pattern in _BRANCHES]
    # Every expression starts at a word start: failing fast inside words makes the scan ~4x faster.
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")", re.IGNORECASE)


# Scanning with the master pattern tries all ~30 branches at every word start. The branches are
# also compiled one by one, and for each plain character the branches whose match can begin with
# it are listed (from the parsed patterns); at a word start only those are tried, in branch order,
# which finds exactly the match the master pattern finds there (alternation is ordered).
_PLAIN_CHARS = string.ascii_letters + string.digits + "äöüÄÖÜß"
_WORD_START = re.compile(r"(?<![\w])\w")
_DIGIT = "<digit>"


def _first_chars(items: list[Any], c: Any) -> tuple[set[str] | None, bool]:
    """Return (characters a match of the parsed ``items`` can start with or ``None`` if any, may be empty)."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_op(op, av, c)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_op(op: Any, av: Any, c: Any) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] < 300:
                chars |= {chr(x) for x in range(a[0], a[1] + 1)}
            elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                chars.add(_DIGIT)
            else:
                return None, False
        return chars, False
    if op is c.CATEGORY:
        return ({_DIGIT}, False) if av is c.CATEGORY_DIGIT else (None, False)
    if op is c.SUBPATTERN:
        return _first_chars(list(av[-1]), c)
    if op is c.BRANCH:
        chars, empty = set(), False
        for alt in av[1]:
            first, nullable = _first_chars(list(alt), c)
            if first is None:
                return None, False
            chars |= first
            empty |= nullable
        return chars, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        first, nullable = _first_chars(list(av[2]), c)
        return (None, False) if first is None else (first, nullable or av[0] == 0)
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True  # zero-width
    return None, False  # anything else: could start with any character


def _can_start(chars: set[str], ch: str) -> bool:
    if _DIGIT in chars and ch.isdecimal():
        return True
    return any(x != _DIGIT and re.fullmatch(re.escape(x), ch, re.IGNORECASE) for x in chars)


@functools.cache
def _dispatch() -> tuple[list[re.Pattern[str]], dict[str, tuple[int, ...]], tuple[int, ...]] | None:
    """Return the per-branch patterns, the branches each plain character can start, and all branches.

    ``None`` when a branch's possible first characters cannot be determined: then the master
    pattern is used as it is.
    """
    try:
        # Private modules, absent from the typing stubs: loaded by name, typed as plain modules.
        consts = importlib.import_module("re._constants")
        parser = importlib.import_module("re._parser")
    except ImportError:  # a Python without these internals: the master pattern still works
        return None
    patterns, firsts = [], []
    for name, pattern in _BRANCHES:
        first, nullable = _first_chars(list(parser.parse(pattern, re.IGNORECASE)), consts)
        if first is None or nullable or not all(x == _DIGIT or re.fullmatch(r"\w", x) for x in first):
            return None
        firsts.append(first)
        patterns.append(re.compile(r"(?<![\w])(?:" + _named_branch(name, pattern) + ")", re.IGNORECASE))
    table = {ch: tuple(i for i, first in enumerate(firsts) if _can_start(first, ch)) for ch in _PLAIN_CHARS}
    return patterns, table, tuple(range(len(patterns)))


def _search(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """Return what ``master().search(text, pos, endpos)`` returns, trying only plausible branches."""
    dispatch = _dispatch()
    if dispatch is None:
        return master().search(text, pos, endpos)
    patterns, table, every = dispatch
    for w in _WORD_START.finditer(text, pos, endpos):
        p = w.start()
        for i in table.get(text[p], every):  # other characters (other scripts, odd case pairs): all branches
            m = patterns[i].match(text, p, endpos)
            if m is not None:
                return m
    return None


# Every expression contains one of these word starts (a digit, a month, a weekday, a time unit,
# a deictic or reference word). Only windows around them are scanned with the master pattern.
_CORE = re.compile(
    r"(?<![\w])(?:\d|jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez|jän|mont|dienst|mittw|donnerst|freit|samst|sonn"
    r"|tag|woche|monat|jahr|jh|quartal|halbjahr|stunde|minute|sekunde|nacht|abend|morgen|mittag|vormittag|nachmittag"
    r"|früh|spät|sommer|winter|herbst|heute|gestern|vorgestern|übermorgen|jetzt|derzeit|zurzeit|zeit|gegenwärtig|momentan"
    r"|einst|kürzlich|jüngst|neulich|kurzem|unlängst|bald|demnächst|künftig|zukünftig|kürze|zukunft|vergangenheit|folge"
    r"|danach|darauf|zuvor|vorher|zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger"
    r"|vorjahr|folgejahr|vormonat|folgemonat|vorwoche|folgewoche|vortag|folgetag|vorabend|alljährlich|halbjährlich"
    r"|vierteljährlich|jährlich|täglich|wöchentlich|monatlich|stündlich|weihnacht|heilig|silvester|neujahr|karfreitag|oster"
    r"|himmelfahrt|pfingst|allerheiligen)",
    re.IGNORECASE,
)
_BEFORE, _AFTER = 64, 64  # how far an expression may reach before/after its core word


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Yield merged ``[start, end)`` ranges around core words, in order."""
    cur_s = cur_e = -1
    for m in _CORE.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if s <= cur_e:
            cur_e = max(cur_e, e)
            continue
        if cur_e > 0:
            yield cur_s, cur_e
        cur_s, cur_e = s, e
    if cur_e > 0:
        yield cur_s, cur_e


class _G:
    """Access a branch's groups by their short names."""

    __slots__ = ("m", "p")

    def __init__(self, m: re.Match[str], branch: str) -> None:
        self.m = m
        self.p = branch + "__"

    def __getitem__(self, name: str) -> str | None:
        return self.m.group(self.p + name)

    def start(self, name: str) -> int:
        return self.m.start(self.p + name)

    def end(self, name: str) -> int:
        return self.m.end(self.p + name)


# ---------------------------------------------------------------------------------------------
# Look-back: prepositions, modifiers and relative words before the core word are read from the
# text before a match (keeping them out of the master pattern keeps the scan fast).

_BACK = re.compile(
    r"(?:(?<![\w.])(?P<prep>im|in|seit|bis|ab|vom|von|zum|um|gegen|nach|vor|am|an|für|zwischen|über|innerhalb|binnen|während"
    r"|des|den|dem|der|die|das|ins|und|oder|bzw\.|sowie|bis\s+zum|bis\s+in\s+den|in\s+der|in\s+den|zu|mit|rund|etwa|knapp|fast)\s+)?"
    r"(?:(?<![\w.])(?P<mod>" + _MODW + r"|etwa|ungefähr|circa|ca\.)\s+(?:(?:des|der)\s+)?)?"
    r"(?:(?<![\w.])(?P<rel>" + _REL + r")\s+)?"
    r"(?:(?<![\w.])(?P<jahr>(?:des\s+|dem\s+|das\s+)?jahr(?:e|es|s)?)\s+)?$",
    re.IGNORECASE,
)
_BACK_DUR = re.compile(
    r"(?:(?<![\w.])(?P<prep>vor|seit|nach|in|binnen|innerhalb(?:\s+von)?|für|über|fast|knapp|rund|etwa|ungefähr|mehr\s+als|weniger\s+als|gut|bis\s+zu|nur|erst|mindestens|höchstens|insgesamt)\s+)?"
    r"(?:(?<![\w.])(?P<mod>ganzen?|ganze|vollen?|volle|langen?|lange|knapp|rund|gut|etwa|fast|über|mehr\s+als)\s+)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Back:
    start: int  # where the expression starts once modifiers/relative words are included
    prep: str
    mod: str | None
    rel: str | None
    jahr: str | None
    jahr_start: int
    prep_start: int


def _back(text: str, pos: int, pattern: re.Pattern[str] = _BACK) -> _Back:
    """Read the words before ``pos`` that belong to (or introduce) the expression starting there."""
    lo = max(0, pos - 48)
    m = pattern.search(text, lo, pos)
    if m is None or m.end() != pos or m.start() == m.end():
        return _Back(pos, "", None, None, None, pos, pos)
    gd = m.groupdict()
    prep = (gd.get("prep") or "")
    start = m.end("prep") if gd.get("prep") else m.start()
    while start < pos and text[start].isspace():
        start += 1
    jahr = gd.get("jahr")
    return _Back(start, re.sub(r"\s+", " ", prep.lower()), gd.get("mod"), gd.get("rel"), jahr,
                 m.start("jahr") if jahr else pos, m.start("prep") if gd.get("prep") else start)


# ---------------------------------------------------------------------------------------------
# Helpers


def _num(word: str | None) -> float | None:
    if not word:
        return None
    w = word.lower().replace(",", ".")
    w = re.sub(r"\s+", " ", w)
    if w in NUMBERS:
        return NUMBERS[w]
    try:
        return float(w)
    except ValueError:
        return None


def _month(word: str | None) -> int:
    return MONTHS.get((word or "").lower().rstrip("."), 0)


def _unit(word: str | None) -> str:
    w = (word or "").lower()
    for stem in sorted(UNITS, key=len, reverse=True):
        if w.startswith(stem):
            return UNITS[stem][0]
    return ""


def _rel(word: str | None) -> str:
    if not word:
        return ""
    w = word.lower()
    w = re.sub(r"^d(?:er|ie|as|en|em|es)(?=selb|gleich)", "", w)
    for stem in sorted(REL_WORDS, key=len, reverse=True):
        if w.startswith(stem):
            return REL_WORDS[stem]
    return ""


def _mod(word: str | None) -> str:
    if not word:
        return ""
    w = re.sub(r"\s+", " ", word.lower())
    return MODS.get(w, MODS.get(w.rstrip("s"), ""))


def _rely(word: str | None) -> str:
    """Relation of a genitive year phrase ("des vergangenen Jahres", "nächsten Jahres")."""
    if not word:
        return ""
    w = word.lower()
    if w == "dieses":
        return "this"
    return _rel(w.split()[-1])


def _year(y: str, bc: str | None) -> int:
    n = int(y)
    return 1 - n if bc else n


_DUR_LETTER = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False), "week": ("W", False),
    "weekend": ("WE", False), "month": ("M", False), "quarter": ("Q", False), "half": ("H", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False),
}


def duration_value(n: float | None, unit: str) -> str:
    """Return a TIMEX3 duration ("P5M", "PT2H", "PXY" for an unknown number)."""
    letter, is_time = _DUR_LETTER.get(unit, ("", False))
    if not letter:
        return "PX"
    if unit == "quarter":
        return duration_value(None if n is None else n * 3, "month")
    if unit == "half":
        return duration_value(None if n is None else n * 6, "month")
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    elif unit == "year":
        return duration_value(n * 12, "month")
    elif unit == "day":
        return duration_value(n * 24, "hour")
    else:
        amount = f"{n:g}"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


# ---------------------------------------------------------------------------------------------
# Handlers: (text, match, groups) -> mentions

Handler = Callable[[str, re.Match[str], _G], list[Mention]]


def _h_numdate(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    y = g["y"] or ""
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 35 else 1900 + int(y))
    month = int(g["m"] or 0)
    day = int(g["d"] or 0)
    if len(y) != 4 and re.search(r"\s", text[m.start("numdate__d") : m.end("numdate__y")]):
        return []  # "8. 9. 10." is a list of ordinals, "8.9.10" a date
    if month > 12 and day <= 12 and len(y) != 4:
        return []
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return [] if month > 12 else [Mention(m.start(), m.end(), "none", rule="numdate", note="no such day")]
    return [_day_mention(m.start(), m.end(), year, month, day, g, "numdate")]


def _day_mention(start: int, end: int, year: int, month: int, day: int, g: _G, rule: str) -> Mention:
    point = make_day(year, month, day) if year >= 1 else Point("day", year, month, day)
    if point is None:
        return Mention(start, end, "none", rule=rule, note="no such day")
    hh, mm = g["hh"], g["mm"]
    if hh is not None and mm is not None and int(hh) <= 24:
        return Mention(start, end, "abs", type="TIME", rule=rule, point=Point("minute", year, month, day, hour=int(hh), minute=int(mm)))
    return Mention(start, end, "abs", rule=rule, point=point)


def _h_isodate(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    return _h_numdate(text, m, g)


def _h_isomonth(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    return [Mention(m.start(), m.end(), "abs", rule="isomonth", point=Point("month", int(g["y"] or 0), int(g["m"] or 0)))]


def _h_dayrange(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    month = _month(g["mon"])
    out = []
    for key in ("d1", "d2"):
        d = int(g[key] or 0)
        start, end = g.start(key), (g.end(key) + 1 if key == "d1" else m.end())
        if g["y"]:
            point = make_day(_year(g["y"], g["bc"]), month, d)
            out.append(Mention(start, end, "abs", rule="dayrange", point=point) if point else Mention(start, end, "none", rule="dayrange", note="no such day"))
        elif 1 <= d <= 31:
            out.append(Mention(start, end, "under", rule="dayrange", gran="day", month=month, day=d))
    return out


def _h_daymonth(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    month = _month(g["mon"])
    day = int(g["d"] or 0)
    if not 1 <= day <= 31 or not month:
        return []
    if g["y"]:
        return [_day_mention(m.start(), m.end(), _year(g["y"], g["bc"]), month, day, g, "daymonth")]
    ment = Mention(m.start(), m.end(), "under", rule="daymonth", gran="day", month=month, day=day)
    if g["hh"] is not None and g["mm"] is not None:
        ment.type, ment.gran, ment.hour, ment.minute = "TIME", "minute", int(g["hh"]), int(g["mm"])
    return [ment]


def _h_numdaymonth(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    day, month = int(g["d"] or 0), int(g["m"] or 0)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return []
    return [Mention(g.end("prep"), m.end(), "under", rule="numdaymonth", gran="day", month=month, day=day)]


def _h_nightto(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    wd = WEEKDAYS[(g["wd"] or "").lower()]
    start = m.start() + 3 if m.group().lower().startswith("in ") else m.start()
    return [Mention(start, m.end(), "weekday", type="TIME", rule="nightto", weekday=wd, offset=-1, pod="NI")]


_COORD_BEFORE = re.compile(r"(?:" + _MON + r"|frühjahr|frühling|sommer|herbst|winter)\s*(?:und|oder|bis|bzw\.|/|–|-)\s*$", re.IGNORECASE)
_COORD_YEAR = re.compile(r"\s*(?:und|oder|bis|bzw\.|/|–|-)\s*(?:" + _MON + r")\s+(\d{4})(?!\d)", re.IGNORECASE)
_COORD_AFTER = re.compile(r"\s*(?:und|oder|bis|bzw\.|/|–|-)\s*(?:" + _MON + r")", re.IGNORECASE)


def _h_month(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    word = (g["mon"] or "").lower().rstrip(".")
    month = MONTHS.get(word, 0)
    if not month:
        return []
    b = _back(text, m.start())
    prep = b.prep
    if not (g["y"] or b.mod or b.rel or g["rely"]):
        coordinated = _COORD_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _COORD_AFTER.match(text, m.end())
        if word in AMBIGUOUS_MONTHS and not coordinated and (
            not prep or prep in ("und", "oder", "bzw.", "sowie", "der", "die", "den", "dem", "mit", "rund", "etwa", "knapp", "fast")
        ):
            return []
        if (g["mon"] or "")[:1].islower() and not prep:
            return []
    start = b.start
    mod = _mod(b.mod)
    shared = None if g["y"] else _COORD_YEAR.match(text, m.end())
    if shared:  # "Mai/Juni 1940", "März und April 1941": the year belongs to both
        return [Mention(start, m.end(), "abs", rule="month", point=Point("month", int(shared.group(1)), month), mod=mod)]
    if g["y"]:
        return [Mention(start, m.end(), "abs", rule="month", point=Point("month", _year(g["y"], g["bc"]), month), mod=mod)]
    rel = _rel(b.rel) or ""
    if g["rely"]:
        return [Mention(start, m.end(), "under", rule="month", gran="month", month=month, mod=mod, rel="year:" + _rely(g["rely"]))]
    return [Mention(start, m.end(), "under", rule="month", gran="month", month=month, mod=mod, rel=rel)]


def _h_weekday(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    raw = g["wd"] or ""
    wd = WEEKDAYS.get(raw.lower(), -1)
    if wd < 0:
        return []
    b = _back(text, m.start())
    start = b.start
    if g["s"]:
        if raw[:1].isupper() and not g["pod"]:
            return []  # genitive "des Montags" etc.: too rare to guess
        return [Mention(start, m.end(), "fixed", type="SET", rule="weekday", value=f"XXXX-WXX-{wd + 1}")]
    pod_word = (g["pod"] or g["pod2"] or "").lower()
    pod = PODS.get(pod_word, "")
    rel = _rel(b.rel)
    if g["wk"]:
        rel = {"dieser": "this", "kommender": "week+1", "nächster": "week+1"}.get((g["wk"] or "").lower(), "week-1")
    return [Mention(start, m.end(), "weekday", type="TIME" if pod else "DATE", rule="weekday", weekday=wd, pod=pod, rel=rel)]


_DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7, "achtziger": 8, "neunziger": 9}


def _h_decade(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    mod = _mod(g["mod"])
    if g["dd"]:
        digits = g["dd"]
        if len(digits) == 4:
            if not digits.endswith("0"):
                return []
            return [Mention(m.start(), m.end(), "abs", rule="decade", point=Point("decade", int(digits)), mod=mod)]
        if len(digits) == 2 and digits.endswith("0") and "jahr" in m.group().lower():
            return [Mention(m.start(), m.end(), "under", rule="decade", gran="decade", sub=digits, mod=mod)]
        return []
    if "jahr" not in m.group().lower():
        return []
    tens = _DECADE_WORDS[(g["dw"] or "").lower()]
    return [Mention(m.start(), m.end(), "under", rule="decade", gran="decade", sub=str(tens * 10), mod=mod)]


def _h_century(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    c = int(g["c"] or 0)
    if not 1 <= c <= 30:
        return []
    if g["bc"]:
        point = Point("century", 1 - ((c - 1) * 100 + 1))  # the 5th century BC formats as "BC04"
    else:
        point = Point("century", (c - 1) * 100)
    return [Mention(m.start(), m.end(), "abs", rule="century", point=point, mod=_mod(g["mod"]))]


def _h_quarter(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    word = (g["ord"] or "").lower()
    unit = "quarter" if (g["u"] or "").lower().startswith("quartal") else "half"
    if word == "letzten":
        n = 4 if unit == "quarter" else 2
    else:
        n = ORDINALS.get(word, 0)
    if not n or (unit == "half" and n > 2):
        return []
    sub = f"Q{n}" if unit == "quarter" else f"H{n}"
    if g["y"]:
        return [Mention(m.start(), m.end(), "abs", rule="quarter", point=Point(unit, int(g["y"]), sub=sub))]
    rel = "year:" + _rely(g["rely"]) if g["rely"] else ""
    return [Mention(m.start(), m.end(), "under", rule="quarter", gran=unit, sub=sub, rel=rel)]


def _h_season(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    code = SEASONS[(g["s"] or "").lower()]
    b = _back(text, m.start())
    prep = b.prep
    if not (g["y"] or b.mod or b.rel or g["rely"] or g["pre"] or prep):
        return []
    if prep in ("mit", "rund", "etwa", "knapp", "fast", "die", "der"):
        return []
    if prep in ("und", "oder", "bzw.", "sowie") and not _COORD_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return []
    start = b.start
    mod = _mod(b.mod) or {"früh": "START", "spät": "END"}.get((g["pre"] or "").lower(), "")
    if g["y"]:
        return [Mention(start, m.end(), "abs", rule="season", point=Point("season", int(g["y"]), sub=code), mod=mod)]
    rel = "year:" + _rely(g["rely"]) if g["rely"] else _rel(b.rel)
    return [Mention(start, m.end(), "under", rule="season", gran="season", sub=code, mod=mod, rel=rel)]


def _h_weekend(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    b = _back(text, m.start())
    if (g["w"] or "").lower() != "wochenende":
        return []
    start = b.start if b.rel else m.start()
    if not b.rel and b.prep in ("das", "dem", "des"):
        start = b.prep_start
    return [Mention(start, m.end(), "weekday", rule="weekend", weekday=5, gran="weekend", rel=_rel(b.rel))]


# Fixed-date holidays (month, day) and Easter-relative ones (days after Easter Sunday).
_HOLIDAYS = {
    "heiligabend": (12, 24), "heiligen abend": (12, 24), "weihnachten": (12, 25), "weihnachtsfeiertag": (12, 25),
    "silvester": (12, 31), "neujahr": (1, 1), "neujahrstag": (1, 1), "tag der deutschen einheit": (10, 3), "allerheiligen": (11, 1),
    "karfreitag": (0, -2), "ostern": (0, 0), "ostersonntag": (0, 0), "ostermontag": (0, 1), "christi himmelfahrt": (0, 39),
    "himmelfahrt": (0, 39), "pfingsten": (0, 49), "pfingstsonntag": (0, 49), "pfingstmontag": (0, 50),
}


def _h_holiday(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    key = re.sub(r"\s+", " ", (g["h"] or "").lower())
    month, day = _HOLIDAYS[key]
    b = _back(text, m.start())
    start = b.start if b.rel else m.start()
    if g["y"]:
        point = make_day(int(g["y"]), month, day) if month else _easter_day(int(g["y"]), day)
        if point is not None:
            return [Mention(start, m.end(), "abs", rule="holiday", point=point)]
    return [Mention(start, m.end(), "under", rule="holiday", gran="day", month=month, day=day, sub="easter" if not month else "",
                    rel=_rel(b.rel))]


def _easter_day(year: int, offset: int) -> Point | None:
    """Return Easter Sunday of ``year`` (Gregorian computus) moved by ``offset`` days."""
    import datetime as _dt

    if not 1583 <= year <= 9999:
        return None
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g_ = (b - f + 1) // 3
    h = (19 * a + b - d - g_ + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m_ = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m_ + 114) // 31
    day = (h + l_ - 7 * m_ + 114) % 31 + 1
    try:
        when = _dt.date(year, month, day) + _dt.timedelta(days=offset)
    except (ValueError, OverflowError):
        return None
    return Point("day", when.year, when.month, when.day)


def _h_ctxmod(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    unit = _unit(g["u"])
    mod = _mod(g["mod"])
    if g["y"] and unit == "year":
        return [Mention(m.start(), m.end(), "abs", rule="ctxmod", point=Point("year", int(g["y"])), mod=mod)]
    art = (g["art"] or "").lower()
    how = "unit" if art.startswith("dies") else "ctx"
    return [Mention(m.start(), m.end(), how, rule="ctxmod", unit=unit, offset=0, mod=mod)]


def _h_compmod(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    unit = {"jahres": "year", "monats": "month", "wochen": "week"}[(g["u"] or "").lower()]
    word = (g["mod"] or "").lower()
    mod = {"anfang": "START", "beginn": "START", "mitte": "MID", "ende": "END", "wechsel": "END"}[word]
    if word == "wechsel" and unit != "year":
        return []
    if g["y"] and unit == "year":
        return [Mention(m.start(), m.end(), "abs", rule="compmod", point=Point("year", int(g["y"])), mod=mod)]
    return [Mention(m.start(), m.end(), "ctx", rule="compmod", unit=unit, offset=0, mod=mod)]


_PREVNEXT = {
    "vorjahr": ("year", -1), "folgejahr": ("year", 1), "vormonat": ("month", -1), "folgemonat": ("month", 1),
    "vorwoche": ("week", -1), "folgewoche": ("week", 1), "vortag": ("day", -1), "folgetag": ("day", 1), "vorabend": ("day", -1),
}


def _h_prevnext(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    word = (g["w"] or "").lower()
    unit, offset = _PREVNEXT[word]
    start = g.start("w") if (g["art"] or "").lower() in ("im", "am", "zum", "in der") else m.start()
    # "im Vorjahr" in news is the year before publication; the resolver decides dct vs context.
    ment = Mention(start, m.end(), "ctx" if offset > 0 or unit == "day" else "either", rule="prevnext", unit=unit, offset=offset)
    if word == "vorabend":
        ment.type, ment.pod = "TIME", "EV"
    return [ment]


def _h_ctxday(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    w = (g["w"] or "").lower()
    offset = -1 if ("zuvor" in w or "davor" in w) else 1
    start = m.start() + 3 if w.startswith("am ") else m.start()
    return [Mention(start, m.end(), "ctx", rule="ctxday", unit="day", offset=offset)]


def _h_eventday(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    # "der letzte Tag des Gipfels" keeps its article; "am letzten Tag …" drops the preposition.
    start = m.start() if m.group().split()[0].lower() in ("der", "dem", "den") else g.start("ord")
    if g["cal"]:  # "am letzten Tag des Monats": a calendar day after all, given as the month with its end
        word = (g["ord"] or "").lower()
        mod = "END" if word == "letzten" else "START" if word == "ersten" else ""
        if (g["u"] or "").lower() != "tag" or not mod:
            return []
        unit = "month" if "monat" in (g["cal"] or "").lower() else "year"
        how = "unit" if (g["cal"] or "").lower().startswith("dies") else "ctx"
        return [Mention(start, m.end(), how, rule="eventday", unit=unit, offset=0, mod=mod)]
    return [Mention(start, g.end("u"), "none", rule="eventday", vague=True, note="relative to an event")]


_PLURAL_UNITS = frozenset(
    "sekunden minuten stunden tage tagen wochen wochenenden monate monaten quartale quartalen halbjahre jahre jahren "
    "jahrzehnte jahrzehnten jahrhunderte jahrhunderten".split()
)


def _h_relunit(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    unit = _unit(g["u"])
    if not unit:
        return []
    rel = _rel(g["rel"])
    if not rel:
        return []
    b = _back(text, m.start())
    art = b.prep
    if b.mod:
        start = b.start
    elif art in ("der", "die", "das", "den", "dem", "des"):
        start = b.prep_start
    elif art.startswith("in "):
        start = b.prep_start + 3
    else:
        start = m.start()
    mod = _mod(b.mod)
    u_word = text[g.start("u") : m.end()].lower()
    plural = u_word in _PLURAL_UNITS
    if g["num"] or plural:
        n = _num(g["num"]) if g["num"] and (g["num"] or "").lower() not in VAGUE_NUMBERS else None
        if g["num"] is None and not plural:
            return []
        direction = "future" if rel.startswith("future") or rel == "next-ctx" else "past" if rel.startswith("past") else ""
        return [
            Mention(start, m.end(), "fixed", type="DURATION", rule="relunit", value=duration_value(n, unit), vague=n is None,
                    direction=direction, unit=unit, mod=mod)
        ]
    if unit == "day" and rel in ("past", "future"):
        # "am letzten Tag", "am nächsten Tag": usually relative to an event or the context, not the calendar
        return [Mention(start, m.end(), "ctx", rule="relunit", unit="day", offset=1 if rel == "future" else -1, vague=rel == "past")]
    if unit in ("minute", "second", "hour"):
        return []
    if rel == "same":
        return [Mention(start, m.end(), "ctx", rule="relunit", unit=unit, offset=0, mod=mod)]
    if rel == "next-ctx":
        return [Mention(start, m.end(), "ctx", rule="relunit", unit=unit, offset=1, mod=mod)]
    offset = {"past": -1, "past2": -2, "this": 0, "future": 1, "future2": 2}[rel]
    ment = Mention(start, m.end(), "unit", rule="relunit", unit=unit, offset=offset, mod=mod)
    if unit == "weekend":
        ment.unit = "weekend"
    if unit in ("decade", "century"):
        ment.how = "unit"
    return [ment]


_DUR_MOD_WORDS = frozenset({"fast", "knapp", "rund", "etwa", "ungefähr", "mehr als", "weniger als", "gut", "über", "mindestens", "höchstens"})


def _h_duration(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    unit = _unit(g["u"])
    if not unit:
        return []
    line_start = text.rfind("\n", 0, m.start()) + 1
    if re.search(r"(?:lese|lesedauer|lesezeit|hördauer|spieldauer|video)\w*\s*:?\s*$", text[max(line_start, m.start() - 20) : m.start()], re.I):
        return []
    num_word = (g["num"] or "").lower()
    vague = num_word in VAGUE_NUMBERS or num_word.startswith("ein paar") or num_word == "paar"
    n = None if vague else _num(g["num"])
    if n is None and not vague:
        return []
    if g["half"]:
        n = (n or 1) * 0.5 if num_word in ("ein", "eine", "einen", "einem", "einer", "eines") else n
    if g["num2"]:
        vague = True
    b = _back(text, m.start(), _BACK_DUR)
    pre = b.prep
    post = (g["post"] or "").lower()
    start = b.prep_start if pre in _DUR_MOD_WORDS else b.start
    mod = {"fast": "LESS_THAN", "knapp": "LESS_THAN", "weniger als": "LESS_THAN", "höchstens": "EQUAL_OR_LESS",
           "über": "MORE_THAN", "mehr als": "MORE_THAN", "gut": "MORE_THAN", "mindestens": "EQUAL_OR_MORE",
           "rund": "APPROX", "etwa": "APPROX", "ungefähr": "APPROX"}.get(pre, "")
    count = None if vague or n is None else n
    whole = count is not None and float(count).is_integer()
    if g["half"] and count is not None and unit == "year" and not whole:
        count, unit, whole = count * 12, "month", True
    if vague and post in ("später", "danach", "darauf"):
        return [Mention(start, m.end(), "fixed", rule="duration", value="FUTURE_REF", vague=True, direction="future")]
    if vague and post in ("zuvor", "vorher", "früher", "davor"):
        return [Mention(start, m.end(), "fixed", rule="duration", value="PAST_REF", vague=True, direction="past")]
    if pre == "nach" and whole and not post and not b.mod:
        return [Mention(start, g.end("u") + (2 if text[g.end("u"):g.end("u") + 2].lower() == "es" else 0), "ctx", rule="duration",
                        unit=unit, offset=int(count), mod=mod)]  # type: ignore[arg-type]
    if post in ("später", "danach", "darauf") and whole:
        return [Mention(start, m.end(), "ctx", rule="duration", unit=unit, offset=int(count), mod=mod)]  # type: ignore[arg-type]
    if post in ("zuvor", "vorher", "früher", "davor") and whole:
        return [Mention(start, m.end(), "ctx", rule="duration", unit=unit, offset=-int(count), mod=mod)]  # type: ignore[arg-type]
    if (pre == "vor" or g["ago"]) and whole and unit not in ("second", "minute"):
        return [Mention(start, m.end(), "unit", rule="duration", unit=unit, offset=-int(count), mod=mod, note="ago")]  # type: ignore[arg-type]
    if pre == "vor" and vague:
        return [Mention(start, m.end(), "fixed", rule="duration", value="PAST_REF", vague=True, direction="past")]
    end = m.end()
    if post.startswith(("nach", "vor")):  # "zwei Monate nach dem Abzug": the event stays outside the span
        end = g.end("u") + (2 if text[g.end("u") : g.end("u") + 2].lower() == "es" else 0)
    direction = "past" if pre == "seit" else "future" if pre == "in" else ""
    return [
        Mention(start, end, "fixed", type="DURATION", rule="duration", value=duration_value(count, unit), vague=vague or count is None,
                mod=mod, direction=direction, unit=unit, offset=int(count) if whole and count is not None else 0, note="in" if pre == "in" else "")
    ]


def _h_vague(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    unit = _unit(g["u"])
    pre = (g["pre"] or "").lower()
    start = g.start("u")
    if pre == "vor":
        return [Mention(start, m.end(), "fixed", rule="vague", value="PAST_REF", vague=True, direction="past")]
    if pre == "nach" or pre == "in":
        return [Mention(start, m.end(), "fixed", type="DURATION", rule="vague", value=duration_value(None, unit), vague=True,
                        direction="future" if pre == "in" else "")]
    return [Mention(start, m.end(), "fixed", type="DURATION", rule="vague", value=duration_value(None, unit), vague=True,
                    direction="past" if pre == "seit" else "")]


def _h_lang(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    stem = (g["u"] or "").lower()
    unit = {"jahr": "year", "jahrzehnt": "decade", "monat": "month", "woch": "week", "tag": "day", "stund": "hour", "minut": "minute"}[stem]
    return [Mention(m.start(), m.end(), "fixed", type="DURATION", rule="lang", value=duration_value(None, unit), vague=True)]


def _h_deictic(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    raw = g["w"] or ""
    w = raw.lower()
    if w == "morgen" and raw[0].isupper():
        before = text[max(0, m.start() - 3) : m.start()]
        if not re.search(r"(?:^|[.!?:\"„]\s*|\n)$", text[max(0, m.start() - 4) : m.start()]) or before.strip().lower() in ("am", "den"):
            return []
    if text[m.end() : m.end() + 1] == "-" or text[m.end() : m.end() + 2] == "“-":
        return []  # "Niederösterreich heute-Moderator": part of a name
    offset = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}[w]
    pod = PODS.get((g["pod"] or "").lower(), "")
    return [Mention(m.start(), m.end(), "deictic", type="TIME" if pod else "DATE", rule="deictic", offset=offset, pod=pod)]


_REFS = {
    "jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "zurzeit": "PRESENT_REF", "zur zeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF",
    "momentan": "PRESENT_REF", "heutzutage": "PRESENT_REF", "damals": "PAST_REF", "einst": "PAST_REF", "früher": "PAST_REF",
    "kürzlich": "PAST_REF", "jüngst": "PAST_REF", "neulich": "PAST_REF", "vor kurzem": "PAST_REF", "unlängst": "PAST_REF",
    "in der vergangenheit": "PAST_REF", "bald": "FUTURE_REF", "demnächst": "FUTURE_REF", "künftig": "FUTURE_REF",
    "zukünftig": "FUTURE_REF", "in kürze": "FUTURE_REF", "in zukunft": "FUTURE_REF", "in der folge": "FUTURE_REF",
    "in der folgezeit": "FUTURE_REF",
}


def _h_ref(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    w = re.sub(r"\s+", " ", (g["w"] or "").lower())
    value = _REFS.get(w)
    if value is None and " " in w:
        value = "PAST_REF" if w.endswith(("zuvor", "vorher", "davor")) else "FUTURE_REF"
    if not value:
        return []
    if w == "früher" and text[m.end() : m.end() + 1] == "e":
        return []
    direction = {"PAST_REF": "past", "FUTURE_REF": "future", "PRESENT_REF": "none"}[value]
    start = m.start() + 3 if w.startswith("in ") and w != "in der folge" else m.start()
    return [Mention(start, m.end(), "fixed", rule="ref", value=value, vague=True, direction=direction)]


_YEAR_PREPS = frozenset({"im", "seit", "bis", "ab", "von", "vom", "nach", "vor", "anfang", "ende", "mitte", "bis zum", "zwischen", "während", "gegen"})
_COUNTED = frozenset({"euro", "dollar", "mal", "menschen", "soldaten", "personen", "leute", "einwohner", "tote", "toten", "stück", "kilometer", "meter", "tonnen", "jahre", "jahren", "tage", "tagen", "stunden", "monate", "monaten"})


def _h_year(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    y = int(g["y"] or 0)
    bc = g["bc"]
    b = _back(text, m.start())
    prep = b.prep
    has_jahr = bool(b.jahr)
    mod_word = re.sub(r"\s+", " ", (b.mod or "").lower())
    if b.rel and not (has_jahr or mod_word):
        return []
    if not bc and not (1000 <= y <= 2100) and not (has_jahr and 1 <= y <= 9999):
        return []
    if not (has_jahr or bc or mod_word):
        # A bare number is a year only if nothing says it counts things: "2000 Soldaten" is not.
        after = text[m.end() : m.end() + 40]
        follow = re.match(r"[ \t]+([\wäöüÄÖÜß-]+)", after)
        nxt = follow.group(1) if follow else ""
        if nxt[:1].isupper() and not MONTHS.get(nxt.lower()) and (prep not in _YEAR_PREPS or nxt.lower() in _COUNTED):
            return []
        if prep in ("über", "für", "mit", "rund", "und", "oder", "der", "die", "den", "dem", "des") and prep not in _YEAR_PREPS and nxt[:1].isupper():
            return []
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(?:nr\.?|nummer|seite|s\.|§|artikel|art\.|az\.?|tel\.?|plz|postfach|kapitel|heft|band|bd\.|mit|über|rund|etwa|knapp|fast)\s*$", before):
            return []
        if re.match(r"\s*(?:[.,]\d|:\d)", after):
            return []
    start = b.start
    if b.rel and not mod_word:
        start = b.jahr_start
    mod = {"etwa": "APPROX", "ungefähr": "APPROX", "circa": "APPROX", "ca.": "APPROX"}.get(mod_word) or _mod(b.mod)
    if prep == "um" and not bc and not mod:
        mod = "APPROX"
    if prep in ("etwa", "rund") and not mod:
        mod = "APPROX"
    year = _year(str(y), bc)
    return [Mention(start, m.end(), "abs", rule="year", point=Point("year", year), mod=mod, note="" if (bc or g["ad"]) else "no era")]


def _sentence_start_before(text: str, pos: int) -> bool:
    return bool(re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, pos - 4) : pos]))


def _h_clock(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    hh = int(g["hh"] or 0)
    mm = int(g["mm"] or g["mm2"] or 0)
    if hh > 24 or mm > 59:
        return []
    pod = (g["pod"] or "").lower()
    if pod in ("abends", "nachmittags", "nachts") and hh < 12 and not (pod == "nachts" and hh < 5):
        hh += 12
    start = m.start()
    word = text[m.start() : m.start() + 6].lower()
    if word.startswith(("um ", "ab ", "bis ")):
        start = m.start() + word.index(" ") + 1
    return [Mention(start, m.end(), "time", type="TIME", rule="clock", hour=hh, minute=mm)]


def _h_pod(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    word = (g["p"] or "").lower()
    if word == "morgen" and (g["p"] or "")[:1].islower():
        return []
    pod = PODS.get(word, "")
    if not pod:
        return []
    start = g.start("p")
    if g["rel"]:
        start = g.start("rel")
    if g["d"]:
        day = int(g["d"] or 0)
        month = _month(g["mon"])
        if g["y"] and month:
            point = make_day(int(g["y"]), month, day)
            if point is None:
                return [Mention(start, m.end(), "none", type="TIME", rule="pod", note="no such day")]
            return [Mention(start, m.end(), "abs", type="TIME", rule="pod", point=Point("pod", point.year, point.month, point.day, sub=pod))]
        if 1 <= day <= 31:
            return [Mention(start, m.end(), "under", type="TIME", rule="pod", gran="day", month=month, day=day, pod=pod)]
    return [Mention(start, m.end(), "pod", type="TIME", rule="pod", pod=pod)]


_SETS = {"jährlich": "P1Y", "alljährlich": "P1Y", "täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "stündlich": "PT1H",
         "halbjährlich": "P6M", "vierteljährlich": "P3M"}
_JEDE = {"tag": "P1D", "woche": "P1W", "monat": "P1M", "jahr": "P1Y", "abend": "XXXX-XX-XXTEV", "morgen": "XXXX-XX-XXTMO", "nacht": "XXXX-XX-XXTNI"}


def _h_set(text: str, m: re.Match[str], g: _G) -> list[Mention]:
    if g["w"]:
        value = _SETS[(g["w"] or "").lower()]
    elif g["jed"]:
        unit = (g["ju"] or "").lower()
        value = _JEDE.get(unit) or f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
    else:
        raw = g["wds"] or ""
        if raw[:1].isupper() and not _sentence_start_before(text, m.start()):
            return []
        value = f"XXXX-WXX-{WEEKDAYS[raw.lower()[:-1]] + 1}"
    return [Mention(m.start(), m.end(), "fixed", type="SET", rule="set", value=value)]


_HANDLERS: dict[str, Handler] = {
    "numdate": _h_numdate, "isodate": _h_isodate, "isomonth": _h_isomonth, "dayrange": _h_dayrange, "daymonth": _h_daymonth, "numdaymonth": _h_numdaymonth,
    "nightto": _h_nightto, "month": _h_month, "weekday": _h_weekday, "decade": _h_decade, "century": _h_century,
    "quarter": _h_quarter, "season": _h_season, "ctxmod": _h_ctxmod, "compmod": _h_compmod, "weekend": _h_weekend, "holiday": _h_holiday, "prevnext": _h_prevnext,
    "ctxday": _h_ctxday, "eventday": _h_eventday, "relunit": _h_relunit, "duration": _h_duration, "vague": _h_vague,
    "lang": _h_lang, "deictic": _h_deictic, "ref": _h_ref, "year": _h_year, "clock": _h_clock, "pod": _h_pod, "set": _h_set,
}


def _trim(text: str, ment: Mention) -> Mention | None:
    """Strip surrounding spaces/punctuation from a mention's span; drop empty ones."""
    s, e = ment.start, ment.end
    while s < e and text[s] in " \t\n,":
        s += 1
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    if e <= s:
        return None
    ment.start, ment.end = s, e
    return ment


def find_mentions(text: str) -> Iterator[Mention]:
    """Yield the temporal expressions of German ``text`` in order, without overlaps."""
    last_end = 0
    for ws, we in _windows(text):
        pos = max(ws, last_end)
        while pos < we:
            m = _search(text, pos, we)  # patterns compiled on first use (~0.3 s), not at import
            if m is None:
                break
            branch = m.lastgroup or ""
            handler = _HANDLERS.get(branch)
            try:
                found = handler(text, m, _G(m, branch)) if handler else []
            except (KeyError, ValueError, IndexError):
                # Case-insensitive matching lets odd letters through ("ſonntag", "ẞpät") that the
                # lexicons do not hold: such a reading is rejected, not a failure of the document.
                found = []
            kept = False
            for ment in found:
                ment = _trim(text, ment)  # type: ignore[assignment]
                if ment is None or ment.start < last_end:
                    continue
                kept = True
                last_end = ment.end
                yield ment
            if kept:
                pos = max(m.end(), last_end)
            else:
                # Rejected: try again one word later so a shorter reading at a later word still gets a chance.
                nxt = text.find(" ", m.start() + 1)
                pos = nxt + 1 if 0 < nxt < m.end() else m.start() + 1
