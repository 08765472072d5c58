"""How tagger spans are combined with the knowledge base and the role lexicon."""

from __future__ import annotations

import re

from lagebild.entities.extract import Tok, mentions_in_tokens
from lagebild.entities.kb import load_kb
from lagebild.entities.roles import load_roles


def _mentions(text: str, ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    toks = [Tok(m.start(), m.end(), m.group()) for m in re.finditer(r"\w[\w-]*|[^\w\s]", text)]
    kb = load_kb(())
    return toks, mentions_in_tokens(text, toks, ents, kb, load_roles(()), kb.first_words)


def test_two_place_names_side_by_side_are_two_mentions() -> None:
    text = "Beobachter glauben, dass Paris Berlin bald unterstützen wird."
    toks, mentions = _mentions(text, [(4, 6, "PER")])  # the tagger joined "Paris Berlin" as a person
    assert toks[4].text == "Paris"
    found = {(text[m.start:m.end], m.label) for m in mentions}
    assert ("Paris Berlin", "PER") not in found
    assert {"Paris", "Berlin"} <= {t for t, _ in found}


def test_a_role_noun_alone_is_not_a_person_name() -> None:
    text = "Der Präsident Emmanuel Macron reiste ab."
    _toks, mentions = _mentions(text, [(1, 2, "PER"), (2, 4, "PER")])
    names = [(text[m.start:m.end], m.form) for m in mentions if m.label == "PER"]
    assert ("Präsident", "name") not in names
    assert ("Emmanuel Macron", "name") in names


def test_a_description_before_a_given_name_is_cut_off_the_person() -> None:
    text = "Das sagte Landeshauptmann Erwin Pröll am Abend, Torschütze Alexander Grünwald jubelte."
    _, mentions = _mentions(text, [(2, 5, "PER"), (8, 11, "PER")])
    names = {text[m.start:m.end] for m in mentions if m.label == "PER"}
    assert {"Erwin Pröll", "Alexander Grünwald"} <= names
    # a name of two words keeps its first word, even a dictionary word before a given name;
    # and a given name first is never cut ("Heinz Fischer", "Ernst Strasser")
    text = "Das erklärte ihr Vorsitzender Romani Rose, dann sprachen Heinz Fischer und Ernst Strasser."
    _, mentions = _mentions(text, [(4, 6, "PER"), (9, 11, "PER"), (12, 14, "PER")])
    names = {text[m.start:m.end] for m in mentions if m.label == "PER"}
    assert {"Romani Rose", "Heinz Fischer", "Ernst Strasser"} <= names


def test_an_organisation_cut_inside_a_place_name_ends_with_the_place() -> None:
    text = "Ein Sprecher des Landratsamts Pfaffenhofen an der Ilm sagte das."
    _, mentions = _mentions(text, [(3, 5, "ORG")])  # the tagger stopped after "Pfaffenhofen"
    found = {(text[m.start:m.end], m.label) for m in mentions}
    assert ("Landratsamts Pfaffenhofen an der Ilm", "ORG") in found
    # an organisation that ends where the place ends, or a place standing alone, is left as it is
    text = "Die Feuerwehr Ehrenberg-Pfaffenhofen half in Pfaffenhofen an der Ilm."
    _, mentions = _mentions(text, [(1, 3, "ORG")])
    found = {(text[m.start:m.end], m.label) for m in mentions}
    assert ("Feuerwehr Ehrenberg-Pfaffenhofen", "ORG") in found and ("Pfaffenhofen an der Ilm", "LOC") in found


def test_a_given_name_alone_goes_on_over_a_particle_surname() -> None:
    # the tagger found "Gerda" only; the surname after it opens with a particle
    text = "Das teilte Landrätin Gerda von der Westerburg (parteilos) mit, Hendrik van Quandt nickte."
    toks, mentions = _mentions(text, [(3, 4, "PER"), (12, 13, "PER")])
    assert toks[3].text == "Gerda" and toks[12].text == "Hendrik"
    names = {text[m.start:m.end] for m in mentions if m.label == "PER"}
    assert {"Gerda von der Westerburg", "Hendrik van Quandt"} <= names
    assert not names & {"Gerda", "Hendrik"}


def test_a_given_name_alone_keeps_its_end_before_a_place_an_organisation_or_an_article() -> None:
    text = "Gerda von der Polizei kam, Gerda von der Westerburg AG ging, Gerda von Berlin blieb, Gerda der Große fiel."
    toks = [Tok(m.start(), m.end(), m.group()) for m in re.finditer(r"\w[\w-]*|[^\w\s]", text)]
    gerdas = [k for k, t in enumerate(toks) if t.text == "Gerda"]
    westerburg = next(k for k, t in enumerate(toks) if t.text == "Westerburg")
    _, mentions = _mentions(text, [(k, k + 1, "PER") for k in gerdas] + [(westerburg, westerburg + 2, "ORG")])
    per = [text[m.start:m.end] for m in mentions if m.label == "PER"]
    assert per == ["Gerda"] * 4


def _given_alone(text: str, given: str) -> list[str]:
    """Person names found when the tagger gave only ``given`` (each of its occurrences) alone."""
    toks = [Tok(m.start(), m.end(), m.group()) for m in re.finditer(r"\w[\w-]*|[^\w\s]", text)]
    at = [k for k, t in enumerate(toks) if t.text == given]
    _, mentions = _mentions(text, [(k, k + 1, "PER") for k in at])
    return [text[m.start:m.end] for m in mentions if m.label == "PER"]


def test_a_given_name_alone_keeps_its_end_before_a_preposition_and_its_noun() -> None:
    # "von"/"zu" are prepositions too: a common noun, a weekday or an inflected noun after them is
    # the preposition's noun, not a surname
    assert _given_alone("Als Peter zu Hause ankam, war es dunkel.", "Peter") == ["Peter"]
    assert _given_alone("Maria von Anfang an dabei.", "Maria") == ["Maria"]
    assert _given_alone("Anna von Montag bis Freitag arbeitet im Lager.", "Anna") == ["Anna"]
    assert _given_alone("Lukas von Feuerwehrleuten gerettet.", "Lukas") == ["Lukas"]
    assert _given_alone("Das hat Jonas von Beginn an gewusst.", "Jonas") == ["Jonas"]


def test_a_particle_surname_after_a_given_name_alone_still_joins_it() -> None:
    # an article after the particle, or a word no dictionary knows right after it, still makes a surname
    assert _given_alone("Das Buch von Peter von der Grün erschien 1963.", "Peter") == ["Peter von der Grün"]
    assert _given_alone("Walther von der Vogelweide dichtete um 1200.", "Walther") == ["Walther von der Vogelweide"]
    assert _given_alone("Auch Enoch zu Guttenberg war gekommen.", "Enoch") == ["Enoch zu Guttenberg"]
