"""Publication-date inference for undated documents (compare stage dates.infer.v1)."""

from __future__ import annotations

from lagebild.compare.dates import infer_dates
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex


def make_doc(doc_id: str, text: str, published: str | None = None, precision: str | None = None) -> Document:
    doc = Document(id=doc_id, original=text, source=SourceRef(path=f"{doc_id}.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=DateValue(published, precision))
    return RuleTimex()(doc)


def test_relative_expression_dated_by_shared_fact() -> None:
    docs = [
        make_doc("a", "Der Präsident besuchte am 19. Juni die Hauptstadt Pjöngjang und unterzeichnete dort ein Abkommen.", "2024-06-25", "day"),
        make_doc("b", "Bei seinem Besuch in Pjöngjang unterzeichnete der Präsident am 19. Juni ein Abkommen.", "2024-06-21", "day"),
        make_doc("c", "Ganz andere Nachrichten über Fußball am 3. März.", "2024-03-04", "day"),
        make_doc("u", "Der Besuch des Präsidenten in Pjöngjang letzte Woche endete mit einem Abkommen."),
    ]
    inferred = infer_dates(docs)
    assert set(inferred) == {"u"}
    entry = inferred["u"]
    # "letzte Woche" of an event on 19 June: written in the following ISO week
    assert (entry["value"], entry["precision"], entry["inferred"]) == ("2024-06-24", "day", True)
    assert entry["range"] == ["2024-06-24", "2024-06-30"]
    assert "letzte Woche" in entry["reason"] and "19. Juni" in entry["reason"]
    assert entry["evidence"][0]["text"] == "letzte Woche"
    (ann,) = [a for a in docs[3].of_kind("timex")]
    assert entry["timex"][ann.id]["value"] == "2024-W25"  # the week of 19 June again


def test_lower_bound_from_own_dates() -> None:
    docs = [make_doc("u", "Am 3. März 2023 begann es, im Mai 2023 war es vorbei. Seither ist es ruhig.")]
    entry = infer_dates(docs)["u"]
    assert entry["value"] == "2023-05" and "cannot have been written earlier" in entry["reason"]


def test_nothing_to_go_on() -> None:
    assert infer_dates([make_doc("u", "Kein Datum, nirgends.")]) == {}
    assert infer_dates([make_doc("d", "Am 3. März.", "2024-03-04", "day")]) == {}


def test_examples_undated_article(examples_dir) -> None:
    from lagebild.ingest import read_path
    from lagebild.pipeline import Pipeline, PipelineSpec

    pipe = Pipeline(PipelineSpec.of(["clean.boilerplate.v1", "meta.headers.v1", "segment.rules.v1", "timex.rules.v1"]))
    docs = [pipe(d) for p in sorted(examples_dir.glob("*.txt")) for d in read_path(p)]
    undated = [d.id for d in docs if not d.meta.published.value]
    inferred = infer_dates(docs)
    assert set(inferred) == set(undated)
    for entry in inferred.values():
        assert entry["value"].startswith("2024-06") and entry["reason"]
