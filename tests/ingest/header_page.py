"""A plain-text page around a fixed article body, read through the boilerplate and header stages."""

from __future__ import annotations

from lagebild.model import Document, SourceRef
from lagebild.stages.clean import BoilerplateClean
from lagebild.stages.meta import MetaHeaders

BODY = [
    "Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen. "
    "Nach Angaben des Ministeriums sollen in den kommenden fünf Jahren mehrere hundert Millionen Euro in neue "
    "Strecken und Fahrzeuge fließen, vor allem in ländlichen Regionen.",
    "Die Opposition kritisierte den Entwurf zum Nahverkehr als unzureichend und forderte eine schnellere Umsetzung. "
    "Der Verkehrsverbund begrüßte das Gesetz dagegen ausdrücklich und kündigte neue Verbindungen an.",
    "Das Gesetz soll im Frühjahr in Kraft treten, sobald der Landtag den Haushalt verabschiedet hat. Bis dahin "
    "will das Ministerium mit den Kommunen über die Verteilung der Mittel für den Nahverkehr verhandeln.",
]


def read(header: list[str], body: list[str] | None = None, footer: list[str] | None = None) -> Document:
    """The page ``header`` + ``body`` (default ``BODY``) + ``footer``, cleaned and its header read."""
    text = "\n\n".join([*header, *(body or BODY), *(footer or [])]) + "\n"
    doc = Document("page", text, SourceRef("page.txt", format="txt"))
    return MetaHeaders()(BoilerplateClean()(doc))
