"""Prepare the math training data: :func:`prepare`, which ``wenqi-cli math prepare --out runs/mathwp/data`` calls.

Reads every labelled set under the data folder (``--data``, default ``../shared/data``): Math23K, Ape210K
valid, HMWP (train, valid, test) and CM17K valid, items with one unknown only. Cleans
them (see :mod:`engine.mathwp.data`), keeps an item only when its equation evaluates to
its answer, drops repeated texts and every text of a set we report on (Ape210K test,
CM17K test, CMATH), and writes ``train.jsonl`` and ``valid.jsonl`` (a fixed held-out slice,
for choosing models) plus ``counts.json``: how many were kept and dropped, and why.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from engine.mathwp.data import Rejections, read_items, split_items, test_texts


def prepare(data_dir: Path, out_dir: Path, valid_size: int = 1000) -> dict:
    """Write train/valid JSON lines to ``out_dir``; return the counts."""
    rejections = Rejections()
    items = read_items(data_dir, test_texts(data_dir), rejections)
    train, valid = split_items(items, valid_size)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, part in (("train", train), ("valid", valid)):
        with open(out_dir / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            for item in part:
                handle.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    counts = {
        "kept": len(items), "train": len(train), "valid": len(valid),
        "kept_by_source": dict(Counter(item.source for item in items)),
        "dropped": sum(sum(r.values()) for r in rejections.counts.values()),
        "dropped_by_source_and_reason": rejections.counts,
    }
    (out_dir / "counts.json").write_text(json.dumps(counts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return counts

