"""The line model of the flattened-text boilerplate filter: weights, page features, the honest split."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from lagebild.evaluation import boilerplate as bench
from lagebild.ingest import line_weights, train_lines
from lagebild.ingest.boilerplate import (
    CONTEXT_FEATURES,
    FEATURES,
    LINE_MODELS,
    Forest,
    context_features,
    line_features,
    plan,
)

BODY = (
    "Die Regierung hat am Montag ein neues Gesetz beschlossen, das nach Angaben des Ministeriums im kommenden "
    "Jahr in Kraft treten soll. Kritiker halten die Reform für unzureichend."
)


def test_weights_match_the_features() -> None:
    assert len(line_weights.WEIGHTS1) == len(line_weights.MEAN1) == len(line_weights.STD1) == len(FEATURES)
    n2 = len(FEATURES) + len(CONTEXT_FEATURES)
    assert len(line_weights.WEIGHTS2) == len(line_weights.MEAN2) == len(line_weights.STD2) == n2
    assert 0.0 <= line_weights.THRESHOLD_BODY <= line_weights.THRESHOLD <= 1.0


def test_trees_are_well_formed() -> None:
    """The exported trees index existing features and nodes, and every node is reached from exactly one parent."""
    line_trees = pytest.importorskip("lagebild.ingest.line_trees")
    assert 0.0 <= line_trees.THRESHOLD_BODY <= line_trees.THRESHOLD <= 1.0
    for args, width in ((line_trees.TREES1, len(FEATURES)), (line_trees.TREES2, len(FEATURES) + len(CONTEXT_FEATURES))):
        _base, feature, threshold, left, right, leaf, roots = args
        assert len(feature) == len(threshold) == len(left) == len(right) and min(feature) >= 0 and max(feature) < width
        refs = sorted(list(left) + list(right) + list(roots))
        assert refs == sorted(list(range(len(feature))) + [~k for k in range(len(leaf))])
        forest = Forest(*args)
        probs = forest([[0.0] * width, [1.0] * width])
        assert probs.shape == (2,) and ((probs > 0) & (probs < 1)).all()


def test_forest_routes_rows_like_the_trees() -> None:
    """Two hand-made trees: a row goes left when its feature is <= the threshold; a tree may be a single leaf."""
    import numpy as np

    # tree 1: x0 <= 0.5 ? (x1 <= 2 ? leaf 0.1 : leaf 0.2) : leaf 0.3; tree 2: leaf 1.0
    forest = Forest(-1.0, [0, 1], [0.5, 2.0], [1, ~0], [~2, ~1], [0.1, 0.2, 0.3, 1.0], [0, ~3])
    assert forest.depth == 2
    x = [[0.5, 2.0], [0.0, 3.0], [0.6, -5.0]]
    expected = 1.0 / (1.0 + np.exp(-(np.array([0.1, 0.2, 0.3]) + 1.0 - 1.0)))
    assert np.allclose(forest(x), expected)
    assert forest(np.zeros((0, 2))).shape == (0,)
    many = np.tile(x, (100, 1))  # more rows than one evaluation chunk
    assert np.allclose(forest(many), np.tile(expected, 100))


def test_exported_trees_predict_like_scikit_learn() -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(0)
    x = rng.random((600, 5))
    y = ((x[:, 0] > 0.4) & (x[:, 3] < 0.7) | (x[:, 1] > 0.9)).astype(float)
    w = rng.random(600) + 0.5
    params = {"max_iter": 20, "learning_rate": 0.2, "max_leaf_nodes": 7, "min_samples_leaf": 5}
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **params).fit(x, y, sample_weight=w)
    forest = Forest(*train_lines.export_trees(clf))
    test = rng.random((300, 5))
    assert np.allclose(forest(test), clf.predict_proba(test)[:, 1], atol=1e-12)
    assert np.allclose(train_lines.fit_trees(x, y, w, params)(test), forest(test), atol=1e-12)  # weights' scale is free


@pytest.mark.parametrize("model", sorted(LINE_MODELS))
def test_one_clean_paragraph_is_never_dropped(model: str) -> None:
    for text in (BODY, "Überschrift\n\n" + BODY, BODY + "\n\n" + BODY.replace("Montag", "Dienstag")):
        p = plan(text, use_model=model)
        kept = [ln.text for ln in p.lines if ln.reason is None]
        assert BODY in kept


def test_the_stage_passes_the_configured_line_model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from lagebild.ingest import boilerplate
    from lagebild.model import Document, SourceRef
    from lagebild.stages.clean import BoilerplateClean

    used: list[Any] = []
    real = boilerplate.line_probabilities

    def spy(*args: Any, **kwargs: Any) -> list[float]:
        used.append(args[4].__name__)
        return real(*args, **kwargs)

    monkeypatch.setattr(boilerplate, "line_probabilities", spy)
    text = "Titel\n\n" + BODY + "\n\nTeilen\n\n" + BODY.replace("Montag", "Freitag") + "\n\nMehr lesen"
    for model in sorted(LINE_MODELS):
        BoilerplateClean(line_model=model)(Document("d", text, SourceRef("d.txt")))
    assert used == [LINE_MODELS[m] for m in sorted(LINE_MODELS)]


def test_an_unknown_line_model_is_refused() -> None:
    with pytest.raises(ValueError, match="line model"):
        plan("Titel\n\n" + BODY + "\n\nTeilen\n\n" + BODY.replace("Montag", "Freitag"), use_model="magic")


def test_features_have_one_row_per_line_and_fixed_width() -> None:
    text = "Startseite\nPolitik\n\nTitel der Meldung\n\n" + BODY + "\n\nTeilen\nFacebook\n\nNewsletter abonnieren"
    p = plan(text, use_model=False)
    first, last = p.meta["_block"]
    feats = line_features(p.lines, first, last, p.meta.get("title_line"))
    assert len(feats) == len(p.lines) and all(len(row) == len(FEATURES) for row in feats)
    ctx = context_features([0.2, 0.9, 0.5])
    assert [len(r) for r in ctx] == [len(CONTEXT_FEATURES)] * 3 and ctx[1][1] == 0.2 and ctx[1][2] == 0.5


@pytest.mark.parametrize("model", sorted(LINE_MODELS))
def test_promotional_paragraph_in_the_article_is_removed_with_a_reason(model: str) -> None:
    """A newsletter pitch addressed to the reader, inside the body, goes; the body stays."""
    paragraphs = [
        "Der Stadtrat hat am Dienstagabend nach langer Debatte beschlossen, die Fußgängerzone im kommenden Frühjahr "
        "neu pflastern zu lassen. Die Kosten werden auf rund zwei Millionen Euro geschätzt.",
        "Seit Jahren klagen Anwohner und Händler über lose Steine und Stolperfallen. Ein Gutachten hatte im Sommer "
        "festgestellt, dass der Belag an mehreren Stellen nicht mehr sicher ist.",
        "Verpasse keine Nachricht mehr: Melde dich jetzt für unseren kostenlosen Newsletter an und erhalte die "
        "wichtigsten Meldungen aus deiner Stadt jeden Morgen in dein Postfach.",
        "Die Bauarbeiten sollen in mehreren Abschnitten erfolgen, damit die Geschäfte erreichbar bleiben. Der "
        "Einzelhandelsverband begrüßte die Entscheidung, forderte aber eine enge Abstimmung mit den Händlern.",
        "Nach Angaben der Verwaltung soll die Sanierung bis zum Herbst abgeschlossen sein. Anschließend werde auch "
        "die Beleuchtung erneuert, hieß es aus dem Rathaus.",
    ]
    p = plan("Stadt saniert Fußgängerzone\n\n" + "\n\n".join(paragraphs), use_model=model)
    reasons = {ln.text[:20]: ln.reason for ln in p.lines}
    assert reasons["Verpasse keine Nachr"] is not None
    for par in paragraphs[:2] + paragraphs[3:]:
        assert reasons[par[:20]] is None, par


def _fake_evalset(folder: Path, n: int = 40) -> list[str]:
    (folder / "html").mkdir(parents=True)
    gold: dict[str, Any] = {}
    for i in range(n):
        url = f"https://example.org/page/{i}"
        gold[url] = {"file": f"p{i}.html", "with": [f"Text {i}"], "without": ["Menü"]}
        (folder / "html" / f"p{i}.html.gz").write_bytes(gzip.compress(f"<p>Menü</p><p>Text {i}</p>".encode()))
    (folder / "evaldata_dev.json").write_text(json.dumps(gold), "utf-8")
    return list(gold)


def test_halves_split_the_pages_stably(tmp_path: Path) -> None:
    urls = _fake_evalset(tmp_path)
    halves = {h: [k for k, _, _ in bench._trafilatura_pages(tmp_path, h)] for h in bench.HALVES}
    assert sorted(halves["tuning"] + halves["heldout"]) == sorted(urls)
    assert not set(halves["tuning"]) & set(halves["heldout"])
    assert all(bench.half_of(u) == h for h, us in halves.items() for u in us)
    assert 10 <= len(halves["tuning"]) <= 30  # a hash, not a prefix: both halves get pages


def test_training_reads_only_the_tuning_half(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    asked: list[Any] = []

    def fake_pages(folder: Path, half: str | None = None):  # type: ignore[no-untyped-def]
        asked.append(half)
        return iter(())

    monkeypatch.setattr(bench, "_trafilatura_pages", fake_pages)
    monkeypatch.setattr(bench, "_scrapinghub_pages", lambda folder: iter(()))
    assert train_lines.collect(tmp_path, tmp_path) == []
    assert asked == ["tuning"]


@pytest.mark.parametrize(("line", "reason"), [
    ("This entry was posted in Allgemein and tagged Berlin. Bookmark the permalink.", "post meta"),
    ("Dieser Eintrag wurde veröffentlicht in Podcast und verschlagwortet mit Berlin von Anna Beispiel.", "post meta"),
    ("Melde dich hier für unseren Newsletter an und erhalte jeden Morgen die wichtigsten Meldungen.", "newsletter"),
    ("Enter your email address below to get our newsletter with the latest stories every weekday.", "newsletter"),
])
def test_sentence_shaped_furniture_is_a_cue(line: str, reason: str) -> None:
    p = plan(f"Titel\n\n{BODY}\n\n{line}\n\n{BODY.replace('Montag', 'Freitag')}", use_model=False)
    assert {ln.text: ln.reason for ln in p.lines}[line] == reason


def test_a_report_about_a_newsletter_stays() -> None:
    """Subscription words without the reader addressed are news, not a pitch."""
    line = "Der Verlag teilte mit, der Newsletter habe inzwischen mehr als 200.000 Abonnenten in ganz Europa."
    p = plan(f"Titel\n\n{BODY}\n\n{line}", use_model=False)
    assert {ln.text: ln.reason for ln in p.lines}[line] is None


@pytest.mark.parametrize("kind", ["logistic", "trees"])
def test_cross_validation_never_trains_on_the_pages_it_scores(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    import numpy as np

    def page(source: str, key: str) -> train_lines.Page:
        return train_lines.Page(source, key, -1, np.zeros((3, 2)), np.array([1]), np.array([1.0]), np.array([1.0]),
                                np.array([False]))

    pages = [page("scrapinghub", f"s{i}") for i in range(5)] + [page("snippets", f"t{i}") for i in range(30)]
    trained: list[set[str]] = []

    def fake_train(train_set: list[train_lines.Page], params: Any = None) -> set[str]:
        trained.append({p.key for p in train_set})
        return trained[-1]

    def fake_predict(p: train_lines.Page, seen: set[str]) -> Any:
        assert p.key not in seen and p.source == "snippets"
        return np.zeros(3)

    monkeypatch.setattr(train_lines, "train", fake_train)
    monkeypatch.setattr(train_lines, "train_trees", fake_train)
    monkeypatch.setattr(train_lines, "predict", fake_predict)
    for seed in (0, 1):
        scored, _ = train_lines.cross_validate(pages, kind, seed)
        assert sorted(p.key for p in scored) == sorted(p.key for p in pages if p.source == "snippets")
    assert all({f"s{i}" for i in range(5)} <= keys for keys in trained)  # scrapinghub pages always train


def test_bullet_list_and_its_lead_in_are_decided_as_one_unit() -> None:
    from lagebild.ingest.boilerplate import Line, _lists_whole

    texts = ["Ein Absatz über den Pakt.", "Wesentliche Punkte:", "• erstens", "• zweitens", "• drittens", "Weiter im Text."]
    lines = [Line(0, 0, t) for t in texts]
    todo = [1, 2, 3, 4, 5]
    out = dict(zip(todo, _lists_whole(lines, todo, [0.40, 0.70, 0.40, 0.70, 0.9]), strict=True))
    assert out[2] == out[3] == out[4] == out[1] == pytest.approx(0.6)
    assert out[5] == 0.9  # the paragraph after the list keeps its own score


@pytest.mark.parametrize("model", ["trees", "logistic"])
def test_last_paragraph_of_a_clean_article_stays(model: str) -> None:
    from lagebild.model import Document, SourceRef
    from lagebild.stages.clean import BoilerplateClean

    paragraphs = [
        "Die Landesregierung hat am Dienstag ein neues Gesetz zur Förderung des öffentlichen Nahverkehrs beschlossen. "
        "Nach Angaben des Ministeriums sollen in den kommenden fünf Jahren mehrere hundert Millionen Euro fließen.",
        "Die Opposition kritisierte den Entwurf als unzureichend und forderte eine schnellere Umsetzung des Gesetzes.",
        "Experten sehen in dem Gesetz dennoch einen wichtigen Schritt für die ländlichen Regionen des Landes.",
    ]
    text = "Land beschließt Gesetz für mehr Nahverkehr\n\n" + "\n\n".join(paragraphs) + "\n"
    doc = BoilerplateClean(line_model=model)(Document("x", text, SourceRef("x.txt", format="txt")))
    assert all(p in doc.text for p in paragraphs)
