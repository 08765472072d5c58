"""Quality measurements against external gold data (``lagebild eval KIND GOLD…``)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

__all__ = ["gnad_articles", "shared_data_dir"]

_REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """Return the shared gold-data folder: ``LAGEBILD_SHARED_DATA``, else ``../shared/data`` beside the checkout."""
    return Path(os.environ.get("LAGEBILD_SHARED_DATA", _REPO.parent / "shared" / "data"))


def gnad_articles(path: Path | None = None) -> list[tuple[str, str]]:
    """(section label, text) of every 10kGNAD article in file order (default: its test file in the shared
    folder); the row number is the article's id ("gnad-<row>") in the project's gold files."""
    path = path or shared_data_dir() / "10kgnad_articles" / "test.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
