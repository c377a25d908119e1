"""The board-aware xiangqi GPT: its position features, training batches, saving and play.

Models here are tiny and random, built in the test.
"""

import pytest
import torch

from engine.runtime.store import ModelStore
from engine.xiangqi.board import Board, IllegalMoveError
from engine.xiangqi.board_features import (
    IN_CHECK, FeatureCache, game_features, legal_from_features, mirror_table, position_features,
    token_features,
)
from engine.xiangqi.board_gpt import XiangqiBoardGptForCausalLM
from engine.xiangqi.gpt import MIRROR_FROM_PLY, GptPlayer, board_placement, prompt_text
from engine.xiangqi.gpt_data import Game, GameFeatures, SequenceMix, make_batch_stream
from engine.xiangqi.players import RandomPlayer, play_game
from engine.xiangqi.search_board import SearchBoard
from engine.xiangqi.tokens import build_tokenizer, game_text, mirror_move, position_text, vocabulary
from engine.xiangqi.train import load_model, new_model
from tests.test_xiangqi_gpt import random_game


def features_after(moves: list[str]) -> tuple[int, ...]:
    return game_features(moves, cache=FeatureCache())[-1]


def test_a_position_reached_by_different_move_orders_has_the_same_features():
    one = features_after("h2e2 h9g7 b0c2 b9c7".split())
    other = features_after("b0c2 b9c7 h2e2 h9g7".split())
    assert one == other
    assert one != features_after("h2e2 h9g7 b0c2".split())  # the side to move differs


def test_features_list_exactly_the_legal_moves_and_check():
    board = Board()
    for text in random_game(4, 60):
        board.push_iccs(text)
        features = position_features(SearchBoard(board))
        assert legal_from_features(features) == {m.iccs() for m in board.legal_moves()}
        assert (IN_CHECK in features) == board.is_check()


def test_a_fen_start_and_a_move_list_give_the_same_features():
    moves = random_game(5, 30)
    board = Board()
    for text in moves[:20]:
        board.push_iccs(text)
    from_moves = token_features(game_text(moves, "*").split())
    from_fen = token_features(position_text(board_placement(board), board.turn, moves[20:], "*").split())
    # [*] [START] m1..m30 [EOS]  vs  [*] [POS] 90 squares [side] m21..m30 [EOS]
    assert from_fen[:92] == [()] * 92
    assert from_fen[92:] == from_moves[21:]
    assert from_moves[0] == () and from_moves[-1] == ()


def test_mirrored_features_are_the_mirrored_positions_features():
    moves = random_game(6, 40)
    table = mirror_table()
    straight = game_features(moves)
    mirrored = game_features([mirror_move(m) for m in moves])
    assert all(tuple(sorted(table[f] for f in a)) == b for a, b in zip(straight, mirrored))


def test_an_illegal_move_stops_the_features():
    with pytest.raises(IllegalMoveError):
        game_features(["h2e2", "h2e2"])
    features = token_features("[*] [START] h2e2 h2e2 h9g7".split())
    assert features[2] and features[3:] == [(), ()]


def test_batches_carry_the_features_the_model_would_work_out_itself():
    games = [Game(tuple(random_game(seed, 20 + seed)), "1-0") for seed in range(8)]
    features = GameFeatures.compute(games)
    batch = next(make_batch_stream(games, 400, SequenceMix(position_share=0.5), seed=2, features=features)(0, 0, 1))
    torch.manual_seed(0)
    model = new_model("board", "tiny")
    model.legal_bonus.data.fill_(2.0)
    given = model(**batch)
    worked_out = model(input_ids=batch["input_ids"], labels=batch["labels"])
    assert torch.allclose(given.logits, worked_out.logits, atol=1e-5)
    assert given.loss.item() == pytest.approx(worked_out.loss.item(), abs=1e-5)


def test_a_game_with_an_illegal_move_is_cut_before_it():
    good = random_game(9, 12)
    games = [Game(tuple(good), "1-0"), Game(("h2e2", "h2e2", "h9g7"), "0-1")]
    cut = GameFeatures.compute(games).legal_games(games)
    assert cut[0].moves == tuple(good) and cut[1].moves == ("h2e2",)


def test_the_legal_bonus_reaches_the_kept_logits_only_on_legal_moves():
    torch.manual_seed(1)
    model = new_model("board", "tiny").eval()
    vocab = vocabulary()
    ids = torch.tensor([[vocab[t] for t in prompt_text(Board()).split()]])
    with torch.no_grad():
        before = model(input_ids=ids, logits_to_keep=1).logits[0, -1]
        model.legal_bonus.data.fill_(5.0)
        after = model(input_ids=ids, logits_to_keep=1).logits[0, -1]
    raised = {index for index in torch.nonzero(after - before > 4.9).flatten().tolist()}
    assert raised == {vocab[m.iccs()] for m in Board().legal_moves()}


@pytest.fixture(scope="module")
def board_model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models") / "xiangqi-board-tiny"
    torch.manual_seed(0)
    model = new_model("board", "tiny")
    model.legal_bonus.data.fill_(1.0)
    model.save_pretrained(folder)
    build_tokenizer().save_pretrained(folder)
    return folder


def test_save_and_load_round_trip_through_the_model_store(board_model_dir):
    loaded = ModelStore(bundled_dir=board_model_dir.parent).load(board_model_dir.name)
    assert isinstance(loaded.model, XiangqiBoardGptForCausalLM)
    direct = load_model(board_model_dir)
    ids = torch.tensor([[vocabulary()[t] for t in game_text(random_game(2, 15), "*").split()]])
    with torch.no_grad():
        assert torch.allclose(loaded.model(input_ids=ids).logits, direct(input_ids=ids).logits, atol=1e-6)
    assert direct.legal_bonus.item() == 1.0


def test_the_player_never_plays_an_illegal_move_in_50_random_games(board_model_dir, one_thread):
    store = ModelStore(bundled_dir=board_model_dir.parent)
    for number in range(50):
        gpt = GptPlayer(board_model_dir.name, level="strongest" if number % 2 else "easy", store=store, seed=number)
        opponent = RandomPlayer(seed=number)
        red, black = (gpt, opponent) if number % 2 == 0 else (opponent, gpt)
        played = play_game(red, black, max_plies=40)  # play_game raises on an illegal move
        assert played.game.moves and len(played.game.moves) <= 40


def test_the_attention_tab_captures_the_board_gpt_as_a_causal_lm(board_model_dir):
    from engine.attention.capture import capture_attention

    loaded = ModelStore(bundled_dir=board_model_dir.parent).load(board_model_dir.name)
    stack = capture_attention(loaded, "[*] [START] h2e2 h9g7 h0g2").stacks[0]
    assert stack.causal and stack.weights.shape[-1] == 5
    assert stack.can_approximate  # the caught queries and keys reproduce its maps


def test_a_mirrored_prompt_is_the_game_reflected_a_to_i():
    moves = random_game(7, 30)
    board = Board()
    for text in moves:
        board.push_iccs(text)
    assert prompt_text(board, mirrored=True) == game_text([mirror_move(m) for m in moves], "*", finished=False)
    fen = Board(board.fen())  # a FEN start: the placement is mirrored too
    reflected = Board()
    for text in moves:
        reflected.push_iccs(mirror_move(text))
    assert prompt_text(fen, mirrored=True) == prompt_text(Board(reflected.fen()))


def test_the_players_mirror_features_are_those_the_model_works_out_for_the_mirrored_game(board_model_dir):
    player = GptPlayer(board_model_dir.name, store=ModelStore(bundled_dir=board_model_dir.parent))
    board = Board()
    for text in random_game(8, 25):
        board.push_iccs(text)
    texts = [prompt_text(board), prompt_text(board, mirrored=True)]
    given = player._last_logits(texts)  # the mirror's features mapped from the original's
    with torch.no_grad():
        worked_out = torch.stack([player.model(input_ids=torch.tensor([player.tokenizer.convert_tokens_to_ids(t.split())]),
                                               logits_to_keep=1).logits[0, -1] for t in texts])
    assert torch.allclose(given, worked_out.float(), atol=1e-5)


def test_mirror_averaging_scores_a_move_and_its_mirror_alike_in_a_symmetric_position(board_model_dir):
    store = ModelStore(bundled_dir=board_model_dir.parent)
    symmetric = Board("rnbakabnr/9/9/p1p1p1p1p/9/9/P1P1P1P1P/9/9/RNBAKABNR w - - 0 1")  # no cannons: a set-up
    averaged = {c.move.iccs(): c.probability for c in GptPlayer(board_model_dir.name, store=store).candidates(symmetric)}
    assert averaged["h0g2"] == pytest.approx(averaged["b0c2"]) and averaged["i0i1"] == pytest.approx(averaged["a0a1"])
    plain = GptPlayer(board_model_dir.name, store=store, mirror_average=False).candidates(symmetric)
    plain_probability = {c.move.iccs(): c.probability for c in plain}
    assert plain_probability["h0g2"] != pytest.approx(plain_probability["b0c2"])  # the random model alone is not symmetric


def test_the_standard_openings_first_plies_are_not_mirror_averaged(board_model_dir):
    player = GptPlayer(board_model_dir.name, store=ModelStore(bundled_dir=board_model_dir.parent))
    board = Board()
    for number, text in enumerate(random_game(10, 12)):
        assert player.mirrors(board) == (number >= MIRROR_FROM_PLY - 1)
        board.push_iccs(text)
    assert not player.mirrors(Board(Board().fen()))  # the start pasted as FEN is still the start
    assert player.mirrors(Board("rnbakabnr/9/9/p1p1p1p1p/9/9/P1P1P1P1P/9/9/RNBAKABNR w - - 0 1"))


@pytest.mark.parametrize("mirror_average", [True, False])
def test_the_players_cache_gives_the_logits_of_reading_the_whole_game(board_model_dir, mirror_average):
    """Moves played one by one, a move taken back, a branch, a fresh FEN start: each answer equals
    a player's with nothing cached."""
    store = ModelStore(bundled_dir=board_model_dir.parent)
    cached = GptPlayer(board_model_dir.name, store=store, mirror_average=mirror_average)
    moves = random_game(9, 24)
    board = Board()
    boards = []
    for text in moves:
        board.push_iccs(text)
        boards.append(board.copy())
    boards += [boards[10], boards[3], boards[20], Board(boards[15].fen()), boards[21]]
    for position in boards:
        fresh = GptPlayer(board_model_dir.name, store=store, mirror_average=mirror_average)
        assert torch.allclose(cached.next_move_logits(position), fresh.next_move_logits(position), atol=1e-4)
    assert cached._cache is not None and len(cached._cache[0]) == (2 if mirror_average else 1)
