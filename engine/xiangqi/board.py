"""Xiangqi (Chinese chess) rules: squares, pieces, moves, FEN, legal moves and game end.

    >>> board = Board()
    >>> board.push_iccs("h2e2")
    Move.from_iccs('h2e2')
    >>> board.chinese(Move.from_iccs("h9g7"))
    '马８进７'

We write our own rules engine rather than wrap ``cchess``: the product needs a fast legal
move generator (the GPT masks its logits with it every ply), Chinese notation in both
directions, and the rule set below (perpetual check, the 120-ply rule) which cchess lacks.

Coordinates are ICCS: files a..i from red's left, ranks 0..9 from red's back rank, and
``square = rank * 9 + file``. Red moves first.

Rules implemented (Asian/Chinese Xiangqi Association rules, simple forms where noted):

- Movement: the general (帅/将) and advisors (仕/士) stay in the palace, the general steps
  orthogonally, advisors diagonally; elephants (相/象) move two points diagonally, may not
  cross the river and are blocked by a piece on the "elephant eye"; horses (马) move one
  point orthogonally then one diagonally outward and are blocked by a piece on the "horse
  leg"; chariots (车) move like rooks; cannons (炮) move like rooks but capture by jumping
  exactly one screen; pawns (兵/卒) move one point forward, and also sideways once they
  have crossed the river; they never move back.
- The two generals may not face each other on an open file (flying generals), and no move
  may leave one's own general attacked.
- Game end, in the order ``Board.outcome`` checks it:
  1. no legal move: checkmate (将死) if in check, otherwise stalemate (困毙); either way the
     side to move loses;
  2. the same position (placement and side to move) for the third time: if one side gave
     check with every one of its moves since the first of those occurrences, that side
     loses (长将判负, the simple form of the perpetual-check rule); otherwise a draw;
  3. 120 plies (60 moves each) without a capture: a draw (自然限着).
"""

from __future__ import annotations

import enum
import random
from collections.abc import Iterator
from dataclasses import dataclass

# Squares and moves live in engine.xiangqi.moves (notation reads them without importing the
# board); they are re-exported here, where every caller has always found them.
from engine.xiangqi.moves import (
    FILE_NAMES as FILE_NAMES,
    AmbiguousMoveError as AmbiguousMoveError,
    IllegalMoveError as IllegalMoveError,
    InvalidMoveError as InvalidMoveError,
    Move as Move,
    parse_square as parse_square,
    square as square,
    square_file as square_file,
    square_name as square_name,
    square_rank as square_rank,
)

RED = True
BLACK = False
COLOR_NAMES = {RED: "red", BLACK: "black"}

STARTING_FEN = "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - 0 1"
NO_CAPTURE_LIMIT = 120
"""Plies without a capture after which the game is drawn (自然限着)."""

PIECE_KINDS = "kabnrcp"
# Internal codes: kind index + 1, positive for red, negative for black, 0 for an empty point.
KING, ADVISOR, BISHOP, KNIGHT, ROOK, CANNON, PAWN = range(1, 8)
_GLYPHS = {RED: "帅仕相马车炮兵", BLACK: "将士象马车炮卒"}
_KIND_NAMES = ("king", "advisor", "bishop", "knight", "rook", "cannon", "pawn")


class InvalidFenError(ValueError):
    """A FEN string that cannot describe a xiangqi position. The message is English; the
    subclass says what is wrong and its fields (keyword arguments) with what, so that a UI
    can say it in its own language."""

    def __init__(self, message: str, **fields: object) -> None:
        super().__init__(message)
        self.__dict__.update(fields)


class EmptyFenError(InvalidFenError):
    pass


class FenRanksError(InvalidFenError):
    """Fields: ``ranks`` (how many the FEN has)."""


class FenPieceLetterError(InvalidFenError):
    """Fields: ``letter``, ``rank``."""


class FenRankWidthError(InvalidFenError):
    """Fields: ``rank``, ``files`` (how many it covers)."""


class FenSideError(InvalidFenError):
    """Fields: ``side`` (the field as written)."""


class FenCountersError(InvalidFenError):
    """Fields: ``counters`` (the fields as written)."""


class SetupError(InvalidFenError):
    """A position no game can reach; :meth:`Board.validate` lists them."""


class MisplacedPieceError(SetupError):
    """A general, advisor, elephant or pawn where it can never stand. Fields: ``piece``, ``square``."""


class GeneralCountError(SetupError):
    """Fields: ``color``, ``count``."""


class TooManyPiecesError(SetupError):
    """Fields: ``piece``, ``count``, ``limit``."""


class FlyingGeneralsError(SetupError):
    """The generals face each other on an open file. Fields: ``file``."""


class WrongSideInCheckError(SetupError):
    """The side not to move is in check. Fields: ``color`` (the side in check)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece: ``kind`` in "kabnrcp" and ``color`` (RED or BLACK)."""

    kind: str
    color: bool

    @classmethod
    def from_symbol(cls, symbol: str) -> Piece:
        """FEN letter, uppercase red: ``Piece.from_symbol("R")``. Also reads E/H (elephant, horse)."""
        code = _SYMBOL_TO_CODE.get(symbol)
        if code is None:
            raise ValueError(f"not a piece letter: {symbol!r} (expected one of KABNRCP, kabnrcp)")
        return _CODE_TO_PIECE[code]

    def symbol(self) -> str:
        return self.kind.upper() if self.color else self.kind

    def glyph(self) -> str:
        """The Chinese character: 帅仕相马车炮兵 for red, 将士象马车炮卒 for black."""
        return _GLYPHS[self.color][PIECE_KINDS.index(self.kind)]

    @property
    def name(self) -> str:
        return _KIND_NAMES[PIECE_KINDS.index(self.kind)]


_CODE_TO_PIECE: dict[int, Piece] = {}
_SYMBOL_TO_CODE: dict[str, int] = {}
for _index, _kind in enumerate(PIECE_KINDS):
    _CODE_TO_PIECE[_index + 1] = Piece(_kind, RED)
    _CODE_TO_PIECE[-_index - 1] = Piece(_kind, BLACK)
for _letters, _kind in (("kK", "k"), ("aA", "a"), ("bBeE", "b"), ("nNhH", "n"), ("rR", "r"), ("cC", "c"), ("pP", "p")):
    for _letter in _letters:  # E and H: elephant and horse, as some programs write them
        _SYMBOL_TO_CODE[_letter] = (PIECE_KINDS.index(_kind) + 1) * (1 if _letter.isupper() else -1)
_PIECE_TO_CODE = {piece: code for code, piece in _CODE_TO_PIECE.items()}


class Termination(enum.Enum):
    """Why a game ended, with the text the game-over banner shows."""

    CHECKMATE = ("将死", "checkmate")
    STALEMATE = ("困毙", "no legal move")
    PERPETUAL_CHECK = ("长将判负", "perpetual check")
    REPETITION = ("重复和棋", "threefold repetition")
    NO_CAPTURE = ("自然限着", "120 plies without a capture")
    PLY_LIMIT = ("限着和棋", "move limit reached")  # a match's cap (EVAL.md), not a rule of the game
    TIME_FORFEIT = ("超时判负", "time forfeit")  # a flag fell (engine/xiangqi/clock.py)

    @property
    def chinese(self) -> str:
        return self.value[0]

    @property
    def english(self) -> str:
        return self.value[1]


@dataclass(frozen=True)
class Outcome:
    """How a game ended: ``winner`` is RED, BLACK or None for a draw."""

    termination: Termination
    winner: bool | None

    def result(self) -> str:
        """PGN result: ``1-0``, ``0-1`` or ``1/2-1/2``."""
        if self.winner is None:
            return "1/2-1/2"
        return "1-0" if self.winner else "0-1"


# --- Precomputed move tables -------------------------------------------------------------
# Tables hold interned Move objects so generation allocates nothing but the result list.

_MOVES = [[Move(f, t) for t in range(90)] for f in range(90)]


def _on_board(file: int, rank: int) -> bool:
    return 0 <= file < 9 and 0 <= rank < 10


def _in_palace(file: int, rank: int, color: bool) -> bool:
    return 3 <= file <= 5 and (0 <= rank <= 2 if color else 7 <= rank <= 9)


def _own_side(rank: int, color: bool) -> bool:
    return rank <= 4 if color else rank >= 5


def _ray(sq: int, df: int, dr: int) -> tuple[int, ...]:
    squares = []
    file, rank = sq % 9 + df, sq // 9 + dr
    while _on_board(file, rank):
        squares.append(square(file, rank))
        file, rank = file + df, rank + dr
    return tuple(squares)


_DIAGONALS = ((1, 1), (1, -1), (-1, 1), (-1, -1))
_ORTHOGONALS = ((0, 1), (0, -1), (1, 0), (-1, 0))

_Step = tuple[int, Move]
"""(target, move): a move from the tables, with the square it lands on."""
_BlockedStep = tuple[int, _Step]
"""(leg or eye, (target, move)): a horse or elephant move and the point that blocks it."""

# ROOK_RAYS[sq]: four rays of (target, move), nearest first.
_RAYS = [tuple(_ray(sq, df, dr) for df, dr in _ORTHOGONALS) for sq in range(90)]
_ROOK_RAYS = [tuple(tuple((t, _MOVES[sq][t]) for t in ray) for ray in _RAYS[sq]) for sq in range(90)]


def _knight_table() -> list[tuple[_BlockedStep, ...]]:
    """Per square: (leg, (target, move)) for each horse jump on the board."""
    table = []
    for sq in range(90):
        file, rank = sq % 9, sq // 9
        entries: list[_BlockedStep] = []
        for df, dr in ((1, 2), (-1, 2), (1, -2), (-1, -2), (2, 1), (2, -1), (-2, 1), (-2, -1)):
            if _on_board(file + df, rank + dr):
                leg = square(file + int(df / 2), rank + int(dr / 2))  # one orthogonal step along the long leg
                target = square(file + df, rank + dr)
                entries.append((leg, (target, _MOVES[sq][target])))
        table.append(tuple(entries))
    return table


_KNIGHT_MOVES = _knight_table()
# _KNIGHT_ATTACKERS[sq]: (from, leg) for every horse position that attacks sq.
_KNIGHT_ATTACKERS: list[list[tuple[int, int]]] = [[] for _ in range(90)]
for _from, _entries in enumerate(_KNIGHT_MOVES):
    for _leg, (_target, _move) in _entries:
        _KNIGHT_ATTACKERS[_target].append((_from, _leg))


def _step_table(color: bool, kind: int) -> list[tuple[_Step, ...]]:
    """Moves of the king, advisor or pawn for one color: (target, move)."""
    table = []
    for sq in range(90):
        file, rank = sq % 9, sq // 9
        entries = []
        if kind in (KING, ADVISOR):
            for df, dr in _ORTHOGONALS if kind == KING else _DIAGONALS:
                if _in_palace(file + df, rank + dr, color):
                    entries.append((square(file + df, rank + dr), _MOVES[sq][square(file + df, rank + dr)]))
        else:
            forward = 1 if color else -1
            steps = [(0, forward)]
            if not _own_side(rank, color):
                steps += [(1, 0), (-1, 0)]
            for df, dr in steps:
                if _on_board(file + df, rank + dr):
                    entries.append((square(file + df, rank + dr), _MOVES[sq][square(file + df, rank + dr)]))
        table.append(tuple(entries))
    return table


def _bishop_table(color: bool) -> list[tuple[_BlockedStep, ...]]:
    """Moves of the elephant for one color: (eye, (target, move))."""
    table = []
    for sq in range(90):
        file, rank = sq % 9, sq // 9
        entries = []
        for df, dr in _DIAGONALS:
            f2, r2 = file + 2 * df, rank + 2 * dr
            if _on_board(f2, r2) and _own_side(r2, color):
                entries.append((square(file + df, rank + dr), (square(f2, r2), _MOVES[sq][square(f2, r2)])))
        table.append(tuple(entries))
    return table


_KING_MOVES = {color: _step_table(color, KING) for color in (RED, BLACK)}
_ADVISOR_MOVES = {color: _step_table(color, ADVISOR) for color in (RED, BLACK)}
_BISHOP_MOVES = {color: _bishop_table(color) for color in (RED, BLACK)}
_PAWN_MOVES = {color: _step_table(color, PAWN) for color in (RED, BLACK)}
# _PAWN_ATTACKERS[color][sq]: squares from which a pawn of `color` attacks sq.
_PAWN_ATTACKERS: dict[bool, list[list[int]]] = {RED: [[] for _ in range(90)], BLACK: [[] for _ in range(90)]}
for _color in (RED, BLACK):
    for _from, _steps in enumerate(_PAWN_MOVES[_color]):
        for _target, _ in _steps:
            _PAWN_ATTACKERS[_color][_target].append(_from)


def _allowed_squares() -> dict[tuple[str, bool], frozenset[int]]:
    """Where generals, advisors, elephants and pawns can ever stand (for ``validate``)."""
    allowed = {}
    for color in (RED, BLACK):
        def relative(file: int, rank: int, color: bool = color) -> int:
            return square(file, rank if color else 9 - rank)

        allowed["k", color] = frozenset(relative(f, r) for f in (3, 4, 5) for r in (0, 1, 2))
        allowed["a", color] = frozenset(relative(f, r) for f, r in ((3, 0), (5, 0), (4, 1), (3, 2), (5, 2)))
        allowed["b", color] = frozenset(
            relative(f, r) for f, r in ((2, 0), (6, 0), (0, 2), (4, 2), (8, 2), (2, 4), (6, 4))
        )
        allowed["p", color] = frozenset(
            relative(f, r) for f in range(9) for r in range(3, 10) if r >= 5 or f % 2 == 0
        )
    return allowed


_ALLOWED_SQUARES = _allowed_squares()
_MAX_PIECES = {"a": 2, "b": 2, "n": 2, "r": 2, "c": 2, "p": 5}

_zobrist_random = random.Random(20240611)
_ZOBRIST = {code: [_zobrist_random.getrandbits(64) for _ in range(90)] for code in _CODE_TO_PIECE}
_ZOBRIST_BLACK_TO_MOVE = _zobrist_random.getrandbits(64)


def perft(board: Board, depth: int) -> int:
    """Leaf nodes of the legal move tree `depth` plies deep (counting moves at the last ply)."""
    if depth <= 0:
        return 1
    moves = board.legal_moves()
    if depth == 1:
        return len(moves)
    total = 0
    for move in moves:
        board.push(move)
        total += perft(board, depth - 1)
        board.pop()
    return total


def is_attacked(board: list[int], sq: int, by: bool) -> bool:
    """Whether pieces of color `by` attack sq on a list of 90 piece codes (a general's square:
    facing generals count). ``Board`` and the search's ``SearchBoard`` both ask this."""
    b = board
    sign = 1 if by else -1
    rook, cannon, king = ROOK * sign, CANNON * sign, KING * sign
    for ray in _RAYS[sq]:
        screened = False
        for t in ray:
            code = b[t]
            if code:
                if screened:
                    if code == cannon:
                        return True
                    break
                if code in (rook, king):
                    return True
                screened = True
    knight = KNIGHT * sign
    for origin, leg in _KNIGHT_ATTACKERS[sq]:
        if b[origin] == knight and not b[leg]:
            return True
    pawn = PAWN * sign
    for origin in _PAWN_ATTACKERS[by][sq]:  # noqa: SIM110 - faster than any() on this hot path
        if b[origin] == pawn:
            return True
    return False


class Board:
    """A position and the moves that led to it.

        >>> board = Board()
        >>> len(board.legal_moves())
        44
    """

    def __init__(self, fen: str | None = STARTING_FEN) -> None:
        self._board: list[int] = [0] * 90
        self._kings: list[int | None] = [None, None]  # indexed by color: [black, red]
        self._turn: bool = RED
        self.halfmove_clock = 0
        self.fullmove_number = 1
        self.move_stack: list[Move] = []
        self._undo: list[tuple[int, int]] = []  # (captured code, halfmove clock before)
        self._hashes: list[int] = []  # position key before each move, then the current one
        self._checks: list[bool] = []  # did the move at each ply give check
        if fen is not None:
            self._set_fen(fen)
        else:
            self._reset_history()

    @property
    def turn(self) -> bool:
        """The side to move, RED or BLACK. Setting it (position set-up) clears the history."""
        return self._turn

    @turn.setter
    def turn(self, color: bool) -> None:
        self._turn = color
        self._reset_history()

    @classmethod
    def empty(cls) -> Board:
        """A board with no pieces, red to move (for setting up a position)."""
        return cls(None)

    def copy(self) -> Board:
        board = Board.__new__(Board)
        board._board = self._board[:]
        board._kings = self._kings[:]
        board._turn = self._turn
        board.halfmove_clock = self.halfmove_clock
        board.fullmove_number = self.fullmove_number
        board.move_stack = self.move_stack[:]
        board._undo = self._undo[:]
        board._hashes = self._hashes[:]
        board._checks = self._checks[:]
        return board

    def __repr__(self) -> str:
        return f"Board({self.fen()!r})"

    def __str__(self) -> str:
        rows = []
        for rank in range(9, -1, -1):
            cells = (self.piece_at(square(f, rank)) for f in range(9))
            rows.append(f"{rank} " + " ".join(p.symbol() if p else "." for p in cells))
        rows.append("  " + " ".join(FILE_NAMES))
        return "\n".join(rows)

    # --- FEN ---------------------------------------------------------------------------

    def _set_fen(self, fen: str) -> None:
        fields = fen.split()
        if not fields:
            raise EmptyFenError("empty FEN")
        ranks = fields[0].split("/")
        if len(ranks) != 10:
            raise FenRanksError(f"FEN needs 10 ranks separated by '/', got {len(ranks)}", ranks=len(ranks))
        board = [0] * 90
        for row, text in enumerate(ranks):
            rank = 9 - row
            file = 0
            for char in text:
                if char in "123456789":
                    file += int(char)
                    continue
                code = _SYMBOL_TO_CODE.get(char)
                if code is None:
                    raise FenPieceLetterError(
                        f"bad piece letter {char!r} in rank {rank} ({text!r}); "
                        "expected KABNRCP for red, kabnrcp for black, or a digit 1-9", letter=char, rank=rank)
                if file < 9:
                    board[rank * 9 + file] = code
                file += 1
            if file != 9:
                how = "too long" if file > 9 else "too short"
                raise FenRankWidthError(f"rank {rank} ({text!r}) is {how}: it covers {file} files, not 9",
                                        rank=rank, files=file)
        side = fields[1].lower() if len(fields) > 1 else "w"
        if side not in ("w", "r", "b"):
            raise FenSideError(f"bad side to move {fields[1]!r}: expected 'w' (or 'r') for red, 'b' for black",
                               side=fields[1])
        counters = [field for field in fields[2:] if field != "-"]
        if not all(counter.isdigit() for counter in counters):
            raise FenCountersError(f"bad move counters {' '.join(fields[2:])!r}: expected numbers",
                                   counters=" ".join(fields[2:]))
        self._board = board
        self._turn = side != "b"
        self.halfmove_clock = int(counters[0]) if len(counters) >= 1 else 0
        self.fullmove_number = max(1, int(counters[1])) if len(counters) >= 2 else 1
        self._find_kings()
        self._reset_history()

    def fen(self) -> str:
        rows = []
        for rank in range(9, -1, -1):
            text, empty = "", 0
            for file in range(9):
                code = self._board[square(file, rank)]
                if code == 0:
                    empty += 1
                    continue
                if empty:
                    text, empty = text + str(empty), 0
                text += _CODE_TO_PIECE[code].symbol()
            rows.append(text + (str(empty) if empty else ""))
        side = "w" if self._turn else "b"
        return f"{'/'.join(rows)} {side} - - {self.halfmove_clock} {self.fullmove_number}"

    def _find_kings(self) -> None:
        self._kings = [None, None]
        for sq, code in enumerate(self._board):
            if code == KING:
                self._kings[RED] = sq
            elif code == -KING:
                self._kings[BLACK] = sq

    def _position_hash(self) -> int:
        key = 0 if self._turn else _ZOBRIST_BLACK_TO_MOVE
        for sq, code in enumerate(self._board):
            if code:
                key ^= _ZOBRIST[code][sq]
        return key

    def _reset_history(self) -> None:
        self.move_stack, self._undo, self._checks = [], [], []
        self._hashes = [self._position_hash()]

    # --- Pieces ------------------------------------------------------------------------

    def piece_at(self, sq: int) -> Piece | None:
        return _CODE_TO_PIECE.get(self._board[sq])

    def set_piece_at(self, sq: int, piece: Piece | None) -> None:
        """Place (or with None, remove) a piece. Editing starts a new record from here:
        the move stack and repetition history are cleared."""
        self._board[sq] = _PIECE_TO_CODE[piece] if piece is not None else 0
        self._find_kings()
        self._reset_history()

    def pieces(self) -> Iterator[tuple[int, Piece]]:
        """(square, piece) for every piece, rank 0 first."""
        for sq, code in enumerate(self._board):
            if code:
                yield sq, _CODE_TO_PIECE[code]

    def king_square(self, color: bool) -> int | None:
        return self._kings[color]

    # --- Attacks -----------------------------------------------------------------------

    def _is_attacked(self, sq: int, by: bool) -> bool:
        """Whether pieces of color `by` attack sq (a general's square: facing generals count)."""
        return is_attacked(self._board, sq, by)

    def is_check(self) -> bool:
        king = self._kings[self._turn]
        return king is not None and self._is_attacked(king, not self._turn)

    def is_capture(self, move: Move) -> bool:
        return self._board[move.to_square] != 0

    def gives_check(self, move: Move) -> bool:
        self.push(move)
        try:
            return self._checks[-1]
        finally:
            self.pop()

    # --- Move generation ---------------------------------------------------------------

    def _pseudo_moves(self, origin: int, code: int, out: list[_Step]) -> None:
        """Append (target, move) pairs for the piece `code` on `origin`, ignoring self-check.

        The pairs come prebuilt from the tables; ``other * code < 0`` means an enemy piece."""
        b = self._board
        append = out.append
        kind = code if code > 0 else -code
        if kind == ROOK:
            for ray in _ROOK_RAYS[origin]:
                for pair in ray:
                    other = b[pair[0]]
                    if not other:
                        append(pair)
                    else:
                        if other * code < 0:
                            append(pair)
                        break
        elif kind == CANNON:
            for ray in _ROOK_RAYS[origin]:
                screened = False
                for pair in ray:
                    other = b[pair[0]]
                    if not screened:
                        if not other:
                            append(pair)
                        else:
                            screened = True
                    elif other:
                        if other * code < 0:
                            append(pair)
                        break
        elif kind in (KNIGHT, BISHOP):  # both blocked by a point on the way (leg, eye)
            table = _KNIGHT_MOVES[origin] if kind == KNIGHT else _BISHOP_MOVES[code > 0][origin]
            for block, pair in table:
                if not b[block]:
                    other = b[pair[0]]
                    if not other or other * code < 0:
                        append(pair)
        else:
            steps = _PAWN_MOVES if kind == PAWN else _ADVISOR_MOVES if kind == ADVISOR else _KING_MOVES
            for pair in steps[code > 0][origin]:
                other = b[pair[0]]
                if not other or other * code < 0:
                    append(pair)

    def _danger_squares(self, king: int, enemy: bool) -> set[int]:
        """Squares whose emptying or filling can expose the general on `king` to attack.

        Attacks on a general come along its rank and file (chariot, cannon, facing general),
        from a horse whose leg is one of its diagonal neighbours, or from an adjacent pawn.
        Danger is then: the single piece between the general and an enemy chariot or general;
        the two pieces between it and an enemy cannon, or the empty points between them when
        there is none; the occupied leg of an enemy horse aimed at it. When not in check, a
        move that neither starts nor ends on a dangerous square is legal without the
        make/test/unmake check: moving elsewhere can only add blockers or capture pieces that
        do not shield the general.
        """
        b = self._board
        sign = 1 if enemy else -1
        rook, cannon, general = ROOK * sign, CANNON * sign, KING * sign
        danger: set[int] = set()
        for ray in _RAYS[king]:
            between: list[int] = []
            for index, t in enumerate(ray):
                code = b[t]
                if not code:
                    continue
                if code in (rook, general):
                    if len(between) == 1:
                        danger.add(between[0])
                elif code == cannon:
                    if not between:
                        danger.update(ray[:index])
                    elif len(between) == 2:
                        danger.update(between)
                between.append(t)
                if len(between) == 3:  # nothing further along can reach the general
                    break
        knight = KNIGHT * sign
        for origin, leg in _KNIGHT_ATTACKERS[king]:
            if b[origin] == knight:
                danger.add(leg)
        return danger

    def _legal_from(self, candidates: list[_Step]) -> list[Move]:
        """Keep the candidate (target, move) pairs that do not leave the mover's general attacked."""
        color = self._turn
        king = self._kings[color]
        if king is None:  # a set-up position without a general: nothing to protect
            return [move for _, move in candidates]
        b = self._board
        enemy = not color
        in_check = self._is_attacked(king, enemy)
        danger = self._danger_squares(king, enemy)
        legal = []
        for t, move in candidates:
            f = move.from_square
            if not (in_check or f == king or f in danger or t in danger):
                legal.append(move)
                continue
            captured = b[t]
            b[t] = b[f]
            b[f] = 0
            attacked = self._is_attacked(t if f == king else king, enemy)
            b[f] = b[t]
            b[t] = captured
            if not attacked:
                legal.append(move)
        return legal

    def legal_moves(self) -> list[Move]:
        """Every legal move of the side to move."""
        candidates: list[_Step] = []
        pseudo = self._pseudo_moves
        if self._turn:
            for sq, code in enumerate(self._board):
                if code > 0:
                    pseudo(sq, code, candidates)
        else:
            for sq, code in enumerate(self._board):
                if code < 0:
                    pseudo(sq, code, candidates)
        return self._legal_from(candidates)

    def legal_moves_from(self, sq: int) -> list[Move]:
        """Legal moves of the piece on sq (empty if it is not the side to move's)."""
        code = self._board[sq]
        if not code or (code > 0) != self._turn:
            return []
        candidates: list[_Step] = []
        self._pseudo_moves(sq, code, candidates)
        return self._legal_from(candidates)

    def is_legal(self, move: Move) -> bool:
        return move in self.legal_moves_from(move.from_square)

    # --- Making moves ------------------------------------------------------------------

    def push(self, move: Move) -> None:
        """Play a move. It must be legal (see ``is_legal``); only the mover's ownership of
        the piece is checked here, to keep this fast for search and replay."""
        f, t = move.from_square, move.to_square
        b = self._board
        code = b[f]
        if not code or (code > 0) != self._turn:
            raise IllegalMoveError(f"{move.iccs()}: no {COLOR_NAMES[self._turn]} piece on {square_name(f)}")
        captured = b[t]
        key = self._hashes[-1] ^ _ZOBRIST[code][f] ^ _ZOBRIST[code][t] ^ _ZOBRIST_BLACK_TO_MOVE
        if captured:
            key ^= _ZOBRIST[captured][t]
        self._undo.append((captured, self.halfmove_clock))
        self.halfmove_clock = 0 if captured else self.halfmove_clock + 1
        b[t] = code
        b[f] = 0
        if code == KING or code == -KING:
            self._kings[self._turn] = t
        if captured == KING or captured == -KING:
            self._kings[not self._turn] = None
        if not self._turn:
            self.fullmove_number += 1
        self._turn = not self._turn
        self.move_stack.append(move)
        self._hashes.append(key)
        self._checks.append(self.is_check())

    def pop(self) -> Move:
        """Take back the last move and return it."""
        move = self.move_stack.pop()
        captured, self.halfmove_clock = self._undo.pop()
        self._hashes.pop()
        self._checks.pop()
        self._turn = not self._turn
        if not self._turn:
            self.fullmove_number -= 1
        b = self._board
        f, t = move.from_square, move.to_square
        code = b[t]
        b[f] = code
        b[t] = captured
        if code == KING or code == -KING:
            self._kings[self._turn] = f
        if captured == KING or captured == -KING:
            self._kings[not self._turn] = t
        return move

    def root(self) -> Board:
        """A copy of the position before the first move of the move stack."""
        board = self.copy()
        while board.move_stack:
            board.pop()
        return board

    def peek(self) -> Move | None:
        return self.move_stack[-1] if self.move_stack else None

    def push_iccs(self, text: str) -> Move:
        """Parse an ICCS move, check it is legal, play it and return it."""
        move = Move.from_iccs(text)
        if not self.is_legal(move):
            raise IllegalMoveError(f"illegal move {move.iccs()} in {self.fen()}")
        self.push(move)
        return move

    def push_move(self, text: str) -> Move:
        """Parse a move in any notation (``parse_move``), play it and return it."""
        move = self.parse_move(text)
        self.push(move)
        return move

    # --- Game end ------------------------------------------------------------------------

    def is_repetition(self, count: int = 3) -> bool:
        """Whether the current position has occurred `count` times (this time included)."""
        return self._hashes.count(self._hashes[-1]) >= count

    def _perpetual_checker(self) -> bool | None:
        """The side that checked with every move since the first of three repetitions, if one did."""
        current = self._hashes[-1]
        occurrences = [i for i, key in enumerate(self._hashes) if key == current]
        first = occurrences[-3]
        plies = len(self._hashes) - 1
        checking = {RED: True, BLACK: True}
        for ply in range(first, plies):  # _checks[ply]: the move from position ply to ply + 1
            mover = self._turn if (plies - ply) % 2 == 0 else not self._turn
            if not self._checks[ply]:
                checking[mover] = False
        if checking[RED] == checking[BLACK]:
            return None
        return RED if checking[RED] else BLACK

    def loses_by_rule(self, move: Move) -> bool:
        """Whether playing ``move`` loses the game for its mover by rule: it is a check that
        repeats a position a third time, or lets the reply repeat one, with the mover having
        checked with every move since the first (perpetual check, forbidden in xiangqi), and
        does not checkmate. Cheap unless the move checks in a game with repetitions."""
        mover = self._turn
        self.push(move)
        try:
            if not self._checks[-1]:
                return False
            if self.is_repetition(3):
                return self._perpetual_checker() == mover and bool(self.legal_moves())
            if len(set(self._hashes)) == len(self._hashes):
                return False
            for reply in self.legal_moves():
                self.push(reply)
                lost = self.is_repetition(3) and self._perpetual_checker() == mover
                self.pop()
                if lost:
                    return True
            return False
        finally:
            self.pop()

    def outcome(self) -> Outcome | None:
        """Why the game is over, or None while it goes on (rules in the module docstring)."""
        if not self.legal_moves():
            termination = Termination.CHECKMATE if self.is_check() else Termination.STALEMATE
            return Outcome(termination, not self._turn)
        if self.is_repetition(3):
            checker = self._perpetual_checker()
            if checker is not None:
                return Outcome(Termination.PERPETUAL_CHECK, not checker)
            return Outcome(Termination.REPETITION, None)
        if self.halfmove_clock >= NO_CAPTURE_LIMIT:
            return Outcome(Termination.NO_CAPTURE, None)
        return None

    def is_game_over(self) -> bool:
        return self.outcome() is not None

    # --- Set-up validation -----------------------------------------------------------------

    def validate(self) -> list[SetupError]:
        """Problems that make a set-up position impossible (``str()`` says each in English);
        empty when it is fine."""
        problems: list[SetupError] = []
        for color in (RED, BLACK):
            side = COLOR_NAMES[color]
            counts = dict.fromkeys(PIECE_KINDS, 0)
            for sq, piece in self.pieces():
                if piece.color != color:
                    continue
                counts[piece.kind] += 1
                if piece.kind not in "kabp" or sq in _ALLOWED_SQUARES[piece.kind, color]:
                    continue
                where = f"{side} {piece.name} on {square_name(sq)}"
                why = {"k": "is outside the palace", "a": "is not on an advisor point of the palace",
                       "b": "is not on an elephant point of its own side",
                       "p": "cannot be there: pawns never move back or sideways before the river"}[piece.kind]
                problems.append(MisplacedPieceError(f"{where} {why}", piece=piece, square=square_name(sq)))
            if counts["k"] != 1:
                problems.append(GeneralCountError(f"{side} has {counts['k']} generals; exactly 1 is needed",
                                                  color=color, count=counts["k"]))
            for kind, most in _MAX_PIECES.items():
                if counts[kind] > most:
                    plural = _KIND_NAMES[PIECE_KINDS.index(kind)] + "s"
                    problems.append(TooManyPiecesError(f"{side} has {counts[kind]} {plural}; at most {most}",
                                                       piece=Piece(kind, color), count=counts[kind], limit=most))
        red_king, black_king = self._kings[RED], self._kings[BLACK]
        if not problems and red_king is not None and black_king is not None:
            between = range(red_king + 9, black_king, 9)
            if red_king % 9 == black_king % 9 and not any(self._board[sq] for sq in between):
                file = FILE_NAMES[red_king % 9]
                problems.append(FlyingGeneralsError(
                    f"the generals face each other on file {file} (flying generals)", file=file))
            elif self._is_attacked(black_king if self._turn else red_king, self._turn):  # the side not to move
                problems.append(WrongSideInCheckError(
                    f"{COLOR_NAMES[not self._turn]} is in check but it is {COLOR_NAMES[self._turn]}'s turn",
                    color=not self._turn))
        return problems

    # --- Notation (engine.xiangqi.notation) ------------------------------------------------

    def chinese(self, move: Move) -> str:
        """``炮二平五`` / ``马８进７`` in simplified characters."""
        from engine.xiangqi import notation

        return notation.chinese(self, move)

    def parse_chinese(self, text: str) -> Move:
        from engine.xiangqi import notation

        return notation.parse_chinese(self, text)

    def wxf(self, move: Move) -> str:
        """``C2.5`` / ``H8+7``."""
        from engine.xiangqi import notation

        return notation.wxf(self, move)

    def parse_wxf(self, text: str) -> Move:
        from engine.xiangqi import notation

        return notation.parse_wxf(self, text)

    def parse_move(self, text: str) -> Move:
        """A legal move from ICCS, WXF or Chinese text."""
        from engine.xiangqi import notation

        return notation.parse_move(self, text)
