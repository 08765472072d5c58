"""REST API under ``/api``: the same resources as the UI, with paging (limit/offset) and filters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from lagebild.export.json_export import annotation_json, build_export, document_json
from lagebild.report.view import Picture, story_view
from lagebild.web.app import WebState
from lagebild.web.ingest import ArticleIn, IngestIn, QueueFull, queue_for
from lagebild.web.lists import UnknownFilter
from lagebild.web.reader import DocMetas, date_ok
from lagebild.web.search import run_search

__all__ = ["router"]

def _query_names(dependant: Any) -> set[str]:
    names = {getattr(p, "alias", None) or p.name for p in getattr(dependant, "query_params", [])}
    for sub in getattr(dependant, "dependencies", []):
        names |= _query_names(sub)
    return names


def known_params(request: Request) -> None:
    """Refuse query parameters the endpoint does not know: a misspelt filter must not silently select everything."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    valid = _query_names(dependant)
    unknown = sorted(set(request.query_params) - valid - {"token"})
    if unknown:
        listed = ", ".join(sorted(valid)) or "none"
        raise UnknownFilter(f"unknown parameter {', '.join(unknown)} for {request.url.path}; valid parameters: {listed}", sorted(valid))


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_params)])

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


def _in_story(pic: Picture, story: str | None) -> set[str] | None:
    if not story:
        return None
    s = pic.story(story)
    if s is None:
        raise HTTPException(404, f"no story {story!r}")
    return {m.get("doc") for m in s.get("members") or []}


def _date_ok(value: Any, date_from: str | None, date_to: str | None) -> bool:
    return date_ok(value, date_from, date_to)


def _filtered(items: Iterable[dict[str, Any]], *tests: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    return [i for i in items if all(t(i) for t in tests)]


@router.get("", summary="List the API's resources")
def index() -> dict[str, Any]:
    from lagebild.web.lists import LISTS

    return {"ok": True, "schema": "/openapi.json", "docs": "/docs", "lists": [f"/{name}.json" for name in LISTS], "resources": [
        "/api/documents", "/api/entities", "/api/stories", "/api/events", "/api/timeline", "/api/claims",
        "/api/claim-groups", "/api/quotes", "/api/inconsistencies", "/api/search", "/api/export", "/api/ingest"]}


@router.get("/health", summary="Check that the server and its store answer")
def health(st: State) -> dict[str, Any]:
    return {"ok": True, "documents": st.reader.count()}


def document_filters(st: WebState, pic: Picture, *, outlet: str | None = None, language: str | None = None, story: str | None = None,
                     date_from: str | None = None, date_to: str | None = None) -> dict[str, Any]:
    """The store filters of a document list; a story restricts to its members (the virtual one to none)."""
    members = _in_story(pic, story)
    filters: dict[str, Any] = {"outlet": outlet, "language": language, "date_from": date_from, "date_to": date_to}
    if members is not None and not pic.stories_virtual:
        filters["ids"] = sorted(m for m in members if isinstance(m, str))
    if date_from or date_to:
        filters["inferred"] = st.reader.inferred_in_range(date_from, date_to)
    return {k: v for k, v in filters.items() if v is not None}


@router.get("/documents", summary="List documents (metadata, no text)")
def documents(st: State, limit: Limit = 50, offset: Offset = 0, outlet: Text = None, language: Text = None,
              story: Text = None, date_from: DateQ = None, date_to: DateQ = None) -> dict[str, Any]:
    pic = st.picture()
    filters = document_filters(st, pic, outlet=outlet, language=language, story=story, date_from=date_from, date_to=date_to)
    with st.lock:
        total = st.store.count_documents(**filters)
        ids = [r["id"] for r in st.store.list_documents(limit=limit, offset=offset, **filters)]
    metas = st.reader.metas(ids)
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "items": [metas[i] for i in ids if i in metas]}


@router.get("/documents/{doc_id}", summary="One document with its text and annotations")
def document(st: State, doc_id: str, kinds: Annotated[str | None, Query(max_length=200, description="comma-separated annotation kinds")] = None,
             original: bool = False) -> dict[str, Any]:
    corpus = st.picture().corpus
    doc = st.reader.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    with st.lock:
        item = document_json(doc, st.store.sources(doc_id), corpus)
    wanted = {k.strip() for k in kinds.split(",")} if kinds else None
    item["annotations"] = [annotation_json(doc, a, corpus) for a in doc.annotations if wanted is None or a.kind in wanted]
    if original:
        item["original"] = doc.original
    return {"ok": True, "item": item}


@router.get("/entities", summary="List entities with mention counts")
def entities(st: State, limit: Limit = 50, offset: Offset = 0, type: Text = None, q: Text = None, doc: Text = None) -> dict[str, Any]:
    pic = st.picture()
    needle = (q or "").casefold()
    items = _filtered(
        pic.entities,
        lambda e: not type or (e.get("type") or "").lower() == type.lower(),
        lambda e: not needle or needle in (e.get("name") or "").casefold() or any(needle in a.casefold() for a in e.get("aliases") or []),
        lambda e: not doc or any(m.get("doc") == doc for m in e.get("mentions") or []),
    )
    out = [{**e, "mention_count": len(e.get("mentions") or [])} for e in items[offset : offset + limit]]
    return {"ok": True, "total": len(items), "limit": limit, "offset": offset, "items": out}


@router.get("/entities/{entity_id}", summary="One entity with all its mentions")
def entity(st: State, entity_id: str) -> dict[str, Any]:
    ent = st.reader.entity_index().get(entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return {"ok": True, "item": {**ent, "mention_count": len(ent.get("mentions") or [])}}


@router.get("/stories", summary="List stories")
def stories(st: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page(st.picture().stories, limit, offset)


@router.get("/stories/{story_id}", summary="One story: members, timeline, claim groups, entities, coverage")
def story(st: State, story_id: str) -> dict[str, Any]:
    found = story_page_view(st, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    _, view = found
    return {"ok": True, "item": {
        "story": view["story"], "members": view["members"], "timeline": view["timeline"], "claim_groups": view["claim_groups"],
        "events": view["events"], "entities": [{k: v for k, v in e.items() if k != "mentions"} for e in view["entities"]],
        "coverage": {k: v for k, v in view["coverage"].items() if k != "extra"}, "inconsistencies": view["inconsistencies"]}}


def story_page_view(st: WebState, story_id: str) -> tuple[Picture, dict[str, Any]] | None:
    """The story view with the metadata of its members and of every article it links to."""
    pic = st.picture()
    story = pic.story(story_id)
    if story is None:
        return None
    docs = pic.docs
    assert isinstance(docs, DocMetas)
    docs.load(m.get("doc") for m in story.get("members") or [])
    view = story_view(pic, story_id)
    if view is None:
        return None
    linked: list[Any] = []
    for entry in view["timeline"]:
        linked.extend(ev.get("doc") for ev in entry.get("evidence") or [])
        linked.extend(d for dt in entry.get("all_dates") or [] for d in dt.get("docs") or [])
    linked.extend(c.get("doc") for g in view["claim_groups"] for c in g.get("claims") or [])
    linked.extend(view["coverage"].get("columns") or [])
    for item in view["inconsistencies"]:
        linked.append(item.get("doc"))
        linked.extend(s.get("doc") for s in item.get("spans") or [])
    docs.load(linked)
    return pic, view


@router.get("/events", summary="List events")
def events(st: State, limit: Limit = 50, offset: Offset = 0, story: Text = None, type: Text = None, entity: Text = None,
           doc: Text = None, conflict: bool | None = None) -> dict[str, Any]:
    pic = st.picture()
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
    pic = st.picture()
    members = _in_story(pic, story)
    items = _filtered(
        pic.corpus.timeline,
        lambda t: members is None or bool(members & set(t.get("sources") or [e.get("doc") for e in t.get("evidence") or []])),
        lambda t: _date_ok(t.get("date"), date_from, date_to),
    )
    return page(items, limit, offset)


def annotation_page(st: WebState, kind: str, limit: int, offset: int, *, doc: str | None = None,
                    row_test: Callable[[dict[str, Any]], bool] | None = None, item_test: Callable[[dict[str, Any]], bool] | None = None,
                    extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One page of the export form of every annotation of ``kind`` (documents in id order), plus ``extra`` items after them.

    Counting runs on the stored annotation rows (``row_test`` must accept exactly the rows whose
    export form ``item_test`` accepts); only the documents on the page are parsed.
    """
    corpus = st.picture().corpus
    with st.lock:
        if row_test is None:
            counts = st.store.annotation_counts(kind, doc=doc)
        else:
            per_doc: dict[str, int] = {}
            for row in st.store.iter_annotations(kind, doc=doc):
                if row_test(row):
                    per_doc[row["doc"]] = per_doc.get(row["doc"], 0) + 1
            counts = list(per_doc.items())
    n_annotations = sum(n for _, n in counts)
    window: list[str] = []
    first = None
    pos = 0
    for doc_id, n in counts:
        if pos + n > offset and pos < offset + limit:
            window.append(doc_id)
            first = pos if first is None else first
        pos += n
        if pos >= offset + limit:
            break
    items: list[dict[str, Any]] = []
    if window:
        docs = st.reader.documents(window)
        for doc_id in window:
            d = docs.get(doc_id)
            if d is None:
                continue
            for a in d.annotations:
                if a.kind == kind:
                    x = annotation_json(d, a, corpus)
                    if item_test is None or item_test(x):
                        items.append(x)
        skip = offset - (first or 0)
        items = items[skip : skip + limit]
    if extra and len(items) < limit:
        start = max(0, offset - n_annotations)
        items.extend(extra[start : start + limit - len(items)])
    return {"ok": True, "total": n_annotations + len(extra or []), "limit": limit, "offset": offset, "items": items}


@router.get("/claims", summary="List numeric claims (one per sentence that makes them)")
def claims(st: State, limit: Limit = 50, offset: Offset = 0, doc: Text = None, unit: Text = None, claimant: Text = None,
           q: Text = None) -> dict[str, Any]:
    needle = (claimant or "").casefold()
    words = (q or "").casefold()

    def row_test(r: dict[str, Any]) -> bool:
        data = r["data"]
        return ((not unit or data.get("unit") == unit) and (not needle or needle in str(data.get("claimant_text") or "").casefold())
                and (not words or words in str(r.get("text") or "").casefold()))

    def item_test(c: dict[str, Any]) -> bool:
        return ((not unit or c.get("unit") == unit) and (not needle or needle in str(c.get("claimant_text") or "").casefold())
                and (not q or q.casefold() in str(c.get("text") or "").casefold()))

    filtered = bool(unit or needle or q)
    return annotation_page(st, "claim", limit, offset, doc=doc or None, row_test=row_test if filtered else None,
                           item_test=item_test if filtered else None)


@router.get("/claim-groups", summary="List claim groups (the same quantity across sources)")
def claim_groups(st: State, limit: Limit = 50, offset: Offset = 0, relation: Text = None, story: Text = None) -> dict[str, Any]:
    pic = st.picture()
    members = _in_story(pic, story)
    items = _filtered(
        pic.corpus.claim_groups,
        lambda g: not relation or g.get("relation") == relation,
        lambda g: members is None or bool(members & {c.get("doc") for c in g.get("claims") or []}),
    )
    return page(items, limit, offset)


def _speaker_is(speaker: Any, entity: str) -> bool:
    """Whether a quote's exported ``speaker`` (a reference, a list of them, or a span) is the entity."""
    if isinstance(speaker, dict):
        return speaker.get("entity") == entity
    if isinstance(speaker, list):
        return any(isinstance(s, dict) and s.get("entity") == entity for s in speaker)
    return False


def _stored_speaker(row: dict[str, Any], mention_entity: dict[str, str]) -> Any:
    """The ``speaker`` value a quote's export form carries, from its stored row (as ``annotation_json`` builds it)."""
    data = row["data"]
    doc = row["doc"]
    speaker: Any = None
    for key, value in data.items():
        if key == "speaker":
            speaker = value
        elif key == "speaker_ann" and "speaker" not in data:
            speaker = {"entity": mention_entity.get(f"{doc}#{value}")} if value else None
        elif key == "speaker_anns" and "speaker" not in data:
            speaker = [{"entity": mention_entity.get(f"{doc}#{v}")} for v in value or []]
        elif key == "speaker_span" and "speaker_ann" not in data and "speaker" not in data:
            speaker = {"span": value}
    return speaker


@router.get("/quotes", summary="List quotes with their speakers")
def quotes(st: State, limit: Limit = 50, offset: Offset = 0, doc: Text = None, speaker: Text = None, entity: Text = None) -> dict[str, Any]:
    needle = (speaker or "").casefold()
    mention_entity = st.picture().corpus.mention_entity

    def row_test(r: dict[str, Any]) -> bool:
        return ((not needle or needle in str(r["data"].get("speaker_text") or "").casefold())
                and (not entity or _speaker_is(_stored_speaker(r, mention_entity), entity)))

    def item_test(x: dict[str, Any]) -> bool:
        return ((not needle or needle in str(x.get("speaker_text") or "").casefold())
                and (not entity or _speaker_is(x.get("speaker"), entity)))

    filtered = bool(needle or entity)
    return annotation_page(st, "quote", limit, offset, doc=doc or None, row_test=row_test if filtered else None,
                           item_test=item_test if filtered else None)


@router.get("/inconsistencies", summary="List inconsistencies within and across articles")
def inconsistencies(st: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return annotation_page(st, "inconsistency", limit, offset, extra=list(st.picture().corpus.inconsistencies))


@router.get("/search", summary="Full-text search (German inflection handled) with filters")
def search(st: State, q: Annotated[str, Query(max_length=500, description="Words to find; inflected forms match too.")] = "",
           limit: Limit = 20, offset: Offset = 0, outlet: Text = None, date_from: DateQ = None, date_to: DateQ = None,
           entity: Text = None) -> dict[str, Any]:
    rows, has_more = run_search(st, q, limit=limit, offset=offset, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity)
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


#: request body limit of ``/api/ingest`` (bytes), and how deep its JSON may nest
INGEST_MAX_BYTES = 20_000_000
INGEST_MAX_DEPTH = 8


async def _ingest_body(request: Request) -> bytes:
    """The request body, refused (413) as soon as it passes ``INGEST_MAX_BYTES`` (never read whole)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > INGEST_MAX_BYTES:
        raise HTTPException(413, f"request too large ({INGEST_MAX_BYTES // 1_000_000} MB limit)")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > INGEST_MAX_BYTES:
            raise HTTPException(413, f"request too large ({INGEST_MAX_BYTES // 1_000_000} MB limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest_batch(ctype: str, raw: bytes) -> IngestIn:
    """Validate the posted body: content type, JSON (nesting bounded), article fields and dates."""
    from lagebild.ingest.limits import json_depth
    from lagebild.ingest.textsafe import scrub_surrogates

    try:
        if ctype in ("", "text/plain"):
            text = raw.decode("utf-8", errors="replace")
            return IngestIn(articles=[ArticleIn(text=text)])
        if ctype != "application/json":
            raise HTTPException(415, "send application/json or text/plain")
        try:
            data = json.loads(raw)
        except RecursionError:
            raise HTTPException(400, f"body nests deeper than {INGEST_MAX_DEPTH} levels") from None
        except ValueError as exc:
            raise HTTPException(400, f"body is not JSON: {exc}") from exc
        if json_depth(data) > INGEST_MAX_DEPTH:
            raise HTTPException(400, f"body nests deeper than {INGEST_MAX_DEPTH} levels")
        data, _ = scrub_surrogates(data)  # lone surrogates cannot be stored as UTF-8
        if isinstance(data, list):
            data = {"articles": data}
        elif isinstance(data, dict) and "text" in data and "articles" not in data:
            data = {"articles": [data]}
        return IngestIn.model_validate(data)
    except ValidationError as exc:
        from fastapi.exceptions import RequestValidationError

        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from exc


@router.post(
    "/ingest",
    status_code=202,
    summary="Queue posted articles for analysis; poll the returned job",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _ingest_schema()},
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
    }}},
)
async def ingest(request: Request, st: State,
                 wait: Annotated[float, Query(ge=0, le=600, description="Seconds to wait for the job to finish before answering.")] = 0,
                 ) -> dict[str, Any]:
    """Post ``{"articles": [{"text": …, "title": …, "outlet": …, "published": "2024-11-10"}]}`` or plain text.

    Answers at once (202) with ``job`` and ``poll`` (``/api/ingest/jobs/{job}``); with ``?wait=N`` it
    waits up to N seconds and includes the result (``added``, ``already_stored``, ``rejected``, …)
    when the job finished by then."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    batch = _ingest_batch(ctype, await _ingest_body(request))
    queue = queue_for(st)
    try:
        job = queue.submit(batch.articles)
    except QueueFull as exc:
        raise HTTPException(503, str(exc)) from exc
    if wait:
        await run_in_threadpool(queue.wait, job, wait)
    return {**job.to_json(), "poll": f"/api/ingest/jobs/{job.id}"}


@router.get("/ingest/jobs/{job_id}", summary="State and result of an ingest job")
def ingest_job(st: State, job_id: Annotated[str, Path(max_length=40, pattern=r"^[0-9-]+$")]) -> dict[str, Any]:
    job = queue_for(st).get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (finished jobs are kept for a while, then forgotten)")
    return job.to_json()
