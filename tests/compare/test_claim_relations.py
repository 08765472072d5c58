"""How a claim group's relation is decided: the order one article tells its figures in, values at unknown
times, a falling count, copies of one origin; and properties that hold for any input (order, copies,
unknown times).

Documents are written for these tests and run through the real claims stage, as in test_claim_groups.
"""

from __future__ import annotations

from collections import Counter

import pytest
from compare_helpers import claim_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.compare import CorpusContext, CorpusResult
from lagebild.compare.claim_groups import ClaimGrouper, claimant_key
from lagebild.compare.claim_time import told_order
from lagebild.compare.coverage import CoverageBuilder

PLACES = [("Nordhafen", "LOC", "Nordhafen"), ("Südtal", "LOC", "Südtal")]
NOT_BEFORE = {"value": None, "kind": "bounds", "inferred": True, "not_before": "2024-05-06"}


_doc = claim_doc


def _groups(docs, inferred=None):
    ctx = CorpusContext(docs=docs, result=CorpusResult())
    ctx.result.inferred_dates = inferred or {}
    ClaimGrouper()(ctx)
    CoverageBuilder()(ctx)
    return ctx.result.claim_groups


def _group_of(groups, doc_id, value):
    return next(g for g in groups if any(c["doc"] == doc_id and c["value"] == value for c in g["claims"]))


# -- one article tells the order of its figures --------------------------------------------------------------------


@pytest.mark.parametrize("clause, order", [
    ("Zunächst war von 12 Toten die Rede", -1), ("ersten Angaben zufolge starben 12 Menschen", -1),
    ("inzwischen starben 19 Menschen", 1), ("Die Zahl der Toten stieg auf 19", 1), ("Initially 12 people died", -1),
    ("In Nordhafen starben 12 Menschen", 0), ("zunächst 12, inzwischen 19", 0),  # neither, or both: no order
])
def test_the_words_of_a_clause_tell_an_earlier_or_a_later_figure(clause: str, order: int) -> None:
    assert told_order(clause) == order


@pytest.mark.parametrize("published, inferred", [("2024-05-06", {}), (None, {"b": NOT_BEFORE}), (None, {})])
def test_a_count_one_article_tells_as_earlier_and_later_is_updated_whatever_its_date(published, inferred) -> None:
    b = _doc("b", "In Nordhafen starben laut Polizei zunächst 12 Menschen. Inzwischen starben in Nordhafen laut Feuerwehr "
                  "19 Menschen.", published)
    group = _group_of(_groups([b], inferred), "b", 12)
    assert group["relation"] == "updated" and {c["value"] for c in group["claims"]} == {12, 19}
    assert "the article itself tells which figure came first" in group["reasoning"]
    assert [c["value"] for c in group["claims"]] == [12, 19]  # shown in the order of the series


def test_two_claimants_side_by_side_without_a_word_of_order_still_dispute_the_count() -> None:
    # must not fire: no cue of an earlier or later figure, one time: police and fire brigade disagree
    b = _doc("b", "Laut Polizei starben in Nordhafen 12 Menschen. Laut Feuerwehr starben in Nordhafen 19 Menschen.", "2024-05-06")
    assert _group_of(_groups([b]), "b", 12)["relation"] == "contradicted"


@pytest.mark.parametrize("published, inferred", [("2024-05", {}), (None, {"b": NOT_BEFORE}), (None, {})])
def test_a_count_of_a_named_day_comes_before_the_count_as_its_article_stands(published, inferred) -> None:
    # the article's own time is a month, an open "not before" bound or unknown: not before the day it tells of
    b = _doc("b", "Am 6. Mai starben in Nordhafen laut Polizei 12 Menschen. Laut Feuerwehr starben in Nordhafen 19 Menschen.",
             published, timexes=[("6. Mai", "2024-05-06", "day")])
    group = _group_of(_groups([b], inferred), "b", 12)
    assert group["relation"] == "updated", group["reasoning"]


def test_a_day_and_the_articles_time_do_not_order_an_attendance_or_a_stated_dispute() -> None:
    # must not fire: one occasion's attendance is not a running count; "dagegen" sets one figure against the other
    a = _doc("a", "Am 6. Mai demonstrierten in Nordhafen laut Polizei 8.000 Menschen. Laut Veranstaltern demonstrierten in "
                  "Nordhafen 15.000 Menschen.", "2024-05", timexes=[("6. Mai", "2024-05-06", "day")])
    assert _group_of(_groups([a]), "a", 8000)["relation"] == "contradicted"
    b = _doc("b", "Am 6. Mai starben in Nordhafen laut Polizei 12 Menschen. Die Feuerwehr sprach dagegen von 19 Toten in "
                  "Nordhafen.", "2024-05", timexes=[("6. Mai", "2024-05-06", "day")])
    assert _group_of(_groups([b]), "b", 12)["relation"] == "contradicted"


# -- unknown times, falling counts, copies ----------------------------------------------------------------------------


def test_values_of_two_outlets_at_unknown_times_cannot_be_compared_and_the_reasoning_says_why() -> None:
    a = _doc("a", "Laut Polizei starben in Nordhafen 12 Menschen.", None, outlet="Kurier")
    b = _doc("b", "Laut Feuerwehr starben in Nordhafen 19 Menschen.", "2024-05-06", outlet="Bote")
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "cannot_compare" and "no known reference time" in group["reasoning"]
    assert group["reasoning"].startswith("Cannot compare:")


def test_missing_persons_found_over_days_are_an_update_not_a_contradiction() -> None:
    docs = [_doc("a", "In Nordhafen werden laut Polizei noch 155 Menschen vermisst.", "2024-05-02", outlet="A"),
            _doc("b", "In Nordhafen werden laut Innenministerium noch 73 Menschen vermisst.", "2024-05-09", outlet="B"),
            _doc("c", "In Nordhafen werden noch 17 Menschen vermisst.", "2024-05-20", outlet="C")]
    group = _group_of(_groups(docs), "a", 155)
    assert group["relation"] == "updated" and {c["doc"] for c in group["claims"]} == {"a", "b", "c"}
    assert "155 → 73 → 17" in group["reasoning"]
    # must not fire: the same two values from two claimants on one day are a dispute
    docs = [_doc("a", "In Nordhafen werden laut Polizei noch 155 Menschen vermisst.", "2024-05-02", outlet="A"),
            _doc("b", "In Nordhafen werden laut Innenministerium noch 73 Menschen vermisst.", "2024-05-02", outlet="B")]
    assert _group_of(_groups(docs), "a", 155)["relation"] == "contradicted"


def test_a_wire_copy_in_two_outlets_is_one_origin_not_corroboration() -> None:
    text = "In Nordhafen starben laut Polizei 12 Menschen."
    a = _doc("a", text, "2024-05-02", outlet="Kurier", agencies=["dpa"])
    b = _doc("b", text, "2024-05-02", outlet="Bote", agencies=["dpa"])
    group = _group_of(_groups([a, b]), "a", 12)
    assert group["relation"] == "single" and group["independent_sources"] == 1
    assert "1 origin" in group["sources_label"] and "dpa" in group["sources_label"]
    # must fire: an outlet's own report beside the agency's copies
    c = _doc("c", "Die Polizei meldete 12 Tote in Nordhafen.", "2024-05-02", outlet="Blatt")
    group = _group_of(_groups([a, b, c]), "a", 12)
    assert group["relation"] == "corroborated" and group["independent_sources"] == 2


# -- properties -------------------------------------------------------------------------------------------------------

_SENTENCES = [
    "In Nordhafen starben laut Polizei {n} Menschen.", "In Nordhafen starben laut Feuerwehr {n} Menschen.",
    "In Nordhafen wurden {n} Menschen verletzt.", "Zunächst war von {n} Toten in Nordhafen die Rede.",
    "In Nordhafen werden noch {n} Menschen vermisst.", "Laut Veranstaltern demonstrierten in Südtal {n} Menschen.",
    "Die Polizei sprach von {n} Teilnehmern in Südtal.", "Inzwischen starben in Nordhafen {n} Menschen.",
    "Die Polizei sprach von {n} Teilnehmern, die Veranstalter von 30.000.", "Insgesamt starben {n} Menschen.",
    "Nach dem vorläufigen Endergebnis kam die Partei in Südtal auf {n} Prozent.", "Mindestens {n} Menschen starben in Südtal.",
    "Zwischen {n} und 40.000 Menschen demonstrierten, die Angaben gehen auseinander.",
    "Die Zahl der Toten in Nordhafen stieg von 4 auf {n}.", "Der Schaden in Nordhafen beträgt laut Stadt {n} Millionen Euro.",
]
_ARTICLE = st.tuples(st.lists(st.tuples(st.sampled_from(_SENTENCES), st.sampled_from([4, 12, 19, 30, 155, 8000, 15000])),
                              min_size=1, max_size=3),
                     st.sampled_from(["2024-05-02", "2024-05-06", "2024-05", None]),
                     st.sampled_from(["Kurier", "Bote", "Blatt", None]), st.sampled_from([None, "dpa"]))


def _articles(spec) -> list:
    return [_doc(f"d{k}", " ".join(s.format(n=f"{n:,}".replace(",", ".")) for s, n in sentences), day, outlet=outlet,
                 agencies=[agency] if agency else None)
            for k, (sentences, day, outlet, agency) in enumerate(spec)]


def _shape(groups) -> set[tuple[frozenset[str], str]]:
    return {(frozenset(c["id"] for c in g["claims"]), g["relation"]) for g in groups}


@settings(max_examples=30, deadline=None)
@given(st.lists(_ARTICLE, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_the_order_articles_come_in_never_changes_the_groups(spec, rnd) -> None:
    docs = _articles(spec)
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert _shape(_groups(docs)) == _shape(_groups(shuffled))


@settings(max_examples=30, deadline=None)
@given(st.lists(_ARTICLE, min_size=1, max_size=3), st.data())
def test_a_further_copy_of_an_agency_text_never_changes_a_relation(spec, data) -> None:
    spec = [(sentences, day, outlet, "dpa") for sentences, day, outlet, _ in spec]  # every article an agency text
    docs = _articles(spec)
    k = data.draw(st.integers(min_value=0, max_value=len(docs) - 1))
    copy = _doc("copy", docs[k].text, docs[k].meta.published.value, outlet="Anderes Blatt", agencies=["dpa"])
    before = {frozenset(c["id"] for c in g["claims"]): g["relation"] for g in _groups(docs)}
    after = {frozenset(c["id"] for c in g["claims"] if c["doc"] != "copy"): g["relation"] for g in _groups([*docs, copy])}
    assert {m: r for m, r in after.items() if m} == before


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SENTENCES), st.sampled_from([4, 12, 19, 30, 155, 8000, 15000])), min_size=2,
                max_size=5))
def test_figures_of_articles_with_no_known_time_are_never_contradicted_across_articles(figures) -> None:
    # no article dated: figures of two articles are never known to be of the same time; only an article that gives both
    # sides itself (two claimants side by side, or the spread of the sources' figures) shows a contradiction
    docs = [_doc(f"d{k}", s.format(n=f"{n:,}".replace(",", ".")), None, outlet=f"Blatt {k}") for k, (s, n) in enumerate(figures)]
    for g in _groups(docs):
        if g["relation"] == "contradicted":
            per_doc = Counter(c["doc"] for c in g["claims"])
            assert any(n > 1 for n in per_doc.values()) or any(c.get("high") and c["low"] < c["high"] for c in g["claims"]), \
                g["reasoning"]


@pytest.mark.parametrize("relation, start, words", [
    ("updated", "Updated:", "do not contradict"), ("corroborated", "Corroborated:", "2 articles from 2 outlets"),
    ("contradicted", "Contradicted:", "Polizei: 12; Feuerwehr: 19"), ("cannot_compare", "Cannot compare:", "same time"),
    ("single", "Not confirmed:", "only one origin"),
])
def test_the_first_sentence_says_the_relation_and_why(relation: str, start: str, words: str) -> None:
    from lagebild.compare.claim_verdict import verdict

    group = {"relation": relation, "subject": "dead (Nordhafen)", "sources_label": "2 articles from 2 outlets",
             "independent_sources": 2 if relation != "single" else 1,
             "phases": [{"values": ["12"], "claimants": ["Polizei"]}, {"values": ["19"], "claimants": ["Feuerwehr"]}]}
    text = verdict(group)
    assert text.startswith(start) and words in text and "“dead (Nordhafen)”" in text


def test_a_dispute_side_by_side_in_one_undated_article_says_why_it_is_one_moment() -> None:
    a = _doc("a", "In Nordhafen demonstrierten viele Menschen. Die Polizei sprach von 8.000 Teilnehmern, die Veranstalter von "
                  "15.000.", None)
    group = _group_of(_groups([a]), "a", 8000)
    assert group["relation"] == "contradicted"
    assert "side by side in one article" in group["reasoning"] and "date is unknown" in group["reasoning"]
    # must not fire: two undated articles are not one moment
    b = _doc("b", "Die Polizei sprach von 8.000 Teilnehmern in Nordhafen.", None, outlet="Kurier")
    c = _doc("c", "Die Veranstalter sprachen von 15.000 Teilnehmern in Nordhafen.", None, outlet="Bote")
    assert not [g for g in _groups([b, c]) if g["relation"] == "contradicted"]


def test_a_word_of_order_does_not_order_figures_known_by_their_unit_or_told_of_another_pair() -> None:
    # must not fire: "mittlerweile 4 GB" of other devices is no later value of this device's 3 GB
    a = _doc("a", "Der Arbeitsspeicher liegt bei 3 GB. Manche Geräte bieten mittlerweile 4 GB.", "2024-05-02")
    assert not [g for g in _groups([a]) if g["relation"] == "updated"]
    # must not fire: "korrigiert" tells the order of the pair in its clause (179 → 178), not of the vote against it (120)
    b = _doc("b", "Das Parlament stimmte mit 178 zu 120 Stimmen zu. Eine erste Zählung von 179 Stimmen wurde auf 178 "
                  "Stimmen korrigiert.", "2024-05-02")
    assert not [g for g in _groups([b]) if g["relation"] == "updated" and any(c["value"] == 120 for c in g["claims"])]
    # must fire: the earlier figure told alone in its clause ("Zuvor waren 145 Tote bekannt gewesen")
    c = _doc("c", "In Nordhafen ist die Zahl der Toten auf 158 gestiegen. Zuvor waren in Nordhafen 145 Tote bekannt gewesen.",
             "2024-05-02")
    group = _group_of(_groups([c]), "c", 158)
    assert group["relation"] == "updated" and [x["value"] for x in group["claims"]] == [145, 158]


def test_one_claimants_two_values_of_one_day_share_a_step_of_a_series_without_a_place() -> None:
    docs = [_doc("a", "Laut Zivilschutzminister mussten 5.000 Menschen ihre Häuser verlassen.", "2024-05-17", outlet="A"),
            _doc("b", "Laut Zivilschutzminister mussten 10.000 Menschen ihre Häuser verlassen.", "2024-05-17", outlet="B"),
            _doc("c", "Inzwischen mussten 13.000 Menschen ihre Häuser verlassen.", "2024-05-18", outlet="C")]
    group = _group_of(_groups(docs), "c", 13000)
    assert group["relation"] == "updated" and {x["doc"] for x in group["claims"]} == {"a", "b", "c"}, group["reasoning"]
    # must not fire: two claimants' values of one day, no place stated: may be two quantities, no series is made of them
    docs[1] = _doc("b", "Laut Feuerwehr mussten 10.000 Menschen ihre Häuser verlassen.", "2024-05-17", outlet="B")
    group = _group_of(_groups(docs), "c", 13000)
    assert group["relation"] != "updated" or {x["doc"] for x in group["claims"]} != {"a", "b", "c"}


def test_a_part_of_a_toll_is_no_value_of_the_toll() -> None:
    a = _doc("a", "In Nordhafen ist die Zahl der Toten auf vier gestiegen. Unter den Toten sind zwei Männer und zwei Frauen.",
             "2024-05-03")
    b = _doc("b", "In Nordhafen starben 38 Menschen, darunter drei Angreifer.", "2024-05-03")
    groups = _groups([a, b])
    toll = _group_of(groups, "a", 4)
    assert not any(c["value"] == 2 for c in toll["claims"])
    assert _group_of(groups, "b", 3)["id"] != _group_of(groups, "b", 38)["id"]
    # must not fire: a part that states its place is that place's figure; a noun of the measure itself counts it
    c = _doc("c", "Mindestens 200 Menschen starben, davon 164 in Nordhafen.", "2024-05-03")
    d = _doc("d", "In Nordhafen starben 164 Menschen.", "2024-05-03")
    assert {x["doc"] for x in _group_of(_groups([c, d]), "d", 164)["claims"]} == {"c", "d"}


def test_a_vague_amount_is_no_step_of_a_series() -> None:
    a = _doc("a", "In Nordhafen fuhren Tausende Traktoren auf.", "2024-05-02", outlet="A")
    b = _doc("b", "Laut Bauernverband kamen in Nordhafen mehr als 10.000 Traktoren zusammen.", "2024-05-04", outlet="B")
    for g in _groups([a, b]):
        assert g["relation"] != "updated", g["reasoning"]
    # must fire: two values of a running count a day apart are a series
    c = _doc("c", "In Nordhafen wurden 120 Menschen verletzt.", "2024-05-02", outlet="A")
    d = _doc("d", "In Nordhafen wurden 150 Menschen verletzt.", "2024-05-04", outlet="B")
    assert _group_of(_groups([c, d]), "c", 120)["relation"] == "updated"


@pytest.mark.parametrize("text", [
    "In Nordhafen fiel nach dem Sturm der Strom aus. Davon betroffen waren laut Versorger 20.000 Haushalte.",
    "In Nordhafen ist die Luft schlecht. Darunter leiden laut Stadt 3.000 Menschen.",
])
def test_a_pronominal_davon_or_darunter_makes_no_part(text: str) -> None:
    # must not fire: the cue does not stand right before the figure and no whole of its measure stands before it
    a = _doc("a", text, "2024-05-03", outlet="A")
    for g in _groups([a]):
        assert not g["measure_label"].endswith(": part"), g["measure_label"]


def test_a_whole_given_apart_is_corroborated_by_a_davon_sentence() -> None:
    a = _doc("a", "In Nordhafen fiel nach dem Sturm der Strom aus. Davon betroffen waren laut Versorger 20.000 Haushalte.",
             "2024-05-03", outlet="A")
    b = _doc("b", "Nach dem Sturm waren in Nordhafen 20.000 Haushalte ohne Strom.", "2024-05-03", outlet="B")
    assert {x["doc"] for x in _group_of(_groups([a, b]), "b", 20000)["claims"]} == {"a", "b"}
    # must fire: the cue right before the figure, with a hedge, after a whole of the measure
    c = _doc("c", "In Nordhafen starben 38 Menschen, darunter mindestens drei Angreifer.", "2024-05-03")
    assert _group_of(_groups([c]), "c", 3)["id"] != _group_of(_groups([c]), "c", 38)["id"]


def test_two_countries_ministries_of_one_day_make_no_series() -> None:
    # must not fire: "Gesundheitsministerium" of two countries are two claimants, not one count going on
    docs = [_doc("a", "Laut dem nordländischen Gesundheitsministerium starben 120 Menschen.", "2024-02-06", outlet="A"),
            _doc("b", "Laut dem südländischen Gesundheitsministerium starben 45 Menschen.", "2024-02-06", outlet="B"),
            _doc("c", "Inzwischen starben laut dem nordländischen Gesundheitsministerium 300 Menschen.", "2024-02-07",
                 outlet="C")]
    for g in _groups(docs):
        assert not (g["relation"] == "updated" and {"a", "b"} <= {x["doc"] for x in g["claims"]}), g["reasoning"]


def test_a_bare_authority_word_names_no_one_claimant_for_a_series() -> None:
    # must not fire: "Ministerium" alone may be two countries' or two departments' bodies
    docs = [_doc("a", "Laut Ministerium mussten 5.000 Menschen ihre Häuser verlassen.", "2024-05-17", outlet="A"),
            _doc("b", "Laut Ministerium mussten 10.000 Menschen ihre Häuser verlassen.", "2024-05-17", outlet="B"),
            _doc("c", "Inzwischen mussten 13.000 Menschen ihre Häuser verlassen.", "2024-05-18", outlet="C")]
    group = _group_of(_groups(docs), "c", 13000)
    assert group["relation"] != "updated" or {x["doc"] for x in group["claims"]} != {"a", "b", "c"}


@pytest.mark.parametrize("north, south", [("der nordländischen Armee", "der südländischen Armee"),
                                          ("des nordländischen Generalstabs", "des südländischen Militärs")])
def test_two_opposing_armies_of_one_day_contradict_each_other(north: str, south: str) -> None:
    docs = [_doc("a", f"Bei den Kämpfen wurden nach Angaben {north} 300 Soldaten getötet.", "2024-02-06", outlet="A"),
            _doc("b", f"Bei den Kämpfen wurden nach Angaben {south} 50 Soldaten getötet.", "2024-02-06", outlet="B")]
    assert _group_of(_groups(docs), "a", 300)["relation"] == "contradicted"


@pytest.mark.parametrize("text, key", [
    ("das nordländische Gesundheitsministerium", "minister|gesundheits|nordland"), ("Ein Polizeisprecher", "polizei"),
    ("die Armee Israels", "armee|israel"), ("der israelischen Armee", "armee|israel"), ("Polizei", "polizei"),
    # a person is keyed by the last word of the name, with or without a first name
    ("Verkehrsminister Anton Albers", "minister|verkehrs|alber"), ("Verkehrsminister Albers", "minister|verkehrs|alber"),
    ("Verkehrsminister Berta Brandt", "minister|verkehrs|brandt"),
    ("Zivilschutzminister Nello Musumeci", "minister|zivilschutz|musumeci"),
    # a run of capitalised words that is no person's name keys by its first word
    ("die Armee Israels Sprecher", "armee|israel"),
    ("Gesundheitsministerium der Palästinensischen Autonomiebehörde", "minister|gesundheits|palastinens"),
    ("Regierung von Sri Lanka", "regierung|sri"),
])
def test_a_claimant_is_keyed_by_its_authority_and_what_sets_it_apart(text: str, key: str) -> None:
    assert claimant_key(text) == key


def test_a_growing_toll_without_a_place_whose_known_times_rise_is_updated_though_one_value_is_unplaced() -> None:
    # the bus crash's dead: 2 on one day, 5 the next, 7 the day after; a 3 dated only to the month cannot be placed
    docs = [_doc("a", "Bei dem Busunglück starben zwei Menschen.", "2024-05-02", outlet="A"),
            _doc("b", "Bei dem Busunglück starben fünf Menschen.", "2024-05-03", outlet="B"),
            _doc("c", "Bei dem Busunglück starben sieben Menschen.", "2024-05-04", outlet="C"),
            _doc("d", "Bei dem Busunglück starben drei Menschen.", "2024-05", outlet="D")]
    group = _group_of(_groups(docs), "a", 2)
    assert {x["doc"] for x in group["claims"]} == {"a", "b", "c", "d"}
    assert group["relation"] == "updated" and "3 cannot be placed" in group["reasoning"]


def test_a_toll_without_a_place_whose_known_times_do_not_rise_is_no_series() -> None:
    # must not fire: a later day's lower value is no toll going on
    docs = [_doc("a", "Bei dem Busunglück starben fünf Menschen.", "2024-05-02", outlet="A"),
            _doc("b", "Bei dem Busunglück starben zwei Menschen.", "2024-05-03", outlet="B"),
            _doc("c", "Bei dem Busunglück starben sieben Menschen.", "2024-05-04", outlet="C"),
            _doc("d", "Bei dem Busunglück starben drei Menschen.", "2024-05", outlet="D")]
    assert _group_of(_groups(docs), "a", 5)["relation"] != "updated"


def test_a_rising_toll_is_no_series_where_named_claimants_differ_for_one_time() -> None:
    # must not fire: the fire brigade's 5 and the hospital's 9 of one day are two counts or a dispute, not one toll
    # going on, though a later 12 lies above both and an undated 3 cannot be placed
    docs = [_doc("a", "Laut Feuerwehr starben bei dem Busunglück fünf Menschen.", "2024-05-02", outlet="A"),
            _doc("b", "Laut Krankenhaus starben bei dem Busunglück neun Menschen.", "2024-05-02", outlet="B"),
            _doc("c", "Bei dem Busunglück starben zwölf Menschen.", "2024-05-03", outlet="C"),
            _doc("d", "Bei dem Busunglück starben drei Menschen.", "2024-05", outlet="D")]
    groups = _groups(docs)
    assert _group_of(groups, "a", 5)["id"] == _group_of(groups, "b", 9)["id"]
    assert all(_group_of(groups, doc, value)["relation"] != "updated" for doc, value in [("a", 5), ("b", 9), ("c", 12)])
