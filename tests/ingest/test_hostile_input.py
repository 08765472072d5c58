"""Hostile input: no file or record crashes a run, no valid record is lost, every bad one is named."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_readers import ARTICLE, PAGE, _warc  # same folder (rootdir import mode)

from lagebild.analyze import analyze_paths
from lagebild.config import load_config
from lagebild.errors import ConfigError, InputError, InputNotice
from lagebild.ingest import discover, read_path
from lagebild.ingest.decode import decode_bytes, decode_line
from lagebild.ingest.limits import BoundedReader, LimitExceeded, ReadLimits
from lagebild.ingest.textsafe import is_blank, scrub_surrogates
from lagebild.model import Document
from lagebild.store import open_store
from tests.benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[2]
OTHER = ARTICLE.replace("Regierung", "Landesregierung").replace("Montag", "Dienstag")


def _docs(got: list[Document | InputError]) -> list[Document]:
    return [g for g in got if isinstance(g, Document)]


def _errors(got: list[Document | InputError]) -> list[str]:
    return [str(g) for g in got if isinstance(g, InputError)]


# 1. duplicates with a worker pool ----------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_same_content_in_many_files_and_encodings_is_stored_once_with_every_source(tmp_path: Path, jobs: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name, enc in (("a.txt", "utf-8"), ("b.txt", "utf-8"), ("c.txt", "utf-16"), ("d.txt", "utf-32")):
        (src / name).write_bytes(ARTICLE.encode(enc))
    (src / "other.txt").write_text(OTHER, "utf-8")
    store = open_store(str(tmp_path / "db.sqlite"))
    report = analyze_paths([src], store, jobs=jobs)
    assert report.exit_code == 0 and report.ok == 2 and report.duplicates == 3
    (doc_id,) = [i for i in store.document_ids() if i != "other"]
    assert sorted(Path(s["path"]).name for s in store.sources(doc_id)) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    again = analyze_paths([src], store, jobs=jobs)  # the rerun finds everything stored
    assert again.exit_code == 0 and again.ok == 0 and again.already_stored == 5


def test_a_source_is_never_written_ahead_of_its_document(tmp_path: Path) -> None:
    from lagebild.model import SourceRef

    store = open_store(str(tmp_path / "db.sqlite"))
    assert store.add_source("not-stored-yet", SourceRef("x.txt")) is False


# 2. bounded decompression --------------------------------------------------------------------


def _zeros_gz(path: Path, megabytes: int, prefix: bytes = b"") -> None:
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(prefix)
        for _ in range(megabytes):
            fh.write(b"\0" * (1 << 20))


@pytest.mark.parametrize(("prefix", "message"), [(b"", "does not start like a WARC file"),
                                                  (b"WARC/1.0\r\nWARC-Type: ", "longer than 8 MB (limit ingest.max_line_mb)")])
def test_gzip_bomb_is_stopped_with_bounded_memory(tmp_path: Path, prefix: bytes, message: str) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    _zeros_gz(bomb, 200, prefix)
    assert bomb.stat().st_size < 2_000_000
    tracemalloc.start()
    started = time.perf_counter()
    got = list(read_path(bomb))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    (err,) = got
    assert isinstance(err, InputError) and message in str(err)
    assert peak < 80 * 2**20 and time.perf_counter() - started < 15


def test_decompressed_limit_is_a_setting(tmp_path: Path) -> None:
    bomb = tmp_path / "lines.warc.gz"
    with gzip.open(bomb, "wb") as fh:
        fh.write(b"WARC/1.0\r\n" + (b"X-Filler: " + b"0" * 1000 + b"\r\n") * 20_000)
    limits = ReadLimits(max_decompressed_bytes=1 << 20)
    (err,) = list(read_path(bomb, limits))
    assert isinstance(err, InputError) and "1 MB decompressed" in str(err) and "max_decompressed_mb" in str(err)


def test_limits_come_from_the_config_and_unknown_keys_are_rejected() -> None:
    limits = ReadLimits.from_config(load_config(overrides=["ingest.max_line_mb=0.5", "ingest.max_json_depth=10"]).raw)
    assert limits.max_line_bytes == 512 * 1024 and limits.max_json_depth == 10
    assert ReadLimits.from_config(load_config().raw) == ReadLimits()
    with pytest.raises(ConfigError, match="max_lines_mb"):
        ReadLimits.from_config({"ingest": {"max_lines_mb": 3}})
    with pytest.raises(ConfigError, match="number > 0"):
        ReadLimits.from_config({"ingest": {"max_line_mb": "viel"}})


def test_bounded_reader_counts_lines_and_bytes() -> None:
    reader = BoundedReader(io.BytesIO(b"ab\ncd\n" + b"x" * 50), max_total=1000, max_line=20)
    with pytest.raises(LimitExceeded, match="line 3"):
        io.BufferedReader(reader).read()
    reader = BoundedReader(io.BytesIO(b"a\n" * 600), max_total=1000, max_line=20)
    with pytest.raises(LimitExceeded, match="decompressed"):
        io.BufferedReader(reader).read()


# 3./5. JSON and JSONL: surrogates, nesting, bad bytes, every valid line kept ------------------


def test_lone_surrogates_are_replaced_and_the_record_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"text": ARTICLE + "\ud800", "title": "T\udfff"}) + "\n" + json.dumps({"text": OTHER}) + "\n", "ascii")
    first, _ = got = list(read_path(path))
    assert len(_docs(got)) == 2
    assert isinstance(first, Document) and first.original.endswith("\ufffd") and first.meta.title == "T\ufffd"
    assert first.meta.extra["replaced_characters"] == 2
    first.hash  # noqa: B018 - hashing (UTF-8) used to crash
    store = open_store(str(tmp_path / "db.sqlite"))
    report = analyze_paths([path], store, jobs=1)
    assert report.exit_code == 0 and report.ok == 2


@given(st.recursive(st.text() | st.integers() | st.none(), lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(), c, max_size=4), max_leaves=20))
@settings(max_examples=150, deadline=None)
def test_scrubbed_values_always_encode_as_utf8(value: object) -> None:
    clean, _ = scrub_surrogates(value)
    json.dumps(clean, ensure_ascii=False).encode("utf-8")


def test_jsonl_deep_nesting_and_bad_lines_cost_only_their_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": ARTICLE}).encode(), b"[" * 100_000, b'{"text": "abgeschnitten',
             json.dumps({"text": OTHER}, ensure_ascii=False).encode().replace("ß".encode(), b"\xdf"),  # one Windows-1252 line
             b"", json.dumps({"text": OTHER + " Nachtrag."}).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = list(read_path(path))
    assert [d.source.record for d in _docs(got)] == [1, 4, 6]
    errors = _errors(got)
    assert len(errors) == 2 and "line 2: nested deeper than 64 levels" in errors[0] and "line 3: invalid JSON" in errors[1]
    cp = _docs(got)[1]
    assert "beschließt" in cp.original and cp.source.encoding == "cp1252" and "line 4" in (cp.source.encoding_reason or "")


def test_overlong_jsonl_line_is_skipped_without_reading_it_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * (3 << 20) + b'"}\n' + json.dumps({"text": ARTICLE}).encode() + b"\n")
    got = list(read_path(path, ReadLimits(max_line_bytes=1 << 20)))
    assert "line 1: longer than 1 MB" in _errors(got)[0] and [d.source.record for d in _docs(got)] == [2]


def test_deeply_nested_json_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    (err,) = list(read_path(tmp_path / "deep.json"))
    assert isinstance(err, InputError) and "nested deeper" in str(err)


def test_record_ids_are_kept_and_repeats_made_unique_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    recs = [{"id": "art 1/a", "text": ARTICLE}, {"text": OTHER}, {"id": "art 1/a", "text": OTHER + " Neu."}, {"_id": 42, "text": ARTICLE + " X"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), "utf-8")
    assert [d.id for d in _docs(list(read_path(path)))] == ["art_1_a", "feed-2", "art_1_a", "42"]
    store = open_store(str(tmp_path / "db.sqlite"))
    notes: list[InputError] = []
    report = analyze_paths([path], store, jobs=1, on_error=notes.append)
    assert report.exit_code == 0 and report.ok == 4 and len(report.notices) == 1
    (note,) = notes
    assert isinstance(note, InputNotice) and "line 3" in str(note) and "'art_1_a'" in str(note)
    assert sorted(store.document_ids())[:2] == ["42", "art_1_a"]
    again = open_store(str(tmp_path / "db2.sqlite"))
    analyze_paths([path], again, jobs=1)
    assert sorted(again.document_ids()) == sorted(store.document_ids())  # stable across runs


# 4. file names that are not UTF-8 --------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as names")
def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"bericht-\xff.txt")
    path.write_text(ARTICLE, "utf-8")
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document) and doc.id == "bericht-\\xff" and doc.source.path.endswith("bericht-\\xff.txt")
    store = open_store(str(tmp_path / "db.sqlite"))
    report = analyze_paths([tmp_path], store, jobs=1)
    assert report.exit_code == 0 and store.document_ids() == ["bericht-\\xff"]
    err = InputError(str(path), "x")
    assert "\\xff" in str(err)
    str(err).encode("utf-8")


# 7. what used to be skipped silently -----------------------------------------------------------


def test_pipes_dangling_links_and_loops_are_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "up")
    found = list(discover([tmp_path]))
    assert [p.name for p in found if isinstance(p, Path)] == ["ok.txt"]
    messages = {Path(e.path).name: e.reason for e in found if isinstance(e, InputError)}
    assert "named pipe" in messages["pipe.txt"] and "does not exist" in messages["dangling.txt"]
    assert "loop" in messages["a.txt"] and "loop" in messages["b.txt"] and "loop" in messages["up"]
    (err,) = list(read_path(tmp_path / "pipe.txt"))  # given directly: reported, never opened (would block)
    assert "named pipe" in str(err)


def test_cut_off_warc_keeps_whole_pages_and_reports_the_cut(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    _warc(full, [(f"https://example.de/{k}", PAGE.replace("Reform", f"Reform {k}")) for k in range(3)])
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.85)])
    got = list(read_path(cut))
    assert [d.source.record for d in _docs(got)] == [1, 2]
    assert any("response 3" in e and "cut off" in e for e in _errors(got))


@pytest.mark.parametrize("text", ["\u00a0\u00a0\n\u00a0", "\u200b\u200b\ufeff", "\u2060 \u3000\n", "\u00ad\u200d"])
def test_invisible_only_texts_are_reported(tmp_path: Path, text: str) -> None:
    (tmp_path / "x.txt").write_text(text, "utf-8")
    (tmp_path / "x.jsonl").write_text(json.dumps({"text": text}) + "\n", "utf-8")
    (tmp_path / "x.html").write_text(f"<html><body><article><h1>{text}</h1><p>{text * 50}</p></article></body></html>", "utf-8")
    for name in ("x.txt", "x.jsonl", "x.html"):
        (err,) = list(read_path(tmp_path / name))
        assert isinstance(err, InputError) and "invisible" in str(err)


@given(st.text())
def test_is_blank_means_no_letters_digits_or_marks(text: str) -> None:
    if is_blank(text):
        assert not any(ch.isalnum() for ch in text)


# 8. messages ---------------------------------------------------------------------------------


def test_reader_bug_is_reported_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.ingest import readers

    def boom(*a: object, **k: object) -> Document:
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(readers, "_read_txt", boom)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (err,) = list(read_path(tmp_path / "a.txt"))
    assert isinstance(err, InputError) and "NoneType" not in str(err) and "please report this file" in str(err)


# 9. encodings per file and per line --------------------------------------------------------------


def test_utf8_with_a_few_bad_bytes_keeps_every_umlaut(tmp_path: Path) -> None:
    text = "Größere Änderungen für Bürger in Österreich.\n" * 5
    data = text.encode() + b"Stra\xdfe \xff kaputt\n" + text.encode()
    decoded, encoding, reason = decode_bytes(data, "x.txt")
    assert decoded.count("Größere Änderungen für Bürger in Österreich.") == 10
    assert "Straße" in decoded and encoding == "utf-8/cp1252 per line" and "line 6" in reason


def test_windows_1252_file_is_still_read_as_windows_1252() -> None:
    text = "Größere Änderungen „für“ Bürger – 5 € in Österreich.\n" * 5
    decoded, encoding, _ = decode_bytes(text.encode("cp1252"), "x.txt")
    assert decoded == text and encoding == "cp1252"


@given(st.lists(st.tuples(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ .,„“–€", min_size=1, max_size=60),
                          st.sampled_from(["utf-8", "cp1252"])), min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_mixed_lines_decode_to_the_text_written(lines: list[tuple[str, str]]) -> None:
    """Each line written in UTF-8 or Windows-1252 comes back as written whenever its bytes tell
    the encodings apart (UTF-8 characters in UTF-8 lines, stray bytes in Windows-1252 ones)."""
    data = b"".join((t + "\n").encode(enc) for t, enc in lines)
    decoded, _, _ = decode_bytes(data, "x.txt")
    if any(enc == "utf-8" and any(ord(c) > 127 for c in t) for t, enc in lines):
        for (t, enc), got in zip(lines, decoded.split("\n"), strict=False):
            raw = t.encode(enc)
            if enc == "cp1252" and not any(b >= 0x80 for b in raw):
                continue
            text, _ = decode_line(raw)
            assert got == text
            if enc == "utf-8" or not _valid_utf8(raw):  # "Ä–" in Windows-1252 is valid UTF-8 ("Ė"): ambiguous
                assert got == t


def _valid_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_decode_line_never_fails_and_keeps_valid_utf8(data: bytes) -> None:
    text, how = decode_line(data)
    assert isinstance(text, str)
    try:
        assert text == data.decode("utf-8") and how == "utf-8"
    except UnicodeDecodeError:
        assert how != "utf-8"


# 6. workers end with their parent ----------------------------------------------------------------


_PARENT = """
import sys, time
from lagebild.executors.process import ProcessExecutor
from lagebild.pipeline import PipelineSpec
from lagebild.model import Document, SourceRef
ex = ProcessExecutor(2, chunk=1)
spec = PipelineSpec.of(["clean.boilerplate.v1"], {})
docs = (Document(id=f"d{i}", original="Ein Satz.\\n" * 50, source=SourceRef("x")) for i in range(10**6))
for i, chunk in enumerate(ex.map_chunks(spec, docs)):
    if i == 2:
        print("running", flush=True)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, env=env)
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == b"running"
        # the two workers are forks of a fork server (a child of the parent)
        deadline = time.time() + 30
        while time.time() < deadline and len(_pool_workers(parent.pid)) < 2:
            time.sleep(0.1)
        assert len(_pool_workers(parent.pid)) == 2
        everyone = _descendants(parent.pid)
    finally:  # the parent runs until killed: never leave it behind
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    # every descendant ends: the workers and the fork server
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(p) for p in everyone):
        time.sleep(0.1)
    assert not [p for p in everyone if _alive(p)]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _pool_workers(pid: int) -> list[int]:
    """The live worker processes of ``pid``'s pool: the children of its fork server."""
    servers = [c for c in _children(pid) if "lagebild.executors.server" in _cmdline(c)]
    return [w for s in servers for w in _children(s) if _alive(w)]


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        found += kids
        todo += kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"


def test_a_document_that_kills_its_worker_is_kept_unanalysed(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.executors import process
    from lagebild.model import SourceRef
    from lagebild.pipeline import PipelineSpec

    docs = [Document(id=f"d{i}", original=f"Text {i}.", source=SourceRef("x")) for i in range(5)]
    docs[2].original = "KILL"
    monkeypatch.setattr(process, "_run_chunk", _crash_on_kill)  # pickled by name: the workers run it too
    chunks = process.ProcessExecutor(2, chunk=2).map_chunks(PipelineSpec.of([], {}), docs)
    results = [r for chunk in chunks for r in chunk]
    assert sorted(r.doc.id for r in results) == [f"d{i}" for i in range(5)]
    (dead,) = [r for r in results if r.doc.failures]
    assert dead.doc.id == "d2" and dead.doc.failures[0].stage == process.WORKER_STAGE


def _crash_on_kill(docs: list[Document], after: object = None) -> list[object]:
    from lagebild.executors.base import Result

    if any(d.original == "KILL" for d in docs):
        os._exit(3)  # as a segfault or the out-of-memory killer would
    return [Result(d) for d in docs]


# the small hostile corpus (benchmarks/hostile.py --small) ------------------------------------------


def test_small_hostile_corpus(tmp_path: Path, shared_data: Path) -> None:
    if not (shared_data / "10kgnad_articles" / "test.csv").exists():
        pytest.skip("needs ../shared/data/10kgnad_articles (real articles to mix the hostile files with)")
    bench = load_benchmark("hostile", "hostile_bench")
    manifest = bench.build(tmp_path / "corpus", n_real=40, big=False)
    assert manifest.files >= 80 and manifest.hostile >= 50
    out = tmp_path / "out"
    out.mkdir()
    outcome = bench.run(manifest, out, jobs=2, settings=bench.SMALL_SETTINGS)
    assert outcome.crashes == 0 and outcome.exit_code == 1
    assert outcome.lost == []
    assert outcome.unreported == []
    assert outcome.false_alarms == []
    assert outcome.garbled == []
    assert outcome.peak_bytes < bench.MEMORY_LIMIT


def test_readme_lists_the_json_fields_the_reader_reads() -> None:
    from lagebild.ingest import readers

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("JSON (`.json`") : readme.index("## What the report shows")]
    for keys in (readers._ID_KEYS, readers._TEXT_KEYS, readers._HTML_KEYS, readers._TITLE_KEYS, readers._DATE_KEYS,
                 readers._AUTHOR_KEYS, readers._OUTLET_KEYS, readers._URL_KEYS):
        for key in keys:
            assert f"`{key}`" in section, key


def test_a_reader_bug_on_one_jsonl_line_costs_only_that_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.ingest import readers

    real = readers._record_doc

    def flaky(path: Path, obj: object, **kw: object) -> Document:
        if isinstance(obj, dict) and obj.get("text") == "BUG":
            raise AttributeError("'NoneType' object has no attribute 'x'")
        return real(path, obj, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(readers, "_record_doc", flaky)
    path = tmp_path / "f.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in (ARTICLE, "BUG", OTHER)), "utf-8")
    got = list(read_path(path))
    assert [d.source.record for d in _docs(got)] == [1, 3]
    (err,) = _errors(got)
    assert "line 2" in err and "NoneType" not in err
    (tmp_path / "f.json").write_text(json.dumps([{"text": ARTICLE}, {"text": "BUG"}, {"text": OTHER}]), "utf-8")
    got = list(read_path(tmp_path / "f.json"))
    assert [d.source.record for d in _docs(got)] == [1, 3] and "record 2" in _errors(got)[0]


def test_inline_executor_keeps_a_document_whose_after_step_fails() -> None:
    from lagebild.executors import InlineExecutor
    from lagebild.executors.base import WORKER_STAGE
    from lagebild.model import SourceRef
    from lagebild.pipeline import PipelineSpec

    def after(doc: Document) -> str:
        if doc.id == "bad":
            raise ValueError("boom")
        return "ok"

    docs = [Document(id=i, original="Text.", source=SourceRef("x")) for i in ("a", "bad", "c")]
    results = list(InlineExecutor().map(PipelineSpec.of([], {}), docs, after=after))
    assert [r.doc.id for r in results] == ["a", "bad", "c"]
    assert results[1].doc.failures[0].stage == WORKER_STAGE and results[1].extra is None and results[2].extra == "ok"


_LINE = st.one_of(
    st.builds(lambda t: ("ok", json.dumps({"text": "Bericht: " + t + " Ende."}, ensure_ascii=bool(len(t) % 2)).encode()),
              st.text(min_size=1, max_size=40)),
    st.builds(lambda b: ("junk", b.replace(b"\n", b" ").replace(b"\r", b" ")), st.binary(min_size=1, max_size=60)),
    st.builds(lambda n: ("junk", b"[" * n), st.integers(1_000, 5_000)),
)


@given(st.lists(_LINE, min_size=1, max_size=15))
@settings(max_examples=80, deadline=None)
@example([("junk", b"\xef\xbb\xbf"), ("ok", b'{"text": "Bericht: x Ende."}')])
@example([("ok", b'{"text": "Bericht: x Ende."}'), ("junk", b"\xef\xbb\xbf")])
@example([("junk", b"\xff\xfe"), ("ok", b'{"text": "Bericht: 0 Ende."}')])  # a UTF-16 mark opening junk
@example([("junk", b"\xfe\xff"), ("junk", b"\x00")])
@example([("junk", b"\xff\xfe\x00\x00"), ("ok", b'{"text": "Bericht: 0 Ende."}')])
def test_jsonl_every_valid_line_is_read_and_every_bad_one_named(tmp_path_factory: pytest.TempPathFactory,
                                                               lines: list[tuple[str, bytes]]) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "f.jsonl"
    path.write_bytes(b"\n".join(raw for _, raw in lines) + b"\n")
    got = list(read_path(path))
    read = {d.source.record for d in _docs(got)}
    named = {int(e.split(": line ")[1].split(":")[0]) for e in _errors(got) if ": line " in e}
    for n, (kind, raw) in enumerate(lines, 1):
        if kind == "ok":
            assert n in read, (n, raw)
        elif n == 1 and raw.startswith(b"\xef\xbb\xbf") and not raw[3:].strip(b" \t"):
            continue  # a byte-order mark opening the file is its encoding signature, not a record
        elif raw.strip(b" \t") and n not in read:  # only JSON's own whitespace makes a line blank
            assert n in named or (len(_errors(got)) == 1 and "not a text article" in _errors(got)[0]), (n, raw, got)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("end", ["\n", ""])
def test_jsonl_in_utf16_or_utf32_with_a_mark_reads_every_line(tmp_path: Path, encoding: str, end: str) -> None:
    lines = [json.dumps({"text": f"Bericht {n}: Überschwemmung in Čačak, 水害 {n}."}, ensure_ascii=False) for n in range(3)]
    raw = "\n".join(lines) + end
    data = raw.encode(encoding) if encoding in ("utf-16", "utf-32") else \
        {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + raw.encode(encoding)
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    got = list(read_path(path))
    assert _errors(got) == [] and [d.source.record for d in _docs(got)] == [1, 2, 3]
    assert "Čačak, 水害 2" in _docs(got)[2].original


def test_a_jsonl_line_of_no_break_spaces_is_named_and_blank_lines_are_not(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    record = json.dumps({"text": ARTICLE}).encode()
    path.write_bytes(record + b"\n\n  \t\n" + b"\xa0\n" + "\u00a0\u200b".encode() + b"\n" + record + b"\n")
    got = list(read_path(path))
    assert [d.source.record for d in _docs(got)] == [1, 6]
    errors = _errors(got)
    assert len(errors) == 2 and "line 4" in errors[0] and "line 5" in errors[1] and "invisible" in errors[1]


def test_binary_junk_on_the_first_jsonl_line_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\x00\x00\x00junk\n" + json.dumps({"text": ARTICLE}).encode() + b"\n")
    got = list(read_path(path))
    assert [d.source.record for d in _docs(got)] == [2] and "line 1" in _errors(got)[0]
    pdf = tmp_path / "scan.jsonl"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\x00\x01binary\n" * 200)
    (err,) = list(read_path(pdf))
    assert "PDF" in str(err)
