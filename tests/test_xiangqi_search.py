"""The engine levels (engine.xiangqi.levels): legal moves, tactics, the GPT at the root,
cancel, a short game, the level names.

The GPT here is tiny and random, so what is checked is the search, not the policy.
"""

import random
import threading
import time

import pytest
import torch
from transformers import LlamaForCausalLM

from engine.cli import main as cli_main
from engine.runtime.jobs import CancelToken, Cancelled
from engine.runtime.store import ModelStore
from engine.xiangqi.board import Board
from engine.xiangqi.gpt import Candidate, GptPlayer
from engine.xiangqi.players import GreedyPlayer, RandomPlayer, play_game
from engine.xiangqi.names import SEARCH_DEPTHS
from engine.xiangqi.levels import EnginePlayer, make_player
from engine.xiangqi.tokens import build_tokenizer
from engine.xiangqi.train import model_config

MATE_IN_ONE = "3k5/R8/9/9/9/9/p8/9/9/4K2R1 w - - 0 1"  # only h0h9 wins: the a8 rook guards d8, the general e9
HANGING_ROOK = "5k3/9/9/9/r8/9/9/9/9/R2K5 w - - 0 1"  # a0a5 wins a rook for nothing
DEFENDED_CANNON = "r4k3/9/9/9/c8/9/9/9/9/R2K5 w - - 0 1"  # a0a5 wins a cannon and loses the rook


class FixedGpt:
    """A stand-in GPT that likes one move best (probability 0.9)."""

    play_for_win = False

    def __init__(self, favourite: str) -> None:
        self.favourite = favourite

    def candidates(self, board):
        moves = sorted(board.legal_moves(), key=lambda move: move.iccs() != self.favourite)
        return [Candidate(move, 0.9 if i == 0 else 0.1 / (len(moves) - 1)) for i, move in enumerate(moves)]

    def close(self):
        pass


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models") / "xiangqi-tiny"
    torch.manual_seed(0)
    LlamaForCausalLM(model_config("tiny")).save_pretrained(folder)
    build_tokenizer().save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def gpt(model_dir):
    return GptPlayer(str(model_dir), store=ModelStore(bundled_dir=model_dir.parent))


@pytest.fixture()
def player(gpt):
    return EnginePlayer(0.2, gpt=gpt)


def test_moves_are_legal_in_many_positions(player):
    rng = random.Random(3)
    for _ in range(5):
        board = Board()
        for _ in range(rng.randrange(0, 40)):
            board.push(rng.choice(board.legal_moves()))
        if board.legal_moves():
            fen = board.fen()
            assert player.choose_move(board) in board.legal_moves()
            assert board.fen() == fen  # the caller's board is left alone


def test_finds_mate_in_one(player):
    board = Board(MATE_IN_ONE)
    move = player.choose_move(board)
    assert move.iccs() == "h0h9"
    board.push(move)
    assert not board.legal_moves()


def test_takes_a_hanging_rook_like_greedy(player):
    board = Board(HANGING_ROOK)
    assert GreedyPlayer(seed=0).choose_move(board).iccs() == "a0a5"
    assert player.choose_move(board).iccs() == "a0a5"


def test_does_not_take_a_defended_cannon_with_its_rook(player):
    board = Board(DEFENDED_CANNON)
    assert GreedyPlayer(seed=0).choose_move(board).iccs() == "a0a5"
    assert player.choose_move(board).iccs() != "a0a5"
    assert player.last.score < 0  # a cannon down


def test_the_gpt_breaks_ties():
    board = Board("3aka3/9/9/4p4/9/9/9/9/9/3AKA3 w - - 0 1")  # d0e1 and f0e1 are mirror images: a true tie
    assert not board.validate()
    for favourite in ("d0e1", "f0e1"):
        assert EnginePlayer(0.2, gpt=FixedGpt(favourite)).choose_move(board).iccs() == favourite


def test_a_single_legal_move_is_played_at_once():
    """Not thought about for the 10 s it may take: a one-ply look (for the score shown), no
    deeper search, and the GPT is not asked."""
    board = Board("4rk3/9/9/9/9/9/9/9/9/3K5 w - - 0 1")  # the rook on e9 guards e0
    assert [move.iccs() for move in board.legal_moves()] == ["d0d1"]

    class CountingGpt(FixedGpt):
        asked = 0

        def candidates(self, board):
            self.asked += 1
            return super().candidates(board)

    gpt = CountingGpt("d0d1")
    player = EnginePlayer(10, gpt=gpt)
    assert player.choose_move(board).iccs() == "d0d1"
    assert player.last.depth == 1 and player.last.nodes < 10 and gpt.asked == 0


def test_cancel_stops_a_long_search(gpt):
    """The search stops at the cancel, not at the end of its minute: it ends in less than a
    tenth of the time it had left (a search that ignored the cancel would take all of it)."""
    budget = 60
    player = EnginePlayer(budget, gpt=gpt)
    cancel = CancelToken()
    cancelled_at = []

    def press_cancel():
        cancelled_at.append(time.perf_counter())
        cancel.cancel()

    threading.Timer(0.2, press_cancel).start()
    start = time.perf_counter()
    with pytest.raises(Cancelled):
        player.choose_move(Board(), cancel)
    ended = time.perf_counter()
    assert ended - cancelled_at[0] < (budget - (cancelled_at[0] - start)) / 10


def test_short_game_against_random(gpt):
    played = play_game(EnginePlayer(0.02, gpt=gpt), RandomPlayer(seed=1), max_plies=16)
    assert played.outcome is not None
    board = Board()
    for move in played.game.moves:
        assert board.is_legal(move)
        board.push(move)


def test_make_player_maps_the_levels(gpt, monkeypatch):
    monkeypatch.setattr("engine.xiangqi.gpt.GptPlayer", lambda *args, **kwargs: gpt)
    full = make_player("search", time_s=0.5)
    assert isinstance(full, EnginePlayer) and full.gpt is gpt and full.time_s == 0.5 and full.depth is None
    assert make_player("strongest") is gpt
    for level, depth in SEARCH_DEPTHS.items():
        player = make_player(level)
        assert isinstance(player, EnginePlayer) and player.gpt is None and player.depth == depth


def test_the_time_is_asked_every_move():
    times = iter([0.05, 0.3])
    player = EnginePlayer(lambda: next(times))
    player.choose_move(Board())
    first = player.last.nodes
    player.choose_move(Board(DEFENDED_CANNON))
    assert next(times, None) is None  # asked once a move
    assert player.last.nodes > first > 0  # the longer second time searched more


def test_cli_move_with_search(model_dir, capsys):
    assert cli_main(["xiangqi", "move", "--model", str(model_dir), "--search", "--time", "0.3", "--fen", MATE_IN_ONE]) == 0
    assert capsys.readouterr().out.startswith("h0h9 (engine: mate in 1")
