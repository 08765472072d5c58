"""meta.headers.v1: dates never after the file/crawl, outlet from the URL, missing dates said so."""

from __future__ import annotations

import pytest

from lagebild.model import DateValue, Document, SourceRef
from lagebild.stages.clean import BoilerplateClean, IdentityClean
from lagebild.stages.meta import MetaHeaders, outlet_from_url

BODY = "Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des Ministeriums im kommenden Jahr in Kraft treten soll."


def run(text: str, *, mtime: str | None = None, identity: bool = False) -> Document:
    doc = Document("d", text, SourceRef("d.txt"))
    if mtime:
        doc.meta.extra["file_mtime"] = mtime
    doc = (IdentityClean() if identity else BoilerplateClean())(doc)
    if not identity:
        doc.produced.add("header_meta")
    return MetaHeaders()(doc)


def test_future_date_rejected() -> None:
    doc = run(f"Titel der Meldung hier\n12.03.2030 10:15\n{BODY}", mtime="2026-01-01T00:00:00+00:00")
    assert doc.meta.published.value is None and doc.meta.published.reason
    assert doc.meta.extra["rejected_date"]["value"] == "2030-03-12T10:15"
    ok = run(f"Titel der Meldung hier\n12.03.2024 10:15\n{BODY}", mtime="2026-01-01T00:00:00+00:00")
    assert ok.meta.published.value == "2024-03-12T10:15"


def test_identity_cleaned_text_still_gets_header_metadata() -> None:
    doc = run(f"Politik\n\nDurch Hans Meier\n24. Oktober, 2024\n\n{BODY}", identity=True)
    assert (doc.meta.published.value, doc.meta.author, doc.meta.section) == ("2024-10-24", "Hans Meier", "Politik")


def test_no_date_is_said_and_outlet_from_url() -> None:
    doc = Document("d", BODY, SourceRef("d.json", format="json", url="https://www.tagesschau.de/inland/x.html"))
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert doc.meta.published == DateValue(None, None, False, doc.meta.published.reason) and doc.meta.published.reason
    assert doc.meta.outlet == "tagesschau.de" and doc.meta.url == "https://www.tagesschau.de/inland/x.html"
    assert outlet_from_url(None) is None and outlet_from_url("not a url") is None


_BODY = ("Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen. "
         "Nach Angaben des Ministeriums sollen in den kommenden Jahren Millionen in neue Strecken fließen.")


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        (f"Gesetz beschlossen\n\nBerlin (dpa/AFP) - {_BODY}\n\n(dpa)\n", ["dpa", "AFP"]),
        (f"Gesetz beschlossen\n\nVon Hans Meier, Reuters\n\n{_BODY}\n", ["Reuters"]),
        (f"Gesetz beschlossen\n\n{_BODY}\n\nmit Material von dpa und AFP\n", ["dpa", "AFP"]),
        (f"Gesetz beschlossen\n\n{_BODY} Das teilte die dpa mit.\n", None),  # a mention in the text is no credit
    ],
)
def test_agencies_the_text_credits(text: str, agencies: list[str] | None) -> None:
    from lagebild.stages.clean import BoilerplateClean

    doc = MetaHeaders()(BoilerplateClean()(Document("x", text, SourceRef("x.txt", format="txt"))))
    assert doc.meta.extra.get("agencies") == agencies


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("vor 2 Stunden", "2024-03-12T07:30", "minute"),
        ("Gestern, 14:05 Uhr", "2024-03-11T14:05", "minute"),
        ("vor 3 Tagen", "2024-03-09", "day"),
        ("3 hours ago", "2024-03-12T06:30", "minute"),
    ],
)
def test_relative_header_date_counted_back_from_the_crawl_time(line: str, value: str, precision: str) -> None:
    from lagebild.stages.clean import BoilerplateClean

    doc = Document("x", f"Gesetz beschlossen\n\n{line}\n\n{_BODY}\n", SourceRef("x.txt", format="txt"))
    doc.meta.extra["crawl_date"] = "2024-03-12T09:30:00"
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert (doc.meta.published.value, doc.meta.published.precision, doc.meta.published.inferred) == (value, precision, True)
    assert line not in doc.text  # a date line, removed with its reason


def test_relative_header_date_without_a_reference_time_stays_unknown() -> None:
    from lagebild.stages.clean import BoilerplateClean

    doc = MetaHeaders()(BoilerplateClean()(Document("x", f"Gesetz beschlossen\n\nvor 2 Stunden\n\n{_BODY}\n", SourceRef("x.txt", format="txt"))))
    assert doc.meta.published.value is None


def test_relative_header_date_is_not_counted_from_the_file_time() -> None:
    """"Heute, 05:56 Uhr" with only a file time: the file time is an upper bound, not the date."""
    doc = Document("x", f"Brücke gesperrt\n\nHeute, 05:56 Uhr\n\n{_BODY}\n", SourceRef("x.txt", format="txt"))
    doc.meta.extra["file_mtime"] = "2026-05-02T10:00:00"
    doc = MetaHeaders()(BoilerplateClean()(doc))
    assert doc.meta.published.value is None
    assert "crawl time" in (doc.meta.published.reason or "")


def test_crawl_marker_gives_the_month_and_a_printed_stand_the_day() -> None:
    marker_only = MetaHeaders()(IdentityClean()(Document("m", f" date 2023-09 Köln: {BODY}", SourceRef("m.txt"))))
    assert (marker_only.meta.published.value, marker_only.meta.published.precision) == ("2023-09", "month")
    printed = MetaHeaders()(IdentityClean()(Document("p", f" date 2023-09 Brand in Lagerhalle Stand: 12.09.2023 08:15 Uhr\n\n{BODY}", SourceRef("p.txt"))))
    assert printed.meta.published.value == "2023-09-12T08:15"
    assert not printed.meta.published.inferred


def test_printed_date_after_the_marker_month_is_not_taken() -> None:
    """A "Stand" later than the month the page was stored in cannot be its date."""
    doc = MetaHeaders()(IdentityClean()(Document("p", f" date 2023-09 Brand in Lagerhalle Stand: 12.11.2023 08:15 Uhr\n\n{BODY}", SourceRef("p.txt"))))
    assert doc.meta.published.value == "2023-09"


def test_a_date_word_inside_the_text_is_no_crawl_marker() -> None:
    doc = MetaHeaders()(IdentityClean()(Document("q", f"Das update date 2023-09 kam spät. {BODY}", SourceRef("q.txt"))))
    assert doc.meta.published.value is None


def test_broadcast_closing_line_dates_the_piece() -> None:
    doc = MetaHeaders()(IdentityClean()(Document("b", f"Sturm über Norddeutschland\n\n{BODY}\n\nSendung: Radio Nord Nachrichten, 04.10.2023 07:00 Uhr\n", SourceRef("b.txt"))))
    assert doc.meta.published.value == "2023-10-04T07:00"
    told = MetaHeaders()(IdentityClean()(Document("t", f"Wahl in Hessen\n\n{BODY}\nDiese Nachricht wurde am 09.10.2023 im Programm Radio Nord gesendet.\n", SourceRef("t.txt"))))
    assert told.meta.published.value == "2023-10-09"


def test_a_dated_event_in_the_closing_lines_is_no_printed_date() -> None:
    """"Die Sendung am 12.05.2024 wird …" in running text says nothing about the article's own date."""
    doc = MetaHeaders()(IdentityClean()(Document("n", f"Neue Staffel\n\n{BODY} Die Folge soll am 12.05.2024 laufen.\n", SourceRef("n.txt"))))
    assert doc.meta.published.value is None


def test_closing_credit_line_dates_the_piece() -> None:
    doc = MetaHeaders()(IdentityClean()(Document("c", f"Brand in Lagerhalle\n\n{BODY}\n\nText/Foto: Nordfunk Nachrichtendienst am 3. März 2023\n", SourceRef("c.txt"))))
    assert (doc.meta.published.value, doc.meta.published.inferred) == ("2023-03-03", False)
    assert "closing date line" in (doc.meta.published.reason or "")


def test_a_closing_appointment_is_no_publication_date() -> None:
    """An article that ends with a date still to come ("… am 15. Februar") is not dated by it."""
    for tail in ("Die nächste Verhandlung ist für den 15. Februar 2024 angesetzt.", "Anmeldung: bis 15. Februar 2024",
                 "Die Ausstellung ist noch bis zum 15. Februar 2024 zu sehen"):
        doc = MetaHeaders()(IdentityClean()(Document("f", f"Neue Ausstellung\n\n{BODY}\n\n{tail}\n", SourceRef("f.txt"))))
        assert doc.meta.published.value is None, tail


def test_a_broadcasters_programme_line_dates_the_piece() -> None:
    doc = MetaHeaders()(BoilerplateClean()(Document("p", f"Sturm über Norddeutschland\n\n{BODY}\n\nDieses Thema im Programm: Das Erste | Nachrichten | 04.10.2023 | 20:00 Uhr\n", SourceRef("p.txt"))))
    assert doc.meta.published.value == "2023-10-04T20:00"


def test_time_stamp_after_a_crawl_marker_gives_the_minute() -> None:
    doc = MetaHeaders()(IdentityClean()(Document("s", f" date 2023-09 Brand in Lagerhalle 12.09.2023, 08:15 Uhr {BODY}", SourceRef("s.txt"))))
    assert (doc.meta.published.value, doc.meta.published.inferred) == ("2023-09-12T08:15", False)
    told = MetaHeaders()(IdentityClean()(Document("t", f" date 2023-09 Brand in Lagerhalle: Am 12.09.2023 um 08:15 Uhr brach ein Feuer aus. {BODY}", SourceRef("t.txt"))))
    assert told.meta.published.value == "2023-09"
