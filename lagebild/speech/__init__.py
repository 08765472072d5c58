"""Who said what: direct quotes, indirect speech and attribution phrases in German news."""

from lagebild.speech.extract import Speaker, SpeechAct, extract_speech
from lagebild.speech.marks import Quotation, Unpaired, find_quotations
from lagebild.speech.phrases import EntityRef

__all__ = ["EntityRef", "Quotation", "Speaker", "SpeechAct", "Unpaired", "extract_speech", "find_quotations"]
