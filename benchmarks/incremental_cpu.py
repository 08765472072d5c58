"""CPU seconds of `lagebild analyze` adding articles to a stored corpus, against the new articles alone.

Each measured run is what `lagebild analyze FOLDER --db DB -j 1` does before export and report: the
same call (``analyze_paths``), in this process (one job: the per-document pipeline runs here too, so
process CPU time, not wall time, covers the whole run and survives a loaded machine). The
cross-source part (``compare_and_save`` as ``analyze_paths`` calls it) is timed inside the same run, and
the export and the report the command writes after it (``write_outputs``) after the run.

Takes the folder and store ``benchmarks/scale.py --keep DIR`` leaves behind (the store holds the
corpus and the increment, the folder their files) and the smallest id of the increment's documents.
In a work folder it makes the store without the increment (its documents deleted, the picture
recomputed and stored), then times, on fresh copies of it:

- incremental: ``analyze_paths([FOLDER])``: every file read, the stored ones skipped, the increment
  analysed and the picture updated with stored story results and signatures reused;
- everything recomputed: the same with ``recompute=True`` (`lagebild analyze --recompute`);
- alone: ``analyze_paths`` on the increment's files (scale.py's ``alone-K`` folder) into an empty store.

Incremental runs assign new articles to the stored stories, so the pictures can differ in story ids
and in which story an article joins: the script says how many one-shot stories the incremental run
has as well. The incremental and alone runs are repeated (``REPEATS``, default 3) and the smallest
CPU time is compared (the others printed too).

Usage: .venv/bin/python benchmarks/scale.py --sizes 2000 --incremental 200 --keep /tmp/scale
       .venv/bin/python benchmarks/incremental_cpu.py /tmp/scale a0002000 /tmp/scale/cpu [REPEATS]
       (the store /tmp/scale/s2000.db, the folders /tmp/scale/in-2000 and /tmp/scale/alone-200;
       with ``--fresh`` the increment's ids start with ``b``: pass ``b``)
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lagebild.analyze as analyze
from lagebild.analyze import RunReport, analyze_paths, compare_and_save, corpus_documents, write_outputs
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


#: CPU of the cross-source part of the current run: ``analyze_paths`` calls the module's ``compare_and_save``
_cross: list[float] = []


def _timed_compare(*args: Any, **kwargs: Any) -> Any:
    out, t = cpu_of(lambda: compare_and_save(*args, **kwargs))
    _cross.append(t)
    return out


#: CPU of writing the export and the report after each run (``write_outputs``, as the command does), by run
_outputs: list[float] = []


def run(folder: Path, db: Path, *, recompute: bool = False) -> tuple[RunReport, float, float]:
    """``analyze_paths`` as `lagebild analyze FOLDER --db DB -j 1` calls it: (report, CPU s, cross-source CPU s).

    Then the export and the report as the command writes them (``write_outputs``), timed apart (``_outputs``).
    """
    store = open_store(str(db))
    _cross.clear()
    try:
        report, t = cpu_of(lambda: analyze_paths([str(folder)], store, jobs=1, recompute=recompute))
        assert report.corpus is not None
        corpus = report.corpus
        out = db.parent / f"out-{db.stem}"
        _, t_out = cpu_of(lambda: write_outputs(store, corpus, out / "lagebild.json", out / "report.html"))
        _outputs.append(t_out)
    finally:
        store.close()
    return report, t, sum(_cross)


def main() -> None:
    scale, first_new, work = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    src = next(scale.glob("s*.db"))
    folder = scale / f"in-{src.stem[1:]}"
    alone_folder = next(scale.glob("alone-*"))
    work.mkdir(parents=True, exist_ok=True)
    analyze.compare_and_save = _timed_compare  # type: ignore[assignment]  # same call, timed

    base = work / "base.db"  # the corpus without the increment, every story computed and stored
    copy_db(src, base)
    b = open_store(str(base))
    with b.db:  # type: ignore[attr-defined]  # the child rows of a document go with it (ON DELETE CASCADE)
        b.db.execute("DELETE FROM documents_fts WHERE doc_id >= ?", (first_new,))  # type: ignore[attr-defined]
        b.db.execute("DELETE FROM documents WHERE id >= ?", (first_new,))  # type: ignore[attr-defined]
        # a store written by another version of the code: its documents taken as analysed by this one
        # (measured is adding the increment, not analysing the stored corpus again)
        config = analyze.load_config()
        fp = analyze.analysis_fingerprint(analyze.PipelineSpec.of(list(config.stages), config.stage_configs))
        b.db.execute("UPDATE doc_analysis SET fingerprint = ?", (fp,))  # type: ignore[attr-defined]
    docs = corpus_documents(b)
    corpus, t_base = cpu_of(lambda: compare_and_save(b, docs, reuse=False))
    docs.clear()
    # and its outputs, as the run that made the store wrote them (the store keeps each document's part of them)
    _, t_base_out = cpu_of(lambda: write_outputs(b, corpus, work / "out-base" / "lagebild.json", work / "out-base" / "report.html"))
    print(f"stored corpus: {len(b.document_ids())} documents, cross-source {t_base:.1f} CPU s, export and report {t_base_out:.1f}",
          flush=True)
    b.close()

    # CPU time on a shared machine still varies by tens of percent: each measured run is repeated on
    # a fresh copy and the smallest figure is reported
    runs: list[tuple[float, float]] = []
    inc_out: list[float] = []
    for k in range(repeats):
        inc = work / f"inc{k}.db"
        copy_db(base, inc)
        now, t, t_cross = run(folder, inc)
        print(f"+{now.ok} incremental: {t:.1f} CPU s, cross-source {t_cross:.1f}, export and report {_outputs[-1]:.1f}; "
              f"{stages(dict(now.main_cpu))}", flush=True)
        runs.append((t, t_cross))
        inc_out.append(_outputs[-1])
    full = work / "recompute.db"
    copy_db(base, full)
    old, t_old, t_old_cross = run(folder, full, recompute=True)
    print(f"everything recomputed: {t_old:.1f} CPU s, cross-source {t_old_cross:.1f}; {stages(dict(old.main_cpu))}", flush=True)
    assert now.corpus is not None and old.corpus is not None
    print("same picture:", now.corpus.to_json() == old.corpus.to_json(),
          "; same stories (members):", _partition(now.corpus) == _partition(old.corpus),
          f"({len(_partition(now.corpus) & _partition(old.corpus))} of {len(_partition(old.corpus))} "
          "one-shot stories also in the incremental run)", flush=True)

    alone: list[tuple[float, float]] = []
    alone_out: list[float] = []
    for k in range(repeats):
        db = work / f"alone{k}.db"
        remove_db(db)
        got, t, t_cross = run(alone_folder, db)
        print(f"alone: {got.ok} documents, {t:.1f} CPU s, cross-source {t_cross:.1f}, export and report {_outputs[-1]:.1f}", flush=True)
        alone.append((t, t_cross))
        alone_out.append(_outputs[-1])
    inc_t, inc_c = min(t for t, _ in runs), min(c for _, c in runs)
    al_t, al_c = min(t for t, _ in alone), min(c for _, c in alone)
    print(f"incremental / alone (smallest of {repeats} each): whole run {inc_t:.1f} / {al_t:.1f} CPU s = {inc_t / al_t:.1f}x; "
          f"cross-source {inc_c:.1f} / {al_c:.1f} CPU s = {inc_c / al_c:.1f}x; "
          f"everything recomputed / alone: {t_old / al_t:.1f}x")
    io, ao = min(inc_out), min(alone_out)
    print(f"export and report: {io:.1f} / {ao:.1f} CPU s = {io / ao:.1f}x; whole run with them: "
          f"{inc_t + io:.1f} / {al_t + ao:.1f} CPU s = {(inc_t + io) / (al_t + ao):.1f}x")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
