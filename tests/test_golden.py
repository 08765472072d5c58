"""Golden file of the export on the example corpus: any change in output shows up as a diff.

Rerun with ``pytest tests/test_golden.py --update-golden`` after an intended change and review
the diff of ``tests/golden/ru-kp-treaty.export.json`` before committing it.
"""

from __future__ import annotations

from typing import Any

VOLATILE = {"path", "sources"}


def _stable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_stable(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 3)
    return obj


def test_example_export_matches_golden(example_analysis: dict[str, Any], golden: Any) -> None:
    golden.check("ru-kp-treaty.export.json", _stable(example_analysis["export"]))
