"""Name and role keys: properties that resolution relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.entities.normalize import genitive_candidates, name_key, role_key, slug, split_camel, umlaut_key

names = st.text(alphabet=st.characters(categories=("L", "Zs", "Pd", "Nd")), max_size=40)


@given(names)
def test_name_key_is_idempotent(text: str) -> None:
    assert name_key(name_key(text)) == name_key(text)


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=8), min_size=1, max_size=4))
def test_hyphen_and_space_variants_share_a_key(parts: list[str]) -> None:
    assert name_key("-".join(parts)) == name_key(" ".join(parts)) == name_key(" ".join(p.upper() for p in parts))


@given(names)
def test_slug_is_safe_for_ids(text: str) -> None:
    s = slug(text)
    assert s and " " not in s and "/" not in s


def test_known_variants() -> None:
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"
    assert name_key("„Putin“") == "putin"
    assert role_key("Kreml-Chef") == role_key("Kremlchef")
    assert "putin" in genitive_candidates("putins")
    assert "russland" in genitive_candidates("russlands")
    assert genitive_candidates("fluss") == []  # a double s is not a genitive ending
    assert split_camel("BerlinWladimir") == 6
    assert split_camel("McDonald") == 2  # callers require a longer prefix before cutting
    assert split_camel("Putin") == 0


def test_umlauts_written_out_share_a_key_from_four_letters() -> None:
    assert umlaut_key("düsseldorf") == umlaut_key("duesseldorf") == "duesseldorf"
    assert umlaut_key("manuel") == "manuel"  # the letters "ue" of a name stay as they are
    assert umlaut_key("önb") is None and umlaut_key("oenb") == "oenb"  # an acronym's letters are its own


def test_slug_writes_umlauts_and_sharp_s_out() -> None:
    assert slug("Große Straße in Köln") == "grosse-strasse-in-koeln"
