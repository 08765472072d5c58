"""The quotes and claims of the example articles, with the right speakers and claimants."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.speech.helpers import analyse, find_claim, find_quote, quotes


@pytest.fixture(scope="module", params=[[], ["entities.ner.v1"]], ids=["plain", "with-entities"])
def docs(examples_dir: Path, request: pytest.FixtureRequest) -> dict[str, object]:
    """The examples analysed without and with the entity stage (speakers then link to mentions)."""
    out = {}
    for path in sorted(examples_dir.glob("*.txt")):
        out[path.name[:3]] = analyse(path.read_text("utf-8"), outlet=None, published="2024-10-25", extra=request.param)
    return out


def test_partial_quote_after_pronoun_resolves_to_named_minister(docs):
    q = find_quote(docs["002"], "sehr ernstes Problem", "direct")
    assert q.data["speaker_text"] == "Lloyd Austin"
    assert q.data["speaker_resolution"] == "pronoun"
    if docs["002"].of_kind("entity"):
        assert docs["002"].get(q.data["speaker_ann"]).surface == "Lloyd Austin"
    assert q.data["cue"] == "bezeichnen"


def test_dass_clause_claim_is_claimed_by_the_speaker(docs):
    q = find_quote(docs["002"], "etwa 3.000 nordkoreanische Soldaten", "indirect")
    assert q.data["speaker_text"] == "John Kirby" and q.data["cue"] == "berichten"
    c = find_claim(docs["002"], "3.000")
    assert c.data["value"] == 3000 and c.data["hedge"] == "etwa"
    assert c.data["low"] < 3000 < c.data["high"]
    assert c.data["claimant_text"] == "John Kirby"
    assert c.data["unit"] == "Soldaten"
    assert "nordkoreanische Soldaten" in c.data["subject"]


def test_laut_phrase_with_modal_hedge(docs):
    q = find_quote(docs["004"], "Laut südkoreanischem Geheimdienst", "reported")
    assert "Geheimdienst" in q.data["speaker_text"] and q.data["hedge"] == "soll"
    c = find_claim(docs["004"], "3.000 Soldaten")
    assert "Geheimdienst" in c.data["claimant_text"]
    assert "soll" in c.data["hedge"] and c.data["attribution_ann"] == q.id


def test_konjunktiv_with_coordinated_speakers(docs):
    q = find_quote(docs["001"], "Nordkorea habe rund 10.000 Soldaten", "indirect")
    assert q.data["speaker_text"] == "Südkorea, die Ukraine und der Westen"
    assert q.data["mood"] == "konjunktiv"
    c = find_claim(docs["001"], "10.000")
    assert c.data["claimant_text"] == "Südkorea, die Ukraine und der Westen"
    assert (c.data["low"], c.data["high"]) == (9000, 11000)
    assert any(a.data["cue"] == "unter Berufung auf" for a in quotes(docs["001"], "reported"))


def test_long_quote_with_cue_after_names_the_president(docs):
    q = find_quote(docs["004"], "Wir sind uns einig", "direct")
    assert q.data["speaker_text"] == "Yoon Suk Yeol" and q.data["cue"] == "sagen"
    assert q.surface.startswith('"') and q.surface.endswith('"')


def test_wie_x_berichtete(docs):
    q = [a for a in quotes(docs["004"], "reported") if a.data["speaker_text"] == "Yonhap" and a.data["cue"] == "berichten"]
    assert q and "illegalen Angriffskrieg" in q[0].surface


def test_colon_quote_and_following_subjunctive(docs):
    q = find_quote(docs["004"], "Der Vertrag trägt", "direct")
    assert q.data["speaker_text"] == "Leonid Sluzki"
    cont = find_quote(docs["004"], "Er sei", "indirect")
    assert cont.data["speaker_text"] == "Leonid Sluzki" and cont.data["mood"] == "konjunktiv"
    inner = find_quote(docs["004"], "die Grundlage für den Ausbau", "direct")
    assert inner.data["speaker_text"] == "Leonid Sluzki"


def test_sagte_dass_and_sagte_x_laut_y(docs):
    q = find_quote(docs["004"], "keine Gesetze verletze", "indirect")
    assert q.data["speaker_text"] == "Maria Sacharowa"
    cho = find_quote(docs["004"], "Ich glaube nicht", "direct")
    assert cho.data["speaker_text"] == "Cho"
    role = find_quote(docs["004"], "alle Optionen lägen", "indirect")
    assert role.data["speaker_text"] == "Cho" and role.data["speaker_resolution"] == "role"


def test_putin_statements(docs):
    q = find_quote(docs["003"], "das Abkommen sei vergleichbar", "indirect")
    assert q.data["speaker_text"] == "Putin" and q.data["cue"] == "meinen"
    q = find_quote(docs["003"], "Südkorea müsse", "indirect")
    assert q.data["speaker_text"] == "Putin" and q.data["cue"] == "erklären"


def test_vague_and_unattributed_claims(docs):
    c = find_claim(docs["004"], "Tausende")
    # "Tausende" is a lower bound, not a value
    assert (c.data["value"], c.data["low"], c.data["high"], c.data["bound"]) == (None, 2000, None, "lower")
    assert c.data["claimant_text"] == "Südkoreas"
    c = find_claim(docs["000"], "Hunderte Dörfer")
    assert c.data["claimant_text"] == "outlet" and "soll" in c.data["hedge"]
    c = find_claim(docs["002"], "50 Milliarden")
    assert c.data["value"] == 50e9 and c.data["unit"] == "US-Dollar"
    assert any(a.surface == "Milliardenhöhe" for a in docs["002"].of_kind("claim"))


def test_dates_and_reading_times_are_not_claims(docs):
    surfaces = [a.surface for d in docs.values() for a in d.of_kind("claim")]
    for bad in ("2024", "10.11", "6. August", "2 min", "15:57", "1961", "2000"):
        assert not any(s.startswith(bad) for s in surfaces), (bad, surfaces)


def test_scare_quotes_are_not_quotes(docs):
    assert not any("befreien" in a.surface for a in quotes(docs["000"], "direct"))
