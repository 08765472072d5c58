"""Modules whose import registers the built-in compare stages (explicit, like the stages).

Besides what a stage requires (declared where it is registered), several built-in stages read
results of others when these ran before them: entity ids to match subjects and claimants,
stories to keep events and claim groups apart, inferred dates for undated articles. Those
optional inputs are declared here, so that ``check_compare`` rejects an order in which such a
stage would run before the stage that feeds it.
"""

from __future__ import annotations

import importlib

from lagebild.compare import COMPARE, declare_per_story

BUILTIN_COMPARE_MODULES: tuple[str, ...] = (
    "lagebild.compare.duplicates",
    "lagebild.compare.entities",
    "lagebild.compare.dates",
    "lagebild.compare.stories",
    "lagebild.compare.events",
    "lagebild.compare.timeline",
    "lagebild.compare.claim_groups",
    "lagebild.compare.coverage",
    "lagebild.compare.inconsistencies",
)

#: stage → result fields it reads when an earlier stage produced them (see each stage's ``__call__``)
BUILTIN_USES: dict[str, frozenset[str]] = {
    # stories come first: an inferred date is decided inside the article's own story
    "stories.v1": frozenset({"mention_entity"}),
    "dates.infer.v1": frozenset({"stories"}),
    "events.merge.v1": frozenset({"mention_entity", "stories", "inferred_dates"}),
    "claims.group.v1": frozenset({"mention_entity", "stories", "inferred_dates"}),
    "coverage.v1": frozenset({"stories", "inferred_dates"}),
}

#: stages whose results never cross a story (events, claim groups, … are blocked by story): they run
#: once per story on that story's documents, so a run recomputes only the stories it touched
BUILTIN_PER_STORY: tuple[str, ...] = (
    "dates.infer.v1", "events.merge.v1", "timeline.v1", "claims.group.v1", "coverage.v1", "inconsistencies.v1",
)

for _module in BUILTIN_COMPARE_MODULES:
    importlib.import_module(_module)
for _name, _uses in BUILTIN_USES.items():
    COMPARE.declare_uses(_name, _uses)
for _name in BUILTIN_PER_STORY:
    declare_per_story(_name)

#: corpus-wide stage → the kinds of annotation it reads (the rest of a document it reads whole: text,
#: offsets, metadata). ``lagebild analyze`` gives these stages views of the stored documents with only
#: these annotations, and the per-story stages whole documents one story at a time; a corpus-wide
#: stage not listed here gets whole documents.
BUILTIN_CORPUS_KINDS: dict[str, frozenset[str]] = {
    "duplicates.minhash.v1": frozenset(),
    "entities.resolve.v1": frozenset({"entity"}),
    "stories.v1": frozenset({"entity", "timex"}),  # entities for the story vectors and labels, dates told
}
