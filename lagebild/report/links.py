"""Where links point: page URLs in the web UI, in-page anchors in the one-file report.

The templates never build a URL themselves; they call these methods, so the same templates
serve both the UI and the self-contained report.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

__all__ = ["Links", "ReportLinks", "WebLinks", "span_link"]


def _anchor(prefix: str, ident: str) -> str:
    return f"#{prefix}-{ident}"


class Links:
    """Links inside the one-file report: everything is an anchor on the same page."""

    standalone = True

    def home(self) -> str:
        return "#stories"

    def story(self, story_id: str | None) -> str:
        return _anchor("story", story_id or "")

    def doc(self, doc_id: str | None, *, ann: str | None = None, start: int | None = None, end: int | None = None) -> str:
        if ann:
            return f"#{ann}"
        return _anchor("doc", doc_id or "")

    def entity(self, entity_id: str | None) -> str:
        return _anchor("entity", entity_id or "")

    def claim_group(self, group_id: str | None, story_id: str | None = None) -> str:
        return _anchor("cg", group_id or "")

    def event(self, event_id: str | None, story_id: str | None = None) -> str:
        return _anchor("ev", event_id or "")

    def search(self, **params: str) -> str:
        return "#"

    def list(self, name: str, **params: str) -> str:
        return f"#{name}"

    def static(self, name: str) -> str:
        return ""


class ReportLinks(Links):
    """Links of a report that shows only part of the store: what is left out points to its index entry.

    Each ``shown_*`` set names what has an element on the page; ``None`` means everything.
    """

    def __init__(self, *, docs: set[str] | None = None, entities: set[str] | None = None, groups: set[str] | None = None,
                 events: set[str] | None = None, stories: set[str] | None = None) -> None:
        self.shown_docs, self.shown_entities, self.shown_groups = docs, entities, groups
        self.shown_events, self.shown_stories = events, stories

    def has_text(self, doc_id: str | None) -> bool:
        return self.shown_docs is None or doc_id in self.shown_docs

    def story(self, story_id: str | None) -> str:
        if self.shown_stories is None or story_id in self.shown_stories:
            return super().story(story_id)
        return _anchor("index", story_id or "")

    def doc(self, doc_id: str | None, *, ann: str | None = None, start: int | None = None, end: int | None = None) -> str:
        if ann and self.has_text(doc_id):
            return f"#{ann}"
        return _anchor("doc", doc_id or "")

    def entity(self, entity_id: str | None) -> str:
        if self.shown_entities is None or entity_id in self.shown_entities:
            return super().entity(entity_id)
        return "#entities"

    def claim_group(self, group_id: str | None, story_id: str | None = None) -> str:
        return super().claim_group(group_id) if self.shown_groups is None or group_id in self.shown_groups else "#index"

    def event(self, event_id: str | None, story_id: str | None = None) -> str:
        return super().event(event_id) if self.shown_events is None or event_id in self.shown_events else "#index"

    def list(self, name: str, **params: str) -> str:
        return f"#{name}" if name in ("quotes", "entities", "articles", "stories") else "#index"


class WebLinks(Links):
    """Links between the pages of the web UI."""

    standalone = False

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix.rstrip("/")

    def _p(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def home(self) -> str:
        return self._p("/")

    def story(self, story_id: str | None) -> str:
        return self._p(f"/stories/{quote(story_id or '', safe='')}")

    def doc(self, doc_id: str | None, *, ann: str | None = None, start: int | None = None, end: int | None = None) -> str:
        url = self._p(f"/articles/{quote(doc_id or '', safe='')}")
        if start is not None and end is not None:
            return f"{url}?{urlencode({'start': start, 'end': end})}#hl"
        if ann:
            return f"{url}#{ann}"
        return url

    def entity(self, entity_id: str | None) -> str:
        return self._p(f"/entities/{quote(entity_id or '', safe='')}")

    def claim_group(self, group_id: str | None, story_id: str | None = None) -> str:
        return f"{self.story(story_id)}#cg-{group_id}" if story_id else self._p(f"/claim-groups/{quote(group_id or '', safe='')}")

    def event(self, event_id: str | None, story_id: str | None = None) -> str:
        return f"{self.story(story_id)}#ev-{event_id}" if story_id else self._p(f"/events/{quote(event_id or '', safe='')}")

    def search(self, **params: str) -> str:
        return self._p("/search") + ("?" + urlencode({k: v for k, v in params.items() if v}) if params else "")

    def list(self, name: str, **params: str) -> str:
        """A list view (``/quotes``, ``/outlets`` …) with filters set."""
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return self._p(f"/{name}") + (f"?{query}" if query else "")

    def static(self, name: str) -> str:
        return self._p(f"/static/{name}")


def span_link(links: Links, span: dict | None) -> str:
    """Link to the sentence of a span object ``{doc, start, end[, id]}`` (highlighted in the UI)."""
    from lagebild.report.view import dom_id

    if not span or not span.get("doc"):
        return ""
    if links.standalone:
        gid = str(span.get("id") or "")
        if isinstance(links, ReportLinks) and not links.has_text(span["doc"]):
            return links.doc(span["doc"])
        if "#" in gid:
            doc, ann = gid.split("#", 1)
            return "#" + dom_id(doc, ann)
        return links.doc(span["doc"])
    return links.doc(span["doc"], start=span.get("start"), end=span.get("end"))
