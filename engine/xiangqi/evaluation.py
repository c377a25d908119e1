"""The search's evaluation: material and piece-square tables per game phase, in centipawns.

    >>> from engine.xiangqi.board import Board
    >>> from engine.xiangqi.search_board import SearchBoard
    >>> evaluate(SearchBoard(Board()))
    0

Every term is a value per (piece, square, phase): material is folded into the tables, so
``SearchBoard.make`` keeps the score up to date with four lookups. The middlegame and endgame
sums are blended by the phase (chariots, horses and cannons left). The tables are read from
``evaluation_weights.json`` beside this module, written by ``engine.xiangqi.tune`` (Texel
tuning on master games, see there); without it, ``default_weights`` (hand-set) apply.
Squares are red's view (rank 0 is red's back rank); black's tables are the mirror images.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from engine.xiangqi.board import _KNIGHT_MOVES, _RAYS

if TYPE_CHECKING:  # the search board imports this module for its tables; a runtime import would be a circle
    from engine.xiangqi.search_board import SearchBoard

KINDS = "kabnrcp"
WEIGHTS_FILE = Path(__file__).with_name("evaluation_weights.json")
PHASE_WEIGHTS = {1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 1, 7: 0}
"""Phase per piece code (horse 1, chariot 2, cannon 1): 16 at the start, 0 with none left."""
PHASE_MAX = 16
MATERIAL = {"k": 0, "a": 200, "b": 200, "n": 400, "r": 900, "c": 450, "p": 100}
"""Hand-set starting values (common teaching values: chariot 9, cannon 4.5, horse 4 pawns)."""


def _hand_square_bonus(kind: str, sq: int, endgame: bool) -> int:
    """A small hand-set piece-square bonus, the starting point of the tuning."""
    file, rank = sq % 9, sq // 9
    central = 4 - abs(file - 4)
    if kind == "p":
        if rank <= 4:
            return 0
        return 40 + 10 * central - (20 if rank == 9 else 0) + (30 if endgame else 0)
    if kind == "n":
        return 5 * central + (8 * min(rank, 6) if not endgame else 3 * central)
    if kind == "c":
        return 0 if endgame else (25 if file == 4 and rank <= 2 else 3 * central)
    if kind == "r":
        return 3 * central + 4 * min(rank, 6)
    if kind == "k":
        return -15 * (sq // 9) - 10 * abs(file - 4)
    return 0


def default_weights() -> dict[str, dict[str, list[int]]]:
    """Hand-set tables: ``{"mg"|"eg": {kind: 90 values}}`` including material."""
    return {phase: {kind: [MATERIAL[kind] + _hand_square_bonus(kind, sq, phase == "eg") for sq in range(90)]
                    for kind in KINDS}
            for phase in ("mg", "eg")}


def _mirror_rank(sq: int) -> int:
    return (9 - sq // 9) * 9 + sq % 9


@dataclass(frozen=True)
class Tables:
    """``mg[code][sq]`` / ``eg[code][sq]``: signed values (red positive), code negative for black."""

    mg: list[list[int]]
    eg: list[list[int]]
    terms_mg: tuple[float, ...] = ()
    terms_eg: tuple[float, ...] = ()
    """Weights of ``TERMS`` per phase (empty: the terms are not computed)."""

    @classmethod
    def from_weights(cls, weights: dict[str, dict[str, list[int]]]) -> Tables:
        signed = {}
        for phase in ("mg", "eg"):
            # Slot 0 (an empty point) stays None: no piece has code 0, so it is never read.
            table = cast("list[list[int]]", [None] * 15)
            for index, kind in enumerate(KINDS):
                values = weights[phase][kind]
                table[index + 1] = [int(v) for v in values]
                table[-index - 1] = [-int(values[_mirror_rank(sq)]) for sq in range(90)]
            signed[phase] = table
        extra = weights.get("terms")
        if extra is None:
            return cls(signed["mg"], signed["eg"])
        return cls(signed["mg"], signed["eg"], tuple(extra["mg"]), tuple(extra["eg"]))


def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, dict[str, list[int]]]:
    if path.is_file():
        weights: dict[str, dict[str, list[int]]] = json.loads(path.read_text(encoding="utf-8"))
        return weights
    return default_weights()


TABLES = Tables.from_weights(load_weights())


TERMS = ("king_safety", "horse_mobility", "chariot_mobility")
"""Terms beyond the tables, each a count (red's minus black's) times a weight per phase."""


def terms(squares: list[int], pieces: Sequence[Collection[int]]) -> tuple[int, int, int]:
    """The ``TERMS`` counts of a position, red's view; ``pieces[code]``: the squares of that
    piece (negative codes: black's).

    King safety: missing advisors and elephants (of 4) times the enemy's attackers (chariot 2,
    horse and cannon 1 each), black's minus red's. Mobility: squares a horse (leg free) or a
    chariot can move to, not counting own pieces."""
    red_attack = 2 * len(pieces[5]) + len(pieces[4]) + len(pieces[6])
    black_attack = 2 * len(pieces[-5]) + len(pieces[-4]) + len(pieces[-6])
    red_missing = 4 - len(pieces[2]) - len(pieces[3])
    black_missing = 4 - len(pieces[-2]) - len(pieces[-3])
    safety = black_missing * red_attack - red_missing * black_attack
    mobility = [0, 0]
    for code, sign in ((4, 1), (-4, -1)):
        count = 0
        for origin in pieces[code]:
            for leg, (target, _) in _KNIGHT_MOVES[origin]:
                if not squares[leg] and squares[target] * code <= 0:
                    count += 1
        mobility[0] += sign * count
    for code, sign in ((5, 1), (-5, -1)):
        count = 0
        for origin in pieces[code]:
            for ray in _RAYS[origin]:
                for target in ray:
                    other = squares[target]
                    if other:
                        if other * code < 0:
                            count += 1
                        break
                    count += 1
        mobility[1] += sign * count
    return safety, mobility[0], mobility[1]


LAZY_MARGIN = 150
"""``evaluate`` with a window skips the ``TERMS`` when the tables alone are this far outside it."""


def evaluate(position: SearchBoard, alpha: int | None = None, beta: int | None = None) -> int:
    """Score of a ``SearchBoard`` in centipawns for its side to move. Given a window
    (``alpha``, ``beta``) it may return the tables' score alone when that is more than
    ``LAZY_MARGIN`` outside it (lazy evaluation: the terms would not bring it back in)."""
    phase = min(position.phase, PHASE_MAX)
    mg: float = position.mg  # the terms' weights are floats
    eg: float = position.eg
    if TABLES.terms_mg:
        if alpha is not None and beta is not None:
            lazy = int((mg * phase + eg * (PHASE_MAX - phase)) / PHASE_MAX)
            if not position.turn:
                lazy = -lazy
            if lazy - LAZY_MARGIN >= beta or lazy + LAZY_MARGIN <= alpha:
                return lazy
        safety, horse, chariot = terms(position.squares, position.pieces)
        w_mg, w_eg = TABLES.terms_mg, TABLES.terms_eg
        mg += w_mg[0] * safety + w_mg[1] * horse + w_mg[2] * chariot
        eg += w_eg[0] * safety + w_eg[1] * horse + w_eg[2] * chariot
    score = int((mg * phase + eg * (PHASE_MAX - phase)) / PHASE_MAX)  # symmetric rounding
    return score if position.turn else -score
