"""The mention → entity map is saved as one marker row exactly when it is the map the entities' mention lists give."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from lagebild.store.corpus_rows import _is_entity_map, entity_map


def _entities(spec: list[list[tuple[str, int]]]) -> list[dict[str, Any]]:
    return [{"id": f"E{i}", "mentions": [{"doc": d, "ann": f"T{a}"} for d, a in ms]} for i, ms in enumerate(spec)]


_MENTION = st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 3))


@given(st.lists(st.lists(_MENTION, max_size=4), max_size=4), st.data())
def test_in_step_answers_as_the_built_map(spec: list[list[tuple[str, int]]], data: st.DataObject) -> None:
    entities = _entities(spec)
    derived = entity_map(entities)
    # the map itself, or one changed: an entry moved, dropped, added or pointed elsewhere
    edit = data.draw(st.sampled_from(["same", "reverse", "drop", "add", "other"]))
    items = list(derived.items())
    if edit == "reverse":
        items.reverse()
    elif edit == "drop" and items:
        items.pop()
    elif edit == "add":
        items.append(("z#T9", "E0"))
    elif edit == "other" and items:
        items[0] = (items[0][0], "E99")
    mention_entity = dict(items)
    assert _is_entity_map(mention_entity, entities) == (list(mention_entity.items()) == list(derived.items()))


def test_a_mention_named_by_two_entities_is_decided_on_the_built_map() -> None:
    entities = _entities([[("a", 1)], [("a", 1)]])  # the built map keeps the first place and the later entity
    assert _is_entity_map({"a#T1": "E1"}, entities) is True
    assert _is_entity_map({"a#T1": "E0"}, entities) is False
    assert _is_entity_map({"a#T1": "E0"}, _entities([[("a", 1)]])) is True
    assert _is_entity_map({}, _entities([[], []])) is True
