"""Render the one-file report with the templates the web UI uses (inline CSS, no scripts, no requests)."""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild.export.json_export import build_export
from lagebild.report.links import Links, span_link
from lagebild.report.readable import display_title, plural, readable_value, unquote
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
    env.filters["num_fmt"] = _num_fmt
    env.filters["plural"] = plural
    env.filters["when"] = readable_value
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


def load_picture(store: Store) -> tuple[Picture, dict[str, Any]]:
    """Read the corpus result and every document from ``store``; return the picture and the documents."""
    corpus = store.load_corpus()
    docs = {d.id: d for d in store.iter_documents()}
    sources = {doc_id: store.sources(doc_id) for doc_id in docs}
    return build_picture(corpus, docs.values(), sources), docs


def render_report(store: Store, *, title: str = "Lagebild") -> str:
    """Render the self-contained HTML report of everything in ``store``."""
    pic, docs = load_picture(store)
    export = build_export(store, corpus=pic.corpus)
    links = Links()
    stories = [v for v in (story_view(pic, s["id"]) for s in pic.stories) if v]
    articles = [article_view(pic, doc, links) for doc in docs.values()]
    return render_page("report.html.j2", links, title=title, x=export, pic=pic, stories=stories, articles=articles)


def write_report(store: Store, path: str | Path, *, title: str = "Lagebild") -> Path:
    """Write the report to ``path`` (parent folders created); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(render_report(store, title=title), "utf-8")
    tmp.replace(target)
    return target
