"""Say which source reports which event and which claim group, and what only one source reports.

Sources are counted as independent *origins*: all articles of one outlet are one origin, wire
copies and syndicated agency text ("(dpa)") collapse to the agency, and near-duplicate copies
join the origin of what they copy. Where outlets are known the table says "N articles from M
outlets". The result also lists, per story, the parts of the picture that are empty (no events,
no dated events, no claims), so a report can say so instead of showing nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lagebild.compare import COMPARE, CorpusContext
from lagebild.compare.duplicates import UnionFind
from lagebild.events.corpus import independent_groups
from lagebild.model import Document

__all__ = ["CoverageBuilder", "build_coverage", "corpus_origins", "independent_origins", "origin_label"]

#: origins computed over the whole corpus while stages run on one story (``corpus_origins``)
_CORPUS_ORIGINS: ContextVar[Mapping[str, str] | None] = ContextVar("lagebild_corpus_origins", default=None)


@contextmanager
def corpus_origins(origins: Mapping[str, str]) -> Iterator[None]:
    """Inside the block, ``independent_origins`` answers from these corpus-wide origins.

    An outlet's articles in other stories can tie its origin to an agency; a story's stages
    must count sources as the whole corpus does, not as their own documents alone would.
    """
    token = _CORPUS_ORIGINS.set(origins)
    try:
        yield
    finally:
        _CORPUS_ORIGINS.reset(token)


def _outlet(doc: Document) -> str | None:
    if doc.meta.outlet:
        return str(doc.meta.outlet).strip().lower() or None
    url = doc.meta.url or getattr(doc.source, "url", None)
    host = urlsplit(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def independent_origins(result: Any, docs: Sequence[Document]) -> dict[str, str]:
    """Map each document to its origin: ``agency:<name>``, ``outlet:<name>``, else its copy group.

    Copies (``result.duplicates``) join the origin of the text they copy, so two outlets printing
    the same wire story count once, and one outlet's many articles count once.
    """
    ids = [d.id for d in docs]
    known = _CORPUS_ORIGINS.get()
    if known is not None and all(i in known for i in ids):
        return {i: known[i] for i in ids}
    copies = independent_groups(result, ids)
    sets = UnionFind()
    for d in docs:
        agencies = [a for a in (d.meta.extra.get("agencies") or []) if isinstance(a, str) and a]
        outlet = _outlet(d)
        key = f"agency:{str(agencies[0]).lower()}" if agencies else (f"outlet:{outlet}" if outlet else None)
        if key:
            sets.union(key, d.id)
        sets.union(copies.get(d.id, d.id), d.id)
    names: dict[str, str] = {}
    for x in list(sets.parent):
        if x.startswith(("agency:", "outlet:")):
            root = sets.find(x)
            if root not in names or x.startswith("agency:"):
                names[root] = x
    return {d: names.get(sets.find(d), sets.find(d)) for d in ids}


def origin_label(origins: dict[str, str], doc_ids: Sequence[str]) -> str:
    """Say how many articles from how many independent origins ("5 articles from 3 outlets")."""
    docs = sorted(set(doc_ids))
    keys = {origins.get(d, d) for d in docs}
    named = all(k.startswith(("agency:", "outlet:")) for k in keys)
    # an agency is no outlet: its text printed by several outlets is one origin, and the label says whose
    agencies = sorted({k.partition(":")[2] for k in keys if k.startswith("agency:")})
    unit = "origin" if agencies else "outlet" if named else "independent source"
    plural = "s" if len(keys) != 1 else ""
    notes = [f"{', '.join(agencies)} copies count once"] if agencies else []
    unknown = len([k for k in keys if not k.startswith(("agency:", "outlet:"))])
    if unknown and not named and len(keys) > 1:
        # distinct texts whose outlet is not known: as independent as the text shows, no more
        notes.append(f"outlet not known for {'any' if unknown == len(keys) else unknown}")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{len(docs)} article{'s' if len(docs) != 1 else ''} from {len(keys)} {unit}{plural}{extra}"


def build_coverage(result: Any, doc_ids: list[str], titles: dict[str, str | None] | None = None,
                   origins: dict[str, str] | None = None) -> dict[str, Any]:
    """Return the coverage table (contract: CorpusResult.coverage)."""
    copies = independent_groups(result, doc_ids)
    groups = origins or copies
    per_doc: dict[str, dict[str, list[str]]] = {d: {"events": [], "claim_groups": []} for d in doc_ids}
    rows = []
    for ev in result.events:
        docs = sorted(set(ev.get("sources") or []))
        for d in docs:
            per_doc.setdefault(d, {"events": [], "claim_groups": []})["events"].append(ev["id"])
        rows.append({"kind": "event", "id": ev["id"], "label": ev.get("label"), "story": ev.get("story"), "docs": docs,
                     "independent_sources": len({groups.get(d, d) for d in docs}), "sources_label": origin_label(groups, docs)})
    for g in result.claim_groups:
        docs = sorted({c.get("doc") for c in g.get("claims") or [] if c.get("doc")})
        for d in docs:
            per_doc.setdefault(d, {"events": [], "claim_groups": []})["claim_groups"].append(g["id"])
        rows.append({"kind": "claim_group", "id": g["id"], "label": g.get("subject"), "story": g.get("story"), "docs": docs,
                     "independent_sources": len({groups.get(d, d) for d in docs}), "sources_label": origin_label(groups, docs)})
    single = [r for r in rows if r["independent_sources"] == 1]
    exclusive: dict[str, list[str]] = defaultdict(list)
    for r in single:
        for d in r["docs"]:
            exclusive[d].append(r["id"])
    gaps = []
    events_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    groups_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for e in result.events:
        events_of[e.get("story")].append(e)
    for g in result.claim_groups:
        groups_of[g.get("story")].append(g)
    inferred = result.inferred_dates or {}
    for story in result.stories:
        sid = story.get("id")
        evs = events_of.get(sid, [])
        claims = groups_of.get(sid, [])
        missing = []
        if not evs:
            missing.append("no events found")
        elif not any(e.get("date") for e in evs):
            missing.append("no dated events: the timeline is empty")
        if not claims:
            missing.append("no numeric claims")
        undated_docs = [m.get("doc") for m in story.get("members") or [] if m.get("doc") in inferred]
        if undated_docs:
            missing.append(f"publication date inferred for {len(undated_docs)} article(s)")
        if missing:
            gaps.append({"story": sid, "label": story.get("label"), "missing": missing})
    return {
        "sources": [
            {"doc": d, "title": (titles or {}).get(d), "copy_group": copies.get(d, d), "origin": groups.get(d, d),
             "events": per_doc.get(d, {}).get("events", []), "claim_groups": per_doc.get(d, {}).get("claim_groups", []),
             "only_here": exclusive.get(d, [])}
            for d in doc_ids
        ],
        "rows": rows,
        "single_source": [{"kind": r["kind"], "id": r["id"], "label": r["label"], "doc": r["docs"][0] if r["docs"] else None}
                          for r in single],
        "independent_sources": len(set(groups.values())),
        "sources_label": origin_label(groups, doc_ids),
        "timeline_gaps": gaps,
    }


@COMPARE.register("coverage.v1", requires={"events", "claim_groups"}, produces={"coverage"})
@dataclass
class CoverageBuilder:
    """Tabulate which source reports which event/claim group; list single-source facts and gaps."""

    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ids = [d.id for d in ctx.docs]
        origins = independent_origins(ctx.result, ctx.docs)
        ctx.result.coverage = build_coverage(ctx.result, ids, {d.id: d.meta.title for d in ctx.docs}, origins)
