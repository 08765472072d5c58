"""Readers: files and folders to ``Document`` objects (one per article).

Formats, chosen by file name (or, for a file given explicitly with another suffix, by its
first bytes):

- ``.txt`` ``.text`` ``.md``: one article; ``original`` is the decoded file.
- ``.html`` ``.htm`` ``.xhtml``: one page; ``original`` is the decoded HTML and the reader sets
  the cleaned text to trafilatura's main text, mapped back to the HTML (``lagebild.ingest.html``).
- ``.json``: one article object or a list of them; ``.jsonl``/``.ndjson``: one object per line
  (news-please's fields ``title``, ``maintext``, ``date_publish``, ``authors``, ``url``,
  ``source_domain``, ``language`` and common alternatives). ``original`` is the record's main
  text as JSON-decoded, and ``source.offsets_base`` is ``"record"``: offsets count characters
  of that field. A record with raw HTML instead of text is read like an HTML page.
- ``.warc`` ``.warc.gz``: every HTML ``response`` record is read like an HTML page; ``original``
  is the decoded payload and ``offsets_base`` is ``"record"``. The WARC date bounds the
  publication date (never later than the crawl).

Ids: a one-article file gets its file stem; a JSON/JSONL record keeps its own ``id`` field
(``id``, ``_id``, ``doc_id``, ``article_id``, ``uuid``), so ids stay the same across runs;
without one it gets ``<stem>-<n>`` where ``n`` is the 1-based list index (JSON), line number
(JSONL) or response number (WARC), also kept in ``source.record``. Bad records become
``InputError`` values naming the file and the record; the other records still load.

Reading is bounded (``ReadLimits``, from ``[ingest]`` in the configuration): file size,
decompressed bytes, line length, record size and JSON nesting. Text that UTF-8 cannot hold
(lone surrogates in JSON strings, file names that are not UTF-8) is replaced where it is read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.decode import decode_bytes, decode_html, decode_line, looks_binary
from lagebild.ingest.files import SUPPORTED_SUFFIXES, discover
from lagebild.ingest.headers import parse_date_string
from lagebild.ingest.limits import BoundedReader, LimitExceeded, ReadLimits, json_depth
from lagebild.ingest.textsafe import (
    display_path,
    is_blank,
    scrub_surrogates,
    scrub_text,
)
from lagebild.model import ArticleMeta, Document, SourceRef

__all__ = ["MAX_BYTES", "MAX_STREAM_BYTES", "SUPPORTED_SUFFIXES", "ReadLimits", "discover", "document_from_html", "read_path"]

MAX_BYTES = ReadLimits.max_file_bytes  # one-article files larger than this are refused (checked before reading)
MAX_STREAM_BYTES = ReadLimits.max_stream_bytes  # JSONL and WARC are streamed record by record
_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _stem(path: Path) -> str:
    name = display_path(path.name)  # a file name that is not UTF-8 still gives a storable id
    suffix = _suffix(path)
    if name.lower().endswith(suffix) and len(name) > len(suffix):
        return name[: -len(suffix)]
    return name.split(".")[0] or name


def _sniff(head: bytes) -> str:
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if s.startswith(b"warc/"):
        return "warc"
    if s.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or b"<html" in s[:1024]:
        return "html"
    if s.startswith((b"{", b"[")):
        return "json"
    return "txt"


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError:
        return None


def read_path(path: Path, limits: ReadLimits | None = None) -> Iterator[Document | InputError]:
    """Yield the documents in one file, or ``InputError`` values explaining what cannot be read.

    Never raises for the file's content: every problem becomes one ``InputError`` naming the
    file (and the line or record), and the records next to a bad one are still yielded."""
    limits = limits or ReadLimits()
    name = display_path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        from lagebild.ingest.files import not_a_file

        yield InputError(name, not_a_file(path) or f"cannot be read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        from lagebild.ingest.files import not_a_file

        yield InputError(name, not_a_file(path) or "is not a regular file; skipped")
        return
    size = st.st_size
    if size == 0:
        yield InputError(name, "empty file (0 bytes)")
        return
    fmt = _FORMATS.get(_suffix(path))
    try:
        if fmt is None:
            with path.open("rb") as fh:
                head = fh.read(4096)
            if path.name.lower().endswith(".gz") or head.startswith(b"\x1f\x8b"):
                with gzip.open(path, "rb") as fh:
                    fmt = "warc" if fh.read(5).lower() == b"warc/" else None
                if fmt is None:
                    raise InputError(name, "is gzip-compressed data but not a WARC file; unpack it first")
            else:
                fmt = _sniff(head)
        limit = limits.max_stream_bytes if fmt in ("jsonl", "warc") else limits.max_file_bytes
        if size > limit:
            key = "max_stream_mb" if fmt in ("jsonl", "warc") else "max_file_mb"
            raise InputError(name, f"too large ({size / 1e6:.0f} MB > {limit / 1e6:.0f} MB limit for {fmt}, "
                                   f"setting ingest.{key}); split it first")
        if fmt == "warc":
            yield from _read_warc(path, size, limits)
        elif fmt == "jsonl":
            yield from _read_jsonl(path, size, limits)
        else:
            data = path.read_bytes()
            if fmt == "json":
                yield from _read_json(path, data, size, limits)
            elif fmt == "html" or _sniff(data[:4096].replace(b"\x00", b"")) == "html":
                # A page saved with a .txt name is still a page: read it as HTML.
                yield _read_html(path, data, size)
            else:
                yield _read_txt(path, data, size)
    except InputError as exc:
        yield exc
    except LimitExceeded as exc:
        yield InputError(name, str(exc))
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield InputError(name, f"the compressed file is damaged or cut off ({exc}); what could be read is kept")
    except MemoryError:
        yield InputError(name, "needs more memory than this computer has; split it or lower the limits under [ingest]")
    except OSError as exc:
        yield InputError(name, f"cannot be read: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug on one odd file must not stop the batch
        yield InputError(name, f"could not be read: lagebild met something in this file it does not handle "
                               f"(internal {type(exc).__name__}); the other files are not affected, please report this file")


def _check_binary(path: Path, data: bytes) -> None:
    binary = looks_binary(data)
    if binary:
        raise InputError(display_path(path), f"is {binary}, not a text article")


def _read_txt(path: Path, data: bytes, size: int) -> Document:
    _check_binary(path, data)
    text, encoding, reason = decode_bytes(data, display_path(path))
    if is_blank(text):
        raise InputError(display_path(path), "contains only whitespace or invisible characters, no text")
    source = SourceRef(display_path(path), format="txt", encoding=encoding, encoding_reason=reason, byte_size=size)
    doc = Document(id=_stem(path), original=text, source=source)
    _stamp_file_time(doc, path)
    return doc


def _stamp_file_time(doc: Document, path: Path) -> None:
    mtime = _mtime(path)
    if mtime is not None:
        doc.meta.extra["file_mtime"] = mtime.isoformat(timespec="seconds")


def document_from_html(
    page: str, *, doc_id: str, source: SourceRef, url: str | None = None, crawl: datetime | None = None
) -> Document | None:
    """Build a document from a decoded HTML page; ``None`` when the page has no readable text."""
    from lagebild.ingest.html import MIN_ALIGNED, align_lines, extract_html

    found = extract_html(page, url=url, crawl=crawl)
    if found is None or is_blank("".join(found.lines)):
        return None  # no text, or only invisible characters (zero-width spaces, NBSP)
    text, offsets, aligned = align_lines(page, found.lines)
    if aligned >= MIN_ALIGNED:
        doc = Document(id=doc_id, original=page, source=source)
        doc.set_text(text, offsets)
        source.offsets_base = "file"
    else:
        extracted = "\n".join(found.lines)
        doc = Document(id=doc_id, original=extracted, source=source)
        source.offsets_base = "extracted"
    doc.meta = ArticleMeta(
        title=found.title, published=found.published, author=found.author, outlet=found.outlet,
        section=found.section, language=found.language, url=found.url or url, extra=dict(found.extra),
    )
    doc.meta.extra["aligned_share"] = round(aligned, 3)
    if crawl is not None:
        doc.meta.extra["crawl_date"] = crawl.isoformat(timespec="seconds")
    return doc


def _read_html(path: Path, data: bytes, size: int) -> Document:
    _check_binary(path, data)
    page, encoding, reason = decode_html(data, display_path(path))
    if is_blank(page):
        raise InputError(display_path(path), "contains only whitespace or invisible characters, no text")
    source = SourceRef(display_path(path), format="html", encoding=encoding, encoding_reason=reason, byte_size=size)
    mtime = _mtime(path)
    doc = document_from_html(page, doc_id=_stem(path), source=source, crawl=mtime)
    if doc is None:
        raise InputError(display_path(path), "HTML page without readable main text (truncated, empty, only scripts or only invisible characters)")
    return doc


# --- JSON ---------------------------------------------------------------------------------

_TEXT_KEYS = ("maintext", "text", "body", "articleBody", "article_body", "content", "fulltext", "full_text", "description")
_HTML_KEYS = ("html", "raw_html", "rawHtml", "content_html")
_TITLE_KEYS = ("title", "headline", "title_page", "name")
_DATE_KEYS = ("date_publish", "published", "published_at", "publishedAt", "datePublished", "pubDate", "date", "publish_date", "created_at")
_AUTHOR_KEYS = ("authors", "author", "byline", "creator")
_OUTLET_KEYS = ("source_domain", "outlet", "source", "sitename", "site_name", "publisher", "domain")
_ID_KEYS = ("id", "_id", "doc_id", "article_id", "uuid")
_URL_KEYS = ("url", "link", "uri", "canonical_url")
#: characters an id may not keep (the id names the document in URLs, file names and exports)
_ID_UNSAFE = re.compile(r"[\s/\\?#%\x00-\x1f\x7f]+")


def _first(obj: Mapping[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip()) or None
    if isinstance(value, Mapping):
        inner = _first(value, ("name", "title", "value"))
        return inner if isinstance(inner, str) else None
    return None


def record_id(obj: Mapping[str, Any]) -> str | None:
    """The record's own id (``id``, ``_id``, ``doc_id``, ``article_id``, ``uuid``) as a safe id, if it has one."""
    raw = _first(obj, _ID_KEYS)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None
    text = _ID_UNSAFE.sub("_", str(raw).strip()).strip("_.")[:120]
    return text or None


def _record_doc(path: Path, obj: Any, *, doc_id: str, record: int | None, fmt: str, size: int, where: str,
                encoding: tuple[str, str] = ("utf-8", "JSON")) -> Document:
    """Turn one JSON record into a document (raises ``InputError`` naming the record)."""
    name = display_path(path)
    if not isinstance(obj, Mapping):
        raise InputError(name, f"{where}: expected a JSON object with the article, got {_json_kind(obj)}")
    own_id = record_id(obj)
    text = _first(obj, _TEXT_KEYS)
    url = _as_text(_first(obj, _URL_KEYS))
    source = SourceRef(name, format=fmt, record=record, encoding=encoding[0], encoding_reason=encoding[1], byte_size=size, url=url)
    doc_id = own_id or doc_id
    doc: Document | None
    if not isinstance(text, str) or is_blank(text):
        page = _first(obj, _HTML_KEYS)
        if isinstance(page, str) and not is_blank(page):
            doc = document_from_html(page, doc_id=doc_id, source=source, url=url)
            if doc is None:
                raise InputError(name, f"{where}: HTML without readable main text")
            source.offsets_base = "record" if source.offsets_base == "file" else source.offsets_base
        elif isinstance(text, str):
            raise InputError(name, f"{where}: the article text is empty (only whitespace or invisible characters)")
        else:
            keys = ", ".join(sorted(map(str, obj))[:12])
            raise InputError(name, f"{where}: no article text (looked for {', '.join(_TEXT_KEYS[:5])}…; record has {keys})")
    else:
        source.offsets_base = "record"
        doc = Document(id=doc_id, original=text, source=source)
    if own_id:
        doc.meta.extra["record_id"] = own_id
    meta = doc.meta
    meta.title = meta.title or _as_text(_first(obj, _TITLE_KEYS))
    raw_date = _first(obj, _DATE_KEYS)
    parsed = parse_date_string(raw_date if isinstance(raw_date, str) else None)
    if parsed is not None:
        parsed.reason = "record field"
        meta.published = parsed
    meta.author = meta.author or _as_text(_first(obj, _AUTHOR_KEYS))
    meta.outlet = _as_text(_first(obj, _OUTLET_KEYS)) or meta.outlet
    lang = _first(obj, ("language", "lang", "locale"))
    meta.language = lang[:2].lower() if isinstance(lang, str) and lang else meta.language
    meta.url = url or meta.url
    section = _first(obj, ("section", "category", "categories", "ressort"))
    meta.section = _as_text(section) if section is not None else meta.section
    crawled = parse_date_string(obj.get("date_download") if isinstance(obj.get("date_download"), str) else None)
    if crawled is not None and crawled.value:
        meta.extra["crawl_date"] = crawled.value
    elif "crawl_date" not in meta.extra:
        _stamp_file_time(doc, path)  # the export cannot be older than the articles in it
    return doc


def _json_kind(obj: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false",
            type(None): "null"}.get(type(obj), type(obj).__name__)


#: what JSON itself counts as whitespace; any other blank character on a line is reported
_JSON_WHITESPACE = " \t\r\n"


def _only_invisible(text: str) -> bool:
    """Spaces of any kind and format characters (zero-width space, BOM) only."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def _parse_record(text: str | bytes, limits: ReadLimits) -> tuple[Any, int]:
    """``json.loads`` held to the nesting limit; return the value and how many lone surrogates
    were replaced. Raises ``ValueError`` with a message for the user."""
    try:
        obj = json.loads(text)
    except RecursionError:
        raise ValueError(f"nested deeper than {limits.max_json_depth} levels (limit ingest.max_json_depth)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg.removesuffix(' at')}, column {exc.colno})") from None
    except ValueError as exc:  # e.g. integers with thousands of digits
        raise ValueError(f"invalid JSON ({exc})") from None
    if json_depth(obj) > limits.max_json_depth:
        raise ValueError(f"nested deeper than {limits.max_json_depth} levels (limit ingest.max_json_depth)")
    return scrub_surrogates(obj)


def _note_scrubbed(doc: Document | InputError, replaced: int) -> Document | InputError:
    if replaced and isinstance(doc, Document):
        doc.meta.extra["replaced_characters"] = replaced  # lone surrogates, not representable in UTF-8
    return doc


def _records(path: Path, items: Iterable[Any], *, stem: str, fmt: str, size: int, label: str,
             replaced: int = 0) -> Iterator[Document | InputError]:
    for n, item in enumerate(items, 1):
        try:
            yield _note_scrubbed(_record_doc(path, item, doc_id=f"{stem}-{n}", record=n, fmt=fmt, size=size, where=f"{label} {n}"), replaced)
        except InputError as exc:
            yield exc
        except Exception as exc:  # a reader bug on one record must not cost the records after it
            yield _record_bug(path, f"{label} {n}", exc)


def _record_bug(path: Path, where: str, exc: Exception) -> InputError:
    return InputError(display_path(path), f"{where}: could not be read: lagebild met something in this record it does not "
                                          f"handle (internal {type(exc).__name__}); the other records are read, please report this file")


def _read_json(path: Path, data: bytes, size: int, limits: ReadLimits) -> Iterator[Document | InputError]:
    _check_binary(path, data)
    name = display_path(path)
    text, _, _ = decode_bytes(data, name)
    try:
        obj, replaced = _parse_record(text, limits)
    except ValueError as exc:
        # Maybe JSON Lines saved as .json.
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from _jsonl_records(path, _text_lines(text), size, limits)
            return
        raise InputError(name, f"{exc}; the file holds no readable article") from None
    if isinstance(obj, list):
        if not obj:
            raise InputError(name, "empty JSON list")
        yield from _records(path, obj, stem=_stem(path), fmt="json", size=size, label="record", replaced=replaced)
    elif isinstance(obj, Mapping) and isinstance(obj.get("articles"), list):
        yield from _records(path, obj["articles"], stem=_stem(path), fmt="json", size=size, label="article", replaced=replaced)
    else:
        yield _note_scrubbed(_record_doc(path, obj, doc_id=_stem(path), record=None, fmt="json", size=size, where="document"), replaced)


def _text_lines(text: str) -> Iterator[tuple[int, bytes | str]]:
    yield from enumerate(text.splitlines(), 1)


def _read_jsonl(path: Path, size: int, limits: ReadLimits) -> Iterator[Document | InputError]:
    with path.open("rb") as fh:
        head = fh.read(8192)
        fh.seek(0)
        wide = _wide_encoding(head, whole=len(head) < 8192)
        if wide:  # UTF-16/32 with a mark: lines are not byte lines
            bounded = BoundedReader(fh, max_total=limits.max_stream_bytes, max_line=limits.max_line_bytes * 4, what="bytes")
            stream = io.TextIOWrapper(io.BufferedReader(bounded), encoding=wide, errors="replace", newline="")
            yield from _jsonl_records(path, enumerate(stream, 1), size, limits)
            return
        records = _jsonl_records(path, _byte_lines(path, fh, limits), size, limits)
        binary = looks_binary(head)
        yield from _unless_binary(path, records, binary) if binary else records


# (byte order mark, codec, the line break as that codec writes it)
_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32", b"\n\x00\x00\x00"),
    (b"\x00\x00\xfe\xff", "utf-32", b"\x00\x00\x00\n"),
    (b"\xff\xfe", "utf-16", b"\n\x00"),
    (b"\xfe\xff", "utf-16", b"\x00\n"),
)


def _wide_encoding(head: bytes, *, whole: bool) -> str | None:
    """The UTF-16/32 codec of a JSONL file that opens with its byte order mark, or None.

    A mark alone does not decide it: a junk first line may start with the same bytes before lines
    of UTF-8 JSON, and reading those as UTF-16 would lose every record. The file is wide only if
    it has NUL bytes and every newline byte in ``head`` sits in a wide line break at a code-unit
    boundary; ``whole`` says ``head`` is the entire file (else its cut-off end is not judged)."""
    for mark, codec, brk in _WIDE_MARKS:
        if not head.startswith(mark):
            continue
        body = head[len(mark):]
        unit, lead = len(brk), brk.index(b"\n")
        if not whole:
            body = body[: len(body) - len(body) % unit - unit]
        if b"\x00" not in body:
            return None
        for i in (m.start() for m in re.finditer(b"\n", body)):
            start = i - lead
            if start % unit or body[start:start + unit] != brk:
                return None
        return codec
    return None


_BINARY_PROBE = 20


def _unless_binary(path: Path, records: Iterator[Document | InputError], binary: str) -> Iterator[Document | InputError]:
    """A JSONL file whose start looks binary: one error if its first lines hold no record (a PDF
    named .jsonl), else every line as usual (junk on line 1 must not cost the records after it)."""
    held: list[InputError] = []
    for item in records:
        if isinstance(item, InputError):
            held.append(item)
            if len(held) >= _BINARY_PROBE:
                yield InputError(display_path(path), f"is {binary}, not a text article (no JSON record in its first lines)")
                return
            continue
        yield from held  # a record: the file is JSON Lines after all
        yield item
        yield from records
        return
    if len(held) == 1:
        yield held[0]
    elif held:
        yield InputError(display_path(path), f"is {binary}, not a text article")


class _LongLine:
    """A JSONL line past the line-length limit (skipped without holding it in memory)."""

    def __init__(self, length: int) -> None:
        self.length = length


def _byte_lines(path: Path, fh: Any, limits: ReadLimits) -> Iterator[tuple[int, bytes | _LongLine]]:
    """Yield ``(line number, bytes)``; a line longer than the limit is skipped in chunks."""
    cap = limits.max_line_bytes
    n = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        n += 1
        if len(line) > cap and not line.endswith(b"\n"):
            length = len(line)
            while True:  # skip to the end of this line, a chunk at a time
                rest = fh.readline(1 << 20)
                length += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, _LongLine(length)
            continue
        yield n, line


def _jsonl_records(path: Path, lines: Iterable[tuple[int, Any]], size: int, limits: ReadLimits) -> Iterator[Document | InputError]:
    """Every line is its own record: a bad line is reported by number and the next line is read."""
    name = display_path(path)
    stem = _stem(path)
    for lineno, raw in lines:
        if isinstance(raw, _LongLine):
            yield InputError(name, f"line {lineno}: longer than {limits.max_line_bytes / 2**20:g} MB "
                                   f"({raw.length / 1e6:.0f} MB; limit ingest.max_line_mb); skipped")
            continue
        encoding = ("utf-8", "JSON")
        if isinstance(raw, bytes):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            text, how = decode_line(raw)
            if how != "utf-8":
                encoding = (how, f"line {lineno} is not valid UTF-8; decoded as {how}")
        else:
            text = raw
        if not text.strip(_JSON_WHITESPACE):
            continue  # an empty line between records is common and harmless
        if _only_invisible(text):
            yield InputError(name, f"line {lineno}: only invisible characters (e.g. no-break spaces), not a JSON record; skipped")
            continue
        if len(text) > limits.max_record_bytes:
            yield InputError(name, f"line {lineno}: record too large ({len(text) / 1e6:.0f} MB; limit ingest.max_record_mb)")
            continue
        try:
            obj, replaced = _parse_record(text, limits)
        except ValueError as exc:
            yield InputError(name, f"line {lineno}: {exc}; skipped")
            continue
        try:
            doc = _record_doc(path, obj, doc_id=f"{stem}-{lineno}", record=lineno, fmt="jsonl", size=size,
                              where=f"line {lineno}", encoding=encoding)
        except InputError as exc:
            yield exc
            continue
        except Exception as exc:  # a reader bug on one line must not cost the lines after it
            yield _record_bug(path, f"line {lineno}", exc)
            continue
        yield _note_scrubbed(doc, replaced)


# --- WARC ---------------------------------------------------------------------------------


def _open_warc(fh: Any, limits: ReadLimits) -> BoundedReader:
    """The WARC bytes behind ``fh``, decompressed here (not by warcio) so the decompressed size
    and the length of every line are bounded: a small .warc.gz of zeros cannot fill the memory."""
    head = fh.read(2)
    fh.seek(0)
    inner = gzip.GzipFile(fileobj=fh, mode="rb") if head == b"\x1f\x8b" else fh
    return BoundedReader(inner, max_total=limits.max_decompressed_bytes, max_line=limits.max_line_bytes)


def _read_warc(path: Path, size: int, limits: ReadLimits) -> Iterator[Document | InputError]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:  # warcio is a core dependency; say so if it is missing
        raise InputError(display_path(path), "reading WARC files needs warcio (pip install warcio)") from exc
    name = display_path(path)
    stem = _stem(path)
    n = 0
    where = "before the first response"
    cut = False
    with path.open("rb") as fh:
        bounded = _open_warc(fh, limits)
        buffered = io.BufferedReader(bounded, buffer_size=1 << 16)
        try:
            if not buffered.peek(16)[:16].lstrip().startswith(b"WARC/"):
                # checked here: warcio would first read the whole "line" (up to the line limit, slowly)
                raise InputError(name, "not a readable WARC file: it does not start like a WARC file")
            for record in ArchiveIterator(buffered):
                if record.rec_type != "response":
                    continue
                http = record.http_headers
                ctype = (http.get_header("Content-Type") if http else "") or ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                url = scrub_text(record.rec_headers.get_header("WARC-Target-URI") or "")[0] or None
                where = f"response {n} ({url})"
                try:
                    payload = record.content_stream().read(limits.max_record_bytes + 1)
                    if len(payload) > limits.max_record_bytes:
                        yield InputError(name, f"{where}: page larger than {limits.max_record_bytes / 2**20:g} MB "
                                               "(limit ingest.max_record_mb); skipped")
                        continue
                    if getattr(record.raw_stream, "limit", 0) > 0:
                        cut = True
                        yield InputError(name, f"{where}: the file ends in the middle of this page (cut off); the page is not stored")
                        continue
                    if http and http.get_statuscode() and not http.get_statuscode().startswith("2"):
                        yield InputError(name, f"{where}: HTTP status {http.get_statuscode()}, no article")
                        continue
                    doc = _warc_doc(path, payload, ctype, url, record, n, stem, size)
                except InputError as exc:
                    yield InputError(name, f"{where}: {exc.reason}")
                    continue
                except LimitExceeded:
                    raise
                except (EOFError, zlib.error, gzip.BadGzipFile):
                    yield InputError(name, f"{where}: the compressed file ends in the middle of this page (cut off); the page is not stored")
                    return
                except Exception as exc:  # a reader bug on one page must not cost the pages after it
                    yield _record_bug(path, where, exc)
                    continue
                if doc is None:
                    yield InputError(name, f"{where}: HTML page without readable main text")
                    continue
                yield doc
        except ArchiveLoadFailed as exc:
            detail = "it does not start like a WARC file" if "Unknown archive format" in str(exc) else str(exc)[:120]
            raise InputError(name, f"not a readable WARC file after {n} response(s): {detail}") from exc
        except LimitExceeded as exc:
            raise InputError(name, f"{exc} (after {n} response(s), {where})") from exc
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise InputError(name, f"the compressed file is damaged or cut off after {n} response(s) ({exc}); "
                                   "every whole page before that is kept") from exc
        if bounded.damaged is not None and not cut:
            raise InputError(name, f"the compressed file is cut off or damaged after {n} response(s) "
                                   f"({bounded.damaged}); every whole page before that is kept")
    if n == 0:
        raise InputError(name, "WARC file without HTML response records")


def _warc_doc(path: Path, payload: bytes, ctype: str, url: str | None, record: Any, n: int, stem: str, size: int) -> Document | None:
    declared = None
    if "charset=" in ctype.lower():
        declared = ctype.lower().split("charset=")[-1].split(";")[0].strip().strip('"') or None
    from lagebild.ingest.decode import declared_charset

    page, encoding, reason = decode_bytes(payload, display_path(path), declared=declared or declared_charset(payload))
    crawl = None
    date = parse_date_string(record.rec_headers.get_header("WARC-Date"))
    if date is not None and date.value:
        try:
            crawl = datetime.fromisoformat(date.value).replace(tzinfo=UTC)
        except ValueError:
            crawl = None
    source = SourceRef(display_path(path), format="warc", record=n, encoding=encoding, encoding_reason=reason, byte_size=size, url=url)
    doc = document_from_html(page, doc_id=f"{stem}-{n}", source=source, url=url, crawl=crawl)
    if doc is not None and source.offsets_base == "file":
        source.offsets_base = "record"  # offsets into the decoded HTML payload of response ``n``
    return doc
