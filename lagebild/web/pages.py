"""The web UI: server-rendered pages built from the report's templates (no scripts)."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from lagebild.model import Span
from lagebild.report.html import render_page, render_report
from lagebild.report.view import (
    article_view,
    entity_view,
    parse_date_range,
    quote_items,
)
from lagebild.web.api import DATE_PATTERN, State, story_page_view
from lagebild.web.lists import list_result
from lagebild.web.reader import mention_span
from lagebild.web.search import run_search

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def _html(template: str, st: Any, **context: Any) -> HTMLResponse:
    return HTMLResponse(render_page(template, st.links, title=context.pop("title", "lagebild"), **context))


@router.get("/static/style.css")
def style() -> Response:
    css = resources.files("lagebild.report").joinpath("templates/style.css").read_text("utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=300"})


def _story_counts(st: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Timeline entries and claim groups per story (by their ``story`` key, else by their articles)."""

    def build() -> tuple[dict[str, int], dict[str, int]]:
        pic = st.picture()
        doc_stories = st.reader.doc_stories()

        def touched(doc_ids: Any) -> set[str]:
            return {s for d in doc_ids if d in doc_stories for s in doc_stories[d]}

        n_events: Counter[str] = Counter()
        for e in pic.corpus.timeline:
            for sid in ({e["story"]} if e.get("story") else touched(set(e.get("sources") or []))):
                n_events[sid] += 1
        n_groups: Counter[str] = Counter()
        for g in pic.corpus.claim_groups:
            for sid in ({g["story"]} if g.get("story") else touched({c.get("doc") for c in g.get("claims") or []})):
                n_groups[sid] += 1
        return dict(n_events), dict(n_groups)

    return st.reader.cached("story_counts", build)  # type: ignore[no-any-return]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, st: State) -> Response:
    return list_view(request, st, "stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(st: State, story_id: str) -> HTMLResponse:
    found = story_page_view(st, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    pic, view = found
    members = [m["id"] for m in view["members"]]
    with st.lock:
        rows = list(st.store.iter_annotations("quote", docs=members))
    view["quotes"] = quote_items(pic, rows, st.links)
    return _html("story.html.j2", st, title=view["story"].get("label") or story_id, pic=pic, v=view)


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(st: State, doc_id: str, start: Annotated[int | None, Query(ge=0)] = None,
                 end: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    pic = st.picture()
    doc = st.reader.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    highlight = (start, end) if start is not None and end is not None and end > start else None
    view = article_view(pic, doc, st.links, highlight=highlight)
    return _html("article.html.j2", st, title=view["doc"].get("title") or doc_id, pic=pic, a=view)


def _entity_documents(st: Any, pic: Any, entity_id: str) -> dict[str, Any]:
    """The parsed articles that may hold quotes or claims by or about the entity (a superset, read from the annotation rows)."""
    ent = st.reader.entity_index().get(entity_id) or {}
    doc_ids = sorted({m.get("doc") for m in ent.get("mentions") or [] if isinstance(m.get("doc"), str)})
    if not doc_ids:
        return {}
    known = set(doc_ids)
    mine: dict[str, set[str]] = {}
    for gid, eid in pic.mention_entity.items():
        if eid != entity_id:
            continue
        # "<doc>#<annotation>": annotation ids may hold "#" themselves, so try each split
        cut = gid.find("#")
        while cut >= 0 and gid[:cut] not in known:
            cut = gid.find("#", cut + 1)
        if cut >= 0:
            mine.setdefault(gid[:cut], set()).add(gid[cut + 1 :])
    candidates: set[str] = set()
    with st.lock:
        for kind in ("quote", "claim"):
            for row in st.store.iter_annotations(kind, docs=doc_ids):
                if row["doc"] in candidates:
                    continue
                data = row["data"]
                anns = mine.get(row["doc"], set())
                refs = [data.get("speaker_ann"), *(data.get("speaker_anns") or []), data.get("claimant_ann"), *(data.get("subject_anns") or [])]
                if any(isinstance(r, str) and r in anns for r in refs):
                    candidates.add(row["doc"])
                    continue
                span = data.get("speaker_span") or data.get("claimant_span")
                if span and anns:
                    spans = [mention_span(a) for a in anns]
                    if any(s is None for s in spans) or any(Span(*span).overlaps(Span(*s)) for s in spans if s is not None):
                        candidates.add(row["doc"])
    return st.reader.documents(sorted(candidates))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(st: State, entity_id: str) -> HTMLResponse:
    pic = st.picture()
    ent = st.reader.entity_index().get(entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    pic.docs.load(m.get("doc") for m in ent.get("mentions") or [])  # type: ignore[attr-defined]  # DocMetas
    view = entity_view(pic, entity_id, _entity_documents(st, pic, entity_id), st.links)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return _html("entity.html.j2", st, title=view["entity"].get("name") or entity_id, pic=pic, v=view)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, st: State, q: Annotated[str, Query(max_length=500)] = "", outlet: str = "",
                date_from: str = "", date_to: str = "", entity: str = "", offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> HTMLResponse:
    import re

    pic = st.picture()
    error = None
    for name, value in (("from", date_from), ("to", date_to)):
        if value and (not re.match(DATE_PATTERN, value) or parse_date_range(value) is None):
            error = f"ignored the '{name}' date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD"
    f = {"outlet": outlet or None, "entity": entity or None,
         "date_from": date_from if date_from and re.match(DATE_PATTERN, date_from) else None,
         "date_to": date_to if date_to and re.match(DATE_PATTERN, date_to) else None}
    results: list[dict[str, Any]] = []
    has_more = False
    if q.strip() or entity:
        results, has_more = run_search(st, q, limit=PAGE_SIZE, offset=offset, **f)
    base = {k: v for k, v in {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity}.items() if v}
    with st.lock:
        outlets = st.store.outlets()
    entity_options = sorted(pic.entities, key=lambda e: -len(e.get("mentions") or []))[:300]
    return _html(
        "search.html.j2", st, title="Search", pic=pic, q=q, f=f, results=results, has_more=has_more, offset=offset, error=error,
        outlets=outlets, entity_options=entity_options,
        next_url="/search?" + urlencode({**base, "offset": offset + PAGE_SIZE}),
        prev_url="/search?" + urlencode({**base, "offset": max(0, offset - PAGE_SIZE)}),
    )


@router.get("/report.html", response_class=HTMLResponse)
def report_page(st: State) -> HTMLResponse:
    with st.lock:
        html = render_report(st.store)
    return HTMLResponse(html, headers={"Content-Disposition": 'inline; filename="report.html"'})


# -- list views ------------------------------------------------------------------------------------
_NOUNS = {"stories": ("story", "stories"), "claim-groups": ("claim group", "claim groups"), "claims": ("claim", "claims"),
          "quotes": ("quote", "quotes"), "events": ("event", "events"), "entities": ("entity", "entities"),
          "articles": ("article", "articles"), "outlets": ("outlet", "outlets"),
          "inconsistencies": ("inconsistency", "inconsistencies")}


def _csv_text(columns: list[str], rows: list[dict[str, Any]]) -> str:
    import csv
    import io

    from lagebild.export.csv_export import safe_cell

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return out.getvalue()


def list_view(request: Request, st: Any, name: str, fmt: str = "html") -> Response:
    """One list view as HTML, JSON (one page, with the URLs of the neighbouring pages) or CSV (every selected row)."""
    from lagebild.web.lists import LISTS, day_histogram, public, view_url

    spec = LISTS[name]
    items = list(request.query_params.multi_items())
    r = list_result(st, spec, items, all_rows=fmt == "csv")
    base = st.links.list(name)
    state = {k: v for k, v in r["given"].items() if k != "token"}

    def url(**changes: Any) -> str:
        return view_url(base, state, **changes)

    if fmt == "json":
        nxt = url(offset=r["offset"] + r["limit"]) if r["offset"] + r["limit"] < r["total"] else None
        nxt = nxt.replace(base, base + ".json", 1) if nxt else None
        return JSONResponse({"ok": True, "list": name, "total": r["total"], "limit": r["limit"], "offset": r["offset"],
                             "sort": r["sort"], "filters": {k: v for k, v in r["active"].items() if k not in ("sort", "limit", "offset", "token")},
                             "hidden_by_default": r["hidden_by_default"], "next": nxt,
                             "facets": {f["name"]: dict(f["values"]) for f in r["facets"]}, "items": [public(x) for x in r["rows"]]})
    if fmt == "csv":
        return Response(_csv_text(spec.csv_columns, r["rows"]), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    show_all = {k: "1" if k.startswith("min_") else "" for k in spec.defaults}
    labels = _story_labels_for(st)
    filter_labels = {f.name: f.label for f in spec.filters}

    def facet_label(fname: str, value: str) -> str:
        if fname == "story":
            return labels.get(value, value)
        return value

    chips = [{"label": filter_labels.get(k, k), "value": facet_label(k, v), "remove": url(**{k: "" if k in spec.defaults else None, "offset": None})}
             for k, v in r["active"].items() if k in filter_labels and v not in ("", None)]
    hist = day_histogram(r["selected"]) if spec.timeline else []
    # The same story/outlet/entity/date selection in the other lists (the time axis filters them all).
    carried = {k: v for k, v in r["given"].items() if k in ("story", "outlet", "entity", "date_from", "date_to") and v}
    related = []
    if carried:
        for other, other_spec in LISTS.items():
            names = set(other_spec.filter_names())
            if other == name or not set(carried) <= names:
                continue
            related.append({"label": other_spec.title, "href": view_url(st.links.list(other), carried)})
    one, many = _NOUNS.get(name, ("item", "items"))

    def url_as(suffix: str) -> str:
        return view_url(base + suffix, state)

    return _html("list.html.j2", st, title=spec.title, spec=spec, r=r, url=url, url_as=url_as, chips=chips, show_all=show_all,
                 facet_label=facet_label, hist=hist, related=related, hist_unit="day" if hist and len(hist[0]["key"]) == 10 else "period",
                 noun=one, nouns=many)


def _story_labels_for(st: Any) -> dict[str, str]:
    from lagebild.web.lists import _story_labels

    return _story_labels(st)


def _register_lists() -> None:
    from lagebild.web.lists import LISTS

    for list_name in LISTS:
        for suffix, fmt in (("", "html"), (".json", "json"), (".csv", "csv")):
            router.add_api_route(f"/{list_name}{suffix}", _list_endpoint(list_name, fmt), methods=["GET"], include_in_schema=False,
                                 name=f"list-{list_name}{suffix}")


def _list_endpoint(name: str, fmt: str) -> Any:
    def endpoint(request: Request, st: State) -> Response:
        return list_view(request, st, name, fmt)

    return endpoint


_register_lists()


@router.get("/claim-groups/{group_id}", response_class=HTMLResponse)
def claim_group_page(st: State, group_id: str) -> HTMLResponse:
    pic = st.picture()
    group = next((g for g in pic.corpus.claim_groups if g.get("id") == group_id), None)
    if group is None:
        raise HTTPException(404, f"no claim group {group_id!r}")
    pic.docs.load(c.get("doc") for c in group.get("claims") or [])  # type: ignore[attr-defined]  # DocMetas
    story = pic.story(group["story"]) if group.get("story") else None
    return _html("claim_group.html.j2", st, title=str(group.get("subject") or group_id), pic=pic, g=group, story=story,
                 story_label=_story_labels_for(st).get(story["id"], "") if story else "")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(st: State, event_id: str) -> HTMLResponse:
    pic = st.picture()
    event = next((e for e in pic.corpus.events if e.get("id") == event_id), None)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    pic.docs.load(m.get("doc") for m in event.get("mentions") or [])  # type: ignore[attr-defined]  # DocMetas
    story = pic.story(event["story"]) if event.get("story") else None
    index = st.reader.entity_index()
    participants = [{"id": p, "name": (index.get(p) or {}).get("name") or p} for p in event.get("participants") or [] if isinstance(p, str)]
    return _html("event.html.j2", st, title=str(event.get("label") or event_id), pic=pic, e=event, story=story, participants=participants,
                 story_label=_story_labels_for(st).get(story["id"], "") if story else "")


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(t for t in (_schema_type(s) for s in schema["anyOf"]) if t != "null") or "any"
    kind = str(schema.get("type") or "any")
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    if schema.get("pattern"):
        bounds.append(f"pattern {schema['pattern']}")
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def api_operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of an OpenAPI schema as rows for the static API page."""
    ops = []
    for path, methods in sorted((schema.get("paths") or {}).items()):
        for method, op in methods.items():
            if not isinstance(op, dict):
                continue
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "type": _schema_type(p.get("schema") or {}), "description": p.get("description") or (p.get("schema") or {}).get("description") or ""}
                      for p in op.get("parameters") or []]
            body = list(((op.get("requestBody") or {}).get("content") or {}).keys())
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "", "description": op.get("description") or "",
                        "params": params, "body": body, "anchor": (method + path).replace("/", "-").replace("{", "").replace("}", "")})
    return ops


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, st: State) -> HTMLResponse:
    from lagebild.web.lists import LISTS

    return _html("docs.html.j2", st, title="API", ops=api_operations(request.app.openapi()), lists=list(LISTS.values()))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, st: State) -> HTMLResponse:
    from lagebild.web.lists import UnknownFilter
    from lagebild.web.timeaxis import time_axis

    valid = ["story", "top", "token"]
    unknown = sorted(set(request.query_params) - set(valid))
    if unknown:
        raise UnknownFilter(f"unknown filter {', '.join(unknown)} for /timeline; valid filters: story, top", valid[:2])
    story = request.query_params.get("story") or None
    if story and st.picture().story(story) is None:
        raise HTTPException(404, f"no story {story!r}")
    try:
        top = max(1, min(100, int(request.query_params.get("top") or 20)))
    except ValueError:
        raise UnknownFilter("top must be a whole number", ["top"]) from None
    return _html("timeaxis.html.j2", st, title="Time axis", t=time_axis(st, st.links, top=top, story=story), story=story)
