"""Dates below the header window: a dateline opening one of the first paragraphs, a byline stamp
between them, and a strong publication label further down the text."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from lagebild.stages.meta import _strong_label_line
from tests.ingest.header_page import BODY, read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
TEASER = ("Die Landesregierung will den Nahverkehr auf dem Land stärken und hat dafür ein Gesetz beschlossen, das "
          "mehrere hundert Millionen Euro für neue Strecken vorsieht.")


def test_dateline_opening_a_first_paragraph_after_teaser_and_byline() -> None:
    doc = read([*MENU, TITLE], body=[TEASER, "Anna Beispiel", "Von Anna Beispiel", "12.3.2024 - " + BODY[0], *BODY[1:]])
    assert doc.meta.published.value == "2024-03-12"


def test_dateline_in_a_later_paragraph_is_not_taken() -> None:
    """A dated paragraph after the first three is a list entry or a reader's comment, not the dateline."""
    doc = read([*MENU, TITLE], body=[TEASER, "Von Anna Beispiel", *BODY, "12.3.2024 - Ein Leser schreibt, das "
                                     "Gesetz komme viel zu spät für die Dörfer im Norden des Landes."])
    assert doc.meta.published.value is None


def test_date_inside_a_first_paragraph_sentence_is_not_a_dateline() -> None:
    doc = read([*MENU, TITLE], body=[TEASER, "Von Anna Beispiel", "Am 12.3.2024 hat die Regierung " + BODY[0], *BODY[1:]])
    assert doc.meta.published.value is None


def test_byline_stamp_between_the_first_paragraphs() -> None:
    doc = read([*MENU, TITLE], body=[TEASER, BODY[0], "Bild vergrößern", "Mehr Busse", "Neue Strecken",
                                     "18.03.2024 13:15 Uhr Autor/in: Anna Beispiel", *BODY[1:]])
    assert doc.meta.published.value == "2024-03-18T13:15"


def test_stamp_without_byline_or_after_the_first_paragraphs_is_not_taken() -> None:
    without = read([*MENU, TITLE], body=[TEASER, BODY[0], "Bild vergrößern", "Mehr Busse", "Neue Strecken",
                                         "18.03.2024 13:15 Uhr Neue Busse für die Dörfer", *BODY[1:]])
    assert without.meta.published.value is None
    comment = read([*MENU, TITLE], body=[TEASER, *BODY, "Kommentare", "18.03.2024 13:15 Uhr von Anna Beispiel"])
    assert comment.meta.published.value is None


def test_strong_label_line_below_the_first_lines() -> None:
    far = "x" * 700 + "\n"
    assert (v := _strong_label_line(far + "Stand: 14.02.2025 19:14 Uhr\n", None)) and v.value == "2025-02-14T19:14"
    assert (v := _strong_label_line(far + "Veröffentlicht am 12.03.2024\n", None)) and v.value == "2024-03-12"
    assert (v := _strong_label_line(far + "Mis à jour le 12 mars 2024\n", None)) and v.value == "2024-03-12"


def test_strong_label_line_refuses_figures_sentences_and_later_months() -> None:
    far = "x" * 700 + "\n"
    assert _strong_label_line(far + "Stand: 31.12.2023\n", None) is None  # a table's date, no time of day
    assert _strong_label_line(far + "Stand: 17:00 Uhr\n", None) is None
    assert _strong_label_line(far + "Der Bericht wurde am 12.03.2024 veröffentlicht.\n", None) is None
    assert _strong_label_line(far + "Datum: 12.03.2024\n", None) is None  # a form's field
    assert _strong_label_line(far + "Veröffentlicht am 12.03.2024\n", "2024-02") is None  # after the crawl month
    assert _strong_label_line("Veröffentlicht am 12.03.2024\n" + far, None) is None  # the first lines are read elsewhere


@given(st.dates(min_value=date(1000, 1, 1)), st.integers(0, 23), st.integers(0, 59), st.sampled_from(["Stand:", "Aktualisiert am", "Veröffentlicht:"]))
def test_strong_label_line_reads_any_day_and_time(day, hh, mi, label) -> None:  # type: ignore[no-untyped-def]
    line = f"{label} {day.day:02d}.{day.month:02d}.{day.year} {hh:02d}:{mi:02d} Uhr"
    value = _strong_label_line("x" * 700 + "\n" + line + "\n", None)
    if 1900 <= day.year <= 2100:
        assert value is not None and value.value == f"{day.isoformat()}T{hh:02d}:{mi:02d}"
    else:
        assert value is None


def test_stamp_closing_the_article_without_comments_still_dates_it() -> None:
    """The counterpart of the reader-comment case: a time stamp right below the article is the article's."""
    doc = read([*MENU, TITLE], footer=["Teilen", "18.03.2024 13:15 Uhr"])
    assert doc.meta.published.value == "2024-03-18T13:15"


def _with_url(header: list[str], url: str | None, prefix: str = "") -> str | None:
    from lagebild.model import Document, SourceRef
    from lagebild.stages.clean import BoilerplateClean
    from lagebild.stages.meta import MetaHeaders

    text = prefix + "\n\n".join([*header, *BODY]) + "\n"
    doc = Document("page", text, SourceRef("page.txt", format="txt", url=url))
    return MetaHeaders()(BoilerplateClean()(doc)).meta.published.value


def test_yearless_label_takes_the_year_of_the_url_or_crawl_marker_of_the_same_month() -> None:
    header = [*MENU, TITLE, "Publicado el 11 de mayo", "Escribe", "Ana Ejemplo"]
    assert _with_url(header, "https://example.org/ambiente/articulo/2022/5/ley-de-transporte/") == "2022-05-11"
    german = [*MENU, TITLE, "Veröffentlicht am 19. Januar, 14:05 Uhr"]
    assert _with_url(german, None, prefix=" date 2024-01 ") == "2024-01-19T14:05"


def test_yearless_label_guesses_no_year() -> None:
    header = [*MENU, TITLE, "Publicado el 11 de mayo"]
    assert _with_url(header, "https://example.org/articulo/2022/6/ley/") is None  # another month: no year known
    assert _with_url(header, None) is None
    assert _with_url(header, "https://example.org/articulo/ley-de-transporte/") is None
    sentence = [*MENU, TITLE, "Am 11. Mai wurde das Gesetz veröffentlicht"]
    assert _with_url(sentence, "https://example.org/2022/5/gesetz/") is None


@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["Veröffentlicht am", "Publicado el", "Published", "Publié le"]))
def test_yearless_label_parser_keeps_day_and_month(month: int, day: int, label: str) -> None:
    from lagebild.ingest.headers import yearless_label_date

    names = {"Veröffentlicht am": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                                   "Oktober", "November", "Dezember"],
             "Publicado el": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                              "octubre", "noviembre", "diciembre"],
             "Published": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                           "October", "November", "December"],
             "Publié le": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                           "octobre", "novembre", "décembre"]}[label]
    joined = {"Veröffentlicht am": f"{day}. {names[month - 1]}", "Publicado el": f"{day} de {names[month - 1]}",
              "Published": f"{names[month - 1]} {day}", "Publié le": f"{day} {names[month - 1]}"}[label]
    found = yearless_label_date(f"{label} {joined}")
    try:
        date(2000, month, day)
    except ValueError:
        assert found is None
    else:
        assert found == (month, day, None)


def test_glued_day_and_year_of_a_blog_template() -> None:
    """ "Apr 042013": the day and year spans of a template flattened without a space."""
    from lagebild.ingest.page_dates import line_dates

    assert line_dates("Apr 042013", day_first=True) == [("2013-04-04", "printed", 0)]
    assert line_dates("Posted Apr 042013 by Anna", day_first=True)[0][:2] == ("2013-04-04", "published")
    assert line_dates("am 3. Mai 202013 Teilnehmer", day_first=True) == []  # a day before the month: no glued form
    assert line_dates("Oct 2024", day_first=True) == [] and line_dates("Nov 312019", day_first=True) == []


def test_dateline_before_a_quotation() -> None:
    from lagebild.ingest.page_dates import dateline_day

    assert dateline_day("01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet“, sagte die Chefin.") == "2022-02-01"
    assert dateline_day("01.02.2022 Der Arbeitsmarkt ist gut gestartet.") is None  # no separator: not a dateline


def test_month_header_yields_to_a_day_of_that_month_or_soon_after() -> None:
    """A monthly report: "Januar 2022" over the text, "01.02.2022 „…“" opening it: published 1 February."""
    lead = "01.02.2022 „Der Nahverkehr ist gut in das Jahr gestartet“, sagte die Ministerin am Dienstag in der Hauptstadt."
    doc = read([*MENU, TITLE, "Januar 2022"], body=[TEASER, lead, *BODY])
    assert doc.meta.published.value == "2022-02-01"
    later = "01.06.2022 „Der Nahverkehr ist gut in das Jahr gestartet“, sagte die Ministerin am Dienstag in der Hauptstadt."
    doc = read([*MENU, TITLE, "Januar 2022"], body=[TEASER, later, *BODY])
    assert doc.meta.published.value == "2022-01"  # five months later: another date, the month stays


def test_an_unlabelled_yearless_stamp_needs_its_time_of_day() -> None:
    """ "3. Juni, 10:15 Uhr" under the headline of a page crawled in June 2024: a stamp, its year from the marker;
    a bare "3. Juni" (a list heading, an event's day) is none, nor a stamp of another month than the marker's."""
    assert _with_url([*MENU, TITLE, "3. Juni, 10:15 Uhr"], None, prefix=" date 2024-06 ") == "2024-06-03T10:15"
    assert _with_url([*MENU, TITLE, "Montag, 3. Juni, 10:15 Uhr"], None, prefix=" date 2024-06 ") == "2024-06-03T10:15"
    assert _with_url([*MENU, TITLE, "3. Juni"], None, prefix=" date 2024-06 ") == "2024-06"
    assert _with_url([*MENU, TITLE, "3. Mai, 10:15 Uhr"], None, prefix=" date 2024-06 ") == "2024-06"
    assert _with_url([*MENU, TITLE, "3. Juni, 10:15 Uhr"], None) is None


def test_a_header_date_after_the_crawl_marker_is_not_the_page_date() -> None:
    """A page stored in June 2024 cannot have been published in July: that date names something else."""
    assert _with_url([*MENU, TITLE, "Stand: 14.07.2024, 19:14 Uhr"], None, prefix=" date 2024-06 ") == "2024-06"
    # must not fire: a date in or before the crawl month stays
    assert _with_url([*MENU, TITLE, "Stand: 14.05.2024, 19:14 Uhr"], None, prefix=" date 2024-06 ") == "2024-05-14T19:14"
    assert _with_url([*MENU, TITLE, "Stand: 14.06.2024, 19:14 Uhr"], None, prefix=" date 2024-06 ") == "2024-06-14T19:14"
