"""Event extraction: trigger lexicon, sentence-level argument rules and date intervals."""

from lagebild.events.dates import DateInterval, interval_of
from lagebild.events.lexicon import TriggerRule, load_lexicon

__all__ = ["DateInterval", "TriggerRule", "interval_of", "load_lexicon"]
