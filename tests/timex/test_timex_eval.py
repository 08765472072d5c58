"""TimeML I/O, the TempEval-3 scorer and the WikiWarsDE conversion."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.evaluation.timeml import Timex3, read_timeml, write_timeml
from lagebild.evaluation.timex import command, score

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-10-25" functionInDocument="CREATION_TIME">25.10.2024</TIMEX3></DCT>
<TEXT>Die USA hatten am <TIMEX3 tid="t1" type="DATE" value="2024-10-23">Mittwoch</TIMEX3> Berichte &amp; Bilder bestätigt.
Der Vertrag wurde im <TIMEX3 tid="t2" type="DATE" value="2024-06">Juni</TIMEX3> unterzeichnet, <EVENT eid="e1">seit</EVENT> <TIMEX3 tid="t3" type="DURATION" value="PXY">Jahren</TIMEX3> geplant.</TEXT>
</TimeML>
"""


def test_read_write_round_trip(tmp_path: Path) -> None:
    (tmp_path / "x1.tml").write_text(TML, "utf-8")
    doc = read_timeml(tmp_path / "x1.tml")
    assert doc.dct == "2024-10-25" and "&" in doc.text and "<" not in doc.text
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [("Mittwoch", "2024-10-23"), ("Juni", "2024-06"), ("Jahren", "PXY")]
    write_timeml(doc, tmp_path / "out" / "x1.tml")
    again = read_timeml(tmp_path / "out" / "x1.tml")
    assert (again.text, again.dct, again.timexes) == (doc.text, doc.dct, [Timex3(t.start, t.end, t.type, t.value, t.mod, again.timexes[i].tid) for i, t in enumerate(doc.timexes)])


def test_scorer_definitions() -> None:
    gold = [Timex3(0, 10, "DATE", "2024"), Timex3(20, 30, "DATE", "2024-06"), Timex3(40, 50, "DURATION", "P1Y")]
    system = [Timex3(0, 10, "DATE", "2024"), Timex3(22, 30, "TIME", "2024-07"), Timex3(60, 70, "DATE", "2025")]
    s = score(gold, system)
    assert (s.strict, s.relaxed, s.type_ok, s.value_ok) == (1, 2, 1, 1)
    p, r, f = s.prf(s.relaxed)
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert s.value_accuracy == pytest.approx(0.5)
    assert s.prf(s.value_ok)[2] == pytest.approx(1 / 3)  # value F1 = relaxed F1 x value accuracy


def test_one_to_one_matching() -> None:
    s = score([Timex3(0, 10, "DATE", "2024")], [Timex3(0, 5, "DATE", "2024"), Timex3(5, 10, "DATE", "2024")])
    assert s.relaxed == 1 and s.system == 2


def test_eval_command_writes_predictions(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x1.tml").write_text(TML, "utf-8")
    result = CliRunner().invoke(command, [str(tmp_path / "gold"), "--pred", str(tmp_path / "pred")])
    assert result.exit_code == 0, result.output
    assert "relaxed span" in result.output and "value" in result.output
    pred = read_timeml(tmp_path / "pred" / "x1.tml")
    assert {(pred.text[t.start : t.end], t.value) for t in pred.timexes} >= {("Mittwoch", "2024-10-23"), ("Juni", "2024-06")}


def test_wikiwars_conversion(shared_data: Path, tmp_path: Path) -> None:
    from lagebild.evaluation.wikiwars import convert, convert_file, split_of

    src = shared_data / "wikiwarsde_timex" / "WikiWarsDE_20110412"
    if not src.is_dir():
        pytest.skip("WikiWarsDE not available")
    counts = convert(src, tmp_path)
    assert counts == {"dev": 11, "test": 11}
    assert split_of("07_IraqWar") == "dev" and split_of("22_SecondItaloAbyssinianWar") == "test"
    doc = convert_file(src / "keyinline" / "07_IraqWar.key.xml")
    assert doc.dct == "2011-02-16"
    first = doc.timexes[0]
    assert (doc.text[first.start : first.end], first.value, first.mod) == ("Ende 2002", "2002", "END")
    total = sum(len(read_timeml(p).timexes) for p in tmp_path.rglob("*.tml"))
    assert total >= 2200  # 2,217 timexes in TEXT; nested ones keep only the outermost


def test_eval_command_on_the_wikiwars_folder(shared_data: Path) -> None:
    src = shared_data / "wikiwarsde_timex" / "WikiWarsDE_20110412"
    if not src.is_dir():
        pytest.skip("WikiWarsDE not available")
    result = CliRunner().invoke(command, [str(src), "--split", "test"])
    assert result.exit_code == 0, result.output
    assert "docs 11" in result.output and "gold 1037" in result.output
