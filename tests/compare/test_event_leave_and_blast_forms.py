"""A partner leaving the coalition breaks the government, a suicide bomber attacks; leaving a meeting or blowing up a bridge do not."""

from __future__ import annotations

import pytest
from compare_helpers import make_doc, run_events


def _classes(text: str) -> list[str]:
    doc = run_events(make_doc("a", text, published="2025-05-21"))
    return [str(e.label) for e in doc.of_kind("event") if e.data.get("modality") in ("asserted", "reported")]


@pytest.mark.parametrize("text", [
    "Die Piratenpartei verließ am Dienstag die Koalition.",
    "Die Liberalen verkündeten am Abend ihren Austritt aus der Koalition.",
    "Die Grünen waren aus der Landesregierung ausgetreten.",
    "Die Grünen traten am Montag aus der Landesregierung aus.",
    "Die Partei hat die Koalition verlassen.",
])
def test_a_partner_leaving_breaks_the_government(text: str) -> None:
    assert "government_crisis" in _classes(text)


@pytest.mark.parametrize("text", [
    "Der Minister verließ die Sitzung der Regierung vorzeitig.",
    "Die Ministerin ist im Mai aus der Kirche ausgetreten.",
    "Großbritannien erklärte den Austritt aus dem Bündnis.",
    "Die Fans haben das Stadion enttäuscht verlassen.",
    "Der Kanzler verließ das Kanzleramt am Abend.",
])
def test_leaving_something_else_is_no_government_crisis(text: str) -> None:
    assert "government_crisis" not in _classes(text)


@pytest.mark.parametrize("text", [
    "Gestern Vormittag sprengte sich ein Attentäter inmitten der Marktstände in die Luft.",
    "Ein Mann hat sich vor der Polizeiwache in die Luft gesprengt.",
])
def test_a_suicide_bomber_is_an_attack(text: str) -> None:
    assert "attack" in _classes(text)


@pytest.mark.parametrize("text", [
    "Die Armee sprengte die Brücke in die Luft.",
    "Der neue Film sprengte alle Rekorde an den Kinokassen.",
])
def test_blowing_up_a_thing_or_a_record_is_no_attack(text: str) -> None:
    assert "attack" not in _classes(text)


@pytest.mark.parametrize("text", [
    "Die Polizei zählte dagegen nur 8500 Demonstranten in der Innenstadt.",
    "Rund 300 Landwirte fuhren zur Großdemo nach Berlin.",
    "Die Veranstalter sprachen von 1,2 Millionen Demonstranten in ganz Frankreich.",
])
def test_counted_demonstrators_and_a_big_demo_are_a_protest(text: str) -> None:
    assert "protest" in _classes(text)


@pytest.mark.parametrize("text", [
    "Der Bürgermeister suchte das Gespräch mit Demonstranten.",
    "Der Minister sprach am Abend in einer Demo-Version der App.",
    "Im Jahr 2019 lud die Stadt Demonstranten zu einem Runden Tisch.",
])
def test_demonstrators_without_a_count_are_no_protest(text: str) -> None:
    assert "protest" not in _classes(text)
