"""The engine's benchmarks: mate-in-N puzzles solved, and speed (nodes/s, depth) in middlegames.

    wenqi-cli xiangqi bench mates --time 1 --max-n 3 --per-n 100 --json runs/xiangqi_engine/mates.json
    wenqi-cli xiangqi bench speed --time 1 --positions 20 --json runs/xiangqi_engine/speed.json
    wenqi-cli xiangqi bench gpt --time 0.5 --positions 60 --json runs/xiangqi_engine/gpt_root.json
    wenqi-cli xiangqi bench human --time 1 --positions 200 --json runs/xiangqi_engine/human.json

Puzzles: ../shared/data/xiangqi-wukong/mate_puzzles_verified (titled "Mate in N moves", the side
to move mates). Solved: ``analyse`` reports a mate for the side to move in at most N moves
within the time, and its principal variation, played on a ``Board``, ends the game with a win
for that side (``Board.outcome``). Run it on one otherwise idle core; ``--per-n`` takes the first puzzles of
each N (the file's order), so runs are comparable.

Speed: ply 30 of the first ``--positions`` games of CCPD games_valid, each searched ``--time``
seconds from scratch (a new table); the medians of nodes per second and depth reached.

GPT at the root: ply 8, 16, ... 48 of the first games of CCPD games_test (not trained on), each
played by ``EnginePlayer`` with and without the bundled GPT; how often each plays the master's
move, and how often the two differ.

How human each level plays: positions at plies 8-60 of CCPD games_test (every 7th ply of
each game, games in file order, until ``--positions``), each given with its history to every
level of the opponent box (``names``; the engine at ``--time`` a move); the share of positions
where the level plays the master's move. The sampling GPT levels draw with fixed seeds.
"""

from __future__ import annotations

import sys
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from engine.data import read_jsonl, shared_data_dir
from engine.xiangqi.board import Board
from engine.xiangqi.engine_search import Analysis, analyse

PUZZLES = "xiangqi-wukong/mate_puzzles_verified.jsonl.xz"
GAMES = "xiangqi-ccpd/games_valid.jsonl.xz"
HELD_OUT = "xiangqi-ccpd/games_test.jsonl.xz"


def _data() -> Path:
    data = shared_data_dir()
    if data is None:
        raise FileNotFoundError("the shared data folder (../shared/data) is not present")
    return data


def mate_puzzles(max_n: int, per_n: int | None = None) -> list[tuple[int, str]]:
    """(N, FEN) for the puzzles with N <= max_n, at most ``per_n`` of each N."""
    taken: dict[int, int] = defaultdict(int)
    puzzles = []
    for record in read_jsonl(_data() / PUZZLES):
        match = re.match(r"Mate in (\d+) move", record["title"])
        if not match or int(match.group(1)) > max_n:
            continue
        n = int(match.group(1))
        if per_n is None or taken[n] < per_n:
            taken[n] += 1
            puzzles.append((n, record["fen"]))
    return puzzles


def _pv_wins(fen: str, analysis: Analysis) -> bool:
    board = Board(fen)
    for move in analysis.pv:
        if not board.is_legal(move):
            return False
        board.push(move)
    outcome = board.outcome()
    return outcome is not None and outcome.winner == Board(fen).turn


def solve_rate(time_s: float, max_n: int, per_n: int | None) -> dict[str, object]:
    results: dict[int, list[bool]] = defaultdict(list)
    seconds: dict[int, list[float]] = defaultdict(list)
    for n, fen in mate_puzzles(max_n, per_n):
        start = time.perf_counter()
        analysis = analyse(Board(fen), time_s=time_s)
        seconds[n].append(time.perf_counter() - start)
        found = analysis.mate_in is not None and 0 < analysis.mate_in <= n
        results[n].append(found and _pv_wins(fen, analysis))
    return {
        "time_s": time_s,
        "by_n": {n: {"puzzles": len(solved), "solved": sum(solved), "share": round(sum(solved) / len(solved), 3),
                     "mean_seconds": round(sum(seconds[n]) / len(seconds[n]), 3)}
                 for n, solved in sorted(results.items())},
        "all": round(sum(sum(v) for v in results.values()) / sum(len(v) for v in results.values()), 3),
    }


def speed(time_s: float, count: int) -> dict[str, object]:
    rates, depths = [], []
    for record in read_jsonl(_data() / GAMES, limit=count):
        board = Board()
        for text in record["moves"].split()[:30]:
            board.push_iccs(text)
        start = time.perf_counter()
        analysis = analyse(board, time_s=time_s)
        rates.append(analysis.nodes / (time.perf_counter() - start))
        depths.append(analysis.depth)
    return {"time_s": time_s, "positions": len(rates), "nodes_per_s_median": round(statistics.median(rates)),
            "depth_median": statistics.median(depths), "depth_min": min(depths), "depth_max": max(depths)}


def gpt_at_the_root(time_s: float, count: int) -> dict[str, object]:
    from engine.xiangqi.gpt import GptPlayer
    from engine.xiangqi.levels import EnginePlayer

    alone, with_gpt = EnginePlayer(time_s), EnginePlayer(time_s, gpt=GptPlayer())
    hits = {"alone": 0, "with_gpt": 0}
    differ = total = 0
    for record in read_jsonl(_data() / HELD_OUT):
        moves = record["moves"].split()
        board = Board()
        for ply, text in enumerate(moves[:48]):
            if ply and ply % 8 == 0:
                chosen = {"alone": alone.choose_move(board).iccs(), "with_gpt": with_gpt.choose_move(board).iccs()}
                for name, move in chosen.items():
                    hits[name] += move == text
                differ += chosen["alone"] != chosen["with_gpt"]
                total += 1
                if total >= count:
                    return {"time_s": time_s, "positions": total, "master_move_share":
                            {name: round(value / total, 3) for name, value in hits.items()},
                            "moves_differ_share": round(differ / total, 3)}
            board.push_iccs(text)
    raise ValueError(f"games_test has fewer than {count} positions at plies 8-48")


def human_positions(count: int) -> list[tuple[Board, str]]:
    """``count`` (position, master's move) pairs at plies 8-60 of games_test (module doc)."""
    found = []
    for record in read_jsonl(_data() / HELD_OUT):
        board = Board()
        for ply, text in enumerate(record["moves"].split()[:61]):
            if ply >= 8 and ply % 7 == 0:
                found.append((board.copy(), text))
                if len(found) == count:
                    return found
            board.push_iccs(text)
    raise ValueError(f"games_test has fewer than {count} positions at plies 8-60")


def master_move_share(time_s: float, count: int) -> dict[str, object]:
    from engine.xiangqi.gpt import LEVELS
    from engine.xiangqi.names import SEARCH_DEPTHS, SEARCH_LEVEL
    from engine.xiangqi.levels import make_player

    positions = human_positions(count)
    shares = {}
    for level in (SEARCH_LEVEL, *SEARCH_DEPTHS, *LEVELS):
        player = make_player(level, seed=0, time_s=time_s)
        try:
            shares[level] = round(sum(player.choose_move(board.copy()).iccs() == move
                                      for board, move in positions) / len(positions), 3)
        finally:
            player.close()
        print(level, shares[level], flush=True)
    return {"time_s": time_s, "positions": len(positions), "master_move_share": shares}


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["xiangqi", "bench", *sys.argv[1:]]))
