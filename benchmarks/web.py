"""Web server at scale: start-up time, peak memory and page/API latency on a store of N articles.

Builds (or reuses) a SQLite store of N articles from the 10kGNAD test articles (DER STANDARD,
../shared/data/10kgnad_articles, 1,028 texts) with synthetic outlets ("outlet-01" … "outlet-12")
and publication dates (2015–2016), so the outlet and date filters have something to select.
The first ``--analyse`` records (default: every distinct text once) go through the default
pipeline (``--pipeline full``) or without the timex/speech/claims/events stages (``--pipeline
cheap``); every other record is stored as a copy of the analysed document of the same text (new
id, one extra line at the end of the original, its own outlet and date; rows copied in SQL).
Then the cross-source stages run over all N. The store is kept in ``--cache`` for the next run.

Then it starts ``lagebild serve`` on that store in a separate process, measures the time until
the server answers, the first ``GET /``, the median and maximum latency of pages and API calls
over HTTP (one warm-up request each, not counted), and the server's peak resident memory
(VmHWM). Prints a table.

Usage: .venv/bin/python benchmarks/web.py [--docs 10000] [--db EXISTING_STORE] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LAGEBILD_SHARED_DATA", ROOT.parent / "shared" / "data"))
GNAD = SHARED / "10kgnad_articles" / "test.csv"
DEFAULT_CACHE = Path(os.environ.get("LAGEBILD_BENCH_CACHE", Path(tempfile.gettempdir()) / "lagebild-bench"))


def gnad_texts() -> list[str]:
    """Return the 10kGNAD test articles (title and lead run into the body, as in the CSV)."""
    with GNAD.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]


def _record(i: int, text: str) -> dict[str, str]:
    """The record of article ``i``: its text with a synthetic outlet and publication date."""
    day, month, year = 1 + (i * 7) % 28, 1 + (i * 5) % 12, 2015 + (i % 2)
    return {"title": text.split(". ", 1)[0][:160], "maintext": text, "date_publish": f"{year}-{month:02d}-{day:02d}",
            "source_domain": f"outlet-{1 + i % 12:02d}", "language": "de"}


def _text(texts: list[str], i: int) -> str:
    text = texts[i % len(texts)]
    return text if i < len(texts) else f"Meldung Nr. {i}\n\n{text}"


def build_store(n: int, pipeline: str, cache: Path, jobs: int, analyse: int | None = None) -> str:
    """Build ``cache/web-<pipeline>-<n>.db`` unless it is complete; documents already in it are kept."""
    from dataclasses import replace

    from lagebild.analyze import analyze_paths, recompute_corpus
    from lagebild.config import load_config
    from lagebild.model import content_hash
    from lagebild.store import open_store

    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"web-{pipeline}-{n}.db"
    done = cache / f"web-{pipeline}-{n}.done"
    if db.exists() and done.exists():
        return str(db)
    texts = gnad_texts()
    analyse = min(n, analyse if analyse is not None else len(texts))
    source = cache / f"articles-{n}.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for i in range(analyse):
            out.write(json.dumps(_record(i, _text(texts, i)), ensure_ascii=False) + "\n")
    config = load_config()
    if pipeline == "cheap":
        config = replace(config, stages=tuple(s for s in config.stages if not s.startswith(("timex", "speech", "claims", "events"))))
    store = open_store(str(db))
    started = time.perf_counter()
    report = analyze_paths([source], store, config=replace(config, compare_stages=()), jobs=jobs)
    print(f"analysed {report.ok} articles in {time.perf_counter() - started:.0f} s ({pipeline} pipeline)", file=sys.stderr)
    started = time.perf_counter()
    copies = 0
    with store.db:  # one transaction per 500 copies
        for i in range(analyse, n):
            record = _record(i, _text(texts, i))
            new_id = f"copy-{i:05d}"
            if store.has_id(new_id) or store.find_by_hash(content_hash(record["maintext"])):
                continue  # stored in an earlier run (copied, or analysed by the pipeline)
            base_id = store.find_by_hash(content_hash(texts[i % len(texts)]))
            if base_id:
                _copy_rows(store, base_id, new_id, f"\n\nMeldung Nr. {i}", record, i + 1)
                copies += 1
            if copies % 500 == 499:
                store.db.commit()
    print(f"stored {copies} copies in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    recompute_corpus(store, config)
    print(f"cross-source stages on {len(store.document_ids())} articles: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    store.close()
    done.write_text(f"{n}\n")
    return str(db)


def _copy_rows(store: Any, base_id: str, new_id: str, tail: str, record: dict[str, str], number: int) -> None:
    """Store a copy of an analysed document with SQL (rows as ``save_document`` writes them).

    ``tail`` is appended to the original after the cleaned text, so every offset stays valid.
    """
    from lagebild.model import content_hash

    db = store.db
    original = db.execute("SELECT json_extract(json, '$.original') FROM documents WHERE id = ?", (base_id,)).fetchone()[0] + tail
    db.execute(
        """INSERT INTO documents(id, hash, title, published, precision, language, outlet, added_at, json)
           SELECT ?, ?, title, ?, 'day', language, ?, ?, json_set(json, '$.id', ?, '$.original', ?, '$.meta.published.value', ?,
                  '$.meta.published.precision', 'day', '$.meta.outlet', ?, '$.source.record', ?)
           FROM documents WHERE id = ?""",
        (new_id, content_hash(original), record["date_publish"], record["source_domain"], time.time(), new_id, original,
         record["date_publish"], record["source_domain"], number, base_id),
    )
    db.execute("INSERT INTO sources(doc_id, path, record, json) SELECT ?, path, ?, json_set(json, '$.record', ?) FROM sources WHERE doc_id = ? LIMIT 1",
               (new_id, number, number, base_id))
    db.execute("INSERT INTO annotations(doc_id, ann_id, kind, label, start, end, text, data) "
               "SELECT ?, ann_id, kind, label, start, end, text, data FROM annotations WHERE doc_id = ?", (new_id, base_id))
    db.execute("INSERT INTO documents_fts(doc_id, title, body, lemmas) SELECT ?, title, body, lemmas FROM documents_fts WHERE doc_id = ?",
               (new_id, base_id))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status_mb(pid: int, key: str) -> float:
    """One memory line of /proc/PID/status (``VmHWM``: peak, ``VmRSS``: now) in MB; 0 where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


def measure(db: str, repeat: int, timeout: float) -> None:
    """Serve ``db`` in a child process and print start-up, memory and latency figures."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-c", "from lagebild.cli import main; main()", "serve", "--db", db, "--port", str(port)]
    started = time.perf_counter()
    # run outside the checkout: ``-c`` puts the working folder first on sys.path, and PYTHONPATH must win
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    try:
        with httpx.Client(base_url=base, timeout=timeout) as client:
            while True:
                try:
                    health = client.get("/api/health").json()
                    break
                except httpx.TransportError:
                    if proc.poll() is not None or time.perf_counter() - started > timeout:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.05)
            up = time.perf_counter() - started
            t0 = time.perf_counter()
            status = client.get("/").status_code
            first = time.perf_counter() - t0
            after_first = rss_mb(proc.pid)
            stories = client.get("/api/stories", params={"limit": 1000}).json()["items"]
            # the largest story: the worst case of the story page
            story = max(stories, key=lambda s: len(s.get("members") or []))["id"] if stories else "all"
            n_members = max((len(s.get("members") or []) for s in stories), default=0)
            docs = client.get("/api/documents", params={"limit": 1, "offset": health["documents"] // 2}).json()["items"]
            doc = docs[0]["id"] if docs else ""
            entities = client.get("/api/entities", params={"limit": 50}).json()["items"]
            rare = entities[-1]["id"] if entities else ""
            calls = [
                ("GET / (stories)", "/"),
                (f"GET /stories/{{largest}} ({n_members} articles)", f"/stories/{story}"),
                ("GET /articles/{id}", f"/articles/{doc}"),
                ("GET /articles/{id}?start&end", f"/articles/{doc}?start=100&end=140"),
                ("GET /search?q=Regierung", "/search?q=Regierung"),
                ("GET /api/search?q=Soldat", "/api/search?q=Soldat"),
                ("GET /api/search?q=Vertrag unterzeichnet", "/api/search?q=Vertrag%20unterzeichnet"),
                ("GET /api/documents?limit=50", "/api/documents?limit=50"),
                ("GET /api/documents?limit=50&offset=5000", "/api/documents?limit=50&offset=5000"),
                ("GET /api/documents?outlet&date_from", "/api/documents?outlet=outlet-04&date_from=2016-03"),
                ("GET /api/documents/{id}", f"/api/documents/{doc}"),
                ("GET /api/claims?limit=50", "/api/claims?limit=50"),
                ("GET /api/quotes?limit=50", "/api/quotes?limit=50"),
                ("GET /api/stories/{largest}", f"/api/stories/{story}"),
                ("GET /api/entities?limit=50", "/api/entities?limit=50"),
            ]
            if entities:
                calls.append(("GET /entities/{50th by mentions}", f"/entities/{rare}"))
            print(f"\nstore: {health['documents']} documents, {len(stories)} stories; server {os.path.basename(db)}\n")
            print(f"| {'measure':<46} | {'median':>9} | {'max':>9} | {'status':>6} |")
            print(f"|{'-' * 48}|{'-' * 11}|{'-' * 11}|{'-' * 8}|")
            print(f"| {'start-up until /api/health answers':<46} | {up * 1000:>7.0f}ms | {'':>9} | {'':>6} |")
            print(f"| {'first GET / (cold)':<46} | {first * 1000:>7.0f}ms | {'':>9} | {status:>6} |")
            for name, path in calls:
                code = client.get(path).status_code  # warm-up, not counted (the first search loads the lemma lists)
                times = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    code = client.get(path).status_code
                    times.append((time.perf_counter() - t0) * 1000)
                print(f"| {name:<46} | {statistics.median(times):>7.1f}ms | {max(times):>7.1f}ms | {code:>6} |")
            print(f"| {'RSS after the first page':<46} | {after_first:>7.0f}MB | {'':>9} | {'':>6} |")
            print(f"| {'peak RSS of the server (VmHWM)':<46} | {peak_rss_mb(proc.pid):>7.0f}MB | {'':>9} | {'':>6} |")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--pipeline", choices=["full", "cheap"], default="full")
    parser.add_argument("--analyse", type=int, default=None, help="records analysed by the pipeline (default: each distinct text once)")
    parser.add_argument("--db", default=None, help="measure an existing store instead of building one")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where built stores are kept for the next run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for one answer")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    db = args.db or build_store(args.docs, args.pipeline, args.cache, args.jobs, args.analyse)
    if not args.build_only:
        measure(db, args.repeat, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
