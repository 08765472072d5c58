"""What kind of date the publication date is (``extra["published_kind"]``, ``published.kind`` in the export):
printed or given (``exact``), only an update or as-of date (``updated``: published then or earlier), the
month a crawl stored the page (``crawl``), counted back from the crawl time (``relative``), the day an agency first
sent the item (``agency_item``: published then or later)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.compare import CorpusResult
from lagebild.export.json_export import document_json
from lagebild.model import Document, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders
from tests.ingest.header_page import BODY, read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


@pytest.mark.parametrize(
    ("header", "value", "kind", "updated"),
    [
        (["Aktualisiert am 19.01.2024 - 18:46 Uhr"], "2024-01-19T18:46", "updated", None),
        (["Stand: 14.02.2025 19:14 Uhr"], "2025-02-14T19:14", "updated", None),
        (["Von Anna Muster | Stand: 14.02.2025"], "2025-02-14", "updated", None),
        (["Updated 5:19 PM EST, Wed November 8, 2023"], "2023-11-08T17:19", "updated", None),
        (["Mis à jour le 12 mars 2024 à 10h15"], "2024-03-12T10:15", "updated", None),
        # a creation date beside the update: the creation date is the publication date, exact
        (["Erstellt: 18.01.2024, 10:00 Uhr", "Aktualisiert: 19.01.2024, 18:46 Uhr"], "2024-01-18T10:00", "exact", "2024-01-19T18:46"),
        (["Erstellt am 18.01.2024 | Aktualisiert am 19.01.2024"], "2024-01-18", "exact", "2024-01-19"),
        (["Veröffentlicht am 14.02.2025, 19:14 Uhr"], "2025-02-14T19:14", "exact", None),
        # "Stand" dates the version read: beside a creation date it is the update
        (["Stand: 19.01.2024 18:46 Uhr | Erstellt: 18.01.2024 10:00 Uhr"], "2024-01-18T10:00", "exact", "2024-01-19T18:46"),
        (["Aktualisiert: 19.01.2024, 18:46 Uhr", "Erstellt: 18.01.2024, 10:00 Uhr"], "2024-01-18T10:00", "exact", "2024-01-19T18:46"),
        (["Updated: Jan 19, 2024 | Published: Jan 18, 2024"], "2024-01-18", "exact", "2024-01-19"),
        (["14.02.2025, 19:14 Uhr"], "2025-02-14T19:14", "exact", None),
    ],
)
def test_kind_of_header_dates(header: list[str], value: str, kind: str, updated: str | None) -> None:
    doc = read([TITLE, *header])
    assert doc.meta.published.value == value
    assert doc.meta.extra.get("published_kind") == kind
    assert (doc.meta.extra.get("updated") or {}).get("value") == updated


def test_stand_in_running_text_does_not_make_a_stamp_an_update() -> None:
    # the same day in a sentence after "Stand der Ermittlungen" is not the label of the header stamp
    body = [BODY[0] + " Zum Stand der Ermittlungen am 14.02.2025 äußerte sich die Polizei nicht.", *BODY[1:]]
    doc = read([TITLE, "14.02.2025, 19:14 Uhr"], body)
    assert doc.meta.extra.get("published_kind") == "exact"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # "Stand" as a noun names no as-of date
        ("So ist der Stand am 14.02.2025", "exact"),
        ("Zum Stand der Ermittlungen: 14.02.2025", "exact"),
        ("Lo stato al momento: 3 marzo 2024", "exact"),
        # the label right before its date, or before a colon
        ("Stand 14.02.2025", "updated"),
        ("État au 3 mars 2024 à 10h15", "updated"),
        # with a linking word only where the label opens the line or a header part
        ("Stand vom 14.02.2025", "updated"),
        ("Von Anna Muster | Stand am 14.02.2025, 19:14 Uhr", "updated"),
    ],
)
def test_an_as_of_label_stands_right_before_its_date(line: str, kind: str) -> None:
    assert read([TITLE, line]).meta.extra.get("published_kind") == kind


def test_crawl_marker_month_is_an_upper_bound() -> None:
    doc = read([" date 2024-01 " + TITLE])
    assert (doc.meta.published.value, doc.meta.extra.get("published_kind")) == ("2024-01", "crawl")


def test_no_date_no_kind() -> None:
    doc = read([TITLE])
    assert doc.meta.published.value is None and "published_kind" not in doc.meta.extra


def _export(header: list[str]) -> dict[str, object]:
    text = "\n\n".join([TITLE, *header, *BODY]) + "\n"
    doc = MetaHeaders()(BoilerplateClean()(Document("page", text, SourceRef("page.txt", format="txt"))))
    published = document_json(doc, [], CorpusResult())["published"]
    assert isinstance(published, dict)
    return published


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030), st.sampled_from(["Aktualisiert am", "Stand:", "Zuletzt aktualisiert:"]))
def test_export_marks_an_update_date_as_an_upper_bound(d: int, m: int, y: int, label: str) -> None:
    published = _export([f"{label} {d:02d}.{m:02d}.{y} 10:15 Uhr"])
    day = f"{y:04d}-{m:02d}-{d:02d}T10:15"
    assert published["value"] == day and published["kind"] == "updated" and published["not_after"] == day


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030), st.sampled_from(["Veröffentlicht am", "Erstellt:", ""]))
def test_export_marks_a_publication_date_exact(d: int, m: int, y: int, label: str) -> None:
    published = _export([f"{label} {d:02d}.{m:02d}.{y} 10:15 Uhr".strip()])
    assert published["kind"] == "exact" and "not_after" not in published


def test_an_as_of_date_above_the_headline_yields_to_an_earlier_stamp_under_it() -> None:
    doc = read(["Stand: 19.01.2024 18:46 Uhr", TITLE, "18.01.2024, 10:00 Uhr"])
    assert (doc.meta.published.value, doc.meta.extra.get("published_kind")) == ("2024-01-18T10:00", "exact")
    assert doc.meta.extra["updated"]["value"] == "2024-01-19T18:46"


def test_an_as_of_date_stays_before_a_later_date_under_the_headline() -> None:
    # a later day under the headline is no first version of a page already read on the 18th
    doc = read(["Stand: 18.01.2024 10:00 Uhr", TITLE, "19.01.2024"])
    assert doc.meta.published.value == "2024-01-18T10:00"


def test_an_agency_item_number_is_a_lower_bound() -> None:
    # the number dates the item's first sending; a page carrying a later version of it is of that day or later
    doc = read([TITLE], None, ["dpa-infocom, dpa:240314-99-123456/5"])
    assert (doc.meta.published.value, doc.meta.extra.get("published_kind")) == ("2024-03-14", "agency_item")
    published = document_json(doc, [], CorpusResult())["published"]
    assert isinstance(published, dict)
    assert (published["kind"], published["not_before"], published["not_before_precision"]) == ("agency_item", "2024-03-14", "day")
    assert "not_after" not in published


def test_the_pages_own_stamp_beside_an_item_number_is_exact() -> None:
    doc = read([TITLE, "15.03.2024, 08:00 Uhr"], None, ["dpa-infocom, dpa:240314-99-123456/5"])
    assert (doc.meta.published.value, doc.meta.extra.get("published_kind")) == ("2024-03-15T08:00", "exact")
    published = document_json(doc, [], CorpusResult())["published"]
    assert isinstance(published, dict) and "not_before" not in published
