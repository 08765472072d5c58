"""German numbers: numerals, number words, scale words, hedges as intervals, units."""

from lagebild.numbers.find import HEDGES, Quantity, find_quantities, hedge_interval
from lagebild.numbers.parse import format_number, parse_amount, parse_numeral
from lagebild.numbers.words import parse_number_word

__all__ = [
    "HEDGES",
    "Quantity",
    "find_quantities",
    "format_number",
    "hedge_interval",
    "parse_amount",
    "parse_number_word",
    "parse_numeral",
]
