"""Readable event labels in the article's own words: the clause around the trigger, trimmed.

A label is the subject–verb–object stretch of the sentence that reports the event ("Ein Auto
ist in einen Demonstrationszug der Gewerkschaft Verdi gefahren"), not a class name with its
arguments. Leading connectives and adverbs ("Deshalb", "Dabei", "Nun") are dropped; a pronoun
subject ("Er", "Sie") is replaced by the named agent when there is one, else dropped, so no
label starts with a word that only points elsewhere.
"""

from __future__ import annotations

import re

from lagebild.events.dates import CUES, sentence_adverb
from lagebild.model import Span

__all__ = ["LEADING", "label_quality", "sentence_label"]

_WORD = re.compile(r"\S+")
_CLAUSE_BREAK = re.compile(r"[;:()]|\s[–—-]\s|[\"„“”»«]|,\s+(?=(?:der|die|das|dem|den|dessen|deren|welche[rsmn]?|wo|als|weil|nachdem|obwohl|während|dass|ob|wenn|sodass|damit|aber|doch|sondern|so|wie)\b)")
#: connectives and sentence adverbs that open a clause but say nothing about the event (cues.toml ``leading``)
_LEADING = frozenset(str(w) for w in CUES["leading"])
LEADING = _LEADING
#: subordinators a clause cut from its sentence may open with ("Dass die Polizei …"): dropped from a label
_SUBORDINATORS = frozenset(str(w) for w in CUES["subordinators"])
#: the relative words that open a relative clause ("…, die seit Donnerstag festgenommen wurden")
_RELATIVE = frozenset("der die das dem den dessen deren welcher welche welches welchem welchen".split())
_DETERMINERS = frozenset("der die das den dem des ein eine einen einem eines einer".split())
_PRONOUNS = frozenset("er sie es man wir ich ihr du dieser diese dieses jener jene he she it they we".split())
_MAX_WORDS = 16
#: a stored page's crawl marker (" date 2024-01 …") or a bare number opening the clause is no part of the label
_NOT_A_WORD = re.compile(r"(?:date|\d{4}-\d{2}(?:-\d{2})?|[\W\d]+)", re.IGNORECASE)


#: an article, a preposition or a copula right before a quote mark: the quote names what the phrase holds ("war eine
#: „Correctiv“-Recherche", "sei „ein Erfolg“"), so the mark ends no clause
_OPENS_NAME = re.compile(r"(?:\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|eines|einer|von|vom|zum|zur|im|am|beim|mit|für|gegen|über|auf|ist|sei|war|sind|seien|waren)\s*)$", re.IGNORECASE)
_QUOTES = frozenset("\"„“”»«")


def _clause(text: str, sentence: Span, trigger: Span) -> Span:
    start, end = sentence.start, sentence.end
    in_name = False  # inside a quoted name: its closing mark ends no clause either
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        if m.group() in _QUOTES and (in_name or _OPENS_NAME.search(text, sentence.start, m.start())):
            in_name = not in_name
            continue
        if m.end() <= trigger.start:
            start = m.end()
        elif m.start() >= trigger.end:
            end = m.start()
            break
    return Span(start, end)


#: an aside in brackets ("Olaf Scholz (66, SPD) hatte …"): left out, so it neither cuts the clause nor fills the label
_ASIDE = re.compile(r"\s*\([^()]{0,80}\)")
#: a relative clause closed before the verb of its main clause ("Die Zahl der Menschen, die … kamen, ist … gestiegen")
_EMBEDDED_RELATIVE = re.compile(
    r",\s+(?:der|die|das|dem|den|dessen|deren|welche[rsmn]?)\s[^,;:()]{1,120}?,(?=\s+(?:ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|wurde|wurden|stieg|stiegen|steigt|kam|kamen)\b)"
)
#: a dateline before the first sentence ("Bad Neuenahr-Ahrweiler Die Zahl …"): capitalised place words, then an article
_DATELINE = re.compile(r"(?:[A-ZÄÖÜ][\w.-]*\s+){1,3}(?=(?:Die|Der|Das|Ein|Eine|Bei|Nach|Im|In|Am)\s)")


def _masked(text: str, sentence: Span, trigger: Span) -> str:
    """The text with the sentence's asides and closed relative clauses blanked (offsets kept), unless they hold the trigger."""
    piece = text[sentence.start : sentence.end]
    for pattern in (_ASIDE, _EMBEDDED_RELATIVE):
        for m in pattern.finditer(piece):
            if not (sentence.start + m.start() <= trigger.start < sentence.start + m.end()):
                piece = piece[: m.start()] + " " * (m.end() - m.start()) + piece[m.end() :]
    line = _DATELINE.match(piece)
    if line and sentence.start + line.end() <= trigger.start and not piece[: line.end()].rstrip().endswith((".", ":")):
        piece = " " * line.end() + piece[line.end() :]
    return text[: sentence.start] + piece + text[sentence.end :]


def sentence_label(text: str, sentence: Span, trigger: Span, agent: str | None = None, max_words: int = _MAX_WORDS) -> str:
    """Return the clause of ``sentence`` that holds ``trigger``, without leading connectives or pronouns."""
    if not (0 <= sentence.start <= trigger.start < trigger.end <= sentence.end <= len(text)):
        return text[trigger.start : trigger.end] if 0 <= trigger.start < trigger.end <= len(text) else ""
    text = _masked(text, sentence, trigger)
    clause = _clause(text, sentence, trigger)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, clause.start, clause.end)]
    trig_idx = next((i for i, w in enumerate(words) if w[1] > trigger.start), 0)
    i = 0
    while i < trig_idx and (
        words[i][2].strip(",.").lower() in _LEADING | _SUBORDINATORS or sentence_adverb(words[i][2].strip(",.")) or _NOT_A_WORD.fullmatch(words[i][2])
    ):
        i += 1
    # a relative clause cut from its sentence says whom it tells of by the noun before its comma
    antecedent = _antecedent(text, sentence, clause) if i == 0 and words and words[0][2].lower() in _RELATIVE else ""
    lead = ""
    pronoun = False  # the subject was a pronoun, dropped: what follows the verb is no subject
    if i < trig_idx and words[i][2].strip(",.").lower() in _PRONOUNS and not _determiner(words, i):
        i += 1
        lead = agent or ""
        pronoun = True
        if not lead and i < trig_idx and words[i][2].lower() in ("und", "sowie", "oder"):
            i += 1  # "Er und drei andere hatten … gestimmt": without a name for "er", the others are the subject
    words = words[i:]
    trig_idx -= i
    if len(words) > 1 and trig_idx == 0 and words[1][2].lower() in _PRONOUNS and not _determiner(words, 1):
        # "beschuldigte er …" (verb first after a cut): the named agent, or nothing, stands in for "er"
        words = words[:1] + words[2:]
        pronoun = True
        if agent:
            lead = agent
    texts = [w[2] for w in words]
    if not pronoun:
        texts = _subject_first(texts)
    if len(texts) > max_words:  # the subject, then the stretch that ends a few words after the trigger
        if trig_idx < max_words - 3:
            texts = texts[:max_words]
        else:
            texts = [*texts[:4], "…", *texts[trig_idx - (max_words - 9) : trig_idx + 4]]
    body = " ".join(texts).strip(" ,.;:").lstrip("\\/|•*#+-–— ")  # page furniture before the first word
    if lead and body:
        body = f"{lead} {body}"
    elif antecedent and body:
        return f"{antecedent}, {body}"
    return body[:1].upper() + body[1:] if body else text[trigger.start : trigger.end]


_DEMONSTRATIVES = frozenset("dieser diese dieses jener jene".split())


def _determiner(words: list[tuple[int, int, str]], i: int) -> bool:
    """A demonstrative before a noun is its article ("lehnen diese Pläne ab"), not a pronoun standing for one."""
    return words[i][2].lower() in _DEMONSTRATIVES and i + 1 < len(words) and words[i + 1][2][:1].isupper()


def _antecedent(text: str, sentence: Span, clause: Span) -> str:
    """The noun phrase right before the comma that opens a relative clause ("ein Mann, der …": "ein Mann").

    Its noun (or name) and, going back, the name words and an article with the adjectives after it;
    empty when no noun stands there, or when the clause is no relative one: a relative clause ends
    in its verb before the next comma ("…, die seit Donnerstag festgenommen wurden,"), a list goes
    on with nouns ("Südkorea, die Ukraine und der Westen,").
    """
    before = text[sentence.start : clause.start].rstrip()
    if not before.endswith(","):
        return ""
    rest = re.split(r"[,;:]", text[clause.start : sentence.end], maxsplit=1)[0]
    last = _WORD.findall(rest)
    if len(last) < 2 or not last[-1].strip(".!?")[:1].islower():
        return ""
    words = _WORD.findall(before[:-1])[-6:]
    if not words or not words[-1][:1].isupper():
        return ""
    out: list[str] = []
    adjectives: list[str] = []  # lower-case words kept only when an article opens the phrase before them
    for w in reversed(words):
        bare = w.strip(",.;:")
        if bare != w:
            break  # punctuation ends the phrase
        if bare.lower() in _DETERMINERS:
            out += [*adjectives, bare]
            adjectives = []
            break
        if bare[:1].isupper() and not adjectives:
            out.append(bare)
            continue
        if bare[:1].islower() and bare.endswith(("e", "en", "er", "es", "em")) and len(bare) > 3:
            adjectives.append(bare)
            continue
        break
    phrase = " ".join(reversed(out))
    return phrase[:1].upper() + phrase[1:]


_SUBJECT_DETERMINERS = frozenset("der die das ein eine".split())
_COUNT_WORDS = frozenset("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf mehrere einige zahlreiche viele".split())
_COPULA = frozenset("ist sind war waren wird werden wurde wurden bleibt blieb".split())
_NOT_A_VERB = frozenset(
    "der die das den dem des ein eine einen einem eines einer in im an am auf aus bei mit nach von vom zu zum zur für über "
    "unter vor seit gegen durch um laut wegen "
    # subordinators and relative words open a clause whose verb comes last
    "dass daß ob weil wenn als nachdem bevor während obwohl sodass damit wie wo wobei womit worauf welche welcher welches".split()
)


def _subject_first(words: list[str]) -> list[str]:
    """Put the subject before a fronted finite verb: "hat die Regierung das Gesetz beschlossen" → "die Regierung hat …".

    A clause cut after a connective, a quote or a pronoun starts with its verb; the noun phrase
    right after it (an article, adjectives and a noun, or a run of capitalised name words) is its
    subject and goes first, so the label reads as a statement. Anything else is left as it is.
    """
    if len(words) < 2 or not words[0][:1].islower() or words[0].lower() in _NOT_A_VERB or not words[0].isalpha():
        return words
    if words[0].lower() in _COPULA and not words[-1][:1].islower():
        return words  # "wird der erste Ausstand seit 2018": a predicate, not a subject, follows
    adverbs = 1
    while adverbs < len(words) and words[adverbs].lower() in _LEADING:
        adverbs += 1  # "traf auch Bundeskanzler Olaf Scholz … ein"
    i = start = adverbs
    if i < len(words) and (words[i].lower() in _SUBJECT_DETERMINERS or words[i].lower() in _COUNT_WORDS or words[i].isdigit()):
        i += 1  # "wurden zwei Menschen getötet": a count opens the subject like an article
        while i < len(words) and words[i][:1].islower() and words[i].endswith(("e", "en", "er", "es")) and len(words[i]) > 2:
            i += 1  # adjectives: "der erste breitere Ausstand"
        if i >= len(words) or not words[i][:1].isupper():
            return words
        i += 1
    names = i
    while i < len(words) and i < names + 5 and words[i][:1].isupper() and words[i].strip(",.;:").replace("-", "").isalpha():
        i += 1  # name words: "Niedersachsens IG-Metall-Bezirksleiter Thorsten Gröger"
    if i == start or (i < len(words) and words[i].lower().strip(",") in ("und", "sowie", "oder")) or words[i - 1].endswith(","):
        return words  # no subject found, or one of several ("Scholz und Faeser"): left as it is
    return [*words[start:i], words[0], *words[1:start], *words[i:]]


def label_quality(text: str, sentence: Span, trigger: Span) -> int:
    """Lower is better: a clause that opens its sentence with a capital and is short enough to read whole."""
    if not (0 <= sentence.start <= trigger.start < trigger.end <= sentence.end <= len(text)):
        return 9
    text = _masked(text, sentence, trigger)
    clause = _clause(text, sentence, trigger)
    first = text[clause.start : clause.end].lstrip()[:1]
    n = len(_WORD.findall(text, clause.start, clause.end))
    return (0 if clause.start == sentence.start else 1) + (0 if first.isupper() else 2) + (0 if 4 <= n <= _MAX_WORDS else 1)
