"""Render text with nested highlight marks as safe HTML (all article text is escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

__all__ = ["Mark", "render_marked"]


@dataclass(frozen=True)
class Mark:
    """A highlighted range; ``href`` makes the range a link, ``after_href`` adds a small link after it."""

    start: int
    end: int
    css: str
    title: str = ""
    attrs: Mapping[str, str] = field(default_factory=dict)
    href: str | None = None
    after_href: str | None = None
    note: str | None = None  # a short visible note after the range, e.g. a date's calendar value


def _open_tag(mark: Mark) -> str:
    attrs = "".join(f' {escape(k)}="{escape(v)}"' for k, v in sorted(mark.attrs.items()))
    tag = "a" if mark.href else "span"
    href = f' href="{escape(mark.href)}"' if mark.href else ""
    return f'<{tag} class="{escape(mark.css)}" title="{escape(mark.title)}"{href}{attrs}>'


def render_marked(text: str, marks: Iterable[Mark]) -> Markup:
    """Escape ``text`` and wrap the marked ranges; marks crossing an earlier one are dropped.

    Earlier marks in ``marks`` win ties, so callers list the mark that must survive first.
    """
    ordered = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end)
    )
    kept: list[Mark] = []
    stack: list[Mark] = []
    for mark in ordered:
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            continue  # crosses its enclosing mark: HTML cannot nest it
        if any(m.href for m in stack) and (mark.href or mark.after_href):
            mark = Mark(mark.start, mark.end, mark.css, mark.title, mark.attrs, note=mark.note)  # no links inside links
        kept.append(mark)
        stack.append(mark)
    events: list[tuple[int, int, int, Mark]] = []
    for i, mark in enumerate(kept):
        events.append((mark.start, 1, i, mark))
        events.append((mark.end, 0, -i, mark))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    pos = 0
    for at, is_open, _, mark in events:
        out.append(str(escape(text[pos:at])))
        pos = at
        if is_open:
            out.append(_open_tag(mark))
        else:
            out.append("</a>" if mark.href else "</span>")
            if mark.note:
                out.append(f'<span class="note" aria-hidden="true">{escape(mark.note)}</span>')
            if mark.after_href:
                out.append(f'<a class="go" href="{escape(mark.after_href)}" title="{escape(mark.title)}" aria-label="open">↗</a>')
    out.append(str(escape(text[pos:])))
    return Markup("".join(out).replace("\n", "<br>\n"))
