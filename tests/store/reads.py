"""Counting which documents a store is asked for, shared by the tests of stored output parts."""

from __future__ import annotations

from typing import Any

import pytest


def counted_reads(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids every later ``get_documents`` call on ``store`` asks for, in order."""
    read: list[str] = []
    get_documents = store.get_documents

    def counted(ids: Any) -> Any:
        ids = list(ids)
        read.extend(ids)
        return get_documents(ids)

    monkeypatch.setattr(store, "get_documents", counted)
    return read
