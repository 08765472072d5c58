"""Readers: formats, encodings with the decision recorded, bad input as clear errors."""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import InputError
from lagebild.ingest import discover, read_path
from lagebild.ingest.decode import decode_bytes, looks_binary
from lagebild.model import Document

ARTICLE = (
    "Regierung beschließt Reform\n\n"
    "Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des Ministeriums im kommenden Jahr "
    "in Kraft treten soll. Kritiker halten die Reform für unzureichend und fordern weitere Schritte.\n\n"
    "Der Minister sagte, man werde die Auswirkungen genau beobachten und das Gesetz bei Bedarf nachbessern.\n"
)
PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Reform beschlossen | Beispielzeitung</title>
<meta property="og:title" content="Regierung beschließt Reform">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">
<script>var x = "<p>kein Text</p>";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Regierung beschließt Reform</h1>
<p>Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des <b>Ministeriums</b> im kommenden Jahr in Kraft treten soll &amp; vieles ändert.</p>
<p>Kritiker halten die Reform für unzureichend und fordern weitere Schritte, wie mehrere Verbände am Dienstag in Berlin mitteilten.</p>
<p>Der Minister sagte, man werde die Auswirkungen genau beobachten und das Gesetz bei Bedarf nachbessern. Eine erste Bilanz sei für den Herbst geplant.</p>
</article><footer>© 2024 Beispielzeitung</footer></body></html>"""


def read_all(path: Path) -> list[Document | InputError]:
    return list(read_path(path))


def test_txt_encodings_recorded(tmp_path: Path) -> None:
    cases = {
        "utf8.txt": (ARTICLE.encode("utf-8"), "utf-8"),
        "utf8bom.txt": (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
        "utf16.txt": (ARTICLE.encode("utf-16"), "utf-16"),
        "utf16le_nobom.txt": (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        "cp1252.txt": ((ARTICLE + "„Zitat“ – 5 €\n").encode("cp1252"), "cp1252"),
    }
    for name, (data, enc) in cases.items():
        (tmp_path / name).write_bytes(data)
        (doc,) = read_all(tmp_path / name)
        assert isinstance(doc, Document), doc
        assert doc.source.encoding == enc, (name, doc.source.encoding, doc.source.encoding_reason)
        assert doc.source.encoding_reason
        assert "beschließt" in doc.original


def test_latin1_umlauts(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").write_bytes("Größere Änderungen für Bürger in Österreich und München.\n".encode("latin-1"))
    (doc,) = read_all(tmp_path / "l1.txt")
    assert isinstance(doc, Document) and "Größere Änderungen" in doc.original


def test_bad_inputs_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "fake.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "blank.txt").write_text("   \n\n ")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    for name, word in [("empty.txt", "empty"), ("fake.txt", "PDF"), ("blank.txt", "whitespace"), ("bin.txt", "binary")]:
        (err,) = read_all(tmp_path / name)
        assert isinstance(err, InputError) and word in str(err) and name in str(err)
        assert "\n" not in str(err)


def test_huge_file_refused_quickly_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse 200 MB file
        fh.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    (err,) = read_all(big)
    assert isinstance(err, InputError) and "too large" in str(err)
    assert time.perf_counter() - started < 1.0


def test_html_offsets_point_into_the_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    (doc,) = read_all(path)
    assert isinstance(doc, Document), doc
    assert doc.source.format == "html" and doc.source.offsets_base == "file"
    assert doc.original == PAGE
    assert "kein Text" not in doc.text and "color:red" not in doc.text
    assert "Kritiker halten die Reform" in doc.text
    assert doc.meta.published.value == "2024-03-05" and doc.meta.title == "Regierung beschließt Reform"
    for seg in doc.offsets.segments:
        assert doc.text[seg.text_start : seg.text_start + seg.length] == doc.original[seg.orig_start : seg.orig_start + seg.length]
    i = doc.text.index("Kritiker halten")
    start, end = doc.offsets.to_original(i, i + len("Kritiker halten"))
    assert doc.original[start:end] == "Kritiker halten"


def test_truncated_and_script_only_html(tmp_path: Path) -> None:
    (tmp_path / "trunc.html").write_text(PAGE[: PAGE.index("Kritiker") + 40], "utf-8")
    got = read_all(tmp_path / "trunc.html")
    assert len(got) == 1  # a document or a clear error, never an exception
    if isinstance(got[0], Document):
        assert "Die Regierung hat am Montag" in got[0].text
    (tmp_path / "script.html").write_text("<html><head><script>" + "var a=1;" * 500 + "</script></head><body></body></html>")
    (err,) = read_all(tmp_path / "script.html")
    assert isinstance(err, InputError) and "main text" in str(err)


def test_jsonl_bad_lines_reported_with_line_numbers(tmp_path: Path) -> None:
    rec = {"title": "Reform beschlossen", "maintext": ARTICLE, "date_publish": "2024-11-10 15:57:00",
           "authors": ["Hans Meier", "Anna Schmidt"], "url": "https://www.example.de/politik/reform", "source_domain": "example.de",
           "language": "de"}
    lines = [json.dumps(rec), "{not json", json.dumps({**rec, "maintext": ARTICLE + "Zweiter Text."}), json.dumps({"title": "ohne Text"}), ""]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines), "utf-8")
    got = read_all(path)
    docs = [g for g in got if isinstance(g, Document)]
    errors = [g for g in got if isinstance(g, InputError)]
    assert [d.id for d in docs] == ["export-1", "export-3"]
    assert [d.source.record for d in docs] == [1, 3]
    assert "line 2" in str(errors[0]) and "line 4" in str(errors[1]) and "export.jsonl" in str(errors[0])
    d = docs[0]
    assert d.original == ARTICLE and d.source.offsets_base == "record"
    assert (d.meta.title, d.meta.author, d.meta.outlet, d.meta.language) == ("Reform beschlossen", "Hans Meier, Anna Schmidt", "example.de", "de")
    assert (d.meta.published.value, d.meta.published.precision) == ("2024-11-10T15:57", "minute")


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"headline": "A", "articleBody": ARTICLE}), "utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": ARTICLE}, {"text": ARTICLE + "x"}, 5]), "utf-8")
    (tmp_path / "broken.json").write_text('{"text": "abc"', "utf-8")
    (one,) = read_all(tmp_path / "one.json")
    assert isinstance(one, Document) and one.id == "one" and one.meta.title == "A"
    many = read_all(tmp_path / "many.json")
    assert [getattr(m, "id", None) for m in many[:2]] == ["many-1", "many-2"]
    assert isinstance(many[2], InputError) and "record 3" in str(many[2])
    (err,) = read_all(tmp_path / "broken.json")
    assert isinstance(err, InputError) and "invalid JSON" in str(err)


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
                                            warc_headers_dict={"WARC-Date": "2024-03-06T08:00:00Z"})
            writer.write_record(rec)


def test_warc_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://example.de/a", PAGE), ("https://example.de/b", "<html><body></body></html>")])
    got = read_all(path)
    docs = [g for g in got if isinstance(g, Document)]
    assert len(docs) == 1 and docs[0].id == "crawl-1" and docs[0].source.url == "https://example.de/a"
    assert docs[0].meta.published.value == "2024-03-05"  # not after the crawl date
    assert any(isinstance(g, InputError) and "response 2" in str(g) for g in got)
    doc = docs[0]
    for seg in doc.offsets.segments:
        assert doc.text[seg.text_start : seg.text_start + seg.length] == doc.original[seg.orig_start : seg.orig_start + seg.length]


def test_discover_folders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE)
    (tmp_path / "sub" / "c.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(ARTICLE)
    found = [p.name for p in discover([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.txt", "b.html"]
    assert isinstance(next(iter(discover([tmp_path / "nope"]))), InputError)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_never_crashes(data: bytes) -> None:
    if looks_binary(data):
        return
    text, enc, reason = decode_bytes(data, "x")
    assert isinstance(text, str) and enc and reason


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=500), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_text_roundtrips_through_decoding(text: str, enc: str) -> None:
    data = text.encode(enc)
    if not data or looks_binary(data):
        return
    decoded, _, _ = decode_bytes(data, "x")
    assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff") or (enc == "utf-8" and decoded == text)


def test_gzip_json_is_refused_with_reason(tmp_path: Path) -> None:
    (tmp_path / "x.gz").write_bytes(gzip.compress(b'{"a": 1}'))
    (err,) = read_all(tmp_path / "x.gz")
    assert isinstance(err, InputError) and "gzip" in str(err)


@pytest.mark.parametrize("name", ["000_5471b6a4f19db887.txt"])
def test_example_file_reads(examples_dir: Path, name: str) -> None:
    (doc,) = read_all(examples_dir / name)
    assert isinstance(doc, Document) and doc.id == name[:-4] and doc.source.encoding == "utf-8"


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text(PAGE, "utf-8")
    (doc,) = read_all(tmp_path / "saved.txt")
    assert isinstance(doc, Document) and doc.source.format == "html" and "<p>" not in doc.text
