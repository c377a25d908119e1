"""Squares and moves, the vocabulary every other xiangqi module speaks.

Coordinates are ICCS: files a..i from red's left, ranks 0..9 from red's back rank, and
``square = rank * 9 + file``. Kept apart from ``engine.xiangqi.board`` (which re-exports all of
it) so that ``engine.xiangqi.notation`` can read and write moves without importing the board
whose notation methods call it.

    >>> Move.from_iccs("H2-E2"), square_name(square(7, 2))
    (Move.from_iccs('h2e2'), 'h2')
"""

from __future__ import annotations

from dataclasses import dataclass

FILE_NAMES = "abcdefghi"


class InvalidMoveError(ValueError):
    """Text that is not a move in any notation we read."""


class IllegalMoveError(ValueError):
    """A well-formed move that is not legal in the position."""


class AmbiguousMoveError(ValueError):
    """Notation that fits more than one legal move."""


def square(file: int, rank: int) -> int:
    return rank * 9 + file


def square_file(sq: int) -> int:
    return sq % 9


def square_rank(sq: int) -> int:
    return sq // 9


def square_name(sq: int) -> str:
    return FILE_NAMES[sq % 9] + str(sq // 9)


def parse_square(name: str) -> int:
    """``parse_square("h2") == 16``; raises InvalidMoveError on anything else."""
    if len(name) != 2 or name[0] not in FILE_NAMES or not name[1].isdigit():
        raise InvalidMoveError(f"not a square: {name!r} (expected a file a-i and a rank 0-9, like h2)")
    return square(FILE_NAMES.index(name[0]), int(name[1]))


@dataclass(frozen=True, slots=True)
class Move:
    """A move from one square to another: ``Move.from_iccs("h2e2")`` / ``move.iccs()``."""

    from_square: int
    to_square: int

    @classmethod
    def from_iccs(cls, text: str) -> Move:
        """Read ``h2e2`` (also ``H2-E2``, as ICCS game records write it)."""
        cleaned = text.strip().lower().replace("-", "")
        if len(cleaned) != 4:
            raise InvalidMoveError(f"not an ICCS move: {text!r} (expected like h2e2)")
        try:
            return cls(parse_square(cleaned[:2]), parse_square(cleaned[2:]))
        except InvalidMoveError:
            raise InvalidMoveError(f"not an ICCS move: {text!r} (expected like h2e2)") from None

    def iccs(self) -> str:
        return square_name(self.from_square) + square_name(self.to_square)

    def mirror(self) -> Move:
        """The same move reflected left-right (files a <-> i)."""
        return Move(_mirror_square(self.from_square), _mirror_square(self.to_square))

    def __str__(self) -> str:
        return self.iccs()

    def __repr__(self) -> str:
        return f"Move.from_iccs({self.iccs()!r})"


def _mirror_square(sq: int) -> int:
    return sq - sq % 9 + 8 - sq % 9
