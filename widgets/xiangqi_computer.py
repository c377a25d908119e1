"""The xiangqi tab's opponent: the list to choose from (with a UCI engine the person adds), the
time a move, and the computer's move, a job on ``services.runner``: the position is copied into
the job, the player thinks in a worker, and the reply comes back on the GUI thread, where it is
played only if the game has not moved on since (new game, undo)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QFileDialog

from engine.xiangqi import BLACK, RED, Move
from engine.xiangqi.names import DEFAULT_MOVE_TIME, MOVE_TIMES
from engine.xiangqi.opponents import CUSTOM_ENGINE, DEFAULT_OPPONENT, ComputerSeat, available_opponents, check_uci_engine
from widgets.messages import fill
from widgets.xiangqi_messages import error_text
from widgets.xiangqi_opponents import opponent_label
from widgets.xiangqi_tab_layout import SETTINGS_PREFIX

_CHOOSE_ENGINE, _REMOVE_ENGINE = "choose-engine", "remove-engine"
"""The opponent box's two last items, after the opponents."""


class ComputerOpponent:
    """Part of ``XiangqiTab``: who sits across the board, and asking it for its move."""

    def _fill_opponents(self, wanted_key: str) -> None:
        """The opponent box: every opponent, then "Choose a UCI engine…" and, when one was
        added, "Remove <engine>"."""
        self.opponents = available_opponents(self._custom_engine_path(), self.services.store, self.model_device,
                                             self.engine_time)
        self.opponent_box.clear()
        for opponent in self.opponents:
            self.opponent_box.addItem(opponent_label(opponent), opponent.key)
        self.opponent_box.addItem(self.tr("Choose a UCI engine…"), _CHOOSE_ENGINE)
        custom = next((o for o in self.opponents if o.kind == CUSTOM_ENGINE), None)
        if custom is not None:
            self.opponent_box.addItem(fill(self.tr("Remove %1"), custom.engine_name), _REMOVE_ENGINE)
        keys = [opponent.key for opponent in self.opponents]
        self._show_opponent(keys.index(wanted_key) if wanted_key in keys else 0)

    def _custom_engine_path(self) -> str:
        return str(self.settings.value(SETTINGS_PREFIX + "uci_path", "") or "")

    def _show_opponent(self, index: int) -> None:
        """Make ``self.opponents[index]`` the one in the box, its time setting and status-bar model."""
        self.opponent_box.setCurrentIndex(index)
        self.opponent = self.opponents[index]
        self.time_box.setEnabled(self.opponent.timed)
        self.services.show_model()

    def move_time(self) -> float:
        """Seconds a move for the engine levels (the setting)."""
        try:
            seconds = float(self.settings.value(SETTINGS_PREFIX + "move_time", DEFAULT_MOVE_TIME))
        except (TypeError, ValueError):
            seconds = DEFAULT_MOVE_TIME
        return seconds if seconds in MOVE_TIMES else DEFAULT_MOVE_TIME

    def engine_time(self) -> float:
        """The engine's seconds for its move (asked every move): its share of its clock, else the setting."""
        budget = self.clock.budget(not self.human_side)
        return self.move_time() if budget is None else budget

    @Slot(int)
    def _on_time_activated(self, index: int) -> None:
        self.settings.set_value(SETTINGS_PREFIX + "move_time", self.time_box.itemData(index))

    @Slot(int)
    def _on_opponent_activated(self, index: int) -> None:
        choice = self.opponent_box.itemData(index)
        if choice == _CHOOSE_ENGINE:
            self._choose_uci_binary()
        elif choice == _REMOVE_ENGINE:
            self.remove_uci_engine()
        else:
            self.set_opponent(self.opponents[index].key)

    def set_opponent(self, key: str) -> None:
        """Let ``key`` play the side the user does not, from the current position on."""
        keys = [opponent.key for opponent in self.opponents]
        if key not in keys:
            return
        self._show_opponent(keys.index(key))
        self.settings.set_value(SETTINGS_PREFIX + "opponent", key)
        self._replace_seat()
        self._refresh_status()
        self._maybe_think()

    def _choose_uci_binary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a UCI xiangqi engine"))
        self._show_opponent(self.opponents.index(self.opponent))  # the box leaves the "Choose" item
        if path:
            self.add_uci_engine(path)

    def add_uci_engine(self, path: str) -> None:
        """Check that ``path`` answers as a UCI engine (a job: it may take seconds), then list
        its levels and play the first; one that does not answer is refused and not kept."""
        name = Path(path).name
        self._say(fill(self.tr("Checking %1…"), name))
        self.services.runner.submit(lambda ctx: check_uci_engine(path), fill(self.tr("Checking %1"), name),
                                    on_result=lambda _: self._on_engine_checked(path),
                                    on_error=lambda error: self._on_engine_checked(path, error))

    def _on_engine_checked(self, path: str, error: BaseException | None = None) -> None:
        if error is not None:
            self._say(fill(self.tr("%1 was not added: %2"), Path(path).name, error_text(error)), error=True)
            return
        self.settings.set_value(SETTINGS_PREFIX + "uci_path", path)
        self._fill_opponents(self.opponent.key if self.opponent else "")
        self._say(fill(self.tr("%1 added: its levels are in the list."), Path(path).name))
        self.set_opponent(next(o.key for o in self.opponents if o.kind == CUSTOM_ENGINE))

    def remove_uci_engine(self) -> None:
        """Forget the added engine (its levels leave the list; playing one, the default takes over)."""
        self.settings.set_value(SETTINGS_PREFIX + "uci_path", "")
        playing_it = self.opponent is not None and self.opponent.kind == CUSTOM_ENGINE
        self._fill_opponents(DEFAULT_OPPONENT if playing_it else self.opponent.key)
        if playing_it:
            self.set_opponent(self.opponent.key)

    @Slot(int)
    def _on_side_activated(self, index: int) -> None:
        self.human_side = self.side_box.itemData(index)
        self.settings.set_value(SETTINGS_PREFIX + "side", "red" if self.human_side == RED else "black")
        self._cancel_thinking()
        self.view.set_flipped(self.human_side == BLACK)
        self._refresh_status()
        self._maybe_think()

    def _replace_seat(self) -> None:
        self._cancel_thinking()
        if self.seat is not None:
            self._retired.append(self.seat)
            self._close_retired()
        computer = self.opponent is not None and self.opponent.is_computer
        self.seat = ComputerSeat(self.opponent) if computer else None

    def _close_retired(self) -> None:
        """Close old players once no worker can be using them."""
        self._jobs = [job for job in self._jobs if job.running]
        if not self._jobs:
            for seat in self._retired:
                seat.close()
            self._retired.clear()

    def _computer_side(self) -> bool | None:
        return None if self.seat is None else not self.human_side

    def _maybe_think(self) -> None:
        """Ask the computer for a move when it is its turn (after any cancelled job has ended)."""
        board = self.line.board
        self._jobs = [job for job in self._jobs if job.running]
        if (self.seat is None or self._ticket is not None or self._jobs or self._setup_board is not None
                or board.turn != self._computer_side() or self.outcome() is not None):
            return
        seat, position, ticket = self.seat, board.copy(), object()
        self._ticket = ticket
        self._jobs.append(self.services.runner.submit(
            lambda ctx: seat.choose_move(position, cancel=ctx.cancel_token),
            self.tr("Move by %1").replace("%1", opponent_label(seat.opponent)),
            on_result=lambda move: self._on_reply(ticket, move),
            on_error=lambda exc: self._on_reply(ticket, None, exc),
            on_cancelled=lambda: self._on_reply(ticket, None), model=seat.opponent.model))
        self._refresh_status()

    def _cancel_thinking(self) -> None:
        self._ticket = None
        for job in self._jobs:
            job.cancel()

    def _on_reply(self, ticket: object, move: Move | None, error: BaseException | None = None) -> None:
        """A job ended. Play its move if the game still waits for it; else look again whose turn it is."""
        if ticket is self._ticket and move is not None and self.view.is_animating():
            # Let the user's own move land before the reply starts moving.
            QTimer.singleShot(self.view.animation_left_ms() + 40, self, lambda: self._on_reply(ticket, move, error))
            return
        self._close_retired()
        if ticket is not self._ticket:
            self._maybe_think()
            return
        self._ticket = None
        label = opponent_label(self.seat.opponent) if self.seat else ""
        if move is not None and isinstance(move, Move) and self.line.board.is_legal(move):
            self.line.play(move)
            self._played()
            return
        if error is not None:
            problem = self.tr("%1 could not move: %2").replace("%2", error_text(error))
        elif move is not None:
            problem = self.tr("%1 answered an illegal move (%2).").replace("%2", str(move))
        else:
            problem = self.tr("%1 stopped thinking.")
        retry = self.tr("Let it move")
        self._say(f"{html.escape(problem.replace('%1', label))} <a href='resume'>{html.escape(retry)}</a>",
                  error=True)
        self._refresh_status()
