"""Compare stage ``entities.resolve.v1``: one entity per person, organisation, place across sources.

Fills ``CorpusResult.entities`` and ``mention_entity`` (see ``lagebild.entities.resolve``) and
applies the user's merge/split/rename corrections from ``ctx.corrections`` last, so they survive
every re-analysis. Inside ``stored_entity_index`` (``lagebild analyze`` on a store) only the
mentions of documents added since the stored run are resolved, against the stored entities
(``lagebild.compare.entity_index``); with corrections, or without a usable stored index, the
whole corpus is clustered and the index rows are written anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.compare import COMPARE, CorpusContext
from lagebild.compare.entity_index import current_index, index_settings, resolve_full, resolve_incremental
from lagebild.entities.kb import load_kb
from lagebild.fingerprints import code_version
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
        index = current_index()
        wanted = index_settings(self.kb_files, code_version()) if index is not None else None
        got = None
        if index is not None and index.settings == wanted and index.entities and not corrections:
            got = resolve_incremental(ctx.docs, kb, index)
        if got is None:
            entities, mention_entity, rows = resolve_full(ctx.docs, kb, corrections, wanted)
        else:
            entities, mention_entity, rows = got
        if index is not None:
            index.rows = rows
        ctx.result.entities = entities
        ctx.result.mention_entity = mention_entity
