"""Attribution phrases: who a sentence's content is credited to, without a verb of saying.

"laut X", "X zufolge", "nach Angaben von X" / "nach Angaben Südkoreas", "unter Berufung auf X",
"wie X berichtete", "aus Sicht von X", "ein Bericht, demzufolge …", "hieß es aus X", "…, so X".
Each rule starts at one trigger word; all return an ``Attribution`` over the sentence's tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.speech.lexicon import ADVERBS, ARTICLES, CLAIMANT_SOURCE_NOUNS, CUE_FORMS, PREPOSITIONS, WORDS
from lagebild.speech.phrases import Phrase, parse_np_backward, parse_np_forward
from lagebild.speech.tokens import CLAUSE_BREAK, QUOTE_CHARS, Token

__all__ = ["HIESS_PREP", "SAID_NOUNS", "Attribution", "find_attributions"]

#: nouns after "nach" that credit a source: the claims' source nouns and those for an opinion (words.toml)
_SOURCE_NOUNS = CLAIMANT_SOURCE_NOUNS | frozenset(WORDS["opinion_nouns"])
#: source nouns for what someone said, also after an article ("nach den Worten des Landrats"); the nouns of
#: figures are not ("nach den Zahlen des Vorjahres" compares figures and credits no one)
SAID_NOUNS = _SOURCE_NOUNS - frozenset(WORDS["figure_nouns"])
_OWN_SOURCE = frozenset({"eigenen", "eigener"})  # "eigenen Angaben zufolge": the subject itself
#: Prepositions after "hieß es" that introduce the source ("hieß es aus Kiew", "hieß es seitens der Bahn").
HIESS_PREP = frozenset(("aus", "in", "von", "bei", "im", "vom", "beim", "seitens", "vonseiten"))


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source credited by a phrase; ``content`` is a char span when it is not the whole sentence."""

    phrase: Phrase
    cue: str
    cue_span: tuple[int, int]
    content: tuple[int, int] | None = None
    so_comma: int | None = None  # "…, so X": token index of the comma before "so"


Rule = Callable[[list[Token], int], "Attribution | None"]


def _laut(toks: list[Token], i: int) -> Attribution | None:
    np = parse_np_forward(toks, i + 1)
    return Attribution(np, "laut", (toks[i].start, toks[i].end)) if np is not None and np.kind != "pronoun" else None


def _zufolge(toks: list[Token], i: int) -> Attribution | None:
    np = parse_np_backward(toks, i)
    if np is not None and np.tokens[0].lower in _OWN_SOURCE:
        np = parse_np_forward(toks, 0) if toks[0].lower not in PREPOSITIONS else None
    return Attribution(np, "zufolge", (toks[i].start, toks[i].end)) if np is not None else None


def _demzufolge(toks: list[Token], i: int) -> Attribution | None:
    if i < 2 or toks[i - 1].text != ",":
        return None
    np = parse_np_backward(toks, i - 1)  # "ein Reuters-Bericht, demzufolge …"
    t = toks[i]
    return Attribution(np, "zufolge", (t.start, t.end), (t.start, toks[-1].end)) if np is not None else None


def _aus_sicht(toks: list[Token], i: int) -> Attribution | None:
    if i + 2 >= len(toks) or toks[i + 1].lower != "sicht":
        return None
    j = i + 3 if toks[i + 2].lower == "von" else i + 2
    np = parse_np_forward(toks, j)
    return Attribution(np, "aus Sicht", (toks[i].start, toks[i + 1].end)) if np is not None else None


def _nach_angaben(toks: list[Token], i: int) -> Attribution | None:
    n = len(toks)
    if i + 2 < n and toks[i + 1].lower in _OWN_SOURCE and toks[i + 2].lower in _SOURCE_NOUNS:
        # "Die Firma hat nach eigenen Angaben …": the subject vouches for itself.
        np = parse_np_forward(toks, 0) if toks[0].lower not in PREPOSITIONS else None
        return Attribution(np, "nach eigenen " + toks[i + 2].text, (toks[i].start, toks[i + 2].end)) if np is not None else None
    if i + 2 < n and toks[i + 1].lower in ("den", "dem") and toks[i + 2].lower in SAID_NOUNS:
        i += 1  # "nach den Worten des Landrats", "nach dem Bericht der Zeitung"
    if i + 1 >= n or toks[i + 1].lower not in _SOURCE_NOUNS:
        return None
    j = i + 2
    if j < n and toks[j].lower in ("von", "seitens"):
        j += 1
    np = parse_np_forward(toks, j) if j < n and (toks[j].lower in ARTICLES or toks[j].is_cap) else None
    if np is None or np.kind == "pronoun":
        return None
    return Attribution(np, "nach " + toks[i + 1].text, (toks[i].start, toks[i + 1].end))


def _berufung(toks: list[Token], i: int) -> Attribution | None:
    if i + 3 >= len(toks) or toks[i + 1].lower != "berufung" or toks[i + 2].lower != "auf":
        return None
    np = parse_np_forward(toks, i + 3)
    return Attribution(np, "unter Berufung auf", (toks[i].start, toks[i + 2].end)) if np is not None else None


def _wie(toks: list[Token], i: int) -> Attribution | None:
    if i > 0 and toks[i - 1].text != ",":
        return None
    np = parse_np_forward(toks, i + 1)
    if np is None:
        return None
    j = i + 1 + len(np.tokens)
    for k in range(j, min(len(toks), j + 14)):  # "wie er bei seiner Buchvorstellung in Frankfurt sagt"
        if toks[k].text in CLAUSE_BREAK or toks[k].text in ".!?":
            break
        forms = CUE_FORMS.get(toks[k].text)
        if forms:
            return Attribution(np, forms[0].lemma, (toks[k].start, toks[k].end))
    return None


def _hiess(toks: list[Token], i: int) -> Attribution | None:
    if i + 2 >= len(toks) or toks[i + 1].lower != "es" or toks[i + 2].lower not in HIESS_PREP:
        return None
    if i > 1 and toks[i - 1].text == "," and toks[i - 2].text in QUOTE_CHARS:
        return None  # "„…“, hieß es aus X" is that quote's own cue
    np = parse_np_forward(toks, i + 3)
    return Attribution(np, "heißen", (toks[i].start, toks[i + 1].end)) if np is not None else None


def _so(toks: list[Token], i: int) -> Attribution | None:
    if i < 2 or toks[i - 1].text != "," or toks[i - 2].text in QUOTE_CHARS:
        return None
    np = parse_np_forward(toks, i + 1)
    if np is None:
        return None
    after = i + 1 + len(np.tokens)
    if after >= len(toks) - 1 or toks[after].text == "(" or toks[after].lower in PREPOSITIONS or toks[after].lower in ADVERBS:
        return Attribution(np, "so", (toks[i].start, toks[i].end), so_comma=i - 1)
    return None


_RULES: dict[str, Rule] = {
    "laut": _laut,
    "zufolge": _zufolge,
    "demzufolge": _demzufolge,
    "derzufolge": _demzufolge,
    "denenzufolge": _demzufolge,
    "aus": _aus_sicht,
    "nach": _nach_angaben,
    "unter": _berufung,
    "wie": _wie,
    "hieß": _hiess,
    "so": _so,
}


def find_attributions(toks: list[Token], outside: Callable[[Token], bool]) -> list[Attribution]:
    """Return the attribution phrases among a sentence's tokens (outside quotations)."""
    found = []
    for i, t in enumerate(toks):
        rule = _RULES.get(t.lower)
        if rule is None or not outside(t):
            continue
        hit = rule(toks, i)
        if hit is not None:
            found.append(hit)
    return found
