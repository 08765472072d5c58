"""Figures of a demand, an offer or a survey, and a lead sentence credited by a follow-up after a sourced sentence.

Texts are written for these tests or are short snippets of 10kGNAD articles (for the rules that must not fire).
"""

from __future__ import annotations

from lagebild.model import Document
from tests.speech.helpers import analyse


def _claims(text: str) -> dict[str, str]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1"])
    return {a.surface: str(a.data["claimant_text"]) for a in doc.of_kind("claim")}


def test_demand_of_a_union_is_the_unions_figure() -> None:
    found = _claims("Die Gewerkschaft fordert für die 40.000 Pflegekräfte 9 Prozent mehr Lohn, mindestens aber 300 Euro mehr im Monat.")
    assert found["40.000 Pflegekräfte"] == found["9 Prozent"] == found["300 Euro"] == "Gewerkschaft"
    found = _claims("Die Gewerkschaft will 9 Prozent mehr Geld – mindestens 300 Euro im Monat.")
    assert found["9 Prozent"] == found["mindestens 300 Euro"] == "Gewerkschaft"


def test_wanting_to_do_something_is_a_plan_not_a_demand() -> None:
    # 10kGNAD: the clause ends with its infinitive
    found = _claims("Das Management will die Dividende dennoch um 10 Cent auf 70 Cent je Aktie anheben.")
    assert set(found.values()) == {"outlet"}
    assert _claims("Die Stadt will 300 Wohnungen bauen.")["300 Wohnungen"] == "outlet"


def test_offer_of_the_employers_is_theirs() -> None:
    found = _claims("Die Arbeitgeber hatten im Februar 3 Prozent angeboten, dazu eine Einmalzahlung von 1000 Euro.")
    assert found["3 Prozent"] == found["1000 Euro"] == "Arbeitgeber"
    assert _claims("Die Arbeitgeber bieten 3 Prozent mehr.")["3 Prozent"] == "Arbeitgeber"


def test_offer_of_a_thing_is_no_claim() -> None:
    # 10kGNAD: a screen offers a resolution; a subject that is neither an agent nor a name gives no figure
    found = _claims("Der IPS-LCD-Bildschirm ist 5,36 Zoll groß und bietet eine Auflösung von 1152 Pixel.")
    assert set(found.values()) == {"outlet"}
    assert _claims("Das Hotel bietet 200 Zimmer.")["200 Zimmer"] == "outlet"


def test_contested_figure_is_credited_to_who_claims_it() -> None:
    found = _claims("Laut Betriebsrat waren 41 Männer in der Halle – nicht 34, wie der Betreiber behauptet.")
    assert found["41 Männer"] == "Betriebsrat"
    assert found["34"] == "Betreiber"


def test_survey_results_go_on_in_the_next_sentences() -> None:
    text = ("In einer Umfrage des Instituts Sonnenblick sagten 61 Prozent der Befragten, sie führen gern Rad. "
            "35 Prozent sahen das anders. Befragt wurden 980 Erwachsene.")
    found = _claims(text)
    assert found["61 Prozent"] == found["35 Prozent"] == found["980 Erwachsene"] == "Instituts Sonnenblick"


def test_share_after_another_source_is_not_carried() -> None:
    found = _claims("Laut Polizei kamen 300 Menschen. 40 Prozent davon waren Frauen.")
    assert found["40 Prozent"] == "outlet"
    found = _claims("In einer Umfrage von Sonnenblick sagten 61 Prozent, sie führen Rad. Am Abend kamen 980 Menschen.")
    assert found["980 Menschen"] == "outlet"


def test_survey_commissioned_by_someone_is_credited_to_its_institute() -> None:
    found = _claims("Dagegen sind es in einer vom Radfahrerverband in Auftrag gegebenen Umfrage des Instituts Sonnenblick nur 38 Prozent.")
    assert found["38 Prozent"] == "Instituts Sonnenblick"


def test_follow_up_sentence_skips_a_sentence_with_its_own_source() -> None:
    text = ("Bei einem Brand in einer Lagerhalle sind zwei Menschen gestorben. Elf Arbeiter wurden nach Angaben der Feuerwehr "
            "verletzt. Das teilte die Polizei in der Nacht mit.")
    found = _claims(text)
    assert found["zwei Menschen"] == "Polizei"
    assert found["Elf Arbeiter"] == "Feuerwehr"


def test_follow_up_sentence_does_not_skip_a_sentence_without_a_source() -> None:
    text = "Bei einem Brand in Köln sind zwei Menschen gestorben. Elf Bewohner wurden in Kliniken gebracht. Das teilte die Feuerwehr mit."
    found = _claims(text)
    assert found["zwei Menschen"] == "outlet"
    assert found["Elf Bewohner"] == "Feuerwehr"


def test_quantified_subject_offers_nothing() -> None:
    # 10kGNAD: "Manche Smartphones bieten mittlerweile sogar schon 4 GB"
    assert _claims("Manche Smartphones bieten mittlerweile sogar schon 4 GB.")["4 GB"] == "outlet"


def test_demand_is_no_source_of_the_next_sentence() -> None:
    # after a 10kGNAD lead: a demand names nobody whose figures the next sentence reports
    found = _claims("Privatsender fordern Schadenersatz. Die Fehler könnten einen Schaden von 20 Millionen Euro verursacht haben.")
    assert found["20 Millionen Euro"] == "outlet"
    found = _claims("Die Feuerwehr meldete den Brand. Die Flammen könnten einen Schaden von 20 Millionen Euro verursacht haben.")
    assert found["20 Millionen Euro"] == "Feuerwehr"


def test_survey_named_as_a_compound_is_the_source() -> None:
    assert _claims("Im ZDF-Politbarometer liegt die Partei bei 16 Prozent.")["16 Prozent"] == "ZDF-Politbarometer"
    assert _claims("Eine SBX-Umfrage ergab 40 Prozent Zustimmung.")["40 Prozent"] == "SBX-Umfrage"


def test_compound_study_as_a_subject_of_another_verb_is_no_source() -> None:
    assert _claims("Die SBX-Studie kostete 2 Millionen Euro.")["2 Millionen Euro"] == "outlet"


def test_survey_as_the_subject_of_its_result_credits_its_author() -> None:
    found = _claims("Eine Umfrage von Sonnenblick ergab, dass 52 Prozent der Radfahrer zufrieden sind.")
    assert found["52 Prozent"] == "Sonnenblick"
    found = _claims("Eine Umfrage von Sonnenblick kostete 9000 Euro.")
    assert found["9000 Euro"] == "outlet"


def test_follow_up_sentence_naming_a_document_credits_its_owner() -> None:
    found = _claims("Im Mai wurden 4000 Fahrräder verkauft. Das geht aus Zahlen des Statistischen Landesamts hervor.")
    assert found["4000 Fahrräder"] == "Statistischen Landesamts"
    found = _claims("Im Mai wurden 4000 Fahrräder verkauft. Das geht aus einem Bericht hervor.")
    assert found["4000 Fahrräder"] == "outlet"
    # 10kGNAD: an answer to an inquiry names nobody by itself
    found = _claims("Das Amt gab 300.000 Euro für Werbung aus. Das geht aus einer Anfragebeantwortung hervor.")
    assert found["300.000 Euro"] == "outlet"


def test_owner_of_a_demand_named_after_it_claims_its_figure() -> None:
    found = _claims("Die Forderung der Gewerkschaft nach 12 Prozent mehr Lohn lehnen die Arbeitgeber ab.")
    assert found["12 Prozent"] == "Gewerkschaft"
    assert _claims("Die Forderung nach 12 Prozent ist hoch.")["12 Prozent"] == "outlet"


def test_offer_laid_before_the_other_side() -> None:
    found = _claims("Die Arbeitgeber haben ein Angebot über zwei Prozent vorgelegt.")
    assert found["zwei Prozent"] == "Arbeitgeber"
    assert _claims("Die Stadt legte 300 Meter Radweg an.")["300 Meter"] == "outlet"


def test_who_asked_is_not_who_answered() -> None:
    # 10kGNAD: the government answered an inquiry of a parliamentary group
    text = ("Die Maut kostete bisher 600.000 Euro. Das geht aus der Antwort der Bundesregierung auf eine Kleine Anfrage der "
            "Linksfraktion im Bundestag hervor.")
    assert "Bundesregierung" in _claims(text)["600.000 Euro"]
    text = "Die Maut kostete bisher 600.000 Euro. Das geht aus einem Bericht der Linksfraktion im Bundestag hervor."
    assert "Linksfraktion" in _claims(text)["600.000 Euro"]
