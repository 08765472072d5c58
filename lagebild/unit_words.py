"""Words that name currencies and units of measure.

Read by the figure finder (``lagebild.numbers.find``: a number before one is a quantity) and by the
entity stage (``lagebild.entities.extract``: a unit is no organisation, "Megawatt (MW)").
"""

from __future__ import annotations

__all__ = ["CURRENCIES", "MEASURES"]

CURRENCIES = (
    "US-Dollar", "Dollar", "Euro", "Cent", "Franken", "Pfund", "Rubel", "Yuan", "Renminbi", "Yen",
    "Won", "Rupien", "Lira", "Kronen", "Schilling", "Griwna", "Hrywnja", "Lewa", "Bitcoin", "EUR", "USD",
)
MEASURES = (
    "Prozentpunkte", "Prozentpunkten", "Prozent", "Promille", "Kilometern", "Kilometer", "Metern", "Meter",
    "Zentimetern", "Zentimeter", "Millimetern", "Millimeter", "Quadratkilometer", "Quadratmeter", "Hektar", "Kilogramm", "Gramm", "Tonnen", "Tonne",
    "Litern", "Liter", "Barrel", "Grad", "Watt", "Megawatt", "Gigawatt", "Kilowatt", "Kilowattstunden", "Terawattstunden",
    "Seemeilen", "Meilen", "Stück", "km²", "km/h", "km", "kg", "qm", "m²", "ha", "MW", "GW", "kWh", "°C", "%",
    "€", "$",
)
