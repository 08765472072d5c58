"""A tagger span that runs a name's genitive into the noun it governs ("Berlins Schatzinsel")."""

from __future__ import annotations

from test_entity_credits import _names  # the tagger replaced by given phrases


def test_a_genitive_run_into_its_noun_is_cut_to_the_name() -> None:
    # a KB name's genitive
    text = "Der Neubau gilt als das Tor zu Berlins Schatzinsel, sagte der Präsident der Stiftung."
    assert "Berlins" in _names(text, [("Berlins Schatzinsel", "LOC")])
    # a name the text also writes on its own, before a compound noun ("-standards")
    text = "Nutzer von Tiktok klagen seit Wochen. Tiktoks Gemeinschaftsstandards verbieten Hetze."
    names = _names(text, [("Tiktok", "ORG"), ("Tiktoks Gemeinschaftsstandards", "ORG")])
    assert "Tiktoks" in names and "Tiktoks Gemeinschaftsstandards" not in names


def test_a_name_that_only_looks_like_a_genitive_keeps_its_span() -> None:
    # no "Barclay" in the text: the s belongs to the name
    text = "Die Barclays Bank legte am Montag in London ihre Zahlen vor."
    assert "Barclays Bank" in _names(text, [("Barclays Bank", "ORG")])
    # a person's name is left to the person rules, even with "Andrea" in the text
    text = "Der Forscher Andreas Kirchner aus Graz, Andrea genannt, legte die Studie vor."
    assert "Andreas Kirchner" in _names(text, [("Andreas Kirchner", "PER")])
    # the second word is no German noun
    text = "Das Team Johns Hopkins aus Baltimore, benannt nach John Hopkins, legte Daten vor."
    assert "Johns Hopkins" in _names(text, [("Johns Hopkins", "ORG")])
