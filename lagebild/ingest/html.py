"""HTML pages: main text and metadata with trafilatura + htmldate, aligned back to the page.

trafilatura returns plain text (entities decoded, tags dropped, whitespace collapsed). To keep
provenance, every extracted line is located in the *visible text* of the decoded page (a
whitespace-collapsed, entity-decoded projection of the HTML that remembers where each character
came from). Runs of characters that appear verbatim in the HTML are copied; characters that do
not (decoded entities, whitespace standing for tags) are inserted separators. The cleaned text
therefore equals trafilatura's text, and every span maps back to HTML offsets
(``source.offsets_base == "file"``). When too little of the text can be aligned, the extracted
text itself becomes ``Document.original`` and ``offsets_base`` is ``"extracted"``.
"""

from __future__ import annotations

import bisect
import functools
import html as htmllib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lagebild.model import DateValue, OffsetMap, TextBuilder

log = logging.getLogger(__name__)

__all__ = ["Extracted", "VisibleText", "align_lines", "extract_html"]

#: below this share of aligned characters, offsets refer to the extracted text instead
MIN_ALIGNED = 0.6

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside "
    "blockquote pre figure figcaption dd dt dl hr main form title option body html".split()
)
#: the page's tokens, named by what the visible text does with them: skipped (comments, declarations,
#: scripts, styles and other invisible elements), a tag (block tags stand for a space), an entity, text
_VIS_TOKEN = re.compile(
    r"(?P<skip><!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|noscript|template|svg|head|select|textarea)\b[^>]*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<[!?][A-Za-z][^>]*>?)"
    r"|</?(?P<name>[A-Za-z][A-Za-z0-9]*)[^>]*>?"
    r"|(?P<ent>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<text>[^<&]+|[<&])",
    re.S | re.I,
)
_WS = re.compile(r"\s+")


_SPLIT_WS = re.compile(r"\s{2,}|[\t\n\r\f\v]")


@functools.lru_cache(maxsize=4096)
def _unescape(entity: str) -> str:
    return htmllib.unescape(entity)


@dataclass
class VisibleText:
    """Entity-decoded, whitespace-collapsed visible text of a page, with a map back to it.

    The text is a sequence of pieces; a *verbatim* piece is a slice of the page, any other piece
    (a decoded entity, one space standing for a tag or a whitespace run) is not.
    """

    text: str
    v_starts: list[int]
    h_starts: list[int]
    verbatim: list[bool]

    @classmethod
    def of(cls, page: str) -> VisibleText:
        parts: list[str] = []
        v_starts: list[int] = []
        h_starts: list[int] = []
        verbatim: list[bool] = []
        n = 0
        last_space = True
        # One pass over the tokens; pieces are appended inline (this runs over every byte of every page).
        for m in _VIS_TOKEN.finditer(page):
            kind = m.lastgroup
            if kind == "skip":
                continue
            if kind == "name":
                if not last_space and m.group("name").lower() in _BLOCK_TAGS:
                    parts.append(" ")
                    v_starts.append(n)
                    h_starts.append(m.start())
                    verbatim.append(False)
                    n += 1
                    last_space = True
                continue
            tok = m.group()
            if kind == "ent":
                ch = _unescape(tok)
                if ch.isspace() or ch == "\xa0":
                    if not last_space:
                        parts.append(" ")
                        v_starts.append(n)
                        h_starts.append(m.start())
                        verbatim.append(False)
                        n += 1
                        last_space = True
                else:
                    parts.append(ch)
                    v_starts.append(n)
                    h_starts.append(m.start())
                    verbatim.append(False)
                    n += len(ch)
                    last_space = ch.endswith(" ")
                continue
            # Plain text: single spaces stay inside verbatim pieces, other whitespace collapses.
            base = m.start()
            pos = 0
            if _SPLIT_WS.search(tok) is not None:
                for ws in _SPLIT_WS.finditer(tok):
                    if ws.start() > pos:
                        chunk = tok[pos : ws.start()]
                        off = 0
                        if last_space and chunk[0] == " ":
                            chunk, off = chunk[1:], 1
                        if chunk:
                            parts.append(chunk)
                            v_starts.append(n)
                            h_starts.append(base + pos + off)
                            verbatim.append(True)
                            n += len(chunk)
                            last_space = chunk[-1] == " "
                    if not last_space:
                        parts.append(" ")
                        v_starts.append(n)
                        h_starts.append(base + ws.start())
                        verbatim.append(False)
                        n += 1
                        last_space = True
                    pos = ws.end()
            if pos < len(tok):
                chunk = tok[pos:] if pos else tok
                off = 0
                if last_space and chunk[0] == " ":
                    chunk, off = chunk[1:], 1
                if chunk:
                    parts.append(chunk)
                    v_starts.append(n)
                    h_starts.append(base + pos + off)
                    verbatim.append(True)
                    n += len(chunk)
                    last_space = chunk[-1] == " "
        return cls("".join(parts), v_starts, h_starts, verbatim)

    def copy_into(self, builder: TextBuilder, a: int, b: int) -> int:
        """Append visible text ``[a, b)`` to ``builder`` (copied where verbatim); return chars copied."""
        i = bisect.bisect_right(self.v_starts, a) - 1
        copied = 0
        pos = a
        while pos < b and i < len(self.v_starts):
            v0 = self.v_starts[i]
            v1 = self.v_starts[i + 1] if i + 1 < len(self.v_starts) else len(self.text)
            hi = min(b, v1)
            if hi > pos:
                if self.verbatim[i]:
                    h = self.h_starts[i] + (pos - v0)
                    builder.copy(h, h + (hi - pos))
                    copied += hi - pos
                else:
                    builder.insert(self.text[pos:hi])
                pos = hi
            i += 1
        return copied


def align_lines(page: str, lines: list[str]) -> tuple[str, OffsetMap, float]:
    """Build the text ``"\\n".join(lines)`` from slices of ``page``; return text, map, aligned share."""
    vis = VisibleText.of(page)
    text = vis.text
    builder = TextBuilder(page)
    cursor = 0
    copied = total = 0
    for li, line in enumerate(lines):
        if li:
            builder.insert("\n")
        total += len(line)
        # trafilatura marks list items with "- " that the page does not have.
        prefix = line[:2] if line[:2] in ("- ", "* ") else ""
        body = line[len(prefix) :]
        pos = text.find(body, cursor)
        if pos < 0:
            pos = text.find(body)
        if pos >= 0:
            if prefix:
                builder.insert(prefix)
            copied += vis.copy_into(builder, pos, pos + len(body))
            cursor = pos + len(body)
            continue
        # Not verbatim in the visible text: align word by word, each near the previous one.
        prev = 0
        c = cursor
        anchored = False
        for m in re.finditer(r"\S+", line):
            if m.start() > prev:
                builder.insert(line[prev : m.start()])
            tok = m.group()
            if anchored:
                p = text.find(tok, c, c + len(tok) + 200)
            elif len(tok) >= 4:  # anchor on a real word, not on "-" or "a"
                p = text.find(tok, c)
                if p < 0:
                    p = text.find(tok)
            else:
                p = -1
            if p >= 0:
                copied += vis.copy_into(builder, p, p + len(tok))
                c = p + len(tok)
                anchored = True
            else:
                builder.insert(tok)
            prev = m.end()
        if prev < len(line):
            builder.insert(line[prev:])
        if anchored:
            cursor = c
    out, offsets = builder.build()
    return out, offsets, (copied / total if total else 0.0)


@dataclass
class Extracted:
    """What trafilatura/htmldate found on a page."""

    lines: list[str]
    title: str | None = None
    author: str | None = None
    published: DateValue = field(default_factory=DateValue)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    section: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _max_date(crawl: date | datetime | None) -> str:
    day = crawl.date() if isinstance(crawl, datetime) else crawl
    return (day or date.today()).isoformat()


@functools.lru_cache(maxsize=1)
def _c_element_lookup() -> None:
    """Give trafilatura's HTML parser lxml.html's element classes through a lookup written in C.

    ``lxml.html.HtmlElementClassLookup`` picks the class of every element in Python, each time an
    element is touched from Python (1.6 million calls for 286 news pages, a tenth of their
    extraction time); a namespace lookup keyed by tag name picks the same classes in C (the HTML
    parser writes tag names in lower case, which the Python lookup lower-cases again).
    """
    from lxml import etree
    from lxml import html as lh
    from trafilatura import utils

    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=lh.HtmlElement, comment=lh.HtmlComment, pi=lh.HtmlProcessingInstruction, entity=lh.HtmlEntity))
    by_tag = lookup.get_namespace(None)
    for tag, cls in _HTML_ELEMENT_CLASSES.items():
        by_tag[tag] = getattr(lh, cls)
    utils.HTML_PARSER.set_element_class_lookup(lookup)


#: the element classes ``lxml.html.HtmlElementClassLookup`` gives by tag name (all others: ``HtmlElement``)
_HTML_ELEMENT_CLASSES = {"form": "FormElement", "textarea": "TextareaElement", "select": "SelectElement",
                         "input": "InputElement", "label": "LabelElement"}


def _page_tree(page: str) -> Any:
    from trafilatura.utils import load_html

    _c_element_lookup()
    try:
        return load_html(page)
    except Exception:  # unparsable page: the libraries' answers (or none) stand
        return None


def _page_metadata(tree: Any, url: str | None, max_date: str) -> Any:
    """trafilatura's page metadata without the publication date.

    The same steps as ``trafilatura.metadata.extract_metadata`` except the tag and licence searches
    (nothing here reads them) and htmldate's search, which
    ``_publication_date`` runs only when no printed or structured date decides (about a fifth of
    news pages): the search costs a few milliseconds a page, and its first unparsable date string
    makes dateparser compile patterns for ~200 locales.
    """
    from courlan import extract_domain
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception as exc:  # bugs in trafilatura's JSON-LD reading
        log.debug("JSON metadata failed: %r", exc)
    if not meta.title:
        meta.title = tm.extract_title(tree)
    if not meta.author:
        meta.author = tm.extract_author(tree)
    if not meta.url:
        meta.url = tm.extract_url(tree, url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    if not meta.sitename:
        meta.sitename = tm.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        found = tm.META_URL.match(meta.url)
        if found:
            meta.sitename = found[1]
    if not meta.categories:
        meta.categories = tm.extract_catstags("category", tree)
    # tags and licence are not read (no field of ``Extracted``): their searches are left out
    meta.filedate = max_date
    meta.clean_and_trim()
    return meta


def _htmldate(tree: Any, page: str, url: str | None, max_date: str) -> str | None:
    """htmldate's answer as trafilatura asks for it (original date, extensive search)."""
    from htmldate import find_date

    from lagebild.ingest.page_dates import url_day, written_on_page

    try:
        found = find_date(tree, extensive_search=True, original_date=True, max_date=max_date, url=url)
    except Exception as exc:  # a broken page must not stop the batch
        log.debug("htmldate failed: %r", exc)
        return None
    if not found or found[:10] > max_date:
        return None
    if found[5:10] == "01-01" and url_day(url) != found[:10] and not written_on_page(page, found[:10]):
        # htmldate's default for a bare copyright year ("© 1996" → 1996-01-01): no day was written,
        # unless the address spells that day ("/2024/01/01/"), which the page's text does not show
        return None
    return found


def _title(tree: Any, doc: Any, url: str | None) -> str | None:
    """Choose the headline: the printed one when the meta title confirms it, without the site name."""
    from lagebild.ingest.page_title import choose_title

    if tree is not None:
        try:
            chosen = choose_title(tree, meta_title=doc.title, site_name=doc.sitename, url=url)
        except Exception as exc:
            log.debug("title choice failed: %r", exc)
            chosen = None
        if chosen is not None:
            return chosen.text
    return doc.title or None


def _printed_author(tree: Any) -> str | None:
    """A byline printed near the headline, when the page's metadata names no author."""
    from lagebild.ingest.page_title import printed_byline

    if tree is None:
        return None
    try:
        return printed_byline(tree)
    except Exception as exc:
        log.debug("byline search failed: %r", exc)
        return None


def _publication_date(tree: Any, page: str, doc: Any, lines: list[str], max_date: str, url: str | None,
                      updated: list[DateValue]) -> DateValue:
    """Choose the publication day: printed header date, structured data, then htmldate; a later update
    day the page gives is added to ``updated``."""
    from lagebild.ingest.page_dates import choose_date

    if tree is not None:
        try:
            chosen = choose_date(tree, max_day=max_date, title=doc.title, first_lines=lines[:4],
                                 htmldate=lambda: _htmldate(tree, page, url, max_date), last_lines=lines[-2:],
                                 language=tree.get("lang"), url=url, page=page)
        except Exception as exc:
            log.debug("date choice failed: %r", exc)
            chosen = None
        if chosen is not None:
            if chosen.updated:
                updated.append(DateValue(chosen.updated, "day", False, "update date of the page"))
            return DateValue(chosen.day, "day", False, chosen.reason)
    return DateValue()


def extract_html(page: str, *, url: str | None = None, crawl: date | datetime | None = None) -> Extracted | None:
    """Extract main text and metadata; ``None`` when the page has no readable main text.

    The page is parsed once; trafilatura extracts the text from a copy of that tree, and the
    metadata, title, byline and date rules read the tree itself. Dates are bounded by ``crawl``
    (or today), so a publication date is never later than the page was fetched.
    """
    import trafilatura

    max_date = _max_date(crawl)
    tree = _page_tree(page)
    doc = meta = None
    if tree is not None:
        try:
            meta = _page_metadata(tree, url, max_date)
            doc = trafilatura.bare_extraction(
                tree, url=url or meta.url, include_comments=False, include_tables=True, deduplicate=False,
            )
        except Exception as exc:  # a broken page must not stop the batch
            log.debug("trafilatura failed: %r", exc)
            doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        try:
            text = trafilatura.baseline(page)[1]
        except Exception:
            text = ""
        if not text or not text.strip():
            return None
    lines = [_WS.sub(" ", ln).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    out = Extracted(lines=lines)
    if doc is not None and meta is not None:  # metadata only with trafilatura's own text, as before
        out.title = _title(tree, meta, meta.url or url)
        out.author = meta.author or _printed_author(tree)
        out.outlet = meta.sitename or meta.hostname or None
        out.url = meta.url or url
        out.language = meta.language or None
        cats = meta.categories or []
        out.section = cats[0] if cats else None
        updated: list[DateValue] = []
        out.published = _publication_date(tree, page, meta, lines, max_date, meta.url or url, updated)
        if updated:
            out.extra["updated"] = updated[0].to_json()
        if meta.description:
            out.extra["description"] = meta.description
    return out
