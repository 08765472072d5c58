"""Event mentions in single sentences: class, agents, patients, places, date, modality."""

from __future__ import annotations

from compare_helpers import make_doc, run_events
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.events.dates import interval_of


def _events(doc):
    return [(a.label, a) for a in doc.of_kind("event")]


def test_active_sentence_with_agents_place_and_date() -> None:
    doc = make_doc(
        "a",
        "Die Präsidentin Maria Muster und Jan Beispiel unterzeichneten im März in Lissabon ein Abkommen.",
        entities=[("Maria Muster", "PER", "Maria Muster"), ("Jan Beispiel", "PER", "Jan Beispiel"), ("Lissabon", "LOC", "Lissabon")],
        timexes=[("im März", "2023-03", "month")],
    )
    run_events(doc)
    (label, ev), = _events(doc)
    assert label == "sign"
    names = {doc.get(i).surface for i in ev.data["agent_anns"]}
    assert names == {"Maria Muster", "Jan Beispiel"}
    assert [doc.get(i).surface for i in ev.data["place_anns"]] == ["Lissabon"]
    assert ev.data["date"] == {"value": "2023-03", "granularity": "month"}
    assert ev.data["object"] == "Abkommen"
    assert ev.data["modality"] == "asserted"


def test_subject_after_fronted_adverb_and_partner_after_mit() -> None:
    doc = make_doc(
        "b",
        "Nun ratifiziert Ostland einen Vertrag mit Westland.",
        entities=[("Ostland", "LOC", "Ostland"), ("Westland", "LOC", "Westland")],
    )
    run_events(doc)
    (label, ev), = _events(doc)
    assert label == "ratify"
    assert [doc.get(i).surface for i in ev.data["agent_anns"]] == ["Ostland"]
    assert [doc.get(i).surface for i in ev.data["patient_anns"]] == ["Westland"]
    assert ev.data["tense"] == "present"


def test_passive_agent_from_von_and_object_bound_verb() -> None:
    doc = make_doc(
        "c",
        "Der Pakt, der während eines Besuchs von Jan Beispiel im Mai geschlossen wurde, gilt weiter.",
        entities=[("Jan Beispiel", "PER", "Jan Beispiel")],
        timexes=[("im Mai", "2022-05", "month")],
    )
    run_events(doc)
    (label, ev), = _events(doc)
    assert label == "sign"  # "schließen" counts only because an agreement noun is in the sentence
    assert [doc.get(i).surface for i in ev.data["agent_anns"]] == ["Jan Beispiel"]
    assert ev.data["date"]["value"] == "2022-05"


def test_schliessen_without_agreement_is_no_event() -> None:
    doc = make_doc("d", "Die Geschäfte schlossen am Abend früher.")
    run_events(doc)
    assert _events(doc) == []


def test_attributive_participle_is_no_event() -> None:
    doc = make_doc("e", "Das unterzeichnete Abkommen tritt in Kraft.")
    run_events(doc)
    assert _events(doc) == []


def test_modality_negation_and_separable_verbs() -> None:
    doc = make_doc(
        "f",
        "Ostland könnte Waffen liefern. Westland kündigte neue Hilfen an. Ostland hat den Vertrag nicht ratifiziert.",
        entities=[("Ostland", "LOC", "Ostland"), ("Westland", "LOC", "Westland")],
    )
    run_events(doc)
    got = {label: ev.data for label, ev in _events(doc)}
    assert got["supply"]["modality"] == "possible"
    assert got["announce"]["modality"] == "asserted"
    assert got["ratify"]["negated"] is True


def test_no_entities_no_timex_still_finds_trigger() -> None:
    doc = make_doc("g", "Das Parlament ratifizierte den Vertrag.")
    run_events(doc)
    (label, ev), = _events(doc)
    assert label == "ratify" and ev.data["agent_anns"] == [] and ev.data["date"] is None


def test_bad_input_never_crashes() -> None:
    for text in ["", " ", "x" * 5000, "日本語のテキスト。", "ratifiziert " * 300]:
        doc = make_doc("h", text)
        run_events(doc)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_interval_of_never_crashes(value: str) -> None:
    iv = interval_of(value)
    assert iv is None or iv.start <= iv.end


def test_interval_of_values() -> None:
    assert interval_of("2024-06").days == 30
    assert interval_of("2024-W45").start.isoformat() == "2024-11-04"
    assert interval_of("2024-11-09TEV").granularity == "day"
    assert interval_of("PRESENT_REF") is None
    assert interval_of("2024-02-31") is None


def test_attribution_from_a_covering_quote() -> None:
    from compare_helpers import PROV

    from lagebild.model import Span

    doc = make_doc("q", "Ostland hat das Abkommen ratifiziert. Das berichtet die Agentur.",
                   entities=[("Ostland", "LOC", "Ostland")])
    sentence = doc.of_kind("sentence")[0].span
    doc.add("quote", Span(sentence.start, sentence.end), PROV, label="reported",
            data={"speaker_text": "die Agentur", "content_span": [sentence.start, sentence.end]})
    run_events(doc)
    (_label, ev), = _events(doc)
    assert ev.data["according_to"] == "die Agentur" and ev.data["modality"] == "reported"
    assert doc.get(ev.data["attribution_ann"]).kind == "quote"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*list("abcdeäöü ABC.,;:–\n"), "ratifizierte ", "unterzeichnet ", "Vertrag ", "kündigte ", " an", "im Juni "]), max_size=80))
def test_events_stage_on_arbitrary_text(pieces: list[str]) -> None:
    doc = make_doc("p", "".join(pieces))
    run_events(doc)
    for ann in doc.of_kind("event"):
        assert doc.text[ann.span.start : ann.span.end] == ann.surface
        s, e = ann.data["sentence_span"]
        assert 0 <= s <= ann.span.start <= ann.span.end <= e <= len(doc.text)


def test_a_sentence_cut_inside_a_date_is_read_whole() -> None:
    from lagebild.events.extract import join_fragments
    from lagebild.model import Span

    text = "Die Polizei zählte am Samstag (20. Januar) rund 35.000 Menschen bei den Demonstrationen. Am Abend war es ruhig."
    cut = text.index("Januar")
    end = text.index(" Am Abend")
    pieces = [Span(0, cut - 1), Span(cut, end), Span(end + 1, len(text))]
    assert join_fragments(text, pieces) == [Span(0, end), Span(end + 1, len(text))]
    # a sentence ending in a number and one that starts with a month name as a word of its own stay apart
    other = "Das Team gewann 3:1 und steht auf Platz 4. Mai ist der Monat der Entscheidung."
    split = other.index("Mai")
    assert join_fragments(other, [Span(0, split - 1), Span(split, len(other))]) == [Span(0, split - 1), Span(split, len(other))]


def _roles(sentence: str, entities: list[tuple[str, str, str]], cls: str) -> tuple[list[str], list[str], list[str], str | None]:
    doc = make_doc("r", sentence, entities=entities)
    run_events(doc)
    ev = next(a for a in doc.of_kind("event") if a.label == cls)
    names = lambda key: [doc.get(i).surface for i in ev.data[key]]  # noqa: E731
    return names("agent_anns"), names("patient_anns"), names("place_anns"), ev.data["agent_text"]


def test_noun_phrase_before_the_verb_is_the_subject_and_a_name_after_it_the_object() -> None:
    agents, patients, _, phrase = _roles(
        "Westliche Regierungen werfen Nordland vor, Kämpfer zu unterstützen.", [("Nordland", "LOC", "Nordland")], "accuse"
    )
    assert agents == [] and patients == ["Nordland"] and phrase == "Westliche Regierungen"
    # counter-example: a fronted adverb leaves the subject after the verb
    agents, _, _, _ = _roles("Gestern warf Nordland dem Nachbarn Spionage vor.", [("Nordland", "LOC", "Nordland")], "accuse")
    assert agents == ["Nordland"]


def test_time_phrases_and_passive_patients_are_no_agent_phrase() -> None:
    assert _roles("In der vergangenen Woche kündigte die Regierung neue Steuern an.", [], "announce")[3] is None
    assert _roles("Am nächsten Morgen wurde der ganze Stadtteil überschwemmt.", [], "flood")[3] is None
    # counter-example: a noun subject before the auxiliary is kept
    assert _roles("Die Bundesspitze hat einen Neustart angekündigt.", [], "announce")[3] == "Die Bundesspitze"


def test_who_speaks_of_a_happening_is_not_its_doer() -> None:
    agents, _, places, _ = _roles(
        "Der Regierungschef Jan Beispiel rief nach den Terroranschlägen in Paris zu Toleranz auf.",
        [("Jan Beispiel", "PER", "Jan Beispiel"), ("Paris", "LOC", "Paris")], "attack",
    )
    assert agents == [] and places == ["Paris"]
    # counter-examples: "von" right after the noun, and a verb of committing it, name the doer
    agents, *_ = _roles("Der Anschlag von Islamisten erschütterte das Land.", [("Islamisten", "ORG", "Islamisten")], "attack")
    assert agents == ["Islamisten"]
    agents, *_ = _roles(
        "Mundt und Beck sollen zwei Sprengstoffanschläge in Köln verübt haben.",
        [("Mundt", "PER", "Mundt"), ("Beck", "PER", "Beck"), ("Köln", "LOC", "Köln")], "attack",
    )
    assert agents == ["Mundt", "Beck"]


def test_a_place_after_von_and_a_noun_is_a_place() -> None:
    agents, _, places, _ = _roles(
        "Bei einer Schlägerei im Lager von Calais sind 40 Menschen verletzt worden.", [("Calais", "LOC", "Calais")], "injure"
    )
    assert agents == [] and places == ["Calais"]
    # counter-example: the passive's "von" after the auxiliary names the doer
    agents, *_ = _roles("Das Dorf wurde von Nordland angegriffen.", [("Nordland", "LOC", "Nordland")], "attack")
    assert agents == ["Nordland"]


def test_a_passive_clause_takes_no_subject_from_the_clause_before() -> None:
    agents, *_ = _roles("Nordstadt – Bei einer Schlägerei sind 40 Menschen verletzt worden.", [("Nordstadt", "LOC", "Nordstadt")], "injure")
    assert agents == []
    # counter-example: an active clause after an insertion keeps the subject before it
    agents, *_ = _roles("Jan Beispiel, der Minister, unterzeichnete das Abkommen.", [("Jan Beispiel", "PER", "Jan Beispiel")], "sign")
    assert agents == ["Jan Beispiel"]


def test_interval_of_an_approximate_range() -> None:
    iv = interval_of("2024-12-20/2024-12-23")
    assert iv is not None and iv.granularity == "range" and iv.days == 4 and iv.value == "2024-12-20/2024-12-23"
    assert interval_of("2024-12-23/2024-12-20") is None  # the wrong way round
    assert interval_of("2024-12-20/2024-02-31") is None


@given(st.dates(), st.integers(min_value=0, max_value=40))
@settings(max_examples=200, deadline=None)
def test_interval_of_a_range_holds_its_days(first, span) -> None:
    import datetime

    last = first + datetime.timedelta(days=span) if first <= datetime.date.max - datetime.timedelta(days=span) else first
    iv = interval_of(f"{first.isoformat()}/{last.isoformat()}")
    if first.year >= 1000 and last.year >= 1000:  # four-digit years only
        assert iv is not None and iv.start == first and iv.end == last and iv.days == (last - first).days + 1
