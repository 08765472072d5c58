"""The trained head of the accurate tagger: standardise, (ReLU hidden layer,) softmax over BILUO tags."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["HEAD_DIR", "Head", "labels_for", "window"]

HEAD_DIR = Path(__file__).resolve().parents[2] / "models" / "ner-e5-head"


def window(x: np.ndarray, context: int) -> np.ndarray:
    """Each word's state followed by its ``context`` left and right neighbours' (zeros past the edges)."""
    if context <= 0:
        return x
    n, d = x.shape
    padded = np.zeros((n + 2 * context, d), x.dtype)
    padded[context:context + n] = x
    parts = [x] + [padded[context + off:context + off + n] for off in range(-context, context + 1) if off]
    return np.concatenate(parts, axis=1)


def labels_for(tags: Iterable[str]) -> tuple[str, ...]:
    """Sorted label list with ``O`` first."""
    return ("O", *sorted({t for t in tags if t != "O"}))


@dataclass
class Head:
    """Weights of the head (float32 at run time, float16 on disk)."""

    mean: np.ndarray
    std: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    w1: np.ndarray | None = None
    b1: np.ndarray | None = None
    labels: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    context: int = 0  # neighbours on each side whose states are appended to a word's own

    @classmethod
    def from_params(cls, params: dict[str, np.ndarray], mean: np.ndarray, std: np.ndarray) -> Head:
        return cls(mean.copy(), std.copy(), params["w2"].copy(), params["b2"].copy(),
                   params["w1"].copy() if "w1" in params else None, params["b1"].copy() if "b1" in params else None)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """``[words, labels]`` probabilities for one sentence's ``[words, hidden]`` encoder states."""
        h = (window(x, self.context) - self.mean) / self.std
        if self.w1 is not None and self.b1 is not None:
            h = np.maximum(h @ self.w1 + self.b1, 0)
        logits = h @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)

    def save(self, folder: Path, meta: dict[str, Any]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"mean": self.mean, "std": self.std, "w2": self.w2, "b2": self.b2}
        if self.w1 is not None and self.b1 is not None:
            arrays.update(w1=self.w1, b1=self.b1)
        half: dict[str, Any] = {k: v.astype(np.float16) for k, v in arrays.items()}
        np.savez_compressed(folder / "head.npz", **half)
        (folder / "meta.json").write_text(
            json.dumps({**meta, "context": self.context, "labels": list(self.labels)}, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path = HEAD_DIR) -> Head:
        data = np.load(folder / "head.npz")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arr = {k: data[k].astype(np.float32) for k in data.files}
        return cls(arr["mean"], arr["std"], arr["w2"], arr["b2"], arr.get("w1"), arr.get("b1"),
                   tuple(meta["labels"]), meta, int(meta.get("context", 0)))
