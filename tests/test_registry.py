"""The registry and the pipeline check: names, requirements, contract of every stage."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from lagebild.errors import PipelineError, RegistryError
from lagebild.ingest import read_path
from lagebild.model import Document
from lagebild.pipeline import Pipeline, PipelineSpec
from lagebild.registry import STAGES


def test_pipeline_rejects_stage_whose_input_nobody_produces() -> None:
    with pytest.raises(PipelineError) as err:
        Pipeline(PipelineSpec.of(["segment.rules.v1"]))
    assert "segment.rules.v1" in str(err.value) and "text" in str(err.value)


def test_unknown_stage_names_alternatives() -> None:
    with pytest.raises(RegistryError) as err:
        STAGES.info("segment.rule.v1")
    assert "did you mean 'segment.rules.v1'" in str(err.value)
    assert "Available:" in str(err.value)


def _example_doc(examples_dir: Path) -> Document:
    first = sorted(examples_dir.glob("*.txt"))[0]
    got = next(iter(read_path(first)))
    assert isinstance(got, Document)
    return got


def test_every_stage_has_docstring_pickles_and_is_deterministic(examples_dir: Path) -> None:
    from lagebild.config import load_config

    config = load_config()
    spec = PipelineSpec.of(list(config.stages), config.stage_configs)
    pipeline = Pipeline(spec)
    for name, stage in pipeline.stages:
        assert STAGES.info(name).doc, f"stage {name} has no docstring"
        pickle.loads(pickle.dumps(stage))
    first = pipeline(_example_doc(examples_dir))
    second = Pipeline(spec)(_example_doc(examples_dir))
    assert json.dumps(first.to_json(), sort_keys=True) == json.dumps(second.to_json(), sort_keys=True)
    assert not [f for f in first.failures if f.error != "Skipped"], first.failures
    for name, _ in pipeline.stages:
        for cap in STAGES.info(name).produces:
            assert cap in first.produced


def test_default_pipeline_passes_its_check() -> None:
    from lagebild.config import load_config

    config = load_config()
    Pipeline(PipelineSpec.of(list(config.stages), config.stage_configs)).check()
