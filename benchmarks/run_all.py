"""Run every benchmark in this folder with its default arguments, one after the other.

Each benchmark is also runnable on its own (see benchmarks/README.md). Gold data is read from
../shared/data next to the checkout unless LAGEBILD_SHARED_DATA points elsewhere.

Usage: .venv/bin/python benchmarks/run_all.py [NAME ...]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run_all.py"}


def main() -> int:
    wanted = set(sys.argv[1:])
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in SKIP or script.name.startswith("_") or (wanted and script.stem not in wanted):
            continue
        print(f"\n## {script.stem}\n", flush=True)
        code = subprocess.call([sys.executable, str(script)])
        if code:
            print(f"(benchmark {script.stem} exited with {code})")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
