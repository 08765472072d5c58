"""Resolution logic on hand-built documents (no tagger): keys, surnames, roles, corrections."""

from __future__ import annotations

from typing import Any

from lagebild.entities.kb import load_kb
from lagebild.entities.resolve import apply_corrections, resolve_documents
from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span

PROV = Provenance("test")


def doc(doc_id: str, text: str, mentions: list[tuple[str, str, dict[str, Any]]]) -> Document:
    """Annotate the first occurrence of each surface after the previous one."""
    d = Document(id=doc_id, original=text, source=SourceRef(doc_id), text=text, offsets=OffsetMap.identity(len(text)))
    pos = 0
    for surface, label, data in mentions:
        start = text.index(surface, pos)
        d.add("entity", Span(start, start + len(surface)), PROV, label=label, data=data)
        pos = start + len(surface)
    return d


def by_name(entities: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(e for e in entities if e["name"] == name)


def test_inflection_variants_surnames_and_roles_meet() -> None:
    a = doc("a", "Senatorin Erika Musterfrau sprach. Musterfraus Plan, sagte die Ministerin Marta Beispiel-Koch.", [
        ("Erika Musterfrau", "PER", {"norm": "erika musterfrau", "form": "name", "role": "Senatorin", "role_key": "senator"}),
        ("Musterfraus", "PER", {"norm": "musterfraus", "form": "name"}),
        ("Marta Beispiel-Koch", "PER", {"norm": "marta beispiel koch", "form": "name"}),
    ])
    b = doc("b", "Die Senatorin widersprach Marta Beispiel Koch und Musterfrau.", [
        ("Senatorin", "PER", {"norm": "senator", "form": "role", "role": "Senatorin", "role_key": "senator"}),
        ("Marta Beispiel Koch", "PER", {"norm": "marta beispiel koch", "form": "name"}),
        ("Musterfrau", "PER", {"norm": "musterfrau", "form": "name"}),
    ])
    entities, links = resolve_documents([a, b], load_kb())
    erika = by_name(entities, "Erika Musterfrau")
    assert len(erika["mentions"]) == 4  # full name, genitive, surname in b, role in b
    assert erika["roles"] == ["Senatorin"]
    marta = by_name(entities, "Marta Beispiel Koch") if any(e["name"] == "Marta Beispiel Koch" for e in entities) else by_name(entities, "Marta Beispiel-Koch")
    assert len(marta["mentions"]) == 2
    assert set(links.values()) == {erika["id"], marta["id"]}
    for ent in entities:
        for m in ent["mentions"]:
            text = {"a": a, "b": b}[m["doc"]].original
            assert text[m["start"] : m["end"]] == m["text"]


def test_ambiguous_surname_and_unknown_role_stay_apart() -> None:
    a = doc("a", "Anna Weber und Paul Weber trafen Weber. Der Bürgermeister schwieg.", [
        ("Anna Weber", "PER", {"norm": "anna weber", "form": "name"}),
        ("Paul Weber", "PER", {"norm": "paul weber", "form": "name"}),
        ("Weber", "PER", {"norm": "weber", "form": "name"}),
        ("Bürgermeister", "PER", {"norm": "bürgermeister", "form": "role", "role_key": "bürgermeister"}),
    ])
    entities, links = resolve_documents([a], load_kb())
    names = sorted(e["name"] for e in entities)
    assert names == ["Anna Weber", "Paul Weber", "Weber"]
    assert "a#entity:" + str(a.original.index("Bürgermeister")) + "-" + str(a.original.index("Bürgermeister") + 13) not in links


def test_kb_and_acronyms() -> None:
    a = doc("a", "Die Vereinten Nationen und die UN; der Verband Deutscher Musiker (VDM) und VDM.", [
        ("Vereinten Nationen", "ORG", {"norm": "vereinte nationen", "form": "name", "kb": "un"}),
        ("UN", "ORG", {"norm": "un", "form": "acronym"}),
        ("Verband Deutscher Musiker", "ORG", {"norm": "verband deutscher musiker", "form": "name"}),
        ("VDM", "ORG", {"norm": "vdm", "form": "acronym"}),
        ("VDM", "ORG", {"norm": "vdm", "form": "acronym"}),
    ])
    entities, _ = resolve_documents([a], load_kb())
    un = next(e for e in entities if e["id"] == "kb:un")
    assert un["name"] == "Vereinte Nationen" and len(un["mentions"]) == 2 and un["wikidata"] == "Q1065"
    vdm = by_name(entities, "Verband Deutscher Musiker")
    assert len(vdm["mentions"]) == 3


def test_ids_are_stable_and_unique() -> None:
    a = doc("a", "Kim sah Kim.", [("Kim", "PER", {"norm": "kim", "form": "name"})])
    first, _ = resolve_documents([a], load_kb())
    again, _ = resolve_documents([a], load_kb())
    assert [e["id"] for e in first] == [e["id"] for e in again] == ["per:kim"]


def test_corrections_merge_split_rename() -> None:
    ents = [
        {"id": "per:a", "name": "A", "type": "PER", "aliases": [], "roles": [], "kb": None, "wikidata": None,
         "mentions": [{"doc": "d", "start": 0, "end": 1, "text": "A", "ann": "x1"}, {"doc": "d", "start": 5, "end": 6, "text": "A", "ann": "x2"}]},
        {"id": "per:b", "name": "B", "type": "PER", "aliases": [], "roles": [], "kb": None, "wikidata": None,
         "mentions": [{"doc": "d", "start": 9, "end": 10, "text": "B", "ann": "x3"}]},
    ]
    out = apply_corrections(ents, [
        {"action": "split", "entity": "per:a", "mentions": ["d#x2"], "name": "A2"},
        {"action": "merge", "entities": ["B", "A2"]},  # by name, incl. the entity the split created
        {"action": "rename", "entity": "per:a", "name": "Anna"},
        {"action": "merge", "entities": ["per:does-not-exist", "per:a"]},  # ignored, never fatal
    ])
    by_id = {e["id"]: e for e in out}
    assert set(by_id) == {"per:a", "per:b"}
    assert by_id["per:a"]["name"] == "Anna" and "A" in by_id["per:a"]["aliases"]
    assert [m["ann"] for m in by_id["per:b"]["mentions"]] == ["x2", "x3"]


def _name(surface: str, label: str) -> tuple[str, str, dict[str, Any]]:
    return (surface, label, {"norm": surface.casefold(), "form": "name"})


def _role(surface: str, key: str) -> tuple[str, str, dict[str, Any]]:
    return (surface, "PER", {"norm": key, "form": "role", "role": surface, "role_key": key})


def test_unqualified_role_joins_a_person_of_its_own_story_only() -> None:
    named = doc("a1", "Polizeisprecher Max Muster sagte in Kleinhafen, die Murra steige, der Deichverband warne.", [
        ("Max Muster", "PER", {"norm": "max muster", "form": "name", "role": "Polizeisprecher", "role_key": "polizeisprecher"}),
        _name("Kleinhafen", "LOC"), _name("Murra", "LOC"), _name("Deichverband", "ORG")])
    same_story = doc("a2", "In Kleinhafen stieg die Murra, sagte der Polizeisprecher; der Deichverband half.", [
        _name("Kleinhafen", "LOC"), _name("Murra", "LOC"), _role("Polizeisprecher", "polizeisprecher"),
        _name("Deichverband", "ORG")])
    other_story = doc("b1", "Beim Derby in Großstetten blieb es ruhig, sagte ein Polizeisprecher des SV Großstetten.", [
        _name("Großstetten", "LOC"), _role("Polizeisprecher", "polizeisprecher"), _name("SV Großstetten", "ORG")])
    entities, _ = resolve_documents([named, same_story, other_story], load_kb())
    muster = by_name(entities, "Max Muster")
    assert {m["doc"] for m in muster["mentions"]} == {"a1", "a2"}
    # a qualified office has one holder at a time: it joins across stories
    office = doc("b2", "Der Kleinstaat-Präsident sprach in Großstetten.", [
        _role("Kleinstaat-Präsident", "kleinstaat präsident"), _name("Großstetten", "LOC")])
    holder = doc("a3", "Kleinstaat-Präsident Eva Beispiel besuchte Kleinhafen.", [
        ("Eva Beispiel", "PER", {"norm": "eva beispiel", "form": "name", "role": "Kleinstaat-Präsident", "role_key": "kleinstaat präsident"}),
        _name("Kleinhafen", "LOC")])
    entities, _ = resolve_documents([holder, office, other_story], load_kb())
    assert {m["doc"] for m in by_name(entities, "Eva Beispiel")["mentions"]} == {"a3", "b2"}


def test_a_surname_tagged_as_a_place_is_the_person_of_its_document_only() -> None:
    a = doc("a", "Dominic Quandrowski gewann. Quandrowski siegte in Houston, sagte Whitney Houston.", [
        _name("Dominic Quandrowski", "PER"), _name("Quandrowski", "LOC"), _name("Houston", "LOC"), _name("Whitney Houston", "PER")])
    b = doc("b", "In Houston regnete es; Rabatt Gazprom; Gazprom liefert.", [
        _name("Houston", "LOC"), _name("Rabatt Gazprom", "PER"), _name("Gazprom", "ORG")])
    entities, _ = resolve_documents([a, b], load_kb())
    person = by_name(entities, "Dominic Quandrowski")
    assert person["type"] == "PER" and [m["text"] for m in person["mentions"]] == ["Dominic Quandrowski", "Quandrowski"]
    # "Houston" also stands in a document without Whitney Houston: the city, not the person
    assert [m["text"] for m in by_name(entities, "Whitney Houston")["mentions"]] == ["Whitney Houston"]
    assert by_name(entities, "Houston")["type"] == "LOC"
    # a "name" without a given name takes nothing
    assert [m["text"] for m in by_name(entities, "Rabatt Gazprom")["mentions"]] == ["Rabatt Gazprom"]


def test_a_bare_double_surname_joins_its_full_name() -> None:
    a = doc("a", "Johanna Mikl-Leitner sprach, Anna Leitner schwieg.", [_name("Johanna Mikl-Leitner", "PER"), _name("Anna Leitner", "PER")])
    b = doc("b", "Mikl-Leitner widersprach, Leitner nicht.", [_name("Mikl-Leitner", "PER"), _name("Leitner", "PER")])
    entities, _ = resolve_documents([a, b], load_kb())
    assert {m["text"] for m in by_name(entities, "Johanna Mikl-Leitner")["mentions"]} == {"Johanna Mikl-Leitner", "Mikl-Leitner"}
    # the second part alone is another person's surname, not the double surname's
    assert {m["text"] for m in by_name(entities, "Anna Leitner")["mentions"]} == {"Anna Leitner", "Leitner"}
    # after a particle the last part is the surname
    c = doc("c", "Baschar al-Quandri regiert. Quandri sprach.", [_name("Baschar al-Quandri", "PER"), _name("Quandri", "PER")])
    entities, _ = resolve_documents([c], load_kb())
    assert {m["text"] for m in by_name(entities, "Baschar al-Quandri")["mentions"]} == {"Baschar al-Quandri", "Quandri"}


def test_an_acronym_of_a_kb_organisation_joins_it_without_failing() -> None:
    # the long name resolves to a KB entry (no plain-name key); its acronym, and a one-word organisation
    # spelt by compound initials, must still be looked up by a mention of their own
    text = "Die Grüne Partei der Schweiz gewann. Die GPS jubelte. Das Landeskriminalamt ermittelt, das LKA schweigt."
    d = doc("a", text, [("Grüne Partei der Schweiz", "ORG", {"form": "name"}), ("GPS", "ORG", {"form": "acronym"}),
                        ("Landeskriminalamt", "ORG", {"form": "name"}), ("LKA", "ORG", {"form": "acronym"})])
    entities, _ = resolve_documents([d], load_kb())
    found = {frozenset(m["text"] for m in e["mentions"]) for e in entities}
    assert frozenset({"Grüne Partei der Schweiz", "GPS"}) in found
    assert frozenset({"Landeskriminalamt", "LKA"}) in found


def test_an_acronym_is_not_spelt_by_a_name_that_holds_it_as_a_word() -> None:
    # "LG" (a phone maker) and "LG Graz" (a court): the name's initials are "lg" only by chance
    phone = doc("p", "Das neue Modell von LG kommt im März.", [("LG", "ORG", {"norm": "lg", "form": "acronym"})])
    court = doc("c", "Das LG Graz wies die Klage ab.", [("LG Graz", "ORG", {"norm": "lg graz", "form": "name"})])
    entities, _ = resolve_documents([phone, court], load_kb(()))
    assert sorted(e["name"] for e in entities) == ["LG", "LG Graz"]
    # the rule reads the name's words: initials of other words still spell the acronym
    union = doc("u", "Die Landes Gartenschau Gesellschaft (LGG) plant. Die LGG lädt ein.", [
        ("Landes Gartenschau Gesellschaft", "ORG", {"norm": "landes gartenschau gesellschaft", "form": "name"})])
    later = doc("l", "Laut LGG kamen viele Gäste.", [("LGG", "ORG", {"norm": "lgg", "form": "acronym"})])
    entities, _ = resolve_documents([union, later], load_kb(()))
    assert [len(e["mentions"]) for e in entities] == [2]


def test_umlauts_written_out_meet_the_umlauts() -> None:
    # an ASCII dateline ("Duesseldorf (dpa-AFX)") and a person typed without umlauts
    a = doc("a", "Duesseldorf (dpa-AFX) - Anna Schroeder stellte den Plan vor.", [
        _name("Duesseldorf", "LOC"), _name("Anna Schroeder", "PER")])
    b = doc("b", "In Düsseldorf sprach Anna Schröder über den Plan.", [_name("Düsseldorf", "LOC"), _name("Anna Schröder", "PER")])
    entities, _ = resolve_documents([a, b], load_kb(()))
    assert sorted(len(e["mentions"]) for e in entities) == [2, 2]
    assert load_kb(()).lookup("Oesterreichs") is load_kb(()).lookup("Österreich") is not None


def test_umlauts_written_out_leave_acronyms_alone() -> None:
    # "OeNB" (a central bank) and "ÖNB" (a library) are two acronyms, not one written two ways
    a = doc("a", "Die OeNB senkt den Zins.", [("OeNB", "ORG", {"norm": "oenb", "form": "acronym"})])
    b = doc("b", "Die ÖNB zeigt alte Karten.", [("ÖNB", "ORG", {"norm": "önb", "form": "acronym"})])
    entities, _ = resolve_documents([a, b], load_kb(()))
    assert sorted(e["name"] for e in entities) == ["OeNB", "ÖNB"]
