"""Build the report view model from a store and render it with the shared templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from lagebild.compare import CorpusResult
from lagebild.export.json_export import build_export
from lagebild.model import Document
from lagebild.report.marks import Mark, render_marked
from lagebild.store import Store

__all__ = ["article_marks", "environment", "render_report", "write_report"]

_KIND_CSS = {"entity": "ent", "timex": "tx", "quote": "qt", "claim": "cl"}


def environment() -> Environment:
    """The Jinja environment shared by the report and the web UI (autoescape always on)."""
    env = Environment(loader=PackageLoader("lagebild", "report/templates"), autoescape=select_autoescape(default=True))
    return env


def _title(doc: Document, kind: str, data: dict[str, Any], label: str | None) -> str:
    if kind == "timex":
        return f"{label or 'DATE'} → {data.get('value') or 'unresolved'}"
    if kind == "quote":
        return f"{label or 'quote'} · speaker: {data.get('speaker_text') or 'unknown'}"
    if kind == "claim":
        return f"claim: {data.get('value')} {data.get('unit') or ''} · claimant: {data.get('claimant_text') or 'outlet'}"
    return f"{label or kind}"


def article_marks(doc: Document, corpus: CorpusResult, *, link: bool = True) -> Markup:
    """Cleaned text of ``doc`` with entities, dates, quotes and claims highlighted."""
    marks = []
    for ann in doc.annotations:
        css = _KIND_CSS.get(ann.kind)
        if not css:
            continue
        global_id = f"{doc.id}#{ann.id}"
        href = None
        if link and ann.kind == "entity" and global_id in corpus.mention_entity:
            href = f"#entity-{corpus.mention_entity[global_id]}"
        marks.append(
            Mark(
                ann.span.start,
                ann.span.end,
                f"{css} {css}-{(ann.label or '').lower()}",
                _title(doc, ann.kind, dict(ann.data), ann.label),
                {"id": f"a-{doc.id}-{ann.id}".replace(":", "_").replace("#", "_")},
                href,
            )
        )
    return render_marked(doc.text, marks)


def render_report(store: Store, *, title: str = "Lagebild") -> str:
    """Render the self-contained HTML report of everything in ``store``."""
    corpus = store.load_corpus()
    export = build_export(store, corpus=corpus)
    docs = {d.id: d for d in store.iter_documents()}
    bodies = {doc_id: article_marks(doc, corpus) for doc_id, doc in docs.items()}
    template = environment().get_template("report.html.j2")
    return template.render(title=title, x=export, bodies=bodies, corpus=corpus)


def write_report(store: Store, path: str | Path, *, title: str = "Lagebild") -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_report(store, title=title), "utf-8")
    return target
