"""Find quantities in German text: numeral or number word, scale, hedge interval and unit.

Dates, years, times, ordinals, reading times, page numbers and model names ("F-16", "G7") are
not quantities and are skipped. A quantity needs a unit or a counted noun ("3.000 Soldaten").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lagebild.numbers.clause_cues import load_clause_cues
from lagebild.numbers.durations import compound_durations, duration_unit
from lagebild.numbers.frames import elliptic_unit, list_unit, unit_ahead, unit_before, year_cue_before
from lagebild.numbers.hedges import HEDGES, hedge_alternation
from lagebild.numbers.measures import load_measures
from lagebild.numbers.parse import NUMERAL, SCALES, VAGUE, parse_numeral
from lagebild.numbers.words import number_words, parse_number_word
from lagebild.text_patterns import alternation
from lagebild.unit_words import CURRENCIES, MEASURES

__all__ = ["HEDGES", "Quantity", "find_quantities", "hedge_interval"]

MONTHS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember "
    "jan feb mär apr jun jul aug sep sept okt nov dez jänner".split()
)
_TIME_UNITS = frozenset(
    "uhr min min. minute minuten sek sekunde sekunden std stunde stunden tag tage tagen woche wochen "
    "monat monate monaten jahr jahre jahren jahrzehnt jahrzehnte jahrzehnten jahrhundert jahrhunderte "
    "jahrhunderten jährige jährigen jähriger jähriges mal".split()
)
#: Capitalised function words that are never a counted noun ("11 Die Wahl").
_NOT_NOUNS = frozenset(
    "der die das den dem des ein eine einer eines einem einen er sie es wir ich ihr und aber oder in im am "
    "an auf aus bei mit nach von vor zu zum zur für über unter um als wie so doch auch noch nur dann "
    "dies diese dieser dieses laut seit bis ab".split()
)
_WEEKDAYS = frozenset("montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend".split())
#: Words right before a number that make it a label, not a quantity; plurals name several labels ("die Linien 5
#: bzw. 7"), only of nouns that never end a clause before a count ("Folgen: 5 Menschen starben" is a count).
_LABEL_BEFORE = re.compile(
    r"(?<![\w-])(?:lesezeit|seite|seiten|s\.|nr\.?|nummer|nummern|kapitel|artikel|art\.|paragraf|paragraph|"
    r"paragrafen|paragraphen|§|abs\.|absatz|"
    r"platz|rang|kommentare?|folge|staffel|teil|band|jahrgang|anno|saison|tabelle|abbildung|grafik|"
    r"zimmer|gleis|gleise|gleisen|linie|linien|version|stufe|level|runde|spieltag|minute|hausnummer|hausnummern|"
    r"tel\.?|telefon|fax|plz|top)"
    r"[\s:]*\(?$",
    re.IGNORECASE,
)

_UNIT_RE = re.compile(
    r"[ \t\u00a0]*(" + "|".join(re.escape(u) for u in sorted(CURRENCIES + MEASURES, key=len, reverse=True)) + r")(?![\w-])"
)
_SCALE_RE = re.compile(r"[ \t\u00a0]+(" + "|".join(re.escape(s) for s in sorted(SCALES, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:(US-?\$|\$|€|EUR|USD|CHF)\s?)$")
_ADJ = r"[a-zäöüß][\w-]*(?:e|en|er|es|em)"
_COUNTED = re.compile(rf"[ \t\u00a0]+((?:{_ADJ}[ \t\u00a0]+){{0,3}})([A-ZÄÖÜ][\w-]*\w)")
#: number words that end a range ("drei bis vier Millionen Euro", "zehn bis zwölf Menschen"). 10kGNAD holds 23 pairs of
#: number words joined by "bis"/"oder": 5 before a scale or "Prozent", the rest before durations or other nouns
_RANGE_WORD = "|".join(number_words(2, 100))
_RANGE = re.compile(rf"[ \t\u00a0]*(?:–|-|bis|und|[-–][ \t\u00a0]*und)[ \t\u00a0]*({NUMERAL.pattern}|(?:{_RANGE_WORD})(?![\w-]))(?![\w.,]\d)")
#: a small number word that opens a range: "zwei bis drei", "sechs – sieben", "fünf bis 20" (10kGNAD: 6 times a word and a
#: numeral, twice before a noun of people the vocabulary counts)
_WORD_RANGE_AHEAD = re.compile(rf"[ \t\u00a0]+(bis|–|und)[ \t\u00a0]+({_RANGE_WORD}|{NUMERAL.pattern})(?![\w-]|[.,]\d)")
_NUM_TOKEN = re.compile(rf"(?<![\w.,/:\-–])(?:{NUMERAL.pattern})(?![\w]|[.,:/]\d|-[^\W\d])")
#: Only words that can be number words or vague amounts hold one of these stems; the word around a
#: stem is read in Python (a word-sized regex tried at every position is several times slower).
_NUMBER_STEM = re.compile(r"zehn|zig|ßig|hundert|tausend|elf|zwölf|dutzend|million|milliard")
_NUMBER_STEM_ANY_CASE = re.compile(_NUMBER_STEM.pattern, re.IGNORECASE)


def _number_word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of whole words (letters only, not hyphenated) that hold a number stem."""
    n = len(text)
    last = -1
    low = text.lower()
    # searching the lower-cased text is several times faster; a few characters change length when lower-cased
    hits = _NUMBER_STEM.finditer(low) if len(low) == n else _NUMBER_STEM_ANY_CASE.finditer(text)
    for m in hits:
        if m.start() < last:
            continue
        s, e = m.start(), m.end()
        while s > 0 and text[s - 1].isalpha():
            s -= 1
        while e < n and text[e].isalpha():
            e += 1
        last = e
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_")) or (e < n and (text[e].isalnum() or text[e] in "-_")):
            continue
        yield s, e
#: "ein Dutzend", "zwei Dutzend", "ein halbes Dutzend": twelve times the number before (not "Dutzende", a vague amount)
_DOZEN = re.compile(r"(?<![\w-])((?:ein[ \t\u00a0]+)?halbe[sn]?|ein(?:e[mrs]?)?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)[ \t\u00a0]+Dutzend(?![\w-])",
                    re.IGNORECASE)
_ONE_SCALE = re.compile(r"(?<![\w-])((?:eine[rnm]?[ \t\u00a0]+)?halbe[nr]?|eine[rnm]?)[ \t\u00a0]+(Million|Milliarde|Billion)(?![\w-])", re.IGNORECASE)
_SMALL_WORD = re.compile(r"([zdvfsan](?<![\w-].)(?:(?<=z)wei|(?<=d)rei|(?<=v)ier|(?<=f)ünf|(?<=s)echs|(?<=s)ieben|(?<=a)cht|(?<=n)eun))(?=[ \t\u00a0]+(?:Prozent|Prozentpunkte|Euro|Dollar|US-Dollar|Franken|Pfund|Grad|Kilometer|Meter|Tonnen|Millionen|Milliarden)\b)", re.IGNORECASE)
#: Small number words count only before a noun the measure vocabulary knows ("zwei Tote", not "zwei Parteien").
#: One scan finds the small number words (a plain alternation, no lookbehind: several times faster); what
#: follows them decides: a noun ("zwei Tote") or "weitere" without a noun ("Sieben weitere wurden verletzt").
#: Written as a first letter and each word's rest after it: a pattern that opens with a character set is scanned for
#: that set (a plain alternation is tried branch by branch at every position).
_SMALL = re.compile(r"[ZzDdVvFfSsAaNn](?:(?<=[Zz])wei|(?<=[Dd])rei|(?<=[Vv])ier|(?<=[Ff])ünf|(?<=[Ss])echs|(?<=[Ss])ieben|(?<=[Aa])cht|(?<=[Nn])eun)")
_SMALL_NOUN_AHEAD = re.compile(r"[ \t\u00a0]+(?:[a-zäöüß][\w-]*[ \t\u00a0]+){0,2}[A-ZÄÖÜ]")
#: "Sieben weitere wurden verletzt", "31 weitere wurden demnach verletzt": a count without a noun, its measure in the frame
_SMALL_AFTER_PREP = re.compile(r"(?<=auf |bei |mit )(" + "|".join(number_words(2, 12)) + r")(?![\w-])(?=[ \t\u00a0]*(?:[.,;:!?]|[a-zäöüß]))")
#: a small number word after "darunter"/"davon" names a part of the figure before it ("darunter sieben in Lebensgefahr")
_SMALL_PART_BEFORE = re.compile(r"(?<![\w])(?:[Dd]arunter|[Dd]avon|unter[ \t\u00a0]+(?:ihnen|denen))[ \t\u00a0]+(?:(?:auch|noch|allein)[ \t\u00a0]+)?$")
_SMALL_OTHERS_AHEAD = re.compile(r"[ \t\u00a0]+(?:weiteren?|davon|von[ \t\u00a0]+ihnen)[ \t\u00a0]+[a-zäöüß]")
_OTHERS = re.compile(r"[ \t\u00a0]+(weiteren?|andere[n]?|davon|von[ \t\u00a0]+ihnen)(?=[ \t\u00a0]+[a-zäöüß])")
#: "32 der mehr als 4.200 Menschen", "Drei von 15 angefragten Kindergärten": a part of a counted whole
_PART_OF_WHOLE = re.compile(r"[ \t\u00a0]+(?:der|von)[ \t\u00a0]+(?:(?:mehr[ \t\u00a0]+als|rund|etwa|insgesamt|über|knapp|fast)[ \t\u00a0]+)?"
                            r"(\d[\d.]*)(?=[ \t\u00a0]+(?:[a-zäöüß][\w-]*[ \t\u00a0]+){0,2}[A-ZÄÖÜ])")
#: "Vier der Toten", "16 von den Verletzten": a part of a toll named by its noun (only nouns the vocabulary counts)
PART_OF_NOUN = re.compile(r"[ \t\u00a0]+(?:der|von[ \t\u00a0]+den)[ \t\u00a0]+(?:(?:insgesamt|bislang|bisher|mindestens)[ \t\u00a0]+)?"
                          r"(?:[a-zäöüß][\w-]*(?:e|en)[ \t\u00a0]+){0,2}([A-ZÄÖÜ][\w-]*\w)(?![\w-])")
_PAIRED_AHEAD = re.compile(r"[ \t\u00a0]+(?:auf|bis|zu|und|oder)[ \t\u00a0]+(?:rund[ \t\u00a0]+|etwa[ \t\u00a0]+)?\d")
#: the hedges longest first (a plain alternation would stop at "über" in "über" vs "weit über")
_HEDGES = hedge_alternation()
#: after "bzw."/"beziehungsweise" (figure_clauses.toml): the second number of the pair, a hedge may stand before it
_RESPECTIVE_SECOND = re.compile(
    rf"[ \t\u00a0]+(?:(?:{_HEDGES})[ \t\u00a0]+)?({NUMERAL.pattern})(?![\w]|[.,:/]\d)"
)
_SURVEY_AMONG = re.compile(r"(?i)(?:befragung|umfrage|erhebung|studie|stichprobe|abstimmung)[ \t\u00a0]+$")
_SHARED_TAIL = re.compile(r"-[ \t\u00a0]+(?:und|oder|bzw\.|sowie)[ \t\u00a0]+([A-ZÄÖÜ][\w-]*\w)")
#: "eineinhalb", "anderthalb", "zweieinhalb": a whole and a half, with a scale or unit after it
_HALVES = re.compile(r"(?<![\w-])((?:[Ee]in|[Zz]wei|[Dd]rei|[Vv]ier|[Ff]ünf|[Ss]echs|[Ss]ieben|[Aa]cht|[Nn]eun|[Zz]ehn)einhalb|[Aa]nderthalb)"
                     r"(?=[ \t\u00a0]+[A-ZÄÖÜ])")
#: "Niedersachsen (plus 3271)", "vor Japan (289)": a figure in parentheses after a name, counted like the figure before it
_SENTENCE_BREAK = re.compile(r"[.!?][\"“”»«]?\s+[A-ZÄÖÜ„\"]")
_PAREN_ITEM = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w./&-]*[ \t]+\((?:(plus|minus|\+)[ \t]*)?$")
#: "100-tausend", "3-Millionen": a numeral joined to its scale word by a hyphen (plain-language news)
_HYPHEN_SCALE = re.compile(r"(?<![\w.,/:\-–])(\d{1,3}(?:,\d+)?)-(tausend|[Mm]illionen|[Mm]illiarden)(?![\w-])", re.IGNORECASE)
#: a party or list label ("SPD", "CDU/CSU", "AfD"): an abbreviation, two capitals or more
_PARTY_PAREN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w/.&-]*[A-ZÄÖÜ][\w/.&-]*[ \t]+\($")
_SHARE_IN_PARENS = re.compile(r"(?<=\d,\d)\)|(?<=\d,\d\d)\)")
#: a verb right after a count that opens its sentence without a noun ("Acht galten als schwer verletzt")
_BARE_VERB = re.compile(r"[ \t\u00a0]+(?:galten|gelten|gilt|wurden|werden|starben|sterben|erlitten|erleiden|blieben|bleiben|"
                        r"mussten|müssen|kamen|seien|wären|würden|werden)[ \t\u00a0]")
_AFTER_COMMA = re.compile(r",[ \t\u00a0]+$")
_COUNT_WORD = re.compile(r"(?<![\w.,])(?:\d+|[^\W\d_]+)(?![\w])")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?][\"“”»«]?[ \t\u00a0]+|\n[ \t\u00a0]*)$")
#: a hedge that opens its sentence ("Mehr als 200 mussten evakuiert werden"): capitalised
_HEDGE_OPENS = re.compile(r"(?:" + alternation(h[:1].upper() + h[1:] for h in HEDGES) + r")[ \t\u00a0]+$")
_SENTENCE_REST = re.compile(r"[^.!?\n]{0,120}")
_SENTENCE_HEAD = re.compile(r"[^.!?\n]{0,80}$")


def _around(text: str, start: int, end: int) -> str:
    """The words of the sentence around a figure (at most 80 characters before and 120 after it)."""
    head = _SENTENCE_HEAD.search(text, max(0, start - 80), start)
    rest = _SENTENCE_REST.match(text, end)
    return (head.group() if head is not None else "") + text[start:end] + (rest.group() if rest is not None else "")


def _bare_subject(text: str, start: int, end: int) -> bool:
    """True for a count without a noun that opens its sentence before a verb whose frame counts people
    ("Acht galten mit Stand vom Freitag als schwer verletzt."), not "Acht Jahre …" or "Zwei kamen zu spät"."""
    if _BARE_VERB.match(text, end) is None:
        return False
    if text[start : start + 1].isupper() and _OPENS_SENTENCE.search(text, max(0, start - 4), start) is not None:
        return _framed_after(text, end)
    if _AFTER_COMMA.search(text, max(0, start - 3), start) is not None:
        # only after a clause with a count of its own, a list going on; not "Sie sagte, drei wurden verletzt"
        head = _SENTENCE_HEAD.search(text, max(0, start - 80), start)
        return head is not None and _has_count(head.group()) and _framed_after(text, end)  # "Acht Segler wurden gerettet, zwei werden noch vermisst"
    # a numeral or a hedged count that opens the sentence: "200 wurden verletzt", "Mehr als 200 mussten evakuiert werden"
    hedge = _HEDGE_OPENS.search(text, max(0, start - 20), start)
    opens = hedge if hedge is not None else (_OPENS_SENTENCE.search(text, max(0, start - 4), start) if text[start : start + 1].isdigit() else None)
    return opens is not None and _OPENS_SENTENCE.search(text, max(0, opens.start() - 4), opens.start()) is not None \
        and _framed_after(text, end)


#: "waren es 41", "es seien nur 30": a bare count that restates the count before it
_IT_WAS = re.compile(rf"(?<![\w])(?:(?:sind|waren|seien|wären)[ \t\u00a0]+es|es[ \t\u00a0]+(?:sind|waren|seien|wären))[ \t\u00a0]+"
                     rf"(?:(?:nur|noch|sogar|{_HEDGES})[ \t\u00a0]+)*$", re.IGNORECASE)
#: the claimant cues (``claimant_cues.toml``: its verbs of reporting and source nouns) that say a source restates a count
CLAIMANT_CUES = Path(__file__).resolve().parent.parent / "data" / "claimant_cues.toml"


@lru_cache(maxsize=1)
def _source_cue() -> re.Pattern[str]:
    raw = tomllib.loads(CLAIMANT_CUES.read_text(encoding="utf-8"))
    words = alternation([*raw["report_verbs"], *raw["source_nouns"]])
    return re.compile(rf"(?<![\w])(?:zufolge|laut|so\s+(?:der|die|das)|(?i:{words}))(?![\w])")


def _has_count(words: str) -> bool:
    """Whether ``words`` hold a count: a numeral or a number word of two or more ("zwei", "vierzehn"), not "ein"."""
    for m in _COUNT_WORD.finditer(words):
        value = int(m.group()) if m.group().isdigit() else parse_number_word(m.group())
        if value is not None and value >= 2:
            return True
    return False


_SENT_END = re.compile(r"[.!?][\"“”»«]?[ \t\u00a0\n]+")


def _counted_before(text: str, start: int, prev: Quantity | None, part_of: float | None) -> bool:
    """True for a bare count that takes the noun of the count before it, at most one sentence back: a part of it
    ("21 von ihnen", ``part_of`` its value) or what another source says it was ("waren es 41")."""
    if prev is None or prev.unit_kind != "count" or not prev.unit or prev.unit_span is None or prev.vague or not 0 <= start - prev.end <= 300:
        return False
    if len(_SENT_END.findall(text, prev.end, start)) > 1:
        return False
    if part_of is not None:
        return part_of <= prev.value
    # only when another source restates it ("Der Gewerkschaft zufolge waren es 41"), not another time ("Im Jahr 2010 waren es 20")
    return _IT_WAS.search(text, max(0, start - 40), start) is not None and not _OPENS_SENTENCE.search(text, max(0, start - 4), start) \
        and _source_cue().search(_around(text, start, start)) is not None


def _framed_after(text: str, pos: int, start: int | None = None) -> bool:
    """True when the sentence around the count says what happened to the counted ("… kamen ums Leben"):
    the rest of it after ``pos``, and when ``start`` is given also its words before ``start`` ("starben … vier Angreifer")."""
    m = _SENTENCE_REST.match(text, pos)
    if m is not None and load_measures().frames_any_noun(m.group()):
        return True
    head = _SENTENCE_HEAD.search(text, max(0, start - 80), start) if start is not None else None
    return head is not None and load_measures().frames_any_noun(head.group())
#: Determiners and pronouns are not adjectives of a counted noun ("7,5 dieselbe Region").
_NOT_ADJ = frozenset(
    "dieselbe derselbe dasselbe denselben demselben derselben jede jeder jedes jeden jedem diese dieser dieses "
    "diesen diesem jene jener jenes jenen jenem alle allen aller beide beiden keine keiner keinen keinem seine "
    "seiner seinen seinem ihre ihrer ihren ihrem unsere unserer unseren eure deren dessen welche welcher welchen "
    "solche solcher solchen manche mancher die der den dem des eine einer einen einem eines "
    # verbs and prepositions with an adjective's ending: "Eine Frau über 40 wurde wegen Ehebruchs bestraft" is an age
    "wurde wurden werde werden habe haben hatte hatten seien wegen gegen ohne neben zwischen unter hinter".split()
)
_TEN_PLUS = re.compile(r"zehn|zig|ßig|hundert|tausend|^elf$|^zwölf$")  # number words >= 10
_FEW = re.compile(r"(?:mehrere|einige|etliche|ein paar|viele)\s+$", re.IGNORECASE)

_HEDGE_BEFORE = re.compile(
    rf"(?<![\w])({_HEDGES})\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention; offsets are relative to the scanned text."""

    start: int  # hedge (if any) … unit/counted noun
    end: int
    num_start: int
    num_end: int
    value: float
    low: float | None
    high: float | None
    value_text: str
    unit: str | None
    unit_kind: str | None  # "percent" | "currency" | "measure" | "count"
    unit_span: tuple[int, int] | None
    hedge: str | None
    vague: bool = False
    unit_from: str = "after"  # "after" (3.000 Soldaten) | "before" (Zahl der Toten … auf 211) | "ellipsis" (…, die Veranstalter 80.000)


def _tidy(x: float) -> float:
    return float(f"{x:.12g}")  # 3300.0000000000005 -> 3300.0


def hedge_interval(value: float, hedge: str | None) -> tuple[float | None, float | None]:
    """Return the (low, high) interval a hedge word puts around ``value`` (``None`` = open)."""
    kind = HEDGES.get((hedge or "").lower())
    if kind == "approx":
        return _tidy(value * 0.9), _tidy(value * 1.1)
    if kind == "below":
        return _tidy(value * 0.9), value
    if kind == "above":
        return value, _tidy(value * 1.1)
    if kind in ("more", "atleast"):
        return value, None
    if kind in ("atmost", "less"):
        return None, value
    return value, value


def _respectively_ahead(text: str, end: int) -> re.Match[str] | None:
    """The second number of a "300 beziehungsweise 200 …" pair right after a number ending at ``end``, else None."""
    gap = re.match(r"[ \t\u00a0]+", text[end : end + 4])
    cue = load_clause_cues().respectively.match(text, end + gap.end()) if gap is not None else None
    return _RESPECTIVE_SECOND.match(text, cue.end()) if cue is not None else None


def _respective_unit(text: str, pos: int) -> tuple[tuple[str, str, tuple[int, int]], float] | None:
    """The noun or unit right after the second number of a "bzw." pair and the scale written between ("3 bzw. 4
    Millionen Euro": 1e6); None when the second number has none."""
    scale = _SCALE_RE.match(text, pos)
    unit = _unit_after(text, scale.end() if scale else pos)
    if unit is None:
        return None
    return unit, SCALES[scale.group(1).lower()] if scale else 1.0


def _unit_after(text: str, pos: int) -> tuple[str, str, tuple[int, int]] | None:
    m = _UNIT_RE.match(text, pos)
    if m:
        unit = m.group(1)
        kind = "percent" if unit in ("%", "Prozent", "Prozentpunkte", "Prozentpunkten") else (
            "currency" if unit in CURRENCIES or unit in ("€", "$") else "measure")
        return unit, kind, (m.start(1), m.end(1))
    m = _COUNTED.match(text, pos)
    if m:
        noun = m.group(2)
        low = noun.lower()
        if any(w.lower() in _NOT_ADJ for w in m.group(1).split()):
            return None
        if low in MONTHS or low in _WEEKDAYS or low in _TIME_UNITS or low in _NOT_NOUNS or low.endswith("jährige"):
            return None
        whole = _SHARED_TAIL.match(text, m.end(2))
        if whole is not None:  # "520 Kurz- und Mittelstreckenflüge": the counted noun is the compound the pair shares
            return whole.group(1), "count", (whole.start(1), whole.end(1))
        return noun, "count", (m.start(2), m.end(2))
    return None


def _opens_word_range(text: str, start: int, end: int) -> bool:
    """True when the number word ending at ``end`` opens a range whose upper word stands before a scale, a unit or a noun
    the vocabulary counts ("zwei bis drei Millionen", "sechs bis sieben Prozent", "fünf bis sechs Tote"), as the upper word
    alone would be read; not before a duration ("zwei bis drei Tage") or another noun ("vier oder fünf Parteien")."""
    m = _WORD_RANGE_AHEAD.match(text, end)
    if m is None or (m.group(1) == "und" and text[max(0, start - 9) : start].lower() != "zwischen "):
        return False  # "zwei und drei" is a range only after "zwischen"
    if _SCALE_RE.match(text, m.end()) or _UNIT_RE.match(text, m.end()):
        return True
    unit = _unit_after(text, m.end())
    return unit is not None and unit[1] == "count" and load_measures().knows(unit[0])


def _candidates(text: str) -> Iterator[tuple[int, int, float | None, tuple[float, float] | None]]:
    """Yield (start, end, value, vague interval) for numerals and number words."""
    for m in _NUM_TOKEN.finditer(text):
        yield m.start(), m.end(), parse_numeral(m.group()), None
    low = text.lower()  # words a rare pattern needs: without them its scan is skipped
    for m in _HYPHEN_SCALE.finditer(text) if "-tausend" in low or "-mill" in low else ():
        base = parse_numeral(m.group(1))
        if base is not None:
            yield m.start(), m.end(), base * SCALES[m.group(2).lower()], None
    vocab = load_measures()
    n = len(text)
    for m in _DOZEN.finditer(text) if "dutzend" in low else ():  # "ein Dutzend Menschen", "zwei Dutzend", "ein halbes Dutzend"
        word = m.group(1).lower()
        times = 0.5 if "halb" in word else 1.0 if word.startswith("ein") else parse_number_word(word)
        if times:
            yield m.start(), m.end(), 12.0 * times, None
    for m in _SMALL.finditer(text):
        s, e = m.start(), m.end()
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_")) or (e < n and (text[e].isalnum() or text[e] in "-_")):
            continue  # part of a longer word ("zweieinhalb", "Achtung")
        if text.startswith(" Dutzend", e):
            continue  # "zwei Dutzend" is read whole
        value = float(parse_number_word(m.group().lower()) or 0)
        part = PART_OF_NOUN.match(text, e)
        if _SMALL_OTHERS_AHEAD.match(text, e) or _bare_subject(text, s, e) or _PART_OF_WHOLE.match(text, e) \
                or (part is not None and vocab.knows(part.group(1))):
            # "Sieben weitere wurden verletzt", "Acht galten als schwer verletzt": counted by the frame (in _build)
            yield s, e, value, None
        elif _opens_word_range(text, s, e):
            yield s, e, value, None  # "zwei bis drei Millionen Euro", "sechs bis sieben Tote": read with its upper end (in _build)
        elif _SMALL_PART_BEFORE.search(text, max(0, s - 24), s) and not _COUNTED.match(text, e):
            yield s, e, value, None  # "15 Verletzte, darunter sieben in Lebensgefahr": a part, counted like the figure before
        elif _SMALL_NOUN_AHEAD.match(text, e):  # "zwei Tote", "fünf Menschen": only with a noun the vocabulary counts
            unit = _unit_after(text, e)
            if unit is None and duration_unit(text, s, e) is not None:
                yield s, e, value, None  # "neun Minuten nach den ersten Schüssen"
            elif unit is not None and unit[1] == "count" and (vocab.knows(unit[0]) or _framed_after(text, unit[2][1], s)
                                                            or (unit[0].lower() in vocab.points_words
                                                                and vocab.points_of(unit[0], _around(text, s, e), value=value) is not None)):
                yield s, e, value, None  # "liegt in der Umfrage vier Punkte vor der SPD": percentage points
    for m in _SMALL_AFTER_PREP.finditer(text):  # "ist die Zahl der Toten auf sieben gestiegen": only with the noun before
        if unit_before(text, m.start(), m.end()) is not None:
            yield m.start(), m.end(), float(parse_number_word(m.group(1).lower()) or 0), None
    for m in _HALVES.finditer(text) if "einhalb" in low or "anderthalb" in low else ():  # "eineinhalb Millionen Menschen", "zweieinhalb Tausend Euro"
        word = m.group(1).lower()
        whole = 1 if word == "anderthalb" else parse_number_word(word[: -len("einhalb")])
        if whole is not None:
            yield m.start(1), m.end(1), whole + 0.5, None
    for m in _ONE_SCALE.finditer(text) if "illi" in low or "billion" in low else ():  # "einer Million Einheiten", "halbe Million Euro"
        factor = 0.5 if "halb" in m.group(1).lower() else 1.0
        yield m.start(), m.end(), factor * SCALES[m.group(2).lower()], None
    for m in _SMALL_WORD.finditer(text):  # "sieben Prozent": small number words only with a unit
        yield m.start(), m.end(), float(parse_number_word(m.group(1).lower()) or 0), None
    for start, end in _number_word_spans(text):
        low = text[start:end].lower()
        if low in VAGUE:
            yield start, end, None, VAGUE[low]
        elif low in ("hundert", "tausend", "dutzend") and _FEW.search(text, max(0, start - 20), start):
            yield start, end, None, VAGUE[low + "e"]
        elif len(low) >= 3 and _TEN_PLUS.search(low):
            word = parse_number_word(low)
            if word is not None and word >= 10:
                yield start, end, float(word), None


_COUNT_LEAD = re.compile(
    r"(?<![\w])(?:auf|bei|mit|von|insgesamt|noch|rund|etwa|circa|ca\.|zirka|fast|knapp|über|mindestens|gut|nun|bereits|zuvor|zunächst|"
    r"ursprünglich|inzwischen|mittlerweile|weitere|weiteren|(?:sind|waren|seien|wären)\s+es)\s+$",
    re.IGNORECASE,
)


def _sentence_final_count(raw: str, before: str, after: str) -> bool:
    """True for a count that ends a sentence ("… die Veranstalter 80.000.", "stieg auf insgesamt 33.")."""
    nxt = re.match(r"\.\s+([\wÄÖÜäöüß]+)", after)
    if nxt and nxt.group(1).lower().rstrip(".") in MONTHS:
        return False
    if not (nxt is None or nxt.group(1)[:1].isupper() or after[1:2] in ("", "\n")):
        return False
    return bool(re.search(r"[.,\u00a0\u202f ]", raw)) or bool(_COUNT_LEAD.search(before))


_IN_PLACE_END = re.compile(r"(?<![\w])(?:in|im|aus)\s+(?:der\s+|den\s+|dem\s+)?([A-ZÄÖÜ][\w-]*)\s+$")
_SENTENCE_END_AFTER = re.compile(r"\.(?:\s+[A-ZÄÖÜ\"„]|\s*$)")


def _final_ellipsis(text: str, start: int, end: int, prev: Quantity | None) -> bool:
    """True for a bare count closing its sentence that shares the noun of the count before it
    ("In der Türkei starben 4000 Menschen, in Syrien 1500."), not for a date ("am 3. Mai")."""
    raw = text[start:end]
    if prev is None or prev.unit_kind != "count" or not raw.isdigit() or not _SENTENCE_END_AFTER.match(text, end):
        return False
    if (len(raw) == 4 and (1900 <= int(raw) <= 2100 or year_cue_before(text, start))) or _LABEL_BEFORE.search(text, max(0, start - 30), start):
        return False  # "seit dem Start 2011.", "auf Rang 144."
    lead = text[max(0, start - 60) : start]
    hedge = _HEDGE_BEFORE.search(lead)
    if hedge is not None:  # "in Syrien mehr als 800.": the place before the hedge ("gegen Mittag etwa 8." is none)
        lead = lead[: hedge.start()]
        place = _IN_PLACE_END.search(lead)
        if place is None or place.group(1).lower() in MONTHS or place.group(1).lower() in _WEEKDAYS:
            return False
    word = re.search(r"(\S+)\s+$", lead)
    if word is None or not re.fullmatch(r"[A-ZÄÖÜ][\w-]*", word.group(1)) or word.group(1).lower() in _NOT_NOUNS:
        return False  # "der 6. Jägerbrigade", "– 2. Name", "): 1.": ordinals; "in Syrien 1500." names the place
    nxt = re.match(r"\.\s+([\wÄÖÜäöüß]+)", text[end : end + 20])
    if nxt and nxt.group(1).lower() in MONTHS:
        return False
    return elliptic_unit(text, start, end, prev) is not None


#: a hedge no year takes ("rund 2000 Traktoren"; "um 2000", "bis 2000" are years)
_COUNT_HEDGE_BEFORE = re.compile(r"(?<![\w])(?:rund|etwa|circa|ca\.|zirka|knapp|fast|mehr\s+als|weit\s+über|mindestens|bis\s+zu|gut)\s+$",
                                 re.IGNORECASE)


def _is_date_or_label(text: str, start: int, end: int, value: float) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 20]
    if _LABEL_BEFORE.search(before):
        return True
    raw = text[start:end]
    if after.startswith(".") and not after[1:2].isdigit() and not _sentence_final_count(raw, before, after):
        # "am 6. August", "24. Oktober": an ordinal.
        return True
    if raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2100:
        # "2024" is a year unless "2024 Euro", "1300 Menschen" (a noun the vocabulary counts, no
        # "im Jahr"/"bis" before) or "die Zahl der Toten stieg auf 1762".
        if _UNIT_RE.match(text, end):
            return False
        if year_cue_before(text, start):
            return True
        counted = _unit_after(text, end)
        if counted is not None and counted[1] == "count" and counted[2][0] - end <= 2 \
                and (load_measures().knows(counted[0]) or _COUNT_HEDGE_BEFORE.search(before)):
            return False  # "1300 Menschen", "rund 2000 Traktoren"; not "2016 angekommenen Migranten" nor "um 2000 Traktoren"
        return unit_before(text, start, end) is None
    return False


def find_quantities(text: str, *, max_chars: int = 2_000_000) -> list[Quantity]:
    """Return the quantities in ``text`` (numbers with a unit or a counted noun), in order.

    Example: ``find_quantities("rund 10.000 Soldaten")[0].value == 10000``.
    """
    text = text[:max_chars]
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for start, end, value, vague in sorted(_candidates(text), key=lambda c: c[0]):
        if any(s <= start < e for s, e in taken):
            continue
        if vague is None and value is None:
            continue
        prev = found[-1] if found else None
        if vague is None and value is not None and _is_date_or_label(text, start, end, value):
            raw = text[start:end]
            # "in Kiel etwa 4000 und in Jena 3000" after "13.000 Menschen": counts, not years
            if not (raw.isdigit() and len(raw) == 4 and prev is not None and prev.unit_kind == "count" and prev.value >= 500
                    and not year_cue_before(text, start) and elliptic_unit(text, start, end, prev) is not None) \
                    and not _final_ellipsis(text, start, end, prev):
                continue
        q = _build(text, start, end, value, vague, prev)
        if q is not None:
            found.append(q)
            taken.append((q.start, q.end))
    ordinals = [q for q in _ordinal_tolls(text) if not any(s < q.end and q.start < e for s, e in taken)]
    # "ein 48-Stunden-Streik", "der 48-stündige Streik": a strike's length written inside a compound
    ordinals += [Quantity(start=c.start, end=c.end, num_start=c.start, num_end=c.num_end, value=c.value, low=c.value, high=c.value,
                          value_text=text[c.start : c.num_end], unit=c.unit, unit_kind="measure", unit_span=c.unit_span, hedge=None)
                 for c in compound_durations(text) if not any(s < c.end and c.start < e for s, e in taken)]
    return sorted(found + ordinals, key=lambda q: q.start) if ordinals else found


#: a singular determiner before an ordinal in "-en"/"-em" ("dem vierten Todesopfer"); "die ersten Toten" are plural
_SINGULAR_BEFORE = re.compile(r"(?<![\w-])(?:dem|zum|beim|vom|einem|einen)[ \t\u00a0]+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ordinal_nouns() -> tuple[str, ...]:
    """The nouns (capitalised, as written) and long compound tails an ordinal counts a toll of: a text without any has
    no such figure, and the ordinal scan (an alternation tried at every position) is skipped. Short tails are left out
    of this test: "leichen" is in every "gleichen"."""
    vocab = load_measures()
    words = {w[:1].upper() + w[1:] for m in vocab.measures if m.ordinal for w in m.nouns} - {w.title() for w in vocab.not_ordinal_nouns}
    words |= {w for m in vocab.measures if m.ordinal for w in m.suffixes if len(w) >= 8}
    # a word holding a shorter one is found by it
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


@lru_cache(maxsize=1)
def _ordinal_pattern() -> re.Pattern[str] | None:
    stems = sorted(load_measures().ordinals, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(rf"(?<![\w-])((?:{'|'.join(map(re.escape, stems))})(?:es|er|en|em|e))[ \t\u00a0]+([A-ZÄÖÜ][\w-]*\w)", re.IGNORECASE)


#: an indefinite article right before an ordinal: "ein erstes Todesopfer" reports a death, "der erste Tote der …" names one
_INDEFINITE_BEFORE = re.compile(r"(?<![\w-])(?:[Ee]in|[Ee]inen|[Ee]inem|[Ee]iner|[Ee]ines)[ \t\u00a0]+$")


def _ordinal_tolls(text: str) -> Iterator[Quantity]:
    """"das vierte Todesopfer", "ein zweiter Toter": the ordinal of a toll's noun says at least that many (a lower bound);
    ordinals of other nouns ("der dritte Tag") are no figures."""
    pattern = _ordinal_pattern()
    if pattern is None or not any(w in text for w in _ordinal_nouns()):
        return
    vocab = load_measures()
    for m in pattern.finditer(text):
        if m.group(2)[:1].islower() or vocab.ordinal_measure(m.group(2)) is None:
            continue
        word = m.group(1)
        value = vocab.ordinal(word)
        if value is None or (word.lower().endswith(("en", "em")) and not _SINGULAR_BEFORE.search(text, max(0, m.start() - 12), m.start())):
            continue  # "die ersten Toten": plural, no count
        if value == 1 and not _INDEFINITE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # "Der erste Tote der Pandemie … wurde 2020 gemeldet": the first of a series, no toll; "ein erstes Todesopfer" is one
        yield Quantity(start=m.start(1), end=m.end(2), num_start=m.start(1), num_end=m.end(1), value=float(value), low=float(value),
                       high=None, value_text=word, unit=m.group(2), unit_kind="count", unit_span=(m.start(2), m.end(2)), hedge=None)


def _build(text: str, start: int, end: int, value: float | None, vague: tuple[float, float] | None,
           prev: Quantity | None = None) -> Quantity | None:
    num_end = end
    low: float | None
    high: float | None
    if vague is not None:
        low, high = vague
        value = low
    else:
        assert value is not None
        scale = _SCALE_RE.match(text, num_end)
        if scale:
            value *= SCALES[scale.group(1).lower()]
            num_end = scale.end()
        low = high = value
    range_m = _RANGE.match(text, num_end) if vague is None else None
    between = text[max(0, start - 9) : start].lower() == "zwischen "
    if range_m and range_m.group().strip().startswith("und") and not between:
        range_m = None
    if range_m:
        upper_text = range_m.group(1)
        upper = parse_numeral(upper_text) if upper_text[:1].isdigit() else parse_number_word(upper_text.lower())
        if upper is not None and value is not None:
            scale = _SCALE_RE.match(text, range_m.end())
            factor = SCALES[scale.group(1).lower()] if scale else 1.0
            upper_v = upper * factor
            if scale and value < upper_v / 1000:  # "3 bis 5 Millionen": the scale applies to both
                value *= factor
            if upper_v > value:
                low, high = value, upper_v
                value = (value + upper_v) / 2
                num_end = scale.end() if scale else range_m.end()
    unit_from = "after"
    framed = unit_before(text, start, num_end) if vague is None else None
    unit = None if framed is not None and framed[1] == "measure" else _unit_after(text, num_end)
    if unit is None and vague is None:
        unit = duration_unit(text, start, num_end)  # "neun Minuten nach den ersten Schüssen", "zu 22 Monaten Haft"
    if unit is not None and framed is not None and unit[1] == "count" and not load_measures().knows(unit[0]) \
            and re.search(r"[a-zäöüß]", text[num_end : unit[2][0]]):
        # "Die Zahl der Anfragen hat mit 3.850 absolutes Rekordniveau erreicht": the noun before is what is counted
        unit = None
    if unit is None and framed is not None:
        unit, unit_from = framed, "before"
    if unit is None and vague is None and value is not None:
        whole = _PART_OF_WHOLE.match(text, num_end)
        whole_value = parse_numeral(whole.group(1)) if whole is not None else None
        counted = _unit_after(text, whole.end(1)) if whole is not None and whole_value is not None and value <= whole_value else None
        if counted is not None and counted[1] == "count":
            # "32 der mehr als 4.200 Menschen an Bord", "Drei von 15 angefragten Kindergärten": a part, counted like its whole
            unit, unit_from = counted, "ellipsis"
    if unit is None and vague is None and value is not None:
        part = PART_OF_NOUN.match(text, num_end)
        if part is not None and load_measures().knows(part.group(1)):
            unit, unit_from = (part.group(1), "count", (part.start(1), part.end(1))), "after"  # "Vier der Toten"
    if unit is None and vague is None and value is not None and _PAIRED_AHEAD.match(text, num_end):
        paired = unit_ahead(text, num_end)  # "stieg von 74 auf 79 Prozent": the unit of the pair, not of an earlier figure
        if paired is not None:
            unit, unit_from = paired, "ellipsis"
    if unit is None and vague is None and value is not None:
        resp = _respectively_ahead(text, num_end)
        shared = _respective_unit(text, resp.end(1)) if resp is not None else None
        if shared is not None:
            unit, unit_from = shared[0], "ellipsis"
            second = parse_numeral(resp.group(1)) if resp is not None else None
            if shared[1] > 1 and second is not None and value < second * shared[1] / 1000:
                value *= shared[1]  # "3 bzw. 4 Millionen": the scale is said once for both
                low, high = (None if b is None else b * shared[1] for b in (low, high))
    if unit is None and vague is None and prev is not None:
        unit = elliptic_unit(text, start, num_end, prev)
        unit_from = "ellipsis" if unit is not None else unit_from
    if unit is None and vague is None and value is not None and (not text[start:num_end].isdigit() or value <= 100):
        ahead = unit_ahead(text, num_end)  # "auf 11,6 und die Linken auf 8,8 Prozent"
        if ahead is not None:
            unit, unit_from = ahead, "ellipsis"
    if unit is None and vague is None and prev is not None and prev.unit_kind == "percent" and 0 <= start - prev.end <= 250 \
            and _SHARE_IN_PARENS.match(text, num_end) and _PARTY_PAREN.search(text, max(0, start - 40), start):
        # "… die AfD mit 20,8 Prozent. Dahinter folgt die SPD (16,4)": a share in parentheses after a name
        unit, unit_from = (prev.unit or "", "percent", prev.unit_span or (prev.start, prev.end)), "ellipsis"
    if unit is None and vague is None and value is not None and prev is not None and prev.unit_kind in ("count", "percent", "currency") \
            and 0 <= start - prev.end <= 250 and text[num_end : num_end + 1] == ")":
        item = _PAREN_ITEM.search(text, max(0, start - 60), start)
        same_sentence = _SENTENCE_BREAK.search(text, prev.end, start) is None
        if item is not None and (item.group(1) or (same_sentence and prev.unit_kind == "count" and (value >= 120 or not text[start:num_end].isdigit()))):
            # signed changes always; a bare figure only in the sentence of the count it continues, and a small
            # integer after a name is more often an age ("Max M. (23)")
            unit, unit_from = (prev.unit or "", prev.unit_kind, prev.unit_span or (prev.start, prev.end)), "ellipsis"
    if unit is None and vague is None and ":" in text[max(0, start - 200) : start]:
        listed = list_unit(text, start, num_end)  # "In Sitzen bedeutet dies: CDU/CSU 208, AfD 152"
        if listed is not None:
            unit, unit_from = listed, "before"
    if unit is None and _bare_subject(text, start, num_end):  # "Acht wurden verletzt", "Hunderte mussten evakuiert werden"
        unit = ("", "count", (num_end, num_end))
    if unit is None and vague is None:
        others = _OTHERS.match(text, num_end)
        if others and _framed_after(text, others.end()):
            unit = ("", "count", (others.start(1), others.end(1)))
        elif value is not None and _counted_before(text, start, prev, value if others and others.group(1).startswith("von") else None):
            # "34 Bergleute … 21 von ihnen hätten sich retten können", "Der Betreiber spricht von 34 Arbeitern. Der
            # Gewerkschaft zufolge waren es 41": the noun of the count before
            assert prev is not None and prev.unit_span is not None
            unit, unit_from = (prev.unit or "", "count", prev.unit_span), "ellipsis"
    before = text[max(0, start - 25) : start]
    cur = _CURRENCY_BEFORE.search(before)
    q_start = start
    if unit is None and cur:
        unit = (cur.group(1), "currency", (start - len(before) + cur.start(1), start - len(before) + cur.end(1)))
        q_start = unit[2][0]
    if unit is None and vague is not None and text[start:end].lower().endswith(("höhe", "betrag", "schwer")):
        unit = ("", "amount", (end, end))
    if unit is None:
        return None
    hedge = None
    hm = _HEDGE_BEFORE.search(text, max(0, q_start - 25), q_start)
    if hm and hm.group(1).lower() == "unter" and _SURVEY_AMONG.search(text, max(0, hm.start(1) - 30), hm.start(1)):
        hm = None  # "eine Befragung unter 2800 Asylberechtigten": among, not fewer than
    if hm and hm.group(1).lower() == "über" and not load_clause_cues().prep_before_ueber.search(text, max(0, hm.start(1) - 10), hm.start(1)) \
            and load_clause_cues().governs_ueber.search(text, max(0, hm.start(1) - 60), hm.start(1)):
        hm = None  # "verfügt über 416 Sitze", "eine Rechnung über 396 Euro": the verb's preposition, not more than
    if hm and hm.group(1).lower() == "gegen" and (not text[start:num_end][:1].isdigit() or value is None or value < 100):
        hm = None  # "Anklage gegen zwei Männer": a preposition; "gegen 500 Menschen": about
    if hm and low == high:
        hedge = hm.group(1).lower()
        low, high = hedge_interval(value, hedge)
        q_start = hm.start(1)
    elif between and range_m:
        q_start = start - 9
    elif vague is not None:
        few = _FEW.search(text, max(0, start - 20), start)
        if few:
            q_start = few.start()
    q_end = max(num_end, unit[2][1]) if unit_from == "after" else num_end
    return Quantity(
        start=q_start, end=q_end, num_start=start, num_end=num_end, value=float(value), low=low, high=high,
        value_text=text[start:num_end], unit=unit[0] or None, unit_kind=unit[1], unit_span=unit[2], hedge=hedge,
        vague=vague is not None, unit_from=unit_from,
    )
