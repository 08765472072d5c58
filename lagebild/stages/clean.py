"""Cleaning: turn the original into the text that later stages annotate.

``clean.identity.v1`` keeps everything (for clean inputs and tests). ``clean.boilerplate.v1``
removes page furniture from plain text (``lagebild.ingest.boilerplate``): every removed piece
is recorded in ``doc.removed`` with its reason, in original offsets. For HTML the reader has
already set the extracted main text (mapped to the page); the filter then runs over that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lagebild.ingest import headers
from lagebild.ingest.boilerplate import Line, plan
from lagebild.ingest.nfc import INVISIBLE, NfcView, nfc_view
from lagebild.ingest.text_header import HeaderDate, choose_header_author, choose_header_date, header_window_start, in_dated_list
from lagebild.model import DateValue, Document, OffsetMap, Provenance, Removed, TextBuilder
from lagebild.registry import STAGES

__all__ = ["BoilerplateClean", "IdentityClean", "copy_base"]

#: formats whose reader already reduced the page to its main text (HTML extractor output)
EXTRACTED_FORMATS = frozenset({"html", "warc", "json", "jsonl"})


def _base(doc: Document) -> tuple[str, OffsetMap]:
    """Return the text to clean: the reader's extracted text if it set one, else the original."""
    if doc.text:
        return doc.text, doc.offsets
    return doc.original, OffsetMap.identity(len(doc.original))


def copy_base(builder: TextBuilder, base: str, base_map: OffsetMap, start: int, end: int) -> None:
    """Append ``base[start:end]`` to ``builder``: copied where ``base`` copies the original, else inserted."""
    pos = start
    for seg in base_map.segments:
        s, e = seg.text_start, seg.text_start + seg.length
        if e <= pos:
            continue
        if s >= end:
            break
        if s > pos:
            builder.insert(base[pos : min(s, end)])
            pos = min(s, end)
        a, b = max(pos, s), min(end, e)
        if b > a:
            builder.copy(seg.orig_start + (a - s), seg.orig_start + (b - s))
            pos = b
    if pos < end:
        builder.insert(base[pos:end])


@STAGES.register("clean.identity.v1", requires={"original"}, produces={"text"})
@dataclass
class IdentityClean:
    """Use the original text unchanged (or the main text an HTML reader extracted) as the cleaned text."""

    prov: Provenance = field(default=Provenance("clean.identity.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        if not doc.text:
            doc.set_text(doc.original, OffsetMap.identity(len(doc.original)))
        return doc


def _header_date_value(line: str, dated: HeaderDate) -> DateValue:
    """The chosen header date at the precision written in its line (a time gives minutes)."""
    value = headers.date_at(line, dated.start) if dated.start >= 0 else None
    if value is None or not (value.value or "").startswith(dated.day):
        value = DateValue(dated.day, "day", False)
    value.reason = "header line"
    return value


@STAGES.register("clean.boilerplate.v1", requires={"original"}, produces={"text", "removed", "header_meta"})
@dataclass
class BoilerplateClean:
    """Remove boilerplate lines (teasers, widgets, header lines, duplicates) and record each with its reason.

    Header fields found on the way (title, date, author, section, dateline) are written to
    ``doc.meta`` where the reader has not set them; ``meta.headers.v1`` checks and completes them.
    """

    max_chars: int = 2_000_000  # longer texts are kept whole (a plan over megabytes of lines is pointless)
    #: a small line model re-decides the layout removals on flattened pages (false: rules only)
    line_model: bool | str = True
    prov: Provenance = field(default=Provenance("clean.boilerplate.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        base, base_map = _base(doc)
        if len(base) > self.max_chars:
            doc.set_text(base, base_map)
            return doc
        view = nfc_view(base)  # "Ma\u0308rz": lines are judged in composed form, cut from the text as stored
        p = plan(view.text if view is not None else base, extracted=doc.source.format in EXTRACTED_FORMATS, use_model=self.line_model)
        invisible = _lines_to_source(p.lines, view) if view is not None else []
        builder = TextBuilder(doc.original)
        removed: list[Removed] = []
        prev_end: int | None = None

        def drop(start: int, end: int, reason: str) -> None:
            o_start, o_end = base_map.to_original(start, end)
            if o_end > o_start:
                removed.append(Removed(o_start, o_end, reason))

        for ln in p.lines:
            if ln.reason is not None:
                drop(ln.start, ln.end, ln.reason)
                continue
            if ln.cut:
                drop(ln.start, ln.start + ln.cut, ln.cut_reason or "header")
            start = ln.start + ln.cut
            while start < ln.end and base[start].isspace():
                start += 1
            if prev_end is not None:
                builder.insert("\n\n" if "\n\n" in base[prev_end:ln.start].replace("\r", "") else "\n")
            if ln.split:
                cut = ln.start + ln.split
                copy_base(builder, base, base_map, start, cut)
                builder.insert(" – ")  # "BerlinWladimir" -> "Berlin – Wladimir": the dateline stays visible
                copy_base(builder, base, base_map, cut, ln.end)
            else:
                copy_base(builder, base, base_map, start, ln.end)
            prev_end = ln.end
        for start, end in invisible:
            drop(start, end, "invisible characters")
        text, offsets = builder.build()
        doc.set_text(text, offsets)
        doc.removed.extend(sorted(removed, key=lambda r: (r.start, r.end)))
        meta = doc.meta
        found = p.meta
        title = found.get("title")
        block = found.get("_block")
        if block is not None:
            # the headline the cleaner kept as the text's first line (chosen by text_header.choose_title_line)
            i = found.get("title_line")
            dated = choose_header_date(p.lines, block[0], i)
            # a date labelled as the publication beats the header rules' first date (often an update),
            # and so does any header date when that first date is unlabelled and stands far above the
            # headline (a site banner's "today", an archive's capture range) or below the first body
            # paragraph while the header date stands above it (a reader's comment)
            before = found.get("published")
            at = found.get("_published_line", block[0])
            elsewhere = dated is not None and not found.get("_published_labelled") and not dated.updated and (
                at < header_window_start(block[0], i) or at >= block[0] > dated.line)
            # a month alone ("Januar 2022" over a monthly report) yields to a day written in the header or
            # the first paragraphs, in that month or up to two months after it (the report comes out later)
            coarser = dated is not None and before is not None and before.precision in ("month", "year") and \
                _within_months(before.value, dated.day, 2)
            # a plain date right under the headline beats an unlabelled one above it that is not earlier: a
            # site banner prints the day the page was read ("06 may 2022" over the menu, "05 de mayo de 2022"
            # under the headline), never a day before the article
            banner = dated is not None and before is not None and i is not None and not dated.updated and \
                not found.get("_published_labelled") and at < i < dated.line and (before.value or "")[:10] > dated.day
            # an as-of date ("Stand: 19.01.2024 18:46 Uhr") dates the version read: an earlier plain header date is the first one
            as_of = dated is not None and before is not None and not dated.updated and \
                headers.as_of_label(getattr(p.lines[at], "date_keyword", None) or "") and (before.value or "")[:10] > dated.day
            if dated is not None and (before is None or coarser or banner or as_of or
                                      ((dated.labelled or elsewhere) and not (before.value or "").startswith(dated.day))):
                found["published"] = _header_date_value(p.lines[dated.line].text, dated)
            elif dated is None and before is not None and i is not None and not found.get("_published_labelled") and \
                    _teaser_list_date(p.lines, at, header_window_start(block[0], i)):
                # the first date of a list of dated teasers far above the headline is another article's;
                # their lines are recorded as teaser dates, so that no later stage takes one for the page's
                found["published"] = None
                _mark_teaser_dates(doc, p.lines[at : header_window_start(block[0], i)], base_map)
            elif dated is None and before is not None and before.precision in ("month", "year") and \
                    not found.get("_published_labelled") and at < header_window_start(block[0], i):
                # a month alone far above the headline ("Dezember 2021" in an archive menu, a calendar widget, a
                # list of works) dates no article: the header window itself holds no date
                found["published"] = None
                _mark_teaser_dates(doc, [p.lines[at]], base_map, reason="menu date")
            # the dates of a list of dated teasers in the header ("more stories": a headline, its date, the next
            # headline …) are other articles'; recorded as teaser dates, no later stage takes one for the page's
            listed = [ln for k, ln in enumerate(p.lines[: block[0] + 3]) if ln.reason == "date line" and in_dated_list(p.lines, k, i, block[0])]
            if listed:
                _mark_teaser_dates(doc, listed, base_map)
                if before is not None and found.get("published") is before and not found.get("_published_labelled") and \
                        any(ln is p.lines[at] for ln in listed):
                    found["published"] = None  # the first date line of the header was a teaser's
            if not found.get("author"):
                found["author"] = choose_header_author(p.lines, block[0], i)
        if title and not meta.title:
            meta.title = title
        if found.get("published") is None and found.get("published_relative") is not None:
            rd, line = found["published_relative"]
            meta.extra["relative_date"] = {"text": line, "days_back": rd.days_back, "minutes_back": rd.minutes_back,
                                           "time": list(rd.time) if rd.time else None}
        if found.get("published") is not None and not meta.published.value:
            meta.published = found["published"]
            meta.published.reason = "header line"
        if found.get("author") and not meta.author:
            meta.author = found["author"]
        if found.get("section") and not meta.section:
            meta.section = found["section"]
        if found.get("dateline"):
            meta.extra.setdefault("dateline", found["dateline"])
        return doc


def _lines_to_source(lines: Sequence[Line], view: NfcView) -> list[tuple[int, int]]:
    """Move the offsets of lines planned on the composed ``view`` back onto the text it composes; invisible
    characters the view left out go with the line they open. Returns the stretches of invisible characters
    alone between the lines (a line of nothing else), to be recorded as removed."""
    source = view.source
    for ln in lines:
        start = view.to_source[ln.start]
        if ln.cut:
            ln.cut = view.to_source[ln.start + ln.cut] - start
        if ln.split:
            ln.split = view.to_source[ln.start + ln.split] - start
        lead = start
        while lead > 0 and source[lead - 1] in INVISIBLE:
            lead -= 1
        ln.cut, ln.split = ln.cut + (start - lead) if ln.cut else 0, ln.split + (start - lead) if ln.split else 0
        ln.start, ln.end = lead, view.to_source[ln.end]
    gaps: list[tuple[int, int]] = []
    prev = 0
    for start, end in [*((ln.start, ln.end) for ln in lines), (len(source), len(source))]:
        gaps += [(m.start(), m.end()) for m in _VISIBLE_RUN.finditer(source, prev, start)]
        prev = end
    return gaps


#: a run of characters that are no white space: between planned lines, only invisible ones the view left out
_VISIBLE_RUN = re.compile(r"\S+")


#: dated lines above the header window that make the first of them a teaser list's date, not the page's
TEASER_DATES = 3


def _teaser_list_date(lines: Sequence[Line], at: int, window_start: int) -> bool:
    """Whether the unlabelled date at line ``at`` opens a list of dated teasers above the header window.

    A page's own date stands in its header; the dates of a "more articles" list above it ("18. Januar
    2019" under one teaser headline, "22. November 2018" under the next) belong to those articles.
    """
    if at >= window_start:
        return False
    return sum(1 for ln in lines[at:window_start] if ln.date is not None) >= TEASER_DATES


def _mark_teaser_dates(doc: Document, lines: Sequence[Line], base_map: OffsetMap, reason: str = "teaser date") -> None:
    """Record the removed date lines of a teaser list as "teaser date" (or ``reason``) instead of "date line", so
    that no later stage takes one for the page's date."""
    spans = {base_map.to_original(ln.start, ln.end) for ln in lines if ln.date is not None and ln.reason == "date line"}
    doc.removed[:] = [Removed(r.start, r.end, reason) if (r.start, r.end) in spans and r.reason == "date line" else r
                      for r in doc.removed]


def _within_months(coarse: str | None, day: str, months: int) -> bool:
    """Whether ``day`` (YYYY-MM-DD) lies in the month or year ``coarse`` or at most ``months`` months after it."""
    if not coarse or len(day) < 10:
        return False
    if len(coarse) == 4:
        return day[:4] == coarse
    try:
        first = int(coarse[:4]) * 12 + int(coarse[5:7])
        then = int(day[:4]) * 12 + int(day[5:7])
    except ValueError:
        return False
    return 0 <= then - first <= months
