"""Cues on how the clauses around a figure relate to it: the whole a later figure is part of ("Von den 128 Toten …"),
a relative clause of the counted noun, a clause of its own after it, figures given one for each place.

The words are data: ``lagebild/data/figure_clauses.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["ClauseCues", "load_clause_cues"]

DATA = Path(__file__).resolve().parent.parent / "data" / "figure_clauses.toml"
#: the hospitals people are taken to are listed once, as a part of the injured frames
MEASURES = DATA.parent / "measures.toml"


@dataclass(frozen=True)
class ClauseCues:
    """Compiled cues (see the data file for what each one means)."""

    whole_open: re.Pattern[str]  # searched in the text right before a figure ("Von den ")
    relative: re.Pattern[str]  # matched at the comma after a counted noun (", die sich")
    new_clause: re.Pattern[str]  # matched after the comma that closes a relative clause (", und", ", sagte")
    respectively: re.Pattern[str]  # searched in a figure's clause ("beziehungsweise")
    governs_ueber: re.Pattern[str]  # searched right before "über" ("verfügt über 416 Sitze": a preposition, no hedge)
    prep_before_ueber: re.Pattern[str]  # searched right before "über" ("berichtete von über 200": a hedge after all)
    place_prep: re.Pattern[str]  # searched right before a place's name ("im Landkreis ", "in der ")
    place_noun: re.Pattern[str]  # searched right before a name that is a place whatever its label ("Region ")
    destination: re.Pattern[str]  # searched right before a place's name that says where people were taken ("Kliniken in ")


def _words(raw: dict[str, object], key: str, *, escape: bool = False) -> str:
    items = raw.get(key, [])
    words = [re.escape(str(w)) if escape else str(w) for w in (items if isinstance(items, list) else [])]
    return "|".join(w.replace(" ", r"[ \t]+").replace(r"\ ", r"[ \t]+") for w in words) or r"(?!)"


def _hospitals() -> list[str]:
    """The hospital nouns of the measures' ``hospital`` frame part, capitalised as the destinations are."""
    raw = tomllib.loads(MEASURES.read_text(encoding="utf-8")).get("frame_parts", {}).get("hospital", [])
    return [str(w)[:1].upper() + str(w)[1:] for w in raw] if isinstance(raw, list) else []


@lru_cache(maxsize=2)
def load_clause_cues(path: str | None = None) -> ClauseCues:
    raw = tomllib.loads(Path(path or DATA).read_text(encoding="utf-8"))
    raw["destinations"] = _hospitals() + list(raw.get("destinations", []))
    hedges = _words(raw, "whole_hedges", escape=True)
    return ClauseCues(
        whole_open=re.compile(rf"(?<![\w])(?:{_words(raw, 'whole_open')})[ \t]+(?:(?:{hedges})[ \t]+)?$", re.IGNORECASE),
        relative=re.compile(rf",[ \t]+(?:{_words(raw, 'relative', escape=True)})[ \t]+(?=[a-zäöüß])"),
        # a capital, a digit or a quote mark after the comma opens a clause or an aside of its own too
        new_clause=re.compile(rf"[ \t]*(?:(?:{_words(raw, 'new_clause', escape=True)})(?![\w])|[A-ZÄÖÜ\d\"„(])"),
        respectively=re.compile(rf"(?<![\w])(?:{_words(raw, 'respectively')})(?![\w])", re.IGNORECASE),
        # case-sensitive: a verb form may stand a few words before, in the same clause ("diskutierte der Rat über");
        # a noun only right before ("Rechnung über"), else the "über" is another verb's ("Der Auftrag sichert über")
        governs_ueber=re.compile(
            rf"(?<![\w])(?:(?:{_words(raw, 'governs_ueber')})(?:[ \t]+[\w-]+){{0,3}}"
            rf"|(?:{_words(raw, 'governs_ueber_next')}))[ \t]+$"
        ),
        prep_before_ueber=re.compile(rf"(?<![\w])(?:{_words(raw, 'prep_before_ueber', escape=True)})[ \t\u00a0]+$", re.IGNORECASE),
        # "in der norditalienischen Region ": an article and up to two words between the preposition and the name
        place_prep=re.compile(rf"(?<![\w])(?:{_words(raw, 'place_prepositions', escape=True)})\s+(?:der|dem|den|des)?\s*"
                              r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE),
        place_noun=re.compile(rf"(?<![\w])(?:{_words(raw, 'place_nouns', escape=True)})\s+$"),
        destination=re.compile(rf"(?<![\w])(?:{_words(raw, 'destinations', escape=True)})\s+(?:in|im|nach)\s+"
                               r"(?:(?:der|dem|den|des)\s+)?$"),
    )
