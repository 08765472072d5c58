"""A byline a blog theme glues to the first paragraph ("By Ela on 31. October, 2023 | 18 Comments. This post …")
dates the page; a sentence before the same separator does not."""

from __future__ import annotations

from tests.ingest.header_page import BODY, read

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Newsletter abonnieren", "Anmelden"]
TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
DISCLOSURE = ("3 Kommentare. Dieser Beitrag enthält Werbelinks; wir erhalten eine kleine Provision, wenn Sie über "
              "sie einkaufen, und der Preis für Sie bleibt derselbe.")


def test_a_byline_glued_to_the_first_paragraph_dates_the_page() -> None:
    doc = read([*MENU, TITLE], body=[f"Von Anna Beispiel am 12. März 2024 | {DISCLOSURE}", *BODY])
    assert doc.meta.published.value == "2024-03-12"


def test_a_sentence_before_the_separator_does_not() -> None:
    doc = read([*MENU, TITLE], body=[f"Der Landtag hat am 12. März 2024 beraten | {DISCLOSURE}", *BODY])
    assert doc.meta.published.value is None
