"""Write captures out: one JSON with everything, or one matrix as CSV (with its labels) / NPY.

    write_capture_json(capture, comparisons, Path("attention.json"))
    write_matrix_csv(Path("layer0-head1.csv"), matrix, row_labels, column_labels)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from engine.attention.capture import AttentionCapture
from engine.attention.compare import Comparison

DECIMALS = 6


def capture_to_dict(capture: AttentionCapture, comparisons: dict[str, list[Comparison]] | None = None) -> dict:
    """Matrices (layers × heads × n × n), labels and, per stack, each approximation's errors per head."""
    comparisons = comparisons or {}
    stacks = []
    for stack in capture.stacks:
        stacks.append({
            "name": stack.name,
            "causal": stack.causal,
            "layers": stack.layers,
            "heads": stack.heads,
            "query_labels": stack.query_labels,
            "key_labels": stack.key_labels,
            "recompute_max_abs_error": stack.recompute_error,
            "weights": np.round(stack.weights.astype(np.float64), DECIMALS).tolist(),
            "approximations": [
                {**c.summary(), "kl_per_head": np.round(c.kl.astype(np.float64), DECIMALS).tolist(),
                 "max_abs_per_head": np.round(c.max_abs.astype(np.float64), DECIMALS).tolist()}
                for c in comparisons.get(stack.name, [])
            ],
        })
    return {"model": capture.model, "text": capture.text, "truncated": capture.truncated,
            "capture_seconds": round(capture.seconds, 4), "stacks": stacks}


def write_capture_json(capture: AttentionCapture, comparisons: dict[str, list[Comparison]] | None, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(capture_to_dict(capture, comparisons), ensure_ascii=False), encoding="utf-8")


def write_matrix_csv(path: Path, matrix: np.ndarray, row_labels: list[str], column_labels: list[str]) -> None:
    """A labelled table: the first row holds the key labels, the first column the query labels."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: spreadsheets read it as UTF-8
        writer = csv.writer(handle)
        writer.writerow(["", *column_labels])
        for label, row in zip(row_labels, matrix):
            writer.writerow([label, *(f"{value:.{DECIMALS}g}" for value in row)])


def write_npy(path: Path, array: np.ndarray) -> None:
    np.save(path, np.asarray(array), allow_pickle=False)
