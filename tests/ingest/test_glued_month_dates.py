"""A month name right after a short month's full stop starts a date ("Nov.November 18, 2019": a template's short
and long month flattened together); a number there does not ("Nr.12.03.2024"), nor a month after a sentence's end
or another abbreviation."""

from __future__ import annotations

from lagebild.ingest.page_dates import line_dates
from tests.ingest.header_page import read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


def test_a_month_name_after_an_abbreviation_is_read() -> None:
    assert [d for d, *_ in line_dates("Mär.März 12, 2024", day_first=True)] == ["2024-03-12"]
    assert [d for d, *_ in line_dates("Sept.September 3, 2019", day_first=True)] == ["2019-09-03"]
    doc = read([*MENU, TITLE, "Nov.November 18, 2023", "12:02 PM", "Von Anna Beispiel"])
    assert doc.meta.published.value is not None and doc.meta.published.value.startswith("2023-11-18")


def test_a_number_after_an_abbreviation_is_not() -> None:
    assert line_dates("Akte Nr.12.03.2024 abgelegt", day_first=True) == []
    assert line_dates("Version v1.12.03.2024", day_first=True) == []


def test_a_month_name_after_a_sentence_end_or_another_abbreviation_is_not() -> None:
    assert line_dates("Die Saison endete.Mai 12, 2020 begann die neue", day_first=True) == []
    assert line_dates("Heft Nr.März 3, 2020", day_first=True) == []
    assert line_dates("Die Saison endete.Mai 2020 begann die neue", day_first=True) == []
