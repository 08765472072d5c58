"""A mention's type from what stands around it, decided before mentions are clustered.

The tagger sometimes types a person's name as a place or organisation ("Zivilschutzminister
Musumeci" as a place) and a dateline's town as a person ("Ravenna, 18. Mai 2023."). Two cues in the
text are stronger than the tagger's guess:

- a role noun right before the name ("Zivilschutzminister", "Bauernpräsident") makes it a person,
  unless the name is a KB entry or may be a genitive ("Innenminister Bayerns") or an acronym, a name
  of several words holds a KB name and does not open with a given name ("Präsident Real Madrid" is the
  club's), or the text has the name as a place ("Landeshauptmann Tirol" where it also writes "in Tirol");
- a dateline, a line opened by the name and followed by a date or a news agency in brackets
  ("Ravenna, 18. Mai", "Ravenna, den 18. Mai", "Ravenna (dpa)"), makes a one-word name a place; a
  clause after a person's name ("Weber, den viele kennen", "George, am 3. Mai getötet") is no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lagebild.entities.context import load_context
from lagebild.entities.kb import KB
from lagebild.entities.normalize import fold_key
from lagebild.entities.roles import RoleLexicon

__all__ = ["dateline_place", "person_after_role", "retype"]

_WORD_BEFORE = re.compile(r"(\S+)[ \t\u00a0]+$")
_WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
_DATE_AFTER = re.compile(r"[ \t]*(?:/[^\n,()]{1,40})?,[ \t]*(?:den[ \t]+)?(?:\d{1,2}\.[ \t]*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]{2,})"
                         r"|(?:" + "|".join(_WEEKDAYS) + r")\b(?:[.,]|[ \t]*(?:\d|[–—-])))", re.IGNORECASE)
#: a place written after a locative preposition somewhere in the text ("in Tirol", "aus Graz")
_PLACE_PREPOSITIONS = ("in", "aus", "nach")
_BRACKET_AFTER = re.compile(r"[ \t]*(?:/[^\n,()]{1,40})?[ \t]*\(([^()\n]{2,20})\)")


def _agency_keys(kb: KB) -> frozenset[str]:
    """Names and abbreviations of the KB's news agencies, lower-case ("dpa", "apa", "reuters")."""
    return frozenset(n.casefold() for e in kb.entries.values() if e.kind == "agency" for n in (e.name, *e.aliases))


def person_after_role(text: str, start: int, surface: str, kb: KB, roles: RoleLexicon) -> bool:
    """True if a role noun stands right before the name at ``start`` ("Zivilschutzminister Musumeci")."""
    words = surface.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or surface.isupper():
        return False
    if kb.lookup(surface) is not None or (surface.endswith("s") and not surface.endswith("us")):
        return False  # "Innenminister Bayerns", "Außenminister Frankreichs": a qualifier in the genitive
    if (len(words) > 1 and fold_key(words[0]) not in load_context().given_names
            and any(kb.lookup(w) is not None for w in words)):
        return False  # "Präsident Real Madrid": a team named after its town, not "Präsident Luiz Inácio Lula"
    before = _WORD_BEFORE.search(text[max(0, start - 60):start])
    if before is None:
        return False
    match = roles.match(before.group(1))
    if match is None or match.ending in ("innen", "nen"):
        return False  # no role, or a plural one, which names no one
    # searched last: it reads the whole text, the checks above only the name and the words before it
    place = r"\b(?:" + "|".join(_PLACE_PREPOSITIONS) + r")[ \t]+" + re.escape(surface) + r"\b"
    return re.search(place, text) is None  # "Landeshauptmann Tirol" in a text that writes "in Tirol"


def dateline_place(text: str, start: int, end: int, kb: KB) -> bool:
    """True if the one-word name at ``start:end`` opens a dateline ("Ravenna, 18. Mai 2023.")."""
    if (start > 0 and text[start - 1] != "\n") or " " in text[start:end].strip():
        return False
    if _DATE_AFTER.match(text, end):
        return True
    bracket = _BRACKET_AFTER.match(text, end)
    if bracket is None:
        return False
    parts = {p.strip().casefold() for p in re.split(r"[/,]", bracket.group(1))}
    return bool(parts) and parts <= _agency_keys(kb)


def retype(text: str, mentions: Iterable[tuple[int, int, str, str, str | None]], kb: KB,
           roles: RoleLexicon) -> dict[int, str]:
    """New labels for the mentions ``(start, end, surface, label, kb_id)`` whose surroundings contradict
    their tag, by position in the iterable. Only names (no KB id) are retyped."""
    out: dict[int, str] = {}
    for k, (start, end, surface, label, kb_id) in enumerate(mentions):
        if kb_id:
            continue
        if label != "PER" and person_after_role(text, start, surface, kb, roles):
            out[k] = "PER"
        elif label == "PER" and dateline_place(text, start, end, kb):
            out[k] = "LOC"
    return out
