"""Picture-credit labels the tagger runs into a name ("Fredrik von Erichsen Bild: dpa")."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lagebild.entities.extract import extract_mentions
from lagebild.entities.kb import load_kb
from lagebild.entities.roles import load_roles


class _Tok(NamedTuple):
    text: str
    idx: int
    i: int


class _Ent(NamedTuple):
    start: int
    end: int
    label_: str


class _Tagged:
    """A tagged chunk: word and punctuation tokens, and the given phrases as entities (token ranges)."""

    def __init__(self, text: str, phrases: list[tuple[str, str]]) -> None:
        self.toks = [_Tok(m.group(), m.start(), k) for k, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))]
        self.ents = []
        for phrase, label in phrases:
            start = text.index(phrase)
            ks = [t.i for t in self.toks if start <= t.idx < start + len(phrase)]
            self.ents.append(_Ent(ks[0], ks[-1] + 1, label))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.toks)


def _names(text: str, phrases: list[tuple[str, str]]) -> list[str]:
    def recogniser(_nlp: Any, texts: Any, batch_size: int = 64) -> Any:
        return [_Tagged(t, phrases) for t in texts]

    ms = extract_mentions(text, [(0, len(text))], None, load_kb(()), load_roles(), recogniser=recogniser)
    return [text[m.start:m.end] for m in ms]


def test_a_credit_label_before_a_colon_is_cut_off_the_name() -> None:
    text = "Der Chor probt im Saal. Foto: Henrike Wolters Bild: Agentur Nord"
    assert "Henrike Wolters" in _names(text, [("Henrike Wolters Bild", "PER")])
    # nothing but the label left: no name at all
    text = "Die Brücke bleibt gesperrt. © Archivfoto: Stadt"
    assert _names(text, [("© Archivfoto", "PER")]) == []


def test_a_label_word_without_a_colon_or_alone_stays() -> None:
    # no colon after it: "Quelle" may be part of the name
    text = "Der Versandhändler Kaufhaus Quelle schloss im Herbst."
    assert "Kaufhaus Quelle" in _names(text, [("Kaufhaus Quelle", "ORG")])
    # a one-word name before a colon may be the newspaper of that name
    text = "Schlagzeilen des Tages. Bild: Der Streik geht weiter"
    assert "Bild" in _names(text, [("Bild", "ORG")])
