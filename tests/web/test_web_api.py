"""The REST API against a running ``lagebild serve`` process: every endpoint, paging, filters, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from webserver import Server, copy_db

ERROR_KEYS = {"ok", "error", "errors", "status"}


def assert_error_shape(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    return body


@pytest.fixture(scope="module")
def api(handmade_server: Server) -> httpx.Client:
    with httpx.Client(base_url=handmade_server.url + "/api", timeout=30) as client:
        yield client


def _ids(body: dict[str, Any], key: str = "id") -> list[Any]:
    return [item[key] for item in body["items"]]


def test_index_and_health(api: httpx.Client, handmade_server: Server) -> None:
    assert httpx.get(handmade_server.url + "/api").json()["ok"] is True
    assert api.get("/health").json() == {"ok": True, "documents": 4}


def test_documents_paging_and_filters(api: httpx.Client) -> None:
    body = api.get("/documents").json()
    assert body["total"] == 4 and _ids(body) == ["a-tagblatt", "b-abendpost", "c-wire", "x-injection"]
    assert "text" not in body["items"][0]
    page = api.get("/documents", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 4 and _ids(page) == ["b-abendpost", "c-wire"]
    assert _ids(api.get("/documents", params={"outlet": "Wire"}).json()) == ["c-wire"]
    assert _ids(api.get("/documents", params={"story": "story-bahnstreik"}).json()) == ["a-tagblatt", "b-abendpost", "c-wire"]
    assert _ids(api.get("/documents", params={"date_from": "2024-03-08", "date_to": "2024-03-09"}).json()) == ["b-abendpost", "x-injection"]
    assert _ids(api.get("/documents", params={"date_to": "2024-02"}).json()) == []


def test_document_with_annotations_in_original_offsets(api: httpx.Client) -> None:
    item = api.get("/documents/a-tagblatt", params={"original": True}).json()["item"]
    original = item["original"]
    claims = [a for a in item["annotations"] if a["kind"] == "claim"]
    assert len(claims) == 2
    for ann in item["annotations"]:
        assert original[ann["start"] : ann["end"]] == ann["text"]
    only = api.get("/documents/a-tagblatt", params={"kinds": "quote"}).json()["item"]["annotations"]
    assert [a["kind"] for a in only] == ["quote"] and only[0]["speaker"]["entity"] == "per-claus-weselsky"


def test_entities(api: httpx.Client) -> None:
    body = api.get("/entities").json()
    assert body["total"] == 6
    shared = next(e for e in body["items"] if e["id"] == "org-gewerkschaft")
    assert shared["kb_candidates"] == ["org-gdl", "kb:verdi"]  # the API passes the candidates on as ids
    gdl = next(e for e in body["items"] if e["id"] == "org-gdl")
    assert gdl["mention_count"] == 5
    assert _ids(api.get("/entities", params={"type": "PER"}).json()) == ["per-claus-weselsky"]
    assert _ids(api.get("/entities", params={"q": "deutschen"}).json()) == ["org-deutsche-bahn"]
    assert "loc-berlin" in _ids(api.get("/entities", params={"doc": "c-wire"}).json())
    assert api.get("/entities/loc-berlin").json()["item"]["mention_count"] == 2
    assert_error_shape(api.get("/entities/nobody"), 404)


def test_stories(api: httpx.Client) -> None:
    assert _ids(api.get("/stories").json()) == ["story-bahnstreik", "story-injection"]
    item = api.get("/stories/story-bahnstreik").json()["item"]
    assert [m["id"] for m in item["members"]] == ["a-tagblatt", "b-abendpost", "c-wire"]
    assert [t["event"] for t in item["timeline"]] == ["ev-strike", "ev-deal"]
    assert [g["id"] for g in item["claim_groups"]] == ["cg-fernzuege", "cg-streikende"]
    assert item["coverage"]["columns"] == ["a-tagblatt", "b-abendpost", "c-wire"]
    assert_error_shape(api.get("/stories/nope"), 404)


def test_events_and_timeline(api: httpx.Client) -> None:
    assert _ids(api.get("/events").json()) == ["ev-strike", "ev-deal"]
    assert _ids(api.get("/events", params={"conflict": True}).json()) == ["ev-strike"]
    assert _ids(api.get("/events", params={"entity": "org-deutsche-bahn"}).json()) == ["ev-deal"]
    assert _ids(api.get("/events", params={"type": "strike", "doc": "b-abendpost"}).json()) == ["ev-strike"]
    assert _ids(api.get("/timeline").json(), "event") == ["ev-strike", "ev-deal"]
    assert _ids(api.get("/timeline", params={"date_from": "2024-03-10"}).json(), "event") == ["ev-deal"]
    assert _ids(api.get("/timeline", params={"story": "story-injection"}).json(), "event") == []
    assert_error_shape(api.get("/timeline", params={"story": "missing"}), 404)


def test_claims_groups_quotes_inconsistencies(api: httpx.Client) -> None:
    claims = api.get("/claims").json()
    assert claims["total"] == 5
    assert [c["value"] for c in api.get("/claims", params={"unit": "percent"}).json()["items"]] == [80, 90]
    assert api.get("/claims", params={"claimant": "gdl"}).json()["total"] == 1
    assert _ids(api.get("/claim-groups", params={"relation": "updated"}).json()) == ["cg-streikende"]
    assert _ids(api.get("/claim-groups", params={"story": "story-bahnstreik"}).json()) == ["cg-fernzuege", "cg-streikende"]
    quotes = api.get("/quotes", params={"entity": "per-claus-weselsky"}).json()
    assert quotes["total"] == 3
    assert api.get("/quotes", params={"doc": "c-wire"}).json()["total"] == 1
    assert _ids(api.get("/inconsistencies").json()) == ["inc-strike-date"]


def test_search(api: httpx.Client) -> None:
    body = api.get("/search", params={"q": "Streiks"}).json()
    assert {r["doc"] for r in body["items"]} == {"a-tagblatt", "b-abendpost", "x-injection"}
    assert all("\x02" not in r["snippet"] for r in body["items"])
    assert any("<mark>" in r["snippet_html"] for r in body["items"])
    page = api.get("/search", params={"q": "Streiks", "limit": 1}).json()
    assert len(page["items"]) == 1 and page["has_more"] is True
    assert {r["doc"] for r in api.get("/search", params={"q": "Fernzug", "outlet": "Abendpost"}).json()["items"]} == {"b-abendpost"}
    assert {r["doc"] for r in api.get("/search", params={"q": "", "entity": "loc-berlin"}).json()["items"]} == {"a-tagblatt", "c-wire"}
    assert api.get("/search", params={"q": "\"'); DROP TABLE documents; --"}).json()["items"] == []
    assert api.get("/health").json()["documents"] == 4


def test_export(api: httpx.Client) -> None:
    data = api.get("/export").json()
    assert len(data["documents"]) == 4 and len(data["claim_groups"]) == 3 and len(data["timeline"]) == 2


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/api/nothing-here", {}, 404),
        ("GET", "/api/documents/missing", {}, 404),
        ("GET", "/api/documents", {"params": {"limit": 0}}, 422),
        ("GET", "/api/documents", {"params": {"offset": -1}}, 422),
        ("GET", "/api/documents", {"params": {"date_from": "yesterday"}}, 422),
        ("DELETE", "/api/documents", {}, 405),
        ("POST", "/api/ingest", {"json": {"articles": []}}, 422),
        ("POST", "/api/ingest", {"json": {"articles": [{"title": "no text"}]}}, 422),
        ("POST", "/api/ingest", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
        ("POST", "/api/ingest", {"content": b"x", "headers": {"content-type": "image/png"}}, 415),
        ("GET", "/no/such/page", {}, 404),
    ],
)
def test_one_error_shape_everywhere(handmade_server: Server, method: str, path: str, kwargs: dict[str, Any], status: int) -> None:
    response = httpx.request(method, handmade_server.url + path, timeout=30, **kwargs)
    assert_error_shape(response, status)


def test_browser_gets_an_html_error_page(handmade_server: Server) -> None:
    response = httpx.get(handmade_server.url + "/articles/missing", headers={"accept": "text/html"})
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no article" in response.text


def test_server_error_uses_the_error_shape(handmade_db: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
        from fastapi.testclient import TestClient

    from lagebild.web import create_app

    app = create_app(handmade_db)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        body = assert_error_shape(client.get("/api/boom"), 500)
    assert "secret" not in body["error"]


def test_openapi_schema_is_served_and_lists_every_resource(api: httpx.Client) -> None:
    schema = httpx.get(str(api.base_url).rsplit("/api", 1)[0] + "/openapi.json").json()
    paths = set(schema["paths"])
    for path in ["/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}", "/api/stories",
                 "/api/stories/{story_id}", "/api/events", "/api/timeline", "/api/claims", "/api/claim-groups",
                 "/api/quotes", "/api/search", "/api/ingest", "/api/export"]:
        assert path in paths
    assert "requestBody" in schema["paths"]["/api/ingest"]["post"]


def test_pages_send_a_strict_content_security_policy(handmade_server: Server) -> None:
    response = httpx.get(handmade_server.url + "/articles/x-injection")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


# -- ingest into a running server ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def ingest_server(handmade_db: str, tmp_path_factory: pytest.TempPathFactory) -> Server:
    db = copy_db(handmade_db, tmp_path_factory.mktemp("ingest") / "ingest.db")
    server = Server(db, log=tmp_path_factory.mktemp("logs") / "ingest-server.log")
    yield server
    server.stop()


def test_ingest_json_and_text_then_search(ingest_server: Server, examples_dir: Path) -> None:
    url = ingest_server.url + "/api"
    text = (examples_dir / "002_c03abd67f30b1e6c.txt").read_text("utf-8")
    body = {"articles": [{"id": "posted-1", "text": text, "title": "Posted", "outlet": "Post", "published": "2024-10-24"}]}
    out = httpx.post(url + "/ingest?wait=120", json=body, timeout=130).json()
    assert out["ok"] is True and out["added"] == ["posted-1"]
    again = httpx.post(url + "/ingest?wait=120", json=body, timeout=130).json()
    assert again["added"] == [] and again["already_stored"] == ["posted-1"]
    plain = httpx.post(url + "/ingest?wait=120", content="Ein kurzer Text über Panzer.".encode(), headers={"content-type": "text/plain"}, timeout=120).json()
    assert len(plain["added"]) == 1 and plain["added"][0].startswith("api-")
    assert httpx.get(url + "/health").json()["documents"] == 6
    doc = httpx.get(url + "/documents/posted-1").json()["item"]
    assert doc["outlet"] == "Post" and doc["published"]["value"] == "2024-10-24" and doc["title"] == "Posted"
    assert "sentence" in {a["kind"] for a in httpx.get(url + "/documents/posted-1").json()["item"]["annotations"]}
    hits = {r["doc"] for r in httpx.get(url + "/search", params={"q": "Soldat"}).json()["items"]}
    assert "posted-1" in hits
    assert {r["doc"] for r in httpx.get(url + "/search", params={"q": "Panzern"}).json()["items"]} == set(plain["added"])


def test_ingest_html_uses_the_html_reader(ingest_server: Server) -> None:
    page = ("<html><head><title>Seite</title></head><body><nav>Menü Start Kontakt Impressum</nav><article>"
            "<h1>Truppen an der Grenze</h1><p>Am Montag sind nach Angaben der Regierung rund 500 Soldaten an die Grenze "
            "verlegt worden. Das Ministerium bestätigte die Verlegung am Abend.</p><p>Beobachter sprechen von einer "
            "deutlichen Eskalation der Lage in der Region.</p></article><footer>Impressum</footer></body></html>")
    out = httpx.post(ingest_server.url + "/api/ingest?wait=120", json=[{"text": page, "format": "html", "outlet": "Grenzblatt"}], timeout=120).json()
    assert len(out["added"]) == 1
    item = httpx.get(ingest_server.url + f"/api/documents/{out['added'][0]}").json()["item"]
    assert item["outlet"] == "Grenzblatt" and "rund 500 Soldaten" in item["text"] and "Menü" not in item["text"]
    empty = httpx.post(ingest_server.url + "/api/ingest?wait=120", json=[{"text": "<html><body></body></html>", "format": "html"}], timeout=120).json()
    assert empty["added"] == [] and len(empty["rejected"]) == 1


# -- binding and tokens ---------------------------------------------------------------------------------
def test_refuses_to_bind_elsewhere_without_a_token(handmade_db: str) -> None:
    env_free = {"PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "lagebild.cli", "serve", "--db", handmade_db, "--host", "0.0.0.0", "--port", "1"],
                          capture_output=True, text=True, timeout=60, env=env_free)
    assert proc.returncode != 0
    assert "token" in proc.stderr.lower()


def test_token_is_checked_on_every_request(handmade_db: str, tmp_path: Path) -> None:
    server = Server(copy_db(handmade_db, tmp_path / "t.db"), token="s3cret-token", log=tmp_path / "server.log")
    try:
        for path in ["/", "/api/documents", "/openapi.json", "/static/style.css", "/articles/a-tagblatt", "/report.html"]:
            assert_error_shape(httpx.get(server.url + path), 401)
            assert_error_shape(httpx.get(server.url + path, headers={"Authorization": "Bearer wrong"}), 401)
        ok = httpx.get(server.url + "/api/documents", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.json()["total"] == 4
        assert_error_shape(httpx.post(server.url + "/api/ingest", json={"articles": [{"text": "x"}]}), 401)
        # a browser passes the token once; a cookie carries it afterwards
        with httpx.Client(base_url=server.url, headers={"accept": "text/html"}) as browser_like:
            first = browser_like.get("/articles/a-tagblatt?token=s3cret-token&start=1&end=5")
            assert first.status_code == 303 and first.headers["location"] == "/articles/a-tagblatt?start=1&end=5"
            assert browser_like.get(first.headers["location"]).status_code == 200
            assert browser_like.get("/entities").status_code == 200
    finally:
        server.stop()
    log = (tmp_path / "server.log").read_text()
    assert "token=***" in log and "s3cret-token" not in log, "the token must not reach the access log"


def test_other_sites_cannot_use_the_browser_against_the_server(handmade_server: Server) -> None:
    # DNS rebinding: a page on another domain that resolves to 127.0.0.1
    assert_error_shape(httpx.get(handmade_server.url + "/api/documents", headers={"host": "evil.example"}), 403)
    # a form or fetch from another origin must not write (text/plain needs no CORS preflight)
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
        response = httpx.post(handmade_server.url + "/api/ingest", content=b"Eingeschleuster Text", timeout=60,
                              headers={"content-type": "text/plain", **headers})
        assert_error_shape(response, 403)
    assert httpx.get(handmade_server.url + "/api/health").json()["documents"] == 4
    same = httpx.post(handmade_server.url + "/api/ingest", json={"articles": []}, headers={"origin": handmade_server.url})
    assert_error_shape(same, 422)  # same origin passes the guard (and fails validation)
    assert httpx.get(handmade_server.url.replace("127.0.0.1", "localhost") + "/api/health").status_code == 200


def test_is_loopback() -> None:
    from lagebild.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.0.0.5")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org") and not is_loopback("::")
