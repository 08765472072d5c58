"""Build ``lagebild/data/speech/konjunktiv1.txt`` from simplemma's German dictionary (run once).

A lower-case word ending in "-e" whose lemma is the word plus "n" (or "-ere"/"-le" → "-ern"/"-eln")
is a Konjunktiv I (or 1st person) verb form: "gehe" → "gehen", "liefere" → "liefern".
Precomputing the list keeps the 1-million-entry dictionary out of the pipeline's workers.

Usage: python -m lagebild.speech.build_lexicon
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "speech" / "konjunktiv1.txt"


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


if __name__ == "__main__":
    main()
