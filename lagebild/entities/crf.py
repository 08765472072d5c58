"""A linear-chain CRF tagger for German NER (python-crfsuite) over cheap, cached word features.

Each token is described by strings: its lower-cased form, shape, prefixes and suffixes, the parts
of a hyphenated compound, sentence position, cluster ids of its word vector at four
granularities and gazetteer hits, plus the form, shape, clusters and gazetteer hits of its
neighbours (±2). Everything a word contributes depends on the word alone, so its scores are
computed once per word form; tagging adds them up per token and searches the best tag sequence
for a batch of sentences at once, with crfsuite's results (``crf_decode``; python-crfsuite
trains the model). The word clusters and gazetteer words come from a lexicon file next to the model
(``lagebild.training.ner_crf`` builds both).
"""

from __future__ import annotations

import functools
import gzip
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from lagebild.entities.model import CRF_DIR
from lagebild.errors import LagebildError

log = logging.getLogger(__name__)

__all__ = ["CRF_DIR", "CrfTagger", "Featuriser", "load_crf", "read_lexicon", "recognise_crf", "shape", "split_coordinated"]

MODEL_FILE = "model.crfsuite"
LEXICON_FILE = "lexicon.tsv.gz"

# Past this many cached word forms the cache starts afresh, so memory stays flat in corpus size
# (a cached word holds ~50 feature strings, about 1.9 kB: 30,000 words are ~60 MB).
_MAX_CACHE = 30_000
#: sentences ``recognise_crf`` tokenises and tags together
DECODE_BATCH = 256
#: tagged at load by both decoders: the NumPy one is used only if its tags equal crfsuite's here
#: (names, a place, an organisation, a compound, one word; it reads crfsuite's internal file layout)
_PROBE = ("Die Bürgermeisterin Petra Albers eröffnete am Montag in Lüneburg das neue Hallenbad .",
          "Nach Angaben der Deutschen Bahn fielen zwischen Hannover und Göttingen mehrere ICE-Züge aus .",
          "Hallo")


def shape(word: str) -> str:
    """Character classes with runs collapsed: "Berlin" -> "Xx", "G7-Gipfel" -> "Xd-Xx"."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def read_lexicon(path: Path) -> dict[str, str]:
    """Lower-cased word -> its lexicon feature strings (cluster ids ``k0=…``, gazetteer hits ``g=…``),
    kept tab-joined (one string per word, a third of the memory of a tuple of strings)."""
    lex: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, feats = line.rstrip("\n").partition("\t")
            if word and feats:
                lex[word] = feats
    return lex


class Featuriser:
    """Feature strings per token of a tokenised sentence."""

    def __init__(self, lexicon: dict[str, str]) -> None:
        self.lexicon = lexicon
        self._cache: dict[str, tuple[list[str], ...]] = {}

    def _lex(self, lower: str) -> list[str]:
        return self.lexicon.get(lower, "k=none").split("\t")

    def _word(self, w: str) -> tuple[list[str], ...]:
        """(own features, as left neighbour at -1, -2, as right neighbour at +1, +2)."""
        lower = w.lower()
        sh = shape(w)
        lex = self._lex(lower)
        own = [f"w={lower}", f"sh={sh}", f"p2={lower[:2]}", f"p3={lower[:3]}", f"p4={lower[:4]}",
               f"s2={lower[-2:]}", f"s3={lower[-3:]}", f"s4={lower[-4:]}", f"s5={lower[-5:]}", *lex]
        if len(w) == 1 or len(w) > 14:
            own.append("len1" if len(w) == 1 else "long")
        if "-" in w.strip("-"):
            parts = lower.strip("-").split("-")
            own += [f"hf={parts[0]}", f"hl={parts[-1]}", *(f"h{f}" for f in self._lex(parts[0]))]
        if w[:1].isupper() and lower in self.lexicon and w != w.upper():
            own.append("cap_known")
        near = [f"w={lower}", f"sh={sh}", *lex]
        far = [f"w={lower}", f"sh={sh}"]
        return (own, [f"-1{f}" for f in near], [f"-2{f}" for f in far],
                [f"+1{f}" for f in near], [f"+2{f}" for f in far])

    def word(self, w: str) -> tuple[list[str], ...]:
        got = self._cache.get(w)
        if got is None:
            if len(self._cache) > _MAX_CACHE:
                self._cache.clear()
            got = self._cache[w] = self._word(w)
        return got

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        words = [self.word(t) for t in tokens]
        n = len(words)
        out: list[list[str]] = []
        for i, own in enumerate(words):
            feats = own[0] + ["bias"]
            feats += words[i - 1][1] if i >= 1 else ["-1BOS"]
            if i >= 2:
                feats += words[i - 2][2]
            feats += words[i + 1][3] if i + 1 < n else ["+1EOS"]
            if i + 2 < n:
                feats += words[i + 2][4]
            out.append(feats)
        return out


class CrfTagger:
    """A trained crfsuite model and its featuriser; ``tag`` returns IOB2 tags.

    Decoding is ``crf_decode.CrfDecoder``'s: crfsuite's results from word scores computed once per
    word form, for a batch of sentences at a time (``tag_many``). That decoder reads crfsuite's
    internal file layout; a model file it cannot read, or whose probe tags differ from crfsuite's,
    is tagged by crfsuite itself (the same tags, about twice the CPU), with a warning."""

    def __init__(self, directory: Path) -> None:
        model, lexicon = directory / MODEL_FILE, directory / LEXICON_FILE
        if not model.exists() or not lexicon.exists():
            raise LagebildError(f"CRF NER model not found at {directory}; train it with `make train-ner-crf`")
        self.featuriser = Featuriser(read_lexicon(lexicon))
        self._decode = self._decoder(model)

    def _decoder(self, model: Path) -> Callable[[Sequence[Sequence[str]]], list[list[str]]]:
        import pycrfsuite

        from lagebild.entities.crf_decode import CrfDecoder

        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(model))
        except (OSError, ValueError) as exc:
            raise LagebildError(f"unreadable CRF NER model {model}: {exc}") from exc

        def by_crfsuite(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
            return [list(tagger.tag(self.featuriser.sentence(s))) if s else [] for s in sentences]

        probe = [s.split() for s in _PROBE]
        try:
            decoder = CrfDecoder(model, self.featuriser._word)
            if decoder.tag(probe) == by_crfsuite(probe):
                tagger.close()
                return decoder.tag
            reason = "its probe tags differ from crfsuite's"
        except ValueError as exc:
            reason = str(exc)
        log.warning("%s: the NumPy decoder cannot read this model (%s); tagging with crfsuite", model, reason)
        return by_crfsuite

    def tag(self, tokens: Sequence[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The tags of every sentence (the same as ``tag`` of each; cheaper per sentence in a batch)."""
        return self._decode(sentences)


_JOINERS = frozenset({"und", "oder", "sowie"})
_ORG_TAGS = frozenset({"g=org", "g=org_part"})


def split_coordinated(tokens: Sequence[str], spans: list[tuple[int, int, str]],
                      lexicon: dict[str, str]) -> list[tuple[int, int, str]]:
    """Split an organisation span "A und B" whose two words are each an organisation's name (or
    part of one) in the lexicon into two spans.

    The CRF sometimes joins two parties listed with "und" into one ("Grüne und Linke kamen auf …");
    names that are one organisation ("Bund für Umwelt und Naturschutz") keep their span, as their
    words are no organisation names of their own.
    """
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if (label == "ORG" and end - start == 3 and tokens[start + 1] in _JOINERS
                and all(_ORG_TAGS & set(lexicon.get(tokens[i].lower(), "").split("\t")) for i in (start, end - 1))):
            out += [(start, start + 1, label), (end - 1, end, label)]
        else:
            out.append((start, end, label))
    return out


@functools.lru_cache(maxsize=2)
def load_crf(path: str | None = None) -> CrfTagger:
    """The CRF tagger at ``path`` (default: the committed ``models/ner-crf``), loaded once per process."""
    return CrfTagger(Path(path) if path else CRF_DIR)


def recognise_crf(nlp: Any, items: Iterable[Any], batch_size: int = 64, tagger: CrfTagger | None = None) -> Iterator[Any]:
    """Yield a spaCy Doc with ``ents`` for every text (or pre-tokenised Doc) in ``items``.

    ``batch_size`` is accepted for the signature ``recognise`` shares with the spaCy taggers and
    not used: the CRF decodes ``DECODE_BATCH`` sentences at a time (each tagged as alone), so it
    reads up to that many items ahead of the Doc it yields (every caller consumes a finite list).
    ``nlp`` only tokenises. Whitespace tokens (spaCy keeps runs of spaces and line breaks) are
    left out of the sequence the CRF reads, as in its training text, and never start an entity.
    """
    from spacy.tokens import Span

    from lagebild.entities.tagging import tags_to_spans

    crf = tagger or load_crf()
    it = iter(items)
    while batch := list(islice(it, DECODE_BATCH)):  # sentences decoded together (``CrfTagger.tag_many``)
        docs = [nlp.make_doc(x) if isinstance(x, str) else x for x in batch]
        kept = [[t.i for t in doc if not t.is_space] for doc in docs]
        sentences = [[doc[i].text for i in keep] for doc, keep in zip(docs, kept, strict=True)]
        for doc, keep, words, tags in zip(docs, kept, sentences, crf.tag_many(sentences), strict=True):
            spans = split_coordinated(words, tags_to_spans(tags), crf.featuriser.lexicon)
            doc.ents = [Span(doc, keep[s], keep[e - 1] + 1, label=lab) for s, e, lab in spans]
            yield doc
