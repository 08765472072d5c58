"""Header-line parsers: dates at the precision given, bylines, sections, reading time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest import headers


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("Veröffentlicht am 10.11.2024 um 15:57 Uhr", "2024-11-10T15:57", "minute"),
        ("25.10.2024 10:15", "2024-10-25T10:15", "minute"),
        ("24. Oktober, 2024", "2024-10-24", "day"),
        ("date 2024-11", "2024-11", "month"),
        ("Stand: 03.05.2023, 14:22 Uhr", "2023-05-03T14:22", "minute"),
        ("Donnerstag, 24. Oktober 2024", "2024-10-24", "day"),
        ("October 24, 2024", "2024-10-24", "day"),
        ("Updated: 2024-10-25T10:15:00+02:00", "2024-10-25T10:15", "minute"),
        ("März 2023", "2023-03", "month"),
        ("12.03.2024 | Lesezeit: 3 min", "2024-03-12", "day"),
        ("Oct. 3, 2021 at 5:30 p.m.", "2021-10-03T17:30", "minute"),
        ("Update: 01.06.2021, 18:45 Uhr", "2021-06-01T18:45", "minute"),
        ("18:45 Uhr, 01.06.2021", "2021-06-01T18:45", "minute"),
        ("Aktualisiert: 12.03.2024, um 14:05 Uhr", "2024-03-12T14:05", "minute"),
    ],
)
def test_date_lines(line: str, value: str, precision: str) -> None:
    found = headers.date_line(line)
    assert found is not None, line
    assert (found.value.value, found.value.precision, found.value.inferred) == (value, precision, False)


def test_a_separator_and_the_word_for_at_before_a_time_keep_the_minute() -> None:
    found = headers.parse_date_string("12.03.2024, um 14:05 Uhr")
    assert found is not None and (found.value, found.precision) == ("2024-03-12T14:05", "minute")
    found = headers.parse_date_string("12.03.2024, um 14 Uhr")  # an hour alone is no time of a stamp
    assert found is not None and (found.value, found.precision) == ("2024-03-12", "day")


@pytest.mark.parametrize("line", ["Die Wahl 2024 war knapp.", "31.02.2024", "Am 6. August startete die Offensive", "13.13.2024", ""])
def test_not_date_lines(line: str) -> None:
    assert headers.date_line(line) is None


def test_date_prefix_glued_to_text() -> None:
    found = headers.date_prefix(" date 2024-11 Die Wahl von Donald Trump")
    assert found is not None and found.value.value == "2024-11" and found.value.precision == "month"
    assert " date 2024-11 Die Wahl"[found.end :].startswith("Die Wahl")
    assert headers.date_prefix("Die Wahl 2024-11 war") is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Durch Hans Meier", "Hans Meier"),
        ("Von Anna-Lena Müller und Peter Schmidt", "Anna-Lena Müller, Peter Schmidt"),
        ("Von Hans Meier, dpa", "Hans Meier"),
        ("Von HANS MEIER", "Hans Meier"),
        ("Von Hans Meier, Berlin", "Hans Meier"),
        ("Von Anna Beispiel, Tel Aviv", "Anna Beispiel"),
        ("Von Hans Meier, Eva Huber und Max Muster", "Hans Meier, Eva Huber, Max Muster"),
        ("FOCUS-online-Redakteur Hans Meier", "Hans Meier"),
        ("Korrespondentin Anna Beispiel", "Anna Beispiel"),
        ("Redakteur Politik", None),
        ("By John Smith", "John Smith"),
        ("Von Ursula von der Leyen", "Ursula von der Leyen"),
        ("Von der Leyen sagt", None),
        ("Von heute an gilt das Gesetz", None),
        ("Von Berlin aus fuhr der Zug nach Moskau und weiter nach Peking, wo er am Abend ankam", None),
    ],
)
def test_author_lines(line: str, author: str | None) -> None:
    assert headers.author_line(line) == author


def test_sections_and_reading_time() -> None:
    assert headers.section_word("Politik") == "Politik"
    assert headers.section_word("Politik > Ausland") == "Ausland"
    assert headers.section_word("Putin gibt Pressekonferenz") is None
    assert headers.reading_time_line("Lesezeit: 2 Minuten")
    assert headers.reading_time_line("Lesezeit: 2 min")
    assert headers.reading_time_line("4 min read")
    assert not headers.reading_time_line("Die Lesezeit beträgt laut Verlag etwa zwei Minuten.")


@given(st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59))
def test_numeric_dates_roundtrip(y: int, m: int, d: int, hh: int, mi: int) -> None:
    found = headers.date_line(f"{d:02d}.{m:02d}.{y} {hh:02d}:{mi:02d}")
    assert found is not None
    assert found.value.value == f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}"
    iso = headers.date_line(f"{y}-{m:02d}")
    assert iso is not None and iso.value.precision == "month"


@given(st.text(max_size=200))
def test_parsers_never_raise(line: str) -> None:
    headers.date_line(line)
    headers.date_prefix(line)
    headers.author_line(line)
    headers.section_word(line)
    headers.reading_time_line(line)
    headers.parse_date_string(line)
    headers.closing_date(line)


def test_structured_dates() -> None:
    assert headers.parse_date_string("2024-11-10 15:57:00").value == "2024-11-10T15:57"  # type: ignore[union-attr]
    assert headers.parse_date_string("2024-11-10 00:00:00").precision == "day"  # type: ignore[union-attr]
    assert headers.parse_date_string("not a date") is None


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("Von Hans Meier | 12.03.2024, 10:15 Uhr", "Hans Meier", "2024-03-12T10:15"),
        ("Hans Meier · 12.03.2024", "Hans Meier", "2024-03-12"),
        ("Von Anna Schmidt, dpa - 03.05.2023", "Anna Schmidt", "2023-05-03"),
        ("12.03.2024 | Politik | Lesezeit: 3 min", None, "2024-03-12"),
        ("4. Mai 2023, 16:38 Uhr Quelle: Nordkurier Online, dpa, AFP", None, "2023-05-04T16:38"),
    ],
)
def test_combined_header_lines(line: str, author: str | None, date: str) -> None:
    found = headers.header_parts(line)
    assert found is not None
    assert found.get("author") == author
    assert found["date"].value == date  # type: ignore[union-attr]


@pytest.mark.parametrize("line", ["Die Wahl | Das Ergebnis", "Angela Merkel | Olaf Scholz", "Berlin - Die Regierung hat entschieden",
                                  "Die Zahl der Toten stieg auf 12 Quelle: Polizei"])
def test_not_combined_header_lines(line: str) -> None:
    assert headers.header_parts(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [("Hans Meier, dpa", "Hans Meier"), ("Hans Meier (AFP)", "Hans Meier"), ("Berlin, dpa", None), ("hans meier, dpa", None)],
)
def test_name_with_agency_is_a_byline(line: str, author: str | None) -> None:
    found = headers.header_parts(line)
    assert (found or {}).get("author") == author


def test_name_over_a_job_title() -> None:
    assert headers.name_over_role("Hans Meier", "Nachrichtenredakteur") == "Hans Meier"
    assert headers.name_over_role("Anna Beispiel", "Korrespondentin in Tel Aviv") == "Anna Beispiel"
    assert headers.name_over_role("Tel Aviv", "Die Regierung hat ein Gesetz beschlossen.") is None


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Text/Foto: Nordfunk Nachrichtendienst am 3. März 2023", "2023-03-03"),
        ("Stand: 04.10.2023, 07:30 Uhr", "2023-10-04T07:30"),
        ("Hamburg, 21.11.2022", "2022-11-21"),
        ("Quelle: Landespressestelle | 8. Mai 2021", "2021-05-08"),
        ("12. Juni 2020", "2020-06-12"),
        ("Die Zufahrt bleibt gesperrt. (dpa, 8.5.2021)", "2021-05-08"),
    ],
)
def test_closing_credit_lines(line: str, value: str) -> None:
    found = headers.closing_date(line)
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "line",
    [
        "Die Anhörung vor dem Ausschuss findet am 3. März 2023 statt.",  # a sentence: verbs, words after the date
        "Der Prozess beginnt am 3. März 2023",  # a sentence without its full stop
        "Anmeldung: bis 3. März 2023",  # an appointment, not the piece's date
        "Termin: Mitgliederversammlung am 3. März 2023",
        "Der Verdächtige war am 13. Februar 2023 festgenommen worden",
        "Im Oktober 2024",  # a month, no day
        "Das Unternehmen will das Werk bis Ende 2030 schließen",
    ],
)
def test_not_closing_credit_lines(line: str) -> None:
    assert headers.closing_date(line) is None


@given(st.integers(1990, 2099), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["Text: Redaktion am", "Quelle: Agentur,", "Bonn,", ""]))
def test_closing_dates_roundtrip(y: int, m: int, d: int, prefix: str) -> None:
    found = headers.closing_date(f"{prefix} {d}.{m:02d}.{y}".strip())
    assert found is not None and found.value == f"{y:04d}-{m:02d}-{d:02d}"


def test_time_stamp_of_joined_header_lines() -> None:
    stamp = headers.header_stamp("Brand in Lagerhalle 12.09.2023, 08:15 Uhr Bei einem Feuer in Kiel …")
    assert stamp is not None and stamp.value == "2023-09-12T08:15"
    glued = headers.header_stamp("Brand in Lagerhalle12.09.2023 08:15 Uhr Bei einem Feuer …")
    assert glued is not None and glued.value == "2023-09-12T08:15"
    day = headers.header_stamp("Brand in Lagerhalle 12.09.2023 Bei einem Feuer in Kiel …")
    assert day is not None and day.value == "2023-09-12"


@pytest.mark.parametrize(
    "text",
    [
        "Brand in Lagerhalle Am 12.09.2023 um 08:15 Uhr brach in Kiel ein Feuer aus.",  # a date inside a sentence
        "Die Sitzung ist vom 12.09.2023, 08:15 Uhr auf den Nachmittag verlegt worden.",
        "Brand in Lagerhalle " + "Bei einem Feuer in Kiel wurde niemand verletzt. " * 8 + "Der 12.09.2023 bleibt in Erinnerung.",  # a day deep in the text
    ],
)
def test_no_time_stamp(text: str) -> None:
    assert headers.header_stamp(text) is None
