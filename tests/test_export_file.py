"""The export file: any export data written by ``write_export`` reads back equal, one line per list entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.export import write_export

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(), _values | st.lists(_values, max_size=5), max_size=6))
def test_written_export_reads_back_equal(tmp_path_factory: Any, data: dict[str, Any]) -> None:
    path = write_export(data, tmp_path_factory.mktemp("export") / "lagebild.json")
    assert json.loads(path.read_text("utf-8")) == data


def test_one_line_per_entry_and_no_ascii_escapes(tmp_path: Path) -> None:
    data = {"schema_version": "1.0", "documents": [{"id": "a", "title": "Größte Demo"}, {"id": "b\nc"}], "events": []}
    text = write_export(data, tmp_path / "lagebild.json").read_text("utf-8")
    lines = text.splitlines()
    assert lines[3].strip() == '{"id": "a", "title": "Größte Demo"},'  # readable, not \\u-escaped
    assert lines[4].strip() == '{"id": "b\\nc"}'
    assert '"events": []' in text
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is renamed, never left behind"
