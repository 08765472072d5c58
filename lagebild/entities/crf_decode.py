"""Viterbi decoding of a crfsuite model in NumPy, many sentences at once, with the same sums as crfsuite.

crfsuite's tagger converts every feature string of every token to a C++ string and looks it up
in the model's attribute dictionary: ~50 strings per token, the larger half of the NER stage's
CPU. The featuriser's strings depend on the word alone (``crf.Featuriser._word``), so here each
word form is looked up once: its own features become one folded weight vector, its features as a
neighbour become attribute ids. A sentence's state scores are then added up from those, and the
best label path is found for a batch of sentences in a few array operations per token position.

The results equal crfsuite's bit for bit: the weights are read from the model file as the
doubles crfsuite uses (its text dump rounds them), every token's state score is summed in
crfsuite's order (its own features, "bias", then the -1, -2, +1 and +2 neighbours' features),
and the path search makes crfsuite's comparisons and breaks ties as it does (the first best).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

__all__ = ["CrfDecoder", "read_crfsuite"]

#: word forms with cached scores before the cache starts afresh (memory stays flat in corpus size)
_MAX_WORDS = 60_000
#: sentences decoded together (their positions are stepped through as one array)
BATCH = 256


def _cqdb_keys(buf: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk at ``offset``, by id (crfsuite's label and attribute dictionaries)."""
    if buf[offset : offset + 4] != b"CQDB":
        raise ValueError("not a crfsuite model: dictionary chunk missing")
    _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<5I", buf, offset + 4)
    refs = struct.unpack_from(f"<{bwd_size}I", buf, offset + bwd_offset)
    keys = []
    for ref in refs:
        _id, ksize = struct.unpack_from("<2I", buf, offset + ref)
        start = offset + ref + 8
        keys.append(buf[start : start + ksize - 1].decode("utf-8"))
    return keys


def read_crfsuite(path: Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """(labels by id, attribute -> id, state weights (attributes + 1, labels), transitions (labels, labels)).

    The last row of the state weights is zeros: it stands for an attribute the model does not know.
    A file this does not read (another layout, cut short) raises ``ValueError``.
    """
    try:
        return _read_crfsuite(path.read_bytes(), path)
    except (struct.error, IndexError) as exc:  # offsets or ids pointing outside the file or the tables
        raise ValueError(f"unreadable crfsuite model: {path}: {exc}") from exc


def _read_crfsuite(buf: bytes, path: Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    if buf[:4] != b"lCRF" or buf[8:12] != b"FOMC":
        raise ValueError(f"not a crfsuite CRF1d model: {path}")
    (_version, _nf, n_labels, n_attrs, off_features, off_labels, off_attrs,
     _off_lrefs, _off_arefs) = struct.unpack_from("<9I", buf, 12)
    labels = _cqdb_keys(buf, off_labels)
    attrs = _cqdb_keys(buf, off_attrs)
    if len(labels) != n_labels or len(attrs) != n_attrs or buf[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"unreadable crfsuite model: {path}")
    (count,) = struct.unpack_from("<I", buf, off_features + 8)
    feats = np.frombuffer(buf, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                          count=count, offset=off_features + 12)
    state = np.zeros((n_attrs + 1, n_labels))
    trans = np.zeros((n_labels, n_labels))
    is_state = feats["type"] == 0
    if (np.any(feats["type"] > 1) or np.any(feats["dst"] >= n_labels)
            or np.any(feats["src"] >= np.where(is_state, n_attrs, n_labels))):
        raise ValueError(f"unreadable crfsuite model: {path}: a feature outside the label or attribute tables")
    # one feature per (attribute, label) and per (label, label): a plain assignment, as crfsuite's scores
    state[feats["src"][is_state], feats["dst"][is_state]] = feats["w"][is_state]
    trans[feats["src"][~is_state], feats["dst"][~is_state]] = feats["w"][~is_state]
    return labels, {a: i for i, a in enumerate(attrs)}, state, trans


class CrfDecoder:
    """Tag sentences with a crfsuite model whose features come from ``word_features`` (see ``crf.Featuriser``)."""

    def __init__(self, model: Path, word_features: Callable[[str], tuple[list[str], ...]]) -> None:
        self.labels, self._attr_ids, self._state, self._trans = read_crfsuite(model)
        if len(self.labels) > np.iinfo(np.int16).max:
            raise ValueError(f"{model}: more labels than a path search keeps ({len(self.labels)})")
        self._word_features = word_features
        self._unknown = len(self._attr_ids)  # the zero row
        self._bias = self._row("bias")
        self._bos, self._eos = self._row("-1BOS"), self._row("+1EOS")
        self._reset()

    def _row(self, attr: str) -> np.ndarray:
        return self._state[self._attr_ids.get(attr, self._unknown)]

    def _reset(self) -> None:
        self._index: dict[str, int] = {}
        n_labels = len(self.labels)
        self._own = np.zeros((1024, n_labels))  # per word: own features + bias, folded in crfsuite's order
        # per word: attribute ids as -1, -2, +1 and +2 neighbour (padded with the zero row), and how many
        self._ids = {side: np.full((1024, 1), self._unknown, dtype=np.int32) for side in _SIDES}
        self._counts = {side: np.zeros(1024, dtype=np.int32) for side in _SIDES}

    def _attr_list(self, feats: list[str]) -> list[int]:
        get, unknown = self._attr_ids.get, self._unknown
        return [i for i in (get(f, unknown) for f in feats) if i != unknown]

    def _word(self, w: str) -> int:
        k = self._index.get(w)
        if k is not None:
            return k
        own, m1, m2, p1, p2 = self._word_features(w)
        k = len(self._index)
        if k == len(self._own):  # grow every table
            self._own = np.concatenate([self._own, np.zeros_like(self._own)])
            for side in _SIDES:
                ids = self._ids[side]
                self._ids[side] = np.concatenate([ids, np.full_like(ids, self._unknown)])
                self._counts[side] = np.concatenate([self._counts[side], np.zeros_like(self._counts[side])])
        own_ids = self._attr_list(own)
        if own_ids:  # a running sum, one attribute after the other from 0.0, then "bias": crfsuite's order
            self._own[k] = np.cumsum(self._state[own_ids], axis=0)[-1] + self._bias
        else:
            self._own[k] = self._bias
        for side, feats in zip(_SIDES, (m1, m2, p1, p2), strict=True):
            got = self._attr_list(feats)
            ids = self._ids[side]
            if len(got) > ids.shape[1]:
                ids = self._ids[side] = np.pad(ids, ((0, 0), (0, len(got) - ids.shape[1])), constant_values=self._unknown)
            ids[k, : len(got)] = got
            self._counts[side][k] = len(got)
        self._index[w] = k
        return k

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The label sequence of every sentence (crfsuite's ``Tagger.tag`` of its feature strings)."""
        out: list[list[str]] = []
        for start in range(0, len(sentences), BATCH):
            if len(self._index) > _MAX_WORDS:  # between batches: a batch's words stay while it is decoded
                self._reset()
            out += self._tag_batch(sentences[start : start + BATCH])
        return out

    def _add(self, e: np.ndarray, rows: np.ndarray, words: np.ndarray, side: str) -> None:
        """Add to the rows ``rows`` of ``e`` the ``side`` features of ``words`` (one word per row), one
        attribute at a time in the featuriser's order, as crfsuite adds them (a zero row adds nothing)."""
        if not len(rows):
            return
        width = int(self._counts[side][words].max())
        ids = self._ids[side][words]
        block = e[rows]
        for c in range(width):
            block += self._state[ids[:, c]]
        e[rows] = block

    def _tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        # longest first: the sentences still running at a position are a prefix of the batch
        order = sorted((k for k, s in enumerate(sentences) if s), key=lambda k: -len(sentences[k]))
        if not order:
            return out
        get = self._index.get
        ids = [get(w, -1) for k in order for w in sentences[k]]
        if -1 in ids:  # new word forms: their scores first
            words = [w for k in order for w in sentences[k]]
            ids = [k if k >= 0 else self._word(w) for k, w in zip(ids, words, strict=True)]
        flat = np.array(ids, dtype=np.int64)
        lengths = np.array([len(sentences[k]) for k in order], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sent = np.repeat(np.arange(len(order)), lengths)  # each token's sentence (rank in ``order``)
        pos = np.arange(len(flat)) - starts[sent]  # each token's position in its sentence
        left = lengths[sent] - 1 - pos  # tokens after it
        e = self._own[flat]
        rows = np.arange(len(flat))
        e[pos == 0] += self._bos
        self._add(e, r := rows[pos >= 1], flat[r - 1], "m1")
        self._add(e, r := rows[pos >= 2], flat[r - 2], "m2")
        self._add(e, r := rows[left >= 1], flat[r + 1], "p1")
        e[left == 0] += self._eos
        self._add(e, r := rows[left >= 2], flat[r + 2], "p2")
        steps, n_labels = int(lengths[0]), len(self.labels)
        padded = np.zeros((len(order), steps, n_labels))
        padded[sent, pos] = e
        back = np.zeros((len(order), steps, n_labels), dtype=np.int16)  # label ids (crfsuite models have a few dozen labels)
        score = padded[:, 0].copy()
        trans = self._trans
        live_at = np.searchsorted(-lengths, -np.arange(steps), side="left")  # sentences longer than t
        for t in range(1, steps):
            live = int(live_at[t])
            cand = score[:live, :, None] + trans[None, :, :]  # prev[i] + trans[i][j]
            back[:live, t] = cand.argmax(axis=1)  # the first best, as crfsuite's strict comparison
            score[:live] = cand.max(axis=1) + padded[:live, t]
        # trace back from each sentence's last position, all sentences at once
        path = np.zeros((len(order), steps), dtype=np.int64)
        cur = np.zeros(len(order), dtype=np.int64)
        ranks = np.arange(len(order))
        for t in range(steps - 1, -1, -1):
            live = int(live_at[t]) if t else len(order)
            ending = lengths[:live] == t + 1
            cur[:live] = np.where(ending, score[:live].argmax(axis=1), back[ranks[:live], min(t + 1, steps - 1), cur[:live]])
            path[:live, t] = cur[:live]
        labels = self.labels
        for r, k in enumerate(order):
            out[k] = [labels[i] for i in path[r, : lengths[r]]]
        return out


_SIDES = ("m1", "m2", "p1", "p2")
