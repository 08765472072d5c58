"""The speech/claims evaluation: gold integrity, matching rules, Redewiedergabe parsing."""

from __future__ import annotations

from pathlib import Path

from lagebild.evaluation.speech import load_news_gold, match_spans, name_matches, parse_rw

GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "news_speech_gold" / "gold.jsonl"


def test_gold_spans_point_at_their_text(shared_data: Path) -> None:
    records = list(load_news_gold(GOLD, shared_data, "all"))
    assert {r["split"] for r, _ in records} == {"dev", "test"}
    for rec, text in records:
        for item in (rec["quotes"] or []) + rec["claims"]:
            assert text[item["start"] : item["end"]] == item["text"], (rec["id"], item["text"][:40])


def test_name_matching_is_inflection_tolerant_but_not_loose() -> None:
    assert name_matches("Cho Tae Yul", "Cho")
    assert name_matches("Handelsblatts", "Handelsblatt")
    assert name_matches("Bundesverband der Deutschen Heizungsindustrie", "dem Bundesverband der Deutschen Heizungsindustrie")
    assert not name_matches("Putin", "Kim Jong Un")
    assert not name_matches("der", "die")
    assert not name_matches("Putin", None)


def test_span_matching_needs_half_of_the_shorter_span() -> None:
    assert match_spans([(0, 10)], [(2, 12)]) == {0: 0}
    assert match_spans([(0, 10)], [(8, 30)]) == {}
    assert match_spans([(0, 10), (20, 30)], [(21, 29), (1, 9)]) == {0: 1, 1: 0}


def test_redewiedergabe_rows_become_text_with_offsets() -> None:
    header = "tok\tnormtok\tlemma\tpos\trfpos\tsentstart\tstwr\tframe\tspeaker\tintexpr\tnote"
    rows = [
        ("»", "yes", "direct.speech.1"), ("Ja", "no", "direct.speech.1"), ("«", "no", "direct.speech.1"),
        (",", "no", "-"), ("sagte", "no", "-"), ("er", "no", "-"), (".", "no", "-"),
    ]
    lines = [header] + [f"{t}\t{t}\t{t}\tX\tX\t{s}\t{stwr}\t-\t{'speaker.1' if t == 'er' else '-'}\t-\t-" for t, s, stwr in rows]
    sample = parse_rw("x.tsv", "\n".join(lines))
    assert sample.text == "»Ja«, sagte er."
    assert sample.instances == {"direct.1": [0, 1, 2]}
    assert sample.speakers == {"1": [5]}
    assert [sample.text[a:b] for a, b in sample.tokens][:3] == ["»", "Ja", "«"]
