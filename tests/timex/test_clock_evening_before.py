"""A clock time alone, told as past and later than the article's own time, is the evening before's."""

from __future__ import annotations

import pytest

from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex, document_dct, local_time


def _clock_value(text: str, published: str) -> str:
    doc = Document(id="d", original=text, source=SourceRef(path="d.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=DateValue(published, "minute"))
    (clock,) = [t for t in RuleTimex()(doc).of_kind("timex") if t.data.get("rule") == "clock"]
    return str(clock.data["value"])[:16]


def test_an_evening_concert_told_the_next_morning_is_the_evening_before() -> None:
    text = "Das Konzert im Stadtpark hatte um 20.30 Uhr begonnen und endete erst nach Mitternacht."
    assert _clock_value(text, "2024-07-06T07:15") == "2024-07-05T20:30"


def test_a_late_evening_article_keeps_its_own_day() -> None:
    text = "Das Konzert im Stadtpark hatte um 20.30 Uhr begonnen, die Zuhörer blieben bis zum Schluss."
    assert _clock_value(text, "2024-07-05T23:10") == "2024-07-05T20:30"


def test_a_clock_time_ahead_stays_on_the_article_s_day() -> None:
    text = "Das Konzert im Stadtpark beginnt um 20.30 Uhr."
    assert _clock_value(text, "2024-07-06T07:15") == "2024-07-06T20:30"


def test_a_utc_publication_time_is_read_as_local_time() -> None:
    # 21:10 UTC is 23:10 in a German summer: the 20.30 Uhr concert was that same evening
    text = "Das Konzert im Stadtpark hatte um 20.30 Uhr begonnen, die Zuhörer blieben bis zum Schluss."
    assert _clock_value(text, "2024-07-05T21:10:00Z") == "2024-07-05T20:30"
    assert _clock_value(text, "2024-07-05T19:10:00Z") == "2024-07-05T20:30"  # 21:10 local: still after it
    assert _clock_value(text, "2024-07-06T05:15:00+02:00") == "2024-07-05T20:30"


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("2024-07-05T21:10:00Z", "2024-07-05T23:10"),
        ("2024-01-05T23:30Z", "2024-01-06T00:30"),
        ("2024-07-05T23:10:00+02:00", "2024-07-05T23:10"),
        ("2024-07-05T23:10", "2024-07-05T23:10"),
        ("2024-07-05", "2024-07-05"),
    ],
)
def test_local_time(value: str, local: str) -> None:
    assert local_time(value) == local


def test_a_utc_publication_late_at_night_is_the_next_local_day() -> None:
    point = document_dct("2024-01-05T23:30Z", "day")
    assert point is not None and (point.year, point.month, point.day) == (2024, 1, 6)
