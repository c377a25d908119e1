"""Who can sit across the board: a list of opponents, each a factory of engine players.

Adding a kind of opponent is one entry in ``available_opponents`` (the GPT's levels go there).
The player itself is made on first use, in the worker (``ComputerSeat``), because an engine
process can take a moment to start and the board must stay responsive meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from engine.runtime.jobs import CancelToken
from engine.runtime.store import ModelError, ModelStore
from engine.xiangqi import Board, Move
from engine.xiangqi.names import MODEL_NAME, SEARCH_LEVEL
from engine.xiangqi.players import LADDER, GreedyPlayer, Player, RandomPlayer, UciEnginePlayer, find_fairy_stockfish


@dataclass(frozen=True)
class Opponent:
    key: str  # remembered in settings
    label: str
    make: Callable[[], Player] | None = None  # None: a person plays both sides at this board

    @property
    def is_computer(self) -> bool:
        return self.make is not None


def _engine_levels(path: str, key: str, name: str) -> list[Opponent]:
    return [
        Opponent(f"{key}:{level}", QCoreApplication.translate("XiangqiOpponents", "%1 level %2").replace("%1", name).replace("%2", level[1:]),
                 lambda level=level: UciEnginePlayer(path, LADDER[level], name=f"{name} {level}"))
        for level in LADDER
    ]


def _gpt_levels(store: ModelStore, device: Callable[[], object]) -> list[Opponent]:
    """The GPT at each level, when its model is found; it loads in the worker on first move."""
    try:
        store.resolve(MODEL_NAME)
    except ModelError:
        return []
    names = {  # GPT + search first: over 100 games it beat Fairy-Stockfish L2 0.95 to the plain GPT's 0.0 (model card)
        SEARCH_LEVEL: QCoreApplication.translate("XiangqiOpponents", "GPT + search, strongest"),
        "strongest": QCoreApplication.translate("XiangqiOpponents", "GPT alone, strongest"),
        "strong": QCoreApplication.translate("XiangqiOpponents", "GPT, strong"),
        "medium": QCoreApplication.translate("XiangqiOpponents", "GPT, medium"),
        "easy": QCoreApplication.translate("XiangqiOpponents", "GPT, easy"),
    }

    def gpt_player(level: str) -> Player:
        from engine.xiangqi.search import make_player  # torch and transformers: in the worker

        return make_player(level, store=store, device=device())

    return [Opponent(f"gpt:{level}", label, lambda level=level: gpt_player(level)) for level, label in names.items()]


def available_opponents(uci_path: str = "", store: ModelStore | None = None,
                        device: Callable[[], object] = lambda: "cpu") -> list[Opponent]:
    """Human, the GPT, the simple computer players, and every level of each UCI engine found.

    ``store`` is the app's (its model folders, one copy of the GPT shared with the hints);
    ``device()`` is asked when a GPT player is made, in the worker (choosing it imports torch).
    """
    opponents = [
        Opponent("human", QCoreApplication.translate("XiangqiOpponents", "Human (both sides here)")),
        *_gpt_levels(store or ModelStore(), device),
        Opponent("random", QCoreApplication.translate("XiangqiOpponents", "Random mover"), RandomPlayer),
        Opponent("greedy", QCoreApplication.translate("XiangqiOpponents", "Greedy capturer"), GreedyPlayer),
    ]
    fairy = find_fairy_stockfish()
    if fairy:
        opponents += _engine_levels(fairy, "fairy-stockfish", "Fairy-Stockfish")
    if uci_path and Path(uci_path).is_file() and uci_path != fairy:
        opponents += _engine_levels(uci_path, "uci-custom", Path(uci_path).stem)
    return opponents


class ComputerSeat:
    """The computer's side of the board: its opponent and, once it has thought, its player.

    Only one job at a time may use a seat (the tab waits for a cancelled job to end).
    """

    def __init__(self, opponent: Opponent) -> None:
        self.opponent = opponent
        self.player: Player | None = None

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        if self.player is None:
            self.player = self.opponent.make()
        return self.player.choose_move(board, cancel=cancel)

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
            self.player = None
