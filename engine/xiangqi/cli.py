"""``wenqi-cli xiangqi <verb>``: the rules engine (and later the GPT) without the UI.

    wenqi-cli xiangqi perft --fen FEN --depth 3      leaf count of the legal move tree
    wenqi-cli xiangqi legal --fen FEN                legal moves, ICCS and Chinese, one a line
    wenqi-cli xiangqi train --data FILES --valid FILE --out DIR    train the GPT
    wenqi-cli xiangqi evaluate --test FILE [--fen-only] [--latency]   GPT move accuracy
    wenqi-cli xiangqi move --moves "h2e2 h9g7" | --fen FEN       the GPT's move and candidates
    wenqi-cli xiangqi match --opponents random greedy L0 --games 100   GPT match scores
    wenqi-cli xiangqi match --level search --threads 1 ...      the same for GPT + search

Each verb is a pair: ``add_<verb>(verbs)`` declares its arguments, ``run_<verb>(args)`` runs
it; a new verb adds one pair and one line in ``register``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.xiangqi.board import STARTING_FEN


def add_perft(verbs) -> None:
    parser = verbs.add_parser("perft", help="count the leaves of the legal move tree")
    parser.add_argument("--fen", default=STARTING_FEN, help="position (default: the start position)")
    parser.add_argument("--depth", type=int, required=True, help="plies to search")
    parser.set_defaults(func=run_perft)


def run_perft(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board, perft

    if args.depth < 0:
        raise ValueError("--depth must be 0 or more")
    print(perft(Board(args.fen), args.depth))
    return 0


def add_legal(verbs) -> None:
    parser = verbs.add_parser("legal", help="list the legal moves (ICCS and Chinese)")
    parser.add_argument("--fen", default=STARTING_FEN, help="position (default: the start position)")
    parser.set_defaults(func=run_legal)


def run_legal(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board

    board = Board(args.fen)
    for move in board.legal_moves():
        print(move.iccs(), board.chinese(move))
    return 0


# --- The GPT: train, evaluate, move, match --------------------------------------------------


def add_train(verbs) -> None:
    from engine.xiangqi.train import add_arguments

    parser = verbs.add_parser("train", help="train the xiangqi GPT (CPU, GPU or torchrun)")
    add_arguments(parser)
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.xiangqi.train import run

    return run(args)


def add_evaluate(verbs) -> None:
    from engine.cli import add_evaluate_arguments

    parser = verbs.add_parser("evaluate", help="GPT move accuracy by phase, illegal rate, latency")
    add_evaluate_arguments(parser)
    parser.add_argument("--fen-only", action="store_true", help="also score positions given without history")
    parser.add_argument("--latency", action="store_true", help="also time choose_move on one CPU thread")
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.runtime.device import set_threads
    from engine.xiangqi.gpt import MODEL_NAME, GptPlayer
    from engine.xiangqi.gpt_data import read_games
    from engine.xiangqi.gpt_eval import move_accuracy, move_latency

    set_threads(args.threads)
    games = read_games([args.test])[: args.limit]
    player = GptPlayer(args.model or MODEL_NAME)
    metrics = {"model": args.model or MODEL_NAME, "test": str(args.test),
               **move_accuracy(player, games, fen_only=args.fen_only)}
    if args.latency:
        torch.set_num_threads(1)
        metrics.update(move_latency(player, games))
    write_metrics(metrics, args.json)
    return 0


def add_move(verbs) -> None:
    parser = verbs.add_parser("move", help="the GPT's move and top candidates for a position")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--fen", default=None, help="position without history")
    where.add_argument("--moves", default="", help='ICCS moves from the start, e.g. "h2e2 h9g7"')
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--top", type=int, default=5, help="candidates to list")
    parser.add_argument("--search", action="store_true", help="the move of GPT + search (the GPT's candidates below)")
    parser.set_defaults(func=run_move)


def run_move(args: argparse.Namespace) -> int:
    from engine.xiangqi.board import Board
    from engine.xiangqi.gpt import MODEL_NAME, GptPlayer
    from engine.xiangqi.search import SearchPlayer

    board = Board(args.fen) if args.fen else Board()
    for text in args.moves.split():
        board.push_iccs(text)
    player = GptPlayer(args.model or MODEL_NAME)
    if args.search:
        search = SearchPlayer(player)
        print(search.choose_move(board).iccs(), f"(GPT + search, {search.last_depth} plies deep)")
    else:
        print(player.choose_move(board).iccs())
    for candidate in player.candidates(board, args.top):
        print(f"  {candidate.move.iccs()} {board.chinese(candidate.move)} {candidate.probability:.3f}")
    belief = player.outcome_belief(board)
    print(f"outcome: red {belief.red:.2f}  draw {belief.draw:.2f}  black {belief.black:.2f}")
    return 0


def add_match(verbs) -> None:
    parser = verbs.add_parser("match", help="GPT games against random, greedy and Fairy-Stockfish levels")
    parser.add_argument("--opponents", nargs="+", default=["random", "greedy"],
                        help="random, greedy and/or ladder levels L0-L4")
    parser.add_argument("--games", type=int, default=100, help="games per opponent (half as red)")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--level", default="strongest",
                        help="GPT level: strongest, strong, medium, easy, or search (GPT + alpha-beta)")
    parser.add_argument("--play-for-win", action="store_true", help="prefix 'my side wins' instead of unknown")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.set_defaults(func=run_match)


def run_match(args: argparse.Namespace) -> int:
    import torch

    from engine.cli import write_metrics
    from engine.xiangqi.gpt import MODEL_NAME
    from engine.xiangqi.gpt_eval import match
    from engine.xiangqi.players import GreedyPlayer, RandomPlayer, UciEnginePlayer
    from engine.xiangqi.search import make_player

    if args.threads:
        torch.set_num_threads(args.threads)
    player = make_player(args.level, args.model or MODEL_NAME, play_for_win=args.play_for_win, seed=0)
    scores = []
    for name in args.opponents:
        opponent = {"random": lambda: RandomPlayer(seed=1), "greedy": lambda: GreedyPlayer(seed=1)}.get(
            name, lambda: UciEnginePlayer.from_level(name))()
        try:
            scores.append(match(player, opponent, args.games, on_game=lambda number, result, name=name: print(
                f"{name} game {number}/{args.games}: {result}", file=sys.stderr, flush=True)))
        finally:
            opponent.close()
        print(json.dumps(scores[-1]), file=sys.stderr, flush=True)
    write_metrics({"player": player.name, "model": args.model or MODEL_NAME, "scores": scores}, args.json)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("xiangqi", help="xiangqi: rules, notation, players")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_perft(verbs)
    add_legal(verbs)
    add_train(verbs)
    add_evaluate(verbs)
    add_move(verbs)
    add_match(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
