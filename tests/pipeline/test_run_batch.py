"""``Pipeline.run_batch`` leaves every document exactly as running the pipeline on it alone would."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pytest

from lagebild.config import load_config
from lagebild.errors import LagebildError
from lagebild.executors import ProcessExecutor
from lagebild.ingest import read_path
from lagebild.model import Document, OffsetMap, Provenance, SourceRef, Span
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.registry import Registry
from lagebild.stages import entities as entities_stage


def _docs(examples_dir: Path) -> list[Document]:
    return [d for p in sorted(examples_dir.glob("*.txt")) for d in read_path(p) if isinstance(d, Document)]


def _default_spec() -> PipelineSpec:
    config = load_config()
    return PipelineSpec.of(list(config.stages), config.stage_configs)


def test_batch_equals_one_by_one_on_the_default_pipeline(examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(examples_dir)
    # an empty text and a long one (tagged on its own, beside the batch) among the articles
    docs.append(Document(id="blank", original="   \n", source=docs[0].source))
    docs.append(Document(id="long", original="\n\n".join(d.original for d in docs[:3]), source=docs[0].source))
    spec = _default_spec()
    alone = Pipeline(spec)
    expected = [alone(copy.deepcopy(d)).to_json() for d in docs]
    # the articles are tagged together, the long text (three articles) on its own
    monkeypatch.setattr(entities_stage, "BATCH_MAX_CHARS", max(len(d.original) for d in docs[:-2]))
    got = Pipeline(spec).run_batch([copy.deepcopy(d) for d in docs])
    assert [doc.to_json() for doc, _ in got] == expected
    assert all(doc.of_kind("entity") for doc, _ in got if doc.id not in ("blank",))
    assert all("entities.ner.v1" in stats.seconds for _, stats in got)
    assert len(got[-1][0].text) > entities_stage.BATCH_MAX_CHARS


def test_process_pool_equals_one_by_one(examples_dir: Path) -> None:
    docs = _docs(examples_dir)
    spec = _default_spec()
    alone = Pipeline(spec)
    expected = {d.id: alone(copy.deepcopy(d)).to_json() for d in docs}
    got = {r.doc.id: r.doc.to_json() for r in ProcessExecutor(2, chunk=3).map(spec, docs)}
    assert got == expected


# --- a stage registry of toy stages: batches that fail, documents that fail, skipped stages ---

REG = Registry("test stages")


@REG.register("mark.v1", requires={"text"}, produces={"mark"})
@dataclass
class Mark:
    """Marks every document; its batch fails for a document whose text says "bad", and as a whole for "all bad"."""

    def __call__(self, doc: Document) -> Document:
        if "bad" in doc.text:
            raise LagebildError(f"cannot mark {doc.id}")
        doc.add("mark", Span(0, 1), Provenance("mark.v1"), label="one")
        return doc

    def batch(self, docs: list[Document]) -> list[Document | Exception]:
        if any("all bad" in d.text for d in docs):
            raise RuntimeError("the whole batch fails")
        out: list[Document | Exception] = []
        for doc in docs:
            try:
                out.append(self(doc))
            except LagebildError as exc:
                out.append(exc)
        return out


@REG.register("text.v1", requires={"original"}, produces={"text"})
@dataclass
class Text:
    def __call__(self, doc: Document) -> Document:
        doc.set_text(doc.original, OffsetMap.identity(len(doc.original)))
        return doc


@REG.register("after_mark.v1", requires={"mark"}, produces={"later"})
@dataclass
class AfterMark:
    def __call__(self, doc: Document) -> Document:
        doc.add("later", Span(0, 1), Provenance("after_mark.v1"), label="two")
        return doc


def _toy(texts: list[str]) -> list[Document]:
    return [Document(id=f"d{i}", original=t, source=SourceRef(f"d{i}.txt")) for i, t in enumerate(texts)]


@pytest.mark.parametrize("texts", [
    ["good one", "a bad one", "good two"],  # one document fails inside the batch
    ["good one", "all bad here", "good two"],  # the batch fails: each document on its own
])
def test_failures_are_recorded_per_document_as_alone(texts: list[str]) -> None:
    spec = PipelineSpec.of(["text.v1", "mark.v1", "after_mark.v1"])
    alone = Pipeline(spec, registry=REG)
    expected = [alone(d).to_json() for d in _toy(texts)]
    expected_failures = dict(alone.stats.failures)
    pipeline = Pipeline(spec, registry=REG)
    got = pipeline.run_batch(_toy(texts))
    assert [doc.to_json() for doc, _ in got] == expected
    failures: dict[str, int] = {}
    for _, stats in got:
        for name, n in stats.failures.items():
            failures[name] = failures.get(name, 0) + n
    assert failures == expected_failures
    # the failed document was skipped by the stage that needs the mark, the others were not
    bad = next(doc for doc, _ in got if "bad" in doc.text)
    assert [f.stage for f in bad.failures] == ["mark.v1", "after_mark.v1"]
    assert all(not doc.failures and doc.of_kind("later") for doc, _ in got if "bad" not in doc.text)


def test_raise_mode_raises_from_a_batch() -> None:
    pipeline = Pipeline(PipelineSpec.of(["text.v1", "mark.v1"]), registry=REG, on_error="raise")
    with pytest.raises(LagebildError):
        pipeline.run_batch(_toy(["good", "bad"]))
