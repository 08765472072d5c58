"""Golden file of the export on the example corpus: any change in output shows up as a diff.

Rerun with ``pytest tests/test_golden.py --update-golden`` after an intended change and review
the diff of ``tests/golden/ru-kp-treaty.export.json`` before committing it.
"""

from __future__ import annotations

from typing import Any

from tests.stable_export import stable


def test_example_export_matches_golden(example_analysis: dict[str, Any], golden: Any) -> None:
    golden.check("ru-kp-treaty.export.json", stable(example_analysis["export"], digits=3))
