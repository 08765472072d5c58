"""Hedge words before a number ("rund", "mehr als", "bis zu"): one list for every reader of figures."""

from __future__ import annotations

from lagebild.text_patterns import alternation

__all__ = ["HEDGES", "hedge_alternation"]

#: Hedge phrases (lower-case) → interval kind; longest first when matching.
HEDGES: dict[str, str] = {
    "rund": "approx", "etwa": "approx", "circa": "approx", "ca.": "approx", "zirka": "approx",
    "ungefähr": "approx", "annähernd": "approx", "schätzungsweise": "approx", "gegen": "approx",
    "knapp": "below", "fast": "below", "beinahe": "below", "nahezu": "below", "knapp unter": "below",
    "gut": "above", "knapp über": "above",
    "mehr als": "more", "über": "more", "weit über": "more", "mehr als rund": "more",
    "mindestens": "atleast", "wenigstens": "atleast", "zumindest": "atleast",
    "bis zu": "atmost", "höchstens": "atmost", "maximal": "atmost", "nicht mehr als": "atmost",
    "weniger als": "less", "unter": "less",
}


def hedge_alternation() -> str:
    """The hedges as a regular-expression alternation, longest first, spaces matching any run of blanks."""
    return alternation(HEDGES)
