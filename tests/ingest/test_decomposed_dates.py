"""Header dates written in decomposed Unicode (NFD: "Ma" + U+0308 "rz") or split by invisible characters
("14.02.\u200b2025"), as some systems store text.

The lines are judged in composed form; spans and the cleaned text stay those of the text as stored.
Each case has the composed twin, which must give the same date, and a page without any date line.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest.nfc import nfc_view
from lagebild.stages import meta as meta_stage
from lagebild.stages.timex import RuleTimex
from tests.ingest.header_page import BODY, read

TITLE = "Land beschließt Gesetz für mehr Nahverkehr"
MENU = ["Startseite", "Politik", "Wirtschaft", "Sport"]


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Veröffentlicht am 7. März 2024, 09:12 Uhr", "2024-03-07"),
        ("7. März 2024", "2024-03-07"),
        ("Dienstag, 12. März 2024", "2024-03-12"),
        ("Publié le 12 février 2024 à 14h05", "2024-02-12"),
        ("12 décembre 2023", "2023-12-12"),
        ("Publicado el 3 de diciembre de 2023 · Actualización: 4 de diciembre", "2023-12-03"),
    ],
)
def test_a_decomposed_header_date_is_read_like_its_composed_twin(line: str, day: str) -> None:
    composed = read([*MENU, TITLE, line])
    decomposed = read([*MENU, TITLE, nfd(line)])
    assert (composed.meta.published.value or "")[:10] == day
    assert decomposed.meta.published.value == composed.meta.published.value
    assert decomposed.meta.extra.get("published_kind") == composed.meta.extra.get("published_kind")
    # the cleaned text is still made of the stored characters, and maps back onto them
    assert all(decomposed.original[r.start : r.end] == decomposed.original[r.start : r.end].strip() for r in decomposed.removed)
    assert unicodedata.normalize("NFC", decomposed.text) == composed.text


@pytest.mark.parametrize(
    ("line", "day"),
    [("14.02.\u200b2025", "2025-02-14"), ("Veröffent\u00adlicht am 14.\u2060Februar 2025", "2025-02-14"),
     ("\ufeff14. Februar 2025, 19:14 Uhr", "2025-02-14")],
)
def test_invisible_characters_inside_a_date_line_do_not_hide_it(line: str, day: str) -> None:
    assert (read([*MENU, TITLE, line]).meta.published.value or "")[:10] == day


def test_invisible_characters_around_a_number_make_no_date() -> None:
    assert read([*MENU, TITLE, "Bestellnummer 14.02\u200b.20251"]).meta.published.value is None


def test_a_decomposed_page_without_a_date_line_gets_no_date() -> None:
    doc = read([*MENU, nfd("Bürgermeister übergibt Schlüssel für Rathaus"), nfd("Über uns · Kontakt")])
    assert doc.meta.published.value is None


def test_decomposed_body_dates_keep_their_spans() -> None:
    text = nfd("Am 7. März 2024 kündigte der Bürgermeister an, am 3. Mai zurückzutreten.")
    doc = read([TITLE], body=[text + " " + "Die Stadt plant neue Wege für den Nahverkehr im ganzen Kreis."])
    anns = RuleTimex()(doc).of_kind("timex")
    surfaces = {a.surface: a.data.get("value") for a in anns}
    assert surfaces[nfd("7. März 2024")] == "2024-03-07"
    assert all(doc.text[a.span.start : a.span.end] == a.surface for a in anns)


LETTERS = st.sampled_from([*"aeiouAOUnc ", "a\u0308", "o\u0308", "u\u0308", "e\u0301", "c\u0327", "n\u0303", "\n",
                           "\u200b", "\u00ad", "\ufeff"])
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\ufeff"))


@given(st.lists(LETTERS, max_size=40))
def test_the_view_maps_every_composed_character_back(parts: list[str]) -> None:
    source = "".join(parts)
    view = nfc_view(source)
    if view is None:
        assert unicodedata.is_normalized("NFC", source) and source == source.translate(INVISIBLE)
        return
    assert view.text == unicodedata.normalize("NFC", source.translate(INVISIBLE))
    for i in range(len(view.text)):
        start, end = view.source_span(i, i + 1)
        assert unicodedata.normalize("NFC", source[start:end].translate(INVISIBLE)) == view.text[i]
    assert [view.text_offset(j) for j in range(len(source) + 1)] == sorted(view.text_offset(j) for j in range(len(source) + 1))


def _second_readings(monkeypatch: pytest.MonkeyPatch, header: list[str], body: list[str] | None = None) -> int:
    """How often the header stage reads the page a second time in composed form."""
    calls = []
    real = meta_stage.composed

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(meta_stage, "composed", counted)
    read(header, body)
    return len(calls)


def test_only_a_changed_date_line_makes_a_second_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # soft hyphens in the body, as German CMSs write them, change no line a date is read from
    hyphenated = [p.replace("Nahverkehr", "Nah\u00adverkehr").replace("Gesetz", "Ge\u00adsetz") for p in BODY]
    assert _second_readings(monkeypatch, [*MENU, TITLE], hyphenated) == 0
    assert _second_readings(monkeypatch, [*MENU, TITLE, nfd("Veröffentlicht im März 2024")]) == 1
