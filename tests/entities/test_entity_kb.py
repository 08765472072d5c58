"""The knowledge base: names, genitives, adjectives, demonyms, capitals, user files."""

from __future__ import annotations

from pathlib import Path

from lagebild.entities.kb import load_kb


def test_country_forms_point_to_the_country() -> None:
    kb = load_kb()
    assert kb.lookup("Russlands").id == "russland"  # type: ignore[union-attr]
    assert kb.lookup("Nordkoreas").id == "nordkorea"  # type: ignore[union-attr]
    assert kb.adjective("nordkoreanische").id == "nordkorea"  # type: ignore[union-attr]
    assert kb.adjective("südkoreanischem").id == "suedkorea"  # type: ignore[union-attr]
    assert kb.demonym("Nordkoreaner").id == "nordkorea"  # type: ignore[union-attr]
    assert kb.lookup("Polen").id == "polen"  # a name wins over the demonym plural "Polen"  # type: ignore[union-attr]
    cap = kb.lookup("Pyongyang")
    assert cap is not None and cap.kind == "capital" and cap.country == "nordkorea" and cap.name == "Pjöngjang"
    assert kb.adjective("taktische") is None and kb.lookup("Haus") is None


def test_agencies_and_organisations() -> None:
    kb = load_kb()
    for name in ("Yonhap", "KCNA", "dpa", "Reuters"):
        entry = kb.lookup(name)
        assert entry is not None and entry.type == "ORG" and entry.kind == "agency", name
    assert kb.lookup("Vereinten Nationen").id == kb.lookup("UN").id == "un"  # type: ignore[union-attr]
    assert kb.lookup("NATO").wikidata == "Q7184"  # type: ignore[union-attr]


def test_user_file_extends_the_kb(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my additions\n"
        "acme\t\tORG\tcompany\tAcme Holding\tAcme;ACME AG\t\n"
        "nato\t\tORG\torg\tNATO\tNordatlantikvertrags-Organisation\t\n",
        encoding="utf-8",
    )
    kb = load_kb((str(extra),))
    assert kb.lookup("ACME AG").id == "acme"  # type: ignore[union-attr]
    assert kb.lookup("Nordatlantikvertrags-Organisation").id == "nato"  # type: ignore[union-attr]
    assert kb.lookup("Nato").id == "nato"  # shipped aliases stay  # type: ignore[union-attr]


def test_towns_abroad_meet_under_their_spelling_variants() -> None:
    kb = load_kb()
    town = kb.lookup("Karachi")
    assert town is not None and town.kind == "city" and town.country == "pakistan"
    assert kb.lookup("Karatschi") is town or kb.lookup("Karaci") is town
    assert kb.lookup("Chengdu") is not None and kb.lookup("Chengdu") is not town


def test_towns_named_like_persons_or_words_or_known_by_a_german_name_stay_out() -> None:
    kb = load_kb()
    for word in ("Austin", "Houston", "Buffalo", "Carrefour"):  # a surname, an English and a French word
        assert kb.lookup(word) is None, word
    assert kb.lookup("Moscow") is None  # not a second Moscow beside the KB's "Moskau"
    assert kb.lookup("Moskau") is not None


def test_the_shipped_kb_is_built_once_however_it_is_asked_for() -> None:
    # Stages ask with the configured (empty) tuple of files, other callers with no argument.
    assert load_kb() is load_kb(())
    assert load_kb() is load_kb(tuple([]))
