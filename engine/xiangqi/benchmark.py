"""Speed of legal move generation, side by side with pyffish (C++) and cchess (pure Python).

    wenqi-cli xiangqi bench movegen --json runs/xiangqi_movegen.json

Positions: middlegames (a random ply 20-60 of games from xiangqi-ccpd games_valid). For each
position and each generator the time per call is the mean CPU time over a timed loop; the
report gives the median over positions. What each number includes:

- ``wenqi``: ``board.legal_moves()`` on a parsed Board (what the GPT and the UI call);
- ``wenqi_from_fen``: ``Board(fen).legal_moves()``, FEN parsing included, to compare with
- ``pyffish``: ``pyffish.legal_moves("xiangqi", fen, [])``, which parses the FEN and sets up a
  position on every call; ``pyffish_setup_only`` times ``pyffish.gives_check`` on the same
  FEN (set-up, no generation); ``pyffish_generation_only_us`` is the median over positions of
  the difference, an estimate of its generation alone;
- ``cchess_pseudo``: ``ChessBoard.create_moves()`` on a parsed board (no self-check test) and
  ``cchess``: those filtered with ``is_checked_move``, its legal moves.

Move counts are checked against ours on every position. pyffish and cchess are optional:
a generator whose package is missing is left out of the report. The verb's arguments are
declared in ``engine/xiangqi/cli.py``; :func:`run` takes them as plain values.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from engine.data import read_jsonl
from engine.xiangqi.board import Board, Move


def middlegame_fens(games_file: Path, count: int, seed: int = 0) -> list[str]:
    """FENs at a random ply 20-60 of the first games at least 60 plies long."""
    rng = random.Random(seed)
    fens = []
    for record in read_jsonl(games_file):
        moves = record["moves"].split()
        if len(moves) < 60:
            continue
        board = Board()
        for text in moves[: rng.randint(20, 60)]:
            board.push(Move.from_iccs(text))
        fens.append(board.fen())
        if len(fens) == count:
            break
    return fens


def time_per_call(function: Callable[[], object], min_seconds: float) -> float:
    """Mean CPU seconds per call over a loop of at least min_seconds (after one warm-up call).

    CPU time of this process rather than wall time, so other work on a shared machine
    disturbs the numbers less."""
    function()
    calls, started = 0, time.process_time()
    while True:
        function()
        calls += 1
        elapsed = time.process_time() - started
        if elapsed >= min_seconds:
            return elapsed / calls


Generator = tuple[Callable[[], Any], Callable[[Any], int] | None]
"""A call to time, and how to count the moves it returned (None: its result is no move list)."""


def generators(fen: str) -> dict[str, Generator]:
    """name -> (call to time, how to count the moves it returned) for one position."""
    board = Board(fen)
    found: dict[str, Generator] = {
        "wenqi": (board.legal_moves, len),
        "wenqi_from_fen": (lambda: Board(fen).legal_moves(), len),
    }
    try:
        import pyffish
    except ImportError:
        pass
    else:
        found["pyffish"] = (lambda: pyffish.legal_moves("xiangqi", fen, []), len)
        found["pyffish_setup_only"] = (lambda: pyffish.gives_check("xiangqi", fen, []), None)
    try:
        import cchess  # type: ignore[import-not-found]  # optional, not a dependency of the project
    except ImportError:
        pass
    else:
        cboard = cchess.ChessBoard(fen)
        found["cchess_pseudo"] = (lambda: list(cboard.create_moves()), None)
        found["cchess"] = (lambda: [m for m in cboard.create_moves() if not cboard.is_checked_move(*m)], len)
    return found


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def run(games_file: Path, count: int, min_seconds: float) -> dict[str, object]:
    """The report on ``count`` middlegames of ``games_file`` (see the module's docstring)."""
    fens = middlegame_fens(games_file, count)
    times: dict[str, list[float]] = {}
    mismatches: dict[str, list[str]] = {}
    for fen in fens:
        expected = len(Board(fen).legal_moves())
        for name, (call, count_moves) in generators(fen).items():
            if count_moves is not None and count_moves(call()) != expected:
                mismatches.setdefault(name, []).append(fen)
            times.setdefault(name, []).append(time_per_call(call, min_seconds))
    medians = {name: statistics.median(values) * 1e6 for name, values in times.items()}
    report: dict[str, object] = {
        "what": "legal move generation, microseconds per call, median over positions",
        "positions": len(fens),
        "source": f"{games_file.name}, first games of 60+ plies, a random ply 20-60 (seed 0)",
        "median_us": {name: round(value, 2) for name, value in medians.items()},
        "mean_legal_moves": round(statistics.mean(len(Board(f).legal_moves()) for f in fens), 1),
        "count_mismatches": {name: len(fens_) for name, fens_ in mismatches.items()},
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count(), "processor": platform.processor()},
        "versions": {"pyffish": _version("pyffish"), "cchess": _version("cchess")},
        "date": date.today().isoformat(),
    }
    if "pyffish" in medians:
        report["wenqi_from_fen_vs_pyffish"] = round(medians["wenqi_from_fen"] / medians["pyffish"], 3)
        differences = [a - b for a, b in zip(times["pyffish"], times["pyffish_setup_only"], strict=True)]
        report["pyffish_generation_only_us"] = round(statistics.median(differences) * 1e6, 2)
    if "cchess" in medians:
        report["cchess_vs_wenqi"] = round(medians["cchess"] / medians["wenqi"], 1)
    return report


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    import sys

    from engine.cli import main

    sys.exit(main(["xiangqi", "bench", "movegen", *sys.argv[1:]]))
