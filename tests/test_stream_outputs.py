"""The export and the report written from the store document by document equal those built in memory."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import lagebild.report.html as report_html
from lagebild.analyze import write_outputs
from lagebild.export import build_export, write_export
from lagebild.export.csv_export import TABLES, write_csv
from lagebild.export.csv_stream import CsvWriter
from lagebild.export.stream import ExportWriter
from lagebild.report.html import load_picture, render_report, story_list


@pytest.mark.parametrize("batch", [200, 2])
def test_streamed_export_is_the_export_byte_for_byte(
    example_analysis: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # batch=2: the five example articles come from the store in three batches, joined into one export and report
    monkeypatch.setattr(report_html, "DOCUMENT_BATCH", batch)
    store = example_analysis["store"]
    corpus = store.load_corpus()
    built = write_export(build_export(store, corpus=corpus), tmp_path / "built.json").read_bytes()
    with ExportWriter(tmp_path / "streamed.json", corpus) as out:
        for doc in store.iter_documents():
            out.add(doc, store.sources(doc.id))
    assert (tmp_path / "streamed.json").read_bytes() == built
    assert out.counts["documents"] == 5 and out.counts["timexes"] > 0
    read: list[list[str]] = []
    get_documents = store.get_documents

    def counted(ids: Any) -> Any:
        read.append(list(ids))
        return get_documents(read[-1])

    monkeypatch.setattr(store, "get_documents", counted)
    tables = write_outputs(store, corpus, tmp_path / "out" / "lagebild.json", tmp_path / "out" / "report.html", csv_dir=tmp_path / "out" / "csv")
    monkeypatch.undo()
    assert [len(r) for r in read] == ([5] if batch == 200 else [2, 2, 1])  # the JSON, CSV and report from one pass
    expected = list(write_csv(build_export(store, corpus=corpus), tmp_path / "csv"))
    assert [p.name for p in tables] == [p.name for p in expected] == [f"{t}.csv" for t in TABLES]
    for got, want in zip(tables, expected, strict=True):
        assert got.read_bytes() == want.read_bytes(), got.name
    lines = {p.stem: p.read_text("utf-8").count("\n") for p in tables}
    assert all(lines[t] > 1 for t in ("documents", "timexes", "claims", "entities", "list_values"))  # the tables compared have rows
    assert sorted(p.name for p in (tmp_path / "out" / "csv").iterdir()) == sorted(p.name for p in tables)  # no spool left behind
    assert (tmp_path / "out" / "lagebild.json").read_bytes() == built
    assert (tmp_path / "out" / "report.html").read_text("utf-8") == render_report(
        store, corpus=corpus, documents=list(store.iter_documents()), export=build_export(store, corpus=corpus))


def test_an_error_while_streaming_leaves_no_export(example_analysis: dict[str, Any], tmp_path: Path) -> None:
    store = example_analysis["store"]
    with pytest.raises(RuntimeError), ExportWriter(tmp_path / "x.json", store.load_corpus()) as out:
        out.add(next(store.iter_documents()), [])
        raise RuntimeError("disk full")
    assert not list(tmp_path.iterdir())
    with pytest.raises(RuntimeError), CsvWriter(tmp_path / "csv", store.load_corpus()) as tables:
        tables.add(next(store.iter_documents()), [])
        raise RuntimeError("disk full")
    assert not list((tmp_path / "csv").iterdir()) and tables.paths == []


@pytest.mark.parametrize("batch", [200, 2])
@pytest.mark.parametrize("full", [80, 3, 2])
def test_report_streamed_from_the_store_is_the_report_from_documents_in_memory(
    example_analysis: dict[str, Any], monkeypatch: pytest.MonkeyPatch, full: int, batch: int
) -> None:
    # full=3 or 2: the five example articles make a compact report, which reads again only the articles it
    # shows; the documents kept for a full report are let go while streaming (at the 4th or the 3rd), and
    # with batch=2 that happens in the second batch
    monkeypatch.setattr(report_html, "FULL_REPORT_ARTICLES", full)
    monkeypatch.setattr(report_html, "DOCUMENT_BATCH", batch)
    store = example_analysis["store"]
    docs = list(store.iter_documents())
    in_memory = render_report(store, documents=docs, sources=store.sources_of(d.id for d in docs))
    read: list[list[str]] = []
    get_documents = store.get_documents

    def counted(ids: Any) -> Any:
        ids = list(ids)
        read.append(ids)
        return get_documents(ids)

    monkeypatch.setattr(store, "get_documents", counted)
    streamed = render_report(store)
    assert streamed == in_memory
    assert ("To stay small" in streamed) == (full < 5)
    passes = 1 if batch == 200 else 3
    assert [len(r) for r in read[:passes]] == ([5] if batch == 200 else [2, 2, 1])  # one pass over the documents …
    assert sorted(i for r in read[:passes] for i in r) == sorted(d.id for d in docs)
    if full < 5:
        assert read[passes:] and all(len(r) <= 5 for r in read[passes:])  # … then only the chosen stories' articles, by id
    else:
        assert len(read) == passes  # … and a full report keeps the few it shows as they come
    story = store.load_corpus().stories[0]["id"]
    assert render_report(store, stories=[story]) == render_report(store, stories=[story], documents=docs)


@pytest.mark.parametrize("with_stories", [True, False])
def test_story_list_reads_no_document(example_analysis: dict[str, Any], monkeypatch: pytest.MonkeyPatch, with_stories: bool) -> None:
    store = example_analysis["store"]
    corpus = store.load_corpus() if with_stories else replace(store.load_corpus(), stories=[])
    assert bool(corpus.stories) == with_stories
    pic, _ = load_picture(store, corpus=corpus)  # the picture of every document, the way the list was made before
    expected = [(s["id"], len(s.get("members") or []), s.get("label") or "") for s in sorted(pic.stories, key=lambda s: -len(s.get("members") or []))]
    for name in ("iter_documents", "get_documents", "get_document", "get_document_views"):
        monkeypatch.setattr(store, name, lambda *a, **k: pytest.fail("a document was read"))
    assert story_list(store, corpus) == expected
    assert [n for _, n, _ in expected] == sorted((n for _, n, _ in expected), reverse=True) and sum(n for _, n, _ in expected) >= 5
