"""The search column's lemmatizer: tries built once on disk give simplemma's own lemmas."""

from __future__ import annotations

import pytest
import simplemma

from lagebild import lemmas

WORDS = {
    "en": ["houses", "were", "running", "children", "better", "Mice", "analyses", "zzzqx", "co-operation", "Berlin"],
    "fr": ["chevaux", "étaient", "allées", "yeux", "mangeaient", "Paris", "qqqzz"],
}


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path):  # type: ignore[no-untyped-def]
    """A lemmatizer with its own empty cache folder (and the process-wide one restored after)."""
    monkeypatch.setenv(lemmas.CACHE_ENV, str(tmp_path / "cache"))
    lemmas.clear_caches()
    yield tmp_path / "cache"
    lemmas.clear_caches()


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_same_lemmas_as_simplemma(fresh, lang: str) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("marisa_trie")
    lemmatizer = lemmas.lemmatizer()
    got = [lemmatizer.lemmatize(w, lang) for w in WORDS[lang]]
    assert got == [simplemma.lemmatize(w, lang=lang, greedy=True) for w in WORDS[lang]]
    assert list(fresh.rglob(f"{lang}.dic")), "the trie is kept on disk for the next process"


def test_second_process_maps_the_built_trie(fresh) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("marisa_trie")
    assert lemmas.lemmatizer().lemmatize("houses", "en") == "house"
    built = next(fresh.rglob("en.dic"))
    stamp = built.stat().st_mtime_ns
    lemmas.clear_caches()  # as a new worker would start
    assert lemmas.lemmatizer().lemmatize("children", "en") == "child"
    assert built.stat().st_mtime_ns == stamp, "not built twice"


def test_unwritable_cache_falls_back_to_simplemma(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(lemmas.CACHE_ENV, str(blocker))
    lemmas.clear_caches()
    try:
        assert lemmas.lemmatizer().lemmatize("houses", "en") == simplemma.lemmatize("houses", lang="en", greedy=True)
    finally:
        lemmas.clear_caches()


def test_unsupported_language_raises_like_simplemma(fresh) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        simplemma.lemmatize("word", lang="xx", greedy=True)
    with pytest.raises(ValueError):
        lemmas.lemmatizer().lemmatize("word", "xx")


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_plain_lemmas_and_known_words_as_simplemma(fresh, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The entity stage's lookups (simplemma's defaults: not greedy, ``is_known``) give the same answers."""
    pytest.importorskip("marisa_trie")
    words = WORDS[lang] + [w.upper() for w in WORDS[lang]] + [w.capitalize() for w in WORDS[lang]]
    plain = lemmas.lemmatizer(greedy=False)
    assert [plain.lemmatize(w, lang) for w in words] == [simplemma.lemmatize(w, lang=lang) for w in words]
    assert [lemmas.is_known(w, lang) for w in words] == [simplemma.is_known(w, lang=lang) for w in words]


def test_one_lemmatizer_per_kind_however_asked_for() -> None:
    """Positional, keyword and default arguments share one lemmatizer (and its cache of lemmas): as separate cache
    keys they evicted each other and every call built a new one."""
    greedy = lemmas.lemmatizer()
    plain = lemmas.lemmatizer(greedy=False)
    assert lemmas.lemmatizer(True) is greedy and lemmas.lemmatizer(greedy=True) is greedy
    assert lemmas.lemmatizer(False) is plain and lemmas.lemmatizer() is greedy
    assert plain is not greedy
