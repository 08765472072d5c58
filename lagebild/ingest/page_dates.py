"""Publication date of an HTML page: printed dates, structured data and htmldate, weighed together.

Candidates (every one must lie between ``MIN_DATE`` and the crawl date):

- *printed* — dates shown in the article header: between the headline (``<h1>``) and the start
  of the main text, a little above the headline (kicker/breadcrumb lines), and a dateline that
  opens a paragraph ("31. Oktober 2023. …", "Berlin, 12.03.2022 – …"). Dates in the headline,
  in figures/captions, labelled as updates ("Aktualisiert", "updated", "mis à jour" …), inside an
  element whose class says so, or followed by "Print Edition" are not publication dates.
- *structured* — ``datePublished``/``dateCreated`` of the page's JSON-LD article, publication
  meta tags (``article:published_time``, ``DC.date.issued`` …), ``itemprop="datePublished"``;
  generic ``date`` meta tags are weaker; ``dateModified`` and friends are never chosen.

Choice, first that applies: a printed date labelled as the publication; a structured
publication date that a printed date confirms; a dateline; the earliest date printed in a
byline/date element (class ``date``, ``datum``, ``byline``, ``stand`` … or a ``<time>``); the
structured publication date; the earliest other printed header date; htmldate (original date,
extensive search, as trafilatura ran it) when the page's visible text shows that day other than as an
update, or its address spells it; a generic meta date. Dates in a site banner
(``<header>`` without the headline: "today is …") are ignored.

Time zones: a timestamp is read as written, in the page's own zone (``…T23:30:00-05:00`` is the
4th, not the 5th as in UTC). A UTC timestamp (``Z``, ``GMT``) is moved to the offset the page
writes its other timestamps in; without one, the day before/after stays possible and is picked
by a printed date, a date in the URL, or the usual zone of the page's language (``en-US``,
``de`` …); a bare midnight is a date without time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from lagebild.ingest import cue_data
from lagebild.ingest.cue_scan import CueScan, literal_start
from lagebild.ingest.date_context import CLOCK, event_date

__all__ = [
    "DateCandidate", "PageDate", "choose_date", "dateline_day", "has_digit", "jsonld_objects", "line_dates",
    "may_name_update", "opening_label", "printed_dates", "published_labels", "structured_dates", "update_cue_starts", "update_label",
    "url_day", "url_month", "visible_text", "written_on_page",
]

#: earliest plausible publication date of a web page
MIN_DATE = "1995-01-01"

# --- date patterns in running text (many languages) ----------------------------------------

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("januar", "jänner", "january", "janvier", "janv", "enero", "gennaio", "januari", "janeiro", "stycznia",
        "styczeń", "tammikuuta", "ledna", "ocak", "января", "jan"),
    2: ("februar", "feber", "february", "février", "fevrier", "févr", "febrero", "febbraio", "februari", "fevereiro",
        "lutego", "luty", "helmikuuta", "února", "şubat", "февраля", "feb"),
    3: ("märz", "maerz", "march", "mars", "marzo", "maart", "março", "marca", "marzec", "maaliskuuta", "března",
        "mart", "марта", "mär", "mrz", "mar"),
    4: ("april", "avril", "abril", "aprile", "kwietnia", "kwiecień", "huhtikuuta", "dubna", "nisan", "апреля", "avr",
        "apr"),
    5: ("mai", "may", "mayo", "maggio", "mei", "maio", "maja", "maj", "toukokuuta", "května", "mayıs", "мая"),
    6: ("juni", "june", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "kesäkuuta", "června", "haziran",
        "июня", "jun"),
    7: ("juli", "july", "juillet", "juil", "julio", "luglio", "julho", "lipca", "lipiec", "heinäkuuta", "července",
        "temmuz", "июля", "jul"),
    8: ("august", "août", "aout", "agosto", "augustus", "augusti", "sierpnia", "sierpień", "elokuuta", "srpna",
        "ağustos", "августа", "aug"),
    9: ("september", "septembre", "septiembre", "settembre", "setembro", "września", "wrzesień", "syyskuuta", "září",
        "eylül", "сентября", "sept", "sep"),
    10: ("oktober", "october", "octobre", "octubre", "ottobre", "outubro", "października", "październik",
         "lokakuuta", "října", "ekim", "октября", "okt", "oct"),
    11: ("november", "novembre", "noviembre", "novembro", "listopada", "listopad", "marraskuuta", "listopadu",
         "kasım", "ноября", "nov"),
    12: ("dezember", "december", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "desember", "grudnia",
         "grudzień", "joulukuuta", "prosince", "aralık", "декабря", "dez", "dec"),
}
#: Gregorian month names in Arabic (Egyptian/Gulf and Levantine forms) and Hindi, as news sites print
#: them ("٨ نوفمبر ٢٠٢٣", "8 नवंबर 2023"); Persian months are of the Solar Hijri calendar and are not here
_MONTH_NAMES_NONLATIN: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "जनवरी"), 2: ("فبراير", "شباط", "फ़रवरी", "फरवरी"), 3: ("مارس", "آذار", "मार्च"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "अप्रैल"), 5: ("مايو", "أيار", "मई"), 6: ("يونيو", "يونيه", "حزيران", "जून"),
    7: ("يوليو", "يوليه", "تموز", "जुलाई"), 8: ("أغسطس", "اغسطس", "آب", "अगस्त"),
    9: ("سبتمبر", "أيلول", "सितंबर", "सितम्बर"), 10: ("أكتوبر", "اكتوبر", "تشرين الأول", "अक्टूबर"),
    11: ("نوفمبر", "تشرين الثاني", "नवंबर", "नवम्बर"), 12: ("ديسمبر", "كانون الأول", "दिसंबर", "दिसम्बर"),
}


_ACCENT = re.compile("[\u0300-\u036f]")


def fold_accents(name: str) -> str:
    """``name`` without its accents ("Μαρτίου" → "Μαρτιου", "décembre" → "decembre"): capitals drop them
    ("12 ΜΑΡΤΙΟΥ 2024") and so do keyboards without them. Only the combining diacritics of Latin, Greek and
    Cyrillic letters go; the vowel signs of other scripts are letters of their words and stay."""
    return unicodedata.normalize("NFC", _ACCENT.sub("", unicodedata.normalize("NFD", name)))


def written_forms(name: str) -> set[str]:
    """The ways a page writes ``name``: as spelled, without accents, and for other scripts in capitals
    with their marks ("Μαΐου" → "ΜΑΪ́ΟΥ") or with the dialytika but no tonos ("ΜΑΪΟΥ"), since
    case-insensitive matching maps single letters only and an upper-cased "ΐ" is a letter and a mark."""
    forms = {name, fold_accents(name)}
    if not name.isascii():
        forms |= {unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).replace("\u0301", "")),
                  unicodedata.normalize("NFC", name.upper()), name.upper()}
    return forms


def month_key(name: str) -> str:
    """The lookup form of a month name: case folded, without accents, dotless and dotted i alike ("KASIM",
    "Kasım" → "kasim"; "ΜΑΡΤΙΟΥ", "Μαρτίου" → "μαρτιου")."""
    return fold_accents(name.casefold().replace("ı", "i")).rstrip(".")


MONTHS: dict[str, int] = {
    month_key(name): num for table in (_MONTH_NAMES, _MONTH_NAMES_NONLATIN) for num, names in table.items() for name in names
}
#: every spelling as written (the patterns match case-insensitively)
MONTH_SPELLINGS = frozenset(n for t in (_MONTH_NAMES, _MONTH_NAMES_NONLATIN) for v in t.values() for n in v)
#: the patterns match the spellings and the spellings without accents, in any case (``month_key`` reads both)
_MONTH = "|".join(sorted(map(re.escape, {f for n in MONTH_SPELLINGS for f in written_forms(n)}), key=len, reverse=True))


def month_number(name: str) -> int | None:
    """The number of a month name any of the month patterns matched, or ``None``."""
    return MONTHS.get(month_key(name))


#: decimal digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali) → ASCII, one character for one
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0, 0x0966, 0x09E6) for i in range(10)})


_OTHER_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]")


_DECIMAL = re.compile(r"\d")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def has_digit(text: str) -> bool:
    """``any(ch.isdigit() for ch in text)`` without a Python step per character.

    A regex digit finds the decimal digits of every script; ``str.isdigit`` also holds for a few other
    characters (superscripts, circled digits), none of them ASCII, so only non-ASCII characters are
    looked at one by one.
    """
    if _DECIMAL.search(text) is not None:
        return True
    return not text.isascii() and any(ch.isdigit() for ch in _NON_ASCII.findall(text))


def ascii_digits(text: str) -> str:
    """``text`` with the digits of other scripts written as ASCII digits (same length: offsets hold)."""
    # translate() looks up every character; most texts have none of these digits, which one scan finds
    return text.translate(_DIGITS) if _OTHER_DIGIT.search(text) else text

_TEXT_DATE = re.compile(
    # not inside a longer number; a month name may follow a short month's full stop ("Nov.November 18, 2019",
    # "Sept.September 3, 2019": a template's short and long month flattened together), not a sentence's end
    # ("endete.Mai 12, 2020") nor another abbreviation's ("Nr.März 3, 2020")
    r"(?:(?<![\d/.-])|(?:(?<=(?<!\w)[^\W\d_]{3}\.)|(?<=(?<!\w)sept\.))(?=[^\W\d_]))(?:"
    # 25.10.2024, 25. 10. 2024, 25.10.24; a two-digit year glued to the month, never a measure after a day and
    # month ("Mo, 12.03. 14°C", "12.03. 14 Uhr")
    r"(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.(?:\s?(?P<y1>(?:19|20)\d{2})|(?P<y1s>\d{2})(?![\d.])(?!\s?(?:°|%|Grad|Uhr|h\b)))"
    # 2024-10-25, 2024/10/25, 2024.10.25
    r"|(?P<y2>(?:19|20)\d{2})(?P<s2>[-/.])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2})(?!\d)"
    # 25/10/2024, 10/25/2024, 25-10-2024; a two-digit year only with slashes before a clock time, as a stamp
    # prints it: "at/um" between ("On 1/13/19 at 4:00 PM"), or day and month padded before a colon time
    # ("13/03/24, 14:05 Uhr"). "3/1/23" alone, and "3-1-23, 14.30 Uhr" or "12/3/24 14:00" after a score, are
    # results or fractions as often as dates
    r"|(?P<a6>\d{1,2})(?P<s6>[/-])(?P<b6>\d{1,2})(?P=s6)(?P<y6>(?:19|20)\d{2}"
    r"|(?<=/)\d{2}(?=,?\s+(?:at|um|à|a\s+las|alle)\s+(?:[01]?\d|2[0-3])[:.h][0-5]\d)"
    r"|(?<=\d\d/\d\d/)\d{2}(?=,?\s+(?:[01]?\d|2[0-3])[:h][0-5]\d))"
    # 24. Oktober 2024, 5 de febrero de 2020, 1er février 2020, 24 Oct. 2024; 29 / Dezember / 2022 (a blog
    # template's "d / F / Y")
    rf"|(?P<d3>\d{{1,2}})(?:(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?|\s?/\s?)(?P<m3>{_MONTH})(?!\w)"
    r"(?:\.?,?\s+(?:de\s+)?|\s?/\s?)(?P<y3>(?:19|20)\d{2})"
    # October 24, 2024
    rf"|(?<!\w)(?P<m4>{_MONTH})(?!\w)\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>(?:19|20)\d{{2}})"
    # Apr 042013: a blog template's day and year spans flattened without a space (two-digit day)
    rf"|(?<!\d\.\s)(?<!\d\s)(?<!\w)(?P<m7>{_MONTH})(?!\w)\.?\s+(?P<d7>\d{{2}})(?P<y7>(?:19|20)\d{{2}})(?!\w)"
    # 2024年10月25日
    r"|(?P<y5>(?:19|20)\d{2})\s*年\s*(?P<m5>\d{1,2})\s*月\s*(?P<d5>\d{1,2})\s*日"
    # a second date glued to the first ("19. Dezember 202219. Dezember 2022", "17/11/201917/11/2019":
    # publication and update date of a blog template printed without a space) ends the first one
    r")(?:(?!\d)|(?=\d{1,2}[./]\s?[^\W_]))",
    re.IGNORECASE,
)

_UPDATED = re.compile(
    # "Letzte Änderung:", "Änderung: 13.03.2024" (a label's shape; "Änderung des Fahrplans vom …" is a notice);
    # each alternative a plain word (``_MODIFIED_CUE`` reads their first letters)
    r"aktualisiert|aktualisierung|geändert|letzte\s+änderung|zuletzt\s+änderung|\bänderung\s*:|bearbeitet|zuletzt|update|modifi|edited|mise?\s+à\s+jour|actualizad|actualizaci|"
    r"aggiornat|aggiornament|atualiz|"
    r"bijgewerkt|päivitetty|uppdaterad|oppdatert|opdateret|zaktualizowan|aktualizacj|aktualizov|güncelle|обновлен|editado|تحديث|अपडेट|更新|수정|"
    r"print\s+edition|printausgabe|"
    r"\bakt\.?\s*:",  # "03.06.2022, 15:30 | Akt: 04.06.2022, 17:00": the short update label
    re.IGNORECASE,
)


#: how far a written date reaches before its year ("24. Oktober 2024", "Wednesday, October 24th, 2024")
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 24


def written_on_page(page: str, day: str, limit: int = 1_000_000, *, not_as_update: bool = False) -> bool:
    """Whether ``day`` (``YYYY-MM-DD``) is written anywhere in ``page`` (markup included), in any order or form;
    with ``not_as_update``, once at least without an update label before it ("Last updated: 13 July 2020").

    Every written form holds the year (four digits, or two after "25.10." or "11/13/"), so the date pattern is
    run only in a short window around each place the year stands: a long page of digits and dots is not
    scanned as a whole.
    """
    page = ascii_digits(page[:limit])
    return any(not (not_as_update and _label_kind(page[max(0, m.start() - 40) : m.start()], page[m.end() : m.end() + 25]) == "modified")
               for m in _day_matches(page, day))


def _day_matches(page: str, day: str) -> Iterator[re.Match[str]]:
    """Each place ``page`` (digits in ASCII) writes ``day``, in either day/month order."""
    year = day[:4]
    marks = [year, f".{year[2:]}", f". {year[2:]}", f"/{year[2:]}"]
    starts = sorted({i for mark in marks for i in _occurrences(page, mark)})
    windows: list[list[int]] = []
    for i in starts:  # overlapping windows are read once
        lo, hi = max(0, i - _WINDOW_BEFORE), i + _WINDOW_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    # the pattern looks behind its window's start (pos, not a slice): "25.10.2024" is not read as the 5th
    for lo, hi in windows:
        for m in _TEXT_DATE.finditer(page, lo, hi):
            if _day_of_match(m, False) == day or _day_of_match(m, True) == day:
                yield m


def _occurrences(text: str, needle: str) -> Iterator[int]:
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


def update_label(label: str) -> bool:
    """Whether a header label says update ("Aktualisiert am", "Last updated", "Güncelleme:", "Обновлено")."""
    return bool(_UPDATED.search(label))


def published_labels() -> list[str]:
    """The publication labels of ``data/ingest/header_cues.tsv`` (kind ``published_label``: "Online seit", "Sendung
    vom"), as written there."""
    return list(cue_data.cues("published_label"))


#: a publication label of the data ("Online seit", "Sendung vom") opening its line or a header part: in a sentence
#: ("Die Plattform ist online seit 12.03.2024 erreichbar") it tells something else
def opening_label(labels: list[str]) -> re.Pattern[str]:
    """A pattern for one of ``labels`` closing a piece of a line that opens it or a header part (none: it never matches)."""
    return re.compile(r"(?:^|[|·•–—])[^\w\n]{0,3}(?:" + cue_data.alternation(labels) + r")\s*:?\s*$", re.IGNORECASE)


_OPENING_LABEL = opening_label(published_labels())
#: a media label opening its line ("Video vom 01.02.2024: …"): the clip's or the episode's date
_MEDIA_LABEL = opening_label(list(cue_data.cues("media_label")))
_PUBLISHED = re.compile(
    r"veröffentlich|erschienen|publiziert|erstellt|published|publication|posted|created|publié|mis\s+en\s+ligne|publicado|"
    r"publicación|pubblicato|pubblicazione|gepubliceerd|"
    r"julkaistu|publicerad|publisert|publiceret|offentliggjort|opublikowan|publikováno|yayınlan|опубликован|النشر|نشر\s+في|प्रकाशित|发布|發布|發佈|公開|配信|입력",
    re.IGNORECASE,
)
#: labels of languages that write the day first: "Veröffentlicht: 03/06/2022", "Date de publication : 12/03/2024"
_DAY_FIRST_LABEL = re.compile(
    r"veröffentlich|aktualisier|\bänderung|erschienen|erstellt|\bstand\b|\bdatum\b|publié|mise?\s+à\s+jour|date\s+de\s+publication|"
    r"publicado|actualizado|atualizado|fecha|pubblicato|aggiornat|aggiornament|gepubliceerd|bijgewerkt",
    re.IGNORECASE,
)
#: the words of ``_UPDATED`` and ``_EDITION`` without their context: a line where none occurs has no
#: date ``line_dates`` calls modified (both are searched in pieces of the line, unanchored but for
#: ``_EDITION``'s closing word boundary, which this leaves out). The first-letter class and the scan below
#: split it at every "|": each word must be a top-level alternative. A word that opens with a nested group
#: ("(?:a|b)c") has no literal start and makes ``CueScan`` raise at import; write such a word as separate
#: words ("ac|bc"). A group inside a word ("akt(?:uell|ualisiert)") only adds places the pattern is tried.
_CUE_WORDS = _UPDATED.pattern + r"|ausgabe|edition|issue"
#: led by a class of the words' first letters, which rules out most positions before the alternatives are tried
_MODIFIED_CUE = re.compile(
    "(?=[" + "".join(sorted({re.escape(word.removeprefix("\\b")[0]) for word in _CUE_WORDS.split("|")})) + "])(?:" + _CUE_WORDS + ")",
    re.IGNORECASE,
)

#: the same places found from each word's literal start (header regions of pages hold lines of many kilobytes)
_MODIFIED_CUE_SCAN = CueScan(_MODIFIED_CUE, map(literal_start, _CUE_WORDS.split("|")))


def may_name_update(line: str) -> bool:
    """Whether ``line`` can hold a date ``line_dates`` calls ``"modified"``: it names an update or an edition.

    A cheap test before ``line_dates`` for callers that want only update dates (most header lines name none).
    """
    return _MODIFIED_CUE_SCAN.search(line)


def update_cue_starts(line: str) -> list[int]:
    """Where ``line`` names an update or an edition (the places ``may_name_update`` looks for)."""
    return _MODIFIED_CUE_SCAN.finditer_starts(line)


_DATELINE = re.compile(r"(?:[A-ZÄÖÜÉ][\w.' /-]{1,30}(?:\s\([\w/ ]{1,12}\))?,\s*)?(?=\d|\w+\s+\d)")
_EDITION = re.compile(r"\W{0,3}(?:print\s+edition|printausgabe|ausgabe|edition|issue)\b", re.IGNORECASE)
#: what follows the date of a dateline: a separator, the end, or a quotation opening the text ("01.02.2022 „Der …")
_DATELINE_END = re.compile(r"\s*(?:[.:|–—(-]|$)|\s+(?=[„“\"»]\w)")
_SKIP_TAGS = frozenset("script style noscript template svg iframe select option button nav footer head".split())
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer nav aside time "
    "blockquote pre figure figcaption dd dt dl hr main form span a".split()
)
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class DateCandidate:
    """A publication-date candidate: ``YYYY-MM-DD``, where it came from and what it claims to be."""

    day: str
    source: str
    kind: str  # "published" | "modified" | "byline" | "printed" | "generic" | "ambiguous" (day/month order unknown)
    pos: int = -1  # where a printed date stands in the visible text
    alts: tuple[str, ...] = ()  # other local days a UTC timestamp can stand for (time zone unknown)
    stamp_hours: float | None = None  # UTC time of day of such a timestamp


@dataclass(frozen=True)
class PageDate:
    """The chosen publication day and the reason for it."""

    day: str
    reason: str
    updated: str | None = None  # a later update day the page gives (structured ``dateModified`` or a printed label)


def _valid_day(y: int, m: int, d: int) -> str | None:
    try:
        return datetime(y, m, d).date().isoformat()
    except ValueError:
        return None


#: a word that makes the number after it a version, not a date ("Version 11.08.23", "Release 2.11.08", "v1.10.20")
_VERSION_WORD = re.compile(r"(?:\b(?:version|versión|release|build|ver|firmware|patch|ios|android|macos|windows)\s*\.?|\bv)\s*$",
                           re.IGNORECASE)


#: an identifier glued to the end of a number ("1.9.22_1171" of a plugin's build, "2024-03-12_v2" of a file name)
_GLUED_ID = re.compile(r"_[^\W_]")


def version_number(text: str, start: int, end: int | None = None) -> bool:
    """Whether the number at ``text[start:end]`` is a version, not a date: it follows a version word ("Version
    11.08.23"), or an identifier is glued to its end ("VN:F [1.9.22_1171]")."""
    return bool(_VERSION_WORD.search(text[max(0, start - 16) : start])) or (
        end is not None and _GLUED_ID.match(text, end) is not None)


def _month(name: str) -> int:
    return month_number(name) or 0  # every name the patterns match is a key; 0 makes no valid day


def _day_of_match(m: re.Match[str], month_first: bool) -> str | None:
    g = m.groupdict()
    if g["y1"] or g["y1s"]:
        y = int(g["y1"] or g["y1s"])
        y = y + 2000 if y < 100 else y
        d, mo = int(g["d1"]), int(g["m1"])
        if mo > 12 >= d and g["y1"]:
            d, mo = mo, d  # "11.14.2019": month first where only that reading is a date
        return _valid_day(y, mo, d)
    if g["y2"]:
        return _valid_day(int(g["y2"]), int(g["m2"]), int(g["d2"]))
    if g["y6"]:
        a, b, y = int(g["a6"]), int(g["b6"]), int(g["y6"])
        y = y + 2000 if y < 100 else y
        if a > 12 or (b <= 12 and not month_first):
            return _valid_day(y, b, a)
        return _valid_day(y, a, b)
    if g["y3"]:
        return _valid_day(int(g["y3"]), _month(g["m3"]), int(g["d3"]))
    if g["y4"]:
        return _valid_day(int(g["y4"]), _month(g["m4"]), int(g["d4"]))
    if g["y5"]:
        return _valid_day(int(g["y5"]), int(g["m5"]), int(g["d5"]))
    if g["y7"]:
        return _valid_day(int(g["y7"]), _month(g["m7"]), int(g["d7"]))
    return None


def _label_kind(before: str, after: str) -> str | None:
    """``"modified"`` for a date labelled as an update or a print edition, ``"published"`` for a publication label."""
    if _UPDATED.search(before) or _EDITION.match(after):
        return "modified"
    return "published" if _PUBLISHED.search(before) else None


def line_dates(line: str, *, month_first: bool = False, day_first: bool = False) -> list[tuple[str, str, int]]:
    """Return (day, kind, start) of each date written in one line of text.

    ``kind`` is ``"modified"`` after an update label, ``"published"`` after a publication label, ``"media"``
    after a media label ("Video vom 01.02.2024: …", a clip's date that dates the page only as a last resort),
    ``"ambiguous"`` for a numeric date whose day/month order is unknown (03/04/2020; after a label in
    a language that writes the day first, "Veröffentlicht: 03/04/2020", it is the 3rd of April), else
    ``"printed"``. ``day_first`` reads every such date day first (plain text of unknown language,
    read German first as the header-line parser does).
    """
    out: list[tuple[str, str, int]] = []
    prev_end = 0
    line = ascii_digits(line)
    for m in _TEXT_DATE.finditer(line):
        day = _day_of_match(m, month_first)
        if day is None or version_number(line, m.start(), m.end()):
            continue
        before = line[max(prev_end, m.start() - 40) : m.start()]
        prev_end = m.end()
        if m["y6"] and int(m["a6"]) <= 12 and int(m["b6"]) <= 12 and m["a6"] != m["b6"] and \
                (month_first or not (day_first or _DAY_FIRST_LABEL.search(before))):
            kind = "ambiguous"
        else:
            kind = _label_kind(before, line[m.end() : m.end() + 25]) or (
                "published" if _OPENING_LABEL.search(line, max(0, m.start() - 60), m.start()) else
                "media" if _MEDIA_LABEL.search(line, max(0, m.start() - 60), m.start()) else "printed")
        out.append((day, kind, m.start()))
    return out


def dateline_day(line: str, *, month_first: bool = False) -> str | None:
    """Return the day of a dateline opening a paragraph ("Berlin, 12.03.2022 – …"), else ``None``."""
    line = ascii_digits(line)
    m = _DATELINE.match(line)
    if not m:
        return None
    found = _TEXT_DATE.match(line, m.end())
    return _day_of_match(found, month_first) if found and _DATELINE_END.match(line, found.end()) else None


# --- structured data ------------------------------------------------------------------------

_ISO = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):?(?P<mi>\d{2})(?::?\d{2}(?:[.,]\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)


def _parse_timestamp(raw: str, month_first: bool = False) -> tuple[str, str | None] | None:
    """Return (day as written, offset as written or None) of a structured date string."""
    m = _ISO.match(raw)
    if m:
        day = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            return None
        tz = m["tz"]
        if tz and m["h"] is not None:
            return day, f"{tz}|{m['h']}:{m['mi']}"
        return day, None
    found = _TEXT_DATE.search(raw[:100])
    if found:
        day = _day_of_match(found, month_first)
        if not day:
            return None
        utc = _GMT_TIME.search(raw, found.end())
        return day, (f"Z|{int(utc['h']):02d}:{utc['mi']}" if utc else None)
    return None


_GMT_TIME = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d{2})?\s*(?:GMT|UTC)(?:\s*[+-]00:?00)?(?![+-]?\d)")


def _utc_time(stamp: str | None) -> tuple[int, int] | None:
    """(hour, minute) of a UTC timestamp that carries a real time, else ``None``."""
    if not stamp:
        return None
    tz, hm = stamp.split("|")
    if tz not in ("Z", "+00:00", "+0000", "-00:00", "-0000"):
        return None
    h, mi = (int(x) for x in hm.split(":"))
    if h == 0 and mi == 0:  # a bare date stored as midnight UTC: the day as written
        return None
    return h, mi


def _shift(day: str, stamp: str | None, offset: timedelta | None) -> tuple[str, tuple[str, ...]]:
    """Return the local day of a timestamp and, for UTC ones in an unknown zone, the other possible days.

    A UTC timestamp is moved to the page's own offset (the day a reader there saw). Without one,
    03:00 UTC may still be the previous evening in the Americas and 23:00 UTC the next morning in
    Asia, so those days are kept as alternatives for other evidence to pick from.
    """
    hm = _utc_time(stamp)
    if hm is None:
        return day, ()
    when = datetime.fromisoformat(day).replace(hour=hm[0], minute=hm[1], tzinfo=UTC)
    if offset is not None:
        return when.astimezone(timezone(offset)).date().isoformat(), ()
    alts = []
    if hm[0] < 12:
        alts.append((when - timedelta(days=1)).date().isoformat())
    if hm[0] >= 10:
        alts.append((when + timedelta(days=1)).date().isoformat())
    return day, tuple(alts)


def _page_offset(page: str) -> timedelta | None:
    """The non-UTC offset the page writes its timestamps in (most frequent), if any."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?([+-]\d{2}:?\d{2})", page[:500_000]):
        tz = m.group(1).replace(":", "")
        if tz not in ("+0000", "-0000"):
            counts[tz] = counts.get(tz, 0) + 1
    if not counts:
        return None
    tz = max(counts, key=lambda k: counts[k])
    sign = -1 if tz[0] == "-" else 1
    delta = timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5]))
    return sign * delta if abs(delta) <= timedelta(hours=14) else None


#: schema.org types of a page's own text (a VideoObject's uploadDate is the video's, not the article's)
_ARTICLE_TYPES = re.compile(r"article|posting|report|story|blog|news|review|recipe|liveblog", re.I)
#: schema.org records of the page or site itself: a CMS writes them for every page (a shop's lexicon entry,
#: an about page) with the day the page was made, which dates no article unless the page shows it
_PAGE_TYPES = re.compile(r"(?:\w*Page|WebSite)(?:\s+(?:\w*Page|WebSite))*")
_META_PUBLISHED = frozenset(
    """article:published_time og:published_time og:article:published_time article:published published_time
    datepublished date.published publishdate publish-date publish_date publishdate publication_date
    publicationdate pubdate dc.date.issued dcterms.issued dc.date.created dcterms.created dc.created
    sailthru.date parsely-pub-date article.published article_date_original originalpublicationdate
    cxenseparse:recs:publishtime og:pubdate article:post_date datecreated date_published
    citation_publication_date citation_date citation_online_date prism.publicationdate""".split()
)
_META_MODIFIED = frozenset(
    """article:modified_time og:updated_time article:modified datemodified last-modified lastmod
    dcterms.modified dc.date.modified modified_time date.modified""".split()
)
_META_GENERIC = frozenset("date dc.date dcterms.date dc:date".split())


def _walk_jsonld(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        graph = obj.get("@graph")
        if graph is not None:
            yield from _walk_jsonld(graph, depth + 1)
        main = obj.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_jsonld(main, depth + 1)


def jsonld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Yield every JSON-LD object of the page, nested graphs and main entities included."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # trailing commas, stray control characters
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
            except ValueError:
                continue
        yield from _walk_jsonld(data)


def structured_dates(tree: Any, *, month_first: bool = False, page: str = "") -> list[DateCandidate]:
    """Collect dates from JSON-LD, meta tags and ``itemprop`` attributes, in priority order."""
    offsets: list[timedelta | None] = []  # the page's own offset, looked up once and only when needed
    out: list[DateCandidate] = []

    def add(raw: object, source: str, kind: str) -> None:
        if not isinstance(raw, str):
            return
        parsed = _parse_timestamp(raw, month_first)
        if parsed:
            if not offsets and _utc_time(parsed[1]) is not None:
                offsets.append(_page_offset(page) if page else None)
            day, alts = _shift(parsed[0], parsed[1], offsets[0] if offsets else None)
            hm = _utc_time(parsed[1]) if alts else None
            out.append(DateCandidate(day, source, kind, alts=alts, stamp_hours=hm[0] + hm[1] / 60 if hm else None))

    # JSON-LD: the first article-like object is the page's article (later ones are often a
    # live blog's items, related articles or the page/site record).
    articles: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    for obj in jsonld_objects(tree):
        typ = obj.get("@type")
        types = " ".join(typ) if isinstance(typ, list) else str(typ or "")
        (articles if _ARTICLE_TYPES.search(types) else pages if _PAGE_TYPES.fullmatch(types) else others).append(obj)
    for group, label in ((articles[:1], "jsonld-article"), (others, "jsonld"), (pages, "jsonld-page")):
        for obj in group:
            for key in ("datePublished", "dateCreated"):
                add(obj.get(key), f"{label}:{key}", "published")
            add(obj.get("dateModified"), f"{label}:dateModified", "modified")
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").strip().lower()
        if not key:
            continue
        content = meta.get("content")
        if key in _META_PUBLISHED:
            add(content, f"meta:{key}", "published")
        elif key in _META_MODIFIED:
            add(content, f"meta:{key}", "modified")
        elif key in _META_GENERIC:
            add(content, f"meta:{key}", "generic")
    for el in tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateCreated"]'):
        if el.tag == "meta":
            continue
        add(el.get("datetime") or el.get("content") or (el.text_content() or "")[:100], "itemprop", "published")
    rank = {"published": 0, "generic": 1, "modified": 2}

    def order(c: DateCandidate) -> tuple[int, int]:
        return rank.get(c.kind, 3), 0 if c.source.startswith("jsonld-article") else 1

    return sorted(out, key=order)


# --- printed dates in the article header ---------------------------------------------------


def _linear_text(tree: Any) -> tuple[str, list[tuple[int, Any]], list[list[Any]]]:
    """Return the visible body text, (start, element) per chunk, and [start, end, element] of ``<h1>`` elements."""
    parts: list[str] = []
    chunks: list[tuple[int, Any]] = []
    h1: list[list[int]] = []
    heads: list[Any] = []
    n = 0

    def put(text: str | None, el: Any) -> None:
        nonlocal n
        if text and not text.isspace():
            piece = _WS.sub(" ", text)
            if not parts or parts[-1].endswith(" "):
                piece = piece.lstrip()
            chunks.append((n, el))
            parts.append(piece)
            n += len(piece)

    def sep() -> None:
        nonlocal n
        if parts and not parts[-1].endswith(" "):
            parts.append(" ")
            n += 1

    body = tree.find(".//body")
    root = body if body is not None else tree
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag == "h1" and h1:
                h1[-1][1] = n
                heads.append(el)
            sep()
            put(el.tail, el.getparent())
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _SKIP_TAGS or not tag:
            if tag or el.tail:
                put(el.tail, el.getparent())
            continue
        if tag == "h1":
            h1.append([n, n])
        if tag.lower() in _BLOCK_TAGS:
            sep()
        put(el.text, el)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    for span, el in zip(h1, heads, strict=False):
        span.append(el)
    return "".join(parts), chunks, h1


def _element_at(chunks: list[tuple[int, Any]], pos: int) -> Any:
    lo, hi = 0, len(chunks) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if chunks[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return chunks[lo][1] if chunks else None


_CAPTION_MARKS = ("caption", "credit", "bildunterschrift", "legende", "copyright")


def _marked_ancestor(el: Any, levels: int, tags: tuple[str, ...], marks: tuple[str, ...], attrs: tuple[str, ...]) -> bool:
    """Whether ``el`` or one of its ``levels - 1`` nearest ancestors has one of ``tags`` or a mark in ``attrs``."""
    for _ in range(levels):
        if el is None:
            return False
        if el.tag in tags:
            return True
        text = " ".join(el.get(a) or "" for a in attrs).lower()
        if any(mark in text for mark in marks):
            return True
        el = el.getparent()
    return False


def _in_caption(el: Any) -> bool:
    """Whether the element sits in a figure or a caption (a photo's date is not the article's)."""
    return _marked_ancestor(el, 6, ("figure", "figcaption"), _CAPTION_MARKS, ("class", "id"))


_BYLINE_MARKS = ("date", "datum", "time", "zeit", "byline", "publish", "posted", "stand", "fecha", "timestamp")
_BYLINE_LABEL = re.compile(r"\b(?:stand|datum|date|fecha|data)\b\s*:?\s*$", re.IGNORECASE)


def _in_byline(el: Any) -> bool:
    """Whether the element or one of its three nearest ancestors is marked as a date/byline line."""
    return _marked_ancestor(el, 4, ("time",), _BYLINE_MARKS, ("class", "id", "itemprop"))


def _in_site_header(el: Any, headline: Any) -> bool:
    """Whether the element sits in a page banner (``<header>``) that does not hold the headline.

    Site banners show today's date ("Mittwoch, 26.02.2020"), not the article's.
    """
    if headline is None:
        return False
    for _ in range(12):
        if el is None:
            return False
        if el.tag == "header" or el.get("role") == "banner":
            up = headline
            while up is not None:
                if up is el:
                    return False
                up = up.getparent()
            return True
        el = el.getparent()
    return False


def _marked_updated(el: Any) -> bool:
    """Whether the element or one of its three nearest ancestors is marked as an update date."""
    for _ in range(4):
        if el is None:
            return False
        marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}".lower()
        if "updat" in marks or "modif" in marks:
            return True
        el = el.getparent()
    return False


def _find_start(text: str, line: str, after: int) -> int:
    probe = ascii_digits(_WS.sub(" ", line).strip()[:60])
    if len(probe) < 12:
        return -1
    pos = text.find(probe, after)
    return pos if pos >= 0 else text.find(probe)


#: how far around the headline printed dates count as the article's own
ABOVE_HEADLINE = 300
BELOW_HEADLINE = 1500


def printed_dates(tree: Any, *, title: str | None, first_lines: list[str], month_first: bool = False) -> list[DateCandidate]:
    """Find dates printed in the article header (headline … start of main text) and a dateline."""
    text, chunks, h1s = _linear_text(tree)
    text = ascii_digits(text)
    if not text:
        return []
    anchor = -1
    headline = (0, 0)
    headline_el = None
    # "Headline - Site name": the headline part is what the page prints
    key = max(re.split(r"\s[-|–—·]\s", _WS.sub(" ", title).strip()), key=len)[:60] if title else ""
    h1s = [h for h in h1s if len(h) > 2 and h[1] - h[0] > 3]  # logos and empty headings are no headline
    if h1s:
        headline, headline_el = (h1s[0][0], h1s[0][1]), h1s[0][2]
        probe = key[:40].lower()
        for h, e, el in h1s:
            if probe and probe in text[h : max(e, h + len(probe))].lower():
                headline, headline_el = (h, e), el
                break
        anchor = headline[0]
    elif key and len(key) >= 12:
        anchor = text.find(key)
        if anchor >= 0:
            headline = (anchor, anchor + len(key))
    start = -1
    for line in first_lines[:4]:  # the first main-text line that is not the headline itself
        start = _find_start(text, line, max(headline[1], 0))
        if start >= headline[1]:
            break
        start = -1
    windows: list[tuple[int, int, str]] = []
    if anchor >= 0:
        end = anchor + BELOW_HEADLINE
        if start > anchor:
            end = min(end, start)
        windows.append((max(0, anchor - ABOVE_HEADLINE), end, "header"))
    elif start >= 0:
        windows.append((max(0, start - ABOVE_HEADLINE), start, "header"))

    out: list[DateCandidate] = []
    for a, b, label in windows:
        prev_end = a
        for m in _TEXT_DATE.finditer(text, a, min(len(text), b + 40)):
            if m.start() >= b:
                break
            if headline[0] <= m.start() < headline[1]:
                continue  # a date in the headline is what the article is about
            day = _day_of_match(m, month_first)
            if day is None or version_number(text, m.start(), m.end()):
                continue
            if m["y6"] and int(m["a6"]) <= 12 and int(m["b6"]) <= 12 and m["a6"] != m["b6"]:
                # 03/04/2020: either reading counts only where other evidence confirms it
                for reading in (day, _day_of_match(m, not month_first)):
                    if reading:
                        out.append(DateCandidate(reading, f"printed:{label}", "ambiguous", m.start()))
                continue
            before = text[max(a, m.start() - 40, prev_end) : m.start()]  # its own label, not the previous date's
            prev_end = m.end()
            el = _element_at(chunks, m.start())
            if _in_caption(el) or _in_site_header(el, headline_el):
                continue
            if event_date(text, m.start()):
                continue  # "Release: 14.11.2019", "Einsendeschluss: …": what the page announces, not when it came out
            after = text[m.end() : m.end() + 25]
            labelled = "modified" if _marked_updated(el) else _label_kind(before, after)
            if labelled:
                kind = labelled
            elif _in_byline(el) or _BYLINE_LABEL.search(before):
                kind = "byline"
            else:
                kind = "printed"
            out.append(DateCandidate(day, f"printed:{label}", kind, m.start()))
    # a dateline opens a paragraph ("31. Oktober 2023. …", "Berlin, 12.03.2022 – …"); a date later
    # in the first sentence is an event's ("Am 5. November …")
    for line in first_lines[:4]:
        day = dateline_day(line, month_first=month_first)
        if day:
            out.append(DateCandidate(day, "printed:dateline", "printed"))
    # <time datetime="…">vor 3 Stunden</time> or "Nov 18, 8:19 PM": the machine form gives the date
    # (and the year), the printed day and month win over a UTC day in the attribute
    for pos, el in chunks:
        if not isinstance(el.tag, str) or el.tag.lower() != "time" or not el.get("datetime"):
            continue
        shown_text = el.text or ""
        if _TEXT_DATE.search(shown_text):
            continue
        for a, b, label in windows:
            if a <= pos < b:
                parsed = _parse_timestamp(el.get("datetime") or "", month_first)
                if parsed:
                    day = _printed_day_month(shown_text, parsed[0]) or parsed[0]
                    label_text = text[max(a, pos - 20) : pos] + " " + shown_text[:15]  # "Posted <time>…" or "<time>Updated …"
                    if _marked_updated(el) or _UPDATED.search(label_text):
                        kind = "modified"
                    elif _PUBLISHED.search(label_text):
                        kind = "published"
                    else:
                        kind = "byline"
                    out.append(DateCandidate(day, f"time:{label}", kind, pos))
                break
    return out


_DAY_MONTH = re.compile(
    rf"\b(?P<m>{_MONTH})\b\.?\s+(?P<d>\d{{1,2}})(?!\d)|(?<!\d)(?P<d2>\d{{1,2}})\.?\s*(?P<m2>{_MONTH})\b", re.IGNORECASE
)


def _printed_day_month(shown: str, machine_day: str) -> str | None:
    """The day a ``<time>`` prints without a year ("Nov 18"), if within a day of its machine date."""
    m = _DAY_MONTH.search(shown[:80])
    if not m:
        return None
    month = _month(m["m"] or m["m2"])
    d = int(m["d"] or m["d2"])
    ref = datetime.fromisoformat(machine_day)
    for year in (ref.year, ref.year - 1, ref.year + 1):
        day = _valid_day(year, month, d)
        if day and abs((datetime.fromisoformat(day) - ref).days) <= 1:
            return day
    return None


# --- choice -----------------------------------------------------------------------------------

_URL_DAY = re.compile(
    rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})(?P<s>[/_-])(?P<m>0?[1-9]|1[0-2]|{_MONTH})(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)",
    re.IGNORECASE,
)

#: usual UTC offset (hours, standard time) of the readers of a page in this language/region
_LANGUAGE_OFFSETS: dict[str, float] = {
    "en-us": -5, "en-ca": -5, "es-mx": -6, "pt-br": -3, "es-ar": -3, "es-co": -5, "es-cl": -4,
    "en-gb": 0, "en-ie": 0, "pt-pt": 0, "pt": 0, "is": 0,
    "de": 1, "fr": 1, "it": 1, "es": 1, "nl": 1, "pl": 1, "cs": 1, "sk": 1, "sl": 1, "hr": 1, "sr": 1,
    "hu": 1, "da": 1, "sv": 1, "nb": 1, "nn": 1, "no": 1, "ca": 1, "lb": 1,
    "fi": 2, "el": 2, "ro": 2, "bg": 2, "uk": 2, "et": 2, "lv": 2, "lt": 2, "he": 2,
    "ru": 3, "tr": 3, "ar": 3, "fa": 3.5, "hi": 5.5, "en-in": 5.5, "th": 7, "vi": 7, "id": 7,
    "zh": 8, "ja": 9, "ko": 9, "en-au": 10, "en-nz": 12,
}


def url_day(url: str | None) -> str | None:
    """Return the day a URL path spells out (``/2019/11/18/``, ``/2019/nov/18/``, ``2019-11-18``)."""
    if not url:
        return None
    m = _URL_DAY.search(url)
    if not m:
        return None
    month = m["m"]
    num = int(month) if month.isdigit() else month_number(month)
    return _valid_day(int(m["y"]), num, int(m["d"])) if num else None


#: the year and month of a URL path ("/2020/08/23646/", "/articulo/2022/5/…"), a folder each
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>0?[1-9]|1[0-2])/")


def url_month(url: str | None) -> str | None:
    """Return the month a URL path spells as folders (``/2020/08/…`` → ``2020-08``), none when it spells a day too."""
    if not url or url_day(url):
        return None
    path = urlsplit(url).path if "//" in url else url
    m = _URL_MONTH.search(path)
    return f"{int(m['y']):04d}-{int(m['m']):02d}" if m else None


def _language_offset(language: str | None) -> timedelta | None:
    tag = (language or "").lower().replace("_", "-")
    hours = _LANGUAGE_OFFSETS.get(tag)
    base = tag.split("-")[0]
    if hours is None and base != "en":  # English alone says nothing about the zone
        hours = _LANGUAGE_OFFSETS.get(base)
    return timedelta(hours=hours) if hours is not None else None


def _local_day(c: DateCandidate, evidence: set[str], language: str | None) -> str:
    """Resolve a UTC timestamp in an unknown zone: other evidence, else the language's usual zone."""
    if not c.alts or c.day in evidence:
        return c.day
    for alt in c.alts:
        if alt in evidence:
            return alt
    offset = _language_offset(language)
    if offset is None:
        return c.day
    if offset < timedelta(0) and c.alts[0] < c.day:
        return c.alts[0] if _crosses(c, offset) else c.day
    if offset > timedelta(0) and c.alts[-1] > c.day:
        return c.alts[-1] if _crosses(c, offset) else c.day
    return c.day


def _crosses(c: DateCandidate, offset: timedelta) -> bool:
    """Whether shifting the candidate's UTC time by ``offset`` lands on another day."""
    return c.stamp_hours is not None and not 0 <= c.stamp_hours + offset.total_seconds() / 3600 < 24


def _in_range(day: str, max_day: str) -> bool:
    return MIN_DATE <= day <= max_day


def choose_date(
    tree: Any,
    *,
    max_day: str,
    title: str | None = None,
    first_lines: list[str] | None = None,
    htmldate: str | Callable[[], str | None] | None = None,
    language: str | None = None,
    url: str | None = None,
    page: str = "",
    last_lines: list[str] | None = None,
) -> PageDate | None:
    """Pick the publication day of a parsed page; never later than ``max_day`` (``YYYY-MM-DD``).

    ``htmldate`` is htmldate's answer, or a function asked for it only when nothing before it in
    the order of choice decides (its search is the costly part of reading a page). ``last_lines`` are
    the main text's last lines: a day htmldate found that the page shows only below them is not taken.
    """
    # 03/04/2020 is March 4 in US English, April 3 nearly everywhere else
    month_first = (language or "").lower().replace("_", "-") in ("en", "en-us")
    try:
        printed = [c for c in printed_dates(tree, title=title, first_lines=first_lines or [], month_first=month_first)
                   if _in_range(c.day, max_day)]
    except Exception:  # a strange tree must not cost the date
        printed = []
    try:
        structured = [c for c in structured_dates(tree, month_first=month_first, page=page) if _in_range(c.day, max_day)]
    except Exception:
        structured = []
    chosen = _decide(printed, structured, max_day=max_day, htmldate=htmldate, language=language, url=url,
                     on_page=lambda: _above_end(visible_text(tree), last_lines or []))
    if chosen is None:
        return None
    later = [c.day for c in structured if c.kind == "modified" and chosen.day < c.day <= max_day] or \
        [c.day for c in printed if c.kind == "modified" and chosen.day < c.day <= max_day]
    return replace(chosen, updated=max(later)) if later else chosen


def visible_text(tree: Any) -> str | None:
    """The visible text of the page, menus and footers left out (None for a tree that cannot be read)."""
    try:
        return _linear_text(tree)[0]
    except Exception:  # a strange tree must not cost the date: None leaves htmldate's day unchecked, not refused
        return None


#: how much of a main-text line's end is looked up in the visible text to find where the text ends
_END_PROBE = 40


def _above_end(visible: str | None, last_lines: list[str]) -> str | None:
    """The visible text up to the end of the main text, when one of its last lines is found there.

    Below the main text stand the dates of teasers for other pieces, customer reviews, comments and
    a campaign's closing day ("Meldungen … 27.02.2020", "Kundenbewertung 02.05.2020"): none dates the page.
    """
    if visible is None:
        return None
    for line in reversed(last_lines):
        probe = " ".join(line.split())[-_END_PROBE:]
        if len(probe) >= 12:  # a short line ("Mehr", "Foto: dpa") may stand anywhere on the page
            end = visible.rfind(probe)
            if end >= 0:
                return visible[: end + len(probe)]
    return visible


#: a time of day right after a date ("02.05.2020 um 08:11 Uhr", "May 2, 2020 at 8:11", "02.05.2020, 08:11")
_CLOCK_AFTER = re.compile(CLOCK, re.IGNORECASE)
#: how many stamps of one day, each with another time, make a list of comments or reviews
_STAMP_RUN = 3


def _stamp_run(visible: str, day: str) -> bool:
    """Whether ``day`` shows only as the stamps of a list ("Kundenbewertung 02.05.2020 um 08:11 Uhr … 02.05.2020 um
    07:18 Uhr …"): at least three, each with its own time of day, and never without one. Reviews and comments
    of a day are no page's publication; a page's own stamp stands once."""
    times: list[str] = []
    visible = ascii_digits(visible)
    for m in _day_matches(visible, day):
        clock = _CLOCK_AFTER.match(visible, m.end())
        if clock is None:
            return False
        times.append(f"{int(clock['hh'])}:{clock['mi']}")
    return len(set(times)) >= _STAMP_RUN


def _decide(printed: list[DateCandidate], structured: list[DateCandidate], *, max_day: str,
            htmldate: str | Callable[[], str | None] | None,
            language: str | None, url: str | None, on_page: Callable[[], str | None] | None = None) -> PageDate | None:
    labelled = [c for c in printed if c.kind == "published"]
    if labelled:
        return PageDate(labelled[0].day, "printed date labelled as publication")
    bylines = [c for c in printed if c.kind == "byline"]
    plain = [c for c in printed if c.kind in ("printed", "byline")]
    published = [c for c in structured if c.kind == "published"]
    # a page record's day counts when the page shows it or its address spells it (below), never alone; nor does a
    # meta tag of the same day on a page without an article record (the CMS writes both from the page record)
    page_days = {c.day for c in published if c.source.startswith("jsonld-page")}
    articled = any(c.source.startswith("jsonld-article") for c in published)
    unconfirmed = [c for c in published if not c.source.startswith("jsonld-page") and
                   (articled or not c.source.startswith("meta:") or c.day not in page_days)]
    shown = {c.day for c in printed}  # update dates too: metadata that matches one is confirmed
    in_url = url_day(url)
    evidence = shown | ({in_url} if in_url else set())
    for c in published:  # metadata and print agree
        for day in (c.day, *c.alts):
            if day in shown and _in_range(day, max_day):
                return PageDate(day, f"printed date, also in structured data ({c.source})")
    datelines = [c for c in plain if c.source.endswith("dateline")]
    if datelines:
        return PageDate(datelines[0].day, "dateline opening the text")
    if bylines:  # a date the page shows in its date line is the date as published there
        return PageDate(min(c.day for c in bylines), "printed date in the byline")
    if unconfirmed:
        day = _local_day(unconfirmed[0], evidence, language)
        if _in_range(day, max_day):
            return PageDate(day, f"structured data ({unconfirmed[0].source})")
    for c in published:  # a page record whose day the address spells
        if in_url in (c.day, *c.alts) and _in_range(in_url, max_day):
            return PageDate(in_url, f"structured data ({c.source}), also in the address")
    # a page record whose month the address spells as folders ("/2020/08/23646/"): a dated post's address, no about page
    month = url_month(url)
    agreeing = {c.day for c in published if month and c.day[:7] == month}
    if len(agreeing) == 1 and len({c.day for c in published}) == 1 and _in_range(next(iter(agreeing)), max_day):
        return PageDate(next(iter(agreeing)), f"structured data ({published[0].source}), its month in the address")
    if plain:
        return PageDate(min(c.day for c in plain), "printed date in the article header")
    visible = on_page() if on_page is not None else None  # read before htmldate, which prunes the tree it searches
    if callable(htmldate):
        htmldate = htmldate()
    # htmldate also reads a month it fills up to the 1st ("2022-03" → 2022-03-01), dates in image paths, scripts
    # and footers, and "Last updated: …" lines: a day the reader cannot see on the page, or sees only as an
    # update, is no publication date
    if htmldate and _in_range(htmldate[:10], max_day) and (htmldate[:10] == in_url or visible is None or (
            written_on_page(visible, htmldate[:10], not_as_update=True) and not _stamp_run(visible, htmldate[:10]))):
        return PageDate(htmldate[:10], "htmldate")
    for c in structured:
        if c.kind == "generic":
            return PageDate(_local_day(c, evidence, language), f"structured data ({c.source})")
    return None
