"""Quality measurements against external gold data (``lagebild eval KIND GOLD…``)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_data_dir"]

_REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """Return the shared gold-data folder: ``LAGEBILD_SHARED_DATA``, else ``../shared/data`` beside the checkout."""
    return Path(os.environ.get("LAGEBILD_SHARED_DATA", _REPO.parent / "shared" / "data"))
