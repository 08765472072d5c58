"""Name normalisation: the keys under which mentions of one entity meet.

The key is deliberately forgiving about spelling that does not change identity (case, hyphen vs
space, typographic quotes, a genitive ``s``) and strict about everything else.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

__all__ = ["ADJ_ENDINGS", "FUNCTION_WORDS", "fold_key", "genitive_candidates", "name_key", "role_key", "slug", "split_camel", "translit_key",
           "umlaut_key"]

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-]+")
_STRIP = re.compile(r"[\"'„“”‚‘’«»‹›()\[\]{}<>*#|]+")
_SPACE = re.compile(r"\s+")
#: endings of an inflected German adjective (stem + ending): russisch|e|er|en|em|es
ADJ_ENDINGS = ("", "e", "er", "en", "em", "es")
#: words an organisation's acronym skips: German and English articles, prepositions and conjunctions,
#: and the Romance ones that stand inside names of the development corpora (10kGNAD: "de" 38 times
#: between two capitalised words, "di" 4 ("Monte dei Paschi di Siena"), "del" 2 ("Copa del Rey"),
#: "la" 1 ("De la Calle"); "du" only as the German pronoun; the tune texts of both story corpora: none)
FUNCTION_WORDS = frozenset(["der", "die", "das", "des", "dem", "den", "und", "für", "von", "vom", "zur", "zum", "im", "in",
                            "of", "the", "for", "and", "de", "la", "du", "del", "di"])
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_YJ = re.compile(r"[yji]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß])")


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of the corpus while names repeat
def name_key(text: str) -> str:
    """Return the resolution key of a name: NFC, case-folded, hyphens as spaces, no quotes."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "")
    text = re.sub(r"['’]s$", "", text)  # "Trump's"
    text = _STRIP.sub(" ", text)
    text = _DASHES.sub(" ", text)
    text = text.replace(".", " ").replace(",", " ")
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of the corpus while names repeat
def fold_key(key: str) -> str:
    """Return the spelling-blind form of a name key: ASCII transliteration, words of letters and digits.

    "erdoğan" = "erdogan", "kahramanmaraş" = "kahramanmaras", "kazım abacı" = "kazim abaci",
    "straße" = "strasse", "ver.di" = "ver di" (compare with spaces removed for "verdi"); Cyrillic and Greek are transliterated too. German
    umlauts fold to the bare vowel ("müller" = "muller"), so a name typed without its diacritics
    still meets the original.
    """
    return _NON_ALNUM.sub(" ", anyascii(key).casefold()).strip()


#: German letters as ASCII text writes them out ("ß" stays for fold_key, which makes it "ss")
_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}
_UMLAUT_TABLE = str.maketrans(_UMLAUTS)
_SLUG_TABLE = str.maketrans({**_UMLAUTS, "ß": "ss"})
#: shorter names are acronyms, whose letters are their own ("OeNB", the central bank, is not "ÖNB")
_UMLAUT_KEY_MIN = 4


@lru_cache(maxsize=1 << 16)
def umlaut_key(key: str) -> str | None:
    """Return the spelling-blind form of a name key with German umlauts written out as in ASCII text
    ("münchen" = "muenchen", "düsseldorf" = "duesseldorf", "österreich" = "oesterreich"), or None
    for a name of fewer than four letters once folded.

    ``fold_key`` drops the dots ("munchen"), so a name an ASCII-only source wrote with "ue" (a
    dateline "Duesseldorf (Reuters)", "Michael Mueller") does not meet it there. Writing the
    umlaut out instead of folding "ue" to "u" leaves names that have the letters anyway alone
    ("Manuel", "Michael", "Joel").
    """
    if len(fold_key(key).replace(" ", "")) < _UMLAUT_KEY_MIN:
        return None
    return fold_key(key.translate(_UMLAUT_TABLE))


_SLAVIC = (("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"), ("ph", "f"), ("w", "v"))
#: from this length on, German s and English z for the same sound meet too ("Selenskyj" = "Zelensky");
#: shorter names ("Sander" / "Zander") stay apart
_Z_AS_S_MIN = 8


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of the corpus while names repeat
def translit_key(key: str) -> str:
    """Return a key that also ignores the usual variants of transliterating Cyrillic and other names:
    y/j/i ("Selenskyj" = "Selenskij", "Krasnaya" = "Krasnaja"), w/v, ph/f, German and English spellings of
    the same sounds (sch/sh/zh: "Schoigu" = "Shoigu", "Prigoschin" = "Prigozhin"; ch/kh: "Charkiw" =
    "Kharkiv"; tsch/ch; s/z in long names), doubled letters ("Tillmann" = "Tilmann"). Spaces are
    dropped. Only long keys are safe to compare this way (see resolve)."""
    words = []
    for t in fold_key(key).split():
        for old, new in _SLAVIC:
            t = t.replace(old, new)
        t = _DOUBLE.sub(r"\1", _YJ.sub("i", t))
        if len(t) >= _Z_AS_S_MIN and "z" in t:  # per word: "Anna Sander" / "Anna Zander" stay apart
            t = _DOUBLE.sub(r"\1", t.replace("z", "s"))
        words.append(t)
    return _DOUBLE.sub(r"\1", "".join(words))


def role_key(text: str) -> str:
    """Return the key of a role phrase: case-folded, hyphens dropped ("Kreml-Chef" = "Kremlchef")."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = _STRIP.sub(" ", text)
    text = _DASHES.sub("", text)
    return _SPACE.sub(" ", text).strip().casefold()


def genitive_candidates(key: str) -> list[str]:
    """Return keys this key may be a genitive of ("putins" → "putin"; "kremls" → "kreml")."""
    out: list[str] = []
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        out.append(key[:-1])
        if key.endswith("es") and len(key) > 5:
            out.append(key[:-2])
    return out


def split_camel(token: str) -> int:
    """Return the offset where a glued word starts inside ``token`` ("BerlinWladimir" → 6), else 0."""
    m = _CAMEL.search(token)
    return m.start() if m else 0


def slug(text: str) -> str:
    """Return an ASCII-ish slug for ids ("Kim Jong-un" → "kim-jong-un"); keeps letters of any script."""
    key = name_key(text)
    key = key.translate(_SLUG_TABLE)
    key = "".join(ch for ch in unicodedata.normalize("NFKD", key) if not unicodedata.combining(ch))
    key = re.sub(r"[^\w]+", "-", key).strip("-")
    return key or "x"
