"""The plain-text boilerplate cleaner: offsets, reasons, idempotence, the example articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.model import Document, SourceRef
from lagebild.stages.clean import BoilerplateClean


def clean(text: str, fmt: str = "txt") -> Document:
    return BoilerplateClean()(Document("d", text, SourceRef("d.txt", format=fmt)))


def _check_offsets(doc: Document) -> None:
    """Every copied segment slices back to the original; segments are monotonic; removed spans are valid."""
    last_orig = -1
    for seg in doc.offsets.segments:
        assert doc.text[seg.text_start : seg.text_start + seg.length] == doc.original[seg.orig_start : seg.orig_start + seg.length]
        assert seg.orig_start > last_orig
        last_orig = seg.orig_start
    for r in doc.removed:
        assert 0 <= r.start < r.end <= len(doc.original) and r.reason
    # Kept and removed pieces never overlap.
    kept = [(s.orig_start, s.orig_start + s.length) for s in doc.offsets.segments]
    for r in doc.removed:
        assert not any(a < r.end and r.start < b for a, b in kept), r


_LINES = st.sampled_from([
    "Politik", "25.10.2024 10:15", "Lesezeit: 2 min", "Von Hans Meier", "Diesen Artikel teilen", "Kommentare (0)",
    "Mehr zum Thema", "+++ Das könnte Sie auch interessieren: Etwas ganz anderes +++",
    "Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des Ministeriums im kommenden Jahr in Kraft treten soll.",
    "Kritiker halten die Reform für unzureichend und fordern weitere Schritte, wie mehrere Verbände am Dienstag mitteilten.",
    "Zwischenüberschrift ohne Punkt", "Ein kurzer Satz.", "", "  ", "• Ein Listenpunkt mit Inhalt",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=25), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_offsets_slice_back_and_nothing_silently_lost(lines: list[str], sep: str) -> None:
    original = sep.join(lines)
    doc = clean(original)
    _check_offsets(doc)
    # Every non-space original character is kept or inside a removed span.
    covered = [False] * len(original)
    for s in doc.offsets.segments:
        for i in range(s.orig_start, s.orig_start + s.length):
            covered[i] = True
    for r in doc.removed:
        for i in range(r.start, r.end):
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(original) if not ch.isspace())


@settings(max_examples=80, deadline=None)
@given(st.lists(_LINES, max_size=20))
def test_cleaning_twice_removes_nothing_more_of_the_body(lines: list[str]) -> None:
    first = clean("\n\n".join(lines))
    second = clean(first.text)
    body = [ln for ln in first.text.splitlines() if len(ln) > 100]
    for ln in body:
        assert ln in second.text


def test_examples_as_a_careful_reader(examples_dir: Path) -> None:
    docs = {p.name[:3]: clean(p.read_text("utf-8")) for p in sorted(examples_dir.glob("*.txt"))}
    removed = {k: [(d.original[r.start : r.end], r.reason) for r in d.removed] for k, d in docs.items()}
    for d in docs.values():
        _check_offsets(d)

    d = docs["000"]
    assert (d.meta.published.value, d.meta.published.precision) == ("2024-11", "month")
    assert d.text.startswith("Die Wahl von Donald Trump")
    assert "interessieren" not in d.text and "Weitere Nachrichten" not in d.text
    assert "Kriegspartei?" in d.text  # a subheading stays

    d = docs["001"]
    assert (d.meta.published.value, d.meta.published.precision) == ("2024-11-10T15:57", "minute")
    assert d.meta.title and d.meta.title.startswith("Krieg in der Ukraine")
    assert d.text.count("Der russische Präsident Wladimir Putin unterzeichnete") == 1
    assert any(reason == "duplicate" for _, reason in removed["001"])

    d = docs["002"]
    assert (d.meta.published.value, d.meta.published.precision, d.meta.section) == ("2024-10-24", "day", "Politik")
    assert d.text.count("Ein Zeichen der Schwäche") == 1

    d = docs["003"]
    assert d.meta.published.value is None and d.meta.author == "Hans Meier"
    for gone in ("Lesezeit", "Durch Hans Meier", "- in", "Flaggen.", "Neueste Nachrichten", "teilen", "Kommentar"):
        assert gone not in d.text, gone
    assert "Berlin – Wladimir Putins Reise" in d.text
    assert "Gegenseitige militärische Unterstützung" in d.text  # a list in the body stays
    assert d.meta.extra.get("dateline") == "Berlin"

    d = docs["004"]
    assert (d.meta.published.value, d.meta.published.precision, d.meta.section) == ("2024-10-25T10:15", "minute", "Politik")
    assert d.text.count("Spiel mit dem Feuer") == 1
    for gone in ("Lesezeit", "(Foto: dpa)", "Mehr zum Thema", "31.12.2025", "Mietpreisbremse", "Venezuela"):
        assert gone not in d.text, gone
    assert d.text.rstrip().endswith("keine schweren Waffen an die Ukraine geliefert.")


def test_extracted_mode_keeps_short_lines() -> None:
    text = "Fazit\n\nDas Produkt hat uns im Test überzeugt, vor allem wegen der langen Laufzeit des Akkus.\n\nKurz notiert\n\nDiesen Artikel teilen"
    doc = clean(text, fmt="html")
    assert "Fazit" in doc.text and "Kurz notiert" in doc.text and "teilen" not in doc.text


def test_empty_and_whitespace_only() -> None:
    for text in ("", "   \n\n  ", "x"):
        doc = clean(text)
        _check_offsets(doc)


def test_unseen_layout_with_combined_byline() -> None:
    text = (
        "Startseite\nPolitik\nWirtschaft\nSport\n\n"
        "Bundestag beschließt neues Heizungsgesetz\n"
        "Von Petra Schulz | 12.03.2024, 10:15 Uhr\n"
        "Artikel anhören\n\n"
        "Der Bundestag hat am Donnerstag mit knapper Mehrheit das neue Heizungsgesetz verabschiedet. "
        "Die Opposition kündigte an, vor das Bundesverfassungsgericht zu ziehen.\n\n"
        "Die Ministerin verteidigte die Reform: Sie sei notwendig, um die Klimaziele zu erreichen, sagte sie im Plenum.\n\n"
        "Lesen Sie auch\nSo funktioniert die neue Förderung\nWas Mieter jetzt wissen müssen\n\n"
        "Teilen\nFacebook\nWhatsApp\n"
    )
    doc = clean(text)
    _check_offsets(doc)
    assert doc.meta.title == "Bundestag beschließt neues Heizungsgesetz"
    assert doc.meta.author == "Petra Schulz"
    assert (doc.meta.published.value, doc.meta.published.precision) == ("2024-03-12T10:15", "minute")
    for gone in ("Startseite", "Artikel anhören", "Lesen Sie auch", "Förderung", "WhatsApp", "Petra Schulz"):
        assert gone not in doc.text, gone
    assert doc.text.startswith("Bundestag beschließt neues Heizungsgesetz\n")
    assert "Klimaziele zu erreichen" in doc.text


def test_broadcaster_layout_with_kicker_lead_and_desk_byline() -> None:
    text = (
        "Ukraine-Krieg\n"
        "Selenskyj fordert mehr Flugabwehr\n"
        "Stand: 12.03.2024 14:35 Uhr\n"
        "Der ukrainische Präsident hat die westlichen Partner erneut um zusätzliche Systeme zur Flugabwehr gebeten. "
        "Russland hatte in der Nacht mehrere Städte angegriffen.\n"
        "Von Anna Schmidt, ARD-Studio Kiew\n"
        "In einer Videobotschaft sagte Selenskyj, jede Verzögerung koste Menschenleben. Die Angriffe hätten vor allem "
        "die Energieversorgung getroffen, teilte der Netzbetreiber mit.\n"
        "Die Bundesregierung kündigte an, die Lieferung weiterer Systeme zu prüfen. Eine Entscheidung werde in den "
        "kommenden Wochen erwartet, hieß es aus Regierungskreisen.\n"
        "Mehr zum Thema\n"
        "- Wie die Flugabwehr funktioniert\n"
        "- Was Deutschland bisher geliefert hat\n"
        "Dieses Thema im Programm: Das Erste | tagesschau | 12.03.2024 | 20:00 Uhr\n"
    )
    doc = clean(text)
    _check_offsets(doc)
    assert doc.meta.title == "Selenskyj fordert mehr Flugabwehr"
    assert doc.meta.author == "Anna Schmidt"
    assert (doc.meta.published.value, doc.meta.published.precision) == ("2024-03-12T14:35", "minute")
    assert doc.text.startswith("Selenskyj fordert mehr Flugabwehr\nDer ukrainische Präsident")
    for gone in ("Stand:", "Von Anna Schmidt", "Mehr zum Thema", "funktioniert", "Im Programm", "im Programm"):
        assert gone not in doc.text, gone
    assert doc.text.rstrip().endswith("hieß es aus Regierungskreisen.")


_P1 = ("Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen. "
       "Nach Angaben des Ministeriums sollen in den kommenden fünf Jahren mehrere hundert Millionen Euro in neue Strecken fließen.")
_P2 = "Die Opposition kritisierte den Entwurf als unzureichend und forderte eine schnellere Umsetzung des Gesetzes für den Nahverkehr."
_P3 = ("Der Verkehrsverbund begrüßte das Gesetz dagegen ausdrücklich. „Das ist ein guter Tag für alle Pendler“, sagte ein Sprecher "
       "am Abend in der Landeshauptstadt. Bis zum Sommer sollen erste Verbindungen verbessert werden.")


@pytest.mark.parametrize("line_model", [True, False])
@pytest.mark.parametrize(
    ("junk", "reason"),
    [
        ("Zur Startseite", "navigation"), ("Startseite › Politik › Land", "navigation"), ("Seite 1 von 2", "navigation"),
        ("Alle Nachrichten im Überblick", "navigation"), ("Audio: Artikel vorlesen lassen", "article tools"),
        ("Teilen auf Facebook", "share widget"), ("Folgen Sie uns auf Facebook und Instagram", "share widget"),
        ("Lesen Sie auch: Bahn erhöht die Preise", "teaser"), ("Video: Das sagt der Minister", "teaser"),
        ("Weiterlesen nach der Anzeige", "advertisement"), ("(dpa)", "agency credit"),
        ("mit Material von dpa und AFP", "agency credit"), ("Dieser Artikel erschien zuerst auf example.de", "post meta"),
        ("Hat Ihnen dieser Artikel gefallen?", "embed placeholder"),
    ],
)
def test_furniture_line_inside_an_article_is_removed_with_its_reason(junk: str, reason: str, line_model: bool) -> None:
    text = "\n\n".join(["Land beschließt Gesetz für mehr Nahverkehr", _P1, junk, _P2, _P3]) + "\n"
    doc = BoilerplateClean(line_model=line_model)(Document("x", text, SourceRef("x.txt", format="txt")))
    assert junk not in doc.text
    assert all(p in doc.text for p in (_P1, _P2, _P3))
    assert [r.reason for r in doc.removed if doc.original[r.start : r.end] == junk] == [reason]
