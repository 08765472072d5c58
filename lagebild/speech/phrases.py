"""Noun phrases for speakers: parse them around a cue and pick the name inside.

German speaker phrases come in a few shapes: "US-Verteidigungsminister Lloyd Austin",
"der südkoreanische Präsident Yoon Suk Yeol", "der Chef des Ausschusses, Leonid Sluzki",
"Südkorea, die Ukraine und der Westen", "er". These rules find the phrase's extent on
tokens; ``pick_name`` then chooses the part that names the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lagebild.speech.lexicon import ADVERBS, ARTICLES, CUE_FORMS, PREPOSITIONS, PRONOUNS, VERB_STOP, WORDS, is_role_noun
from lagebild.speech.tokens import Token

__all__ = ["EntityRef", "Phrase", "parse_np_backward", "parse_np_forward", "pick_name"]

_ADJ = re.compile(r"[a-zäöüß][\w-]*(?:e|en|er|es|em)$")
_NAME_PARTICLES = frozenset("von van de del della di da al el bin ibn zu ten ter der den la le".split())
_ARTICLE_PARTICLES = frozenset("der den".split())  # only after von/van/de: "von der Leyen", "Van der Bellen"
_GENITIVE = frozenset("des der eines einer".split())
_QUOTE_MARKS = frozenset("„“”\"»«‚‘’‹›")
#: abbreviated titles before a name ("Dr. Eva Huber", "Prof. Jan Ott"): the name after them is the speaker
_TITLE_ABBREVIATIONS = frozenset(str(w) for w in WORDS["tag_abbreviations"])
_AGE_NOUN = re.compile(r"\d+-[A-ZÄÖÜ]")  # "der 33-Jährige"
#: Capitalised at a sentence start but never a name: "Als Anhaltspunkte nannte Tilmann …".
_FUNCTION_WORDS = frozenset(
    "und oder so wie dass es ich wir sie ihr als wenn weil ob obwohl nachdem falls sobald sofern damit da nur nicht kein keine "
    "wer was dies".split()
)
_MAX_NP = 14  # tokens: a speaker phrase longer than this is a parsing accident


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity mention annotation the speech rules may link to."""

    id: str
    start: int
    end: int
    label: str | None
    form: str | None = None  # "name", "adjective", "role", "demonym", … (entities stage)


@dataclass(slots=True)
class Phrase:
    """A speaker phrase: its token extent and, once picked, the naming part."""

    tokens: list[Token]
    coordinated: bool = False
    text: str = ""
    span: tuple[int, int] = (0, 0)
    ann: str | None = None
    anns: list[str] = field(default_factory=list)
    kind: str = "name"  # name | pronoun | role | phrase

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _is_adj(tok: Token) -> bool:
    low = tok.text
    return bool(_ADJ.match(low)) and low not in VERB_STOP and low not in CUE_FORMS and low not in ADVERBS and low not in ARTICLES


def _is_noun(tok: Token) -> bool:
    t = tok.text
    if not (t[:1].isupper() or _AGE_NOUN.match(t)) or not tok.is_word:
        return False
    low = t.lower()
    return (low not in ADVERBS and low not in PREPOSITIONS and low not in PRONOUNS and low not in ARTICLES
            and (low not in _FUNCTION_WORDS or (t.isupper() and len(t) > 1)))  # "OB" is Oberbürgermeister


def _is_particle(tokens: list[Token], k: int) -> bool:
    low = tokens[k].lower
    if low in _ARTICLE_PARTICLES:
        return k > 0 and tokens[k - 1].lower in ("von", "van", "de", "ter")
    return low in _NAME_PARTICLES


def _particle_run(tokens: list[Token], k: int) -> bool:
    """Return whether ``tokens[k]`` starts "von", "von der", "van der" … followed by a name."""
    m = k
    while m < len(tokens) and m - k < 2 and _is_particle(tokens, m):
        m += 1
    return m > k and m < len(tokens) and _is_noun(tokens[m])


def _quoted_name(tokens: list[Token], i: int) -> int:
    """Return the index after "die „Süddeutsche Zeitung“" (article + quoted name), or ``i``."""
    j = i + 1 if i < len(tokens) and tokens[i].lower in ARTICLES else i
    if j >= len(tokens) or tokens[j].text not in _QUOTE_MARKS:
        return i
    for k in range(j + 1, min(len(tokens), j + 7)):
        if tokens[k].text in _QUOTE_MARKS:
            return k + 1 if k > j + 1 and all(_is_noun(t) or t.is_word for t in tokens[j + 1 : k]) else i
    return i


def _extended_attribute(tokens: list[Token], j: int) -> int:
    """Return the index of the adjective that closes "für Berlin und Sachsen zuständige", or ``j``.

    German puts a prepositional phrase inside the noun phrase before a participle or adjective
    ("der für Berlin, Brandenburg und Sachsen zuständige Bezirksleiter"). Only names, articles,
    numbers, commas and und/oder may stand between the preposition and the adjective, and a
    noun must follow it.
    """
    n = len(tokens)
    if j >= n or tokens[j].lower not in PREPOSITIONS:
        return j
    k = j + 1
    while k < n and k - j <= 10:
        t = tokens[k]
        if _is_adj(t) and k > j + 1 and k + 1 < n and _is_noun(tokens[k + 1]):
            return k
        if not (t.is_cap or t.text == "," or t.lower in ("und", "oder") or t.lower in ARTICLES or t.text[:1].isdigit()):
            return j
        k += 1
    return j


_PARTITIVE_SOURCES = frozenset(
    "seiten kreisen reihen umfeld prozent mehrheit hälfte drittel viertel großteil minderheit teil".split()
)  # "von Seiten der IG Metall", "60 Prozent der Befragten", "die Mehrheit der Befragten": the group after it speaks


def _before_number(toks: list[Token], last: Token) -> bool:
    """Return whether a number follows ``last`` in the phrase ("Rund 60", "Knapp 2.000")."""
    k = next((i for i, t in enumerate(toks) if t.start == last.start), -1)
    return 0 <= k < len(toks) - 1 and toks[k + 1].text[:1].isdigit()


def _parenthesis_end(tokens: list[Token], k: int) -> int:
    """Return the index after a short parenthesis at ``k`` ("(SPD)", "(DRK)", "(50)"), or ``k``."""
    if k >= len(tokens) or tokens[k].text != "(":
        return k
    for m in range(k + 1, min(len(tokens), k + 6)):
        if tokens[m].text == ")":
            return m + 1 if m > k + 1 else k
        if tokens[m].text in _QUOTE_MARKS or tokens[m].text in ".;:":
            return k
    return k


def _np_core(tokens: list[Token], i: int) -> int:
    """Return the index after a simple NP starting at ``i`` (``i`` itself if there is none)."""
    n = len(tokens)
    j = i
    if j < n and tokens[j].lower in ARTICLES:
        j += 1
        j = _extended_attribute(tokens, j)
    while j < n and _is_adj(tokens[j]):
        j += 1
    k = j
    while k < n and (_is_noun(tokens[k]) or (k > j and _particle_run(tokens, k))):
        k += 1
    if k == j:
        return i
    # Genitive attachments: "der Chef des Auswärtigen Ausschusses der Duma". After a bare name,
    # "der" is a dative object instead: "sagte Müller der Deutschen Presse-Agentur".
    bare_name = i == j and not any(is_role_noun(t.text) or t.lower in _PARTITIVE_SOURCES for t in tokens[j:k])
    while k + 1 < n and tokens[k].lower in _GENITIVE and not (bare_name and tokens[k].lower == "der"):
        g = k + 1
        while g < n and _is_adj(tokens[g]):
            g += 1
        h = g
        while h < n and _is_noun(tokens[h]):
            h += 1
        if h == g:
            break
        k = h
    return k


def parse_np_forward(tokens: list[Token], i: int) -> Phrase | None:
    """Parse a (possibly coordinated or apposed) speaker NP starting at token ``i``."""
    n = len(tokens)
    if i >= n:
        return None
    if tokens[i].lower in PRONOUNS:
        return Phrase([tokens[i]], kind="pronoun")
    if tokens[i].lower in ("einer", "eine", "eines") and i + 1 < n and tokens[i + 1].lower in ("von", "der", "des"):
        # "einer von ET-News' Insidern", "eine der Sprecherinnen": the group names the speaker.
        j = i + 2 if tokens[i + 1].lower == "von" else i + 1
        inner = _np_core(tokens, j)
        if inner > j:
            return Phrase(tokens[i:inner])
    if i + 2 < n and tokens[i].text in _TITLE_ABBREVIATIONS and tokens[i + 1].text == "." and tokens[i + 2].text[:1].isupper():
        named = parse_np_forward(tokens, i + 2)
        if named is not None:
            return named
    end = _np_core(tokens, i)
    if end == i:
        end = _quoted_name(tokens, i)  # die „Süddeutsche Zeitung“
    if end == i:
        return None
    end = _parenthesis_end(tokens, end)  # "Dieter Reiter (SPD)", "des Deutschen Roten Kreuzes (DRK)"
    coordinated = False
    # Coordination: "Südkorea, die Ukraine und der Westen".
    probe = end
    items = 1
    while probe < n and tokens[probe].text == "," and items < 6:
        nxt = _np_core(tokens, probe + 1)
        if nxt == probe + 1:
            break
        probe, items = nxt, items + 1
    if probe < n and tokens[probe].lower in ("und", "sowie"):
        nxt = _np_core(tokens, probe + 1)
        if nxt > probe + 1:
            end, coordinated = nxt, True
    # Apposition naming the speaker: "der Chef des Ausschusses, Leonid Sluzki:".
    if not coordinated and end + 1 < n and tokens[end].text == ",":
        a = end + 1
        b = a
        while b < n and _is_noun(tokens[b]):
            b += 1
        if b > a and (b == n or tokens[b].text in (",", ":", ".", ";") or tokens[b].text in _QUOTE_MARKS):
            end = b
    if end - i > _MAX_NP:
        return None
    return Phrase(tokens[i:end], coordinated=coordinated)


def parse_np_backward(tokens: list[Token], j: int) -> Phrase | None:
    """Parse the NP that ends right before token ``j`` ("übereinstimmenden Medienberichten zufolge")."""
    i = j
    while i > 0 and j - i < _MAX_NP:
        t = tokens[i - 1]
        if _is_noun(t) or _is_adj(t) or t.lower in ARTICLES or t.lower in _NAME_PARTICLES:
            i -= 1
            continue
        break
    while i < j and not (_is_noun(tokens[i]) or _is_adj(tokens[i]) or tokens[i].lower in ARTICLES):
        i += 1
    if i >= j or not any(_is_noun(t) for t in tokens[i:j]):
        return None
    return Phrase(tokens[i:j])


def _entities_in(phrase: Phrase, entities: list[EntityRef]) -> list[EntityRef]:
    return [e for e in entities if e.start < phrase.end and phrase.start < e.end]


def _naming(phrase: Phrase, inside: list[EntityRef]) -> list[EntityRef]:
    """Entities that can name a speaker: whole tokens ("US" in "US-Regierung" cannot), not adjectives."""
    starts = {t.start for t in phrase.tokens}
    ends = {t.end for t in phrase.tokens}
    return [e for e in inside if e.start in starts and e.end in ends and e.form in (None, "name", "acronym", "metonym")]


def _name_run(phrase: Phrase) -> list[Token] | None:
    """Choose the run of capitalised tokens that names the speaker, without a leading role noun."""
    head = _head_start(phrase)
    toks = [t for t in phrase.tokens if t.start >= head]
    runs: list[tuple[list[Token], bool]] = []  # (run, after a comma)
    cur: list[Token] = []
    after_comma = False
    adjectival: set[int] = set()  # runs right after a lower-case adjective: a description, not a name
    for idx, t in enumerate(toks):
        particle = bool(cur) and _particle_run(toks, idx)
        if _is_noun(t) or particle:
            if not cur and idx > 0 and _is_adj(toks[idx - 1]):
                adjectival.add(len(runs))
            cur.append(t)
        else:
            if cur:
                runs.append((cur, after_comma))
            cur = []
            after_comma = t.text == ","
        if idx == len(toks) - 1 and cur:
            runs.append((cur, after_comma))
    best: list[Token] | None = None
    for n, (run, apposed) in enumerate(runs):
        if all(t.lower in _PARTITIVE_SOURCES for t in run):
            continue  # "Seiten" in "von Seiten der IG Metall" only points to the source
        if _before_number(toks, run[-1]):
            continue  # "Rund 60 Prozent der Befragten": a sentence-initial "Rund"/"Knapp" before a number is no name
        last_role = max((k for k, t in enumerate(run) if is_role_noun(t.text)), default=-1)
        rest = run[last_role + 1 :]
        # A genitive country before the role ("Südkoreas Verteidigungsminister …") is not the name.
        if rest and (apposed or last_role >= 0):
            return rest
        if rest and best is None and last_role < 0:
            if n in adjectival and n == 0:
                return None  # "südkoreanischem Geheimdienst": keep the whole description
            best = rest
    return best


def _possessor(phrase: Phrase, e: EntityRef) -> bool:
    """Return whether ``e`` is a genitive before the head ("Bayerns" / "Münchens" in "Bayerns Ministerpräsident Söder")."""
    text = next((t.text for t in phrase.tokens if t.end == e.end), "")
    nxt = next((t for t in phrase.tokens if t.start > e.end), None)
    return text.endswith(("s", "'", "’")) and nxt is not None and nxt.is_cap and nxt.is_word


def _head_start(phrase: Phrase) -> int:
    """Return where the names may start: after "der für Hamburg und Kiel zuständige" (the places are no speaker)."""
    toks = phrase.tokens
    if len(toks) > 2 and toks[0].lower in ARTICLES:
        adj = _extended_attribute(toks, 1)
        if adj > 1:
            return toks[adj].start
    return phrase.start


def pick_name(phrase: Phrase, entities: list[EntityRef]) -> Phrase:
    """Fill ``text``/``span``/``ann`` of ``phrase`` with the part that names the speaker."""
    names_from = _head_start(phrase)
    inside = [e for e in _entities_in(phrase, entities) if e.start >= names_from]
    phrase.anns = [e.id for e in inside]
    if phrase.kind == "pronoun":
        phrase.text, phrase.span = phrase.tokens[0].text, (phrase.start, phrase.end)
        return phrase
    if phrase.coordinated:
        phrase.text, phrase.span = "", (phrase.start, phrase.end)
        phrase.ann = inside[0].id if inside else None
        phrase.kind = "name"
        return phrase
    if any(e.form == "role" and e.start in {t.start for t in phrase.tokens} for e in inside) and not _naming(phrase, inside) \
            and not any(t.text == "," for t in phrase.tokens):  # "der Fraktionschef der Partei, Sampo Terho" names him
        phrase.kind = "role" if phrase.tokens[0].lower in ("der", "die") else "phrase"
        start = phrase.tokens[1].start if phrase.tokens[0].lower in ARTICLES and len(phrase.tokens) > 1 else phrase.start
        phrase.span = (start, phrase.end)
        return phrase
    ranked = sorted(_naming(phrase, inside), key=lambda e: (_possessor(phrase, e), {"PER": 0, "ORG": 1}.get(e.label or "", 2), e.start))
    if ranked and not _possessor(phrase, ranked[0]):
        e = ranked[0]
        phrase.span, phrase.ann = (max(e.start, phrase.start), min(e.end, phrase.end)), e.id
        phrase.kind = "name"
        return phrase
    run = _name_run(phrase)
    if run:
        phrase.span = (run[0].start, run[-1].end)
        phrase.kind = "name"
        return phrase
    head = [t for t in phrase.tokens if _is_noun(t)]
    first = phrase.tokens[0]
    phrase.kind = "role" if head and is_role_noun(head[-1].text) and first.lower in ("der", "die") else "phrase"
    start = phrase.tokens[1].start if first.lower in ARTICLES and len(phrase.tokens) > 1 else phrase.start
    phrase.span = (start, phrase.end)
    return phrase
