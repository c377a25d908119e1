"""Move generation against known perft counts, against pyffish (Fairy-Stockfish's rules) and
against every game of the shared data's valid and test splits."""

from __future__ import annotations

import random
import re

import pytest

from engine.data import read_jsonl, shared_data_dir
from engine.xiangqi import STARTING_FEN, Board, Move, perft

DATA = shared_data_dir()
CCPD = DATA / "xiangqi-ccpd" if DATA else None
needs_ccpd = pytest.mark.skipif(CCPD is None or not CCPD.is_dir(), reason="shared xiangqi-ccpd data not present")


@pytest.mark.parametrize("depth, count", [(1, 44), (2, 1_920), (3, 79_666), (4, 3_290_240)])
def test_perft_from_the_start_position(depth, count):
    assert perft(Board(), depth) == count


def test_perft_leaves_the_board_unchanged():
    board = Board("2bak4/4a4/4b2r1/N1n1pR2p/3c1n3/2p1P4/P1r5P/3CB4/4A4/2BAKR3 b - - 0 24")
    before = board.fen()
    assert perft(board, 2) > 0
    assert board.fen() == before and board.move_stack == []


# --- pyffish cross-check ------------------------------------------------------------------------

_PYFFISH_MOVE = re.compile(r"([a-i])(10|[1-9])([a-i])(10|[1-9])")


def pyffish_moves(fen: str) -> set[str]:
    """pyffish's legal moves as ICCS: its ranks run 1-10, ours 0-9; its FEN is the same."""
    import pyffish

    moves = set()
    for text in pyffish.legal_moves("xiangqi", fen, []):
        a, b, c, d = _PYFFISH_MOVE.fullmatch(text).groups()
        moves.add(f"{a}{int(b) - 1}{c}{int(d) - 1}")
    return moves


def pyffish_perft(fen: str, depth: int) -> int:
    moves = pyffish_moves(fen)
    if depth == 1:
        return len(moves)
    total = 0
    for iccs in moves:
        board = Board(fen)
        board.push(Move.from_iccs(iccs))
        total += pyffish_perft(board.fen(), depth - 1)
    return total


def sample_positions() -> tuple[list[str], list[str]]:
    """(55 middlegame FENs: games at random plies and midgame records; 6 small endgames)."""
    rng = random.Random(3)
    games = list(read_jsonl(CCPD / "games_valid.jsonl.xz"))
    middlegames = []
    for game in rng.sample(games, 45):
        moves = game["moves"].split()
        board = Board()
        for text in moves[: rng.randrange(len(moves) + 1)]:
            board.push(Move.from_iccs(text))
        middlegames.append(board.fen())
    records = list(read_jsonl(CCPD / "positions_and_lines.jsonl.xz"))
    endgames = [r["fen"] for r in records if r["category"] in ("殘局", "殺局_殺法_練習題")
                and len(Board(r["fen"]).legal_moves()) <= 22]  # pyffish is slow: keep perft 3 small
    middlegames += [r["fen"] for r in rng.sample([r for r in records if r["category"] == "中局"], 10)]
    return middlegames, rng.sample(endgames, 6)


@pytest.fixture(scope="module")
def positions():
    pytest.importorskip("pyffish")
    return sample_positions()


@needs_ccpd
def test_legal_moves_two_plies_deep_equal_pyffish(positions):
    middlegames, endgames = positions
    compared = 0
    for fen in middlegames + endgames:
        board = Board(fen)
        assert {m.iccs() for m in board.legal_moves()} == pyffish_moves(fen), fen
        for move in board.legal_moves():
            board.push(move)
            assert {m.iccs() for m in board.legal_moves()} == pyffish_moves(board.fen()), board.fen()
            board.pop()
        compared += 1
    assert compared >= 60


@needs_ccpd
def test_perft_3_equals_pyffish_on_endgames(positions):
    _, endgames = positions
    for fen in endgames:
        assert perft(Board(fen), 3) == pyffish_perft(fen, 3), fen


# --- Replaying the data -----------------------------------------------------------------------

@needs_ccpd
@pytest.mark.parametrize("split", ["games_valid", "games_test"])
def test_every_game_replays_legally(split):
    games = 0
    for game in read_jsonl(CCPD / f"{split}.jsonl.xz"):
        board = Board(STARTING_FEN)
        for text in game["moves"].split():
            board.push_iccs(text)  # raises IllegalMoveError on an illegal move
        assert len(board.move_stack) == game["plies"]
        games += 1
    assert games > 500
