"""Relative header dates in more languages and units ("il y a 3 jours", "hace 2 horas", "2 ore fa", "vor 4
Monaten"): counted back from a crawl time only, at the precision the count allows; sentences that tell of
a time span are no header dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest import headers
from lagebild.model import Document, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders
from tests.ingest.header_page import BODY

UNITS = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200}
FORMS = [
    ("vor {n} Minuten", "minute"), ("vor {n} Stunden", "hour"), ("vor {n} Tagen", "day"), ("vor {n} Wochen", "week"),
    ("vor {n} Monaten", "month"), ("{n} hours ago", "hour"), ("{n} weeks ago", "week"), ("il y a {n} heures", "hour"),
    ("il y a {n} jours", "day"), ("hace {n} horas", "hour"), ("hace {n} días", "day"), ("há {n} minutos", "minute"),
    ("{n} ore fa", "hour"), ("{n} giorni fa", "day"), ("{n} uur geleden", "hour"), ("{n} dagen geleden", "day"),
]


@given(st.sampled_from(FORMS), st.integers(2, 59))
def test_relative_forms_count_back(form: tuple[str, str], n: int) -> None:
    text, unit = form
    found = headers.relative_date_line(text.format(n=n))
    assert found is not None and found.minutes_back == n * UNITS[unit]


@pytest.mark.parametrize(("line", "days"), [("Hoy, 10:15", 0), ("Ayer, 18:40", 1), ("Oggi alle 10:15", 0), ("Gisteren om 18:40", 1)])
def test_today_and_yesterday_in_more_languages(line: str, days: int) -> None:
    found = headers.relative_date_line(line)
    assert found is not None and found.days_back == days and found.time is not None


@pytest.mark.parametrize(
    "line",
    [
        "vor 4 Monaten wurde das Gesetz beschlossen",  # a sentence
        "hace 2 horas que llueve en Valencia del Norte",
        "Hier",  # German "here", French "yesterday": alone it says nothing
        "vor Ort",
        "Seit 3 Wochen",
    ],
)
def test_no_relative_header_date(line: str) -> None:
    assert headers.relative_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("il y a 3 jours", "2024-03-09", "day"),
        ("hace 2 horas", "2024-03-12T07:30", "minute"),
        ("vor 2 Wochen", "2024-02", "month"),  # a rounded count: only the month is known
        ("vor 4 Monaten", "2023-11", "month"),
    ],
)
def test_counted_back_from_the_crawl_time(line: str, value: str, precision: str) -> None:
    text = "\n\n".join(["Gesetz beschlossen", line, *BODY]) + "\n"
    doc = Document("x", text, SourceRef("x.txt", format="txt"))
    doc.meta.extra["crawl_date"] = "2024-03-12T09:30:00"
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert (doc.meta.published.value, doc.meta.published.precision, doc.meta.published.inferred) == (value, precision, True)
    assert doc.meta.extra.get("published_kind") == "relative"


def test_not_counted_from_a_file_time() -> None:
    text = "\n\n".join(["Gesetz beschlossen", "il y a 3 jours", *BODY]) + "\n"
    doc = Document("x", text, SourceRef("x.txt", format="txt"))
    doc.meta.extra["file_mtime"] = "2024-03-12T09:30:00"
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert doc.meta.published.value is None
