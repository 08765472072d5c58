"""Signatures handed to the duplicate stage: taken out as read (``consume``) with the same links."""

from __future__ import annotations

from compare_helpers import make_doc

from lagebild.compare.duplicates import Duplicates, precomputed_signatures

BASE = ("Der Stadtrat hat am Montag nach langer Debatte beschlossen, die alte Brücke über den Fluss "
        "im kommenden Jahr abzureißen und durch einen Neubau mit Radweg zu ersetzen.")


def test_consumed_signatures_give_the_same_links_and_are_let_go() -> None:
    docs = [make_doc("a", BASE), make_doc("b", BASE + " Die Kosten trägt das Land."),
            make_doc("c", "Ein ganz anderer Text über das Wetter am Wochenende, mit Regen und Wind im ganzen Norden.")]
    stage = Duplicates()
    plain = stage.find(docs)
    assert plain, "the two versions of the report are copies"
    kept = {d.id: stage.signature(d) for d in docs}
    with precomputed_signatures(kept):
        assert stage.find(docs) == plain
    assert set(kept) == {"a", "b", "c"}  # read, not taken
    taken = {d.id: stage.signature(d) for d in docs}
    with precomputed_signatures(taken, consume=True):
        assert stage.find(docs) == plain
    assert taken == {}
