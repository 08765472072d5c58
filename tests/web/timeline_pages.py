"""The report and the web story page of a stored corpus, and one event's row on their timelines."""

from __future__ import annotations

import re
import warnings
from typing import Any

from lagebild.report.html import render_report
from lagebild.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette deprecates its httpx-based test client
    from fastapi.testclient import TestClient


def report_html(db: str) -> str:
    store = open_store(db)
    try:
        return render_report(store)
    finally:
        store.close()


def story_page(db: str, story_id: str) -> str:
    from lagebild.web import create_app

    client: Any
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200
        return str(page.text)


def timeline_row(html: str, event_id: str) -> str:
    row = re.search(rf'<li class="tl-row[^"]*" id="ev-{event_id}">(.*?)</li>\s*(?:<li class="tl-row|</ol>)', html, re.S)
    assert row is not None, event_id
    return row.group(1)
