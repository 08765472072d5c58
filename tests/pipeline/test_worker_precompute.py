"""Work moved into the workers gives the same results as work done in the main process."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from lagebild.analyze import analyze_paths
from lagebild.compare.duplicates import Duplicates, precomputed_signatures
from lagebild.model import DateValue, Document, OffsetMap, SourceRef


def _doc(doc_id: str, text: str, date: str | None = None) -> Document:
    d = Document(doc_id, text, SourceRef(f"{doc_id}.txt"))
    d.set_text(text, OffsetMap.identity(len(text)))
    if date:
        d.meta.published = DateValue(date, "day")
    return d


def _variants(examples_dir: Path) -> list[Document]:
    """Edited, truncated and untouched copies of the example articles, plus texts too short to compare."""
    rnd = random.Random(3)
    texts = [p.read_text("utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    docs = []
    for i in range(40):
        words = texts[i % len(texts)].split()
        if i % 3 == 0:
            words = words[: max(6, int(len(words) * rnd.uniform(0.2, 1.0)))]
        elif i % 3 == 1:
            for _ in range(rnd.randint(0, 40)):
                words[rnd.randrange(len(words))] = f"w{rnd.randrange(500)}"
        docs.append(_doc(f"v{i:02d}", " ".join(words), f"2024-11-{1 + i % 9:02d}" if i % 4 else None))
    docs += [_doc("tiny", "zu kurz"), _doc("empty", ""), _doc("tiny2", "zu kurz")]
    return docs


def test_precomputed_signatures_give_the_same_links(examples_dir: Path) -> None:
    docs = _variants(examples_dir)
    stage = Duplicates()
    expected = stage.find(docs)
    assert any(link["kind"] == "near" for link in expected) and any(link["kind"] == "contained" for link in expected)
    signatures = {d.id: pickle.loads(pickle.dumps(stage.signature(d))) for d in docs}  # as from a worker
    with precomputed_signatures(signatures):
        assert stage.find(docs) == expected
        # other settings or another text: the stage computes its own signatures
        assert Duplicates(k=3, min_shingles=1).find(docs) == Duplicates(k=3, min_shingles=1).find(list(docs))
        swapped = {"v00": signatures["v01"], "v01": signatures["v00"]}
    with precomputed_signatures(swapped):
        assert stage.find(docs) == expected
    short = Duplicates(k=3, min_shingles=1)
    with precomputed_signatures({d.id: short.signature(d) for d in docs}):
        assert short.find(docs) == Duplicates(k=3, min_shingles=1).find(docs)


def test_workers_and_main_process_give_the_same_corpus(tmp_path: Path, examples_dir: Path) -> None:
    from lagebild.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    for doc in _variants(examples_dir)[:12]:
        (folder / f"{doc.id}.txt").write_text(doc.original or "-", "utf-8")
    for p in examples_dir.glob("*.txt"):
        (folder / p.name).write_text(p.read_text("utf-8"), "utf-8")
    inline = open_store(str(tmp_path / "inline.db"))
    workers = open_store(str(tmp_path / "workers.db"))
    one = analyze_paths([folder], inline, jobs=1)
    two = analyze_paths([folder], workers, jobs=2)
    assert one.corpus is not None and two.corpus is not None
    assert one.corpus.duplicates and two.corpus.to_json() == one.corpus.to_json()
    assert inline.load_corpus().to_json() == workers.load_corpus().to_json()
    hits = [sorted(h["doc"] for h in s.search("Nordkorea")) for s in (inline, workers)]
    assert hits[0] and hits[0] == hits[1]
    inline.close()
    workers.close()
