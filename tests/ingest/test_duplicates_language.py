"""Near-duplicate and containment links across documents; language per document and paragraph."""

from __future__ import annotations

from pathlib import Path

from lagebild.compare import CorpusResult
from lagebild.compare.duplicates import Duplicates, independent_groups
from lagebild.model import DateValue, Document, OffsetMap, SourceRef
from lagebild.stages.language import LanguageDetect


def _doc(doc_id: str, text: str, date: str | None = None) -> Document:
    d = Document(doc_id, text, SourceRef(f"{doc_id}.txt"))
    d.set_text(text, OffsetMap.identity(len(text)))
    if date:
        d.meta.published = DateValue(date, "day")
    return d


def test_wire_copies_truncations_and_independent_sources(examples_dir: Path) -> None:
    texts = {p.name[:3]: p.read_text("utf-8") for p in sorted(examples_dir.glob("*.txt"))}
    wire = texts["004"]
    edited = wire.replace("Nordkorea", "Nord-Korea", 2).replace("Kasan", "Kazan") + "\nMit Material von Agenturen."
    truncated = wire[: len(wire) // 3]
    docs = [
        _doc("wire", wire, "2024-10-25"),
        _doc("edited", edited, "2024-10-26"),
        _doc("short", truncated, "2024-10-25"),
        *(_doc(k, t) for k, t in texts.items() if k != "004"),
    ]
    links = Duplicates().find(docs)
    by_doc = {(link["doc"], link["of"]): link for link in links}
    assert ("edited", "wire") in by_doc and by_doc[("edited", "wire")]["kind"] == "near"
    assert ("short", "wire") in by_doc and by_doc[("short", "wire")]["kind"] == "contained"
    assert not any(link["doc"] in texts or link["of"] in texts for link in links)  # different articles stay apart
    groups = independent_groups(CorpusResult(duplicates=links), [d.id for d in docs])
    assert groups["wire"] == groups["edited"] == groups["short"]
    assert len(set(groups.values())) == 1 + 4


def test_duplicates_on_tiny_or_empty_corpus() -> None:
    assert Duplicates().find([]) == []
    assert Duplicates().find([_doc("a", ""), _doc("b", "x")]) == []


def test_language_marks_documents_and_mixed_paragraphs() -> None:
    de = "Die Regierung hat am Montag ein neues Gesetz beschlossen, das im kommenden Jahr in Kraft treten soll."
    en = "The government passed a new law on Monday which is expected to take effect next year, officials said."
    doc = LanguageDetect()(_doc("mixed", "\n\n".join([de, de, en, de])))
    assert doc.meta.language == "de"
    marks = doc.of_kind("language")
    assert [a.label for a in marks] == ["en"] and doc.text[marks[0].span.start : marks[0].span.end] == en
    english = LanguageDetect()(_doc("en", en))
    assert english.meta.language == "en"  # stored and marked, never dropped
    empty = LanguageDetect()(_doc("empty", "1234 ---"))
    assert empty.meta.language is None
