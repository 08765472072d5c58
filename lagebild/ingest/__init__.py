"""Ingest: find input files, decode them and turn each article into a ``Document``.

Readers never raise for one bad file in a batch: ``read_path`` yields ``InputError`` values
alongside documents so the caller can report them and go on.
"""

from __future__ import annotations

from lagebild.ingest.limits import ReadLimits
from lagebild.ingest.readers import SUPPORTED_SUFFIXES, discover, read_path

__all__ = ["SUPPORTED_SUFFIXES", "ReadLimits", "discover", "read_path"]
