"""Build gold.jsonl from the hand annotations: text extracted from the shared pages, spans located.

Usage: python benchmarks/data/news_speech_gold/build.py [SHARED_DATA_DIR]

The article texts are NOT stored here (third-party pages): each record names its page in
``trafilatura_evalset/html``; ``lagebild.evaluation.speech`` extracts the text again with
trafilatura and checks ``text_sha256`` (falling back to locating each span by its text).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

from annotations import DEV, DEV_10KGNAD, TEST

from lagebild.evaluation.speech import CLOSERS, page_text, source_text


def _locate(text: str, anchor: str, seen: dict[str, int]) -> int:
    n = seen.get(anchor, 0)
    pos = -1
    for _ in range(n + 1):
        pos = text.find(anchor, pos + 1)
        if pos < 0:
            raise SystemExit(f"anchor not found (occurrence {n + 1}): {anchor!r}")
    seen[anchor] = n + 1
    return pos


def _direct_end(text: str, start: int) -> int:
    closers = CLOSERS[text[start]]
    for i in range(start + 1, len(text)):
        if text[i] in closers and i > start + 1:
            return i + 1
    raise SystemExit(f"no closing mark for quote at {start}: {text[start:start + 60]!r}")


def build(shared: Path) -> list[dict[str, object]]:
    records = []
    for split, docs in (("dev", DEV), ("test", TEST)):
        for page, ann in docs.items():
            text = page_text(shared, page)
            seen: dict[str, int] = {}
            quotes = []
            for kind, anchor, speaker in ann["quotes"]:
                start = _locate(text, anchor, seen)
                end = _direct_end(text, start) if kind == "direct" else start + len(anchor.rstrip("\n"))
                quotes.append({"type": kind, "start": start, "end": end, "text": text[start:end], "speaker": speaker})
            claims = []
            for anchor, value, claimant in ann["claims"]:
                start = _locate(text, anchor, seen)
                claims.append({"start": start, "end": start + len(anchor), "text": anchor, "value": value, "claimant": claimant})
            records.append({
                "id": page.removesuffix(".html"),
                "split": split,
                "source": {"dataset": "trafilatura_evalset", "page": page},
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "quotes": quotes,
                "claims": claims,
            })
    for row, ann in DEV_10KGNAD.items():
        source = {"dataset": "10kGNAD", "row": row}
        text = source_text(shared, source)
        seen = {}
        claims = []
        for anchor, value, claimant in ann["claims"]:
            start = _locate(text, anchor, seen)
            claims.append({"start": start, "end": start + len(anchor), "text": anchor, "value": value, "claimant": claimant})
        records.append({"id": f"10kgnad-{row}", "split": "dev", "source": source,
                        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "quotes": None, "claims": claims})
    return records


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared" / "data"
    records = build(shared)
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    nq = sum(len(r["quotes"] or []) for r in records)  # type: ignore[arg-type]
    nc = sum(len(r["claims"]) for r in records)  # type: ignore[arg-type]
    print(f"{len(records)} documents, {nq} quotes, {nc} claims -> {HERE / 'gold.jsonl'}")


if __name__ == "__main__":
    main()
