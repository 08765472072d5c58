"""Hostile-corpus benchmark: real articles mixed with every kind of bad input, through ``analyze``.

Generates a folder of real articles (10kGNAD, as .txt, .html, .json, .jsonl and .warc.gz) mixed
with hostile files: exact duplicates (also re-encoded as UTF-16/UTF-32), near-duplicates, gzip
bombs, lone surrogates in JSON, file names that are not UTF-8, broken JSONL (deep nesting, bad
bytes, overlong lines, repeated ids), named pipes, dangling links and link loops, a cut-off
.warc.gz, texts of only invisible characters, binary files, UTF-8 with stray bytes, Windows-1252
files. Runs ``lagebild analyze`` with the default worker pool and checks the store and stderr:

- crashes: a traceback, or an exit code other than 0/1 (must be 0)
- valid documents lost: a valid record without a source row in the store (must be 0)
- bad files/records reported: each expected problem has a line on stderr naming it (must be all)
- false alarms: error lines about valid inputs
- peak memory: the largest resident set of the whole process tree, sampled (must stay < 1.5 GB)
- time

    .venv/bin/python benchmarks/hostile.py                 # >= 1,000 files
    .venv/bin/python benchmarks/hostile.py --small         # ~100 files (the test suite runs this)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LAGEBILD_SHARED_DATA", ROOT.parent / "shared" / "data"))
GNAD = SHARED / "10kgnad_articles" / "test.csv"
MEMORY_LIMIT = 1.5 * 1024**3
SMALL_SETTINGS = ("ingest.max_line_mb=1",)


@dataclass
class Manifest:
    """What the generated folder holds: records that must be stored, problems that must be reported."""

    root: Path
    #: (path, record) of every valid record; record -1 for one-article files
    valid: list[tuple[Path, int]] = field(default_factory=list)
    #: (path, words the stderr line must contain besides the file name)
    bad: list[tuple[Path, str]] = field(default_factory=list)
    files: int = 0
    hostile: int = 0
    #: (path, a line of the original text that must come out of decoding unchanged)
    must_decode: list[tuple[Path, str]] = field(default_factory=list)


def load_articles(limit: int) -> list[str]:
    """Real German news texts (10kGNAD test split), sentence-wrapped so they read like files."""
    with GNAD.open(encoding="utf-8", newline="") as fh:
        rows = [r[1] for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) == 2 and len(r[1]) > 300]
    return [_paragraphs(t) for t in rows[:limit]]


def _paragraphs(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])", text.strip())
    head, body = sentences[0], sentences[1:]
    paras = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return head + "\n\n" + "\n\n".join(p for p in paras if p) + "\n"


def _html(text: str) -> str:
    title, _, body = text.partition("\n\n")
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            f"<nav><a href=\"/\">Start</a></nav><article><h1>{title}</h1>\n{paras}</article></body></html>")


def _warc(path: Path, pages: list[tuple[str, str, str]], *, gz: bool = True) -> None:
    """Write ``(url, status, html)`` response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, status, html in pages:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": "2016-03-06T08:00:00Z"})
            writer.write_record(rec)


def _gzip_zeros(path: Path, megabytes: int, *, newline_every: int = 0, prefix: bytes = b"") -> None:
    block = b"\0" * (1 << 20)
    if newline_every:
        block = (b"\0" * (newline_every - 1) + b"\n") * ((1 << 20) // newline_every)
    with gzip.open(path, "wb", compresslevel=6) as fh:
        fh.write(prefix)
        for _ in range(megabytes):
            fh.write(block)


def build(root: Path, *, n_real: int, big: bool, seed: int = 13) -> Manifest:
    """Write the corpus under ``root``; return what must be stored and what must be reported."""
    rng = random.Random(seed)
    arts = load_articles(n_real + 60)
    extra, arts = arts[n_real:], arts[:n_real]
    m = Manifest(root)
    real = root / "real"
    hostile = root / "hostile"
    real.mkdir(parents=True)
    hostile.mkdir()

    def valid(path: Path, record: int = -1) -> None:
        m.valid.append((path, record))

    def bad(path: Path, words: str = "") -> None:
        m.bad.append((path, words))

    # -- real articles in every format -------------------------------------------------------
    n_json, n_warc, n_html = max(4, n_real // 90), max(4, n_real // 90), max(4, n_real // 20)
    n_jsonl = max(8, n_real // 30)
    i = 0
    jsonl = real / "feed.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for line, text in enumerate(arts[i : i + n_jsonl], 1):
            fh.write(json.dumps({"id": f"gnad-{i + line}", "title": text.split("\n")[0], "maintext": text,
                                 "date_publish": "2016-03-05 10:00:00"}, ensure_ascii=False) + "\n")
            valid(jsonl, line)
    i += n_jsonl
    listing = real / "export.json"
    listing.write_text(json.dumps([{"text": t} for t in arts[i : i + n_json]], ensure_ascii=False), "utf-8")
    for n in range(1, n_json + 1):
        valid(listing, n)
    i += n_json
    crawl = real / "crawl.warc.gz"
    _warc(crawl, [(f"https://www.example.at/{k}", "200 OK", _html(t)) for k, t in enumerate(arts[i : i + n_warc])])
    for n in range(1, n_warc + 1):
        valid(crawl, n)
    i += n_warc
    for k, text in enumerate(arts[i : i + n_html]):
        path = real / f"seite-{k:04d}.html"
        path.write_text(_html(text), "utf-8")
        valid(path)
    i += n_html
    for k, text in enumerate(arts[i:]):
        path = real / f"artikel-{k:04d}.txt"
        path.write_text(text, "utf-8")
        valid(path)
    real_txt = sorted(real.glob("artikel-*.txt"))
    m.files = 3 + n_html + len(real_txt)

    def hostile_file(path: Path) -> Path:
        m.hostile += 1
        m.files += 1
        return path

    # 1. exact duplicates, also as UTF-16 and UTF-32 (same text, same content)
    n_dup = 20 if big else 5
    for k, src in enumerate(rng.sample(real_txt, n_dup)):
        text = src.read_text("utf-8")
        for enc, suffix in (("utf-8", "kopie"), ("utf-16", "utf16"), ("utf-32", "utf32")):
            path = hostile_file(hostile / f"dup-{k:02d}-{suffix}.txt")
            path.write_bytes(text.encode(enc))
            valid(path)
    # 2. near-duplicates: one sentence added or a word changed
    for k, src in enumerate(rng.sample(real_txt, 20 if big else 4)):
        text = src.read_text("utf-8")
        path = hostile_file(hostile / f"near-{k:02d}.txt")
        path.write_text(text.replace(" die ", " diese ", 1) + "\nUpdate: Der Artikel wurde ergänzt.\n", "utf-8")
        valid(path)
    # 3. gzip bombs: zeros without a line break, zeros with line breaks, a page of zeros in a real WARC
    _gzip_zeros(hostile_file(hostile / "bomb-zeros.warc.gz"), 1024 if big else 64)
    bad(hostile / "bomb-zeros.warc.gz", "WARC")
    _gzip_zeros(hostile_file(hostile / "bomb-header.warc.gz"), 1024 if big else 64, prefix=b"WARC/1.0\r\nWARC-Type: ")
    bad(hostile / "bomb-header.warc.gz", "longer than")
    _gzip_zeros(hostile_file(hostile / "bomb-lines.warc.gz"), 256 if big else 32, newline_every=4096)
    bad(hostile / "bomb-lines.warc.gz", "")
    bomb_page = hostile_file(hostile / "bomb-page.warc.gz")
    _warc(bomb_page, [("https://www.example.at/ok", "200 OK", _html(extra[0])),
                      ("https://www.example.at/zeros", "200 OK", "<html>" + "\0" * ((64 if big else 24) << 20) + "</html>")])
    valid(bomb_page, 1)
    bad(bomb_page, "response 2")
    # 4. lone surrogates in JSON and JSONL
    sur = hostile_file(hostile / "surrogate.json")
    sur.write_text(json.dumps({"title": "Test \ud800", "text": extra[1].replace(" ", " \ud800 ", 1)}), "ascii")
    valid(sur)
    sur_l = hostile_file(hostile / "surrogate.jsonl")
    sur_l.write_text("\n".join(json.dumps({"text": t}) for t in (extra[2], extra[3] + "\udfff", extra[4])) + "\n", "ascii")
    for n in (1, 2, 3):
        valid(sur_l, n)
    # 5. file names that are not UTF-8
    for k, raw in enumerate((b"bericht-\xff\xfe.txt", b"m\xfcnchen-wetter.txt")):
        name = os.fsdecode(raw)
        path = hostile_file(hostile / name)
        path.write_text(extra[5 + k], "utf-8")
        valid(path)
    # 6. broken JSONL: deep nesting, an invalid byte, a cut-off record, wrong types, an overlong line
    deep = hostile_file(hostile / "deep.jsonl")
    lines = [json.dumps({"text": extra[7]}).encode(), b"[" * 100_000]
    lines += [json.dumps({"id": f"deep-{n}", "text": extra[8 + n]}).encode() for n in range(4)]
    deep.write_bytes(b"\n".join(lines) + b"\n")
    for n in (1, 3, 4, 5, 6):
        valid(deep, n)
    bad(deep, "line 2")
    badbyte = hostile_file(hostile / "badbyte.jsonl")
    badbyte.write_bytes(json.dumps({"text": extra[12]}).encode() + b"\n"
                        + json.dumps({"text": extra[13]}, ensure_ascii=False).encode().replace("ü".encode(), b"\xfc")
                        + b"\n" + json.dumps({"text": extra[14]}).encode() + b"\n{\"text\": \"abgeschnitten\n")
    for n in (1, 2, 3):
        valid(badbyte, n)
    bad(badbyte, "line 4")
    kinds = hostile_file(hostile / "kinds.json")
    kinds.write_text(json.dumps([1, "nur ein Satz", {"text": extra[15]}, {"title": "ohne Text"}, {"text": "\u200b\u00a0\u2060"}]), "utf-8")
    valid(kinds, 3)
    for n in (1, 2, 4, 5):
        bad(kinds, f"record {n}")
    nested = hostile_file(hostile / "nested.json")
    nested.write_text("[" * 50_000 + "]" * 50_000, "utf-8")
    bad(nested, "nested")
    ids = hostile_file(hostile / "ids.jsonl")
    ids.write_text("".join(json.dumps({"id": "same", "text": t}) + "\n" for t in extra[16:19]), "utf-8")
    for n in (1, 2, 3):
        valid(ids, n)
    long_line = hostile_file(hostile / "longline.jsonl")
    with long_line.open("wb") as fh:
        fh.write(b'{"text": "' + b"x" * ((21 if big else 2) << 20) + b'"}\n')
        fh.write(json.dumps({"text": extra[19]}).encode() + b"\n")
    valid(long_line, 2)
    bad(long_line, "line 1")
    # 7. a named pipe, a link to nothing, link loops; a cut-off .warc.gz; invisible-only texts
    fifo = hostile / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(hostile_file(fifo))
        bad(fifo, "named pipe")
    os.symlink(hostile / "does-not-exist.txt", hostile_file(hostile / "dangling.txt"))
    bad(hostile / "dangling.txt", "does not exist")
    os.symlink(hostile / "loop-b.txt", hostile_file(hostile / "loop-a.txt"))
    os.symlink(hostile / "loop-a.txt", hostile / "loop-b.txt")
    bad(hostile / "loop-a.txt", "loop")
    bad(hostile / "loop-b.txt", "loop")
    (hostile / "sub").mkdir()
    os.symlink(hostile, hostile_file(hostile / "sub" / "zurueck"))
    bad(hostile / "sub" / "zurueck", "loop")
    cut_src = hostile / "cut-full.tmp"
    _warc(cut_src, [(f"https://www.example.at/cut{k}", "200 OK", _html(t)) for k, t in enumerate(extra[20:23])])
    data = cut_src.read_bytes()
    cut_src.unlink()
    cut = hostile_file(hostile / "cut.warc.gz")
    cut.write_bytes(data[: int(len(data) * 0.85)])
    valid(cut, 1)
    valid(cut, 2)
    bad(cut, "cut off")
    for name, text in (("nbsp.txt", "\u00a0 \u00a0\n\u00a0"), ("zwsp.txt", "\u200b\u200b\n\u200b\ufeff"), ("nur-leer.md", "\u2060 \u3000")):
        hostile_file(hostile / name).write_text(text, "utf-8")
        bad(hostile / name, "invisible")
    junk_head = hostile_file(hostile / "junk-head.jsonl")
    junk_head.write_bytes(b"\x00\x00\x00 kaputt\n" + json.dumps({"text": extra[26]}).encode() + b"\n")
    valid(junk_head, 2)
    bad(junk_head, "line 1")
    invisible_page = hostile_file(hostile / "unsichtbar.html")
    invisible = "\u200b\u00a0" * 300
    invisible_page.write_text(f"<html><body><article><h1>\u200b</h1><p>{invisible}</p></article></body></html>", "utf-8")
    bad(invisible_page, "invisible")
    plain_src = hostile / "plain-full.tmp"
    _warc(plain_src, [(f"https://www.example.at/p{k}", "200 OK", _html(t)) for k, t in enumerate(extra[27:29])], gz=False)
    data = plain_src.read_bytes()
    plain_src.unlink()
    plain_cut = hostile_file(hostile / "cut-plain.warc")
    plain_cut.write_bytes(data[: len(data) - 400])
    valid(plain_cut, 1)
    bad(plain_cut, "cut off")
    # 8. binary files and empty files with text names
    binaries = {
        "scan.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20,
        "bild.html": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)),
        "archiv.txt": b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(2000)),
        "rauschen.txt": bytes(rng.randrange(256) for _ in range(4000)),
        "leer.txt": b"",
        "nul.json": b'{"text": "a\x00b"}' + b"\x00" * 100,
    }
    for name, blob in binaries.items():
        hostile_file(hostile / name).write_bytes(blob)
        bad(hostile / name, "")
    (hostile / "skript.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>", "utf-8")
    hostile_file(hostile / "skript.html")
    bad(hostile / "skript.html", "readable")
    # 9. UTF-8 with a few bad bytes (each umlaut elsewhere must survive); Windows-1252 files
    for k, src in enumerate(rng.sample(real_txt, 10 if big else 3)):
        text = src.read_text("utf-8")
        raw = text.encode("utf-8")
        cut_at = raw.index(b"\n")
        raw = raw[:cut_at] + b" \xff\xfe" + raw[cut_at:] + b"Stra\xdfe\n"
        path = hostile_file(hostile / f"stray-{k:02d}.txt")
        path.write_bytes(raw)
        valid(path)
        line = max(text.splitlines(), key=lambda s: sum(ch in "äöüÄÖÜß" for ch in s))
        m.must_decode.append((path, line))
    for k, src in enumerate(rng.sample(real_txt, 10 if big else 3)):
        text = src.read_text("utf-8")
        path = hostile_file(hostile / f"cp1252-{k:02d}.txt")
        path.write_bytes(text.encode("cp1252", "replace"))
        valid(path)
    # 10. a WARC with an error page between good ones
    mixed = hostile_file(hostile / "status.warc.gz")
    _warc(mixed, [("https://www.example.at/a", "200 OK", _html(extra[23])), ("https://www.example.at/b", "404 Not Found", _html(extra[24])),
                  ("https://www.example.at/c", "200 OK", _html(extra[25]))])
    valid(mixed, 1)
    valid(mixed, 3)
    bad(mixed, "response 2")
    return m


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


@dataclass
class Outcome:
    exit_code: int
    seconds: float
    peak_bytes: int
    crashes: int
    lost: list[tuple[str, int]]
    unreported: list[tuple[str, str]]
    false_alarms: list[str]
    reported_lines: int
    notes: int
    garbled: list[str]
    stored_docs: int


def run(m: Manifest, out: Path, *, jobs: int | None = None, settings: tuple[str, ...] = ()) -> Outcome:
    """Run ``lagebild analyze`` on the corpus and check the store and stderr against the manifest."""
    from lagebild.ingest.textsafe import display_path

    cmd = [sys.executable, "-c", "from lagebild.cli import main; main()", "analyze", str(m.root), "--db", str(out / "lb.db"), "--out", str(out)]
    if jobs is not None:
        cmd += ["-j", str(jobs)]
    for item in settings:
        cmd += ["--set", item]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr_b = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    stderr = stderr_b.decode("utf-8", "replace")
    lines = [ln for ln in stderr.splitlines() if ln.startswith(("error: ", "note: "))]
    errors = [ln for ln in lines if ln.startswith("error: ")]
    crashes = int("Traceback (most recent call last)" in stderr or proc.returncode not in (0, 1))
    import sqlite3

    stored: set[tuple[str, int]] = set()
    n_docs = 0
    garbled: list[str] = []
    if (out / "lb.db").exists():
        db = sqlite3.connect(out / "lb.db")
        stored = {(p, r) for p, r in db.execute("SELECT path, record FROM sources")}
        n_docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        for path, line in m.must_decode:
            row = db.execute("SELECT d.json FROM documents d JOIN sources s ON s.doc_id = d.id WHERE s.path = ?",
                             (display_path(path),)).fetchone()
            if row is None or line not in json.loads(row[0]).get("original", ""):
                garbled.append(display_path(path))
        db.close()
    lost = [(display_path(p), r) for p, r in m.valid if (display_path(p), r) not in stored]
    unreported = [(display_path(p), w) for p, w in m.bad
                  if not any(display_path(p) + ":" in ln and w in ln for ln in errors)]
    bad_names = {display_path(p) + ":" for p, _ in m.bad}
    false_alarms = [ln for ln in errors if not any(b in ln for b in bad_names)]
    if crashes:
        sys.stderr.write(stderr[-4000:])
    return Outcome(proc.returncode, seconds, peak, crashes, lost, unreported, false_alarms, len(errors),
                   len(lines) - len(errors), garbled, n_docs)


def table(m: Manifest, o: Outcome) -> str:
    rows = [
        ("files (real + hostile)", f"{m.files} ({m.files - m.hostile} + {m.hostile})"),
        ("valid records expected / documents stored", f"{len(m.valid)} / {o.stored_docs} (duplicates stored once)"),
        ("crashes", str(o.crashes)),
        ("valid records lost", str(len(o.lost))),
        ("bad files/records reported", f"{len(m.bad) - len(o.unreported)} of {len(m.bad)}"),
        ("error lines about valid inputs", str(len(o.false_alarms))),
        ("notes (e.g. repeated record ids)", str(o.notes)),
        ("UTF-8 files with stray bytes garbled", f"{len(o.garbled)} of {len(m.must_decode)}"),
        ("peak memory, whole process tree", f"{o.peak_bytes / 2**20:.0f} MB"),
        ("time", f"{o.seconds:.1f} s"),
        ("exit code", str(o.exit_code)),
    ]
    return "\n".join(["| measure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="~100 files (what the test suite runs)")
    ap.add_argument("--real", type=int, default=None, help="real articles (default 940, --small 40)")
    ap.add_argument("-j", "--jobs", type=int, default=None, help="workers (default: analyze's default pool)")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    args = ap.parse_args()
    if not GNAD.exists():
        print(f"needs {GNAD} (10kGNAD test split)", file=sys.stderr)
        return 2
    n_real = args.real or (40 if args.small else 940)
    work = args.keep or Path(tempfile.mkdtemp(prefix="lagebild-hostile-"))
    try:
        corpus, out = work / "corpus", work / "out"
        if corpus.exists():
            shutil.rmtree(corpus)
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        t = time.perf_counter()
        m = build(corpus, n_real=n_real, big=not args.small)
        print(f"built {m.files} files in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        # the small corpus's long JSONL line (2 MB) is over a lowered limit: the limit is a setting
        o = run(m, out, jobs=args.jobs, settings=SMALL_SETTINGS if args.small else ())
        print(table(m, o))
        for what, items in (("lost", o.lost), ("unreported", o.unreported), ("false alarms", o.false_alarms), ("garbled", o.garbled)):
            for item in items[:20]:
                print(f"  {what}: {item}", file=sys.stderr)
        ok = not (o.crashes or o.lost or o.unreported or o.peak_bytes > MEMORY_LIMIT)
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
