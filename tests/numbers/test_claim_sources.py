"""Who a figure is credited to: reporting verbs, lists, source phrases, follow-up sentences; unattributed stays so."""

from __future__ import annotations

import re

import pytest

from lagebild.stages.claim_sources import carried_claimant, credible_speaker, find_claimant, points_back


def _who(text: str, number: str, *, following: bool = False) -> str | None:
    end = text.find(". ") + 1 if following else len(text)
    rest = [(end + 1, len(text))] if following else None
    sentence = (0, end)
    figures = [m.start() for m in re.finditer(r"(?<![\d.])\d", text)]
    hit = find_claimant(text, sentence, text.index(number), rest, figures)
    return hit.text if hit else None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        ("Die Gewerkschaft sprach von 9.000 Streikenden.", "9.000", "Gewerkschaft"),
        ("In Erfurt zählte die Polizei 6.000 Teilnehmende.", "6.000", "Polizei"),
        ("Die Gewerkschaft nannte 9.000 Streikende, der Arbeitgeberverband 4.000.", "4.000", "Arbeitgeberverband"),
        ("Laut Feuerwehr wurden 14 Menschen verletzt.", "14", "Feuerwehr"),
        ("Nach Angaben des Gesundheitsministeriums starben 31 Menschen.", "31", "Gesundheitsministeriums"),
        ("Nach Polizeiangaben kamen 800 Menschen.", "800", "Polizeiangaben"),
        ("Bei einer Umfrage von Sonnenblick kam die Partei auf 19 Prozent.", "19", "Sonnenblick"),
        ("Nach Informationen aus Sicherheitskreisen wurden 7 Personen festgenommen.", "7", "Sicherheitskreisen"),
        ("Der Stadtverwaltung zufolge waren 2.000 Haushalte ohne Strom.", "2.000", "Stadtverwaltung"),
        ("Die Veranstalter hatten mit 3.000 Gästen gerechnet.", "3.000", "Veranstalter"),
        ("Das Hilfswerk spricht von 42.000.", "42.000", "Hilfswerk"),  # "Das" opens a phrase here, no pronoun
        ("Bis zu 900 Menschen würden noch vermisst, sagte eine Sprecherin des Landkreises.", "900", "eine Sprecherin des Landkreises"),
        ("Der Angeklagte habe 40 Menschen bedroht, erklärte der Staatsanwalt am Montag.", "40", "Staatsanwalt"),
        ("Ursprünglich war die Polizei von etwa 5.000 Teilnehmern ausgegangen.", "5.000", "Polizei"),
        ("In diesem Jahr haben Schätzungen zufolge etwa 150.000 Menschen das Land verlassen.", "150.000", "Schätzungen"),
        # officials' figures, not the outlet's; "ersten Angaben" names nobody (below)
        ("Nach offiziellen Angaben wurden 14 Soldaten verletzt.", "14", "offiziellen Angaben"),
        ("Bei dem Brand starben offiziellen Angaben zufolge neun Menschen.", "neun", "offiziellen Angaben"),
        ("Die Feuerwehr in Lüneburg meldete 14 Verletzte.", "14", "Feuerwehr"),  # the place a subject speaks for
        ("In Celle kamen nach Angaben der Stadt am Sonntag (3. Mai) rund 900 Gäste.", "900", "Stadt"),  # a short aside
        ("Die örtliche Feuerwehr meldete 14 Verletzte.", "14", "örtliche Feuerwehr"),  # a capitalised article before an adjective
        ("Die Bergwacht gab an, 14 Wanderer gerettet zu haben.", "14", "Bergwacht"),  # a clause that introduces the figure's
        ("Nach türkischen Angaben wurden 14 Soldaten verletzt.", "14", "türkischen Angaben"),  # the side a figure comes from
        # a word of time before the side, and a side adjective in "-ysch-"
        ("Vor Sirte starben nach jüngsten libyschen Angaben 14 Kämpfer.", "14", "libyschen Angaben"),
        # "verlautete es aus X" as "hieß es aus X"
        ("Am Pass starben zwei Wanderer, verlautete es aus dem Landratsamt.", "zwei", "Landratsamt"),
        ("Nach vorläufigen polizeilichen Angaben wurden 14 Autos beschädigt.", "14", "polizeilichen Angaben"),
        # legal steps credit the counts of their charges
        ("Die Staatsanwaltschaft hat Anklage wegen fahrlässiger Tötung in drei Fällen erhoben.", "drei", "Staatsanwaltschaft"),
        ("Der Haftrichter erließ Haftbefehl wegen Totschlags in zwei Fällen.", "zwei", "Haftrichter"),
        ("Die Anklage wirft dem Mann Betrug in 17 Fällen vor.", "17", "Anklage"),
        ("Die Staatsanwaltschaft will Haftbefehl wegen Raubes in vier Fällen beantragen.", "vier", "Staatsanwaltschaft"),
        # a closing "wie X … mitteilte." with a time between subject and verb, also with a lower-case authority noun
        ("Am Pass starben zwei Wanderer, wie die Bergwacht in Oberstdorf am Abend mitteilte.", "zwei", "Bergwacht in Oberstdorf"),
        ("Im Ort wurden 12 Häuser zerstört, wie die feuerwehr in Passau am Morgen mitteilte.", "12", "feuerwehr in Passau"),
        # a truncated compound joined by "und" is one source; "schrieb" reports
        ("Wie die Prüfungs- und Beratungsgesellschaft KPMG am Montag schrieb, stieg der Anteil auf 56 Prozent.", "56",
         "Prüfungs- und Beratungsgesellschaft KPMG"),
        ("Der Verband sagt: Fast 9.000 Betriebe haben sich beteiligt.", "9.000", "Verband"),  # "X sagt: …"
        ("In einer Studie des Robert Koch-Instituts hatten 14 Prozent Symptome.", "14", "Robert Koch-Instituts"),
        # a document is credited to its owner; a document without one yields to a source named in the sentence
        ("Wie aus dem Bericht des Innenministeriums hervorgeht, wurden 300 Menschen festgenommen.", "300", "Innenministeriums"),
        ("Mit 4,8 Prozent scheiterte die Liste, wie aus dem auf der Seite der Landeswahlleiterin veröffentlichten Ergebnis hervorgeht.",
         "4,8", "Seite der Landeswahlleiterin"),
        ("Laut den Daten der Landeswahlleiterin ist die Liste gescheitert: Sie kam dem vorläufigen Endergebnis zufolge auf 4,8 Prozent.",
         "4,8", "Daten der Landeswahlleiterin"),
        ("Die Liste kam dem vorläufigen Endergebnis zufolge auf 4,8 Prozent.", "4,8", "vorläufigen Endergebnis"),
        # a source noun as the subject of its sentence
        ("Wie viele kamen, darüber gingen die Angaben der Polizei und der Veranstalter auseinander, zwischen 4.000 und 9.000.",
         "4.000", "Polizei"),
        # a date after the source is no part of it; where it sits neither
        ("Nach Angaben der Stiftung TIHV vom Samstag starben 198 Zivilisten.", "198", "Stiftung TIHV"),
        ("Nach Angaben der Stiftung vom Roten Kreuz starben 198 Zivilisten.", "198", "Stiftung vom Roten Kreuz"),
        ("Wie die in Paris ansässige Beobachtungsstelle für Menschenrechte am Montag berichtete, starben 12 Kämpfer.", "12",
         "Beobachtungsstelle für Menschenrechte"),
        # an agency after a name is who was told; after a noun it owns the speaker
        ("Rund 3.000 Schüler haben teilgenommen, sagte Landesschulsprecherin Anna Huber der APA.", "3.000",
         "Landesschulsprecherin Anna Huber"),
        ("Rund 3.000 Schüler haben teilgenommen, sagte ein Sprecher der APA.", "3.000", "ein Sprecher der APA"),
        ("Laut Chefredakteur der Zeitung kamen 3.000 Schüler.", "3.000", "Chefredakteur der Zeitung"),
        ("Dabei seien 80 Ziele zerstört worden, sagte der Armeesprecher.", "80", "Armeesprecher"),
        # when, where and to whom a source spoke is no part of it
        ("Die Preise stiegen um 0,1 Prozent, wie das Statistikamt am Montag in Brüssel mitteilte.", "0,1", "Statistikamt"),
        ("Wie die Zeitung Kurier unter Berufung auf eigene Recherchen berichtete, sind 6 Orte betroffen.", "6", "Zeitung Kurier"),
        # a finite verb with an adjective's ending is no part of the source
        ("Bei dem Anschlag wurde dem Militär zufolge ein Soldat getötet und 7 verletzt.", "7", "Militär"),
        # a survey's author before a colon
        ("Hier die neue Umfrage des Instituts Allensbach: Die SPD kommt auf 18 Prozent.", "18", "Instituts Allensbach"),
        # the agent of a passive verb of publishing before a colon
        ("In der Nacht wurde das Endergebnis von der Landeswahlleiterin publiziert: Die CSU gewinnt mit 37,5 Prozent.", "37,5",
         "Landeswahlleiterin"),
    ],
)
def test_claimant_found(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


def test_gapped_source_with_any_hedge_of_the_figure() -> None:
    # "gegen" and "maximal" are hedges of numbers.hedges: the clause after the comma still names its source
    assert _who("Die Veranstalter sprachen von 1.000 Teilnehmern, die Polizei gegen 300.", "300") == "Polizei"
    assert _who("Die Gewerkschaft rechnete mit 5.000 Streikenden, der Arbeitgeberverband mit maximal 2.000.", "2.000") \
        == "Arbeitgeberverband"


def test_hedge_after_a_noun_phrase_that_gives_no_figure() -> None:
    # "unter" after what is counted or measured, not after who counts
    assert _who("Im Lager waren 500 Menschen, die Kinder unter 12 Jahren nicht mitgezählt.", "12") is None
    assert _who("Die Mieten in der Altstadt stiegen um 8 Prozent, die Preise unter 2 Prozent.", "2 Prozent") is None


def test_follow_up_sentence_credits_the_figure() -> None:
    assert _who("Die Zahl der Verletzten stieg auf 17. Das teilte die Polizei Kassel am Abend mit.", "17", following=True) == "Polizei Kassel"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Bei dem Brand wurden 14 Menschen verletzt.", "14"),  # no source at all: the outlet's own statement
        ("Es gab 5 Tote.", "5"),  # a pronoun is no claimant
        ("Die Partei kommt auf 28 Prozent.", "28"),  # "kommt auf" does not report, the party is what is counted
        ("In Leipzig kamen laut Polizei 9.000 Menschen zusammen, in Halle demonstrierten 3.000.", "3.000"),  # the cue credits the other figure
        ("Die Gewerkschaft gab am Montag ihren Austritt bekannt, 40 Mitglieder gingen.", "40"),  # "gab" without "an"
        ("Wie berichtet, wurden 285 Anträge gestellt.", "285"),  # "Wie berichtet" credits nobody
        ("Zuletzt waren rund 4.000 Fahrzeuge gemeldet.", "4.000"),  # a sentence-opening adverb is no subject
        ("Nach Auszählung aller Bezirke kommt die Liste auf 12 Prozent.", "12"),  # "Aus-zählung" is no source compound
        ("Der Verein erhob im Jahr 40 Euro Beitrag.", "40"),  # "erhob" credits only with "Anklage"
        ("Die Stadt will 40 Wohnungen bauen.", "40"),  # a modal with an infinitive that reports nothing
        ("Er warf den Ball 40 Meter weit.", "40"),  # "warf" credits only with "vor"
        ("Der Zug in Richtung Celle hatte 40 Waggons.", "40"),  # no verb of reporting after the subject and its place
        ("Ersten Angaben zufolge starben neun Menschen.", "neun"),  # first reports, by nobody named
        ("Bei dem Brand starben nach neuesten Angaben neun Menschen.", "neun"),
        ("Vor Sirte starben nach jüngsten Angaben 14 Kämpfer.", "14"),  # a word of time names no side
        ("Über die 14 Verletzten verlautete nichts.", "14"),  # "verlautete" without "es aus X" names nobody
        ("Nach falschen Angaben im Antrag erhielt er 14 Zahlungen.", "14"),  # "falsch" ends in "-sch" but names no side
        ("Die höchsten Werte registrierten die Messstellen im Süden mit 14 Grad.", "14"),  # an object before its verb is no source
        ("Der Schaden wird mit 14.000 Euro angegeben.", "14.000"),  # a passive is no report of the subject
        ("Die Inflation wird mit 14 Prozent höher als erwartet ausfallen.", "14"),  # "wird … erwartet" is no report
        ("Heuer gab die Hälfte der Befragten an, 14 Tage Urlaub zu nehmen.", "14"),  # an adverb opening the sentence
        # an aside does not join the clauses around it
        ("In Celle (Niedersachsen) demonstrierten laut Polizei 900 Menschen, in Uelzen (Innenstadt) protestierten 300 Menschen.", "300"),
        ("Am Pass starben zwei Wanderer, wie die Zahl am Abend zeigte.", "zwei"),  # "zeigte" is no verb of saying
        ("Im Umkreis von 50 Kilometern wurde der Luftraum gesperrt.", "50"),  # "Umkreis" is no authority ("Kreis")
        ("In einer großen Studie testeten die Forscher 1.135 Proben.", "1.135"),  # the verb after a survey noun names nobody
        ("Er sagt: 14 Prozent sind zu viel.", "14"),
        ("Wie aus einem Bericht hervorgeht, starben 12 Menschen.", "12"),
        ("Die Angaben stimmten nicht, 12 Menschen fehlten.", "12"),
        ("Hier die Prognose: Die SPD kommt auf 18 Prozent.", "18"),  # a survey without its author
        ("Dabei seien mehr als 800 Ziele zerstört worden, sagte er.", "800"),
        ("Gestiegen ist dem Bericht vom Montag zufolge der Anteil um 12 Prozent.", "12"),  # a dated back reference, no source here  # "Dabei" opens, it is no subject
        ("Es folgt die Auswertung der Daten: Die SPD kommt auf 18 Prozent.", "18"),  # a document is no author  # source nouns without a named source  # a document without an owner names nobody
        ("In der Nacht wurde von den Kindern gesungen: Die CSU gewinnt mit 37,5 Prozent.", "37,5"),  # no verb of publishing
        ("Die Zahlen wurden vom Bundesamt veröffentlicht, 37,5 Prozent sind arm.", "37,5"),  # a comma, not a colon, after it  # "eigenen Angaben" names nobody  # a pronoun introducing the figure is no claimant
    ],
)
def test_unattributed_stays_unattributed(text: str, number: str) -> None:
    assert _who(text, number) is None


def _carried(text: str, number: str) -> str | None:
    cut = text.index(". ") + 1
    first, second = (0, cut), (cut + 1, len(text))
    hit = carried_claimant(text, second, text.index(number), [first])
    return hit.text if hit else None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        ("Ein Sprecher der Bergwacht sagte am Abend, die Lage sei ernst. Demnach wurden 31 Menschen verletzt.", "31",
         "Ein Sprecher der Bergwacht"),
        ("Nach Angaben des Landratsamts wurde die Straße gesperrt. Den Angaben zufolge sind 12 Häuser beschädigt.", "12",
         "Landratsamts"),
        ("Laut einem Sprecher der Feuerwehr war die Lage unübersichtlich. Etwa 40 Menschen befänden sich noch im Gebäude.",
         "40", "einem Sprecher der Feuerwehr"),
        # a pronoun as the subject of a verb of reporting stands for the source named before
        ("Zwölf Straßen seien gesperrt, teilte die Kreisverwaltung mit. Sie zählte außerdem 80 umgestürzte Bäume.", "80",
         "Kreisverwaltung"),
    ],
)
def test_claimant_carried_from_the_sentence_before(text: str, number: str, claimant: str) -> None:
    assert _carried(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # the sentence neither points back nor continues reported speech: the earlier source does not cover it
        ("Laut Polizei war der Fahrer betrunken. Bei dem Unfall wurden drei Menschen verletzt.", "drei"),
        # pointing back, but the sentence before names no source
        ("Der Zug entgleiste am Mittag. Demnach saßen 60 Fahrgäste im Zug.", "60"),
        # subjunctive, but nobody was credited before
        ("Das Stadion ist ausverkauft. Mehr als 50.000 Zuschauer würden erwartet.", "50.000"),
        # a pronoun subject of a verb that reports nothing; a pronoun after a sentence that credits nobody
        ("Laut Nachbarn lebt die Bäuerin am Hang. Sie hatte 250 Kühe.", "250"),
        ("Maria Lenz betreibt einen Hof am Hang. Sie zählte im Frühjahr 250 Lämmer.", "250"),
    ],
)
def test_claimant_not_carried(text: str, number: str) -> None:
    assert _carried(text, number) is None


def test_points_back_and_unnamed_source_phrases() -> None:
    assert points_back("den Angaben") and points_back("seinen Angaben")
    assert not points_back("den Behörden") and not points_back("Angaben")
    # "nach neuesten Zahlen" names nobody: the figure stays the outlet's
    assert _who("In der Nacht wurden nach neuesten Zahlen 36 Menschen verletzt.", "36") is None
    # a figure after "darunter" shares the source of its sentence
    assert _who("Laut Bergwacht wurden 27 Wanderer verletzt, darunter zwei Schwerverletzte.", "zwei") == "Bergwacht"


def _who_in(text: str, number: str) -> str | None:
    """The claimant with the text split into sentences (follow-up sentences and paragraphs count)."""
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\s].*?[.!?](?=\s|$)", text, re.S)]
    pos = text.index(number)
    k = next(i for i, (s, e) in enumerate(bounds) if s <= pos < e)
    figures = [m.start() for m in re.finditer(r"(?<![\d.])\d", text)]
    hit = find_claimant(text, bounds[k], pos, bounds[k + 1 : k + 3], figures)
    return hit.text if hit else None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        # the subject vouches for its own figure; a dateline before it is no source
        ("Athen – Mazedonien hat nach eigenen Angaben 300 Migranten nach Griechenland zurückgeschickt.", "300", "Mazedonien"),
        ("Eigenen Angaben zufolge hat der Verlag über 80 Millionen Euro in die Zeitungen investiert.", "80", "Verlag"),
        ("Zwei Millionen Euro hat die Partei nach eigenen Angaben in den Wahlkampf gesteckt.", "Zwei", "Partei"),
        ("Dieser Tage zählt das Innenministerium nach eigenen Angaben 300 Asylanträge pro Tag.", "300", "Innenministerium"),
        ("Hinter der Marke steht die Holding mit bis jetzt nach eigenen Angaben 3,5 Millionen Kunden.", "3,5", "Holding"),
        # the figure is what is counted, in object-first order; its counter follows the verb
        ("Fünf Millionen Abos zählt Netflix in Lateinamerika.", "Fünf", "Netflix"),
        # an adverb first: the subject follows the verb
        ("Konkret hatten die Freiheitlichen von 82 verschwundenen Wahlkarten gesprochen.", "82", "Freiheitlichen"),
        # the time of the statement is no part of who made it
        ("Die Dividende sinkt auf 60 Cent je Aktie, teilte der Konzern Mittwochabend mit.", "60", "Konzern"),
        # a follow-up sentence may skip one sentence without a figure in the same paragraph
        ("Bei dem Unfall starben zwei Menschen. Der Fahrer blieb unverletzt. Das teilte die Polizei mit.", "zwei", "Polizei"),
    ],
)
def test_claimant_found_in_context(text: str, number: str, claimant: str) -> None:
    assert _who_in(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # "nach eigenen Angaben" in another clause than the figure's
        ("Der Verein wächst nach eigenen Angaben stark, 300 Mitglieder kamen 2015 hinzu.", "300"),
        # a verb form used as an adjective names no speaker
        ("Bei der Cyberkriminalität gab es einen Anstieg der berichtete Vorfälle um 8 Prozent.", "8"),
        ("Am Freitag wurden Details zu den bislang 31 ermittelten Tatverdächtigen bekannt.", "31"),
        # an adverb first and no subject after the verb
        ("Konkret wurden 82 Wahlkarten gezählt.", "82"),
        # "Das teilte X mit." credits its own paragraph, not a figure before a blank line
        ("Bei dem Anschlag starben zwei Menschen.\n\nDie Staatsanwaltschaft hat Anklage erhoben. Das teilte die Behörde mit.", "zwei"),
        ("Bei dem Anschlag starben zwei Menschen.\nDie Staatsanwaltschaft hat Anklage erhoben. Das teilte die Behörde mit.", "zwei"),
    ],
)
def test_no_claimant_in_context(text: str, number: str) -> None:
    assert _who_in(text, number) is None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        ("Die Polizei beziffert den Schaden auf 50.000 Euro.", "50.000", "Polizei"),  # a participle form used as finite verb
        ("Die Regierung in Washington hatte am Freitag bestätigt, dass zwei US-Bürger getötet worden seien.", "zwei",
         "Regierung"),
    ],
)
def test_claimant_of_participle_forms(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


def test_passive_names_no_speaker() -> None:
    # the subject of a passive is who was confirmed, not who confirms
    assert _who("Der Präsident war zuletzt mit 80 Prozent der Stimmen im Amt bestätigt worden.", "80") is None


@pytest.mark.parametrize(
    ("text", "name", "credible"),
    [
        ("Wobei eine der Zeuginnen sagt, sie sei fünf Meter entfernt gewesen.", "Wobei", False),
        ("Rund die Hälfte gab an, 60 Prozent seien zu viel.", "Rund", False),
        ("Die Hälfte der Befragten gab an, 14 Tage Urlaub zu nehmen.", "Hälfte der Befragten", False),
        ("Nach Vorwürfen kurdischer Medien, im Nordirak seien 9 Zivilisten getötet worden.", "Nordirak", False),
        ("Die Regierung in Washington bestätigte, dass zwei Bürger getötet worden seien.", "Washington", True),
        ("Beide Heime bieten 100 Plätze, hieß es im Innenministerium.", "Innenministerium", True),
        ("Die Polizei sagte, 14 Menschen seien verletzt.", "Polizei", True),
    ],
)
def test_credible_speaker(text: str, name: str, credible: bool) -> None:
    start = text.index(name)
    assert credible_speaker(text, name, (start, start + len(name))) is credible


def test_participle_after_als_belongs_to_no_speaker() -> None:
    # "hat … bekommen als … vermeldet": the auxiliary belongs to "bekommen", the party reports nothing
    text = "Die Partei hat zwar etwa 4.000 Stimmen mehr bekommen als in der Wahlnacht gemeldet."
    assert _who(text, "4.000") is None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        ("Nach UN-Schätzungen kamen bis zu 40.000 Zivilisten ums Leben.", "40.000", "UN-Schätzungen"),
        ("Nach einer vorläufigen Bilanz der Behörden ertranken 49 Menschen.", "49", "Behörden"),
        ("Nach den ersten Zählungen der Polizei kamen 3.000 Menschen.", "3.000", "Polizei"),
    ],
)
def test_source_phrases_with_article_or_hyphen(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


@pytest.mark.parametrize(
    "text",
    ["Nach einer langen Nacht kamen 40 Menschen an.", "Nach der Bilanz blieben 5 Millionen Euro übrig."],
)
def test_no_source_after_article(text: str) -> None:
    assert _who(text, next(w for w in text.split() if w[0].isdigit())) is None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        # a source phrase opening the sentence credits the clauses after it
        ("Laut Rotem Kreuz starben 32 Menschen, 80 weitere wurden verletzt.", "80", "Rotem Kreuz"),
        ("Die Abgeordneten verteilen sich so: Nach Angaben der Agentur gehören 27 zur AKP, 51 zur CHP.", "51", "Agentur"),
        # an adverb of time leaves the clause without a verb of its own
        ("Damals lagen laut Gerlach die Beiträge bei 10 Prozent, jetzt bei 22 Prozent.", "22", "Gerlach"),
        ("Nach Angaben lokaler Medien wurden 100 Kämpfer getötet.", "100", "lokaler Medien"),
        ("Die Firma investiert 58 Millionen Euro in den nach eigenen Angaben größten Windpark.", "58", "Firma"),
        ("Der Sprecher sagte auf Anfrage der APA, die ersten 90 Asylwerber seien Familien.", "90", "Sprecher"),
        ("Wie die Financial Times (FT) am Freitag unter Berufung auf mit den Plänen vertraute Banker und Geschäftsleute "
         "berichtete, sind Abschläge von 30 Prozent geplant.", "30", "Financial Times (FT)"),
        ("Die Wirtschaft wird heuer der Bank Austria zufolge um 1,5 Prozent wachsen.", "1,5", "Bank Austria"),
    ],
)
def test_claimant_of_leads_lists_and_long_phrases(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # the source phrase belongs to its own clause when it does not open the sentence
        ("Am Montag kamen laut Polizei 900 Menschen, am Dienstag wurden 1.200 Menschen gezählt.", "1.200"),
        ("Die Beiträge lagen laut Gerlach bei 10 Prozent, jetzt zahlen die Kassen 22 Prozent.", "22"),
        ("Der Sprecher sagte auf Anfrage der APA nichts, 90 Asylwerber sind Familien.", "90"),
    ],
)
def test_no_claimant_outside_the_source_clause(text: str, number: str) -> None:
    assert _who(text, number) is None


def test_dem_bericht_zufolge_carries_the_report_named_before() -> None:
    assert _carried("Die Zeitung Kurier berichtete über den Fall. Dem Bericht zufolge flohen 20 Menschen.", "20") == "Zeitung Kurier"
    assert _who("Dem Bericht zufolge flohen 20 Menschen.", "20") is None


def test_a_preposition_of_source_is_never_the_speaker_before_a_verb_of_saying() -> None:
    from tests.speech.helpers import analyse

    doc = analyse("Laut interner Kommunikation, sagt er, befänden sich mehr als 900 Flüchtlinge an der Grenze.", outlet="outlet")
    (claim,) = doc.of_kind("claim")
    assert claim.data["claimant_text"] != "Laut" and "Kommunikation" in str(claim.data["claimant_text"])


def _whole(text: str, number: str, names: list[str] = ()) -> str | None:  # type: ignore[assignment]
    from lagebild.stages.claim_sources import whole_name

    at = text.index(number)
    found = find_claimant(text, (0, len(text)), at, None, [at])
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return whole_name(text, found, spans, at if found.start < at else len(text)).text if found else None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        ("Nach Angaben von Ärzte ohne Grenzen wurden 40 Menschen verletzt.", "40", "Ärzte ohne Grenzen"),
        ("Nach Angaben der Ärzte ohne Grenzen starben 12 Menschen.", "12", "Ärzte ohne Grenzen"),
        ("Ärzte ohne Grenzen zufolge starben 12 Menschen.", "12", "Ärzte ohne Grenzen"),
        ("Laut Reporter ohne Grenzen sitzen 520 Journalisten in Haft.", "520", "Reporter ohne Grenzen"),
        ("Laut Amnesty International wurden 883 Menschen hingerichtet.", "883", "Amnesty International"),
        ("Laut Save the Children sind 2000 Kinder betroffen.", "2000", "Save the Children"),
        ("Nach Angaben des Zentrums für Politische Schönheit kamen 300 Menschen.", "300", "Zentrums für Politische Schönheit"),
    ],
)
def test_an_organisations_name_is_taken_whole(text: str, number: str, claimant: str) -> None:
    assert _whole(text, number) == claimant


def test_an_entity_span_gives_the_whole_name() -> None:
    text = "Nach Angaben des Deutschen Roten Kreuzes wurden 300 Menschen verletzt."
    assert _whole(text, "300", ["Deutschen Roten Kreuzes"]) == "Deutschen Roten Kreuzes"
    text = "Laut Polizei ohne Vorwarnung 12 Menschen festgenommen."  # contrived: an entity makes the name, not the link word
    assert _whole(text, "12", ["Polizei ohne Vorwarnung"]) == "Polizei ohne Vorwarnung"


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        # an authority's own noun ends the source: what follows is the clause's adverbial
        ("Laut Polizei ohne Vorwarnung wurden 12 Menschen festgenommen.", "12", "Polizei"),
        ("Nach Angaben der Feuerwehr für den Landkreis wurden 30 Menschen evakuiert.", "30", "Feuerwehr"),
        # a link word with no capitalised name after it links nothing
        ("Laut Greenpeace ohne jeden Zweifel sind 40 Prozent der Bäume geschädigt.", "40", "Greenpeace"),
        ("Nach Angaben von Amnesty International wurden 20 Menschen ohne Prozess hingerichtet.", "20", "Amnesty International"),
    ],
)
def test_link_words_do_not_run_into_the_clause(text: str, number: str, claimant: str) -> None:
    assert _whole(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        # a day named twice is one clause; a date's digits are no figure of the reporting clause
        ("Die Aufträge sanken um 2,4 Prozent, wie das Statistikamt heute, Dienstag mitteilte.", "2,4", "Statistikamt"),
        ("Die Zahl der Verletzten stieg auf 17, wie der Landrat am Montag, 3. Mai, sagte.", "17", "Landrat"),
        # "Auch" before the subject of a verb of reporting
        ("Auch die Nachrichtenagentur Anadolu berichtete von 40 Festnahmen.", "40", "Nachrichtenagentur Anadolu"),
        # a relative clause opened by a preposition holds what the reporting clause reported
        ("Die Feuerwehr meldete drei Brände, bei denen 14 Menschen verletzt wurden.", "14", "Feuerwehr"),
    ],
)
def test_reporting_clauses_around_dates_and_relative_clauses(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # a relative clause after a clause without a verb of reporting; a date comma that is no apposition
        ("Der Minister besuchte die Unglücksstelle, bei der 14 Menschen starben.", "14"),
        ("Am Montag, als 14 Menschen verletzt wurden, regnete es.", "14"),
    ],
)
def test_no_source_for_relative_clause_or_plain_date(text: str, number: str) -> None:
    assert _who(text, number) is None


def test_a_part_named_by_an_adverb_is_credited_like_its_whole() -> None:
    text = "Die Zahl der Verletzten bezifferte die Feuerwehr am Abend auf 31, davon 9 schwer."
    figures = [text.index("31"), text.index("9 ")]
    hit = find_claimant(text, (0, len(text)), text.index("9 "), [], figures)
    assert hit is not None and hit.text == "Feuerwehr"
    # a clause with a verb of its own is no elliptic part: "schwer" does not make it one
    text = "Die Feuerwehr meldete 31 Verletzte, am Abend lagen 9 schwer erkrankt im Spital."
    hit = find_claimant(text, (0, len(text)), text.index("9 "), [], [text.index("31"), text.index("9 ")])
    assert hit is None or hit.text != "Feuerwehr"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the channel or request a statement came through is no part of its source; a place is
        ("Wie die Polizei auf Twitter mitteilte, wurden 12 Menschen verletzt.", "Polizei"),
        ("Wie die Polizei auf Anfrage mitteilte, wurden 12 Menschen verletzt.", "Polizei"),
        ("Wie die Polizei auf Sylt mitteilte, wurden 12 Menschen verletzt.", "Polizei auf Sylt"),
    ],
)
def test_channel_of_a_statement_is_cut_from_its_source(text: str, claimant: str) -> None:
    assert _who(text, "12") == claimant


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a publication's name in quote marks
        ("Dem „Tagesspiegel“ zufolge wurden 14 Verdächtige festgenommen.", "Tagesspiegel"),
        ("Laut „Kurier“ wurden 14 Verdächtige festgenommen.", "Kurier"),
        ("Nach Angaben der „Kleinen Zeitung“ wurden 14 Verdächtige festgenommen.", "Kleinen Zeitung"),
    ],
)
def test_quoted_publication_names_are_sources(text: str, claimant: str) -> None:
    assert _who(text, "14") == claimant


def test_quote_marks_make_no_source_of_a_quoted_phrase() -> None:
    # a quoted phrase that is no name stays no source
    assert _who("Die „Lage bleibt ernst“, 14 Menschen wurden verletzt.", "14") is None


@pytest.mark.parametrize(
    ("text", "number", "claimant"),
    [
        # reported speech after a colon is the words of the subject before it
        ("Die Feuerwehr warnte: 12 Häuser seien einsturzgefährdet.", "12", "Feuerwehr"),
        ("Kowalski machte den Regen verantwortlich: 36 Keller seien vollgelaufen.", "36", "Kowalski"),
    ],
)
def test_reported_speech_after_a_colon(text: str, number: str, claimant: str) -> None:
    assert _who(text, number) == claimant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # no reported speech after the colon, or no name or agent before it
        ("Kowalski machte den Regen verantwortlich: 36 Keller liefen voll.", "36"),
        ("Die Bilanz ist verheerend: 12 Menschen seien gestorben.", "12"),
    ],
)
def test_no_speaker_from_a_colon(text: str, number: str) -> None:
    assert _who(text, number) is None


def test_a_heading_before_a_colon_is_no_speaker() -> None:
    text = "Einkaufen in die Firma Der Konzern muss sich einkaufen: Die Stiftung habe 29 Prozent verkauft."
    assert _who(text, "29") is None


@pytest.mark.parametrize(
    "text",
    [
        # the first part of a survey compound is its topic here, no institute
        "In einer Corona-Umfrage sagten 30 Prozent, sie seien müde.",
        "In einer Pisa-Studie erreichten 30 Prozent das Ziel.",
        "Eine Klima-Studie zeigt 30 Prozent mehr Hitzetage.",
        "In einer Bundestags-Analyse stieg der Anteil auf 30 Prozent.",
    ],
)
def test_a_survey_compounds_topic_is_no_source(text: str) -> None:
    assert _who(text, "30") is None
