"""The gold of ``benchmarks/data/synthetic_stories`` is well formed and agrees with its texts.

Fast checks only (no pipeline run): the file loads as picture gold, every document it names exists and
every corpus file is annotated, quotes and entity forms occur verbatim in their texts, claim-group
members are annotated claims of their story, and the split is the one the README states.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluation.picture import load_gold
from lagebild.evaluation.reserved import reserved_stories_in, screened_out

from .gold_corpus import corpus_texts

FOLDER = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "synthetic_stories"
SPLIT = {
    "wien": "tune",
    "emilia": "tune",
    "bauern": "tune",
    "marokko": "check",
    "thueringen": "check",
    "grube": "tune",
    "streik": "tune",
    "faehre": "check",
    "hitze": "check",
}
RELATIONS = {"corroborated", "updated", "contradicted"}
DATE_SHAPE = {"minute": r"\d{4}-\d\d-\d\dT\d\d:\d\d", "day": r"\d{4}-\d\d-\d\d", "month": r"\d{4}-\d\d"}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return load_gold(FOLDER / "gold.yaml")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return corpus_texts(FOLDER)


def test_every_corpus_file_is_annotated_and_every_document_exists(gold: dict[str, Any], texts: dict[str, str]) -> None:
    assert set(gold["documents"]) == set(texts)


def test_split_labels_are_the_stated_ones(gold: dict[str, Any]) -> None:
    for doc, g in gold["documents"].items():
        story = str(g["story"])
        if story.startswith("other-"):
            number = int(doc.split("_")[1])
            assert g["split"] == ("tune" if number % 2 else "check"), doc
        else:
            assert doc.startswith(story + "_"), doc
            assert g["split"] == SPLIT[story], doc
    assert set(gold["stories"]) == set(SPLIT)


def test_publication_dates_are_well_formed(gold: dict[str, Any]) -> None:
    for doc, g in gold["documents"].items():
        pub = g["published"]
        if pub is None:
            if "true_month" in g:
                assert re.fullmatch(r"\d{4}-\d\d", str(g["true_month"])), doc
        else:
            assert "true_month" not in g, doc
            assert re.fullmatch(DATE_SHAPE[pub["precision"]], str(pub["value"])), doc
        if "updated" in g:
            # A text printing a first publication and a later update: the first publication is the date.
            upd = g["updated"]
            assert pub is not None and re.fullmatch(DATE_SHAPE[upd["precision"]], str(upd["value"])), doc
            assert str(upd["value"]) > str(pub["value"]), doc


def _story_docs(gold: dict[str, Any], story: str) -> set[str]:
    return {d for d, g in gold["documents"].items() if g["story"] == story}


def test_claims_and_groups_refer_to_annotated_claims(gold: dict[str, Any]) -> None:
    for sid, st in gold["stories"].items():
        docs = _story_docs(gold, sid)
        claims = {(row[0], float(row[1])) for row in st["numeric_claims"]}
        for row in st["numeric_claims"]:
            assert row[0] in docs, row
            assert len(row) in (4, 5) and str(row[3]).strip(), row
        ids = [g["id"] for g in st["claim_groups"]]
        assert len(ids) == len(set(ids)), sid
        for group in st["claim_groups"]:
            assert group["relation"] in RELATIONS, group["id"]
            assert len(group["members"]) >= 2, group["id"]
            for doc, value in group["members"]:
                assert (doc, float(value)) in claims, (group["id"], doc, value)


def test_quotes_occur_in_their_documents(gold: dict[str, Any], texts: dict[str, str]) -> None:
    for sid, st in gold["stories"].items():
        for doc, speaker, words, *_keys in st["quotes"]:
            assert doc in _story_docs(gold, sid) and str(speaker).strip(), doc
            assert words in texts[doc], (doc, words)


def test_events_name_story_documents_and_dates(gold: dict[str, Any]) -> None:
    for sid, st in gold["stories"].items():
        for event in st["events"]:
            assert set(event["sources"]) <= _story_docs(gold, sid), event["label"]
            assert re.fullmatch(DATE_SHAPE[event["precision"]], str(event["date"])), event["label"]


def test_entity_forms_occur_verbatim(gold: dict[str, Any], texts: dict[str, str]) -> None:
    for sid, st in gold["stories"].items():
        story_text = "\n".join(texts[d] for d in _story_docs(gold, sid))
        for canonical, forms in st["entities"].items():
            assert len(forms) >= 2, canonical
            for form in forms:
                assert form in story_text, (canonical, form)


# --- numeric claim values occur in their documents ---------------------------------------------

NUMBER_WORDS = {
    1: ("ein", "eine", "einer", "einen", "eins"), 2: ("zwei",), 3: ("drei",), 4: ("vier",), 5: ("fünf",),
    6: ("sechs",), 7: ("sieben",), 8: ("acht",), 9: ("neun",), 10: ("zehn",), 11: ("elf",), 12: ("zwölf",),
    20: ("zwanzig",), 24: ("zwei Dutzend",), 30: ("dreißig",), 100: ("hundert", "einhundert"), 1000: ("tausend", "eintausend"),
}
SCALES = {10**6: ("Millionen", "Million", "Mio."), 10**9: ("Milliarden", "Milliarde", "Mrd.")}
GROUP_SEPARATORS = (".", "'", "\u2019", " ", "\u00a0", "\u202f", ",")


def _digit_forms(value: float) -> set[str]:
    """How a number can be printed: plain, with German/Swiss/ASCII thousands grouping, with a decimal comma."""
    if value != int(value):
        text = f"{value:.6f}".rstrip("0")
        whole, frac = text.split(".")
        return {f"{grouped},{frac}" for grouped in _digit_forms(float(whole))} | {text}
    plain = str(int(value))
    forms = {plain, f"{plain},0", f"{plain}.0"}  # a magnitude "7,0" is the value 7
    if len(plain) > 3:
        groups = [plain[max(0, i - 3):i] for i in range(len(plain), 0, -3)][::-1]
        forms |= {sep.join(groups) for sep in GROUP_SEPARATORS}
    return forms


def _digits(forms: set[str], closed: bool = True) -> list[str]:
    """Regexes for digit forms not inside a longer number (``closed``: nor followed by more digits)."""
    after = r"(?![\d]|[.,'\u2019 ]\d)" if closed else ""
    return [rf"(?<![\d.,'\u2019]){re.escape(f)}{after}" for f in forms]


def _words(value: float) -> list[str]:
    return [rf"(?i)\b{w}\b" for w in NUMBER_WORDS.get(int(value), ()) if value == int(value)]


def _value_forms(value: float) -> list[str]:
    """Regexes for every printed form of ``value``: digits, number words, and "<n> Millionen/Milliarden"."""
    patterns = _digits(_digit_forms(value)) + _words(value)
    for scale, names in SCALES.items():
        mantissa = round(value / scale, 6)
        if value >= scale and mantissa * 1000 == int(mantissa * 1000):
            tail = r"\s+(?:" + "|".join(re.escape(n) for n in names) + ")"
            heads = _digits(_digit_forms(mantissa), closed=False) + [w.removesuffix(r"\b") for w in _words(mantissa)]
            patterns += [f"{head}{tail}" for head in heads]
    return patterns


def _occurs(value: float, text: str) -> bool:
    return any(re.search(p, text) for p in _value_forms(value))


def test_every_numeric_claim_value_occurs_in_its_document(gold: dict[str, Any], texts: dict[str, str]) -> None:
    missing = [
        (row[0], row[1], row[2]) for st in gold["stories"].values() for row in st["numeric_claims"]
        if not _occurs(float(row[1]), texts[row[0]])
    ]
    assert missing == []  # listed without the texts, so a failure prints no check-split text


@pytest.mark.parametrize(("value", "text", "found"), [
    (6100, "etwa 6100 Fahrzeuge", True), (6100, "etwa 6.100 Fahrzeuge", True), (30000, "bis zu 30 000 Teilnehmern", True),
    (30000, "30'000 Menschen", True), (2497, "2,497 dead", True), (6.8, "Stärke 6,8", True), (4, "vier Tote", True),
    (440000000, "rund 440 Millionen Euro", True), (5000000000, "fünf Milliarden Euro", True),
    (1200000, "1,2 Mio. Euro", True), (11000000000, "elf Milliarden", True),
    (100, "1000 Menschen", False), (30, "30.000 Menschen", False), (6100, "16100", False), (4, "vierzig", False),
    (440000000, "440 Euro", False), (6.8, "6,85", False), (7, "Stärke 7,0", True),
])
def test_value_forms(value: float, text: str, found: bool) -> None:
    assert _occurs(value, text) is found


# --- reserved stories ---------------------------------------------------------------------------

def test_no_text_covers_a_reserved_story(texts: dict[str, str]) -> None:
    # Stories kept for held-out evaluation elsewhere must not leak into development data.
    for doc, text in texts.items():
        assert reserved_stories_in(text) == [], doc


@pytest.mark.parametrize(("sentence", "story"), [
    ("Nach dem Bruch der Ampel-Koalition im November 2024 stellt der Kanzler die Vertrauensfrage.",
     "end of the Ampel coalition (2024)"),
    ("Das Ampel-Aus vom 6.11.2024 kam mit der Entlassung des Finanzministers.", "end of the Ampel coalition (2024)"),
    ("Koalitionsbruch: Die Ampelkoalition ist seit November 2024 Geschichte.", "end of the Ampel coalition (2024)"),
    ("Nach dem Anschlag auf einen Weihnachtsmarkt im Dezember 2024 trauert die Stadt.", "Christmas-market attack (2024)"),
    ("In Magdeburg legten Hunderte Menschen Blumen nieder.", "Christmas-market attack (2024), by its place"),
    ("Die Flut in Valencia hat ganze Straßen verwüstet.", "Valencia floods (2024)"),
    ("Die DANA brachte in Paiporta binnen Stunden den Regen eines Jahres.", "Valencia floods (2024)"),
    ("Nach dem Erdbeben suchen Helfer in Kahramanmaras nach Überlebenden.", "Turkey–Syria earthquake (2023)"),
    ("Das Beben zerstörte große Teile von Antakya.", "Turkey–Syria earthquake (2023)"),
])
def test_reserved_guard_fires_on_each_kind(sentence: str, story: str) -> None:
    assert story in reserved_stories_in(sentence)


@pytest.mark.parametrize("sentence", [
    "Im Januar 2024 protestierten Tausende Landwirte in Berlin gegen die Sparpläne der Ampel-Koalition.",
    "Am 15.01.2024 endete die Aktionswoche der Bauern gegen die Agrarpolitik der Ampel-Koalition.",
    "Ein Erdbeben der Stärke 6,8 erschütterte Marokko.",
    "Der Weihnachtsmarkt öffnet am 25. November 2024.",
])
def test_reserved_guard_stays_quiet_on_other_mentions(sentence: str) -> None:
    assert reserved_stories_in(sentence) == []


def test_the_samplers_screen_errs_further_than_the_story_guard() -> None:
    # a traffic light is no coalition, yet a sampler does not draw it; a text of another place passes
    assert screened_out("Die Verkehrsampel an der Kreuzung fiel am Morgen aus.")
    assert reserved_stories_in("Die Verkehrsampel an der Kreuzung fiel am Morgen aus.") == []
    assert not screened_out("Die Feuerwehr in Köln zählte am Abend 14 Verletzte.")
