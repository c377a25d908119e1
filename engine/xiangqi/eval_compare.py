"""Which evaluation should the tab show? The GPT's outcome belief and the search engine's
evaluation (``review.expected_score``) as forecasts of real games' results.

    wenqi-cli xiangqi eval-compare --test ../shared/data/xiangqi-ccpd/games_test.jsonl.xz \\
        --games 150 --depth 4 --json runs/xiangqi/eval_compare.json

For the first ``--games`` games with a result, at plies 20, 40, 60 and the last position: red's
expected score by each, its Brier score against the result (1, ½, 0) and, in decisive games,
how often it favours the side that lost. The verb's arguments are declared in
``engine/xiangqi/cli.py``; :func:`forecasts` and :func:`summary` take them as plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PLIES = (20, 40, 60)
POINTS = {"1-0": 1.0, "0-1": 0.0, "1/2-1/2": 0.5}


def forecasts(test: Path, games: int, depth: int) -> list[dict[str, Any]]:
    """One row per sampled position: the game, where, the result and both forecasts."""
    from engine.data import read_jsonl
    from engine.xiangqi import Board
    from engine.xiangqi.gpt import GptPlayer
    from engine.xiangqi.review import evaluate_position

    gpt, rows, used = GptPlayer(), [], 0
    for number, game in enumerate(read_jsonl(test)):
        if used == games:
            break
        result = POINTS.get(game.get("result") or "")
        if result is None:
            continue
        used += 1
        moves, board = game["moves"].split(), Board()
        for ply, move in enumerate(moves, 1):
            board.push_iccs(move)
            if ply in PLIES or ply == len(moves):
                rows.append({"game": number, "at": "last" if ply == len(moves) else ply, "result": result,
                             "gpt": gpt.outcome_belief(board).red_score,
                             "engine": evaluate_position(board, depth=depth).expectation})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Brier score and wrong-side share of each forecast, by where in the game."""
    out: dict[str, dict[str, float]] = {}
    for at in (*PLIES, "last"):
        chosen = [row for row in rows if row["at"] == at]
        decisive = [row for row in chosen if row["result"] != 0.5]
        if not chosen:
            continue
        out[str(at)] = {"n": len(chosen), "decisive": len(decisive), **{
            f"{who}_{metric}": round(value, 4) for who in ("gpt", "engine") for metric, value in (
                ("brier", sum((row[who] - row["result"]) ** 2 for row in chosen) / len(chosen)),
                ("wrong_side", sum((row[who] - 0.5) * (row["result"] - 0.5) < 0 for row in decisive)
                 / max(1, len(decisive))))}}
    return out


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    import sys

    from engine.cli import main

    sys.exit(main(["xiangqi", "eval-compare", *sys.argv[1:]]))
