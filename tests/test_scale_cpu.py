"""benchmarks/scale.py: the CPU of a run's whole process tree is counted exactly, orphans included."""

from __future__ import annotations

import sys
import textwrap
from types import ModuleType

import pytest

from tests.benchmark_scripts import load_benchmark

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, uses prctl")


def _tool() -> ModuleType:
    return load_benchmark("scale", "scale_bench")


_BURN = "t = time.process_time()\nwhile time.process_time() - t < {seconds}: pass\n"


def test_a_short_lived_orphaned_grandchild_is_counted() -> None:
    # the child forks a grandchild and ends at once, so the grandchild is nobody's to wait for: its CPU is
    # missed by a parent's usage (it goes to init) and by the /proc samples (it leaves the command's tree)
    code = "import os, time\nif os.fork() == 0:\n    if os.fork() == 0:\n" + textwrap.indent(_BURN.format(seconds=0.4), "        ")
    code += "        os._exit(0)\n    os._exit(0)\nos.wait()\n"
    m = _tool().measure([sys.executable, "-c", code], interval=0.2, reap_timeout=10.0)
    assert m.returncode == 0
    assert m.exact
    assert m.tree_cpu - m.main_cpu >= 0.4
    assert m.sampled_tree_cpu < m.tree_cpu


def test_a_process_without_children_is_its_own_tree() -> None:
    m = _tool().measure([sys.executable, "-c", "import time\n" + _BURN.format(seconds=0.3)], interval=0.2, reap_timeout=10.0)
    assert m.returncode == 0
    assert m.exact
    assert m.main_cpu >= 0.3
    assert abs(m.tree_cpu - m.main_cpu) < 0.05
