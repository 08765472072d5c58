"""Parse article header lines of plain text: date lines, author lines, section words.

Every parser takes one line (or a line prefix) and returns a value at the precision the text
actually gives (``year``/``month``/``day``/``minute``), or ``None``. German first, with the
common English forms; no outlet-specific strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from lagebild.ingest import cue_data, page_dates
from lagebild.ingest.cue_scan import CueScan, literal_start
from lagebild.ingest.date_context import TIME as _TIME
from lagebild.ingest.date_context import event_date
from lagebild.model import DateValue

L = TypeVar("L")

__all__ = [
    "DATE_START",
    "DateMatch",
    "LineDate",
    "RelativeDate",
    "agency_item_date",
    "as_of_label",
    "as_of_starts",
    "author_line",
    "badge_day",
    "byline_author",
    "cited_date",
    "cites_dated_source",
    "closing_date",
    "copyright_date",
    "date_at",
    "date_end",
    "date_line",
    "date_prefix",
    "dated_run",
    "dates_in",
    "header_parts",
    "header_stamp",
    "life_date",
    "may_name_as_of",
    "name_over_role",
    "on_day_in_sentence",
    "opens_with_date",
    "parse_date_string",
    "reading_time_line",
    "relative_date_line",
    "section_word",
    "signature_date",
    "told_in_sentence",
    "weekday_in_sentence",
    "yearless_label_date",
]

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2, "feber": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12, "december": 12, "dec": 12,
}
#: month names of the other languages header lines are written in (French, Spanish, Italian,
#: Portuguese, Dutch): "Publié le 12 mars 2024", "4 de mayo de 2022", "12 maart 2024"
MONTHS.update({
    "janvier": 1, "janv": 1, "enero": 1, "gennaio": 1, "janeiro": 1, "januari": 1,
    "février": 2, "fevrier": 2, "févr": 2, "febrero": 2, "febbraio": 2, "fevereiro": 2, "februari": 2,
    "mars": 3, "marzo": 3, "março": 3, "maart": 3,
    "avril": 4, "avr": 4, "abril": 4, "aprile": 4,
    "mayo": 5, "maggio": 5, "maio": 5, "mei": 5,
    "juin": 6, "junio": 6, "giugno": 6, "junho": 6,
    "juillet": 7, "juil": 7, "julio": 7, "luglio": 7, "julho": 7,
    "août": 8, "aout": 8, "agosto": 8, "augustus": 8,
    "septembre": 9, "septiembre": 9, "settembre": 9, "setembro": 9,
    "octobre": 10, "octubre": 10, "ottobre": 10, "outubro": 10,
    "novembre": 11, "noviembre": 11, "novembro": 11,
    "décembre": 12, "decembre": 12, "diciembre": 12, "dicembre": 12, "dezembro": 12,
})


def _header_names() -> tuple[dict[str, int], list[str]]:
    """Month names (name → number) and weekday names of ``data/ingest/header_months.tsv``."""
    months: dict[str, int] = {}
    weekdays: list[str] = []
    for _, kind, names in cue_data.rows("header_months.tsv"):
        if kind == "weekday":
            weekdays += names
        elif kind.isdigit() and 1 <= int(kind) <= 12:
            months.update(dict.fromkeys((n.lower() for n in names), int(kind)))
    return months, weekdays


#: one alternation of cue words and phrases, longest first, a space matching any run of white space
_cue_pattern = cue_data.alternation
_CUES = cue_data.header_cues()


def _cue_words(*kinds: str) -> frozenset[str]:
    """The single words of the cue ``kinds``, lowercase."""
    return frozenset(w.lower() for kind in kinds for phrase in _CUES[kind] for w in phrase.split())


_DATA_MONTHS, _DATA_WEEKDAYS = _header_names()
MONTHS.update(_DATA_MONTHS)
#: and those of the page-date parser (Polish, Czech, Finnish, Turkish, Russian, Arabic, Hindi …): one
#: lookup for every name a pattern here matches ("8 Kasım 2023", "08 listopada 2023, 17:19"), each also without
#: its accents ("12 ΜΑΡΤΙΟΥ 2024": Greek capitals drop them)
_NAMES = sorted({n for name in {*MONTHS, *page_dates.MONTH_SPELLINGS} for n in page_dates.written_forms(name)},
                key=len, reverse=True)
#: the one lookup ``_month`` uses: a name added above is read, not dropped
MONTHS = {page_dates.month_key(k): v for k, v in MONTHS.items()} | page_dates.MONTHS
_MONTH = "|".join(map(re.escape, _NAMES))
_WEEKDAY = (
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"mo|di|mi|do|fr|sa|so|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|"
    r"sabado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    + "|".join(sorted(map(re.escape, {n for w in _DATA_WEEKDAYS for n in page_dates.written_forms(w)}), key=len, reverse=True))
    + r")\.?,?"
)
_KEYWORD = (
    rf"(?:zuletzt\s+|letzte\s+)?(?:{_cue_pattern(_CUES['published_label'])}|veröffentlicht|aktualisiert|aktualisierung|erschienen|erstellt|geändert|publiziert|stand|datum|date|"
    r"published|updated|update|posted|last\s+updated|created|first\s+published|online|print|"
    # French, Spanish, Italian, Dutch, Portuguese: "Publié le", "Mis à jour le", "Publicado el", "Pubblicato il"
    r"publié|mis\s+à\s+jour|mis\s+en\s+ligne|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|"
    r"atualizado|"
    # Polish, Czech, Swedish, Danish, Norwegian, Finnish, Turkish, Russian, Arabic, Hindi: "Opublikowano:",
    # "Aktualizováno", "Publicerad", "Julkaistu", "Güncelleme:", "Опубликовано:", "تاريخ النشر:", "प्रकाशित:"
    r"opublikowano|aktualizacja|zaktualizowano|publikováno|aktualizováno|publicerad|uppdaterad|publiceret|opdateret|"
    r"publisert|oppdatert|julkaistu|päivitetty|yayınlanma(?:\s+tarihi)?|yayınlandı|güncelleme|güncellendi|"
    r"опубликовано|обновлено|تاريخ\s+النشر|نشر\s+في|آخر\s+تحديث|تحديث|प्रकाशित|अपडेटेड|"
    # Chinese, Japanese, Korean: "发布时间：", "更新日：", "입력"
    r"发布时间|發布時間|发布|發佈|更新时间|更新時間|公開日|配信日|更新日|更新|입력|수정)"
    r"(?:\s+(?:am|on|at|um|le|el|il|op|em|den|في|:))?\s*[:：]?"
)
_DATE_FORMS = [
    # 25.10.2024, 25.10.24; a two-digit year only glued to the month, never a measure after a day and month
    # ("Mo, 12.03. 14°C", "12.03. 14 Uhr": a weather widget's or an appointment's numbers)
    r"(?P<d1>\d{1,2})\.\s?(?P<m1>\d{1,2})\.(?:\s?(?P<y1>\d{4})|(?P<y1s>\d{2})(?!\d)(?!\s?(?:°|%|Grad|Uhr|h\b)))",
    # 2024-10-25 or 2024-10 or 2024/10/25 (T10:15 allowed)
    r"(?<!\d)(?P<y2>\d{4})[-/](?P<m2>\d{1,2})(?:[-/](?P<d2>\d{1,2}))?(?:T(?P<hh2>\d{2}):(?P<mi2>\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    # 24. Oktober 2024, 24. Oktober, 2024, 24 Oct 2024
    rf"(?P<d3>\d{{1,2}})(?:\.|er|º|st|nd|rd|th)?\s*(?:of\s+)?(?:de\s+)?(?P<m3>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y3>\d{{4}})",
    # October 24, 2024 / Oct. 24 2024
    rf"(?<!\w)(?P<m4>{_MONTH})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})",
    # Oktober 2024
    rf"(?<!\w)(?P<m5>{_MONTH})\.?,?\s+(?P<y5>\d{{4}})",
    # 03/06/2022: day first as in German and most languages; 06/13/2022 can only be month first. A theme that
    # prints the publication and the update date in two spans gives them glued when flattened
    # ("17/11/201917/11/2019"): the first is read, never "1917/11/20" from the seam
    r"(?P<d6>\d{1,2})/(?P<m6>\d{1,2})/(?P<y6>\d{4})(?:(?!\d)|(?=\d{1,2}/\d{1,2}/\d{4}(?!\d)))",
    # 11/08/23 with a two-digit year: a US byline ("11/08/23 5:19pm"); only with a time of day after it
    # or alone at the end, never inside a sentence ("Quote 11/08/23 der Befragten")
    r"(?<![\d/.])(?P<d8>\d{1,2})/(?P<m8>\d{1,2})/(?P<y8>\d{2})(?![\d/])"
    r"(?=\s*(?:,|at|um|-|–|\||•)?\s*(?:[01]?\d|2[0-3])[:.][0-5]\d|\s*$)",
    # 2023年11月8日 (Chinese, Japanese), 2023년 11월 8일 (Korean)
    r"(?P<y9>\d{4})\s*[年년]\s*(?P<m9>\d{1,2})\s*[月월]\s*(?P<d9>\d{1,2})\s*[日일]",
    # 2023.11.08, 2023. 11. 08. (Korean, Hungarian, Chinese): year first with dots, always to the day
    r"(?<![\d.])(?P<y10>(?:19|20)\d{2})\.\s?(?P<m10>\d{1,2})\.\s?(?P<d10>\d{1,2})(?!\d|\.\d)\.?",
    # 2023. november 8., 2023. nov. 8. (Hungarian): year, month name, day
    rf"(?<![\d.])(?P<y11>(?:19|20)\d{{2}})\.\s*(?P<m11>{_MONTH})\.?\s+(?P<d11>\d{{1,2}})(?!\d)\.?",
]
#: News agencies (lower case → how each writes its own name); after a byline ("Von Hans Meier, dpa")
#: an agency is not part of the author name.
AGENCY_NAMES = {name.lower(): name for name in _CUES["agency"]}
AGENCIES = frozenset(AGENCY_NAMES)
#: an agency credit next to the date in a header line: "dpa/lby 03.06.2022", "03.06.2022, 15:30 Uhr (AFP)"
#: the agency names as one alternation, each escaped ("dpa-AFX", a future "A.P."), longest first
AGENCY_PATTERN = _cue_pattern(AGENCIES)
_CREDIT = rf"\(?(?<![\w-])(?:{AGENCY_PATTERN})(?:\s?[/-]\s?[a-z]{{2,8}})*\)?"
_CREDIT_RE = re.compile(rf"{_CREDIT}(?::[\d-]+(?:/\d+)?)?", re.IGNORECASE)
_DATE = "(?:" + "|".join(_DATE_FORMS) + ")"
#: a look-ahead for where a date may start: a digit, or a month name, with its weekday ("Sunday, October 18th, 2020")
DATE_START = rf"(?=\d|(?i:(?:{_WEEKDAY}\s*)?(?:{_MONTH})\.?\s+\d))"
_DATE_RE = re.compile(rf"(?:(?<!\w){_WEEKDAY}\s*)?{_DATE}{_TIME}", re.IGNORECASE)  # "jdo, 26. 10. 2015": no weekday "do" in a word
_LINE_RE = re.compile(
    rf"^\W{{0,3}}(?:{_CREDIT}\s*[|:,·•–-]?\s*)?(?P<kw>{_KEYWORD}\s*)?(?:{_WEEKDAY}\s*)?(?P<date>{_DATE}){_TIME}\s*"
    rf"(?P<tail>(?:[|·•,–-]\s*)?(?:(?:lesezeit|lesedauer|reading\s+time)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\w*|minuten)\.?|{_CREDIT})?)\W{{0,3}}$",
    re.IGNORECASE,
)
_PREFIX_RE = re.compile(
    rf"^\s*(?P<kw>{_KEYWORD}\s*)(?:{_WEEKDAY}\s*)?(?P<date>{_DATE}){_TIME}(?:\s*[|:,–-])?\s+(?=\S)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a header line: its value, and where in the line it starts and ends."""

    value: DateValue
    start: int
    end: int
    keyword: str = ""


def _month(name: str) -> int:
    return MONTHS.get(page_dates.month_key(name), 0)  # every name the patterns match is a key; 0 is no valid month


def _valid(y: int, m: int, d: int | None) -> bool:
    if not 1900 <= y <= 2100 or not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        datetime(y, m, d)
    except ValueError:
        return False
    return True


def _year(raw: str) -> int:
    y = int(raw)
    return y + (2000 if y < 70 else 1900) if len(raw) == 2 else y


def _value(m: re.Match[str]) -> DateValue | None:
    g = m.groupdict()
    y = mo = d = None
    if g.get("y1") or g.get("y1s"):
        y, mo, d = _year(g["y1"] or g["y1s"]), int(g["m1"]), int(g["d1"])
        if mo > 12 >= d and g.get("y1"):
            mo, d = d, mo  # "11.14.2019 09:00 AM": a US stamp with dots, month first where only that reading is a date
    elif g.get("y2"):
        y, mo = int(g["y2"]), int(g["m2"])
        d = int(g["d2"]) if g.get("d2") else None
    elif g.get("y3"):
        y, mo, d = int(g["y3"]), _month(g["m3"]), int(g["d3"])
    elif g.get("y4"):
        y, mo, d = int(g["y4"]), _month(g["m4"]), int(g["d4"])
    elif g.get("y5"):
        y, mo = int(g["y5"]), _month(g["m5"])
    elif g.get("y11"):
        y, mo, d = int(g["y11"]), _month(g["m11"]), int(g["d11"])
    elif g.get("y9") or g.get("y10"):
        y, mo, d = (int(g["y9"]), int(g["m9"]), int(g["d9"])) if g.get("y9") else (int(g["y10"]), int(g["m10"]), int(g["d10"]))
    elif g.get("y6") or g.get("y8"):
        # day first as in German and most languages (``order_ambiguous`` tells where the order is open)
        y, mo, d = (int(g["y6"]), int(g["m6"]), int(g["d6"])) if g.get("y6") else (_year(g["y8"]), int(g["m8"]), int(g["d8"]))
        if mo > 12 >= d:
            mo, d = d, mo
    if y is None or mo is None or not _valid(y, mo, d):
        return None
    if d is None:
        return DateValue(f"{y:04d}-{mo:02d}", "month", False)
    hh, mi = g.get("hh") or g.get("hh2"), g.get("mi") or g.get("mi2")
    if hh is not None and mi is not None:
        h = int(hh)
        ampm = (g.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if h < 24:
            return DateValue(f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{int(mi):02d}", "minute", False)
    return DateValue(f"{y:04d}-{mo:02d}-{d:02d}", "day", False)


#: a time of day written before the date: "18:45 Uhr, 01.06.2025"
#: or after a label, with a 12-hour clock and a zone ("Published 5:19 PM EST, Wed November 8, 2023")
_TIME_FIRST = re.compile(
    rf"^\W{{0,3}}(?P<kw>{_KEYWORD}\s*)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?!\d)\s*(?:uhr|h|(?P<ampm>[ap]\.?m\.?))?"
    r"(?:\s*(?:MEZ|MESZ|CET|CEST|UTC|GMT|ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|BST))?\s*[,|·•–-]?\s*",
    re.IGNORECASE,
)


_BADGE_DAY = re.compile(r"\s*(?P<d>[0-3]?\d)\.?\s*")


def badge_day(day_line: str, month: DateValue) -> DateValue | None:
    """The day of a calendar badge split over two lines: a line of the day alone over a month line ("26" over
    "Okt 2018", as a blog theme prints its date block); ``None`` when ``day_line`` is no day of that month."""
    m = _BADGE_DAY.fullmatch(day_line)
    if m is None or month.precision != "month" or not month.value or len(month.value) != 7:
        return None
    year, mon, day = int(month.value[:4]), int(month.value[5:7]), int(m.group("d"))
    return DateValue(f"{year:04d}-{mon:02d}-{day:02d}", "day", False) if _valid(year, mon, day) else None


def date_line(line: str) -> DateMatch | None:
    """Parse a line that is only a date (optionally with a keyword, weekday, time, reading time)."""
    if len(line) > 120:
        return None
    line = page_dates.ascii_digits(line)  # "٨ نوفمبر ٢٠٢٣", "०८.११.२०२३": the same patterns, one length
    m = _LINE_RE.match(line.strip())
    if not m:
        t = _TIME_FIRST.match(line.strip())
        rest = _LINE_RE.match(line.strip()[t.end() :]) if t else None
        value = _value(rest) if rest and t else None
        if value is None or value.value is None or value.precision != "day" or t is None or rest is None or rest.group("kw"):
            return None
        hour = int(t.group("hh"))
        ampm = (t.group("ampm") or "").lower().replace(".", "")
        if ampm and not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
        clock = f"{value.value}T{hour:02d}:{t.group('mi')}"
        return DateMatch(DateValue(clock, "minute", False), 0, len(line), " ".join((t.group("kw") or "").split()).lower())
    value = _value(m)
    if value is None:
        return None
    return DateMatch(value, 0, len(line), (m.group("kw") or "").strip().lower())


#: lowercase words a closing credit line may hold besides names, agencies ("dpa") and labels
#: ("Text: X am 15. Februar 2025")
_CLOSING_LOWER = frozenset("am vom von und on by at the of de".split())
#: words that announce a date to come, not the piece's date ("Anmeldung bis 15. Februar 2025")
_APPOINTMENT = frozenset(
    "termin termine frist anmeldung anmeldeschluss einsendeschluss bewerbungsschluss beginn start ab bis "
    "einlass vorverkauf ende deadline until from next".split()
)
#: a place before the date of a closing line, a linking word after its comma allowed ("Wien, am 12.03.2024")
_CLOSING_PLACE = re.compile(
    r"^\W{0,3}(?P<place>[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*){0,2})\s*,\s*"
    rf"(?:(?i:{_cue_pattern(_CUES['place_link'])})\s+)?$"
)
_PLACE_LINK = _cue_words("place_link")


def _closing_place(prefix: str) -> bool:
    """Whether ``prefix`` is a place of capitalised words and a comma, maybe a linking word ("Genève, le ")."""
    m = _CLOSING_PLACE.match(prefix)
    return m is not None and all(w[0].isupper() for w in m.group("place").split())
_CLOSING_MARK = re.compile(r"[:|/©(]")
#: a bracketed signature that follows the last sentence of a paragraph: "… statt. (APA, 12.9.2015)"
_SIGNATURE = re.compile(r"(?:^|(?P<end>[.!?\"“”»«])|[\s)])\s*(\([^()\n]{2,100}\)?)\s*$")
#: the parts of a signature's credit ("Thomas Mayer aus Brüssel", "APA/red", "jmy, kub"), and the lowercase words a
#: name part may hold ("aus Brüssel"); a newsroom signs with a lowercase abbreviation of a few letters ("red", "mahr")
_SIGNATURE_PARTS = re.compile(r"[,;/–—]|\s-\s")
_SIGNATURE_LINKS = _cue_words("signature_link")
#: the role a part of a signature credits ("Text: David Krutzler, Video: Maria von Usslar")
_SIGNATURE_ROLE = re.compile(r"^\s*\(?[^\W\d_]+:\s*")
#: words that make a bracket with a date no signature: an appointment, a preposition of time ("(am 12.3.2016)")
_NOT_SIGNATURE = _APPOINTMENT | _cue_words("not_signature")
_INITIALS = re.compile(r"[^\W\d_A-ZÄÖÜ]{2,6}\.?")
#: a website that signs ("ORF.at", "derStandard.de", "news.ch"): its top-level domain is no word of a sentence
_SITE_NAME = re.compile(r"(?<![\w.])[^\W\d_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,3}(?![\w.])")


def _given_name(word: str) -> bool:
    """Whether ``word`` may be a person's first name: a capitalised word the given-name list of the entity data
    knows, or a short one ("Udo", "Eva": the list holds names of four letters and more). German capitalises every
    noun, so capitals alone do not make a name ("Urteil Landgericht")."""
    word = word.rstrip(".")
    if not (word[:1].isupper() and word[1:2].islower()):
        return False
    if len(word) < 4:
        return word.isalpha()
    from lagebild.entities.context import load_context  # the entity data, loaded once per process
    from lagebild.entities.normalize import fold_key

    key = fold_key(word)
    return key in load_context().given_names or key.split(" ")[0] in load_context().given_names  # "Hans-Peter"


def _person_name(words: list[str]) -> bool:
    """A first and a last name among ``words``: a given name and a capitalised word after it ("Thomas Mayer aus
    Brüssel", "Maria von Usslar")."""
    caps = [w for w in words if w[:1].isupper()]
    return any(_given_name(w) for w in caps[:-1])


def _signature_credit(prefix: str) -> bool | None:
    """Whether the text before a signature's date is a credit: names, agencies, a newsroom's initials, each part
    between commas or slashes ("Anna Muster, APA", "APA/red", "dare, jdo"). ``None`` when it holds no word at all,
    ``False`` for words of a sentence ("siehe Bericht vom") and for a credit that names no one.

    One part at least must name who signs: an agency, a website, a newsroom's initials or a person's name, a
    given name and a capitalised word after it ("Thomas Mayer aus Brüssel"). Capitalised nouns are words of the
    story told in brackets ("(Wahl 12.3.2016)", "(Urteil Landgericht, 12.3.2016)"); beside a name they may stand
    ("(Wolfgang Weisgram, Album, 12.3.2016)").
    """
    named = _CREDIT_RE.search(prefix) is not None or _SITE_NAME.search(prefix) is not None  # "(APA, …)", "(ORF.at, …)"
    words_seen = named
    if life_date(prefix, len(prefix)) or cited_date(prefix, len(prefix)):
        return False  # "(Anna Muster, geb. 12.3.1950)", "(Quelle: Der Standard, 12.3.2016)": not the page's date
    for part in _SIGNATURE_PARTS.split(_SITE_NAME.sub("Site", _CREDIT_RE.sub(" ", prefix))):
        words = re.findall(r"[^\W\d_]+\.?", _SIGNATURE_ROLE.sub("", part))
        if not words:
            continue
        if any(w.rstrip(".").lower() in _NOT_SIGNATURE for w in words):
            return False  # "(Anmeldung bis 12.3.2016)", "(am 12.3.2016)"
        words_seen = True
        if len(words) == 1 and _INITIALS.fullmatch(words[0]):
            named = True
            continue  # "red", "jmy", "stu."
        if not words[0][0].isupper() or any(w[0].islower() and w.lower() not in _SIGNATURE_LINKS for w in words):
            return False
        named = named or _person_name(words)  # a first and a last name
    if not words_seen:
        return None
    return named


#: a bracketed signature after a sentence, wherever it stands: an info box or a results table may follow it
_SIGNATURE_ANYWHERE = re.compile(r"[.!?\"“”»«)]\s*(\([^()\n]{2,100}\))")


def signature_date(text: str) -> DateValue | None:
    """The date of the last bracketed signature that credits someone, after a sentence ("… Aussetzer. (APA,
    18.3.2016) SV Ried – SK Rapid Wien …"): the article ends there and a box with results or facts follows.

    A bracket without a credit ("… vorgelegt. (12.3.2016)") or with words of a sentence ("(siehe Bericht vom
    12.3.2016)") is not taken.
    """
    for m in reversed(list(_SIGNATURE_ANYWHERE.finditer(page_dates.ascii_digits(text)))):
        inner = m.group(1)
        found = list(_DATE_RE.finditer(inner))
        if not found or inner[found[-1].end() :].strip(" )"):
            continue
        value = _value(found[-1])
        if value is not None and value.precision in ("day", "minute") and _signature_credit(inner[1 : found[-1].start()]):
            return value
    return None


#: a copyright mark and the years it may name before an agency credit ("© 2024 Keystone-SDA, 12.03.2024")
_COPYRIGHT = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright(?![\w-]))\s*©?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*,?\s*)?",
                        re.IGNORECASE)


def copyright_date(line: str) -> DateValue | None:
    """The day of a copyright line that credits a news agency and ends in a date ("© Keystone-SDA, 12.03.2024",
    "Copyright 2024 dpa-infocom, 12.03.2024 10:15"): the agency's item and the page date from then. A copyright
    line without an agency ("© 2024 Musterverlag, Stand 01.01.2024") or without a day dates the site, not the page."""
    line = page_dates.ascii_digits(line.strip())
    m = _COPYRIGHT.match(line)
    if m is None or len(line) > 120:
        return None
    rest = line[m.end() :]
    if not _CREDIT_RE.match(rest):
        return None
    dm = date_line(rest)
    if dm is None or dm.keyword or dm.value.precision not in ("day", "minute"):
        return None
    return dm.value


#: an agency's item number closing its copy: "dpa:240314-99-123456/2" (the agency, the day the item was first sent as
#: YYMMDD, a desk and a serial number, the version); the agency name stands before the colon
_AGENCY_ITEM = re.compile(rf"(?<![\w-])(?:{AGENCY_PATTERN}):(?P<y>\d{{2}})(?P<m>\d{{2}})(?P<d>\d{{2}})-\d{{2}}-\d{{4,8}}(?:/\d{{1,3}})?(?![\w/-])",
                          re.IGNORECASE)


def agency_item_date(line: str) -> DateValue | None:
    """The day in an agency's item number on a closing line of credits ("dpa-infocom, dpa:240314-99-123456/2"), or
    ``None``: the item was first sent that day, and a page carrying it was published then or later (a lower bound:
    the meta stage gives it the kind ``agency_item``, the export its ``not_before``). The line holds credits and the number only; a number quoted in a sentence is none."""
    line = line.strip()
    if len(line) > 120:
        return None
    found = list(_AGENCY_ITEM.finditer(line))
    if len(found) != 1:
        return None
    m = found[0]
    rest = _CREDIT_RE.sub(" ", line[: m.start()] + " " + line[m.end() :])
    if re.search(r"[^\W\d_]", rest):
        return None  # words beside the number: a sentence or a caption, not the credit line
    y, mo, d = 2000 + int(m["y"]), int(m["m"]), int(m["d"])
    return DateValue(f"{y:04d}-{mo:02d}-{d:02d}", "day") if _valid(y, mo, d) else None


def closing_date(line: str) -> DateValue | None:
    """Parse the date that ends an article's closing credit line, or ``None``.

    "Text/Foto: Welt Nachrichtensender am 15. Februar 2025", "Berlin, 15.02.2025 14:30 Uhr":
    a short line ending in a full day, before it a label or a place and otherwise only names
    (capitalised words) and linking words; or a bracketed signature after the last sentence
    ("… entscheiden. (Anna Muster, 26.4.2016)"). A sentence ("Die Anhörung findet am 15. Februar 2025
    statt.") has lowercase verbs or words after the date; a line announcing an appointment
    ("Anmeldung: bis 15. Februar 2025") names it, and both are refused.
    """
    line = page_dates.ascii_digits(line.strip())
    signed = _SIGNATURE.search(line[-160:])
    if signed:  # "… dabei. (Anna Muster, APA, 12.9.2015)": a signature after the last sentence
        line = signed.group(2)
    if not line or len(line) > 120:
        return None
    found = list(_DATE_RE.finditer(line))
    last = found[-1] if found else None
    if last is None or line[last.end():].strip(" )»«\"'“”"):
        return None
    value = _value(last)
    if value is None or value.precision not in ("day", "minute"):
        return None
    prefix = line[: last.start()]
    if signed:
        # "(red, 21.6.2015)", "(Thomas Mayer aus Brüssel, 14.12.2015)"; without a sentence end before the bracket
        # ("… zu erwarten (APA, 29.4.2016)") it must name who signs ("… am Dienstag (12.3.2016)" is told)
        credit = _signature_credit(prefix.lstrip("("))
        return value if credit or (credit is None and signed.group("end")) else None
    # agency credits ("dpa/lby", "dpa-infocom") and agency ids ("dpa:220603-99-530283/4") are no words
    words = re.findall(r"[^\W\d_]+", _CREDIT_RE.sub(" ", prefix))
    if any(w.lower() in _APPOINTMENT or (w[0].islower() and w not in _CLOSING_LOWER and w not in AGENCIES
                                         and not (w in _PLACE_LINK and _closing_place(prefix))) for w in words):
        return None
    if words and not (_CLOSING_MARK.search(prefix) or _closing_place(prefix)):
        return None
    return value


#: words before a date that make it part of a sentence ("am 03.06.2022 um 15:30 Uhr ereignete sich …")
_IN_SENTENCE = _cue_words("in_sentence")


_WEEKDAY_WORD = re.compile(_WEEKDAY.removesuffix(r"\.?,?"), re.IGNORECASE)
_STAMP_START = re.compile(rf"(?<!\d)\d|\b(?:{_MONTH})\b", re.IGNORECASE)
_STAMP_RE = re.compile(rf"{_DATE}{_TIME}", re.IGNORECASE)
#: words right before a person's birth or death date ("geboren am 12.03.1960")
_LIFE_DATES = _cue_words("life")
#: what stands right before a header date and marks it as one: an agency credit ("dpa/lby 03.06.2022"),
#: a separator of joined header parts ("Von Anna Muster | 03.06.2022")
_STAMP_LEAD = re.compile(rf"(?:{_CREDIT}\s*[|:,·•–-]?|[|·•])\s*$", re.IGNORECASE)
#: a label that cites another publication before its date ("Quelle: Financial Times, 24.3.2020", "Fuente: El
#: País, 3 de mayo de 2022", "Source: BBC, 12 March 2024"): that date is the cited piece's, not the page's;
#: after a separator the date is a header part of its own ("Quelle: Landespressestelle | 8. Mai 2021")
_CITED_LABEL = re.compile(rf"(?<!\w)(?:{_cue_pattern(_CUES['cited'])})\s*:(?P<cited>[^\n|·•]{{0,80}})$", re.IGNORECASE)


#: how far into its line a date may start and still open it ("[ 26. Februar 2024 ] …", "• 12.03.2024 …")
_RUN_OPENING = 3


def opens_with_date(line: str) -> bool:
    """Whether a date opens ``line`` (after a bracket or bullet at most)."""
    return any(pos <= _RUN_OPENING for _, _, pos in page_dates.line_dates(line[:80], day_first=True))


def dated_run(lines: Sequence[L], i: int, dated: Callable[[L], bool], *, strides: Sequence[int] = (1,),
              opens_page: bool = False) -> bool:
    """Whether ``lines[i]`` is one of three ``dated`` lines at the same distance (one of ``strides``), it among them:
    a list of dated posts ("[ 26. Februar 2024 ] Headline", "[ 20. Februar 2024 ] Headline", … at stride 1) or of
    teasers (a headline, its date, a section word, the next headline … at strides 2–4), no page's date.

    A page prints its own date once, its update date at most on the next line: two dated lines make no list. With
    ``opens_page`` (``lines[i]`` stands where the page's own date stands, right under its headline) a run that
    ``lines[i]`` opens is the page's date with teasers after it, and does not count.
    """
    seen: dict[int, bool] = {}

    def at(k: int) -> bool:
        if k not in seen:
            seen[k] = dated(lines[k])
        return seen[k]

    if not at(i):
        return False
    for step in strides:
        for first in (i - 2 * step, i - step, i):
            if first < 0 or first + 2 * step >= len(lines) or (first == i and opens_page):
                continue
            if all(at(first + k * step) for k in range(3)):
                return True
    return False


def _opens_dated_run(text: str, pos: int) -> bool:
    """Whether the date at ``text[pos]`` opens its line in a run of such lines (blank lines left out)."""
    start = text.rfind("\n", 0, pos) + 1
    if pos - start > _RUN_OPENING:
        return False
    before = [ln for ln in text[max(0, start - 400) : start].splitlines() if ln.strip()][-2:]
    after = [ln for ln in text[start : start + 800].splitlines() if ln.strip()][:3]
    return dated_run([*before, *after], len(before), opens_with_date)


def header_stamp(text: str, window: int = 600, day_window: int = 300) -> DateValue | None:
    """Return the first unlabelled date stamp at the start of ``text``, or ``None``.

    Pages whose header lines were joined into one ("Zugunglück: Mehrere Verletzte 03.06.2022, 15:30
    Uhr Bei einem …") keep the time stamp without a label: a date with a time of day in the first
    ``window`` characters, or a full date in the first ``day_window`` (in the whole window after an
    agency credit or a header separator: "… dpa/lby 03.06.2022", "Von Anna Muster | 03.06.2022"),
    that follows no preposition. A date inside a sentence ("am 03.06.2022 um 15:30 Uhr", "vom 3. Juni
    2022") is not a stamp.
    """
    end = min(len(text), window)
    text = page_dates.ascii_digits(text[:end])
    for digit in _STAMP_START.finditer(text, 0, end):  # a date stamp starts with its day, year or month
        m = _STAMP_RE.match(text, digit.start(), end)
        if m is None:
            continue
        value = _value(m)
        if value is None or value.precision not in ("day", "minute") or page_dates.version_number(text, m.start(), m.end()):
            continue
        if m.group("y8") and not m.group("hh"):
            continue  # "3/1/23" without a time is a score or a fraction as often as a date
        lead = _STAMP_LEAD.search(text, max(0, m.start() - 30), m.start()) is not None
        if value.precision == "day" and m.start() >= day_window and not lead:
            continue
        before = re.findall(r"[^\W\d_]+", text[max(0, m.start() - 30) : m.start()])
        if before and before[-1].lower() in _LIFE_DATES:
            continue  # "(geboren 12. März 1961)", "born June 14, 1958": a person's date
        if before and before[-1].lower() in _IN_SENTENCE and not lead:
            continue
        if len(before) >= 2 and before[-2].lower() in _IN_SENTENCE and _WEEKDAY_WORD.fullmatch(before[-1]) and not lead:
            continue  # "Am Sonntag, 21.01.2024, demonstrierten …": the weekday stands between preposition and date
        if cited_date(text, m.start()) or event_date(text, m.start()) or (not lead and told_in_sentence(text, m.end())):
            continue
        if _opens_dated_run(text, m.start()):
            continue  # the first of a list of dated posts
        return value
    return None


#: a newsroom within the first words after a date ("aus der Redaktion Berlin", "por la redacción")
_DESK_AFTER = re.compile(
    rf"[\s,;)–-]*(?:[^\W\d_]+\s+){{0,3}}(?:{_cue_pattern(_CUES['desk'])})(?![\w-])", re.IGNORECASE
)
#: a byline word right after a date and the word after it ("von Anna Muster", "by Jane Doe")
_BYLINE_AFTER = re.compile(rf"[\s,;)–-]*(?:{_cue_pattern(_CUES['byline'])})\s+([^\W\d_])", re.IGNORECASE)


def _credit_after(rest: str) -> bool:
    """Whether ``rest`` opens with a credit: a newsroom, or a byline word before a name ("von Anna Muster"); "por la
    tarde" after a date goes on with a sentence."""
    if _DESK_AFTER.match(rest):
        return True
    m = _BYLINE_AFTER.match(rest)
    return m is not None and m.group(1).isupper()


#: lowercase words after a date that make it part of a sentence of the lead ("Am Sonntag, 21.01.2024,
#: demonstrierten in München Zehntausende …"); a joined header goes on with a capital ("… 03.06.2022, 15:30
#: Uhr Bei einem …"), a stamp with a credit ("14.02.2025, 19:14 Uhr von Anna Muster und dem Team der Redaktion",
#: "14.02.2025 aus der Redaktion Berlin") or an update label ("March 3, 2024 at 10:00 am updated by …",
#: "3 mars 2024 à 10h00, mis à jour le 4 mars 2024")
SENTENCE_WORDS = 3
_NEXT_WORD = re.compile(r"[\s,;)]*([^\W\d_]+)")


def told_in_sentence(text: str, end: int) -> bool:
    """Whether the date ending at ``text[end]`` is told in a sentence: a lowercase word follows it at once,
    neither a credit nor an update label starts there, and ``SENTENCE_WORDS`` lowercase words stand in its line
    before any update label."""
    first = _NEXT_WORD.match(text, end)
    if first is None or not first.group(1)[0].islower():
        return False
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    if _credit_after(rest) or page_dates.update_label(rest[: first.end() - end + 12]):
        return False
    count = 0
    for w in re.finditer(r"[^\W\d_]{3,}", rest):
        if page_dates.update_label(w.group()):
            break  # what follows labels another date: "… 10h00, le journal mis à jour le 4 mars"
        count += w.group()[0].islower()
    return count >= SENTENCE_WORDS


_WORD_BEFORE = re.compile(r"[^\W\d_]+")


def weekday_in_sentence(line: str, pos: int) -> bool:
    """Whether the date at ``line[pos]`` follows a preposition and a weekday in a sentence of the story: "Am
    Sonntag, 21.01.2024, demonstrierten …", "On Sunday, 21 January 2024, thousands marched …".

    The preposition opens the line or the date goes on as a sentence; a byline keeps its date
    ("Von Hans Meier am Sonntag, 21.01.2024").
    """
    before = list(_WORD_BEFORE.finditer(line, max(0, pos - 40), pos))
    if len(before) < 2 or before[-2].group().lower() not in _IN_SENTENCE or not _WEEKDAY_WORD.fullmatch(before[-1].group()):
        return False
    if _published_before(line, before, len(before) - 2):
        return False  # "This article was first published on Tuesday, 12 March 2024."
    if not line[: before[-2].start()].strip(" \t\"'„“»«(-–"):
        return True
    end = date_end(line, pos)
    return end is not None and told_in_sentence(line, end)


#: labels that date the version read, not the first one: "Stand: 14.02.2025 19:14 Uhr", "As of 3 June 2022"
_AS_OF = re.compile(rf"(?<![\w-])(?:{_cue_pattern(_CUES['as_of'])})(?![\w-])", re.IGNORECASE)
#: the same places found from each word's literal start, lower-cased as the scan needs it ("Stand" in the data is
#: found as "stand"; header regions of pages hold lines of many kilobytes)
_AS_OF_SCAN = CueScan(_AS_OF, (literal_start(cue_data.fragment(w)) for w in _CUES["as_of"]))
#: what follows an as-of label: a colon, or the date itself (or the end of a label cut before its date)
_AS_OF_END = re.compile(r"[ \t]*(?::|$)")
#: an as-of label that opens a header label or part, with its linking word ("Stand vom 14.02.2025", "Von Anna
#: Muster | Stand am 14.02.2025"); after other words the label word is a noun ("So ist der Stand am 14.02.2025")
_AS_OF_OPENING = re.compile(
    rf"(?:^|[|·•])[ \t]*(?:{_cue_pattern(_CUES['as_of'])})[ \t]+(?:{_cue_pattern(_CUES['as_of_link'])})(?![\w-])[ \t]*",
    re.IGNORECASE,
)


def may_name_as_of(line: str) -> bool:
    """Whether ``line`` holds an as-of word at all: a cheap test before ``as_of_label`` is asked of each date's label."""
    return _AS_OF_SCAN.search(line)


def as_of_starts(line: str) -> list[int]:
    """Where ``line`` holds an as-of word (the places ``may_name_as_of`` looks for)."""
    return _AS_OF_SCAN.finditer_starts(line)


def as_of_label(label: str) -> bool:
    """Whether a header label dates the version read rather than the first one: an update ("Aktualisiert am",
    "Last updated") or an as-of label ("Stand:", "As of").

    The as-of word ends the label, or a colon or a date follows it: "Stand" is also a noun ("So ist der Stand am
    14.02.2025", "Zum Stand der Ermittlungen: 14.02.2025"), and only "Stand:", "Stand 14.02.2025" or, opening the
    label, "Stand vom 14.02.2025" labels a date.
    """
    if page_dates.update_label(label):
        return True
    for m in _AS_OF.finditer(label):
        if _AS_OF_END.match(label, m.end()):
            return True
        after = len(label) - len(label[m.end() :].lstrip())
        if date_at(label, after) is not None:
            return True
    return any(m.end() == len(label) or date_at(label, m.end()) is not None for m in _AS_OF_OPENING.finditer(label))


#: a sign right before a person's date after a bracket or a comma ("Anna Muster (* 12.03.1960)", "(Hans Muster,
#: † 12.3.2016)"); a bullet opening a line ("* 12.03.2024") or a separator ("Politik * 12.03.2024") marks no one's life
_LIFE_MARK = re.compile(rf"[(,;][^\S\n]*(?:{_cue_pattern(_CUES['life_mark'])})[^\S\n]*$")


def life_date(text: str, pos: int) -> bool:
    """Whether the date at ``text[pos]`` is a person's birth or death ("geboren am 12.03.1960", "born June 14, 1958",
    "Anna Muster (* 12.03.1960)")."""
    before = _WORD_BEFORE.findall(text, max(0, pos - 40), pos)
    if before and _WEEKDAY_WORD.fullmatch(before[-1]):
        before = before[:-1]  # "gestorben am Dienstag, 12.03.2024"
    # the life word right before the date or before a lowercase preposition ("geboren am", "née le"); a name after
    # it is a birth name, and the date the page's ("Anna Muster, geb. Meier | 12.03.2024", "Jane Doe, née Smith")
    life = bool(before) and (before[-1].lower() in _LIFE_DATES or (
        len(before) >= 2 and before[-1].islower() and before[-2].lower() in _LIFE_DATES))
    return life or _LIFE_MARK.search(text, max(0, pos - 30), pos) is not None


#: lowercase words of a byline before its date ("von der Redaktion am 12.03.2024"), not of a sentence
_BYLINE_LOWER = _cue_words("byline", "desk", "byline_link")
_ON_DAY = _cue_words("on_day")
#: a participle or label of the page's own publication before the preposition ("Originally published on …")
_PUBLISHED_BEFORE = re.compile(rf"(?<![\w-])(?:{_cue_pattern(_CUES['published'])})(?![\w-])", re.IGNORECASE)


def _published_before(line: str, words: list[re.Match[str]], prep: int) -> bool:
    """Whether a participle of the page's publication stands among the three words before the preposition
    ``words[prep]`` ("zuletzt aktualisiert am", "appears in print on"), not further back in a sentence."""
    return _PUBLISHED_BEFORE.search(line, words[max(0, prep - 3)].start(), words[prep].start()) is not None


def on_day_in_sentence(line: str, pos: int) -> bool:
    """Whether the date at ``line[pos]``, after "am"/"on" (and a weekday), is told in a sentence: "Die Frist endet
    am Dienstag, 12.03.2024.", "Heute vor einem Jahr, am 12.03.2023, stimmte …". Lowercase words other than a
    byline's stand before the preposition, two of them or one with the sentence ending after the date; a byline
    keeps its date ("Von Hans Meier am 12.03.2024", "Ein Beitrag von unserer Redaktion am 12.03.2024")."""
    before = list(_WORD_BEFORE.finditer(line, max(0, pos - 80), pos))
    if before and _WEEKDAY_WORD.fullmatch(before[-1].group()):
        before = before[:-1]
    if not before or before[-1].group().lower() not in _ON_DAY:
        return False
    if _published_before(line, before, len(before) - 1):
        return False  # "Originally published on March 12, 2024.": the page's own date, told in a sentence
    if any(_ROLE_WORD.fullmatch(w.group()) for w in before[:-1]):
        return False  # "Jane Doe, chief political correspondent, on Tuesday, March 12, 2024": a byline
    lower = [w.group() for w in before[:-1] if w.group()[0].islower() and len(w.group()) >= 4
             and w.group().lower() not in _BYLINE_LOWER]
    if len(lower) >= 2:
        return True
    end = date_end(line, pos)
    return bool(lower) and end is not None and line[end:].strip().startswith((".", ","))


def cited_date(text: str, pos: int) -> bool:
    """Whether the date at ``text[pos]`` follows a source or picture credit in its line ("Quelle: FT, 24.3.2020")."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _CITED_LABEL.search(text[max(line_start, pos - 90) : pos])
    # "Quelle: dpa 03.06.2022": an agency credit alone names who wrote the page, not a cited piece
    return m is not None and bool(re.sub(r"[\W\d_]+", "", _CREDIT_RE.sub(" ", m.group("cited"))))


def cites_dated_source(line: str) -> bool:
    """Whether a date in ``line`` follows a source label that names another publication ("Quelle: FT, 24.3.2020")."""
    line = page_dates.ascii_digits(line[:400])
    return any(cited_date(line, m.start()) for m in _DATE_RE.finditer(line))


def date_end(text: str, pos: int) -> int | None:
    """Where the date (and its time of day) that starts at ``text[pos]`` ends, or ``None`` when none starts there."""
    start = max(0, pos - 20)
    m = _DATE_RE.match(page_dates.ascii_digits(text[start : pos + 200]), pos - start)
    return start + m.end() if m else None


def date_at(text: str, pos: int) -> DateValue | None:
    """Parse the date that starts at ``text[pos]`` with the precision written (a time gives minutes)."""
    start = max(0, pos - 20)  # what stands before still counts for the patterns' look-behinds
    m = _DATE_RE.match(page_dates.ascii_digits(text[start : pos + 200]), pos - start)
    return _value(m) if m else None


@dataclass(frozen=True)
class LineDate:
    """A date the header patterns read in a line, and whether day and month could be swapped in it
    ("11/08/2023" is open; "8 November 2023", "08.11.2023" and "13/08/2023" are not)."""

    value: DateValue
    text: str
    open_order: bool


def dates_in(line: str) -> list[LineDate]:
    """Every date the header patterns read in ``line``, left to right."""
    line = page_dates.ascii_digits(line[:400])
    out: list[LineDate] = []
    for m in _DATE_RE.finditer(line):
        value = _value(m)
        if value is None or value.value is None:
            continue
        a, b = m.group("d6") or m.group("d8"), m.group("m6") or m.group("m8")
        open_order = bool(a and b and int(a) <= 12 and int(b) <= 12 and int(a) != int(b))
        out.append(LineDate(value, m.group(), open_order))
    return out


def date_prefix(line: str) -> DateMatch | None:
    """Parse a keyword + date glued in front of running text (``date 2024-11 Die Wahl …``)."""
    m = _PREFIX_RE.match(page_dates.ascii_digits(line[:200]))
    if not m:
        return None
    value = _value(m)
    if value is None:
        return None
    keyword = (m.group("kw") or "").strip().lower()
    if keyword and page_dates.update_label(keyword):
        # "Aktualisiert am 14.06.2024, veröffentlicht am 12.06.2024 …": the update first, the publication after it
        rest = line[m.end() : m.end() + 200]
        whole = date_line(rest) if len(rest) <= 120 else None
        nxt = _PREFIX_RE.match(page_dates.ascii_digits(rest)) if whole is None else None
        later = whole.value if whole else (_value(nxt) if nxt else None)
        kw = whole.keyword if whole else ((nxt.group("kw") or "").strip().lower() if nxt else "")
        if later is not None and later.value and kw and not page_dates.update_label(kw):
            return DateMatch(later, m.start("kw"), m.end() + (whole.end if whole else nxt.end() if nxt else 0), kw)
    return DateMatch(value, m.start("kw"), m.end(), keyword)


def parse_date_string(raw: str | None) -> DateValue | None:
    """Parse a date from structured data (JSON fields, WARC headers) at the precision it has.

    ``2024-11-10 15:57:00`` → minute; a time of exactly midnight is read as "no time given".
    """
    if not raw or not isinstance(raw, str):
        return None
    raw = raw.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", raw)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            return None
        if m.group(4) and not (m.group(4) == "00" and m.group(5) == "00" and (m.group(6) or "00") == "00"):
            return DateValue(f"{y:04d}-{mo:02d}-{d:02d}T{m.group(4)}:{m.group(5)}", "minute", False)
        return DateValue(f"{y:04d}-{mo:02d}-{d:02d}", "day", False)
    found = _DATE_RE.search(raw)
    return _value(found) if found else None


_NAME = r"[A-ZÄÖÜÉ][\w'’.-]*"
_PARTICLE = r"(?:von|van|de|der|den|du|da|di|zu|vom|ten|ter|al|el|la|le|bin)"
_PERSON = rf"{_NAME}(?:\s+(?:{_PARTICLE}\s+)*{_NAME}){{0,3}}"
#: a job title in front of the name ("FOCUS-online-Redakteur Hans Meier", "Korrespondentin Anna Beispiel")
ROLE_TITLE = (
    r"(?:[\w-]+-)?(?:chef|nachrichten|online|politik|wirtschafts|sport|kultur|gast|lokal|auslands|us-|senior)?"
    r"(?:redakteur|korrespondent|reporter|autor|kolumnist|volontär|editor|correspondent|writer)(?:in)?"
)
#: a job title in a byline ("chief political correspondent", "Korrespondentin"): no word of a sentence
_ROLE_WORD = re.compile(ROLE_TITLE, re.IGNORECASE)
_AUTHOR_RE = re.compile(
    rf"^\W{{0,2}}(?:von|durch|by|{ROLE_TITLE}|autoren|text|(?:written|posted|published|reported)\s+by|"
    rf"(?:geschrieben|verfasst|veröffentlicht)\s+von|ein\s+(?:beitrag|kommentar|gastbeitrag|interview)\s+von)\s*:?\s+"
    rf"(?P<names>{_PERSON}(?:\s*(?:,|und|and|&|/)\s*{_PERSON})*)"
    rf"(?:\s*(?:,|\||/|–|-)\s*(?P<org>[\w .&-]{{1,40}}))?\W{{0,2}}$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    "der die das den dem des ein eine einer einem eines heute gestern morgen nach seit wegen während "
    "januar februar märz april mai juni juli august september oktober november dezember "
    "the a an this that".split()
)


def author_line(line: str) -> str | None:
    """Return the author name(s) of a byline (``Von Hans Meier``, ``Durch …``, ``By …``), else ``None``."""
    s = line.strip()
    if not 4 <= len(s) <= 90:
        return None
    m = _AUTHOR_RE.match(s)
    if not m:
        return None
    names = m.group("names").strip()
    # "Durch" opens bylines only in translated pages, and far more often a subheading or sentence
    # ("Durch Bayern", "Durch Feuer zerstört"): there it needs a first and a last name.
    need_two = re.sub(r"^\W+", "", s).lower().startswith("durch")
    if names.isupper() and sum(c.isalpha() for c in names) > 3:
        names = names.title()  # "Von HANS MEIER": a capitalised byline style, not an acronym
    kept: list[str] = []
    parts = _name_parts(names)
    enumeration = any(sep in ("und", "and", "&") for _, sep in parts)
    for part, sep in parts:
        words = re.findall(r"[\w'’.-]+", part)
        if not words:
            continue
        if part.lower() in AGENCIES:
            continue
        if kept and sep == "," and not enumeration:
            break  # "Von Anna Beispiel, Tel Aviv": after a comma comes the place or desk, unless "A, B und C"
        if words[0].lower() in _NOT_NAMES or all(w.lower() in SECTIONS for w in words):
            return None  # "Von heute an …", "Redakteur Politik": no name
        # Bylines are names: each word capitalised (the regex is case-insensitive for the cue only);
        # "ARD-Studio Kiew", "Redaktion Politik" are the desk, not a person.
        is_org = any(_ACRONYM.search(w) or any(p.lower() in _DESK_WORDS for p in w.split("-")) for w in words)
        if is_org or not all(w[0].isupper() or w.lower() in _PARTICLE_SET for w in words):
            if kept:
                break  # "Von Hans Meier, dpa-Korrespondent": the rest is not a name
            return None
        if need_two and sum(1 for w in words if w.lower() not in _PARTICLE_SET) < 2:
            return None
        kept.append(part)
    return ", ".join(kept) if kept else None  # one form for every language and for JSON author lists


#: words that open a byline; a capitalised "Von" is not the first name of the author
_CUE_WORDS = frozenset("von durch by autor autorin text".split())


def _name_parts(names: str) -> list[tuple[str, str]]:
    """Split "A, B und C" into (name, separator before it) pairs."""
    pieces = re.split(r"\s*(,|\bund\b|\band\b|&|/)\s*", names)
    out = [(pieces[0], "")]
    for i in range(1, len(pieces) - 1, 2):
        out.append((pieces[i + 1], pieces[i]))
    return out


_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}")
_DESK_WORDS = frozenset(
    "studio redaktion korrespondent korrespondentin reporter reporterin agentur büro desk newsroom team staff "
    "online ressort nachrichtenagentur wire correspondent editor bureau".split()
)

_PARTICLE_SET = frozenset(_PARTICLE[3:-1].split("|"))

#: Section (Ressort) names news sites print above a headline; a general lexicon, not per outlet.
SECTIONS = frozenset(
    """
    politik wirtschaft finanzen sport kultur feuilleton panorama gesellschaft wissen wissenschaft
    digital technik netzwelt ausland inland deutschland welt europa international meinung kommentar
    leitartikel lokales lokal region regional regionales stadt reise auto mobilität gesundheit
    immobilien karriere job bildung medien leben stil unterhaltung vermischtes nachrichten news
    hintergrund analyse interview reportage klima umwelt börse geld verbraucher
    politics world business economy markets finance sports sport culture opinion science tech technology
    health travel lifestyle entertainment europe us uk national local
    """.split()
)


#: section words that say nothing about the article's subject ("Nachrichten > Politik": Politik)
GENERIC_SECTIONS = frozenset("nachrichten news startseite home".split())


def section_word(line: str) -> str | None:
    """Return the section name if the line is only a section word (or a short ``A | B`` path)."""
    s = line.strip().strip("|>›»/·•")
    if not s or len(s) > 40:
        return None
    parts = [p.strip() for p in re.split(r"\s*[|>›»/·•]\s*", s) if p.strip()]
    if not parts or len(parts) > 3:
        return None
    if all(p.lower() in SECTIONS for p in parts):
        return parts[-1] if len(parts) > 1 else parts[0]
    return None


_READING_RE = re.compile(
    r"^\W{0,2}(?:(?:lesezeit|lesedauer|reading\s+time|lektüre)\s*:?\s*(?:ca\.\s*|etwa\s*|circa\s*)?\d+(?:[-–]\d+)?\s*(?:min\w*|minuten|minutes?)\.?"
    r"|(?:ca\.\s*)?\d+(?:[-–]\d+)?\s*(?:min\w*|minuten|minutes?)\.?\s*(?:lesezeit|lesedauer|read|reading\s+time|zum\s+lesen))\W{0,2}$",
    re.IGNORECASE,
)


def reading_time_line(line: str) -> bool:
    """Return whether the line only states a reading time (``Lesezeit: 2 min``, ``4 min read``)."""
    s = line.strip()
    return len(s) <= 60 and bool(_READING_RE.match(s))


_PART_SPLIT = re.compile(
    r"\s*(?:\||·|•|/\s|\s[-–—]\s)\s*"
    r"|\s+(?:on|am|vom)\s+(?=(?:\w+,?\s+)?(?:\d|januar|februar|märz|april|mai|juni|juli|august|september|oktober|"
    r"november|dezember|january|february|march|june|july|october|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|okt|nov|dec|dez))"
    r"|,\s+(?=(?:\d{1,2}\.\s?\d|aktualisiert|veröffentlicht|stand|updated|published|lesezeit))"
    r"|\s+(?=(?:quelle|source)\s*:)",  # "3. Juni 2022, 16:38 Uhr Quelle: ZEIT ONLINE, dpa"
    re.IGNORECASE,
)
_SOURCE_PART = re.compile(r"(?:quelle|source)\s*:\s*\S", re.IGNORECASE)


def header_parts(line: str) -> dict[str, object] | None:
    """Parse a combined header line (``Von Hans Meier | 12.03.2024, 10:15 Uhr | Lesezeit 3 min``).

    Returns ``{"date": DateValue?, "author": str?, "section": str?, "reading_time": bool}`` when
    the line has at least two parts and every part is a byline, a date, a reading time, a
    section word or an agency name; else ``None``.
    """
    s = page_dates.ascii_digits(line.strip())
    if len(s) > 160:
        return None
    agency_byline = _NAME_AGENCY.fullmatch(s)
    if agency_byline and (who := author_line(s)):
        return {"reading_time": False, "author": who}  # "Von Hans Meier, Reuters"
    if agency_byline and agency_byline.group(1).split()[0].lower() not in _NOT_NAMES | _CUE_WORDS:
        return {"reading_time": False, "author": agency_byline.group(1)}  # "Hans Meier, dpa", "Hans Meier (AFP)"
    parts = [p for p in _PART_SPLIT.split(s) if p and p.strip(" ,")]
    if len(parts) < 2:
        return None
    found: dict[str, object] = {"reading_time": False}
    for part in parts:
        part = part.strip(" ,")
        if (dm := date_line(part)) is not None:
            if cited_date(s, s.find(part)):
                continue  # "Quelle: Financial Times, 24.3.2020": the cited piece's date, part of the source
            # "Aktualisiert am 14.06.2024, veröffentlicht am 12.06.2024": an update date dates the page only
            # when no other date is given beside it (then it is the one date the page shows)
            found.setdefault("updated" if dm.keyword and page_dates.update_label(dm.keyword) else "date", dm.value)
        elif (who := author_line(part)) is not None:
            found.setdefault("author", who)
        elif reading_time_line(part):
            found["reading_time"] = True
        elif (sec := section_word(part)) is not None:
            found.setdefault("section", sec)
        elif part.lower().rstrip(".") in AGENCIES or _SOURCE_PART.match(part) or re.fullmatch(r"(?:[a-z]{2,4}/)+[a-z]{2,4}", part.lower()):
            continue
        elif _BARE_NAME.fullmatch(part) and part.split()[0].lower() not in _NOT_NAMES:
            found.setdefault("bare_name", part)  # a name without "Von": an author only next to a date
        else:
            return None
    updated = found.pop("updated", None)
    if updated is not None:
        found.setdefault("date", updated)
    bare = found.pop("bare_name", None)
    if bare and "date" in found:
        found.setdefault("author", bare)
    elif bare:
        return None
    return found if ("date" in found or "author" in found) else None


_BARE_NAME = re.compile(r"[A-ZÄÖÜ][a-zäöüß'’-]+(?:\s+(?:von|van|de|zu)?\s*[A-ZÄÖÜ][a-zäöüß'’-]+){1,3}")
_AGENCY_ALT = AGENCY_PATTERN
_NAME_AGENCY = re.compile(
    rf"({_BARE_NAME.pattern})\s*(?:,|/|\||\()\s*(?i:{_AGENCY_ALT})(?:\s*/\s*(?i:{_AGENCY_ALT}))*\)?"
)


# a name word without digits: "Demel13.12.2022" (a byline glued to its date) is "Demel"
_NAME_WORD = r"[A-ZÄÖÜÉ][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?"
_INLINE_PERSON = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
_INLINE_AUTHOR = re.compile(
    rf"(?:^|(?<=[|•·,;:(–—~/-])\s*|(?<=\d)\s*|(?<=\d\s)|(?<=uhr\s))"
    rf"(?:von|by|autor(?:in)?|autor/in|autoren|text|redaktion)\s*:?\s+"
    rf"(?P<names>{_INLINE_PERSON}(?:\s*(?:,|\bund\b|\band\b|&)\s*{_INLINE_PERSON})*)"
    rf"(?=\s*$|\s*[|•·,;()–—~/-]|\s*\d|\d)",
    re.IGNORECASE,
)


def byline_author(line: str) -> str | None:
    """Return the author of a byline inside a longer header line, else ``None``.

    ``"12/04/2020 by Kay 24 Comments"``, ``"Von Jan Kupitz | Oct 24, 2023"``, ``"18.03.2020 13:15 Uhr
    Autor/in: Korinna Hennig"``: the cue must open the line or follow a separator, a date or a
    time, and the names must end the line or stand before a separator or a number, so that
    running text ("… der Besuch von Kim Jong-un in Moskau") is not a byline.
    """
    if len(line) > 200:
        return None
    whole = author_line(line)
    if whole:
        return whole
    for m in _INLINE_AUTHOR.finditer(line):
        who = author_line("Von " + m.group("names"))
        if who:
            return who
    return None


@dataclass(frozen=True)
class RelativeDate:
    """A header date written relative to the moment the page was read ("vor 2 Stunden", "gestern, 14:05")."""

    days_back: int = 0
    minutes_back: int | None = None  # "vor 20 Minuten": exact offset
    time: tuple[int, int] | None = None  # "gestern, 14:05": clock time of that day


#: minutes in each unit of a relative header date, in the languages header lines are written in: German,
#: English, French ("il y a 2 heures"), Spanish ("hace 2 horas"), Portuguese ("há 2 horas"), Italian ("2 ore fa"),
#: Dutch ("2 uur geleden"); weeks count as seven days, months (precision month) as thirty
_RELATIVE_UNITS = {
    "minute": 1, "minuten": 1, "min": 1, "minutes": 1, "minuto": 1, "minutos": 1, "minuti": 1, "minuut": 1,
    "stunde": 60, "stunden": 60, "std": 60, "hour": 60, "hours": 60, "heure": 60, "heures": 60, "hora": 60, "horas": 60,
    "ora": 60, "ore": 60, "uur": 60,
    "tag": 1440, "tagen": 1440, "day": 1440, "days": 1440, "jour": 1440, "jours": 1440, "día": 1440, "días": 1440,
    "dia": 1440, "dias": 1440, "giorno": 1440, "giorni": 1440, "dag": 1440, "dagen": 1440,
    "woche": 10080, "wochen": 10080, "week": 10080, "weeks": 10080, "semaine": 10080, "semaines": 10080,
    "semana": 10080, "semanas": 10080, "settimana": 10080, "settimane": 10080, "weken": 10080,
    "monat": 43200, "monaten": 43200, "month": 43200, "months": 43200, "mois": 43200, "mes": 43200, "meses": 43200,
    "mese": 43200, "mesi": 43200, "maand": 43200, "maanden": 43200,
}
_RELATIVE_DAYS = {"heute": 0, "today": 0, "gestern": 1, "yesterday": 1, "vorgestern": 2, "aujourd'hui": 0,
                  "hoy": 0, "ayer": 1, "hoje": 0, "ontem": 1, "oggi": 0, "ieri": 1, "vandaag": 0, "gisteren": 1}
_UNIT = "|".join(sorted(map(re.escape, _RELATIVE_UNITS), key=len, reverse=True))
_COUNT = r"\d{1,3}|einer?|einem|an?|one|un|une|una|uno|um|uma|een"
_RELATIVE_RE = re.compile(
    rf"^\W{{0,3}}(?P<kw>{_KEYWORD}\s*)?(?:"
    r"(?P<day>heute|today|gestern|yesterday|vorgestern|aujourd'hui|hoy|ayer|hoje|ontem|oggi|ieri|vandaag|gisteren)"
    r"(?:\s*(?:,|um|at|à|a\s+las|alle|às|om|-|–|\|)?\s*(?P<hh>[01]?\d|2[0-3])[:.h](?P<mi>[0-5]\d)\s*(?:uhr|h)?)?"
    rf"|(?:vor|il\s+y\s+a|hace|há)\s+(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})"
    rf"|(?P<n2>{_COUNT})\s+(?P<unit2>{_UNIT})\s+(?:ago|fa|geleden)"
    r")\W{0,3}$",
    re.IGNORECASE,
)


def relative_date_line(line: str) -> RelativeDate | None:
    """Parse a header line that dates the article relative to now (``vor 2 Stunden``, ``Gestern, 14:05 Uhr``,
    ``il y a 3 jours``, ``hace 2 horas``, ``2 ore fa``, ``vor 4 Monaten``)."""
    s = line.strip()
    if len(s) > 60:
        return None
    m = _RELATIVE_RE.match(s)
    if not m:
        return None
    if m.group("day"):
        hh, mi = m.group("hh"), m.group("mi")
        return RelativeDate(days_back=_RELATIVE_DAYS[m.group("day").lower()], time=(int(hh), int(mi)) if hh else None)
    raw, unit = (m.group("n"), m.group("unit")) if m.group("n") else (m.group("n2"), m.group("unit2"))
    count = int(raw) if raw.isdigit() else 1
    per = _RELATIVE_UNITS[unit.lower()]  # every unit form the pattern accepts is a key
    return RelativeDate(minutes_back=count * per)


_ROLE_LINE = re.compile(rf"^\W{{0,2}}{ROLE_TITLE}(?:\s+(?:in|für|aus|im|bei|at|in\s+der)\s+[\w .-]{{2,40}}|\s+[\w-]{{2,20}})?\W{{0,2}}$", re.I)


def name_over_role(name_line: str, role_line: str) -> str | None:
    """Return the author when a line holding only a name stands over a job title ("Hans Meier" / "Nachrichtenredakteur")."""
    name = name_line.strip()
    if len(name) > 50 or not _BARE_NAME.fullmatch(name) or name.split()[0].lower() in _NOT_NAMES | _CUE_WORDS:
        return None
    return name if _ROLE_LINE.match(role_line.strip()) and len(role_line) <= 80 else None


_YEARLESS_RE = re.compile(
    rf"^\W{{0,3}}(?:(?P<kw>{_KEYWORD})\s*)?(?:{_WEEKDAY}\s*)?"
    rf"(?:(?P<d>\d{{1,2}})(?:\.|er|º)?\s*(?:de\s+)?(?P<m>{_MONTH})|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"\.?{_TIME}\s*$",
    re.IGNORECASE,
)


def yearless_label_date(line: str) -> tuple[int, int, tuple[int, int] | None] | None:
    """Parse a header line without a year ("Publicado el 11 de mayo", "Veröffentlicht am 3. Juni, 14:05 Uhr").

    Unlabelled, the line must carry a time of day as well ("3. Juni, 10:15 Uhr"): a bare "3. Juni" may be a
    heading of a dated list or an event's day, a day with its minute is a stamp.

    Returns (month, day, (hour, minute) or None); the year must come from elsewhere (the page's
    URL, a crawl marker). A line with anything else on it is refused, and so is a month name that
    is also a word ("Mai" stays, it is a month in German; "mar" and "may" need their day first).
    """
    s = page_dates.ascii_digits(line.strip())
    if len(s) > 80:
        return None
    m = _YEARLESS_RE.match(s)
    if not m:
        return None
    if not (m.group("kw") or "").strip() and not (m.group("hh") and m.group("mi")):
        return None  # unlabelled, only a line that is a day and its time of day is a stamp ("3. Juni, 10:15 Uhr")
    day, month = (m.group("d"), m.group("m")) if m.group("d") else (m.group("d2"), m.group("m2"))
    mo = _month(month)
    if not _valid(2000, mo, int(day)):  # 29 February is possible in some year
        return None
    clock = (int(m.group("hh")), int(m.group("mi"))) if m.group("hh") and m.group("mi") else None
    if clock and (m.group("ampm") or "").lower().startswith("p") and clock[0] < 12:
        clock = (clock[0] + 12, clock[1])
    return mo, int(day), clock
