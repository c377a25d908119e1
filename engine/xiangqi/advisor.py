"""The bundled GPT as an adviser at the board: its likeliest moves (the tab's hints and the
opening explorer) and its outcome belief (the self-test's).

    advisor = GptAdvisor(ModelStore(), lambda: "cpu")
    [c.move.iccs() for c in advisor.hint(Board())]  # e.g. ['h2e2', 'b2e2', 'h0g2']

The model loads on first use, so a tab can hold one from the start and load it in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from engine.runtime.store import ModelStore
from engine.xiangqi.board import Board
from engine.xiangqi.names import MODEL_NAME
from engine.xiangqi.opponents import gpt_available

if TYPE_CHECKING:  # the GPT module pulls in torch and transformers: only the worker needs it
    import torch

    from engine.xiangqi.gpt import Candidate, GptPlayer, OutcomeBelief

HINT_MOVES = 3


class GptAdvisor:
    """The bundled GPT for the tab's hints and evaluation; the model loads on first use, on
    ``device()`` (asked then, in the worker: choosing the device imports torch)."""

    def __init__(self, store: ModelStore, device: Callable[[], torch.device | str]) -> None:
        self.store, self.device = store, device
        self._player: GptPlayer | None = None
        self._lock = threading.Lock()  # a hint and an evaluation may start together

    @staticmethod
    def available(store: ModelStore) -> bool:
        return gpt_available(store)

    def player(self) -> GptPlayer:
        with self._lock:
            if self._player is None:
                from engine.xiangqi.gpt import GptPlayer

                self._player = GptPlayer(MODEL_NAME, store=self.store, device=self.device())
            return self._player

    def hint(self, board: Board, n: int = HINT_MOVES) -> list[Candidate]:
        """The model's ``n`` likeliest legal moves in ``board``, best first."""
        return self.player().candidates(board, limit=n)

    def curve(self, board: Board) -> list[OutcomeBelief]:
        """The outcome belief after every ply of ``board``'s game, ply 0 first (the self-test's)."""
        return self.player().outcome_curve(board)
