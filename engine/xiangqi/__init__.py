"""Xiangqi: rules (``board``), notation, game records (``pgn``) and players. Never imports Qt.

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
