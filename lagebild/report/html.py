"""Render the one-file report with the templates the web UI uses (inline CSS, no scripts, no requests)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild.compare import CorpusResult
from lagebild.export.json_export import build_export
from lagebild.model import Document
from lagebild.report.links import Links, span_link
from lagebild.report.view import Picture, article_view, build_picture, story_view
from lagebild.store import Store

__all__ = ["environment", "load_picture", "render_page", "render_report", "write_report"]


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
    return env


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


def render_report(
    store: Store,
    *,
    title: str = "Lagebild",
    corpus: CorpusResult | None = None,
    documents: Iterable[Document] | None = None,
    sources: Mapping[str, list[dict[str, Any]]] | None = None,
    export: dict[str, Any] | None = None,
) -> str:
    """Render the self-contained HTML report of everything in ``store``.

    ``corpus``, ``documents``, ``sources`` as for ``load_picture``; ``export``: ``build_export``
    of the same store when already built.
    """
    pic, docs = load_picture(store, corpus=corpus, documents=documents, sources=sources)
    if export is None:
        export = build_export(store, corpus=pic.corpus, documents=docs.values(), sources=sources)
    links = Links()
    stories = [v for v in (story_view(pic, s["id"]) for s in pic.stories) if v]
    articles = [article_view(pic, doc, links) for doc in docs.values()]
    return render_page("report.html.j2", links, title=title, x=export, pic=pic, stories=stories, articles=articles)


def write_report(store: Store, path: str | Path, *, title: str = "Lagebild", **given: Any) -> Path:
    """Write the report to ``path`` (parent folders created); return the path.

    ``given``: what the caller already holds (``corpus``, ``documents``, ``sources``, ``export``; see ``render_report``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(render_report(store, title=title, **given), "utf-8")
    tmp.replace(target)
    return target
