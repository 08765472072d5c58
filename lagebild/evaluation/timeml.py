"""Read and write TimeML documents: a ``<DCT>`` and a ``<TEXT>`` with inline ``<TIMEX3>`` tags.

Only what a temporal-expression evaluation needs: the plain text, the document creation
time, and each TIMEX3's character span, type, value and mod. Other inline tags (EVENT,
SIGNAL, …) are dropped from the text but kept out of the way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TimeMLDoc", "Timex3", "read_timeml", "write_timeml"]


@dataclass(slots=True)
class Timex3:
    """One TIMEX3 over ``TimeMLDoc.text[start:end]``."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    tid: str = ""


@dataclass(slots=True)
class TimeMLDoc:
    """A TimeML document reduced to its plain text, DCT value and TIMEX3 list."""

    doc_id: str
    text: str
    dct: str | None
    timexes: list[Timex3] = field(default_factory=list)


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(raw)}


def _parse_inline(body: str) -> tuple[str, list[Timex3]]:
    """Strip tags from ``body``; return the text and TIMEX3 spans over it."""
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex3] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, raw, selfclosing = m.group(1), m.group(2).upper(), m.group(3) or "", m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex:
                start, attrs = open_timex.pop()
                timexes.append(Timex3(start, length, attrs.get("type", "DATE"), attrs.get("value") or None, attrs.get("mod"), attrs.get("tid", "")))
        elif not selfclosing:
            open_timex.append((length, _attrs(raw)))
    chunk = html.unescape(body[pos:])
    out.append(chunk)
    timexes.sort(key=lambda t: (t.start, -t.end))
    return "".join(out), timexes


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read one TimeML file (``.tml``/``.xml``)."""
    raw = Path(path).read_text("utf-8", errors="replace")
    doc_id = Path(path).name
    for suffix in (".tml", ".xml", ".TE3input"):
        if doc_id.endswith(suffix):
            doc_id = doc_id[: -len(suffix)]
    m = re.search(r"<DOCID>(.*?)</DOCID>", raw, re.S)
    if m:
        doc_id = m.group(1).strip()
    dct = None
    dm = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    if dm:
        tm = re.search(r"<TIMEX3\b([^>]*)>", dm.group(1))
        if tm:
            dct = _attrs(tm.group(1)).get("value")
        else:
            dct = dm.group(1).strip() or None
    tx = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body = tx.group(1) if tx else raw
    text, timexes = _parse_inline(body)
    return TimeMLDoc(doc_id, text, dct, timexes)


def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def write_timeml(doc: TimeMLDoc, path: str | Path) -> Path:
    """Write ``doc`` as TimeML with inline TIMEX3 tags (overlapping ones are skipped)."""
    parts = []
    pos = 0
    n = 0
    for t in sorted(doc.timexes, key=lambda t: (t.start, -t.end)):
        if t.start < pos or t.end > len(doc.text) or t.end <= t.start:
            continue
        n += 1
        attrs = f'tid="{t.tid or "t" + str(n)}" type="{t.type}" value="{html.escape(t.value or "", quote=True)}"'
        if t.mod:
            attrs += f' mod="{t.mod}"'
        parts.append(_esc(doc.text[pos : t.start]))
        parts.append(f"<TIMEX3 {attrs}>{_esc(doc.text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    parts.append(_esc(doc.text[pos:]))
    dct = f'<TIMEX3 tid="t0" type="DATE" value="{doc.dct}" functionInDocument="CREATION_TIME">{doc.dct}</TIMEX3>' if doc.dct else ""
    out = (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{_esc(doc.doc_id)}</DOCID>\n<DCT>{dct}</DCT>\n<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n"
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out, "utf-8")
    return path
