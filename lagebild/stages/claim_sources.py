"""Who a figure is credited to, from the words around it (cue words: ``lagebild/data/claimant_cues.toml``).

Looked for in this order, nearest first:
1. the subject of a verb of reporting in the figure's clause ("Die Polizei sprach von 50.000",
   "In Osnabrück zählte die Polizei 15.000", "… war die Polizei von 25.000 ausgegangen");
2. a credited noun phrase without a verb of its own, after a credited clause ("…, die Veranstalter 80.000");
3. a source phrase in the clause: "laut X", "nach Angaben (von) X", "nach Polizeiangaben", "X zufolge",
   "unter Berufung auf X", "Bei einer Erhebung von X", "Nach Informationen aus X", "hieß es aus X";
4. the same, anywhere in the sentence;
5. a follow-up sentence that credits this one ("Das teilte die Polizei Koblenz mit.").

``carried_claimant`` looks back instead: a sentence that points to the source named before it
("Den Angaben zufolge …", "Demnach …") or continues its reported speech in the subjunctive
("Ungefähr 50 Menschen befänden sich dort auf Hausdächern") is credited to that source.
Quotes and indirect speech are handled by the speech stage; its speaker is used when none of
these applies. A figure without any of them stays the outlet's own statement.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lagebild.numbers.hedges import hedge_alternation
from lagebild.numbers.measures import load_measures
from lagebild.numbers.words import parse_number_word
from lagebild.text_patterns import NEVER, alternation
from lagebild.timex.lexicon import MONTHS, WEEKDAYS

__all__ = ["REPORTING_OPEN", "Claimant", "carried_claimant", "clause_of", "credible_speaker", "find_claimant", "institution_end",
           "points_back", "whole_name"]

DATA = Path(__file__).resolve().parent.parent / "data" / "claimant_cues.toml"

_ART = r"(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Dd]es|[Ee]in|[Ee]ine|[Ee]iner|[Ee]inem|[Ee]ines|[Ee]inen)"  # "Die ukrainische Armee"
_LEADING_ARTICLE = re.compile(r"(?i:der|die|das|den|dem|des)\s+")
_ADJ = (r"(?:(?!(?:der|oder|aber|heuer|immer|wieder|weiter|später|früher|vorher|nachher|außer|unter|über|hinter|daher|bisher|seither|"
        r"haben|hatten|wurden|wurde|würde|hatte|habe|hätte|wäre|sollte|könnte|musste|konnte|wollte|dürfte|müsste|worden|werden|waren|seien|wären|sollen|sollten|können|konnten|müssen|mussten|"
        r"dürfen|gehen|gingen|kamen|kommen|sagen|sagten|nannten|meldeten|zählten|schätzten|sprachen|gaben|seine[nmrs]?|"
        r"ihre[nmrs]?|unsere[nmrs]?|diese[nmrs]?|jene[nmrs]?|alle[nmrs]?|keine[nmrs]?|eine[nmrs]?)\s)[a-zäöüß][\w-]*(?:e|en|er|es|em|ische[nr]?)\s+)")
_CAP = r"(?:[A-ZÄÖÜ][\w.&'’:*-]*\w|[a-z][\w-]*\.(?:de|com|at|ch|org|net)|infratest|dimap)"  # brands written in lower case
_NP_CORE = rf"(?:{_ART}\s+)?{_ADJ}{{0,2}}(?:[A-ZÄÖÜ]\w+-\s+(?:und|oder)\s+)?{_CAP}(?:\s+(?:{_CAP}|und\s+{_CAP}))*"
#: "vom Samstag", "vom Januar" date a statement; they name no part of its source
#: weekday and month names as written (full month names only: "Jan" and "Mär" are abbreviations of longer keys)
_WEEKDAY = "(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"
_MONTH = "(?:" + "|".join(m.capitalize() for m in MONTHS if not any(k != m and k.startswith(m) for k in MONTHS)) + ")"
_NOT_OWNER = rf"(?!(?:{_WEEKDAY}|{_MONTH}|Wochenende|Vortag|Vormittag|Nachmittag|Abend|Morgen)(?![\w-]))"
_NP_TAIL = rf"(?:\s+(?:des|der|vom|von|aus|beim)\s+{_NOT_OWNER}(?:{_ART}\s+)?{_ADJ}{{0,2}}{_CAP}(?:\s+{_CAP}){{0,3}})?"
#: "für X" after the head of an institution's name is part of it (heads: ``institution_heads`` in the cue file)
_HEADS = tomllib.loads(DATA.read_text(encoding="utf-8"))
_TAIL_HEADS: tuple[str, ...] = tuple(_HEADS["institution_heads"])
_LINKED_HEADS: tuple[str, ...] = tuple(_HEADS["institution_heads_linked"])


def _with_genitive(head: str) -> tuple[str, ...]:
    return (head, head + "s") if head[-1] in "aeiouäöü" else (head, head + "s", head + "es")


def _head_behind() -> str:
    """Look-behinds that hold when the text before ends in an institution's head: any compound's tail for the long
    heads; a whole word or the tail after a linking s for the short ones ("Bundesamt", not "Apparat")."""
    parts = [rf"(?<=(?i:{f}))" for h in _TAIL_HEADS for f in _with_genitive(h)]
    parts += [rf"(?<=(?i:{f}))(?<!(?i:[^\W\ds]{f}))" for h in _LINKED_HEADS for f in _with_genitive(h)]
    return "(?:" + "|".join(parts) + ")"


def _is_institution_head(word: str) -> bool:
    w = word.lower()
    if any(w.endswith(f) for h in _TAIL_HEADS for f in _with_genitive(h)):
        return True
    return any(w == f or (w.endswith(f) and w[-len(f) - 1] in "s-") for h in _LINKED_HEADS for f in _with_genitive(h))


_FOR_TAIL = (rf"(?:{_head_behind()}\s+für\s+{_NOT_OWNER}{_ADJ}{{0,2}}{_CAP}"
             rf"(?:\s+(?:und\s+)?{_CAP}){{0,2}})?")
_NP = rf"(?P<np>{_NP_CORE}{_FOR_TAIL}{_NP_TAIL}{_FOR_TAIL})"
_NP_RE = re.compile(_NP)
_FOR_AFTER = re.compile(rf"\s+für\s+{_NOT_OWNER}{_ADJ}{{0,2}}{_CAP}(?:\s+(?:und\s+)?{_CAP}){{0,2}}")


def institution_end(text: str, start: int, end: int) -> int:
    """Where the name of a speaker ``text[start:end]`` ends when it stops before "für X" after an institution's head
    ("Internationale Organisation" of "die Internationale Organisation für Migration (IOM) teilte mit"); else ``end``."""
    words = text[start:end].split()
    if not words or not _is_institution_head(words[-1]):
        return end  # "Weltorganisation", "Bundesamt": compounds of a head too
    m = _FOR_AFTER.match(text, end)
    return m.end() if m is not None else end
#: the subject before its verb, with the place it speaks for ("Der Kreis Euskirchen in Nordrhein-Westfalen vermeldet")
_NP_BEFORE_VERB = re.compile(rf"\s*(?:(?:und|doch|aber|sowie|während|als|[Ww]ie|[Aa]uch|[Ss]ogar|[Ee]benso|[Ee]benfalls|[Ss]elbst)\s+)?{_NP}(?:\s+in\s+(?:der\s+)?{_CAP}(?:\s+{_CAP})?)?\s+$")
_SPACE = re.compile(r"\s+")
_CLAUSE_BREAK = re.compile(r"[,;:()]\s|\s[–—-]\s|\s(?:während|weil|obwohl|nachdem|sodass)\s")
_FUNCTION_START = frozenset("in im am an auf aus bei mit nach von vor zu zum zur für über unter um als bis seit ab hinter neben zwischen gegen ohne durch wegen trotz während innerhalb außerhalb laut gemäß zufolge gegenüber".split())
#: a capitalised function word cannot open a source ("In einer Studie Im Auftrag …")
_FIRST_FUNCTION = r"(?:Im|In|Am|An|Auf|Bei|Mit|Nach|Von|Vor|Zu|Zum|Zur|Für|Über|Unter|Um|Als|Bis|Seit|Ab)\s"
#: a hedge of the figure ("rund", "mehr als": the one list of numbers.hedges) or a focus particle ("sogar", "nur")
_HEDGE = rf"(?:{hedge_alternation()}|gar|sogar|nur|noch)"
_GAPPED = re.compile(rf"^\s*(?:und\s+|während\s+|sowie\s+)?{_NP}\s+(?:(?:von|mit|auf)\s+)?(?:{_HEDGE}\s+)*$")


_TRAILING_TIME = re.compile(rf"\s+(?:{_WEEKDAY}|Heute|Gestern)"
                            r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)?$")
_TOLD = re.compile(r"^[A-ZÄÖÜ].*[A-ZÄÖÜ][\w-]*(\s+der\s+(?:[A-ZÄÖÜa-zäöüß]+e[nr]?\s+)?([A-ZÄÖÜ][\w-]*)(?:\s+[A-ZÄÖÜ][\w-]*)?)$")


@dataclass(frozen=True, slots=True)
class Claimant:
    """A credited source: its text span in the document and the cue that credits it."""

    start: int
    end: int
    text: str
    cue: str

    def __post_init__(self) -> None:
        # "die Polizei Koblenz" is credited as "Polizei Koblenz", as the speech stage names speakers
        m = _LEADING_ARTICLE.match(self.text)
        if m and len(self.text) > m.end():
            object.__setattr__(self, "start", self.start + m.end())
            object.__setattr__(self, "text", self.text[m.end() :])
        # "teilte der Konzern Mittwochabend mit": the time of the statement is no part of who made it
        when = _TRAILING_TIME.search(self.text)
        if when and when.start() > 0:
            object.__setattr__(self, "end", self.start + when.start())
            object.__setattr__(self, "text", self.text[: when.start()])
        # "sagte Bundesschulsprecher Maximilian Gnesda der APA": a name takes no genitive, the agency is who was told
        told = _TOLD.match(self.text)
        if told and any(p in _cues().addressees for p in told.group(2).lower().split("-")) \
                and not _is_agent(self.text[: told.start(1)].split()[-1]):
            object.__setattr__(self, "end", self.start + told.start(1))
            object.__setattr__(self, "text", self.text[: told.start(1)])


@dataclass(frozen=True)
class _Cues:
    verbs: frozenset[str]
    source_nouns: str
    survey_nouns: str
    survey_words: tuple[str, ...]
    stance_words: tuple[str, ...]
    agents: tuple[str, ...]
    after_sentence: str
    not_subjects: frozenset[str]
    back_reference: re.Pattern[str] | None
    subjunctive: frozenset[str]
    documents: tuple[str, ...] = ()
    addressees: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    share_nouns: frozenset[str] = frozenset()
    name_links: str = NEVER
    stance: frozenset[str] = frozenset()
    survey_names: str = NEVER
    stance_nouns: str = NEVER
    survey_verbs: str = NEVER
    survey_follow: re.Pattern[str] | None = None
    quantifiers: frozenset[str] = frozenset()
    demand_object: re.Pattern[str] = re.compile(NEVER)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return _Cues(
        verbs=frozenset(raw["report_verbs"]) | frozenset(raw.get("stance_verbs", [])),
        source_nouns=alternation(raw["source_nouns"]),
        survey_nouns=alternation(raw["survey_nouns"]),
        survey_words=tuple(raw["survey_nouns"]),
        stance_words=tuple(raw.get("stance_nouns", [])),
        agents=tuple(sorted(raw["agents"], key=len, reverse=True)),
        after_sentence=alternation(raw["after_sentence"]),
        not_subjects=frozenset(raw.get("not_subjects", [])),
        back_reference=re.compile(r"(?<![\w])(?:" + "|".join(raw["back_reference"]) + r")(?![\w])", re.IGNORECASE)
        if raw.get("back_reference") else None,
        subjunctive=frozenset(raw.get("subjunctive", [])),
        documents=tuple(raw.get("documents", [])),
        addressees=frozenset(a.lower() for a in raw.get("addressees", [])),
        time_nouns=frozenset(a.lower() for a in raw.get("time_nouns", [])),
        share_nouns=frozenset(a.lower() for a in raw.get("share_nouns", [])),
        name_links=alternation(str(w) for w in raw.get("name_links", [])),
        stance=frozenset(raw.get("stance_verbs", [])),
        # a survey's name ends in a survey noun or in one of the tails of a name ("ARD-Deutschlandtrend")
        survey_names=alternation([*raw["survey_nouns"], *raw.get("survey_name_tails", [])]),
        survey_verbs=alternation(raw.get("survey_verbs", [])),
        stance_nouns=alternation(raw.get("stance_nouns", [])),
        survey_follow=re.compile(r"(?<![\w])(?:" + "|".join(raw["survey_follow"]) + r")(?![\w])", re.IGNORECASE)
        if raw.get("survey_follow") else None,
        quantifiers=frozenset(w.lower() for w in raw.get("quantifiers", [])),
        # a word of a demand's object, also at the end of a compound ("Stundenlohn"), or its sign ("9 %")
        demand_object=re.compile(rf"(?i)(?<![\w])[\w-]*(?:{alternation(raw.get('demand_objects', []))})(?![\w])"),
    )


#: the first part of a survey's compound name that names who made it: an acronym or brand with two capitals or more
#: ("ARD-Deutschlandtrend", "YouGov-Umfrage"); a word ("Corona-Umfrage", "Klima-Studie") is the survey's topic
_BRAND = r"(?=[A-ZÄÖÜ][\w.]*?[A-ZÄÖÜ][\w.]*-)[A-ZÄÖÜ][\w.]*"
#: who had a survey made, before its noun: "in einer vom Verband in Auftrag gegebenen Umfrage des Instituts X" (the
#: institute after the noun is the source)
_MADE = (r"(?:(?:vom|von\s+(?:der|dem|den)|im\s+Auftrag\s+(?:des|der|von))\s+[^,;:.!?]{2,60}?\s+"
         r"(?:in\s+Auftrag\s+gegebenen|beauftragten|erstellten|durchgeführten|veröffentlichten|vorgestellten)\s+)?")


#: words that date a source's figures without naming it ("nach jüngsten Angaben", "vorläufigen Zahlen zufolge")
_WHEN_SAID = r"(?:ersten|jüngsten|neuesten|neuen|aktuellen|vorläufigen|bisherigen|letzten)"
#: an adjective that says whose figures they are: "ukrainischen", "libyschen" (-ysch-), "polizeilichen", "offiziellen"
_SIDE_WORD = r"(?:[a-zäöüß]+(?:isch|ysch|lich)(?:en|er)|offizielle[nr])"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    c = _cues()
    return {
        "laut": re.compile(rf"(?<![\w])(?i:laut)\s+(?:(?i:angaben)\s+(?:von\s+|seitens\s+)?)?{_NP}"),
        "nach Angaben": re.compile(
            rf"(?<![\w])(?i:nach|laut|gemäß)\s+(?:(?:einer|der|den|dem|einem)\s+(?=[a-zäöü]+e[nr]?\s))?(?:(?:ersten|jüngsten|offiziellen|neuesten|neuen|bisherigen|vorläufigen|"
            rf"übereinstimmenden|eigenen|aktuellen|amtlichen|letzten|inoffiziellen|unbestätigten)\s+)*(?i:{c.source_nouns})(?:\s+(?:von|aus|seitens|zufolge)\s+|\s+(?={_ART}\s)|\s+(?=[A-ZÄÖÜ])|\s+(?=[a-zäöüß]+(?:er|en)\s+[A-ZÄÖÜ]))?{_NP}?"
        ),
        # "nach ukrainischen Angaben", "laut polizeilichen Angaben": the side the figures come from
        # "nach offiziellen Angaben": officials, not the outlet
        # "nach jüngsten libyschen Angaben": a word of time before the side is not part of it
        "origin": re.compile(rf"(?<![\w])(?i:nach|laut|gemäß)\s+(?:{_WHEN_SAID}\s+)?(?P<np>(?:{_SIDE_WORD}\s+)+(?i:{c.source_nouns}))(?![\w])"),
        "compound": re.compile(rf"(?<![\w])(?i:nach|laut|gemäß)\s+(?:(?:ersten|jüngsten|offiziellen|neuesten)\s+)?(?P<np>[A-ZÄÖÜ](?:[\w-]{{3,}}?|\w{{0,3}}-))(?:s)?(?i:{c.source_nouns})(?![\w])"),
        "zufolge": re.compile(rf"(?<![\w-])(?P<np>(?:{_ART}\s+)?{_ADJ}{{0,2}}{_CAP}(?:\s+{_CAP}){{0,3}}{_NP_TAIL})(?:\s+vom\s+(?!{_NOT_OWNER})\w+)?\s+zufolge(?![\w])"),
        "unter Berufung auf": re.compile(rf"(?<![\w])unter\s+Berufung\s+auf\s+{_NP}"),
        # "wie aus dem … veröffentlichten Zwischenergebnis der Wahlleiterin hervorgeht": the document, credited to its owner
        "hervorgeht": re.compile(r"(?<![\w])[Ww]ie\s+aus\s+(?P<doc>[^,;:.!?]{3,140}?)\s+(?:hervorgeht|hervorging|hervorgehe)(?![\w])"),
        # "…, geht aus einer am Mittwoch vorgestellten Umfrage des Verbands Bitkom hervor": the same, as a main clause
        "geht hervor": re.compile(r"(?<![\w])(?:geht|ging|gehe|gehen|gingen)\s+(?:(?:auch|zudem|außerdem|weiter|nun)\s+)?aus\s+"
                                  r"(?P<doc>[^,;:.!?]{3,140}?)\s+hervor(?![\w])"),
        # "Aus dem Bericht der UN geht hervor, dass …": the same with the document fronted
        "aus hervor": re.compile(r"(?<![\w])[Aa]us\s+(?P<doc>[^,;:.!?]{3,140}?)\s+(?:geht|ging|gehe|gehen|gingen)\s+"
                                 r"(?:(?:auch|zudem|außerdem|weiter|nun|klar|eindeutig)\s+)?hervor(?![\w])"),
        # "dazu gingen die Schätzungen von Polizei und Veranstalter auseinander": the source noun as a subject
        "Schätzungen von": re.compile(rf"(?<![\w])(?:[Dd]ie|[Dd]en)\s+(?:Schätzungen|Angaben|Zählungen)\s+(?:von|der|des)\s+{_NP}"),
        "hieß es": re.compile(rf"(?<![\w])(?:hieß|verlautete)\s+es\s+(?:(?:am\s+)?\w+\s+)?(?:vonseiten|seitens|aus|von|vom|bei|beim)\s+{_NP}"),
        "survey": re.compile(
            rf"(?<![\w])(?i:bei|in|laut|nach|aus)\s+(?:einer|der|dem|einem|den|ihrer|seiner)\s+{_MADE}(?:{_ADJ}{{0,2}})(?i:{c.survey_nouns})\w*\s+"
            rf"(?:(?:von|des|der|im\s+Auftrag\s+von|im\s+Auftrag\s+de[sr])\s+|(?=[A-ZÄÖÜ]))(?!{_FIRST_FUNCTION}){_NP}"
        ),
        # "Im ARD-Deutschlandtrend kommt die Union auf 30 Prozent", "Eine SBX-Umfrage ergab …": the survey's name
        "survey_name": re.compile(
            rf"(?<![\w-])(?:(?:[Ii]m|[Bb]eim|(?:[Ii]n|[Bb]ei|[Nn]ach)\s+(?:der|einer|dem|einem))\s+(?:{_ADJ}{{0,2}})"
            rf"(?P<np>{_BRAND}(?:-[\w]+)*-[\w]*(?i:{c.survey_names}))(?![\w-])"
            rf"|(?:[Ee]ine|[Dd]ie|[Ee]in|[Dd]er)\s+(?:{_ADJ}{{0,2}})(?P<subject>{_BRAND}(?:-[\w]+)*-[\w]*(?i:{c.survey_names}))"
            rf"\s+(?:{c.survey_verbs})(?![\w]))"
        ),
        # "Die Forderung der Gewerkschaft nach 12 Prozent": the owner of a demand or offer right before its figure
        "stance_owner": re.compile(
            rf"(?<![\w])(?i:[\w-]*(?:{c.stance_nouns}))\s+(?:der|des|von)\s+{_NP}\s+(?:nach|von|über)\s+"
            rf"(?:(?i:{hedge_alternation()})\s+)?(?=\d|[a-zäöü]+\s+(?:Prozent|Euro))"
        ),
        # "Eine Umfrage von Sonnenblick ergab, dass 52 Prozent …": the survey as the subject of its result
        "survey_subject": re.compile(
            rf"(?<![\w])(?:[Ee]ine|[Dd]ie|[Ee]in|[Dd]er)\s+(?:{_ADJ}{{0,2}})(?i:{c.survey_nouns})\w*\s+(?:von|des|der)\s+{_NP}"
            rf"(?:\s+(?:vom|von|aus)\s+\w+)?\s+(?:{c.survey_verbs})(?![\w])"
        ),
        # "Hier die Prognose von Infratest dimap: Stärkste Kraft … mit 28,8 Prozent": a survey's author before a colon
        "survey_lead": re.compile(
            rf"(?<![\w])(?i:die|eine|der|einer|den|dem)\s+(?:{_ADJ}{{0,2}})(?i:{c.survey_nouns})\w*\s+(?:von|des|der|im\s+Auftrag\s+von)\s+{_NP}\s*$"
        ),
        "after_sentence": re.compile(
            rf"\s*(?:Das|Dies|Diese\s+Zahlen?|Die\s+Zahlen?)\s+(?:{c.after_sentence})\s+(?:am\s+\w+\s+|heute\s+|gestern\s+)?{_NP}"
        ),
    }


@lru_cache(maxsize=1)
def _link_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name's linked rest after a source ("… ohne Grenzen"), and its capitalised head before one that opens with
    a link word ("Ärzte" before "ohne Grenzen zufolge")."""
    links = _cues().name_links
    cap = r"[A-ZÄÖÜ][\w&'’.-]*\w"
    after = re.compile(rf"[ \t]+(?:{links})[ \t]+{cap}(?:[ \t]+(?:und[ \t]+)?{cap}){{0,2}}(?![\w-])")
    before = re.compile(rf"(?<![\w-]){cap}(?:[ \t]+{cap}){{0,2}}[ \t]+$")
    return after, before


def whole_name(text: str, found: Claimant, names: list[tuple[int, int]], limit: int) -> Claimant:
    """The source ``found`` with its organisation's whole name, up to ``limit`` (the figure, or the sentence's end).

    The cue patterns stop at a lower-case word, so "Nach Angaben von Ärzte ohne Grenzen" credited "Ärzte": an entity
    span (``names``: start, end) that starts inside the source and runs on gives the whole name; else a link word of
    names ("ohne", "für", "the": ``name_links``) with capitalised words after it does, unless the source is an
    authority's own noun ("laut Polizei ohne Vorwarnung": the adverbial of the clause)."""
    start, end = found.start, found.end
    for s, e in names:
        if start <= s < end < e <= limit:
            end = e  # "Laut Save the Children": the entity holds the name
        elif s < start and end <= e <= limit and e > s:
            start, end = min(start, s), max(end, e)  # "Roten Kreuzes" inside "Deutschen Roten Kreuzes"
    after, before = _link_patterns()
    first = text[start:end].split(None, 1)[0] if text[start:end].strip() else ""
    if end == found.end and start == found.start and re.fullmatch(rf"(?:{_cues().name_links})", first):
        head = before.search(text, max(0, start - 60), start)  # "Ärzte ohne Grenzen zufolge": "ohne Grenzen" was found
        if head is not None and not _is_agent(head.group()):
            start = head.start()
    if end == found.end and not _is_agent(text[start:end]):
        m = after.match(text, end)
        # "für" links a name only after an institution's head ("Zentrum für Politische Schönheit", not "Baustelle für …")
        if m is not None and m.end() <= limit and (m.group().split()[0] != "für" or _is_institution_head(text[start:end].split()[-1])):
            end = m.end()
    if (start, end) == (found.start, found.end):
        return found
    return Claimant(start, end, text[start:end], found.cue)


def _is_agent(np: str) -> bool:
    """True when a word of the phrase is an authority or organiser ("die Polizei Koblenz", "Die Landespolizei")."""
    words = [w.strip(".,").lower() for w in np.split()][:5]
    return any(w == a or (w.endswith(a) and len(a) > 4) for w in words for a in _cues().agents)


def _aside(text: str, m: re.Match[str]) -> bool:
    """True for the parentheses of a short aside without a clause of its own ("(20. Januar)", "(SPD)")."""
    ch = m.group()[0]
    if ch == "(":
        close = text.find(")", m.start(), m.start() + 40)
        return close > 0 and "," not in text[m.start() : close]
    if ch == ")":
        open_ = text.rfind("(", max(0, m.start() - 40), m.start())
        return open_ >= 0 and "," not in text[open_ : m.start()]
    if ch == ",":
        # "wie das Ministerium heute, Dienstag, mitteilte", "am Montag, 3. Mai, sagte": a day named twice, one clause
        return (_DAY_BEFORE.search(text, max(0, m.start() - 24), m.start()) is not None and _DAY_AFTER.match(text, m.end()) is not None) \
            or _DATE_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
    return False


#: a calendar date, whose digits are no figure: "3. Mai", "3. Mai 2021"
_DATE_DIGITS = re.compile(rf"\d{{1,2}}\.\s*{_MONTH}"
                          r"(?:\s+\d{4})?(?![\w])")


def _figure_free(text: str, lo: int, hi: int) -> bool:
    """True when ``text[lo:hi]`` holds no digit but those of a calendar date ("wie er am Montag, 3. Mai, sagte")."""
    return not any(ch.isdigit() for ch in _DATE_DIGITS.sub("", text[lo:hi]))


_DAY_BEFORE = re.compile(rf"(?<![\w])(?:heute|gestern|morgen|vorgestern|am\s+{_WEEKDAY}|{_WEEKDAY}(?:abend|morgen|vormittag|nachmittag|mittag)?)$")
_DAY_AFTER = re.compile(rf"{_WEEKDAY}(?![\w])|\d{{1,2}}\.\s*{_MONTH}(?![\w])")
#: the comma that closes such a date: "am Montag, 3. Mai, sagte"
_DATE_BEFORE = re.compile(rf"(?<![\w])(?:heute|gestern|am\s+{_WEEKDAY}),\s+(?:{_WEEKDAY}|\d{{1,2}}\.\s*[A-ZÄÖÜJ][a-zäö]+(?:\s+\d{{4}})?)$")


@lru_cache(maxsize=64)
def _clause_breaks(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Starts and ends of the breaks that end a clause in ``text[lo:hi]``, found once for every figure of a
    sentence (a sentence of many figures and asides would otherwise be scanned once per figure and clause)."""
    found = [m for m in _CLAUSE_BREAK.finditer(text, lo, hi)
             if not _aside(text, m)]  # "am Samstag (20. Januar) jeweils 35.000": a short aside does not end the clause
    return [m.start() for m in found], [m.end() for m in found]


def _clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: from the end of the last break before it to the start of the next one after it."""
    starts, ends = _clause_breaks(text, lo, hi)
    before = bisect.bisect_right(ends, pos)  # breaks ending at or before pos (breaks do not overlap)
    after = max(bisect.bisect_left(starts, pos), before)  # the first break starting at or after pos
    return (ends[before - 1] if before else lo), (starts[after] if after < len(starts) else hi)


def _np_at(text: str, pos: int, limit: int) -> re.Match[str] | None:
    m = _NP_RE.match(text, pos, limit)
    if m is None or m.group("np").split()[0].lower() in _FUNCTION_START:
        return None
    return m


_PRONOUNS = frozenset("es er sie wir ihr ich man das dies dieser diese jener jene wer was".split())
_ARTICLES = frozenset("der die das den dem des ein eine einer einem eines einen".split())
#: a clause that opens with an accusative or dative article opens with an object, never with the subject
_OBJECT_FIRST = re.compile(r"\s*(?i:den|dem|einen|einem)\s")
#: a clause that does not end with a verb in the infinitive: its last word is a noun, a figure or a unit sign
_NO_INFINITIVE = r"(?:[A-ZÄÖÜ\d%€$][^\s]*|\))\s*[.!?]?\s*$"
_PARTICLE_AN = r"\san(?!\s*[\wäöüÄÖÜß\d])"
#: stands in ``_NEEDS`` for "wollen" as a demand: a clause without an infinitive that names what is demanded
#: (claimant_cues.toml ``demand_objects``: "Prozent", "Euro", "mehr Lohn")
_DEMAND = "demand"
#: Verbs that report a figure only with their particle or preposition ("gab … an", "ging von … aus").
_NEEDS = {
    # the particle closes its clause: "gab die Zahl mit 300 an", not "gab es an verschiedenen Orten 13 Durchsuchungen"
    "gab": _PARTICLE_AN, "gaben": _PARTICLE_AN, "gibt": _PARTICLE_AN, "geben": _PARTICLE_AN,
    "ging": r"\bvon\b.*\saus\b", "gingen": r"\bvon\b.*\saus\b", "geht": r"\bvon\b.*\saus\b", "gehen": r"\bvon\b.*\saus\b",
    "sprach": r"\bvon\b", "sprachen": r"\bvon\b", "spricht": r"\bvon\b", "sprechen": r"\bvon\b", "gesprochen": r"\bvon\b",
    "rechnete": r"\bmit\b", "rechneten": r"\bmit\b", "rechnet": r"\bmit\b", "rechnen": r"\bmit\b", "gerechnet": r"\bmit\b",
    "weist": r"\saus\b", "wies": r"\saus\b", "wiesen": r"\saus\b",
    # legal steps credit the counts of their charges ("erließ Haftbefehl wegen versuchten Mordes in 39 Fällen")
    "erließ": r"(?i)haftbefehl", "erließen": r"(?i)haftbefehl", "erlassen": r"(?i)haftbefehl",
    "erhob": r"(?i)anklage", "erhoben": r"(?i)anklage", "erhebt": r"(?i)anklage", "erheben": r"(?i)anklage",
    "beantragte": r"(?i)haftbefehl|strafe|jahre", "beantragt": r"(?i)haftbefehl|strafe|jahre",
    "beantragen": r"(?i)haftbefehl|strafe|jahre",
    "wirft": r"\svor\b", "warf": r"\svor\b", "vorgeworfen": r".", "vorwerfen": r".",
    # "Die Gewerkschaft will 12 Prozent mehr Geld": a demand, not "Die Stadt will 300 Wohnungen bauen" (a plan) nor
    # "Die Arbeitgeber wollen 2026 rund 300 neue Stellen" (a plan without its verb): see ``_DEMAND``
    "will": _DEMAND, "wollen": _DEMAND, "wollte": _DEMAND, "wollten": _DEMAND,
    "legte": r"\svor\b", "legten": r"\svor\b", "legt": r"\svor\b", "legen": r"\svor\b",
    "teilte": r"\smit\b", "teilten": r"\smit\b", "teilt": r"\smit\b", "sah": r"\bbei\b", "sahen": r"\bbei\b", "sieht": r"\bbei\b",
}


def _needs_met(word: str, tail: str) -> bool:
    """Whether ``word`` reports a figure with the words after it (``tail``): always, unless ``_NEEDS`` asks for more."""
    need = _NEEDS.get(word)
    if need is None:
        return True
    if need == _DEMAND:
        return _cues().demand_object.search(tail) is not None and re.search(_NO_INFINITIVE, tail) is not None
    return re.search(need, tail) is not None


_AUX = r"(?:hatte|hatten|hat|haben|habe|hätte|hätten|war|waren|ist|sind|sei|seien)"
#: modal verbs before an infinitive of a legal step ("will Haftbefehl … beantragen"), never before a participle
_MODAL_RE = re.compile(r"(?<![\w])(?:will|wollen|wollte|wollten|soll|sollen|muss|müssen|kann|können|wird|werden|möchte)(?![\w])")
_INFINITIVES = frozenset("beantragen erheben erlassen vorwerfen".split())
_LOWER_WORD = re.compile(r"(?<![\w])[a-zäöüß]+(?![\w])")
_THAN = re.compile(r"(?<![\w])als(?![\w])")  # "hat mehr bekommen als in der Wahlnacht vermeldet": the aux is another verb's
_PASSIVE_AFTER = re.compile(r"\s+(?:worden|werden|wurde|wurden)(?![\w])")
_SEIN = frozenset("war waren ist sind sei seien".split())
_AUX_RE = re.compile(rf"(?<![\w]){_AUX}(?![\w])")
#: participles that are also finite verbs ("Die Polizei beziffert den Schaden auf …")
_FINITE_TOO = frozenset("beziffert registriert bestätigt verlangt".split())
_PARTICIPLES = frozenset(
    "gezählt gesprochen genannt gemeldet geschätzt ausgegangen gerechnet angegeben beziffert registriert bestätigt "
    "mitgeteilt bekanntgegeben gefordert angeboten verlangt vorgelegt "
    "erwartet erhoben erlassen beantragt vorgeworfen beantragen erheben erlassen vorwerfen".split()
)


_PERSONAL = frozenset("es er sie wir ihr ich man wer was wie so als wenn dass ob weil doch aber und oder".split())


def _np_ok(np: str) -> bool:
    """A phrase that can name a source: not a pronoun ("Es gab …"), not a preposition ("In Berlin …"), not an adverb ("Zuletzt …")."""
    words = np.split()
    first = words[0].lower()
    if first in _FUNCTION_START or first in _PERSONAL or first in _cues().not_subjects:
        return False
    if len(words) > 1 and words[-1].lower() in _cues().time_nouns:
        return False  # "Dieser Tage zählt das Innenministerium …": a time, not who speaks
    head = next((w for w in words if w[:1].isupper() and w.lower() not in _ARTICLES), "")
    if head.lower() in _cues().share_nouns:
        return False  # "die Hälfte der Befragten gab an": a share of those asked, not a source
    return len(words) > 1 or (first not in _PRONOUNS and first not in _ARTICLES)


def _attributive(seg: str, start: int, end: int) -> bool:
    """True for a verb form used as an adjective: after an article or a number and before its noun
    ("der berichtete Vorfälle", "den bislang 31 ermittelten Tatverdächtigen"), not "Das teilte die Polizei mit"."""
    before = _PREV_WORD.search(seg, 0, start)
    after = _NEXT_WORD.match(seg, end)
    if before is None or after is None or not after.group(1)[:1].isupper():
        return False
    word = before.group(1)
    return word in _ARTICLES or word[:1].isdigit() or parse_number_word(word.lower()) is not None


_PREV_WORD = re.compile(r"(?<![\w.,])([\w.,]+)\s+$")
_NEXT_WORD = re.compile(r"\s+(\w[\w-]*)")


#: a place after "in/im/…" is where something happened, unless "hieß es im Ministerium" credits it
_LOCATIVE = re.compile(r"(?<![\w])(?<!es\s)(?:in|im|ins|zum|zur)\s+(?:(?:der|die|das|den|dem)\s+)?$", re.IGNORECASE)


_OWNER_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]*[ \t]+$")


#: "Ersten Angaben zufolge", "Nach neuesten Erkenntnissen": a source noun that names nobody
_NOBODY_SOURCE = re.compile(r"(?i)(?:ersten|ersteren|neuesten|neuen|jüngsten|bisherigen|aktuellen|vorläufigen|letzten|unbestätigten|"
                            r"übereinstimmenden)\s+(?:angaben|informationen|erkenntnissen|zahlen|schätzungen|berichten|daten)$")


def credible_speaker(text: str, name: str, span: tuple[int, int] | list[int] | None) -> bool:
    """False for a speaker that cannot be one: a function word or adverb ("Wobei", "Rund"), a time or a share
    ("die Hälfte der Befragten"), or a place after a preposition ("im Nordirak seien …")."""
    if not name.strip() or not _np_ok(name) or _NOBODY_SOURCE.match(name.strip()):
        return False
    if re.fullmatch(rf"(?i:{_cues().source_nouns})", name.strip()):
        return False  # "Angaben" (of "… seien, nach Angaben …"): a source noun names nobody
    loc = _LOCATIVE.search(text, max(0, span[0] - 16), span[0]) if span else None
    if loc is None:
        return True
    return _OWNER_NOUN.search(text, max(0, loc.start() - 40), loc.start()) is not None  # "Die Regierung in Washington"


def _verb_subject(text: str, clause: tuple[int, int], sent_lo: int, num_start: int | None = None) -> Claimant | None:
    """The subject of a verb of reporting in the clause: before it ("Die Polizei nannte") or after it ("zählte die Polizei").

    A phrase before the verb that holds the figure itself is what is counted, not who counts ("Fünf Millionen Abos zählt
    Netflix"); a verb form between an article or number and a noun is an adjective ("der berichtete Vorfälle")."""
    verbs = _cues().verbs
    seg = text[clause[0] : clause[1]]
    np_re = _NP_RE
    for w in _LOWER_WORD.finditer(seg):
        word = w.group()
        tail = seg if word in _PARTICIPLES else seg[w.start() :]
        if word not in verbs or not _needs_met(word, tail):
            continue
        if _attributive(seg, w.start(), w.end()):
            continue
        v_start, v_end = clause[0] + w.start(), clause[0] + w.end()
        if word in _PARTICIPLES:  # "Die Polizei hatte mit 10.000 gerechnet", "war die Polizei von 25.000 ausgegangen"
            aux = (_MODAL_RE if word in _INFINITIVES else _AUX_RE).search(seg, 0, w.start())
            if aux is None and word == "erlassen":
                aux = _AUX_RE.search(seg, 0, w.start())  # "erlassen" is participle and infinitive
            if aux is None and word not in _FINITE_TOO:
                continue
            passive = aux is not None and word != "ausgegangen" and aux.group() in _SEIN
            other_verb = aux is not None and _THAN.search(seg, aux.end(), w.start()) is not None
            if passive or other_verb or _PASSIVE_AFTER.match(seg, w.end()):
                continue  # "war im Amt bestätigt worden": a passive names no speaker as its subject
            if aux is not None:
                v_start, v_end = clause[0] + aux.start(), clause[0] + aux.end()
        before = _NP_BEFORE_VERB.fullmatch(text, clause[0], v_start)
        if before is not None and num_start is not None and before.start("np") <= num_start < before.end("np"):
            before = None  # "Fünf Millionen Abos zählt Netflix": the counted, in object-first order
        after = _SPACE.match(text, v_end, clause[1])
        after_np = np_re.match(text, after.end(), clause[1]) if after else None
        lone = before is not None and " " not in before.group("np").strip()
        # "Den Schaden schätzt die Stadt auf …": an accusative or dative article opens an object, never the subject
        object_case = _OBJECT_FIRST.match(text, clause[0], v_start) is not None
        if before is not None and (object_case or (lone and after_np and _np_ok(after_np.group("np")) and _is_agent(after_np.group("np"))
                                                   and not _is_agent(before.group("np")))
                                   or _object_then_agent(before.group("np"), after_np.group("np") if after_np else None)):
            before = None  # "Ursprünglich war die Polizei von 25.000 ausgegangen": the agent after the verb is the subject
        if after_np is not None and _LABELLED.match(text, after_np.end()):
            after_np = None  # "Die höchsten Quoten verzeichneten Griechenland (50,1 Prozent)": what is measured, not who
        stance = word in _cues().stance  # "Das Hotel bietet 200 Zimmer": only an agent or a name demands or offers
        if before and _np_ok(before.group("np")) and not _object_first(before.group("np")) \
                and not (stance and not _speaks(before.group("np"))):
            return Claimant(before.start("np"), before.end("np"), before.group("np"), word)
        opens = not text[clause[0] : v_start].strip() and clause[0] > sent_lo  # ", erklärte der Staatsanwalt …"
        # "Konkret hatten die Freiheitlichen von 82 gesprochen": an adverb first, the subject after the verb
        fronted = object_case or (before is not None and lone and before.group("np").strip().lower() in _cues().not_subjects)
        if after_np and _np_ok(after_np.group("np")) and (_speaks(after_np.group("np"))
                                                          or (not stance and (opens or fronted) and after_np.group("np").split()[0].lower() in _ARTICLES)):
            return Claimant(after_np.start("np"), after_np.end("np"), after_np.group("np"), word)
        if not text[clause[0] : v_start].strip() and clause[0] > sent_lo:
            # the verb opens its clause after a relative clause: the subject opens the sentence
            first = np_re.match(text, sent_lo, clause[0])
            if first and _np_ok(first.group("np")) and (_is_agent(first.group("np")) or _looks_like_name(first.group("np"))):
                return Claimant(first.start("np"), first.end("np"), first.group("np"), word)
    return None


def _object_then_agent(before: str, after: str | None) -> bool:
    """True for "Die Differenz erklärt die Gewerkschaft mit sieben Arbeitern": a thing before the verb whose article may
    be accusative ("die", "das") and an authority after it in the nominative ("die", "das"; "der Polizei" may be dative)
    — the authority is the subject, the thing fronted."""
    if after is None or not _np_ok(after) or not _is_agent(after) or after.split()[0].lower() not in ("die", "das"):
        return False
    return before.split()[0].lower() in ("die", "das") and not _is_agent(before) and not _looks_like_name(before)


#: a figure in parentheses right after a name labels it ("Griechenland (50,1 Prozent)")
_LABELLED = re.compile(r"[ \t]*\([ \t]*(?:(?:rund|etwa|knapp|über|fast)[ \t]+)?[+-]?[ \t]*\d")
_ARTICLE_ADJ = re.compile(rf"{_ART}\s+[a-zäöüß]")


def _object_first(np: str) -> bool:
    """True for "Die höchsten Quoten" before "registrierten": an article and adjective before a noun that is no
    authority or name is more often the object of a sentence in object-first order than its subject."""
    if not _ARTICLE_ADJ.match(np) or _is_agent(np):
        return False
    caps = [w for w in np.split() if w[:1].isupper()]
    return len(caps) < 3  # "Die ukrainische Nachrichtenagentur Ukrinform" names itself


def _speaks(np: str) -> bool:
    """True for a phrase that names who can give a figure: an authority or organiser, or a name (not "Manche
    Smartphones": a quantifier opens no name)."""
    return _is_agent(np) or (_looks_like_name(np) and np.split()[0].lower() not in _cues().quantifiers)


def _looks_like_name(np: str) -> bool:
    words = np.split()
    return words[0].lower() not in _ARTICLES and all(w[:1].isupper() or w in ("vom", "von", "des", "der", "aus") for w in words[:2])


def _gapped(text: str, clause: tuple[int, int], num_start: int, sentence: tuple[int, int] | None = None) -> Claimant | None:
    """", die Veranstalter 80.000": an agent noun phrase right before the figure, with no verb; with ``sentence``, also a
    name or acronym in the subject's place of a reporting clause before it ("Das Wifo rechnete mit 1,4 Prozent, das
    IHS mit 1,6 Prozent"), not one in its object's place ("Infratest sah die Union bei 30 Prozent, die SPD bei 16")."""
    head = text[clause[0] : num_start]
    m = _GAPPED.match(head)
    if m is None or not _np_ok(m.group("np")):
        return None
    s = clause[0] + m.start("np")
    if _is_agent(m.group("np")):  # not "Im Umkreis von 50 Kilometern"
        return Claimant(s, s + len(m.group("np")), m.group("np"), "list")
    if sentence is None or clause[0] - 2 <= sentence[0] or not _ACTOR.search(m.group("np")) \
            or "," not in text[max(sentence[0], clause[0] - 3) : clause[0]]:
        return None  # only a clause after a comma continues the one before ("X sagt: Fast 9.000 …" does not)
    prev = _clause(text, sentence[0], sentence[1], clause[0] - 2)
    subject = _verb_subject(text, prev, sentence[0])
    verb = re.compile(rf"(?<![\w]){re.escape(subject.cue)}(?![\w])").search(text, subject.end, prev[1]) if subject is not None else None
    if verb is None or _OBJECT_AFTER_VERB.match(text, verb.end()):
        return None
    return Claimant(s, s + len(m.group("np")), m.group("np"), "list")


#: a name's head that can give a figure in a gapped clause: an acronym ("IHS", "DIW") or a capitalised name without an article
_ACTOR = re.compile(r"^(?:(?:das|der|die)\s+)?[A-ZÄÖÜ]{2,}[\w-]*$|^[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?$")
#: an object right after a verb of reporting ("sah die Union bei 30 Prozent")
_OBJECT_AFTER_VERB = re.compile(r"\s+(?:der|die|das|den|dem|des|ein|eine|einen)\s+(?:[a-zäöüß]+\s+)?[A-ZÄÖÜ]")


@lru_cache(maxsize=1)
def _triggers() -> dict[str, tuple[str, ...]]:
    """A word each source phrase needs in its clause (a cheap test before its pattern); survey and stance nouns from the data."""
    surveys = _cues().survey_words
    return {
        "laut": ("laut",), "nach Angaben": ("nach", "laut", "gemäß"), "origin": ("nach", "laut", "gemäß"), "compound": ("nach", "laut", "gemäß"),
        "zufolge": ("zufolge",), "unter Berufung auf": ("berufung",), "hieß es": ("hieß", "verlautete"), "hervorgeht": ("hervorg",), "geht hervor": ("hervor",),
        "aus hervor": ("hervor",),
        "Schätzungen von": ("schätzungen", "angaben", "zählungen"),
        "survey": surveys, "survey_name": ("-",), "stance_owner": _cues().stance_words, "survey_subject": surveys,
    }


def _phrase(text: str, lo: int, hi: int, pos: int | None) -> Claimant | None:
    """A source phrase ("laut X", "nach Angaben X", "X zufolge", …) in [lo, hi), nearest to pos first."""
    found = []
    low = text[lo:hi].lower()
    for cue, pat in _patterns().items():
        trigger = _triggers().get(cue)
        if trigger is None or not any(t in low for t in trigger):
            continue  # cheap test first: most clauses name no source
        for m in pat.finditer(text, lo, hi):
            if cue in ("hervorgeht", "geht hervor", "aus hervor"):
                owned = _owner_of(text, m.start("doc"), m.end("doc"))
                if owned is not None:
                    found.append((abs(m.start() - pos) if pos is not None else 0, owned))
                continue
            group = "subject" if m.groupdict().get("subject") else "np"
            np = m.groupdict().get(group)
            if np:
                s, e = m.start(group), m.end(group)
                if cue == "compound" and np.lower() in ("eigene", "eigenen", "erste", "ersten"):
                    continue
                if cue == "zufolge" and points_back(np):
                    continue  # "den Angaben zufolge": the source was named before (``carried_claimant``)
                if cue == "zufolge" and re.match(r"(?i)eigenen\s", np):
                    continue  # "Eigenen Angaben zufolge": the subject vouches for itself (the speech stage names it)
                if cue == "zufolge" and _NOBODY_SOURCE.match(np):
                    continue  # "Ersten Angaben zufolge": nobody is named
                if cue == "zufolge" and _SOURCE_NOUN_END.search(np) and re.match(r"[a-zäöüß]", np):
                    # "starben offiziellen Angaben zufolge": the source noun with the adjective that says whose, if any
                    side = _SIDE_BEFORE.search(np)
                    if side is None:
                        continue  # "ersten Angaben zufolge": nobody is named
                    s, np = s + side.start(), side.group()
                if cue == "compound":
                    e = m.end()
                    np = text[s:e]
            if cue == "nach Angaben" and np and re.search(r"(?i)\beigene[nr]?\s", m.group()):
                continue  # "nach eigenen Angaben größten Windpark": the subject vouches for itself (``_own_account``)
            if not np:
                if re.search(r"(?i)\beigene[nr]?\b", m.group()):
                    continue  # "nach eigenen Angaben": the subject vouches for itself (the speech stage names it)
                if cue == "nach Angaben" and not re.search(r"\s(?:von|aus|seitens)\s*$", m.group()):
                    continue  # "nach neuesten Zahlen", "nach ersten Erkenntnissen": nobody is named
                s, e, np = m.start(), m.end(), m.group().strip()
            found.append((abs(m.start() - pos) if pos is not None else 0, Claimant(s, e, np, cue)))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    return found[0][1]


_SOURCE_NOUN_END = re.compile(r"(?i)(?<![\w])(?:angaben|angabe|informationen|erkenntnissen|zahlen|schätzungen|berichten|daten)$")
#: the words that say whose figures a bare source noun gives ("offiziellen Angaben", "ukrainischen Angaben")
_SIDE_BEFORE = re.compile(rf"(?<![\w])(?:{_SIDE_WORD}\s+)+\w+$")
_OWNER = re.compile(rf"(?<![\w])(?:des|der|von|vom)\s+{_NP}")
_DOC_HEAD = re.compile(r"([A-ZÄÖÜ][\w-]*\w)\s*$")


_ASKED = re.compile(r"(?i)anfrage\s*$")


def _owner_of(text: str, lo: int, hi: int) -> Claimant | None:
    """The source of a document phrase: its last owner ("… auf der Internetseite der Bundeswahlleiterin veröffentlichten
    Zwischenergebnis" → "Bundeswahlleiterin"), else the document itself ("einem Bericht" names no one: ``None``)."""
    # not a document's own name ("der Beantwortung einer Anfrage"), nor who asked ("auf eine Kleine Anfrage der Linken")
    owners = [m for m in _OWNER.finditer(text, lo, hi) if _np_ok(m.group("np")) and not _is_document(m.group("np"))
              and not _ASKED.search(text, max(lo, m.start() - 20), m.start())]
    if owners:
        m = owners[-1]
        return Claimant(m.start("np"), m.end("np"), m.group("np"), "hervorgeht")
    head = _DOC_HEAD.search(text, lo, hi)
    if head is None or _is_document(head.group(1)):
        return None
    return Claimant(head.start(1), head.end(1), head.group(1), "hervorgeht")


def _is_document(np: str) -> bool:
    """True for a source phrase that names a document but not its author ("dem vorläufigen Endergebnis", "Bericht")."""
    last = np.split()[-1].lower() if np.split() else ""
    return any(last.endswith(d) for d in _cues().documents) and not _OWNER.search(np)


def clause_of(text: str, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
    """Return the clause of the sentence that holds ``pos`` (split at commas, colons, dashes, "während")."""
    return _clause(text, sentence[0], sentence[1], pos)


_FUNCTION_WORDS = frozenset(
    "in im am an auf aus bei mit nach von vor zu zum zur für über um und oder sowie der die das den dem "
    "des rund etwa circa ca zirka knapp fast gut mehr als weit mindestens bis höchstens weniger unter "
    "jeweils sogar nur noch darunter davon dabei zudem außerdem weitere weiteren insgesamt allein auch ihnen "
    "jetzt heute nun damals zuletzt inzwischen mittlerweile zuvor vorher bisher später je "
    # "…, mindestens aber 500 Euro mehr im Monat", "…, dazu eine Einmalzahlung von 2500 Euro": no verb of their own
    "aber dazu ein eine einer einem einen pro monatlich jährlich wöchentlich täglich".split()
)


def _elliptic(text: str, clause: tuple[int, int]) -> bool:
    """True for a clause without a verb of its own ("in Bochum 13.000", "darunter zwei Schwerverletzte", "davon 16 schwer")."""
    words = re.findall(r"(?<![\w])[a-zäöüß]+(?![\w])", text[clause[0] : clause[1]])
    return all(w in _FUNCTION_WORDS or parse_number_word(w) is not None or load_measures().is_part_adverb(w) for w in words)


_POINTING = frozenset("den dem diesen dessen deren seinen ihren".split())


def points_back(np: str) -> bool:
    """True for "den Angaben", "seinen Angaben": a source noun that refers to a source named earlier."""
    words = np.lower().split()
    return len(words) == 2 and words[0] in _POINTING and re.fullmatch(_cues().source_nouns, words[1]) is not None


#: the quote marks a name may stand in
_QUOTES = "„“”\"»«‚‘"
_QUOTE_MARKS = str.maketrans(dict.fromkeys(_QUOTES, " "))
_QUOTE_RE = re.compile(f"[{_QUOTES}]")
_QUOTE_BEFORE_HYPHEN = re.compile("(?<=\\w)[“”\"«‘](?=-\\w)")


def _unquoted(text: str, lo: int, hi: int) -> str:
    """The text with the quote marks in ``[lo, hi)`` as spaces (same length, so every offset stays): a publication's
    name is often quoted ("laut „Spiegel“") and the source patterns read names without quote marks."""
    if _QUOTE_RE.search(text, lo, hi) is None:
        return text
    # a closing quote before the hyphen of a compound joins it ("„Bild“-Zeitung" reads "Bild--Zeitung", one word)
    inner = _QUOTE_BEFORE_HYPHEN.sub("-", text[lo:hi]).translate(_QUOTE_MARKS)
    return text[:lo] + inner + text[hi:]


def carried_claimant(text: str, sentence: tuple[int, int], num_start: int, previous: list[tuple[int, int]],
                     *, subjunctive: bool = True) -> Claimant | None:
    """Return the source of an earlier sentence that this figure's sentence refers back to, or ``None``.

    The figure's sentence must point back ("Den Angaben zufolge", "Demnach", "Seinen Angaben nach") or, when
    ``subjunctive``, continue reported speech with a verb in the subjunctive ("seien", "befänden"); the source is
    the nearest one of the (up to two) ``previous`` sentences, read from the closest. Example: in
    ``"Laut Polizei wurde ein Mann festgenommen. Demnach wurden 12 Menschen verletzt."`` the 12 is credited to
    "Polizei".
    """
    cues = _cues()
    text = _unquoted(text, min([sentence[0], *(s for s, _ in previous[-2:])]), sentence[1])
    lo, hi = sentence
    clause = _clause(text, lo, hi, num_start)
    survey_only = False
    points = cues.back_reference is not None and cues.back_reference.search(text, lo, hi) is not None
    if points or (subjunctive and any(w.group() in cues.subjunctive for w in _LOWER_WORD.finditer(text, clause[0], clause[1]))) \
            or _pronoun_reports(text, clause):
        pass
    elif _survey_goes_on(text, sentence, num_start):
        survey_only = True  # "44 Prozent sahen das nicht so.", "Befragt wurden 1.204 Wahlberechtigte.": only after a survey
    else:
        return None
    for prev in reversed(previous[-2:]):
        hit = _source_in(text, prev)
        if hit is not None:
            if survey_only and hit.cue not in ("survey", "survey_lead", "survey_name", "survey_subject"):
                return None
            return Claimant(hit.start, hit.end, hit.text, "carried")
    return None


#: a sentence that opens with a share, a hedge allowed before it ("44 Prozent sahen das nicht so")
_SHARE_OPENS = re.compile(rf"\s*(?:(?i:{hedge_alternation()})\s+)?$")
_SHARE_AT = re.compile(r"[\d.,]+\s*(?:Prozent|%)(?![\w])")


def _survey_goes_on(text: str, sentence: tuple[int, int], num_start: int) -> bool:
    """True for a sentence that goes on with the results of a survey: it names those asked ("Befragt wurden …",
    ``survey_follow``) or opens with a share ("44 Prozent sahen das nicht so")."""
    follow = _cues().survey_follow
    if follow is not None and follow.search(text, sentence[0], sentence[1]):
        return True
    return _SHARE_OPENS.fullmatch(text, sentence[0], num_start) is not None and _SHARE_AT.match(text, num_start) is not None


_PRONOUN_VERB = re.compile(r"(?<![\w])(?:(?:[Ee]r|[Ss]ie)\s+([a-zäöüß]+)|([a-zäöüß]+)\s+(?:er|sie)(?![\w]))(?![\w])")


def _pronoun_reports(text: str, clause: tuple[int, int]) -> bool:
    """True for a clause whose verb of reporting has a pronoun as its subject ("Sie zählte außerdem rund 250 Erdrutsche",
    "Zudem meldete er 12 Verletzte"): the pronoun stands for a source named before."""
    verbs = _cues().verbs
    for m in _PRONOUN_VERB.finditer(text, clause[0], clause[1]):
        word = m.group(1) or m.group(2)
        if word in verbs and word not in _PARTICIPLES and _needs_met(word, text[m.end() : clause[1]]):
            return True
    return False


def _source_in(text: str, sentence: tuple[int, int]) -> Claimant | None:
    """The source a sentence names: a source phrase (the last one), else a reporting clause or verb subject."""
    lo, hi = sentence
    phrase = _phrase(text, lo, hi, hi)
    if phrase is not None:
        return phrase
    starts = [lo] + [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    for start in starts:
        hit = _verb_subject(text, _clause(text, lo, hi, start), lo)
        if hit is not None and hit.cue not in _cues().stance:
            return hit  # "Privatsender fordern Schadenersatz." is a demand, no source of the next sentence's figures
    return None


def find_claimant(text: str, sentence: tuple[int, int], num_start: int, following: list[tuple[int, int]] | None = None,
                  figures: list[int] | None = None) -> Claimant | None:
    """Return who the figure at ``num_start`` is credited to, or ``None`` (see the module docstring).

    ``following`` are the next sentences (a follow-up "Das teilte X mit." may skip one sentence without a
    figure). ``figures`` are the positions of all figures of the text: a source phrase in another clause of the
    sentence credits this figure only when this clause has no verb of its own, or the phrase's clause
    has no figure. Example: ``find_claimant(t, (0, len(t)), t.index("50.000"))`` credits "Die Polizei"
    in ``t = "Die Polizei sprach von 50.000 Teilnehmern."``.
    """
    hit = _find_claimant(text, sentence, num_start, following, figures)
    if hit is None or _QUOTE_RE.search(text, hit.start, hit.end) is None:
        return hit
    # "Der „Bild“-Zeitung zufolge": the span covers the quoted name; the name is written without its quote marks
    return Claimant(hit.start, hit.end, _QUOTE_RE.sub("", text[hit.start : hit.end]), hit.cue)


def _find_claimant(text: str, sentence: tuple[int, int], num_start: int, following: list[tuple[int, int]] | None,
                   figures: list[int] | None) -> Claimant | None:
    # "Dem „Spiegel“ zufolge": the quote marks around a name are no part of it
    text = _unquoted(text, sentence[0], max([sentence[1], *(e for _, e in (following or [])[:2])]))
    lo, hi = sentence
    clause = _clause(text, lo, hi, num_start)
    local = _verb_subject(text, clause, lo, num_start) or _gapped(text, clause, num_start, sentence) or _phrase(text, clause[0], clause[1], num_start)
    if local is not None:
        return _named_instead(text, sentence, clause, num_start, local)
    own = _own_account(text, lo, clause, num_start)
    if own is not None:
        return own
    reporting = _reporting_clause(text, lo, hi, clause)
    if reporting is not None:
        return _named_instead(text, sentence, clause, num_start, reporting)
    if clause[0] > lo + 2 and _RELATIVE_OPEN.match(text, clause[0], clause[1]):
        # "Die Polizei meldete 965 Delikte, bei denen 397 Menschen verletzt wurden": what the reported thing holds is
        # reported by the same source
        hit = _verb_subject(text, _clause(text, lo, hi, clause[0] - 2), lo)
        if hit is not None:
            return hit
    elliptic = _elliptic(text, clause)
    wide = _phrase(text, lo, hi, num_start)
    if wide is not None:
        other = _clause(text, lo, hi, wide.start)
        if elliptic or not any(other[0] <= p < other[1] for p in figures or [] if p != num_start) \
                or _leads(text, lo, other, wide, num_start):
            return wide
    if elliptic:
        hit = _sentence_verb_subject(text, lo, hi, num_start)
        if hit is not None:
            return hit
    for n, nxt in enumerate((following or [])[:2]):
        if _BLANK_LINE.search(text, hi, nxt[0]) or (n > 0 and "\n" in text[hi : nxt[0]]):
            break  # "Das teilte X mit." credits a sentence of its own paragraph, and skips none across a line break
        hit = _after_sentence(text, nxt)
        if hit is not None:
            return hit
        if n > 0 or (any(nxt[0] <= p < nxt[1] for p in figures or []) and _phrase(text, nxt[0], nxt[1], None) is None):
            break  # a sentence between with figures of its own source ("Elf sind nach Angaben des Betreibers …") is skipped
    return None


#: a relative clause opened by a preposition ("bei denen", "in dem") or "wobei": it says more of the clause before it
_RELATIVE_OPEN = re.compile(r"\s*(?:(?:bei|in|von|unter|mit|an|auf|nach|durch|infolge)\s+(?:denen|dem|der|deren|dessen|welche[mnr]?)|wobei|wodurch)\s")
#: "nach eigenen Angaben", "eigenen Angaben zufolge": the subject of the clause vouches for its own figure
_OWN_ACCOUNT = re.compile(r"(?<![\w])(?:[Nn]ach\s+eigene[nr]\s+(?:Angaben|Angabe|Darstellung|Aussagen?|Berechnungen|Schätzungen?|Zählungen?|"
                          r"Zahlen|Informationen|Erkenntnissen)|[Ee]igenen\s+(?:Angaben|Berechnungen|Schätzungen|Zählungen|Zahlen|"
                          r"Informationen)\s+(?:zufolge|nach))(?![\w])")
#: "Athen – ", "Köln/Hamburg/Wien – ", "Duschanbe (dpa) – ": a dateline opening the first sentence
_DATELINE = re.compile(r"\s*[A-ZÄÖÜ][\w.'-]*(?:\s*/\s*[A-ZÄÖÜ][\w.'-]*)*(?:\s+\([^()]{1,40}\))?\s+[–—-]\s+")
_FINITE = re.compile(r"\s+(?:sich\s+)?[a-zäöüß]+(?![\w-])\s+(?:(?:sich|nun|bereits|bisher|jetzt|zuletzt|am\s+\w+)\s+)*")


def _own_account(text: str, lo: int, clause: tuple[int, int], num_start: int) -> Claimant | None:
    """The subject of a clause that gives its figure "nach eigenen Angaben" ("Mazedonien hat nach eigenen Angaben …
    geschickt", "Eigenen Angaben zufolge hat der Oligarch …"), without the dateline before it ("Athen – ")."""
    cue = _OWN_ACCOUNT.search(text, clause[0], clause[1])
    if cue is None:
        return None
    start = clause[0]
    if start == lo:
        dateline = _DATELINE.match(text, start, cue.start())
        if dateline is not None and _NP_RE.match(text, dateline.end(), clause[1]) is not None:
            start = dateline.end()
    while start < clause[1] and text[start].isspace():
        start += 1
    if start < cue.start():
        first = _NP_RE.match(text, start, cue.start())
        if first is None:
            return None
        np = first.group("np")
        if _np_ok(np) and not (first.start("np") <= num_start < first.end("np")) and _FINITE.match(text, first.end(), clause[1]):
            return Claimant(first.start("np"), first.end("np"), np, "eigene Angaben")
        pos = first.end()
    else:
        pos = cue.end()
    verb = _FINITE.match(text, pos, clause[1])
    if verb is None:
        return None
    after = _NP_RE.match(text, verb.end(), clause[1])
    if after is None or after.start("np") <= num_start < after.end("np") or not _np_ok(after.group("np")):
        return None
    np = after.group("np")
    if np.split()[0].lower() in _ARTICLES or _is_agent(np) or _looks_like_name(np):
        return Claimant(after.start("np"), after.end("np"), np, "eigene Angaben")
    return None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


#: the words of a sentence-opening source phrase before its source ("Laut ", "Nach ersten Angaben der ", "Bei einer Umfrage von ")
_LEAD_GAP = re.compile(r"\s*(?:[Ll]aut|[Nn]ach|[Gg]emäß|[Uu]nter|[Bb]ei)\s+(?:(?:[A-Za-zÄÖÜäöüß]+)\s+){0,4}$")


def _leads(text: str, lo: int, clause: tuple[int, int], hit: Claimant, num_start: int) -> bool:
    """True for a source phrase that opens its sentence (or what follows a colon) before the figure: "Laut Rotem Kreuz
    starben 32 Menschen, 80 weitere wurden verletzt" credits both; "…, in Fulda laut Polizei 1.500" only its own."""
    if hit.start > num_start or not (clause[0] == lo or text[:clause[0]].rstrip().endswith(":")):
        return False
    return hit.start == clause[0] or _LEAD_GAP.fullmatch(text, clause[0], hit.start) is not None


def _named_instead(text: str, sentence: tuple[int, int], clause: tuple[int, int], num_start: int, hit: Claimant) -> Claimant:
    """A document without its author yields to a named source of the sentence: "Laut den Daten der Wahlleiterin …:
    Die Partei kam dem vorläufigen Endergebnis zufolge auf 4,9 Prozent" is credited to the Wahlleiterin."""
    if not _is_document(hit.text):
        return hit
    lo, hi = sentence
    for lo_, hi_ in ((clause[0], clause[1]), (lo, clause[0]), (clause[1], hi)):
        named = _phrase(text, lo_, hi_, num_start) if hi_ > lo_ else None
        if named is not None and not _is_document(named.text):
            return named
    return hit


#: the agent of a passive verb of publishing that ends its clause ("von der Bundeswahlleiterin publiziert")
_PASSIVE_AGENT = re.compile(rf"(?<![\w])(?:von|vom)\s+{_NP}\s+(?:publiziert|veröffentlicht|bekanntgegeben|bekannt\s+gegeben|"
                            rf"gemeldet|mitgeteilt|vorgelegt|verkündet|präsentiert)(?:\s+worden)?\s*$")
REPORTING_OPEN = re.compile(r"\s*(?:[Ww]ie|so|sagte|sagten|sagt|teilte|teilten|teilt|berichtete|berichteten|berichtet|erklärte|"
                             r"erklärten|meldete|meldeten|bestätigte|bestätigten|hieß)(?![\w])")


def _reporting_clause(text: str, lo: int, hi: int, own: tuple[int, int]) -> Claimant | None:
    """A clause that only credits its sentence: "…, sagte eine Sprecherin.", "…, wie X mitteilte." (no figure of its own)."""
    starts = [lo] + [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    for start in starts:
        clause = _clause(text, lo, hi, start)
        if clause != own and REPORTING_OPEN.match(text, clause[0], clause[1]) and _figure_free(text, clause[0], clause[1]):
            m = re.match(r"\s*so\s+", text[clause[0] : clause[1]])
            if m:
                np = _np_at(text, clause[0] + m.end(), clause[1])
                if np is not None:
                    return Claimant(np.start("np"), np.end("np"), np.group("np"), "so")
            hit = _verb_subject(text, clause, lo) or _loose_wie_subject(text, clause)
            if hit is not None:
                return hit
        elif clause[1] <= own[0] and text[clause[1] : clause[1] + 1] == ":" and not any(ch.isdigit() for ch in text[clause[0] : clause[1]]) \
                and (agent := _PASSIVE_AGENT.search(text, clause[0], clause[1]) or _patterns()["survey_lead"].search(text, clause[0], clause[1])) \
                is not None and _np_ok(agent.group("np")) and not _is_document(agent.group("np")):
            # "… wurde das Endergebnis von der Wahlleiterin veröffentlicht: Die Union gewinnt mit 28,5 Prozent",
            # "Hier die Prognose von Infratest dimap: …"
            return Claimant(agent.start("np"), agent.end("np"), agent.group("np"), "survey" if agent.re is not _PASSIVE_AGENT else "passive")
        elif clause[1] <= own[0] and _INTRODUCES.search(text, clause[0], clause[1]) and not any(ch.isdigit() for ch in text[clause[0] : clause[1]]):
            hit = _verb_subject(text, clause, lo)  # "Die Armee gab an, 41 Flugzeuge getroffen zu haben."
            if hit is not None:
                return hit
        elif clause[0] == lo and clause[1] <= own[0] and text[clause[1] : clause[1] + 1] == ":" and _figure_free(text, clause[0], clause[1]) \
                and any(w.group() in _cues().subjunctive for w in _LOWER_WORD.finditer(text, own[0], own[1])):
            # "Musumeci machte den Klimawandel verantwortlich: In 36 Stunden sei so viel Regen gefallen …": reported speech
            # after a colon is the words of the subject of the clause before it
            first = _NP_RE.match(text, lo, clause[1])
            if first is not None and _np_ok(first.group("np")) and (_is_agent(first.group("np")) or _looks_like_name(first.group("np"))) \
                    and (verb := re.match(r"\s+([a-zäöüß]+)(?![\w-])", text[first.end("np") : clause[1]])) is not None \
                    and verb.group(1) not in _FUNCTION_START and verb.group(1) not in _FUNCTION_WORDS:
                # "Einkaufen in die Medial …: Die LLI habe …" (a heading before the sentence): no verb after the name
                return Claimant(first.start("np"), first.end("np"), first.group("np"), "colon")
    return None


_WIE_CLAUSE = re.compile(rf"\s*[Ww]ie\s+(?P<np>{_ART}\s+[^,;:]{{3,160}}?)(?:\s+(?:am|vom|in\s+der|im|gegenüber)\s+[\wäöüß-]+)*"
                         rf"(?:\s+(?:heute|gestern|weiter|zuvor|nun|bereits|später|außerdem))?"
                         rf"(?:,\s+(?:{_WEEKDAY}|\d{{1,2}}\.\s*[A-ZÄÖÜ][a-zäö]+(?:\s+\d{{4}})?),?)?\s+(?P<verb>[a-zäöüß]+(?:te|ten)|schrieb|schrieben)[.!]?\s*$")


def _loose_wie_subject(text: str, clause: tuple[int, int]) -> Claimant | None:
    """"Wie die in London ansässige Beobachtungsstelle mitteilte": a subject with an attribute the noun-phrase pattern does not cover."""
    m = _WIE_CLAUSE.match(text, clause[0], clause[1])
    if m is None or not re.search(r"\s[A-ZÄÖÜ]", m.group("np")) or m.group("verb") not in _cues().verbs:
        return None  # "wie die Zahl am Morgen zeigte": not a verb of saying
    start, end = m.start("np"), m.end("np")
    seat = _SEAT.match(text, start, end)
    if seat is not None:
        start = seat.end()  # "die in London ansässige Beobachtungsstelle": the source without where it sits
    cut = _WIE_CUT.search(text, start, end)
    if cut is not None:
        end = cut.start()  # "das Statistikamt am Montag in Brüssel", "die Zeitung unter Berufung auf …": when and how, not who
    return Claimant(start, end, text[start:end], "wie")


_WIE_CUT = re.compile(r"\s+(?:am|gestern|heute|zuvor|bereits|nun|weiter|unter\s+Berufung|gegenüber|dem|den|in\s+einer|in\s+einem|"
                      r"auf\s+(?:Twitter|X|Facebook|Instagram|Telegram|Anfrage|Nachfrage|ihrer|seiner|der\s+Plattform))(?=\s|$)")
_SEAT = re.compile(r"(?:(?:der|die|das|den|dem|des)\s+)?(?:in|im|aus|bei)\s+[A-ZÄÖÜ][\w-]*\s+(?:[a-zäöüß]+(?:e|en)\s+)+(?=[A-ZÄÖÜ])")


#: a clause that ends with its verb of saying (or the verb's particle) and introduces what follows: "X gab an, …"
_INTRODUCES = re.compile(r"(?<![\w])(?:an|mit|bekannt|bestätigt|erklärt|berichtet|mitgeteilt|angegeben|bekanntgegeben|erklärte|erklärten|erklärt|sagte|sagten|sagt|sagen|berichtet|meldet|schreibt|betonte|berichtete|berichteten|meldete|meldeten|"
                         r"bestätigte|bestätigten|schrieb|schrieben|hieß\s+es)"
                         r"(?:\s+(?:weiter|zudem|außerdem|am\s+\w+|auf\s+Anfrage(?:\s+de[rs]\s+[\w-]+)?|gegenüber\s+(?:de[mnr]\s+)?[\w-]+|im\s+[\w-]+))*\s*$")


def _sentence_verb_subject(text: str, lo: int, hi: int, num_start: int) -> Claimant | None:
    """A verb of reporting in an earlier clause of the sentence ("schätzte die Polizei … auf 10.000, in Recklinghausen auf 12.000")."""
    clause = _clause(text, lo, hi, num_start)
    pos = clause[0] - 2
    while pos > lo:
        earlier = _clause(text, lo, hi, pos)
        hit = _verb_subject(text, earlier, lo)
        if hit is not None:
            return hit
        pos = earlier[0] - 2
    return None


def _after_sentence(text: str, nxt: tuple[int, int]) -> Claimant | None:
    m = _patterns()["after_sentence"].match(text, nxt[0], nxt[1])
    if m is None:
        doc = _AFTER_DOCUMENT.match(text, nxt[0], nxt[1])  # "Das geht aus Zahlen des Statistischen Bundesamts hervor."
        owner = _owner_of(text, doc.start("doc"), doc.end("doc")) if doc is not None else None
        return Claimant(owner.start, owner.end, owner.text, "after_sentence") if owner is not None else None
    return Claimant(m.start("np"), m.end("np"), m.group("np"), "after_sentence")


_AFTER_DOCUMENT = re.compile(r"\s*(?:Das|Dies)\s+(?:geht|ging)\s+(?:(?:auch|zudem|außerdem)\s+)?aus\s+(?P<doc>[^,;:.!?]{3,140}?)\s+hervor(?![\w])")
