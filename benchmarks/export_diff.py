"""Compare two `lagebild.json` exports of the same input: identical analysis, or where they differ.

A speed change must not change what lagebild finds. Run `lagebild analyze` on the same folder with
the code before and after the change (each into its own output folder), then:

    .venv/bin/python benchmarks/export_diff.py BEFORE/lagebild.json AFTER/lagebild.json

Keys that name where the input was read from (`path`, `sources`) are left out; everything else,
floats included, must be equal. Prints one line per section (documents, entities, claims, ...) with
the number of differing records and the first differences; exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

#: what differs between two runs over the same texts read from different places
VOLATILE = frozenset({"path", "sources"})


def stable(obj: Any) -> Any:
    """``obj`` without the volatile keys."""
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def differences(a: Any, b: Any, where: str = "", limit: int = 5) -> list[str]:
    """Up to ``limit`` paths at which ``a`` and ``b`` differ, with both values (shortened)."""
    out: list[str] = []

    def walk(x: Any, y: Any, path: str) -> None:
        if len(out) >= limit or x == y:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for key in sorted(set(x) | set(y), key=str):
                walk(x.get(key), y.get(key), f"{path}.{key}")
            return
        if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            for i, (u, v) in enumerate(zip(x, y, strict=True)):
                walk(u, v, f"{path}[{i}]")
            return
        out.append(f"{path}: {json.dumps(x, ensure_ascii=False)[:120]} != {json.dumps(y, ensure_ascii=False)[:120]}")

    walk(a, b, where)
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> tuple[bool, list[str]]:
    """(equal, report lines) for two parsed exports."""
    lines: list[str] = []
    same = True
    for key in sorted(set(before) | set(after)):
        x, y = stable(before.get(key)), stable(after.get(key))
        if isinstance(x, list) and isinstance(y, list):
            changed = sum(1 for u, v in zip(x, y, strict=False) if u != v) + abs(len(x) - len(y))
            lines.append(f"{key:16s} {len(x):7d} -> {len(y):7d} records, {changed} differ")
        else:
            changed = int(x != y)
            lines.append(f"{key:16s} {'same' if not changed else 'differs'}")
        if changed:
            same = False
            lines.extend("    " + d for d in differences(x, y, key))
    return same, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    same, lines = compare(json.loads(args.before.read_text("utf-8")), json.loads(args.after.read_text("utf-8")))
    print("\n".join(lines))
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
