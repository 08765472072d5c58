"""REST API under ``/api``: the same resources as the UI, with paging (limit/offset) and filters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from lagebild.export.json_export import annotation_json, build_export, document_json
from lagebild.report.view import Picture, parse_date_range, story_view
from lagebild.web.app import WebState
from lagebild.web.ingest import ArticleIn, IngestIn, ingest_articles
from lagebild.web.search import run_search

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateQ = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=500)]


def state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


State = Annotated[WebState, Depends(state)]


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """Return one page of ``items`` in the list envelope."""
    return {"ok": True, "total": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


def _picture(st: WebState) -> tuple[Picture, dict[str, Any]]:
    return st.picture()


def _in_story(pic: Picture, story: str | None) -> set[str] | None:
    if not story:
        return None
    s = pic.story(story)
    if s is None:
        raise HTTPException(404, f"no story {story!r}")
    return {m.get("doc") for m in s.get("members") or []}


def _date_ok(value: Any, date_from: str | None, date_to: str | None) -> bool:
    if not (date_from or date_to):
        return True
    rng = parse_date_range(value)
    if rng is None:
        return False
    lo = parse_date_range(date_from) if date_from else None
    hi = parse_date_range(date_to) if date_to else None
    return (lo is None or rng[1] >= lo[0]) and (hi is None or rng[0] <= hi[1])


def _filtered(items: Iterable[dict[str, Any]], *tests: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    return [i for i in items if all(t(i) for t in tests)]


@router.get("", summary="List the API's resources")
def index() -> dict[str, Any]:
    return {"ok": True, "schema": "/openapi.json", "resources": [
        "/api/documents", "/api/entities", "/api/stories", "/api/events", "/api/timeline", "/api/claims",
        "/api/claim-groups", "/api/quotes", "/api/inconsistencies", "/api/search", "/api/export", "/api/ingest"]}


@router.get("/health", summary="Check that the server and its store answer")
def health(st: State) -> dict[str, Any]:
    with st.lock:
        n = len(st.store.document_ids())
    return {"ok": True, "documents": n}


@router.get("/documents", summary="List documents (metadata, no text)")
def documents(st: State, limit: Limit = 50, offset: Offset = 0, outlet: Text = None, language: Text = None,
              story: Text = None, date_from: DateQ = None, date_to: DateQ = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    members = _in_story(pic, story)
    items = _filtered(
        sorted(pic.docs.values(), key=lambda d: d["id"]),
        lambda d: not outlet or d.get("outlet") == outlet,
        lambda d: not language or d.get("language") == language,
        lambda d: members is None or d["id"] in members,
        lambda d: _date_ok(d.get("published"), date_from, date_to),
    )
    return page(items, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its text and annotations")
def document(st: State, doc_id: str, kinds: Annotated[str | None, Query(max_length=200, description="comma-separated annotation kinds")] = None,
             original: bool = False) -> dict[str, Any]:
    with st.lock:
        doc = st.store.get_document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        corpus = st.store.load_corpus()
        item = document_json(doc, st.store.sources(doc_id), corpus)
    wanted = {k.strip() for k in kinds.split(",")} if kinds else None
    item["annotations"] = [annotation_json(doc, a, corpus) for a in doc.annotations if wanted is None or a.kind in wanted]
    if original:
        item["original"] = doc.original
    return {"ok": True, "item": item}


@router.get("/entities", summary="List entities with mention counts")
def entities(st: State, limit: Limit = 50, offset: Offset = 0, type: Text = None, q: Text = None, doc: Text = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    needle = (q or "").casefold()
    items = _filtered(
        pic.entities,
        lambda e: not type or (e.get("type") or "").lower() == type.lower(),
        lambda e: not needle or needle in (e.get("name") or "").casefold() or any(needle in a.casefold() for a in e.get("aliases") or []),
        lambda e: not doc or any(m.get("doc") == doc for m in e.get("mentions") or []),
    )
    out = [{**e, "mention_count": len(e.get("mentions") or [])} for e in items]
    return page(out, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity with all its mentions")
def entity(st: State, entity_id: str) -> dict[str, Any]:
    pic, _ = _picture(st)
    ent = pic.entity_by_id.get(entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return {"ok": True, "item": {**ent, "mention_count": len(ent.get("mentions") or [])}}


@router.get("/stories", summary="List stories")
def stories(st: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    pic, _ = _picture(st)
    return page(pic.stories, limit, offset)


@router.get("/stories/{story_id}", summary="One story: members, timeline, claim groups, entities, coverage")
def story(st: State, story_id: str) -> dict[str, Any]:
    pic, _ = _picture(st)
    view = story_view(pic, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return {"ok": True, "item": {
        "story": view["story"], "members": view["members"], "timeline": view["timeline"], "claim_groups": view["claim_groups"],
        "events": view["events"], "entities": [{k: v for k, v in e.items() if k != "mentions"} for e in view["entities"]],
        "coverage": {k: v for k, v in view["coverage"].items() if k != "extra"}, "inconsistencies": view["inconsistencies"]}}


@router.get("/events", summary="List events")
def events(st: State, limit: Limit = 50, offset: Offset = 0, story: Text = None, type: Text = None, entity: Text = None,
           doc: Text = None, conflict: bool | None = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    members = _in_story(pic, story)
    items = _filtered(
        pic.corpus.events,
        lambda e: members is None or bool(members & set(e.get("sources") or [])),
        lambda e: not type or e.get("type") == type,
        lambda e: not entity or entity in (e.get("participants") or []),
        lambda e: not doc or doc in (e.get("sources") or []),
        lambda e: conflict is None or bool(e.get("conflict")) == conflict,
    )
    return page(items, limit, offset)


@router.get("/timeline", summary="The merged timeline (events in date order)")
def timeline(st: State, limit: Limit = 200, offset: Offset = 0, story: Text = None, date_from: DateQ = None,
             date_to: DateQ = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    members = _in_story(pic, story)
    items = _filtered(
        pic.corpus.timeline,
        lambda t: members is None or bool(members & set(t.get("sources") or [e.get("doc") for e in t.get("evidence") or []])),
        lambda t: _date_ok(t.get("date"), date_from, date_to),
    )
    return page(items, limit, offset)


def _annotations(st: State, kind: str) -> list[dict[str, Any]]:
    pic, docs = st.picture()
    return [annotation_json(d, a, pic.corpus) for d in sorted(docs.values(), key=lambda d: d.id) for a in d.annotations if a.kind == kind]


@router.get("/claims", summary="List numeric claims (one per sentence that makes them)")
def claims(st: State, limit: Limit = 50, offset: Offset = 0, doc: Text = None, unit: Text = None, claimant: Text = None,
           q: Text = None) -> dict[str, Any]:
    needle = (claimant or "").casefold()
    items = _filtered(
        _annotations(st, "claim"),
        lambda c: not doc or c.get("doc") == doc,
        lambda c: not unit or c.get("unit") == unit,
        lambda c: not needle or needle in str(c.get("claimant_text") or "").casefold(),
        lambda c: not q or q.casefold() in str(c.get("text") or "").casefold(),
    )
    return page(items, limit, offset)


@router.get("/claim-groups", summary="List claim groups (the same quantity across sources)")
def claim_groups(st: State, limit: Limit = 50, offset: Offset = 0, relation: Text = None, story: Text = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    members = _in_story(pic, story)
    items = _filtered(
        pic.corpus.claim_groups,
        lambda g: not relation or g.get("relation") == relation,
        lambda g: members is None or bool(members & {c.get("doc") for c in g.get("claims") or []}),
    )
    return page(items, limit, offset)


@router.get("/quotes", summary="List quotes with their speakers")
def quotes(st: State, limit: Limit = 50, offset: Offset = 0, doc: Text = None, speaker: Text = None, entity: Text = None) -> dict[str, Any]:
    needle = (speaker or "").casefold()
    items = _filtered(
        _annotations(st, "quote"),
        lambda x: not doc or x.get("doc") == doc,
        lambda x: not needle or needle in str(x.get("speaker_text") or "").casefold(),
        lambda x: not entity or (x.get("speaker") or {}).get("entity") == entity,
    )
    return page(items, limit, offset)


@router.get("/inconsistencies", summary="List inconsistencies within and across articles")
def inconsistencies(st: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with st.lock:
        data = build_export(st.store)
    return page(data["inconsistencies"], limit, offset)


@router.get("/search", summary="Full-text search (German inflection handled) with filters")
def search(st: State, q: Annotated[str, Query(max_length=500, description="Words to find; inflected forms match too.")] = "",
           limit: Limit = 20, offset: Offset = 0, outlet: Text = None, date_from: DateQ = None, date_to: DateQ = None,
           entity: Text = None) -> dict[str, Any]:
    pic, _ = _picture(st)
    with st.lock:
        rows, has_more = run_search(st.store, pic, q, limit=limit, offset=offset, outlet=outlet, date_from=date_from,
                                    date_to=date_to, entity=entity)
    return {"ok": True, "q": q, "limit": limit, "offset": offset, "has_more": has_more, "items": rows}


@router.get("/export", summary="The whole JSON export (lagebild.json)")
def export(st: State) -> dict[str, Any]:
    with st.lock:
        return build_export(st.store)


def _ingest_schema() -> dict[str, Any]:
    """The JSON body schema of ``/api/ingest`` with the article schema inlined (no dangling refs)."""
    schema = IngestIn.model_json_schema()
    defs = schema.pop("$defs", {})
    schema["properties"]["articles"]["items"] = defs.get("ArticleIn", {})
    return schema


@router.post(
    "/ingest",
    summary="Analyse posted articles and recompute the cross-source picture",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _ingest_schema()},
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
    }}},
)
async def ingest(request: Request, st: State) -> dict[str, Any]:
    """Post ``{"articles": [{"text": …, "title": …, "outlet": …, "published": "2024-11-10"}]}`` or plain text."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    if len(raw) > 20_000_000:
        raise HTTPException(413, "request too large (20 MB limit)")
    try:
        if ctype in ("", "text/plain"):
            text = raw.decode("utf-8", errors="replace")
            batch = IngestIn(articles=[ArticleIn(text=text)])
        elif ctype == "application/json":
            try:
                data = json.loads(raw)
            except ValueError as exc:
                raise HTTPException(400, f"body is not JSON: {exc}") from exc
            if isinstance(data, list):
                data = {"articles": data}
            elif isinstance(data, dict) and "text" in data and "articles" not in data:
                data = {"articles": [data]}
            batch = IngestIn.model_validate(data)
        else:
            raise HTTPException(415, "send application/json or text/plain")
    except ValidationError as exc:
        from fastapi.exceptions import RequestValidationError

        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc

    def work() -> dict[str, Any]:
        with st.lock:
            return ingest_articles(st.store, batch.articles).to_json()

    return await run_in_threadpool(work)
