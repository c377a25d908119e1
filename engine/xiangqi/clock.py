"""A chess clock for a xiangqi game: time controls, increments, flag fall, the engine's budget.

A flag fall loses the game, whatever material is left: we follow the time-limit rule of the
Chinese Xiangqi Association's competition rules, 《中国象棋竞赛规则》(2011 edition), under which a
player who exceeds the time limit loses (超时判负) — unlike chess (FIDE Laws 6.9), xiangqi makes
no exception for a side that could not mate. The increment (加秒, Fischer) is added to the side
that has just moved, as in the 2011 rules' 加秒用时制.

The clock reads time from a function (``time.monotonic`` by default), so tests move it by hand.

    >>> now = [0.0]
    >>> clock = GameClock(TimeControl(300, 5), now=lambda: now[0])
    >>> clock.press(RED); now[0] = 10.0; clock.press(BLACK)   # red moved, then black after 10 s
    >>> clock.remaining(BLACK)
    295.0
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from engine.xiangqi.board import BLACK, RED, Outcome, Termination


class TimeControlError(ValueError):
    """A time control that cannot be read; ``text`` is what was given."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


@dataclass(frozen=True)
class TimeControl:
    """Seconds each side has for the game, and seconds added after each of its moves."""

    base_s: float
    increment_s: float = 0.0

    def __post_init__(self) -> None:
        if not (0 < self.base_s <= 6 * 3600 and 0 <= self.increment_s <= 600):
            raise TimeControlError(f"time control out of range: {self.base_s:g}+{self.increment_s:g} s",
                                   f"{self.base_s:g}+{self.increment_s:g}")

    def pgn_tag(self) -> str:
        """The PGN ``TimeControl`` tag: ``300`` or ``600+5`` (seconds, as PGN's standard writes it)."""
        base = f"{self.base_s:g}"
        return f"{base}+{self.increment_s:g}" if self.increment_s else base

    @classmethod
    def from_pgn_tag(cls, text: str) -> TimeControl:
        """Read ``600+5`` or ``300`` (seconds); ``-`` or ``?`` (no clock) is an error here."""
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)(?:\+(\d+(?:\.\d+)?))?\s*", text)
        if not found:
            raise TimeControlError(f"not a time control: {text!r} (expected like 600+5)", text)
        return cls(float(found.group(1)), float(found.group(2) or 0))


PRESETS = (TimeControl(300), TimeControl(600, 5), TimeControl(900, 10))
"""5 min, 10+5 and 15+10; no clock and a custom control are the menus' other choices."""


def move_budget(remaining_s: float, increment_s: float, moves_to_go: int = 30) -> float:
    """Seconds the engine may think with ``remaining_s`` on its clock: an even share of the time
    left over ``moves_to_go`` more moves, plus most of the increment, and never more than a
    third of what is left (so a slow answer cannot flag)."""
    if remaining_s <= 0:
        return 0.05
    budget = remaining_s / moves_to_go + 0.8 * increment_s
    return max(0.05, min(budget, remaining_s / 3))


class GameClock:
    """Two clocks, one running at a time. ``press(color)``: ``color`` has moved (its
    increment is added, unless it is the game's first press) and the other side's clock runs."""

    def __init__(self, control: TimeControl, now: Callable[[], float] = time.monotonic) -> None:
        self.control, self.now = control, now
        self._left = {RED: float(control.base_s), BLACK: float(control.base_s)}
        self.running: bool | None = None  # whose clock runs (None: stopped or paused)
        self._since = 0.0  # when the running clock last started
        self.paused: bool | None = None  # whose clock a pause stopped
        self.flagged: bool | None = None  # the side whose time ran out
        self.started = False

    def remaining(self, color: bool) -> float:
        """Seconds ``color`` has left (0 once its flag has fallen)."""
        left = self._left[color]
        if self.running == color:
            left -= self.now() - self._since
        return max(0.0, left)

    def _stop_running(self) -> None:
        if self.running is not None:
            self._left[self.running] = self.remaining(self.running)
            self.running = None

    def _run(self, color: bool) -> None:
        self.running, self._since = color, self.now()

    def press(self, color: bool) -> None:
        """``color`` has moved: its clock stops (plus the increment) and the other's runs."""
        if self.check_flag() is not None:
            return
        self._stop_running()
        if self.started:
            self._left[color] += self.control.increment_s
        self.started, self.paused = True, None
        self._run(not color)

    def pause(self) -> None:
        """Stop the running clock until ``resume`` (undo, review)."""
        if self.running is not None:
            self.paused = self.running
            self._stop_running()

    def resume(self) -> None:
        if self.paused is not None and self.flagged is None:
            self._run(self.paused)
        self.paused = None

    def stop(self) -> None:
        """The game is over: nothing runs any more."""
        self._stop_running()
        self.paused = None

    def check_flag(self) -> bool | None:
        """The side whose flag has fallen, if one has (its clock then stops at 0)."""
        if self.flagged is None and self.running is not None and self.remaining(self.running) <= 0:
            self.flagged = self.running
            self._left[self.running] = 0.0
            self.running = None
        return self.flagged

    def outcome(self) -> Outcome | None:
        """A loss on time for the side whose flag fell."""
        flagged = self.check_flag()
        return None if flagged is None else Outcome(Termination.TIME_FORFEIT, not flagged)

    def budget(self, color: bool) -> float:
        """Seconds the engine playing ``color`` may think now (``move_budget``)."""
        return move_budget(self.remaining(color), self.control.increment_s)
