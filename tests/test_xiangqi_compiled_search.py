"""The compiled search (engine/xiangqi/_csearch.c) against the Python search it is compiled
from: the same moves, evaluation and scores to depth 3; bad input refused, not a crash.
(tests/test_xiangqi_engine.py runs the behaviour tests on both.)"""

from __future__ import annotations

import shutil
import sysconfig

import pytest

from engine.xiangqi.board import Board
from engine.xiangqi.engine_search import COMPILED, analyse
from engine.xiangqi.evaluation import evaluate
from engine.xiangqi.search_board import SearchBoard, perft
from tests.test_xiangqi_engine import MATES, MIDDLEGAME, _random_positions

needs_compiled = pytest.mark.skipif(
    COMPILED is None, reason="the compiled search was not built (no C compiler where it was installed)")


def test_the_compiled_search_is_built_where_a_compiler_is():
    compiler = (sysconfig.get_config_var("CC") or "").split()
    if not compiler or shutil.which(compiler[0]) is None:
        pytest.skip("no C compiler here (the install builds the pure-Python engine only)")
    assert COMPILED is not None, "pip install -e . should have built engine/xiangqi/_csearch.c (setup.py)"


@needs_compiled
def test_moves_and_evaluation_agree_with_the_python_search():
    for board in _random_positions(30, seed=11) + [Board(MIDDLEGAME)] + [Board(fen) for fen in MATES.values()]:
        position = SearchBoard(board)
        assert COMPILED.evaluate(position.squares, position.turn) == evaluate(position), board.fen()
        for depth in (1, 2, 3):
            assert COMPILED.perft(position.squares, position.turn, depth) == perft(position, depth), board.fen()


@needs_compiled
def test_scores_to_depth_3_agree_with_the_python_search():
    """To depth 3 (no null move or reductions reach a node yet) both searches find the same
    score; their move orders differ only among equals, so the best move only between ties."""
    for board in _random_positions(12, seed=3) + [Board(MIDDLEGAME)]:
        for depth in (1, 2, 3):
            python = analyse(board, depth=depth, compiled=False)
            compiled = analyse(board, depth=depth, compiled=True)
            assert compiled.score == python.score, (board.fen(), depth)
            assert board.is_legal(compiled.best)


def test_asking_for_a_search_that_was_not_built_says_so(monkeypatch):
    from engine.xiangqi import engine_search

    monkeypatch.setattr(engine_search, "COMPILED", None)
    with pytest.raises(RuntimeError, match="not built"):
        analyse(Board(), depth=1, compiled=True)


@needs_compiled
def test_bad_input_is_refused_not_a_crash():
    board = Board()
    position = SearchBoard(board)
    with pytest.raises(ValueError, match="piece code"):
        COMPILED.perft([100] * 90, True, 1)
    table = COMPILED.Table(64)
    with pytest.raises(RuntimeError, match="set up once"):
        table.__init__(64)
    with pytest.raises(ValueError, match="not set up"):
        COMPILED.Searcher(position.squares, True, position.keys, position.checks, position.reversible_from,
                          COMPILED.Table.__new__(COMPILED.Table), False)
    with pytest.raises(RuntimeError, match="not set up"):
        COMPILED.Searcher.__new__(COMPILED.Searcher).order_root([1])
    searcher = COMPILED.Searcher(position.squares, True, position.keys, position.checks, position.reversible_from,
                                 table, False)
    with pytest.raises(ValueError, match="0..89"):
        searcher.order_root([127 | 127 << 7])
    with pytest.raises(ValueError, match="in the history"):
        COMPILED.Searcher(position.squares, True, position.keys, position.checks, [-1], table, False)
