"""CPU seconds of the main process of `lagebild analyze`, apart from its workers'.

The whole-tree CPU (`e2e_compare.py`) cannot show work moved from the main process to the workers:
the sum stays the same. What the user waits for, though, is the main process's serial part (one core
idles meanwhile). This runs what `lagebild analyze DIR` runs, in this process (`analyze_paths`, then
`write_outputs`: export and report), and prints the main process's CPU of each, and what the run
counted (`RunReport.main_cpu`: phases, stages, "story batches computed here", the workers' CPU under
"workers: ").

    PYTHONPATH=CHECKOUT .venv/bin/python benchmarks/main_cpu.py /tmp/gnad1000 [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lagebild.analyze import analyze_paths, write_outputs
from lagebild.config import load_config
from lagebild.store import open_store


def main(corpus: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    store = open_store(str(out / "lb.db"))
    c0 = time.process_time()
    report = analyze_paths([corpus], store, config=load_config())
    c1 = time.process_time()
    assert report.corpus is not None
    write_outputs(store, report.corpus, out / "lagebild.json", out / "report.html")
    c2 = time.process_time()
    print(f"main process CPU s: analyze_paths {c1 - c0:.2f}, write_outputs {c2 - c1:.2f}, together {c2 - c0:.2f}")
    for key, value in sorted(report.main_cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {key:50s} {value:8.2f}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    if len(sys.argv) == 3:
        main(sys.argv[1], Path(sys.argv[2]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(sys.argv[1], Path(tmp))
