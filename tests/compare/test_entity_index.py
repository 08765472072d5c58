"""Entity resolution against the stored entities (``lagebild.compare.entity_index``).

The incremental form resolves only the mentions of new documents, against stand-ins for the
stored entities found under their keys; on these small corpora it must give what clustering
every mention at once gives, and its rows must let the next run do the same.
"""

from __future__ import annotations

from typing import Any

from lagebild.compare.entity_index import EntityIndex, EntityRows, form_keys, resolve_full, resolve_incremental
from lagebild.entities.normalize import name_key
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, Provenance, SourceRef, Span

PROV = Provenance("test.entities.v1")


def _doc(doc_id: str, text: str, names: dict[str, str]) -> Document:
    """A document whose every occurrence of a name in ``names`` (name → label) is an entity mention."""
    doc = Document(id=doc_id, original=text, source=SourceRef(f"in/{doc_id}.txt"),
                   meta=ArticleMeta(title=doc_id, outlet="example.org", published=DateValue("2025-02-24", "day"), language="de"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    for name, label in names.items():
        start = text.find(name)
        while start >= 0:
            doc.add("entity", Span(start, start + len(name)), PROV, label=label, data={"norm": name_key(name), "form": "name"})
            start = text.find(name, start + len(name))
    return doc


def _index(rows: EntityRows, entities: list[dict[str, Any]]) -> EntityIndex:
    """The index a store would hand back after saving ``rows`` (an in-memory key table)."""
    by_key: dict[str, set[str]] = {}
    for eid, (_, keys) in rows.forms.items():
        for k in keys:
            by_key.setdefault(k, set()).add(eid)

    def lookup(keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        return {e: rows.forms[e][0] for k in keys for e in by_key.get(k, ())}

    own = {d: o for d, (o, _) in rows.resolved.items() if o}
    roles = {d: r for d, (_, r) in rows.resolved.items() if r}
    return EntityIndex(rows.settings, set(rows.resolved), own, roles, entities, lookup)


def _merged(rows: EntityRows, more: EntityRows) -> EntityRows:
    out = EntityRows(rows.settings, forms={**{k: v for k, v in rows.forms.items() if k not in more.gone}, **more.forms},
                     resolved={**rows.resolved, **more.resolved})
    return out


STORED = [
    _doc("a1", "Friedrich Merz traf Olaf Scholz in Berlin. Merz sprach zuerst.",
         {"Friedrich Merz": "PER", "Olaf Scholz": "PER", "Berlin": "LOC"}),
    _doc("a2", "Die Regierung in Niedersachsens Hauptstadt Hannover tagte.", {"Niedersachsens": "LOC", "Hannover": "LOC"}),
]
NEW = [
    _doc("b1", "In Berlin sagte Merz, Annalena Baerbock reise ab. Baerbock widersprach.",
         {"Berlin": "LOC", "Merz": "PER", "Annalena Baerbock": "PER", "Baerbock": "PER"}),
    _doc("b2", "Niedersachsen wählt. In Niedersachsen ist Hannover die Hauptstadt.", {"Niedersachsen": "LOC", "Hannover": "LOC"}),
]


def test_new_mentions_resolved_against_stored_entities_give_the_one_shot_entities() -> None:
    stored, _, rows = resolve_full(STORED, None, [], "s")
    assert rows is not None and set(rows.resolved) == {"a1", "a2"}
    got = resolve_incremental(STORED + NEW, None, _index(rows, stored))
    assert got is not None
    entities, mention_entity, more = got
    one_entities, one_map, _ = resolve_full(STORED + NEW, None, [], "s")
    assert entities == one_entities
    assert mention_entity == one_map
    # the bare surname joined the stored person; the stored genitive name gave way to the fuller one
    assert mention_entity["b1#" + NEW[0].annotations[1].id] == "per:friedrich-merz"
    assert "loc:niedersachsens" in more.gone and "loc:niedersachsen" in more.forms
    assert set(more.resolved) == {"b1", "b2"}
    # nothing new: the stored entities as they are, nothing to write
    again = resolve_incremental(STORED + NEW, None, _index(_merged(rows, more), entities))
    assert again is not None and again[0] == entities and not again[2].forms and not again[2].resolved


def test_the_stored_index_does_not_serve_when_a_stored_document_is_gone_or_changed() -> None:
    stored, _, rows = resolve_full(STORED, None, [], "s")
    assert rows is not None
    assert resolve_incremental(STORED[:1] + NEW, None, _index(rows, stored)) is None  # "a2" removed
    index = _index(rows, stored)
    index.resolved.discard("a1")  # analysed again: its old mentions are still in the stored entities
    assert resolve_incremental(STORED + NEW, None, index) is None


def test_corrections_leave_no_index_rows() -> None:
    _, _, rows = resolve_full(STORED, None, [{"action": "rename", "entity": "per:olaf-scholz", "name": "O. Scholz"}], "s")
    assert rows is None


def test_keys_meet_across_spellings_and_surnames() -> None:
    full = form_keys({"label": "PER", "form": "name", "norm": "wolodymyr selenskyj"})
    assert "s:selenskyj" in form_keys({"label": "PER", "form": "name", "norm": "selenskyj"}, lookup=True) & full
    # a bare surname one edit from a full name's last word is looked up by first letter and length
    near = form_keys({"label": "PER", "form": "name", "norm": "tillmanns"}, lookup=True)
    assert near & form_keys({"label": "PER", "form": "name", "norm": "anna tillmann"})
    assert "a:cdu" in form_keys({"label": "ORG", "form": "name", "norm": "christlich demokratische union"})
    assert "a:cdu" in form_keys({"label": "ORG", "form": "acronym", "norm": "cdu"}, lookup=True)
    # an ASCII spelling finds the stored name with umlauts, and only by the umlauts written out
    ascii_keys = form_keys({"label": "LOC", "form": "name", "norm": "duesseldorf"}, lookup=True)
    assert ascii_keys & form_keys({"label": "LOC", "form": "name", "norm": "düsseldorf"}) == {"u:duesseldorf"}


def test_the_configured_kb_types_mentions(tmp_path: Any) -> None:
    # a name the user's KB file lists is not retyped as a person by the role noun before it
    extra = tmp_path / "mine.tsv"
    extra.write_text("contoso\t\tORG\tcompany\tContoso\t\t\n", encoding="utf-8")
    docs = [_doc("c1", "Vorstandschef Contoso kündigte den Abbau an.", {"Contoso": "ORG"})]
    from lagebild.entities.kb import load_kb
    shipped, _, _ = resolve_full(docs, load_kb(()), [], None)
    mine, _, _ = resolve_full(docs, load_kb((str(extra),)), [], None)
    assert [e["type"] for e in shipped] == ["PER"]  # the shipped KB does not know it: the role types it
    assert [e["type"] for e in mine] == ["ORG"]


def _tagged(doc_id: str, text: str, names: dict[str, str]) -> Document:
    """``_doc`` with every all-capital name an acronym mention."""
    doc = _doc(doc_id, text, {})
    for name, label in names.items():
        start = text.find(name)
        while start >= 0:
            form = "acronym" if name.isupper() else "name"
            doc.add("entity", Span(start, start + len(name)), PROV, label=label, data={"norm": name_key(name), "form": form})
            start = text.find(name, start + len(name))
    return doc


def _one_shot_and_incremental(stored_docs: list[Document], new_docs: list[Document]) -> tuple[list[Any], list[Any]]:
    stored, _, rows = resolve_full(stored_docs, None, [], "s")
    assert rows is not None
    got = resolve_incremental(stored_docs + new_docs, None, _index(rows, stored))
    assert got is not None
    one, _, _ = resolve_full(stored_docs + new_docs, None, [], "s")
    return one, got[0]


def test_a_stored_acronym_definition_holds_for_new_documents() -> None:
    # the stored text defines "BVA" as one body: a later "BVA" is that body, not the initials of another
    stored = [_tagged("d1", "Das Bundesverwaltungsamt (BVA) prüft die Anträge. Das BVA rechnet mit Wochen.",
                      {"Bundesverwaltungsamt": "ORG", "BVA": "ORG"})]
    new = [_tagged("d2", "Die Berliner Verkehrs Agentur plant neue Linien. Laut BVA fehlen Fahrer.",
                   {"Berliner Verkehrs Agentur": "ORG", "BVA": "ORG"})]
    one, incremental = _one_shot_and_incremental(stored, new)
    assert incremental == one
    assert sorted((e["id"], len(e["mentions"])) for e in one) == [("org:berliner-verkehrs-agentur", 1), ("org:bva", 4)]
    _, _, rows = resolve_full(stored, None, [], "s")
    assert rows is not None
    assert {f.get("expansion") for f in rows.forms["org:bva"][0]} == {None, "ORG|bundesverwaltungsamt"}


def test_an_acronym_no_stored_text_defines_still_meets_the_initials_of_a_new_name() -> None:
    # nothing defines "VKG": as in a one-shot run, the new document's name it spells takes it
    stored = [_tagged("e1", "Die VKG erhöht die Preise. Die VKG nennt höhere Kosten.", {"VKG": "ORG"})]
    new = [_tagged("e2", "Die Verkehrsbetriebe Kleve Geldern erhöhen die Preise, teilte die VKG mit.",
                   {"Verkehrsbetriebe Kleve Geldern": "ORG", "VKG": "ORG"})]
    one, incremental = _one_shot_and_incremental(stored, new)
    assert incremental == one
    assert [len(e["mentions"]) for e in one] == [4]


def test_the_store_keeps_an_acronym_s_definition(tmp_path: Any) -> None:
    from lagebild.store import open_store

    stored = [_tagged("d1", "Das Bundesverwaltungsamt (BVA) prüft die Anträge. Das BVA rechnet mit Wochen.",
                      {"Bundesverwaltungsamt": "ORG", "BVA": "ORG"})]
    _, _, rows = resolve_full(stored, None, [], "s")
    assert rows is not None
    store = open_store(str(tmp_path / "lb.db"))
    try:
        store.save_entity_index("s", rows.forms, {})
        forms = store.entity_forms(["a:bva"])["org:bva"]
    finally:
        store.close()
    assert [f["n"] for f in forms if f.get("expansion") == "ORG|bundesverwaltungsamt"] == [1]  # the bracketed "BVA"
