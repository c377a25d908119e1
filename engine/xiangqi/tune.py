"""Texel tuning of the evaluation's tables on master games and their results.

    wenqi-cli xiangqi tune --games ../shared/data/xiangqi-ccpd/games_train.jsonl.xz \
        --valid ../shared/data/xiangqi-ccpd/games_valid.jsonl.xz --report runs/xiangqi_engine/tune.json

Positions: every ``--every``-th ply from ply 16 on of each game with a result, skipping those
where the side to move is in check or the last move captured (not quiet). The evaluation is
linear in its tables (``evaluation``: a value per piece, square and phase, blended by the
phase), so the fit is a logistic regression: minimise the mean squared error between the
result (1, 0.5, 0 for red) and ``sigmoid(K * eval / 400)``, K fitted first on the hand-set
tables, with an L2 pull towards those tables so that squares seldom seen keep their values.
Left and right halves share values (the rules are symmetric). Writes ``evaluation_weights.json``
(``--out``) and reports the error before and after on the held-out ``--valid`` games.
The verb's arguments are declared in ``engine/xiangqi/cli.py``; :func:`positions` and
:func:`fit` take them as plain values.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, NamedTuple

import torch

from engine.data import read_jsonl
from engine.xiangqi.board import Board, Move
from engine.xiangqi.evaluation import KINDS, PHASE_MAX, PHASE_WEIGHTS, TERMS, default_weights, terms

RESULTS = {"1-0": 1.0, "1/2-1/2": 0.5, "0-1": 0.0}
SLOTS = 5 * 10
"""Parameters per piece kind and phase: files a-e (f-i mirror them) by ranks 0-9."""


def _slot(kind_index: int, sq: int, red: bool) -> int:
    """Index of the (piece, square) parameter, squares seen from the piece's own side."""
    file, rank = sq % 9, sq // 9
    if not red:
        rank = 9 - rank
    return kind_index * SLOTS + rank * 5 + min(file, 8 - file)


class Positions(NamedTuple):
    """Quiet positions of games with a result, one entry of each list a position."""

    slots: list[list[int]]  # the (piece, square) parameter of each piece
    signs: list[list[float]]  # +1 for a red piece, -1 for a black one
    phases: list[float]  # phase share, 1 = opening
    extra: list[tuple[int, int, int]]  # the ``TERMS`` counts
    results: list[float]  # red's result: 1, 0.5, 0


def positions(path: Path, every: int, limit: int | None = None) -> Positions:
    """Every ``every``-th quiet position from ply 16 on of the games of ``path`` with a result."""
    found = Positions([], [], [], [], [])
    slots, signs, phases, extra, results = found
    for record in read_jsonl(path, limit=limit):
        if record.get("result") not in RESULTS:
            continue
        board = Board()
        captured = False
        for ply, text in enumerate(record["moves"].split(), 1):
            move = Move.from_iccs(text)
            captured = board.is_capture(move)
            board.push(move)
            if ply < 16 or ply % every or captured or board.is_check():
                continue
            row: list[int] = []
            sign: list[float] = []
            phase = 0
            pieces: list[list[int]] = [[] for _ in range(15)]
            for sq, piece in board.pieces():
                kind = KINDS.index(piece.kind)
                row.append(_slot(kind, sq, piece.color))
                sign.append(1.0 if piece.color else -1.0)
                phase += PHASE_WEIGHTS[kind + 1]
                pieces[(kind + 1) * (1 if piece.color else -1)].append(sq)
            extra.append(terms(board._board, pieces))
            slots.append(row)
            signs.append(sign)
            phases.append(min(phase, PHASE_MAX) / PHASE_MAX)
            results.append(RESULTS[record["result"]])
    return found


def _tensors(data: Positions) -> tuple[torch.Tensor, ...]:
    slots, signs, phases, extra, results = data
    width = max(len(row) for row in slots)
    index = torch.zeros(len(slots), width, dtype=torch.long)
    sign = torch.zeros(len(slots), width)
    for i, (row, row_sign) in enumerate(zip(slots, signs)):
        index[i, : len(row)] = torch.tensor(row)
        sign[i, : len(row)] = torch.tensor(row_sign)
    return index, sign, torch.tensor(phases), torch.tensor(extra, dtype=torch.float32), torch.tensor(results)


def _evaluate(mg: torch.Tensor, eg: torch.Tensor, index: torch.Tensor, sign: torch.Tensor, phase: torch.Tensor,
              extra: torch.Tensor) -> torch.Tensor:
    """Red's score of each position in centipawns, as ``evaluation.evaluate`` computes it; the
    ``TERMS`` weights are the last entries of ``mg`` and ``eg``."""
    n = len(TERMS)
    return ((sign * mg[index]).sum(1) + extra @ mg[-n:]) * phase + ((sign * eg[index]).sum(1) + extra @ eg[-n:]) * (1 - phase)


def _error(score: torch.Tensor, result: torch.Tensor, k: float) -> torch.Tensor:
    return (torch.sigmoid(k * score / 400 * math.log(10)) - result).square().mean()


def _prior() -> tuple[torch.Tensor, torch.Tensor]:
    weights = default_weights()
    tables = []
    for phase in ("mg", "eg"):
        values = torch.zeros(len(KINDS) * SLOTS)
        for kind_index, kind in enumerate(KINDS):
            for sq in range(90):
                values[_slot(kind_index, sq, True)] = weights[phase][kind][sq]
        tables.append(torch.cat([values, torch.zeros(len(TERMS))]))
    return tables[0], tables[1]


def fit(train: Positions, valid: Positions, steps: int, l2: float,
        use_terms: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables (and ``TERMS`` weights) fitted on ``train``, and a report of the error before
    and after on both sets; ``use_terms=False`` fits the tables alone."""
    index, sign, phase, extra, result = _tensors(train)
    v_index, v_sign, v_phase, v_extra, v_result = _tensors(valid)
    if not use_terms:
        extra, v_extra = extra * 0, v_extra * 0
    prior_mg, prior_eg = _prior()
    with torch.no_grad():
        score = _evaluate(prior_mg, prior_eg, index, sign, phase, extra)
        k = min((_error(score, result, k).item(), k) for k in [i / 100 for i in range(5, 201, 5)])[1]
        before = {"train": _error(score, result, k).item(),
                  "valid": _error(_evaluate(prior_mg, prior_eg, v_index, v_sign, v_phase, v_extra), v_result, k).item()}
    mg, eg = prior_mg.clone().requires_grad_(), prior_eg.clone().requires_grad_()
    optimiser = torch.optim.Adam([mg, eg], lr=2.0)
    for _ in range(steps):
        optimiser.zero_grad()
        loss = _error(_evaluate(mg, eg, index, sign, phase, extra), result, k)
        loss = loss + l2 * (((mg - prior_mg) ** 2).mean() + ((eg - prior_eg) ** 2).mean()) / 1e4
        torch.autograd.backward(loss)  # loss.backward(), which torch leaves unannotated
        optimiser.step()
    with torch.no_grad():
        after = {"train": _error(_evaluate(mg, eg, index, sign, phase, extra), result, k).item(),
                 "valid": _error(_evaluate(mg, eg, v_index, v_sign, v_phase, v_extra), v_result, k).item()}
    weights: dict[str, Any] = {name: {kind: [round(table[_slot(kind_index, sq, True)].item()) for sq in range(90)]
                      for kind_index, kind in enumerate(KINDS)}
               for name, table in (("mg", mg.detach()), ("eg", eg.detach()))}
    weights["terms"] = {name: [round(v, 2) for v in table[-len(TERMS):].tolist()] for name, table in (("mg", mg), ("eg", eg))}
    report = {"terms": dict(zip(TERMS, zip(weights["terms"]["mg"], weights["terms"]["eg"]))) if use_terms else None,
              "k": k, "positions": {"train": len(result), "valid": len(v_result)}, "mse_before": before,
              "mse_after": after, "steps": steps, "l2": l2}
    return weights, report


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    import sys

    from engine.cli import main

    sys.exit(main(["xiangqi", "tune", *sys.argv[1:]]))
