"""Role nouns ("Kremlchef", "US-Verteidigungsminister", "Außenministeriumssprecherin") and their keys.

A role noun is a capitalised word that ends in a known head (``data/kb/roles.tsv``) with one of
the head's inflection endings. Whatever stands before the head inside the word ("Kreml", "US-",
"Außenministeriums") qualifies it: qualified roles name one office and can stand for a person.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lagebild.entities.normalize import ADJ_ENDINGS

__all__ = ["RoleLexicon", "RoleMatch", "load_roles"]

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"
#: words ending in a role head that are not roles, or are titles a team, firm or region holds
#: ("Tabellenführer Leicester", "Exportkaiser Vorarlberg")
_NOT_ROLES = frozenset({"lautsprecher", "reiseführer", "stadtführer", "fremdenführer", "ratgeber", "vorsprecher",
                        "tabellenführer", "marktführer", "weltmarktführer", "branchenführer", "exportkaiser"})


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A role noun: its canonical singular form (lower-case, no hyphen) and whether it is qualified."""

    canonical: str
    head: str
    qualified: bool
    ending: str = ""  # inflection after the head ("in", "en", "s", …)


@dataclass(slots=True)
class RoleLexicon:
    """Role heads with their inflected forms, and modifiers that are part of a role's identity."""

    forms: dict[str, str]  # inflected head form → canonical head
    modifiers: frozenset[str]
    max_form: int
    tails: frozenset[str] = frozenset()  # last three letters of every form (cheap pre-filter)

    def match(self, word: str) -> RoleMatch | None:
        """Return the role if ``word`` is a (possibly compound, possibly inflected) role noun."""
        if len(word) < 3 or not word[:1].isupper():
            return None
        low = word.casefold()
        if low in _NOT_ROLES:
            return None
        if low[-3:] not in self.tails:
            return None
        flat = low.replace("-", "").replace("\u00ad", "")
        # Longest head first: "generalsekretär" before "sekretär".
        for size in range(min(self.max_form, len(flat)), 2, -1):
            tail = flat[-size:]
            head = self.forms.get(tail)
            if head is None:
                continue
            prefix = flat[: len(flat) - size]
            if prefix.endswith(("s", "n")) and not prefix[:-1]:
                continue
            if prefix + head in _NOT_ROLES:
                return None  # "Tabellenführers"
            return RoleMatch(prefix + head, head, bool(prefix), tail[len(head):])
        return None

    def is_modifier(self, word: str) -> bool:
        """True for words like "designierte", "ehemaligen", "Ex" that change who holds a role."""
        low = word.casefold().rstrip("-")
        for end in ADJ_ENDINGS:
            if end and not low.endswith(end):
                continue
            if (low[: len(low) - len(end)] if end else low) in self.modifiers:
                return True
        return False


def _read(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@functools.lru_cache(maxsize=8)
def load_roles(extra_files: tuple[str, ...] = ()) -> RoleLexicon:
    """Load the shipped role heads and modifiers plus the user's role files."""
    forms: dict[str, str] = {}
    for path in (KB_DIR / "roles.tsv", *map(Path, extra_files)):
        for row in _read(path):
            head = row[0].casefold()
            forms.setdefault(head, head)
            for end in (row[1].split(";") if len(row) > 1 else []):
                if end.strip():
                    forms.setdefault(head + end.strip(), head)
    mods = frozenset(r[0].casefold() for r in _read(KB_DIR / "modifiers.txt"))
    return RoleLexicon(forms, mods, max(map(len, forms)), frozenset(f[-3:] for f in forms))
