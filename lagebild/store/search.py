"""Full-text search helpers shared by the SQLite and PostgreSQL stores.

German inflection must not hide matches ("Soldat" finds "Soldaten", "Russland" finds
"Russlands"), so every document gets a normalised column next to its text: for each word its
lemma (simplemma) and its Snowball stem (PyStemmer, when installed). A query word matches its
own form as a prefix in title and text, or its lemma/stem in that column.

User input is never passed through as query syntax: only word characters survive, each word
is quoted, and the words are joined with AND.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from lagebild.model import Document

__all__ = [
    "HL_END",
    "HL_START",
    "build_fts_row",
    "fts_lemmas",
    "fts_query",
    "lemmatize_words",
    "make_snippet",
    "normalise_words",
    "query_terms",
    "search_filters",
    "tsquery",
]

#: highlight markers around matches in search snippets (control characters never occur in articles)
HL_START = "\x02"
HL_END = "\x03"
MAX_QUERY_WORDS = 20

_WORD = re.compile(r"\w+(?:-\w+)*")
_SNOWBALL = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian",
    "it": "italian", "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sv": "swedish", "tr": "turkish", "ar": "arabic", "el": "greek", "pl": "polish", "uk": "russian",
}


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    from lagebild.store.lemma_dicts import lemmatizer

    try:
        return str(lemmatizer().lemmatize(word, lang))
    except Exception:  # unknown language code: index the word itself
        return word


@lru_cache(maxsize=64)
def _stemmer(lang: str) -> Any:
    try:
        import Stemmer  # PyStemmer (optional, in the ``web`` extra)
    except ImportError:
        return None
    name = _SNOWBALL.get(lang)
    return Stemmer.Stemmer(name) if name else None


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    stemmer = _stemmer(lang)
    return str(stemmer.stemWord(word)) if stemmer is not None else word


def _lang(lang: str | None) -> str:
    lang = (lang or "de").lower()
    return lang if len(lang) == 2 else "de"


def lemmatize_words(text: str, lang: str = "de") -> str:
    """Return the text's words replaced by their lemmas (lower-cased), space-separated."""
    return " ".join(_lemma(w, lang).lower() for w in _WORD.findall(text))


def _norms(word: str, lang: str) -> list[str]:
    """The lemma and the stem of one word (lower case, hyphens removed), without repeats."""
    lemma = _lemma(word, lang).lower().replace("-", "")
    stem = _stem(word.lower().replace("-", ""), lang)
    return [lemma] if stem == lemma else [lemma, stem]


@lru_cache(maxsize=200_000)
def _norms_text(word: str, lang: str) -> str:
    return " ".join(_norms(word, lang))


def normalise_words(text: str, lang: str = "de") -> str:
    """Return lemma and stem of every word of ``text``: the inflection-free search column."""
    lang = _lang(lang)
    return " ".join([_norms_text(w, lang) for w in _WORD.findall(text)])


def build_fts_row(doc: Document, lemmas: str | None = None) -> tuple[str, str, str, str]:
    """Return ``(doc id, title, body, normalised words)`` for the full-text index.

    ``lemmas``: ``fts_lemmas(doc)`` when already computed (e.g. in the process that analysed the document).
    """
    return (doc.id, doc.meta.title or "", doc.text or doc.original, fts_lemmas(doc) if lemmas is None else lemmas)


def fts_lemmas(doc: Document) -> str:
    """Return the normalised words of title and text: the search column of ``build_fts_row``."""
    return normalise_words(f"{doc.meta.title or ''}\n{doc.text or doc.original}", _lang(doc.meta.language))


def query_terms(user_query: str, langs: tuple[str, ...] = ("de", "en")) -> list[tuple[str, list[str]]]:
    """Split free input into words; each comes with the lemmas/stems it may match (first 20 words)."""
    terms = []
    for word in _WORD.findall(user_query)[:MAX_QUERY_WORDS]:
        norms: list[str] = []
        for lang in langs:
            norms.extend(n for n in _norms(word, lang) if n and n not in norms)
        terms.append((word, norms))
    return terms


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(user_query: str, lang: str = "de") -> str:
    """Turn free user input into a safe FTS5 query: every word matches its form, lemma or stem.

    User text is never passed as FTS syntax (quotes, NEAR, column filters are neutralised).
    """
    langs = (lang, "en") if lang != "en" else ("en",)
    parts = []
    for word, norms in query_terms(user_query, langs):
        # The word and (for stems of 4+ letters) its stem also match as prefixes of the text, which
        # finds compounds and inflected forms there and lets the snippet highlight them.
        prefixes = [word] + [n for n in norms if len(n) >= 4 and not n.startswith(word.lower())]
        alts = [f"{{title body}}: {_fts_string(p)}*" for p in prefixes] + [f"lemmas: {_fts_string(n)}" for n in norms]
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def _ts_lexeme(text: str) -> str:
    # ``simple`` config lower-cases and splits on non-word characters: keep only word characters.
    return re.sub(r"[^\w]", "", text.lower())


def tsquery(user_query: str, lang: str = "de") -> str:
    """Turn free user input into a safe PostgreSQL ``to_tsquery('simple', …)`` string (same semantics)."""
    langs = (lang, "en") if lang != "en" else ("en",)
    parts = []
    for word, norms in query_terms(user_query, langs):
        pieces = [p for p in (_ts_lexeme(p) for p in word.split("-")) if p]
        form = " & ".join(f"{p}:*" for p in pieces)
        options = [f"({form})"] if form else []
        options += [f"{_ts_lexeme(n)}:*" if len(_ts_lexeme(n)) >= 4 else _ts_lexeme(n) for n in norms if _ts_lexeme(n)]
        if options:
            parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts)


def search_filters(filters: dict[str, Any], *, doc_col: str, placeholder: str = "?") -> tuple[list[str], list[Any]]:
    """Return SQL ``AND …`` clauses and parameters for the search filters (both stores use them)."""
    p = placeholder
    sql: list[str] = []
    params: list[Any] = []
    if filters.get("outlet"):
        sql.append(f"AND d.outlet = {p}")
        params.append(str(filters["outlet"]))
    if filters.get("date_from"):
        sql.append(f"AND d.published >= {p}")
        params.append(str(filters["date_from"]))
    if filters.get("date_to"):
        # "2024-11" includes every day of November: compare only as many characters as given.
        value = str(filters["date_to"])
        sql.append(f"AND substr(d.published, 1, {len(value)}) <= {p}")
        params.append(value)
    if filters.get("entity"):
        sql.append(f"AND {doc_col} IN (SELECT doc_id FROM mentions WHERE entity_id = {p})")
        params.append(str(filters["entity"]))
    if filters.get("docs") is not None:
        ids = [str(d) for d in filters["docs"]]
        if not ids:
            sql.append("AND 1 = 0")
        else:
            sql.append(f"AND {doc_col} IN ({', '.join([p] * len(ids))})")
            params.extend(ids)
    return sql, params


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def make_snippet(text: str, user_query: str, *, before: int = 10, after: int = 24, scan_chars: int = 300_000) -> str:
    """Return a short excerpt around the first match of the query, matches wrapped in ``HL_START``/``HL_END``.

    Linear in the text (the database snippet functions are quadratic when a long text matches
    everywhere). A token matches a query word when it starts with the word or its stem, or
    shares its lemma/stem.
    """
    text = text.replace(HL_START, " ").replace(HL_END, " ")  # the markers must stay unambiguous
    terms = query_terms(user_query)
    prefixes = {_fold(w) for w, _ in terms} | {_fold(n) for _, norms in terms for n in norms if len(n) >= 4}
    norms_wanted = {_fold(n) for _, norms in terms for n in norms}
    tokens = list(_WORD.finditer(text[:scan_chars]))

    def hit(token: str) -> bool:
        folded = _fold(token)
        if any(folded.startswith(p) for p in prefixes if p):
            return True
        return any(_fold(n) in norms_wanted for n in _norms(token, "de"))

    first = next((i for i, m in enumerate(tokens) if hit(m.group())), None)
    if not tokens:
        return text[:200]
    lo = max(0, (first or 0) - before)
    hi = min(len(tokens), (first or 0) + after)
    out: list[str] = ["… "] if lo > 0 else []
    pos = tokens[lo].start()
    for m in tokens[lo:hi]:
        out.append(text[pos : m.start()])
        out.append(f"{HL_START}{m.group()}{HL_END}" if first is not None and hit(m.group()) else m.group())
        pos = m.end()
    out.append(" …" if hi < len(tokens) or len(text) > scan_chars else text[pos:])
    return "".join(out).replace("\n", " ")
