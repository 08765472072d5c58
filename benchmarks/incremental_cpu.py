"""CPU seconds of the cross-source phase of an incremental run, against recomputing everything and against the new articles alone.

Process CPU time (not wall time), so the figures survive a loaded machine. Takes a store that
holds a corpus and an increment (e.g. one ``benchmarks/scale.py --keep DIR`` left behind) and the
smallest id of the increment's documents; in a work folder it rebuilds the store without the
increment (every story computed and stored), adds the increment and times ``compare_and_save``
with stored story results and signatures reused and the stored documents read as views (whole
documents only for the recomputed stories and the new documents; "load" is reading the views),
then the same with
nothing reused (``reuse=False``: stories clustered anew, every document searched for copies, every
story recomputed, as a first run does), then the increment alone. Incremental runs assign new
articles to the stored stories, so the two pictures can differ in story ids and in which story an
article joins: the script says how many one-shot stories the incremental run has as well.

Each measured run (incremental, alone) is repeated (``REPEATS``, default 3) on a fresh copy and the
smallest CPU time is compared.

Usage: .venv/bin/python benchmarks/scale.py --sizes 2000 --incremental 200 --keep /tmp/scale
       .venv/bin/python benchmarks/incremental_cpu.py /tmp/scale/s2000.db a0002000 /tmp/scale/cpu [REPEATS]
       (with ``--fresh`` the increment's ids start with ``b``: pass ``b``)
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lagebild.analyze import compare_and_save, corpus_documents
from lagebild.compare.duplicates import Duplicates, Signature
from lagebild.store import open_store

T = TypeVar("T")


def cpu_of(fn: Callable[[], T]) -> tuple[T, float]:
    t = time.process_time()
    out = fn()
    return out, time.process_time() - t


def remove_db(path: Path) -> None:
    for ext in ("", "-wal", "-shm"):
        Path(str(path) + ext).unlink(missing_ok=True)


def copy_db(src: Path, dst: Path) -> None:
    remove_db(dst)
    for ext in ("", "-wal", "-shm"):
        if Path(str(src) + ext).exists():
            shutil.copy(str(src) + ext, str(dst) + ext)


def stages(cpu: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 1) for k, v in cpu.items() if v >= 0.05 and not k.startswith("stories ")}


def _partition(result: Any) -> set[frozenset[str]]:
    """The stories as sets of articles (an incremental run keeps a grown story's first id)."""
    return {frozenset(str(m.get("doc")) for m in s.get("members") or []) for s in result.stories}


def main() -> None:
    src, first_new, work = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    full = work / "full.db"
    copy_db(src, full)
    st = open_store(str(full))
    new_ids = [i for i in st.document_ids() if i >= first_new]
    new_docs = st.get_documents(new_ids)
    sigs = {i: Signature.from_row(r) for i, r in st.signatures(new_ids)}
    if len(sigs) < len(new_ids):  # a store written before signatures were kept: as the workers would
        dup = Duplicates()
        sigs = {i: dup.signature(doc) for i, doc in new_docs.items()}
    st.close()

    base = work / "base.db"  # the corpus without the increment, every story computed and stored
    copy_db(full, base)
    b = open_store(str(base))
    with b.db:  # type: ignore[attr-defined]
        b.db.execute("DELETE FROM documents WHERE id >= ?", (first_new,))  # type: ignore[attr-defined]
    docs = corpus_documents(b)
    _, t_base = cpu_of(lambda: compare_and_save(b, docs, reuse=False))
    print(f"stored corpus: {len(docs)} documents, cross-source {t_base:.1f} CPU s", flush=True)
    b.close()

    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    # CPU time on a shared machine still varies by tens of percent: each measured run is repeated on
    # a fresh copy and the smallest figure is reported (the others printed too)
    runs = []
    for k in range(repeats):
        inc = work / f"inc{k}.db"  # the increment added, compared as `lagebild analyze` does
        copy_db(base, inc)
        s = open_store(str(inc))
        s.save_documents(list(new_docs.values()))
        s.save_signatures([(i, sig.to_row()) for i, sig in sigs.items()])
        cpu: dict[str, Any] = defaultdict(float)
        # as `lagebild analyze` does without documents in hand: stored documents read as views, whole only where needed
        now, t_inc = cpu_of(lambda s=s, cpu=cpu: compare_and_save(s, None, timings=cpu, signatures=sigs))
        print(f"+{len(new_ids)} incremental: {t_inc:.1f} CPU s (load {cpu['load']:.1f}); stories recomputed "
              f"{cpu['stories recomputed']:.0f} of {cpu['stories recomputed'] + cpu['stories reused']:.0f}; {stages(cpu)}", flush=True)
        runs.append(t_inc)
        if k < repeats - 1:
            s.close()
    docs2, t_load = cpu_of(lambda s=s: corpus_documents(s))
    with s.db:  # type: ignore[attr-defined]
        s.db.execute("DELETE FROM doc_signatures")  # type: ignore[attr-defined]
    cpu0: dict[str, Any] = defaultdict(float)
    old, t_old = cpu_of(lambda: compare_and_save(s, docs2, timings=cpu0, reuse=False, signatures=sigs))
    print(f"everything recomputed: load {t_load:.1f} + cross-source {t_old:.1f} CPU s; {stages(cpu0)}", flush=True)
    print("same picture:", now.to_json() == old.to_json(), "; same stories (members):", _partition(now) == _partition(old),
          f"({len(_partition(now) & _partition(old))} of {len(_partition(old))} one-shot stories also in the incremental run)",
          flush=True)
    s.close()

    alone = []
    for k in range(repeats):
        remove_db(work / f"alone{k}.db")
        a = open_store(str(work / f"alone{k}.db"))  # the increment alone
        a.save_documents(list(new_docs.values()))
        docs3 = corpus_documents(a)
        _, t_alone = cpu_of(lambda a=a, docs3=docs3: compare_and_save(a, docs3, reuse=False, signatures=sigs))
        print(f"alone: {len(docs3)} documents, cross-source {t_alone:.1f} CPU s", flush=True)
        alone.append(t_alone)
        a.close()
    print(f"incremental / alone (smallest of {repeats} each): {min(runs):.1f} / {min(alone):.1f} CPU s = {min(runs) / min(alone):.1f}x; "
          f"everything recomputed / alone: {(t_load + t_old) / min(alone):.1f}x")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
