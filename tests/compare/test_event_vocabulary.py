"""The news event vocabulary (events/triggers.toml): shape of every entry, classes on other texts, and where it must not fire."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import resources

import pytest
from compare_helpers import make_doc, run_events

from lagebild.events.lexicon import (
    ENTRY_KEYS,
    MERGE_POLICIES,
    class_policies,
    load_lexicon,
)

NEWS_CLASSES = {
    "die", "injure", "attack", "accident", "flood", "earthquake", "storm", "fire", "arrest", "charge", "verdict",
    "election", "resign", "dismiss", "decide", "agree", "meet", "visit", "demand", "strike", "protest", "military", "economy",
}


def test_every_entry_has_the_schema_and_compiles() -> None:
    table = tomllib.loads(resources.files("lagebild.events").joinpath("triggers.toml").read_text("utf-8"))
    for name, entry in table.items():
        assert set(entry) <= ENTRY_KEYS, name
        assert entry.get("forms") or entry.get("nouns"), name
        assert entry.get("merge", "participants") in MERGE_POLICIES, name
        assert all(isinstance(f, str) and f.strip() == f for f in entry.get("forms", []) + entry.get("nouns", [])), name
    rules = load_lexicon()
    assert {r.event_class for r in rules} >= NEWS_CLASSES
    assert class_policies(rules)["flood"] == "happening" and class_policies(rules)["sign"] == "participants"


def test_unknown_key_is_refused(tmp_path) -> None:
    bad = tmp_path / "t.toml"
    bad.write_text('[x]\nforms = ["y"]\nmerges = "happening"\n', "utf-8")
    with pytest.raises(ValueError, match="unknown keys"):
        load_lexicon(str(bad))


def _factual_classes(sentence: str) -> set[str]:
    """The classes of the asserted or reported, not negated, events found in ``sentence``."""
    doc = run_events(make_doc("t", sentence))
    return {str(a.label) for a in doc.of_kind("event")
            if a.data.get("modality") in ("asserted", "reported") and not a.data.get("negated")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bei dem Erdbeben in der Provinz kamen mindestens 40 Menschen ums Leben.", {"earthquake", "die"}),
        ("Der Fluss trat über die Ufer und überflutete mehrere Dörfer.", {"flood"}),
        ("Das Gericht verurteilte den Angeklagten zu acht Jahren Haft.", {"verdict"}),
        ("Die Staatsanwaltschaft hat Anklage gegen den Bürgermeister erhoben.", {"charge"}),
        ("Die Ministerin trat am Abend zurück.", {"resign"}),
        ("Der Regierungschef entließ seinen Finanzminister.", {"dismiss"}),
        ("Der Bundestag beschloss das Gesetz mit großer Mehrheit.", {"decide"}),
        ("Tausende Beschäftigte streikten vor dem Werk.", {"strike"}),
        ("In Leipzig demonstrierten am Samstag 20.000 Menschen.", {"protest"}),
        ("Die Polizei nahm den mutmaßlichen Täter noch am Tatort fest.", {"arrest"}),
        ("Ein Regionalzug ist bei Hof entgleist.", {"accident"}),
        ("Der Konzern meldete Insolvenz an.", {"economy"}),
    ],
)
def test_news_classes_on_other_texts(sentence: str, expected: set[str]) -> None:
    doc = run_events(make_doc("x", sentence))
    assert expected <= {a.label for a in doc.of_kind("event")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Bundeswahlleiterin Ruth Brand stellte die Zahlen vor.",  # a surname, not a fire
        "Das ist ein Spiel mit dem Feuer, sagte der Abgeordnete.",  # an idiom
        "Im Falle eines Angriffs müssen beide Länder einander beistehen.",  # hypothetical
        "Die Ergebnisse der Studie überraschten die Forscher.",  # results without a vote
    ],
)
def test_vocabulary_does_not_fire_where_it_must_not(sentence: str) -> None:
    entities = [("Ruth Brand", "PER", "Ruth Brand")] if "Brand" in sentence else []
    doc = run_events(make_doc("x", sentence, entities=entities))
    factual = {a.label for a in doc.of_kind("event") if a.data.get("modality") in ("asserted", "reported")}
    assert not factual & {"fire", "attack", "result"}


def test_unless_keeps_casualty_phrases_out_of_demands() -> None:
    claimed = run_events(make_doc("x", "Der Sturm hat in der Region drei Todesopfer gefordert."))
    assert "demand" not in {a.label for a in claimed.of_kind("event")}
    demanded = run_events(make_doc("y", "Die Gewerkschaft forderte acht Prozent mehr Lohn."))  # counter-example
    assert "demand" in {a.label for a in demanded.of_kind("event")}


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Taucher haben die Leiche des Vermissten im Stausee entdeckt.", True),
        ("In der Wohnung fanden Beamte den Mann leblos auf.", True),
        ("Die Trauerfeier für die Toten fand am Freitag statt.", False),  # "fand ... statt" is no finding
        ("Das Museum fand für die gleiche Ausstellung einen neuen Platz.", False),  # "gleiche" holds no "Leiche"
        ("Die Forscher haben eine neue Käferart entdeckt.", False),  # a finding without a body
    ],
)
def test_finding_a_body_needs_a_body(sentence: str, found: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    assert ("find_dead" in {a.label for a in doc.of_kind("event")}) is found


@pytest.mark.parametrize(
    ("sentence", "arrived"),
    [
        ("Am Abend traf die Ministerin im Katastrophengebiet ein.", True),
        ("Der Präsident traf am Montag in Kiew ein und sprach mit Soldaten.", True),  # a conjunction may follow the particle
        ("Der Stürmer traf ein weiteres Mal in der Nachspielzeit.", False),  # "ein" begins a noun phrase: no particle
    ],
)
def test_arriving_takes_ein_as_particle_only_at_the_end_of_its_clause(sentence: str, arrived: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    assert ("visit" in {a.label for a in doc.of_kind("event")}) is arrived


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Nach dem Grubenunglück ist die Zahl der Todesopfer auf 58 gestiegen.", True),
        ("Die Opferzahl stieg am Abend auf zwölf.", True),
        ("Die Zahl der Arbeitslosen ist im Winter auf drei Millionen gestiegen.", False),  # a rising count, no deaths
    ],
)
def test_a_rising_death_toll_is_a_casualty_report(sentence: str, found: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    assert ("die" in {a.label for a in doc.of_kind("event")}) is found


@pytest.mark.parametrize(
    ("sentence", "label", "found"),
    [
        ("Die Opposition kündigte Widerstand an.", "announce", True),
        ("Die Armee griff die Stellungen am Morgen an und zog sich zurück.", "attack", True),
        ("Der Verteidiger klagte über Schmerzen an der Hüfte.", "charge", False),  # "an der Hüfte": a preposition
    ],
)
def test_an_is_a_particle_only_where_its_clause_ends(sentence: str, label: str, found: bool) -> None:
    doc = run_events(make_doc("x", sentence))
    assert (label in {a.label for a in doc.of_kind("event")}) is found


def test_the_trigger_pattern_is_the_same_in_every_process() -> None:
    # Forms of equal length ("trafen sich", "traf(?:en)?") once kept the set's order, which follows the hash seed:
    # two runs of the same corpus, or Ray and the process pool, could then read another trigger.
    code = "from lagebild.events.lexicon import candidate_pattern, load_lexicon; print(candidate_pattern(load_lexicon(None)).pattern)"
    patterns = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                               env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "4")}
    assert len(patterns) == 1 and next(iter(patterns))


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # hyphenated accident compounds and emergency landings
        ("Nach einem Hubschrauber-Absturz im Norden des Landes suchen Soldaten nach Überlebenden.", "accident", True),
        ("Der Hubschrauber musste am Dienstag auf einem Feld notlanden, die Maschine wurde notgelandet geborgen.", "accident", True),
        ("Der Aktien-Absturz der Bank beschäftigt die Anleger.", "accident", False),
        ("Die Bus-Linie 13A fährt ab Montag öfter.", "accident", False),
        # fires and explosions in the plural, a series of arsons
        ("Bei mehreren Explosionen in der Hafenstadt starben Dutzende Menschen.", "fire", True),
        ("Nach einer Brandserie in einem Wohnhaus wurde eine Frau festgenommen.", "fire", True),
        ("Der Vortrag über die Explosionszeichnung im Maschinenbau fiel aus.", "fire", False),
        # elections named by compounds and hyphenated places
        ("Vor der Bundespräsidentenwahl liegen drei Kandidaten vorn.", "election", True),
        ("Zehn Tage nach der Wien-Wahl liegt das amtliche Ergebnis vor.", "election", True),
        ("Die Auswahl an Speisen war groß.", "election", False),
        # winning an election
        ("Die Partei siegte bei den Stichwahlen in allen Regionen.", "result", True),
        ("Der Außenseiter siegte im Elfmeterschießen.", "result", False),
        # protests named as a march
        ("Rund 1000 Menschen zogen in einem Protestzug durch die Innenstadt.", "protest", True),
        ("Die Protestantin sang im Chor.", "protest", False),
        # a trial and a penalty
        ("Ein 30-Jähriger steht seit Montag vor Gericht, weil er seine Partnerin überfahren haben soll.", "charge", True),
        ("Die Firma will wegen der Werbung vor Gericht ziehen.", "charge", False),
        ("Das Kartellgericht hat über die Handelskette eine Geldbuße von 500.000 Euro verhängt.", "verdict", True),
        ("Der Bürgermeister hat eine Ausgangssperre verhängt.", "verdict", False),
        # an attack with a thrown grenade or incendiary
        ("Unbekannte haben in der Nacht eine Handgranate auf eine Flüchtlingsunterkunft geworfen.", "attack", True),
        ("Der Spieler hat den Ball ins Aus geworfen.", "attack", False),
    ],
)
def test_news_triggers_fire_and_stay_out(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Die Seeleute haben am Montag einen zweitägigen Fährenstreik begonnen.", "strike", True),
        ("Die Streikposten wärmten sich am Feuer.", "strike", False),
        ("Ein US-Student ist zu 15 Jahren Arbeitslager verurteilt worden.", "verdict", True),
        ("Die Opposition verurteilte die Äußerungen des Ministers scharf.", "verdict", False),
    ],
)
def test_compounds_and_sentences(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Zwei Männer sind bei Arbeitsunfällen schwer verletzt worden.", "accident", True),
        ("Die Unfallchirurgie sucht neue Ärzte.", "accident", False),
        ("Ein Anhänger der Miliz hat einen Polizisten angeschossen.", "attack", True),
        ("Der Stürmer hat den Torhüter angeschossen, der Ball ging ins Aus.", "attack", False),
        ("Die Miliz hat die Tötung einer Geisel bekanntgegeben.", "kill", True),
        ("Die Tötungsdelikte gingen im Vorjahr zurück.", "kill", False),
        ("Das Höchstgericht hat die Verurteilung des Bloggers bestätigt.", "verdict", True),
    ],
)
def test_more_news_forms(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Laut dem offiziellen Ergebnis stimmten 120 Abgeordnete gegen den Antrag.", "result", True),
        ("Heute haben Rot und Schwarz das Gespür verloren, was eine Koalition bedeutet.", "result", False),
        ("Der Blogger war wegen Beleidigung verurteilt worden.", "verdict", True),
        ("Die Angeklagte wurde zum Tode verurteilt.", "verdict", True),
        ("Das Programm ist zum Scheitern verurteilt.", "verdict", False),
        ("Er wurde wegen fahrlässiger Tötung angeklagt.", "kill", False),
        ("Die Miliz hat die Ermordung zweier Geiseln gemeldet.", "kill", True),
        ("Der Mittelfeldspieler gewann die Journalisten-Wahl des Magazins.", "election", False),
        ("Zehn Tage nach der Wien-Wahl liegt das Endergebnis vor.", "election", True),
        # seats are a result's cue, a seat of a firm, property and a chair are none
        ("Die Konservativen verloren 30 Unterhaussitze.", "result", True),
        ("Die Liberalen gewannen vier Sitze dazu.", "result", True),
        ("Der Bauer verlor bei dem Hochwasser seinen gesamten Besitz.", "result", False),
        ("Nach langem Streit gewann die Ärztin den Vorsitz der Kammer.", "result", False),
        ("Der Konzern mit Sitz in Linz gewann den Rechtsstreit gegen die Bank.", "result", False),
        ("Nach der Sitzung verlor der Aktienkurs deutlich.", "result", False),
    ],
)
def test_precision_of_new_forms(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # goods supplied, not a contest ("lieferten sich einen Streit") nor a result delivered
        ("Die Rüstungsfirma lieferte im März 40 Panzer an die Armee.", "supply", True),
        ("Apple lieferte sich jüngst einen Streit vor Gericht mit dem FBI.", "supply", False),
        ("In der Grenzstadt liefern sich Soldaten und Kämpfer seit Tagen Gefechte.", "supply", False),
        ("Die Methode liefert durchaus ansprechende Ergebnisse.", "supply", False),
        # a crash, not a figure that "crashes" nor "ins Unglück"
        ("Ein Kleinflugzeug ist am Sonntag in den Alpen abgestürzt.", "accident", True),
        ("Die Wirtschaftsleistung ist im Vorjahr um 6,8 Prozent abgestürzt.", "accident", False),
        ("Die Band läuft sehenden Auges ins Unglück.", "accident", False),
        # elected to an office, not an option chosen
        ("Der Landtag hat die Abgeordnete zur neuen Landeshauptfrau gewählt.", "elect", True),
        ("Deshalb haben wir die bilaterale Option gewählt.", "elect", False),
        ("Der Zeitpunkt der Präsentation ist interessant gewählt.", "elect", False),
        # agreed, not notified
        ("Die Koalitionspartner haben sich am Abend auf ein Budget verständigt.", "agree", True),
        ("Die Gewinner werden per E-Mail verständigt.", "agree", False),
        # a suspect caught, not a decision made
        ("Der flüchtige Täter wurde am Abend von der Polizei gefasst.", "arrest", True),
        ("Die Belegschaft hat vergangene Woche einen Streikbeschluss gefasst.", "arrest", False),
        # a vote, not coordination
        ("Über den Antrag wurde am Mittwoch im Landtag abgestimmt.", "election", True),
        ("Das Timing der Ampelschaltung ist schlecht abgestimmt.", "election", False),
        # a meeting, not "ins Treffen führen" (to argue)
        ("Das Treffen der Außenminister fand in Wien statt.", "meet", True),
        ("Der Anwalt führte Verschwiegenheitspflichten als Argument ins Treffen.", "meet", False),
        # a strike, not one threatened ("drohten mit Streiks"); an arrest, not one applied for; no agreement ("ohne Einigung")
        ("Die Fluglotsen streikten am Montag in Paris.", "strike", True),
        ("Die Fluglotsen drohten mit Streiks, sollte die Regierung nicht einlenken.", "strike", False),
        ("Die Staatsanwaltschaft hat Untersuchungshaft beantragt.", "arrest", False),
        ("Nach der Festnahme forderte die Partei Aufklärung.", "arrest", True),
        ("Ohne Einigung droht im Sommer ein Prozess.", "agree", False),
    ],
)
def test_everyday_senses_measured_on_news(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # central happenings of other kinds of stories, and the everyday senses of the same words
        ("Bei einem Selbstmordanschlag auf einen Markt in Kabul starben zwölf Menschen.", "attack", True),
        ("Das Attentat auf den Bürgermeister erschütterte die Stadt.", "attack", True),
        ("Jeder Tastenanschlag wird von der Software gezählt.", "attack", False),
        ("Der Kostenvoranschlag der Firma lag bei 30.000 Euro.", "attack", False),
        ("Der Journalist wurde in seiner Wohnung ermordet.", "kill", True),
        ("Bewaffnete haben in Nigeria 30 Schülerinnen entführt.", "kidnap", True),
        ("Der Film entführt die Zuschauer in eine Welt voller Magie.", "kidnap", False),
        ("In der Altstadt ist am Morgen ein Wohnhaus eingestürzt.", "collapse", True),
        ("Die Aktienkurse stürzten am Montag ein.", "collapse", False),
        ("Das Militär hat in der Hauptstadt geputscht.", "coup", True),
        ("Der Militärputsch scheiterte nach wenigen Stunden.", "coup", True),
        ("Die Koalition ist nach drei Jahren zerbrochen.", "government_crisis", True),
        ("Das Glas ist beim Transport zerbrochen.", "government_crisis", False),
        ("Der Kanzler hat im Parlament die Vertrauensfrage gestellt.", "election", True),
        ("Ein Erdstoß der Stärke 5,1 erschütterte die Region.", "earthquake", True),
    ],
)
def test_central_happenings_of_other_stories(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Milizen haben im Osten des Landes 18 Dorfbewohner verschleppt.", "kidnap", True),
        ("Der Geschäftsführer soll die Insolvenz monatelang verschleppt haben.", "kidnap", False),
        ("Das neue Spiel entführt ins düstere London des frühen 20. Jahrhunderts.", "kidnap", False),
        ("Kuster, Farkas, Malic, Putsche, Ouedraogo spielten für Mattersburg.", "coup", False),  # a player's name
    ],
)
def test_taking_people_and_names_that_look_like_a_coup(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        # a government that breaks up is the verb's subject, in any word order
        ("Am Mittwochabend zerbrach die Regierungskoalition im Streit um den Haushalt.", True),
        ("Das Regierungsbündnis platzte nach nur acht Monaten.", True),
        ("Die Regierung von Ministerpräsident Müller ist geplatzt.", True),
        ("Nach drei Jahren ist die Koalition zerbrochen.", True),
        ("Nachdem die Koalition zerbrochen war, rief der Präsident Neuwahlen aus.", True),
        ("The coalition government collapsed on Friday.", True),
        ("Die Regierungskrise dauert an.", True),
        # something else bursts in a sentence that names a government (a dam, a sale, wage talks)
        ("Nach tagelangem Regen ist ein Damm geplatzt, die Landesregierung rief den Katastrophenfall aus.", False),
        ("Der Verkauf der Staatsanteile durch die Regierung ist geplatzt.", False),
        ("Die Tarifverhandlungen zwischen Regierung und Gewerkschaften sind geplatzt.", False),
        ("Die Tarifverhandlungen zwischen den Gewerkschaften und der Regierung sind geplatzt.", False),
        ("Die Regierung sagte, die Gespräche mit der Opposition seien geplatzt.", False),
    ],
)
def test_government_crisis_needs_the_government_as_subject(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("government_crisis" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Die Piraten entführten das Schiff und forderten Lösegeld.", True),
        # a match report: a team "entführt" points, a draw or a win from an away ground
        ("Der SC Freiburg entführte am Samstag drei Punkte aus Dortmund.", False),
        ("Mit einem späten Tor entführten die Gäste einen Punkt aus München.", False),
        ("Die Gäste haben aus Wien einen Zähler entführt.", False),
        # a singer who takes the audience "auf eine Reise" takes nobody
        ("Der Sänger entführte das Publikum mit seiner Stimme auf eine Reise.", False),
    ],
)
def test_kidnap_not_an_idiom(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("kidnap" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("In Genua ist eine Autobahnbrücke eingestürzt.", True),
        ("Das Dach der Turnhalle stürzte unter der Schneelast ein.", True),
        ("Nach dem Brückeneinsturz wird ermittelt.", True),
        # a building word inside a compound whose head is something else
        ("Der Gewinn des Hausgeräteherstellers stürzte im dritten Quartal um 40 Prozent ein.", False),
        # a building named, but a figure or a value falls
        ("Der Wert des Hauses stürzte nach dem Skandal ein.", False),
        ("Die Verkäufe neuer Häuser stürzten im Mai um 30 Prozent ein.", False),
    ],
)
def test_collapse_of_buildings_not_of_figures(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("collapse" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Nach der verlorenen Vertrauensfrage löste der Präsident den Bundestag auf.", True),
        # "a matter of trust" and "the question of trust arises" are no vote
        ("Für viele Kunden ist der Datenschutz eine Vertrauensfrage.", False),
        ("Für die Anleger stellt sich nun die Vertrauensfrage.", False),
    ],
)
def test_vertrauensfrage_only_as_a_vote(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("election" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # "niederlegen": the work laid down is a strike, an office a resignation, arms or a wreath neither
        ("Die Beschäftigten legten am Montag die Arbeit nieder.", "strike", True),
        ("Die Beschäftigten legten am Montag die Arbeit nieder.", "resign", False),
        ("Der Minister legte sein Amt nieder.", "resign", True),
        ("Die Abgeordnete hat ihr Mandat niedergelegt.", "resign", True),
        ("Der Minister legte sein Amt nieder.", "strike", False),
        ("Die Rebellen legten nach dem Abkommen die Waffen nieder.", "resign", False),
        ("Der Präsident legte am Denkmal einen Kranz nieder.", "resign", False),
    ],
)
def test_laying_down_work_or_office(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Die Offiziere putschten in der Nacht auf Sonntag.", True),
        # "aufputschen": a coach or a stimulant peps someone up
        ("Der Trainer putschte seine Mannschaft in der Pause auf.", False),
        ("Das Koffein putscht den Körper kurzfristig auf.", False),
    ],
)
def test_coup_not_aufputschen(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("coup" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Ein Beben der Stärke 6,1 erschütterte am Morgen die Region.", True),
        ("Das Erdbeben erschütterte auch die Börsen in Tokio.", True),
        ("Das Beben ereignete sich um drei Uhr nachts.", True),
        # a political or financial "Beben" shakes no ground
        ("Ein Beben erschütterte die Partei.", False),
        ("Die Finanzbeben erschütterten die Börsen.", False),
        ("Die Wahl war ein politisches Erdbeben.", False),
    ],
)
def test_earthquake_not_a_political_one(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("earthquake" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("Bei dem Anschlag auf die Redaktion wurden zwölf Menschen getötet.", True),
        ("Der Anschlag auf die Demokratie kostete drei Polizisten das Leben.", True),
        # an attack on a right or an institution, as a figure of speech
        ("Der Verband nannte das Urteil einen Anschlag auf die Pressefreiheit.", False),
        ("Die Opposition nannte das Gesetz einen Angriff auf den Rechtsstaat.", False),
    ],
)
def test_attack_not_on_a_right(sentence: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert ("attack" in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # an execution needs people, a sentence or a regime in its sentence
        ("Im Iran wurden am Montag drei Männer hingerichtet.", "kill", True),
        ("Das Regime richtete die Gefangenen im Morgengrauen hin.", "kill", True),
        ("Der Stürmer hat den Torwart förmlich hingerichtet.", "kill", False),
        # with a word of the needs list (Menschen) the sports words still keep it out
        ("Vor 50.000 Menschen hat der Stürmer den Torwart förmlich hingerichtet.", "kill", False),
        ("Die Band hat den Song live hingerichtet.", "kill", False),
        # a price war is no attack; an attack with "Preis" elsewhere stays
        ("Der Discounter startet einen Preisanschlag auf die Konkurrenz.", "attack", False),
        ("Nach dem Anschlag auf die Preisverleihung wurden drei Menschen festgenommen.", "attack", True),
        # a landslide at the polls is an election, no disaster
        ("Die Wahl brachte der Partei einen politischen Erdrutsch.", "storm", False),
        ("Die Partei feierte einen Erdrutschsieg bei der Wahl.", "election", True),
        ("Ein Erdrutsch verschüttete drei Häuser im Tal.", "storm", True),
        # a flood of requests is no flood; the flood of a year stays
        ("Die Behörde wurde von einer Flut von Anfragen überrollt.", "flood", False),
        ("Eine Flut an Beschwerden erreichte die Bahn.", "flood", False),
        ("Die Flut von 2021 zerstörte das halbe Tal.", "flood", True),
        ("Eine Flut überschwemmte in der Nacht das Dorf.", "flood", True),
        # storms of protest, avalanches of lawsuits
        ("Der Vorschlag löste einen Sturm der Entrüstung aus.", "storm", False),
        ("Der Bericht hat eine Lawine von Klagen ausgelöst.", "storm", False),
        ("Ein Sturm deckte in der Nacht Dächer ab.", "storm", True),
        ("Die Band eroberte das Publikum im Sturm.", "storm", False),
        ("Drei Fischer kamen im Sturm vor der Küste ums Leben.", "storm", True),
        ("Eine Lawine verschüttete zwei Skifahrer.", "storm", True),
        # a figure of speech is excluded by its own words only: real hail, avalanches, landslides and floods
        # with a complement, a genitive or a percentage stay, and the entry's verb still fires
        ("Hagel von bis zu fünf Zentimetern Durchmesser beschädigte in der Stadt Hunderte Autos.", "storm", True),
        ("Hagel von der Größe eines Golfballs zerstörte die Ernte.", "storm", True),
        ("Eine Lawine der höchsten Warnstufe verschüttete zwei Skifahrer.", "storm", True),
        ("Ein Erdrutsch zerstörte 30 Prozent der Häuser im Tal.", "storm", True),
        ("Eine Flut an Wassermassen überschwemmte die Altstadt.", "flood", True),
        ("Ein Hagel von Vorwürfen prasselte auf den Minister nieder.", "storm", False),
        ("Die Partei gewann bei der Wahl in einem Erdrutsch 60 Prozent der Stimmen.", "storm", False),
        # the figure suppresses its own noun, not a real storm named elsewhere in the sentence
        ("Nach dem Sturm der Entrüstung über die Planung verwüstete ein Hagel die Felder.", "storm", True),
    ],
)
def test_figures_of_speech_are_no_happening(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "werden" with an infinitive after a happening that took place does not make it a plan
        ("Der Anschlag wird die Stadt noch lange beschäftigen.", {"attack"}),
        ("Das Erdbeben hat 300 Menschen getötet und wird die Region noch lange beschäftigen.", {"earthquake", "kill"}),
        ("Die Regierung kündigte an, dass der Anschlag Folgen haben werde.", {"attack"}),
    ],
)
def test_a_happening_followed_by_werden_stays_told(sentence: str, expected: set[str]) -> None:
    assert expected <= _factual_classes(sentence)


@pytest.mark.parametrize(
    ("sentence", "cls", "modality"),
    [
        # a happening announced as the object of "ankündigen" is still to come
        ("Die Gewerkschaft kündigt Streiks an.", "strike", "intended"),
        ("Die Gewerkschaft kündigte für Montag einen Streik an.", "strike", "intended"),
        ("Verdi hat für Donnerstag Warnstreiks angekündigt.", "strike", "intended"),
        ("Er kündigte seinen Rücktritt an.", "resign", "intended"),
        # must not fire: the happening is named in a prepositional phrase, or the participle is an attribute
        ("Der Minister kündigte nach dem Anschlag härtere Gesetze an.", "attack", "asserted"),
        ("Der angekündigte Streik legte am Montag den Verkehr lahm.", "strike", "asserted"),
        ("Die Gewerkschaft kündigte den Tarifvertrag nach dem Streik.", "strike", "asserted"),
        # must not fire: the noun is the subject of the announcing verb, not its object
        ("Der Streik der Lokführer kündigte eine schwere Woche für Pendler an.", "strike", "asserted"),
        ("Der Anschlag hat angekündigt, was noch kommen sollte.", "attack", "asserted"),
        # a passive subject is what is announced; a noun after a contracted preposition (cues.toml) is not
        ("Der Streik wurde für Montag angekündigt.", "strike", "intended"),
        ("Die Gewerkschaft kündigte beim Streik weitere Aktionen an.", "strike", "asserted"),
        ("Die Gewerkschaft kündigte fürs Wochenende einen Streik an.", "strike", "intended"),
    ],
)
def test_announced_happenings_are_planned(sentence: str, cls: str, modality: str) -> None:
    doc = run_events(make_doc("t", sentence, published="2024-05-01"))
    got = {a.label: a.data.get("modality") for a in doc.of_kind("event")}
    assert got.get(cls) == modality, got


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Das Verwaltungsgericht wies die Klage der Anwohner am Dienstag ab.", "reject", True),
        ("Der Eilantrag der Stadt wurde abgewiesen.", "reject", True),
        ("Der Torwart wies den Ball mit der Faust ab.", "reject", False),  # a save, no dismissal
        ("Am Eingang wurden Dutzende Gäste abgewiesen.", "reject", False),  # turned away at a door
        ("Die Landesregierung ordnete eine dreitägige Trauer an.", "decide", True),
        ("Das Gericht hat die Freilassung des Mannes angeordnet.", "decide", True),
        ("Er ordnete die Bücher im Regal nach Farben an.", "decide", False),  # arranging, no authority
        ("Die Stühle sind im Kreis angeordnet.", "decide", False),
    ],
)
def test_dismissing_and_ordering(sentence: str, cls: str, fires: bool) -> None:
    assert (cls in _factual_classes(sentence)) is fires
