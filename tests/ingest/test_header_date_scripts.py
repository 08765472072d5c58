"""Header dates in more languages and scripts: Polish, Czech, Turkish, Russian, Arabic and Hindi month
names, digits of other scripts, 12-hour clocks before the date, two-digit-year bylines; and the
numbers that look like dates and must not become one (versions, scores, phone numbers, figures,
dates of other calendars)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.ingest import headers
from lagebild.ingest.page_dates import ascii_digits, line_dates, month_number
from tests.ingest.header_page import read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("08 listopada 2023, 17:19", "2023-11-08T17:19"),  # Polish
        ("8. listopadu 2023 17:19", "2023-11-08T17:19"),  # Czech
        ("8 Kasım 2023 17:19", "2023-11-08T17:19"),  # Turkish
        ("8 KASIM 2023 saat 17:19", "2023-11-08T17:19"),  # capitals: dotless ı becomes I
        ("8 ноября 2023, 17:19", "2023-11-08T17:19"),  # Russian
        ("8 November 2023 • 5:19pm", "2023-11-08T17:19"),
        ("Published 5:19 PM EST, Wed November 8, 2023", "2023-11-08T17:19"),  # time first, then the date
        ("Updated 12:05 a.m. ET, Thu November 9, 2023", "2023-11-09T00:05"),
        ("٨ نوفمبر ٢٠٢٣", "2023-11-08"),  # Arabic month name, Arabic-Indic digits
        ("٨ تشرين الثاني ٢٠٢٣", "2023-11-08"),  # Levantine month name
        ("8 नवंबर 2023", "2023-11-08"),  # Hindi
        ("०८.११.२०२३", "2023-11-08"),  # Devanagari digits
        ("11/08/23 5:19pm", "2023-08-11T17:19"),  # two-digit year: day first unless the outlet says otherwise
    ],
)
def test_header_date_lines_in_more_languages(line: str, value: str) -> None:
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == value


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("8 KASIM 2023", "2023-11-08"),  # used to raise: the capital dotless i was no key
        ("Yayınlanma: 8 Ağustos 2023", "2023-08-08"),
        ("نشر في ١٧/١١/٢٠٢٣", "2023-11-17"),
        ("8 नवंबर 2023", "2023-11-08"),
    ],
)
def test_line_dates_read_other_scripts(line: str, day: str) -> None:
    assert [d for d, _, _ in line_dates(line, day_first=True)] == [day]


@pytest.mark.parametrize(
    "line",
    [
        "Die Quote lag zuletzt bei 11/08/23 Prozentpunkten im Schnitt",  # a figure in a sentence
        "Endstand 11:08, 2:1 nach Verlängerung",  # scores
        "Bayern gegen Dortmund 3/1/23",
        "Tel. 0221/08 23 11",  # a phone number
        "Version 11.08.23 behebt Fehler",  # version numbers
        "Release 2.11.08",
        "Windows 11. November 2023",
        "۱۴۰۲/۰۸/۱۷",  # a Solar Hijri date (Persian calendar): no Gregorian day
        "١٤٤٥/٠٤/٢٤ هـ",  # a Hijri date
        "11/08",
        "Mart Laar 2023",  # a name, not the Turkish March
        "Smart 12, 2024",
        "Updated 2 hours ago",  # relative: no printed date without a crawl time
    ],
)
def test_numbers_that_are_no_publication_date(line: str) -> None:
    assert headers.date_line(line) is None
    assert headers.header_stamp(line) is None
    assert line_dates(line, day_first=True) == []
    assert read([TITLE, line]).meta.published.value is None


_SCRIPTS = {"ascii": 0x30, "arabic-indic": 0x0660, "persian": 0x06F0, "devanagari": 0x0966, "bengali": 0x09E6}


def _in_script(text: str, base: int) -> str:
    return "".join(chr(base + int(ch)) if ch.isdigit() else ch for ch in text)


@settings(deadline=None)  # about what is read, not how fast: a loaded machine must not fail it
@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 28), st.sampled_from(sorted(_SCRIPTS)),
       st.sampled_from(["{d:02d}.{m:02d}.{y}", "{y}-{m:02d}-{d:02d}", "{d}.{m}.{y} {hh:02d}:{mi:02d}"]),
       st.integers(0, 23), st.integers(0, 59))
def test_digits_of_any_script_give_the_same_date(y: int, m: int, d: int, script: str, form: str, hh: int, mi: int) -> None:
    ascii_line = form.format(y=y, m=m, d=d, hh=hh, mi=mi)
    line = _in_script(ascii_line, _SCRIPTS[script])
    assert ascii_digits(line) == ascii_line
    a, b = headers.date_line(ascii_line), headers.date_line(line)
    assert a is not None and b is not None and a.value == b.value
    assert line_dates(line, day_first=True) == line_dates(ascii_line, day_first=True)


_NAMES = {
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
           "декабря"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}


@settings(deadline=None)  # about what is read, not how fast: a loaded machine must not fail it
@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 28), st.sampled_from(sorted(_NAMES)), st.booleans(),
       st.integers(0, 23), st.integers(0, 59))
def test_month_names_roundtrip(y: int, m: int, d: int, lang: str, upper: bool, hh: int, mi: int) -> None:
    name = _NAMES[lang][m - 1]
    name = name.upper() if upper else name
    assert month_number(name) == m
    dm = headers.date_line(f"{d} {name} {y}, {hh:02d}:{mi:02d}")
    assert dm is not None and dm.value.value == f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}"


@settings(deadline=None)  # about what is read, not how fast: a loaded machine must not fail it
@given(st.lists(st.sampled_from([*"0123456789/.:- ٠١٢٣۴۵०१KASIMkasımİIıi年月日", "Nov", "Kasım", "KASIM", "pm"]), max_size=25).map("".join))
def test_parsers_never_raise(line: str) -> None:
    headers.date_line(line)
    headers.header_stamp(line)
    headers.closing_date(line)
    line_dates(line)
    line_dates(line, month_first=True)


@settings(deadline=None)  # about what is read, not how fast: a loaded machine must not fail it
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 99), st.integers(1, 12), st.integers(0, 59), st.booleans())
def test_two_digit_year_byline_reads_day_first(a: int, b: int, yy: int, hh: int, mi: int, pm: bool) -> None:
    dm = headers.date_line(f"{a:02d}/{b:02d}/{yy:02d} {hh}:{mi:02d}{'pm' if pm else 'am'}")
    year = 2000 + yy if yy < 70 else 1900 + yy
    hour = hh % 12 + (12 if pm else 0)
    assert dm is not None and dm.value.value == f"{year:04d}-{b:02d}-{a:02d}T{hour:02d}:{mi:02d}"


@pytest.mark.parametrize(
    ("line", "value", "kind"),
    [
        ("Opublikowano: 8 listopada 2023, 17:19", "2023-11-08T17:19", "published"),
        ("Aktualizacja: 9 listopada 2023, 08:00", "2023-11-09T08:00", "modified"),
        ("Güncelleme: 09.11.2023 17:19", "2023-11-09T17:19", "modified"),
        ("Yayınlanma: 08.11.2023 17:19", "2023-11-08T17:19", "published"),
        ("Опубликовано: 08.11.2023 17:19", "2023-11-08T17:19", "published"),
        ("Publicerad 8 november 2023 kl. 17.19", "2023-11-08T17:19", "published"),
        ("Julkaistu 8.11.2023 klo 17.19", "2023-11-08T17:19", "published"),
        ("Publicado em 08/11/2023 às 17h19", "2023-11-08T17:19", "published"),
        ("Pubblicato il: 08/11/2023 17:19", "2023-11-08T17:19", "published"),
        ("Actualizado el 8 nov 2023 - 17:19 CET", "2023-11-08T17:19", "modified"),
        ("8 novembre 2023 ore 17:19", "2023-11-08T17:19", "printed"),
        ("تاريخ النشر: ٨ نوفمبر ٢٠٢٣", "2023-11-08", "published"),
        ("प्रकाशित: 8 नवंबर 2023", "2023-11-08", "published"),
        ("Publikováno 8. listopadu 2023 17:19", "2023-11-08T17:19", "published"),
    ],
)
def test_labels_of_more_languages(line: str, value: str, kind: str) -> None:
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == value
    assert line_dates(line, day_first=True)[0][1] == kind


@pytest.mark.parametrize(
    ("header", "value"),
    [
        (["Aktualizacja: 9 listopada 2023, 08:00", "Opublikowano: 8 listopada 2023, 17:19"], "2023-11-08T17:19"),
        (["Güncelleme: 09.11.2023 10:00", "Yayınlanma: 08.11.2023 17:19"], "2023-11-08T17:19"),
        (["Обновлено: 09.11.2023 10:00", "Опубликовано: 08.11.2023 17:19"], "2023-11-08T17:19"),
    ],
)
def test_an_update_label_above_does_not_become_the_publication_date(header: list[str], value: str) -> None:
    doc = read([TITLE, *header])
    assert doc.meta.published.value == value
    assert doc.meta.extra["updated"]["value"][:10] == "2023-11-09"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("发布时间：2023年11月8日 17:19", "2023-11-08T17:19"),
        ("公開日：2023年11月8日", "2023-11-08"),
        ("2023년 11월 8일 17:19", "2023-11-08T17:19"),
        ("입력 2023.11.08 17:19", "2023-11-08T17:19"),
        ("2023. 11. 08. 17:19", "2023-11-08T17:19"),
        ("Wed, Nov 8, 2023 · 5:19 PM EST", "2023-11-08T17:19"),
        ("Published On 8 Nov 2023", "2023-11-08"),
        ("Thu 9 Nov 2023 06.00 GMT", "2023-11-09T06:00"),
    ],
)
def test_year_first_and_east_asian_header_dates(line: str, value: str) -> None:
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == value


@pytest.mark.parametrize("line", ["2023.11.08.1", "1.2023.11.08", "Version 2023.11.08", "v2023.11.08", "Kapitel 2023.11"])
def test_dotted_numbers_that_are_no_year_first_date(line: str) -> None:
    assert headers.date_line(line) is None
    assert headers.header_stamp(line) is None


def test_every_month_name_the_header_pattern_accepts_is_a_month() -> None:
    # one table: a name the pattern matches but the lookup lacks would read as month 0 and be dropped
    for name in headers._NAMES:
        line = f"Published 8 {name} 2023"
        found = headers.date_line(line)
        assert found is not None and found.value.value is not None, name
        assert 1 <= int(found.value.value[5:7]) <= 12, name
        assert 1 <= headers._month(name) <= 12, name


def test_a_word_that_is_no_month_gives_no_date() -> None:
    assert headers.date_line("Published 8 Brumaire 2023") is None
    assert headers._month("brumaire") == 0


@settings(deadline=None)  # about what is read, not how fast: a loaded machine must not fail it
@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)), st.sampled_from(["numeric", "dotted", "written"]))
def test_dates_in_says_whether_day_and_month_can_be_swapped(day: date, form: str) -> None:
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"][day.month - 1]
    printed = {"numeric": f"{day.day:02d}/{day.month:02d}/{day.year}", "dotted": f"{day.day:02d}.{day.month:02d}.{day.year}",
               "written": f"{day.day} {month} {day.year}"}[form]
    found = headers.dates_in(f"Posted {printed} 10:00")
    assert len(found) == 1
    assert found[0].open_order is (form == "numeric" and day.day <= 12 and day.day != day.month)
    assert (found[0].value.value or "")[:10] == day.isoformat()  # read day first
