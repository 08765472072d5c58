"""The timex scan tries only the branches a word's first letter can start: same matches as the master pattern."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.model import Document, OffsetMap, SourceRef
from lagebild.stages.timex import RuleTimex
from lagebild.timex import rules

PIECES = [
    "am", "im", "vom", "bis", "zum", "seit", "vor", "nach", "3.", "12.", "19.", "2024", "1998", "2024-05-01", "90er",
    "Jahr", "JAHR", "jahres", "Tag", "Montag", "montags", "März", "Mai", "Dezember", "Ende", "Anfang", "Mitte", "des",
    "der", "Neunziger", "Uhr", "14.30", "heute", "gestern", "morgen", "Nacht", "Quartal", "ersten", "drei", "Wochen",
    "Monaten", "Jahrhunderts", "Jh.", "v. Chr.", "31.12.2023", "jährlich", "jeden", "Weihnachten", "Wochenende",
    "vergangenen", "nächsten", ",", ".", "–", "(", ")", "\n\n", "Berlin", "sagte", "ſonntag", "ẞpät", "İm", "١٢", "Ü",
]


def _master_search(text: str, pos: int, endpos: int):  # type: ignore[no-untyped-def]
    return rules.master().search(text, pos, endpos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([" ", "  ", "\u00a0"]))
def test_dispatch_finds_what_the_master_pattern_finds(words: list[str], sep: str) -> None:
    text = sep.join(words)
    fast = list(rules.find_mentions(text))
    original = rules._search
    rules._search = _master_search
    try:
        slow = list(rules.find_mentions(text))
    finally:
        rules._search = original
    assert fast == slow


def test_odd_letters_do_not_fail_the_document() -> None:
    text = "Das Treffen findet jeden ſonntag statt, ẞpät im Jahr 2024, und am 3. März."
    doc = Document(id="d", original=text, source=SourceRef(path="d.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc = RuleTimex()(doc)
    surfaces = [a.surface for a in doc.of_kind("timex")]
    assert any(s.startswith("3. März") for s in surfaces) and any("2024" in s for s in surfaces)
