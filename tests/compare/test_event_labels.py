"""Fallback agent phrases in event labels (when no entity is the agent)."""

from __future__ import annotations

from lagebild.compare.events import _agent_phrase


def test_agent_phrase_stops_before_auxiliaries_and_modals() -> None:
    assert _agent_phrase("Das Militär soll Hunderte Dörfer") == "Das Militär"
    assert _agent_phrase("Die Truppen haben") == "Die Truppen"


def test_prepositional_phrases_and_long_fragments_are_not_agents() -> None:
    assert _agent_phrase("Mit auf das Schlachtfeld") == ""
    assert _agent_phrase("Die vielen neuen jungen gut ausgebildeten Soldaten") == ""
    assert _agent_phrase("") == ""


def test_sentence_label_in_the_articles_words_without_connective_or_pronoun() -> None:
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    text = "Deshalb hat die Regierung am Montag das Gesetz beschlossen."
    trig = text.index("beschlossen")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 11)) == "Die Regierung hat am Montag das Gesetz beschlossen"
    text = "Er kündigte seinen Rückzug aus der Politik an."
    trig = text.index("kündigte")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 8), "Anna Muster") == "Anna Muster kündigte seinen Rückzug aus der Politik an"
    assert not sentence_label(text, Span(0, len(text)), Span(trig, trig + 8)).lower().startswith("er ")


def test_sentence_label_keeps_a_noun_subject() -> None:
    """Counter-example: "Sie" is dropped, "Die Feuerwehr" (a noun subject) is kept."""
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    text = "Die Feuerwehr evakuierte in der Nacht 300 Anwohner."
    trig = text.index("evakuierte")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 10)) == "Die Feuerwehr evakuierte in der Nacht 300 Anwohner"


def test_sentence_label_never_crashes_on_bad_spans() -> None:
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    assert sentence_label("kurz", Span(0, 100), Span(50, 60)) == ""
    assert sentence_label("", Span(0, 0), Span(0, 0)) == ""


def test_pronoun_after_a_leading_verb_is_replaced() -> None:
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    text = "beschuldigte er den Minister der Lüge."
    assert sentence_label(text, Span(0, len(text)), Span(0, 12), "Anna Muster") == "Anna Muster beschuldigte den Minister der Lüge"
    assert sentence_label(text, Span(0, len(text)), Span(0, 12)) == "Beschuldigte den Minister der Lüge"
    keep = "beschuldigte die Ministerin den Kanzler."  # counter-example: a noun subject stays
    assert sentence_label(keep, Span(0, len(keep)), Span(0, 12)) == "Die Ministerin beschuldigte den Kanzler"  # and goes first


def test_a_fronted_verb_is_put_after_its_subject_but_not_after_an_object() -> None:
    """A clause cut after a quote starts with its verb: the name after it is the subject and goes first;
    after a dropped pronoun ("beschuldigte er die Nordbank") the noun is the object and stays put."""
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    text = "„Wir streiken“, kündigte Bezirksleiter Anna Muster an."
    trig = text.index("kündigte")
    start = text.index("kündigte")
    assert sentence_label(text, Span(start, len(text)), Span(trig, trig + 8)) == "Bezirksleiter Anna Muster kündigte an"
    text = "Dann beschuldigte er die Nordbank des Betrugs."
    trig = text.index("beschuldigte")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 12)) == "Beschuldigte die Nordbank des Betrugs"
    text = "Am Montag sind Kanzler Olaf Scholz und Innenministerin Nancy Faeser in das Flutgebiet gereist."
    trig = text.index("gereist")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 7)).startswith("Am Montag sind")  # not reordered


def _label(text: str, word: str, agent: str | None = None) -> str:
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    i = text.index(word)
    return sentence_label(text, Span(0, len(text)), Span(i, i + len(word)), agent)


def test_an_aside_in_brackets_neither_cuts_the_subject_off_nor_fills_the_label() -> None:
    assert _label("Parteichefin Anna Muster (52, SPD) hatte am Abend ihren Rückzug angekündigt.", "angekündigt") == (
        "Parteichefin Anna Muster hatte am Abend ihren Rückzug angekündigt"
    )
    # counter-example: a bracket that holds the trigger is the label's own text
    assert "zurückgetreten" in _label("Die Partei (deren Chefin zurückgetreten ist) schwieg.", "zurückgetreten")


def test_a_closed_relative_clause_before_the_verb_is_left_out() -> None:
    text = "Die Zahl der Menschen, die bei dem Erdrutsch ums Leben kamen, ist am Dienstag auf 12 gestiegen."
    assert _label(text, "gestiegen") == "Die Zahl der Menschen ist am Dienstag auf 12 gestiegen"
    # counter-example: the relative clause that holds the trigger stays
    assert "ums Leben kamen" in _label(text, "kamen")


def test_a_dateline_before_the_first_sentence_is_dropped() -> None:
    assert _label("Talheim Die Polizei nahm den Fahrer noch am Tatort fest.", "nahm") == "Die Polizei nahm den Fahrer noch am Tatort fest"
    # counter-example: a title and a name before the verb are the subject, not a dateline
    assert _label("Bundesministerin Anna Muster besuchte die Stadt.", "besuchte") == "Bundesministerin Anna Muster besuchte die Stadt"


def test_page_furniture_before_the_first_word_is_dropped() -> None:
    assert _label("\\Die Polizei nahm den Fahrer fest.", "nahm") == "Die Polizei nahm den Fahrer fest"


def test_a_sentence_initial_pronoun_takes_the_name_of_the_sentence_before() -> None:
    from compare_helpers import make_doc, run_events

    from lagebild.compare import CorpusContext, CorpusResult
    from lagebild.compare.events import EventMerger

    def labels(text: str, ents: list[tuple[str, str, str]]) -> list[str]:
        doc = run_events(make_doc("a", text, published="2023-03-06", entities=ents))
        ctx = CorpusContext(docs=[doc], result=CorpusResult())
        ctx.result.stories = [{"id": "s", "members": [{"doc": "a"}]}]
        EventMerger()(ctx)
        return [e["label"] for e in ctx.result.events if e["type"] == "call"]

    ents = [("Nordmetall", "ORG", "Nordmetall")]
    assert labels("Die Gewerkschaft Nordmetall verhandelt seit Wochen. Sie hat zu dem Warnstreik aufgerufen.", ents) == [
        "Nordmetall hat zu dem Warnstreik aufgerufen"
    ]
    # counter-examples: "Er" is no organisation; a name two sentences back is too far
    (label,) = labels("Die Gewerkschaft Nordmetall verhandelt seit Wochen. Er hat zu dem Warnstreik aufgerufen.", ents)
    assert not label.startswith("Nordmetall")
    (label,) = labels("Nordmetall verhandelt. Die Lage ist ernst. Sie hat zu dem Warnstreik aufgerufen.", ents)
    assert not label.startswith("Nordmetall")


def test_sie_with_a_plural_verb_is_they_not_the_name_before() -> None:
    from compare_helpers import make_doc, run_events

    from lagebild.compare import CorpusContext, CorpusResult
    from lagebild.compare.events import EventMerger

    def labels(text: str) -> list[str]:
        ents = [("Hans Meier", "PER", "Hans Meier"), ("Anna Meier", "PER", "Anna Meier")]
        doc = run_events(make_doc("a", text, published="2023-03-06", entities=ents))
        ctx = CorpusContext(docs=[doc], result=CorpusResult())
        ctx.result.stories = [{"id": "s", "members": [{"doc": "a"}]}]
        EventMerger()(ctx)
        return [e["label"] for e in ctx.result.events if e["type"] == "demand"]

    (label,) = labels("Bürgermeister Hans Meier empfing die Demonstranten. Sie forderten den Rücktritt des Ministers.")
    assert "Meier" not in label
    (label,) = labels("Bürgermeister Hans Meier empfing die Demonstranten. Sie fordern den Rücktritt des Ministers.")
    assert "Meier" not in label
    # a singular verb: "Sie" is the woman named before
    (label,) = labels("Bürgermeisterin Anna Meier empfing die Demonstranten. Sie forderte den Rücktritt des Ministers.")
    assert label.startswith("Anna Meier forderte")
    (label,) = labels("Bürgermeisterin Anna Meier empfing die Demonstranten. Sie hat den Rücktritt des Ministers gefordert.")
    assert label.startswith("Anna Meier hat")


def test_leading_words_are_data_and_left_out_of_labels() -> None:
    """The connectives a label drops come from cues.toml, and a noun subject after one is kept."""
    from lagebild.events.dates import CUES
    from lagebild.events.label import LEADING, sentence_label
    from lagebild.model import Span

    assert frozenset(CUES["leading"]) == LEADING and "unterdessen" in LEADING
    text = "Unterdessen hat der Gemeinderat die Sperrstunde beschlossen."
    trig = text.index("beschlossen")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 11)) == "Der Gemeinderat hat die Sperrstunde beschlossen"
    # a word that only looks like one: "Dach" opens no connective ("Dachstuhl" stays)
    text = "Dachstuhl brannte in der Nacht vollständig ab."
    trig = text.index("brannte")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 7)).startswith("Dachstuhl")


def test_a_relative_clause_label_names_its_antecedent_and_a_subordinator_is_dropped() -> None:
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    def label(text: str, trig: str) -> str:
        t = text.index(trig)
        return sentence_label(text, Span(0, len(text)), Span(t, t + len(trig)))

    assert label("Die Polizei sucht zwei Männer, die seit dem Überfall am Donnerstag untergetaucht sind und festgenommen wurden.",
                 "festgenommen").startswith("Männer, die seit dem Überfall")
    assert label("Er sagte, dass die Polizei einen Schlepper in Südserbien festgenommen habe.", "festgenommen") == (
        "Die Polizei einen Schlepper in Südserbien festgenommen habe")
    assert label("Darin warnten die Pädagogen vor Kürzungen.", "warnten") == "Die Pädagogen warnten vor Kürzungen"
    # must not fire: a clause that opens with an article is no relative clause, and "Während" is a preposition
    assert label("Die Feuerwehr evakuierte in der Nacht 300 Anwohner.", "evakuierte") == "Die Feuerwehr evakuierte in der Nacht 300 Anwohner"
    assert label("Während der Demonstration wurden zwei Polizisten verletzt.", "verletzt").startswith("Während der Demonstration")
    # must not fire: a list after a comma is no relative clause, and a verb before the noun is no adjective
    assert label("Berichte nennen Südkorea, die Ukraine und der Westen, Nordkorea habe Soldaten entsandt.", "entsandt").startswith(
        "Die Ukraine und der Westen")
    assert label("Die Polizei fand die jungen Männer, die am Abend festgenommen wurden.", "festgenommen") == (
        "Die jungen Männer, die am Abend festgenommen wurden")


def test_a_sentence_adverb_by_its_ending_is_no_subject_nor_a_label_opener() -> None:
    from compare_helpers import make_doc, run_events

    from lagebild.events.dates import sentence_adverb
    from lagebild.events.label import sentence_label
    from lagebild.model import Span

    text = "Glücklicherweise kenterte das Boot erst nahe am Ufer."
    trig = text.index("kenterte")
    assert sentence_label(text, Span(0, len(text)), Span(trig, trig + 8)) == "Das Boot kenterte erst nahe am Ufer"
    assert all(a.data.get("agent_text") is None for a in run_events(make_doc("x", text)).of_kind("event"))
    # must not fire: nouns that end alike ("Verweise", "Beweise", "Hinweise")
    assert sentence_adverb("möglicherweise") and not any(sentence_adverb(w) for w in ("Verweise", "Beweise", "Hinweise", "weise"))
