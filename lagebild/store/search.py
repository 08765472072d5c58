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
    "query_parts",
    "query_terms",
    "search_filters",
    "tsquery",
]

#: highlight markers around matches in search snippets (control characters never occur in articles)
HL_START = "\x02"
HL_END = "\x03"
MAX_QUERY_WORDS = 20

_WORD = re.compile(r"\w+(?:-\w+)*")
_PIECE = re.compile(r"\w+")
_SNOWBALL = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian",
    "it": "italian", "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sv": "swedish", "tr": "turkish", "ar": "arabic", "el": "greek", "pl": "polish", "uk": "russian",
}


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    from lagebild.lemmas import lemmatizer

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


#: words this short match only themselves (no prefix, no stem): "Un" must not find "und" or "Universität"
SHORT_WORD = 3
_PHRASE = re.compile(r'["„“”»«]([^"„“”»«]+)["„“”»«]')


def is_short(word: str) -> bool:
    return len(word) <= SHORT_WORD


def query_parts(user_query: str) -> list[list[str]]:
    """Split input into terms: a quoted phrase is one term of several words, any other word a term of one.

    At most ``MAX_QUERY_WORDS`` words in all; quotes without a partner count as spaces.
    """
    out: list[list[str]] = []
    pos = 0
    for m in _PHRASE.finditer(user_query):
        out.extend([w] for w in _WORD.findall(user_query[pos : m.start()]))
        words = _WORD.findall(m.group(1))
        if words:
            out.append(words)
        pos = m.end()
    out.extend([w] for w in _WORD.findall(user_query[pos:]))
    kept: list[list[str]] = []
    budget = MAX_QUERY_WORDS
    for term in out:
        if budget <= 0:
            break
        kept.append(term[:budget])
        budget -= len(term)
    return kept


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
    for term in query_parts(user_query):
        if len(term) > 1:
            # A phrase: the words in this order in title or text; a long last word may be inflected.
            star = "" if is_short(term[-1]) else " *"
            parts.append(f"({{title body}}: {_fts_string(' '.join(term))}{star})")
            continue
        word = term[0]
        norms = _word_norms(word, langs)
        if is_short(word):
            # Short words match only themselves: "Un" must not find "und" or "Universität".
            parts.append(f"({{title body}}: {_fts_string(word)} OR lemmas: {_fts_string(word.lower())})")
            continue
        # The word and (for stems of 4+ letters) its stem also match as prefixes of the text, which
        # finds compounds and inflected forms there and lets the snippet highlight them.
        prefixes = [word] + [n for n in norms if len(n) >= 4 and not n.startswith(word.lower())]
        alts = [f"{{title body}}: {_fts_string(p)}*" for p in prefixes] + [f"lemmas: {_fts_string(n)}" for n in norms]
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def _word_norms(word: str, langs: tuple[str, ...]) -> list[str]:
    norms: list[str] = []
    for lang in langs:
        norms.extend(n for n in _norms(word, lang) if n and n not in norms)
    return norms


def _ts_lexeme(text: str) -> str:
    # ``simple`` config lower-cases and splits on non-word characters: keep only word characters.
    return re.sub(r"[^\w]", "", text.lower())


def tsquery(user_query: str, lang: str = "de") -> str:
    """Turn free user input into a safe PostgreSQL ``to_tsquery('simple', …)`` string (same semantics)."""
    langs = (lang, "en") if lang != "en" else ("en",)
    parts = []
    for term in query_parts(user_query):
        if len(term) > 1:
            lexemes = [x for w in term for x in (_ts_lexeme(p) for p in w.split("-")) if x]
            if lexemes:
                last = lexemes[-1] + ("" if is_short(lexemes[-1]) else ":*")
                parts.append("(" + " <-> ".join([*lexemes[:-1], last]) + ")")
            continue
        word = term[0]
        norms = _word_norms(word, langs)
        pieces = [p for p in (_ts_lexeme(p) for p in word.split("-")) if p]
        form = " & ".join(p if is_short(p) else f"{p}:*" for p in pieces)
        options = [f"({form})"] if form else []
        if not is_short(word):
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
    """Return a short excerpt around the rarest matched term of the query, matches wrapped in ``HL_START``/``HL_END``.

    Linear in the text (the database snippet functions are quadratic when a long text matches
    everywhere). A token matches a query word when it starts with the word or its stem, or shares
    its lemma/stem; a word of up to ``SHORT_WORD`` letters matches only itself. A quoted phrase
    matches where its words stand in a row. The excerpt is centred on the first place of the term
    that occurs least often in the text, so "Kim Jong Un" shows the name, not the first "Kim".
    """
    text = text.replace(HL_START, " ").replace(HL_END, " ")  # the markers must stay unambiguous
    tokens = list(_PIECE.finditer(text[:scan_chars]))  # hyphenated words in pieces: "Kim Jong-un" has the phrase "Kim Jong Un"
    if not tokens:
        return text[:200]
    folded = [_fold(m.group()) for m in tokens]
    langs = ("de", "en")
    hits: set[int] = set()
    places: list[list[int]] = []
    for term in query_parts(user_query):
        pieces = [p for w in term for p in w.split("-") if p]
        if len(pieces) > 1:
            words = [_fold(w) for w in pieces]
            n = len(words)
            found = []
            for i in range(len(tokens) - n + 1):
                if all(folded[i + k] == words[k] or (k == n - 1 and not is_short(words[k]) and folded[i + k].startswith(words[k]))
                       for k in range(n)):
                    found.append(i)
                    hits.update(range(i, i + n))
            places.append(found)
            continue
        word = term[0]
        fw = _fold(word)
        if is_short(word):
            found = [i for i, f in enumerate(folded) if f == fw]
        else:
            norms = {_fold(x) for x in _word_norms(word, langs)}
            prefixes = {fw} | {x for x in norms if len(x) >= 4}
            found = [i for i, f in enumerate(folded)
                     if any(f.startswith(p) for p in prefixes) or any(_fold(x) in norms for x in _norms(tokens[i].group(), "de"))]
        hits.update(found)
        places.append(found)
    matched = [p for p in places if p]
    first = min(matched, key=len)[0] if matched else None
    lo = max(0, (first or 0) - before)
    hi = min(len(tokens), (first or 0) + after)
    out: list[str] = ["… "] if lo > 0 else []
    pos = tokens[lo].start()
    for i in range(lo, hi):
        m = tokens[i]
        out.append(text[pos : m.start()])
        out.append(f"{HL_START}{m.group()}{HL_END}" if i in hits else m.group())
        pos = m.end()
    out.append(" …" if hi < len(tokens) or len(text) > scan_chars else text[pos:])
    return "".join(out).replace("\n", " ")
