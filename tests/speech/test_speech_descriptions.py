"""Speakers named by a description, a possessive or a pronoun: which person of the text they refer to."""

from __future__ import annotations

from tests.speech.helpers import analyse, find_quote


def _speaker(text: str, fragment: str, label: str = "direct") -> str | None:
    doc = analyse(text, extra=["entities.ner.v1"])
    return find_quote(doc, fragment, label).data["speaker_text"]


def test_description_refers_to_the_person_the_sentence_before_names() -> None:
    text = ("Die Mannschaft hofft auf das Rückspiel. Die Aufstellung verantwortet Jonas Weber. "
            "„Wir holen den Rückstand auf“, meinte der ehemalige Hertha-Coach.")
    assert _speaker(text, "Wir holen") == "Jonas Weber"
    text = ("Lena Hofer holte sich den dritten Platz vor der Weltmeisterin Carina Lang. "
            "„Das ist mein bestes Ergebnis“, sagte die Tirolerin.")
    assert _speaker(text, "bestes Ergebnis") == "Lena Hofer"
    text = ("Der Wagen fuhr mit 80 Stundenkilometern, berechnet Klaus Denk aus den Spuren. "
            "Die Fahrerin könnte eingeschlafen sein, vermutet der Sachverständige.")
    assert _speaker(text, "Die Fahrerin", "indirect") == "Klaus Denk"


def test_description_stays_when_the_text_may_mean_someone_else() -> None:
    # An unnamed newcomer brought in with "eine": the student is not the politician.
    text = ("Parteichef Heinz Gruber lobte die Reform. Eine junge Medizinstudentin widersprach ihm im Netz. "
            "„Sprechen Sie nicht für uns“, schrieb die Studentin.")
    assert _speaker(text, "Sprechen Sie") == "Studentin"
    # Two people side by side, neither leading the sentence: which one is meant is not known.
    text = ("Am Abend trafen sich Anna Berg und Paul Stein im Rathaus. "
            "„Das war ein gutes Gespräch“, sagte der Gastgeber.")
    assert _speaker(text, "gutes Gespräch") == "Gastgeber"
    # Another noun introduced the person: the gardener is not the climber.
    text = "Den Garten pflegt der Gärtner Uwe Kern. „Der Fels ist brüchig“, sagte der Kletterer."
    assert _speaker(text, "Der Fels") == "Kletterer"
    # A noun that names no one person ("die Behörde", "das Fachmagazin").
    text = ("Das bestätigte Staatsanwalt Pierre Valens am Freitag. "
            "„Es gab 33 Verletzte“, teilte die Behörde mit.")
    assert _speaker(text, "33 Verletzte") == "Behörde"
    # The article shows the other gender than the noun that introduced the person.
    text = ("Die Ministerin Eva Roth eröffnete die Messe. "
            "„Ein gelungener Auftakt“, sagte der Veranstalter.")
    assert _speaker(text, "gelungener Auftakt") == "Veranstalter"


def test_a_body_named_like_a_person_or_a_name_after_a_preposition_is_no_speaker_before() -> None:
    # Nouns of a person's form that name a body (words.toml body_nouns), also as a compound's tail.
    text = "Zuvor hatte Anna Weber das Konzert eröffnet. „Die Übertragung läuft weiter“, teilte der Sender mit."
    assert _speaker(text, "Übertragung") == "Sender"
    text = "Am Morgen stellte Peter Klein das Gerät vor. „Der Akku hält zwei Tage“, sagt der Autohersteller."
    assert _speaker(text, "Der Akku") == "Autohersteller"
    # A name after "von" (an agent or owner: words.toml agent_prepositions) is not whom the sentence is about.
    text = "Das Gerät wurde von Peter Klein getestet. „Der Akku hält zwei Tage“, sagt der Tester."
    assert _speaker(text, "Der Akku") == "Tester"
    text = "Der Abend begann mit einer Rede von Hans Huber. „Wir sind ausverkauft“, sagte der Veranstalter."
    assert _speaker(text, "ausverkauft") == "Veranstalter"
    text = "Der Antrag wurde von Minister Jan Ott abgelehnt. „Wir reden weiter“, sagte der Sprecher."
    assert _speaker(text, "reden weiter") == "der Sprecher"
    # The same person noun with the person as the subject refers back to them; so does a leader after "um".
    text = "Am Abend testete Peter Klein das Gerät. „Der Akku hält zwei Tage“, sagt der Tester."
    assert _speaker(text, "Der Akku") == "Peter Klein"
    text = "Die Forscher um Eva Roth fanden 75 Fossilien. „Das ist einmalig“, erläutert die Professorin."
    assert _speaker(text, "einmalig") == "Eva Roth"


def test_a_role_one_person_does_not_hold_beside_the_introducing_role() -> None:
    # words.toml exclusive_roles: the coach is not the striker, the judge not the defendant.
    text = "Der Stürmer Max Berger traf zweimal. „Wir sind zufrieden“, sagte der Trainer."
    assert _speaker(text, "zufrieden") == "der Trainer"
    text = "Der Angeklagte Tom Lenz schwieg. „Das Urteil fällt am Freitag“, sagte der Richter."
    assert _speaker(text, "Das Urteil") == "der Richter"
    # Another role of the same side, or of no group, still refers back.
    text = "Cheftrainer Max Berger lobte die Abwehr. „Wir sind zufrieden“, sagte der Trainer."
    assert _speaker(text, "zufrieden") == "Max Berger"
    text = "Präsidentin Anna Berg gratulierte dem Team. „Ein großer Tag“, schrieb die Verbandschefin."
    assert _speaker(text, "großer Tag") == "Anna Berg"


def test_possessive_role_links_to_the_person_introduced_with_that_role() -> None:
    text = ("Der Sänger Paul Berg war bei dem Konzert. Sein Sohn Tim Berg saß in der ersten Reihe. "
            "Nach dem Lied sagte sein Sohn: „Ich bin stolz.“")
    assert _speaker(text, "Ich bin stolz") == "Tim Berg"
    # No one was introduced as "Sohn": the phrase stays a description, never the father's name.
    text = "Der Sänger Paul Berg war bei dem Konzert. Nach dem Lied sagte sein Sohn: „Ich bin stolz.“"
    assert _speaker(text, "Ich bin stolz") == "Sohn"


def test_subject_after_the_verb_when_a_prepositional_phrase_leads_the_first_conjunct() -> None:
    text = "Während des Rennens drehte sich Tim Berg zu seinem Vater und sagte: „Du bist mein bester Freund.“"
    assert _speaker(text, "bester Freund") == "Tim Berg"
    # A name leading the clause stays the subject; the name after the verb is its object.
    text = "Tim Berg besuchte nach dem Rennen Paul Stein und sagte: „Du bist mein bester Freund.“"
    assert _speaker(text, "bester Freund") == "Tim Berg"


def test_pronoun_and_role_skip_a_person_introduced_with_the_other_gender() -> None:
    text = ("Tom Hale hat schwere Jahre nach der Trennung von seiner Familie hinter sich, die er lange für sich behalten "
            "hatte. Kaum ein Fan kennt seine erste Ehefrau Sandra Moll. "
            "Nun kommentierte er ein Video und schrieb: „Es war nicht immer leicht.“")
    assert _speaker(text, "nicht immer leicht") == "Tom Hale"
    # "sie" agrees with the woman the noun introduced: the nearer person stays the speaker.
    text = ("In Köln wohnt Tom Hale mit seiner Ehefrau Sandra Moll. "
            "Nun kommentierte sie ein Video und schrieb: „Es war nicht immer leicht.“")
    assert _speaker(text, "nicht immer leicht") == "Sandra Moll"


def test_verb_of_saying_after_a_quote_ending_in_an_exclamation_without_comma() -> None:
    assert _speaker("„Wann kommt der Zug?“ fragte Jan Ott am Bahnsteig.", "Wann kommt") == "Jan Ott"
    assert _speaker("Die Kutsche hielt. »Fahr zu ...« sagt der Fahrgast Peter Holm.", "Fahr zu") == "Peter Holm"
    # The words after the quote are no speaker tag: no verb of saying, or a new sentence.
    text = "„Nie wieder Krieg!“ stand auf dem Plakat, das Anna Berg trug."
    assert _speaker(text, "Nie wieder") is None
    text = "„Wann kommt der Zug?“ Jan Ott sagte es leise."
    assert _speaker(text, "Wann kommt") is None


def test_manner_verb_right_after_a_quote_is_its_speaker_tag() -> None:
    assert _speaker("„Das ist mir egal“, lacht Trainerin Eva Roth nach dem Spiel.", "mir egal") == "Eva Roth"
    assert _speaker("Die Halle tobt. „Wir sind durch!“ jubelt Kapitän Jan Ott.", "sind durch") == "Jan Ott"
    doc = analyse("„Es bleibt spannend“, seufzte Jan Ott.", extra=["entities.ner.v1"])
    assert find_quote(doc, "spannend", "direct").data["cue"] == "seufzen"
    # A verb with a separable particle is a tag only with that particle ending its clause.
    doc = analyse("„Wir machen weiter“, fuhr die Trainerin Eva Roth nach einer Pause fort.", extra=["entities.ner.v1"])
    act = find_quote(doc, "machen weiter", "direct")
    assert (act.data["speaker_text"], act.data["cue"]) == ("Eva Roth", "fortfahren")
    doc = analyse("Der Schaffner rief: „Einsteigen bitte!“ fuhr der Zug an.", extra=["entities.ner.v1"])
    assert find_quote(doc, "Einsteigen", "direct").data["speaker_text"] == "Schaffner"
    assert _speaker("„Endlich Ferien!“ fuhr es aus ihr heraus.", "Endlich Ferien") is None
    # Another particle with a name or a personal pronoun as the subject is an outburst, a tag all the same.
    assert _speaker("„Niemals!“ fuhr Jan Ott auf und verließ den Raum.", "Niemals") == "Jan Ott"
    # Elsewhere such a verb reports nothing: no speech without the quote before it.
    doc = analyse("Trainer Jan Ott lacht über die Frage nach seinem Vertrag, dass er bleibe.", extra=["entities.ner.v1"])
    assert not [a for a in doc.of_kind("quote") if a.data.get("cue") == "lachen"]


def _indirect_speaker(text: str) -> str | None:
    doc = analyse(text, extra=["entities.ner.v1"])
    return find_quote(doc, "gut verlaufen", "indirect").data["speaker_text"]


def test_role_tied_to_a_body_by_a_genitive_is_not_someone_introduced_with_another_role() -> None:
    text = ("Außenminister Jan Ott reiste nach Rom. "
            "Am Abend sagte der Sicherheitsberater der schwedischen Regierung, die Gespräche seien gut verlaufen.")
    assert _indirect_speaker(text) == "der Sicherheitsberater der schwedischen Regierung"
    # Introduced with that very role, the person is meant.
    text = ("Sicherheitsberater Jan Ott reiste nach Rom. "
            "Am Abend sagte der Sicherheitsberater der schwedischen Regierung, die Gespräche seien gut verlaufen.")
    assert _indirect_speaker(text) == "Jan Ott"


def test_bare_role_before_a_colon_is_the_person_introduced_with_that_role() -> None:
    text = "Der Zoo öffnet wieder laut Zoo-Direktor Uwe Brand. Er sei erleichtert. Am Eingang – Zoo-Direktor: „Wir freuen uns“"
    assert _speaker(text, "freuen uns") == "Uwe Brand"
    # No one was introduced with that role: the role stays.
    text = "Der Zoo öffnet wieder laut Landrätin Ute Kern. Sie sei erleichtert. Am Eingang – Zoo-Direktor: „Wir freuen uns“"
    assert _speaker(text, "freuen uns") == "Zoo-Direktor"


def test_subjunctive_after_a_colon_reports_the_person_before_it() -> None:
    text = "Polizeisprecherin Eva Roth sagte, die Straße sei frei. Landrat Karl Stein zeigte sich zufrieden: Die Lage sei stabil."
    doc = analyse(text, extra=["entities.ner.v1"])
    act = find_quote(doc, "Die Lage sei stabil", "indirect")
    assert act.data["speaker_text"] == "Karl Stein"
    assert act.surface.startswith("Die Lage")
    # A person after a preposition before the colon is no speaker: the speech continues the last one.
    text = "Polizeisprecherin Eva Roth sagte, die Straße sei frei. Zur Lage bei Karl Stein: Die Lage sei stabil."
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "Die Lage sei stabil", "indirect").data["speaker_text"] == "Eva Roth"


def test_nach_with_an_article_before_a_noun_of_saying() -> None:
    doc = analyse("Nach den Worten des Landrats Uwe Brand ist die Brücke gesperrt.", extra=["entities.ner.v1"])
    assert find_quote(doc, "Brücke gesperrt", "reported").data["speaker_text"] == "Uwe Brand"
    # Figures of a year credit no one, with or without the article.
    doc = analyse("Nach den Zahlen des Vorjahres ist die Brücke gesperrt.", extra=["entities.ner.v1"])
    assert not doc.of_kind("quote")
    doc = analyse("Nach den Prognosen des Vorjahres ist die Brücke gesperrt.", extra=["entities.ner.v1"])
    assert not doc.of_kind("quote")


def test_nach_with_a_source_noun_the_claims_read_too() -> None:
    # The claims' source nouns (claimant_cues.toml) credit a source in speech as well.
    doc = analyse("Nach Auskunft von Landrat Uwe Brand ist die Brücke gesperrt.", extra=["entities.ner.v1"])
    act = find_quote(doc, "Brücke gesperrt", "reported")
    assert (act.data["speaker_text"], act.data["cue"]) == ("Uwe Brand", "nach Auskunft")
    # Not when a preposition other than a source follows the noun.
    doc = analyse("Nach den Ermittlungen gegen den Fahrer ist die Brücke gesperrt.", extra=["entities.ner.v1"])
    assert not doc.of_kind("quote")


def test_guards_of_the_new_speaker_rules_on_other_text() -> None:
    # A prepositional phrase running on ("in Rumänien") hides where the verb is: no subject is guessed.
    text = ("Bei ihrer Ankunft in Rumänien verteilten die Piloten Dan Barina und Rob Morgan Abzeichen und erklärten, "
            "sie seien nicht hier, um zu provozieren.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "nicht hier", "indirect").data["speaker_text"] is None
    # A genitive before a noun of saying names the speaker a pronoun refers to.
    text = ("Die Beziehungen sind nach Andrejews Worten schlecht. "
            "Die damalige Regierung habe vieles blockiert, sagte er. Außenminister Jan Ott widersprach.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "vieles blockiert", "indirect").data["speaker_text"] == "Andrejew"
    # A name ending in "s" after a vowel is no genitive form to cut.
    text = ("Die Beziehungen sind nach Jonas Worten schlecht. "
            "Die damalige Regierung habe vieles blockiert, sagte er. Außenminister Jan Ott widersprach.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "vieles blockiert", "indirect").data["speaker_text"] == "Jonas"
    # Before a colon, a person who is no subject there does not take over the speech.
    text = ("Der Jurist Heinz Mayer sagte, die Grenze sei offen. Vor Jahren hat Mayer Hans Dosko kennengelernt "
            "– und ist seither überzeugt: Er sei ein vernünftiger Mensch.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "vernünftiger Mensch", "indirect").data["speaker_text"] == "Heinz Mayer"
