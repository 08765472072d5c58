"""Modules whose import registers the built-in compare stages (explicit, like the stages)."""

from __future__ import annotations

import importlib

BUILTIN_COMPARE_MODULES: tuple[str, ...] = (
    "lagebild.compare.duplicates",
    "lagebild.compare.entities",
    "lagebild.compare.dates",
    "lagebild.compare.stories",
    "lagebild.compare.events",
    "lagebild.compare.timeline",
    "lagebild.compare.claim_groups",
    "lagebild.compare.coverage",
    "lagebild.compare.inconsistencies",
)

for _module in BUILTIN_COMPARE_MODULES:
    importlib.import_module(_module)
