"""The timex stage on documents: payload contract, chained anchors, inconsistencies, bad input."""

from __future__ import annotations

import pickle

import pytest

from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex, document_dct, reresolve

KEYS = {"value", "granularity", "anchor", "vague", "mod", "direction"}


def make_doc(text: str, published: str | None = None, precision: str | None = None) -> Document:
    doc = Document(id="d", original=text, source=SourceRef(path="d.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta = ArticleMeta(published=DateValue(published, precision))
    return doc


def test_payload_and_anchor_ann() -> None:
    text = "Am 6. August startete die Offensive. Auch fünf Monate später hält die Ukraine ihre Stellung."
    doc = RuleTimex()(make_doc(text, "2024-11", "month"))
    timexes = doc.of_kind("timex")
    assert [a.surface for a in timexes] == ["6. August", "fünf Monate später"]
    for a in timexes:
        assert set(a.data) >= KEYS and a.label in ("DATE", "TIME", "DURATION", "SET")
    later = timexes[1]
    assert later.data["value"] == "2025-01" and later.data["anchor"] == "context"
    assert later.data["anchor_ann"] == timexes[0].id
    (inc,) = doc.of_kind("inconsistency")
    assert inc.data["refs_anns"] == [later.id, timexes[0].id]
    assert "2025-01" in inc.data["reason"] and "2024-11" in inc.data["reason"]


def test_publication_precision_is_respected() -> None:
    assert document_dct("2024-11-10T15:57:00+01:00", "minute").gran == "minute"
    assert document_dct("2024-11-10", "month").gran == "month"
    assert document_dct(None) is None and document_dct("kein Datum") is None


def test_month_precision_dct_leaves_day_expressions_unresolved() -> None:
    doc = RuleTimex()(make_doc("Am Mittwoch kam er, im Juni war er schon da.", "2024-11", "month"))
    values = {a.surface: a.data["value"] for a in doc.of_kind("timex")}
    assert values == {"Mittwoch": None, "Juni": "2024-06"}
    assert doc.of_kind("timex")[0].data["relative"]["weekday"] == 2


def test_reresolve_against_an_inferred_date() -> None:
    doc = RuleTimex()(make_doc("Putins Reise nach Nordkorea letzte Woche verdeutlichte es."))
    (ann,) = doc.of_kind("timex")
    assert ann.data["value"] is None and ann.data["relative"] == {"ref": "dct", "unit": "week", "offset": -1}
    assert reresolve(doc, "2024-06-26", "day")[ann.id]["value"] == "2024-W25"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "31.02.2024 31.13.2024 00.00.0000", "Am " * 5000, "1" * 10000, "日本語のテキスト 2024年6月",
     "Am 9999. Dezember 99999", "vor 99999999999999 Jahren", "\x00\ud7ff", "ende ende ende des des jahres jahres"],
)
def test_bad_input_never_crashes(text: str) -> None:
    doc = RuleTimex()(make_doc(text, "2024-10-25", "day"))
    for a in doc.of_kind("timex"):
        assert doc.text[a.span.start : a.span.end] == a.surface


def test_huge_text_is_capped() -> None:
    doc = RuleTimex(max_chars=1000)(make_doc("am 8. November. " * 1000, "2024-11-10", "day"))
    assert doc.of_kind("timex") and max(a.span.end for a in doc.of_kind("timex")) <= 1000


def test_stage_is_picklable_and_deterministic() -> None:
    stage = pickle.loads(pickle.dumps(RuleTimex()))
    text = "Am Mittwoch, im Juni und in der vergangenen Woche."
    a = [x.to_json() for x in stage(make_doc(text, "2024-10-25", "day")).annotations]
    b = [x.to_json() for x in stage(make_doc(text, "2024-10-25", "day")).annotations]
    assert a == b


def test_example_articles(examples_dir) -> None:
    """The expressions of the example corpus, with each article's own date (read by the meta stage)."""
    from lagebild.ingest import read_path
    from lagebild.pipeline import Pipeline, PipelineSpec

    pipe = Pipeline(PipelineSpec.of(["clean.boilerplate.v1", "meta.headers.v1", "segment.rules.v1", "timex.rules.v1"]))
    got: dict[str, dict[str, list]] = {}
    for path in sorted(examples_dir.glob("*.txt")):
        for doc in read_path(path):
            doc = pipe(doc)
            values: dict[str, list] = {}
            for a in doc.of_kind("timex"):
                values.setdefault(a.surface, []).append(a.data["value"])
            got[path.name[:3]] = values
    assert got["000"]["Oktober"] == ["2024-10"] and got["000"]["Ende des Monats"] == ["2024-10"]
    assert got["000"]["Juni"] == ["2024-06"] and got["000"]["6. August"] == ["2024-08-06"]
    assert got["000"]["fünf Monate später"] == ["2025-01"]
    assert got["001"]["Samstagabend"] == ["2024-11-09TEV"] and got["001"]["8. November"] == ["2024-11-08"]
    assert got["001"]["Jahr 2022"] == ["2022"] and got["001"]["vergangenen Oktober"] == ["2024-10"]
    assert got["001"]["Juni"] == ["2024-06", "2024-06"]
    assert got["002"]["Die kommenden Tage"] == ["PXD"]
    assert got["003"]["letzte Woche"] == [None] and got["003"]["1961"] == ["1961"] and got["003"]["Jahr 2000"] == ["2000"]
    assert got["004"]["Mittwoch"] == ["2024-10-23"] and got["004"]["Juni"] == ["2024-06"]
    assert got["004"].get("letzten Tag") == [None]
    for values in got.values():
        assert not any(k.startswith(("2 Min", "2 min", "19,65", "3.000")) for k in values)
