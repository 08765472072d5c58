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

Ids: a one-article file gets its file stem; a multi-record file gets ``<stem>-<n>`` where ``n``
is the 1-based list index (JSON), line number (JSONL) or response number (WARC), also kept in
``source.record``. Bad records become ``InputError`` values naming the file and the record;
the other records still load.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.decode import decode_bytes, decode_html, looks_binary
from lagebild.ingest.headers import parse_date_string
from lagebild.model import ArticleMeta, Document, SourceRef

__all__ = ["MAX_BYTES", "MAX_STREAM_BYTES", "SUPPORTED_SUFFIXES", "discover", "document_from_html", "read_path"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".warc", ".warc.gz")
MAX_BYTES = 50 * 1024 * 1024  # one-article files larger than this are refused (checked before reading)
MAX_STREAM_BYTES = 4 * 1024**3  # JSONL and WARC are streamed record by record; this only stops absurd inputs
MAX_RECORD_BYTES = 20 * 1024 * 1024  # one JSONL line or WARC payload
_FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Yield input files under ``paths`` (folders recursively, sorted), or an error per bad path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if sub.name.startswith(".") or any(part.startswith(".") for part in sub.relative_to(path).parts[:-1]):
                    continue
                if _suffix(sub) in SUPPORTED_SUFFIXES:
                    yield sub
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _stem(path: Path) -> str:
    name = path.name
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


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Yield the documents in one file, or ``InputError`` values explaining what cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    if size == 0:
        yield InputError(str(path), "empty file (0 bytes)")
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
                    raise InputError(str(path), "is gzip-compressed data but not a WARC file; unpack it first")
            else:
                fmt = _sniff(head)
        limit = MAX_STREAM_BYTES if fmt in ("jsonl", "warc") else MAX_BYTES
        if size > limit:
            raise InputError(str(path), f"too large ({size / 1e6:.0f} MB > {limit / 1e6:.0f} MB limit for {fmt}); split it first")
        if fmt == "warc":
            yield from _read_warc(path, size)
        elif fmt == "jsonl":
            yield from _read_jsonl(path, size)
        else:
            data = path.read_bytes()
            if fmt == "json":
                yield from _read_json(path, data, size)
            elif fmt == "html" or _sniff(data[:4096].replace(b"\x00", b"")) == "html":
                # A page saved with a .txt name is still a page: read it as HTML.
                yield _read_html(path, data, size)
            else:
                yield _read_txt(path, data, size)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug on one odd file must not stop the batch
        yield InputError(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def _check_binary(path: Path, data: bytes) -> None:
    binary = looks_binary(data)
    if binary:
        raise InputError(str(path), f"is {binary}, not a text article")


def _read_txt(path: Path, data: bytes, size: int) -> Document:
    _check_binary(path, data)
    text, encoding, reason = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(str(path), "contains only whitespace")
    source = SourceRef(str(path), format="txt", encoding=encoding, encoding_reason=reason, byte_size=size)
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
    if found is None:
        return None
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
    page, encoding, reason = decode_html(data, str(path))
    if not page.strip():
        raise InputError(str(path), "contains only whitespace")
    source = SourceRef(str(path), format="html", encoding=encoding, encoding_reason=reason, byte_size=size)
    mtime = _mtime(path)
    doc = document_from_html(page, doc_id=_stem(path), source=source, crawl=mtime)
    if doc is None:
        raise InputError(str(path), "HTML page without readable main text (truncated, empty or only scripts)")
    return doc


# --- JSON ---------------------------------------------------------------------------------

_TEXT_KEYS = ("maintext", "text", "body", "articleBody", "article_body", "content", "fulltext", "full_text", "description")
_HTML_KEYS = ("html", "raw_html", "rawHtml", "content_html")
_TITLE_KEYS = ("title", "headline", "title_page", "name")
_DATE_KEYS = ("date_publish", "published", "published_at", "publishedAt", "datePublished", "pubDate", "date", "publish_date", "created_at")
_AUTHOR_KEYS = ("authors", "author", "byline", "creator")
_OUTLET_KEYS = ("source_domain", "outlet", "source", "sitename", "site_name", "publisher", "domain")


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


def _record_doc(path: Path, obj: Any, *, doc_id: str, record: int | None, fmt: str, size: int, where: str) -> Document:
    """Turn one JSON record into a document (raises ``InputError`` naming the record)."""
    if not isinstance(obj, Mapping):
        raise InputError(str(path), f"{where}: expected a JSON object with the article, got {type(obj).__name__}")
    text = _first(obj, _TEXT_KEYS)
    url = _as_text(_first(obj, ("url", "link", "uri", "canonical_url")))
    source = SourceRef(str(path), format=fmt, record=record, encoding="utf-8", encoding_reason="JSON", byte_size=size, url=url)
    doc: Document | None
    if not isinstance(text, str) or not text.strip():
        page = _first(obj, _HTML_KEYS)
        if isinstance(page, str) and page.strip():
            doc = document_from_html(page, doc_id=doc_id, source=source, url=url)
            if doc is None:
                raise InputError(str(path), f"{where}: HTML without readable main text")
            source.offsets_base = "record" if source.offsets_base == "file" else source.offsets_base
        else:
            keys = ", ".join(sorted(map(str, obj))[:12])
            raise InputError(str(path), f"{where}: no article text (looked for {', '.join(_TEXT_KEYS[:5])}…; record has {keys})")
    else:
        source.offsets_base = "record"
        doc = Document(id=doc_id, original=text, source=source)
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


def _read_json(path: Path, data: bytes, size: int) -> Iterator[Document | InputError]:
    _check_binary(path, data)
    text, _, _ = decode_bytes(data, str(path))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        # Maybe JSON Lines saved as .json.
        if text.lstrip().startswith("{") and "\n{" in text:
            yield from _jsonl_lines(path, io.StringIO(text), size)
            return
        raise InputError(str(path), f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if isinstance(obj, list):
        if not obj:
            raise InputError(str(path), "empty JSON list")
        for n, item in enumerate(obj, 1):
            try:
                yield _record_doc(path, item, doc_id=f"{_stem(path)}-{n}", record=n, fmt="json", size=size, where=f"record {n}")
            except InputError as exc:
                yield exc
    else:
        if isinstance(obj, Mapping) and isinstance(obj.get("articles"), list):
            for n, item in enumerate(obj["articles"], 1):
                try:
                    yield _record_doc(path, item, doc_id=f"{_stem(path)}-{n}", record=n, fmt="json", size=size, where=f"article {n}")
                except InputError as exc:
                    yield exc
            return
        yield _record_doc(path, obj, doc_id=_stem(path), record=None, fmt="json", size=size, where="document")


def _read_jsonl(path: Path, size: int) -> Iterator[Document | InputError]:
    with path.open("rb") as fh:
        head = fh.read(8192)
        _check_binary(path, head)
        fh.seek(0)
        encoding = "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            encoding = "utf-16"
        stream = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
        yield from _jsonl_lines(path, stream, size)


def _jsonl_lines(path: Path, stream: Iterable[str], size: int) -> Iterator[Document | InputError]:
    stem = _stem(path)
    lineno = 0
    it = iter(stream)
    while True:
        lineno += 1
        try:
            line = next(it)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield InputError(str(path), f"line {lineno}: not valid UTF-8 ({exc.reason}); the rest of the file cannot be read")
            return
        if not line.strip():
            continue
        if len(line) > MAX_RECORD_BYTES:
            yield InputError(str(path), f"line {lineno}: record too large ({len(line) / 1e6:.0f} MB)")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield _record_doc(path, obj, doc_id=f"{stem}-{lineno}", record=lineno, fmt="jsonl", size=size, where=f"line {lineno}")
        except InputError as exc:
            yield exc


# --- WARC ---------------------------------------------------------------------------------


def _read_warc(path: Path, size: int) -> Iterator[Document | InputError]:
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:  # warcio is a core dependency; say so if it is missing
        raise InputError(str(path), "reading WARC files needs warcio (pip install warcio)") from exc
    stem = _stem(path)
    n = 0
    found_any = False
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                http = record.http_headers
                ctype = (http.get_header("Content-Type") if http else "") or ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"response {n} ({url})"
                try:
                    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
                    if len(payload) > MAX_RECORD_BYTES:
                        yield InputError(str(path), f"{where}: payload too large")
                        continue
                    if http and http.get_statuscode() and not http.get_statuscode().startswith("2"):
                        yield InputError(str(path), f"{where}: HTTP status {http.get_statuscode()}, no article")
                        continue
                    doc = _warc_doc(path, payload, ctype, url, record, n, stem, size)
                except InputError as exc:
                    yield InputError(str(path), f"{where}: {exc.reason}")
                    continue
                if doc is None:
                    yield InputError(str(path), f"{where}: HTML page without readable main text")
                    continue
                found_any = True
                yield doc
        except ArchiveLoadFailed as exc:
            raise InputError(str(path), f"not a readable WARC file: {str(exc)[:200]}") from exc
    if n == 0 and not found_any:
        raise InputError(str(path), "WARC file without HTML response records")


def _warc_doc(path: Path, payload: bytes, ctype: str, url: str | None, record: Any, n: int, stem: str, size: int) -> Document | None:
    declared = None
    if "charset=" in ctype.lower():
        declared = ctype.lower().split("charset=")[-1].split(";")[0].strip().strip('"') or None
    from lagebild.ingest.decode import declared_charset

    page, encoding, reason = decode_bytes(payload, str(path), declared=declared or declared_charset(payload))
    crawl = None
    date = parse_date_string(record.rec_headers.get_header("WARC-Date"))
    if date is not None and date.value:
        try:
            crawl = datetime.fromisoformat(date.value).replace(tzinfo=UTC)
        except ValueError:
            crawl = None
    source = SourceRef(str(path), format="warc", record=n, encoding=encoding, encoding_reason=reason, byte_size=size, url=url)
    doc = document_from_html(page, doc_id=f"{stem}-{n}", source=source, url=url, crawl=crawl)
    if doc is not None and source.offsets_base == "file":
        source.offsets_base = "record"  # offsets into the decoded HTML payload of response ``n``
    return doc
