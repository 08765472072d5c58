"""Reading ahead in worker processes gives exactly what reading file by file gives, in the same order."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.executors import InlineExecutor, ProcessExecutor
from lagebild.executors.read_ahead import read_ahead
from lagebild.ingest import discover, read_path
from lagebild.model import Document
from lagebild.pipeline import PipelineSpec

PAGE = """<html><head><title>{title}</title><meta name="author" content="Ada Muster"></head>
<body><nav>Startseite | Politik | Sport</nav><article><h1>{title}</h1>
<p>Der Stadtrat von Talheim hat am Dienstag mit {n} Stimmen einen neuen Haushalt beschlossen.</p>
<p>Die Opposition kritisierte die Ausgaben für die neue Brücke über den Neckar als zu hoch.</p>
</article><footer>Impressum</footer></body></html>"""


def _corpus(folder: Path) -> None:
    for n in range(7):
        (folder / f"p{n}.html").write_text(PAGE.format(title=f"Haushalt Nummer {n}", n=20 + n), "utf-8")
    (folder / "p3b.html").write_text(PAGE.format(title="Haushalt Nummer 3", n=23), "utf-8")  # same content as p3
    (folder / "note.txt").write_text("Eine kurze Meldung aus Talheim.\n\nMehr folgt.", "utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps({"id": f"r{i}", "title": f"Meldung {i}", "text": f"Text der Meldung {i} aus Talheim."}) for i in range(3))
        + "\n{broken\n",
        "utf-8",
    )


def _key(got: Document | InputError) -> object:
    if isinstance(got, InputError):
        return ("error", got.path, got.reason)
    return ("doc", json.dumps(got.to_json(), sort_keys=True, ensure_ascii=False))


def test_read_ahead_matches_reading_one_by_one(tmp_path: Path) -> None:
    _corpus(tmp_path)
    one_by_one = [got for item in discover([tmp_path]) for got in ([item] if isinstance(item, InputError) else read_path(item))]
    ahead = list(read_ahead(discover([tmp_path]), jobs=2, window=3))
    assert [_key(g) for g in ahead] == [_key(g) for g in one_by_one]
    assert any(isinstance(g, InputError) for g in ahead), "errors come through (they travel as tuples)"
    assert sum(isinstance(g, Document) and g.source.format == "html" for g in ahead) == 8


def test_one_job_reads_in_this_process(tmp_path: Path) -> None:
    _corpus(tmp_path)
    assert [_key(g) for g in read_ahead(discover([tmp_path]), jobs=1)] == [
        _key(g) for item in discover([tmp_path]) for g in ([item] if isinstance(item, InputError) else read_path(item))
    ]


class _Host:
    """A task host that runs tasks at once in this process, or loses every one (a broken worker)."""

    def __init__(self, *, lose: bool = False) -> None:
        self.lose = lose
        self.tasks = 0

    def submit_task(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any] | None:
        self.tasks += 1
        fut: Future[Any] = Future()
        if self.lose:
            fut.set_exception(BrokenProcessPool("a worker died"))
        else:
            fut.set_result(fn(*args))
        return fut


def _one_by_one(folder: Path) -> list[object]:
    return [_key(g) for item in discover([folder]) for g in ([item] if isinstance(item, InputError) else read_path(item))]


def test_html_is_read_by_the_host_and_a_lost_read_is_read_again(tmp_path: Path) -> None:
    _corpus(tmp_path)
    host = _Host()
    assert [_key(g) for g in read_ahead(discover([tmp_path]), jobs=2, window=3, host=host)] == _one_by_one(tmp_path)
    assert host.tasks == 9, "every HTML file (the empty one too) went to the host"
    losing = _Host(lose=True)
    assert [_key(g) for g in read_ahead(discover([tmp_path]), jobs=2, window=3, host=losing)] == _one_by_one(tmp_path)
    assert losing.tasks == 9


def test_pages_read_in_the_pipeline_workers_while_they_analyse(tmp_path: Path) -> None:
    _corpus(tmp_path)
    executor = ProcessExecutor(2, chunk=2)
    docs = (g for g in read_ahead(discover([tmp_path]), jobs=2, window=3, host=executor) if isinstance(g, Document))
    spec = PipelineSpec.of(["clean.identity.v1"])
    results = [r for chunk in executor.map_chunks(spec, docs) for r in chunk]
    assert executor.submit_task(len, "") is None, "no running pool after the map"
    alone = (g for item in discover([tmp_path]) if not isinstance(item, InputError) for g in read_path(item) if isinstance(g, Document))
    expected = {r.doc.id: _key(r.doc) for r in InlineExecutor().map(spec, alone)}
    assert {r.doc.id: _key(r.doc) for r in results} == expected
    assert sum(r.doc.source.format == "html" for r in results) == 8
