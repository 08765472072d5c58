"""Decode bytes to text, recording which encoding was chosen and why.

Order of evidence: a byte order mark; UTF-16 without a mark (NUL bytes in every other
position); valid UTF-8; UTF-8 with some lines in another encoding (decoded line by line, see
``decode_mixed``); for HTML the charset the page declares; charset-normalizer restricted to the
code pages news files really use; Windows-1252 as the last resort.
"""

from __future__ import annotations

import codecs
import re

from lagebild.errors import InputError

__all__ = ["declared_charset", "decode_bytes", "decode_html", "decode_line", "decode_mixed", "looks_binary", "utf8_evidence"]

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


# A well-formed multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates). Single-byte
# code pages almost never produce these by chance ("Ã¼" in Windows-1252 would).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def utf8_evidence(data: bytes) -> int:
    """Count well-formed multi-byte UTF-8 sequences in ``data`` that make a plausible character
    (evidence that it is UTF-8). Two-byte sequences count only for Latin, Greek and Cyrillic
    letters and signs: Windows-1252 "ß“" is well-formed UTF-8 too, but reads as an N'Ko letter."""
    n = 0
    for seq in _UTF8_MULTI.findall(data):
        if len(seq) > 2 or ord(seq.decode("utf-8")) <= 0x052F:
            n += 1
    return n


def _single_byte(data: bytes, enc: str) -> str:
    return data.decode(enc, "replace") if enc != "latin-1" else data.decode("latin-1")


def decode_line(line: bytes, fallback: str = "cp1252") -> tuple[str, str]:
    """Decode one line: UTF-8 if it is; else, when its UTF-8 characters outnumber its stray
    bytes, UTF-8 with the stray bytes read in ``fallback``; else the whole line in ``fallback``.
    Returns ``(text, how)`` with ``how`` one of ``"utf-8"``, ``"utf-8+<fallback>"``, ``"<fallback>"``."""
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    out: list[str] = []
    pos = bad = 0
    while pos < len(line):
        try:
            out.append(line[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            out.append(line[pos : pos + exc.start].decode("utf-8"))
            out.append(_single_byte(line[pos + exc.start : pos + exc.end], fallback))
            pos += exc.end
            bad += 1
    if utf8_evidence(line) > bad:
        return "".join(out), f"utf-8+{fallback}"
    return _single_byte(line, fallback), fallback


def decode_mixed(data: bytes, fallback: str) -> tuple[str, str]:
    """Decode ``data`` line by line (``decode_line``); return the text and a reason naming the
    lines that were not UTF-8 (so the choice is on record)."""
    parts: list[str] = []
    other: list[int] = []
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        text, how = decode_line(line, fallback)
        parts.append(text)
        if how != "utf-8":
            other.append(n)
    shown = ", ".join(map(str, other[:10])) + (" …" if len(other) > 10 else "")
    reason = f"mixed: UTF-8, with {len(other)} line(s) not valid UTF-8 read as {fallback} (line {shown})"
    return "".join(parts), reason


def _fallback_codepage(data: bytes, declared: str | None) -> str:
    """The single-byte code page for the parts of a file that are not UTF-8."""
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        return "cp1252" if declared in ("latin-1", "iso8859-1", "ascii") else declared
    if sum(1 for b in data[:200_000] if b >= 0x80) < 50:
        return "cp1252"  # too few letters to tell code pages apart: the most common one
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    except Exception:  # the detector is a helper, never a reason to fail
        best = None
    if best is not None and best.encoding and best.encoding in _CANDIDATES:
        try:
            if data.decode("cp1252") == data.decode(best.encoding):
                return "cp1252"
        except UnicodeDecodeError:
            pass
        return str(best.encoding)
    return "cp1252"


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
    if any(_is_utf8(ln) and utf8_evidence(ln) for ln in data.splitlines()) or _mostly_utf8(data):
        # UTF-8 with a few bad bytes, or lines pasted from another encoding: decoding the whole
        # file as a code page would garble every umlaut that is correct UTF-8.
        bad_lines = b"".join(ln for ln in data.splitlines(keepends=True) if not _is_utf8(ln))
        fallback = _fallback_codepage(bad_lines, declared)
        text, reason = decode_mixed(data, fallback)
        return text, f"utf-8/{fallback} per line", reason
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


def _mostly_utf8(data: bytes) -> bool:
    """More well-formed UTF-8 characters than stray bytes: UTF-8 with a few damaged bytes."""
    evidence = utf8_evidence(data)
    return evidence > 0 and evidence >= len(data.decode("utf-8", "replace")) - len(data.decode("utf-8", "ignore"))


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, path: str) -> tuple[str, str, str]:
    """Decode an HTML page, taking the charset it declares into account."""
    return decode_bytes(data, path, declared=declared_charset(data))
