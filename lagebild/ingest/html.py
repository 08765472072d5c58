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

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|noscript|template|svg|head|select|textarea)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<[!?/]?[A-Za-z][^>]*>?"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|[^<&]+|[<&]",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside "
    "blockquote pre figure figcaption dd dt dl hr main form title option body html".split()
)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")
_WS = re.compile(r"\s+")


@dataclass
class VisibleText:
    """Entity-decoded, whitespace-collapsed visible text of a page, with a map back to it."""

    text: str
    # piece starts in ``text``, piece starts in the HTML, and whether the piece is verbatim
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

        def emit(s: str, h: int, raw: bool) -> None:
            nonlocal n, last_space
            parts.append(s)
            v_starts.append(n)
            h_starts.append(h)
            verbatim.append(raw)
            n += len(s)
            last_space = s.endswith(" ")

        for m in _TOKEN.finditer(page):
            tok = m.group()
            if tok[0] == "<" and len(tok) > 1:
                if m.group(1) or tok.startswith("<!"):
                    continue
                name = _TAG_NAME.match(tok)
                if name and name.group(1).lower() in _BLOCK_TAGS and not last_space:
                    emit(" ", m.start(), False)
                continue
            if tok[0] == "&" and len(tok) > 1:
                ch = htmllib.unescape(tok)
                if ch.isspace() or ch == "\xa0":
                    if not last_space:
                        emit(" ", m.start(), False)
                else:
                    emit(ch, m.start(), False)
                continue
            for run in re.finditer(r"\s+|\S+", tok):
                if run.group()[0].isspace():
                    if not last_space:
                        emit(" ", m.start() + run.start(), run.group() == " ")
                else:
                    emit(run.group(), m.start() + run.start(), True)
        return cls("".join(parts), v_starts, h_starts, verbatim)

    def to_html(self, v: int) -> tuple[int, bool]:
        """Return the HTML offset of visible character ``v`` and whether it is verbatim there."""
        i = bisect.bisect_right(self.v_starts, v) - 1
        if self.verbatim[i]:
            return self.h_starts[i] + (v - self.v_starts[i]), True
        return self.h_starts[i], False


def _align_line(line: str, vis: VisibleText, cursor: int) -> tuple[list[int | None], int]:
    """Return per-character visible offsets for ``line`` (``None`` = not found), and the new cursor."""
    text = vis.text
    pos = text.find(line, cursor)
    if pos < 0:
        pos = text.find(line)
    if pos >= 0:
        return list(range(pos, pos + len(line))), pos + len(line)
    # Fall back to words, each searched near the previous one.
    out: list[int | None] = [None] * len(line)
    c = cursor
    anchored = False
    for m in re.finditer(r"\S+", line):
        tok = m.group()
        p = text.find(tok, c, c + len(tok) + 200) if anchored else text.find(tok, c)
        if p < 0 and not anchored:
            continue
        if p < 0:
            continue
        for k in range(len(tok)):
            out[m.start() + k] = p + k
        c = p + len(tok)
        anchored = True
    return out, (c if anchored else cursor)


def align_lines(page: str, lines: list[str]) -> tuple[str, OffsetMap, float]:
    """Build the text ``"\\n".join(lines)`` from slices of ``page``; return text, map, aligned share."""
    vis = VisibleText.of(page)
    builder = TextBuilder(page)
    cursor = 0
    copied = total = 0
    for li, line in enumerate(lines):
        if li:
            builder.insert("\n")
        vpos, cursor = _align_line(line, vis, cursor)
        total += len(line)
        run_start = -1  # HTML start of the current verbatim run
        run_len = 0
        pending: list[str] = []

        def flush() -> None:
            nonlocal run_start, run_len
            if run_len:
                builder.copy(run_start, run_start + run_len)
            run_start, run_len = -1, 0

        for j, ch in enumerate(line):
            v = vpos[j]
            h, raw = vis.to_html(v) if v is not None else (-1, False)
            if v is not None and raw and h < len(page) and page[h] == ch:
                if run_len and h == run_start + run_len:
                    run_len += 1
                else:
                    flush()
                    run_start, run_len = h, 1
                copied += 1
            else:
                flush()
                builder.insert(ch)
        flush()
        del pending
    text, offsets = builder.build()
    return text, offsets, (copied / total if total else 0.0)


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


def extract_html(page: str, *, url: str | None = None, crawl: date | datetime | None = None) -> Extracted | None:
    """Extract main text and metadata; ``None`` when the page has no readable main text.

    Dates come from htmldate (through trafilatura) bounded by ``crawl`` (or today), so a
    publication date is never later than the page was fetched.
    """
    import trafilatura

    max_date = _max_date(crawl)
    params = {"extensive_search": True, "original_date": True, "max_date": max_date}
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=params, deduplicate=False,
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
    if doc is not None:
        out.title = doc.title or None
        out.author = doc.author or None
        out.outlet = doc.sitename or doc.hostname or None
        out.url = doc.url or url
        out.language = doc.language or None
        cats = doc.categories or []
        out.section = cats[0] if cats else None
        if doc.date and doc.date <= max_date:
            out.published = DateValue(doc.date[:10], "day", False, "htmldate")
        if doc.description:
            out.extra["description"] = doc.description
    return out
