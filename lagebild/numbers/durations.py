"""Durations that are figures of a story ("neun Minuten nach den ersten Schüssen", "zu 22 Monaten Haft").

A duration is a figure only inside a listed story frame: an event it is counted from, or a penalty. A game's length,
a deadline or a delay ("Das Spiel dauerte 90 Minuten", "binnen 24 Stunden") and a time frame, a time ago or a rhythm
("in den vergangenen 24 Stunden", "vor zwei Stunden", "alle 15 Minuten") are none. The words are data:
``lagebild/data/figure_durations.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lagebild.ingest.cue_data import alternation
from lagebild.numbers.hedges import hedge_alternation

__all__ = ["DurationCues", "duration_unit", "load_durations"]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_durations.toml"

@dataclass(frozen=True)
class DurationCues:
    """Compiled cues (see the data file for what each one means)."""

    unit: re.Pattern[str]  # matched right after the number: a duration's noun
    penalty_after: re.Pattern[str]  # matched right after the unit: a penalty within two words ("Haft", "auf Bewährung")
    anchor_after: re.Pattern[str]  # matched right after the unit: "nach"/"vor" an event ("nach den ersten Schüssen")
    penalty_before: re.Pattern[str]  # searched right before the number ("Haftstrafe von ")
    frame_before: re.Pattern[str]  # searched right before the number ("vor ", "in den vergangenen ")


@lru_cache(maxsize=2)
def load_durations(path: str | None = None) -> DurationCues:
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    units, penalties = alternation(raw.get("units", [])), alternation(raw.get("penalties", []))
    anchors = alternation(raw.get("anchors", []))
    frames = "|".join(raw.get("frame_before", [])) or r"(?!)"
    hedge = hedge_alternation()
    ws = r"[ \t\u00a0]+"
    return DurationCues(
        unit=re.compile(rf"{ws}((?i:{units}))(?![\w-])"),
        penalty_after=re.compile(rf"(?:{ws}[\w-]+)?{ws}(?i:[\w-]*(?:{penalties}))(?![\w])"),
        anchor_after=re.compile(rf"{ws}(?:nach|vor){ws}(?:dem|den|der|einem|einer|des){ws}(?:[a-zäöüß][\w-]*{ws}){{0,2}}"
                                rf"(?i:[\w-]*(?:{anchors}))(?![\w])"),
        penalty_before=re.compile(rf"(?i:{penalties}){ws}von{ws}(?:(?i:{hedge}){ws})?$"),
        frame_before=re.compile(rf"(?<![\w])(?i:{frames}){ws}(?:(?i:{hedge}){ws})?$"),
    )


def duration_unit(text: str, start: int, num_end: int) -> tuple[str, str, tuple[int, int]] | None:
    """Return the unit of a duration that is a figure, as (noun, "measure", span), or ``None``.

    Example: ``duration_unit(t, t.index("neun"), t.index("neun") + 4)`` gives ``("Minuten", "measure", …)`` for
    ``t = "Der Täter wurde neun Minuten nach den ersten Schüssen gestoppt."``; "Das Spiel dauerte 90 Minuten" gives
    ``None``.
    """
    cues = load_durations()
    m = cues.unit.match(text, num_end)
    if m is None:
        return None
    framed = (cues.penalty_after.match(text, m.end()) or cues.anchor_after.match(text, m.end())
              or cues.penalty_before.search(text, max(0, start - 40), start))
    if not framed or cues.frame_before.search(text, max(0, start - 60), start):
        return None
    return m.group(1), "measure", (m.start(1), m.end(1))
