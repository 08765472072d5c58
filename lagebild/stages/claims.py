"""Annotate numeric claims with value interval, unit, claimant, measure, scope, reference time and subject.

``claims.rules.v1`` runs after ``speech.rules.v1``. The claimant is, in this order: the speaker of a
direct quote holding the number; the source the words around the figure credit
(``claim_sources``: "laut X", "X sprach von N", "…, die Veranstalter N", "Das teilte X mit.");
the speaker of indirect speech or an attribution phrase; else the outlet itself.
The measure (what is counted: dead, injured, participants, vote share …) comes from the measure
vocabulary; the scope is the place or group the figure is about ("in Hamburg", "die AfD") or
"total"; the reference time is the nearest calendar date in the same sentence, else the
publication date (``ref_time_basis`` says which). A toll that keeps growing (a ``cumulative`` measure)
is not dated by its event ("bei der Flut vor einem Jahr") when it is said more than a week later.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from lagebild.compare.claim_values import each_cues
from lagebild.model import Annotation, Document, Provenance, Span
from lagebild.numbers import Quantity, find_quantities
from lagebild.numbers.changes import load_changes, prior_pairs
from lagebild.numbers.clause_cues import load_clause_cues
from lagebild.numbers.find import PART_OF_NOUN
from lagebild.numbers.frames import LIST_LABEL, unit_before
from lagebild.numbers.measures import load_measures
from lagebild.numbers.words import parse_number_word
from lagebild.registry import STAGES
from lagebild.stages.claim_sources import (
    REPORTING_OPEN,
    Claimant,
    carried_claimant,
    clause_of,
    credible_speaker,
    find_claimant,
    institution_end,
    points_back,
    whole_name,
)
from lagebild.stages.speech import language_supported

__all__ = ["RuleClaims", "claim_subject"]

_LABEL_RANK = {"direct": 0, "indirect": 1, "reported": 2}
_MAX_COVER = 6000  # chars: longer than any quote (capped) plus its sentence
_PP_AFTER = re.compile(
    r"[ \t]+((?:in|nach|aus|an|auf|für|im|ins|der|des|gegen|bei|von|vom|zur|zum)[ \t]+(?:[a-zäöüß][\w-]*[ \t]+){0,2}[A-ZÄÖÜ][\w-]*)"
)
_NOUN_AFTER = re.compile(r"[ \t]+([A-ZÄÖÜ][\w-]*\w)")
_NOUN_BEFORE_PREP = re.compile(r"((?:[a-zäöüß][\w-]*(?:e|en|er|es|em)[ \t]+){0,1}[A-ZÄÖÜ][\w-]*)[ \t]+(?:von|auf|um|in|über|mit|bei)[ \t]+(?:\w+[ \t]+)?$")
_CAP_NOUN = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß][\w-]*)")
_FUNCTION_CAPS = frozenset("Der Die Das Den Dem Des Ein Eine Er Sie Es Wir Ich Mit Im In Am Auf Nach Laut Zudem Auch Bislang".split())


def claim_subject(text: str, q: Quantity, sent_start: int) -> tuple[int, int] | None:
    """Return the span of what a quantity is about ("nordkoreanische Soldaten in Russland")."""
    assert q.unit_span is not None
    if q.unit_span[1] <= q.num_start:  # "die Zahl der Toten … auf 211": the noun came first
        return q.unit_span
    if q.unit_kind == "count":
        start = q.num_end
        while start < q.unit_span[0] and text[start].isspace():
            start += 1
        end = q.unit_span[1]
        pp = _PP_AFTER.match(text, end)
        if pp and "\n" not in pp.group():
            end = pp.end()
        return start, end
    after = _NOUN_AFTER.match(text, max(q.unit_span[1], q.num_end))
    if after and after.group(1) not in _FUNCTION_CAPS:
        end = after.end()
        pp = _PP_AFTER.match(text, end)
        if pp and pp.group(1).split()[0] in ("der", "des"):
            end = pp.end()
        return after.start(1), end
    before = text[sent_start : q.start]
    m = _NOUN_BEFORE_PREP.search(before)
    if m:
        return sent_start + m.start(1), sent_start + m.end(1)
    nouns = [m for m in _CAP_NOUN.finditer(before) if m.group(1) not in _FUNCTION_CAPS]
    if nouns:
        m = nouns[-1]
        return sent_start + m.start(1), sent_start + m.end(1)
    return None


def _attribution(quotes: list[Annotation], start: int, end: int) -> Annotation | None:
    """Return the speech annotation whose content covers [start, end), best first.

    ``quotes`` is sorted by span start; spans are capped, so only nearby ones can cover.
    """
    covering = []
    lo = bisect.bisect_left([a.span.start for a in quotes], start - _MAX_COVER)
    for a in quotes[lo:]:
        if a.span.start > end:
            break
        content = a.data.get("content_span") or [a.span.start, a.span.end]
        if content[0] <= start and end <= max(content[1], a.span.end if a.label == "direct" else content[1]):
            spoken = a.data.get("speaker_text") and a.data.get("speaker_resolution") != "unresolved"
            covering.append((0 if spoken else 1, _LABEL_RANK.get(a.label or "", 3), content[1] - content[0], a))
    if not covering:
        return None
    covering.sort(key=lambda c: c[:3])
    return covering[0][3]


@STAGES.register("claims.rules.v1", requires={"sentence", "quote"}, produces={"claim"})
@dataclass
class RuleClaims:
    """Find numeric claims: value interval, unit, hedge, claimant, reference time and subject."""

    max_doc_chars: int = 400_000
    languages: tuple[str, ...] = ("de",)  # German number formats and units; other languages are skipped
    prov: Provenance = field(default=Provenance("claims.rules.v1"), compare=False)

    def __call__(self, doc: Document) -> Document:
        if not language_supported(doc, self.languages):
            return doc
        text = doc.text[: self.max_doc_chars]
        sentences = _join_open_asides(text, sorted((a.span.start, a.span.end) for a in doc.of_kind("sentence")))
        sent_starts = [s for s, _ in sentences]
        quotes = sorted(doc.of_kind("quote"), key=lambda a: a.span.start)
        timexes = doc.of_kind("timex")
        entities = doc.of_kind("entity")
        outlet = doc.meta.outlet or "outlet"
        published = doc.meta.published.value
        # a duration the figure finder keeps ("neun Minuten nach den Schüssen") is a figure although it is a time expression
        quantities = [q for q in find_quantities(text)
                      if not any(t.span.start < q.num_end and q.num_start < t.span.end and not _counted_not_year(text, q, t)
                                 and not (q.unit_kind == "measure" and (t.label == "DURATION" or (t.label == "DATE" and _lasting(q))))
                                 for t in timexes)]
        # "das Mandat von Nicole Solarz (34)" after "1.800 Vorzugsstimmen": an age after a person's name, not a count of
        # the figure before (unlike "Nordrhein-Westfalen (17)" in a list of places)
        people = [e for e in entities if e.label == "PER"]
        # the spans of names a claimant may be part of ("Ärzte ohne Grenzen"), once per article
        names = [(e.span.start, e.span.end) for e in entities if e.label in ("ORG", "MISC", "PER")]
        places = _named_places(text, entities)
        quantities = [q for q in quantities if not (q.unit_from == "ellipsis" and q.value <= 110 and text[q.num_start - 1 : q.num_start] == "("
                                                    and text[q.num_end : q.num_end + 1] == ")" and _after_person(text, q.num_start - 1, people))]
        # a count the date stage read as a year ("in Fulda 1200") is no time of the figures around it
        counted = {t.id for q in quantities for t in timexes if t.span.start < q.num_end and q.num_start < t.span.end}
        timexes = [t for t in timexes if t.id not in counted]
        figures = [q.num_start for q in quantities]
        by_start = {q.num_start: q for q in quantities}
        by_noun: dict[tuple[int, int], str] = {}  # measure of the figure a noun belongs to
        payloads: list[dict[str, Any]] = []
        for q in quantities:
            k = bisect.bisect_right(sent_starts, q.num_start) - 1
            sent = _skip_marker(text, sentences[k] if k >= 0 else (0, len(text)))
            nxt = sentences[k + 1 : k + 3] if k >= 0 else []
            prev = sentences[max(0, k - 2) : k] if k > 0 else []
            data = self._payload(doc, q, sent, (prev, nxt), (figures, by_start), quotes, timexes, (entities, names, places), outlet,
                                 published)
            shared = by_noun.get(q.unit_span) if q.unit_span else None
            if q.unit_from == "ellipsis" and shared is not None and data["measure"] in ("people", "percent"):
                # "In der Türkei starben 4000 Menschen, in Syrien 1500": the figure shares the measure of its noun's figure
                narrower = _narrow_part(text, q, clause_of(text, sent, q.num_start), shared)
                data["measure"], data["measure_label"] = narrower, load_measures().label(narrower)
            if q.unit_from != "ellipsis" and q.unit_span:
                by_noun[q.unit_span] = str(data["measure"])
            payloads.append(data)
        _share_bracket_scope(text, quantities, payloads)
        pairs = prior_pairs(text, quantities, sentences)
        _mark_parts(text, quantities, payloads, (sentences, sent_starts), {i for pair in pairs for i in pair})
        _mark_noun_parts(text, quantities, payloads)
        for old, new in pairs:
            _link_prior(text, (quantities[old], payloads[old]), (quantities[new], payloads[new]), timexes, published)
        for q, data in zip(quantities, payloads, strict=True):
            doc.add("claim", Span(q.start, q.end), self.prov, label="numeric", data=data)
        return doc

    def _payload(self, doc: Document, q: Quantity, sent: tuple[int, int],
                 around: tuple[list[tuple[int, int]], list[tuple[int, int]]], all_figures: tuple[list[int], dict[int, Quantity]],
                 quotes: list[Annotation], timexes: list[Annotation],
                 ents: tuple[list[Annotation], list[tuple[int, int]], frozenset[str]], outlet: str, published: str | None
                 ) -> dict[str, Any]:
        text = doc.text
        entities, names, named_places = ents
        prev, nxt = around
        figures, by_start = all_figures
        att = _attribution(quotes, q.num_start, q.num_end)
        speaker = att.data.get("speaker_text") if att is not None else None
        mention = att.data.get("speaker_mention_span") if att is not None else None
        if att is not None and (att.data.get("speaker_resolution") == "unresolved" or (mention and points_back(text[mention[0] : mention[1]]))):
            speaker = None  # "den Angaben zufolge" names no one: the source is in the sentence before
        if speaker and att is not None and not credible_speaker(text, speaker, att.data.get("speaker_span")):
            speaker = None  # "Wobei eine der Zeuginnen sagt", "im Nordirak seien": no speaker of the figure
        own = None if (att is not None and att.label == "direct" and speaker) else find_claimant(text, sent, q.num_start, nxt, figures)
        if own is not None:
            # "Nach Angaben von Ärzte ohne Grenzen": the organisation's whole name, not its first word
            own = whole_name(text, own, names, q.num_start if own.start < q.num_start else sent[1])
        if own is None and att is not None and att.label == "reported" and not _closing_report(text, sent, att) \
                and (_figure_between(att, q, figures) or _credits_other_clause(text, sent, att, q, figures)):
            att, speaker = None, None  # the attribution phrase credits another figure of the sentence
        if own is None and not speaker:
            # "Den Angaben zufolge …", "Ungefähr 50 Menschen befänden sich dort …": the source of the sentence before
            own = carried_claimant(text, sent, q.num_start, prev)
        hedges = [h for h in (q.hedge, att.data.get("hedge") if att is not None else None) if h]
        # Only calendar points are reference times ("in den kommenden Tagen" → PXD is not).
        in_sentence = [t for t in timexes if sent[0] <= t.span.start < sent[1] and t.label in ("DATE", "TIME")
                       and str(t.data.get("value") or "")[:1].isdigit() and not _compared_across(text, q, t, figures, by_start)]
        timex = min(in_sentence, key=lambda t: abs(t.span.start - q.num_start), default=None)
        subject = claim_subject(text, q, sent[0])
        clause = clause_of(text, sent, q.num_start)
        # "Die Zahl der Menschen, die … ums Leben kamen, ist … auf 141 gestiegen": the frame sits with the noun
        frame_lo = min(clause[0], q.unit_span[0]) if q.unit_from == "before" and q.unit_span else clause[0]
        # "68.000 Mitarbeiter, die sich an dem Ausstand beteiligten": the relative clause says what the counted did,
        # unless the main clause goes on after it with a frame of its own ("12 Menschen, die … verletzt wurden, im
        # Krankenhaus gestorben": the main clause says what is counted)
        frame_hi = _relative_end(text, sent, q, clause[1])
        if load_clause_cues().whole_open.search(text, max(sent[0], q.start - 40), q.start):
            frame_hi = q.end  # "Von den 128 Toten seien 64 identifiziert": the frame after the whole is its part's
        if _part_of(text, clause[0], q.num_start):
            frame_lo = sent[0]  # "…, darunter 39 Kinder": part of the figure before, counted the same way
        frame_text = text[frame_lo:frame_hi]
        rest = _main_clause_rest(text, sent, frame_hi) if frame_hi > clause[1] else None
        if rest is not None:
            main = text[frame_lo : clause[1]] + " " + text[rest[0] : rest[1]]
            if load_measures().of_frame(main, q.num_start - frame_lo) is not None:
                frame_text = main
        whole = _WHOLE_AFTER_PART.search(text, max(sent[0], q.start - 30), q.start) is not None
        # "32 der mehr als 4.200 Menschen an Bord kamen ums Leben": the frame counts the part, not the whole
        measure = load_measures().classify(unit=q.unit, unit_kind=q.unit_kind, clause="" if whole else frame_text,
                                           sentence="" if whole else text[sent[0] : sent[1]], at=0 if whole else q.num_start - frame_lo,
                                           lead=text[max(sent[0], q.start - 30) : q.start], value=q.value)
        if measure == "people" and q.unit_from == "after":
            # "die Zahl der Toten ist auf mindestens 110 Menschen gestiegen": the noun before says what is counted
            framed_noun = unit_before(text, q.num_start, q.num_end)
            named = load_measures().of_noun(framed_noun[0]) if framed_noun is not None and framed_noun[1] == "count" else None
            if named is not None and named.kind == "count" and not named.who:
                measure = named.id
        if q.unit_kind == "count" and not text[q.end : clause[1]].strip() and _LIST_NEXT.match(text, clause[1]):
            # "…, bei der 196 Palästinenser, 28 Israelis und vier Ausländer starben": a list item shares the list's frame
            listed = load_measures().classify(unit=q.unit, unit_kind=q.unit_kind, clause=text[frame_lo : sent[1]],
                                              sentence=text[sent[0] : sent[1]], at=q.num_start - frame_lo)
            vocab = load_measures().by_id(listed)
            if vocab is not None and vocab.any_noun:
                measure = listed
        attributed = _attributed(text, q)
        if attributed is not None:
            measure = attributed  # "Die Zahl der getöteten Palästinenser stieg auf 210": the participle says what is counted
        joint = _joint_measure(text, q)
        if joint is not None:
            measure = joint  # "Die Zahl der Toten und Vermissten stieg auf 200": one count of both, neither alone
        measure = _narrow_part(text, q, clause, str(measure))
        kind = getattr(load_measures().by_id(str(measure).partition(":")[0]), "kind", None)
        scope = _scope(text, q, clause, sent, (entities, named_places), own, figures, share=kind == "points")
        labelled = _list_label(text, q, entities) or _labelled_name(text, q, entities)
        if labelled is not None and (scope is None or scope[1] != "group"):
            scope = labelled  # "In Sitzen: CDU/CSU 208, AfD 152", "die SPD (16,4)": the label names the group
        own_measure = load_measures().of_noun(q.unit or "")
        framed = load_measures().by_id(str(measure).partition(":")[0])
        if _part_of(text, clause[0], q.num_start) and q.unit_kind == "count" and q.unit_from == "after" and q.unit_span \
                and (load_measures().is_generic(q.unit or "") or (own_measure is not None and own_measure.who)
                     or (own_measure is None and framed is not None and framed.any_noun)):
            # "198 Zivilisten starben, darunter 39 Kinder": a part of the figure before, about the children
            scope = (q.unit or "", "group", q.unit_span, None)
        group = _counted_group(text, q, measure, entities)
        if group is not None and (scope is None or scope[1] == "total"):
            scope = group  # "getötete Palästinenser", "drei Soldaten wurden getötet": the people the toll is about
        part = _partitive(text, q, clause, measure)
        if part is not None:
            # "Unter den Toten sind zwei Kinder": dead, about the children (not a count of people of its own)
            measure = part
            if q.unit_span is not None and q.unit_from == "after" and (scope is None or scope[1] == "total"):
                scope = (q.unit or "", "group", q.unit_span, None)
        vote_share = load_measures().by_id("vote_share")
        scope_ent = next((e for e in entities if scope is not None and e.id == scope[3]), None)
        share_of = _SHARE_OF.match(text, q.end)
        if measure == "percent" and scope_ent is not None and scope_ent.label == "ORG" and vote_share \
                and not vote_share.excluded(text[sent[0] : sent[1]]) \
                and not (share_of and vote_share.context is not None and not vote_share.context.search(share_of.group(1))) \
                and any(p is not None and p.search(text) for p in (vote_share.context, vote_share.group_context)):
            # not "20 Prozent der Positionen": a share of something else than votes
            measure = "vote_share"  # "die AfD auf 20,8 Prozent" in an article about an election
        final = load_measures().by_id(str(measure).partition(":")[0])
        if timex is not None and final is not None and final.cumulative:
            # "Bei der Flut vor einem Jahr starben 134 Menschen" a year later: the date names the event; the toll is as
            # of when it is said. Close to the event its date is the better time (publication dates are often coarse).
            stated = [t for t in in_sentence if not (_EVENT_DATE.search(text, max(sent[0], t.span.start - 70), t.span.start)
                                                     and _long_after(str(t.data.get("value") or ""), published))]
            timex = min(stated, key=lambda t: abs(t.span.start - q.num_start), default=None)
        data: dict[str, Any] = {
            # "Dutzende", "Hunderte", "mehrere Tausend": a lower bound, not a value
            "value": None if q.vague else q.value,
            "low": q.low,
            "high": None if q.vague else q.high,
            "bound": _bound(q),
            "value_text": q.value_text,
            "unit": q.unit,
            "unit_kind": q.unit_kind,
            "unit_from": q.unit_from,
            "measure": measure,
            "measure_label": load_measures().label(measure),
            "hedge": ", ".join(dict.fromkeys(hedges)) or None,
            "vague": q.vague,
            "claimant_ann": None,  # replaced below (after the span, so the reference wins in the export)
            "claimant_span": None,
            "claimant_text": outlet,
            "claimant_kind": "outlet",
            "claimant_cue": None,
            "attribution_ann": att.id if att is not None else None,
            "ref_time": (timex.data.get("value") if timex is not None else None) or published,
            "ref_time_basis": "text" if timex is not None else ("publication" if published else None),
            "scope": scope[0] if scope else None,  # as written; the entity is scope_ann (exported as scope_ref)
            "scope_kind": scope[1] if scope else None,
            "scope_span": list(scope[2]) if scope and scope[2] else None,
            # The export turns *_span/*_anns into objects under the base name; the text comes
            # last so that "subject" stays readable there (the ids stay on the annotation).
            "subject_span": list(subject) if subject else None,
            "subject_anns": [e.id for e in entities if subject and e.span.start < subject[1] and subject[0] < e.span.end],
            "subject": text[subject[0] : subject[1]] if subject else None,
        }
        if own is not None:
            data.update(claimant_span=[own.start, own.end], claimant_text=own.text, claimant_kind="speaker", claimant_cue=own.cue)
            ent = next((e for e in entities if e.label in ("ORG", "PER") and own.start <= e.span.start < own.end), None)
            if ent is not None:
                del data["claimant_ann"]
                data["claimant_ann"] = ent.id
        elif speaker and att is not None:
            span = att.data.get("speaker_span")
            if span and text[span[0] : span[1]] == speaker:
                # "die Internationale Organisation für Migration (IOM) teilte mit": the name runs on after "für"
                span = [span[0], institution_end(text, span[0], span[1])]
                speaker = text[span[0] : span[1]]
            data.update(claimant_span=span, claimant_text=speaker, claimant_kind="speaker",
                        claimant_cue=att.data.get("cue") or att.label)
            if att.data.get("speaker_ann"):
                del data["claimant_ann"]
                data["claimant_ann"] = att.data["speaker_ann"]
        data["scope_ann"] = scope[3] if scope else None
        data["time_ann"] = timex.id if timex is not None else None
        return data


#: what opens a bracket right after a figure, with up to two words before the next figure ("Prozent (", "(minus ")
_BRACKET_AFTER = re.compile(r"\s*\(\s*(?:[a-zäöüß+\-–]+\s+){0,2}")


def _share_bracket_scope(text: str, quantities: list[Quantity], payloads: list[dict[str, Any]]) -> None:
    """A figure in brackets right after another one is about what that one is about: "die FPÖ auf 30,79 Prozent
    (34 Mandate)", "die Grünen verloren 4,2 Punkte (minus 12 Sitze)"; only where it names no scope of its own."""
    for (q0, d0), (q1, d1) in pairwise(zip(quantities, payloads, strict=True)):
        if d1.get("scope") is None and d0.get("scope_kind") in ("group", "place") and _BRACKET_AFTER.fullmatch(text, q0.end, q1.start):
            for key in ("scope", "scope_kind", "scope_span", "scope_ann"):
                d1[key] = d0.get(key)


def _lasting(q: Quantity) -> bool:
    """True for a duration the figure finder kept that the date stage reads as a point in time ("nach 36 Stunden lebend
    geborgen", "Nach 48 Stunden ist der Streik zu Ende gegangen"): the figure finder only keeps it inside a story frame."""
    return (q.unit or "").lower() in _DURATION_UNITS


_DURATION_UNITS = frozenset("minute minuten stunde stunden tag tage tagen woche wochen monat monate monaten jahr jahre jahren".split())


def _relative_end(text: str, sent: tuple[int, int], q: Quantity, end: int) -> int:
    """The end of the relative clause of the figure's counted noun when it follows the noun, else ``end``."""
    if q.unit_from != "after" or q.unit_span is None or q.unit_span[1] > end or text[q.unit_span[1] : end].strip():
        return end
    m = load_clause_cues().relative.match(text, end, sent[1])
    return clause_of(text, sent, m.end())[1] if m is not None else end


def _main_clause_rest(text: str, sent: tuple[int, int], rel_end: int) -> tuple[int, int] | None:
    """The rest of the main clause after a relative clause ending at ``rel_end`` (", im Krankenhaus gestorben"), or
    None when what follows opens a clause of its own or holds a figure of its own."""
    if rel_end >= sent[1] or text[rel_end : rel_end + 1] != ",":
        return None
    start = rel_end + 1 + len(text[rel_end + 1 : sent[1]]) - len(text[rel_end + 1 : sent[1]].lstrip())
    rest = clause_of(text, sent, start) if start < sent[1] else (start, start)
    if rest[0] <= rel_end or rest[0] >= rest[1] or load_clause_cues().new_clause.match(text, rel_end + 1, rest[1]) or any(ch.isdigit() for ch in text[rest[0] : rest[1]]):
        return None
    return rest


def _mark_parts(text: str, quantities: list[Quantity], payloads: list[dict[str, Any]],
                sentences: tuple[list[tuple[int, int]], list[int]], changed: set[int]) -> None:
    """"Von den 128 Toten waren 64 …": a figure after such a whole in its clause, of the whole's measure, counts a part
    of it, a measure of its own (``dead:part``); one with its own qualifier ("identifiziert") keeps that.

    A part is never larger than its whole, and a figure the count changed to ("Von den 10 Verletzten … ist die Zahl auf
    25 gestiegen", indices in ``changed`` or after "auf" with a verb of change) is the whole's new value, not a part."""
    vocab = load_measures()
    changes, cues = load_changes(), load_clause_cues()
    spans, sent_starts = sentences
    for i, q in enumerate(quantities):
        if not cues.whole_open.search(text, max(0, q.start - 40), q.start):
            continue
        k = bisect.bisect_right(sent_starts, q.num_start) - 1
        sent = spans[k] if k >= 0 else (0, len(text))
        clause = clause_of(text, sent, q.num_start)
        whole = payloads[i]["measure"]
        for j in range(i + 1, len(quantities)):
            p = quantities[j]
            if p.num_start >= clause[1]:
                break
            if p.value > q.value or j in changed or (changes.auf_before.search(text, max(sent[0], p.start - 20), p.start)
                                                      and changes.verbs.search(text, sent[0], sent[1])):
                continue
            if payloads[j]["measure"] == whole and ":" not in str(whole) and not payloads[j].get("role"):
                payloads[j]["measure"] = f"{whole}:part"
                payloads[j]["measure_label"] = vocab.label(payloads[j]["measure"])


def _mark_noun_parts(text: str, quantities: list[Quantity], payloads: list[dict[str, Any]]) -> None:
    """"Vier der Toten stammen aus der Ukraine": a figure of a toll's noun after "der" counts a part of that toll, a
    measure of its own (``dead:part``), never the toll itself. Only when that noun itself names the figure's measure:
    in "Die Polizei nahm 100 der Demonstranten fest" a verb gave the measure, and the 100 are the whole arrest count."""
    vocab = load_measures()
    for q, data in zip(quantities, payloads, strict=True):
        measure = str(data.get("measure") or "")
        if q.unit_span is None or q.unit_from != "after" or not measure or ":" in measure:
            continue
        part = PART_OF_NOUN.match(text, q.num_end)
        named = vocab.of_noun(part.group(1)) if part is not None else None
        if part is not None and part.start(1) == q.unit_span[0] and named is not None and named.id == measure:
            data["measure"] = f"{measure}:part"
            data["measure_label"] = vocab.label(data["measure"])


#: what ends a clause or opens an aside between a figure and a date (not the comma of "24,1")
_CLAUSE_MARK = re.compile(r"[;:()\[\]]|,(?!\d)")


def _compared_across(text: str, q: Quantity, t: Annotation, figures: list[int], by_start: dict[int, Quantity]) -> bool:
    """True when a comparison separates the figure from the date and another figure of the same unit stands between
    them ("29 Prozent im Vergleich zu den 24,1 Prozent bei der Wahl 2021"): the date is the compared figure's, not this
    one's. Figures of different units are not compared ("1.500 Tote gegenüber 2 Beben")."""
    lo, hi = (q.num_end, t.span.start) if t.span.start >= q.num_end else (t.span.end, q.num_start)
    if hi - lo < 4:
        return False
    if t.span.start < q.num_start:  # "2017 kam sie auf 12, gegenüber 9,5": the compared figure is this one
        return any(lo <= p < hi and _same_unit(by_start.get(p), q) for p in figures) and \
            any(cue.end() == q.num_start for cue in load_changes().compared.finditer(text, lo, q.num_start + 1))
    # the compared figure is the last one before the date, in its clause, not one of a list of comparisons before a
    # closing date of all ("14 gegenüber 13, 40 gegenüber 39 … (alle Zahlen 2011)")
    last = max((p for p in figures if lo <= p < hi), default=None)
    return last is not None and hi - last <= 60 and not _CLAUSE_MARK.search(text, last, hi) \
        and _same_unit(by_start.get(last), q) \
        and any(cue.end() == last for cue in load_changes().compared.finditer(text, lo, hi))


def _same_unit(a: Quantity | None, b: Quantity) -> bool:
    """True when two figures can be compared: the same kind of unit and, for counts, the same counted noun (or nouns
    of the same measure) or a noun left out ("24,1 Prozent gegenüber 29", "40 Tote gegenüber 30 Toten")."""
    if a is None or a.unit_kind != b.unit_kind:
        return False
    if a.unit_kind != "count" or not a.unit or not b.unit or "ellipsis" in (a.unit_from, b.unit_from):
        return True
    if a.unit.lower() == b.unit.lower():
        return True
    vocab = load_measures()
    ma, mb = vocab.of_noun(a.unit), vocab.of_noun(b.unit)
    return ma is not None and mb is not None and ma.id == mb.id


def _after_person(text: str, paren: int, people: list[Annotation]) -> bool:
    """True when a person's name ends right before the parenthesis at ``paren`` ("Nicole Solarz (")."""
    return any(0 <= paren - e.span.end <= 1 and not text[e.span.end : paren].strip() for e in people)


def _bound(q: Quantity) -> str | None:
    """What the figure's interval says: ``lower`` ("mehr als 200", "Hunderte"), ``upper`` ("bis zu 300"), ``range``
    ("60 bis 80", "rund 500"), or None for an exact value."""
    if q.vague or (q.low is not None and q.high is None):
        return "lower"
    if q.low is None and q.high is not None:
        return "upper"
    return "range" if q.low is not None and q.high is not None and q.low < q.high else None


def _link_prior(text: str, old: tuple[Quantity, dict[str, Any]], new: tuple[Quantity, dict[str, Any]],
                timexes: list[Annotation], published: str | None) -> None:
    """"stieg von 30 (am Sonntag) auf 40": 40 is the claim, 30 its prior value, said of a time before the claim's.

    A date between the two figures belongs to the old value; without one the old value's time is only known to
    be earlier (``ref_time_basis`` ``before``, ``ref_time_before`` = the claim's time)."""
    (oq, od), (nq, nd) = old, new
    dated = [t for t in timexes if t.label in ("DATE", "TIME") and str(t.data.get("value") or "")[:1].isdigit()]
    if oq.start < nq.start:
        between = [t for t in dated if oq.end <= t.span.start < nq.start]
        # one right after the new value is the claim's ("auf 40 am Montag")
        after = [t for t in dated if nq.end <= t.span.start <= nq.end + 40 and not re.search(r"[.;!?]", text[nq.end : t.span.start])]
    else:
        # "auf 40, nach zuvor 30 am Sonntag": a date right after the old value, in its clause, is its own; one between
        # the two is the claim's ("auf 40 am Montag, nach zuvor 30")
        between = [t for t in dated if oq.end <= t.span.start <= oq.end + 40 and not _CLAUSE_MARK.search(text, oq.end, t.span.start)
                   and not re.search(r"[.!?]", text[oq.end : t.span.start])]
        after = [t for t in dated if nq.end <= t.span.start < oq.start]
    if nd.get("time_ann") in {t.id for t in between}:
        # the date of the old value is not the claim's
        t = after[0] if after else None
        nd.update(ref_time=(t.data.get("value") if t else None) or published, time_ann=t.id if t else None,
                  ref_time_basis="text" if t else ("publication" if published else None))
    nd["prior_value"] = od.get("value")
    nd["prior_span"] = [oq.start, oq.end]
    od["role"] = "prior"
    od["replaced_by_span"] = [nq.start, nq.end]
    if between:
        t = between[0]
        od.update(ref_time=t.data.get("value"), ref_time_basis="text", time_ann=t.id)
    else:
        od.update(ref_time=None, ref_time_basis="before", time_ann=None)
    od["ref_time_before"] = nd.get("ref_time")


_SHARE_OF = re.compile(r"[ \t]+(?:der|des|aller|ihrer|seiner)[ \t]+(?:[a-zäöüß]+[ \t]+)?([A-ZÄÖÜ][\w-]*)")
#: a date right after the event it names ("bei der Flut vom 14. Juli", "seit dem Anschlag am Donnerstag")
_EVENT_DATE = re.compile(r"(?<![\w])(?:bei|seit|nach|während|infolge|wegen|vor)\s+(?:de[mnrs]|die|das|einem|einer|eines)\s+"
                         r"(?:[\w-]+\s+){1,3}(?:(?:vom|am|im|von|vor|in\s+der\s+Nacht\s+zum)\s+)?$", re.IGNORECASE)
_RETROSPECT_DAYS = 7


def _long_after(event: str, published: str | None) -> bool:
    """True when the publication starts more than a week after the (end of the) event date ("2021-07" vs "2022-07-14")."""
    try:
        y, m = int(event[:4]), int(event[5:7]) if len(event) >= 7 else 12
        end = date(y, m, int(event[8:10])) if len(event) >= 10 else date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        pub = date(int(published[:4]), int(published[5:7]) if len(published) >= 7 else 1, int(published[8:10]) if len(published) >= 10 else 1) \
            if published else None
    except ValueError:
        return False
    return pub is not None and (pub - end).days > _RETROSPECT_DAYS


_WHOLE_AFTER_PART = re.compile(r"(?:\d|(?<![\w-])(?:[Zz]wei|[Dd]rei|[Vv]ier|[Ff]ünf|[Ss]echs|[Ss]ieben|[Aa]cht|[Nn]eun|[Zz]ehn|[Ee]lf|[Zz]wölf))"
                               r"[ \t]+(?:der|von)[ \t]+$")
_NOT_LABELS = frozenset("von bis ab über unter um mit auf bei nach in im am zu für rund etwa circa knapp fast mehr weniger".split())
_OPEN_PAREN = re.compile(r"[ \t]*\($")


def _list_label(text: str, q: Quantity, entities: list[Annotation]) -> tuple[str, str, tuple[int, int], str | None] | None:
    """The label of a list item or a share in parentheses right before its number, when its noun stands before the list."""
    if q.unit_from == "after" or q.unit_span is None or q.unit_span[1] > q.num_start:
        return None
    between = text[q.unit_span[1] : q.num_start]
    if ":" not in between and not (q.unit_kind == "percent" and between.endswith("(")):
        return None
    head = text[max(0, q.num_start - 40) : q.num_start]
    paren = _OPEN_PAREN.search(head)
    if paren is not None:
        head = head[: paren.start()] + " "
    m = LIST_LABEL.search(head)
    if m is None or m.group(1).split()[0].lower() in _NOT_LABELS:
        return None  # "Kostenpunkt: Von 1.800 bis 3.000 Euro"
    s = q.num_start - 40 if q.num_start >= 40 else 0
    span = (s + m.start(1), s + m.end(1))
    ent = next((e for e in entities if e.label in _SCOPE_LABELS and e.span.start < span[1] and span[0] < e.span.end), None)
    return m.group(1), "group", span, ent.id if ent is not None else None


#: a figure opening a parenthesis right after a name: "Bayern (12 Prozent)", "Hessen (rund 9 Prozent)"
_LABEL_PAREN = re.compile(r"[ \t]*\([ \t]*(?:(?:rund|etwa|knapp|über|fast)[ \t]+)?[+-]?[ \t]*$")


def _labelled_name(text: str, q: Quantity, entities: list[Annotation]) -> tuple[str, str, tuple[int, int], str | None] | None:
    """The place or group a figure in parentheses labels ("Die höchsten Werte verzeichneten Bayern (12 Prozent)" →
    Bayern): a place, organisation or other name that ends right before the parenthesis; None before any other word
    ("im Vorjahr (12 Prozent)")."""
    paren = _LABEL_PAREN.search(text, max(0, q.start - 24), q.start)
    if paren is None:
        return None
    name = next((e for e in entities if e.label in _SCOPE_LABELS and e.span.end == paren.start() and e.surface[:1].isupper()), None)
    if name is None:
        return None
    return name.surface, "place" if name.label == "LOC" else "group", (name.span.start, name.span.end), name.id


#: the lower-case words right before a counted noun that stands before its figure ("Zahl der getöteten Palästinenser")
_WORDS_BEFORE_NOUN = re.compile(r"((?:[a-zäöüß][\w-]*[ \t\u00a0]+){1,3})$")


def _adjectives(text: str, q: Quantity) -> str:
    """The words between a figure and its counted noun ("210 getötete Palästinenser"), or before a noun named before the
    figure ("die Zahl der getöteten Palästinenser … auf 210"); empty for any other figure."""
    if q.unit_kind != "count" or q.unit_span is None:
        return ""
    if q.unit_from == "after" and q.unit_span[0] >= q.num_end:
        return text[q.num_end : q.unit_span[0]]
    if q.unit_from == "before":
        m = _WORDS_BEFORE_NOUN.search(text, max(0, q.unit_span[0] - 60), q.unit_span[0])
        return m.group(1) if m is not None else ""
    return ""


def _attributed(text: str, q: Quantity) -> str | None:
    """The measure a participle before the counted noun names ("getöteten Palästinenser" → dead), when the noun itself
    says only who is counted (a noun of people, or one outside the vocabulary); None otherwise ("zerstörte Häuser")."""
    words = _adjectives(text, q)
    if not words.strip() or not q.unit:
        return None
    vocab = load_measures()
    own = vocab.of_noun(q.unit)
    if (own is not None and not own.who) or vocab.never_people(q.unit):
        return None  # "schwer verletzte Tote" does not happen; "betroffene Häuser" are houses; "getötete Schweine" no toll
    found = vocab.of_attribute(words, any_noun_only=own is None and not vocab.is_generic(q.unit))
    return found.id if found is not None else None


#: "… 3 davon schwer", "… zwei von ihnen lebensgefährlich": the figure is a part of the one before
_PART_AFTER = re.compile(r"[ \t]+(?:davon|von[ \t]+ihnen)(?![\w])")
#: a second counted noun joined to a figure's own ("Tote und Vermisste", "Zahl der Toten und Verletzten")
_AND_NOUN = re.compile(r"[ \t]+(?:und|oder|sowie|bzw\.)[ \t]+([A-ZÄÖÜ][\w-]*\w)")


def _narrow_part(text: str, q: Quantity, clause: tuple[int, int], measure: str) -> str:
    """"12 wurden verletzt, darunter 3 schwer", "mindestens drei davon lebensgefährlich": a part of a toll whose verb is
    left out, named by its adverb, is the narrower measure; any other figure keeps ``measure``."""
    if not (_part_of(text, clause[0], q.num_start) or _PART_AFTER.match(text, q.num_end)):
        return measure
    narrower = load_measures().of_part(measure, text[q.num_end : clause[1]])
    return narrower.id if narrower is not None else measure


def _joint_measure(text: str, q: Quantity) -> str | None:
    """The measure of one figure for two tolls named before it ("Die Zahl der Toten und Vermissten stieg auf 200" →
    "dead+missing"), in vocabulary order; None for a figure of one noun, or a second noun that is no toll of its own
    ("Tote und die Zahl …"). After the figure the pair is read as a figure and a toll without one ("zwei Tote und
    Verletzte": two dead, and people injured)."""
    if q.unit_kind != "count" or q.unit_span is None or not q.unit or q.unit_from != "before":
        return None
    m = _AND_NOUN.match(text, q.unit_span[1])
    if m is None:
        return None
    vocab = load_measures()
    first, second = vocab.of_noun(q.unit), vocab.of_noun(m.group(1))
    if first is None or second is None or first.id == second.id or first.who or second.who \
            or first.kind != "count" or second.kind != "count":
        return None
    order = [x.id for x in vocab.measures]
    return "+".join(sorted((first.id, second.id), key=order.index))


def _counted_group(text: str, q: Quantity, measure: str, entities: list[Annotation]) -> tuple[str, str, tuple[int, int], str | None] | None:
    """The group a casualty count is about when its noun says who ("getötete Palästinenser", "drei Soldaten wurden
    getötet", "zwölf Kinder verletzt"); not a noun that says only that people are counted ("Menschen"), nor the
    measure's own noun ("Tote")."""
    vocab = load_measures()
    m = vocab.by_id(measure.partition(":")[0])
    if m is None or not m.any_noun or q.unit_kind != "count" or q.unit_span is None or not q.unit or q.unit_from == "ellipsis":
        return None
    own = vocab.of_noun(q.unit)
    if vocab.is_bare(q.unit) or (own is not None and (not own.who or own.id == m.id)):
        return None  # "1.200 Flüchtlinge" counted as refugees: the noun is what is counted, no group of it
    span = q.unit_span
    ent = next((e for e in entities if e.label in _SCOPE_LABELS and e.span.start <= span[0] and span[1] <= e.span.end), None)
    return q.unit, "group", span, ent.id if ent is not None else None


#: "unter den (zwölf) Toten (sind) …", "Unter den Opfern waren …": the whole the counted people are part of
_PARTITIVE = re.compile(r"(?<![\w])[Uu]nter\s+den\s+(?:[\d.]+\s+|[a-zäöüß]+\s+){0,2}([A-ZÄÖÜ][\w-]*)")


def _partitive(text: str, q: Quantity, clause: tuple[int, int], measure: str) -> str | None:
    """Return the measure of the whole a count of people is a part of ("unter den Toten sind 12 Kinder" → dead)."""
    own = load_measures().by_id(measure)
    if q.unit_kind != "count" or not (measure == "people" or measure.startswith("count:") or (own is not None and own.who)) \
            or q.unit_from != "after":
        return None  # "Unter den Opfern seien drei Soldaten": who is counted, among the dead
    m = next(reversed(list(_PARTITIVE.finditer(text, clause[0], q.num_start))), None)
    if m is None:
        return None
    whole = load_measures().of_noun(m.group(1))
    return whole.id if whole is not None and whole.kind == "count" and not whole.who else None


_YEAR = re.compile(r"\d{4}")
_CLOSES_SENTENCE = re.compile(r"\.(?:\s+[A-ZÄÖÜ\"„]|\s*$)")
_LIST_NEXT = re.compile(r",\s+(?:(?:mindestens|rund|etwa|mehr\s+als|über|fast|knapp)\s+)?(?:\d|(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\s)", re.IGNORECASE)
_PART = re.compile(r"(?<![\w])(?:darunter|davon|von\s+ihnen|unter\s+ihnen)(?![\w])", re.IGNORECASE)
_PART_OF_RE = re.compile(r"\s*(?:darunter|davon|unter\s+ihnen|unter\s+den\s+(\w+))\s", re.IGNORECASE)


def _part_of(text: str, lo: int, hi: int) -> bool:
    """True for a clause that opens with what its figure is part of ("darunter", "unter den Toten"); "unter den
    Trümmern" says where, not of whom."""
    m = _PART_OF_RE.match(text, lo, hi)
    return m is not None and (m.group(1) is None or load_measures().knows(m.group(1)))
#: " date 2024-12 Die IG Metall sprach von …": a crawl marker opening the first sentence is no part of it
_CRAWL_MARKER = re.compile(r"\s{0,3}date \d{4}-\d{2}\s+")


#: longest sentence ``_join_open_asides`` builds: the segmenter's own cap, so a run of open
#: parentheses cannot glue a whole text into one sentence that every figure's search rescans
_JOINED_MAX = 2000


def _join_open_asides(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that ends inside a short parenthesis to the next one ("am Samstag (20. | Januar) jeweils 35.000")."""
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        if out:
            ps, pe = out[-1]
            tail = text[max(ps, pe - 40) : pe]
            if tail.count("(") > tail.count(")") and ")" in text[s : s + 40] and s - pe <= 2 and e - ps <= _JOINED_MAX:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _counted_not_year(text: str, q: Quantity, timex: Annotation) -> bool:
    """True when a four-digit number the date stage read as a year is a count ("stieg die Zahl der Toten auf 1762").

    The number finder has already rejected years by their cue words ("im Jahr", "bis"); a count whose noun
    it found before the number or in the measure vocabulary stays a count.
    """
    if timex.label != "DATE" or not _YEAR.fullmatch(str(timex.data.get("value") or "")) or q.unit_kind != "count" or q.vague:
        return False
    if q.unit_from == "before" or (q.unit_from == "ellipsis" and _CLOSES_SENTENCE.match(text, q.num_end) and not 1900 <= q.value <= 2100):
        return True  # "die Zahl der Toten … auf 1762", "in der Türkei 4000 Menschen, in Syrien 1500."
    # "1300 Menschen", not "2016 angekommenen Migranten" (a year before an adjective) or an ellipsis
    return (q.unit_from == "after" and q.unit is not None and q.unit_span is not None and load_measures().knows(q.unit)
            and q.unit_span[0] - q.num_end <= 2)


def _skip_marker(text: str, sent: tuple[int, int]) -> tuple[int, int]:
    m = _CRAWL_MARKER.match(text, sent[0], sent[1]) if sent[0] < 3 else None
    return (m.end(), sent[1]) if m else sent


def _closing_report(text: str, sent: tuple[int, int], att: Annotation) -> bool:
    """True when the attribution is a clause closing the sentence ("…, wie der Konzern mitteilte.") or opening it ("Wie
    Eurostat mitteilte, betrug die Rate 11,1 Prozent gegenüber 11,2 Prozent"): it credits every figure of the main
    clause, unlike "laut X" right before one figure of a list."""
    cue = att.data.get("cue_span")
    if not cue:
        return False
    clause = clause_of(text, sent, cue[0])
    opening = clause[0] <= sent[0] + 1 and text[clause[0] : clause[0] + 4].lstrip()[:3] in ("Wie", "wie") \
        and text[clause[1] : clause[1] + 1] == ","
    return (clause[0] > sent[0] or opening) and REPORTING_OPEN.match(text, clause[0], clause[1]) is not None \
        and not any(ch.isdigit() for ch in text[clause[0] : clause[1]])


def _credits_other_clause(text: str, sent: tuple[int, int], att: Annotation, q: Quantity, figures: list[int]) -> bool:
    """True when the cue sits in another clause that has a figure of its own ("…, in Halle laut Polizei 3.000")."""
    cue = att.data.get("cue_span")
    if not cue:
        return False
    other, own = clause_of(text, sent, cue[0]), clause_of(text, sent, q.num_start)
    if _PART.search(text, own[0], own[1]):
        return False  # "…, 10.000 von ihnen stellten Asylanträge": a part of the credited figure
    return other != own and any(other[0] <= p < other[1] for p in figures if p != q.num_start)


def _figure_between(att: Annotation, q: Quantity, figures: list[int]) -> bool:
    cue = att.data.get("cue_span")
    if not cue:
        return False
    lo, hi = (cue[1], q.num_start) if cue[1] <= q.num_start else (q.num_end, cue[0])
    return any(lo <= p < hi for p in figures)


#: words that make a figure the total over places or groups; "zusammen" only as an adverb ("zusammen wurden 14
#: verletzt", "zusammen mehr als 300"), not the particle of "kamen … zusammen" nor "zusammen mit"
_TOTAL = re.compile(r"(?<![\w])(?:insgesamt|bundesweit|landesweit|deutschlandweit|europaweit|weltweit|gesamt|total|"
                    r"zusammengerechnet|zusammengenommen|in\s+(?:der\s+)?Summe|alles\s+in\s+allem|"
                    r"(?-i:zusammen)(?=\s+(?!(?:mit|und|oder|sowie|aber|um|zu|sein|gewesen)(?![\w]))[\wäöüÄÖÜ]))(?![\w])", re.IGNORECASE)
#: "Zusammen wurden 14 Menschen verletzt": the capitalised adverb only where it opens the sentence (not „Zusammen gegen Rechts“)
_TOTAL_OPENING = re.compile(r"Zusammen\s+(?:wurden|waren|sind|kamen|starben|haben|hatten|gab|gibt|zählten|zählen)(?![\w])")
_SCOPE_LABELS = ("LOC", "ORG", "MISC")
#: what joins the members of a list: "A und B", "A, B und C", "A bzw. B", "A sowie B"
_LIST_JOIN = re.compile(r"\s*(?:,\s*|\s(?:und|sowie|oder|bzw\.|beziehungsweise|respektive)\s)\s*")
#: a figure of a list of figures, up to the next one: "4,9 und ", "16,4 Prozent, "
_LISTED_FIGURE = re.compile(r"[\d.,]+\s*(?:%|Prozent)?" + _LIST_JOIN.pattern)


def _respective(text: str, q: Quantity, clause: tuple[int, int], groups: list[Annotation], figures: list[int]) -> Annotation | None:
    """The group paired with the figure in "BSW und FDP scheitern mit 4,9 und 4,3 Prozent" (in that order).

    Only when the clause lists its groups, all before the figures, and then exactly as many figures;
    otherwise None and the nearest group decides.
    """
    named = sorted(groups, key=lambda e: e.span.start)
    if len(named) < 2 or any(not _LIST_JOIN.fullmatch(text, a.span.end, b.span.start) for a, b in pairwise(named)):
        return None
    listed = sorted(p for p in figures if named[-1].span.end <= p < clause[1])
    run = listed[: len(named)]
    joined = [_LISTED_FIGURE.fullmatch(text, a, b) is not None for a, b in pairwise(listed)]
    if q.num_start not in run or len(run) != len(named) or not all(joined[: len(named) - 1]) or any(joined[len(named) - 1 : len(named)]):
        return None  # not a list of as many figures as groups ("CDU und CSU kamen auf 28,6 Prozent")
    return named[run.index(q.num_start)]


#: two places named together: "A und B", "A/B", "A sowie B" (not a list of three or more, not "A oder B")
_PAIR_JOIN = re.compile(r"[ \t]*(?:/|[ \t](?:und|sowie|and)[ \t])[ \t]*")


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
#: a number, unless it is part of a date, a time or a word ("am 3. Mai", "2023", "um 20.30 Uhr", "F-22")
_NUMERAL = re.compile(r"(?<![\w.,-])(?!\d{1,2}\.(?:\s|\d{1,2}\.)|(?:19|20)\d\d(?![\d.,])|\d{1,2}[.:]\d\d\s*Uhr)\d")


def _other_numeral(text: str, clause: tuple[int, int], q: Quantity) -> bool:
    """True when the clause holds a number besides the figure's own, in digits or words from two up ("300 und 200",
    "dreihundert und zweihundert"), which the number finder may not have made a figure of its own; dates are no such
    number, nor one inside a word ("zwei F-22-Kampfflugzeuge")."""
    own_end = q.unit_span[1] if q.unit_from == "after" and q.unit_span else q.num_end
    for lo, hi in ((clause[0], q.num_start), (own_end, clause[1])):
        if lo < hi and (_NUMERAL.search(text, lo, hi) is not None
                        or any((parse_number_word(w.group().lower()) or 0) >= 2 for w in _WORD.finditer(text, lo, hi))):
            return True
    return False


def _joint_place(text: str, e: Annotation, in_clause: list[Annotation], q: Quantity, clause: tuple[int, int],
                 figures: list[int]) -> tuple[int, int] | None:
    """The span of "A und B" when the figure's place is one of two places named together in its clause and the figure
    is the pair's: not one given for each ("jeweils"), nor one of as many figures as places ("5.000 und 3.000")."""
    partner = next((o for o in in_clause if o is not e and o.label == "LOC" and o.surface.lower() != e.surface.lower()
                    and (_PAIR_JOIN.fullmatch(text, o.span.end, e.span.start) or _PAIR_JOIN.fullmatch(text, e.span.end, o.span.start))), None)
    if partner is None:
        return None
    lo, hi = min(e.span.start, partner.span.start), max(e.span.end, partner.span.end)
    if any((clause[0] <= p < clause[1] or hi <= p < q.num_start) and p != q.num_start for p in figures):
        return None
    if load_clause_cues().respectively.search(text, clause[0], clause[1]) or _other_numeral(text, clause, q):
        return None  # "In Berlin und Hamburg wurden 300 beziehungsweise 200 …": one figure for each place
    around = text[max(clause[0], lo - 2) : clause[1]]
    if _LIST_JOIN.fullmatch(text[max(clause[0], lo - 3) : lo]) or re.match(r"\s*,", text[hi : hi + 2]):
        return None  # "A, B und C": a list, not a pair
    cue = each_cues()
    if cue is not None and cue.search(around):
        return None
    return lo, hi


_COMPARED_WITH = re.compile(r"(?<![\w])(?:vor|hinter|gegenüber|als)\s+(?:(?:der|die|dem|den|des)\s+)?$")


def _named_places(text: str, entities: list[Annotation]) -> frozenset[str]:
    """Names of organisations and the like that are places: "in der Region Emilia-Romagna" makes a name after a place
    noun a place whatever its label, there and wherever the article names it again ("in der Emilia-Romagna"). Once per
    article, not per figure."""
    noun = load_clause_cues().place_noun
    return frozenset(e.surface for e in entities if e.label in ("ORG", "MISC")
                     and noun.search(text, max(0, e.span.start - 20), e.span.start) is not None)


def _scope(text: str, q: Quantity, clause: tuple[int, int], sent: tuple[int, int],
           ents: tuple[list[Annotation], frozenset[str]], own: Claimant | None, figures: list[int], *, share: bool = False) -> tuple[str, str, tuple[int, int] | None, str | None] | None:
    """Return (text, kind, span, entity id) of the place or group a figure is about, or "total", or None.

    Places are named after "in/im/aus/bei" in the figure's clause (else earlier in the sentence);
    groups are organisations or parties in the clause ("die AfD auf 20,8"), for a percentage or, with ``share``, a change
    of one in points ("Die SPD holt 16,4 Prozent (- 9,3 Punkte)"; not the party it is measured against: "vier Punkte
    vor der SPD"). The claimant is no scope.
    """
    entities, named_places = ents  # the article's entities and which of them are places (``_named_places``)
    points, share = share, share or q.unit_kind == "percent"
    # "Wie die in Großbritannien ansässige Beobachtungsstelle berichtete, starben …": the source's clause names where it sits
    own_clause = clause_of(text, sent, own.start) if own is not None else None
    if own_clause == clause or (own_clause is not None and not REPORTING_OPEN.match(text, own_clause[0], own_clause[1])):
        own_clause = None  # "Laut X gab es Aktionen in Österreich, wo 40 Jobs …": a source phrase, not a clause of its own

    def usable(e: Annotation) -> bool:
        # "in der chinesischen Hafenstadt": an adjective of origin names no place the figure is about
        return e.label in _SCOPE_LABELS and not (own is not None and own.start <= e.span.start < own.end) and e.surface[:1].isupper() \
            and not (own_clause is not None and own_clause[0] <= e.span.start < own_clause[1])

    cues = load_clause_cues()

    def place(e: Annotation, lo: int) -> bool:
        # not where people were taken: "kamen in Krankenhäuser in Rybnik"
        return (e.label == "LOC" or e.surface in named_places) \
            and cues.place_prep.search(text, max(lo, e.span.start - 40), e.span.start) is not None \
            and cues.destination.search(text, max(lo, e.span.start - 40), e.span.start) is None

    in_clause = [e for e in entities if clause[0] <= e.span.start < clause[1] and usable(e)]
    places = [e for e in in_clause if place(e, clause[0])]
    if not places and not share:
        places = [e for e in entities if sent[0] <= e.span.start < clause[0] and usable(e) and place(e, sent[0])]
    if places:
        e = min(places, key=lambda e: abs(e.span.start - q.num_start))
        pair = _joint_place(text, e, in_clause, q, clause, figures)
        if pair is not None:
            # "in Rheinland-Pfalz und Nordrhein-Westfalen mit mehr als 180 Toten": the pair's figure, not one part's
            return text[pair[0] : pair[1]], "place", pair, e.id
        return e.surface, "place", (e.span.start, e.span.end), e.id
    groups = [e for e in in_clause if e.label in ("ORG", "MISC")]
    if groups and share:
        if points:
            # "Die AfD liegt vier Punkte vor der SPD": the party a lead is measured against is not the one it is about
            # (unlike a share: "die Union vor der AfD mit 20,8 Prozent")
            own_groups = [e for e in groups if not _COMPARED_WITH.search(text, max(clause[0], e.span.start - 16), e.span.start)]
            groups = own_groups or groups
        e = _respective(text, q, clause, groups, figures) or min(groups, key=lambda e: abs(e.span.start - q.num_start))
        return e.surface, "group", (e.span.start, e.span.end), e.id
    total = _TOTAL.search(text, clause[0], clause[1])
    if total:
        return total.group(), "total", (total.start(), total.end()), None
    if _TOTAL_OPENING.match(text, sent[0], clause[1]):
        return "Zusammen", "total", (sent[0], sent[0] + len("Zusammen")), None
    return None
