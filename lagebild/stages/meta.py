"""Article metadata: complete and check what readers and the cleaner found.

``meta.headers.v1`` fills title, publication date, author and section from the header lines
of the text when the reader (HTML/JSON) and the cleaner did not, derives the outlet from the
URL, names the news agencies the text credits (``extra.agencies``: dateline, byline, closing
tag), and rejects a publication date later than the file or crawl it came from. A document
without a date says so (``published.value`` is ``None`` with a reason); later stages may infer
one, flagged ``inferred``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from lagebild.ingest import headers, page_dates
from lagebild.ingest.boilerplate import plan, related_heading
from lagebild.ingest.date_context import event_details
from lagebild.ingest.date_order import Order, date_order, open_numeric_date
from lagebild.ingest.nfc import NfcView, changes, nfc_view
from lagebild.ingest.text_header import in_teaser_block
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, Provenance, Removed, Span
from lagebild.registry import STAGES
from lagebild.text_patterns import alternation

__all__ = ["MetaHeaders", "outlet_from_url", "publication_kind"]


def outlet_from_url(url: str | None) -> str | None:
    """Return the host of ``url`` without ``www.`` (``https://www.dw.com/de/…`` → ``dw.com``)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or " " in host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def _reference_time(doc: Document, keys: tuple[str, ...] = ("crawl_date", "file_mtime")) -> datetime | None:
    """The latest moment the article can have been published: crawl date, else file time.

    A file's modification time is only an upper bound (files are copied, touched, unpacked):
    relative header dates ("Heute, 05:56 Uhr") are counted back from a crawl date alone.
    """
    for key in keys:
        raw = doc.meta.extra.get(key)
        if isinstance(raw, str):
            try:
                value = datetime.fromisoformat(raw)
            except ValueError:
                continue
            return value.replace(tzinfo=None)
    return None


def _resolve_relative(rel: dict[str, object], ref: datetime | None) -> DateValue | None:
    """Count a relative header date ("vor 2 Stunden", "gestern, 14:05") back from the crawl or file time.

    The result is flagged ``inferred``: the crawl time is when the page was read, which is only as
    exact as the file's time stamp.
    """
    if ref is None:
        return None
    minutes, days, clock = rel.get("minutes_back"), rel.get("days_back") or 0, rel.get("time")
    if isinstance(minutes, int):
        when = ref - timedelta(minutes=minutes)
        if minutes < 24 * 60:
            value, precision = when.strftime("%Y-%m-%dT%H:%M"), "minute"
        elif minutes < 7 * 24 * 60:
            value, precision = when.date().isoformat(), "day"
        else:  # "vor 2 Wochen", "vor 4 Monaten": a rounded count, only the month is known
            value, precision = when.strftime("%Y-%m"), "month"
    else:
        day = (ref - timedelta(days=int(days) if isinstance(days, (int, float, str)) else 0)).date()
        if isinstance(clock, list) and len(clock) == 2:
            value, precision = f"{day.isoformat()}T{int(clock[0]):02d}:{int(clock[1]):02d}", "minute"
        else:
            value, precision = day.isoformat(), "day"
    return DateValue(value, precision, True, f"'{rel.get('text')}' counted back from the crawl/file time {ref.isoformat(timespec='minutes')}")


def _start_of(value: str) -> datetime | None:
    try:
        if len(value) == 4:
            return datetime(int(value), 1, 1)
        if len(value) == 7:
            return datetime(int(value[:4]), int(value[5:7]), 1)
        return datetime.fromisoformat(value[:16])
    except ValueError:
        return None


_AGENCY_WORD = re.compile(r"(?<![\w-])(" + headers.AGENCY_PATTERN + r")(?![\w-])", re.IGNORECASE)
#: "Berlin (dpa) - …", "MOSKAU (AFP/Reuters) –": the agency dateline opening the text
_AGENCY_DATELINE = re.compile(r"^\W{0,3}[A-ZÄÖÜ][\w .'/-]{1,40}?\s*\(([\w/ ,]{2,30})\)\s*[-–—:]", re.MULTILINE)
_CREDIT_REASONS = ("agency credit", "author line")
#: " date 2024-01 …": the month a crawl recorded at the start of a stored page
_CRAWL_MARKER = re.compile(r"\A\s{0,3}date (\d{4})-(\d{2})(?![\d-])")
#: a labelled publication/update date in the first lines ("Stand: 14.02.2025 19:14 Uhr",
#: "Aktualisiert am 19.01.2024 - 18:46 Uhr", "Sendung: Bayern 2, 16.02.2025 01:00 Uhr")
_PRINTED_LABEL = re.compile(
    r"(?<![\w-])(?:Stand|Aktualisiert|[Zz]uletzt (?:aktualisiert|geändert|bearbeitet)|Letzte Aktualisierung|Veröffentlicht"
    r"|Erstveröffentlichung|Erstellt|Geändert|Erschienen|Publiziert|Datum|Sendung|Update|Updated|[Ll]ast [Uu]pdated|Published"
    r"|Posted|Created|Publié|Mis à jour|Publicado|Actualizado|Pubblicato|Aggiornato|Gepubliceerd|"
    # the publication labels of the data, capitalised as a label opens a header part ("Online seit", "Beitrag vom")
    + alternation(label[0].upper() + label[1:] for label in page_dates.published_labels()) + r")(?![\w-])"
    # each label a whole word ("Der Standard, 12.3.2016" names a paper); the date may follow a weekday or a phrase
    # ending in a comma ("Created late in the afternoon of Sunday, October 18th, 2020"), its month written out
    r"(?:\s+(?:am|vom|on|le|el|il|op))?\s*:?\s*(?:[^\n.:|]{0,40}?,\s*)?" + headers.DATE_START,
)
#: a broadcaster's closing line: "Diese Nachricht wurde am 14.03.2025 im Programm … gesendet.",
#: "Dieses Thema im Programm: … | 03.06.2022 | 20:00 Uhr"
_BROADCAST_LINE = re.compile(
    r"(?:gesendet|ausgestrahlt|veröffentlicht|erschienen)\s+am\s+(?=\d)|(?:wurde|ist)\s+am\s+(?=\d[^\n]{0,60}?(?:gesendet|ausgestrahlt))"
    r"|\bim\s+Programm:[^\n\d]{0,80}?(?=\d)"  # "Dieses Thema im Programm: Das Erste | tagesschau | 03.06.2022 | 20:00 Uhr"
    # "Dieser Artikel wurde erstmals am 25. März 2020 in der Rubrik … veröffentlicht": the piece itself as subject
    # (not "Die Studie wurde am 3. Juni in Nature veröffentlicht", an event)
    r"|\b(?:Dieser|Diese|Dieses)\s+(?:Artikel|Beitrag|Text|Nachricht|Meldung|Bericht|Kommentar|Interview|Essay)\s+"
    r"(?:erschien\s+(?:\w+\s+){0,2}?am\s+(?=\d)|(?:wurde|ist)\s+(?:\w+\s+){0,2}?am\s+"
    r"(?=\d[^\n]{0,100}?(?:gesendet|ausgestrahlt|veröffentlicht|erschienen|publiziert)))"
)
_HEADER_WINDOW = 600
_DATED_FURNITURE = ("trailer", "date line", "header", "agency credit")
_CLOSING_WINDOW = 500
#: how far from the end a signature may stand above a box of facts or results
_SIGNATURE_WINDOW = 3000
#: the last lines of a text that may be its closing credit line ("Text: … am 15. Februar 2025")
_CLOSING_LINES = 2
#: the reason of a date read from an agency's item number, which ``publication_kind`` tells apart as a lower bound
_AGENCY_ITEM_REASON = "agency item number"


def _crawl_marker(doc: Document) -> str | None:
    m = _CRAWL_MARKER.match(doc.original[:40])
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return f"{m.group(1)}-{m.group(2)}"


def _within(value: DateValue, month: str | None, *, any_precision: bool = False) -> bool:
    """A printed date to take: a value, to the day or minute (any precision with ``any_precision``), not after ``month``."""
    return value.value is not None and (any_precision or value.precision in ("day", "minute")) \
        and not (month and value.value[: len(month)] > month)


#: tells whether the labelled date at ``text[start:end]`` (the label's start, the date's end) dates a teaser of
#: another piece below the body (see ``_teaser_at``)
TeaserTest = Callable[[int, int], bool]


def _printed_day(text: str, month: str | None, *, stamp: bool = True, teaser: TeaserTest | None = None) -> DateValue | None:
    """A labelled day/minute date in the first or last lines that lies in ``month`` or before.

    A crawl marker or a month-only header says when the page existed; a printed "Stand: …" in the
    first lines, or a broadcaster's closing "Sendung: …, 16.02.2025 01:00 Uhr", says when it was
    written, more exactly; so does a closing credit line ending in a date. Dates after the known
    month are not taken, nor a label that ``teaser`` says introduces another piece.
    """
    tail = max(0, len(text) - _CLOSING_WINDOW)
    found = [(m.start(), m.end(), True) for m in _PRINTED_LABEL.finditer(text, 0, min(len(text), _HEADER_WINDOW))]
    found += [(m.start(), m.end(), True) for m in _PRINTED_LABEL.finditer(text, tail)]
    found += [(m.start(), m.end(), False) for m in _BROADCAST_LINE.finditer(text, tail)]
    for start, pos, label in found:
        value = headers.date_at(text, pos)
        if value is None or not _within(value, month):
            continue
        end = headers.date_end(text, pos)
        if label and end is not None and headers.told_in_sentence(text, end):
            continue  # "In der Sendung vom 12.03.2024 hatte der Minister …": a label word told in a sentence
        if label and teaser is not None and teaser(start, end or pos):
            continue  # "Mehr zum Thema / Artikel vom 03.06.2022 / Busse fahren bald öfter": another piece's date
        if event_details(text, pos):
            continue  # "Datum: 20.03.2024" over "Ort: Rathaus": the date of the event the page announces
        line_start = text.rfind("\n", 0, pos) + 1
        return DateValue(value.value, value.precision, False, f"printed date ('{text[line_start:pos].strip()[-60:]} …')")
    first = headers.header_stamp(text, _HEADER_WINDOW) if stamp else None
    if first is not None and _within(first, month, any_precision=True):
        return DateValue(first.value, first.precision, False, "time stamp in the first lines")
    closing = [ln for ln in text[tail:].splitlines() if ln.strip()][-_CLOSING_LINES:] if stamp else []
    for line in closing:
        value = headers.closing_date(line)
        if value is None or not _within(value, month, any_precision=True):
            continue
        return DateValue(value.value, value.precision, False, f"closing date line ('{line.strip()[-60:]}')")
    for line in closing:  # "dpa-infocom, dpa:240314-99-123456/2" under agency copy: the day the item was sent
        value = headers.agency_item_date(line)
        if value is not None and _within(value, month):
            return DateValue(value.value, value.precision, False, f"{_AGENCY_ITEM_REASON} ('{line.strip()[-60:]}')")
    signed = headers.signature_date(text[-_SIGNATURE_WINDOW:]) if stamp else None
    if signed is not None and _within(signed, month):
        return DateValue(signed.value, signed.precision, False, "signature after the last paragraph")
    return _strong_label_line(text, month, teaser)


#: labels that date the page itself wherever their line stands ("Veröffentlicht am 12.03.2024"); "Stand"
#: also dates tables and figures ("Stand: 31.12.2023" under a chart), so it counts only with a time of day
_STRONG_LABELS = ("veröffentlicht", "erstveröffentlichung", "aktualisiert", "zuletzt aktualisiert", "published",
                  "first published", "updated", "last updated", "publié", "mis à jour", "publicado", "pubblicato")
_STRONG_WINDOW = 5000


def _strong_label_line(text: str, month: str | None, teaser: TeaserTest | None = None) -> DateValue | None:
    """A line that is only a publication label and a date, below the first lines ("Stand: 14.02.2025, 19:14 Uhr").

    Pages that open with a long teaser or a table of contents print the stamp further down. The
    line must hold nothing but the label and the date (a sentence "Der Bericht wurde am 3. Juni
    veröffentlicht" is no stamp), and a "Stand" needs its time of day.
    """
    pos = min(len(text), _HEADER_WINDOW)
    pos = text.find("\n", pos) + 1 if text.find("\n", pos) >= 0 else len(text)
    for m in _LINE.finditer(text[:_STRONG_WINDOW]):
        line = m.group()
        if m.start() < pos or len(line) > 80 or not any(ch.isdigit() for ch in line):
            continue
        dm = headers.date_line(line)
        if dm is None or not _within(dm.value, month):
            continue
        keyword = " ".join(dm.keyword.rstrip(": ").split())
        if not (keyword.startswith(_STRONG_LABELS) or (keyword.startswith("stand") and dm.value.precision == "minute")):
            continue
        if teaser is not None and teaser(m.start(), m.end()):
            continue
        return DateValue(dm.value.value, dm.value.precision, False, f"printed date ('{line.strip()[:60]}')")
    return None


#: a line as ``str.splitlines`` cuts it
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
#: a separator and what follows it on a label's line after the date ("Artikel vom 10.03.2024 | Neue Pläne …")
_AFTER_SEPARATOR = re.compile(r"[^\S\n]*(?:[|·•–—]|-\s)[^\S\n]*([^\n]*)")
#: a label opening a line of page furniture ("Quelle: dpa", "Autor: Anna Muster", "Foto: …"), no headline
_FURNITURE_LABEL = re.compile(r"^\W{0,3}[^\W\d_]+\s*:")
#: the length from which a kept line is a paragraph of the body, not a headline, kicker or subtitle
_PARAGRAPH = 120


def _title_line(line: str) -> bool:
    """Whether ``line`` reads as the headline of another piece ("Busse fahren bald öfter"): two to twenty words,
    the first capitalised, no sentence end, no date, neither page furniture ("Quelle: dpa") nor the heading of a
    block of links ("Mehr zum Thema")."""
    s = line.strip().lstrip("\"'„“«»‚‘")
    words = re.findall(r"[^\W\d_]+", s)
    if not 2 <= len(words) <= 20 or len(s) > 160 or not s[:1].isupper() or s.endswith((".", ":", ";", ",")):
        return False
    return not (_FURNITURE_LABEL.match(s) or related_heading(s) or headers.date_line(s) or headers.date_prefix(s))


def _first_paragraph_end(doc: Document) -> int:
    """The original offset where the body's first paragraph ends (the first kept line of ``_PARAGRAPH`` characters,
    else the second kept line): what stands below it is no longer the page's header."""
    lines = list(_LINE.finditer(doc.text))
    chosen = next((m for m in lines if len(m.group().strip()) >= _PARAGRAPH), lines[1] if len(lines) > 1 else None)
    return doc.original_span(Span(chosen.start(), chosen.end()))[1] if chosen else len(doc.original)


def _teaser_at(doc: Document, start: int, end: int, body_end: int) -> bool:
    """Whether the labelled date at ``doc.original[start:end]`` dates a teaser of another piece: below the body's
    first paragraph (``body_end``), in a block of related links, or followed by a headline on its line after a
    separator ("Artikel vom 10.03.2024 | Neue Pläne …") or on the next line ("Beitrag vom 03.06.2022" over "Busse
    fahren bald öfter"). In the header the headline that follows is the page's own."""
    if start < body_end:
        return False
    text = doc.original
    if any(r.reason == "related links" and r.start <= start < r.end for r in doc.removed):
        return True
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    after = _AFTER_SEPARATOR.match(text, end, line_end)
    if after is not None and _title_line(after.group(1)):
        return True
    following = _LINE.search(text, line_end)
    while following is not None and not following.group().strip():
        following = _LINE.search(text, following.end())
    return following is not None and _title_line(following.group())


#: the year and month in a page's URL path: "/articulo/2022/5/…", "/2024/03/12/…", "-2024-03-12-"
_URL_MONTH = re.compile(r"(?<![\d])((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?=[/-]|$)")


def _yearless_header_date(doc: Document, url: str | None, marker: str | None) -> DateValue | None:
    """A labelled header date without a year ("Publicado el 11 de mayo"), its year from the URL or crawl marker.

    Only where that source names the same month ("/articulo/2022/5/…", " date 2022-05"): the
    label gives the day, the page's address or crawl the year. Without such a source nothing is
    guessed (an old article read today is not from this year). Only the header lines are read:
    the original text up to where the cleaned text's first lines end.
    """
    months: list[tuple[int, int, str]] = []
    path = urlsplit(url).path if url and "//" in url else (url or "")
    for m in _URL_MONTH.finditer(path):
        months.append((int(m.group(1)), int(m.group(2)), "the URL"))
    if marker:
        months.append((int(marker[:4]), int(marker[5:7]), "the crawl marker"))
    if not months or not doc.text:
        return None
    end = doc.original_span(Span(0, min(len(doc.text), _HEADER_WINDOW)))[1] if doc.text else 0
    for line in doc.original[:end].splitlines():
        if not line.strip() or not any(ch.isdigit() for ch in line):
            continue
        found = headers.yearless_label_date(line)
        if found is None:
            continue
        month, day, clock = found
        for year, url_month, source in months:
            if url_month != month:
                continue
            try:
                datetime(year, month, day)
            except ValueError:
                continue
            value = f"{year:04d}-{month:02d}-{day:02d}"
            if clock and clock[0] < 24:
                return DateValue(f"{value}T{clock[0]:02d}:{clock[1]:02d}", "minute", False,
                                 f"printed date ('{line.strip()[:60]}'), year from {source}")
            return DateValue(value, "day", False, f"printed date ('{line.strip()[:60]}'), year from {source}")
        return None  # the first labelled header date decides
    return None


#: what the cleaner may have removed a publication label line as (a flattened page's header block is often
#: taken for a teaser list); a comment's stamp below the comments heading is not taken
_LABEL_REASONS = frozenset({*_DATED_FURNITURE, "related links", "post meta", "navigation", "section"})


def _removed_label_line(doc: Document, month: str | None, comments_at: int | None) -> DateValue | None:
    """A removed line that is only a publication label and its date ("Erstveröffentlichung: 25. März 2020").

    Update labels ("Aktualisiert am …") are left to the header rules, which weigh them against a
    creation date; a bare stamp is left to the furniture loop.
    """
    body_end = _first_paragraph_end(doc)
    for k, r in enumerate(doc.removed):
        if r.reason not in _LABEL_REASONS or r.end - r.start > 120 or (comments_at is not None and r.start > comments_at):
            continue
        if _in_related_block(doc, k):
            continue  # "Mehr zum Thema" / "Busse fahren bald öfter" / "Artikel vom 03.01.2024": the teaser's date
        line = doc.original[r.start : r.end]
        dm = headers.date_line(line)
        if dm is None or not _within(dm.value, month) or _teaser_at(doc, r.start, r.end, body_end):
            continue
        kinds = {kind for _, kind, _ in page_dates.line_dates(line, day_first=True)}
        if dm.keyword and kinds == {"published"}:
            return DateValue(dm.value.value, dm.value.precision, False, f"printed date ('{line.strip()[:60]}')")
    return None


#: removed date lines below the header that make a list ("more articles" with a date under each headline)
LIST_DATES = 3


def _dated_list_below(doc: Document) -> set[tuple[int, int]]:
    """The removed date lines below the header when there are ``LIST_DATES`` or more of them: the dates of
    a list of other articles ("31. Mai 2016", "22. Februar 2016", "18. Mai 2016" under their headlines)."""
    header_end = len(_header_region(doc))
    below = {(r.start, r.end) for r in doc.removed if r.reason in ("date line", "teaser date") and r.start >= header_end}
    return below if len(below) >= LIST_DATES else set()


def _in_related_block(doc: Document, k: int) -> bool:
    """Whether the removed piece ``doc.removed[k]`` follows a related-links heading and a teaser's headline with
    nothing kept between them ("Mehr zum Thema" / "Busse fahren bald öfter" / "Artikel vom 03.01.2024"): a date there
    is the teaser's (the cleaner's rule, ``text_header.in_teaser_block``)."""

    def above() -> Iterator[tuple[str | None, str]]:
        end = doc.removed[k].start
        for r in reversed(doc.removed[:k]):
            if doc.original[r.end : end].strip():
                yield None, ""  # kept text between: the block ended
            yield r.reason, doc.original[r.start : r.end]
            end = r.start

    return in_teaser_block(above())


def _badge(original: str, start: int, month: DateValue) -> DateValue | None:
    """The day of a month line whose line above holds the day alone ("26" over "Okt 2018"), or ``None``."""
    if month.precision != "month":
        return None
    above = original[max(0, start - 12) : start].rstrip().rsplit("\n", 1)
    return headers.badge_day(above[-1], month) if len(above) == 2 else None


def _closing_statement(text: str, month: str | None) -> DateValue | None:
    """The date of a sentence that says when this piece was published or broadcast, or ``None``."""
    for m in _BROADCAST_LINE.finditer(text):
        value = headers.date_at(text, m.end())
        if value is None or not _within(value, month):
            continue
        return DateValue(value.value, value.precision, False, f"printed date ('{text[:m.end()].strip()[-60:]} …')")
    return None


def _header_region(doc: Document) -> str:
    """The original text up to where the cleaned text's first lines end (header lines the cleaner removed included)."""
    end = doc.original_span(Span(0, min(len(doc.text), _HEADER_WINDOW)))[1] if doc.text else 0
    return doc.original[: max(end, _HEADER_WINDOW)]


#: a word glued to the number after it: a teaser card's headline and its date flattened together ("Dessau2. Oktober")
_GLUED_NUMBER = re.compile(r"[^\W\d_]\d")


def _stamp_line(piece: str) -> bool:
    """Whether a removed piece is a date stamp alone: a date line (a label at most), a byline's parts, a closing
    credit ("Berlin, 15.02.2025 14:30 Uhr") whose date is not glued to the word before it, or an agency's item
    number ("dpa-infocom, dpa:240314-99-123456/2")."""
    line = piece.strip()
    if "\n" in line or len(line) > 120:
        return False
    parts = headers.header_parts(line)
    return headers.date_line(line) is not None or (parts is not None and parts.get("date") is not None) or (
        headers.closing_date(line) is not None and not _GLUED_NUMBER.search(line)) or headers.agency_item_date(line) is not None


def _stamps_below(doc: Document, body_at: int) -> set[str]:
    """The dates of the removed stamp lines below ``body_at`` (``_stamp_line``)."""
    found: set[str] = set()
    for r in doc.removed:
        if r.start >= body_at and r.reason in _DATED_FURNITURE and r.end - r.start <= 120:
            piece = doc.original[r.start : r.end]
            if _stamp_line(piece) and (value := headers.header_stamp(piece)) is not None and value.value:
                found.add(value.value)
    return found


def _body_start(doc: Document) -> int:
    """The original offset of the cleaned text's second line, the first below the headline (the text's end without one)."""
    m = re.search(r"\n\s*\S", doc.text)
    return doc.original_span(Span(m.end() - 1, m.end()))[0] if m else len(doc.original)


def _update_date(doc: Document, order: Order | None = None) -> DateValue | None:
    """A printed update date in the header lines later than the publication date ("Aktualisiert am …",
    "Updated 5:19 PM EST, Thu November 9, 2023", "Veröffentlicht am 8.11.2023, aktualisiert am 9.11.2023").

    An open numeric date ("Updated 12/11/2023") is read in the order settled for the page's publication
    date (``order``), else in the order the page, its country or its language give.
    """
    pub = doc.meta.published
    if not pub.value or pub.inferred or pub.precision not in ("day", "minute"):
        return None
    for line in (piece for ln in _header_region(doc).splitlines() for piece in _update_pieces(ln)):
        for read, kind, pos in _labelled_dates(line):
            if kind != "modified":
                continue
            day = read
            swap = open_numeric_date(line[pos : pos + 40], read)
            if swap is not None and swap.text and line[pos:].startswith(swap.text):
                order = order or _page_order(doc)
                day = swap.month_first if order.order == "mdy" else read
            if day <= pub.value[:10]:
                continue
            whole = headers.date_line(line)  # "Updated 12:05 a.m. ET, Thu November 9, 2023": the clock too
            exact = whole.value if whole and whole.value.value and whole.value.value[:10] == read else headers.date_at(line, pos)
            value = DateValue(day + exact.value[10:], exact.precision) if exact and exact.value and exact.value[:10] == read \
                else DateValue(day, "day")
            return DateValue(value.value, value.precision, False, f"printed update date ('{line.strip()[:60]}')")
    return None


#: a header line longer than this is a page flattened into one line (minified markup, a page without line
#: breaks): only the stretch around each update or as-of word is read, from a little before it to its date
LONG_LINE = 250
_CUE_BEFORE, _CUE_AFTER = 40, 160


def _update_pieces(line: str) -> list[str]:
    """The parts of a header line that can hold an update date: the line itself, or around each update or
    as-of word of a long line; none without a digit or such a word."""
    if not page_dates.has_digit(line):
        return []
    if len(line) <= LONG_LINE:
        return [line] if page_dates.may_name_update(line) or headers.may_name_as_of(line) else []
    spans: list[list[int]] = []
    for at in sorted(page_dates.update_cue_starts(line) + headers.as_of_starts(line)):
        lo, hi = max(0, at - _CUE_BEFORE), at + _CUE_AFTER
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi  # overlapping stretches are read once
        else:
            spans.append([lo, hi])
    return [line[lo:hi] for lo, hi in spans if page_dates.has_digit(line[lo:hi])]


def _labelled_dates(line: str) -> list[tuple[str, str, int]]:
    """``page_dates.line_dates`` read day first, a date after an as-of label counted as an update:
    "Stand: 19.01.2024 18:46 Uhr | Erstellt: 18.01.2024" dates the version read."""
    return [(read, "modified" if kind == "printed" and headers.as_of_label(page_dates.ascii_digits(line)[max(0, pos - 40) : pos])
             else kind, pos) for read, kind, pos in page_dates.line_dates(line, day_first=True)]


def _label_kinds(line: str, day: str) -> set[str]:
    """How ``line`` labels each date on ``day`` in it: "published", "modified" (an update or as-of label) or "printed"."""
    return {kind for read, kind, _ in _labelled_dates(line) if read == day}


def _header_and_closing_lines(doc: Document, *, removed: bool = False) -> list[str]:
    """The lines where a page prints its own date: the header region and the closing lines, each once (a short
    page's closing lines are its header lines); with ``removed``, also the lines the cleaner removed between them."""
    original = doc.original
    head = len(_header_region(doc))
    tail = max(head, len(original) - _CLOSING_WINDOW)
    lines = original[:head].splitlines() + original[tail:].splitlines()
    if removed:
        lines += [original[r.start : r.end] for r in doc.removed if r.end - r.start <= 300 and r.end > head and r.start < tail]
    return lines


def publication_kind(doc: Document, given: str | None = None) -> str | None:
    """What kind of date ``doc.meta.published`` is, decided once for the export and the report.

    ``exact``: the page prints it as its date (a publication label, a header stamp, a closing
    credit) or its structured data (HTML/JSON fields) give it; ``updated``: the
    only date printed is an update or as-of date ("Aktualisiert am …", "Stand: …"), so the first
    version was published then or earlier (an upper bound, kept as the date since news pages are
    mostly updated the same day); ``crawl``: the month a crawl stored the page (also an upper
    bound); ``relative``: counted back from the crawl time ("vor 2 Stunden"); ``agency_item``: the day in an
    agency's item number closing the copy, the day the item was first sent, so the page was published then or
    later (a lower bound: later versions of the item carry the same number). ``None`` without a date.
    ``given`` is the date the reader set before this stage.
    """
    pub = doc.meta.published
    if not pub.value:
        return None
    if pub.inferred:
        return "relative" if isinstance(doc.meta.extra.get("relative_date"), dict) else "inferred"
    reason = pub.reason or ""
    if reason.startswith(_AGENCY_ITEM_REASON):
        return "agency_item"
    if reason == "crawl marker" or (pub.precision == "month" and pub.value == doc.meta.extra.get("crawl_marker")):
        return "crawl"
    if given and pub.value == given and reason != "header line":
        return "exact"  # the reader's structured data named it the publication date (``given``)
    day = pub.value[:10]
    kinds: set[str] = set()
    for line in _header_and_closing_lines(doc, removed=True):
        if len(line) <= 400 and page_dates.has_digit(line):
            kinds |= _label_kinds(line, day)
    label = reason.split("('", 1)[-1] if "('" in reason else ""  # "printed date ('Stand: …')"
    if kinds == {"modified"} or (not kinds and label and (headers.as_of_label(label) or page_dates.update_label(label))):
        return "updated"
    return "exact"


def _source_line(doc: Document, day: str) -> tuple[str, headers.LineDate] | None:
    """The header or closing line the publication date ``day`` was read from, and the date read there:
    the first line in which the header patterns read that day."""
    for line in _header_and_closing_lines(doc):
        if len(line) > 400 or not page_dates.has_digit(line):
            continue
        for found in headers.dates_in(line):
            if (found.value.value or "")[:10] == day:
                return line, found
    return None


def _settle_order(doc: Document) -> Order | None:
    """Read a header date like "11/08/23" in the order its outlet writes dates (day or month first).

    The header parsers read such a date day first; only where the chosen date was read from such an
    open numeric form (not "8 November 2023" or "08.11.2023" in its line, nor an open number elsewhere
    on the page) is the order weighed: the page's other numeric dates ("14/04/2020" elsewhere), the
    outlet's country (web address) or the text's language decide, and an undecided order is reported
    as uncertain, with the other reading in ``extra["published_uncertain"]``. A header date with a
    written-out month on that day proves the day-first reading.
    """
    pub = doc.meta.published
    if not pub.value or pub.inferred or pub.precision not in ("day", "minute"):
        return None
    source = _source_line(doc, pub.value[:10])
    if source is None or not source[1].open_order:
        return None
    if any(d.value.value and d.value.value[:10] == pub.value[:10] and not d.open_order
           for ln in _header_region(doc).splitlines() for d in headers.dates_in(ln)):
        return Order("dmy", True, "the same day with its month written out")  # "8 November 2023" and "08/11/2023"
    found = open_numeric_date(source[0], pub.value[:10])
    if found is None:
        return None
    order = _page_order(doc)
    chosen, other = (found.month_first, found.day_first) if order.order == "mdy" else (found.day_first, found.month_first)
    first = "month" if order.order == "mdy" else "day"
    reason = f"{pub.reason or 'printed date'}; '{found.text}' read {first} first ({order.basis})"
    if not order.certain:
        reason += f"; order uncertain, also {other}"
        doc.meta.extra["published_uncertain"] = {"readings": [chosen, other], "text": found.text, "basis": order.basis}
    doc.meta.published = DateValue(chosen + pub.value[10:], pub.precision, False, reason)
    return order


def _page_order(doc: Document) -> Order:
    """The order the page's numeric dates are written in (its own dates, country or language)."""
    language = doc.meta.language
    if not language and doc.text:
        from lagebild.stages.language import detect_language  # only for the few dates whose order is open

        language = detect_language(doc.text[:3000])[0]
    return date_order(language, doc.meta.url or doc.source.url, doc.original)


def _agencies(doc: Document) -> list[str]:
    """Name the news agencies the text credits: dateline, byline, closing tag ("(dpa)"), author field."""
    found: list[str] = []
    places = [doc.meta.author or ""]
    places += [doc.original[r.start : r.end] for r in doc.removed if r.reason in _CREDIT_REASONS]
    opening = _AGENCY_DATELINE.search(doc.text[:600]) if doc.text else None  # the title may come first
    if opening:
        places.append(opening.group(1))
    for text in places:
        for m in _AGENCY_WORD.finditer(text[:300]):
            name = headers.AGENCY_NAMES[m.group(1).lower()]
            if name not in found:
                found.append(name)
    return found


#: how much a precision says (a finer date from the composed text replaces a coarser one)
_RANK = {"year": 1, "month": 2, "day": 3, "minute": 4}
#: the extras that describe the publication date, taken together with it
_DATE_EXTRAS = ("published_kind", "updated", "rejected_date", "published_uncertain")


def composed(doc: Document, view: NfcView, meta: ArticleMeta) -> Document:
    """A copy of ``doc`` in composed form (``view`` of its original), its offset map and removed pieces carried
    over, with ``meta`` as its metadata: what the header rules read when the page writes "Ma\u0308rz"."""
    text_view = nfc_view(doc.text)
    to_text = text_view.text_offset if text_view is not None else (lambda pos: pos)
    segments = []
    for seg in doc.offsets.segments:
        start = to_text(seg.text_start)
        segments.append([start, view.text_offset(seg.orig_start), to_text(seg.text_start + seg.length) - start])
    removed = [Removed(view.text_offset(r.start), view.text_offset(r.end), r.reason) for r in doc.removed]
    return Document(doc.id, view.text, doc.source, text_view.text if text_view is not None else doc.text,
                    OffsetMap.from_json(segments), meta, removed, produced=set(doc.produced))


def _composing_changes_date_lines(doc: Document) -> bool:
    """Whether the composed form of ``doc`` changes a line where the page may print its date: a header or closing
    line, or a short removed piece between them, that holds a digit."""
    return changes(doc.original) and any(
        changes(line) and page_dates.has_digit(line) for line in _header_and_closing_lines(doc, removed=True))


@STAGES.register("meta.headers.v1", requires={"text"}, produces={"meta"})
@dataclass
class MetaHeaders:
    """Complete title/date/author/section from header lines; outlet from the URL; no future dates."""

    #: tolerance for clocks and time zones when comparing with the file or crawl time
    future_tolerance_hours: int = 36
    prov: Provenance = field(default=Provenance("meta.headers.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        # a soft hyphen or a decomposed letter in the body changes no date line: only a page whose composed form
        # changes a line the date rules read is read a second time
        before = copy.deepcopy(doc.meta) if doc.text and _composing_changes_date_lines(doc) else None
        self._read(doc)
        if before is None or doc.meta.published.precision in ("day", "minute"):
            return doc
        view = nfc_view(doc.original)
        if view is None:
            return doc
        # "Veröffentlicht am 7. Ma\u0308rz 2024": the header patterns read the composed text; only the date is
        # taken from that reading, title and author keep the characters of the text as stored
        shadow = composed(doc, view, before)
        self._read(shadow)
        found = shadow.meta.published
        if found.value and _RANK.get(found.precision or "", 0) > _RANK.get(doc.meta.published.precision or "", 0):
            doc.meta.published = found
            for key in _DATE_EXTRAS:
                if key in shadow.meta.extra:
                    doc.meta.extra[key] = shadow.meta.extra[key]
                else:
                    doc.meta.extra.pop(key, None)
        return doc

    def _read(self, doc: Document) -> Document:
        meta = doc.meta
        given = meta.published.value
        if "header_meta" not in doc.produced and doc.text:
            found = plan(doc.text[:20_000]).meta
            meta.title = meta.title or found.get("title")
            if not meta.published.value and found.get("published") is not None:
                meta.published = found["published"]
                meta.published.reason = "header line"
            meta.author = meta.author or found.get("author")
            meta.section = meta.section or found.get("section")
        if not meta.published.value:
            header_end = len(_header_region(doc))
            for k, r in enumerate(doc.removed):  # a date line another cleaner removed in the header (not in a list below the article)
                if r.reason == "date line" and r.end <= header_end and not _in_related_block(doc, k):
                    line = doc.original[r.start : r.end]
                    dm = headers.date_line(line) or headers.date_prefix(line)
                    if dm:
                        value = _badge(doc.original, r.start, dm.value) or dm.value
                        meta.published = DateValue(value.value, value.precision, False, "header line")
                        break
        agencies = _agencies(doc)
        if agencies:
            meta.extra["agencies"] = agencies
        meta.outlet = meta.outlet or outlet_from_url(meta.url or doc.source.url)
        meta.url = meta.url or doc.source.url
        if meta.author:
            meta.author = " ".join(meta.author.split())[:200]
        marker = _crawl_marker(doc)
        if marker is not None:
            meta.extra["crawl_marker"] = marker
            if meta.published.value and meta.published.value[:7] > marker:
                # a header date after the month the page was stored in dates something else (an appointment, a
                # deadline), not the page: the crawl month is what is known
                meta.extra["rejected_date"] = {"value": meta.published.value, "reason": f"later than the crawl marker {marker}"}
                meta.published = DateValue(None, None, False)
            if not meta.published.value:
                meta.published = DateValue(marker, "month", False, "crawl marker")
        if not meta.published.value or meta.published.precision in ("month", "year"):
            body_end = _first_paragraph_end(doc)

            def in_text(start: int, end: int) -> bool:
                return _teaser_at(doc, *doc.original_span(Span(start, end)), body_end)

            printed = _printed_day(doc.text, meta.published.value, teaser=in_text)
            comments_at = min((r.start for r in doc.removed if r.reason == "comments widget"), default=None)
            if printed is None:  # "Erstveröffentlichung: 25. März 2020" the cleaner took for furniture beats any stamp
                printed = _removed_label_line(doc, meta.published.value, comments_at)
            listed = _dated_list_below(doc)
            body_at = _body_start(doc)
            below = _stamps_below(doc, body_at) if printed is None else set()
            for k, r in enumerate(doc.removed if printed is None else ()):  # a "Sendung: …" trailer the cleaner cut off
                if r.start < body_at and headers.cites_dated_source(doc.original[r.start : r.end]):
                    continue  # "Quelle: Financial Times, 24.3.2020" by the headline: a cited piece's date
                if _in_related_block(doc, k):
                    continue  # a teaser's date under "Mehr zum Thema"
                if r.reason in _DATED_FURNITURE and r.end - r.start <= 300 and (r.start, r.end) not in listed:
                    # below a comments heading, a trailer's unlabelled stamp is a reader comment's, not the article's
                    comment = r.reason == "trailer" and comments_at is not None and comments_at < r.start
                    piece = doc.original[r.start : r.end]
                    # below the body start, only a line that is a stamp itself ("27/02/2022", "12.03.2024 | Von Anna
                    # Muster"): a teaser's headline with its date ("50 Jahre Winterspiele 17.02.2020") dates another piece
                    # several such stamps of different times below it are a list's (reader comments, posts)
                    teaser_title = r.start >= body_at and (not _stamp_line(piece) or len(below) > 1)
                    def in_range(start: int, end: int, at: int = r.start) -> bool:
                        return _teaser_at(doc, at + start, at + end, body_end)

                    printed = _printed_day(piece, meta.published.value, stamp=not (comment or teaser_title), teaser=in_range)
                elif r.reason == "post meta" and r.end - r.start <= 300:  # "Dieser Artikel wurde am … veröffentlicht."
                    printed = _closing_statement(doc.original[r.start : r.end], meta.published.value)
                elif r.reason == "copyright" and (signed := headers.copyright_date(doc.original[r.start : r.end])) is not None \
                        and _within(signed, meta.published.value):  # "© Keystone-SDA, 12.03.2024" closing an agency's item
                    printed = DateValue(signed.value, signed.precision, False, f"agency copyright line ('{doc.original[r.start : r.end].strip()[:60]}')")
                if printed is not None:
                    break
            if printed is not None:
                meta.published = printed
        if not meta.published.value or meta.published.precision in ("month", "year"):
            meta.published = _yearless_header_date(doc, meta.url, marker) or meta.published
        if not meta.published.value and isinstance(meta.extra.get("relative_date"), dict):
            crawl = _reference_time(doc, ("crawl_date",))
            meta.published = _resolve_relative(meta.extra["relative_date"], crawl) or meta.published
            if not meta.published.value:
                meta.published = DateValue(None, None, False, f"relative header date '{meta.extra['relative_date'].get('text')}' "
                                           "without a crawl time (a file time is no publication date)")
        order = None
        if meta.published.value and (meta.published.value != given or meta.published.reason == "header line"):
            order = _settle_order(doc)  # a date read from the text's lines, not one the reader's structured data gave
        self._check_future(doc)
        if "updated" not in meta.extra:
            updated = _update_date(doc, order)
            if updated is not None:
                meta.extra["updated"] = updated.to_json()
        if not meta.published.value:
            meta.published = DateValue(None, None, False, meta.published.reason or "no publication date in the source")
        kind = publication_kind(doc, given)
        if kind is not None:
            meta.extra["published_kind"] = kind
        return doc

    def _check_future(self, doc: Document) -> None:
        published = doc.meta.published
        ref = _reference_time(doc)
        if not published.value or ref is None:
            return
        start = _start_of(published.value)
        if start is not None and start > ref + timedelta(hours=self.future_tolerance_hours):
            doc.meta.extra["rejected_date"] = {"value": published.value, "reason": f"later than the file/crawl time {ref.isoformat()}"}
            doc.meta.published = DateValue(None, None, False, "the only date found lies after the file/crawl time")
