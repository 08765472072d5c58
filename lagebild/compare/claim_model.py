"""A numeric claim as the claim grouper reads it (``Claim``), and what its values allow: the interval a
hedged figure stands for, whether it is pinned to a value, how many origins confirm a phase of agreeing
figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lagebild.compare.claim_scope import claimant_key
from lagebild.compare.claim_values import decimals_written
from lagebild.compare.figure_stage import Stage
from lagebild.events.dates import DateInterval
from lagebild.model import Annotation, Document
from lagebild.numbers.measures import load_measures

__all__ = ["Claim", "unit_key"]


def unit_key(unit: Any) -> str | None:
    """The key of a figure's noun or unit ("Metern" ~ "Meter", "Kumpeln" ~ "Kumpel"): the figure stage's own key of
    counted nouns (their lemma, or the synonym entry they belong to), so the grouper keys a noun as the figures do."""
    if not unit or not isinstance(unit, str):
        return None
    return load_measures().counted_key(unit) or None


@dataclass
class Claim:
    doc: Document
    ann: Annotation
    story: str
    measure: str
    scope: str | None
    scope_text: str | None
    values: tuple[float, float]
    ref: DateInterval | None
    ref_basis: str
    claimant: str | None
    origin: str
    json: dict[str, Any]
    phase: int = -1
    scope_assumed: bool = False
    doc_places: dict[str, str] = field(default_factory=dict)
    stage: Stage | None = None
    near_place: str | None = None  # the last place named shortly before the figure (scope key)
    lead_place: str | None = None  # the first place its article names in its headline or dateline (scope key)
    minute: datetime | None = None  # the reference time to the minute, when a stated time gives it
    apart: bool = False  # read as a place whose figures are disputed, but taken out of that dispute
    spread: bool = False  # a range whose ends are different sources' figures ("die Schätzungen gehen auseinander")
    whole: bool = False  # split into parts by place right after it ("98.650 Teilnehmer, davon 47.000 in Wolfsburg")
    past: bool = False  # its sentence names an earlier year ("2021 waren es 24,1 Prozent"): no evidence of when it was reported
    period: bool = False  # undated article, its sentence names a year or part of one ("2015 stieg der Umsatz auf …"): that period's figure
    total: bool = False  # a total cue stands before it ("insgesamt 33", "an allen Standorten zusammen")
    read_as: str | None = None  # the general measure it was written as ("people"), when read as a specific one
    replaced_by: str | None = None  # a prior value ("von 30 auf 40"): the id of the claim whose value replaced it
    rival_join: bool = False  # in a run the size cut had set apart, joined to another by rival claimants' figures
    sent_no: int = -1  # the number of its sentence in its article (-1: not in one)
    guess: bool = False  # its time is an inferred publication date without evidence of its own (a guess, no bound)
    sentence_text: str = ""  # the text of its sentence
    sentence_start: int = 0  # where its sentence starts in the article's text
    money_of: str | None = None  # what an amount of money is, when its clause says ("schaden": a damage estimate)
    occasion: bool = False  # counts one occasion (attendance; people or money only with an occasion cue in its sentence)
    counted: str | None = None  # the group a casualty figure counts when its noun names one ("176 Palästinenser")
    corrects: bool = False  # its sentence or the one before says it corrects an earlier figure ("nach der Korrektur")
    days: frozenset[date] = frozenset()  # the days its sentence names (when what it counts happened, or its as-of day)
    told: int = 0  # where its article's telling puts it in the count's course: -1 earlier ("zunächst"), 1 later ("inzwischen")
    value_link: str | None = None  # known only by its unit: the label of the equal figures about the same thing it joins

    @property
    def named(self) -> bool:
        return bool(self.claimant) and self.ann.data.get("claimant_kind") != "outlet"

    @property
    def source_key(self) -> str:
        """Who gives the figure: the named claimant ("polizei" for "Ein Polizeisprecher"), else the article's origin."""
        if self.named:
            return "claimant:" + claimant_key(str(self.claimant))
        return "origin:" + self.origin


def _fmt(v: float) -> str:
    if v == float("inf"):
        return "∞"
    return f"{v:,.0f}".replace(",", ".") if v >= 1000 else f"{v:g}"


def _phase_size(items: list[Claim]) -> float | None:
    sizes = [m for m in (_magnitude(c) for c in items) if m]
    return sorted(sizes)[len(sizes) // 2] if sizes else None


def _decimals(c: Claim) -> int:
    """How many decimals a figure is given to ("4,972" → 3, "4.972 percent" → 3)."""
    return decimals_written(c.json.get("value"), str(c.json.get("value_text") or ""))


def _precise(c: Claim) -> bool:
    """True for a figure with a finite range (not "mehr als 20", not "Tausende"): agreeing with it says something."""
    return c.values[1] != float("inf") and not c.ann.data.get("vague")


def _pinned(c: Claim) -> bool:
    """True for a figure pinned to a value ("128", "rund 100.000"), not a bound ("bis zu 130.000", "mehr als 20")
    or a vague amount: agreeing with it means giving that value."""
    return _precise(c) and c.values[0] > 0


def _same_bound(a: Claim, b: Claim) -> bool:
    """True for two open-ended figures that state the same bound ("mehr als 35.000" and "über 35.000")."""
    return not _precise(a) and not _precise(b) and a.values == b.values and not a.ann.data.get("vague") \
        and not b.ann.data.get("vague")


def _overlap(a: Claim, b: Claim) -> bool:
    return a.values[0] <= b.values[1] and b.values[0] <= a.values[1]


def _magnitude(c: Claim) -> float | None:
    """A claim's typical value: its own number, else the middle of its finite range."""
    value = c.json.get("value")
    if isinstance(value, (int, float)) and not c.ann.data.get("vague"):
        return float(value)
    lo, hi = c.values
    if hi == float("inf"):
        return lo or None
    return (lo + hi) / 2 if lo > 0 else hi or None


def _phase_values(items: list[Claim]) -> list[str]:
    """Name the values of a phase: the precise figures given, else the range the vague ones allow."""
    precise = sorted({c.json["value"] for c in items if isinstance(c.json.get("value"), (int, float)) and not c.ann.data.get("vague")})
    if precise:
        return [_fmt(float(v)) for v in precise]
    return [f"{_fmt(min(c.values[0] for c in items))}–{_fmt(max(c.values[1] for c in items))}"]


def _confirming_origins(items: list[Claim]) -> int:
    """How many independent origins give a figure of this phase that confirms it: its precise figures
    ("128", "rund 100.000") and bounds on the same number, unless it has none (then "Dutzende" in two
    outlets agree as far as they go); "mindestens 28" or "Zehntausende" beside a 128 allow it, they do not
    confirm it."""
    precise = [c for c in items if _pinned(c)]
    if not precise:
        return len({c.origin for c in items})
    # a bound on the very number a precise figure gives ("über 700.000" beside "etwa 700.000") states it too
    same = [c for c in items if not _pinned(c) and isinstance(v := c.json.get("value"), (int, float))
            and not c.ann.data.get("vague") and any(o.values[0] <= v <= o.values[1] for o in precise)]
    return len({c.origin for c in precise + same})
