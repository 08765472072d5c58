"""The web UI: server-rendered pages built from the report's templates (no scripts)."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from lagebild.report.html import render_page, render_report
from lagebild.report.view import article_view, entity_view, parse_date_range, story_view
from lagebild.web.api import DATE_PATTERN, State
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


@router.get("/", response_class=HTMLResponse)
def stories_page(st: State) -> HTMLResponse:
    pic, _ = st.picture()
    cards = []
    for story in pic.stories:
        members = [pic.docs[m["doc"]] for m in story.get("members") or [] if m.get("doc") in pic.docs]
        dates = sorted(d["published"]["value"][:10] for d in members if (d.get("published") or {}).get("value"))
        outlets = sorted({d["outlet"] for d in members if d.get("outlet")})
        ids = {d["id"] for d in members}
        n_events = sum(1 for e in pic.corpus.timeline if e.get("story") == story["id"] or (not e.get("story") and ids & set(e.get("sources") or [])))
        n_groups = sum(1 for g in pic.corpus.claim_groups
                       if g.get("story") == story["id"] or (not g.get("story") and ids & {c.get("doc") for c in g.get("claims") or []}))
        period = story.get("period") or {}
        cards.append({**story, "n_members": len(members), "date_from": period.get("from") or (dates[0] if dates else None),
                      "date_to": period.get("to") or (dates[-1] if dates else None), "outlets": outlets[:8],
                      "titles": [d.get("title") or d["id"] for d in members[:4]], "n_events": n_events, "n_groups": n_groups})
    return _html("stories.html.j2", st, title="Stories", pic=pic, stories=cards, n_docs=len(pic.docs))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(st: State, story_id: str) -> HTMLResponse:
    pic, _ = st.picture()
    view = story_view(pic, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return _html("story.html.j2", st, title=view["story"].get("label") or story_id, pic=pic, v=view)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(st: State) -> HTMLResponse:
    pic, _ = st.picture()
    docs = sorted(pic.docs.values(), key=lambda d: ((d.get("published") or {}).get("value") or "", d["id"]))
    return _html("articles.html.j2", st, title="Articles", pic=pic, docs=docs)


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(st: State, doc_id: str, start: Annotated[int | None, Query(ge=0)] = None,
                 end: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    pic, docs = st.picture()
    doc = docs.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    highlight = (start, end) if start is not None and end is not None and end > start else None
    view = article_view(pic, doc, st.links, highlight=highlight)
    return _html("article.html.j2", st, title=view["doc"].get("title") or doc_id, pic=pic, a=view)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(st: State) -> HTMLResponse:
    pic, _ = st.picture()
    return _html("entities.html.j2", st, title="Entities", pic=pic)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(st: State, entity_id: str) -> HTMLResponse:
    pic, docs = st.picture()
    view = entity_view(pic, entity_id, docs, st.links)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return _html("entity.html.j2", st, title=view["entity"].get("name") or entity_id, pic=pic, v=view)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(st: State) -> HTMLResponse:
    pic, _ = st.picture()
    return _html("claims.html.j2", st, title="Claims and events", pic=pic)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, st: State, q: Annotated[str, Query(max_length=500)] = "", outlet: str = "",
                date_from: str = "", date_to: str = "", entity: str = "", offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> HTMLResponse:
    import re

    pic, _ = st.picture()
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
        with st.lock:
            results, has_more = run_search(st.store, pic, q, limit=PAGE_SIZE, offset=offset, **f)
    base = {k: v for k, v in {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity}.items() if v}
    outlets = sorted({d.get("outlet") for d in pic.docs.values() if d.get("outlet")})
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
