"""Players and the game loop; the UCI engine tests skip when fairy-stockfish is not installed."""

from __future__ import annotations

import threading
import time

import pytest

from engine.runtime.jobs import Cancelled, CancelToken
from engine.xiangqi import Board, IllegalMoveError, Move, Termination
from engine.xiangqi.players import (
    LADDER,
    EngineError,
    EngineLevel,
    GreedyPlayer,
    RandomPlayer,
    UciEnginePlayer,
    _from_engine,
    _to_engine,
    find_fairy_stockfish,
    play_game,
)

ENGINE = find_fairy_stockfish()
needs_engine = pytest.mark.skipif(ENGINE is None, reason="fairy-stockfish not installed")


def test_random_player_is_legal_and_seeded():
    board = Board()
    moves = [RandomPlayer(seed=5).choose_move(board) for _ in range(3)]
    assert len(set(moves)) == 1 and board.is_legal(moves[0])
    assert len({RandomPlayer(seed=s).choose_move(board) for s in range(20)}) > 1


def test_greedy_player_takes_the_most_valuable_piece():
    board = Board("3k5/9/9/9/9/p8/R1r6/9/9/4K4 w - - 0 1")  # rook a3 can take the a4 pawn or the c3 rook
    assert GreedyPlayer(seed=0).choose_move(board) == Move.from_iccs("a3c3")
    quiet = Board()
    assert quiet.is_legal(GreedyPlayer(seed=0).choose_move(quiet))


def test_players_refuse_a_finished_game():
    mated = Board("1R2k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1")
    for player in (RandomPlayer(), GreedyPlayer()):
        with pytest.raises(IllegalMoveError, match="no legal move"):
            player.choose_move(mated)


def test_play_game_until_the_end():
    seen = []
    played = play_game(RandomPlayer(seed=1), GreedyPlayer(seed=2), on_move=lambda board, move: seen.append(move))
    game, outcome = played.game, played.outcome
    assert game.moves == seen and game.headers["Red"] == "random" and game.headers["Black"] == "greedy"
    assert game.result == outcome.result()
    end = game.end_board()  # replays legally
    assert outcome == end.outcome() or outcome.termination is Termination.PLY_LIMIT


def test_play_game_caps_the_length_as_a_draw():
    played = play_game(RandomPlayer(seed=3), RandomPlayer(seed=4), max_plies=10)
    assert len(played.game.moves) == 10
    assert played.outcome.termination is Termination.PLY_LIMIT and played.game.result == "1/2-1/2"


def test_play_game_cancel_and_illegal_players():
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        play_game(RandomPlayer(), RandomPlayer(), cancel=token)

    class Cheater(RandomPlayer):
        def choose_move(self, board, cancel=None):
            return Move.from_iccs("h2h8")

    with pytest.raises(IllegalMoveError, match="cheat"):
        play_game(Cheater(name="cheat"), RandomPlayer())


def test_engine_rank_conversion():
    assert _to_engine(Move.from_iccs("h2e2")) == "h3e3"
    assert _to_engine(Move.from_iccs("h9g7")) == "h10g8"
    assert _from_engine("h10g8") == Move.from_iccs("h9g7") and _from_engine("a1a2") == Move.from_iccs("a0a1")
    with pytest.raises(IllegalMoveError):
        _from_engine("(none)")


def test_ladder_matches_eval_md():
    assert LADDER["L0"] == EngineLevel(skill=-20, depth=1)
    assert LADDER["L2"] == EngineLevel(skill=0, depth=5)
    assert LADDER["L4"] == EngineLevel(skill=20, movetime_ms=100)
    assert list(LADDER) == ["L0", "L1", "L2", "L3", "L4"]


def test_a_program_that_is_not_an_engine_is_refused(tmp_path):
    with pytest.raises((EngineError, TimeoutError)):
        UciEnginePlayer(path="/bin/true", timeout_s=2)
    with pytest.raises(EngineError, match="cannot start"):
        UciEnginePlayer(path=str(tmp_path / "missing-engine"))


@needs_engine
def test_engine_plays_legal_moves_with_the_game_history():
    engine = UciEnginePlayer.from_level("L0")
    try:
        board = Board()
        for _ in range(6):
            move = engine.choose_move(board)
            assert board.is_legal(move)
            board.push(move)
        played = play_game(engine, GreedyPlayer(seed=1), max_plies=16)
        assert len(played.game.moves) <= 16
    finally:
        engine.close()


@needs_engine
def test_engine_finds_a_mate_in_one():
    engine = UciEnginePlayer(level=EngineLevel(skill=20, depth=4))
    try:
        board = Board("4k4/R8/9/9/9/9/9/9/9/1R1K5 w - - 0 1")
        board.push(engine.choose_move(board))
        assert board.outcome().termination is Termination.CHECKMATE
    finally:
        engine.close()


@needs_engine
def test_engine_search_stops_on_cancel():
    """The engine is stopped at the cancel, not at the end of its 20 s: the move comes in less
    than a tenth of the time it had left (an engine not told to stop would take all of it)."""
    movetime_s = 20
    engine = UciEnginePlayer(level=EngineLevel(skill=20, movetime_ms=movetime_s * 1000))
    token = CancelToken()
    cancelled_at = []

    def press_cancel():
        cancelled_at.append(time.monotonic())
        token.cancel()

    threading.Timer(0.3, press_cancel).start()
    started = time.monotonic()
    try:
        with pytest.raises(Cancelled):
            engine.choose_move(Board(), token)
        assert time.monotonic() - cancelled_at[0] < (movetime_s - (cancelled_at[0] - started)) / 10
        engine.level = EngineLevel(skill=20, depth=2)
        assert Board().is_legal(engine.choose_move(Board()))  # still usable after a cancel
    finally:
        engine.close()
