"""Quantities as news German writes them: number words, noun-before counts, ellipsis, years, magnitudes.

Every rule has a text where it must fire and one where it must not. Texts are written for these
tests (no corpus text).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.numbers import find_quantities


def _found(text: str) -> list[tuple[float, str | None, str]]:
    return [(q.value, q.unit, q.unit_from) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bei dem Unglück gab es fünf Tote und über 200 Verletzte.", [(5, "Tote", "after"), (200, "Verletzte", "after")]),
        ("Die Zahl der Toten ist auf 211 gestiegen.", [(211, "Toten", "before")]),
        ("Die Zahl der Opfer liegt nach Behördenangaben bei 57.", [(57, "Opfer", "before")]),
        ("Die Zahl der Verletzten wird mit 120 angegeben.", [(120, "Verletzten", "before")]),
        ("Bis zum Abend stieg die Zahl der Toten auf 1762.", [(1762, "Toten", "before")]),
        ("Am Montag hatte die Zahl der Vermissten noch 48 betragen.", [(48, "Vermissten", "before")]),
        ("Die Gewerkschaft bezifferte die Teilnehmerzahl mit 12.000.", [(12000, "Teilnehmer", "before")]),
        ("Ein Beben der Stärke 6,4 erschütterte die Küste.", [(6.4, "Stärke", "before")]),
        ("Die Gewerkschaft nannte 9.000 Streikende, der Arbeitgeberverband 4.000.",
         [(9000, "Streikende", "after"), (4000, "Streikende", "ellipsis")]),
        ("In Leipzig kamen 20.000 Menschen, in Halle 7000 und in Jena etwa 2500.",
         [(20000, "Menschen", "after"), (7000, "Menschen", "ellipsis"), (2500, "Menschen", "ellipsis")]),
        ("Die Partei kam auf 31,2 Prozent, die Konkurrenz auf 24,9.", [(31.2, "Prozent", "after"), (24.9, "Prozent", "ellipsis")]),
        ("Rund 1300 Menschen mussten ihre Häuser verlassen.", [(1300, "Menschen", "after")]),
        ("Die Liste kam auf 7,4 und die Allianz auf 6,1 Prozent.", [(7.4, "Prozent", "ellipsis"), (6.1, "Prozent", "after")]),
        ("Im Kreis wurden 90 Tote geborgen. Bis jetzt wurden davon 41 identifiziert.", [(90, "Tote", "after"), (41, "Tote", "ellipsis")]),
        # small number words before any noun when the sentence says what happened to them
        ("Bei dem Lawinenabgang kamen zwei Bergführer ums Leben.", [(2, "Bergführer", "after")]),
        ("Am Pass starben drei Radfahrer und vier Wanderer.", [(3, "Radfahrer", "after"), (4, "Wanderer", "after")]),
        # "N weitere" without a noun, counted by its frame
        ("Ein Kletterer starb, sieben weitere wurden verletzt.", [(7, None, "after")]),
        ("Es gab 17 Verletzte. Drei davon sind schwerverletzt.", [(17, "Verletzte", "after"), (3, None, "after")]),
        ("Die Quote sank von 7,5 auf 6,9 Prozent.", [(7.5, "Prozent", "ellipsis"), (6.9, "Prozent", "after")]),
        # a small number word after "auf/bei/mit" when the noun came before
        ("Bis zum Abend ist die Zahl der Vermissten auf sechs gesunken.", [(6, "Vermissten", "before")]),
        ("Zwölf Gäste erlitten Brandwunden, 14 weitere wurden leicht verletzt.", [(12, "Gäste", "after"), (14, "Gäste", "ellipsis")]),
        # Swiss thousands separator, a scale word joined by a hyphen (plain-language news), dative plural units
        ("Es fehlten rund 14'000 Stimmen.", [(14000, "Stimmen", "after")]),
        ("Fast 100-tausend Mitarbeiter haben gestreikt.", [(100000, "Mitarbeiter", "after")]),
        ("Im Umkreis von 50 Kilometern fällt Regen.", [(50, "Kilometern", "after")]),
        ("Der Lander verfügt über 24 Watt.", [(24, "Watt", "after")]),
        # the verb before the noun, the number after it and a place
        ("Im Jahr betrug die Zahl der verschickten Briefe in Tirol 1,2 Millionen.", [(1_200_000, "Briefe", "before")]),
        ("Damals betrug die Zahl der Mitglieder in Hessen 2010 noch rund 500.", [(500, "Mitglieder", "before")]),  # not the year
        # "Anzahl" names no counted noun of its own
        ("Er sprach von einer Anzahl von 1.000, 1.500 Menschen.", [(1500, "Menschen", "after")]),
        ("Die Opferzahl stieg auf 49.", [(49, "Opfer", "before")]),
        # "gegenüber 2014" is a year, not a count sharing the noun before
        ("Die Zahl der Gäste stieg auf 900 Personen, gegenüber 2014 eine Verdopplung.", [(900, "Personen", "after")]),
        # a range after "zwischen" whose noun came before ("- und" written for "und")
        ("Die Zahl der Toten liegt zwischen 20 und 30.", [(25, "Toten", "before")]),
        ("Über die Zahl der Gäste gab es Streit, die Angaben lagen zwischen 4.000 - und 9.000.", [(6500, "Gäste", "before")]),
        # a count without a noun opening its sentence before a casualty frame
        ("Nach dem Brand gab es viele Verletzte. Drei galten am Abend als schwer verletzt.", [(3, None, "after")]),
        # a labelled list after a colon whose noun stands before it
        ("Die Mandate im neuen Landtag: CSU 85, Freie Wähler 37 und Grüne 32.",
         [(85, "Mandate", "before"), (37, "Mandate", "ellipsis"), (32, "Mandate", "ellipsis")]),
        # a party's share in parentheses after a percentage
        ("Die ÖVP kam auf 37,5 Prozent, knapp vor der FPÖ. Dahinter liegt die SPÖ (21,1) vor den Neos.",
         [(37.5, "Prozent", "after"), (21.1, "Prozent", "ellipsis")]),
    ],
)
def test_frames_fire(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(pytest.approx(v), u, f) for v, u, f in _found(text)] == [(pytest.approx(v), u, f) for v, u, f in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Im Jahr 2024 Menschen zu helfen, war das Ziel.",  # a year, not a count of people
        "Bis 2030 sollen die Kosten sinken.",
        "Die Feier begann um 16 Uhr.",  # ellipsis never reaches a time of day …
        "Zwei Parteien stritten über den Haushalt.",  # small number words only with counted nouns
        "Drei Kommissionen prüften den Bericht und stellten Mängel fest.",  # … or with a casualty frame
        "Sieben weitere Termine wurden abgesagt.",  # "weitere" before a noun outside the vocabulary, no frame
        "Zwei weitere sollen folgen.",  # "N weitere" without a frame
        "Die Zahl der Gäste stieg, bei zwei Festen wurde getanzt.",  # "bei zwei" before a noun of its own outside the vocabulary
        "Er kam mit drei Freunden zum Spiel.",  # "mit drei" without a noun-before frame
        "Drei davon stehen im Regal.",  # "N davon" without a frame of the vocabulary
        "Eine Frau über 40 wurde wegen Betrugs verurteilt.",  # verbs and prepositions are no adjectives of a counted noun
        "Seit 12 Uhr liegt die Quote auf dem Tisch.",  # "auf" lends a percent sign only across to a percentage
        "Die meisten 2016 angekommenen Migranten starteten in Libyen.",  # a year before an adjective
        "Ein zweites Beben traf mit 7,5 dieselbe Region.",  # a determiner is no adjective of a counted noun
        "Die Zahl der Besucher sank am 3. Juni deutlich.",  # an ordinal date after a noun-before frame
        "Das Treffen findet am 12. Mai in Bonn statt.",
        "Er ist 45 und seit 2010 Mitglied der Partei.",  # a percent sign is never borrowed across another number
        "Sie gewann den 100-Meter-Lauf in Rom.",  # a hyphen joins a scale word only, not a unit of a compound
        "Es war ihr 2-tausendster Auftritt.",
        "Die Zahl der Gäste wuchs, zwischen 2010 und 2015 kamen viele.",  # years after "zwischen"
        "Damals betrug die Zahl der Mitglieder in Hessen 2010 mehr als heute.",
        "Die Gäste kamen. Zwei kamen zu spät.",  # a bare count opening its sentence needs a casualty frame
        "Die Wahl lief. Acht wurden am Ende gewählt.",
        "Sie sagte, drei wurden schwer verletzt.",  # … and to open the sentence
        "Anpfiff: Samstag 15 und Sonntag 17.",  # a list after a colon without a counted noun before it
        "Ergebnis im Schach: Meier 3, Müller 2.",
    ],
)
def test_frames_do_not_fire(text: str) -> None:
    assert _found(text) == []


def test_share_in_parentheses_needs_a_party_label_and_a_decimal() -> None:
    assert [q.value for q in find_quantities("Die Quote lag bei 5 Prozent. Der Wert (16,4) ist alt.")] == [5]
    assert [q.value for q in find_quantities("Die Quote lag bei 5 Prozent. Olaf Scholz (66) trat ab.")] == [5]


def test_gegen_is_a_hedge_only_before_large_numerals() -> None:
    assert [q.hedge for q in find_quantities("Es kamen gegen 500 Menschen.")] == ["gegen"]
    assert [q.hedge for q in find_quantities("Die Klage richtet sich gegen zwei Bahnmitarbeiter.")] == [None]
    assert [q.hedge for q in find_quantities("Die Klage richtet sich gegen 3 Bahnmitarbeiter.")] == [None]


def test_ellipsis_needs_a_counted_figure_in_the_sentence() -> None:
    # the bare number of a new sentence without a lead word does not inherit the noun before
    assert [u for _, u, _ in _found("Es kamen 300 Menschen. Im Jahr 2010 waren es 20. Um 16 Uhr war Schluss.")] == ["Menschen"]


def test_sentence_final_count_is_not_an_ordinal() -> None:
    assert _found("Nach dem Unwetter stieg die Zahl der Toten auf insgesamt 33. In der Nacht regnete es.")[0][0] == 33
    assert _found("Die Polizei zählte 4.000 Teilnehmer, die Veranstalter 6.000. Danach regnete es.")[1][0] == 6000


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="Zahl der Toten auf bei mit 0123456789.,  Stärke Prozent und in Jahr bis\n", max_size=120))
def test_finder_never_crashes_and_spans_are_in_text(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_start < q.num_end <= len(text)
        assert q.unit_span is None or 0 <= q.unit_span[0] <= q.unit_span[1] <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a whole and a half before a scale or a counted noun
        ("Eineinhalb Millionen Menschen sind auf der Flucht.", [(1_500_000, "Menschen", "after")]),
        ("Der Fonds hat anderthalb Milliarden Euro verloren.", [(1_500_000_000, "Euro", "after")]),
        ("Auf jeden Arbeitsplatz kommen zweieinhalb Beschäftigte in den Zulieferbetrieben.", [(2.5, "Beschäftigte", "after")]),
        ("Er wartete eineinhalb Jahre auf das Urteil.", []),  # a duration, no quantity
        # a signed change in parentheses after a name continues the count before it, across a sentence
        ("Dem Verein wurden 121 Stimmen abgezogen. Dagegen kamen Nord (plus 3.271) und Süd (plus 932) hinzu.",
         [(121, "Stimmen", "after"), (3271, "Stimmen", "ellipsis"), (932, "Stimmen", "ellipsis")]),
        # a bare figure in parentheses in the sentence of its count
        ("Im Cup liegt das Team mit 402 Zählern vor Japan (289).", [(402, "Zählern", "after"), (289, "Zählern", "ellipsis")]),
        # an age after a name, and a bare figure after a sentence with a share, are no continuation
        ("Dabei wurden 3 Menschen verletzt, der Fahrer Max M. (23) blieb unverletzt.", [(3, "Menschen", "after")]),
        ("Der Anteil stieg auf 14 Prozent. Die meisten Kinder leben in Wien (18.478).", [(14, "Prozent", "after")]),
    ],
)
def test_halves_and_parenthesised_items(text: str, expected: list[tuple[float, str | None, str]]) -> None:
    assert _found(text) == expected


def test_a_pair_of_compounds_counts_their_shared_tail() -> None:
    assert _found("Am Montag fielen 520 Kurz- und Mittelstreckenflüge aus.") == [(520, "Mittelstreckenflüge", "after")]
    assert _found("Am Montag fielen 520 Kurzstreckenflüge und 30 Langstreckenflüge aus.") == [
        (520, "Kurzstreckenflüge", "after"), (30, "Langstreckenflüge", "after")]


def test_a_pair_takes_its_own_unit_and_a_survey_counts_among() -> None:
    # "von 74 auf 79 Prozent" after a count of people: the pair's unit, not the earlier noun
    found = _found("In Orten mit 5.000 Einwohnern stieg der Anteil von 74 auf 79 Prozent.")
    assert found[1:] == [(74, "Prozent", "ellipsis"), (79, "Prozent", "after")]
    assert _found("In Orten mit 5.000 Einwohnern lebten 300 Kinder, in Städten 900.")[2] == (900, "Kinder", "ellipsis")
    # "eine Befragung unter 2.800 Menschen" counts among them; "unter 300 Euro" stays an upper bound
    among = find_quantities("Das Amt veröffentlichte eine Befragung unter 2.800 Asylberechtigten.")[0]
    assert (among.hedge, among.low, among.high) == (None, 2800, 2800)
    below = find_quantities("Das Gerät kostet unter 300 Euro.")[0]
    assert (below.hedge, below.low, below.high) == ("unter", None, 300)


def test_a_part_of_a_counted_whole() -> None:
    assert _found("Für die Reform stimmten 178 der 300 Abgeordneten.") == [(178, "Abgeordneten", "ellipsis"), (300, "Abgeordneten", "after")]
    assert _found("Drei von 15 angefragten Kindergärten sagten zu.")[0] == (3, "Kindergärten", "ellipsis")
    # a year before "der" is no part ("2015 der …"), and a part cannot exceed its whole
    assert _found("Im Sommer 2015 der Stadt gehörten 40 Häuser.") == [(40, "Häuser", "after")]
    assert _found("Es waren 500 von 300 Plätzen belegt.") == [(300, "Plätzen", "after")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "bzw." pairs: the noun after the second number counts both
        ("Bei den beiden Unglücken starben 300 beziehungsweise 200 Menschen.",
         [(300, "Menschen", "ellipsis"), (200, "Menschen", "after")]),
        ("Die Kassen meldeten 38.790 respektive 38.443 Personen mehr.",
         [(38790, "Personen", "ellipsis"), (38443, "Personen", "after")]),
        ("Das Land zahlt 3 bzw. 4 Millionen Euro Soforthilfe.", [(3e6, "Euro", "ellipsis"), (4e6, "Euro", "after")]),
        ("Die Verluste werden auf 360.000 bzw. etwa 1 Mio. Euro geschätzt.", [(360000, "Euro", "ellipsis"), (1e6, "Euro", "after")]),
        ("Es wurden 300 bzw. gut 200 Menschen festgenommen.", [(300, "Menschen", "ellipsis"), (200, "Menschen", "after")]),
    ],
)
def test_respectively_pair_shares_the_noun(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert _found(text) == [(float(v), u, f) for v, u, f in expected]


@pytest.mark.parametrize(
    "text",
    [
        "In den Jahren 2019 bzw. 2020 traten die Regeln in Kraft.",  # years, not counts
        "Die Züge fahren um 14 bzw. 16 Uhr ab.",  # clock times
        "Die Sitzung ist am 3. bzw. 4. März.",  # dates
        "Die Spieler mit den Nummern 7 bzw. 9 wurden ausgewechselt.",  # no noun after the second number
    ],
)
def test_respectively_pair_without_a_counted_second_number_is_no_count(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Linien 5 bzw. 7 Busse fahren nicht.",  # line numbers: a label noun in the plural before the first
        "Auf den Gleisen 3 bzw. 4 Züge stehen still.",
        "Die Paragrafen 12 bzw. 14 Absätze regeln das.",
    ],
)
def test_respectively_pair_after_a_plural_label_noun_shares_no_noun(text: str) -> None:
    assert all(unit_from != "ellipsis" for _, _, unit_from in _found(text))


def test_hedged_count_closing_its_sentence_after_a_place_shares_the_noun() -> None:
    assert _found("In der Provinz starben 1.651 Menschen, in Hatay mehr als 800.") == [
        (1651.0, "Menschen", "after"), (800.0, "Menschen", "ellipsis")]
    assert _found("Im Kreis starben 41 Menschen, in Trier mindestens 12.")[1] == (12.0, "Menschen", "ellipsis")


@pytest.mark.parametrize(
    "text",
    [
        "In Kiel demonstrierten 300 Menschen, im Mai mehr als 800.",  # a month, not a place
        "In Kiel demonstrierten 300 Menschen, am Montag mehr als 800.",  # a day
        "Der Verein hat 300 Mitglieder, Tendenz mehr als 800.",  # no place before the hedge
    ],
)
def test_hedged_final_count_without_a_place_before_is_not_read_as_the_same_count(text: str) -> None:
    assert len(_found(text)) == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mehr als 200 mussten evakuiert werden.", 200.0),
        ("Mindestens 14 wurden verletzt, drei davon schwer.", 14.0),
        ("40 wurden verletzt.", 40.0),
        ("Weniger als 20 wurden verletzt.", 20.0),  # any hedge of the vocabulary, capitalised
    ],
)
def test_numeral_or_hedged_count_opening_a_sentence_before_a_people_frame(text: str, value: float) -> None:
    assert _found(text)[0] == (value, None, "after")


def test_vague_number_word_opening_a_sentence_before_a_people_frame() -> None:
    (q,) = find_quantities("Hunderte mussten evakuiert werden.")
    assert q.vague and q.low == 200


@pytest.mark.parametrize(
    "text",
    [
        "Mehr als 200 wurden gebaut.",  # no frame that counts people
        "2020 wurden verletzt gemeldet: keine.",  # a year
        "Tausende mussten die Nacht in Turnhallen verbringen.",  # no frame the vocabulary knows
        "Seit Jahren wurden 200 erwartet.",  # not at the start of the sentence
    ],
)
def test_bare_count_without_a_people_frame_or_not_opening_the_sentence_is_no_count(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Koalition verfügt im Landtag über 61 Sitze.",
        "Der Stadtrat diskutierte am Abend über zwölf Anträge der Opposition.",
        "Das Amt stellte eine Rechnung über 1.250 Euro aus.",
        "Der Zoo freut sich über 7 Küken.",
        "Die Fraktion verfügt über 416 Sitze.",
        "Er bekam eine Rechnung über 396 Euro.",
    ],
)
def test_ueber_as_the_preposition_of_a_verb_or_noun_is_no_hedge(text: str) -> None:
    (q,) = find_quantities(text)
    assert q.hedge is None and q.low == q.high == q.value


@pytest.mark.parametrize(
    "text",
    [
        "Die Polizei berichtete von über 200 Verletzten.",  # "von über": the hedge of the object
        "Bis heute wurden weltweit über 10.000 Menschen infiziert.",
        "Der Verband berichtete, dass über 300 Betriebe schließen mussten.",  # a clause between
        # nouns of the same stems as the verbs, and other verbs, take no "über" of their own
        "Die Entscheidung betrifft über 400 Familien im Hochwassergebiet.",
        "Die Abstimmung ergab über 60 Prozent Zustimmung.",
        "Informierten Kreisen zufolge sind über 300 Soldaten im Einsatz.",
        "Nach informierten Kreisen sind über 300 Soldaten im Einsatz.",
        # a noun governs "über" only right before it ("eine Rechnung über 396 Euro"), not across a verb
        "Der Auftrag sichert über 1000 Arbeitsplätze.",
        "Der Kredit kostet den Staat über 5 Milliarden Euro.",
    ],
)
def test_ueber_before_a_figure_stays_a_hedge_elsewhere(text: str) -> None:
    (q,) = find_quantities(text)
    assert q.hedge == "über" and q.high is None


def test_a_magnitude_is_shared_by_a_bare_number_after_it_like_a_count() -> None:
    assert _found("Das Beben hatte laut der Warte eine Stärke von 6,4, die Behörde gab 6,2 an.") == [
        (6.4, "Stärke", "before"), (6.2, "Stärke", "ellipsis")]
    # a number with its own noun after a magnitude keeps it; a duration is no magnitude
    assert _found("Ein Beben der Stärke 6,1 erschütterte die Region, 3 Häuser stürzten ein.")[1] == (3.0, "Häuser", "after")
    assert _found("Das Beben der Stärke 5,2 dauerte 12 Sekunden.") == [(5.2, "Stärke", "before")]


@pytest.mark.parametrize(
    "text",
    [
        # a bare number later in the sentence is no magnitude unless it reads like one: a decimal near the first
        "Nach dem Beben der Stärke 7,1 konnten die Retter 14 aus den Trümmern befreien.",
        "Nach dem Beben der Stärke 7,1 konnten die Retter 7 aus den Trümmern befreien.",
        "Das Beben der Stärke 6,4 erschütterte am Morgen die Region, bis zum Abend meldeten die Behörden 37 und "
        "korrigierten die Zahl der Toten später auf 41.",
        "Das Beben hatte eine Stärke von 7,8, die Regierung meldete 2 und dann 5.",
    ],
)
def test_a_bare_count_after_a_magnitude_is_no_magnitude(text: str) -> None:
    found = _found(text)
    assert found[0][1] == "Stärke" and all(unit != "Stärke" for _, unit, _ in found[1:])


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # after an event it is counted from
        ("Der Täter wurde neun Minuten nach den ersten Schüssen gestoppt.", 9, "Minuten"),
        ("Zwei Stunden vor dem Terroranschlag kam er in der Stadt an.", 2, "Stunden"),
        # a sentence
        ("Er war im Vorjahr zu 22 Monaten Haft verurteilt worden.", 22, "Monaten"),
        ("Das Gericht verhängte eine Haftstrafe von drei Jahren.", 3, "Jahren"),
        ("Sie wurde zu zwei Jahren auf Bewährung verurteilt.", 2, "Jahren"),
    ],
)
def test_a_duration_that_is_a_figure(text: str, value: float, unit: str) -> None:
    assert _found(text) == [(value, unit, "after")]


@pytest.mark.parametrize(
    "text",
    [
        # a time ago, a time frame, a rhythm, page furniture
        "Vor zwei Stunden kam der Zug an.",
        "In den vergangenen 24 Stunden regnete es kaum.",
        "Die Busse fahren alle 15 Minuten.",
        "Der Text hat 3 Minuten Lesezeit.",
        "Seit drei Jahren lebt er in Wien.",
        "Die Sanierung begann vor 22 Monaten.",
        "Vor drei Jahren dauerte die Fahrt länger.",
        "Die Dauer der Reise: in drei Jahren geht es los.",
        # a length, a walk, a deadline, a delay, a rhythm of work: no listed story frame
        "Die Sanierung dauerte laut Stadt mehr als 22 Monate.",
        "Er lebte drei Jahre lang in Graz.",
        "Der Zug hatte 20 Minuten Verspätung.",
        "Eine Stunde nach dem Essen ging er spazieren.",
        "Zwei Jahre nach dem Umzug kam das Kind zur Welt.",
    ],
)
def test_a_duration_that_is_no_figure(text: str) -> None:
    assert _found(text) == []


def test_duration_vocabulary_loads_with_its_shape() -> None:
    import tomllib

    from lagebild.numbers.durations import DATA, load_durations

    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    assert set(raw) == {"units", "penalties", "anchors", "frame_before", "events", "terms", "term_lead", "lasting", "ended", "ordeal",
                        "compound_units"}
    for key in ("units", "penalties", "anchors", "events", "terms", "lasting", "ended", "ordeal"):
        assert raw[key] and all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in raw[key])
    assert load_durations().frame_before.search("in den vergangenen ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vier der Toten stammen aus Polen.", [(4, "Toten", "after")]),
        ("Nach Angaben der Klinik schweben 16 der Verletzten in Lebensgefahr.", [(16, "Verletzten", "after")]),
        # a noun the vocabulary does not count after "der" makes no figure
        ("Drei der Parteien wollen koalieren.", []),
        ("Zwei der Kandidaten traten zurück.", []),
    ],
)
def test_a_part_of_a_toll_named_by_its_noun(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Ärztin sprach von 15 Verletzten, darunter sieben in Lebensgefahr.", [(15, "Verletzten", "after"), (7, "Verletzten", "ellipsis")]),
        ("Es gab 15 Verletzte, davon zwei schwer.", [(15, "Verletzte", "after"), (2, "Verletzte", "ellipsis")]),
        # a small word after "davon" before a noun the vocabulary does not count, or without a figure before it
        ("Er nannte davon zwei Beispiele.", []),
        ("Davon zwei im Wald.", []),
    ],
)
def test_a_small_number_word_after_darunter_is_a_part_of_the_figure_before(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert _found(text) == expected
