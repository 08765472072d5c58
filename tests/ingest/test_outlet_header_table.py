"""Publication dates in the header shapes of many kinds of outlets (German, English, French, Spanish, Italian,
Dutch), each read through the cleaner and the header stage as a flattened page; beside them pages where no
header date may be taken (a date in the lead sentence, a date in a sentence about an appointment, a list of
other articles' dates below the body) and pages whose header prints only an update."""

from __future__ import annotations

import pytest

from tests.ingest.header_page import read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"]
#: a long run of navigation above the headline: the date stands deep in page furniture
DEEP_MENU = [*MENU, "Newsletter", "Abo", "Login", "Suche", "Mediathek", "Podcasts", "Wetter", "Verkehr", "Region",
             "Blaulicht", "Leserbriefe", "Anzeigen", "Jobs", "Immobilien", "Trauer", "Service", "Kontakt", "Impressum"]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        # a news magazine: author line, then date and time with a dot in the time
        ([*MENU, "Politik", TITLE, "Von Anna Muster", "12.03.2024, 14.05 Uhr"], "2024-03-12T14:05"),
        # a broadcaster: date and time without a label under the headline
        ([*MENU, TITLE, "12.03.2024 14.05"], "2024-03-12T14:05"),
        # a daily: written-out month, time, then a source line
        ([*MENU, TITLE, "12. März 2024, 14:05 Uhr", "Quelle: SZ"], "2024-03-12T14:05"),
        # a Swiss paper: place after the author, reading time after the date
        ([*MENU, TITLE, "Anna Muster, Berlin", "12.03.2024, 14.05 Uhr", "5 min"], "2024-03-12T14:05"),
        # a label and the reading time on one line
        ([*MENU, TITLE, "Veröffentlicht am 12.03.2024 | Lesedauer: 3 Minuten"], "2024-03-12"),
        # abbreviated weekday before the date
        ([*MENU, TITLE, "Di., 12.03.2024, 14:05"], "2024-03-12T14:05"),
        # the date after twenty lines of navigation
        ([*DEEP_MENU, TITLE, "Dienstag, 12.03.2024"], "2024-03-12"),
        # ISO time stamp with its zone
        ([*MENU, TITLE, "2024-03-12T14:05:00+01:00"], "2024-03-12T14:05"),
        # English: a public broadcaster's label, a US byline with its time zone
        ([*MENU, TITLE, "Published 12 March 2024"], "2024-03-12"),
        ([*MENU, TITLE, "By Jane Doe", "March 12, 2024 2:05 PM ET"], "2024-03-12T14:05"),
        # English: publication and update on one line, the publication is the date
        ([*MENU, TITLE, "Published March 11, 2024 | Updated March 12, 2024"], "2024-03-11"),
        # French: "Publié le … à 14h05", and with its update on the same line
        ([*MENU, TITLE, "Publié le 12 mars 2024 à 14h05"], "2024-03-12T14:05"),
        ([*MENU, TITLE, "Publié le 11 mars 2024 à 14h05, mis à jour le 12 mars 2024 à 16h00"], "2024-03-11T14:05"),
        # Spanish: written-out date; a numeric "Actualizado" line
        ([*MENU, TITLE, "Publicado el 12 de marzo de 2024, 14:05"], "2024-03-12T14:05"),
        ([*MENU, TITLE, "Actualizado: 12/03/2024 14:05 h"], "2024-03-12T14:05"),
        # Italian and Dutch labels
        ([*MENU, TITLE, "Pubblicato il 12 marzo 2024 alle 14:05"], "2024-03-12T14:05"),
        ([*MENU, TITLE, "Gepubliceerd op 12 maart 2024"], "2024-03-12"),
    ],
)
def test_an_outlets_header_date_is_the_publication_date(header: list[str], value: str) -> None:
    doc = read(header)
    assert doc.meta.published.value == value
    assert not doc.meta.published.inferred


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ([*MENU, TITLE, "Aktualisiert am 12. März 2024, 14:05 Uhr"], "updated"),
        ([*MENU, TITLE, "Stand: 14.02.2025 19:14 Uhr"], "updated"),
        ([*MENU, TITLE, "Veröffentlicht am 12.03.2024, 09:00 Uhr"], "exact"),
    ],
)
def test_an_update_label_alone_makes_an_upper_bound_kind(header: list[str], kind: str) -> None:
    assert read(header).meta.extra.get("published_kind") == kind


@pytest.mark.parametrize(
    "body",
    [
        # a lead sentence with its date: the day of the happening, not of the page
        ["Am Dienstag, 12. März 2024, hat die Landesregierung ein neues Gesetz zur Förderung des Nahverkehrs "
         "beschlossen. Nach Angaben des Ministeriums fließen mehrere hundert Millionen Euro in neue Strecken."],
        # an appointment ahead, told in a sentence
        ["Der Landtag will am 12. März 2024 über das Gesetz zur Förderung des Nahverkehrs abstimmen. Bis dahin "
         "verhandelt das Ministerium mit den Kommunen über die Verteilung der Mittel für neue Strecken."],
    ],
)
def test_a_date_told_in_the_body_is_no_header_date(body: list[str]) -> None:
    assert read([*MENU, TITLE], body=body).meta.published.value is None


def test_the_dates_of_a_list_of_other_articles_below_the_body_are_not_the_pages() -> None:
    footer = ["Mehr zum Thema", "Busse fahren bald öfter durch den Landkreis", "03.06.2022",
              "Neue Radwege für die Innenstadt geplant", "28.05.2022", "Bahnhof wird barrierefrei umgebaut", "19.05.2022"]
    assert read([*MENU, TITLE], footer=footer).meta.published.value is None


@pytest.mark.parametrize(
    ("header", "value"),
    [
        # a privacy notice's as-of date dates the notice: alone it gives no date, beside the article's it yields
        (["Datenschutzerklärung (Stand: 01.01.2023)", *MENU, TITLE], None),
        (["Datenschutzerklärung (Stand: 01.01.2023)", *MENU, TITLE, "12.03.2024, 14:05 Uhr"], "2024-03-12T14:05"),
        # a weather widget's day, month and temperature make no date ("14°C" is no year); a glued year still is one
        (["Wetter: Mo, 12.03. 14°C", *MENU, TITLE], None),
        ([*MENU, TITLE, "Mo, 12.03.24"], "2024-03-12"),
        # a teaser block under "Mehr zum Thema" between the headline and the body: the teaser's date
        ([*MENU, TITLE, "Von Anna Muster", "Mehr zum Thema", "Busse fahren bald öfter", "Artikel vom 03.01.2024"], None),
        # a menu under a heading is no teaser block: its section line's date is the page's
        ([*MENU, "Themen", "Verkehr", "Verkehr Nahverkehr 12.03.2024", TITLE], "2024-03-12"),
        # the same label under the headline with no related heading above it dates the page
        ([*MENU, TITLE, "Von Anna Muster", "Artikel vom 03.01.2024"], "2024-01-03"),
        # a podcast's or a video's own page: "Podcast vom …", its only header date, dates it
        ([*MENU, TITLE, "Podcast vom 12.03.2024 | 24 Min."], "2024-03-12"),
    ],
)
def test_furniture_dates_another_thing_and_labels_date_the_page(header: list[str], value: str | None) -> None:
    assert read(header).meta.published.value == value


@pytest.mark.parametrize(
    ("header", "value"),
    [
        # a media page: its headline or its only header date carries the clip's label
        ([*MENU, "Video vom 01.02.2024: " + TITLE], "2024-02-01"),
        ([*MENU, "Folge vom 01.02.2024", TITLE], "2024-02-01"),
        # an article embedding an older video, or teasing an earlier episode above its headline: its own date wins
        ([*MENU, TITLE, "12.03.2024, 14:05 Uhr", "Video vom 01.02.2024: Die Pressekonferenz des Ministers"], "2024-03-12T14:05"),
        ([*MENU, "Folge vom 01.02.2024: Der Wahlkampf", TITLE, "12.03.2024"], "2024-03-12"),
        ([*MENU, TITLE, "Audio vom 01.02.2024", "Veröffentlicht am 12.03.2024"], "2024-03-12"),
    ],
)
def test_a_media_label_dates_the_page_only_when_no_other_header_date_does(header: list[str], value: str | None) -> None:
    assert read(header).meta.published.value == value
