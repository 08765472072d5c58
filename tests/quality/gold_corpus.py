"""The texts of a gold corpus folder (``corpus/*.txt`` beside its ``gold.yaml``), keyed by document id."""

from __future__ import annotations

from pathlib import Path


def corpus_texts(folder: Path) -> dict[str, str]:
    """Every corpus file's text under its stem, the document id the gold uses."""
    return {p.stem: p.read_text("utf-8") for p in sorted((folder / "corpus").glob("*.txt"))}
