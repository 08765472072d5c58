"""Compare stage ``entities.resolve.v1``: one entity per person, organisation, place across sources.

Fills ``CorpusResult.entities`` and ``mention_entity`` (see ``lagebild.entities.resolve``) and
applies the user's merge/split/rename corrections from ``ctx.corrections`` last, so they survive
every re-analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.compare import COMPARE, CorpusContext
from lagebild.entities.kb import load_kb
from lagebild.entities.resolve import resolve_documents
from lagebild.model import Provenance

__all__ = ["EntityResolver"]

ENTITY_ACTIONS = frozenset({"merge", "split", "rename"})


@COMPARE.register("entities.resolve.v1", requires={"entity"}, produces={"entities", "mention_entity"})
@dataclass
class EntityResolver:
    """Cluster entity mentions across documents (inflection, variants, surnames, acronyms, roles, KB)."""

    kb_files: list[str] = field(default_factory=list)
    prov: Provenance = field(default=Provenance("entities.resolve.v1"), compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        kb = load_kb(tuple(self.kb_files))
        corrections = [c for c in ctx.corrections if c.get("action") in ENTITY_ACTIONS]
        entities, mention_entity = resolve_documents(ctx.docs, kb, corrections)
        ctx.result.entities = entities
        ctx.result.mention_entity = mention_entity
