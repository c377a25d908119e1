"""Puzzle mode (练习) of the xiangqi tab: its own board and panel, shown in place of the game.

The person plays the side to move; every move is judged in a job by the mate prover
(``engine.xiangqi.puzzles.PuzzleSession``): a move that still wins within the moves left is
played and the defender answers with its best defence; a wrong move is told, shown on the board
with the defender's refutation as an arrow, and the puzzle counts as failed. Hint (H) shows a
winning move (the puzzle then counts as failed too), Retry (R) starts the puzzle again, Next (N)
takes a puzzle near the person's rating; Esc returns to the game. The rating (Glicko-2, the
puzzle as the opponent, as lichess rates puzzles), the history and the streak are kept in the
settings, so they survive a restart.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import JobRunner, LatestJob, readable_error
from engine.xiangqi import RED, Move
from engine.xiangqi.game_line import written_move
from engine.xiangqi.glicko import PuzzleProgress, choose_next
from engine.xiangqi.puzzles import Attempt, Puzzle, PuzzleError, PuzzleSession, load_puzzles
from widgets.messages import fill
from widgets.xiangqi_board import XiangqiBoardView

_PROGRESS = "xiangqi/puzzles/progress"
_LAST = "xiangqi/puzzles/last"
SHOWN_HISTORY = 12


class PuzzleMode(QWidget):
    """The puzzle board and panel. ``enter_action`` (P) opens it in place of the widgets given
    to ``replaces``; Esc goes back. ``modeChanged(True)`` on entering, ``(False)`` on leaving."""

    modeChanged = Signal(bool)

    def __init__(self, runner: JobRunner, settings, notation: Callable[[], str] = lambda: "chinese",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.notation = notation  # the tab's: moves are written as in its move list
        self._job = LatestJob(runner, self.tr("Puzzle"))
        self.puzzles: list[Puzzle] | None = None
        self.session: PuzzleSession | None = None
        self.rated = False  # this puzzle has counted for the rating
        self.hinted = False  # a hint was shown for this puzzle (it counts as failed)
        self.progress = self._load_progress()
        self.rng = random.Random()
        self._replaced: list[QWidget] = []
        self._actions: list[tuple[QAction, bool]] = []
        self._outer: list[QAction] = []

        self.view = XiangqiBoardView()
        self.view.moveRequested.connect(self._on_move)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.task = QLabel()
        self.task.setWordWrap(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.rating_label = QLabel()
        self.rating_label.setObjectName("puzzle-rating")
        self.rating_label.setWordWrap(True)
        self.history = QListWidget()
        self.history.setToolTip(self.tr("Your latest puzzles: ✓ solved, ✗ failed, with your rating after each"))

        self.enter_action = QAction(self.tr("Puzzles"), self)
        self.enter_action.setShortcut(QKeySequence("P"))
        self.enter_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.enter_action.setToolTip(self.tr("Mate puzzles with a rating (P)"))
        self.enter_action.triggered.connect(self.enter)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, key, slot, tip in (
                ("hint", self.tr("Hint"), "H", self.hint, self.tr("Show a winning move (the puzzle then counts as failed)")),
                ("retry", self.tr("Retry"), "R", self.retry, self.tr("Start this puzzle again")),
                ("next", self.tr("Next"), "N", self.next_puzzle, self.tr("A new puzzle near your rating")),
                ("back", self.tr("Back to the game"), "Esc", self.leave, self.tr("Leave the puzzles"))):
            button = QPushButton(text)
            button.setObjectName(f"puzzle-{name}")
            if name != "back":  # Esc is the window's (cancel a job, else leave the mode: MainWindow.escape)
                button.setShortcut(QKeySequence(key))
            button.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button

        panel = QWidget()
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.title)
        side.addWidget(self.task)
        side.addWidget(self.feedback)
        side.addLayout(buttons)
        side.addSpacing(8)
        side.addWidget(self.rating_label)
        side.addWidget(self.history, 1)
        panel.setMinimumWidth(300)
        panel.setMaximumWidth(400)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.hide()

    # -- the mode --------------------------------------------------------------------------
    def replaces(self, widgets: list[QWidget], actions: list[QAction]) -> None:
        """While solving, ``widgets`` are hidden and ``actions`` disabled (their shortcuts too)."""
        self._replaced, self._outer = list(widgets), list(actions)

    @Slot()
    def enter(self) -> None:
        if self.isVisible():
            return
        if self.puzzles is None:
            try:
                self.puzzles = load_puzzles()
            except PuzzleError:
                self.puzzles = []
        self._actions = [(action, action.isEnabled()) for action in self._outer]
        for action, _ in self._actions:
            action.setEnabled(False)
        for widget in self._replaced:
            widget.hide()
        self.show()
        self.modeChanged.emit(True)
        if self.session is None or self.finished:  # a puzzle already counted: the next one
            self._start(self._saved_puzzle() or self._choose())
        self._show_rating()

    @Slot()
    def leave(self) -> None:
        if not self.isVisible():
            return
        self._job.forget()
        self.hide()
        for widget in self._replaced:
            widget.show()
        for action, enabled in self._actions:
            action.setEnabled(enabled)
        self.modeChanged.emit(False)

    def shutdown(self) -> None:
        self._job.forget()

    @property
    def finished(self) -> bool:
        """The puzzle shown is solved or has counted as failed."""
        return self.session is not None and (self.session.solved or self.rated)

    def _written(self, board, move: Move) -> str:
        return written_move(board, move, self.notation())

    # -- puzzles ---------------------------------------------------------------------------
    def _choose(self) -> Puzzle | None:
        return choose_next(self.puzzles or [], self.progress.rating.rating, self.progress.tried(), self.rng)

    def _saved_puzzle(self) -> Puzzle | None:
        last = str(self.settings.value(_LAST, "") or "")
        return next((p for p in self.puzzles or [] if p.id == last and last not in self.progress.tried()), None)

    def start_puzzle(self, puzzle: Puzzle) -> None:
        """Show ``puzzle`` (tests choose theirs)."""
        self._start(puzzle)

    def _start(self, puzzle: Puzzle | None) -> None:
        self._job.forget()
        if puzzle is None:
            self.session = None
            self.view.set_position(self.view.board)
            self.title.setText(self.tr("Puzzles"))
            self.task.setText(self.tr("The puzzle set (resources/xiangqi-puzzles) could not be read: "
                                      "reinstall Wenqi."))
            self.feedback.clear()
            return
        self.session, self.rated, self.hinted = PuzzleSession(puzzle), False, False
        self.settings.set_value(_LAST, puzzle.id)
        self.view.set_flipped(self.session.solver != RED)
        self.title.setText(fill(self.tr("Puzzle %1 · rated %2"), puzzle.label(), puzzle.rating))
        side = self.tr("Red") if self.session.solver == RED else self.tr("Black")
        if puzzle.n == 1:
            self.task.setText(fill(self.tr("%1 to move and win in one move."), side))
        else:
            self.task.setText(fill(self.tr("%1 to move and win within %2 moves."), side, puzzle.n))
        self._say(self.tr("Find the best move."))
        self._show_board()

    def _show_board(self, last: Move | None = None, arrows: list | None = None, movable: bool = True) -> None:
        session = self.session
        board = session.board.copy()
        over = session.solved
        self.view.set_position(board, last or (board.peek() if board.move_stack else None), animate=last is not None,
                               movable={session.solver} if movable and not over and board.turn == session.solver
                               else ())
        if arrows:
            self.view.set_arrows(arrows)

    def _say(self, text: str, error: bool = False, good: bool = False) -> None:
        self.feedback.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;" if good else "")
        self.feedback.setText(text)

    # -- moves -------------------------------------------------------------------------------
    @Slot(object)
    def _on_move(self, move: Move) -> None:
        session = self.session
        if session is None or self._job.busy:
            return
        self.view.set_movable(())
        before = session.board.copy()

        def judge(ctx) -> tuple[Attempt, Move | None]:
            attempt = session.try_move(move)
            return attempt, session.defence() if attempt.verdict == "right" else None

        self._say(self.tr("Checking…"))
        self._job.start(judge, on_result=lambda result: self._on_judged(session, before, move, *result),
                        on_error=self._on_error)

    def _on_judged(self, session: PuzzleSession, before, move: Move, attempt: Attempt, reply: Move | None) -> None:
        if session is not self.session:
            return
        written = self._written(before, move)
        if attempt.verdict == "wrong":
            self._rate(False)
            after = before.copy()
            after.push(move)
            if attempt.refutation is not None:
                self._say(fill(self.tr("%1 is not it: it does not win within the moves left. The defence: %2. "
                                       "Retry (R) or take the next puzzle (N)."),
                               written, self._written(after, attempt.refutation)), error=True)
            else:
                self._say(fill(self.tr("%1 is not it: it does not win within the moves left. "
                                       "Retry (R) or take the next puzzle (N)."), written), error=True)
            self.view.set_position(after, move, animate=True)
            if attempt.refutation is not None:
                self.view.set_arrows([(attempt.refutation, self.tr("refutation"))])
            return
        if attempt.verdict == "solved":
            counted = not self.rated
            self._rate(True)
            if self.hinted:
                self._say(fill(self.tr("%1 — solved with a hint, so it counts as failed. Next puzzle: N."), written))
            elif not counted:
                self._say(fill(self.tr("%1 — solved on a retry; your first try is what counted. Next puzzle: N."),
                               written))
            else:
                self._say(fill(self.tr("%1 — solved! Next puzzle: N."), written), good=True)
            self._show_board(move)
            return
        self._say(fill(self.tr("%1 — right. The defence: %2."), written, self._written(session.board, reply)), good=True)
        self._show_board(move, movable=False)
        QTimer.singleShot(self.view.animation_left_ms() + 250, self, lambda: self._defend(session, reply))

    def _defend(self, session: PuzzleSession, reply: Move) -> None:
        if session is not self.session or session.board.turn == session.solver:
            return
        session.play_defence(reply)
        self._show_board(reply)

    def _on_error(self, error: BaseException) -> None:
        self._say(fill(self.tr("The puzzle could not be checked: %1"), readable_error(error)), error=True)
        self._show_board()

    def _rate(self, solved: bool) -> None:
        if self.rated or self.session is None:
            return
        self.rated = True
        puzzle = self.session.puzzle
        self.last_change = self.progress.record(puzzle.id, puzzle.rating, solved)
        self.settings.set_value(_PROGRESS, json.dumps(self.progress.to_dict()))
        self._show_rating(self.last_change)

    # -- buttons -----------------------------------------------------------------------------
    @Slot()
    def hint(self) -> None:
        session = self.session
        if session is None or session.solved or self._job.busy or session.board.turn != session.solver:
            return
        self._rate(False)
        self.hinted = True
        self._say(self.tr("Looking for a winning move…"))
        self._job.start(lambda ctx: session.hint(), on_result=lambda move: self._on_hint(session, move),
                        on_error=self._on_error)

    def _on_hint(self, session: PuzzleSession, move: Move) -> None:
        if session is self.session:
            self._show_board()
            self.view.set_arrows([(move, self.tr("hint"))])
            self._say(fill(self.tr("Hint: %1 (this puzzle counts as failed)."), self._written(session.board, move)))

    @Slot()
    def retry(self) -> None:
        if self.session is not None:
            rated, hinted = self.rated, self.hinted
            self._start(self.session.puzzle)
            self.rated, self.hinted = rated, hinted

    @Slot()
    def next_puzzle(self) -> None:
        if self.session is not None and not self.rated:
            self._rate(False)  # skipped unsolved: a loss, as lichess counts it
        self._start(self._choose())

    # -- the rating ------------------------------------------------------------------------
    def _load_progress(self) -> PuzzleProgress:
        try:
            return PuzzleProgress.from_dict(json.loads(str(self.settings.value(_PROGRESS, "") or "{}")))
        except ValueError:
            return PuzzleProgress()

    def _show_rating(self, change: float | None = None) -> None:
        progress = self.progress
        text = fill(self.tr("Your puzzle rating: %1"), round(progress.rating.rating))
        if change is not None:
            text += f" ({change:+.0f})"
        text += " · " + fill(self.tr("streak %1, best %2"), progress.streak, progress.best_streak)
        text += " · " + fill(self.tr("%1 solved of %2"), sum(s for _, s, _ in progress.history), len(progress.history))
        self.rating_label.setText(text)
        self.history.clear()
        labels = {p.id: p.label() for p in self.puzzles or []}
        for puzzle_id, solved, after in reversed(progress.history[-SHOWN_HISTORY:]):
            self.history.addItem(f"{'✓' if solved else '✗'}  {labels.get(puzzle_id, puzzle_id)}  →  {after:.0f}")
