"""Build ``lagebild/data/speech/konjunktiv1.txt`` and ``adverb_adjectives.txt`` from simplemma's German dictionary (run once).

A lower-case word ending in "-e" whose lemma is the word plus "n" (or "-ere"/"-le" → "-ern"/"-eln")
is a Konjunktiv I (or 1st person) verb form: "gehe" → "gehen", "liefere" → "liefern".
An adjective is a lemma whose "-e" and "-en" forms map to it ("ähnliche", "ähnlichen" → "ähnlich");
a name ("Ludwig", "König") has no such forms. Precomputing the lists keeps the 1-million-entry
dictionary out of the pipeline's workers.

Usage: python -m lagebild.speech.build_lexicon
"""

from __future__ import annotations

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "speech"
OUT = DATA / "konjunktiv1.txt"
ADVERBS_OUT = DATA / "adverb_adjectives.txt"


def main() -> None:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    mapping = DefaultDictionaryFactory().get_dictionary("de")
    forms = set()
    for word, lemma in mapping.items():
        if (word.endswith("e") and word.islower() and len(word) >= 4 and word.isalpha()
                and lemma in (word + "n", word[:-1] + "n", word[:-2] + "eln") and lemma != word):
            forms.add(word)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(sorted(forms)) + "\n", "utf-8")
    print(f"{len(forms)} forms -> {OUT}")
    words = tomllib.loads((DATA / "words.toml").read_text("utf-8"))
    endings = tuple(words["adverb_endings"])
    only = tuple(words["adverb_only_endings"])
    adverbs = set()
    for word, lemma in mapping.items():
        if not (lemma.islower() and lemma.isalpha()):
            continue
        inflected = lemma.endswith(endings) and word == lemma + "en" and mapping.get(lemma + "e") == lemma
        if inflected or (lemma.endswith(only) and word == lemma and lemma not in only):
            adverbs.add(lemma)
    ADVERBS_OUT.write_text("\n".join(sorted(adverbs)) + "\n", "utf-8")
    print(f"{len(adverbs)} adverbs -> {ADVERBS_OUT}")


if __name__ == "__main__":
    main()
