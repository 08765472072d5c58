"""`lagebild eval ner`: reading both GermEval layouts and the CoNLL chunk metric."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from lagebild.evaluation.ner import Scores, chunks, coarse, evaluate, read_germeval, write_predictions

FOUR_COLUMNS = """#\thttp://example.org/a\t[2010-07-04]
1\tGleich\tO\tO
2\tFritz\tB-PER\tO
3\tMüller\tI-PER\tO
4\tin\tO\tO
5\tdeutschen\tB-LOCderiv\tO
6\t#11\tO\tO

#\thttp://example.org/b\t[2010-07-04]\t
1\tBerlin\tB-LOC\tO
2\t.\tO\tO
"""

THREE_COLUMNS = "Gleich\tO\tO\nFritz\tB-PER\tO\nMüller\tI-PER\tO\nin\tO\tO\ndeutschen\tB-LOCderiv\tO\n#11\tO\tO\n\nBerlin\tB-LOC\tO\n.\tO\tO\n"


def test_both_layouts_give_the_same_sentences() -> None:
    a = list(read_germeval(io.StringIO(FOUR_COLUMNS)))
    b = list(read_germeval(io.StringIO(THREE_COLUMNS)))
    assert [s.tokens for s in a] == [s.tokens for s in b]
    assert [s.outer for s in a] == [s.outer for s in b]
    assert a[0].tokens == ["Gleich", "Fritz", "Müller", "in", "deutschen", "#11"]
    assert a[0].comment and a[0].comment.startswith("#")


def test_plain_conll_two_columns() -> None:
    sents = list(read_germeval(io.StringIO("Müller B-RR\nsagte O\n\nBerlin B-ST\n")))
    assert [s.outer for s in sents] == [["B-RR", "O"], ["B-ST"]]


def test_chunk_metric_counts_exact_spans_only() -> None:
    gold = ["B-PER", "I-PER", "O", "B-LOC"]
    scores = Scores()
    scores.add(gold, ["B-PER", "O", "O", "B-LOC"])  # PER boundary wrong, LOC right
    p, r, f = scores.overall()
    assert (p, r) == (0.5, 0.5) and abs(f - 0.5) < 1e-9
    assert chunks(["I-ORG", "I-ORG", "B-ORG"]) == {(0, 2, "ORG"), (2, 3, "ORG")}


def test_coarse_mapping_drops_deriv_and_part() -> None:
    assert coarse("B-LOCderiv") == "O" and coarse("I-ORGpart") == "O" and coarse("B-OTH") == "B-OTH"
    sents = list(read_germeval(io.StringIO(THREE_COLUMNS)))
    scores = evaluate(sents, [s.outer for s in sents], coarse_types=True)
    assert scores.overall() == (1.0, 1.0, 1.0) and "LOCderiv" not in scores.gold


def test_predictions_are_written_in_the_readable_format() -> None:
    sents = list(read_germeval(io.StringIO(THREE_COLUMNS)))
    out = io.StringIO()
    write_predictions(out, sents, [s.outer for s in sents])
    again = list(read_germeval(io.StringIO(out.getvalue())))
    assert [s.outer for s in again] == [s.outer for s in sents]


tags = st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]), max_size=30)


@given(tags)
def test_chunks_are_disjoint_and_inside_the_sentence(seq: list[str]) -> None:
    found = sorted(chunks(seq))
    for (s, e, _), nxt in zip(found, [*found[1:], (len(seq), len(seq), "")], strict=False):
        assert 0 <= s < e <= len(seq) and e <= nxt[0]


@given(tags)
def test_perfect_prediction_scores_one(seq: list[str]) -> None:
    scores = Scores()
    scores.add(seq, seq)
    p, r, f = scores.overall()
    assert (p, r, f) == ((1.0, 1.0, 1.0) if chunks(seq) else (0.0, 0.0, 0.0))
