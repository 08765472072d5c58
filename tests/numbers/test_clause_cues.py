"""The clause cue vocabulary is data: the packaged file compiles, and another file changes the cues."""

from __future__ import annotations

from pathlib import Path

from lagebild.numbers.clause_cues import load_clause_cues


def test_packaged_cues_read_wholes_relative_clauses_and_respective_figures() -> None:
    cues = load_clause_cues()
    assert cues.whole_open.search("Von den insgesamt ") and not cues.whole_open.search("Von den Rettern ")
    assert cues.relative.match(", die sich") and not cues.relative.match(", die Polizei")
    assert cues.new_clause.match(" sagte ein Sprecher") and not cues.new_clause.match(" im Krankenhaus gestorben")
    assert cues.respectively.search("300 bzw. 200") and not cues.respectively.search("300 und 200")


def test_another_file_gives_other_cues(tmp_path: Path) -> None:
    path = tmp_path / "cues.toml"
    path.write_text('whole_open = ["of the"]\nrespectively = ["respectively"]\n', encoding="utf-8")
    cues = load_clause_cues(str(path))
    assert cues.whole_open.search("Of the ") and cues.respectively.search("300 and 200 respectively")
    assert not cues.relative.match(", die sich")  # no relative pronouns in that file


def test_packaged_cues_read_verbs_that_take_ueber_as_their_preposition() -> None:
    cues = load_clause_cues()
    assert cues.governs_ueber.search("Die Koalition verfügt ") and cues.governs_ueber.search("diskutierte der Rat ")
    assert not cues.governs_ueber.search("Bis heute wurden weltweit ")


def test_prepositions_before_ueber_are_data(tmp_path: Path) -> None:
    """The prepositions that make "über" a hedge after a verb that governs it come from the data file."""
    from lagebild.numbers.clause_cues import DATA

    text = DATA.read_text(encoding="utf-8")
    custom = tmp_path / "figure_clauses.toml"
    custom.write_text(text.replace('prep_before_ueber = ["von", ', 'prep_before_ueber = ['), encoding="utf-8")
    cues = load_clause_cues(str(custom))
    assert load_clause_cues().prep_before_ueber.search("Die Polizei berichtete von ")
    assert cues.prep_before_ueber.search("Die Polizei berichtete von ") is None
    assert cues.prep_before_ueber.search("Die Zahl stieg auf ")
    # not a preposition at the end of a longer word ("Davon"): whole words only
    assert load_clause_cues().prep_before_ueber.search("Die Anzahl davon ") is None
