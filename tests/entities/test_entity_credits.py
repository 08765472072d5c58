"""Picture-credit labels the tagger runs into a name ("Fredrik von Erichsen Bild: dpa")."""

from __future__ import annotations

import re
from typing import Any

from lagebild.entities.extract import extract_mentions
from lagebild.entities.given import GivenChunk, GivenEntity, GivenToken
from lagebild.entities.kb import load_kb
from lagebild.entities.roles import load_roles


def _tagged(text: str, phrases: list[tuple[str, str]]) -> GivenChunk:
    """A chunk of word and punctuation tokens with the given phrases as its entities."""
    toks = [GivenToken(m.group(), m.start(), k) for k, m in enumerate(re.finditer(r"\w+|[^\w\s]", text))]
    ents = []
    for phrase, label in phrases:
        start = text.index(phrase)
        ks = [t.i for t in toks if start <= t.idx < start + len(phrase)]
        ents.append(GivenEntity(ks[0], ks[-1] + 1, label))
    return GivenChunk(toks, ents)


def _names(text: str, phrases: list[tuple[str, str]]) -> list[str]:
    def recogniser(_nlp: Any, texts: Any, batch_size: int = 64) -> Any:
        return [_tagged(t, phrases) for t in texts]

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
