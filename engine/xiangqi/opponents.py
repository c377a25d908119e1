"""Who can sit across the board: a list of opponents, each a factory of players.

Adding a kind of opponent is one entry in ``available_opponents``. The ladder, strongest first:
the engine at the tab's time a move with the GPT at its root, the engine cut to 4 and 2 plies,
the GPT alone at its four temperatures, the greedy and random movers; then every level of
Fairy-Stockfish and of an engine the person added. An opponent's key says what it is
(``engine:search-2``, ``gpt:easy``, ``fairy-stockfish:L3``, ``uci-custom:L0``); the UI words
its label from that. The player itself is made on first use, in the worker (``ComputerSeat``),
because an engine process can take a moment to start and the board must stay responsive.

    >>> [o.key for o in available_opponents(store=None)][:2]
    ['human', 'engine:search']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from engine.runtime.jobs import CancelToken
from engine.runtime.store import ModelError, ModelStore
from engine.xiangqi.board import Board, Move
from engine.xiangqi.names import DEFAULT_MOVE_TIME, MODEL_NAME, SEARCH_DEPTHS, SEARCH_LEVEL
from engine.xiangqi.players import LADDER, GreedyPlayer, Player, RandomPlayer, UciEnginePlayer, find_fairy_stockfish

if TYPE_CHECKING:  # choosing a device imports torch: only the worker that loads the GPT does
    import torch

CUSTOM_ENGINE = "uci-custom"
"""The key prefix of the levels of an engine the person chose."""
HANDSHAKE_TIMEOUT_S = 5.0
"""How long a chosen engine has to answer ``uci`` with ``uciok`` before it is refused."""
GPT_LEVELS = ("strongest", "strong", "medium", "easy")
ENGINE_LEVELS = (SEARCH_LEVEL, *sorted(SEARCH_DEPTHS, key=SEARCH_DEPTHS.__getitem__, reverse=True))
"""Strongest first: the full engine, then the deepest cut."""


@dataclass(frozen=True)
class Opponent:
    key: str  # remembered in settings; says what it is (see the module's docstring)
    make: Callable[[], Player] | None = None  # None: a person plays both sides at this board
    timed: bool = False  # it thinks for the tab's time a move
    model: str = ""  # the model it runs, named in the status bar ("" for none)
    engine_name: str = ""  # a UCI engine's name (Fairy-Stockfish, or the file's stem)

    @property
    def is_computer(self) -> bool:
        return self.make is not None

    @property
    def kind(self) -> str:
        """``human``, ``engine``, ``gpt``, ``random``, ``greedy``, ``fairy-stockfish`` or ``uci-custom``."""
        return self.key.partition(":")[0]

    @property
    def level(self) -> str:
        """The part after the kind: ``search-2``, ``easy``, ``L3``; "" for the others."""
        return self.key.partition(":")[2]


DEFAULT_OPPONENT = f"engine:{next(iter(SEARCH_DEPTHS))}"
"""The first opponent a new user meets: the engine at its shallowest depth (it takes what is
left hanging, but a club player beats it), not the random mover."""


def _engine_levels(path: str, key: str, name: str) -> list[Opponent]:
    return [Opponent(f"{key}:{level}", partial(UciEnginePlayer, path, LADDER[level], name=f"{name} {level}"),
                     engine_name=name)
            for level in LADDER]


def gpt_available(store: ModelStore) -> bool:
    """Whether ``store`` finds the bundled GPT (its folder, not loaded)."""
    try:
        store.resolve(MODEL_NAME)
    except ModelError:
        return False
    return True


def _computer_levels(store: ModelStore, device: Callable[[], torch.device | str],
                     move_time: Callable[[], float]) -> list[Opponent]:
    """The engine's levels and, when its model is found, the GPT's; the GPT loads in the worker."""
    have_gpt = gpt_available(store)

    def player(level: str) -> Player:
        from engine.xiangqi.levels import EnginePlayer, make_player  # the GPT: torch and transformers

        if level == SEARCH_LEVEL and not have_gpt:
            return EnginePlayer(move_time)
        return make_player(level, store=store, device=device(), time_s=move_time)

    return ([Opponent(f"engine:{level}", partial(player, level), timed=True,
                      model=MODEL_NAME if level == SEARCH_LEVEL and have_gpt else "")
             for level in ENGINE_LEVELS]
            + [Opponent(f"gpt:{level}", partial(player, level), model=MODEL_NAME)
               for level in (GPT_LEVELS if have_gpt else ())])


def available_opponents(uci_path: str = "", store: ModelStore | None = None,
                        device: Callable[[], torch.device | str] = lambda: "cpu",
                        move_time: Callable[[], float] = lambda: DEFAULT_MOVE_TIME) -> list[Opponent]:
    """Human, the engine and GPT levels, the simple computer players, and every level of each
    UCI engine found (``uci_path``: the one the person added, checked by ``check_uci_engine``).

    ``store`` is the app's (its model folders, one copy of the GPT shared with the hints);
    ``device()`` is asked when a GPT player is made, in the worker (choosing it imports torch);
    ``move_time()`` every move of an engine level (the tab's setting).
    """
    opponents = [
        Opponent("human"),
        *_computer_levels(store or ModelStore(), device, move_time),
        Opponent("random", RandomPlayer),
        Opponent("greedy", GreedyPlayer),
    ]
    fairy = find_fairy_stockfish()
    if fairy:
        opponents += _engine_levels(fairy, "fairy-stockfish", "Fairy-Stockfish")
    if uci_path and Path(uci_path).is_file() and uci_path != fairy:
        opponents += _engine_levels(uci_path, CUSTOM_ENGINE, Path(uci_path).stem)
    return opponents


def check_uci_engine(path: str, timeout_s: float = HANDSHAKE_TIMEOUT_S) -> None:
    """Start ``path`` as a UCI xiangqi engine, wait for ``uciok`` and ``readyok``, and close it;
    raises ``EngineError`` (a subclass saying why) when it does not answer so.

        >>> from engine.xiangqi.players import EngineStoppedError
        >>> try:
        ...     check_uci_engine("/bin/false")
        ... except EngineStoppedError as refused:
        ...     refused.engine
        'false'
    """
    UciEnginePlayer(path, LADDER["L0"], name=Path(path).stem, timeout_s=timeout_s).close()


class ComputerSeat:
    """The computer's side of the board: its opponent and, once it has thought, its player.

    Only one job at a time may use a seat (the tab waits for a cancelled job to end).
    """

    def __init__(self, opponent: Opponent) -> None:
        self.opponent = opponent
        self.player: Player | None = None

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        if self.player is None:
            assert self.opponent.make is not None, "a person's seat has no computer to ask"
            self.player = self.opponent.make()
        return self.player.choose_move(board, cancel=cancel)

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
            self.player = None
