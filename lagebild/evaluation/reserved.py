"""Stories kept for held-out evaluation elsewhere (``lagebild/data/reserved_stories.toml``): the one guard that tests
of development data and the samplers that draw it apply."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["reserved_stories_in", "screened_out"]

DATA = Path(__file__).resolve().parent.parent / "data" / "reserved_stories.toml"


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text("utf-8"))


def _alternative(term: str) -> re.Pattern[str]:
    body = r"\w*".join(re.escape(part) for part in term.split("*"))
    return re.compile(rf"(?<!\w){body}(?!\w)")


def reserved_stories_in(text: str) -> list[str]:
    """Names of the reserved stories whose every term set has an alternative in ``text``."""
    return [
        story["name"] for story in _table()["story"]
        if all(any(_alternative(term).search(text) for term in terms) for terms in story["all_of"])
    ]


@lru_cache(maxsize=1)
def _screen() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(term) for term in _table()["screen"]), re.IGNORECASE)


def screened_out(text: str) -> bool:
    """True when ``text`` holds a word of the wider screen (a sampler does not draw it) or covers a reserved story."""
    return _screen().search(text) is not None or bool(reserved_stories_in(text))
