"""Built-in per-document stages. Each module registers its stages on ``lagebild.registry.STAGES``.

Third-party stages register the same way, from a module exposed through the
``lagebild.stages`` entry point group.
"""

from __future__ import annotations

import importlib

#: Modules whose import registers the built-in stages (explicit: no discovery by name).
BUILTIN_STAGE_MODULES = (
    "lagebild.stages.clean",
    "lagebild.stages.meta",
    "lagebild.stages.language",
    "lagebild.stages.segment",
    "lagebild.stages.entities",
    "lagebild.stages.timex",
    "lagebild.stages.speech",
    "lagebild.stages.claims",
    "lagebild.stages.events",
)

for _module in BUILTIN_STAGE_MODULES:
    importlib.import_module(_module)
