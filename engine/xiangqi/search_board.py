"""The search's own board: make/unmake without copies, moves as ints, incremental key and score.

    >>> position = SearchBoard(Board())
    >>> len(position.legal_moves())
    44

``Board`` keeps a move stack of ``Move`` objects, a check flag per ply and a list of keys for
the game record; the search needs less and needs it faster. A move here is the int
``from | to << 7``; ``make`` returns nothing and ``unmake`` restores the saved state. The piece
codes, move geometry and Zobrist keys are ``board``'s, so a position's ``key`` equals the key
``Board`` keeps for it (repetitions reach back into the game). The material and piece-square
score is kept up to date by ``make`` (``evaluation`` holds the tables). Moves are generated
pseudo-legally; ``leaves_king_attacked`` after ``make`` tells an illegal one. Perft against
``Board`` in the tests checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from engine.xiangqi import board as rules
from engine.xiangqi.board import ADVISOR, BISHOP, CANNON, KING, KNIGHT, PAWN, RED, ROOK, Board, Move, is_attacked
from engine.xiangqi.evaluation import PHASE_WEIGHTS, TABLES

FROM_MASK = 127
T = TypeVar("T")


def encode(move: Move) -> int:
    return move.from_square | move.to_square << 7


def decode(move: int) -> Move:
    return rules._MOVES[move & FROM_MASK][move >> 7]


def _signed_table(per_code: Callable[[int], T]) -> list[T]:
    """A 15-slot list indexed by piece code, negative codes included (Python's negative index)."""
    table = cast("list[T]", [None] * 15)  # slot 0 (an empty point) stays None: no piece has code 0
    for code in range(1, 8):
        table[code], table[-code] = per_code(code), per_code(-code)
    return table


ZOBRIST = _signed_table(lambda code: rules._ZOBRIST[code])
ZOBRIST_BLACK = rules._ZOBRIST_BLACK_TO_MOVE
ROOK_RAYS = [tuple(tuple((t, sq | t << 7) for t in ray) for ray in rules._RAYS[sq]) for sq in range(90)]
KNIGHT_MOVES = [tuple((leg, t, sq | t << 7) for leg, (t, _) in rules._KNIGHT_MOVES[sq]) for sq in range(90)]
KNIGHT_ATTACKERS = rules._KNIGHT_ATTACKERS
BISHOP_MOVES = [[tuple((eye, t, sq | t << 7) for eye, (t, _) in rules._BISHOP_MOVES[color][sq]) for sq in range(90)]
                for color in (False, True)]
STEP_MOVES = {kind: [[tuple((t, sq | t << 7) for t, _ in table[color][sq]) for sq in range(90)]
                     for color in (False, True)]
              for kind, table in ((KING, rules._KING_MOVES), (ADVISOR, rules._ADVISOR_MOVES),
                                  (PAWN, rules._PAWN_MOVES))}
PHASE = _signed_table(lambda code: PHASE_WEIGHTS[abs(code)])


def _near_king_tables() -> tuple[list[list[bool]], list[list[bool]], list[list[bool]]]:
    """Per general's square: its rank and file; those plus its diagonal neighbours (the legs of
    horses aimed at it); those plus the points a horse attacks it from."""
    line, legs, checks = [], [], []
    for king in range(90):
        on_line = [sq % 9 == king % 9 or sq // 9 == king // 9 for sq in range(90)]
        near = list(on_line)
        for _, leg in KNIGHT_ATTACKERS[king]:
            near[leg] = True
        attack = list(near)
        for origin, _ in KNIGHT_ATTACKERS[king]:
            attack[origin] = True
        line.append(on_line)
        legs.append(near)
        checks.append(attack)
    return line, legs, checks


KING_LINE, KING_EXPOSED, KING_CHECKED = _near_king_tables()
"""A move can leave its own general attacked only if it starts on ``KING_EXPOSED[king]``, ends
on ``KING_LINE[king]`` (a new cannon screen) or moves the general; it can give check only if it
starts or ends on ``KING_CHECKED`` of the enemy general. ``SearchBoard.play`` tests only those."""


class SearchBoard:
    """A position for the search (module docstring). ``turn`` is RED (True) or BLACK.

    ``keys[i]`` is the key of the i-th position of the game and search path, ``checks[i]``
    whether its side to move was in check (the move into it gave check), ``reversible_from[i]``
    the first index a repetition of position i may be found at (after the last capture).
    """

    __slots__ = ("squares", "kings", "turn", "key", "mg", "eg", "phase", "keys", "checks", "reversible_from",
                 "_undo", "pieces")

    def __init__(self, board: Board) -> None:
        self.squares = list(board._board)
        self.kings = [board.king_square(False), board.king_square(True)]
        self.turn = board.turn
        self.pieces: list[set[int]] = [set() for _ in range(15)]
        """The squares of the pieces of each code (negative codes: black)."""
        mg = eg = phase = 0
        for sq, code in enumerate(self.squares):
            if code:
                self.pieces[code].add(sq)
                mg += TABLES.mg[code][sq]
                eg += TABLES.eg[code][sq]
                phase += PHASE[code]
        self.mg, self.eg, self.phase = mg, eg, phase
        history = board._hashes
        self.key = history[-1]
        self.keys = list(history)
        self.checks = [False] + list(board._checks)
        start = max(0, len(history) - 1 - board.halfmove_clock)
        self.reversible_from = [start] * len(history)
        self._undo: list[tuple[int, int, int, int, int]] = []  # (captured, key, mg, eg, phase)

    # --- attacks ----------------------------------------------------------------------

    def attacked(self, sq: int, by_red: bool) -> bool:
        """Whether pieces of that colour attack sq (a general's square: facing generals count)."""
        return is_attacked(self.squares, sq, by_red)

    def in_check(self) -> bool:
        king = self.kings[self.turn]
        return king is not None and self.attacked(king, not self.turn)

    def leaves_king_attacked(self) -> bool:
        """After ``make``: whether the side that just moved left its general attacked."""
        king = self.kings[not self.turn]
        return king is not None and self.attacked(king, self.turn)

    # --- moves ------------------------------------------------------------------------

    def moves(self, captures_only: bool = False) -> list[int]:
        """Pseudo-legal moves of the side to move (only captures with ``captures_only``)."""
        b = self.squares
        out: list[int] = []
        append = out.append
        red = self.turn
        sign = 1 if red else -1
        pieces = self.pieces
        code = ROOK * sign
        for origin in pieces[code]:
            for ray in ROOK_RAYS[origin]:
                for t, move in ray:
                    other = b[t]
                    if not other:
                        if not captures_only:
                            append(move)
                    else:
                        if other * code < 0:
                            append(move)
                        break
        code = CANNON * sign
        for origin in pieces[code]:
            for ray in ROOK_RAYS[origin]:
                screened = False
                for t, move in ray:
                    other = b[t]
                    if not screened:
                        if not other:
                            if not captures_only:
                                append(move)
                        else:
                            screened = True
                    elif other:
                        if other * code < 0:
                            append(move)
                        break
        for code, table in ((KNIGHT * sign, KNIGHT_MOVES), (BISHOP * sign, BISHOP_MOVES[red])):
            for origin in pieces[code]:
                for block, t, move in table[origin]:
                    if not b[block]:
                        other = b[t]
                        if other * code < 0 or (not other and not captures_only):
                            append(move)
        for kind in (PAWN, KING, ADVISOR):
            code, steps = kind * sign, STEP_MOVES[kind][red]
            for origin in pieces[code]:
                for t, move in steps[origin]:
                    other = b[t]
                    if other * code < 0 or (not other and not captures_only):
                        append(move)
        return out

    def play(self, move: int, in_check: bool) -> bool | None:
        """``make`` a pseudo-legal move: None if it leaves the mover's general attacked (and
        it is taken back), else whether it gives check (also stored in ``checks``)."""
        f, t = move & FROM_MASK, move >> 7
        kings = self.kings
        own, enemy = kings[self.turn], kings[not self.turn]
        self.make(move)
        if own is not None and (in_check or f == own or KING_EXPOSED[own][f] or KING_LINE[own][t]):
            if self.attacked(t if f == own else own, self.turn):  # where the mover's general now stands
                self.unmake(move)
                return None
        gives = enemy is not None and (KING_CHECKED[enemy][f] or KING_CHECKED[enemy][t]) and self.attacked(
            enemy, not self.turn)
        self.checks[-1] = gives
        return gives

    def legal_moves(self) -> list[int]:
        legal = []
        for move in self.moves():
            self.make(move)
            if not self.leaves_king_attacked():
                legal.append(move)
            self.unmake(move)
        return legal

    # --- make / unmake ----------------------------------------------------------------

    def make(self, move: int) -> None:
        f, t = move & FROM_MASK, move >> 7
        b = self.squares
        code, captured = b[f], b[t]
        self._undo.append((captured, self.key, self.mg, self.eg, self.phase))
        key = self.key ^ ZOBRIST[code][f] ^ ZOBRIST[code][t] ^ ZOBRIST_BLACK
        mg_table, eg_table = TABLES.mg[code], TABLES.eg[code]
        self.mg += mg_table[t] - mg_table[f]
        self.eg += eg_table[t] - eg_table[f]
        keys = self.keys
        if captured:
            key ^= ZOBRIST[captured][t]
            self.mg -= TABLES.mg[captured][t]
            self.eg -= TABLES.eg[captured][t]
            self.phase -= PHASE[captured]
            self.pieces[captured].remove(t)
            self.reversible_from.append(len(keys))
            if captured == KING or captured == -KING:
                self.kings[captured > 0] = None
        else:
            self.reversible_from.append(self.reversible_from[-1])
        b[t], b[f] = code, 0
        moved = self.pieces[code]
        moved.remove(f)
        moved.add(t)
        if code == KING or code == -KING:
            self.kings[code > 0] = t
        self.turn = not self.turn
        self.key = key
        keys.append(key)
        self.checks.append(False)  # the search sets it when it knows

    def unmake(self, move: int) -> None:
        f, t = move & FROM_MASK, move >> 7
        b = self.squares
        captured, self.key, self.mg, self.eg, self.phase = self._undo.pop()
        code = b[t]
        b[f], b[t] = code, captured
        moved = self.pieces[code]
        moved.remove(t)
        moved.add(f)
        if code == KING or code == -KING:
            self.kings[code > 0] = f
        if captured:
            self.pieces[captured].add(t)
            if captured == KING or captured == -KING:
                self.kings[captured > 0] = t
        self.turn = not self.turn
        self.keys.pop()
        self.checks.pop()
        self.reversible_from.pop()

    def make_null(self) -> None:
        """Pass (null-move pruning); a repetition cannot reach back across it."""
        self._undo.append((0, self.key, self.mg, self.eg, self.phase))
        self.turn = not self.turn
        self.key ^= ZOBRIST_BLACK
        self.keys.append(self.key)
        self.checks.append(False)
        self.reversible_from.append(len(self.keys) - 1)

    def unmake_null(self) -> None:
        _, self.key, self.mg, self.eg, self.phase = self._undo.pop()
        self.turn = not self.turn
        self.keys.pop()
        self.checks.pop()
        self.reversible_from.pop()

    def is_capture(self, move: int) -> bool:
        return self.squares[move >> 7] != 0


def perft(position: SearchBoard, depth: int) -> int:
    """Leaf count of the legal move tree, as ``board.perft`` counts it."""
    if depth <= 0:
        return 1
    total = 0
    for move in position.moves():
        position.make(move)
        if not position.leaves_king_attacked():
            total += perft(position, depth - 1) if depth > 1 else 1
        position.unmake(move)
    return total


__all__ = ["RED", "SearchBoard", "decode", "encode", "perft"]
