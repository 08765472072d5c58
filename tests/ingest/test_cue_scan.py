"""Cue words found from their literal starts: the same places as the pattern's own search."""

from __future__ import annotations

import re

import pytest

from lagebild.ingest import cue_data, headers, page_dates
from lagebild.ingest.cue_scan import CueScan, literal_start

_LINES = [
    "Aktualisiert am 12.03.2024, 14:05 Uhr | Stand: 12.03.2024",
    "AKTUALISIERT 3.4.2023 · zuletzt geändert am 4.4.2023",
    "Zuletzt aktualiſiert am 3. Mai 2023",  # long s: matches "s" only through case folding
    "İstanbul, aktualisiert am 3. Mai 2023",  # dotted capital I: lower-casing lengthens the line
    "Mise à jour le 3 mai 2024 — Publié le 2 mai 2024",
    "Akt.: 04.06.2022, 17:00 | Printausgabe vom 5.6.2022",
    "Обновлено 3 марта 2024 года",
    '<script>{"datePublished":"2024-03-01","dateModified":"2024-03-02"}</script>' + " x" * 200,
    "Der Standard der Ausgabe war hoch; as of 3 June 2022 the estado changed",
    "Standardisierung und Statistik ohne Stichwort",
    "",
]


@pytest.mark.parametrize("line", _LINES)
def test_update_cues_at_the_places_the_pattern_finds(line: str) -> None:
    assert page_dates.update_cue_starts(line) == [m.start() for m in page_dates._MODIFIED_CUE.finditer(line)]
    assert headers.as_of_starts(line) == [m.start() for m in headers._AS_OF.finditer(line)]


def test_a_long_line_with_an_update_label_deep_inside() -> None:
    line = "<div class='nav'>" * 300 + "Aktualisiert: 04.06.2022"
    assert page_dates.update_cue_starts(line) == [line.index("Aktualisiert")]


def test_no_cue_in_a_long_line_without_one() -> None:
    line = "<div class='teaser'>Die Stadt plant einen neuen Park.</div>" * 100
    assert page_dates.update_cue_starts(line) == []
    assert headers.as_of_starts(line) == []


def test_a_word_that_only_starts_like_a_cue_is_not_one() -> None:
    assert headers.as_of_starts("Standardwerte für Stationen") == []
    assert headers.as_of_starts("Stand: 14.02.2025") == [0]


def test_literal_starts() -> None:
    assert literal_start(r"mise?\s+à\s+jour") == "mis"
    assert literal_start(r"\bakt\.?\s*:") == "akt"
    assert literal_start(r"letzte\s+änderung") == "letzte"
    assert literal_start("Update") == "update"
    assert literal_start(r"(?:x|y)") == ""


def test_a_scan_needs_a_start_for_every_word() -> None:
    with pytest.raises(ValueError):
        CueScan(re.compile("(?:x|y)", re.IGNORECASE), ["", "x"])


def test_a_scan_refuses_starts_it_could_never_find() -> None:
    # the starts are looked up in the lower-cased line: "Stand" would silently find nothing
    with pytest.raises(ValueError):
        CueScan(re.compile("stand", re.IGNORECASE), ["Stand"])


_AS_OF_WORDS = cue_data.cues("as_of")


@pytest.mark.parametrize("word", _AS_OF_WORDS)
def test_every_as_of_word_of_the_data_is_found_in_any_case(word: str) -> None:
    start = literal_start(cue_data.fragment(word))
    assert start and start == start.lower() and any(start.startswith(s) for s in headers._AS_OF_SCAN.starts)
    for spelling in (word, word.lower(), word.upper(), word.title()):
        line = f"Anna Muster | {spelling}: 14.02.2025"
        assert headers.as_of_starts(line) == [m.start() for m in headers._AS_OF.finditer(line)] == [line.index(spelling)]
        assert headers.may_name_as_of(line)


def test_every_word_of_the_cue_data_has_a_lower_case_literal_start() -> None:
    # any kind can be scanned from its words' starts; only the signs of ``life_mark`` ("*", "†") are no words
    words = [w for kind, ws in cue_data.header_cues().items() if kind != "life_mark" for w in ws]
    assert len(words) > 100
    for word in words:
        start = literal_start(cue_data.fragment(word))
        assert start and word.lower().startswith(start), word


@pytest.mark.parametrize("word", _AS_OF_WORDS)
def test_an_as_of_word_inside_a_longer_word_is_no_cue(word: str) -> None:
    line = f"Anna Muster | {word.title()}e: 14.02.2025"
    assert headers.as_of_starts(line) == [] == [m.start() for m in headers._AS_OF.finditer(line)]


def test_data_words_written_with_capitals_or_pattern_characters_get_their_lower_case_start() -> None:
    words = ["Stand", "État au", "A.P."]
    pattern = re.compile(rf"(?<![\w-])(?:{cue_data.alternation(words)})(?![\w-])", re.IGNORECASE)
    scan = CueScan(pattern, (literal_start(cue_data.fragment(w)) for w in words))
    assert scan.starts == ("a", "stand", "état")
    line = "STAND: 3.4.2023 | état  au 4.4.2023 | a.p. | Apex"
    assert scan.finditer_starts(line) == [m.start() for m in pattern.finditer(line)] == [0, 18, 38]


def test_folded_characters_fall_back_to_the_pattern() -> None:
    scan = CueScan(re.compile("stand", re.IGNORECASE), ["stand"])
    assert scan.finditer_starts("Der ſtand vom Montag") == [4]  # "ſ" is "s" to the pattern, not to str.lower
    assert scan.finditer_starts("STAND und Stand") == [0, 10]


@pytest.mark.parametrize("line", _LINES)
def test_the_quick_tests_answer_as_the_patterns(line: str) -> None:
    assert page_dates.may_name_update(line) == (page_dates._MODIFIED_CUE.search(line) is not None)
    assert headers.may_name_as_of(line) == (headers._AS_OF.search(line) is not None)


def test_a_line_naming_an_update_and_one_naming_none() -> None:
    assert page_dates.may_name_update("Zuletzt aktualisiert: 04.06.2022")
    assert not page_dates.may_name_update("Veröffentlicht am 04.06.2022 von Anna Muster")
