"""Find who said what: direct quotes, indirect (reported) speech and attribution phrases.

Works sentence by sentence, in text order, so that a pronoun ("Er sagte …") or a role noun
("entgegnete der Spitzendiplomat") can be resolved to a speaker named earlier.

Rules, in the order they run on each sentence:

1. cue verbs (``lexicon.CUE_FORMS``) outside quotation marks, with their subject: before the
   verb when the clause starts with a noun phrase, after it when the clause starts with an
   adverb, a preposition, "Das", or the verb itself ("…“, sagte X");
2. indirect speech: a cue followed by a dass/ob/w-clause or by a clause in the subjunctive,
   or a subjunctive clause before ", sagte X";
3. continuation: a subjunctive sentence without a cue right after speech ("Er sei …");
4. direct quotes: quotation marks with a cue right after them, a cue before them in the
   sentence, a colon after a noun phrase, or following speech by the same speaker;
5. attribution phrases: laut X, X zufolge, nach Angaben von X / X-Genitiv, unter Berufung
   auf X, wie X berichtete, hieß es aus X, "…, so X", "Das berichtet X"; and the modal hedge
   "soll … haben/sein".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from lagebild.speech.attribution import HIESS_PREP as _HIESS_PREP
from lagebild.speech.attribution import SAID_NOUNS, find_attributions
from lagebild.speech.interview import Turn, interview_turns
from lagebild.speech.lexicon import (
    ADVERBS,
    ARTICLES,
    CUE_FORMS,
    KONJ2,
    PREPOSITIONS,
    PRONOUNS,
    VERB_STOP,
    WORDS,
    CueForm,
    is_clause_adverb,
    is_konjunktiv1,
    is_role_noun,
)
from lagebild.speech.marks import Quotation, Unpaired, quotations_in_text
from lagebild.speech.phrases import EntityRef, Phrase, parse_np_backward, parse_np_forward, pick_name
from lagebild.speech.tokens import CLAUSE_BREAK, QUOTE_CHARS, Token, tokenize
from lagebild.text_patterns import alternation

__all__ = ["Speaker", "SpeechAct", "extract_speech"]

_CLAUSE_BREAK = CLAUSE_BREAK
_QUOTE_CHARS = QUOTE_CHARS
_SUBORDINATORS = frozenset("dass daß ob wie warum weshalb wieso wo wann wer was inwiefern weil".split())
_HEDGE_SOLL = re.compile(r"\bsoll(?:en)?\b(?:[^.;:!?]|\.(?=\d)){0,200}?\b(?:haben|sein)\b", re.IGNORECASE)
_HEDGE_WORDS = re.compile(r"\b(angeblich|mutmaßlich|vermeintlich)\b", re.IGNORECASE)
_KONJ2_SPEECH = frozenset({"würde", "würden"})
_TEMPORAL = frozenset(
    "montag dienstag mittwoch donnerstag freitag samstag sonntag wochenende abend morgen nachmittag "
    "vormittag januar februar märz april mai juni juli august september oktober november dezember".split()
)
_MAX_RESOLVE_CHARS = 2500
_SPEAKER_BONUS = 300  # chars: an earlier speaker beats a person merely mentioned a little later
_SUBJECT_BONUS = 150  # chars: a titled person leading a clause beats a bare name named after it as object
_ROLE_MATCH_BONUS = 600  # chars: "der Präsident" refers to the person introduced as "Präsident …"
_HABEN = frozenset("hat habe hatte hatten haben hätte hätten".split())
_WERDEN = frozenset("werden wird wurde wurden worden werde".split())
_OBJECT_FIRST = frozenset(WORDS["object_first"])
_INFINITIVE_BEFORE = frozenset(
    "sich nicht nichts zu kann können konnte muss müssen will wollen wollte möchte lasse lässt ließ werde wird würde soll sollte".split()
)
_CONTINUATION_SENTENCES = 3
_SUBJECT_PRONOUNS = frozenset(WORDS["subject_pronouns"])
_PERSON_PRONOUNS = _SUBJECT_PRONOUNS - {"es", "man"}
_LEADING_CONJ = frozenset(WORDS["leading_conjunctions"])
_FEMININE_ROLE_ENDINGS = tuple(WORDS["feminine_role_endings"])
_MASCULINE_ROLE_ENDINGS = tuple(WORDS["masculine_role_endings"])
_RELATIVE = frozenset("der die welcher welche".split())
_SUBORDINATE_START = frozenset(
    "als wenn weil nachdem obwohl während da bevor seit seitdem sobald falls indem damit sodass ehe bis solange".split()
)  # speech continues over at most this many sentences without a speaker


@dataclass(slots=True)
class Speaker:
    """Who is speaking: the naming text and span, the entity mention, and how it was found."""

    text: str
    span: tuple[int, int] | None
    ann: str | None = None
    anns: list[str] = field(default_factory=list)
    mention: tuple[int, int] | None = None  # the words in this sentence that refer to the speaker
    resolution: str = "name"  # name | pronoun | role | continuation | phrase | unresolved
    plural: bool = False
    gender: str | None = None  # "m"/"f"/"n" when the phrase shows it ("das Präsidium", "Präsidentin")


@dataclass(slots=True)
class SpeechAct:
    """One attributed utterance."""

    label: str  # direct | indirect | reported
    start: int
    end: int
    content: tuple[int, int]
    speaker: Speaker | None
    cue: str | None
    cue_span: tuple[int, int] | None
    mood: str
    hedge: str | None = None
    sentence: int = 0
    open_end: bool = False  # one paragraph of a quote that continues in the next paragraph


@dataclass(slots=True)
class _Sent:
    start: int
    end: int
    para: int
    tokens: list[Token]
    quoted: list[tuple[int, int]]

    def outside(self, tok: Token) -> bool:
        if not self.quoted:
            return True
        return not any(s <= tok.start < e for s, e in self.quoted)


@dataclass(slots=True)
class _Cue:
    idx: int
    form: CueForm
    lemma: str
    span: tuple[int, int]
    subject: Phrase | None = None
    subject_end: int = 0  # token index after the subject (inverted) or after the verb
    inverted: bool = False
    relative: bool = False  # the cue is in a relative clause: its content ends before the main clause


@dataclass(slots=True)
class _History:
    """Speakers named so far (for pronouns and role nouns) and the entity persons."""

    speakers: list[tuple[Speaker, int]] = field(default_factory=list)  # (speaker, position)
    persons: list[EntityRef] = field(default_factory=list)


def _mood(sent: _Sent, start: int, end: int) -> str:
    for t in sent.tokens:
        if start <= t.start < end and sent.outside(t) and (is_konjunktiv1(t.text) or t.text in KONJ2):
            return "konjunktiv"
    return "indicative"


def _has_subjunctive(sent: _Sent, i: int, j: int, *, allow_konj2: bool = True, allow_wuerde: bool = True) -> bool:
    for t in sent.tokens[i:j]:
        if not sent.outside(t):
            continue
        if is_konjunktiv1(t.text) or (allow_konj2 and t.text in KONJ2) or (allow_wuerde and t.text in _KONJ2_SPEECH):
            return True
    return False


def _clause_start(tokens: list[Token], idx: int) -> int:
    i = idx
    while i > 0:
        prev = tokens[i - 1].text
        if prev == ")":  # "Will Smith (50) spricht": a parenthesis belongs to the clause
            j = i - 1
            while j > 0 and tokens[j].text != "(" and i - j < 12:
                j -= 1
            if tokens[j].text == "(":
                i = j
                continue
        if prev in _CLAUSE_BREAK or prev in _QUOTE_CHARS:
            break
        i -= 1
    return i


def _clause_end(tokens: list[Token], idx: int) -> int:
    j = idx + 1
    while j < len(tokens) and tokens[j].text not in _CLAUSE_BREAK and tokens[j].text not in _QUOTE_CHARS and tokens[j].text not in ".!?":
        j += 1
    return j


def _particle_reach(toks: list[Token], idx: int) -> int:
    """Return how far a separable particle may follow its verb ("teilte …, Freitag, in Berlin mit")."""
    j = idx + 1
    while j < len(toks) and j - idx <= 14 and toks[j].text not in (".", "!", "?", ";", ":") and toks[j].text not in _QUOTE_CHARS:
        if toks[j].lower in ("dass", "ob", "weil", "und") and toks[j - 1].text == ",":
            break
        j += 1
    return j


def _find_cues(sent: _Sent) -> list[_Cue]:
    toks = sent.tokens
    cues: list[_Cue] = []
    for i, t in enumerate(toks):
        if not sent.outside(t):
            continue
        forms = CUE_FORMS.get(t.text)
        if forms is None and t.text in ("machte", "machten", "macht", "machen") and any(
            x.lower in ("deutlich", "klar") for x in toks[i + 1 : _clause_end(toks, i)]
        ):
            forms = [CueForm("deutlich machen", None, True, t.text.endswith("en"))]
        if forms is None and t.text in ("hieß", "heißt", "hieße") and i + 1 < len(toks) and toks[i + 1].lower == "es":
            forms = [CueForm("heißen", None, True)]  # "hieß es, Kim habe …" / "hieß es aus X"
        if forms is None and t.text == "gegeben" and i > 0 and toks[i - 1].lower == "bekannt":
            # "hatte die IOM bekannt gegeben, …": the participle written apart (10kGNAD: 8 times, "bekanntgegeben" 9)
            forms = [CueForm("bekanntgeben", None, False, participle=True)]
        if not forms:
            continue
        end = _clause_end(toks, i)
        reach = _particle_reach(toks, i)
        chosen = None
        for f in forms:
            if f.particle is None:
                chosen = chosen or f
            elif any(x.lower == f.particle for x in toks[i + 1 : reach]):
                chosen = f
                break
        if chosen is None or chosen.konj:
            continue
        if t.text == chosen.lemma and any(x.lower in _INFINITIVE_BEFORE for x in toks[max(0, i - 3) : i]):
            continue  # "lasse sich nicht sagen", "will nichts sagen": an infinitive, no speech act
        if any(f.participle for f in forms):
            clause = [x.lower for x in toks[_clause_start(toks, i) : end]]
            if any(x in _WERDEN for x in clause):
                continue  # "bestätigt werden" is passive, not someone speaking
            if any(x.lower in _HABEN for x in toks[_clause_start(toks, i) : i]):
                chosen = next(f for f in forms if f.participle)  # "hat … erklärt"  # "Das FWR fordere …" is itself reported speech, not a new speaker
        if chosen.participle:
            clause = [x.lower for x in toks[_clause_start(toks, i) : end]]
            if not any(x in _HABEN for x in clause) or any(x in _WERDEN for x in clause):
                continue  # "bestätigt werden" is passive, not someone speaking
        if chosen.lemma == "andeuten" and i + 1 < len(toks) and toks[i + 1].lower == "sich":
            continue  # "deutet sich an": it is emerging
        cues.append(_Cue(i, chosen, chosen.lemma, (t.start, t.end)))
    return cues


def _spoke_of(sent: _Sent, cue: _Cue) -> tuple[int, int] | None:
    """Return the token range of "von …" after "sprach" ("Scholz sprach von einer Niederlage").

    "sprechen von" reports what someone called something. "sprach mit X", "sprach über X" or
    "sprach vor X" is talking to or about, and "von" after a noun there ("mit Vertretern von
    Verdi") is not what was said; a relative clause between verb and "von" is skipped.
    """
    toks = sent.tokens
    j = max(cue.subject_end, cue.idx + 1)
    while j < len(toks) and j - cue.idx <= 30:
        t = toks[j]
        if not sent.outside(t) or t.text in ".!?;:" or t.lower in ("mit", "über", "zu", "vor", "dass", "ob") or t.text in CUE_FORMS:
            return None
        if t.text == "," and j + 1 < len(toks) and toks[j + 1].lower in _RELATIVE | {"das"}:
            k = j + 2
            while k < len(toks) and toks[k].text not in (",", ".", ";", ":"):
                k += 1
            if k >= len(toks) or toks[k].text != ",":
                return None
            j = k + 1
            continue
        if t.text == ",":
            return None
        if t.lower == "von":
            if j + 1 >= len(toks) or toks[j + 1].lower == "anfang":
                return None
            end = len(toks)
            while end > j + 1 and toks[end - 1].text in ".!?":
                end -= 1
            if end <= j + 1 or _spoke_from(toks, j + 1, end):
                return None
            return j, end
        j += 1
    return None


_SPEAKING_PLACES = frozenset(WORDS["speaking_places"])
_INDEFINITE = frozenset("ein eine einer eines einem einen".split())


def _spoke_from(toks: list[Token], i: int, end: int) -> bool:
    """Return whether "sprach von" at ``i`` tells where someone spoke from, not what was said.

    "sprach von der Tribüne", "sprach von Berlin aus per Video", "sprach von … zu den Abgeordneten":
    a place one speaks from, "aus" closing the phrase, or an addressee after "zu" + article.
    """
    k = i + 1 if i < end and toks[i].lower in ARTICLES else i
    if k < end and toks[k].lower in _SPEAKING_PLACES:
        return True
    for m in range(i + 1, end):
        low = toks[m].lower
        if low in (",", ";", ":") or toks[m].text in _QUOTE_CHARS:
            break
        nxt = toks[m + 1] if m + 1 < end else None
        if low == "aus" and (nxt is None or nxt.lower in PREPOSITIONS or not nxt.is_word):
            return True  # "von Berlin aus": a postposition, the place spoken from
        if low == "zu" and nxt is not None and nxt.lower in ARTICLES and toks[i].lower not in _INDEFINITE:
            return True  # "von der Tribüne … zu den Abgeordneten": who was spoken to, not "von einem Weg zu den …"
    return False


def _conjunct_subject(toks: list[Token], lead: int, idx: int, is_person: Callable[[int], bool] | None = None) -> Phrase | None:
    """Return the subject a verb of saying shares with the clause before "und".

    "Da stand Heinrich auf und sagte", "Er ging auf sie zu und sagte": German puts the finite
    verb second, so the subject is the first phrase, or the phrase right after the verb when an
    adverb comes first ("Da", "Indem kam auch schon das kleine Männchen … und sagte"). A name
    first ("Söder besuchte die Helfer und sagte") is the subject, the phrase after the verb its object.
    """
    if idx - lead < 3 or toks[idx - 1].lower != "und":
        return None
    first = parse_np_forward(toks, lead)
    verb = lead + (len(first.tokens) if first is not None else 1)
    if toks[lead].lower in PREPOSITIONS and (pp := parse_np_forward(toks, lead + 1)) is not None and not pp.coordinated:
        # "Während des Rennens drehte sich sein Sohn zu ihm und sagte": a place or time first, the subject after the verb
        first, verb = None, lead + 1 + len(pp.tokens)
        if verb < idx and (toks[verb].lower in PREPOSITIONS or toks[verb].lower in ARTICLES):
            return None  # "Bei ihrer Ankunft in Rumänien verteilten …": where the phrase ends is not known
    if verb >= idx - 1 or not toks[verb].text[:1].islower() or not toks[verb].is_word or toks[verb].lower in ARTICLES:
        return None  # no finite verb in second place: "Die Polizei und die Feuerwehr erklärten"
    after = parse_np_forward(toks, _skip_fillers(toks, verb + 1))
    adverb = verb == lead + 1 and (toks[lead].lower in _SUBORDINATE_START or is_clause_adverb(toks[lead].lower)) \
        and not (is_person is not None and is_person(toks[lead].start))
    if after is not None and after.end <= toks[idx - 1].start and (first is None or adverb):
        return after
    return first


def _apposition_only(prefix: list[Token]) -> bool:
    """Return whether a clause before ", warf X vor" is a name with its apposition, not what was said.

    "Kammenos, zugleich Chef der Partei, warf der Türkei vor, …": a noun phrase, a comma and
    more nouns without any finite auxiliary is the subject described, not reported content.
    """
    np = parse_np_forward(prefix, 0)
    if np is None or len(np.tokens) >= len(prefix) or prefix[len(np.tokens)].text != ",":
        return False
    k = len(np.tokens) + 1
    for m in range(k, len(prefix)):
        t = prefix[m]
        if t.lower in VERB_STOP or t.text in CUE_FORMS or is_konjunktiv1(t.lower):
            return False
        if prefix[m - 1].text == "," and (t.lower in _RELATIVE or t.lower == "das"):
            return False  # ", das Vorgänger betrieben": a relative clause with its own verb
    return True


def _adverb_first(toks: list[Token], lead: int, idx: int, is_person: Callable[[int], bool] | None = None) -> bool:
    """Return whether one adverb stands before the verb and the subject follows it.

    "Ähnlich äußerte sich auch Bayerns Ministerpräsident Söder": the capitalised first word is
    an adverb, the subject comes after the verb. A name before the verb is the subject: it is no
    dictionary adverb ("Ludwig", "König"), or it is a person entity ("Fröhlich"), or the phrase
    after the verb is not in the nominative ("sagte dem Spiegel": the addressee).
    """
    if idx - lead != 1 or not is_clause_adverb(toks[lead].lower):
        return False
    if is_person is not None and is_person(toks[lead].start):
        return False
    j = _skip_fillers(toks, idx + 1)
    np = parse_np_forward(toks, j)
    return np is not None and np.kind != "pronoun" and toks[j].lower not in _OBJECT_FIRST


def _main_clause_before(toks: list[Token], k: int, first: int) -> bool:
    """Return whether the person at ``k`` stands in a clause of its own before the subjunctive at ``first``.

    That clause ends in a comma or a colon before the subjunctive and holds a word of its own predicate
    after the name ("zeigte sich X zuversichtlich, dass …", "X zeigte sich zufrieden: Die Lage sei …").
    A name followed straight by the subjunctive verb or by a comma and an apposition or relative
    clause ("X, der Bürgermeister, habe …") is that verb's subject.
    """
    comma = next((c for c in range(k + 1, first) if toks[c].text in (",", ":")), None)
    if comma is None:
        return False
    return any(t.is_word and t.text[:1].islower() and t.lower not in ARTICLES and t.lower not in PREPOSITIONS
               for t in toks[k + 1 : comma])


def _participle_cue(toks: list[Token], i: int) -> int | None:
    """Return the index of a cue participle that closes the clause from ``i`` ("… gesagt."), if any."""
    j = i
    while j < len(toks) and j - i <= 14 and toks[j].text not in (".", "!", "?", ";", ":", ",") and toks[j].text not in _QUOTE_CHARS:
        j += 1
    if j > i and any(f.participle for f in CUE_FORMS.get(toks[j - 1].text, [])):
        return j - 1
    return None


def _skip_fillers(toks: list[Token], i: int) -> int:
    """Skip adverbs and short time phrases between a verb and its subject ("sagte am Mittwoch X")."""
    while i < len(toks):
        low = toks[i].lower
        if low in ADVERBS and low not in ("und", "oder", "wie", "so"):
            i += 1
        elif low in ("am", "im") and i + 1 < len(toks) and toks[i + 1].lower in _TEMPORAL:
            i += 2
        elif low in ("sich", "dazu", "darüber", "dabei", "damals", "zuvor"):
            i += 1
        elif low in ("auf", "nach") and i + 1 < len(toks) and toks[i + 1].lower in ("nachfrage", "anfrage"):
            i += 2
        elif low in ("im", "in") and i + 2 < len(toks) and toks[i + 1].lower in ("interview", "gespräch", "einem"):
            i += 2 if toks[i + 1].lower != "einem" else 3
        elif low == "gegenüber" and i + 1 < len(toks):
            np = parse_np_forward(toks, i + 1)
            if np is None:
                break
            i += 1 + len(np.tokens)
        else:
            break
    return i


def _subject(sent: _Sent, cue: _Cue, earlier: _Cue | None = None, is_person: Callable[[int], bool] | None = None) -> None:
    """Find the subject of a cue verb (fills ``cue.subject``/``subject_end``/``inverted``).

    ``is_person`` tells whether a person entity starts at a character offset.
    """
    toks = sent.tokens
    cs = _clause_start(toks, cue.idx)
    if cue.lemma == "heißen":
        j = cue.idx + 2
        np = parse_np_forward(toks, j + 1) if j + 1 < len(toks) and toks[j].lower in _HIESS_PREP else None
        cue.subject, cue.inverted = np, True
        cue.subject_end = j + 1 + len(np.tokens) if np is not None else j
        return
    if cs >= 2 and cs < cue.idx and toks[cs].lower in _RELATIVE and toks[cs - 1].text == ",":
        # "Anwalt Peter Braun, der den Kläger vertritt, …" / "Müller, die betonte, dass …": the antecedent.
        np = parse_np_backward(toks, cs - 1)
        if np is not None:
            cue.subject, cue.subject_end, cue.relative = np, cue.idx + 1, True
            return
    if earlier is not None and earlier.subject is not None and cue.idx > 0 and toks[cue.idx - 1].lower in ("und", "sowie"):
        # Coordinated verbs share the subject: "Russland weist das zurück und betont, dass …".
        cue.subject, cue.subject_end, cue.inverted = earlier.subject, cue.idx + 1, earlier.inverted
        return
    if cue.form.participle:
        aux = next((k for k in range(cs, cue.idx) if toks[k].lower in _HABEN), None)
        if aux is not None:
            first_np = parse_np_forward(toks, cs) if toks[cs].lower not in _OBJECT_FIRST else None
            if first_np is not None and cs + len(first_np.tokens) == aux:
                # "Trump hat am Montag erklärt": the noun phrase before the auxiliary.
                cue.subject, cue.subject_end = first_np, cue.idx + 1
                return
            # "Inmitten … hat US-Präsident Donald Trump erklärt": the subject follows the auxiliary.
            np = parse_np_forward(toks, _skip_fillers(toks, aux + 1))
            if np is not None:
                cue.subject, cue.subject_end, cue.inverted = np, cue.idx + 1, True
                return
    nxt = cue.idx + 1
    if cs < cue.idx and nxt < len(toks) and toks[nxt].text in ("er", "sie", "man") and not cue.form.participle:
        # "Gesellschaftspolitisch betonte sie …": a pronoun right after the verb is its subject.
        cue.subject, cue.subject_end, cue.inverted = Phrase([toks[nxt]], kind="pronoun"), nxt + 1, True
        return
    # "Und David Distel ergänzt", "+++ Der Minister schreibt": a leading conjunction
    # or stray page punctuation is not part of the subject.
    lead = cs
    while lead < cue.idx and (toks[lead].lower in _LEADING_CONJ or not (toks[lead].is_word or toks[lead].text in _QUOTE_CHARS
                                                                         or toks[lead].text in "()")):
        lead += 1
    conj = _conjunct_subject(toks, lead, cue.idx, is_person) if lead < cue.idx else None
    if conj is not None:
        cue.subject, cue.subject_end = conj, cue.idx + 1
        return
    if lead < cue.idx and toks[lead].lower not in _OBJECT_FIRST and parse_np_forward(toks, lead) is not None \
            and not _adverb_first(toks, lead, cue.idx, is_person):
        # Subject first ("Putin erklärte", "Der Minister sagte"): everything before the verb.
        span_toks = list(toks[lead : cue.idx])
        while span_toks and span_toks[-1].text in _CLAUSE_BREAK:
            span_toks.pop()
        if span_toks and len(span_toks) <= 20 and not any(t.lower in VERB_STOP for t in span_toks):
            # "Diese Pressemitteilung ist absurd und erklärt nicht, …": a clause, not a subject.
            phrase = Phrase(span_toks, coordinated=any(t.lower in ("und", "sowie") for t in span_toks))
            if len(span_toks) == 1 and span_toks[0].lower in PRONOUNS:
                phrase.kind = "pronoun"
            cue.subject, cue.subject_end = phrase, cue.idx + 1
            return
    j = _skip_fillers(toks, cue.idx + 1)
    np = parse_np_forward(toks, j)
    cue.inverted = True
    if np is not None:
        cue.subject, cue.subject_end = np, j + len(np.tokens)
    else:
        cue.subject_end = cue.idx + 1
    # An apposition subject before the verb across commas ("Kirby, Direktor des Rates, berichtete").
    if cue.subject is None and cs == cue.idx and cs >= 2 and toks[cs - 1].text == ",":
        k = cs - 2
        while k > 0 and toks[k].text not in (".", ";", ":") and toks[k].text not in _QUOTE_CHARS:
            k -= 1
        k = k + 1 if k > 0 or toks[0].text in _QUOTE_CHARS else 0
        span_toks = toks[k : cs - 1]
        first = span_toks[0] if span_toks else None
        if first is not None and first.is_cap and first.lower not in ADVERBS and first.lower not in PREPOSITIONS and len(span_toks) <= 20 \
                and not any(t.text in CUE_FORMS or is_konjunktiv1(t.text) for t in span_toks):
            cue.subject, cue.inverted, cue.subject_end = Phrase(span_toks), False, cue.idx + 1


#: punctuation between a closing mark and its speaker tag ("…“, sagte X", "…“ – so X –")
_AFTER_CLOSE = frozenset(",.!?…–—-")
#: what may stand between two parts of one quote: the tag, ending in a comma or a dash
_TAG_BETWEEN = re.compile(r"[^.!?;\n„“”\"»«]*[,–—-]\s*")
#: a period that ends no sentence inside a tag: an abbreviated title (words.toml ``tag_abbreviations``: "so Dr.
#: Huber", "so Prof. Keller") or an initial ("so Peter M. Huber")
_TAG_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[A-ZÄÖÜ]|" + alternation(str(a) for a in WORDS["tag_abbreviations"]) + r")\.",
)


def _genitive_role(mention: str) -> str | None:
    """Return the role noun of a mention that ties it to a body by a genitive ("der Sprecher des Ministeriums")."""
    words = mention.split()
    for k, w in enumerate(words[:-1]):
        if is_role_noun(w) and words[k + 1].lower() in ("des", "der", "eines", "einer"):
            return w
    return None


def _tag_sentence(text: str, q: Quotation, nxt: _Sent) -> bool:
    """Return whether ``nxt`` is the speaker tag of a quote that ends in "!", "?" or "…" without a comma.

    "„Wann kommt der Zug?“ fragte sie." is one sentence that a segmenter cuts after the mark:
    the next sentence starts right after the quote with a lower-case finite verb of saying.
    """
    if not nxt.tokens or text[q.inner[0] : q.inner[1]].rstrip()[-1:] not in ("!", "?", "…", ".") or text[q.end : nxt.start].strip():
        return False
    first = nxt.tokens[0]
    forms = _tag_forms(first.text)
    return first.text[:1].islower() and forms is not None and _tag_form(nxt.tokens, 0, forms) is not None


def _build_tag_verbs() -> dict[str, list[CueForm]]:
    out: dict[str, list[CueForm]] = {}
    for row in WORDS["quote_tag_verbs"]:
        inf, *forms = str(row).split(":")
        particle, _, base = inf.rpartition("|")
        for k, form in enumerate(forms):
            out.setdefault(form, []).append(CueForm((particle + base) or base, particle or None, True, plural=k >= 2))
    return out


#: manner-of-speaking verbs, a speech tag only right after a closing quotation mark
_TAG_VERBS = _build_tag_verbs()


def _tag_forms(word: str) -> list[CueForm] | None:
    """Return the finite cue forms of a word right after a quote: verbs of saying, then manner verbs ("lacht")."""
    return CUE_FORMS.get(word) or _TAG_VERBS.get(word)


def _tag_form(toks: list[Token], k: int, forms: list[CueForm]) -> CueForm | None:
    """Return the finite form the tag verb at ``toks[k]`` has.

    A verb of saying is taken as before (fiction tags "warf Duncan hin" with another particle). A manner
    verb with a separable particle needs that particle ending its clause ("„…“, fuhr er fort", not "fuhr der
    Zug an", "fuhr es aus ihr heraus"), or a name or personal pronoun as its subject ("„Nein!“ fuhr Helene
    empor", an outburst).
    """
    if toks[k].text in CUE_FORMS:
        return next((f for f in forms if f.finite), None)
    reach = _particle_reach(toks, k)
    for f in forms:
        if f.finite and (f.particle is None or any(x.lower == f.particle for x in toks[k + 1 : reach])):
            return f
    j = _skip_fillers(toks, k + 1)
    person = j < len(toks) and toks[j].is_word and (
        toks[j].lower in _PERSON_PRONOUNS or (toks[j].is_cap and toks[j].lower not in ARTICLES and toks[j].lower not in PRONOUNS))
    return next((f for f in forms if f.finite), None) if person else None


def _only_a_tag_between(text: str, start: int, end: int) -> bool:
    """Whether only a speaker tag, ending in a comma or a dash, lies between two parts of one quote."""
    between = _TAG_ABBREVIATION.sub(lambda m: m.group(0)[:-1] + " ", text[start:end])
    return _TAG_BETWEEN.fullmatch(between) is not None

_CAP_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w'’-]*")


def _role_named_people(
    text: str, start: int, end: int, is_title: Callable[[str], bool] = is_role_noun
) -> list[tuple[int, tuple[int, int], re.Match[str]]]:
    """Return people introduced by a role noun ("Ministerin Clara Vogt") in ``text[start:end]``, with that noun."""
    out = []
    words = list(_CAP_WORD.finditer(text, start, end))
    for k, m in enumerate(words):
        if not is_title(m.group()):
            continue
        run: list[re.Match[str]] = []
        for nxt in words[k + 1 : k + 4]:
            gap = text[(run[-1] if run else m).end() : nxt.start()]
            if gap not in (" ", "\u00a0") or is_role_noun(nxt.group()):
                break
            run.append(nxt)
        if run:
            out.append((run[0].start(), (run[0].start(), run[-1].end()), m))
    return out


_CLAUSE_EDGE = re.compile(r"[.:;!?\n„“”\"»«]")
_LOWER_ATTRIBUTE = re.compile(r"[a-zäöüß][\w-]*(?:e|en|er|es|em)")


def _leads_clause(text: str, start: int) -> bool:
    """Return whether only a name's own attributes precede ``start`` in its clause ("Israels Ministerpräsident").

    Such a person is the clause's subject, which a later "der Regierungschef" or "er" most
    likely refers to; a person after a verb ("hat Friedrich Merz gratuliert") is an object.
    """
    lo = max(0, start - 120)
    edges = list(_CLAUSE_EDGE.finditer(text, lo, start))
    if not edges and lo > 0:
        return False
    words = text[edges[-1].end() if edges else lo : start].split()
    return all(w[:1].isupper() or w.lower() in ARTICLES or (_LOWER_ATTRIBUTE.fullmatch(w) and w not in VERB_STOP) for w in words)


def _role_gender(role: str) -> str | None:
    """Return "f" for a feminine role noun ("Innenministerin"), "m" for its masculine form, else None."""
    low = role.lower()
    if low.endswith("in") and is_role_noun(role[:-2]):
        return "f"
    if low.endswith(_FEMININE_ROLE_ENDINGS):
        return "f"
    return "m" if low.endswith(_MASCULINE_ROLE_ENDINGS) else None


def _role_side(word: str, group: list[list[str]]) -> int | None:
    tail = word.lower().rstrip(".").rsplit("-", 1)[-1]
    return next((k for k, side in enumerate(group) for w in side if tail.endswith((w, w + "in", w + "n"))), None)


def _opposite_roles(a: str, b: str) -> bool:
    """Return whether two role nouns are sides one person does not hold at once ("Trainer" / "Stürmer")."""
    for group in _EXCLUSIVE_ROLES:
        sa, sb = _role_side(a, group), _role_side(b, group)
        if sa is not None and sb is not None and sa != sb:
            return True
    return False


def _same_role(a: str, b: str) -> bool:
    """Return whether two role nouns name the same function ("Präsident" / "US-Präsidenten")."""
    return _role_stem(a) == _role_stem(b)


def _kin_roles(a: str, b: str) -> bool:
    """Return whether one role noun is the other or a compound ending in it ("Ministeriumssprecher" / "Sprecher")."""
    sa, sb = _role_stem(a), _role_stem(b)
    return sa.endswith(sb) or sb.endswith(sa)


def _role_stem(word: str) -> str:
    w = word.lower().rstrip(".").rsplit("-", 1)[-1]
    for suffix in ("innen", "in", "en", "n"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            return w[: -len(suffix)]
    return w


def _agrees(pronoun: str, gender: str | None) -> bool:
    low = pronoun.lower()
    if gender is None or low not in ("er", "sie"):
        return True
    return gender == ("m" if low == "er" else "f")


_POSSESSIVE = frozenset("sein seine ihr ihre".split())  # "sagte sein Sohn": the one introduced as "Sohn Trey"
_DEFINITE = frozenset("der die das".split()) | _POSSESSIVE
#: "der 40-Jährige", "die 52-jährige": a person named by age
_AGE_NOUN = re.compile(r"\b(\d{1,3})-[Jj]ährige[nr]?\b")
#: a name followed by more names ("X (ÖVP) und Y", "X, Y und Z"): the noun before it introduced a group
_LIST_AFTER = re.compile(r"(?:\s*\([^()]{1,40}\))?\s*(?:,|und\b|sowie\b)\s*[A-ZÄÖÜ]")
_ARTICLE_GENDER = {"der": "m", "ein": "m", "die": "f", "eine": "f", "das": "n"}


def _gender(phrase: Phrase) -> str | None:
    """Return the grammatical gender a speaker phrase shows, if any (for er/sie agreement)."""
    first = phrase.tokens[0].lower
    if first in _ARTICLE_GENDER and len(phrase.tokens) > 1 and not phrase.coordinated:
        return _ARTICLE_GENDER[first]
    return None


def _last_mention(text: str, name: str, pos: int) -> int:
    """Return where the last word of ``name`` last occurs as a whole word before ``pos`` (or -1)."""
    words = name.split()
    if not words:
        return -1
    word = words[-1]
    lo = max(0, pos - _MAX_RESOLVE_CHARS)
    if _ALL_WORD.fullmatch(word):
        # A word of word characters only cannot overlap another whole-word occurrence of itself,
        # so the last occurrence with non-word neighbours (or the window's ends) is the answer.
        end = pos
        while (i := text.rfind(word, lo, end)) >= 0:
            after = i + len(word)
            if (i == lo or not _is_word_char(text[i - 1])) and (after == pos or not _is_word_char(text[after])):
                return i
            end = after - 1
        return -1
    last = -1
    for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text[lo:pos]):
        last = m.start() + lo
    return last


_ALL_WORD = re.compile(r"\w+")
#: the head of a description: a common noun, also as a compound ("Biologe", "Porto-Coach"), no digits ("40-Jährige")
_DESCRIPTION_HEAD = re.compile(r"(?:[^\W\d_]+-)*[A-ZÄÖÜ][^\W\d_A-ZÄÖÜ]+")
#: the capitalised word right before a name, with nothing but a space between
_WORD_BEFORE = re.compile(r"([A-ZÄÖÜ][^\W\d_]+)[ \u00a0]$")
#: the gender a pronoun or the article of a singular role shows
_MENTION_GENDER = {"er": "m", "der": "m", "sie": "f", "die": "f"}
_TOPIC_SENTENCES = 3  # a description refers back at most this many sentences
#: endings of nouns that name one person, by the article's gender ("der Sachverständige", "die Vorarlbergerin")
_PERSON_NOUN_ENDINGS = {"m": tuple(WORDS["masculine_person_endings"]), "f": tuple(WORDS["feminine_person_endings"])}
#: groups of roles whose sides one person does not hold at once (words.toml ``exclusive_roles``)
_EXCLUSIVE_ROLES: list[list[list[str]]] = [[[str(w) for w in side] for side in group] for group in WORDS["exclusive_roles"]]
#: prepositions that make the name after them the agent of a passive or the owner of a thing (words.toml)
_AGENT_PREPOSITIONS = frozenset(WORDS["agent_prepositions"])
#: nouns of a person's form that name a body, also as a compound's tail ("der Nachrichtensender", "der Hersteller")
_BODY_NOUNS = tuple(WORDS["body_nouns"])
#: a genitive name before a noun ("Straches Vereinnahmung"): a possessor, not the person talked about
_GENITIVE_NAME = re.compile(r"s[ \u00a0][A-ZÄÖÜ][a-zäöüß]")
#: an unnamed person brought in with an indefinite article ("ein benachbarter Unternehmer")
_NEW_PERSON = re.compile(r"\b(?:[Ee]in|[Ee]ine)\s+(?:[a-zäöüß]+(?:e|er|es)\s+){0,2}[A-ZÄÖÜ][a-zäöüß-]*(?:er|in|e|ist|ent|ant)\b")
_TOPIC_CHARS = 800


def _name_end(text: str, ent: EntityRef) -> int:
    """Return where a person's name ends without a genitive "s" ("nach Andrejews Worten" → "Andrejew").

    Only after a consonant other than "s": "Jonas", "Klaus", "Weiss" keep theirs.
    """
    end = ent.end
    if _GENITIVE_NAME.match(text, end - 1) and end - ent.start > 3 and text[end - 2].lower() not in "aeiouäöüsxz":
        return end - 1
    return end


def _is_word_char(ch: str) -> bool:
    """Return whether ``ch`` is a regex word character (``\\w``)."""
    return ch.isalnum() or ch == "_"


class _Extractor:
    def __init__(self, text: str, entities: list[EntityRef], max_quote_chars: int) -> None:
        self.text = text
        self.entities = sorted(entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.max_quote_chars = max_quote_chars
        self.history = _History(persons=[e for e in self.entities if e.label == "PER" and e.form in (None, "name")])
        self.person_starts = [e.start for e in self.history.persons]
        self.acts: list[SpeechAct] = []
        self.quoted: list[tuple[int, int]] = []
        self.by_sentence: dict[int, list[SpeechAct]] = {}
        self.sent_spans: list[tuple[int, int]] = []
        self.sent_starts: list[int] = []

    # -- speakers ---------------------------------------------------------------------------
    def _speaker(self, phrase: Phrase | None, *, plural: bool = False, subject: bool = False) -> Speaker | None:
        """Return the speaker a phrase names; ``subject``: the phrase is the subject of a verb of saying."""
        if phrase is None:
            return None
        pick_name(phrase, self.entities)
        mention = (phrase.start, phrase.end)
        if phrase.kind == "pronoun":
            return self._resolve(mention, plural=plural, kind="pronoun")
        if phrase.kind == "role":
            resolved = self._resolve(mention, plural=False, kind="role")
            if resolved.resolution == "role":
                return resolved
        if phrase.kind == "phrase" and len(phrase.tokens) == 1 and is_role_noun(role := phrase.tokens[0].text):
            # "Zoo-Direktor: „…“" (a headline's bare role): the person the text introduced with that role
            resolved = self._resolve(mention, plural=False, kind="role")
            if resolved.span is not None and resolved.span != mention \
                    and any(_kin_roles(r, role) for r in self._intro_roles(resolved.text, mention[0])):
                return resolved
        if phrase.kind in ("name", "phrase") and not phrase.coordinated and not plural \
                and (described := self._described(phrase, subject=subject)) is not None:
            return described
        s, e = phrase.span
        return Speaker(self.text[s:e], (s, e), phrase.ann, phrase.anns, mention, phrase.kind, plural=phrase.coordinated,
                       gender=_gender(phrase))

    def _described(self, phrase: Phrase, *, subject: bool = False) -> Speaker | None:
        """Resolve "der Biologe" (a definite noun that is no name and no listed role) to the person it introduced.

        The person is one introduced earlier with the same noun right before the name ("Der Biologe
        Martin Huber"). When no one or more than one person was introduced so, the phrase stays the
        description it is (None: the caller keeps "Biologe"), never the name of someone merely nearby.
        """
        toks = phrase.tokens
        if len(toks) < 2 or toks[0].lower not in _DEFINITE:
            return None
        head = toks[-1]
        if not (head.is_cap and head.is_word and _DESCRIPTION_HEAD.fullmatch(head.text)) \
                or (is_role_noun(head.text) and toks[0].lower not in _POSSESSIVE) \
                or not all(t.is_word and t.text[:1].islower() for t in toks[1:-1]):
            return None
        if self.entities and any(e.start < head.end and head.start < e.end and not (e.label == "LOC" and "-" in head.text)
                                 for e in self.entities):
            return None  # "die Linke", "der Spiegel": the entity stage read a name (not "der Porto-Coach": a place's coach)
        stem = _role_stem(head.text)
        found: dict[str, tuple[tuple[int, int], EntityRef | None]] = {}
        pos = phrase.start
        for _at, span, _title in _role_named_people(self.text, max(0, pos - _MAX_RESOLVE_CHARS), pos,
                                                   lambda w: _role_stem(w) == stem):
            ent = self._person_at(span[0])
            if self.entities and ent is None:
                continue  # with entities at hand, only a person entity is a name
            if _LIST_AFTER.match(self.text, span[1]):
                return None  # "die Klubobleute X (ÖVP) und Y (SPÖ)": the noun introduced several people
            found[self.text[span[0] : span[1]].split()[-1]] = (span, ent)
        if not found:
            return self._topic_person(phrase) if subject else None
        if len(found) != 1:
            return None  # the phrase stays the description it is ("Biologe"), never a guessed name
        span, ent = next(iter(found.values()))
        ann = [ent.id] if ent is not None else []
        return Speaker(self.text[span[0] : span[1]], span, ann[0] if ann else None, ann, (phrase.start, phrase.end), "role",
                       gender=_gender(phrase))

    def _topic_person(self, phrase: Phrase) -> Speaker | None:
        """Resolve "meinte der ehemalige Porto-Coach" to the person the sentences before it are about.

        News text names a person once and then refers to them by a description ("der Trainer Andre
        Villas-Boas. „…“, meinte der ehemalige Porto-Coach"). The sentence nearest before the phrase
        that names anyone (outside quotes) decides: its only person, or the one person leading a
        clause; a person whose introducing noun shows the other gender is no candidate. Two people
        side by side, or none within a few sentences, leave the description as it is.
        """
        pos = phrase.start
        gender = _gender(phrase)
        head = phrase.tokens[-1].text
        last = head.rsplit("-", 1)[-1].lower()
        if gender not in ("m", "f") or not last.endswith(_PERSON_NOUN_ENDINGS[gender]) or last.endswith(_BODY_NOUNS):
            return None  # "das Fachmagazin", "die Behörde", "die Agenturgründer", "der Sender": no one person
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        for j in range(k - 1, max(-1, k - 1 - _TOPIC_SENTENCES), -1):  # its own sentence names whom the words are about
            s0, s1 = self.sent_spans[j] if self.sent_spans else (0, pos)
            if s1 < pos - _TOPIC_CHARS:
                return None
            lo = bisect.bisect_left(self.person_starts, s0)
            hi = bisect.bisect_left(self.person_starts, min(s1, pos))
            people = [e for e in self.history.persons[lo:hi] if not any(q0 <= e.start < q1 for q0, q1 in self.quoted)
                      and not _GENITIVE_NAME.match(self.text, e.end - 1)]
            if not people:
                continue
            between = self.text[people[0].start : pos]
            if _NEW_PERSON.search(between) or re.search(r"(?i)\w" + re.escape(last) + r"\b", self.text[s0:pos]) \
                    or any(e.label == "ORG" and s0 <= e.start < pos and e.form in (None, "name", "acronym")
                           and not any(q0 <= e.start < q1 for q0, q1 in self.quoted) for e in self.entities):
                return None  # an unnamed newcomer ("eine junge Medizinstudentin") or an organisation may be meant
            keys = {self.text[e.start : e.end].split()[-1] for e in people}
            leading = [e for e in people if _leads_clause(self.text, e.start)]
            pick = people[-1] if len(keys) == 1 else leading[0] if len({self.text[e.start : e.end].split()[-1] for e in leading}) == 1 else None
            if pick is None or self._person_gender(pick) not in (None, gender) or self._after_preposition(pick.start, s0):
                return None  # "eine Rede von Hans Huber": a name a preposition governs is not whom the text is about
            if (m := _WORD_BEFORE.search(self.text, max(0, pick.start - 40), pick.start)) is not None \
                    and (is_role_noun(m.group(1)) or m.group(1).lower().endswith(_PERSON_NOUN_ENDINGS[gender])) \
                    and _role_stem(m.group(1)) != _role_stem(head):
                return None  # "der Imker Karl Maier … so der Biologe": another noun introduced him, the biologist is someone else
            return Speaker(self.text[pick.start : pick.end], (pick.start, pick.end), pick.id, [pick.id], (phrase.start, phrase.end),
                           "role", gender=gender)
        return None

    def _after_preposition(self, start: int, lo: int) -> bool:
        """Return whether "von" makes a name an agent or owner ("von Peter Klein getestet", "eine Rede von Hans Huber").

        Only articles and capitalised title words may stand between "von" and the name; "nach Angaben von
        X" credits X. Other prepositions do not count: "die Forscher um X", "wenn es nach X geht", "im
        Gespräch mit X" often name the very person a description then refers to.
        """
        words = self.text[max(lo, start - 60) : start].split()
        for k in range(len(words) - 1, max(-1, len(words) - 5), -1):
            w, low = words[k], words[k].lower()
            if low in _AGENT_PREPOSITIONS:
                return k == 0 or words[k - 1].lower().strip(",") not in SAID_NOUNS
            if low not in ARTICLES and not (w[:1].isupper() and is_role_noun(w)):
                return False
        return False

    def _introduced_otherwise(self, name: str, role: str, pos: int) -> bool:
        """Return whether the text introduced ``name`` only with role nouns other than ``role`` before ``pos``."""
        roles = self._intro_roles(name, pos)
        return bool(roles) and not any(_kin_roles(r, role) for r in roles)

    def _introduced_opposite(self, name: str, role: str, pos: int) -> bool:
        """Return whether the text introduced ``name`` with a role one person does not hold beside ``role``."""
        return any(_opposite_roles(role, r) for r in self._intro_roles(name, pos))

    def _intro_roles(self, name: str, pos: int) -> list[str]:
        """Return the role nouns the text put right before ``name`` ("Zoo-Direktor Uwe Brand") before ``pos``."""
        words = name.split()
        if not words:
            return []
        roles: list[str] = []
        lo = max(0, pos - _MAX_RESOLVE_CHARS)
        for m in re.finditer(r"(?<!\w)" + re.escape(words[-1]) + r"(?!\w)", self.text[lo:pos]):
            before = self.text[max(0, lo + m.start() - 80) : lo + m.start()].split()
            for w in reversed(before[-4:]):
                if not w[:1].isupper():
                    break
                if is_role_noun(w):
                    roles.append(w)
                    break
        return roles

    def _before_said_noun(self, ent: EntityRef) -> bool:
        nxt = self.text[ent.end : ent.end + 30].split()
        return bool(nxt) and nxt[0].strip(".,;:").lower() in SAID_NOUNS

    def _person_gender(self, ent: EntityRef) -> str | None:
        """Return the gender the noun right before a person's name shows ("Ehefrau Sheree Zampino", "Trainer Jan Ott")."""
        m = _WORD_BEFORE.search(self.text, max(0, ent.start - 40), ent.start)
        if m is None:
            return None
        word = m.group(1)
        if is_role_noun(word) or is_role_noun(word[:-2]) or word.lower().endswith(_FEMININE_ROLE_ENDINGS):
            return _role_gender(word)
        return None

    def _aged(self, mention: tuple[int, int]) -> Speaker | None:
        """Resolve "der 40-Jährige" to the one person the text gives that age ("Marco Brandt (40)", "der 40-jährige X")."""
        m = _AGE_NOUN.search(self.text, mention[0], mention[1])
        if m is None:
            return None
        age = m.group(1)
        pos = mention[0]
        lo = bisect.bisect_left(self.person_starts, pos - _MAX_RESOLVE_CHARS)
        hi = bisect.bisect_left(self.person_starts, pos)
        found: dict[str, EntityRef] = {}
        for ent in self.history.persons[lo:hi]:
            after = re.match(r"\s*\(\s*(\d+)\s*[,;)]", self.text[ent.end : ent.end + 40])
            before = re.search(r"\b(\d+)-jährige[nr]?\s+(?:[A-ZÄÖÜ][\w-]*\s+)?$", self.text[max(0, ent.start - 60) : ent.start])
            if (after and after.group(1) == age) or (before and before.group(1) == age):
                found[self.text[ent.start : ent.end]] = ent
        if len(found) != 1:
            return None
        ent = next(iter(found.values()))
        return Speaker(self.text[ent.start : ent.end], (ent.start, ent.end), ent.id, [ent.id], mention, "role")

    def _resolve(self, mention: tuple[int, int], *, plural: bool, kind: str) -> Speaker:
        pos = mention[0]
        if kind == "role" and not plural and (aged := self._aged(mention)) is not None:
            return aged  # the age the text gave one person decides over nearness
        best: tuple[int, Speaker] | None = None
        seen: set[str] = set()
        # "der Sicherheitsberater der schwedischen Regierung": a role tied to a body by a genitive is a
        # description of its own; someone the text introduced with another role is not meant
        role_head = _genitive_role(self.text[mention[0] : mention[1]]) if kind == "role" and not plural else None
        head = next((t for t in reversed(self.text[mention[0] : mention[1]].split()) if is_role_noun(t)), None) \
            if kind == "role" else None
        for sp, where in reversed(self.history.speakers):
            if pos - where > 3 * _MAX_RESOLVE_CHARS:
                break  # history is in text order: older speakers are out of reach
            if sp.plural != plural or sp.span is None or sp.resolution in ("phrase",) or sp.text in seen:
                continue
            if role_head is not None and self._introduced_otherwise(sp.text, role_head, pos):
                continue  # "der Sicherheitsberater" is not the speaker introduced as "Außenminister Jan Ott"
            if head is not None and not plural and self._introduced_opposite(sp.text, head, pos):
                continue  # "der Trainer" is not the one introduced as "Der Stürmer Max Berger"
            if kind == "pronoun" and not plural and not _agrees(self.text[mention[0] : mention[1]], sp.gender):
                continue
            seen.add(sp.text)
            at = max(where, _last_mention(self.text, sp.text, pos)) + _SPEAKER_BONUS
            if at - _SPEAKER_BONUS < pos and pos - at <= _MAX_RESOLVE_CHARS and (best is None or at > best[0]):
                best = (at, sp)
        if not plural and (kind != "role" or best is None):
            want = _MENTION_GENDER.get(self.text[mention[0] : mention[1]].split()[0].lower()) if kind != "role" or head else None
            for at, span, role in _role_named_people(self.text, max(0, pos - _MAX_RESOLVE_CHARS), pos):
                if role_head is not None and not _kin_roles(role_head, role.group()):
                    continue
                if head is not None and (_opposite_roles(head, role.group()) or self._after_preposition(span[0], 0)):
                    continue
                if want is not None and _role_gender(role.group()) not in (None, want):
                    continue  # "sie" is not "Regierungschef Markus Söder", "der Familienvater" not "Ehefrau Sheree Zampino"
                if head is not None and _same_role(head, role.group()):
                    at += _ROLE_MATCH_BONUS  # "Präsident Macron … der Präsident" over a nearer "Scholz"
                elif _leads_clause(self.text, role.start()):
                    at += _SUBJECT_BONUS
                if best is None or at > best[0]:
                    ent = self._person_at(span[0])
                    ann = [ent.id] if ent is not None else []
                    best = (at, Speaker(self.text[span[0] : span[1]], span, ann[0] if ann else None, ann, None, "name",
                                        gender=_role_gender(role.group())))
            persons = self.history.persons
            lo = bisect.bisect_left(self.person_starts, pos - _MAX_RESOLVE_CHARS)
            hi = bisect.bisect_left(self.person_starts, pos)
            for ent in persons[lo:hi]:
                if any(q0 <= ent.start < q1 for q0, q1 in self.quoted):
                    continue  # people named inside a quote are rarely its speaker
                if want is not None and self._person_gender(ent) not in (None, want):
                    continue  # "er" / "der Familienvater" is not "seine Ehefrau Sheree Zampino"
                if role_head is not None and self._introduced_otherwise(self.text[ent.start : ent.end], role_head, pos):
                    continue
                if head is not None and (self._introduced_opposite(self.text[ent.start : ent.end], head, pos)
                                         or self._after_preposition(ent.start, 0)):
                    continue  # nor a name a preposition governs ("ein Treffen mit Jan Ott … sagte der Minister")
                if _GENITIVE_NAME.match(self.text, ent.end - 1) and not self._before_said_noun(ent):
                    continue  # "Otts Übergewicht": a possessor, not someone who speaks ("nach Otts Worten" is)
                at = ent.start + (_SUBJECT_BONUS if _leads_clause(self.text, ent.start) else 0)
                if ent.end <= pos and (best is None or at > best[0]):
                    end = _name_end(self.text, ent)
                    best = (at, Speaker(self.text[ent.start : end], (ent.start, end), ent.id, [ent.id],
                                        gender=self._person_gender(ent)))
        word = self.text[mention[0] : mention[1]]
        if best is None:
            return Speaker(word, mention, None, [], mention, "unresolved" if kind == "pronoun" else "role", plural)
        sp = best[1]
        gender = sp.gender or ({"er": "m", "sie": "f"}.get(word.lower()) if kind == "pronoun" and not plural else None)
        return Speaker(sp.text, sp.span, sp.ann, list(sp.anns), mention, kind, plural, gender=gender)

    def _person_at(self, start: int) -> EntityRef | None:
        k = bisect.bisect_left(self.person_starts, start)
        if k < len(self.history.persons) and self.history.persons[k].start == start:
            return self.history.persons[k]
        return None

    def _is_person(self, start: int) -> bool:
        """Return whether a person entity starts at ``start`` (any form the entity stage gave it)."""
        k = bisect.bisect_left(self.entity_starts, start)
        while k < len(self.entities) and self.entities[k].start == start:
            if self.entities[k].label == "PER":
                return True
            k += 1
        return False

    def _remember(self, sp: Speaker | None, pos: int) -> None:
        if sp is not None and sp.span is not None and sp.resolution not in ("unresolved", "phrase"):
            self.history.speakers.append((sp, pos))

    # -- acts -------------------------------------------------------------------------------
    def _add(self, act: SpeechAct) -> None:
        self.acts.append(act)
        self.by_sentence.setdefault(act.sentence, []).append(act)

    def _content_after(self, sent: _Sent, cue: _Cue) -> tuple[int, int] | None:
        """Return the token range of a reported clause after the cue (and its subject)."""
        toks = sent.tokens
        i = max(cue.subject_end, cue.idx + 1)
        steps = 0
        while i < len(toks) and toks[i].text not in (",", ":") and steps < 10:
            if toks[i].text in _QUOTE_CHARS or toks[i].text in ".!?;" or toks[i].text in CUE_FORMS:
                return None
            i, steps = i + 1, steps + 1
        if i >= len(toks) - 1 or toks[i].text not in (",", ":"):
            return None
        k = i + 1
        end = len(toks)
        while end > k and toks[end - 1].text in ".!?":
            end -= 1
        if end <= k:
            return None
        if toks[k].lower in _SUBORDINATORS and toks[k].lower not in ("weil",):
            return k, end
        if toks[k].text in _QUOTE_CHARS:
            return None
        if _has_subjunctive(sent, k, min(end, k + 14)):
            return k, end
        return None

    def _indirect(self, idx: int, sent: _Sent, cues: list[_Cue]) -> None:
        toks = sent.tokens
        for cue in cues:
            rng = self._content_after(sent, cue)
            cs = _clause_start(toks, cue.idx)
            verb_first = cs == cue.idx or toks[cs].lower in _HABEN  # ", sagte X" / ", hat X berichtet"
            ends_quoted = cs >= 2 and toks[cs - 2].text in _QUOTE_CHARS
            if rng is None and cue.inverted and verb_first and cs >= 2 and toks[cs - 1].text == "," \
                    and (not ends_quoted or _has_subjunctive(sent, 0, cs - 1, allow_konj2=False)):
                # "Was sie täten, bleibe abzuwarten, sagte X." — the clause before the cue.
                first = 0
                while first < cs and toks[first].text in _QUOTE_CHARS:
                    first += 1
                prefix = toks[first : cs - 1]
                words = [t for t in prefix if t.is_word]
                framed = bool(prefix) and prefix[0].lower in PREPOSITIONS  # "Auf die Frage, ob …, sagte X"
                quoted = any(t.text in _QUOTE_CHARS for t in prefix)
                if not framed and (
                    _has_subjunctive(sent, first, cs - 1, allow_konj2=False)
                    or (not quoted and prefix and prefix[0].lower in ("dass", "ob", "wie", "was", "warum"))
                    or (not quoted and cue.subject is not None and len(words) >= 3  # "Es wird nicht fehlen, versichert X"
                        and prefix[0].lower not in _SUBORDINATE_START and not _apposition_only(prefix))
                ):
                    rng = (first, cs - 1)
            if rng is None and cue.lemma == "sprechen" and cue.form.finite:
                rng = _spoke_of(sent, cue)
            if rng is None:
                continue
            if cue.relative:
                commas = [k for k in range(rng[0] + 1, rng[1]) if toks[k].text == ","]
                if commas:
                    rng = (rng[0], commas[-1])
            start, end = toks[rng[0]].start, toks[rng[1] - 1].end
            if any(q[0] <= start and end <= q[1] for q in sent.quoted):
                continue
            speaker = self._speaker(cue.subject, plural=cue.form.plural, subject=True) if cue.subject else None
            self._add(SpeechAct("indirect", start, end, (start, end), speaker, cue.lemma, cue.span, _mood(sent, start, end),
                                self._hedge(start, end), idx))

    def _continuation(self, idx: int, sent: _Sent, prev: list[SpeechAct]) -> None:
        toks = sent.tokens
        first = next((t for t in toks if sent.outside(t) and t.is_word), None)
        if first is None or toks[-1].text == "?":
            return
        first_word = first.text
        if first_word == "Bitte" or (is_konjunktiv1(first_word.lower()) and first_word[:1].isupper()):
            return  # "Bitte beachte …", "Beachte …": imperative, not subjunctive
        first_clause_end = next((k for k, t in enumerate(toks) if t.text in (",", ";", ":") and k > 1), len(toks))
        reported_marker = any(t.lower in ("demnach", "demzufolge") for t in toks)
        if not (_has_subjunctive(sent, 0, len(toks), allow_konj2=False, allow_wuerde=False)
                or _has_subjunctive(sent, 0, first_clause_end, allow_konj2=reported_marker)):
            return
        source = next((a for a in reversed(prev) if a.speaker is not None and a.speaker.resolution != "unresolved"), None)
        own = self._own_subject(sent)
        if source is None and (own is None or not any(t.text == ":" for t in toks)):
            return
        end_tok = len(toks)
        while end_tok > 0 and toks[end_tok - 1].text in ".!?":
            end_tok -= 1
        if end_tok == 0:
            return
        start, end = toks[0].start, toks[end_tok - 1].end
        sp = source.speaker if source is not None else own
        assert sp is not None
        speaker = Speaker(sp.text, sp.span, sp.ann, list(sp.anns), None, "continuation", sp.plural)
        if own is not None and (source is None or own.ann != sp.ann):
            speaker = own  # "Zuletzt zeigte sich Naftogas-Chef Kobolew optimistisch, dass … werde"; "X zeigte sich zufrieden: …"
            colon = next((k for k, t in enumerate(toks[:end_tok]) if t.text == ":" and t.start > own.span[1]), None) \
                if own.span is not None else None
            if colon is not None and colon + 1 < end_tok:
                start = toks[colon + 1].start  # what was said is the part after the colon
        self._add(SpeechAct("indirect", start, end, (start, end), speaker, None, None, "konjunktiv", self._hedge(start, end), idx))

    def _own_subject(self, sent: _Sent) -> Speaker | None:
        """Return a person who holds the main clause of a subjunctive sentence, not after a preposition.

        A subjunctive sentence that names its own person in an indicative main clause ahead of the
        subjunctive clause ("Zuletzt zeigte sich X optimistisch, dass eine Lösung gefunden werde")
        reports that person, not the last speaker. A person who is the subject of the subjunctive
        verb itself ("Thomas Berger habe zuvor ein Auto gemietet") is what the last speaker reports.
        """
        toks = sent.tokens
        first = next((k for k, t in enumerate(toks) if sent.outside(t) and (is_konjunktiv1(t.text) or t.text in KONJ2)), None)
        if first is None or (first + 1 < len(toks) and toks[first + 1].lower in _SUBJECT_PRONOUNS):
            return None  # "Manuela Khom wähle man": the pronoun after the verb is the subject, the name its object
        limit = toks[first].start
        lo = bisect.bisect_left(self.person_starts, sent.start)
        for ent in self.history.persons[lo:]:
            if ent.start >= limit:
                break
            k = next((k for k, t in enumerate(toks) if t.start == ent.start), None)
            if k is None or not sent.outside(toks[k]):
                continue
            before = toks[k - 1].lower if k > 0 else ""
            if before in PREPOSITIONS or before in _OBJECT_FIRST or self.text[ent.end : ent.end + 1] in ("s", "'", "’"):
                continue
            if self.text[ent.end - 1 : ent.end] == "s" and k + 1 < len(toks) and toks[k + 1].is_cap:
                continue  # "Zschäpes Darstellung": a genitive
            if not _main_clause_before(toks, k, first):
                continue
            sep = next(c for c in range(k + 1, first) if toks[c].text in (",", ":"))
            if toks[sep].text == ":" and not (_leads_clause(self.text, ent.start) or (k > 0 and toks[k - 1].lower == "sich")):
                continue  # before a colon only the clause's subject speaks ("X zeigte sich zufrieden:"), not "hat Mayer Doskozil kennengelernt:"
            return Speaker(self.text[ent.start : ent.end], (ent.start, ent.end), ent.id, [ent.id], None, "name")
        return None

    def _hedge(self, start: int, end: int) -> str | None:
        chunk = self.text[start:end]
        if _HEDGE_SOLL.search(chunk):
            return "soll"
        m = _HEDGE_WORDS.search(chunk)
        return m.group(1).lower() if m else None

    def _direct(self, idx: int, sent: _Sent, q: Quotation, end_sent: _Sent, cues: list[_Cue], prev: list[SpeechAct],
                prev_sent: _Sent | None = None, next_sent: _Sent | None = None) -> None:
        inner = q.inner
        if not any(ch.isalpha() for ch in self.text[inner[0] : inner[1]]):
            return
        speaker: Speaker | None = None
        cue_lemma: str | None = None
        cue_span: tuple[int, int] | None = None
        # (a) cue right after the closing mark: "…“, sagte X" / "…“, so X" / "…“, wie X betonte".
        after = [t for t in end_sent.tokens if t.start >= q.end]
        if not after and next_sent is not None and _tag_sentence(self.text, q, next_sent):
            after = next_sent.tokens  # "„Wir schaffen das!“ sagte sie.": the segmenter ended the sentence at "!“"
        k = 0
        while k < len(after) and k < 2 and after[k].text in _AFTER_CLOSE:
            k += 1
        if k < len(after):
            t = after[k]
            forms = _tag_forms(t.text)
            if forms and (form := _tag_form(after, k, forms)) is not None:
                tail = after[k + 1 :]
                j = _skip_fillers(tail, 0)
                np = parse_np_forward(tail, j)
                cue_lemma, cue_span = form.lemma, (t.start, t.end)
                if np is not None:
                    speaker = self._speaker(np, plural=form.plural, subject=True)
            elif t.lower in _HABEN and k > 0 and (part := _participle_cue(after, k + 1)) is not None:
                # "„…“, hatte Münchens OB Dieter Reiter noch gesagt": auxiliary, subject, participle.
                np = parse_np_forward(after, _skip_fillers(after, k + 1))
                lemma = next(f.lemma for f in CUE_FORMS[after[part].text] if f.participle)
                cue_lemma, cue_span = lemma, (after[part].start, after[part].end)
                if np is not None:
                    speaker = self._speaker(np, subject=True)
            elif t.lower in ("hieß", "heißt") and k > 0 and k + 2 < len(after) and after[k + 1].lower == "es" \
                    and after[k + 2].lower in _HIESS_PREP:
                np = parse_np_forward(after, k + 3)
                if np is not None:
                    speaker, cue_lemma, cue_span = self._speaker(np), "heißen", (t.start, after[k + 1].end)
            elif t.lower == "so" and k > 0:
                np = parse_np_forward(after, k + 1)
                if np is not None:
                    speaker, cue_lemma, cue_span = self._speaker(np, subject=True), "so", (t.start, t.end)
            elif t.lower == "wie" and k > 0:
                np = parse_np_forward(after, k + 1)
                if np is not None:
                    nxt = k + 1 + len(np.tokens)
                    if nxt < len(after) and after[nxt].text in CUE_FORMS:
                        speaker, cue_lemma, cue_span = self._speaker(np), CUE_FORMS[after[nxt].text][0].lemma, (after[nxt].start, after[nxt].end)
        # (b) a cue before the quote in its sentence: "X sagte: „…“", "bezeichnete … als „…“".
        if speaker is None:
            before = [c for c in cues if c.span[1] <= q.start]
            if before:
                cue = before[-1]
                if cue.subject is not None:
                    speaker = self._speaker(cue.subject, plural=cue.form.plural, subject=True)
                cue_lemma, cue_span = cue.lemma, cue.span
        # (c) "Der Minister: „…“" — a noun phrase and a colon, no verb.
        if speaker is None and cue_lemma is None:
            toks = [t for t in sent.tokens if t.end <= q.start]
            if len(toks) >= 2 and toks[-1].text == ":":
                k = len(toks) - 1
                while k > 0 and toks[k - 1].text not in (".", ";", "-", "–", "—", ":", "|"):
                    k -= 1
                np = parse_np_forward(toks, k)
                if np is not None and k + len(np.tokens) == len(toks) - 1 and self._plausible_speaker(np):
                    speaker, cue_lemma, cue_span = self._speaker(np), ":", (toks[-1].start, toks[-1].end)
                else:
                    # "Und Yücel setzte noch einen drauf: „…“": the subject of the clause before the colon.
                    while k < len(toks) and toks[k].lower in ("und", "aber", "doch", "auch"):
                        k += 1
                    np = parse_np_forward(toks, k) if k < len(toks) and toks[k].lower not in _OBJECT_FIRST else None
                    nxt = k + len(np.tokens) if np is not None else len(toks)
                    if np is not None and nxt < len(toks) - 1 and toks[nxt].text[:1].islower() and toks[nxt].is_word \
                            and np.kind != "pronoun" and self._plausible_speaker(np, strict=True):
                        speaker, cue_lemma, cue_span = self._speaker(np), ":", (toks[-1].start, toks[-1].end)
                    else:
                        # "Und trotz allem war sie nachdenklich: „…“": a subject pronoun in that clause.
                        pron = next((t for t in toks[1:-1] if t.text in ("er", "sie")), None)
                        if pron is not None:
                            speaker = self._resolve((pron.start, pron.end), plural=False, kind="pronoun")
                            cue_lemma, cue_span = ":", (toks[-1].start, toks[-1].end)
        # (d) inside speech already attributed in this sentence, or continuing the last speaker.
        if speaker is None and cue_lemma is None:
            covering = [a for a in self.by_sentence.get(idx, []) if a.start <= q.start <= a.end + 2 and a.speaker]
            lead = [t for t in sent.tokens if t.end <= q.start]
            starts_sentence = not any(t.is_word for t in lead) or (
                # "Ernster Nachsatz: „…“": a short label, no verb of saying
                lead[-1].text == ":" and sum(t.is_word for t in lead) <= 4 and not any(c.span[1] <= q.start for c in cues))
            tagged = self._tagged_before(idx, q)
            if tagged is not None:
                # "„Wir sind“, so der Sprecher, „auf alles vorbereitet.“": the tag between the parts names both
                speaker, cue_lemma, cue_span = tagged.speaker, tagged.cue, tagged.cue_span
            elif covering:
                speaker = covering[-1].speaker
            elif starts_sentence:
                source = next((a for a in reversed(prev) if a.speaker is not None and a.speaker.resolution != "unresolved"), None)
                if source is not None and source.speaker is not None:
                    sp = source.speaker
                    speaker = Speaker(sp.text, sp.span, sp.ann, list(sp.anns), None, "continuation", sp.plural)
                elif prev_sent is not None:
                    # "Barisic ist Tag und Nacht auf Achse. „Es ist intensiver denn je.“": the person just named.
                    person = next((e for e in self.history.persons if prev_sent.start <= e.start < prev_sent.end
                                   and prev_sent.outside(Token("", e.start, e.end))), None)
                    if person is not None:
                        speaker = Speaker(self.text[person.start : person.end], (person.start, person.end), person.id, [person.id],
                                          None, "continuation")
        if speaker is None and cue_lemma is None:
            # No attribution: keep only sentence-like quotes, not scare quotes or titles.
            inner_text = self.text[inner[0] : inner[1]].strip()
            if len(inner_text.split()) < 5 and not inner_text.endswith((".", "!", "?", "…")):
                return
        if any(a.speaker is not None and a.speaker.span is not None and a.speaker.span[0] < q.end and q.start < a.speaker.span[1]
               for a in self.by_sentence.get(idx, [])):
            return  # "schreibt die „Süddeutsche Zeitung“": the marks belong to the speaker's name
        mood = "konjunktiv" if _mood(sent, *inner) == "konjunktiv" else "indicative"
        self._add(SpeechAct("direct", q.start, q.end, inner, speaker, cue_lemma, cue_span, mood, None, idx, open_end=not q.closed))

    def _tagged_before(self, idx: int, q: Quotation) -> SpeechAct | None:
        """Return the quote this one continues across its speaker tag ("„…“, so X, „…“", "„…“ – so X – „…“").

        The earlier quote is in the same sentence, its cue lies between the two, and only the tag
        (no sentence end, no other quote) separates them, ending in a comma or a dash.
        """
        for a in reversed(self.by_sentence.get(idx, [])):
            if a.label != "direct" or a.end > q.start:
                continue
            if a.speaker is None or a.cue_span is None or not (a.end <= a.cue_span[0] and a.cue_span[1] <= q.start):
                return None
            return a if _only_a_tag_between(self.text, a.end, q.start) else None
        return None

    def _topic(self, sent: _Sent) -> Speaker | None:
        """Return the person/organisation a sentence starts with ("CNN wiederum scheint skeptisch …")."""
        words = list(islice((t for t in sent.tokens if t.is_word), 4))
        if not words:
            return None
        limit = words[-1].end
        found: list[EntityRef] = []
        # Entities are sorted by start: begin at the first one that can lie in the sentence.
        for e in self.entities[bisect.bisect_left(self.entity_starts, sent.start):]:
            if sent.start <= e.start < limit and e.label in ("PER", "ORG") and e.form in (None, "name", "acronym") \
                    and sent.outside(Token("", e.start, e.end)) and self.text[e.end : e.end + 1] != "-":
                found.append(e)
            if e.start >= limit:
                break
        if not found:
            # "In einer ersten Reaktion bedankte sie sich …": a subject pronoun keeps its person in focus.
            for t in sent.tokens[:8]:
                if t.text in ("er", "sie", "Er", "Sie") and sent.outside(t):
                    sp = self._resolve((t.start, t.end), plural=False, kind="pronoun")
                    if sp.resolution != "unresolved":
                        return Speaker(sp.text, sp.span, sp.ann, list(sp.anns), None, "continuation", gender=sp.gender)
                    break
            return None
        e = min(found, key=lambda x: (x.label != "PER", x.start))
        return Speaker(self.text[e.start : e.end], (e.start, e.end), e.id, [e.id], None, "continuation")

    def _plausible_speaker(self, np: Phrase, *, strict: bool = False) -> bool:
        """Return whether a bare noun phrase before a colon can be a speaker ("Diess:", not "Ernster Nachsatz:")."""
        if np.kind == "pronoun":
            return True
        if not self.entities:
            return not strict or any(is_role_noun(t.text) for t in np.tokens)
        return any(e.start < np.end and np.start < e.end and e.label in ("PER", "ORG") for e in self.entities)

    def _reported(self, idx: int, sent: _Sent, prev_sent: _Sent | None, cues: list[_Cue]) -> None:
        toks = sent.tokens
        found: list[tuple[Phrase | None, str, tuple[int, int], tuple[int, int] | None]] = []  # phrase, cue, cue span, content
        for att in find_attributions(toks, sent.outside):
            if att.so_comma is not None and _has_subjunctive(sent, 0, att.so_comma, allow_konj2=False):
                # "Es sei davon auszugehen, dass …, so Gepperth." is indirect speech.
                c = (toks[0].start, toks[att.so_comma - 1].end)
                self._add(SpeechAct("indirect", c[0], c[1], c, self._speaker(att.phrase), "so", att.cue_span,
                                    "konjunktiv", self._hedge(*c), idx))
                continue
            found.append((att.phrase, att.cue, att.cue_span, att.content))
        # "Das berichtet X." — the previous sentence is what X reported.
        if prev_sent is not None and len(toks) > 2 and toks[0].lower in ("das", "dies") and cues and cues[0].idx == 1 and cues[0].subject:
            found.append((cues[0].subject, cues[0].lemma, cues[0].span, (prev_sent.start, prev_sent.end)))
        hedge = self._hedge(sent.start, sent.end)
        end = sent.end
        for np, cue, cue_span, content in found:
            speaker = self._speaker(np)
            start = content[0] if content else sent.start
            c = content or (sent.start, end)
            self._add(SpeechAct("reported", start, end, c, speaker, cue, cue_span, _mood(sent, sent.start, end), hedge, idx))
        if not found and hedge == "soll" and not self.by_sentence.get(idx):
            m = _HEDGE_SOLL.search(self.text, sent.start, sent.end)
            soll_span = (m.start(), m.start() + len(m.group().split()[0])) if m else None
            self._add(SpeechAct("reported", sent.start, end, (sent.start, end), None, "soll", soll_span, "indicative", "soll", idx))

    # -- driver -----------------------------------------------------------------------------
    def run(self, sentences: list[_Sent], quotes: list[Quotation]) -> list[SpeechAct]:
        starts = [s.start for s in sentences]
        self.sent_starts, self.sent_spans = starts, [(s.start, s.end) for s in sentences]

        def sent_of(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        by_sentence: dict[int, list[Quotation]] = {}
        for q in quotes:
            by_sentence.setdefault(sent_of(q.start), []).append(q)
        prev_acts: list[SpeechAct] = []
        self.quoted = [(q.start, q.end) for q in quotes]
        for idx, sent in enumerate(sentences):
            cues = _find_cues(sent)
            for k, cue in enumerate(cues):
                _subject(sent, cue, cues[k - 1] if k else None, self._is_person)
            before = len(self.acts)
            self._indirect(idx, sent, cues)
            prev = sentences[idx - 1] if idx > 0 and sentences[idx - 1].para >= sent.para - 1 else None
            self._reported(idx, sent, prev, cues)
            if not cues and len(self.acts) == before:
                self._continuation(idx, sent, prev_acts)
            for q in by_sentence.get(idx, []):
                end_idx = sent_of(q.end - 1)
                self._direct(idx, sent, q, sentences[end_idx], cues, prev_acts, prev,
                             sentences[end_idx + 1] if end_idx + 1 < len(sentences) else None)
            new = self.acts[before:]
            for act in new:
                if act.label != "reported":
                    self._remember(act.speaker, act.start)
            for cue in cues:  # subjects of cue verbs name people even without a quote
                if cue.subject is not None and not any(a.cue_span == cue.span for a in new):
                    self._remember(self._speaker(cue.subject, plural=cue.form.plural), cue.span[0])
            spoken = [a for a in new if a.label != "reported" or (a.speaker is not None and a.cue != "soll")]
            if not spoken:
                # A speech verb without quote or clause ("X hob … hervor.") still opens speech
                # that a following subjunctive sentence continues.
                for cue in cues:
                    sp = self._speaker(cue.subject, plural=cue.form.plural) if cue.subject else None
                    if sp is not None and sp.resolution != "unresolved":
                        spoken = [SpeechAct("indirect", sent.start, sent.end, (sent.start, sent.end), sp, cue.lemma, cue.span, "indicative", None, idx)]
            if not spoken and not cues:
                topic = self._topic(sent)
                if topic is not None:
                    spoken = [SpeechAct("indirect", sent.start, sent.end, (sent.start, sent.end), topic, None, None, "indicative", None, idx)]
            if spoken:
                prev_acts = spoken
            elif prev_acts and sent_of(max(a.end for a in prev_acts) - 1) < idx - _CONTINUATION_SENTENCES + 1:
                prev_acts = []
        return self.acts


def extract_speech(
    text: str,
    sentences: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]] | None = None,
    entities: list[EntityRef] | None = None,
    *,
    max_quote_chars: int = 3000,
) -> tuple[list[SpeechAct], list[Unpaired]]:
    """Return the speech acts in ``text`` and the quotation marks that could not be paired.

    ``sentences``/``paragraphs`` are (start, end) spans (paragraphs default to the sentences'
    lines); ``entities`` are optional entity mentions a speaker may be linked to.
    """
    paragraphs = paragraphs or [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes, unpaired = quotations_in_text(text, paragraphs, max_chars=max_quote_chars)
    para_starts = [p[0] for p in paragraphs]

    sents: list[_Sent] = []
    q_starts = [q.start for q in quotes]
    for s, e in sorted(sentences):
        # Quotes are sorted and capped in length: only those starting shortly before s can reach in.
        lo = bisect.bisect_left(q_starts, s - max_quote_chars - 1)
        hi = bisect.bisect_left(q_starts, e)
        quoted = [(q.start, q.end) for q in quotes[lo:hi] if q.start < e and s < q.end]
        para = max(0, bisect.bisect_right(para_starts, s) - 1)
        sents.append(_Sent(s, e, para, tokenize(text, s, e), quoted))
    extractor = _Extractor(text, entities or [], max_quote_chars)
    acts = extractor.run(sents, quotes)
    places = [(x.start, x.end) for x in entities or [] if x.label == "LOC"]
    turns = interview_turns(text, paragraphs, places)
    if turns:
        acts = _interview_acts(text, acts, turns, entities or [], [s for s, _ in sorted(sentences)])
    _attribute_multi_paragraph(acts)
    _attribute_das_sagte(acts)
    return acts, unpaired


def _attribute_das_sagte(acts: list[SpeechAct]) -> None:
    """"„Wir sind bereit.“ Das sagte Müller.": the speaker of "Das sagte X" owns the quote before it."""
    for rep in acts:
        if rep.label != "reported" or rep.speaker is None or rep.content[0] != rep.start or rep.content[1] >= rep.end:
            continue  # only the "Das berichtet X" form has the previous sentence as its content
        for a in acts:
            unattributed = a.speaker is None or (a.speaker.resolution == "continuation" and a.cue is None)
            if a.label == "direct" and unattributed and rep.content[0] <= a.start and a.end <= rep.content[1] + 1:
                a.speaker, a.cue, a.cue_span = rep.speaker, rep.cue, rep.cue_span


def _attribute_multi_paragraph(acts: list[SpeechAct]) -> None:
    """Give the paragraphs of a multi-paragraph quote the speaker named at its end."""
    direct = sorted((a for a in acts if a.label == "direct"), key=lambda a: a.start)
    for k in range(len(direct) - 2, -1, -1):
        a, b = direct[k], direct[k + 1]
        if a.open_end and b.start - a.end <= 2 and b.cue is not None and b.speaker is not None:
            a.speaker, a.cue, a.cue_span = b.speaker, b.cue, b.cue_span


def _interview_acts(text: str, acts: list[SpeechAct], turns: list[Turn], entities: list[EntityRef],
                    sent_starts: list[int]) -> list[SpeechAct]:
    """Give each answer of a labelled interview to its respondent; drop guesses the labels overrule.

    Inside a turn, speech found without a verb of saying (a continuation, a topic, a colon rule)
    was a guess from the sentences around it; the label names the speaker. Speech with its own cue
    inside an answer ("Der Minister sagte mir, …") stays.
    """
    def overrules(a: SpeechAct) -> bool:
        return (a.cue is None or a.cue == ":") and any(
            t.label_span[0] <= a.end and a.start < t.content[1] for t in turns)

    kept = [a for a in acts if not overrules(a)]
    persons = [e for e in entities if e.label == "PER"]
    for t in turns:
        if not t.answer or t.content[1] <= t.content[0]:
            continue
        sp = _label_speaker(text, t, entities, persons)
        sent = max(0, bisect.bisect_right(sent_starts, t.content[0]) - 1)
        # the act spans the answer only, as a quote spans its marks and words: the label is the speaker's mention
        kept.append(SpeechAct("direct", t.content[0], t.content[1], t.content, sp, ":", (t.colon, t.colon + 1),
                              "indicative", None, sent))
    kept.sort(key=lambda a: (a.start, a.end))
    return kept


def _label_speaker(text: str, t: Turn, entities: list[EntityRef], persons: list[EntityRef]) -> Speaker:
    """The respondent a label names: its own entity, else the person named in full elsewhere ("Keller" → "Sabine Keller")."""
    s, e = t.label_span
    own = next((x for x in entities if x.start < e and s < x.end and x.label in ("PER", "ORG")), None)
    last = t.label.split()[-1]
    full = next((x for x in persons if x.end - x.start > e - s and text[x.start : x.end].split()[-1] == last), None)
    if full is not None and (own is None or own.label == "PER"):
        return Speaker(text[full.start : full.end], (full.start, full.end), full.id, [full.id], (s, e), "name")
    ann = [own.id] if own is not None else []
    return Speaker(text[s:e], (s, e), ann[0] if ann else None, ann, (s, e), "name")
