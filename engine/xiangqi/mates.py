"""An exact mate prover: does the side to move force a win within N of its moves?

Full width on both sides (no pruning, no reductions, unlike the playing engine in
``engine_search``): a solver move wins within k when the defender then has no legal move
(xiangqi: checkmate and 困毙 both lose) or, for k > 1, every reply leaves a win within k - 1.
Proven results are kept by (position key, k). Repetitions cannot arise within the few plies a
puzzle is searched, so the repetition rules are not needed here.

    >>> from engine.xiangqi import Board
    >>> prover = MateProver()
    >>> board = Board("3k5/9/9/9/9/9/9/9/R8/R3K4 w - - 0 1")
    >>> [m.iccs() for m in prover.winning_moves(board, 1)]  # a1a8 leaves black no move at all: 困毙
    ['a0d0', 'a1a8', 'a1d1']
"""

from __future__ import annotations

from engine.runtime.jobs import CancelToken
from engine.xiangqi.board import Board, Move
from engine.xiangqi.search_board import SearchBoard, encode

CHECK_EVERY = 4095


class MateProver:
    """Answers "mate within k?" questions on positions; keeps what it has proven."""

    def __init__(self, cancel: CancelToken | None = None, max_nodes: int | None = None) -> None:
        self.cancel, self.max_nodes = cancel, max_nodes
        self.nodes = 0
        self._proven: dict[tuple[int, int], bool] = {}

    def _tick(self) -> None:
        self.nodes += 1
        if not self.nodes & CHECK_EVERY:
            if self.cancel is not None:
                self.cancel.raise_if_cancelled()
            if self.max_nodes is not None and self.nodes > self.max_nodes:
                raise TooHardError(f"more than {self.max_nodes} nodes")

    def _mates(self, p: SearchBoard, k: int) -> bool:
        """The side to move of ``p`` wins within ``k`` of its moves."""
        entry = (p.key, k)
        known = self._proven.get(entry)
        if known is not None:
            return known
        self._tick()
        in_check = p.in_check()
        won = False
        for move in p.moves():
            gives = p.play(move, in_check)
            if gives is None:
                continue
            won = self._defender_lost(p, k - 1, gives)
            p.unmake(move)
            if won:
                break
        self._proven[entry] = won
        return won

    def _defender_lost(self, p: SearchBoard, k: int, in_check: bool) -> bool:
        """The side to move of ``p`` (the defender) has no legal move, or (k > 0) every legal
        move leaves the solver a win within ``k``."""
        for move in p.moves():
            if p.play(move, in_check) is None:
                continue
            if k == 0:
                p.unmake(move)
                return False
            held = not self._mates(p, k)
            p.unmake(move)
            if held:
                return False
        return True  # no legal move, or every one of them lost

    # -- on Boards ---------------------------------------------------------------------------
    def wins_after(self, board: Board, move: Move, k: int) -> bool:
        """Whether ``move`` (legal in ``board``) forces a win within ``k`` moves, itself the first."""
        p = SearchBoard(board)
        gives = p.play(encode(move), p.in_check())
        if gives is None:
            return False
        try:
            return self._defender_lost(p, k - 1, gives)
        finally:
            p.unmake(encode(move))

    def winning_moves(self, board: Board, k: int, stop_at: int | None = None) -> list[Move]:
        """The first moves that force a win within ``k`` (at most ``stop_at`` of them)."""
        found = []
        for move in board.legal_moves():
            if self.wins_after(board, move, k):
                found.append(move)
                if stop_at is not None and len(found) >= stop_at:
                    break
        return found

    def mate_distance(self, board: Board, max_k: int) -> int | None:
        """The fewest moves within which the side to move of ``board`` forces a win (None: not within ``max_k``)."""
        p = SearchBoard(board)
        return next((k for k in range(1, max_k + 1) if self._mates(p, k)), None)

    def best_defence(self, board: Board, max_k: int) -> Move | None:
        """The defender's reply (``board``'s side to move) that holds out longest against a
        win within ``max_k`` (a reply that escapes altogether first); None when it has no move."""
        best, longest = None, 0
        for move in board.legal_moves():
            board.push(move)
            distance = self.mate_distance(board, max_k)
            board.pop()
            if distance is None:
                return move
            if distance > longest:
                best, longest = move, distance
        return best


class TooHardError(RuntimeError):
    """The proof needed more nodes than allowed (the puzzle is left out)."""

