"""Acronyms defined in the text, case forms of organisation names, surnames the tagger took for places:
each rule with a text where it fires and another where it must not."""

from __future__ import annotations

from typing import Any

from entity_helpers import PROV
from entity_helpers import doc as entity_doc

from lagebild.entities.acronyms import spells, untagged_expansion
from lagebild.entities.extract import Mention, _defined_long_names
from lagebild.entities.kb import load_kb
from lagebild.entities.normalize import name_key
from lagebild.entities.resolve import resolve_documents
from lagebild.entities.roles import load_roles
from lagebild.model import Document, OffsetMap, SourceRef, Span


def doc(doc_id: str, text: str, mentions: list[tuple[str, str]]) -> Document:
    return entity_doc(doc_id, text, mentions, mark_acronyms=True)


def owners(docs: list[Document]) -> dict[str, set[str]]:
    entities, _ = resolve_documents(docs)
    out: dict[str, set[str]] = {}
    for e in entities:
        for m in e["mentions"]:
            out.setdefault(m["text"], set()).add(e["id"])
    return out


def entity_of(docs: list[Document], text: str) -> dict[str, Any]:
    entities, _ = resolve_documents(docs)
    return next(e for e in entities if any(m["text"] == text for m in e["mentions"]))


def test_spells_reads_letters_from_the_start_to_the_last_word() -> None:
    assert spells("PSW", "Południowa Spółka Węglowa")
    assert spells("BVA", "Bundesverband der Verkehrsarbeitgeber")
    assert spells("DB", "Die Deutsche Bahn")
    assert not spells("SPD", "Deutsche Bahn")  # first letter
    assert not spells("SWB", "Stadtwerke Kiel")  # last letter not in the last word
    assert not spells("AB", "Abel")  # one short word is no long form
    assert not spells("Kiel", "Kieler Institut")  # not written as an acronym


def test_defined_acronym_joins_its_long_name_here_and_in_other_documents() -> None:
    a = doc("a", "Die Nordwerke Energie Holding (NEH) meldete Verluste. Die NEH will sparen.",
            [("Nordwerke Energie Holding", "ORG"), ("NEH", "ORG"), ("NEH", "ORG")])
    b = doc("b", "Beschäftigte der NEH protestierten am Montag.", [("NEH", "ORG")])
    o = owners([a, b])
    assert o["NEH"] == o["Nordwerke Energie Holding"]
    # the long name in brackets after the acronym reads the same
    c = doc("c", "Die KGR (Kommission für Gewässerreinhaltung) tagt.", [("KGR", "ORG"), ("Kommission für Gewässerreinhaltung", "ORG")])
    o = owners([c])
    assert o["KGR"] == o["Kommission für Gewässerreinhaltung"]


def test_bracket_that_does_not_spell_the_name_or_follows_a_person_joins_nothing() -> None:
    a = doc("a", "Die Stadtwerke Kiel (SWB) erhöhen die Preise. Olaf Scholz (SPD) widerspricht.",
            [("Stadtwerke Kiel", "ORG"), ("SWB", "ORG"), ("Olaf Scholz", "PER"), ("SPD", "ORG")])
    o = owners([a])
    assert o["SWB"] != o["Stadtwerke Kiel"]
    assert o["SPD"] != o["Olaf Scholz"]


def test_conflicting_definitions_join_nothing() -> None:
    a = doc("a", "Der Bundesverband der Verkehrsarbeitgeber (BVA) lehnt ab.", [("Bundesverband der Verkehrsarbeitgeber", "ORG"), ("BVA", "ORG")])
    b = doc("b", "Das Bundesverwaltungsamt (BVA) zahlt aus.", [("Bundesverwaltungsamt", "ORG"), ("BVA", "ORG")])
    c = doc("c", "Die BVA äußerte sich nicht.", [("BVA", "ORG")])
    o = owners([a, b, c])
    assert o["Bundesverband der Verkehrsarbeitgeber"] != o["Bundesverwaltungsamt"]
    assert o["BVA"] not in (o["Bundesverband der Verkehrsarbeitgeber"], o["Bundesverwaltungsamt"])
    # one definition in the corpus: the acronym in every document
    o = owners([a, c])
    assert o["BVA"] == o["Bundesverband der Verkehrsarbeitgeber"]


def test_long_name_tagged_as_person_is_the_organisation_of_its_acronym() -> None:
    a = doc("a", "Das teilte die Firma Zakłady Chemiczne Police (ZCP) mit. Die ZCP prüft den Schaden.",
            [("Zakłady Chemiczne Police", "PER"), ("ZCP", "ORG"), ("ZCP", "ORG")])
    ent = entity_of([a], "ZCP")
    assert ent["type"] == "ORG" and ent["name"] == "Zakłady Chemiczne Police"
    # a person with a given name stays a person even before brackets that happen to spell it
    b = doc("b", "Das sagte Anna Berg (AB) am Montag.", [("Anna Berg", "PER"), ("AB", "ORG")])
    assert entity_of([b], "Anna Berg")["type"] == "PER"


def test_acronym_meets_an_organisation_written_in_two_cases() -> None:
    a = doc("a", "Die Vereinte Verkehrsgewerkschaft ruft zum Streik.", [("Vereinte Verkehrsgewerkschaft", "ORG")])
    b = doc("b", "Mitglieder der Vereinten Verkehrsgewerkschaft streiken.", [("Vereinten Verkehrsgewerkschaft", "ORG")])
    c = doc("c", "Die VVG rechnet mit Zulauf.", [("VVG", "ORG")])
    ent = entity_of([a, b, c], "VVG")
    assert {m["text"] for m in ent["mentions"]} == {"VVG", "Vereinte Verkehrsgewerkschaft", "Vereinten Verkehrsgewerkschaft"}
    assert ent["name"] == "Vereinte Verkehrsgewerkschaft"  # the nominative, not the genitive
    # two different organisations with those letters: still ambiguous
    d = doc("d", "Die Vereinigte Versorgungsgenossenschaft widerspricht.", [("Vereinigte Versorgungsgenossenschaft", "ORG")])
    o = owners([a, b, c, d])
    assert o["VVG"] != o["Vereinte Verkehrsgewerkschaft"] and o["VVG"] != o["Vereinigte Versorgungsgenossenschaft"]


def test_genitive_of_the_head_before_its_complement() -> None:
    a = doc("a", "Der Bundesverband der Spediteure warnt.", [("Bundesverband der Spediteure", "ORG")])
    b = doc("b", "Ein Sprecher des Bundesverbands der Spediteure sagte das.", [("Bundesverbands der Spediteure", "ORG")])
    c = doc("c", "Ein Sprecher des Bundesverbands der Spediteurinnen widersprach.", [("Bundesverbands der Spediteurinnen", "ORG")])
    o = owners([a, b, c])
    assert o["Bundesverband der Spediteure"] == o["Bundesverbands der Spediteure"]
    assert o["Bundesverbands der Spediteurinnen"] != o["Bundesverband der Spediteure"]


def _filler(k: int) -> Document:
    name = f"Firma{chr(65 + k)}werk"
    return doc(f"z{k:02d}", f"Die {name} baut in Kleinstadt{chr(65 + k)} ab.", [(name, "ORG"), (f"Kleinstadt{chr(65 + k)}", "LOC")])


def test_surname_tagged_as_place_joins_the_one_person_of_its_story() -> None:
    story = [
        doc("s1", "Verbandschefin Anna Keller sprach in Eberswalde vor dem Milchhof Oderland.",
            [("Anna Keller", "PER"), ("Eberswalde", "LOC"), ("Milchhof Oderland", "ORG")]),
        doc("s2", "Anna Keller kritisierte in Eberswalde den Milchhof Oderland.",
            [("Anna Keller", "PER"), ("Eberswalde", "LOC"), ("Milchhof Oderland", "ORG")]),
        doc("s3", "10:15 – Keller eröffnet in Eberswalde die Kundgebung vor dem Milchhof Oderland.",
            [("Keller", "LOC"), ("Eberswalde", "LOC"), ("Milchhof Oderland", "ORG")]),
    ]
    fillers = [_filler(k) for k in range(12)]
    ent = entity_of(story + fillers, "Keller")
    assert ent["type"] == "PER" and "Anna Keller" in {m["text"] for m in ent["mentions"]}


def test_surname_like_place_outside_the_persons_story_stays_a_place() -> None:
    story = [
        doc("s1", "Verbandschefin Anna Keller sprach in Eberswalde vor dem Milchhof Oderland.",
            [("Anna Keller", "PER"), ("Eberswalde", "LOC"), ("Milchhof Oderland", "ORG")]),
        doc("s2", "Anna Keller kritisierte in Eberswalde den Milchhof Oderland.",
            [("Anna Keller", "PER"), ("Eberswalde", "LOC"), ("Milchhof Oderland", "ORG")]),
        doc("o1", "Der Wanderweg führt von Keller nach Hohenfels am Bergsee Tannried.",
            [("Keller", "LOC"), ("Hohenfels", "LOC"), ("Bergsee Tannried", "LOC")]),
    ]
    fillers = [_filler(k) for k in range(12)]
    ent = entity_of(story + fillers, "Keller")
    assert ent["type"] == "LOC" and {m["text"] for m in ent["mentions"]} == {"Keller"}


def _places(text: str, places: tuple[tuple[str, str | None], ...]) -> Document:
    """A document with each (surface, KB id) tagged as a place at its first occurrence."""
    d = Document(id="d", original=text, source=SourceRef("d"), text=text, offsets=OffsetMap.identity(len(text)))
    for surface, kb in places:
        start = text.index(surface + ";") if kb is None else text.index(surface)  # the bare name stands before ";"
        data = {"norm": name_key(surface), "form": "name", **({"kb": kb} if kb else {})}
        d.add("entity", Span(start, start + len(surface)), PROV, label="LOC", data=data)
    return d


def test_town_does_not_join_its_district() -> None:
    d = _places("Neubauten in Halle-Neustadt; Halle; wächst. Annaberg-Buchholz und Annaberg; dazu.",
                (("Halle-Neustadt", "place:halle-neustadt"), ("Halle", None),
                 ("Annaberg-Buchholz", "place:annaberg-buchholz"), ("Annaberg", None)))
    o = owners([d])
    assert o["Halle"] != o["Halle-Neustadt"]  # a district of the town, not a town of two names
    assert o["Annaberg"] == o["Annaberg-Buchholz"]


def test_town_named_after_a_distant_town_is_no_district_and_does_not_join_it() -> None:
    entries = load_kb().entries
    assert entries["place:halle-neustadt"].kind == "district"
    assert entries["place:sulzbach-rosenberg"].kind == "city" and entries["place:baden-baden"].kind == "city"
    # "Sulzbach" alone is a town in the Saarland: the first part names another town
    assert "first_part_names_another_town" in entries["place:sulzbach-rosenberg"].flags
    assert "first_part_names_another_town" not in entries["place:annaberg-buchholz"].flags
    d = _places("Ein Werk in Sulzbach-Rosenberg schließt; in Sulzbach; nicht.",
                (("Sulzbach-Rosenberg", "place:sulzbach-rosenberg"), ("Sulzbach", None)))
    o = owners([d])
    assert o["Sulzbach"] != o["Sulzbach-Rosenberg"]


def _spans(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.label) for m in _defined_long_names(text, mentions, load_roles())]


def test_long_name_the_tagger_missed_is_read_from_the_bracket() -> None:
    text = "Der Bund der Steuerzahler (BdSt) fordert Einsparungen. Laut dem Deutschen Zentrum für Orgelbau (DZO) fehlen Lehrlinge."
    assert _spans(text, []) == [("Bund der Steuerzahler", "ORG"), ("BdSt", "ORG"),
                                ("Deutschen Zentrum für Orgelbau", "ORG"), ("DZO", "ORG")]
    # the acronym tagged already: only the long name is added
    k = text.index("BdSt")
    assert _spans(text[:60], [Mention(k, k + 4, "ORG")]) == [("Bund der Steuerzahler", "ORG")]
    # an acronym written with points; digits the name cannot spell add nothing
    assert _spans("Die Deutsche Gesellschaft für Ernährung (D.G.E.) rät ab.", []) == [
        ("Deutsche Gesellschaft für Ernährung", "ORG"), ("D.G.E.", "ORG")]
    assert _spans("Die Gruppe der Sieben (G7) tagt.", []) == []
    # foreign function words are skipped like German ones
    text = "so das Istituto di Ricerca Musicale (IRM)"
    assert untagged_expansion(text, text.index("("), "IRM", []) == (text.index("Istituto"), text.index(" ("))


def test_bracket_after_a_person_a_code_or_an_unspelt_name_adds_nothing() -> None:
    text = "Das sagte Olaf Scholz (SPD) am Montag. Die Stadtwerke Kiel (SWB) erhöhen die Preise."
    s = text.index("Olaf")
    assert _spans(text, [Mention(s, s + 11, "PER")]) == []
    text = "1. Hermann Maier (AUT) 1:12,3; die Zahl stieg deutlich (ZDF)."
    k = text.index("AUT")
    assert _spans(text, [Mention(k, k + 3, "LOC")]) == []
    # a unit, and an office before the body it heads
    assert _spans("Das Kraftwerk leistet 400 Megawatt (MW) mehr.", []) == []
    assert _spans("sagte der Vorsitzende des Verbands der Privatsender (VÖP) am Montag.", []) == []
    assert _spans("sagte der Vorsitzende des Verbands der Privatsender (VDP).", []) == [("Verbands der Privatsender", "ORG"), ("VDP", "ORG")]


def test_long_name_defined_with_its_own_acronym_is_no_other_acronyms() -> None:
    a = doc("a", "Das Weltwirtschaftsforum (WEF) tagt in Davos.", [("Weltwirtschaftsforum", "ORG"), ("WEF", "ORG")])
    b = doc("b", "Der WWF warnt vor dem Artensterben.", [("WWF", "ORG")])
    o = owners([a, b])
    assert o["WEF"] == o["Weltwirtschaftsforum"] and o["WWF"] != o["WEF"]
    # without its own acronym in the text the compound initials still hold ("LKA" / "Landeskriminalamt")
    c = doc("c", "Das Landeskriminalamt ermittelt.", [("Landeskriminalamt", "ORG")])
    d = doc("d", "Das LKA bestätigte das.", [("LKA", "ORG")])
    o = owners([c, d])
    assert o["LKA"] == o["Landeskriminalamt"]


def test_initials_skip_romance_function_words() -> None:
    a = doc("a", "Das Istituto di Ricerca Musicale lädt ein.", [("Istituto di Ricerca Musicale", "ORG")])
    b = doc("b", "Laut IRM sind alle Plätze vergeben; das IDRM schweigt.", [("IRM", "ORG"), ("IDRM", "ORG")])
    o = owners([a, b])
    assert o["IRM"] == o["Istituto di Ricerca Musicale"]
    assert o["IDRM"] != o["IRM"]


def test_initials_keep_words_no_corpus_shows_inside_names() -> None:
    # "e" stands between capitalised words in no text of the development corpora: it is an initial
    a = doc("a", "Das Museu de Arte e Cultura öffnet.", [("Museu de Arte e Cultura", "ORG")])
    b = doc("b", "Das MAC bleibt zu, das MAEC nicht.", [("MAC", "ORG"), ("MAEC", "ORG")])
    o = owners([a, b])
    assert o["MAC"] != o["Museu de Arte e Cultura"]
    assert o["MAEC"] == o["Museu de Arte e Cultura"]
