"""Relative dates of an updated page anchor on the update: the text read is the updated version."""

from __future__ import annotations

from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex

TEXT = "Die Ministerin hat am Sonntag die überschwemmten Gebiete besucht."


def _sunday(updated: str | None) -> str | None:
    doc = Document(id="d", original=TEXT, source=SourceRef(path="d.txt"))
    doc.set_text(TEXT, OffsetMap.identity(len(TEXT)))
    # first published on Saturday 20 May 2023, updated on Sunday 21 May
    doc.meta = ArticleMeta(published=DateValue("2023-05-20T09:15", "minute"))
    if updated:
        doc.meta.extra["updated"] = DateValue(updated, "minute").to_json()
    RuleTimex()(doc)
    (ann,) = [a for a in doc.of_kind("timex") if "Sonntag" in a.surface]
    return ann.data.get("value")


def test_an_updated_page_tells_its_sunday_from_the_update() -> None:
    assert _sunday("2023-05-21T18:02") == "2023-05-21"
    # must not fire: without an update the Sunday before the Saturday of publication is meant
    assert _sunday(None) == "2023-05-14"
