"""Day or month first in numeric header dates: the outlet's country, else the text's language; uncertain
when neither decides. And where no order question arises (a day above 12, equal numbers, a spelled month)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest.date_order import date_order, open_numeric_date, page_order
from lagebild.model import DateValue, Document, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders
from tests.ingest.header_page import BODY as DE_BODY

EN_BODY = [
    "The city council voted on Wednesday to expand the bus network into the northern suburbs, after months of "
    "debate over the cost of new routes and the drivers needed to run them.",
    "Officials said the first new lines would open next spring, and that fares would stay the same for at least "
    "two years while the city applies for federal transit grants.",
    "Residents of the suburbs had complained for years that the nearest bus stop was more than a mile away from "
    "many homes, leaving older people without a way into town.",
]
EN_TITLE = "City Council Votes to Expand Bus Network"
DE_TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


def _doc(title: str, stamp: str, body: list[str], url: str | None = None) -> Document:
    text = "\n\n".join([title, "By Jane Doe" if body is EN_BODY else "Von Anna Muster", stamp, *body]) + "\n"
    return MetaHeaders()(BoilerplateClean()(Document("p", text, SourceRef("p.txt", format="txt", url=url))))


def test_us_byline_in_english_reads_month_first_and_says_it_is_uncertain() -> None:
    doc = _doc(EN_TITLE, "11/08/23 5:19pm", EN_BODY)
    assert doc.meta.published.value == "2023-11-08T17:19"
    assert doc.meta.extra["published_uncertain"]["readings"] == ["2023-11-08", "2023-08-11"]
    assert "uncertain" in (doc.meta.published.reason or "")


@pytest.mark.parametrize(
    ("url", "value", "uncertain"),
    [
        ("https://www.example.us/news/bus", "2023-11-08T17:19", False),
        ("https://www.example.co.uk/news/bus", "2023-08-11T17:19", False),
        ("https://www.example.com.au/news/bus", "2023-08-11T17:19", False),
        ("https://www.example.ca/news/bus", "2023-11-08T17:19", True),
    ],
)
def test_the_outlets_country_decides_the_order(url: str, value: str, uncertain: bool) -> None:
    doc = _doc(EN_TITLE, "11/08/23 5:19pm", EN_BODY, url)
    assert doc.meta.published.value == value
    assert ("published_uncertain" in doc.meta.extra) is uncertain


def test_german_text_reads_day_first_without_doubt() -> None:
    doc = _doc(DE_TITLE, "11/08/2023 17:19", DE_BODY)
    assert doc.meta.published.value == "2023-08-11T17:19"
    assert "published_uncertain" not in doc.meta.extra


@pytest.mark.parametrize("stamp", ["13/08/2023 17:19", "08/08/2023 17:19", "November 8, 2023 5:19 PM", "08.11.2023 17:19"])
def test_no_order_question_where_the_reading_is_not_open(stamp: str) -> None:
    doc = _doc(EN_TITLE, stamp, EN_BODY)
    assert doc.meta.published.value is not None
    assert "published_uncertain" not in doc.meta.extra
    assert "read month first" not in (doc.meta.published.reason or "")


def test_structured_dates_are_not_reordered() -> None:
    # a reader's ISO date is exact; a numeric date in the text that spells the same day day-first changes nothing
    text = "\n\n".join([EN_TITLE, "11/08/2023", *EN_BODY]) + "\n"
    doc = Document("p", text, SourceRef("p.json", format="jsonl"))
    doc.meta.published = DateValue("2023-08-11", "day", False, "record field 'date'")
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert doc.meta.published.value == "2023-08-11"


def test_unknown_language_and_country_keeps_day_first_as_uncertain() -> None:
    order = date_order(None, None)
    assert order.order is None and not order.certain
    assert date_order("de", "https://www.example.com/x").order == "dmy"
    assert date_order("de", "https://www.example.us/x").order == "mdy"  # the country beats the language
    assert date_order("en-US", None).order == "mdy"


@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)), st.booleans(), st.sampled_from(["/", "-"]))
def test_open_numeric_date_gives_both_readings_or_none(day: date, two_digit: bool, sep: str) -> None:
    year = f"{day.year % 100:02d}" if two_digit and 1970 <= day.year < 2070 else f"{day.year}"
    text = f"Posted {day.day:02d}{sep}{day.month:02d}{sep}{year} 10:00"
    found = open_numeric_date(text, day.isoformat())
    if day.day > 12 or day.day == day.month:
        assert found is None
    else:
        assert found is not None and found.day_first == day.isoformat()
        assert found.month_first == date(day.year, day.day, day.month).isoformat()


@pytest.mark.parametrize("text", ["Tel. 11/08/23 45", "Version 1.11/08/2023", "Seite 11/08/2023/4", "Score 11-08"])
def test_open_numeric_date_ignores_other_numbers(text: str) -> None:
    assert open_numeric_date(text, "2023-08-11") is None


def test_the_pages_own_dates_decide_before_the_language() -> None:
    # a British recipe blog without its address: its readers' comments are dated "14/04/2020"
    comments = ["Reply", "Chandice", "14/04/2020 at 3:00 pm", "Yum, what a lovely bread to share with friends at the weekend."]
    text = "\n\n".join([EN_TITLE, "12/04/2020 by Kay 24 Comments", *EN_BODY, *comments]) + "\n"
    doc = MetaHeaders()(BoilerplateClean()(Document("p", text, SourceRef("p.txt", format="txt"))))
    assert doc.meta.published.value == "2020-04-12"
    assert "published_uncertain" not in doc.meta.extra and "14/04/2020" in (doc.meta.published.reason or "")


@pytest.mark.parametrize(
    ("text", "order"),
    [("Posted 04/14/2020, updated 04/15/2020", "mdy"), ("am 14/04/2020 und 15/04/2020", "dmy"),
     ("14/04/2020 and 04/15/2020", None), ("11/08/2023 only", None), ("Tel. 0221 14/04/20 45", None)],
)
def test_page_order(text: str, order: str | None) -> None:
    found = page_order(text)
    assert (found.order if found else None) == order


RELATED = "Related: Council budget row over night buses 08/11/2023"


@pytest.mark.parametrize("url", ["https://example.com/news/bus", "https://www.example.us/news/bus"])
def test_an_open_number_elsewhere_does_not_reorder_a_written_out_date(url: str) -> None:
    # the header says "8 November 2023"; a related link's "08/11/2023" is the same day read day first
    # and must not turn it into 11 August
    doc = _doc(EN_TITLE, "Published 8 November 2023", [*EN_BODY, RELATED], url)
    assert doc.meta.published.value == "2023-11-08"
    assert "published_uncertain" not in doc.meta.extra
    assert "read month first" not in (doc.meta.published.reason or "")


def test_an_open_number_in_the_chosen_header_line_is_still_weighed() -> None:
    # the same related line below, but the header itself gives the open form: the country decides
    doc = _doc(EN_TITLE, "Published 11/08/2023 5:19pm", [*EN_BODY, RELATED], "https://www.example.us/news/bus")
    assert doc.meta.published.value == "2023-11-08T17:19"


def test_the_same_day_with_its_month_written_out_proves_day_first() -> None:
    doc = _doc(EN_TITLE, "08/11/2023 · 8 November 2023", EN_BODY, "https://www.example.us/news/bus")
    assert doc.meta.published.value == "2023-11-08"
    assert "published_uncertain" not in doc.meta.extra


@pytest.mark.parametrize(
    ("url", "published", "updated"),
    [
        ("https://www.example.us/news/bus", "2023-11-08T17:19", "2023-12-11T09:00"),  # month first, both
        ("https://www.example.co.uk/news/bus", "2023-08-11T17:19", "2023-11-12T09:00"),  # day first, both
    ],
)
def test_the_update_date_is_read_in_the_order_settled_for_the_page(url: str, published: str, updated: str) -> None:
    doc = _doc(EN_TITLE, "Published 11/08/2023 5:19pm / Updated 12/11/2023 9:00am", EN_BODY, url)
    assert doc.meta.published.value == published
    assert doc.meta.extra["updated"]["value"] == updated
