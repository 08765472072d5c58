"""The export schema describes plans, announcing sources, bounds of inferred dates and rejected dates."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from lagebild.export.json_export import load_schema

DATE = {"value": None, "precision": None, "inferred": True, "kind": "bounds", "not_before": "2024-03", "not_before_precision": "month"}
DOC = {"id": "a", "path": "a.txt", "title": None, "published": DATE, "author": None, "outlet": None, "section": None,
       "language": "de", "text": "", "removed": [], "rejected_date": {"value": "2031-01-01", "reason": "later than the crawl marker 2024-03"}}
EXPORT: dict[str, Any] = {
    "schema_version": "1", "documents": [DOC], "entities": [], "timexes": [], "quotes": [], "claims": [],
    "events": [{"id": "ev1", "status": "planned", "announced_by": [], "sources": ["a"]},
               {"id": "ev2", "status": "reported", "announced_by": ["a"], "sources": ["b"]}],
    "stories": [], "claim_groups": [], "inconsistencies": [],
    "timeline": [{"event": "ev1", "planned": True}, {"event": "ev2", "planned": False}],
}


def test_the_new_fields_validate() -> None:
    jsonschema.validate(EXPORT, load_schema())


@pytest.mark.parametrize("path, bad", [
    (("events", 0, "status"), "rumoured"),
    (("events", 1, "announced_by"), "a"),
    (("timeline", 0, "planned"), "yes"),
    (("documents", 0, "published", "not_before_precision"), "fortnight"),
    (("documents", 0, "rejected_date"), "2031-01-01"),
])
def test_a_wrong_value_is_refused(path: tuple[Any, ...], bad: Any) -> None:
    broken = copy.deepcopy(EXPORT)
    target: Any = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, load_schema())
