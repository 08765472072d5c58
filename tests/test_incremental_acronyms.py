"""An acronym defined in a stored article: an incremental run resolves it as one run over the union does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lagebild.analyze import analyze_paths
from lagebild.export import build_export
from lagebild.store import open_store

FIRST = {
    "amt.txt": "Anträge stauen sich beim Amt\n\nDas Bundesverwaltungsamt (BVA) in Köln prüft seit Montag die "
    "Anträge auf Förderung. Das BVA rechnet mit einer Bearbeitungszeit von mehreren Wochen, sagte ein "
    "Sprecher am Dienstag.\n",
}
LATER = {
    "linien.txt": "Neue Flüge geplant\n\nDie British Virgin Airways plant zum Sommer drei neue Strecken im Norden. "
    "Laut BVA fehlen dafür aber noch mehr als vierzig Piloten, sagte der Chef der British Virgin Airways, "
    "Peter Krause.\n",
}


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _mentions(export: dict[str, Any]) -> dict[tuple[str, int, int], str]:
    """Each mention (document path, offsets) → the name of its entity."""
    paths = {d["id"]: Path(d["path"]).name for d in export["documents"]}
    return {(paths[m["doc"]], m["start"], m["end"]): e["name"] for e in export["entities"] for m in e["mentions"]}


def test_an_acronym_defined_in_the_first_batch_resolves_as_in_one_run(tmp_path: Path) -> None:
    # the later "BVA" is the stored definition's (one run over both texts says so), not the
    # initials of the later text's "British Virgin Airways": without the stored definition the
    # second run joined them
    _write(tmp_path / "all", {**FIRST, **LATER})
    one = open_store(str(tmp_path / "one.db"))
    analyze_paths([tmp_path / "all"], one, jobs=1)
    _write(tmp_path / "inc", FIRST)
    inc = open_store(str(tmp_path / "inc.db"))
    analyze_paths([tmp_path / "inc"], inc, jobs=1)
    _write(tmp_path / "inc", LATER)
    analyze_paths([tmp_path / "inc"], inc, jobs=1)
    try:
        want, got = _mentions(build_export(one)), _mentions(build_export(inc))
        text = (tmp_path / "all" / "linien.txt").read_text(encoding="utf-8")
        later_bva = [k for k in want if k[0] == "linien.txt" and text[k[1]:k[2]] == "BVA"]
        assert later_bva, "the tagger finds the later BVA"
        assert got == want
    finally:
        one.close()
        inc.close()
