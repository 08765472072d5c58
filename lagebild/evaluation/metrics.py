"""Precision, recall and F1 from counts: the one place every evaluation computes them."""

from __future__ import annotations

__all__ = ["CountsPRF", "f1", "prf", "prf_counts"]


def f1(precision: float, recall: float) -> float:
    """Return the harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """Return (precision, recall, F1) from true positives, predicted count and gold count."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    return precision, recall, f1(precision, recall)


def prf_counts(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Return (precision, recall, F1) from true positives, false positives and false negatives."""
    return prf(tp, tp + fp, tp + fn)


class CountsPRF:
    """Mixin: ``precision``/``recall``/``f1`` properties for a class with ``tp``, ``fp`` and ``fn``."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return prf_counts(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf_counts(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf_counts(self.tp, self.fp, self.fn)[2]
