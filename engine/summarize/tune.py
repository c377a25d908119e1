"""Choose the headline's decoding on validation sets: ``python -m engine.summarize.tune``.

The tagger's log-probabilities are computed once per text; every combination of keep bonus,
span cost and headline length range is then decoded from them (``Compressor.decode``, what the
app runs) and scored with character ROUGE-L against the references. The chosen values are the
constants at the top of ``compressor.py``; README.md, "Choosing the decoding", has the table.

    python -m engine.summarize.tune --model runs/summ/model --valid FILE... --limit 300 \\
        --bonus 2 3 4 --cost 0 1 2 --chars 8,24 8,28 10,32
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

from engine.runtime.device import set_threads
from engine.runtime.store import ModelStore
from engine.summarize.compression import unit_starts
from engine.summarize.compressor import segment, headline_window
from engine.summarize.data import read_pairs
from engine.summarize.rouge import mean_char_rouge
from engine.summarize.summarizer import Summarizer


def _chars(value: str) -> tuple[int, int]:
    low, high = (int(part) for part in value.split(","))
    return low, high


def tune(model: str, files: list[Path], limit: int | None, bonuses: list[float], costs: list[float],
         ranges: list[tuple[int, int]]) -> list[dict]:
    """ROUGE-L per validation file for every (bonus, cost, range), with their mean."""
    compressor = Summarizer(ModelStore(), model=model).compressor()
    prepared = []
    for path in files:
        pairs = read_pairs(path, limit)
        windows = [headline_window(pair.text) for pair in pairs]
        log_probs = compressor.log_probs([window.text for window in windows])
        starts = [unit_starts(segment(window.text)) for window in windows]
        prepared.append((path.name, pairs, windows, log_probs, starts))
    rows = []
    for bonus, cost, chars in itertools.product(bonuses, costs, ranges):
        compressor.keep_bonus, compressor.span_cost, compressor.chars = bonus, cost, chars
        scores = {}
        for name, pairs, windows, log_probs, starts in prepared:
            pieces = [compressor.decode(w, lp, st) for w, lp, st in zip(windows, log_probs, starts)]
            hypotheses = [piece.text if piece else "" for piece in pieces]
            scores[name] = round(mean_char_rouge(zip(hypotheses, (p.summary for p in pairs)))["rougeL"], 2)
        rows.append({"bonus": bonus, "cost": cost, "chars": list(chars), "rougeL": scores,
                     "mean": round(sum(scores.values()) / len(scores), 2)})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.tune", description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="model folder or name")
    parser.add_argument("--valid", type=Path, nargs="+", required=True, help="labelled validation files")
    parser.add_argument("--limit", type=int, default=300, help="pairs per file")
    parser.add_argument("--bonus", type=float, nargs="+", default=[2.0, 3.0, 4.0])
    parser.add_argument("--cost", type=float, nargs="+", default=[0.0, 1.0, 2.0])
    parser.add_argument("--chars", type=_chars, nargs="+", default=[(8, 24), (8, 28), (10, 32)],
                        help="headline length ranges, as MIN,MAX")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write every row here")
    args = parser.parse_args(argv)
    set_threads(args.threads)
    rows = tune(args.model, args.valid, args.limit, args.bonus, args.cost, args.chars)
    best = max(rows, key=lambda row: row["mean"])
    print("best:", json.dumps(best, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
