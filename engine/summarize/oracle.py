"""What a perfect tagger could score: ``python -m engine.summarize.oracle --test FILE [--limit N]``.

The summary made of exactly the runs the reference copies from the model's window (the
training labels, ``compression.copy_spans``), scored with character ROUGE against that same
reference. It bounds what the tagger can reach and shows how much a minimum run length costs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.summarize.compression import copy_spans
from engine.summarize.data import read_pairs
from engine.summarize.rouge import mean_char_rouge
from engine.summarize.tagger import lead_window


def oracle_rouge(pairs, min_span: int) -> dict:
    hypotheses = []
    for pair in pairs:
        window = lead_window(pair.text).text
        hypotheses.append("".join(window[a:b] for a, b in copy_spans(window, " ".join(pair.summary.split()), min_span)))
    return mean_char_rouge(zip(hypotheses, (pair.summary for pair in pairs)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.oracle", description=__doc__.splitlines()[0])
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-span", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args(argv)
    pairs = read_pairs(args.test, args.limit)
    report = {"test": str(args.test), "n": len(pairs),
              "rougeL": {str(m): round(oracle_rouge(pairs, m)["rougeL"], 2) for m in args.min_span}}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
