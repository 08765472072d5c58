"""Store fixtures: every contract test runs against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helper modules, whatever pytest's import mode

from pgserver import PostgresServer, PostgresUnavailable

_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"psycopg is not installed (pip install 'lagebild[postgres]'): {exc}")
    try:
        server = PostgresServer()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server can be started here: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database(f"t{next(_counter)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    from lagebild.store import open_store

    st = open_store(store_url)
    yield st
    st.close()
