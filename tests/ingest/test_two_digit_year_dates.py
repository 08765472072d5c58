"""A slashed date with a two-digit year is read before a time of day only ("On 11/13/19 at 4:00 PM EST")."""

from __future__ import annotations

from lagebild.ingest.page_dates import line_dates
from tests.ingest.header_page import read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


def days(line: str) -> list[str]:
    return [day for day, *_ in line_dates(line, day_first=True)]


def test_a_two_digit_year_before_a_time_is_a_stamp() -> None:
    assert days("On 11/13/19 at 4:00 PM EST") == ["2019-11-13"]
    assert days("13/11/19 14:05 Uhr") == ["2019-11-13"]
    doc = read([*MENU, TITLE, "Von Anna Beispiel", "13/03/24, 14:05 Uhr"])
    assert doc.meta.published.value == "2024-03-13T14:05"


def test_a_two_digit_year_without_a_time_is_a_score_or_a_fraction() -> None:
    assert days("Endstand 3/1/23 nach Verlängerung") == []
    assert days("Anteil 1/4/25 der Stimmen") == []
    assert days("12/03/2024") == ["2024-03-12"]


def test_a_score_before_a_kick_off_time_is_no_date() -> None:
    # a result, then a time: neither a hyphen nor an unpadded day or month is how a stamp prints a short year
    assert days("Ergebnis 3-1-23, 14.30 Uhr Anpfiff") == []
    assert days("Stand 2:1, 12/3/24 14:00") == []
    assert days("Stand 13-11-19 14:05") == []
    # the same short year with a stamp's word before the time is read
    assert days("Posted 1/13/19 at 4:00 PM") == ["2019-01-13"]
