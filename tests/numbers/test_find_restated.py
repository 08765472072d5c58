"""Bare counts that take the noun of the count before them: a part ("21 von ihnen"), a restated count ("waren es 41"),
a count opening a clause after a comma ("…, vier werden noch vermisst"). Texts are written for these tests."""

from __future__ import annotations

from lagebild.numbers import find_quantities


def _found(text: str) -> list[tuple[float, str | None, str]]:
    return [(q.value, q.unit, q.unit_from) for q in find_quantities(text)]


def test_part_of_the_count_before_takes_its_noun() -> None:
    text = "Im Saal waren 80 Gäste. 30 von ihnen kamen aus Polen."
    assert (30, "Gäste", "ellipsis") in _found(text)


def test_larger_number_with_von_ihnen_is_no_part() -> None:
    # "1990 von ihnen" cannot be a part of 80; a year after a count stays no count either
    text = "Im Saal waren 80 Gäste. 1990 von ihnen gegründet, steht der Verein gut da."
    assert [v for v, _, _ in _found(text)] == [80]


def test_restated_count_of_another_source_takes_the_noun_before() -> None:
    text = "Die Firma spricht von 120 Beschäftigten. Dem Betriebsrat zufolge waren es 150, darunter viele Leiharbeiter."
    assert (150, "Beschäftigten", "ellipsis") in _found(text)


def test_bare_number_after_es_without_a_count_before_is_none() -> None:
    assert _found("Es war heiß. Im Sommer waren es 35, sagte er.") == []
    # two sentences back is too far
    assert [v for v, _, _ in _found("Die Firma hat 120 Beschäftigte. Das ist viel. Heute sind es 150.")] == [120]


def test_count_after_a_comma_before_a_framed_verb() -> None:
    text = "Für sieben Männer kam jede Hilfe zu spät, vier werden noch vermisst."
    assert 4 in [v for v, _, _ in _found(text)]
    assert 4 in [v for v, _, _ in _found("Zwei Menschen starben, vier wurden verletzt.")]
    assert _found("Die Feuerwehr kam schnell, vier wurden verletzt.") == []
    assert [v for v, _, _ in _found("Die Partei hat 12 Sitze, fünf werden neu besetzt.")] == [12]
