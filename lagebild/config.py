"""Typed configuration: shipped defaults < user file < LAGEBILD_* env < --set overrides.

``load_config`` checks the shape (sections, keys, types) and names every unknown key with the
closest known one; ``check_config`` also checks the stages: names, settings, and the order of
the per-document and cross-source stages against what each requires, produces and uses.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError

__all__ = ["Config", "check_config", "load_config"]

#: the sections of the configuration and the keys each may hold (``stages``/``compare``: tables
#: of settings by stage name, checked against the registries by ``check_config``)
SECTIONS: dict[str, frozenset[str] | None] = {
    "pipeline": frozenset({"stages", "compare"}),
    "stages": None,
    "compare": None,
    "run": frozenset({"jobs", "executor", "ray_address"}),
    "ingest": frozenset(),  # checked key by key by ``lagebild.ingest.limits.ReadLimits.from_config``
}
#: sections whose keys their own reader checks
DELEGATED = frozenset({"ingest"})


@dataclass(frozen=True)
class Config:
    """The resolved configuration of a run."""

    stages: tuple[str, ...]
    compare_stages: tuple[str, ...]
    stage_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: int = 0
    raw: dict[str, Any] = field(default_factory=dict)
    #: settings of the cross-source stages by name (``[compare."<stage>"]``)
    compare_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: where the per-document pipeline runs: ``process`` (local pool) or ``ray``
    executor: str = "process"
    #: the Ray cluster to join (None: a local one)
    ray_address: str | None = None


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _set_path(tree: dict[str, Any], dotted: str, value: Any) -> None:
    parts = [p.strip('"') for p in dotted.split(".")]
    # stage names contain dots: `stages."dates.rules.v1".x` or `stages.dates.rules.v1.x`
    if parts[0] in ("stages", "compare") and len(parts) > 3:
        parts = [parts[0], ".".join(parts[1:-1]), parts[-1]]
    node = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _did_you_mean(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(known))})"


def _shape_problems(tree: dict[str, Any]) -> list[str]:
    """Unknown sections and keys, each with the closest known name."""
    problems = []
    for section, value in tree.items():
        if section not in SECTIONS:
            problems.append(f"{section}: unknown section{_did_you_mean(section, list(SECTIONS))}")
            continue
        if not isinstance(value, dict):
            problems.append(f"{section}: expected a table, got {value!r}")
            continue
        keys = SECTIONS[section]
        if section in DELEGATED:
            continue
        if keys is None:
            for name, settings in value.items():
                if not isinstance(settings, dict):
                    problems.append(f'{section} -> "{name}": expected a table of settings, got {settings!r}')
            continue
        for key in value:
            if key not in keys:
                problems.append(f"{section} -> {key}: unknown key{_did_you_mean(key, sorted(keys))}")
    return problems


def _parse_value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def load_config(path: str | os.PathLike[str] | None = None, overrides: list[str] | tuple[str, ...] = ()) -> Config:
    """Resolve the configuration; raise ``ConfigError`` listing every problem with its path."""
    tree = tomllib.loads(resources.files("lagebild").joinpath("defaults.toml").read_text("utf-8"))
    problems: list[str] = []
    if path:
        try:
            tree = _deep_merge(tree, tomllib.loads(Path(path).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{path}: {exc}")
    env_jobs = os.environ.get("LAGEBILD_JOBS")
    if env_jobs:
        tree.setdefault("run", {})["jobs"] = _parse_value(env_jobs)
    for item in overrides:
        if "=" not in item:
            problems.append(f"--set {item}: expected KEY=VALUE")
            continue
        key, value = item.split("=", 1)
        _set_path(tree, key.strip(), _parse_value(value.strip()))
    pipeline = tree.get("pipeline", {})
    stages = pipeline.get("stages", [])
    compare = pipeline.get("compare", [])
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        problems.append("pipeline -> stages: expected a list of stage names")
    if not isinstance(compare, list) or not all(isinstance(s, str) for s in compare):
        problems.append("pipeline -> compare: expected a list of stage names")
    jobs = tree.get("run", {}).get("jobs", 0)
    if not isinstance(jobs, int) or jobs < 0:
        problems.append(f"run -> jobs: expected a whole number >= 0, got {jobs!r}")
    problems.extend(_shape_problems(tree))
    run = tree.get("run", {}) if isinstance(tree.get("run"), dict) else {}
    executor = run.get("executor", "process")
    if executor not in ("process", "ray"):
        problems.append(f"run -> executor: expected 'process' or 'ray', got {executor!r}")
    ray_address = run.get("ray_address") or None
    if ray_address is not None and not isinstance(ray_address, str):
        problems.append(f"run -> ray_address: expected an address like 'auto' or 'HOST:6379', got {ray_address!r}")
    stage_configs = tree.get("stages", {})
    compare_configs = tree.get("compare", {})
    if problems:
        raise ConfigError(problems)
    return Config(
        tuple(stages), tuple(compare), dict(stage_configs), int(jobs), tree,
        compare_configs=dict(compare_configs), executor=str(executor), ray_address=ray_address,
    )


def check_config(config: Config) -> None:
    """Raise ``ConfigError`` for unknown stages or settings, ``PipelineError`` for a bad order.

    Runs before any document is read: the per-document stages as ``Pipeline.check`` does, the
    cross-source stages as ``check_compare`` does (their per-document inputs included).
    """
    from lagebild.compare import check_compare
    from lagebild.errors import LagebildError
    from lagebild.pipeline import INITIAL_CAPABILITIES, Pipeline, PipelineSpec
    from lagebild.registry import STAGES

    problems = []
    for name, settings in config.stage_configs.items():
        try:
            info = STAGES.info(name)
        except LagebildError as exc:
            problems.append(f"stages -> {name}: {exc}")
            continue
        problems.extend(info.check_settings(settings, f'stages -> "{name}"'))
    if problems:
        raise ConfigError(problems)
    Pipeline.check_spec(PipelineSpec.of(list(config.stages), config.stage_configs))
    capabilities = set(INITIAL_CAPABILITIES)
    for name in config.stages:
        capabilities |= STAGES.info(name).produces
    check_compare(config.compare_stages, doc_capabilities=capabilities, configs=config.compare_configs)
