"""Xiangqi without a UI (never imports Qt).

Modules: ``board`` (rules, FEN, ICCS, legal moves, game end; re-exported here),
``notation`` (Chinese and WXF), ``pgn`` (game records), ``players`` (random, greedy, UCI
engine, ``play_game``), ``cli`` (``wenqi-cli xiangqi ...``), ``benchmark`` (move generation
speed against pyffish and cchess), ``explorer`` (the masters' moves by position), ``clock``
(time controls, flag fall), ``mates`` (an exact mate prover), ``puzzles`` (the puzzle set and
solving), ``glicko`` (the puzzle rating), ``engine_search`` (the alpha-beta search) and
``levels`` (the computer's levels built on it), ``opponents`` (who can sit across the board),
``game_line`` (a game being played: moves, undo and redo, the ply viewed), ``advisor`` (the
GPT's hints).

    >>> from engine.xiangqi import Board
    >>> Board().push_move("炮二平五")
    Move.from_iccs('h2e2')
"""

from engine.xiangqi.board import (
    BLACK,
    COLOR_NAMES,
    FILE_NAMES,
    NO_CAPTURE_LIMIT,
    PIECE_KINDS,
    RED,
    STARTING_FEN,
    AmbiguousMoveError,
    Board,
    IllegalMoveError,
    InvalidFenError,
    InvalidMoveError,
    Move,
    Outcome,
    Piece,
    Termination,
    parse_square,
    perft,
    square,
    square_file,
    square_name,
    square_rank,
)

__all__ = [
    "BLACK",
    "COLOR_NAMES",
    "FILE_NAMES",
    "NO_CAPTURE_LIMIT",
    "PIECE_KINDS",
    "RED",
    "STARTING_FEN",
    "AmbiguousMoveError",
    "Board",
    "IllegalMoveError",
    "InvalidFenError",
    "InvalidMoveError",
    "Move",
    "Outcome",
    "Piece",
    "Termination",
    "parse_square",
    "perft",
    "square",
    "square_file",
    "square_name",
    "square_rank",
]
