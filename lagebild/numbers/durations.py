"""Durations that are figures of a story ("neun Minuten nach den ersten Schüssen", "zu 22 Monaten Haft", "dauerte
anderthalb Jahre").

A time frame ("in den vergangenen 24 Stunden"), a time ago ("vor zwei Stunden") or a rhythm ("alle 15 Minuten") is no
figure. The words are data: ``lagebild/data/figure_durations.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["DurationCues", "duration_unit", "load_durations"]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_durations.toml"
_HEDGE = r"(?:rund|etwa|circa|ca\.|zirka|ungefähr|knapp|fast|gut|mehr\s+als|über|weit\s+über|mindestens|bis\s+zu|nur|gerade\s+einmal)"


@dataclass(frozen=True)
class DurationCues:
    """Compiled cues (see the data file for what each one means)."""

    unit: re.Pattern[str]  # matched right after the number: a short duration's noun
    term: re.Pattern[str]  # matched right after the number: a longer duration's noun, then a penalty within two words
    term_word: re.Pattern[str]  # matched right after the number: a longer duration's noun alone
    penalty_before: re.Pattern[str]  # searched right before the number ("Haftstrafe von ")
    frame_before: re.Pattern[str]  # searched right before the number ("vor ", "in den vergangenen ")
    lasting_before: re.Pattern[str]  # searched in the words right before the number ("dauerte mehr als ")
    lasting_after: re.Pattern[str]  # matched right after a longer duration's noun (" lang", " gedauert")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or r"(?!)"


@lru_cache(maxsize=2)
def load_durations(path: str | None = None) -> DurationCues:
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    units, terms = _alternation(raw.get("units", [])), _alternation(raw.get("terms", []))
    penalties, not_after = _alternation(raw.get("penalties", [])), _alternation(raw.get("not_after", []))
    frames = "|".join(raw.get("frame_before", [])) or r"(?!)"
    lasting = "|".join(raw.get("lasting", [])) or r"(?!)"
    return DurationCues(
        unit=re.compile(rf"[ \t\u00a0]+((?i:{units}))(?![\w-])(?![ \t\u00a0]+(?i:{not_after})(?![\w]))"),
        term=re.compile(rf"[ \t\u00a0]+((?i:{terms}))(?![\w-])(?:[ \t\u00a0]+[\w-]+)?[ \t\u00a0]+(?i:[\w-]*(?:{penalties}))(?![\w])"),
        term_word=re.compile(rf"[ \t\u00a0]+((?i:{terms}))(?![\w-])"),
        penalty_before=re.compile(rf"(?i:{penalties})[ \t\u00a0]+von[ \t\u00a0]+(?:{_HEDGE}[ \t\u00a0]+)?$"),
        frame_before=re.compile(rf"(?<![\w])(?i:{frames})[ \t\u00a0]+(?:{_HEDGE}[ \t\u00a0]+)?$"),
        lasting_before=re.compile(rf"(?<![\w])(?i:{lasting})(?:[ \t\u00a0]+[\w-]+){{0,5}}[ \t\u00a0]+$"),
        lasting_after=re.compile(rf"[ \t\u00a0]+(?:lang(?![\w])|(?:[\w-]+[ \t\u00a0]+){{0,2}}(?i:{lasting})(?![\w]))"),
    )


def duration_unit(text: str, start: int, num_end: int) -> tuple[str, str, tuple[int, int]] | None:
    """Return the unit of a duration that is a figure, as (noun, "measure", span), or ``None``.

    Example: ``duration_unit(t, t.index("neun"), t.index("neun") + 4)`` gives ``("Minuten", "measure", …)`` for
    ``t = "Der Täter wurde neun Minuten nach den ersten Schüssen gestoppt."``; "vor neun Minuten" gives ``None``.
    """
    cues = load_durations()
    m = cues.unit.match(text, num_end) or cues.term.match(text, num_end)
    if m is None and cues.penalty_before.search(text, max(0, start - 40), start):
        m = cues.term_word.match(text, num_end)  # "eine Haftstrafe von drei Jahren"
    if m is None:
        term = cues.term_word.match(text, num_end)
        if term is not None and (cues.lasting_before.search(text, max(0, start - 50), start) or cues.lasting_after.match(text, term.end())):
            m = term  # "Die Vorbereitung dauerte mehr als anderthalb Jahre", "drei Jahre lang"
    if m is None or cues.frame_before.search(text, max(0, start - 60), start):
        return None
    return m.group(1), "measure", (m.start(1), m.end(1))
