"""Who can sit across the board: a list of opponents, each a factory of engine players.

Adding a kind of opponent is one entry in ``available_opponents``. The ladder, strongest first:
the engine at the tab's time a move with the GPT at its root, the engine cut to 4 and 2 plies,
the GPT alone at its four temperatures, the greedy and random movers; then Fairy-Stockfish.
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
from engine.xiangqi.names import DEFAULT_MOVE_TIME, MODEL_NAME, RATINGS, SEARCH_DEPTHS, SEARCH_LEVEL
from engine.xiangqi.players import LADDER, GreedyPlayer, Player, RandomPlayer, UciEnginePlayer, find_fairy_stockfish


@dataclass(frozen=True)
class Opponent:
    key: str  # remembered in settings
    label: str
    make: Callable[[], Player] | None = None  # None: a person plays both sides at this board
    timed: bool = False  # it thinks for the tab's time a move
    model: str = ""  # the model it runs, named in the status bar ("" for none)

    @property
    def is_computer(self) -> bool:
        return self.make is not None


def _engine_levels(path: str, key: str, name: str) -> list[Opponent]:
    return [
        Opponent(f"{key}:{level}", QCoreApplication.translate("XiangqiOpponents", "%1 level %2").replace("%1", name).replace("%2", level[1:]),
                 lambda level=level: UciEnginePlayer(path, LADDER[level], name=f"{name} {level}"))
        for level in LADDER
    ]


DEFAULT_OPPONENT = f"engine:{next(iter(SEARCH_DEPTHS))}"
"""The first opponent a new user meets: the engine at its shallowest depth (it takes what is
left hanging, but a club player beats it), not the random mover."""


def _with_rating(label: str, level: str) -> str:
    rating = RATINGS.get(level)
    if rating is None:
        return QCoreApplication.translate("XiangqiOpponents", "%1 (unrated)").replace("%1", label)
    return QCoreApplication.translate("XiangqiOpponents", "%1 (Elo ~%2)").replace("%1", label).replace("%2", str(rating))


def _computer_levels(store: ModelStore, device: Callable[[], object],
                     move_time: Callable[[], float]) -> list[Opponent]:
    """The engine's levels and, when its model is found, the GPT's; the GPT loads in the worker."""
    try:
        store.resolve(MODEL_NAME)
        have_gpt = True
    except ModelError:
        have_gpt = False

    def player(level: str) -> Player:
        from engine.xiangqi.search import make_player  # the GPT: torch and transformers, in the worker

        if level == SEARCH_LEVEL and not have_gpt:
            from engine.xiangqi.search import EnginePlayer

            return EnginePlayer(move_time)
        return make_player(level, store=store, device=device(), time_s=move_time)

    translate = QCoreApplication.translate
    engine = {
        SEARCH_LEVEL: translate("XiangqiOpponents", "Engine, strongest"),
        "search-4": translate("XiangqiOpponents", "Engine, 4 plies"),
        "search-2": translate("XiangqiOpponents", "Engine, 2 plies"),
    }
    gpt = {
        "strongest": translate("XiangqiOpponents", "GPT alone, strongest"),
        "strong": translate("XiangqiOpponents", "GPT, strong"),
        "medium": translate("XiangqiOpponents", "GPT, medium"),
        "easy": translate("XiangqiOpponents", "GPT, easy"),
    } if have_gpt else {}
    return ([Opponent(f"engine:{level}", _with_rating(label, level), lambda level=level: player(level), timed=True,
                      model=MODEL_NAME if level == SEARCH_LEVEL and have_gpt else "")
             for level, label in engine.items()]
            + [Opponent(f"gpt:{level}", _with_rating(label, level), lambda level=level: player(level), model=MODEL_NAME)
               for level, label in gpt.items()])


def available_opponents(uci_path: str = "", store: ModelStore | None = None,
                        device: Callable[[], object] = lambda: "cpu",
                        move_time: Callable[[], float] = lambda: DEFAULT_MOVE_TIME) -> list[Opponent]:
    """Human, the engine and GPT levels, the simple computer players, and every level of each
    UCI engine found.

    ``store`` is the app's (its model folders, one copy of the GPT shared with the hints);
    ``device()`` is asked when a GPT player is made, in the worker (choosing it imports torch);
    ``move_time()`` every move of an engine level (the tab's setting).
    """
    opponents = [
        Opponent("human", QCoreApplication.translate("XiangqiOpponents", "Human (both sides here)")),
        *_computer_levels(store or ModelStore(), device, move_time),
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
