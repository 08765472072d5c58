"""Load a script of benchmarks/ as a module, for the tests of what it computes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_benchmark(script: str, module_name: str) -> ModuleType:
    """The module of ``benchmarks/<script>.py``, registered as ``module_name`` (its dataclasses need a module)."""
    spec = importlib.util.spec_from_file_location(module_name, BENCHMARKS / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(module_name, module)
    spec.loader.exec_module(module)
    return module
