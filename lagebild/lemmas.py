"""simplemma's dictionaries as memory-mapped tries, built once per machine and shared by processes.

simplemma decodes a language's whole dictionary into a Python dict the first time a process
looks up a word of that language (German: 1.1 M entries, 1.4 s and ~100 MB per process).
Every worker of every run pays that again for every language it meets, which dominated the
time of multilingual runs. Here each dictionary is turned once into a MARISA trie on disk
(``marisa-trie``, the backend simplemma offers for this); a process then maps the file (no
decoding, pages shared between processes) and looks words up with the same result.

Without ``marisa-trie`` or without a writable cache folder the shipped decoder is used.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["cache_dir", "cache_root", "clear_caches", "is_known", "lemmatizer"]

#: Environment variable naming the cache folder (default: the user's cache folder).
CACHE_ENV = "LAGEBILD_CACHE_DIR"


def cache_root() -> Path:
    """lagebild's cache folder on this machine (``LAGEBILD_CACHE_DIR``, else the user's cache folder)."""
    root = os.environ.get(CACHE_ENV)
    if not root:
        try:
            from platformdirs import user_cache_dir

            root = user_cache_dir("lagebild")
        except ImportError:
            root = str(Path.home() / ".cache" / "lagebild")
    return Path(root)


def cache_dir() -> Path:
    """Folder of the built tries, per simplemma version (its dictionaries change with it)."""
    from simplemma.__metadata__ import __version__ as simplemma_version

    return cache_root() / "simplemma-tries" / simplemma_version


def _trie_factory() -> Any:
    """A simplemma dictionary factory that keeps every language as a mapped trie file."""
    import fcntl

    from marisa_trie import BytesTrie  # type: ignore[import-not-found,unused-ignore]
    from simplemma.strategies.dictionaries.dictionary_factory import (
        DEFAULT_DICTIONARY_FACTORY,
        SUPPORTED_LANGUAGES,
        CachingDictionaryFactory,
        _load_dictionary_from_disk,
    )
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieWrapDict

    class MappedTrieFactory(CachingDictionaryFactory):  # type: ignore[misc]
        def __init__(self, folder: Path) -> None:
            super().__init__(cache_max_size=len(SUPPORTED_LANGUAGES) + 1)  # mapped: keeping all is cheap
            self.folder = folder

        def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
            if lang not in SUPPORTED_LANGUAGES:
                raise ValueError(f"Unsupported language: {lang}")
            path = self.folder / f"{lang}.dic"
            try:
                if not path.exists():
                    self._build(lang, path)
                return TrieWrapDict(BytesTrie().mmap(str(path)))  # type: ignore[no-any-return]
            except Exception as exc:
                log.warning("simplemma trie for %s unavailable (%s); decoding the dictionary instead", lang, exc)
                return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)  # type: ignore[no-any-return]

        def _build(self, lang: str, path: Path) -> None:
            # Several workers may meet a new language at once: one builds, the others wait for it.
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder / f"{lang}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if path.exists():
                    return
                raw = _load_dictionary_from_disk(lang)
                trie = BytesTrie((k.decode(), v) for k, v in raw.items())
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                trie.save(str(tmp))
                tmp.replace(path)  # readers never see a half-written file

    return MappedTrieFactory(cache_dir())


@lru_cache(maxsize=1)
def _factory() -> Any:
    """The mapped-trie factory every lookup of this process shares, or None (simplemma's own decoder)."""
    try:
        return _trie_factory()
    except ImportError:
        log.info("marisa-trie not installed: simplemma decodes each dictionary in every process")
        return None


def lemmatizer(greedy: bool = True) -> Any:
    """A simplemma lemmatizer on the mapped dictionaries: same lemmas as ``simplemma.lemmatize(…, greedy=greedy)``.

    The search column uses the greedy one; ``greedy=False`` is simplemma's default.
    """
    # one cache key per kind: ``lemmatizer()``, ``lemmatizer(True)`` and ``lemmatizer(greedy=True)`` are three keys
    # to ``lru_cache``; with three spellings in use they evicted each other, and each new lemmatizer started with an
    # empty cache of lemmas (~1,500 lemmatizers built for 1,000 articles)
    return _lemmatizer(bool(greedy))


@lru_cache(maxsize=2)
def _lemmatizer(greedy: bool) -> Any:
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=greedy, dictionary_factory=_factory()))


@lru_cache(maxsize=1)
def _lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy

    factory = _factory()
    return DictionaryLookupStrategy(factory) if factory is not None else DictionaryLookupStrategy()


def is_known(token: str, lang: str) -> bool:
    """``simplemma.is_known(token, lang)`` on the mapped dictionaries."""
    from simplemma.utils import normalize_token

    return _lookup().get_lemma(normalize_token(token), lang) is not None


def clear_caches() -> None:
    """Forget this process's factory and lemmatizers (the next lookup reads ``cache_dir()`` again)."""
    for cached in (_factory, _lemmatizer, _lookup):
        cached.cache_clear()
