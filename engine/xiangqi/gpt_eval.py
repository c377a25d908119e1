"""Move-prediction metrics of EVAL.md for the xiangqi GPT, and match scores.

    metrics = move_accuracy(player, read_games([test_file]))
    metrics["top1"], metrics["illegal_rate"], metrics["plies"]

Top-1: over every ply, the highest-scoring legal move equals the move played (overall and
by phase: plies 1-20, 21-60, 61+). Illegal rate: share of plies whose unmasked argmax is not
a legal move. The model is told the result is unknown, as in play, and scored as the player
scores moves (with its ``mirror_average``, the mean over the game and its mirror). With ``fen_only`` each
position is also given as a board-state prefix with no history (``top1_fen_only``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import torch

from engine.xiangqi.board import Board, Move
from engine.xiangqi.gpt import GptPlayer, board_placement
from engine.xiangqi.gpt_data import Game
from engine.xiangqi.pgn import Game as PgnGame
from engine.xiangqi.players import Player, play_game
from engine.xiangqi.tokens import game_text, mirror_move, mirror_placement, position_text

PHASES = (("opening", 1, 20), ("middlegame", 21, 60), ("endgame", 61, 10_000))


def _scores(player: GptPlayer, texts: list[str], mirrored: list[str],
            last_only: bool = False) -> tuple[torch.Tensor, torch.Tensor | None]:
    """The model's logits at every token of each text, (texts, tokens, vocab), or at the last one,
    (texts, vocab); and with the player's ``mirror_average`` the same averaged with the mirrored
    texts (``GptPlayer.averaged``), else None."""
    rows = [*texts, *mirrored] if player.mirror_average else texts
    ids = torch.tensor([player.tokenizer.convert_tokens_to_ids(t.split()) for t in rows], device=player.device)
    logits: torch.Tensor = player.model(input_ids=ids, logits_to_keep=1 if last_only else 0).logits.float()
    n = len(texts)
    averaged = None
    if player.mirror_average:
        pairs = torch.stack([logits[:n], logits[n:]], dim=2)  # (texts, tokens, 2, vocab)
        averaged = player.averaged(pairs.flatten(0, 1)).view(n, -1, logits.shape[-1])
    if last_only:
        return logits[:n, -1], None if averaged is None else averaged[:, -1]
    return logits[:n], averaged


def _phase(ply: int) -> str:
    return next(name for name, low, high in PHASES if low <= ply <= high)


@torch.no_grad()
def move_accuracy(
    player: GptPlayer, games: list[Game], fen_only: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    hits = {"all": 0, **{name: 0 for name, _, _ in PHASES}}
    counts = dict.fromkeys(hits, 0)
    illegal = fen_hits = 0
    for number, game in enumerate(games, 1):
        plain, averaged = _scores(player, [game_text(list(game.moves), "*")],
                                  [game_text([mirror_move(m) for m in game.moves], "*")])
        board = Board()
        fen_prompts, legal_sets = [], []
        for ply, text in enumerate(game.moves, 1):
            legal = board.legal_moves()
            legal_ids = [player._move_id[m.iccs()] for m in legal]
            # position ply (the previous move, or [START]) predicts this move, scored as the player would
            row = (averaged if averaged is not None and player.mirrors(board) else plain)[0, ply]
            best = legal_ids[int(row[legal_ids].argmax())]
            played = player._move_id[text]
            phase = _phase(ply)
            for key in ("all", phase):
                hits[key] += best == played
                counts[key] += 1
            illegal += int(row.argmax()) not in legal_ids
            if fen_only:
                fen_prompts.append((board_placement(board), board.turn, player.mirrors(Board(board.fen()))))
                legal_sets.append((legal_ids, played))
            board.push(Move.from_iccs(text))
        if fen_only:
            last, last_averaged = _scores(
                player, [position_text(p, red, result="*", finished=False) for p, red, _ in fen_prompts],
                [position_text(mirror_placement(p), red, result="*", finished=False) for p, red, _ in fen_prompts],
                last_only=True)
            for index, (legal_ids, played) in enumerate(legal_sets):
                row = (last_averaged if last_averaged is not None and fen_prompts[index][2] else last)[index]
                fen_hits += legal_ids[int(row[legal_ids].argmax())] == played
        if on_progress:
            on_progress(number, len(games))
    plies = counts["all"]
    metrics = {
        "top1": hits["all"] / plies,
        **{f"top1_{name}": hits[name] / max(counts[name], 1) for name, _, _ in PHASES},
        "illegal_rate": illegal / plies,
        "plies": plies,
        "games": len(games),
    }
    if fen_only:
        metrics["top1_fen_only"] = fen_hits / plies
    return metrics


def move_latency(player: GptPlayer, games: list[Game], requests: int = 30) -> dict[str, float]:
    """Median and 90th-percentile time of ``choose_move``: on ``requests`` positions from
    ``games`` each read afresh (the player forgets what it read before: a loaded game's first
    move), and on the moves of a game as it is played (the player's cache of the moves before:
    plies 20-80 of the first games, one side's moves)."""
    boards: list[Board] = []
    for game in games:
        board = Board()
        for text in game.moves[: 20 + 7 * len(boards) % 60]:
            board.push(Move.from_iccs(text))
        boards.append(board)
        if len(boards) >= requests:
            break
    player.choose_move(boards[0])  # warm-up
    fresh = []
    for board in boards:
        player.forget()
        start = time.perf_counter()
        player.choose_move(board)
        fresh.append((time.perf_counter() - start) * 1000)
    in_game = []
    for game in games:
        board = Board()
        player.forget()
        for ply, text in enumerate(game.moves[:80]):
            if ply >= 20 and ply % 2 == 0:
                start = time.perf_counter()
                player.choose_move(board)
                in_game.append((time.perf_counter() - start) * 1000)
            board.push(Move.from_iccs(text))
        if len(in_game) >= requests:
            break
    fresh.sort()
    in_game.sort()
    return {"latency_ms_median": fresh[len(fresh) // 2], "latency_ms_p90": fresh[int(len(fresh) * 0.9)],
            "latency_in_game_ms_median": in_game[len(in_game) // 2],
            "latency_in_game_ms_p90": in_game[int(len(in_game) * 0.9)],
            "requests": len(fresh), "threads": torch.get_num_threads()}


def match(player: Player, opponent: Player, games: int,
          on_game: Callable[[int, PgnGame], None] | None = None) -> dict[str, str | float]:
    """``games`` full games, the player red in the even-numbered ones; score per EVAL.md.
    ``on_game(number, record)`` is told each finished game (numbered from 1)."""
    wins = draws = losses = 0
    for number in range(games):
        player_red = number % 2 == 0
        played = play_game(player, opponent) if player_red else play_game(opponent, player)
        winner = played.outcome.winner
        if winner is None:
            draws += 1
        elif winner == player_red:
            wins += 1
        else:
            losses += 1
        if on_game:
            on_game(number + 1, played.game)
    return {"opponent": opponent.name, "games": games, "wins": wins, "draws": draws, "losses": losses,
            "score": (wins + draws / 2) / games}
