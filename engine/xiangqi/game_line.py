"""The game on screen: its start position, the moves played, the moves taken back, and the
ply being looked at. Plain Python (no Qt): the tab keeps one, and tests and scripts can too.

    line = GameLine()
    line.play(Move.from_iccs("h2e2")); line.undo(); line.redo()
"""

from __future__ import annotations

from engine.xiangqi import STARTING_FEN, Board, Move

NOTATIONS = ("chinese", "iccs", "wxf")


def written_move(board: Board, move: Move, style: str) -> str:
    """``move`` in ``board`` written as ``chinese`` (炮二平五), ``iccs`` (h2e2) or ``wxf`` (C2.5).

        >>> written_move(Board(), Move.from_iccs("h2e2"), "wxf")
        'C2.5'
    """
    return move.iccs() if style == "iccs" else getattr(board, style)(move)


class GameLine:
    def __init__(self, start: Board | str = STARTING_FEN) -> None:
        self.start = Board(start) if isinstance(start, str) else Board(start.fen())
        self.board = self.start.copy()  # the live position, with its history for repetition rules
        self.undone: list[Move] = []  # moves taken back, the latest last (for redo)
        self.view_ply = 0  # the position shown: after this many moves
        self.headers: dict[str, str] = {}  # a loaded record's headers (players, event), kept on save
        self._notation: dict[str, list[str]] = {}

    @property
    def moves(self) -> list[Move]:
        return self.board.move_stack

    @property
    def ply(self) -> int:
        return len(self.board.move_stack)

    @property
    def viewing_live(self) -> bool:
        return self.view_ply == self.ply

    def play(self, move: Move) -> None:
        """Play a legal move on the live position; a new move forgets what was taken back."""
        if not self.board.is_legal(move):
            raise ValueError(f"illegal move {move.iccs()} in {self.board.fen()}")
        self.board.push(move)
        if self.undone and self.undone[-1] == move:
            self.undone.pop()
        else:
            self.undone.clear()
        self._changed()

    def undo(self) -> Move | None:
        if not self.board.move_stack:
            return None
        move = self.board.pop()
        self.undone.append(move)
        self._changed()
        return move

    def redo(self) -> Move | None:
        if not self.undone:
            return None
        move = self.undone[-1]
        self.play(move)
        return move

    def _changed(self) -> None:
        self._notation.clear()
        self.view_ply = self.ply

    def board_at(self, ply: int) -> Board:
        """The position after ``ply`` moves (a copy the caller may keep)."""
        if ply == self.ply:
            return self.board.copy()
        board = self.start.copy()
        for move in self.moves[:ply]:
            board.push(move)
        return board

    def notation(self, style: str) -> list[str]:
        """Every move written as ``chinese`` (炮二平五), ``iccs`` (h2e2) or ``wxf`` (C2.5)."""
        if style not in self._notation:
            board, written = self.start.copy(), []
            for move in self.moves:
                written.append(written_move(board, move, style))
                board.push(move)
            self._notation[style] = written
        return self._notation[style]
