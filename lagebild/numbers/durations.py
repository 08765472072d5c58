"""Durations that are figures of a story ("neun Minuten nach den ersten Schüssen", "zu 22 Monaten Haft").

A duration is a figure only inside a listed story frame: an event it is counted from, a penalty, the length of a
strike or closure ("der 48-stündige Streik", "soll 48 Stunden dauern"), an agreed term ("bei einer Laufzeit von 27
Monaten") or how long people held out before rescue ("nach 36 Stunden lebend geborgen"). A game's length,
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

__all__ = ["CompoundDuration", "DurationCues", "compound_durations", "duration_unit", "load_durations"]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_durations.toml"

@dataclass(frozen=True)
class DurationCues:
    """Compiled cues (see the data file for what each one means)."""

    unit: re.Pattern[str]  # matched right after the number: a duration's noun
    penalty_after: re.Pattern[str]  # matched right after the unit: a penalty within two words ("Haft", "auf Bewährung")
    anchor_after: re.Pattern[str]  # matched right after the unit: "nach"/"vor" an event ("nach den ersten Schüssen")
    penalty_before: re.Pattern[str]  # searched right before the number ("Haftstrafe von ")
    frame_before: re.Pattern[str]  # searched right before the number ("vor ", "in den vergangenen ")
    term_before: re.Pattern[str]  # searched right before the number ("Laufzeit von ", "Streik von ")
    lasting_after: re.Pattern[str]  # matched right after the unit ("dauern", "lang dauern")
    lasting_before: re.Pattern[str]  # searched right before the number ("dauerte ", "dauerte rund ")
    event: re.Pattern[str]  # searched in the sentence: a happening whose length counts ("Streik", "Ausstand")
    ordeal: re.Pattern[str]  # searched in the sentence: people held out before rescue ("lebend", "ausgeharrt")
    ended: re.Pattern[str]  # searched in the sentence: a happening ended ("zu Ende", "beendet")
    after_before: re.Pattern[str]  # searched right before the number: "nach ", "Nach rund "
    compound: re.Pattern[str]  # "48-Stunden-Streik", "48-stündige Streik" (groups: number, unit form, noun)
    compound_units: dict[str, str]  # unit form in a compound → the unit as written after a number


@lru_cache(maxsize=2)
def load_durations(path: str | None = None) -> DurationCues:
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    units, penalties = alternation(raw.get("units", [])), alternation(raw.get("penalties", []))
    anchors = alternation(raw.get("anchors", []))
    frames = "|".join(raw.get("frame_before", [])) or r"(?!)"
    hedge = hedge_alternation()
    ws = r"[ \t\u00a0]+"
    events, terms = alternation(raw.get("events", [])), alternation(raw.get("terms", []))
    lasting, ordeal = alternation(raw.get("lasting", [])), alternation(raw.get("ordeal", []))
    lead = "|".join(raw.get("term_lead", [])) or r"(?!)"
    forms = {str(k): str(v) for k, v in raw.get("compound_units", {}).items()}
    form_alt = alternation(forms)
    return DurationCues(
        unit=re.compile(rf"{ws}((?i:{units}))(?![\w-])"),
        penalty_after=re.compile(rf"(?:{ws}[\w-]+)?{ws}(?i:[\w-]*(?:{penalties}))(?![\w])"),
        anchor_after=re.compile(rf"{ws}(?:nach|vor){ws}(?:dem|den|der|einem|einer|des){ws}(?:[a-zäöüß][\w-]*{ws}){{0,2}}"
                                rf"(?i:[\w-]*(?:{anchors}))(?![\w])"),
        penalty_before=re.compile(rf"(?i:{penalties}){ws}von{ws}(?:(?i:{hedge}){ws})?$"),
        frame_before=re.compile(rf"(?<![\w])(?i:{frames}){ws}(?:(?i:{hedge}){ws})?$"),
        term_before=re.compile(rf"(?:(?i:[\w-]*(?:{terms}|{events})){ws}von|(?i:{lead})){ws}(?:(?i:{hedge}){ws})?$"),
        lasting_after=re.compile(rf"(?:{ws}lang)?{ws}(?:{lasting})(?![\w])"),
        lasting_before=re.compile(rf"(?<![\w])(?:{lasting}){ws}(?:(?i:{hedge}){ws})?$"),
        event=re.compile(rf"(?i:[\w-]*(?:{events}))(?![\w])"),
        ordeal=re.compile(rf"(?<![\w])(?:{ordeal})(?![\w])"),
        ended=re.compile(rf"(?<![\w])(?i:{alternation(raw.get('ended', []))})(?![\w])"),
        after_before=re.compile(rf"(?<![\w])[Nn]ach{ws}(?:(?i:{hedge}){ws})?$"),
        compound=re.compile(rf"(?<![\w.,-])(\d{{1,3}})-({form_alt})(?:(?:e|en|er|es|em){ws}([A-ZÄÖÜ][\w-]*\w)|-([\w-]*\w))"),
        compound_units=forms,
    )


#: a sentence end: a full stop, "!" or "?" before white space ("um 0.00 Uhr" ends none)
_SENTENCE_END = re.compile(r"[.!?][\"“”»«]?\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a figure: back to the last sentence end, on to the next (at most 200 characters each way)."""
    lo = max(0, start - 200)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    nxt = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    return text[ends[-1] if ends else lo : nxt.start() if nxt else min(len(text), end + 200)]


@dataclass(frozen=True, slots=True)
class CompoundDuration:
    """A duration written inside a compound or an adjective: "48-Stunden-Streik", "der 48-stündige Streik"."""

    start: int
    num_end: int
    end: int
    value: float
    unit: str  # as written after a number ("Stunden")
    unit_span: tuple[int, int]


def compound_durations(text: str) -> list[CompoundDuration]:
    """The durations of happenings written as compounds ("48-Stunden-Streik", "der 48-stündige Streik"): only when the
    noun is one of ``events`` (a "7-Tage-Inzidenz" or a "24-Stunden-Service" is none)."""
    if "-" not in text:
        return []
    cues = load_durations()
    out = []
    for m in cues.compound.finditer(text):
        noun = m.group(3) or m.group(4)
        if not cues.event.fullmatch(noun):
            continue
        form = next((v for k, v in cues.compound_units.items() if k.lower() == m.group(2).lower()), m.group(2))
        out.append(CompoundDuration(m.start(1), m.end(1), m.end(), float(m.group(1)), form, (m.start(2), m.end(2))))
    return out


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
              or cues.penalty_before.search(text, max(0, start - 40), start)
              or cues.term_before.search(text, max(0, start - 40), start))
    if not framed and (cues.lasting_after.match(text, m.end()) or cues.lasting_before.search(text, max(0, start - 30), start)):
        framed = cues.event.search(_sentence(text, start, m.end()))  # "Der Ausstand soll … 48 Stunden dauern", not a game
    if not framed:
        sentence = _sentence(text, start, m.end())
        framed = cues.ordeal.search(sentence)  # "nach 36 Stunden lebend geborgen"
        if not framed and cues.after_before.search(text, max(0, start - 20), start):
            # "Nach 48 Stunden ist der Streik zu Ende gegangen": the happening's length
            framed = cues.ended.search(sentence) and cues.event.search(sentence)
    if not framed or cues.frame_before.search(text, max(0, start - 60), start):
        return None
    return m.group(1), "measure", (m.start(1), m.end(1))
