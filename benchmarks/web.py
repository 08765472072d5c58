"""Web UI / API latency: page and search times on a store of N articles (in-process, no network).

Builds a SQLite store from N variants of the example articles (each gets a distinct last line
so its content hash differs) with the default pipeline, then times the pages and API calls
through the ASGI app. Prints a table of median and max milliseconds.

Usage: .venv/bin/python benchmarks/web.py [--docs 300] [--db EXISTING_STORE] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "ru-kp-treaty"


def build_store(n: int, folder: Path) -> str:
    """Write ``n`` article files derived from the examples and analyse them into a new store."""
    from lagebild.analyze import analyze_paths
    from lagebild.store import open_store

    sources = sorted(EXAMPLES.glob("*.txt"))
    inputs = folder / "in"
    inputs.mkdir()
    for i in range(n):
        src = sources[i % len(sources)]
        (inputs / f"{src.stem}-{i:05d}.txt").write_text(src.read_text("utf-8") + f"\n\nArchivnummer {i}\n", "utf-8")
    db = str(folder / "bench.db")
    store = open_store(db)
    started = time.perf_counter()
    analyze_paths([inputs], store)
    print(f"analysed {n} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    store.close()
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--db", default=None, help="measure an existing store instead of building one")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from lagebild.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(args.docs, Path(tmp))
        app = create_app(db)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            started = time.perf_counter()
            stories = client.get("/api/stories").json()["items"]
            cold = (time.perf_counter() - started) * 1000
            story = stories[0]["id"] if stories else "all"
            doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
            entities = client.get("/api/entities", params={"limit": 1}).json()["items"]
            calls = [
                ("GET / (stories)", "/"),
                ("GET /stories/{id}", f"/stories/{story}"),
                ("GET /articles/{id}", f"/articles/{doc}"),
                ("GET /articles/{id}?start&end", f"/articles/{doc}?start=100&end=140"),
                ("GET /search?q=Soldaten", "/search?q=Soldaten"),
                ("GET /api/search?q=Soldat", "/api/search?q=Soldat"),
                ("GET /api/search?q=Vertrag unterzeichnet", "/api/search?q=Vertrag%20unterzeichnet"),
                ("GET /api/documents?limit=50", "/api/documents?limit=50"),
                ("GET /api/claims", "/api/claims"),
                ("GET /api/stories/{id}", f"/api/stories/{story}"),
            ]
            if entities:
                calls.append(("GET /entities/{id}", f"/entities/{entities[0]['id']}"))
            n_docs = client.get("/api/health").json()["documents"]
            print(f"\nstore: {n_docs} documents; first request (loads the picture): {cold:.0f} ms\n")
            print(f"| {'request':<40} | {'median ms':>9} | {'max ms':>7} | {'status':>6} |")
            print(f"|{'-' * 42}|{'-' * 11}|{'-' * 9}|{'-' * 8}|")
            for name, path in calls:
                times = []
                status = 0
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    status = client.get(path).status_code
                    times.append((time.perf_counter() - t0) * 1000)
                print(f"| {name:<40} | {statistics.median(times):>9.1f} | {max(times):>7.1f} | {status:>6} |")
            t0 = time.perf_counter()
            size = len(client.get("/report.html").content)
            print(f"| {'GET /report.html (' + str(size // 1024) + ' KB)':<40} | {(time.perf_counter() - t0) * 1000:>9.1f} | {'':>7} | {'':>6} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
