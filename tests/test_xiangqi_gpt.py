"""The xiangqi GPT: tokens, training data, legal masking, loading, CLI verbs and a full game.

Models here are tiny and random, built in the test; the bundled model is checked when present.
"""

import json
import random

import pytest
import torch
from transformers import AutoTokenizer, LlamaForCausalLM

from engine.cli import main as cli_main
from engine.runtime.store import ModelStore
from engine.xiangqi import pgn
from engine.xiangqi.board import Board, Move
from engine.xiangqi.gpt import LEVELS, GptPlayer, LegalMovesProcessor, board_placement, prompt_text
from engine.xiangqi.gpt_data import IGNORE, Game, SequenceMix, collate, make_batch_stream, read_games, training_sequence
from engine.xiangqi.gpt_eval import move_accuracy, move_latency
from engine.xiangqi.players import RandomPlayer, play_game
from engine.xiangqi.tokens import all_moves, build_tokenizer, game_text, mirror_move, placement_after, vocabulary
from engine.xiangqi.train import model_config

OPENING = "h2e2 h9g7 h0g2 i9h9 i0h0 b9c7 g3g4 c6c5 b2b6 g9e7".split()


def random_game(seed: int, plies: int = 30) -> list[str]:
    board, rng = Board(), random.Random(seed)
    for _ in range(plies):
        moves = board.legal_moves()
        if not moves:
            break
        board.push(rng.choice(moves))
    return [m.iccs() for m in board.move_stack]


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models") / "xiangqi-tiny"
    torch.manual_seed(0)
    LlamaForCausalLM(model_config("tiny")).save_pretrained(folder)
    build_tokenizer().save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def player(tiny_model_dir):
    return GptPlayer(str(tiny_model_dir), store=ModelStore(bundled_dir=tiny_model_dir.parent))


@pytest.fixture()
def games_file(tmp_path):
    path = tmp_path / "games.jsonl"
    lines = [{"moves": " ".join(OPENING), "result": "1-0"}, {"moves": " ".join(random_game(1)), "result": "0-1"},
             {"moves": " ".join(OPENING), "result": "1-0"}]  # the duplicate is dropped
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def test_every_move_a_piece_can_make_has_one_token():
    moves = all_moves()
    assert len(moves) == 2086 and len(set(moves)) == 2086
    board = Board()
    for text in random_game(7, 200):
        assert board.push_iccs(text).iccs() in vocabulary()


def test_tokenizer_round_trip_and_save_load(tmp_path):
    tokenizer = build_tokenizer()
    text = game_text(OPENING, "1/2-1/2")
    ids = tokenizer(text)["input_ids"]
    assert len(ids) == len(OPENING) + 3
    assert tokenizer.decode(ids) == text
    assert tokenizer.unk_token_id not in ids
    tokenizer.save_pretrained(tmp_path)
    again = AutoTokenizer.from_pretrained(tmp_path)
    assert again(text)["input_ids"] == ids
    assert again.pad_token == "[PAD]" and again.eos_token == "[EOS]"


def test_mirror_and_placement_agree_with_the_board():
    board = Board()
    moves = random_game(3, 60)
    for text in moves:
        board.push_iccs(text)
    assert placement_after(moves) == board_placement(board)
    assert all(mirror_move(mirror_move(m)) == m for m in moves)
    mirrored = Board()
    for text in moves:
        assert mirrored.push_iccs(mirror_move(text)) == Move.from_iccs(text).mirror()


def test_read_games_dedupes_and_excludes(games_file, tmp_path):
    assert len(read_games([games_file])) == 2
    excluded = tmp_path / "test.jsonl"
    excluded.write_text(json.dumps({"moves": " ".join(OPENING), "result": "1-0"}) + "\n")
    assert [g.result for g in read_games([games_file], exclude=[excluded])] == ["0-1"]


def test_position_sequences_predict_only_the_moves():
    game = Game(tuple(random_game(5, 40)), "0-1")
    rng = random.Random(0)
    row = training_sequence(game, SequenceMix(position_share=1.0), rng, vocabulary())
    ids = row.ids
    assert row.context == 92 and len(ids) < 40 + 92 + 2
    assert len(row.plies) == len(ids) and row.plies[:92] == [-1] * 92 and row.plies[-1] == -1
    batch = collate([row, training_sequence(game, SequenceMix(position_share=0.0), rng, vocabulary())], 0)
    assert (batch["labels"][0, :92] == IGNORE).all()
    assert (batch["labels"][0, 92 : len(ids)] == batch["input_ids"][0, 92 : len(ids)]).all()
    assert (batch["labels"][1, 1:] != IGNORE).sum() == 42  # [START], 40 moves and [EOS]


def test_batches_stay_within_the_token_budget_and_resume():
    games = [Game(tuple(random_game(seed, 10 + seed)), "1-0") for seed in range(20)]
    make_batches = make_batch_stream(games, batch_tokens=200, mix=SequenceMix(), seed=1)
    stream = make_batches(0, 0, 1)
    batches = [next(stream) for _ in range(12)]
    assert all(b["input_ids"].numel() <= 200 or b["input_ids"].shape[0] == 1 for b in batches)
    resumed = next(make_batches(5, 0, 1))
    assert torch.equal(resumed["input_ids"], batches[5]["input_ids"])


def test_legal_masking_never_yields_an_illegal_move(player):
    for seed in range(4):
        board = Board()
        for text in random_game(seed, 25):
            board.push_iccs(text)
        for level in ("strongest", "easy"):
            player.level = LEVELS[level]
            assert board.is_legal(player.choose_move(board))
        candidates = player.candidates(board)
        assert {c.move for c in candidates} == set(board.legal_moves())
        assert sum(c.probability for c in candidates) == pytest.approx(1.0, abs=1e-4)
    processor = LegalMovesProcessor([3, 5])
    scores = processor(None, torch.zeros(1, 8))
    assert torch.isinf(scores[0, [0, 1, 2, 4, 6, 7]]).all() and (scores[0, [3, 5]] == 0).all()


def test_positions_from_fen_use_the_board_prefix(player):
    board = Board("4k4/9/9/9/9/9/9/9/4A4/3AK4 w - - 0 1")
    assert prompt_text(board).split()[1] == "[POS]"
    assert prompt_text(Board()).split()[:2] == ["[*]", "[START]"]
    assert board.is_legal(player.choose_move(board))


def test_long_games_are_read_from_a_recent_position():
    board = Board()
    while len(board.move_stack) < 420:  # shuffle the horses back and forth (no captures)
        board.push(Move.from_iccs(["b0c2", "b9c7", "c2b0", "c7b9"][len(board.move_stack) % 4]))
    tokens = prompt_text(board).split()
    assert tokens[1] == "[POS]" and tokens[92] == "[RED]" and len(tokens) == 93 + 300
    assert "".join(tokens[2:92]) == placement_after([m.iccs() for m in board.move_stack[:120]])


def test_outcome_belief_is_a_distribution(player):
    board = Board()
    for text in OPENING:
        board.push_iccs(text)
    belief = player.outcome_belief(board)
    assert belief.red + belief.draw + belief.black == pytest.approx(1.0)
    assert min(belief.red, belief.draw, belief.black) > 0


def test_gpt_plays_a_full_game_against_random(player):
    player.level = LEVELS["medium"]
    played = play_game(player, RandomPlayer(seed=3), max_plies=60)
    assert played.outcome is not None
    assert 0 < len(played.game.moves) <= 60


@pytest.mark.parametrize("level", ["strongest", "medium"])
def test_the_player_never_completes_a_perpetual_check(player, monkeypatch, level):
    """Its favourite move would repeat a checking position a third time (a loss by rule): it
    plays another; with no other move it still plays that one."""
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 0 1")
    for move in "h8h9 e9e8 h9h8 e8e9 h8h9 e9e8 h9h8 e8e9".split():
        board.push(Move.from_iccs(move))
    favourite = player._move_id["h8h9"]

    def loves_the_check(board, result=None):
        logits = torch.zeros(1, len(player.tokenizer))
        logits[0, favourite] = 50.0
        return logits

    monkeypatch.setattr(player, "next_move_logits", loves_the_check)
    monkeypatch.setattr(player, "level", LEVELS[level])
    assert board.loses_by_rule(Move.from_iccs("h8h9"))
    assert player.choose_move(board.copy()).iccs() != "h8h9"
    monkeypatch.setattr(board, "legal_moves", lambda: [Move.from_iccs("h8h9")])
    assert player.choose_move(board).iccs() == "h8h9"


def test_move_accuracy_metrics(player, games_file):
    metrics = move_accuracy(player, read_games([games_file]), fen_only=True)
    assert metrics["plies"] == len(OPENING) + 30
    assert 0 <= metrics["top1"] <= 1 and 0 <= metrics["illegal_rate"] <= 1
    assert {"top1_opening", "top1_middlegame", "top1_endgame", "top1_fen_only"} <= metrics.keys()


def test_cli_verbs(tiny_model_dir, games_file, tmp_path, capsys):
    model = str(tiny_model_dir)
    assert cli_main(["xiangqi", "move", "--model", model, "--moves", "h2e2 h9g7", "--top", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    board = Board()
    board.push_iccs("h2e2")
    board.push_iccs("h9g7")
    assert board.is_legal(Move.from_iccs(out[0]))
    assert out[-1].startswith("outcome: red")
    out_json = tmp_path / "metrics.json"
    assert cli_main(["xiangqi", "evaluate", "--model", model, "--test", str(games_file), "--json", str(out_json)]) == 0
    assert json.loads(out_json.read_text())["plies"] == len(OPENING) + 30
    assert cli_main(["xiangqi", "evaluate", "--model", model, "--test", str(games_file), "--no-mirror-average",
                     "--fen-only", "--json", str(out_json)]) == 0
    assert json.loads(out_json.read_text())["mirror_average"] is False
    scores_json = tmp_path / "scores.json"
    games_pgn = tmp_path / "games.pgn"
    assert cli_main(["xiangqi", "match", "--model", model, "--opponents", "random", "--games", "2",
                     "--json", str(scores_json), "--pgn", str(games_pgn)]) == 0
    assert json.loads(scores_json.read_text())["scores"][0]["games"] == 2
    played = pgn.read_games(games_pgn.read_text(encoding="utf-8"))
    assert [game.headers["Round"] for game in played] == ["1", "2"]
    assert played[0].headers["Red"] == played[1].headers["Black"] != played[0].headers["Black"]
    run, valid = tmp_path / "run", tmp_path / "valid.jsonl"
    valid.write_text(json.dumps({"moves": " ".join(random_game(9)), "result": "*"}) + "\n")
    assert cli_main(["xiangqi", "train", "--data", str(games_file), "--valid", str(valid), "--out", str(run),
                     "--size", "tiny", "--max-steps", "3", "--warmup", "1", "--eval-every", "2", "--no-compile",
                     "--export", str(tmp_path / "exported")]) == 0
    assert (tmp_path / "exported" / "tokenizer.json").is_file()
    again = tmp_path / "again"
    assert cli_main(["xiangqi", "train", "--data", str(games_file), "--valid", str(valid), "--out", str(again),
                     "--init", str(tmp_path / "exported"), "--max-steps", "1", "--warmup", "1", "--eval-every", "1",
                     "--no-compile"]) == 0
    assert (again / "best" / "model.safetensors").is_file()


def test_bundled_model_loads_through_the_store():
    player = GptPlayer(store=ModelStore())  # the bundled model is always there: a failure to load it fails
    assert Board().is_legal(player.choose_move(Board()))


def test_the_move_only_players_cache_gives_the_logits_of_reading_the_whole_game(tiny_model_dir):
    store = ModelStore(bundled_dir=tiny_model_dir.parent)
    cached = GptPlayer(str(tiny_model_dir), store=store)
    board = Board()
    positions = []
    for text in random_game(11, 16):
        board.push_iccs(text)
        positions.append(board.copy())
    for position in positions + [positions[4], positions[12]]:
        fresh = GptPlayer(str(tiny_model_dir), store=store)
        assert torch.allclose(cached.next_move_logits(position), fresh.next_move_logits(position), atol=1e-4)


def test_latency_is_measured_on_fresh_positions_and_on_a_game_as_it_is_played(player):
    games = [Game(tuple(random_game(seed, 60)), "*") for seed in (12, 13)]
    metrics = move_latency(player, games, requests=4)
    assert metrics["requests"] == 2  # one fresh position a game
    assert 0 < metrics["latency_ms_median"] <= metrics["latency_ms_p90"]
    assert 0 < metrics["latency_in_game_ms_median"] <= metrics["latency_in_game_ms_p90"]
