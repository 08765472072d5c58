"""Convert WikiWarsDE (ACE TIMEX2, inline keys) to TimeML TIMEX3 files for ``lagebild eval time``.

DCT: the corpus' own document creation time (the download date 2011-02-16, its DATETIME);
it is not a publication date, which is why the tagger's ``auto`` mode reads these history
texts as narratives. TIMEX2 → TIMEX3: ``val`` becomes ``value``; the type is derived from
the value (``P…`` DURATION, ``set="YES"``/``XXXX-WXX-…`` SET, a time part TIME, else DATE);
``mod`` is kept; expressions without a value keep an empty value. Nested TIMEX2 tags keep
only the outermost one (TIMEX3 does not nest).

Split (deterministic, by document number): odd-numbered documents (01, 03, …, 21) are the
development part the rules were written against; even-numbered documents (02, 04, …, 22)
are held out and only scored.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from lagebild.evaluation.timeml import TimeMLDoc, Timex3, write_timeml

__all__ = ["command", "convert", "split_of"]

_TAG = re.compile(r"<(/?)TIMEX2\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def split_of(doc_id: str) -> str:
    """Return "dev" for odd-numbered WikiWarsDE documents, "test" for even-numbered ones."""
    m = re.match(r"(\d+)", doc_id)
    return "dev" if m and int(m.group(1)) % 2 == 1 else "test"


def _type_of(value: str, attrs: dict[str, str]) -> str:
    if attrs.get("set", "").upper() == "YES" or value.startswith("XXXX-WXX"):
        return "SET"
    if value.startswith("P"):
        return "DURATION"
    if re.search(r"T(\d|MO|MI|AF|EV|NI|DT)", value):
        return "TIME"
    return "DATE"


def convert_file(path: Path) -> TimeMLDoc:
    """Read one ``keyinline/*.key.xml`` file into a ``TimeMLDoc``."""
    raw = path.read_text("utf-8")
    doc_id = re.search(r"<DOCID>(.*?)</DOCID>", raw, re.S).group(1).strip()  # type: ignore[union-attr]
    dt = re.search(r"<DATETIME>.*?val=\"([^\"]+)\"", raw, re.S)
    dct = dt.group(1)[:10] if dt else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)  # type: ignore[union-attr]
    text_parts: list[str] = []
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex3] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = body[pos : m.start()]
        text_parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(1):
            if stack:
                start, attrs = stack.pop()
                if not stack:  # keep the outermost only
                    value = attrs.get("val", "")
                    timexes.append(Timex3(start, length, _type_of(value, attrs), value or None, attrs.get("mod")))
        else:
            stack.append((length, dict(_ATTR.findall(m.group(2)))))
    text_parts.append(body[pos:])
    return TimeMLDoc(doc_id, "".join(text_parts), dct, timexes)


def convert(src: Path, out: Path) -> dict[str, int]:
    """Convert every document under ``src`` (the WikiWarsDE folder) into ``out/dev`` and ``out/test``."""
    key_dir = src / "keyinline" if (src / "keyinline").is_dir() else src
    counts = {"dev": 0, "test": 0}
    for path in sorted(key_dir.glob("*.key.xml")):
        doc = convert_file(path)
        part = split_of(doc.doc_id)
        write_timeml(doc, out / part / f"{doc.doc_id}.tml")
        counts[part] += 1
    return counts


@click.command("wikiwars")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def command(src: Path, out: Path) -> None:
    """Convert WikiWarsDE (TIMEX2) into TimeML folders OUT/dev and OUT/test.

    Example: python -m lagebild.evaluation.wikiwars ../shared/data/wikiwarsde_timex/WikiWarsDE_20110412 data/wikiwars
    """
    counts = convert(src, out)
    click.echo(f"dev: {counts['dev']} documents, test: {counts['test']} documents → {out}")


if __name__ == "__main__":
    command()
