"""The game clock under the xiangqi board: the time control (none, 5 min, 10+5, 15+10, custom;
remembered), the two clocks, and a flag fall (``flagFell``: the tab then ends the game).

The tab shows it the game after every change (``follow``) and the clock works out what
happened: a new move presses the clock of the side that made it; an undo pauses both clocks
until the next new move; viewing an earlier move pauses them until the live position is shown
again; a finished game stops them. The rules (and which competition rule a flag fall follows)
are in ``engine.xiangqi.clock``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from engine.xiangqi import BLACK, RED
from engine.xiangqi.board import Outcome
from engine.xiangqi.clock import PRESETS, GameClock, TimeControl
from widgets.messages import fill
from engine.xiangqi.game_line import GameLine

_SETTINGS = "xiangqi/clock/"
TICK_MS = 100
LOW_TIME_S = 10.0


def clock_text(seconds: float) -> str:
    """``4:59``, with tenths under 10 s (``9.7``)."""
    if seconds < LOW_TIME_S:
        return f"{int(seconds * 10) / 10:.1f}"
    whole = int(seconds + 0.999)  # 4:59.2 shows 5:00 until a whole second has gone, as clocks do
    return f"{whole // 60}:{whole % 60:02d}"


class ClockPanel(QWidget):
    flagFell = Signal()

    def __init__(self, settings, now: Callable[[], float] = time.monotonic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.now = settings, now
        self.clock: GameClock | None = None
        self._line: GameLine | None = None
        self._ply = 0
        self._undone = 0  # moves the game could redo, when last followed
        self._held = False  # paused by an undo: until the next new move
        self._announced = False  # flagFell emitted for this clock

        self.faces = {RED: QLabel(), BLACK: QLabel()}
        for color, face in self.faces.items():
            face.setObjectName("clock-red" if color == RED else "clock-black")
            face.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = face.font()
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            face.setFont(font)
            face.setMinimumWidth(120)
        self.control_box = QComboBox()
        self.control_box.setObjectName("time-control")
        self.control_box.setToolTip(self.tr("The game clock: a side whose time runs out loses (超时判负). "
                                            "A change applies from the next game once the clock has started."))
        self.control_box.addItem(self.tr("No clock"), "")
        for control in PRESETS:
            self.control_box.addItem(self.control_label(control), control.pgn_tag())
        self.control_box.addItem(self.tr("Custom"), "custom")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setSuffix(self.tr(" min"))
        self.increment = QSpinBox()
        self.increment.setRange(0, 60)
        self.increment.setPrefix("+")
        self.increment.setSuffix(self.tr(" s"))
        self.increment.setToolTip(self.tr("Seconds added after each move"))
        self.minutes.setValue(int(self.settings.value(_SETTINGS + "custom_minutes", 20) or 20))
        self.increment.setValue(int(self.settings.value(_SETTINGS + "custom_increment", 10) or 0))
        chosen = str(self.settings.value(_SETTINGS + "control", "") or "")
        self.control_box.setCurrentIndex(max(0, self.control_box.findData(chosen)))
        self.control_box.activated.connect(self._on_control_changed)
        self.minutes.valueChanged.connect(self._on_control_changed)
        self.increment.valueChanged.connect(self._on_control_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.faces[RED])
        layout.addWidget(self.faces[BLACK])
        layout.addStretch(1)
        layout.addWidget(QLabel(self.tr("Clock:")))
        layout.addWidget(self.control_box)
        layout.addWidget(self.minutes)
        layout.addWidget(self.increment)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._show_custom()
        self._show()

    # -- the time control ----------------------------------------------------------------
    def control_label(self, control: TimeControl) -> str:
        """``5 min`` / ``5 分钟``, or ``10+5`` (minutes + seconds a move) in either language."""
        minutes = f"{control.base_s / 60:g}"
        if control.increment_s:
            return f"{minutes}+{control.increment_s:g}"
        return fill(self.tr("%1 min"), minutes)

    def control(self) -> TimeControl | None:
        """The chosen time control (None: no clock)."""
        data = self.control_box.currentData()
        if data == "custom":
            return TimeControl(self.minutes.value() * 60, self.increment.value())
        return TimeControl.from_pgn_tag(data) if data else None

    def set_control(self, tag: str) -> None:
        """Choose a preset by its PGN tag (``600+5``), ``custom`` or ``""`` (no clock)."""
        self.control_box.setCurrentIndex(max(0, self.control_box.findData(tag)))
        self._on_control_changed()

    @Slot()
    def _on_control_changed(self) -> None:
        self.settings.set_value(_SETTINGS + "control", self.control_box.currentData())
        self.settings.set_value(_SETTINGS + "custom_minutes", self.minutes.value())
        self.settings.set_value(_SETTINGS + "custom_increment", self.increment.value())
        self._show_custom()
        if self.clock is None or not self.clock.started:  # not started yet: this game takes it
            self._reset()
        self._show()

    def _show_custom(self) -> None:
        custom = self.control_box.currentData() == "custom"
        self.minutes.setVisible(custom)
        self.increment.setVisible(custom)

    def _reset(self) -> None:
        control = self.control()
        self.clock = GameClock(control, self.now) if control is not None else None
        self._held = self._announced = False
        if self._line is not None:
            if control is not None:
                self._line.headers["TimeControl"] = control.pgn_tag()
            else:
                self._line.headers.pop("TimeControl", None)

    # -- following the game ----------------------------------------------------------------
    def follow(self, line: GameLine) -> None:
        """Bring the clock in line with ``line`` (a new game, a move, an undo, viewing)."""
        if line is not self._line:
            self._line, self._ply, self._undone = line, line.ply, len(line.undone)
            self._reset()
        clock = self.clock
        if clock is not None:
            redone = len(line.undone) < self._undone  # a move taken back came back: no time was spent
            if line.ply > self._ply and not redone:
                clock.press(not line.board.turn)
                self._held = False
            elif line.ply < self._ply:
                clock.pause()
                self._held = True
            if line.board.outcome() is not None:
                clock.stop()
            elif not line.viewing_live:
                clock.pause()
            elif not self._held:
                clock.resume()
        self._ply, self._undone = line.ply, len(line.undone)
        self._show()

    @Slot(bool)
    def hold(self, on: bool) -> None:
        """Stop the clocks while ``on`` (the tab shows something else, e.g. puzzles); then go on."""
        if on and self.clock is not None:
            self.clock.pause()
            self._show()
        elif not on and self._line is not None:
            self.follow(self._line)

    def outcome(self) -> Outcome | None:
        over = self.clock.outcome() if self.clock is not None else None
        if over is not None and not self._announced:
            QTimer.singleShot(0, self, self.tick)  # found before the clock's own tick: announce it now
        return over

    def budget(self, color: bool) -> float | None:
        """Seconds the engine playing ``color`` may think (None without a clock)."""
        return self.clock.budget(color) if self.clock is not None else None

    # -- showing ---------------------------------------------------------------------------
    @Slot()
    def tick(self) -> None:
        clock = self.clock
        self._show()
        if clock is not None and clock.check_flag() is not None and not self._announced:
            self._announced = True
            self.flagFell.emit()

    def _show(self) -> None:
        clock = self.clock
        for face in self.faces.values():
            face.setVisible(clock is not None)
        if clock is None:
            self.timer.stop()
            return
        names = {RED: self.tr("Red"), BLACK: self.tr("Black")}
        for color, face in self.faces.items():
            left = clock.remaining(color)
            face.setText(fill(self.tr("%1 %2"), names[color], clock_text(left)))
            running, flagged = clock.running == color, clock.flagged == color
            background = "#c0392b" if flagged else ("#2e7d32" if running else "transparent")
            color_text = "white" if running or flagged else ("#c0392b" if left < LOW_TIME_S else "palette(text)")
            face.setStyleSheet(f"QLabel {{ background: {background}; color: {color_text}; border-radius: 4px; "
                               "padding: 2px 8px; }")
        if clock.running is not None:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
