"""What a perfect tagger could score: ``wenqi-cli summarize oracle --test FILE [--limit N]``.

The summary made of exactly the runs the reference copies from the model's window (the
training labels, ``compression.copy_spans``), scored with character ROUGE against that same
reference. It bounds what the tagger can reach and shows how much a minimum run length costs.
"""

from __future__ import annotations

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


def oracle_report(test: Path, limit: int | None, min_spans: list[int]) -> dict:
    """ROUGE-L of the oracle summaries of a test file, per minimum run length."""
    pairs = read_pairs(test, limit)
    return {"test": str(test), "n": len(pairs),
            "rougeL": {str(m): round(oracle_rouge(pairs, m)["rougeL"], 2) for m in min_spans}}


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["summarize", "oracle", *sys.argv[1:]]))
