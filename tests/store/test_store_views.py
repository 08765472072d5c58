"""Document views (only some annotation kinds) keep the annotations in the order of the whole document."""

from __future__ import annotations

from typing import Any

from lagebild.model import Document, Provenance, SourceRef, Span, TextBuilder
from lagebild.stages.segment import Segmenter

PROV = Provenance("test.views.v1")


def make_doc(doc_id: str) -> Document:
    original = f"{doc_id}: Der Kreml und Kiew streiten. Berlin schweigt, Paris auch. Rom wartet, Madrid nicht."
    doc = Document(id=doc_id, original=original, source=SourceRef(f"in/{doc_id}.txt", encoding="utf-8"))
    builder = TextBuilder(original)
    builder.copy(0, len(original))
    doc.set_text(*builder.build())
    Segmenter()(doc)
    # added back to front and interleaved with another kind: the stored order is neither span nor id order
    for n, word in enumerate(reversed(["Kreml", "Kiew", "Berlin", "Paris", "Rom", "Madrid"])):
        i = doc.text.index(word)
        doc.add("entity", Span(i, i + len(word)), PROV, label="LOC", data={"norm": word})
        if n % 2:
            doc.add("claim", Span(i, i + len(word)), PROV, data={"unit": word})
    return doc


def test_views_keep_the_stored_order_of_the_whole_document(store: Any) -> None:
    ids = ["b-doc", "a-doc", "c-doc"]
    for doc_id in ids:
        store.save_document(make_doc(doc_id))
    whole = store.get_documents(ids)
    views = store.get_document_views(ids, ["claim", "entity"])
    assert list(views) == ids
    for doc_id in ids:
        doc, n = views[doc_id]
        kept = [a for a in whole[doc_id].annotations if a.kind in ("claim", "entity")]
        assert [a.id for a in doc.annotations] == [a.id for a in kept]
        assert [a.to_json() for a in doc.annotations] == [a.to_json() for a in kept]
        assert n == len(whole[doc_id].annotations) > len(kept)
        spans = [a.span.start for a in doc.annotations if a.kind == "entity"]
        assert spans != sorted(spans)  # the order asked for is the stored one, not a re-sort by span
    only_claims, _ = store.get_document_views(["a-doc"], ["claim"])["a-doc"]
    assert [a.id for a in only_claims.annotations] == [a.id for a in whole["a-doc"].annotations if a.kind == "claim"]
    assert store.get_document_views([], ["entity"]) == {}
