"""The computer's engine levels: ``engine_search.analyse`` as a ``Player``, the GPT at its root.

    >>> player = EnginePlayer(time_s=0.2)           # no GPT: the search alone
    >>> Board().is_legal(player.choose_move(Board()))
    True

With a GPT, its probability of each root move, times ``prior_cp`` centipawns, is added to that
move's score: the GPT's favourite is searched first and wins among moves the search finds
within a few centipawns of each other, so the engine opens like the masters it learned from.
The transposition table is kept from move to move. ``make_player`` maps a level name
(``names``) to a player: the GPT alone at a temperature, the engine cut to a depth, or the
full engine with the GPT.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from engine.runtime.jobs import CancelToken
from engine.runtime.store import ModelStore
from engine.xiangqi.board import Board, IllegalMoveError, Move
from engine.xiangqi.engine_search import Analysis, TranspositionTable, analyse
from engine.xiangqi.names import DEFAULT_MOVE_TIME, MODEL_NAME, SEARCH_DEPTHS, SEARCH_LEVEL
from engine.xiangqi.players import Player

if TYPE_CHECKING:  # the GPT module pulls in torch and transformers: only a level with the GPT needs it
    import torch

    from engine.xiangqi.gpt import GptPlayer

PRIOR_CP = 30
"""The GPT's whole belief in a root move is worth this many centipawns (a near-tie breaker)."""


class EnginePlayer:
    """A ``Player``: the search for ``time_s`` seconds a move (a float, or a callable asked
    every move: the tab's setting), at most ``depth`` plies; ``gpt`` (optional) at the root."""

    def __init__(self, time_s: float | Callable[[], float] = DEFAULT_MOVE_TIME, depth: int | None = None,
                 gpt: GptPlayer | None = None, prior_cp: int = PRIOR_CP, name: str = "engine") -> None:
        self.time_s, self.depth, self.gpt, self.prior_cp, self.name = time_s, depth, gpt, prior_cp, name
        self.table = TranspositionTable()
        self.last: Analysis | None = None
        """The analysis behind the last move."""

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        start = time.perf_counter()
        moves = board.legal_moves()
        if len(moves) == 1:  # nothing to think about
            self.last = analyse(board, depth=1, cancel=cancel, tt=self.table)
            return moves[0]
        budget = self.time_s() if callable(self.time_s) else self.time_s
        bonus = None
        if self.gpt is not None:
            bonus = {candidate.move: round(self.prior_cp * candidate.probability)
                     for candidate in self.gpt.candidates(board)}
        left = max(0.05, budget - (time.perf_counter() - start))
        self.last = analyse(board, time_s=left, depth=self.depth, cancel=cancel, tt=self.table, root_bonus=bonus)
        if self.last.best is None:
            raise IllegalMoveError(f"no legal move in {board.fen()}: the game is over")
        return self.last.best

    def close(self) -> None:
        if self.gpt is not None:
            self.gpt.close()


def make_player(level: str = "strongest", model: str = MODEL_NAME, play_for_win: bool = False,
                seed: int | None = None, store: ModelStore | None = None, device: torch.device | str = "cpu",
                time_s: float | Callable[[], float] = DEFAULT_MOVE_TIME) -> Player:
    """A computer player by level name (``names``): ``SEARCH_LEVEL``, a ``SEARCH_DEPTHS`` key or a
    GPT level. Pass the app's ``store`` so its model folders are searched and the GPT loads once."""
    if level in SEARCH_DEPTHS:
        return EnginePlayer(time_s, depth=SEARCH_DEPTHS[level], name=f"engine-{level}")
    from engine.xiangqi.gpt import GptPlayer  # torch and transformers

    gpt = GptPlayer(model, level="strongest" if level == SEARCH_LEVEL else level, play_for_win=play_for_win,
                    seed=seed, store=store, device=device)
    if level == SEARCH_LEVEL:
        return EnginePlayer(time_s, gpt=gpt, name="engine+gpt")
    return gpt
