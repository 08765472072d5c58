"""The shipped tagger + KB + resolution on the example corpus, other text, and bad input."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.entities import EntityResolver
from lagebild.model import Document, OffsetMap, SourceRef
from lagebild.stages.entities import EntityTagger
from lagebild.stages.segment import Segmenter


def make_doc(doc_id: str, text: str) -> Document:
    d = Document(id=doc_id, original=text, source=SourceRef(doc_id), text=text, offsets=OffsetMap.identity(len(text)))
    Segmenter()(d)
    return EntityTagger()(d)


def resolve(docs: list[Document], corrections: list[dict[str, Any]] | None = None) -> CorpusResult:
    ctx = CorpusContext(docs=docs, result=CorpusResult(), corrections=corrections or [])
    EntityResolver()(ctx)
    return ctx.result


@pytest.fixture(scope="module")
def example_docs(examples_dir) -> list[Document]:  # type: ignore[no-untyped-def]
    return [make_doc(p.stem[:3], p.read_text("utf-8")) for p in sorted(examples_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def example_result(example_docs: list[Document]) -> CorpusResult:
    return resolve(example_docs)


def entity_of(result: CorpusResult, surface: str) -> Iterator[str]:
    """Ids of the entities that have a mention with exactly this text."""
    return iter({e["id"] for e in result.entities for m in e["mentions"] if m["text"] == surface})


PEOPLE = {
    "Putin": ["Wladimir Putin", "Putin", "Kreml-Chef"],
    "Kim Jong Un": ["Kim Jong-un", "Kim Jong Un"],
    "Lloyd Austin": ["Lloyd Austin"], "John Kirby": ["John Kirby"], "Yoon Suk Yeol": ["Yoon Suk Yeol"],
    "Kim Yong Hyun": ["Kim Yong Hyun"], "Cho Tae Yul": ["Cho Tae Yul"], "Leonid Sluzki": ["Leonid Sluzki"],
    "Maria Sacharowa": ["Maria Sacharowa"], "Andrzej Duda": ["Andrzej Duda"], "Rutte": ["Rutte"],
    "Selenskyj": ["Selenskyj"], "Joe Biden": ["Joe Biden"], "Donald Trump": ["Donald Trump"],
}


def test_every_person_is_one_entity(example_result: CorpusResult) -> None:
    for person, surfaces in PEOPLE.items():
        ids = {i for s in surfaces for i in entity_of(example_result, s)}
        assert len(ids) == 1, (person, ids)
        ent = next(e for e in example_result.entities if e["id"] in ids)
        assert ent["type"] == "PER", (person, ent["type"])
    kim_jong_un = {i for s in ("Kim Jong-un", "Kim Jong Un") for i in entity_of(example_result, s)}
    kim_yong_hyun = set(entity_of(example_result, "Kim Yong Hyun"))
    assert kim_jong_un != kim_yong_hyun


def test_putin_in_all_forms(example_result: CorpusResult) -> None:
    (pid,) = set(entity_of(example_result, "Wladimir Putin"))
    putin = next(e for e in example_result.entities if e["id"] == pid)
    texts = {m["text"] for m in putin["mentions"]}
    assert {"Putin", "Wladimir Putin", "Kreml-Chef"} <= texts
    assert any(t.startswith("Putins") or t == "Putins" for t in texts) or "Putins" in putin["aliases"]
    assert any("Kremlchef" in r for r in putin["roles"])


def test_organisations_and_agencies(example_result: CorpusResult) -> None:
    ids = {e["id"]: e for e in example_result.entities}
    for kb_id in ("kb:yonhap", "kb:kcna", "kb:nato", "kb:g7", "kb:duma", "kb:eu", "kb:un"):
        assert kb_id in ids, kb_id
        assert ids[kb_id]["type"] == "ORG"


def test_north_korea_in_all_forms(example_result: CorpusResult) -> None:
    nk = next(e for e in example_result.entities if e["id"] == "kb:nordkorea")
    texts = {m["text"] for m in nk["mentions"]}
    assert {"Nordkorea", "Nordkoreas", "nordkoreanische", "Pjöngjang"} <= texts
    assert nk["wikidata"] == "Q423"
    # "im Juni in Pjöngjang unterzeichnet" is the city, "zwischen Moskau und Pjöngjang" the state.
    city = next(e for e in example_result.entities if e["id"] == "kb:city:pjoengjang")
    assert city["type"] == "LOC" and city["mentions"]


def test_mention_links_and_offsets(example_docs: list[Document], example_result: CorpusResult) -> None:
    originals = {d.id: d.original for d in example_docs}
    for ent in example_result.entities:
        for m in ent["mentions"]:
            assert originals[m["doc"]][m["start"] : m["end"]] == m["text"]
            assert example_result.mention_entity[f"{m['doc']}#{m['ann']}"] == ent["id"]
    again = resolve(example_docs)
    assert [e["id"] for e in again.entities] == [e["id"] for e in example_result.entities]


def test_role_annotations_keep_the_role(example_docs: list[Document]) -> None:
    anns = [a for d in example_docs for a in d.of_kind("entity")]
    austin = next(a for a in anns if a.surface == "Lloyd Austin")
    assert austin.data["role"] == "US-Verteidigungsminister" and austin.data["form"] == "name"
    _start, end = austin.data["role_span"]
    assert end <= austin.span.start
    sacharowa = next(a for a in anns if a.surface == "Maria Sacharowa")
    assert sacharowa.data["role"] == "Außenministeriumssprecherin"
    adj = next(a for a in anns if a.surface == "südkoreanischem")
    assert adj.label == "LOC" and adj.data["form"] == "adjective" and adj.data["kb"] == "suedkorea"


def test_other_text_roles_come_from_the_text() -> None:
    a = make_doc("x1", "Frankreichs Präsident Emmanuel Macron empfing am Montag in Paris die Delegation. "
                       "Macron sagte, Paris werde nicht nachgeben.")
    b = make_doc("x2", "Der französische Präsident kritisierte die Entscheidung. "
                       "Auch Finnlands Regierungschefin Sanna Marin äußerte sich.")
    result = resolve([a, b])
    macron = next(e for e in result.entities if e["name"] == "Emmanuel Macron")
    texts = [m["text"] for m in macron["mentions"]]
    assert "Macron" in texts and "französische Präsident" in texts
    marin = [a_ for a_ in b.of_kind("entity") if a_.label == "PER" and a_.surface.startswith("Sanna")]
    assert marin and marin[0].data["role"] == "Finnlands Regierungschefin"
    assert marin[0].data["role_key"] == "finnland regierungschef"
    paris = [a_ for a_ in a.of_kind("entity") if a_.surface == "Paris"]
    assert [p.data.get("form") for p in paris] == ["name", "metonym"]  # "in Paris" vs "Paris werde"


def test_corrections_apply_on_recompute(example_docs: list[Document], example_result: CorpusResult) -> None:
    (rutte,) = set(entity_of(example_result, "Rutte"))
    result = resolve(example_docs, [
        {"action": "rename", "entity": rutte, "name": "Mark Rutte"},
        {"action": "merge", "entities": ["Joe Biden", "Donald Trump"]},
    ])
    names = {e["id"]: e["name"] for e in result.entities}
    assert names[rutte] == "Mark Rutte"
    assert not any(e["name"] == "Donald Trump" for e in result.entities)


@pytest.mark.parametrize("text", [
    "", "   \n\n  ", "?!… ---", "Москва и Пхеньян подписали договор. Путин прибыл в Пхеньян.",
    "北朝鮮とロシアは条約に署名した。", "The treaty was signed by Vladimir Putin in Pyongyang, AP reported.",
    "a" * 5000, "Putin " * 3000,
])
def test_bad_input_never_crashes(text: str) -> None:
    d = make_doc("bad", text)
    for ann in d.of_kind("entity"):
        assert 0 <= ann.span.start < ann.span.end <= len(text)
    resolve([d])


def test_large_document_is_tagged(examples_dir) -> None:  # type: ignore[no-untyped-def]
    base = " ".join(p.read_text("utf-8") for p in sorted(examples_dir.glob("*.txt")))
    text = (base + "\n") * 8  # ~25,000 words
    started = time.perf_counter()
    d = make_doc("big", text)
    assert len(d.of_kind("entity")) > 1000
    assert time.perf_counter() - started < 120


def test_unsegmented_long_line_is_chunked() -> None:
    """Without a segmenter and without line breaks the stage still tags (linear chunking)."""
    text = "Kanzler Olaf Scholz traf in Berlin den NATO-Generalsekretär und sprach über Russland " * 400
    d = Document(id="line", original=text, source=SourceRef("x"), text=text, offsets=OffsetMap.identity(len(text)))
    EntityTagger()(d)
    assert sum(1 for a in d.of_kind("entity") if a.surface == "Olaf Scholz") > 300


@pytest.mark.slow
def test_hundred_thousand_words() -> None:
    words = ("Die Regierung in Berlin und Kanzler Olaf Scholz beraten mit der NATO über Russland . " * 7000).split()
    text = "\n".join(" ".join(words[i : i + 60]) for i in range(0, 100_000, 60))
    d = Document(id="huge", original=text, source=SourceRef("x"), text=text, offsets=OffsetMap.identity(len(text)))
    EntityTagger()(d)  # no segmenter: the stage's own linear chunking
    assert len(d.of_kind("entity")) > 10_000


def _outlet_doc(doc_id: str, text: str, outlet: str | None) -> Document:
    d = Document(id=doc_id, original=text, source=SourceRef(doc_id), text=text, offsets=OffsetMap.identity(len(text)))
    d.meta.outlet = outlet
    Segmenter()(d)
    return EntityTagger()(d)


def test_other_text_spelling_variants_places_and_parties_with_the_shipped_tagger() -> None:
    """The shipped tagger, KB and resolution on invented reports of two outlets (no story of the corpus)."""
    a = _outlet_doc("v1", "Der türkische Präsident Recep Tayyip Erdoğan empfing in Ankara den Bürgermeister von "
                          "Kahramanmaraş. Wie die Deutsche Presse-Agentur meldet, telefonierte Friedrich Merz mit "
                          "Reiner Haseloff. Im Bundestag stimmten CDU, SPD und die Grünen dafür.", "example.de")
    b = _outlet_doc("v2", "Erdogan eröffnete in Kahramanmaras eine Fabrik. Friederich Merz und Reiner Erich Haseloff "
                          "sprachen in Magdala, meldet dpa. Türkiye sei bereit, sagte ein Sprecher. Wien warnt Brüssel, "
                          "der Wiener Bürgermeister eröffnete in Wien eine Schule. Im Nationalrat stimmten ÖVP, SPÖ und "
                          "die Grünen dagegen.", "example.at")
    result = resolve([a, b])
    by_text: dict[tuple[str, str], str] = {(m["doc"], m["text"]): e["id"] for e in result.entities for m in e["mentions"]}
    for x, y in (("Recep Tayyip Erdoğan", "Erdogan"), ("Kahramanmaraş", "Kahramanmaras"), ("Friedrich Merz", "Friederich Merz"),
                 ("Reiner Haseloff", "Reiner Erich Haseloff"), ("Deutsche Presse-Agentur", "dpa")):
        assert by_text[("v1", x)] == by_text[("v2", y)], (x, y)
    types = {e["id"]: e["type"] for e in result.entities}
    assert types[by_text[("v2", "Türkiye")]] == "LOC"
    # the capital acting is the state, the city named as a place is the city; parties follow each text's country
    wien = {e["id"] for e in result.entities for m in e["mentions"] if m["text"] == "Wien"}
    assert wien == {"kb:oesterreich", "kb:city:wien"}
    assert by_text[("v1", "Grünen")] == "kb:gruene" and by_text[("v2", "Grünen")] == "kb:gruene-at"
