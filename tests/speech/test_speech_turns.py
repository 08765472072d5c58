"""Quotes split by their tag, doubled marks, described speakers and interview turns.

Each rule that fires is paired with a text of another kind where it must not.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lagebild.speech.interview import interview_turns
from lagebild.speech.marks import find_quotations
from tests.speech.helpers import analyse, find_quote, quotes


def _speaker(text: str, fragment: str, *, ner: bool = False) -> str | None:
    doc = analyse(text, extra=["entities.ner.v1"] if ner else None)
    return find_quote(doc, fragment, "direct").data["speaker_text"]


def test_a_quote_continued_after_so_x_keeps_the_speaker() -> None:
    text = "„Wir brauchen jede Hilfe“, so Bürgermeister Jan Ott, „und zwar sofort.“"
    assert _speaker(text, "und zwar sofort") == "Jan Ott"
    text = "„Die Deiche halten“ – so Landrat Uwe Brand – „noch bis morgen früh.“"
    assert _speaker(text, "Die Deiche halten") == "Uwe Brand"
    assert _speaker(text, "noch bis morgen") == "Uwe Brand"


def test_a_tag_with_an_abbreviation_continues_the_quote() -> None:
    text = "„Die Werte sind stabil“, so Dr. Eva Huber, „aber wir beobachten sie weiter.“"
    assert _speaker(text, "aber wir beobachten") == "Eva Huber"
    text = "„Die Brücke hält“, so Prof. Jan Ott, „noch zwei Jahre.“"
    assert _speaker(text, "noch zwei Jahre") == "Jan Ott"
    # must not fire: a sentence end after the tag still separates the quotes
    text = "„Die Brücke hält“, so Jan Ott. Im Stadtrat hieß es dagegen, „die Brücke ist längst marode“."
    assert _speaker(text, "längst marode") is None


def test_no_tag_carried_over_a_sentence_end_or_between_bare_quotes() -> None:
    # A new sentence with its own frame: the earlier tag does not name the later quote's speaker.
    text = "„Wir brauchen jede Hilfe“, so Ott. Die Gemeinde sieht das anders: „Die Vorräte reichen nicht.“"
    assert _speaker(text, "Die Vorräte reichen nicht") != "Ott"
    # Two titles in one sentence, no tag: no speaker for either.
    doc = analyse("Auf dem Programm standen „Die Räuber“ und „Kabale und Liebe“ in der neuen Inszenierung.")
    assert all(q.data["speaker_text"] is None for q in quotes(doc, "direct"))


def test_doubled_quotation_marks_are_one_quote() -> None:
    for text in ("„„Wir sind bereit““, sagte die Ministerin Clara Vogt.", '""Wir sind bereit"", sagte die Ministerin Clara Vogt.'):
        q = find_quote(analyse(text), "Wir sind bereit", "direct")
        assert q.data["speaker_text"] == "Clara Vogt", text
        inner = q.data["content_span"]
        assert text[inner[0] : inner[1]] == "Wir sind bereit", text


def test_a_nested_quote_at_the_start_is_not_a_doubled_mark() -> None:
    text = "„„Tatort“ ist die beste Sendung“, sagte sie."
    pairs, _ = find_quotations(text, 0, len(text))
    assert all(p.width == 1 for p in pairs)
    text = "Er las „‚Faust‘ und mehr“ vor."
    pairs, _ = find_quotations(text, 0, len(text))
    assert [p.width for p in pairs] == [1]


@given(st.text(alphabet="ab „“\"»«‚‘,.", max_size=60))
def test_quotation_pairs_stay_inside_the_text_and_apart(text: str) -> None:
    pairs, _ = find_quotations(text, 0, len(text))
    last = -1
    for p in pairs:
        s, e = p.inner
        assert 0 <= p.start < s <= e <= p.end <= len(text)
        assert p.start >= last
        last = p.end


def test_described_speaker_links_to_the_person_introduced_with_that_noun() -> None:
    text = "Der Biologe Martin Huber untersucht seit Jahren die Bienen im Tal. „Die Völker sind stark geschwächt“, so der Biologe."
    assert _speaker(text, "Die Völker", ner=True) == "Martin Huber"


def test_described_speaker_stays_a_description_when_no_one_or_two_fit() -> None:
    # Another noun introduced the person nearby: the imker is not the biologist.
    text = "Der Imker Karl Maier zeigt die Stöcke. „Die Völker sind stark geschwächt“, so der Biologe."
    assert _speaker(text, "Die Völker", ner=True) == "Biologe"
    # Two biologists: which one spoke is not known.
    text = ("Der Biologe Martin Huber und der Biologe Karl Maier untersuchen die Bienen. "
            "„Die Völker sind stark geschwächt“, so der Biologe.")
    assert _speaker(text, "Die Völker", ner=True) == "Biologe"
    # A plural noun that introduced a group names none of its members.
    text = ("Die Klubobleute Klaus Brenner (ÖVP) und Alfred Moser (SPÖ) stellten den Plan vor. "
            "Vorschläge seien berücksichtigt worden, sagten die Klubobleute.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "Vorschläge seien", "indirect").data["speaker_text"] == "Klubobleute"
    text = "Die Klubobleute Klaus Brenner (ÖVP) und Alfred Moser (SPÖ) stellten den Plan vor. „Wir sind zufrieden“, so die Klubobleute."
    assert _speaker(text, "Wir sind zufrieden", ner=True) == "Klubobleute"


_INTERVIEW = (
    "Die neue Rektorin Sabine Keller will die Studiengebühren abschaffen. "
    "STANDARD: Warum sind Sie dagegen? Keller: Weil sie abschrecken. Viele können sich das Studium nicht leisten. "
    "STANDARD: Was sagt der Minister dazu? Keller: Er ist offen dafür. Wir reden nächste Woche."
)


def test_interview_answers_go_to_the_respondent() -> None:
    doc = analyse(_INTERVIEW, extra=["entities.ner.v1"])
    answers = [q for q in quotes(doc, "direct") if q.data["cue"] == ":"]
    assert len(answers) == 2
    assert all(q.data["speaker_text"] == "Sabine Keller" for q in answers)
    assert any("Viele können sich das Studium nicht leisten" in q.surface for q in answers)
    # the act spans the answer, not its label (the label is where the speaker is named)
    assert all(q.surface.startswith(("Weil", "Er ist")) for q in answers), [q.surface for q in answers]
    assert all(q.span.start == q.data["content_span"][0] for q in answers)
    assert not any("Warum sind Sie dagegen" in q.surface for q in quotes(doc))  # the questions are no answer
    # Line-by-line layout as web pages print it.
    text = "SPIEGEL: Herr Huber, wie geht es weiter?\nHuber: Wir bauen aus.\nSPIEGEL: Wie viel kostet das?\nHuber: Rund zwei Milliarden.\n"
    turns = interview_turns(text, [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)])
    assert [(t.label, t.answer) for t in turns] == [("SPIEGEL", False), ("Huber", True), ("SPIEGEL", False), ("Huber", True)]


def test_labels_without_an_asking_turn_are_no_interview() -> None:
    for text in (
        "Foto: APA. Wien: Die Stadt baut neue Wohnungen. Quelle: Statistik Austria. Hinweis: Die Zahlen sind vorläufig.",
        "Update: Die Polizei meldet zwei Festnahmen. Update: Der Verdächtige ist frei. Korrektur: Es war ein Mann.",
        # one question only: a quoted exchange, not an interview
        "Keller: Wir sind bereit. STANDARD: Wirklich? Keller: Ja. Huber: Nein.",
        # labels that name no one: no respondent to give the answers to
        "Frage: Wie geht es weiter? Antwort: Wir bauen aus. Frage: Wann? Antwort: Im Mai.",
        # a topic-headed explainer: each head asks and answers itself, no one is interviewed
        "Verdi: Warum streikt die Gewerkschaft? Sie fordert mehr Geld.\nBahn: Was sagt die Bahn dazu? Sie hält die "
        "Forderung für überzogen.\nVerdi: Wie lange dauert der Streik? Bis Montag.\nBahn: Gibt es Ersatzverkehr? "
        "Nur teilweise.\n",
        # a live blog: its heads are no interviewer, the sources after them no respondent
        "Update: Wo ist der Verdächtige?\nFeuerwehr: Wir suchen noch.\nUpdate: Gibt es Verletzte?\n"
        "Polizei: Zwei Menschen wurden leicht verletzt.\n",
    ):
        assert interview_turns(text, [(0, len(text))]) == [], text
    # datelines with a question: places are never speakers
    text = "Wien: Die Stadt baut. Graz: Die Stadt plant? Linz: Nichts. Graz: Warum? Wien: Darum."
    doc = analyse(text, extra=["entities.ner.v1"])
    assert not any(q.data["cue"] == ":" for q in quotes(doc))


def test_an_age_noun_names_the_person_of_that_age() -> None:
    text = ("Der Trainer Marco Brandt (40) hat große Pläne. Sein Kollege Jens Ott (52) auch. "
            "„Es wird aber seine Zeit brauchen“, sagte der 40-Jährige.")
    assert _speaker(text, "seine Zeit brauchen", ner=True) == "Marco Brandt"
    text = "Der 40-jährige Marco Brandt hat Pläne. Sein Kollege Jens Ott auch. „Es wird dauern“, sagte der 40-Jährige."
    assert _speaker(text, "Es wird dauern", ner=True) == "Marco Brandt"
    # Must not fire: a number in brackets after something that is no person is no age.
    text = "Die Linie 40 (40) fährt nicht. Der Fahrer Jens Ott wartet. „Es wird dauern“, sagte der 40-Jährige."
    assert _speaker(text, "Es wird dauern", ner=True) == "Jens Ott"


def test_a_share_of_a_group_speaks_as_the_group() -> None:
    doc = analyse("Rund 60 Prozent der Befragten gaben an, sie seien mit der Regierung unzufrieden.")
    assert find_quote(doc, "sie seien", "indirect").data["speaker_text"] == "Befragten"
    doc = analyse("Die Mehrheit der Befragten gab an, sie sei mit der Regierung unzufrieden.")
    assert find_quote(doc, "sie sei", "indirect").data["speaker_text"] == "Befragten"
    # Must not fire: a surname that doubles as a quantity word, with no number after it, is the speaker.
    doc = analyse("Knapp sagte am Montag, die Lage sei ernst.", extra=["entities.ner.v1"])
    assert find_quote(doc, "die Lage sei ernst", "indirect").data["speaker_text"] == "Knapp"
