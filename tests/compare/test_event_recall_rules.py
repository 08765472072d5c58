"""Forms added for happenings a sample of 10kGNAD sentences reported and the vocabulary missed: each fires on one
text and stays out of another (benchmarks/README.md, "Events: recall on sentences that report a happening")."""

from __future__ import annotations

import pytest
from compare_helpers import make_doc, run_events


def _factual_classes(sentence: str) -> set[str]:
    doc = run_events(make_doc("t", sentence))
    return {str(a.label) for a in doc.of_kind("event")
            if a.data.get("modality") in ("asserted", "reported") and not a.data.get("negated")}


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        # dying named as falling victim
        ("Mehr als 6400 Menschen sind dem Konflikt zum Opfer gefallen.", "die", True),
        ("Bei dem Lawinenabgang fielen drei Menschen den Schneemassen zum Opfer.", "die", True),
        ("Die geplante Umfahrung fiel dem Sparkurs der Gemeinde zum Opfer.", "die", False),
        ("Hunderte Menschen sind einem Betrug mit falschen Gewinnspielen zum Opfer gefallen.", "die", False),
        # shot dead
        ("In Hebron erschossen Soldaten nach Armeeangaben eine Frau.", "kill", True),
        ("Nach dem Marathon fühlte er sich völlig erschossen.", "kill", False),
        # shells or rockets fired
        ("Die Geschosse seien von einem Gebiet aus abgefeuert worden, das die Miliz kontrolliert.", "attack", True),
        ("Der Stürmer feuerte aus 20 Metern einen Schuss ab, der knapp am Tor vorbeiging.", "attack", False),
        # a shooting-down, also of a helicopter
        ("Die Taliban gaben an, den Hubschrauber abgeschossen zu haben.", "military", True),
        ("Nach dem Abschuss eines Kampfflugzeuges stiegen die Spannungen.", "military", True),
        ("Der Abschuss des Wolfes wurde von der Behörde genehmigt.", "military", False),
        # a destruction told by a security service is military; one told by hail is not
        ("Der Sicherheitsdienst hat nach eigenen Angaben mehrere Stellungen zerstört.", "military", True),
        ("Der Hagel hat mehrere Gewächshäuser zerstört.", "military", False),
        # a series of attacks, a deadly drive
        ("Unter den bei der Anschlagsserie Verletzten ist ein 20-Jähriger.", "attack", True),
        ("Nach der Todesfahrt nahm die Polizei den Fahrer fest.", "attack", True),
        ("Am Schwarzen Brett hängen neue Anschlagszettel des Vereins.", "attack", False),
        # injuries told by the verb with its object or by the wound
        ("Das Tier verletzte ihn mit seinen Krallen am Kopf.", "injure", True),
        ("Der Fahrer erlitt schwere Kopfverletzungen und wurde ins Spital gebracht.", "injure", True),
        ("Die Regierungspartei erlitt bei der Wahl eine schwere Niederlage.", "injure", False),
        # ... a wound is a whole noun or a body part's compound, never a fall in sales, a rift or a plant
        ("Der Radfahrer erlitt bei dem Sturz einen Beinbruch.", "injure", True),
        ("Das Kind erlitt Verbrennungen zweiten Grades an den Händen.", "injure", True),
        ("Der Konzern erlitt im dritten Quartal einen Einbruch beim Umsatz.", "injure", False),
        ("Die Partei erlitt einen Bruch mit ihrer Basis.", "injure", False),
        ("Die Stadt plant eine neue Müllverbrennung, der Umsatz erlitt Einbußen.", "injure", False),
        ("Das Flugzeug verletzte den Luftraum des Nachbarlandes.", "injure", False),
        ("Der verletzte Fahrer wurde von Passanten versorgt.", "injure", False),  # attributive: who, not what happened
        # giving oneself up
        ("Der mutmaßliche Täter hatte sich am Sonntag der Polizei gestellt.", "arrest", True),
        ("Der Minister stellte sich am Abend den Fragen der Journalisten.", "arrest", False),
        # a trial: the accused in the dock
        ("Auf der Anklagebank sitzen ein Manager und zwei Steuerberater.", "charge", True),
        ("Die Opposition sieht die Regierung auf der Anklagebank der Geschichte.", "charge", False),
        # an investigation opened, a raid
        ("Gegen die Politikerin sind Ermittlungen wegen Untreue eingeleitet worden.", "investigate", True),
        ("Die Regierung hat eine umfassende Reform der Schulen eingeleitet.", "investigate", False),
        ("Bei einer Razzia nahm die Polizei drei Verdächtige fest.", "investigate", True),
        ("Sie durchsuchte ihre Handtasche nach dem Schlüssel.", "investigate", False),
        # votes for or against
        ("179 Senatoren stimmten für die Verfassungsreform, 16 dagegen.", "election", True),
        ("Die Zahlen stimmten am Ende nicht mit den Angaben überein.", "election", False),
        ("Das Abstimmungsergebnis fiel knapp aus.", "result", True),
        # coordination is no vote
        ("Die Planung erfolgt in enger Abstimmung mit dem Land und der Kammer.", "election", False),
        ("Die Abstimmung im Parlament endete mit einer knappen Mehrheit.", "election", True),
        # rallies named with a prefix, riots
        ("Zu einer Gegenkundgebung kamen laut Polizei etwa 600 Teilnehmer.", "protest", True),
        ("Bei Ausschreitungen am Hauptbahnhof wurden zwölf Menschen festgenommen.", "protest", True),
        ("Die Willenskundgebung des Parlaments fiel eindeutig aus.", "protest", False),
        # a killing named as a bloody deed; remembering one is none
        ("Die Ermittler rekonstruieren den Ablauf der Bluttat in dem Hotel.", "kill", True),
        ("Die Bluttat jährt sich am Freitag zum zehnten Mal.", "kill", False),
        # a fire named "Feuer"
        ("Wegen des Feuers wurde der Schulbetrieb bis Mai eingestellt.", "fire", True),
        ("Ermittler fanden Spuren, dass das Feuer absichtlich gelegt wurde.", "fire", True),
        ("Die Soldaten eröffneten das Feuer auf die Menge.", "fire", False),
        ("Der Trainer ist Feuer und Flamme für das neue System.", "fire", False),
        ("Sie fing sofort Feuer für die Idee.", "fire", False),
        # rain, storms, floods in the plural, a state of emergency
        ("Nach tagelangen Regenfällen sind mehrere Flüsse über die Ufer getreten.", "storm", True),
        ("Bei schweren Unwettern kamen in der Nacht drei Menschen ums Leben.", "storm", True),
        ("Sturzfluten rissen Autos und Brücken mit.", "flood", True),
        ("Die Regierung verhängte am Abend den Ausnahmezustand über die Provinz.", "evacuate", True),
        ("Der Ausnahmekönner verlängerte seinen Vertrag.", "evacuate", False),
        # the end of a coalition named by its noun
        ("Nach dem Koalitionsaus stellte der Kanzler im Parlament die Vertrauensfrage.", "government_crisis", True),
        ("Die Koalitionsausschüsse tagen jeden Monat.", "government_crisis", False),
    ],
)
def test_recall_forms_fire_and_stay_out(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "negated"),
    [
        ("Das Urteil ist nicht rechtskräftig, der Mann kann Berufung einlegen.", "verdict", False),
        ("Das Gericht entschied, dass der Streik vom Mittwoch nicht rechtmäßig war.", "strike", False),
        ("Bei der Wahl der Landtagspräsidenten gab es keine Einstimmigkeit.", "election", False),
        ("Es kam zu keinen Zwischenfällen und zu keinen Verhaftungen.", "arrest", True),
        ("Eine Einigung ist nicht möglich, sagte der Sprecher.", "agree", True),
        ("Bei dem Anschlag wurde niemand verletzt, es gab keine Toten.", "attack", False),
        ("Es gab keinen Anschlag, sagte die Polizei.", "attack", True),
    ],
)
def test_a_noun_is_denied_only_in_its_own_phrase(sentence: str, cls: str, negated: bool) -> None:
    doc = run_events(make_doc("t", sentence))
    found = [a for a in doc.of_kind("event") if a.label == cls]
    assert found, sentence
    assert all(bool(a.data.get("negated")) is negated for a in found), [(a.surface, a.data.get("negated")) for a in found]


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Für einen Terroranschlag gebe es keine Hinweise, sagte der Sprecher.", "attack", False),
        ("Die Miliz machte zu den Anschlägen zunächst keine Angaben.", "attack", True),
        ("Der Stürmer feuerte zwei Torschüsse ab.", "attack", False),
        ("Die Staaten verletzten die gemeinsamen Vorschriften, sagte die Kommission.", "injure", False),
        ("Es gibt Verfahren gegen Staaten, die die Asylvorschriften verletzten.", "injure", False),
        ("In Sachen Pflanzenschutz ist seit der Studie Feuer am Dach.", "fire", False),
        ("Unbekannte eröffneten Feuer.", "fire", False),
        ("Eine Säule hatte am Montag Feuer gefangen und zu einem Vollbrand geführt.", "fire", True),
        ("Der Präsident verhängte am Abend den Ausnahmezustand.", "evacuate", True),
        ("Wegen des geltenden Ausnahmezustands sind Versammlungen verboten.", "evacuate", False),
    ],
)
def test_recall_forms_stay_out_of_what_the_sample_showed(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found


@pytest.mark.parametrize(
    ("sentence", "cls", "fires"),
    [
        ("Gericht spricht 81-Jährigen vom Vorwurf der Fahrerflucht frei", "verdict", True),
        ("Der Trainer spricht frei über seine Zukunft.", "verdict", False),
        ("Auf der Autobahn ist ein Lastwagen verunfallt.", "accident", True),
        ("Das Parlament stimmte dem Gesetz zur Fusion der Gemeinden mit großer Mehrheit zu.", "decide", True),
        ("Der Minister stimmte der Einschätzung seines Kollegen zu.", "decide", False),
        ("Nicht betroffen vom Streik der Lokführer sind die S-Bahnen im Umland.", "strike", True),
        ("Es gab keine Streiks an diesem Tag.", "strike", False),
    ],
)
def test_forms_added_after_the_held_out_recall_sample(sentence: str, cls: str, fires: bool) -> None:
    found = _factual_classes(sentence)
    assert (cls in found) is fires, found
