"""GPT + search (engine.xiangqi.search): legal moves, tactics, cancel, a short game.

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
from engine.xiangqi.search import SearchPlayer, evaluate, make_player
from engine.xiangqi.tokens import build_tokenizer
from engine.xiangqi.train import model_config

MATE_IN_ONE = "3k5/R8/9/9/9/9/p8/9/9/4K2R1 w - - 0 1"  # only h0h9 wins: the a8 rook guards d8, the general e9
HANGING_ROOK = "5k3/9/9/9/r8/9/9/9/9/R2K5 w - - 0 1"  # a0a5 wins a rook for nothing
DEFENDED_CANNON = "r4k3/9/9/9/c8/9/9/9/9/R2K5 w - - 0 1"  # a0a5 wins a cannon and loses the rook
ROOK_ATTACKED = "3ak4/4a4/9/1n7/9/R8/4P4/9/9/3K5 w - - 0 1"  # the b6 horse attacks the a4 rook


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
    return SearchPlayer(gpt, time_s=0.2)


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
    assert evaluate(board) == pytest.approx(-4.5)  # kings and rooks cancel out
    assert player.choose_move(board).iccs() != "a0a5"


def test_a_pruned_root_widens_when_the_gpt_moves_all_lose_material():
    board = Board(ROOK_ATTACKED)
    move = SearchPlayer(FixedGpt("e3e4"), top_k=1, time_s=0.2).choose_move(board)
    assert move.iccs().startswith("a4")  # the rook flees, though only e3e4 was in the root at first
    board.push(move)
    assert not any(board.is_capture(reply) for reply in board.legal_moves())


def test_the_gpt_breaks_ties():
    board = Board("3ak4/4a4/9/9/9/9/4P4/9/9/3K5 w - - 0 1")  # no move gains or loses anything
    for favourite in ("d0d1", "e3e4"):
        assert SearchPlayer(FixedGpt(favourite), time_s=0.2).choose_move(board).iccs() == favourite


def test_a_single_legal_move_is_played_at_once(gpt):
    board = Board("4rk3/9/9/9/9/9/9/9/9/3K5 w - - 0 1")  # the rook on e9 guards e0
    assert [move.iccs() for move in board.legal_moves()] == ["d0d1"]
    start = time.perf_counter()
    assert SearchPlayer(gpt, time_s=10).choose_move(board).iccs() == "d0d1"
    assert time.perf_counter() - start < 1


def test_cancel_stops_a_long_search(gpt):
    player = SearchPlayer(gpt, time_s=60, max_depth=20)
    cancel = CancelToken()
    threading.Timer(0.2, cancel.cancel).start()
    start = time.perf_counter()
    with pytest.raises(Cancelled):
        player.choose_move(Board(), cancel)
    assert time.perf_counter() - start < 2


def test_short_game_against_random(gpt):
    played = play_game(SearchPlayer(gpt, time_s=0.02), RandomPlayer(seed=1), max_plies=16)
    assert played.outcome is not None
    board = Board()
    for move in played.game.moves:
        assert board.is_legal(move)
        board.push(move)


def test_make_player_maps_the_search_level(gpt, monkeypatch):
    monkeypatch.setattr("engine.xiangqi.search.GptPlayer", lambda *args, **kwargs: gpt)
    assert isinstance(make_player("search"), SearchPlayer)
    assert make_player("strongest") is gpt


def test_cli_move_with_search(model_dir, capsys):
    assert cli_main(["xiangqi", "move", "--model", str(model_dir), "--search", "--fen", MATE_IN_ONE]) == 0
    assert capsys.readouterr().out.startswith("h0h9 (GPT + search")
