"""The stage of a stepwise published count a figure is from (poll → exit poll → … → official result)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lagebild.compare.figure_stage import stage_at


def _stage(text: str) -> str | None:
    found = stage_at(text, (0, len(text)))
    return found.id if found else None


def test_the_longest_cue_wins() -> None:
    assert _stage("Nach dem vorläufigen amtlichen Endergebnis kommt die Partei auf 12 Prozent.") == "preliminary result"
    assert _stage("Nach dem amtlichen Endergebnis kommt die Partei auf 12 Prozent.") == "final result"
    assert _stage("Laut Hochrechnung liegt die Partei bei 12 Prozent.") == "projection"


def test_a_sentence_naming_two_stages_does_not_say_which_is_its_own() -> None:
    assert _stage("Nach der Prognose lag sie bei 12, im vorläufigen Endergebnis bei 11 Prozent.") is None


def test_an_earlier_sentence_names_the_stage_only_within_the_window() -> None:
    lead = "Die erste Prognose ist da. "
    text = lead + "Die Partei kommt auf 12 Prozent."
    assert stage_at(text, (len(lead), len(text))).id == "exit poll"  # type: ignore[union-attr]
    far = lead + "x" * 500 + " Die Partei kommt auf 12 Prozent."
    assert stage_at(far, (len(far) - 33, len(far))) is None


def test_ordinary_text_names_no_stage() -> None:
    assert _stage("Bei dem Unwetter starben nach Angaben der Polizei zwölf Menschen.") is None
    assert _stage("Das Ergebnis der Untersuchung liegt vor.") is None


@given(st.text(max_size=300), st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_any_text_and_span_is_read_without_error(text: str, a: int, b: int) -> None:
    stage_at(text, (min(a, b), max(a, b)))


def test_a_stage_named_as_the_base_of_a_comparison_is_not_the_figures_stage() -> None:
    assert _stage("Die Liste erhielt 2.100 Stimmen mehr als im vorläufigen Ergebnis.") is None
    assert _stage("Im Vergleich zum vorläufigen Ergebnis gewann die Liste 2.100 Stimmen.") is None
    # the longer cue is the base: its shorter part ("amtlichen Endergebnis") is not read as the stage either
    assert _stage("Gegenüber dem vorläufigen amtlichen Endergebnis verlor die Liste 300 Stimmen.") is None
    # the stage named before, in the article, still counts
    text = "Der Ausschuss stellte das amtliche Endergebnis fest. Die Liste erhielt 2.100 Stimmen mehr als im vorläufigen Ergebnis."
    assert stage_at(text, (text.index("Die Liste"), len(text))).id == "final result"  # type: ignore[union-attr]


def test_a_stage_after_other_words_stays_the_figures_stage() -> None:
    assert _stage("Im vorläufigen Ergebnis kam die Liste auf 12 Prozent.") == "preliminary result"
    assert _stage("Die Liste kam im offiziellen Endergebnis auf 12 Prozent.") == "final result"
    assert _stage("Mehr als im Vorjahr kam die Liste nach dem amtlichen Endergebnis auf 12 Prozent.") == "final result"


def test_the_official_result_is_published_once_and_estimates_are_not() -> None:
    from lagebild.compare.figure_stage import load_stages

    once = {stage.id for stage, _ in load_stages() if stage.once}
    assert once == {"final result"}
