"""A small hand-built corpus: documents with every annotation kind and a CorpusResult by the contract.

The cross-source stages are written in parallel; this corpus exercises the timeline, claim
group, coverage and entity pages with data shaped exactly like ``docs/annotations.md`` and the
CorpusResult contract in ``lagebild/compare/__init__.py``. One article carries script
injections to prove article text is never executed.
"""

from __future__ import annotations

from typing import Any

from lagebild.compare import CorpusResult
from lagebild.model import ArticleMeta, DateValue, Document, OffsetMap, Provenance, SourceRef, Span, TextBuilder
from lagebild.stages.segment import Segmenter

PROV = Provenance("test.handmade.v1")

XSS_TITLE = 'Streik <script>window.__xss = "title"</script>'
XSS_BODY = (
    "Die Gewerkschaft meldet Probleme. <script>window.__xss = 1</script> Danach folgt ein Bild "
    '<img src=x onerror="window.__xss = 2"> und ein Link <a href="javascript:window.__xss=3">klick</a>.\n'
    "Rund 500 Beschäftigte streikten am 9. März in Köln."
)

TEXTS = {
    "a-tagblatt": (
        "GDL ruft zum Bahnstreik auf\n"
        "Vorspann, der beim Bereinigen wegfällt.\n"
        "Die Gewerkschaft GDL hat am 7. März 2024 einen Streik im Fernverkehr begonnen. "
        "GDL-Chef Claus Weselsky sagte: „Wir lassen uns nicht erpressen.“ "
        "Nach Angaben der Deutschen Bahn fallen rund 80 Prozent der Fernzüge aus. "
        "Rund 10.000 Beschäftigte legten in Berlin die Arbeit nieder."
    ),
    "b-abendpost": (
        "Streik legt Fernverkehr lahm\n"
        "Der Streik der GDL begann am 8. März 2024. "
        "Weselsky sagte, die Bahn müsse sich bewegen. "
        "Die Deutsche Bahn erklärte, etwa 90 Prozent der Fernzüge fielen aus. "
        "Nach Angaben der GDL streikten am Freitag rund 25.000 Beschäftigte."
    ),
    "c-wire": (
        "Bahnstreik: Einigung in Sicht\n"
        "Am 12. März 2024 verkündeten GDL und Deutsche Bahn eine Einigung in Berlin. "
        "Claus Weselsky sprach von einem „wichtigen Schritt“."
    ),
}
META = {
    "a-tagblatt": ("GDL ruft zum Bahnstreik auf", "Tagblatt", "2024-03-07"),
    "b-abendpost": ("Streik legt Fernverkehr lahm", "Abendpost", "2024-03-08"),
    "c-wire": ("Bahnstreik: Einigung in Sicht", "Wire", "2024-03-12"),
    "x-injection": (XSS_TITLE, 'Böse"><script>window.__xss="outlet"</script>', "2024-03-09"),
}


def _doc(doc_id: str, original: str, *, drop_line: int | None = None) -> Document:
    title, outlet, published = META[doc_id]
    doc = Document(
        id=doc_id,
        original=original,
        source=SourceRef(f"handmade/{doc_id}.txt"),
        meta=ArticleMeta(title=title, outlet=outlet, published=DateValue(published, "day"), language="de"),
    )
    if drop_line is None:
        doc.set_text(original, OffsetMap.identity(len(original)))
    else:
        # Drop one line so cleaned and original offsets differ (links must map them back).
        lines = original.split("\n")
        builder = TextBuilder(original)
        pos = 0
        for i, line in enumerate(lines):
            if i != drop_line:
                builder.copy(pos, pos + len(line) + (1 if i < len(lines) - 1 else 0))
            pos += len(line) + 1
        doc.set_text(*builder.build())
    Segmenter()(doc)
    return doc


def _find(doc: Document, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return Span(start, start + len(needle))


def _ent(doc: Document, needle: str, label: str, norm: str, nth: int = 0) -> str:
    return doc.add("entity", _find(doc, needle, nth), PROV, label=label, data={"norm": norm, "form": "name"}).id


def build_documents() -> dict[str, Document]:
    """Return the four hand-annotated documents (ids ``a-tagblatt``, ``b-abendpost``, ``c-wire``, ``x-injection``)."""
    a = _doc("a-tagblatt", TEXTS["a-tagblatt"], drop_line=1)
    gdl = _ent(a, "GDL", "ORG", "GDL", 1)
    _ent(a, "GDL", "ORG", "GDL", 2)
    wes = _ent(a, "Claus Weselsky", "PER", "Claus Weselsky")
    db = _ent(a, "Deutschen Bahn", "ORG", "Deutsche Bahn")
    _ent(a, "Berlin", "LOC", "Berlin")
    t1 = a.add("timex", _find(a, "am 7. März 2024"), PROV, label="DATE", data={"value": "2024-03-07", "granularity": "day", "anchor": "none"}).id
    a.add("quote", _find(a, "„Wir lassen uns nicht erpressen.“"), PROV, label="direct",
          data={"speaker_text": "Claus Weselsky", "speaker_ann": wes, "cue": "sagte", "mood": "indicative"})
    a.add("claim", _find(a, "rund 80 Prozent der Fernzüge"), PROV, label="numeric",
          data={"value": 80, "low": 75, "high": 85, "value_text": "rund 80 Prozent", "unit": "percent", "hedge": "rund",
                "claimant_text": "Deutsche Bahn", "claimant_ann": db, "subject": "ausgefallene Fernzüge", "ref_time": "2024-03-07"})
    a.add("claim", _find(a, "Rund 10.000 Beschäftigte"), PROV, label="numeric",
          data={"value": 10000, "value_text": "Rund 10.000", "unit": "persons", "subject": "Streikende", "ref_time": "2024-03-07"})
    a.add("event", _find(a, "einen Streik im Fernverkehr begonnen"), PROV, label="strike",
          data={"trigger": "Streik", "agent_anns": [gdl], "time_ann": t1, "date": {"value": "2024-03-07", "granularity": "day"}})

    b = _doc("b-abendpost", TEXTS["b-abendpost"])
    _ent(b, "GDL", "ORG", "GDL")
    wes_b = _ent(b, "Weselsky", "PER", "Claus Weselsky")
    db_b = _ent(b, "Deutsche Bahn", "ORG", "Deutsche Bahn")
    gdl_b2 = _ent(b, "GDL", "ORG", "GDL", 1)
    b.add("timex", _find(b, "am 8. März 2024"), PROV, label="DATE", data={"value": "2024-03-08", "granularity": "day"})
    b.add("timex", _find(b, "am Freitag"), PROV, label="DATE", data={"value": "2024-03-08", "granularity": "day", "anchor": "dct"})
    b.add("quote", _find(b, "die Bahn müsse sich bewegen"), PROV, label="indirect",
          data={"speaker_text": "Weselsky", "speaker_ann": wes_b, "cue": "sagte", "mood": "konjunktiv"})
    b.add("claim", _find(b, "etwa 90 Prozent der Fernzüge"), PROV, label="numeric",
          data={"value": 90, "value_text": "etwa 90 Prozent", "unit": "percent", "claimant_text": "Die Deutsche Bahn",
                "claimant_ann": db_b, "subject": "ausgefallene Fernzüge", "ref_time": "2024-03-08"})
    b.add("claim", _find(b, "rund 25.000 Beschäftigte"), PROV, label="numeric",
          data={"value": 25000, "value_text": "rund 25.000", "unit": "persons", "claimant_text": "GDL", "claimant_ann": gdl_b2,
                "subject": "Streikende", "ref_time": "2024-03-08"})
    b.add("event", _find(b, "Der Streik der GDL begann"), PROV, label="strike", data={"trigger": "Streik", "date": {"value": "2024-03-08"}})

    c = _doc("c-wire", TEXTS["c-wire"])
    _ent(c, "GDL", "ORG", "GDL")
    _ent(c, "Deutsche Bahn", "ORG", "Deutsche Bahn")
    _ent(c, "Berlin", "LOC", "Berlin")
    wes_c = _ent(c, "Claus Weselsky", "PER", "Claus Weselsky")
    c.add("timex", _find(c, "Am 12. März 2024"), PROV, label="DATE", data={"value": "2024-03-12", "granularity": "day"})
    c.add("quote", _find(c, "„wichtigen Schritt“"), PROV, label="direct", data={"speaker_text": "Claus Weselsky", "speaker_ann": wes_c})
    c.add("event", _find(c, "verkündeten GDL und Deutsche Bahn eine Einigung"), PROV, label="agree", data={"trigger": "Einigung"})

    x = _doc("x-injection", XSS_BODY)
    x.add("entity", _find(x, "<script>window.__xss = 1</script>"), PROV, label="ORG", data={"norm": "<script>window.__xss=4</script>"})
    x.add("entity", _find(x, "Gewerkschaft"), PROV, label="ORG", data={"norm": "Gewerkschaft"})
    x.add("claim", _find(x, "Rund 500 Beschäftigte"), PROV, label="numeric",
          data={"value": 500, "value_text": "Rund 500", "unit": "persons", "claimant_text": '<img src=x onerror="window.__xss=5">'})
    x.add("timex", _find(x, "am 9. März"), PROV, label="DATE", data={"value": "2024-03-09", "granularity": "day"})
    return {d.id: d for d in (a, b, c, x)}


def _span(doc: Document, ann_id: str) -> dict[str, Any]:
    ann = doc.get(ann_id)
    assert ann is not None, ann_id
    return doc.span_json(ann.span)


def _claim(doc: Document, ann_id: str) -> dict[str, Any]:
    ann = doc.get(ann_id)
    assert ann is not None
    d = ann.data
    return {"id": f"{doc.id}#{ann.id}", **doc.span_json(ann.span), "value": d.get("value"), "low": d.get("low"),
            "high": d.get("high"), "value_text": d.get("value_text"), "claimant": d.get("claimant_text"), "ref_time": d.get("ref_time")}


def build_corpus(docs: dict[str, Document]) -> CorpusResult:
    """Return a CorpusResult for ``build_documents()`` as the cross-source stages are specified to fill it."""
    entities: dict[str, dict[str, Any]] = {}
    mention_entity: dict[str, str] = {}
    for doc in docs.values():
        for ann in doc.of_kind("entity"):
            if doc.id == "x-injection" and ann.data["norm"] == "Gewerkschaft":
                ent_id, name = "org-gewerkschaft", "Gewerkschaft"
            elif doc.id == "x-injection":
                ent_id = "org-injection"
                name = ann.data["norm"]
            else:
                ent_id = {"GDL": "org-gdl", "Claus Weselsky": "per-claus-weselsky", "Deutsche Bahn": "org-deutsche-bahn",
                          "Berlin": "loc-berlin"}[ann.data["norm"]]
                name = ann.data["norm"]
            ent = entities.setdefault(ent_id, {"id": ent_id, "name": name, "type": ann.label, "aliases": [], "roles": [],
                                               "kb": None, "wikidata": None, "mentions": []})
            span = doc.span_json(ann.span)
            ent["mentions"].append({**span, "ann": ann.id})
            if span["text"] != name and span["text"] not in ent["aliases"]:
                ent["aliases"].append(span["text"])
            mention_entity[f"{doc.id}#{ann.id}"] = ent_id
    entities["per-claus-weselsky"]["roles"] = ["GDL-Chef"]
    # a name the resolution left unassigned: the GDL of the corpus or a union the KB knows
    entities["org-gewerkschaft"]["kb_candidates"] = ["org-gdl", "kb:verdi"]
    a, b, c, x = docs["a-tagblatt"], docs["b-abendpost"], docs["c-wire"], docs["x-injection"]

    def ann_of(doc: Document, kind: str, nth: int = 0) -> str:
        return doc.of_kind(kind)[nth].id

    strike_a = {**_span(a, ann_of(a, "event")), "date": "2024-03-07"}
    strike_b = {**_span(b, ann_of(b, "event")), "date": "2024-03-08"}
    deal_c = {**_span(c, ann_of(c, "event")), "date": "2024-03-12"}
    events = [
        {"id": "ev-strike", "type": "strike", "label": "GDL beginnt Streik im Fernverkehr", "participants": ["org-gdl"],
         "date": {"value": "2024-03-07", "granularity": "day"},
         "dates": [{"value": "2024-03-07", "granularity": "day", "sources": ["a-tagblatt"]},
                   {"value": "2024-03-08", "granularity": "day", "sources": ["b-abendpost"]}],
         "sources": ["a-tagblatt", "b-abendpost"], "independent_sources": 2, "mentions": [strike_a, strike_b], "conflict": True},
        {"id": "ev-deal", "type": "agree", "label": "GDL und Deutsche Bahn einigen sich",
         "participants": ["org-gdl", "org-deutsche-bahn"], "date": {"value": "2024-03-12", "granularity": "day"},
         "dates": [{"value": "2024-03-12", "granularity": "day", "sources": ["c-wire"]}],
         "sources": ["c-wire"], "independent_sources": 1, "mentions": [deal_c], "conflict": False},
    ]
    timeline = [
        {"event": "ev-strike", "date": "2024-03-07", "granularity": "day", "label": events[0]["label"],
         "sources": ["a-tagblatt", "b-abendpost"], "evidence": [strike_a, strike_b], "conflict": True},
        {"event": "ev-deal", "date": "2024-03-12", "granularity": "day", "label": events[1]["label"], "sources": ["c-wire"],
         "evidence": [deal_c], "conflict": False},
    ]
    claim_groups = [
        {"id": "cg-fernzuege", "subject": "ausgefallene Fernzüge", "unit": "percent", "relation": "contradicted",
         "reasoning": "80 % (Deutsche Bahn, 7. März) und 90 % (Deutsche Bahn, 8. März) für denselben Streiktag.",
         "claims": [_claim(a, a.of_kind("claim")[0].id), _claim(b, b.of_kind("claim")[0].id)], "independent_sources": 2},
        {"id": "cg-streikende", "subject": "Streikende", "unit": "persons", "relation": "updated",
         "reasoning": "10.000 am 7. März, 25.000 am 8. März: eine spätere Zahl, kein Widerspruch.",
         "claims": [_claim(a, a.of_kind("claim")[1].id), _claim(b, b.of_kind("claim")[1].id)], "independent_sources": 2},
        {"id": "cg-injection", "subject": '<script>window.__xss="cg"</script>', "unit": "persons", "relation": "single",
         "reasoning": '<img src=x onerror="window.__xss=6">', "claims": [_claim(x, x.of_kind("claim")[0].id)], "independent_sources": 1},
    ]
    stories = [
        {"id": "story-bahnstreik", "label": "Bahnstreik der GDL", "members": [
            {"doc": "a-tagblatt", "confidence": 0.97}, {"doc": "b-abendpost", "confidence": 0.93}, {"doc": "c-wire", "confidence": 0.88}],
         "independent_sources": 3},
        {"id": "story-injection", "label": '<script>window.__xss="story"</script>', "members": [{"doc": "x-injection", "confidence": 1.0}],
         "independent_sources": 1},
    ]
    inconsistencies = [
        {"id": "inc-strike-date", "kind": "event_date", "reason": "Der Streikbeginn wird auf den 7. und den 8. März datiert.",
         "spans": [strike_a, strike_b]},
    ]
    coverage = {
        "sources": [
            {"doc": "a-tagblatt", "title": META["a-tagblatt"][0], "copy_group": "a-tagblatt", "events": ["ev-strike"],
             "claim_groups": ["cg-fernzuege", "cg-streikende"], "only_here": []},
            {"doc": "b-abendpost", "title": META["b-abendpost"][0], "copy_group": "b-abendpost", "events": ["ev-strike"],
             "claim_groups": ["cg-fernzuege", "cg-streikende"], "only_here": []},
            {"doc": "c-wire", "title": META["c-wire"][0], "copy_group": "c-wire", "events": ["ev-deal"], "claim_groups": [],
             "only_here": ["ev-deal"]},
        ],
        "single_source": ["ev-deal"],
    }
    return CorpusResult(entities=list(entities.values()), mention_entity=mention_entity, stories=stories, events=events,
                        timeline=timeline, claim_groups=claim_groups, coverage=coverage, inconsistencies=inconsistencies,
                        duplicates=[], inferred_dates={})


def fill_store(store: Any) -> tuple[dict[str, Document], CorpusResult]:
    """Save the hand-built documents and corpus result into ``store``."""
    docs = build_documents()
    for doc in docs.values():
        store.save_document(doc)
    corpus = build_corpus(docs)
    store.save_corpus(corpus)
    return docs, corpus
