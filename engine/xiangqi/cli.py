"""``wenqi-cli xiangqi <verb>``: the rules engine (and later the GPT) without the UI.

    wenqi-cli xiangqi perft --fen FEN --depth 3      leaf count of the legal move tree
    wenqi-cli xiangqi legal --fen FEN                legal moves, ICCS and Chinese, one a line

Each verb is a pair: ``add_<verb>(verbs)`` declares its arguments, ``run_<verb>(args)`` runs
it; a new verb adds one pair and one line in ``register``.
"""

from __future__ import annotations

import argparse

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


def register(subparsers) -> None:
    parser = subparsers.add_parser("xiangqi", help="xiangqi: rules, notation, players")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_perft(verbs)
    add_legal(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
