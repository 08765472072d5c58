"""lagebild: a source-attributed, time-resolved situation picture from many news articles.

Example::

    from lagebild import analyze_paths, open_store, build_export
    store = open_store("out/lagebild.db")
    analyze_paths(["examples/ru-kp-treaty"], store)
    picture = build_export(store)
"""

from __future__ import annotations

import logging

from lagebild.analyze import RunReport, analyze_paths, recompute_corpus
from lagebild.errors import LagebildError
from lagebild.export import build_export, write_export
from lagebild.model import Annotation, Document, OffsetMap, Provenance, Span
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.registry import STAGES
from lagebild.store import open_store

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "STAGES",
    "Annotation",
    "Document",
    "LagebildError",
    "OffsetMap",
    "Pipeline",
    "PipelineSpec",
    "Provenance",
    "RunReport",
    "Span",
    "analyze_paths",
    "build_export",
    "open_store",
    "recompute_corpus",
    "write_export",
]
