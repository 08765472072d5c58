"""Load the event trigger lexicon (``triggers.toml``) into compiled patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["TriggerRule", "candidate_pattern", "load_lexicon"]


@dataclass(frozen=True)
class TriggerRule:
    """One trigger form of an event class; ``particle`` for separable verbs, ``needs`` for object-bound verbs."""

    event_class: str
    label: str
    pattern: re.Pattern[str]
    particle: str | None = None
    needs: re.Pattern[str] | None = None
    form: str = ""


@lru_cache(maxsize=8)
def candidate_pattern(rules: tuple[TriggerRule, ...]) -> re.Pattern[str]:
    """Return one regex matching any trigger word of ``rules`` (one scan per document, not per rule)."""
    forms = sorted({r.form for r in rules}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


def _compile(entry_name: str, entry: dict[str, object]) -> list[TriggerRule]:
    event_class = str(entry.get("class") or entry_name)
    label = str(entry.get("label") or event_class)
    needs_raw = entry.get("needs")
    needs = re.compile(str(needs_raw)) if needs_raw else None
    rules = []
    for form in entry.get("forms") or []:  # type: ignore[union-attr]
        form = str(form)
        particle = None
        if " ... " in form:
            form, particle = (part.strip() for part in form.split(" ... ", 1))
        pattern = re.compile(rf"(?<![\w-])(?:{form})(?![\w-])")
        rules.append(TriggerRule(event_class, label, pattern, particle, needs, form))
    return rules


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> tuple[TriggerRule, ...]:
    """Return the compiled trigger rules of the shipped lexicon (or of the TOML file at ``path``)."""
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("lagebild.events").joinpath("triggers.toml").read_text("utf-8")
    table = tomllib.loads(text)
    rules: list[TriggerRule] = []
    for name, entry in table.items():
        if isinstance(entry, dict):
            rules.extend(_compile(name, entry))
    return tuple(rules)
