"""The web app and the analysis run on PostgreSQL exactly as on SQLite."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.postgres


def test_analyze_and_serve_on_postgres(postgres_server: Any, examples_dir: Path, tmp_path: Path) -> None:
    from lagebild.analyze import analyze_paths
    from lagebild.export import build_export
    from lagebild.store import open_store

    pg_url = postgres_server.new_database("analyze_serve")
    sqlite_path = str(tmp_path / "same.db")
    pg, lite = open_store(pg_url), open_store(sqlite_path)
    try:
        analyze_paths([examples_dir], pg, jobs=1)
        analyze_paths([examples_dir], lite, jobs=1)
        rerun = analyze_paths([examples_dir], pg, jobs=1)
        assert rerun.ok == 0 and rerun.already_stored == 5  # idempotent, as with SQLite
        a, b = build_export(pg), build_export(lite)
        for key in ("documents", "entities", "timexes", "quotes", "claims", "events", "stories", "claim_groups"):
            assert len(a[key]) == len(b[key]), key
        assert [d["id"] for d in a["documents"]] == [d["id"] for d in b["documents"]]
        assert {r["doc"] for r in pg.search("Soldaten")} == {r["doc"] for r in lite.search("Soldaten")}
    finally:
        pg.close()
        lite.close()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
        from fastapi.testclient import TestClient

    from lagebild.web import create_app

    with TestClient(create_app(pg_url), base_url="http://127.0.0.1") as client:
        assert client.get("/api/health").json()["documents"] == 5
        hits = client.get("/api/search", params={"q": "Soldat"}).json()["items"]
        assert len(hits) >= 3 and all("<mark>" in h["snippet_html"] for h in hits)
        story = client.get("/api/stories").json()["items"][0]["id"]
        assert client.get(f"/stories/{story}").status_code == 200
        doc = client.get("/api/documents").json()["items"][0]["id"]
        assert client.get(f"/articles/{doc}").status_code == 200
        added = client.post("/api/ingest", json={"articles": [{"text": "Ein neuer Bericht über Soldaten an der Grenze.", "id": "neu"}]}).json()
        assert added["added"] == ["neu"]
        assert "neu" in {h["doc"] for h in client.get("/api/search", params={"q": "Soldat"}).json()["items"]}
