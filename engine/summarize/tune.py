"""Choose the headline's decoding on validation sets: ``wenqi-cli summarize tune``.

The tagger's log-probabilities are computed once per text; every combination of keep bonus,
span cost and headline length range is then decoded from them (``Compressor.decode``, what the
app runs) and scored with character ROUGE-L against the references. The chosen values are the
constants at the top of ``compressor.py``; README.md, "Choosing the decoding", has the table.

    wenqi-cli summarize tune --model runs/summ/model --valid FILE... --limit 300 \\
        --bonus 2 3 4 --cost 0 1 2 --chars 8,24 8,28 10,32
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from engine.runtime.store import ModelStore
from engine.summarize.compression import unit_starts
from engine.summarize.compressor import segment, headline_window
from engine.summarize.data import read_pairs
from engine.summarize.rouge import mean_char_rouge
from engine.summarize.summarizer import Summarizer


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


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["summarize", "tune", *sys.argv[1:]]))
