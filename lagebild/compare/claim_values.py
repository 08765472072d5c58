"""What values a numeric claim allows: its hedges ("etwa", "mehr als", "bis zu"), vague amounts
("Tausende") and the rounding its figure shows, and whether a range is the spread between sources."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DISPUTES", "is_spread", "joint_rounding", "value_interval"]

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


@lru_cache(maxsize=4)
def _spread_cues(path: Path = DISPUTES) -> re.Pattern[str] | None:
    """The words that make a range the spread between sources' figures ("die Schätzungen gehen auseinander")."""
    try:
        cues = [str(c) for c in tomllib.loads(path.read_text(encoding="utf-8")).get("range_cues", [])]
        return re.compile(r"(?i)\b(?:" + "|".join(cues) + r")\b") if cues else None
    except (OSError, tomllib.TOMLDecodeError, re.error):
        return None


def is_spread(data: dict[str, Any], sentence: str) -> bool:
    """True for a range ("zwischen 100.000 und 350.000") in a sentence that says the sources' figures differ:
    its ends are different sources' figures for the same time, not one source's estimate."""
    low, high, cues = data.get("low"), data.get("high"), _spread_cues()
    return (cues is not None and isinstance(low, (int, float)) and isinstance(high, (int, float)) and low < high
            and bool(cues.search(sentence)))


def _rounding(value: float, value_text: str) -> float:
    """Half the last digit a figure shows: "28,5" → 0.05, "117" → 0.5, "50.000" → 500 (at most 2 % of the value)."""
    digits = re.sub(r"[^\d,]", "", value_text or "")
    if "," in digits:
        return 0.45 * 10 ** -len(digits.split(",", 1)[1])  # 28,5 and 28,6 do not touch
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
    digits = re.sub(r"[^\d,]", "", str(data.get("value_text") or ""))
    if "," not in digits or not digits.split(",", 1)[1]:
        return 0.0
    return 0.5 * 10 ** -len(digits.split(",", 1)[1])
