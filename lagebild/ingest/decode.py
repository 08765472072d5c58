"""Decode bytes to text, recording which encoding was chosen and why.

Order of evidence: a byte order mark; UTF-16 without a mark (NUL bytes in every other
position); valid UTF-8; for HTML the charset the page declares; charset-normalizer restricted
to the code pages news files really use; Windows-1252 as the last resort.
"""

from __future__ import annotations

import codecs
import re

from lagebild.errors import InputError

__all__ = ["decode_bytes", "decode_html", "declared_charset", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an MS Office document",
    b"\x1f\x8b": "gzip-compressed data",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"RIFF": "a RIFF media file",
    b"OggS": "an Ogg media file",
    b"ID3": "an MP3 file",
    b"\x00\x00\x00\x18ftyp": "an MP4 video",
    b"\x00\x00\x00\x20ftyp": "an MP4 video",
    b"SQLite format 3": "an SQLite database",
}

_CANDIDATES = ["cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1251", "koi8_r", "mac_roman", "cp850"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _utf16_without_bom(head: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` when ASCII-heavy text shows NULs in every other byte."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    n = min(len(even), len(odd))
    if n == 0:
        return None
    zeros_even = even.count(0) / n
    zeros_odd = odd.count(0) / n
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> str | None:
    """Return what the bytes look like if they are not text, else ``None``."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    # Many control characters other than whitespace: not a text file.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary data (control characters)"
    return None


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in its first 4 KB, normalised, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "ignore")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, path: str, *, declared: str | None = None) -> tuple[str, str, str]:
    """Return ``(text, encoding, reason)``; raise ``InputError`` if no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, "byte order mark"
            except UnicodeDecodeError as exc:
                raise InputError(path, f"has a {enc} byte order mark but does not decode: {exc.reason}") from exc
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return data.decode(utf16), utf16, "no byte order mark; NUL bytes in every other position"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        # Pages often declare latin-1 but mean Windows-1252 (as browsers do, per the HTML spec).
        enc = "cp1252" if declared in ("latin-1", "iso8859-1", "ascii") else declared
        try:
            return data.decode(enc), enc, f"declared by the page ({declared}), not valid UTF-8"
        except UnicodeDecodeError:
            pass
    try:
        from charset_normalizer import from_bytes

        # Restricted to the encodings news files really use: unrestricted detection picks
        # CJK code pages for short German Windows-1252 text.
        best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    except Exception:  # the detector is a helper, never a reason to fail
        best = None
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            # Single-byte code pages often decode German text identically; then say Windows-1252.
            try:
                if best.encoding != "cp1252" and data.decode("cp1252") == text:
                    return text, "cp1252", f"detected by charset-normalizer ({best.encoding}, identical as Windows-1252)"
            except UnicodeDecodeError:
                pass
            return text, best.encoding, f"detected by charset-normalizer (chaos {best.chaos:.2f})"
    try:
        return data.decode("cp1252"), "cp1252", "fallback: not UTF-8, Windows-1252 decodes"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", "fallback: not UTF-8 or Windows-1252; Latin-1 decodes any bytes"


def decode_html(data: bytes, path: str) -> tuple[str, str, str]:
    """Decode an HTML page, taking the charset it declares into account."""
    return decode_bytes(data, path, declared=declared_charset(data))
