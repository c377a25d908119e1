"""GPT + search: the xiangqi GPT's favourite moves looked ahead with alpha-beta.

    >>> player = SearchPlayer()                # the bundled GPT, at most ~0.3 s a move
    >>> Board().is_legal(player.choose_move(Board()))
    True

The GPT orders the root moves, most likely first, and its probability, times ``prior_weight``
pawns, is added to each root move's value: among moves the search finds equal, the GPT's choice
wins. The moves are searched by iterative-deepening negamax with alpha-beta (captures first, most
valuable victim first), a quiescence search on captures (all evasions when in check) and a
material evaluation (``PIECE_VALUES``, a pawn across the river counts double). A side with no
legal move loses; a repeated position scores as a draw.

With ``top_k`` the root is only the GPT's ``top_k`` most likely moves plus every capture and
check; if every one of them loses material, it widens to all legal moves and that depth is
searched again. With the bundled model this scored no better than the full root (the default),
so it waits for a stronger GPT (README of the model, "GPT + search").
"""

from __future__ import annotations

import math
import time

from engine.runtime.jobs import CancelToken
from engine.runtime.store import ModelStore
from engine.xiangqi.board import Board, Move, Piece, square_rank
from engine.xiangqi.gpt import GptPlayer
from engine.xiangqi.names import MODEL_NAME, SEARCH_LEVEL
from engine.xiangqi.players import PIECE_VALUES, Player

MATE = 10_000.0
MAX_PLY = 32
"""Deepest ply the quiescence search may reach (a chain of checks and captures ends there)."""
WIDEN_MARGIN = 1.0
"""Widen the root to all moves when the best GPT move scores this many pawns below the
static evaluation (it loses material)."""


class _OutOfTime(Exception):
    pass


def _value(piece: Piece, sq: int) -> float:
    """Material value of a piece on a square; a pawn across the river is worth two."""
    value = PIECE_VALUES[piece.kind]
    if piece.kind == "p" and (square_rank(sq) >= 5) == piece.color:
        value += 1.0
    return value


def _gain(board: Board, move: Move) -> float:
    """How much the move changes the mover's evaluation."""
    piece = board.piece_at(move.from_square)
    victim = board.piece_at(move.to_square)
    gain = _value(piece, move.to_square) - _value(piece, move.from_square)
    return gain + _value(victim, move.to_square) if victim else gain


def evaluate(board: Board) -> float:
    """Material balance from the side to move's point of view, in pawns."""
    return sum(_value(p, sq) if p.color == board.turn else -_value(p, sq) for sq, p in board.pieces())


def _order(board: Board, move: Move) -> float:
    """Sort key: captures first, most valuable victim then least valuable attacker."""
    victim = board.piece_at(move.to_square)
    if victim is None:
        return 0.0
    return -10 * PIECE_VALUES[victim.kind] + PIECE_VALUES[board.piece_at(move.from_square).kind] / 100


class _Search:
    """One move's search: the board it works on, its deadline and cancel token."""

    def __init__(self, board: Board, deadline: float, cancel: CancelToken | None) -> None:
        self.board, self.deadline, self.cancel = board, deadline, cancel

    def negamax(self, depth: int, alpha: float, beta: float, score: float, ply: int) -> float:
        """Value of the position for the side to move; ``score`` is its static evaluation.
        At depth 0 and below only captures are searched (all moves when in check)."""
        if time.perf_counter() > self.deadline:
            raise _OutOfTime
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        board = self.board
        if board.is_repetition(2):
            return 0.0
        moves = board.legal_moves()
        if not moves:
            return -MATE + ply
        if ply >= MAX_PLY:
            return score
        best = -math.inf
        if depth <= 0 and not board.is_check():  # quiescence: the side to move may stand pat
            if score >= beta:
                return score
            best, alpha = score, max(alpha, score)
            moves = [move for move in moves if board.is_capture(move)]
        for move in sorted(moves, key=lambda move: _order(board, move)):
            gain = _gain(board, move)
            board.push(move)
            value = -self.negamax(depth - 1, -beta, -alpha, -(score + gain), ply + 1)
            board.pop()
            if value > best:
                best = value
                if value > alpha:
                    alpha = value
                    if alpha >= beta:
                        break
        return best


class SearchPlayer:
    """A ``Player``: the GPT as the policy of a small alpha-beta search (module docstring).

    ``time_s`` bounds the search of one move, GPT forward pass included, except that the first
    iteration (depth 1) always finishes. A search stops early once half of it is spent (the next
    iteration would not finish), at ``max_depth`` plies, or on finding a mate.
    """

    def __init__(self, gpt: GptPlayer | None = None, top_k: int | None = None, time_s: float = 0.3,
                 max_depth: int = 8, prior_weight: float = 1.0) -> None:
        self.gpt = gpt or GptPlayer(MODEL_NAME)
        self.top_k, self.time_s, self.max_depth, self.prior_weight = top_k, time_s, max_depth, prior_weight
        self.name = "gpt-search" + ("-win" if self.gpt.play_for_win else "")
        self.last_depth = 0
        """Deepest iteration the last ``choose_move`` completed (0: none)."""

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        if cancel is not None:
            cancel.raise_if_cancelled()
        start = time.perf_counter()
        board = board.copy()  # the search pushes and pops, and may stop half-way
        candidates = self.gpt.candidates(board)
        moves = [candidate.move for candidate in candidates]
        prior = {candidate.move: self.prior_weight * candidate.probability for candidate in candidates}
        root = list(moves)
        if self.top_k is not None:
            root = moves[: self.top_k] + [
                move for move in moves[self.top_k :] if board.is_capture(move) or board.gives_check(move)
            ]
        best, self.last_depth = root[0], 0
        if len(moves) == 1:
            return best
        search = _Search(board, math.inf, cancel)  # depth 1 always finishes: no blunder for lack of time
        score = evaluate(board)
        depth = 1
        while depth <= self.max_depth:
            alpha, found = -math.inf, None
            try:
                for move in root:
                    gain = _gain(board, move)
                    board.push(move)
                    value = prior[move] - search.negamax(depth - 1, -math.inf, prior[move] - alpha,
                                                         -(score + gain), 1)
                    board.pop()
                    if value > alpha:
                        alpha, found = value, move
            except _OutOfTime:
                # root[0] (the last best) was searched first: a move that beat it is better
                return found or best
            best, self.last_depth = found, depth
            search.deadline = start + self.time_s
            if alpha < score - WIDEN_MARGIN and len(root) < len(moves):
                root += [move for move in moves if move not in root]
                continue  # every GPT move loses material: search all moves at this depth
            root.remove(best)
            root.insert(0, best)
            if abs(alpha) > MATE / 2 or time.perf_counter() - start > self.time_s / 2:
                break
            depth += 1
        return best

    def close(self) -> None:
        self.gpt.close()


def make_player(level: str = "strongest", model: str = MODEL_NAME, play_for_win: bool = False,
                seed: int | None = None, store: ModelStore | None = None, device: str = "cpu") -> Player:
    """A GPT player by level name: ``SEARCH_LEVEL`` ("search") or one of ``gpt.LEVELS``.

    Pass the app's ``store`` so its model folders are searched and the GPT is loaded once.
    """
    if level == SEARCH_LEVEL:
        return SearchPlayer(GptPlayer(model, play_for_win=play_for_win, seed=seed, store=store, device=device))
    return GptPlayer(model, level=level, play_for_win=play_for_win, seed=seed, store=store, device=device)
