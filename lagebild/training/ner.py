"""Train the shipped German NER model (spaCy 3.8, CPU) from openly licensed data.

Usage (one command, also ``make train-ner``; 30–40 minutes on one idle core)::

    python -m lagebild.training.ner [--data ../shared/data] [--max-steps 6000] [--out build/ner-train] [--arch tagger|parser]
    python -m lagebild.training.ner --install-only build/ner-train/model/model-best   # copy a checkpoint in

Training data (CC BY 4.0 only, so the committed model carries no NC terms): the GermEval 2014
*train* split (outer level, all 12 GermEval labels incl. ``deriv``/``part``). ``--extra
smartdata`` adds 3,751 sentences of SmartData v1 *train* news and RSS items whose gold
PER/LOC/ORG spans are completed by the accurate mode's labels (``lagebild.training.ner_silver``;
needs ``lagebild[accurate]`` once, then cached in OUT); measured, not adopted (see
benchmarks/README.md, "Default NER model: SmartData sentences"). ``--extra 10kgnad --silver N``
adds N 10kGNAD news sentences labelled by the accurate mode alone (distillation; 10kGNAD is CC BY-NC-SA
4.0, so not for the shipped model). ``--init-from MODEL`` continues training an installed pipeline
(use a lower ``--learn-rate``), which costs minutes instead of the from-scratch half hour
(benchmarks/README.md, "Default NER model: distillation by continued training"). The encoder is a
hash-embedding CNN (NORM/PREFIX/SUFFIX/SHAPE, i.e. word and character features) plus 64-dim
static word vectors trained here by PPMI+SVD on the GermEval train and LER texts (both CC BY),
one row per lower-cased word; every spelling of the training text is keyed to its lower-cased
word's row (spaCy looks a saved table up by the form as written), also in the table of a
pipeline given to ``--init-from``.
``--teacher-features N`` appends 32 columns to those vectors: per word, the accurate tagger's
entity-type distribution and a PCA summary of its e5 states, averaged over N GermEval train
sentences its head was not trained on (``lagebild.training.teacher_features``); ``--gazetteer``
appends four place-name columns (``lagebild.training.gazetteer``) and gives rare place names
rows of their own. Both work from scratch and with ``--init-from`` (measured, see
benchmarks/README.md, "Default NER model: teacher features in the word vectors" and "… from
scratch with teacher features and a gazetteer").
``--static-vectors e5`` replaces the PPMI vectors by multilingual-e5-small's sub-word input
embeddings (``lagebild.training.e5_static``: mean of a word's sentence pieces, PCA to
``--e5-dims``), one row per word form of the training text, keyed as written; ``ppmi+e5`` puts
both side by side. Needs ``lagebild[accurate]`` at training time only (measured, not adopted:
benchmarks/README.md, "Default NER model: static vectors from e5's input embeddings").
The default head is a softmax over BILUO tags (decoded by ``lagebild.entities.tagging``): on the
GermEval dev file it scored as well as spaCy's transition-based NER head (``--arch parser``,
F1 0.682 vs 0.672) at about twice the speed.
1,000 train sentences are kept aside to choose the best checkpoint, so the official *dev* file is never seen during
training or model selection and can be reported honestly with ``lagebild eval ner``.
The best checkpoint is copied to ``lagebild/models/ner-de``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from lagebild.entities.model import TRAINING_SCORER
from lagebild.evaluation import shared_data_dir
from lagebild.evaluation.ner import read_germeval
from lagebild.training.vectors import key_as_written

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "lagebild" / "models" / "ner-de"
DEFAULT_DATA = shared_data_dir()
GERMEVAL_TRAIN = "germeval2014_ner/NER-de-train.normalized.tsv.gz"
HELD_ASIDE = 1000  # train sentences used only to pick the best checkpoint
GAZETTEER_ROWS = 15000  # new vector rows for place names the vector text lacks (~6 MB)

CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "de"
pipeline = ["tok2vec", "@COMPONENT@"]
batch_size = 256
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = @ROWS@
include_static_vectors = true

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = @WIDTH@
depth = @DEPTH@
window_size = 1
maxout_pieces = @MAXOUT@

@HEAD@
[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = null
dropout = 0.15
accumulate_gradient = 1
patience = 2400
max_epochs = 0
max_steps = 40000
eval_frequency = 400
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 1e-08
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
tag_acc = null
pos_acc = null

[pretraining]

[initialize]
vectors = ${paths.vectors}
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


HEADS = {
    "tagger": """
[components.tagger]
factory = "tagger"
label_smoothing = 0.0

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[components.tagger.scorer]
@scorers = "lagebild.ner_tag_scorer.v1"

""",
    "parser": """
[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100
incorrect_spans_key = null

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[components.ner.scorer]
@scorers = "spacy.ner_scorer.v1"

""",
}


MODEL_NOTE = """
German NER tagger for lagebild (GermEval 2014 labels: PER LOC ORG OTH + deriv/part), trained with
spaCy on the GermEval 2014 train split (CC BY 4.0, Benikova et al. 2014) and SmartData v1 train news
(CC BY 4.0, Schiersch et al. 2018, gold + accurate-mode labels); word vectors trained on
the GermEval train and LER (CC BY 4.0, Leitner et al. 2019/2020) texts.
"""

MODEL_README = """# ner-de: the German NER tagger shipped with lagebild

Trained by `python -m lagebild.training.ner` (or `make train-ner`) from the data in `../shared/data`.
Do not edit by hand: retrain and commit the result.

- Engine: spaCy 3.8 (CPU), hash-embedding CNN over word, prefix, suffix and shape features,
  plus 64-dimensional word vectors trained here (PPMI + SVD). The default head is a softmax
  over BILUO entity tags (component `tagger`), decoded into well-formed spans by a constrained
  Viterbi search in `lagebild.entities.tagging`; `--arch parser` trains spaCy's transition-based
  NER instead (about half as fast at run time).
- Labels: GermEval 2014 outer level: PER, LOC, ORG, OTH, each also with `deriv` ("deutsche") and
  `part` ("Troia-Ausstellung"). The stage `entities.ner.v1` maps OTH to MISC.
- Training data: GermEval 2014 **train** (24,000 sentences; 1,000 of them held aside to pick the
  best checkpoint). The official **dev** file was used for nothing but the reported evaluation.
  The shipped weights were then trained further (`--init-from lagebild/models/ner-de --extra
  smartdata --max-steps 2000 --learn-rate 0.0005 --seed 1`) on the same sentences plus 3,751
  SmartData v1 *train* news and RSS sentences (gold PER/LOC/ORG completed by the accurate
  mode's labels), checkpoint again chosen on the held-aside sentences.
- Licence of the data behind this model: CC BY 4.0 (GermEval 2014, SmartData: Schiersch et al.,
  *A German Corpus for Fine-Grained Named Entity Recognition and Relation Extraction of Traffic
  and Industry Events*, LREC 2018).
  GermEval 2014: D. Benikova, C. Biemann, M. Reznicek, *NoSta-D Named Entity Annotation for
  German: Guidelines and Dataset*, LREC 2014. LER (text only, for the word vectors): E. Leitner,
  G. Rehm, J. Moreno-Schneider, *A Dataset of German Legal Documents for Named Entity
  Recognition*, LREC 2020.
- The string table is reduced to the labels (features are hashed at run time), which does not
  change any prediction.
- Scores: `lagebild eval ner ../shared/data/germeval2014_ner/NER-de-dev.tsv` and `benchmarks/ner.py`.
"""


Sentence = tuple[list[str], list[str]]  # tokens, outer IOB2 tags


def _sentences(path: Path) -> Iterator[Sentence]:
    with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8") as fh:
        for sent in read_germeval(fh):
            yield sent.tokens, sent.outer


def _docbin(sentences: list[Sentence], out: Path) -> None:
    """Store sentences with both entity spans (for the parser) and BILUO tags (for the tagger)."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import biluo_tags_to_spans, iob_to_biluo

    nlp = spacy.blank("de")
    db = DocBin(store_user_data=False)
    for tokens, tags in sentences:
        biluo = iob_to_biluo(tags)
        doc = spacy.tokens.Doc(nlp.vocab, words=tokens, tags=biluo)
        doc.ents = biluo_tags_to_spans(doc, biluo)
        db.add(doc)
    db.to_disk(out)


def build_config(arch: str, width: int, depth: int, rows: list[int], maxout: int = 3) -> str:
    """The spaCy training config for ``arch`` ("tagger": BILUO softmax, "parser": transition NER)."""
    component = "tagger" if arch == "tagger" else "ner"
    return (CONFIG.lstrip().replace("@COMPONENT@", component).replace("@HEAD@", HEADS[arch].strip() + "\n")
            .replace("@WIDTH@", str(width)).replace("@DEPTH@", str(depth)).replace("@ROWS@", str(rows))
            .replace("@MAXOUT@", str(maxout)))


def split_train(data: Path, out: Path, seed: int = 13, extra: str = "none",
                silver: int = 5000) -> tuple[list[Sentence], list[Sentence]]:
    """Training sentences (GermEval train minus the held-aside ones, plus ``extra``) and held-aside ones."""
    sents = list(_sentences(data / GERMEVAL_TRAIN))
    rng = random.Random(seed)
    rng.shuffle(sents)
    train, aside = sents[HELD_ASIDE:], sents[:HELD_ASIDE]
    if extra == "smartdata":
        from lagebild.training.ner_silver import smartdata_sentences

        more = smartdata_sentences(data, out / "smartdata.tsv")
        train = train + more
        print(f"+ {len(more)} SmartData sentences (gold + accurate-mode labels)", file=sys.stderr)
    elif extra == "10kgnad":
        from lagebild.training.ner_silver import gnad_sentences

        more = gnad_sentences(data, out / f"10kgnad-{silver}.tsv", silver)
        train = train + more
        print(f"+ {len(more)} 10kGNAD sentences (accurate-mode labels)", file=sys.stderr)
    return train, aside


def write_aside(data: Path, path: Path) -> None:
    """The held-aside sentences in a format ``lagebild eval ner`` reads, to compare candidates on them."""
    aside = split_train(data, path.parent)[1]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for tokens, tags in aside:
            fh.writelines(f"{t}\t{g}\tO\n" for t, g in zip(tokens, tags, strict=True))
            fh.write("\n")


def prepare(train: list[Sentence], aside: list[Sentence], out: Path) -> tuple[Path, Path]:
    """Write the train/held-aside DocBins; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    _docbin(train, out / "train.spacy")
    _docbin(aside, out / "aside.spacy")
    print(f"train sentences {len(train)}, held aside {len(aside)}", file=sys.stderr)
    return out / "train.spacy", out / "aside.spacy"


def main(argv: list[str] | None = None) -> int:
    """Convert the data, train with spaCy on one thread, copy the best checkpoint into the package."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=REPO / "build" / "ner-train")
    ap.add_argument("--max-steps", type=int, default=6000, help="upper bound (early stopping usually ends sooner)")
    ap.add_argument("--vector-words", type=int, default=20000, help="word vectors kept in the model")
    ap.add_argument("--arch", choices=sorted(HEADS), default="tagger",
                    help="tagger: fast BILUO softmax (default); parser: spaCy's transition-based NER (slower)")
    ap.add_argument("--width", type=int, default=96, help="tok2vec width")
    ap.add_argument("--depth", type=int, default=4, help="tok2vec CNN layers")
    ap.add_argument("--maxout", type=int, default=3, help="maxout pieces per tok2vec layer")
    ap.add_argument("--rows", default="10000,3000,5000,1000", help="hash-embedding rows for NORM,PREFIX,SUFFIX,SHAPE")
    ap.add_argument("--extra", choices=["none", "smartdata", "10kgnad"], default="none",
                    help="smartdata: add SmartData v1 train news/RSS sentences, gold PER/LOC/ORG completed by the "
                         "accurate mode's labels (needs lagebild[accurate] unless OUT/smartdata.tsv exists); "
                         "10kgnad: add --silver sentences of 10kGNAD news labelled by the accurate mode "
                         "(10kGNAD is CC BY-NC-SA 4.0 text, see benchmarks/README.md)")
    ap.add_argument("--silver", type=int, default=5000, metavar="N", help="10kGNAD sentences for --extra 10kgnad")
    ap.add_argument("--learn-rate", type=float, default=0.001,
                    help="Adam learning rate (lower it with --init-from: the full rate first undoes the trained weights)")
    ap.add_argument("--seed", type=int, default=0, help="spaCy training seed (initialisation, batch order, dropout)")
    ap.add_argument("--e5-vectors", type=int, default=0, metavar="N",
                    help="extend each word vector by 32 dims of multilingual-e5-small states averaged over the "
                         "first N training sentences (0: off; needs lagebild[accurate] at training time)")
    ap.add_argument("--static-vectors", choices=["ppmi", "e5", "ppmi+e5"], default="ppmi",
                    help="static word vectors: ppmi (PPMI+SVD on the training text), e5 (mean multilingual-e5-small "
                         "input embedding of a word's sentence pieces, for every training word; needs "
                         "lagebild[accurate] at training time only) or both side by side")
    ap.add_argument("--e5-dims", type=int, default=64, help="PCA dimensions kept of the e5 piece vectors")
    ap.add_argument("--init-from", type=Path, default=None, metavar="MODEL",
                    help="continue training an installed pipeline (e.g. lagebild/models/ner-de) instead of starting "
                         "from random weights; keeps its architecture and word vectors (--e5-vectors, --width etc. "
                         "are then ignored)")
    ap.add_argument("--teacher-features", type=int, default=0, metavar="N",
                    help="append the accurate tagger's per-word type distribution and e5 state "
                         "summary (lagebild.training.teacher_features), averaged over N GermEval training sentences "
                         "the accurate head was not trained on, to the word vectors (0: off; needs lagebild[accurate] once, then "
                         "cached in OUT); from scratch, or with --init-from (zero weights for the new columns)")
    ap.add_argument("--gazetteer", action="store_true",
                    help="append place-name gazetteer columns (lagebild.training.gazetteer: CLDR territories, GeoNames "
                         f"places) to the word vectors, with rows of their own for up to {GAZETTEER_ROWS} place-name words")
    ap.add_argument("--no-install", action="store_true", help="do not copy the best model into the package")
    ap.add_argument("--install-only", type=Path, default=None, metavar="MODEL",
                    help="only copy an already trained pipeline (e.g. OUT/model/model-best) into the package")
    ap.add_argument("--write-aside", type=Path, default=None, metavar="TSV",
                    help="only write the held-aside train sentences (token, tag, O) for `lagebild eval ner TSV --model`")
    args = ap.parse_args(argv)
    if args.install_only:
        install(args.install_only)
        return 0
    if args.write_aside:
        write_aside(args.data, args.write_aside)
        return 0
    train_sents, aside_sents = split_train(args.data, args.out, extra=args.extra, silver=args.silver)
    train, aside = prepare(train_sents, aside_sents, args.out)
    cfg = args.out / "config.cfg"
    teacher_text: list[list[str]] = []
    teacher_cache: Path | None = None
    if args.teacher_features:
        from lagebild.entities.accurate.tagger import load_head

        # The teacher's head was trained on the first of these sentences (same shuffle), and the
        # --extra sentences carry its own labels: features averaged there would be their answers.
        skip = int(load_head().meta.get("train_sentences", 0))
        teacher_text = [w for w, _ in train_sents[skip: skip + args.teacher_features]]
        teacher_cache = args.out / f"teacher-{skip}-{args.teacher_features}.npz"
    if args.init_from:
        base = args.init_from
    else:
        e5_text = [words for words, _ in train_sents[: args.e5_vectors]]
        base = build_vectors(args.data, args.out / "vectors", args.vector_words, e5_text, args.static_vectors,
                             [words for words, _ in train_sents], args.e5_dims)
        rows = [int(r) for r in args.rows.split(",")]
        cfg.write_text(build_config(args.arch, args.width, args.depth, rows, args.maxout), encoding="utf-8")
    vectors = base
    if teacher_text or args.gazetteer:
        vectors = with_extra_columns(base, args.out, teacher_text, teacher_cache, args.gazetteer)
    if args.init_from:
        vectors = warm_start(vectors, args.out / "init", cfg)
    if args.static_vectors == "ppmi":
        # Also repairs a table made before (e.g. the installed model's, with --init-from).
        added = key_as_written(vectors, (w for words, _ in train_sents for w in words))
        print(f"word vectors: {added} keys added for forms as written", file=sys.stderr)
    cmd = [
        sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(args.out / "model"),
        "--code", str(Path(__file__).with_name("ner_scorer.py")),
        "--paths.train", str(train), "--paths.dev", str(aside), "--paths.vectors", str(vectors),
        "--training.max_steps", str(args.max_steps), "--system.seed", str(args.seed),
        "--training.optimizer.learn_rate", str(args.learn_rate),
    ]
    subprocess.run(cmd, check=True, env={**__import__("os").environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
    if not args.no_install:
        install(args.out / "model" / "model-best")
    return 0


def with_extra_columns(model: Path, out: Path, teacher_text: list[list[str]], teacher_cache: Path | None,
                       gazetteer: bool) -> Path:
    """``model`` (a pipeline or a vectors-only one) with columns appended to its word vectors.

    Teacher features (``lagebild.training.teacher_features``, averaged over ``teacher_text``,
    cached in ``teacher_cache``) and/or the place-name gazetteer (``lagebild.training.gazetteer``,
    whose words the table lacks get rows of their own, up to GAZETTEER_ROWS, largest places first).
    """
    import numpy as np

    from lagebild.training.teacher_features import extend_pipeline, type_features

    vocab: list[str] = []
    feats = np.zeros((0, 0), np.float32)
    counts = np.zeros(0)
    if teacher_text:
        assert teacher_cache is not None
        if teacher_cache.exists():
            arr = np.load(teacher_cache)
            vocab, feats, counts = [str(w) for w in arr["vocab"]], arr["feats"], arr["counts"]
        else:
            vocab, feats, counts = type_features(teacher_text)
            np.savez(teacher_cache, vocab=np.array(vocab), feats=feats, counts=counts)
    add_missing = None
    if gazetteer:
        from lagebild.training.gazetteer import COLUMNS, gazetteer_table

        table = gazetteer_table()
        index = {w: i for i, w in enumerate(vocab)}
        new = [w for w in table if w not in index]
        vocab = vocab + new
        feats = np.vstack([feats, np.zeros((len(new), feats.shape[1]), np.float32)])
        counts = np.concatenate([counts, np.zeros(len(new))])
        gaz = np.zeros((len(vocab), len(COLUMNS)), np.float32)
        pos = {w: i for i, w in enumerate(vocab)}
        for w, row in table.items():
            gaz[pos[w]] = row
        feats = np.hstack([feats, gaz])
        # Countries, then the largest places; every gazetteer word stays above 0 (= never add).
        add_missing = np.array([1.0 + 2.0 * table[w][0] + table[w][3] if w in table else 0.0 for w in vocab])
    target = out / "extended"
    if target.exists():
        shutil.rmtree(target)
    out.mkdir(parents=True, exist_ok=True)
    extend_pipeline(model, target, vocab, feats, counts, add_missing, max_new=GAZETTEER_ROWS)
    return target


def warm_start(model: Path, init: Path, cfg: Path) -> Path:
    """Write a training config whose components are sourced from ``model`` (copied to ``init``).

    The installed pipeline names spaCy's tagger scorer; the copy gets the training scorer back so
    checkpoints are again chosen by entity F1. Returns the pipeline whose vectors training uses.
    """
    import spacy

    if init.exists():
        shutil.rmtree(init)
    shutil.copytree(model, init)
    init_cfg = init / "config.cfg"
    init_cfg.write_text(init_cfg.read_text(encoding="utf-8").replace("spacy.tagger_scorer.v1", TRAINING_SCORER),
                        encoding="utf-8")
    config = spacy.util.load_config(init_cfg)
    names = list(config["nlp"]["pipeline"])
    train_cfg = spacy.util.load_config_from_str(build_config("tagger" if "tagger" in names else "parser", 96, 4,
                                                             [10000, 3000, 5000, 1000]), interpolate=False)
    for name in names:
        train_cfg["components"][name] = {"source": str(init)}
    train_cfg.to_disk(cfg, interpolate=False)
    return init


def build_vectors(data: Path, out: Path, keep: int, e5_text: list[list[str]] | None = None,
                  static: str = "ppmi", train_text: list[list[str]] | None = None, e5_dims: int = 64) -> Path:
    """Build the static word vectors and convert them for spaCy.

    ``static``: "ppmi" (``lagebild.training.vectors``, pruned to ``keep`` rows), "e5" (the mean
    multilingual-e5-small input embedding of a word's pieces, ``lagebild.training.e5_static``,
    one row for every word of ``train_text`` and the frequent LER words) or "ppmi+e5" (both
    side by side; the PPMI columns are zero for words outside its 30,000).
    """
    from lagebild.training.vectors import train_vectors

    text = out / "vectors.txt"
    if static != "e5":
        text = train_vectors(data, text, e5_sentences=e5_text,
                             e5_cache=out / f"e5-{len(e5_text)}.npz" if e5_text else None)
    # "ppmi" has one row per lower-cased word; spaCy looks a saved table up by ORTH whatever
    # --attr said (see e5_vocabulary), so main() keys each training form as written to its
    # lower-cased word's row (vectors.key_as_written). The e5 tables are keyed as written.
    key = ["--prune", str(keep)]
    if static != "ppmi":
        text, key = e5_text_vectors(data, out, text, train_text or [], static, e5_dims), []
    target = out / "model"
    if target.exists():
        shutil.rmtree(target)
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "de", str(text), str(target), *key],
                   check=True)
    return target


def e5_text_vectors(data: Path, out: Path, ppmi_text: Path, train_text: list[list[str]], static: str,
                    dims: int) -> Path:
    """Write the "e5" or "ppmi+e5" vectors (see ``build_vectors``) as a word2vec text file."""
    import numpy as np

    from lagebild.training.e5_static import piece_vectors
    from lagebild.training.vectors import e5_vocabulary, read_text_vectors, write_text_vectors

    words = e5_vocabulary(train_text, data)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / f"e5-pieces-{len(words)}-{dims}.npz"
    if cache.exists() and list(np.load(cache)["words"]) == words:
        e5 = np.load(cache)["vectors"]
    else:
        e5 = piece_vectors(words, dims)[0]
        np.savez(cache, words=np.array(words), vectors=e5)
    keys = list(words)
    vecs = e5
    if static == "ppmi+e5":  # the PPMI row of a form's lower-cased word beside its e5 row
        p_words, p_vecs = read_text_vectors(ppmi_text)
        index = {w: i for i, w in enumerate(p_words)}
        left = np.zeros((len(keys), p_vecs.shape[1]), np.float32)
        for i, w in enumerate(keys):
            j = index.get(w.lower())
            if j is not None:
                left[i] = p_vecs[j]
        vecs = np.hstack([left, vecs])
    target = out / f"vectors-{static}.txt"
    write_text_vectors(target, keys, vecs)
    print(f"static vectors ({static}): {len(keys)} words x {vecs.shape[1]} dims -> {target}", file=sys.stderr)
    return target


def install(best: Path) -> None:
    """Copy a trained pipeline into ``lagebild/models/ner-de`` (what the stage loads)."""
    import json

    import spacy

    if MODEL_DIR.exists():
        shutil.rmtree(MODEL_DIR)
    shutil.copytree(best, MODEL_DIR)
    # The checkpoint scorer is training code; the installed pipeline names spaCy's own tagger
    # scorer, so loading the model never imports lagebild.training (scores are the same tags).
    config = MODEL_DIR / "config.cfg"
    config.write_text(config.read_text(encoding="utf-8").replace(TRAINING_SCORER, "spacy.tagger_scorer.v1"), encoding="utf-8")
    # The training files' paths are the trainer's own folders: meaningless (and unused) at load time.
    cfg = spacy.util.load_config(config)
    for key in ("train", "dev", "vectors"):
        cfg["paths"][key] = None
    cfg.to_disk(config)
    # The string table only maps hashes back to training words; features are hashed at run time,
    # so keeping just the labels saves megabytes without changing a single prediction.
    nlp = spacy.load(MODEL_DIR)
    head = nlp.get_pipe(nlp.pipe_names[-1])
    tags = list(head.labels)  # type: ignore[attr-defined]  # spaCy types get_pipe() as a bare callable
    types = {t.partition("-")[2] or t for t in tags if t != "O"}
    labels = sorted(set(tags) | types)
    (MODEL_DIR / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    meta_path = MODEL_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="lagebild_ner_de", version="1.0.0", license="CC BY 4.0", description=MODEL_NOTE.strip())
    meta.pop("performance", None)  # scores on the held-aside train part; report dev with `lagebild eval ner`
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    (MODEL_DIR / "README.md").write_text(MODEL_README, encoding="utf-8")
    print(f"installed {best} -> {MODEL_DIR}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
