"""The search engine (engine.xiangqi.engine_search) and its board (search_board): move
generation against Board, incremental keys and scores, mates, the transposition table,
repetitions and cancel. Every test runs on both searches, the Python one and the compiled one
(``_csearch.c``); tests/test_xiangqi_compiled_search.py compares the two."""

from __future__ import annotations

import random
import threading

import pytest

from engine.runtime.jobs import CancelToken, Cancelled
from engine.xiangqi import engine_search
from engine.xiangqi.board import Board, Move, perft
from engine.xiangqi.engine_search import COMPILED, MATE, RULE_WIN, Analysis, TranspositionTable, _Search, analyse
from engine.xiangqi.evaluation import evaluate
from engine.xiangqi.search_board import SearchBoard, decode, encode
from engine.xiangqi.search_board import perft as fast_perft

MIDDLEGAME = "2bak4/4a4/4b2r1/N1n1pR2p/3c1n3/2p1P4/P1r5P/3CB4/4A4/2BAKR3 b - - 0 24"
# From ../shared/data/xiangqi-wukong/mate_puzzles_verified (ids puzzle_0, puzzle_1061, puzzle_2079).
MATES = {
    1: "2Rckab1C/4a4/4R3n/p5p2/9/2N6/2P5P/C5r2/4K4/2B2A3 w - - 0 1",
    2: "5aC2/3k5/3a1P3/4c4/2b1N1n1p/9/P8/B8/4A4/3A1K3 w - - 0 1",
    3: "9/2R1ak3/5a3/4Rn3/9/6P2/p4C2P/9/2Nrc4/1r1AK1B2 w - - 0 1",
}


needs_compiled = pytest.mark.skipif(
    COMPILED is None, reason="the compiled search was not built (no C compiler where it was installed)")


@pytest.fixture(autouse=True, params=["python", pytest.param("compiled", marks=needs_compiled)])
def search_kind(request, monkeypatch):
    """Every test here runs with the Python search and again with the compiled one."""
    if request.param == "python":
        monkeypatch.setattr(engine_search, "COMPILED", None)
    return request.param


def _random_positions(count: int, seed: int) -> list[Board]:
    rng, boards = random.Random(seed), []
    for _ in range(count):
        board = Board()
        for _ in range(rng.randrange(10, 80)):
            moves = board.legal_moves()
            if not moves:
                break
            board.push(rng.choice(moves))
        boards.append(board)
    return boards


@pytest.mark.parametrize("fen, depth", [(Board().fen(), 3), (MIDDLEGAME, 3), (MATES[3], 3)])
def test_perft_agrees_with_board(fen, depth):
    assert fast_perft(SearchBoard(Board(fen)), depth) == perft(Board(fen), depth)


def test_legal_moves_keys_and_scores_agree_with_board_along_random_games():
    for board in _random_positions(6, seed=5):
        position = SearchBoard(board)
        assert sorted(map(decode, position.legal_moves()), key=Move.iccs) == sorted(board.legal_moves(), key=Move.iccs)
        for move in board.legal_moves()[:8]:  # make/unmake: the key and the score follow the board's
            position.make(encode(move))
            board.push(move)
            fresh = SearchBoard(board)
            assert position.key == board._hashes[-1] == fresh.key
            assert (position.mg, position.eg, position.phase) == (fresh.mg, fresh.eg, fresh.phase)
            assert position.pieces == fresh.pieces
            assert evaluate(position) == evaluate(fresh)
            board.pop()
            position.unmake(encode(move))
        assert position.squares == SearchBoard(board).squares and position.key == board._hashes[-1]


def test_play_skips_only_tests_that_cannot_matter():
    """``play`` tests legality and check only near the generals; it must agree with testing always."""
    for board in _random_positions(40, seed=9) + [Board(fen) for fen in MATES.values()]:
        position = SearchBoard(board)
        in_check = position.in_check()
        for move in position.moves():
            position.make(move)
            illegal = position.leaves_king_attacked()
            check = position.in_check()
            position.unmake(move)
            result = position.play(move, in_check)
            assert result == (None if illegal else check), (board.fen(), decode(move))
            if result is not None:
                assert position.checks[-1] == check
                position.unmake(move)


def test_evaluation_is_symmetric():
    board = Board(MIDDLEGAME)
    mirrored = Board(_swap_colours(MIDDLEGAME))
    assert evaluate(SearchBoard(board)) == evaluate(SearchBoard(mirrored))


def _swap_colours(fen: str) -> str:
    """The same position with the colours exchanged and the board turned (black's view as red's)."""
    placement, side = fen.split()[:2]
    ranks = [rank.swapcase() for rank in reversed(placement.split("/"))]
    return "/".join(ranks) + (" b" if side == "w" else " w")


@pytest.mark.parametrize("n", [1, 2, 3])
def test_finds_the_mate_in_n_within_a_second(n):
    board = Board(MATES[n])
    analysis = analyse(board, time_s=1.0)
    assert isinstance(analysis, Analysis)
    assert 0 < analysis.mate_in <= n and analysis.score == MATE - (2 * analysis.mate_in - 1)
    for move in analysis.pv:
        board.push(move)
    assert board.outcome() is not None and board.outcome().winner is True


def test_a_mated_side_has_no_best_move():
    board = Board(MATES[1])
    board.push(analyse(board, depth=1).best)
    analysis = analyse(board, depth=3)
    assert analysis.best is None and analysis.mate_in == 0 and analysis.score == -MATE
    assert analyse(board, depth=1).pv == ()


def test_the_transposition_table_is_reused():
    table = TranspositionTable()
    first = analyse(Board(MIDDLEGAME), depth=4, tt=table)
    assert len(table) > 0
    again = analyse(Board(MIDDLEGAME), depth=4, tt=table)
    assert again.nodes < first.nodes / 2
    assert again.best == first.best and again.score == first.score and again.depth == first.depth == 4


def test_the_table_is_cleared_when_full():
    table = TranspositionTable(max_entries=50)
    analyse(Board(MIDDLEGAME), depth=3, tt=table)
    assert 0 < len(table) <= 50


def _checking_cycle() -> Board:
    """Red's chariot checks from e0 and f0 in turn while the black general steps e9 <-> f9."""
    board = Board("4k4/9/9/9/9/9/9/9/9/3K1R3 w - - 0 1")
    for move in ("f0e0", "e9f9", "e0f0", "f9e9", "f0e0"):
        board.push_iccs(move)
    return board


def test_perpetual_check_loses_inside_the_search():
    board = _checking_cycle()  # the position after the first f0e0 again, black to move
    position = SearchBoard(board)
    assert _Search(position, TranspositionTable(), None, None)._repetition(1) == RULE_WIN - 1
    board.pop()  # red to move: f0e0 would repeat the checks, which red loses
    analysis = analyse(board, depth=4)
    assert analysis.best != Move.from_iccs("f0e0") and analysis.score > 0


def test_a_quiet_repetition_is_a_draw():
    board = Board()
    for move in ("h0g2", "h9g7", "g2h0", "g7h9"):
        board.push_iccs(move)
    assert _Search(SearchBoard(board), TranspositionTable(), None, None)._repetition(1) == 0


def test_depth_and_time_limits():
    assert analyse(Board(), depth=3).depth == 3
    analysis = analyse(Board(MIDDLEGAME), time_s=0.3)
    assert analysis.depth >= 2 and analysis.nodes > 0 and analysis.pv[0] == analysis.best
    assert Board(MIDDLEGAME).is_legal(analysis.best)


def test_cancel_stops_the_search():
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    with pytest.raises(Cancelled):
        analyse(Board(MIDDLEGAME), time_s=30, cancel=token)


def test_wins_a_hanging_chariot_and_keeps_its_own():
    assert analyse(Board("5k3/9/9/9/r8/9/9/9/9/R2K5 w - - 0 1"), time_s=0.5).best == Move.from_iccs("a0a5")
    attacked = analyse(Board("3ak4/4a4/9/1n7/9/R8/4P4/9/9/3K5 w - - 0 1"), time_s=0.5)
    assert attacked.best.from_square == Move.from_iccs("a4a5").from_square  # the chariot moves away

