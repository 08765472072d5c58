"""Decode bytes to text, recording which encoding was chosen and why."""

from __future__ import annotations

import codecs

from lagebild.errors import InputError

__all__ = ["decode_bytes", "looks_binary"]

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
}


_CANDIDATES = ["cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1251", "koi8_r", "mac_roman", "cp850"]


def looks_binary(data: bytes) -> str | None:
    """Return what the bytes look like if they are not text, else ``None``."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def decode_bytes(data: bytes, path: str) -> tuple[str, str, str]:
    """Return ``(text, encoding, reason)``; raise ``InputError`` if no encoding fits."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, "byte order mark"
            except UnicodeDecodeError as exc:
                raise InputError(path, f"has a {enc} byte order mark but does not decode: {exc.reason}") from exc
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        # Restricted to the encodings news files really use: unrestricted detection picks
        # CJK code pages for short German Windows-1252 text.
        best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    except Exception:  # the detector is a helper, never a reason to fail
        best = None
    if best is not None and best.encoding:
        return str(best), best.encoding, f"detected by charset-normalizer (chaos {best.chaos:.2f})"
    try:
        return data.decode("cp1252"), "cp1252", "fallback: not UTF-8, Windows-1252 decodes"
    except UnicodeDecodeError as exc:
        raise InputError(path, "cannot be decoded as text (not UTF-8, UTF-16 or Windows-1252)") from exc
