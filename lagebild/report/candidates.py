"""Names of the entities a shared name left unassigned may be (an entity's ``kb_candidates``).

A party name several countries share ("die Grünen") stays its own entity when the article gives
no lead to one of them; the export lists the candidates by id, the pages name them: the
picture's entity where the corpus has it (linked), else the knowledge base's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lagebild.entities.kb import load_kb


def candidate_names(entity: Mapping[str, Any], entity_by_id: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``[{"id", "name", "listed"}]`` for each of ``entity``'s ``kb_candidates``, in their order.

    ``listed``: the picture has an entity of that id, so a page can link to it.
    """
    out: list[dict[str, Any]] = []
    for cid in entity.get("kb_candidates") or ():
        cid = str(cid)
        known = entity_by_id.get(cid)
        if known is not None:
            name = str(known.get("name") or cid)
        else:
            entry = load_kb().entries.get(cid.removeprefix("kb:"))
            name = entry.name if entry is not None else cid.removeprefix("kb:")
        out.append({"id": cid, "name": name, "listed": known is not None})
    return out


def with_candidates(entity: dict[str, Any], entity_by_id: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``entity`` with ``could_be`` (``candidate_names``) added when it has candidates; else the same dict."""
    if not entity.get("kb_candidates"):
        return entity
    return {**entity, "could_be": candidate_names(entity, entity_by_id)}


def could_be_text(entity: Mapping[str, Any], entity_by_id: Mapping[str, Mapping[str, Any]]) -> str:
    """"X or Y" (or "X, Y or Z") for a plain-text cell; empty without candidates."""
    names = [c["name"] for c in candidate_names(entity, entity_by_id)]
    return names[0] if len(names) == 1 else (", ".join(names[:-1]) + " or " + names[-1] if names else "")
