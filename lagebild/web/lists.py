"""Every list of the picture as one kind of view: filters, facets, sorting, paging, HTML/JSON/CSV.

A list is a ``ListSpec``: how its rows are built from the store (once per store version, cached
by the reader), which filters it accepts (each may be a facet: its values counted over the
current selection), how it sorts and which columns it shows. The state of a view is its query
string, so every state has a URL, and ``.json``/``.csv`` of the same URL give the same rows.
Unknown filter names are an error that lists the valid ones.

Row keys starting with ``_`` are internal (links, date ranges, sets for filtering) and never
leave the server. Values are read with ``.get``: keys other stages add later must not break a list.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from lagebild.errors import LagebildError
from lagebild.report.candidates import could_be_text
from lagebild.report.readable import (
    display_title,
    human_date,
    plural,
    readable_text,
    readable_value,
    unquote,
)
from lagebild.report.view import parse_date_range, speaker_entity

__all__ = ["LISTS", "ListSpec", "UnknownFilter", "list_result", "spec_for"]

Row = dict[str, Any]
#: query parameters of every list that are not filters
CONTROLS = ("sort", "limit", "offset", "token")
MAX_LIMIT = 500


class UnknownFilter(LagebildError):
    """A query named a filter the list does not have; ``valid`` lists the ones it has."""

    def __init__(self, message: str, valid: list[str]) -> None:
        super().__init__(message)
        self.valid = valid


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    test: Callable[[Row, str], bool]
    facet: str | None = None  # row key whose values are counted for this filter
    help: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    href: str | None = None  # row key holding the link of the cell
    num: bool = False
    title: str | None = None  # row key holding a tooltip (e.g. the machine value)
    css: str = ""


@dataclass
class ListSpec:
    name: str
    title: str
    intro: str
    build: Callable[[Any], list[Row]]
    filters: list[Filter]
    sorts: dict[str, Callable[[Row], Any]]
    default_sort: str
    columns: list[Column]
    csv_columns: list[str]
    defaults: dict[str, str] = field(default_factory=dict)
    default_note: str = ""
    timeline: bool = False

    def filter_names(self) -> list[str]:
        return [f.name for f in self.filters]


# -- shared tests ----------------------------------------------------------------------------------
def _range_test(side: str) -> Callable[[Row, str], bool]:
    def test(row: Row, value: str) -> bool:
        rng = row.get("_range")
        bound = parse_date_range(value)
        if bound is None:
            raise UnknownFilter(f"'{value}' is no date: use YYYY, YYYY-MM or YYYY-MM-DD", [])
        if not rng:
            return False
        return rng[1] >= bound[0] if side == "from" else rng[0] <= bound[1]

    return test


def _int_test(key: str, *, at_least: bool = True) -> Callable[[Row, str], bool]:
    def test(row: Row, value: str) -> bool:
        try:
            n = int(value)
        except ValueError:
            raise UnknownFilter(f"'{value}' is no whole number", []) from None
        return int(row.get(key) or 0) >= n if at_least else int(row.get(key) or 0) <= n

    return test


def _eq(key: str) -> Callable[[Row, str], bool]:
    def test(row: Row, value: str) -> bool:
        have = row.get(key)
        if isinstance(have, (list, tuple, set, frozenset)):
            return value in have or value.casefold() in {str(h).casefold() for h in have}
        return str(have or "").casefold() == value.casefold()

    return test


def _contains(*keys: str) -> Callable[[Row, str], bool]:
    def test(row: Row, value: str) -> bool:
        needle = value.casefold()
        return any(needle in str(row.get(k) or "").casefold() for k in keys)

    return test


def _bool(key: str) -> Callable[[Row, str], bool]:
    def test(row: Row, value: str) -> bool:
        return bool(row.get(key)) == (value.lower() in ("1", "true", "yes", "on"))

    return test


def _date_filters(what: str) -> list[Filter]:
    return [Filter("date_from", "from", _range_test("from"), help=f"{what} on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
            Filter("date_to", "to", _range_test("to"), help=f"{what} on or before")]


def _story_filter() -> Filter:
    return Filter("story", "story", _eq("_stories"), facet="_stories", help="story id")


def _outlet_filter() -> Filter:
    return Filter("outlet", "outlet", _eq("_outlets"), facet="_outlets", help="outlet name")


def _first_filter() -> Filter:
    return Filter("first", "reported first by", _eq("_first"), facet="_first", help="outlet that reported it before the others")


def _alone_filter() -> Filter:
    return Filter("alone", "reported only by", _eq("_alone"), facet="_alone", help="outlet that alone reported it")


def _entity_filter() -> Filter:
    return Filter("entity", "entity", _eq("_entities"), help="entity id (see /entities)")


def _q_filter(*keys: str) -> Filter:
    return Filter("q", "text", _contains(*keys), help="text contained (case-insensitive)")


# -- the corpus indexes the rows share --------------------------------------------------------------
def _docs_index(st: Any) -> dict[str, Row]:
    """Every document's light row: title (or first sentence), outlet, publication date incl. inferred ones."""

    def build() -> dict[str, Row]:
        rows = st.reader.rows()
        lines = st.reader.headlines([r["id"] for r in rows if not r.get("title")])
        inferred = st.picture().corpus.inferred_dates
        out: dict[str, Row] = {}
        for r in rows:
            value = r.get("published_value")
            out[r["id"]] = {"id": r["id"], "title": r.get("title"), "headline": lines.get(r["id"]) or None,
                            "outlet": r.get("outlet"), "published": value, "language": r.get("language"),
                            "inferred": bool(value and not r.get("published") and r["id"] in inferred),
                            "_range": parse_date_range(value)}
        return out

    return st.reader.cached("list_docs", build)  # type: ignore[no-any-return]


def _entity_docs(st: Any) -> dict[str, set[str]]:
    return st.reader.cached(  # type: ignore[no-any-return]
        "list_entity_docs", lambda: {e["id"]: {m.get("doc") for m in e.get("mentions") or []} for e in st.picture().entities})


def _doc_entities(st: Any) -> dict[str, set[str]]:
    def build() -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for eid, docs in _entity_docs(st).items():
            for d in docs:
                out[d].add(eid)
        return dict(out)

    return st.reader.cached("list_doc_entities", build)  # type: ignore[no-any-return]


def _story_labels(st: Any) -> dict[str, str]:
    def build() -> dict[str, str]:
        docs = _docs_index(st)
        out = {}
        for s in st.picture().stories:
            first = next((docs[m["doc"]] for m in s.get("members") or [] if m.get("doc") in docs), None)
            out[s["id"]] = str(s.get("label") or (display_title(first) if first else "") or s["id"])
        return out

    return st.reader.cached("list_story_labels", build)  # type: ignore[no-any-return]


def _span(rows: Iterable[tuple[date, date] | None]) -> tuple[date, date] | None:
    got = [r for r in rows if r]
    return (min(r[0] for r in got), max(r[1] for r in got)) if got else None


def _period_text(rng: tuple[date, date] | None) -> str:
    if not rng:
        return ""
    a, b = human_date(rng[0].isoformat()), human_date(rng[1].isoformat())
    return a if a == b else f"{a} – {b}"


def _outlets_of(docs: Mapping[str, Row], ids: Iterable[Any]) -> list[str]:
    return sorted({docs[d]["outlet"] for d in ids if d in docs and docs[d].get("outlet")})


def _stories_of(st: Any, ids: Iterable[Any]) -> list[str]:
    by_doc = st.reader.doc_stories()
    return sorted({s for d in ids if d in by_doc for s in by_doc[d]})


def _date_of(value: Any) -> str:
    return str(value.get("value") or "") if isinstance(value, Mapping) else str(value or "")


def first_and_alone(docs: Mapping[str, Row], doc_ids: Iterable[Any]) -> tuple[list[str], str]:
    """The outlets that reported an item first (earliest publication day, when others reported it later) and
    the outlet that alone reported it ("" when several did)."""
    found = [d for d in dict.fromkeys(doc_ids) if d in docs]
    outlets = {docs[d].get("outlet") or "(unknown outlet)" for d in found}
    alone = next(iter(outlets)) if len(outlets) == 1 else ""
    dated = [(docs[d]["_range"][0], docs[d].get("outlet") or "(unknown outlet)") for d in found if docs[d]["_range"]]
    if len(outlets) < 2 or not dated:
        return [], alone
    earliest = min(day for day, _ in dated)
    first = sorted({o for day, o in dated if day == earliest})
    return (first if len(first) < len(outlets) else []), alone


# -- rows of each list -------------------------------------------------------------------------------
def _article_rows(st: Any) -> list[Row]:
    docs = _docs_index(st)
    by_doc = st.reader.doc_stories()
    labels = _story_labels(st)
    doc_ents = _doc_entities(st)
    links = st.links
    rows = []
    for d in docs.values():
        stories = by_doc.get(d["id"], [])
        rows.append({"id": d["id"], "title": display_title(d), "has_title": bool(d.get("title")), "outlet": d.get("outlet") or "",
                     "published": d.get("published") or "", "date": human_date(d.get("published")) if d.get("published") else "",
                     "date_inferred": d["inferred"], "language": d.get("language") or "", "story": stories[0] if stories else "",
                     "story_label": labels.get(stories[0], "") if stories else "", "_href": links.doc(d["id"]),
                     "_story_href": links.story(stories[0]) if stories else None, "_range": d["_range"], "_stories": stories,
                     "_outlets": [d["outlet"]] if d.get("outlet") else [], "_entities": doc_ents.get(d["id"], set()),
                     "_date_title": (d.get("published") or "") + (" (inferred)" if d["inferred"] else "")})
    return rows


def _story_rows(st: Any) -> list[Row]:
    pic = st.picture()
    docs = _docs_index(st)
    labels = _story_labels(st)
    doc_ents = _doc_entities(st)
    n_events, n_groups = _story_counts(st)
    rows = []
    for s in pic.stories:
        members = [m.get("doc") for m in s.get("members") or [] if m.get("doc") in docs]
        outlets = _outlets_of(docs, members)
        period = s.get("period") if isinstance(s.get("period"), Mapping) else {}
        rng = _span([parse_date_range(period.get("from")), parse_date_range(period.get("to"))]) if period else None
        rng = rng or _span(docs[m]["_range"] for m in members)
        rows.append({"id": s["id"], "label": labels.get(s["id"], s["id"]), "articles": len(members), "outlets": len(outlets),
                     "outlet_names": ", ".join(outlets[:6]) + (" …" if len(outlets) > 6 else ""),
                     "independent_sources": s.get("independent_sources"), "period": _period_text(rng),
                     "date_from": rng[0].isoformat() if rng else "", "date_to": rng[1].isoformat() if rng else "",
                     "events": n_events.get(s["id"], 0), "claim_groups": n_groups.get(s["id"], 0),
                     "_href": st.links.story(s["id"]), "_range": rng, "_stories": [s["id"]], "_outlets": outlets,
                     "_entities": set().union(*(doc_ents.get(m, set()) for m in members)) if members else set()})
    return rows


def _story_counts(st: Any) -> tuple[dict[str, int], dict[str, int]]:
    from lagebild.web.pages import _story_counts as counts

    return counts(st)


def _group_rows(st: Any) -> list[Row]:
    pic = st.picture()
    docs = _docs_index(st)
    labels = _story_labels(st)
    rows = []
    for g in pic.corpus.claim_groups:
        claims = [c for c in g.get("claims") or [] if isinstance(c, Mapping)]
        doc_ids = [c.get("doc") for c in claims]
        stories = [g["story"]] if g.get("story") else _stories_of(st, doc_ids)
        values = [c.get("value_text") or (str(c.get("value")) if c.get("value") is not None else "") for c in claims]
        values = list(dict.fromkeys(v for v in values if v))
        measure = g.get("measure")
        measure = measure.get("label") or measure.get("id") if isinstance(measure, Mapping) else measure
        first, alone = first_and_alone(docs, doc_ids)
        rows.append({"id": g.get("id") or "", "subject": str(g.get("subject") or g.get("unit") or g.get("id") or ""),
                     "unit": g.get("unit") or "", "measure": str(measure or ""), "relation": g.get("relation") or "single",
                     "claims": len(claims), "sources": len({d for d in doc_ids if d}), "values": " · ".join(values[:6]) + (" …" if len(values) > 6 else ""),
                     "independent_sources": g.get("independent_sources"), "story": stories[0] if stories else "",
                     "story_label": labels.get(stories[0], "") if stories else "",
                     "_href": st.links.claim_group(g.get("id")), "_story_href": st.links.story(stories[0]) if stories else None,
                     "_range": _span(docs[d]["_range"] for d in doc_ids if d in docs), "_stories": stories,
                     "_outlets": _outlets_of(docs, doc_ids), "first_reported_by": ", ".join(first),
                     "_first": first, "_alone": alone,
                     "_entities": set(g.get("subject_entities") or [])})
    return rows


def _event_rows(st: Any) -> list[Row]:
    pic = st.picture()
    docs = _docs_index(st)
    labels = _story_labels(st)
    rows = []
    for e in pic.corpus.events:
        sources = list(dict.fromkeys(list(e.get("sources") or []) + [m.get("doc") for m in e.get("mentions") or []]))
        stories = [e["story"]] if e.get("story") else _stories_of(st, sources)
        value = _date_of(e.get("date"))
        first, alone = first_and_alone(docs, sources)
        rows.append({"id": e.get("id") or "", "label": str(e.get("label") or e.get("id") or ""), "type": e.get("type") or "",
                     "date": readable_value(value) if value else "undated", "date_value": value,
                     "sources": len([s for s in sources if s]), "independent_sources": e.get("independent_sources"),
                     "conflict": bool(e.get("conflict")), "story": stories[0] if stories else "",
                     # the story's main happening; a mention dated after its own article ("date_after_publication")
                     "central": bool(e.get("central")),
                     "date_after_article": any(m.get("inconsistency") for m in e.get("mentions") or []),
                     "story_label": labels.get(stories[0], "") if stories else "",
                     "_href": st.links.event(e.get("id")), "_story_href": st.links.story(stories[0]) if stories else None,
                     "_range": parse_date_range(value), "_stories": stories, "_outlets": _outlets_of(docs, sources),
                     "first_reported_by": ", ".join(first), "_first": first,
                     "_alone": alone,
                     "_entities": set(e.get("participants") or []) | set(e.get("agents") or []), "_date_title": value})
    return rows


def _entity_rows(st: Any) -> list[Row]:
    pic = st.picture()
    docs = _docs_index(st)
    rows = []
    by_id = pic.entity_by_id
    for e in pic.entities:
        doc_ids = {m.get("doc") for m in e.get("mentions") or []}
        aliases = [a for a in e.get("aliases") or [] if a != e.get("name")]
        rows.append({"id": e.get("id") or "", "name": str(e.get("name") or e.get("id") or ""), "type": e.get("type") or "",
                     "mentions": len(e.get("mentions") or []), "articles": len(doc_ids),
                     "aliases": ", ".join(aliases[:5]) + (f" (+{len(aliases) - 5})" if len(aliases) > 5 else ""),
                     "could_be": could_be_text(e, by_id), "_href": st.links.entity(e.get("id")), "_stories": _stories_of(st, doc_ids),
                     "_outlets": _outlets_of(docs, doc_ids), "_range": _span(docs[d]["_range"] for d in doc_ids if d in docs),
                     "_entities": {e.get("id")}})
    return rows


def _annotation_rows(st: Any, kind: str) -> list[Row]:
    pic = st.picture()
    docs = _docs_index(st)
    by_doc = st.reader.doc_stories()
    labels = _story_labels(st)
    mention_entity = pic.mention_entity
    links = st.links
    rows = []
    with st.lock:
        stored = list(st.store.iter_annotations(kind))
    for r in stored:
        data = r.get("data") or {}
        doc_id = r["doc"]
        meta = docs.get(doc_id, {"id": doc_id, "_range": None})
        stories = by_doc.get(doc_id, [])
        row: Row = {"id": f"{doc_id}#{r['ann']}", "doc": doc_id, "doc_title": display_title(meta), "outlet": meta.get("outlet") or "",
                    "published": meta.get("published") or "", "date": human_date(meta.get("published")) if meta.get("published") else "",
                    "date_inferred": bool(meta.get("inferred")), "story": stories[0] if stories else "", "story_label": labels.get(stories[0], "") if stories else "",
                    "start": r.get("start"), "end": r.get("end"),
                    "_href": links.doc(doc_id, start=r.get("start"), end=r.get("end")), "_doc_href": links.doc(doc_id),
                    "_story_href": links.story(stories[0]) if stories else None, "_range": meta.get("_range"), "_stories": stories,
                    "_outlets": [meta["outlet"]] if meta.get("outlet") else [], "_date_title": meta.get("published") or ""}
        if kind == "quote":
            speaker = str(data.get("speaker_text") or "").strip()
            ent = speaker_entity(data, doc_id, mention_entity)
            row.update({"speaker": speaker or "unknown speaker", "speaker_entity": ent or "", "type": r.get("label") or "",
                        "quote": unquote(r.get("text")), "mood": data.get("mood") or "",
                        "_speaker_href": links.entity(ent) if ent else (links.list("quotes", speaker=speaker) if speaker else None),
                        "_entities": {ent} if ent else set()})
        else:
            claimant_ann = data.get("claimant_ann")
            claimant_ent = mention_entity.get(f"{doc_id}#{claimant_ann}") if isinstance(claimant_ann, str) else None
            subjects = {mention_entity.get(f"{doc_id}#{a}") for a in data.get("subject_anns") or [] if isinstance(a, str)}
            measure = data.get("measure")
            measure = (measure.get("label") or measure.get("id")) if isinstance(measure, Mapping) else measure
            time = data.get("time") if data.get("time") is not None else data.get("ref_time")
            group = pic.claim_group_of.get(row["id"]) or pic.claim_group_of.get((doc_id, r.get("start"), r.get("end")))
            value = data.get("value_text") or (data.get("value") if data.get("value") is not None else "")
            row.update({"claim": str(r.get("text") or ""), "value": str(value), "unit": data.get("unit") or "",
                        "measure": str(measure or ""), "scope": str(data.get("scope") or "") if not isinstance(data.get("scope"), Mapping)
                        else str(data["scope"].get("label") or data["scope"].get("text") or ""),
                        "time": readable_value(time) if time else "", "claimant": str(data.get("claimant_text") or ""),
                        "group": group or "", "_group_href": links.claim_group(group) if group else None,
                        "_claimant_href": links.entity(claimant_ent) if claimant_ent else None,
                        "_entities": ({claimant_ent} if claimant_ent else set()) | {s for s in subjects if s}})
        rows.append(row)
    return rows


def _inconsistency_rows(st: Any) -> list[Row]:
    """Inconsistencies within one article (stored annotations) and across articles (the corpus result)."""
    pic = st.picture()
    docs = _docs_index(st)
    labels = _story_labels(st)
    links = st.links
    with st.lock:
        stored = list(st.store.iter_annotations("inconsistency"))
    items: list[tuple[dict[str, Any], list[Mapping[str, Any]]]] = []
    for r in stored:
        data = r.get("data") or {}
        items.append(({"id": f"{r['doc']}#{r['ann']}", "type": r.get("label") or "inconsistency", "reason": data.get("reason")},
                      [{"doc": r["doc"], "start": r.get("start"), "end": r.get("end"), "text": r.get("text")}]))
    for i, x in enumerate(pic.corpus.inconsistencies):
        if not isinstance(x, Mapping):
            continue
        spans = [sp for sp in x.get("spans") or [] if isinstance(sp, Mapping) and sp.get("doc")]
        if not spans and x.get("doc"):
            spans = [{"doc": x["doc"], "start": x.get("start"), "end": x.get("end"), "text": x.get("text")}]
        items.append(({"id": str(x.get("id") or f"corpus-{i}"), "type": x.get("kind") or x.get("label") or "inconsistency",
                       "reason": x.get("reason")}, spans))
    rows = []
    for head, spans in items:
        doc_ids = [sp["doc"] for sp in spans]
        first = spans[0] if spans else {}
        stories = _stories_of(st, doc_ids)
        rows.append({**head, "reason": readable_text(head.get("reason") or ""), "where": str(first.get("text") or ""),
                     "doc": first.get("doc") or "", "articles": len(set(doc_ids)), "outlet": ", ".join(_outlets_of(docs, doc_ids)),
                     "story": stories[0] if stories else "", "story_label": labels.get(stories[0], "") if stories else "",
                     "_href": links.doc(first["doc"], start=first.get("start"), end=first.get("end")) if first else None,
                     "_story_href": links.story(stories[0]) if stories else None, "_stories": stories,
                     "_outlets": _outlets_of(docs, doc_ids), "_range": _span(docs[d]["_range"] for d in doc_ids if d in docs)})
    return rows


def _outlet_rows(st: Any, story: str | None = None) -> list[Row]:
    """Per outlet: articles, stories, and which events and claim groups it reported first or alone."""
    pic = st.picture()
    docs = _docs_index(st)
    by_doc = st.reader.doc_stories()
    members: set[str] | None = None
    if story:
        s = pic.story(story)
        members = {m.get("doc") for m in (s or {}).get("members") or []}
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    ranges: dict[str, list[Any]] = defaultdict(list)
    stories: dict[str, set[str]] = defaultdict(set)
    for d in docs.values():
        if members is not None and d["id"] not in members:
            continue
        o = d.get("outlet") or "(unknown outlet)"
        stats[o]["articles"] += 1
        ranges[o].append(d["_range"])
        stories[o].update(by_doc.get(d["id"], []))

    def credit(kind: str, doc_ids: Iterable[Any]) -> None:
        found = [d for d in dict.fromkeys(doc_ids) if d in docs and (members is None or d in members)]
        if not found:
            return
        first, alone = first_and_alone(docs, found)
        for o in {docs[d].get("outlet") or "(unknown outlet)" for d in found}:
            stats[o][kind] += 1
            stats[o][f"{kind}_first"] += o in first
            stats[o][f"{kind}_alone"] += o == alone

    for e in pic.corpus.events:
        credit("events", list(e.get("sources") or []) + [m.get("doc") for m in e.get("mentions") or []])
    for g in pic.corpus.claim_groups:
        credit("figures", [c.get("doc") for c in g.get("claims") or []])
    rows = []
    for o, c in stats.items():
        rng = _span(ranges[o])
        extra = {"story": story} if story else {}
        rows.append({"outlet": o, "articles": c["articles"], "stories": len(stories[o]), "period": _period_text(rng),
                     "events": c["events"], "events_first": c["events_first"], "events_alone": c["events_alone"],
                     "figures": c["figures"], "figures_first": c["figures_first"], "figures_alone": c["figures_alone"],
                     "_href": st.links.list("articles", outlet=o, **extra), "_range": rng, "_outlets": [o],
                     "_events_href": st.links.list("events", outlet=o, **extra), "_events_first_href": st.links.list("events", first=o, **extra),
                     "_events_alone_href": st.links.list("events", alone=o, **extra),
                     "_figures_href": st.links.list("claim-groups", outlet=o, min_claims="1", **extra),
                     "_figures_first_href": st.links.list("claim-groups", first=o, min_claims="1", **extra),
                     "_figures_alone_href": st.links.list("claim-groups", alone=o, min_claims="1", **extra),
                     "_quotes_href": st.links.list("quotes", outlet=o, **extra)})
    return rows


OUTLET_NOTE = ("“first” counts the events and figures (claim groups) an outlet reported on the earliest publication day among "
               "the outlets reporting them (ties count for each; items one outlet alone reported are not counted as first); "
               "“alone” counts those no other outlet reported.")


# -- the lists ---------------------------------------------------------------------------------------
def _by(key: str) -> Callable[[Row], Any]:
    return lambda r: (r.get(key) is None, r.get(key) if not isinstance(r.get(key), str) else r.get(key, "").casefold())


def _by_date(r: Row) -> Any:
    rng = r.get("_range")
    return (rng is None, rng[0].isoformat() if rng else "")


LISTS: dict[str, ListSpec] = {}


def _register(spec: ListSpec) -> None:
    LISTS[spec.name] = spec


_register(ListSpec(
    "stories", "Stories", "Groups of articles about the same story.", _story_rows,
    [_q_filter("label"), Filter("min_articles", "at least N articles", _int_test("articles"), help="stories with at least N articles"),
     _outlet_filter(), _entity_filter(), *_date_filters("period overlapping"), Filter("story", "story", _eq("id"), help="story id")],
    {"articles": _by("articles"), "outlets": _by("outlets"), "date": _by_date, "events": _by("events"),
     "claim_groups": _by("claim_groups"), "label": _by("label")},
    "-articles",
    [Column("label", "story", href="_href", css="story-card"), Column("articles", "articles", num=True), Column("outlets", "outlets", num=True),
     Column("period", "period"), Column("events", "events", num=True), Column("claim_groups", "claim groups", num=True),
     Column("outlet_names", "outlet names")],
    ["id", "label", "articles", "outlets", "independent_sources", "date_from", "date_to", "events", "claim_groups"],
    defaults={"min_articles": "2"}, default_note="single-article stories are hidden", timeline=True,
))
_register(ListSpec(
    "claim-groups", "Claim groups", "The same quantity reported in several places: corroborated, updated or contradicted.", _group_rows,
    [_q_filter("subject", "values"), Filter("min_claims", "at least N claims", _int_test("claims"), help="groups with at least N claims"),
     _story_filter(), Filter("relation", "relation", _eq("relation"), facet="relation"), Filter("unit", "unit", _eq("unit"), facet="unit"),
     Filter("measure", "measure", _eq("measure"), facet="measure"), _outlet_filter(), _first_filter(), _alone_filter(),
     _entity_filter(), *_date_filters("reported")],
    {"claims": _by("claims"), "sources": _by("sources"), "subject": _by("subject"), "relation": _by("relation"), "date": _by_date},
    "-claims",
    [Column("subject", "subject", href="_href"), Column("relation", "relation", css="relation"), Column("values", "values"),
     Column("unit", "unit"), Column("measure", "measure"), Column("claims", "claims", num=True), Column("sources", "sources", num=True),
     Column("first_reported_by", "first"), Column("story_label", "story", href="_story_href")],
    ["id", "subject", "relation", "unit", "measure", "claims", "sources", "independent_sources", "values", "first_reported_by", "story"],
    defaults={"min_claims": "2"}, default_note="single-claim groups are hidden",
))
_register(ListSpec(
    "claims", "Claims", "Every numeric claim, with the sentence that makes it.", lambda st: _annotation_rows(st, "claim"),
    [_q_filter("claim", "claimant"), _story_filter(), _outlet_filter(), Filter("unit", "unit", _eq("unit"), facet="unit"),
     Filter("measure", "measure", _eq("measure"), facet="measure"), Filter("claimant", "claimant", _contains("claimant")),
     _entity_filter(), Filter("group", "claim group", _eq("group")), Filter("doc", "article", _eq("doc")), *_date_filters("published")],
    {"date": _by_date, "value": _by("value"), "unit": _by("unit"), "outlet": _by("outlet"), "claimant": _by("claimant")},
    "-date",
    [Column("claim", "claim", href="_href", css="claim-link"), Column("value", "value", num=True), Column("unit", "unit"),
     Column("measure", "measure"), Column("time", "as of"), Column("claimant", "claimant", href="_claimant_href"),
     Column("outlet", "outlet", href="_doc_href"), Column("date", "published", title="_date_title"),
     Column("group", "group", href="_group_href")],
    ["id", "doc", "start", "end", "claim", "value", "unit", "measure", "scope", "time", "claimant", "group", "outlet", "published", "story"],
))
_register(ListSpec(
    "quotes", "Quotes", "Who said what: every quote and reported speech with its speaker.", lambda st: _annotation_rows(st, "quote"),
    [_q_filter("quote", "speaker"), _story_filter(), _outlet_filter(), Filter("speaker", "speaker", _contains("speaker")),
     _entity_filter(), Filter("type", "type", _eq("type"), facet="type"), Filter("doc", "article", _eq("doc")), *_date_filters("published")],
    {"date": _by_date, "speaker": _by("speaker"), "outlet": _by("outlet"), "type": _by("type")},
    "-date",
    [Column("speaker", "speaker", href="_speaker_href", css="speaker"), Column("quote", "quote", href="_href", css="quote"),
     Column("type", "type"), Column("outlet", "outlet", href="_doc_href"), Column("date", "published", title="_date_title"),
     Column("story_label", "story", href="_story_href")],
    ["id", "doc", "start", "end", "speaker", "speaker_entity", "type", "mood", "quote", "outlet", "published", "story"],
))
_register(ListSpec(
    "events", "Events", "What happened, when, according to which sources.", _event_rows,
    [_q_filter("label"), _story_filter(), Filter("type", "type", _eq("type"), facet="type"), _entity_filter(), _outlet_filter(),
     Filter("conflict", "conflicting dates", _bool("conflict"), facet="conflict"),
     Filter("central", "central event", _bool("central"), facet="central"),
     Filter("min_sources", "at least N sources", _int_test("sources")), _first_filter(), _alone_filter(), *_date_filters("happened")],
    {"date": _by_date, "sources": _by("sources"), "label": _by("label"), "type": _by("type")},
    "date",
    [Column("label", "event", href="_href"), Column("type", "type"), Column("date", "date", title="_date_title"),
     Column("sources", "sources", num=True), Column("first_reported_by", "first"), Column("conflict", "conflicting dates"),
     Column("central", "central"), Column("date_after_article", "date after its article"),
     Column("story_label", "story", href="_story_href")],
    ["id", "label", "type", "date_value", "date", "sources", "independent_sources", "first_reported_by", "conflict", "central",
     "date_after_article", "story"],
    timeline=True,
))
_register(ListSpec(
    "entities", "Entities", "People, organisations and places, with how often and where they are mentioned.", _entity_rows,
    [_q_filter("name", "aliases"), Filter("type", "type", _eq("type"), facet="type"), _story_filter(), _outlet_filter(),
     Filter("min_mentions", "at least N mentions", _int_test("mentions")), *_date_filters("mentioned")],
    {"mentions": _by("mentions"), "articles": _by("articles"), "name": _by("name"), "type": _by("type")},
    "-mentions",
    [Column("name", "name", href="_href"), Column("type", "type"), Column("mentions", "mentions", num=True),
     Column("articles", "articles", num=True), Column("aliases", "also called"), Column("could_be", "could be")],
    ["id", "name", "type", "mentions", "articles", "aliases", "could_be"],
))
_register(ListSpec(
    "articles", "Articles", "Every stored article; dates marked “inferred” were worked out from the text.", _article_rows,
    [_q_filter("title"), _story_filter(), _outlet_filter(), Filter("language", "language", _eq("language"), facet="language"),
     _entity_filter(), Filter("inferred", "inferred date", _bool("date_inferred"), facet="date_inferred"), *_date_filters("published")],
    {"date": _by_date, "title": _by("title"), "outlet": _by("outlet"), "id": _by("id")},
    "-date",
    [Column("title", "title", href="_href"), Column("outlet", "outlet"), Column("date", "published", title="_date_title"),
     Column("language", "language"), Column("story_label", "story", href="_story_href")],
    ["id", "title", "has_title", "outlet", "published", "date_inferred", "language", "story"],
    timeline=True,
))
_register(ListSpec(
    "inconsistencies", "Inconsistencies", "Where an article contradicts itself or the sources contradict each other, at the sentence.",
    _inconsistency_rows,
    [_q_filter("reason", "where"), _story_filter(), _outlet_filter(), Filter("type", "type", _eq("type"), facet="type"),
     Filter("doc", "article", _eq("doc")), *_date_filters("published")],
    {"date": _by_date, "type": _by("type"), "articles": _by("articles")},
    "-date",
    [Column("type", "type"), Column("where", "where", href="_href"), Column("reason", "why"), Column("outlet", "outlet"),
     Column("story_label", "story", href="_story_href")],
    ["id", "type", "where", "reason", "doc", "articles", "outlet", "story"],
))
_register(ListSpec(
    "outlets", "Outlets", "What each outlet covers. " + OUTLET_NOTE, lambda st: _outlet_rows(st),
    [_q_filter("outlet"), Filter("story", "story", lambda r, v: True, help="count only this story's articles")],
    {"articles": _by("articles"), "outlet": _by("outlet"), "events": _by("events"), "figures": _by("figures"),
     "events_first": _by("events_first"), "events_alone": _by("events_alone"), "figures_first": _by("figures_first"),
     "figures_alone": _by("figures_alone")},
    "-articles",
    [Column("outlet", "outlet", href="_href"), Column("articles", "articles", num=True), Column("stories", "stories", num=True),
     Column("period", "period"), Column("events", "events", num=True, href="_events_href"),
     Column("events_first", "first", num=True, href="_events_first_href"), Column("events_alone", "alone", num=True, href="_events_alone_href"),
     Column("figures", "figures", num=True, href="_figures_href"), Column("figures_first", "first", num=True, href="_figures_first_href"),
     Column("figures_alone", "alone", num=True, href="_figures_alone_href")],
    ["outlet", "articles", "stories", "period", "events", "events_first", "events_alone", "figures", "figures_first", "figures_alone"],
))


def spec_for(name: str) -> ListSpec:
    return LISTS[name]


def _rows(st: Any, spec: ListSpec, params: Mapping[str, str]) -> list[Row]:
    if spec.name == "outlets" and params.get("story"):
        if st.picture().story(params["story"]) is None:
            raise UnknownFilter(f"no story {params['story']!r}", [])
        return _outlet_rows(st, params["story"])
    return st.reader.cached(f"list_rows_{spec.name}", lambda: spec.build(st))  # type: ignore[no-any-return]


def warm_rows(st: Any, name: str) -> None:
    """Build (and cache) the rows of one list."""
    _rows(st, LISTS[name], {})


def parse_params(spec: ListSpec, items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The view's state from the query string; unknown names raise ``UnknownFilter``."""
    valid = spec.filter_names()
    params: dict[str, str] = {}
    unknown = []
    for key, value in items:
        if key in CONTROLS or key in valid:
            params[key] = value
        else:
            unknown.append(key)
    if unknown:
        names = ", ".join(sorted(set(unknown)))
        raise UnknownFilter(f"unknown filter {names} for /{spec.name}; valid filters: {', '.join(valid)} "
                            f"(and {', '.join(c for c in CONTROLS if c != 'token')})", valid + [c for c in CONTROLS if c != "token"])
    sort = params.get("sort")
    if sort and sort.lstrip("-") not in spec.sorts:
        raise UnknownFilter(f"cannot sort /{spec.name} by {sort!r}; sort by: {', '.join(spec.sorts)} (prefix - for descending)",
                            list(spec.sorts))
    return params


def list_result(st: Any, spec: ListSpec, items: Iterable[tuple[str, str]], *, all_rows: bool = False) -> dict[str, Any]:
    """Filter, facet, sort and page one list; return everything a page, the JSON or the CSV needs."""
    given = parse_params(spec, items)
    active = {**spec.defaults, **given}
    active = {k: v for k, v in active.items() if v != "" or k in given}
    rows = _rows(st, spec, active)
    tests = [(f, active[f.name]) for f in spec.filters if active.get(f.name) not in (None, "")]
    if spec.name == "outlets":
        tests = [(f, v) for f, v in tests if f.name != "story"]
    selected = [r for r in rows if all(f.test(r, v) for f, v in tests)]
    hidden_by_default = 0
    if any(k not in given for k in spec.defaults):
        relaxed = [(f, v) for f, v in tests if not (f.name in spec.defaults and f.name not in given)]
        hidden_by_default = sum(1 for r in rows if all(f.test(r, v) for f, v in relaxed)) - len(selected)
    sort = active.get("sort") or spec.default_sort
    key = spec.sorts[sort.lstrip("-")]
    selected.sort(key=key, reverse=sort.startswith("-"))
    if sort.startswith("-"):  # rows without the value stay last in both directions
        selected = [r for r in selected if not key(r)[0]] + [r for r in selected if key(r)[0]]
    try:
        limit = max(1, min(int(active.get("limit") or 50), 100_000 if all_rows else MAX_LIMIT))
        offset = max(0, int(active.get("offset") or 0))
    except ValueError:
        raise UnknownFilter("limit and offset must be whole numbers", []) from None
    if all_rows and "limit" not in given:
        limit = len(selected) or 1
    facets = []
    for f in spec.filters:
        if not f.facet:
            continue
        counts: Counter[str] = Counter()
        for r in selected:
            v = r.get(f.facet)
            for x in (v if isinstance(v, (list, set, tuple, frozenset)) else [v]):
                if x not in (None, ""):
                    counts[str(x).lower() if isinstance(x, bool) else str(x)] += 1
        if counts:
            facets.append({"name": f.name, "label": f.label, "values": counts.most_common(12), "more": max(0, len(counts) - 12)})
    return {"spec": spec, "given": given, "active": active, "total": len(selected), "all_total": len(rows),
            "hidden_by_default": hidden_by_default, "limit": limit, "offset": offset, "sort": sort,
            "rows": selected[offset : offset + limit], "facets": facets, "selected": selected}


def public(row: Row) -> Row:
    """A row as the JSON and the CSV give it (internal keys left out, sets as sorted lists)."""
    out = {}
    for k, v in row.items():
        if k.startswith("_"):
            continue
        out[k] = sorted(v) if isinstance(v, (set, frozenset)) else v
    return out


def view_url(base: str, state: Mapping[str, str], **changes: Any) -> str:
    """The URL of the view with some parameters changed (``None`` removes one)."""
    params = {k: v for k, v in state.items() if k != "token"}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    if "offset" in params and params["offset"] in ("0", ""):
        params.pop("offset")
    return base + ("?" + urlencode(params) if params else "")


def day_histogram(selected: list[Row], *, most: int = 120) -> list[dict[str, Any]]:
    """Rows per day (or per month/year when the days are too many), for the time axis above a list."""
    days: Counter[str] = Counter()
    for r in selected:
        rng = r.get("_range")
        if rng:  # a period counts on its first day
            days[rng[0].isoformat()] += 1
    if not days:
        return []
    for width in (10, 7, 4):
        if len({d[:width] for d in days}) <= most or width == 4:
            buckets: Counter[str] = Counter()
            for d, n in days.items():
                buckets[d[:width]] += n
            top = max(buckets.values())
            return [{"key": k, "label": human_date(k), "n": n, "pct": round(100 * n / top, 1), "text": plural(n, "item")}
                    for k, n in sorted(buckets.items())]
    return []
