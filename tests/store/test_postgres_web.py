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
        added = client.post("/api/ingest?wait=120", json={"articles": [{"text": "Ein neuer Bericht über Soldaten an der Grenze.", "id": "neu"}]}).json()
        assert added["added"] == ["neu"]
        assert "neu" in {h["doc"] for h in client.get("/api/search", params={"q": "Soldat"}).json()["items"]}


def test_served_answers_are_the_same_on_both_backends(postgres_server: Any, examples_dir: Path, tmp_path: Path) -> None:
    """The on-demand reads (metadata lists, paging, annotation windows, pages) answer alike on PostgreSQL and SQLite."""
    from lagebild.analyze import analyze_paths
    from lagebild.store import open_store

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from lagebild.web import create_app

    pg_url = postgres_server.new_database("served_same")
    sqlite_path = str(tmp_path / "same.db")
    for url in (pg_url, sqlite_path):
        store = open_store(url)
        try:
            analyze_paths([examples_dir], store, jobs=1)
        finally:
            store.close()
    with TestClient(create_app(pg_url), base_url="http://127.0.0.1") as pg, TestClient(create_app(sqlite_path), base_url="http://127.0.0.1") as lite:
        story = lite.get("/api/stories").json()["items"][0]["id"]
        docs = [d["id"] for d in lite.get("/api/documents").json()["items"]]
        entities = lite.get("/api/entities", params={"limit": 1}).json()["items"]
        urls = ["/api/documents", "/api/documents?limit=2&offset=1", "/api/documents?date_from=2024-11", "/api/documents?date_to=2024-10-31",
                f"/api/documents?story={story}", "/api/stories", f"/api/stories/{story}", "/api/claims?limit=3&offset=2",
                "/api/claims?limit=1000", "/api/quotes?limit=1000", "/api/quotes?limit=2&offset=3", "/api/inconsistencies",
                "/api/entities?limit=1000", "/", f"/stories/{story}", "/articles", "/claims"]  # search ranks differ (bm25, ts_rank)
        for ent in entities:
            urls += [f"/api/entities/{ent['id']}", f"/api/search?entity={ent['id']}", f"/entities/{ent['id']}"]
        urls += [f"/articles/{d}" for d in docs] + [f"/api/documents/{d}" for d in docs]
        for url in urls:
            a, b = pg.get(url), lite.get(url)
            assert a.status_code == b.status_code == 200, url
            if url.startswith("/api"):
                assert a.json() == b.json(), url
            else:
                assert a.text == b.text, url

