"""Which stage of a stepwise published count a figure belongs to (``lagebild/data/figure_stages.toml``).

Election figures come as poll → exit poll → projection → preliminary → official result; the stage a
figure is from orders it even when the articles carry only a month. A figure takes the stage named
in its own sentence, else the last one named in the article shortly before it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "Stage", "correction_cues", "growing_measures", "load_stages", "occasion_cues", "occasion_measures", "running_measures",
    "stage_at",
]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_stages.toml"


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage: its name and its place in the order."""

    id: str
    rank: int
    estimate: bool = False  # an estimate (poll, projection), not a count: sources may differ at this stage
    once: bool = False  # published once, at one time (an official result): its figures are of the same time


@lru_cache(maxsize=4)
def load_stages(path: Path = DATA) -> tuple[tuple[Stage, re.Pattern[str]], ...]:
    """Load the stage vocabulary as (stage, cue pattern) pairs; a broken file means no stages."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    out = []
    for entry in raw.get("stage", []):
        cues = [str(c) for c in entry.get("cues", []) if c]
        if not cues or "id" not in entry:
            continue
        try:
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", re.IGNORECASE)
        except re.error:
            continue
        out.append((Stage(str(entry["id"]), int(entry.get("rank", 0)), bool(entry.get("estimate", False)),
                          bool(entry.get("once", False))), pattern))
    return tuple(out)


@lru_cache(maxsize=4)
def _compared_before(path: Path = DATA) -> re.Pattern[str] | None:
    """The words that, right before a stage's cue, name it as the base of a comparison; None when there are none."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        cues = [str(c) for c in raw.get("compared_before", []) if c]
        return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")\s*$", re.IGNORECASE) if cues else None
    except (OSError, tomllib.TOMLDecodeError, re.error):
        return None


@lru_cache(maxsize=16)
def _measure_list(key: str, path: Path = DATA) -> frozenset[str]:
    """One list of measure ids from the stage file; a broken file means none."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return frozenset()
    return frozenset(str(m) for m in raw.get(key, []) if m)


def running_measures(path: Path = DATA) -> frozenset[str]:
    """Measures that are running counts (tolls revised as they are counted)."""
    return _measure_list("running_measures", path)


def occasion_measures(path: Path = DATA) -> frozenset[str]:
    """Measures whose figures each count one occasion (attendance, an amount): figures of different times are
    different occasions' counts, not one figure updated."""
    return _measure_list("occasion_measures", path)


def growing_measures(path: Path = DATA) -> frozenset[str]:
    """Running counts that only grow (the dead, the injured): a later figure far below an earlier one is another
    incident's."""
    return _measure_list("growing_measures", path)


def _mentions(text: str) -> list[tuple[int, int, Stage]]:
    """Every stage named in a text as (start, end, stage); where cues overlap the later stage wins
    ("vorläufiges amtliches Endergebnis" is preliminary, not official)."""
    hits: list[tuple[int, int, Stage, bool]] = []
    base = _compared_before()
    for stage, pattern in load_stages():
        for m in pattern.finditer(text):
            # "mehr als im vorläufigen Ergebnis": the base of a comparison, not the figure's stage (it still
            # hides the shorter cues inside it: "gegenüber dem vorläufigen amtlichen Endergebnis")
            compared = base is not None and base.search(text, max(0, m.start() - 40), m.start()) is not None
            hits.append((m.start(), m.end(), stage, compared))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, Stage, bool]] = []
    for h in hits:
        if kept and h[0] < kept[-1][1]:
            continue  # inside a longer, earlier-starting cue
        kept.append(h)
    return [(a, b, stage) for a, b, stage, compared in kept if not compared]


def stage_at(text: str, sentence: tuple[int, int], window: int = 400) -> Stage | None:
    """The stage a figure in ``text[sentence[0]:sentence[1]]`` is from: named in that sentence, else the
    last stage named within ``window`` characters before it; None when nothing says."""
    start, end = sentence
    mentions = _mentions(text[max(0, start - window) : end])
    offset = max(0, start - window)
    inside = [s for a, _, s in mentions if a + offset >= start]
    if inside:
        ranks = {s.rank for s in inside}
        # a sentence naming two stages ("nach der Prognose … im Endergebnis") does not say which is its own
        return inside[0] if len(ranks) == 1 else None
    before = [s for _, _, s in mentions]
    return before[-1] if before else None


def _patterns(words: list[object]) -> re.Pattern[str] | None:
    cues = [str(c) for c in words if c]
    if not cues:
        return None
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", re.IGNORECASE)
    except re.error:
        return None


@lru_cache(maxsize=4)
def occasion_cues(path: Path = DATA) -> dict[str, re.Pattern[str]]:
    """Per general measure ("people", "money"), the words that make a figure of it a count of one occasion (visitors,
    an amount paid); a broken file or entry means none."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    table = raw.get("occasion_cues", {})
    out = {str(k): p for k, v in (table.items() if isinstance(table, dict) else []) if isinstance(v, list) and (p := _patterns(v))}
    return out


@lru_cache(maxsize=4)
def correction_cues(path: Path = DATA) -> re.Pattern[str] | None:
    """The words that say a figure corrects an earlier one ("nach der Korrektur"); None when the file has none."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return _patterns(list(raw.get("correction_cues", [])))
