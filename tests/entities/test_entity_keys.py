"""Name and role keys: properties that resolution relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.entities.normalize import genitive_candidates, name_key, role_key, slug, split_camel

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
