"""POST /api/ingest: queued with a job to poll, body validated (size, nesting, dates), token rule."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from webserver import copy_db

from lagebild.web.ingest import check_date
from lagebild.web.server import token_problem

TEXT = ("Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen. "
        "Nach Angaben des Ministeriums sollen 120 Millionen Euro in neue Busse fließen.")


@pytest.fixture()
def client(handmade_db: str, tmp_path: Path) -> TestClient:
    from lagebild.web import create_app

    db = copy_db(handmade_db, tmp_path / "ingest.db")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def test_ingest_answers_at_once_with_a_job_to_poll(client: TestClient) -> None:
    started = time.perf_counter()
    first = client.post("/api/ingest", json={"articles": [{"text": TEXT, "id": "queued-1", "published": "2024-03-05"}]})
    assert first.status_code == 202 and time.perf_counter() - started < 5
    body = first.json()
    assert body["status"] in ("queued", "running", "done") and body["poll"] == f"/api/ingest/jobs/{body['job']}"
    deadline = time.monotonic() + 120
    while (job := client.get(body["poll"]).json())["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert job["status"] == "done" and job["added"] == ["queued-1"]
    assert client.get("/api/documents/queued-1").status_code == 200
    again = client.post("/api/ingest?wait=120", json=[{"text": TEXT}]).json()
    assert again["status"] == "done" and again["already_stored"] == ["queued-1"]
    assert client.get("/api/ingest/jobs/999-999").status_code == 404


def test_the_pipeline_is_built_once_per_server(client: TestClient) -> None:
    client.post("/api/ingest?wait=120", json=[{"text": TEXT + " Eins."}])
    started = time.perf_counter()
    second = client.post("/api/ingest?wait=120", json=[{"text": TEXT + " Zwei."}]).json()
    assert second["status"] == "done" and len(second["added"]) == 1
    assert time.perf_counter() - started < 10  # was 12-14 s for one article, mostly loading the pipeline


@pytest.mark.parametrize("published", ["2024-02-30T99:99", "2024-13", "2023-02-29", "2024-04-31", "2024-01-01T25:00"])
def test_impossible_dates_are_refused(client: TestClient, published: str) -> None:
    response = client.post("/api/ingest", json={"articles": [{"text": TEXT, "published": published}]})
    assert response.status_code == 422 and "date" in response.text


def test_deep_nesting_and_size_are_refused_cleanly(client: TestClient) -> None:
    deep = b'{"articles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/api/ingest", content=deep, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "nests deeper" in response.json()["error"]
    shallow_but_deep = {"articles": [{"text": TEXT, "title": [[[[[[[["x"]]]]]]]]}]}
    assert client.post("/api/ingest", json=shallow_but_deep).status_code == 400
    big = client.post("/api/ingest", content=b"x" * 20_000_001, headers={"content-type": "text/plain"})
    assert big.status_code == 413


def test_lone_surrogates_in_the_body_are_stored_replaced(client: TestClient) -> None:
    body = b'{"articles": [{"text": "' + TEXT.encode() + b' \\ud800", "id": "sur"}]}'
    job = client.post("/api/ingest?wait=120", content=body, headers={"content-type": "application/json"}).json()
    assert job["status"] == "done" and job["added"] == ["sur"]
    assert client.get("/api/documents/sur").json()["item"]["text"].endswith("\ufffd")


@given(st.dates())
def test_real_dates_pass(day: object) -> None:
    check_date(str(day))


def test_token_rule_for_a_server_on_the_network() -> None:
    for weak in (None, "", " ", "   x   ", "aaaaaaaaaaaaaaaa", "kurz", "mit leerzeichen drin", " s3cret-token-1"):
        assert token_problem(weak), weak
    assert token_problem("s3cret-token") is None and token_problem("Zq8-vT2_pL9x") is None


def test_serve_refuses_a_one_space_token(handmade_db: str) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "serve", "--db", handmade_db, "--host", "0.0.0.0", "--port", "1"],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "LAGEBILD_TOKEN": " "}, check=False)
    assert proc.returncode != 0 and "token" in proc.stderr.lower()


def test_a_running_server_queues_ingest(handmade_db: str, tmp_path: Path) -> None:
    from webserver import Server

    server = Server(copy_db(handmade_db, tmp_path / "s.db"), log=tmp_path / "server.log")
    try:
        started = time.perf_counter()
        job = httpx.post(server.url + "/api/ingest", json=[{"text": TEXT}], timeout=30).json()
        assert time.perf_counter() - started < 5 and job["status"] in ("queued", "running")
        assert httpx.get(server.url + "/api/health", timeout=5).json()["ok"] is True  # the store is not held
        done = httpx.post(server.url + "/api/ingest?wait=120", json=[{"text": TEXT + " Noch einer."}], timeout=130).json()
        assert done["status"] == "done" and httpx.get(server.url + job["poll"]).json()["status"] == "done"
    finally:
        server.stop()
