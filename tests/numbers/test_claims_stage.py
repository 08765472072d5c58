"""The claims stage: counts the date stage reads as years, crawl markers, sources carried across sentences.

Texts are written for these tests (no corpus text); each rule has a text where it must not fire.
"""

from __future__ import annotations

import pytest

from lagebild.model import Document
from tests.speech.helpers import analyse


def _claims(text: str) -> dict[str, tuple[float, str]]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1"])
    return {a.surface: (a.data["value"], str(a.data["claimant_text"])) for a in doc.of_kind("claim")}


def test_count_read_as_a_year_by_the_date_stage_stays_a_count() -> None:
    assert _claims("Bis zum Abend stieg die Zahl der Toten auf 1762.")["1762"][0] == 1762
    assert _claims("Rund 1300 Menschen mussten ihre Häuser verlassen.")["Rund 1300 Menschen"][0] == 1300
    # a year stays a year, with or without a counted noun near it
    assert _claims("Im Jahr 1762 wurde die Stadt gegründet.") == {}
    assert not any(v == 2015 for v, _ in _claims("Seit 2015 kamen 1500 Flüchtlinge in die Stadt.").values())


def test_crawl_marker_is_no_part_of_the_first_sentence() -> None:
    found = _claims(" date 2023-05 Die Gewerkschaft sprach von rund 9.000 Streikenden.")
    assert found["rund 9.000 Streikenden"][1] == "Gewerkschaft"


def test_source_named_before_is_carried_only_when_the_sentence_points_back() -> None:
    text = "Ein Sprecher der Bergwacht sagte, die Lage sei unklar. Den Angaben zufolge wurden 14 Wanderer verletzt."
    assert _claims(text)["14 Wanderer"][1] == "Ein Sprecher der Bergwacht"
    text = "Ein Sprecher der Bergwacht sagte, die Lage sei unklar. Am Nachmittag wurden 14 Wanderer verletzt."
    assert _claims(text)["14 Wanderer"][1] == "outlet"


def test_closing_reporting_clause_credits_every_figure_before_it() -> None:
    found = _claims("Im Mai stieg der Absatz um 4 Prozent und der Umsatz um 6 Prozent, wie der Verband am Montag mitteilte.")
    assert found["4 Prozent"][1] == found["6 Prozent"][1] == "Verband"


def test_source_phrase_in_another_clause_credits_only_its_own_figure() -> None:
    found = _claims("In Kassel kamen 2.000 Menschen zusammen, in Fulda demonstrierten laut Polizei 1.500.")
    assert found["1.500"][1] == "Polizei"
    assert found["2.000 Menschen"][1] == "outlet"


def test_hiess_es_aus_names_the_source() -> None:
    found = _claims("Am Abend saßen noch 300 Reisende fest, hieß es aus Kreisen der Bahn.")
    assert "Bahn" in found["300 Reisende"][1]
    assert _claims("Am Abend saßen noch 300 Reisende fest, hieß es.")["300 Reisende"][1] == "outlet"


def test_part_of_a_credited_figure_keeps_its_source() -> None:
    found = _claims("Rund 9.000 Menschen kamen laut Stadtverwaltung zum Fest, 400 von ihnen übernachteten im Zelt.")
    assert found["400"][1] == "Stadtverwaltung"


def test_list_items_share_the_frame_at_the_end_of_the_list() -> None:
    doc = analyse("Bei den Kämpfen wurden 12 Rebellen, mindestens fünf Zivilisten und drei Soldaten getötet.", outlet="outlet")
    assert {a.surface: a.data["measure"] for a in doc.of_kind("claim")} == {
        "12 Rebellen": "dead", "mindestens fünf Zivilisten": "dead", "drei Soldaten": "dead"}
    doc = analyse("Der Verein hat 300 Mitglieder, 20 Trainer und zwei Sportplätze.", outlet="outlet")
    assert "dead" not in {a.data["measure"] for a in doc.of_kind("claim")}


def test_sentence_cut_inside_a_parenthesis_is_joined() -> None:
    text = "In Celle kamen nach Angaben der Stadt am Sonntag (3. Mai) rund 900 Gäste. Es regnete."
    assert _claims(text)["rund 900 Gäste"][1] == "Stadt"


def test_sentence_opening_wie_clause_credits_the_figure() -> None:
    found = _claims("Wie die in Genf ansässige Hilfsorganisation am Montag mitteilte, wurden 14 Helfer verletzt.")
    assert "Hilfsorganisation" in found["14 Helfer"][1]
    found = _claims("Wie die Feuerwehr in Celle mitteilte, wurden 14 Menschen verletzt.")
    assert found["14 Menschen"][1] == "Feuerwehr"
    # "Wie erwartet", "Wie im Vorjahr" name nobody
    assert _claims("Wie erwartet kamen 14.000 Besucher.")["14.000 Besucher"][1] == "outlet"
    assert _claims("Wie im Vorjahr kamen 14.000 Besucher zum Fest.")["14.000 Besucher"][1] == "outlet"


def test_figure_closing_a_sentence_shares_the_noun_and_measure_of_the_figure_before() -> None:
    doc = analyse("Im Norden starben 2400 Menschen, im Süden 1300.", outlet="outlet", extra=["timex.rules.v1"])
    found = {a.surface: a.data["measure"] for a in doc.of_kind("claim")}
    assert found == {"2400 Menschen": "dead", "1300": "dead"}
    # a year closing a sentence stays a year
    doc = analyse("Im Norden starben 2400 Menschen im Jahr 1300.", outlet="outlet", extra=["timex.rules.v1"])
    assert [a.surface for a in doc.of_kind("claim")] == ["2400 Menschen"]


def _measured(text: str) -> dict[str, tuple[str, str | None]]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1"])
    return {a.surface: (str(a.data["measure"]), a.data["scope"]) for a in doc.of_kind("claim")}


def test_part_of_a_casualty_count_takes_its_measure_and_names_the_group() -> None:
    assert _measured("Nach dem Lawinenunglück sind unter den Toten mindestens zwei Kinder.")["mindestens zwei Kinder"] == ("dead", "Kinder")
    assert _measured("Unter den Verletzten waren 30 Schüler.")["30 Schüler"][0] == "injured"
    # a whole that is no casualty count leaves the people counted as people
    assert _measured("Unter den Zuschauern waren 300 Kinder.")["300 Kinder"][0] == "people"
    assert _measured("Unter den Bäumen saßen 40 Menschen.")["40 Menschen"][0] == "people"


def test_list_label_is_the_scope_of_its_figure() -> None:
    found = _measured("Nach der Wahl steht fest. Im Landtag bedeutet das in Sitzen: CSU 85, Freie Wähler 37 und Grüne 32.")
    assert found["85"] == ("seats", "CSU") and found["37"] == ("seats", "Freie Wähler")
    # a figure with its noun after it takes no label from before it
    assert _measured("Die Bilanz: CSU holte 85 Sitze.")["85 Sitze"][1] != "CSU"
    # a preposition before a figure is no label
    assert _measured("Der Speicher fasst 1.200 GB. Preis: Von 1.800 bis 3.000 Euro.")["1.800 bis 3.000 Euro"][1] is None



def _scoped(text: str) -> dict[str, str | None]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1", "entities.ner.v1"])
    return {a.surface: a.data["scope"] for a in doc.of_kind("claim")}


def test_part_after_darunter_is_about_its_group() -> None:
    found = _measured("Bei den Kämpfen kamen 120 Zivilisten ums Leben, darunter 31 Kinder.")
    # the whole is a toll of civilians, the part one of the children among them
    assert found["120 Zivilisten"] == ("dead", "Zivilisten") and found["31 Kinder"] == ("dead", "Kinder")
    # a part whose noun names a measure of its own is that measure, not a group of the whole
    assert _measured("Es kamen 300 Menschen, darunter 12 Verletzte.")["12 Verletzte"] == ("injured", None)
    # a part that is no group of people is no group scope
    assert _measured("Es gab 8.000 Eingaben, davon betrafen 5.315 Beschwerden die Verwaltung.")["5.315 Beschwerden"][1] is None


def test_adjective_of_origin_is_no_place_scope() -> None:
    assert _scoped("Bei einem Unglück in der griechischen Hafenstadt sind vier Menschen ums Leben gekommen.")["vier Menschen"] is None
    # the adjective never stands for the country; a place name after it may be the scope
    assert _scoped("Bei einem Unglück in der griechischen Ägäis sind vier Menschen ums Leben gekommen.")["vier Menschen"] != "Griechenland"
    assert _scoped("Bei einem Unglück in Griechenland sind vier Menschen ums Leben gekommen.")["vier Menschen"] == "Griechenland"


def _measures(text: str) -> dict[str, str]:
    doc: Document = analyse(text, outlet="outlet", extra=["timex.rules.v1"])
    return {a.surface: str(a.data["measure"]) for a in doc.of_kind("claim")}


def test_a_share_of_something_else_is_no_vote_share() -> None:
    text = "Nach der Wahl sprach die Partei von Erfolg. Die SPD kam auf 20 Prozent der Stimmen."
    assert _measures(text)["20 Prozent"] == "vote_share"
    text = "Nach der Wahl sprach die Partei von Erfolg. Die SPD will 20 Prozent der Stellen in der Zentrale streichen."
    assert _measures(text)["20 Prozent"] == "percent"


def test_a_stake_is_no_turnout() -> None:
    assert _measures("Für eine Beteiligung von 49 Prozent zahlt der Konzern eine Milliarde Euro.")["49 Prozent"] == "percent"
    assert _measures("Die Wahlbeteiligung lag bei 76 Prozent.")["76 Prozent"] == "turnout"


def test_count_of_people_takes_the_noun_named_before() -> None:
    assert _measures("Die Zahl der Toten ist auf mindestens 110 Menschen gestiegen.")["mindestens 110 Menschen"] == "dead"
    assert _measures("Zum Fest kamen am Abend rund 110 Menschen.")["rund 110 Menschen"] == "people"


def _scopes(text: str) -> dict[str, str | None]:
    doc: Document = analyse(text, outlet="outlet", extra=["entities.ner.v1", "timex.rules.v1"])
    return {a.surface: a.data["scope"] for a in doc.of_kind("claim")}


def test_place_after_a_hyphenated_adjective_is_the_scope() -> None:
    text = "Bei Unwettern im Westen Deutschlands sind im nordrhein-westfälischen Kreis Euskirchen mindestens 15 Menschen gestorben."
    assert "Euskirchen" in str(_scopes(text)["mindestens 15 Menschen"])
    # without a place in the figure's clause the place of the sentence before it stays
    assert _scopes("In Bayern wurden am Montag mindestens 15 Menschen verletzt.")["mindestens 15 Menschen"] == "Bayern"


def test_where_the_source_sits_is_no_scope() -> None:
    text = "Wie die in London ansässige Beobachtungsstelle am Samstag berichtete, starben binnen eines Tages 20 Kämpfer."
    assert _scopes(text)["20 Kämpfer"] == "Kämpfer"  # the group the toll is about, not where the source sits
    # a source phrase shares its clause with the place the figure is about
    text = "Laut der Gewerkschaft gab es Proteste auch in Österreich, wo 40 Jobs gestrichen werden."
    assert _scopes(text)["40 Jobs"] == "Österreich"


def _times(text: str) -> dict[str, tuple[str | None, str | None]]:
    doc: Document = analyse(text, outlet="outlet", published="2022-07-14", extra=["timex.rules.v1"])
    return {a.surface: (a.data["ref_time"], a.data["ref_time_basis"]) for a in doc.of_kind("claim")}


def test_a_toll_is_as_of_when_it_is_said_not_the_date_of_its_event() -> None:
    assert _times("Bei der Flut vor einem Jahr waren 186 Menschen ums Leben gekommen.")["186 Menschen"] == ("2022-07-14", "publication")
    assert _times("Bei dem Anschlag am 13. Februar 2022 wurden 44 Menschen verletzt.")["44 Menschen"][1] == "publication"
    # a date of the count itself stays its reference time
    assert _times("Am 15. Juli 2021 stieg die Zahl der Toten auf 90.")["90"] == ("2021-07-15", "text")
    # an event's own quantity (participants) is as of the event
    assert _times("Bei der Demonstration am 20. Januar 2022 zählte die Polizei 50.000 Teilnehmer.")["50.000 Teilnehmer"] == ("2022-01-20", "text")


def test_a_toll_close_to_its_event_keeps_the_event_date() -> None:
    doc: Document = analyse("Bei dem Anschlag am 13. Juli 2022 wurden 44 Menschen verletzt.", outlet="outlet", published="2022-07-14",
                            extra=["timex.rules.v1"])
    assert [(a.data["ref_time"], a.data["ref_time_basis"]) for a in doc.of_kind("claim")] == [("2022-07-13", "text")]


def test_the_frame_counts_the_part_not_the_whole() -> None:
    found = _measures("32 der mehr als 4.200 Menschen an Bord kamen dabei ums Leben.")
    assert (found["32"], found["mehr als 4.200 Menschen"]) == ("dead", "people")
    assert _measures("Mehr als 4.200 Menschen kamen dabei ums Leben.")["Mehr als 4.200 Menschen"] == "dead"


def test_listed_groups_take_their_listed_figures_in_order() -> None:
    found = _scopes("Nach der Wahl steht fest: Grüne und Linke kamen auf 11,6 und 8,8 Prozent.")
    assert found["11,6"] == "Grüne" and found["8,8 Prozent"] == "Linke"
    # one figure for two groups, or figures not listed right after the groups: the nearest group decides
    assert _scopes("Nach der Wahl steht fest: CDU und CSU kamen zusammen auf 28,6 Prozent.")["28,6 Prozent"] in ("CDU", "CSU")
    found = _scopes("Nach der Wahl steht fest: Die SPD kam auf 16,4 Prozent, die Grünen auf 11,6 Prozent.")
    assert found["16,4 Prozent"] == "SPD" and found["11,6 Prozent"] == "Grünen"


def _claim_data(text: str, published: str | None = "2026-03-02") -> dict[str, dict]:
    doc: Document = analyse(text, outlet="outlet", published=published, extra=["timex.rules.v1"])
    return {a.surface: a.data for a in doc.of_kind("claim")}


def test_from_to_gives_the_new_value_and_its_prior() -> None:
    found = _claim_data("Die Zahl der Toten stieg von 30 auf 40 Menschen.")
    assert found["40 Menschen"]["prior_value"] == 30 and "role" not in found["40 Menschen"]
    assert found["30"]["role"] == "prior" and found["30"]["ref_time_basis"] == "before"
    assert found["30"]["ref_time_before"] == found["40 Menschen"]["ref_time"]
    # a date between the two figures is the old value's; the one after the new value is the claim's
    found = _claim_data("Die Zahl der Verletzten stieg von 30 am Sonntag auf 40 am Montag.")
    assert found["30"]["ref_time"] == "2026-03-01" and found["40"]["ref_time"] == "2026-03-02"
    found = _claim_data("Die Behörden korrigierten die Zahl der Verletzten auf 120, nach zuvor 80.")
    assert found["120"]["prior_value"] == 80 and found["80"]["role"] == "prior"


def test_from_to_needs_a_change_and_is_no_range() -> None:
    found = _claim_data("Der Bus fährt von 30 Haltestellen auf 40 Gleise.")  # no verb of change
    assert not any("prior_value" in d or "role" in d for d in found.values())
    found = _claim_data("Die Zahl der Toten liegt zwischen 30 und 40.")
    assert not any("prior_value" in d or "role" in d for d in found.values())
    found = _claim_data("Die Zahl der Toten stieg auf 40, nach 30 Minuten kam die Feuerwehr.")  # "nach 30 Minuten" is no prior value
    assert not any("prior_value" in d for d in found.values())


def test_vague_number_words_are_lower_bounds_not_values() -> None:
    found = _claim_data("Hunderte Menschen mussten evakuiert werden.")
    d = found["Hunderte Menschen"]
    assert (d["value"], d["low"], d["high"], d["bound"], d["measure"]) == (None, 200, None, "lower", "evacuated")
    d = _claim_data("Mehr als tausend Menschen wurden obdachlos.")["Mehr als tausend Menschen"]
    assert (d["low"], d["high"], d["bound"], d["measure"]) == (1000, None, "lower", "homeless")
    d = _claim_data("Genau 212 Menschen wurden verletzt.")["212 Menschen"]  # an exact figure keeps its value
    assert (d["value"], d["bound"]) == (212, None)


def test_totals_are_marked_and_the_particle_zusammen_is_not() -> None:
    assert _claim_data("Zusammen wurden 14 Menschen verletzt.")["14 Menschen"]["scope_kind"] == "total"
    assert _claim_data("In beiden Städten kamen zusammen mehr als 300 Menschen ums Leben.")["mehr als 300 Menschen"]["scope_kind"] == "total"
    assert _claim_data("In der Summe wurden 40 Häuser zerstört.")["40 Häuser"]["scope"] == "In der Summe"
    # "kamen … zusammen" is a gathering, "zusammen mit" a companion, „Zusammen gegen Rechts“ a name
    assert _claim_data("Am Markt kamen 5000 Menschen zusammen.")["5000 Menschen"]["scope_kind"] != "total"
    assert _claim_data("Zusammen mit seiner Frau rettete er 30 Menschen.")["30 Menschen"]["scope_kind"] != "total"
    assert _claim_data("Das Bündnis „Zusammen gegen Hass“ zählte 300 Teilnehmer.")["300 Teilnehmer"]["scope_kind"] != "total"


def test_separable_verbs_frame_across_the_clause() -> None:
    found = _claim_data("Laut Veranstaltern nahmen 250.000 Menschen teil, die Polizei sprach von 100.000.")
    assert found["250.000 Menschen"]["measure"] == found["100.000"]["measure"] == "participants"
    assert _claim_data("Bei dem Unglück kamen 30 Menschen um.")["30 Menschen"]["measure"] == "dead"
    # the particle must close the clause: "kamen um 8 Uhr an" is an arrival, "nahmen Teil an" no separable verb here
    assert _claim_data("Am Bahnhof kamen 30 Menschen um 8 Uhr an.")["30 Menschen"]["measure"] == "people"


def test_elided_zahl_der_and_sind_es_take_their_noun() -> None:
    found = _claim_data("Die Zahl der Todesopfer stieg auf 12, die der Verletzten auf 40.")
    assert (found["12"]["measure"], found["40"]["measure"]) == ("dead", "injured")
    found = _claim_data("Die Zahl der Verletzten stieg am Sonntagabend deutlich an, inzwischen sind es 120.")
    assert found["120"]["measure"] == "injured"
    # without a count named before, "sind es 120" is nothing
    assert _claim_data("Am Sonntag regnete es, inzwischen sind es 120.") == {}


def test_among_the_victims_counts_the_dead_but_under_the_rubble_names_no_group() -> None:
    d = _claim_data("Unter den Opfern seien drei Soldaten.")["drei Soldaten"]
    assert d["measure"] == "dead"
    d = _claim_data("Unter den Trümmern werden noch 50 Menschen vermutet.")["50 Menschen"]
    assert d["measure"] == "trapped" and d["scope_kind"] is None
    assert _claim_data("Die Armee schickte 300 Soldaten.")["300 Soldaten"]["measure"] == "soldiers"


def test_an_age_after_a_name_is_no_count_of_the_figure_before() -> None:
    def found(text: str) -> set[str]:
        return {a.surface for a in analyse(text, outlet="outlet", extra=["entities.ner.v1"]).of_kind("claim")}

    assert "34" not in found("Er erreichte 1.800 Vorzugsstimmen und soll das Mandat von Nicole Solarz (34) übernehmen.")
    # places in a list keep their counts
    assert {"17", "8"} <= found("Von 101 Straftaten entfielen 24 auf Sachsen, dahinter folgen Hessen (17) und Bayern (8).")
    # a bare count in parentheses after a place in the sentence of its count stays one
    found = _claim_data("Die Polizei zählte in Kassel 3000 Demonstranten und in Fulda (800).")
    assert found["800"]["measure"] == "participants"


def test_a_count_read_as_a_year_is_no_time_of_the_figure_before() -> None:
    found = _claim_data("Die Polizei zählte in Kassel 3000 Demonstranten, in Fulda 1200.")
    assert found["1200"]["value"] == 1200 and found["3000 Demonstranten"]["ref_time"] == "2026-03-02"


def test_a_share_of_a_market_or_the_economy_is_no_vote_share() -> None:
    doc = analyse("Nach der Wahl stieg der Marktanteil der Firma Acme auf 14 Prozent.", outlet="outlet",
                  extra=["entities.ner.v1"])
    assert {a.data["measure"] for a in doc.of_kind("claim")} == {"rate:marktanteil"}  # the market share it names
    doc = analyse("Bei einer Erhebung von Infratest dimap kam die Union auf 29 Prozent.", outlet="outlet",
                  extra=["entities.ner.v1"])
    assert {a.data["measure"] for a in doc.of_kind("claim")} == {"vote_share"}


def test_the_noun_before_beats_an_unknown_noun_after_an_adjective() -> None:
    found = _claim_data("Die Zahl der schriftlichen Anfragen hat mit 3.850 absolutes Rekordniveau erreicht.")
    assert found["3.850"]["measure"] == "count:anfrage"
    # a noun of the vocabulary after the number stays ("auf 110 Menschen" is what the Zahl der Toten counts)
    assert _claim_data("Die Zahl der Toten stieg auf 110 Menschen.")["110 Menschen"]["measure"] == "dead"


def test_a_relative_clause_says_what_the_counted_staff_did() -> None:
    found = _measures("Die Gewerkschaft sprach von 12.000 Beschäftigten, die sich am Morgen an den Protesten beteiligten.")
    assert found["12.000 Beschäftigten"] == "participants"
    # a relative clause that says nothing of taking part leaves staff as staff
    assert _measures("Der Hersteller hat 12.000 Beschäftigte, die in drei Werken arbeiten.")["12.000 Beschäftigte"] == "employees"
    # a new clause after the comma ("die Polizei …") is no relative clause of the noun
    assert _measures("Die Firma zählt 800 Mitarbeiter, die Polizei sprach von einem Streik.")["800 Mitarbeiter"] == "employees"


def test_a_date_beyond_a_compared_figure_is_that_figures_time() -> None:
    found = _times("Die Partei kam auf 12 Prozent der Stimmen gegenüber 9,5 Prozent bei der Landtagswahl 2017.")
    assert found["12 Prozent"] == ("2022-07-14", "publication") and found["9,5 Prozent"] == ("2017", "text")
    # without a comparison the date is the figure's own, for every figure of a list
    assert _times("Bei der Landtagswahl 2017 kam die Partei auf 12 Prozent der Stimmen.")["12 Prozent"] == ("2017", "text")
    listed = _times("Am 3. Mai 2016 starben 40 Menschen und mehr als 30 wurden verletzt.")
    assert listed["40 Menschen"] == listed["mehr als 30"] == ("2016-05-03", "text")
    # a date closing a list of comparisons in an aside of its own is every figure's
    shares = _times("Der Marktanteil stieg (14 statt 13 Prozent, 40 statt 39 Prozent) (alle Zahlen 2011).")
    assert shares["14"] == shares["40"] == ("2011", "text")


def test_a_figure_of_two_places_named_together_is_the_pairs() -> None:
    assert _scoped("Das Erdbeben in Kroatien und Slowenien forderte mehr als 60 Tote.")["mehr als 60 Tote"] == "Kroatien und Slowenien"
    # one place, a list of three, a figure for each and one of two figures are no pair
    assert _scoped("In Bayern starben 12 Menschen.")["12 Menschen"] == "Bayern"
    assert _scoped("In Bayern, Hessen und Sachsen starben 12 Menschen.")["12 Menschen"] != "Hessen und Sachsen"
    assert _scoped("In Hamburg und München demonstrierten jeweils 5.000 Menschen.")["5.000 Menschen"] == "München"


def test_a_part_of_a_whole_is_not_the_whole() -> None:
    found = _measures("Von den 40 Toten seien bislang 25 identifiziert worden.")
    assert (found["40 Toten"], found["25"]) == ("dead", "dead:identified")
    assert _measures("Bislang wurden 25 Tote identifiziert.")["25 Tote"] == "dead:identified"
    assert _measures("Von den 90 Verletzten sind 10 noch im Krankenhaus.")["10"] == "injured:part"
    # a whole alone, and a count after "von den" that names no whole of a figure, stay as they are
    assert _measures("Bei dem Unglück starben 40 Menschen.")["40 Menschen"] == "dead"
    assert _measures("Von den Rettungskräften wurden 25 Tote geborgen.")["25 Tote"] == "dead"


def test_injuries_of_which_some_are_severe_count_the_injured() -> None:
    found = _measures("Bei dem Unfall erlitten 12 Fahrgäste zum Teil lebensgefährliche oder schwere Verletzungen.")
    assert found["12 Fahrgäste"] == "injured"
    assert _measures("Bei dem Unfall erlitten 12 Fahrgäste schwere Verletzungen.")["12 Fahrgäste"] == "severely_injured"


def test_a_share_that_sank_from_one_value_to_another_has_a_prior_value() -> None:
    doc: Document = analyse("Die Partei ist bei der Wahl von 25 auf 18 Prozent abgesackt.", outlet="outlet", extra=["timex.rules.v1"])
    roles = {a.surface: a.data.get("role") for a in doc.of_kind("claim")}
    assert roles == {"25": "prior", "18 Prozent": None}
    # "von … auf …" without a verb of change is no change
    doc = analyse("Die Partei kam bei der Wahl in 25 Kreisen auf 18 Prozent.", outlet="outlet", extra=["timex.rules.v1"])
    assert not [a for a in doc.of_kind("claim") if a.data.get("role") == "prior"]


def test_a_count_changed_to_or_larger_than_the_whole_is_no_part() -> None:
    # the count the whole changed to is its new value, not a part of it
    assert _measures("Von den 10 Verletzten am Samstag ist die Zahl inzwischen auf 25 Verletzte gestiegen.")["25 Verletzte"] == "injured"
    assert _measures("Von den 40 Toten ist die Zahl der Opfer auf 30 Tote gesunken.")["30 Tote"] == "dead"
    # a part is never larger than its whole
    assert _measures("Von den 2.000 Festgenommenen sind inzwischen 2.500 Festgenommene wieder frei.")["2.500 Festgenommene"] == "arrested"
    # a smaller figure without a change stays a part
    assert _measures("Von den 300 Festgenommenen sind 40 wieder auf freiem Fuß.")["40"] == "arrested:part"


def test_the_main_clause_after_a_relative_clause_says_what_is_counted() -> None:
    found = _measures("Inzwischen sind 12 Menschen, die bei dem Anschlag verletzt wurden, im Krankenhaus gestorben.")
    assert found["12 Menschen"] == "dead"
    assert _measures("Es wurden 30 Menschen, die an der Demonstration teilnahmen, festgenommen.")["30 Menschen"] == "arrested"
    # a main clause without a frame of its own, or a new clause after the relative one, leaves the relative clause's frame
    found = _measures("Inzwischen sind 12 Menschen, die bei dem Anschlag verletzt wurden, wieder zu Hause.")
    assert found["12 Menschen"] == "injured"
    found = _measures("Die Polizei zählte 30 Menschen, die an der Demonstration teilnahmen, sagte ein Sprecher.")
    assert found["30 Menschen"] == "participants"


def test_a_substituted_or_later_figure_shares_the_date_and_only_like_figures_are_compared() -> None:
    # "statt" replaces one forecast by another for the same year: the date is both figures'
    found = _times("Die Bundesregierung erwartet nun 0,3 Prozent Wachstum statt 1,1 Prozent im Jahr 2025.")
    assert found["0,3 Prozent"] == found["1,1 Prozent"] == ("2025", "text")
    found = _times("Der Konzern meldet 5 Milliarden Euro Gewinn statt 6 Milliarden Euro im Geschäftsjahr 2025.")
    assert found["5 Milliarden Euro"] == ("2025", "text")
    # "nach" says what came before, it compares nothing
    found = _times("Am 6. Februar 2023 starben mindestens 1.500 Menschen, nach 2 schweren Beben.")
    assert found["2 schweren Beben"] == ("2023-02-06", "text")
    # a compared figure of another noun is no comparison; one of the same measure is
    found = _times("Bei dem Erdbeben starben 1.500 Menschen gegenüber 2 Beben im Jahr 2011.")
    assert found["1.500 Menschen"] == ("2011", "text")
    found = _times("Die Polizei zählte 4.000 Teilnehmer gegenüber 3.000 Demonstranten im Jahr 2019.")
    assert found["4.000 Teilnehmer"] == ("2022-07-14", "publication") and found["3.000 Demonstranten"] == ("2019", "text")


def test_a_date_right_after_a_prior_value_named_after_the_new_one_is_the_prior_values() -> None:
    found = _claim_data("Die Zahl der Verletzten stieg auf 120, nach zuvor 80 am Sonntag.")
    assert found["120"]["ref_time"] == "2026-03-02" and found["120"]["ref_time_basis"] == "publication"
    assert found["80"]["ref_time"] == "2026-03-01" and found["80"]["role"] == "prior"
    found = _claim_data("Die Zahl der Verletzten stieg am Montag auf 120, nach zuvor 80 am Sonntag.")
    assert found["120"]["ref_time"] == "2026-03-02" and found["120"]["ref_time_basis"] == "text"


def test_figures_given_for_each_of_two_places_are_no_pairs() -> None:
    found = _scoped("In Berlin und Hamburg wurden 300 beziehungsweise 200 Menschen festgenommen.")
    assert found["200 Menschen"] == "Hamburg"
    found = _scoped("In Hessen und Bayern kam die Partei auf 30 bzw. 28 Prozent.")
    assert found["28 Prozent"] == "Bayern"
    assert _scoped("In Berlin und Hamburg wurden dreihundert und zweihundert Menschen festgenommen.")["zweihundert Menschen"] == "Hamburg"
    # one figure for both places, a date in the clause included, stays the pair's
    assert _scoped("In Berlin und Hamburg wurden 500 Menschen festgenommen.")["500 Menschen"] == "Berlin und Hamburg"
    found = _scoped("In Berlin und Hamburg demonstrierten am 3. Mai 2024 um 14.30 Uhr 5.000 Menschen.")
    assert found["5.000 Menschen"] == "Berlin und Hamburg"
    # a number inside a name is no figure for each place
    found = _scoped("Die Armee hat zwei F-22-Kampfflugzeuge nach Polen und Estland verlegt, heißt es.")
    assert found["zwei F-22-Kampfflugzeuge"] == "Polen und Estland"


def test_prior_value_after_the_new_one_with_its_date_or_a_said_of_between() -> None:
    found = _claim_data("Die Zahl der Toten stieg auf 120 am Montag, nach zuvor 80.")
    assert found["120"]["prior_value"] == 80 and "role" not in found["120"]
    assert found["80"]["role"] == "prior" and found["80"]["ref_time_basis"] == "before"
    assert found["120"]["ref_time"] == "2026-03-02"  # the Monday is the new value's date, not the old one's
    found = _claim_data("Die Zahl der Verletzten stieg bis zum Abend auf 64, nachdem zuvor von 41 die Rede war.")
    assert found["64"]["prior_value"] == 41 and found["41"]["role"] == "prior"


def test_nachdem_without_a_fill_word_or_another_clause_is_no_prior_value() -> None:
    # "nachdem" with no "zuvor"/"zunächst": another event, not an earlier value of the count
    found = _claim_data("Der Verein erhöhte die Beiträge auf 40 Euro, nachdem sich 30 Mitglieder beschwert hatten.")
    assert not any("prior_value" in d or "role" in d for d in found.values())
    # a clause end between the figures: the earlier count is its own statement
    found = _claim_data("Die Zahl der Gäste stieg auf 400. Nach zuvor 300 Anmeldungen kamen am Ende alle.")
    assert not any("prior_value" in d for d in found.values())


@pytest.mark.parametrize(
    "text",
    [
        # the figure after "nachdem zuvor"/"nach zuvor" counts another noun, or its unit is of another noun
        "Die Zahl der Festnahmen stieg am Montag auf 40, nachdem zuvor 12 Beamte verletzt worden waren.",
        "Die Zahl der Toten stieg auf 120 am Montag, nach zuvor 80 Verletzten.",
        "Der Pegel stieg auf 7 Meter am Abend, nachdem zuvor 3 Meter Regen gemessen wurden.",
        "Die Arbeitslosigkeit stieg auf 6 Prozent in Bayern, nachdem zuvor 30 Prozent der Betriebe Kurzarbeit angemeldet hatten.",
    ],
)
def test_a_prior_value_after_the_new_one_counts_the_same_thing(text: str) -> None:
    found = _claim_data(text)
    assert not any("prior_value" in d or "role" in d for d in found.values())


def test_a_prior_value_after_the_new_one_may_repeat_its_noun_or_unit() -> None:
    found = _claim_data("Die Zahl der Toten stieg auf 120 Tote, nach zuvor 80 Toten.")
    assert found["120 Tote"]["prior_value"] == 80
    found = _claim_data("Der Preis stieg auf 40 Euro, nach zuvor 30 Euro am Sonntag.")
    assert found["40 Euro"]["prior_value"] == 30


def test_a_duration_is_a_claim_although_it_is_a_time_expression() -> None:
    found = _claim_data("Der Täter wurde neun Minuten nach den ersten Schüssen gestoppt.")
    assert found["neun Minuten"]["value"] == 9
    # a time ago stays a time, not a claim
    assert _claim_data("Vor neun Minuten wurde der Zug gestoppt.") == {}
    # a prison sentence has a measure of its unit, so two reports of it group
    assert _claim_data("Er war zu 22 Monaten Haft verurteilt worden.")["22 Monaten"]["measure"] == "sentence_months"


@pytest.mark.parametrize(
    "text",
    [
        # a length, a walk, a deadline, a delay, a rhythm: no story frame makes them a fact of the story
        "Das Spiel dauerte 90 Minuten.",
        "Die Sitzung dauerte drei Stunden.",
        "Der Film ist 120 Minuten lang.",
        "Die Schule ist 20 Minuten zu Fuß entfernt.",
        "Das Paket kommt innerhalb von 24 Stunden.",
        "Binnen 24 Stunden muss die Firma antworten.",
        "Der Start wurde um 30 Minuten verschoben.",
        "Die Ärzte sind 24 Stunden am Tag im Einsatz.",
    ],
)
def test_a_duration_outside_a_story_frame_is_no_claim(text: str) -> None:
    assert _claim_data(text) == {}


def test_an_opening_reporting_clause_credits_every_figure_of_the_sentence() -> None:
    found = _claim_data("Wie das Statistikamt am Mittwoch mitteilte, lag die Quote im April bei 6,1 Prozent gegenüber 6,3 Prozent im März.")
    assert [found[k]["claimant_text"] for k in ("6,1 Prozent", "6,3 Prozent")] == ["Statistikamt", "Statistikamt"]
    # an opening "Wie" that reports nothing credits no one
    found = _claim_data("Wie im Vorjahr lag die Quote im April bei 6,1 Prozent gegenüber 6,3 Prozent im März.")
    assert all(d["claimant_kind"] == "outlet" for d in found.values())


def test_a_part_named_by_the_tolls_noun_is_a_part_not_the_toll() -> None:
    found = _claim_data("Bei dem Brand starben fünf Menschen. Vier der Toten stammen aus Polen.")
    assert found["fünf Menschen"]["measure"] == "dead" and found["Vier der Toten"]["measure"] == "dead:part"
    # the toll's own noun right after its number stays the toll
    assert _claim_data("Bei dem Brand gab es vier Tote.")["vier Tote"]["measure"] == "dead"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # the noun after "der" names no measure of the figure: a verb gave the measure, the figure is the whole count
        ("Die Polizei nahm 100 der Demonstranten fest.", "arrested"),
        ("Bei dem Unglück wurden 12 der Passagiere verletzt.", "injured"),
    ],
)
def test_a_figure_before_der_and_another_noun_stays_whole(text: str, measure: str) -> None:
    assert [d["measure"] for d in _claim_data(text).values()] == [measure]


def test_a_quoted_name_before_a_compound_is_credited_whole() -> None:
    found = _claim_data("Der „Bild“-Zeitung zufolge starben 12 Menschen.")
    assert found["12 Menschen"]["claimant_text"] == "Bild-Zeitung"
    # a quoted name alone, and a plain compound, are credited as written
    assert _claim_data("Dem „Tagesspiegel“ zufolge starben 12 Menschen.")["12 Menschen"]["claimant_text"] == "Tagesspiegel"
    assert _claim_data("Der Lokalzeitung zufolge starben 12 Menschen.")["12 Menschen"]["claimant_text"] == "Lokalzeitung"


def test_a_party_that_gets_a_result_is_no_source_of_it() -> None:
    # "Die Opposition kam auf 30 Prozent": a result the party got, not a figure it gave
    assert _claim_data("Die Opposition kam auf 30 Prozent.")["30 Prozent"]["claimant_kind"] == "outlet"
