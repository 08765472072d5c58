"""A month name between slashes ("29 / Dezember / 2022", a blog template's "d / F / Y") is a date like "29. Dezember 2022"."""

from __future__ import annotations

from lagebild.ingest.page_dates import line_dates
from tests.ingest.header_page import read


def test_a_day_month_name_and_year_between_slashes_is_read() -> None:
    assert [d for d, _, _ in line_dates("Fashion 29 / Dezember / 2022")] == ["2022-12-29"]
    assert [d for d, _, _ in line_dates("3/März/2021")] == ["2021-03-03"]
    doc = read(["Startseite", "Mode", "Nachhaltige Jacken für draußen", "von Anna Beispiel", "Mode", "29 / Dezember / 2022"])
    assert doc.meta.published.value == "2022-12-29"


def test_an_issue_number_or_a_month_without_its_day_is_no_date() -> None:
    assert line_dates("Heft 4 / 2022") == []
    assert line_dates("Ausgabe Dezember / 2022") == []
    doc = read(["Startseite", "Mode", "Nachhaltige Jacken für draußen", "Heft 4 / 2022"])
    assert doc.meta.published.value is None
