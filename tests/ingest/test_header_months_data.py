"""Header dates written with the month and weekday names of ``data/ingest/header_months.tsv`` (Bengali,
Greek, Ukrainian, Hungarian, Indonesian, Nordic, Romanian), Hungarian year-first dates and the time zones
of other regions; and the sentences, citations and banners whose dates are not the page's."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lagebild.ingest import headers
from tests.ingest.header_page import read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


def _rows() -> list[tuple[str, str, list[str]]]:
    path = resources.files("lagebild") / "data" / "ingest" / "header_months.tsv"
    out = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) >= 3:
            out.append((cols[0], cols[1], cols[2].split("|")))
    return out


MONTH_NAMES = [(name, int(month)) for _, month, names in _rows() if month.isdigit() for name in names]
WEEKDAYS = [name for _, month, names in _rows() if month == "weekday" for name in names]
BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def test_data_file_rows_are_well_formed() -> None:
    rows = _rows()
    assert rows and all(m == "weekday" or 1 <= int(m) <= 12 for _, m, _ in rows)
    assert all(n and n == n.strip() for _, _, names in rows for n in names)


@given(st.sampled_from(MONTH_NAMES), st.integers(1, 28), st.integers(1995, 2035), st.sampled_from(["", *WEEKDAYS]))
def test_day_month_name_year_lines(entry: tuple[str, int], day: int, year: int, weekday: str) -> None:
    name, month = entry
    line = f"{weekday + ', ' if weekday else ''}{day} {name} {year}"
    found = headers.date_line(line)
    assert found is not None and found.value.value == date(year, month, day).isoformat()


@given(st.sampled_from([(n, m) for n, m in MONTH_NAMES if len(n) > 3]), st.integers(1, 28), st.integers(1995, 2035),
       st.integers(0, 23), st.integers(0, 59))
def test_month_name_first_with_time_and_zone(entry: tuple[str, int], day: int, year: int, hh: int, mi: int) -> None:
    name, month = entry
    found = headers.date_line(f"{name} {day}, {year} {hh:02d}:{mi:02d} WIB")
    assert found is not None and found.value.value == f"{date(year, month, day).isoformat()}T{hh:02d}:{mi:02d}"


@given(st.integers(1, 28), st.integers(1, 12), st.integers(1995, 2035))
def test_bengali_byline_with_bengali_digits(day: int, month: int, year: int) -> None:
    name = next(n for n, m in MONTH_NAMES if m == month and not n.isascii() and "\u0980" <= n[0] <= "\u09ff")
    line = f"শনিবার, {name} {day}, {year} |".translate(BENGALI_DIGITS)
    found = headers.date_line(line)
    assert found is not None and found.value.value == date(year, month, day).isoformat()


@given(st.integers(1, 28), st.sampled_from(MONTH_NAMES), st.integers(1995, 2035))
def test_hungarian_year_first(day: int, entry: tuple[str, int], year: int) -> None:
    name, month = entry
    found = headers.date_line(f"{year}. {name} {day}. 14:05")
    assert found is not None and found.value.value == f"{date(year, month, day).isoformat()}T14:05"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("29 серпня 2020, 14:05", "2020-08-29T14:05"),  # Ukrainian
        ("Δευτέρα, 8 Νοεμβρίου 2023", "2023-11-08"),  # Greek
        ("Senin, 12 Agustus 2024 10:15 WIB", "2024-08-12T10:15"),  # Indonesian
        ("2023. nov. 8.", "2023-11-08"),  # Hungarian, abbreviated
        ("12.03.2024, 10:15 Uhr MEZ", "2024-03-12T10:15"),
        ("Updated 12 March 2024 10:15 GMT+1", "2024-03-12T10:15"),
        ("8 augusti 2023 kl. 17:19", "2023-08-08T17:19"),  # Swedish
        ("3 martie 2022, 09:30", "2022-03-03T09:30"),  # Romanian
    ],
)
def test_header_lines(line: str, value: str) -> None:
    found = headers.date_line(line)
    assert found is not None and found.value.value == value


@pytest.mark.parametrize(
    "line",
    [
        "Στις 8 Νοεμβρίου 2023 ο υπουργός ανακοίνωσε νέα μέτρα.",  # a sentence with a date
        "29 серпня 2020 року уряд ухвалив закон",
        "2023. november 8-án a kormány bejelentette",  # Hungarian sentence: a case ending after the day
        "Pada 12 Agustus 2024 pemerintah mengumumkan",
        "Maret 2024 wird das Gesetz verabschiedet",
    ],
)
def test_sentences_are_no_date_lines(line: str) -> None:
    assert headers.date_line(line) is None


def test_a_cited_source_date_is_no_stamp() -> None:
    assert headers.header_stamp("Grafik: Fälle pro Tag\nQuelle: Financial Times, 24.3.2020\nEs sieht aus …") is None
    assert headers.header_stamp("Fuente: El País, 3 de mayo de 2022, 10:15\nEl gobierno …") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Quelle: dpa 03.06.2022, 15:30 Uhr\nBei einem Unglück …", "2022-06-03T15:30"),  # an agency credit: the page's own
        ("Quelle: Landespressestelle | 08.05.2021, 10:15 Uhr\nDas Land …", "2021-05-08T10:15"),  # a header part of its own
        ("Zugunglück: Mehrere Verletzte 03.06.2022, 15:30 Uhr Bei einem …", "2022-06-03T15:30"),
    ],
)
def test_stamps_after_credits_stay(text: str, value: str) -> None:
    found = headers.header_stamp(text)
    assert found is not None and found.value == value


NAV = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Ratgeber", "Reise", "Auto", "Wissen", "Digital"]


def test_a_banner_day_above_the_menu_yields_to_the_date_under_the_headline() -> None:
    doc = read([*NAV[:5], "06.05.2022", *NAV[5:], TITLE, "05.05.2022"])
    assert doc.meta.published.value == "2022-05-05"


def test_an_earlier_date_above_the_headline_stays() -> None:
    # "Politik | 03.06.2022" over the headline is the article's own stamp; a later date below it (a
    # correction, an event) does not replace it
    doc = read([*NAV, "03.05.2022", TITLE, "05.05.2022"])
    assert doc.meta.published.value == "2022-05-03"


def test_a_removed_publication_label_beats_a_cited_date() -> None:
    header = [*NAV, TITLE, "Kann man mit den Konzepten von damals die Lage deuten? Ja – aber anders.", "~ 10 Minuten",
              "Erstveröffentlichung: 25. März 2020"]
    doc = read(header, footer=["Quelle: Financial Times, 24.3.2020"])
    assert doc.meta.published.value == "2020-03-25"


TEASERS = [
    "Optimale Reanimation: wie häufig und wie tief drücken?", "18. Januar 2019",
    "Smarte Heizungssteuerung: die Heizkörperthermostate im Test", "22. November 2018",
    "Herausforderungen meistern mit neuen Rasierern", "9. November 2018",
    "Homebridge in wenigen Schritten auf dem Raspberry Pi installieren", "25. Oktober 2018",
]


def test_a_dated_teaser_list_above_the_header_does_not_date_the_page() -> None:
    # the layout of a flattened blog page: a dated "latest articles" list, the menu, then the article
    doc = read([*NAV[:3], *TEASERS, *NAV, TITLE, "vor 4 Monaten"])
    assert doc.meta.published.value is None
    assert any(r.reason == "teaser date" for r in doc.removed)


def test_a_single_date_above_the_menu_still_dates_the_page() -> None:
    # one date far above the headline is the page's own stamp, not a list of teasers
    doc = read([*NAV[:3], TEASERS[0], TEASERS[1], *NAV, TITLE])
    assert doc.meta.published.value == "2019-01-18"


def test_a_dated_list_below_the_article_does_not_date_the_page() -> None:
    below = ["Auch interessant", "Leatt Kollektion: Preiswerte Helme und neue Farben", "31. Mai 2016",
             "Neues Gravity-Nachwuchs-Team stellt sich vor", "22. Februar 2016", "Hope Bremsen mit mehr Bremskraft", "18. Mai 2016"]
    doc = read([*NAV, TITLE], footer=below)
    assert doc.meta.published.value is None


def test_a_closing_date_line_below_the_article_still_dates_it() -> None:
    doc = read([*NAV, TITLE], footer=["Berlin, 15.02.2025 14:30 Uhr"])
    assert doc.meta.published.value == "2025-02-15T14:30"


@pytest.mark.parametrize(
    "lead",
    [
        "Am Sonntag, 21.01.2024, demonstrierten in München Zehntausende gegen Rechtsextremismus und für die Demokratie.",
        "Sonntag, 21. Januar 2024, zogen in Hamburg mehr als fünfzigtausend Menschen durch die Innenstadt.",
        "On Sunday, January 21, 2024, tens of thousands marched through the streets of Munich.",
    ],
)
def test_an_event_date_in_the_lead_sentence_does_not_date_the_page(lead: str) -> None:
    doc = read([TITLE, lead])
    assert doc.meta.published.value is None


@pytest.mark.parametrize(
    ("header", "value"),
    [
        (["Zugunglück: Mehrere Verletzte 03.06.2022, 15:30 Uhr Bei einem Unglück in Bayern sind Menschen verletzt worden."],
         "2022-06-03T15:30"),  # joined header lines: the body starts with a capital
        (["14.02.2025, 19:14 Uhr von Anna Muster"], "2025-02-14T19:14"),  # one lowercase word: a byline
        (["Berlin, 21.01.2024 – Zehntausende haben am Sonntag demonstriert."], "2024-01-21"),  # a dateline
    ],
)
def test_stamps_and_datelines_before_text_stay(header: list[str], value: str) -> None:
    assert read([TITLE, *header]).meta.published.value == value


@given(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030))
def test_told_in_sentence_needs_lowercase_words_right_after(d: int, m: int, y: int) -> None:
    date_text = f"{d:02d}.{m:02d}.{y}"
    sentence = f"Am Sonntag, {date_text}, demonstrierten in der Stadt viele Menschen"
    stamp = f"Politik {date_text} Bei einem Feuer in der Stadt wurden viele verletzt"
    assert headers.told_in_sentence(sentence, sentence.index(date_text) + len(date_text))
    assert not headers.told_in_sentence(stamp, stamp.index(date_text) + len(date_text))


def _as_written(name: str, form: str) -> str:
    from lagebild.ingest.page_dates import fold_accents

    return {"upper": name.upper(), "bare": fold_accents(name), "bare upper": fold_accents(name).upper()}[form]


@given(st.sampled_from(MONTH_NAMES + [(n, m) for n, m in headers.MONTHS.items() if not n.isascii()]),
       st.sampled_from(["upper", "bare", "bare upper"]), st.integers(1, 28), st.integers(1995, 2035))
@example(("Μαΐου", 5), "upper", 1, 1995)  # upper() writes "ΐ" as a capital and two marks
def test_month_names_in_capitals_and_without_accents(entry: tuple[str, int], form: str, day: int, year: int) -> None:
    # capitals drop the accents in Greek ("12 ΜΑΡΤΙΟΥ 2024"), keyboards without them everywhere ("3 decembre 2023")
    name, month = entry
    found = headers.date_line(f"{day} {_as_written(name, form)} {year}")
    assert found is not None and found.value.value == date(year, month, day).isoformat()


@pytest.mark.parametrize(("line", "value"), [("12 ΜΑΡΤΙΟΥ 2024", "2024-03-12"), ("ΤΡΙΤΗ, 5 ΑΥΓΟΥΣΤΟΥ 2023", "2023-08-05"),
                                             ("3 DÉCEMBRE 2023", "2023-12-03"), ("12 ΜΑΡΤΥΡΕΣ 2024", None),
                                             ("1 ΜΑΪΟΥ 1995", "1995-05-01"), ("1 \u039c\u0391\u03aa\u0301\u039f\u03a5 1995", "1995-05-01")])
def test_greek_capitals(line: str, value: str | None) -> None:
    found = headers.date_line(line)
    assert (found.value.value if found else None) == value


def test_folding_accents_keeps_the_vowel_signs_of_other_scripts() -> None:
    from lagebild.ingest.page_dates import fold_accents, month_key

    for name in ("মার্চ", "मार्च", "مارس", "ডিসেম্বর"):
        assert fold_accents(name) == name
    assert month_key("ΜΑΡΤΙΟΥ") == month_key("Μαρτίου") and month_key("KASIM") == month_key("Kasım")
