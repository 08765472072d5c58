"""Typed configuration: shipped defaults < user file < LAGEBILD_* env < --set overrides."""

from __future__ import annotations

import copy
import json
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError

__all__ = ["Config", "load_config"]


@dataclass(frozen=True)
class Config:
    """The resolved configuration of a run."""

    stages: tuple[str, ...]
    compare_stages: tuple[str, ...]
    stage_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: int = 0
    raw: dict[str, Any] = field(default_factory=dict)


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
    if parts[0] == "stages" and len(parts) > 3:
        parts = ["stages", ".".join(parts[1:-1]), parts[-1]]
    node = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


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
    stage_configs = tree.get("stages", {})
    if not isinstance(stage_configs, dict):
        problems.append("stages: expected a table of per-stage settings")
    if problems:
        raise ConfigError(problems)
    return Config(tuple(stages), tuple(compare), dict(stage_configs), int(jobs), tree)
