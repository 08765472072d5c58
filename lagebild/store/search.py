"""Full-text search helpers: a lemma column so German inflection does not hide matches."""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.model import Document

__all__ = ["build_fts_row", "fts_query", "lemmatize_words"]

_WORD = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    import simplemma

    try:
        return str(simplemma.lemmatize(word, lang=lang))
    except Exception:  # unknown language code: index the word itself
        return word


def lemmatize_words(text: str, lang: str = "de") -> str:
    """Return the text's words replaced by their lemmas (lower-cased), space-separated."""
    return " ".join(_lemma(w, lang).lower() for w in _WORD.findall(text))


def build_fts_row(doc: Document) -> tuple[str, str, str, str]:
    lang = doc.meta.language or "de"
    body = doc.text or doc.original
    return (doc.id, doc.meta.title or "", body, lemmatize_words(body, lang if len(lang) == 2 else "de"))


def fts_query(user_query: str, lang: str = "de") -> str:
    """Turn free user input into a safe FTS5 query: every word matches its form or its lemma.

    User text is never passed as FTS syntax (quotes, NEAR, column filters are neutralised).
    """
    words = _WORD.findall(user_query)
    parts = []
    for word in words[:20]:
        lemma = _lemma(word, lang).lower()
        quoted_word = '"' + word.replace('"', "") + '"'
        quoted_lemma = '"' + lemma.replace('"', "") + '"'
        parts.append(f"({{title body}}: {quoted_word}* OR lemmas: {quoted_lemma})")
    return " AND ".join(parts)
