"""Figures whose counted noun is not right after the number.

- noun before: "Die Zahl der Toten ist auf 211 gestiegen", "… liegt bei 211", "gab die
  Teilnehmerzahl mit 30.000 an", "hatte die Zahl der Toten noch 139 betragen", "Stärke 7,8";
- ellipsis: a bare number in the same sentence as a counted one takes its noun
  ("Die Polizei nannte 50.000 Demonstrierende, die Veranstalter 80.000");
- years: a four-digit number after "im Jahr", "seit", "bis" … is a year, not a count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lagebild.numbers.find import Quantity

__all__ = ["LIST_LABEL", "elliptic_unit", "list_unit", "unit_ahead", "unit_before", "year_cue_before"]

Unit = tuple[str, str, tuple[int, int]]  # (unit text, unit kind, unit span)

_HEDGE = r"(?:rund|etwa|circa|ca\.|zirka|ungefähr|knapp|fast|beinahe|nahezu|gut|mehr\s+als|über|weit\s+über|mindestens|wenigstens|bis\s+zu|höchstens|weniger\s+als|unter)"
_FILL = r"(?:noch|nun|jetzt|inzwischen|bereits|schon|sogar|mittlerweile|zuletzt|offiziell|insgesamt|zunächst|zuvor|ursprünglich|bisher|bislang)"
#: What stands right before a bare number whose noun came earlier: a preposition (auf/bei/mit/von) or a colon.
_PREP_END = re.compile(rf"(?:(?<![\w])(?:auf|bei|mit|von|um|zwischen)\s+|:\s*)(?:{_FILL}\s+)?(?:{_HEDGE}\s+)?$", re.IGNORECASE)
_LEAD_END = re.compile(
    rf"(?:(?<![\w])(?:auf|bei|mit|von)\s+(?:{_FILL}\s+)?(?:{_HEDGE}\s+)?|(?<![\w]){_HEDGE}\s+|(?<![\w])(?i:weitere|weiteren|davon)\s+(?:\w+\s+){{0,2}})$",
    re.IGNORECASE,
)
#: "Die Zahl der Verletzten stieg an, inzwischen sind es 120": the count the clause before named
_ES_END = re.compile(rf"(?<![\w])(?:sind|waren|seien|wären)\s+es\s+(?:{_FILL}\s+)?(?:{_HEDGE}\s+)?$", re.IGNORECASE)
_BARE_END = re.compile(rf"(?:{_FILL}\s+)?(?:{_HEDGE}\s+)?$", re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s+(?:betragen|betrug|beträgt|betrage|betrügen|gestiegen|angestiegen|gesunken|erhöht|korrigiert|beziffert|angegeben)\b")
#: the verb before the noun: "In dem Jahr betrug die Zahl der Nachrichten in Österreich 1,93 Milliarden"
_VERB_FIRST = re.compile(
    rf"(?<![\w])(?:betrug|beträgt|betrugen|lag|liegt|erreichte|erreicht)\s+(?:{_FILL}\s+)?die\s+(?:Gesamtzahl|Anzahl|Zahl)\s+der\s+"
    rf"[^,;:()]{{2,70}}?\s+(?:{_FILL}\s+)?(?:{_HEDGE}\s+)?$"
)
_ZAHL_DER = re.compile(
    r"(?<![\w-])(?:Gesamtzahl|Anzahl|Zahl|Bilanz)\s+(?:der|an|von)\s+(?:(?!(?:in|im|an|am|auf|aus|bei|mit|nach|von|vom|zu|zum|zur|für|über|unter|vor|der|die|das|den|dem|des)\s)[a-zäöüß][\w-]*\s+){0,2}([A-ZÄÖÜ][\w:*-]*\w)"
)
#: "Opferzahl", "Teilnehmer-Zahl"; not "Anzahl", "Gesamtzahl", "Höchstzahl" (no counted noun in them)
_COMPOUND_ZAHL = re.compile(r"(?<![\w-])(?!(?:An|Gesamt|Höchst|Mindest|Rekord|Teil|Bei|Ab|Aus|Ein|Ober|Unter)-?zahl)([A-ZÄÖÜ][a-zäöüß]+?)-?(?:zahl|zahlen|bilanz)(?![\w])")
#: "Die Zahl der Toten stieg auf 12, die der Verletzten auf 40": "die der" stands for "die Zahl der" said before
_ZAHL_ELIDED = re.compile(r"(?<![\w])(?:die|jene)\s+(?:der|an)\s+(?:[a-zäöüß][\w-]*\s+){0,2}([A-ZÄÖÜ][\w:*-]*\w)")
_MAGNITUDE = re.compile(rf"(?<![\w-])(Stärke|Magnitude|Richterskala)\s+(?:von\s+)?(?:{_HEDGE}\s+)?$")
_SENT_END = re.compile(r"(?<!\d)[.!?](?=\s)|\n")
_YEAR_CUES = frozenset(
    "jahr jahre jahres jahren seit bis von ab ende anfang mitte sommer herbst winter frühjahr frühling in "
    "im um vor nach zwischen stand jahrgang saison bj. baujahr anno januar februar märz april mai juni "
    "juli august september oktober november dezember jan. feb. aug. sept. okt. nov. dez. – - / wahl "
    "wahljahr gegenüber vorjahr verglichen".split()
)
_WORD_BEFORE = re.compile(r"(\S+)\s*$")


def _sentence_before(text: str, start: int, width: int = 180) -> tuple[int, str]:
    lo = max(0, start - width)
    window = text[lo:start]
    cut = 0
    for m in _SENT_END.finditer(window):
        cut = m.end()
    return lo + cut, window[cut:]


def year_cue_before(text: str, start: int) -> bool:
    """True when the word before a four-digit number makes it a year ("im Jahr 2024", "bis 2030")."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower().strip("(„\"") in _YEAR_CUES


def unit_before(text: str, start: int, end: int) -> Unit | None:
    """Return the counted noun before a bare number ("Zahl der Toten … auf 211"; "Stärke 7,8")."""
    base, before = _sentence_before(text, start)
    if "Stärke" in before or "Magnitude" in before or "Richterskala" in before:
        mag = _MAGNITUDE.search(before)
        if mag:
            return mag.group(1), "measure", (base + mag.start(1), base + mag.end(1))
    if "ahl" not in before and "ilanz" not in before:
        return None  # no "Zahl der …", "Opferzahl", "Bilanz" before the number: no noun to find (the usual case, one test)
    if not (_PREP_END.search(before) or _ES_END.search(before) or (_BARE_END.search(before) and _VERB_AFTER.match(text, end))):
        raw = text[start:end]
        if _VERB_FIRST.search(before) is None or (raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100):
            return None  # "betrug die Zahl der Mitglieder in Bayern 2010 noch 500": a year without a preposition
    hits = [(m.start(1), m.end(1), m.group(1)) for m in _ZAHL_DER.finditer(before)]
    hits += [(m.start(1), m.end(1), m.group(1)) for m in _COMPOUND_ZAHL.finditer(before)]
    if not hits:
        return None
    from lagebild.numbers.measures import load_measures  # the vocabulary imports nothing of this module

    first = min(hits)[0]
    hits += [(m.start(1), m.end(1), m.group(1)) for m in _ZAHL_ELIDED.finditer(before, first)
             if m.start() > first and load_measures().of_noun(m.group(1)) is not None]
    s, e, noun = max(hits)
    return noun, "count", (base + s, base + e)


def elliptic_unit(text: str, start: int, end: int, prev: Quantity) -> Unit | None:
    """Return the noun a bare number shares with the figure before it in the same sentence.

    "Die Polizei sprach von 50.000 Teilnehmern, die Veranstalter von 80.000"; "die Veranstalter
    korrigierten die Zahl kurz später auf 80.000" (the sentence after the counted figure).
    """
    magnitude = prev.unit_kind == "measure" and _is_magnitude(prev.unit)
    if (prev.unit_kind not in ("count", "percent") and not magnitude) or prev.unit_span is None or prev.vague or prev.end > start:
        return None  # "eine Stärke von 7,8, die Behörde gab 7,7 an": a magnitude is shared like a count
    if magnitude and not _reads_as_magnitude(text[start:end], prev.value):
        return None  # "der Stärke 7,1 konnten die Retter 14 aus den Trümmern befreien": a count, not a magnitude
    gap = text[prev.end : start]
    nxt = re.match(r"[ \t\u00a0]*(\S)", text[end : end + 4])
    if len(gap) > 160 or (nxt is not None and (nxt.group(1).isupper() or nxt.group(1).isdigit() or nxt.group(1) in "%€$-–/")):
        return None  # "um 16 Uhr", "2:1", "3-mal": not an ellipsis of the figure before
    ends = list(_SENT_END.finditer(gap))
    if ends:
        this_sentence = gap[ends[-1].end() :]
        if len(ends) > 1 or prev.unit_kind != "count" or not _LEAD_END.search(this_sentence):
            return None  # across one sentence only "… korrigierten die Zahl … auf 80.000", "Erwartet wurden rund 10.000."
    return prev.unit or "", prev.unit_kind or "count", prev.unit_span


_DECIMAL = re.compile(r"\d,\d{1,2}")


def _is_magnitude(unit: str | None) -> bool:
    from lagebild.numbers.measures import load_measures  # the vocabulary imports nothing of this module

    m = load_measures().of_noun(unit) if unit else None
    return m is not None and m.kind == "magnitude"


def _reads_as_magnitude(raw: str, first: float) -> bool:
    """A second magnitude is written like one (a decimal, "7,7") and lies near the first: bare whole numbers after a
    magnitude count people or houses."""
    if not _DECIMAL.fullmatch(raw):
        return False
    value = float(raw.replace(",", "."))
    return 0 < value < 10 and abs(value - first) <= 1.5


_PERCENT_AHEAD = re.compile(
    r"[ \t\u00a0]*(?:,|und|oder|sowie|statt|anstatt|auf)[ \t\u00a0]+[^.;:!?\d]{0,45}?(\d{1,3}(?:,\d+)?)[ \t\u00a0]*(Prozent|%)(?![\w])"
)


def unit_ahead(text: str, end: int) -> Unit | None:
    """Return the percent sign a bare number shares with the next figure of its list.

    "Die Grünen kamen auf 11,6 und die Linken auf 8,8 Prozent": only percentages, whose unit
    closes such lists; a counted noun is never borrowed forward.
    """
    m = _PERCENT_AHEAD.match(text, end)
    if m is None:
        return None
    return m.group(2), "percent", (m.start(2), m.end(2))


_ITEM = r"[A-ZÄÖÜ][\w/.&-]*(?:[ \t]+[A-ZÄÖÜ][\w/.&-]*)?"
#: the label of a list item right before its number ("CDU/CSU 208", "Die Grünen 85")
LIST_LABEL = re.compile(rf"(?<![\w/.&-])({_ITEM})[ \t]+$")
_LIST_BEFORE = re.compile(rf":[ \t]*(?:{_ITEM}[ \t]+\d+(?:,\d+)?[ \t]*(?:,[ \t]*|[ \t]+und[ \t]+))*{_ITEM}[ \t]+$")
_LIST_AFTER = re.compile(rf"[ \t]*(?:,[ \t]*|[ \t]+und[ \t]+){_ITEM}[ \t]+\d")
_HEAD_NOUN = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*\w)")


def list_unit(text: str, start: int, end: int) -> Unit | None:
    """Return the noun of a labelled list after a colon ("In Sitzen bedeutet dies: CDU/CSU 208, AfD 152 …").

    The list needs two items or more, and the words before the colon a noun the measure vocabulary counts
    (or "Prozent"); "Anpfiff: Samstag 15" or "Ergebnis: Meier 3" say nothing of what is counted.
    """
    from lagebild.numbers.measures import load_measures  # the vocabulary imports nothing of this module

    base, before = _sentence_before(text, start)
    m = _LIST_BEFORE.search(before)
    if m is None or not (re.search(r"\d", m.group()) or _LIST_AFTER.match(text, end)):
        return None
    vocab = load_measures()
    for noun in reversed(list(_HEAD_NOUN.finditer(before, 0, m.start()))):
        word = noun.group(1)
        if word == "Prozent":
            return word, "percent", (base + noun.start(1), base + noun.end(1))
        if vocab.of_noun(word) is not None:
            return word, "count", (base + noun.start(1), base + noun.end(1))
    return None
