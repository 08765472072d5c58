"""What values a numeric claim allows: its hedges ("etwa", "mehr als", "bis zu"), vague amounts
("Tausende") and the rounding its figure shows, and whether a range is the spread between sources."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DISPUTES", "decimals_written", "is_spread", "joint_rounding", "value_interval"]

_APPROX = re.compile(r"(?i)\b(?:etwa|rund|ca|circa|zirka|ungefähr|geschätzt|schätzungsweise|about|around|approximately|roughly|some)\b")
# "bis zu 250.000" (as many as) is the claimant's figure at its top, not any value below it: it stands
# against the police's 100.000 like "fast 250.000" would; "höchstens"/"weniger als" are bounds
_BELOW = re.compile(r"(?i)\b(?:knapp|fast|beinahe|nahezu|bis zu|nearly|almost|up to|as many as)\b")
_ABOVE = re.compile(r"(?i)\b(?:mehr als|über|mindestens|wenigstens|more than|over|at least)\b")
_UPTO = re.compile(r"(?i)\b(?:höchstens|weniger als|unter|at most|less than|fewer than)\b")
_VAGUE = {
    "dutzend": (24.0, 99.0), "hundert": (200.0, 999.0), "tausend": (2000.0, 9999.0), "zehntausend": (20000.0, 99999.0),
    "million": (2e6, 9.99e8), "milliard": (2e9, 9.99e11), "dozens": (24.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0), "millions": (2e6, 9.99e8),
}
DISPUTES = Path(__file__).resolve().parent.parent / "data" / "claim_disputes.toml"
SCOPES = Path(__file__).resolve().parent.parent / "data" / "claim_scopes.toml"


def cue_pattern(path: Path, key: str, tail: str = "") -> re.Pattern[str] | None:
    """The cue words listed under ``key`` in a TOML data file as one case-blind pattern of whole words,
    followed by ``tail``; None when the file or the list is missing or unreadable (no cue, no rule)."""
    try:
        cues = [str(c) for c in tomllib.loads(path.read_text(encoding="utf-8")).get(key, [])]
        return re.compile(r"(?i)\b(?:" + "|".join(cues) + r")\b" + tail) if cues else None
    except (OSError, tomllib.TOMLDecodeError, re.error):
        return None


@lru_cache(maxsize=4)
def each_cues(path: Path = SCOPES) -> re.Pattern[str] | None:
    """The words that give a figure for each of the places or groups named together ("jeweils", "each")."""
    return cue_pattern(path, "each")


@lru_cache(maxsize=4)
def _spread_cues(path: Path = DISPUTES) -> re.Pattern[str] | None:
    """The words that make a range the spread between sources' figures ("die Schätzungen gehen auseinander")."""
    return cue_pattern(path, "range_cues")


def is_spread(data: dict[str, Any], sentence: str) -> bool:
    """True for a range ("zwischen 100.000 und 350.000") in a sentence that says the sources' figures differ:
    its ends are different sources' figures for the same time, not one source's estimate."""
    low, high, cues = data.get("low"), data.get("high"), _spread_cues()
    return (cues is not None and isinstance(low, (int, float)) and isinstance(high, (int, float)) and low < high
            and bool(cues.search(sentence)))


_NUMBER = re.compile(r"\d(?:[\d.,\u202f\u00a0' ]*\d)?")


def decimals_written(value: Any, value_text: str) -> int:
    """How many decimals a figure is written with, the separator read as the number parser read it: "28,6"
    and "28.6" (value 28.6) → 1, "50.000" and "50,000" (value 50000) → 0, "2,5 Millionen" (2.5e6) → 1. Without a
    parsed value a comma is the decimal separator (German first)."""
    m = _NUMBER.search(value_text or "")
    if m is None:
        return 0
    token = re.sub(r"[\u202f\u00a0' ]", "", m.group())
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not value:
        return len(token.rsplit(",", 1)[1]) if "," in token else 0
    whole = float(re.sub(r"[.,]", "", token))

    def scaled(reading: float) -> bool:  # the value is this reading, or it times a number word ("2,5 Millionen")
        return reading > 0 and any(math.isclose(float(value), reading * 1000**k, rel_tol=1e-9) for k in range(5))

    if math.isclose(float(value), whole, rel_tol=1e-9):
        return 0  # every separator groups thousands
    for sep in (",", "."):
        head, found, tail = token.rpartition(sep)
        if found and tail and scaled(float(re.sub(r"[.,]", "", head) + "." + tail)):
            return len(tail)
    return 0


def _rounding(value: float, value_text: str) -> float:
    """Half the last digit a figure shows: "28,5" → 0.05, "117" → 0.5, "50.000" → 500 (at most 2 % of the value)."""
    decimals = decimals_written(value, value_text)
    if decimals:
        return 0.45 * 10**-decimals  # 28,5 and 28,6 do not touch
    m = _NUMBER.search(value_text or "")
    digits = re.sub(r"\D", "", m.group()) if m else ""
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return min(0.45 * 10**zeros, abs(value) * 0.02) if zeros else 0.45


def value_interval(data: dict[str, Any]) -> tuple[float, float] | None:
    """Return the range of values a claim allows (its own low/high, else from value and hedge)."""
    low, high, value = data.get("low"), data.get("high"), data.get("value")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low <= high:
        if low == high and isinstance(value, (int, float)) and not data.get("hedge"):
            tol = _rounding(float(value), str(data.get("value_text") or ""))
            return float(low) - tol, float(high) + tol
        return float(low), float(high)
    text = " ".join(str(x) for x in (data.get("hedge") or "", data.get("value_text") or "") if x)
    if not isinstance(value, (int, float)):
        lowered = text.lower()
        for stem, rng in _VAGUE.items():
            if re.search(rf"\b{stem}\w*", lowered) and not re.search(r"\d", lowered):
                return rng
        if isinstance(low, (int, float)):
            return float(low), float("inf")
        if isinstance(high, (int, float)):
            return 0.0, float(high)
        return None
    v = float(value)
    if _UPTO.search(text):
        return 0.0, v
    if _ABOVE.search(text):
        return v, float("inf")
    if _BELOW.search(text):
        return v * 0.85, v
    if _APPROX.search(text):
        return v * 0.85, v * 1.15
    tol = _rounding(v, str(data.get("value_text") or ""))
    return v - tol, v + tol


def joint_rounding(data: Mapping[str, Any]) -> float:
    """The extra rounding of a figure for two parties or groups together ("CDU/CSU 28,6 Prozent"): it is
    often the sum of the parts' rounded figures (22,6 + 6,0), so it may be off by one more half of its last
    decimal than a figure rounded once (28,52 → 28,5). Half a unit of the last decimal written, for precise
    figures with decimals; 0 otherwise (a whole count is no sum of rounded parts)."""
    if data.get("hedge") or data.get("vague") or not isinstance(data.get("value"), (int, float)):
        return 0.0
    decimals = decimals_written(data.get("value"), str(data.get("value_text") or ""))
    return 0.5 * 10**-decimals if decimals else 0.0
