"""Run-on text (tables, unpunctuated dumps): tense cues are looked for near the expression only."""

from __future__ import annotations

from lagebild.timex import parse_value, tag


def test_distant_future_cue_does_not_flip_a_past_weekday() -> None:
    dct = parse_value("2024-10-25")  # a Friday
    filler = " ".join(["und die Lage blieb angespannt"] * 60)  # ~1,800 characters, no sentence end
    text = f"Die Regierung bestätigte am Mittwoch den Bericht {filler} in den kommenden Monaten"
    values = {t.value for t in tag(text, dct) if text[t.start : t.end].startswith("Mittwoch")}
    assert values == {"2024-10-23"}


def test_long_unpunctuated_text_is_tagged_completely() -> None:
    dct = parse_value("2024-10-25")
    text = " ".join(["Der Minister sagte am Montag in Berlin es gehe weiter"] * 2000)
    found = [t for t in tag(text, dct) if text[t.start : t.end] == "Montag"]
    assert len(found) == 2000
    assert {t.value for t in found} == {"2024-10-21"}
