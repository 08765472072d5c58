"""Counted nouns: inflections, singulars and compounds of one noun share one key; a compound of a vocabulary noun
takes its measure by lemma; nouns that only end like one keep their own key."""

from __future__ import annotations

import tomllib

import pytest

from lagebild.numbers.measures import DATA, lemma_of, load_measures


def _key(noun: str) -> str:
    return load_measures().classify(unit=noun, unit_kind="count", clause="", sentence="")


def test_counted_entries_have_their_shape() -> None:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert raw["counted"]
    for cid, entry in raw["counted"].items():
        assert set(entry) <= {"label", "heads", "not_heads"}, cid
        assert entry["label"] and entry["heads"], cid
        assert all(isinstance(h, str) and h[:1].isupper() for h in [*entry["heads"], *entry.get("not_heads", [])]), cid
    ids = [c.id for c in load_measures().counted]
    assert ids == list(raw["counted"])
    # a counted key never shadows a measure of the vocabulary
    assert not set(ids) & set(raw["measure"])


@pytest.mark.parametrize(
    ("nouns", "key"),
    [
        (["Schulen", "Schule", "Volksschulen", "Grundschule"], "count:school"),
        (["Haushalte", "Haushalten", "Privathaushalte"], "count:household"),
        (["Flüge", "Flügen", "Linienflüge", "Flug"], "count:flight"),
        (["Schiffe", "Schiffen", "Boote", "Flüchtlingsbooten"], "count:ship"),
        (["Kunden", "Privatkunden", "Neukundinnen"], "count:customer"),
        (["Staaten", "Ländern", "EU-Staaten", "Nationen"], "count:country"),
        (["Gemeinden", "Städten", "Dörfer", "Ortschaften"], "count:municipality"),
        (["Bauern", "Landwirte", "Milchbauern"], "count:farmer"),
        (["Hektar"], "count:hectare"),
        # any other noun by its lemma: plural and singular group
        (["Tornados", "Tornado"], "count:tornado"),
        (["Windräder", "Windrad", "Windrädern"], "count:windrad"),
    ],
)
def test_forms_of_one_noun_share_a_key(nouns: list[str], key: str) -> None:
    assert {_key(n) for n in nouns} == {key}


@pytest.mark.parametrize(
    ("noun", "not_key"),
    [
        ("Hochschulen", "count:school"),
        ("Fachhochschulen", "count:school"),
        ("Sekunden", "count:customer"),
        ("Fahrsekunden", "count:customer"),
        ("Bundesländer", "count:country"),
        ("US-Bundesstaaten", "count:country"),
        ("Ausflüge", "count:flight"),
        ("Staatshaushalte", "count:household"),
        ("Kirchengemeinden", "count:municipality"),
        ("Freundeskreise", "count:district"),
    ],
)
def test_nouns_that_only_end_like_a_head_keep_their_own_key(noun: str, not_key: str) -> None:
    assert _key(noun) != not_key
    assert _key(noun) == "count:" + lemma_of(noun)


def test_counted_keys_are_labelled_by_the_table() -> None:
    vocab = load_measures()
    assert vocab.label("count:school") == "schools" and vocab.label("count:tornado") == "tornado"


@pytest.mark.parametrize(
    ("noun", "measure"),
    [
        # a form the word lists do not spell out: by its lemma or its compound tail's lemma
        ("Kampfflugzeug", "aircraft"),
        ("Rettungswägen", "vehicles"),
        ("Asylwerbern", "refugees"),
        ("Dienstnehmer", "employees"),
        ("Krankenhäusern", "hospitals"),
        ("Aufständischen", "soldiers"),
    ],
)
def test_vocabulary_nouns_by_lemma_and_tail(noun: str, measure: str) -> None:
    m = load_measures().of_noun(noun)
    assert m is not None and m.id == measure


@pytest.mark.parametrize(
    "noun",
    [
        "Wasserkraft",  # "Kräfte" are rescue workers, but a five-letter tail "kraft" is too short to tell
        "Häusern",  # buildings, never hospitals
        "Sekunden",
    ],
)
def test_short_tails_and_lookalikes_take_no_measure_by_lemma(noun: str) -> None:
    m = load_measures().of_noun(noun)
    assert m is None or m.id not in ("rescue_workers", "hospitals", "customer")
