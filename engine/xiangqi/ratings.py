"""Relative ratings of the levels from match results: a logistic (Elo) fit, Fairy-Stockfish L2 = 1500.

    wenqi-cli xiangqi ratings ladder --games 20 --json runs/xiangqi_engine/ladder.json
    wenqi-cli xiangqi ratings fit runs/xiangqi_engine/ladder.json runs/xiangqi_engine/match_*.json

``ladder`` plays neighbouring Fairy-Stockfish levels against each other (L0-L1, L1-L2, L2-L3,
L3-L4), which puts the opponents themselves on the scale; ``fit`` reads those results and the
JSON of ``wenqi-cli xiangqi match --json`` and finds the ratings that make the observed scores
most likely under P(a beats b) = 1 / (1 + 10^((Rb - Ra) / 400)), a draw counting half a win.
Every pair also gets one virtual draw, so that a perfect score gives a finite (conservative)
rating instead of infinity. The ratings are relative to these opponents on this machine, not
to any federation's scale; the standard error printed is a rough one (from the curvature).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.xiangqi.pgn import Game


ANCHOR, ANCHOR_RATING = "L2", 1500.0
LADDER_PAIRS = (("L0", "L1"), ("L1", "L2"), ("L2", "L3"), ("L3", "L4"))


def _expected(a: float, b: float) -> float:
    return 1 / (1 + 10 ** ((b - a) / 400))


def fit(results: list[tuple[str, str, float, int]], anchor: str = ANCHOR,
        anchor_rating: float = ANCHOR_RATING) -> dict[str, tuple[float, float]]:
    """``results``: (player, opponent, player's points, games). Returns name -> (rating, standard
    error), by Newton-free gradient ascent on the log-likelihood (few players, so it is quick)."""
    data = [(a, b, points + 0.5, games + 1) for a, b, points, games in results]  # one virtual draw each
    names = sorted({name for a, b, _, _ in data for name in (a, b)})
    if anchor not in names:
        raise ValueError(f"the anchor {anchor} played no game in these results")
    rating = dict.fromkeys(names, anchor_rating)
    scale = math.log(10) / 400
    for _ in range(20_000):
        gradient = dict.fromkeys(names, 0.0)
        for a, b, points, games in data:
            surplus = points - games * _expected(rating[a], rating[b])
            gradient[a] += surplus
            gradient[b] -= surplus
        step = max(abs(value) for value in gradient.values())
        for name in names:
            if name != anchor:
                rating[name] += 4.0 * gradient[name]
        if step < 1e-6:
            break
    shift = anchor_rating - rating[anchor]
    information = dict.fromkeys(names, 0.0)
    for a, b, _, games in data:
        p = _expected(rating[a], rating[b])
        information[a] += games * p * (1 - p) * scale**2
        information[b] += games * p * (1 - p) * scale**2
    return {name: (rating[name] + shift, 0.0 if name == anchor else 1 / math.sqrt(information[name]))
            for name in names}


def read_results(paths: list[Path]) -> list[tuple[str, str, float, int]]:
    """Results from ``match --json`` files (the level named by its "level"), ``ladder`` files and
    files of earlier results (``resources/models/xiangqi-gpt/engine_matches.json``: a score may
    give its ``points`` alone)."""
    results = []
    for path in paths:
        report = json.loads(path.read_text(encoding="utf-8"))
        for score in report["scores"]:
            player = score.get("player") or report.get("level") or report["player"]
            opponent = score["opponent"].removeprefix("Fairy-Stockfish ")
            points = score["points"] if "points" in score else score["wins"] + score["draws"] / 2
            results.append((player, opponent, points, score["games"]))
    return results


def play_ladder(games: int,
                on_game: Callable[[int, Game], None] | None = None) -> dict[str, list[dict[str, str | float]]]:
    from engine.xiangqi.gpt_eval import match
    from engine.xiangqi.players import UciEnginePlayer

    scores = []
    for low, high in LADDER_PAIRS:
        player, opponent = UciEnginePlayer.from_level(low), UciEnginePlayer.from_level(high)
        try:
            score = match(player, opponent, games, on_game=on_game)
        finally:
            player.close()
            opponent.close()
        scores.append({**score, "player": low, "opponent": high})
    return {"scores": scores}


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["xiangqi", "ratings", *sys.argv[1:]]))
