"""The first sentence of a claim group's reasoning: which relation, and why, in an editor's words.

It is read from the exported group alone (its relation, phases, claimants, sources), so what it says is
what the export shows; the sentences after it give the figures claim by claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["verdict"]


def _values(phase: Mapping[str, Any]) -> str:
    return " / ".join(str(v) for v in phase.get("values") or []) or "?"


def _who(phase: Mapping[str, Any]) -> str:
    names = [str(c) for c in phase.get("claimants") or [] if c and c != "outlet"]
    return ", ".join(names) if names else "the outlets themselves"


def verdict(group: Mapping[str, Any]) -> str:
    """One sentence: the relation, in words, and the reason for it."""
    phases: Sequence[Mapping[str, Any]] = group.get("phases") or []
    what = f"“{group.get('subject') or group.get('measure_label') or 'figure'}”"
    label = str(group.get("sources_label") or "")
    relation = group.get("relation")
    if relation == "updated":
        return (f"Updated: the figure {what} changed as the count went on; each later figure replaces the earlier one, so"
                " the sources do not contradict each other.")
    if relation == "corroborated":
        return f"Corroborated: {label or 'several independent origins'} give the same figure {what} ({_values(phases[0]) if phases else '?'})."
    if relation == "contradicted":
        sides = "; ".join(f"{_who(p)}: {_values(p)}" for p in phases)
        if len(phases) == 1:
            return f"Contradicted: the report itself says the sources' figures {what} differ, and gives their spread."
        return f"Contradicted: different sources give incompatible figures {what} for the same time ({sides})."
    if relation == "cannot_compare":
        # a value several origins agree on is still worth knowing where the values cannot be compared
        steps = "; ".join(_values(p) + (f", agreed by {p.get('independent_sources')} origins" if p.get("relation") == "corroborated"
                                        else "") for p in phases)
        return (f"Cannot compare: the figures {what} differ ({steps}), but nothing shows whether they refer to the same"
                " time, so they are neither an update nor a contradiction.")
    if int(group.get("independent_sources") or 0) > 1:
        return (f"Not confirmed: only one origin gives a precise figure {what}; the others' figures are vague or"
                " open-ended and allow it without confirming it.")
    return f"Not confirmed: only one origin gives the figure {what}" + (f" ({label})." if label else ".")
