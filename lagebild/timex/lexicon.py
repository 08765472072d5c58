"""German temporal vocabulary: month, weekday, unit and number words, tense cues.

Plain tables, no logic. Keys are lower-case; the rules match case-insensitively and look
words up with ``.lower()``.
"""

from __future__ import annotations

import re

__all__ = [
    "ASIDE_AFTER",
    "ASIDE_BEFORE",
    "FUTURE_CUES",
    "MODS",
    "MONTHS",
    "NUMBERS",
    "OBSERVED_VERBS",
    "PAST_AUX",
    "PAST_CUES",
    "PERFECT_INFINITIVE",
    "PODS",
    "PRESENT_AUX",
    "REL_WORDS",
    "SCHEDULED",
    "SEASONS",
    "SUBJUNCTIVES",
    "UNITS",
    "WEAK_PAST_CUES",
    "WEEKDAYS",
    "YEAR_NOUNS",
    "ZU_NOT_VERB",
    "alt",
]

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "mär": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
#: Month names that are also common first names or words: need a preposition, a day or a year.
AMBIGUOUS_MONTHS = frozenset({"mai", "august", "april", "jun", "jul", "sept", "sep", "mär", "nov", "dez", "jan", "feb", "apr", "aug", "okt"})

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6,
}

#: Part of day → TIMEX3 code.
PODS = {
    "morgen": "MO", "früh": "MO", "frühe": "MO", "vormittag": "MO", "morgenstunden": "MO", "mittag": "MI", "mittagszeit": "MI",
    "nachmittag": "AF", "abend": "EV", "abendstunden": "EV", "nacht": "NI", "nachtstunden": "NI",
    "morgens": "MO", "vormittags": "MO", "mittags": "MI", "nachmittags": "AF", "abends": "EV", "nachts": "NI",
}

SEASONS = {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}

#: Unit word stems → (unit, TIMEX3 duration letter, time part?).
UNITS = {
    "sekunde": ("second", "S", True), "minute": ("minute", "M", True), "stunde": ("hour", "H", True),
    "tag": ("day", "D", False), "woche": ("week", "W", False), "wochenende": ("weekend", "WE", False),
    "monat": ("month", "M", False), "quartal": ("quarter", "Q", False), "halbjahr": ("half", "H", False),
    "jahr": ("year", "Y", False), "jahrzehnt": ("decade", "DE", False), "jahrhundert": ("century", "CE", False),
}

NUMBERS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13,
    "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
    "zweier": 2, "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5,
}
VAGUE_NUMBERS = frozenset({"einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen", "viele", "vielen", "paar", "etliche", "etlichen", "zahlreiche", "zahlreichen"})

ORDINALS = {
    "ersten": 1, "erste": 1, "erstes": 1, "zweiten": 2, "zweite": 2, "dritten": 3, "dritte": 3, "vierten": 4, "vierte": 4,
    "1.": 1, "2.": 2, "3.": 3, "4.": 4,
}

#: Start/middle/end words → TIMEX3 mod.
MODS = {
    "anfang": "START", "beginn": "START", "früh": "START", "frühen": "START", "ausgangs": "END", "eingangs": "START",
    "mitte": "MID", "ende": "END", "spät": "END", "späten": "END", "gegen ende": "END", "zu beginn": "START",
    "zu anfang": "START", "am anfang": "START", "am ende": "END",
}

#: Relative words before a unit, month, weekday or season → ("past"|"future"|"this"|"same"|"next-ctx").
REL_WORDS = {
    "vergangen": "past", "letzt": "past", "vorig": "past", "vorletzt": "past2", "zurückliegend": "past",
    "dies": "this", "laufend": "this", "aktuell": "this", "jetzig": "this", "heurig": "this",
    "kommend": "future", "nächst": "future", "übernächst": "future2", "bevorstehend": "future",
    "folgend": "next-ctx", "darauffolgend": "next-ctx", "anschließend": "next-ctx",
    "selb": "same", "gleich": "same", "selbig": "same", "jen": "same", "besagt": "same",
}

#: Cue words for tense in the clause around an expression (lower-case tokens).
FUTURE_CUES = frozenset(
    """wird werden werde wirst werdet will wollen soll sollen plant planen planten geplant geplante geplanten
    kommend kommende kommenden nächste nächsten bevorstehend bevorstehende bevorstehenden künftig künftige
    voraussichtlich demnächst bald morgen übermorgen beginnt anstehende anstehenden solle wolle""".split()
)
#: participles of scheduling: a date lies ahead only with a present auxiliary and no past one in their clause
#: ("ist für den 3. Mai angesetzt"), not in a schedule told as past ("war für den 3. Mai angesetzt", "Wie am 3. Mai
#: vorgesehen, wurde …"). "würde(n)" is no cue either way: a conditional, not a future
SCHEDULED = frozenset("angesetzt anberaumt terminiert vorgesehen".split())
#: auxiliaries that set a scheduling participle now or ahead, and those that set it in the past
PRESENT_AUX = frozenset("ist sind wird werden bleibt bleiben".split())
PAST_AUX = frozenset("war waren wurde wurden gewesen worden".split())
PAST_CUES = frozenset(
    """hatte hatten hat haben war waren wurde wurden gewesen worden bereits vergangene vergangenen vergangenes
    letzte letzten gestern vorgestern zuvor damals seither seitdem kam kamen gab fand fanden hielt ging gingen sah
    nahm nahmen sprach sprachen schloss schlossen begann begannen stand standen lag lagen fiel fielen zog zogen
    traf trafen bestritt rief riefen warf blieb blieben trat traten ließ wies sagte sagten erklärte erklärten
    konnte konnten musste mussten durfte durften wollte wollten gewann gewannen verlor verloren starb starben flog flogen
    schrieb schrieben stieg stiegen sank sanken griff griffen beschloss beschlossen entschied entschieden erschien
    erschienen verließ verließen gelang geschah lief liefen brach brachen bot boten hieß sprang wuchs wuchsen zwang
    verschwand unterschrieb unterschrieben empfing empfingen besuchte besuchten reiste reisten einigten bat baten
    nannte nannten kannte dachte brachte brachten wusste stellte stellten""".split()
)

#: verbs of measuring and counting: what is registered "für 2025" was registered in that year or after it
OBSERVED_VERBS = frozenset(
    """registriert registrierte registrierten gemessen gemessene maß maßen verzeichnet verzeichnete verzeichneten
    gezählt zählte zählten erfasst erfasste erfassten bilanziert bilanzierte gemeldet meldete meldeten""".split()
)

#: past cues that also stand beside plans ("soll bereits 2018 …"): not enough to tell a year as past
WEAK_PAST_CUES = frozenset({"bereits"})
#: modal and subjunctive forms that tell what may or should be, not what was ("könnten 2018 fehlen")
SUBJUNCTIVES = frozenset("dürfte dürften könnte könnten müsste müssten sollte sollten würde würden lasse möge".split())
#: nouns a year may follow as a time ("im Jahr 2019", "im Sommer 2019"), not as part of a name ("WM 2017")
YEAR_NOUNS = frozenset("Jahr Jahre Jahres Jahren Frühjahr Frühling Sommer Herbst Winter".split())

#: words in -en after "zu" that are no infinitive: determiners and pronouns ("zu den Waffen", "zu seinen Gunsten")
ZU_NOT_VERB = frozenset(
    """den denen deren diesen jenen seinen ihren meinen deinen unseren euren keinen allen einigen vielen wenigen
    beiden manchen solchen welchen anderen jeden""".split()
)

#: what turns a zu-infinitive into a past one ("dort gewesen zu sein", "sie gesehen zu haben")
PERFECT_INFINITIVE = frozenset({"sein", "haben", "werden"})

# Words ending in -te/-ten that are not preterite verbs (checked when a lower-case word ends in -te/-ten).
NOT_PRETERITE = frozenset(
    """bitte mitte weite breite seite beste erste letzte rechte konnte sollte wollte durfte mochte musste meiste
    meisten ersten letzten nächsten besten weiten breiten rechten harten festen heute
    dürfte dürften könnte könnten müsste müssten würde würden sollten""".split()
)


def alt(words: object, *, escape: bool = True) -> str:
    """Return a regex alternation of ``words``, longest first (so "Jahrzehnt" beats "Jahr")."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w) if escape else w for w in items)


#: A year that describes a person or thing rather than the narrated time ("die 1964 geborene
#: Ministerin", "Jahrgang 1971", "das 1998 gegründete Unternehmen"): partial dates that follow
#: ("im Jänner") must not take their year from it.
ASIDE_AFTER = re.compile(
    r"\s*(?:in\s+\w+\s+)?(?:geboren|geborene[nmrs]?|gegründete[nmrs]?|gegründet|erbaute[nmrs]?|eröffnete[nmrs]?)\b",
    re.IGNORECASE,
)
ASIDE_BEFORE = re.compile(r"(?:\bJahrgang|\bgeb\.|\bgeboren(?:\s+im\s+Jahr)?|\*)\s*$", re.IGNORECASE)
