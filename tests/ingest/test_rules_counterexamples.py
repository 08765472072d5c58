"""Rules written for one text, checked on texts where they must fire and where they must not."""

from __future__ import annotations

import pytest

from lagebild.ingest.boilerplate import dateline_places
from lagebild.ingest.headers import author_line
from lagebild.model import Document, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders

REST = (
    "nach Angaben des Unternehmens im vergangenen Quartal deutlich mehr Nutzer gewonnen als erwartet. "
    "Analysten hatten mit einem schwächeren Wachstum gerechnet, wie mehrere Banken am Mittwoch mitteilten.\n\n"
    "Die Zahlen sollen in der kommenden Woche im Detail vorgestellt werden. Kritiker verweisen auf offene Fragen "
    "beim Datenschutz und fordern mehr Transparenz von der Konzernführung.\n"
)


def _clean(text: str) -> Document:
    doc = BoilerplateClean()(Document("d", text, SourceRef("d.txt")))
    doc.produced.add("header_meta")
    return MetaHeaders()(doc)


@pytest.mark.parametrize("brand", ["TikTok", "PayPal", "YouTube", "WhatsApp", "BlackRock", "LinkedIn", "GitHub", "PlayStation"])
def test_camel_case_names_are_not_split_as_datelines(brand: str) -> None:
    doc = _clean(f"Quartalszahlen vorgelegt\n\n{brand} hat {REST}")
    assert f"{brand} hat" in doc.text
    assert "dateline" not in doc.meta.extra


@pytest.mark.parametrize(("glued", "place"), [("MoskauDer", "Moskau"), ("WienDie", "Wien"), ("KiewWolodymyr", "Kiew")])
def test_glued_dateline_of_a_known_place_is_split(glued: str, place: str) -> None:
    doc = _clean(f"Quartalszahlen vorgelegt\n\n{glued} Konzern hat {REST}")
    assert doc.meta.extra.get("dateline") == place
    assert f"{place} – " in doc.text


def test_glued_dateline_of_an_unlisted_place_named_again_in_the_text_is_split() -> None:
    assert "Wolfratshausen" not in dateline_places()
    doc = _clean(f"Quartalszahlen vorgelegt\n\nWolfratshausenDer Konzern hat {REST}Das Werk in Wolfratshausen bleibt.\n")
    assert doc.meta.extra.get("dateline") == "Wolfratshausen"


def test_brand_named_twice_is_not_split_even_if_its_first_part_stands_alone() -> None:
    doc = _clean(f"Quartalszahlen vorgelegt\n\nBlackRock hat {REST}Black Friday kommt. BlackRock schweigt.\n")
    assert "dateline" not in doc.meta.extra and "BlackRock hat" in doc.text


def test_durch_with_one_word_is_a_subheading_not_a_byline() -> None:
    assert author_line("Durch Bayern") is None
    assert author_line("Durch Bayern und Franken") is None
    assert author_line("Durch Hans Meier") == "Hans Meier"  # a translated byline still works
    assert author_line("Von Meier") == "Meier"  # "Von" keeps one-word bylines
    text = ("Radtour durch Süddeutschland\n\nDie Strecke führt über 600 Kilometer von Ulm bis Passau, "
            "wie die Veranstalter am Montag mitteilten. Mehr als 2000 Teilnehmer haben sich angemeldet.\n\n"
            "Durch Bayern\n\nDer zweite Abschnitt beginnt in Augsburg und endet nach drei Tagen in Regensburg, "
            "wo ein Fest auf dem Marktplatz geplant ist.\n")
    doc = _clean(text)
    assert "Durch Bayern" in doc.text and doc.meta.author != "Bayern"


def test_dateline_places_file_has_one_place_a_line() -> None:
    places = dateline_places()
    assert len(places) > 150 and {"Berlin", "Wien", "Washington", "Kabul"} <= places
    assert not places & {"Tik", "Pay", "You", "Whats", "Black", "Die", "Der", "Juli"}
