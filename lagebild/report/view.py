"""View models shared by the report and the web UI: stories, timeline axis, claims, entities, articles.

Everything here reads the store and the ``CorpusResult`` contract (``lagebild/compare``) and
returns plain dicts for the Jinja templates. Parts the pipeline has not produced stay empty:
pages render them as "not computed yet" instead of failing. Where the cross-source entity
resolution has not run, entities are derived from the per-document entity annotations so the
entity pages still work.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from lagebild.compare import CorpusResult
from lagebild.export.json_export import annotation_json, document_json
from lagebild.model import Annotation, Document, Span
from lagebild.report.candidates import candidate_names, with_candidates
from lagebild.report.links import Links
from lagebild.report.marks import Mark, render_marked
from lagebild.report.readable import first_sentence, readable_value, unquote
from lagebild.store.reads import parse_date_range

__all__ = [
    "ALL_STORY",
    "Picture",
    "PictureInputs",
    "article_view",
    "build_picture",
    "document_meta",
    "entity_view",
    "inconsistency_items",
    "parse_date_range",
    "slug",
    "story_view",
    "text_offset",
]

#: id of the virtual story holding every article when no stories were computed
ALL_STORY = "all"
_KIND_CSS = {"entity": "ent", "timex": "tx", "quote": "qt", "claim": "cl", "event": "ev", "inconsistency": "incon"}
_KIND_NAMES = {"entity": ("entity", "entities"), "timex": ("date", "dates"), "quote": ("quote", "quotes"),
               "claim": ("claim", "claims"), "event": ("event", "events"), "inconsistency": ("inconsistency", "inconsistencies")}


def slug(text: str) -> str:
    """Return a URL-safe, stable slug of ``text`` (ASCII, lower case, dashes)."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")[:80] or "x"


def dom_id(doc_id: str, ann_id: str) -> str:
    """Return the HTML id of an annotation's mark (``a-<doc>-<ann>`` with safe characters)."""
    return "a-" + re.sub(r"[^A-Za-z0-9_-]", "_", f"{doc_id}-{ann_id}")


def text_offset(doc: Document, original: int, *, end: bool = False) -> int:
    """Map an ORIGINAL offset back to the cleaned text (nearest copied character)."""
    segments = doc.offsets.segments
    if not segments:
        return max(0, min(original, len(doc.text)))
    starts = [s.orig_start for s in segments]
    i = bisect.bisect_right(starts, original - (1 if end else 0)) - 1
    if i < 0:
        return segments[0].text_start
    seg = segments[i]
    delta = original - seg.orig_start
    if delta <= seg.length:
        return seg.text_start + delta
    return seg.text_start + seg.length


def _date_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("value") or "")
    return "" if value is None else str(value)


@dataclass
class Picture:
    """The corpus picture with the indexes the pages need (built once per request/report)."""

    corpus: CorpusResult
    docs: Mapping[str, dict[str, Any]]  # doc id → export form of the document (meta, no annotations)
    entities: list[dict[str, Any]]
    mention_entity: dict[str, str]
    entities_derived: bool
    stories: list[dict[str, Any]]
    stories_virtual: bool
    story_of: dict[str, str] = field(default_factory=dict)
    claim_group_of: dict[Any, str] = field(default_factory=dict)
    event_of: dict[tuple[str, int, int], str] = field(default_factory=dict)
    #: within-article inconsistencies (annotations), in the form of the corpus-level ones
    doc_inconsistencies: list[dict[str, Any]] = field(default_factory=list)
    #: lookups built on first use: the report asks for every story and article, and scanning the
    #: whole corpus result for each of them made writing it quadratic in the corpus
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def _cached(self, key: str, build: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    @property
    def entity_by_id(self) -> dict[str, dict[str, Any]]:
        return self._cached("entity_by_id", lambda: {e["id"]: e for e in self.entities})  # type: ignore[no-any-return]

    def story(self, story_id: str) -> dict[str, Any] | None:
        by_id = self._cached("story_by_id", lambda: {s["id"]: s for s in reversed(self.stories)})
        return by_id.get(story_id)  # type: ignore[no-any-return]

    def entity_mentions_by_doc(self) -> dict[str, list[int]]:
        """Document id → position in ``entities`` of the entity of each of its mentions."""

        def build() -> dict[str, list[int]]:
            out: dict[str, list[int]] = defaultdict(list)
            for pos, ent in enumerate(self.entities):
                for m in ent.get("mentions") or []:
                    out[m.get("doc")].append(pos)
            return out

        return self._cached("entity_mentions_by_doc", build)  # type: ignore[no-any-return]

    def select(self, name: str, items: list[dict[str, Any]], item_docs: Any, story_id: str | None, members: set[str]) -> list[int]:
        """Positions of the ``items`` that ``_belongs`` to a story, in order, found through an index.

        ``item_docs(item)`` gives the documents of an item; ``name`` names the list (one index each).
        """
        if not story_id:
            return [i for i, item in enumerate(items) if _belongs(item, story_id, item_docs(item), members)]

        def build() -> tuple[dict[Any, list[int]], dict[Any, list[int]], list[int]]:
            by_story: dict[Any, list[int]] = defaultdict(list)
            by_doc: dict[Any, list[int]] = defaultdict(list)
            free: list[int] = []
            for i, item in enumerate(items):
                if item.get("story"):
                    by_story[item.get("story")].append(i)
                    continue
                free.append(i)
                for d in set(item_docs(item)):
                    by_doc[d].append(i)
            return by_story, by_doc, free

        by_story, by_doc, free = self._cached(f"select:{name}", build)
        chosen = set(by_story.get(story_id, ()))
        if not members:
            chosen.update(free)
        else:
            for d in members:
                chosen.update(by_doc.get(d, ()))
        return sorted(chosen)


class _DerivedEntities:
    """Entity annotations grouped by type and resolution key, document by document, when no cross-source resolution ran."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, Any]] = {}
        self.mention_entity: dict[str, str] = {}

    def add(self, doc: Document) -> None:
        for ann in doc.of_kind("entity"):
            key = str(ann.data.get("norm") or ann.surface).strip()
            if not key:
                continue
            ent_id = f"{(ann.label or 'x').lower()}-{slug(key)}"
            ent = self.groups.setdefault(
                ent_id, {"id": ent_id, "name": key, "type": ann.label, "aliases": [], "roles": [], "mentions": [], "derived": True}
            )
            span = doc.span_json(ann.span)
            ent["mentions"].append({**span, "ann": ann.id})
            if span["text"] not in ent["aliases"] and span["text"] != ent["name"]:
                ent["aliases"].append(span["text"])
            role = ann.data.get("role")
            if role and role not in ent["roles"]:
                ent["roles"].append(role)
            self.mention_entity[f"{doc.id}#{ann.id}"] = ent_id

    def result(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        return sorted(self.groups.values(), key=lambda e: (-len(e["mentions"]), e["name"])), self.mention_entity


def _derive_entities(docs: Iterable[Document]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group entity annotations by type and resolution key when no cross-source resolution ran."""
    derived = _DerivedEntities()
    for doc in docs:
        derived.add(doc)
    return derived.result()


def document_meta(doc: Document, sources: Iterable[Mapping[str, Any]], corpus: CorpusResult) -> dict[str, Any]:
    """The export form of a document without its text (and a headline when it has no title): ``Picture.docs``."""
    meta = document_json(doc, sources, corpus)
    meta.pop("text", None)
    if not meta.get("title"):
        sentence = min((s for s in doc.of_kind("sentence") if doc.text[s.span.start : s.span.end].strip()), key=lambda s: s.span.start, default=None)
        meta["headline"] = first_sentence(doc.original[slice(*doc.original_span(sentence.span))]) if sentence else first_sentence(doc.text) or None
    return meta


class PictureInputs:
    """What ``Picture`` needs from the documents, collected one document at a time (``add``), so a
    caller can stream the documents from the store instead of holding them all: each one's
    metadata, its within-article inconsistencies, and (without cross-source entities) the derived entities."""

    def __init__(self, corpus: CorpusResult) -> None:
        self.corpus = corpus
        self.docs: dict[str, dict[str, Any]] = {}
        self.inconsistencies: list[dict[str, Any]] = []
        self.derived = None if corpus.entities else _DerivedEntities()

    def add(self, doc: Document, sources: Iterable[Mapping[str, Any]]) -> None:
        self.docs[doc.id] = document_meta(doc, sources, self.corpus)
        self.inconsistencies.extend(inconsistency_items(doc))
        if self.derived is not None:
            self.derived.add(doc)

    def add_parts(self, doc_id: str, meta: dict[str, Any], inconsistencies: Iterable[dict[str, Any]]) -> None:
        """Add a document by what ``add`` takes from it (``document_meta``, ``inconsistency_items``), kept from an
        earlier run; only with the corpus's own entities (``derived`` needs the whole document)."""
        if self.derived is not None:
            raise ValueError("entities derived from the documents need the whole documents")
        self.docs[doc_id] = meta
        self.inconsistencies.extend(inconsistencies)

    def picture(self) -> Picture:
        """The picture of the documents added (in the order added)."""
        corpus = self.corpus
        docs = self.docs
        if self.derived is None:
            entities, mention_entity, derived = corpus.entities, dict(corpus.mention_entity), False
        else:
            entities, mention_entity = self.derived.result()
            derived = True
        stories = list(corpus.stories)
        virtual = not stories
        if virtual:
            stories = [
                {
                    "id": ALL_STORY,
                    "label": "All articles",
                    "members": [{"doc": d, "confidence": None} for d in sorted(docs)],
                    "independent_sources": None,
                    "virtual": True,
                }
            ]
        pic = Picture(corpus, docs, entities, mention_entity, derived, stories, virtual)
        for story in stories:
            for member in story.get("members") or []:
                pic.story_of.setdefault(member.get("doc"), story["id"])
        for group in corpus.claim_groups:
            for claim in group.get("claims") or []:
                if claim.get("id"):
                    pic.claim_group_of[claim["id"]] = group["id"]
                if claim.get("doc") is not None:
                    pic.claim_group_of[(claim.get("doc"), claim.get("start"), claim.get("end"))] = group["id"]
        for event in corpus.events:
            for mention in event.get("mentions") or []:
                pic.event_of[(mention.get("doc"), mention.get("start"), mention.get("end"))] = event["id"]
        pic.doc_inconsistencies = self.inconsistencies
        return pic


def build_picture(corpus: CorpusResult, documents: Iterable[Document], sources: Mapping[str, list[dict[str, Any]]] | None = None) -> Picture:
    """Index the corpus result and the documents' metadata for the pages."""
    sources = sources or {}
    inputs = PictureInputs(corpus)
    for d in documents:
        inputs.add(d, sources.get(d.id, []))
    return inputs.picture()


def inconsistency_items(doc: Document) -> list[dict[str, Any]]:
    """The report's items of ``doc``'s within-article inconsistencies."""
    return [_inconsistency_item(doc, ann) for ann in doc.of_kind("inconsistency")]


def _inconsistency_item(doc: Document, ann: Annotation) -> dict[str, Any]:
    """A within-article inconsistency annotation shaped like a cross-article one (kind, reason, doc, spans)."""
    return inconsistency_row({"doc": doc.id, "ann": ann.id, "label": ann.label, "data": ann.data, **doc.span_json(ann.span)})


def inconsistency_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The same from a stored annotation row (``doc``, ``ann``, ``label``, ``start``/``end``/``text``, ``data``)."""
    span = {"doc": row.get("doc"), "start": row.get("start"), "end": row.get("end"), "text": row.get("text")}
    return {"id": f"{row.get('doc')}#{row.get('ann')}", "kind": row.get("label") or "inconsistency",
            "reason": (row.get("data") or {}).get("reason"), "doc": row.get("doc"), "spans": [span]}


# -- stories -------------------------------------------------------------------------------------
def _touches(item_docs: Iterable[str], members: set[str]) -> bool:
    return any(d in members for d in item_docs)


def _timeline_axis(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Place timeline entries on a time axis: percentages for each date (and its alternatives)."""
    ranges = []
    for entry in entries:
        for value in entry["all_dates"]:
            r = parse_date_range(value["value"])
            if r:
                ranges.append(r)
    if not ranges:
        return {"ticks": [], "has_axis": False}
    lo = min(r[0] for r in ranges)
    hi = max(r[1] for r in ranges)
    span_days = max((hi - lo).days, 1)
    lo_pad = lo - timedelta(days=max(1, span_days // 30))
    hi_pad = hi + timedelta(days=max(1, span_days // 30))
    total = (hi_pad - lo_pad).days or 1

    def pct(day: date) -> float:
        return round(100.0 * (day - lo_pad).days / total, 2)

    for entry in entries:
        for value in entry["all_dates"]:
            r = parse_date_range(value["value"])
            if r:
                value["left"] = pct(r[0])
                value["width"] = max(round(100.0 * ((r[1] - r[0]).days + 1) / total, 2), 0.8)
    ticks = [{"label": label, "left": pct(day)} for day, label in _ticks(lo_pad, hi_pad)]
    return {"ticks": ticks, "has_axis": True, "from": lo.isoformat(), "to": hi.isoformat()}


def _ticks(lo: date, hi: date, most: int = 7) -> list[tuple[date, str]]:
    """Readable tick marks between ``lo`` and ``hi``: days, months or years depending on the span."""
    days = (hi - lo).days
    if days <= 62:
        step = max(1, -(-days // most))
        return [(lo + timedelta(days=i), (lo + timedelta(days=i)).strftime("%d.%m.")) for i in range(1, days, step)]
    if days <= 3 * 366:
        months = []
        month = date(lo.year, lo.month, 1)
        while month <= hi:
            if month > lo:
                months.append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        step = max(1, -(-len(months) // most))
        return [(m, m.strftime("%m/%Y")) for m in months[::step]]
    years = [date(y, 1, 1) for y in range(lo.year + 1, hi.year + 1)]
    step = max(1, -(-len(years) // most))
    return [(y, str(y.year)) for y in years[::step]]


def _add_date(dates: dict[str, dict[str, Any]], value: Any, doc: str | None) -> None:
    """Collect one date a source gives for an event (dates keyed by their value)."""
    text = _date_text(value)
    if not text:
        return
    slot = dates.setdefault(text, {"value": text, "docs": []})
    if doc and doc not in slot["docs"]:
        slot["docs"].append(doc)


def _belongs(item: Mapping[str, Any], story_id: str | None, docs: Iterable[str], members: set[str]) -> bool:
    """Whether an event/timeline entry/claim group is part of a story: its ``story`` key, else its documents."""
    if story_id and item.get("story"):
        return bool(item.get("story") == story_id)
    return not members or _touches(docs, members)


def _timeline_docs(entry: Mapping[str, Any]) -> list[Any]:
    return list(entry.get("sources") or []) or [ev.get("doc") for ev in entry.get("evidence") or []]


def _event_docs(event: Mapping[str, Any]) -> list[Any]:
    return list(event.get("sources") or []) + [m.get("doc") for m in event.get("mentions") or []]


def _group_docs(group: Mapping[str, Any]) -> list[Any]:
    return [c.get("doc") for c in group.get("claims") or []]


def _timeline_entries(pic: Picture, members: set[str], story_id: str | None = None) -> list[dict[str, Any]]:
    events = pic._cached("events_by_id", lambda: {e["id"]: e for e in pic.corpus.events})
    out = []
    timeline = pic.corpus.timeline
    for i in pic.select("timeline", timeline, _timeline_docs, story_id, members):
        entry = timeline[i]
        evidence = entry.get("evidence") or []
        docs = _timeline_docs(entry)
        event = events.get(entry.get("event") or "", {})
        dates: dict[str, dict[str, Any]] = {}
        _add_date(dates, entry.get("date"), None)
        for ev in evidence:
            _add_date(dates, ev.get("date"), ev.get("doc"))
        for alt in entry.get("dates") or event.get("dates") or []:
            if isinstance(alt, Mapping):
                for doc in alt.get("sources") or alt.get("docs") or ([alt["doc"]] if alt.get("doc") else [None]):
                    _add_date(dates, alt.get("value"), doc)
            else:
                _add_date(dates, alt, None)
        main = _date_text(entry.get("date"))
        conflict = bool(entry.get("conflict") or event.get("conflict"))
        raw_date = entry.get("date")
        granularity = entry.get("granularity") or (raw_date.get("granularity") if isinstance(raw_date, Mapping) else None)
        out.append(
            {
                "n": i,
                "id": entry.get("event") or f"t{i}",
                "event": entry.get("event"),
                "label": entry.get("label") or event.get("label") or entry.get("event") or "event",
                "date": main,
                "granularity": granularity,
                "sources": docs,
                "n_sources": len(set(docs)),
                "independent_sources": entry.get("independent_sources", event.get("independent_sources")),
                "evidence": evidence,
                "conflict": conflict,
                "all_dates": list(dates.values()),
                "type": event.get("type"),
                # only announced ("wird am Montag streiken"): its sources announce it, none reports it happened
                "planned": bool(entry.get("planned") or event.get("status") == "planned"),
                "announced_by": list(event.get("announced_by") or []),
                # the story's main happening (the event most independent sources report)
                "central": bool(entry.get("central") or event.get("central")),
                # dates of its mentions that their own article flags as after its date ("date_after_publication")
                "inconsistencies": _mention_inconsistencies(pic, event),
            }
        )
    return out


def _mention_inconsistencies(pic: Picture, event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """{id, doc, reason} of the within-article inconsistencies the event's mentions name (``mentions[].inconsistency``)."""
    ids = list(dict.fromkeys(str(m["inconsistency"]) for m in event.get("mentions") or [] if m.get("inconsistency")))
    if not ids:
        return []
    known = pic._cached("doc_inconsistencies_by_id", lambda: {str(i.get("id")): i for i in pic.doc_inconsistencies})
    return [{"id": i, "doc": i.split("#", 1)[0], "reason": (known.get(i) or {}).get("reason") or ""} for i in ids]


def _coverage(pic: Picture, members: list[str], events: list[dict[str, Any]], groups: list[dict[str, Any]],
              max_columns: int = 40) -> dict[str, Any]:
    """Which article reports which event / claim group; rows carried by one source only are flagged.

    Large stories show the ``max_columns`` articles that report the most rows (the count of
    hidden articles is given); single-source flags still consider every article.
    """
    rows = []
    for ev in events:
        docs = set(ev.get("sources") or []) | {m.get("doc") for m in ev.get("mentions") or []}
        rows.append({"kind": "event", "id": ev["id"], "label": ev.get("label") or ev["id"], "docs": docs})
    for g in groups:
        docs = {c.get("doc") for c in g.get("claims") or []}
        rows.append({"kind": "claims", "id": g["id"], "label": g.get("subject") or g["id"], "docs": docs})
    all_members = set(members)
    columns = members
    if len(members) > max_columns:
        reach = Counter(d for row in rows for d in row["docs"] if d in all_members)
        order = {d: i for i, d in enumerate(members)}
        # of articles that report as many rows, the earlier ones: ``reach`` counts from sets, whose order (and so
        # ``most_common``'s choice among equals) changes from process to process
        keep = set(sorted(reach, key=lambda d: (-reach[d], order[d]))[:max_columns])
        columns = [d for d in members if d in keep] or members[:max_columns]
    for row in rows:
        row["cells"] = [d in row["docs"] for d in columns]
        row["single"] = len(row["docs"] & all_members) == 1
        row["docs"] = sorted(d for d in row["docs"] if d)
    return {"columns": columns, "hidden": len(members) - len(columns), "rows": rows, "extra": pic.corpus.coverage}


def story_view(pic: Picture, story_id: str) -> dict[str, Any] | None:
    """Everything the story page shows: members, timeline axis, claim groups, entities, coverage."""
    story = pic.story(story_id)
    if story is None:
        return None
    member_ids = [m.get("doc") for m in story.get("members") or [] if m.get("doc") in pic.docs]
    members = set(member_ids)
    timeline = _timeline_entries(pic, members, story_id)
    axis = _timeline_axis(timeline)
    events = [pic.corpus.events[i] for i in pic.select("events", pic.corpus.events, _event_docs, story_id, members)]
    groups = [pic.corpus.claim_groups[i] for i in pic.select("claim_groups", pic.corpus.claim_groups, _group_docs, story_id, members)]
    # Mentions counted per entity id, ties in the order of ``pic.entities`` (as a scan of all would)
    first_pos: dict[str, int] = {}
    entity_counts: Counter[str] = Counter()
    entity_docs: dict[str, set[str]] = defaultdict(set)
    by_doc = pic.entity_mentions_by_doc()
    for d in members:
        for pos in by_doc.get(d, ()):
            eid = pic.entities[pos]["id"]
            first_pos[eid] = min(pos, first_pos.get(eid, pos))
            entity_counts[eid] += 1
            entity_docs[eid].add(d)
    ent_by_id = pic.entity_by_id
    ranked = sorted(entity_counts, key=lambda e: (-entity_counts[e], first_pos[e]))
    entities = [
        {**with_candidates(ent_by_id[eid], ent_by_id), "count": entity_counts[eid], "n_docs": len(entity_docs[eid])}
        for eid in ranked if eid in ent_by_id
    ]
    inconsistencies = [
        i for i in list(pic.corpus.inconsistencies) + pic.doc_inconsistencies
        if i.get("doc") in members or _touches([s.get("doc") for s in i.get("spans") or []], members)
    ]
    ordered_members = sorted(member_ids, key=lambda d: (_date_text(pic.docs[d].get("published")) or "9999", d))
    confidence: dict[Any, Any] = {}
    for m in story.get("members") or []:
        confidence.setdefault(m.get("doc"), m.get("confidence"))
    return {
        "story": story,
        "members": [{**pic.docs[d], "confidence": confidence.get(d)} for d in ordered_members],
        "timeline": timeline,
        "axis": axis,
        "events": events,
        "claim_groups": groups,
        "entities": entities,
        "coverage": _coverage(pic, ordered_members, events, groups),
        "inconsistencies": inconsistencies,
    }


# -- quotes ----------------------------------------------------------------------------------------
def stored_rows(docs: Iterable[Document], kind: str) -> list[dict[str, Any]]:
    """Annotation rows of one kind as the store keeps them (original offsets), from parsed documents."""
    rows = []
    for doc in sorted(docs, key=lambda d: d.id):
        for ann in sorted(doc.of_kind(kind), key=lambda a: (a.span.start, a.span.end, a.id)):
            start, end = doc.original_span(ann.span)
            rows.append({"doc": doc.id, "ann": ann.id, "label": ann.label, "start": start, "end": end,
                         "text": doc.original[start:end], "data": dict(ann.data)})
    return rows


def speaker_entity(data: Mapping[str, Any], doc: str, mention_entity: Mapping[str, str]) -> str | None:
    """The entity of a quote's speaker: the resolved mention the speaker span names, else the last resolved person.

    A speaker phrase such as "GPA-Chef Wolfgang Katzian" holds several mentions; the name the
    speaker span covers is the speaker, not the organisation before it.
    """
    anns = [data.get("speaker_ann")] if data.get("speaker_ann") else list(data.get("speaker_anns") or [])
    resolved = [(a, mention_entity.get(f"{doc}#{a}")) for a in anns if isinstance(a, str)]
    found = [(a, e) for a, e in resolved if e]
    if len(found) <= 1:
        return found[0][1] if found else None
    span = data.get("speaker_span")
    if span:
        for a, e in found:
            m = re.match(r"^[^:]+:(\d+)-(\d+)", a)
            if m and [int(m.group(1)), int(m.group(2))] == list(span)[:2]:
                return e
    people = [e for _, e in found if "per" in e.split(":", 1)[-1].split("-", 1)[0].lower() or e.lower().startswith("per")]
    return people[-1] if people else found[-1][1]


def _quote_href(links: Links, row: Mapping[str, Any]) -> str:
    if not links.standalone:
        return links.doc(row["doc"], start=row.get("start"), end=row.get("end"))
    has_text = getattr(links, "has_text", None)
    if has_text is not None and not has_text(row["doc"]):
        return links.doc(row["doc"])
    return "#" + dom_id(row["doc"], str(row.get("ann")))


def quote_items(pic: Picture, rows: Iterable[Mapping[str, Any]], links: Links) -> list[dict[str, Any]]:
    """Quotes as the pages list them: speaker (linked to its entity, else to the speaker's quotes), text, source."""
    mention_entity = pic.mention_entity
    names = {e["id"]: e.get("name") for e in pic.entities} if pic.entities else {}
    out = []
    for r in rows:
        data = r.get("data") or {}
        speaker = str(data.get("speaker_text") or "").strip()
        ent = speaker_entity(data, r["doc"], mention_entity)
        out.append({"speaker": speaker or "unknown speaker", "entity": ent, "entity_name": names.get(ent or ""),
                    "speaker_href": links.entity(ent) if ent else (links.list("quotes", speaker=speaker) if speaker else None),
                    "text": unquote(r.get("text")), "label": r.get("label") or "", "doc": r["doc"],
                    "href": _quote_href(links, r)})
    return out


# -- articles ------------------------------------------------------------------------------------
def _ann_title(ann: Annotation) -> str:
    data = ann.data
    if ann.kind == "timex":
        value = data.get("value")
        return f"{ann.label or 'DATE'} → {readable_value(value)} ({value})" if value else f"{ann.label or 'DATE'} → unresolved"
    if ann.kind == "quote":
        return f"{ann.label or 'quote'} quote · speaker: {data.get('speaker_text') or 'unknown'}"
    if ann.kind == "claim":
        unit = data.get("unit") or ""
        return f"claim: {data.get('value_text') or data.get('value')} {unit} · claimant: {data.get('claimant_text') or 'the outlet'}".strip()
    if ann.kind == "event":
        return f"event: {ann.label or ''} {readable_value(data.get('date')) if data.get('date') else ''}".strip()
    if ann.kind == "inconsistency":
        return f"inconsistency: {data.get('reason') or ann.label or ''}".strip()
    return f"{ann.label or ann.kind}"


def _ann_note(ann: Annotation) -> str | None:
    """The visible note after a mark: a date's calendar value, a quote's speaker."""
    if ann.kind == "timex":
        value = ann.data.get("value")
        shown = readable_value(value) if value else ""
        return shown if shown and shown != ann.surface else None
    if ann.kind == "quote":
        speaker = ann.data.get("speaker_text")
        return f"— {speaker}" if speaker else None
    return None


def _ann_link(pic: Picture, doc: Document, ann: Annotation, links: Links) -> tuple[str | None, str]:
    """Where an annotation leads (its entity, claim group, event or speaker) and the link's label."""
    global_id = f"{doc.id}#{ann.id}"
    if ann.kind == "entity":
        ent = pic.mention_entity.get(global_id)
        return (links.entity(ent), "entity") if ent else (None, "")
    orig = doc.original_span(ann.span)
    if ann.kind == "claim":
        group = pic.claim_group_of.get(global_id) or pic.claim_group_of.get((doc.id, orig[0], orig[1]))
        return (links.claim_group(group, pic.story_of.get(doc.id)), "claim group") if group else (None, "")
    if ann.kind == "event":
        event = pic.event_of.get((doc.id, orig[0], orig[1]))
        return (links.event(event, pic.story_of.get(doc.id)), "event") if event else (None, "")
    if ann.kind == "quote":
        ent = speaker_entity(ann.data, doc.id, pic.mention_entity)
        if ent:
            return links.entity(ent), "speaker"
        speaker = str(ann.data.get("speaker_text") or "").strip()
        return (links.list("quotes", speaker=speaker), "speaker's quotes") if speaker and not links.standalone else (None, "")
    return None, ""


def _only_here(pic: Picture, doc_id: str, links: Links) -> list[dict[str, str]]:
    """Events and claim groups that no other independent source reports (from the coverage result)."""
    def by_doc() -> dict[Any, Mapping[str, Any]]:
        coverage = pic.corpus.coverage if isinstance(pic.corpus.coverage, Mapping) else {}
        out: dict[Any, Mapping[str, Any]] = {}
        for s in coverage.get("sources") or []:
            if isinstance(s, Mapping):
                out.setdefault(s.get("doc"), s)
        return out

    entry = pic._cached("coverage_by_doc", by_doc).get(doc_id)
    if not entry:
        return []
    events = pic._cached("only_here_events", lambda: {e["id"]: e for e in pic.corpus.events if "id" in e})
    groups = pic._cached("only_here_groups", lambda: {g["id"]: g for g in pic.corpus.claim_groups if "id" in g})
    story = pic.story_of.get(doc_id)
    out = []
    for item in entry.get("only_here") or []:
        if item in events:
            out.append({"kind": "event", "label": str(events[item].get("label") or item), "href": links.event(item, story)})
        elif item in groups:
            out.append({"kind": "claim", "label": str(groups[item].get("subject") or item), "href": links.claim_group(item, story)})
    return out


def _sentence_around(doc: Document, start: int, end: int) -> tuple[int, int]:
    for ann in doc.of_kind("sentence"):
        if ann.span.start <= start and end <= ann.span.end:
            return ann.span.start, ann.span.end
    return start, end


def article_view(
    pic: Picture, doc: Document, links: Links, *, highlight: tuple[int, int] | None = None
) -> dict[str, Any]:
    """The article with highlighted annotations, each linking on; ``highlight`` = original offsets to mark."""
    marks: list[Mark] = []
    if highlight:
        start = text_offset(doc, highlight[0])
        end = text_offset(doc, highlight[1], end=True)
        if 0 <= start < end <= len(doc.text):
            s_start, s_end = _sentence_around(doc, start, end)
            marks.append(Mark(s_start, s_end, "hl", "the sentence you came from", {"id": "hl"}))
    rows: list[dict[str, Any]] = []
    for ann in sorted(doc.annotations, key=lambda a: (a.span.start, -a.span.end)):
        css = _KIND_CSS.get(ann.kind)
        if not css:
            continue
        href, link_label = _ann_link(pic, doc, ann, links)
        title = _ann_title(ann)
        anchor = dom_id(doc.id, ann.id)
        is_entity = ann.kind == "entity"
        marks.append(
            Mark(
                ann.span.start,
                ann.span.end,
                f"{css} {css}-{slug(ann.label or 'x')}",
                title,
                {"id": anchor, "data-ann": f"{doc.id}#{ann.id}"},
                href if is_entity else None,
                None if is_entity else href,
                _ann_note(ann),
            )
        )
        exported = annotation_json(doc, ann, pic.corpus)
        rows.append({"ann": ann, "x": exported, "anchor": anchor, "href": href, "link_label": link_label, "title": title, "css": css})
    for item in pic.corpus.inconsistencies:  # across articles: mark this article's side of it
        for span in item.get("spans") or []:
            if span.get("doc") != doc.id or span.get("start") is None or span.get("end") is None:
                continue
            start, end = text_offset(doc, int(span["start"])), text_offset(doc, int(span["end"]), end=True)
            if 0 <= start < end <= len(doc.text):
                reason = f"inconsistency across articles: {item.get('reason') or item.get('kind') or ''}"
                marks.append(Mark(start, end, "incon incon-across", reason, {"data-inc": str(item.get("id") or "")}))
    body: Markup = render_marked(doc.text, marks)
    meta = pic.docs.get(doc.id) or {}
    def dups_by_doc() -> dict[Any, list[dict[str, Any]]]:
        out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for d in pic.corpus.duplicates:
            for key in {d.get("doc"), d.get("of")}:
                out[key].append(d)
        return out

    dup = list(pic._cached("duplicates_by_doc", dups_by_doc).get(doc.id, ()))
    only_here = _only_here(pic, doc.id, links)
    return {
        "doc": meta,
        "document": doc,
        "body": body,
        "annotations": rows,
        "counts": [(_KIND_NAMES.get(k, (k, k + "s"))[n != 1], n) for k, n in Counter(r["ann"].kind for r in rows).items()],
        "story": pic.story(pic.story_of.get(doc.id, "")),
        "duplicates": dup,
        "only_here": only_here,
        "failures": [f.to_json() for f in doc.failures],
    }


# -- entities ------------------------------------------------------------------------------------
def entity_view(pic: Picture, entity_id: str, docs: Mapping[str, Document], links: Links) -> dict[str, Any] | None:
    """Aliases, mentions per source, quotes by the entity and claims by and about it."""
    ent = pic.entity_by_id.get(entity_id)
    if ent is None:
        return None
    my_mentions = {gid for gid, eid in pic.mention_entity.items() if eid == entity_id}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in ent.get("mentions") or []:
        by_doc[m.get("doc")].append(m)
    quotes, claims_by, claims_about = [], [], []
    # Speakers, claimants and subjects are mentions of the entity: only its articles can hold them.
    for doc_id in sorted(by_doc):
        doc = docs.get(doc_id)
        if doc is None:
            continue
        mine = [e.span for e in doc.of_kind("entity") if f"{doc_id}#{e.id}" in my_mentions]
        for ann in doc.annotations:
            if ann.kind not in ("quote", "claim"):
                continue
            data = ann.data
            if ann.kind == "quote":  # the one speaker the quote list and the article link name, not every mention in the phrase
                speaker = speaker_entity(data, doc_id, pic.mention_entity)
                by = speaker == entity_id
                resolved = speaker is not None
            else:
                by = bool(data.get("claimant_ann")) and f"{doc_id}#{data.get('claimant_ann')}" in my_mentions
                resolved = by
            if not by and not resolved:
                # A speaker/claimant span that covers one of the entity's mentions counts as well.
                span = data.get("speaker_span") or data.get("claimant_span")
                if span:
                    by = any(Span(*span).overlaps(m) for m in mine)
            about = ann.kind == "claim" and any(f"{doc_id}#{r}" in my_mentions for r in data.get("subject_anns") or [])
            if not (by or about):
                continue
            start, end = doc.original_span(ann.span)
            item = {"x": annotation_json(doc, ann, pic.corpus), "href": links.doc(doc_id, start=start, end=end), "doc": pic.docs.get(doc_id, {})}
            if ann.kind == "quote":
                quotes.append(item)
            elif by:
                claims_by.append(item)
            else:
                claims_about.append(item)
    mentions = []
    for doc_id, items in sorted(by_doc.items(), key=lambda kv: -len(kv[1])):
        mentions.append(
            {
                "doc": pic.docs.get(doc_id, {"id": doc_id}),
                "items": [{**m, "href": links.doc(doc_id, start=m.get("start"), end=m.get("end"))} for m in items],
            }
        )
    forms = Counter(m.get("text") for m in ent.get("mentions") or [])
    events = [e for e in pic.corpus.events if entity_id in (e.get("participants") or [])]
    return {"entity": ent, "mentions": mentions, "forms": forms.most_common(), "quotes": quotes, "claims_by": claims_by,
            "claims_about": claims_about, "events": events, "could_be": candidate_names(ent, pic.entity_by_id)}
