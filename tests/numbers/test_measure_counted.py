"""Counted nouns: inflections, singulars and compounds of one noun share one key; a compound of a vocabulary noun
takes its measure by lemma; nouns that only end like one keep their own key."""

from __future__ import annotations

import tomllib

import pytest

from lagebild.numbers.counted import lemma_of
from lagebild.numbers.measures import DATA, load_measures


def _key(noun: str) -> str:
    return load_measures().classify(unit=noun, unit_kind="count", clause="", sentence="")


def test_counted_entries_have_their_shape() -> None:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert raw["counted"]
    for cid, entry in raw["counted"].items():
        assert set(entry) <= {"label", "heads", "not_heads", "stems", "hyphen"}, cid
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
        (["Kunden", "Privatkunden", "Neukundinnen"], "count:customer"),
        (["Staaten", "Ländern", "EU-Staaten", "Nationen", "Mitgliedsländer", "Schwellenländern", "Nicht-EU-Ländern"],
         "count:country"),
        (["Gemeinden", "Städten", "Dörfer", "Ortschaften"], "count:municipality"),
        (["Bauern", "Landwirte", "Milchbauern", "Schweinebauern"], "count:farmer"),
        (["Landkreise", "Kreise", "Stadtkreise", "Stadtbezirke"], "count:district"),
        (["Großstädte", "Landeshauptstädte", "Grenzorte"], "count:municipality"),
        (["Firmen", "Sicherheitsfirmen", "Software-Firmen"], "count:company"),
        (["User", "Facebook-User", "Internetnutzer"], "count:user"),
        # any other noun by its lemma: plural and singular group
        (["Tornados", "Tornado"], "count:tornado"),
        (["Windräder", "Windrad", "Windrädern"], "count:windrad"),
        (["Hektar"], "count:hektar"),
        (["Schiffe", "Schiff"], "count:schiff"),
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
        # a short head ends too many words: its compounds need a listed stem
        ("Orgelbauern", "count:farmer"),
        ("Geigenbauer", "count:farmer"),
        ("Expertenkreisen", "count:district"),
        ("Kulturkreise", "count:district"),
        ("Grünland", "count:country"),
        ("Kultur-Kreise", "count:district"),  # no hyphen compounds of "Kreis": "UN-Kreise" are circles
        ("US-Staaten", "count:country"),  # the states of one country
        ("Deutschland", "count:country"),
        ("Autobauer", "count:farmer"),
        ("Standorte", "count:municipality"),
    ],
)
def test_nouns_that_only_end_like_a_head_keep_their_own_key(noun: str, not_key: str) -> None:
    assert _key(noun) != not_key
    assert _key(noun) == "count:" + lemma_of(noun)


def test_a_form_whose_lemma_joins_two_things_keeps_its_spelling() -> None:
    # Swiss "Bussen" are fines; simplemma makes them "Bus", and they would group with the buses of "Busse"
    fines = load_measures().classify(unit="Bussen", unit_kind="count", clause="Die Stadtpolizei verteilte 300 Bussen",
                                     sentence="Die Stadtpolizei verteilte 300 Bussen", at=27)
    buses = load_measures().classify(unit="Busse", unit_kind="count", clause="Der Betrieb kaufte 300 Busse",
                                     sentence="Der Betrieb kaufte 300 Busse", at=19)
    assert fines == "count:bussen" and buses == "count:bus"
    # must not fire: other nouns of the same lemma kind keep their lemma key
    assert _key("Busse") == _key("Bus") == "count:bus"


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
        "Vielflieger",  # frequent travellers, no aircraft
        "Segelflieger",
    ],
)
def test_short_tails_and_lookalikes_take_no_measure_by_lemma(noun: str) -> None:
    m = load_measures().of_noun(noun)
    assert m is None or m.id not in ("rescue_workers", "hospitals", "customer", "aircraft")
