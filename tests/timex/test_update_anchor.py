"""Relative dates of a page updated the next day anchor on the update only where the update tells them."""

from __future__ import annotations

from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex

TEXT = "Die Ministerin hat am Sonntag die überschwemmten Gebiete besucht."
PRINTED = "printed update date ('Aktualisiert am 21.05.2023, 18:02')"


def _values(text: str, published: str, updated: str | None, reason: str = PRINTED) -> dict[str, str | None]:
    doc = Document(id="d", original=text, source=SourceRef(path="d.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=DateValue(published, "minute"))
    if updated:
        doc.meta.extra["updated"] = DateValue(updated, "minute", False, reason).to_json()
    RuleTimex()(doc)
    return {a.surface: a.data.get("value") for a in doc.of_kind("timex")}


def test_a_page_updated_the_next_day_tells_its_sunday_from_the_update() -> None:
    # first published on Saturday 20 May 2023, the printed header says updated on Sunday 21 May
    assert _values(TEXT, "2023-05-20T09:15", "2023-05-21T18:02")["Sonntag"] == "2023-05-21"
    # must not fire: without an update the Sunday before the Saturday of publication is meant
    assert _values(TEXT, "2023-05-20T09:15", None)["Sonntag"] == "2023-05-14"


def test_an_update_weeks_later_keeps_the_publication_anchor() -> None:
    # must not fire: a strike report of Friday 8 March 2024 corrected on 27 March
    text = "Am Montag streikten die Beschäftigten. Gestern legten sie die Arbeit erneut nieder."
    values = _values(text, "2024-03-08T10:00", "2024-03-27T09:00", "printed update date ('Aktualisiert am 27.03.2024')")
    assert values["Montag"] == "2024-03-04"
    assert values["Gestern"] == "2024-03-07"


def test_a_structured_date_modified_never_moves_the_anchor() -> None:
    # must not fire: the update day came from dateModified of the page, not a printed header
    values = _values(TEXT, "2023-05-20T09:15", "2023-05-21T18:02", "update date of the page")
    assert values["Sonntag"] == "2023-05-14"


def test_a_past_tense_weekday_keeps_the_publication_anchor() -> None:
    # must not fire: the preterite tells the first version's past even on a page updated the next day
    text = "Am Sonntag streikten die Fahrer der Verkehrsbetriebe in Oberhausen."
    assert _values(text, "2023-05-20T09:15", "2023-05-21T18:02")["Sonntag"] == "2023-05-14"
