"""The ingest word lists: one reader for every module, and lists spliced into patterns safely."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingest import cue_data, headers, page_dates
from lagebild.stages import meta


def test_one_reader_gives_every_module_the_same_labels() -> None:
    assert page_dates.published_labels() == list(headers._CUES["published_label"]) == list(cue_data.cues("published_label"))
    assert "artikel vom" in page_dates.published_labels()
    assert cue_data.rows("header_cues.tsv") is cue_data.rows("header_cues.tsv")  # read once
    assert cue_data.cues("no such kind") == ()


def test_an_empty_list_matches_nothing() -> None:
    # an empty alternation would match the empty string: every date at a line start "labelled"
    assert cue_data.alternation([]) == cue_data.NEVER == headers._cue_pattern([])
    assert page_dates.opening_label([]).search("Politik | ") is None
    assert page_dates.opening_label([]).search("") is None
    assert re.match(rf"^(?:{cue_data.alternation(['', ' '])})\s*\d", "12.03.2024") is None
    assert page_dates.opening_label(["online seit"]).search("Politik | Online seit ")


@given(st.lists(st.text(alphabet="abc.+*()[]?| -", min_size=1, max_size=8), max_size=5))
def test_words_are_taken_literally(words: list[str]) -> None:
    pattern = re.compile(rf"(?:{cue_data.alternation(words)})\Z")
    for w in words:
        if w.strip():
            assert pattern.match(" ".join(w.split()))


def test_agency_names_are_escaped() -> None:
    assert all(re.fullmatch(headers.AGENCY_PATTERN, name, re.IGNORECASE) for name in headers.AGENCY_NAMES.values())
    # a name with pattern characters stays a name: "A.P." does not match "AxPx", "dpa+AFX" matches itself
    spliced = re.compile(rf"(?:{cue_data.alternation(['A.P.', 'dpa+AFX'])})\Z")
    assert spliced.match("A.P.") and spliced.match("dpa+AFX") and not spliced.match("AxPx") and not spliced.match("dpaaAFX")
    assert meta._AGENCY_WORD.search("Berlin (dpa) -") is not None
