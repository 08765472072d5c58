"""``lagebild eval picture GOLD.yaml``: the whole picture of a multi-outlet corpus scored against gold.

The gold format is that of ``news_stories_dev/gold.yaml`` (documents with their publication dates
and split; per story the numeric claims with claimants, claim groups with their relation, events,
quotes and entity variants). By default the default pipeline runs on the ``corpus/`` folder beside
the gold (clustering needs every document, so the whole corpus runs) and the ``check`` split is
scored; ``--export`` scores a given ``lagebild.json`` instead.

Categories, each printed as hits / n:

* publication dates printed: the exported date starts with the gold value and is not marked inferred;
* publication dates absent: a document whose text states no date gets none, or one marked inferred;
* inferred dates: of the inferred dates of such documents, how many fall in the gold month;
* numeric claims: an exported claim of the document has the gold value (value, low or high end) and
  its claimant holds the gold key ("unattributed": no claimant named; "*": any claimant);
* claim groups: 2 points per gold group, one when a single exported group holds at least
  max(2, half) of the gold members, one when that group also has the gold relation;
* events (month / day): an exported event holds at least max(1, half) of the gold sources and its
  date starts with the gold month (or the gold day, for day-precision gold);
* quotes: a quote of the document contains the gold words and its speaker holds the gold key;
* entities: every gold surface form is a mention of the entity that holds most of the forms;
* stories: each document in the cluster matched one-to-one to its story (distractors in none).

Two checks are counted apart, as defects rather than hits: contradicted groups whose members differ
in what they measure or in their scope, and the BCubed precision/recall/F1 of the story clusters.
"""

from __future__ import annotations

import json
import math
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from lagebild.evaluation import shared_data_dir

__all__ = ["BestGroup", "PictureScore", "Tally", "best_group", "claimant_keys", "claimant_matches", "command", "entity_names",
           "gold_export", "gold_ids", "has_value", "holds", "load_gold", "run_pipeline", "score_picture"]

CATEGORIES = (
    "publication dates printed",
    "publication dates absent",
    "numeric claims",
    "claim groups",
    "events (month)",
    "events (day)",
    "quotes",
    "entities",
    "stories",
)
#: Categories summed into the one-line ``picture`` figure (the scorer shipped with the gold sums
#: the same seven things; dates printed and absent together are its "metadata" line).
SUMMED = ("publication dates printed", "publication dates absent", "numeric claims", "claim groups",
          "events (month)", "quotes", "entities", "stories")


@dataclass
class Tally:
    """Hits out of a total, with a line per miss for ``-v``."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str = "", points: int = 1) -> None:
        self.total += points
        if ok:
            self.hits += points
        elif miss:
            self.misses.append(miss)

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class PictureScore:
    """Every category's tally plus the story-clustering and defect figures."""

    split: str | None
    documents: int
    stories: list[str]
    tallies: dict[str, Tally]
    inferred_dates: Tally
    bcubed: tuple[float, float, float]
    clusters: tuple[int, int]
    mixed_contradictions: list[str]

    @property
    def picture(self) -> Tally:
        out = Tally()
        for name in SUMMED:
            out.hits += self.tallies[name].hits
            out.total += self.tallies[name].total
        return out

    def as_dict(self) -> dict[str, Any]:
        """Figures only (no miss lists): the shape of the committed quality baseline."""
        figures = {name: {"hits": t.hits, "n": t.total} for name, t in self.tallies.items()}
        figures["inferred dates in the right month"] = {"hits": self.inferred_dates.hits, "n": self.inferred_dates.total}
        figures["picture"] = {"hits": self.picture.hits, "n": self.picture.total}
        return {
            "split": self.split,
            "documents": self.documents,
            "stories": self.stories,
            "figures": figures,
            "bcubed": {"precision": round(self.bcubed[0], 4), "recall": round(self.bcubed[1], 4), "f1": round(self.bcubed[2], 4)},
            "contradicted groups mixing measures or scopes": len(self.mixed_contradictions),
        }


# --- reading the gold and the export ---------------------------------------------------------


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file in the ``news_stories_dev`` format (YAML)."""
    import yaml  # type: ignore[import-untyped]

    with Path(path).open(encoding="utf-8") as fh:
        gold = yaml.safe_load(fh)
    if not isinstance(gold, dict) or "documents" not in gold or "stories" not in gold:
        raise click.ClickException(f"{path}: not a picture gold file (needs 'documents' and 'stories')")
    return gold


def _number(x: object) -> float | None:
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, (int, float)):
        return float(x)
    try:
        return float(str(x))
    except ValueError:
        return None


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _claim_values(claim: Mapping[str, Any]) -> list[float | None]:
    return [_number(claim.get(k)) for k in ("value", "low", "high")]


def has_value(claim: Mapping[str, Any], value: float) -> bool:
    """True when an exported claim gives ``value`` (its value, or a bound of its range)."""
    return any(_same(v, value) for v in _claim_values(claim))


def _flat(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def _spans(obj: object) -> Iterator[Mapping[str, Any]]:
    if isinstance(obj, dict):
        if {"doc", "start", "end", "text"} <= obj.keys():
            yield obj
        for v in obj.values():
            yield from _spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v)


def _as_text(x: object, names: Mapping[str, str]) -> str:
    """A claimant/speaker field as searchable text (entity ids are replaced by their names)."""
    if isinstance(x, dict):
        parts = [x.get("name"), x.get("text"), names.get(str(x.get("id"))), names.get(str(x.get("entity")))]
        return " ".join(str(p) for p in parts if p)
    if isinstance(x, list):
        return " ".join(_as_text(v, names) for v in x)
    return f"{x} {names.get(str(x), '')}" if x is not None else ""


def claimant_keys(claimant: str, explicit: object) -> list[str]:
    """What must occur in the exported claimant: the gold's explicit keys, else its last word."""
    if explicit:
        return [k.strip() for k in str(explicit).split("|")]
    if claimant == "unattributed":
        return ["unattributed"]
    words = [w.strip("()„“\",.»«") for w in str(claimant).split()]
    words = [w for w in words if w]
    return [words[-1]] if words else ["*"]


def gold_ids(export: Mapping[str, Any], ids: set[str]) -> dict[str, str]:
    """Export document id → gold id (the file stem), by id or by the source path's stem."""
    out: dict[str, str] = {}
    for doc in export.get("documents", []):
        did = str(doc.get("id"))
        if did in ids:
            out[did] = did
            continue
        for path in [doc.get("path"), *(doc.get("sources") or [])]:
            stem = Path(str(path or "")).stem
            if stem in ids:
                out[did] = stem
                break
    return out


def entity_names(export: Mapping[str, Any]) -> dict[str, str]:
    """Entity id → name: the claimants and speakers the export gives as entity ids are matched by their names."""
    return {str(e.get("id")): str(e.get("name")) for e in export.get("entities", [])}


def gold_export(export: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, Any]:
    """The export with its document ids replaced by the gold's (the file stems), as the scorer reads it."""
    return dict(_remap(dict(export), gold_ids(export, set(gold["documents"]))))


def _remap(obj: Any, ids: Mapping[str, str]) -> Any:
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if k in ("doc", "id") and isinstance(v, str):
                out[k] = ids.get(v, v)
            elif k in ("sources", "docs") and isinstance(v, list):
                out[k] = [ids.get(x, x) if isinstance(x, str) else _remap(x, ids) for x in v]
            else:
                out[k] = _remap(v, ids)
        return out
    if isinstance(obj, list):
        return [_remap(v, ids) for v in obj]
    return obj


# --- scoring ---------------------------------------------------------------------------------


def _score_dates(gdocs: Mapping[str, Any], docs: Mapping[str, Any]) -> tuple[Tally, Tally, Tally]:
    printed, absent, inferred = Tally(), Tally(), Tally()
    for did, g in gdocs.items():
        pub = (docs.get(did) or {}).get("published") or {}
        value = pub.get("value") if isinstance(pub, dict) else pub
        is_inferred = bool(isinstance(pub, dict) and pub.get("inferred"))
        if g.get("published") is None:
            absent.add(not value or is_inferred, f"{did}: no printed date, exported {value} as exact")
            if g.get("true_month") and value:
                inferred.add(str(value).startswith(g["true_month"]), f"{did}: inferred {value}, the piece is from {g['true_month']}")
        else:
            want = str(g["published"]["value"])
            ok = bool(value) and str(value).startswith(want) and not is_inferred
            printed.add(ok, f"{did}: printed {want}, exported {value} (inferred={is_inferred})")
    return printed, absent, inferred


def _by_doc(items: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in items:
        out[str(item.get("doc"))].append(item)
    return out


def _said_by(claim: Mapping[str, Any], names: Mapping[str, str]) -> str:
    return f"{_as_text(claim.get('claimant'), names)} {claim.get('claimant_text') or ''}".strip()


def claimant_matches(claim: Mapping[str, Any], keys: list[str], names: Mapping[str, str]) -> bool:
    """The claimant rule of the numeric-claims score: a key of the gold claimant (``claimant_keys``) occurs in the
    claim's claimant; "unattributed" wants none named (the outlet's own figure); "*" takes any."""
    if "*" in keys:
        return True
    if keys == ["unattributed"]:
        return claim.get("claimant_kind") in (None, "outlet") or not claim.get("claimant_text")
    said_by = _said_by(claim, names).lower()
    return any(k.lower() in said_by for k in keys)


def _score_claims(stories: Mapping[str, Any], export: Mapping[str, Any], names: Mapping[str, str]) -> Tally:
    by_doc = _by_doc(export.get("claims", []))
    tally = Tally()
    for st in stories.values():
        for row in st.get("numeric_claims") or []:
            did, value, what, claimant = row[:4]
            keys = claimant_keys(claimant, row[4] if len(row) > 4 else None)
            ok, seen = False, []
            for claim in by_doc.get(did, []):
                if not has_value(claim, float(value)):
                    continue
                seen.append(f"{claim.get('text')!r} claimant={_said_by(claim, names)!r}")
                ok = claimant_matches(claim, keys, names)
                if ok:
                    break
            tally.add(ok, f"{did} {value} {what} [{claimant}] -> " + ("; ".join(seen) or "no claim with that value"))
    return tally


@dataclass(frozen=True)
class BestGroup:
    """The exported claim group that holds most members of a gold group, and how the scorer judges it."""

    group: Mapping[str, Any] | None  # None when no exported group holds a member
    held: int  # gold members it holds
    need: int  # members it must hold to count: half the gold group's, at least two

    @property
    def relation(self) -> str | None:
        return str(self.group.get("relation")) if self.group is not None else None

    @property
    def members_ok(self) -> bool:
        return self.held >= self.need

    def relation_ok(self, gold_relation: str) -> bool:
        """The relation counts where the group holds two members or more and gives the gold's relation."""
        return self.group is not None and self.held >= 2 and self.relation == gold_relation


def holds(group: Mapping[str, Any], doc: str, value: float) -> bool:
    """True when an exported group holds a claim of ``doc`` with ``value`` (gold member ``[doc, value]``)."""
    return any(c.get("doc") == doc and has_value(c, value) for c in group.get("claims", []))


def best_group(members: Sequence[tuple[str, float]], groups: Sequence[Mapping[str, Any]]) -> BestGroup:
    """The exported group (ids mapped to the gold's, ``gold_export``) holding most of a gold group's members, the
    first of equals in export order."""
    best, best_n = None, 0
    for group in groups:
        n = sum(1 for d, v in members if holds(group, d, v))
        if n > best_n:
            best, best_n = group, n
    return BestGroup(best, best_n, max(2, math.ceil(len(members) / 2)))


def _score_groups(stories: Mapping[str, Any], export: Mapping[str, Any]) -> Tally:
    tally = Tally()
    groups = export.get("claim_groups", [])
    for st in stories.values():
        for g in st.get("claim_groups") or []:
            members = [(str(d), float(v)) for d, v in g["members"]]
            best = best_group(members, groups)
            why = (f"{g['id']}: best group holds {best.held}/{len(members)} (need {best.need}), relation {best.relation}"
                   f" (gold {g['relation']})")
            tally.add(best.members_ok, why)
            tally.add(best.relation_ok(g["relation"]), why)
    return tally


def _event_sources(event: Mapping[str, Any]) -> set[str]:
    return {str(s) for s in event.get("sources") or []} | {str(s.get("doc")) for s in _spans(event.get("mentions", []))}


def _score_events(stories: Mapping[str, Any], export: Mapping[str, Any]) -> tuple[Tally, Tally]:
    by_month, by_day = Tally(), Tally()
    for st in stories.values():
        for ev in st.get("events") or []:
            need = max(1, len(ev["sources"]) // 2)
            gold_date = str(ev["date"])
            day_gold = ev.get("precision", "day") == "day" and len(gold_date) >= 10
            month_ok = day_ok = False
            for event in export.get("events", []):
                d = event.get("date")
                date = str((d.get("value") if isinstance(d, dict) else d) or "")
                if len(_event_sources(event) & set(ev["sources"])) < need:
                    continue
                month_ok = month_ok or date.startswith(gold_date[:7])
                day_ok = day_ok or (day_gold and date.startswith(gold_date[:10]))
            by_month.add(month_ok, f"{ev['label']} [{gold_date}]")
            if day_gold:
                by_day.add(day_ok, f"{ev['label']} [{gold_date}]")
    return by_month, by_day


def _score_quotes(stories: Mapping[str, Any], export: Mapping[str, Any], names: Mapping[str, str]) -> Tally:
    by_doc = _by_doc(export.get("quotes", []))
    tally = Tally()
    for st in stories.values():
        for row in st.get("quotes") or []:
            did, speaker, words = row[:3]
            keys = claimant_keys(speaker, row[3] if len(row) > 3 else None)
            ok = False
            for quote in by_doc.get(did, []):
                text = f"{quote.get('text') or ''} {(quote.get('content') or {}).get('text') or ''}"
                if words not in text:
                    continue
                said_by = f"{_as_text(quote.get('speaker'), names)} {quote.get('speaker_text') or ''}".lower()
                if "*" in keys or any(k.lower() in said_by for k in keys):
                    ok = True
                    break
            tally.add(ok, f"{did} [{speaker}] {words!r}")
    return tally


def _score_entities(gold: Mapping[str, Any], stories: Mapping[str, Any], export: Mapping[str, Any],
                    scored_docs: set[str]) -> Tally:
    owner: dict[str, set[str]] = defaultdict(set)
    for entity in export.get("entities", []):
        for mention in entity.get("mentions", []):
            if mention.get("doc") in scored_docs:
                owner[_flat(mention.get("text"))].add(str(entity.get("id")))
    variants_of: dict[str, list[str]] = dict(gold.get("entities") or {})
    for st in stories.values():
        variants_of.update(st.get("entities") or {})
    tally = Tally()
    for canonical, variants in variants_of.items():
        votes: Counter[str] = Counter(o for v in variants for o in owner.get(v, ()))
        best = votes.most_common(1)[0][0] if votes else None
        for v in variants:
            tally.add(best is not None and best in owner.get(v, ()), f"{canonical}: {v!r} -> {sorted(owner.get(v, ())) or 'no mention'}")
    return tally


def _score_stories(gdocs: Mapping[str, Any], stories: Mapping[str, Any], export: Mapping[str, Any]
                   ) -> tuple[Tally, tuple[float, float, float], tuple[int, int]]:
    predicted: dict[str, str] = {}
    for story in export.get("stories", []):
        for member in story.get("members", []):
            predicted[str(member.get("doc") if isinstance(member, dict) else member)] = str(story["id"])
    labels = {d: str(g["story"]) for d, g in gdocs.items()}
    for d in labels:
        predicted.setdefault(d, f"unassigned:{d}")
    # A predicted cluster stands for one gold story only: pairs are matched greedily by overlap.
    overlap = Counter((label, predicted[d]) for d, label in labels.items() if label in stories)
    matched: dict[str, str] = {}
    for (sid, cluster), _n in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if sid not in matched and cluster not in matched.values():
            matched[sid] = cluster
    tally = Tally()
    for d, label in labels.items():
        ok = predicted[d] == matched.get(label) if label in stories else predicted[d] not in matched.values()
        tally.add(ok, f"{d} ({label}) in {predicted[d]}")
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for d, label in labels.items():
        by_pred[predicted[d]].add(d)
        by_gold[label].add(d)
    n = max(1, len(labels))
    p = sum(len(by_pred[predicted[d]] & by_gold[labels[d]]) / len(by_pred[predicted[d]]) for d in labels) / n
    r = sum(len(by_pred[predicted[d]] & by_gold[labels[d]]) / len(by_gold[labels[d]]) for d in labels) / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return tally, (p, r, f1), (len(by_pred), len(by_gold))


def _what(claim: Mapping[str, Any], key: str) -> str:
    # Exports without a measure field still name the counted unit: compare that instead.
    value = claim.get(key, claim.get("unit") if key == "measure" else None)
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or value.get("text")
    return _flat(value).lower()


def _mixed_contradictions(export: Mapping[str, Any], scored_docs: set[str]) -> list[str]:
    """Contradicted groups whose members measure different things or different scopes."""
    out = []
    for group in export.get("claim_groups", []):
        claims = group.get("claims", [])
        if group.get("relation") != "contradicted" or not any(c.get("doc") in scored_docs for c in claims):
            continue
        for key in ("measure", "scope"):
            kinds = {_what(c, key) for c in claims}
            if len(kinds) > 1:
                out.append(f"{group.get('id')}: {key} differs ({', '.join(sorted(kinds))})")
    return out


def score_picture(export: Mapping[str, Any], gold: Mapping[str, Any], split: str | None = "check") -> PictureScore:
    """Score an export against the gold; ``split`` None scores every document and story."""
    all_docs: Mapping[str, Any] = gold["documents"]
    exp = gold_export(export, gold)
    gdocs = {d: g for d, g in all_docs.items() if split is None or g.get("split") == split}
    stories = {
        sid: st for sid, st in gold["stories"].items()
        if split is None or (
            any(g["story"] == sid for g in gdocs.values())
            and all(g.get("split") == split for g in all_docs.values() if g["story"] == sid)
        )
    }
    docs = {str(d.get("id")): d for d in exp.get("documents", [])}
    names = entity_names(exp)
    printed, absent, inferred = _score_dates(gdocs, docs)
    by_month, by_day = _score_events(stories, exp)
    story_tally, bcubed, clusters = _score_stories(gdocs, stories, exp)
    tallies = {
        "publication dates printed": printed,
        "publication dates absent": absent,
        "numeric claims": _score_claims(stories, exp, names),
        "claim groups": _score_groups(stories, exp),
        "events (month)": by_month,
        "events (day)": by_day,
        "quotes": _score_quotes(stories, exp, names),
        "entities": _score_entities(gold, stories, exp, set(gdocs)),
        "stories": story_tally,
    }
    return PictureScore(split, len(gdocs), list(stories), tallies, inferred, bcubed, clusters,
                        _mixed_contradictions(exp, set(gdocs)))


# --- running the pipeline and printing -------------------------------------------------------


def run_pipeline(corpus: Path, jobs: int = 0, overrides: Iterable[str] = ()) -> dict[str, Any]:
    """Analyse ``corpus`` with the configured default pipeline into a throw-away store; return the export."""
    from lagebild import analyze_paths, build_export, open_store
    from lagebild.config import load_config

    config = load_config(None, list(overrides))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "picture.db"))
        try:
            analyze_paths([corpus], store, config=config, jobs=jobs)
            return build_export(store)
        finally:
            store.close()


def _line(name: str, tally: Tally) -> str:
    share = f"{tally.share:.3f}" if tally.share is not None else "–"
    return f"{name:36s} {tally.hits:>5d} {tally.total:>5d}  {share}"


def format_score(score: PictureScore, verbose: bool = False) -> str:
    rows = [f"split: {score.split or 'all'} ({score.documents} documents; stories: {', '.join(score.stories) or 'none'})",
            f"{'category':36s} {'hits':>5s} {'n':>5s}  share"]
    for name in CATEGORIES:
        rows.append(_line(name, score.tallies[name]))
    rows.append(_line("inferred dates in the right month", score.inferred_dates))
    rows.append(_line("picture (sum of the categories above)", score.picture))
    p, r, f1 = score.bcubed
    rows.append(f"story clusters: BCubed P {p:.3f} R {r:.3f} F1 {f1:.3f} "
                f"({score.clusters[0]} predicted clusters, {score.clusters[1]} gold)")
    rows.append(f"contradicted groups mixing measures or scopes: {len(score.mixed_contradictions)}")
    if verbose:
        for name, tally in [*score.tallies.items(), ("inferred dates", score.inferred_dates)]:
            if tally.misses:
                rows.append(f"--- missed: {name}")
                rows.extend(f"    {m}" for m in tally.misses)
        if score.mixed_contradictions:
            rows.append("--- contradicted groups mixing measures or scopes")
            rows.extend(f"    {m}" for m in score.mixed_contradictions)
    return "\n".join(rows)


def _default_gold() -> Path:
    return shared_data_dir() / "news_stories_dev" / "gold.yaml"


@click.command("picture")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--export", "export_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this lagebild.json instead of running the pipeline on the corpus beside the gold.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the articles (default: corpus/ beside the gold file).")
@click.option("--split", type=click.Choice(["check", "tune", "all"]), default="check", show_default=True,
              help="Documents and stories to score: the held-out 'check' split, the 'tune' split, or all.")
@click.option("--jobs", "-j", type=int, default=0, help="Worker processes for the pipeline (0: one per core).")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Configuration override, as for analyze.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures (per split, and the whole corpus) as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss.")
def command(gold: Path | None, export_path: Path | None, corpus: Path | None, split: str, jobs: int,
            overrides: tuple[str, ...], json_out: Path | None, verbose: bool) -> None:
    """Score the picture (dates, figures, claim groups, events, quotes, entities, stories) against gold.

    GOLD defaults to news_stories_dev/gold.yaml in the shared data folder; the held-out 'check'
    split is scored unless --split says otherwise. The claim-group and clustering figures are
    also printed for the whole corpus.

    Example: lagebild eval picture ../shared/data/news_stories_dev/gold.yaml --split check
    """
    gold_path = gold or _default_gold()
    if not gold_path.exists():
        raise click.ClickException(f"gold file not found: {gold_path} (give GOLD or set LAGEBILD_SHARED_DATA)")
    gold_data = load_gold(gold_path)
    if export_path is not None:
        export = json.loads(export_path.read_text("utf-8"))
    else:
        folder = corpus or gold_path.parent / "corpus"
        if not folder.is_dir():
            raise click.ClickException(f"corpus folder not found: {folder} (give --corpus or --export)")
        click.echo(f"analysing {folder} …", err=True)
        export = run_pipeline(folder, jobs, overrides)
    score = score_picture(export, gold_data, None if split == "all" else split)
    click.echo(format_score(score, verbose))
    whole = score_picture(export, gold_data, None)
    groups, p_r_f = whole.tallies["claim groups"], whole.bcubed
    click.echo(f"whole corpus: {_line('claim groups', groups).strip()}; story clusters BCubed F1 {p_r_f[2]:.3f}; "
               f"contradicted groups mixing measures or scopes: {len(whole.mixed_contradictions)}")
    if json_out is not None:
        json_out.write_text(json.dumps({"scored": score.as_dict(), "whole corpus": whole.as_dict()}, indent=1,
                                       ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(command())
