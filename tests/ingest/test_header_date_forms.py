"""Printed publication dates in header lines: agency credits, labels in several languages, glued
template dates, update-only headers, site banners far above the headline; and where they must not fire."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest import headers, page_dates
from lagebild.ingest.page_dates import line_dates
from lagebild.model import Document, OffsetMap, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders
from tests.ingest.header_page import BODY, read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("dpa/lby 03.06.2022", "2022-06-03"),
        ("03.06.2022, 15:30 Uhr | dpa/lby", "2022-06-03T15:30"),
        ("(AFP) 12.03.2024", "2024-03-12"),
        ("Publié le 12 mars 2024 à 10h15", "2024-03-12T10:15"),
        ("Mis à jour le 12 mars 2024", "2024-03-12"),
        ("Publicado el 12 de marzo de 2024", "2024-03-12"),
        ("Miércoles, 4 de mayo de 2022 a las 07:46hrs.", "2022-05-04T07:46"),
        ("Pubblicato il 12 marzo 2024 alle 09:30", "2024-03-12T09:30"),
        ("Gepubliceerd op 12 maart 2024", "2024-03-12"),
        ("Mercredi 1er février 2023", "2023-02-01"),
        ("Letzte Aktualisierung: 2.02.2022", "2022-02-02"),
        ("2024-03-12T10:15:00+01:00", "2024-03-12T10:15"),
        ("3rd June 2024", "2024-06-03"),  # an English ordinal day before its month
        ("Tuesday 21st of May 2024", "2024-05-21"),
    ],
)
def test_header_date_lines_in_more_forms(line: str, value: str) -> None:
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == value


@pytest.mark.parametrize(
    "line",
    [
        "Foto: dpa/lby 03.06.2022",  # a photo credit: the picture's date, not the article's
        "Die dpa meldete am 03.06.2022 einen Unfall",  # a sentence with an event date
        "Protokoll der Vorstandssitzung vom 10. Oktober 2019",  # a document's date in a title
        "Hans Meier wurde am 12. März 1961 geboren",  # a birth date
        "Mars 2024: Rover findet Wasser",  # the planet in a headline
        "the 3rd June 2024 meeting of the board was cancelled",  # an ordinal date in a sentence
    ],
)
def test_not_header_date_lines(line: str) -> None:
    assert headers.date_line(line) is None
    parts = headers.header_parts(line)
    assert parts is None or "date" not in parts


@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 28),
       st.sampled_from(["dpa", "dpa/lby", "AFP", "(epd)", "Reuters/AP"]), st.booleans())
def test_agency_credit_with_date_roundtrip(y: int, m: int, d: int, credit: str, credit_first: bool) -> None:
    date = f"{d:02d}.{m:02d}.{y}"
    line = f"{credit} {date}" if credit_first else f"{date} | {credit}"
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == f"{y:04d}-{m:02d}-{d:02d}"


_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"]


@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 28), st.sampled_from(["fr", "es", "it", "en"]))
def test_month_names_of_other_languages_roundtrip(y: int, m: int, d: int, lang: str) -> None:
    line = {
        "fr": f"Publié le {d} {_FR[m - 1]} {y}",
        "es": f"Publicado el {d} de {_ES[m - 1]} de {y}",
        "it": f"Pubblicato il {d} {_IT[m - 1]} {y}",
        "en": f"Published {['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} {d}, {y}",
    }[lang]
    dm = headers.date_line(line)
    assert dm is not None and dm.value.value == f"{y:04d}-{m:02d}-{d:02d}"
    assert any(day == f"{y:04d}-{m:02d}-{d:02d}" and kind == "published" for day, kind, _ in line_dates(line))


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Veröffentlicht am 19. Dezember 202219. Dezember 2022 von Redaktion", "2022-12-19"),
        ("17/11/201917/11/2019 ~ Cem Basman", "2019-11-17"),
    ],
)
def test_glued_publication_and_update_dates_give_the_first(line: str, day: str) -> None:
    assert line_dates(line)[0][0] == day


def test_glued_dates_do_not_split_a_longer_number() -> None:
    assert line_dates("Aktenzeichen 12.03.202412345") == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Erstveröffentlichung: 25. März 2020", "published"),
        ("Created: Sunday, October 18th, 2020", "published"),
        ("Date de publication : 25 mars 2020", "published"),
        ("Letzte Aktualisierung am 2.02.2022 / Affiliate Links", "modified"),
        ("Edited Sunday, October 18th, 2020", "modified"),
    ],
)
def test_publication_and_update_labels(line: str, kind: str) -> None:
    assert line_dates(line)[0][1] == kind


def test_only_an_update_date_in_the_header_is_taken() -> None:
    doc = read([TITLE, "Mis à jour le 12 mars 2024"])
    assert doc.meta.published.value == "2024-03-12"


def test_a_plain_date_beats_an_update_date() -> None:
    doc = read([TITLE, "11.03.2024", "Zuletzt aktualisiert am 13.03.2024"])
    assert doc.meta.published.value == "2024-03-11"


def test_agency_credit_line_under_the_headline() -> None:
    doc = read([TITLE, "dpa/lby 03.06.2022"])
    assert doc.meta.published.value == "2022-06-03"


MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Newsletter abonnieren", "Anmelden", "Mediathek",
        "Podcasts", "Wetter", "Verkehr", "Regionales", "Kontakt", "Impressum"]


def test_site_banner_date_far_above_the_headline_loses_to_the_header_date() -> None:
    doc = read(["Mittwoch, 01. November 2023", *MENU, TITLE, "31. Oktober 2023"])
    assert doc.meta.published.value == "2023-10-31"


def test_labelled_date_far_above_the_headline_keeps_its_place() -> None:
    # "Posted on …" is the page's own label: a reader's comment date near the body does not replace it
    doc = read(["Posted on 21. Juli 2019 by Realiberry", *MENU, TITLE, "2. August 2019 at 17:00"])
    assert doc.meta.published.value == "2019-07-21"


def test_event_date_in_the_first_sentence_is_not_the_publication_date() -> None:
    body = ["Am 12. März 2024 hat die Landesregierung ein neues Gesetz zur Förderung des Nahverkehrs beschlossen. "
            "Nach Angaben des Ministeriums sollen in den kommenden Jahren Millionen Euro fließen.", *BODY[1:]]
    doc = read([TITLE], body)
    assert doc.meta.published.value is None


def test_update_date_near_the_headline_does_not_replace_a_date_above() -> None:
    doc = read(["1. Februar 2022", *MENU, TITLE, "Letzte Aktualisierung am 2.02.2022 / Bilder von Partnern"])
    assert doc.meta.published.value == "2022-02-01"


def test_date_after_vom_in_a_header_line_is_not_the_publication_date() -> None:
    doc = read([TITLE, "Abnahme Protokoll der letzten Vorstandssitzung vom 5.8.2019"])
    assert doc.meta.published.value is None


# --- excerpts whose header lines were joined into one (as stored page beginnings are) -------------

HEAD = "Brückeneinsturz in Unterfranken: Fußgängerbrücke bricht – mehrere Tote und viele Verletzte am Flussufer"
TEASER = ("Eine Fußgängerbrücke ist am Mittwochabend in Unterfranken während eines Stadtfests eingestürzt. "
          "Rettungskräfte sind mit einem Großaufgebot im Einsatz, das Ufer bleibt gesperrt.")
STORY = ("Bei dem Unglück kamen nach Angaben der Polizei mehrere Menschen ums Leben. Dutzende Besucher wurden verletzt, "
         "einige von ihnen schwer. Die Ursache ist noch unklar, die Ermittlungen laufen.\n\nDie Brücke war erst vor "
         "zwei Jahren saniert worden. Hubschrauber brachten Verletzte in Kliniken.\n")


def published(text: str) -> str | None:
    doc = Document("page", text, SourceRef("page.txt", format="txt"))
    return MetaHeaders()(BoilerplateClean()(doc)).meta.published.value


@pytest.mark.parametrize(
    ("header", "value"),
    [
        (f"{HEAD} {TEASER} dpa/lby 14.08.2019", "2019-08-14"),  # after the teaser, beyond the first 300 characters
        (f"{HEAD} {TEASER} Von Anna Muster | 14.08.2019", "2019-08-14"),
        (f"{HEAD} Erstellt am 14.08.2019", "2019-08-14"),
        (f"{HEAD} Zuletzt geändert am 15.08.2019", "2019-08-15"),
        (f"{HEAD} Published August 14, 2019 4:38 PM", "2019-08-14T16:38"),
        (f"{HEAD} August 14, 2019", "2019-08-14"),
        (f"{HEAD} Publié le 14 août 2019 à 16h38", "2019-08-14T16:38"),
        (f"{HEAD} 2019-08-14T16:38:00+02:00", "2019-08-14T16:38"),
        (f"{HEAD} Online seit 14.08.2019, 15:30 Uhr {TEASER}", "2019-08-14T15:30"),  # a label of the data
        (f"{HEAD} Beitrag vom 14.08.2019 {TEASER}", "2019-08-14"),
        # must not fire: the label words in a sentence leave the crawl month
        (f"{HEAD} {TEASER} Die Stadt ist online seit 12.08.2019 mit einem neuen Bürgerportal erreichbar.", "2019-08"),
        (f"{HEAD} {TEASER} Im Beitrag vom 12.08.2019 hatte die Stadt noch anders geklungen.", "2019-08"),
    ],
)
def test_joined_header_dates_after_a_crawl_marker(header: str, value: str) -> None:
    assert published(f" date 2019-08 {header} {STORY}") == value


def test_agency_credit_with_date_closing_the_text() -> None:
    assert published(f" date 2022-06 {HEAD} {STORY}\n\nQuelle: dpa/lby 03.06.2022") == "2022-06-03"


@pytest.mark.parametrize(
    "header",
    [
        f"{HEAD} {TEASER} Das Unglück ereignete sich am 03.06.2022 gegen Mittag.",  # an event date in a sentence
        f"{HEAD} Der Lokführer (geboren 14. Juni 1958) blieb unverletzt.",  # a birth date
        f"{HEAD} The driver, born June 14, 1958, was unhurt.",
        f"{HEAD} {TEASER} Der Prozess soll ab 15. Juli 2022 stattfinden.",  # a later date after a preposition
    ],
)
def test_joined_header_dates_that_are_not_the_publication(header: str) -> None:
    assert published(f" date 2022-06 {header} {STORY}") == "2022-06"


def test_a_stamp_after_the_crawl_month_is_not_taken() -> None:
    # the crawl marker says the page existed in June 2022: a later day is an announced date
    assert published(f" date 2022-06 {HEAD} dpa/lby 03.07.2022 {STORY}") == "2022-06"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date de publication : 12/03/2024", ("2024-03-12", "published")),
        ("Veröffentlicht: 03/06/2022", ("2022-06-03", "published")),
        ("Aktualisiert am 03/06/2022", ("2022-06-03", "modified")),
        ("Posted 03/06/2022", (None, "ambiguous")),  # an English label says nothing about the order
        ("03/06/2022", (None, "ambiguous")),
    ],
)
def test_numeric_dates_of_unknown_order_after_a_day_first_label(line: str, expected: tuple[str | None, str]) -> None:
    day, kind, _ = line_dates(line)[0]
    assert kind == expected[1]
    if expected[0]:
        assert day == expected[0]


@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 12), st.sampled_from(["Veröffentlicht:", "Publié le", "Stand:"]))
def test_day_first_label_roundtrip(y: int, m: int, d: int, label: str) -> None:
    assert line_dates(f"{label} {d:02d}/{m:02d}/{y}")[0][0] == f"{y:04d}-{m:02d}-{d:02d}"


@given(st.integers(1995, 2030), st.integers(1, 12), st.integers(1, 28))
def test_slash_dates_in_header_lines_read_day_first(y: int, m: int, d: int) -> None:
    dm = headers.date_line(f"{d:02d}/{m:02d}/{y}")
    assert dm is not None and dm.value.value == f"{y:04d}-{m:02d}-{d:02d}"


def test_slash_date_that_can_only_be_month_first() -> None:
    dm = headers.date_line("06/13/2022")
    assert dm is not None and dm.value.value == "2022-06-13"


@pytest.mark.parametrize("line", ["Ausgabe 03/2022", "Heft 12/2024", "Bestellnummer 12/04/20245"])
def test_slash_numbers_that_are_no_dates(line: str) -> None:
    assert headers.date_line(line) is None


def test_slash_date_byline_under_the_headline_beats_comment_dates() -> None:
    doc = read([TITLE, "12/04/2020 by Kay 24 Comments"], [*BODY, "14/04/2020 at 3:00 pm", "Great article, thanks!"])
    assert doc.meta.published.value == "2020-04-12"


def test_closing_statement_that_dates_the_piece_itself() -> None:
    text = (f"{HEAD} {STORY}\n\nDieser Artikel wurde erstmals am 25. März 2020 in der Rubrik Gegenwart veröffentlicht.\n")
    assert published(text) == "2020-03-25"


@pytest.mark.parametrize(
    "closing",
    [
        "Die Studie wurde am 3. Juni 2021 in der Fachzeitschrift Nature veröffentlicht.",  # another text's date
        "Der Bericht der Kommission soll am 15. Juli 2022 veröffentlicht werden.",  # announced, future
    ],
)
def test_closing_sentences_about_other_publications(closing: str) -> None:
    assert published(f" date 2022-06 {HEAD} {STORY}\n\n{closing}\n") == "2022-06"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(["klo", "kl.", "godz.", "um", "à", "alle ore", "om"]))
def test_time_after_the_word_for_at_in_other_languages(day: date, hh: int, mi: int, word: str) -> None:
    """ "19.2.2020 klo 14.00" (Finnish), "12.03.2024 kl. 14.00" (Scandinavian), "godz. 14:00" (Polish)."""
    word = "ore" if word == "alle ore" else word
    found = headers.date_line(f"{day.day}.{day.month}.{day.year} {word} {hh:02d}.{mi:02d}")
    assert found is not None and found.value.value == f"{day.isoformat()}T{hh:02d}:{mi:02d}"


def test_a_time_word_alone_is_no_time() -> None:
    assert headers.date_line("12.03.2024 klo") is None  # the word without its time is more than a date line
    assert headers.date_line("12.03.2024 Klo-Sanierung") is None


@pytest.mark.parametrize(
    ("header", "value", "kind"),
    [
        ("Online seit 19.10.2019, 12:09 Uhr", "2019-10-19T12:09", "exact"),  # a broadcaster's "went online" label
        ("Von Anna Muster | online seit 19. Oktober 2019", "2019-10-19", "exact"),
        ("Sendung vom Dienstag, 12. März 2024", "2024-03-12", "exact"),
        ("Erstveröffentlichung: 12.03.2024", "2024-03-12", "exact"),
        ("Aktualisiert am 13.03.2024 | Veröffentlicht am 12.03.2024", "2024-03-12", "exact"),  # update kept apart
        ("Aktualisiert am 13.03.2024, 08:00 Uhr", "2024-03-13T08:00", "updated"),
        ("2024-11-06T14:30", "2024-11-06T14:30", "exact"),
        ("Beitrag vom 03.06.2022", "2022-06-03", "exact"),
        ("Nachricht vom 19.11.2021", "2021-11-19", "exact"),
        ("03.06.2022, 15:30 | Akt: 04.06.2022, 17:00", "2022-06-03T15:30", "exact"),  # the short update label
    ],
)
def test_publication_labels_of_the_data(header: str, value: str, kind: str) -> None:
    doc = read([TITLE, header])
    assert (doc.meta.published.value, doc.meta.extra.get("published_kind")) == (value, kind)
    if "Akt:" in header:
        assert doc.meta.extra["updated"]["value"] == "2022-06-04T17:00"


@pytest.mark.parametrize(
    "line",
    [
        # must not fire: the label words told in a sentence of the lead
        "Die neue Plattform des Landes ist online seit 12.03.2024 für alle Bürger erreichbar.",
        "In der Sendung vom 12.03.2024 hatte der Minister die Pläne noch verteidigt, jetzt rudert er zurück.",
        "Der Minister verwies auf einen Artikel vom 03.06.2022, der aus seiner Sicht falsch gewesen sei.",
    ],
)
def test_publication_labels_in_a_sentence_date_nothing(line: str) -> None:
    assert read([TITLE, line]).meta.published.value is None
    assert read([TITLE], body=[line, *BODY]).meta.published.value is None


@pytest.mark.parametrize(
    ("footer", "value"),
    [
        ("© Keystone-SDA, 12.03.2024", "2024-03-12"),  # an agency's copyright line closing its item
        ("Copyright 2024 Keystone-SDA, 12.03.2024", "2024-03-12"),
        ("© dpa-infocom, 12.03.2024 10:15", "2024-03-12T10:15"),
        # must not fire: a site's copyright without an agency, a copyright without a day, an agency item id
        ("© 2024 Musterverlag GmbH, Stand 01.01.2024", None),
        ("© Copyright 2016 - 2024 Musterverlag", None),
        ("© dpa-infocom, dpa:240312-99-123456/3", None),
    ],
)
def test_an_agency_copyright_line_dates_the_item(footer: str, value: str | None) -> None:
    assert read([TITLE], footer=[footer]).meta.published.value == value
    found = headers.copyright_date(footer)
    assert (found.value if found else None) == value


def test_agencies_are_data() -> None:
    assert headers.AGENCY_NAMES["keystone-sda"] == "Keystone-SDA" and {"dpa", "apa", "sda", "afp"} <= headers.AGENCIES
    assert all(name.strip() == name and name for name in headers._CUES["agency"])


@pytest.mark.parametrize(
    "line",
    ["Letzte Änderung: 13.03.2024", "Ultimo aggiornamento: 13/03/2024", "Dernière mise à jour : 13/03/2024",
     "Atualizado em 13 de março de 2024", "Akt: 13.03.2024"],
)
def test_update_labels_keep_the_update_apart(line: str) -> None:
    doc = read([TITLE, "12.03.2024", line])
    assert (doc.meta.published.value, doc.meta.extra["updated"]["value"]) == ("2024-03-12", "2024-03-13")
    alone = read([TITLE, line])  # only the update printed: the page's date, as an update
    assert (alone.meta.published.value, alone.meta.extra.get("published_kind")) == ("2024-03-13", "updated")


def test_a_change_told_in_the_lead_is_no_update_label() -> None:
    # must not fire: "änderung" inside a compound of the story ("Gesetzesänderung vom …")
    line = "Die Gesetzesänderung vom 12.03.2024 gilt ab sofort für alle Kommunen im Land."
    assert read([TITLE, line]).meta.published.value is None
    assert not page_dates.update_label("Gesetzesänderung vom")


_RELATED_BLOCKS = [
    # must not fire: the dates of related pieces under a links heading or over/beside their headlines
    ["Mehr zum Thema", "Artikel vom 03.06.2022", "Busse fahren bald öfter"],
    ["Mehr zum Thema", "Artikel vom 03.06.2022 | Neue Pläne für die Bahn im Land"],
    ["Beitrag vom 03.06.2022", "Busse fahren bald öfter"],
    ["Veröffentlicht am 03.06.2022", "Neue Pläne für die Bahn im Land"],
    ["Mehr zum Thema", "Busse fahren bald öfter", "Meldung vom 03.06.2022"],
]


@pytest.mark.parametrize("footer", _RELATED_BLOCKS)
def test_a_label_over_another_pieces_headline_below_the_article_dates_nothing(footer: list[str]) -> None:
    assert read([" date 2022-06", TITLE], footer=footer).meta.published.value == "2022-06"


@pytest.mark.parametrize("footer", _RELATED_BLOCKS[:4])
def test_a_related_block_kept_in_the_text_dates_nothing(footer: list[str]) -> None:
    # the same block read without the cleaner (a reader kept it): the closing lines of the text
    text = "\n\n".join([" date 2022-06", TITLE, *BODY, *footer]) + "\n"
    doc = Document("page", text, SourceRef("page.txt", format="txt"), text=text, offsets=OffsetMap.identity(len(text)))
    assert MetaHeaders()(doc).meta.published.value == "2022-06"


@pytest.mark.parametrize(
    ("header", "footer", "value"),
    [
        # must fire: the page's own label in its header (a subtitle may follow it) or closing it
        ([TITLE, "Beitrag vom 03.06.2022", "Mehr Busse für das ganze Land"], [], "2022-06-03"),
        ([TITLE, "Artikel vom 03.06.2022"], ["Mehr zum Thema", "Busse fahren bald öfter"], "2022-06-03"),
        ([TITLE], ["Sendung vom 03.06.2022", "Mehr zum Thema"], "2022-06-03"),
        ([TITLE], ["Veröffentlicht am 03.06.2022, 10:15 Uhr", "Quelle: dpa"], "2022-06-03T10:15"),
        ([TITLE], ["Stand: 03.06.2022 20:00 Uhr"], "2022-06-03T20:00"),
    ],
)
def test_the_pages_own_publication_label_still_dates_it(header: list[str], footer: list[str], value: str) -> None:
    assert read([" date 2022-06", *header], footer=footer).meta.published.value == value


def test_a_notice_of_a_change_is_no_update_label() -> None:
    # must not fire: "Änderung" opening a notice under the headline, not an edit stamp
    doc = read([TITLE, "10.03.2024", "Änderung des Fahrplans vom 12.03.2024"])
    assert doc.meta.published.value == "2024-03-10" and "updated" not in doc.meta.extra
    assert not page_dates.update_label("Änderung des Fahrplans vom")
    assert page_dates.update_label("Änderung:") and page_dates.update_label("Zuletzt Änderung")
