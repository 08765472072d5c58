"""Table-driven cases: German expressions with their document date and the expected TIMEX3 value."""

from __future__ import annotations

import pytest

from lagebild.timex import parse_value, tag

# (text, DCT, expected surface, expected value, extra expectations)
CASES = [
    ("Die USA hatten am Mittwoch Berichte bestätigt.", "2024-10-25", "Mittwoch", "2024-10-23", {}),
    ("Kim Jong Un hatte den Vertrag im Juni unterzeichnet.", "2024-10-25", "Juni", "2024-06", {}),
    ("Der Vertrag wurde im Juni geschlossen.", "2024-11", "Juni", "2024-06", {}),
    ("Der Kreml veröffentlichte am Samstagabend das Gesetz.", "2024-11-10", "Samstagabend", "2024-11-09TEV", {"type": "TIME"}),
    ("Russland hatte es bereits in der vergangenen Woche ratifiziert.", "2024-11-15", "der vergangenen Woche", "2024-W45", {}),
    ("Das Oberhaus ratifizierte den Vertrag am 8. November.", "2024-11-10", "8. November", "2024-11-08", {}),
    ("Der Vertrag wurde im Jahr 2000 ersetzt.", None, "Jahr 2000", "2000", {}),
    ("Ein Vertrag von 1961 zwischen beiden Ländern.", None, "1961", "1961", {}),
    ("Seit Beginn des Angriffs im Jahr 2022 rückten sie näher.", "2024-11-10", "Jahr 2022", "2022", {}),
    ("Als er im vergangenen Oktober gefragt wurde, wich er aus.", "2024-11-10", "vergangenen Oktober", "2024-10", {}),
    ("Putins Reise nach Nordkorea letzte Woche verdeutlichte es.", None, "letzte Woche", None, {}),
    ("Putins Reise nach Nordkorea letzte Woche verdeutlichte es.", "2024-06-26", "letzte Woche", "2024-W25", {}),
    ("Die kommenden Tage dürften es zeigen.", "2024-10-24", "Die kommenden Tage", "PXD", {"vague": True, "type": "DURATION"}),
    ("Er will sie in den kommenden Wochen schicken.", "2024-10-24", "den kommenden Wochen", "PXW", {"vague": True}),
    ("Beide Länder arbeiten seit Jahren zusammen.", "2024-10-24", "Jahren", "PXY", {"vague": True}),
    ("Veröffentlicht am 10.11.2024 um 15:57 Uhr", None, "10.11.2024 um 15:57 Uhr", "2024-11-10T15:57", {"type": "TIME"}),
    ("25.10.2024 10:15", None, "25.10.2024 10:15", "2024-10-25T10:15", {}),
    ("Ende 2025 sollte die Bremse auslaufen.", "2024-10-25", "Ende 2025", "2025", {"mod": "END"}),
    ("Anfang nächsten Jahres beginnt es.", "2024-10-25", None, None, {}),
    ("Die Gespräche finden am kommenden Montag statt.", "2024-10-25", "kommenden Montag", "2024-10-28", {}),
    ("Gestern Abend kam es zu Explosionen.", "2024-10-25", "Gestern Abend", "2024-10-24TEV", {}),
    ("Vor zwei Wochen hatte er gewarnt.", "2024-10-25", "zwei Wochen", "2024-W41", {}),
    ("Im dritten Quartal 2024 stieg der Umsatz.", None, "dritten Quartal 2024", "2024-Q3", {}),
    ("In den 1990er Jahren war das anders.", "2024-10-25", "den 1990er Jahren", "199", {}),
    ("Mitte Oktober trafen sie sich.", "2024-11-10", "Mitte Oktober", "2024-10", {"mod": "MID"}),
    ("Der Gipfel soll im Dezember stattfinden.", "2024-11-10", "Dezember", "2024-12", {}),
    ("Im Februar hatte er es angekündigt.", "2024-11-10", "Februar", "2024-02", {}),
    ("Am Sonntag wird gewählt.", "2024-10-25", "Sonntag", "2024-10-27", {}),
    ("Am Wochenende hatte es Proteste gegeben.", "2024-11-13", "Wochenende", "2024-W45-WE", {}),
    ("Am Wochenende wird demonstriert.", "2024-11-13", "Wochenende", "2024-W46-WE", {}),
    ("An Weihnachten war er zu Hause.", "2024-11-15", "Weihnachten", "2023-12-25", {}),
    ("Ostern 2025 fällt in den April.", "2024-11-15", "Ostern 2025", "2025-04-20", {}),
    ("In zwei Wochen beginnt der Gipfel.", "2024-11-15", "zwei Wochen", "2024-W48", {"type": "DATE"}),
    ("Microsoft kündigte in der Nacht zu Dienstag an.", "2016-03-15", "der Nacht zu Dienstag", "2016-03-14TNI", {}),
    ("Am Mittwoch dieser Woche will er reisen.", "2016-03-15", "Mittwoch dieser Woche", "2016-03-16", {}),
    ("Die Abstimmung, die vom 19. bis 24. Juni stattfinden wird.", "2016-03-15", "24. Juni", "2016-06-24", {}),
    ("Bis Ende des Jahres sollen die Zentren stehen.", "2016-03-15", "Ende des Jahres", "2016", {"mod": "END"}),
]


@pytest.mark.parametrize(("text", "dct", "surface", "value", "extra"), CASES)
def test_expression(text: str, dct: str | None, surface: str | None, value: str | None, extra: dict) -> None:
    found = {text[t.start : t.end]: t for t in tag(text, parse_value(dct))}
    if surface is None:  # "Anfang nächsten Jahres": at least year 2025 with START
        t = next(iter(found.values()))
        assert (t.value, t.mod) == ("2025", "START")
        return
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    t = found[surface]
    assert t.value == value
    for key, want in extra.items():
        assert getattr(t, key) == want, key


def test_chained_anchoring_and_inconsistency() -> None:
    text = (
        "Im Oktober wurden die ersten Berichte publik. Ende des Monats bestätigte Rutte den Einsatz. "
        "Am 6. August startete die Ukraine eine Offensive. Auch fünf Monate später hält die Ukraine ihre Stellung."
    )
    ts = tag(text, parse_value("2024-11"))
    by = {text[t.start : t.end]: t for t in ts}
    end = by["Ende des Monats"]
    assert (end.value, end.mod, end.anchor) == ("2024-10", "END", "context")
    assert ts[end.anchor_index].value == "2024-10"
    later = by["fünf Monate später"]
    assert later.value == "2025-01" and later.anchor == "context"
    assert text[ts[later.anchor_index].start : ts[later.anchor_index].end] == "6. August"
    assert later.after_dct  # dated November 2024, told as past: a reader would notice


def test_future_chain_is_not_an_inconsistency() -> None:
    text = "Am 6. August beginnt die Frist. Fünf Monate später wird das Gesetz in Kraft treten."
    later = next(t for t in tag(text, parse_value("2024-07-01")) if t.rule == "duration")
    assert later.value == "2025-01" and not later.after_dct


@pytest.mark.parametrize(
    "text",
    [
        "Lesezeit: 2 Minuten",
        "Lesezeit: 2 min",
        "Mit einem Plus von 19,65 Prozent wuchs der Index.",
        "Nordkorea soll etwa 3.000 Soldaten entsandt haben.",
        "Er erreichte 24.490,41 Punkte und 13,90 Euro.",
        "Rund 2000 Soldaten wurden verlegt.",
        "Die Vorlage hat die Nummer Nr. 1961.",
    ],
)
def test_not_a_date(text: str) -> None:
    assert [text[t.start : t.end] for t in tag(text, parse_value("2024-10-25"))] == []


def test_event_anchored_day_is_left_unresolved() -> None:
    text = "Erwartet wird, dass er sich am letzten Tag des Brics-Gipfels äußert. Eine Pressekonferenz ist am Nachmittag geplant."
    ts = tag(text, parse_value("2024-10-25"))
    day = next(t for t in ts if text[t.start : t.end].startswith("letzten Tag"))
    assert day.value is None and day.vague
    pm = next(t for t in ts if text[t.start : t.end] == "Nachmittag")
    assert pm.value is None and ts[pm.anchor_index] is day  # afternoon of that unknown day, not of the DCT


@pytest.mark.parametrize("text", ["am 31.02.2024", "am 30. Februar 2023", "am 29.02.2023"])
def test_impossible_days_are_not_invented(text: str) -> None:
    ts = tag(text, parse_value("2024-10-25"))
    assert ts and all(t.value is None for t in ts)


def test_no_dct_and_no_anchor() -> None:
    ts = tag("Am Mittwoch kam er. Zwei Tage später ging er. Im Juni kommt er wieder.", None)
    assert ts and all(t.value is None for t in ts)


def test_far_dates() -> None:
    ts = tag("Im Jahr 490 v. Chr. siegten die Athener, am 1. Januar 9999 endet alles, im Jahr 3000 auch.", parse_value("2024-10-25"))
    values = [t.value for t in ts]
    assert "BC0490" in values and "9999-01-01" in values and "3000" in values


def test_narrative_mode_takes_the_year_from_context() -> None:
    text = "Am 1. September 1939 begann der Krieg. Am 17. September marschierte die Rote Armee ein. Im Juni 1940 fiel Paris. Am 22. Juni wurde unterzeichnet."
    ts = tag(text, parse_value("2011-02-16"))
    assert [t.value for t in ts] == ["1939-09-01", "1939-09-17", "1940-06", "1940-06-22"]
