"""Group numeric claims about the same quantity across sources and say how they relate.

Same quantity = same story, same *measure* (what is counted: dead, injured, participants, vote
share …, from the measure vocabulary) and same *scope* (the place or group: "in Hamburg", "die
AfD", or "total"). A claim without a stated scope joins the one scoped group of its measure whose
values it agrees with, else it stays in the group of claims whose scope is not stated. Values of
very different size (more than ``max_ratio`` apart) are different quantities.

Within a group each claim becomes an interval of values (hedges such as "etwa", "knapp", "mehr
als", vague amounts such as "Tausende" and the rounding the figure shows widen it) and a
reference time (its own date, else the article's publication date). Claims whose intervals
overlap form a *phase*:
- one phase carried by several independent origins → ``corroborated``;
- phases that follow each other in time (each later value has a later reference time) → ``updated``;
- different values for the same time from different claimants → ``contradicted``;
- different values whose times cannot be ordered (unknown, or too coarse to tell) → ``cannot_compare``;
- a lone claim → ``single``.
The reasoning says which, and why, in words for every group.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

from lagebild.compare import COMPARE, CorpusContext
from lagebild.compare.claim_measure import (
    _read_general,
    _read_share,
    _settle,
    block_key,
    clause_bounds,
    join_named_people,
    link_equal_values,
)
from lagebild.compare.claim_model import (
    Claim,
    _confirming_origins,
    _decimals,
    _fmt,
    _magnitude,
    _overlap,
    _phase_size,
    _phase_values,
    _pinned,
    _precise,
    _same_bound,
    unit_key,
)
from lagebild.compare.claim_scope import (
    _SOURCE_BEFORE,
    _body_not_group,
    _for_each,
    _joined_with,
    _main_places,
    _near_place,
    _place_after_adjective,
    _says_total,
    claimant_key,
    lead_place,
    no_scope,
    pair_key,
    scope_key,
)
from lagebild.compare.claim_time import _FINE, _days_apart, _days_named, _event_days, _minute
from lagebild.compare.claim_values import (
    DISPUTES,
    cue_pattern,
    is_spread,
    joint_rounding,
    value_interval,
)
from lagebild.compare.claim_verdict import verdict
from lagebild.compare.coverage import independent_origins, origin_label
from lagebild.compare.figure_stage import (
    Stage,
    correction_cues,
    growing_measures,
    running_measures,
    stage_at,
)
from lagebild.events.corpus import (
    entity_key,
    entity_names,
    publication_interval,
    short_id,
    story_of,
)
from lagebild.events.dates import DateInterval, interval_of
from lagebild.model import Annotation, Document, Span
from lagebild.numbers.measures import load_measures

__all__ = ["GROUNDS", "SPLIT_REASONS", "ClaimGrouper", "claimant_key", "no_scope", "pair_key", "scope_key"]

# a figure followed by its parts by place ("200 Tote, davon 164 in Deutschland"; not "30 Verletzte, darunter 5 Kinder")
_PARTS_AFTER = re.compile(r"^[^.;:!?\d]{0,40}?[,(–-]\s*(?:[Dd]avon|[Dd]arunter|including|of whom|of which)\b"
                          r"(?:[^.;:!?]|(?<=\d)[.,](?=\d)){0,40}?\bin\s+(?:der\s+|den\s+|dem\s+|the\s+)?[A-ZÄÖÜ]")


CANNOT_COMPARE = "cannot_compare"
#: a group's ``grounds``: what its relation rests on, for tools that must not parse the reasoning's words
GROUNDS = ("one_claim", "one_source", "one_precise", "agree_within_hedges", "sources_spread", "series",
           "disagreement_replaced", "toll_falls", "unplaced_values", "vague_values", "told_order", "inferred_dates",
           "estimates_replaced", "unit_only", "same_time_rivals", "side_by_side", "same_day", "published_once",
           "count_stage", "no_reference_time", "coarse_times", "earlier_period")
#: a group's ``split_reasons``: why it stands apart from other groups of its story, measure and scope
SPLIT_REASONS = ("size_factor", "occasions", "another_occasion", "another_incident", "side_by_side", "told_apart",
                 "unordered_no_place", "outside_dispute", "earlier_period", "money_kind", "bare_people_per_article",
                 "unit_value_and_noun", "unit_value_per_article", "counted_group", "place_of_report")
#: internal: figures of a measure that counts one occasion each, ordered in time: other occasions, grouped apart
_OCCASIONS = "occasions"


@COMPARE.register("claims.group.v1", requires=set(), produces={"claim_groups"})
@dataclass
class ClaimGrouper:
    """Group numeric claims on the same measure and scope; relation corroborated/updated/contradicted/cannot_compare/single."""

    same_time_days: int = 1  # reference times closer than this count as "the same time"
    same_time_hours: int = 3  # … or, when both are known to the minute, closer than this many hours
    weekday_days: int = 7  # a weekday named without a date is read within this many days after the story's event day
    max_ratio: float = 6.0  # values further apart than this factor are different quantities
    max_fall: float = 0.5  # a growing toll's later figure below this share of an earlier one is another incident's
    inferred_confidence: float = 0.6  # an inferred publication date below this confidence is a guess: no time at all
    open_days: int = 366  # a "not before" date bounds the publication to this many days after it
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.claim_groups = self.group(ctx.docs, ctx.result)

    # -- collection ---------------------------------------------------------------------------
    def _claims(self, docs: Sequence[Document], result: Any, origins: dict[str, str]) -> list[Claim]:
        mention_entity = getattr(result, "mention_entity", None) or {}
        stories = story_of(getattr(result, "stories", None) or [])
        inferred = getattr(result, "inferred_dates", None) or {}
        canonical = entity_names(getattr(result, "entities", None) or [])
        event_days = _event_days(getattr(result, "events", None) or [], stories)
        out = []
        for doc in docs:
            claims = [a for a in doc.annotations if a.kind == "claim"]
            if not claims:
                continue
            by_id = {a.id: a for a in doc.annotations}
            sentences = [a.span for a in doc.annotations if a.kind == "sentence"]
            dct, guessed = self._publication(doc, inferred)
            places = _main_places(doc)
            lead = lead_place(doc)
            ents = [a for a in doc.annotations if a.kind == "entity"]
            locs = [a for a in ents if a.label == "LOC"]
            weekdays = [a for a in doc.annotations if a.kind == "timex" and isinstance(a.data.get("relative"), dict)]
            timexes = [a for a in doc.annotations if a.kind == "timex"]
            for ann in claims:
                data = dict(ann.data)
                values = value_interval(data)
                unit = unit_key(data.get("unit"))
                measure = data.get("measure") or (f"count:{unit}" if unit else None)
                if measure is None or values is None:
                    continue
                sent_no = next((k for k, s in enumerate(sentences) if s.contains(ann.span)), -1)
                sentence = sentences[sent_no] if sent_no >= 0 else ann.span
                scope_ann = by_id.get(data.get("scope_ann") or "")
                if scope_ann is not None and _SOURCE_BEFORE.search(doc.text[max(0, scope_ann.span.start - 30) : scope_ann.span.start]):
                    scope_ann = None  # "laut ARD", "nach Angaben des ZDF": who says it, not what it is about
                named = _place_after_adjective(doc.text, scope_ann, locs)
                if named is not None:
                    scope_ann = named
                # "insgesamt"/"bundesweit" say little without the place: such figures group like unscoped ones
                scope_id = entity_key(doc, scope_ann, mention_entity) if scope_ann is not None else None
                stated = data.get("scope")
                if scope_ann is not None and data.get("scope_kind") == "place" and stated and len(str(stated)) > len(scope_ann.surface):
                    stated = scope_ann.surface  # "in Nordhafen und Südtal": the pair is found below from its nearer part
                scope_text = canonical.get(scope_id or "") or (named.surface if named is not None else stated)
                partner = _joined_with(doc.text, scope_ann, ents)
                if partner is not None and any(
                        (o := by_id.get(a.data.get("scope_ann") or "")) is not None and o.surface.lower() == partner.surface.lower()
                        for a in claims if a is not ann and sentence.contains(a.span)):
                    partner = None  # "BSW und FDP scheitern mit 4,9 und 4,3 Prozent": each its own figure, respectively
                each_of = None  # "In Nordhafen und Südtal demonstrierten jeweils 5.000": each place's figure, not the pair's
                if partner is not None and scope_ann is not None and _for_each(doc.text, (scope_ann, partner), ann, sentence):
                    each_of, partner = partner, None
                scope = scope_key(scope_text) if scope_id is not None and scope_text else None
                if partner is not None and scope is not None and scope_text:
                    # "CDU und CSU kommen auf 29 Prozent", "SPD/Die Linke": the pair's figure, not one part's; keyed by
                    # both parts' keys (a part's name may be of several words: "Bad Südtal"), shown by both names
                    other = canonical.get(entity_key(doc, partner, mention_entity) or "") or partner.surface
                    scope = pair_key(scope_text, other)
                    scope_text = f"{other}/{scope_text}" if partner.span.start < scope_ann.span.start else f"{scope_text}/{other}"  # type: ignore[union-attr]
                if scope is not None and (no_scope(scope_text) or no_scope(scope_ann.surface if scope_ann else None)
                                          or _body_not_group(doc, scope_ann, str(measure))):
                    scope = None
                if scope is None and no_scope(scope_text):
                    scope_text = None
                ref, basis = self._ref_time(data, by_id, dct)
                event_named = _names_event_day(ref, basis, dct, str(measure), event_days.get(stories.get(doc.id, "")))
                if event_named and ref is not None and dct is not None:
                    # as of some time between the event and the report: not the event's day, and not known to be the
                    # report's own day either (a later article may retell an earlier count)
                    ref, basis = DateInterval(ref.start, dct.end, f"{ref.start.isoformat()}/{dct.end.isoformat()}", "range"), "publication"
                prior = data.get("role") == "prior"  # "stieg von 30 auf 40": 30 is the value before 40
                if prior and basis == "publication":
                    # no date of its own: only known to be before its replacement's time, not of the publication day
                    ref, basis = None, "before"
                minute = _minute(data, doc, basis)
                if not prior and (basis == "publication" or ref is None or ref.granularity not in _FINE):
                    # "bis Montag 117 Tote" in an article dated to the month: the Monday after the event
                    # a running count's figure on the event day is how far the count had come when reported; a
                    # figure of anything else said of the event's day ("am Sonntag wurden 41 Flugzeuge getroffen",
                    # "am Samstag demonstrierten 100.000") is about that day
                    once = str(measure).partition(":")[0] not in running_measures()
                    weekday = self._weekday_ref(weekdays, sentence, event_days.get(stories.get(doc.id, "")), dct, once)
                    if weekday is not None:
                        on_event_day = event_days.get(stories.get(doc.id, "")) == weekday.start
                        basis = "text (weekday of the event day)" if on_event_day else "text (weekday after the event day)"
                        ref, minute = weekday, None
                past = basis != "publication" and ref is not None and dct is not None and ref.granularity not in _FINE \
                    and ref.granularity != "month" and ref.end < dct.start
                # an article without a publication date: a year (or half, quarter, season) its sentence names is the
                # period the figure is about ("Wurden 2012 noch 1,93 Milliarden verschickt, waren es 2015 …"), so
                # figures of different periods are different quantities, not one figure updated
                period = dct is None and basis in ("claim", "text") and ref is not None \
                    and ref.granularity in ("year", "decade", "half", "quarter", "season")
                if basis == "publication" and guessed:
                    basis = "publication (inferred)"
                shown_basis = "publication (the day its sentence names is the event's)" if event_named and basis == "publication" else basis
                claimant_ann = by_id.get(data.get("claimant_ann") or "")
                claimant = data.get("claimant_text") or (claimant_ann.surface if claimant_ann else None)
                span = doc.span_json(ann.span)
                stage = stage_at(doc.text, (sentence.start, sentence.end))
                out.append(
                    Claim(
                        doc, ann, stories.get(doc.id, ""), str(measure), scope, scope_text, values, ref, basis, claimant,
                        origins.get(doc.id, doc.id),
                        {
                            "id": f"{doc.id}#{ann.id}",
                            **span,
                            "sentence": doc.span_json(sentence),
                            "value": data.get("value"),
                            "low": values[0],
                            "high": None if values[1] == float("inf") else values[1],
                            "value_text": data.get("value_text") or ann.surface,
                            "hedge": data.get("hedge"),
                            "unit": data.get("unit"),
                            "measure": measure,
                            "scope_text": data.get("scope"),
                            "claimant": claimant,
                            "origin": origins.get(doc.id, doc.id),
                            "ref_time": ref.value if ref else None,
                            "ref_time_basis": shown_basis,
                            **({"ref_time_before": data.get("ref_time_before")} if basis == "before" else {}),
                            "stage": stage.id if stage else None,
                        },
                        doc_places=places,
                        stage=stage,
                        past=past,
                        period=period,
                        guess=basis == "publication (inferred)" and self._guessed(doc, inferred),
                        near_place=_near_place(doc.text, locs, sentence.start),
                        lead_place=lead,
                        minute=minute,
                        spread=is_spread(data, doc.text[sentence.start : sentence.end]),
                        whole=bool(_PARTS_AFTER.match(doc.text[ann.span.end : min(sentence.end, ann.span.end + 60)])),
                        total=_says_total(doc.text, sentence, ann.span.start, ann.span.end, locs),
                        replaced_by=_replaced_by(data, claims),
                        sent_no=sent_no,
                        sentence_text=doc.text[sentence.start : sentence.end],
                        sentence_start=sentence.start,
                        corrects=_says_correction(doc.text, sentences, sent_no, ann.span),
                        days=_days_named(timexes, sentence),
                    )
                )
                if each_of is not None and out[-1].scope is not None:
                    # the figure is also the other place's: one claim, read once for each place
                    name = canonical.get(entity_key(doc, each_of, mention_entity) or "") or each_of.surface
                    out.append(replace(out[-1], scope=scope_key(name), scope_text=name,
                                       json={**out[-1].json, "scope_text": each_of.surface, "for_each": True}))
        return out

    def _publication(self, doc: Document, inferred: dict[str, dict[str, Any]]) -> tuple[DateInterval | None, bool]:
        """The article's publication date as the interval the evidence allows, and whether it was inferred.

        A printed date is taken as printed. An inferred one (``inferred_dates``) is taken by its bounds, not its point:
        the range its evidence allows (a weekday without a date: the week), or only "not before" the latest date the
        article tells as past (open-ended). Such bounds order figures only where they do not overlap another figure's
        time. An inference below ``inferred_confidence`` (an undated article placed at its story's first month, with
        no evidence of its own) is a guess, not a bound: it keeps its month, which may order a series against a later
        month (the reasoning then says the order rests on inferred dates), but never sets figures apart as other
        occasions (``_known_apart``)."""
        if doc.meta.published.value:
            return publication_interval(doc, inferred)
        entry = (inferred or {}).get(doc.id) or {}
        if entry.get("value") is None:
            lower = interval_of(entry.get("not_before"))
            if lower is None:
                return None, False
            # open-ended ("2024-05-05/"), its end capped at a year on: far enough to overlap every figure of a story, and
            # arithmetic on it (a day added to its end) never leaves the calendar
            return DateInterval(lower.start, lower.start + timedelta(days=self.open_days), f"{lower.start.isoformat()}/", "range"), True
        if float(entry.get("confidence") or 0.0) < self.inferred_confidence:
            return publication_interval(doc, inferred)
        dct, guessed = publication_interval(doc, inferred)
        bounds = entry.get("range")
        if dct is not None and isinstance(bounds, list) and len(bounds) == 2:
            wide = interval_of(f"{bounds[0]}/{bounds[1]}")
            if wide is not None and (wide.start < dct.start or wide.end > dct.end):
                dct = wide  # the point is one reading; the evidence allows the whole range
        return dct, guessed

    def _guessed(self, doc: Document, inferred: dict[str, dict[str, Any]]) -> bool:
        """True when the article's publication date is inferred without evidence of its own (below
        ``inferred_confidence``): a guess, not a bound."""
        entry = (inferred or {}).get(doc.id) or {}
        return not doc.meta.published.value and entry.get("value") is not None \
            and float(entry.get("confidence") or 0.0) < self.inferred_confidence

    @staticmethod
    def _ref_time(data: dict[str, Any], by_id: dict[str, Annotation], dct: DateInterval | None) -> tuple[DateInterval | None, str]:
        ref = data.get("ref_time")
        if isinstance(ref, dict):
            ref = ref.get("value")
        if data.get("ref_time_basis") == "publication":
            ref = None  # the publication date below is the corpus-level one (it may have been inferred since)
        iv = interval_of(ref)
        if iv and iv.granularity == "minute":
            iv = interval_of(iv.value[:10])
        if iv:
            return iv, "claim"
        tx = by_id.get(data.get("time_ann") or "")
        if tx is not None:
            iv = interval_of(tx.data.get("value"))
            if iv:
                return iv, "text"
        return (dct, "publication") if dct else (None, "unknown")

    # -- grouping -----------------------------------------------------------------------------
    def _by_size(self, claims: list[Claim]) -> list[list[Claim]]:
        """Split claims into runs of one order of magnitude (a 3.000 and a 50.000 are different quantities).

        A run whose largest value is more than ``max_ratio`` times its smallest is cut at its widest gap
        between neighbouring values, again until none is, so one stray value at either end does not move
        the cut through the middle of a cluster. A running count (a toll revised as victims are found:
        4 → 18 → 90 → 141) grows step by step far beyond one order of magnitude: it is cut only where
        neighbouring values are more than ``max_ratio`` apart."""
        ordered = sorted(claims, key=lambda c: (_magnitude(c) or 0.0, c.doc.id, c.ann.span.start))
        sized = [c for c in ordered if (_magnitude(c) or 0.0) > 0]
        unsized = [c for c in ordered if (_magnitude(c) or 0.0) <= 0]
        running = bool(claims) and claims[0].measure.partition(":")[0] in running_measures()
        runs: list[list[Claim]] = []

        def cut(items: list[Claim]) -> None:
            sizes = [_magnitude(c) or 0.0 for c in items]
            gaps = [b / a for a, b in pairwise(sizes)]
            too_wide = max(gaps, default=1.0) > self.max_ratio if running else sizes[-1] > self.max_ratio * sizes[0]
            if len(items) < 2 or not too_wide:
                runs.append(items)
                return
            at = max(range(len(gaps)), key=lambda i: (gaps[i], -i)) + 1
            cut(items[:at])
            cut(items[at:])

        if sized:
            cut(sized)
        if unsized:  # no size to tell: with the smallest values
            if runs:
                runs[0][:0] = unsized
            else:
                runs.append(unsized)
        return runs

    def group(self, docs: Sequence[Document], result: Any) -> list[dict[str, Any]]:
        """Return claim groups (contract: CorpusResult.claim_groups)."""
        origins = independent_origins(result, docs)
        claims = self._claims(docs, result, origins)
        for c in claims:
            _read_share(c)
        _read_general(claims)
        for c in claims:
            _settle(c)
        join_named_people(claims)
        link_equal_values(claims)
        # a word of order in a clause that holds another figure ("eine erste Zählung von 179 wurde auf 178 korrigiert",
        # "stieg von 30 auf 40") tells the order of those two, not of either against the article's other figures
        shared = Counter((c.doc.id, c.sentence_start, clause_bounds(c)) for c in claims)
        for c in claims:
            if shared[(c.doc.id, c.sentence_start, clause_bounds(c))] > 1:
                c.told = 0
        blocks: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        scopes: dict[str, set[str]] = defaultdict(set)  # story → the places its figures are about (any measure)
        for c in claims:
            # a figure its sentence dates to an earlier year ("24,1 Prozent bei der Wahl 2021") is that period's
            # figure, another quantity than the reports' own: grouped with figures of that period only
            # (a year or longer; a week or season before may be the same running count, read coarsely)
            blocks[(c.story, block_key(c)[0] + (f"@{c.ref.value}" if _earlier_period(c) and c.ref is not None else ""))].append(c)
            if c.scope:
                scopes[c.story].add(c.scope)
        for c in claims:
            # a place no figure of the story is about (a hospital's town, where other persons were counted) is no
            # rival of the lead place; one that other figures are about is, whatever they count ("35.000 Menschen
            # versammelten sich in Wien. Die Veranstalter sprachen von 80.000 Personen")
            if c.near_place not in scopes[c.story]:
                c.near_place = None
        out: list[dict[str, Any]] = []
        per_measure = Counter((block[0].story, block[0].measure) for block in blocks.values())
        for block in blocks.values():
            first = len(out)
            # where a measure is counted place by place (an article gives it for two places or more: "47.000 in
            # Wolfsburg, 12.500 in Kassel"), a total is the sum over them: it states no one place, like the
            # figures that name none (most often the story's total too), and is never read as one place's figure,
            # however its value agrees with one. Where each article counts at one place (the scene, a town where
            # the injured are treated), "insgesamt" is the count of that one event.
            by_doc: dict[str, set[str]] = defaultdict(set)
            for c in block:
                if c.scope and not c.total and c.ann.data.get("scope_kind") == "place":
                    by_doc[c.doc.id].add(c.scope)
            sites = any(len(places) > 1 for places in by_doc.values())
            for c in block:
                c.total = c.total and sites and (c.scope is None or c.ann.data.get("scope_kind") == "place")
                if c.total:
                    c.scope, c.scope_text = None, None
            totals = [c for c in block if c.total and _pinned(c)]
            scoped: dict[str | None, list[Claim]] = defaultdict(list)
            for c in block:
                scoped[c.scope].append(c)
            # only figures that state the place, or whose article names it, vouch for a figure read as it by its
            # values alone: one read as it by its values does not (else the order the figures are met in would
            # decide, and such readings would chain from one agreeing value to the next). Each pass reads against
            # what the pass before settled.
            stated = {k: list(v) for k, v in scoped.items() if k}
            unscoped = scoped.pop(None, [])
            named = {id(c): fits[0] for c in unscoped if len(fits := self._named_fits(c, stated, totals)) == 1}
            for c in unscoped:
                if id(c) in named:
                    stated[named[id(c)]].append(c)
            for c in unscoped:
                fits = [named[id(c)]] if id(c) in named else self._value_fits(c, stated, totals)
                if len(fits) == 1:
                    c.scope_assumed = True
                    c.scope_text = c.scope_text or scoped[fits[0]][0].scope_text
                    scoped[fits[0]].append(c)
                else:
                    scoped.setdefault("", []).append(c)
            apart: list[Claim] = []  # read as a disputed place, but no part of the dispute: back among the unscoped
            for key, members in scoped.items():
                if key != "":
                    if key and "+" in key:  # two parties or groups together: their figure may add the parts' rounding
                        for c in members:
                            extra = joint_rounding(c.ann.data)
                            if extra:
                                c.values = (c.values[0] - extra, c.values[1] + extra)
                                c.json["low"], c.json["high"] = c.values
                    runs = self._joined_disputes(self._by_size(members))
                    for run in runs:
                        groups, rest = self._scoped_groups(run)
                        out.extend(self._sized_apart(groups, len(runs)))
                        apart.extend(rest)
            if apart:
                for c in apart:
                    c.scope_assumed, c.scope_text, c.apart = False, None, True
                scoped.setdefault("", []).extend(apart)
            runs = self._joined_disputes(self._by_size(scoped.get("", [])), scoped=False)
            for run in runs:
                out.extend(self._sized_apart(self._unscoped_groups(run), len(runs)))
            keyed = block_key(block[0])[1]
            if keyed is not None and per_measure[(block[0].story, block[0].measure)] > 1:
                # keyed finer than the measure, and the story has other groups of it: apart from them by that key
                for g in out[first:]:
                    g["split_reasons"].append(keyed)
        out.sort(key=lambda g: (-g["independent_sources"], g["subject"], g["id"]))
        return out

    def _joined_disputes(self, runs: list[list[Claim]], scoped: bool = True) -> list[list[Claim]]:
        """Join runs of one place that the size cut set apart when two named claimants give their values for
        the same time as rivals over one count: in one article, the one figure borrowing the other's noun
        ("Die Polizei sprach von 8.000 Teilnehmern, die Veranstalter von 65.000") or naming the same noun in a
        sentence that sets it against the other ("sprachen dagegen von 65.000 Teilnehmern"), or in two articles that both
        state the place. That is a dispute about one quantity, however far apart, not two quantities; the
        group's reasoning says how far apart the values lie. Without a stated place (``scoped`` false) only the
        first kind joins: two articles' figures may be about two places."""
        if len(runs) < 2:
            return runs
        out: list[list[Claim]] = []
        named: list[list[Claim]] = []  # the named figures of each joined run: only they can be rivals
        for run in runs:
            mine = [c for c in run if c.named]
            target = next((k for k, prev in enumerate(named)
                           if any(self._rivals(x, y) and (scoped or x.doc.id == y.doc.id) for x in mine for y in prev)), None)
            if target is None:
                out.append(list(run))
                named.append(mine)
            else:
                out[target].extend(run)
                named[target].extend(mine)
                for c in out[target]:
                    c.rival_join = True
        return out

    def _rivals(self, x: Claim, y: Claim) -> bool:
        """True for figures of two named claimants for the same time that speak of one count (see ``_joined_disputes``)."""
        if not (x.named and y.named) or x.source_key == y.source_key or not self._clash([x], [y]):
            return False
        if x.doc.id != y.doc.id:
            return not (x.scope_assumed or y.scope_assumed)
        nouns = {tuple(c.ann.data.get("subject_span") or ()) for c in (x, y)}
        return (len(nouns) == 1 and () not in nouns and "ellipsis" in {c.ann.data.get("unit_from") for c in (x, y)}) \
            or _set_against(x, y)

    def _sized_apart(self, groups: list[dict[str, Any]], runs: int) -> list[dict[str, Any]]:
        """Say in the reasoning when other figures of the same measure and scope were set apart by their size."""
        if runs > 1:
            for g in groups:
                g["split_reasons"].append("size_factor")
                g["reasoning"] += (f" Other figures of this measure{' for ' + g['scope'] if g['scope'] else ''} differ"
                                   f" in size from these by more than a factor of {self.max_ratio:g}; they are taken for"
                                   " a different quantity and grouped apart.")
        return groups

    @staticmethod
    def _candidates(c: Claim, stated: dict[str, list[Claim]], weak_rival: bool = True) -> list[str]:
        """The scoped groups an unscoped figure may belong to: all, unless another place is named just before
        the figure ("… in Wien. Die Veranstalter sprachen von 80.000"), and never a place for a figure split into
        parts right after it (the whole is not one part's place: "mindestens 200 Tote, davon 164 in Deutschland").
        A place where only another measure was
        counted is a weaker rival: it does not stand against a group (of the place the article is about, with
        ``weak_rival``) whose values the figure agrees with."""
        weak = weak_rival and c.near_place not in stated
        return [k for k in stated if not ((c.whole or c.total) and _is_place(stated[k])) and (
                c.near_place in (None, k) or not _is_place(stated[k]) or (weak and any(_overlap(c, o) for o in stated[k])))]

    def _named_fits(self, c: Claim, stated: dict[str, list[Claim]], totals: Sequence[Claim] = ()) -> list[str]:
        """The groups whose place the figure's article names (its lead, its main place, or just before it);
        of several, the ones whose values it agrees with. Where a total over the places is given, a figure
        that agrees with a total and not with the named place is read as no place's ("68.000 Teilnehmer, die
        meisten davon in Wolfsburg" beside 38.000 in Wolfsburg and 68.000 at all sites together)."""
        candidates = self._candidates(c, stated)
        fits = [k for k in candidates if k in c.doc_places]
        if not fits and c.near_place in candidates:
            fits = [c.near_place]  # named just before the figure ("In Sinzig … Mindestens 28 Menschen starben")
        if len(fits) > 1:  # the article names several: the one whose values it agrees with
            fits = [k for k in fits if any(_overlap(c, o) for o in stated[k])]
        if fits and any(_overlap(c, t) for t in totals if t is not c) \
                and not any(_overlap(c, o) for k in fits for o in stated[k]):
            return []
        return fits

    def _value_fits(self, c: Claim, stated: dict[str, list[Claim]], totals: Sequence[Claim] = ()) -> list[str]:
        """The groups an unscoped figure may be read as: those its article names, else (it names none, or
        none agrees) the ones whose values agree with it (a place in the article's lead does not rule a group
        out: it may be a dateline, or a region the group's place lies in)."""
        fits = self._named_fits(c, stated, totals)
        if not fits:
            # agreeing says something only for a finite figure, or the very bound another gives ("mehr als
            # 35.000" twice), not for two open ranges that merely meet; a place named just before the figure
            # in the body (not the lead or dateline, which may be an agency's office or a wider region) stands
            # against a place its article does not name, whatever is counted there
            candidates = self._candidates(c, stated, weak_rival=c.near_place in c.doc_places)
            fits = [k for k in candidates if any(_overlap(c, o) and (_precise(o) or _precise(c) or _same_bound(c, o))
                                                 for o in stated[k])]
        if len(fits) > 1 and _decimals(c) >= 2:
            # a figure given to several decimals ("4,972 Prozent") is the group that gives that very figure
            same = [k for k in fits if any(o.json.get("value") == c.json.get("value") for o in stated[k])]
            fits = same if len(same) == 1 else fits
        return fits

    def _unscoped_groups(self, run: list[Claim], split: bool = False) -> list[dict[str, Any]]:
        """Groups of figures that state no place or group.

        Differing values with no time to order them stay one group that cannot be compared: nothing in the text
        sets them apart (a place or day of their own would), and splitting them by value alone would show each
        part as settled. A dispute binds the figures of the articles it is
        seen in and the figures of other articles that give a disputed value themselves; another
        article's figure that a disputed one merely allows may be about another place and is grouped apart."""
        group = self._group_json(run, unscoped_split=split)
        occasions = self._occasions(group, run)
        if occasions is not None:
            return occasions
        if group["relation"] == CANNOT_COMPARE and not split:
            # figures without a stated place from articles that report from places none of the others is about (the
            # place of the headline or dateline, "München – …", not among the other articles' main places) are two
            # places' figures
            leads = _lead_parts(run)
            if len(leads) > 1:
                out = []
                for items in leads:
                    for g in self._unscoped_groups(items, split=True):
                        g["reasoning"] += (" Figures of this measure without a stated place from articles that report"
                                           " from another place (headline or dateline) are grouped apart.")
                        g["split_reasons"].append("place_of_report")
                        out.append(g)
                return out
        if group["relation"] in (CANNOT_COMPARE, "updated"):
            phases = [[c for c in run if c.phase == n] for n in range(len(group["phases"]))]
            parts = self._told_parts([p for p in phases if p])
            if len(parts) > 1:
                out = []
                for items in parts:
                    for g in self._split_json(items):
                        g["split_reasons"].append("told_apart")
                        g["reasoning"] += (" Other figures of this measure without a stated place are set apart from these:"
                                           " an article gives both side by side from one source, or they count occasions"
                                           " on different days, so they are different quantities.")
                        out.append(g)
                return out
        if group["relation"] == "contradicted" and run[0].measure.partition(":")[0] not in running_measures():
            # without a place, a value no claimant disputes (another party's gain beside a dispute over one
            # party's) is not shown to be the disputed quantity: it is grouped apart (a running toll's other
            # values are the same count at other times: they stay)
            count = 1 + max((c.phase for c in run), default=-1)
            phases = [[c for c in run if c.phase == n] for n in range(count)]
            involved = {n for i, j in combinations(range(count), 2) if self._clash(phases[i], phases[j]) for n in (i, j)}
            involved |= {c.phase for c in run if c.spread}
            outside = [c for c in run if c.phase not in involved]
            if involved and outside:
                inside_run = [c for c in run if c.phase in involved]
                return [*self._unscoped_groups(inside_run, split=True), *self._unscoped_groups(outside, split=True)]
        if group["relation"] == "contradicted":
            disputed, inside = self._disputed_docs(run)
            # another article's figure stays when it gives a disputed value itself: the same claimant's value,
            # a precise figure agreeing with a precise one ("41" beside "41") or the very bound one side gives
            # ("mehr als 350.000" twice), not one a bare bound allows
            rest = [c for c in run if c.doc.id not in disputed
                    and not any(_overlap(c, d) and (c.source_key == d.source_key or (_pinned(c) and _pinned(d))
                                                    or _same_bound(c, d)) for d in inside)]
            if disputed and rest:
                kept = [c for c in run if c not in rest]
                return [*self._split_json(kept, unscoped_split=True), *self._unscoped_groups(rest, split=True)]
        return [group]

    def _told_parts(self, phases: list[list[Claim]]) -> list[list[Claim]]:
        """Phases that cannot be compared, in parts that hold no two phases the text tells apart (``_told_apart``);
        the phase with most figures first, each next one joins the first part it is not told apart from."""
        parts: list[list[list[Claim]]] = []
        for items in sorted(phases, key=lambda p: -len(p)):
            home = next((part for part in parts if not any(self._told_apart(items, other) for other in part)), None)
            if home is None:
                parts.append([items])
            else:
                home.append(items)
        return [[c for items in part for c in items] for part in parts]

    def _told_apart(self, a: list[Claim], b: list[Claim]) -> bool:
        """True when the text shows two phases of differing values are different quantities, not one figure at
        unknown times or one updated: one article gives a value of each for one time, neither replacing the other
        nor told as earlier, and not as rival claimants' sides of a dispute ("324 der 733 Sitze"; a union's demand
        of 500 Euro and an official's 2.900 Euro wage); or both count one occasion each and their times are known
        apart."""
        for x in a:
            for y in b:
                if x.doc.id == y.doc.id and not (x.told or y.told or x.spread or y.spread) \
                        and not (_replaces(x, y) or _replaces(y, x) or _told_before(x, y) or _told_before(y, x)) \
                        and not self._known_apart(x, y) and not self._clash([x], [y]):
                    return True
        return all(c.occasion for c in a + b) and all(self._known_apart(x, y) for x in a for y in b)

    def _disputed_docs(self, run: list[Claim]) -> tuple[set[str], list[Claim]]:
        """The articles a group's dispute is seen in (a clash, or a spread of sources' figures), after
        ``_group_json`` numbered the phases, and the figures of those articles."""
        count = 1 + max((c.phase for c in run), default=-1)
        phases = [[c for c in run if c.phase == n] for n in range(count)]
        disputed = {c.doc.id for i, j in combinations(range(len(phases)), 2)
                    for pair in self._clashes(phases[i], phases[j]) for c in pair}
        disputed |= {c.doc.id for c in run if c.spread}
        return disputed, [c for c in run if c.doc.id in disputed]

    def _scoped_groups(self, run: list[Claim]) -> tuple[list[dict[str, Any]], list[Claim]]:
        """Groups of figures about one stated place or group.

        A dispute is about the time and place it is seen at: figures of other articles that state no place
        themselves (read as the group's place only because their article is about it), take no part in the
        dispute and give none of the disputed values are not made part of it, for counts of one occasion
        (attendance, participants: "fast 100.000 beim ersten Warnstreik" beside a dispute of union and company
        over the second one). They are returned to be grouped with the figures without a stated place. A
        running toll's other values are the same count at other times: they stay."""
        group = self._group_json(run)
        occasions = self._occasions(group, run)
        if occasions is not None:
            return occasions, []
        if group["relation"] != "contradicted" or run[0].measure.partition(":")[0] in running_measures():
            # a running toll's other values are the same count at other (unknown) times: they stay with it
            return [group], []
        disputed, inside = self._disputed_docs(run)
        gives_disputed = [c for c in run if c.doc.id in disputed
                          or any(_overlap(c, d) and (c.source_key == d.source_key or (_pinned(c) and _pinned(d))
                                                     or _same_bound(c, d)) for d in inside)]
        rest = [c for c in run if c.scope_assumed and c not in gives_disputed]
        # a figure that states the place but is of another article than the dispute, gives none of its values and
        # refers to another time ("47.000 in Wolfsburg" at the first strike beside union and company disputing the
        # second) is the place's count at another occasion, not a party to the dispute: grouped on its own
        other = [c for c in run if not c.scope_assumed and c not in gives_disputed
                 and all(self._known_apart(c, d) for d in inside)]
        kept = [c for c in run if c not in rest and c not in other]
        if not (rest or other) or not kept:
            return [group], []
        apart = self._split_json(other) if other else []
        for g in apart:
            g["split_reasons"].append("another_occasion")
        return [*self._split_json(kept), *apart], rest

    def _split_json(self, members: list[Claim], unscoped_split: bool = False) -> list[dict[str, Any]]:
        """A part of a group as groups: one, or one per occasion when its figures count different occasions (the
        internal relation ``_OCCASIONS`` never leaves the grouper)."""
        group = self._group_json(members, unscoped_split=unscoped_split)
        return self._occasions(group, members) or [group]

    def _occasions(self, group: dict[str, Any], run: list[Claim]) -> list[dict[str, Any]] | None:
        """Split a group whose phases are not one quantity: figures of a measure that counts one occasion each
        (attendance, amounts: ``occasion_measures``) given for different times are counts of different occasions, not one
        figure updated; different values side by side in one article, with no time or claimant to tell them
        apart, are different things the article lists ("20 Sitzungen des einen Ausschusses und 16 des anderen").
        None when the group stands."""
        relation = group["relation"]
        # one article's values side by side, all its own or one claimant's: named rivals (police, organisers) stay. Copies of
        # the article (one origin, each giving the same values) are that article again, not a second report
        told: dict[str, set[int]] = defaultdict(set)
        for c in run:
            told[c.doc.id].add(c.phase)
        one_article = len({frozenset(p) for p in told.values()}) == 1 and len({c.origin for c in run}) == 1 \
            and len({c.source_key for c in run if c.named}) <= 1
        if not (relation == _OCCASIONS or (relation == CANNOT_COMPARE and one_article and len(group["phases"]) > 1)):
            return None
        where = f" for {group['scope']}" if group.get("scope") else ""
        grows = run[0].measure.partition(":")[0] in growing_measures()
        why = "occasions" if relation == _OCCASIONS and not grows else "another_incident" if relation == _OCCASIONS else "side_by_side"
        note = (f" Other figures of this measure{where} refer to other times; each figure of it counts one occasion (an"
                " attendance, an amount), so figures of different times count different occasions and are grouped apart."
                if relation == _OCCASIONS and not grows else
                f" Other figures of this measure{where} come later but lie far below these (less than"
                f" {self.max_fall:.0%} of them) and are told of other days or places, with no word of a correction; a toll"
                " that only grows as it is counted does not fall so far, so they are taken for another incident's toll and"
                " grouped apart."
                if relation == _OCCASIONS else
                f" The same article gives other values of this measure{where} beside these, without saying that one"
                " revises or disputes the other: they are taken for different quantities and grouped apart.")
        out = []
        for n in range(len(group["phases"])):
            items = [c for c in run if c.phase == n]
            if items:
                part = self._group_json(items, occasions=False)
                part["reasoning"] += note
                part["split_reasons"].append(why)
                out.append(part)
        return out

    def _known_apart(self, x: Claim, y: Claim) -> bool:
        """True when the two figures' reference times are known not to be the same time (disjoint, and a day or
        more apart): "2024-12" and "2025-04", or two days; not a month and a day in it."""
        # an inferred publication date is taken by its bounds (``_publication``): bounds that do not overlap are apart;
        # a guess without evidence of its own (the story's first month) is no bound
        if x.ref is None or y.ref is None or x.guess or y.guess:
            return False
        return _days_apart(x.ref, y.ref) >= self.same_time_days

    def _phases(self, members: list[Claim]) -> list[list[Claim]]:
        """Split claims into runs of compatible values (precise claims first, vague ones join the nearest)."""
        phases: list[tuple[list[float], list[Claim]]] = []
        running = bool(members) and members[0].measure.partition(":")[0] in running_measures()
        for c in sorted(members, key=lambda c: (c.values[1] - c.values[0], c.doc.id, c.ann.span.start)):
            lo, hi = c.values
            best = None
            size = _magnitude(c)
            for k, (rng, items) in enumerate(phases):
                if running and self._bound_of_another_day(c, rng, items):
                    continue
                if lo <= rng[1] and rng[0] <= hi:
                    # an open bound goes first with a phase that holds its own number ("mindestens 39" with the 39, not
                    # with a 44 it also allows, whatever the times)
                    holds = hi != float("inf") or size is None or rng[0] <= size <= rng[1]
                    gap = min((_days_apart(c.ref, o.ref) for o in items if c.ref and o.ref), default=0)
                    # among phases as near in time, the one whose values lie nearest ("mindestens 18" goes with
                    # the 18, not with a 132 it also allows)
                    near = min((abs(math.log(size / m)) for o in items if size and (m := _magnitude(o))), default=0.0)
                    if best is None or (not holds, gap, near) < best[0]:
                        best = ((not holds, gap, near), k)
            if best is None:
                phases.append(([lo, hi], [c]))
            else:
                rng, items = phases[best[1]]
                items.append(c)
                rng[0], rng[1] = max(rng[0], lo), min(rng[1], hi)
        ordered = [items for _, items in phases]
        ordered.sort(key=lambda items: min((c.ref.start for c in items if c.ref), default=None) or interval_of("9999").start)  # type: ignore[union-attr]
        return ordered

    def _bound_of_another_day(self, c: Claim, rng: list[float], items: list[Claim]) -> bool:
        """True for a running count's open lower bound ("mindestens zwei Tote", "mehr als 200 Verletzte") beside a
        phase of other days that does not hold its own value: a toll is reported as "at least N" while N are
        known, so "mindestens 2" on Friday and "5" on Saturday are the count rising, not two figures agreeing."""
        if c.values[1] != float("inf") or c.ann.data.get("vague") or c.ref is None:
            return False
        value = c.json.get("value")
        if isinstance(value, (int, float)) and rng[0] <= float(value) <= rng[1] and (rng[1] != float("inf") or value == rng[0]):
            return False  # "mindestens 5" beside "5" or another "mindestens 5"; beside "mehr als 13.000" only its bound
        return all(o.ref is not None and _days_apart(c.ref, o.ref) >= self.same_time_days for o in items)

    def _group_json(self, members: list[Claim], unscoped_split: bool = False, occasions: bool = True) -> dict[str, Any]:
        vocab = load_measures()
        measure = members[0].measure
        unit_text = Counter(str(c.ann.data.get("unit")) for c in members).most_common(1)[0][0]
        scope_text = Counter(c.scope_text for c in members if c.scope and c.scope_text and not c.scope_assumed).most_common(1)
        assumed_text = Counter(c.scope_text for c in members if c.scope_assumed and c.scope_text).most_common(1)
        scope = scope_text[0][0] if scope_text else (assumed_text[0][0] if assumed_text else None)
        scope_kind = next((c.ann.data.get("scope_kind") for c in members if c.scope and not c.scope_assumed), None)
        if scope is not None and not scope_text:
            scope_kind = "lead"  # no figure states it: the place the articles are about
        label = unit_text if measure.startswith(("count:", "unit:")) else (
            "percent of " + Counter(str(c.json.get("share_of")) for c in members).most_common(1)[0][0]
            if measure.startswith("percent:") else vocab.label(measure))
        counted = {str(c.json.get("counted")) for c in members if c.json.get("counted")}
        if len(counted) == 1:
            label = f"{label}: {counted.pop()}"  # "dead: Soldaten": the toll of one group
        subject = label + (f" ({scope})" if scope else "")
        phases = self._phases(members)
        sources = {c.origin for c in members}
        sources_label = origin_label({c.doc.id: c.origin for c in members}, [c.doc.id for c in members])
        relation, reasoning, grounds = self._relation(phases, len(sources), scoped=scope is not None, label=sources_label,
                                             occasions=occasions)  # may reorder the phases
        for n, items in enumerate(phases):
            for c in items:
                c.phase = n
        # why it stands apart from other groups of its story, measure and scope
        split_reasons: list[str] = ["earlier_period"] if all(_earlier_period(c) for c in members) else []
        if scope is None:
            reasoning += " No place or group is stated for these figures."
            if any(c.total for c in members):
                reasoning += (" Some are given as totals over the places the measure is counted at (“insgesamt”);"
                              " a total is never read as one place's figure.")
            if any(c.apart for c in members):
                split_reasons.append("outside_dispute")
                reasoning += (" Other articles dispute a figure of this measure about a place some of these articles"
                              " are about; these figures state no place, take no part in that dispute and give none"
                              " of its values, so they are not taken for the disputed quantity.")
            if unscoped_split:
                split_reasons.append("unordered_no_place")
                reasoning += (" Other figures of this measure without a stated place differ from these and cannot be"
                              " ordered in time, so they are not taken for the same quantity.")
        elif any(c.scope_assumed for c in members):
            reasoning += f" Figures without a stated place or group are read as {scope}, the only scope their values fit."
        sizes = [m for c in members if (m := _magnitude(c))]
        if sizes and any(c.rival_join for c in members) and max(sizes) > self.max_ratio * min(sizes):
            reasoning += (f" The values lie far apart: the largest ({_fmt(max(sizes))}) is {max(sizes) / min(sizes):.0f} times the"
                          f" smallest ({_fmt(min(sizes))}), more than the factor of {self.max_ratio:g} that otherwise sets figures"
                          " apart as different quantities; they are kept together because different claimants give them for"
                          " the same time and place. So large a gap may also mean the claimants count different things.")
        general = sorted({c.read_as for c in members if c.read_as})
        if general:
            reasoning += (f" Figures written as {', '.join(vocab.label(g) for g in general)} are read as {label}: another"
                          f" figure of the story gives the same value as {label}{' for the same place' if scope else ''}.")
        claims_json = []
        for c in sorted(members, key=lambda c: (c.phase, c.ref.start.isoformat() if c.ref else "9999", c.doc.id)):
            # every member is read as being about the group's scope; scope_text is what its sentence says
            claims_json.append({**c.json, "scope": scope, "phase": c.phase, "scope_assumed": c.scope_assumed})
        group = {
            "id": short_id("cg", [c.json["id"] for c in members]),
            "story": members[0].story or None,
            "subject": subject,
            "measure": measure,
            "measure_label": label,
            "scope": scope,
            "scope_kind": scope_kind if scope else None,
            "unit": unit_text,
            "relation": relation,
            "reasoning": reasoning,
            "grounds": grounds,
            "split_reasons": split_reasons,
            "phases": [
                {
                    "claims": [c.json["id"] for c in items],
                    "values": _phase_values(items),
                    "ref_time": sorted({c.ref.value for c in items if c.ref}),
                    "claimants": sorted({c.claimant or "outlet" for c in items}),
                    "independent_sources": len({c.origin for c in items}),
                    "relation": "corroborated" if _confirming_origins(items) > 1 else "single",
                }
                for items in phases
            ],
            "relations": self._pairwise(phases, relation),
            "claims": claims_json,
            "independent_sources": len(sources),
            "articles": len({c.doc.id for c in members}),
            "sources_label": sources_label,
        }
        group["reasoning"] = f"{verdict(group)} {reasoning}"
        return group

    @staticmethod
    def _pairwise(phases: list[list[Claim]], relation: str) -> list[dict[str, Any]]:
        """Relations between neighbouring claims: agreeing ones inside a phase, changes between phases."""
        out = []
        ordered = [sorted(items, key=lambda c: (c.ref.start if c.ref else interval_of("9999").start, c.doc.id)) for items in phases]  # type: ignore[union-attr]
        for items in ordered:
            for a, b in pairwise(items):
                if a.doc.id != b.doc.id:
                    out.append({"a": a.json["id"], "b": b.json["id"], "relation": "corroborated",
                                "reason": f"“{a.json['value_text']}” and “{b.json['value_text']}” agree within their hedges"})
        between = relation if relation in ("updated", "contradicted") else CANNOT_COMPARE

        def width(c: Claim) -> float:
            return c.values[1] - c.values[0]

        for prev, nxt in pairwise(ordered):
            last = max(c.ref.start for c in prev if c.ref) if any(c.ref for c in prev) else None
            a = min((c for c in prev if c.ref is None or c.ref.start == last), key=width)
            first = min(c.ref.start for c in nxt if c.ref) if any(c.ref for c in nxt) else None
            b = min((c for c in nxt if c.ref is None or c.ref.start == first), key=width)
            when = f" ({a.ref.value if a.ref else '?'} → {b.ref.value if b.ref else '?'})"
            out.append({"a": a.json["id"], "b": b.json["id"], "relation": between,
                        "reason": f"“{a.json['value_text']}” vs “{b.json['value_text']}”{when}"})
        return out

    @staticmethod
    def _spread_text(spread: list[Claim]) -> str:
        """Say which figures are a spread between sources and why that is a contradiction."""
        names = "; ".join(f"{c.doc.id}: “{c.json['value_text']}”" + (f" ({c.claimant})" if c.named else "") for c in spread)
        return (f"The article{'s' if len({c.doc.id for c in spread}) > 1 else ''} state{'' if len({c.doc.id for c in spread}) > 1 else 's'}"
                f" that the sources' figures differ and give{'' if len({c.doc.id for c in spread}) > 1 else 's'} their"
                f" spread ({names}): its ends are different sources' figures for the same time, so the sources"
                " contradict each other.")

    def _phase_text(self, phases: list[list[Claim]]) -> str:
        """Each phase's values and who gives them when, in the phases' order."""
        sentences = []
        for items in phases:
            agree = " (agreeing within their hedges)" if len(items) > 1 else ""
            sentences.append(f"{' / '.join(_phase_values(items))}{agree}: {self._describe(items)}.")
        return " ".join(sentences)

    def _describe(self, items: list[Claim]) -> str:
        parts = []
        for c in sorted(items, key=lambda c: (c.ref.start.isoformat() if c.ref else "9999", c.doc.id, c.ann.span.start)):
            who = f" citing {c.claimant}" if c.claimant and c.ann.data.get("claimant_kind") != "outlet" else " (the article's own statement)"
            when = f", {c.ref.value}" if c.ref else ", before the figure that replaced it" + (
                f" ({c.json['ref_time_before']})" if c.json.get("ref_time_before") else "") if c.ref_basis == "before" else ", time unknown"
            parts.append(f"{c.doc.id}{who}: “{c.json['value_text']}”{when}")
        return "; ".join(parts)

    def _clash(self, a: list[Claim], b: list[Claim]) -> bool:
        """True when different claimants give these values for the same time (see ``_clashes``)."""
        return next(self._clashes(a, b), None) is not None

    def _clashes(self, a: list[Claim], b: list[Claim]) -> Iterator[tuple[Claim, Claim]]:
        """The pairs of figures by different claimants for the same time: two named ones in one article that it
        does not date apart, or any two (an outlet's own statement counts as the outlet's claim) on the same
        stated day."""
        vocab = load_measures()
        for x in a:
            for y in b:
                if x.source_key == y.source_key or _replaces(x, y) or _replaces(y, x):
                    continue  # one source, or a value and the one that replaced it ("stieg von 30 auf 40")
                if _overlap(x, y):
                    continue  # values one allows ("mindestens zwei" beside "vier"): a bound, not a rival figure
                if _share_of_nothing(x, vocab) or _share_of_nothing(y, vocab):
                    continue  # a share that does not say whose (which party) is no value of one quantity
                if x.doc.id == y.doc.id:  # one article: the same time, and the same place if both state it (or neither)
                    # unless the article dates them apart ("2014 starben 30 …, am Montag starben 12")
                    apart = x.ref is not None and y.ref is not None and _days_apart(x.ref, y.ref) >= self.same_time_days
                    # or tells one as coming before the other ("zunächst 12 …, inzwischen 19"): the count's course
                    apart = apart or _told_before(x, y) or _told_before(y, x)
                    # a place read from the article is the stated one's when the figure is set against it ("dagegen")
                    if x.named and y.named and (x.scope_assumed == y.scope_assumed or _set_against(x, y)) and not apart \
                            and not _one_source(x, y) and _side_by_side(x, y):
                        yield x, y
                    continue
                if x.scope_assumed or y.scope_assumed:
                    continue  # across articles a contradiction needs both scopes stated, not read from a lead
                if _copied(x, y) or _copied(y, x):
                    continue  # a copy of one article (one origin, the same sentence) is that article again: judged there
                # an inferred publication date is a guess: it never makes two reports simultaneous; two outlets'
                # own figures that name neither a place nor a source need more than a shared day to be one quantity
                # ("324 Sitze" of the government, "733" of the house): only one published result binds them
                stated = "inferred" not in x.ref_basis and "inferred" not in y.ref_basis \
                    and (x.named or y.named or x.scope is not None or y.scope is not None)
                same_day = stated and x.ref is not None and y.ref is not None and x.ref.granularity in _FINE \
                    and y.ref.granularity in _FINE and abs((x.ref.start - y.ref.start).days) < self.same_time_days \
                    and not self._hours_apart(x, y)
                if same_day or _one_publication(x, y):
                    yield x, y

    def _hours_apart(self, x: Claim, y: Claim) -> bool:
        """True when both times are known to the minute and lie ``same_time_hours`` or more apart, for outlets'
        own statements only: two authorities giving different values on one day still disagree."""
        if x.named or y.named or x.minute is None or y.minute is None:
            return False
        return abs(x.minute - y.minute) >= timedelta(hours=self.same_time_hours)

    def _weekday_ref(self, timexes: list[Annotation], sentence: Any, event_day: date | None, dct: DateInterval | None,
                     event_day_counts: bool = False) -> DateInterval | None:
        """The day a weekday named in the sentence without a date stands for, read as the first such day
        on or after the story's event day (within ``weekday_days`` and the publication month when known); None
        when unclear, or when it is the event day itself (when it happened, not how far the count had come)
        unless ``event_day_counts``."""
        if event_day is None:
            return None
        days = set()
        for t in timexes:
            rel = t.data.get("relative")
            if not isinstance(rel, dict) or not sentence.contains(t.span) or t.data.get("value"):
                continue
            if not isinstance(rel.get("weekday"), int) or rel.get("rel") == "future":
                continue
            day = event_day + timedelta(days=(int(rel["weekday"]) - event_day.weekday()) % 7)
            if dct is not None and not dct.start <= day <= dct.end:
                continue
            days.add(day)
        if len(days) != 1:
            return None
        (day,) = days
        if (day == event_day and not event_day_counts) or (day - event_day).days > self.weekday_days:
            return None
        return interval_of(day.isoformat())

    @staticmethod
    def _replaced(old: list[Claim], new: list[Claim]) -> bool:
        """True when no dated figure of ``old`` is given on or after the first day a figure of ``new`` is."""
        first = min((c.ref.start for c in new if c.ref is not None and c.ref.granularity in _FINE), default=None)
        if first is None:
            return True
        return all(c.ref.start < first for c in old if c.ref is not None and c.ref.granularity in _FINE)

    def _series(self, phases: list[list[Claim]]) -> tuple[list[int], set[tuple[int, int]]] | None:
        """The phases in time order when the known times order at least two of them and contradict none.

        Phase ``i`` precedes ``j`` when one of its figures refers to a clearly earlier time than one of
        ``j``'s. A value given again after it was replaced (``i`` before ``j`` and ``j`` before ``i``) is
        no series; phases with no time known to be earlier or later than another's come last.
        Returns the order (phase indices) and the pairs that precede each other, else None.
        """
        prec = self._precedence(phases, inferred=True)
        if prec and any((j, i) in prec for i, j in prec):
            # inferred publication dates order the phases against printed ones: where they break the order, the
            # printed times alone decide (an inferred date may be days early)
            prec = self._precedence(phases, inferred=False)
        if not prec or any((j, i) in prec for i, j in prec):
            return None
        n = len(phases)
        placed = [i for i in range(n) if any(i in pair for pair in prec)]
        tiers = _tiers(placed, prec)
        # phases no known time puts apart share a step; within it the smaller value first
        order = sorted(placed, key=lambda i: (tiers[i], _phase_size(phases[i]) or 0.0, i))
        return order + [i for i in range(n) if i not in order], prec  # the unplaced ones last

    def _precedence(self, phases: list[list[Claim]], inferred: bool) -> set[tuple[int, int]]:
        """Pairs of phases (i, j) where ``i`` is known to come before ``j``: by their figures' times (with ``inferred``
        false, not by inferred publication dates), by a value replaced in one sentence, or by one article's telling."""
        n = len(phases)
        # one figure of i before one of j ⟺ the earliest end in i lies before the latest start in j (by day or,
        # between times known to the minute, by hours): computed per phase, not per pair of figures
        # a phase of vague amounts only ("Tausende") states no value a later figure could replace: it is not placed
        # an open bound ("weit mehr als 30") in a phase of precise figures only allows their value: its time does not
        # place them (the bound may be of another day's count)
        dated = [[c for c in p if c.ref is not None and not c.past and (_precise(c) or not any(_precise(o) for o in p))
                  and (inferred or "inferred" not in c.ref_basis)]
                 if not _vague_only(p) else [] for p in phases]
        first_end = [min((c.ref.end for c in p if c.ref), default=None) for p in dated]
        last_start = [max((c.ref.start for c in p if c.ref), default=None) for p in dated]
        first_min = [min((c.minute for c in p if c.minute), default=None) for p in dated]
        last_min = [max((c.minute for c in p if c.minute), default=None) for p in dated]

        def before(i: int, j: int) -> bool:
            a, b = first_end[i], last_start[j]
            if a is not None and b is not None and (b - a).days >= self.same_time_days:
                return True
            x, y = first_min[i], last_min[j]
            return x is not None and y is not None and y - x >= timedelta(hours=self.same_time_hours)

        prec = {(i, j) for i in range(n) for j in range(n) if i != j and before(i, j)}
        return prec | _replacements(phases) | _told_pairs(phases)

    @staticmethod
    def _hedged_apart(phases: list[list[Claim]]) -> list[list[Claim]] | None:
        """The phases with their hedged figures ("fast", "mehr als", vague amounts) taken out of phases that
        also hold precise ones, each hedged figure a phase of its own; None when there is none to take out."""
        out: list[list[Claim]] = []
        moved = False
        for items in phases:
            precise = [c for c in items if not (c.ann.data.get("hedge") or c.ann.data.get("vague"))]
            hedged = [c for c in items if c not in precise]
            if precise and hedged:
                out.append(precise)
                out.extend([c] for c in hedged)
                moved = True
            else:
                out.append(items)
        if not moved:
            return None
        out.sort(key=lambda items: min((c.ref.start for c in items if c.ref), default=None) or date.max)
        return out

    def _relation(self, phases: list[list[Claim]], n_sources: int, scoped: bool = True, label: str = "",
                  occasions: bool = True) -> tuple[str, str, list[str]]:
        """The relation of a group's phases, its reasoning, and the grounds it rests on (``GROUNDS``, machine-readable)."""
        counted = _estimates_apart(phases)
        if counted is not None:
            phases[:] = counted
        spread = [c for items in phases for c in items if c.spread]
        # only the unit is known: a counted noun outside the vocabulary, a length, or a percentage with no measure and
        # no rate noun ("37,5 Prozent der Züge" late and "62,5 Prozent" on time are two shares); a named rate
        # ("rate:arbeitslosenquote") is a measure
        # an amount of money says its currency, not what it is paid for: two amounts in one story (a budget and a
        # campaign's spending) are no contradiction by their size alone
        # an amount of money that names what it is ("den Schaden auf 2 Millionen Euro") is that thing's amount: sources
        # giving different ones for one time dispute it
        unit_only = phases[0][0].measure.startswith(("count:", "unit:", "percent")) or (
            phases[0][0].measure == "money" and not all(c.money_of for items in phases for c in items))
        if len(phases) == 1 and spread and not unit_only:
            return "contradicted", (f"{self._describe(phases[0])}. {self._spread_text(spread)}"), ["sources_spread"]
        if len(phases) == 1:
            items = phases[0]
            if len(items) == 1:
                return "single", f"Only one claim on this quantity ({self._describe(items)}).", ["one_claim"]
            if n_sources < 2:
                return "single", (f"The same value is repeated, but only by one source{f' ({label})' if label else ''}"
                                  f" ({self._describe(items)})."), ["one_source"]
            if _confirming_origins(items) < 2:
                return "single", ("Only one source gives a precise figure; the others' vague or open-ended figures allow it"
                                  f" but do not confirm it ({self._describe(items)})."), ["one_precise"]
            return "corroborated", (
                f"{label or f'{n_sources} independent sources'} give values that agree within their hedges"
                f" ({self._describe(items)})."
            ), ["agree_within_hedges"]
        series = self._series(phases)
        if series is None:
            # "fast 70" agrees with an early 60 but comes after a 44: a hedged figure that only breaks the
            # order where it was put is a value of its own
            split = self._hedged_apart(phases)
            if split is not None and (resplit := self._series(split)) is not None:
                phases[:], series = split, resplit
        clashes = [(i, j) for i in range(len(phases)) for j in range(i + 1, len(phases)) if self._clash(phases[i], phases[j])]
        text = self._phase_text(phases)
        if series is not None:
            order, prec = series
            # a disagreement at one time that a later figure replaced is part of the series, not its verdict;
            # when either disputed value is still given after the later figure appeared, the dispute stands
            # (only for running counts: police and organisers do not settle an attendance figure later)
            running = phases[0][0].measure.partition(":")[0] in running_measures()
            # a stated spread of sources' figures ("zwischen 100.000 und 350.000, die Angaben gehen auseinander") is
            # such a dispute too
            resolved = (not (clashes or spread) or running) and all(
                any((i, k) in prec and (j, k) in prec and self._replaced(phases[i] + phases[j], phases[k]) for k in range(len(phases)))
                for i, j in clashes)
            placed = [k for k in order if any(k in pair for pair in prec)]
            if not scoped:
                # without a place or group, differing figures may be different quantities (two cities, two
                # parties): only a complete chain of known times, each value after the one before, is a series
                # chain; two values of one step given by the same named claimant (a minister's 5.000 and 10.000 on one
                # day) are that claimant's own count going on, not two quantities: they share the step
                chain = len(placed) == len(order) and all(
                    (a, b) in prec or _one_claimant(phases[a], phases[b]) for a, b in pairwise(order))
                # a toll that only grows (the dead, the injured) whose known times put its values in rising order is
                # one count going on, even where some of its values cannot be placed: two places' tolls would not rise
                # together step by step. Not where named claimants give different values for one time (two
                # countries' ministries): that is two counts or a dispute
                resolved = resolved and (chain or (not clashes and not spread and _rises(phases, placed, prec)))
            if resolved and occasions and all(c.occasion for items in phases for c in items) \
                    and not clashes and not spread and not any(c.stage is not None or c.guess for items in phases for c in items):
                # two demonstrations' attendance, two payments: not one figure revised, but two occasions' figures; a
                # count named by its stage ("vorläufiges Endergebnis") is one figure revised
                return _OCCASIONS, text, []
            base = phases[0][0].measure.partition(":")[0]
            falls = [(i, j) for i, j in prec if base in growing_measures() and (a := _phase_size(phases[i]))
                     and (b := _phase_size(phases[j])) and b < self.max_fall * a]
            if resolved and occasions and falls and not clashes and not spread and any(
                    _another_incident(phases[i], phases[j]) for i, j in falls):
                # "am Montag 40 Tote" and "am Freitag 15 Tote", 15 in another town: a toll that only grows does not fall so
                # far, and what it counts is told as of another day or place; where claimants dispute values at one time,
                # a later lower figure is part of that dispute or its settling
                return _OCCASIONS, text, []
            if resolved:
                unplaced = [" / ".join(_phase_values(phases[k])) for k in order if k not in placed]
                tiers = _tiers(placed, prec)
                steps = " → ".join(" / ".join(v for k in placed if tiers[k] == t for v in _phase_values(phases[k]))
                                   for t in sorted(set(tiers.values())))
                inferred_times = sorted({c.doc.id for k in placed for c in phases[k] if "inferred" in c.ref_basis})
                told = sorted({x.doc.id for i, j in _told_pairs(phases) & prec for x in phases[i] for y in phases[j]
                               if _told_before(x, y)})
                phases[:] = [phases[k] for k in order]
                text = self._phase_text(phases)  # told in the order of the series
                note = (" Different claimants first gave different values for the same time; a later figure replaced"
                        " them." if clashes else "")
                grounds = ["series"] + (["disagreement_replaced"] if clashes else [])
                if falls:
                    grounds.append("toll_falls")
                    corrected = any(c.corrects for _, j in falls for c in phases[j])
                    note += (f" A later figure lies far below an earlier one (less than {self.max_fall:.0%} of it), which a"
                             " toll that only grows does not do unless it is corrected: "
                             + ("its article says the count was corrected." if corrected else
                                "nothing tells of another day or place of what it counts, so it is read as the same count"
                                " revised; check the earlier figure."))
                vague = [" / ".join(_phase_values(phases[k])) for k in order if k not in placed and _vague_only(phases[k])]
                unplaced = [v for v in unplaced if v not in vague]
                if unplaced:
                    grounds.append("unplaced_values")
                    note += (f" {', '.join(unplaced)} cannot be placed in this order: their reference times are unknown"
                             " or too coarse.")
                if vague:
                    grounds.append("vague_values")
                    note += (f" {', '.join(vague)} are vague amounts (“Tausende”, “Dutzende”) that state no value, so they"
                             " take no place in the order.")
                if told:
                    grounds.append("told_order")
                    note += (f" In {', '.join(told)} the article itself tells which figure came first: it gives one as the"
                             " earlier count (“zunächst”, “ersten Angaben zufolge”, or as of a day it names) and the other as"
                             " the later one (“inzwischen”, “stieg auf”, or as the count stood when it was written).")
                if inferred_times:
                    grounds.append("inferred_dates")
                    note += (" The order rests in part on publication dates that are inferred, not printed"
                             f" ({', '.join(inferred_times)}); see each article's date and its reason.")
                return "updated", text + (
                    f" The values whose times are known follow each other ({steps}): each later figure updates the"
                    " earlier one; this is not a contradiction." + note
                ), grounds
        if clashes and not spread and all(x.stage is not None and x.stage.estimate and y.stage is not None and y.stage.estimate
                                          for i, j in clashes for x, y in self._clashes(phases[i], phases[j])):
            # only estimates clash (two institutes' exit polls): a counted result that replaces them all is an update
            by_stage = _staged_steps(phases)
            if by_stage is not None:
                return "updated", text + (
                    f" Different sources' estimates differed at one time, as estimates may; the counted result of a later"
                    f" stage replaced them ({by_stage}); this is not a contradiction."
                ), ["estimates_replaced"]
        if spread and not clashes and not unit_only:
            return "contradicted", text + " " + self._spread_text(spread), ["sources_spread"]
        if clashes and unit_only:
            # only the unit is known ("32 bis 37 Grad" and "unter 30 Grad"): nothing says the figures measure
            # the same thing, so differing ones are no contradiction
            return CANNOT_COMPARE, text + (
                " Different claimants give different values at the same time, but only the unit is known, not what"
                " is measured: they cannot be compared."
            ), ["unit_only"]
        if clashes:
            pairs = [(x, y) for i, j in clashes for x, y in self._clashes(phases[i], phases[j])]
            once_pairs = [x.stage.id for x, y in pairs if x.stage is not None and _one_publication(x, y)]
            once = ", ".join(sorted(set(once_pairs)))
            kinds = []
            grounds = ["same_time_rivals"]
            if any(x.doc.id == y.doc.id for x, y in pairs):
                grounds.append("side_by_side")
                undated = any(x.doc.id == y.doc.id and x.ref is None for x, y in pairs)
                kinds.append("side by side in one article, so for one moment" + (
                    " even though the article's date is unknown" if undated else ""))
            if any(x.doc.id != y.doc.id and not (x.stage is not None and _one_publication(x, y)) for x, y in pairs):
                kinds.append("in different articles on the same day")
                grounds.append("same_day")
            if once:
                kinds.append(f"both of the {once}, which is published once")
                grounds.append("published_once")
            when = "; or ".join(kinds)
            return "contradicted", text + (
                " Different claimants give incompatible values for the same measure and place or group at the same time"
                f" ({when}), so the sources contradict each other."
            ), grounds
        by_stage = _staged_steps(phases)
        if by_stage is not None:
            return "updated", text + (
                f" Each different value is from a later stage of the count ({by_stage}), so the later figure replaces"
                " the earlier one; this is not a contradiction."
            ), ["count_stage"]
        unknown = any(c.ref is None for items in phases for c in items)
        past = sorted({c.ref.value for items in phases for c in items if c.past and c.ref is not None})
        why = (" some of them have no known reference time." if unknown else
               " their reference times overlap or are too coarse (a month, a year) to tell whether the figure was"
               " updated; no two different claimants are seen giving them for the same time.")
        grounds = ["no_reference_time" if unknown else "coarse_times"]
        if past:
            grounds.append("earlier_period")
            why += (f" Figures dated to an earlier period in their sentence ({', '.join(past)}) may be about another"
                    " time than the reports around them.")
        return CANNOT_COMPARE, text + " The values differ, but they cannot be compared:" + why, grounds


def _names_event_day(ref: DateInterval | None, basis: str, dct: DateInterval | None, measure: str,
                     event_day: date | None) -> bool:
    """True when a running toll's own date is the story's event day and the article is of a later day: "Bei dem Anschlag
    am Montagabend wurden vier Menschen getötet", written on Tuesday, tells when the victims died, not how far the count
    had come; the count is as of some time up to the report. A figure of another measure said of that day ("am Montag
    demonstrierten 100.000") is about that day."""
    if basis not in ("claim", "text") or ref is None or dct is None or event_day is None or ref.granularity not in _FINE:
        return False
    if measure.partition(":")[0] not in running_measures():
        return False
    return ref.start <= event_day <= ref.end and dct.start > ref.end


def _replaced_by(data: dict[str, Any], claims: list[Annotation]) -> str | None:
    """The id of the claim a prior value was replaced by (the claim at ``replaced_by_span``), else None."""
    at = data.get("replaced_by_span") if data.get("role") == "prior" else None
    if not isinstance(at, (list, tuple)) or not at or not isinstance(at[0], int):
        return None
    return next((a.id for a in claims if a.span.start <= at[0] < a.span.end), None)


def _replaces(new: Claim, old: Claim) -> bool:
    """True when ``old`` is the prior value that ``new`` replaced in one sentence ("von 30 auf 40")."""
    return old.replaced_by is not None and old.doc.id == new.doc.id and old.replaced_by == new.ann.id


def _replacements(phases: list[list[Claim]]) -> set[tuple[int, int]]:
    """Pairs of phases (i, j) where a prior value of ``i`` was replaced by a figure of ``j``: ``i`` comes first."""
    at = {(c.doc.id, c.ann.id): n for n, items in enumerate(phases) for c in items}
    return {(i, j) for i, items in enumerate(phases) for c in items if c.replaced_by is not None
            and (j := at.get((c.doc.id, c.replaced_by), i)) != i}


def _told_before(x: Claim, y: Claim) -> bool:
    """True when one article tells figure ``x`` as coming before ``y`` in the course of a count: by the words of their
    clauses ("zunächst 12" before "19", "12" before "inzwischen 19"), or, for a running count told in two sentences, ``x``
    dated to a day its article names and ``y`` of the article's own time (its publication, known only to the month, as
    an open "not before" bound, or not at all): an article reports a count as of a past day and the count as it
    stands when it is written, which is not before that day. Not when the later sentence sets the figure against the
    other ("sprach dagegen von"): that is a dispute."""
    if x.doc.id != y.doc.id or x is y or x.measure.startswith(("count:", "unit:", "percent")):
        return False  # only the unit is known ("3 GB" and "mittlerweile 4 GB"): nothing says it is one count
    if x.told != y.told:
        return x.told < y.told
    if x.measure.partition(":")[0] not in running_measures() or x.sent_no == y.sent_no or x.sent_no < 0 or y.sent_no < 0:
        return False
    if x.ref is None or x.past or x.ref.granularity not in _FINE or not x.ref_basis.startswith(("claim", "text")):
        return False
    if not (y.ref_basis.startswith("publication") or y.ref_basis == "unknown"):
        return False
    if y.ref is not None and (y.ref.granularity in _FINE or x.ref.end > y.ref.end):
        return False  # a publication day: the days order them (or not) by themselves
    cues = _contrast_cues()
    later = x if x.sent_no > y.sent_no else y
    return cues is None or not cues.search(later.sentence_text)


def _told_pairs(phases: list[list[Claim]]) -> set[tuple[int, int]]:
    """Pairs of phases (i, j) where one article tells a figure of ``i`` as coming before one of ``j`` (``_told_before``)."""
    by_doc: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
    for n, items in enumerate(phases):
        for c in items:
            by_doc[c.doc.id].append((n, c))
    return {(i, j) for members in by_doc.values() if len(members) > 1
            for i, x in members for j, y in members if i != j and _told_before(x, y)}


def _tiers(placed: list[int], prec: set[tuple[int, int]]) -> dict[int, int]:
    """Each placed phase's step in a series: 0 when no phase is known to come before it, else one more
    than the latest step of those that do."""
    tiers: dict[int, int] = {}
    left = list(placed)
    while left:
        ready = [i for i in left if all(k in tiers for k in placed if (k, i) in prec)]
        if not ready:  # a cycle cannot occur (checked before); stay safe
            ready = left[:]
        for i in ready:
            tiers[i] = max((tiers[k] + 1 for k in placed if (k, i) in prec and k in tiers), default=0)
            left.remove(i)
    return tiers


def _rises(phases: list[list[Claim]], placed: list[int], prec: set[tuple[int, int]]) -> bool:
    """True for a growing toll whose phases known times place fall into two steps or more, each step's values at or
    above every value of the steps before it."""
    if not phases or phases[0][0].measure.partition(":")[0] not in growing_measures() or len(placed) < 2:
        return False
    tiers = _tiers(placed, prec)
    steps = sorted(set(tiers.values()))
    if len(steps) < 2:
        return False
    sizes = {k: _phase_size(phases[k]) for k in placed}
    if any(v is None for v in sizes.values()):
        return False
    tops = [max(sizes[k] or 0.0 for k in placed if tiers[k] == t) for t in steps]
    lows = [min(sizes[k] or 0.0 for k in placed if tiers[k] == t) for t in steps]
    return all(top <= low for top, low in zip(tops, lows[1:], strict=False))


def _lead_parts(run: list[Claim]) -> list[list[Claim]]:
    """A run's figures by the place their articles report from (``Claim.lead_place``). Two places stay one part when
    an article of either names the other (the valley and a town in it); figures of articles that name no place in
    their lead join the largest part."""
    parts: list[tuple[set[str], set[str], list[Claim]]] = []  # lead places, main places, figures
    named: dict[str, set[str]] = {}  # an article's places, read once however many of its figures the run holds
    for c in run:
        if c.lead_place:
            if c.doc.id not in named:
                named[c.doc.id] = _named_places(c.doc)
            places = named[c.doc.id]
            parts.append(({c.lead_place}, places | {c.lead_place}, [c]))
    merged = True
    while merged:
        merged = False
        for i, j in combinations(range(len(parts)), 2):
            if parts[i][0] & parts[j][1] or parts[j][0] & parts[i][1]:
                parts[i] = (parts[i][0] | parts[j][0], parts[i][1] | parts[j][1], parts[i][2] + parts[j][2])
                del parts[j]
                merged = True
                break
    if len(parts) < 2:
        return [run]
    out = sorted((p[2] for p in parts), key=lambda p: -len({c.doc.id for c in p}))
    out[0] = out[0] + [c for c in run if not c.lead_place]
    return out


def _named_places(doc: Document) -> set[str]:
    """The scope keys of every place an article names by name."""
    return {scope_key(a.surface) for a in doc.annotations if a.kind == "entity" and a.label == "LOC"
            and a.data.get("form", "name") == "name" and not no_scope(a.surface)}


def _earlier_period(c: Claim) -> bool:
    """True for a figure of an earlier period its sentence names ("24,1 Prozent bei der Wahl 2021"), or of a period an
    undated article names: grouped with that period's figures only."""
    return (c.past and c.ref is not None and c.ref.granularity in ("year", "decade")) or c.period


def _vague_only(items: list[Claim]) -> bool:
    """True for a phase of vague amounts only ("Tausende", "Dutzende"): a scale, no value."""
    return bool(items) and all(c.ann.data.get("vague") for c in items)


def _one_claimant(a: list[Claim], b: list[Claim]) -> bool:
    """True when one named claimant, keyed with what sets it apart ("minister|zivilschutz", not every ministry's
    "minister"), gives a figure of both phases, no figure of either names another claimant, and the later phase's
    value lies above the earlier one's for a running count: that claimant's own count going on. A bare authority word
    ("Ministerium") may name two countries' bodies; a fall is no count going on."""
    keys_a = {c.source_key for c in a if c.named}
    keys_b = {c.source_key for c in b if c.named}
    if not (len(keys_a) == 1 and keys_a == keys_b and "|" in next(iter(keys_a))):
        return False
    size_a, size_b = _phase_size(a), _phase_size(b)
    return (a[0].measure.partition(":")[0] in running_measures() and size_a is not None and size_b is not None
            and size_a < size_b)


def _copied(x: Claim, y: Claim) -> bool:
    """True when ``y``'s sentence stands word for word in ``x``'s article of the same origin (an agency text printed by
    two outlets): ``x``'s article holds ``y``'s figure itself."""
    return x.origin == y.origin and bool(y.sentence_text) and y.sentence_text in x.doc.text


def _one_source(x: Claim, y: Claim) -> bool:
    """True when one claimant is named by a part of the other's name in one article ("die Syrische
    Beobachtungsstelle für Menschenrechte" … "die Beobachtungsstelle"): one source, not two."""
    def words(c: Claim) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-ZÄÖÜ][\w-]{3,}", str(c.claimant))}

    a, b = words(x), words(y)
    return bool(a and b) and (a <= b or b <= a)


def _side_by_side(x: Claim, y: Claim) -> bool:
    """True when two figures of one article stand in one sentence or next to each other, or the later one's
    sentence sets it against another ("sprach dagegen von"): a dispute is told where both sides are given, and
    figures far apart in a long report are most often of different incidents."""
    if x.sent_no < 0 or y.sent_no < 0 or abs(x.sent_no - y.sent_no) <= 1:
        return True
    later = x if x.sent_no > y.sent_no else y
    cues = _contrast_cues()
    sentence = later.json.get("sentence") or {}
    return cues is not None and bool(cues.search(str(sentence.get("text") or "")))


def _set_against(x: Claim, y: Claim) -> bool:
    """True when one article gives two named claimants' figures of the same counted noun and the later one's sentence
    sets it against the other ("Die Gewerkschaft zählte 3.000 Streikende. Das Unternehmen sprach dagegen von 400
    Streikenden"): the two sides of one count, however far apart their values."""
    if x.doc.id != y.doc.id or not (x.named and y.named) or x.source_key == y.source_key:
        return False
    unit = unit_key(x.ann.data.get("unit"))
    if unit is None or unit != unit_key(y.ann.data.get("unit")):
        return False
    later = x if (x.sent_no, x.ann.span.start) > (y.sent_no, y.ann.span.start) else y
    cues = _contrast_cues()
    return cues is not None and bool(cues.search(later.sentence_text))


@lru_cache(maxsize=4)
def _contrast_cues(path: Path = DISPUTES) -> re.Pattern[str] | None:
    """The words that set a figure against another source's ("dagegen", "hingegen", "however")."""
    return cue_pattern(path, "contrast_cues")


def _one_publication(x: Claim, y: Claim, max_ratio: float = 1.25) -> bool:
    """True when both figures are of one stage that is published once (an official result), nothing dates
    them apart (their times overlap, neither is dated to an earlier period: the result of another election)
    and they lie within ``max_ratio`` of each other: a published figure is copied, not estimated, so outlets
    that disagree on it differ by a slip; values further apart are more likely different quantities of the
    measure (two parties' gains)."""
    if x.stage is None or y.stage is None or x.stage != y.stage or not x.stage.once or x.past or y.past:
        return False
    if x.ref is None or y.ref is None or not (x.ref.start <= y.ref.end and y.ref.start <= x.ref.end):
        return False
    a, b = _magnitude(x), _magnitude(y)
    return a is not None and b is not None and a > 0 and b > 0 and max(a, b) <= max_ratio * min(a, b)


def _is_place(members: list[Claim]) -> bool:
    """True when a scoped group's stated scope is a place (not a party or other group)."""
    return any(c.ann.data.get("scope_kind") == "place" for c in members if c.scope and not c.scope_assumed and not c.total)


def _share_of_nothing(c: Claim, vocab: Any) -> bool:
    """True for a percentage share whose scope (party, group) is neither stated nor read from the lead."""
    measure = vocab.by_id(c.measure.partition(":")[0])
    return measure is not None and measure.kind == "percent" and not c.scope and not c.scope_assumed


def _stage_span(items: list[Claim]) -> tuple[Stage, Stage] | None:
    """The earliest and latest stage a phase's figures are from (None when none names one): the same
    value can be both the preliminary and the official result."""
    stages = [c.stage for c in items if c.stage is not None]
    if not stages:
        return None
    counted = [s for s in stages if not s.estimate]
    stages = counted or stages  # an estimate that matches the result it is replaced by does not make the result early
    return min(stages, key=lambda s: s.rank), max(stages, key=lambda s: s.rank)


def _stage_order(phases: list[list[Claim]], max_step: float = 1.5) -> list[list[Claim]] | None:
    """The phases in the order of their stages when every phase names one and no two share a stage, else None."""
    spans = [_stage_span(p) for p in phases]
    if any(s is None for s in spans):
        return None
    order = sorted(range(len(phases)), key=lambda i: (spans[i][0].rank, spans[i][1].rank))  # type: ignore[index]
    for i, j in pairwise(order):
        a, b = spans[i], spans[j]
        # estimates of one stage may differ between institutes (two exit polls): they are replaced together
        tie = all(x.estimate for x in (*a, *b))  # type: ignore[misc]
        if a[1].rank >= b[0].rank and not tie:  # type: ignore[index]
            return None
    if spans[order[-1]][0].estimate:  # type: ignore[index]
        return None  # only differing estimates, nothing replaces them
    sizes = [_phase_size(phases[i]) for i in order]
    if any(a is None or b is None or max(a, b) > max_step * min(a, b) for a, b in pairwise(sizes)):
        return None  # a later stage revises a figure; one of another size is another quantity (a threshold, another party)
    return [phases[i] for i in order]


def _staged_steps(phases: list[list[Claim]]) -> str | None:
    """Put the phases in the order of their stages (see ``_stage_order``) and name the steps ("exit poll 29,8 →
    official result 30,1"); None, leaving the phases as they are, when the stages do not order them."""
    staged = _stage_order(phases)
    if staged is None:
        return None
    phases[:] = staged
    return " → ".join(f"{_stage_name(p)} {' / '.join(_phase_values(p))}" for p in staged)


def _estimates_apart(phases: list[list[Claim]]) -> list[list[Claim]] | None:
    """The phases with estimates (exit polls, projections) taken apart from the counted results they agree
    with: a count replaces an estimate even when it gives the same value. Only for phases that hold both an
    estimate and a figure of a counted stage (not a figure that names no stage: an attendance the police
    "schätzt" is not replaced by another outlet's figure); None when there is none to take apart."""
    out: list[list[Claim]] = []
    for items in phases:
        estimates = [c for c in items if c.stage is not None and c.stage.estimate]
        if estimates and any(c.stage is not None and not c.stage.estimate for c in items):
            out.extend([estimates, [c for c in items if c not in estimates]])
        else:
            out.append(items)
    return out if len(out) > len(phases) else None


def _another_incident(earlier: list[Claim], later: list[Claim]) -> bool:
    """True when a growing toll's later, far lower figure is told as another incident's: not said to correct the
    earlier one, the earlier not a hedged over-estimate ("bis zu 300"), not the same named claimant's count, and
    positive evidence that it counts something else: both tell what they count as of days named in their sentences
    and no day is shared, or both name a place right before them and the places differ."""
    if any(c.corrects for c in later) or any(c.ann.data.get("hedge") for c in earlier):
        return False
    sources = {c.source_key for c in earlier + later}
    if len(sources) == 1 and all(c.named for c in earlier + later):
        return False  # one claimant revising its own count
    days_a = frozenset().union(*(c.days for c in earlier))
    days_b = frozenset().union(*(c.days for c in later))
    if days_a and days_b and not days_a & days_b:
        return True
    places_a = {c.near_place for c in earlier}
    places_b = {c.near_place for c in later}
    return None not in places_a | places_b and not places_a & places_b


def _says_correction(text: str, sentences: list[Span], sent_no: int, span: Span) -> bool:
    """True when the figure's sentence, or the one before it, says a figure was corrected ("nach der Korrektur der
    Behörden", "zunächst war von 300 die Rede")."""
    cue = correction_cues()
    if cue is None:
        return False
    if sent_no < 0:
        return cue.search(text, max(0, span.start - 200), span.end) is not None
    start = sentences[sent_no - 1].start if sent_no > 0 else sentences[sent_no].start
    return cue.search(text, start, sentences[sent_no].end) is not None


def _stage_name(items: list[Claim]) -> str:
    span = _stage_span(items)
    if span is None:
        return "?"
    return span[0].id if span[0] == span[1] else f"{span[0].id}/{span[1].id}"

