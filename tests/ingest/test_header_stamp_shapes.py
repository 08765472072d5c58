"""A date stamp followed by a credit or an update label dates the page; a date told in a sentence does not."""

from __future__ import annotations

import pytest

from lagebild.ingest import headers
from tests.ingest.header_page import read

TITLE = "Brand in einer Lagerhalle"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("March 3, 2024 at 10:00 am updated by the news desk", "2024-03-03T10:00"),
        ("3 de marzo de 2024, actualizado a las 12:00 por la redacción", "2024-03-03"),
        ("14.02.2025, 19:14 Uhr von Anna Muster und dem Team der Redaktion", "2025-02-14T19:14"),
        ("14.02.2025 aus der Redaktion Berlin mit dpa", "2025-02-14"),
        # the first date is the stamp, the one after "mis à jour" the update
        ("3 mars 2024 à 10h00, mis à jour le 4 mars 2024", "2024-03-03T10:00"),
        # other languages: a Dutch byline with a newsroom, an Italian update label
        ("12 maart 2024, 10:15 door Jan de Vries en de rest van de redactie", "2024-03-12T10:15"),
        ("12 marzo 2024 ore 10:15 aggiornato alle 12:30 con le ultime notizie", "2024-03-12T10:15"),
        # a weekday opening the stamp, or after a separator
        ("Sonntag, 21.01.2024, 10:15 Uhr", "2024-01-21T10:15"),
        ("Von Anna Muster | Sonntag, 21.01.2024", "2024-01-21"),
    ],
)
def test_a_stamp_before_a_credit_or_an_update_label_dates_the_page(line: str, value: str) -> None:
    found = headers.header_stamp(f"{TITLE}\n{line}\nDer Text beginnt hier.")
    assert found is not None and found.value == value


@pytest.mark.parametrize(
    "line",
    [
        # a byline word that goes on in lowercase opens no credit: "por la tarde", "par exemple"
        "El 3 de marzo de 2024 por la tarde, miles de personas salieron a la calle en Madrid",
        "Le 3 mars 2024 à 10h00 par exemple les manifestants ont bloqué la route nationale",
        "Tausende demonstrierten 21.01.2024 in der Innenstadt gegen die Pläne der Regierung",
        # a weekday between a preposition and the date
        "Am Sonntag, 21.01.2024, demonstrierten in München Zehntausende gegen Rechts",
        "On Sunday, March 3, 2024 crowds gathered in the city centre",
    ],
)
def test_a_date_told_in_a_sentence_is_no_stamp(line: str) -> None:
    assert headers.header_stamp(f"{TITLE}\n{line}") is None


@pytest.mark.parametrize(
    ("header", "value"),
    [
        # a source label before another publication's name: the cited piece's date, under or over the headline
        ([TITLE, "Quelle: Financial Times, 24.3.2020"], None),
        (["Quelle: Financial Times, 24.3.2020", TITLE], None),
        ([TITLE, "Fuente: El País, 3 de mayo de 2022"], None),
        # an agency credit names who wrote the page; after a separator the date is a header part of its own
        ([TITLE, "Quelle: dpa 03.06.2022"], "2022-06-03"),
        ([TITLE, "Quelle: Landespressestelle | 8. Mai 2021"], "2021-05-08"),
        ([TITLE, "3. Juni 2022, 16:38 Uhr Quelle: ZEIT ONLINE, dpa"], "2022-06-03T16:38"),
    ],
)
def test_a_cited_date_under_the_headline_does_not_date_the_page(header: list[str], value: str | None) -> None:
    assert read(header).meta.published.value == value
