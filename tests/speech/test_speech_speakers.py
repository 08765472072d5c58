"""Speaker rules: each case that fires comes with a sentence of another kind where it must not."""

from __future__ import annotations

from lagebild.speech.phrases import EntityRef, parse_np_forward, pick_name
from lagebild.speech.tokens import tokenize
from tests.speech.helpers import analyse, find_quote, quotes


def _speaker(text: str, fragment: str, label: str | None = None, *, ner: bool = False) -> str | None:
    doc = analyse(text, extra=["entities.ner.v1"] if ner else None)
    return find_quote(doc, fragment, label).data["speaker_text"]


def test_parenthesis_inside_the_speaker_phrase() -> None:
    text = "„Wir brauchen mehr Helfer“, sagte der Präsident des Landesverbandes der Tafeln (LVT), Jonas Brandt, in Kiel."
    assert _speaker(text, "mehr Helfer") == "Jonas Brandt"
    text = "Die Partei tagte. „Der Etat steht“, sagte der Vorsitzende Ole Jansen (SPD) am Abend."
    assert _speaker(text, "Der Etat steht") == "Ole Jansen"
    # Must not fire: a parenthesis that is not closed soon stays outside the phrase.
    toks = tokenize("sagte Müller (siehe dazu den Bericht auf Seite drei) gestern")
    np = parse_np_forward(toks, 1)
    assert np is not None and [t.text for t in np.tokens] == ["Müller"]


def test_extended_attribute_before_the_role() -> None:
    text = "„Der Betrieb ruht“, sagte die für Hamburg, Bremen und Kiel zuständige Gewerkschaftssekretärin Lina Voss."
    assert _speaker(text, "Der Betrieb ruht") == "Lina Voss"
    # Must not fire: article and preposition without an adjective and noun after them.
    assert parse_np_forward(tokenize("die für Hamburg gestern"), 0) is None


def test_von_seiten_names_the_organisation() -> None:
    text = "„Die Gespräche stocken“, hieß es von Seiten der Bahn am Montag."
    assert _speaker(text, "Gespräche stocken") == "Bahn"
    # Must not fire: "Seiten" without a genitive is no source, and a bare name keeps its dative object out.
    text = "„Auf beiden Seiten gab es Verletzte“, sagte Weber der Zeitung."
    assert _speaker(text, "beiden Seiten") == "Weber"


def test_leading_conjunction_and_page_punctuation_before_the_subject() -> None:
    text = "Der Verein zog Bilanz. Und Lena Hart vom Verein ergänzt: „Wir machen weiter.“"
    assert _speaker(text, "Wir machen weiter") == "Lena Hart"
    text = "Die Feier war voll.\n+++ Bürgermeisterin Eva Lang schreibt auf der Plattform X: „Danke an alle.“"
    assert _speaker(text, "Danke an alle") == "Eva Lang"
    # Must not fire: "Und dann sagte er" keeps the pronoun as the subject.
    text = "Trainer Tom Berg sah das Spiel. Und dann sagte er: „Wir sind zufrieden.“"
    assert _speaker(text, "Wir sind zufrieden") == "Tom Berg"


def test_auxiliary_subject_participle_after_the_quote() -> None:
    text = "Der Damm hielt. „Es besteht das Risiko eines Bruchs“, hatte Landrat Tom Berg noch am Morgen gesagt."
    q = find_quote(analyse(text), "Risiko eines Bruchs", "direct")
    assert q.data["speaker_text"] == "Tom Berg" and q.data["cue"] == "sagen"
    # Must not fire: an auxiliary without a verb of saying is no cue.
    doc = analyse("Die Halle war voll. „Weiter so“, hatte auf dem großen Plakat gestanden.")
    assert all(a.data["cue"] is None for a in quotes(doc, "direct"))


def test_sprach_von_is_reported_speech() -> None:
    doc = analyse("Die Bürgermeisterin Eva Lang sprach für die Stadt, die schwer getroffen ist, von einem schwarzen Tag.")
    q = find_quote(doc, "von einem schwarzen Tag", "indirect")
    assert q.data["speaker_text"] == "Eva Lang" and q.data["cue"] == "sprechen"
    # Must not fire: talking with or about someone, or "von Anfang an".
    for text in ("Lang sprach mit Vertretern von Verdi über die Lage.", "Lang sprach von Anfang an offen über ihre Pläne."):
        assert not any(a.data["cue"] == "sprechen" for a in quotes(analyse(text)))
    # Must not fire: "von" naming where someone spoke from, to an addressee or from a place ("von … aus").
    for text in ("Die Präsidentin sprach von der Bühne des Festsaals zu den Gästen.",
                 "Der Minister sprach von Kiel aus per Telefon mit den Bürgermeistern.",
                 "Die Pfarrerin sprach von der Kanzel."):
        assert not any(a.data["cue"] == "sprechen" for a in quotes(analyse(text, extra=["entities.ner.v1"]))), text
    # Must fire: "aus" and "zu" inside what was said ("eine Flucht aus der Stadt", "ein Weg zu den …").
    for text in ("Die Ärztin sprach von einer Flucht aus der Stadt.", "Der Vermittler sprach von einem Weg zu den Verhandlungen."):
        assert any(a.data["cue"] == "sprechen" for a in quotes(analyse(text))), text


def test_role_noun_resolves_to_the_titled_subject_not_the_object() -> None:
    text = "Präsidentin Anna Berg gratulierte Jonas Weiß zum Sieg. „Ein großer Tag für uns“, schrieb die Verbandschefin."
    assert _speaker(text, "Ein großer Tag") == "Anna Berg"
    # Must not fire when the role names the person in the object: "der Präsident" is the one introduced as such.
    text = "Kanzler Jan Roth traf Präsident Marc Duval in Paris. „Wir sind Partner“, sagte der Präsident."
    assert _speaker(text, "Wir sind Partner") == "Marc Duval"


def test_pronoun_agrees_with_the_role_noun() -> None:
    text = ("Ministerpräsident Karl Baum begleitete Innenministerin Ute Kern in das Dorf. "
            "„Das ist furchtbar“, sagte sie. „Wir helfen“, sagte er.")
    assert _speaker(text, "Das ist furchtbar") == "Ute Kern"
    assert _speaker(text, "Wir helfen") == "Karl Baum"


def test_quote_cut_off_at_the_end_of_a_truncated_text() -> None:
    doc = analyse("Die Wahl ist vorbei.\nAus Paris meldet sich der Politiker Luc Martin: «Was für ein großer Ab")
    q = find_quote(doc, "Was für ein großer", "direct")
    assert q.data["speaker_text"] == "Luc Martin"
    # Must not fire: the text ends with a finished sentence, or a paragraph follows.
    for text in ("Er sagte: „Wir kommen morgen wieder.", "Er sagte: „Wir kommen morgen\nDas ist eine neue Zeile ohne Ende."):
        doc = analyse(text)
        assert not quotes(doc, "direct") and doc.of_kind("inconsistency")


def test_genitive_name_before_a_title_is_not_the_speaker() -> None:
    text = "Bayerns Ministerpräsident Karl Baum"
    toks = tokenize(text)
    np = parse_np_forward(toks, 0)
    assert np is not None
    ents = [EntityRef("a", 0, 7, "PER", "name"), EntityRef("b", 26, 35, "PER", "name")]
    assert pick_name(np, ents).ann == "b"
    np = parse_np_forward(tokenize("Serbiens Innenministerium"), 0)
    assert np is not None
    picked = pick_name(np, [EntityRef("a", 0, 8, "LOC", "name")])
    assert picked.ann is None and picked.span == (0, 25)
    # Must not fire: a name that ends in -s and stands alone ("Klaus Weiss") is the speaker.
    np = parse_np_forward(tokenize("Klaus Weiss (SPD)"), 0)
    assert np is not None and pick_name(np, [EntityRef("c", 0, 11, "PER", "name")]).ann == "c"


def test_function_words_and_leading_adverbs_are_not_subjects() -> None:
    text = "Als Gründe nannte Weber die Kosten, die Lage sei angespannt."
    assert _speaker(text, "die Lage sei angespannt") == "Weber"
    text = "Der Rat tagte. Ähnlich äußerte sich auch Landrat Tom Berg. Es sei ein harter Tag, so der Landrat."
    assert _speaker(text, "ein harter Tag") == "Tom Berg"
    # Must not fire: a surname that looks like an adverb is the subject, also with a dative addressee
    # after the verb ("sagte der Zeitung": the newspaper is spoken to, not speaking).
    assert _speaker("Fröhlich sagte am Montag, die Lage sei ernst.", "die Lage sei ernst") == "Fröhlich"
    assert _speaker("Ludwig sagte der Süddeutschen Zeitung, die Lage sei ernst.", "die Lage sei ernst") == "Ludwig"
    assert _speaker("König sagte am Montag der Zeitung, der Verein werde klagen.", "der Verein werde") == "König"
    assert _speaker("Fröhlich sagte dem Spiegel, die Lage sei ernst.", "die Lage sei ernst") == "Fröhlich"
    # A lone sentence-opening "Fröhlich" is no entity (the dictionary knows it as a word); once the
    # document names the person in full, the tagged surname is the subject.
    text = "Klaus Fröhlich leitet das Amt. Fröhlich sagte der Zeitung, die Lage sei ernst."
    assert _speaker(text, "die Lage sei ernst", ner=True) == "Fröhlich"
    # "Dies sagte X": the demonstrative is the object, X speaks, and the next subjunctive sentence is X's.
    text = "Der Parteichef will einen eigenen Kandidaten. Dies sagte Jan Brandt am Mittwoch. Ein Parteikandidat könne mehr erreichen."
    assert _speaker(text, "Ein Parteikandidat könne") == "Jan Brandt"
    # "OB" is a title, not the conjunction "ob".
    assert _speaker("„Wir trauern“, sagte Münchens OB Dieter Reiter.", "Wir trauern") == "Dieter Reiter"


def test_apposition_before_the_verb_is_not_the_content() -> None:
    doc = analyse("Weber, zugleich Chef der Partei der Mitte, warf der Regierung vor, das Abkommen zu brechen.")
    assert not any(a.surface.startswith("Weber, zugleich") for a in quotes(doc))
    # Must not fire: a clause with its own verb before ", sagte X" stays reported content.
    assert _speaker("Wir verhandeln weiter bis zum Ende, sagte Weber.", "Wir verhandeln weiter") == "Weber"


def test_a_clause_with_an_auxiliary_is_not_a_subject() -> None:
    doc = analyse("Die Mitteilung ist knapp und erklärt nicht, was gestern geschah.")
    assert not any(a.data["speaker_text"] and "knapp" in a.data["speaker_text"] for a in quotes(doc))
    # Must not fire: coordinated subjects without an auxiliary still speak together.
    doc = analyse("Die Polizei und die Feuerwehr erklärten, die Lage sei ruhig.")
    q = find_quote(doc, "die Lage sei ruhig", "indirect")
    assert q.data["speaker_span"] is not None


def test_subjunctive_sentence_naming_its_own_person() -> None:
    text = ("Ministerin Eva Lang sprach in Kiel über die Gespräche. Die Lage sei ernst. "
            "Zuletzt zeigte sich Jonas Brandt jedoch zuversichtlich, dass eine Einigung gelinge. "
            "Gegen Brandt sei dennoch ermittelt worden.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "dass eine Einigung gelinge").data["speaker_text"] == "Jonas Brandt"
    # Must not fire: a person after a preposition is what the sentence is about, not who speaks,
    # and a name before "wähle man" is the object of the pronoun after the verb.
    q = find_quote(doc, "Gegen Brandt sei", "indirect")
    assert q.data["speaker_text"] != "Brandt"
    text = ("Ministerin Eva Lang sprach in Kiel über die Wahl. Die Lage sei ernst. "
            "Jonas Brandt wähle man selbstverständlich, er sei erfahren.")
    doc = analyse(text, extra=["entities.ner.v1"])
    assert find_quote(doc, "wähle man", "indirect").data["speaker_text"] != "Jonas Brandt"


def test_verb_of_saying_after_und_shares_the_first_clause_subject() -> None:
    text = "Die Tür ging auf. Da stand Heinrich auf und sagte: „Bitte nicht heute.“"
    assert _speaker(text, "Bitte nicht heute") == "Heinrich"
    text = "Die Mutter wartete. Indem kam auch schon das kleine Männchen auf ihn zu und sagte: „Guten Tag, Hans.“"
    assert _speaker(text, "Guten Tag") == "kleine Männchen"
    # Must not fire: coordinated subjects without a verb before "und" stay one speaker phrase.
    doc = analyse("Die Polizei und die Feuerwehr erklärten, die Lage sei ruhig.")
    q = find_quote(doc, "die Lage sei ruhig", "indirect")
    assert q.data["speaker_span"] is not None and "Feuerwehr" in doc.text[q.data["speaker_span"][0] : q.data["speaker_span"][1]]


def test_continuation_naming_the_person_it_is_about_keeps_the_speaker() -> None:
    # Must not fire: a name that is the subject of the subjunctive verb itself is what the earlier
    # speaker reports about ("X sagte, … Y habe zuvor …"), not a new speaker.
    text = ("Oberstaatsanwalt Horst Walter sagte, der Mann sei mit hoher Geschwindigkeit in die Menge gefahren. "
            "Thomas Berger habe zuvor ein Auto gemietet.")
    assert _speaker(text, "habe zuvor ein Auto", ner=True) == "Horst Walter"
    text = ("Die Polizeisprecherin Anna Roth erklärte, der Damm sei in der Nacht gebrochen. "
            "Bürgermeister Klaus Weber habe daraufhin die Evakuierung angeordnet.")
    assert _speaker(text, "habe daraufhin die Evakuierung", ner=True) == "Anna Roth"
    text = ("Die Polizeisprecherin Anna Roth erklärte, der Damm sei gebrochen. "
            "Klaus Weber, der Bürgermeister des Ortes, habe die Evakuierung angeordnet.")
    assert _speaker(text, "habe die Evakuierung", ner=True) == "Anna Roth"


def test_name_first_keeps_the_subject_before_und_sagte() -> None:
    # Must not fire: a name in first place is the subject; the phrase after its verb is the object.
    text = "Brandt besuchte die Helfer im Hochwassergebiet und sagte, man werde alles tun."
    assert _speaker(text, "man werde alles tun") == "Brandt"
    text = "Lang traf die Ministerpräsidenten und erklärte, der Bund helfe sofort."
    assert _speaker(text, "der Bund helfe sofort") == "Lang"
    # Must fire: an adverb in first place leaves the subject after the verb, with or without an article.
    text = "Die Halle war still. Dann trat Landrat Tom Berg vor und sagte, man werde alles tun."
    assert _speaker(text, "man werde alles tun") == "Tom Berg"


def test_clause_adverbs_come_from_the_dictionary_not_from_endings() -> None:
    from lagebild.speech.lexicon import is_clause_adverb

    for word in ("ähnlich", "kritisch", "möglicherweise", "ebenfalls", "sicherheitspolitisch"):
        assert is_clause_adverb(word), word
    # Must not fire: names and nouns with an adverb's ending.
    for word in ("ludwig", "könig", "hellwig", "weise", "honig"):
        assert not is_clause_adverb(word), word
