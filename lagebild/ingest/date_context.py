"""What stands right beside a date in a line: the time of day after it, the label of an event before it.

The header parsers (``headers``) and the page-date rules (``page_dates``) both read these; they live here so that
neither imports the other for them.
"""

from __future__ import annotations

import re

from lagebild.ingest import cue_data

__all__ = ["CLOCK", "TIME", "ZONE", "event_date"]

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
    """Whether the date at ``text[pos]`` follows the label of an event, a deadline or an appointment in its line."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 40)
    m = _EVENT_LABEL.search(text, start, pos)
    if m is None:
        return False
    cue_end = next(m.end(g) for g in ("event", "section", "head") if m[g] is not None)
    return _PUBLICATION_LABEL.search(text, start, cue_end) is None  # "Press release:" ends where its event word does
