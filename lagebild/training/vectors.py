"""Train small German word vectors (PPMI + truncated SVD) on openly licensed text only.

Text: the GermEval 2014 *train* sentences and the LER court-decision sentences (both CC BY 4.0).
Never the GermEval dev file, never NC-licensed text. Writes a word2vec text file keyed by the
lower-cased word (spaCy's ``NORM`` for German), for ``spacy init vectors --attr NORM``.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from lagebild.evaluation.ner import read_germeval

GERMEVAL_TRAIN = "germeval2014_ner/NER-de-train.normalized.tsv.gz"
LER_TRAIN = "ler_legal_ner/ler_train_derived.conll.gz"


def sentences(data: Path) -> Iterator[list[str]]:
    """Yield lower-cased token lists from the CC BY training texts."""
    with gzip.open(data / GERMEVAL_TRAIN, "rt", encoding="utf-8") as fh:
        for sent in read_germeval(fh):
            yield [t.lower() for t in sent.tokens]
    with gzip.open(data / LER_TRAIN, "rt", encoding="utf-8") as fh:
        words: list[str] = []
        for line in fh:
            line = line.strip()
            if not line:
                if words:
                    yield words
                words = []
                continue
            words.append(line.rsplit(" ", 1)[0].lower())
        if words:
            yield words


def e5_type_vectors(sents: list[list[str]], vocab: list[str], dims: int) -> np.ndarray:
    """Per word type, the mean of its multilingual-e5-small middle-layer states over ``sents``
    (cased words in context; averaged under the lower-cased form), reduced to ``dims`` by PCA.

    These carry what the accurate mode's encoder knows about a word into a static table that
    costs nothing at run time. Rows of words never met stay zero.
    """
    from lagebild.entities.accurate.engine import load_engine

    engine = load_engine()
    index = {w: i for i, w in enumerate(vocab)}
    total: np.ndarray | None = None
    count = np.zeros(len(vocab), dtype=np.float64)
    for start in range(0, len(sents), 64):
        batch = sents[start:start + 64]
        for words, states in zip(batch, engine(batch), strict=True):
            if total is None:
                total = np.zeros((len(vocab), states.shape[1]), dtype=np.float64)
            for w, v in zip(words, states, strict=True):
                i = index.get(w.lower())
                if i is not None:
                    total[i] += v
                    count[i] += 1
    assert total is not None
    seen = count > 0
    mean = total[seen] / count[seen, None]
    mean -= mean.mean(axis=0)
    _, _, vt = np.linalg.svd(mean[:: max(1, len(mean) // 20000)], full_matrices=False)
    out = np.zeros((len(vocab), dims), dtype=np.float64)
    proj = mean @ vt[:dims].T
    out[seen] = proj / (np.linalg.norm(proj, axis=1, keepdims=True) + 1e-8)
    print(f"e5 type vectors: {int(seen.sum())} of {len(vocab)} words met in {len(sents)} sentences", file=sys.stderr)
    return out


def train_vectors(data: Path, out: Path, *, vocab_size: int = 30000, dims: int = 64, window: int = 2,
                  e5_sentences: list[list[str]] | None = None, e5_dims: int = 32, e5_cache: Path | None = None,
                  seed: int = 0) -> Path:
    """Build a PPMI matrix over a ±``window`` context and keep the top ``dims`` SVD dimensions.

    The SVD starts from a vector drawn with ``seed`` and every dimension's sign is fixed (its
    largest entry positive), so a rerun on the same text writes the same vectors, and the
    clusters built from them (``lagebild.training.ner_crf``) come out the same.

    With ``e5_sentences`` (cased, tokenised text), each row is extended by ``e5_dims`` dimensions
    of ``e5_type_vectors`` (needs the accurate mode's engine at training time only), cached in
    ``e5_cache`` (an ``.npz`` file) because the encoder pass takes minutes.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    sents = list(sentences(data))
    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= 3]
    index = {w: i for i, w in enumerate(vocab)}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for s in sents:
        ids = np.array([index.get(w, -1) for w in s], dtype=np.int64)
        for d in range(1, window + 1):
            a, b = ids[:-d], ids[d:]
            keep = (a >= 0) & (b >= 0)
            rows += [a[keep], b[keep]]
            cols += [b[keep], a[keep]]
    r, c = np.concatenate(rows), np.concatenate(cols)
    n = len(vocab)
    mat = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n, n)).tocsr()
    mat.sum_duplicates()
    total = mat.sum()
    row_sum = np.asarray(mat.sum(axis=1)).ravel()
    col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75  # context distribution smoothing
    col_sum = col_sum / col_sum.sum() * total
    coo = mat.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(n, n)).tocsr()
    start = np.random.default_rng(seed).uniform(-1.0, 1.0, size=n)
    u, s, _ = svds(ppmi, k=dims, v0=start)
    order = np.argsort(s, kind="stable")  # ascending, as scipy returns them (and the shipped vectors have them)
    u, s = u[:, order], s[order]
    u *= np.sign(u[np.abs(u).argmax(axis=0), np.arange(u.shape[1])])
    vecs = u * np.sqrt(s)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    if e5_sentences:
        if e5_cache is not None and e5_cache.exists() and list(np.load(e5_cache)["vocab"]) == vocab:
            extra = np.load(e5_cache)["vectors"]
        else:
            extra = e5_type_vectors(e5_sentences, vocab, e5_dims)
            if e5_cache is not None:
                e5_cache.parent.mkdir(parents=True, exist_ok=True)
                np.savez(e5_cache, vectors=extra, vocab=np.array(vocab))
        vecs = np.hstack([vecs, extra])
        dims += e5_dims
    write_text_vectors(out, vocab, vecs)
    print(f"vectors: {n} words x {dims} dims from {len(sents)} sentences -> {out}", file=sys.stderr)
    return out


def write_text_vectors(out: Path, vocab: list[str], vecs: np.ndarray) -> None:
    """A word2vec text file (what ``spacy init vectors`` reads); words with spaces are left out."""
    out.parent.mkdir(parents=True, exist_ok=True)
    keep = [i for i, w in enumerate(vocab) if " " not in w and w]
    with out.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(keep)} {vecs.shape[1]}\n")
        for i in keep:
            fh.write(vocab[i] + " " + " ".join(f"{x:.4f}" for x in vecs[i]) + "\n")


def read_text_vectors(path: Path) -> tuple[list[str], np.ndarray]:
    """The words and rows of a file written by ``write_text_vectors``."""
    words: list[str] = []
    rows: list[list[float]] = []
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split(" ")
            words.append(parts[0])
            rows.append([float(x) for x in parts[1:]])
    return words, np.array(rows, dtype=np.float32)


def e5_vocabulary(train: list[list[str]], data: Path, ler_min: int = 5) -> list[str]:
    """Word forms (as written) to give e5 piece vectors, most frequent first: every form of the
    training sentences ``train`` and the LER forms met ``ler_min`` times.

    The table is keyed by the form as written (spaCy's ``ORTH``): spaCy stores a table's key
    attribute only for floret tables, so a default table initialised with ``--attr NORM`` is
    looked up by ``ORTH`` again once the pipeline is saved and loaded, and lower-cased keys would
    never match a capitalised word (every German noun and most names).
    """
    counts: Counter[str] = Counter(w for s in train for w in s)
    ler: Counter[str] = Counter()
    with gzip.open(data / LER_TRAIN, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                ler[line.rsplit(" ", 1)[0]] += 1
    for w, c in ler.items():
        if c >= ler_min or w in counts:
            counts[w] += c
    return [w for w, _ in counts.most_common() if w and " " not in w]


def key_as_written(model: Path, forms: Iterable[str]) -> int:
    """Give every form in ``forms`` the row of its lower-cased word in ``model``'s vector table.

    The PPMI table has one row per lower-cased word. spaCy 3.8 saves a table's key attribute only
    for floret tables, so a saved pipeline looks its vectors up by ``ORTH``: without these keys
    "Berlin", "Die" and every German noun would get the zero vector. The new keys share the
    existing rows (no new vectors, the table's size is unchanged). ``model`` is rewritten in
    place; returns the number of keys added.
    """
    from spacy.vocab import Vocab

    # The vocabulary alone: a pipeline's components may name training-only functions.
    vocab = Vocab().from_disk(model / "vocab")
    vectors = vocab.vectors
    strings = vocab.strings
    added = 0
    for form in sorted(set(forms)):
        lower = form.lower()
        key = strings[form]
        if form == lower or key in vectors.key2row:
            continue
        row = vectors.key2row.get(strings[lower])
        if row is not None:
            vectors.add(key, row=row)
            added += 1
    vocab.to_disk(model / "vocab")
    return added
