"""Move notation: Chinese (炮二平五 / 马８进７) and WXF (C2.5 / H8+7), both ways; ICCS is on Move.

    >>> from engine.xiangqi.board import Board
    >>> board = Board()
    >>> board.chinese(board.parse_wxf("C2.5")), board.wxf(board.parse_chinese("炮二平五"))
    ('炮二平五', 'C2.5')

Both systems name a move by the piece, the file it stands on (numbered 1-9 from the mover's
right: red writes 一..九, black full-width １..９), the direction (进/+ forward, 退/- back,
平/. sideways) and a number: the destination file for sideways moves and for the diagonal
movers (advisor, elephant, horse), otherwise the number of ranks moved.

Several pieces of one kind on one file are told apart by position, front first:
2 pieces 前/后 (WXF ``C+``/``C-``), 3 pawns 前/中/后 (``P+``/``P3``/``P-``), 4 or 5 pawns
一二三四五 (WXF ``++``, ``P+``, [``P3``], ``P-``, ``--``). When two files both hold several
pawns, the file number replaces the piece name: 前三进一 (WXF ``3+.4``, middle ``33.4``).
Advisors and elephants always use the file: their direction already tells two apart.

We write simplified characters and read simplified or traditional ones (車馬炮砲進後帥將,
俥傌包 for red), Chinese numerals or digits of either width.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from typing import TYPE_CHECKING

from engine.xiangqi.moves import (
    AmbiguousMoveError,
    IllegalMoveError,
    InvalidMoveError,
    Move,
    square,
    square_file,
    square_rank,
)

if TYPE_CHECKING:  # the board calls this module for its notation methods; a runtime import would be a circle
    from engine.xiangqi.board import Board, Piece

RED_NUMERALS = "一二三四五六七八九"
BLACK_NUMERALS = "１２３４５６７８９"
_CHINESE_ACTIONS = {"进": 1, "退": -1, "平": 0}
_WXF_LETTERS = {"k": "K", "a": "A", "b": "E", "n": "H", "r": "R", "c": "C", "p": "P"}
_WXF_ACTIONS = {"+": 1, "-": -1, ".": 0}

# Every character we read, mapped to (field, value).
_TRADITIONAL = str.maketrans({
    "車": "车", "俥": "车", "伡": "车", "馬": "马", "傌": "马", "砲": "炮", "包": "炮",
    "帥": "帅", "將": "将", "進": "进", "後": "后",
})
_CHINESE_KINDS = {
    "帅": "k", "将": "k", "仕": "a", "士": "a", "相": "b", "象": "b",
    "马": "n", "车": "r", "炮": "c", "兵": "p", "卒": "p",
}


def _numeral_value(char: str) -> int | None:
    for digits in (RED_NUMERALS, BLACK_NUMERALS, "123456789"):
        if char in digits:
            return digits.index(char) + 1
    return None


def file_number(file: int, color: bool) -> int:
    """The file's number 1-9, counted from the mover's right."""
    return 9 - file if color else file + 1


def _forward(color: bool) -> int:
    return 1 if color else -1


def _piece(board: Board, sq: int) -> Piece:
    """The piece on sq, which the caller knows is occupied (a legal move's origin)."""
    piece = board.piece_at(sq)
    assert piece is not None, f"no piece on square {sq}"
    return piece


def _tandem(board: Board, sq: int) -> list[int]:
    """Squares of the pieces like the one on sq on its file, front (toward the enemy) first."""
    piece = _piece(board, sq)
    file = square_file(sq)
    ranks = range(9, -1, -1) if piece.color else range(10)
    return [square(file, rank) for rank in ranks if board.piece_at(square(file, rank)) == piece]


def _other_tandem_pawn_file(board: Board, sq: int) -> bool:
    """Whether a file other than sq's also holds two or more of the mover's pawns."""
    piece = _piece(board, sq)
    return any(
        sum(board.piece_at(square(file, rank)) == piece for rank in range(10)) >= 2
        for file in range(9) if file != square_file(sq)
    )


def _action_and_number(board: Board, move: Move) -> tuple[int, int]:
    """(direction: 1 forward, -1 back, 0 sideways; the number written after it)."""
    piece = _piece(board, move.from_square)
    ranks = (square_rank(move.to_square) - square_rank(move.from_square)) * _forward(piece.color)
    if ranks == 0 or piece.kind in "abn":
        return (ranks > 0) - (ranks < 0), file_number(square_file(move.to_square), piece.color)
    return (1 if ranks > 0 else -1), abs(ranks)


def _require_legal(board: Board, move: Move) -> None:
    if not board.is_legal(move):
        raise IllegalMoveError(f"illegal move {move.iccs()} in {board.fen()}")


def chinese(board: Board, move: Move) -> str:
    """The move in Chinese notation, simplified characters (炮二平五, 马８进７, 前炮退一)."""
    _require_legal(board, move)
    piece = _piece(board, move.from_square)
    numerals = RED_NUMERALS if piece.color else BLACK_NUMERALS
    file_no = file_number(square_file(move.from_square), piece.color)
    group = _tandem(board, move.from_square)
    if len(group) >= 2 and piece.kind not in "ab":
        index = group.index(move.from_square)
        words = {2: "前后", 3: "前中后"}.get(len(group), "一二三四五")
        pawn_files = piece.kind == "p" and _other_tandem_pawn_file(board, move.from_square)
        head = words[index] + (numerals[file_no - 1] if pawn_files else piece.glyph())
    else:
        head = piece.glyph() + numerals[file_no - 1]
    direction, number = _action_and_number(board, move)
    return head + "平进退"[direction] + numerals[number - 1]


def wxf(board: Board, move: Move) -> str:
    """The move in WXF notation (C2.5, H8+7, R+.3, ++.4, 3+.4)."""
    _require_legal(board, move)
    piece = _piece(board, move.from_square)
    letter = _WXF_LETTERS[piece.kind]
    file_no = str(file_number(square_file(move.from_square), piece.color))
    group = _tandem(board, move.from_square)
    head = letter + file_no
    if len(group) >= 2 and piece.kind not in "ab":
        index, count = group.index(move.from_square), len(group)
        marks: dict[int, list[str | None]] = {2: ["+", "-"], 3: ["+", None, "-"], 4: ["++", "+", "-", "--"], 5: ["++", "+", None, "-", "--"]}
        mark = marks[count][index]
        if piece.kind == "p" and _other_tandem_pawn_file(board, move.from_square):
            head = file_no + (mark or file_no)
        elif mark is None:
            head = letter + file_no
        else:
            head = mark if len(mark) == 2 else letter + mark
    direction, number = _action_and_number(board, move)
    return head + ".+-"[direction] + str(number)


# --- Parsing -----------------------------------------------------------------------------

Position = Callable[[int], int | None]
"""Given how many like pieces share the file, the index (front first) of the one meant."""


def _nth(index: int) -> Position:
    """The position that means the same index however many pieces share the file."""
    return lambda n: index


_CHINESE_POSITIONS: dict[str, Position] = {
    "前": lambda n: 0,
    "后": lambda n: n - 1,
    "中": lambda n: n // 2 if n % 2 else None,
    **{word: _nth(i) for i, word in enumerate("一二三四五")},
}


def _is_middle(board: Board, sq: int) -> bool:
    group = _tandem(board, sq)
    return len(group) % 2 == 1 and group.index(sq) == len(group) // 2


def _find(board: Board, text: str, kind: str, file_no: int | None, position: Position | None,
          direction: int, number: int) -> Move:
    """The one legal move that fits the parsed parts, or the right error."""
    matches = []
    for move in board.legal_moves():
        piece = _piece(board, move.from_square)
        if piece.kind != kind:
            continue
        if file_no is not None and file_number(square_file(move.from_square), piece.color) != file_no:
            continue
        if position is not None:
            group = _tandem(board, move.from_square)
            if len(group) < 2 or position(len(group)) != group.index(move.from_square):
                continue
        if _action_and_number(board, move) == (direction, number):
            matches.append(move)
    if len(matches) > 1 and file_no is not None and position is None:
        # WXF names the middle one of three or five pawns by its file alone (P3.4).
        middle = [m for m in matches if _is_middle(board, m.from_square)]
        matches = middle or matches
    if not matches:
        raise IllegalMoveError(f"no legal move fits {text!r} in {board.fen()}")
    if len(matches) > 1:
        options = ", ".join(m.iccs() for m in matches)
        raise AmbiguousMoveError(f"{text!r} fits several legal moves ({options}); name the piece by its position")
    return matches[0]


def parse_chinese(board: Board, text: str) -> Move:
    """Read Chinese notation, simplified or traditional: ``炮二平五``, ``馬８進７``, ``前炮退一``."""
    cleaned = "".join(text.split()).translate(_TRADITIONAL)
    number = _numeral_value(cleaned[3]) if len(cleaned) == 4 else None
    if number is None or cleaned[2] not in _CHINESE_ACTIONS:
        raise InvalidMoveError(f"not a move in Chinese notation: {text!r} (expected like 炮二平五 or 马８进７)")
    first, second = cleaned[0], cleaned[1]
    direction = _CHINESE_ACTIONS[cleaned[2]]
    if first in _CHINESE_KINDS and _numeral_value(second) is not None:  # 炮二平五
        kind, file_no, position = _CHINESE_KINDS[first], _numeral_value(second), None
    elif first in _CHINESE_POSITIONS and second in _CHINESE_KINDS:  # 前炮退一
        kind, file_no, position = _CHINESE_KINDS[second], None, _CHINESE_POSITIONS[first]
    elif first in _CHINESE_POSITIONS and _numeral_value(second) is not None:  # 前三进一 (pawns)
        kind, file_no, position = "p", _numeral_value(second), _CHINESE_POSITIONS[first]
    else:
        raise InvalidMoveError(f"not a move in Chinese notation: {text!r} (expected like 炮二平五 or 前炮退一)")
    return _find(board, text, kind, file_no, position, direction, number)


_WXF_KINDS = {"K": "k", "G": "k", "A": "a", "E": "b", "B": "b", "H": "n", "N": "n", "R": "r", "C": "c", "P": "p"}
_WXF_POSITIONS: dict[str, Position] = {
    "+": lambda n: 0 if n <= 3 else 1,
    "-": lambda n: n - 1 if n <= 3 else n - 2,
    "++": lambda n: 0,
    "--": lambda n: n - 1,
}
_WXF_PATTERN = re.compile(r"([KGAEBHNRCP+\-1-9])([1-9+\-])([+\-.=])([1-9])")


def parse_wxf(board: Board, text: str) -> Move:
    """Read WXF notation: ``C2.5``, ``H8+7``, ``C+.5`` (also ``+C.5``), ``++.4``, ``3+.4``; ``=`` for ``.``."""
    cleaned = text.strip().upper()
    if len(cleaned) == 4 and cleaned[0] in "+-" and cleaned[1] in _WXF_KINDS:  # +C.5 -> C+.5
        cleaned = cleaned[1] + cleaned[0] + cleaned[2:]
    match = _WXF_PATTERN.fullmatch(cleaned)
    if not match:
        raise InvalidMoveError(f"not a move in WXF notation: {text!r} (expected like C2.5 or H8+7)")
    head, where, action, number = match.groups()
    direction = _WXF_ACTIONS[action.replace("=", ".")]
    if head in _WXF_KINDS:
        kind = _WXF_KINDS[head]
        file_no, position = (int(where), None) if where.isdigit() else (None, _WXF_POSITIONS[where])
    elif head in ("+", "-") and where == head:  # ++.4 / --.4: outermost of four or five pawns
        kind, file_no, position = "p", None, _WXF_POSITIONS[head * 2]
    elif head is not None and head.isdigit():  # 3+.4 / 33.4: pawns on a named file
        kind, file_no = "p", int(head)
        position = _CHINESE_POSITIONS["中"] if where.isdigit() else _WXF_POSITIONS[where]
    else:
        raise InvalidMoveError(f"not a move in WXF notation: {text!r} (expected like C2.5 or H8+7)")
    return _find(board, text, kind, file_no, position, direction, int(number))


_ICCS_PATTERN = re.compile(r"[a-i][0-9]-?[a-i][0-9]", re.IGNORECASE)
_WXF_CHARS = re.compile(r"[A-Za-z0-9+\-.=]+")


def parse_move(board: Board, text: str) -> Move:
    """A legal move from ICCS (``h2e2``, ``H2-E2``), WXF (``C2.5``) or Chinese (``炮二平五``)."""
    cleaned = text.strip()
    if _ICCS_PATTERN.fullmatch(cleaned):
        move = Move.from_iccs(cleaned)
        _require_legal(board, move)
        return move
    if _WXF_CHARS.fullmatch(cleaned):
        return parse_wxf(board, cleaned)
    return parse_chinese(board, cleaned)
