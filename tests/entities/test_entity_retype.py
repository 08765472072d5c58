"""Types from a mention's surroundings, and surnames cut to an initial: each rule with a case where it must not fire."""

from __future__ import annotations

from typing import Any

from entity_helpers import doc

from lagebild.entities.kb import load_kb
from lagebild.entities.resolve import resolve_documents
from lagebild.entities.retype import dateline_place, person_after_role
from lagebild.entities.roles import load_roles


def entity_of(entities: list[dict[str, Any]], text: str, doc_id: str | None = None) -> dict[str, Any]:
    return next(e for e in entities if any(m["text"] == text and doc_id in (None, m["doc"]) for m in e["mentions"]))


def test_a_surname_cut_to_its_initial_joins_the_one_full_name() -> None:
    a = doc("a", "Vor Gericht steht Marek Wolski aus Cottbus. Marek W. schwieg am ersten Tag.",
            [("Marek Wolski", "PER"), ("Cottbus", "LOC"), ("Marek W.", "PER")])
    entities, _ = resolve_documents([a], load_kb())
    ent = entity_of(entities, "Marek W.")
    assert {m["text"] for m in ent["mentions"]} == {"Marek Wolski", "Marek W."}
    assert ent["name"] == "Marek Wolski"  # the written-out name, not the initial


def test_an_initial_two_persons_fit_or_another_given_name_stays_apart() -> None:
    a = doc("a", "Angeklagt sind Marek Wolski und Marek Wagner. Marek W. schwieg. Anna W. sagte aus.",
            [("Marek Wolski", "PER"), ("Marek Wagner", "PER"), ("Marek W.", "PER"), ("Anna W.", "PER")])
    entities, _ = resolve_documents([a], load_kb())
    assert len(entity_of(entities, "Marek W.")["mentions"]) == 1
    assert len(entity_of(entities, "Anna W.")["mentions"]) == 1


def test_a_name_after_a_role_noun_is_a_person_and_meets_the_full_name() -> None:
    a = doc("a", "Verkehrsministerin Karin Lindqvist stellte den Plan vor.", [("Karin Lindqvist", "PER")])
    b = doc("b", "Kritik kam prompt. Verkehrsministerin Lindqvist wies sie zurück.", [("Lindqvist", "LOC")])
    entities, _ = resolve_documents([a, b], load_kb())
    ent = entity_of(entities, "Lindqvist", "b")
    assert ent["type"] == "PER" and len(ent["mentions"]) == 2


def test_a_place_without_a_role_before_it_or_in_the_genitive_stays_a_place() -> None:
    kb, roles = load_kb(), load_roles()
    text = "Die Ministerin reiste nach Lindau. Innenminister Bayerns Joachim Herrmann kam auch. Minister Berlin"
    assert not person_after_role(text, text.index("Lindau"), "Lindau", kb, roles)
    assert not person_after_role(text, text.index("Bayerns"), "Bayerns", kb, roles)
    assert not person_after_role(text, text.index("Berlin"), "Berlin", kb, roles)  # a KB place
    direct = "Innenminister Joachim Herrmann kam auch."
    assert person_after_role(direct, direct.index("Joachim"), "Joachim Herrmann", kb, roles)
    for text, word in (("Der Tabellenführer Leicester verlor.", "Leicester"),
                       ("Dahinter folgt Exportkaiser Vorarlberg mit Abstand.", "Vorarlberg")):
        assert not person_after_role(text, text.index(word), word, kb, roles), text  # a team's and a region's title
    plural = "Die Innenministerinnen Meyer und Schulz"
    assert not person_after_role(plural, plural.index("Meyer"), "Meyer", kb, roles)


def test_a_dateline_town_tagged_as_a_person_becomes_a_place() -> None:
    kb = load_kb()
    for text in ("Unwetter\n\nRavenna, 18. Mai 2023. Die Flüsse steigen.", "Ravenna (dpa) – Die Flüsse steigen.",
                 "Ravenna/Bologna (AFP/dpa) – Die Flüsse steigen.", "Ravenna, Donnerstag. Die Flüsse steigen."):
        assert dateline_place(text, text.index("Ravenna"), text.index("Ravenna") + 7, kb), text
    d = doc("d", "Ravenna, 18. Mai 2023. Die Flüsse steigen.", [("Ravenna", "PER")])
    entities, _ = resolve_documents([d], kb)
    assert entity_of(entities, "Ravenna")["type"] == "LOC"


def test_a_person_opening_a_line_without_a_dateline_stays_a_person() -> None:
    kb = load_kb()
    for text, word in (("Merkel (CDU) sagte am Abend, sie bleibe.", "Merkel"), ("Schmidt, 54, führt den Verein.", "Schmidt"),
                       ("Titel\nMerkel – eine Bilanz", "Merkel"), ("Gestern sagte Ravenna, 18. Mai sei ein Festtag.", "Ravenna")):
        start = text.index(word)
        assert not dateline_place(text, start, start + len(word), kb), text
    d = doc("d", "Merkel (CDU) sagte am Abend, sie bleibe.", [("Merkel", "PER")])
    entities, _ = resolve_documents([d], kb)
    assert entity_of(entities, "Merkel")["type"] == "PER"


def test_a_spelling_the_kb_lacks_meets_its_kb_entity() -> None:
    kb = load_kb()
    a = doc("a", "Die Lage in Kharkiv bleibt angespannt.", [("Kharkiv", "LOC")])
    b = doc("b", "In Charkiw heulten die Sirenen.", [("Charkiw", "LOC")])
    entities, _ = resolve_documents([a, b], kb)
    assert {m["text"] for m in entity_of(entities, "Charkiw")["mentions"]} == {"Kharkiv", "Charkiw"}


def test_a_town_abroad_is_shown_as_the_texts_write_it() -> None:
    kb = load_kb()
    a = doc("a", "Der Streik legte Thessaloniki lahm.", [("Thessaloniki", "LOC")])
    b = doc("b", "In Thessaloniki und in Thessalonike blieben die Läden zu.", [("Thessaloniki", "LOC"), ("Thessalonike", "LOC")])
    entities, _ = resolve_documents([a, b], kb)
    town = entity_of(entities, "Thessalonike")
    assert town["name"] == "Thessaloniki" and town["kb"] == "place:thessaloniki" and len(town["mentions"]) == 3
    c = doc("c", "Der Zug hielt in Annaberg-Buchholz.", [("Annaberg-Buchholz", "LOC")])
    entities, _ = resolve_documents([c], kb)
    assert entity_of(entities, "Annaberg-Buchholz")["name"] == "Annaberg-Buchholz"


def test_a_role_before_a_club_firm_or_named_place_leaves_it_alone() -> None:
    kb, roles = load_kb(), load_roles()
    for text, word in (("Der Präsident Rapid Wien lobte die Mannschaft.", "Rapid Wien"),
                       ("Bundeskanzler Österreichs Vertreter reiste an.", "Österreichs"),
                       ("Außenminister Russlands Sergej Lawrow kam.", "Russlands"),
                       ("Landeshauptmann Tirol lud ein. Die Feier in Tirol war groß.", "Tirol")):
        assert not person_after_role(text, text.index(word), word, kb, roles), text
    for text, word in (("Kaiser Franz Joseph regierte lange.", "Franz Joseph"), ("Papst Franziskus betete.", "Franziskus"),
                       ("Präsident Luiz Inácio Lula reiste ab.", "Luiz Inácio Lula")):  # a given name the list lacks
        assert person_after_role(text, text.index(word), word, kb, roles), text


def test_a_clause_after_a_persons_name_at_a_line_start_is_no_dateline() -> None:
    kb = load_kb()
    for text, word in (("Titel\nWeber, den viele kennen, sagte es.", "Weber"), ("Titel\nScholz, am Ende müde, ging.", "Scholz"),
                       ("Titel\nGeorge, am 3. Mai 2020 getötet, war 46.", "George")):
        start = text.index(word)
        assert not dateline_place(text, start, start + len(word), kb), text
    for text in ("Titel\nLincoln (AP) – Der Sturm zog ab.", "Titel\nLincoln, den 3. Mai. Der Sturm zog ab.",
                 "Titel\nLincoln, 3.5.2021 – Der Sturm zog ab."):
        assert dateline_place(text, text.index("Lincoln"), text.index("Lincoln") + 7, kb), text


def test_an_initial_two_persons_of_different_stories_fit_stays_apart() -> None:
    a = doc("a", "Im Prozess um den Brand sagte Jonas Kessler aus.", [("Jonas Kessler", "PER")])
    b = doc("b", "Beim Pokalspiel traf Jonas Kraus zweimal.", [("Jonas Kraus", "PER")])
    c = doc("c", "Der Angeklagte Jonas K. schwieg zum Brand.", [("Jonas K.", "PER")])
    entities, _ = resolve_documents([a, b, c], load_kb())
    assert len(entity_of(entities, "Jonas K.")["mentions"]) == 1
