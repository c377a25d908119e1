"""The game review as the Xiangqi tab runs it: one review job at a time, its results kept as
they come (a cancelled review keeps the moves it reached), and the row under the curve that
shows its progress with a Cancel button. The analysis is ``engine.xiangqi.review``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from widgets.jobs import JobRunner, LatestJob, readable_error
from engine.xiangqi import Move
from engine.xiangqi.review import DEFAULT_TIME_S, GameReview, MoveReview, PositionEval, review_game

PositionKey = tuple[str, tuple[str, ...]]
"""A position as the tab names it: the start FEN and the ICCS moves played from it."""


class GameReviewer(QObject):
    """Runs ``review_game`` for the tab's game. ``changed`` is emitted on every piece of news;
    ``review`` holds what is known of the game ``key`` names (complete once not ``running``)."""

    changed = Signal()

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = LatestJob(runner, self.tr("Game review"))
        self.key: PositionKey | None = None
        self.review: GameReview | None = None
        self.progress: float | None = None  # 0..1 while a review runs
        self.error = ""
        self.limits: dict = {"time_s": DEFAULT_TIME_S}
        """Search limits a position (tests use a depth)."""

    @property
    def running(self) -> bool:
        return self._job.busy

    def start(self, start_fen: str, moves: list[Move]) -> None:
        """Review the game from its start (replacing any review before)."""
        moves, limits = list(moves), dict(self.limits)
        self.key = (start_fen, tuple(move.iccs() for move in moves))
        self.review, self.progress, self.error = GameReview(start_fen), 0.0, ""
        self._job.start(lambda ctx: review_game(start_fen, moves, ctx=ctx, **limits),
                        on_partial=self._on_partial, on_result=self._on_result,
                        on_error=self._on_error, on_cancelled=self._on_cancelled)
        self.changed.emit()

    @Slot()
    def cancel(self) -> None:
        self._job.cancel()

    def forget(self) -> None:
        """Stop and drop the review (a new game)."""
        if self.key is None and not self.running:
            return
        self._job.forget()
        self.key, self.review, self.progress, self.error = None, None, None, ""
        self.changed.emit()

    def _on_partial(self, items: list) -> None:
        for item in items:
            if isinstance(item, PositionEval):
                self.review.positions.append(item)
            else:
                self.review.moves.append(item)
        self.progress = len(self.review.positions) / (len(self.key[1]) + 1)
        self.changed.emit()

    def _on_result(self, review: GameReview) -> None:
        self.review, self.progress = review, None
        self.changed.emit()

    def _on_error(self, error: BaseException) -> None:
        self.progress, self.error = None, readable_error(error)
        self.changed.emit()

    def _on_cancelled(self) -> None:
        self.progress = None
        self.changed.emit()

    def common_plies(self, start_fen: str, moves: tuple[str, ...]) -> int:
        """How many moves of the game ``moves`` the review has judged (the same start and moves)."""
        if self.key is None or self.review is None or self.key[0] != start_fen:
            return 0
        same = 0
        for a, b in zip(self.key[1], moves):
            if a != b:
                break
            same += 1
        return min(same, len(self.review.moves))

    def moves_for(self, start_fen: str, moves: tuple[str, ...]) -> dict[int, MoveReview]:
        """The judged moves that the game ``moves`` shares, by ply."""
        plies = self.common_plies(start_fen, moves)
        return {m.ply: m for m in self.review.moves[:plies]} if plies else {}

    def review_for(self, start_fen: str, moves: tuple[str, ...]) -> GameReview | None:
        """The review cut to the moves the game ``moves`` shares (None when it shares none)."""
        plies = self.common_plies(start_fen, moves)
        if not plies:
            return None
        return GameReview(start_fen, self.review.positions[:plies + 1], self.review.moves[:plies])


class ReviewProgress(QWidget):
    """A progress bar and a Cancel button, shown while a review runs."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the review; the moves reviewed so far keep their marks"))
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_progress(self, fraction: float | None, done: int, total: int) -> None:
        if fraction is None:
            self.hide()
            return
        self.bar.setValue(round(fraction * 1000))
        self.bar.setFormat(self.tr("Reviewing: position %1 of %2").replace("%1", str(done))
                           .replace("%2", str(total)))
        self.show()
