"""The checked configuration: unknown keys named with a "did you mean", cross-source order and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lagebild.analyze import analyze_paths
from lagebild.compare import COMPARE, CorpusContext, check_compare, run_compare
from lagebild.config import check_config, load_config
from lagebild.errors import ConfigError, PipelineError
from lagebild.store import open_store


@COMPARE.register("test.settings-echo.v1", produces={"coverage"})
@dataclass
class _Echo:
    """Writes its settings into the coverage field (to see what reached the stage)."""

    factor: float = 1.0
    label: str = "x"
    prov: Any = field(default=None, compare=False)

    def __call__(self, ctx: CorpusContext) -> None:
        ctx.result.coverage = {"factor": self.factor, "label": self.label, "docs": len(ctx.docs)}


def test_the_shipped_configuration_passes_every_check() -> None:
    check_config(load_config())


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("run.jobz=1", "run -> jobz: unknown key; did you mean 'jobs'?"),
        ("pipline.stages=[]", "pipline: unknown section; did you mean 'pipeline'?"),
        ("pipeline.compair=[]", "pipeline -> compair: unknown key; did you mean 'compare'?"),
        ("run.executor=spark", "run -> executor: expected 'process' or 'ray'"),
    ],
)
def test_unknown_keys_are_rejected_with_the_closest_name(override: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(None, [override])
    assert expected in str(info.value)


def test_unknown_stage_settings_name_the_closest_setting(tmp_path: Path) -> None:
    user = tmp_path / "lagebild.toml"
    user.write_text('[compare."claims.group.v1"]\nsame_time_dayz = 2\n[compare."storys.v1"]\nthreshold = 0.3\n', "utf-8")
    with pytest.raises(PipelineError) as info:
        check_config(load_config(user))
    message = str(info.value)
    assert "same_time_dayz: unknown setting of stage 'claims.group.v1'; did you mean 'same_time_days'?" in message
    assert "no stage 'storys.v1'; did you mean 'stories.v1'?" in message
    with pytest.raises(ConfigError, match="did you mean 'max_sentence_chars'"):
        check_config(load_config(None, ["stages.segment.rules.v1.max_sentence_charz=10"]))


def test_settings_from_file_and_set_reach_the_compare_stage(tmp_path: Path) -> None:
    user = tmp_path / "lagebild.toml"
    user.write_text('[compare."test.settings-echo.v1"]\nfactor = 2.5\nlabel = "file"\n', "utf-8")
    config = load_config(user, ["compare.test.settings-echo.v1.label=cli"])
    assert config.compare_configs["test.settings-echo.v1"] == {"factor": 2.5, "label": "cli"}
    result = run_compare([], stages=["test.settings-echo.v1"], configs=config.compare_configs)
    assert result.coverage == {"factor": 2.5, "label": "cli", "docs": 0}
    assert not result.failures


def test_compare_order_is_checked_against_requires_and_uses() -> None:
    check_compare(["duplicates.minhash.v1", "entities.resolve.v1", "stories.v1", "events.merge.v1", "timeline.v1"])
    with pytest.raises(PipelineError) as info:
        check_compare(["timeline.v1", "stories.v1", "entities.resolve.v1", "events.merge.v1", "inconsistencies.v1"])
    message = str(info.value)
    assert "'timeline.v1' requires events; move 'events.merge.v1' before it" in message
    assert "'stories.v1' uses mention_entity, which 'entities.resolve.v1' produces after it" in message
    assert "'inconsistencies.v1' requires claim_groups; no stage in the list produces it" in message
    # a stage that is simply absent is no error for a stage that only uses its result
    check_compare(["stories.v1", "claims.group.v1"])


def test_compare_needs_the_per_document_annotations_it_requires() -> None:
    with pytest.raises(PipelineError, match=r"'entities\.resolve\.v1' requires 'entity' annotations"):
        check_compare(["entities.resolve.v1"], doc_capabilities={"original", "source", "text"})
    with pytest.raises(PipelineError, match="requires 'entity' annotations"):
        check_config(load_config(None, ['pipeline.stages=["clean.identity.v1", "segment.rules.v1"]']))


def test_a_bad_order_stops_analyze_before_any_document_is_stored(examples_dir: Path, tmp_path: Path) -> None:
    config = load_config(None, ['pipeline.compare=["timeline.v1", "events.merge.v1"]'])
    store = open_store(str(tmp_path / "lb.db"))
    try:
        with pytest.raises(PipelineError, match=r"move 'events\.merge\.v1' before it"):
            analyze_paths([examples_dir], store, config=config, jobs=1)
        assert store.document_ids() == []
    finally:
        store.close()
