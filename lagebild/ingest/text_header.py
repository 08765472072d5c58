"""Header metadata of a plain-text article: its headline, publication date and byline.

**Headline** (``choose_title_line``): the line above the body that reads like its title. Text
copied from a web page starts with the site's menu, banners and widgets; the headline is
somewhere above the first body paragraph, often followed by a byline or date. Each line of the
header zone (up to ``LOOKBACK`` lines above the body) that could be a headline is scored:

- *cohesion*: how many of its content words recur in the first body paragraphs (a headline
  announces the article; menu items, banners and widget labels do not);
- *position*: the nearer to the body the better (counting only lines that are not date,
  author, reading-time or caption lines);
- *byline*: a date or author line right below it;
- *shape*: a headline has a few words and is not a sentence ending in a full stop, a label
  ending in a colon, a list item, a counter or a call to action (page-furniture words).

The highest score wins when it reaches ``MIN_SCORE``; otherwise the text has no recognisable
headline.

**Date** (``choose_header_date``) and **byline** (``choose_header_author``) are searched from a
few lines above the headline down to the first body lines, so that dates and names of teasers,
menus and comments elsewhere on the page are not taken. Nothing here knows a site, an outlet or
a language beyond general word lists.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from lagebild.ingest.date_context import CLOCK, event_date
from lagebild.ingest.headers import (
    author_line,
    byline_author,
    cited_date,
    date_end,
    dated_run,
    header_parts,
    life_date,
    name_over_role,
    on_day_in_sentence,
    opens_with_date,
    told_in_sentence,
    weekday_in_sentence,
)
from lagebild.ingest.page_dates import dateline_day, line_dates
from lagebild.model import DateValue

__all__ = [
    "LOOKBACK",
    "MIN_SCORE",
    "OTHER_DATES",
    "RELATED_BLOCK",
    "HeaderDate",
    "TitleLine",
    "choose_header_author",
    "choose_header_date",
    "choose_title_line",
    "header_window_start",
    "in_dated_list",
    "in_teaser_block",
    "teaser_headline",
    "under_related_heading",
]

#: how many lines above the first body paragraph can hold the headline
LOOKBACK = 40
#: lowest score of a headline (below it the text has none)
MIN_SCORE = -2.0
#: weights of the evidence (chosen on the tuning half of the trafilatura evaluation pages)
WEIGHTS = {"cohesion": 3.0, "distance": 0.2, "byline": 0.6}
#: lines removed for these reasons are header metadata, not headline candidates
_META_REASONS = frozenset({"date line", "author line", "reading time", "section", "photo caption", "fragment"})
_WORD = re.compile(r"\w+", re.UNICODE)
_LIST_ITEM = re.compile(r"^(?:[-–•*·▪►✓→]|\d{1,2}[.)])\s")
_COUNTER = re.compile(r"^\W*\d+(?:[.,]\d+)?\s*\w{0,12}\W*$")


class TitleLine(Protocol):
    """What the chooser needs of a line (``lagebild.ingest.boilerplate.Line`` has it)."""

    text: str
    kind: str
    reason: str | None


def _content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for w in (m.group().casefold() for m in _WORD.finditer(text)) if len(w) >= 3 and w not in stopwords]


def _shape(text: str, words: list[str], furniture: frozenset[str]) -> float | None:
    """Headline shape score, or ``None`` for a line that cannot be a headline."""
    n = len(words)
    if not 1 <= n <= 40 or not 3 <= len(text) <= 300 or text.endswith(":") or _LIST_ITEM.match(text) or _COUNTER.match(text):
        return None
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "„“\"'»«‚‘"):
        return None
    score = 0.0
    if n == 1:
        score -= 0.8
    elif n == 2:
        score -= 0.2
    if text.endswith(".") and not text.endswith("...") and n > 6:
        score -= 1.0  # a sentence, not a headline
    lowered = [w.casefold() for w in words]
    score -= 2.5 * sum(w in furniture for w in lowered) / n
    if "|" in text or (" / " in text and n <= 6):
        score -= 0.5  # navigation trail
    return score


def _is_byline(text: str) -> bool:
    """A line that dates or signs the article ("Veröffentlicht am …", "Redakteur Hans Meier") is no headline."""
    return any(kind in ("published", "modified") or start <= 3 for _, kind, start in line_dates(text, day_first=True)) or \
        author_line(text) is not None


def choose_title_line(lines: Sequence[TitleLine], first: int, *, stopwords: frozenset[str],
                      furniture: frozenset[str]) -> int | None:
    """Return the index of the headline among ``lines[:first]`` (``first`` = first body paragraph), or ``None``."""
    if first <= 0:
        return None
    body_words: set[str] = set()
    taken = 0
    for ln in lines[first:]:
        if ln.reason is None and ln.kind == "good":
            body_words.update(_content_words(ln.text, stopwords))
            taken += 1
            if taken >= 6:
                break
    best: tuple[float, int] | None = None
    distance = 0
    seen: set[str] = set()
    for i in range(first - 1, max(-1, first - 1 - LOOKBACK), -1):
        ln = lines[i]
        if ln.reason in _META_REASONS:
            continue
        distance += 1
        if ln.kind == "cue" or (ln.kind == "good" and len(ln.text) > 300):
            continue
        words = _WORD.findall(ln.text)
        shape = _shape(ln.text, words, furniture)
        if shape is not None and _is_byline(ln.text):
            continue
        key = ln.text.casefold()
        if shape is None or key in seen:
            continue
        seen.add(key)
        content = _content_words(ln.text, stopwords)
        hits = sum(w in body_words for w in content)
        # smoothed: one recurring word of a one-word line is weak evidence, four of five is strong
        cohesion = hits / (len(content) + 1) + 0.1 * min(hits, 4)
        byline = any(lines[j].reason in ("date line", "author line", "reading time")
                     for j in range(i + 1, min(i + 3, first)))
        score = shape + WEIGHTS["cohesion"] * cohesion - WEIGHTS["distance"] * math.log2(distance) + WEIGHTS["byline"] * byline
        if best is None or score > best[0]:
            best = (score, i)
    if best is None or best[0] < MIN_SCORE:
        return None
    return best[1]


#: lines above the headline that may still carry its date (kicker, breadcrumb, byline above)
ABOVE_TITLE = 3
#: without a headline: lines above the first body paragraph searched for a date
HEADER_LINES = 12
#: removal reasons of lines whose dates belong to something else: a photo's, a teaser's, a privacy notice's
#: ("Datenschutzerklärung (Stand: 01.01.2023)"), a newsletter's or an advertisement's
OTHER_DATES = frozenset({"photo caption", "related links", "copyright", "trailer", "comments widget", "teaser", "cookie notice",
                         "newsletter", "advertisement", "event date"})
#: how many removed lines under a related-links heading still belong to its block
RELATED_BLOCK = 4


def under_related_heading(lines: Sequence[TitleLine], i: int) -> bool:
    """Whether line ``i`` stands in the block under a related-links heading with a teaser's headline between
    them ("Mehr zum Thema" / "Busse fahren bald öfter" / "Artikel vom 03.01.2024"): only removed lines, none the
    text keeps. A menu under a heading ("Themen" / "Ehrenamt" / "Ehrenamt Jugendverbände 23.01.2020") is no teaser."""
    return in_teaser_block((lines[k].reason, lines[k].text) for k in range(i - 1, -1, -1))


def in_teaser_block(above: Iterable[tuple[str | None, str]]) -> bool:
    """Whether what stands ``above`` a piece (nearest first, as ``(removal reason, text)``, ``None`` for kept text)
    is a related-links heading with a teaser's headline under it, within ``RELATED_BLOCK`` removed pieces and with
    no kept text between: the one rule for the cleaner's lines and the header stage's removed pieces."""
    headline = False
    for n, (reason, text) in enumerate(above):
        if reason is None or n >= RELATED_BLOCK:
            return False
        if reason == "related links":
            return headline
        headline = headline or teaser_headline(text)
    return False


def teaser_headline(text: str) -> bool:
    """Whether a removed line reads as a teaser's headline: three words or more, no date in it."""
    return len(re.findall(r"[^\W\d_]+", text)) >= 3 and not any(ch.isdigit() for ch in text)


@dataclass(frozen=True)
class HeaderDate:
    """A publication date found in the header: the day, where it is written, and whether it is labelled so."""

    day: str
    line: int
    start: int  # offset of the date in its line
    labelled: bool
    updated: bool = False  # only an update date was found


def header_window_start(first: int, title_i: int | None) -> int:
    """First line of the header window: a few lines above the headline, at least ``HEADER_LINES`` above the body."""
    return max(0, min(first - HEADER_LINES, title_i - ABOVE_TITLE if title_i is not None else first))


#: a preposition right before a date makes it the date of something else ("Protokoll der Sitzung vom
#: 5.8.2019", "gültig bis 31.12.2024"); "am"/"on" stay possible ("Von Hans Meier am 12.03.2024")
_DATE_OF_SOMETHING = frozenset("vom seit bis ab zum zur nach gegen zwischen since until from till".split())


def _after_preposition(line: str, pos: int) -> bool:
    """A date of something else ("gültig bis 31.12.2024", "Termin: 12.03.2024", "geboren am 12.03.1960"), or one a
    sentence tells ("Am Sonntag, 21.01.2024, demonstrierten …", "Die Frist endet am Dienstag, 12.03.2024.")."""
    words = _WORD.findall(line[max(0, pos - 20) : pos])
    return (bool(words) and words[-1].casefold() in _DATE_OF_SOMETHING) or weekday_in_sentence(line, pos) or \
        on_day_in_sentence(line, pos) or event_date(line, pos) or life_date(line, pos)


#: the separator after a byline that a theme glues to the first paragraph ("By Ela on 31. October, 2023 | 18 Comments. …")
_BYLINE_END = re.compile(r"\s[|•·]\s")


def _byline_opening(line: str) -> str | None:
    """The day of a byline (a name and a date, nothing else) that opens a body-like line before a separator, else
    ``None``: a blog theme prints "By Ela on 31. October, 2023 | 18 Comments. This post may contain …" as one
    paragraph. A sentence ("Von den Plänen am 12.03.2024 | …") is no byline."""
    head = _BYLINE_END.split(line[:120], maxsplit=1)
    if len(head) < 2 or len(head[0]) > 80:
        return None
    return _signed_day(head[0])


def _told_in_sentence(line: str, pos: int) -> bool:
    """Whether the date at ``line[pos]`` stands inside a sentence of the lead ("Am Sonntag, 21.01.2024, demonstrierten …")."""
    end = date_end(line, pos)
    return end is not None and told_in_sentence(line, end)


def choose_header_date(lines: Sequence[TitleLine], first: int, title_i: int | None) -> HeaderDate | None:
    """Return the publication date written around the headline, or ``None``.

    The window runs from a few lines above the headline to the first body lines (which count
    only with a dateline: "Berlin, 12.03.2022 – …"). A date labelled as the publication wins;
    then the first plain date below the headline, then the nearest one above it, and only then
    the earliest update date; a media label's date ("Video vom …") last. Dates in the headline (but
    a media page's "Video vom …: <headline>") and numeric dates of unknown day/month order are not taken.
    """
    start = header_window_start(first, title_i)
    published: list[HeaderDate] = []
    below: list[HeaderDate] = []
    above: list[HeaderDate] = []
    updated: list[HeaderDate] = []
    media: list[HeaderDate] = []
    for i in range(start, min(len(lines), first + 3)):
        ln = lines[i]
        if i == title_i:
            # a media page's headline "Video vom 01.02.2024: Die Pressekonferenz" dates the clip the page shows
            media[:0] = [HeaderDate(day, i, pos, False) for day, kind, pos in line_dates(ln.text, day_first=True)[:1] if kind == "media"]
            continue
        if ln.reason in OTHER_DATES or under_related_heading(lines, i):
            continue
        if ln.kind == "good" and (i >= first or len(ln.text) > 200):
            day = dateline_day(ln.text)
            if day:
                below.append(HeaderDate(day, i, -1, False))
            elif (opening := _byline_opening(ln.text)) is not None:
                below.append(HeaderDate(opening, i, -1, False))
            continue
        if len(ln.text) > 250 or (ln.reason == "date line" and in_dated_list(lines, i, title_i, first)):
            continue
        for day, kind, pos in line_dates(ln.text, day_first=True):
            if kind == "published":
                published.append(HeaderDate(day, i, pos, True))
            elif kind == "printed" and not _after_preposition(ln.text, pos) and not (ln.kind == "good" and _told_in_sentence(ln.text, pos)):
                if cited_date(ln.text, pos):
                    continue  # "Quelle: Financial Times, 24.3.2020" under a chart: the cited piece's date
                if dated_run(lines, i, lambda line: opens_with_date(line.text)):
                    continue  # "[ 26. Februar 2024 ] Neue Funktionen im Test" among more such lines: a list of latest posts
                (below if title_i is None or i > title_i else above).append(HeaderDate(day, i, pos, False))
            elif kind == "modified":
                updated.append(HeaderDate(day, i, pos, False, updated=True))
            elif kind == "media":
                media.append(HeaderDate(day, i, pos, False))
    if published:
        return published[0]
    if below:
        return below[0]
    if above:
        return above[-1]
    # only an update date ("Mis à jour le 12 mars 2024", "Updated 21:22, 6 OCT 2020"): the page as
    # it was read was published then, and the first version cannot be later
    if updated:
        return min(updated, key=lambda d: d.day)
    # "Video vom 01.02.2024" dates a clip: the page's own only when nothing else in the header dates it (an article
    # embeds older videos and teases earlier episodes), the headline's own label first
    return _date_among_first_paragraphs(lines, first) or (media[0] if media else None)


#: the lines from one dated teaser to the next in a list ("more stories": headline, date, section …)
_LIST_STRIDES = (2, 3, 4)


def _bare_date_line(line: TitleLine) -> bool:
    """A line of a date without a label ("18. Januar 2019"): a teaser's date is not labelled as a publication."""
    return line.reason == "date line" and getattr(line, "date", None) is not None and not getattr(line, "date_keyword", "")


def _under_headline(lines: Sequence[TitleLine], i: int, title_i: int | None) -> bool:
    """Whether ``lines[i]`` follows the headline ``lines[title_i]`` with nothing but bylines between them."""
    return title_i is not None and title_i < i and all(author_line(ln.text) for ln in lines[title_i + 1 : i])


def in_dated_list(lines: Sequence[TitleLine], i: int, title_i: int | None = None, first: int | None = None) -> bool:
    """Whether the date line ``lines[i]`` is one of a list of dated teasers: three unlabelled date lines at the same
    distance (a headline, its date and a section word, then the next headline …), ``headers.dated_run``. A page's
    own date above such a list stands at another distance from its first teaser; a list whose first date stands
    right under the page's headline ``lines[title_i]``, a byline between them at most, starts with the page's own
    date, and teasers follow it; a date between the page's headline and its first body paragraph (``first``) is the
    page's own, however many teasers with their dates stand above the headline."""
    if first is not None and i + 1 == first and _under_headline(lines, i, title_i):
        return False
    return dated_run(lines, i, _bare_date_line, strides=_LIST_STRIDES, opens_page=_under_headline(lines, i, title_i))


#: body paragraphs at the top of the article that may still open with its dateline or stand over its byline
FIRST_PARAGRAPHS = 3


def _date_among_first_paragraphs(lines: Sequence[TitleLine], first: int) -> HeaderDate | None:
    """A date below the header window but among the first body paragraphs, or ``None``.

    Two forms only, both unmistakably the article's own: a dateline opening one of the first
    ``FIRST_PARAGRAPHS`` body paragraphs ("27.1.2022 - Bei der Erinnerung …", after a teaser and
    a byline), and a byline stamp between them, a line of a date, its time and the author
    ("18.03.2020 13:15 Uhr Autor/in: Korinna Hennig"). A date inside a sentence, in a caption, or
    after the first paragraphs (a reader's comment, a dated list) is not taken.
    """
    body = 0
    for i in range(first, len(lines)):
        ln = lines[i]
        if ln.kind == "good" and ln.reason is None:
            body += 1
            if body > FIRST_PARAGRAPHS:
                break
        if i < first + 3 or ln.reason in OTHER_DATES:
            continue  # the header window's own lines were read already
        if ln.kind == "good" and ln.reason is None:
            day = dateline_day(ln.text)
            if day:
                return HeaderDate(day, i, -1, False)
        elif len(ln.text) <= 160:
            stamp = [d for d in line_dates(ln.text, day_first=True) if d[2] == 0 and d[1] != "modified"]
            if stamp and _CLOCK.match(ln.text, _date_end(ln.text)) and byline_author(ln.text):
                return HeaderDate(stamp[0][0], i, 0, False)
            if ln.reason == "author line" and _body_follows(lines, i) and (signed := _signed_day(ln.text)) is not None:
                return HeaderDate(signed, i, -1, False)
    return None


#: kept body paragraphs that must follow a byline among the first paragraphs: it opens the article, not a comment
BODY_AFTER_BYLINE = 2


def _body_follows(lines: Sequence[TitleLine], i: int) -> bool:
    """Whether ``BODY_AFTER_BYLINE`` kept body paragraphs follow ``lines[i]`` (a reader's signed comment under a short
    article has none of the article's paragraphs below it)."""
    return sum(ln.kind == "good" and ln.reason is None for ln in lines[i + 1 :]) >= BODY_AFTER_BYLINE


def _signed_day(line: str) -> str | None:
    """The day of a byline that is a name and a date, nothing else ("VON ANNA MUSTER am 21. April 2020"), else ``None``:
    a page whose header was misread (a notice taken for the first paragraph) prints it among the first paragraphs."""
    parts = header_parts(line)
    date = parts.get("date") if parts is not None and parts.get("author") else None
    if isinstance(date, DateValue) and date.value and len(date.value) >= 10:
        return date.value[:10]
    return None


#: a time of day right after a date ("18.03.2020 13:15 Uhr", "03.06.2022, 15:30")
_CLOCK = re.compile(CLOCK, re.IGNORECASE)
_LEADING_DATE = re.compile(r"\W{0,3}\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\W{0,3}\d{1,2}\.?\s+[^\W\d]+\.?,?\s+\d{4}")


def _date_end(line: str) -> int:
    m = _LEADING_DATE.match(line)
    return m.end() if m else len(line)


def choose_header_author(lines: Sequence[TitleLine], first: int, title_i: int | None) -> str | None:
    """Return the author of a byline in the header (below the headline first, then above it), or ``None``."""
    start = header_window_start(first, title_i)
    window = [i for i in range(start, min(len(lines), first + 3))
              if i != title_i and lines[i].reason not in OTHER_DATES and lines[i].kind != "good"]
    ordered = [i for i in window if title_i is None or i > title_i] + [i for i in reversed(window) if title_i is not None and i < title_i]
    for i in ordered:
        who = byline_author(lines[i].text)
        if not who and i + 1 < len(lines):
            who = name_over_role(lines[i].text, lines[i + 1].text)
        if who:
            return who
    return None
