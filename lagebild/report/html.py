"""Render the one-file report with the templates the web UI uses (inline CSS, no scripts, no requests)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild.compare import CorpusResult
from lagebild.errors import LagebildError
from lagebild.export.doc_outputs import DocumentOutput
from lagebild.export.json_export import ANNOTATION_KEYS, build_export
from lagebild.model import Document
from lagebild.report.candidates import with_candidates
from lagebild.report.links import Links, ReportLinks, span_link
from lagebild.report.readable import (
    display_title,
    plural,
    readable_text,
    readable_value,
    unquote,
)
from lagebild.report.view import (
    ALL_STORY,
    Picture,
    PictureInputs,
    article_view,
    build_picture,
    dom_id,
    quote_items,
    stored_rows,
    story_view,
)
from lagebild.store import Store

__all__ = ["ReportInputs", "collect_report_inputs", "environment", "load_picture", "render_page", "render_report", "story_list", "write_report"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Return the Jinja environment shared by the report and the web UI (autoescape always on)."""
    env = Environment(
        loader=PackageLoader("lagebild", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    env.filters["num_fmt"] = _num_fmt
    env.filters["plural"] = plural
    env.filters["when"] = readable_value
    env.filters["readable"] = readable_text
    env.filters["quoted"] = _quoted
    env.filters["title_of"] = display_title
    return env


def _num_fmt(value: Any) -> Any:
    """Whole numbers with thousands separators (12,345); other values unchanged."""
    value = _num(value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


def _quoted(text: Any) -> str:
    """A quote in one pair of quotation marks, whatever marks the article printed around it."""
    return f"“{unquote(text)}”"


def _num(value: Any) -> Any:
    """Show integral floats without a decimal part (3000.0 → 3000)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def render_page(template: str, links: Links, **context: Any) -> str:
    """Render one template with ``links`` (and ``span_link`` bound to it) in the context."""
    return environment().get_template(template).render(links=links, span_link=partial(span_link, links), **context)


def load_picture(
    store: Store,
    *,
    corpus: CorpusResult | None = None,
    documents: Iterable[Document] | None = None,
    sources: Mapping[str, list[dict[str, Any]]] | None = None,
) -> tuple[Picture, dict[str, Any]]:
    """Read the corpus result and every document from ``store``; return the picture and the documents.

    ``corpus``, ``documents`` (every stored document, in id order) and ``sources`` (by document
    id), when the caller already holds them, are used instead of reading the store.
    """
    corpus = corpus if corpus is not None else store.load_corpus()
    docs = {d.id: d for d in (store.iter_documents() if documents is None else documents)}
    if sources is None:
        sources = store.sources_of(docs)
    return build_picture(corpus, docs.values(), sources), docs


def story_list(store: Store, corpus: CorpusResult | None = None) -> list[tuple[str, int, str]]:
    """``(story id, articles, label)`` of every story as the report has them, largest first.

    From the corpus result and the document ids alone: no document is read (``report --list``). Without
    stories the report's one virtual story of all articles stands in, as in ``PictureInputs.picture``.
    """
    corpus = corpus if corpus is not None else store.load_corpus()
    stories = corpus.stories or [{"id": ALL_STORY, "label": "All articles", "members": [{"doc": d} for d in store.document_ids()]}]
    rows = [(str(s["id"]), len(s.get("members") or []), str(s.get("label") or "")) for s in stories]
    return sorted(rows, key=lambda r: -r[1])


_MARK_ID = re.compile(r'id="(a-[^"]+)"')
_HREF_MARK = re.compile(r'href="#(a-[^"]+)"')
#: above this many articles the report is compact: the largest stories in full, everything else in its index
FULL_REPORT_ARTICLES = 80
COMPACT_STORIES = 12
COMPACT_ARTICLE_TEXTS = 60
COMPACT_CLAIM_GROUPS = 30
COMPACT_ENTITIES = 150
#: documents read from the store at once while streaming the outputs (memory: about 0.3 MB each)
DOCUMENT_BATCH = 200


def _story_index(pic: Picture) -> list[dict[str, Any]]:
    """One row per story for the index at the top: size, outlets, period; largest first."""
    rows = []
    for s in pic.stories:
        members = [m.get("doc") for m in s.get("members") or [] if m.get("doc") in pic.docs]
        metas = [pic.docs[d] for d in members]
        dates = sorted(str((d.get("published") or {}).get("value") or "")[:10] for d in metas if (d.get("published") or {}).get("value"))
        label = s.get("label") or (display_title(metas[0]) if metas else "") or s["id"]
        rows.append({"id": s["id"], "label": label, "articles": len(members), "outlets": len({d.get("outlet") for d in metas if d.get("outlet")}),
                     "period": (readable_value(dates[0]) + ("" if dates[0] == dates[-1] else " – " + readable_value(dates[-1]))) if dates else ""})
    rows.sort(key=lambda r: (-r["articles"], -r["outlets"], r["label"]))
    return rows


class ReportInputs:
    """What the report needs from the documents, collected one document at a time (``add``).

    The report shows every article's metadata but the texts of a few: above
    ``FULL_REPORT_ARTICLES`` articles (or for chosen stories) only the documents it shows are
    read again, by id, so the documents can be streamed from the store. Up to that many
    documents are kept as they come (``keep``), for a report that shows them all.
    """

    def __init__(self, corpus: CorpusResult, *, keep: bool = True) -> None:
        self.corpus = corpus
        self.picture = PictureInputs(corpus)
        #: the documents added while they are few enough for a report that shows them all (else None)
        self.held: dict[str, Document] | None = {} if keep else None
        #: entries of the export's annotation lists (for the counts at the top)
        self.counts: Counter[str] = Counter()
        self.count = 0

    def add(self, doc: Document, sources: Iterable[Mapping[str, Any]]) -> None:
        self.picture.add(doc, sources)
        self.count += 1
        for ann in doc.annotations:
            key = ANNOTATION_KEYS.get(ann.kind)
            if key:
                self.counts[key] += 1
        if self.held is not None:
            self.held[doc.id] = doc
            if len(self.held) > FULL_REPORT_ARTICLES:
                self.held = None

    def add_output(self, doc_id: str, output: DocumentOutput) -> None:
        """Add a document by its stored part of the outputs, for a report that shows too many articles to
        hold them (``keep`` False, or more than ``FULL_REPORT_ARTICLES``): it reads the ones it shows again."""
        self.held = None
        self.picture.add_parts(doc_id, output.meta, output.inconsistencies)
        self.count += 1
        self.counts.update(output.counts())


def collect_report_inputs(
    store: Store,
    corpus: CorpusResult,
    documents: Iterable[Document] | None = None,
    sources: Mapping[str, list[dict[str, Any]]] | None = None,
    *,
    keep: bool = True,
) -> ReportInputs:
    """``ReportInputs`` of ``documents`` (default: every stored document, streamed in id order)."""
    inputs = ReportInputs(corpus, keep=keep)
    for doc, doc_sources in documents_with_sources(store, documents, sources):
        inputs.add(doc, doc_sources)
    return inputs


def documents_with_sources(
    store: Store, documents: Iterable[Document] | None = None, sources: Mapping[str, list[dict[str, Any]]] | None = None,
    *, batch: int | None = None,
) -> Iterator[tuple[Document, list[dict[str, Any]]]]:
    """``(document, its sources)`` for ``documents`` (default: every stored one, read ``batch`` (default
    ``DOCUMENT_BATCH``) at a time, in id order)."""
    if documents is not None:
        for doc in documents:
            yield doc, sources[doc.id] if sources is not None and doc.id in sources else store.sources(doc.id)
        return
    ids = store.document_ids()
    batch = max(1, batch or DOCUMENT_BATCH)
    for k in range(0, len(ids), batch):
        chunk = ids[k : k + batch]
        got = store.get_documents(chunk)
        found = store.sources_of(chunk)
        for i in chunk:
            if i in got:
                yield got.pop(i), found.get(i, [])


def render_report(
    store: Store,
    *,
    title: str = "Lagebild",
    stories: Sequence[str] | None = None,
    corpus: CorpusResult | None = None,
    documents: Iterable[Document] | None = None,
    sources: Mapping[str, list[dict[str, Any]]] | None = None,
    export: dict[str, Any] | None = None,
    inputs: ReportInputs | None = None,
) -> str:
    """Render the self-contained HTML report of ``store`` (or of the chosen ``stories`` only).

    Up to ``FULL_REPORT_ARTICLES`` articles everything is shown. Above, the report stays small: an
    index of every story, the ``COMPACT_STORIES`` largest stories in full (collapsed), their
    articles' texts (at most ``COMPACT_ARTICLE_TEXTS``), the most mentioned entities, and a list of
    every article; the page says what it left out. Only then are the documents streamed from the
    store: the report reads again, by id, only those it shows.

    ``corpus``, ``documents``, ``sources`` as for ``load_picture`` and ``export`` (``build_export``
    of the same store), when the caller already holds them, spare reading the store again;
    ``inputs``: what ``collect_report_inputs`` (or the caller, document by document) collected from them.
    """
    corpus = corpus if corpus is not None else (inputs.corpus if inputs is not None else store.load_corpus())
    given = {d.id: d for d in documents} if documents is not None and inputs is None else None
    if inputs is None:
        inputs = collect_report_inputs(store, corpus, None if given is None else given.values(), sources, keep=not stories)
    pic = inputs.picture.picture()
    n_docs = inputs.count
    held = inputs.held if not stories else None

    def fetch(ids: Sequence[str]) -> dict[str, Document]:
        """The documents ``ids`` (those stored), from what the caller gave or the store."""
        if held is not None:
            return {i: held[i] for i in ids if i in held}
        if given is not None:
            return {i: given[i] for i in ids if i in given}
        return store.get_documents(ids)

    index = _story_index(pic)
    chosen: list[str]
    if stories:
        unknown = [s for s in stories if pic.story(s) is None]
        if unknown:
            raise LagebildError(f"no story {', '.join(unknown)}; the stories are listed at the top of the full report or by `lagebild report --list`")
        chosen, compact = list(dict.fromkeys(stories)), False
    else:
        compact = n_docs > FULL_REPORT_ARTICLES
        multi = [r["id"] for r in index if r["articles"] > 1] or [r["id"] for r in index]
        chosen = multi[:COMPACT_STORIES] if compact else [r["id"] for r in index]
    partial = compact or bool(stories)
    if not partial and held is None:  # few documents but not kept as they came (e.g. given without ``keep``)
        held = fetch(list(pic.docs))
    if not partial and export is None:
        assert held is not None
        export = build_export(store, corpus=pic.corpus, documents=held.values(), sources=sources)
    counts = {key: len(export[key]) if export is not None else inputs.counts[key] for key in ("timexes", "quotes", "claims")}
    counts.update(stories=len(corpus.stories), entities=len(corpus.entities), events=len(corpus.events))
    views = [v for v in (story_view(pic, s) for s in chosen) if v]
    if compact:
        for v in views:  # the groups most sources report first; the rest are counted
            ranked = sorted(v["claim_groups"], key=lambda g: -len(g.get("claims") or []))
            v["more_groups"] = max(0, len(ranked) - COMPACT_CLAIM_GROUPS)
            v["claim_groups"] = ranked[:COMPACT_CLAIM_GROUPS]
    text_ids: list[str] = []
    for v in views:
        text_ids.extend(m["id"] for m in v["members"])
    text_ids = list(dict.fromkeys(text_ids))
    if compact:
        text_ids = text_ids[:COMPACT_ARTICLE_TEXTS]
    entities = pic.entities[:COMPACT_ENTITIES] if compact else pic.entities
    if stories:
        wanted = {d for v in views for d in (m["id"] for m in v["members"])}
        entities = [e for e in pic.entities if any(m.get("doc") in wanted for m in e.get("mentions") or [])]
    entities = [with_candidates(e, pic.entity_by_id) for e in entities]
    links: Links = Links()
    if partial:
        links = ReportLinks(docs=set(text_ids), entities={e["id"] for e in entities},
                            groups={g["id"] for v in views for g in v["claim_groups"] if g.get("id")},
                            events={e["id"] for v in views for e in v["timeline"] if e.get("event")},
                            stories={v["story"]["id"] for v in views})
    for v in views:
        ids = [m["id"] for m in v["members"]]
        # from documents at hand, else the store's annotation rows (the same rows, sorted as ``stored_rows`` sorts them)
        rows = stored_rows(fetch(ids).values(), "quote") if held is not None or given is not None else _quote_rows(store, ids)
        v["quotes"] = quote_items(pic, rows, links)
    docs = fetch(text_ids) if partial else held
    assert docs is not None
    articles = [article_view(pic, docs[d], links) for d in (text_ids if partial else list(docs)) if d in docs]
    all_quotes = [] if partial else quote_items(pic, stored_rows(docs.values(), "quote"), links)
    # A quote whose mark crossed another one has no element of its own: link to its article instead.
    marked = {m for av in articles for m in _MARK_ID.findall(str(av["body"]))}
    for item in [q for v in views for q in v["quotes"]] + all_quotes:
        if item["href"].startswith("#a-") and item["href"][1:] not in marked:
            item["href"] = links.doc(item["doc"])
    listed = sorted(pic.docs.values(), key=lambda d: (str((d.get("published") or {}).get("value") or "9999"), d["id"]))
    if stories:
        listed = [d for d in listed if d["id"] in set(text_ids)]
    if not partial:
        text_ids = list(docs)
    html = render_page("report.html.j2", links, title=title, x=export or {}, counts=counts, pic=pic, stories=views,
                       articles=articles, index=index, compact=compact, chosen=bool(stories), all_quotes=all_quotes,
                       n_docs=n_docs, listed=listed, entities=entities, text_ids=set(text_ids),
                       limits={"stories": COMPACT_STORIES, "texts": COMPACT_ARTICLE_TEXTS,
                               "entities": COMPACT_ENTITIES, "full": FULL_REPORT_ARTICLES})
    # Links to a mark that crossed another one (so has no element) lead to the mark's article.
    owner = {dom_id(d, a.id): d for d in text_ids if d in docs for a in docs[d].annotations}
    missing = {h for h in _HREF_MARK.findall(html) if h not in marked and h in owner}
    if missing:
        html = _HREF_MARK.sub(lambda m: f'href="{links.doc(owner[m.group(1)])}"' if m.group(1) in missing else m.group(0), html)
    return html


def _quote_rows(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stored quote rows of the documents ``ids`` in the order of ``stored_rows`` (document, then offsets, then id)."""
    rows = list(store.iter_annotations("quote", docs=ids))
    rows.sort(key=lambda r: (r["doc"], r["start"], r["end"], r["ann"]))
    return rows


def write_report(
    store: Store, path: str | Path, *, title: str = "Lagebild", stories: Sequence[str] | None = None, **given: Any
) -> Path:
    """Write the report to ``path`` (parent folders created); return the path.

    ``given``: what the caller already holds (``corpus``, ``documents``, ``sources``, ``export``; see ``render_report``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(render_report(store, title=title, stories=stories, **given), "utf-8")
    tmp.replace(target)
    return target
