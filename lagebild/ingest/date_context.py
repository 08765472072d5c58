"""What stands right beside a date in a line: the time of day after it, the label of an event before it.

The header parsers (``headers``) and the page-date rules (``page_dates``) both read these; they live here so that
neither imports the other for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild.ingest import cue_data

__all__ = ["CLOCK", "TIME", "ZONE", "among_event_details", "event_date", "event_details"]

_CUES = cue_data.header_cues()

#: the time zone after a header time: European and US abbreviations and those of the news sites of other
#: regions (Moscow, India, Pakistan, Indonesia, Japan, Korea, Hong Kong, Singapore, Australia), or an offset
ZONE = (r"(?:MEZ|MESZ|OEZ|OESZ|CET|CEST|EET|EEST|WET|WEST|MSK|IST|PKT|WIB|WITA|WIT|JST|KST|HKT|SGT|AEST|AEDT|"
        r"UTC|GMT|ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|BST)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?(?!\w)")
#: a time of day right after a date, after a separator, the word for "at" of the languages header lines are written in
#: (German, English, French, Spanish, Italian, Dutch, Portuguese, Finnish "klo", Scandinavian "kl.", Polish "godz."),
#: or both ("12.03.2024, um 14:05 Uhr"); compile with re.IGNORECASE
CLOCK = (r"(?:\s*(?:[,|/•·–-]\s*)?(?:(?:um|at|à|a\s+las|alle|ore|om|às|klo|kl\.|godz\.|saat)\s*)?"
         r"(?P<hh>[01]?\d|2[0-3])[:.h](?P<mi>[0-5]\d)(?::[0-5]\d)?\s*(?:uhr|hrs?\.?|h|(?P<ampm>[ap]\.?m\.?))?"
         rf"(?:\s*{ZONE})?)")
#: the same, or nothing: a date with or without its time
TIME = CLOCK + "?"

#: what links an event label to its date: a colon or a linking word ("Termin: …", "Einsendeschluss ist der …")
_EVENT_LINK = r"(?:\s*:|\s+(?:ist|is|am|on|le|el|il))"
#: a label of something the page announces right before its date ("Termin: 12.03.2024", "Einsendeschluss ist der
#: 12.03.2024", "Deadline: March 12, 2024"), a weekday between them allowed; a word that also names a section
#: ("Termine", "Premiere") labels a date only with its colon or linking word ("Anna Muster | Termine 12.03.2024")
_EVENT_LABEL = re.compile(
    rf"(?<![\w-])(?:(?P<event>{cue_data.alternation(_CUES['event'])})(?![\w-]){_EVENT_LINK}?"
    rf"|(?P<section>{cue_data.alternation(_CUES['event_section'])})(?![\w-]){_EVENT_LINK}"
    # "Bewerbungsfrist:", "Meldeschluss:": a compound ending in a deadline's or a start's word, with its colon or link,
    # unless its first part names the page's own publication ("Redaktionsschluss:", "Veröffentlichungstermin:")
    rf"|(?<![\w-])(?![^\W\d_]*(?:{cue_data.alternation(_CUES['publication_head'])})"
    rf"(?:{cue_data.alternation(_CUES['event_head'])})(?![\w-]))"
    rf"[^\W\d_]{{2,}}(?P<head>{cue_data.alternation(_CUES['event_head'])})(?![\w-]){_EVENT_LINK})\s*(?:[^\W\d_]+,?\s*)?$",
    re.IGNORECASE,
)
#: a label of the page's own publication that holds an event word ("Press release: 14.11.2019"): its date is the page's
_PUBLICATION_LABEL = re.compile(rf"(?<![\w-])(?:{cue_data.alternation(cue_data.cues('publication_release'))})$",
                                re.IGNORECASE)


def event_date(text: str, pos: int) -> bool:
    """Whether the date at ``text[pos]`` follows the label of an event, a deadline or an appointment in its line, or
    stands among an event's details (``event_details``)."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 40)
    m = _EVENT_LABEL.search(text, start, pos)
    if m is None:
        return event_details(text, pos)
    cue_end = next(m.end(g) for g in ("event", "section", "head") if m[g] is not None)
    return _PUBLICATION_LABEL.search(text, start, cue_end) is None  # "Press release:" ends where its event word does


#: an event's detail label opening a line or a part of one after a separator ("Ort: Rathaus", "… | Uhrzeit: 19 Uhr")
_DETAIL = re.compile(rf"(?:^|[|•·;/]|\s[–-]\s)\s*(?:{cue_data.alternation(_CUES['event_detail'])})\s*:", re.IGNORECASE)
#: how long a line of an event's details may be, and how many lines before and after the date's are looked at
_DETAIL_LINE = 80
_DETAIL_REACH = 2


def event_details(text: str, pos: int) -> bool:
    """Whether the date at ``text[pos]`` stands among an event's details (``among_event_details`` of its line)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return among_event_details(text[start:end], _lines_before(text, start), _lines_after(text, end))


def among_event_details(line: str, before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a dated ``line`` stands among an event's details: it holds a detail label itself ("Datum: 20.03.2024 |
    Ort: Rathaus"), or one of the short lines nearest it (``before`` it, nearest last; ``after`` it, nearest first;
    blank lines skipped) opens with one ("Ort: Rathaus", "Uhrzeit: 19 Uhr"). A page's own stamp stands beside a
    byline or a headline, not beside a venue."""
    if _DETAIL.search(line):
        return True
    near = [*[b.strip() for b in reversed(before) if b.strip()][:_DETAIL_REACH],
            *[a.strip() for a in after if a.strip()][:_DETAIL_REACH]]
    return any(len(ln) <= _DETAIL_LINE and _DETAIL.match(ln) for ln in near)


def _lines_before(text: str, start: int) -> list[str]:
    """The ``_DETAIL_REACH`` non-blank lines that end before ``text[start]``, in text order."""
    out: list[str] = []
    end = start - 1
    while end > 0 and len(out) < _DETAIL_REACH:
        begin = text.rfind("\n", 0, end) + 1
        if text[begin:end].strip():
            out.insert(0, text[begin:end])
        end = begin - 1
    return out


def _lines_after(text: str, end: int) -> list[str]:
    """The ``_DETAIL_REACH`` non-blank lines that start after ``text[end]``."""
    out: list[str] = []
    begin = end + 1
    while begin < len(text) and len(out) < _DETAIL_REACH:
        stop = text.find("\n", begin)
        stop = len(text) if stop < 0 else stop
        if text[begin:stop].strip():
            out.append(text[begin:stop])
        begin = stop + 1
    return out
