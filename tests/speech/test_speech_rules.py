"""Attribution rules on new sentences (not from the examples) and bad input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.speech.helpers import analyse, find_claim, find_quote, quotes


def test_quote_styles_and_cue_after() -> None:
    text = (
        "»Wir werden nicht nachgeben«, sagte die Bürgermeisterin Anna Schulz am Montag. "
        "„Das ist ein schwarzer Tag für die Stadt“, erklärte Innenminister Peter Braun. "
        "«Wir prüfen alle Möglichkeiten», so der Anwalt Martin Keller. "
        "‚Niemand hat gewonnen‘, betonte Trainerin Eva Roth."
    )
    doc = analyse(text)
    assert find_quote(doc, "nicht nachgeben", "direct").data["speaker_text"] == "Anna Schulz"
    assert find_quote(doc, "schwarzer Tag", "direct").data["speaker_text"] == "Peter Braun"
    assert find_quote(doc, "alle Möglichkeiten", "direct").data["speaker_text"] == "Martin Keller"
    assert find_quote(doc, "Niemand hat", "direct").data["speaker_text"] == "Eva Roth"


def test_multi_sentence_quote_and_pronoun() -> None:
    text = (
        "Die Ministerin Clara Vogt trat am Abend vor die Presse. "
        "Sie sagte: „Wir haben die Lage im Griff. Morgen öffnen die Schulen wieder.“ "
        "Sie fügte hinzu, die Polizei habe mehr als 300 Beamte im Einsatz."
    )
    doc = analyse(text)
    q = find_quote(doc, "Morgen öffnen", "direct")
    assert "Lage im Griff" in q.surface and q.data["speaker_text"] == "Clara Vogt"
    ind = find_quote(doc, "die Polizei habe", "indirect")
    assert ind.data["speaker_text"] == "Clara Vogt" and ind.data["cue"] == "hinzufügen"
    c = find_claim(doc, "300 Beamte")
    assert c.data["claimant_text"] == "Clara Vogt" and c.data["low"] == 300 and c.data["high"] is None


def test_attribution_phrases() -> None:
    text = (
        "Nach Angaben der Feuerwehr wurden rund 40 Menschen verletzt. "
        "Dem Bericht der Zeitung zufolge soll der Konzern 2,5 Milliarden Euro verloren haben. "
        "Wie die Polizei mitteilte, wurden 12 Personen festgenommen. "
        "Die Zahl der Toten stieg auf 17 Menschen, hieß es aus Regierungskreisen."
    )
    doc = analyse(text, outlet="Testblatt")
    rep = quotes(doc, "reported")
    speakers = {a.data["speaker_text"] for a in rep}
    assert "Feuerwehr" in speakers and "Polizei" in speakers and "Regierungskreisen" in speakers
    assert find_claim(doc, "40 Menschen").data["claimant_text"] == "Feuerwehr"
    loss = find_claim(doc, "2,5 Milliarden Euro")
    assert loss.data["value"] == 2.5e9 and "soll" in loss.data["hedge"] and "Zeitung" in loss.data["claimant_text"]
    assert find_claim(doc, "12 Personen").data["claimant_text"] == "Polizei"


def test_unattributed_claim_goes_to_outlet_with_publication_date() -> None:
    doc = analyse("Im Hafen lagen 25 Schiffe vor Anker.", outlet="Testblatt", published="2025-03-01")
    c = find_claim(doc, "25 Schiffe")
    assert c.data["claimant_text"] == "Testblatt" and c.data["ref_time"] == "2025-03-01"
    assert c.data["attribution_ann"] is None


def test_unbalanced_marks_are_reported_not_guessed() -> None:
    text = "Er sagte: „Wir kommen morgen wieder.\nDas ist eine neue Zeile ohne Ende."
    doc = analyse(text)
    assert not quotes(doc, "direct")
    notes = doc.of_kind("inconsistency")
    assert notes and notes[0].label == "unpaired-quote-mark"


def test_whole_article_in_one_quote_is_capped() -> None:
    body = " ".join(["Das ist ein langer Satz mit vielen Wörtern ohne Ende."] * 200)
    doc = analyse("„" + body + "“")
    assert all(len(a.span) <= 3000 for a in quotes(doc))
    assert doc.of_kind("inconsistency")


def test_tables_and_lists_do_not_crash() -> None:
    text = "Platz | Team | Punkte\n1 | Rapid | 45\n2 | Sturm | 44\n• 3.000 Soldaten\n• 50 % Zustimmung\n" * 50
    doc = analyse(text)
    assert all(len(a.span) < 200 for a in doc.of_kind("claim"))


def test_non_german_and_empty_text() -> None:
    for text in ["", " ", "\n\n", "这是一个测试。他说：“我们来了。”", "He said \"we will win\", the minister added.", "\"" * 50]:
        doc = analyse(text)
        assert isinstance(doc.of_kind("quote"), list)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("„“\"»«‚‘’,.:; abcSsagteEr sei 3.000 Soldaten\n")), max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    doc = analyse(text)
    for a in doc.of_kind("quote") + doc.of_kind("claim"):
        assert a.surface == doc.text[a.span.start : a.span.end]
        for key in ("speaker_span", "content_span", "cue_span", "claimant_span"):
            span = a.data.get(key)
            assert span is None or 0 <= span[0] <= span[1] <= len(doc.text)


def test_perfect_tense_passive_and_relative_clauses() -> None:
    text = (
        "Inmitten der Debatte hat Bürgermeister Jan Weber am Montag erklärt, dass die Brücke gesperrt bleibe. "
        "Die Zahlen könnten noch nicht bestätigt werden, hieß es. "
        "Die Anwältin Nora Klein, die betonte, dass die Klage zulässig sei, verließ den Saal."
    )
    doc = analyse(text)
    assert find_quote(doc, "die Brücke gesperrt bleibe", "indirect").data["speaker_text"] == "Jan Weber"
    assert not any(a.data["cue"] == "bestätigen" for a in quotes(doc))  # passive: nobody speaks
    rel = find_quote(doc, "die Klage zulässig sei", "indirect")
    assert rel.data["speaker_text"] == "Nora Klein" and not rel.surface.endswith("verließ den Saal")


def test_age_noun_and_so_x_with_subjunctive() -> None:
    text = (
        "Der Stürmer Max Kruse traf zweimal. „Das war mein Tag“, sagte der 33-Jährige nach dem Spiel. "
        "Die Mannschaft sei endlich bereit für den Titel, so Kruse."
    )
    doc = analyse(text)
    q = find_quote(doc, "Das war mein Tag", "direct")
    assert q.data["speaker_text"] == "Max Kruse" and q.data["speaker_resolution"] == "role"
    ind = find_quote(doc, "Die Mannschaft sei endlich bereit", "indirect")
    assert ind.data["speaker_text"] == "Kruse" and ind.data["cue"] == "so"


def test_subjunctive_continuation_and_colon_after_clause() -> None:
    text = (
        "Ministerin Clara Vogt sprach am Abend in Berlin. Die Lage sei ernst, aber beherrschbar. "
        "Man habe genug Personal. Dann wurde Vogt deutlich: „Wir geben nicht auf.“"
    )
    doc = analyse(text)
    assert find_quote(doc, "Die Lage sei ernst", "indirect").data["speaker_text"] == "Clara Vogt"
    assert find_quote(doc, "Man habe genug Personal", "indirect").data["speaker_resolution"] == "continuation"
    assert find_quote(doc, "Wir geben nicht auf", "direct").data["speaker_text"] in ("Vogt", "Clara Vogt")


def test_quotes_across_paragraphs() -> None:
    text = (
        "Das Amt richtete eine Taskforce ein.\n"
        "„\nDie Lage hat sich verschärft\n“ sagt Präsident Holger Münch.\n"
        "„Erster Absatz eines langen Zitats über die Lage.\n"
        "„Zweiter Absatz des Zitats“, sagte Sprecherin Eva Roth."
    )
    doc = analyse(text)
    split_marks = find_quote(doc, "Die Lage hat sich verschärft", "direct")
    assert split_marks.data["speaker_text"] == "Holger Münch"
    first = find_quote(doc, "Erster Absatz", "direct")
    assert first.data["speaker_text"] == "Eva Roth" and "\n" not in first.surface
    assert not doc.of_kind("inconsistency")


def test_name_particles_and_dative_objects() -> None:
    text = (
        "„Wir sind bereit“, sagte Ursula von der Leyen in Brüssel. "
        "„Wir warten ab“, sagte Müller der Deutschen Presse-Agentur. "
        "„Das reicht nicht“, sagte der Chef der Partei, Jan Weber. "
        "Die Lage sei ernst, so Weber weiter."
    )
    doc = analyse(text)
    assert find_quote(doc, "Wir sind bereit", "direct").data["speaker_text"] == "Ursula von der Leyen"
    assert find_quote(doc, "Wir warten ab", "direct").data["speaker_text"] == "Müller"
    assert find_quote(doc, "Das reicht nicht", "direct").data["speaker_text"] == "Jan Weber"
    assert find_quote(doc, "Die Lage sei ernst", "indirect").data["speaker_text"] == "Weber"


def test_quoted_outlet_names_das_sagte_and_eigene_angaben() -> None:
    text = (
        "Die Lage ist ernst. „Wir haben alles versucht“, schreibt die „Süddeutsche Zeitung“. "
        "Der Streit eskaliert. „Wir sind bereit.“ Das sagte Müller am Montag. "
        "Die Firma hat nach eigenen Angaben 300 Stellen gestrichen."
    )
    doc = analyse(text, outlet="Testblatt")
    assert find_quote(doc, "alles versucht", "direct").data["speaker_text"] == "Süddeutsche Zeitung"
    assert not any(a.surface == "„Süddeutsche Zeitung“" for a in quotes(doc, "direct"))
    assert find_quote(doc, "Wir sind bereit", "direct").data["speaker_text"] == "Müller"
    assert find_claim(doc, "300 Stellen").data["claimant_text"] == "Firma"


def test_pronoun_agreement_and_pronoun_after_the_verb() -> None:
    text = (
        "Ministerin Clara Vogt sprach vor der Presse. Zuvor hatte das Präsidium erklärt, die Lage sei ernst. "
        "Gesellschaftspolitisch betonte sie, Solidarität sei nötig."
    )
    doc = analyse(text)
    q = find_quote(doc, "Solidarität sei nötig", "indirect")
    assert q.data["speaker_text"] == "Clara Vogt" and q.data["speaker_resolution"] == "pronoun"


def test_documents_in_other_languages_are_skipped() -> None:
    from lagebild.model import Document, OffsetMap, SourceRef
    from lagebild.registry import STAGES

    text = '"We will win," the minister said. About 3,000 Soldaten were there.'
    doc = Document("en", text, SourceRef("en.txt"))
    doc.set_text(text, OffsetMap.identity(len(text)))
    doc.meta.language = "en"
    for name in ("segment.rules.v1", "speech.rules.v1", "claims.rules.v1"):
        doc = STAGES.build(name)(doc)
    assert not doc.of_kind("quote") and not doc.of_kind("claim")
