"""Find event mentions in one sentence: trigger, who did it, to whom, where, when, and how sure.

German word order is handled with clause-level rules instead of a parser: the clause around the
trigger is cut at punctuation; entities before the trigger are agents, entities after it (or
after a preposition such as "mit"/"gegen") are patients, passive clauses take their agent from
"von"/"durch", and locations after "in"/"nach" are places. Modal verbs, negation, reported
speech (Konjunktiv) and "zu"-infinitives mark a mention as not (or not directly) asserted.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as date_type
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from lagebild.events.dates import CUES, NEAR, approximate, sentence_adverb, time_of_day
from lagebild.events.label import LEADING as _LEADING
from lagebild.events.lexicon import TriggerRule
from lagebild.model import Annotation, Span

__all__ = ["EventMention", "clauses", "find_events", "join_fragments"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:()]|\s[–—-]\s|[\"„“”»«])\s*")
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem eines einer dieser diese diesen diesem dieses jener jene jenen "
    "sein seine seinen seinem ihr ihre ihren ihrem unser unsere the a an this that".split()
)
_ARTICLES = frozenset("der die das den dem des ein eine einen einem eines einer".split())
_PRONOUNS = frozenset("er sie es wir ihr man ich du ihm ihn ihnen sich".split())
_PREP_PATIENT = frozenset("mit gegen an auf zwischen with against on".split())
_PREP_AGENT = frozenset("von vom durch by".split())
_PREP_PLACE = frozenset("in im nach bei nahe gen at near".split())
_PREP_OTHER = frozenset(
    "für über zu zur zum vor seit unter gegenüber laut aus wegen trotz ohne um hinter neben bis "
    "for about to from before after since under according".split()
)
_RELATIVE = frozenset(
    "der die das dem den dessen deren welche welcher welches welchem welchen dass ob weil wenn als nachdem bevor "
    "während obwohl sodass damit wo who which that".split()
)
#: particles that are also an article or a preposition: one only where the clause ends
#: ("traf am Abend ein", "kündigte Widerstand an"), not before a noun ("traf ein Tor", "klagte über Schmerzen an der Hüfte")
_PARTICLE_OR_PREPOSITION = frozenset({"ein", "an"})
_CONJUNCTIONS = frozenset("und oder aber sowie doch sondern denn and or but".split())


def _in_figure(figure: re.Pattern[str], sent_text: str, start: int, end: int) -> bool:
    """Whether the trigger at ``start:end`` of the sentence lies inside a match of the figure of speech."""
    return any(m.start() <= start and end <= m.end() for m in figure.finditer(sent_text))


@lru_cache(maxsize=1)
def club_prefixes() -> frozenset[str]:
    """The abbreviations that open a club's name (names.toml): "SK Sturm Graz" is no storm."""
    data = tomllib.loads(resources.files("lagebild.events").joinpath("names.toml").read_text("utf-8"))
    return frozenset(str(p) for p in data.get("club_prefixes", []))


_NEGATION = frozenset("nicht kein keine keinen keinem keiner nie niemals weder not never no".split())
_POSSIBLE = frozenset(
    "könnte könnten kann können konnte dürfte dürften möglicherweise womöglich eventuell vielleicht sollte sollten "
    "würde würden could might may would possibly perhaps".split()
)
#: words that make a named happening hypothetical or pending ("im Falle eines Angriffs", "ein möglicher Streik")
_HYPOTHETICAL_NOUN = frozenset("falle fall falls möglichen möglicher mögliches möglicher drohende drohenden drohender geplante geplanten geplanter".split())
_INTENDED = frozenset("will wollen wollte wollten plant planen plante planten beabsichtigt intends plans".split())
_REPORTED = frozenset("soll sollen habe hätten hätte sei seien reportedly allegedly".split())
_REQUIRED = frozenset("muss müssen musste mussten müsse müssten must".split())
#: words that make a clause tell a habit or a rule, not one happening ("sterben jährlich 200.000 Menschen")
_HABITUAL = frozenset("jährlich alljährlich täglich wöchentlich monatlich regelmäßig gewöhnlich üblicherweise meist meistens oft häufig annually yearly daily usually often".split())
#: words after a frequency adverb that count, not describe ("jährlich viele Menschen" stays a habit)
_QUANTIFIERS = frozenset("viele vielen mehrere mehreren einige einigen zahlreiche zahlreichen wenige wenigen etliche etlichen hunderte tausende".split())
#: clause openers of a condition ("wenn ein Elternteil gestorben ist", "falls …"): no single past happening
_CONDITIONAL = frozenset("wenn falls sofern if unless".split())
#: modal infinitives after "hätte"/"hätten" make the clause counterfactual ("hätte sich der Wahl stellen sollen")
_COUNTERFACTUAL_MODAL = frozenset("sollen können müssen dürfen".split())
_PLUPERFECT = frozenset("hatte hatten hattest war waren had".split())
_PERFECT = frozenset("hat haben habe hast ist sind sei seien has have".split())
_PASSIVE = frozenset("wurde wurden worden wird werden was were been".split())
_IRREGULAR_PAST = frozenset(
    "schloss schloß schlossen bestritt bestritten griff griffen wies wiesen warf warfen trat traten nahm nahmen "
    "begann begannen entsandte entsandten unterschrieb unterschrieben beschoss beschossen struck".split()
)


@dataclass
class EventMention:
    """One event mention found in a sentence (cleaned-text offsets)."""

    event_class: str
    lemma: str
    trigger: Span
    particle: Span | None
    sentence: Span
    clause: Span
    agents: list[Annotation] = field(default_factory=list)
    patients: list[Annotation] = field(default_factory=list)
    places: list[Annotation] = field(default_factory=list)
    time: Annotation | None = None
    weekday: Annotation | None = None  # "am Montag" left without a day (no day-precision anchor at hand)
    modality: str = "asserted"
    negated: bool = False
    tense: str = "present"
    voice: str = "active"
    object_text: str | None = None
    agent_text: str | None = None
    noun: bool = False  # the trigger is a noun naming the happening ("Anschlag"), not a verb
    counts: tuple[str, ...] = ()  # measures of the figures that count this class (from the rule)
    ordinal: int | None = None  # "der zweite Warnstreik": 2; "ein erneuter Streik", "streikten erneut": 0 (a repeat)
    approximate: str | None = None  # "kurz nach dem 20. Dezember": the range of days of ``time`` ("2024-12-20/2024-12-23")

    def data(self) -> dict[str, Any]:
        """Return the annotation payload (keys per docs/annotations.md)."""
        date = None
        if self.time is not None and self.approximate:
            # a day the happening lies just before or after: its range, and the day it was told by
            date = {"value": self.approximate, "granularity": "range", "landmark": self.time.data.get("value")}
        elif self.time is not None and self.time.data.get("rule") == "nightto":
            date = _night_named_day(self.time.data)
        elif self.time is not None:
            date = {"value": self.time.data.get("value"), "granularity": self.time.data.get("granularity")}
        return {
            "trigger": self.lemma,
            "particle_span": [self.particle.start, self.particle.end] if self.particle else None,
            "sentence_span": [self.sentence.start, self.sentence.end],
            "agent_anns": [a.id for a in self.agents],
            "patient_anns": [a.id for a in self.patients],
            "place_anns": [a.id for a in self.places],
            "time_ann": self.time.id if self.time is not None else None,
            "date": date,
            "weekday": _weekday_json(self.weekday) if self.time is None and self.weekday is not None else None,
            "modality": self.modality,
            "negated": self.negated,
            "tense": self.tense,
            "voice": self.voice,
            "object": self.object_text,
            "agent_text": self.agent_text,
            "noun": self.noun,
            "ordinal": self.ordinal,
        }


def _night_named_day(data: Any) -> dict[str, Any]:
    """The day a happening "in der Nacht zum Mittwoch" is told for: the Wednesday the phrase names.

    The tagger places the night on the evening it begins (Tuesday, "…TNI"); reports of the same
    happening by day ("Die Mur trat am Mittwoch über die Ufer") and the news' own dating name the
    morning's day, so the event takes that day and the two reports meet.
    """
    value = str(data.get("value") or "")
    try:
        day = date_type.fromisoformat(value[:10]) + timedelta(days=1)
    except (ValueError, OverflowError):
        return {"value": data.get("value"), "granularity": data.get("granularity")}
    return {"value": day.isoformat(), "granularity": "day"}


def clauses(text: str, sentence: Span) -> list[Span]:
    """Cut a sentence into clause-like pieces at commas, colons, brackets, dashes and quotes."""
    out: list[Span] = []
    start = sentence.start
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.start() > start:
            out.append(Span(start, m.start()))
        start = m.end()
    if start < sentence.end:
        out.append(Span(start, sentence.end))
    return out or [sentence]


# a day ordinal as dates are written: after "am"/"vom"/"bis"/"den", a weekday or a bracket ("Samstag (20.")
_ORDINAL_END = re.compile(
    r"(?:\b(?:am|vom|zum|bis|ab|seit|den|dem)|tag|woch|abend|[(,–-])\s*\d{1,2}\.\s*$", re.IGNORECASE
)
_MONTH_START = re.compile(
    r"\s*(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)


def join_fragments(text: str, sentences: Sequence[Span]) -> list[Span]:
    """Join sentences a segmenter cut inside a date: "am Samstag (20." + "Januar) kamen 35.000 …".

    A sentence is read with the one before it when that one ends in a day ordinal and it starts
    with a month name, or when it starts with a closing bracket (no sentence does): otherwise the
    event in the second half loses the date written in the first.
    """
    out: list[Span] = []
    for sent in sentences:
        if out:
            head = text[sent.start : sent.start + 12].lstrip()
            prev = out[-1]
            if head and (
                head[0] in ")]"
                or (_ORDINAL_END.search(text, prev.start, prev.end) and _MONTH_START.match(text, sent.start))
            ):
                out[-1] = Span(prev.start, sent.end)
                continue
        out.append(sent)
    return out


def _words(text: str, span: Span) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, span.start, span.end)]


def _prep_before(words: list[tuple[int, int, str]], pos: int) -> str | None:
    """Return the preposition governing the word at ``pos`` (skipping articles/adjectives), if any."""
    for back in range(1, 4):
        i = pos - back
        if i < 0:
            return None
        w = words[i][2].lower()
        if w in _PREP_PATIENT or w in _PREP_AGENT or w in _PREP_PLACE or w in _PREP_OTHER:
            return w
        if w in _DETERMINERS or (words[i][2][:1].islower() and w not in _NEGATION and len(w) > 2 and w.endswith(("e", "en", "er", "es", "em"))):
            continue
        if words[i][2][:1].isupper() and back == 1:  # first name or title before the mention ("von Wladimir Putin")
            continue
        return None
    return None


def _tense(trigger_word: str, clause_words: set[str]) -> str:
    if clause_words & _PLUPERFECT:
        return "pluperfect"
    if clause_words & {"wurde", "wurden"}:
        return "past"
    if clause_words & _PERFECT:
        return "perfect"
    w = trigger_word.lower()
    if w in _IRREGULAR_PAST or w.endswith(("te", "ten", "tet", "ed")):
        return "past"
    return "present"


#: the future auxiliary ("wird … streiken"); with a participle instead of an infinitive it is the passive
#: ("wird festgenommen") and tells what is happening, not what lies ahead
_FUTURE_AUX = frozenset(str(w) for w in CUES["future_aux"])
_NOT_FUTURE = frozenset(str(w) for w in CUES["not_future"])
#: a past participle ending in -en: "ge" at the start or after a separable prefix; such a word after "wird" is
#: the passive. A verb with an inseparable prefix has no "ge": its participle and infinitive look alike, and it
#: counts as an infinitive only as the lemma of its rule
_PARTICIPLE = re.compile(
    rf"(?:{'|'.join(str(p) for p in CUES['separable_prefixes'])})?ge\w+"
    rf"|(?:{'|'.join(str(p) for p in CUES['inseparable_prefixes'])})\w+"
)
#: a past participle of any verb ("evakuiert", "gesperrt", "festgenommen"): before a closing "werden" after
#: "wird/werden" it is the future passive ("werden morgen evakuiert werden")
_ANY_PARTICIPLE = re.compile(r"\w+(?:t|en)")


#: infinitives that set a named happening ahead after "wird" (cues.toml ``onset``)
_ONSET = frozenset(str(w) for w in CUES["onset"])


def _infinitive(word: str, lemma: str = "") -> bool:
    w = word.lower()
    if w == lemma.lower():
        return True
    return word[:1].islower() and w.endswith(("en", "ern", "eln")) and _PARTICIPLE.fullmatch(w) is None


def _future(words: list[str], idx: int, noun: bool, lemma: str = "") -> bool:
    """Whether the clause tells its happening in the future tense: "wird" with the trigger as infinitive
    ("Die Gewerkschaft wird am Montag streiken"), or for a noun a verb of onset closing the clause ("Der Streik
    wird am Montag beginnen"). "Der Streik wird fortgesetzt", "Die Toten werden geborgen" are the passive, and
    "Der Anschlag wird die Stadt beschäftigen" tells what a past happening will cause."""
    lowered = {w.lower() for w in words}
    if lowered & _NOT_FUTURE:
        return False
    if not lowered & _FUTURE_AUX:
        return _planned_in_report(words, idx, noun, lemma)
    if not noun:
        nxt = words[idx + 1].lower() if idx + 1 < len(words) else ""
        if nxt in _FUTURE_AUX and any(w.lower() in _FUTURE_AUX for w in words[:idx]) and words[idx][:1].islower() \
                and _ANY_PARTICIPLE.fullmatch(words[idx]):
            return True  # "Die Bewohner werden morgen evakuiert werden": the future passive
        return _infinitive(words[idx], lemma)
    last = words[-1].lower() if words else ""
    return len(words) > idx + 1 and last in _ONSET


_PLAN_AUX = frozenset(str(w) for w in CUES["plan_aux"])
_PERFECT_INFINITIVE = frozenset(str(w) for w in CUES["perfect_infinitive"])
_AHEAD_WORDS = frozenset(str(w) for w in CUES["ahead_words"])


def _planned_in_report(words: list[str], idx: int, noun: bool, lemma: str = "") -> bool:
    """Whether reported speech sets the happening ahead: "soll"/"solle"/"werde" with the trigger as a plain
    infinitive ("Er werde zurücktreten"), for a noun a verb of onset or duration closing the clause ("Der Streik soll
    24 Stunden dauern"), or "werde" with a participle and a word that points ahead ("werde ab Juni gestrichen").
    "Der Täter soll geschossen haben" reports what happened, "Der Verletzte werde behandelt" what is being done."""
    lowered = [w.lower() for w in words]
    if not set(lowered) & _PLAN_AUX or (lowered and lowered[-1] in _PERFECT_INFINITIVE):
        return False
    if noun:
        return len(words) > idx + 1 and lowered[-1] in _ONSET
    if _infinitive(words[idx], lemma) and _PARTICIPLE.fullmatch(lowered[idx]) is None:
        return True
    return "werde" in lowered and bool(set(lowered) & _AHEAD_WORDS) and _ANY_PARTICIPLE.fullmatch(words[idx]) is not None


def _habit_adverb(words: list[str], i: int) -> bool:
    """A frequency adverb that tells a habit, not one that grades an adjective of a noun phrase.

    "sterben jährlich 200 Menschen" is a habit; "die oft gewalttätigen Proteste", "die meist jungen
    Demonstranten", "der häufig kritisierte Minister" only describe the people or things of one happening.
    """
    if words[i].lower() not in _HABITUAL or i + 2 >= len(words):
        return words[i].lower() in _HABITUAL
    adjective, noun = words[i + 1], words[i + 2]
    inflected = adjective[:1].islower() and adjective.endswith(("e", "en", "er", "es", "em")) and len(adjective) > 3
    grades = inflected and adjective.lower() not in _DETERMINERS | _QUANTIFIERS and noun[:1].isupper()
    return not grades


_KEIN = frozenset("kein keine keinen keinem keiner keines no".split())
_DENIED_PROPERTIES = tuple(str(w) for w in CUES["denied_properties"])
_DENIED_EVIDENCE = tuple(str(w) for w in CUES["denied_evidence"])


def _negated(lowered: list[str], trigger_idx: int, noun: bool) -> bool:
    """Whether the clause denies the happening. For a noun, "kein" counts only in its own phrase (up to two
    adjectives before it) and "nicht" not before a word of cues.toml ``denied_properties`` ("nicht rechtskräftig")."""
    for i, w in enumerate(lowered):
        if w not in _NEGATION:
            continue
        evidence = any(x.startswith(_DENIED_EVIDENCE) for x in lowered[i + 1 : i + 3])
        if noun and w in _KEIN and not i < trigger_idx <= i + 3 and not evidence:
            continue  # "gab es keine Einstimmigkeit": another noun is denied; "keine Hinweise auf" denies them all
        if noun and w == "nicht" and i + 1 < len(lowered) and i + 1 != trigger_idx and lowered[i + 1].startswith(_DENIED_PROPERTIES):
            continue  # "das Urteil ist nicht rechtskräftig": a property is denied, the verdict stands
        return True
    return False


def _modality(words: list[str], trigger_idx: int, sentence_text: str, noun: bool = False, day_dated: bool = False) -> tuple[str, bool]:
    lowered = [w.lower() for w in words]
    negated = _negated(lowered, trigger_idx, noun)
    if not noun and trigger_idx > 0 and lowered[trigger_idx - 1] == "zu":  # "zu Warnstreiks": a preposition
        return "embedded", negated
    if lowered[trigger_idx].startswith(("anzu", "einzu", "vorzu")):
        return "embedded", negated
    found = set(lowered)
    if lowered and lowered[0] in _CONDITIONAL:
        return "possible", negated
    if found & {"hätte", "hätten"} and found & _COUNTERFACTUAL_MODAL:
        return "possible", negated
    if found & _REQUIRED:
        return "required", negated
    if found & _POSSIBLE:
        return "possible", negated
    if found & _INTENDED:
        return "intended", negated
    if found & {"soll", "sollen"} and trigger_idx + 1 < len(lowered) and lowered[trigger_idx + 1] == "werden":
        return "intended", negated  # "soll im September veröffentlicht werden": planned, not reported
    # a day written in the clause dates one happening ("wie so oft kam es am 3. März zu Protesten")
    if not day_dated and any(_habit_adverb(words, i) for i in range(len(words))):
        return "habitual", negated
    if sentence_text.rstrip().endswith("?"):
        return "question", negated
    if found & _REPORTED or (lowered and lowered[0] in ("dass", "ob", "that", "whether")):
        return "reported", negated
    return "asserted", negated


def _object_head(text: str, words: list[tuple[int, int, str]], taken: list[Span], trigger: Span, sentence_start: int) -> str | None:
    """Return the first determiner-introduced common noun of the clause (right of the trigger first)."""

    def free(s: int, e: int) -> bool:
        return not any(t.start < e and s < t.end for t in taken)

    right = [i for i, w in enumerate(words) if w[0] >= trigger.end]
    left = [i for i, w in enumerate(words) if w[1] <= trigger.start]
    for order in (right, left):
        for i in order:
            s, e, w = words[i]
            if not w[:1].isupper() or s == sentence_start or not free(s, e):
                continue
            for back in range(1, 4):
                j = i - back
                if j < 0:
                    break
                prev = words[j][2].lower()
                if prev in _DETERMINERS:
                    before = words[j - 1][2].lower() if j > 0 else ""
                    if before in _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER or before in ("vor", "nach", "seit"):
                        break  # "vor dem Hintergrund": a prepositional phrase, not the object
                    return w
                if not (words[j][2][:1].islower() and prev not in _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER):
                    break
    return None


#: verbs whose subject commits the happening its noun names ("verübten zwei Anschläge")
_PERPETRATE = frozenset(str(w) for w in CUES["perpetrate"])
#: adverbs that open a main clause before its verb (written with a capital there)
_ADVERBS = _LEADING | frozenset(str(w) for w in CUES["clause_adverbs"])
_FINITE_AUX = _PERFECT | _PLUPERFECT | _PASSIVE | _INTENDED | _REQUIRED | frozenset("soll sollen kann können konnte konnten".split())
#: words that open a noun phrase as a subject ("Zahlreiche Politiker", "Die Regierung")
_NP_OPENERS = _ARTICLES | frozenset("alle beide einige mehrere viele zahlreiche etliche manche".split())


def _fronted_subject(words: list[tuple[int, int, str]], idx: int, timexes: Sequence[Span]) -> str | None:
    """The noun phrase that fills the clause before its finite verb, when nothing else does.

    "Westliche Regierungen werfen …", "Die Bundesspitze kündigte …": an article or quantifier,
    adjectives, then one to three capitalised words, and nothing else (no preposition, no pronoun,
    no time phrase: "Vier Jahre nach dem", "In der vergangenen Woche" are no subjects).
    """
    finite = next((i for i, w in enumerate(words[:idx]) if w[2].lower() in _FINITE_AUX), idx)
    before = words[:finite]  # "Die Regierung hat … beschlossen": the stretch before the auxiliary
    if before and before[0][2].lower() in _CONJUNCTIONS:
        return None  # "…, und verfassungsfeindliche Parolen veröffentlicht": the shared subject is further back
    if not 1 <= len(before) <= 6:
        return None
    if any(tx.start < before[-1][1] and before[0][0] < tx.end for tx in timexes):
        return None
    i = 0
    if before[0][2].lower() in _NP_OPENERS:
        i = 1
    while i < len(before) - 1 and before[i][2][:1].islower() and before[i][2].endswith(("e", "en", "er", "es", "em")):
        i += 1  # adjectives: "rechtsgerichtete"
    if i == 0:  # no article: adjectives written with a capital at the clause start ("Westliche Regierungen")
        while i < len(before) - 1 and before[i][2].lower().endswith(("e", "en", "er", "es")) and before[i + 1][2][:1].isupper() and before[i][2].lower() not in _PRONOUNS:
            if before[i][2].lower() in _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER:
                return None
            i += 1
    nouns = before[i:]
    if i == 0 and (nouns[0][2].lower() in _ADVERBS or sentence_adverb(nouns[0][2])):
        return None  # "Nun ratifiziert Ostland …": an adverb before the verb, the subject follows it
    if not 1 <= len(nouns) <= 3 or not all(w[2][:1].isupper() for w in nouns):
        return None
    if any(w[2].lower() in _PRONOUNS | _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER | _RELATIVE for w in nouns):
        return None
    return " ".join(w[2] for w in before)


def _right_after(words: list[tuple[int, int, str]], idx: int, ent: Annotation) -> bool:
    """``ent`` follows the trigger noun through "von"/"durch" ("Anschläge von Islamisten"), not another noun."""
    j = idx + 1
    if j >= len(words) or words[j][2].lower() not in _PREP_AGENT:
        return False
    j += 1
    while j < len(words) and words[j][0] < ent.span.start and words[j][2][:1].islower():
        j += 1  # its article and adjectives
    return j < len(words) and words[j][0] == ent.span.start


def _after_noun(words: list[tuple[int, int, str]], pos: int) -> bool:
    """The "von" before the word at ``pos`` follows a noun ("Flüchtlingscamp von Calais"), not a verb or an adverb."""
    j = pos - 1
    while j >= 0 and words[j][2].lower() in _DETERMINERS:
        j -= 1
    return j >= 1 and words[j][2].lower() in _PREP_AGENT and words[j - 1][2][:1].isupper()


def _is_attributive(words: list[tuple[int, int, str]], idx: int) -> bool:
    """True for participles used as adjectives before a noun ("das unterzeichnete Abkommen", "der häufig kritisierte Minister")."""
    if idx == 0 or idx + 1 >= len(words) or not words[idx + 1][2][:1].isupper():
        return False
    before = words[idx - 1][2]
    if before.lower() in _DETERMINERS:
        return True
    # one adverb between article and participle grades the adjective; a pronoun there is a relative
    # clause's subject ("die er unterzeichnete, Berlin …"), a punctuation mark after it ends the clause
    return (
        idx > 1
        and words[idx - 2][2].lower() in _ARTICLES
        and before[:1].islower()
        and before.lower() not in _DETERMINERS | _PRONOUNS
        and words[idx + 1][0] == words[idx][1] + 1
    )



_RULES_FOR: dict[tuple[int, str], tuple[TriggerRule, ...]] = {}


def _rules_for(rules: Sequence[TriggerRule], word: str) -> tuple[TriggerRule, ...]:
    """The rules whose form is exactly ``word`` (cached: a text repeats its trigger words)."""
    key = (id(rules), word)
    got = _RULES_FOR.get(key)
    if got is None:
        if len(_RULES_FOR) > 50_000:
            _RULES_FOR.clear()
        got = _RULES_FOR[key] = tuple(r for r in rules if r.pattern.fullmatch(word))
    return got


def find_events(
    text: str,
    sentence: Span,
    rules: Sequence[TriggerRule],
    entities: Sequence[Annotation],
    timexes: Sequence[Annotation],
    hits: Sequence[Span] | None = None,
) -> list[EventMention]:
    """Return the event mentions of one sentence; ``entities``/``timexes`` are those inside it.

    ``hits`` are the candidate trigger words of the sentence (from ``candidate_pattern``); without
    them every rule scans the sentence.
    """
    sent_text = text[sentence.start : sentence.end]
    if hits is None:
        hits = [Span(m.start(), m.end()) for r in rules for m in r.pattern.finditer(text, sentence.start, sentence.end)]
    if not hits:
        return []
    pieces = clauses(text, sentence)
    found: list[EventMention] = []
    for trig in hits:
        for rule in _rules_for(rules, text[trig.start : trig.end]):
            clause = next((c for c in pieces if c.start <= trig.start < c.end), sentence)
            if rule.needs is not None and not (
                rule.needs.search(text, clause.start, clause.end) if rule.needs_in_clause else rule.needs.search(sent_text)
            ):
                continue
            if rule.unless is not None and rule.unless.search(sent_text):
                continue
            if rule.figure is not None and _in_figure(rule.figure, sent_text, trig.start - sentence.start, trig.end - sentence.start):
                continue
            words = _words(text, clause)
            idx = next((i for i, w in enumerate(words) if w[0] == trig.start), None)
            if idx is None or (not rule.noun and _is_attributive(words, idx)):
                continue
            if rule.noun and any(e.span.start <= trig.start and trig.end <= e.span.end for e in entities):
                continue  # "Ruth Brand", "Hotel Sturm": a name, not a fire or a storm
            if rule.noun and idx > 0 and words[idx - 1][2] in club_prefixes():
                continue  # "SK Sturm Graz", "FC Eintracht": a club's name the tagger missed
            particle = None
            if rule.particle:
                particle_re = re.compile(rf"(?<![\w-]){rule.particle}(?![\w-])")
                pm = particle_re.search(text, trig.end, clause.end)
                if pm is not None and rule.particle in _PARTICLE_OR_PREPOSITION:
                    pm = _clause_final(text, particle_re, trig.end, clause.end)
                if pm is None:
                    continue
                particle = Span(pm.start(), pm.end())
            found.append(_describe(text, rule, trig, particle, sentence, clause, words, idx, entities, timexes, pieces))
            break  # one class per trigger word: the first rule (in lexicon order) that holds
    found.sort(key=lambda ev: ev.trigger.start)
    if len(found) > 1:  # one sentence, several triggers: a date only binds inside its own clause
        for ev in found:
            if ev.time is not None and not ev.clause.contains(ev.time.span):
                ev.time = ev.approximate = None
    return found


def _clause_final(text: str, particle_re: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
    """A particle that is also an article or a preposition only where it closes its clause ("traf am Abend ein").

    Followed by more words it begins a noun phrase ("traf ein Tor", "an der Hüfte") and is no
    particle; a conjunction may follow ("traf ein und sprach").
    """
    for pm in particle_re.finditer(text, start, end):
        rest = _WORD.findall(text, pm.end(), end)
        gap = text[pm.end() : pm.end() + 3]
        if not rest or rest[0].lower() in _CONJUNCTIONS or "\n" in gap or gap.startswith("  "):
            return pm  # a line break or a wide gap ends a headline line: "kündigen Widerstand an  Während …"
    return None


def _describe(
    text: str,
    rule: TriggerRule,
    trig: Span,
    particle: Span | None,
    sentence: Span,
    clause: Span,
    words: list[tuple[int, int, str]],
    idx: int,
    entities: Sequence[Annotation],
    timexes: Sequence[Annotation],
    pieces: list[Span],
) -> EventMention:
    word_list = [w[2] for w in words]
    day_dated = any(
        t.label == "DATE" and clause.contains(t.span) and _DAY_VALUE.fullmatch(str(t.data.get("value") or "")) for t in timexes
    )
    modality, negated = _modality(word_list, idx, text[sentence.start : sentence.end], rule.noun, day_dated)
    lowered = {w.lower() for w in word_list}
    ev = EventMention(
        rule.event_class, rule.label, trig, particle, sentence, clause, modality=modality, negated=negated, noun=rule.noun, counts=rule.counts
    )
    ev.tense = _tense(text[trig.start : trig.end], lowered)
    # a toll told as rising ("Die Zahl der Toten wird weiter steigen") counts the dead of a happening that took
    # place: a class counted by figures is never a plan
    if ev.modality in ("asserted", "reported") and not rule.counts and _future(word_list, idx, rule.noun, rule.label):
        ev.modality = "planned"  # "Die Gewerkschaft wird am Montag streiken": ahead of the article, not reported
    if rule.noun and ev.modality in ("asserted", "reported") and any(w.lower() in _HYPOTHETICAL_NOUN for w in word_list[max(0, idx - 3) : idx]):
        ev.modality = "possible"
    if rule.noun and ev.modality in ("asserted", "reported") and idx > 0 and word_list[idx - 1].lower() in _GENERIC:
        ev.modality = "generic"  # "solche Angriffe", "derartige Unfälle": a kind of happening, not one
    if ev.modality == "intended" and day_dated and lowered & _PLAN_INTENT and not negated:
        ev.modality = "planned"  # "will am 16. Dezember die Vertrauensfrage stellen": set for that day, not reported
    if rule.noun and ev.modality in ("asserted", "reported") and _demanded(word_list, idx):
        ev.modality = "intended"  # "fordern Assads Rücktritt": the resignation is demanded, the demand is the event
    if rule.noun and ev.modality in ("asserted", "reported") and _called_for(text, clause, word_list, idx):
        ev.modality = "intended"  # "rief zu Warnstreiks auf": the strike is called for, the call is the event
    if rule.noun and ev.modality in ("asserted", "reported") and _announced(word_list, idx):
        ev.modality = "intended"  # "kündigt Streiks an": the strike is announced, the announcement is the event
    if rule.noun and ev.modality in ("asserted", "reported") and _warned_of(word_list, idx):
        ev.modality = "possible"  # "warnt erneut vor Streiks", "drohten mit Streiks": a threat, not a strike
    if rule.noun and not ev.negated and any(w.lower() in _WITHOUT for w in word_list[max(0, idx - 2) : idx]):
        ev.negated = True  # "ohne Einigung droht ein Prozess": no agreement was reached
    in_clause = [e for e in entities if clause.contains(e.span)]
    passive = bool(lowered & _PASSIVE) and ev.tense in ("past", "perfect", "pluperfect", "present")
    left, right, by = [], [], []
    word_starts = [w[0] for w in words]
    for ent in in_clause:
        pos = next((i for i, s in enumerate(word_starts) if s >= ent.span.start), len(words))
        prep = _prep_before(words, pos)
        if prep in _PREP_PLACE and ent.label == "LOC":
            ev.places.append(ent)
        elif prep in _PREP_AGENT and ent.label == "LOC" and _after_noun(words, pos):
            ev.places.append(ent)  # "im Flüchtlingscamp von Calais", "die Anschläge von Paris": where, not who
        elif prep in _PREP_AGENT:
            by.append(ent)
        elif prep in _PREP_PATIENT:
            ev.patients.append(ent)
        elif prep is not None:
            continue  # "laut X", "für X": a source or beneficiary, not a participant
        elif ent.span.end <= trig.start:
            left.append(ent)
        else:
            right.append(ent)
    timex_spans = [tx.span for tx in timexes]
    subject = _fronted_subject(words, idx, timex_spans) if not rule.noun else None
    if rule.noun and rule.merge == "happening" and not lowered & _PERPETRATE:
        # a flood, an attack, a strike: the clause's subject is whoever speaks of it ("Vučić rief nach den
        # Anschlägen zu Toleranz auf"), not its doer; only "von"/"durch" names one
        ev.agents = [e for e in by if _right_after(words, idx, e)]
        # its targets come with a preposition ("Angriff auf …", already in patients); a bare name after the
        # noun belongs to the clause's verb ("das Ergebnis gab Bundeswahlleiterin Ruth Brand bekannt")
    elif passive and by and not any(w.lower() in ("hat", "haben", "hatte", "hatten") for w in word_list):
        ev.voice = "passive"
        ev.agents = by
        ev.patients = left + right + ev.patients
    elif subject is not None and not left and not passive:
        # "Westliche Regierungen werfen Russland vor": a noun phrase before the verb is its subject,
        # so a name after the verb is the object, not the agent
        ev.patients = by + right + ev.patients
    else:
        ev.patients = by + ev.patients
        if left:
            ev.agents = left
            ev.patients = right + ev.patients
        elif right:
            ev.agents = right[:1]
            # coordinated agents: "X und Y ratifizierten" after a fronted adverb
            rest = right[1:]
            while rest and text[ev.agents[-1].span.end : rest[0].span.start].strip() in ("und", "and", ","):
                ev.agents.append(rest.pop(0))
            ev.patients = rest + ev.patients
    relative = bool(words) and words[0][2].lower() in _RELATIVE
    # (not in a passive: the subject there is the patient, and a dateline before a dash is no subject either)
    if not ev.agents and clause.start > sentence.start and not relative and not passive and not (rule.noun and rule.merge == "happening"):
        # main-clause subject before a comma-separated insertion ("Putin, der Kremlchef, unterzeichnete")
        before = [p for p in pieces if p.end <= clause.start]
        for piece in reversed(before):
            piece_words = _words(text, piece)
            starts = [w[0] for w in piece_words]
            subjects = [
                e for e in entities
                if piece.contains(e.span)
                and _prep_before(piece_words, next((i for i, s in enumerate(starts) if s >= e.span.start), 0)) is None
            ]
            if subjects:
                ev.agents = subjects[:2]
                break
    if not ev.agents and subject is not None and not passive:
        # only a noun phrase standing alone before the verb is a subject: not a time or place phrase
        # ("In der vergangenen Woche"), nor the patient of a passive ("wurde der Lower Ninth")
        ev.agent_text = subject
    if not rule.counts:  # "das vierte Todesopfer" counts victims, not occurrences of a happening
        ev.ordinal = _ordinal(words, idx, rule.noun, rule.noun and _called_for(text, clause, word_list, idx))
    taken = [e.span for e in in_clause] + [t.span for t in timexes]
    ev.object_text = _object_head(text, words, taken, trig, sentence.start)
    dated = [t for t in timexes if t.label in ("DATE", "TIME") and t.data.get("value") and not _bound(text, t) and not _near(text, t, clause, timexes)]
    if rule.noun:
        dated = [t for t in dated if not _told_on(t, trig, words)]
    own = [t for t in dated if clause.contains(t.span)]
    # a happening named in a "zu"-infinitive ("scheiterten am Wochenende, den Streik stoppen zu lassen") is an aim
    # of the other clause: that clause's date is the attempt's, not the happening's
    aim = rule.noun and not own and _ZU_INFINITIVE.search(text, clause.start, clause.end) is not None
    pool = own or ([] if aim else dated)
    if pool:
        ev.time = min(pool, key=lambda t: min(abs(t.span.start - trig.end), abs(trig.start - t.span.end)))
        if not time_of_day(ev.time.data, ev.time.label):
            ev.approximate = approximate(text, ev.time.span.start, ev.time.data.get("value"))
    # a weekday the timex stage could not place (the publication date is known to the month only):
    # kept so the merge step can place it against a day-precision date of the same event
    weekdays = [t for t in timexes if _open_weekday(t) and clause.contains(t.span) and not (rule.noun and _told_on(t, trig, words))]
    if weekdays and ev.time is None:
        ev.weekday = min(weekdays, key=lambda t: min(abs(t.span.start - trig.end), abs(trig.start - t.span.end)))
    return ev


_ORDINAL = re.compile(
    r"(?:(erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt)|(erneut|abermalig))(?:e|en|er|es|em)?", re.IGNORECASE
)
_ORDINAL_VALUE = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8, "neunt": 9, "zehnt": 10}


def _ordinal(words: list[tuple[int, int, str]], idx: int, noun: bool, called: bool = False) -> int | None:
    """Which occurrence a mention names: "der zweite Warnstreik" 2, "ein erneuter Streik" 0 (a repeat).

    Only an inflected ordinal before the noun counts ("zweiten", "erster"), not "acht" or "erst"
    as a number or an adverb ("erst am Montag"). "erneut" marks a repeat as an inflected adjective
    of the noun ("einem erneuten Streik") or in a call for it ("ruft erneut zu Warnstreiks auf",
    ``called``); the adverb elsewhere ("warnt erneut vor Streiks") tells that the warning repeats,
    not the strike, and "wiederholt" ("kam es wiederholt zu Protesten") tells of several, not of a next one.
    """
    if noun:
        for back in range(1, 4):
            j = idx - back
            if j < 0:
                break
            w = words[j][2]
            m = _ORDINAL.fullmatch(w)
            if m and m.group(2):
                inflected = len(w) > len(m.group(2))
                if inflected or (called and words[j + 1][2].lower() in ("zu", "zum", "zur")):
                    return 0  # "einem erneuten Streik", "ruft erneut zu Warnstreiks auf"
                return None
            if m and w[len(m.group(1)):]:
                return _ORDINAL_VALUE[m.group(1).lower()]
            if w[:1].isupper() and back > 1:
                break
        return None
    # a verb's "erneut" continues a series whose start may lie outside the coverage
    # ("demonstrierten erneut Zehntausende"): it names no occurrence
    return None


#: determiners of a kind rather than an instance ("solche Angriffe erschwert", "derartige Unfälle")
_GENERIC = frozenset("solche solchen solcher solches derartige derartigen derartiger derlei such".split())
#: verbs whose object is wanted, not done ("fordern einen Rücktritt", "den Rücktritt zu erzwingen")
_DEMANDING = frozenset("fordern fordert forderte forderten gefordert verlangen verlangt verlangte verlangten erzwingen anstreben strebt".split()) | frozenset(
    str(w) for w in CUES["request"]
)
#: verbs that threaten a happening named after "mit" ("drohten mit Streiks")
_THREATEN = frozenset(str(w) for w in CUES["threaten"])
#: "ohne Einigung": the happening named did not take place
_WITHOUT = frozenset(str(w) for w in CUES["without"])
#: verbs that warn of a happening still to come ("warnt vor Streiks"): the warning is the event, the strike a threat
_WARNING = frozenset("warnt warnen warnte warnten gewarnt warne warnend warn warns warned".split())
_CALL = re.compile(r"\b(?:(?:r(?:uft|ufen|ief|iefen|ufe)\b.*\bauf\b)|aufgerufen|aufzurufen|aufrufen|aufrief(?:en)?|Aufruf|Aufrufe)", re.DOTALL)


_CASUALTY_OBJECTS = frozenset(str(w) for w in CUES["casualty_objects"])
_PLAN_INTENT = frozenset(str(w) for w in CUES["plan_intent"])


def _demanded(words: list[str], idx: int) -> bool:
    """The noun is the object of a verb that asks for it: "fordern Assads Rücktritt", "hat Untersuchungshaft beantragt".

    A demanding verb before the noun, or closing a verb-final clause the noun is the object of (no
    preposition before it): "Nach der Festnahme forderte die Partei …" told of an arrest that took place.
    """
    lowered = [w.lower().strip(".,;:") for w in words]
    for k, w in enumerate(lowered):
        if w in _DEMANDING and _CASUALTY_OBJECTS & set(lowered[max(0, k - 3) : k + 4]):
            return False  # "hat 85 Todesopfer gefordert", "forderte mindestens 85 Tote": the happening killed
    if any(w.lower() in _DEMANDING for w in words[:idx]):
        return True
    if not any(w.lower() in _DEMANDING for w in words[idx + 1 :][-2:]):
        return False
    for back in range(1, 4):
        j = idx - back
        if j < 0:
            return True
        w = words[j].lower()
        if w in _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER:
            return False
        if not (words[j][:1].islower() and (w in _DETERMINERS or w.endswith(("e", "en", "er", "es", "em")))):
            return True
    return True


#: verbs that announce a happening their object names ("kündigt Streiks an", "hat Neuwahlen angekündigt"); German
#: forms close the clause after their object, English ones ("announced a strike") come before it
_ANNOUNCE = frozenset(str(w) for w in CUES["announce"])
_ANNOUNCE_BEFORE_OBJECT = frozenset(str(w) for w in CUES["announce_before_object"])
_ANNOUNCE_SPLIT = frozenset(str(w) for w in CUES["announce_split"])
#: auxiliaries of an active perfect: a noun before one is the subject of the announcing verb ("Der Anschlag hat
#: angekündigt, was kam"), unlike one before a passive auxiliary ("Der Streik wurde angekündigt")
_ACTIVE_AUX = frozenset(str(w) for w in CUES["active_aux"])
#: a preposition merged with an article ("vom", "beim", "zum"): the noun after it is in a prepositional phrase
_CONTRACTED_PREP = frozenset(str(w) for w in CUES["contracted_prepositions"])


def _announced(words: list[str], idx: int) -> bool:
    """The noun is the object of a verb that announces it: "kündigt Streiks an", "hat für Montag Warnstreiks angekündigt".

    The noun must lie where the object does: between a split verb and its particle ("kündigte … Streiks an"),
    before a whole German form with no active auxiliary between ("hat … Warnstreiks angekündigt", "Der Streik
    wurde angekündigt"), after an English one ("announced a strike"); a subject ("Der Streik der Lokführer
    kündigte eine schwere Woche an") is not announced. A noun inside a prepositional phrase ("kündigte nach dem
    Anschlag Konsequenzen an") is a happening the clause refers to, not the one announced.
    """
    lowered = [w.lower() for w in words]
    verb = any(w in _ANNOUNCE_BEFORE_OBJECT for w in lowered[:idx]) or any(
        w in _ANNOUNCE and not any(x in _ACTIVE_AUX for x in lowered[idx + 1 : k]) for k, w in enumerate(lowered) if k > idx
    ) or any(w in _ANNOUNCE_SPLIT and "an" in lowered[idx + 1 :] for w in lowered[:idx])
    if not verb:
        return False
    for back in range(1, 4):
        j = idx - back
        if j < 0:
            return True
        w = lowered[j]
        if w in _PREP_PATIENT | _PREP_AGENT | _PREP_PLACE | _PREP_OTHER or w in _CONTRACTED_PREP:
            return False
        if not (words[j][:1].islower() and (w in _DETERMINERS or w.endswith(("e", "en", "er", "es", "em")))):
            return True
    return True


def _warned_of(words: list[str], idx: int) -> bool:
    """A noun after "vor" in a clause that warns of it, or after "mit" in one that threatens it (its article and adjectives between)."""
    for back in range(1, 4):
        j = idx - back
        if j < 0:
            return False
        w = words[j].lower()
        if w in ("vor", "of", "against"):
            return any(x.lower() in _WARNING for x in words[:j])
        if w in ("mit", "with"):  # "drohten mit Streiks": a threat
            return any(x.lower() in _THREATEN for x in words[:j])
        if not (words[j][:1].islower() and (w in _DETERMINERS or w.endswith(("e", "en", "er", "es", "em")))):
            return False
    return False


def _called_for(text: str, clause: Span, words: list[str], idx: int) -> bool:
    """A noun after "zu"/"zum"/"zur" in a clause that calls for it ("ruft erneut zu Warnstreiks auf", "Aufruf zur Demo")."""
    if not any(w.lower() in ("zu", "zum", "zur") for w in words[max(0, idx - 3) : idx]):
        return False
    return _CALL.search(text, clause.start, clause.end) is not None


_BOUND_BEFORE = re.compile(r"(?:\b(?:seit|since)|\b(?:bis|until|by)(?:\s+(?:spätestens|Ende|Anfang|Mitte|zum|zur))?)\s*$", re.IGNORECASE)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a clause ending in a "zu"-infinitive ("… stoppen zu lassen.", "… zu verhindern")
_ZU_INFINITIVE = re.compile(r"\bzu\s+[a-zäöü]\w*(?:en|ern|eln)\W*$")


#: verbs of telling (cues.toml ``telling``) and the particles that make them another verb ("meldete … an")
_TELLING = frozenset(str(w) for w in CUES["telling"])
_PARTICLES = frozenset(str(w) for w in CUES["separable_prefixes"])


def _told_on(t: Annotation, trig: Span, words: list[tuple[int, int, str]]) -> bool:
    """Whether the day ``t`` dates a verb of telling next to it, with the happening named only after it.

    "Eine Sprecherin nannte am Montag die Zahl von 576 000 Demonstranten": Monday is when the figure was
    given, not when the protest took place; "Am Montag meldete die Polizei 20 Tote" likewise. The day stays
    the happening's when the noun comes before the verb ("Die Demonstration am Montag meldete die Polizei …"
    is not told so) or no verb of telling stands next to the day.
    """
    if t.span.end > trig.start or not words or words[-1][2].lower() in _PARTICLES:
        return False
    before = [w for w in words if w[1] <= t.span.start][-2:]
    after = [w for w in words if w[0] >= t.span.end][:1]
    return any(w[2].lower() in _TELLING and w[1] <= trig.start for w in before + after)


def _bound(text: str, t: Annotation) -> bool:
    """A year or month that bounds a span of time, not the time of the happening.

    "der erste Ausstand seit 2018" happened now, not in 2018; "bis 2030 Stellen streichen" is a
    deadline. A day stays: "seit heute steht das Ergebnis fest" and "bis Montag 117 Tote" date
    the happening or the count.
    """
    if _DAY_VALUE.match(str(t.data.get("value") or "")):
        return False
    return _BOUND_BEFORE.search(text, max(0, t.span.start - 24), t.span.start) is not None


def _near(text: str, t: Annotation, clause: Span, timexes: Sequence[Annotation]) -> bool:
    """A day the happening lies just before or after, not its date, when the clause dates it otherwise.

    "Kurz vor Weihnachten … am Freitag": the weekday (or a day) in the clause is the happening's, the
    holiday a landmark the merge step places it by. A time of day is never a landmark ("kurz nach 19 Uhr"
    is that evening), and a day with nothing finer in its clause dates the happening approximately
    ("Kurz nach dem 20. Dezember raste ein Auto …": a range from that day on, see ``dates.approximate``).
    """
    if time_of_day(t.data, t.label) or NEAR.search(text, max(0, t.span.start - 40), t.span.start) is None:
        return False
    return any(
        o is not t and clause.contains(o.span) and not time_of_day(o.data, o.label)
        and (_open_weekday(o) or _DAY_VALUE.match(str(o.data.get("value") or "")) is not None)
        and NEAR.search(text, max(0, o.span.start - 40), o.span.start) is None
        for o in timexes
    )


def _open_weekday(t: Annotation) -> bool:
    rel = t.data.get("relative")
    # a named day only: "Wochenende" spans two days and is no weekday to place
    return t.data.get("rule") == "weekday" and not t.data.get("value") and isinstance(rel, dict) and isinstance(rel.get("weekday"), int)


def _weekday_json(t: Annotation) -> dict[str, Any]:
    rel = t.data["relative"]
    return {"weekday": int(rel["weekday"]), "rel": str(rel.get("rel") or "nearest"), "span": [t.span.start, t.span.end], "text": t.surface}
