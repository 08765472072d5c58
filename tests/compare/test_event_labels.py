"""Fallback agent phrases in event labels (when no entity is the agent)."""

from __future__ import annotations

from lagebild.compare.events import _agent_phrase


def test_agent_phrase_stops_before_auxiliaries_and_modals() -> None:
    assert _agent_phrase("Das Militär soll Hunderte Dörfer") == "Das Militär"
    assert _agent_phrase("Die Truppen haben") == "Die Truppen"


def test_prepositional_phrases_and_long_fragments_are_not_agents() -> None:
    assert _agent_phrase("Mit auf das Schlachtfeld") == ""
    assert _agent_phrase("Die vielen neuen jungen gut ausgebildeten Soldaten") == ""
    assert _agent_phrase("") == ""
