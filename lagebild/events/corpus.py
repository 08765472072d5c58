"""Helpers the cross-source stages share: publication dates, copy groups, entity keys, words."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from lagebild.events.dates import DateInterval, interval_of
from lagebild.model import Annotation, Document

__all__ = [
    "content_words",
    "entity_key",
    "entity_names",
    "independent_groups",
    "norm_name",
    "norm_words",
    "publication_interval",
    "short_id",
    "story_of",
]

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def short_id(prefix: str, parts: Iterable[str]) -> str:
    """Return a stable id from sorted parts (the same members give the same id on every run)."""
    digest = hashlib.sha1("\x1f".join(sorted(parts)).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


@lru_cache(maxsize=200_000)
def norm_name(text: str) -> str:
    """Normalise a name for matching: case, accents, hyphens/spaces and a genitive -s are ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if ch.isalnum() or ch == " ")
    words = folded.split()
    if words and len(words[-1]) > 4 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return "".join(words)


def norm_words(text: str) -> list[str]:
    """Return the case- and accent-folded words of a name ("Kim Jong-un" → kim, jong, un)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch if ch.isalnum() else " " for ch in folded if not unicodedata.combining(ch)).split()


def publication_interval(doc: Document, inferred: dict[str, dict[str, Any]] | None = None) -> tuple[DateInterval | None, bool]:
    """Return the document's publication date as an interval and whether it was inferred."""
    value = doc.meta.published.value
    if value:
        iv = _day(interval_of(value))
        if iv:
            return iv, bool(doc.meta.published.inferred)
    guess = (inferred or {}).get(doc.id) or {}
    iv = _day(interval_of(guess.get("value")))
    return (iv, True) if iv else (None, False)


def _day(iv: DateInterval | None) -> DateInterval | None:
    """Publication times are compared by day: "2024-10-25T10:15" → "2024-10-25"."""
    if iv is not None and iv.granularity == "minute":
        return interval_of(iv.value[:10])
    return iv


def independent_groups(result: Any, doc_ids: Sequence[str]) -> dict[str, str]:
    """Map each document to its copy group; without duplicate data every document is its own source."""
    from lagebild.compare.duplicates import UnionFind
    from lagebild.compare.duplicates import independent_groups as groups_of

    try:
        groups = groups_of(result, doc_ids)
    except Exception:  # duplicates data malformed: fall back to the raw links
        sets = UnionFind()
        for dup in getattr(result, "duplicates", None) or []:
            sets.union(str(dup.get("doc")), str(dup.get("of")))
        groups = {d: sets.find(d) for d in doc_ids}
    return {d: groups.get(d, d) for d in doc_ids}


def entity_key(doc: Document, ann: Annotation, mention_entity: dict[str, str] | None) -> str:
    """Return the resolved entity id of a mention, else a normalised-name key."""
    if mention_entity:
        resolved = mention_entity.get(f"{doc.id}#{ann.id}")
        if resolved:
            return str(resolved)
    norm = ann.data.get("norm") if isinstance(ann.data, dict) or hasattr(ann.data, "get") else None
    return "name:" + norm_name(str(norm or ann.surface))


def entity_names(entities: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Map entity ids to their canonical names (from ``result.entities``)."""
    return {str(e.get("id")): str(e.get("name") or e.get("id")) for e in entities or [] if e.get("id")}


def story_of(stories: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Map each document id to its story id."""
    out: dict[str, str] = {}
    for story in stories or []:
        for member in story.get("members") or []:
            out.setdefault(str(member.get("doc")), str(story.get("id")))
    return out


def content_words(text: str, stop: frozenset[str] = frozenset()) -> list[str]:
    """Return lower-cased alphabetic words of at least 3 letters that are not stop words."""
    return [w for w in _WORD.findall(text.lower()) if w not in stop]
