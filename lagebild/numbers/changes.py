"""Prior values: "Die Zahl der Toten stieg von 30 auf 40" gives 40 as the figure and 30 as the value it replaced.

The change vocabulary (verbs of change, the words around an old value) is data: ``lagebild/data/figure_changes.toml``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lagebild.numbers.find import Quantity

__all__ = ["ChangeVocab", "load_changes", "prior_pairs"]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_changes.toml"
_HEDGE = r"(?:rund|etwa|circa|ca\.|zirka|ungefähr|knapp|fast|mehr\s+als|über|mindestens|gut|nun|inzwischen|mittlerweile|insgesamt)"


@dataclass(frozen=True)
class ChangeVocab:
    """Compiled cues: the verbs of change, "von [zunächst] " before an old value, "auf [rund] " before the new one,
    and ", nach zuvor " before an old value said after the new one."""

    verbs: re.Pattern[str]
    von_before: re.Pattern[str]
    auf_between: re.Pattern[str]
    prior_after: re.Pattern[str]
    compared: re.Pattern[str]  # "im Vergleich zu", "gegenüber": what introduces a figure compared with another
    auf_before: re.Pattern[str]  # "auf (rund) " right before the value a count changed to


@lru_cache(maxsize=2)
def load_changes(path: str | None = None) -> ChangeVocab:
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    verbs = "|".join(str(v).replace(" ", r"\s+") for v in raw.get("verbs", []))
    fill = "|".join(re.escape(str(w)) for w in raw.get("prior_fill", []))
    before = "|".join(str(w).replace(" ", r"\s+") for w in raw.get("before", []))
    after_fill = "|".join(str(w).replace(" ", r"\s+") for w in raw.get("after_fill", [])) or r"(?!)"
    compared = "|".join(str(w).replace(" ", r"\s+") for w in raw.get("compared", [])) or r"(?!)"
    return ChangeVocab(
        verbs=re.compile(rf"(?<![\w])(?:{verbs})(?![\w])", re.IGNORECASE),
        von_before=re.compile(rf"(?<![\w])von\s+(?:(?:{fill})\s+)?$", re.IGNORECASE),
        # "von 30 (am Sonntag) auf 40": up to 40 characters of the clause between, no figure and no clause end
        auf_between=re.compile(rf"\s+(?:[^.;:!?\d]{{0,40}}?\s)?auf\s+(?:{_HEDGE}\s+)*$", re.IGNORECASE),
        # "auf 40 (am Montag), nach zuvor 30", "auf 64, nachdem zuvor von 41 die Rede war": a few words of the new
        # value's clause (its date) may stand before the cue, no figure and no clause end
        prior_after=re.compile(rf"(?:\s+[^.;:!?\d,()]{{1,30}}?)?\s*[,(]?\s*(?:{before})\s+(?:{fill})\s+(?:(?:{after_fill})\s+)?"
                               rf"(?:{_HEDGE}\s+)?$", re.IGNORECASE),
        # the cue, then the compared figure after at most an article and hedges ("im Vergleich zu den rund 24,1")
        auf_before=re.compile(rf"(?<![\w])auf\s+(?:{_HEDGE}\s+)*$", re.IGNORECASE),
        compared=re.compile(rf"(?<![\w])(?:{compared})\s+(?:(?:de[mnr]|die|das|zuvor|zunächst|noch|damals|{_HEDGE})\s+){{0,3}}(?=\d)",
                            re.IGNORECASE),
    )


def prior_pairs(text: str, quantities: list[Quantity], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return (old, new) index pairs into ``quantities``: the new value replaces the old one in the same sentence.

    Both figures count the same kind of thing (same unit kind), and the sentence holds a verb of change.
    """
    vocab = load_changes()
    starts = [s for s, _ in sentences]
    out: list[tuple[int, int]] = []
    has_verb: dict[int, bool] = {}  # one search a sentence, not one a pair of figures in it
    for i in range(len(quantities) - 1):
        a, b = quantities[i], quantities[i + 1]
        if a.unit_kind != b.unit_kind or a.vague or b.vague:
            continue
        k = bisect.bisect_right(starts, a.start) - 1
        sent = sentences[k] if k >= 0 and a.start < sentences[k][1] else None
        if sent is None or b.num_start >= sent[1]:
            continue
        if k not in has_verb:
            has_verb[k] = vocab.verbs.search(text, sent[0], sent[1]) is not None
        if not has_verb[k]:
            continue
        if vocab.von_before.search(text, max(sent[0], a.start - 30), a.start) and vocab.auf_between.fullmatch(text, a.end, b.start):
            out.append((i, i + 1))  # "stieg von 30 auf 40"
        elif vocab.prior_after.fullmatch(text, a.end, b.start) and not (out and out[-1][1] == i) \
                and _counts_the_same(text, a, b):
            out.append((i + 1, i))  # "stieg auf 40, nach zuvor 30"
    return sorted(out)


# a noun right after the old value, or its genitive ("3 Meter Regen", "30 Prozent der Betriebe"): it measures another thing
_NOUN_AFTER = re.compile(r"\s+(?:(?:der|des)\s+)?[A-ZÄÖÜ]")


def _noun_key(unit: str | None) -> str:
    return (unit or "").lower().rstrip("n")  # "Tote"/"Toten", "Verletzte"/"Verletzten"


def _counts_the_same(text: str, new: Quantity, old: Quantity) -> bool:
    """An old value said after the new one ("auf 40, nach zuvor 30") must count what the new one counts: no noun of
    its own or the same one ("nachdem zuvor 12 Beamte verletzt worden waren" is another count, not the earlier 40)."""
    if old.unit_from != "ellipsis" and _noun_key(old.unit) != _noun_key(new.unit):
        return False
    return _NOUN_AFTER.match(text, old.end) is None
